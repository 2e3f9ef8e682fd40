"""What the dependence test is asked: the grid's defaults and the test's parameters, apart
from the statistics so the command line can show them without loading statsmodels."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_FREQS = ("week", "month")
DEFAULT_MEASURES = ("goldstein", "quad_net")
DEFAULT_NORMALIZATIONS = ("none", "total")
DEFAULT_DEDUPS = ("none", "daily")
DEFAULT_MIN_COVERAGE = 0.5
"""Share of a period's days the source must have events on for the period to be modelled."""


@dataclass(frozen=True)
class CellSettings:
    """The test's parameters, the same for every cell of the grid."""

    expect: str = "negative"
    alpha: float = 0.05
    effect: float = 0.2
    horizon: int = 3
    bootstrap: int = 500
    power_replications: int = 200

    @property
    def effect_sign(self) -> int:
        return -1 if self.expect == "negative" else 1
