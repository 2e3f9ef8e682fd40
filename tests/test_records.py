"""Loading records from a raw-data folder: every file found goes in, missing ones are
skipped with a note, bad ones are reported without stopping the rest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from realpolitik.cli import app
from realpolitik.errors import InputError
from realpolitik.measures import INDICATORS
from realpolitik.records import Skipped, load_records
from realpolitik.store import IngestResult, Store
from tests.conftest import raw_file

runner = CliRunner()


def small_raw(tmp_path: Path) -> Path:
    """A raw folder with the UNGA roll calls and issues, and a damaged votes file."""
    root = tmp_path / "raw"
    (root / "unvotes").mkdir(parents=True)
    for name in ("un_roll_calls.rda", "un_roll_call_issues.rda"):
        shutil.copy(raw_file(f"unvotes/{name}"), root / "unvotes" / name)
    (root / "unvotes" / "un_votes.rda").write_bytes(b"damaged")
    return root


def test_load_records_reports_each_file(store: Store, tmp_path: Path) -> None:
    root = small_raw(tmp_path)
    outcomes, recomputed = load_records(store, root)
    by_file = {Path(getattr(o, "file", getattr(o, "path", ""))).name: o for o in outcomes}
    assert isinstance(by_file["un_roll_calls.rda"], IngestResult)
    assert isinstance(by_file["un_roll_call_issues.rda"], IngestResult)
    assert isinstance(by_file["un_votes.rda"], InputError)
    assert all(isinstance(o, Skipped) for o in outcomes if o not in by_file.values())
    assert recomputed == []  # agreement needs the votes, which did not load
    assert store.con.execute("SELECT count(*) FROM unga_roll_calls").fetchone()[0] == 6203


def test_cli_records_load_and_facts(tmp_path: Path) -> None:
    root = small_raw(tmp_path)
    db = tmp_path / "r.duckdb"
    result = runner.invoke(app, ["records", "load", "--db", str(db), "--from", str(root), "--json"])
    assert result.exit_code == 1  # the damaged votes file
    report = json.loads(result.output)
    errors = [f for f in report["files"] if "error" in f]
    assert [Path(f["file"]).name for f in errors] == ["un_votes.rda"]
    assert "cannot read as an R data file" in errors[0]["error"]
    missing = runner.invoke(app, ["facts", "agreement", "--dyad", "RUS-IRN", "--db", str(db)])
    assert missing.exit_code == 2 and "run `realpolitik records load" in missing.output
    bad = runner.invoke(app, ["records", "load", "--db", str(db), "--only", "nope"])
    assert bad.exit_code == 2 and "unknown record format(s) nope" in bad.output


def test_records_indicators_lists_every_indicator_with_its_formula() -> None:
    result = runner.invoke(app, ["records", "indicators", "--json"])
    listed = json.loads(result.output)
    assert [name for row in listed for name in row["indicators"]] == [
        name for ind in INDICATORS for name in ind.names
    ]
    assert all(row["formula"] and row["tables"] for row in listed)
    assert "unga_agreement_kappa" in runner.invoke(app, ["records", "indicators"]).output
