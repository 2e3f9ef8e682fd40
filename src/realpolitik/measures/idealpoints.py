"""Distance between UN General Assembly ideal points per dyad-year (`ideal_points`).

The distance is symmetric and stored in both directions, like every indicator, so a directed
query (RUS→IRN or IRN→RUS) finds it: 1.79 million observations for the July 2025 file. Only
years in which both states have an estimate are observed (1946–2023; the 2024 rows have none).
"""

from __future__ import annotations

from realpolitik.measures.indicators import Indicator

IDEALPOINT_DISTANCE = Indicator(
    name="idealpoint_distance",
    formula=(
        "idealpoint_distance(s→t, y) = |idealpointall(s, y) − idealpointall(t, y)| "
        "(Bailey–Strezhnev–Voeten, all votes); symmetric, stored in both directions"
    ),
    needs=("ideal_points",),
    sql=(
        "SELECT 'idealpoint_distance' AS indicator, a.code AS source, b.code AS target, "
        "make_date(a.year, 1, 1) AS period, 'year' AS freq, "
        "abs(a.idealpointall - b.idealpointall) AS value, "
        "a.provenance || '; ' || b.provenance AS provenance "
        "FROM ideal_points a JOIN ideal_points b ON a.year = b.year AND a.code <> b.code "
        "WHERE a.idealpointall IS NOT NULL AND b.idealpointall IS NOT NULL"
    ),
)

INDICATORS: tuple[Indicator, ...] = (IDEALPOINT_DISTANCE,)
