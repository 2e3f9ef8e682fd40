"""A year of GDELT 2.0 to dyad series, measured at archive scale in one run.

Generates GDELT 2.0-shaped 15-minute zips (default 365 days × 96 files × 1,430 rows: about
50 million rows), resampled from the real rows in ../shared/data/raw/gdelt_v2 with fresh
GLOBALEVENTIDs and dates, and serves them with their `masterfilelist.txt` from a local HTTP
server on 127.0.0.1. Then, each stage in its own process (wall time and peak memory):

1. bare decompression of every zip on all cores (zlib, output discarded): the limit;
2. `realpolitik fetch gdelt` of the period: download, size and MD5 check, ingest, ledgers;
3. ingest alone: the fetched zips into a new store (`Store.ingest_many`);
4. every directed dyad's monthly series (Goldstein sum and quad counts over N_t) on DuckDB;
5. the same on Spark local[2], after a Parquet export of the store (timed apart); its numbers
   must equal DuckDB's.

The zips are written with zlib level 1 (inflating runs at the same speed whatever the level).

    python benchmarks/archive.py [--days 365] [--rows-per-file 1430] [--workdir DIR]
                                 [--no-spark] [--jobs 4]
"""

from __future__ import annotations

import argparse
import hashlib
import io
import multiprocessing
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from datetime import date, datetime, timedelta
from pathlib import Path

from ingest import RAW, SAMPLES, run

FIRST_DAY = date(2024, 1, 1)
SLOTS_PER_DAY = 96
FIRST_ID = 1_000_000_000
LIST = "gdeltv2/masterfilelist.txt"

FETCH = """
import sys
from datetime import date
from pathlib import Path
from realpolitik.fetch import fetch_gdelt
from realpolitik.store import Store
db, cache, base, first, last, jobs = sys.argv[1:7]
with Store(db) as store:
    result = fetch_gdelt(store, 2, date.fromisoformat(first), date.fromisoformat(last),
                         Path(cache), base, jobs=int(jobs))
files = result.files
print(len(files), len(result.failed), sum(f.rows_read or 0 for f in files),
      sum(f.rows_stored or 0 for f in files))
"""

INGEST = """
import sys
from pathlib import Path
from realpolitik.store import Store
db, cache = sys.argv[1:3]
paths = sorted(Path(cache).glob("*.export.CSV.zip"))
with Store(db) as store:
    results = store.ingest_many(paths, "gdelt2")
bad = [r for r in results if not hasattr(r, "rows_stored")]
print(len(paths), len(bad), sum(r.rows_read for r in results if r not in bad),
      sum(r.rows_stored for r in results if r not in bad))
"""

SERIES = """
import sys, time
sys.path.insert(0, sys.argv[3])
from series import OPTIONS
from realpolitik.measures.engines import duckdb_tables, export_parquet, spark_tables
from realpolitik.measures.series import dyad_panel
db, engine, _, out = sys.argv[1:5]
start = time.perf_counter()
if engine == "duckdb":
    tables = duckdb_tables(db)
else:
    export_parquet(db)
    exported = time.perf_counter() - start
    start = time.perf_counter()
    tables = spark_tables(db, "local[2]")
panel = dyad_panel(tables["events"], OPTIONS)
seconds = time.perf_counter() - start
panel.to_parquet(out)
print(seconds, len(panel), exported if engine == "spark" else 0.0)
"""


def pool_rows() -> list[tuple[str, str]]:
    """The real rows' fields 5–58 (joined) and SOURCEURL, to resample."""
    rows = []
    for name in SAMPLES:
        with (RAW / name).open(encoding="utf-8") as fh:
            for line in fh:
                f = line.rstrip("\n").split("\t")
                if len(f) == 61:
                    rows.append(("\t".join(f[5:59]), f[60]))
    return rows


def write_day(job: tuple[Path, int, int, int]) -> list[str]:
    """Write one day's 15-minute zips; their master-list lines."""
    root, day_index, rows_per_file, seed = job
    pool = pool_rows()
    rng = random.Random(seed * 100_003 + day_index)
    day = FIRST_DAY + timedelta(days=day_index)
    listed = []
    for slot in range(SLOTS_PER_DAY):
        stamp = datetime(day.year, day.month, day.day) + timedelta(minutes=15 * slot)
        added = stamp.strftime("%Y%m%d%H%M%S")
        first = FIRST_ID + (day_index * SLOTS_PER_DAY + slot) * rows_per_file
        lines = []
        for i, (middle, url) in enumerate(rng.choices(pool, k=rows_per_file)):
            when = day - timedelta(days=rng.choice((0, 0, 0, 0, 1, 2, 7, 30)))
            sqldate = when.strftime("%Y%m%d")
            fraction = f"{when.year + (when.timetuple().tm_yday - 1) / 365:.4f}"
            lines.append(
                f"{first + i}\t{sqldate}\t{sqldate[:6]}\t{sqldate[:4]}\t{fraction}\t"
                f"{middle}\t{added}\t{url}\n"
            )
        name = f"{added}.export.CSV.zip"
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            zf.writestr(name[:-4], "".join(lines))
        data = buffer.getvalue()
        (root / "gdeltv2" / name).write_bytes(data)
        md5 = hashlib.md5(data).hexdigest()
        listed.append(f"{len(data)} {md5} http://data.gdeltproject.org/gdeltv2/{name}")
    return listed


def generate(root: Path, days: int, rows_per_file: int, seed: int = 2024) -> None:
    (root / "gdeltv2").mkdir(parents=True)
    with multiprocessing.Pool(os.cpu_count()) as workers:
        jobs = [(root, d, rows_per_file, seed) for d in range(days)]
        listed = [line for day in workers.imap(write_day, jobs) for line in day]
    (root / LIST).write_text("\n".join(listed) + "\n")


def inflate(path: Path) -> int:
    """Bytes of the zip's member, inflated (and its CRC checked) and discarded."""
    with zipfile.ZipFile(path) as zf, zf.open(zf.infolist()[0]) as member:
        return sum(len(block) for block in iter(lambda: member.read(1 << 20), b""))


def bare_decompression(paths: list[Path]) -> tuple[float, int]:
    """Wall seconds and bytes to inflate every zip on all cores."""
    start = time.perf_counter()
    with multiprocessing.Pool(os.cpu_count()) as workers:
        size = sum(workers.imap_unordered(inflate, paths, chunksize=64))
    return time.perf_counter() - start, size


def serve(root: Path) -> tuple[subprocess.Popen, str]:
    """A local HTTP server of `root` on 127.0.0.1; its process and base URL."""
    server = subprocess.Popen(
        [sys.executable, "-u", "-m", "http.server", "0", "--bind", "127.0.0.1"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    line = server.stdout.readline()
    port = re.search(r"port (\d+)", line)
    if not port:
        server.kill()
        sys.exit(f"the local server did not start: {line!r}")
    return server, f"http://127.0.0.1:{port.group(1)}"


def show(label: str, seconds: float, rows: int, rss_kib: int, extra: str = "") -> None:
    print(
        f"{label:34s} {seconds:8.1f} s {rows / seconds:>12,.0f} rows/s  "
        f"peak RSS {rss_kib / 1024:7,.0f} MiB  {extra}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=365)
    parser.add_argument("--rows-per-file", type=int, default=1_430)
    parser.add_argument("--jobs", type=int, default=4, help="parallel downloads")
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--no-spark", action="store_true")
    args = parser.parse_args()
    if not RAW.exists():
        sys.exit(f"{RAW} not found: the benchmark resamples the real GDELT 2.0 rows there")
    here = Path(__file__).resolve().parent
    py = sys.executable
    files = args.days * SLOTS_PER_DAY
    rows = files * args.rows_per_file
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        work = Path(tmp)
        mirror, cache = work / "mirror", work / "cache"
        t = time.perf_counter()
        generate(mirror, args.days, args.rows_per_file)
        zips = sorted((mirror / "gdeltv2").glob("*.zip"))
        packed = sum(p.stat().st_size for p in zips)
        print(
            f"generated {files:,} files, {rows:,} rows, {packed / 1e9:.2f} GB of zips in "
            f"{time.perf_counter() - t:.0f} s",
            flush=True,
        )
        inflate_s, inflated = bare_decompression(zips)
        print(
            f"{'1 bare decompression (all cores)':34s} {inflate_s:8.1f} s "
            f"{rows / inflate_s:>12,.0f} rows/s  {inflated / inflate_s / 1e6:,.0f} MB/s "
            f"of {inflated / 1e9:.1f} GB",
            flush=True,
        )
        server, base = serve(mirror)
        try:
            last = FIRST_DAY + timedelta(days=args.days - 1)
            db = work / "fetched.duckdb"
            fetch_s, fetch_rss, out = run(
                "fetch",
                [py, "-c", FETCH, str(db), str(cache), base, str(FIRST_DAY), str(last),
                 str(args.jobs)],
            )  # fmt: skip
        finally:
            server.kill()
        listed, failed, read, stored = map(int, out.split())
        if failed or read != rows or stored != rows:
            sys.exit(f"fetch: {failed} of {listed} files failed, {read:,} read, {stored:,} stored")
        size = db.stat().st_size
        show(
            "2 fetch: download, verify, ingest",
            fetch_s,
            rows,
            fetch_rss,
            f"store {size / 1e6 / (rows / 1e6):,.1f} MB per million events",
        )
        alone = work / "ingested.duckdb"
        ingest_s, ingest_rss, out = run("ingest", [py, "-c", INGEST, str(alone), str(cache)])
        _, failed, read, stored = map(int, out.split())
        if failed or stored != rows:
            sys.exit(f"ingest: {failed} files failed, {stored:,} of {rows:,} stored")
        show("3 ingest alone (Store.ingest_many)", ingest_s, rows, ingest_rss)
        alone.unlink()
        series_s, series_rss, seconds, dyad_months, _ = series_run(db, "duckdb", here, work)
        show(
            "4 monthly dyad series, DuckDB",
            seconds,
            rows,
            series_rss,
            f"{dyad_months:,} dyad-months ({series_s:.1f} s with start-up)",
        )
        if not args.no_spark:
            _, spark_rss, seconds, _, exported = series_run(db, "spark", here, work)
            show(
                "5 monthly dyad series, Spark",
                seconds,
                rows,
                spark_rss,
                f"(+ {exported:.1f} s Parquet export; driver only)",
            )
            compare(work / "duckdb.parquet", work / "spark.parquet")
        print(
            f"ingest / bare decompression throughput = {inflate_s / ingest_s:.2f} (goal >= 0.5); "
            f"fetch + DuckDB series = {(fetch_s + series_s) / 60:.1f} min (goal < 10)"
        )
        print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")


def series_run(
    db: Path, engine: str, here: Path, work: Path
) -> tuple[float, int, float, int, float]:
    """Every monthly dyad series on `engine`, in a child process: its wall seconds and peak
    RSS, then the seconds of the series alone, the dyad-months and the export's seconds."""
    panel = work / f"{engine}.parquet"
    wall, rss, out = run(
        engine, [sys.executable, "-c", SERIES, str(db), engine, str(here), str(panel)]
    )
    seconds, dyad_months, exported = out.splitlines()[-1].split()  # Spark may say more
    return wall, rss, float(seconds), int(dyad_months), float(exported)


def compare(duckdb_panel: Path, spark_panel: Path) -> None:
    import pandas as pd

    ours, theirs = pd.read_parquet(duckdb_panel), pd.read_parquet(spark_panel)
    pd.testing.assert_frame_equal(ours, theirs, check_dtype=False, rtol=1e-9)
    print("Spark gives the same numbers as DuckDB")


if __name__ == "__main__":
    main()
