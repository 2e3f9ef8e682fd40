"""Security Council resolutions from the UN DL yearly meeting tables and the derived CSV,
checked against the raw files."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from realpolitik.errors import InputError
from realpolitik.sources.unsc_meetings import (
    UnscMeetingsCsvReader,
    UnscMeetingsHtmlReader,
    html_table_rows,
    parse_outcome,
)
from realpolitik.store import Store
from tests.conftest import RAW, ledger_identity_holds, raw_file

HTML_DIR = "unsc_undl_meetings/html"
CSV = "unsc_undl_meetings/derived_unsc_meetings_undl.csv"


def html_files() -> list[Path]:
    raw_file(HTML_DIR)
    return sorted((RAW / HTML_DIR).glob("scact*_table_en.html"))


def raw_row(provenance: str) -> str:
    """The raw HTML of the table row a provenance (`file:line N`) points at, tags removed."""
    name, line = provenance.split(":line ")
    lines = (RAW / HTML_DIR / name).read_text(encoding="utf-8").splitlines()[int(line) - 1 :]
    block = "\n".join(lines)
    block = block[: block.index("</tr>")]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", block)).split())


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A store with all 78 yearly tables, then the derived CSV, loaded."""
    files = html_files()
    with Store(Path(tmp_path_factory.mktemp("unsc")) / "unsc.duckdb") as store:
        for path in files:
            store.load_record_file(UnscMeetingsHtmlReader(), path)
        store.load_record_file(UnscMeetingsCsvReader(), raw_file(CSV))
        yield store


def resolution(store: Store, number: int) -> pd.Series:
    frame = store.con.execute("SELECT * FROM unsc_resolutions WHERE resolution = ?", [number]).df()
    assert len(frame) == 1
    return frame.iloc[0]


# (number, date, meeting, topic, yes, no, abstain, unanimous): read off the tables for 2006,
# 2007, 2008 and 2010 by hand (e.g. scact2006 lines 901-907: S/PV.5500, 31 July,
# Non-proliferation, S/RES/1696 (2006) 14-1-0).
IRAN = [
    (1696, date(2006, 7, 31), "S/PV.5500", "Non-proliferation", 14, 1, 0, False),
    (1737, date(2006, 12, 23), "S/PV.5612", "Non-proliferation — Iran", 15, 0, 0, True),
    (1747, date(2007, 3, 24), "S/PV.5647", "Non-proliferation — Iran", 15, 0, 0, True),
    (1803, date(2008, 3, 3), "S/PV.5848", "Non-proliferation — Iran", 14, 0, 1, False),
    (1835, date(2008, 9, 27), "S/PV.5984", "Non-proliferation", 15, 0, 0, True),
    (1929, date(2010, 6, 9), "S/PV.6335", "Non-proliferation", 12, 2, 1, False),
]


@pytest.mark.parametrize("number,day,meeting,topic,yes,no,abstain,unanimous", IRAN)
def test_iran_resolutions(
    loaded: Store,
    number: int,
    day: date,
    meeting: str,
    topic: str,
    yes: int,
    no: int,
    abstain: int,
    unanimous: bool,
) -> None:
    row = resolution(loaded, number)
    assert row.symbol == f"S/RES/{number} ({day.year})"
    assert (row.date.date(), row.meeting, row.topic) == (day, meeting, topic)
    assert (row.yes, row["no"], row.abstain, bool(row.unanimous)) == (yes, no, abstain, unanimous)
    assert row.adopted and not row.without_vote
    # the provenance points at the table row that says so
    text = raw_row(row.provenance)
    assert f"S/RES/{number} ({day.year}) {yes}-{no}-{abstain}" in text
    assert meeting in text and f"{day.day} {day:%B}" in text


def test_distinct_resolutions(loaded: Store) -> None:
    """2,638 resolutions: every number from 1 to 2640 but 666 and 695, which the 1990 and 1991
    tables misprint as a second 663 (S/PV.2939) and a second 701 (S/PV.2990)."""
    numbers = {
        n for (n,) in loaded.con.execute("SELECT resolution FROM unsc_resolutions").fetchall()
    }
    assert len(numbers) == 2638
    assert set(range(1, 2641)) - numbers == {666, 695}
    # The derived CSV has 2,604 distinct resolutions: its regex parse missed rows that
    # continue a meeting through rowspan (e.g. S/RES/136 (1960) under S/PV.864). All of them
    # are among the 2,638, so loading the CSV after the HTML adds nothing.
    csv = pd.read_csv(raw_file(CSV))
    in_csv = set(csv.res_no.dropna().astype(int))
    assert len(in_csv) == 2604
    assert in_csv <= numbers and {136, 299, 570, 575} <= numbers - in_csv


def test_ledger_counts(loaded: Store) -> None:
    ledger = loaded.ledger()
    assert ledger_identity_holds(loaded)
    html_rows = ledger[ledger.format == "unsc-meetings-html"]
    assert len(html_rows) == 78
    # 2,641 resolution mentions: 2,638 stored, the repeated S/RES/1996 (2011) row (two identical
    # rows for S/PV.6576) a duplicate, the misprinted 663 and 701 quarantined
    assert html_rows[
        ["rows_read", "rows_stored", "rows_duplicate", "rows_quarantined"]
    ].sum().to_list() == [2641, 2638, 1, 2]
    csv_row = ledger[ledger.format == "unsc-meetings-csv"].iloc[0]
    with_resolution = int(pd.read_csv(raw_file(CSV)).res_no.notna().sum())
    assert csv_row.rows_read == with_resolution == 2607
    # 7 quarantined: 5 rows whose cells the derivation shifted (a topic in the date column),
    # and the same two misprints
    assert (csv_row.rows_stored, csv_row.rows_quarantined) == (0, 7)


def test_misprinted_numbers_are_quarantined(loaded: Store) -> None:
    quarantine = loaded.quarantine()
    html_bad = quarantine[quarantine.file.str.endswith("scact1990_table_en.html")]
    assert html_bad.line.to_list() == [258]
    assert "resolution 663 appears again at S/PV.2936 on 1990-08-14" in html_bad.reason.iloc[0]
    kept = resolution(loaded, 663)  # Liechtenstein's admission, 14 August 1990, 15-0-0
    assert (kept.meeting, kept.date.date(), kept.yes) == ("S/PV.2936", date(1990, 8, 14), 15)
    assert resolution(loaded, 701).meeting == "S/PV.2997"


def test_rowspan_and_continuation_rows(loaded: Store) -> None:
    # scact1960 lines 416-424: S/PV.864 and 31 May span two rows; the second holds S/RES/136
    res136 = resolution(loaded, 136)
    assert (res136.meeting, res136.date.date()) == ("S/PV.864", date(1960, 5, 31))
    assert bool(res136.unanimous) and pd.isna(res136.yes)
    # scact1948 lines 25-35: an empty meeting and date cell continue S/PV.396 of 29 December
    res66 = resolution(loaded, 66)
    assert (res66.meeting, res66.date.date(), res66.yes, res66.abstain) == (
        "S/PV.396",
        date(1948, 12, 29),
        8,
        3,
    )


def test_special_rows(loaded: Store) -> None:
    # the 2020 VTC page is titled 2021 but holds 2020; no meeting record, so the vote letter
    vtc = resolution(loaded, 2560)
    assert (vtc.date.date(), vtc.meeting) == (date(2020, 12, 29), "S/2020/1305")
    # 14-0-0 (1 absent) is not unanimous: one seat did not vote
    absent = resolution(loaded, 1287)
    assert (absent.yes, absent["no"], absent.abstain, bool(absent.unanimous)) == (14, 0, 0, False)
    # "S/RES/2082 (2012) and S/RES/2083 (2012) 15-0-0": one tally for both
    assert resolution(loaded, 2082).yes == resolution(loaded, 2083).yes == 15
    # 11 seats before 1966: S/RES/6 (1946) 11-0-0 is unanimous
    assert bool(resolution(loaded, 6).unanimous)
    # S/PV.8190: a Russian veto of S/2018/156, then S/RES/2402 (2018) 15-0-0
    res2402 = resolution(loaded, 2402)
    assert (res2402.meeting, res2402.yes, bool(res2402.unanimous)) == ("S/PV.8190", 15, True)
    assert "S/2018/156 vetoed by Russian Federation" in res2402.outcome


def test_parse_outcome() -> None:
    veto_then_adoption = parse_outcome(
        "Draft resolution S/2018/156 vetoed by Russian Federation\n11-2-2\n"
        "S/RES/2402 (2018)\n15-0-0"
    )
    assert [(a.number, a.tally) for a in veto_then_adoption] == [(2402, (15, 0, 0))]
    adopted_then_failed = parse_outcome(
        "S/RES/663 (1990) 13-2-0 Draft Resolution S/21742/Rev.1 not adopted 3-5-7"
    )
    assert [(a.number, a.tally) for a in adopted_then_failed] == [(663, (13, 2, 0))]
    two = parse_outcome("S/RES/1253 (1999) without vote S/RES/1254 (1999) adopted unanimously")
    assert [(a.number, a.without_vote, a.said_unanimous) for a in two] == [
        (1253, True, False),
        (1254, False, True),
    ]
    assert [a.tally for a in parse_outcome("S/RES/431 (1978) S/RES/432 (1978)")] == [None, None]


def test_html_table_rows_fill_rowspans() -> None:
    rows = html_table_rows(
        "<table><tr><td rowspan=2>A</td><td>b1</td></tr>\n<tr><td>b2<br>c</td></tr></table>"
    )
    assert [(r.line, r.cells) for r in rows] == [(1, ("A", "b1")), (2, ("A", "b2\nc"))]


def test_reload_is_idempotent(store: Store) -> None:
    path = raw_file(f"{HTML_DIR}/scact2010_table_en.html")
    first = store.load_record_file(UnscMeetingsHtmlReader(), path)
    second = store.load_record_file(UnscMeetingsHtmlReader(), path)
    # 2010 adopted resolutions 1908 to 1966: 59 distinct `S/RES/… (2010)</a>` links (grep)
    assert (first.rows_read, first.rows_stored) == (59, 59)
    assert (second.rows_stored, second.rows_duplicate) == (0, 59)
    assert store.con.execute("SELECT count(*) FROM unsc_resolutions").fetchone()[0] == 59
    assert ledger_identity_holds(store)


def test_html_without_the_table_header_is_rejected(store: Store, tmp_path: Path) -> None:
    text = raw_file(f"{HTML_DIR}/scact2010_table_en.html").read_text(encoding="utf-8")
    broken = tmp_path / "scact2010_table_en.html"
    broken.write_text(text.replace('<th width="30%">Topic</th>', ""), encoding="utf-8")
    store.load_record_file(
        UnscMeetingsHtmlReader(), raw_file(f"{HTML_DIR}/scact2009_table_en.html")
    )
    before = (
        store.ledger().shape[0],
        store.con.execute("SELECT count(*) FROM unsc_resolutions").fetchone(),
    )
    with pytest.raises(InputError) as caught:
        store.load_record_file(UnscMeetingsHtmlReader(), broken)
    assert caught.value.path == str(broken) and "Topic" in caught.value.reason
    after = (
        store.ledger().shape[0],
        store.con.execute("SELECT count(*) FROM unsc_resolutions").fetchone(),
    )
    assert after == before


def test_csv_without_res_no_is_rejected(store: Store, tmp_path: Path) -> None:
    broken = tmp_path / "meetings.csv"
    pd.read_csv(raw_file(CSV)).drop(columns="res_no").to_csv(broken, index=False)
    with pytest.raises(InputError) as caught:
        store.load_record_file(UnscMeetingsCsvReader(), broken)
    assert caught.value.path == str(broken) and "res_no" in caught.value.reason
    assert store.ledger().empty
    assert "unsc_resolutions" not in {
        name for (name,) in store.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
    }


def test_csv_alone_matches_html(store: Store) -> None:
    """Loaded alone, the CSV gives the same tallies and dates as the HTML for the Iran rows,
    and the 2020 VTC rows get 2020 (the CSV's `year` column says 2021)."""
    store.load_record_file(UnscMeetingsCsvReader(), raw_file(CSV))
    for number, day, meeting, _topic, yes, no, abstain, unanimous in IRAN:
        row = resolution(store, number)
        assert (row.date.date(), row.meeting) == (day, meeting)
        assert (row.yes, row["no"], row.abstain, bool(row.unanimous)) == (
            yes,
            no,
            abstain,
            unanimous,
        )
        assert row.provenance.startswith("derived_unsc_meetings_undl.csv:line ")
    assert resolution(store, 2560).date.date() == date(2020, 12, 29)
