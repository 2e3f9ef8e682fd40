"""One cell of the robustness grid: the triangle's series at one frequency, measure,
normalisation, de-duplication and source, and every statistic of the dependence test on them.

The steps, each reported:
1. Sample: the longest run of consecutive periods the source covers (coverage at least the
   threshold) in which every series has a value; uncovered periods are unknown, not quiet, so
   they are never modelled as zeros.
2. Series: constant ones are left out (no information, and a singular model), identical ones
   are one (a symmetric record is the same both ways); the share of zero periods of each.
   Every series is standardised over the sample, so responses are in standard deviations.
3. Diagnostics: ADF (lag by AIC up to ADF_LAG_CAP) and KPSS per series (their order of
   integration gives d_max, at least 1),
   the known breaks that fall inside the sample as exogenous dummies.
4. VAR(p), p by BIC (AIC, HQ and FPE reported beside it; at least 1 lag), up to the largest p
   that leaves every equation of VAR(p + d_max) at least 30 residual degrees of freedom.
5. Block Granger tests both ways (statsmodels' F and Wald: the driver relation's lags in the
   dependent relation's equations, and the reverse) and the Toda–Yamamoto Wald test (VAR(p +
   d_max) in levels, only the first p lags restricted).
6. Orthogonalised impulse responses of the dependent to a one-standard-deviation driver shock
   under both Cholesky orderings (driver first, driver last), with percentile bands from a
   residual bootstrap; the cumulative response over periods 1…H; the forecast-error variance
   share of the dependent due to driver shocks; cross-correlations at leads and lags.
7. Power against the stated effect and the minimum detectable effect (see `power.py`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import pandas as pd
from statsmodels.tsa.api import VAR
from statsmodels.tsa.vector_ar.var_model import VARResults

from realpolitik.analysis.power import Power, PowerSetup, block_power
from realpolitik.analysis.settings import CellSettings
from realpolitik.analysis.stationarity import Stationarity, stationarity
from realpolitik.analysis.triangle import Triangle
from realpolitik.analysis.var import (
    WaldTest,
    block_test,
    fit_var,
    orthogonal_irf,
    resampled_shocks,
    simulate,
)

MIN_RESIDUAL_DF = 30
"""Residual degrees of freedom every equation of the largest model must keep; below that the
tests' small-sample behaviour is too far from their nominal level to trust."""
MAX_ZERO_SHARE = 0.5
"""A dependent or driver series that is zero in more periods than this is too thin for a
linear model of its ups and downs."""
LAG_CAP = {"day": 14, "week": 8, "month": 12, "quarter": 8, "year": 4}
"""The longest lag considered at each frequency (two weeks, two months, a year, two years…)."""
ADF_LAG_CAP = {"day": 28, "week": 12, "month": 12, "quarter": 8, "year": 4}
"""The longest ADF lag searched: Schwert's rule, but not beyond a season (four weeks a quarter,
a year of months); a longer search on long daily or weekly series costs time and buys nothing."""
IRF_STEPS = {"day": 14, "week": 12, "month": 12, "quarter": 8, "year": 6}
ADJECTIVES = {
    "day": "daily",
    "week": "weekly",
    "month": "monthly",
    "quarter": "quarterly",
    "year": "yearly",
}
BAND_LEVEL = 0.95
ORDERINGS = ("driver_first", "driver_last")
STATUS_OK = "ok"


@dataclass(frozen=True)
class CellSpec:
    """Where a cell sits in the grid."""

    freq: str
    measure: str
    normalize: str = "none"
    dedup: str = "none"
    origin: str = "all"
    """The event source (`gdelt2`, `icews`…), `all` pooled, or `records`."""

    @property
    def label(self) -> str:
        parts = [self.freq, self.measure]
        if self.origin != "records":
            parts += [
                "raw" if self.normalize == "none" else f"/{self.normalize}",
                "all events" if self.dedup == "none" else f"dedup {self.dedup}",
            ]
        parts.append(self.origin)
        return " · ".join(parts)

    def to_dict(self) -> dict[str, str]:
        return {
            "freq": self.freq,
            "measure": self.measure,
            "normalize": self.normalize,
            "dedup": self.dedup,
            "origin": self.origin,
            "label": self.label,
        }


@dataclass(frozen=True)
class CellSeries:
    """The triangle's series in one cell before any modelling: one column per directed dyad
    (`RUS→IRN`), one row per period; whether the source covers each period; and candidate
    exogenous dummies (known breaks)."""

    frame: pd.DataFrame
    covered: pd.Series
    exog: pd.DataFrame
    provenance: str = ""


@dataclass(frozen=True)
class SeriesSummary:
    """One series of the cell: its role, whether it entered the model, and its diagnostics."""

    name: str
    role: str
    use: str
    """`model`, `constant` (left out), `merged` (identical to another), `missing` (no data)."""
    zero_share: float | None
    mean: float | None
    sd: float | None
    stationarity: Stationarity | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "role": self.role,
            "use": self.use,
            "zero_share": self.zero_share,
            "mean": self.mean,
            "sd": self.sd,
            "stationarity": self.stationarity.to_dict() if self.stationarity else None,
        }


@dataclass(frozen=True)
class ImpulseResponse:
    """The dependent's response to a one-standard-deviation driver shock under one Cholesky
    ordering, in standard deviations of the dependent, with bootstrap bands."""

    ordering: str
    order: list[str]
    response: list[float]
    lower: list[float]
    upper: list[float]
    cumulative: float
    cumulative_lower: float
    cumulative_upper: float

    @property
    def sign(self) -> int:
        """+1 or −1 when the band of the cumulative response excludes zero, else 0."""
        if self.cumulative_lower > 0:
            return 1
        if self.cumulative_upper < 0:
            return -1
        return 0

    def to_dict(self) -> dict[str, object]:
        return {
            "ordering": self.ordering,
            "order": self.order,
            "response": self.response,
            "lower": self.lower,
            "upper": self.upper,
            "cumulative": self.cumulative,
            "cumulative_lower": self.cumulative_lower,
            "cumulative_upper": self.cumulative_upper,
            "sign": self.sign,
        }


@dataclass
class CellResult:
    """Everything one cell found; `status` is `ok` when the tests ran, otherwise the reason
    names why not (too few periods, thin or missing series)."""

    spec: CellSpec
    status: str
    reason: str = ""
    periods: int = 0
    covered_periods: int = 0
    sample: tuple[str, str] | None = None
    nobs: int = 0
    series: list[SeriesSummary] = field(default_factory=list)
    dependent: str = ""
    driver: str = ""
    exog: list[str] = field(default_factory=list)
    lag_selection: dict[str, int] = field(default_factory=dict)
    max_lags: int = 0
    lags: int = 0
    d_max: int = 0
    residual_df: int = 0
    granger_forward: WaldTest | None = None
    granger_reverse: WaldTest | None = None
    ty_forward: WaldTest | None = None
    ty_reverse: WaldTest | None = None
    irf: dict[str, ImpulseResponse] = field(default_factory=dict)
    fevd: dict[str, dict[str, float]] = field(default_factory=dict)
    ccf: dict[str, object] = field(default_factory=dict)
    residual_correlation: float | None = None
    stable: bool | None = None
    max_root: float | None = None
    whiteness_p: float | None = None
    power: Power | None = None
    q_forward: float | None = None
    q_reverse: float | None = None
    notes: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    """Time spent on the tests (diagnostics, VARs, Granger, Toda–Yamamoto, FEVD), the
    bootstrap bands, and the power simulation."""
    values: pd.DataFrame | None = None
    """The six series over the requested periods, in the measure's own units (NaN where the
    source has no data), for charts; the model used the `sample` rows of it."""

    @property
    def ok(self) -> bool:
        return self.status == STATUS_OK

    @property
    def parameters(self) -> dict[str, int] | None:
        """Coefficients per equation of the VAR(p) and of the Toda–Yamamoto VAR(p + d_max)."""
        if not self.ok:
            return None
        k = len({s.name for s in self.series if s.use == "model"})
        per_lag, fixed = k, 1 + len(self.exog)
        return {
            "var": per_lag * self.lags + fixed,
            "toda_yamamoto": per_lag * (self.lags + self.d_max) + fixed,
        }

    @property
    def p_forward(self) -> float:
        """The cell's p-value for driver → dependent: the larger of the Granger F test's and
        the Toda–Yamamoto test's, so the cell counts only when both reject; 1 when it could
        not be tested."""
        if not self.ok:
            return 1.0
        return max(self.granger_forward.p_f, self.ty_forward.p_chi2)

    @property
    def p_reverse(self) -> float:
        """The same for dependent → driver."""
        if not self.ok:
            return 1.0
        return max(self.granger_reverse.p_f, self.ty_reverse.p_chi2)

    @property
    def sign(self) -> int | None:
        """The direction of the effect when both orderings' bands agree on it (+1, −1), 0 when
        they do not exclude zero or disagree, None when the measure has no direction (counts)
        or the model is not stable."""
        if not self.irf:
            return None
        signs = {response.sign for response in self.irf.values()}
        return signs.pop() if len(signs) == 1 else 0

    def to_dict(self) -> dict[str, object]:
        def test(t: WaldTest | None) -> dict[str, object] | None:
            return t.to_dict() if t else None

        return {
            "cell": self.spec.to_dict(),
            "status": self.status,
            "reason": self.reason,
            "periods": self.periods,
            "covered_periods": self.covered_periods,
            "sample": list(self.sample) if self.sample else None,
            "nobs": self.nobs,
            "series": [s.to_dict() for s in self.series],
            "dependent_series": self.dependent,
            "driver_series": self.driver,
            "exog": self.exog,
            "lag_selection": self.lag_selection,
            "max_lags": self.max_lags,
            "lags": self.lags,
            "d_max": self.d_max,
            "residual_df": self.residual_df,
            "parameters_per_equation": self.parameters,
            "granger": {
                "forward": test(self.granger_forward),
                "reverse": test(self.granger_reverse),
            },
            "toda_yamamoto": {"forward": test(self.ty_forward), "reverse": test(self.ty_reverse)},
            "p_forward": self.p_forward if self.ok else None,
            "p_reverse": self.p_reverse if self.ok else None,
            "q_forward": self.q_forward,
            "q_reverse": self.q_reverse,
            "irf": {name: response.to_dict() for name, response in self.irf.items()},
            "sign": self.sign,
            "fevd": self.fevd,
            "ccf": self.ccf,
            "residual_correlation": self.residual_correlation,
            "stable": self.stable,
            "max_root": self.max_root,
            "whiteness_p": self.whiteness_p,
            "power": self.power.to_dict() if self.power else None,
            "notes": self.notes,
        }


def longest_run(mask: np.ndarray) -> tuple[int, int]:
    """[start, end) of the longest run of True values (the first of equal ones); (0, 0) if
    there is none."""
    best = (0, 0)
    start = None
    for i, value in enumerate([*mask, False]):
        if value and start is None:
            start = i
        elif not value and start is not None:
            if i - start > best[1] - best[0]:
                best = (start, i)
            start = None
    return best


def max_lag_order(nobs: int, k: int, n_exog: int, d_max: int, cap: int) -> int:
    """The largest p ≤ cap for which every equation of VAR(p + d_max) on `nobs` periods keeps
    MIN_RESIDUAL_DF residual degrees of freedom; 0 when not even p = 1 does."""
    for p in range(cap, 0, -1):
        if residual_df(nobs, k, n_exog, p + d_max) >= MIN_RESIDUAL_DF:
            return p
    return 0


def residual_df(nobs: int, k: int, n_exog: int, lags: int) -> int:
    """Residual degrees of freedom per equation of a VAR(lags) with a constant."""
    return nobs - lags - (k * lags + 1 + n_exog)


def cell_test(
    spec: CellSpec,
    data: CellSeries,
    triangle: Triangle,
    settings: CellSettings,
    rng: np.random.Generator,
    directional: bool = True,
) -> CellResult:
    """Run the dependence test on one cell's series. `directional` is False for measures that
    say how much happened but not how warm (counts): their responses have no sign."""
    names = [d.label for d in triangle.series]
    roles = [triangle.role(d) for d in triangle.series]
    frame = data.frame.reindex(columns=names).astype(float)
    result = CellResult(spec, STATUS_OK, periods=len(frame))
    result.values = frame.where(
        data.covered.reindex(frame.index).fillna(False).astype(bool), axis=0
    )
    result.covered_periods = int(data.covered.sum())
    dependent, driver = triangle.dependent.label, triangle.driver.label

    present = [n for n in names if frame[n].notna().any()]
    for name in (dependent, driver):
        if name not in present:
            return _failed(result, "no_data", f"no {name} data in this cell")
    usable = data.covered.to_numpy(bool) & frame[present].notna().all(axis=1).to_numpy()
    start, end = longest_run(usable)
    if end == start:
        return _failed(result, "no_data", "no period in which the source covers every series")
    sample = frame.iloc[start:end]
    result.sample = (_day(sample.index[0]), _day(sample.index[-1]))
    result.nobs = len(sample)
    if result.nobs < len(frame):
        result.notes.append(
            f"sample {result.sample[0]} to {result.sample[1]}: {result.nobs} of {len(frame)} "
            "periods (the longest run the source covers with every series observed)"
        )

    model_columns, merged_into = _model_columns(sample, present)
    for name, role in zip(names, roles, strict=True):
        result.series.append(_summary(name, role, sample, present, model_columns, merged_into))
    rename = {old: _relation_label(old, new) for old, new in merged_into.items()}
    result.dependent = rename.get(dependent, dependent) if dependent in model_columns else ""
    result.driver = rename.get(driver, driver) if driver in model_columns else ""
    for name, label in ((dependent, result.dependent), (driver, result.driver)):
        if not label:
            value = sample[name].iloc[0]
            return _failed(result, "constant", f"{name} is {value:g} in every period of the sample")
    for name in (dependent, driver):
        share = float((sample[name] == 0).mean())
        if share > MAX_ZERO_SHARE:
            return _failed(
                result,
                "thin",
                f"{name} is zero in {share:.0%} of the {result.nobs} periods: too thin for a "
                "linear model of its ups and downs",
            )

    columns = [rename.get(c, c) for c in model_columns]
    y_raw = sample[model_columns].to_numpy(float)
    y = (y_raw - y_raw.mean(axis=0)) / y_raw.std(axis=0, ddof=1)
    exog_frame = _exogenous(data.exog.iloc[start:end])
    result.exog = list(exog_frame.columns)
    exog = exog_frame.to_numpy(float) if len(exog_frame.columns) else None
    k, n_exog = len(columns), len(result.exog)
    # the smallest augmentation first: too few periods for it and no test can run
    result.d_max = 1
    if enough := max_lag_order(result.nobs, k, n_exog, result.d_max, LAG_CAP[spec.freq]):
        started = time.perf_counter()
        adf_lags = ADF_LAG_CAP[spec.freq]
        orders = {column: stationarity(y[:, i], adf_lags) for i, column in enumerate(model_columns)}
        result.series = [_with_stationarity(s, orders.get(s.name)) for s in result.series]
        result.d_max = max(1, *(s.order for s in orders.values()))
    result.max_lags = (
        max_lag_order(result.nobs, k, n_exog, result.d_max, LAG_CAP[spec.freq]) if enough else 0
    )
    if result.max_lags == 0:
        df = residual_df(result.nobs, k, n_exog, 1 + result.d_max)
        return _failed(
            result,
            "too_few_periods",
            f"{result.nobs} {ADJECTIVES[spec.freq]} periods leave {df} residual degrees of "
            f"freedom per equation for the smallest model (VAR(1 + {result.d_max}) of {k} "
            f"series); the tests need at least {MIN_RESIDUAL_DF}",
        )

    dep_i, drv_i = columns.index(result.dependent), columns.index(result.driver)
    caused = [i for i, c in enumerate(columns) if _role_of(c, triangle) == "dependent"]
    causing = [i for i, c in enumerate(columns) if _role_of(c, triangle) == "driver"]
    model = VAR(y, exog=exog)
    selected = model.select_order(result.max_lags).selected_orders
    result.lag_selection = {name: int(order) for name, order in selected.items()}
    result.lags = max(1, result.lag_selection["bic"])
    fitted = model.fit(result.lags)
    result.residual_df = int(fitted.df_resid)
    result.granger_forward = _statsmodels_test(fitted, caused, causing)
    result.granger_reverse = _statsmodels_test(fitted, causing, caused)
    augmented = fit_var(y, result.lags + result.d_max, exog)
    result.ty_forward = block_test(augmented, caused, causing, result.lags)
    result.ty_reverse = block_test(augmented, causing, caused, result.lags)
    roots = np.abs(fitted.roots)
    result.max_root = float(1 / roots.min()) if len(roots) else 0.0
    result.stable = bool(fitted.is_stable())
    result.residual_correlation = float(np.corrcoef(fitted.resid[:, [dep_i, drv_i]].T)[0, 1])
    result.whiteness_p = _whiteness(fitted, result.nobs)

    steps = max(IRF_STEPS[spec.freq], settings.horizon)
    order_first = [*causing, *_others(k, causing, caused), *caused]
    order_last = [*caused, *_others(k, causing, caused), *causing]
    by_ordering = dict(zip(ORDERINGS, (order_first, order_last), strict=True))
    # statsmodels orthogonalises in column order: one fit per ordering, for FEVD and IRFs
    reordered = {
        name: VAR(y[:, order], exog=exog).fit(result.lags) for name, order in by_ordering.items()
    }
    result.fevd = _fevd(reordered, by_ordering, dep_i, causing, steps, settings.horizon)
    result.seconds["tests"] = time.perf_counter() - started
    started = time.perf_counter()
    if directional and result.stable:
        result.irf = _impulse_responses(
            y, exog, reordered, by_ordering, columns, dep_i, drv_i, steps, settings, rng
        )
    elif not result.stable:
        result.notes.append(
            f"the fitted VAR is not stable (largest root {result.max_root:.3f}): impulse "
            "responses are not interpretable"
        )
    result.ccf = _cross_correlation(y[:, drv_i], y[:, dep_i], orders, model_columns, dep_i, drv_i)
    result.seconds["bands"] = time.perf_counter() - started
    started = time.perf_counter()
    setup = PowerSetup(
        lags=result.lags,
        d_max=result.d_max,
        caused=caused,
        causing=causing,
        dependent=dep_i,
        driver=drv_i,
        sign=settings.effect_sign,
        alpha=settings.alpha,
    )
    result.power = block_power(y, exog, setup, settings.effect, settings.power_replications, rng)
    result.seconds["power"] = time.perf_counter() - started
    return result


def _failed(result: CellResult, status: str, reason: str) -> CellResult:
    result.status = status
    result.reason = reason
    return result


def _day(period: object) -> str:
    """A period as YYYY-MM-DD, or as given when the series are not indexed by dates."""
    if isinstance(period, pd.Timestamp | date):
        return pd.Timestamp(period).date().isoformat()
    return str(period)


def _model_columns(sample: pd.DataFrame, present: list[str]) -> tuple[list[str], dict[str, str]]:
    """The series that enter the model (not constant, first of identical ones), and for each
    series merged into another the one it was merged into."""
    kept: list[str] = []
    merged: dict[str, str] = {}
    for name in present:
        values = sample[name].to_numpy(float)
        if np.ptp(values) == 0:
            continue
        twin = next((k for k in kept if np.allclose(sample[k].to_numpy(float), values)), None)
        if twin is None:
            kept.append(name)
        else:
            merged[name] = twin
            merged[twin] = twin
    return kept, merged


def _relation_label(name: str, twin: str) -> str:
    """`RUS→IRN` merged with `IRN→RUS` is the relation `RUS–IRN`."""
    return twin.replace("→", "–")


def _summary(
    name: str,
    role: str,
    sample: pd.DataFrame,
    present: list[str],
    model_columns: list[str],
    merged_into: dict[str, str],
) -> SeriesSummary:
    if name not in present:
        return SeriesSummary(name, role, "missing", None, None, None)
    values = sample[name]
    use = (
        "merged"
        if merged_into.get(name, name) != name
        else "model"
        if name in model_columns
        else "constant"
    )
    return SeriesSummary(
        name,
        role,
        use,
        float((values == 0).mean()),
        float(values.mean()),
        float(values.std(ddof=1)) if len(values) > 1 else None,
    )


def _with_stationarity(summary: SeriesSummary, result: Stationarity | None) -> SeriesSummary:
    if result is None:
        return summary
    return SeriesSummary(
        summary.name,
        summary.role,
        summary.use,
        summary.zero_share,
        summary.mean,
        summary.sd,
        result,
    )


def _role_of(column: str, triangle: Triangle) -> str:
    actors = set(column.replace("–", "→").split("→"))
    if actors == {triangle.dependent.source, triangle.dependent.target}:
        return "dependent"
    if actors == {triangle.driver.source, triangle.driver.target}:
        return "driver"
    return "third"


def _others(k: int, causing: list[int], caused: list[int]) -> list[int]:
    return [i for i in range(k) if i not in causing and i not in caused]


def _exogenous(candidates: pd.DataFrame) -> pd.DataFrame:
    """The dummies that vary within the sample, none a copy of another."""
    kept: list[str] = []
    for name in candidates.columns:
        values = candidates[name].to_numpy(float)
        if np.ptp(values) == 0:
            continue
        if any(np.array_equal(values, candidates[k].to_numpy(float)) for k in kept):
            continue
        kept.append(name)
    return candidates[kept]


def _statsmodels_test(fitted, caused: list[int], causing: list[int]) -> WaldTest:
    """statsmodels' block Granger test (F and Wald forms) as one WaldTest."""
    f = fitted.test_causality(caused, causing, kind="f")
    wald = fitted.test_causality(caused, causing, kind="wald")
    return WaldTest(
        wald=float(wald.test_statistic),
        df=int(wald.df),
        p_chi2=float(wald.pvalue),
        f=float(f.test_statistic),
        df_denom=int(f.df[1]),
        p_f=float(f.pvalue),
    )


def _whiteness(fitted, nobs: int) -> float | None:
    """Portmanteau test of no residual autocorrelation up to a few lags beyond p."""
    lags = fitted.k_ar + 4
    if lags >= nobs // 2:
        return None
    return float(fitted.test_whiteness(nlags=lags).pvalue)


def _fevd(
    reordered: dict[str, VARResults],
    orderings: dict[str, list[int]],
    dependent: int,
    causing: list[int],
    steps: int,
    horizon: int,
) -> dict[str, dict[str, float]]:
    """Share of the dependent's forecast-error variance due to the driver relation's shocks,
    at the horizon and at the last step, under each ordering (statsmodels' FEVD)."""
    shares = {}
    for name, order in orderings.items():
        decomp = reordered[name].fevd(steps).decomp
        row = order.index(dependent)
        columns = [order.index(c) for c in causing]
        shares[name] = {
            f"h{horizon}": float(decomp[row, horizon - 1, columns].sum()),
            f"h{steps}": float(decomp[row, steps - 1, columns].sum()),
        }
    return shares


def _impulse_responses(
    y: np.ndarray,
    exog: np.ndarray | None,
    reordered: dict[str, VARResults],
    orderings: dict[str, list[int]],
    columns: list[str],
    dependent: int,
    driver: int,
    steps: int,
    settings: CellSettings,
    rng: np.random.Generator,
) -> dict[str, ImpulseResponse]:
    """statsmodels' orthogonalised responses under each ordering, with percentile bands from
    a residual bootstrap of the fitted VAR (the same resamples serve both orderings)."""
    lags = next(iter(reordered.values())).k_ar
    own = fit_var(y, lags, exog)
    shocks = resampled_shocks(own.resid, settings.bootstrap, len(y) - lags, rng)
    with np.errstate(all="ignore"):
        sims = simulate(own, y[:lags], exog, shocks)
    sims = sims[np.isfinite(sims).all(axis=(1, 2))]
    refits = fit_var(sims, lags, exog)
    tail = (1 - BAND_LEVEL) / 2
    out = {}
    for name, order in orderings.items():
        point = reordered[name].irf(steps).orth_irfs[:, order.index(dependent), order.index(driver)]
        draws = orthogonal_irf(refits, steps, order)[..., dependent, driver]
        cumulative = draws[:, 1 : settings.horizon + 1].sum(axis=1)
        lower, upper = np.quantile(draws, [tail, 1 - tail], axis=0)
        cum_lower, cum_upper = np.quantile(cumulative, [tail, 1 - tail])
        out[name] = ImpulseResponse(
            ordering=name,
            order=[columns[i] for i in order],
            response=[float(v) for v in point],
            lower=[float(v) for v in lower],
            upper=[float(v) for v in upper],
            cumulative=float(point[1 : settings.horizon + 1].sum()),
            cumulative_lower=float(cum_lower),
            cumulative_upper=float(cum_upper),
        )
    return out


def _cross_correlation(
    driver: np.ndarray,
    dependent: np.ndarray,
    orders: dict[str, Stationarity],
    model_columns: list[str],
    dep_i: int,
    drv_i: int,
) -> dict[str, object]:
    """corr(driver_{t−l}, dependent_t) for l = −L…L (positive l: the driver leads), on the
    first differences when either series looks integrated; ±1.96/√n marks what noise reaches."""
    integrated = max(orders[model_columns[dep_i]].order, orders[model_columns[drv_i]].order) > 0
    x, y = (np.diff(driver), np.diff(dependent)) if integrated else (driver, dependent)
    n = len(x)
    reach = min(12, n // 4)
    values = []
    for lag in range(-reach, reach + 1):
        a, b = (x[: n - lag], y[lag:]) if lag >= 0 else (x[-lag:], y[: n + lag])
        values.append(float(np.corrcoef(a, b)[0, 1]) if np.ptp(a) and np.ptp(b) else 0.0)
    return {
        "lags": list(range(-reach, reach + 1)),
        "correlation": values,
        "differenced": integrated,
        "noise_band": 1.96 / np.sqrt(n),
    }
