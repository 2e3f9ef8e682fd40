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
        return all(_slot_in(slot, subject) for slot in self.subject_words) and all(
            _slot_in(slot, objects) for slot in self.object_words
        )


def _slot_in(slot: Slot, words: Sequence[str]) -> bool:
    for phrase in slot:
        parts = phrase.split()
        n = len(parts)
        if any(list(words[i : i + n]) == parts for i in range(len(words) - n + 1)):
            return True
    return False


class VerbDictionary:
    """Patterns by verb, most specific first."""

    def __init__(self, patterns: Iterable[VerbPattern]) -> None:
        self._by_verb: dict[str, list[VerbPattern]] = {}
        for pattern in patterns:
            self._by_verb.setdefault(pattern.verb, []).append(pattern)
        for group in self._by_verb.values():
            group.sort(key=lambda p: -p.specificity)

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
        for pattern in self.patterns(verb):
            if pattern.matches(subject, objects):
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
