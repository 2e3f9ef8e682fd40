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
