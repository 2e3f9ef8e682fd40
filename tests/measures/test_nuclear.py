"""The nuclear_agreements indicator on the real NCA file: counts per directed dyad-year."""

from __future__ import annotations

import pyreadr

from realpolitik.measures.indicators import refresh
from realpolitik.measures.nuclear import INDICATORS
from realpolitik.sources.nca import NuclearAgreementReader
from realpolitik.store import Store
from tests.conftest import raw_file

NCA = "nuclear_nca/nca_df.rda"


def counts(store: Store, source: str, target: str) -> dict[int, float]:
    return dict(
        store.con.execute(
            "SELECT year(period), value FROM observations WHERE indicator = 'nuclear_agreements' "
            "AND source = ? AND target = ? ORDER BY period",
            [source, target],
        ).fetchall()
    )


def test_agreements_per_directed_dyad_year(store: Store) -> None:
    store.load_record_file(NuclearAgreementReader(), raw_file(NCA))
    assert refresh(store.con, INDICATORS) == ["nuclear_agreements"]
    assert counts(store, "RUS", "IRN") == {1989: 1.0, 1990: 1.0, 1995: 1.0}
    assert counts(store, "IRN", "RUS") == {}  # the data lists the pair one way only
    raw = pyreadr.read_r(raw_file(NCA))["nca_df"]
    usa_russia = raw[(raw.ccode1 == 2) & (raw.ccode2 == 365)].groupby("year").size()
    assert counts(store, "USA", "RUS") == {int(y): float(n) for y, n in usa_russia.items()}
    assert counts(store, "USA", "RUS")[1996] == 4.0
    provenance = store.con.execute(
        "SELECT provenance FROM observations WHERE indicator = 'nuclear_agreements' "
        "AND source = 'USA' AND target = 'ARG' AND period = DATE '1996-01-01'"
    ).fetchone()[0]
    assert provenance == "nca_df.rda:row 53; nca_df.rda:row 54; nca_df.rda:row 55"
    total = store.con.execute(
        "SELECT sum(value) FROM observations WHERE indicator = 'nuclear_agreements'"
    ).fetchone()[0]
    assert total == 3_150  # every stored agreement counted once
