"""The verdict rule, branch by branch, on grids of cells whose outcomes are set by hand."""

from __future__ import annotations

import pytest
from statsmodels.stats.multitest import multipletests

from realpolitik.analysis.cell import CellResult, CellSpec, ImpulseResponse
from realpolitik.analysis.power import Power
from realpolitik.analysis.settings import CellSettings
from realpolitik.analysis.var import WaldTest
from realpolitik.analysis.verdict import (
    CONTRADICTED,
    INCONCLUSIVE,
    SUPPORTED,
    adjust,
    benjamini_hochberg,
    decide,
)

WORDS = {
    "dependent": "RUS→IRN",
    "driver": "RUS→USA",
    "dependent_relation": "RUS–IRN",
    "driver_relation": "RUS–USA",
}
NEGATIVE = CellSettings(expect="negative")


def response(sign: int | None) -> dict[str, ImpulseResponse]:
    """Both orderings' cumulative responses with bands on the side of `sign` (0: across)."""
    if sign is None:
        return {}
    low, mid, high = {1: (0.1, 0.3, 0.5), -1: (-0.5, -0.3, -0.1), 0: (-0.2, 0.05, 0.3)}[sign]
    return {
        name: ImpulseResponse(name, [], [0.0], [0.0], [0.0], mid, low, high)
        for name in ("driver_first", "driver_last")
    }


def outcome(
    q_forward: float,
    q_reverse: float = 0.9,
    sign: int | None = -1,
    power: float = 0.9,
    origin: str = "all",
) -> CellResult:
    cell = CellResult(CellSpec("month", "goldstein", origin=origin), "ok")
    cell.q_forward, cell.q_reverse = q_forward, q_reverse
    cell.irf = response(sign)
    cell.power = Power(0.2, power, 0.15 if power >= 0.8 else 0.6, 100, ((0.2, power),))
    return cell


def failed_cell(status: str = "too_few_periods") -> CellResult:
    return CellResult(CellSpec("year", "unga_agreement", origin="records"), status, "few years")


def grid(significant: int, total: int = 16, **kwargs) -> list[CellResult]:
    return [outcome(0.001, **kwargs) for _ in range(significant)] + [
        outcome(0.6, **kwargs) for _ in range(total - significant)
    ]


def test_benjamini_hochberg_equals_statsmodels() -> None:
    p = [0.01, 0.04, 0.03, 0.5, 0.002, 1.0, 0.049]
    assert benjamini_hochberg(p) == pytest.approx(list(multipletests(p, method="fdr_bh")[1]))
    assert benjamini_hochberg([]) == []


def test_cells_that_could_not_be_tested_count_with_p_one() -> None:
    cells = [outcome(0), outcome(0), failed_cell()]
    for cell, p in zip(cells[:2], (0.01, 0.03), strict=True):
        cell.granger_forward = cell.granger_reverse = WaldTest(1, 1, p, 1, 10, p)
        cell.ty_forward = cell.ty_reverse = WaldTest(1, 1, p / 2, 1, 10, p / 2)
    adjust(cells)
    expected = multipletests([0.01, 0.03, 1.0], method="fdr_bh")[1]
    assert [cells[0].q_forward, cells[1].q_forward] == pytest.approx(list(expected[:2]))
    assert cells[2].q_forward is None


def test_supported_needs_most_cells_the_sign_no_feedback_and_power() -> None:
    verdict = decide(grid(12), NEGATIVE, WORDS)
    assert verdict.verdict == SUPPORTED
    assert verdict.reason.startswith("RUS–USA helped predict RUS→IRN in 12 of 16 versions")
    assert "a rise in RUS→USA was followed by a fall in RUS→IRN" in verdict.reason
    assert "16 of 16 versions of the test had at least 80% power" in verdict.reason


def test_the_opposite_sign_contradicts() -> None:
    verdict = decide(grid(12, sign=1), NEGATIVE, WORDS)
    assert verdict.verdict == CONTRADICTED
    assert "opposite direction to the claim" in verdict.reason
    assert decide(grid(12, sign=1), CellSettings(expect="positive"), WORDS).verdict == SUPPORTED
    assert decide(grid(12, sign=1), CellSettings(expect="any"), WORDS).verdict == SUPPORTED


def test_only_the_reverse_direction_contradicts_when_the_test_had_power() -> None:
    reverse = [outcome(0.6, q_reverse=0.001) for _ in range(12)] + grid(0, 4)
    verdict = decide(reverse, NEGATIVE, WORDS)
    assert verdict.verdict == CONTRADICTED
    assert verdict.reason.startswith("Only the reverse direction holds: RUS–IRN predicted")
    weak = [outcome(0.6, q_reverse=0.001, power=0.3) for _ in range(16)]
    verdict = decide(weak, NEGATIVE, WORDS)
    assert verdict.verdict == INCONCLUSIVE and "too little to rule it out" in verdict.reason


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        ([outcome(0.001, q_reverse=0.001) for _ in range(16)], "Feedback both ways"),
        (grid(12, power=0.4), "Too little power: RUS–USA predicted RUS→IRN in 12 of 16"),
        (grid(5), "disagree: RUS–USA predicted RUS→IRN in only 5 of 16"),
        (grid(0), "No evidence of dependence"),
        (grid(0, power=0.5), "Too little power: no effect was found"),
        (grid(12, sign=0), "the direction is unclear: 0 show the expected sign"),
        (grid(12, sign=None), "count events and cannot say whether relations warmed"),
        (grid(4, 6) + [failed_cell() for _ in range(10)], "Too few periods: 10 of 16"),
        (
            [outcome(0.001) for _ in range(9)] + [outcome(0.001, sign=1)],
            "9 show the expected sign, 1 the opposite",
        ),
    ],
)
def test_everything_else_is_inconclusive_with_its_reason(
    cells: list[CellResult], reason: str
) -> None:
    verdict = decide(cells, NEGATIVE, WORDS)
    assert verdict.verdict == INCONCLUSIVE
    assert reason in verdict.reason


def test_a_source_that_finds_nothing_with_power_makes_it_inconclusive() -> None:
    gdelt = [outcome(0.001, origin="gdelt2") for _ in range(8)]
    icews = [outcome(0.6, origin="icews") for _ in range(4)]
    cells = gdelt + icews
    verdict = decide(cells, NEGATIVE, WORDS, {"gdelt2": gdelt, "icews": icews})
    assert verdict.verdict == INCONCLUSIVE
    assert "Sources disagree" in verdict.reason
    assert "icews finds no effect (0 of 4 cells, median power 90%)" in verdict.reason
    agreeing = gdelt + [outcome(0.001, origin="icews") for _ in range(4)]
    by_origin = {"gdelt2": gdelt, "icews": agreeing[8:]}
    assert decide(agreeing, NEGATIVE, WORDS, by_origin).verdict == SUPPORTED


def test_the_tally_counts_what_the_verdict_rests_on() -> None:
    cells = [*grid(10, 12), failed_cell("thin")]
    cells[0].q_reverse = 0.01
    tally = decide(cells, NEGATIVE, WORDS).tally
    assert (tally.cells, tally.tested, tally.forward, tally.reverse) == (13, 12, 10, 1)
    assert (tally.agree, tally.against, tally.powered, tally.powered_forward) == (10, 0, 12, 10)
    assert tally.failures == {"thin": 1}
    assert tally.to_dict()["median_power"] == 0.9
