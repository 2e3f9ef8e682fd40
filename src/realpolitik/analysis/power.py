"""How likely was the test to find an effect of a stated size, if there was one?

Power is simulated from the fitted model itself: the VAR(p) fitted under the null (the
dependent equations without the driver's lags), plus an effect of size δ, a lag-1 coefficient
from the driver's series to the dependent's that makes a one-standard-deviation driver
innovation move the dependent by δ of its standard deviations one period later. Each
replication resamples the null model's residuals (whole rows, keeping their correlation),
builds series as long as the sample from its first values, and runs the cell's test on them:
the Granger F test in VAR(p) and the Toda–Yamamoto Wald test in VAR(p + d_max), both at α.
The same residual draws serve every δ, so power rises smoothly with δ, and the minimum
detectable effect is where it crosses the target (interpolated between the δ tried). Sizes are
tried from the smallest up, and the search stops once the target is reached and the stated
effect has been tried: larger effects are only easier to find.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from realpolitik.analysis.var import (
    VarFit,
    block_wald,
    fit_var,
    lag_row,
    resampled_shocks,
    restricted_fit,
    simulate,
)

POWER_TARGET = 0.8
EFFECT_LADDER = (0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0)
"""Effect sizes (in standard deviations of the dependent) at which power is simulated to find
the minimum detectable effect, besides the stated one."""


@dataclass(frozen=True)
class Power:
    """Power of a cell's block test against the stated effect, and the minimum detectable
    effect (None when even the largest δ tried is detected less often than the target)."""

    effect: float
    power: float
    mde: float | None
    replications: int
    curve: tuple[tuple[float, float], ...]
    """(δ, power) at every δ simulated, smallest first."""

    def to_dict(self) -> dict[str, object]:
        return {
            "effect": self.effect,
            "power": self.power,
            "minimum_detectable_effect": self.mde,
            "target": POWER_TARGET,
            "replications": self.replications,
            "curve": [{"effect": d, "power": p} for d, p in self.curve],
        }


@dataclass(frozen=True)
class PowerSetup:
    """What the simulated test looks like: the model's lags and augmentation, the block, and
    the two series the effect runs between."""

    lags: int
    d_max: int
    caused: list[int]
    causing: list[int]
    dependent: int
    driver: int
    sign: int
    alpha: float


def _rejections(sims: np.ndarray, exog: np.ndarray | None, setup: PowerSetup) -> np.ndarray:
    """For each simulated series: does the cell's test reject (both tests at α)?"""
    k = sims.shape[-1]
    q = len(setup.caused) * len(setup.causing) * setup.lags
    granger = fit_var(sims, setup.lags, exog)
    f = block_wald(granger, setup.caused, setup.causing, setup.lags) / q
    p_granger = stats.f.sf(f, q, k * granger.df_resid)
    augmented = fit_var(sims, setup.lags + setup.d_max, exog)
    p_ty = stats.chi2.sf(block_wald(augmented, setup.caused, setup.causing, setup.lags), q)
    return np.maximum(p_granger, p_ty) <= setup.alpha


def _with_effect(null: VarFit, setup: PowerSetup, size: float) -> VarFit:
    coefs = null.coefs.copy()
    row = lag_row(setup.driver, 1, null.k, null.n_exog)
    innovation_sd = np.sqrt(null.sigma_u[setup.driver, setup.driver])
    coefs[row, setup.dependent] = setup.sign * size / innovation_sd
    return VarFit(coefs, null.sigma_u, null.zz_inv, null.resid, null.lags, null.n_exog)


def block_power(
    y: np.ndarray,
    exog: np.ndarray | None,
    setup: PowerSetup,
    effect: float,
    replications: int,
    rng: np.random.Generator,
) -> Power:
    """Simulated power of the block test against `effect` (y standardised: δ in standard
    deviations), and the minimum detectable effect."""
    null = restricted_fit(y, setup.lags, exog, setup.caused, setup.causing)
    shocks = resampled_shocks(null.resid, replications, len(y) - setup.lags, rng)
    sizes = sorted({*EFFECT_LADDER, effect})
    curve = []
    for size in sizes:
        with np.errstate(all="ignore"):
            sims = simulate(_with_effect(null, setup, size), y[: setup.lags], exog, shocks)
        usable = np.isfinite(sims).all(axis=(1, 2)) & (np.abs(sims).max(axis=(1, 2)) < 1e6)
        if not usable.any():
            curve.append((size, 1.0))
            continue
        try:
            rejected = _rejections(sims[usable], exog, setup)
        except np.linalg.LinAlgError:
            rejected = np.array(
                [_safe_rejection(sim, exog, setup) for sim in sims[usable]], dtype=bool
            )
        # an explosive series is an effect no test could miss
        curve.append((size, float((rejected.sum() + (~usable).sum()) / replications)))
        if size >= effect and curve[-1][1] >= POWER_TARGET:
            break
    power = dict(curve)[effect]
    return Power(effect, power, _crossing(curve, setup.alpha), replications, tuple(curve))


def _safe_rejection(sim: np.ndarray, exog: np.ndarray | None, setup: PowerSetup) -> bool:
    try:
        return bool(_rejections(sim[None], exog, setup)[0])
    except np.linalg.LinAlgError:
        return False


def _crossing(curve: list[tuple[float, float]], alpha: float) -> float | None:
    """The smallest δ at which power reaches the target, interpolated linearly (from power
    α at δ = 0)."""
    previous = (0.0, alpha)
    for size, power in curve:
        if power >= POWER_TARGET:
            (s0, p0) = previous
            if power == p0:
                return size
            return s0 + (POWER_TARGET - p0) * (size - s0) / (power - p0)
        previous = (size, power)
    return None
