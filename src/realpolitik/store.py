"""The event store: one embedded DuckDB file holding the canonical events, a ledger of every
ingested file and a quarantine of every line that could not be used.

A file's rows are staged in scratch tables outside any transaction (so memory stays bounded
however long the file), then stored in one transaction per file: on error nothing of the file
is kept. Ingestion is idempotent: event ids are stable, so a row whose id
is already stored counts as a duplicate and adds nothing. Every term of the ledger is counted
on its own: rows read (the data lines the reader cut, before any SQL), quarantined (rows with
a reason), filtered (good rows without a wanted actor), duplicate (ids already stored, and
repeats inside the file) and stored (rows the insert wrote). The identity
`rows_read = rows_stored + rows_duplicate + rows_quarantined + rows_filtered` is then a real
check: when it fails a row went missing, the file's transaction is rolled back and the error
says by how many.
"""

from __future__ import annotations

import concurrent.futures
import queue
import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from realpolitik.errors import InputError, RealpolitikError, UsageError
from realpolitik.schema import EVENT_COLUMNS, QUAD_CLASSES, events_ddl
from realpolitik.sources import detect_format, reader_for
from realpolitik.sources.base import (
    MAX_LINE_BYTES,
    QUARANTINE_RAW_CHARS,
    RawFile,
    Reader,
    ReadOptions,
)
from realpolitik.sources.records import RecordReader
from realpolitik.sources.reference import register as register_reference_tables

DEFAULT_DB = "realpolitik.duckdb"
DUCKDB_MEMORY = "512MB"
"""DuckDB's own share of memory; beyond it, it spills to disk. With the two tables of rows in
flight (`prefetched`, CHUNK_BYTES each), ingest stays under about 1 GB whatever the input."""
NOTES_SHOWN = 20

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


class Store:
    """A DuckDB event store; use as a context manager or call `close()`."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False) -> None:
        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise UsageError(f"{self.path}: no such store; ingest files into it first")
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            raise RealpolitikError(f"{self.path}: cannot open the store ({exc})") from exc
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
        wanted = sorted({a.strip().upper() for a in actors}) if actors is not None else None
        options = options or ReadOptions()
        start = time.perf_counter()
        raw = RawFile.open(path)
        fmt = detect_format(raw) if fmt == "auto" else fmt
        reader = reader_for(fmt)(raw, options)
        digest = concurrent.futures.ThreadPoolExecutor(1, "realpolitik-sha256")
        sha = digest.submit(raw.sha256)  # hashed on the other core while the rows are read
        digest.shutdown(wait=False)
        con = self.con
        register_reference_tables(con, options.quad_convention)
        scratch = Path(tempfile.mkdtemp(prefix=".realpolitik-ingest-", dir=self._scratch_root))
        try:
            counts = self._stage(reader, on_bytes, scratch)
            if counts["read"] == 0:
                raise InputError(raw.label, "no data rows (only a header, or nothing at all)")
            con.execute("BEGIN TRANSACTION")
            try:
                self._store_staged(counts, sha.result(), raw.label, wanted)
                result = IngestResult(
                    file=raw.label,
                    sha256=sha.result(),
                    format=fmt,
                    rows_read=counts["read"],
                    rows_stored=counts["stored"],
                    rows_duplicate=counts["duplicate"],
                    rows_quarantined=counts["quarantined"],
                    seconds=time.perf_counter() - start,
                    notes=self._notes(),
                    rows_filtered=counts["filtered"],
                )
                check_ledger_identity(result)
                self._write_ledger(result, options.quad_convention)
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
        finally:
            con.unregister("_lines")
            con.execute(
                "DROP TABLE IF EXISTS _notes; DROP VIEW IF EXISTS _ingest_rows; "
                "DROP TABLE IF EXISTS _ingest_bad"
            )
            shutil.rmtree(scratch, ignore_errors=True)
        return result

    def _write_ledger(self, result: IngestResult, quad_convention: str | None) -> None:
        row = {
            **result.as_dict(),
            "ingested_at": datetime.now(UTC).replace(tzinfo=None),
            "quad_convention": quad_convention,
        }
        self.con.execute(
            f"INSERT INTO ledger ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
            list(row.values()),
        )

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
            self._write_ledger(result, None)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        finally:
            con.unregister("_records")
        return result

    def _stage(
        self, reader: Reader, on_bytes: Callable[[int], None] | None, scratch: Path
    ) -> dict[str, int]:
        """Stage each chunk of the file as a Parquet file in `scratch` (every row, with its
        reason if it has one), outside any transaction, so that memory stays bounded however
        long the file; the bad lines go on to `_ingest_bad` (the quarantine to be). Count
        read and quarantined rows on their own. Nothing the store shows changes here."""
        con = self.con
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _ingest_bad "
            "(line BIGINT, reason VARCHAR, raw VARCHAR, raw_bytes BIGINT)"
        )
        counts = dict.fromkeys(("read", "stored", "duplicate", "quarantined", "filtered"), 0)
        quarantine = _Quarantine(con, reader.raw.label)
        for number, table in enumerate(prefetched(reader.line_tables(on_bytes))):
            data_lines = reader.data_rows(table)
            lines, overlong = _without_overlong(table, reader.header_lines)
            quarantine.overlong(overlong)
            chunk = sql_path(scratch / f"{number:06d}.parquet")
            con.register("_lines", lines)
            try:
                staged = con.execute(
                    f"COPY ({reader.staging_sql('_lines')}) TO {chunk} "
                    "(FORMAT parquet, COMPRESSION uncompressed)"
                ).fetchone()[0]
            except duckdb.Error as exc:
                raise InputError(reader.raw.label, f"cannot stage rows ({exc})") from exc
            con.unregister("_lines")
            staged += overlong.num_rows
            if staged != data_lines:
                raise LedgerError(
                    f"{reader.raw.label}: the reader cut {data_lines:,} data rows but staged "
                    f"{staged:,}; {abs(data_lines - staged):,} rows would have gone unaccounted"
                )
            quarantine.staged(chunk)
            counts["read"] += data_lines
            quarantine.refuse_garbage(counts["read"], reader.name)
        counts["quarantined"] = quarantine.close()
        if counts["read"]:
            con.execute(
                "CREATE OR REPLACE TEMP VIEW _ingest_rows AS "
                f"SELECT * FROM read_parquet({sql_path(scratch / '*.parquet')})"
            )
        return counts

    def _store_staged(
        self, counts: dict[str, int], sha: str, label: str, actors: list[str] | None
    ) -> None:
        """Inside the file's transaction: the staged rows whose id is new become events (the
        first of ids repeated in the file), the staged bad lines the quarantine; duplicates
        and stored rows counted on their own."""
        con = self.con
        con.execute("CREATE OR REPLACE TEMP TABLE _notes (note VARCHAR, rows BIGINT)")
        kept = "s._reason IS NULL" + (
            " AND (list_contains($actors, s.source) OR list_contains($actors, s.target))"
            if actors is not None
            else ""
        )
        params = {"actors": actors} if actors is not None else {}
        self._replace_recoded_text(con)
        new = "NOT EXISTS (SELECT 1 FROM events e WHERE e.event_id = s.event_id)"
        good, known, fresh, distinct = con.execute(
            f"SELECT count(*) FILTER (s._reason IS NULL), count(*) FILTER ({kept} AND NOT {new}), "
            f"count(*) FILTER ({kept} AND {new}), "
            f"count(DISTINCT event_id) FILTER ({kept} AND {new}) FROM _ingest_rows s",
            params,
        ).fetchone()
        first_of_each = (
            "QUALIFY row_number() OVER (PARTITION BY s.event_id ORDER BY s._line) = 1"
            if fresh > distinct
            else ""
        )
        columns = ", ".join(EVENT_COLUMNS)
        counts["stored"] = con.execute(
            f"INSERT INTO events SELECT {columns} FROM _ingest_rows s WHERE {kept} AND {new} "
            f"{first_of_each}",
            params,
        ).fetchone()[0]
        counts["duplicate"] = known + (fresh - distinct)
        counts["filtered"] = good - known - fresh
        con.execute(
            "INSERT INTO _notes SELECT _note, count(*) FROM _ingest_rows s "
            f"WHERE {kept} AND _note IS NOT NULL GROUP BY _note",
            params,
        )
        con.execute(
            "INSERT OR IGNORE INTO quarantine SELECT ?, ?, line, reason, raw, raw_bytes "
            "FROM _ingest_bad",
            [sha, label],
        )

    @staticmethod
    def _replace_recoded_text(con: duckdb.DuckDBPyConnection) -> None:
        """Events coded from an article under other rules (the coder version in their id,
        `text:DOC:VERSION:SENTENCE:K`) give way to the staged ones of that article, so an
        article re-coded after an upgrade is not kept twice."""
        replaced = con.execute(
            "DELETE FROM events e USING (SELECT DISTINCT split_part(event_id, ':', 2) AS doc, "
            "split_part(event_id, ':', 3) AS version FROM _ingest_rows "
            "WHERE _reason IS NULL AND origin = 'text' AND event_id LIKE 'text:%') s "
            "WHERE e.origin = 'text' AND e.event_id LIKE 'text:%' "
            "AND split_part(e.event_id, ':', 2) = s.doc "
            "AND split_part(e.event_id, ':', 3) <> s.version"
        ).fetchone()[0]
        if replaced:
            con.execute(
                "INSERT INTO _notes VALUES (?, ?)",
                ["replaced events of the same article coded under other rules", replaced],
            )

    def _notes(self) -> str:
        rows = self.con.execute(
            "SELECT note, sum(rows) AS n FROM _notes GROUP BY note ORDER BY n DESC, note"
        ).fetchall()
        shown = [f"{note} ({n:,} rows)" for note, n in rows[:NOTES_SHOWN]]
        if len(rows) > NOTES_SHOWN:
            shown.append(f"and {len(rows) - NOTES_SHOWN} more remarks")
        return "; ".join(shown)

    def require_tables(self, *names: str) -> None:
        """Raise UsageError naming what to load when a table the caller needs is missing."""
        present = {
            r[0] for r in self.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
        if missing := [n for n in names if n not in present]:
            raise UsageError(
                f"{self.path} has no {', '.join(missing)}: load the records first "
                "(realpolitik records load --from ../shared/data/raw)"
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

    def export_events(self, out: str | Path, **filters: object) -> int:
        """Write filtered events to CSV, Parquet or JSONL (by extension); return the row count."""
        out = Path(out)
        kinds = {
            ".csv": "(FORMAT csv, HEADER true)",
            ".parquet": "(FORMAT parquet)",
            ".jsonl": "(FORMAT json)",
            ".ndjson": "(FORMAT json)",
        }
        if out.suffix.lower() not in kinds:
            raise UsageError(f"{out}: unknown output type; use .csv, .parquet or .jsonl")
        sql, params = events_query(**filters)  # type: ignore[arg-type]
        count = self.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
        target = str(out).replace("'", "''")
        self.con.execute(f"COPY ({sql}) TO '{target}' {kinds[out.suffix.lower()]}", params)
        return count


QUARANTINE_LINES_KEPT = 10_000
"""Bad lines of one file kept one by one; beyond them, one row per reason says how many more
there were and where (the ledger's count stays exact)."""
GARBAGE_SAMPLE = 10_000
"""After this many lines, a file more than half of whose lines are bad is refused."""


def sql_path(path: Path) -> str:
    """A file path as a SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def prefetched(tables: Iterator[pa.Table]) -> Iterator[pa.Table]:
    """The tables, the next one cut and parsed in a thread while the caller stores this one
    (numpy, Arrow and DuckDB release the GIL, so both cores work); at most two tables exist
    at a time, which bounds memory. An error of the producer is raised in the caller."""
    handoff: queue.Queue[tuple[pa.Table | None, BaseException | None]] = queue.Queue()
    slots = threading.Semaphore(2)
    stop = threading.Event()

    def produce() -> None:
        try:
            while True:
                while not slots.acquire(timeout=0.1):
                    if stop.is_set():
                        return
                if stop.is_set():
                    return
                table = next(tables, None)
                handoff.put((table, None))
                if table is None:
                    return
        except BaseException as exc:  # handed to the consumer as is
            handoff.put((None, exc))

    worker = threading.Thread(target=produce, name="realpolitik-reader", daemon=True)
    worker.start()
    try:
        while True:
            table, error = handoff.get()
            if error is not None:
                raise error
            if table is None:
                return
            yield table
            del table
            slots.release()
    finally:
        stop.set()
        worker.join()


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

    def __init__(self, con: duckdb.DuckDBPyConnection, label: str) -> None:
        self.con, self.label = con, label
        self.kept = 0
        self.count = 0
        con.execute(
            "CREATE OR REPLACE TEMP TABLE _beyond "
            "(reason VARCHAR, lines BIGINT, first BIGINT, last BIGINT)"
        )

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
        """Quarantine the rows of a staged chunk (a Parquet file, as SQL) that have a reason."""
        self._add(
            f"SELECT _line, _reason, _raw, _raw_bytes FROM read_parquet({chunk}) "
            "WHERE _reason IS NOT NULL"
        )

    def _add(self, rows: str) -> None:
        con = self.con
        con.execute(f"CREATE OR REPLACE TEMP TABLE _bad AS {rows}")
        count = con.execute("SELECT count(*) FROM _bad").fetchone()[0]
        room = max(QUARANTINE_LINES_KEPT - self.kept, 0)
        if count:
            self.kept += con.execute(
                "INSERT INTO _ingest_bad SELECT _line, _reason, _raw, _raw_bytes "
                "FROM (SELECT * FROM _bad ORDER BY _line LIMIT ?)",
                [room],
            ).fetchone()[0]
            if count > room:
                con.execute(
                    "INSERT INTO _beyond SELECT _reason, count(*), min(_line), max(_line) "
                    "FROM (SELECT * FROM _bad ORDER BY _line OFFSET ?) GROUP BY _reason",
                    [room],
                )
        self.count += count
        con.execute("DROP TABLE _bad")

    def refuse_garbage(self, read: int, name: str) -> None:
        """Raise InputError once GARBAGE_SAMPLE lines are read if most of them are bad."""
        if read < GARBAGE_SAMPLE or self.count * 2 <= read:
            return
        top = self.con.execute(
            "SELECT reason, n FROM (SELECT reason, count(*) AS n FROM _ingest_bad "
            "GROUP BY reason UNION ALL SELECT reason, sum(lines) FROM _beyond "
            "GROUP BY reason) ORDER BY n DESC LIMIT 2"
        ).fetchall()
        reasons = "; ".join(f"{reason}: {n:,}" for reason, n in top)
        raise InputError(
            self.label,
            f"{self.count:,} of its first {read:,} lines cannot be used ({reasons}), so it is "
            f"refused as not {name} data; nothing of it was stored",
        )

    def close(self) -> int:
        """Stage one row per reason for the lines beyond those kept; the count of bad lines."""
        self.con.execute(
            "INSERT INTO _ingest_bad SELECT min(first), '… and ' || "
            "format('{:,}', sum(lines)) || ' more lines like this up to line ' || "
            f"max(last) || ' (the file''s first {QUARANTINE_LINES_KEPT:,} bad lines are kept "
            "one by one): ' || reason, NULL, NULL FROM _beyond GROUP BY reason"
        )
        self.con.execute("DROP TABLE _beyond")
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


def ingest_paths(
    store: Store,
    paths: Iterable[str | Path],
    fmt: str = "auto",
    options: ReadOptions | None = None,
    on_file: Callable[[Path, int], Callable[[int], None]] | None = None,
    actors: Iterable[str] | None = None,
) -> list[IngestResult | InputError]:
    """Ingest several files, each in its own transaction; a bad file does not stop the rest.

    `on_file(path, size)` may return a callback that is told the bytes read, for progress;
    `actors` keeps only their events (see `Store.ingest`).
    """
    results: list[IngestResult | InputError] = []
    for path in paths:
        try:
            on_bytes = on_file(Path(path), RawFile.open(path).size()) if on_file else None
            results.append(store.ingest(path, fmt, options, on_bytes, actors))
        except InputError as exc:
            results.append(exc)
    return results
