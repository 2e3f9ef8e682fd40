"""Arms-transfer facts for one supplier → recipient dyad, from the SIPRI trade register in the
store (`arms_transfers`): the deals behind the TIV series, with how long each took from order
to first delivery, and the yearly totals.

Codes are store codes (RUS, IRN, or an IGO code such as NAT); RUS covers the Soviet Union too.
The register lists only deals with deliveries, so cancelled orders never appear, and a deal's
order year is SIPRI's (e.g. the S-300PMU2 for Iran is dated to the 2015 re-signing).
"""

from __future__ import annotations

import pandas as pd

from realpolitik.countries import is_known_code
from realpolitik.errors import UsageError
from realpolitik.store import Store

_DEALS_SQL = """
SELECT
  sipri_id,
  arg_min(supplier_name, delivery_year) AS supplier_name,
  arg_min(recipient_name, delivery_year) AS recipient_name,
  arg_min(designation, delivery_year) AS designation,
  arg_min(description, delivery_year) AS description,
  arg_min(category, delivery_year) AS category,
  arg_min(status, delivery_year) AS status,
  arg_min(order_year, delivery_year) AS order_year,
  arg_min(order_year_estimate, delivery_year) AS order_year_estimate,
  string_agg(CAST(delivery_year AS VARCHAR), ', ' ORDER BY delivery_year) AS delivery_years,
  bool_or(delivery_year_estimate) AS delivery_year_estimate,
  min(delivery_year) AS first_delivery_year,
  max(delivery_year) AS last_delivery_year,
  CAST(sum(delivered) AS BIGINT) AS delivered,
  bool_or(delivered_estimate) AS delivered_estimate,
  sum(tiv_delivered) AS tiv_delivered,
  min(delivery_year) - arg_min(order_year, delivery_year) AS order_to_delivery_years,
  min(delivery_year) = (SELECT min(delivery_year) FROM arms_transfers)
    AND arg_min(order_year, delivery_year) < min(delivery_year) AS first_delivery_censored,
  any_value(split_part(provenance, ':line ', 1)) || ':lines '
    || string_agg(split_part(provenance, ':line ', 2), ', ' ORDER BY delivery_year) AS provenance
FROM arms_transfers
WHERE supplier = ? AND recipient = ?
GROUP BY sipri_id
ORDER BY order_year, first_delivery_year, sipri_id
"""

_BY_YEAR_SQL = """
SELECT
  delivery_year AS year,
  sum(tiv_delivered) AS tiv,
  count(DISTINCT sipri_id) AS deals,
  'arms_transfers (sipri_id, delivery_year): SIPRI ids '
    || array_to_string(list(DISTINCT sipri_id ORDER BY sipri_id), ', ') AS provenance
FROM arms_transfers
WHERE supplier = ? AND recipient = ?
GROUP BY delivery_year
ORDER BY delivery_year
"""


def _dyad(store: Store, supplier: str, recipient: str) -> list[str]:
    """The two store codes, checked; UsageError for an unknown code or no arms data."""
    codes = []
    for role, given in (("supplier", supplier), ("recipient", recipient)):
        code = given.strip().upper()
        if not is_known_code(code):
            raise UsageError(
                f"unknown {role} code {given!r}: use a store code such as RUS or IRN "
                "(ISO 3166-1 alpha-3, or an IGO code such as NAT)"
            )
        codes.append(code)
    store.require_tables("arms_transfers")
    return codes


def arms_deals(store: Store, supplier: str, recipient: str) -> pd.DataFrame:
    """One row per SIPRI deal from `supplier` to `recipient`: what, when ordered, the delivery
    years ('2006, 2007'), numbers and TIV delivered in total, first and last delivery year,
    order_to_delivery_years (first delivery year − order year) and the file lines behind it.

    `first_delivery_censored` is true when the first listed delivery falls in the register's
    first delivery year (2000 for the 2000–2023 export) after an earlier order: deliveries may
    have begun before the register starts, so the lag is then an upper bound."""
    return store.con.execute(_DEALS_SQL, _dyad(store, supplier, recipient)).df()


def arms_by_year(store: Store, supplier: str, recipient: str) -> pd.DataFrame:
    """TIV delivered (`tiv`, SIPRI TIV millions) and distinct deals with deliveries (`deals`)
    per delivery year from `supplier` to `recipient`; years without deliveries have no row."""
    return store.con.execute(_BY_YEAR_SQL, _dyad(store, supplier, recipient)).df()


def arms_register_years(store: Store) -> tuple[int, int]:
    """The first and last delivery year of the register in the store: outside them an absent
    delivery says nothing."""
    store.require_tables("arms_transfers")
    first, last = store.con.execute(
        "SELECT min(delivery_year), max(delivery_year) FROM arms_transfers"
    ).fetchone()
    return int(first), int(last)
