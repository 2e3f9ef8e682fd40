"""Measures: relations as numbers per dyad and period, computed from the store.

`INDICATORS` lists every record-based indicator (see `indicators.py`), one module per domain.
"""

from __future__ import annotations

from realpolitik.measures import arms, unga
from realpolitik.measures.indicators import Indicator

INDICATORS: tuple[Indicator, ...] = (*unga.INDICATORS, *arms.INDICATORS)
