"""Power by simulation from the fitted model: the simulated test is the reported test, the
rejection rate without an effect stays near α, and power grows with the effect."""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.tsa.api import VAR

from realpolitik.analysis.power import (
    POWER_TARGET,
    PowerSetup,
    _crossing,
    _rejections,
    block_power,
)
from realpolitik.analysis.var import block_test, fit_var

SETUP = PowerSetup(
    lags=1, d_max=1, caused=[0], causing=[1], dependent=0, driver=1, sign=-1, alpha=0.05
)


def series(periods: int, effect: float, seed: int) -> np.ndarray:
    """Two standardised series; the second moves the first a period later by `effect`."""
    rng = np.random.default_rng(seed)
    y = np.zeros((periods + 50, 2))
    for t in range(1, periods + 50):
        y[t] = [0.5 * y[t - 1, 0] + effect * y[t - 1, 1], 0.5 * y[t - 1, 1]]
        y[t] += rng.standard_normal(2)
    y = y[50:]
    return (y - y.mean(axis=0)) / y.std(axis=0, ddof=1)


def test_the_simulated_decision_is_the_reported_tests_decision() -> None:
    sims = np.stack([series(120, 0.15, seed) for seed in range(25)])
    decided = _rejections(sims, None, SETUP)
    for sim, rejected in zip(sims, decided, strict=True):
        granger = VAR(sim).fit(1).test_causality(0, 1, kind="f").pvalue
        toda_yamamoto = block_test(fit_var(sim, 2), [0], [1], 1).p_chi2
        assert rejected == (max(granger, toda_yamamoto) <= 0.05)
    assert 0 < decided.sum() < len(decided)


def test_without_an_effect_the_test_rejects_about_alpha_of_the_time() -> None:
    y = series(200, 0.0, seed=4)
    power = block_power(y, None, SETUP, 0.0, 400, np.random.default_rng(0))
    assert power.power <= 0.08


def test_power_grows_with_the_effect_and_the_mde_is_where_it_crosses_80_percent() -> None:
    y = series(300, 0.0, seed=5)
    power = block_power(y, None, SETUP, 0.2, 200, np.random.default_rng(1))
    sizes, powers = zip(*power.curve, strict=True)
    assert list(powers) == sorted(powers) and powers[0] < 0.5
    assert power.power == dict(power.curve)[0.2]
    # the search stops at the first size from the stated one on that reaches the target
    assert sizes[-1] >= 0.2 and powers[-1] >= POWER_TARGET
    assert all(p < POWER_TARGET for s, p in power.curve[:-1] if s >= 0.2)
    first = next(i for i, p in enumerate(powers) if p >= POWER_TARGET)
    assert sizes[first - 1] < power.mde <= sizes[first]


def test_power_is_reproducible_with_the_seed() -> None:
    y = series(150, 0.0, seed=6)
    first = block_power(y, None, SETUP, 0.2, 100, np.random.default_rng(9))
    again = block_power(y, None, SETUP, 0.2, 100, np.random.default_rng(9))
    other = block_power(y, None, SETUP, 0.2, 100, np.random.default_rng(10))
    assert first == again
    assert first.curve != other.curve


def test_the_crossing_is_interpolated_between_the_sizes_tried() -> None:
    # from 0.6 at 0.2 to 1.0 at 0.4: 0.8 is reached half-way, at 0.3
    assert _crossing([(0.1, 0.3), (0.2, 0.6), (0.4, 1.0)], 0.05) == pytest.approx(0.3)
    # from α at zero to 0.9 at 0.1
    assert _crossing([(0.1, 0.9)], 0.05) == pytest.approx(0.1 * 0.75 / 0.85)
    assert _crossing([(0.1, 0.2), (3.0, 0.7)], 0.05) is None
