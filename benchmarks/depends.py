"""Dependence-test speed: the whole robustness grid against the series step alone.

The store holds N events (default 10 million) resampled from the real GDELT and ICEWS rows in
../shared/data/raw, with random dates (1995–2024) and dyads among 40 actors (the store of
`benchmarks/series.py`). Timed, in one run on that store:
(floor) the series step alone: the triangle RUS, IRN, USA's series for every (frequency,
        normalisation, de-duplication) of the grid, as `realpolitik depends` asks for them;
(full)  `dependence_test` on the default grid (week, month × goldstein, quad_net × none, total
        × none, daily: 16 cells, power included), with the time of its stages: series, tests
        (diagnostics, VARs, Granger, Toda–Yamamoto, FEVD), bootstrap bands, power.
The floor runs before and after the full run and keeps its best time. Goal: full ≤ 3 × floor.

    python benchmarks/depends.py [--events 10000000] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from itertools import product
from pathlib import Path

from series import RAW, build_store

from realpolitik.analysis.dependence import DependenceOptions, dependence_test
from realpolitik.analysis.settings import (
    DEFAULT_DEDUPS,
    DEFAULT_FREQS,
    DEFAULT_MEASURES,
    DEFAULT_NORMALIZATIONS,
)
from realpolitik.measures.engines import duckdb_tables
from realpolitik.measures.series import SeriesOptions, store_series

ACTORS = ["RUS", "IRN", "USA"]
GOAL = 3.0


def series_step(tables: dict) -> float:
    """Seconds to build every series the default grid needs."""
    start = time.perf_counter()
    for freq, norm, dedup in product(DEFAULT_FREQS, DEFAULT_NORMALIZATIONS, DEFAULT_DEDUPS):
        options = SeriesOptions(freq=freq, measures=DEFAULT_MEASURES, normalize=norm, dedup=dedup)
        store_series(tables, options, ACTORS)
    return time.perf_counter() - start


def full_grid(tables: dict) -> tuple[float, float, object]:
    """Seconds of the whole test, seconds until its first cell test started, the result."""
    marks: list[float] = []

    def progress(what: str, done: int, total: int) -> None:
        if what.startswith("testing") and not marks:
            marks.append(time.perf_counter())

    start = time.perf_counter()
    result = dependence_test(tables, "RUS-IRN", "RUS-USA", DependenceOptions(), progress)
    return time.perf_counter() - start, marks[0] - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000_000)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    if not RAW.exists():
        sys.exit(f"{RAW} not found: the benchmark resamples the real event rows there")
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        db = Path(tmp) / "bench.duckdb"
        start = time.perf_counter()
        build_store(db, args.events)
        print(f"built a store of {args.events:,} events in {time.perf_counter() - start:.1f}s")
        tables = duckdb_tables(db)
        floors = [series_step(tables)]
        total, series_seconds, result = full_grid(tables)
        floors.append(series_step(tables))
        floor = min(floors)
        stages = {
            stage: sum(cell.seconds.get(stage, 0.0) for cell in result.cells)
            for stage in ("tests", "bands", "power")
        }
        tested = sum(cell.ok for cell in result.cells)
        weekly = next(c for c in result.cells if c.spec.freq == "week")
        print(
            f"grid: {len(result.cells)} cells ({tested} tested), weekly sample {weekly.nobs} "
            f"periods, VAR({weekly.lags}+{weekly.d_max}) of {len(ACTORS) * 2} series; "
            f"verdict {result.verdict}"
        )
        print(
            f"(floor) series step alone   {floor:7.2f} s  (runs: "
            + ", ".join(f"{f:.2f}" for f in floors)
            + ")"
        )
        print(f"(full)  dependence_test      {total:7.2f} s")
        print(f"        series              {series_seconds:7.2f} s")
        for stage, seconds in stages.items():
            print(f"        {stage:<19} {seconds:7.2f} s")
        print(f"full/floor = {total / floor:.2f} (goal <= {GOAL:g})")


if __name__ == "__main__":
    main()
