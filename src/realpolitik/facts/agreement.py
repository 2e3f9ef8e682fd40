"""How closely two states vote in the UN General Assembly, year by year, with the roll calls
behind each figure (the `unga_agreement*` indicators of `realpolitik.measures.unga`)."""

from __future__ import annotations

import pandas as pd

from realpolitik.countries import is_known_code
from realpolitik.errors import UsageError
from realpolitik.store import Store

MEASURES = {
    "unga_agreement": "agreement",
    "unga_agreement_s": "s_score",
    "unga_agreement_kappa": "kappa",
}


def parse_dyad(dyad: str) -> tuple[str, str]:
    """`"RUS-IRN"` → `("RUS", "IRN")`, both known store codes."""
    parts = dyad.upper().replace("→", "-").split("-")
    if len(parts) != 2 or not all(parts):
        raise UsageError(f"dyad {dyad!r} is not of the form SOURCE-TARGET, e.g. RUS-IRN")
    for code in parts:
        if not is_known_code(code):
            raise UsageError(f"{code!r} in dyad {dyad!r} is not a known country or IGO code")
    return parts[0], parts[1]


def vote_agreement(
    store: Store, dyad: str, start: int | None = None, end: int | None = None
) -> pd.DataFrame:
    """Per year: roll calls both voted in, share of identical votes, Signorino–Ritter S and
    Cohen's κ, with provenance. Years without a shared roll call are absent."""
    source, target = parse_dyad(dyad)
    store.require_tables("observations")
    agreements = store.con.execute(
        "SELECT count(*) FROM observations WHERE list_contains(?, indicator)", [list(MEASURES)]
    ).fetchall()[0][0]
    if not agreements:  # the votes were never loaded (derived records may hold the scores)
        store.require_tables("unga_votes")
    if start is not None and end is not None and start > end:
        raise UsageError(f"--from {start} is after --to {end}")
    frame = store.con.execute(
        "SELECT year(period) AS year, indicator, value, provenance FROM observations "
        "WHERE source = ? AND target = ? AND list_contains(?, indicator) "
        "AND year(period) BETWEEN ? AND ? ORDER BY year",
        [source, target, list(MEASURES), start or 0, end or 9999],
    ).df()
    if frame.empty:
        return pd.DataFrame(columns=["year", *MEASURES.values(), "roll_calls", "provenance"])
    wide = frame.pivot(index="year", columns="indicator", values="value").rename(columns=MEASURES)
    provenance = frame.groupby("year")["provenance"].first()
    wide["roll_calls"] = provenance.str.extract(r"the (\d+) roll calls")[0].astype(int)
    wide["provenance"] = provenance
    wide.columns.name = None
    return wide.reset_index()[["year", *MEASURES.values(), "roll_calls", "provenance"]]
