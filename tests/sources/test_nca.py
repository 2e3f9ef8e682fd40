"""Nuclear cooperation agreement reader on the real NCA file: the Russia/USSR–Iran agreements,
several agreements per dyad-year, quarantine, idempotent reload, malformed files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyreadr
import pytest

from realpolitik.errors import InputError
from realpolitik.sources.nca import NuclearAgreementReader
from realpolitik.store import Store
from tests.conftest import ledger_identity_holds, raw_file

NCA = "nuclear_nca/nca_df.rda"


def raw_frame() -> pd.DataFrame:
    return pyreadr.read_r(raw_file(NCA))["nca_df"]


def test_russia_iran_agreements_match_the_raw_file(store: Store) -> None:
    store.load_record_file(NuclearAgreementReader(), raw_file(NCA))
    ours = store.con.execute(
        "SELECT year, seq, country1, country2, nca_type, provenance FROM nuclear_agreements "
        "WHERE source = 'RUS' AND target = 'IRN' ORDER BY year, seq"
    ).fetchall()
    raw = raw_frame()
    raw = raw[(raw.ccode1 == 365) & (raw.ccode2 == 630)]
    expected = [
        (int(r.year), 1, r.country1, r.country2, r.nca_type, f"nca_df.rda:row {i + 1}")
        for i, r in raw.iterrows()
    ]
    assert ours == expected
    # research note 2d: USSR 1989 and 1990, Russia 1995 (Bushehr), all stored as RUS
    assert [(y, c1, kind) for y, _, c1, _, kind, _ in ours] == [
        (1989, "USSR", "comprehensive power, restricted"),
        (1990, "USSR", "intangibles"),
        (1995, "Russia", "comprehensive power, restricted"),
    ]
    # Iran is never the first party
    assert store.con.execute(
        "SELECT count(*) FROM nuclear_agreements WHERE source = 'IRN'"
    ).fetchone() == (0,)


def test_every_agreement_of_a_dyad_year_is_kept(store: Store) -> None:
    result = store.load_record_file(NuclearAgreementReader(), raw_file(NCA))
    assert (result.rows_read, result.rows_stored, result.rows_quarantined) == (3_152, 3_150, 2)
    # raw rows 53-55: USA-Argentina 1996, two identical "nuclear safety" rows and "intangibles"
    kept = store.con.execute(
        "SELECT seq, nca_type FROM nuclear_agreements "
        "WHERE source = 'USA' AND target = 'ARG' AND year = 1996 ORDER BY seq"
    ).fetchall()
    assert kept == [(1, "nuclear safety"), (2, "intangibles"), (3, "nuclear safety")]
    assert dict(zip(store.quarantine().line, store.quarantine().reason, strict=True)) == {
        1772: "ccode2 817 has no store code",  # France - South Vietnam 1961
        2131: "COW 260 and 260 are both DEU",  # "Germany - France" 1967, coded 260-260
    }


def test_reload_is_idempotent(store: Store) -> None:
    first = store.load_record_file(NuclearAgreementReader(), raw_file(NCA))
    second = store.load_record_file(NuclearAgreementReader(), raw_file(NCA))
    assert (second.rows_stored, second.rows_duplicate) == (0, first.rows_stored)
    stored = store.con.execute("SELECT count(*) FROM nuclear_agreements").fetchone()[0]
    assert stored == first.rows_stored
    assert len(store.quarantine()) == 2
    assert ledger_identity_holds(store)


def test_malformed_file_raises_and_stores_nothing(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "nca_no_type.rda"
    frame = raw_frame().head(10).drop(columns=["nca_type"])
    pyreadr.write_rdata(str(path), frame, df_name="nca_df")
    with pytest.raises(InputError, match=r"nca_no_type\.rda: lacks column\(s\) nca_type"):
        store.load_record_file(NuclearAgreementReader(), path)
    assert store.ledger().empty
