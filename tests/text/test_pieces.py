"""Long texts in pieces: cut at paragraph ends, joined back into the same text, and coded into
the same events as the whole text where the pieces are independent."""

from __future__ import annotations

from datetime import date

import pytest

from realpolitik.text import coder as coder_module
from realpolitik.text.coder import EventCoder
from realpolitik.text.pieces import text_pieces

PARAGRAPHS = [
    "Moscow, March 3 - Russia signed a grain accord with Egypt on Tuesday.\n",
    "Turkey criticized Greece over the new border fence on Wednesday.\n",
    "Japan and South Korea held talks on fishing rights in Seoul on Thursday.\n",
    "The United States imposed sanctions on Venezuela on Friday.\n",
]


def article(repeats: int) -> str:
    return "\n".join(PARAGRAPHS * repeats)


def test_pieces_end_at_paragraphs_and_join_into_the_text() -> None:
    text = article(10)
    pieces = text_pieces(text, 300)
    assert "".join(pieces) == text
    assert all(len(p) <= 300 for p in pieces) and len(pieces) > 5
    assert all(p.endswith("\n\n") for p in pieces[:-1])  # after a blank line


def test_a_paragraph_longer_than_a_piece_is_cut_at_lines_then_words() -> None:
    lines = "one line of words\n" * 40
    assert all(p.endswith("\n") for p in text_pieces(lines, 100)[:-1])
    words = "word " * 100
    pieces = text_pieces(words, 64)
    assert "".join(pieces) == words and all(p.endswith(" ") for p in pieces[:-1])
    solid = "x" * 250
    assert text_pieces(solid, 100) == ["x" * 100, "x" * 100, "x" * 50]
    assert text_pieces("short", 100) == ["short"]


@pytest.fixture(scope="module")
def coder() -> EventCoder:
    return EventCoder()


def test_an_article_coded_in_pieces_gives_the_events_of_the_whole(
    coder: EventCoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = article(6)
    whole = coder.code(text, date(2020, 3, 7))
    assert len(whole) >= 6 * 3
    told: list[int] = []
    monkeypatch.setattr(coder_module, "PIECE_CHARS", 500)
    in_pieces = coder.code_many([text], [date(2020, 3, 7)], on_chars=told.append)
    assert len(told) > 3 and sum(told) == len(text)
    assert in_pieces.drop(columns=["event_id"]).equals(whole.drop(columns=["event_id"]))
    assert in_pieces.event_id.tolist() == whole.event_id.tolist()


def test_a_text_over_the_parsers_limit_is_coded_in_pieces(
    coder: EventCoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = article(8)
    monkeypatch.setattr(coder.nlp, "max_length", 1_000)
    with pytest.raises(ValueError, match="E088"):
        coder.nlp(text)
    events = coder.code(text, date(2020, 3, 7))
    assert set(zip(events.source, events.target, strict=True)) >= {("RUS", "EGY"), ("USA", "VEN")}
