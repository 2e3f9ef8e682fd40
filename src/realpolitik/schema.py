"""The canonical event: the one row shape every reader produces and the store keeps.

This module is the single source of truth for the event columns, their types and meaning;
the store's DDL, the readers' output and the canonical-format reader are all derived from it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True)
class Field:
    """One canonical column: its name, DuckDB type, Arrow type and meaning."""

    name: str
    sql_type: str
    arrow_type: pa.DataType
    meaning: str
    required: bool = False


EVENT_FIELDS: tuple[Field, ...] = (
    Field("event_id", "VARCHAR", pa.string(), "stable id `<origin>:<locator>`", required=True),
    Field("date", "DATE", pa.date32(), "when the event happened", required=True),
    Field("date_precision", "VARCHAR", pa.string(), "`day`, `month`, `year` or `unknown`"),
    Field("source", "VARCHAR", pa.string(), "ISO3 or IGO/region code of the actor; '' if unknown"),
    Field("target", "VARCHAR", pa.string(), "ISO3 or IGO/region code of the target; '' if unknown"),
    Field("source_sector", "VARCHAR", pa.string(), "CAMEO/PLOVER sector of the actor (GOV, MIL…)"),
    Field("target_sector", "VARCHAR", pa.string(), "CAMEO/PLOVER sector of the target"),
    Field("source_name", "VARCHAR", pa.string(), "the actor as written in the source"),
    Field("target_name", "VARCHAR", pa.string(), "the target as written in the source"),
    Field("cameo", "VARCHAR", pa.string(), "CAMEO event code, zero-padded (`057`, `1246`)"),
    Field(
        "quad_class",
        "TINYINT",
        pa.int8(),
        "1 verbal coop, 2 material coop, 3 verbal, 4 material conflict",
    ),
    Field("goldstein", "DOUBLE", pa.float64(), "Goldstein (or source intensity) on −10…+10"),
    Field("weight", "DOUBLE", pa.float64(), "mentions/sources/articles where known, else 1"),
    Field(
        "num_mentions", "INTEGER", pa.int32(), "mentions (GDELT NumMentions), NULL if not carried"
    ),
    Field(
        "num_articles", "INTEGER", pa.int32(), "articles (GDELT NumArticles), NULL if not carried"
    ),
    Field(
        "is_root",
        "BOOLEAN",
        pa.bool_(),
        "GDELT IsRootEvent; NULL where the source has no such flag",
    ),
    Field("origin", "VARCHAR", pa.string(), "dataset the row came from (gdelt1, gdelt2, icews…)"),
    Field("origin_ref", "VARCHAR", pa.string(), "file:line, or document id and character span"),
    Field("text", "VARCHAR", pa.string(), "the sentence, for events coded from text"),
    Field("confidence", "DOUBLE", pa.float64(), "0…1"),
)

EVENT_COLUMNS: tuple[str, ...] = tuple(f.name for f in EVENT_FIELDS)
EVENT_ARROW_SCHEMA: pa.Schema = pa.schema([(f.name, f.arrow_type) for f in EVENT_FIELDS])
DATE_PRECISIONS: tuple[str, ...] = ("day", "month", "year", "unknown")
QUAD_CLASSES: tuple[int, ...] = (1, 2, 3, 4)


def events_ddl(table: str = "events") -> str:
    """The CREATE TABLE statement for the canonical events table."""
    cols = ",\n  ".join(
        f"{f.name} {f.sql_type}{' NOT NULL' if f.required else ''}" for f in EVENT_FIELDS
    )
    return f"CREATE TABLE IF NOT EXISTS {table} (\n  {cols}\n)"
