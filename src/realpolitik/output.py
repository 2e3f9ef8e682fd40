"""Files the verbs write: checked before any work is done, and CSV made safe to open.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return
before one) as a formula; event text from the news can start that way. CSV exports therefore
prefix such text cells with a `'`, which spreadsheets show but do not run; numbers are
untouched, and `--raw` writes the text as it is.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from realpolitik.errors import UsageError

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What a spreadsheet reads as the start of a formula in a text cell."""
FORMULA_START_REGEX = "^[=+@\\t\\r-]"
CHART_KINDS = (".png", ".html")
"""What charts are drawn to: a picture, or an interactive page."""


def output_kind(path: Path, kinds: tuple[str, ...], option: str = "--out") -> str:
    """The suffix of a file to write (one of `kinds`, such as '.csv'), once it is known that
    the file can be written there: UsageError for another suffix, a missing folder, or a
    folder in its place."""
    suffix = path.suffix.lower()
    if suffix not in kinds:
        shown = f"{path.suffix!r} files" if path.suffix else "a file with no suffix"
        raise UsageError(f"{option} {path}: cannot write {shown}; use {_either(kinds)}")
    folder = path.parent
    if not folder.is_dir():
        raise UsageError(f"{option} {path}: no such folder {folder}")
    if path.is_dir():
        raise UsageError(f"{option} {path}: is a folder, not a file")
    return suffix


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell that a spreadsheet would run as a formula prefixed with
    `'` (numbers, dates and the other cells unchanged)."""
    safe = {}
    for column in frame.columns:
        values = frame[column]
        if values.dtype == object or pd.api.types.is_string_dtype(values):
            text = values.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_START))
            if text.any():
                safe[column] = values.mask(text, "'" + values.astype(str))
    return frame.assign(**safe) if safe else frame


def spreadsheet_safe_sql(column: str) -> str:
    """SQL for a VARCHAR column's value made safe the same way (see `spreadsheet_safe`)."""
    return (
        f"CASE WHEN regexp_matches({column}, '{FORMULA_START_REGEX}') "
        f"THEN '''' || {column} ELSE {column} END"
    )


def _either(kinds: tuple[str, ...]) -> str:
    return ", ".join(kinds[:-1]) + f" or {kinds[-1]}" if len(kinds) > 1 else kinds[0]
