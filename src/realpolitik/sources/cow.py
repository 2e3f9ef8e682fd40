"""Correlates of War state numbers in record files (ATOP, COW, the NCA data, ideal points):
mapping them to store codes, and the checks every COW-coded dyad-year row gets.

The USSR and Russia share COW 365 and are both RUS. A predecessor that a current state continues
maps to it (260 German Federal Republic → DEU), so one year can hold the same store dyad twice;
the row under the state's own COW number is preferred (`is_own_cow`).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from realpolitik.countries import code_from_cow, country_table
from realpolitik.sources.records import problem, row_provenance, whole_numbers

Problem = tuple[pd.Series, pd.Series]


@cache
def _own_cow() -> dict[str, int]:
    """Store code → the COW number the country table gives it (DEU → 255, not 260)."""
    table = country_table().dropna(subset=["cow"])
    return dict(zip(table["code"], table["cow"].astype(int), strict=True))


def store_codes(ccodes: pd.Series) -> pd.Series:
    """Store codes of COW numbers (NA where a number has none)."""
    found = {c: code_from_cow(int(c)) for c in ccodes.dropna().unique()}
    return ccodes.map(found).astype("string")


def is_own_cow(codes: pd.Series, ccodes: pd.Series) -> pd.Series:
    """Whether each COW number is its store code's own number (False for 260 → DEU)."""
    return codes.map(_own_cow()).astype("Int64").eq(ccodes).fillna(False).astype(bool)


def cow_dyad_frame(
    path: Path, frame: pd.DataFrame, columns: dict[str, pd.Series]
) -> tuple[pd.DataFrame, list[Problem]]:
    """A file's ccode1, ccode2 and year as a frame with store codes `source` and `target`,
    the given extra `columns` and provenance; and the problems of its rows (a number with no
    store code, a year that is not one, two sides that are one state)."""
    out = pd.DataFrame(
        {
            "ccode1": whole_numbers(frame["ccode1"]),
            "ccode2": whole_numbers(frame["ccode2"]),
            "year": whole_numbers(frame["year"]),
            **columns,
            "provenance": row_provenance(path, len(frame)),
        }
    )
    out["source"] = store_codes(out["ccode1"])
    out["target"] = store_codes(out["ccode2"])
    problems = [
        problem(out["source"].isna(), "ccode1 ", frame["ccode1"], " has no store code"),
        problem(out["target"].isna(), "ccode2 ", frame["ccode2"], " has no store code"),
        problem(out["year"].isna(), "year ", frame["year"], " is not a year"),
        problem(
            out["source"] == out["target"],
            *("COW ", frame["ccode1"], " and ", frame["ccode2"], " are both ", out["source"]),
        ),
    ]
    return out, problems
