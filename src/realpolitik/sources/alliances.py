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
later 260 rows repeat DEU dyad-years and are quarantined by the rule above.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from realpolitik.sources.cow import cow_dyad_frame, is_own_cow
from realpolitik.sources.records import (
    RecordReader,
    RecordRows,
    RecordTable,
    problem,
    read_rda,
    repeated_key_problem,
    rows_and_quarantine,
    whole_numbers,
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


def read_cow_dyad_years(
    path: Path, table: RecordTable, flags: tuple[str, ...], counts: tuple[str, ...] = ()
) -> RecordRows:
    """Rows of a COW-coded dyad-year file: codes mapped, flags checked 0/1, counts >= 0."""
    frame = read_rda(path, ("ccode1", "ccode2", "year", *flags, *counts))
    out, problems = cow_dyad_frame(
        path, frame, {name: whole_numbers(frame[name]) for name in (*flags, *counts)}
    )
    problems += [
        *[problem(~out[f].isin([0, 1]), f"{f} ", frame[f], " is not 0 or 1") for f in flags],
        *[problem(~(out[c] >= 0), f"{c} ", frame[c], " is not a count") for c in counts],
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
