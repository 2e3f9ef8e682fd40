"""The event coder on sentences written for these tests: actors, CAMEO codes, dates,
coordination, negation, modality, reported speech and provenance."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from realpolitik.schema import EVENT_COLUMNS
from realpolitik.store import Store
from realpolitik.text.coder import EventCoder, document_id, write_events

PUBLISHED = date(2018, 6, 4)


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder()


def code(coder: EventCoder, text: str) -> pd.DataFrame:
    return coder.code(text, PUBLISHED)


def triples(frame: pd.DataFrame) -> list[tuple[str, str, str]]:
    return list(zip(frame.source, frame.target, frame.cameo, strict=True))


def test_joint_signing_is_mutual_and_dated(coder: EventCoder) -> None:
    events = code(
        coder, "Moscow and Tehran signed a contract for a power plant on January 8, 1995."
    )
    # a contract is material (economic) cooperation; a treaty or declaration is 057
    assert triples(events) == [("RUS", "IRN", "061"), ("IRN", "RUS", "061")]
    assert set(events.date) == {date(1995, 1, 8)} and set(events.date_precision) == {"day"}
    assert set(events.quad_class) == {2} and set(events.goldstein) == {6.4}


def test_delivery_is_material_cooperation_and_its_denial_a_rejection(coder: EventCoder) -> None:
    delivered = code(coder, "In 2016 Russia delivered the air defence system to Iran.")
    assert triples(delivered) == [("RUS", "IRN", "072")]
    assert (delivered.quad_class.iloc[0], delivered.date_precision.iloc[0]) == (2, "year")
    # CAMEO codes a cooperative act not done as a rejection: here of military aid (122)
    refused = code(coder, "Russia did not deliver the missiles to Iran.")
    assert triples(refused) == [("RUS", "IRN", "122")] and refused.quad_class.iloc[0] == 3
    assert code(coder, "Russia did not attack Iran.").empty  # a conflict not had is none


def test_veto_visit_and_meeting(coder: EventCoder) -> None:
    events = code(
        coder,
        "On February 26, Russia vetoed a draft resolution at the Security Council. "
        "Putin visited Tehran in November 2017. Putin met Assad in Sochi on May 17.",
    )
    # no one else named: the veto is aimed at the place it was cast, the Council
    assert triples(events) == [("RUS", "UNO", "129"), ("RUS", "IRN", "042"), ("RUS", "SYR", "040")]
    assert list(events.date) == [date(2018, 2, 26), date(2017, 11, 1), date(2018, 5, 17)]
    assert list(events.date_precision) == ["day", "month", "day"]


def test_coordinated_actors_give_one_event_each(coder: EventCoder) -> None:
    events = code(coder, "The United States, Britain and France launched strikes on Syria.")
    assert triples(events) == [("USA", "SYR", "190"), ("GBR", "SYR", "190"), ("FRA", "SYR", "190")]
    assert set(events.date_precision) == {"unknown"} and set(events.date) == {PUBLISHED}


def test_modality_and_reported_speech(coder: EventCoder) -> None:
    assert triples(code(coder, "Washington would impose sanctions on Moscow.")) == [
        ("USA", "RUS", "130")
    ]
    assert code(coder, "Moscow might sign a deal with Tehran.").empty
    demand = code(coder, "Lavrov said that Iranian forces should withdraw from Syria.")
    assert triples(demand) == [("RUS", "IRN", "106")]
    assert demand.source_sector.iloc[0] == "GOV"


def test_rows_are_canonical_and_traceable(coder: EventCoder) -> None:
    text = "Putin met Assad in Sochi on May 17. Russia delivered fuel to Syria."
    events = code(coder, text)
    assert list(events.columns) == list(EVENT_COLUMNS)
    doc = document_id(text)
    version = coder.version
    assert list(events.event_id) == [f"text:{doc}:{version}:1:0", f"text:{doc}:{version}:2:0"]
    for ref, sentence in zip(events.origin_ref, events.text, strict=True):
        start, end = map(int, ref.rsplit(":", 1)[1].split("-"))
        assert text[start:end] == sentence
    assert set(events.origin) == {"text"} and events.confidence.between(0, 1).all()


def test_relative_clause_speaker_and_dispatched_weapons(coder: EventCoder) -> None:
    demand = code(
        coder,
        "The remarks answered Foreign Minister Sergey Lavrov of Russia, who had stressed that "
        "all foreign forces must withdraw from Syria.",
    )
    # "who" stands for Lavrov; Syria, inside his clause, is not a speaker
    assert triples(demand) == [("RUS", "", "106")]
    shipped = code(coder, "Russia dispatched the missile systems to Iran in 2016.")
    assert triples(shipped) == [("RUS", "IRN", "072")]


def test_pronouns_and_agentless_passives_take_the_topic(coder: EventCoder) -> None:
    events = code(
        coder,
        "While Moscow was selling arms to Tehran, it did not hesitate to vote in favour of "
        "resolutions adopted at the Security Council against Iran in July 2006. "
        "The missiles were finally shipped to Iran in 2016.",
    )
    assert triples(events) == [("RUS", "IRN", "072"), ("RUS", "IRN", "110"), ("RUS", "IRN", "072")]
    # the Council is where the vote happened, not its target; inferred actors count less
    assert list(events.confidence) == [0.8, 0.6, 0.6]
    assert list(events.date) == [date(2006, 7, 1), date(2006, 7, 1), date(2016, 1, 1)]


def test_denials_through_other_verbs_and_a_double_denial(coder: EventCoder) -> None:
    assert triples(code(coder, "Russia failed to deliver the missiles to Iran.")) == [
        ("RUS", "IRN", "122")
    ]
    assert code(coder, "Moscow failed to invade Kiev.").empty
    # the refusal, once: Iran, the partner, refused nothing
    refused = code(coder, "Russia refused to sign the contract with Iran.")
    assert set(triples(refused)) == {("RUS", "", "120"), ("RUS", "IRN", "121")}
    assert triples(code(coder, "Russia did not hesitate to deliver fuel to Iran.")) == [
        ("RUS", "IRN", "071")
    ]


def test_event_nouns_in_the_clause_of_their_actor(coder: EventCoder) -> None:
    events = code(
        coder,
        "Putin stressed during a meeting with al-Assad on May 17 that the war was over. "
        "In an interview with Russia's RT on May 31, al-Assad denied it. "
        "Rouhani's visit to Moscow was cut short. "
        "Talks between Moscow and Tehran resumed. "
        "Washington held talks with Pyongyang.",
    )
    assert triples(events) == [
        ("RUS", "SYR", "040"),
        ("SYR", "", "016"),  # the verb's own event, then the interview it was said in
        ("SYR", "RUS", "010"),
        ("IRN", "RUS", "042"),
        ("RUS", "IRN", "040"),
        ("IRN", "RUS", "040"),
        ("USA", "PRK", "040"),
    ]
    assert list(events.date[:3]) == [date(2018, 5, 17), date(2018, 5, 31), date(2018, 5, 31)]


def test_event_nouns_named_in_passing_are_no_events(coder: EventCoder) -> None:
    assert code(coder, "Tehran feared the threat of Israeli air strikes.").empty
    assert code(coder, "Moscow might hold talks with Tehran.").empty


def test_targets_are_the_core_of_the_object_not_everything_it_mentions(
    coder: EventCoder,
) -> None:
    events = code(
        coder,
        "Russia vetoed a resolution pressuring Iran over its violation of an arms embargo on "
        "Yemen.",
    )
    assert triples(events) == [("RUS", "IRN", "129")]


def test_an_arms_contract_with_a_partner_is_military_cooperation_both_ways(
    coder: EventCoder,
) -> None:
    events = code(coder, "Tehran signed a contract with Moscow in 2007 for S-300 missiles.")
    assert triples(events) == [("IRN", "RUS", "062"), ("RUS", "IRN", "062")]


def test_a_statement_is_an_event_when_made_to_someone(coder: EventCoder) -> None:
    told = code(coder, "Lavrov told Tillerson on May 3, 2017 that the talks had failed.")
    assert triples(told) == [("RUS", "USA", "010")]
    assert code(coder, "Russia said the talks had failed.").empty


def test_force_aimed_at_a_place_and_measures_against_someone(coder: EventCoder) -> None:
    assert triples(code(coder, "North Korea fired two artillery shells at Seoul.")) == [
        ("PRK", "KOR", "190")
    ]
    assert triples(code(coder, "Iran called for a boycott against Israel.")) == [
        ("IRN", "ISR", "020")
    ]


def test_a_dateline_is_where_the_story_was_filed_not_an_actor(coder: EventCoder) -> None:
    events = code(coder, "MOSCOW (AP) -- Iran accused Israel of sabotage. Moscow condemned it.")
    assert triples(events) == [("IRN", "ISR", "112"), ("RUS", "", "111")]


def test_targets_named_states_before_groups_then_the_place(coder: EventCoder) -> None:
    # the troops are what is sent; the UN is whom they are sent to
    assert triples(code(coder, "Japan sent troops to the United Nations.")) == [
        ("JPN", "UNO", "074")
    ]
    # with no one else named, the act is aimed at where it happened
    assert triples(code(coder, "Putin arrived in Tehran on Monday.")) == [("RUS", "IRN", "042")]


def test_more_verbs_and_nouns_of_the_code_book(coder: EventCoder) -> None:
    events = code(
        coder,
        "Saudi Arabia lifted its blockade of Yemen. "
        "Greece summoned the Turkish ambassador. "
        "Putin held talks in Bishkek with Modi on June 13, 2019. "
        "Pakistan launched a mediation effort between Qatar and Saudi Arabia.",
    )
    assert triples(events) == [
        ("SAU", "YEM", "0872"),
        ("GRC", "TUR", "114"),
        ("RUS", "IND", "040"),  # the talks' partner is the verb's "with"
        ("PAK", "QAT", "045"),
        ("PAK", "SAU", "045"),
    ]


def test_agreeing_with_someone_is_ones_own_act(coder: EventCoder) -> None:
    assert triples(code(coder, "Iran agreed with France on the need for talks.")) == [
        ("IRN", "FRA", "030")
    ]
    assert triples(code(coder, "Iran and France agreed on the need for talks.")) == [
        ("IRN", "FRA", "030"),
        ("FRA", "IRN", "030"),
    ]


def test_what_speech_verbs_do_beyond_speaking(coder: EventCoder) -> None:
    events = code(
        coder,
        "Iraq declared a state of emergency. Hungary expressed condolences to Turkey. "
        "Jordan imposed a curfew on Amman.",
    )
    # a curfew on its own capital: no other actor
    assert triples(events) == [("IRQ", "", "1724"), ("HUN", "TUR", "018"), ("JOR", "", "1723")]


def test_events_a_clause_takes_part_in(coder: EventCoder) -> None:
    events = code(
        coder,
        "Nigerian soldiers remained on alert. Turkish workers went on strike. "
        "Chinese prosecutors opened an investigation into the company. "
        "The Kremlin declined to comment.",
    )
    assert triples(events) == [
        ("NGA", "", "152"),
        ("TUR", "", "143"),
        ("CHN", "", "090"),
        ("RUS", "", "011"),
    ]


def test_returning_property_and_lifting_curbs(coder: EventCoder) -> None:
    events = code(
        coder,
        "The United States returned the artifacts to Peru. Japan lifted travel curbs on "
        "North Korea. Trudeau expressed optimism about the talks with China on May 2, 2019.",
    )
    assert triples(events) == [("USA", "PER", "0842"), ("JPN", "PRK", "081"), ("CAN", "CHN", "013")]


def test_recoding_under_new_rules_replaces_the_articles_events(
    coder: EventCoder, tmp_path: Path
) -> None:
    """The coder's version is in every event id; ingesting an article coded under other rules
    replaces that article's events instead of keeping both."""
    article = "Russia signed a contract with Iran on May 3. Iran thanked Russia on May 4."
    other = "Japan criticised China on June 2."
    old = EventCoder(nlp=coder.nlp, version="oldrules")
    new = EventCoder(nlp=coder.nlp, version="newrules")
    with Store(tmp_path / "s.duckdb") as store:
        first = tmp_path / "old.jsonl"
        write_events(pd.concat([code(old, article), code(old, other)]), first)
        store.ingest(first)
        stored_other = code(old, other).event_id.tolist()
        second = tmp_path / "new.jsonl"
        write_events(code(new, article), second)
        result = store.ingest(second)
        ids = store.con.execute("SELECT event_id FROM events ORDER BY event_id").fetchall()
    ids = {i for (i,) in ids}
    expected_new = set(code(new, article).event_id)
    assert ids == expected_new | set(stored_other)
    assert all(":newrules:" in i for i in expected_new)
    assert result.notes == "replaced events of the same article coded under other rules (3 rows)"


def test_title_and_published_lines_are_not_events(coder: EventCoder) -> None:
    text = (
        "Moscow Courts Tehran Again\nPublished 3 May 2021\n\n"
        "Russia criticised Iran on Monday.\nIran thanked Russia."
    )
    events = code(coder, text)
    assert list(events.text) == ["Russia criticised Iran on Monday.", "Iran thanked Russia."]
    assert events.origin_ref.str.split(":").str[1].tolist() == ["3", "4"]


ARTICLE_DAY = date(2024, 10, 28)  # a Monday


def dated(coder: EventCoder, text: str) -> list[tuple[str, str, str, str, str]]:
    events = coder.code(text, ARTICLE_DAY)
    return [
        (r.source, r.target, r.cameo, r.date.isoformat(), r.date_precision)
        for r in events.itertuples()
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the destination of a visit, the venue of a meeting or a strike, is the place's state
        ("Erdogan flew to Sochi on 4 March 2019.", [("TUR", "RUS", "042")]),
        ("Indian jets struck a depot near Latakia on 26 February 2019.", [("IND", "SYR", "190")]),
        (
            "Sisi paid his first visit to the Sudanese capital in March 2021.",
            [("EGY", "SDN", "042")],
        ),
        (
            "Israel sent its air force commander to Moscow on 20 September 2018.",
            [("ISR", "RUS", "042")],
        ),
        # a meeting of two leaders in a third state's city is between the two
        (
            "Putin and Erdogan met in Astana on 16 September 2019.",
            [("RUS", "TUR", "040"), ("TUR", "RUS", "040")],
        ),
        (
            "Modi and Xi sat down together in Kazan on Wednesday.",
            [("IND", "CHN", "040"), ("CHN", "IND", "040")],
        ),
        ("Xi received Modi in Wuhan in April 2018.", [("CHN", "IND", "043")]),
        # a role given with "as" is not a partner
        (
            "Qatar and Bahrain agreed, with Kuwait as mediator, to restore relations.",
            [("QAT", "BHR", "030"), ("BHR", "QAT", "030")],
        ),
        # a capital inside another proper name is not the state
        ("Armenia ratified the Rome Statute in 2023.", [("ARM", "", "057")]),
    ],
)
def test_places_stand_for_their_state_only_as_destination_or_venue(
    coder: EventCoder, text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert [row[:3] for row in dated(coder, text)] == expected


def test_each_event_takes_the_date_nearest_to_it(coder: EventCoder) -> None:
    rows = dated(
        coder,
        "When Turkey shot down a Russian jet on 24 November 2015, Russia imposed sanctions "
        "on Turkey four days later.",
    )
    assert rows == [
        ("TUR", "RUS", "190", "2015-11-24", "day"),
        ("RUS", "TUR", "163", "2015-11-28", "day"),
    ]


def test_a_sentence_without_a_date_is_in_the_story_time_to_the_month(coder: EventCoder) -> None:
    rows = dated(coder, "On 3 June 2016 Russia criticised Iran. Iran accused Russia of betrayal.")
    assert rows[1] == ("IRN", "RUS", "112", "2016-06-01", "month")


def test_implied_partners(coder: EventCoder) -> None:
    # "the two governments": the two states named last
    rows = dated(
        coder,
        "Xi landed in Islamabad in April 2015, and the two governments signed a contract "
        "for a port.",
    )
    assert [r[:3] for r in rows] == [
        ("CHN", "PAK", "042"),
        ("CHN", "PAK", "061"),
        ("PAK", "CHN", "061"),
    ]
    # breaking ties is done to someone: the other state named before it
    rows = dated(
        coder,
        "Crowds burned the Kuwaiti consulate in Basra, and Kuwait severed diplomatic ties "
        "on 2 May 2011.",
    )
    assert [r[:3] for r in rows] == [("KWT", "IRQ", "161")]
    # a pronoun subject is the topic; a state and its own government are one side
    rows = dated(
        coder,
        "Donald Trump met Kim in 2018. Later he pulled America out of the uranium "
        "agreement with Iran.",
    )
    assert ("USA", "IRN", "160") in [r[:3] for r in rows]


def test_names_introduced_with_an_office_and_presence_as_a_visit(coder: EventCoder) -> None:
    rows = dated(
        coder,
        "Georgia's foreign minister, Tamar Beruchashvili, flew to Ankara in May 2015. "
        "Beruchashvili met the Turkish president on 20 May 2015.",
    )
    assert [r[:3] for r in rows] == [("GEO", "TUR", "042"), ("GEO", "TUR", "040")]
    rows = dated(
        coder, "Netanyahu met Putin on 9 May 2018. Ten days later Netanyahu was in Moscow."
    )
    assert rows[1] == ("ISR", "RUS", "042", "2018-05-19", "day")


def test_an_office_named_without_its_state_takes_it_from_the_article(coder: EventCoder) -> None:
    rows = dated(
        coder,
        "Saudi Arabia's crown prince met Iraq's prime minister on 3 May 2021. "
        "On 9 May 2021 the crown prince flew to Cairo.",
    )
    assert rows[-1] == ("SAU", "EGY", "042", "2021-05-09", "day")


def test_what_a_signing_commits_to_is_not_another_event(coder: EventCoder) -> None:
    rows = dated(
        coder,
        "On 4 April 2016 Kenya and Uganda signed a treaty in Nairobi, committing the two "
        "to agree on a pipeline route.",
    )
    assert [r[:3] for r in rows] == [("KEN", "UGA", "057"), ("UGA", "KEN", "057")]


def test_an_office_beside_a_person_and_a_signed_text_described_by_a_participle(
    coder: EventCoder,
) -> None:
    rows = dated(
        coder,
        "Lloyd Austin, the defense secretary, flew to Manila on 2 February 2023.",
    )
    assert [r[:3] for r in rows] == [("USA", "PHL", "042")]
    rows = dated(
        coder,
        "The fighting stopped with a joint statement signed by Armenia and Azerbaijan on "
        "10 November 2020.",
    )
    assert {r[:3] for r in rows} == {("ARM", "AZE", "057"), ("AZE", "ARM", "057")}


def test_the_date_in_the_events_own_phrase_wins(coder: EventCoder) -> None:
    rows = dated(
        coder,
        "On 3 March 2019 Britain expelled two Iranian diplomats, and by June London had "
        "imposed sanctions on Iran.",
    )
    assert [(r[0], r[1], r[2][:2], r[3][:7]) for r in rows] == [
        ("GBR", "IRN", "16", "2019-03"),
        ("GBR", "IRN", "16", "2019-06"),
    ]


def test_an_act_of_a_named_actor_is_aimed_at_that_actor(coder: EventCoder) -> None:
    # "X's invasion of Y": condemning it is aimed at X, not at Y
    assert triples(code(coder, "Norway condemned Serbia's occupation of Kosovo.")) == [
        ("NOR", "SRB", "111")
    ]
    # the subject's own act ("its") keeps the "of" phrase as its target
    assert triples(code(coder, "Egypt lifted its blockade of Gaza.")) == [("EGY", "PSE", "0872")]


def test_every_capital_of_the_gazetteer_stands_for_its_government(coder: EventCoder) -> None:
    assert triples(code(coder, "Nairobi accused Kampala of arming the rebels.")) == [
        ("KEN", "UGA", "112")
    ]
    assert list(code(coder, "Lima recalled its ambassador from Quito.").source) == ["PER"]


def test_calling_an_act_hostile_is_criticism_and_welcoming_a_step_praise(
    coder: EventCoder,
) -> None:
    assert triples(code(coder, "Hungary called Romania's new language law unacceptable.")) == [
        ("HUN", "ROU", "111")
    ]
    assert triples(code(coder, "Ghana welcomed Togo's decision to open the border.")) == [
        ("GHA", "TGO", "051")
    ]
    assert code(coder, "Peru paid Chile ten million dollars for the trucks.").empty


def test_an_agentless_delivery_comes_from_the_state_of_the_goods(coder: EventCoder) -> None:
    events = code(coder, "A first batch of Korean howitzers was delivered to Poland in May 2023.")
    assert triples(events) == [("KOR", "POL", "072")]
    assert events.confidence.iloc[0] < 0.8  # inferred, not named
    # a demonym on whoever suffered the act is not its source
    assert code(coder, "Belgian diplomats were expelled from Mali.").empty


def test_answering_an_unnamed_act_answers_whoever_took_it(coder: EventCoder) -> None:
    events = code(
        coder, "In March, Ottawa lifted its sanctions on Caracas. Madrid welcomed the move."
    )
    # the move is the latest act, Canada's, though Venezuela was named last
    assert ("ESP", "CAN", "051") in triples(events)


def test_calling_the_step_hostile_answers_whoever_took_it(coder: EventCoder) -> None:
    text = (
        "Bolivia's reply was to sign a pact with Peru. "
        "The Argentine government called the step dangerous."
    )
    assert ("ARG", "BOL", "111") in triples(code(coder, text))
