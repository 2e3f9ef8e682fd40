"""`realpolitik fetch gdelt` and `realpolitik ledger --missing` against the local mirror: a
summary, a one-line error and exit 1 when a file failed (after all the others), exit 2 on
misuse."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result
from typer.testing import CliRunner

from realpolitik.cli import app
from tests.fetch.conftest import GdeltMirror, MirrorFile

runner = CliRunner()
STAMPS = ("20250511180000", "20250511181500", "20250511183000")


@pytest.fixture
def v2_files(mirror: GdeltMirror) -> list[MirrorFile]:
    files = [mirror.add_v2(stamp) for stamp in STAMPS]
    mirror.write_v2_list()
    return files


def fetch(mirror: GdeltMirror, tmp_path: Path, *extra: str) -> Result:
    args = ["fetch", "gdelt", "--version", "2", "--from", "2025-05-11", "--to", "2025-05-11"]
    args += ["--db", str(tmp_path / "s.duckdb"), "--cache", str(tmp_path / "cache")]
    return runner.invoke(app, [*args, "--base-url", mirror.url, *extra])


def missing(tmp_path: Path, *extra: str) -> Result:
    return runner.invoke(app, ["ledger", "--missing", "--db", str(tmp_path / "s.duckdb"), *extra])


def test_fetch_json_and_nothing_missing(
    mirror: GdeltMirror, v2_files: list[MirrorFile], tmp_path: Path
) -> None:
    result = fetch(mirror, tmp_path, "--json", "--jobs", "2")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert (found["version"], found["from"], found["list_problems"]) == (2, "2025-05-11", [])
    assert [(f["name"], f["status"], f["rows_stored"]) for f in found["files"]] == [
        (f.name, "ingested", 20) for f in v2_files
    ]
    assert json.loads(missing(tmp_path, "--json").stdout) == []
    assert "is complete" in missing(tmp_path).stdout
    again = fetch(mirror, tmp_path)
    assert again.exit_code == 0
    assert "complete" in again.stdout and "ingested" not in again.stdout


def test_a_failed_file_exits_1_after_the_others_and_a_rerun_completes(
    mirror: GdeltMirror, v2_files: list[MirrorFile], tmp_path: Path
) -> None:
    gone = mirror.root / v2_files[1].path[1:]
    served = gone.read_bytes()
    gone.unlink()
    result = fetch(mirror, tmp_path)
    assert result.exit_code == 1
    reason = "HTTP 404 Not Found: the server does not have this file"
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [
        f"error: {v2_files[1].name}: {reason}",
        f"error: 1 of 3 files not complete; `realpolitik ledger --missing --db "
        f"{tmp_path / 's.duckdb'}` lists them, and rerunning this command completes them once "
        "the cause is gone",
    ]
    assert "ingested" in result.stdout and "failed" in result.stdout
    (row,) = json.loads(missing(tmp_path, "--json").stdout)
    assert (row["version"], row["file"], row["reason"]) == (2, v2_files[1].name, reason)
    assert v2_files[1].name in missing(tmp_path).stdout

    gone.write_bytes(served)
    rerun = fetch(mirror, tmp_path, "--json")
    assert rerun.exit_code == 0
    assert [f["status"] for f in json.loads(rerun.stdout)["files"]] == [
        "complete",
        "ingested",
        "complete",
    ]
    assert json.loads(missing(tmp_path, "--json").stdout) == []


def test_lists_that_cannot_be_read_exit_1(mirror: GdeltMirror, tmp_path: Path) -> None:
    result = fetch(mirror, tmp_path)
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"error: cannot read GDELT 2.0's file list: {mirror.url}/gdeltv2/masterfilelist.txt: "
        "HTTP 404 Not Found"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--version", "3"], "GDELT version 3: use 1 or 2"),
        (["--from", "2025-05-32"], "--from '2025-05-32' is not a year, a month or a day"),
        (["--actors", "RUS,XYZ"], "'XYZ' is not a known country or IGO code"),
        (["--actors", " , "], "--actors is empty"),
        (["--jobs", "0"], "jobs 0: give at least 1"),
        (["--base-url", "data.gdeltproject.org"], "base URL 'data.gdeltproject.org'"),
    ],
)
def test_misuse_exits_2(tmp_path: Path, args: list[str], message: str) -> None:
    base = ["fetch", "gdelt", "--version", "2", "--from", "2025-05-11", "--to", "2025-05-11"]
    result = runner.invoke(app, [*base, "--db", str(tmp_path / "s.duckdb"), *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_help_has_a_runnable_example() -> None:
    result = runner.invoke(app, ["fetch", "gdelt", "--help"])
    assert "realpolitik fetch gdelt --version 2 --from 2024-03-01 --to 2024-03-01" in (
        result.stdout
    )
    assert "--missing" in runner.invoke(app, ["ledger", "--help"]).stdout
