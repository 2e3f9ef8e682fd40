"""Finding the checkable claims an article makes, for `realpolitik check`: that one relation
depends on another, that a state voted for resolutions, that it vetoed one, that a signed
commitment was delivered late. Each claim keeps the sentence it paraphrases and where it was
found.

Claims are found by cue phrases (language data in the tables below) and filled in with the
project's actor dictionary and date resolution, so a claim names store codes and dates the
checks can look up.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from realpolitik.text.actors import ActorMatcher, ActorMention
from realpolitik.text.coder import document_id
from realpolitik.text.dates import find_dates, resolve_sentence_date

DEPENDENCE_CUES = (
    "dependent variable",
    "bargaining chip",
    "function of",
    "hostage to",
    "subordinate to",
    "in step with",
    "at the expense of",
    "let down",
    "lets down",
    "sacrifice",
)
"""Phrases that say one relation moves with, or is traded for, another."""
POSITIVE_CUES = ("in step with",)
"""Cues of a relation that moves the same way as its driver; the others say it pays for it."""
VOTE_CUES = (
    (re.compile(r"\bvot(?:e|ed|es|ing)\s+(?:for|in\s+favou?r\s+of)\b"), "yes"),
    (re.compile(r"\bbacked\b"), "yes"),
    (re.compile(r"\bvot(?:e|ed|es|ing)\s+against\b"), "no"),
    (re.compile(r"\babstain(?:ed|s|ing)?\b"), "abstain"),
)
"""Cues of a vote, and the vote they state."""
RESOLUTION_WORD = re.compile(r"\bresolutions?\b|\bunscr\b")
COUNT_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_COUNTED = re.compile(r"\b(" + "|".join(COUNT_WORDS) + r"|\d+)\s+(?:\w+\s+)?resolutions\b")
VETO_CUES = ("vetoed", "cast a veto", "used its veto")
SIGNING = re.compile(
    r"\bsign(?:ed|s)?\b[^.]*\b(?:contract|agreement|deal)\b|"
    r"\b(?:contract|agreement|deal)\b[^.]*\bsigned\b"
)
PROMISE_CUES = ("scheduled", "due to", "was to be", "promised", "planned", "expected to")
MILESTONE_CUES = (
    ("operational control", "operational_control"),
    ("commission", "commissioning"),
    ("connected to the grid", "commissioning"),
    ("froze", "suspension"),
    ("suspend", "suspension"),
    ("operational", "operational"),
    ("deliver", "delivery"),
    ("dispatch", "delivery"),
    ("ship", "delivery"),
    ("handed over", "handover"),
    ("complet", "completion"),
)
"""Words that name what a later date is the date of, most specific first."""
DELAY_WINDOW = 8
"""How many sentences after a signing its milestones are looked for."""
MONTH_WORDS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "On",
    "In",
    "The",
)
_DESIGNATION = re.compile(r"\b[A-Z]{1,4}-\d{2,4}[A-Z0-9]*\b")
_CAPITALISED = re.compile(r"\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*)+")
YEAR_PREPOSITIONS = ("in", "since", "by", "until", "before", "after", "during")
_RESOLUTION_NUMBER = re.compile(r"\b(\d{3,4})\b")
_SENTENCE = re.compile(r"(?:[^.!?\n]|\n(?!\s*\n))+(?:[.!?]+|(?=\n\s*\n)|$)")
"""A sentence ends at final punctuation or at a blank line (a title, a paragraph)."""
_DYAD_JOINERS = ("-", "–", "—")
_RELATION_WITH = re.compile(
    r"^['’]s\s+(?:\w+\s+)?(?:ties|relations|relationship|partnership|alliance|rapprochement)"
    r"\s+with(?:\s+the)?$"
)
"""What joins the two actors of "Russia's partnership with Iran", "Moscow's relations with the
United States"."""


@dataclass
class Claim:
    """A claim in the shape of the claims file (DESIGN.md): id, kind and what to check."""

    id: str
    kind: str
    text: str
    origin_ref: str
    fields: dict[str, object] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            **self.fields,
            "text": self.text,
            "origin_ref": self.origin_ref,
        }


def sentences(text: str) -> list[tuple[int, int, str]]:
    """(start, end, sentence) of each sentence: split on final punctuation and blank lines,
    which is enough for cue phrases (the event coder uses spaCy's sentences)."""
    found = []
    for match in _SENTENCE.finditer(text):
        raw = match.group()
        if stripped := raw.strip():
            start = match.start() + len(raw) - len(raw.lstrip())
            found.append((start, start + len(stripped), stripped))
    return found


def find_claims(
    text: str, published: date, doc_id: str, actors: ActorMatcher | None = None
) -> list[Claim]:
    """The claims of an article, in text order, with ids unique within it."""
    actors = actors or ActorMatcher.default()
    found: list[Claim] = []
    delay: _Delay | None = None
    previous_sentence = ""
    for number, (start, end, sentence) in enumerate(sentences(text), start=1):
        lowered = sentence.lower()
        mentions = actors.find(sentence, published)
        ref = f"{doc_id}:{number}:{start}-{end}"
        signing = _signing(sentence, lowered, mentions, published, previous_sentence, ref)
        if signing or (delay and number - delay.number > DELAY_WINDOW):
            found.extend(delay.claim() if delay else [])
            delay = signing
        elif delay:
            delay.add_milestones(sentence, published)
        previous_sentence = sentence
        if any(cue in lowered for cue in DEPENDENCE_CUES):
            claim = _dependence(sentence, lowered, mentions, ref)
            if claim:
                found.append(claim)
        vote = next((v for cue, v in VOTE_CUES if cue.search(lowered)), None)
        if vote and RESOLUTION_WORD.search(lowered):
            claim = _votes(sentence, mentions, vote, ref, published)
            if claim:
                found.append(claim)
        if any(cue in lowered for cue in VETO_CUES):
            when = resolve_sentence_date(sentence, published)
            states = _states(mentions)
            if states:
                fields = {"actor": states[0]}
                if when.precision != "unknown":
                    fields["date"] = _date_text(when.date, when.precision)
                found.append(Claim("", "veto", sentence, ref, fields))
    found.extend(delay.claim() if delay else [])
    drivers = [c.fields["driver"] for c in found if c.kind == "dependence"]
    for claim in found:
        if claim.kind == "delay" and drivers:
            claim.fields["driver"] = drivers[0]
    return _numbered(sorted(found, key=lambda c: _position(c.origin_ref)))


def _position(ref: str) -> int:
    """Where a claim's sentence starts in its document."""
    return int(ref.rsplit(":", 1)[1].split("-")[0])


@dataclass
class _Delay:
    """A signed commitment followed through the next sentences: promised and actual dates."""

    number: int
    ref: str
    text: str
    parties: list[str]
    subject: str
    signed: str
    promised: str | None
    milestones: dict[str, str] = field(default_factory=dict)

    def add_milestones(self, sentence: str, published: date) -> None:
        """Dates in the sentence that follow a milestone cue ("commissioning … in 2011")."""
        lowered = sentence.lower()
        last = 0
        for found in find_dates(sentence, published):
            if found.precision == "unknown":
                continue
            before = lowered[last : found.start]
            label = next((name for cue, name in MILESTONE_CUES if cue in before), None)
            if label and label not in self.milestones:
                self.milestones[label] = _date_text(found.date, found.precision)
            last = found.end

    def claim(self) -> list[Claim]:
        """The delay claim, when a promised date or a later milestone was found."""
        if not (self.promised or self.milestones):
            return []
        fields: dict[str, object] = {
            "parties": self.parties,
            "subject": self.subject,
            "signed": self.signed,
        }
        if self.promised:
            fields["promised"] = self.promised
        if self.milestones:
            fields["milestones"] = dict(self.milestones)
        return [Claim("", "delay", self.text, self.ref, fields)]


def _signing(
    sentence: str,
    lowered: str,
    mentions: list[ActorMention],
    published: date,
    previous: str,
    ref: str,
) -> _Delay | None:
    """A sentence saying two states signed a contract or agreement on a date: the start of
    a possible delay claim, with any promised date given in it."""
    if not SIGNING.search(lowered):
        return None
    states = _states(mentions)
    dates = [d for d in find_dates(sentence, published) if d.precision != "unknown"]
    if len(states) < 2 or not dates:
        return None
    signed, promised = dates[0], None
    for found in dates[1:]:
        if any(cue in lowered[: found.start] for cue in PROMISE_CUES):
            promised = _date_text(found.date, found.precision)
            break
    number = int(ref.split(":")[1])
    return _Delay(
        number,
        ref,
        sentence,
        states[:2],
        _subject(sentence, mentions, previous),
        _date_text(signed.date, signed.precision),
        promised,
    )


def _subject(sentence: str, mentions: list[ActorMention], previous: str) -> str:
    """What was agreed: a weapon designation (here or in the sentence before), else the
    longest capitalised name that is not an actor or a date."""
    for text in (sentence, previous):
        if found := _DESIGNATION.search(text):
            return found.group()
    taken = [(m.start, m.end) for m in mentions]
    names = [
        m
        for m in _CAPITALISED.finditer(sentence)
        if not any(a < m.end() and m.start() < b for a, b in taken)
        and m.group().split()[0] not in MONTH_WORDS
    ]
    return max((m.group() for m in names), key=len, default="")


def _states(mentions: list[ActorMention]) -> list[str]:
    """Distinct store codes of the mentions, in order."""
    return list(dict.fromkeys(m.code for m in mentions))


def _dyads(sentence: str, mentions: list[ActorMention]) -> list[tuple[str, str, int]]:
    """Pairs of actors written as one relation ("Russian-Iranian", "Moscow and Washington",
    "between Russia and the US", "Russia's ties with Iran"), with the position where each
    pair starts."""
    pairs = []
    for first, second in itertools.pairwise(mentions):
        between = sentence[first.end : second.start].strip().lower()
        joined = (
            between in _DYAD_JOINERS
            or between in ("and", "and the", "/")
            or _RELATION_WITH.match(between) is not None
        )
        if joined and first.code != second.code:
            pairs.append((first.code, second.code, first.start))
    return pairs


def _dependence(
    sentence: str, lowered: str, mentions: list[ActorMention], ref: str
) -> Claim | None:
    """ "A–B ties are a dependent variable of A–C relations": dependent A–B, driver A–C."""
    pairs = _dyads(sentence, mentions)
    if len(pairs) < 2:
        return None
    (a, b, _), (c, d, _) = pairs[0], pairs[1]
    expect = "positive" if any(cue in lowered for cue in POSITIVE_CUES) else "negative"
    return Claim(
        "",
        "dependence",
        sentence,
        ref,
        {"dependent": f"{a}-{b}", "driver": f"{c}-{d}", "expect": expect},
    )


def _votes(
    sentence: str, mentions: list[ActorMention], vote: str, ref: str, published: date
) -> Claim | None:
    """ "X voted for resolutions 1696 … 1929": X's expected vote on those resolutions (X is
    the first state named: "in the Security Council" is where, not who). The
    numbers are those after the first "resolution(s)" or "UNSCR" once brackets and dates are
    taken out (a bare number counts as a date only after "in", "since"…: resolution numbers
    look like years). "All six resolutions, from 1696 to 1929" names only the ends: the claim
    then carries `count` for the check to find the others."""
    states = _states([m for m in mentions if m.sector != "IGO"]) or _states(mentions)
    text = sentence
    for found in reversed(find_dates(sentence, published)):
        before = sentence[: found.start].split()
        if found.precision != "year" or (before and before[-1].lower() in YEAR_PREPOSITIONS):
            text = text[: found.start] + " " + text[found.end :]
    lowered = text.lower()
    first_word = RESOLUTION_WORD.search(lowered)
    after = re.sub(r"\([^)]*\)", " ", lowered[first_word.start() :])
    numbers = [int(n) for n in _RESOLUTION_NUMBER.findall(after)]
    if not states or not numbers:
        return None
    fields: dict[str, object] = {"actor": states[0], "resolutions": numbers, "expect": vote}
    if counted := _COUNTED.search(lowered):
        word = counted.group(1)
        count = COUNT_WORDS.get(word) or int(word)
        if count > len(numbers):
            fields["count"] = count  # "all six resolutions, from 1696 to 1929": the ends named
    return Claim("", "vote", sentence, ref, fields)


def _date_text(day: date, precision: str) -> str:
    """A claim date as the claims file writes it: a day, a month or a year."""
    return {"day": day.isoformat(), "month": day.strftime("%Y-%m"), "year": str(day.year)}[
        precision
    ]


def _numbered(claims: list[Claim]) -> list[Claim]:
    counts: dict[str, int] = {}
    for claim in claims:
        counts[claim.kind] = counts.get(claim.kind, 0) + 1
        claim.id = f"{claim.kind}-{counts[claim.kind]}"
    return claims


def write_claims(claims: list[Claim], path: Path, title: str, published: date) -> None:
    """The claims file `realpolitik check` reads (YAML)."""
    document = {
        "document": {"title": title, "published": published.isoformat()},
        "claims": [claim.as_dict() for claim in claims],
    }
    Path(path).write_text(
        yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8",
    )


def article_title(path: Path) -> str:
    """An article's title: its first non-empty line, shortened."""
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            return line.strip()[:160]
    return Path(path).name


def article_claims(paths: list[Path], published: date) -> list[Claim]:
    """The claims of every article file, ids numbered across them."""
    found = []
    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        found.extend(find_claims(text, published, document_id(text)))
    return _numbered(found)
