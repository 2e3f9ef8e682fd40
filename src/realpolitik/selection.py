"""What the verbs select by, checked one way everywhere: actor codes and periods.

An actor is a three-letter store code. A code the country table does not know is still
measurable when the store holds events of it (GDELT keeps codes such as XSS as coded): it is
accepted with a note. A period bound is a year, a month or a day; `--from` means its first
day and `--to` its last, and a period that ends before it starts is misuse.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable
from datetime import date

from realpolitik.countries import is_known_code
from realpolitik.errors import UsageError

ACTOR_CODE = re.compile(r"[A-Z]{3}")
PERIOD_BOUND = re.compile(r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?")


def actor_code(value: str, option: str) -> str:
    """`rus ` → `RUS`; UsageError unless it is three letters."""
    code = value.strip().upper()
    if not ACTOR_CODE.fullmatch(code):
        raise UsageError(f"{option} {value.strip()!r}: an actor is a three-letter code, e.g. RUS")
    return code


def actor_codes(values: str, option: str) -> list[str]:
    """`rus, IRN` → ['RUS', 'IRN'] (each once, in order); UsageError for an empty list or a
    code that is not three letters."""
    codes = list(dict.fromkeys(actor_code(v, option) for v in values.split(",") if v.strip()))
    if not codes:
        raise UsageError(f"{option} is empty: give codes such as RUS,IRN,USA, or leave it out")
    return codes


def unknown_actor_notes(
    codes: Iterable[str], option: str, held: Callable[[list[str]], set[str]] | None
) -> list[str]:
    """Notes on the codes the country table does not know but the store holds (`held` says
    which of a list it holds events of); UsageError for one it does not hold either."""
    unknown = [c for c in codes if not is_known_code(c)]
    if not unknown:
        return []
    found = held(unknown) if held is not None else set()
    for code in unknown:
        if code not in found:
            where = "" if held is None else ", and the store holds no events of it"
            raise UsageError(f"{option} {code!r} is not a known country or IGO code{where}")
    return [
        f"{code} is not in the country table; measured as the store holds it" for code in unknown
    ]


def period_bound(value: str | None, option: str, end: bool) -> date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as a day: its first for a start, its last for an `end`."""
    if value is None:
        return None
    match = PERIOD_BOUND.fullmatch(value.strip())
    try:
        if match is None:
            raise ValueError
        year, month, day = (int(g) if g else None for g in match.group("year", "month", "day"))
        if day is not None:
            return date(year, month, day)
        if month is not None:
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return date(year, 12, 31) if end else date(year, 1, 1)
    except ValueError:
        raise UsageError(
            f"{option} {value!r} is not a year, a month or a day (YYYY, YYYY-MM or YYYY-MM-DD)"
        ) from None


def period(
    start: str | None, end: str | None, options: tuple[str, str] = ("--from", "--to")
) -> tuple[date | None, date | None]:
    """The days `start`..`end` (either may be open); UsageError if it ends before it starts."""
    first = period_bound(start, options[0], end=False)
    last = period_bound(end, options[1], end=True)
    if first is not None and last is not None and last < first:
        raise UsageError(
            f"the period ends ({options[1]} {end}) before it starts ({options[0]} {start})"
        )
    return first, last
