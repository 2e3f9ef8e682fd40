"""Alliance obligations per dyad-year: ATOP 5.1 and COW Formal Alliances v4.1 (both as
packaged by the peacesciencer R package), and COW IGO shared memberships.

Each file row is one dyad-year with 0/1 obligation flags (or, for IGOs, a count). Countries
come as Correlates of War numbers and map to store codes with `code_from_cow`; the COW codes
are kept beside them. The USSR and Russia share COW 365 and are both RUS. A predecessor that a
current state continues maps to it (260 German Federal Republic → DEU, 678 Yemen Arab Republic →
YEM), so a year such as 1990 can hold the same store dyad twice (USA–255 and USA–260): the row
under the state's own COW number (255) is kept and the other is quarantined, naming the kept
row; a dyad whose two sides map to one code (255–260 in 1990) is quarantined too. A COW number
with no store code quarantines the row with the number in the reason: in these files the
German and Italian states before unification (240–280, 329–337), Austria-Hungary (300),
Zanzibar (511), Korea before 1905 (730) and South Vietnam (817).

ATOP's file is directed (both orders of every dyad-year are present and the flags may differ by
direction). COW's files are non-directed; the alliance file happens to list both orders with
equal flags, the IGO file only ccode1 < ccode2. The tables keep rows as the files give them.
COW's alliance file goes on coding West Germany as 260 until 2012, beside 255 from 1990; those
later 260 rows repeat DEU dyad-years and are quarantined by the rule above. `shared_igos` feeds
no indicator (0.9 million dyad-years, 1.8 million directed observations): read the table.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from realpolitik.countries import code_from_cow, country_table
from realpolitik.errors import InputError
from realpolitik.sources.records import (
    RecordReader,
    RecordRows,
    RecordTable,
    read_rda,
    row_provenance,
    rows_and_quarantine,
)

ATOP_FLAGS = ("atop_defense", "atop_offense", "atop_neutral", "atop_nonagg", "atop_consul")
COW_FLAGS = ("cow_defense", "cow_neutral", "cow_nonagg", "cow_entente")
DYAD_COLUMNS = (
    ("source", "VARCHAR"),
    ("target", "VARCHAR"),
    ("year", "INTEGER"),
    ("ccode1", "INTEGER"),
    ("ccode2", "INTEGER"),
)
DYAD_YEAR = ("source", "target", "year")


@cache
def _own_cow() -> dict[str, int]:
    """Store code → the COW number the country table gives it (DEU → 255, not 260)."""
    table = country_table().dropna(subset=["cow"])
    return dict(zip(table["code"], table["cow"].astype(int), strict=True))


def whole_numbers(column: pd.Series) -> pd.Series:
    """The column as nullable integers; anything that is not a whole number becomes NA."""
    numbers = pd.to_numeric(column, errors="coerce")
    return numbers.where(numbers % 1 == 0).astype("Int64")


def store_codes(ccodes: pd.Series) -> pd.Series:
    """Store codes of COW numbers (NA where a number has none)."""
    found = {c: code_from_cow(int(c)) for c in ccodes.dropna().unique()}
    return ccodes.map(found).astype("string")


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


def is_own_cow(codes: pd.Series, ccodes: pd.Series) -> pd.Series:
    """Whether each COW number is its store code's own number (False for 260 → DEU)."""
    return codes.map(_own_cow()).astype("Int64").eq(ccodes).fillna(False).astype(bool)


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


def read_cow_dyad_years(
    path: Path, table: RecordTable, flags: tuple[str, ...], counts: tuple[str, ...] = ()
) -> RecordRows:
    """Rows of a COW-coded dyad-year file: codes mapped, flags checked 0/1, counts >= 0."""
    frame = read_rda(path, ("ccode1", "ccode2", "year", *flags, *counts))
    if frame.empty:
        raise InputError(str(path), "no data rows")
    out = pd.DataFrame(
        {
            "ccode1": whole_numbers(frame["ccode1"]),
            "ccode2": whole_numbers(frame["ccode2"]),
            "year": whole_numbers(frame["year"]),
            **{name: whole_numbers(frame[name]) for name in (*flags, *counts)},
            "provenance": row_provenance(path, len(frame)),
        }
    )
    out["source"] = store_codes(out["ccode1"])
    out["target"] = store_codes(out["ccode2"])
    problems = [
        problem(out["source"].isna(), "ccode1 ", frame["ccode1"], " has no store code"),
        problem(out["target"].isna(), "ccode2 ", frame["ccode2"], " has no store code"),
        problem(out["year"].isna(), "year ", frame["year"], " is not a year"),
        *[problem(~out[f].isin([0, 1]), f"{f} ", frame[f], " is not 0 or 1") for f in flags],
        *[problem(~(out[c] >= 0), f"{c} ", frame[c], " is not a count") for c in counts],
        problem(
            out["source"] == out["target"],
            *("COW ", frame["ccode1"], " and ", frame["ccode2"], " are both ", out["source"]),
        ),
    ]
    eligible = ~pd.concat([mask for mask, _ in problems], axis=1).any(axis=1)
    preferred = is_own_cow(out["source"], out["ccode1"]) & is_own_cow(out["target"], out["ccode2"])
    problems.append(repeated_key_problem(out, DYAD_YEAR, preferred, eligible))
    return rows_and_quarantine(out, problems, table)


class AtopAllianceReader(RecordReader):
    name = "atop-alliances"
    description = "ATOP 5.1 directed dyad-year alliance obligations (peacesciencer)"
    default_path = "alliances/atop_alliance.rda"
    table = RecordTable(
        "atop_alliances",
        (*DYAD_COLUMNS, *((flag, "INTEGER") for flag in ATOP_FLAGS)),
        key=DYAD_YEAR,
    )

    def read(self, path: Path) -> RecordRows:
        return read_cow_dyad_years(path, self.table, ATOP_FLAGS)


class CowAllianceReader(RecordReader):
    name = "cow-alliances"
    description = "COW Formal Alliances v4.1 non-directed dyad-years (peacesciencer)"
    default_path = "alliances/cow_alliance.rda"
    table = RecordTable(
        "cow_alliances",
        (*DYAD_COLUMNS, *((flag, "INTEGER") for flag in COW_FLAGS)),
        key=DYAD_YEAR,
    )

    def read(self, path: Path) -> RecordRows:
        return read_cow_dyad_years(path, self.table, COW_FLAGS)


class CowIgoReader(RecordReader):
    name = "cow-shared-igos"
    description = "COW IGO v3 non-directed dyad-years: count of shared IGO memberships"
    default_path = "alliances/cow_igo_ndy.rda"
    table = RecordTable("shared_igos", (*DYAD_COLUMNS, ("dyadigos", "INTEGER")), key=DYAD_YEAR)

    def read(self, path: Path) -> RecordRows:
        return read_cow_dyad_years(path, self.table, (), counts=("dyadigos",))
