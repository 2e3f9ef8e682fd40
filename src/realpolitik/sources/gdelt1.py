"""GDELT 1.0 events: 57-column backfile rows and 58-column daily rows (with SOURCEURL),
tab-separated and mixed freely in one file; also the comma-separated, quoted export R writes
(a header row, `NA` for missing values), which some GDELT extracts circulate as.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

import pyarrow as pa

from realpolitik.sources.base import (
    FIELD_SEPARATOR,
    OnBytes,
    Reader,
    iter_csv_tables,
    text_lines_sql,
)
from realpolitik.sources.gdelt2 import first_lines, tab_field_counts
from realpolitik.sources.gdelt_common import (
    field_tables_sql,
    gdelt_staging_sql,
    split_fields_sql,
    tab_field_tables,
)

FIELD_COUNTS = (57, 58)
DATEADDED = 56
_ROW = re.compile(rb"^\d+\t\d{8}\t")
_CSV_HEADER = re.compile(rb'^"?GLOBALEVENTID"?,"?SQLDATE"?,')


def _is_csv(head: bytes) -> bool:
    return bool(_CSV_HEADER.match(head.removeprefix(codecs.BOM_UTF8)))


class GdeltV1Reader(Reader):
    name = "gdelt1"
    origin = "gdelt1"
    description = (
        "GDELT 1.0 events (57/58 columns, tab-separated, mixed; or the quoted CSV R writes)"
    )

    @classmethod
    def sniff(cls, head: bytes) -> str | None:
        if _is_csv(head):
            return None
        for line in first_lines(head):
            parts = line.split(b"\t")
            if (
                len(parts) in FIELD_COUNTS
                and _ROW.match(line)
                and re.fullmatch(rb"\d{8}", parts[DATEADDED])
            ):
                return None
        counts = sorted(set(tab_field_counts(head)))
        return (
            "expected rows of 57 or 58 tab-separated fields starting GLOBALEVENTID, SQLDATE "
            "(or a CSV header starting GLOBALEVENTID,SQLDATE); "
            f"the first lines have {counts} fields"
        )

    def prepare(self, head: bytes) -> None:
        self.is_csv = _is_csv(head)
        self.header_lines = 1 if self.is_csv else 0

    def line_tables(self, on_bytes: OnBytes = None) -> Iterator[pa.Table]:
        if not self.is_csv:
            return tab_field_tables(self.raw, FIELD_COUNTS, on_bytes)
        return iter_csv_tables(self.raw, na_values=("NA",), on_bytes=on_bytes)

    def staging_sql(self, lines: str) -> str:
        rows = (
            split_fields_sql(
                text_lines_sql(lines, self.header_lines, split=True),
                (58,),
                "comma-separated",
                FIELD_SEPARATOR,
            )
            if self.is_csv
            else field_tables_sql(lines, FIELD_COUNTS)
        )
        return gdelt_staging_sql(lines_subquery=rows, origin=self.origin, ref_sql=self.ref_sql())
