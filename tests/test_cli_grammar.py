"""The command line's one grammar: every verb's help reads well and its example runs, the
exit codes say what kind of failure it was, actors and periods are checked one way, and an
empty answer is said in a line."""

from __future__ import annotations

import io
import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from realpolitik import __version__, cli
from realpolitik.cli import app
from tests.conftest import EXAMPLES, REPO
from tests.fetch.conftest import mirror, only_localhost  # noqa: F401 (fixtures)

runner = CliRunner()
GDELT = EXAMPLES / "gdelt2-synthetic.export.CSV"
TYPE_PLACEHOLDER = re.compile(r"<(bool|str|int|float|path)>")


def invoke(*args: object, cwd: Path | None = None):
    if cwd is None:
        return runner.invoke(app, [str(a) for a in args])
    here = Path.cwd()
    os.chdir(cwd)
    try:
        return runner.invoke(app, [str(a) for a in args])
    finally:
        os.chdir(here)


def verbs() -> list[tuple[str, ...]]:
    """Every verb, as the words that name it (`("facts", "vetoes")`)."""
    command = typer.main.get_command(app)
    found = []
    for name, sub in command.commands.items():
        if hasattr(sub, "commands"):
            found += [(name, leaf) for leaf in sub.commands]
        else:
            found.append((name,))
    return found


def example(words: tuple[str, ...]) -> list[str]:
    """The example that ends a verb's help, as arguments (its continuation lines joined)."""
    command = typer.main.get_command(app)
    for word in words:
        command = command.commands[word]
    paragraphs = command.help.strip().split("\n\n")
    last = " ".join(paragraphs[-1].replace("\\\n", " ").split())
    assert last.startswith("Example: realpolitik "), f"{' '.join(words)}: no example at the end"
    return shlex.split(last.removeprefix("Example: realpolitik "))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the repository's examples and the demo's store `rp.duckdb`, built by
    the demo verb's own example."""
    folder = tmp_path_factory.mktemp("workspace")
    (folder / "examples").symlink_to(REPO / "examples")
    result = invoke(*example(("demo",)), cwd=folder)
    assert result.exit_code == 0, result.output
    return folder


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and result.output.strip() == f"realpolitik {__version__}"


@pytest.mark.parametrize("words", verbs(), ids=" ".join)
def test_help_reads_well_and_its_example_runs(
    words: tuple[str, ...], workspace: Path, request: pytest.FixtureRequest
) -> None:
    shown = invoke(*words, "--help")
    assert shown.exit_code == 0
    assert not TYPE_PLACEHOLDER.search(shown.output), shown.output  # a flag takes no value
    command = typer.main.get_command(app)
    for word in words:
        command = command.commands[word]
    first = command.help.strip().split("\n\n")[0]
    assert "\n" not in first, "the summary in the list of verbs is one line"
    arguments = example(words)
    if words == ("demo",):
        return  # it built the workspace
    if words == ("fetch", "gdelt"):  # against a local mirror of GDELT's layout, not GDELT
        mirror = request.getfixturevalue("mirror")
        mirror.add_v2("20240301000000", 5)
        mirror.write_v2_list()
        arguments += ["--base-url", mirror.url]
    result = invoke(*arguments, cwd=workspace)
    assert result.exit_code == 0, result.output
    assert "error" not in result.output.lower()


def test_the_top_level_help_lists_every_verb_on_lines_of_its_own() -> None:
    shown = invoke("--help").output
    for name in ("ingest", "events", "series", "depends", "check", "extract", "fetch"):
        assert re.search(rf"│ {name}\s", shown)
    assert not TYPE_PLACEHOLDER.search(shown)


# --- exit codes ------------------------------------------------------------------------------


def test_a_store_held_by_another_process_exits_3_naming_it_and_wait_waits(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    assert invoke("ingest", GDELT, "--db", db).exit_code == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD_STORE, str(db), "2.0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        held = invoke("ledger", "--db", db)
        assert held.exit_code == 3
        assert f"PID {holder.pid}" in held.output and "--wait SECONDS" in held.output
        start = time.monotonic()
        waited = invoke("--wait", "30", "ledger", "--db", db)
        assert waited.exit_code == 0, waited.output
        assert time.monotonic() - start < 30  # it went on once the holder let go
    finally:
        holder.kill()
        holder.wait(timeout=30)


HOLD_STORE = """
import sys, time, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
con.close()
"""


def test_a_file_that_is_not_a_store_exits_3(tmp_path: Path) -> None:
    db = tmp_path / "notes.duckdb"
    db.write_text("my notes, not a database\n" * 400)
    result = invoke("events", "--db", db)
    assert result.exit_code == 3
    assert result.output.strip() == f"error: {db}: not a store (not a DuckDB database file)"
    assert invoke("--wait", "-1", "ledger", "--db", db).exit_code == 2


def big_gdelt_file(path: Path, copies: int) -> Path:
    """The example GDELT 2.0 file's good lines, repeated with fresh ids."""
    lines = [ln for ln in GDELT.read_text(encoding="utf-8").splitlines() if ln.count("\t") == 60]
    with path.open("w", encoding="utf-8") as fh:
        for copy in range(copies):
            for number, line in enumerate(lines):
                fields = line.split("\t")
                fields[0] = str(10_000_000 + copy * len(lines) + number)
                fh.write("\t".join(fields) + "\n")
    return path


def test_ctrl_c_during_ingest_exits_130_and_keeps_nothing_of_the_file(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    big = big_gdelt_file(tmp_path / "big.export.CSV", 700)  # about a million rows
    child = subprocess.Popen(
        [sys.executable, "-m", "realpolitik", "ingest", str(big), "--db", str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    for _ in range(600):  # until the ingestion has begun: its scratch folder is there
        if any(tmp_path.glob(".realpolitik-ingest-*")):
            break
        time.sleep(0.05)
    child.send_signal(signal.SIGINT)
    out, err = child.communicate(timeout=120)
    assert child.returncode == 130, (out, err)
    assert err.strip() == f"error: interrupted: nothing from {big} was stored"
    assert "Traceback" not in out + err
    assert json.loads(invoke("ledger", "--db", db, "--json").output) == []
    assert (
        "0 events" in invoke("events", "--db", db).output
        or "no events" in invoke("events", "--db", db).output
    )


# --- one validation of actors and periods ---------------------------------------------------


@pytest.fixture
def gdelt_store(tmp_path: Path) -> Path:
    """A store of the example GDELT file plus two events of a code no table knows (XSS)."""
    lines = GDELT.read_text(encoding="utf-8").splitlines()
    fields = lines[0].split("\t")
    rows = []
    for number, target in enumerate(("USA", "RUS")):
        row = list(fields)
        row[0], row[7], row[17] = str(900_000_000 + number), "XSS", target
        row[5] = row[6] = "XSS"
        rows.append("\t".join(row))
    extra = tmp_path / "xss.export.CSV"
    extra.write_text("\n".join(rows) + "\n", encoding="utf-8")
    db = tmp_path / "g.duckdb"
    assert invoke("ingest", GDELT, extra, "--db", db).exit_code == 0
    return db


def test_events_and_series_take_the_dyad_both_ways_and_check_it_alike(gdelt_store: Path) -> None:
    db = gdelt_store
    by_arguments = invoke("events", "RUS", "IRN", "--db", db, "--json", "--limit", "1000")
    by_options = invoke(
        "events", "--source", "rus", "--target", "IRN", "--db", db, "--json", "--limit", "1000"
    )
    assert by_arguments.exit_code == 0 and by_arguments.output == by_options.output
    rows = json.loads(by_arguments.output)
    assert rows and {(r["source"], r["target"]) for r in rows} == {("RUS", "IRN")}
    series_a = invoke("series", "RUS", "IRN", "--db", db, "--json").output
    series_b = invoke("series", "--source", "RUS", "--target", "IRN", "--db", db, "--json").output
    assert series_a == series_b and json.loads(series_a)
    for verb in ("events", "series"):
        unknown = invoke(verb, "RUS", "QQQ", "--db", db)
        assert unknown.exit_code == 2
        assert "'QQQ' is not a known country or IGO code" in unknown.output
        assert invoke(verb, "RUS", "IRAN", "--db", db).exit_code == 2
        backwards = invoke(verb, "RUS", "IRN", "--from", "2017", "--to", "2016", "--db", db)
        assert backwards.exit_code == 2 and "ends (--to 2016) before it starts" in backwards.output
        twice = invoke(verb, "RUS", "IRN", "--source", "USA", "--db", db)
        assert twice.exit_code == 2 and "given twice" in twice.output


def test_a_code_no_table_knows_is_measurable_when_the_store_holds_it(gdelt_store: Path) -> None:
    db = gdelt_store
    shown = invoke("events", "XSS", "USA", "--db", db, "--json")
    assert shown.exit_code == 0 and len(json.loads(shown.stdout)) == 1
    assert "note: XSS is not in the country table; measured as the store holds it" in shown.stderr
    series = invoke("series", "XSS", "USA", "--freq", "year", "--db", db, "--json")
    assert series.exit_code == 0, series.output
    assert sum(r["count"] for r in json.loads(series.stdout)) == 1


def test_series_refuses_a_dyad_and_actors_together_and_reads_choices_in_any_case(
    gdelt_store: Path, tmp_path: Path
) -> None:
    db = gdelt_store
    both = invoke("series", "RUS", "USA", "--actors", "RUS,IRN", "--db", db)
    assert both.exit_code == 2 and "not both" in both.output
    lower = invoke("series", "RUS", "USA", "--freq", "month", "--db", db, "--json").output
    assert invoke("series", "RUS", "USA", "--freq", "Month", "--db", db, "--json").output == lower
    out = tmp_path / "rus-usa.jsonl"
    written = invoke("series", "RUS", "USA", "--db", db, "--out", out)
    assert written.exit_code == 0
    assert [json.loads(ln) for ln in out.read_text().splitlines()] == json.loads(lower)


def test_events_limit_and_json(gdelt_store: Path) -> None:
    db = gdelt_store
    assert len(json.loads(invoke("events", "--db", db, "--json", "--limit", "3").output)) == 3
    negative = invoke("events", "--db", db, "--limit", "-1")
    assert negative.exit_code == 2
    assert invoke("quarantine", "--db", db, "--limit", "-1").exit_code == 2
    one = invoke("quarantine", "--db", db, "--limit", "1").output.splitlines()
    assert len(one) == 2 and one[1] == "… and 2 more lines (--limit N prints more)"


# --- files written ---------------------------------------------------------------------------


def test_an_output_in_a_missing_folder_is_refused_before_any_work(
    gdelt_store: Path, tmp_path: Path
) -> None:
    db = gdelt_store
    for verb in (["events"], ["series", "RUS", "USA"]):
        result = invoke(*verb, "--db", db, "--out", tmp_path / "nowhere" / "x.csv")
        assert result.exit_code == 2
        assert (
            result.output.strip().startswith("error: --out") and "no such folder" in result.output
        )
    chart = invoke("series", "RUS", "USA", "--db", db, "--plot", tmp_path / "x.pdf")
    assert chart.exit_code == 2 and "cannot write '.pdf' files; use .png or .html" in chart.output
    started = time.monotonic()
    grid = invoke("depends", "--dependent", "RUS-IRN", "--driver", "RUS-USA", "--db", db,
                  "--plot", tmp_path / "grid.pdf")  # fmt: skip
    assert grid.exit_code == 2 and "'.pdf' files" in grid.output
    assert time.monotonic() - started < 5  # refused before the grid ran


def test_csv_exports_neutralise_formulas_unless_raw(tmp_path: Path) -> None:
    rows = [
        {"event_id": "x:1", "date": "2020-01-02", "source": "RUS", "target": "USA",
         "cameo": "040", "source_name": "=HYPERLINK(\"http://x\")", "target_name": "-minus",
         "goldstein": -2.5, "text": "@mention and more"},
    ]  # fmt: skip
    events = tmp_path / "formula.jsonl"
    events.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    db = tmp_path / "f.duckdb"
    assert invoke("ingest", events, "--db", db).exit_code == 0, invoke("quarantine", "--db", db)
    safe, raw = tmp_path / "safe.csv", tmp_path / "raw.csv"
    assert invoke("events", "--db", db, "--out", safe).exit_code == 0
    assert invoke("events", "--db", db, "--out", raw, "--raw").exit_code == 0
    kept = pd.read_csv(safe, dtype=str, keep_default_na=False).iloc[0]
    assert kept["source_name"] == '\'=HYPERLINK("http://x")'
    assert kept["target_name"] == "'-minus" and kept["text"] == "'@mention and more"
    assert kept["goldstein"] == "-2.5"  # a number, untouched
    as_is = pd.read_csv(raw, dtype=str, keep_default_na=False).iloc[0]
    assert as_is["source_name"] == '=HYPERLINK("http://x")' and as_is["target_name"] == "-minus"


# --- empty answers, said in a line -----------------------------------------------------------


def test_empty_answers_are_said(tmp_path: Path) -> None:
    db = tmp_path / "e.duckdb"
    clean = tmp_path / "clean.export.CSV"
    clean.write_text(GDELT.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    assert invoke("ingest", clean, "--db", db).exit_code == 0
    empty = invoke("quarantine", "--db", db)
    assert empty.exit_code == 0 and empty.output.strip() == f"no quarantined lines in {db}"
    nosuch = invoke("quarantine", "--db", db, "--file", "nosuch.csv")
    assert (
        nosuch.exit_code == 2 and "--file nosuch.csv: no such file in the ledger" in nosuch.output
    )
    no_records = invoke("facts", "vetoes", "--actor", "RUS", "--db", db)
    assert no_records.exit_code == 2
    assert "run `realpolitik records load" in no_records.output
    folder = tmp_path / "empty-folder"
    folder.mkdir()
    nothing = invoke("records", "load", "--from", folder, "--db", db)
    assert nothing.exit_code == 1 and f"{folder}: no record files here" in nothing.output


def test_vetoes_of_a_state_that_was_never_a_permanent_member(workspace: Path) -> None:
    result = invoke("facts", "vetoes", "--actor", "DEU", "--db", "rp.duckdb", cwd=workspace)
    assert result.exit_code == 0
    assert result.output.strip().startswith("DEU was never a permanent member")


# --- paths -----------------------------------------------------------------------------------


def test_one_file_named_two_ways_is_one_file_in_the_ledger(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    relative = os.path.relpath(GDELT)
    assert invoke("ingest", relative, "--db", db).exit_code == 0
    again = invoke("ingest", GDELT, "--db", db, "--json")
    assert json.loads(again.output)[0]["rows_stored"] == 0
    files = {r["file"] for r in json.loads(invoke("ledger", "--db", db, "--json").output)}
    assert files == {str(GDELT.resolve())}
    shown = invoke("ledger", "--db", db).output
    assert relative in shown or str(GDELT) in shown


def test_a_symlink_loop_is_said_as_such(tmp_path: Path) -> None:
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    first.symlink_to(second)
    second.symlink_to(first)
    result = invoke("ingest", first, "--db", tmp_path / "s.duckdb")
    assert result.exit_code == 1
    assert f"error: {first}: symbolic links loop" in result.output


def test_the_demo_outside_the_repository_says_where_to_run_it(tmp_path: Path) -> None:
    result = invoke("demo", "--db", "d.duckdb", cwd=tmp_path)
    assert result.exit_code == 2
    assert f"examples/events: no such folder in {tmp_path}" in result.output
    assert "run it from the repository's root folder, or give --examples PATH" in result.output


# --- progress on long work -------------------------------------------------------------------


@pytest.mark.parametrize("terminal", [True, False], ids=["terminal", "piped"])
def test_long_work_shows_progress_on_a_terminal_and_nothing_when_piped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, terminal: bool
) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(cli, "err", Console(file=screen, force_terminal=terminal, width=120))
    records = invoke("records", "load", "--from", REPO / "examples" / "records",
                     "--db", tmp_path / "r.duckdb")  # fmt: skip
    assert records.exit_code == 0, records.output
    article = REPO / "examples" / "articles" / "moscow-tehran-washington.txt"
    coded = invoke("extract", article, "--published", "2018-06-04", "--out", tmp_path / "e.jsonl")
    assert coded.exit_code == 0, coded.output
    drawn = screen.getvalue()
    assert ("files" in drawn and "characters" in drawn) == terminal
    assert drawn == "" or terminal
