"""The canonical schema: one definition, and the README documents every field of it."""

from __future__ import annotations

import duckdb

from realpolitik.schema import EVENT_ARROW_SCHEMA, EVENT_COLUMNS, events_ddl
from tests.conftest import REPO


def test_ddl_and_arrow_schema_agree() -> None:
    con = duckdb.connect()
    con.execute(events_ddl())
    described = [row[0] for row in con.execute("DESCRIBE events").fetchall()]
    assert tuple(described) == EVENT_COLUMNS == tuple(EVENT_ARROW_SCHEMA.names)


def test_readme_documents_every_field() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("## The canonical event", 1)[1].split("\n## ", 1)[0]
    documented = {
        name.strip()
        for line in table.splitlines()
        if line.startswith("| ") and not line.startswith("| field")
        for name in line.split("|")[1].split(",")
    }
    assert documented == set(EVENT_COLUMNS)
