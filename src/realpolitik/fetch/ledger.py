"""The fetch ledger: one row per published file a fetch selected, saying how far it got.

A row is written when the file is selected, again once it is verified (before the batch of
files it is ingested with) and again after that ingestion commits or fails, so whenever a run
stops the row tells the truth or errs on the side of "not done". Whether a file is ingested
is read from the store's own ledger (by the file's SHA-256), which commits with the events, so
it is true even for a run killed between the store's commit and the fetch ledger's update.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import UTC, datetime

import duckdb
import pandas as pd
import pyarrow as pa

FETCH_LEDGER_DDL = """
CREATE TABLE IF NOT EXISTS fetch_ledger (
  version INTEGER NOT NULL,
  file VARCHAR NOT NULL,
  url VARCHAR,
  expected_size BIGINT,
  expected_md5 VARCHAR,
  downloaded BOOLEAN NOT NULL,
  verified BOOLEAN NOT NULL,
  sha256 VARCHAR,
  actors VARCHAR[],
  rows_read BIGINT,
  rows_stored BIGINT,
  rows_duplicate BIGINT,
  rows_filtered BIGINT,
  rows_quarantined BIGINT,
  error VARCHAR,
  updated_at TIMESTAMP NOT NULL,
  PRIMARY KEY (version, file)
)
"""
LEDGER_SCHEMA = pa.schema(
    [
        ("version", pa.int32()),
        ("file", pa.string()),
        ("url", pa.string()),
        ("expected_size", pa.int64()),
        ("expected_md5", pa.string()),
        ("downloaded", pa.bool_()),
        ("verified", pa.bool_()),
        ("sha256", pa.string()),
        ("actors", pa.list_(pa.string())),
        ("rows_read", pa.int64()),
        ("rows_stored", pa.int64()),
        ("rows_duplicate", pa.int64()),
        ("rows_filtered", pa.int64()),
        ("rows_quarantined", pa.int64()),
        ("error", pa.string()),
        ("updated_at", pa.timestamp("us")),
    ]
)
ROW_COUNTS = ("rows_read", "rows_stored", "rows_duplicate", "rows_filtered", "rows_quarantined")


@dataclass(frozen=True)
class FetchLedgerRow:
    """What is known of one listed file. `downloaded`: a whole body arrived (now or in an
    earlier run); `verified`: it has the listed size and MD5 (only then is it kept and
    ingested); `sha256`: the verified file's digest, as in the store's ledger; `actors` and
    the row counts: the last ingestion this fetch committed (actors NULL: all kept);
    `error`: why the file is not complete, or NULL."""

    version: int
    file: str
    url: str | None
    expected_size: int | None
    expected_md5: str | None
    downloaded: bool = False
    verified: bool = False
    sha256: str | None = None
    actors: tuple[str, ...] | None = None
    rows_read: int | None = None
    rows_stored: int | None = None
    rows_duplicate: int | None = None
    rows_filtered: int | None = None
    rows_quarantined: int | None = None
    error: str | None = None


@dataclass(frozen=True)
class Ingestion:
    """What the store's ledger says of one file digest: the row counts of its latest
    ingestion, whether any ingestion of it kept every row (filtered none), and the latest
    ingestion's id."""

    counts: dict[str, int]
    kept_all: bool
    latest: int


class FetchLedger:
    """The `fetch_ledger` table of a store (created when missing)."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        con.execute(FETCH_LEDGER_DDL)

    def rows(self, version: int) -> dict[str, FetchLedgerRow]:
        """Every row of a GDELT version, by file name."""
        names = [f.name for f in fields(FetchLedgerRow)]
        found = self.con.execute(
            f"SELECT {', '.join(names)} FROM fetch_ledger WHERE version = ?", [version]
        ).fetchall()
        rows = {}
        for values in found:
            row = dict(zip(names, values, strict=True))
            if row["actors"] is not None:
                row["actors"] = tuple(row["actors"])
            rows[row["file"]] = FetchLedgerRow(**row)
        return rows

    def write(self, *rows: FetchLedgerRow) -> None:
        """Insert or replace rows, stamped with the time, in one statement (one transaction,
        and fast for the thousands of rows a run selects)."""
        if not rows:
            return
        now = datetime.now(UTC).replace(tzinfo=None)
        columns = {f.name: [getattr(r, f.name) for r in rows] for f in fields(FetchLedgerRow)}
        columns["actors"] = [list(a) if a is not None else None for a in columns["actors"]]
        table = pa.Table.from_pydict({**columns, "updated_at": [now] * len(rows)}, LEDGER_SCHEMA)
        self.con.register("_fetch_rows", table)
        try:
            self.con.execute(
                "INSERT OR REPLACE INTO fetch_ledger BY NAME SELECT * FROM _fetch_rows"
            )
        finally:
            self.con.unregister("_fetch_rows")


def store_ingestions(
    con: duckdb.DuckDBPyConnection, digests: list[str] | None = None
) -> dict[str, Ingestion]:
    """The store's ledger by file digest (of every file, or of `digests`): each digest's
    latest ingestion and whether one kept every row."""
    counts = ", ".join(f"arg_max({c}, ingest_id)" for c in ROW_COUNTS)
    where = "WHERE list_contains($digests, sha256)" if digests is not None else ""
    found = con.execute(
        f"SELECT sha256, {counts}, bool_or(rows_filtered = 0), max(ingest_id) "
        f"FROM ledger {where} GROUP BY sha256",
        {"digests": digests} if digests is not None else {},
    ).fetchall()
    return {
        sha: Ingestion(dict(zip(ROW_COUNTS, values, strict=True)), bool(kept), latest)
        for sha, *values, kept, latest in found
    }


def latest_ingest_id(con: duckdb.DuckDBPyConnection) -> int:
    """The id of the store's latest ingestion (0 when there is none): the ingestions after
    it are those made since."""
    return con.execute("SELECT coalesce(max(ingest_id), 0) FROM ledger").fetchall()[0][0]


MISSING_SQL = """
SELECT f.version, f.file, f.url,
  CASE
    WHEN f.error IS NOT NULL THEN f.error
    WHEN NOT f.downloaded THEN 'not downloaded yet'
    WHEN NOT f.verified THEN 'downloaded but not verified'
    ELSE 'verified but not ingested'
  END AS reason,
  f.updated_at
FROM fetch_ledger f
WHERE f.error IS NOT NULL OR NOT f.downloaded OR NOT f.verified
  OR NOT EXISTS (SELECT 1 FROM ledger l WHERE l.sha256 = f.sha256)
ORDER BY f.version, f.file
"""


def missing_files(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The fetched files that are not complete (an error, not downloaded, not verified or
    not ingested), with the reason; none when nothing was ever fetched into the store."""
    tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    if "fetch_ledger" not in tables:
        return pd.DataFrame(columns=["version", "file", "url", "reason", "updated_at"])
    return con.execute(MISSING_SQL).df()
