"""Build the demo's record tables in examples/records/ from the raw record files.

    .venv/bin/python scripts/build_demo_records.py --raw ../shared/data/raw

Loads the raw files it needs into a temporary store (`realpolitik.records.load_records`) and
writes the few rows the demo needs (the Security Council on Iran, every veto, and the
Russia-Iran-United States triangle) as the project's exports of the typed tables
(`realpolitik.sources.derived`): one `<table>.csv` per table, each row keeping the provenance
of its raw row, and SOURCES.md saying what each holds, the raw files (with sha256) and their
terms. Rows are in key order and every value has one written form (UTF-8, LF line ends), so a
rebuild from the same raw files is byte-identical. Before it finishes, the build loads what it
wrote into a fresh store and checks that every row comes back unchanged.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import re
import sys
import tempfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import NoReturn

import duckdb

from realpolitik.records import load_records
from realpolitik.sources import RAW_RECORD_READERS
from realpolitik.sources.derived import DERIVED_OBSERVATIONS, derived_reader
from realpolitik.sources.records import RecordTable
from realpolitik.store import IngestResult, Store

REPO = Path(__file__).resolve().parents[1]
DEFAULT_RAW = REPO.parent / "shared" / "data" / "raw"
DEFAULT_OUT = REPO / "examples" / "records"
INVENTORY = "STRUCTURED-SOURCES.md"
COMMAND = ".venv/bin/python scripts/build_demo_records.py --raw ../shared/data/raw"

TRIO = "['IRN', 'RUS', 'USA']"
"""The three states of the demo, as a DuckDB list."""
REQUIRED_RESOLUTIONS = (1696, 1737, 1747, 1803, 1835, 1929)
"""The six Iran resolutions the README's example checks: the build stops if one is missing."""
IRAN_TOPIC = "topic ILIKE '%iran%' OR topic = 'Non-proliferation'"
"""The UN Digital Library files the Iran resolutions from 2006 on under the bare agenda item
"Non-proliferation" (1696, 1835, 1929, 2231...); the DPRK item names the DPRK and the general
one is "Non-proliferation of weapons of mass destruction"."""

TABLES = {reader.table.name: reader.table for reader in RAW_RECORD_READERS}


@dataclass(frozen=True)
class Export:
    """One file: the rows of `source` (a store table) matching `where`, written as `table`."""

    table: RecordTable
    source: str
    where: str
    formats: tuple[str, ...]
    """The raw readers whose files the rows come from."""
    year: str
    """SQL giving a row's year, for the span SOURCES.md states."""
    holds: str

    @property
    def file(self) -> str:
        return f"{self.table.name}.csv"

    def select(self, source: str, where: str) -> str:
        """The rows to write, in key order."""
        columns = ", ".join((*self.table.column_names, "provenance"))
        return f"SELECT {columns} FROM {source} WHERE {where} ORDER BY {', '.join(self.table.key)}"


EXPORTS = (
    Export(
        TABLES["unsc_resolutions"],
        "unsc_resolutions",
        IRAN_TOPIC,
        ("unsc-meetings-html", "unsc-meetings-csv"),
        "year",
        "Security Council resolutions whose topic concerns Iran: the topic names Iran, or is "
        "the bare agenda item “Non-proliferation”, under which the UN lists the Iran "
        "resolutions from 2006 on (the DPRK's item names the DPRK).",
    ),
    Export(
        TABLES["unsc_vetoes"],
        "unsc_vetoes",
        "true",
        ("unsc-vetoes-html", "unsc-vetoes-csv"),
        "year(date)",
        "Every veto row of both veto lists (one row per draft, member and list), all members "
        "and years, so that a claimed veto on a day with none can be checked.",
    ),
    Export(
        TABLES["arms_transfers"],
        "arms_transfers",
        f"list_contains({TRIO}, supplier) AND list_contains({TRIO}, recipient)",
        ("sipri-trade-register",),
        "delivery_year",
        "SIPRI deliveries (deal × delivery year) whose supplier and recipient are both among "
        "RUS, IRN and USA.",
    ),
    Export(
        TABLES["atop_alliances"],
        "atop_alliances",
        f"list_contains({TRIO}, source) AND list_contains({TRIO}, target)",
        ("atop-alliances",),
        "year",
        "ATOP directed dyad-years with an alliance obligation between two of RUS, IRN and USA.",
    ),
    Export(
        TABLES["nuclear_agreements"],
        "nuclear_agreements",
        f"list_contains({TRIO}, source) AND list_contains({TRIO}, target)",
        ("nuclear-agreements",),
        "year",
        "Nuclear cooperation agreements between two of RUS, IRN and USA.",
    ),
    Export(
        TABLES["ideal_points"],
        "ideal_points",
        f"list_contains({TRIO}, code)",
        ("ideal-points",),
        "year",
        "UN General Assembly ideal points of RUS, IRN and USA, every year.",
    ),
    Export(
        DERIVED_OBSERVATIONS,
        "observations",
        "list_contains(['unga_agreement', 'unga_agreement_s', 'unga_agreement_kappa'], "
        f"indicator) AND list_contains({TRIO}, source) AND list_contains({TRIO}, target)",
        ("unga-votes", "unga-roll-calls"),
        "year(period)",
        "The UN General Assembly vote agreement indicators (`unga_agreement`, "
        "`unga_agreement_s`, `unga_agreement_kappa`) of the six directed dyads among RUS, IRN "
        "and USA, every year, as `records load` computes them from the 870,000 votes (too "
        "many to ship); loading this file puts them in `observations`.",
    ),
)


def fail(message: str) -> NoReturn:
    """Stop the build: the raw files or the written tables are not what this script expects."""
    sys.exit(f"build_demo_records: {message}")


def written(value: object) -> str:
    """The one form a value is written in, the form `realpolitik.sources.derived` reads."""
    match value:
        case None:
            return ""
        case bool():
            return "true" if value else "false"
        case int():
            return str(value)
        case float() if math.isfinite(value):
            return repr(value)
        case date():
            return value.isoformat()
        case str() if value:
            return value
    fail(f"cannot write {value!r}: it would not load back as the same value")


def render(con: duckdb.DuckDBPyConnection, export: Export, source: str, where: str) -> str:
    """The CSV text of the export's rows as `con` holds them."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow((*export.table.column_names, "provenance"))
    for row in con.execute(export.select(source, where)).fetchall():
        writer.writerow(written(value) for value in row)
    return buffer.getvalue()


def load(store: Store, root: Path, formats: tuple[str, ...]) -> list[IngestResult]:
    """Load the files of `formats` under `root`; stop on a missing or unreadable file."""
    store.con.execute("SET enable_progress_bar = false")
    outcomes, _ = load_records(store, root, formats)
    if problems := [o for o in outcomes if not isinstance(o, IngestResult)]:
        fail("; ".join(str(o) for o in problems))
    return outcomes


def inventory_terms(raw: Path) -> list[tuple[re.Pattern[str], str, str, str]]:
    """Per row of STRUCTURED-SOURCES.md's table: a pattern of the files it covers, the files
    as written there, the source repository and the licence, with "same" (as the row above)
    and "as source" resolved."""
    path = raw / INVENTORY
    if not path.is_file():
        fail(f"{path} not found")
    rows = []
    repo = licence = ""
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) < 3 or not cells[0].startswith("`"):
            continue
        above = re.match(r"\S+ @ [0-9a-f]{7,40}", repo)
        if above and cells[1].startswith("same"):
            cells[1] = above.group() + cells[1].removeprefix("same")
        if above and "@ same commit" in cells[1]:
            cells[1] = cells[1].replace("same commit", above.group().split(" @ ")[1])
        repo = cells[1]
        licence = licence if cells[2] in ("same", "as source") else cells[2]
        globs = re.findall(r"`([^`]+)`", cells[0])
        pattern = "|".join(
            re.sub(r"\\\{\d+\\\.\\\.\d+\\\}", r"\\d+", re.escape(g)).replace(r"\*", "[^/]*")
            for g in globs
        )
        rows.append((re.compile(pattern), cells[0], repo, licence))
    return rows


def terms_of(relative: str, inventory: list[tuple[re.Pattern[str], str, str, str]]) -> str:
    """The inventory row of a raw file, as a line of SOURCES.md."""
    for pattern, files, repo, licence in inventory:
        if pattern.fullmatch(relative):
            return f"- {files}: {repo}. Licence/terms: {licence}."
    fail(f"{relative} is not in {INVENTORY}")


def raw_files(store: Store, export: Export, provenance: list[str]) -> list[tuple[str, str]]:
    """(file, sha256) of the ledger rows the export's rows come from: the files its rows'
    provenance names, or, where the provenance names a table (the observations: `unga_votes:
    the 93 roll calls of 2007...`), every file of its formats."""
    named = {text.split(":")[0] for text in provenance}
    ledger = store.ledger()
    ledger = ledger[ledger.format.isin(export.formats)]
    files = ledger[ledger.file.map(lambda f: Path(f).name in named)]
    chosen = files if len(files) else ledger
    return sorted(zip(chosen.file, chosen.sha256, strict=True))


def section(
    export: Export,
    store: Store,
    raw: Path,
    inventory: list[tuple[re.Pattern[str], str, str, str]],
) -> tuple[int, str]:
    """The number of rows of one file, and its SOURCES.md section."""
    rows = store.con.execute(
        f"SELECT {export.year}, provenance FROM {export.source} WHERE {export.where}"
    ).fetchall()
    years = [year for year, _ in rows]
    files = raw_files(store, export, [provenance for _, provenance in rows])
    relative = [Path(file).relative_to(raw).as_posix() for file, _ in files]
    listing = "\n".join(
        f"| `{name}` | `{sha}` |" for name, (_, sha) in zip(relative, files, strict=True)
    )
    terms = "\n".join(dict.fromkeys(terms_of(name, inventory) for name in relative))
    return (
        len(rows),
        f"""## {export.file}: {len(rows):,} rows, {min(years)}–{max(years)}

{export.holds}

Table `{export.table.name}`: the rows of `{export.source}` where `{export.where}`, in key
order (`{", ".join(export.table.key)}`), after `records load` of the raw files below (readers
{", ".join(f"`{name}`" for name in export.formats)}). Rebuilt by the command above.

| raw file (under `../shared/data/raw`) | sha256 |
|---|---|
{listing}

Source and terms (as `{INVENTORY}` gives them):
{terms}
""",
    )


HEADER = f"""# Demo records: small derived tables of real figures

The CSVs here let `make demo` and the tests tell a story on what the repository ships, without
`../shared`. Each is the project's export of one typed store table
(`realpolitik.sources.derived`): the header is the table's columns and `provenance`, an empty
cell is NULL, and every row keeps the provenance of the raw row it was made from (file and row
or line), so each figure traces back to a raw file listed below (its sha256 names the exact
copy). No raw file is copied: these are only the rows the demo needs.

```console
$ realpolitik records load --db demo.duckdb --from examples/records
```

loads them into the same tables the raw files fill, so the facts and indicators work on them
unchanged; `derived_observations.csv` fills `observations` for the vote agreement indicators.
All of them are rebuilt, byte for byte, from the raw files by one script (a test checks it):

```sh
{COMMAND}   # from the repository root
```
"""


def main(argv: list[str] | None = None) -> None:
    """Build every export from `--raw` into `--out`, check it loads back, write SOURCES.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="the shared raw-data folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the tables")
    args = parser.parse_args(argv)
    inventory = inventory_terms(args.raw)
    args.out.mkdir(parents=True, exist_ok=True)
    formats = tuple(dict.fromkeys(f for export in EXPORTS for f in export.formats))
    texts, counts, sections = {}, {}, [HEADER]
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "build.duckdb") as store:
        load(store, args.raw, formats)
        check_iran_resolutions(store.con)
        for export in EXPORTS:
            texts[export.file] = render(store.con, export, export.source, export.where)
            counts[export.file], text = section(export, store, args.raw, inventory)
            sections.append(text)
    for name, text in texts.items():
        (args.out / name).write_text(text, encoding="utf-8", newline="")
    check_round_trip(args.out, texts)
    (args.out / "SOURCES.md").write_text("\n".join(sections), encoding="utf-8", newline="")
    for name in (*texts, "SOURCES.md"):
        rows = f", {counts[name]:,} rows" if name in counts else ""
        print(f"{name}: {(args.out / name).stat().st_size:,} bytes{rows}", file=sys.stderr)


def check_iran_resolutions(con: duckdb.DuckDBPyConnection) -> None:
    """Stop unless the Iran selection holds the six resolutions of the README; say how many
    it holds."""
    found = {
        n
        for (n,) in con.execute(
            f"SELECT resolution FROM unsc_resolutions WHERE {IRAN_TOPIC}"
        ).fetchall()
    }
    if missing := sorted(set(REQUIRED_RESOLUTIONS) - found):
        fail(f"resolution(s) {missing} are not among the Iran resolutions")
    print(f"Iran resolutions: {len(found)}", file=sys.stderr)


def check_round_trip(out: Path, texts: dict[str, str]) -> None:
    """Load the written files into a fresh store and stop unless each reads back whole and
    writes out again as the same text."""
    with tempfile.TemporaryDirectory() as tmp, Store(Path(tmp) / "check.duckdb") as store:
        names = tuple(derived_reader(export.table).name for export in EXPORTS)
        for result in load(store, out, names):
            if result.rows_quarantined or result.rows_duplicate:
                fail(f"{result.summary()}: the written rows do not load back whole")
        for export in EXPORTS:
            if render(store.con, export, export.table.name, "true") != texts[export.file]:
                fail(f"{export.file} does not load back as written")


if __name__ == "__main__":
    main()
