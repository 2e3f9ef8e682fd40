"""Recognising actors in English news text and mapping them to store codes and CAMEO sectors.

Three sources feed one token trie, built once (`ActorMatcher.default()`):

- the country name table of `realpolitik.countries` (every spelling → store code; states,
  regions and IGOs), matched as proper nouns: capitalised words, acronyms in capitals
  (`US`, `U.S.`, never `us`);
- `data/actors.csv`: demonyms, seats of power, leaders and officials with
  date-bounded roles, state bodies, companies, armed groups and IGO names;
- `data/sectors.csv`: sector words (`foreign ministry` → GOV) that turn a preceding country
  or demonym into that country's sector (`the Russian Foreign Ministry` → RUS GOV), take the
  country that follows "of", "in" or "from" (`the government of Iraq`) or the name a title
  stands before (`Foreign Minister Lavrov`), and, for the words marked `alone`, name an actor
  of no known country on their own (`lawmakers` → "" LEG).

Matching is on word tokens of accent-folded text (spans stay those of the original text),
left to right, longest match first, without overlaps.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from typing import NamedTuple

from realpolitik.countries import country_table, name_table

_TOKEN = re.compile(r"[A-Za-z0-9]+")
_JOINER = re.compile(r"[\s\-'’.]*")
"""What may stand between two words of one name (`Ban Ki-moon`, `U.S.`, `d'Orsay`)."""
_APOSTROPHES = ("'", "’")
_SMALL_WORDS = frozenset(
    {"a", "al", "and", "bin", "d", "da", "de", "del", "des", "du", "el", "et", "for", "in"}
    | {"la", "le", "of", "on", "s", "the", "to", "y"}
)
"""Words the country name table holds that stay lower case inside a proper name."""
_PAREN_ACRONYM = re.compile(r"\(([A-Z]{2,})\)")


@dataclass(frozen=True)
class ActorMention:
    """An actor found in a text: store code, CAMEO sector ("" if none), the words as written,
    their character span (`text[start:end]`) and the role that matched (`demonym`,
    `capital`, `president`, `foreign ministry`...)."""

    code: str
    sector: str
    text: str
    start: int
    end: int
    role: str


@dataclass(frozen=True)
class ActorEntry:
    """One dictionary row: a pattern as written (case matters: see `ActorMatcher`) and what
    it stands for from `valid_from` (inclusive) to `valid_to` (exclusive); None = open."""

    pattern: str
    code: str
    sector: str
    role: str
    valid_from: date | None = None
    valid_to: date | None = None

    def applies(self, on: date) -> bool:
        """Whether the row holds on `on`."""
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on < self.valid_to
        )


class _Token(NamedTuple):
    text: str
    start: int
    end: int


def _data_rows(filename: str) -> list[dict[str, str]]:
    path = resources.files("realpolitik.text") / "data" / filename
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _optional_date(value: str) -> date | None:
    return date.fromisoformat(value) if value else None


def actor_entries() -> list[ActorEntry]:
    """The rows of `data/actors.csv`."""
    return [
        ActorEntry(
            row["pattern"],
            row["code"],
            row["sector"],
            row["role"],
            _optional_date(row["valid_from"]),
            _optional_date(row["valid_to"]),
        )
        for row in _data_rows("actors.csv")
    ]


PLACE = "place"
"""The role of a gazetteer place (`data/places.csv`): a city, region, base or site in a state,
which stands for that state only as the destination or venue of an act."""
CAPITAL = "capital"
"""The role of a capital (and of a city named for a government, "Tel Aviv"): a metonym for
its government ("Nairobi protested"), as well as a place."""


def place_entries() -> list[ActorEntry]:
    """The rows of `data/places.csv` (name → the state it lies in): capitals with the role
    `capital` and the sector GOV, every other place with the role `place`."""
    return [
        ActorEntry(row["name"], row["code"], "GOV", CAPITAL)
        if row["kind"] == CAPITAL
        else ActorEntry(row["name"], row["code"], "", PLACE)
        for row in _data_rows("places.csv")
    ]


def sector_words() -> dict[str, str]:
    """`data/sectors.csv`: lower-case word or phrase → CAMEO sector code."""
    return {row["word"]: row["sector"] for row in _data_rows("sectors.csv")}


def standalone_sector_words() -> frozenset[str]:
    """The sector words that name an actor on their own ("protesters", "lawmakers"), unlike
    those that need a country ("the president", "the press")."""
    return frozenset(row["word"] for row in _data_rows("sectors.csv") if row["alone"] == "yes")


def name_entries() -> list[ActorEntry]:
    """The country name table as proper-noun patterns: `united states` → `United States`;
    one-word names of up to three letters, and acronyms the table's names give in brackets,
    as capitals, also dotted (`us` → `US`, `U.S.`)."""
    table = country_table()
    kind = dict(zip(table["code"], table["kind"], strict=True))
    acronyms = {a.lower() for a in _PAREN_ACRONYM.findall(" ".join(table["name"]))}
    sectors = {"igo": "IGO"}
    roles = {"state": "country"}
    entries = []
    for name, code in zip(name_table()["name"], name_table()["code"], strict=True):
        words = name.split()
        if len(words) == 1 and (len(name) <= 3 or name in acronyms):
            forms = [name.upper()] + ([".".join(name.upper()) + "."] if len(name) <= 3 else [])
        else:
            forms = [" ".join(w if w in _SMALL_WORDS else w.capitalize() for w in words)]
        sector = sectors.get(kind[code], "")
        role = roles.get(kind[code], kind[code])
        entries.extend(ActorEntry(form, code, sector, role) for form in forms)
    return entries


def _fold(text: str) -> str:
    """Accents removed character by character, so offsets stay those of `text`."""
    return text if text.isascii() else "".join(_fold_char(c) for c in text)


_UNDECOMPOSED = str.maketrans("łŁıøØđĐħĦ", "lLioOdDhH")
"""Letters without a base letter in Unicode (Polish ł, Turkish dotless ı...), folded by hand."""


@cache
def _fold_char(char: str) -> str:
    char = char.translate(_UNDECOMPOSED)
    folded = unicodedata.normalize("NFKD", char).encode("ascii", "ignore").decode("ascii")
    return folded if len(folded) == 1 else char


def _key(pattern: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _TOKEN.findall(_fold(pattern)))


def _tokens(text: str) -> list[_Token]:
    return [_Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(_fold(text))]


def _is_initial(word: str) -> bool:
    return len(word) == 1 and word.isupper()


def _case_ok(pattern: str, word: str) -> bool:
    """Lower-case pattern words match any case; acronyms (`US`, `IRGC`) only themselves;
    capitalised words (`Turkey`) only words with the same capital first letter."""
    if pattern.islower() or pattern.isdigit():
        return True
    if pattern.isupper():
        return word == pattern
    return word[0] == pattern[0]


class _Trie:
    """Token trie over lower-cased words; a node's `values` are what ends there."""

    __slots__ = ("children", "values")

    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.values: list = []

    def add(self, words: Iterable[str], value: object) -> None:
        node = self
        for word in words:
            node = node.children.setdefault(word.lower(), _Trie())
        node.values.append(value)

    def walk(self, text: str, tokens: list[_Token], i: int) -> Iterable[tuple[int, list]]:
        """(index after the last token, values) for every path matching from token `i`."""
        node = self
        for j in range(i, len(tokens)):
            if j > i and not _JOINER.fullmatch(text, tokens[j - 1].end, tokens[j].start):
                return
            node = node.children.get(tokens[j].text.lower())
            if node is None:
                return
            if node.values:
                yield j + 1, node.values


class ActorMatcher:
    """Finds actors in text: longest non-overlapping matches on word boundaries.

    Dictionary rows whose lower-cased words coincide with a country-table name replace it
    (`UN` in `actors.csv` wins over the table's `un`). Leaders' rows apply only on dates in
    their [valid_from, valid_to); with no date, the row that starts latest applies.
    """

    def __init__(
        self,
        entries: Iterable[ActorEntry],
        sectors: Mapping[str, str],
        standalone: Iterable[str] = (),
    ) -> None:
        self._actors = _Trie()
        for entry in entries:
            words = tuple(_TOKEN.findall(_fold(entry.pattern)))
            self._actors.add(words, (words, entry))
        self._sectors = _Trie()
        for phrase, sector in sectors.items():
            self._sectors.add(phrase.split(), (phrase, sector))
        self._standalone = frozenset(standalone)

    @classmethod
    def from_tables(
        cls, extra: Iterable[ActorEntry] = (), extra_sectors: Mapping[str, str] | None = None
    ) -> ActorMatcher:
        """A matcher over the country name table and the package's CSVs (CSV rows and the
        gazetteer's capitals win), and rows and sector words from elsewhere (a PETRARCH
        dictionary) for names and words the package does not know; those sector words name an
        actor on their own."""
        actor_keys = {_key(e.pattern) for e in actor_entries()}
        capitals = [
            e for e in place_entries() if e.role == CAPITAL and _key(e.pattern) not in actor_keys
        ]
        csv_entries = [*actor_entries(), *capitals]  # "Baghdad" the capital, not a region code
        csv_keys = {_key(e.pattern) for e in csv_entries}
        names = [e for e in name_entries() if _key(e.pattern) not in csv_keys]
        named_keys = csv_keys | {_key(e.pattern) for e in names}
        places = [
            e for e in place_entries() if e.role != CAPITAL and _key(e.pattern) not in named_keys
        ]
        own = [*names, *csv_entries, *places]
        own_keys = {_key(e.pattern) for e in own}
        others = [e for e in extra if _key(e.pattern) not in own_keys]
        sectors = sector_words()
        new_sectors = {w: s for w, s in (extra_sectors or {}).items() if w not in sectors}
        return cls(
            [*own, *others],
            {**sectors, **new_sectors},
            standalone_sector_words() | set(new_sectors),
        )

    @classmethod
    def default(cls) -> ActorMatcher:
        """The package's matcher, built once."""
        return _default_matcher()

    def find(self, text: str, on: date | None = None) -> list[ActorMention]:
        """Actor mentions in `text` in order; `on` is the date that picks leaders' roles."""
        folded = _fold(text)
        tokens = _tokens(text)
        mentions = []
        i = 0
        while i < len(tokens):
            match = self._longest(folded, tokens, i)
            if match is None:
                group = self._group(text, folded, tokens, i, on)
                if group is None:
                    i += 1
                    continue
                mentions.append(group[1])
                i = group[0]
                continue
            end, candidates = match
            if _negated_prefix(folded, tokens, i):
                i = end  # "non-Syrian forces": not Syria's
                continue
            entry = _pick(candidates, on)
            if entry is None or not (entry.code or entry.sector):
                i = end  # a known name, but nobody it stands for (on that date)
                continue
            char_end = tokens[end - 1].end
            if _is_initial(tokens[end - 1].text) and folded[char_end : char_end + 1] == ".":
                char_end += 1  # the last dot of `U.S.`
            sector, role = entry.sector, entry.role
            composed = self._sector_after(folded, tokens, end, char_end)
            if composed is not None:  # "Boko Haram fighters" stay Boko Haram's (NGA REB)
                end, char_end, composed_role, composed_sector = composed
                if not sector:
                    role, sector = composed_role, composed_sector
                named = self._same_actor_named(folded, tokens, end, char_end, entry.code, on)
                if named is not None:  # "Ukrainian President Petro Poroshenko": one actor
                    end, char_end, role, sector = named
            start = tokens[i].start
            mentions.append(
                ActorMention(entry.code, sector, text[start:char_end], start, char_end, role)
            )
            i = end
        return mentions

    def _longest(
        self, text: str, tokens: list[_Token], i: int
    ) -> tuple[int, list[ActorEntry]] | None:
        best = None
        for end, values in self._actors.walk(text, tokens, i):
            words = [t.text for t in tokens[i:end]]
            fits = [
                entry
                for pattern, entry in values
                if all(_case_ok(p, w) for p, w in zip(pattern, words, strict=True))
            ]
            if fits:
                best = (end, fits)
        return best

    def _group(
        self, text: str, folded: str, tokens: list[_Token], i: int, on: date | None
    ) -> tuple[int, ActorMention] | None:
        """(token end, mention) of a sector word naming an actor without a country: the
        country that follows "of", "in" or "from" ("the government of Iraq", "authorities in
        the U.S.", "soldiers from Gondor") when there is one, else none: "lawmakers" are
        some legislature ("" LEG)."""
        best = None
        for stop, values in self._sectors.walk(folded, tokens, i):
            best = (stop, *values[0])
        if best is None:
            return None
        stop, phrase, sector = best
        start, end = tokens[i].start, tokens[stop - 1].end
        after = stop + 1
        if after < len(tokens) and tokens[after].text.lower() == "the":
            after += 1
        if (
            stop < len(tokens)
            and tokens[stop].text.lower() in ("of", "in", "from")
            and after < len(tokens)
        ):
            match = self._longest(folded, tokens, after)
            entry = _pick(match[1], on) if match else None
            if entry is not None and entry.code:
                return match[0], _joined(text, start, tokens[match[0] - 1].end, entry, sector)
        if stop < len(tokens) and text[end : tokens[stop].start].isspace():
            match = self._longest(folded, tokens, stop)  # a title: "Foreign Minister Lavrov"
            entry = _pick(match[1], on) if match else None
            if entry is not None and entry.code:
                return match[0], _joined(text, start, tokens[match[0] - 1].end, entry, sector)
        if phrase not in self._standalone:
            return None
        return stop, ActorMention("", sector, text[start:end], start, end, phrase)

    def _same_actor_named(
        self, text: str, tokens: list[_Token], end: int, char_end: int, code: str, on: date | None
    ) -> tuple[int, int, str, str] | None:
        """(token end, char end, role, sector) of the person a title names right after it,
        when that person is of the same state ("Russian President Vladimir Putin"), or
        None."""
        if end >= len(tokens) or not text[char_end : tokens[end].start].isspace():
            return None
        match = self._longest(text, tokens, end)
        entry = _pick(match[1], on) if match else None
        if entry is None or entry.code != code:
            return None
        return match[0], tokens[match[0] - 1].end, entry.role, entry.sector

    def _sector_after(
        self, text: str, tokens: list[_Token], end: int, char_end: int
    ) -> tuple[int, int, str, str] | None:
        """(token end, char end, phrase, sector) of a sector word right after an actor
        (`Russian foreign ministry`, `Iran's army`), or None."""
        k = end
        if (
            k < len(tokens)
            and tokens[k].text == "s"
            and text[tokens[k].start - 1 : tokens[k].start] in _APOSTROPHES
            and tokens[k].start - 1 == char_end
        ):
            k += 1
        gap_start = char_end if k == end else tokens[k - 1].end
        if k < len(tokens) and not text[gap_start : tokens[k].start].isspace():
            return None
        best = None
        for stop, values in self._sectors.walk(text, tokens, k):
            phrase, sector = values[0]
            best = (stop, tokens[stop - 1].end, phrase, sector)
        return best


def _joined(text: str, start: int, end: int, entry: ActorEntry, sector: str) -> ActorMention:
    """A sector word and the actor it belongs to as one mention, the actor's own sector
    first ("officials in Brussels" are the EU's)."""
    return ActorMention(entry.code, entry.sector or sector, text[start:end], start, end, entry.role)


def _negated_prefix(folded: str, tokens: list[_Token], i: int) -> bool:
    """Whether the name at token `i` is written as "non-X" ("non-Syrian")."""
    return (
        i > 0
        and tokens[i - 1].text.lower() == "non"
        and folded[tokens[i - 1].end : tokens[i].start] in ("-", "–")
    )


def _pick(candidates: list[ActorEntry], on: date | None) -> ActorEntry | None:
    """The row that holds on `on` (the latest-starting one when `on` is None)."""
    if on is None:
        return max(candidates, key=lambda e: e.valid_from or date.min)
    return next((e for e in candidates if e.applies(on)), None)


@cache
def _default_matcher() -> ActorMatcher:
    return ActorMatcher.from_tables()
