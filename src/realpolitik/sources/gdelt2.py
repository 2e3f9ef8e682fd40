"""GDELT 2.0 event exports: 61 tab-separated columns, no header, plain or in GDELT's zip.

The translingual export (`*.translation.export.CSV`) has the same layout and reads the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

import pyarrow as pa

from realpolitik.sources.base import OnBytes, Reader
from realpolitik.sources.gdelt_common import field_tables_sql, gdelt_staging_sql, tab_field_tables

FIELDS = 61
_ROW = re.compile(rb"^\d+\t\d{8}\t")


def first_lines(head: bytes, limit: int = 20) -> list[bytes]:
    """The complete lines at the start of `head` (the last, maybe cut, line is dropped)."""
    lines = head.split(b"\n")
    return [ln.rstrip(b"\r") for ln in lines[:-1][:limit]] if len(lines) > 1 else [head]


def tab_field_counts(head: bytes) -> list[int]:
    """Tab-separated field counts of the first lines."""
    return [ln.count(b"\t") + 1 for ln in first_lines(head)]


class GdeltV2Reader(Reader):
    name = "gdelt2"
    origin = "gdelt2"
    description = "GDELT 2.0 events export (61 columns, tab-separated; .CSV or .CSV.zip)"
    fields: ClassVar[int] = FIELDS

    @classmethod
    def sniff(cls, head: bytes) -> str | None:
        for line in first_lines(head):
            parts = line.split(b"\t")
            if len(parts) == FIELDS and _ROW.match(line) and re.fullmatch(rb"\d{14}", parts[59]):
                return None
        counts = sorted(set(tab_field_counts(head)))
        return (
            f"expected rows of {FIELDS} tab-separated fields starting GLOBALEVENTID, SQLDATE "
            f"and with a 14-digit DATEADDED; the first lines have {counts} fields"
        )

    def line_tables(self, on_bytes: OnBytes = None) -> Iterator[pa.Table]:
        return tab_field_tables(self.raw, (FIELDS,), on_bytes)

    def staging_sql(self, lines: str) -> str:
        return gdelt_staging_sql(
            lines_subquery=field_tables_sql(lines, (FIELDS,)),
            origin=self.origin,
            ref_sql=self.ref_sql(),
        )
