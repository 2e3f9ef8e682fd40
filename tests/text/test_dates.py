"""Tests for realpolitik.text.dates: date expressions resolved against a publication date."""

import time
from datetime import date

import pytest

from realpolitik.text.dates import ResolvedDate, find_dates, resolve_sentence_date

PUBLISHED = date(2018, 6, 4)  # a Monday


def _only(text: str, published: date = PUBLISHED, previous: ResolvedDate | None = None):
    found = find_dates(text, published, previous)
    assert len(found) == 1, found
    assert text[found[0].start : found[0].end] == found[0].text
    return found[0]


@pytest.mark.parametrize(
    ("text", "expected", "precision", "matched"),
    [
        ("It began on January 8, 1995.", date(1995, 1, 8), "day", "January 8, 1995"),
        ("It began on 8 January 1995.", date(1995, 1, 8), "day", "8 January 1995"),
        ("Talks opened on 8 May 2018 in Vienna.", date(2018, 5, 8), "day", "8 May 2018"),
        ("Talks opened on May 8, 2018 in Vienna.", date(2018, 5, 8), "day", "May 8, 2018"),
        ("Talks opened on Jan. 8, 1995.", date(1995, 1, 8), "day", "Jan. 8, 1995"),
        ("The attacks of Sept. 11, 2001 changed it.", date(2001, 9, 11), "day", "Sept. 11, 2001"),
        ("On the 8th of May 2018 they met.", date(2018, 5, 8), "day", "8th of May 2018"),
        ("The deal of 2006-07-31 was signed.", date(2006, 7, 31), "day", "2006-07-31"),
        ("The fighting started in May 2010.", date(2010, 5, 1), "month", "May 2010"),
        ("The fighting started in July 2006.", date(2006, 7, 1), "month", "July 2006"),
        ("Sanctions were lifted in 2016.", date(2016, 1, 1), "year", "2016"),
        ("2016 was a bad year for Syria.", date(2016, 1, 1), "year", "2016"),
        ("Troops left by mid-2010.", date(2010, 1, 1), "year", "mid-2010"),
        (
            "Troops arrived in early November 2017.",
            date(2017, 11, 1),
            "month",
            "early November 2017",
        ),
        ("Elections are due in late 2019.", date(2019, 1, 1), "year", "late 2019"),
        ("It ended at the end of 2017.", date(2017, 1, 1), "year", "the end of 2017"),
        ("It happened in the spring of 2015.", date(2015, 3, 1), "month", "the spring of 2015"),
        ("It happened in summer 2015.", date(2015, 6, 1), "month", "summer 2015"),
        ("It happened in the autumn of 2015.", date(2015, 9, 1), "month", "the autumn of 2015"),
        ("It happened in the winter of 2015.", date(2015, 1, 1), "year", "the winter of 2015"),
        # day and month without a year: most recent on or before publication
        ("They met on May 31.", date(2018, 5, 31), "day", "May 31"),
        ("They met on 17 May.", date(2018, 5, 17), "day", "17 May"),
        ("They met on December 5.", date(2017, 12, 5), "day", "December 5"),
        ("They met on June 4.", date(2018, 6, 4), "day", "June 4"),
        ("They met on June 5.", date(2017, 6, 5), "day", "June 5"),
        # month alone after a preposition or modifier
        ("They met at the end of May.", date(2018, 5, 1), "month", "the end of May"),
        ("They met in May.", date(2018, 5, 1), "month", "May"),
        ("They met in July.", date(2017, 7, 1), "month", "July"),
        ("They met in early November.", date(2017, 11, 1), "month", "early November"),
        ("They met last December.", date(2017, 12, 1), "month", "last December"),
        ("They met last May.", date(2018, 5, 1), "month", "last May"),
        ("They met last June.", date(2017, 6, 1), "month", "last June"),
        ("They meet next May.", date(2019, 5, 1), "month", "next May"),
        ("They meet this September.", date(2018, 9, 1), "month", "this September"),
        # weekdays
        ("They met on Tuesday.", date(2018, 5, 29), "day", "Tuesday"),
        ("They met last Tuesday.", date(2018, 5, 29), "day", "last Tuesday"),
        ("They met on Monday.", date(2018, 6, 4), "day", "Monday"),
        ("They met last Monday.", date(2018, 5, 28), "day", "last Monday"),
        ("They met on Sunday.", date(2018, 6, 3), "day", "Sunday"),
        ("They meet next Tuesday.", date(2018, 6, 5), "day", "next Tuesday"),
        # relative to publication
        ("Rebels attacked yesterday.", date(2018, 6, 3), "day", "yesterday"),
        ("Yesterday rebels attacked.", date(2018, 6, 3), "day", "Yesterday"),
        ("Rebels attacked today.", date(2018, 6, 4), "day", "today"),
        ("Talks resume tomorrow.", date(2018, 6, 5), "day", "tomorrow"),
        ("They met three days ago.", date(2018, 6, 1), "day", "three days ago"),
        ("They met two years ago.", date(2016, 1, 1), "year", "two years ago"),
        ("They met last month.", date(2018, 5, 1), "month", "last month"),
        ("They meet this month.", date(2018, 6, 1), "month", "this month"),
        ("They met last year.", date(2017, 1, 1), "year", "last year"),
        ("They meet this year.", date(2018, 1, 1), "year", "this year"),
        ("They meet next year.", date(2019, 1, 1), "year", "next year"),
        # a week is month precision when it lies in one month
        ("They met this week.", date(2018, 6, 1), "month", "this week"),
        ("They met last week.", date(2018, 1, 1), "year", "last week"),
    ],
)
def test_forms(text: str, expected: date, precision: str, matched: str) -> None:
    found = _only(text)
    assert (found.date, found.precision, found.text) == (expected, precision, matched)


@pytest.mark.parametrize(
    ("published", "expected", "precision"),
    [
        (date(2018, 6, 13), date(2018, 6, 1), "month"),  # 11-17 June
        (date(2018, 6, 1), date(2018, 1, 1), "year"),  # 28 May - 3 June
    ],
)
def test_this_week_precision(published: date, expected: date, precision: str) -> None:
    found = _only("They met this week.", published)
    assert (found.date, found.precision) == (expected, precision)


def test_this_week_across_years_is_not_resolved() -> None:
    assert find_dates("They met this week.", date(2019, 1, 1)) == []


DAY_BEFORE = ResolvedDate(date(2018, 5, 10), "day", "May 10", 0, 6)


@pytest.mark.parametrize(
    ("text", "previous", "expected", "precision", "matched"),
    [
        ("Four days later they signed.", DAY_BEFORE, date(2018, 5, 14), "day", "Four days later"),
        ("Two weeks later they signed.", DAY_BEFORE, date(2018, 5, 24), "day", "Two weeks later"),
        ("4 days earlier they met.", DAY_BEFORE, date(2018, 5, 6), "day", "4 days earlier"),
        ("A year later they signed.", DAY_BEFORE, date(2019, 1, 1), "year", "A year later"),
        (
            "Three months later they signed.",
            DAY_BEFORE,
            date(2018, 8, 1),
            "month",
            "Three months later",
        ),
        ("The next day they signed.", DAY_BEFORE, date(2018, 5, 11), "day", "The next day"),
        (
            "The following year they signed.",
            DAY_BEFORE,
            date(2019, 1, 1),
            "year",
            "The following year",
        ),
        # vague offsets: the finest precision holding every date they allow
        (
            "A few days later they signed.",
            DAY_BEFORE,
            date(2018, 5, 1),
            "month",
            "A few days later",
        ),
        (
            "A few months later they signed.",
            DAY_BEFORE,
            date(2018, 1, 1),
            "year",
            "A few months later",
        ),
        (
            "Months later they signed.",
            ResolvedDate(date(2018, 1, 15), "day", "", 0, 0),
            date(2018, 1, 1),
            "year",
            "Months later",
        ),
        # a month-precision reference widens an exact day offset
        (
            "Two days later they signed.",
            ResolvedDate(date(2018, 3, 1), "month", "March", 0, 5),
            date(2018, 1, 1),
            "year",
            "Two days later",
        ),
    ],
)
def test_relative_to_previous(
    text: str, previous: ResolvedDate, expected: date, precision: str, matched: str
) -> None:
    found = _only(text, previous=previous)
    assert (found.date, found.precision, found.text) == (expected, precision, matched)


@pytest.mark.parametrize(
    "text",
    [
        "Four days later they signed.",
        "A year later they signed.",
        "Months later they signed.",
        "The next day they signed.",
    ],
)
def test_relative_without_previous_is_not_resolved(text: str) -> None:
    assert find_dates(text, PUBLISHED) == []
    unknown = ResolvedDate(PUBLISHED, "unknown", "", 0, 0)
    assert find_dates(text, PUBLISHED, unknown) == []


def test_vague_offset_across_years_is_not_resolved() -> None:
    previous = ResolvedDate(date(2017, 10, 15), "day", "", 0, 0)
    assert find_dates("A few months later they signed.", PUBLISHED, previous) == []


@pytest.mark.parametrize(
    "text",
    [
        "Russia delivered the S-300 system.",
        "The deal is worth 800 million dollars.",
        "Under resolution 1929 the council acted.",
        "Under resolution 1929 (2010) the council acted.",
        "Some 1,500 troops were sent.",
        "Some 2000 troops were sent.",
        "Inflation hit 2019% last.",
        "The meeting began at 10:30 local time.",
        "The budget was $2016 short.",
        "Flight 1549 landed.",
        "It may rain, they may march.",
        "Talks were held at Mar-a-Lago.",
        "In the 1990s the war ended.",
        "The population is 1500.",
        "On May 32 nothing happened.",
    ],
)
def test_non_dates(text: str) -> None:
    assert find_dates(text, PUBLISHED) == []


def test_two_dates_in_order_with_spans() -> None:
    text = "After talks on May 31, 2018, Iran and Russia signed on 3 June a deal from 2016."
    found = find_dates(text, PUBLISHED)
    assert [(r.date, r.precision, r.text) for r in found] == [
        (date(2018, 5, 31), "day", "May 31, 2018"),
        (date(2018, 6, 3), "day", "3 June"),
        (date(2016, 1, 1), "year", "2016"),
    ]
    assert all(text[r.start : r.end] == r.text for r in found)
    assert found[0].start < found[1].start < found[2].start


def test_relative_counts_from_earlier_date_in_sentence() -> None:
    text = "On May 5 they met; four days later they signed."
    found = find_dates(text, PUBLISHED, DAY_BEFORE)
    assert [(r.date, r.text) for r in found] == [
        (date(2018, 5, 5), "May 5"),
        (date(2018, 5, 9), "four days later"),
    ]


def test_resolve_sentence_date_takes_the_most_precise_expression() -> None:
    found = resolve_sentence_date("On Tuesday Iran rejected the 2015 deal.", PUBLISHED)
    assert (found.date, found.precision, found.text) == (date(2018, 5, 29), "day", "Tuesday")
    found = resolve_sentence_date("In 2015 and in May 2016 and on 3 June 2017 it met.", PUBLISHED)
    assert (found.date, found.precision) == (date(2017, 6, 3), "day")
    found = resolve_sentence_date(
        "A few months later, on February 26, Russia vetoed it.", PUBLISHED, DAY_BEFORE
    )
    assert (found.date, found.precision) == (date(2018, 2, 26), "day")
    found = resolve_sentence_date("In May 2016 and in June 2016 it met.", PUBLISHED)
    assert (found.date, found.precision) == (date(2016, 5, 1), "month")  # a tie: the first


def test_resolve_sentence_date_falls_back_to_publication_date() -> None:
    found = resolve_sentence_date("Iran rejected the deal.", PUBLISHED, DAY_BEFORE)
    assert found == ResolvedDate(PUBLISHED, "unknown", "", 0, 0)


def test_resolve_sentence_date_uses_previous_only_for_relative_expressions() -> None:
    found = resolve_sentence_date("Four days later Iran rejected it.", PUBLISHED, DAY_BEFORE)
    assert (found.date, found.precision) == (date(2018, 5, 14), "day")


def test_fast() -> None:
    templates = [
        "Russian President Vladimir Putin met Iranian President Hassan Rouhani in Tehran on "
        "November {day}, 2017, four days later than planned, and 800 million dollars "
        "were pledged under resolution 2231 (2015) with S-300 systems.",
        "The United States withdrew from the deal last month, officials said on Tuesday.",
        "Iran and Russia have cooperated closely in Syria since early 2015.",
        "No date is mentioned in this fairly long sentence about diplomacy and trade {day}.",
    ]
    sentences = [t.format(day=1 + i % 28) for i in range(2500) for t in templates]
    assert len(sentences) == 10_000
    begin = time.perf_counter()
    for sentence in sentences:
        resolve_sentence_date(sentence, PUBLISHED)
    elapsed = time.perf_counter() - begin
    assert elapsed < 2.0, elapsed
