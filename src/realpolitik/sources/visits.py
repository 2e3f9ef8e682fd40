"""Leader visits from the US Office of the Historian (flattened to CSV from its XML): trips
abroad by US presidents and secretaries of state, and visits of foreign leaders to the US.

Both files go into one table, `leader_visits`, with `source` the visiting state and `target`
the host: a US trip is USA → host country, a foreign leader's visit is home country → USA. The
key is the file's own record id with the file it came from (`origin`: `us-travels` or
`visits-to-us`), so each trip is one row however many countries share its dates.

Countries resolve by the Historian's country id (`russia`, `korea-south`), then by the name as
written (`U.S.S.R.`, `Korea, Republic of`), through the store's name table; the few ids that
neither resolves are named in `HISTORIAN_IDS`. The USSR is RUS (as COW 365 is). A country that
still does not resolve (the Kingdom of Hawaii, before annexation) quarantines the row with the
value. A row with no country at all (none in the 2025 files; a visit to an organisation rather
than a state would be one) is kept with an empty code and counts in no dyad.
"""

from __future__ import annotations

from abc import abstractmethod
from pathlib import Path
from typing import ClassVar

import pandas as pd

from realpolitik.countries import code_from_name
from realpolitik.sources.records import (
    RecordReader,
    RecordRows,
    RecordTable,
    problem,
    read_csv_columns,
    repeated_key_problem,
    row_provenance,
    rows_and_quarantine,
    whole_numbers,
)

HISTORIAN_IDS = {
    "bosnia-herzegovina": "BIH",
    "congo-democratic-republic": "COD",
    "cote-divoire": "CIV",
    "korea": "KOR",
    "korea-north": "PRK",
    "korea-south": "KOR",
    "palestinian-authority": "PSE",
    "saint-vincent-grenadines": "VCT",
    "somoa": "WSM",
}
"""Office of the Historian country ids that the name table does not know (`somoa` is the
file's misspelling of Samoa; `korea` is used once, for a South Korean visit)."""

LEADER_VISITS = RecordTable(
    "leader_visits",
    (
        ("origin", "VARCHAR"),
        ("record_id", "INTEGER"),
        ("source", "VARCHAR"),
        ("target", "VARCHAR"),
        ("start_date", "DATE"),
        ("end_date", "DATE"),
        ("who", "VARCHAR"),
        ("role", "VARCHAR"),
        ("country", "VARCHAR"),
        ("place", "VARCHAR"),
        ("description", "VARCHAR"),
    ),
    key=("origin", "record_id"),
)


def country_codes(ids: pd.Series, names: pd.Series) -> pd.Series:
    """Store codes by Historian id, else by name; "" where both are empty, NA if unresolved."""
    by_id = {i: HISTORIAN_IDS.get(i) or code_from_name(i.replace("-", " ")) for i in ids.unique()}
    by_name = {name: code_from_name(name) for name in names.unique()}
    codes = ids.map(by_id).fillna(names.map(by_name)).astype("string")
    return codes.mask((ids == "") & (names == ""), "")


class VisitsReader(RecordReader):
    """What both visit files share: the table, the id and date checks (a repeated id keeps
    its first row and quarantines the others)."""

    table = LEADER_VISITS
    origin: ClassVar[str]
    required: ClassVar[tuple[str, ...]]

    def read(self, path: Path) -> RecordRows:
        frame = read_csv_columns(path, ("id", "start_date", "end_date", *self.required))
        out = self.shape(frame).assign(
            origin=self.origin,
            record_id=whole_numbers(frame["id"]),
            start_date=pd.to_datetime(frame["start_date"], format="%Y-%m-%d", errors="coerce"),
            end_date=pd.to_datetime(frame["end_date"], format="%Y-%m-%d", errors="coerce"),
            provenance=row_provenance(path, len(frame)),
        )
        problems = [
            problem(out["record_id"].isna(), "id ", frame["id"], " is not a record id"),
            problem(out["source"].isna(), *self.unresolved(frame)),
            problem(out["target"].isna(), *self.unresolved(frame)),
            problem(out["start_date"].isna(), "start_date ", frame["start_date"], " is no date"),
            problem(out["end_date"].isna(), "end_date ", frame["end_date"], " is no date"),
        ]
        eligible = ~pd.concat([mask for mask, _ in problems], axis=1).any(axis=1)
        first_in_file = pd.Series(False, index=out.index)
        problems.append(repeated_key_problem(out, self.table.key, first_in_file, eligible))
        out["start_date"] = out["start_date"].dt.date
        out["end_date"] = out["end_date"].dt.date
        return rows_and_quarantine(out, problems, self.table)

    @abstractmethod
    def shape(self, frame: pd.DataFrame) -> pd.DataFrame:
        """source, target, who, role, country, place, description from the file's columns."""

    @abstractmethod
    def unresolved(self, frame: pd.DataFrame) -> tuple[str | pd.Series, ...]:
        """The parts of the reason for a country that does not resolve."""


class UsTravelsReader(VisitsReader):
    name = "us-travels"
    description = "US presidents' and secretaries of state's trips abroad (Office of the Historian)"
    default_path = "us_visits_travels/derived_us_president_secretary_travels.csv"
    origin = "us-travels"
    required = ("role", "name", "country_id", "country", "locale", "remarks")

    def shape(self, frame: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "source": "USA",
                "target": country_codes(frame["country_id"], frame["country"]),
                "who": frame["name"],
                "role": frame["role"],
                "country": frame["country"],
                "place": frame["locale"],
                "description": frame["remarks"],
            },
            index=frame.index,
        )

    def unresolved(self, frame: pd.DataFrame) -> tuple[str | pd.Series, ...]:
        return ("country ", frame["country"], " (id ", frame["country_id"], ") has no store code")


class VisitsToUsReader(VisitsReader):
    name = "visits-to-us"
    description = "Foreign leaders' visits to the US (Office of the Historian)"
    default_path = "us_visits_travels/derived_foreign_leader_visits_to_us.csv"
    origin = "visits-to-us"
    required = ("visitor", "from_id", "from_name", "description")

    def shape(self, frame: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "source": country_codes(frame["from_id"], frame["from_name"]),
                "target": "USA",
                "who": frame["visitor"],
                "role": "foreign leader",
                "country": frame["from_name"],
                "place": "",
                "description": frame["description"],
            },
            index=frame.index,
        )

    def unresolved(self, frame: pd.DataFrame) -> tuple[str | pd.Series, ...]:
        return ("from_name ", frame["from_name"], " (id ", frame["from_id"], ") has no store code")
