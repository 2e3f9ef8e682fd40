"""The event store: one embedded DuckDB file holding the canonical events, a ledger of every
ingested file and a quarantine of every line that could not be used.

A file's rows are staged in scratch files beside the store, outside any transaction (so memory
stays bounded however long the file), then stored in one transaction, alone or in a batch of
small files: on error nothing of the file is kept. Ingestion is idempotent: event ids are
stable, so a row whose id is already stored counts as a duplicate and adds nothing. Every term
of the ledger is counted on its own: rows read (the data lines the reader cut, before any
SQL), quarantined (rows with a reason), filtered (good rows without a wanted actor), duplicate
(ids already stored, and repeats inside the file or an earlier file of its batch) and stored
(new rows, whose sum must be what the insert wrote). The identity
`rows_read = rows_stored + rows_duplicate + rows_quarantined + rows_filtered` is then a real
check: when it fails a row went missing, the file's transaction is rolled back and the error
says by how many.
"""

from __future__ import annotations

import concurrent.futures
import queue
import re
import shutil
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TypeVar

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from realpolitik.errors import (
    IngestInterrupted,
    InputError,
    RealpolitikError,
    StoreUnavailable,
    UsageError,
)
from realpolitik.output import output_kind, spreadsheet_safe_sql
from realpolitik.schema import EVENT_COLUMNS, EVENT_FIELDS, QUAD_CLASSES, events_ddl
from realpolitik.sources import detect_format, reader_for
from realpolitik.sources.base import (
    CHUNK_BYTES,
    FILE_LABELS,
    MAX_LINE_BYTES,
    MAX_TABLE_LINES,
    QUARANTINE_RAW_CHARS,
    RawFile,
    Reader,
    ReadOptions,
)
from realpolitik.sources.records import RecordReader
from realpolitik.sources.reference import register as register_reference_tables

DEFAULT_DB = "realpolitik.duckdb"
DUCKDB_MEMORY = "512MB"
"""DuckDB's own share of memory; beyond it, it spills to disk. With the lines read ahead
(READ_AHEAD_BYTES) and those being staged (about CHUNK_BYTES), ingest stays under about 1 GB
whatever the input."""
EVENT_EXPORTS = {
    ".csv": "(FORMAT csv, HEADER true)",
    ".parquet": "(FORMAT parquet)",
    ".jsonl": "(FORMAT json)",
    ".ndjson": "(FORMAT json)",
}
"""The files events are exported to, by suffix, and DuckDB's COPY options for each."""
EVENT_EXPORT_KINDS = tuple(EVENT_EXPORTS)
DUCKDB_INTERRUPTED = "Query interrupted"
"""What DuckDB raises (as a RuntimeError) when Ctrl-C stops a statement."""
READ_AHEAD_BYTES = 2 * CHUNK_BYTES
"""Lines read and parsed ahead of the staging, in bytes (at least one table)."""
READER_THREADS = 2
SMALL_FILE_BYTES = 16 * 1024 * 1024
"""A file this small (uncompressed) is read whole, by one of READER_THREADS threads, while
others are read; at most 2 × READER_THREADS of them are held beyond READ_AHEAD_BYTES."""
NOTES_SHOWN = 20
BATCH_ROWS = 2_000_000
"""Rows of small files stored together in one transaction: the check of their ids against
the stored ones (a scan of the events' ids) is then made once per batch, not once per file."""
OnFile = Callable[[Path, int], Callable[[int], None] | None]
"""Told of each file (its path and size) as it is opened; may return a callback that is told
the bytes read, for progress bars."""
T = TypeVar("T")

LEDGER_DDL = """
CREATE SEQUENCE IF NOT EXISTS ledger_seq;
CREATE TABLE IF NOT EXISTS ledger (
  ingest_id BIGINT PRIMARY KEY DEFAULT nextval('ledger_seq'),
  file VARCHAR NOT NULL,
  sha256 VARCHAR NOT NULL,
  format VARCHAR NOT NULL,
  rows_read BIGINT NOT NULL,
  rows_stored BIGINT NOT NULL,
  rows_duplicate BIGINT NOT NULL,
  rows_quarantined BIGINT NOT NULL,
  seconds DOUBLE NOT NULL,
  ingested_at TIMESTAMP NOT NULL,
  quad_convention VARCHAR,
  notes VARCHAR,
  rows_filtered BIGINT NOT NULL DEFAULT 0,
  CHECK (rows_read = rows_stored + rows_duplicate + rows_quarantined + rows_filtered)
);
ALTER TABLE ledger ADD COLUMN IF NOT EXISTS rows_filtered BIGINT DEFAULT 0;
CREATE TABLE IF NOT EXISTS quarantine (
  sha256 VARCHAR NOT NULL,
  file VARCHAR NOT NULL,
  line BIGINT NOT NULL,
  reason VARCHAR NOT NULL,
  raw VARCHAR,
  raw_bytes BIGINT,
  PRIMARY KEY (sha256, line)
);
"""


@dataclass(frozen=True)
class IngestResult:
    """What one file contributed: the row of the ledger it wrote."""

    file: str
    sha256: str
    format: str
    rows_read: int
    rows_stored: int
    rows_duplicate: int
    rows_quarantined: int
    seconds: float
    notes: str
    rows_filtered: int = 0

    def summary(self) -> str:
        """One line for a terminal."""
        rate = self.rows_read / self.seconds if self.seconds > 0 else 0.0
        filtered = f", filtered {self.rows_filtered:,}" if self.rows_filtered else ""
        return (
            f"{self.file} [{self.format}]: read {self.rows_read:,}, stored {self.rows_stored:,}, "
            f"duplicate {self.rows_duplicate:,}, quarantined {self.rows_quarantined:,}"
            f"{filtered} in {self.seconds:.2f}s ({rate:,.0f} rows/s)"
        )

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


_open_wait = 0.0
LOCK_HOLDER = re.compile(r"lock is held in (?P<program>.+?) \(PID (?P<pid>\d+)\)")


def set_open_wait(seconds: float) -> None:
    """How long every later opening of a store waits for another process that holds it (the
    CLI's --wait): 0, the default, fails at once."""
    global _open_wait
    if seconds < 0:
        raise UsageError(f"--wait {seconds:g}: give 0 or more seconds")
    _open_wait = seconds


def connect(path: str | Path, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """A connection to the store at `path`. A store held by another process is waited for
    (see `set_open_wait`), then StoreUnavailable names that process; so does a file that is
    not a DuckDB database. A reader needs the store to exist."""
    path = str(path)
    if read_only and not Path(path).exists():
        raise UsageError(f"{path}: no such store; ingest files into it first")
    deadline = time.monotonic() + _open_wait
    while True:
        try:
            return duckdb.connect(path, read_only=read_only)
        except duckdb.IOException as exc:
            message = str(exc)
            if "not a valid DuckDB database" in message:
                raise StoreUnavailable(f"{path}: not a store (not a DuckDB database file)") from exc
            holder = LOCK_HOLDER.search(message)
            if holder is None:
                raise StoreUnavailable(f"{path}: cannot open the store ({message})") from exc
            if time.monotonic() >= deadline:
                raise StoreUnavailable(
                    f"{path}: the store is in use by another process ({holder['program']}, "
                    f"PID {holder['pid']}); wait for it to finish (`realpolitik --wait SECONDS "
                    "VERB ...` waits for it)"
                ) from exc
            time.sleep(0.2)
        except duckdb.Error as exc:
            raise StoreUnavailable(f"{path}: cannot open the store ({exc})") from exc


class Store:
    """A DuckDB event store; use as a context manager or call `close()`."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False) -> None:
        self.path = str(path)
        self.con = connect(self.path, read_only)
        self._scratch_root = (
            Path(self.path).resolve().parent if self.path not in ("", ":memory:") else None
        )
        """Where a file's rows are staged before they are stored: beside the store."""
        self.con.execute("SET enable_progress_bar = false")  # our own bars, or none
        self.con.execute(f"SET memory_limit = '{DUCKDB_MEMORY}'")
        if not read_only:
            self.con.execute(events_ddl())
            self.con.execute(LEDGER_DDL)

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def ingest(
        self,
        path: str | Path,
        fmt: str = "auto",
        options: ReadOptions | None = None,
        on_bytes: Callable[[int], None] | None = None,
        actors: Iterable[str] | None = None,
    ) -> IngestResult:
        """Read one file into the store in one transaction; raise InputError if unreadable.

        With `actors`, only events with one of them as source or target are kept; the others
        are counted as filtered. On error nothing of the file is kept: the store is as it was
        before the call.
        """
        on_file = (lambda _path, _size: on_bytes) if on_bytes else None
        (result,) = self.ingest_many([path], fmt, options, on_file, actors)
        if isinstance(result, InputError):
            raise result
        return result

    def ingest_many(
        self,
        paths: Iterable[str | Path],
        fmt: str = "auto",
        options: ReadOptions | None = None,
        on_file: OnFile | None = None,
        actors: Iterable[str] | None = None,
        batch_rows: int = BATCH_ROWS,
    ) -> list[IngestResult | InputError]:
        """Ingest several files, in order; a bad file does not stop the rest.

        Files are staged one after another (the next one read in a thread while this one is
        staged) and stored in batches of about `batch_rows` rows, one transaction and one
        check of the stored ids per batch: thousands of small files (GDELT's 15-minute
        exports) cost little more than one file of the same rows. Each file still gets its
        own ledger row and its own identity check; a file that cannot be read keeps nothing
        and is returned as its InputError. `on_file(path, size)` may return a callback told
        the bytes read, for progress; `actors` keeps only their events (see `ingest`).
        """
        wanted = sorted({a.strip().upper() for a in actors}) if actors is not None else None
        options = options or ReadOptions()
        paths = list(paths)
        results: dict[int, IngestResult | InputError] = {}
        register_reference_tables(self.con, options.quad_convention)
        scratch = Path(tempfile.mkdtemp(prefix=".realpolitik-ingest-", dir=self._scratch_root))
        hashing = concurrent.futures.ThreadPoolExecutor(1, "realpolitik-sha256")
        staging = _Staging(self.con, scratch)
        try:
            batch: list[_StagedFile] = []
            batch_read = 0
            items = _file_items(paths, fmt, options, on_file, hashing)
            ahead = prefetched(items, READ_AHEAD_BYTES, _item_bytes)
            for staged in staging.files(ahead, results):
                batch.append(staged)
                batch_read += staged.read
                if batch_read >= batch_rows:
                    results.update(self._store_batch(batch, wanted, staging, options))
                    batch, batch_read = [], 0
            if batch:
                results.update(self._store_batch(batch, wanted, staging, options))
        except (KeyboardInterrupt, RuntimeError) as exc:
            if isinstance(exc, RuntimeError) and str(exc) != DUCKDB_INTERRUPTED:
                raise
            stored = [r.file for r in results.values() if isinstance(r, IngestResult)]
            others = [str(p) for n, p in enumerate(paths) if n not in results]
            raise IngestInterrupted(stored, others) from exc
        finally:
            hashing.shutdown(wait=False, cancel_futures=True)
            staging.close()
            shutil.rmtree(scratch, ignore_errors=True)
        return [results[number] for number in range(len(paths))]

    def _store_batch(
        self,
        batch: list[_StagedFile],
        wanted: list[str] | None,
        staging: _Staging,
        options: ReadOptions,
    ) -> dict[int, IngestResult | InputError]:
        """Store the staged files in one transaction. If the batch fails as a whole, each of
        its files is stored on its own, so that the error names the file it belongs to."""
        try:
            return self._store_in_transaction(batch, wanted, staging, options)
        except (LedgerError, duckdb.Error):
            if len(batch) == 1:
                raise
        results: dict[int, IngestResult | InputError] = {}
        for staged in batch:
            results.update(self._store_in_transaction([staged], wanted, staging, options))
        return results

    def _store_in_transaction(
        self,
        batch: list[_StagedFile],
        wanted: list[str] | None,
        staging: _Staging,
        options: ReadOptions,
    ) -> dict[int, IngestResult]:
        con = self.con
        start = time.perf_counter()
        staging.expose([s.number for s in batch])
        con.execute("BEGIN TRANSACTION")
        try:
            results = self._store_staged(batch, wanted, start)
            for result in results.values():
                check_ledger_identity(result)
            self._write_ledger(list(results.values()), options.quad_convention)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        staging.discard([s.number for s in batch])
        return results

    def _write_ledger(self, results: list[IngestResult], quad_convention: str | None) -> None:
        now = datetime.now(UTC).replace(tzinfo=None)
        rows = pd.DataFrame(
            [{**r.as_dict(), "ingested_at": now, "quad_convention": quad_convention}
             for r in results]
        )  # fmt: skip
        self.con.register("_ledger_rows", rows)
        try:
            columns = ", ".join(rows.columns)
            self.con.execute(f"INSERT INTO ledger ({columns}) SELECT {columns} FROM _ledger_rows")
        finally:
            self.con.unregister("_ledger_rows")

    def load_record_file(self, reader: RecordReader, path: str | Path) -> IngestResult:
        """Load one record file into its typed table in one transaction; raise InputError
        (and keep nothing) when the file is malformed."""
        start = time.perf_counter()
        raw = RawFile.open(path)
        found = reader.read(Path(path))
        table = reader.table
        sha = raw.sha256()
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(table.ddl())
            columns = ", ".join((*table.column_names, "provenance"))
            con.register("_records", found.rows[[*table.column_names, "provenance"]])
            key = ", ".join(table.key)
            joined = " AND ".join(f"t.{k} IS NOT DISTINCT FROM r.{k}" for k in table.key)
            known, distinct_new = con.execute(
                f"SELECT count(*) FILTER (EXISTS (SELECT 1 FROM {table.name} t WHERE {joined})), "
                f"count(DISTINCT ({key})) FILTER (NOT EXISTS "
                f"(SELECT 1 FROM {table.name} t WHERE {joined})) FROM _records r"
            ).fetchone()
            stored = con.execute(
                f"INSERT OR IGNORE INTO {table.name} ({columns}) SELECT {columns} FROM _records"
            ).fetchone()[0]
            if found.quarantined:
                lines, reasons, texts = zip(*found.quarantined, strict=True)
                bad = pd.DataFrame({"line": lines, "reason": reasons, "raw": texts})
                con.register("_quarantined", bad)
                con.execute(
                    "INSERT OR IGNORE INTO quarantine SELECT ?, ?, line, reason, "
                    f"left(raw, {QUARANTINE_RAW_CHARS}), strlen(raw) FROM _quarantined",
                    [sha, raw.label],
                )
                con.unregister("_quarantined")
            quarantined = len(found.quarantined)
            result = IngestResult(
                file=raw.label,
                sha256=sha,
                format=reader.name,
                rows_read=found.rows_read,
                rows_stored=stored,
                rows_duplicate=known + (len(found.rows) - known - distinct_new),
                rows_quarantined=quarantined,
                seconds=time.perf_counter() - start,
                notes="",
            )
            check_ledger_identity(result)
            self._write_ledger([result], None)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        finally:
            con.unregister("_records")
        return result

    def _store_staged(
        self, batch: list[_StagedFile], actors: list[str] | None, start: float
    ) -> dict[int, IngestResult]:
        """Inside the batch's transaction: the staged rows whose id is new become events (the
        first of ids repeated in the batch, in file and line order), the staged bad lines the
        quarantine. Per file, the rows kept, known and new are counted on their own; the
        insert's own count must match their sum."""
        con = self.con
        kept = "s._reason IS NULL" + (
            " AND (list_contains($actors, s.source) OR list_contains($actors, s.target))"
            if actors is not None
            else ""
        )
        params = {"actors": actors} if actors is not None else {}
        counts: dict[int, tuple[int, int]] = {}
        notes: dict[int, list[tuple[str, int]]] = {}
        kept_ids = 0  # distinct ids of the rows to keep, across the batch
        for number, note, good, kept_rows, text, distinct_kept in con.execute(
            f"SELECT _file, _note, count(*) FILTER (_reason IS NULL), count(*) FILTER ({kept}), "
            "count(*) FILTER (_reason IS NULL AND origin = 'text'), "
            f"count(DISTINCT event_id) FILTER ({kept}) "
            "FROM _ingest_rows s GROUP BY GROUPING SETS ((_file, _note), ())",
            params,
        ).fetchall():
            if number is None:
                kept_ids = distinct_kept
                continue
            good_before, kept_before = counts.get(number, (0, 0))
            counts[number] = (good_before + good, kept_before + kept_rows)
            if note is not None and kept_rows:
                notes.setdefault(number, []).append((note, kept_rows))
            if text:
                replaced = self._replace_recoded_text(con, number)
                if replaced:
                    notes.setdefault(number, []).append((REPLACED_NOTE, replaced))
        known = dict.fromkeys(counts, 0) | dict(
            con.execute(
                "SELECT s._file, count(*) FROM _ingest_rows s SEMI JOIN events e "
                f"ON e.event_id = s.event_id WHERE {kept} GROUP BY s._file",
                params,
            ).fetchall()
        )
        fresh = {number: counts[number][1] - known[number] for number in counts}
        new_rows = f"_ingest_rows s WHERE {kept}"
        if any(known.values()):  # otherwise no staged id is stored: no second look needed
            new_rows = f"_ingest_rows s ANTI JOIN events e ON e.event_id = s.event_id WHERE {kept}"
            distinct = con.execute(f"SELECT count(DISTINCT s.event_id) FROM {new_rows}", params)
            kept_ids = distinct.fetchone()[0]
        first_of_each, stored = "", fresh
        if kept_ids != sum(fresh.values()):
            first_of_each = (
                "QUALIFY row_number() OVER (PARTITION BY s.event_id ORDER BY s._file, s._line) = 1"
            )
            stored = dict.fromkeys(counts, 0) | dict(
                con.execute(
                    f"SELECT _file, count(*) FROM (SELECT s._file FROM {new_rows} "
                    f"{first_of_each}) GROUP BY _file",
                    params,
                ).fetchall()
            )
        columns = ", ".join(f"s.{c}" for c in EVENT_COLUMNS)
        con.execute("SET preserve_insertion_order = false")  # events have no order: in parallel
        try:
            inserted = con.execute(
                f"INSERT INTO events SELECT {columns} FROM {new_rows} {first_of_each}", params
            ).fetchone()[0]
        finally:
            con.execute("RESET preserve_insertion_order")
        if inserted != sum(stored.values()):
            raise LedgerError(
                f"{len(batch)} files: the insert wrote {inserted:,} events but their new rows "
                f"were {sum(stored.values()):,}; nothing of them was kept"
            )
        files = pd.DataFrame(
            {
                "_file": [s.number for s in batch],
                "sha256": [s.sha.result() for s in batch],
                "label": [s.raw.label for s in batch],
            }
        )
        con.register("_batch_files", files)
        try:
            con.execute(
                "INSERT OR IGNORE INTO quarantine SELECT f.sha256, f.label, b.line, b.reason, "
                "b.raw, b.raw_bytes FROM _ingest_bad b JOIN _batch_files f USING (_file)"
            )
        finally:
            con.unregister("_batch_files")
        seconds = time.perf_counter() - start
        rows = sum(s.read for s in batch)
        return {
            s.number: IngestResult(
                file=s.raw.label,
                sha256=s.sha.result(),
                format=s.fmt,
                rows_read=s.read,
                rows_stored=stored[s.number],
                rows_duplicate=known[s.number] + fresh[s.number] - stored[s.number],
                rows_quarantined=s.quarantined,
                seconds=s.seconds + seconds * s.read / rows,
                notes=remarks(notes.get(s.number, [])),
                rows_filtered=counts[s.number][0] - counts[s.number][1],
            )
            for s in batch
        }

    @staticmethod
    def _replace_recoded_text(con: duckdb.DuckDBPyConnection, number: int) -> int:
        """Events coded from an article under other rules (the coder version in their id,
        `text:DOC:VERSION:SENTENCE:K`) give way to the staged ones of that article, so an
        article re-coded after an upgrade is not kept twice. How many gave way."""
        return con.execute(
            "DELETE FROM events e USING (SELECT DISTINCT split_part(event_id, ':', 2) AS doc, "
            "split_part(event_id, ':', 3) AS version FROM _ingest_rows WHERE _file = ? "
            "AND _reason IS NULL AND origin = 'text' AND event_id LIKE 'text:%') s "
            "WHERE e.origin = 'text' AND e.event_id LIKE 'text:%' "
            "AND split_part(e.event_id, ':', 2) = s.doc "
            "AND split_part(e.event_id, ':', 3) <> s.version",
            [number],
        ).fetchone()[0]

    def require_tables(self, *names: str) -> None:
        """Raise UsageError naming what to load when a table the caller needs is missing."""
        present = {
            r[0] for r in self.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
        if missing := [n for n in names if n not in present]:
            raise UsageError(
                f"{self.path} holds none of the records this needs ({', '.join(missing)}): run "
                f"`realpolitik records load --db {self.path} --from RAW_FOLDER` first"
            )

    def ledger(self) -> pd.DataFrame:
        """Every ingestion, oldest first."""
        return self.con.execute("SELECT * FROM ledger ORDER BY ingest_id").df()

    def quarantine(self, file: str | None = None) -> pd.DataFrame:
        """Quarantined lines (all, or of one file label), in file and line order."""
        where, params = ("WHERE file = ?", [file]) if file else ("", [])
        return self.con.execute(
            f"SELECT file, line, reason, raw, raw_bytes FROM quarantine {where} "
            "ORDER BY file, line",
            params,
        ).df()

    def dyad_summary(self, actors: Iterable[str] | None = None) -> pd.DataFrame:
        """Per directed dyad (source ≠ target, both known): events, dates, Goldstein, quads.

        With `actors`, only dyads between those codes; otherwise every dyad in the store.
        """
        codes = [a.upper() for a in actors] if actors else None
        where = "source <> '' AND target <> '' AND source <> target"
        params: list[object] = []
        if codes:
            where += " AND list_contains(?, source) AND list_contains(?, target)"
            params = [codes, codes]
        return self.con.execute(
            "SELECT source, target, count(*) AS events, min(date) AS first, max(date) AS last, "
            "round(sum(goldstein), 1) AS goldstein_sum, "
            "round(avg(goldstein), 2) AS goldstein_mean, "
            + ", ".join(f"count(*) FILTER (quad_class = {q}) AS quad{q}" for q in QUAD_CLASSES)
            + f" FROM events WHERE {where} GROUP BY source, target "
            "ORDER BY events DESC, source, target",
            params,
        ).df()

    def events(
        self,
        source: str | None = None,
        target: str | None = None,
        start: date | None = None,
        end: date | None = None,
    ) -> pd.DataFrame:
        """Stored events, filtered by actor codes and an inclusive date range."""
        sql, params = events_query(source, target, start, end)
        return self.con.execute(sql, params).df()

    def export_events(
        self,
        out: str | Path,
        source: str | None = None,
        target: str | None = None,
        start: date | None = None,
        end: date | None = None,
        raw: bool = False,
    ) -> int:
        """Write filtered events to CSV, Parquet or JSONL (by extension); return the row count.
        CSV text cells a spreadsheet would run as formulas are prefixed with `'` unless `raw`
        (see `realpolitik.output`)."""
        out = Path(out)
        kind = output_kind(out, EVENT_EXPORT_KINDS)
        sql, params = events_query(source, target, start, end)
        if kind == ".csv" and not raw:
            safe = [
                f"{spreadsheet_safe_sql(f.name)} AS {f.name}" if f.sql_type == "VARCHAR" else f.name
                for f in EVENT_FIELDS
            ]
            sql = f"SELECT {', '.join(safe)} FROM ({sql})"
        count = self.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchall()[0][0]
        target_path = str(out).replace("'", "''")
        self.con.execute(f"COPY ({sql}) TO '{target_path}' {EVENT_EXPORTS[kind]}", params)
        return count


QUARANTINE_LINES_KEPT = 10_000
"""Bad lines of one file kept one by one; beyond them, one row per reason says how many more
there were and where (the ledger's count stays exact)."""
GARBAGE_SAMPLE = 10_000
"""After this many lines, a file more than half of whose lines are bad is refused."""


REPLACED_NOTE = "replaced events of the same article coded under other rules"


def remarks(notes: list[tuple[str, int]]) -> str:
    """A file's remarks for its ledger row, the commonest first."""
    shown = [f"{note} ({n:,} rows)" for note, n in sorted(notes, key=lambda x: (-x[1], x[0]))]
    if len(shown) > NOTES_SHOWN:
        shown = [*shown[:NOTES_SHOWN], f"and {len(shown) - NOTES_SHOWN} more remarks"]
    return "; ".join(shown)


def sql_path(path: Path) -> str:
    """A file path as a SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def prefetched(items: Iterator[T], budget: int, cost: Callable[[T], int]) -> Iterator[T]:
    """The items, the next ones read and parsed in a thread while the caller stores this one
    (numpy, Arrow, zlib and DuckDB release the GIL, so both cores work). The items read ahead
    cost at most `budget` in all (one item at least, whatever its cost), which bounds memory:
    many small files can be read ahead while the caller stages a chunk, a few large tables
    only. An error of the producer is raised in the caller."""
    handoff: queue.Queue[tuple[bool, T | None, BaseException | None]] = queue.Queue()
    room = threading.Condition()
    ahead = [0]  # the cost of the items handed over and not yet done with
    stop = threading.Event()

    def produce() -> None:
        try:
            while not stop.is_set():
                item = next(items, _END)
                if item is _END:
                    handoff.put((True, None, None))
                    return
                weight = cost(item)
                with room:
                    while ahead[0] and ahead[0] + weight > budget and not stop.is_set():
                        room.wait(timeout=0.1)
                    ahead[0] += weight
                handoff.put((False, item, None))
        except BaseException as exc:  # handed to the consumer as is
            handoff.put((True, None, exc))

    worker = threading.Thread(target=produce, name="realpolitik-reader", daemon=True)
    worker.start()
    try:
        while True:
            done, item, error = handoff.get()
            if error is not None:
                raise error
            if done:
                return
            weight = cost(item)  # type: ignore[arg-type]
            yield item  # type: ignore[misc]
            del item
            with room:
                ahead[0] -= weight
                room.notify()
    finally:
        stop.set()
        with room:
            room.notify()
        worker.join()


def _item_bytes(item: FileItem) -> int:
    """What an item read ahead holds in memory: a table's buffers, else nothing to speak of."""
    return item[1].get_total_buffer_size() if isinstance(item[1], pa.Table) else 0


_END = object()


@dataclass
class _StagedFile:
    """A file being staged, and what its ledger row needs."""

    number: int
    reader: Reader
    fmt: str
    sha: concurrent.futures.Future[str]
    started: float
    staging_sql: str
    """The reader's staging SQL over `_lines`, built once per file, off the staging thread."""
    read: int = 0
    quarantined: int = 0
    seconds: float = 0.0

    @property
    def raw(self) -> RawFile:
        return self.reader.raw


FileItem = tuple[int, "_StagedFile | pa.Table | InputError | None"]
"""What the reading thread hands on: a file opened, a table of its lines, the error that
ended it, or None at its end; each with the file's number."""


def _file_items(
    paths: list[str | Path],
    fmt: str,
    options: ReadOptions,
    on_file: OnFile | None,
    hashing: concurrent.futures.Executor,
) -> Iterator[FileItem]:
    """Open, check and read each file, in order (run in the reading thread). Small files are
    read whole by READER_THREADS threads at once, a few files ahead (inflating and parsing
    release the GIL); a large one is read a table at a time. The SHA-256 of each file is
    computed on another thread meanwhile."""
    with concurrent.futures.ThreadPoolExecutor(READER_THREADS, "realpolitik-read") as readers:
        numbered = enumerate(paths)
        window: deque[concurrent.futures.Future[Iterator[FileItem]]] = deque()

        def read_next() -> None:
            for number, path in numbered:
                window.append(
                    readers.submit(_read_file, number, path, fmt, options, on_file, hashing)
                )
                return

        for _ in range(2 * READER_THREADS):
            read_next()
        while window:
            items = window.popleft().result()
            read_next()
            yield from items


def _read_file(
    number: int,
    path: str | Path,
    fmt: str,
    options: ReadOptions,
    on_file: OnFile | None,
    hashing: concurrent.futures.Executor,
) -> Iterator[FileItem]:
    """One file's items: all of them (read here) if the file is small, else a generator that
    reads it a table at a time."""
    try:
        raw = RawFile.open(path)
        file_fmt = detect_format(raw) if fmt == "auto" else fmt
        reader = reader_for(file_fmt)(raw, options)
        size = raw.size()
        on_bytes = on_file(Path(path), size) if on_file else None
        sha = hashing.submit(raw.sha256)
    except InputError as exc:
        return iter([(number, exc)])
    opened = _StagedFile(
        number, reader, file_fmt, sha, time.perf_counter(), reader.staging_sql("_lines")
    )
    items = _file_tables(opened, on_bytes)
    return iter(list(items)) if size <= SMALL_FILE_BYTES else items


def _file_tables(opened: _StagedFile, on_bytes: Callable[[int], None] | None) -> Iterator[FileItem]:
    number = opened.number
    yield number, opened
    try:
        for table in opened.reader.line_tables(on_bytes):
            yield number, table
    except InputError as exc:
        yield number, exc
        return
    yield number, None


class _Staging:
    """Files' rows staged beside the store until a batch stores them, and the bad lines in
    `_ingest_bad` (the quarantine to be). Nothing the store shows changes here, and memory
    stays bounded however long the files.

    Consecutive tables of lines that one staging SQL reads (files of one format) are staged
    together, up to MAX_TABLE_LINES lines or CHUNK_BYTES, as one Parquet chunk: planning that
    SQL costs more than staging a 15-minute GDELT file, so thousands of small files are staged
    in a few statements. Every row carries its file's number in `_file`.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection, scratch: Path) -> None:
        self.con, self.scratch = con, scratch
        self.open: dict[int, _StagedFile] = {}
        """Files being staged, or staged and waiting for their batch."""
        self.quarantines: dict[int, _Quarantine] = {}
        self.pending: list[tuple[_StagedFile, pa.Table, int]] = []
        """Tables not staged yet, with their data lines."""
        self.pending_sql: tuple[str, pa.Schema] | None = None
        self.pending_lines = self.pending_bytes = 0
        self.ended: list[_StagedFile] = []
        """Files read to their end, some of whose tables may still be pending."""
        self.chunks: dict[Path, set[int]] = {}
        """Each chunk, and the files with rows in it that are not stored yet."""
        self.chunk_count = 0
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _ingest_bad "
            "(_file INTEGER, line BIGINT, reason VARCHAR, raw VARCHAR, raw_bytes BIGINT);"
            "CREATE OR REPLACE TEMP TABLE _beyond "
            "(_file INTEGER, reason VARCHAR, lines BIGINT, first BIGINT, last BIGINT)"
        )

    def files(
        self, items: Iterator[FileItem], failures: dict[int, IngestResult | InputError]
    ) -> Iterator[_StagedFile]:
        """Stage the files the items tell of; yield each once all of it is staged, and
        record each one that fails (nothing of it stays staged)."""
        for number, item in items:
            if number in failures:
                continue  # the rest of a file refused while it was read
            try:
                if isinstance(item, InputError):
                    raise item
                if isinstance(item, _StagedFile):
                    self.open[number] = item
                    self.quarantines[number] = _Quarantine(self.con, item.raw.label, number)
                elif item is None:
                    self.ended.append(self.open[number])
                else:
                    self._add(self.open[number], item, failures)
            except InputError as exc:
                self._fail(number, exc, failures)
            yield from self._finished(failures)
        self._flush(failures)
        yield from self._finished(failures)

    def _add(
        self,
        staged: _StagedFile,
        table: pa.Table,
        failures: dict[int, IngestResult | InputError],
    ) -> None:
        reader = staged.reader
        data_lines = reader.data_rows(table)
        lines, overlong = _without_overlong(table, reader.header_lines)
        self.quarantines[staged.number].overlong(overlong)
        staged.read += overlong.num_rows
        kind = (staged.staging_sql, lines.schema)
        size = lines.get_total_buffer_size()
        if self.pending and (
            kind != self.pending_sql
            or self.pending_lines + lines.num_rows > MAX_TABLE_LINES
            or self.pending_bytes + size > CHUNK_BYTES
        ):
            self._flush(failures)
        self.pending.append((staged, lines, data_lines - overlong.num_rows))
        self.pending_sql = kind
        self.pending_lines += lines.num_rows
        self.pending_bytes += size

    def _flush(self, failures: dict[int, IngestResult | InputError]) -> None:
        """Stage the pending tables as one chunk (file by file if that fails, so the error
        names its file), then quarantine each file's bad rows."""
        pending, self.pending = self.pending, []
        self.pending_lines = self.pending_bytes = 0
        if not pending:
            return
        members = list(dict.fromkeys(s.number for s, _, _ in pending))
        try:
            chunks = [self._stage_chunk(pending)]
        except InputError:
            if len(members) == 1:
                raise
            chunks = []
            for number in members:
                try:
                    chunks.append(self._stage_chunk([p for p in pending if p[0].number == number]))
                except InputError as exc:
                    self._fail(number, exc, failures)
        for chunk in chunks:
            bad = dict(
                self.con.execute(
                    f"SELECT _file, count(*) FROM read_parquet({sql_path(chunk)}) "
                    "WHERE _reason IS NOT NULL GROUP BY _file"
                ).fetchall()
            )
            for number in sorted(self.chunks.get(chunk, ())):
                if number in failures:
                    continue
                try:
                    if bad.get(number):
                        self.quarantines[number].staged(sql_path(chunk))
                    self.quarantines[number].refuse_garbage(self.open[number])
                except InputError as exc:
                    self._fail(number, exc, failures)

    def _stage_chunk(self, pending: list[tuple[_StagedFile, pa.Table, int]]) -> Path:
        """Stage tables of one format as a Parquet chunk, checking that every data line of
        theirs is a row of it."""
        con = self.con
        files = list({s.number: s for s, _, _ in pending}.values())
        position = {s.number: i for i, s in enumerate(files)}
        lines = pa.concat_tables(
            t.append_column("_file", pa.array(np.full(t.num_rows, position[s.number], np.int32)))
            for s, t, _ in pending
        )
        self.chunk_count += 1  # never reused: live chunks outlast the ones discarded
        chunk = self.scratch / f"{self.chunk_count:06d}.parquet"
        labels = ", ".join(s.raw.label for s in files)
        con.execute(f"SET VARIABLE {FILE_LABELS} = ?", [[s.raw.label for s in files]])
        con.execute("SET VARIABLE realpolitik_file_numbers = ?", [[s.number for s in files]])
        con.register("_lines", lines)
        try:
            rows = con.execute(
                "COPY (SELECT getvariable('realpolitik_file_numbers')[_file + 1] AS _file, "
                f"* EXCLUDE (_file) FROM ({files[0].staging_sql})) "
                f"TO {sql_path(chunk)} (FORMAT parquet, COMPRESSION uncompressed)"
            ).fetchall()[0][0]
        except duckdb.Error as exc:
            chunk.unlink(missing_ok=True)
            raise InputError(labels, f"cannot stage rows ({exc})") from exc
        finally:
            con.unregister("_lines")
        data_lines = sum(n for _, _, n in pending)
        if rows != data_lines:
            chunk.unlink(missing_ok=True)
            raise LedgerError(
                f"{labels}: the reader cut {data_lines:,} data rows but staged {rows:,}; "
                f"{abs(data_lines - rows):,} rows would have gone unaccounted"
            )
        for staged, _, n in pending:
            staged.read += n
        self.chunks[chunk] = set(position)
        return chunk

    def _finished(self, failures: dict[int, IngestResult | InputError]) -> Iterator[_StagedFile]:
        """The files read to their end and wholly staged: their quarantine closed."""
        waiting = {s.number for s, _, _ in self.pending}
        done = [s for s in self.ended if s.number not in waiting]
        self.ended = [s for s in self.ended if s.number in waiting]
        for staged in done:
            try:
                staged.quarantined = self.quarantines.pop(staged.number).close()
                if staged.read == 0:
                    raise InputError(
                        staged.raw.label, "no data rows (only a header, or nothing at all)"
                    )
            except InputError as exc:
                self._fail(staged.number, exc, failures)
                continue
            staged.seconds = time.perf_counter() - staged.started
            yield staged

    def _fail(
        self, number: int, error: InputError, failures: dict[int, IngestResult | InputError]
    ) -> None:
        failures[number] = error
        self.pending = [p for p in self.pending if p[0].number != number]
        self.pending_lines = sum(t.num_rows for _, t, _ in self.pending)
        self.pending_bytes = sum(t.get_total_buffer_size() for _, t, _ in self.pending)
        self.ended = [s for s in self.ended if s.number != number]
        self.quarantines.pop(number, None)
        self.discard([number])

    def expose(self, numbers: list[int]) -> None:
        """Show the staged rows of these files as the view `_ingest_rows`."""
        wanted = set(numbers)
        chunks = [c for c, files in self.chunks.items() if files & wanted]
        only = (
            ""
            if all(self.chunks[c] <= wanted for c in chunks)
            else (f" WHERE _file IN ({', '.join(map(str, numbers))})")
        )
        self.con.execute(
            "CREATE OR REPLACE TEMP VIEW _ingest_rows AS SELECT * FROM "
            f"read_parquet([{', '.join(sql_path(c) for c in chunks)}]){only}"
        )

    def discard(self, numbers: list[int]) -> None:
        """Forget what was staged of these files (stored, or refused)."""
        for number in numbers:
            self.open.pop(number, None)
        for chunk, files in list(self.chunks.items()):
            files.difference_update(numbers)
            if not files:
                chunk.unlink(missing_ok=True)
                del self.chunks[chunk]
        self.con.execute("DELETE FROM _ingest_bad WHERE list_contains(?, _file)", [numbers])
        self.con.execute("DELETE FROM _beyond WHERE list_contains(?, _file)", [numbers])

    def close(self) -> None:
        self.con.execute(
            "DROP VIEW IF EXISTS _ingest_rows; "
            "DROP TABLE IF EXISTS _ingest_bad; DROP TABLE IF EXISTS _beyond"
        )  # first: it also ends any result left open (unregister refuses to run beside one)
        self.con.unregister("_lines")


def _without_overlong(lines: pa.Table, header_lines: int) -> tuple[pa.Table, pa.Table]:
    """The lines to stage, and the data lines too long to be records (see MAX_LINE_BYTES)."""
    if "overlong" not in lines.column_names or lines["overlong"].null_count == lines.num_rows:
        return lines, lines.slice(0, 0)
    long = pc.is_valid(lines["overlong"])
    data = pc.greater(lines["line_no"], header_lines)
    return lines.filter(pc.invert(long)), lines.filter(pc.and_(long, data))


class _Quarantine:
    """One file's bad lines, staged in `_ingest_bad`: kept one by one up to
    QUARANTINE_LINES_KEPT, then counted per reason with the first and last line of each."""

    def __init__(self, con: duckdb.DuckDBPyConnection, label: str, number: int) -> None:
        self.con, self.label, self.number = con, label, number
        self.kept = 0
        self.count = 0

    def overlong(self, lines: pa.Table) -> None:
        """Quarantine the lines too long to be records, by number and length."""
        if not lines.num_rows:
            return
        head = pc.binary_slice(lines["raw"], 0, QUARANTINE_RAW_CHARS)
        lines = lines.set_column(lines.schema.get_field_index("raw"), "raw", head)
        text = "rtrim(try(decode(raw)), chr(13) || chr(10))"
        sample = (
            f"CASE WHEN {text} IS NOT NULL AND NOT contains({text}, chr(0)) THEN {text} "
            f"ELSE left(CAST(raw AS VARCHAR), {QUARANTINE_RAW_CHARS}) END"
        )
        self.con.register("_overlong", lines)
        self._add(
            "SELECT line_no AS _line, 'line of ' || format('{:,}', overlong) || ' bytes, over "
            f"the limit of {MAX_LINE_BYTES:,}: not a record (its first bytes are kept)' "
            f"AS _reason, {sample} AS _raw, overlong AS _raw_bytes FROM _overlong"
        )
        self.con.unregister("_overlong")

    def staged(self, chunk: str) -> None:
        """Quarantine the file's rows of a staged chunk (a Parquet file, as SQL) that have a
        reason."""
        self._add(
            f"SELECT _line, _reason, _raw, _raw_bytes FROM read_parquet({chunk}) "
            f"WHERE _file = {self.number} AND _reason IS NOT NULL"
        )

    def _add(self, rows: str) -> None:
        con = self.con
        con.execute(f"CREATE OR REPLACE TEMP TABLE _bad AS {rows}")
        count = con.execute("SELECT count(*) FROM _bad").fetchone()[0]
        room = max(QUARANTINE_LINES_KEPT - self.kept, 0)
        if count:
            self.kept += con.execute(
                "INSERT INTO _ingest_bad SELECT ?, _line, _reason, _raw, _raw_bytes "
                "FROM (SELECT * FROM _bad ORDER BY _line LIMIT ?)",
                [self.number, room],
            ).fetchone()[0]
            if count > room:
                con.execute(
                    "INSERT INTO _beyond SELECT ?, _reason, count(*), min(_line), max(_line) "
                    "FROM (SELECT * FROM _bad ORDER BY _line OFFSET ?) GROUP BY _reason",
                    [self.number, room],
                )
        self.count += count
        con.execute("DROP TABLE _bad")

    def refuse_garbage(self, staged: _StagedFile) -> None:
        """Raise InputError once GARBAGE_SAMPLE lines are read if most of them are bad."""
        read, name = staged.read, staged.reader.name
        if read < GARBAGE_SAMPLE or self.count * 2 <= read:
            return
        top = self.con.execute(
            "SELECT reason, n FROM (SELECT reason, count(*) AS n FROM _ingest_bad "
            f"WHERE _file = {self.number} GROUP BY reason UNION ALL SELECT reason, sum(lines) "
            f"FROM _beyond WHERE _file = {self.number} GROUP BY reason) "
            "ORDER BY n DESC LIMIT 2"
        ).fetchall()
        reasons = "; ".join(f"{reason}: {n:,}" for reason, n in top)
        raise InputError(
            self.label,
            f"{self.count:,} of its first {read:,} lines cannot be used ({reasons}), so it is "
            f"refused as not {name} data; nothing of it was stored",
        )

    def close(self) -> int:
        """Stage one row per reason for the lines beyond those kept; the count of bad lines."""
        if self.count == self.kept:
            return self.count
        self.con.execute(
            f"INSERT INTO _ingest_bad SELECT {self.number}, min(first), '… and ' || "
            "format('{:,}', sum(lines)) || ' more lines like this up to line ' || "
            f"max(last) || ' (the file''s first {QUARANTINE_LINES_KEPT:,} bad lines are kept "
            f"one by one): ' || reason, NULL, NULL FROM _beyond WHERE _file = {self.number} "
            "GROUP BY reason"
        )
        self.con.execute(f"DELETE FROM _beyond WHERE _file = {self.number}")
        return self.count


class LedgerError(RealpolitikError):
    """A file's rows do not add up: one went missing between reading and storing."""


def check_ledger_identity(result: IngestResult) -> None:
    """Raise LedgerError unless read = stored + duplicate + quarantined + filtered, each
    counted on its own."""
    accounted = (
        result.rows_stored + result.rows_duplicate + result.rows_quarantined + result.rows_filtered
    )
    if result.rows_read != accounted:
        raise LedgerError(
            f"{result.file}: read {result.rows_read:,} rows but accounted for {accounted:,} "
            f"(stored {result.rows_stored:,}, duplicate {result.rows_duplicate:,}, "
            f"quarantined {result.rows_quarantined:,}, filtered {result.rows_filtered:,}); "
            f"{result.rows_read - accounted:,} went missing, so nothing of the file was kept"
        )


def events_query(
    source: str | None = None,
    target: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> tuple[str, list[object]]:
    """SQL and parameters selecting events by source, target and date range."""
    where: list[str] = []
    params: list[object] = []
    for column, value in (("source", source), ("target", target)):
        if value:
            where.append(f"{column} = ?")
            params.append(value.upper())
    if start:
        where.append("date >= ?")
        params.append(start)
    if end:
        where.append("date <= ?")
        params.append(end)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    return f"SELECT {', '.join(EVENT_COLUMNS)} FROM events {clause} ORDER BY date, event_id", params
