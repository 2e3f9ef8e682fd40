"""Vector autoregressions in NumPy, batched over replications.

statsmodels fits the models whose numbers the analysis reports; this module refits the
thousands of simulated and resampled series behind the bootstrap bands and the power figures
(one statsmodels object per fit would make those the slowest step by far), and computes the
Toda–Yamamoto test, which statsmodels does not have. Its numbers equal statsmodels' on the same
data (the tests check it), so the simulations judge the very tests that are reported.

Layout, as statsmodels writes it: a VAR(p) with k series and e exogenous columns has
coefficients of shape (m, k), m = 1 + e + k·p, rows `const`, the exogenous columns, then the
lags `L1.y1 … L1.yk, L2.y1 …`; column j is the equation of series j. Every function takes
arrays with any number of leading batch axes (one per replication).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats


@dataclass(frozen=True)
class VarFit:
    """An OLS fit of a VAR(p) with a constant (batched: leading axes are replications)."""

    coefs: np.ndarray
    """(..., m, k) coefficients, rows const, exog, L1.y1 … Lp.yk."""
    sigma_u: np.ndarray
    """(..., k, k) residual covariance, SSR / (T − p − m) as statsmodels computes it."""
    zz_inv: np.ndarray
    """(..., m, m) (Z′Z)⁻¹ of the regressors."""
    resid: np.ndarray
    """(..., T − p, k) residuals."""
    lags: int
    n_exog: int

    @property
    def k(self) -> int:
        return self.coefs.shape[-1]

    @property
    def nobs(self) -> int:
        return self.resid.shape[-2]

    @property
    def df_resid(self) -> int:
        """Residual degrees of freedom of each equation."""
        return self.nobs - self.coefs.shape[-2]

    def lag_matrices(self) -> np.ndarray:
        """(..., p, k, k): A_l with y_t = … + Σ_l y_{t−l} A_l (row: lagged series, column:
        equation)."""
        start = 1 + self.n_exog
        shape = (*self.coefs.shape[:-2], self.lags, self.k, self.k)
        return self.coefs[..., start:, :].reshape(shape)


def lag_row(series: int, lag: int, k: int, n_exog: int) -> int:
    """The coefficient row of `series` at `lag` (1-based)."""
    return 1 + n_exog + (lag - 1) * k + series


def design(y: np.ndarray, lags: int, exog: np.ndarray | None = None) -> tuple[np.ndarray, ...]:
    """(Y, Z) of a VAR(p): the observations from p on, and the regressors const, exog, lags."""
    periods = y.shape[-2]
    batch = y.shape[:-2]
    columns = [np.ones((*batch, periods - lags, 1))]
    if exog is not None and exog.shape[-1]:
        columns.append(np.broadcast_to(exog[lags:], (*batch, periods - lags, exog.shape[-1])))
    columns += [y[..., lags - lag : periods - lag, :] for lag in range(1, lags + 1)]
    return y[..., lags:, :], np.concatenate(columns, axis=-1)


def fit_var(y: np.ndarray, lags: int, exog: np.ndarray | None = None) -> VarFit:
    """OLS of every equation of a VAR(p) with a constant and exogenous columns."""
    if lags < 1:
        raise ValueError("a VAR needs at least one lag")
    response, z = design(y, lags, exog)
    zt = np.swapaxes(z, -1, -2)
    zz_inv = np.linalg.inv(zt @ z)
    coefs = zz_inv @ (zt @ response)
    resid = response - z @ coefs
    df = response.shape[-2] - z.shape[-1]
    sigma_u = np.swapaxes(resid, -1, -2) @ resid / df
    n_exog = 0 if exog is None else exog.shape[-1]
    return VarFit(coefs, sigma_u, zz_inv, resid, lags, n_exog)


def restricted_fit(
    y: np.ndarray, lags: int, exog: np.ndarray | None, caused: list[int], causing: list[int]
) -> VarFit:
    """The VAR(p) fitted under 'causing does not Granger-cause caused': the caused equations
    by OLS without the causing series' lags (their coefficients are zero), the others as
    usual. A model of the null hypothesis, to simulate from."""
    fit = fit_var(y, lags, exog)
    response, z = design(y, lags, exog)
    excluded = {lag_row(c, lag, fit.k, fit.n_exog) for c in causing for lag in range(1, lags + 1)}
    kept = [row for row in range(z.shape[-1]) if row not in excluded]
    coefs = fit.coefs.copy()
    resid = fit.resid.copy()
    sub = z[..., kept]
    for eq in caused:
        beta, *_ = np.linalg.lstsq(sub, response[..., eq], rcond=None)
        coefs[..., eq] = 0.0
        coefs[kept, eq] = beta
        resid[..., eq] = response[..., eq] - sub @ beta
    df = response.shape[-2] - z.shape[-1]
    sigma_u = np.swapaxes(resid, -1, -2) @ resid / df
    return VarFit(coefs, sigma_u, fit.zz_inv, resid, lags, fit.n_exog)


def block_wald(fit: VarFit, caused: list[int], causing: list[int], lags: int) -> np.ndarray:
    """Wald statistic of H0: the first `lags` lags of the `causing` series have zero
    coefficients in the `caused` equations. Cov(vec B) = Σ_u ⊗ (Z′Z)⁻¹, as in statsmodels'
    `test_causality`. Testing fewer lags than the model has is the Toda–Yamamoto test."""
    rows = [lag_row(c, lag, fit.k, fit.n_exog) for lag in range(1, lags + 1) for c in causing]
    beta = fit.coefs[..., rows, :][..., caused]
    # vec over equations (column-major), matching np.kron(Σ_u, (Z'Z)^-1)
    b = np.swapaxes(beta, -1, -2).reshape(*beta.shape[:-2], -1)
    sigma = fit.sigma_u[..., caused, :][..., caused]
    inner = fit.zz_inv[..., rows, :][..., rows]
    cov = np.einsum("...ij,...kl->...ikjl", sigma, inner).reshape(*b.shape, b.shape[-1])
    return np.einsum("...i,...i->...", b, np.linalg.solve(cov, b[..., None])[..., 0])


@dataclass(frozen=True)
class WaldTest:
    """A block test: the Wald statistic, its χ² p-value, and the F form (W/q with
    (q, k·df_resid) degrees of freedom, statsmodels' `kind='f'`)."""

    wald: float
    df: int
    p_chi2: float
    f: float
    df_denom: int
    p_f: float

    def to_dict(self) -> dict[str, float | int]:
        return {
            "wald": self.wald,
            "df": self.df,
            "p_chi2": self.p_chi2,
            "f": self.f,
            "df_denom": self.df_denom,
            "p_f": self.p_f,
        }


def block_test(fit: VarFit, caused: list[int], causing: list[int], lags: int) -> WaldTest:
    """`block_wald` with its p-values (one model, no batch axes)."""
    wald = float(block_wald(fit, caused, causing, lags))
    q = len(caused) * len(causing) * lags
    denom = fit.k * fit.df_resid
    return WaldTest(
        wald=wald,
        df=q,
        p_chi2=float(stats.chi2.sf(wald, q)),
        f=wald / q,
        df_denom=denom,
        p_f=float(stats.f.sf(wald / q, q, denom)),
    )


def ma_coefficients(lag_matrices: np.ndarray, steps: int) -> np.ndarray:
    """(..., steps + 1, k, k) moving-average coefficients Φ_h (Φ_0 = I), element [i, j] the
    response of series i at h to a unit innovation in series j (statsmodels' `ma_rep`)."""
    *batch, lags, k, _ = lag_matrices.shape
    # statsmodels' A_l is the transpose of ours: row = equation
    a = np.swapaxes(lag_matrices, -1, -2)
    phi = np.zeros((*batch, steps + 1, k, k))
    phi[..., 0, :, :] = np.eye(k)
    for h in range(1, steps + 1):
        for lag in range(1, min(h, lags) + 1):
            phi[..., h, :, :] += phi[..., h - lag, :, :] @ a[..., lag - 1, :, :]
    return phi


def cholesky_in_order(sigma_u: np.ndarray, order: list[int]) -> np.ndarray:
    """P with P P′ = Σ_u, lower triangular in `order` (the first series' shock moves all the
    others at once, the last one's moves only itself), in the series' own indices."""
    order_arr = np.asarray(order)
    chol = np.linalg.cholesky(sigma_u[..., order_arr, :][..., order_arr])
    back = np.argsort(order_arr)
    return chol[..., back, :][..., back]


def orthogonal_irf(fit: VarFit, steps: int, order: list[int]) -> np.ndarray:
    """(..., steps + 1, k, k) orthogonalised impulse responses Θ_h = Φ_h P under the Cholesky
    ordering `order`: [h, i, j] is series i's response h periods after a one-standard-deviation
    shock to series j."""
    return (
        ma_coefficients(fit.lag_matrices(), steps)
        @ cholesky_in_order(fit.sigma_u, order)[..., None, :, :]
    )


def simulate(
    fit: VarFit, start: np.ndarray, exog: np.ndarray | None, shocks: np.ndarray
) -> np.ndarray:
    """Series from the VAR with the given starting values (p, k) and shocks (R, T − p, k):
    (R, T, k), where T − p is the number of shocks."""
    reps, steps, k = shocks.shape
    lags = fit.lags
    a = fit.lag_matrices()
    level = np.broadcast_to(fit.coefs[0], (steps, k)).copy()
    if exog is not None and fit.n_exog:
        level += exog[lags:] @ fit.coefs[1 : 1 + fit.n_exog]
    y = np.empty((reps, lags + steps, k))
    y[:, :lags] = start
    for t in range(steps):
        value = level[t] + shocks[:, t]
        for lag in range(1, lags + 1):
            value += y[:, lags + t - lag] @ a[lag - 1]
        y[:, lags + t] = value
    return y


def resampled_shocks(resid: np.ndarray, reps: int, steps: int, rng: np.random.Generator):
    """(reps, steps, k) residual vectors drawn with replacement (whole rows, so the residuals'
    contemporaneous correlation is kept), centred."""
    centred = resid - resid.mean(axis=0)
    return centred[rng.integers(0, len(centred), size=(reps, steps))]
