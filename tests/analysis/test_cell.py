"""One cell of the grid: the sample it models, the series it keeps, the reasons it gives when
it cannot test, and its statistics, which are statsmodels' on the same standardised sample."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from statsmodels.tsa.api import VAR

from realpolitik.analysis.cell import (
    MIN_RESIDUAL_DF,
    CellSeries,
    CellSpec,
    cell_test,
    longest_run,
    max_lag_order,
    residual_df,
)
from realpolitik.analysis.settings import CellSettings
from realpolitik.analysis.triangle import Dyad, Triangle
from tests.analysis.triangles import SERIES, var_frame

TRIANGLE = Triangle(Dyad("RUS", "IRN"), Dyad("RUS", "USA"))
SETTINGS = CellSettings(bootstrap=200, power_replications=60)


def simulated_frame(periods: int, effect: float = -0.3, seed: int = 0) -> pd.DataFrame:
    """Six directed series, a VAR(1) in which RUS→USA moves RUS→IRN a month later."""
    return var_frame(pd.date_range("2000-01-01", periods=periods, freq="MS"), effect, seed)


def cell(
    frame: pd.DataFrame,
    covered: pd.Series | None = None,
    exog: pd.DataFrame | None = None,
    directional: bool = True,
    freq: str = "month",
):
    data = CellSeries(
        frame,
        covered if covered is not None else pd.Series(True, index=frame.index),
        exog if exog is not None else pd.DataFrame(index=frame.index),
    )
    rng = np.random.default_rng(0)
    return cell_test(CellSpec(freq, "goldstein"), data, TRIANGLE, SETTINGS, rng, directional)


def test_runs_lags_and_degrees_of_freedom_by_hand() -> None:
    assert longest_run(np.array([1, 1, 0, 1, 1, 1, 0, 1], bool)) == (3, 6)
    assert longest_run(np.array([0, 0], bool)) == (0, 0)
    # VAR(p + 1) of 6 series on 100 periods: 100 − (p + 1) − (6(p + 1) + 1) ≥ 30 up to p = 8
    assert residual_df(100, 6, 0, 9) == 100 - 9 - 55 == 36
    assert residual_df(100, 6, 0, 10) == 29 < MIN_RESIDUAL_DF
    assert max_lag_order(100, 6, 0, 1, cap=12) == 8
    assert max_lag_order(100, 6, 0, 1, cap=4) == 4
    assert max_lag_order(20, 6, 0, 1, cap=12) == 0


def test_twelve_yearly_values_are_too_few_whatever_the_p_values() -> None:
    frame = simulated_frame(12, effect=-0.9).set_axis(
        pd.date_range("2000-01-01", periods=12, freq="YS")
    )
    result = cell(frame, freq="year")
    assert result.status == "too_few_periods"
    assert not result.ok and result.p_forward == 1.0
    assert "12 yearly periods leave" in result.reason
    assert f"need at least {MIN_RESIDUAL_DF}" in result.reason


def test_a_handful_of_periods_is_too_few_before_any_statistic_is_tried() -> None:
    frame = simulated_frame(4).set_axis(pd.date_range("2015-01-01", periods=4, freq="QS"))
    result = cell(frame, freq="quarter")
    assert result.status == "too_few_periods"
    assert result.reason.startswith("4 quarterly periods leave -11 residual degrees")


def test_a_constant_or_thin_dependent_cannot_be_tested() -> None:
    frame = simulated_frame(120)
    constant = frame.assign(**{"RUS→IRN": 0.0})
    assert cell(constant).status == "constant"
    assert "RUS→IRN is 0 in every period" in cell(constant).reason
    thin = frame.copy()
    thin.loc[thin.index[:84], "RUS→IRN"] = 0.0
    result = cell(thin)
    assert result.status == "thin"
    assert "RUS→IRN is zero in 70% of the 120 periods" in result.reason


def test_uncovered_periods_are_left_out_not_taken_as_zeros() -> None:
    frame = simulated_frame(200)
    covered = pd.Series(True, index=frame.index)
    covered.iloc[60:70] = False
    frame.iloc[60:70] = 0.0
    result = cell(frame, covered)
    assert result.ok
    assert (result.nobs, result.covered_periods, result.periods) == (130, 190, 200)
    assert result.sample == ("2005-11-01", "2016-08-01")
    assert result.values.iloc[60:70].isna().all().all()
    assert any("130 of 200 periods" in note for note in result.notes)


def test_identical_series_are_one_relation_and_constant_ones_are_left_out() -> None:
    frame = simulated_frame(150)
    frame["IRN→RUS"] = frame["RUS→IRN"]  # a symmetric record: the same both ways
    frame["USA→IRN"] = 3.0
    result = cell(frame)
    uses = {s.name: s.use for s in result.series}
    assert uses["IRN→RUS"] == "merged" and uses["RUS→IRN"] == "model"
    assert uses["USA→IRN"] == "constant"
    assert result.dependent == "RUS–IRN"
    assert result.granger_forward.df == 2 * result.lags  # one caused series, two causing


def test_the_numbers_are_statsmodels_on_the_standardised_sample() -> None:
    frame = simulated_frame(180)
    result = cell(frame)
    y = frame.to_numpy(float)
    y = (y - y.mean(axis=0)) / y.std(axis=0, ddof=1)
    model = VAR(y)
    selected = model.select_order(result.max_lags).selected_orders
    assert result.lag_selection == {k: int(v) for k, v in selected.items()}
    fitted = model.fit(result.lags)
    forward = fitted.test_causality([0, 1], [2, 3], kind="f")
    reverse = fitted.test_causality([2, 3], [0, 1], kind="wald")
    assert result.granger_forward.f == pytest.approx(forward.test_statistic)
    assert result.granger_forward.p_f == pytest.approx(forward.pvalue)
    assert result.granger_reverse.wald == pytest.approx(reverse.test_statistic)
    # driver first: RUS→USA, USA→RUS, the third side, then the dependent relation
    order = [2, 3, 4, 5, 0, 1]
    refit = VAR(y[:, order]).fit(result.lags)
    irf = refit.irf(12).orth_irfs[:, order.index(0), order.index(2)]
    assert result.irf["driver_first"].response == pytest.approx(list(irf))
    assert result.irf["driver_first"].order == [SERIES[i] for i in order]
    shares = refit.fevd(12).decomp[order.index(0), 2, [order.index(2), order.index(3)]]
    assert result.fevd["driver_first"]["h3"] == pytest.approx(shares.sum())
    cumulative = result.irf["driver_last"]
    assert cumulative.cumulative_lower <= cumulative.cumulative <= cumulative.cumulative_upper
    assert result.sign == -1


def test_breaks_that_vary_in_the_sample_are_exogenous_terms() -> None:
    frame = simulated_frame(150)
    exog = pd.DataFrame(
        {
            "break_a": (np.arange(150) >= 80).astype(int),
            "break_b": (np.arange(150) >= 80).astype(int),
            "break_c": np.ones(150, int),
        },
        index=frame.index,
    )
    result = cell(frame, exog=exog)
    assert result.exog == ["break_a"]
    y = frame.to_numpy(float)
    y = (y - y.mean(axis=0)) / y.std(axis=0, ddof=1)
    fitted = VAR(y, exog=exog[["break_a"]].to_numpy(float)).fit(result.lags)
    expected = fitted.test_causality([0, 1], [2, 3], kind="f").pvalue
    assert result.granger_forward.p_f == pytest.approx(expected)


def test_counts_have_no_direction_so_no_sign() -> None:
    result = cell(simulated_frame(150), directional=False)
    assert result.ok and result.irf == {} and result.sign is None
    assert result.granger_forward is not None and result.power is not None


def test_an_explosive_model_has_no_impulse_responses() -> None:
    frame = simulated_frame(150)
    frame["RUS→IRN"] = 1.04 ** np.arange(150) + frame["RUS→IRN"] * 0.01
    result = cell(frame)
    assert result.stable is False and result.irf == {}
    assert any("not stable" in note for note in result.notes)
