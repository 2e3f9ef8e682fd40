"""ATOP, COW alliance and COW IGO readers on the real peacesciencer files: values against the raw
file, COW codes and their successors, quarantine reasons, idempotent reload, malformed files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyreadr
import pytest

from realpolitik.countries import code_from_cow
from realpolitik.errors import InputError
from realpolitik.sources.alliances import (
    ATOP_FLAGS,
    AtopAllianceReader,
    CowAllianceReader,
    CowIgoReader,
)
from realpolitik.sources.records import RecordRows
from realpolitik.store import Store
from tests.conftest import ledger_identity_holds, raw_file

ATOP = "alliances/atop_alliance.rda"
COW = "alliances/cow_alliance.rda"
IGO = "alliances/cow_igo_ndy.rda"


def raw_frame(relative: str) -> pd.DataFrame:
    return next(iter(pyreadr.read_r(raw_file(relative)).values()))


@pytest.fixture(scope="module")
def atop() -> RecordRows:
    return AtopAllianceReader().read(raw_file(ATOP))


@pytest.fixture(scope="module")
def cow() -> RecordRows:
    return CowAllianceReader().read(raw_file(COW))


def dyad(rows: RecordRows, source: str, target: str) -> pd.DataFrame:
    frame = rows.rows
    return frame[(frame.source == source) & (frame.target == target)].set_index("year")


def test_atop_russia_iran_matches_the_raw_file(atop: RecordRows) -> None:
    whole = raw_frame(ATOP)
    raw = whole[(whole.ccode1 == 365) & (whole.ccode2 == 630)]
    row_2001 = int(raw.index[raw.year == 2001][0]) + 1  # 1-based data row
    raw = raw.set_index(raw.year.astype(int))
    ours = dyad(atop, "RUS", "IRN")
    assert list(ours.index) == list(raw.index)
    for flag in ATOP_FLAGS:
        assert ours[flag].tolist() == raw[flag].astype(int).tolist(), flag
    # research note 2e: nothing after the Second World War until 2001 ...
    assert not set(range(1947, 2001)) & set(ours.index)
    # ... then neutrality, non-aggression and consultation without defence, 2001-2018
    treaty = ours.loc[2001:2018]
    assert list(treaty.index) == list(range(2001, 2019))
    assert (treaty[["atop_neutral", "atop_nonagg", "atop_consul"]] == 1).all().all()
    assert (treaty[["atop_defense", "atop_offense"]] == 0).all().all()
    assert ours.loc[2001, "provenance"].endswith(f"{Path(ATOP).name}:row {row_2001}")


def test_atop_russia_usa_is_non_aggression_only(atop: RecordRows) -> None:
    ours = dyad(atop, "RUS", "USA")
    only_nonagg = ours[
        (ours.atop_nonagg == 1)
        & (ours[["atop_defense", "atop_offense", "atop_neutral", "atop_consul"]] == 0).all(axis=1)
    ]
    # the research note says 1990-2018; the file has it from 1975 (Helsinki) to 2018
    assert list(only_nonagg.index) == list(range(1975, 2019))
    assert len(ours) == 51  # 4 wartime years (1942-45) and 3 consultation-only (1962-64)


def test_every_row_is_stored_or_quarantined_with_the_value(atop: RecordRows) -> None:
    raw = raw_frame(ATOP)
    codes = {c: code_from_cow(int(c)) for c in pd.unique(raw[["ccode1", "ccode2"]].values.ravel())}
    unresolved = raw.ccode1.map(codes).isna() | raw.ccode2.map(codes).isna()
    assert atop.rows_read == len(raw) == 273_296
    assert len(atop.rows) + len(atop.quarantined) == len(raw)
    reasons = dict((row, reason) for row, reason, _ in atop.quarantined)
    no_code = {row for row, reason in reasons.items() if "has no store code" in reason}
    assert no_code == set(raw.index[unresolved] + 1)
    first_hanover = int(raw.index[raw.ccode1 == 240][0]) + 1  # COW 240: Hanover
    assert reasons[first_hanover] == "ccode1 240 has no store code"


def test_successor_codes_keep_the_states_own_row(atop: RecordRows) -> None:
    raw = raw_frame(ATOP)
    at = raw.index[(raw.ccode1 == 2) & (raw.year == 1990)]
    row_255 = int(at[raw.loc[at, "ccode2"] == 255][0]) + 1
    row_260 = int(at[raw.loc[at, "ccode2"] == 260][0]) + 1
    kept = dyad(atop, "USA", "DEU").loc[1990]
    assert (kept.ccode2, kept.provenance.rsplit(":", 1)[1]) == (255, f"row {row_255}")
    reasons = dict((row, reason) for row, reason, _ in atop.quarantined)
    assert reasons[row_260].startswith("same source/target/year USA/DEU/1990 as ")
    assert reasons[row_260].endswith(f"{Path(ATOP).name}:row {row_255}, which is kept")
    # West Germany before unification is DEU through its own COW number, 260
    assert dyad(atop, "USA", "DEU").loc[1970, "ccode2"] == 260


def test_cow_alliances_match_the_raw_file(cow: RecordRows) -> None:
    raw = raw_frame(COW)
    raw = raw[(raw.ccode1 == 630) & (raw.ccode2 == 365)]
    raw = raw.set_index(raw.year.astype(int))
    ours = dyad(cow, "IRN", "RUS")
    assert list(ours.index) == list(range(1921, 1947)) == list(raw.index)
    for flag in ("cow_defense", "cow_neutral", "cow_nonagg", "cow_entente"):
        assert ours[flag].tolist() == raw[flag].astype(int).tolist(), flag
    # both orders are in the file with equal flags
    back = dyad(cow, "RUS", "IRN")
    assert back.drop(columns=["source", "target", "ccode1", "ccode2", "provenance"]).equals(
        ours.drop(columns=["source", "target", "ccode1", "ccode2", "provenance"])
    )
    # COW keeps coding 260 after 1990; the 255 row is kept, and the 255-260 dyad is no dyad
    reasons = [reason for _, reason, _ in cow.quarantined]
    assert "COW 255 and 260 are both DEU" in reasons


def test_igo_counts_match_the_raw_file() -> None:
    rows = CowIgoReader().read(raw_file(IGO))
    raw = raw_frame(IGO)
    raw = raw[(raw.ccode1 == 365) & (raw.ccode2 == 630)]
    raw = raw.set_index(raw.year.astype(int))
    ours = dyad(rows, "RUS", "IRN")
    assert len(ours) == len(raw) > 0
    assert ours.dyadigos.tolist() == raw.dyadigos.astype(int).tolist()
    assert rows.rows_read == 917_695


def test_reload_is_idempotent(store: Store, tmp_path: Path) -> None:
    raw = raw_frame(ATOP)
    part = raw[raw.ccode1.isin([2, 240, 260, 365, 630])].reset_index(drop=True)
    path = tmp_path / "atop_part.rda"
    pyreadr.write_rdata(str(path), part, df_name="atop_alliance")
    first = store.load_record_file(AtopAllianceReader(), path)
    second = store.load_record_file(AtopAllianceReader(), path)
    assert first.rows_read == second.rows_read == len(part)
    assert first.rows_quarantined == second.rows_quarantined > 0
    assert second.rows_stored == 0
    assert second.rows_duplicate == first.rows_stored == first.rows_read - first.rows_quarantined
    count = store.con.execute("SELECT count(*) FROM atop_alliances").fetchone()[0]
    assert count == first.rows_stored
    assert ledger_identity_holds(store)


def test_malformed_files_raise_and_store_nothing(store: Store, tmp_path: Path) -> None:
    raw = raw_frame(ATOP).head(20).drop(columns=["atop_consul"])
    missing = tmp_path / "atop_no_consul.rda"
    pyreadr.write_rdata(str(missing), raw, df_name="atop_alliance")
    with pytest.raises(InputError, match=r"atop_no_consul\.rda: lacks column\(s\) atop_consul"):
        store.load_record_file(AtopAllianceReader(), missing)
    garbage = tmp_path / "cow.rda"
    garbage.write_text("ccode1,ccode2,year\n2,20,1950\n")
    with pytest.raises(InputError, match=r"cow\.rda: cannot read as an R data file"):
        store.load_record_file(CowAllianceReader(), garbage)
    assert store.ledger().empty
    tables = store.con.execute("SELECT table_name FROM duckdb_tables()").df().table_name
    assert not {"atop_alliances", "cow_alliances"} & set(tables)
