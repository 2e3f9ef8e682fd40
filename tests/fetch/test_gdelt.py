"""GDELT's file lists: the 2.0 master list and the 1.0 md5sums/filesizes pair, malformed lines
reported by list and line without stopping the rest, and selection by period across the 1.0
yearly, monthly and daily files."""

from __future__ import annotations

from datetime import date

import pytest

from realpolitik.fetch.gdelt import (
    ListedFile,
    Listing,
    ListProblem,
    parse_master_list,
    parse_v1_lists,
    v1_span,
)

GDELT = "http://data.gdeltproject.org"
MASTER = f"{GDELT}/gdeltv2/masterfilelist.txt"
MD5S, SIZES = f"{GDELT}/events/md5sums", f"{GDELT}/events/filesizes"
MIRROR = "http://127.0.0.1:8000/mirror"
A, B = "297a16b493de7cf6ca809a7cc31d0b93", "2a91041d7e72b0fc6a629e2ff867b240"


def master(*lines: str, base: str = GDELT) -> Listing:
    return parse_master_list(lines, MASTER, base)


def test_master_list_keeps_the_event_files_and_moves_them_to_the_base_url() -> None:
    listing = master(
        f"150383 {A} {GDELT}/gdeltv2/20150218230000.export.CSV.zip",
        f"318084 bb27f78ba45f69a17ea6ed7755e9f8ff {GDELT}/gdeltv2/20150218230000.mentions.CSV.zip",
        f"10768507 ea8dde0beb0ba98810a92db068c0ce99 {GDELT}/gdeltv2/20150218230000.gkg.csv.zip",
        "",
        f"149211 {B.upper()} {GDELT}/gdeltv2/20150219001500.export.CSV.zip",
        base=MIRROR + "/",
    )
    assert listing.problems == []
    day18, day19 = date(2015, 2, 18), date(2015, 2, 19)
    assert listing.files == [
        ListedFile(
            2,
            "20150218230000.export.CSV.zip",
            f"{MIRROR}/gdeltv2/20150218230000.export.CSV.zip",
            150383,
            A,
            day18,
            day18,
        ),
        ListedFile(
            2,
            "20150219001500.export.CSV.zip",
            f"{MIRROR}/gdeltv2/20150219001500.export.CSV.zip",
            149211,
            B,
            day19,
            day19,
        ),
    ]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (
            f"150383  {A} {GDELT}/gdeltv2/20150218230000.export.CSV.zip",
            "expected 'SIZE MD5 URL' separated by single spaces, found 4 parts",
        ),
        (f"{A} {GDELT}/gdeltv2/20150218230000.export.CSV.zip", "expected 'SIZE MD5 URL' "
         "separated by single spaces, found 2 parts"),
        (f"15x383 {A} {GDELT}/gdeltv2/20150218230000.export.CSV.zip",
         "size '15x383' is not a number"),
        (f"150383 {A[:31]}g {GDELT}/gdeltv2/20150218230000.export.CSV.zip",
         f"MD5 '{A[:31]}g' is not 32 hex digits"),
        (f"150383 {A} {GDELT}/gdeltv1/20150218230000.export.CSV.zip",
         f"URL '{GDELT}/gdeltv1/20150218230000.export.CSV.zip' is not "
         "http://HOST/gdeltv2/YYYYMMDDHHMMSS.export.CSV.zip"),
        (f"150383 {A} {GDELT}/gdeltv2/20150230230000.export.CSV.zip",
         "20150230230000 is not a date and time (YYYYMMDDHHMMSS)"),
    ],
)  # fmt: skip
def test_a_malformed_master_line_is_a_problem_and_the_others_are_read(
    line: str, reason: str
) -> None:
    good = f"149211 {B} {GDELT}/gdeltv2/20150219001500.export.CSV.zip"
    listing = master(good, line, good.replace("001500", "003000"))
    assert [f.name for f in listing.files] == [
        "20150219001500.export.CSV.zip",
        "20150219003000.export.CSV.zip",
    ]
    (problem,) = listing.problems
    assert (problem.source, problem.line, problem.reason) == (MASTER, 2, reason)
    assert str(problem) == f"{MASTER} line 2: {reason}"
    assert problem.name == "20150218230000.export.CSV.zip" or problem.name == (
        "20150230230000.export.CSV.zip"
    )


def test_a_malformed_line_names_its_file_and_day_when_it_can() -> None:
    (named,) = master(f"x {A} {GDELT}/gdeltv2/20150218230000.export.CSV.zip").problems
    assert named.name == "20150218230000.export.CSV.zip"
    assert named.url == f"{GDELT}/gdeltv2/20150218230000.export.CSV.zip"
    assert named.first_day == named.last_day == date(2015, 2, 18)
    (anonymous,) = master("garbage").problems
    assert (anonymous.name, anonymous.url, anonymous.first_day) == (None, None, None)
    assert master(f"x {A} {GDELT}/gdeltv2/20150218230000.gkg.csv.zip") == Listing()


def test_a_file_listed_twice() -> None:
    line = f"150383 {A} {GDELT}/gdeltv2/20150218230000.export.CSV.zip"
    assert len(master(line, line).files) == 1
    conflicting = master(line, line.replace(A, B))
    assert conflicting.files == []
    (problem,) = conflicting.problems
    assert problem.reason == (
        "20150218230000.export.CSV.zip is listed with different sizes or MD5s (lines 1, 2)"
    )
    assert problem.first_day == date(2015, 2, 18)


def test_selection_by_day() -> None:
    lines = [
        f"1 {A} {GDELT}/gdeltv2/{stamp}.export.CSV.zip"
        for stamp in ("20150218234500", "20150219000000", "20150220234500", "20150221000000")
    ]
    listing = master(*lines, "garbage", f"x {A} {GDELT}/gdeltv2/20150301000000.export.CSV.zip")
    chosen = listing.select(date(2015, 2, 19), date(2015, 2, 20))
    assert [f.name[:14] for f in chosen.files] == ["20150219000000", "20150220234500"]
    assert [p.line for p in chosen.problems] == [5]  # a line naming no day may concern any


def v1(md5s: list[str], sizes: list[str], base: str = GDELT) -> Listing:
    return parse_v1_lists(md5s, MD5S, sizes, SIZES, base)


def test_v1_lists_join_on_the_name() -> None:
    listing = v1(
        [f"{A}  2005.zip", f"{B}  200602.zip", f"{A}  20130401.export.CSV.zip", f"{B}  readme.txt"],
        ["10 2005.zip", "20 200602.zip", "30 20130401.export.CSV.zip", "5 readme.txt"],
        base=MIRROR,
    )
    assert listing.problems == []
    assert listing.files == [
        ListedFile(
            1, "2005.zip", f"{MIRROR}/events/2005.zip", 10, A, date(2005, 1, 1),
            date(2005, 12, 31),
        ),
        ListedFile(
            1, "200602.zip", f"{MIRROR}/events/200602.zip", 20, B, date(2006, 2, 1),
            date(2006, 2, 28),
        ),
        ListedFile(
            1, "20130401.export.CSV.zip", f"{MIRROR}/events/20130401.export.CSV.zip", 30, A,
            date(2013, 4, 1), date(2013, 4, 1),
        ),
    ]  # fmt: skip


def test_v1_malformed_lines_and_files_missing_from_a_list() -> None:
    listing = v1(
        [
            f"{A}  2005.zip",
            f"{A[:30]}  2004.zip",
            f"{A}  2003.zip extra",
            f"{A}  200512.zip",
            "garbage",
            f"{B}  2002.zip",
        ],
        ["10 2005.zip", "1O 2001.zip", "7 2000.zip"],
    )
    assert [f.name for f in listing.files] == ["2005.zip"]
    found = [(p.source, p.line, p.reason, p.name) for p in listing.problems]
    assert found == [
        (MD5S, 2, f"MD5 '{A[:30]}' is not 32 hex digits", "2004.zip"),
        (MD5S, 3, "expected 'MD5  NAME', found 3 parts", "2003.zip"),
        (
            MD5S,
            4,
            "200512.zip is not a GDELT 1.0 event file name (YYYY.zip for 1979-2005, YYYYMM.zip "
            "for 2006-01 to 2013-03, YYYYMMDD.export.CSV.zip from 2013-04-01)",
            "200512.zip",
        ),
        (MD5S, 5, "expected 'MD5  NAME', found 1 parts", None),
        (MD5S, 6, f"2002.zip is not in {SIZES}", "2002.zip"),
        (SIZES, 2, "size '1O' is not a number", "2001.zip"),
        (SIZES, 3, f"2000.zip is not in {MD5S}", "2000.zip"),
    ]
    assert listing.problems[0].first_day == date(2004, 1, 1)
    assert listing.problems[2].first_day is None  # a name out of the layout has no day


def test_a_v1_file_listed_twice() -> None:
    twice = v1([f"{A}  2005.zip", f"{A}  2005.zip"], ["10 2005.zip", "11 2005.zip"])
    assert twice.files == []
    assert [(p.source, p.line, p.reason) for p in twice.problems] == [
        (SIZES, 2, "2005.zip is listed with different values (lines 1, 2)")
    ]
    assert len(v1([f"{A}  2005.zip", f"{A.upper()}  2005.zip"], ["10 2005.zip"]).files) == 1


@pytest.mark.parametrize(
    ("name", "span"),
    [
        ("1979.zip", (date(1979, 1, 1), date(1979, 12, 31))),
        ("2005.zip", (date(2005, 1, 1), date(2005, 12, 31))),
        ("200601.zip", (date(2006, 1, 1), date(2006, 1, 31))),
        ("200802.zip", (date(2008, 2, 1), date(2008, 2, 29))),
        ("201303.zip", (date(2013, 3, 1), date(2013, 3, 31))),
        ("20130401.export.CSV.zip", (date(2013, 4, 1), date(2013, 4, 1))),
        ("20240229.export.CSV.zip", (date(2024, 2, 29), date(2024, 2, 29))),
    ],
)
def test_v1_span(name: str, span: tuple[date, date]) -> None:
    assert v1_span(name) == span


@pytest.mark.parametrize(
    "name",
    ["1978.zip", "2006.zip", "200512.zip", "201304.zip", "200613.zip", "20130331.export.CSV.zip",
     "20130230.export.CSV.zip", "20130401.zip", "2013.export.CSV.zip", "123.zip"],
)  # fmt: skip
def test_v1_names_out_of_the_layout(name: str) -> None:
    with pytest.raises(ValueError, match=r"is not a GDELT 1\.0 event file name"):
        v1_span(name)


@pytest.mark.parametrize(
    ("start", "end", "chosen"),
    [
        (date(2005, 12, 15), date(2006, 1, 10), ["2005.zip", "200601.zip"]),
        (date(2004, 6, 1), date(2004, 6, 1), ["2004.zip"]),
        (date(2006, 1, 31), date(2006, 2, 1), ["200601.zip", "200602.zip"]),
        (date(2013, 3, 31), date(2013, 4, 1), ["201303.zip", "20130401.export.CSV.zip"]),
        (date(2013, 4, 2), date(2013, 4, 2), ["20130402.export.CSV.zip"]),
        (date(2003, 1, 1), date(2030, 1, 1), None),
        (date(1970, 1, 1), date(1978, 12, 31), []),
    ],
)
def test_v1_selection_across_yearly_monthly_and_daily_files(
    start: date, end: date, chosen: list[str] | None
) -> None:
    names = [
        "2004.zip",
        "2005.zip",
        "200601.zip",
        "200602.zip",
        "201303.zip",
        "20130401.export.CSV.zip",
        "20130402.export.CSV.zip",
    ]
    listing = v1([f"{A}  {n}" for n in names], [f"1 {n}" for n in names])
    found = [f.name for f in listing.select(start, end).files]
    assert found == (names if chosen is None else chosen)


def test_problems_are_selected_by_their_day() -> None:
    listing = Listing(
        problems=[
            ListProblem(MD5S, 1, "x", "2004.zip", None, date(2004, 1, 1), date(2004, 12, 31)),
            ListProblem(MD5S, 2, "y"),
        ]
    )
    assert [p.line for p in listing.select(date(2004, 12, 31), date(2005, 1, 1)).problems] == [
        1,
        2,
    ]
    assert [p.line for p in listing.select(date(2005, 1, 1), date(2005, 1, 1)).problems] == [2]
