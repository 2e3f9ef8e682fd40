"""SIPRI Arms Transfers Database trade register (CSV export): one row per deal and delivery year.

The export opens with lines of SIPRI notes (11 in the 2000–2023 file); the header is found by
its first column, `SIPRI AT Database ID`, so exports with more or fewer notes still read. Each
data row becomes one row of `arms_transfers`, keyed by (sipri_id, delivery_year), with the
file line it came from (notes and header counted) as provenance.

Actors: `supplier`/`recipient` hold store codes and `supplier_name`/`recipient_name` the SIPRI
names. SIPRI marks non-state armed groups with `*` (`Hezbollah (Lebanon)*`, `Libya HoR*`) and
international organisations with `**` (`NATO**`). Rows about actors that are not states are kept
whole: a `**` organisation gets its IGO code where the country table has one (NATO → NAT, United
Nations → UNO, European Union → EEC, OSCE → SCE; the African Union has none, so ""), and armed
groups and `unknown supplier(s)`/`unknown recipient(s)` get "". `Libya GNC` (the Tripoli
government, not starred by SIPRI) is LBY. The Soviet Union and Russia both map to RUS (they share
COW 365), so older registers join Russia's series; the SIPRI name tells them apart. A state name
that resolves to no code quarantines the row, naming the value.

Numbers: an empty `Numbers delivered` or `TIV delivery values` is stored as NULL (SIPRI: "no
deliveries identified"); a value that is not a number, or a year that is not a year,
quarantines the row with the value and the line. `tiv_unit` is SIPRI's `TIV deal unit` (the
unit value for this deal, second-hand discounts applied), not `SIPRI estimate` (the unit
value of a new weapon). Estimate flags must be `Yes`, `No` or empty, and a row with a field
count other than the header's is quarantined too. Text is read as UTF-8, or as Windows-1252
when it is not valid UTF-8.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import ClassVar

import pandas as pd

from realpolitik.countries import code_from_name
from realpolitik.errors import InputError
from realpolitik.sources.records import RecordReader, RecordRows, RecordTable

HEADER_START = "SIPRI AT Database ID"

ARMS_TRANSFERS = RecordTable(
    name="arms_transfers",
    columns=(
        ("sipri_id", "INTEGER"),
        ("supplier", "VARCHAR"),
        ("supplier_name", "VARCHAR"),
        ("recipient", "VARCHAR"),
        ("recipient_name", "VARCHAR"),
        ("designation", "VARCHAR"),
        ("description", "VARCHAR"),
        ("category", "VARCHAR"),
        ("order_year", "INTEGER"),
        ("order_year_estimate", "BOOLEAN"),
        ("delivered", "INTEGER"),
        ("delivered_estimate", "BOOLEAN"),
        ("delivery_year", "INTEGER"),
        ("delivery_year_estimate", "BOOLEAN"),
        ("status", "VARCHAR"),
        ("tiv_unit", "DOUBLE"),
        ("tiv_delivered", "DOUBLE"),
        ("local_production", "BOOLEAN"),
    ),
    key=("sipri_id", "delivery_year"),
)

SIPRI_COLUMNS = {
    "SIPRI AT Database ID": "sipri_id",
    "Supplier": "supplier_name",
    "Recipient": "recipient_name",
    "Designation": "designation",
    "Description": "description",
    "Armament category": "category",
    "Order date": "order_year",
    "Order date is estimate": "order_year_estimate",
    "Numbers delivered": "delivered",
    "Numbers delivered is estimate": "delivered_estimate",
    "Delivery year": "delivery_year",
    "Delivery year is estimate": "delivery_year_estimate",
    "Status": "status",
    "TIV deal unit": "tiv_unit",
    "TIV delivery values": "tiv_delivered",
    "Local production": "local_production",
}
"""SIPRI header name → store column, for every column the reader needs."""

WHOLE_NUMBERS = {
    "sipri_id": "SIPRI id",
    "order_year": "order year",
    "delivery_year": "delivery year",
}
"""Columns that every row must have, as whole numbers."""
OPTIONAL_NUMBERS = {
    "delivered": ("numbers delivered", "Int64"),
    "tiv_unit": ("TIV deal unit", "float64"),
    "tiv_delivered": ("TIV delivered", "float64"),
}
"""Columns that may be empty (NULL) but otherwise must be numbers: label and dtype."""
FLAGS = {
    "order_year_estimate": "order date is estimate",
    "delivered_estimate": "numbers delivered is estimate",
    "delivery_year_estimate": "delivery year is estimate",
    "local_production": "local production",
}
FLAG_VALUES = {"Yes": True, "No": False, "": None}

SIPRI_STATE_NAMES = {"UAE": "ARE", "Bosnia-Herzegovina": "BIH", "Libya GNC": "LBY"}
"""SIPRI spellings of states that the country name table does not know."""


def actor_code(name: str) -> str | None:
    """Store code of a SIPRI supplier/recipient name: "" for armed groups (`*`) and unknown
    actors, the IGO code (or "") for organisations (`**`), None for an unknown state name."""
    if name.endswith("**"):
        return code_from_name(name.rstrip("*")) or ""
    if name.endswith("*") or name.lower().startswith("unknown"):
        return ""
    return SIPRI_STATE_NAMES.get(name) or code_from_name(name)


def decode(path: Path) -> str:
    """The file's text: UTF-8 (with or without BOM), else Windows-1252 as SIPRI's own exports
    from Excel are."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


class SipriTradeRegisterReader(RecordReader):
    """The SIPRI trade register CSV → `arms_transfers`."""

    name: ClassVar[str] = "sipri-trade-register"
    description: ClassVar[str] = (
        "SIPRI Arms Transfers Database trade register: deliveries per deal and year, with TIV"
    )
    table: ClassVar[RecordTable] = ARMS_TRANSFERS
    default_path: ClassVar[str] = "sipri/sipri_trade_register_2000_2023.csv"

    def read(self, path: Path) -> RecordRows:
        lines = decode(path).replace("\r\n", "\n").split("\n")
        header_at = next(
            (i for i, line in enumerate(lines) if line.startswith(HEADER_START + ",")), None
        )
        if header_at is None:
            raise InputError(
                str(path), f"no header line starting {HEADER_START!r}: not a SIPRI trade register"
            )
        header = [name.strip() for name in next(csv.reader([lines[header_at]]))]
        missing = [name for name in SIPRI_COLUMNS if name not in header]
        if missing:
            raise InputError(
                str(path), f"the header lacks the column(s) {', '.join(missing)}", header_at + 1
            )
        records, misshapen = split_records(lines, header_at, len(header))
        if not records and not misshapen:
            raise InputError(str(path), "no data rows after the header", header_at + 1)
        frame = pd.DataFrame([fields for _, fields, _ in records], columns=header, dtype=str)
        frame = frame[list(SIPRI_COLUMNS)].rename(columns=SIPRI_COLUMNS)
        frame = frame.apply(lambda column: column.str.strip())
        frame["_line"] = [line for line, _, _ in records]
        frame["_raw"] = [raw for _, _, raw in records]
        rows, unusable = typed_rows(frame, path.name)
        return RecordRows(
            rows=rows,
            rows_read=len(records) + len(misshapen),
            quarantined=sorted(misshapen + unusable),
        )


def split_records(
    lines: list[str], header_at: int, width: int
) -> tuple[list[tuple[int, list[str], str]], list[tuple[int, str, str]]]:
    """CSV records after the header as (first line number, fields, raw text), skipping blank
    lines; records without `width` fields go to the second list with the reason."""
    body = lines[header_at + 1 :]
    reader = csv.reader(body)
    records: list[tuple[int, list[str], str]] = []
    misshapen: list[tuple[int, str, str]] = []
    start = 0
    for fields in reader:
        end = reader.line_num
        first_line, raw = header_at + 2 + start, "\n".join(body[start:end])
        start = end
        if not fields or fields == [""]:
            continue
        if len(fields) == width:
            records.append((first_line, fields, raw))
        else:
            reason = (
                f"expected {width} comma-separated fields as in the header, found {len(fields)}"
            )
            misshapen.append((first_line, reason, raw))
    return records, misshapen


def typed_rows(
    frame: pd.DataFrame, file_name: str
) -> tuple[pd.DataFrame, list[tuple[int, str, str]]]:
    """Typed `arms_transfers` rows of the text `frame` (plus `_line`, `_raw`), and the rows
    that could not be typed as (line, reason naming the value, raw text)."""
    reason = pd.Series(None, index=frame.index, dtype=object)

    def reject(bad: pd.Series, column: str, label: str, problem: str) -> None:
        new = bad & reason.isna()
        reason[new] = f"{label} '" + frame.loc[new, column] + f"' {problem}"

    typed = frame.copy()
    for column, label in WHOLE_NUMBERS.items():
        number = pd.to_numeric(frame[column], errors="coerce")
        reject(number.isna() | (number % 1 != 0), column, label, "is not a whole number")
        typed[column] = number.where(number % 1 == 0).astype("Int64")
    for column, (label, dtype) in OPTIONAL_NUMBERS.items():
        number = pd.to_numeric(frame[column], errors="coerce")
        integer = dtype == "Int64"
        whole = number % 1 == 0 if integer else number.notna()
        problem = "is not a whole number" if integer else "is not a number"
        reject((frame[column] != "") & ~whole, column, label, problem)
        typed[column] = number.where(whole).astype(dtype)
    for column, label in FLAGS.items():
        reject(~frame[column].isin(FLAG_VALUES), column, label, "is not Yes, No or empty")
        typed[column] = frame[column].map(FLAG_VALUES).astype("boolean")
    for side in ("supplier", "recipient"):
        names = frame[f"{side}_name"]
        codes = names.map({name: actor_code(name) for name in names.unique()})
        reject(codes.isna(), f"{side}_name", side, "is not a known country name")
        typed[side] = codes
    bad = reason.notna()
    quarantined = list(zip(frame["_line"][bad], reason[bad], frame["_raw"][bad], strict=True))
    rows = typed[~bad].reset_index(drop=True)
    rows["provenance"] = f"{file_name}:line " + rows["_line"].astype(str)
    return rows[[*ARMS_TRANSFERS.column_names, "provenance"]], quarantined
