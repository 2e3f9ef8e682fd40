"""The same series on DuckDB and on Spark, over real ICEWS and GDELT rows and the synthetic
examples: every measure, weighting, normalisation and de-duplication mode must agree."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from realpolitik.measures.engines import duckdb_tables, export_parquet, spark_tables
from realpolitik.measures.series import MEASURES, SeriesOptions, dyad_panel
from realpolitik.store import Store
from tests.conftest import EXAMPLES, raw_file

pytest.importorskip("pyspark", reason="the Spark engine is the optional extra realpolitik[spark]")

FILES = (
    "icews/andybega-icews__events.2018.sample.tab",
    "gdelt_v1/undp-bcpr__apr2012.csv",
    "gdelt_v1/reed9999-gdelt-demo__events.csv",
    "gdelt_v2/newsnet-africa__20250511180000.export.csv",
)
ACTORS = ["RUS", "USA", "IRN", "GEO", "UKR"]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("engines") / "s.duckdb"
    with Store(path) as store:
        for relative in FILES:
            store.ingest(raw_file(relative))
        store.ingest(EXAMPLES / "gdelt2-synthetic.export.CSV")
        store.ingest(EXAMPLES / "icews-synthetic.tab")
    return path


@pytest.fixture(scope="module")
def engines(store_path: Path) -> Iterator[tuple]:
    yield duckdb_tables(store_path)["events"], spark_tables(store_path, "local[2]")["events"]


OPTIONS = [
    SeriesOptions(freq="month", measures=MEASURES),
    SeriesOptions(freq="week", measures=MEASURES, normalize="total", dedup="daily"),
    SeriesOptions(
        freq="quarter",
        measures=MEASURES,
        normalize="attention",
        dedup="exact",
        scope="state",
        asinh=True,
    ),
    SeriesOptions(freq="day", measures=("count", "goldstein", "quad_net_mentions"), dedup="root"),
    SeriesOptions(freq="year", measures=MEASURES, normalize="total"),
]


@pytest.mark.parametrize("options", OPTIONS, ids=lambda o: f"{o.freq}-{o.normalize}-{o.dedup}")
def test_duckdb_and_spark_agree(engines, options: SeriesOptions) -> None:
    on_duckdb, on_spark = (dyad_panel(events, options, ACTORS) for events in engines)
    assert len(on_duckdb) > 0 and on_duckdb["count"].abs().sum() > 0
    pd.testing.assert_frame_equal(on_duckdb, on_spark, check_dtype=False, rtol=1e-9)


def test_all_dyads_without_actor_list_agree(engines) -> None:
    options = SeriesOptions(
        freq="month", measures=("count", "goldstein", "quad1"), normalize="total"
    )
    on_duckdb, on_spark = (dyad_panel(events, options) for events in engines)
    assert on_duckdb[["source", "target"]].drop_duplicates().shape[0] > 100
    pd.testing.assert_frame_equal(on_duckdb, on_spark, check_dtype=False, rtol=1e-9)


def test_parquet_export_is_refreshed_only_when_the_store_changes(tmp_path: Path) -> None:
    store_path = tmp_path / "p.duckdb"
    with Store(store_path) as store:
        store.ingest(EXAMPLES / "icews-synthetic.tab")
    first = export_parquet(store_path)["events"]
    stamp = first.stat().st_mtime_ns
    assert export_parquet(store_path)["events"].stat().st_mtime_ns == stamp
    with Store(store_path) as store:
        store.ingest(EXAMPLES / "polecat-synthetic-from-spec.tsv")
    assert export_parquet(store_path)["events"].stat().st_mtime_ns != stamp
