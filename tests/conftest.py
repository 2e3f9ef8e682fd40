"""Shared fixtures: the real data in ../shared/data/raw (skipped when absent) and temp stores."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from realpolitik.store import Store

REPO = Path(__file__).resolve().parents[1]
RAW = REPO.parent / "shared" / "data" / "raw"
EXAMPLES = REPO / "examples" / "events"
# the tab-separated real GDELT event files (the UNDP extract is quoted CSV)
GDELT_TAB_FILES = (
    "gdelt_v1/reed9999-gdelt-demo__events.csv",
    "gdelt_v1/spark-gdelt__events1.csv",
    "gdelt_v2/spark-gdelt__events.csv",
    "gdelt_v2/spark-gdelt__eventsT.csv",
    "gdelt_v2/newsnet-africa__20250511180000.export.csv",
)


def raw_file(relative: str) -> Path:
    """A file under ../shared/data/raw, or skip the test with the reason."""
    path = RAW / relative
    if not path.exists():
        pytest.skip(f"../shared/data/raw/{relative} not found: real-data tests need ../shared")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "test.duckdb") as s:
        yield s


def ledger_identity_holds(store: Store) -> bool:
    """read = stored + duplicate + quarantined + filtered for every ledger row."""
    frame = store.ledger()
    accounted = (
        frame.rows_stored + frame.rows_duplicate + frame.rows_quarantined + frame.rows_filtered
    )
    return bool((frame.rows_read == accounted).all())
