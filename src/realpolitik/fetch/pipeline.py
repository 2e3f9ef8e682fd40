"""Fetching a period of GDELT into the store: every listed event file of the period is
downloaded (in worker threads), verified against its list, ingested (on the caller's thread:
the store has one writer) and recorded in the fetch ledger.

A run can stop at any moment and the next one completes the period: a file already ingested
(its SHA-256 in the store's ledger) is not ingested again, a verified file in the cache is
not downloaded again, a `.part` left by a killed run is discarded, and the store's
transaction per file means a half-ingested file left nothing behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, replace
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from realpolitik.errors import RealpolitikError, UsageError
from realpolitik.fetch.download import (
    DownloadError,
    Fetched,
    RetryPolicy,
    download_file,
    download_verified,
)
from realpolitik.fetch.gdelt import (
    DEFAULT_BASE_URL,
    ListedFile,
    ListProblem,
    list_urls,
    read_listing,
)
from realpolitik.fetch.ledger import (
    ROW_COUNTS,
    FetchLedger,
    FetchLedgerRow,
    Ingestion,
    latest_ingest_id,
    store_ingestions,
)
from realpolitik.store import Store

READER_FORMATS = {1: "gdelt1", 2: "gdelt2"}
"""The store's reader of each GDELT version's event files."""
INGEST_BATCH_FILES, INGEST_BATCH_BYTES = 2_000, 128 * 1024 * 1024
"""Verified files are ingested together once there are this many, or this many bytes of
them, and at the end: thousands of 15-minute files cost little more than one of their size."""
INGESTED, COMPLETE, FAILED = "ingested", "complete", "failed"
"""A file's outcome: ingested in this run; complete already (nothing to do); failed."""


@dataclass(frozen=True)
class FileOutcome:
    """What one run did with one file."""

    name: str
    url: str | None
    status: str
    bytes_downloaded: int = 0
    rows_read: int | None = None
    rows_stored: int | None = None
    rows_duplicate: int | None = None
    rows_filtered: int | None = None
    rows_quarantined: int | None = None
    error: str | None = None


@dataclass(frozen=True)
class FetchResult:
    """The outcome of every selected file, and the list lines that could not be read
    (those that name no file of the period; the others are failed files)."""

    version: int
    start: date
    end: date
    files: list[FileOutcome]
    problems: list[ListProblem]

    @property
    def failed(self) -> list[FileOutcome]:
        return [f for f in self.files if f.status == FAILED]

    @property
    def ok(self) -> bool:
        """Every file complete and every list line read."""
        return not self.failed and not self.problems

    def as_dict(self) -> dict[str, object]:
        return {
            "version": self.version,
            "from": self.start.isoformat(),
            "to": self.end.isoformat(),
            "files": [asdict(f) for f in self.files],
            "list_problems": [str(p) for p in self.problems],
        }


@dataclass(frozen=True)
class FetchProgress:
    """Where a run is: files settled (complete, ingested or failed) of those selected, bytes
    received of those to download, rows of the files ingested in this run."""

    files_done: int
    files_total: int
    bytes_done: int
    bytes_total: int
    rows_read: int
    rows_stored: int


OnProgress = Callable[[FetchProgress], None]
"""Told of every change; called from worker threads too, so it must be thread-safe."""


def fetch_gdelt(
    store: Store,
    version: int,
    start: date,
    end: date,
    cache: Path,
    base_url: str = DEFAULT_BASE_URL,
    actors: list[str] | None = None,
    jobs: int = 4,
    on_progress: OnProgress | None = None,
    policy: RetryPolicy | None = None,
) -> FetchResult:
    """Download, verify and ingest every GDELT `version` (1 or 2) event file of
    `start`..`end` (inclusive, UTC days), keeping the files in `cache`.

    With `actors`, only their events are stored; the other rows are counted as filtered, and
    a later run with other actors (or none) ingests the file again for them. A file that
    fails is recorded (in the result and the fetch ledger) and does not stop the others.
    Raises RealpolitikError when the lists themselves cannot be fetched.
    """
    check_fetch_arguments(version, start, end, base_url, jobs)
    policy = policy or RetryPolicy()
    wanted = tuple(sorted({a.strip().upper() for a in actors})) if actors is not None else None
    lists = []
    for url in list_urls(version, base_url):
        dest = cache / "lists" / urlsplit(url).path.lstrip("/")
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise RealpolitikError(f"{cache}: cannot create the cache folder ({exc})") from exc
        try:
            lists.append(download_file(url, dest, policy))
        except DownloadError as exc:
            raise RealpolitikError(
                f"cannot read GDELT {version}.0's file list: {exc}; check --base-url "
                "(a mirror serves GDELT's paths) or retry later"
            ) from exc
    listing = read_listing(version, lists, base_url).select(start, end)
    run = _Run(store, version, cache, wanted, policy)
    outcomes, problems = run.plan(listing.files, listing.problems)
    outcomes += run.fetch(jobs, len(outcomes), on_progress)
    days = {p.name: p.first_day for p in listing.problems if p.first_day} | {
        f.name: f.first_day for f in listing.files
    }
    outcomes.sort(key=lambda o: (days[o.name], o.name))
    return FetchResult(version, start, end, outcomes, problems)


def check_fetch_arguments(version: int, start: date, end: date, base_url: str, jobs: int) -> None:
    """Raise UsageError naming the argument of `fetch_gdelt` that cannot work."""
    if version not in READER_FORMATS:
        raise UsageError(f"GDELT version {version}: use 1 or 2")
    if end < start:
        raise UsageError(f"the period ends ({end}) before it starts ({start})")
    if urlsplit(base_url).scheme not in ("http", "https") or not urlsplit(base_url).netloc:
        raise UsageError(f"base URL {base_url!r}: give http://HOST or https://HOST[/PATH]")
    if jobs < 1:
        raise UsageError(f"jobs {jobs}: give at least 1")


class _Run:
    """One fetch: the plan (what is complete, what to fetch), then the downloads in worker
    threads and the ingestion of each verified file on the calling thread."""

    def __init__(
        self,
        store: Store,
        version: int,
        cache: Path,
        wanted: tuple[str, ...] | None,
        policy: RetryPolicy,
    ) -> None:
        self.store, self.version, self.cache = store, version, cache
        self.wanted, self.policy = wanted, policy
        self.ledger = FetchLedger(store.con)
        self.ingestions = store_ingestions(store.con)
        self.rows: dict[str, FetchLedgerRow] = {}
        self.unwritten: dict[str, FetchLedgerRow] = {}
        self.to_fetch: list[ListedFile] = []
        self.stop = threading.Event()

    def plan(
        self, files: list[ListedFile], problems: list[ListProblem]
    ) -> tuple[list[FileOutcome], list[ListProblem]]:
        """Write every selected file's row; return the outcomes of the files with nothing to
        do (complete, or named by an unreadable list line) and the list problems left."""
        previous = self.ledger.rows(self.version)
        listed = {f.name for f in files}
        unattached, named = [], {}
        for problem in problems:
            if problem.name is None or problem.first_day is None or problem.name in listed:
                unattached.append(problem)
            else:
                named.setdefault(problem.name, []).append(problem)
        outcomes = []
        for name, found in named.items():
            error = "; ".join(str(p) for p in found)
            row = FetchLedgerRow(self.version, name, found[0].url, None, None, error=error)
            self.rows[name] = row
            outcomes.append(_outcome(row, FAILED))
        for file in files:
            row = previous.get(file.name)
            if row is None or (row.expected_size, row.expected_md5) != (file.size, file.md5):
                row = FetchLedgerRow(self.version, file.name, file.url, file.size, file.md5)
            row = replace(row, url=file.url)
            self.rows[file.name] = row
            (self.cache / f"{file.name}.part").unlink(missing_ok=True)
            if row.verified and row.error is None and self._complete(row):
                row = self.rows[file.name] = self._with_counts(row)
                outcomes.append(_outcome(row, COMPLETE))
            else:
                self.to_fetch.append(file)
        self.ledger.write(*self.rows.values())
        return outcomes, unattached

    def fetch(self, jobs: int, settled: int, on_progress: OnProgress | None) -> list[FileOutcome]:
        """Download the files to fetch in `jobs` threads; verify and ingest each here.
        `settled`: the files of the run with nothing left to do, for the progress count."""
        tracker = _Tracker(settled, self.to_fetch, on_progress)
        outcomes = []
        pool = ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="gdelt-download")
        try:
            futures: dict[Future[Fetched], ListedFile] = {
                pool.submit(self._download, file, tracker): file for file in self.to_fetch
            }
            ready: list[_Verified] = []
            ready_bytes = 0
            for future in as_completed(futures):
                file = futures.pop(future)  # its result is no longer held once settled
                settled = self._settle(file, future)
                if isinstance(settled, FileOutcome):
                    tracker.settled(file, settled)
                    outcomes.append(settled)
                    continue
                ready.append(settled)
                ready_bytes += settled.file.size
                if len(ready) >= INGEST_BATCH_FILES or ready_bytes >= INGEST_BATCH_BYTES:
                    outcomes += self._ingest(ready, tracker)
                    ready, ready_bytes = [], 0
            outcomes += self._ingest(ready, tracker)
        finally:
            self.stop.set()
            pool.shutdown(wait=True, cancel_futures=True)
        return outcomes

    def _download(self, file: ListedFile, tracker: _Tracker) -> Fetched:
        return download_verified(
            file.url,
            self.cache / file.name,
            file.size,
            file.md5,
            self.policy,
            on_bytes=lambda received: tracker.received(file.name, received),
            stop=self.stop,
        )

    def _settle(self, file: ListedFile, future: Future[Fetched]) -> FileOutcome | _Verified:
        """Record a download's result: the file's outcome if it failed or is in the store
        already for the actors wanted, else the verified file to ingest."""
        row = self.rows[file.name]
        try:
            fetched = future.result()
        except DownloadError as exc:
            row = replace(row, downloaded=exc.received, verified=False, error=exc.reason)
            return self._record(row, FAILED)
        digest = fetched.digest
        row = replace(row, downloaded=True, verified=True, error=None)
        if row.sha256 != digest.sha256:
            row = replace(row, sha256=digest.sha256, actors=None, **dict.fromkeys(ROW_COUNTS))
        self._note(row)
        received = 0 if fetched.from_cache else digest.size
        if self._complete(row):
            return self._record(self._with_counts(row), COMPLETE, received)
        return _Verified(file, row, fetched.path, received)

    def _ingest(self, ready: list[_Verified], tracker: _Tracker) -> list[FileOutcome]:
        """Ingest verified files together (the store batches small files); record each with
        the counts the store's ledger committed, and write the fetch ledger's new rows before
        the ingestion and after it."""
        self._write_ledger()
        if not ready:
            return []
        fmt = READER_FORMATS[self.version]
        con = self.store.con
        shas = [v.row.sha256 for v in ready]
        before = latest_ingest_id(con)
        try:
            found = self.store.ingest_many([v.path for v in ready], fmt, actors=self.wanted)
            errors = [r if isinstance(r, RealpolitikError) else None for r in found]
        except RealpolitikError:  # not one file's input: the rest one by one, to say which
            committed = store_ingestions(con, shas)
            errors = [
                None if sha in committed and committed[sha].latest > before
                else self._ingest_alone(verified, fmt)
                for verified, sha in zip(ready, shas, strict=True)
            ]  # fmt: skip
        ingestions = store_ingestions(con, shas)
        outcomes = []
        for verified, error in zip(ready, errors, strict=True):
            outcome = self._ingested(verified, error or ingestions[verified.row.sha256])
            tracker.settled(verified.file, outcome)
            outcomes.append(outcome)
        self._write_ledger()
        return outcomes

    def _ingest_alone(self, verified: _Verified, fmt: str) -> RealpolitikError | None:
        """Ingest one file; the error that stopped it, if any."""
        try:
            self.store.ingest(verified.path, fmt, actors=self.wanted)
        except RealpolitikError as exc:
            return exc
        return None

    def _ingested(self, verified: _Verified, result: Ingestion | RealpolitikError) -> FileOutcome:
        row = verified.row
        if isinstance(result, RealpolitikError):
            return self._record(replace(row, error=f"not ingested: {result}"), FAILED)
        self.ingestions[row.sha256] = result
        row = replace(row, actors=self.wanted, **result.counts)
        return self._record(row, INGESTED, verified.received)

    def _record(self, row: FetchLedgerRow, status: str, received: int = 0) -> FileOutcome:
        self._note(row)
        return _outcome(row, status, received)

    def _note(self, row: FetchLedgerRow) -> None:
        """Keep the file's new row, to be written with the others at the next batch."""
        self.rows[row.file] = self.unwritten[row.file] = row

    def _write_ledger(self) -> None:
        """Write the rows kept since the last write, in one statement (one row at a time
        would cost more than ingesting the file)."""
        self.ledger.write(*self.unwritten.values())
        self.unwritten.clear()

    def _with_counts(self, row: FetchLedgerRow) -> FetchLedgerRow:
        """A complete row with the counts of its file's latest ingestion if it has none (a
        run was killed between the store's commit and the fetch ledger's update)."""
        if row.rows_read is not None or row.sha256 is None:
            return row
        return replace(row, **self.ingestions[row.sha256].counts)

    def _complete(self, row: FetchLedgerRow) -> bool:
        """Whether the file's events are in the store for the actors wanted: an ingestion
        of its digest kept every row, or this fetch's last one kept a superset of them."""
        done = self.ingestions.get(row.sha256) if row.sha256 else None
        if done is None:
            return False
        if done.kept_all:
            return True
        return row.rows_read is not None and (
            row.actors is None or (self.wanted is not None and set(self.wanted) <= set(row.actors))
        )


@dataclass(frozen=True)
class _Verified:
    """A file downloaded and verified, waiting to be ingested."""

    file: ListedFile
    row: FetchLedgerRow
    path: Path
    received: int


def _outcome(row: FetchLedgerRow, status: str, received: int = 0) -> FileOutcome:
    return FileOutcome(
        row.file,
        row.url,
        status,
        received,
        **{c: getattr(row, c) for c in ROW_COUNTS},
        error=row.error,
    )


class _Tracker:
    """Progress counters shared by the worker threads and the calling thread."""

    def __init__(
        self, settled: int, to_fetch: list[ListedFile], on_progress: OnProgress | None
    ) -> None:
        self.lock = threading.Lock()
        self.on_progress = on_progress
        self.files_done = settled
        self.files_total = settled + len(to_fetch)
        self.bytes_total = sum(f.size for f in to_fetch)
        self.bytes: dict[str, int] = {}
        self.bytes_done = 0
        self.rows_read = self.rows_stored = 0
        self._tell()

    def received(self, name: str, received: int) -> None:
        with self.lock:
            self.bytes_done += received - self.bytes.get(name, 0)
            self.bytes[name] = received
            self._tell()

    def settled(self, file: ListedFile, outcome: FileOutcome) -> None:
        with self.lock:
            self.bytes_done += file.size - self.bytes.get(file.name, 0)
            self.bytes[file.name] = file.size
            self.files_done += 1
            if outcome.status == INGESTED:
                self.rows_read += outcome.rows_read or 0
                self.rows_stored += outcome.rows_stored or 0
            self._tell()

    def _tell(self) -> None:
        if self.on_progress is not None:
            self.on_progress(
                FetchProgress(
                    self.files_done,
                    self.files_total,
                    self.bytes_done,
                    self.bytes_total,
                    self.rows_read,
                    self.rows_stored,
                )
            )
