"""Claims found in sentences written for these tests, and the claims file they make."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from realpolitik.text.claims import article_claims, find_claims, sentences, write_claims
from tests.conftest import REPO

PUBLISHED = date(2018, 6, 4)
TEXT = (
    "For years the Russian-Iranian relationship has remained a dependent variable of "
    "Russian-American dealings. Russia voted for all six resolutions against Iran, from "
    "resolution 1696 in July 2006 to 1929 (2010) in June 2010. Russia backed resolutions "
    "1737 and 1747 in 2007. On February 26 Russia vetoed a draft resolution on Yemen. "
    "The weather was fine."
)


def test_each_kind_of_claim() -> None:
    claims = [c.as_dict() for c in find_claims(TEXT, PUBLISHED, "doc")]
    assert [c["id"] for c in claims] == ["dependence-1", "vote-1", "vote-2", "veto-1"]
    dependence, votes, more_votes, veto = claims
    assert (dependence["dependent"], dependence["driver"], dependence["expect"]) == (
        "RUS-IRN",
        "RUS-USA",
        "negative",
    )
    # the years and the bracketed resolution year are dates, not resolution numbers
    assert (votes["actor"], votes["resolutions"], votes["expect"]) == ("RUS", [1696, 1929], "yes")
    assert votes["count"] == 6  # "all six": only the ends are named
    assert more_votes["resolutions"] == [1737, 1747] and "count" not in more_votes
    assert (veto["actor"], veto["date"]) == ("RUS", "2018-02-26")


def test_claims_point_at_their_sentences() -> None:
    for claim in find_claims(TEXT, PUBLISHED, "doc"):
        start, end = map(int, claim.origin_ref.rsplit(":", 1)[1].split("-"))
        assert TEXT[start:end] == claim.text
    assert [s for _, _, s in sentences("One. Two!  Three?")] == ["One.", "Two!", "Three?"]


@pytest.mark.parametrize(
    ("sentence", "expect", "numbers"),
    [
        ("Beijing chose to vote in favour of UNSCR 2231 in July 2015.", "yes", [2231]),
        ("France voted against resolution 2334 in December 2016.", "no", [2334]),
        ("China abstained on resolutions 1973 and 2118.", "abstain", [1973, 2118]),
    ],
)
def test_vote_phrasings(sentence: str, expect: str, numbers: list[int]) -> None:
    [claim] = find_claims(sentence, PUBLISHED, "d")
    assert (claim.as_dict()["expect"], claim.as_dict()["resolutions"]) == (expect, numbers)


def test_delay_followed_over_sentences() -> None:
    text = (
        "Relations between Moscow and Tehran are a bargaining chip of Moscow and Washington. "
        "On March 3, 1998, Russia and Iran signed a contract to build the Karun Hydro Station, "
        "scheduled to be completed in 2002. Work stalled for years. The plant was "
        "commissioned only in May 2009, and Iran took operational control in June 2010. "
        "Tehran signed a deal with Moscow in 2005 for T-72 tanks. They were delivered in 2012."
    )
    claims = [c.as_dict() for c in find_claims(text, PUBLISHED, "d") if c.kind == "delay"]
    assert [c["id"] for c in claims] == ["delay-1", "delay-2"]
    first, second = claims
    assert (first["parties"], first["subject"], first["signed"], first["promised"]) == (
        ["RUS", "IRN"],
        "Karun Hydro Station",
        "1998-03-03",
        "2002",
    )
    assert first["milestones"] == {"commissioning": "2009-05", "operational_control": "2010-06"}
    assert first["driver"] == "RUS-USA"  # the article's dependence claim names the driver
    assert (second["parties"], second["subject"], second["signed"]) == (
        ["IRN", "RUS"],
        "T-72",
        "2005",
    )
    assert second["milestones"] == {"delivery": "2012"} and "promised" not in second


def test_a_signing_without_later_dates_is_no_delay() -> None:
    text = "Russia and Iran signed an agreement on May 5, 2017. Both sides praised it."
    assert [c for c in find_claims(text, PUBLISHED, "d") if c.kind == "delay"] == []


def test_in_step_is_positive_and_no_dyads_no_claim() -> None:
    [claim] = find_claims(
        "Moscow-Tehran relations moved in step with Moscow-Washington relations.", PUBLISHED, "d"
    )
    assert claim.as_dict()["expect"] == "positive"
    assert find_claims("Relations are a dependent variable of politics.", PUBLISHED, "d") == []


def test_claims_file(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("A title line\n" + TEXT, encoding="utf-8")
    path = tmp_path / "claims.yaml"
    write_claims(article_claims([article], PUBLISHED), path, "A title line", PUBLISHED)
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert document["document"] == {"title": "A title line", "published": "2018-06-04"}
    kinds = [(c["id"], c["kind"]) for c in document["claims"]]
    assert kinds == [
        ("dependence-1", "dependence"),
        ("vote-1", "vote"),
        ("vote-2", "vote"),
        ("veto-1", "veto"),
    ]
    assert all(c["text"] and c["origin_ref"] for c in document["claims"])


def test_on_the_seed_article() -> None:
    """The seed's dependence, votes, veto and two delay claims (its text stays in ../shared)."""
    seed = REPO.parent / "shared" / "seed" / "russia-iran-us-article.txt"
    if not seed.exists():
        pytest.skip("../shared/seed not found: the seed test needs ../shared")
    claims = {c.kind: c.as_dict() for c in article_claims([seed], PUBLISHED)}
    assert (claims["dependence"]["dependent"], claims["dependence"]["driver"]) == (
        "RUS-IRN",
        "RUS-USA",
    )
    assert claims["dependence"]["expect"] == "negative"
    assert (claims["veto"]["actor"], claims["veto"]["date"]) == ("RUS", "2018-02-26")
    bushehr = next(c.as_dict() for c in article_claims([seed], PUBLISHED) if c.kind == "delay")
    assert (bushehr["parties"], bushehr["signed"], bushehr["promised"]) == (
        ["RUS", "IRN"],
        "1995-01-08",
        "2001",
    )
    assert bushehr["milestones"] == {
        "commissioning": "2011-09",
        "operational_control": "2013-09",
    }
    s300 = [c.as_dict() for c in article_claims([seed], PUBLISHED) if c.kind == "delay"][1]
    assert (s300["subject"], s300["signed"], s300["milestones"]) == (
        "S-300",
        "2007",
        {"delivery": "2016"},
    )
    vote = claims["vote"]
    assert (vote["actor"], vote["resolutions"], vote["count"], vote["expect"]) == (
        "RUS",
        [1696, 1929],
        6,
        "yes",
    )


def test_the_example_article_the_repository_ships() -> None:
    """examples/articles: written for the demo; its five claims, each from its sentence."""
    article = REPO / "examples" / "articles" / "moscow-tehran-washington.txt"
    claims = [c.as_dict() for c in article_claims([article], PUBLISHED)]
    assert [c["kind"] for c in claims] == ["dependence", "delay", "delay", "vote", "veto"]
    dependence, bushehr, s300, vote, veto = claims
    # "Russia's partnership with Iran ... in step with Russia's relations with the United States"
    assert (dependence["dependent"], dependence["driver"], dependence["expect"]) == (
        "RUS-IRN",
        "RUS-USA",
        "positive",
    )
    assert (bushehr["signed"], bushehr["milestones"]) == (
        "1995-01-08",
        {"completion": "2001", "commissioning": "2011-09"},  # "connected to the grid"
    )
    assert (s300["subject"], s300["signed"], s300["milestones"]) == (
        "S-300",
        "2007",
        {"suspension": "2010", "delivery": "2016"},
    )
    # "In the Security Council, Russia voted": the Council is where, Russia who
    assert (vote["actor"], vote["resolutions"], vote["count"]) == ("RUS", [1696, 1929], 6)
    assert (veto["actor"], veto["date"]) == ("RUS", "2018-02-26")


def test_a_title_line_is_a_sentence_of_its_own() -> None:
    text = "Moscow and Tehran: a history\n\nRussia-Iran ties are a function of Russia-US ties."
    assert [s for _, _, s in sentences(text)] == [
        "Moscow and Tehran: a history",
        "Russia-Iran ties are a function of Russia-US ties.",
    ]
    (claim,) = find_claims(text, PUBLISHED, "doc")
    assert claim.fields["dependent"] == "RUS-IRN"
