"""Nuclear cooperation agreements per directed dyad-year, from Fuhrmann's NCA data
(`nuclear_agreements`, 1951–2003).

The data lists ordered pairs (ccode1 → ccode2) and is not symmetric: many agreements appear in
both orders, some in one only (Iran never as the first party), so the indicator keeps the order
the data gives. A dyad-year with no agreement has no observation (zero, within 1951–2003).
Russia's series includes the USSR's (both are COW 365, RUS).
"""

from __future__ import annotations

from realpolitik.measures.indicators import Indicator

NUCLEAR_AGREEMENTS = Indicator(
    name="nuclear_agreements",
    formula=(
        "nuclear_agreements(s→t, y) = number of rows of nuclear_agreements with source s, "
        "target t and year y (NCAs signed that year, in the order the NCA data lists the pair)"
    ),
    needs=("nuclear_agreements",),
    sql=(
        "SELECT 'nuclear_agreements' AS indicator, source, target, "
        "make_date(year, 1, 1) AS period, 'year' AS freq, CAST(count(*) AS DOUBLE) AS value, "
        "string_agg(provenance, '; ' ORDER BY seq) AS provenance "
        "FROM nuclear_agreements GROUP BY source, target, year"
    ),
    absent_is_zero=True,
)

INDICATORS: tuple[Indicator, ...] = (NUCLEAR_AGREEMENTS,)
