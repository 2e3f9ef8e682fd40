"""Ideal-point reader on the real July 2025 .dta: values, COW mapping, placeholder rows,
idempotent reload, malformed files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from realpolitik.errors import InputError
from realpolitik.sources.idealpoints import IdealPointsReader
from realpolitik.store import Store
from tests.conftest import ledger_identity_holds, raw_file

DTA = "voeten_idealpoints/IdealpointsJuly2025.dta"


def test_values_codes_and_placeholders(store: Store) -> None:
    result = store.load_record_file(IdealPointsReader(), raw_file(DTA))
    raw = pd.read_stata(raw_file(DTA))
    assert (result.rows_read, result.rows_stored, result.rows_quarantined) == (11_440, 11_438, 2)
    ours = dict(
        store.con.execute(
            "SELECT code, idealpointall FROM ideal_points WHERE year = 1992 "
            "AND code IN ('RUS', 'USA', 'IRN')"
        ).fetchall()
    )
    for code, ccode in (("RUS", 365), ("USA", 2), ("IRN", 630)):
        value = raw.loc[(raw.ccode == ccode) & (raw.year == 1992), "idealpointall"].item()
        assert ours[code] == pytest.approx(float(value), abs=1e-12)
    assert ours["USA"] - ours["RUS"] == pytest.approx(1.70, abs=0.005)  # research note 2e
    yugoslavia = store.con.execute(
        "SELECT DISTINCT code FROM ideal_points WHERE iso3c = 'YUG'"
    ).fetchall()
    assert yugoslavia == [("SRB",)]  # COW 345 → SRB, though the file writes YUG
    empty_2024 = store.con.execute(
        "SELECT count(*), count(idealpointall) FROM ideal_points WHERE year = 2024"
    ).fetchone()
    assert empty_2024 == ((raw.year == 2024).sum(), 0)
    # the placeholder rows 260/1990 and 678/1990 repeat DEU/1990 (255) and YEM/1990 (679)
    placeholders = raw.index[(raw.iso3c == "") & raw.ccode.isin([260, 678])] + 1
    kept = {
        code: raw.index[(raw.ccode == ccode) & (raw.year == 1990)][0] + 1
        for code, ccode in (("DEU", 255), ("YEM", 679))
    }
    assert store.quarantine().line.tolist() == placeholders.tolist()
    assert store.quarantine().reason.tolist() == [
        f"same code/year {code}/1990 as IdealpointsJuly2025.dta:row {kept[code]}, which is kept"
        for code in ("DEU", "YEM")
    ]


def test_reload_is_idempotent(store: Store) -> None:
    first = store.load_record_file(IdealPointsReader(), raw_file(DTA))
    second = store.load_record_file(IdealPointsReader(), raw_file(DTA))
    assert (second.rows_stored, second.rows_duplicate) == (0, first.rows_stored)
    assert store.con.execute("SELECT count(*) FROM ideal_points").fetchone()[0] == 11_438
    assert ledger_identity_holds(store)


def test_malformed_files_raise_and_store_nothing(store: Store, tmp_path: Path) -> None:
    missing = tmp_path / "ideal_no_all.dta"
    pd.read_stata(raw_file(DTA)).head(10).drop(columns=["idealpointall"]).to_stata(
        missing, write_index=False
    )
    with pytest.raises(InputError, match=r"ideal_no_all\.dta: lacks column\(s\) idealpointall"):
        store.load_record_file(IdealPointsReader(), missing)
    text = tmp_path / "ideal_text_votes.dta"
    frame = pd.read_stata(raw_file(DTA)).head(10)
    frame.assign(nvotesall=frame.nvotesall.astype(str)).to_stata(text, write_index=False)
    with pytest.raises(
        InputError, match=r"ideal_text_votes\.dta: column nvotesall is \w+, not num"
    ):
        store.load_record_file(IdealPointsReader(), text)
    garbage = tmp_path / "ideal.dta"
    garbage.write_bytes(b"ccode,year\n2,1992\n")
    with pytest.raises(InputError, match=r"ideal\.dta: cannot read as a Stata \.dta file"):
        store.load_record_file(IdealPointsReader(), garbage)
    assert store.ledger().empty
