"""Security Council vetoes from the world-politics-datalab CSV and the UN DL veto list,
checked against the raw files."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from realpolitik.errors import InputError
from realpolitik.sources.unsc_vetoes import UnscVetoesCsvReader, UnscVetoesHtmlReader, veto_date
from realpolitik.store import Store
from tests.conftest import ledger_identity_holds, raw_file

CSV = "unsc_vetoes/unsc_vetoes_1946_sept2022.csv"
HTML = "unsc_vetoes/undl_scact_veto_table_en.html"
MEMBER_COLUMNS = ["member_veto1", "member_veto2", "member_veto3"]
ISO3 = {"USSR": "RUS", "Russia": "RUS", "China": "CHN", "USA": "USA", "UK": "GBR", "France": "FRA"}


@pytest.fixture(scope="module")
def raw_csv() -> pd.DataFrame:
    return pd.read_csv(raw_file(CSV), dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The UN DL list first (the official one), then the CSV."""
    with Store(Path(tmp_path_factory.mktemp("vetoes")) / "vetoes.duckdb") as store:
        store.load_record_file(UnscVetoesHtmlReader(), raw_file(HTML))
        store.load_record_file(UnscVetoesCsvReader(), raw_file(CSV))
        yield store


def test_csv_pairs_match_pandas(raw_csv: pd.DataFrame) -> None:
    found = UnscVetoesCsvReader().read(raw_file(CSV))
    assert len(raw_csv) == 214
    pairs = raw_csv[MEMBER_COLUMNS].melt().value
    pairs = pairs[pairs != ""]
    assert found.rows_read == len(found.rows) == len(pairs) == 265 and not found.quarantined
    assert found.rows.member.value_counts().to_dict() == pairs.map(ISO3).value_counts().to_dict()
    assert not found.rows.duplicated(["draft", "member"]).any()


def test_russian_veto_2018_in_both_sources(raw_csv: pd.DataFrame) -> None:
    # CSV line 203: 2018,2/26/2018,2,S/2018/156,S/PV.8190,Sanctions against Yemen (...),Yemen,
    # Middle East,Russia,,,...; HTML lines 100-104: 26 February 2018 | S/2018/156 | S/PV.8190 |
    # Middle East | Russian Federation
    line = raw_csv.index[raw_csv.draft == "S/2018/156"][0] + 2
    assert line == 203 and raw_csv.loc[line - 2, "member_veto1"] == "Russia"
    for reader, provenance, name in (
        (UnscVetoesCsvReader(), "unsc_vetoes_1946_sept2022.csv:line 203", "Russia"),
        (UnscVetoesHtmlReader(), "undl_scact_veto_table_en.html:line 100", "Russian Federation"),
    ):
        rows = reader.read(raw_file(CSV if "csv" in provenance else HTML)).rows
        veto = rows[rows.draft == "S/2018/156"]
        assert len(veto) == 1
        veto = veto.iloc[0]
        assert (veto.member, veto.member_name, veto.date) == ("RUS", name, date(2018, 2, 26))
        assert (veto.meeting, veto.draft_symbol, veto.provenance) == (
            "S/PV.8190",
            "S/2018/156",
            provenance,
        )
    html_lines = raw_file(HTML).read_text(encoding="utf-8").splitlines()
    assert "26 February 2018" in html_lines[99] and "S/2018/156" in html_lines[100]


def test_both_sources_kept_and_their_keys_meet(loaded: Store) -> None:
    ledger = loaded.ledger().set_index("format")
    assert ledger_identity_holds(loaded)
    assert ledger.loc["unsc-vetoes-html", ["rows_read", "rows_stored"]].to_list() == [265, 265]
    assert ledger.loc["unsc-vetoes-csv", ["rows_read", "rows_stored"]].to_list() == [265, 265]
    # 264 (draft, member) pairs are in both; the CSV adds one veto the UN DL snapshot (last
    # entry 26 May 2022) lacks: S/2022/538 of 8 July 2022 (Russia, Syria cross-border aid),
    # and the UN DL list adds France on the 1946 Spanish preliminary question
    shared, only_csv, only_html = loaded.con.execute(
        "SELECT count(*) FILTER (n = 2), list(draft || ' ' || member) FILTER (n = 1 AND s = "
        "'unsc-vetoes-csv'), list(draft || ' ' || member) FILTER (n = 1 AND s = "
        "'unsc-vetoes-html') "
        "FROM (SELECT draft, member, count(*) AS n, any_value(source) AS s FROM unsc_vetoes "
        "GROUP BY ALL)"
    ).fetchone()
    assert shared == 264
    assert only_csv == ["S/2022/538 RUS"]
    assert only_html == ["S/PV.49 (The Spanish question preliminary question) FRA"]


def test_drafts_without_symbol(loaded: Store, raw_csv: pd.DataFrame) -> None:
    """1946-48 drafts without a symbol are keyed by meeting and agenda item; both sources
    write S/PV.57's three membership vetoes and S/PV.49's two on the Spanish question alike."""
    keys = {
        draft
        for (draft,) in loaded.con.execute(
            "SELECT draft FROM unsc_vetoes WHERE meeting IN ('S/PV.57', 'S/PV.49')"
        ).fetchall()
    }
    assert keys == {
        "S/PV.57 (Application for Membership Transjordan)",
        "S/PV.57 (Application for Membership Portugal)",
        "S/PV.57 (Application for Membership Ireland)",
        "S/PV.49 (The Spanish question)",
        "S/PV.49 (The Spanish question) #2",
        "S/PV.49 (The Spanish question preliminary question)",
    }
    # the UN DL list names France beside the USSR on the preliminary question (line 1289);
    # the CSV names the USSR only, so that pair comes from the HTML alone
    members = loaded.con.execute(
        "SELECT member, provenance FROM unsc_vetoes "
        "WHERE draft = 'S/PV.49 (The Spanish question preliminary question)' "
        "ORDER BY member, provenance"
    ).fetchall()
    assert members == [
        ("FRA", "undl_scact_veto_table_en.html:line 1289"),
        ("RUS", "undl_scact_veto_table_en.html:line 1289"),
        ("RUS", "unsc_vetoes_1946_sept2022.csv:line 5"),
    ]
    # 23 CSV rows put a meeting record in the draft column: 23 symbol-less drafts
    symbol_less = loaded.con.execute(
        "SELECT count(DISTINCT draft) FROM unsc_vetoes WHERE draft_symbol IS NULL"
    ).fetchone()[0]
    assert symbol_less == raw_csv.draft.str.fullmatch(r"S/PV\.\d+").sum() == 23


def test_veto_dates() -> None:
    assert veto_date("26 February 2018") == date(2018, 2, 26)
    assert veto_date("14-15 December 2001") == date(2001, 12, 15)  # the vote ended the meeting
    assert veto_date("30 January 86") == date(1986, 1, 30)
    assert veto_date("sometime in 1950") is None


def test_reload_is_idempotent(store: Store) -> None:
    first = store.load_record_file(UnscVetoesCsvReader(), raw_file(CSV))
    second = store.load_record_file(UnscVetoesCsvReader(), raw_file(CSV))
    assert (first.rows_stored, second.rows_stored, second.rows_duplicate) == (265, 0, 265)
    assert store.con.execute("SELECT count(*) FROM unsc_vetoes").fetchone()[0] == 265
    assert ledger_identity_holds(store)


def test_unknown_member_is_quarantined(store: Store, tmp_path: Path, raw_csv: pd.DataFrame) -> None:
    edited = raw_csv.copy()
    edited.loc[edited.draft == "S/2018/156", "member_veto1"] = "Atlantis"
    path = tmp_path / "vetoes.csv"
    edited.to_csv(path, index=False)
    result = store.load_record_file(UnscVetoesCsvReader(), path)
    assert (result.rows_read, result.rows_stored, result.rows_quarantined) == (265, 264, 1)
    bad = store.quarantine()
    assert bad.line.to_list() == [203] and "'Atlantis'" in bad.reason.iloc[0]


def test_csv_without_member_column_is_rejected(
    store: Store, tmp_path: Path, raw_csv: pd.DataFrame
) -> None:
    path = tmp_path / "vetoes.csv"
    raw_csv.drop(columns="member_veto1").to_csv(path, index=False)
    store.load_record_file(UnscVetoesHtmlReader(), raw_file(HTML))
    with pytest.raises(InputError) as caught:
        store.load_record_file(UnscVetoesCsvReader(), path)
    assert caught.value.path == str(path) and "member_veto1" in caught.value.reason
    assert len(store.ledger()) == 1
    assert store.con.execute("SELECT count(*) FROM unsc_vetoes").fetchone()[0] == 265


def test_html_without_header_is_rejected(store: Store, tmp_path: Path) -> None:
    text = raw_file(HTML).read_text(encoding="utf-8")
    path = tmp_path / "veto.html"
    path.write_text(text.replace('<th width="15%">Draft</th>', ""), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        store.load_record_file(UnscVetoesHtmlReader(), path)
    assert caught.value.path == str(path) and "Draft" in caught.value.reason
    assert store.ledger().empty
