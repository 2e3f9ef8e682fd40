"""The canonical event format itself, as CSV (with a header), JSON Lines or Parquet, so that
other tools and the text coder can feed the store.

Columns are those of `realpolitik.schema`; only `event_id` and `date` are required. What a row
leaves empty is filled the documented way: `date_precision` day, `quad_class` from the CAMEO
root (under the chosen convention), `goldstein` from the CAMEO table, `weight` 1, `origin`
`canonical`, `origin_ref` the file and line. Unknown columns are ignored.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from abc import abstractmethod
from collections.abc import Iterator
from typing import ClassVar

import pyarrow as pa
import pyarrow.parquet as pq

from realpolitik.errors import InputError
from realpolitik.schema import DATE_PRECISIONS, EVENT_COLUMNS
from realpolitik.sources.base import (
    FIELD_SEPARATOR,
    OnBytes,
    Reader,
    file_label_sql,
    finish_sql,
    iter_csv_tables,
    quoted,
    sql_str,
    text_lines_sql,
)

REQUIRED = ("event_id", "date")
PARQUET_BATCH_ROWS = 200_000
_PARQUET_MAGIC = b"PAR1"


class CanonicalReader(Reader):
    """Shared validation: subclasses say how to get a column's text (`value`) and the rows."""

    origin = "canonical"
    present: ClassVar[frozenset[str]] = frozenset(EVENT_COLUMNS)

    @abstractmethod
    def value(self, column: str) -> str:
        """SQL giving the column's text for the row ('' when absent)."""

    @abstractmethod
    def rows_from(self, lines: str) -> str:
        """The FROM clause exposing the row's values as `s`, with `_line`, `_text`, `_bytes`."""

    def row_reasons(self) -> list[tuple[str, str]]:
        """Checks on the row as a whole, before its values are checked."""
        return [("s._text IS NULL", "'line is not valid UTF-8'"), ("s._text = ''", "'blank line'")]

    def staging_sql(self, lines: str) -> str:
        v = self.value
        date = f"try_strptime(left({v('date')}, 10), '%Y-%m-%d')::DATE"
        cameo = v("cameo")
        quad_given = f"try_cast({v('quad_class')} AS TINYINT)"
        gold_given = f"try_cast({v('goldstein')} AS DOUBLE)"
        weight = f"try_cast({v('weight')} AS DOUBLE)"
        confidence = f"try_cast({v('confidence')} AS DOUBLE)"
        precisions = ", ".join(f"'{p}'" for p in DATE_PRECISIONS)
        columns = {
            "event_id": v("event_id"),
            "date": date,
            "date_precision": f"coalesce(nullif({v('date_precision')}, ''), 'day')",
            "source": f"upper({v('source')})",
            "target": f"upper({v('target')})",
            "source_sector": v("source_sector"),
            "target_sector": v("target_sector"),
            "source_name": v("source_name"),
            "target_name": v("target_name"),
            "cameo": cameo,
            "quad_class": f"coalesce({quad_given}, q.quad)",
            "goldstein": f"CASE WHEN {v('goldstein')} = '' THEN c.goldstein ELSE {gold_given} END",
            "weight": f"CASE WHEN {v('weight')} = '' THEN 1.0 ELSE {weight} END",
            "num_mentions": f"try_cast({v('num_mentions')} AS INTEGER)",
            "num_articles": f"try_cast({v('num_articles')} AS INTEGER)",
            "is_root": f"try_cast(nullif({v('is_root')}, '') AS BOOLEAN)",
            "origin": f"coalesce(nullif({v('origin')}, ''), {sql_str(self.origin)})",
            "origin_ref": f"coalesce(nullif({v('origin_ref')}, ''), {self.ref_sql()})",
            "text": f"nullif({v('text')}, '')",
            "confidence": f"CASE WHEN {v('confidence')} = '' THEN NULL ELSE {confidence} END",
        }

        def bad(column: str, condition: str, what: str) -> tuple[str, str]:
            return (condition, f"'{column} ' || {quoted(v(column))} || ' {what}'")

        def not_number(column: str, cast: str, low: float, high: float) -> tuple[str, str]:
            return bad(
                column,
                f"{v(column)} <> '' AND ({cast} IS NULL OR NOT isfinite({cast}) "
                f"OR {cast} NOT BETWEEN {low} AND {high})",
                f"is not a number in {low:g}..{high:g}",
            )

        reasons = [
            *self.row_reasons(),
            (f"{v('event_id')} = ''", "'event_id is empty'"),
            bad("date", f"{date} IS NULL", "is not a valid YYYY-MM-DD date"),
            bad(
                "date_precision",
                f"{v('date_precision')} NOT IN ('', {precisions})",
                f"is not one of {', '.join(DATE_PRECISIONS)}",
            ),
            *(
                bad(
                    col,
                    f"NOT regexp_full_match({v(col)}, '[A-Za-z]{{3,4}}|')",
                    "is not an actor code",
                )
                for col in ("source", "target")
            ),
            bad("cameo", f"NOT regexp_full_match({cameo}, '[0-9]{{2,4}}|')", "is not a CAMEO code"),
            bad(
                "quad_class",
                f"{v('quad_class')} <> '' AND ({quad_given} IS NULL "
                f"OR {quad_given} NOT BETWEEN 1 AND 4)",
                "is not 1, 2, 3 or 4",
            ),
            (
                f"{v('quad_class')} = '' AND q.quad IS NULL",
                "'quad_class is empty and cannot be derived without a CAMEO code'",
            ),
            not_number("goldstein", gold_given, -10, 10),
            not_number("weight", weight, 0, 1e300),
            not_number("confidence", confidence, 0, 1),
            *(
                bad(
                    col,
                    f"{v(col)} <> '' AND try_cast({v(col)} AS INTEGER) IS NULL",
                    "is not a whole number",
                )
                for col in ("num_mentions", "num_articles")
            ),
            bad(
                "is_root",
                f"{v('is_root')} <> '' AND try_cast({v('is_root')} AS BOOLEAN) IS NULL",
                "is not true or false",
            ),
        ]
        notes = tuple(
            f"CASE WHEN {v(col)} <> '' AND k{col}.code IS NULL THEN "
            f"'{col} ' || {quoted(f'upper({v(col)})')} || ' not in the country table (kept)' END"
            for col in ("source", "target")
        )
        rows_from = (
            f"{self.rows_from(lines)} "
            f"LEFT JOIN _quad q ON q.root = left({cameo}, 2) "
            f"LEFT JOIN _cameo_goldstein c ON c.code = {cameo} "
            f"LEFT JOIN _actor_codes ksource ON ksource.code = upper({v('source')}) "
            f"AND ksource.cameo = ksource.code "
            f"LEFT JOIN _actor_codes ktarget ON ktarget.code = upper({v('target')}) "
            f"AND ktarget.cameo = ktarget.code"
        )
        return finish_sql(columns, reasons, rows_from, notes)

    def check_columns(self, names: list[str]) -> None:
        """Raise InputError when a required column is missing."""
        missing = [c for c in REQUIRED if c not in names]
        if missing:
            raise InputError(self.raw.label, f"canonical file lacks column(s) {', '.join(missing)}")


class CanonicalCsvReader(CanonicalReader):
    name = "canonical-csv"
    description = "canonical events as CSV with a header row of schema column names"
    header_lines = 1

    @classmethod
    def sniff(cls, head: bytes) -> str | None:
        first = head.removeprefix(codecs.BOM_UTF8).split(b"\n", 1)[0].decode("utf-8", "replace")
        try:
            names = next(csv.reader([first.rstrip("\r")]), [])
        except csv.Error:
            names = []
        if all(c in names for c in REQUIRED):
            return None
        return "expected a CSV header naming at least event_id and date"

    def prepare(self, head: bytes) -> None:
        text = head.removeprefix(codecs.BOM_UTF8).decode("utf-8", "replace")
        names = [n.strip() for n in next(csv.reader(io.StringIO(text)))]
        self.check_columns(names)
        self.width = len(names)
        self.index = {n: i + 1 for i, n in enumerate(names) if n in EVENT_COLUMNS}

    def line_tables(self, on_bytes: OnBytes = None) -> Iterator[pa.Table]:
        return iter_csv_tables(self.raw, on_bytes=on_bytes)

    def value(self, column: str) -> str:
        return f"coalesce(s.f[{self.index[column]}], '')" if column in self.index else "''"

    def rows_from(self, lines: str) -> str:
        return (
            f"(SELECT _file, _line, _text, _bytes, _split, "
            f"string_split(_split, chr({ord(FIELD_SEPARATOR)})) AS f "
            f"FROM {text_lines_sql(lines, self.header_lines, split=True)}) s"
        )

    def row_reasons(self) -> list[tuple[str, str]]:
        return [
            *super().row_reasons(),
            ("s._split IS NULL", "'record is not valid CSV (unbalanced quotes?)'"),
            (
                f"len(s.f) <> {self.width}",
                f"'expected {self.width} comma-separated fields (as in the header), found ' "
                "|| len(s.f)",
            ),
        ]


class CanonicalJsonlReader(CanonicalReader):
    name = "canonical-jsonl"
    description = "canonical events as JSON Lines, one object per line"

    @classmethod
    def sniff(cls, head: bytes) -> str | None:
        first = head.removeprefix(codecs.BOM_UTF8).split(b"\n", 1)[0].strip()
        try:
            obj = json.loads(first)
        except ValueError:
            return "expected one JSON object per line"
        if isinstance(obj, dict) and all(c in obj for c in REQUIRED):
            return None
        return "expected JSON objects with at least event_id and date"

    def value(self, column: str) -> str:
        return f"coalesce(json_extract_string(s._json, '$.{column}'), '')"

    def rows_from(self, lines: str) -> str:
        return (
            "(SELECT *, CASE WHEN json_valid(_text) THEN _text::JSON END AS _json "
            f"FROM {text_lines_sql(lines)}) s"
        )

    def row_reasons(self) -> list[tuple[str, str]]:
        return [
            *super().row_reasons(),
            ("s._json IS NULL", "'line is not valid JSON'"),
            ("json_type(s._json) <> 'OBJECT'", "'line is not a JSON object'"),
        ]


class CanonicalParquetReader(CanonicalReader):
    name = "canonical-parquet"
    description = "canonical events as Parquet (typed or text columns named as the schema)"

    @classmethod
    def sniff(cls, head: bytes) -> str | None:
        return None if head.startswith(_PARQUET_MAGIC) else "not a Parquet file (no PAR1 magic)"

    def prepare(self, head: bytes) -> None:
        if self.raw.member is not None:
            raise InputError(self.raw.label, "Parquet inside a zip archive is not supported")
        try:
            self.parquet = pq.ParquetFile(self.raw.path)
        except (pa.ArrowException, OSError) as exc:
            raise InputError(self.raw.label, f"damaged Parquet file ({exc})") from exc
        names = self.parquet.schema_arrow.names
        self.check_columns(names)
        self.columns = [n for n in names if n in EVENT_COLUMNS]

    def ref_sql(self) -> str:
        return f"{file_label_sql()} || ':row ' || _line"

    def line_tables(self, on_bytes: OnBytes = None) -> Iterator[pa.Table]:
        """Row groups as text columns numbered by row, with the row as JSON for quarantine."""
        row = 1
        try:
            for batch in self.parquet.iter_batches(PARQUET_BATCH_ROWS, columns=self.columns):
                texts = {n: _as_text(batch.column(n)) for n in self.columns}
                numbers = pa.array(range(row, row + batch.num_rows), pa.int64())
                row += batch.num_rows
                if on_bytes:
                    on_bytes(batch.nbytes)
                yield pa.table({"line_no": numbers, **texts})
        except (pa.ArrowException, OSError) as exc:
            raise InputError(self.raw.label, f"damaged Parquet file ({exc})") from exc

    def value(self, column: str) -> str:
        return f"coalesce(s.{column}, '')" if column in self.columns else "''"

    def rows_from(self, lines: str) -> str:
        row = ", ".join(f"'{c}': {c}" for c in self.columns)
        return (
            f"(SELECT *, line_no AS _line, CAST({{{row}}} AS JSON)::VARCHAR AS _text, "
            f"encode(CAST({{{row}}} AS JSON)::VARCHAR) AS _bytes FROM {lines}) s"
        )

    def row_reasons(self) -> list[tuple[str, str]]:
        return []


def _as_text(column: pa.ChunkedArray | pa.Array) -> pa.Array:
    """A Parquet column as text: dates as YYYY-MM-DD, numbers and booleans as written."""
    if pa.types.is_timestamp(column.type):
        column = column.cast(pa.date32())
    return column.cast(pa.large_string())
