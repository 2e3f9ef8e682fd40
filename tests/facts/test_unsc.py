"""Security Council facts: what the tallies prove about a member's votes, and its vetoes with
every source that records them, on the real UN DL tables and veto lists."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from realpolitik.errors import UsageError
from realpolitik.facts.unsc import resolution_votes, vetoes
from realpolitik.sources.unsc_meetings import UnscMeetingsHtmlReader
from realpolitik.sources.unsc_vetoes import UnscVetoesCsvReader, UnscVetoesHtmlReader
from realpolitik.store import Store
from tests.conftest import raw_file

YEARS = (1956, 1973, 2006, 2007, 2008, 2010, 2018)
IRAN = [1696, 1737, 1747, 1803, 1835, 1929]
VETO_CSV = "unsc_vetoes/unsc_vetoes_1946_sept2022.csv"
VETO_HTML = "unsc_vetoes/undl_scact_veto_table_en.html"


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store(Path(tmp_path_factory.mktemp("unsc_facts")) / "unsc.duckdb") as store:
        for year in YEARS:
            path = raw_file(f"unsc_undl_meetings/html/scact{year}_table_en.html")
            store.load_record_file(UnscMeetingsHtmlReader(), path)
        store.load_record_file(UnscVetoesHtmlReader(), raw_file(VETO_HTML))
        store.load_record_file(UnscVetoesCsvReader(), raw_file(VETO_CSV))
        yield store


def test_russia_on_the_iran_resolutions(loaded: Store) -> None:
    votes = resolution_votes(loaded, "RUS", IRAN).set_index("resolution")
    assert list(votes.index) == IRAN
    # tallies as printed in the UN DL tables (hand-checked: scact2006 lines 901-907 and 32-38,
    # scact2007 1309-1315, scact2008, scact2010 lines 1051-1057)
    tallies = {n: (r.yes, r["no"], r.abstain) for n, r in votes.iterrows()}
    assert tallies == {
        1696: (14, 1, 0),
        1737: (15, 0, 0),
        1747: (15, 0, 0),
        1803: (14, 0, 1),
        1835: (15, 0, 0),
        1929: (12, 2, 1),
    }
    assert (votes.loc[1696, "date"], votes.loc[1929, "date"]) == (
        date(2006, 7, 31),
        date(2010, 6, 9),
    )
    for proven in (1737, 1747, 1835):
        assert votes.loc[proven, "vote"] == "yes"
        assert votes.loc[proven, "proof"] == "proven: adopted unanimously (15-0-0)"
    # 14-1-0: no abstentions and all 15 seats voted; a Russian no would have been a veto. That
    # is an inference (valid for substantive decisions), not a tally proof.
    assert votes.loc[1696, "vote"] == "yes"
    assert votes.loc[1696, "proof"].startswith("inferred: adopted 14-1-0")
    assert "substantive" in votes.loc[1696, "proof"]
    # one abstention each: the tally cannot tell whether Russia abstained
    for open_question in (1803, 1929):
        assert votes.loc[open_question, "vote"] == "yes or abstain"
        proof = votes.loc[open_question, "proof"]
        assert proof.startswith("consistent: adopted") and "1 abstention the tally" in proof
        assert "RUS cast no veto" in proof
    assert votes.loc[1929, "provenance"] == "scact2010_table_en.html:line 1051"
    assert votes.provenance.str.len().min() > 0


def test_same_meeting_veto_is_named(loaded: Store) -> None:
    # S/PV.8190: Russia vetoed S/2018/156, then S/RES/2402 (2018) passed 15-0-0
    row = resolution_votes(loaded, "RUS", [2402]).iloc[0]
    assert row.vote == "yes"
    assert "RUS vetoed draft S/2018/156 at this meeting (S/PV.8190)" in row.proof
    assert row.provenance == (
        "scact2018_table_en.html:line 2141; undl_scact_veto_table_en.html:line 100; "
        "unsc_vetoes_1946_sept2022.csv:line 203"
    )


def test_absent_seats_and_missing_resolutions(loaded: Store) -> None:
    votes = resolution_votes(loaded, "CHN", [340, 1]).set_index("resolution")
    # S/RES/340 (1973), UNEF II, 14-0-0 (scact1973 line 98): one of 15 seats did not vote
    assert votes.loc[340, "vote"] == "yes or did not vote"
    assert "1 seat not voting" in votes.loc[340, "proof"]
    # resolution 1 (1946) is not among the loaded years
    assert votes.loc[1, "vote"] == "not in the data"
    assert votes.loc[1, "provenance"] == "unsc_resolutions: no row for resolution 1"


def test_elected_members_are_unknown(loaded: Store) -> None:
    votes = resolution_votes(loaded, "irn", [1737, 1929]).set_index("resolution")
    assert set(votes.vote) == {"unknown"}
    assert "whether IRN sat on the Council in 2006 is not in the data" in votes.loc[1737, "proof"]


def test_russian_veto_on_26_february_2018(loaded: Store) -> None:
    found = vetoes(loaded, "RUS", on=date(2018, 2, 26))
    assert len(found) == 1
    veto = found.iloc[0]
    assert (veto.draft, veto.meeting, veto.date) == ("S/2018/156", "S/PV.8190", date(2018, 2, 26))
    assert veto.sources == 2 and veto.note == ""
    assert veto.topic == "Yemen"  # the CSV's crisis_topic; the UN DL list has none
    assert veto.provenance == (
        "undl_scact_veto_table_en.html:line 100; unsc_vetoes_1946_sept2022.csv:line 203"
    )
    assert vetoes(loaded, "RUS", on=date(2018, 2, 27)).empty


def test_all_vetoes_and_date_disagreements(loaded: Store) -> None:
    russia = vetoes(loaded, "RUS")
    # USSR 90 + Russia 24 as member_veto1, 7 as member_veto2 in the CSV: 121 pairs
    names = " / ".join(russia.member_name)
    assert len(russia) == 121 and "USSR" in names and "Russian Federation" in names
    us = vetoes(loaded, "USA").set_index("draft")
    # UN DL: "27-28 March 2001"; the CSV: 4/12/2001
    assert us.loc["S/2001/270", "date"] == date(2001, 3, 28)
    assert us.loc["S/2001/270", "note"] == (
        "sources differ on the date: unsc-vetoes-csv 2001-04-12; unsc-vetoes-html 2001-03-28"
    )
    assert vetoes(loaded, "IRN").empty


def test_bad_arguments(loaded: Store, store: Store) -> None:
    with pytest.raises(UsageError, match="unknown actor code 'XXX'"):
        vetoes(loaded, "XXX")
    with pytest.raises(UsageError, match="positive resolution numbers"):
        resolution_votes(loaded, "RUS", [])
    with pytest.raises(UsageError, match=r"needs \(unsc_resolutions\): run `realpolitik records"):
        resolution_votes(store, "RUS", [1929])
    with pytest.raises(UsageError, match=r"needs \(unsc_vetoes\): run `realpolitik records"):
        vetoes(store, "RUS")
