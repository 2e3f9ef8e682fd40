"""UN General Assembly roll calls (Voeten's data as packaged by the `unvotes` R package):
every country's vote on every roll call, the roll calls themselves, and their issue tags.

Countries come as ISO 3166-1 alpha-2 codes (`RU`, `US`, `IR`) and names; both map to store
codes. The USSR and the Russian Federation share `RU` in this data and are both RUS in the
store; dissolved states keep their ISO 3166-3 codes (CSK, DDR, YMD), and those a current
state continues map to it (Yugoslavia → SRB, the Federal Republic of Germany → DEU).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from realpolitik.countries import code_from_name, country_table
from realpolitik.sources.records import (
    RecordReader,
    RecordRows,
    RecordTable,
    read_rda,
    row_provenance,
    rows_and_quarantine,
)

VOTES = ("yes", "abstain", "no")


class UngaVotesReader(RecordReader):
    name = "unga-votes"
    description = "UNGA country votes per roll call (unvotes un_votes.rda)"
    default_path = "unvotes/un_votes.rda"
    table = RecordTable(
        "unga_votes",
        (("rcid", "INTEGER"), ("code", "VARCHAR"), ("country", "VARCHAR"), ("vote", "VARCHAR")),
        key=("rcid", "code"),
    )

    def read(self, path: Path) -> RecordRows:
        frame = read_rda(path, ("rcid", "country", "country_code", "vote"))
        frame = frame.assign(
            provenance=row_provenance(path, len(frame)),
            country=frame["country"].astype(str),
            vote=frame["vote"].astype(str),
        )
        by_iso2 = dict(zip(*country_table()[["iso2", "code"]].T.values, strict=True))
        by_iso2.pop("", None)
        by_name = {name: code_from_name(name) for name in frame["country"].unique()}
        iso2 = frame["country_code"].astype("string").fillna("")
        frame["code"] = iso2.map(by_iso2).fillna(frame["country"].map(by_name))
        rcid = pd.to_numeric(frame["rcid"], errors="coerce")
        problems = [
            (frame["code"].isna(), "country " + frame["country"] + " has no store code"),
            (~frame["vote"].isin(VOTES), "vote " + frame["vote"] + " is not yes, abstain or no"),
            (rcid.isna() | (rcid % 1 != 0), "rcid " + frame["rcid"].astype(str) + " is no id"),
        ]
        return rows_and_quarantine(frame.assign(rcid=rcid), problems, self.table)


class UngaRollCallsReader(RecordReader):
    name = "unga-roll-calls"
    description = "UNGA roll calls: date, session, resolution, description (un_roll_calls.rda)"
    default_path = "unvotes/un_roll_calls.rda"
    table = RecordTable(
        "unga_roll_calls",
        (
            ("rcid", "INTEGER"),
            ("session", "INTEGER"),
            ("important", "BOOLEAN"),
            ("date", "DATE"),
            ("resolution", "VARCHAR"),
            ("amendment", "BOOLEAN"),
            ("paragraph", "BOOLEAN"),
            ("short", "VARCHAR"),
            ("description", "VARCHAR"),
        ),
        key=("rcid",),
    )

    def read(self, path: Path) -> RecordRows:
        frame = read_rda(path, ("rcid", "session", "importantvote", "date", "unres", "short"))
        date = pd.to_datetime(frame["date"], errors="coerce").dt.date
        out = pd.DataFrame(
            {
                "rcid": pd.to_numeric(frame["rcid"], errors="coerce"),
                "session": pd.to_numeric(frame["session"], errors="coerce"),
                "important": _flag(frame["importantvote"]),
                "date": date,
                "resolution": frame["unres"].astype("string").fillna(""),
                "amendment": _flag(frame.get("amend")),
                "paragraph": _flag(frame.get("para")),
                "short": frame["short"].astype("string").fillna(""),
                "description": frame.get("descr", pd.Series("", index=frame.index))
                .astype("string")
                .fillna(""),
                "provenance": row_provenance(path, len(frame)),
            }
        )
        problems = [
            (out["rcid"].isna(), "rcid " + frame["rcid"].astype(str) + " is no id"),
            (out["date"].isna(), "date " + frame["date"].astype(str) + " is not a date"),
        ]
        return rows_and_quarantine(out, problems, self.table)


class UngaIssuesReader(RecordReader):
    name = "unga-issues"
    description = "UNGA roll-call issue tags: me, nu, di, hr, co, ec (un_roll_call_issues.rda)"
    default_path = "unvotes/un_roll_call_issues.rda"
    table = RecordTable(
        "unga_issues",
        (("rcid", "INTEGER"), ("issue_code", "VARCHAR"), ("issue", "VARCHAR")),
        key=("rcid", "issue_code"),
    )

    def read(self, path: Path) -> RecordRows:
        frame = read_rda(path, ("rcid", "short_name", "issue"))
        out = pd.DataFrame(
            {
                "rcid": pd.to_numeric(frame["rcid"], errors="coerce"),
                "issue_code": frame["short_name"].astype("string").fillna(""),
                "issue": frame["issue"].astype("string").fillna(""),
                "provenance": row_provenance(path, len(frame)),
            }
        )
        problems = [
            (out["rcid"].isna(), "rcid " + frame["rcid"].astype(str) + " is no id"),
            (out["issue_code"] == "", pd.Series("issue code is empty", index=out.index)),
        ]
        return rows_and_quarantine(out, problems, self.table)


def _flag(column: pd.Series | None) -> pd.Series | None:
    """R's 0/1 (or TRUE/FALSE) flags as booleans; missing stays missing."""
    if column is None:
        return None
    numbers = pd.to_numeric(column, errors="coerce")
    return numbers.map(lambda v: None if pd.isna(v) else bool(v)).astype("boolean")
