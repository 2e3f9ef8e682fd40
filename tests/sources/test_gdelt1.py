"""GDELT 1.0 reader: 57- and 58-column rows mixed in one file, and the quoted CSV export R
writes; checked against SOURCES.md counts and an independent pandas/csv parse."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from realpolitik.store import Store
from tests.conftest import raw_file

REED = "gdelt_v1/reed9999-gdelt-demo__events.csv"
SPARK = "gdelt_v1/spark-gdelt__events1.csv"
UNDP = "gdelt_v1/undp-bcpr__apr2012.csv"


def dyad_counts(store: Store) -> dict[tuple[str, str], int]:
    frame = store.dyad_summary(["RUS", "IRN", "USA"])
    return {(r.source, r.target): r.events for r in frame.itertuples()}


def test_mixed_57_and_58_columns(store: Store) -> None:
    path = raw_file(REED)
    widths = [line.count("\t") + 1 for line in path.read_text().splitlines()]
    assert (widths.count(57), widths.count(58)) == (201, 509)  # SOURCES.md
    result = store.ingest(path)
    assert (result.format, result.rows_read, result.rows_stored) == ("gdelt1", 710, 710)
    assert dyad_counts(store) == {("USA", "RUS"): 3, ("IRN", "USA"): 1, ("USA", "IRN"): 1}
    events = store.events()
    backfile = events[events.date.dt.year == 1982]
    assert len(backfile) == 201  # the 57-column rows are the 1982 backfile
    assert events.date.min() == pd.Timestamp("1982-01-02")
    assert events.date.max() == pd.Timestamp("2016-07-28")


def test_spark_blocks(store: Store) -> None:
    result = store.ingest(raw_file(SPARK))
    assert (result.rows_read, result.rows_stored, result.rows_quarantined) == (100, 100, 0)
    assert dyad_counts(store) == {("USA", "IRN"): 2, ("USA", "RUS"): 1}
    assert "gdelt1:0" in set(store.events().event_id)  # GLOBALEVENTID starts at 0 in 1979


def test_r_csv_export_against_pandas(store: Store) -> None:
    path = raw_file(UNDP)
    result = store.ingest(path)
    assert (result.format, result.rows_read, result.rows_stored) == ("gdelt1", 5865, 5865)
    assert dyad_counts(store) == {
        ("USA", "RUS"): 31,
        ("RUS", "USA"): 14,
        ("USA", "IRN"): 2,
        ("IRN", "RUS"): 2,
        ("IRN", "USA"): 2,
        ("RUS", "IRN"): 1,
    }
    reference = pd.read_csv(path, dtype=str, keep_default_na=False)
    events = store.events().set_index("event_id")
    assert events.goldstein.sum() == pytest.approx(reference.GoldsteinScale.astype(float).sum())
    for _, ref in reference.sample(50, random_state=1).iterrows():
        row = events.loc[f"gdelt1:{ref.GLOBALEVENTID}"]
        assert row.cameo == ref.EventCode
        assert row.quad_class == int(ref.QuadClass)
        assert row.source_name == ("" if ref.Actor1Name == "NA" else ref.Actor1Name)


def test_r_csv_line_numbers_count_the_header(store: Store) -> None:
    path = raw_file(UNDP)
    store.ingest(path)
    with path.open(newline="") as fh:
        rows = list(csv.reader(fh))
    event = store.events(source="RUS", target="IRN").iloc[0]
    line = int(event.origin_ref.rsplit(":", 1)[1])
    assert f"gdelt1:{rows[line - 1][0]}" == event.event_id
    assert Path(event.origin_ref.rsplit(":", 1)[0]) == path
