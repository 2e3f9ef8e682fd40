"""Fixtures of the analysis tests: a store of the real UN General Assembly votes, ideal points,
SIPRI transfers, Security Council resolutions and vetoes and nuclear agreements (skipped
without ../shared)."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.measures.engines import duckdb_tables
from realpolitik.records import load_records
from realpolitik.store import Store
from tests.conftest import RAW

RECORD_FORMATS = (
    "unga-votes",
    "unga-roll-calls",
    "ideal-points",
    "sipri-trade-register",
    "unsc-meetings-html",
    "unsc-meetings-csv",
    "unsc-vetoes-html",
    "unsc-vetoes-csv",
    "nuclear-agreements",
)


@pytest.fixture(scope="session")
def records_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding the real UN votes, ideal points and SIPRI register."""
    if not (RAW / "unvotes" / "un_votes.rda").exists():
        pytest.skip("../shared/data/raw/unvotes not found: real-data tests need ../shared")
    path = tmp_path_factory.mktemp("records") / "records.duckdb"
    with Store(path) as store:
        outcomes, recomputed = load_records(store, RAW, RECORD_FORMATS)
    assert {"unga_agreement", "idealpoint_distance", "arms_tiv"} <= set(recomputed), outcomes
    return path


@pytest.fixture(scope="session")
def records_tables(records_db: Path) -> dict:
    return duckdb_tables(records_db)
