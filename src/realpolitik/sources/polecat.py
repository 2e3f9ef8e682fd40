"""POLECAT (the PLOVER-coded successor of ICEWS, Harvard Dataverse doi:10.7910/DVN/AJGVIT):
tab-separated with a header row of about 40 named columns.

POLECAT codes PLOVER event types, not CAMEO. The event's `cameo` is the CAMEO root that most
CAMEO codes of that PLOVER type fall under in the CAMEO→PLOVER 2021 mapping (package data
`plover.csv`), so CAMEO-based measures can use POLECAT rows at root level; `Quad Code` is kept as
the file carries it; `Intensity` (PLOVER's −10…+10 scale) is kept as the Goldstein value.
Actor countries are ISO3 codes in POLECAT; a country name is looked up when one appears instead.
"""

from __future__ import annotations

from functools import cache
from typing import ClassVar

from realpolitik.package_data import read_table
from realpolitik.sources.base import NOT_CARRIED, finish_sql, quoted, sql_str
from realpolitik.sources.reference import name_key_sql, sector_map_sql
from realpolitik.sources.tabular import HeaderTsvReader

REQUIRED = (
    "Event ID",
    "Event Date",
    "Event Type",
    "Quad Code",
    "Intensity",
    "Actor Name",
    "Actor Country",
    "Recipient Name",
    "Recipient Country",
)
QUAD_CODES = {
    "VERBAL COOPERATION": 1,
    "MATERIAL COOPERATION": 2,
    "VERBAL CONFLICT": 3,
    "MATERIAL CONFLICT": 4,
}


@cache
def plover_cameo_roots() -> dict[str, str]:
    """PLOVER event type → the CAMEO root it is stored under."""
    table = read_table("plover.csv")
    return dict(zip(table["plover_event"], table["cameo_root"], strict=True))


def _map_literal(pairs: dict[str, object]) -> str:
    body = ", ".join(
        f"'{k}': {v if isinstance(v, int) else sql_str(str(v))}" for k, v in pairs.items()
    )
    return f"MAP {{{body}}}"


class PolecatReader(HeaderTsvReader):
    name = "polecat"
    origin = "polecat"
    description = "POLECAT event file (tab-separated, header; PLOVER event types)"
    required = REQUIRED
    aliases: ClassVar[dict[str, str]] = {"Event Intensity": "Intensity"}
    na_values = ("NA", "None")

    def _country(self, role: str, alias: str) -> str:
        value = f"trim(split_part({self.col(role + ' Country')}, ';', 1))"
        return (
            f"coalesce({alias}k.code, {alias}n.code, "
            f"CASE WHEN regexp_full_match({value}, '[A-Z]{{3}}') THEN {value} ELSE '' END)"
        )

    def _join(self, role: str, alias: str) -> str:
        value = f"trim(split_part({self.col(role + ' Country')}, ';', 1))"
        return (
            f"LEFT JOIN _actor_codes {alias}k ON {alias}k.cameo = {value} "
            f"LEFT JOIN _country_names {alias}n ON {alias}n.key = {name_key_sql(value)} "
        )

    def _sector(self, role: str) -> str:
        value = self.col(f"Primary {role} Sector")
        return (
            f"CASE WHEN regexp_full_match({value}, '[A-Z]{{3}}') THEN {value} "
            f"ELSE coalesce({sector_map_sql()}[{value}], '') END"
        )

    def staging_sql(self, lines: str) -> str:
        date = f"try_strptime(left({self.col('Event Date')}, 10), '%Y-%m-%d')::DATE"
        intensity = f"try_cast({self.col('Intensity')} AS DOUBLE)"
        event_type = f"upper({self.col('Event Type')})"
        cameo = f"{_map_literal(plover_cameo_roots())}[{event_type}]"
        quad = f"{_map_literal(QUAD_CODES)}[upper({self.col('Quad Code')})]"
        columns = {
            "event_id": f"{sql_str(self.origin + ':')} || {self.col('Event ID')}",
            "date": date,
            "date_precision": "'day'",
            "source": self._country("Actor", "a"),
            "target": self._country("Recipient", "r"),
            "source_sector": self._sector("Actor"),
            "target_sector": self._sector("Recipient"),
            "source_name": self.col("Actor Name"),
            "target_name": self.col("Recipient Name"),
            "cameo": cameo,
            "quad_class": f"{quad}::TINYINT",
            "goldstein": intensity,
            "origin": sql_str(self.origin),
            "origin_ref": self.ref_sql(),
            **NOT_CARRIED,
        }
        reasons = [
            *self.shape_reasons(),
            self.required_value("Event ID"),
            self.bad_value("Event Date", f"{date} IS NULL", "is not a valid YYYY-MM-DD date"),
            self.bad_value("Event Type", f"{cameo} IS NULL", "is not a PLOVER event type"),
            self.bad_value(
                "Quad Code",
                f"{quad} IS NULL",
                "is not VERBAL/MATERIAL COOPERATION/CONFLICT",
            ),
            self.bad_value(
                "Intensity",
                f"{self.col('Intensity')} <> '' AND ({intensity} IS NULL "
                f"OR NOT isfinite({intensity}) OR {intensity} NOT BETWEEN -10 AND 10)",
                "is not a number in -10..10",
            ),
        ]
        notes = tuple(
            f"CASE WHEN {self.col(role + ' Country')} <> '' AND {alias}k.code IS NULL "
            f"AND {alias}n.code IS NULL THEN '{role} Country ' || "
            f"{quoted(self.col(role + ' Country'))} || ' not in the country table' END"
            for role, alias in (("Actor", "a"), ("Recipient", "r"))
        )
        rows_from = (
            f"{self.rows_from(lines)} {self._join('Actor', 'a')} {self._join('Recipient', 'r')}"
        )
        return finish_sql(columns, reasons, rows_from, notes)
