"""Loading structured records: every known record file found under a raw-data folder goes
into its typed table (one transaction per file, recorded in the ledger), then the
record-based indicators are recomputed into `observations`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from realpolitik.errors import InputError
from realpolitik.measures import INDICATORS
from realpolitik.measures.indicators import refresh
from realpolitik.sources import RECORD_READERS
from realpolitik.sources.records import RecordReader
from realpolitik.store import IngestResult, Store


@dataclass(frozen=True)
class Skipped:
    """A record file that was not there: skipped with a note, not an error."""

    file: str
    reason: str

    def summary(self) -> str:
        return f"{self.file}: skipped ({self.reason})"


def load_records(
    store: Store,
    root: str | Path,
    only: tuple[str, ...] = (),
    on_file: Callable[[Path, int, int], None] | None = None,
) -> tuple[list[IngestResult | InputError | Skipped], list[str]]:
    """Load every record file under `root` (or the formats in `only`); return what happened
    to each file and the indicators recomputed. `on_file(path, done, total)` is told of each
    file before it is loaded, for progress. Raises InputError when `root` holds none of the
    record files."""
    root = Path(root)
    outcomes: list[IngestResult | InputError | Skipped] = []
    found: list[tuple[type[RecordReader], Path]] = []
    for reader_cls in RECORD_READERS:
        if only and reader_cls.name not in only:
            continue
        paths = sorted(root.glob(reader_cls.default_path))
        if not paths:
            outcomes.append(Skipped(str(root / reader_cls.default_path), "file not found"))
        found += [(reader_cls, path) for path in paths]
    if not found:
        looked_for = ", ".join(o.file.removeprefix(f"{root}/") for o in outcomes)
        raise InputError(str(root), f"no record files here (looked for {looked_for})")
    for done, (reader_cls, path) in enumerate(found):
        if on_file is not None:
            on_file(path, done, len(found))
        try:
            outcomes.append(store.load_record_file(reader_cls(), path))
        except InputError as exc:
            outcomes.append(exc)
    store.con.execute("BEGIN TRANSACTION")
    try:
        recomputed = refresh(store.con, INDICATORS)
        store.con.execute("COMMIT")
    except BaseException:
        store.con.execute("ROLLBACK")
        raise
    return outcomes, recomputed
