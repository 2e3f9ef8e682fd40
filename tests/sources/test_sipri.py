"""SIPRI trade register reader, checked against pandas on the real CSV and on small written
copies with one defect each."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from realpolitik.errors import InputError
from realpolitik.sources.sipri import SipriTradeRegisterReader
from realpolitik.store import Store
from tests.conftest import ledger_identity_holds, raw_file

REGISTER = "sipri/sipri_trade_register_2000_2023.csv"
HEADER = (
    "SIPRI AT Database ID,Supplier,Recipient,Designation,Description,Armament category,"
    "Order date,Order date is estimate,Numbers delivered,Numbers delivered is estimate,"
    "Delivery year,Delivery year is estimate,Status,SIPRI estimate,TIV deal unit,"
    "TIV delivery values,Local production"
)
# lines 7967 and 8021 of the real file; the Hezbollah row is made up
S300 = (
    "59015,Russia,Iran,S-300PMU2,SAM system,Air defence systems,2015,No,4,No,2016,No,New,"
    "55,55,220,No"
)
TOR = (
    "31785,Russia,Iran,Tor-M,mobile SAM system,Air defence systems,2005,No,15,Yes,2006,No,New,"
    "12.5,12.5,187.5,No"
)
HEZBOLLAH = "1,Iran,Hezbollah (Lebanon)*,Fajr-5,MRL,Artillery,2000,Yes,5,Yes,2001,Yes,New,1,1,5,No"


def write_register(tmp_path: Path, rows: list[str], header: str = HEADER) -> Path:
    """A small register: three note lines, a blank line, the header and `rows`."""
    path = tmp_path / "register.csv"
    notes = ["Transfers of major conventional arms", "SIPRI TIVs are in millions.", "", "Source"]
    path.write_text("\n".join([*notes, header, *rows]) + "\n")
    return path


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    """The real register read by pandas, skipping the 11 note lines (checked below)."""
    return pd.read_csv(raw_file(REGISTER), skiprows=11, dtype=str, keep_default_na=False)


def test_header_is_line_12_of_the_real_file() -> None:
    lines = raw_file(REGISTER).read_text().splitlines()
    assert lines[11].startswith("SIPRI AT Database ID,Supplier,Recipient,")
    assert not any(line.startswith("SIPRI AT Database ID") for line in lines[:11])


def test_counts_match_pandas(store: Store, reference: pd.DataFrame) -> None:
    result = store.load_record_file(SipriTradeRegisterReader(), raw_file(REGISTER))
    assert len(reference) == 20480
    assert reference["SIPRI AT Database ID"].nunique() == 10396
    assert (result.rows_read, result.rows_stored, result.rows_quarantined) == (20480, 20480, 0)
    rows, deals, tiv = store.con.execute(
        "SELECT count(*), count(DISTINCT sipri_id), sum(tiv_delivered) FROM arms_transfers"
    ).fetchone()
    assert (rows, deals) == (len(reference), reference["SIPRI AT Database ID"].nunique())
    assert tiv == pytest.approx(reference["TIV delivery values"].astype(float).sum())
    assert ledger_identity_holds(store)


def test_s300_deal_by_hand(store: Store, reference: pd.DataFrame) -> None:
    path = raw_file(REGISTER)
    store.load_record_file(SipriTradeRegisterReader(), path)
    row = store.con.execute("SELECT * FROM arms_transfers WHERE sipri_id = 59015").df()
    assert len(row) == 1
    row = row.iloc[0]
    raw = reference[reference["SIPRI AT Database ID"] == "59015"].iloc[0]
    assert (raw["Supplier"], raw["Recipient"], raw["Designation"]) == (
        "Russia",
        "Iran",
        "S-300PMU2",
    )
    assert (row.supplier, row.supplier_name, row.recipient, row.recipient_name) == (
        "RUS",
        "Russia",
        "IRN",
        "Iran",
    )
    assert (row.designation, row.description, row.category) == (
        "S-300PMU2",
        "SAM system",
        "Air defence systems",
    )
    assert (row.order_year, bool(row.order_year_estimate)) == (2015, False)
    assert (row.delivered, row.delivery_year, row.status) == (4, 2016, "New")
    assert (row.tiv_unit, row.tiv_delivered, bool(row.local_production)) == (55.0, 220.0, False)
    file_name, line = row.provenance.rsplit(":line ", 1)
    assert file_name == path.name
    assert path.read_text().splitlines()[int(line) - 1] == S300


def test_every_provenance_points_at_its_line(store: Store) -> None:
    path = raw_file(REGISTER)
    store.load_record_file(SipriTradeRegisterReader(), path)
    rows = store.con.execute(
        "SELECT sipri_id, delivery_year, tiv_delivered, "
        "CAST(split_part(provenance, ':line ', 2) AS INTEGER) AS line FROM arms_transfers"
    ).df()
    lines = pd.Series(path.read_text().splitlines())
    fields = lines.iloc[rows.line - 1].str.split(",", expand=True)
    assert (fields[0].astype(int).to_numpy() == rows.sipri_id.to_numpy()).all()
    assert (fields[10].astype(int).to_numpy() == rows.delivery_year.to_numpy()).all()
    assert (fields[15].astype(float).to_numpy() == rows.tiv_delivered.to_numpy()).all()


def test_actors_that_are_not_states_are_kept(store: Store, reference: pd.DataFrame) -> None:
    store.load_record_file(SipriTradeRegisterReader(), raw_file(REGISTER))
    frame = store.con.execute(
        "SELECT supplier, supplier_name, recipient, recipient_name FROM arms_transfers"
    ).df()
    for side in ("Supplier", "Recipient"):
        names = reference[side]
        armed_or_unknown = names.str.endswith("*") & ~names.str.endswith("**")
        armed_or_unknown |= names.str.startswith("unknown") | (names == "African Union**")
        codes = frame[side.lower()]
        assert (codes == "").sum() == armed_or_unknown.sum() > 0
    pairs = set(zip(frame.recipient_name, frame.recipient, strict=True))
    pairs |= set(zip(frame.supplier_name, frame.supplier, strict=True))
    for pair in [
        ("NATO**", "NAT"),
        ("United Nations**", "UNO"),
        ("European Union**", "EEC"),
        ("OSCE**", "SCE"),
        ("African Union**", ""),
        ("Hezbollah (Lebanon)*", ""),
        ("unknown supplier(s)", ""),
        ("UAE", "ARE"),
        ("Bosnia-Herzegovina", "BIH"),
        ("Libya GNC", "LBY"),
        ("Turkiye", "TUR"),
        ("United States", "USA"),
    ]:
        assert pair in pairs


def test_reload_is_idempotent(store: Store) -> None:
    path = raw_file(REGISTER)
    store.load_record_file(SipriTradeRegisterReader(), path)
    again = store.load_record_file(SipriTradeRegisterReader(), path)
    assert (again.rows_read, again.rows_stored, again.rows_duplicate) == (20480, 0, 20480)
    assert store.con.execute("SELECT count(*) FROM arms_transfers").fetchone()[0] == 20480
    assert len(store.ledger()) == 2 and ledger_identity_holds(store)


def test_notes_are_found_however_many(store: Store, tmp_path: Path) -> None:
    path = write_register(tmp_path, [S300, "", TOR, HEZBOLLAH])
    result = store.load_record_file(SipriTradeRegisterReader(), path)
    assert (result.rows_read, result.rows_stored, result.rows_quarantined) == (3, 3, 0)
    lines = dict(store.con.execute("SELECT sipri_id, provenance FROM arms_transfers").fetchall())
    # four note lines, the header on line 5, a blank line 7
    assert lines == {
        59015: "register.csv:line 6",
        31785: "register.csv:line 8",
        1: "register.csv:line 9",
    }


def test_missing_header_is_an_input_error(store: Store, tmp_path: Path) -> None:
    path = write_register(tmp_path, [S300], header="ID,Supplier,Recipient")
    with pytest.raises(InputError, match="no header line starting 'SIPRI AT Database ID'") as err:
        store.load_record_file(SipriTradeRegisterReader(), path)
    assert err.value.path == str(path)
    assert "arms_transfers" not in store.con.execute("SHOW TABLES").df().name.tolist()
    assert store.ledger().empty


def test_missing_column_is_an_input_error(store: Store, tmp_path: Path) -> None:
    header = HEADER.replace(",TIV delivery values", "")
    row = S300.replace(",220,", ",")
    path = write_register(tmp_path, [row], header=header)
    with pytest.raises(InputError, match=r"lacks the column\(s\) TIV delivery values") as err:
        store.load_record_file(SipriTradeRegisterReader(), path)
    assert (err.value.path, err.value.line) == (str(path), 5)
    assert store.ledger().empty


def test_bad_values_are_quarantined_with_value_and_line(store: Store, tmp_path: Path) -> None:
    bad_tiv = TOR.replace(",187.5,", ",abc,")
    bad_year = HEZBOLLAH.replace(",2001,", ",200x,")
    unknown_state = S300.replace("59015,Russia", "59016,Atlantis")
    short = "59017,Russia,Iran"
    path = write_register(tmp_path, [S300, bad_tiv, bad_year, unknown_state, short])
    result = store.load_record_file(SipriTradeRegisterReader(), path)
    assert (result.rows_read, result.rows_stored, result.rows_quarantined) == (5, 1, 4)
    quarantine = store.quarantine()
    assert quarantine.line.tolist() == [7, 8, 9, 10]
    assert quarantine.reason.tolist() == [
        "TIV delivered 'abc' is not a number",
        "delivery year '200x' is not a whole number",
        "supplier 'Atlantis' is not a known country name",
        "expected 17 comma-separated fields as in the header, found 3",
    ]
    assert quarantine.raw.tolist() == [bad_tiv, bad_year, unknown_state, short]
    assert ledger_identity_holds(store)


def test_windows_1252_export_reads(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "register.csv"
    row = S300.replace("Iran", "Côte d'Ivoire")
    path.write_bytes(f"Source: SIPRI\n{HEADER}\n{row}\n".encode("cp1252"))
    store.load_record_file(SipriTradeRegisterReader(), path)
    got = store.con.execute("SELECT recipient, recipient_name FROM arms_transfers").fetchone()
    assert got == ("CIV", "Côte d'Ivoire")
