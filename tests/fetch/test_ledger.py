"""The fetch ledger: rows round-trip, and `missing_files` gives each incomplete file with the
reason, reading whether a file is ingested from the store's own ledger."""

from __future__ import annotations

from pathlib import Path

from realpolitik.fetch.ledger import FetchLedger, FetchLedgerRow, missing_files, store_ingestions
from realpolitik.store import Store
from tests.conftest import EXAMPLES

ICEWS = EXAMPLES / "icews-synthetic.tab"


def test_rows_round_trip_and_are_replaced(store: Store) -> None:
    ledger = FetchLedger(store.con)
    row = FetchLedgerRow(2, "a.zip", "http://x/a.zip", 10, "0" * 32, actors=("RUS", "USA"))
    ledger.write(row)
    assert ledger.rows(2) == {"a.zip": row}
    done = FetchLedgerRow(2, "a.zip", "http://x/a.zip", 10, "0" * 32, True, True, "f" * 64)
    ledger.write(done, FetchLedgerRow(1, "a.zip", None, None, None, error="bad line"))
    assert ledger.rows(2) == {"a.zip": done}
    assert list(ledger.rows(1)) == ["a.zip"]
    assert store.con.execute("SELECT count(*) FROM fetch_ledger").fetchone()[0] == 2


def test_missing_files_and_their_reasons(store: Store) -> None:
    ingested = store.ingest(ICEWS)
    FetchLedger(store.con).write(
        FetchLedgerRow(2, "1.zip", None, None, None, error="list line 3: size 'x' is not a number"),
        FetchLedgerRow(2, "2.zip", "u", 1, "m"),
        FetchLedgerRow(2, "3.zip", "u", 1, "m", downloaded=True),
        FetchLedgerRow(2, "4.zip", "u", 1, "m", True, True, "e" * 64),
        FetchLedgerRow(2, "5.zip", "u", 1, "m", True, True, ingested.sha256),
    )
    frame = missing_files(store.con)
    assert frame[["file", "reason"]].values.tolist() == [
        ["1.zip", "list line 3: size 'x' is not a number"],
        ["2.zip", "not downloaded yet"],
        ["3.zip", "downloaded but not verified"],
        ["4.zip", "verified but not ingested"],
    ]
    assert store_ingestions(store.con)[ingested.sha256].counts["rows_read"] == ingested.rows_read


def test_a_store_never_fetched_into_misses_nothing(tmp_path: Path) -> None:
    Store(tmp_path / "s.duckdb").close()
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        frame = missing_files(store.con)
    assert frame.empty and list(frame.columns) == ["version", "file", "url", "reason", "updated_at"]
