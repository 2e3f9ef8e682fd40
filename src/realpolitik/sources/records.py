"""Structured records (UN votes, Security Council resolutions and vetoes, arms transfers,
alliances, nuclear agreements, visits): the contract their readers fulfil.

A record reader turns one file into rows of one typed table. The store keeps each table with
its natural key, so loading a file twice adds nothing, and a `provenance` column (file and row
or line) on every row, so every fact and indicator can say where it came from.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

import pandas as pd
import pyreadr

from realpolitik.errors import InputError


@dataclass(frozen=True)
class RecordTable:
    """A typed store table: its columns (name, DuckDB type) and the columns that key a row."""

    name: str
    columns: tuple[tuple[str, str], ...]
    key: tuple[str, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(name for name, _ in self.columns)

    def ddl(self) -> str:
        """CREATE TABLE with the key as primary key and a provenance column."""
        cols = ",\n  ".join(f"{name} {sql_type}" for name, sql_type in self.columns)
        return (
            f"CREATE TABLE IF NOT EXISTS {self.name} (\n  {cols},\n  provenance VARCHAR NOT NULL,\n"
            f"  PRIMARY KEY ({', '.join(self.key)})\n)"
        )


@dataclass
class RecordRows:
    """What a reader found in one file: good rows, and the rows it could not use."""

    rows: pd.DataFrame
    """The table's columns plus `provenance` (`file:row N` or `file:line N`)."""
    rows_read: int
    quarantined: list[tuple[int, str, str]] = field(default_factory=list)
    """(row or line number, reason, the raw row as text)."""


class RecordReader(ABC):
    """One record file format. Subclasses set the class attributes and implement `read`."""

    name: ClassVar[str]
    """Format name, shown in the ledger (e.g. `unga-votes`)."""
    description: ClassVar[str]
    table: ClassVar[RecordTable]
    default_path: ClassVar[str]
    """Where the file lies under the raw data folder (e.g. `unvotes/un_votes.rda`); a glob
    pattern (`unsc_undl_meetings/html/scact*_table_en.html`) loads each match as a file."""

    @abstractmethod
    def read(self, path: Path) -> RecordRows:
        """Read the file; raise InputError (naming file and reason) when it is malformed."""


def read_rda(path: Path, expected: tuple[str, ...]) -> pd.DataFrame:
    """The one data frame of an R data file, checked for the columns a reader needs."""
    try:
        frames = pyreadr.read_r(str(path))
    except (
        pyreadr.custom_errors.PyreadrError,
        pyreadr.custom_errors.LibrdataError,
        OSError,
        ValueError,
    ) as exc:
        raise InputError(str(path), f"cannot read as an R data file ({exc})") from exc
    if len(frames) != 1:
        raise InputError(str(path), f"expected one data frame, found {len(frames)}")
    frame = next(iter(frames.values()))
    if missing := [c for c in expected if c not in frame.columns]:
        raise InputError(str(path), f"lacks column(s) {', '.join(missing)}")
    return frame


def row_provenance(path: Path, count: int) -> list[str]:
    """`name:row N` for data rows 1..count (the ledger holds the full path and checksum)."""
    return [f"{path.name}:row {n}" for n in range(1, count + 1)]


def rows_and_quarantine(
    frame: pd.DataFrame,
    problems: list[tuple[pd.Series, pd.Series]],
    table: RecordTable,
) -> RecordRows:
    """Split rows into good ones and quarantined ones by the first problem each row has."""
    reason = pd.Series(pd.NA, index=frame.index, dtype="string")
    for mask, message in problems:
        mask = mask.fillna(False).astype(bool)
        reason = reason.mask(mask & reason.isna(), message.astype("string"))
    bad = reason.notna()
    quarantined = []
    if bad.any():
        raws = frame.loc[bad].to_json(orient="records", lines=True, default_handler=str)
        numbers = frame.loc[bad, "provenance"].str.rsplit(" ", n=1).str[1].astype(int)
        quarantined = list(zip(numbers, reason[bad], raws.splitlines(), strict=True))
    good = frame.loc[~bad, [*table.column_names, "provenance"]]
    return RecordRows(rows=good, rows_read=len(frame), quarantined=quarantined)
