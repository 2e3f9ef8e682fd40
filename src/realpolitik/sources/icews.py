"""ICEWS coded event data as published on Harvard Dataverse: a tab-separated `.tab` file
with a header row of 20 named columns, `NA` for missing values and country *names*.

Country names map to ISO3 through the country name table. A sector comes from the first of
the actor's ICEWS sectors that has a CAMEO equivalent; an actor that is the country itself
("Russian Federation") is the state, sector GOV. ICEWS carries no quad class, so it is derived
from the CAMEO root under the chosen convention; Intensity is kept as the Goldstein value.
ICEWS Event IDs are not guaranteed stable across releases (andybega/icews notes this), so
re-ingesting a different release of the same events may store them twice.
"""

from __future__ import annotations

from realpolitik.sources.base import NOT_CARRIED, finish_sql, quoted, sql_str
from realpolitik.sources.reference import name_key_sql, sector_map_sql
from realpolitik.sources.tabular import HeaderTsvReader

REQUIRED = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
)


class IcewsReader(HeaderTsvReader):
    name = "icews"
    origin = "icews"
    description = "ICEWS Dataverse event file (.tab: tab-separated, header, country names)"
    required = REQUIRED

    def _sector(self, role: str) -> str:
        mapped = (
            f"list_filter(list_transform(string_split({self.col(role + ' Sectors')}, ','), "
            f"lambda x: {sector_map_sql()}[trim(x)]), lambda x: x IS NOT NULL)"
        )
        is_state = (
            f"{self.col(role + ' Name')} <> '' "
            f"AND {self.col(role + ' Name')} = {self.col(role + ' Country')}"
        )
        return f"coalesce({mapped}[1], CASE WHEN {is_state} THEN 'GOV' ELSE '' END)"

    def staging_sql(self, lines: str) -> str:
        date = f"try_strptime({self.col('Event Date')}, '%Y-%m-%d')::DATE"
        intensity = f"try_cast({self.col('Intensity')} AS DOUBLE)"
        cameo = self.col("CAMEO Code")
        columns = {
            "event_id": f"{sql_str(self.origin + ':')} || {self.col('Event ID')}",
            "date": date,
            "date_precision": "'day'",
            "source": "coalesce(sc.code, '')",
            "target": "coalesce(tc.code, '')",
            "source_sector": self._sector("Source"),
            "target_sector": self._sector("Target"),
            "source_name": self.col("Source Name"),
            "target_name": self.col("Target Name"),
            "cameo": cameo,
            "quad_class": "q.quad",
            "goldstein": intensity,
            "origin": sql_str(self.origin),
            "origin_ref": self.ref_sql(),
            **NOT_CARRIED,
        }
        reasons = [
            *self.shape_reasons(),
            self.required_value("Event ID"),
            self.bad_value("Event Date", f"{date} IS NULL", "is not a valid YYYY-MM-DD date"),
            self.bad_value(
                "CAMEO Code",
                f"NOT regexp_full_match({cameo}, '[0-9]{{2,4}}')",
                "is not a CAMEO code",
            ),
            self.bad_value("CAMEO Code", "q.quad IS NULL", "has no CAMEO root 01-20"),
            self.bad_value(
                "Intensity",
                f"{intensity} IS NULL OR NOT isfinite({intensity}) "
                f"OR {intensity} NOT BETWEEN -10 AND 10",
                "is not a number in -10..10",
            ),
        ]
        rows_from = (
            f"{self.rows_from(lines)} "
            f"LEFT JOIN _country_names sc ON sc.key = {name_key_sql(self.col('Source Country'))} "
            f"LEFT JOIN _country_names tc ON tc.key = {name_key_sql(self.col('Target Country'))} "
            f"LEFT JOIN _quad q ON q.root = left({cameo}, 2)"
        )
        notes = tuple(
            f"CASE WHEN {self.col(role + ' Country')} <> '' AND {alias}.code IS NULL THEN "
            f"'country name ' || {quoted(self.col(role + ' Country'))} || ' not in the country "
            "table (actor left blank)' END"
            for role, alias in (("Source", "sc"), ("Target", "tc"))
        )
        return finish_sql(columns, reasons, rows_from, notes)
