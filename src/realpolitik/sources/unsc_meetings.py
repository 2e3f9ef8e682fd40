"""Security Council resolutions, from the UN Digital Library's yearly meeting tables
("Meetings conducted by the Security Council in YYYY", `scactYYYY_table_en.html`) and from the
CSV once derived from them: one row per adopted resolution in `unsc_resolutions`, keyed by its
number.

The tables give each resolution's meeting, date, topic and vote tally (yes-no-abstain), or the
words "adopted unanimously" or "without vote"; they never say how each member voted. Every
`S/RES` symbol names an adopted resolution (failed drafts have other symbols and are in the
veto table), so `adopted` is true on every row; the column is there so a query can say so.

`rows_read` counts the (table row, resolution) pairs found: a meeting that adopted two
resolutions counts twice, and meetings that adopted none are not resolutions and are not
counted. So `read = stored + duplicate + quarantined` holds per file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd

from realpolitik.errors import InputError
from realpolitik.sources.records import RecordReader, RecordRows, RecordTable, read_csv_columns

UNSC_RESOLUTIONS = RecordTable(
    name="unsc_resolutions",
    columns=(
        ("resolution", "INTEGER"),
        ("symbol", "VARCHAR"),
        ("year", "INTEGER"),
        ("date", "DATE"),
        ("meeting", "VARCHAR"),
        ("topic", "VARCHAR"),
        ("yes", "INTEGER"),
        ("no", "INTEGER"),
        ("abstain", "INTEGER"),
        ("unanimous", "BOOLEAN"),
        ("without_vote", "BOOLEAN"),
        ("adopted", "BOOLEAN"),
        ("outcome", "VARCHAR"),
    ),
    key=("resolution",),
)
"""`unanimous`: the source says "adopted unanimously", or the tally is every seat yes
(11-0-0 before 1966, 15-0-0 since); false for other tallies and for adoptions without a vote;
null when the source gives neither. `outcome`: the table's outcome cell as written."""

ENLARGED_COUNCIL_YEAR = 1966
"""The Council grew from 11 to 15 members on 1 January 1966 (GA resolution 1991 A (XVIII))."""

RESOLUTION_SYMBOL = re.compile(r"S/RES/(\d+)\s*\((\d{4})\)")
TALLY = re.compile(r"(?<![\d/.])(\d{1,2})\s*-\s*(\d{1,2})\s*-\s*(\d{1,2})(?![\d/])")
OTHER_OUTCOME = re.compile(r"draft\s+resolution|S/PRST|\(PRST\)|communiqu", re.IGNORECASE)
WITHOUT_VOTE = re.compile(r"without\s+(?:a\s+)?vote|by\s+consensus", re.IGNORECASE)
UNANIMOUSLY = re.compile(r"unanimously", re.IGNORECASE)
SHARED_TALLY_JOINER = re.compile(r"(?:and|&|\+)?", re.IGNORECASE)
MEETING_RECORD = re.compile(r"S/PV\.\d+")
MONTHS = {
    name: number
    for number, name in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}


def council_size(year: int) -> int:
    """Seats on the Council in a year: 11 until 1965, 15 from 1966."""
    return 11 if year < ENLARGED_COUNCIL_YEAR else 15


def squash(text: str) -> str:
    """Text with every run of whitespace (line breaks, non-breaking spaces) as one space."""
    return " ".join(text.split())


@dataclass(frozen=True)
class HtmlRow:
    """One `<tr>` of an HTML table: the line it starts on and its cells' text, with the cells
    of earlier rows that span down into it (`rowspan`) filled in. Line breaks are `\\n`."""

    line: int
    cells: tuple[str, ...]


class _TableRows(HTMLParser):
    """Collects `<tr>` rows as (line, [(cell text, rowspan)]); `<br>` and `</br>` become
    line breaks, as browsers render them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[tuple[int, list[tuple[list[str], int]]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.rows.append((self.getpos()[0], []))
            self._cell = None
        elif tag in ("td", "th"):
            if not self.rows:
                self.rows.append((self.getpos()[0], []))
            span = dict(attrs).get("rowspan") or "1"
            self._cell = []
            self.rows[-1][1].append((self._cell, int(span) if span.isdigit() else 1))
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th", "tr"):
            self._cell = None
        elif tag == "br" and self._cell is not None:
            self._cell.append("\n")

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_table_rows(text: str) -> list[HtmlRow]:
    """The rows of the HTML tables in `text`, with row-spanning cells repeated into the rows
    they span, so every row of a table has its full set of columns."""
    parser = _TableRows()
    parser.feed(text)
    parser.close()
    rows = []
    spanning: dict[int, tuple[str, int]] = {}
    for line, cells in parser.rows:
        pending = iter(cells)
        out: list[str] = []
        while True:
            column = len(out)
            if column in spanning:
                value, left = spanning.pop(column)
                if left > 1:
                    spanning[column] = (value, left - 1)
                out.append(value)
                continue
            cell = next(pending, None)
            if cell is None:
                break
            value = "".join(cell[0])
            if cell[1] > 1:
                spanning[column] = (value, cell[1] - 1)
            out.append(value)
        rows.append(HtmlRow(line, tuple(out)))
    return rows


@dataclass(frozen=True)
class Adoption:
    """One resolution named in an outcome cell, with what the cell says about its vote."""

    number: int
    tally: tuple[int, int, int] | None
    said_unanimous: bool
    without_vote: bool


def parse_outcome(text: str) -> list[Adoption]:
    """The resolutions an outcome cell names, each with the tally written after it.

    A tally belongs to the resolution before it, up to the next resolution or the next other
    outcome (a failed draft, a presidential statement). "S/RES/2082 (2012) and S/RES/2083
    (2012) 15-0-0" gives both the one tally written for them.
    """
    flat = squash(text)
    found = list(RESOLUTION_SYMBOL.finditer(flat))
    segments = []
    for i, match in enumerate(found):
        end = found[i + 1].start() if i + 1 < len(found) else len(flat)
        segment = flat[match.end() : end]
        other = OTHER_OUTCOME.search(segment)
        segments.append(segment[: other.start()] if other else segment)
    tallies = [_tally(segment) for segment in segments]
    for i in range(len(segments) - 2, -1, -1):
        if tallies[i] is None and SHARED_TALLY_JOINER.fullmatch(segments[i].strip()):
            tallies[i] = tallies[i + 1]
    return [
        Adoption(
            number=int(match.group(1)),
            tally=tally,
            said_unanimous=bool(UNANIMOUSLY.search(segment)),
            without_vote=bool(WITHOUT_VOTE.search(segment)),
        )
        for match, segment, tally in zip(found, segments, tallies, strict=True)
    ]


def _tally(text: str) -> tuple[int, int, int] | None:
    """The first yes-no-abstain tally in a text (`12-2-1`), or None."""
    found = TALLY.search(text)
    if not found:
        return None
    yes, no, abstain = (int(group) for group in found.groups())
    return yes, no, abstain


def meeting_date(text: str, year: int) -> date | None:
    """The date of a cell like `31 December`, `2 Sep.`, `22/23 November` or `29 + 30 March`
    in `year`. When two days are named (a meeting that ran past midnight or resumed the next
    day), the later one is taken: the resolution was adopted at the end. None if unreadable."""
    days = re.findall(r"\d{1,2}", text)
    month = re.search(r"[A-Za-z]{3,}", text)
    if not days or not month or month.group()[:3].lower() not in MONTHS:
        return None
    try:
        return date(year, MONTHS[month.group()[:3].lower()], int(days[-1]))
    except ValueError:
        return None


def meeting_record(text: str) -> str | None:
    """The meeting record symbol in a cell (`S/PV.6335`; resumptions and parts share it)."""
    found = MEETING_RECORD.search(text)
    return found.group() if found else None


def vote_columns(adoption: Adoption, year: int) -> dict[str, object]:
    """yes/no/abstain, unanimous and without_vote for one adoption in a year."""
    yes, no, abstain = adoption.tally if adoption.tally else (None, None, None)
    if adoption.said_unanimous or (yes, no, abstain) == (council_size(year), 0, 0):
        unanimous: bool | None = True
    elif adoption.tally or adoption.without_vote:
        unanimous = False
    else:
        unanimous = None
    return {
        "yes": yes,
        "no": no,
        "abstain": abstain,
        "unanimous": unanimous,
        "without_vote": adoption.without_vote,
    }


def misnumbered(frame: pd.DataFrame) -> dict[int, str]:
    """Rows (by index) whose resolution number the source misprints: the number appears again
    at another meeting, and this row's date breaks the numbering order (resolutions are
    numbered as adopted) while the other occurrence fits it. The page for 1990, for example,
    prints resolution 666 as a second "663". Returns the reason for each such row."""
    placed = frame.dropna(subset=["date"]).drop_duplicates(["resolution", "meeting", "date"])
    repeated = placed[placed.duplicated("resolution", keep=False)]
    if repeated.empty:
        return {}
    unique = placed[~placed.resolution.isin(repeated.resolution)].sort_values("resolution")
    numbers, dates = unique.resolution.to_numpy(), unique.date.to_numpy()
    reasons: dict[int, str] = {}
    for number, rows in repeated.groupby("resolution"):
        before = dates[numbers < number]
        after = dates[numbers > number]
        low, high = (before.max() if len(before) else None), (after.min() if len(after) else None)
        fits = rows.date.map(
            lambda d, low=low, high=high: (low is None or d >= low) and (high is None or d <= high)
        )
        if fits.sum() != 1:
            continue
        kept = rows[fits].iloc[0]
        for index, row in rows[~fits].iterrows():
            reasons[index] = (
                f"resolution {number} appears again at {kept.meeting} on {kept.date}, which fits "
                f"the numbering order; this row ({row.meeting}, {row.date}) lies outside it "
                f"({low} .. {high}), so its number is a misprint in the source"
            )
    return reasons


def _finish(
    records: list[dict[str, object]], quarantined: list[tuple[int, str, str]], read: int
) -> RecordRows:
    """RecordRows from parsed records: misnumbered rows move to the quarantine."""
    frame = pd.DataFrame(records, columns=[*UNSC_RESOLUTIONS.column_names, "provenance", "_line"])
    for index, reason in misnumbered(frame).items():
        row = frame.loc[index]
        quarantined.append((int(row["_line"]), reason, f"{row.symbol} | {row.outcome}"))
        frame = frame.drop(index)
    for column in ("yes", "no", "abstain"):
        frame[column] = frame[column].astype("Int64")
    for column in ("unanimous", "without_vote", "adopted"):
        frame[column] = frame[column].astype("boolean")
    return RecordRows(frame.drop(columns="_line"), rows_read=read, quarantined=quarantined)


def _header_positions(rows: list[HtmlRow], label: str) -> tuple[int, dict[str, int]]:
    """The index of the header row and the position of each needed column in it."""
    for index, row in enumerate(rows):
        names = [squash(cell).lower() for cell in row.cells]
        positions: dict[str, int] = {}
        for position, name in enumerate(names):
            if name.startswith("meeting"):
                positions.setdefault("meeting", position)
            elif name == "date":
                positions["date"] = position
            elif name == "topic":
                positions["topic"] = position
            elif name.startswith("letter with vote outcome"):
                positions["letter"] = position
            elif "outcome" in name:
                positions["outcome"] = position
        if {"meeting", "date", "topic", "outcome"} <= set(positions):
            return index, positions
    raise InputError(
        label,
        "no table header with the columns Meeting Record, Date, Topic and "
        "Security Council Outcome / Vote",
    )


class UnscMeetingsHtmlReader(RecordReader):
    """A UN Digital Library table of the Council's meetings in one year."""

    name = "unsc-meetings-html"
    description = "UN DL 'Meetings conducted by the Security Council' yearly tables (HTML)"
    table = UNSC_RESOLUTIONS
    default_path = "unsc_undl_meetings/html/scact*_table_en.html"

    def read(self, path: Path) -> RecordRows:
        """One row per resolution named in the table's outcome column.

        The year comes from the file name (`scact2010_…`): the 2020 file of remote (VTC)
        meetings is titled "2021" on the page but holds 2020. A row with empty meeting and
        date cells continues the meeting above it (as in 1948). VTC votes of 2020–21 have no
        meeting record; their meeting is the letter that gives the vote outcome (`S/2020/…`).
        The symbol is rebuilt from number and year, since a few cells misprint the year
        (`S/RES/207 (1964)` in the 1965 table).
        """
        label = str(path)
        year_in_name = re.search(r"(\d{4})", path.name)
        if not year_in_name:
            raise InputError(label, "the file name carries no year (expected scactYYYY_…)")
        year = int(year_in_name.group(1))
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(label, f"cannot read the file as UTF-8 text ({exc})") from exc
        rows = html_table_rows(text)
        header, at = _header_positions(rows, label)
        records: list[dict[str, object]] = []
        quarantined: list[tuple[int, str, str]] = []
        read = 0
        meeting, day_text = None, ""
        for row in rows[header + 1 :]:
            if len(row.cells) <= max(at.values()):
                continue
            cell = {name: squash(row.cells[position]) for name, position in at.items()}
            if cell["meeting"] or cell["date"]:
                meeting = meeting_record(cell["meeting"]) or _vote_letter(cell.get("letter", ""))
                day_text = cell["date"]
            adoptions = parse_outcome(cell["outcome"])
            unreadable = cell["outcome"].count("S/RES/") - len(adoptions)
            read += len(adoptions) + max(unreadable, 0)
            if unreadable > 0:
                quarantined.append(
                    (
                        row.line,
                        "an S/RES symbol without a readable number and year",
                        cell["outcome"],
                    )
                )
            day = meeting_date(day_text, year)
            for adoption in adoptions:
                if day is None:
                    quarantined.append(
                        (row.line, f"cannot read the date {day_text!r}", cell["outcome"])
                    )
                    continue
                records.append(
                    {
                        "resolution": adoption.number,
                        "symbol": f"S/RES/{adoption.number} ({year})",
                        "year": year,
                        "date": day,
                        "meeting": meeting,
                        "topic": cell["topic"],
                        **vote_columns(adoption, year),
                        "adopted": True,
                        "outcome": cell["outcome"],
                        "provenance": f"{path.name}:line {row.line}",
                        "_line": row.line,
                    }
                )
        return _finish(records, quarantined, read)


def _vote_letter(text: str) -> str | None:
    """The symbol of a letter giving a VTC vote's outcome (`S/2020/1305`), if any."""
    found = re.search(r"S/\d{4}/\d+", text)
    return found.group() if found else None


CSV_REQUIRED = ("year", "meeting", "date", "topic", "outcome_raw", "res_no", "yes", "no", "abstain")


class UnscMeetingsCsvReader(RecordReader):
    """The CSV derived from the same UN DL tables (one row per meeting and resolution)."""

    name = "unsc-meetings-csv"
    description = "Security Council meetings and resolutions, CSV derived from the UN DL tables"
    table = UNSC_RESOLUTIONS
    default_path = "unsc_undl_meetings/derived_unsc_meetings_undl.csv"

    def read(self, path: Path) -> RecordRows:
        """One row per CSV row that names a resolution (`res_no`); meeting rows without one
        are not resolutions and are not counted. Tallies come from the yes/no/abstain
        columns; "adopted unanimously" and "without vote" from the outcome text. Rows whose
        cells the derivation shifted (a topic in the date column, in 1953–60 and 1999) are
        quarantined for their unreadable date."""
        frame = read_csv_columns(path, CSV_REQUIRED)
        frame["line_no"] = frame.index + 2
        frame = _continue_meetings(frame)
        frame = frame[frame.res_no.str.strip() != ""]
        records: list[dict[str, object]] = []
        quarantined: list[tuple[int, str, str]] = []
        for row in frame.itertuples(index=False):
            raw = ",".join(str(getattr(row, column)) for column in CSV_REQUIRED)
            number, year = _integer(row.res_no), _integer(row.year)
            if number is None or year is None:
                quarantined.append(
                    (row.line_no, f"res_no {row.res_no!r} or year {row.year!r}", raw)
                )
                continue
            day = meeting_date(row.date, year)
            if day is None:
                quarantined.append((row.line_no, f"cannot read the date {row.date!r}", raw))
                continue
            yes, no, abstain = (_integer(getattr(row, c)) for c in ("yes", "no", "abstain"))
            said = next(
                (a for a in parse_outcome(row.outcome_raw) if a.number == number),
                Adoption(number, None, said_unanimous=False, without_vote=False),
            )
            tally = (
                (yes, no, abstain)
                if yes is not None and no is not None and abstain is not None
                else None
            )
            adoption = Adoption(number, tally, said.said_unanimous, said.without_vote)
            records.append(
                {
                    "resolution": number,
                    "symbol": f"S/RES/{number} ({year})",
                    "year": year,
                    "date": day,
                    "meeting": meeting_record(row.meeting),
                    "topic": squash(row.topic),
                    **vote_columns(adoption, year),
                    "adopted": True,
                    "outcome": squash(row.outcome_raw),
                    "provenance": f"{path.name}:line {row.line_no}",
                    "_line": row.line_no,
                }
            )
        return _finish(records, quarantined, len(frame))


def _continue_meetings(frame: pd.DataFrame) -> pd.DataFrame:
    """The CSV with each row's year taken from its source page's name (the derived `year` of
    the 2020 VTC page is its title's wrong 2021) and rows with empty meeting and date cells
    given the meeting above them, as the HTML reader does."""
    frame = frame.copy()
    if "source_file" in frame.columns:
        page_year = frame.source_file.str.extract(r"(\d{4})", expand=False)
        frame["year"] = page_year.fillna(frame.year)
    blank = (frame.meeting.str.strip() == "") & (frame.date.str.strip() == "")
    group = frame.source_file if "source_file" in frame.columns else frame.year
    for column in ("meeting", "date"):
        frame[column] = frame[column].mask(blank).groupby(group).ffill().fillna("")
    return frame


def _integer(text: str) -> int | None:
    """An integer written as `12` or `12.0`; None for anything else."""
    try:
        value = float(text)
    except ValueError:
        return None
    return int(value) if value.is_integer() else None
