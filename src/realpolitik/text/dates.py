"""Resolve the date expressions of an English news sentence to a date and a precision.

Every expression is resolved against the article's publication date ``published``; relative
offsets ("four days later") against the previous resolved expression of the sentence, else
``previous``. A precision is ``day``, ``month`` (date = the first of the month), ``year``
(date = January 1) or ``unknown`` (date = the publication date, never a made-up day).

Rules for the ambiguous forms:

- Day and month without a year ("on May 31") and a month alone after a preposition or a
  modifier ("in May", "at the end of May"): the most recent such date or month on or before
  the publication date. "last December" is the most recent December before the publication
  month, "next May" the first May after it, "this May" the May of the publication year.
- Weekdays ("on Tuesday"): the most recent such day on or before the publication date (a
  Monday article's "on Monday" is the publication day); "last Tuesday" is strictly before it
  and "next Tuesday" strictly after it.
- Periods and vague offsets take the finest precision that contains every date they allow:
  "this week" (Monday to Sunday of the publication week) is month precision when the week
  lies in one month, year precision when it crosses months, unresolved when it crosses years;
  "a few months later" from 2018-01-15 (March 15 to June 15) is year 2018. The precision is
  never finer than the offset's unit: "a year later" is year precision, "two weeks later" day.
- Modifiers ("early", "mid-", "late", "the end of") keep the precision of what they modify:
  "early November 2017" is month precision, "mid-2010" year precision.
- Seasons are month precision at their first month (spring March, summer June, autumn/fall
  September); winter is year precision because it straddles December and January.
- A bare four-digit number is a year only between 1800 and 2099, and not after a number
  label ("resolution 1929"), before a count noun ("2000 troops") or as the year in parentheses
  after a resolution number ("resolution 1929 (2010)": the resolution's year, not an event's).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

DAY, MONTH, YEAR, UNKNOWN = "day", "month", "year", "unknown"
PRECISIONS = (DAY, MONTH, YEAR, UNKNOWN)  # finest first

# --- Language data -------------------------------------------------------------------------

MONTHS: dict[str, int] = {
    "January": 1, "February": 2, "March": 3, "April": 4, "May": 5, "June": 6, "July": 7,
    "August": 8, "September": 9, "October": 10, "November": 11, "December": 12,
}  # fmt: skip
MONTH_ABBREVIATIONS: dict[str, int] = {
    "Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8, "Sep": 9,
    "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}  # fmt: skip
WEEKDAYS: dict[str, int] = {
    "Monday": 0, "Tuesday": 1, "Wednesday": 2, "Thursday": 3, "Friday": 4, "Saturday": 5,
    "Sunday": 6,
}  # fmt: skip
SEASONS: dict[str, int | None] = {
    "spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": None,
}  # fmt: skip
NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
VAGUE_COUNTS: dict[str, tuple[int, int]] = {
    "a few": (2, 5),
    "a couple of": (2, 3),
    "several": (3, 9),
}
BARE_PLURAL_COUNT = (2, 9)  # "months later"
UNIT_PRECISION: dict[str, str] = {"day": DAY, "week": DAY, "month": MONTH, "year": YEAR}
DIRECTIONS: dict[str, int] = {"later": 1, "earlier": -1, "ago": -1}  # "ago" counts from published
FOLLOWING: dict[str, tuple[str, int]] = {
    "the next day": ("day", 1), "the following day": ("day", 1), "the same day": ("day", 0),
    "the following week": ("week", 1), "the following month": ("month", 1),
    "the following year": ("year", 1),
}  # fmt: skip
RELATIVE_DAYS: dict[str, int] = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
STEPS: dict[str, int] = {"last": -1, "this": 0, "next": 1}
MODIFIERS = ("early", "late", "mid", "end of", "beginning of", "start of", "middle of")
PREPOSITIONS = (
    "in", "since", "until", "till", "by", "during", "from", "to", "before", "after", "through",
)  # fmt: skip
NUMBER_LABELS = ("resolution", "resolutions", "no.", "nos.", "number", "article", "flight")
COUNT_NOUNS = (
    "million", "billion", "trillion", "thousand", "hundred", "troops", "soldiers", "people",
    "men", "women", "children", "civilians", "refugees", "dollars", "euros", "tons", "tonnes",
    "km", "kilometres", "kilometers", "miles", "metres", "meters", "barrels", "votes", "units",
    "percent", "per cent",
)  # fmt: skip
YEAR_RANGE = (1800, 2099)


# --- Patterns ------------------------------------------------------------------------------


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first, a space matching any whitespace."""
    escaped = (re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return "|".join(escaped)


_MONTH = (
    rf"(?:(?:{_alternation(MONTHS)})\b"
    rf"|(?:{_alternation(MONTH_ABBREVIATIONS)})(?:\.|\b))(?!-)"  # "Sept." but not "Mar-a-Lago"
)
_MOD = rf"(?i:(?:the\s+)?(?:{_alternation(MODIFIERS)}))(?:\s+|-)"
_YEAR_END = r"(?![\w%/]|[.,:]\d|-\d)"
_DAY_END = r"(?![\w:]|[.,]\d)"
_ORDINAL = r"(?:st|nd|rd|th)?"
_AFTER_PREPOSITION = "(?i:" + "|".join(rf"(?<=\b{p}\s)" for p in PREPOSITIONS) + ")"

_ALTERNATIVES = (
    r"(?P<iso>(?P<iso_y>\d{4})-(?P<iso_m>\d{2})-(?P<iso_d>\d{2})(?![\w-]))",
    rf"(?P<mdy>(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>\d{{1,2}}){_ORDINAL}"
    rf"(?:,?\s+(?P<mdy_y>\d{{4}}){_YEAR_END})?{_DAY_END})",
    rf"(?P<dmy>(?P<dmy_d>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<dmy_m>{_MONTH})"
    rf"(?:,?\s+(?P<dmy_y>\d{{4}}){_YEAR_END})?)",
    rf"(?P<my>(?:{_MOD})?(?P<my_m>{_MONTH}),?\s+(?:of\s+)?(?P<my_y>\d{{4}}){_YEAR_END})",
    rf"(?P<season>(?:{_MOD})?(?i:(?:the\s+)?(?P<season_n>{_alternation(SEASONS)}))"
    rf"(?:\s+of)?\s+(?P<season_y>\d{{4}}){_YEAR_END})",
    rf"(?P<year>(?:{_MOD})?(?P<year_y>\d{{4}}){_YEAR_END})",
    rf"(?P<relday>(?i:{_alternation(RELATIVE_DAYS)})\b)",
    rf"(?P<period>(?P<period_step>(?i:{_alternation(STEPS)}))\s+"
    rf"(?P<period_unit>(?i:week|month|year))\b)",
    rf"(?P<weekday>(?:(?P<weekday_step>(?i:last|next))\s+)?"
    rf"(?P<weekday_n>{_alternation(WEEKDAYS)})\b)",
    rf"(?P<rmonth>(?:{_MOD}|(?P<rmonth_step>(?i:{_alternation(STEPS)}))\s+|{_AFTER_PREPOSITION})"
    rf"(?P<rmonth_m>{_MONTH})(?!\s*\d))",
    rf"(?P<offset>(?:(?P<offset_n>\d{{1,3}}|(?i:{_alternation([*NUMBER_WORDS, *VAGUE_COUNTS])}))"
    rf"\s+)?(?P<offset_unit>(?i:day|week|month|year))(?P<offset_plural>s)?\s+"
    rf"(?P<offset_dir>(?i:{_alternation(DIRECTIONS)}))\b)",
    rf"(?P<following>(?i:{_alternation(FOLLOWING)})\b)",
)
# Every expression starts at a word start not glued to a number, sign or hyphen ("S-300"),
# with a digit or a word that can open one (a quick gate that keeps the scan fast).
_OPENING_PHRASES = (MODIFIERS, STEPS, RELATIVE_DAYS, NUMBER_WORDS, VAGUE_COUNTS, SEASONS)
_FIRST_WORDS = {
    phrase.split()[0]
    for table in (*_OPENING_PHRASES, UNIT_PRECISION, FOLLOWING)
    for phrase in table
}
_GATE = (
    rf"(?=\d|{_alternation([*MONTHS, *MONTH_ABBREVIATIONS, *WEEKDAYS])}"
    rf"|(?i:{_alternation(_FIRST_WORDS)})s?\b)"
)
_PATTERN = re.compile(r"(?<![\w$€£#/:.,-])" + _GATE + "(?:" + "|".join(_ALTERNATIVES) + ")")
_NOT_YEAR_BEFORE = re.compile(
    rf"(?i:\b(?:{_alternation(NUMBER_LABELS)})\s*|\bresolutions?\s+\d+\s*\()$"
)
_NOT_YEAR_AFTER = re.compile(rf"\s*(?:%|(?i:{_alternation(COUNT_NOUNS)})\b)")


# --- Result ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResolvedDate:
    """A resolved date expression: its date, precision, text and span in the sentence."""

    date: date
    precision: str
    text: str
    start: int
    end: int


Resolution = tuple[date, str] | None
_Handler = Callable[[re.Match[str], date, ResolvedDate | None], Resolution]


# --- Date arithmetic -------------------------------------------------------------------------


def _add_months(day: date, months: int) -> date:
    """``day`` moved by ``months``, the day clamped to the target month's length."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, _month_length(year, month + 1)))


def _month_length(year: int, month: int) -> int:
    """Number of days in a month."""
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - timedelta(days=1)).day


def _add(day: date, unit: str, count: int) -> date:
    """``day`` moved by ``count`` days, weeks, months or years."""
    if unit == "day":
        return day + timedelta(days=count)
    if unit == "week":
        return day + timedelta(weeks=count)
    return _add_months(day, count * (12 if unit == "year" else 1))


def _truncate(day: date, precision: str) -> date:
    """The representative date of ``day`` at ``precision``."""
    if precision == MONTH:
        return day.replace(day=1)
    if precision == YEAR:
        return date(day.year, 1, 1)
    return day


def _interval(day: date, precision: str) -> tuple[date, date]:
    """First and last day covered by a date at a day, month or year precision."""
    if precision == MONTH:
        return day.replace(day=1), day.replace(day=_month_length(day.year, day.month))
    if precision == YEAR:
        return date(day.year, 1, 1), date(day.year, 12, 31)
    return day, day


def _enclosing(start: date, end: date) -> str | None:
    """The finest precision whose one period holds both ``start`` and ``end``."""
    if start == end:
        return DAY
    if (start.year, start.month) == (end.year, end.month):
        return MONTH
    return YEAR if start.year == end.year else None


def _coarsest(*precisions: str) -> str:
    """The coarsest of several precisions."""
    return max(precisions, key=PRECISIONS.index)


def _span(start: date, end: date, precision: str = DAY) -> Resolution:
    """A resolution holding every day from ``start`` to ``end``, never finer than ``precision``."""
    enclosing = _enclosing(start, end)
    if enclosing is None:
        return None
    coarsest = _coarsest(precision, enclosing)
    return _truncate(start, coarsest), coarsest


def _month_number(name: str) -> int:
    """Month number of a month name or abbreviation ("Sept.")."""
    name = name.rstrip(".")
    return MONTHS.get(name) or MONTH_ABBREVIATIONS[name]


def _safe_date(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _day_month(published: date, month: int, day: int, year: str | None) -> Resolution:
    """A day and month, with a year or else the most recent one on or before ``published``."""
    if year is not None:
        found = _safe_date(int(year), month, day)
        return None if found is None else (found, DAY)
    for back in range(9):  # February 29 may lie up to eight years back
        found = _safe_date(published.year - back, month, day)
        if found is not None and found <= published:
            return found, DAY
    return None


# --- Handlers, one per alternative -----------------------------------------------------------


def _iso(m: re.Match[str], published: date, previous: ResolvedDate | None) -> Resolution:
    found = _safe_date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    return None if found is None else (found, DAY)


def _mdy(m: re.Match[str], published: date, previous: ResolvedDate | None) -> Resolution:
    return _day_month(published, _month_number(m["mdy_m"]), int(m["mdy_d"]), m["mdy_y"])


def _dmy(m: re.Match[str], published: date, previous: ResolvedDate | None) -> Resolution:
    return _day_month(published, _month_number(m["dmy_m"]), int(m["dmy_d"]), m["dmy_y"])


def _my(m: re.Match[str], published: date, previous: ResolvedDate | None) -> Resolution:
    return date(int(m["my_y"]), _month_number(m["my_m"]), 1), MONTH


def _season(m: re.Match[str], published: date, previous: ResolvedDate | None) -> Resolution:
    month = SEASONS[m["season_n"].lower()]
    if month is None:
        return date(int(m["season_y"]), 1, 1), YEAR
    return date(int(m["season_y"]), month, 1), MONTH


def _year(m: re.Match[str], published: date, previous: ResolvedDate | None) -> Resolution:
    year = int(m["year_y"])
    text = m.string
    if (
        not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]
        or _NOT_YEAR_BEFORE.search(text, max(0, m.start() - 40), m.start())
        or _NOT_YEAR_AFTER.match(text, m.end())
    ):
        return None
    return date(year, 1, 1), YEAR


def _relday(m: re.Match[str], published: date, previous: ResolvedDate | None) -> Resolution:
    return published + timedelta(days=RELATIVE_DAYS[m["relday"].lower()]), DAY


def _period(m: re.Match[str], published: date, previous: ResolvedDate | None) -> Resolution:
    step = STEPS[m["period_step"].lower()]
    unit = m["period_unit"].lower()
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
        return _span(monday, monday + timedelta(days=6))
    if unit == "month":
        return _add_months(published.replace(day=1), step), MONTH
    return date(published.year + step, 1, 1), YEAR


def _weekday(m: re.Match[str], published: date, previous: ResolvedDate | None) -> Resolution:
    weekday = WEEKDAYS[m["weekday_n"]]
    step = (m["weekday_step"] or "").lower()
    if step == "next":
        return published + timedelta(days=(weekday - published.weekday() - 1) % 7 + 1), DAY
    back = (published.weekday() - weekday) % 7
    if step == "last" and back == 0:
        back = 7
    return published - timedelta(days=back), DAY


def _rmonth(m: re.Match[str], published: date, previous: ResolvedDate | None) -> Resolution:
    month = _month_number(m["rmonth_m"])
    step = (m["rmonth_step"] or "").lower()
    year = published.year
    if step == "last":
        year -= month >= published.month
    elif step == "next":
        year += month <= published.month
    elif step != "this":
        year -= month > published.month
    return date(year, month, 1), MONTH


def _shift(reference: ResolvedDate | None, unit: str, low: int, high: int) -> Resolution:
    """``reference`` moved by ``low`` to ``high`` units (negative: earlier)."""
    if reference is None or reference.precision == UNKNOWN:
        return None
    start, end = _interval(reference.date, reference.precision)
    return _span(_add(start, unit, low), _add(end, unit, high), UNIT_PRECISION[unit])


def _offset(m: re.Match[str], published: date, previous: ResolvedDate | None) -> Resolution:
    count = m["offset_n"]
    if count is None:
        if not m["offset_plural"]:
            return None
        low, high = BARE_PLURAL_COUNT
    elif count.isdigit():
        low = high = int(count)
    else:
        words = " ".join(count.lower().split())
        low, high = VAGUE_COUNTS.get(words) or (NUMBER_WORDS[words],) * 2
    direction = m["offset_dir"].lower()
    if DIRECTIONS[direction] < 0:
        low, high = -high, -low
    if direction == "ago":
        previous = ResolvedDate(published, DAY, "", 0, 0)
    return _shift(previous, m["offset_unit"].lower(), low, high)


def _following(m: re.Match[str], published: date, previous: ResolvedDate | None) -> Resolution:
    unit, count = FOLLOWING[" ".join(m["following"].lower().split())]
    return _shift(previous, unit, count, count)


_HANDLERS: dict[str, _Handler] = {
    "iso": _iso, "mdy": _mdy, "dmy": _dmy, "my": _my, "season": _season, "year": _year,
    "relday": _relday, "period": _period, "weekday": _weekday, "rmonth": _rmonth,
    "offset": _offset, "following": _following,
}  # fmt: skip


# --- API ---------------------------------------------------------------------------------------


def find_dates(
    text: str, published: date, previous: ResolvedDate | None = None
) -> list[ResolvedDate]:
    """Every resolvable date expression in ``text``, in order of appearance.

    Relative offsets ("four days later") count from the previous resolved expression in
    ``text``, else from ``previous`` (e.g. the last date of the preceding sentence); without
    either they are not resolved. Expressions that cannot be resolved are left out.
    """
    found: list[ResolvedDate] = []
    reference = previous
    for m in _PATTERN.finditer(text):
        kind = m.lastgroup
        assert kind is not None
        resolution = _HANDLERS[kind](m, published, reference)
        if resolution is not None:
            reference = ResolvedDate(*resolution, m.group(kind), m.start(kind), m.end(kind))
            found.append(reference)
    return found


def resolve_sentence_date(
    text: str, published: date, previous: ResolvedDate | None = None
) -> ResolvedDate:
    """The date an event in ``text`` most likely has.

    The rule: the most precise resolved expression of the sentence, the first of them on a tie
    (see :func:`find_dates`; ``previous`` only anchors explicitly relative expressions such as
    "four days later"), so "A few months later, on February 26, …" is dated by its day.
    Without one, the publication date with precision ``unknown``, empty text and the empty span
    0:0; a date is never carried over from ``previous`` nor made up.
    """
    found = find_dates(text, published, previous)
    if not found:
        return ResolvedDate(published, UNKNOWN, "", 0, 0)
    finest = {DAY: 0, MONTH: 1, YEAR: 2}
    return min(found, key=lambda d: finest.get(d.precision, 3))
