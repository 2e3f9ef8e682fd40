"""UNGA agreement indicators against an independent pandas computation on the raw files."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pyreadr
import pytest

from realpolitik.measures.indicators import refresh
from realpolitik.measures.unga import INDICATORS
from realpolitik.sources.unvotes import UngaRollCallsReader, UngaVotesReader
from realpolitik.store import Store
from tests.conftest import raw_file

CODE = {"yes": 1, "abstain": 2, "no": 3}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store(tmp_path_factory.mktemp("unga") / "s.duckdb") as store:
        store.load_record_file(UngaVotesReader(), raw_file("unvotes/un_votes.rda"))
        store.load_record_file(UngaRollCallsReader(), raw_file("unvotes/un_roll_calls.rda"))
        refresh(store.con, INDICATORS)
        yield store


@pytest.fixture(scope="module")
def raw_votes() -> pd.DataFrame:
    votes = pyreadr.read_r(raw_file("unvotes/un_votes.rda"))["un_votes"]
    calls = pyreadr.read_r(raw_file("unvotes/un_roll_calls.rda"))["un_roll_calls"]
    calls["year"] = pd.to_datetime(calls["date"]).dt.year
    return votes.merge(calls[["rcid", "year"]], on="rcid")


def by_hand(votes: pd.DataFrame, a: str, b: str, year: int) -> dict[str, float]:
    """Agreement of ISO2 countries a and b in `year`, straight from the raw votes."""
    mine = votes[(votes.country_code == a) & (votes.year == year)].set_index("rcid").vote
    theirs = votes[(votes.country_code == b) & (votes.year == year)].set_index("rcid").vote
    both = mine.index.intersection(theirs.index)
    x, y = mine[both].astype(str), theirs[both].astype(str)
    p_o = (x == y).mean()
    p_e = sum(x.eq(c).mean() * y.eq(c).mean() for c in CODE)
    return {
        "n": len(both),
        "unga_agreement": p_o,
        "unga_agreement_s": 1 - (x.map(CODE) - y.map(CODE)).abs().sum() / len(both),
        "unga_agreement_kappa": (p_o - p_e) / (1 - p_e),
    }


@pytest.mark.parametrize(
    ("target", "iso2", "year"),
    [("USA", "US", 2007), ("USA", "US", 2010), ("IRN", "IR", 2007), ("IRN", "IR", 2010)],
)
def test_rus_dyads_match_the_raw_votes(
    loaded: Store, raw_votes: pd.DataFrame, target: str, iso2: str, year: int
) -> None:
    expected = by_hand(raw_votes, "RU", iso2, year)
    rows = loaded.con.execute(
        "SELECT indicator, value, provenance FROM observations "
        "WHERE source = 'RUS' AND target = ? AND period = make_date(?, 1, 1)",
        [target, year],
    ).fetchall()
    got = {name: value for name, value, _ in rows}
    for name in ("unga_agreement", "unga_agreement_s", "unga_agreement_kappa"):
        assert got[name] == pytest.approx(expected[name]), name
    assert {p for _, _, p in rows} == {
        f"unga_votes: the {expected['n']} roll calls of {year} both voted in"
    }


def test_known_levels(loaded: Store) -> None:
    # research/structured-sources.md: RUS–USA identical-vote share 0.13–0.17 in 2006–2008,
    # RUS–IRN 0.60–0.76 in 2000–2008
    low, high = loaded.con.execute(
        "SELECT min(value), max(value) FROM observations WHERE indicator = 'unga_agreement' "
        "AND source = 'RUS' AND target = 'USA' AND year(period) BETWEEN 2006 AND 2008"
    ).fetchone()
    assert 0.12 < low < high < 0.18


def test_symmetric_and_one_row_per_key(loaded: Store) -> None:
    dupes = loaded.con.execute(
        "SELECT count(*) FROM (SELECT indicator, source, target, period FROM observations "
        "GROUP BY ALL HAVING count(*) > 1)"
    ).fetchone()[0]
    assert dupes == 0
    asymmetric = loaded.con.execute(
        "SELECT count(*) FROM observations a JOIN observations b ON a.indicator = b.indicator "
        "AND a.source = b.target AND a.target = b.source AND a.period = b.period "
        "WHERE abs(a.value - b.value) > 1e-12"
    ).fetchone()[0]
    assert asymmetric == 0
