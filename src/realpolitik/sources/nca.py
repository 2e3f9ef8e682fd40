"""Nuclear cooperation agreements (Fuhrmann's NCA data, as packaged by data4ds4da `nca_df`):
one row per agreement between two states, 1951–2003.

Countries are COW numbers mapped with `code_from_cow` (the USSR and Russia share COW 365 and are
both RUS; `country1`/`country2` keep the names as written, so `USSR` and `Russia` stay apart
there). Where a number and its name disagree (a few rows name `France` under 260, `Russia`
under 20) the number is used, as everywhere COW-coded. A number with no store code, or a pair
whose two sides map to one code, quarantines the row.

The file is one list of ordered pairs (ccode1, ccode2), not a symmetric dyad-year panel: many
agreements appear in both orders, some in one order only (Iran is never ccode1). The table keeps
the order as given. A dyad-year can hold several agreements, some with identical rows (two
`nuclear safety` agreements USA–Argentina in 1996), so the key adds `seq`: the agreement's
rank among the rows of the same (source, target, year), in file order. Reloading the same file
gives the same keys; a new release that inserts rows may renumber them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from realpolitik.errors import InputError
from realpolitik.sources.alliances import problem, store_codes, whole_numbers
from realpolitik.sources.records import (
    RecordReader,
    RecordRows,
    RecordTable,
    read_rda,
    row_provenance,
    rows_and_quarantine,
)


class NuclearAgreementReader(RecordReader):
    name = "nuclear-agreements"
    description = "Fuhrmann nuclear cooperation agreements, one row each (data4ds4da nca_df)"
    default_path = "nuclear_nca/nca_df.rda"
    table = RecordTable(
        "nuclear_agreements",
        (
            ("source", "VARCHAR"),
            ("target", "VARCHAR"),
            ("year", "INTEGER"),
            ("seq", "INTEGER"),
            ("ccode1", "INTEGER"),
            ("ccode2", "INTEGER"),
            ("country1", "VARCHAR"),
            ("country2", "VARCHAR"),
            ("nca_type", "VARCHAR"),
        ),
        key=("source", "target", "year", "seq"),
    )

    def read(self, path: Path) -> RecordRows:
        frame = read_rda(path, ("ccode1", "ccode2", "country1", "country2", "year", "nca_type"))
        if frame.empty:
            raise InputError(str(path), "no data rows")
        out = pd.DataFrame(
            {
                "ccode1": whole_numbers(frame["ccode1"]),
                "ccode2": whole_numbers(frame["ccode2"]),
                "year": whole_numbers(frame["year"]),
                "country1": frame["country1"].astype("string").fillna(""),
                "country2": frame["country2"].astype("string").fillna(""),
                "nca_type": frame["nca_type"].astype("string").fillna(""),
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
        eligible = ~pd.concat([mask for mask, _ in problems], axis=1).any(axis=1)
        rank = out[eligible].groupby(["source", "target", "year"]).cumcount() + 1
        out["seq"] = rank.reindex(out.index).astype("Int64")
        return rows_and_quarantine(out, problems, self.table)
