"""Visit indicators on the real Office of the Historian CSVs: counts per directed dyad-year."""

from __future__ import annotations

import pandas as pd

from realpolitik.measures.indicators import refresh
from realpolitik.measures.visits import INDICATORS
from realpolitik.sources.visits import UsTravelsReader, VisitsToUsReader
from realpolitik.store import Store
from tests.conftest import raw_file

TRAVELS = "us_visits_travels/derived_us_president_secretary_travels.csv"
VISITS = "us_visits_travels/derived_foreign_leader_visits_to_us.csv"


def observed(store: Store, indicator: str, source: str, target: str) -> dict[int, float]:
    return dict(
        store.con.execute(
            "SELECT year(period), value FROM observations WHERE indicator = ? "
            "AND source = ? AND target = ? ORDER BY period",
            [indicator, source, target],
        ).fetchall()
    )


def per_year(frame: pd.DataFrame) -> dict[int, float]:
    years = frame.start_date.str[:4].astype(int).value_counts().sort_index()
    return {int(y): float(n) for y, n in years.items()}


def test_visits_both_ways(store: Store) -> None:
    store.load_record_file(UsTravelsReader(), raw_file(TRAVELS))
    store.load_record_file(VisitsToUsReader(), raw_file(VISITS))
    assert refresh(store.con, INDICATORS) == ["leader_visits", "secretary_of_state_visits"]
    travels = pd.read_csv(raw_file(TRAVELS), dtype=str, keep_default_na=False)
    visits = pd.read_csv(raw_file(VISITS), dtype=str, keep_default_na=False)
    to_russia = travels[travels.country_id == "russia"]
    usa_rus = observed(store, "leader_visits", "USA", "RUS")
    assert usa_rus == per_year(to_russia[to_russia.role == "president"])
    assert {y: n for y, n in usa_rus.items() if y >= 2000} == {
        2000: 1.0,
        2002: 2.0,
        2003: 1.0,
        2005: 1.0,
        2006: 2.0,
        2008: 1.0,
        2009: 1.0,
        2013: 1.0,
    }
    assert observed(store, "secretary_of_state_visits", "USA", "RUS") == per_year(
        to_russia[to_russia.role == "secretary"]
    )
    assert observed(store, "leader_visits", "RUS", "USA") == per_year(
        visits[visits.from_id == "russia"]
    )
    # Iran: the Shah's visits ended in 1977; Carter's New Year's Eve 1977 in Tehran
    assert max(observed(store, "leader_visits", "IRN", "USA")) == 1977
    assert observed(store, "leader_visits", "USA", "IRN") == {
        1943: 1.0,
        1959: 1.0,
        1972: 1.0,
        1977: 1.0,
    }
    assert observed(store, "secretary_of_state_visits", "RUS", "USA") == {}
