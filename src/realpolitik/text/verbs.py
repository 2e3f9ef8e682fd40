"""Verb patterns: which verb, with which words around it, is which CAMEO event.

One type serves the package's own rules (`data/verbs.csv`) and verb dictionaries read from
PETRARCH files (`realpolitik.text.petrarch`): a pattern names a verb and, optionally, words
its subject phrase and its object phrases must hold, in that order (as PETRARCH reads its
patterns); among the patterns of a verb that match a clause, the most specific one (the
most word slots) gives the code.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

Slot = frozenset[str]
"""Alternative lower-case phrases ("contract", "peace deal") of which one must occur."""
Word = tuple[str, ...]
"""A word of the text as patterns see it: its lower-case form and its lemma."""


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

    def matches(self, subject: Sequence[Word], objects: Sequence[Word]) -> bool:
        """Whether the slots find their phrases in the subject's and the objects' words, in
        the pattern's order."""
        return _slots_in_order(self.subject_words, subject) and _slots_in_order(
            self.object_words, objects
        )


def _first_words(slots: tuple[Slot, ...]) -> tuple[frozenset[str], ...]:
    """Each slot's possible first words: a pattern none of whose are present cannot match."""
    return tuple(frozenset(phrase.split()[0] for phrase in slot) for slot in slots)


def _may_match(screen: tuple[frozenset[str], ...], vocabulary: set[str]) -> bool:
    return all(not firsts.isdisjoint(vocabulary) for firsts in screen)


def _vocabulary(words: Sequence[Word]) -> set[str]:
    return {form for word in words for form in word}


def _slots_in_order(slots: tuple[Slot, ...], words: Sequence[Word]) -> bool:
    """Whether each slot has a phrase in the words after the previous slot's: the earliest
    ending match of each slot leaves the most room to the next."""
    position = 0
    for slot in slots:
        ends = [end for phrase in slot if (end := _phrase_end(phrase, words, position))]
        if not ends:
            return False
        position = min(ends)
    return True


def _phrase_end(phrase: str, words: Sequence[Word], start: int) -> int | None:
    """Where the first occurrence of the phrase at or after `start` ends, or None."""
    parts = phrase.split()
    n = len(parts)
    for i in range(start, len(words) - n + 1):
        if all(part in words[i + k] for k, part in enumerate(parts)):
            return i + n
    return None


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

    def code(self, verb: str, subject: Sequence[Word], objects: Sequence[Word]) -> str | None:
        """The code of the most specific pattern of `verb` that matches ("" = no event),
        or None when none does."""
        subject_vocabulary, object_vocabulary = _vocabulary(subject), _vocabulary(objects)
        for pattern, (subject_screen, object_screen) in zip(
            self.patterns(verb), self._screens.get(verb, ()), strict=True
        ):
            if (
                _may_match(object_screen, object_vocabulary)
                and _may_match(subject_screen, subject_vocabulary)
                and pattern.matches(subject, objects)
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
def reciprocal_verbs() -> dict[str, bool]:
    """Verbs whose joint subjects act toward each other ("Moscow and Tehran signed"), and
    whether a "with" partner acts too ("Tehran signed a contract with Moscow": yes; "Eriador
    agrees with France that...": no), `data/reciprocal_verbs.csv`; other joint subjects
    ("Bree and Rohan welcomed") act each alone."""
    path = resources.files("realpolitik.text") / "data" / "reciprocal_verbs.csv"
    with path.open(encoding="utf-8") as fh:
        return {row["lemma"]: row["partner_acts"] == "yes" for row in csv.DictReader(fh)}
