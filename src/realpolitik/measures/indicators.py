"""Record-based indicators: one long `observations` table of
(indicator, source, target, period, freq, value, provenance), recomputed from the typed record
tables whenever records are loaded, so each figure can be traced to the rows behind it.
Indicators whose tables are not loaded take their values from `derived_observations`, if
loaded (see `refresh`).

Each indicator's SQL yields one row per (indicator, source, target, period); the table has no
index for it (an index over millions of dyad-years costs more than the data), so the
indicator tests check that uniqueness instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from realpolitik.sources.derived import DERIVED_OBSERVATIONS

OBSERVATIONS_DDL = """
CREATE TABLE IF NOT EXISTS observations (
  indicator VARCHAR NOT NULL,
  source VARCHAR NOT NULL,
  target VARCHAR NOT NULL,
  period DATE NOT NULL,
  freq VARCHAR NOT NULL,
  value DOUBLE,
  provenance VARCHAR NOT NULL
)
"""
OBSERVATION_COLUMNS = ("indicator", "source", "target", "period", "freq", "value", "provenance")


@dataclass(frozen=True)
class Indicator:
    """A dyadic indicator: its name, the formula in words, the tables it needs, and the SQL
    SELECT giving its observations (the columns of OBSERVATION_COLUMNS, in that order).

    One SELECT may compute a family of indicators from one pass over the data; `also` names
    the other indicators its rows carry besides `name`.

    `absent_is_zero` says what a dyad-year without an observation means. Where the records list
    every occurrence (deliveries, alliances, agreements, visits) it is a zero within the years
    the records cover (the first to the last year the indicator has any observation); where
    they are scores (vote agreement, ideal points) it is missing. `covers_only` names an actor
    every covered dyad has on one side (the US Historian lists only visits to and from the US).
    """

    name: str
    formula: str
    needs: tuple[str, ...]
    sql: str
    also: tuple[str, ...] = ()
    absent_is_zero: bool = False
    covers_only: str = ""

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.also)


def existing_tables(con: duckdb.DuckDBPyConnection) -> set[str]:
    """Names of the tables in the store."""
    return {row[0] for row in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}


def refresh(con: duckdb.DuckDBPyConnection, indicators: tuple[Indicator, ...]) -> list[str]:
    """Recompute every indicator whose tables are loaded, then copy from `derived_observations`
    (values exported with their provenance, for records too large to ship: see
    `sources/derived.py`) the rows of every indicator not recomputed, replacing that
    indicator's rows in `observations`. An indicator computed from its own tables always wins
    over its exported values. Return the names recomputed, then those copied (sorted)."""
    con.execute(OBSERVATIONS_DDL)
    present = existing_tables(con)
    done = []
    for ind in indicators:
        if not set(ind.needs) <= present:
            continue
        con.execute("DELETE FROM observations WHERE list_contains(?, indicator)", [ind.names])
        con.execute(
            f"INSERT INTO observations ({', '.join(OBSERVATION_COLUMNS)}) SELECT * FROM ({ind.sql})"
        )
        done.extend(ind.names)
    if DERIVED_OBSERVATIONS.name not in present:
        return done
    exported = con.execute(
        f"SELECT DISTINCT indicator FROM {DERIVED_OBSERVATIONS.name} ORDER BY indicator"
    ).fetchall()
    copied = [name for (name,) in exported if name not in done]
    if copied:
        columns = ", ".join(OBSERVATION_COLUMNS)
        con.execute("DELETE FROM observations WHERE list_contains(?, indicator)", [copied])
        con.execute(
            f"INSERT INTO observations ({columns}) SELECT {columns} "
            f"FROM {DERIVED_OBSERVATIONS.name} WHERE list_contains(?, indicator)",
            [copied],
        )
    return done + copied
