"""End to end on the seed article (../shared/seed, never copied here): `realpolitik extract`
writes its events, ingests them into a store and writes its claims; the events and claims the
article reports must all be there, traceable to their sentences."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO
from tests.test_cli import invoke

SEED = REPO.parent / "shared" / "seed" / "russia-iran-us-article.txt"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict], dict, Path]:
    if not SEED.exists():
        pytest.skip("../shared/seed not found: the seed test needs ../shared")
    folder = tmp_path_factory.mktemp("seed")
    out, db, claims = folder / "events.jsonl", folder / "seed.duckdb", folder / "claims.yaml"
    result = invoke(
        "extract", SEED, "--published", "2018-06-04", "--out", out, "--ingest", "--db", db,
        "--claims", claims,
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert invoke("events", "--db", db, "--out", folder / "stored.jsonl").exit_code == 0
    stored = (folder / "stored.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(stored) == len(events) > 15
    return events, yaml.safe_load(claims.read_text(encoding="utf-8")), out


def find(events: list[dict], source: str, target: str, codes: tuple[str, ...], when: str):
    """The events of the dyad whose code starts with one of `codes`, dated in `when`."""
    return [
        e
        for e in events
        if (e["source"], e["target"]) == (source, target)
        and e["cameo"].startswith(codes)
        and e["date"].startswith(when)
    ]


def test_the_reported_events_are_coded_and_dated(extracted) -> None:
    events, _, _ = extracted
    required = {
        "Bushehr contract": ("RUS", "IRN", ("05", "06"), "1995-01-08"),
        "S-300 contract": ("RUS", "IRN", ("06",), "2007"),
        "S-300 delivery": ("RUS", "IRN", ("07",), "2016"),
        "veto": ("RUS", "IRN", ("129",), "2018-02-26"),
        "Putin in Tehran": ("RUS", "IRN", ("04",), "2017-11"),
        "Putin meets al-Assad": ("RUS", "SYR", ("04",), "2018-05-17"),
        "Assad's interview with RT": ("SYR", "RUS", ("01",), "2018-05-31"),
    }
    missing = [name for name, (s, t, c, d) in required.items() if not find(events, s, t, c, d)]
    assert missing == []
    votes = [
        e for e in events if e["source"] == "RUS" and e["target"] == "IRN" and "vote" in e["text"]
    ]
    assert votes and all("2006-07" <= e["date"][:7] <= "2010-06" for e in votes)
    lavrov = [e for e in events if e["source"] == "RUS" and e["cameo"].startswith("10")]
    assert any("Lavrov" in e["text"] and "withdraw" in e["text"] for e in lavrov)


def test_every_event_points_at_its_sentence(extracted) -> None:
    events, _, _ = extracted
    text = SEED.read_text(encoding="utf-8")
    for event in events:
        start, end = map(int, event["origin_ref"].rsplit(":", 1)[1].split("-"))
        assert text[start:end] == event["text"]
        # an actor from an earlier sentence (a pronoun's, a passive's) is marked inferred
        assert event["source_name"] in event["text"] or event["confidence"] <= 0.6
    dated = [e for e in events if e["date_precision"] != "unknown"]
    assert all(e["date"] <= "2018-06-04" for e in dated)


def test_the_claims_file_holds_the_article_claims(extracted) -> None:
    _, document, _ = extracted
    by_kind: dict[str, list[dict]] = {}
    for claim in document["claims"]:
        by_kind.setdefault(claim["kind"], []).append(claim)
    (dependence,) = by_kind["dependence"]
    assert (dependence["dependent"], dependence["driver"], dependence["expect"]) == (
        "RUS-IRN",
        "RUS-USA",
        "negative",
    )
    delays = {(d["signed"], tuple(d["milestones"].values())) for d in by_kind["delay"]}
    assert delays == {("1995-01-08", ("2011-09", "2013-09")), ("2007", ("2016",))}
    (vote,) = by_kind["vote"]
    assert (vote["actor"], vote["resolutions"], vote["count"]) == ("RUS", [1696, 1929], 6)
    assert all(c["text"] and c["origin_ref"] for c in document["claims"])
