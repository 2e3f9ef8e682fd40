"""The CLI: thin verbs over the library, one-line errors, exit codes 0 / 1 (bad input) / 2
(misuse)."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from realpolitik.cli import app
from realpolitik.schema import EVENT_COLUMNS
from tests.conftest import EXAMPLES, raw_file

runner = CliRunner()
GDELT = EXAMPLES / "gdelt2-synthetic.export.CSV"


def invoke(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def test_ingest_summary_and_ledger_json(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    result = invoke("ingest", GDELT, "--db", db)
    assert result.exit_code == 0, result.output
    assert "read 1,492, stored 1,489, duplicate 0, quarantined 3" in result.output
    again = invoke("ingest", GDELT, "--db", db, "--json")
    (row,) = json.loads(again.output)
    assert (row["rows_stored"], row["rows_duplicate"], row["rows_quarantined"]) == (0, 1489, 3)
    ledger = json.loads(invoke("ledger", "--db", db, "--json").output)
    assert [r["rows_read"] for r in ledger] == [1492, 1492]
    assert all(
        r["rows_read"] == r["rows_stored"] + r["rows_duplicate"] + r["rows_quarantined"]
        for r in ledger
    )


def test_quarantine_lists_file_line_and_reason(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    invoke("ingest", GDELT, "--db", db)
    lines = invoke("quarantine", "--db", db).output.strip().splitlines()
    shown = os.path.relpath(GDELT)  # the shorter way from the current folder
    assert lines == [
        f"{shown}:250: expected 61 tab-separated fields, found 60",
        f"{shown}:750: SQLDATE '20170231' is not a valid date",
        f"{shown}:1250: GoldsteinScale 'abc' is not a number",
    ]


def test_bad_file_exits_1_with_one_line_and_keeps_good_files(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    empty = tmp_path / "empty.CSV"
    empty.write_bytes(b"")
    result = invoke("ingest", empty, GDELT, "--db", db)
    assert result.exit_code == 1
    errors = [ln for ln in result.output.splitlines() if ln.startswith("error:")]
    assert errors == [f"error: {empty}: empty file: nothing to read"]
    ledger = json.loads(invoke("ledger", "--db", db, "--json").output)
    assert [r["file"] for r in ledger] == [str(GDELT)]


def test_misuse_exits_2(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    assert invoke("ingest", GDELT, "--db", db, "--format", "gdelt9").exit_code == 2
    assert invoke("ingest", GDELT, "--db", db, "--quad-convention", "x").exit_code == 2
    assert invoke("ingest").exit_code == 2
    assert invoke("ledger", "--db", tmp_path / "none.duckdb").exit_code == 2
    invoke("ingest", GDELT, "--db", db)
    bad_date = invoke("events", "--db", db, "--from", "2017-02-30")
    assert (
        bad_date.exit_code == 2
        and "--from '2017-02-30' is not a year, a month or a day" in bad_date.output
    )


def test_events_filters_and_export(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    invoke("ingest", raw_file("gdelt_v1/undp-bcpr__apr2012.csv"), "--db", db)
    out = tmp_path / "rus-usa.csv"
    result = invoke(
        "events",
        "--db",
        db,
        "--source",
        "RUS",
        "--target",
        "USA",
        "--from",
        "2012-04-01",
        "--to",
        "2012-04-30",
        "--out",
        out,
    )
    assert result.exit_code == 0 and "wrote 14 events" in result.output
    frame = pd.read_csv(out, dtype=str)
    assert len(frame) == 14 and set(frame.source) == {"RUS"} and set(frame.target) == {"USA"}
    shown = invoke("events", "--db", db, "--source", "USA", "--target", "IRN")
    assert "2 events" in shown.output


def test_demo_tells_the_seeds_story_on_what_the_repository_ships(tmp_path: Path) -> None:
    db, out = tmp_path / "demo.duckdb", tmp_path / "out"
    result = invoke("demo", "--db", db, "--out", out, "--examples", EXAMPLES.parent)
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())
    # the store: the example events, the example article's events, the derived records
    assert "polecat-synthetic-from-spec.tsv [polecat]" in text
    assert "article-events.jsonl [canonical-jsonl]: read 11, stored 11" in text
    assert "records: 7 derived tables" in text
    # both claims files checked: the article's and the seed's, with verdicts
    assert "Moscow, Tehran and Washington" in text and "The seed article's claims" in text
    assert "12 claims:" in text
    # honest about the data, and how to run the same on full data
    assert "The example event files are synthetic" in text
    assert "realpolitik check examples/claims/seed-claims.yaml --db rp.duckdb" in text
    report = out / "report.html"
    assert f"the report: {report}" in text
    assert report.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")
    assert "kind: dependence" in (out / "article-claims.yaml").read_text(encoding="utf-8")
    again = invoke("demo", "--db", db, "--out", out, "--examples", EXAMPLES.parent)
    assert again.exit_code == 2 and "exists: the demo builds a new store" in again.output


def test_series_on_the_icews_sample(tmp_path: Path) -> None:
    db = tmp_path / "i.duckdb"
    invoke("ingest", raw_file("icews/andybega-icews__events.2018.sample.tab"), "--db", db)
    chart = tmp_path / "x.png"
    result = invoke("series", "RUS", "USA", "--freq", "month", "--plot", chart, "--db", db)
    assert result.exit_code == 0, result.output
    assert chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and chart.stat().st_size > 20_000
    out = tmp_path / "s.csv"
    invoke(
        "series",
        "--actors",
        "RUS,USA,IRN",
        "--freq",
        "day",
        "--measure",
        "count,quad_net",
        "--out",
        out,
        "--db",
        db,
    )
    frame = pd.read_csv(out)
    assert len(frame) == 6 * 2  # six directed dyads, two days
    rus_usa = frame[(frame.source == "RUS") & (frame.target == "USA")]
    assert rus_usa["count"].sum() == 14  # SOURCES.md: Russian Federation→United States 14
    shown = json.loads(
        invoke("series", "RUS", "USA", "--freq", "year", "--json", "--db", db).output
    )
    assert shown[0]["period"] == "2018-01-01" and shown[0]["count"] == 14


def test_series_misuse(tmp_path: Path) -> None:
    db = tmp_path / "i.duckdb"
    invoke("ingest", GDELT, "--db", db)
    assert invoke("series", "--db", db).exit_code == 2
    assert invoke("series", "RUS", "XXX", "--db", db).exit_code == 2
    assert invoke("series", "RUS", "rus", "--db", db).exit_code == 2
    bad = invoke("series", "RUS", "USA", "--measure", "unga_agreement", "--db", db)
    assert bad.exit_code == 2 and "use --freq year" in bad.output
    assert invoke("series", "RUS", "USA", "--plot", tmp_path / "x.svg", "--db", db).exit_code == 2


def test_extract_codes_articles_and_ingests_them(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text(
        "Moscow and Tehran signed a contract for a power plant on January 8, 1995. "
        "Putin visited Tehran in November 2017.",
        encoding="utf-8",
    )
    out = tmp_path / "events.jsonl"
    db = tmp_path / "t.duckdb"
    result = invoke(
        "extract", article, "--published", "2018-06-04", "--out", out, "--ingest", "--db", db
    )
    assert result.exit_code == 0, result.output
    assert "wrote 3 events" in result.output and "stored 3" in result.output
    stored = json.loads(invoke("ledger", "--db", db, "--json").output)
    assert [(r["format"], r["rows_stored"]) for r in stored] == [("canonical-jsonl", 3)]
    shown = json.loads(invoke("extract", article, "--published", "2018-06-04", "--json").output)
    assert [(e["source"], e["target"], e["cameo"], e["date"]) for e in shown] == [
        ("RUS", "IRN", "061", "1995-01-08"),
        ("IRN", "RUS", "061", "1995-01-08"),
        ("RUS", "IRN", "042", "2017-11-01"),
    ]
    claims = tmp_path / "claims.yaml"
    article.write_text(
        "Russian-Iranian ties are a function of Russian-American relations.", encoding="utf-8"
    )
    made = invoke("extract", article, "--published", "2018-06-04", "--claims", claims)
    assert made.exit_code == 0 and "wrote 1 claims" in made.output
    assert "dependent: RUS-IRN" in claims.read_text(encoding="utf-8")


def test_extract_with_petrarch_dictionaries(tmp_path: Path) -> None:
    folder = raw_file("dictionaries/petrarch2")
    article = tmp_path / "article.txt"
    article.write_text("Ansar Dine fighters attacked Malian soldiers on Tuesday.", encoding="utf-8")
    plain = json.loads(invoke("extract", article, "--published", "2015-06-04", "--json").output)
    assert plain == []  # the package's own dictionary does not know Ansar Dine
    result = invoke(
        "extract", article, "--published", "2015-06-04", "--dictionaries", folder, "--json"
    )
    assert result.exit_code == 0, result.output
    (event,) = json.loads(result.output)
    assert (event["source"], event["target"], event["cameo"], event["date"]) == (
        "MLI",
        "MLI",
        "190",
        "2015-06-02",
    )
    missing = invoke("extract", article, "--published", "2015-06-04", "--dictionaries", tmp_path)
    assert missing.exit_code == 2 and "no PETR_config.ini" in missing.output


def test_extract_writes_canonical_rows_in_the_format_asked(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Putin visited Tehran in November 2017.", encoding="utf-8")
    printed = invoke("extract", article, "--published", "2018-06-04", "--out-format", "csv")
    assert printed.exit_code == 0, printed.output
    rows = pd.read_csv(io.StringIO(printed.output), dtype=str)
    assert list(rows.columns) == list(EVENT_COLUMNS)
    assert rows[["source", "target", "cameo", "date"]].values.tolist() == [
        ["RUS", "IRN", "042", "2017-11-01"]
    ]
    out = tmp_path / "events.txt"  # no telling suffix: the format says it
    written = invoke(
        "extract", article, "--published", "2018-06-04", "--out", out, "--out-format", "jsonl"
    )
    assert written.exit_code == 0, written.output
    assert json.loads(out.read_text(encoding="utf-8"))["cameo"] == "042"
    wrong = invoke("extract", article, "--published", "2018-06-04", "--out-format", "xml")
    assert wrong.exit_code == 2 and "use one of jsonl, csv" in wrong.output


def test_extract_misuse_and_bad_files(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Putin visited Tehran.", encoding="utf-8")
    assert invoke("extract", article, "--published", "2018-06-04", "--ingest").exit_code == 2
    assert invoke("extract", article, "--published", "June 4").exit_code == 2
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    bad = invoke("extract", empty, "--published", "2018-06-04")
    assert bad.exit_code == 1 and "empty article" in bad.output


def simulated_triangle_store(tmp_path: Path, effect: float) -> Path:
    from tests.analysis.triangles import triangle_events, write_events

    db = tmp_path / "triangle.duckdb"
    rows = triangle_events(520, effect, seed=5)
    assert invoke("ingest", write_events(rows, tmp_path / "t.jsonl"), "--db", db).exit_code == 0
    return db


def test_depends_gives_a_verdict_its_reason_and_the_grid(tmp_path: Path) -> None:
    db = simulated_triangle_store(tmp_path, effect=-0.5)
    fast = ("--bootstrap", "150", "--power-replications", "60")
    result = invoke(
        "depends", "--dependent", "RUS-IRN", "--driver", "RUS-USA", "--db", db, "--json", *fast
    )
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found["verdict"] == "supported"
    assert found["reason"].startswith("RUS–USA helped predict RUS→IRN in 16 of 16")
    assert found["question"]["third_side"] == "IRN-USA"
    assert len(found["cells"]) == 16 and "SUPPORTED when" in found["rule"]
    table = invoke(
        "depends",
        "--dependent",
        "RUS-IRN",
        "--driver",
        "RUS-USA",
        "--db",
        db,
        "--freq",
        "month",
        "--measure",
        "quad_net",
        "--dedup",
        "none",
        "--normalize",
        "none",
        *fast,
    )
    assert table.exit_code == 0, table.output
    assert "verdict: " in table.output and "month · quad_net · raw · all events" in table.output
    assert "SUPPORTED when" in table.output


def test_depends_misuse_and_too_few_periods(tmp_path: Path) -> None:
    db = simulated_triangle_store(tmp_path, effect=0.0)
    base = ("depends", "--db", db, "--driver", "RUS-USA")
    for args, message in (
        (("--dependent", "RUSSIA-IRAN"), "write a dyad as two actor codes"),
        (("--dependent", "CHN-IRN"), "share no actor"),
        (("--dependent", "RUS-XQZ"), "'XQZ' is not a known country or IGO code"),
        (("--dependent", "RUS-IRN", "--freq", "fortnight"), "--freq 'fortnight'"),
        (("--dependent", "RUS-IRN", "--expect", "warmer"), "--expect 'warmer'"),
        (("--dependent", "RUS-IRN", "--from", "2019-02-30"), "--from '2019-02-30'"),
        (("--dependent", "RUS-IRN", "--measure", "arms_tiv"), "need --freq year"),
    ):
        result = invoke(*base, *args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output and "Traceback" not in result.output
    yearly = invoke(
        *base,
        "--dependent",
        "RUS-IRN",
        "--freq",
        "year",
        "--measure",
        "goldstein",
        "--normalize",
        "none",
        "--dedup",
        "none",
        "--json",
    )
    assert yearly.exit_code == 0, yearly.output
    found = json.loads(yearly.output)
    assert found["verdict"] == "inconclusive"
    assert found["reason"].startswith("Too few periods: 10 yearly periods leave")


def test_series_keeps_the_events_of_one_origin(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    invoke("ingest", GDELT, raw_file("icews/andybega-icews__events.2018.sample.tab"), "--db", db)
    both = json.loads(invoke("series", "RUS", "USA", "--db", db, "--freq", "year", "--json").output)
    icews = json.loads(
        invoke(
            "series", "RUS", "USA", "--db", db, "--freq", "year", "--origin", "icews", "--json"
        ).output
    )
    by_year = {row["period"]: row["count"] for row in icews}
    assert by_year["2018-01-01"] == 14  # the sample's RUS→USA events (all of 2018 there)
    assert sum(r["count"] for r in both) > sum(r["count"] for r in icews)


def test_check_prints_the_verdicts_and_exits_1_for_a_claim_it_cannot_check(
    tmp_path: Path,
) -> None:
    db = tmp_path / "s.duckdb"
    invoke("ingest", raw_file("icews/andybega-icews__events.2018.sample.tab"), "--db", db)
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        "document: {title: Two claims, published: 2018-06-04}\n"
        "claims:\n"
        "  - id: talks\n"
        "    kind: event\n"
        "    source: RUS\n"
        "    target: USA\n"
        "    cameo: '01'\n"
        "    date: 2018-06-01\n"
        "  - id: bad\n"
        "    kind: event\n"
        "    source: RUS\n"
        "    target: USA\n"
        "    cameo: '99'\n"
        "    date: 2018-06-01\n"
    )
    result = invoke("check", claims, "--db", db)
    assert result.exit_code == 1, result.output
    assert "talks (event)" in result.output and "2 claims:" in result.output
    assert f"error: {claims}:9: claim bad: cameo '99' is not a CAMEO code" in result.output
    found = json.loads(invoke("check", claims, "--db", db, "--json").stdout)
    assert [c["id"] for c in found["documents"][0]["claims"]] == ["talks", "bad"]
    assert found["summary"]["errors"] == 1
    missing = invoke("check", tmp_path / "none.yaml", "--db", db)
    assert missing.exit_code == 1 and "none.yaml: cannot read the claims file" in missing.output


def test_ingest_keeps_only_the_actors_asked_for(tmp_path: Path) -> None:
    whole, some = tmp_path / "whole.duckdb", tmp_path / "some.duckdb"
    assert invoke("ingest", GDELT, "--db", whole).exit_code == 0
    assert invoke("events", "--db", whole, "--out", tmp_path / "all.csv").exit_code == 0
    events = pd.read_csv(tmp_path / "all.csv", keep_default_na=False)
    wanted = events.source.isin(["RUS", "USA"]) | events.target.isin(["RUS", "USA"])
    result = invoke("ingest", GDELT, "--db", some, "--actors", "rus,USA", "--json")
    (row,) = json.loads(result.output)
    assert 0 < row["rows_stored"] == wanted.sum() < len(events)
    assert row["rows_filtered"] == len(events) - wanted.sum()
    assert invoke("ingest", GDELT, "--db", some, "--actors", "XQZ").exit_code == 2
