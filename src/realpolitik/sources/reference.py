"""The code tables readers join against, registered in a DuckDB connection.

The tables come from `realpolitik.cameo` and `realpolitik.countries` (the single source of
truth for each fact); this module only shapes them for SQL joins.
"""

from __future__ import annotations

from functools import cache

import duckdb
import pandas as pd

from realpolitik.cameo import cameo_table, quad_class
from realpolitik.countries import country_table, name_table
from realpolitik.package_data import read_table

NAME_KEY_SQL = "trim(regexp_replace(lower(strip_accents({})), '[^a-z0-9]+', ' ', 'g'))"


def name_key_sql(expr: str) -> str:
    """SQL normalising a name as `countries.normalize_name` does (the keys of the name table)."""
    return NAME_KEY_SQL.format(expr)


@cache
def actor_codes() -> pd.DataFrame:
    """(cameo, code, kind): every CAMEO actor country/IGO code and the store code it maps to."""
    table = country_table()
    cameo = table["cameo"].fillna("").where(table["cameo"].fillna("") != "", table["code"])
    frame = pd.DataFrame({"cameo": cameo, "code": table["code"], "kind": table["kind"]})
    own = pd.DataFrame({"cameo": table["code"], "code": table["code"], "kind": table["kind"]})
    return pd.concat([frame, own]).drop_duplicates("cameo").reset_index(drop=True)


@cache
def icews_sectors() -> dict[str, str]:
    """ICEWS sector name → CAMEO sector code."""
    table = read_table("icews_sectors.csv")
    return dict(zip(table["keyword"], table["sector"], strict=True))


def quad_table(convention: str) -> pd.DataFrame:
    """(root, quad): the quad class of each CAMEO root under `convention`."""
    roots = [f"{r:02d}" for r in range(1, 21)]
    return pd.DataFrame({"root": roots, "quad": [quad_class(r, convention) for r in roots]})


def register(con: duckdb.DuckDBPyConnection, quad_convention: str) -> None:
    """Make `_actor_codes`, `_country_names`, `_quad` and `_cameo_goldstein` available to SQL."""
    con.register("_actor_codes", actor_codes())
    names = name_table()[["name", "code"]]
    con.register("_country_names_raw", names)
    con.execute(
        "CREATE OR REPLACE TEMP VIEW _country_names AS "
        "SELECT name AS key, min(code) AS code FROM _country_names_raw GROUP BY name"
    )
    con.register("_quad", quad_table(quad_convention))
    con.register("_cameo_goldstein", cameo_table()[["code", "goldstein"]])


def sector_map_sql() -> str:
    """A DuckDB MAP literal of ICEWS sector names to CAMEO sector codes."""
    pairs = ", ".join(
        f"'{k.replace(chr(39), chr(39) * 2)}': '{v}'" for k, v in sorted(icews_sectors().items())
    )
    return f"MAP {{{pairs}}}"
