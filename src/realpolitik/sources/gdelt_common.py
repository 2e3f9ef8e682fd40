"""What GDELT 1.0 and 2.0 event rows share: the first 38 columns and how they become events.

Column positions (0-based) are those of the GDELT codebooks; 1.0 and 2.0 agree up to
Actor1Geo_ADM1Code (38), after which 2.0 inserts ADM2 columns. Actor country codes are CAMEO
codes, mapped to store codes through the country table; an IGO known-group code (UNO, NATO…)
stands in when the country code is empty. QuadClass and GoldsteinScale are kept as the file
carries them.

Tab-separated files are cut into fields by Arrow's CSV parser, only the columns an event needs
and only on lines already known to be whole records (`tab_field_tables`): the line checks
(UTF-8, NUL bytes, stray carriage returns, blank lines, the number of fields) run vectorised on
the bytes first, so every line keeps its number and a bad one its reason.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterator

import numpy as np
import pyarrow as pa
import pyarrow.csv as pcsv

from realpolitik.sources.base import (
    OnBytes,
    RawFile,
    finish_sql,
    iter_line_tables,
    quoted,
    sql_str,
)

GLOBALEVENTID = 0
SQLDATE = 1
ACTOR1_NAME, ACTOR1_COUNTRY, ACTOR1_GROUP, ACTOR1_TYPE = 6, 7, 8, 12
ACTOR2_NAME, ACTOR2_COUNTRY, ACTOR2_GROUP, ACTOR2_TYPE = 16, 17, 18, 22
IS_ROOT, EVENT_CODE, QUAD_CLASS, GOLDSTEIN = 25, 26, 29, 30
NUM_MENTIONS, NUM_ARTICLES = 31, 33
NEEDED = (
    GLOBALEVENTID, SQLDATE, ACTOR1_NAME, ACTOR1_COUNTRY, ACTOR1_GROUP, ACTOR1_TYPE, ACTOR2_NAME,
    ACTOR2_COUNTRY, ACTOR2_GROUP, ACTOR2_TYPE, IS_ROOT, EVENT_CODE, QUAD_CLASS, GOLDSTEIN,
    NUM_MENTIONS, NUM_ARTICLES,
)  # fmt: skip
"""The fields an event is made of; the others are never parsed."""


THREADED_PARSE_BYTES = 8 << 20
"""Blocks larger than this are parsed on Arrow's threads; a smaller one (a 15-minute file) is
parsed faster on the calling thread alone, as starting the threads costs more than they save
(files are read on several threads at once anyway)."""


def f(index: int) -> str:
    """SQL for field `index` (0-based, as in the codebook) of a staged row: column `c<index>`."""
    return f"s.c{index}"


def tab_field_tables(
    raw: RawFile, field_counts: tuple[int, ...], on_bytes: OnBytes = None
) -> Iterator[pa.Table]:
    """The file's lines as tables of `line_no`, `raw`, `overlong`, `_pre_code` (why the line is
    no record: an index into LINE_REASONS, or NULL), `_fields` (counted only when a record is
    not whole) and the NEEDED fields as `c<index>` (NULL on a line with a reason)."""
    for lines in iter_line_tables(raw, on_bytes=on_bytes):
        yield _with_fields(lines, field_counts)


LINE_REASONS = (
    "line is too long",  # quarantined by the store before staging
    "line is not valid UTF-8",
    "line holds a NUL byte",
    "blank line",
    "line holds a carriage return inside it",
    "expected {counts} tab-separated fields, found {found}",
)
"""Why a line is no record, in the order they are checked (the first that applies wins)."""
_WRONG_COUNT = len(LINE_REASONS) - 1
_NONE = 255


def _with_fields(lines: pa.Table, field_counts: tuple[int, ...]) -> pa.Table:
    count = lines.num_rows
    column = lines["raw"]
    array = column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()
    _, offsets_buffer, data_buffer = array.buffers()
    offsets = np.frombuffer(offsets_buffer, np.int64)[array.offset : array.offset + count + 1]
    data = np.frombuffer(data_buffer, np.uint8)
    starts, ends = offsets[:-1], offsets[1:]
    newline = (ends > starts) & (data[np.maximum(ends - 1, 0)] == 10)
    body_end = ends - newline
    cr = (body_end > starts) & (data[np.maximum(body_end - 1, 0)] == 13)
    body_end = body_end - cr
    first = int(offsets[0])
    span = data[first : int(offsets[-1])]
    reason = np.full(count, _NONE, np.uint8)  # index into LINE_REASONS; checked last to first

    def mark(rows: np.ndarray, code: int) -> None:
        reason[rows & (reason > code)] = code

    mark(body_end == starts, 3)
    if _occurs(span, 0):
        mark(_per_line(span, 0, first, starts, body_end) > 0, 2)
    try:
        array.view(pa.large_string()).validate(full=True)  # UTF-8 checked in place
    except pa.ArrowInvalid:
        invalid = np.zeros(count, bool)
        invalid[_not_utf8(span, starts - first, ends - first)] = True
        mark(invalid, 1)
    mark(lines["overlong"].is_valid().to_numpy(zero_copy_only=False), 0)
    fields = np.zeros(count, np.int64)
    table = None
    good = reason == _NONE
    if (
        good.any()
        and len(field_counts) == 1
        and not np.count_nonzero(span[starts[good] - first] == 13)
    ):
        table = _parse(_rows(span, good, starts - first, ends - first), field_counts[0], True)
    if not good.any():
        parsed = {i: pa.nulls(count, pa.string()) for i in NEEDED}
    elif table is None or table.num_rows != int(good.sum()):  # a record is not whole: find which
        fields = _per_line(span, 9, first, starts, body_end) + 1
        mark(~np.isin(fields, field_counts), _WRONG_COUNT)
        mark(_per_line(span, 13, first, starts, body_end) > 0, 4)
        good = reason == _NONE
        parsed = {i: pa.nulls(count, pa.string()) for i in NEEDED}
        for width in field_counts:
            rows = good & (fields == width)
            if rows.any():
                table = _parse(_rows(span, rows, starts - first, ends - first), width)
                where = pa.array(np.cumsum(rows) - 1, mask=~rows)
                for i in NEEDED:
                    parsed[i] = pa.compute.coalesce(parsed[i], table[f"c{i}"].take(where))
    elif good.all():
        parsed = {i: table[f"c{i}"] for i in NEEDED}
    else:
        where = pa.array(np.cumsum(good) - 1, mask=~good)
        parsed = {i: table[f"c{i}"].take(where) for i in NEEDED}
    columns = {name: lines[name] for name in lines.column_names}
    columns["_pre_code"] = pa.array(reason, mask=reason == _NONE)
    columns["_fields"] = pa.array(fields)
    columns.update({f"c{i}": parsed[i] for i in NEEDED})
    return pa.table(columns)


def line_reason_sql(field_counts: tuple[int, ...]) -> str:
    """SQL for the text of a line's `_pre_code` (with `_fields` for a wrong count)."""
    texts = [sql_str(text) for text in LINE_REASONS[:_WRONG_COUNT]]
    expected = " or ".join(map(str, field_counts))
    wrong = sql_str(f"expected {expected} tab-separated fields, found ") + " || _fields"
    cases = " ".join(f"WHEN {code} THEN {text}" for code, text in enumerate(texts))
    return f"CASE _pre_code {cases} WHEN {_WRONG_COUNT} THEN {wrong} END"


def _occurs(span: np.ndarray, byte: int, step: int = 8 << 20) -> bool:
    """Whether `byte` occurs in the span, looked for a slice at a time (no span-sized mask)."""
    return any(np.count_nonzero(span[i : i + step] == byte) for i in range(0, len(span), step))


def _rows(span: np.ndarray, rows: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The bytes of the chosen lines (the whole span, uncopied, when all are chosen)."""
    return span if rows.all() else span[np.repeat(rows, ends - starts)]


def _per_line(
    span: np.ndarray, byte: int, first: int, starts: np.ndarray, ends: np.ndarray
) -> np.ndarray:
    """How often `byte` occurs in each line's body."""
    where = np.flatnonzero(span == byte) + first
    return np.searchsorted(where, ends) - np.searchsorted(where, starts)


def _parse(block: np.ndarray, width: int, strict: bool = False) -> pa.Table | None:
    """Arrow's CSV parser on tab-separated records of `width` fields: NEEDED only. `strict`:
    None at the first record that is not whole, else records known to be whole."""
    names = [f"c{i}" for i in range(width)]
    broken: list[object] = []

    def not_whole(row: object) -> str:
        broken.append(row)
        return "skip"

    table = pcsv.read_csv(
        pa.BufferReader(pa.py_buffer(block)),
        read_options=pcsv.ReadOptions(
            column_names=names, block_size=16 << 20, use_threads=len(block) > THREADED_PARSE_BYTES
        ),
        parse_options=pcsv.ParseOptions(
            delimiter="\t",
            quote_char=False,
            escape_char=False,
            double_quote=False,
            invalid_row_handler=not_whole if strict else None,
        ),
        convert_options=pcsv.ConvertOptions(
            include_columns=[f"c{i}" for i in NEEDED],
            column_types={f"c{i}": pa.string() for i in NEEDED},
            strings_can_be_null=False,
        ),
    )
    return None if broken else table


def _not_utf8(span: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> list[int]:
    """Indexes of the lines that are not valid UTF-8 (the whole block is checked at once)."""
    bad: list[int] = []
    position = 0
    view = memoryview(span)
    while position < len(span):
        try:
            codecs.utf_8_decode(view[position:], "strict", True)
            break
        except UnicodeDecodeError as exc:
            line = int(np.searchsorted(ends, position + exc.start, side="right"))
            bad.append(line)
            position = int(ends[line])
    return bad


def _actor_code(country: int, group: int, alias: str) -> str:
    return (
        f"coalesce({alias}c.code, {alias}g.code, "
        f"CASE WHEN regexp_full_match({f(country)}, '[A-Z]{{3}}') THEN {f(country)} ELSE '' END)"
    )


def _actor_joins(country: int, group: int, alias: str) -> str:
    return (
        f"LEFT JOIN _actor_codes {alias}c ON {alias}c.cameo = {f(country)} "
        f"LEFT JOIN _actor_codes {alias}g ON {alias}g.cameo = {f(group)} AND {alias}g.kind = 'igo'"
    )


def _bad_int(index: int, label: str) -> tuple[str, str]:
    return (
        f"{f(index)} <> '' AND try_cast({f(index)} AS INTEGER) IS NULL",
        f"'{label} ' || {quoted(f(index))} || ' is not a whole number'",
    )


def field_tables_sql(lines: str, field_counts: tuple[int, ...]) -> str:
    """The rows of `tab_field_tables` as `gdelt_staging_sql` reads them."""
    fields = ", ".join(f"c{i}" for i in NEEDED)
    return (
        f"(SELECT _file, line_no AS _line, NULL::VARCHAR AS _text, raw AS _bytes, "
        f"{line_reason_sql(field_counts)} AS _pre, {fields} FROM {lines})"
    )


def split_fields_sql(
    text_lines: str, field_counts: tuple[int, ...], separator: str, split_char: str
) -> str:
    """Rows of `text_lines_sql` split into fields in SQL, as `gdelt_staging_sql` reads them
    (for the quoted-CSV files, whose records `iter_csv_tables` has parsed)."""
    counts = ", ".join(str(n) for n in field_counts)
    expected = " or ".join(str(n) for n in field_counts)
    fields = ", ".join(f"f[{i + 1}] AS c{i}" for i in NEEDED)
    pre = (
        "CASE WHEN _text IS NULL THEN 'line is not valid UTF-8' "
        "WHEN _text = '' THEN 'blank line' "
        "WHEN _split IS NULL THEN 'record is not valid CSV (unbalanced quotes?)' "
        f"WHEN len(f) NOT IN ({counts}) THEN "
        f"'expected {expected} {separator} fields, found ' || len(f) END"
    )
    return (
        f"(SELECT _file, _line, _text, _bytes, {pre} AS _pre, {fields} FROM "
        f"(SELECT *, string_split(_split, chr({ord(split_char)})) AS f FROM {text_lines}))"
    )


def gdelt_staging_sql(*, lines_subquery: str, origin: str, ref_sql: str) -> str:
    """The staging SELECT for GDELT event rows whose fields are columns `c<index>` and whose
    line-level reason is `_pre` (see `field_tables_sql` and `split_fields_sql`)."""
    date = f"try_strptime({f(SQLDATE)}, '%Y%m%d')::DATE"
    goldstein = f"try_cast({f(GOLDSTEIN)} AS DOUBLE)"
    quad = f"try_cast({f(QUAD_CLASS)} AS TINYINT)"
    columns = {
        "event_id": f"{sql_str(origin + ':')} || {f(GLOBALEVENTID)}",
        "date": date,
        "date_precision": "'day'",
        "source": _actor_code(ACTOR1_COUNTRY, ACTOR1_GROUP, "a1"),
        "target": _actor_code(ACTOR2_COUNTRY, ACTOR2_GROUP, "a2"),
        "source_sector": f(ACTOR1_TYPE),
        "target_sector": f(ACTOR2_TYPE),
        "source_name": f(ACTOR1_NAME),
        "target_name": f(ACTOR2_NAME),
        "cameo": f(EVENT_CODE),
        "quad_class": quad,
        "goldstein": goldstein,
        "weight": f"coalesce(try_cast({f(NUM_ARTICLES)} AS DOUBLE), 1.0)",
        "num_mentions": f"try_cast({f(NUM_MENTIONS)} AS INTEGER)",
        "num_articles": f"try_cast({f(NUM_ARTICLES)} AS INTEGER)",
        "is_root": f"{f(IS_ROOT)} = '1'",
        "origin": sql_str(origin),
        "origin_ref": ref_sql,
        "text": "NULL::VARCHAR",
        "confidence": "NULL::DOUBLE",
    }
    reasons = [
        ("s._pre IS NOT NULL", "s._pre"),
        (
            f"try_cast({f(GLOBALEVENTID)} AS BIGINT) IS NULL",
            f"'GLOBALEVENTID ' || {quoted(f(GLOBALEVENTID))} || ' is not a whole number'",
        ),
        (f"{date} IS NULL", f"'SQLDATE ' || {quoted(f(SQLDATE))} || ' is not a valid date'"),
        (
            f"NOT regexp_full_match({f(EVENT_CODE)}, '[0-9]{{2,4}}')",
            f"'EventCode ' || {quoted(f(EVENT_CODE))} || ' is not a CAMEO code'",
        ),
        (
            f"{quad} IS NULL OR {quad} NOT BETWEEN 1 AND 4",
            f"'QuadClass ' || {quoted(f(QUAD_CLASS))} || ' is not 1, 2, 3 or 4'",
        ),
        (
            f"{goldstein} IS NULL OR NOT isfinite({goldstein})",
            f"'GoldsteinScale ' || {quoted(f(GOLDSTEIN))} || ' is not a number'",
        ),
        (
            f"{goldstein} NOT BETWEEN -10 AND 10",
            f"'GoldsteinScale ' || {f(GOLDSTEIN)} || ' is outside -10..10'",
        ),
        _bad_int(NUM_MENTIONS, "NumMentions"),
        _bad_int(NUM_ARTICLES, "NumArticles"),
        *(
            (
                f"{f(i)} <> '' AND NOT regexp_full_match({f(i)}, '[A-Z]{{3}}')",
                f"'{label} ' || {quoted(f(i))} || ' is not a country code'",
            )
            for i, label in (
                (ACTOR1_COUNTRY, "Actor1CountryCode"),
                (ACTOR2_COUNTRY, "Actor2CountryCode"),
            )
        ),
    ]
    rows_from = (
        f"{lines_subquery} s "
        f"{_actor_joins(ACTOR1_COUNTRY, ACTOR1_GROUP, 'a1')} "
        f"{_actor_joins(ACTOR2_COUNTRY, ACTOR2_GROUP, 'a2')}"
    )
    notes = tuple(
        f"CASE WHEN {f(i)} <> '' AND {a}c.code IS NULL THEN "
        f"'{label} ' || {quoted(f(i))} || ' not in the CAMEO country table (kept as is)' END"
        for i, a, label in (
            (ACTOR1_COUNTRY, "a1", "Actor1CountryCode"),
            (ACTOR2_COUNTRY, "a2", "Actor2CountryCode"),
        )
    )
    return finish_sql(columns, reasons, rows_from, notes)
