"""GDELT 2.0 export reader, checked against an independent plain-Python parse of real files."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from realpolitik.countries import code_from_cameo
from realpolitik.errors import InputError
from realpolitik.sources import detect_format
from realpolitik.sources.base import RawFile
from realpolitik.store import Store
from tests.conftest import raw_file

NEWSNET = "gdelt_v2/newsnet-africa__20250511180000.export.csv"


def parse_plain(path: Path) -> dict[str, list[str]]:
    """GLOBALEVENTID → fields, with nothing but str.split."""
    with path.open(encoding="utf-8") as fh:
        return {row[0]: row for row in (line.rstrip("\n").split("\t") for line in fh)}


def test_every_row_matches_an_independent_parse(store: Store) -> None:
    path = raw_file(NEWSNET)
    result = store.ingest(path)
    assert (result.format, result.rows_read, result.rows_stored) == ("gdelt2", 786, 786)
    expected = parse_plain(path)
    stored = store.events().set_index("event_id")
    assert len(stored) == len(expected) == 786
    for gid, f in expected.items():
        row = stored.loc[f"gdelt2:{gid}"]
        assert row.date.strftime("%Y%m%d") == f[1]
        assert row.cameo == f[26]
        assert row.quad_class == int(f[29])
        assert row.goldstein == pytest.approx(float(f[30]))
        assert row.num_mentions == int(f[31]) and row.num_articles == int(f[33])
        assert row.is_root == (f[25] == "1")
        if f[7]:
            assert row.source == (code_from_cameo(f[7]) or f[7])
        assert row.source_name == f[6] and row.target_name == f[16]


def test_dyads_and_origin_refs_point_at_the_lines(store: Store) -> None:
    path = raw_file(NEWSNET)
    store.ingest(path)
    us_ru = store.events(source="USA", target="RUS")
    # SOURCES.md: USA→RUS 3 (GLOBALEVENTID 1243170124–26, EventCodes 166, 172, 172)
    assert list(us_ru.event_id) == [f"gdelt2:{n}" for n in (1243170124, 1243170125, 1243170126)]
    assert list(us_ru.cameo) == ["166", "172", "172"]
    lines = path.read_text(encoding="utf-8").splitlines()
    for ref, event_id in zip(us_ru.origin_ref, us_ru.event_id, strict=True):
        file, line = ref.rsplit(":", 1)
        assert file == str(path)
        assert lines[int(line) - 1].split("\t")[0] == event_id.split(":")[1]
    assert store.events(source="RUS", target="IRN").empty


def test_zip_as_gdelt_distributes_it(store: Store, tmp_path: Path) -> None:
    path = raw_file(NEWSNET)
    archive = tmp_path / "20250511180000.export.CSV.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(path, "20250511180000.export.CSV")
    result = store.ingest(archive)
    assert result.file == f"{archive}!20250511180000.export.CSV"
    assert (result.format, result.rows_stored) == ("gdelt2", 786)


def test_translingual_export(store: Store) -> None:
    result = store.ingest(raw_file("gdelt_v2/spark-gdelt__eventsT.csv"))
    assert (result.format, result.rows_stored, result.rows_quarantined) == ("gdelt2", 100, 0)
    assert len(store.events(source="USA", target="RUS")) == 1  # SOURCES.md: one USA→RUS row


def test_mentions_file_is_not_mistaken_for_events() -> None:
    raw = RawFile.open(raw_file("gdelt_v2/spark-gdelt__mentions.csv"))
    with pytest.raises(InputError, match="cannot tell the format"):
        detect_format(raw)


def test_explicit_format_that_does_not_fit(store: Store) -> None:
    with pytest.raises(InputError, match=r"does not look like gdelt2: .*\[20\] fields"):
        store.ingest(raw_file("icews/andybega-icews__events.2018.sample.tab"), "gdelt2")
    assert store.ledger().empty
