"""The main job on what the repository ships: the seed article's story, told with data.

A new user has the repository, not the raw data: the demo builds a store from the example
event files (synthetic) and the project's derived tables of real records
(`examples/records`: UN vote agreement, ideal points, SIPRI deliveries, alliances, nuclear
agreements, Security Council resolutions on Iran and every veto), codes the example article
into events and claims, checks the article's claims and the seed article's (written by hand in
`examples/claims`), and writes the report.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from realpolitik.analysis.claims import CheckResult, check_claims
from realpolitik.errors import InputError, UsageError
from realpolitik.records import Skipped, load_records
from realpolitik.report.html import write_report
from realpolitik.store import IngestResult, Store
from realpolitik.text.claims import article_title, events_and_claims, write_claims
from realpolitik.text.coder import write_events

PUBLISHED = date(2018, 6, 4)
"""The example article's publication date (it is written as of the seed's)."""

FULL_DATA_COMMANDS = (
    "realpolitik records load --db rp.duckdb --from ../shared/data/raw",
    "realpolitik ingest 1995*.export.CSV.zip ... 2018*.export.CSV.zip --db rp.duckdb  "
    "# GDELT 1.0 daily event files, data.gdeltproject.org/events/",
    "realpolitik ingest events.1995.*.tab ... events.2018.*.tab --db rp.duckdb  "
    "# ICEWS yearly files, Harvard Dataverse doi:10.7910/DVN/28075",
    "realpolitik depends --dependent RUS-IRN --driver RUS-USA --db rp.duckdb "
    "--from 1995 --to 2018 --plot rus-irn.html",
    "realpolitik check examples/claims/seed-claims.yaml --db rp.duckdb --report report.html",
)


@dataclass
class DemoRun:
    """What the demo did and found."""

    ingested: list[IngestResult | InputError]
    records: list[IngestResult | InputError | Skipped]
    article_events: int
    article_claims: Path
    check: CheckResult
    report: Path
    notes: list[str] = field(default_factory=list)
    """What the shipped data can and cannot say."""
    commands: tuple[str, ...] = FULL_DATA_COMMANDS
    """The same checks on full data."""


def run_demo(db: Path, out: Path, examples: Path = Path("examples")) -> DemoRun:
    """Build the demo store at `db` (which must not exist yet), check the claims and write
    `out/report.html`; the article's events and claims are written to `out` too."""
    if db.exists():
        raise UsageError(f"{db} exists: the demo builds a new store (remove it, or use --db)")
    folders = {name: examples / name for name in ("events", "records", "articles", "claims")}
    for name, folder in folders.items():
        if not folder.is_dir():
            raise UsageError(
                f"{folder}: no such folder in {Path.cwd()}: the demo reads the repository's "
                f"examples ({name} among them); run it from the repository's root folder, or "
                "give --examples PATH"
            )
    out.mkdir(parents=True, exist_ok=True)
    event_files = sorted(
        p for p in folders["events"].iterdir() if p.is_file() and p.suffix.lower() != ".md"
    )
    articles = sorted(folders["articles"].glob("*.txt"))
    coded, claims = events_and_claims(articles, PUBLISHED)
    events_file, claims_file = out / "article-events.jsonl", out / "article-claims.yaml"
    write_events(coded, events_file)
    write_claims(claims, claims_file, article_title(articles[0]), PUBLISHED)
    with Store(db) as store:
        ingested = store.ingest_many([*event_files, events_file])
        records, _ = load_records(store, folders["records"])
    check = check_claims(db, [claims_file, *sorted(folders["claims"].glob("*.yaml"))])
    notes = demo_notes(check)
    check.notes += [
        *notes,
        "The same checks on full data: " + "; ".join(f"`{c}`" for c in FULL_DATA_COMMANDS),
    ]
    report = write_report(check, out / "report.html")
    return DemoRun(ingested, records, len(coded), claims_file, check, report, notes)


def demo_notes(check: CheckResult) -> list[str]:
    """What the shipped data can and cannot say, and what a verdict would need."""
    notes = [
        "The example event files are synthetic (made up by scripts/make_fixtures.py, with a "
        "planted 2017 pattern): verdicts that rest on them show how the checks work, not how "
        "the world went. The records in examples/records are real: subsets of the UN votes, "
        "ideal points, SIPRI register, ATOP, NCA and Security Council data, with the file and "
        "row of each figure.",
    ]
    for claim in check.claims:
        test = claim.dependence
        if test is None:
            continue
        notes.append(
            f"{claim.id}: {test.sample_note} A verdict needs the driver's effect in most "
            "versions of the test, with the expected sign under both orderings and 80 % power "
            "in most of them: decades of weekly or monthly event data, not the yearly records "
            "or the four synthetic years shipped here."
        )
    return notes
