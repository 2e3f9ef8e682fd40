"""Arms-transfer indicators from the SIPRI trade register (`arms_transfers`), per directed
dyad supplier → recipient and delivery year.

Only rows whose supplier and recipient both have a store code (states, and the IGOs the country
table knows, e.g. NAT, UNO) enter a dyad; deliveries to or from armed groups and unknown actors
stay in `arms_transfers` but have no code to key a series. Russia's series includes the Soviet
Union's deliveries when a register lists them (both are RUS). Years without a recorded delivery
have no observation: SIPRI lists deliveries only, so within a register's delivery years a
missing year means none were recorded (zero), before them it means no data.
"""

from __future__ import annotations

from realpolitik.measures.indicators import Indicator

PROVENANCE_IDS = 10
"""How many SIPRI ids an observation's provenance lists before it says how many more."""

_DEAL_PROVENANCE = (
    "'arms_transfers (sipri_id, delivery_year): ' || count(DISTINCT sipri_id) || ' deal(s) in '"
    " || delivery_year || ', SIPRI ids ' || array_to_string(list_slice("
    f"list(DISTINCT sipri_id ORDER BY sipri_id), 1, {PROVENANCE_IDS}), ', ')"
    f" || CASE WHEN count(DISTINCT sipri_id) > {PROVENANCE_IDS} THEN ' and '"
    f" || (count(DISTINCT sipri_id) - {PROVENANCE_IDS}) || ' more' ELSE '' END"
)


def _dyad_year_sql(name: str, value: str) -> str:
    """SELECT of one yearly indicator over supplier → recipient dyads of `arms_transfers`."""
    return (
        f"SELECT '{name}' AS indicator, supplier AS source, recipient AS target, "
        "make_date(delivery_year, 1, 1) AS period, 'year' AS freq, "
        f"CAST({value} AS DOUBLE) AS value, {_DEAL_PROVENANCE} AS provenance "
        "FROM arms_transfers WHERE supplier <> '' AND recipient <> '' "
        "GROUP BY supplier, recipient, delivery_year"
    )


ARMS_TIV = Indicator(
    name="arms_tiv",
    formula=(
        "arms_tiv(s→r, y) = Σ tiv_delivered over arms_transfers rows with supplier s, recipient r "
        "and delivery_year y (SIPRI trend-indicator values, millions)"
    ),
    needs=("arms_transfers",),
    sql=_dyad_year_sql("arms_tiv", "sum(tiv_delivered)"),
    absent_is_zero=True,
)

ARMS_DEALS = Indicator(
    name="arms_deals",
    formula=(
        "arms_deals(s→r, y) = number of distinct sipri_id with a delivery from supplier s to "
        "recipient r in delivery_year y"
    ),
    needs=("arms_transfers",),
    sql=_dyad_year_sql("arms_deals", "count(DISTINCT sipri_id)"),
    absent_is_zero=True,
)

INDICATORS: tuple[Indicator, ...] = (ARMS_TIV, ARMS_DEALS)
