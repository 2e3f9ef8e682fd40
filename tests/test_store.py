"""The store: idempotent ingestion, the ledger identity, quarantine and rollback, and every
kind of bad input the foundation issue lists, each named by file, line and reason."""

from __future__ import annotations

import dataclasses
import zipfile
from datetime import date
from pathlib import Path

import pytest

from realpolitik.errors import InputError
from realpolitik.sources import base
from realpolitik.sources.gdelt2 import GdeltV2Reader
from realpolitik.store import LedgerError, Store, check_ledger_identity
from tests.conftest import EXAMPLES, ledger_identity_holds, raw_file

NEWSNET = "gdelt_v2/newsnet-africa__20250511180000.export.csv"
EVENT_FILES = [
    NEWSNET,
    "gdelt_v2/spark-gdelt__events.csv",
    "gdelt_v2/spark-gdelt__eventsT.csv",
    "gdelt_v1/reed9999-gdelt-demo__events.csv",
    "gdelt_v1/spark-gdelt__events1.csv",
    "gdelt_v1/undp-bcpr__apr2012.csv",
    "icews/andybega-icews__events.2018.sample.tab",
]


def real_lines(count: int = 40) -> list[str]:
    return raw_file(NEWSNET).read_text(encoding="utf-8").splitlines()[:count]


def write_lines(path: Path, lines: list[str | bytes]) -> Path:
    path.write_bytes(b"".join((x if isinstance(x, bytes) else x.encode()) + b"\n" for x in lines))
    return path


def event_count(store: Store) -> int:
    return store.con.execute("SELECT count(*) FROM events").fetchone()[0]


@pytest.mark.parametrize("relative", EVENT_FILES)
def test_identity_and_idempotence_on_every_real_file(store: Store, relative: str) -> None:
    path = raw_file(relative)
    first = store.ingest(path)
    second = store.ingest(path)
    assert first.rows_read == first.rows_stored + first.rows_duplicate + first.rows_quarantined
    assert (second.rows_stored, second.rows_duplicate) == (
        0,
        first.rows_read - first.rows_quarantined,
    )
    assert second.sha256 == first.sha256
    assert event_count(store) == first.rows_stored
    assert ledger_identity_holds(store)


def test_identity_on_the_shipped_examples(store: Store) -> None:
    files = sorted(p for p in EXAMPLES.glob("*") if p.suffix != ".md")
    assert files, "examples/events is empty: run make fixtures"
    for path in files:
        result = store.ingest(path)
        assert result.rows_stored > 0, path
    assert ledger_identity_holds(store)
    assert len(store.ledger()) == len(files)


def test_duplicates_across_overlapping_files(store: Store, tmp_path: Path) -> None:
    lines = real_lines(30)
    store.ingest(write_lines(tmp_path / "a.csv", lines[:20]))
    result = store.ingest(write_lines(tmp_path / "b.csv", lines[10:] + lines[25:]))
    assert (result.rows_read, result.rows_stored, result.rows_duplicate) == (25, 10, 15)
    assert event_count(store) == 30


def test_a_reader_that_loses_a_row_is_caught(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_lines(tmp_path / "lost.csv", real_lines(12))
    store.ingest(write_lines(tmp_path / "before.csv", real_lines(40)[30:]))
    staging = GdeltV2Reader.staging_sql

    def loses_line_5(self: GdeltV2Reader, lines: str) -> str:
        return f"SELECT * FROM ({staging(self, lines)}) WHERE _line <> 5"

    monkeypatch.setattr(GdeltV2Reader, "staging_sql", loses_line_5)
    with pytest.raises(LedgerError, match=r"lost\.csv: the reader cut 12 data rows but staged 11"):
        store.ingest(path)
    assert len(store.ledger()) == 1 and event_count(store) == 10  # as before the call


def test_a_lost_insert_breaks_the_identity(store: Store, tmp_path: Path) -> None:
    """The identity is checked on independent counts, so a term that does not add up fails."""
    result = store.ingest(write_lines(tmp_path / "ok.csv", real_lines(8)))
    check_ledger_identity(result)
    broken = dataclasses.replace(result, rows_stored=result.rows_stored - 1)
    with pytest.raises(LedgerError, match=r"read 8 rows but accounted for 7.*1 went missing"):
        check_ledger_identity(broken)


def test_only_the_wanted_actors_are_kept_and_the_rest_counted(store: Store, tmp_path: Path) -> None:
    path = write_lines(tmp_path / "all.csv", real_lines(40))
    result = store.ingest(path, actors=["GBR", "CHN"])
    kept = store.events()
    assert len(kept) == result.rows_stored > 0
    assert (kept.source.isin(["GBR", "CHN"]) | kept.target.isin(["GBR", "CHN"])).all()
    assert result.rows_filtered == 40 - result.rows_stored - result.rows_quarantined
    assert result.rows_filtered > 0
    assert ledger_identity_holds(store)
    # the rows filtered out are not duplicates when the file comes again unfiltered
    again = store.ingest(path)
    assert (again.rows_duplicate, again.rows_filtered) == (result.rows_stored, 0)


def test_empty_file(store: Store, tmp_path: Path) -> None:
    empty = tmp_path / "empty.CSV"
    empty.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty\.CSV: empty file"):
        store.ingest(empty)
    assert store.ledger().empty


def test_file_of_another_format(store: Store, tmp_path: Path) -> None:
    other = tmp_path / "notes.txt"
    other.write_text("Minutes of the meeting\nnothing tabular here\n")
    with pytest.raises(InputError, match=r"notes\.txt:1: cannot tell the format"):
        store.ingest(other)
    mentions = raw_file("gdelt_v2/spark-gdelt__mentions.csv")
    with pytest.raises(InputError, match="does not look like gdelt1"):
        store.ingest(mentions, "gdelt1")
    assert store.ledger().empty


def test_truncated_zip_leaves_the_store_as_it_was(store: Store, tmp_path: Path) -> None:
    store.ingest(raw_file("gdelt_v2/spark-gdelt__events.csv"))
    before = (event_count(store), len(store.ledger()))
    archive = tmp_path / "batch.export.CSV.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(raw_file(NEWSNET), "batch.export.CSV")
    data = archive.read_bytes()
    archive.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"batch\.export\.CSV\.zip: truncated or damaged zip"):
        store.ingest(archive)
    assert (event_count(store), len(store.ledger())) == before


def test_damage_inside_a_zip_rolls_back_rows_already_staged(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(base, "CHUNK_BYTES", 4096)  # many chunks, so some are stored first
    archive = tmp_path / "bad.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(raw_file(NEWSNET), "bad.export.CSV")
    data = bytearray(archive.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)
    archive.write_bytes(bytes(data))
    with pytest.raises(InputError, match="truncated or damaged zip"):
        store.ingest(archive)
    assert event_count(store) == 0
    assert store.ledger().empty and store.quarantine().empty


def test_a_zip_with_several_files(store: Store, tmp_path: Path) -> None:
    archive = tmp_path / "two.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("a.CSV", "x")
        zf.writestr("b.CSV", "y")
    with pytest.raises(InputError, match=r"exactly one data file, found: a\.CSV, b\.CSV"):
        store.ingest(archive)


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda f: [*f, "extra"], "expected 61 tab-separated fields, found 62"),
        (lambda f: f[:-2], "expected 61 tab-separated fields, found 59"),
        (lambda f: [f[0], "20180231", *f[2:]], "SQLDATE '20180231' is not a valid date"),
        (lambda f: [*f[:30], "abc", *f[31:]], "GoldsteinScale 'abc' is not a number"),
        (lambda f: [*f[:30], "12.5", *f[31:]], "GoldsteinScale 12.5 is outside -10..10"),
        (lambda f: [*f[:29], "7", *f[30:]], "QuadClass '7' is not 1, 2, 3 or 4"),
        (lambda f: [*f[:26], "5x7", *f[27:]], "EventCode '5x7' is not a CAMEO code"),
        (lambda f: [*f[:7], "r$1", *f[8:]], "Actor1CountryCode 'r$1' is not a country code"),
        (lambda f: ["id?", *f[1:]], "GLOBALEVENTID 'id?' is not a whole number"),
    ],
)
def test_bad_rows_are_quarantined_and_good_rows_kept(
    store: Store, tmp_path: Path, damage, reason: str
) -> None:
    lines = real_lines(10)
    bad = "\t".join(damage(lines[4].split("\t")))
    path = write_lines(tmp_path / "damaged.CSV", [*lines[:4], bad, *lines[5:]])
    result = store.ingest(path)
    assert (result.rows_read, result.rows_stored, result.rows_quarantined) == (10, 9, 1)
    quarantined = store.quarantine()
    assert list(quarantined.line) == [5]
    assert quarantined.reason.iloc[0] == reason
    assert quarantined.raw.iloc[0] == bad
    assert quarantined.file.iloc[0] == str(path)


def test_bytes_that_are_not_utf8(store: Store, tmp_path: Path) -> None:
    lines: list[str | bytes] = list(real_lines(5))
    lines[2] = lines[2].encode().replace(b"\t", b"\t\xff\xfe", 1)
    result = store.ingest(write_lines(tmp_path / "latin.CSV", lines))
    assert (result.rows_stored, result.rows_quarantined) == (4, 1)
    row = store.quarantine().iloc[0]
    assert (row.line, row.reason) == (3, "line is not valid UTF-8")
    assert "\\xFF\\xFE" in row.raw  # the bytes are kept, escaped


def test_unknown_country_code_is_kept_and_noted(store: Store, tmp_path: Path) -> None:
    lines = real_lines(5)
    fields = lines[1].split("\t")
    fields[7] = "XYZ"
    lines[1] = "\t".join(fields)
    result = store.ingest(write_lines(tmp_path / "odd.CSV", lines))
    assert (result.rows_stored, result.rows_quarantined) == (5, 0)
    assert "Actor1CountryCode 'XYZ' not in the CAMEO country table (kept as is) (1 rows)" in (
        result.notes
    )
    assert len(store.events(source="XYZ")) == 1
    assert store.ledger().notes.iloc[0] == result.notes


def test_ten_megabyte_line(store: Store, tmp_path: Path) -> None:
    lines = real_lines(6)
    huge = "x" * (10 * 1024 * 1024)
    path = write_lines(tmp_path / "huge.CSV", [*lines[:3], huge, *lines[3:]])
    result = store.ingest(path)
    assert (result.rows_read, result.rows_stored, result.rows_quarantined) == (7, 6, 1)
    row = store.quarantine().iloc[0]
    assert (row.line, row.reason) == (
        4,
        "line of 10,485,761 bytes, over the limit of 4,194,304: not a record "
        "(its first bytes are kept)",
    )
    assert row.raw_bytes == len(huge) + 1 and len(row.raw) == base.QUARANTINE_RAW_CHARS


def test_blank_lines_and_crlf(store: Store, tmp_path: Path) -> None:
    lines = real_lines(4)
    data = ("\r\n".join([lines[0], lines[1], "", lines[2], lines[3]]) + "\r\n").encode()
    path = tmp_path / "crlf.CSV"
    path.write_bytes(data)
    result = store.ingest(path)
    assert (result.rows_read, result.rows_stored, result.rows_quarantined) == (5, 4, 1)
    assert store.quarantine().reason.tolist() == ["blank line"]
    assert not store.events().source_name.str.endswith("\r").any()


def test_several_files_one_bad_one_good(store: Store, tmp_path: Path) -> None:
    empty = tmp_path / "empty.tab"
    empty.write_bytes(b"")
    results = store.ingest_many([empty, raw_file(NEWSNET), tmp_path / "missing.CSV"])
    assert isinstance(results[0], InputError) and "empty file" in str(results[0])
    assert results[1].rows_stored == 786
    assert isinstance(results[2], InputError) and "no such file" in str(results[2])


def test_header_only_file_stores_nothing(store: Store, tmp_path: Path) -> None:
    header = raw_file("icews/andybega-icews__events.2018.sample.tab").read_text().splitlines()[0]
    path = tmp_path / "header.tab"
    path.write_text(header + "\n")
    with pytest.raises(InputError, match="no data rows"):
        store.ingest(path)
    assert store.ledger().empty


def test_export_filters(store: Store, tmp_path: Path) -> None:
    store.ingest(raw_file("gdelt_v1/undp-bcpr__apr2012.csv"))
    frame = store.events(source="rus", target="USA")
    assert len(frame) == 14 and set(frame.source) == {"RUS"}
    april = store.events(start=date(2012, 4, 10), end=date(2012, 4, 10))
    assert set(april.date.dt.day) == {10}
    for suffix in (".csv", ".parquet", ".jsonl"):
        assert store.export_events(tmp_path / f"out{suffix}", source="RUS", target="USA") == 14


def zipped(path: Path, name: str, lines: list[str | bytes]) -> Path:
    """A GDELT-style zip of one member holding `lines`."""
    data = b"".join((x if isinstance(x, bytes) else x.encode()) + b"\n" for x in lines)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(name, data)
    return path


def test_a_batch_of_small_files_matches_them_ingested_one_by_one(tmp_path: Path) -> None:
    lines = real_lines(120)
    broken = lines[50].split("\t")
    broken[1] = "2025-13-45"
    parts = [lines[:40], [*lines[40:50], "\t".join(broken), *lines[51:80]], lines[70:120]]
    paths = [zipped(tmp_path / f"p{i}.zip", f"p{i}.export.CSV", p) for i, p in enumerate(parts)]
    with Store(tmp_path / "one.duckdb") as one:
        single = [one.ingest(p) for p in paths]
        expected = one.con.execute("SELECT * FROM events ORDER BY event_id").df()
    with Store(tmp_path / "batch.duckdb") as batch:
        results = batch.ingest_many(paths, batch_rows=10_000)
        stored = batch.con.execute("SELECT * FROM events ORDER BY event_id").df()
        quarantine = batch.quarantine()
        ledger = batch.ledger()
    counts = ["rows_read", "rows_stored", "rows_duplicate", "rows_quarantined", "rows_filtered"]
    assert [[getattr(r, c) for c in counts] for r in results] == [
        [getattr(r, c) for c in counts] for r in single
    ]
    # by hand: 40 new; 39 new and the bad date; 40 new and 10 (lines 70-79) seen in p1
    assert [(r.rows_stored, r.rows_duplicate) for r in results] == [(40, 0), (39, 0), (40, 10)]
    assert stored.equals(expected)
    assert ledger.file.tolist() == [f"{p}!p{i}.export.CSV" for i, p in enumerate(paths)]
    assert (quarantine.file.tolist(), quarantine.line.tolist()) == (
        [f"{paths[1]}!p1.export.CSV"],
        [11],
    )
    assert stored.origin_ref.str.startswith(str(tmp_path / "p2.zip!p2.export.CSV:")).sum() == 40


def test_a_damaged_file_in_a_batch_keeps_nothing_and_spares_the_others(
    store: Store, tmp_path: Path
) -> None:
    lines = real_lines(90)
    good = zipped(tmp_path / "good.zip", "good.export.CSV", lines[:30])
    damaged = zipped(tmp_path / "bad.zip", "bad.export.CSV", lines[30:60])
    damaged.write_bytes(damaged.read_bytes()[:-200])
    after = zipped(tmp_path / "after.zip", "after.export.CSV", lines[60:90])
    results = store.ingest_many([good, damaged, after])
    assert [r.rows_stored for r in (results[0], results[2])] == [30, 30]
    assert isinstance(results[1], InputError) and "bad.zip" in str(results[1])
    assert event_count(store) == 60
    assert store.ledger().file.str.contains("bad.zip").sum() == 0
    assert ledger_identity_holds(store)


def test_a_garbage_file_in_a_batch_is_refused_alone(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("realpolitik.store.GARBAGE_SAMPLE", 20)
    lines = real_lines(40)
    garbage = lines[:3] + ["not\ta\tgdelt\trow"] * 40
    paths = [
        write_lines(tmp_path / "a.CSV", lines[:20]),
        write_lines(tmp_path / "garbage.CSV", garbage),
        write_lines(tmp_path / "c.CSV", lines[20:40]),
    ]
    results = store.ingest_many(paths)
    assert [results[0].rows_stored, results[2].rows_stored] == [20, 20]
    assert isinstance(results[1], InputError) and "refused" in str(results[1])
    assert store.quarantine().empty


def test_batches_that_end_inside_a_chunk_keep_every_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("realpolitik.store.MAX_TABLE_LINES", 50)  # two files a chunk
    lines = real_lines(400)
    paths = [
        zipped(tmp_path / f"f{i:02d}.zip", f"f{i:02d}.export.CSV", lines[i * 20 : (i + 1) * 20])
        for i in range(20)
    ]
    with Store(tmp_path / "s.duckdb") as store:
        results = store.ingest_many(paths, batch_rows=50)  # a batch every 3 files
        assert [r.rows_stored for r in results] == [20] * 20
        assert event_count(store) == 400
        assert ledger_identity_holds(store)
