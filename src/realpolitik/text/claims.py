"""Finding the checkable claims an article makes, for `realpolitik check`: that one relation
depends on another, that a signed commitment was delivered late, that a state voted for
resolutions, that it vetoed drafts. Each claim keeps the sentence it paraphrases and where it
was found.

Claims are read from the event coder's own parse of the article (`EventCoder.parse`): its
sentences, numbered from 1 as in the events' `origin_ref`, their words and dependency tree, and
the events coded from them; headings are no claims. Actors are the project's actor dictionary
(`ActorMatcher`) and dates are resolved by `realpolitik.text.dates`, so a claim names store
codes and dates the checks can look up.

- dependence: a cue (the tables below: "a function of", "tracked", "in lockstep with", "a
  bargaining chip in", "at the expense of", "sacrificed ... to", "the price of ... is paid
  in", "whenever A did x, B did y", "the warmer ..., the cooler ...") between two relations,
  each a pair of actors written as one phrase ("Russian-Iranian ties", "ties between A and B",
  "A's relationship with B", "its alliance with B", "relations with B"); a relation missing
  its first actor takes the actor the two relations share (the other relation's first actor,
  else the clause's subject, the story's, the article's). The sign is the cue's (moving
  together, or traded off) times the relations' own words ("thaw", "cooling", "rivalry"); a
  cue that says nothing of the sign gets it from those words when a relation carries one,
  else from a comparative correlative in the sentence, else negative (the checks' default).
  Both sides of a cue that only says "depends" must be written as relations ("ties",
  "rivalry"), not as acts ("sanctions on"). A denial ("it would be wrong to see ... as", "is
  not", "no longer", "nor", "far from being") is a claim with `negated`, with the sign of the
  hypothesis denied; what someone hoped, and a question, is no claim.
  A period ("for two decades", "since 2020", "the past five years") in the sentence, or else
  in the sentence before it, is `period`.
- delay: an agreement (signed, concluded, agreed, ordered; its parties from the parse or the
  coder's cooperation events, its date the one nearest the verb), or a project's start ("laid
  the foundation stone", "construction began"), followed through the sentences that name its
  subject (its designation or name anywhere in the article; a definite description of the
  same kind of thing, "the deal", or a pronoun, in the sentences after it): a promised date
  only where the words promise ("was due to", "supposed to", "promised to ... within two
  months"; a window counts from the agreement), milestones only where the words say they
  happened (delivered, launched, commissioned, frozen, reopened, "declared the talks over";
  not denied, not merely asked for or planned; and of the deal's kind of thing: "the first
  jets" are no submarines). A claim needs the article to say the deal came late: a freeze,
  a cancellation, a collapse or a postponement, a milestone after the promised date, nothing
  done by a promised date already past, or, without a promise, words of lateness ("only",
  "finally") around a milestone; a promise kept on time, or not yet due, is no delay.
- vote: the subject of "voted for/against", "backed", "abstained on" (not a state named in the
  resolution's subject; each of coordinated subjects, or of a "backed by" phrase) and the
  resolutions it names: numbers after "resolution(s)" or "UNSCR" and the lists they open
  (labels, not years), General Assembly labels ("ES-11/1"), or, for "abstained on it", the
  ones named before in the sentence.
- veto: the subject of "vetoed", with the date, or the count of drafts and the date since.
"""

from __future__ import annotations

import calendar
import dataclasses
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import yaml

from realpolitik.errors import InputError
from realpolitik.schema import EVENT_COLUMNS
from realpolitik.text.actors import PLACE, ActorMatcher, ActorMention
from realpolitik.text.coder import (
    EventCoder,
    OnChars,
    coordinated,
    document_id,
    is_heading,
)
from realpolitik.text.dates import ResolvedDate, find_dates, resolve_sentence_date

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


def _words(text: str) -> frozenset[str]:
    """The words of a table written as text."""
    return frozenset(text.split())


# --- Language data: dependence -------------------------------------------------------------


@dataclass(frozen=True)
class _Cue:
    """A phrase saying that one relation depends on another: its `sign` (+1 they move
    together, -1 one is traded for the other, 0 the phrase does not say), whether the
    dependent relation is written before it, and whether both sides must be relations
    written as pairs (`strict`), or one may be a lone actor ("Tehran as a bargaining chip")."""

    pattern: re.Pattern[str]
    sign: int
    dependent_first: bool = True
    strict: bool = True


def _cue(pattern: str, sign: int, dependent_first: bool = True, strict: bool = True) -> _Cue:
    return _Cue(re.compile(pattern, re.I), sign, dependent_first, strict)


DEPENDENCE_CUES = (
    _cue(r"\bdependent\s+variables?\b", 0),
    _cue(r"\bfunctions?\s+of\b", 0),
    _cue(r"\b(?:depends?|depended|depending|dependent|hinges?|hinged|contingent)\s+(?:up)?on\b", 0),
    _cue(r"\b(?:derivative|by-?product)\s+of\b", 0),
    _cue(r"\b(?:determined|dictated|conditioned|governed)\s+by\b", 0),
    _cue(r"\b(?:subordinated?|hostage|captive)\s+to\b|\bheld\s+hostage\s+by\b", -1),
    _cue(
        r"\b(?:track|tracked|tracks|mirror|mirrored|mirrors|follow|followed|follows|echo|"
        r"echoed|echoes|shadow|shadowed|shadows|parallel|paralleled|parallels)\b",
        1,
    ),
    _cue(r"\bin\s+(?:lock-?\s*)?step\s+with\b|\bin\s+(?:tandem|sync)\s+with\b", 1),
    _cue(r"\b(?:moves?|moved|moving)\s+(?:together\s+)?with\b", 1),
    _cue(r"\b(?:rises?|rose|risen)\s+and\s+(?:falls?|fell|fallen)\s+with\b", 1),
    _cue(r"\b(?:ebbs?|ebbed)\s+and\s+(?:flows?|flowed)\s+with\b", 1),
    _cue(r"\b(?:keeps?|kept)\s+pace\s+with\b", 1),
    _cue(
        r"\bbargaining\s+(?:chips?|cards?|counters?|tools?)\b|\b(?:chips?|cards?|pawns?)\s+in\b",
        -1,
        strict=False,
    ),
    _cue(r"\bat\s+the\s+(?:expense|cost|price)\s+of\b", -1, dependent_first=False, strict=False),
)
"""Phrases between the dependent relation and its driver ("A–B ties are a function of A–C
relations"), or between the driver and the dependent one ("... at the expense of ...")."""
_OWN_EXPENSE = re.compile(r"\bat\s+(?:\S+\s+){0,2}?\S+?['’]s?\s+(?:expense|cost)\b", re.I)
"""'at Tehran's expense': the dependent relation's actor inside the cue."""
_SACRIFICE = re.compile(
    r"\bsacrific(?:e|es|ed|ing)\b|\blet(?:s|ting)?\b(?=(?:\s+\S+){1,4}\s+down\b)", re.I
)
_SACRIFICE_END = re.compile(r"\bdown\b", re.I)
_PURPOSE = re.compile(
    r"\b(?:in\s+order\s+to|on\s+the\s+altar\s+of|in\s+exchange\s+for|in\s+favou?r\s+of|for|to)\b",
    re.I,
)
"""'A sacrificed (or let down) its ties with B to win C': dependent A–B, driver A–C."""
_PAID_FOR = re.compile(r"\bpa(?:id|ys|y|ying)\s+for\b", re.I)
_PAID_WITH = re.compile(r"\b(?:with|in)\b", re.I)
_PRICE_OF = re.compile(r"\bprice\s+(?:of|for)\b", re.I)
_PRICE_PAID = re.compile(
    r"\b(?:is|was|are|were|has\s+been|have\s+been|will\s+be|gets?|got)\s+paid\s+(?:in|by|with)\b",
    re.I,
)
"""'A paid for its rapprochement with B with its standing in C', 'the price of A's goodwill
towards B is paid in C': driver first, the relation paying for it second."""
CORRELATIVES = re.compile(r"\b(?:whenever|each\s+time|every\s+time|any\s+time)\b", re.I)
"""'Whenever A did x, B did y': y's relation depends on x's."""
COMPARATIVES = {
    "warmer": 1, "closer": 1, "friendlier": 1, "better": 1, "stronger": 1, "deeper": 1,
    "tighter": 1, "more": 1, "greater": 1, "higher": 1, "colder": -1, "cooler": -1,
    "frostier": -1, "chillier": -1, "icier": -1, "worse": -1, "weaker": -1, "looser": -1,
    "less": -1, "lower": -1, "further": -1, "farther": -1,
}  # fmt: skip
"""The words of 'the warmer X, the cooler Y' and which way they move a relation."""
_COMPARATIVE_WORDS = "|".join(COMPARATIVES)
_CORRELATIVE_COMPARATIVE = re.compile(
    rf"\bthe\s+(?P<a>{_COMPARATIVE_WORDS})\b(?P<x>[^,;:]*),\s*the\s+(?P<b>{_COMPARATIVE_WORDS})\b"
    r"(?P<y>[^,;:.]*)",
    re.I,
)
COOLING = _words(
    """punish sanction sanctions cool cooling cooler colder coldest cold chill chilly chilled
    sour souring soured drift distance distant spurn snub rebuff condemn pressure threaten
    neglect abandon strain strained freeze frozen rupture sever quarrel flare clash isolate
    hostile hostility tension tensions rivalry rival worse worsen deteriorate deterioration
    rift feud suspicion suspicious estrange estrangement enmity animosity antagonism friction
    dispute confrontation conflict frosty frostier icy downgrade weaken weaker betray sideline
    shun alienate breakdown collapse crisis row spat further farther away press bully coerce
    intimidate harass provoke encroach intrude penalise penalize rebuke snub"""
)
WARMING = _words(
    """warm warmer warming warmth close closer closest embrace reward court woo improve
    improvement mend reconcile reconciliation thaw befriend tend cultivate favour favor please
    appease accommodate help praise engage rapprochement detente détente normalise normalize
    normalisation normalization friendly friendlier better strengthen deepen cozy cosy tighten
    reset restore revive reassure side align"""
)
"""Words that say a relation cools or warms (by word or lemma); 'further' and 'away' only as
adverbs ('drifted further from')."""
_ADVERB_ONLY = ("further", "farther", "away", "close", "closer")
CHANGES = {
    "rise": 1, "grow": 1, "increase": 1, "expand": 1, "deepen": 1, "flourish": 1, "boom": 1,
    "fall": -1, "decline": -1, "shrink": -1, "drop": -1, "slump": -1, "wither": -1, "ease": -1,
}  # fmt: skip
"""Verbs that move whatever their subject is: trade that rises warms a relation, tensions that
rise cool it."""
RELATION_NOUNS = _words(
    """tie relation relationship partnership alliance friendship rapprochement detente détente
    thaw rivalry dealing dealings embrace cooperation standing link bond entente axis courtship
    feud quarrel enmity hostility tension dispute engagement trade arm arms support aid goodwill
    favour favor generosity patronage protection dialogue diplomacy interest position rapport
    rift contact policy stance approach attitude posture understanding reliance dependence
    dependency"""
)
"""Nouns that name a relation with someone ('relations with Baku' has its first actor from the
context; 'decisions taken in Addis Ababa' is no relation)."""
RIVALRY_NOUNS = _words(
    """rivalry rift quarrel feud dispute enmity hostility tension tensions estrangement
    standoff confrontation conflict competition antagonism animosity friction"""
)
"""Relations written as their coldness ('its rivalry with India')."""
RELATION_PREPOSITIONS = ("with", "of", "to", "for", "toward", "towards", "in", "on", "from")
_JOINERS = ("-", "–", "—", "/")
POSSESSIVE_PRONOUNS = ("its", "their", "his", "her")
PERSONAL_PRONOUNS = ("it", "they", "he", "she", "them", "him")
NEGATORS = ("not", "n't", "never", "no", "nor", "neither", "hardly", "scarcely")
WISHING = r"(?:hop|wish|want|dream|pray|urg)(?:e|es|ed|ing|s)?"
"""Verbs whose clause says what someone wanted, not what the article claims."""
AFFIRMING = ("only", "just", "merely", "simply", "solely")
"""'not only a function of' affirms."""
_FRAMES = re.compile(
    r"\b(?:wrong|mistaken?|misleading|an\s+error|simplistic|na[iï]ve|a\s+myth|a\s+fallacy|"
    r"inaccurate|false|untrue)\b[^;:]{0,60}?\b(?:to|that)\b|\bit\s+is\s+not\s+(?:true|the\s+case)"
    r"\s+that\b|\b(?:no|little|scant)\s+(?:evidence|sign|reason\s+to\s+\w+)\s+that\b|"
    r"\bnothing\s+to\s+suggest\s+that\b|\bdoes\s+not\s+(?:follow|mean)\s+that\b",
    re.I,
)
"""Frames that deny what follows them in the clause ('it would be wrong to see X as', 'there
is no evidence that')."""
_DENIED_AFTER = re.compile(
    r"^[^;:]*?\b(?:is|are|was|were|seems?|looks?|proved?)\s+(?:\w+\s+)?(?:wrong|mistaken|a\s+myth|"
    r"misplaced|false|unfounded|overblown|misguided|simplistic|untrue|exaggerated|overstated)\b",
    re.I,
)
_DENIED_OPENING = re.compile(
    r"\b(?:idea|notion|view|claim|argument|assumption|belief|thesis|theory)\s+that\b|"
    r"\bthose\s+who\b",
    re.I,
)
"""'The idea that X is a function of Y is a myth', 'those who see X as ... are mistaken': a
denial after what it denies."""
_NEAR_DENIAL = re.compile(
    r"\bno\s+longer\b|\bfar\s+from\b|\brather\s+than\b|\binstead\s+of\b|\bless\s+than\b", re.I
)
"""Phrases that deny what directly follows them ('no longer depends on')."""
_BOUNDARY = re.compile(r"[;:]|\s[—–]\s|\s--\s")
"""Where a clause ends within a sentence, for the relations a cue joins."""
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15,
    "twenty": 20, "thirty": 30, "a dozen": 12, "dozen": 12, "a couple of": 2, "twice": 2,
}  # fmt: skip
ROUND_NUMBERS = ("a dozen", "dozen", "twenty", "thirty")
"""Count words that are round rather than exact ('a dozen drafts' may be eleven or thirteen)."""
_NUMBER = r"\d{1,3}|" + "|".join(sorted((re.escape(w) for w in NUMBERS), key=len, reverse=True))
_PERIODS = (
    (re.compile(rf"\b(?:past|last|previous)\s+(?P<n>{_NUMBER})\s+(?P<unit>year|decade)s?\b", re.I)),
    (
        re.compile(
            r"\bfor\s+(?:(?:more\s+than|nearly|almost|over|some|about)\s+)?"
            rf"(?P<n>{_NUMBER})\s+(?P<unit>year|decade)s\b",
            re.I,
        )
    ),
    re.compile(r"\b(?P<this>this)\s+(?:decade|century)\b", re.I),
    re.compile(r"\b(?:past|last)\s+(?P<unit>decade|year)\b", re.I),
    re.compile(r"\b(?i:since)\s+(?:(?i:early|mid|late|the\s+end\s+of|the)[\s-]+)?(?:[A-Z][a-z]+\s+)?"
               r"(?P<since>(?:19|20)\d\d)\b"),
    re.compile(r"\b(?:from|between)\s+(?P<a>(?:19|20)\d\d)\s+(?:to|and|until|till)\s+"
               r"(?P<b>(?:19|20)\d\d)\b"),
)  # fmt: skip
"""Periods a claim holds over, counted back from the publication year (the first
`FRAMING_PERIODS`), or written as years."""
FRAMING_PERIODS = 4

# --- Language data: delays -------------------------------------------------------------------

AGREEMENT_VERBS = ("sign", "conclude", "ink", "seal", "reach", "strike", "agree", "order")
AGREEMENT_NOUNS = _words(
    """contract agreement deal accord treaty pact memorandum declaration protocol arrangement
    order"""
)
START_WORDS = (("lay", "stone"), ("lay", "foundation"), ("break", "ground"))
"""A project's start: 'laid its foundation stone', 'broke ground' (and 'construction began')."""
START_NOUNS = ("construction", "work", "building")
START_VERBS = ("begin", "start", "commence", "launch")
_PROMISE = re.compile(
    r"\b(?:due|supposed|scheduled|expected|slated|planned|meant|intended)\s+(?:to|for|by|in)\b"
    r"|\b(?:promised|pledged|agreed|undertook|vowed|committed|promising|pledging|agreeing)"
    r"\s+(?:(?:themselves|itself|himself)\s+)?to\b|\b(?:was|were)\s+to\s+be\b",
    re.I,
)
"""Words that promise a date: 'was due to be completed by 2017', 'promised to ... within two
months'."""
PROMISE_VERBS = ("agree", "promise", "pledge", "undertake", "vow", "commit", "plan")
"""Verbs whose infinitive is a promise, wherever it stands ('agreed on 5 March to ...')."""
_WITHIN = re.compile(rf"\bwithin\s+(?:(?:{_NUMBER})\s+)?(?:day|week|month|year)s?\b", re.I)
MILESTONES = {
    "deliver": "delivery", "delivery": "delivery", "dispatch": "delivery", "ship": "delivery",
    "arrive": "delivery", "unload": "delivery", "handover": "handover", "complete": "completion",
    "completion": "completion", "finish": "completion", "commission": "commissioning",
    "commissioning": "commissioning", "launch": "launch", "inaugurate": "inauguration",
    "inauguration": "inauguration", "open": "opening", "reopen": "reopening",
    "reopening": "reopening", "resume": "resumption", "suspend": "suspension",
    "suspension": "suspension", "freeze": "suspension", "froze": "suspension",
    "halt": "suspension", "fill": "filling", "filling": "filling", "cancel": "cancellation",
    "scrap": "cancellation", "abandon": "cancellation", "collapse": "collapse",
    "postpone": "postponed_to", "delay": "postponed_to", "defer": "postponed_to",
    "reschedule": "postponed_to",
}  # fmt: skip
FAILURES = ("suspension", "cancellation", "collapse", "postponed_to")
"""Milestones that say the deal was not carried out: a delay claim whatever their date."""
"""Words that say what happened to a deal, and the milestone they name ('ship' only as a
verb: 'partnership' holds no ship; 'hand' only with 'over', 'connect' only to the grid)."""
_VERB_ONLY = (
    "ship",
    "open",
    "fill",
    "launch",
    "arrive",
    "delay",
    "postpone",
    "defer",
    "reschedule",
)
LATENESS = _words(
    """only finally ultimately eventually late delay delayed postpone postponed stall stalled
    drag dragged overdue belatedly never yet"""
)
"""Words around a milestone that say it came late: without a promised date, a delay claim
needs one of them."""
ON_TIME = re.compile(r"\bon\s+(?:time|schedule)\b|\bpromptly\b|\bas\s+(?:promised|planned)\b", re.I)
SUBJECT_KINDS = (
    _words("submarine boat vessel ship frigate corvette destroyer warship hull"),
    _words("missile system battery launcher radar interceptor"),
    _words("jet fighter aircraft plane helicopter drone bomber"),
    _words("tank vehicle howitzer gun"),
    _words(
        """plant reactor station unit dam reservoir turbine facility pipeline port bridge
        railway line tunnel road canal terminal airport refinery mine"""
    ),
    _words("embassy consulate mission"),
)
"""Things a definite description may call a deal's subject by ('the lead vessel' for
submarines, 'the reactor' for a plant)."""
GENERIC_SUBJECTS = _words(
    """deal contract agreement accord order purchase shipment delivery consignment batch sale
    project work construction weapon weapons arm arms equipment hardware talk talks
    negotiation negotiations transfer handover transaction"""
)
DEFINITE = ("the", "these", "those", "this", "that")
_DESIGNATION = re.compile(r"\b[A-Z][A-Za-z]{0,3}-\d{1,4}[A-Za-z0-9]*\b|\b[A-Z][a-z]+-class\b")
"""Weapon designations ('S-300', 'J-10C', 'Su-35') and classes ('Hangor-class')."""
GENERIC_NAME_WORDS = _words(
    """The A An Nuclear Power Plant Station Dam Grand National Great New North South East West
    Energy Atomic Project Agreement Treaty Declaration Principles Economic Corridor"""
)
"""Words of a proper name too common to tell its subject apart ('Bushehr' tells, 'Plant' not)."""
DELAY_WINDOW = 6
"""How many sentences after an agreement a definite description or pronoun may refer to it."""
_RELATIVE_DATE = re.compile(
    r"\b(?:later|earlier|ago|after|before|following|next|previous|same|that|this|within)\b", re.I
)

# --- Language data: votes --------------------------------------------------------------------

VOTE_VERBS = {"back": "yes", "support": "yes", "endorse": "yes", "oppose": "no",
              "abstain": "abstain"}  # fmt: skip
"""Verbs of a vote besides 'voted for/against/in favour of'."""
_RESOLUTION_RUN = re.compile(
    r"\b(?:resolutions?|unscr|s/res/)\s*(?P<run>\d{1,4}(?:\s*\(\d{4}\))?(?:(?:\s*,\s*(?:(?:and|or)"
    r"\s+)?|\s+(?:and|or|to|through)\s+|\s*[–-]\s*)(?:(?:resolution|unscr)\s+)?\d{1,4}"
    r"(?:\s*\(\d{4}\))?(?![\w/-]))*)",
    re.I,
)
"""A resolution keyword and the list of numbers it opens ('resolutions 1803, 1835 and 1929',
'UNSCR 1973', 'resolution 1929 (2010)': the year in brackets is the resolution's)."""
_RESOLUTION_RANGE = re.compile(
    r"\bfrom\s+(?:(?:resolution|unscr)\s+)?(?P<a>\d{3,4})\b(?:\s*\(\d{4}\))?[^;]*?\bto\s+"
    r"(?:(?:resolution|unscr)\s+)?(?P<b>\d{3,4})\b",
    re.I,
)
_LABEL = re.compile(r"\b(?:A/RES/)?(?P<label>[A-Z]{1,3}-\d{1,3}/\d{1,3})\b")
"""General Assembly resolutions of emergency sessions: 'ES-11/1'."""
_RESOLUTION_WORD = re.compile(r"\bresolutions?\b|\bunscr\b|\bs/res/", re.I)
_COUNTED = re.compile(
    rf"\b(?P<n>{_NUMBER})\s+(?:[\w-]+\s+){{0,2}}?(?:resolutions|drafts|texts)\b", re.I
)
NEGATIVE_HEADS = ("fail", "refuse", "decline", "hesitate", "avoid", "neglect")
MODALS = ("would", "could", "may", "might", "will", "should", "must", "shall")
INTENT = ("ask", "urge", "want", "plan", "intend", "hope", "threaten", "offer", "promise",
          "pledge", "agree", "due", "suppose", "schedule", "expect")  # fmt: skip
"""Verbs under which an act is asked for or planned, not done ('asked Putin not to deliver')."""


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


# --- The article as the coder parsed it ------------------------------------------------------


@dataclass
class _Sentence:
    """One of the parse's sentences: its number (as in the events' `origin_ref`), its actors
    and dates (document offsets), its events, and the story's subject before it."""

    number: int
    span: Span
    ref: str
    mentions: list[ActorMention]
    dates: list[ResolvedDate]
    events: list[dict[str, object]]
    topic: list[str]

    @property
    def text(self) -> str:
        return self.span.text.rstrip()

    @property
    def start(self) -> int:
        return self.span.start_char

    def mention_at(self, char: int) -> ActorMention | None:
        return next((m for m in self.mentions if m.start <= char < m.end), None)

    def states(self, lo: int, hi: int) -> list[ActorMention]:
        """The actors between two document offsets that may be one side of a relation: not a
        place ('the Great Hall of the People', 'Wuhan'), which stands for its state only as a
        destination, except a capital ('relations with Hanoi'); not a region ('Africa')."""
        return [
            m
            for m in self.mentions
            if lo <= m.start and m.end <= hi and m.code and m.role != "region" and m.role != PLACE
        ]


class _Article:
    """The parse, its sentences, and what the story is about (its subjects, its main actor)."""

    def __init__(
        self,
        doc: Doc,
        events: Iterable[dict[str, object]],
        published: date,
        doc_id: str,
        actors: ActorMatcher,
    ) -> None:
        self.doc, self.published, self.doc_id, self.actors = doc, published, doc_id, actors
        self.main = ""
        by_number: dict[int, list[dict[str, object]]] = {}
        for row in events:
            number = int(str(row["origin_ref"]).rsplit(":", 2)[1])
            by_number.setdefault(number, []).append(row)
        self.sentences: list[_Sentence] = []
        previous: ResolvedDate | None = None
        topic: list[str] = []
        counts: dict[str, int] = {}
        for number, span in enumerate(doc.sents, start=1):
            if is_heading(span):
                continue
            offset = span.start_char
            dates = [
                dataclasses.replace(d, start=d.start + offset, end=d.end + offset)
                for d in find_dates(span.text, published, previous)
            ]
            when = resolve_sentence_date(span.text, published, previous)
            if when.precision != "unknown":
                previous = when
            on = when.date if when.precision != "unknown" else None
            mentions = [
                dataclasses.replace(m, start=m.start + offset, end=m.end + offset)
                for m in actors.find(span.text, on)
            ]
            text = span.text.rstrip()
            ref = f"{doc_id}:{number}:{offset}-{offset + len(text)}"
            sentence = _Sentence(
                number, span, ref, mentions, dates, by_number.get(number, []), list(topic)
            )
            self.sentences.append(sentence)
            for m in sentence.states(offset, offset + len(text)):
                if m.sector != "IGO":
                    counts[m.code] = counts.get(m.code, 0) + 1
            root = span.root
            subject = self.subject_codes(root, sentence) if root.pos_ in ("VERB", "AUX") else []
            topic = subject or topic
        self.main = max(counts, key=lambda c: counts[c]) if counts else ""
        """The state the article names most."""

    def before(self, sentence: _Sentence) -> _Sentence | None:
        index = self.sentences.index(sentence)
        return self.sentences[index - 1] if index else None

    def subject_codes(self, verb: Token, sentence: _Sentence, igo: bool = True) -> list[str]:
        """The actors of the verb's subject (a clause sharing its head's subject: 'tried ...
        and agreed', 'did not hesitate to vote'; without international organisations unless
        `igo`); a pronoun stands for its antecedent."""
        codes: list[str] = []
        for subject in _subjects(verb):
            for token in coordinated(subject):
                if token.lower_ in PERSONAL_PRONOUNS:
                    found = self.antecedent(sentence, token.idx)
                    codes += [found] if found else []
                    continue
                lo, hi = _extent(token)
                codes += [m.code for m in sentence.states(lo, hi) if igo or m.sector != "IGO"]
                place = sentence.mention_at(token.idx)  # "Delhi signed": a place acting is
                if place is not None and place.role == PLACE and place.code:  # its state
                    codes.append(place.code)
        return list(dict.fromkeys(codes))

    def antecedent(self, sentence: _Sentence, char: int, exclude: Sequence[str] = ()) -> str | None:
        """What a pronoun at `char` stands for: the latest actor before it in a subject of the
        same sentence ('while Moscow was acting ..., it did not hesitate'), else the latest
        actor before it ('For Beijing, ... its'), else the story's subject, else the article's
        main actor."""
        for mention in reversed(sentence.states(sentence.start, char)):
            token = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
            if token is None or mention.code in exclude or mention.sector == "IGO":
                continue
            if _in_subject(token.root):
                return mention.code
        earlier = [m for m in sentence.states(sentence.start, char) if m.sector != "IGO"]
        for code in [*(m.code for m in reversed(earlier)), *sentence.topic, self.main]:
            if code and code not in exclude:
                return code
        return None

    def tokens(self, lo: int, hi: int) -> list[Token]:
        span = self.doc.char_span(lo, hi, alignment_mode="contract")
        return list(span) if span is not None else []

    def token_at(self, char: int) -> Token | None:
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None


@cache
def _subjects(verb: Token) -> list[Token]:
    found = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if verb.dep_ == "relcl" and any(c.lower_ in ("which", "that", "who") for c in found):
        return [verb.head]
    if not found and verb.dep_ in ("xcomp", "conj", "advcl", "acl") and verb.head.i != verb.i:
        return _subjects(verb.head)
    return found


def _extent(token: Token) -> tuple[int, int]:
    """The document offsets of the token's phrase, without its clauses and coordinated
    phrases ('Saudi Arabia' of 'Saudi Arabia and Iran' is counted once per conjunct)."""
    words = [token]
    stack = [c for c in token.children if c.dep_ not in ("conj", "cc", "relcl", "acl", "appos")]
    while stack:
        child = stack.pop()
        words.append(child)
        stack.extend(child.children)
    first = min(words, key=lambda t: t.i)
    last = max(words, key=lambda t: t.i)
    return first.idx, last.idx + len(last)


def _in_subject(token: Token) -> bool:
    """Whether the token is (part of the name or possessor of) a clause's subject."""
    while token.dep_ in ("poss", "compound", "amod", "det", "case", "appos", "conj", "nmod"):
        if token.head.i == token.i:
            return False
        token = token.head
    return token.dep_ in ("nsubj", "nsubjpass")


def _negated(token: Token) -> bool:
    """Whether the act is denied: negated itself or by a verb governing it ('failed to
    deliver'), an even number of denials cancelling out ('did not hesitate to vote')."""
    denials = sum(c.dep_ == "neg" for c in token.children)
    while token.dep_ in ("xcomp", "acomp") and token.head.i != token.i:
        token = token.head
        denials += sum(c.dep_ == "neg" for c in token.children)
        denials += token.lemma_ in NEGATIVE_HEADS
    return denials % 2 == 1


# --- The claims of an article ------------------------------------------------------------------


def find_claims(
    doc: Doc,
    events: Iterable[dict[str, object]] | pd.DataFrame,
    published: date,
    doc_id: str,
    actors: ActorMatcher | None = None,
) -> list[Claim]:
    """The claims of a parsed article (`EventCoder.parse`) whose events the coder gave
    (`EventCoder.code_parsed`), in text order, with ids unique within it; every claim points
    at its sentence as events do (`doc_id:number:start-end`)."""
    if isinstance(events, pd.DataFrame):
        events = events.to_dict("records")
    article = _Article(doc, events, published, doc_id, actors or ActorMatcher.default())
    found: list[Claim] = []
    for sentence in article.sentences:
        if sentence.text.endswith("?"):
            continue  # a question asserts nothing
        found += _dependence_claims(sentence, article)
        found += _vote_claims(sentence, article)
        found += _veto_claims(sentence, article)
    found = _distinct(found)
    delays = _delay_claims(article)
    drivers = [c.fields for c in found if c.kind == "dependence" and not c.fields.get("negated")]
    for claim in delays:
        parties = set(claim.fields["parties"])  # type: ignore[arg-type]
        for fields in drivers:
            if parties == set(str(fields["dependent"]).split("-")):
                claim.fields["driver"] = fields["driver"]
                break
    found += delays
    found = [c for c in found if _complete(c)]
    return _numbered(sorted(found, key=lambda c: _position(c.origin_ref)))


def _complete(claim: Claim) -> bool:
    """Whether every party the claim needs is an actor: both sides of both dyads, the voter,
    each party of a deal."""
    fields = claim.fields
    if claim.kind == "dependence":
        names = [side for key in ("dependent", "driver") for side in str(fields[key]).split("-")]
        return len(names) == 4 and all(names)
    if claim.kind == "delay":
        parties = fields.get("parties")
        return isinstance(parties, list) and bool(parties) and all(parties)
    return bool(fields.get("actor"))


def _position(ref: str) -> int:
    """Where a claim's sentence starts in its document."""
    return int(ref.rsplit(":", 1)[1].split("-")[0])


def _distinct(claims: list[Claim]) -> list[Claim]:
    """One claim per dependence the article states (its first statement; a restatement adds
    the period it gives), and per vote."""
    kept: list[Claim] = []
    seen: dict[tuple[object, ...], Claim] = {}
    for claim in claims:
        if claim.kind == "dependence":
            f = claim.fields
            key: tuple[object, ...] = (
                "dependence",
                frozenset(str(f["dependent"]).split("-")),
                frozenset(str(f["driver"]).split("-")),
                bool(f.get("negated")),
            )
        else:
            key = (claim.kind, claim.origin_ref, repr(sorted(claim.fields.items())))
        if key in seen:
            first = seen[key]
            if "period" in claim.fields and "period" not in first.fields:
                first.fields["period"] = claim.fields["period"]
            continue
        seen[key] = claim
        kept.append(claim)
    return kept


def _numbered(claims: list[Claim]) -> list[Claim]:
    counts: dict[str, int] = {}
    for claim in claims:
        counts[claim.kind] = counts.get(claim.kind, 0) + 1
        claim.id = f"{claim.kind}-{counts[claim.kind]}"
    return claims


# --- Dependence ----------------------------------------------------------------------------------


@dataclass
class _Relation:
    """A relation written in the text: its second actor, and its first one (a mention), or
    the possessive pronoun standing for it, or neither ('relations with Baku'); `paired` when
    written as a relation, not a lone actor."""

    second: ActorMention
    start: int
    end: int
    first: ActorMention | None = None
    pronoun: Token | None = None
    words: list[Token] = field(default_factory=list)
    paired: bool = True

    @property
    def relational(self) -> bool:
        """Whether the phrase names a relation ('ties', 'rivalry', 'the thaw'), not an act
        ('sanctions on', 'strikes on')."""
        return any(
            w.lemma_.lower() in RELATION_NOUNS or w.lower_ in RELATION_NOUNS or _word_sign(w) > 0
            for w in self.words
        ) or any(w.lemma_.lower() in RIVALRY_NOUNS for w in self.words)

    def polarity(self) -> tuple[int, bool]:
        """(sign, whether the words say it): 'cooling relations' -1, 'the thaw' +1, 'ties' +1
        (a relation's level: said by no word)."""
        for word in self.words:
            sign = _word_sign(word)
            if sign:
                return sign, True
        return 1, False


def _word_sign(token: Token) -> int:
    word, lemma = token.lower_, token.lemma_.lower()
    if word in _ADVERB_ONLY and token.pos_ != "ADV":
        return 0
    if word in COOLING or lemma in COOLING:
        return -1
    if word in WARMING or lemma in WARMING:
        return 1
    return 0


def _relations(sentence: _Sentence, article: _Article, lo: int, hi: int) -> list[_Relation]:
    """The relations written between two offsets: 'Saudi-Iranian thaw', 'ties between A and
    B', 'A's cooling relations with B', 'Russian arms for B', 'its alliance with B',
    'relations with B'."""
    doc = article.doc
    text = doc.text
    states = sentence.states(lo, hi)
    found: list[_Relation] = []
    for first, second in itertools.pairwise(states):
        between = text[first.end : second.start].strip().lower()
        before = text[max(lo, first.start - 12) : first.start].lower()
        joined = between in _JOINERS or (
            between in ("and", "and the") and re.search(r"\bbetween\s+(?:the\s+)?$", before)
        )
        if joined and first.code != second.code:
            words = _words_after(article, second.end, hi)
            before_words = _words_before(article, first.start, lo)
            found.append(
                _Relation(second, first.start, second.end, first, words=words + before_words)
            )
    for second in states:
        relation = _prepositional_relation(sentence, article, second, lo)
        if relation and not any(r.second is second or r.first is second for r in found):
            found.append(relation)
    return sorted(found, key=lambda r: r.start)


def _words_after(article: _Article, char: int, hi: int) -> list[Token]:
    """The noun a joined pair names ('Saudi-Iranian thaw'), with its modifiers."""
    following = article.tokens(char, hi)
    if not following:
        return []
    head = following[0]
    while (
        head.pos_ in ("ADJ", "VERB") and head.dep_ in ("amod", "compound") and head.head.i > head.i
    ):
        head = head.head
    if head.pos_ not in ("NOUN", "PROPN"):
        return []
    return [head, *(c for c in head.children if c.dep_ in ("amod", "compound"))]


def _words_before(article: _Article, char: int, lo: int) -> list[Token]:
    """Modifiers before a joined pair ('the cooling Russian-American ties'), or the noun of
    'ties between A and B'."""
    token = article.token_at(char)
    if token is None or token.i == 0:
        return []
    doc = article.doc
    previous = doc[token.i - 1]
    if previous.lower_ == "the" and token.i > 1:
        previous = doc[token.i - 2]
    if previous.lower_ == "between" and previous.i > 0 and doc[previous.i - 1].idx >= lo:
        noun = doc[previous.i - 1]
        if noun.pos_ in ("NOUN", "PROPN"):
            return [noun, *(c for c in noun.children if c.dep_ == "amod")]
    return [previous] if previous.idx >= lo and previous.pos_ in ("ADJ", "VERB") else []


def _prepositional_relation(
    sentence: _Sentence, article: _Article, second: ActorMention, lo: int
) -> _Relation | None:
    """'A's relations with B', 'Russian arms for B', 'its rivalry with B', 'ties with B'."""
    doc = article.doc
    token = article.token_at(second.start)
    if token is None:
        return None
    j = token.i - 1
    while j >= sentence.span.start and doc[j].lower_ in ("the", "a", "an"):
        j -= 1
    if j < sentence.span.start or doc[j].idx < lo or doc[j].lower_ not in RELATION_PREPOSITIONS:
        return None
    k, words = j - 1, []
    while k >= sentence.span.start and doc[k].idx >= lo and len(words) < 5:
        t = doc[k]
        if sentence.mention_at(t.idx) or t.lower_ in POSSESSIVE_PRONOUNS:
            break
        if t.lower_ in ("'s", "’s", "'", "’") or t.text == "-":
            k -= 1
            continue
        if t.pos_ in ("NOUN", "ADJ", "PROPN") or (t.pos_ == "VERB" and t.dep_ == "amod"):
            words.append(t)
            k -= 1
            continue
        break
    if not words or words[0].pos_ not in ("NOUN", "PROPN"):
        return None
    start = words[-1].idx
    t = None if k < sentence.span.start or doc[k].idx < lo else doc[k]
    first = sentence.mention_at(t.idx) if t is not None else None
    if first is not None and first in sentence.states(first.start, first.end):
        if first.code == second.code:
            return None
        return _Relation(second, first.start, second.end, first, words=words)
    if t is not None and t.lower_ in POSSESSIVE_PRONOUNS:
        return _Relation(second, t.idx, second.end, pronoun=t, words=words)
    if words[0].lemma_.lower() in RELATION_NOUNS or words[0].lower_ in RELATION_NOUNS:
        return _Relation(second, start, second.end, words=words)
    return None


def _side(
    sentence: _Sentence, article: _Article, lo: int, hi: int, last: bool, strict: bool
) -> _Relation | None:
    """The relation of one side of a cue: the one nearest the cue (the last before it, the
    first after it); where the side names no relation, its actor nearest the cue alone (a
    lone actor only for cues that allow one)."""
    relations = _relations(sentence, article, lo, hi)
    if strict:  # a relation, written as one: "A's ties with B", not "A's sanctions on B"
        relations = [r for r in relations if r.relational]
    if relations:
        return relations[-1] if last else relations[0]
    if strict:
        return None
    text = article.doc.text
    if last:  # a lone actor, or a clause's two, next to the cue: not across a comma
        lo = max(lo, text.rfind(",", lo, hi) + 1)
    else:
        comma = text.find(",", lo, hi)
        hi = comma if comma >= 0 else hi
    states = sentence.states(lo, hi)
    if not states:
        return None
    distinct: dict[str, ActorMention] = {}
    for mention in reversed(states) if last else states:
        distinct.setdefault(mention.code, mention)
    if len(distinct) >= 2:  # a clause's actors: "the closer Belgrade moves to Brussels"
        first, second = sorted(list(distinct.values())[:2], key=lambda m: m.start)
        return _Relation(second, first.start, second.end, first)
    lone = states[-1] if last else states[0]
    return _Relation(lone, lone.start, lone.end, paired=False)


def _dyads(
    sentence: _Sentence, article: _Article, dependent: _Relation, driver: _Relation, at: int
) -> tuple[str, str] | None:
    """The directed dyads ('RUS-IRN', 'RUS-USA') of the two relations, each completed with
    the actor they share: a relation written with its first actor gives it to the other
    one; else the subject of the clause (or the story's, or the article's main actor)."""
    pivot = next(
        (r.first.code for r in (dependent, driver) if r.first is not None and r.first.code),
        None,
    )
    if pivot is None:
        pronoun = next((r.pronoun for r in (dependent, driver) if r.pronoun is not None), None)
        pivot = article.antecedent(
            sentence,
            pronoun.idx if pronoun is not None else at,
            exclude=[r.second.code for r in (dependent, driver) if not r.paired],
        )
    dyads = []
    for relation in (dependent, driver):
        first = relation.first.code if relation.first is not None else pivot
        if not first or first == relation.second.code:
            return None
        dyads.append(f"{first}-{relation.second.code}")
    if set(dyads[0].split("-")) == set(dyads[1].split("-")):
        return None
    return dyads[0], dyads[1]


def _denied(article: _Article, sentence: _Sentence, at: int) -> bool:
    """Whether the clause denies what follows at `at`: a denial frame before it in its clause
    ('it would be wrong to see ... as'), a denying phrase just before it ('no longer', 'far
    from being', 'rather than'), or a negation of the word itself or of the verb it depends
    on ('is not a function of', 'has never tracked'); not 'not only'. Denials cancel out."""
    head = sentence.text[: at - sentence.start]
    clause_start = max((m.end() for m in _BOUNDARY.finditer(head)), default=0)
    denials = len(_FRAMES.findall(head[clause_start:]))
    if _DENIED_OPENING.search(head[clause_start:]) and _DENIED_AFTER.search(
        sentence.text[at - sentence.start :]
    ):
        denials += 1
    near = article.tokens(sentence.start + clause_start, at)[-4:]
    while any(t.text in (",", ";", ":", "(", ")") for t in near):  # not a negation in a
        near = near[1:]  # clause before a comma
    if near and _NEAR_DENIAL.search(article.doc.text[near[0].idx : at]):
        denials += 1
    negations = {t.i for t in near if t.lower_ in NEGATORS}
    word = article.token_at(at)
    for _ in range(4):
        if word is None:
            break
        negations |= {
            c.i for c in word.children if c.dep_ == "neg" or c.lower_ in ("nor", "neither")
        }
        if word.pos_ in ("VERB", "AUX") or word.head.i == word.i:
            break
        word = word.head
    doc = article.doc
    for i in negations:
        following = doc[i + 1].lower_ if i + 1 < len(doc) else ""
        if following not in AFFIRMING and following != "longer":
            denials += 1
    return denials % 2 == 1


def _segment(sentence: _Sentence, start: int, end: int) -> tuple[int, int]:
    """The clause around [start, end): from the last clause boundary before it to the first
    after it."""
    text, offset = sentence.text, sentence.start
    lo = max((m.end() for m in _BOUNDARY.finditer(text, 0, start - offset)), default=0)
    found = _BOUNDARY.search(text, end - offset)
    hi = found.start() if found else len(text)
    return lo + offset, hi + offset


def _dependence_claims(sentence: _Sentence, article: _Article) -> list[Claim]:
    """The sentence's dependence claims (see the module docstring)."""
    found: list[Claim] = []
    text, offset = sentence.text, sentence.start
    comparative = _comparative(sentence, article)
    taken: list[tuple[int, int]] = []
    for cue in DEPENDENCE_CUES:
        for match in cue.pattern.finditer(text):
            start, end = match.start() + offset, match.end() + offset
            if any(a < end and start < b for a, b in taken):
                continue
            lo, hi = _segment(sentence, start, end)
            left = _side(sentence, article, lo, start, last=True, strict=cue.strict)
            right = _side(sentence, article, end, hi, last=False, strict=cue.strict)
            comma = text.find(",", match.end(), hi - offset)
            if left is None and cue.dependent_first and comma >= 0:  # "Far from being
                # hostage to A's ties with B, C's ties with A ...": the main clause depends
                right = _side(sentence, article, end, comma + offset, last=False, strict=True)
                left = _side(sentence, article, comma + offset, hi, last=False, strict=True)
            dependent, driver = (left, right) if cue.dependent_first else (right, left)
            claim = _dependence(sentence, article, dependent, driver, cue.sign, start, comparative)
            if claim:
                taken.append((start, end))
                found.append(claim)
    for match in _OWN_EXPENSE.finditer(text):  # "... came at Tehran's expense"
        start, end = match.start() + offset, match.end() + offset
        lo, _ = _segment(sentence, start, end)
        driver = _side(sentence, article, lo, start, last=True, strict=False)
        dependent = _side(sentence, article, start, end, last=False, strict=False)
        claim = _dependence(sentence, article, dependent, driver, -1, start, comparative)
        found += [claim] if claim else []
    found += _traded(sentence, article, comparative)
    found += _correlative(sentence, article)
    if not found and comparative is not None and comparative[1] is not None:
        found.append(comparative[1])
    return found


def _dependence(
    sentence: _Sentence,
    article: _Article,
    dependent: _Relation | None,
    driver: _Relation | None,
    sign: int,
    at: int,
    comparative: tuple[int, Claim | None] | None,
) -> Claim | None:
    """The claim that `dependent` depends on `driver`, the cue's sign times the relations'."""
    if dependent is None or driver is None or _wished(article, at):
        return None
    dyads = _dyads(sentence, article, dependent, driver, at)
    if dyads is None:
        return None
    (dependent_sign, said), (driver_sign, driver_said) = dependent.polarity(), driver.polarity()
    if sign:
        expect = sign * dependent_sign * driver_sign
    elif said or driver_said:
        expect = dependent_sign * driver_sign
    elif comparative is not None:
        expect = comparative[0]
    else:
        expect = -1
    return _dependence_claim(sentence, article, dyads, expect, _denied(article, sentence, at))


def _wished(article: _Article, at: int) -> bool:
    """Whether the words at `at` say what someone hoped or wanted, not what is ('officials
    hoped that its ties with A would deepen at the expense of ...')."""
    token = article.token_at(at)
    while token is not None and token.head.i != token.i:
        token = token.head
        if re.fullmatch(WISHING, token.lower_):
            return True
    return False


def _dependence_claim(
    sentence: _Sentence, article: _Article, dyads: tuple[str, str], expect: int, negated: bool
) -> Claim:
    fields: dict[str, object] = {
        "dependent": dyads[0],
        "driver": dyads[1],
        "expect": "positive" if expect > 0 else "negative",
    }
    if negated:
        fields["negated"] = True
    period = _period(sentence.text, article.published)
    if period is None and (before := article.before(sentence)) is not None:
        period = _period(before.text, article.published, framing=True)
    if period is not None:
        fields["period"] = period
    return Claim("", "dependence", sentence.text, sentence.ref, fields)


def _traded(
    sentence: _Sentence, article: _Article, comparative: tuple[int, Claim | None] | None
) -> list[Claim]:
    """'A sacrificed (let down) its ties with B to win C', 'A paid for X with Y', 'the price
    of X is paid in Y': one relation given up for another."""
    found = []
    text, offset = sentence.text, sentence.start
    for match in _SACRIFICE.finditer(text):
        start, end = match.start() + offset, match.end() + offset
        hi = _segment(sentence, start, end)[1]
        if match.group().lower().startswith("let"):
            down = _SACRIFICE_END.search(text, match.end(), hi - offset)
            if down is None:
                continue
            middle, after = down.start() + offset, down.end() + offset
        else:
            mentions = sentence.states(end, hi)
            if not mentions:
                continue
            purpose = _PURPOSE.search(text, mentions[0].end - offset, hi - offset)
            if purpose is None:
                continue
            middle, after = purpose.start() + offset, purpose.end() + offset
        dependent = _side(sentence, article, end, middle, last=False, strict=False)
        driver = _side(sentence, article, after, hi, last=False, strict=False)
        claim = _dependence(sentence, article, dependent, driver, -1, start, comparative)
        found += [claim] if claim else []
    for opening, closing in ((_PAID_FOR, _PAID_WITH), (_PRICE_OF, _PRICE_PAID)):
        for match in opening.finditer(text):
            start, end = match.start() + offset, match.end() + offset
            hi = _segment(sentence, start, end)[1]
            states = sentence.states(end, hi)
            if not states:
                continue
            paid = closing.search(text, states[0].end - offset, hi - offset)
            if paid is None:
                continue
            driver = _side(sentence, article, end, paid.start() + offset, last=False, strict=False)
            dependent = _side(sentence, article, paid.end() + offset, hi, last=False, strict=False)
            claim = _dependence(sentence, article, dependent, driver, -1, start, comparative)
            found += [claim] if claim else []
    return found


def _correlative(sentence: _Sentence, article: _Article) -> list[Claim]:
    """'Whenever (each time) A did x, B did y': B's relation (the main clause's) depends on
    A's (the condition's), with the sign of x times y."""
    found = []
    text, offset = sentence.text, sentence.start
    for match in CORRELATIVES.finditer(text):
        start, end = match.start() + offset, match.end() + offset
        lo, hi = _segment(sentence, start, end)
        opening = article.tokens(lo, start)
        leading = not sentence.states(lo, start) and all(
            t.pos_ not in ("VERB", "AUX", "NOUN", "PROPN") for t in opening
        )
        if leading:  # "(Still,) whenever A ..., B ..."
            comma = text.find(",", match.end(), hi - offset)
            if comma < 0:
                continue
            rest = re.search(r",\s+(?:and|but)\s", text[comma + 1 : hi - offset])
            condition = (end, comma + offset)
            consequence = (comma + 1 + offset, comma + 1 + offset + rest.start() if rest else hi)
        else:  # "B ... whenever A ..."
            condition, consequence = (end, hi), (lo, start)
        clauses = [_clause_relation(sentence, article, *span) for span in (condition, consequence)]
        if any(c is None for c in clauses):
            continue
        (cause, cause_sign), (effect, effect_sign) = clauses  # type: ignore[misc]
        if cause_sign == 0 or effect_sign == 0:
            continue
        cause, effect = _fill_pronouns(sentence, article, cause, effect, condition, consequence)
        if cause is None or effect is None or set(cause) == set(effect) or len(set(effect)) < 2:
            continue
        dyads = ("-".join(effect), "-".join(cause))
        if _wished(article, start):
            continue
        negated = _denied(article, sentence, start)
        found.append(_dependence_claim(sentence, article, dyads, cause_sign * effect_sign, negated))
    return found


def _clause_relation(
    sentence: _Sentence, article: _Article, lo: int, hi: int
) -> tuple[list[str], int] | None:
    """The actors of a clause in order (its subject first) and how it moves their relation:
    the sign of its verb, else of the words the verb governs ('moved closer', 'drifted
    further'), else of the coder's events in it (a cooperative act warms, a hostile one
    cools)."""
    tokens = article.tokens(lo, hi)
    if not tokens:
        return None
    codes = [m.code for m in sentence.states(lo, hi)]
    codes = list(dict.fromkeys(codes))
    inside = {t.i for t in tokens}
    heads = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    verbs = [t for t in heads if t.pos_ in ("VERB", "AUX")] + [  # then the clauses inside it
        t for t in tokens if t.pos_ in ("VERB", "AUX") and t not in heads
    ]
    sign = 0
    for verb in verbs:
        sign = _verb_sign(verb, inside)
        if sign:
            break
    if not sign:
        sign = next((_word_sign(t) for t in tokens if _word_sign(t)), 0)
    if not sign:
        names = {m.text for m in sentence.states(lo, hi)}
        for row in sentence.events:
            score = pd.to_numeric(row.get("goldstein"), errors="coerce")
            inside = row.get("source_name") in names and row.get("target_name") in names
            if inside and not pd.isna(score) and score != 0:
                sign = 1 if score > 0 else -1
                break
    return codes, sign


def _verb_sign(verb: Token, inside: set[int]) -> int:
    """How a verb moves the relation of its clause: a change of its subject ('trade has
    risen', 'tensions eased'), else its own sign or its modifiers' ('drew closer', 'drifted
    further'), turned round when denied."""
    denied = -1 if _negated(verb) else 1
    change = CHANGES.get(verb.lemma_.lower())
    if change:
        subjects = [t for s in _subjects(verb) for t in [s, *s.children]]
        polar = next((_word_sign(t) for t in subjects if _word_sign(t)), 0)
        if polar or any(_kind(t) in RELATION_NOUNS for t in subjects):
            return change * (polar or 1) * denied
    modifiers = ("advmod", "acomp", "prt", "xcomp", "oprd", "dobj", "attr")
    words = [verb, *(c for c in verb.children if c.i in inside and c.dep_ in modifiers)]
    return next((_word_sign(w) * denied for w in words if _word_sign(w)), 0)


def _fill_pronouns(
    sentence: _Sentence,
    article: _Article,
    cause: list[str],
    effect: list[str],
    cause_span: tuple[int, int],
    effect_span: tuple[int, int],
) -> tuple[list[str] | None, list[str] | None]:
    """A clause with one actor and a pronoun ('whenever Washington punished it') takes the
    other clause's actor for it: its subject for an object pronoun, its object for a subject
    pronoun."""
    filled = []
    for own, other, span in ((cause, effect, cause_span), (effect, cause, effect_span)):
        own = list(own)
        if len(own) == 1 and other:
            pronouns = [t for t in article.tokens(*span) if t.lower_ in PERSONAL_PRONOUNS]
            if pronouns:
                subject = pronouns[0].dep_ in ("nsubj", "nsubjpass")
                pick = (other[1:] or other) if subject else other[:1]
                extra = [c for c in pick if c not in own][:1]
                own = extra + own if subject else own + extra
        filled.append(own[:2] if len(own) >= 2 else None)
    return filled[0], filled[1]


def _comparative(sentence: _Sentence, article: _Article) -> tuple[int, Claim | None] | None:
    """'The warmer X, the cooler Y': the sign it states, and the claim when both sides name
    relations (Y's depends on X's)."""
    text, offset = sentence.text, sentence.start
    for match in _CORRELATIVE_COMPARATIVE.finditer(text):
        a, b = COMPARATIVES.get(match["a"].lower()), COMPARATIVES.get(match["b"].lower())
        if a is None or b is None:
            continue
        sides = []
        for word, group in ((a, "x"), (b, "y")):
            lo, hi = match.start(group) + offset, match.end(group) + offset
            words = article.tokens(lo, hi)
            polar = next((_word_sign(t) for t in words if _word_sign(t)), 1)
            sides.append((word * polar, lo, hi))
        sign = sides[0][0] * sides[1][0]
        cause = _side(sentence, article, sides[0][1], sides[0][2], last=False, strict=False)
        effect = _side(sentence, article, sides[1][1], sides[1][2], last=False, strict=False)
        claim = None
        if cause is not None and effect is not None and (cause.paired or effect.paired):
            dyads = _dyads(sentence, article, effect, cause, match.start() + offset)
            if dyads:
                negated = _denied(article, sentence, match.start() + offset)
                claim = _dependence_claim(sentence, article, dyads, sign, negated)
        return sign, claim
    return None


def _period(text: str, published: date, framing: bool = False) -> list[int] | None:
    """[first, last] year of the period a sentence gives ('for two decades' before 2024 is
    [2004, 2024], 'this decade' in 2018 [2010, 2018], 'since 2011' [2011, published]); with
    `framing`, only a span counted back from the present ('the story of the past four
    years'), the way a sentence before a claim sets its period."""
    year = published.year
    for pattern in _PERIODS[:FRAMING_PERIODS] if framing else _PERIODS:
        match = pattern.search(text)
        if match is None:
            continue
        groups = match.groupdict()
        if groups.get("a"):
            return [int(groups["a"]), int(groups["b"])]
        if groups.get("since"):
            return [int(groups["since"]), year]
        if groups.get("this"):
            return [year - year % 10, year]
        count = NUMBERS.get(" ".join((groups.get("n") or "one").lower().split()))
        if count is None:
            count = int(groups["n"])
        unit = 10 if groups["unit"].lower() == "decade" else 1
        return [year - count * unit, year]
    return None


# --- Delays --------------------------------------------------------------------------------------


@dataclass
class _Deal:
    """An agreement (or a project's start) followed through the article."""

    sentence: _Sentence
    parties: list[str]
    subject: str
    keys: set[str]
    kinds: set[str]
    signed: ResolvedDate | None
    started: ResolvedDate | None = None
    promised: ResolvedDate | None = None
    milestones: dict[str, ResolvedDate] = field(default_factory=dict)
    late: bool = False
    """Words of lateness ('only', 'finally') next to a milestone."""
    unfulfilled: bool = False
    """A milestone denied ('none has been handed over', 'were never delivered')."""
    skip: set[int] = field(default_factory=set)
    """Offsets of the date expressions that are the deal's own (signing, promise)."""
    promise: tuple[int, int] = (0, 0)
    """Where the words of the promise are: what they name was promised, not done."""

    @property
    def start(self) -> ResolvedDate:
        return self.signed or self.started  # type: ignore[return-value]

    def overdue(self, published: date) -> bool:
        """Whether the article says the deal came late: a freeze or a collapse, a milestone
        after the promised date, nothing done by a promised date already past, or, without a
        promise, a milestone with words of lateness."""
        if any(label in FAILURES for label in self.milestones):
            return True
        if self.promised is None:
            return bool(self.milestones) and self.late
        end = _period_end(self.promised)
        return (
            any(when.date > end or label in FAILURES for label, when in self.milestones.items())
            or (self.unfulfilled and end < published)
            or (self.late and bool(self.milestones))
        )

    def claim(self, published: date) -> list[Claim]:
        if not self.overdue(published):
            return []
        fields: dict[str, object] = {
            "parties": self.parties,
            "subject": self.subject,
            "signed": _date_text(self.signed) if self.signed else None,
        }
        if self.started is not None:
            fields["started"] = _date_text(self.started)
        if self.promised is not None:
            fields["promised"] = _date_text(self.promised)
        if self.milestones:
            ordered = sorted(self.milestones.items(), key=lambda kv: kv[1].date)
            fields["milestones"] = {label: _date_text(when) for label, when in ordered}
        return [Claim("", "delay", self.sentence.text, self.sentence.ref, fields)]


def _delay_claims(article: _Article) -> list[Claim]:
    """The delay claims of the article (see the module docstring)."""
    deals: list[_Deal] = []
    for sentence in article.sentences:
        for token in sentence.span:
            deal = _agreement(sentence, article, token) or _project(sentence, article, token)
            if deal is not None:
                deals.append(deal)
    for deal in deals:
        _promise(deal.sentence, article, deal)
    for sentence in article.sentences:
        for deal in _referred(sentence, article, deals):
            if sentence is not deal.sentence:
                _promise(sentence, article, deal)
            _milestones(sentence, article, deal)
    return [claim for deal in deals for claim in deal.claim(article.published)]


def _agreement(sentence: _Sentence, article: _Article, verb: Token) -> _Deal | None:
    """A signed (concluded, agreed, ordered) deal: its parties, date and subject."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or lemma not in AGREEMENT_VERBS or _negated(verb) or _planned(verb):
        return None
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    deal_nouns = [o for o in objects if o.lemma_.lower() in AGREEMENT_NOUNS]
    complements = [c for c in verb.children if _infinitive(c)]
    if lemma == "order":
        if not objects or deal_nouns:
            return None
        thing: Token | None = objects[0]
    elif lemma == "agree":
        if not (deal_nouns or complements):
            return None
        thing = _object_of(complements[0]) if complements and not deal_nouns else None
    else:
        if not deal_nouns:
            return None
        thing = None
    signed = _nearest_date(article, verb, sentence.dates)
    if signed is None:
        return None
    parties = _parties(sentence, article, verb, objects)
    if len(parties) < 2:
        return None
    subject, keys, kinds = _deal_subject(sentence, article, verb, deal_nouns, thing)
    deal = _Deal(sentence, parties, subject, keys, kinds, signed)
    deal.skip.add(signed.start)
    return deal


def _infinitive(token: Token) -> bool:
    """'agreed to restore': the verb's infinitive complement (the parser may call it a
    clause of its own)."""
    return token.dep_ == "xcomp" or (
        token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    )


def _planned(verb: Token) -> bool:
    """Whether the act is only wanted, planned or possible ('would deliver', 'asked Putin not
    to deliver')."""
    token = verb
    while True:
        if any(c.dep_ == "aux" and c.lower_ in MODALS for c in token.children):
            return True
        if token.dep_ not in ("xcomp", "ccomp", "acomp") or token.head.i == token.i:
            return False
        token = token.head
        if token.lemma_.lower() in INTENT:
            return True


def _object_of(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)


def _parties(
    sentence: _Sentence, article: _Article, verb: Token, objects: list[Token]
) -> list[str]:
    """Who made the deal: the verb's subject and its partners ('with China', not 'with China
    as witness'), else the coder's cooperation events in the sentence (03, 05, 06)."""
    codes = article.subject_codes(verb, sentence)
    complements = [c for c in verb.children if _infinitive(c)]  # "agreed to hand X to Y"
    partners = [
        pobj
        for head in [verb, *objects, *complements]
        for prep in head.children
        if prep.dep_ in ("prep", "dative") and prep.lower_ in ("with", "between", "from", "to")
        for pobj in prep.children
        if pobj.dep_ == "pobj" and not _as_role(pobj)
    ]
    for partner in partners:
        for token in coordinated(partner):
            lo, hi = _extent(token)
            codes += [m.code for m in sentence.states(lo, hi)]
    if len(set(codes)) < 2 and objects:  # "ordered Chinese fighters": the maker's demonym
        lo, hi = _extent(objects[0])
        codes += [m.code for m in sentence.states(lo, hi) if m.role == "demonym"]
    codes = list(dict.fromkeys(codes))
    if len(codes) >= 2:
        return codes
    cooperation = [
        row
        for row in sentence.events
        if str(row.get("cameo", ""))[:2] in ("03", "05", "06")
        and row.get("source")
        and row.get("target")
    ]
    from_events = [str(code) for row in cooperation for code in (row["source"], row["target"])]
    codes = list(dict.fromkeys(codes + from_events))
    if len(codes) < 2:  # a parse without the subject: the actors named before the verb
        before = [m.code for m in sentence.states(sentence.start, verb.idx) if m.sector != "IGO"]
        codes = list(dict.fromkeys(list(dict.fromkeys(before))[-2:] + codes))
    return codes


def _as_role(pobj: Token) -> bool:
    """'with China as witness': a role, not a party."""
    following = pobj.doc[pobj.i + 1] if pobj.i + 1 < len(pobj.doc) else None
    return (following is not None and following.lower_ == "as") or any(
        c.dep_ == "prep" and c.lower_ == "as" for c in [*pobj.children, *pobj.head.children]
    )


def _deal_subject(
    sentence: _Sentence,
    article: _Article,
    verb: Token,
    deal_nouns: list[Token],
    thing: Token | None,
) -> tuple[str, set[str], set[str]]:
    """What was agreed (its text, the names that tell it in other sentences, the kinds of
    thing it is): a designation here or in the sentence before ('S-300'), else a proper name,
    else the noun phrase of what the deal is for ('a contract ... for eight submarines', 'to
    construct a reactor at Bushehr', 'agreed to finalise a deal')."""
    phrases: list[Token] = []
    for noun in deal_nouns:
        phrases += [
            pobj
            for prep in noun.children
            if prep.dep_ == "prep" and prep.lower_ in ("for", "on", "to")
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
        phrases += [o for c in noun.children if c.dep_ in ("acl", "relcl") if (o := _object_of(c))]
    phrases += [p for c in verb.children if _infinitive(c) if (p := _object_of(c))]
    phrases += [
        pobj
        for prep in verb.children
        if prep.dep_ == "prep" and prep.lower_ in ("for", "on")
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    if thing is not None:
        phrases.insert(0, thing)
    phrases += deal_nouns
    kinds = {
        _kind(t)
        for p in phrases
        for t in [p, *p.children]
        if t.dep_ in ("compound", "dobj", "pobj", "nsubjpass", "ROOT", "conj") or t is p
    }
    kinds |= {_kind(t) for p in phrases for t in p.subtree if _kind(t) in _ALL_KINDS}
    lo, hi = _extent(phrases[0]) if phrases else (verb.idx, verb.idx)
    text = article.doc.text[lo:hi] if phrases else ""
    keys = set(_DESIGNATION.findall(text))
    before = article.before(sentence)
    if not keys:
        keys = set(_DESIGNATION.findall(sentence.text))
    if not keys and before is not None:
        keys = set(_DESIGNATION.findall(before.text))
    names = _proper_names(sentence, article, lo, hi)
    subject = sorted(keys, key=text.find)[0] if keys else (names[0] if names else text)
    for name in names:
        keys |= {w for w in name.split() if w not in GENERIC_NAME_WORDS and len(w) > 3}
    for key in list(keys):
        keys.add(key.split("-class")[0]) if key.endswith("-class") else None
    return _trimmed(subject), keys, kinds


def _kind(token: Token) -> str:
    return token.lemma_.lower() if token.pos_ == "NOUN" else ""


_ALL_KINDS = frozenset().union(*SUBJECT_KINDS)


def _trimmed(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(), flags=re.I)


def _proper_names(sentence: _Sentence, article: _Article, lo: int, hi: int) -> list[str]:
    """Capitalised names in [lo, hi) that are no state ('Bushehr Nuclear Power Plant'),
    longest first."""
    found: list[str] = []
    words: list[Token] = []
    dated = [(d.start, d.end) for d in sentence.dates]
    for token in [*article.tokens(lo, hi), None]:
        mention = sentence.mention_at(token.idx) if token is not None else None
        proper = (
            token is not None
            and token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and (mention is None or mention.role == PLACE)
            and not any(a <= token.idx < b for a, b in dated)  # "March 2020" names no deal
        )
        if proper:
            words.append(token)  # type: ignore[arg-type]
            continue
        if words:  # a name that modifies a noun names it with the noun: "Red Sea islands"
            last = words[-1]
            if token is not None and last.dep_ == "compound" and last.head.i == token.i:
                words.append(token)
            found.append(article.doc.text[words[0].idx : words[-1].idx + len(words[-1])])
            words = []
    return sorted(found, key=len, reverse=True)


def _project(sentence: _Sentence, article: _Article, verb: Token) -> _Deal | None:
    """A project's start ('laid its foundation stone in April 2011', 'construction began in
    2011'): a deal without a signing, whose parties are its builder's state."""
    lemma = verb.lemma_.lower()
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubj", "nsubjpass")]
    words = {(lemma, o.lemma_.lower()) for o in objects}
    started = bool(words & set(START_WORDS)) or (
        lemma in START_VERBS and any(o.lemma_.lower() in START_NOUNS for o in objects)
    )
    if not started or _negated(verb) or _planned(verb):
        return None
    when = _nearest_date(article, verb, sentence.dates)
    if when is None:
        return None
    owner = next(
        (
            c
            for o in objects
            for c in [o, *o.children, *(p for c in o.children for p in c.children)]
            if c.dep_ == "poss" or (c.dep_ == "pobj" and c.head.lower_ == "of")
        ),
        None,
    ) or next(  # "broke ground on the port"
        (p for c in verb.children if c.lower_ in ("on", "for") for p in c.children), None
    )
    subject, keys, kinds = _project_subject(sentence, article, owner)
    builder = [s for s in _subjects(verb) if s.lower_ not in PERSONAL_PRONOUNS]
    parties: list[str] = []
    for token in builder:
        lo, hi = _extent(token)
        parties += [m.code for m in sentence.states(lo, hi)]
    if not parties and subject:  # "the Lamu port", "the Grand Ethiopian Renaissance Dam"
        parties = [m.code for m in article.actors.find(subject) if m.code and m.sector != "IGO"]
    if not parties:
        parties = _owners(article, keys)
    parties = list(dict.fromkeys(parties))
    if not parties:
        return None
    deal = _Deal(sentence, parties, subject, keys, kinds, None, started=when)
    deal.skip.add(when.start)
    return deal


def _project_subject(
    sentence: _Sentence, article: _Article, owner: Token | None
) -> tuple[str, set[str], set[str]]:
    """What a project builds: the owner of its start ('its foundation stone': the thing 'it'
    stands for, the latest thing the article named with 'the'), by its proper name when the
    article gave one ('the dam': 'Grand Ethiopian Renaissance Dam')."""
    noun: Token | None = None
    if owner is not None and owner.lower_ not in POSSESSIVE_PRONOUNS + PERSONAL_PRONOUNS:
        lo, hi = _extent(owner)
        names = _proper_names(sentence, article, lo, hi)
        keys = {w for n in names for w in n.split() if w not in GENERIC_NAME_WORDS and len(w) > 3}
        keys |= set(_DESIGNATION.findall(article.doc.text[lo:hi]))
        return _trimmed(article.doc.text[lo:hi]), keys, {owner.lemma_.lower()}
    else:
        index = article.sentences.index(sentence)
        for earlier in reversed(article.sentences[max(0, index - 3) : index + 1]):
            nouns = [
                t
                for t in earlier.span
                if t.pos_ == "NOUN"
                and any(c.lower_ in DEFINITE for c in t.children)
                and any(t.lemma_.lower() in kind for kind in SUBJECT_KINDS)
                and (earlier is not sentence or t.i < (owner.i if owner is not None else 0))
            ]
            if nouns:
                noun = nouns[-1]
                break
    if noun is None:
        return "", set(), set()
    kinds = {noun.lemma_.lower()}
    head = noun.text[:1].upper() + noun.text[1:]
    pattern = re.compile(rf"\b(?:[A-Z][\w'’-]*\s+){{1,5}}{re.escape(head)}\b")
    for earlier in article.sentences:
        for found in pattern.finditer(earlier.text):
            words = found.group().split()
            while words and words[0] in ("The", "A", "An", "When", "In", "On", "At", "By"):
                words = words[1:]
            keys = {w for w in words if w not in GENERIC_NAME_WORDS and len(w) > 3}
            keys = {k for k in keys if not article.actors.find(k)}
            if keys:  # a name that tells it apart, not "The Dam" of a title
                name = " ".join(words)
                return name, keys | {name}, kinds
    return noun.text, set(), kinds


def _owners(article: _Article, keys: set[str]) -> list[str]:
    """The states that are the subject of the sentences naming a project."""
    for sentence in article.sentences:
        if keys and any(re.search(rf"\b{re.escape(k)}\b", sentence.text) for k in keys):
            root = sentence.span.root
            codes = article.subject_codes(root, sentence)
            if codes:
                return codes
    return []


def _referred(sentence: _Sentence, article: _Article, deals: list[_Deal]) -> list[_Deal]:
    """The deal the sentence speaks of: one whose designation or name it writes (anywhere in
    the article), else, shortly after a deal, one it calls by a definite description of the
    same kind of thing ('the lead vessel', 'the deal') or by a pronoun subject in the very
    next sentence."""
    named = [
        d
        for d in deals
        if any(re.search(rf"(?<![\w-]){re.escape(k)}(?![\w-])", sentence.text) for k in d.keys)
    ]
    if named:
        return named[-1:]
    index = article.sentences.index(sentence)
    recent = [d for d in deals if 0 <= index - article.sentences.index(d.sentence) <= DELAY_WINDOW]
    for deal in reversed(recent):
        if deal.sentence is sentence:
            return [deal]
        if _describes(sentence, deal):
            return [deal]
        following = index - article.sentences.index(deal.sentence) == 1
        subject = [t for s in _subjects(sentence.span.root) for t in s.subtree] if following else []
        if any(t.lower_ in ("they", "it", "them") for t in subject):  # "None of them has ..."
            return [deal]
    return []


def _describes(sentence: _Sentence, deal: _Deal) -> bool:
    """Whether the sentence names the deal's kind of thing with 'the', 'its', 'these' or a
    number ('the plant', 'the submarines', 'three squadrons', 'the deal')."""
    kinds = _kinds_of(deal)
    for token in sentence.span:
        lemma = token.lemma_.lower()
        if token.pos_ != "NOUN" or not (lemma in kinds or lemma in GENERIC_SUBJECTS):
            continue
        children = list(token.children)
        if any(c.lower_ in ("a", "an") for c in children):
            continue
        counted = any(c.dep_ == "nummod" and not re.fullmatch(r"\d{4}", c.text) for c in children)
        if counted or any(c.lower_ in DEFINITE or c.dep_ == "poss" for c in children):
            return True
    return False


def _promise(sentence: _Sentence, article: _Article, deal: _Deal) -> None:
    """The date the words promise ('were supposed to arrive within three years': three years
    after the signing; 'was due to be completed by 2017'), and the things promised become
    names of the deal's subject ('promised to reopen their embassies')."""
    if deal.promised is not None:
        return
    text, offset = sentence.text, sentence.start
    cues = [(m.start() + offset, m.end() + offset) for m in _PROMISE.finditer(text)]
    cues += [  # "agreed on 5 March to settle ...": the promise opens at its infinitive
        (verb.idx, complement.idx)
        for verb in sentence.span
        if verb.lemma_.lower() in PROMISE_VERBS
        for complement in verb.children
        if _infinitive(complement) and complement.i > verb.i
    ]
    for start, end in sorted(set(cues)):
        hi = _segment(sentence, start, end)[1]
        window = _WITHIN.search(text, end - offset, hi - offset)
        dated = [d for d in sentence.dates if end <= d.start < hi and not _is_window(d)]
        when: ResolvedDate | None = None
        at = hi
        if dated:
            when, at = dated[0], dated[0].start
        if window is not None and window.start() + offset < at:
            when = _window_end(window.group(), article.published, deal.start)
            at = window.start() + offset
        if when is None or when.date < deal.start.date:
            continue
        deal.promised = when
        deal.skip.add(at)
        deal.promise = (start, at + 1)
        token = article.token_at(start)
        if token is not None:  # "the batteries were supposed to", "promised to reopen embassies"
            verbs = [token, token.head, *(c for c in token.children if c.dep_ == "xcomp")]
            verbs += [c for v in verbs[:2] for c in v.children if c.dep_ == "xcomp"]
            for verb in verbs:
                for child in verb.children:
                    if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.pos_ == "NOUN":
                        deal.kinds.add(child.lemma_.lower())
        return


def _window_end(text: str, published: date, start: ResolvedDate) -> ResolvedDate | None:
    """The end of a promise window ('within two months' of 2023-03-10 is 2023-05): by the date
    rules (counted from the deal's date), else counted here."""
    found = [d for d in find_dates(text, published, start) if d.precision != "unknown"]
    if found:
        return found[0]
    match = re.search(rf"(?P<n>{_NUMBER})?\s*(?P<unit>day|week|month|year)", text, re.I)
    if match is None:
        return None
    word = " ".join((match["n"] or "one").lower().split())
    count = NUMBERS.get(word) or (int(word) if word.isdigit() else 1)
    unit = match["unit"].lower()
    months = {"month": count, "year": 12 * count}.get(unit)
    if months is None:
        days = count * (7 if unit == "week" else 1)
        return ResolvedDate(start.date + timedelta(days=days), "day", text, 0, len(text))
    index = start.date.year * 12 + start.date.month - 1 + months
    precision = "year" if unit == "year" or start.precision == "year" else "month"
    return ResolvedDate(date(index // 12, index % 12 + 1, 1), precision, text, 0, len(text))


def _period_end(found: ResolvedDate) -> date:
    """The last day of a date at its precision (2019 is 2019-12-31)."""
    day = found.date
    if found.precision == "year":
        return date(day.year, 12, 31)
    if found.precision == "month":
        return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])
    return day


def _is_window(found: ResolvedDate) -> bool:
    return found.text.lower().startswith("within")


def _milestones(sentence: _Sentence, article: _Article, deal: _Deal) -> None:
    """What the sentence says happened to the deal, dated: a delivery, a launch, a freeze;
    not what was denied ('none has been handed over'), asked for or planned."""
    lateness = any(t.lower_ in LATENESS for t in sentence.span) and not ON_TIME.search(
        sentence.text
    )
    for token in sentence.span:
        label = _milestone_label(token)
        if label is None or deal.promise[0] <= token.idx < deal.promise[1]:
            continue  # "were scheduled for delivery in 2017"
        if _planned(token) or token.dep_ == "pcomp":  # "cover for filling the reservoir"
            continue
        if _negated(token) or _denied_by_none(token):
            deal.unfulfilled = True
            continue
        if _under_other_milestone(token):
            continue  # "the deliveries were frozen": a freeze
        if not _same_kind(token, deal):
            continue  # "the first jets were delivered": not the submarines' deal
        if token.lemma_.lower() in ("complete", "finish") and any(
            _milestone_label(c)
            for head in (token, token.head)
            for c in head.children
            if c.dep_ in ("nsubj", "nsubjpass")
        ):
            continue  # "the delivery was complete": the delivery's
        dates = [
            d
            for d in sentence.dates
            if d.start not in deal.skip and not _is_window(d) and d.date >= deal.start.date
        ]
        if label == "postponed_to":  # "pushed back to 2026": the new date, after the words
            dates = [d for d in dates if d.start > token.idx] or dates
        when = _nearest_date(article, token, dates)
        if when is None:
            continue
        deal.milestones.setdefault(label, when)
        deal.late = deal.late or lateness


def _kinds_of(deal: _Deal) -> set[str]:
    kinds = set(deal.kinds)
    for kind in SUBJECT_KINDS:
        if kinds & kind:
            kinds |= kind
    return kinds


def _same_kind(token: Token, deal: _Deal) -> bool:
    """Whether what the milestone is of (its subject or object: 'the first jets were
    delivered') can be the deal's subject: a thing of another kind belongs to another deal."""
    verb = token if token.pos_ != "NOUN" else token.head
    things = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    if token.pos_ == "NOUN":
        things += [p for c in token.children if c.dep_ == "prep" for p in c.children]
    concrete = [t.lemma_.lower() for t in things if _kind(t) in _ALL_KINDS]
    return not concrete or any(k in _kinds_of(deal) for k in concrete)


def _under_other_milestone(token: Token) -> bool:
    """A milestone noun whose predicate names another milestone ('the deliveries were
    frozen'), except a completion ('the delivery was complete': the delivery's)."""
    head = token.head
    return (
        token.pos_ == "NOUN"
        and head.i != token.i
        and _milestone_label(head) is not None
        and head.lemma_.lower() not in ("complete", "finish")
    )


def _milestone_label(token: Token) -> str | None:
    lemma, word = token.lemma_.lower(), token.lower_
    if token.pos_ not in ("VERB", "NOUN", "ADJ"):
        return None
    if lemma == "hand" and any(c.lower_ == "over" for c in token.children):
        return "handover"
    if lemma == "connect" and "grid" in (t.lower_ for t in token.subtree):
        return "commissioning"
    if lemma == "control" and any(c.lower_ == "operational" for c in token.children):
        return "operational_control"
    if lemma == "produce" and any(c.lower_ in ("power", "electricity") for c in token.children):
        return "power"
    if lemma in ("declare", "pronounce") and any(  # "declared the talks over"
        t.lower_ in ("over", "dead", "finished") for c in token.children for t in [c, *c.children]
    ):
        return "collapse"
    if lemma == "break" and any(c.lower_ == "down" for c in token.children):
        return "collapse"
    if lemma == "fall" and any(c.lower_ == "apart" for c in token.children):
        return "collapse"
    if lemma == "push" and any(c.lower_ in ("back", "off") for c in token.children):
        return "postponed_to"  # "pushed back to 2026": the new date
    label = MILESTONES.get(lemma) or MILESTONES.get(word)
    if label is None or (lemma in _VERB_ONLY and token.pos_ != "VERB"):
        return None
    return label


def _denied_by_none(token: Token) -> bool:
    """'none has yet been handed over', 'no ... was delivered'."""
    head = token if token.pos_ == "VERB" else token.head
    return any(
        c.dep_ in ("nsubj", "nsubjpass")
        and (
            c.lower_ in ("none", "nothing", "neither") or any(d.lower_ == "no" for d in c.children)
        )
        for c in head.children
    )


def _nearest_date(
    article: _Article, token: Token, dates: Sequence[ResolvedDate]
) -> ResolvedDate | None:
    """The date expression nearest the word in the parse (fewest steps through a common
    head), written dates before relative ones ('a decade later'), finer before coarser."""
    candidates = [d for d in dates if d.precision != "unknown" and not _is_window(d)]
    if not candidates:
        return None
    chain = _ancestors(token)

    def distance(found: ResolvedDate) -> tuple[int, int, int]:
        span = article.doc.char_span(found.start, found.end, alignment_mode="expand")
        word = span.root if span is not None and len(span) else token
        steps = len(chain) + 100
        indexes = [t.i for t in chain]
        for up, ancestor in enumerate(_ancestors(word)):
            if ancestor.i in indexes:
                steps = up + indexes.index(ancestor.i)
                break
        relative = 1 if _RELATIVE_DATE.search(found.text) else 0
        return relative, steps, ("day", "month", "year").index(found.precision)

    return min(candidates, key=distance)


def _ancestors(token: Token) -> list[Token]:
    chain = [token]
    while chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _date_text(found: ResolvedDate) -> str:
    """A claim date as the claims file writes it: a day, a month or a year."""
    day = found.date
    return {"day": day.isoformat(), "month": day.strftime("%Y-%m"), "year": str(day.year)}[
        found.precision
    ]


# --- Votes and vetoes --------------------------------------------------------------------------


def _vote_claims(sentence: _Sentence, article: _Article) -> list[Claim]:
    """'X voted for (against, abstained on, backed) resolution(s) ...': X is the verb's
    subject, the resolutions those its words name after it, up to the next vote verb."""
    if not _RESOLUTION_WORD.search(sentence.text) and not _LABEL.search(sentence.text):
        return []
    votes = [(t, v) for t in sentence.span if (v := _vote(t)) is not None]
    found = []
    named: list[int | str] = []
    for k, (verb, expect) in enumerate(votes):
        if _negated(verb):
            continue
        end = votes[k + 1][0].idx if k + 1 < len(votes) else sentence.start + len(sentence.text)
        start = verb.idx
        if verb.dep_ in ("acl", "relcl"):  # "resolution 2334, backed by France"
            start = verb.head.left_edge.idx
        scope = article.doc.text[start:end]
        resolutions = _resolutions(scope)
        if not resolutions and _names_it(verb):  # "... while Britain abstained on it"
            resolutions = named
        if not resolutions:
            continue
        named = resolutions
        voters = article.subject_codes(verb, sentence, igo=False) or _agents(verb, sentence)
        if not voters:
            earlier = [
                m.code for m in sentence.states(sentence.start, verb.idx) if m.sector != "IGO"
            ]
            voters = earlier[:1]
        count = _count(scope)
        for voter in voters:
            fields: dict[str, object] = {
                "actor": voter,
                "resolutions": resolutions,
                "expect": expect,
            }
            if count and count > len(resolutions):
                fields["count"] = count  # "all six resolutions, from 1696 to 1929": the ends
            found.append(Claim("", "vote", sentence.text, sentence.ref, fields))
    return found


def _names_it(verb: Token) -> bool:
    """Whether the vote is on 'it' or 'them': the resolutions named before."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    objects += [p for c in verb.children if c.dep_ == "prep" for p in c.children]
    return any(o.lower_ in ("it", "them", "both") for o in objects)


def _agents(verb: Token, sentence: _Sentence) -> list[str]:
    """The states of a passive verb's 'by' phrase ('backed by France and Britain')."""
    codes = []
    for agent in (c for c in verb.children if c.dep_ == "agent"):
        lo, hi = _extent(agent)
        codes += [m.code for m in sentence.states(lo, hi) if m.sector != "IGO"]
    return list(dict.fromkeys(codes))


def _vote(token: Token) -> str | None:
    """The vote a word states: 'voted for/in favour of' yes, 'against' no, 'abstained' ..."""
    lemma = token.lemma_.lower()
    if token.pos_ != "VERB":
        return None
    if lemma == "vote":
        for prep in (c for c in token.children if c.dep_ == "prep"):
            if prep.lower_ == "for" or (
                prep.lower_ == "in" and any(c.lower_ in ("favour", "favor") for c in prep.children)
            ):
                return "yes"
            if prep.lower_ == "against":
                return "no"
        return None
    return VOTE_VERBS.get(lemma)


def _resolutions(scope: str) -> list[int | str]:
    """The resolutions a vote's words name: numbers after a resolution keyword and the lists
    they open (not the years in them), 'from 1696 ... to 1929', and labels ('ES-11/1')."""
    found: list[int | str] = []
    for match in _RESOLUTION_RUN.finditer(scope):
        run = re.sub(r"\(\d{4}\)", " ", match["run"])
        found += [int(n) for n in re.findall(r"\d{1,4}", run)]
    for match in _RESOLUTION_RANGE.finditer(scope):
        if _RESOLUTION_WORD.search(scope[: match.end()]):
            found += [int(match["a"]), int(match["b"])]
    found += [m["label"] for m in _LABEL.finditer(scope)]
    return list(dict.fromkeys(found))


def _count(text: str) -> int | None:
    match = _COUNTED.search(text)
    if match is None:
        return None
    word = " ".join(match["n"].lower().split())
    return NUMBERS.get(word) or (int(word) if word.isdigit() else None)


def _count_is(text: str) -> str:
    """How the count of `_COUNTED` in `text` is meant: 'at least ten', 'more than a dozen',
    'about twenty' and 'a dozen' (a round word) as the checker's `count_is`."""
    match = _COUNTED.search(text)
    if match is None:
        return "exactly"
    before = text[max(0, match.start() - 20) : match.start()].lower()
    word = " ".join(match["n"].lower().split())
    if re.search(r"\b(?:more\s+than|over)\s*$", before):
        return "more than"
    if re.search(r"\b(?:at\s+least|no\s+fewer\s+than)\s*$", before):
        return "at least"
    if re.search(r"\b(?:about|around|some|roughly|nearly|almost|approximately)\s*$", before):
        return "about"
    return "about" if word in ROUND_NUMBERS else "exactly"


def _veto_claims(sentence: _Sentence, article: _Article) -> list[Claim]:
    """'X vetoed a draft on (date)', 'X has vetoed a dozen drafts since October 2011': X is
    the subject; with a count, the date after 'since' is `since`."""
    found = []
    for token in sentence.span:
        cast = token.lemma_.lower() in ("cast", "use", "wield") and any(
            c.lemma_.lower() == "veto" for c in token.children if c.dep_ == "dobj"
        )
        if not ((token.lemma_.lower() == "veto" and token.pos_ == "VERB") or cast):
            continue
        if _negated(token) or _planned(token):
            continue
        actors = article.subject_codes(token, sentence)
        if not actors:
            continue
        fields: dict[str, object] = {"actor": actors[0]}
        scope = article.doc.text[token.idx : sentence.start + len(sentence.text)]
        since = [
            d
            for d in sentence.dates
            if d.start >= token.idx
            and re.search(r"\bsince\s+$", article.doc.text[max(0, d.start - 8) : d.start], re.I)
        ]
        count = _count(scope)
        if count and count > 1:
            fields["count"] = count
            if _count_is(scope) != "exactly":
                fields["count_is"] = _count_is(scope)
        if since:
            fields["since"] = _date_text(since[0])
            fields["until"] = article.published.isoformat()
        else:
            when = _nearest_date(article, token, sentence.dates)
            if when is not None:
                fields["date"] = _date_text(when)
        objects = [c for c in token.children if c.dep_ == "dobj" and c.lemma_.lower() != "veto"]
        if objects and count:
            lo, hi = _extent(objects[0])
            fields["subject"] = re.sub(r"^(?:a\s+dozen|\w+)\s+", "", article.doc.text[lo:hi])
            about = list(dict.fromkeys(m.code for m in sentence.states(lo, hi)))
            if about:
                fields["about"] = about
        found.append(Claim("", "veto", sentence.text, sentence.ref, fields))
    return found


# --- Articles, files ---------------------------------------------------------------------------


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


def read_article(path: Path) -> str:
    """An article's text (UTF-8); InputError when it cannot be read or is empty."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the article as UTF-8 text ({exc})") from exc
    if not text.strip():
        raise InputError(str(path), "empty article: nothing to code")
    return text


def text_events_and_claims(
    text: str,
    published: date,
    coder: EventCoder | None = None,
    doc_id: str | None = None,
    on_chars: OnChars | None = None,
) -> tuple[list[dict[str, object]], list[Claim]]:
    """One article's event rows and claims, from one parse (`on_chars`: see `EventCoder.parse`)."""
    coder = coder or EventCoder()
    doc_id = doc_id or document_id(text)
    doc = coder.parse(text, on_chars)
    rows = coder.code_parsed(doc, published, doc_id)
    return rows, find_claims(doc, rows, published, doc_id, coder.actors)


def events_and_claims(
    paths: list[Path],
    published: date,
    coder: EventCoder | None = None,
    on_chars: OnChars | None = None,
) -> tuple[pd.DataFrame, list[Claim]]:
    """The events (as `code_articles` gives them) and the claims (ids numbered across the
    articles) of every article file, each article parsed once (`on_chars`: see
    `EventCoder.parse`)."""
    coder = coder or EventCoder()
    rows: list[dict[str, object]] = []
    claims: list[Claim] = []
    for path in paths:
        text = read_article(path)
        events, found = text_events_and_claims(text, published, coder, on_chars=on_chars)
        rows += events
        claims += found
    return pd.DataFrame(rows, columns=list(EVENT_COLUMNS)), _numbered(claims)


def article_claims(
    paths: list[Path], published: date, coder: EventCoder | None = None
) -> list[Claim]:
    """The claims of every article file, ids numbered across them."""
    return events_and_claims(paths, published, coder)[1]
