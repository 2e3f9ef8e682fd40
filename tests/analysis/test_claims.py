"""Claims checked against real records and events: each kind's verdict, evidence and
caveats, and claims that cannot be checked."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
import yaml

from realpolitik.analysis.claims import (
    ClaimError,
    check_claims,
    claim_date,
    read_claims,
)
from realpolitik.errors import InputError
from realpolitik.store import Store
from tests.analysis.triangles import triangle_events, write_events
from tests.conftest import raw_file

IRAN = [1696, 1737, 1747, 1803, 1835, 1929]


def claims_file(path: Path, *claims: dict, title: str = "test claims") -> Path:
    path.write_text(
        yaml.safe_dump(
            {"document": {"title": title, "published": "2018-06-04"}, "claims": list(claims)},
            sort_keys=False,
        ),
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def checked(records_db: Path, tmp_path_factory: pytest.TempPathFactory):
    """Check one file of claims of every record kind against the real records."""
    folder = tmp_path_factory.mktemp("claims")
    path = claims_file(
        folder / "claims.yaml",
        {"id": "veto-2018", "kind": "veto", "actor": "RUS", "date": "2018-02-26"},
        {"id": "veto-none", "kind": "veto", "actor": "RUS", "date": "2018-03-15"},
        {"id": "veto-later", "kind": "veto", "actor": "RUS", "date": "2023-06"},
        {
            "id": "votes-six",
            "kind": "vote",
            "actor": "RUS",
            "expect": "yes",
            "resolutions": IRAN,
        },
        {
            "id": "votes-proven",
            "kind": "vote",
            "actor": "RUS",
            "expect": "yes",
            "resolutions": [1737, 1747, 1835],
        },
        {
            "id": "abstained",
            "kind": "vote",
            "actor": "RUS",
            "expect": "abstain",
            "resolutions": [1737],
        },
        {"id": "jerusalem-rus", "kind": "vote", "actor": "RUS", "resolutions": ["A/RES/ES-10/19"]},
        {"id": "jerusalem-usa", "kind": "vote", "actor": "USA", "resolutions": ["ES-10/19"]},
        {
            "id": "jerusalem-can",
            "kind": "vote",
            "actor": "CAN",
            "expect": "abstain",
            "resolutions": ["ES-10/19"],
        },
        {"id": "both-bodies", "kind": "vote", "actor": "RUS", "resolutions": [1737, "ES-10/19"]},
        {
            "id": "after-the-data",
            "kind": "vote",
            "actor": "ARM",
            "expect": "abstain",
            "resolutions": ["ES-11/1", "ES-11/4"],
        },
        {"id": "no-label", "kind": "vote", "actor": "RUS", "resolutions": ["the Jerusalem one"]},
        {
            "id": "syria-dozen",
            "kind": "veto",
            "actor": "RUS",
            "count": 12,
            "since": "2011-10",
            "until": "2018-12-03",
            "about": ["SYR"],
        },
        {
            "id": "syria-eleven",
            "kind": "veto",
            "actor": "RUS",
            "count": 11,
            "since": "2011-10",
            "until": "2018-12-03",
            "about": ["SYR"],
        },
        {
            "id": "syria-about-eleven",
            "kind": "veto",
            "actor": "RUS",
            "count": 11,
            "count_is": "about",
            "since": "2011-10",
            "until": "2018-12-03",
            "about": ["SYR"],
        },
        {
            "id": "all-sixteen",
            "kind": "veto",
            "actor": "RUS",
            "count": 16,
            "since": "2011-10",
            "until": "2018-12-03",
            "subject": "drafts on crises",
        },
        {
            "id": "twenty-on-syria",
            "kind": "veto",
            "actor": "RUS",
            "count": 20,
            "since": "2011-10",
            "until": "2018-12-03",
            "about": ["SYR"],
        },
        {
            "id": "past-the-lists",
            "kind": "veto",
            "actor": "RUS",
            "count": 10,
            "since": "2020",
            "until": "2025-06-01",
        },
        {
            "id": "at-least-past-the-lists",
            "kind": "veto",
            "actor": "RUS",
            "count": 5,
            "count_is": "at least",
            "since": "2020",
            "until": "2025-06-01",
        },
        {
            "id": "dam",
            "kind": "delay",
            "parties": ["ETH"],
            "subject": "a river dam",
            "started": "2011-04",
            "promised": "2017",
            "milestones": {"inauguration": "2025-09-09"},
        },
        {"id": "no-start", "kind": "delay", "parties": ["ETH"], "promised": "2017"},
        {
            "id": "s300-delay",
            "kind": "delay",
            "parties": ["RUS", "IRN"],
            "subject": "S-300",
            "signed": "2007",
            "milestones": {"delivery": "2016"},
            "driver": "RUS-USA",
        },
        {
            "id": "bushehr",
            "kind": "delay",
            "parties": ["RUS", "IRN"],
            "subject": "Bushehr nuclear power plant",
            "signed": "1995-01-08",
            "promised": "2001",
            "milestones": {"commissioning": "2011-09", "operational_control": "2013-09"},
            "driver": "RUS-USA",
        },
        {
            "id": "s300-2016",
            "kind": "arms",
            "supplier": "RUS",
            "recipient": "IRN",
            "weapon": "S-300",
            "ordered": "2007",
            "delivered": "2016",
        },
        {
            "id": "s300-2012",
            "kind": "arms",
            "supplier": "RUS",
            "recipient": "IRN",
            "weapon": "S300",
            "delivered": "2012",
        },
        {
            "id": "no-such-weapon",
            "kind": "arms",
            "supplier": "RUS",
            "recipient": "IRN",
            "weapon": "Su-57",
            "delivered": "2019",
        },
        {
            "id": "old-order",
            "kind": "arms",
            "supplier": "RUS",
            "recipient": "IRN",
            "weapon": "MiG-29",
            "ordered": "1990",
        },
        {
            "id": "dependence-1990s",
            "kind": "dependence",
            "dependent": "RUS-IRN",
            "driver": "RUS-USA",
            "expect": "negative",
            "period": [1992, 2018],
            "measures": ["unga_agreement"],
        },
    )
    return check_claims(records_db, [path])


def verdict(result, claim_id: str):
    (claim,) = [c for c in result.claims if c.id == claim_id]
    return claim


def test_the_2018_veto_is_supported_by_both_lists(checked) -> None:
    claim = verdict(checked, "veto-2018")
    assert claim.verdict == "supported"
    assert "S/2018/156" in claim.reason
    (evidence,) = claim.evidence
    assert "meeting S/PV.8190" in evidence.text and "recorded by 2 sources" in evidence.text
    assert "unsc_vetoes_1946_sept2022.csv:line" in evidence.provenance


def test_a_veto_on_a_day_with_none_is_contradicted_and_one_after_the_lists_is_open(checked):
    none = verdict(checked, "veto-none")
    assert none.verdict == "contradicted"
    assert "no veto by RUS on 2018-03-15" in none.reason
    assert "2018-02-26 (S/2018/156) before and 2018-04-10 (S/2018/321) after" in none.reason
    later = verdict(checked, "veto-later")
    assert later.verdict == "inconclusive" and "run from 1946-02-16 to" in later.reason


def test_a_vote_the_tallies_cannot_prove_is_not_called_proven(checked) -> None:
    six = verdict(checked, "votes-six")
    assert six.verdict == "inconclusive"
    assert "on 4 of 6 resolutions (S/RES/1696, S/RES/1737, S/RES/1747, S/RES/1835)" in six.reason
    assert "for S/RES/1803, S/RES/1929 the Security Council tallies give only the count" in (
        six.reason
    )
    assert list(six.table["resolution"]) == [f"S/RES/{n}" for n in IRAN]
    assert verdict(checked, "votes-proven").verdict == "supported"
    assert verdict(checked, "abstained").verdict == "contradicted"


def test_general_assembly_votes_are_read_from_the_roll_calls(checked) -> None:
    # independently (pyreadr on un_roll_calls.rda and un_votes.rda): A/RES/ES-10/19 of
    # 2017-12-21 is roll call 5588, 127 yes, 9 no, 35 abstain in the data (the UN's record says
    # 128 yes); RUS yes, USA no, CAN abstain
    rus = verdict(checked, "jerusalem-rus")
    assert rus.verdict == "supported"
    assert (
        rus.reason == "The records prove or imply RUS's yes on all 1 resolutions (A/RES/ES-10/19)."
    )
    (row,) = rus.table.itertuples()
    assert (row.rcid, str(row.date), row.yes, row.no, row.abstain) == (
        5588,
        "2017-12-21",
        127,
        9,
        35,
    )
    assert rus.evidence[0].text.startswith(
        "A/RES/ES-10/19: recorded: RUS voted yes on A/RES/ES-10/19 (2017-12-21, roll call 5588, "
        "127-9-35 in the data)"
    )
    assert "un_votes.rda" in rus.evidence[0].provenance
    usa = verdict(checked, "jerusalem-usa")
    assert usa.verdict == "contradicted"
    assert usa.reason == "The records show that USA did not vote yes on A/RES/ES-10/19."
    assert verdict(checked, "jerusalem-can").verdict == "supported"
    assert verdict(checked, "both-bodies").verdict == "supported"


def test_a_vote_after_the_roll_calls_is_inconclusive_and_says_why(checked) -> None:
    later = verdict(checked, "after-the-data")
    assert later.verdict == "inconclusive"
    assert (
        "on 0 of 2 resolutions (none); the store holds no vote on A/RES/ES-11/1, A/RES/ES-11/4"
        in later.reason
    )
    assert all("to 2020-01-14)" in e.text for e in later.evidence)
    bad = verdict(checked, "no-label")
    assert bad.error and "'the Jerusalem one' is neither a Security Council number" in bad.error


def test_a_count_of_vetoes_since_a_date(checked) -> None:
    # independently, in unsc_vetoes_1946_sept2022.csv (pandas): Russia's vetoes from
    # 2011-10-04 to 2018-04-10 with crisis_topic Syria are 12 of its 16 in that time
    dozen = verdict(checked, "syria-dozen")
    assert dozen.verdict == "supported"
    assert dozen.reason.startswith(
        "The veto lists record 12 vetoes by RUS concerning SYR from 2011-10 to 2018-12-03: "
        "S/2011/612, S/2012/77, S/2012/538, S/2014/348,"
    )
    assert len(dozen.table) == 12
    assert verdict(checked, "syria-eleven").verdict == "contradicted"
    about = verdict(checked, "syria-about-eleven")
    assert about.verdict == "supported" and "within the claimed about 11" in about.reason
    every = verdict(checked, "all-sixteen")
    assert every.verdict == "supported" and len(every.table) == 16
    assert any("names no state, so every veto by RUS" in c for c in every.caveats)
    twenty = verdict(checked, "twenty-on-syria")
    assert twenty.verdict == "contradicted" and "fewer than the claimed 20" in twenty.reason


def test_a_count_of_vetoes_past_the_lists_is_open_unless_already_reached(checked) -> None:
    past = verdict(checked, "past-the-lists")
    assert past.verdict == "inconclusive"
    assert "not over the whole period from 2020 to 2025-06-01" in past.reason
    # the CSV list records six Russian vetoes from 2020 to its end (September 2022)
    reached = verdict(checked, "at-least-past-the-lists")
    assert reached.verdict == "supported" and len(reached.table) >= 6


def test_a_project_of_one_state_is_timed_from_its_start(checked) -> None:
    dam = verdict(checked, "dam")
    assert dam.verdict == "inconclusive"
    # 2011-04-01 → 2017-01-01: 2102 days; 2017-01-01 → 2025-09-09: 3173 days (÷ 365.25)
    assert dam.delay.delays == [
        {"from": "started 2011-04", "to": "promised 2017", "years": 5.8},
        {"from": "promised 2017", "to": "inauguration 2025-09-09", "years": 8.7},
    ]
    assert any("a project of ETH alone" in c for c in dam.caveats)
    missing = verdict(checked, "no-start")
    assert missing.error == "field 'signed' (or 'started', for a project with no deal) is missing"


def test_the_s300_delay_is_supported_with_sipris_caveat(checked) -> None:
    claim = verdict(checked, "s300-delay")
    assert claim.verdict == "supported"
    assert "confirms the delivery of S-300 in 2016" in claim.reason
    assert any("SIPRI dates the order to 2015, not 2007" in c for c in claim.caveats)
    recorded = {m.label: m.when for m in claim.delay.milestones if not m.claimed}
    assert recorded == {
        "SIPRI: ordered (deal 59015)": "2015",
        "SIPRI: delivered (deal 59015)": "2016",
    }
    assert claim.delay.delays == [{"from": "signed 2007", "to": "delivery 2016", "years": 9.0}]


def test_bushehr_is_open_and_the_driver_is_compared_with_the_years_before(
    checked, records_tables
) -> None:
    claim = verdict(checked, "bushehr")
    assert claim.verdict == "inconclusive"
    assert "confirm the agreement (1995)" in claim.reason
    assert any(e.provenance.startswith("nca_df.rda:row") for e in claim.evidence)
    timeline = claim.delay
    # signed → promised, then promised → each milestone
    assert [d["years"] for d in timeline.delays] == [6.0, 10.7, 12.7]
    # independently: RUS–USA vote agreement, 1995–2013 against the ten years before
    obs = records_tables["observations"]
    rows = obs.filter(
        (obs.indicator == "unga_agreement") & (obs.source == "RUS") & (obs.target == "USA")
    ).execute()
    years = pd.to_datetime(rows.period).dt.year
    during = rows.value[(years >= 1995) & (years <= 2013)].mean()
    before = rows.value[(years >= 1985) & (years < 1995)].mean()
    assert timeline.driver_measure == "unga_agreement"
    assert timeline.comparison["during"] == pytest.approx(during)
    assert timeline.comparison["before"] == pytest.approx(before)


def test_arms_claims_against_sipri(checked) -> None:
    delivered = verdict(checked, "s300-2016")
    assert delivered.verdict == "supported"
    assert delivered.table["sipri_id"].tolist() == [59015]
    wrong_year = verdict(checked, "s300-2012")
    assert wrong_year.verdict == "contradicted" and "in 2016, not in 2012" in wrong_year.reason
    missing = verdict(checked, "no-such-weapon")
    assert missing.verdict == "contradicted" and "lists no delivery of Su-57" in missing.reason
    assert verdict(checked, "old-order").verdict == "inconclusive"


def test_a_dependence_claim_on_27_years_is_too_short(checked) -> None:
    claim = verdict(checked, "dependence-1990s")
    assert claim.verdict == "inconclusive"
    assert claim.reason.startswith("Too few periods: 27 yearly periods leave")
    assert claim.dependence.cells[0].spec.label == "year · unga_agreement · records"
    assert "--from 1992-01-01 --to 2018-12-31" in claim.evidence[0].provenance


def test_the_result_is_json_with_provenance(checked) -> None:
    found = json.loads(json.dumps(checked.to_dict(), allow_nan=False))
    assert found["summary"]["claims"] == 28 and found["summary"]["errors"] == 2
    failed = [c["id"] for c in found["documents"][0]["claims"] if c["error"]]
    assert failed == ["no-label", "no-start"]
    first = found["documents"][0]["claims"][0]
    assert first["verdict"] == "supported" and first["evidence"][0]["provenance"]
    assert first["line"] == 5  # after the three lines of the document header and "claims:"
    assert {f["format"] for f in found["files"]} >= {"sipri-trade-register", "unsc-vetoes-csv"}


def test_event_claims_against_the_real_icews_sample(tmp_path: Path) -> None:
    db = tmp_path / "icews.duckdb"
    with Store(db) as store:
        store.ingest(raw_file("icews/andybega-icews__events.2018.sample.tab"))
        found = store.events(source="RUS", target="USA", start=date(2018, 6, 1))
    roots = found.cameo.str[:2].value_counts()
    present, absent = (
        roots.index[0],
        next(f"{r:02d}" for r in range(1, 21) if f"{r:02d}" not in roots.index),
    )
    path = claims_file(
        tmp_path / "events.yaml",
        {
            "id": "seen",
            "kind": "event",
            "source": "RUS",
            "target": "USA",
            "cameo": present,
            "date": "2018-06-01",
        },
        {
            "id": "not-seen",
            "kind": "event",
            "source": "RUS",
            "target": "USA",
            "cameo": absent,
            "date": "2018-06-01",
        },
        {
            "id": "no-data",
            "kind": "event",
            "source": "RUS",
            "target": "USA",
            "cameo": present,
            "date": "2018-07",
        },
    )
    result = check_claims(db, [path])
    seen, not_seen, no_data = result.claims
    expected = int(
        ((found.cameo.str[:2] == present) & (found.date == pd.Timestamp("2018-06-01"))).sum()
    )
    assert seen.verdict == "supported" and f"holds {expected} RUS→USA event" in seen.reason
    assert len(seen.table) == expected
    assert not_seen.verdict == "contradicted"
    assert "events on 100% of the days on 2018-06-01" in not_seen.reason
    assert no_data.verdict == "inconclusive" and "only 0% of those days" in no_data.reason


def test_events_coded_from_the_claims_own_article_do_not_count(tmp_path: Path) -> None:
    db = tmp_path / "own.duckdb"
    rows = [
        {
            "event_id": "text:abc123def456:3:0",
            "date": "2017-11-01",
            "source": "RUS",
            "target": "IRN",
            "cameo": "042",
            "origin": "text",
            "text": "a visit",
        },
        {
            "event_id": "wire:1",
            "date": "2017-11-02",
            "source": "CHN",
            "target": "FRA",
            "cameo": "042",
            "origin": "wire",
        },
    ]
    with Store(db) as store:
        store.ingest(write_events(rows, tmp_path / "own.jsonl"))
    claim = {
        "id": "visit",
        "kind": "event",
        "source": "RUS",
        "target": "IRN",
        "cameo": "04",
        "date": "2017-11-01",
        "origin_ref": "abc123def456:3:10-40",
    }
    (result,) = check_claims(db, [claims_file(tmp_path / "c.yaml", claim)]).claims
    assert result.verdict == "contradicted"  # the store covers the day, with the wire's event
    assert "events coded from this claim's own article are not counted" in result.caveats
    del claim["origin_ref"]
    (result,) = check_claims(db, [claims_file(tmp_path / "c.yaml", claim)]).claims
    assert result.verdict == "supported"


def test_negated_dependence_claims_turn_the_test_round(tmp_path: Path) -> None:
    db = tmp_path / "triangle.duckdb"
    with Store(db) as store:
        store.ingest(write_events(triangle_events(520, -0.5, seed=3), tmp_path / "e.jsonl"))
    denial = {
        "id": "denial",
        "kind": "dependence",
        "dependent": "RUS-IRN",
        "driver": "RUS-USA",
        "negated": True,
        "freq": ["week"],
        "measures": ["goldstein"],
    }
    (result,) = check_claims(db, [claims_file(tmp_path / "c.yaml", denial)]).claims
    assert result.verdict == "contradicted"
    assert result.reason.startswith("The claim denies it, but the data show it")
    assert result.dependence.options.expect == "any"


def test_claims_that_cannot_be_checked_name_id_field_and_line(tmp_path: Path, records_db) -> None:
    path = claims_file(
        tmp_path / "bad.yaml",
        {"id": "kindless", "kind": "rumour"},
        {"id": "who", "kind": "veto", "actor": "XQZ", "date": "2018-02-26"},
        {"id": "when", "kind": "veto", "actor": "RUS", "date": "2018-02-30"},
        {"id": "what", "kind": "arms", "supplier": "RUS", "recipient": "IRN"},
        {"id": "fine", "kind": "veto", "actor": "RUS", "date": "2018-02-26"},
    )
    result = check_claims(records_db, [path])
    assert [c.verdict for c in result.claims][-1] == "supported"
    line = {
        text.split("id: ")[1]: number
        for number, text in enumerate(path.read_text().splitlines(), start=1)
        if text.startswith("- id: ")
    }
    assert result.errors == [
        f"{path}:{line['kindless']}: claim kindless: kind 'rumour' is not one of dependence, "
        "delay, vote, veto, event, arms",
        f"{path}:{line['who']}: claim who: actor 'XQZ' is not a known country or IGO code",
        f"{path}:{line['when']}: claim when: date '2018-02-30' is not a date (YYYY-MM-DD, "
        "YYYY-MM or YYYY)",
        f"{path}:{line['what']}: claim what: field 'weapon' is missing",
    ]


def test_files_that_are_no_claims_files_are_refused_with_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("claims:\n  - id: a\n    kind: [veto\n")
    with pytest.raises(InputError, match=r"broken.yaml:\d+: not valid YAML"):
        read_claims(broken)
    listless = tmp_path / "listless.yaml"
    listless.write_text("document: {title: x}\n")
    with pytest.raises(InputError, match="a mapping with a 'claims' list"):
        read_claims(listless)
    with pytest.raises(InputError, match="cannot read"):
        read_claims(tmp_path / "missing.yaml")


@pytest.mark.parametrize(
    ("value", "start", "end", "precision"),
    [
        ("2018-02-26", date(2018, 2, 26), date(2018, 2, 26), "day"),
        ("2017-11", date(2017, 11, 1), date(2017, 11, 30), "month"),
        (2016, date(2016, 1, 1), date(2016, 12, 31), "year"),
        (date(2011, 9, 1), date(2011, 9, 1), date(2011, 9, 1), "day"),
    ],
)
def test_claim_dates_are_days_months_or_years(value, start, end, precision) -> None:
    when = claim_date(value, "date")
    assert (when.start, when.end, when.precision) == (start, end, precision)


def test_a_date_that_is_none_is_an_error_naming_the_field() -> None:
    with pytest.raises(ClaimError, match=r"milestones\.delivery '2016-13' is not a date"):
        claim_date("2016-13", "milestones.delivery")


def test_the_seed_claims_file_reads_and_every_claim_has_its_fields() -> None:
    seed = Path(__file__).resolve().parents[2] / "examples" / "claims" / "seed-claims.yaml"
    document, claims = read_claims(seed)
    assert document["published"] == "2018-06-04"
    assert [c["kind"] for c, _ in claims] == [
        "dependence",
        "delay",
        "delay",
        "arms",
        "vote",
        "veto",
        "event",
    ]
