"""The idealpoint_distance indicator on the real July 2025 ideal points."""

from __future__ import annotations

import pandas as pd
import pytest

from realpolitik.countries import code_from_cow
from realpolitik.measures.idealpoints import INDICATORS
from realpolitik.measures.indicators import refresh
from realpolitik.sources.idealpoints import IdealPointsReader
from realpolitik.store import Store
from tests.conftest import raw_file

DTA = "voeten_idealpoints/IdealpointsJuly2025.dta"


def distance(store: Store, source: str, target: str, year: int) -> float | None:
    row = store.con.execute(
        "SELECT value FROM observations WHERE indicator = 'idealpoint_distance' "
        "AND source = ? AND target = ? AND period = make_date(?, 1, 1)",
        [source, target, year],
    ).fetchone()
    return row[0] if row else None


def test_distances_both_directions(store: Store) -> None:
    store.load_record_file(IdealPointsReader(), raw_file(DTA))
    assert refresh(store.con, INDICATORS) == ["idealpoint_distance"]
    raw = pd.read_stata(raw_file(DTA))
    point = raw.set_index(["ccode", "year"]).idealpointall.astype(float)
    rus_usa = abs(point[365, 1992] - point[2, 1992])
    rus_irn = abs(point[365, 1992] - point[630, 1992])
    assert rus_usa == pytest.approx(1.70, abs=0.005)  # research note 2e
    assert rus_irn == pytest.approx(2.27, abs=0.005)
    for source, target, expected in (("RUS", "USA", rus_usa), ("RUS", "IRN", rus_irn)):
        assert distance(store, source, target, 1992) == pytest.approx(expected, abs=1e-12)
        assert distance(store, target, source, 1992) == pytest.approx(expected, abs=1e-12)
    assert distance(store, "IRN", "RUS", 2023) == pytest.approx(
        abs(point[365, 2023] - point[630, 2023]), abs=1e-12
    )
    assert distance(store, "IRN", "RUS", 2024) is None  # no 2024 estimates
    # one observation per ordered pair of states with an estimate in the same year
    estimates = raw.dropna(subset=["idealpointall"])
    codes = estimates.ccode.map(lambda c: code_from_cow(int(c)))
    per_year = estimates[codes.notna()].groupby("year").size()
    pairs = int((per_year * (per_year - 1)).sum())
    total = store.con.execute(
        "SELECT count(*) FROM observations WHERE indicator = 'idealpoint_distance'"
    ).fetchone()[0]
    assert total == pairs
