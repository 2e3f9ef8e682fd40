"""Resolve the date expressions of an English news sentence to a date and a precision.

A precision is ``day``, ``month`` (date = the first of the month), ``year`` (date = January 1)
or ``unknown`` (date = the publication date, never a made-up day). Expressions are resolved
against the article's publication date ``published``, the *reference* (the previous resolved
expression of the text, else ``previous``: the story's current time, the last resolved date of
an earlier sentence) and, for dates without a year, an *anchor* (rule 1).

1. Days, months and seasons without a year ("on 6 December", "December 6", "In October", "in
   early March", "at the end of May", "in the summer") take their year from an anchor:

   a. the nearest preceding expression of the same text whose year the text or the story
      gives: one with a written year ("After the vote on 2 March 2021 ... on 6 March" is
      2021-03-06; also "last year", "this month", "September last year", "this spring"), or
      one resolved from such an expression or from ``previous`` (another bare date, "two days
      later"); not one counted from the publication date by rule 2 ("on Tuesday", "yesterday",
      "last week") or placed by rule c;
   b. else ``previous``, when it is given and its precision is not unknown;
   c. else the publication date: the most recent such day, month or season starting on or
      before it ("on 14 February" in an article of June 2024 is 2024-02-14).

   Against a year-precision anchor the date lies in the anchor's year ("In March" after 2018
   is 2018-03). Against a day or month anchor it is the first such date at or after the start
   of the anchor ("In December" after 2018-10-30 is 2018-12, "on 2 August" after 2019-07-01
   2019-08-02, "in March" after 2018-12 2019-03; a month holding the anchor counts: "In
   October" after 2019-10-30 is 2019-10), except that analysts step back a little: when the
   latest such date before the anchor ends in the anchor's month or in the two calendar months
   before it, that one is taken ("on 2 August" and "in June" after 2019-08-20 are 2019-08-02
   and 2019-06; "on 15 May" after 2019-08-20 is 2020-05-15). A winter without a year is the
   anchor's year. A narrative never runs past its publication: a date after the publication
   date takes instead the most recent year that puts it on or before it (rule c: "on 14
   February" after 2023-12-01 in an article of 20 January 2024 is 2023-02-14), unless it lies
   in the year its anchor (a) writes ("In 2023 ... in December" stays 2023-12 in an article
   of November 2023: a plan).
2. Weekdays ("on Tuesday", "last Tuesday", "next Tuesday"), "yesterday", "today", "this
   week", "last month", "next year", "last December", "next May", "this spring", "last
   summer", "6 March this year", "September last year" and "N days ago" count from the
   publication date (recent-news phrasing), whatever precedes them: "on Tuesday" is the most
   recent such day on or before the publication date (a Monday article's "on Monday" is the
   publication day), "last Tuesday" strictly before it, "next Tuesday" strictly after it;
   "last December" is the most recent December before the publication month, "next May" the
   first May after it, "this May" the May of the publication year; "last summer" is the most
   recent summer ended before the publication date, "this summer" the publication year's,
   "next summer" the first starting after it (a winter is named by the year of its January).
3. Relative expressions count from the reference, and are not resolved without one:

   - offsets: "four days later", "a week later", "two months earlier", "the next day", "the
     next morning", "the following year";
   - the reference's own period: "the same day/evening/night", "that same day", "that
     morning", "later that day/week/month/year", "earlier that month", "that month", "that
     year" (its day, its Monday-to-Sunday week, its month, its year: "later that month" after
     2021-03-02 is 2021-03, month precision) and "that spring/summer/autumn/fall/winter" (the
     season of the reference's year: "that spring" after 2020 is 2020-03);
   - "N days/weeks/months/years after" or "before" a date that follows within a few words of
     the same clause, and "the day after/before <date>": counted from that date ("two days
     after 5 August 2019" is 2019-08-07; the offset is listed before its date and stays the
     reference); "ten days after that", or "the day after" closing a clause, from the
     reference; otherwise ("two days after New Delhi announced") not resolved;
   - "within N days/weeks/months/years" (a promise window; "within days", "within a few
     weeks"; "within two months of <date>" from that date): the end of the window at the
     precision of its unit ("within two months" of 2023-03-10 is 2023-05, month precision;
     "within three years" of 2010 is 2013).

Periods and vague offsets take the finest precision that contains every date they allow:
"this week" (Monday to Sunday of the publication week) is month precision when the week lies
in one month, year precision when it crosses months, unresolved when it crosses years; "a few
months later" from 2018-01-15 (March 15 to June 15) is year 2018. The precision is never finer
than the offset's unit ("a year later" is year precision, "two weeks later" day) nor than the
reference's ("two days later" after March 2018 is year 2018).

Modifiers ("early", "mid-", "late", "the end of") keep the precision of what they modify:
"early November 2017" is month precision, "mid-2010" year precision.

Seasons are month precision at their first month (spring March, summer June, autumn/fall
September): "the spring of 2015" is 2015-03; winter is year precision because it straddles
December and January ("the winter of 2015" is 2015). A season without a year needs a
preposition, a modifier or "that", "this", "last", "next" before it ("in the summer",
"during spring", "late summer", "that autumn"); "fall" only after "the", "this", "last" or
"next", and neither "the fall of Kabul", "expected to fall" nor "the Arab Spring" is a date.

A bare four-digit number is a year only between 1800 and 2099, and not as a number after a
label ("resolution 1929", "UNSCR 1973", "S/RES/2254", and every number of a list after one:
"resolutions 1803, 1835 and 1929", "Resolution 2118 and 2254"), before a count noun ("2000
troops") or as the year in parentheses after such a number ("resolution 1929 (2010)": the
resolution's year, not an event's).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

DAY, MONTH, YEAR, UNKNOWN = "day", "month", "year", "unknown"
PRECISIONS = (DAY, MONTH, YEAR, UNKNOWN)  # finest first

# Where a resolved expression's year comes from (rule 1): written in the text (or counted
# from such an expression), from the story (``previous``), or from the publication date.
WRITTEN, STORY, PUBLICATION = "written", "story", "publication"
STEP_BACK_MONTHS = 2  # a bare date may fall this many calendar months before its anchor

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
ANCHORED_DIRECTIONS: dict[str, int] = {"after": 1, "before": -1}  # "two days after 5 May"
FOLLOWING: dict[str, tuple[str, int]] = {
    "the next day": ("day", 1), "the following day": ("day", 1),
    "the next morning": ("day", 1), "the following morning": ("day", 1),
    "the next evening": ("day", 1), "the following evening": ("day", 1),
    "the following week": ("week", 1), "the following month": ("month", 1),
    "the following year": ("year", 1),
}  # fmt: skip
# "that morning", "the same week", "later that month": the reference's day, week, month, year
SAME_PERIODS: dict[str, str] = {
    "day": "day", "morning": "day", "afternoon": "day", "evening": "day", "night": "day",
    "week": "week", "month": "month", "year": "year",
}  # fmt: skip
RELATIVE_DAYS: dict[str, int] = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}
STEPS: dict[str, int] = {"last": -1, "this": 0, "next": 1}
MODIFIERS = ("early", "late", "mid", "end of", "beginning of", "start of", "middle of")
PREPOSITIONS = (
    "in", "since", "until", "till", "by", "during", "from", "to", "before", "after", "through",
)  # fmt: skip
# Before a season without a year; not "to" ("to spring a surprise", "expected to fall").
SEASON_PREPOSITIONS = (
    "in", "since", "until", "till", "by", "during", "before", "after", "through", "throughout",
    "over",
)  # fmt: skip
NUMBER_LABELS = (
    "resolution", "resolutions", "res", "unscr", "unscrs", "scr", "no.", "nos.", "number",
    "article", "flight",
)  # fmt: skip
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


def _after_any(words: Iterable[str]) -> str:
    """A position right after one of ``words`` (any case) and a space."""
    return "(?i:" + "|".join(rf"(?<=\b{w}\s)" for w in words) + ")"


_MONTH = (
    rf"(?:(?:{_alternation(MONTHS)})\b"
    rf"|(?:{_alternation(MONTH_ABBREVIATIONS)})(?:\.|\b))(?!-)"  # "Sept." but not "Mar-a-Lago"
)
_MOD = rf"(?i:(?:the\s+)?(?:{_alternation(MODIFIERS)}))(?:\s+|-)"
_YEAR_END = r"(?![\w%/]|[.,:]\d|-\d)"
_DAY_END = r"(?![\w:]|[.,]\d)"
_ORDINAL = r"(?:st|nd|rd|th)?"
_AFTER_PREPOSITION = _after_any(PREPOSITIONS)
_STEP = rf"(?i:{_alternation(STEPS)})"
_COUNT = rf"\d{{1,3}}|(?i:{_alternation([*NUMBER_WORDS, *VAGUE_COUNTS])})"
_UNIT = r"(?i:day|week|month|year)"
# A season word without a year: lower case, "fall" only after "the", never "the fall of".
_BARE_SEASON = r"(?:spring|summer|autumn|winter|(?<=the\s)fall)(?![\w-]|\s+of\b|\s*\d)"

_ALTERNATIVES = (
    r"(?P<iso>(?P<iso_y>\d{4})-(?P<iso_m>\d{2})-(?P<iso_d>\d{2})(?![\w-]))",
    rf"(?P<mdy>(?P<mdy_m>{_MONTH})\s+(?P<mdy_d>\d{{1,2}}){_ORDINAL}"
    rf"(?:,?\s+(?:(?P<mdy_y>\d{{4}}){_YEAR_END}|(?P<mdy_step>{_STEP})\s+year\b))?{_DAY_END})",
    rf"(?P<dmy>(?P<dmy_d>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?(?P<dmy_m>{_MONTH})"
    rf"(?:,?\s+(?:(?P<dmy_y>\d{{4}}){_YEAR_END}|(?P<dmy_step>{_STEP})\s+year\b))?)",
    rf"(?P<my>(?:{_MOD})?(?P<my_m>{_MONTH}),?\s+(?:of\s+)?"
    rf"(?:(?P<my_y>\d{{4}}){_YEAR_END}|(?P<my_step>{_STEP})\s+year\b))",
    rf"(?P<season>(?:{_MOD})?(?i:(?:the\s+)?(?P<season_n>{_alternation(SEASONS)}))"
    rf"(?:\s+of)?\s+(?P<season_y>\d{{4}}){_YEAR_END})",
    rf"(?P<year>(?:{_MOD})?(?P<year_y>\d{{4}}){_YEAR_END})",
    rf"(?P<relday>(?i:{_alternation(RELATIVE_DAYS)})\b)",
    rf"(?P<period>(?P<period_step>(?i:{_alternation(STEPS)}))\s+"
    rf"(?P<period_unit>(?i:week|month|year))\b)",
    rf"(?P<weekday>(?:(?P<weekday_step>(?i:last|next))\s+)?"
    rf"(?P<weekday_n>{_alternation(WEEKDAYS)})\b)",
    rf"(?P<rmonth>(?:{_MOD}|(?P<rmonth_step>{_STEP})\s+|{_AFTER_PREPOSITION})"
    rf"(?P<rmonth_m>{_MONTH})(?!\s*\d))",
    rf"(?P<offset>(?:(?P<offset_n>{_COUNT})\s+)?(?P<offset_unit>{_UNIT})(?P<offset_plural>s)?\s+"
    rf"(?P<offset_dir>(?i:{_alternation(DIRECTIONS)}))\b)",
    rf"(?P<anchored>(?:(?P<anchored_n>{_COUNT}|(?i:the))\s+)?(?P<anchored_unit>{_UNIT})"
    rf"(?P<anchored_plural>s)?\s+(?P<anchored_dir>(?i:{_alternation(ANCHORED_DIRECTIONS)}))\b)",
    rf"(?P<within>(?i:within)\s+(?:(?P<within_n>{_COUNT})\s+)?(?P<within_unit>{_UNIT})"
    rf"(?P<within_plural>s)?\b)",
    rf"(?P<same>(?:{_MOD})?(?:(?i:later|earlier)\s+)?(?i:that(?:\s+same)?|the\s+same)\s+"
    rf"(?:(?P<same_unit>(?i:{_alternation(SAME_PERIODS)}))(?![\w-])"
    rf"|(?P<same_season>{_BARE_SEASON})))",
    rf"(?P<following>(?i:{_alternation(FOLLOWING)})\b)",
    rf"(?P<pseason>(?:{_MOD})?(?P<pseason_step>{_STEP})\s+"
    rf"(?P<pseason_n>spring|summer|autumn|fall|winter)(?![\w-]))",
    rf"(?P<bseason>(?:{_after_any(SEASON_PREPOSITIONS)}(?:{_MOD})?|{_MOD})(?:the\s+)?"
    rf"(?P<bseason_n>{_BARE_SEASON}))",
)
# Every expression starts at a word start not glued to a number, sign or hyphen ("S-300"),
# with a digit or a word that can open one (a quick gate that keeps the scan fast).
_OPENING_PHRASES = (MODIFIERS, STEPS, RELATIVE_DAYS, NUMBER_WORDS, VAGUE_COUNTS, SEASONS)
_FIRST_WORDS = {
    phrase.split()[0]
    for table in (*_OPENING_PHRASES, UNIT_PRECISION, FOLLOWING)
    for phrase in table
} | {"the", "that", "later", "earlier", "within"}
_GATE = (
    rf"(?=\d|{_alternation([*MONTHS, *MONTH_ABBREVIATIONS, *WEEKDAYS])}"
    rf"|(?i:{_alternation(_FIRST_WORDS)})s?\b)"
)
_PATTERN = re.compile(r"(?<![\w$€£#/:.,-])" + _GATE + "(?:" + "|".join(_ALTERNATIVES) + ")")
# A number in a list after a label: "resolutions 1803, 1835 and ", "resolution 1929 (".
_LIST_ITEM = r"\d+(?:\s*\(\d{4}\))?"
_LIST_SEPARATOR = r"(?:\s*,\s*(?:(?:and|or)\s+)?|\s+(?:and|or|&|to|through)\s+|\s*[&/–-]\s*)"
_NOT_YEAR_BEFORE = re.compile(
    rf"(?i:\b(?:{_alternation(NUMBER_LABELS)})(?:\s*|/)(?:{_LIST_ITEM}{_LIST_SEPARATOR})*"
    rf"(?:\d+\s*\()?)$"
)
_NOT_YEAR_AFTER = re.compile(rf"\s*(?:%|(?i:{_alternation(COUNT_NOUNS)})\b)")
# Between "two days after" and its date: a few words of the same clause ("after the vote on").
_ANCHOR_GAP = re.compile(r"\s+(?:[^\W\d][\w'’.-]*\s+){0,4}")
_WITHIN_ANCHOR_GAP = re.compile(r"\s+of\s+(?:[^\W\d][\w'’.-]*\s+){0,3}")
# "ten days after that", "the day after." : counted from the reference.
_REFERENCE_AFTER = re.compile(r"\s+(?i:that|this)\b|\s*(?:[,.;:!?)\]]|$)")


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
Found = tuple[date, str, str] | None  # date, precision, where its year comes from


@dataclass
class _Context:
    """What an expression is resolved against: the publication date, the reference (the
    previous resolved expression, else ``previous``) and the anchor of bare dates (rule 1)."""

    published: date
    reference: ResolvedDate | None
    reference_source: str
    anchor: ResolvedDate | None
    anchor_source: str

    def advance(self, found: ResolvedDate, source: str) -> None:
        """Make ``found`` the reference, and the anchor when its year comes from the story."""
        self.reference, self.reference_source = found, source
        if source != PUBLICATION:
            self.anchor, self.anchor_source = found, source


_Handler = Callable[[re.Match[str], _Context], Found]
# "two days after" a base date (its following date, else the reference) and its year's source
_AnchoredHandler = Callable[[re.Match[str], ResolvedDate | None, str], Found]
_Item = tuple[ResolvedDate, str] | None  # a resolved expression and the source of its year


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


def _sourced(resolution: Resolution, source: str) -> Found:
    """A resolution with where its year comes from."""
    return None if resolution is None else (*resolution, source)


# --- Dates without a year (rule 1) -------------------------------------------------------------

_Occurrence = Callable[[int], tuple[date, date] | None]  # a year's first and last day, if any


def _most_recent(occurrence: _Occurrence, published: date, precision: str) -> Found:
    """The most recent occurrence starting on or before the publication date (rule c)."""
    for back in range(9):  # February 29 may lie up to eight years back
        found = occurrence(published.year - back)
        if found is not None and found[0] <= published:
            return found[0], precision, PUBLICATION
    return None


def _place(occurrence: _Occurrence, precision: str, context: _Context) -> Found:
    """A day, month or season without a year, placed by its anchor (rule 1)."""
    anchor = context.anchor
    if anchor is None:
        return _most_recent(occurrence, context.published, precision)
    start = _interval(anchor.date, anchor.precision)[0]
    if anchor.precision == YEAR or precision == YEAR:  # in the anchor's year
        chosen = occurrence(start.year)
    else:
        years = [found for y in range(-9, 10) if (found := occurrence(start.year + y))]
        later = next((found for found in years if found[1] >= start), None)
        before = next((found for found in reversed(years) if found[1] < start), None)
        window = _add_months(start.replace(day=1), -STEP_BACK_MONTHS)
        chosen = before if before is not None and before[1] >= window else later
    if chosen is None:
        return None
    written = context.anchor_source == WRITTEN and chosen[0].year == start.year
    if chosen[0] > context.published and not written:
        return _most_recent(occurrence, context.published, precision)
    return chosen[0], precision, context.anchor_source


def _written_year(context: _Context, year: str | None, step: str | None) -> int | None:
    """The year written after a day or month: "2019", "last year", "this year"."""
    if step is not None:
        return context.published.year + STEPS[step.lower()]
    return None if year is None else int(year)


def _day_month(context: _Context, month: int, day: int, year: int | None) -> Found:
    """A day and month, with a year or else placed by rule 1."""
    if year is not None:
        found = _safe_date(year, month, day)
        return None if found is None else (found, DAY, WRITTEN)

    def occurrence(y: int) -> tuple[date, date] | None:
        found = _safe_date(y, month, day)
        return None if found is None else (found, found)

    return _place(occurrence, DAY, context)


def _bare_month(context: _Context, month: int) -> Found:
    """A month without a year, placed by rule 1."""
    return _place(lambda y: _interval(date(y, month, 1), MONTH), MONTH, context)


def _bare_season(context: _Context, month: int | None) -> Found:
    """A season without a year, placed by rule 1: its first month; a winter is a year."""
    if month is None:
        return _place(lambda y: _interval(date(y, 1, 1), YEAR), YEAR, context)

    def occurrence(y: int) -> tuple[date, date]:
        last = _add_months(date(y, month, 1), 2)
        return date(y, month, 1), _interval(last, MONTH)[1]

    return _place(occurrence, MONTH, context)


# --- Handlers, one per alternative -----------------------------------------------------------


def _iso(m: re.Match[str], context: _Context) -> Found:
    found = _safe_date(int(m["iso_y"]), int(m["iso_m"]), int(m["iso_d"]))
    return None if found is None else (found, DAY, WRITTEN)


def _mdy(m: re.Match[str], context: _Context) -> Found:
    year = _written_year(context, m["mdy_y"], m["mdy_step"])
    return _day_month(context, _month_number(m["mdy_m"]), int(m["mdy_d"]), year)


def _dmy(m: re.Match[str], context: _Context) -> Found:
    year = _written_year(context, m["dmy_y"], m["dmy_step"])
    return _day_month(context, _month_number(m["dmy_m"]), int(m["dmy_d"]), year)


def _my(m: re.Match[str], context: _Context) -> Found:
    year = _written_year(context, m["my_y"], m["my_step"])
    assert year is not None
    return date(year, _month_number(m["my_m"]), 1), MONTH, WRITTEN


def _season(m: re.Match[str], context: _Context) -> Found:
    month = SEASONS[m["season_n"].lower()]
    if month is None:
        return date(int(m["season_y"]), 1, 1), YEAR, WRITTEN
    return date(int(m["season_y"]), month, 1), MONTH, WRITTEN


def _year(m: re.Match[str], context: _Context) -> Found:
    year = int(m["year_y"])
    text = m.string
    if (
        not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]
        or _NOT_YEAR_BEFORE.search(text, max(0, m.start() - 120), m.start())
        or _NOT_YEAR_AFTER.match(text, m.end())
    ):
        return None
    return date(year, 1, 1), YEAR, WRITTEN


def _relday(m: re.Match[str], context: _Context) -> Found:
    return context.published + timedelta(days=RELATIVE_DAYS[m["relday"].lower()]), DAY, PUBLICATION


def _period(m: re.Match[str], context: _Context) -> Found:
    published = context.published
    step = STEPS[m["period_step"].lower()]
    unit = m["period_unit"].lower()
    if unit == "week":
        monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
        return _sourced(_span(monday, monday + timedelta(days=6)), PUBLICATION)
    if unit == "month":
        return _add_months(published.replace(day=1), step), MONTH, WRITTEN
    return date(published.year + step, 1, 1), YEAR, WRITTEN


def _weekday(m: re.Match[str], context: _Context) -> Found:
    published = context.published
    weekday = WEEKDAYS[m["weekday_n"]]
    step = (m["weekday_step"] or "").lower()
    if step == "next":
        ahead = (weekday - published.weekday() - 1) % 7 + 1
        return published + timedelta(days=ahead), DAY, PUBLICATION
    back = (published.weekday() - weekday) % 7
    if step == "last" and back == 0:
        back = 7
    return published - timedelta(days=back), DAY, PUBLICATION


def _rmonth(m: re.Match[str], context: _Context) -> Found:
    month = _month_number(m["rmonth_m"])
    step = (m["rmonth_step"] or "").lower()
    if not step:
        return _bare_month(context, month)
    published = context.published
    year = published.year
    if step == "last":
        year -= month >= published.month
    elif step == "next":
        year += month <= published.month
    return date(year, month, 1), MONTH, WRITTEN


def _pseason(m: re.Match[str], context: _Context) -> Found:
    """ "last summer" (the most recent one that ended before the publication date), "this
    summer" (the publication year's), "next summer" (the first starting after it)."""
    published = context.published
    step = STEPS[m["pseason_step"].lower()]
    month = SEASONS[m["pseason_n"].lower()]
    first = (12, -1) if month is None else (month, 0)  # a winter is named by its January

    def occurrence(y: int) -> tuple[date, date]:
        start = date(y + first[1], first[0], 1)
        return start, _interval(_add_months(start, 2), MONTH)[1]

    year = published.year
    if step < 0:
        while occurrence(year)[1] >= published:
            year -= 1
    elif step > 0:
        while occurrence(year)[0] <= published:
            year += 1
    if month is None:
        return date(year, 1, 1), YEAR, WRITTEN
    return date(year, month, 1), MONTH, WRITTEN


def _bseason(m: re.Match[str], context: _Context) -> Found:
    return _bare_season(context, SEASONS[m["bseason_n"].lower()])


def _shift(reference: ResolvedDate | None, unit: str, low: int, high: int) -> Resolution:
    """``reference`` moved by ``low`` to ``high`` units (negative: earlier)."""
    if reference is None or reference.precision == UNKNOWN:
        return None
    start, end = _interval(reference.date, reference.precision)
    return _span(_add(start, unit, low), _add(end, unit, high), UNIT_PRECISION[unit])


def _counts(count: str | None, plural: str | None) -> tuple[int, int] | None:
    """The lowest and highest number a count allows ("a few": 2 to 5; none: 2 to 9 when the
    unit is plural, else nothing)."""
    if count is None:
        return BARE_PLURAL_COUNT if plural else None
    if count.isdigit():
        return int(count), int(count)
    words = " ".join(count.lower().split())
    return VAGUE_COUNTS.get(words) or (NUMBER_WORDS[words],) * 2


def _offset(m: re.Match[str], context: _Context) -> Found:
    counts = _counts(m["offset_n"], m["offset_plural"])
    if counts is None:
        return None
    low, high = counts
    direction = m["offset_dir"].lower()
    if DIRECTIONS[direction] < 0:
        low, high = -high, -low
    unit = m["offset_unit"].lower()
    if direction == "ago":
        today = ResolvedDate(context.published, DAY, "", 0, 0)
        return _sourced(_shift(today, unit, low, high), PUBLICATION)
    return _sourced(_shift(context.reference, unit, low, high), context.reference_source)


def _anchored(m: re.Match[str], base: ResolvedDate | None, source: str) -> Found:
    """ "two days after" ``base`` (its following date, else the reference)."""
    count = m["anchored_n"]
    if count is not None and count.lower() == "the":
        counts: tuple[int, int] | None = None if m["anchored_plural"] else (1, 1)
    else:
        counts = _counts(count, m["anchored_plural"])
    if counts is None:
        return None
    low, high = counts
    if ANCHORED_DIRECTIONS[m["anchored_dir"].lower()] < 0:
        low, high = -high, -low
    return _sourced(_shift(base, m["anchored_unit"].lower(), low, high), source)


def _within(m: re.Match[str], base: ResolvedDate | None, source: str) -> Found:
    """ "within two months" (of ``base``, else of the reference): the end of the window."""
    counts = _counts(m["within_n"], m["within_plural"])
    if counts is None:
        return None
    return _sourced(_shift(base, m["within_unit"].lower(), *counts), source)


def _same(m: re.Match[str], context: _Context) -> Found:
    reference = context.reference
    if reference is None or reference.precision == UNKNOWN:
        return None
    start, end = _interval(reference.date, reference.precision)
    source = context.reference_source
    if m["same_season"]:
        month = SEASONS[m["same_season"].lower()]
        if month is None:
            return date(start.year, 1, 1), YEAR, source
        return date(start.year, month, 1), MONTH, source
    period = SAME_PERIODS[m["same_unit"].lower()]
    if period == "week":
        start -= timedelta(days=start.weekday())
        end += timedelta(days=6 - end.weekday())
    elif period == "month":
        start, end = start.replace(day=1), _interval(end, MONTH)[1]
    elif period == "year":
        start, end = date(start.year, 1, 1), date(end.year, 12, 31)
    return _sourced(_span(start, end, UNIT_PRECISION.get(period, DAY)), source)


def _following(m: re.Match[str], context: _Context) -> Found:
    unit, count = FOLLOWING[" ".join(m["following"].lower().split())]
    return _sourced(_shift(context.reference, unit, count, count), context.reference_source)


_HANDLERS: dict[str, _Handler] = {
    "iso": _iso, "mdy": _mdy, "dmy": _dmy, "my": _my, "season": _season, "year": _year,
    "relday": _relday, "period": _period, "weekday": _weekday, "rmonth": _rmonth,
    "offset": _offset, "same": _same, "following": _following, "pseason": _pseason,
    "bseason": _bseason,
}  # fmt: skip
_ANCHORED_HANDLERS: dict[str, tuple[_AnchoredHandler, re.Pattern[str]]] = {
    "anchored": (_anchored, _ANCHOR_GAP),
    "within": (_within, _WITHIN_ANCHOR_GAP),
}


def _item(m: re.Match[str], found: Found) -> _Item:
    """A handler's result as the expression's ResolvedDate and the source of its year."""
    if found is None:
        return None
    kind = m.lastgroup
    assert kind is not None
    return ResolvedDate(found[0], found[1], m.group(kind), m.start(kind), m.end(kind)), found[2]


def _resolved(m: re.Match[str], context: _Context) -> _Item:
    """An expression other than an anchored offset, resolved in its context."""
    kind = m.lastgroup
    assert kind is not None
    return _item(m, _HANDLERS[kind](m, context))


# --- API ---------------------------------------------------------------------------------------


def find_dates(
    text: str, published: date, previous: ResolvedDate | None = None
) -> list[ResolvedDate]:
    """Every resolvable date expression in ``text``, in order of appearance.

    ``previous`` is the story's current time (e.g. the last resolved date of the preceding
    sentences). Relative expressions ("four days later", "that month") count from the previous
    resolved expression in ``text``, else from ``previous``, and are not resolved without
    either; days and months without a year take it from the text or ``previous`` before the
    publication date (the module's rule 1). Expressions that cannot be resolved are left out.
    """
    if previous is not None and previous.precision == UNKNOWN:
        previous = None
    context = _Context(published, previous, STORY, previous, STORY)
    matches = list(_PATTERN.finditer(text))
    found: list[ResolvedDate] = []
    dates_of_offsets: dict[int, _Item] = {}  # "5 August 2019" of "two days after 5 August 2019"
    for number, m in enumerate(matches):
        if number in dates_of_offsets:  # resolved with its offset, listed after it
            item = dates_of_offsets.pop(number)
            if item is not None:
                found.append(item[0])
            continue
        kind = m.lastgroup
        assert kind is not None
        if kind in _ANCHORED_HANDLERS:
            handler, gap = _ANCHORED_HANDLERS[kind]
            following = matches[number + 1] if number + 1 < len(matches) else None
            if (
                following is not None
                and following.lastgroup in _HANDLERS
                and gap.fullmatch(text, m.end(), following.start())
            ):
                dates_of_offsets[number + 1] = base = _resolved(following, context)
                item = _item(m, handler(m, *(base or (None, STORY))))
            elif kind == "within" or _REFERENCE_AFTER.match(text, m.end()):
                item = _item(m, handler(m, context.reference, context.reference_source))
            else:
                item = None
        else:
            item = _resolved(m, context)
        if item is not None:
            found.append(item[0])
            context.advance(*item)
    return found


def resolve_sentence_date(
    text: str, published: date, previous: ResolvedDate | None = None
) -> ResolvedDate:
    """The date an event in ``text`` most likely has.

    The rule: the most precise resolved expression of the sentence, the first of them on a tie
    (see :func:`find_dates`; ``previous`` anchors relative expressions such as "four days later"
    and the year of dates without one), so "A few months later, on February 26, …" is dated by
    its day and "two days after 5 August 2019" by the offset. Without one, the publication date
    with precision ``unknown``, empty text and the empty span 0:0; a date is never carried over
    from ``previous`` nor made up.
    """
    found = find_dates(text, published, previous)
    if not found:
        return ResolvedDate(published, UNKNOWN, "", 0, 0)
    finest = {DAY: 0, MONTH: 1, YEAR: 2}
    return min(found, key=lambda d: finest.get(d.precision, 3))
