"""Verb patterns: which verb, with which words around it, is which CAMEO event.

One type serves the package's own rules (`data/verbs.csv`) and verb dictionaries read from
PETRARCH files (`realpolitik.text.petrarch`): a pattern names a verb and, optionally, words
its subject phrase and its object phrases must hold; among the patterns of a verb that
match a clause, the most specific one (the most word slots) gives the code.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

Slot = frozenset[str]
"""Alternative lower-case phrases ("contract", "peace deal") of which one must occur."""


@dataclass(frozen=True)
class VerbPattern:
    """A verb lemma (with its particle: "shoot down"), the CAMEO code it gives ("" when the
    verb alone, or with these words, is no event) and the word slots its subject and object
    phrases must fill."""

    verb: str
    cameo: str
    subject_words: tuple[Slot, ...] = ()
    object_words: tuple[Slot, ...] = ()

    @property
    def specificity(self) -> int:
        """How many word slots the pattern asks for: more wins."""
        return len(self.subject_words) + len(self.object_words)

    def matches(self, subject: Sequence[str], objects: Sequence[str]) -> bool:
        """Whether every slot has one of its phrases among the words (lower-case words and
        lemmas, in text order) of the subject and of the objects."""
        return _slots_in(self.subject_words, subject, set(subject)) and _slots_in(
            self.object_words, objects, set(objects)
        )


def _first_words(slots: tuple[Slot, ...]) -> tuple[frozenset[str], ...]:
    """Each slot's possible first words: a pattern none of whose are present cannot match."""
    return tuple(frozenset(phrase.split()[0] for phrase in slot) for slot in slots)


def _may_match(screen: tuple[frozenset[str], ...], vocabulary: set[str]) -> bool:
    return all(not firsts.isdisjoint(vocabulary) for firsts in screen)


def _slots_in(slots: tuple[Slot, ...], words: Sequence[str], vocabulary: set[str]) -> bool:
    return all(any(_phrase_in(p, words, vocabulary) for p in slot) for slot in slots)


def _phrase_in(phrase: str, words: Sequence[str], vocabulary: set[str]) -> bool:
    if " " not in phrase:
        return phrase in vocabulary
    parts = phrase.split()
    if not vocabulary.issuperset(parts):
        return False
    n = len(parts)
    return any(list(words[i : i + n]) == parts for i in range(len(words) - n + 1))


class VerbDictionary:
    """Patterns by verb, most specific first."""

    def __init__(self, patterns: Iterable[VerbPattern]) -> None:
        self._by_verb: dict[str, list[VerbPattern]] = {}
        for pattern in patterns:
            self._by_verb.setdefault(pattern.verb, []).append(pattern)
        for group in self._by_verb.values():
            group.sort(key=lambda p: -p.specificity)
        self._screens = {
            verb: [(_first_words(p.subject_words), _first_words(p.object_words)) for p in group]
            for verb, group in self._by_verb.items()
        }

    def __contains__(self, verb: str) -> bool:
        return verb in self._by_verb

    def __len__(self) -> int:
        return sum(len(group) for group in self._by_verb.values())

    def patterns(self, verb: str) -> list[VerbPattern]:
        """The verb's patterns, most specific first ([] if the verb is unknown)."""
        return self._by_verb.get(verb, [])

    def code(self, verb: str, subject: Sequence[str], objects: Sequence[str]) -> str | None:
        """The code of the most specific pattern of `verb` that matches ("" = no event),
        or None when none does."""
        subject_vocabulary, object_vocabulary = set(subject), set(objects)
        for pattern, (subject_screen, object_screen) in zip(
            self.patterns(verb), self._screens.get(verb, ()), strict=True
        ):
            if not (
                _may_match(object_screen, object_vocabulary)
                and _may_match(subject_screen, subject_vocabulary)
            ):
                continue
            if _slots_in(pattern.subject_words, subject, subject_vocabulary) and _slots_in(
                pattern.object_words, objects, object_vocabulary
            ):
                return pattern.cameo
        return None

    def merged(self, other: VerbDictionary) -> VerbDictionary:
        """This dictionary's patterns, then `other`'s: at equal specificity, ours win."""
        return VerbDictionary([*self, *other])

    def __iter__(self):
        for group in self._by_verb.values():
            yield from group


@cache
def package_verbs() -> VerbDictionary:
    """The package's verb rules, `data/verbs.csv`: lemma, the words its objects must hold
    (none, one, or several joined by "+": "contract+missile") and CAMEO code."""
    return _read_rules("verbs.csv", "lemma")


@cache
def package_nouns() -> VerbDictionary:
    """The package's event nouns ("a meeting with", "sanctions against"), `data/nouns.csv`."""
    return _read_rules("nouns.csv", "noun")


def _read_rules(filename: str, word_column: str) -> VerbDictionary:
    path = resources.files("realpolitik.text") / "data" / filename
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return VerbDictionary(
        VerbPattern(
            row[word_column],
            row["cameo"],
            object_words=tuple(frozenset({word}) for word in row["object"].split("+") if word),
        )
        for row in rows
    )


@cache
def reciprocal_verbs() -> frozenset[str]:
    """Verbs whose joint subjects act toward each other and whose "with" partner acts too
    ("Moscow and Tehran signed", "Tehran signed a contract with Moscow"), `data/
    reciprocal_verbs.csv`; other joint subjects ("Bree and Rohan welcomed") act each alone."""
    path = resources.files("realpolitik.text") / "data" / "reciprocal_verbs.csv"
    with path.open(encoding="utf-8") as fh:
        return frozenset(row["lemma"] for row in csv.DictReader(fh))
