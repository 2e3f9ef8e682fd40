"""Where the series expressions run: the store's DuckDB file (default), or Spark for data that
outgrows one machine. Both hand back the same Ibis tables, so every measure is written once.

Spark reads the store's tables as Parquet, written next to the store and rewritten only when
the ledger has changed since.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from realpolitik.errors import UsageError
from realpolitik.measures import duckdb_compat
from realpolitik.measures.indicators import existing_tables
from realpolitik.store import connect

if TYPE_CHECKING:
    import ibis.expr.types as ir

duckdb_compat.install()

ENGINES = ("duckdb", "spark")
DEFAULT_SPARK_MASTER = "local[*]"


def duckdb_tables(db: str | Path) -> dict[str, ir.Table]:
    """The store's tables as Ibis tables on DuckDB (read-only)."""
    import ibis  # here, not at the top: the CLI's other verbs start faster without it

    con = ibis.duckdb.from_connection(connect(db, read_only=True))
    return {name: con.table(name) for name in con.list_tables()}


def spark_tables(db: str | Path, master: str = DEFAULT_SPARK_MASTER) -> dict[str, ir.Table]:
    """The store's tables as Ibis tables on Spark (`master` as for spark-submit)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise UsageError(
            "the Spark engine needs PySpark: pip install 'realpolitik[spark]'"
        ) from None
    exported = export_parquet(db)
    spark = (
        SparkSession.builder.master(master)
        .appName("realpolitik")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.session.timeZone", "UTC")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    import ibis

    con = ibis.pyspark.connect(spark)
    tables = {}
    for name, path in exported.items():
        spark.read.parquet(str(path)).createOrReplaceTempView(name)
        tables[name] = con.table(name)
    return tables


def export_parquet(db: str | Path) -> dict[str, Path]:
    """The store's events and observations as Parquet beside it, refreshed when stale."""
    db = Path(db)
    with connect(db, read_only=True) as con:
        folder = db.with_name(db.name + ".parquet")
        folder.mkdir(exist_ok=True)
        present = existing_tables(con)
        stamp = str(con.execute("SELECT count(*), max(ingest_id) FROM ledger").fetchone())
        marker = folder / "ledger-state"
        wanted = [t for t in ("events", "observations") if t in present]
        paths = {t: folder / f"{t}.parquet" for t in wanted}
        fresh = marker.exists() and marker.read_text() == stamp
        if not fresh or not all(p.exists() for p in paths.values()):
            for table, path in paths.items():
                con.execute(f"COPY {table} TO '{path}' (FORMAT parquet)")
            marker.write_text(stamp)
    return paths


def store_files(tables: dict[str, ir.Table]) -> list[dict[str, object]]:
    """The files the store was built from (its ledger): file, sha256, format, rows stored."""
    if "ledger" not in tables:
        return []
    ledger = tables["ledger"]
    rows = ledger.select("file", "sha256", "format", "rows_stored").order_by("file").execute()
    return rows.to_dict(orient="records")


def store_tables(
    db: str | Path, engine: str = "duckdb", master: str = DEFAULT_SPARK_MASTER
) -> dict[str, ir.Table]:
    """The store's tables on the chosen engine."""
    if engine == "duckdb":
        return duckdb_tables(db)
    if engine == "spark":
        return spark_tables(db, master)
    raise UsageError(f"--engine {engine!r}: choose one of {', '.join(ENGINES)}")
