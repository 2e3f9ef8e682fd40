"""Alliance obligations per directed dyad-year, from ATOP 5.1 (`atop_alliances`) and COW
Formal Alliances v4.1 (`cow_alliances`); and shared IGO memberships (COW IGO v3).

Each indicator is 1 when the source has the obligation toward the target in the year and 0
when the two share an alliance without it. Only dyad-years the source table lists are observed:
a dyad-year with no alliance at all has no observation, which means no obligation (ATOP and
COW list every alliance they know), not missing data, within 1815–2018 (ATOP) and 1816–2012
(COW). ATOP is directed (obligations may differ by direction), so each row is one observation.
COW is non-directed, so each row counts in both directions; its file already lists both orders
with equal flags, and a row given in the other order is used only where the file lacks this one.
Russia's series includes the USSR's (both are COW 365, RUS).
"""

from __future__ import annotations

from realpolitik.measures.indicators import Indicator

_ATOP_MEANINGS = {
    "alliance_defense": ("atop_defense", "to defend the target militarily if it is attacked"),
    "alliance_offense": (
        "atop_offense",
        "to fight alongside the target in a war that is not a defence against attack (offence)",
    ),
    "alliance_neutrality": ("atop_neutral", "not to aid an attacker of the target (neutrality)"),
    "alliance_nonaggression": ("atop_nonagg", "not to attack the target"),
    "alliance_consultation": ("atop_consul", "to consult the target in a crisis"),
}
_COW_MEANINGS = {
    "cow_defense": ("cow_defense", "a defence pact"),
    "cow_neutrality": ("cow_neutral", "a neutrality pact"),
    "cow_nonaggression": ("cow_nonagg", "a non-aggression pact"),
    "cow_entente": ("cow_entente", "an entente (a consultation pact)"),
}


def _atop_sql(name: str, column: str) -> str:
    return (
        f"SELECT '{name}' AS indicator, source, target, make_date(year, 1, 1) AS period, "
        f"'year' AS freq, CAST({column} AS DOUBLE) AS value, provenance FROM atop_alliances"
    )


def _both_orders_sql(name: str, table: str, column: str) -> str:
    """Observations of a non-directed COW table in both directions."""
    return (
        f"WITH both_orders AS (SELECT source, target, year, {column} AS flag, provenance, "
        f"0 AS flipped FROM {table} UNION ALL SELECT target, source, year, "
        f"{column}, provenance, 1 FROM {table}) "
        f"SELECT '{name}' AS indicator, source, target, make_date(year, 1, 1) AS period, "
        "'year' AS freq, CAST(flag AS DOUBLE) AS value, provenance FROM both_orders "
        "QUALIFY row_number() OVER (PARTITION BY source, target, year ORDER BY flipped) = 1"
    )


ATOP_INDICATORS = tuple(
    Indicator(
        name=name,
        formula=(
            f"{name}(s→t, y) = {column} of the ATOP directed dyad-year (s, t, y): 1 if s is "
            f"obliged {meaning} in year y, 0 if they share an alliance without that obligation; "
            "no observation when ATOP lists no alliance for the dyad-year"
        ),
        needs=("atop_alliances",),
        sql=_atop_sql(name, column),
        absent_is_zero=True,
    )
    for name, (column, meaning) in _ATOP_MEANINGS.items()
)

COW_INDICATORS = tuple(
    Indicator(
        name=name,
        formula=(
            f"{name}(s→t, y) = {name}(t→s, y) = {column} of the COW non-directed dyad-year "
            f"{{s, t}}, y: 1 if s and t share {meaning} in year y, 0 if they share another "
            "kind of COW alliance; no observation when COW lists no alliance for the dyad-year"
        ),
        needs=("cow_alliances",),
        sql=_both_orders_sql(name, "cow_alliances", column),
        absent_is_zero=True,
    )
    for name, (column, meaning) in _COW_MEANINGS.items()
)

SHARED_IGOS = Indicator(
    name="shared_igos",
    formula=(
        "shared_igos(s→t, y) = shared_igos(t→s, y) = dyadigos of the COW IGO v3 non-directed "
        "dyad-year {s, t}, y: the number of intergovernmental organisations both belong to"
    ),
    needs=("shared_igos",),
    sql=_both_orders_sql("shared_igos", "shared_igos", "dyadigos"),
)

INDICATORS: tuple[Indicator, ...] = (*ATOP_INDICATORS, *COW_INDICATORS, SHARED_IGOS)
