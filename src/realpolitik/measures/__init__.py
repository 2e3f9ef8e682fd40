"""Measures: relations as numbers per dyad and period, computed from the store.

`INDICATORS` lists every record-based indicator (see `indicators.py`), one module per domain.
"""

from __future__ import annotations

from realpolitik.measures import alliances, arms, idealpoints, nuclear, unga, visits
from realpolitik.measures.indicators import Indicator

INDICATORS: tuple[Indicator, ...] = (
    *unga.INDICATORS,
    *idealpoints.INDICATORS,
    *arms.INDICATORS,
    *alliances.INDICATORS,
    *nuclear.INDICATORS,
    *visits.INDICATORS,
)
