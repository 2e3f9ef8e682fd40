"""Every series measure, weighting, normalisation, de-duplication mode and scope against
values computed by hand on eight made-up events (written out below)."""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from realpolitik.errors import UsageError
from realpolitik.measures.engines import duckdb_tables
from realpolitik.measures.indicators import OBSERVATIONS_DDL
from realpolitik.measures.series import (
    BASE_MEASURES,
    SeriesOptions,
    actors_in_store,
    dyad_panel,
    dyad_series,
    origin_counts,
    polarity,
    to_long,
)
from realpolitik.store import Store
from tests.conftest import EXAMPLES

# id, date, source, target, source_sector, target_sector, cameo, quad, goldstein,
# articles, mentions, is_root
EVENTS = [
    ("e1", "2020-01-05", "RUS", "USA", "GOV", "GOV", "042", 1, 1.9, 2, 3, True),
    ("e2", "2020-01-05", "RUS", "USA", "GOV", "GOV", "042", 1, 1.9, 1, 1, False),
    ("e3", "2020-01-20", "RUS", "USA", "MIL", "GOV", "190", 4, -10.0, 4, 7, True),
    ("e4", "2020-03-02", "RUS", "USA", "", "", "112", 3, -2.0, None, None, None),
    ("e5", "2020-03-02", "RUS", "USA", "BUS", "GOV", "057", 1, 8.0, 1, 1, True),
    ("e6", "2020-01-10", "USA", "IRN", "GOV", "GOV", "172", 4, -5.0, 1, 1, True),
    ("e7", "2020-02-15", "IRN", "RUS", "GOV", "GOV", "036", 1, 4.0, 1, 1, True),
    ("e8", "2020-01-20", "RUS", "USA", "MIL", "GOV", "190", 4, -10.0, 4, 7, True),
]
FIELDS = (
    "event_id",
    "date",
    "source",
    "target",
    "source_sector",
    "target_sector",
    "cameo",
    "quad_class",
    "goldstein",
    "num_articles",
    "num_mentions",
    "is_root",
)
JAN, FEB, MAR = (pd.Timestamp(d) for d in ("2020-01-01", "2020-02-01", "2020-03-01"))


@pytest.fixture(scope="module")
def events(tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    folder = tmp_path_factory.mktemp("series")
    path = folder / "events.jsonl"
    rows = [{k: v for k, v in zip(FIELDS, e, strict=True) if v is not None} for e in EVENTS]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    with Store(folder / "s.duckdb") as store:
        assert store.ingest(path).rows_stored == 8
    yield duckdb_tables(folder / "s.duckdb")["events"]


def rus_usa(events, **options) -> pd.DataFrame:
    options.setdefault("start", date(2020, 1, 1))
    options.setdefault("end", date(2020, 3, 31))
    return dyad_series(events, "RUS", "USA", SeriesOptions(**options)).set_index("period")


def test_plain_measures(events) -> None:
    s = rus_usa(events, measures=BASE_MEASURES)
    assert list(s.index) == [JAN, FEB, MAR]  # February has no event: a zero, not a gap
    jan, feb, mar = s.loc[JAN], s.loc[FEB], s.loc[MAR]
    # January: e1, e2 (1.9 each, quad 1), e3 and e8 (-10 each, quad 4)
    assert (jan["count"], jan.goldstein, jan.goldstein_pos, jan.goldstein_neg) == pytest.approx(
        (4, -16.2, 3.8, 20.0)
    )
    assert jan.goldstein_mean == pytest.approx(-4.05)
    assert (jan.quad1, jan.quad2, jan.quad3, jan.quad4, jan.quad_net) == (2, 0, 0, 2, 0)
    assert (feb["count"], feb.goldstein, feb.quad_net) == (0, 0, 0) and math.isnan(
        feb.goldstein_mean
    )
    # March: e4 (-2, quad 3) and e5 (8, quad 1)
    assert (mar["count"], mar.goldstein, mar.goldstein_pos, mar.goldstein_neg) == (2, 6, 8, 2)
    assert (mar.goldstein_mean, mar.quad_net) == (3, 0)


def test_weighted_measures(events) -> None:
    s = rus_usa(
        events,
        measures=(
            "count_articles",
            "goldstein_articles",
            "count_mentions",
            "goldstein_mentions",
            "goldstein_mean_mentions",
            "quad4_articles",
        ),
    )
    jan, mar = s.loc[JAN], s.loc[MAR]
    # articles 2, 1, 4, 4 in January; e4 has none and weighs 1 in March
    assert (jan.count_articles, jan.goldstein_articles, jan.quad4_articles) == pytest.approx(
        (11, 2 * 1.9 + 1.9 - 80, 8)
    )
    assert (mar.count_articles, mar.goldstein_articles) == (2, 6)
    # mentions 3, 1, 7, 7: weights ln 4, ln 2, ln 8, ln 8
    assert jan.count_mentions == pytest.approx(math.log(512))
    assert jan.goldstein_mentions == pytest.approx(1.9 * math.log(8) - 20 * math.log(8))
    assert jan.goldstein_mean_mentions == pytest.approx(
        (1.9 * math.log(8) - 20 * math.log(8)) / math.log(512)
    )


def test_normalisations_and_asinh(events) -> None:
    total = rus_usa(events, measures=("count", "goldstein", "goldstein_mean"), normalize="total")
    # N_t: January has e1, e2, e3, e8 and e6 (USA→IRN); March e4, e5
    assert (total.loc[JAN, "count"], total.loc[JAN, "goldstein"]) == pytest.approx((0.8, -3.24))
    assert total.loc[MAR, "count"] == 1.0
    assert total.loc[JAN, "goldstein_mean"] == pytest.approx(-4.05)  # a ratio: not normalised
    attention = rus_usa(events, measures=("count",), normalize="attention")
    # A_RUS,t: January e1, e2, e3, e8 (not e6); February e7 (IRN→RUS) but no RUS→USA event
    assert (attention.loc[JAN, "count"], attention.loc[FEB, "count"]) == (1.0, 0.0)
    transformed = rus_usa(events, measures=("count", "goldstein"), asinh=True)
    assert transformed.loc[JAN, "count"] == pytest.approx(math.asinh(4))
    assert transformed.loc[JAN, "goldstein"] == pytest.approx(math.asinh(-16.2))


@pytest.mark.parametrize(
    ("dedup", "january", "ratio"),
    [
        ("none", (4, -16.2), 1.0),
        ("exact", (3, -6.2), 5 / 6),  # e8 repeats e3
        ("daily", (2, -8.1), 4 / 6),  # e1+e2 (042 on the 5th), e3+e8 (190 on the 20th)
        ("root", (3, -18.1), 5 / 6),  # e2 is not a root event; e4 has no flag and stays
    ],
)
def test_deduplication(events, dedup: str, january: tuple, ratio: float) -> None:
    s = rus_usa(events, measures=("count", "goldstein"), dedup=dedup)
    assert (s.loc[JAN, "count"], s.loc[JAN, "goldstein"]) == pytest.approx(january)
    assert s.dedup_ratio.tolist() == pytest.approx([ratio] * 3)


def test_state_scope(events) -> None:
    s = rus_usa(events, measures=("count", "goldstein"), scope="state")
    # e5's source is a business (BUS): out; e4's bare country is the state: in
    assert (s.loc[MAR, "count"], s.loc[MAR, "goldstein"]) == (1, -2)
    assert s.loc[JAN, "count"] == 4


def test_coverage_breaks_and_weeks(events) -> None:
    s = rus_usa(events, measures=("count",))
    # days with any event in the store: 5, 10, 20 January; 15 February (29 days); 2 March
    assert list(s.coverage) == pytest.approx([3 / 31, 1 / 29, 1 / 31])
    assert set(s.break_gdelt2) == {1} and set(s.break_icews_gap) == {1}
    assert set(s.break_icews_end) == {0}
    weekly = dyad_series(
        events,
        "RUS",
        "USA",
        SeriesOptions(
            freq="week", measures=("count",), start=date(2019, 12, 30), end=date(2020, 1, 26)
        ),
    )
    # Sunday 5 January 2020 falls in the ISO week that starts on Monday 30 December 2019
    assert list(weekly["count"]) == [2, 0, 0, 2]
    assert list(weekly.period.dt.strftime("%Y-%m-%d")) == [
        "2019-12-30",
        "2020-01-06",
        "2020-01-13",
        "2020-01-20",
    ]
    yearly = dyad_series(events, "RUS", "USA", SeriesOptions(freq="year", measures=("count",)))
    assert list(yearly["count"]) == [6] and yearly.period.iloc[0] == pd.Timestamp("2020-01-01")


def test_panel_of_actors(events) -> None:
    panel = dyad_panel(events, SeriesOptions(measures=("count",)), ["RUS", "USA", "IRN"])
    assert len(panel) == 6 * 3  # six directed dyads, three months each
    totals = panel.groupby(["source", "target"])["count"].sum().to_dict()
    assert totals[("RUS", "USA")] == 6 and totals[("USA", "IRN")] == 1
    assert totals[("IRN", "RUS")] == 1 and totals[("USA", "RUS")] == 0


def test_bad_options() -> None:
    with pytest.raises(UsageError, match="--freq 'fortnight'"):
        SeriesOptions(freq="fortnight")
    with pytest.raises(UsageError, match="unknown measure"):
        SeriesOptions(measures=("tone",))
    with pytest.raises(UsageError, match="is after"):
        SeriesOptions(start=date(2021, 1, 1), end=date(2020, 1, 1))


def test_empty_store_dyad(events, tmp_path: Path) -> None:
    s = dyad_series(
        events,
        "CHN",
        "IND",
        SeriesOptions(measures=("count",), start=date(2020, 1, 1), end=date(2020, 2, 29)),
    )
    assert list(s["count"]) == [0, 0] and list(s.coverage) == pytest.approx([3 / 31, 1 / 29])


def test_record_indicators_come_out_of_the_same_call(tmp_path: Path) -> None:
    path = tmp_path / "r.duckdb"
    with Store(path) as store:
        store.ingest(EXAMPLES / "gdelt2-synthetic.export.CSV")
        store.con.execute(OBSERVATIONS_DDL)
        store.con.execute(
            "INSERT INTO observations VALUES "
            "('unga_agreement', 'RUS', 'USA', DATE '2017-01-01', 'year', 0.25, 'votes of 2017'), "
            "('arms_tiv', 'RUS', 'IRN', DATE '2016-01-01', 'year', 413.0, 'SIPRI 2016')"
        )
    tables = duckdb_tables(path)
    options = SeriesOptions(freq="year", measures=("count", "unga_agreement", "arms_tiv"))
    panel = dyad_panel(tables["events"], options, ["RUS", "USA", "IRN"], tables["observations"])
    row = panel.set_index(["source", "target", "period"])
    assert row.loc[("RUS", "USA", pd.Timestamp("2017-01-01")), "unga_agreement"] == 0.25
    assert row.loc[("RUS", "IRN", pd.Timestamp("2016-01-01")), "arms_tiv"] == 413.0
    assert math.isnan(row.loc[("RUS", "USA", pd.Timestamp("2016-01-01")), "unga_agreement"])
    long = to_long(panel)
    assert set(long.measure) == {"count", "unga_agreement", "arms_tiv"}
    assert len(long) == 3 * len(panel)
    with pytest.raises(UsageError, match="yearly record indicators: use --freq year"):
        SeriesOptions(freq="month", measures=("unga_agreement",))
    with pytest.raises(UsageError, match="load records first"):
        dyad_panel(tables["events"], options, ["RUS", "USA"])


def test_an_origin_keeps_one_source_with_its_own_totals_and_coverage(tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl"
    rows = [
        ("a1", "2020-01-05", "RUS", "USA", "042", 1.9, "alpha"),
        ("a2", "2020-01-06", "CHN", "FRA", "042", 1.9, "alpha"),
        ("b1", "2020-01-20", "RUS", "USA", "190", -10.0, "beta"),
    ]
    keys = ("event_id", "date", "source", "target", "cameo", "goldstein", "origin")
    path.write_text("".join(json.dumps(dict(zip(keys, r, strict=True))) + "\n" for r in rows))
    with Store(tmp_path / "o.duckdb") as store:
        store.ingest(path)
    events = duckdb_tables(tmp_path / "o.duckdb")["events"]
    january = {"start": date(2020, 1, 1), "end": date(2020, 1, 31), "normalize": "total"}
    alpha = dyad_series(
        events, "RUS", "USA", SeriesOptions(measures=("count",), origins=("alpha",), **january)
    )
    beta = dyad_series(
        events, "RUS", "USA", SeriesOptions(measures=("count",), origins=("beta",), **january)
    )
    # alpha's January holds two events (N_t = 2) on two days; beta's one on one day
    assert (alpha["count"].iloc[0], alpha.coverage.iloc[0]) == pytest.approx((0.5, 2 / 31))
    assert (beta["count"].iloc[0], beta.coverage.iloc[0]) == pytest.approx((1.0, 1 / 31))
    counts = origin_counts(events, ["RUS", "USA"]).set_index("origin")
    assert counts["events"].to_dict() == {"alpha": 1, "beta": 1}
    assert str(counts.loc["beta", "first"])[:10] == "2020-01-20"
    with pytest.raises(UsageError, match="at least one event source"):
        SeriesOptions(origins=())


def test_record_indicators_alone_span_their_years_and_exhaustive_records_count_zeros(
    tmp_path: Path,
) -> None:
    path = tmp_path / "records.duckdb"
    with Store(path) as store:
        store.con.execute(OBSERVATIONS_DDL)
        store.con.execute(
            "INSERT INTO observations VALUES "
            "('unga_agreement', 'RUS', 'USA', DATE '2014-01-01', 'year', 0.3, 'votes 2014'), "
            "('unga_agreement', 'RUS', 'USA', DATE '2016-01-01', 'year', 0.2, 'votes 2016'), "
            "('arms_tiv', 'RUS', 'IRN', DATE '2016-01-01', 'year', 413.0, 'SIPRI 2016'), "
            "('arms_tiv', 'CHN', 'PAK', DATE '2015-01-01', 'year', 10.0, 'SIPRI 2015'), "
            "('arms_tiv', 'CHN', 'PAK', DATE '2017-01-01', 'year', 12.0, 'SIPRI 2017'), "
            "('leader_visits', 'RUS', 'USA', DATE '2015-01-01', 'year', 1.0, 'visit 2015')"
        )
    tables = duckdb_tables(path)
    options = SeriesOptions(freq="year", measures=("unga_agreement", "arms_tiv", "leader_visits"))
    # no events at all: the years are those the records hold for these actors
    panel = dyad_panel(None, options, ["RUS", "USA", "IRN"], tables["observations"])
    wide = panel.set_index(["source", "target", "period"])
    years = sorted(panel.period.dt.year.unique())
    assert years == [2014, 2015, 2016] and len(panel) == 6 * 3
    assert math.isnan(wide.loc[("RUS", "USA", pd.Timestamp("2015-01-01")), "unga_agreement"])
    # SIPRI lists every delivery: no delivery in a year it covers (2015–2017) is a zero
    arms = wide.xs(("RUS", "IRN"), level=("source", "target"))["arms_tiv"]
    assert math.isnan(arms.iloc[0]) and list(arms.iloc[1:]) == [0.0, 413.0]
    # the US Historian lists only visits to and from the US
    visits = wide["leader_visits"]
    assert visits.loc[("USA", "RUS", pd.Timestamp("2015-01-01"))] == 0.0
    assert math.isnan(visits.loc[("RUS", "IRN", pd.Timestamp("2015-01-01"))])
    assert "coverage" not in panel.columns
    assert actors_in_store(tables, ["PAK", "XQZ"]) == {"PAK"}


def test_polarity_says_which_way_a_measure_rises() -> None:
    assert [polarity(m) for m in ("goldstein", "quad_net_articles", "unga_agreement")] == [1, 1, 1]
    assert [polarity(m) for m in ("goldstein_neg", "quad4", "idealpoint_distance")] == [-1] * 3
    assert polarity("count_mentions") == 0
