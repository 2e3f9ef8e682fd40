"""From the grid's cells to one verdict, by a rule written down once (VERDICT_RULE) and
printed with every result.

A false "supported" is the worst thing this product can say, so the rule asks for agreement
across the robustness grid after multiple-testing control, the expected direction with bands
that exclude zero under both orderings, no equally strong feedback, enough power, and no source
that says otherwise. Anything less is "inconclusive", with the reason and its numbers.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from statistics import median

import numpy as np

from realpolitik.analysis.cell import CellResult
from realpolitik.analysis.power import POWER_TARGET
from realpolitik.analysis.settings import CellSettings

SUPPORTED, CONTRADICTED, INCONCLUSIVE = "supported", "contradicted", "inconclusive"
EXPECTATIONS = ("negative", "positive", "any")

VERDICT_RULE = f"""\
A cell's p-value is the larger of its block Granger F test and its Toda–Yamamoto test (so it
counts only when both reject); Benjamini–Hochberg adjusts the p-values across all the cells of
the grid, a cell that could not be tested counting with p = 1; a cell is significant when its
adjusted q ≤ α. A cell's sign is that of the dependent's cumulative response to a driver shock
over the horizon when its band excludes zero under both Cholesky orderings.
A cell is well powered when its simulated power against the stated effect is at least
{POWER_TARGET:.0%}.
SUPPORTED when (1) driver → dependent is significant in more than half of the cells, (2) the
significant cells that have a direction mostly show the expected sign and none the opposite
one, (3) dependent → driver is significant in fewer than half as many cells, (4) some cells
are well powered and driver → dependent is significant in most of them, and (5) no source,
taken alone, finds the opposite sign, only the reverse direction, or nothing in cells that are
mostly well powered.
CONTRADICTED when (1), (3) and (4) hold with the opposite sign instead of the expected one, or
when dependent → driver is significant in more than half of the cells, driver → dependent in
fewer than half as many, and most of the well-powered cells do not find driver → dependent:
only the reverse direction holds.
"No evidence" (inconclusive) when driver → dependent is significant in no cell and most tested
cells are well powered; "too little power" when they are not.
INCONCLUSIVE otherwise, always with the reason: too few periods, thin or missing series, cells
that disagree, an unclear sign, feedback both ways, too little power, or sources that disagree.
"""

PERIOD_WORDS = {"day": "days", "week": "weeks", "month": "months", "quarter": "quarters"}


def benjamini_hochberg(pvalues: list[float]) -> list[float]:
    """Benjamini–Hochberg adjusted p-values (q-values), in the order given."""
    p = np.asarray(pvalues, dtype=float)
    n = len(p)
    if n == 0:
        return []
    order = np.argsort(p)
    ranked = p[order] * n / np.arange(1, n + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1].clip(max=1.0)
    out = np.empty(n)
    out[order] = adjusted
    return [float(q) for q in out]


def adjust(cells: list[CellResult]) -> None:
    """Set every cell's q-values, forward and reverse, across the grid."""
    for direction in ("forward", "reverse"):
        qs = benjamini_hochberg([getattr(c, f"p_{direction}") for c in cells])
        for cell, q in zip(cells, qs, strict=True):
            setattr(cell, f"q_{direction}", q if cell.ok else None)


@dataclass(frozen=True)
class Tally:
    """What the cells of a grid (or of one source) say, counted."""

    cells: int
    tested: int
    forward: int
    reverse: int
    directed: int
    agree: int
    against: int
    power: float | None
    """Median power of the tested cells against the stated effect."""
    powered: int
    """Tested cells that are well powered."""
    powered_forward: int
    """Well-powered cells in which driver → dependent is significant."""
    failures: dict[str, int]

    @property
    def mostly_powered(self) -> bool:
        """Most tested cells are well powered."""
        return self.powered * 2 > self.tested

    @property
    def powered_support(self) -> bool:
        """Some cells are well powered and driver → dependent holds in most of them."""
        return self.powered > 0 and self.powered_forward * 2 > self.powered

    def to_dict(self) -> dict[str, object]:
        return {
            "cells": self.cells,
            "tested": self.tested,
            "forward_significant": self.forward,
            "reverse_significant": self.reverse,
            "significant_with_direction": self.directed,
            "expected_sign": self.agree,
            "opposite_sign": self.against,
            "median_power": self.power,
            "well_powered": self.powered,
            "well_powered_forward_significant": self.powered_forward,
            "not_tested": self.failures,
        }


def tally(cells: list[CellResult], expect: str, alpha: float) -> Tally:
    """Count significant cells both ways, their signs, and the median power."""
    forward = [c for c in cells if c.ok and c.q_forward <= alpha]
    reverse = [c for c in cells if c.ok and c.q_reverse <= alpha]
    directed = [c for c in forward if c.sign is not None]
    if expect == "any":
        signs = Counter(c.sign for c in directed if c.sign)
        main = signs.most_common(1)[0][0] if signs else 0
        agree = signs.get(main, 0)
        against = sum(n for s, n in signs.items() if s != main)
    else:
        wanted = -1 if expect == "negative" else 1
        agree = sum(c.sign == wanted for c in directed)
        against = sum(c.sign == -wanted for c in directed)
    powers = [c.power.power for c in cells if c.ok and c.power]
    powered = [c for c in cells if c.ok and c.power and c.power.power >= POWER_TARGET]
    return Tally(
        cells=len(cells),
        tested=sum(c.ok for c in cells),
        forward=len(forward),
        reverse=len(reverse),
        directed=len(directed),
        agree=agree,
        against=against,
        power=float(median(powers)) if powers else None,
        powered=len(powered),
        powered_forward=sum(c in forward for c in powered),
        failures=dict(Counter(c.status for c in cells if not c.ok)),
    )


@dataclass(frozen=True)
class Verdict:
    verdict: str
    reason: str
    tally: Tally


def decide(
    cells: list[CellResult],
    settings: CellSettings,
    words: dict[str, str],
    origins: dict[str, list[CellResult]] | None = None,
) -> Verdict:
    """The verdict of VERDICT_RULE over the grid's cells (q-values already set), with a
    one-sentence reason. `words` names the series (`dependent`, `driver`) and their relations
    (`dependent_relation`, `driver_relation`); `origins` splits the cells by event source."""
    expect, alpha, horizon = settings.expect, settings.alpha, settings.horizon
    t = tally(cells, expect, alpha)
    reference = _reference_cell(cells, alpha)
    period = PERIOD_WORDS.get(reference.spec.freq if reference else cells[0].spec.freq, "years")
    majority = t.forward * 2 > t.cells
    few_reverse = t.reverse * 2 < t.forward
    in_cells = _share(t.forward, t.cells)
    drv, dep = words["driver_relation"], words["dependent"]
    moved = _response_words(reference, words, period, horizon)

    if t.tested * 2 <= t.cells:
        return Verdict(INCONCLUSIVE, _untested_reason(cells, t), t)
    if majority:
        sign_ok, sign_against = _signs(t, expect)
        if not few_reverse:
            return Verdict(
                INCONCLUSIVE,
                f"Feedback both ways: {drv} predicted {dep} {in_cells}, but "
                f"{words['dependent_relation']} also predicted {drv} "
                f"{_share(t.reverse, t.cells)}, so the "
                "data cannot say which drives which.",
                t,
            )
        if not t.powered_support:
            return Verdict(INCONCLUSIVE, _weak_power_reason(t, cells, words, in_cells), t)
        if sign_against:
            return Verdict(
                CONTRADICTED,
                f"{drv} predicted {dep} {in_cells} (after correcting for multiple tests), but "
                f"in the opposite direction to the claim: {moved}.",
                t,
            )
        if not sign_ok:
            return Verdict(INCONCLUSIVE, _sign_reason(t, expect, words, moved), t)
        dissent = _dissenting_origins(origins, expect, alpha) if origins else []
        if dissent:
            return Verdict(
                INCONCLUSIVE,
                f"Sources disagree: {drv} predicted {dep} {in_cells}, but "
                + "; ".join(dissent)
                + ".",
                t,
            )
        return Verdict(
            SUPPORTED,
            f"{drv} helped predict {dep} {in_cells} (after correcting for multiple tests), "
            f"{moved}, and {words['dependent_relation']} did not predict {drv} in return "
            f"({_powered_words(t)}).",
            t,
        )
    if t.reverse * 2 > t.cells and t.forward * 2 < t.reverse:
        reverse = (
            f"{words['dependent_relation']} predicted {drv} {_share(t.reverse, t.cells)}, "
            + (
                f"while {drv} did not predict {dep}"
                if t.forward == 0
                else f"while {drv} predicted {dep} only {_share(t.forward, t.cells)}"
            )
        )
        if t.powered and t.powered_forward * 2 < t.powered:
            return Verdict(
                CONTRADICTED,
                f"Only the reverse direction holds: {reverse} ({_powered_words(t)}).",
                t,
            )
        return Verdict(
            INCONCLUSIVE,
            f"Only the reverse direction showed ({reverse}), but the test of the claimed "
            f"direction had a median power of only {t.power:.0%} to find the stated effect, "
            "too little to rule it out.",
            t,
        )
    if t.forward:
        return Verdict(
            INCONCLUSIVE,
            f"The versions of the test disagree: {drv} predicted {dep} in only {t.forward} of "
            f"{t.cells} (frequency, measure, normalisation, de-duplication, source), short of "
            "a majority.",
            t,
        )
    if t.mostly_powered:
        mde = _median_mde(cells)
        return Verdict(
            INCONCLUSIVE,
            f"No evidence of dependence: {drv} did not predict {dep} "
            f"{_share(0, t.cells)}, though the tests had a median power of {t.power:.0%} to "
            "find the stated effect"
            + (f" (enough for effects of about {mde:.2f} standard deviations)" if mde else "")
            + ", so an effect that size would probably have shown.",
            t,
        )
    return Verdict(INCONCLUSIVE, _weak_power_reason(t, cells, words, None), t)


def _powered_words(t: Tally) -> str:
    """'14 of 16 versions of the test had at least 80 % power against the stated effect'."""
    if t.cells == 1:
        return f"the test had {t.power:.0%} power against the stated effect"
    return (
        f"{t.powered} of {t.cells} versions of the test had at least {POWER_TARGET:.0%} power "
        "against the stated effect"
    )


def _share(n: int, total: int) -> str:
    """'in 12 of 16 versions of the test'; 'in the test' when there is one."""
    if total == 1:
        return "in the test"
    if n == 0:
        return f"in any of the {total} versions of the test"
    return f"in {n} of {total} versions of the test"


def _reference_cell(cells: list[CellResult], alpha: float) -> CellResult | None:
    """The first significant cell with a direction, else the first tested cell."""
    for cell in cells:
        if cell.ok and cell.q_forward <= alpha and cell.sign is not None:
            return cell
    return next((c for c in cells if c.ok), None)


def _signs(t: Tally, expect: str) -> tuple[bool, bool]:
    """(the expected sign holds, the opposite sign holds) among the significant cells."""
    if t.directed == 0:
        return False, False
    if expect == "any":
        return t.agree * 2 > t.directed and t.against == 0, False
    return (
        t.agree * 2 > t.directed and t.against == 0,
        t.against * 2 > t.directed and t.agree == 0,
    )


def _response_words(
    cell: CellResult | None, words: dict[str, str], period: str, horizon: int
) -> str:
    """'a rise in RUS→USA was followed by a fall in RUS→IRN (−0.31 standard deviations over 3
    months, 95 % band −0.52 to −0.11)', from the ordering with the smaller response."""
    if cell is None or not cell.irf:
        return "with no direction the measure can show"
    response = min(cell.irf.values(), key=lambda r: abs(r.cumulative))
    move = "rise" if response.cumulative > 0 else "fall"
    return (
        f"a rise in {words['driver']} was followed by a {move} in {words['dependent']} "
        f"({response.cumulative:+.2f} standard deviations over {horizon} {period}, 95 % band "
        f"{response.cumulative_lower:+.2f} to {response.cumulative_upper:+.2f}, "
        f"in {cell.spec.label})"
    )


def _sign_reason(t: Tally, expect: str, words: dict[str, str], moved: str) -> str:
    if t.directed == 0:
        return (
            f"{words['driver_relation']} predicted {words['dependent']} "
            f"{_share(t.forward, t.cells)}, but the measures there count events and cannot "
            "say whether relations warmed or cooled, so the claimed direction is unchecked."
        )
    return (
        f"{words['driver_relation']} predicted {words['dependent']} "
        f"{_share(t.forward, t.cells)}, but the direction is unclear: {t.agree} show the "
        f"{'expected' if expect != 'any' else 'same'} sign, {t.against} the opposite and "
        f"{t.directed - t.agree - t.against} a band that includes zero "
        f"({moved})."
    )


def _weak_power_reason(
    t: Tally, cells: list[CellResult], words: dict[str, str], in_cells: str | None
) -> str:
    mde = _median_mde(cells)
    found = (
        f"{words['driver_relation']} predicted {words['dependent']} {in_cells}, but"
        if in_cells
        else "no effect was found, but"
    )
    if t.cells == 1:
        power = f"the test had only {t.power:.0%} power to find the stated effect"
    else:
        power = (
            f"{'only ' + str(t.powered) if t.powered else 'none'} of the {t.tested} versions "
            f"of the test that ran had {POWER_TARGET:.0%} power to find the stated effect"
        )
    needed = (
        f" (a median version would need an effect of about {mde:.2f} standard deviations)"
        if mde
        else f" (no effect size tried reached {POWER_TARGET:.0%})"
    )
    return f"Too little power: {found} {power}{needed}, too weak to tell a real effect from noise."


def _median_mde(cells: list[CellResult]) -> float | None:
    values = [c.power.mde for c in cells if c.ok and c.power and c.power.mde is not None]
    return float(median(values)) if values else None


FAILURES = {
    "too_few_periods": ("Too few periods", "too few periods"),
    "thin": ("Thin coverage", "too thin"),
    "no_data": ("No data", "no data"),
    "constant": ("A series that never changes", "a constant series"),
}
"""Each reason a cell could not be tested: as a headline, and as a count's label."""


def _untested_reason(cells: list[CellResult], t: Tally) -> str:
    """Why most cells could not be tested: the commonest failure, in its first cell's words,
    and how many failed for each reason."""
    failures = Counter(c.status for c in cells if not c.ok)
    status = failures.most_common(1)[0][0]
    example = next(c for c in cells if c.status == status)
    what = FAILURES.get(status, (status, status))[0]
    if t.cells == 1:
        return f"{what}: {example.reason}, so the data allow no verdict either way."
    counts = ", ".join(f"{n} {FAILURES.get(s, (s, s))[1]}" for s, n in failures.most_common())
    return (
        f"{what}: {sum(failures.values())} of {t.cells} versions of the test could not be run "
        f"({counts}; e.g. {example.spec.label}: {example.reason}), so the data allow no "
        "verdict either way."
    )


def _dissenting_origins(
    origins: dict[str, list[CellResult]], expect: str, alpha: float
) -> list[str]:
    """The sources that, alone, find the opposite sign, only the reverse direction, or a
    well-powered nothing."""
    out = []
    for source, cells in origins.items():
        t = tally(cells, expect, alpha)
        if t.against and not t.agree:
            out.append(f"{source} shows the opposite sign in {t.against} of {t.cells} cells")
        elif t.reverse * 2 > t.cells and t.forward * 2 < t.reverse:
            out.append(f"{source} shows only the reverse direction ({t.reverse} of {t.cells})")
        elif t.forward == 0 and t.tested and t.mostly_powered:
            out.append(
                f"{source} finds no effect (0 of {t.cells} cells, median power {t.power:.0%})"
            )
    return out
