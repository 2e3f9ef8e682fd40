"""Exceptions a user can act on: each names the file (and line, if any) and the reason."""

from __future__ import annotations


class RealpolitikError(Exception):
    """Base class: the CLI prints the message on one line and exits 1."""


class InputError(RealpolitikError):
    """A file that cannot be read at all: nothing from it is stored."""

    def __init__(self, path: str, reason: str, line: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class UsageError(RealpolitikError):
    """The command was called wrongly (unknown format, bad option value)."""


class StoreUnavailable(RealpolitikError):
    """The store cannot be opened: another process holds it, or the file is not a store.
    Not bad input: the CLI exits 3, so a script can wait and retry."""


class IngestInterrupted(KeyboardInterrupt):
    """Ctrl-C (or SIGINT) stopped an ingestion: the files stored before it stay stored, with
    their ledger rows; nothing of the others was kept."""

    def __init__(self, stored: list[str], not_stored: list[str]) -> None:
        self.stored = stored
        self.not_stored = not_stored
        names = ", ".join(not_stored[:3]) + (
            f" and {len(not_stored) - 3:,} more" if len(not_stored) > 3 else ""
        )
        kept = f"; the {len(stored):,} files stored before it are kept" if stored else ""
        super().__init__(f"interrupted: nothing from {names or 'any file'} was stored{kept}")
