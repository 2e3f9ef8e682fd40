"""GDELT's published file lists: which event files exist, with their size and MD5, and which
of them cover a period.

GDELT 2.0 lists every 15-minute file in `gdeltv2/masterfilelist.txt` (`SIZE MD5 URL`); only
the `.export.CSV.zip` files hold events (`.mentions.` and `.gkg.` files are skipped). GDELT
1.0 lists its event files in `events/md5sums` (`MD5  NAME`) and `events/filesizes`
(`SIZE NAME`): one file per year for 1979-2005, per month for 2006-01 to 2013-03 and per day
from 2013-04-01. A line that cannot be read becomes a `ListProblem` naming the list, the line
and the reason; the other lines are read all the same.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

DEFAULT_BASE_URL = "http://data.gdeltproject.org"
V2_LIST = "gdeltv2/masterfilelist.txt"
V1_MD5S = "events/md5sums"
V1_SIZES = "events/filesizes"
V1_DAILY_FROM = date(2013, 4, 1)
V1_MONTHLY_FROM = date(2006, 1, 1)
V1_YEARLY_FROM = 1979
V1_LAYOUT = (
    "YYYY.zip for 1979-2005, YYYYMM.zip for 2006-01 to 2013-03, "
    "YYYYMMDD.export.CSV.zip from 2013-04-01"
)

_SIZE = re.compile(r"[0-9]+")
_MD5 = re.compile(r"[0-9a-fA-F]{32}")
_V2_NAME = re.compile(r"([0-9]{14})\.(export\.CSV|mentions\.CSV|gkg\.csv)\.zip")
_V2_URL = re.compile(r"https?://[^/\s]+/gdeltv2/([0-9]{14}\.export\.CSV\.zip)")
_V1_EVENT_LIKE = re.compile(r"[0-9]+(\.export\.CSV)?\.zip")


@dataclass(frozen=True)
class ListedFile:
    """One event file as its list publishes it, with the days its events fall on."""

    version: int
    name: str
    url: str
    size: int
    md5: str
    first_day: date
    last_day: date


@dataclass(frozen=True)
class ListProblem:
    """A list line that could not be read, and the file it names when that can be told."""

    source: str
    line: int
    reason: str
    name: str | None = None
    url: str | None = None
    first_day: date | None = None
    last_day: date | None = None

    def __str__(self) -> str:
        return f"{self.source} line {self.line}: {self.reason}"


@dataclass(frozen=True)
class Listing:
    """The event files a version publishes, and the lines of its lists that were unreadable."""

    files: list[ListedFile] = field(default_factory=list)
    problems: list[ListProblem] = field(default_factory=list)

    def select(self, start: date, end: date) -> Listing:
        """The files whose days overlap `start`..`end` (inclusive), and the problems that may
        concern them (those of a file in the period, or of a line naming no day)."""
        return Listing(
            [f for f in self.files if f.first_day <= end and f.last_day >= start],
            [
                p
                for p in self.problems
                if p.first_day is None
                or p.last_day is None
                or (p.first_day <= end and p.last_day >= start)
            ],
        )


def list_urls(version: int, base_url: str = DEFAULT_BASE_URL) -> list[str]:
    """The URLs of the lists a version publishes, in the order `read_listing` takes them."""
    base = base_url.rstrip("/")
    paths = {1: (V1_MD5S, V1_SIZES), 2: (V2_LIST,)}[version]
    return [f"{base}/{path}" for path in paths]


def read_listing(version: int, lists: list[Path], base_url: str = DEFAULT_BASE_URL) -> Listing:
    """Parse the downloaded lists of a version (paths in the order of `list_urls`)."""
    urls = list_urls(version, base_url)
    if version == 2:
        return parse_master_list(_lines(lists[0]), urls[0], base_url)
    return parse_v1_lists(_lines(lists[0]), urls[0], _lines(lists[1]), urls[1], base_url)


def _lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        for line in fh:
            yield line.rstrip("\r\n")


def parse_master_list(
    lines: Iterable[str], source: str, base_url: str = DEFAULT_BASE_URL
) -> Listing:
    """GDELT 2.0's event files from the lines of `masterfilelist.txt`; each URL is moved to
    `base_url` (a mirror serves the same paths)."""
    base = base_url.rstrip("/")
    entries: dict[str, list[tuple[ListedFile, int]]] = {}
    problems: list[ListProblem] = []
    for line_no, text in enumerate(lines, start=1):
        hint = _V2_NAME.search(text)
        if not text.strip() or (hint and hint.group(2) != "export.CSV"):
            continue
        name = hint.group(0) if hint else None
        day = _v2_day(hint.group(1)) if hint else None
        try:
            listed = _v2_file(text, base, day)
        except ValueError as exc:
            url = f"{base}/gdeltv2/{name}" if name else None
            problems.append(ListProblem(source, line_no, str(exc), name, url, day, day))
            continue
        entries.setdefault(listed.name, []).append((listed, line_no))
    return _listing(entries, problems, (source,))


def _v2_file(text: str, base: str, day: date | None) -> ListedFile:
    """The file one line of the master list gives; ValueError saying what is wrong."""
    parts = text.split(" ")
    if len(parts) != 3:
        raise ValueError(
            f"expected 'SIZE MD5 URL' separated by single spaces, found {len(parts)} parts"
        )
    size, md5, url = parts
    _check_size(size)
    _check_md5(md5)
    match = _V2_URL.fullmatch(url)
    if match is None:
        raise ValueError(f"URL {url!r} is not http://HOST/gdeltv2/YYYYMMDDHHMMSS.export.CSV.zip")
    name = match.group(1)
    if day is None:
        raise ValueError(f"{name[:14]} is not a date and time (YYYYMMDDHHMMSS)")
    return ListedFile(2, name, f"{base}/gdeltv2/{name}", int(size), md5.lower(), day, day)


def _check_size(size: str) -> None:
    if not _SIZE.fullmatch(size):
        raise ValueError(f"size {size!r} is not a number")


def _check_md5(md5: str) -> None:
    if not _MD5.fullmatch(md5):
        raise ValueError(f"MD5 {md5!r} is not 32 hex digits")


def _v2_day(stamp: str) -> date | None:
    try:
        return datetime.strptime(stamp, "%Y%m%d%H%M%S").date()
    except ValueError:
        return None


def parse_v1_lists(
    md5_lines: Iterable[str],
    md5_source: str,
    size_lines: Iterable[str],
    size_source: str,
    base_url: str = DEFAULT_BASE_URL,
) -> Listing:
    """GDELT 1.0's event files from the lines of `events/md5sums` and `events/filesizes`:
    a file is listed when both lists give it."""
    base = base_url.rstrip("/")
    problems: list[ListProblem] = []
    md5s = _v1_entries(md5_lines, md5_source, "MD5  NAME", _check_md5, base, problems)
    sizes = _v1_entries(size_lines, size_source, "SIZE NAME", _check_size, base, problems)
    entries: dict[str, list[tuple[ListedFile, int]]] = {}
    for name in md5s.keys() | sizes.keys():
        first, last = v1_span(name)
        url = f"{base}/events/{name}"
        if name not in sizes or name not in md5s:
            source, other, (_, line_no) = (
                (md5_source, size_source, md5s[name][0])
                if name in md5s
                else (size_source, md5_source, sizes[name][0])
            )
            reason = f"{name} is not in {other}"
            problems.append(ListProblem(source, line_no, reason, name, url, first, last))
            continue
        conflicts = [
            (source, found)
            for source, found in ((md5_source, md5s[name]), (size_source, sizes[name]))
            if len({value.lower() for value, _ in found}) > 1
        ]
        for source, found in conflicts:
            lines = ", ".join(str(line_no) for _, line_no in found)
            reason = f"{name} is listed with different values (lines {lines})"
            problems.append(ListProblem(source, found[-1][1], reason, name, url, first, last))
        if not conflicts:
            (md5, line_no), (size, _) = md5s[name][0], sizes[name][0]
            file = ListedFile(1, name, url, int(size), md5.lower(), first, last)
            entries[name] = [(file, line_no)]
    return _listing(entries, problems, (md5_source, size_source))


def _v1_entries(
    lines: Iterable[str],
    source: str,
    layout: str,
    check: Callable[[str], None],
    base: str,
    problems: list[ListProblem],
) -> dict[str, list[tuple[str, int]]]:
    """NAME → [(value, line)] of the well-formed lines of one GDELT 1.0 list; the others
    become problems. Names not of an event file (no digits-only stem) are skipped."""
    entries: dict[str, list[tuple[str, int]]] = {}
    for line_no, text in enumerate(lines, start=1):
        parts = text.split()
        name = next((p for p in reversed(parts) if _V1_EVENT_LIKE.fullmatch(p)), None)
        if not parts or (name is None and len(parts) == 2):
            continue
        first = last = url = None
        try:
            if name is not None:
                first, last = v1_span(name)
                url = f"{base}/events/{name}"
            if len(parts) != 2:
                raise ValueError(f"expected '{layout}', found {len(parts)} parts")
            check(parts[0])
        except ValueError as exc:
            problems.append(ListProblem(source, line_no, str(exc), name, url, first, last))
            continue
        entries.setdefault(parts[1], []).append((parts[0], line_no))
    return entries


def v1_span(name: str) -> tuple[date, date]:
    """The first and last day of a GDELT 1.0 event file's name; ValueError unless the name
    fits the layout (a yearly, monthly or daily file in its own years)."""
    stem = name.removesuffix(".zip")
    daily = stem.endswith(".export.CSV")
    digits = stem.removesuffix(".export.CSV")
    try:
        if daily and len(digits) == 8:
            day = datetime.strptime(digits, "%Y%m%d").date()
            if day >= V1_DAILY_FROM:
                return day, day
        elif not daily and len(digits) == 6:
            first = datetime.strptime(digits, "%Y%m").date()
            if V1_MONTHLY_FROM <= first < V1_DAILY_FROM:
                days = calendar.monthrange(first.year, first.month)[1]
                return first, first.replace(day=days)
        elif not daily and len(digits) == 4:
            year = int(digits)
            if V1_YEARLY_FROM <= year < V1_MONTHLY_FROM.year:
                return date(year, 1, 1), date(year, 12, 31)
    except ValueError:
        pass
    raise ValueError(f"{name} is not a GDELT 1.0 event file name ({V1_LAYOUT})")


def _listing(
    entries: dict[str, list[tuple[ListedFile, int]]],
    problems: list[ListProblem],
    sources: tuple[str, ...],
) -> Listing:
    """Files from their list entries, in the order of their days, and the problems in the
    order of the lists (`sources`) and their lines. A file listed twice with the same size
    and MD5 counts once; listed with different ones, it is a problem, not a file."""
    files: list[ListedFile] = []
    for name in sorted(entries):
        found = entries[name]
        first = found[0][0]
        if all((f.size, f.md5) == (first.size, first.md5) for f, _ in found):
            files.append(first)
            continue
        lines = ", ".join(str(line_no) for _, line_no in found)
        problems.append(
            ListProblem(
                sources[0],
                found[-1][1],
                f"{name} is listed with different sizes or MD5s (lines {lines})",
                name,
                first.url,
                first.first_day,
                first.last_day,
            )
        )
    files.sort(key=lambda f: (f.first_day, f.name))
    problems.sort(key=lambda p: (sources.index(p.source), p.line))
    return Listing(files, problems)
