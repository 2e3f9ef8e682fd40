"""What every reader shares: opening a file (plain or zipped), cutting it into numbered lines,
and the contract a reader fulfils.

A reader turns a file into *staged rows*: the canonical event columns plus `_file` and `_line`
(the file's number in the table of lines, and the line the row came from), `_reason` (why the
row cannot be used, or NULL) and `_raw` (the line as read, kept only for rows with a reason).
The store keeps the good rows and quarantines the rest, so every line read is accounted for.
Readers describe rows as DuckDB SQL over a table of numbered lines, so the work runs
vectorised and in parallel instead of row by row in Python. The table may hold the lines of
several files of one format (the store stages small files together, to plan the SQL once for
all of them): each line carries its file's number in `_file`, and the files' labels are the
SQL variable FILE_LABELS, in that order.
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import sys
import zipfile
import zlib
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, ClassVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from realpolitik.cameo import QUAD_CONVENTIONS
from realpolitik.errors import InputError, UsageError
from realpolitik.schema import EVENT_COLUMNS

CHUNK_BYTES = 64 * 1024 * 1024
HEAD_BYTES = 64 * 1024
QUARANTINE_RAW_CHARS = 65_536
MAX_LINE_BYTES = 4 * 1024 * 1024
"""A longer line cannot be a record of any format read here: it is quarantined by its number
and length, with its first QUARANTINE_RAW_CHARS bytes, and never held whole."""
MAX_TABLE_LINES = 262_144
"""Lines per table at most, so that a file of empty lines cannot blow up the line index."""
LINES_SCHEMA = pa.schema(
    [("line_no", pa.int64()), ("raw", pa.large_binary()), ("overlong", pa.int64())]
)
CSV_SCHEMA = pa.schema(
    [("line_no", pa.int64()), ("raw", pa.large_binary()), ("fields", pa.large_string())]
)
CSV_TABLE_ROWS = 100_000
FIELD_SEPARATOR = "\x1f"
HAS_NUL = "contains(_text, chr(0))"
"""SQL: the line holds a NUL byte; it is quarantined, and kept only escaped."""
_ZIP_ERRORS = (zipfile.BadZipFile, EOFError, zlib.error)
FILE_LABELS = "realpolitik_file_labels"
"""The SQL variable holding the labels of the files whose lines are staged, by `_file`."""
OnBytes = Callable[[int], None] | None
"""Told how many more bytes of the file have been read (for progress bars)."""
csv.field_size_limit(sys.maxsize)


@dataclass(frozen=True)
class RawFile:
    """A file to ingest: a plain file, or the single data member of a zip archive."""

    path: Path
    member: str | None = None
    member_size: int | None = field(default=None, compare=False)
    """The member's uncompressed size, as the archive's directory says (read when opened)."""

    @classmethod
    def open(cls, path: str | Path) -> RawFile:
        """Check the path and, for a zip, find its member; raise InputError when unreadable.
        The file is known by its resolved path, however it was named."""
        p = resolved_path(path)
        if p.is_dir():
            raise InputError(str(p), "is a directory, not a file")
        if p.stat().st_size == 0:
            raise InputError(str(p), "empty file: nothing to read")
        with p.open("rb") as fh:
            magic = fh.read(4)
        if magic != b"PK\x03\x04":
            return cls(p)
        try:
            with zipfile.ZipFile(p) as zf:
                members = [i for i in zf.infolist() if not i.is_dir()]
        except (zipfile.BadZipFile, OSError) as exc:
            raise InputError(str(p), f"truncated or damaged zip archive ({exc})") from exc
        if len(members) != 1:
            names = ", ".join(m.filename for m in members) or "none"
            raise InputError(str(p), f"zip archive must hold exactly one data file, found: {names}")
        if members[0].file_size == 0:
            raise InputError(f"{p}!{members[0].filename}", "empty file: nothing to read")
        return cls(p, members[0].filename, members[0].file_size)

    @property
    def label(self) -> str:
        """How the file is named in the ledger, the quarantine and `origin_ref`."""
        return f"{self.path}!{self.member}" if self.member else str(self.path)

    @property
    def name(self) -> str:
        """The bare file name (member name for a zip): used to sniff names like `.translation.`."""
        return self.member or self.path.name

    def size(self) -> int:
        """Bytes of data to read (uncompressed size for a zip member)."""
        if self.member is None:
            return self.path.stat().st_size
        if self.member_size is not None:
            return self.member_size
        with zipfile.ZipFile(self.path) as zf:
            return zf.getinfo(self.member).file_size

    def stream(self) -> BinaryIO:
        """A binary stream of the data; the caller closes it."""
        if self.member is None:
            return self.path.open("rb")
        zf = zipfile.ZipFile(self.path)
        return _ZipMemberStream(zf, self.member)

    def head(self, size: int = HEAD_BYTES) -> bytes:
        """The first bytes of the data, for format detection and headers."""
        with self.stream() as fh:
            return self.read_block(fh, size)

    def read_block(self, fh: BinaryIO, size: int) -> bytes:
        """Read from the data stream, turning a damaged archive into an InputError."""
        try:
            return fh.read(size)
        except _ZIP_ERRORS as exc:
            raise InputError(self.label, f"truncated or damaged zip archive ({exc})") from exc

    def read_after(self, fh: BinaryIO, carry: bytes, size: int) -> bytearray:
        """`carry` followed by up to `size` more bytes of the stream, in one new buffer (no
        second copy of the block); shorter at the end of the data."""
        data = bytearray(len(carry) + size)
        data[: len(carry)] = carry
        view = memoryview(data)
        filled = len(carry)
        try:
            while filled < len(data) and (n := fh.readinto(view[filled:])):
                filled += n
        except _ZIP_ERRORS as exc:
            raise InputError(self.label, f"truncated or damaged zip archive ({exc})") from exc
        del view
        del data[filled:]
        return data

    def sha256(self) -> str:
        """Digest of the file as it lies on disk (the zip itself for an archive)."""
        digest = hashlib.sha256()
        with self.path.open("rb") as fh:
            while block := fh.read(8 * 1024 * 1024):
                digest.update(block)
        return digest.hexdigest()


def resolved_path(path: str | Path) -> Path:
    """The absolute path of an existing file, symbolic links followed; InputError naming the
    path as given when there is no such file or its links loop."""
    try:
        return Path(path).resolve(strict=True)
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except (RuntimeError, OSError) as exc:  # Python 3.11 says a loop with RuntimeError
        if isinstance(exc, RuntimeError) or exc.errno == errno.ELOOP:
            raise InputError(str(path), "symbolic links loop: they never reach a file") from None
        raise InputError(str(path), f"cannot open it ({exc.strerror})") from None


class _ZipMemberStream(io.RawIOBase):
    """A zip member as a stream that also closes its archive."""

    def __init__(self, zf: zipfile.ZipFile, member: str) -> None:
        self._zf = zf
        self._fh = zf.open(member)

    def readable(self) -> bool:
        return True

    def read(self, size: int = -1) -> bytes:
        return self._fh.read(size)

    def readinto(self, b) -> int:
        data = self._fh.read(len(b))
        b[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._fh.close()
        self._zf.close()
        super().close()


def line_table(block: bytes, first_line_no: int) -> pa.Table:
    """Numbered lines of a block that ends at a line end (or at end of file), without copying."""
    return next(line_tables_of(block, first_line_no, max_lines=None))


def line_tables_of(
    block: bytes | bytearray | memoryview,
    first_line_no: int,
    max_lines: int | None = MAX_TABLE_LINES,
) -> Iterator[pa.Table]:
    """The block's numbered lines as tables of at most `max_lines` rows, without copying; a
    line longer than MAX_LINE_BYTES has its length in `overlong` (else NULL)."""
    buf = np.frombuffer(block, dtype=np.uint8)
    step = 8 << 20  # newlines found a slice at a time: no block-sized mask
    ends = np.concatenate(
        [np.flatnonzero(buf[i : i + step] == 10) + (i + 1) for i in range(0, len(buf), step)]
        or [np.zeros(0, np.int64)]
    )
    if len(ends) == 0 or ends[-1] != len(block):
        ends = np.append(ends, len(block))
    offsets = np.concatenate(([0], ends)).astype(np.int64)
    data = pa.py_buffer(block)
    step = max_lines or len(ends)
    for first in range(0, len(ends), step):
        part = offsets[first : first + step + 1]
        count = len(part) - 1
        raw = pa.LargeBinaryArray.from_buffers(
            pa.large_binary(), count, [None, pa.py_buffer(part), data]
        )
        lengths = np.diff(part)
        long = lengths > MAX_LINE_BYTES
        overlong = pa.array(lengths, mask=~long) if long.any() else pa.nulls(count, pa.int64())
        start = first_line_no + first
        numbers = pa.array(np.arange(start, start + count, dtype=np.int64))
        yield pa.Table.from_arrays([numbers, raw, overlong], schema=LINES_SCHEMA)


def _overlong_line(line_no: int, sample: bytes, length: int) -> pa.Table:
    """A one-row table for a line too long to hold: its first bytes and its length."""
    return pa.Table.from_arrays(
        [pa.array([line_no], pa.int64()), pa.array([sample], pa.large_binary()),
         pa.array([length], pa.int64())],
        schema=LINES_SCHEMA,
    )  # fmt: skip


def iter_line_tables(
    raw: RawFile, chunk_bytes: int | None = None, on_bytes: OnBytes = None
) -> Iterator[pa.Table]:
    """The file as tables of (line_no, raw bytes, overlong), each about `chunk_bytes` long
    and of at most MAX_TABLE_LINES lines.

    Lines are never split across tables. A line longer than MAX_LINE_BYTES is never held
    whole: it comes as one row with its first QUARANTINE_RAW_CHARS bytes and its length in
    `overlong`, so memory stays bounded by the chunk size whatever the input.
    `on_bytes(n)` is called with the bytes consumed, for progress bars.
    """
    chunk_bytes = chunk_bytes or CHUNK_BYTES
    next_line = 1
    carry = b""
    skipped: int | None = None  # bytes of an over-long line read so far, its sample in carry
    with raw.stream() as fh:
        while True:
            if skipped is None and carry:  # read on after the carried part, in one buffer
                data = raw.read_after(fh, carry, chunk_bytes)
                block = memoryview(data)[len(carry) :]
            else:
                data = block = raw.read_block(fh, chunk_bytes)
            if on_bytes and block:
                on_bytes(len(block))
            if not block:
                if skipped is not None:
                    yield _overlong_line(next_line, carry, skipped)
                elif carry:
                    yield from line_tables_of(carry, next_line)
                return
            if skipped is not None:  # inside an over-long line: find where it ends
                end = block.find(b"\n")
                if end < 0:
                    skipped += len(block)
                    continue
                yield _overlong_line(next_line, carry, skipped + end + 1)
                next_line += 1
                carry, skipped, data = b"", None, block[end + 1 :]
                if not data:
                    continue
            cut = data.rfind(b"\n") + 1
            if cut:
                for table in line_tables_of(memoryview(data)[:cut], next_line):
                    next_line += table.num_rows
                    yield table
            carry = bytes(data[cut:])
            if len(carry) > MAX_LINE_BYTES:
                skipped, carry = len(carry), carry[:QUARANTINE_RAW_CHARS]


@dataclass(frozen=True)
class ReadOptions:
    """Choices a reader needs beyond the file itself."""

    quad_convention: str = "gdelt"

    def __post_init__(self) -> None:
        if self.quad_convention not in QUAD_CONVENTIONS:
            raise UsageError(
                f"unknown quad-class convention {self.quad_convention!r}; "
                f"choose one of {', '.join(QUAD_CONVENTIONS)}"
            )


class Reader(ABC):
    """One input format. Subclasses set `name`, `origin`, `description` and implement
    `sniff` (does this content look like the format?) and `staging_sql`."""

    name: ClassVar[str]
    origin: ClassVar[str]
    description: ClassVar[str]
    header_lines: int = 0

    def __init__(self, raw: RawFile, options: ReadOptions | None = None) -> None:
        self.raw = raw
        self.options = options or ReadOptions()
        head = raw.head()
        mismatch = self.sniff(head)
        if mismatch is not None:
            raise InputError(raw.label, f"does not look like {self.name}: {mismatch}", line=1)
        self.prepare(head)

    @classmethod
    @abstractmethod
    def sniff(cls, head: bytes) -> str | None:
        """None when `head` (the first bytes) looks like this format, else why it does not."""

    def prepare(self, head: bytes) -> None:  # noqa: B027 - optional hook
        """Read what the rows depend on (a header, say) before the rows are staged."""

    def line_tables(self, on_bytes: OnBytes = None) -> Iterator[pa.Table]:
        """Tables of (line_no, raw) to stage; the default cuts the file at line ends."""
        return iter_line_tables(self.raw, on_bytes=on_bytes)

    def data_rows(self, lines: pa.Table) -> int:
        """How many data rows a table of `line_tables` holds (header lines are not rows),
        counted before any SQL runs: the ledger's `rows_read`."""
        if not self.header_lines:
            return lines.num_rows
        return pc.sum(pc.greater(lines["line_no"], self.header_lines)).as_py() or 0

    @abstractmethod
    def staging_sql(self, lines: str) -> str:
        """A SELECT over the table `lines` (the columns of `line_tables` and `_file`) giving the
        event columns plus `_file`, `_line`, `_reason`. It must not depend on the file's
        name: the lines of several files of the format may be staged at once."""

    def ref_sql(self) -> str:
        """The SQL expression for `origin_ref`: the file label, a colon and the line number."""
        return f"{file_label_sql()} || ':' || _line"


def file_label_sql() -> str:
    """SQL for the label of the file a staged line comes from (see FILE_LABELS)."""
    return f"getvariable('{FILE_LABELS}')[_file + 1]"


NOT_CARRIED: dict[str, str] = {
    "weight": "1.0",
    "num_mentions": "NULL::INTEGER",
    "num_articles": "NULL::INTEGER",
    "is_root": "NULL::BOOLEAN",
    "text": "NULL::VARCHAR",
    "confidence": "NULL::DOUBLE",
}
"""Event columns a coded dataset without mention counts or source text fills the same way."""


def sql_str(value: str) -> str:
    """A SQL string literal."""
    return "'" + value.replace("'", "''") + "'"


def finish_sql(
    columns: dict[str, str],
    reasons: list[tuple[str, str]],
    rows_from: str,
    notes: tuple[str, ...] = (),
) -> str:
    """Assemble a staging SELECT from expressions for the event columns and the reasons.

    `reasons` are (condition, message expression) pairs, tried in order; the first true one
    is the row's `_reason`. `rows_from` must expose `_file`, `_line`, `_text` (NULL when the
    line is not UTF-8) and `_bytes`; the raw line is kept (as text, or escaped bytes) only for
    bad rows.
    `notes` are SQL expressions giving a remark on a usable row (or NULL): what was kept but
    deserves a word in the ledger, such as an actor code no table knows.
    """
    missing = [c for c in EVENT_COLUMNS if c not in columns]
    if missing:
        raise ValueError(f"staging SQL lacks columns: {missing}")
    reasons = [(HAS_NUL, "'line holds a NUL byte'"), *reasons]
    reason = "CASE " + " ".join(f"WHEN {cond} THEN {msg}" for cond, msg in reasons) + " END"
    cols = ",\n    ".join(f"{columns[c]} AS {c}" for c in EVENT_COLUMNS)
    note = f"concat_ws('; ', {', '.join(notes)})" if notes else "''"
    decoded = "rtrim(try(decode(_bytes)), chr(13) || chr(10))"
    text = (
        f"CASE WHEN {HAS_NUL} THEN NULL ELSE coalesce(_text, CASE WHEN NOT contains({decoded}, "
        f"chr(0)) THEN {decoded} END) END"
    )
    return (
        f"SELECT * EXCLUDE (_text, _bytes),\n"
        f"  CASE WHEN _reason IS NOT NULL THEN left(coalesce({text}, CAST(_bytes AS VARCHAR)), "
        f"{QUARANTINE_RAW_CHARS}) END AS _raw,\n"
        f"  octet_length(_bytes) AS _raw_bytes\n"
        f"FROM (SELECT\n    {cols},\n    _file, _line, _text, _bytes,\n    {reason} AS _reason,\n"
        f"    nullif({note}, '') AS _note\n"
        f"  FROM {rows_from})"
    )


def text_lines_sql(lines: str, header_lines: int = 0, split: bool = False) -> str:
    """A subquery of numbered lines decoded as UTF-8 (`_text` NULL when they are not).

    `_split` is the text to cut into fields: the line itself, or, for quoted CSV whose
    records `iter_csv_tables` has parsed, the `fields` column (fields joined by FIELD_SEPARATOR).
    """
    text = "rtrim(try(decode(raw)), chr(13) || chr(10))"
    return (
        f"(SELECT *, {'fields' if split else '_text'} AS _split FROM (SELECT line_no AS _line, "
        f"_file, {text} AS _text, raw AS _bytes{', fields' if split else ''} "
        f"FROM {lines} WHERE line_no > {header_lines}))"
    )


def iter_csv_tables(
    raw: RawFile, na_values: tuple[str, ...] = (), on_bytes: OnBytes = None
) -> Iterator[pa.Table]:
    """Quoted CSV records as tables of (line_no, raw, fields).

    A record may span lines inside quotes; it is numbered by its first line, `raw` is its
    original text and `fields` its values joined by FIELD_SEPARATOR (NULL when the record is
    not valid CSV), with `na_values` read as empty.
    """
    with raw.stream() as fh:
        text = io.TextIOWrapper(fh, encoding="utf-8", errors="surrogateescape", newline="")
        tap = _LineTap(text, on_bytes)
        records = csv.reader(tap)
        batch: list[tuple[int, bytes, str | None]] = []
        while True:
            try:
                record: list[str] | None = next(records)
            except StopIteration:
                break
            except csv.Error:
                record = None
            line_no, original = tap.take()
            fields = (
                None
                if record is None
                else FIELD_SEPARATOR.join("" if v in na_values else v for v in record)
            )
            batch.append((line_no, original.encode("utf-8", errors="surrogateescape"), fields))
            if len(batch) >= CSV_TABLE_ROWS:
                yield _csv_table(batch)
                batch = []
        if batch:
            yield _csv_table(batch)


def _csv_table(batch: list[tuple[int, bytes, str | None]]) -> pa.Table:
    numbers, raws, fields = zip(*batch, strict=True)
    return pa.Table.from_arrays(
        [pa.array(numbers, pa.int64()), pa.array(raws, pa.large_binary()), pa.array(fields)],
        schema=CSV_SCHEMA,
    )


class _LineTap:
    """Feeds lines to csv.reader and remembers which lines each record consumed."""

    def __init__(self, text: io.TextIOBase, on_bytes: OnBytes = None) -> None:
        self._text = text
        self._on_bytes = on_bytes
        self._line_no = 0
        self._first = 1
        self._parts: list[str] = []

    def __iter__(self) -> _LineTap:
        return self

    def __next__(self) -> str:
        line = self._text.readline()
        if not line:
            raise StopIteration
        self._line_no += 1
        self._parts.append(line)
        if self._on_bytes:
            self._on_bytes(len(line))
        return line

    def take(self) -> tuple[int, str]:
        """The first line number and the text of the record just parsed."""
        first, text = self._first, "".join(self._parts).rstrip("\r\n")
        self._parts = []
        self._first = self._line_no + 1
        return first, text


def quoted(expr: str, limit: int = 40) -> str:
    """SQL giving the value of `expr` in quotes, shortened, for use in a reason message."""
    return f"'''' || left(coalesce({expr}, ''), {limit}) || ''''"
