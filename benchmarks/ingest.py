"""Ingest speed, measured side by side in one run on one generated GDELT 2.0 file.

(a) `realpolitik ingest` into a new store (validation, quarantine, dedup, ledger);
(b) a pandas `read_csv` + Python row loop into DuckDB, the pipeline style of gdeltPyR;
(c) a bare DuckDB `read_csv` of the same file into a table: the practical limit.

Each runs as its own process (wall time includes start-up and the final checkpoint), so
its peak memory can be read too. The file resamples the real rows in
../shared/data/raw/gdelt_v2 with fresh GLOBALEVENTIDs and dates.

    python benchmarks/ingest.py [--rows 2000000] [--workdir DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

RAW = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "raw" / "gdelt_v2"
SAMPLES = ("newsnet-africa__20250511180000.export.csv", "spark-gdelt__events.csv")
FIRST_DAY, DAYS = date(1995, 1, 1), 30 * 365

PANDAS_LOOP = r"""
import sys, duckdb, pandas as pd
from datetime import datetime
path, db = sys.argv[1], sys.argv[2]
frame = pd.read_csv(path, sep="\t", header=None, dtype=object, keep_default_na=False, quoting=3)
rows, bad = [], 0
for r in frame.itertuples(index=False):
    try:
        day = datetime.strptime(r[1], "%Y%m%d").date()
        quad, gold = int(r[29]), float(r[30])
        if not 1 <= quad <= 4 or not -10 <= gold <= 10:
            raise ValueError
        rows.append(("gdelt2:" + r[0], day, r[7], r[17], r[12], r[22], r[6], r[16], r[26],
                     quad, gold, float(r[33] or 1), int(r[31]), int(r[33]), r[25] == "1"))
    except ValueError:
        bad += 1
out = pd.DataFrame(rows, columns=["event_id", "date", "source", "target", "source_sector",
    "target_sector", "source_name", "target_name", "cameo", "quad_class", "goldstein",
    "weight", "num_mentions", "num_articles", "is_root"])
con = duckdb.connect(db)
con.execute("CREATE TABLE events AS SELECT * FROM out")
con.close()
print(len(out), bad)
"""

BARE_DUCKDB = r"""
import sys, duckdb
path, db = sys.argv[1], sys.argv[2]
con = duckdb.connect(db)
con.execute(f"CREATE TABLE raw AS SELECT * FROM read_csv('{path}', delim='\t', header=false, "
            "quote='', escape='')")
print(con.execute("SELECT count(*) FROM raw").fetchone()[0])
con.close()
"""


def generate(path: Path, rows: int, seed: int = 2018) -> None:
    """Write `rows` GDELT 2.0 lines resampled from the real ones, with new ids and dates."""
    pool = []
    for name in SAMPLES:
        with (RAW / name).open(encoding="utf-8") as fh:
            pool.extend(line.rstrip("\n").split("\t") for line in fh)
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for i in range(rows):
            f = list(rng.choice(pool))
            day = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
            f[0] = str(900_000_000 + i)
            f[1], f[2], f[3] = day.strftime("%Y%m%d"), day.strftime("%Y%m"), str(day.year)
            f[4] = f"{day.year + ((day.month - 1) * 30 + day.day) / 365:.4f}"
            f[59] = (day + timedelta(days=rng.randrange(3))).strftime("%Y%m%d") + "181500"
            out.write("\t".join(f) + "\n")


def run(label: str, argv: list[str]) -> tuple[float, int, str]:
    """Wall seconds, peak RSS (KiB) and stdout of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    out, err = proc.stdout.read(), proc.stderr.read()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        sys.exit(f"{label} failed ({proc.returncode}): {err.strip()[-500:]}")
    return seconds, usage.ru_maxrss, out.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    if not RAW.exists():
        sys.exit(f"{RAW} not found: the benchmark resamples the real GDELT 2.0 rows there")
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        work = Path(tmp)
        data = work / "bench.export.CSV"
        t = time.perf_counter()
        generate(data, args.rows)
        size = data.stat().st_size
        print(
            f"generated {args.rows:,} rows, {size / 1e6:,.0f} MB in {time.perf_counter() - t:.1f}s"
        )
        py = sys.executable
        runs = {
            "a realpolitik ingest": [
                py,
                "-m",
                "realpolitik",
                "ingest",
                str(data),
                "--db",
                str(work / "a.duckdb"),
            ],
            "b pandas + row loop": [py, "-c", PANDAS_LOOP, str(data), str(work / "b.duckdb")],
            "c bare DuckDB read_csv": [py, "-c", BARE_DUCKDB, str(data), str(work / "c.duckdb")],
        }
        results = {}
        for label, argv in runs.items():
            results[label] = run(label, argv)
            seconds, rss, _ = results[label]
            print(
                f"{label:24s} {seconds:7.2f} s  {args.rows / seconds:>12,.0f} rows/s  "
                f"{size / seconds / 1e6:7.1f} MB/s  peak RSS {rss / 1024:,.0f} MiB"
            )
        a, b, c = (results[k][0] for k in runs)
        print(
            f"a/c = {a / c:.2f} (goal <= 2)   b/a = {b / a:.1f}x faster than the pandas loop "
            f"(goal >= 10)"
        )
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")


if __name__ == "__main__":
    main()
