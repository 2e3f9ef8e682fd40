"""The NumPy VAR engine against statsmodels on the same data, and the Toda–Yamamoto test
against an independent single-equation computation, a published worked example, and its
nominal size on integrated series."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from scipy import stats
from statsmodels.tsa.api import VAR

from realpolitik.analysis.var import (
    block_test,
    block_wald,
    cholesky_in_order,
    fit_var,
    lag_row,
    ma_coefficients,
    orthogonal_irf,
    restricted_fit,
    simulate,
)
from realpolitik.measures.series import SeriesOptions, store_series

COFFEE = Path(__file__).parent / "data" / "coffee_prices.csv"


@pytest.fixture(scope="module")
def agreement(records_tables) -> np.ndarray:
    """Real series: yearly UN General Assembly vote agreement RUS–IRN, RUS–USA, IRN–USA,
    1965–2020 (the years all three have), from the real votes."""
    options = SeriesOptions(freq="year", measures=("unga_agreement",))
    panel = store_series(records_tables, options, ["RUS", "IRN", "USA"])
    wide = panel.pivot(index="period", columns=["source", "target"], values="unga_agreement")
    columns = [("RUS", "IRN"), ("RUS", "USA"), ("IRN", "USA")]
    frame = wide[columns].loc["1965":"2020"]
    assert len(frame) == 56 and frame.notna().all().all()
    return frame.to_numpy(float)


def simulated(periods: int = 200, k: int = 4, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return np.cumsum(rng.standard_normal((periods, k)), axis=0) * 0.2 + rng.standard_normal(
        (periods, k)
    )


def step_dummy(periods: int, at: int) -> np.ndarray:
    exog = np.zeros((periods, 1))
    exog[at:] = 1.0
    return exog


@pytest.mark.parametrize("lags", [1, 2, 3])
def test_fit_equals_statsmodels_on_real_votes(agreement: np.ndarray, lags: int) -> None:
    ours = fit_var(agreement, lags)
    theirs = VAR(agreement).fit(lags)
    assert ours.coefs == pytest.approx(theirs.params, abs=1e-10)
    assert ours.sigma_u == pytest.approx(theirs.sigma_u, abs=1e-12)
    assert ours.resid == pytest.approx(theirs.resid, abs=1e-10)
    assert ours.df_resid == theirs.df_resid


def test_fit_with_exogenous_dummy_equals_statsmodels() -> None:
    y, exog = simulated(), step_dummy(200, 90)
    ours, theirs = fit_var(y, 2, exog), VAR(y, exog=exog).fit(2)
    assert theirs.exog_names[:2] == ["const", "exog0"]
    assert ours.coefs == pytest.approx(theirs.params, abs=1e-10)
    assert lag_row(2, 2, 4, 1) == theirs.exog_names.index("L2.y3")


@pytest.mark.parametrize(
    ("caused", "causing"), [([0], [1]), ([0], [1, 2]), ([1, 2], [0]), ([0, 1], [2, 3])]
)
def test_block_test_equals_statsmodels_causality(caused: list[int], causing: list[int]) -> None:
    y, exog = simulated(), step_dummy(200, 120)
    fitted = VAR(y, exog=exog).fit(3)
    ours = block_test(fit_var(y, 3, exog), caused, causing, 3)
    wald = fitted.test_causality(caused, causing, kind="wald")
    f = fitted.test_causality(caused, causing, kind="f")
    assert ours.wald == pytest.approx(wald.test_statistic, rel=1e-9)
    assert ours.p_chi2 == pytest.approx(wald.pvalue, rel=1e-9)
    assert ours.df == wald.df
    assert ours.f == pytest.approx(f.test_statistic, rel=1e-9)
    assert (ours.df, ours.df_denom) == tuple(f.df)
    assert ours.p_f == pytest.approx(f.pvalue, rel=1e-9)


def test_block_test_on_real_votes_equals_statsmodels(agreement: np.ndarray) -> None:
    fitted = VAR(agreement).fit(2)
    ours = block_test(fit_var(agreement, 2), [0], [1], 2)
    assert ours.wald == pytest.approx(fitted.test_causality(0, 1, kind="wald").test_statistic)


def test_batched_fits_equal_one_at_a_time() -> None:
    batch = np.stack([simulated(seed=s) for s in range(3)])
    together = fit_var(batch, 2)
    walds = block_wald(together, [0], [1, 2], 2)
    for i in range(3):
        alone = fit_var(batch[i], 2)
        assert together.coefs[i] == pytest.approx(alone.coefs)
        assert walds[i] == pytest.approx(block_wald(alone, [0], [1, 2], 2))


def test_moving_average_and_orthogonal_responses_equal_statsmodels(agreement: np.ndarray) -> None:
    fit, theirs = fit_var(agreement, 2), VAR(agreement).fit(2)
    assert ma_coefficients(fit.lag_matrices(), 8) == pytest.approx(theirs.ma_rep(8), abs=1e-12)
    assert orthogonal_irf(fit, 8, [0, 1, 2]) == pytest.approx(theirs.irf(8).orth_irfs, abs=1e-12)
    # another Cholesky ordering equals statsmodels refitted with the columns in that order
    order = [2, 0, 1]
    reordered = VAR(agreement[:, order]).fit(2).irf(8).orth_irfs
    ours = orthogonal_irf(fit, 8, order)
    assert ours[:, order][:, :, order] == pytest.approx(reordered, abs=1e-12)
    p = cholesky_in_order(fit.sigma_u, order)
    assert p @ p.T == pytest.approx(fit.sigma_u)


def test_simulating_with_the_residuals_gives_the_data_back() -> None:
    y, exog = simulated(), step_dummy(200, 50)
    fit = fit_var(y, 2, exog)
    rebuilt = simulate(fit, y[:2], exog, fit.resid[None])
    assert rebuilt[0] == pytest.approx(y, abs=1e-9)


def test_restricted_fit_is_ols_without_the_causing_lags() -> None:
    y = simulated(k=3)
    fit = restricted_fit(y, 2, None, caused=[0], causing=[2])
    frame = pd.DataFrame(y, columns=["a", "b", "c"])
    lagged = pd.concat(
        {f"{c}{lag}": frame[c].shift(lag) for lag in (1, 2) for c in ("a", "b")}, axis=1
    )
    ols = sm.OLS(frame["a"][2:], sm.add_constant(lagged[2:])).fit()
    assert fit.coefs[[lag_row(2, 1, 3, 0), lag_row(2, 2, 3, 0)], 0] == pytest.approx([0, 0])
    assert fit.coefs[0, 0] == pytest.approx(ols.params["const"])
    assert fit.coefs[lag_row(1, 2, 3, 0), 0] == pytest.approx(ols.params["b2"])
    # equations not restricted keep their OLS coefficients
    assert fit.coefs[:, 1] == pytest.approx(fit_var(y, 2).coefs[:, 1])


def test_toda_yamamoto_equals_single_equation_ols_wald(agreement: np.ndarray) -> None:
    """VAR(p + d) and the first p lags only: the same Wald statistic as one equation by OLS
    (statsmodels), on lags built by pandas, with an explicit restriction matrix."""
    p, d = 2, 1
    ours = block_test(fit_var(agreement, p + d), caused=[0], causing=[1], lags=p)
    frame = pd.DataFrame(agreement, columns=["rus_irn", "rus_usa", "irn_usa"])
    lagged = pd.concat(
        {f"{c}_l{lag}": frame[c].shift(lag) for lag in range(1, p + d + 1) for c in frame},
        axis=1,
    )
    ols = sm.OLS(frame["rus_irn"][p + d :], sm.add_constant(lagged[p + d :])).fit()
    names = list(ols.params.index)
    restriction = np.zeros((p, len(names)))
    for lag in range(1, p + 1):
        restriction[lag - 1, names.index(f"rus_usa_l{lag}")] = 1.0
    theirs = ols.wald_test(restriction, scalar=True, use_f=False)
    assert ours.wald == pytest.approx(float(theirs.statistic), rel=1e-9)
    assert ours.p_chi2 == pytest.approx(float(theirs.pvalue), rel=1e-9)
    assert ours.df == p


def test_toda_yamamoto_reproduces_the_published_coffee_example() -> None:
    """Giles (2011) / Pfeiffer (2012): Arabica and Robusta prices 1976-01 … 2011-03 in levels,
    p = 6, d_max = 1, constant and trend; published χ² 8.6 (p 0.2) and 12.3 (p 0.056)."""
    prices = pd.read_csv(COFFEE)
    assert (len(prices), prices["month"].iloc[0], prices["month"].iloc[-1]) == (
        423,
        "1976-01",
        "2011-03",
    )
    y = prices[["arabica", "robusta"]].to_numpy(float)
    trend = np.arange(1, len(y) + 1, dtype=float)[:, None]
    fit = fit_var(y, 6 + 1, trend)
    robusta_to_arabica = block_test(fit, caused=[0], causing=[1], lags=6)
    arabica_to_robusta = block_test(fit, caused=[1], causing=[0], lags=6)
    assert round(robusta_to_arabica.wald, 1) == 8.6
    assert round(robusta_to_arabica.p_chi2, 1) == 0.2
    assert round(arabica_to_robusta.wald, 1) == 12.3
    assert round(arabica_to_robusta.p_chi2, 3) == 0.056


def test_toda_yamamoto_keeps_its_size_where_levels_granger_over_rejects() -> None:
    """Independent random walks, no causality: the lag-augmented test rejects at about the
    nominal 5 %, the plain levels Granger test far more often."""
    rng = np.random.default_rng(2026)
    walks = np.cumsum(rng.standard_normal((2000, 100, 2)), axis=1)
    granger = rejection_rate(fit_var(walks, 1), 1)
    toda_yamamoto = rejection_rate(fit_var(walks, 2), 1)
    assert 0.035 <= toda_yamamoto <= 0.07
    assert granger > 0.12


def rejection_rate(fit, lags: int) -> float:
    """Share of replications in which 'series 1 does not cause series 0' is rejected at 5 %."""
    wald = block_wald(fit, [0], [1], lags)
    return float((stats.chi2.sf(wald, lags) < 0.05).mean())
