"""Fetching published event data into the store: GDELT's file lists, verified downloads
with retries, ingestion file by file and a fetch ledger that says what is complete."""

from realpolitik.fetch.download import RetryPolicy
from realpolitik.fetch.gdelt import DEFAULT_BASE_URL
from realpolitik.fetch.ledger import missing_files
from realpolitik.fetch.pipeline import (
    FetchProgress,
    FetchResult,
    FileOutcome,
    check_fetch_arguments,
    fetch_gdelt,
)

__all__ = [
    "DEFAULT_BASE_URL",
    "FetchProgress",
    "FetchResult",
    "FileOutcome",
    "RetryPolicy",
    "check_fetch_arguments",
    "fetch_gdelt",
    "missing_files",
]
