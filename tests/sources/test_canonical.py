"""The canonical format: what the store exports reads back identically, in all three forms;
bad values are named; empty optional columns are filled the documented way."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from realpolitik.cameo import goldstein, quad_class
from realpolitik.errors import InputError
from realpolitik.schema import EVENT_COLUMNS
from realpolitik.store import Store
from tests.conftest import raw_file


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_round_trip_of_real_events(tmp_path: Path, suffix: str) -> None:
    with Store(tmp_path / "a.duckdb") as a:
        a.ingest(raw_file("icews/andybega-icews__events.2018.sample.tab"))
        a.ingest(raw_file("gdelt_v1/reed9999-gdelt-demo__events.csv"))
        exported = tmp_path / f"events{suffix}"
        count = a.export_events(exported)
        original = a.events()
    assert count == 3705 + 710
    with Store(tmp_path / "b.duckdb") as b:
        result = b.ingest(exported)
        assert result.format == f"canonical-{suffix[1:]}"
        assert (result.rows_read, result.rows_stored, result.rows_quarantined) == (count, count, 0)
        again = b.events()
    pd.testing.assert_frame_equal(
        original[list(EVENT_COLUMNS)], again[list(EVENT_COLUMNS)], check_dtype=False
    )


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_defaults_for_a_minimal_row(store: Store, tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "coded.jsonl",
        [
            {
                "event_id": "text:abc:1:0",
                "date": "2017-11-01",
                "source": "rus",
                "target": "IRN",
                "cameo": "042",
                "date_precision": "month",
                "text": "The president went to Tehran.",
            }
        ],
    )
    store.ingest(path)
    row = store.events().iloc[0]
    assert (row.source, row.target, row.date_precision) == ("RUS", "IRN", "month")
    assert row.quad_class == quad_class("042") == 1
    assert row.goldstein == goldstein("042") == 1.9
    assert (row.weight, row.origin, row.origin_ref) == (1.0, "canonical", f"{path}:1")
    assert row.text == "The president went to Tehran."


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"date": "2018-02-31"}, "date '2018-02-31' is not a valid YYYY-MM-DD date"),
        ({"event_id": ""}, "event_id is empty"),
        ({"goldstein": "strong"}, "goldstein 'strong' is not a number in -10..10"),
        ({"quad_class": 5}, "quad_class '5' is not 1, 2, 3 or 4"),
        ({"confidence": 1.5}, "confidence '1.5' is not a number in 0..1"),
        ({"cameo": "57a"}, "cameo '57a' is not a CAMEO code"),
        (
            {"cameo": "", "quad_class": ""},
            "quad_class is empty and cannot be derived without a CAMEO code",
        ),
        (
            {"date_precision": "week"},
            "date_precision 'week' is not one of day, month, year, unknown",
        ),
        ({"source": "Russia!"}, "source 'Russia!' is not an actor code"),
    ],
)
def test_bad_values_are_named(store: Store, tmp_path: Path, change: dict, reason: str) -> None:
    good = {
        "event_id": "x:1",
        "date": "2018-02-26",
        "source": "RUS",
        "target": "UNO",
        "cameo": "129",
        "quad_class": 3,
        "goldstein": -5.0,
    }
    rows = [good, {**good, "event_id": "x:2", **change}, {**good, "event_id": "x:3"}]
    result = store.ingest(write_jsonl(tmp_path / "bad.jsonl", rows))
    assert (result.rows_stored, result.rows_quarantined) == (2, 1)
    q = store.quarantine().iloc[0]
    assert (q.line, q.reason) == (2, reason)


def test_jsonl_line_that_is_not_json(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "broken.jsonl"
    path.write_text(
        '{"event_id": "a", "date": "2018-01-01", "cameo": "040"}\n{"event_id": \n[1, 2]\n'
    )
    result = store.ingest(path)
    assert result.rows_stored == 1
    assert store.quarantine().reason.tolist() == [
        "line is not valid JSON",
        "line is not a JSON object",
    ]


def test_csv_with_quoted_text_and_newlines(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "coded.csv"
    path.write_text(
        "event_id,date,source,target,cameo,text\n"
        '"t:1",2018-05-17,RUS,SYR,040,"Talks in Sochi, on a Thursday"\n'
        '"t:2",2018-05-31,SYR,RUS,"010","He said:\n""we are not leaving"""\n'
        '"t:3",2018-05-31,SYR\n'
    )
    result = store.ingest(path)
    assert (result.rows_read, result.rows_stored, result.rows_quarantined) == (3, 2, 1)
    events = store.events().set_index("event_id")
    assert events.loc["t:2"].text == 'He said:\n"we are not leaving"'
    assert events.loc["t:2"].origin_ref == f"{path}:3"
    q = store.quarantine().iloc[0]
    assert (q.line, q.reason) == (
        5,
        "expected 6 comma-separated fields (as in the header), found 3",
    )


def test_missing_required_column(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "nodate.csv"
    path.write_text("event_id,date_\nx,2018-01-01\n")
    with pytest.raises(InputError, match="cannot tell the format"):
        store.ingest(path)
    with pytest.raises(InputError, match=r"lacks event_id, date|header naming at least"):
        store.ingest(path, "canonical-csv")
