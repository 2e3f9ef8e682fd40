"""UN General Assembly ideal points (Bailey, Strezhnev and Voeten; the July 2025 Stata file):
one row per state and year, 1946–2024, with the 2024 estimates all missing.

States are COW numbers (`ccode`) mapped with `code_from_cow`, as in the alliance files, rather
than the file's own `iso3c`, so that every COW-coded table agrees (Yugoslavia, 345, is SRB
here although the file writes `YUG`; the USSR and Russia share 365 and are both RUS). A number
with no store code quarantines the row. The file ends with 17 placeholder rows (no name, no
estimate); two of them repeat a store state-year (260 → DEU and 678 → YEM in 1990) and are
quarantined in favour of the row under the state's own COW number; the others are kept with
empty estimates, as are the 2024 rows.

Kept: the three ideal-point series (`idealpointall`, estimated from all votes, which the
indicators use; `idealpointfp` and `idealpointlegacy` as the file has them) and the number of
votes behind each. The quantile columns (`qo*`, `q5*` … `q100*`) are left out.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from realpolitik.errors import InputError
from realpolitik.sources.cow import is_own_cow, store_codes
from realpolitik.sources.records import (
    RecordReader,
    RecordRows,
    RecordTable,
    problem,
    read_dta,
    repeated_key_problem,
    row_provenance,
    rows_and_quarantine,
    whole_numbers,
)

ESTIMATES = {
    "idealpointall": "idealpointall",
    "idealpointfp": "idealpointfp",
    "idealpointlegacy": "idealpointlegacy",
    "nvotesall": "nvotesall",
    "nvotesfp": "nvotesfp",
    "nvotesLegacy": "nvoteslegacy",
}
"""File column → table column for the numbers kept."""


def numeric(path: Path, frame: pd.DataFrame, column: str) -> pd.Series:
    """A column that must be numeric in every release; InputError naming it otherwise."""
    if not pd.api.types.is_numeric_dtype(frame[column]):
        raise InputError(str(path), f"column {column} is {frame[column].dtype}, not numeric")
    return frame[column].astype(float)


class IdealPointsReader(RecordReader):
    name = "ideal-points"
    description = "UNGA ideal points per state and year (Bailey-Strezhnev-Voeten, July 2025)"
    default_path = "voeten_idealpoints/IdealpointsJuly2025.dta"
    table = RecordTable(
        "ideal_points",
        (
            ("code", "VARCHAR"),
            ("year", "INTEGER"),
            ("ccode", "INTEGER"),
            ("iso3c", "VARCHAR"),
            ("countryname", "VARCHAR"),
            *((column, "DOUBLE") for column in ESTIMATES.values()),
        ),
        key=("code", "year"),
    )

    def read(self, path: Path) -> RecordRows:
        frame = read_dta(path, ("ccode", "iso3c", "countryname", "year", *ESTIMATES))
        out = pd.DataFrame(
            {
                "ccode": whole_numbers(frame["ccode"]),
                "year": whole_numbers(frame["year"]),
                "iso3c": frame["iso3c"].astype("string").fillna(""),
                "countryname": frame["countryname"].astype("string").fillna(""),
                **{ours: numeric(path, frame, theirs) for theirs, ours in ESTIMATES.items()},
                "provenance": row_provenance(path, len(frame)),
            }
        )
        out["code"] = store_codes(out["ccode"])
        problems = [
            problem(out["code"].isna(), "ccode ", frame["ccode"], " has no store code"),
            problem(out["year"].isna(), "year ", frame["year"], " is not a year"),
        ]
        eligible = ~pd.concat([mask for mask, _ in problems], axis=1).any(axis=1)
        preferred = is_own_cow(out["code"], out["ccode"])
        problems.append(repeated_key_problem(out, ("code", "year"), preferred, eligible))
        return rows_and_quarantine(out, problems, self.table)
