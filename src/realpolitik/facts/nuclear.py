"""Nuclear cooperation agreements between two states, from Fuhrmann's NCA data in the store
(`nuclear_agreements`, 1951–2003): what was signed, when, in which order the data list the
pair, and the row behind it."""

from __future__ import annotations

import pandas as pd

from realpolitik.store import Store

_AGREEMENTS_SQL = """
SELECT year, source, target, country1, country2, nca_type, provenance
FROM nuclear_agreements
WHERE (source = ? AND target = ?) OR (source = ? AND target = ?)
ORDER BY year, seq, source
"""


def nuclear_agreements(store: Store, first: str, second: str) -> pd.DataFrame:
    """The agreements between two states, in either order, oldest first; the data's years
    (`first_year`, `last_year` attributes of the frame) say what an absence can mean."""
    store.require_tables("nuclear_agreements")
    a, b = first.strip().upper(), second.strip().upper()
    frame = store.con.execute(_AGREEMENTS_SQL, [a, b, b, a]).df()
    first_year, last_year = store.con.execute(
        "SELECT min(year), max(year) FROM nuclear_agreements"
    ).fetchone()
    frame.attrs.update(first_year=first_year, last_year=last_year)
    return frame
