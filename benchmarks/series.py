"""Series speed, measured side by side in one run on one store of synthetic events.

The store holds N events (default 10 million) resampled from the real GDELT and ICEWS rows in
../shared/data/raw, with random dates (1995–2024) and dyads among 40 actors. Timed:
(a) every directed dyad's monthly series of Goldstein sum and quad counts normalised by N_t,
    by realpolitik on DuckDB;
(b) one hand-written DuckDB SQL query computing the same table (the limit);
(c) the same realpolitik call on Spark local[2] (after exporting the store to Parquet, timed
    apart), which must give the same numbers.
(a) and (b) share one open DuckDB file and run alternately twice; each keeps its best time.

    python benchmarks/series.py [--events 10000000] [--workdir DIR] [--no-spark]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from realpolitik.measures.engines import duckdb_tables, export_parquet, spark_tables
from realpolitik.measures.series import SeriesOptions, dyad_panel
from realpolitik.store import Store

RAW = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "raw"
REAL = (
    "gdelt_v2/newsnet-africa__20250511180000.export.csv",
    "gdelt_v1/undp-bcpr__apr2012.csv",
    "gdelt_v1/reed9999-gdelt-demo__events.csv",
    "icews/andybega-icews__events.2018.sample.tab",
)
ACTORS = [
    "RUS",
    "IRN",
    "USA",
    "CHN",
    "GBR",
    "FRA",
    "DEU",
    "TUR",
    "SYR",
    "ISR",
    "SAU",
    "IND",
    "PAK",
    "JPN",
    "KOR",
    "PRK",
    "UKR",
    "GEO",
    "EGY",
    "IRQ",
    "AFG",
    "BRA",
    "MEX",
    "CAN",
    "ITA",
    "ESP",
    "POL",
    "NLD",
    "BEL",
    "SWE",
    "NOR",
    "FIN",
    "AZE",
    "ARM",
    "KAZ",
    "UZB",
    "QAT",
    "ARE",
    "JOR",
    "LBN",
]
OPTIONS = SeriesOptions(
    freq="month", measures=("goldstein", "quad1", "quad2", "quad3", "quad4"), normalize="total"
)
REPEATS = 2
"""(a) and (b) run alternately this many times; the best time of each counts."""
HAND_WRITTEN = """
WITH e AS (
  SELECT source, target, date_trunc('month', date)::DATE AS period,
         coalesce(goldstein, 0) AS g, quad_class AS q
  FROM events
), totals AS (SELECT period, count(*) AS n FROM e GROUP BY period)
SELECT source, target, period,
       sum(g) / any_value(n) AS goldstein,
       count(*) FILTER (q = 1) / any_value(n) AS quad1,
       count(*) FILTER (q = 2) / any_value(n) AS quad2,
       count(*) FILTER (q = 3) / any_value(n) AS quad3,
       count(*) FILTER (q = 4) / any_value(n) AS quad4
FROM e JOIN totals USING (period)
WHERE source <> '' AND target <> '' AND source <> target
GROUP BY source, target, period
"""


def build_store(path: Path, events: int) -> None:
    """A store of `events` rows resampled from the real files, with new dates and dyads."""
    with Store(path) as store:
        for relative in REAL:
            store.ingest(RAW / relative)
        con = store.con
        con.execute("CREATE TEMP TABLE real AS SELECT *, row_number() OVER () - 1 AS k FROM events")
        real = con.execute("SELECT count(*) FROM real").fetchone()[0]
        con.execute("DELETE FROM events")
        codes = "[" + ", ".join(f"'{a}'" for a in ACTORS) + "]"
        con.execute(
            f"""
            INSERT INTO events
            SELECT 'bench:' || i, DATE '1995-01-01' + CAST(floor(random() * 10950) AS INTEGER),
              date_precision,
              {codes}[1 + CAST(floor(random() * {len(ACTORS)}) AS INTEGER)],
              {codes}[1 + CAST(floor(random() * {len(ACTORS)}) AS INTEGER)],
              source_sector, target_sector, source_name, target_name, cameo, quad_class,
              goldstein, weight, num_mentions, num_articles, is_root, 'bench', origin_ref, text,
              confidence
            FROM range({events}) r(i) JOIN real ON real.k = i % {real}
            """
        )


def timed(label: str, run):
    start = time.perf_counter()
    result = run()
    seconds = time.perf_counter() - start
    return result, seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--no-spark", action="store_true")
    args = parser.parse_args()
    if not RAW.exists():
        sys.exit(f"{RAW} not found: the benchmark resamples the real event rows there")
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        db = Path(tmp) / "bench.duckdb"
        _, seconds = timed("build", lambda: build_store(db, args.events))
        print(f"built a store of {args.events:,} events in {seconds:.1f}s")
        events = duckdb_tables(db)["events"]
        with duckdb.connect(str(db), read_only=True) as con:
            runs = [
                (
                    timed("a", lambda: dyad_panel(events, OPTIONS)),
                    timed("b", lambda: con.execute(HAND_WRITTEN).df()),
                )
                for _ in range(REPEATS)
            ]
        ours, a = min((run[0] for run in runs), key=lambda r: r[1])
        hand, b = min((run[1] for run in runs), key=lambda r: r[1])
        rate = args.events
        print(
            f"(a) realpolitik on DuckDB   {a:7.2f} s  {rate / a:>12,.0f} events/s  "
            f"{len(ours):,} dyad-months"
        )
        print(
            f"(b) hand-written DuckDB SQL {b:7.2f} s  {rate / b:>12,.0f} events/s  "
            f"{len(hand):,} dyad-months"
        )
        print(f"a/b = {a / b:.2f} (goal <= 1.5)")
        check(ours, hand, "hand-written SQL")
        if not args.no_spark:
            _, export = timed("export", lambda: export_parquet(db))
            spark_events = spark_tables(db, "local[2]")["events"]
            on_spark, c = timed("c", lambda: dyad_panel(spark_events, OPTIONS))
            print(
                f"(c) realpolitik on Spark    {c:7.2f} s  {rate / c:>12,.0f} events/s  "
                f"(+ {export:.1f} s Parquet export)"
            )
            pd.testing.assert_frame_equal(ours, on_spark, check_dtype=False, rtol=1e-9)
            print("Spark gives the same numbers as DuckDB")


def check(ours: pd.DataFrame, hand: pd.DataFrame, what: str) -> None:
    """Stop unless realpolitik's table equals the other one."""
    keys = ["source", "target", "period"]
    hand = hand.assign(period=pd.to_datetime(hand["period"])).set_index(keys).sort_index()
    mine = ours.set_index(keys).sort_index()[hand.columns]
    if not np.allclose(mine.to_numpy(float), hand.to_numpy(float), rtol=1e-9, equal_nan=True):
        sys.exit(f"realpolitik and the {what} disagree")
    print(f"realpolitik gives the same numbers as the {what}")


if __name__ == "__main__":
    main()
