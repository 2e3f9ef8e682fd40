"""General Assembly facts: an actor's votes on resolutions named by their labels, from the
real roll calls (un_roll_calls.rda, un_votes.rda)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from realpolitik.cli import app
from realpolitik.errors import UsageError
from realpolitik.facts.assembly import assembly_label, assembly_votes
from realpolitik.sources.unvotes import UngaRollCallsReader, UngaVotesReader
from realpolitik.store import Store
from tests.conftest import raw_file


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = Path(tmp_path_factory.mktemp("assembly")) / "unga.duckdb"
    with Store(path) as store:
        store.load_record_file(UngaRollCallsReader(), raw_file("unvotes/un_roll_calls.rda"))
        store.load_record_file(UngaVotesReader(), raw_file("unvotes/un_votes.rda"))
    yield path


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("ES-11/1", "ES-11/1"),
        ("A/RES/ES-10/19", "ES-10/19"),
        ("a/res/72/191", "72/191"),
        ("R/44/41C", "44/41C"),
        ("1696", None),
        ("S/RES/1696", None),
        ("resolution ES", None),
    ],
)
def test_assembly_labels(text: str, label: str | None) -> None:
    assert assembly_label(text) == label


def test_votes_on_the_jerusalem_resolution(db: Path) -> None:
    # independently (pyreadr on the two files): roll call 5588, A/RES/ES-10/19 of 2017-12-21,
    # 127 yes, 9 no, 35 abstain in the data; Armenia yes, Israel no, Australia abstain
    with Store(db, read_only=True) as store:
        votes = {
            actor: assembly_votes(store, actor, ["ES-10/19"]).iloc[0]
            for actor in ("ARM", "ISR", "AUS")
        }
    assert {actor: row.vote for actor, row in votes.items()} == {
        "ARM": "yes",
        "ISR": "no",
        "AUS": "abstain",
    }
    row = votes["ISR"]
    assert (row.rcid, str(row.date), row.yes, row.no, row.abstain) == (
        5588,
        "2017-12-21",
        127,
        9,
        35,
    )
    assert row.symbol == "A/RES/ES-10/19"
    assert row.proof.startswith("recorded: ISR voted no on A/RES/ES-10/19")


def test_an_absent_member_and_a_label_not_in_the_data(db: Path) -> None:
    with Store(db, read_only=True) as store:
        # South Sudan joined the UN in 2011, after resolution 64/10 (2009)
        absent, later = assembly_votes(store, "SSD", ["A/RES/64/10", "ES-11/1"]).itertuples()
    assert absent.vote == "absent" and "lists no vote of SSD" in absent.proof
    assert later.vote == "not in the data"
    assert later.proof.endswith("roll calls in the store (1946-01-01 to 2020-01-14)")


def test_bad_labels_and_actors(db: Path) -> None:
    with Store(db, read_only=True) as store:
        with pytest.raises(UsageError, match="'1696' is not a General Assembly resolution"):
            assembly_votes(store, "RUS", ["1696"])
        with pytest.raises(UsageError, match="unknown actor code 'XXQ'"):
            assembly_votes(store, "XXQ", ["ES-10/19"])


def test_facts_votes_takes_assembly_labels(db: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        app,
        [
            "facts",
            "votes",
            "--actor",
            "USA",
            "--resolutions",
            "ES-10/19",
            "--db",
            str(db),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    (row,) = json.loads(result.output)
    assert (row["vote"], row["yes"]) == ("no", 127)
    mixed = runner.invoke(
        app, ["facts", "votes", "--actor", "USA", "--resolutions", "1696,ES-10/19", "--db", str(db)]
    )
    assert mixed.exit_code == 2 and "one body at a time" in mixed.output  # a usage error
