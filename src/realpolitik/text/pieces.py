"""Long texts cut into pieces at paragraph boundaries, to be parsed one piece at a time.

spaCy refuses a text longer than its `max_length` (a million characters: the parser needs
about 1 GB per 100,000), and a long parse shows no progress. A sentence never runs across a
line break here (`coder.line_breaks`), so pieces that end after a blank line parse into the
sentences the whole text would; joined back (`spacy.tokens.Doc.from_docs`), they give the
same document text, sentences and characters offsets.
"""

from __future__ import annotations

import re

PIECE_CHARS = 100_000
"""The most characters of one piece (a single longer paragraph is cut at line, then word,
boundaries)."""
_PARAGRAPH_END = re.compile(r"\n[ \t]*\n\s*")
_LINE_END = re.compile(r"\n")
_WORD_END = re.compile(r"\s+")


def text_pieces(text: str, limit: int = PIECE_CHARS) -> list[str]:
    """`text` as consecutive pieces of at most `limit` characters whose concatenation is
    `text`, each ending at a paragraph end where there is one within the limit."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:
        end = _last_end(text, start, start + limit)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def _last_end(text: str, start: int, stop: int) -> int:
    """Where to cut `text[start:stop]`: after its last paragraph end, else its last line end,
    else its last run of white space, else at `stop`."""
    window = text[start:stop]
    for boundary in (_PARAGRAPH_END, _LINE_END, _WORD_END):
        ends = [m.end() for m in boundary.finditer(window)]
        if ends:
            return start + ends[-1]
    return stop
