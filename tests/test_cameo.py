"""The CAMEO code table and its API, checked against values read off the raw codebooks and
against real GDELT rows (those tests skip when ../shared/data/raw is absent)."""

from __future__ import annotations

import csv
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from realpolitik.cameo import (
    QUAD_CONVENTIONS,
    cameo_table,
    goldstein,
    is_cameo_code,
    quad_class,
)
from tests.conftest import GDELT_TAB_FILES, RAW, REPO, raw_file

DATA = REPO / "src" / "realpolitik" / "data"
TABLES = (
    "cameo.csv",
    "countries.csv",
    "country_names.csv",
    "icews_sectors.csv",
    "sector_codes.csv",
)
EVENT_CODE, EVENT_BASE, EVENT_ROOT, QUAD, GOLDSTEIN = 26, 27, 28, 29, 30


def gdelt_rows(relative: str) -> Iterator[list[str]]:
    """Fields of each row of a raw GDELT event file (the UNDP extract is quoted CSV)."""
    path = raw_file(relative)
    with path.open(encoding="utf-8", newline="") as fh:
        if relative.startswith("gdelt_v1/undp-bcpr"):
            reader = csv.reader(fh)
            next(reader)
            yield from reader
        else:
            for line in fh:
                yield line.rstrip("\n").split("\t")


def test_table_shape_and_codes_are_strings() -> None:
    table = cameo_table()
    assert list(table.columns) == [
        "code",
        "root",
        "level",
        "name",
        "goldstein",
        "goldstein_icews",
        "quad_gdelt",
        "quad_icews",
    ]
    assert len(table) == 312
    assert table["code"].is_unique
    assert table["code"].tolist() == sorted(table["code"])
    assert all(isinstance(c, str) and c.isdigit() and 2 <= len(c) <= 4 for c in table["code"])
    assert (table["root"] == table["code"].str[:2]).all()
    levels = table["code"].str.len().map({2: "root", 3: "base", 4: "sub"})
    assert (table["level"] == levels).all()
    assert table["level"].value_counts().to_dict() == {"base": 147, "sub": 145, "root": 20}
    assert table[["goldstein", "goldstein_icews"]].notna().all().all()
    assert "057" in set(table["code"]) and "57" not in set(table["code"])


def test_values_read_off_the_codebooks() -> None:
    table = cameo_table().set_index("code")
    assert table.at["057", "name"] == "Sign formal agreement"
    assert table.at["057", "goldstein"] == 8.0
    assert table.at["016", "goldstein"] == -2.0  # GDELT
    assert table.at["016", "goldstein_icews"] == -5.0  # ICEWS
    assert (table.at["022", "goldstein"], table.at["022", "goldstein_icews"]) == (3.2, 3.4)
    assert (table.at["164", "goldstein"], table.at["164", "goldstein_icews"]) == (-7.0, -6.5)
    assert (table.at["165", "goldstein"], table.at["165", "goldstein_icews"]) == (-6.5, -7.0)
    assert table.at["0231", "name"] == "Appeal for economic aid"
    assert table.at["0231", "goldstein"] == 3.4
    assert table.at["14", "name"] == "PROTEST"


def test_repaired_rows() -> None:
    table = cameo_table().set_index("code")
    assert table.at["044", "name"] == "Meet at a 'third' location"  # mojibake in GDELT
    # 106 is glued onto 1056 in the GDELT lookup.
    assert table.at["1056", "name"] == "Demand de-escalation of military engagement"
    assert table.at["106", "name"] == "Demand withdrawal"
    assert table.at["106", "goldstein"] == -5.0
    # 1213 is not in GDELT: name and Goldstein from ICEWS.
    assert table.at["1213", "name"] == "Reject judicial cooperation"
    assert table.at["1213", "goldstein"] == table.at["1213", "goldstein_icews"] == -4.0
    assert all(name == " ".join(name.split()) and name.isascii() for name in table["name"])


@pytest.mark.parametrize(
    ("code", "gdelt", "icews"),
    [
        ("0231", 1, 1),
        ("057", 1, 1),
        ("08", 2, 2),
        ("09", 2, 3),
        ("091", 2, 3),
        ("10", 3, 3),
        ("13", 3, 3),
        ("14", 3, 4),
        ("1414", 3, 4),
        ("15", 4, 4),
        ("20", 4, 4),
        ("204", 4, 4),
    ],
)
def test_quad_class(code: str, gdelt: int, icews: int) -> None:
    assert quad_class(code) == gdelt
    assert quad_class(code, "gdelt") == gdelt
    assert quad_class(code, "icews") == icews


def test_quad_conventions_by_root() -> None:
    assert QUAD_CONVENTIONS == ("gdelt", "icews")
    roots = [f"{r:02d}" for r in range(1, 21)]
    assert [quad_class(r, "gdelt") for r in roots] == [1] * 5 + [2] * 4 + [3] * 5 + [4] * 6
    assert [quad_class(r, "icews") for r in roots] == [1] * 5 + [2] * 3 + [3] * 5 + [4] * 7


def test_quad_class_rejects_bad_input() -> None:
    with pytest.raises(ValueError, match="'phoenix'"):
        quad_class("057", "phoenix")
    for bad in ("57", "0000", "", "abc"):
        with pytest.raises(ValueError, match=repr(bad)):
            quad_class(bad)
    with pytest.raises(ValueError, match="57"):
        quad_class(57)  # type: ignore[arg-type]


def test_goldstein_and_fallback() -> None:
    assert goldstein("057") == 8.0
    assert goldstein("016") == -2.0
    assert goldstein("1213") == -4.0
    assert goldstein("1219") == goldstein("121") == -4.0  # unlisted sub-code → its base
    assert goldstein("109") == goldstein("10") == -5.0  # unlisted base → its root
    assert goldstein("0000") is None
    assert goldstein("") is None


def test_is_cameo_code() -> None:
    assert is_cameo_code("057") and is_cameo_code("01") and is_cameo_code("1213")
    assert not is_cameo_code("57")
    assert not is_cameo_code("0571")
    assert not is_cameo_code(57)  # type: ignore[arg-type]


def test_cameo_table_is_a_copy() -> None:
    table = cameo_table()
    table.loc[0, "name"] = "changed"
    assert cameo_table().loc[0, "name"] == "MAKE PUBLIC STATEMENT"


def test_gdelt_quad_rule_and_goldstein_agree_with_real_newsnet_rows() -> None:
    rows = list(gdelt_rows("gdelt_v2/newsnet-africa__20250511180000.export.csv"))
    assert len(rows) == 786
    for row in rows:
        assert quad_class(row[EVENT_ROOT]) == int(row[QUAD]), row[0]
        assert goldstein(row[EVENT_CODE]) == float(row[GOLDSTEIN]), row[0]


@pytest.mark.parametrize("relative", [*GDELT_TAB_FILES, "gdelt_v1/undp-bcpr__apr2012.csv"])
def test_every_real_gdelt_row_agrees(relative: str) -> None:
    roots = set()
    for row in gdelt_rows(relative):
        assert all(is_cameo_code(row[i]) for i in (EVENT_CODE, EVENT_BASE, EVENT_ROOT)), row[0]
        assert quad_class(row[EVENT_ROOT]) == int(row[QUAD]), row[0]
        assert goldstein(row[EVENT_CODE]) == float(row[GOLDSTEIN]), row[0]
        roots.add(row[EVENT_ROOT])
    assert roots


def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    raw_file("codebooks")
    script = REPO / "scripts" / "build_code_tables.py"
    subprocess.run(
        [sys.executable, str(script), "--raw", str(RAW), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for name in TABLES:
        built = (tmp_path / name).read_bytes()
        assert built == (DATA / name).read_bytes(), f"{name} differs from a rebuild"
        assert b"\r" not in built
