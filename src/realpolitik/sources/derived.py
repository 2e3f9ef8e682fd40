"""The project's own export of a typed record table: `<table name>.csv`, so that a folder of
small derived tables (such as `examples/records`) loads like the raw files it was made from,
into the same tables, with the same facts and indicators on top.

The header is exactly the table's columns and `provenance`, in any order. Every row keeps the
provenance of the raw row it was made from (`sipri_trade_register_2000_2023.csv:line 123`),
not a line of the export. Each cell is checked against its column's DuckDB type; an empty
cell is NULL (so an exported VARCHAR cannot hold an empty string). A row with a cell that is
not of its type, an empty key column or provenance, or the wrong number of fields is
quarantined with its line in the export and the reason.

`derived_observations` holds indicator values whose records are too large to ship (the UN
General Assembly votes); `realpolitik.measures.indicators.refresh` copies them into
`observations` for every indicator it cannot compute from the loaded tables.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path

import pandas as pd

from realpolitik.errors import InputError
from realpolitik.sources.records import RecordReader, RecordRows, RecordTable

DERIVED_OBSERVATIONS = RecordTable(
    name="derived_observations",
    columns=(
        ("indicator", "VARCHAR"),
        ("source", "VARCHAR"),
        ("target", "VARCHAR"),
        ("period", "DATE"),
        ("freq", "VARCHAR"),
        ("value", "DOUBLE"),
    ),
    key=("indicator", "source", "target", "period"),
)
"""Rows of `observations` exported with their provenance, for indicators whose records are
not shipped; the columns are those of `observations`."""


def _whole_numbers(low: int, high: int) -> Callable[[pd.Series], pd.Series]:
    """A parser of integers written as digits, within [low, high] (the DuckDB type's range)."""

    def parse(text: pd.Series) -> pd.Series:
        written = text[text.str.fullmatch(r"[+-]?\d+")].map(int)
        return written[written.between(low, high)].reindex(text.index).astype("Int64")

    return parse


def _doubles(text: pd.Series) -> pd.Series:
    """Finite decimal numbers (`0.5`, `-3`, `1e-05`); `nan`, `inf` and `1e999` are not."""
    written = text[text.str.fullmatch(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")]
    numbers = written.astype(float)
    return numbers[numbers.abs() < float("inf")].reindex(text.index)


def _iso_date(text: str) -> date | None:
    """The day of `YYYY-MM-DD`, or None for an impossible one (`2018-02-30`)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _dates(text: pd.Series) -> pd.Series:
    """Days written `YYYY-MM-DD`."""
    written = text[text.str.fullmatch(r"\d{4}-\d{2}-\d{2}")]
    return written.map(_iso_date).reindex(text.index).astype(object)


def _booleans(text: pd.Series) -> pd.Series:
    """`true` or `false`."""
    return text.map({"true": True, "false": False}).astype("boolean")


CELL_PARSERS: dict[str, Callable[[pd.Series], pd.Series]] = {
    "INTEGER": _whole_numbers(-(2**31), 2**31 - 1),
    "BIGINT": _whole_numbers(-(2**63), 2**63 - 1),
    "DOUBLE": _doubles,
    "DATE": _dates,
    "BOOLEAN": _booleans,
    "VARCHAR": lambda text: text.astype("string"),
}
"""Per DuckDB type, a parser of non-empty cells: the typed values, NA where a cell is not of
the type. The writer (`scripts/build_demo_records.py`) writes these forms."""


class DerivedTableReader(RecordReader):
    """Reads `<table>.csv`, the export of one typed table; `derived_reader` makes one subclass
    per table."""

    def read(self, path: Path) -> RecordRows:
        header, lines, records = _csv_records(path)
        self._check_header(path, header)
        width = len(header)
        fits = [len(record) == width for record in records]
        quarantined = [
            (line, f"has {len(record)} fields, the header has {width}", _raw(record))
            for line, record, whole in zip(lines, records, fits, strict=True)
            if not whole
        ]
        cells = pd.DataFrame(
            [record for record, whole in zip(records, fits, strict=True) if whole],
            columns=header,
            index=[line for line, whole in zip(lines, fits, strict=True) if whole],
            dtype=str,
        )
        rows = pd.DataFrame(index=cells.index)
        reasons = pd.Series(pd.NA, index=cells.index, dtype="string")
        for column, sql_type in (*self.table.columns, ("provenance", "VARCHAR")):
            text = cells[column]
            empty = text == ""
            rows[column] = CELL_PARSERS[sql_type](text[~empty]).reindex(cells.index)
            wrong = ~empty & rows[column].isna()
            article = "an" if sql_type[0] in "AEIOU" else "a"
            reasons = reasons.fillna(f"{column} '" + text[wrong] + f"' is not {article} {sql_type}")
            if column in (*self.table.key, "provenance"):
                why = "a key column" if column in self.table.key else "every row names its source"
                missing = pd.Series(f"{column} is empty ({why})", index=empty.index[empty])
                reasons = reasons.fillna(missing)
        bad = reasons.notna()
        quarantined += [
            (int(line), reasons[line], _raw(cells.loc[line].to_dict())) for line in cells.index[bad]
        ]
        good = rows.loc[~bad, [*self.table.column_names, "provenance"]].reset_index(drop=True)
        return RecordRows(rows=good, rows_read=len(records), quarantined=sorted(quarantined))

    def _check_header(self, path: Path, header: list[str]) -> None:
        """InputError naming the file and the column unless the header is exactly the table's
        columns and `provenance`, each once."""
        expected = (*self.table.column_names, "provenance")
        if missing := [c for c in expected if c not in header]:
            raise InputError(str(path), f"lacks column(s) {', '.join(missing)}", line=1)
        if unknown := [c for c in header if c not in expected]:
            raise InputError(
                str(path), f"has column(s) {', '.join(unknown)} not in {self.table.name}", line=1
            )
        if repeated := sorted({c for c in header if header.count(c) > 1}):
            raise InputError(str(path), f"repeats column(s) {', '.join(repeated)}", line=1)


def _raw(record: list[str] | dict[str, str]) -> str:
    """A quarantined record as text: its cells as JSON."""
    return json.dumps(record, ensure_ascii=False)


def _csv_records(path: Path) -> tuple[list[str], list[int], list[list[str]]]:
    """The header, and each data record with the line it starts on (a quoted value may span
    lines); blank lines are skipped. InputError when the file is not UTF-8 CSV or has no
    data row."""
    lines: list[int] = []
    records: list[list[str]] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            reader = csv.reader(stream, strict=True)
            header = next(reader, None)
            if header is None:
                raise InputError(str(path), "empty file: no header")
            end_of_last = reader.line_num
            for record in reader:
                if record:
                    lines.append(end_of_last + 1)
                    records.append(record)
                end_of_last = reader.line_num
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(str(path), f"cannot read as CSV ({exc})") from exc
    if not records:
        raise InputError(str(path), "no data rows")
    return header, lines, records


def derived_reader(table: RecordTable) -> type[DerivedTableReader]:
    """The reader of `<table>.csv` at the root of a loaded folder, filling `table`."""
    if unknown := sorted({t for _, t in table.columns} - set(CELL_PARSERS)):
        raise ValueError(f"{table.name}: no cell parser for type(s) {', '.join(unknown)}")
    words = "".join(part.title() for part in table.name.split("_"))
    return type(
        f"Derived{words}Reader",
        (DerivedTableReader,),
        {
            "__module__": __name__,
            "__doc__": f"Reads `{table.name}.csv`, the project's export of `{table.name}`.",
            "name": f"derived-{table.name}",
            "description": f"realpolitik's CSV export of the {table.name} table",
            "table": table,
            "default_path": f"{table.name}.csv",
        },
    )


def derived_readers(tables: Iterable[RecordTable]) -> tuple[type[DerivedTableReader], ...]:
    """One reader per distinct table name, in the order first given."""
    by_name = {}
    for table in tables:
        by_name.setdefault(table.name, table)
    return tuple(derived_reader(table) for table in by_name.values())
