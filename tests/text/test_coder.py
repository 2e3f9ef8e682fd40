"""The event coder on sentences written for these tests: actors, CAMEO codes, dates,
coordination, negation, modality, reported speech and provenance."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from realpolitik.cameo import is_cameo_code
from realpolitik.schema import EVENT_COLUMNS
from realpolitik.text.coder import EventCoder, document_id, verb_rules

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
    assert triples(events) == [("RUS", "IRN", "057"), ("IRN", "RUS", "057")]
    assert set(events.date) == {date(1995, 1, 8)} and set(events.date_precision) == {"day"}
    assert set(events.quad_class) == {1} and set(events.goldstein) == {8.0}


def test_delivery_is_material_cooperation_and_negation_is_no_event(coder: EventCoder) -> None:
    delivered = code(coder, "In 2016 Russia delivered the air defence system to Iran.")
    assert triples(delivered) == [("RUS", "IRN", "072")]
    assert (delivered.quad_class.iloc[0], delivered.date_precision.iloc[0]) == (2, "year")
    assert code(coder, "Russia did not deliver the missiles to Iran.").empty


def test_veto_visit_and_meeting(coder: EventCoder) -> None:
    events = code(
        coder,
        "On February 26, Russia vetoed a draft resolution at the Security Council. "
        "Putin visited Tehran in November 2017. Putin met Assad in Sochi on May 17.",
    )
    assert triples(events) == [("RUS", "", "129"), ("RUS", "IRN", "042"), ("RUS", "SYR", "040")]
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
    assert list(events.event_id) == [f"text:{doc}:1:0", f"text:{doc}:2:0"]
    for ref, sentence in zip(events.origin_ref, events.text, strict=True):
        start, end = map(int, ref.rsplit(":", 1)[1].split("-"))
        assert text[start:end] == sentence
    assert set(events.origin) == {"text"} and events.confidence.between(0, 1).all()


def test_verb_rules_are_cameo_codes_and_unambiguous() -> None:
    rules = [rule for group in verb_rules().values() for rule in group]
    assert len(rules) > 100
    assert all(is_cameo_code(rule.cameo) for rule in rules)
    keys = [(rule.lemma, rule.object) for rule in rules]
    assert len(keys) == len(set(keys))
    # a rule naming an object is tried before the verb's general rule
    deliver = verb_rules()["deliver"]
    assert deliver[-1].object == "" and all(rule.object for rule in deliver[:-1])


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
