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

from realpolitik.sources.cow import cow_dyad_frame
from realpolitik.sources.records import (
    RecordReader,
    RecordRows,
    RecordTable,
    read_rda,
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
        text = ("country1", "country2", "nca_type")
        out, problems = cow_dyad_frame(
            path, frame, {c: frame[c].astype("string").fillna("") for c in text}
        )
        eligible = ~pd.concat([mask for mask, _ in problems], axis=1).any(axis=1)
        rank = out[eligible].groupby(["source", "target", "year"]).cumcount() + 1
        out["seq"] = rank.reindex(out.index).astype("Int64")
        return rows_and_quarantine(out, problems, self.table)
