"""Leader visits per directed dyad-year (visiting state → host), from the US Office of the
Historian (`leader_visits`): so every dyad has the USA on one side.

`leader_visits` counts heads of state or government: US presidents' trips abroad and foreign
leaders' visits to the US. `secretary_of_state_visits` counts the US secretaries of state's trips
abroad. A visit counts in the year it began. Visits recorded with no country count in no dyad.
A year without a visit has no observation: the Historian's lists are complete for these roles,
so a missing year means none.
"""

from __future__ import annotations

from realpolitik.measures.indicators import Indicator


def _visits_sql(name: str, roles: tuple[str, ...]) -> str:
    listed = ", ".join(f"'{role}'" for role in roles)
    return (
        f"SELECT '{name}' AS indicator, source, target, "
        "make_date(year(start_date), 1, 1) AS period, 'year' AS freq, "
        "CAST(count(*) AS DOUBLE) AS value, "
        "string_agg(provenance, '; ' ORDER BY start_date, provenance) AS provenance "
        f"FROM leader_visits WHERE role IN ({listed}) AND source <> '' AND target <> '' "
        "GROUP BY source, target, year(start_date)"
    )


LEADER_VISITS = Indicator(
    name="leader_visits",
    formula=(
        "leader_visits(s→t, y) = number of leader_visits rows with source s, target t, role "
        "'president' or 'foreign leader', and start_date in year y"
    ),
    needs=("leader_visits",),
    sql=_visits_sql("leader_visits", ("president", "foreign leader")),
    absent_is_zero=True,
    covers_only="USA",
)

SECRETARY_VISITS = Indicator(
    name="secretary_of_state_visits",
    formula=(
        "secretary_of_state_visits(USA→t, y) = number of leader_visits rows with role "
        "'secretary' (US secretary of state), target t and start_date in year y"
    ),
    needs=("leader_visits",),
    sql=_visits_sql("secretary_of_state_visits", ("secretary",)),
    absent_is_zero=True,
    covers_only="USA",
)

INDICATORS: tuple[Indicator, ...] = (LEADER_VISITS, SECRETARY_VISITS)
