"""Tests for realpolitik.text.dates: date expressions resolved against a publication date."""

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


# --- Dates without a year in a narrative (module docstring, rule 1) ----------------------------

LATE = date(2024, 6, 10)  # an analysis published long after the events it tells


def _day(year: int, month: int, day: int) -> ResolvedDate:
    return ResolvedDate(date(year, month, day), "day", "", 0, 0)


def _month(year: int, month: int) -> ResolvedDate:
    return ResolvedDate(date(year, month, 1), "month", "", 0, 0)


def _year(year: int) -> ResolvedDate:
    return ResolvedDate(date(year, 1, 1), "year", "", 0, 0)


def _dates(text: str, published: date = LATE, previous: ResolvedDate | None = None):
    found = find_dates(text, published, previous)
    assert all(text[r.start : r.end] == r.text for r in found)
    return [(r.date, r.precision, r.text) for r in found]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "After the vote on 2 March 2021 the envoys met again on 6 March.",
            LATE,
            [(date(2021, 3, 2), "day", "2 March 2021"), (date(2021, 3, 6), "day", "6 March")],
        ),
        (
            "In 2019 the talks collapsed, and in December the border closed.",
            LATE,
            [(date(2019, 1, 1), "year", "2019"), (date(2019, 12, 1), "month", "December")],
        ),
        # the first such day at or after the written date
        (
            "The truce of 20 December 2020 broke down on 6 January.",
            LATE,
            [
                (date(2020, 12, 20), "day", "20 December 2020"),
                (date(2021, 1, 6), "day", "6 January"),
            ],
        ),
        # ... or a little before it
        (
            "In May 2013 the envoy flew to Oslo, invited on 20 April.",
            LATE,
            [(date(2013, 5, 1), "month", "May 2013"), (date(2013, 4, 20), "day", "20 April")],
        ),
        # a year written in the text is kept after the publication date: a plan
        (
            "In 2023 the talks are due to resume in December.",
            date(2023, 11, 20),
            [(date(2023, 1, 1), "year", "2023"), (date(2023, 12, 1), "month", "December")],
        ),
    ],
)
def test_bare_date_takes_the_year_written_earlier_in_the_text(
    text: str, published: date, expected: list
) -> None:
    assert _dates(text, published) == expected
    # the text's own year comes before the story's
    assert _dates(text, published, _day(2010, 10, 30)) == expected


def test_bare_dates_of_one_sentence_follow_each_other() -> None:
    text = "On 14 February the envoy arrived, and on 26 February he left."
    assert _dates(text, date(2024, 10, 28), _month(2019, 2)) == [
        (date(2019, 2, 14), "day", "14 February"),
        (date(2019, 2, 26), "day", "26 February"),
    ]


@pytest.mark.parametrize(
    ("text", "previous", "expected", "precision", "matched"),
    [
        (
            "In December the embassy closed.",
            _day(2018, 10, 30),
            date(2018, 12, 1),
            "month",
            "December",
        ),
        ("In March the embassy closed.", _year(2018), date(2018, 3, 1), "month", "March"),
        ("In March the embassy closed.", _month(2018, 12), date(2019, 3, 1), "month", "March"),
        (
            "In October the embassy closed.",
            _day(2019, 10, 30),
            date(2019, 10, 1),
            "month",
            "October",
        ),
        # the month two calendar months before the story's: a step back
        (
            "In December the embassy closed.",
            _day(2019, 1, 10),
            date(2018, 12, 1),
            "month",
            "December",
        ),
        ("The envoy left on 2 August.", _day(2019, 7, 1), date(2019, 8, 2), "day", "2 August"),
        ("The envoy left on 2 August.", _day(2019, 8, 20), date(2019, 8, 2), "day", "2 August"),
        ("The envoy left on 15 June.", _day(2019, 8, 20), date(2019, 6, 15), "day", "15 June"),
        # three months back is too far: the next one
        ("The envoy left on 15 May.", _day(2019, 8, 20), date(2020, 5, 15), "day", "15 May"),
        (
            "The envoy left on December 6.",
            _day(2017, 11, 1),
            date(2017, 12, 6),
            "day",
            "December 6",
        ),
        (
            "Talks resumed in early March.",
            _day(2020, 1, 15),
            date(2020, 3, 1),
            "month",
            "early March",
        ),
        (
            "Talks resumed at the end of May.",
            _month(2016, 2),
            date(2016, 5, 1),
            "month",
            "the end of May",
        ),
        # seasons: month precision at their first month, winter the anchor's year
        (
            "Talks resumed in the summer.",
            _day(2020, 7, 15),
            date(2020, 6, 1),
            "month",
            "the summer",
        ),
        (
            "Talks resumed in the spring.",
            _day(2020, 7, 15),
            date(2020, 3, 1),
            "month",
            "the spring",
        ),
        ("Talks resumed in spring.", _month(2020, 12), date(2021, 3, 1), "month", "spring"),
        (
            "Talks resumed during the fall.",
            _day(2020, 7, 15),
            date(2020, 9, 1),
            "month",
            "the fall",
        ),
        ("Talks resumed in the winter.", _day(2020, 7, 15), date(2020, 1, 1), "year", "the winter"),
    ],
)
def test_bare_date_follows_the_story(
    text: str, previous: ResolvedDate, expected: date, precision: str, matched: str
) -> None:
    assert _dates(text, LATE, previous) == [(expected, precision, matched)]


@pytest.mark.parametrize(
    ("text", "published", "previous", "expected"),
    [
        # never after the publication date: the year before
        ("The envoy left on 14 February.", date(2024, 1, 20), _day(2023, 12, 1), date(2023, 2, 14)),
        ("In March the embassy closed.", date(2019, 1, 15), _month(2018, 12), date(2018, 3, 1)),
        ("In December the embassy closed.", date(2023, 11, 20), _year(2023), date(2022, 12, 1)),
        ("In December the embassy closed.", date(2023, 12, 1), _year(2023), date(2023, 12, 1)),
        # a story already past its publication date does not carry a bare date with it
        ("The envoy left on 3 March.", LATE, _day(2025, 1, 10), date(2024, 3, 3)),
    ],
)
def test_bare_date_never_after_publication(
    text: str, published: date, previous: ResolvedDate, expected: date
) -> None:
    (found,) = find_dates(text, published, previous)
    assert found.date == expected


def test_bare_dates_without_story_keep_the_publication_rule() -> None:
    # each on its own: the most recent such day on or before publication (2018-06-04)
    assert _dates("The envoy left on 1 June after arriving on 10 June.", PUBLISHED) == [
        (date(2018, 6, 1), "day", "1 June"),
        (date(2017, 6, 10), "day", "10 June"),
    ]
    assert _dates("On 10 June the envoy arrived and on 1 June he left.", PUBLISHED) == [
        (date(2017, 6, 10), "day", "10 June"),
        (date(2018, 6, 1), "day", "1 June"),
    ]
    # a weekday is counted from publication
    assert _dates("On Tuesday the envoy recalled the talks of 1 June.", PUBLISHED) == [
        (date(2018, 5, 29), "day", "Tuesday"),
        (date(2018, 6, 1), "day", "1 June"),
    ]
    # a previous date of unknown precision is no story
    unknown = ResolvedDate(PUBLISHED, "unknown", "", 0, 0)
    assert _dates("In December the embassy closed.", PUBLISHED, unknown) == [
        (date(2017, 12, 1), "month", "December")
    ]


@pytest.mark.parametrize(
    ("text", "expected", "precision", "matched"),
    [
        ("They met in the summer.", date(2018, 6, 1), "month", "the summer"),
        ("They met in the autumn.", date(2017, 9, 1), "month", "the autumn"),
        ("They met in early spring.", date(2018, 3, 1), "month", "early spring"),
        ("They met in the winter.", date(2018, 1, 1), "year", "the winter"),
    ],
)
def test_season_without_year_or_story(
    text: str, expected: date, precision: str, matched: str
) -> None:
    found = _only(text)
    assert (found.date, found.precision, found.text) == (expected, precision, matched)


STORY = _day(2015, 9, 21)


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("They met on Tuesday.", date(2018, 5, 29), "day"),
        ("They met last week.", date(2018, 1, 1), "year"),
        ("They meet this month.", date(2018, 6, 1), "month"),
        ("Rebels attacked yesterday.", date(2018, 6, 3), "day"),
        ("Rebels attacked today.", date(2018, 6, 4), "day"),
        ("They met last December.", date(2017, 12, 1), "month"),
        ("They met three days ago.", date(2018, 6, 1), "day"),
    ],
)
def test_recent_news_phrasing_ignores_the_story(text: str, expected: date, precision: str) -> None:
    found = _only(text, PUBLISHED, STORY)
    assert (found.date, found.precision) == (expected, precision)


@pytest.mark.parametrize(
    ("text", "published", "expected", "precision", "matched"),
    [
        (
            "The bargain held through this spring.",
            date(2018, 12, 3),
            date(2018, 3, 1),
            "month",
            "this spring",
        ),
        (
            "The bargain broke last summer.",
            date(2018, 12, 3),
            date(2018, 6, 1),
            "month",
            "last summer",
        ),
        (
            "The bargain faces next spring.",
            date(2018, 12, 3),
            date(2019, 3, 1),
            "month",
            "next spring",
        ),
        (
            "The bargain held this winter.",
            date(2018, 12, 3),
            date(2018, 1, 1),
            "year",
            "this winter",
        ),
        (
            "The bargain broke last spring.",
            date(2018, 4, 10),
            date(2017, 3, 1),
            "month",
            "last spring",
        ),
        (
            "On 6 March this year the plan was announced.",
            date(2023, 8, 21),
            date(2023, 3, 6),
            "day",
            "6 March this year",
        ),
        (
            "In September last year the offensive began.",
            date(2024, 3, 4),
            date(2023, 9, 1),
            "month",
            "September last year",
        ),
        (
            "Elections are due in March of next year.",
            date(2024, 3, 4),
            date(2025, 3, 1),
            "month",
            "March of next year",
        ),
    ],
)
def test_year_named_from_publication(
    text: str, published: date, expected: date, precision: str, matched: str
) -> None:
    assert _dates(text, published, STORY) == [(expected, precision, matched)]


def test_year_named_from_publication_anchors_bare_dates() -> None:
    text = "In September last year the offensive began, and on 23 October contracts were signed."
    assert _dates(text, date(2024, 3, 4), _month(2022, 11)) == [
        (date(2023, 9, 1), "month", "September last year"),
        (date(2023, 10, 23), "day", "23 October"),
    ]


def test_a_story_told_across_years() -> None:
    sentences = [
        (
            "The crisis began on 5 August 2019, when Ruritania closed its border.",
            date(2019, 8, 5),
            "day",
        ),
        ("On 22 August the neighbours recalled their envoys.", date(2019, 8, 22), "day"),
        ("In November talks resumed in Geneva.", date(2019, 11, 1), "month"),
        ("On 14 February they collapsed.", date(2020, 2, 14), "day"),
        ("Later that month the border reopened.", date(2020, 2, 1), "month"),
        ("Two weeks later both envoys returned.", date(2020, 1, 1), "year"),
        ("On 3 March the presidents met in Vienna.", date(2020, 3, 3), "day"),
        ("The meeting achieved little.", LATE, "unknown"),
    ]
    previous = None
    for text, expected, precision in sentences:
        found = resolve_sentence_date(text, LATE, previous)
        assert (found.date, found.precision) == (expected, precision), text
        if found.precision != "unknown":
            previous = found


# --- Relative expressions (rule 3) ---------------------------------------------------------------

TUESDAY = _day(2021, 3, 2)


@pytest.mark.parametrize(
    ("text", "previous", "expected", "precision", "matched"),
    [
        ("The envoy left the day after.", TUESDAY, date(2021, 3, 3), "day", "the day after"),
        ("The envoy left the next morning.", TUESDAY, date(2021, 3, 3), "day", "the next morning"),
        ("The envoy left the next evening.", TUESDAY, date(2021, 3, 3), "day", "the next evening"),
        (
            "The envoy left the following evening.",
            TUESDAY,
            date(2021, 3, 3),
            "day",
            "the following evening",
        ),
        ("The envoy left two days before.", TUESDAY, date(2021, 2, 28), "day", "two days before"),
        ("The envoy left the same evening.", TUESDAY, date(2021, 3, 2), "day", "the same evening"),
        ("The envoy left the same night.", TUESDAY, date(2021, 3, 2), "day", "the same night"),
        ("The envoy left that same day.", TUESDAY, date(2021, 3, 2), "day", "that same day"),
        ("The envoy left that night.", TUESDAY, date(2021, 3, 2), "day", "that night"),
        ("The envoy left later that day.", TUESDAY, date(2021, 3, 2), "day", "later that day"),
        # the week of Tuesday 2 March 2021 is 1-7 March
        ("The envoy left later that week.", TUESDAY, date(2021, 3, 1), "month", "later that week"),
        ("The envoy left the same week.", TUESDAY, date(2021, 3, 1), "month", "the same week"),
        (
            "The envoy left later that month.",
            TUESDAY,
            date(2021, 3, 1),
            "month",
            "later that month",
        ),
        (
            "The envoy left earlier that month.",
            TUESDAY,
            date(2021, 3, 1),
            "month",
            "earlier that month",
        ),
        ("The envoy left the same month.", TUESDAY, date(2021, 3, 1), "month", "the same month"),
        ("The envoy left that month.", TUESDAY, date(2021, 3, 1), "month", "that month"),
        ("The envoy left later that year.", TUESDAY, date(2021, 1, 1), "year", "later that year"),
        ("The envoy left that year.", TUESDAY, date(2021, 1, 1), "year", "that year"),
        ("The envoy left the same year.", TUESDAY, date(2021, 1, 1), "year", "the same year"),
        ("The envoy left a week later.", TUESDAY, date(2021, 3, 9), "day", "a week later"),
        ("The envoy left a month later.", TUESDAY, date(2021, 4, 1), "month", "a month later"),
        ("The envoy left a year later.", TUESDAY, date(2022, 1, 1), "year", "a year later"),
        # 29 March to 4 April 2021 crosses a month
        (
            "The envoy left the same week.",
            _day(2021, 3, 31),
            date(2021, 1, 1),
            "year",
            "the same week",
        ),
        # never finer than the reference
        ("The envoy left that month.", _year(2020), date(2020, 1, 1), "year", "that month"),
        # seasons: of the reference's year
        ("That spring the envoy left.", _year(2020), date(2020, 3, 1), "month", "That spring"),
        (
            "That summer the envoy left.",
            _day(2020, 9, 27),
            date(2020, 6, 1),
            "month",
            "That summer",
        ),
        (
            "That autumn the envoy left.",
            _day(2019, 11, 22),
            date(2019, 9, 1),
            "month",
            "That autumn",
        ),
        (
            "That winter the envoy left.",
            _day(2020, 11, 10),
            date(2020, 1, 1),
            "year",
            "That winter",
        ),
        (
            "Aid arrived at the end of that month.",
            _month(2024, 8),
            date(2024, 8, 1),
            "month",
            "the end of that month",
        ),
    ],
)
def test_relative_to_the_reference(
    text: str, previous: ResolvedDate, expected: date, precision: str, matched: str
) -> None:
    assert _dates(text, LATE, previous) == [(expected, precision, matched)]


def test_relative_to_an_earlier_date_of_the_text() -> None:
    text = "The talks opened on 2 March 2021 and collapsed later that month."
    assert _dates(text, LATE, _year(2015)) == [
        (date(2021, 3, 2), "day", "2 March 2021"),
        (date(2021, 3, 1), "month", "later that month"),
    ]
    text = "Troops crossed on 27 September 2020 with drones delivered that summer."
    assert _dates(text) == [
        (date(2020, 9, 27), "day", "27 September 2020"),
        (date(2020, 6, 1), "month", "that summer"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Later that month the envoy left.",
        "That spring the envoy left.",
        "The envoy left the same evening.",
        "The envoy left the day after.",
        "Within two months the envoy left.",
        "Ten days after that the envoy left.",
    ],
)
def test_new_relative_forms_need_a_reference(text: str) -> None:
    assert find_dates(text, PUBLISHED) == []


@pytest.mark.parametrize(
    "text",
    [
        "He insisted that day-to-day contacts continue.",
        "Analysts expect oil prices to fall.",
        "The envoy vowed to spring a surprise.",
        "The Arab Spring changed the region.",
        "After the fall of Kabul the envoy left.",
        "Two days after the ministers announced the deal they met.",
        "In the days after the vote the envoy left.",
    ],
)
def test_not_relative_dates(text: str) -> None:
    assert find_dates(text, PUBLISHED, TUESDAY) == []


@pytest.mark.parametrize(
    ("text", "previous", "expected"),
    [
        (
            "Two days after 5 August 2019 the envoy was expelled.",
            None,
            [
                (date(2019, 8, 7), "day", "Two days after"),
                (date(2019, 8, 5), "day", "5 August 2019"),
            ],
        ),
        (
            "The day after 8 May 2018 sanctions returned.",
            TUESDAY,
            [(date(2018, 5, 9), "day", "The day after"), (date(2018, 5, 8), "day", "8 May 2018")],
        ),
        (
            "Three weeks after the vote on 5 August 2019 talks resumed.",
            None,
            [
                (date(2019, 8, 26), "day", "Three weeks after"),
                (date(2019, 8, 5), "day", "5 August 2019"),
            ],
        ),
        (
            "Two days before 5 August 2019 the envoy left.",
            None,
            [
                (date(2019, 8, 3), "day", "Two days before"),
                (date(2019, 8, 5), "day", "5 August 2019"),
            ],
        ),
        (
            "A year after the invasion began in February 2022 the envoy returned.",
            None,
            [
                (date(2023, 1, 1), "year", "A year after"),
                (date(2022, 2, 1), "month", "February 2022"),
            ],
        ),
        # the date itself follows the story
        (
            "Two days after 14 February the envoy left.",
            _month(2019, 2),
            [
                (date(2019, 2, 16), "day", "Two days after"),
                (date(2019, 2, 14), "day", "14 February"),
            ],
        ),
        (
            "Ten days after that the envoy returned.",
            _day(2024, 10, 3),
            [(date(2024, 10, 13), "day", "Ten days after")],
        ),
        # the offset, not its date, is the reference of what follows
        (
            "Two days after 5 August 2019 he was expelled, and a week later the embassy closed.",
            None,
            [
                (date(2019, 8, 7), "day", "Two days after"),
                (date(2019, 8, 5), "day", "5 August 2019"),
                (date(2019, 8, 14), "day", "a week later"),
            ],
        ),
    ],
)
def test_offset_from_a_following_date(
    text: str, previous: ResolvedDate | None, expected: list
) -> None:
    assert _dates(text, LATE, previous) == expected


def test_offset_from_a_following_date_dates_the_sentence() -> None:
    found = resolve_sentence_date("Two days after 5 August 2019 the envoy was expelled.", LATE)
    assert (found.date, found.precision, found.text) == (date(2019, 8, 7), "day", "Two days after")


@pytest.mark.parametrize(
    ("text", "previous", "expected"),
    [
        (
            "They promised to reopen the embassies within two months.",
            _day(2023, 3, 10),
            [(date(2023, 5, 1), "month", "within two months")],
        ),
        (
            "The batteries were to arrive within three years.",
            _year(2010),
            [(date(2013, 1, 1), "year", "within three years")],
        ),
        (
            "Delivery was promised within ten days.",
            _day(2023, 3, 10),
            [(date(2023, 3, 20), "day", "within ten days")],
        ),
        # 4 to 11 January
        (
            "Allies followed within days.",
            _day(2016, 1, 2),
            [(date(2016, 1, 1), "month", "within days")],
        ),
        (
            "The two sides agreed on 10 March 2023 to reopen embassies within two months.",
            None,
            [
                (date(2023, 3, 10), "day", "10 March 2023"),
                (date(2023, 5, 1), "month", "within two months"),
            ],
        ),
        (
            "Delivery is due within two months of 10 March 2023.",
            _year(2015),
            [
                (date(2023, 5, 1), "month", "within two months"),
                (date(2023, 3, 10), "day", "10 March 2023"),
            ],
        ),
    ],
)
def test_within_is_the_end_of_the_window(
    text: str, previous: ResolvedDate | None, expected: list
) -> None:
    assert _dates(text, LATE, previous) == expected


# --- Resolution numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The council adopted resolutions 1803, 1835 and 1929 against Iran.",
        "UNSCR 1973 authorised a no-fly zone.",
        "Russia voted for Resolution 2118 and 2254.",
        "Resolutions 1737 (2006), 1747 (2007) and 1803 (2008) were adopted.",
        "Under UNSCRs 1267 and 1989 the sanctions stayed.",
        "The council passed resolutions 1696 to 1929.",
        "Talks followed S/RES/2254 (2015).",
    ],
)
def test_resolution_numbers_are_not_years(text: str) -> None:
    assert find_dates(text, PUBLISHED) == []
    assert find_dates(text, PUBLISHED, STORY) == []


def test_a_year_after_a_resolution_number_still_counts() -> None:
    text = "Resolution 2231, adopted in 2015, endorsed the deal."
    assert _dates(text, PUBLISHED) == [(date(2015, 1, 1), "year", "2015")]
