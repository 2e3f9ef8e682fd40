"""The demo on what the repository ships: the verdicts the shipped real records allow, and the
notes that say what they cannot."""

from __future__ import annotations

from pathlib import Path

import pytest

from realpolitik.demo import FULL_DATA_COMMANDS, run_demo
from realpolitik.errors import UsageError
from tests.conftest import REPO


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("demo")
    return run_demo(folder / "demo.duckdb", folder / "out", REPO / "examples")


def verdicts(run, title_part: str) -> dict[str, str]:
    (document,) = [d for d in run.check.documents if title_part in d.title]
    return {claim.id: claim.verdict for claim in document.claims}


def test_the_seed_claims_get_the_verdicts_the_real_records_allow(demo) -> None:
    assert verdicts(demo, "seed article") == {
        "dependent-variable": "inconclusive",  # 27 years: too few for the test
        "bushehr": "inconclusive",  # the 1995 agreement is recorded, the commissioning is not
        "s300": "supported",  # SIPRI: delivered 2016 (ordered 2015, not 2007: a caveat)
        "s300-delivered": "supported",
        "unsc-iran": "inconclusive",  # 1803 and 1929: the tallies allow an abstention
        "veto-2018": "supported",
        "putin-in-tehran": "supported",  # by the synthetic events and the example article
    }
    (dependence,) = [c for c in demo.check.claims if c.id == "dependent-variable"]
    assert dependence.reason.startswith("Too few periods")


def test_the_example_articles_claims_are_checked_too(demo) -> None:
    article = verdicts(demo, "Moscow, Tehran and Washington")
    assert set(article) == {"dependence-1", "delay-1", "delay-2", "vote-1", "veto-1"}
    assert article["veto-1"] == "supported" and article["delay-2"] == "supported"
    assert demo.article_events == 11 and demo.article_claims.exists()


def test_the_notes_say_what_the_shipped_data_can_and_cannot_say(demo) -> None:
    notes = " ".join(demo.notes)
    assert "synthetic" in notes and "examples/records are real" in notes
    assert "A verdict needs the driver's effect in most versions of the test" in notes
    assert demo.commands == FULL_DATA_COMMANDS
    assert all(command in " ".join(demo.check.notes) for command in FULL_DATA_COMMANDS)


def test_the_report_is_written_and_the_store_is_new_each_time(demo, tmp_path: Path) -> None:
    assert demo.report.name == "report.html" and demo.report.stat().st_size > 100_000
    db = tmp_path / "taken.duckdb"
    db.write_bytes(b"")
    with pytest.raises(UsageError, match="exists: the demo builds a new store"):
        run_demo(db, tmp_path / "out", REPO / "examples")
