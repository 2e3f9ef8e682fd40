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


def require_columns(path: Path, frame: pd.DataFrame, required: tuple[str, ...]) -> pd.DataFrame:
    """`frame` if it has the `required` columns and a row; InputError naming the file if not."""
    if missing := [c for c in required if c not in frame.columns]:
        raise InputError(str(path), f"lacks column(s) {', '.join(missing)}")
    if frame.empty:
        raise InputError(str(path), "no data rows")
    return frame


def read_rda(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
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
    return require_columns(path, next(iter(frames.values())), required)


def read_dta(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    """A Stata file, checked for the columns a reader needs."""
    try:
        frame = pd.read_stata(path)
    except (ValueError, OSError, EOFError) as exc:
        raise InputError(str(path), f"cannot read as a Stata .dta file ({exc})") from exc
    return require_columns(path, frame, required)


def read_csv_columns(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    """A headed CSV as text, checked for the columns a reader needs."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read as CSV ({exc})") from exc
    return require_columns(path, frame, required)


def whole_numbers(column: pd.Series) -> pd.Series:
    """The column as nullable integers; anything that is not a whole number becomes NA."""
    numbers = pd.to_numeric(column, errors="coerce")
    return numbers.where(numbers % 1 == 0).astype("Int64")


def shown(column: pd.Series) -> pd.Series:
    """Values as a reason names them: whole numbers without `.0`, anything else as read."""
    numbers = whole_numbers(column)
    return numbers.astype("string").fillna(column.astype("string")).fillna("NA")


def problem(mask: pd.Series, *parts: str | pd.Series) -> tuple[pd.Series, pd.Series]:
    """A quarantine reason for the rows of `mask`: text and column values (shown as read)
    joined, built for those rows only so that clean rows cost nothing."""
    mask = mask.fillna(False).astype(bool)
    message = pd.Series("", index=mask.index[mask], dtype="string")
    for part in parts:
        message = message + (part if isinstance(part, str) else shown(part[mask]))
    return mask, message


def repeated_key_problem(
    frame: pd.DataFrame, key: tuple[str, ...], preferred: pd.Series, eligible: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """Rows whose store key repeats another eligible row's: the `preferred` row (else the first
    in file order) is kept, the others get a reason naming it."""
    ordered = frame.loc[eligible].assign(_later=~preferred[eligible])
    ordered = ordered.sort_values("_later", kind="stable")
    repeated = ordered.duplicated(list(key), keep="first").reindex(frame.index, fill_value=False)
    kept = ordered.groupby(list(key), sort=False)["provenance"].transform("first")
    parts: list[str | pd.Series] = [f"same {'/'.join(key)} "]
    for i, column in enumerate(key):
        parts += ["/" if i else "", frame[column]]
    return problem(repeated, *parts, " as ", kept.reindex(frame.index), ", which is kept")


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
