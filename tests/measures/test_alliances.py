"""Alliance indicators on the real ATOP and COW rows of the USA, Russia and Iran: values, one
observation per directed dyad-year, both directions for the non-directed COW data."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pyreadr
import pytest

from realpolitik.measures.alliances import INDICATORS
from realpolitik.measures.indicators import refresh
from realpolitik.sources.alliances import AtopAllianceReader, CowAllianceReader
from realpolitik.store import Store
from tests.conftest import raw_file

STATES = [2, 365, 630]  # COW: USA, Russia/USSR, Iran


def rows_of_states(
    relative: str, out: Path, keep: Callable[[pd.DataFrame], pd.Series | bool] = lambda f: True
) -> Path:
    """The raw file's rows touching the three states, written as an R data file."""
    name, frame = next(iter(pyreadr.read_r(raw_file(relative)).items()))
    part = frame[(frame.ccode1.isin(STATES) | frame.ccode2.isin(STATES)) & keep(frame)]
    pyreadr.write_rdata(str(out), part.reset_index(drop=True), df_name=name)
    return out


def series(store: Store, indicator: str, source: str, target: str) -> pd.Series:
    frame = store.con.execute(
        "SELECT year(period) AS year, value FROM observations "
        "WHERE indicator = ? AND source = ? AND target = ? ORDER BY period",
        [indicator, source, target],
    ).df()
    return frame.set_index("year")["value"]


@pytest.fixture
def loaded(store: Store, tmp_path: Path) -> Store:
    atop = rows_of_states("alliances/atop_alliance.rda", tmp_path / "atop_alliance.rda")
    cow = rows_of_states("alliances/cow_alliance.rda", tmp_path / "cow_alliance.rda")
    store.load_record_file(AtopAllianceReader(), atop)
    store.load_record_file(CowAllianceReader(), cow)
    refresh(store.con, INDICATORS)
    return store


def test_russia_iran_treaty_of_2001(loaded: Store) -> None:
    # checked against the raw file in tests/sources/test_alliances.py
    neutral = series(loaded, "alliance_neutrality", "RUS", "IRN")
    assert not set(range(1947, 2001)) & set(neutral.index)  # no observation 1992-2000
    for name, value in (
        ("alliance_neutrality", 1.0),
        ("alliance_nonaggression", 1.0),
        ("alliance_consultation", 1.0),
        ("alliance_defense", 0.0),
        ("alliance_offense", 0.0),
    ):
        values = series(loaded, name, "RUS", "IRN").loc[2001:2018]
        assert values.index.tolist() == list(range(2001, 2019)) and (values == value).all(), name


def test_russia_usa_non_aggression_only(loaded: Store) -> None:
    assert (series(loaded, "alliance_nonaggression", "RUS", "USA").loc[1975:2018] == 1).all()
    for name in ("alliance_defense", "alliance_offense", "alliance_neutrality"):
        assert (series(loaded, name, "RUS", "USA").loc[1975:2018] == 0).all(), name
    assert len(series(loaded, "alliance_defense", "RUS", "USA").loc[1990:2018]) == 29


def test_one_observation_per_stored_atop_row(loaded: Store) -> None:
    rows = loaded.con.execute("SELECT count(*) FROM atop_alliances").fetchone()[0]
    counts = dict(
        loaded.con.execute(
            "SELECT indicator, count(*) FROM observations GROUP BY indicator"
        ).fetchall()
    )
    assert all(counts[name] == rows for name in counts if name.startswith("alliance_"))
    provenance = loaded.con.execute(
        "SELECT o.provenance = a.provenance FROM observations o JOIN atop_alliances a "
        "ON o.source = a.source AND o.target = a.target AND year(o.period) = a.year "
        "WHERE o.indicator = 'alliance_defense' AND a.source = 'RUS' AND a.target = 'IRN'"
    ).fetchall()
    assert provenance and all(same for (same,) in provenance)


def test_cow_counts_in_both_directions(store: Store, tmp_path: Path) -> None:
    """Only the ccode1 < ccode2 half of the file is loaded: the indicator fills the other."""
    cow = rows_of_states(
        "alliances/cow_alliance.rda", tmp_path / "cow_alliance.rda", lambda f: f.ccode1 < f.ccode2
    )
    store.load_record_file(CowAllianceReader(), cow)
    refresh(store.con, INDICATORS)
    # raw file: 365-630 defence pact 1921-1946, neutrality and non-aggression 1927-1941
    for source, target in (("RUS", "IRN"), ("IRN", "RUS")):
        defense = series(store, "cow_defense", source, target)
        assert defense.index.tolist() == list(range(1921, 1947)) and (defense == 1).all()
        neutral = series(store, "cow_neutrality", source, target)
        assert neutral[neutral == 1].index.tolist() == list(range(1927, 1942))
    # raw file: 2-365 neutrality only, 1962-1964
    assert series(store, "cow_neutrality", "USA", "RUS").to_dict() == {1962: 1, 1963: 1, 1964: 1}
    assert series(store, "cow_defense", "RUS", "USA").to_dict() == {1962: 0, 1963: 0, 1964: 0}
