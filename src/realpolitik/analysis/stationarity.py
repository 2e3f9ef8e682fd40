"""Is a series stationary? ADF and KPSS (statsmodels), and the order of integration they
suggest, which sets the Toda–Yamamoto augmentation d_max.

ADF's null is a unit root, KPSS's is stationarity; a series counts as stationary (order 0) only
when both agree, since either alone has little power on the short, noisy series event data
give. Otherwise the first difference is tested by ADF: order 1 if it rejects a unit root there,
else 2.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
from statsmodels.tools.sm_exceptions import InterpolationWarning
from statsmodels.tsa.stattools import adfuller, kpss

ALPHA = 0.05
KPSS_TABLE = (0.01, 0.10)
"""KPSS p-values come from a table that stops at 1 % and 10 %: beyond, they are bounds."""


@dataclass(frozen=True)
class Stationarity:
    """ADF and KPSS (constant, no trend) on one series, and its order of integration."""

    adf_stat: float
    adf_p: float
    adf_lags: int
    kpss_stat: float
    kpss_p: float
    kpss_p_bound: str
    """'' when the p-value is exact, '<=' or '>=' when it is the table's end."""
    order: int

    def to_dict(self) -> dict[str, object]:
        return {
            "adf_stat": self.adf_stat,
            "adf_p": self.adf_p,
            "adf_lags": self.adf_lags,
            "kpss_stat": self.kpss_stat,
            "kpss_p": self.kpss_p,
            "kpss_p_bound": self.kpss_p_bound,
            "order": self.order,
        }

    def describe(self) -> str:
        kinds = {0: "stationary", 1: "integrated of order 1", 2: "integrated of order 2"}
        bound = {"": "", "<=": "≤ ", ">=": "≥ "}[self.kpss_p_bound]
        return f"{kinds[self.order]} (ADF p {self.adf_p:.3f}, KPSS p {bound}{self.kpss_p:.2f})"


def _adf(x: np.ndarray, max_lag: int | None):
    """ADF with the lag chosen by AIC up to `max_lag`, Schwert's rule and statsmodels' bound
    (the regression needs more observations than regressors)."""
    longest = max(0, min(schwert_lags(len(x)), int(np.ceil(len(x) / 2 - 2)) - 1))
    lags = longest if max_lag is None else min(max_lag, longest)
    return adfuller(x, maxlag=lags, regression="c", autolag="AIC", result_object=True)


def schwert_lags(nobs: int) -> int:
    """Schwert's rule for the longest ADF lag, 12·(n/100)^¼ (statsmodels' default)."""
    return int(np.ceil(12 * (nobs / 100) ** 0.25))


def stationarity(x: np.ndarray, max_lag: int | None = None) -> Stationarity:
    """ADF and KPSS on `x` and the order of integration they suggest (0, 1 or 2). The ADF lag
    is chosen by AIC up to `max_lag` (Schwert's rule when None)."""
    values = np.asarray(x, dtype=float)
    adf = _adf(values, max_lag)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InterpolationWarning)
        k = kpss(values, regression="c", nlags="auto", result_object=True)
    bound = "<=" if k.pvalue <= KPSS_TABLE[0] else ">=" if k.pvalue >= KPSS_TABLE[1] else ""
    if adf.pvalue < ALPHA and k.pvalue > ALPHA:
        order = 0
    else:
        diff = np.diff(values)
        order = 1 if np.ptp(diff) > 0 and _adf(diff, max_lag).pvalue < ALPHA else 2
    return Stationarity(
        adf_stat=float(adf.statistic),
        adf_p=float(adf.pvalue),
        adf_lags=int(adf.lags),
        kpss_stat=float(k.statistic),
        kpss_p=float(k.pvalue),
        kpss_p_bound=bound,
        order=order,
    )
