"""Security Council vetoes: one row per vetoing permanent member per vetoed draft per source,
in `unsc_vetoes` keyed by (draft, member, source), from two sources whose keys meet, so a
query can tell which sources record a veto (and where they disagree on its date):

- the world-politics-datalab CSV (1946 to September 2022; one row per draft, members in
  `member_veto1..3`), scraped from the UN Dag Hammarskjöld Library veto list;
- that UN DL veto list itself (HTML, 1946 to May 2022; one row per draft, members one per line).

Members are ISO3: the USSR and the Russian Federation are both RUS (Russia holds the Soviet
seat), and China is CHN (the seat the Republic of China held until 1971, as for the 1955
veto, and the People's Republic since).

Most vetoed drafts have a symbol (`S/2018/156`). Some early ones (1946–48) have none: both
sources then put a meeting record (`S/PV.57`) in the draft column, and several drafts can share
it (Portugal's, Ireland's and Transjordan's applications at S/PV.57). Such a draft is keyed by
the meeting where it was vetoed and its agenda item, `S/PV.57 (Application for Membership
Portugal)`, with ` #2` on a second draft with the same meeting and agenda (S/PV.49 had two on
"The Spanish question"); `draft_symbol` is then null. Both sources write these the same way, so
their keys meet.

`rows_read` counts (draft, member) pairs, the unit stored.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd

from realpolitik.countries import code_from_name
from realpolitik.errors import InputError
from realpolitik.sources.records import RecordReader, RecordRows, RecordTable, read_csv_columns
from realpolitik.sources.unsc_meetings import MONTHS, html_table_rows, squash

UNSC_VETOES = RecordTable(
    name="unsc_vetoes",
    columns=(
        ("draft", "VARCHAR"),
        ("member", "VARCHAR"),
        ("date", "DATE"),
        ("draft_symbol", "VARCHAR"),
        ("meeting", "VARCHAR"),
        ("agenda", "VARCHAR"),
        ("topic", "VARCHAR"),
        ("member_name", "VARCHAR"),
        ("source", "VARCHAR"),
    ),
    key=("draft", "member", "source"),
)
"""`topic`: the CSV's short `crisis_topic` (`Syria`, `Admission`); null from the HTML list.
`member_name`: the member as the source writes it (`USSR`, `Russian Federation`).
`source`: the reader that read the row (`unsc-vetoes-html`, `unsc-vetoes-csv`)."""

MEETING_ONLY = re.compile(r"S/PV\.\d+")
DAY_MONTH_YEAR = re.compile(
    r"(?:\d{1,2}\s*[-/+]\s*)?(\d{1,2})\s+([A-Za-z]{3,})\.?\s+(\d{4}|\d{2})\s*$"
)
MEMBER_SEPARATOR = re.compile(r"\n|,|\band\b")


def veto_date(text: str) -> date | None:
    """A date like `26 February 2018`, `14-15 December 2001` (the later day: the vote came at
    the end of the meeting) or `30 January 86`; None if unreadable."""
    found = DAY_MONTH_YEAR.search(squash(text))
    if not found or found.group(2)[:3].lower() not in MONTHS:
        return None
    day, month, year = found.groups()
    full_year = int(year) if len(year) == 4 else 1900 + int(year)
    try:
        return date(full_year, MONTHS[month[:3].lower()], int(day))
    except ValueError:
        return None


def draft_keys(drafts: pd.Series, meetings: pd.Series, agendas: pd.Series) -> pd.Series:
    """The `draft` key of each row: the draft symbol, or for a draft without one (the source
    puts a meeting record there) `<meeting> (<agenda>)`, numbered ` #2`… when repeated."""
    symbol_less = drafts.str.fullmatch(MEETING_ONLY.pattern)
    keys = drafts.where(~symbol_less, meetings + " (" + agendas + ")")
    repeat = keys.groupby(keys).cumcount() + 1
    return keys.where(~symbol_less | (repeat == 1), keys + " #" + repeat.astype(str))


def _rows(
    frame: pd.DataFrame, members: pd.Series, label: str, source: str
) -> tuple[pd.DataFrame, list[tuple[int, str, str]]]:
    """Expand each draft row (`line`, `date` (None if unreadable), `date_text`, `draft`,
    `meeting`, `agenda`, `topic`, `raw`) into one row per member named in `members` (a list
    per row, empty when none is named); quarantine what cannot be used: the pairs whose date
    or member cannot be read, and draft rows naming no member or no draft."""
    frame = frame.assign(
        draft=frame.draft.map(squash),
        meeting=frame.meeting.map(squash),
        agenda=frame.agenda.map(squash),
    )
    frame["draft_symbol"] = frame.draft.where(~frame.draft.str.fullmatch(MEETING_ONLY.pattern))
    frame["draft"] = draft_keys(frame.draft, frame.meeting, frame.agenda)
    quarantined: list[tuple[int, str, str]] = []
    unusable = (members.map(len) == 0) | (frame.draft == "")
    for row in frame[unusable].itertuples():
        reason = "no draft symbol or meeting" if row.draft == "" else "no vetoing member named"
        quarantined.append((row.line, reason, row.raw))
    pairs = frame[~unusable].assign(member_name=members[~unusable]).explode("member_name")
    pairs["member"] = pairs.member_name.map(code_from_name)
    bad_date = pairs.date.isna()
    for row in pairs[bad_date].itertuples():
        quarantined.append((row.line, f"cannot read the date {row.date_text!r}", row.raw))
    unknown = ~bad_date & pairs.member.isna()
    for row in pairs[unknown].itertuples():
        reason = f"unknown permanent member {row.member_name!r}"
        quarantined.append((row.line, reason, row.raw))
    good = pairs[~bad_date & ~unknown].copy()
    good["provenance"] = good.line.map(lambda n: f"{label}:line {n}")
    good["source"] = source
    return good[[*UNSC_VETOES.column_names, "provenance"]].reset_index(drop=True), quarantined


CSV_REQUIRED = ("date", "draft", "meeting_record", "agenda_item", "member_veto1")


class UnscVetoesCsvReader(RecordReader):
    """The world-politics-datalab veto list (CSV, 1946 to September 2022)."""

    name = "unsc-vetoes-csv"
    description = "Security Council vetoes 1946-2022 (world-politics-datalab CSV)"
    table = UNSC_VETOES
    default_path = "unsc_vetoes/unsc_vetoes_1946_sept2022.csv"

    def read(self, path: Path) -> RecordRows:
        """One row per member named in `member_veto1..3` (dates are month/day/year)."""
        frame = read_csv_columns(path, CSV_REQUIRED)
        member_columns = [c for c in ("member_veto1", "member_veto2", "member_veto3") if c in frame]
        members = frame[member_columns].apply(
            lambda row: [squash(name) for name in row if squash(name)], axis=1
        )
        drafts = pd.DataFrame(
            {
                "line": frame.index + 2,
                "date": pd.to_datetime(frame.date, format="%m/%d/%Y", errors="coerce").dt.date,
                "date_text": frame.date,
                "draft": frame.draft,
                "meeting": frame.meeting_record,
                "agenda": frame.agenda_item,
                "topic": frame.get("crisis_topic", pd.Series("", index=frame.index)).map(squash),
                "raw": frame.agg(",".join, axis=1),
            }
        )
        drafts["topic"] = drafts.topic.where(drafts.topic != "")
        rows, quarantined = _rows(drafts, members, path.name, self.name)
        return RecordRows(rows, rows_read=len(rows) + len(quarantined), quarantined=quarantined)


class UnscVetoesHtmlReader(RecordReader):
    """The UN Dag Hammarskjöld Library veto list (HTML table)."""

    name = "unsc-vetoes-html"
    description = "Security Council veto list of the UN Dag Hammarskjöld Library (HTML)"
    table = UNSC_VETOES
    default_path = "unsc_vetoes/undl_scact_veto_table_en.html"

    def read(self, path: Path) -> RecordRows:
        """One row per member in the last column (one per line, or `France, USSR`)."""
        label = str(path)
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(label, f"cannot read the file as UTF-8 text ({exc})") from exc
        rows = html_table_rows(text)
        header = next(
            (
                i
                for i, row in enumerate(rows)
                if [squash(c).lower() for c in row.cells][:2] == ["date", "draft"]
                and len(row.cells) == 5
            ),
            None,
        )
        if header is None:
            raise InputError(
                label,
                "no table header with the columns Date, Draft, Written Record, Agenda Item and "
                "Permanent Member Casting Negative Vote",
            )
        body = [row for row in rows[header + 1 :] if len(row.cells) == 5]
        drafts = pd.DataFrame(
            {
                "line": [row.line for row in body],
                "date": [veto_date(row.cells[0]) for row in body],
                "date_text": [squash(row.cells[0]) for row in body],
                "draft": [row.cells[1] for row in body],
                "meeting": [row.cells[2] for row in body],
                "agenda": [row.cells[3] for row in body],
                "topic": [None] * len(body),
                "raw": [" | ".join(squash(c) for c in row.cells) for row in body],
            },
            dtype=object,
        )
        members = pd.Series(
            [
                [squash(n) for n in MEMBER_SEPARATOR.split(row.cells[4]) if squash(n)]
                for row in body
            ],
            dtype=object,
        )
        rows_found, quarantined = _rows(drafts, members, path.name, self.name)
        return RecordRows(
            rows_found, rows_read=len(rows_found) + len(quarantined), quarantined=quarantined
        )
