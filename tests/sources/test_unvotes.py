"""UNGA roll-call readers on the real unvotes files: counts, codes, idempotence, bad files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyreadr
import pytest

from realpolitik.errors import InputError
from realpolitik.sources.unvotes import UngaIssuesReader, UngaRollCallsReader, UngaVotesReader
from realpolitik.store import Store
from tests.conftest import raw_file

VOTES = "unvotes/un_votes.rda"


def test_votes_counts_codes_and_reload(store: Store) -> None:
    path = raw_file(VOTES)
    first = store.load_record_file(UngaVotesReader(), path)
    # 870,109 country votes (STRUCTURED-SOURCES.md); Zanzibar (1964, no ISO code) is quarantined
    assert (first.rows_read, first.rows_stored, first.rows_quarantined) == (870_109, 870_107, 2)
    assert set(store.quarantine().reason) == {"country Zanzibar has no store code"}
    codes = dict(
        store.con.execute(
            "SELECT country, any_value(code) FROM unga_votes GROUP BY country"
        ).fetchall()
    )
    assert codes["Russia"] == "RUS" and codes["United States"] == "USA" and codes["Iran"] == "IRN"
    assert codes["Czechoslovakia"] == "CSK" and codes["Yugoslavia"] == "SRB"
    assert codes["German Democratic Republic"] == "DDR"
    assert codes["Federal Republic of Germany"] == "DEU"
    second = store.load_record_file(UngaVotesReader(), path)
    assert (second.rows_stored, second.rows_duplicate, second.rows_quarantined) == (0, 870_107, 2)
    assert len(store.quarantine()) == 2


def test_roll_calls_and_issues(store: Store) -> None:
    calls = store.load_record_file(UngaRollCallsReader(), raw_file("unvotes/un_roll_calls.rda"))
    issues = store.load_record_file(UngaIssuesReader(), raw_file("unvotes/un_roll_call_issues.rda"))
    assert (calls.rows_stored, issues.rows_stored) == (6_203, 5_745)
    first, last = store.con.execute("SELECT min(date), max(date) FROM unga_roll_calls").fetchone()
    assert (str(first), str(last)) == ("1946-01-01", "2020-01-14")
    raw = pyreadr.read_r(raw_file("unvotes/un_roll_call_issues.rda"))["un_roll_call_issues"]
    hr = store.con.execute("SELECT count(*) FROM unga_issues WHERE issue_code = 'hr'").fetchone()
    assert hr[0] == (raw.short_name == "hr").sum()


def test_malformed_files_load_nothing(store: Store, tmp_path: Path) -> None:
    frame = pd.DataFrame({"rcid": [3.0], "country": ["Cuba"], "country_code": ["CU"]})
    missing = tmp_path / "un_votes.rda"
    pyreadr.write_rdata(str(missing), frame, df_name="un_votes")
    with pytest.raises(InputError, match=r"un_votes\.rda: lacks column\(s\) vote"):
        store.load_record_file(UngaVotesReader(), missing)
    garbage = tmp_path / "garbage.rda"
    garbage.write_bytes(b"not R data at all")
    with pytest.raises(InputError, match=r"garbage\.rda: cannot read as an R data file"):
        store.load_record_file(UngaVotesReader(), garbage)
    assert store.ledger().empty
