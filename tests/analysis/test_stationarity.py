"""ADF and KPSS are statsmodels' numbers; the order of integration follows from them."""

from __future__ import annotations

import numpy as np
import pytest
from statsmodels.tsa.stattools import adfuller, kpss

from realpolitik.analysis.stationarity import stationarity
from realpolitik.measures.series import SeriesOptions, store_series


@pytest.mark.filterwarnings("ignore::statsmodels.tools.sm_exceptions.InterpolationWarning")
def test_the_statistics_are_statsmodels_on_the_real_vote_agreement(records_tables) -> None:
    options = SeriesOptions(freq="year", measures=("unga_agreement",))
    panel = store_series(records_tables, options, ["RUS", "USA"], [("RUS", "USA")])
    x = panel.set_index("period").loc["1965":"2020", "unga_agreement"].to_numpy(float)
    result = stationarity(x)
    adf = adfuller(x, regression="c", autolag="AIC", result_object=True)
    k = kpss(x, regression="c", nlags="auto", result_object=True)
    assert (result.adf_stat, result.adf_p, result.adf_lags) == pytest.approx(
        (adf.statistic, adf.pvalue, adf.lags)
    )
    assert (result.kpss_stat, result.kpss_p) == pytest.approx((k.statistic, k.pvalue))


def test_white_noise_is_stationary_a_random_walk_order_one_its_sum_order_two() -> None:
    rng = np.random.default_rng(7)
    noise = rng.standard_normal(300)
    assert stationarity(noise).order == 0
    assert stationarity(np.cumsum(noise)).order == 1
    assert stationarity(np.cumsum(np.cumsum(noise))).order == 2


def test_kpss_p_values_at_the_end_of_its_table_are_bounds() -> None:
    walk = np.cumsum(np.random.default_rng(3).standard_normal(300))
    result = stationarity(walk)
    assert result.kpss_p == 0.01 and result.kpss_p_bound == "<="
    assert "KPSS p ≤ 0.01" in result.describe()
