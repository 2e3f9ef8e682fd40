"""Reading PETRARCH-2 dictionaries into the coder's own types.

PETRARCH-2 (Open Event Data Alliance, MIT licence) codes news with dictionaries that are the
largest open English vocabularies of actors and events. They stay wherever the user keeps
them — this package ships none of their content — and this module reads them from there:

- actor files (`Phoenix.Countries.actors.txt`, `Phoenix.International.actors.txt`, ...) →
  `ActorEntry` rows for `ActorMatcher`, with PETRARCH's date restrictions;
- the agent file (`Phoenix.agents.txt`) → sector words (`foreign minister` → GOV);
- the verb file (`CAMEO.2.0.txt`) → a `VerbDictionary` of verb patterns;
- a folder with its `PETR_config.ini` → all three, as that configuration names them
  (`read_dictionaries`), for `EventCoder.with_dictionaries`.

The format is documented in the petrarch2 repository (`docs/source/dictionaries.rst`).
Comments run from `#` or `;` to the end of the line, or are `<!-- ... -->` (also over several
lines); a line starting `<!` is a comment as well.

A line that cannot be read raises `InputError` with its number. The kinds of sloppiness
found in the published Phoenix and CAMEO files are skipped instead and counted in the
`skipped` Counter a caller may pass (reason → how many); each reader lists its reasons.
"""

from __future__ import annotations

import configparser
import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path

from realpolitik.cameo import is_cameo_code, sector_codes
from realpolitik.countries import code_from_cameo
from realpolitik.errors import InputError, UsageError
from realpolitik.text.actors import ActorEntry
from realpolitik.text.verbs import Slot, VerbDictionary, VerbPattern

ROLE = "petrarch"
"""The role of every `ActorEntry` read from a PETRARCH actor file."""

_COMMENT_START = re.compile(r"\[[^\[\]]*\]|#|;|<!--")
"""A comment's start, or a code in brackets, where `#` is no comment (`[###]`)."""
_WORD_SEPARATORS = re.compile(r"[\s_]+")
_BRACKETS = re.compile(r"\[([^\[\]]*)\]")
_DAY = timedelta(days=1)
_RESTRICTION = re.compile(r"<(?P<before>\d+)|>(?P<after>\d+)|(?P<start>\d+)-(?P<end>\d+)|")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?")
_LOWER_CASE_WORDS = frozenset(
    {"a", "al", "and", "bin", "d", "da", "de", "del", "des", "du", "el", "et", "for", "ibn"}
    | {"in", "la", "le", "of", "on", "the", "to", "y"}
)
"""Words that stay lower case inside a proper name (`Group of 77`, `al Qaeda`), so that they
match in any case; the same choice `realpolitik.text.actors` makes for country names."""
_MARKER_DEFINITION = re.compile(r"!(?P<name>\w+)!\s*=(?P<values>.*)")
_MARKER = re.compile(r"!(\w+)!")
_AGENT_CODE = re.compile(r"\[(?P<code>[^\[\]]*)\]")
_AGENT_PHRASE = re.compile(r"(?P<phrase>[^{}]*?)\s*(?:\{(?P<plurals>[^{}]*)\})?")
_SYNSET_LABEL = re.compile(r"&(?P<name>\w+)")
_VERB_LINE = re.compile(r"(?P<verb>[^{}\[\]]+?)\s*(?:\{[^{}]*\})?\s*(?:\[(?P<code>[^\[\]]*)\])?")
_PATTERN_LINE = re.compile(r"-(?P<words>[^\[\]]*)\[(?P<code>[^\[\]]*)\]")
_STARS = re.compile(r"\*+")
_PATTERN_MARKS = frozenset({"+", "$", "^", "%", "*"})
"""Pattern tokens that mark the target, the source, a skipped word, a compound actor or (after
the first `*`) the verb again: positions in PETRARCH's parse tree, not words, so dropped."""
_LETTER_HYPHEN = re.compile(r"(?<=[a-z])-(?=[a-z])")


# ---------------------------------------------------------------- codes


@cache
def _sectors() -> frozenset[str]:
    return frozenset(sector_codes())


@cache
def petrarch_code(code: str) -> tuple[str, str]:
    """A PETRARCH/Phoenix actor code → (store code, sector); "" where there is none.

    Codes are 3-letter chunks. A country first (`USAGOV` → USA GOV, `ROMGOV` → ROU GOV via
    the CAMEO crosswalk) takes the first later chunk that is a sector code; `---` is no
    country (`---LEG` → "" LEG). `IGO...` names its organisation by the last later chunk that
    is a store code (`IGOUNO` → UNO IGO, `IGOEUREEC` → EEC IGO, `IGOUNOKID` → KID IGO). Any
    other sector first (`NGO`, `MNC`, `IMG`: `IMGMUSISI` → "" IMG) gives no country: those
    actors are not states, and the chunks after them are often religion or group codes that
    collide with ISO codes (Phoenix's MUS, Muslim, is Mauritius in ISO). An unknown first
    chunk (`USR`, the USSR) gives no country either.
    """
    chunks = [code.upper()[i : i + 3] for i in range(0, len(code), 3)]
    first, rest = (chunks[0], chunks[1:]) if chunks else ("", [])
    if first == "IGO":
        organisations = [c for c in map(code_from_cameo, rest) if c]
        return (organisations[-1] if organisations else "", "IGO")
    if first in _sectors():
        return "", first
    return code_from_cameo(first) or "", next((c for c in rest if c in _sectors()), "")


# ---------------------------------------------------------------- lines


def _content_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, text) of every line that holds something once comments are removed."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the dictionary ({exc})") from exc
    in_comment = False
    for number, line in enumerate(text.splitlines(), start=1):
        content, in_comment = _without_comments(line, in_comment)
        if content.strip():
            yield number, content.strip()


def _without_comments(line: str, in_comment: bool) -> tuple[str, bool]:
    """The line without its comments, and whether an `<!--` comment runs on past it."""
    start = line.lstrip()
    if not in_comment and start.startswith("<!") and not start.startswith("<!--"):
        return "", False
    kept = ""
    while True:
        if in_comment:
            end = line.find("-->")
            if end < 0:
                return kept, True
            line, in_comment = line[end + 3 :], False
        match = _COMMENT_START.search(line)
        if match is None:
            return kept + line, False
        if match.group().startswith("["):
            kept, line = kept + line[: match.end()], line[match.end() :]
            continue
        kept += line[: match.start()]
        if match.group() != "<!--":
            return kept, False
        line, in_comment = line[match.end() :], True


def _plural(phrase: str) -> str:
    """The regular plural of a lower-case phrase's last word: `-s`, `-ies` after a consonant
    and `y`, `-es` after `s`, `x`, `z`, `ch`, `sh` (PETRARCH's rules — S, Y → IES, SS → ES —
    made to give English words: `envoys`, `taxes`)."""
    if phrase.endswith(("s", "x", "z", "ch", "sh")):
        return phrase + "es"
    if phrase.endswith("y") and phrase[-2:-1] not in ("", *"aeiou"):
        return phrase[:-1] + "ies"
    return phrase + "s"


# ---------------------------------------------------------------- actors


@dataclass(frozen=True)
class _CodeSpan:
    """One `[CODE restriction]` of an actor record as [valid_from, valid_to)."""

    code: str
    valid_from: date | None
    valid_to: date | None

    @property
    def restricted(self) -> bool:
        return self.valid_from is not None or self.valid_to is not None


def read_actor_dictionary(path: Path, *, skipped: Counter[str] | None = None) -> list[ActorEntry]:
    """The entries of a PETRARCH actor file, role "petrarch", for `ActorMatcher`.

    A record is a primary phrase (`VLADIMIR_PUTIN_`, optionally `[CODE]`), `+synonym` lines
    and `[CODE restriction]` groups, on their own lines or after the phrase. A restriction is
    `<date`, `>date`, `date-date` (limits inclusive; YYYYMMDD or YYMMDD, 00-30 → 20YY) or
    none, a default. Each phrase of the record becomes one entry per code: the date-restricted
    ones first in file order, then the defaults, so that `ActorMatcher` (which takes the first
    entry that holds on the date) falls back to a default only outside every restriction.

    Phrases are written as proper nouns, as the matcher wants them: `VLADIMIR_PUTIN_` →
    `Vladimir Putin`, `BAN_KI-MOON` → `Ban Ki-moon` (the part after a hyphen matches in any
    case), `U.N.` and other initials in capitals, `of`/`the`/`al`... lower case. Codes go
    through `petrarch_code`; PETRARCH's null code `---` gives an entry with code and sector
    "" (the name is known and stands for no actor).

    Skipped and counted: `bad date restriction` (an impossible date such as `2004017`, a
    date with no `<`, `>` or range, a range that ends before it starts), `garbled phrase`
    (control characters or a stray `]`), `phrase without code` (a record with no code at
    all), and `text after the codes` (words after the `]` without a `#`: left out, the line
    is read).
    """
    skipped = Counter() if skipped is None else skipped
    entries: list[ActorEntry] = []
    patterns: list[str] = []
    spans: list[_CodeSpan] = []
    in_record = False
    for number, line in _content_lines(path):
        phrase, groups = _phrase_and_groups(path, number, line, skipped)
        if phrase and not phrase.startswith("+"):
            entries.extend(_record_entries(patterns, spans, skipped))
            patterns, spans, in_record = [], [], True
        elif not in_record:
            raise InputError(str(path), "a synonym or code before any actor phrase", number)
        if phrase:
            pattern = _proper_noun(phrase.removeprefix("+"))
            if pattern is None:
                skipped["garbled phrase"] += 1
            else:
                patterns.append(pattern)
        for group in groups:
            span = _code_span(path, number, group)
            if span is None:
                skipped["bad date restriction"] += 1
            else:
                spans.append(span)
    entries.extend(_record_entries(patterns, spans, skipped))
    return entries


def _phrase_and_groups(
    path: Path, number: int, line: str, skipped: Counter[str]
) -> tuple[str, list[str]]:
    """The phrase before the first `[` and the contents of the bracket groups after it (text
    between or after them, which some Phoenix lines have without a `#`, is left out)."""
    phrase, bracket, tail = line.partition("[")
    tail = bracket + tail
    rest = _BRACKETS.sub(" ", tail)
    if "[" in rest or "]" in rest:
        raise InputError(str(path), "unbalanced [ ] around a code", number)
    if rest.strip():
        skipped["text after the codes"] += 1
    return phrase.strip(), _BRACKETS.findall(tail)


def _code_span(path: Path, number: int, group: str) -> _CodeSpan | None:
    """`USAGOV 991231-080507` → a code with its dates; None for a restriction that names no
    valid dates."""
    parts = group.split(maxsplit=1)
    if not parts:
        raise InputError(str(path), "empty [ ] where a code should be", number)
    restriction = _RESTRICTION.fullmatch("".join(parts[1:]).replace(" ", ""))
    if restriction is None:
        return None
    try:
        if restriction["before"]:
            return _CodeSpan(parts[0], None, _petrarch_date(restriction["before"]) + _DAY)
        if restriction["after"]:
            return _CodeSpan(parts[0], _petrarch_date(restriction["after"]), None)
        if restriction["start"]:
            start, end = (_petrarch_date(restriction[k]) for k in ("start", "end"))
            return _CodeSpan(parts[0], start, end + _DAY) if start <= end else None
    except ValueError:
        return None
    return _CodeSpan(parts[0], None, None)


def _petrarch_date(digits: str) -> date:
    """YYYYMMDD or YYMMDD (00-30 → 2000-2030, else 19YY); ValueError for anything else."""
    if len(digits) == 8:
        return date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    if len(digits) == 6:
        year = int(digits[:2])
        return date(year + (2000 if year <= 30 else 1900), int(digits[2:4]), int(digits[4:]))
    raise ValueError(f"{digits}: neither YYYYMMDD nor YYMMDD")


def _record_entries(
    patterns: list[str], spans: list[_CodeSpan], skipped: Counter[str]
) -> list[ActorEntry]:
    if patterns and not spans:
        skipped["phrase without code"] += len(patterns)
    ordered = [s for s in spans if s.restricted] + [s for s in spans if not s.restricted]
    return [
        ActorEntry(pattern, *petrarch_code(span.code), ROLE, span.valid_from, span.valid_to)
        for pattern in patterns
        for span in ordered
    ]


def _proper_noun(phrase: str) -> str | None:
    """`VLADIMIR_PUTIN_` → `Vladimir Putin`; None for a phrase no text could match."""
    words = [w for w in _WORD_SEPARATORS.split(phrase) if w]
    if not words or any(not w.isprintable() or "]" in w for w in words):
        return None
    names = [w for w in words if w.lower() not in _LOWER_CASE_WORDS]
    return " ".join(
        w.lower() if names and w.lower() in _LOWER_CASE_WORDS else _capitalised(w) for w in words
    )


def _capitalised(word: str) -> str:
    """`PUTIN` → `Putin`, `KI-MOON` → `Ki-moon`, `U.N.` → `U.N.`."""
    if _INITIALS.fullmatch(word):
        return word.upper()
    lower = word.lower()
    first = next((i for i, c in enumerate(lower) if c.isalpha()), None)
    return lower if first is None else lower[:first] + lower[first].upper() + lower[first + 1 :]


# ---------------------------------------------------------------- agents


def read_agent_dictionary(path: Path, *, skipped: Counter[str] | None = None) -> dict[str, str]:
    """A PETRARCH agent file as sector words: lower-case phrase → sector code, the mapping
    `ActorMatcher` takes (`FOREIGN_MINISTER [~GOVFRM]` → "foreign minister": "GOV").

    The code's first chunk is the sector, whether it is added after the actor (`~GOV`) or
    before it (`NGO~`). Phrases are written as the matcher reads words: lower case, words
    split at `_`, spaces and punctuation (`SEMI-OFFICIAL` → `semi official`, which matches
    "semi-official"). `!MARKER! = A, B` lines define substitution sets that `!MARKER!` in a
    phrase expands to, without plurals; other phrases get their regular plural unless
    `{PLURAL}` gives it or `{}` forbids it. A phrase listed twice keeps its last code, as in
    PETRARCH.

    Skipped and counted: `agent without code` (no well-formed `[CODE]`), `not a sector code`
    (a first chunk such as `CHR` or `MUS` that is no sector: religions are not sectors here).
    """
    skipped = Counter() if skipped is None else skipped
    markers: dict[str, list[str]] = {}
    agents: dict[str, str] = {}
    for number, line in _content_lines(path):
        definition = _MARKER_DEFINITION.fullmatch(line)
        if definition:
            values = [v.strip() for v in definition["values"].split(",")]
            markers[definition["name"]] = [v for v in values if v]
            continue
        text, bracket, code_text = line.partition("[")
        code = _AGENT_CODE.fullmatch(bracket + code_text)
        if code is None:
            skipped["agent without code"] += 1
            continue
        sector = code["code"].strip().strip("~")[:3].upper()
        if sector not in _sectors():
            skipped["not a sector code"] += 1
            continue
        parts = _AGENT_PHRASE.fullmatch(text.strip())
        if parts is None or not parts["phrase"]:
            raise InputError(str(path), "expected PHRASE {PLURAL} [CODE]", number)
        forms = _expanded(path, number, parts["phrase"], markers)
        if parts["plurals"] is not None:
            forms += _expanded(path, number, parts["plurals"], markers)
        elif not _MARKER.search(parts["phrase"]):
            forms.append(_plural(_matcher_words(parts["phrase"])))
        for form in forms:
            agents[_matcher_words(form)] = sector
    return agents


def _expanded(path: Path, number: int, phrase: str, markers: dict[str, list[str]]) -> list[str]:
    """The phrase with every `!MARKER!` replaced by each of its values (all combinations)."""
    if not phrase.strip():
        return []
    marker = _MARKER.search(phrase)
    if marker is None:
        return [phrase]
    if marker.group(1) not in markers:
        raise InputError(str(path), f"substitution marker {marker.group()} is not defined", number)
    return [
        form
        for value in markers[marker.group(1)]
        for form in _expanded(
            path, number, phrase[: marker.start()] + value + phrase[marker.end() :], markers
        )
    ]


def _matcher_words(phrase: str) -> str:
    """`SEMI-OFFICIAL_NEWSPAPER` → `semi official newspaper`: ActorMatcher's word tokens."""
    return " ".join(re.findall(r"[^\W_]+", phrase.lower()))


# ---------------------------------------------------------------- verbs


@dataclass
class _Block:
    """A `--- NAME [CODE] ---` block: its verbs (with their own codes, "" for none) and its
    patterns (subject slots, object slots, CAMEO code)."""

    code: str
    verbs: list[tuple[str, str]] = field(default_factory=list)
    patterns: list[tuple[tuple[Slot, ...], tuple[Slot, ...], str]] = field(default_factory=list)


def read_verb_dictionary(path: Path, *, skipped: Counter[str] | None = None) -> VerbDictionary:
    """A PETRARCH verb file (`CAMEO.2.0.txt`) as a `VerbDictionary`.

    Each verb of a `--- NAME [CODE] ---` block gets a pattern of its own (its `[code]`, else
    the block's) and one per `- subject words * object words [CODE]` line of the block.
    A verb is its primary form in lower case; a multi-word verb keeps its words in order
    without the `+` that marks the verb (`+BEEF_UP` → "beef up", `RE_+ARREST` → "re arrest").
    Irregular forms in `{...}` are not needed: the coder looks verbs up by lemma.

    Pattern words become slots: a word matches itself or its regular plural, `A/B` either,
    `&SYNSET` any of the synset's phrases. `{...}` noun phrases and `(...)` prepositional
    phrases give each of their words as a slot of its own (PETRARCH's modifiers need not
    stand next to the head either). Words are split at `_`; a hyphen between letters stands
    alone (`cease - fire`) as in spaCy's tokens; `+ $ ^ %` and further `*` are dropped.
    Synsets are `&NAME` followed by `+phrase` lines, with plurals unless the name or the
    phrase ends in `_`; they must be defined before the patterns that use them. A code
    `[A:B]` gives A (B is PETRARCH's passive-voice code); `---` or an empty A gives "", no
    event.

    Skipped and counted: `undefined synset` (pattern lines naming one), `non-CAMEO code`
    (pattern lines and verbs whose code `is_cameo_code` rejects, such as 903),
    `pattern without words`, `nested synset` (a synset phrase naming a synset) and
    `verb transformation` (`~` lines, which this coder does not use).
    """
    skipped = Counter() if skipped is None else skipped
    synsets: dict[str, Slot] = {}
    synset: tuple[str, bool] | None = None  # the synset being defined: name, with plurals
    blocks: list[_Block] = []
    for number, line in _content_lines(path):
        if synset is not None and line.startswith("+"):
            _add_to_synset(synsets, synset, line[1:], skipped)
            continue
        synset = None
        if line.startswith("&"):
            label = _SYNSET_LABEL.fullmatch(line)
            if label is None:
                raise InputError(str(path), "a synset label is & and one word", number)
            name = label["name"]
            synset = (name.rstrip("_"), not name.endswith("_"))
            synsets[synset[0]] = frozenset()
        elif line.startswith("~"):
            skipped["verb transformation"] += 1
        elif line.startswith("---"):
            code = _BRACKETS.search(line)
            blocks.append(_Block(code.group(1).strip() if code else "---"))
        elif not blocks:
            raise InputError(str(path), "a verb or pattern before any --- block ---", number)
        elif line.startswith("-"):
            _add_pattern(path, number, line, blocks[-1], synsets, skipped)
        else:
            verb = _VERB_LINE.fullmatch(line)
            if verb is None:
                raise InputError(str(path), "cannot read the verb line", number)
            blocks[-1].verbs.append((_verb_name(verb["verb"]), (verb["code"] or "").strip()))
    return VerbDictionary(_block_patterns(blocks, skipped))


def _add_to_synset(
    synsets: dict[str, Slot], synset: tuple[str, bool], phrase: str, skipped: Counter[str]
) -> None:
    name, with_plurals = synset
    phrase = phrase.strip()
    if phrase.startswith("&"):
        skipped["nested synset"] += 1
        return
    words = " ".join(w for w in _WORD_SEPARATORS.split(phrase.lower()) if w)
    forms = [words, _plural(words)] if with_plurals and not phrase.endswith("_") else [words]
    synsets[name] = synsets[name] | {_spacy_words(f) for f in forms}


def _add_pattern(
    path: Path,
    number: int,
    line: str,
    block: _Block,
    synsets: dict[str, Slot],
    skipped: Counter[str],
) -> None:
    pattern = _PATTERN_LINE.fullmatch(line)
    if pattern is None:
        raise InputError(str(path), "a pattern must end with its [CODE]", number)
    tokens = _STARS.sub(" * ", pattern["words"]).split()
    if "*" not in tokens:
        raise InputError(str(path), "a pattern needs * where the verb stands", number)
    verb_at = tokens.index("*")
    subject = _slots(tokens[:verb_at], synsets)
    objects = _slots(tokens[verb_at + 1 :], synsets)
    cameo = _cameo(pattern["code"])
    if subject is None or objects is None:
        skipped["undefined synset"] += 1
    elif cameo is None:
        skipped["non-CAMEO code"] += 1
    elif not subject and not objects:
        skipped["pattern without words"] += 1
    else:
        block.patterns.append((subject, objects, cameo))


def _slots(tokens: list[str], synsets: dict[str, Slot]) -> tuple[Slot, ...] | None:
    """The word slots of pattern tokens; None if one names an undefined synset."""
    slots = []
    for token in tokens:
        token = token.strip("(){}")
        for part in [token] if token.startswith("&") else token.split("_"):
            if not part or part in _PATTERN_MARKS:
                continue
            if part.startswith("&"):
                slot = synsets.get(part[1:].rstrip("_"))
                if slot is None:
                    return None
            else:
                words = [w.lower() for w in part.split("/") if w]
                slot = frozenset(_spacy_words(f) for w in words for f in (w, _plural(w)))
            slots.append(slot)
    return tuple(slots)


def _spacy_words(phrase: str) -> str:
    """A phrase as spaCy's English tokenizer splits it: `cease-fire` → `cease - fire`."""
    return _LETTER_HYPHEN.sub(" - ", phrase)


def _verb_name(primary: str) -> str:
    """`+BEEF_UP` → "beef up", `SAY` → "say", TABARI's `LASH OUT` → "lash out"."""
    return " ".join(w for w in _WORD_SEPARATORS.split(primary.replace("+", "").lower()) if w)


def _cameo(code: str) -> str | None:
    """`057:057` → "057", `---` or `:173` → "", None for a code that is not CAMEO."""
    active = code.split(":")[0].strip()
    if active in ("", "---"):
        return ""
    return active if is_cameo_code(active) else None


def _block_patterns(blocks: list[_Block], skipped: Counter[str]) -> Iterator[VerbPattern]:
    for block in blocks:
        for verb, own_code in block.verbs:
            cameo = _cameo(own_code or block.code)
            if cameo is None:
                skipped["non-CAMEO code"] += 1
            else:
                yield VerbPattern(verb, cameo)
            for subject, objects, pattern_code in block.patterns:
                yield VerbPattern(verb, pattern_code, subject, objects)


# ---------------------------------------------------------------- a dictionary folder

CONFIG = "PETR_config.ini"


@dataclass(frozen=True)
class PetrarchDictionaries:
    """The dictionaries of a PETRARCH folder, read: actor rows, sector words, verb patterns,
    and what each file skipped (file name → reason → count)."""

    actors: list[ActorEntry]
    agents: dict[str, str]
    verbs: VerbDictionary
    skipped: dict[str, Counter[str]]
    fingerprint: str = ""
    """SHA-1 (12 hex digits) of the files read: coded events name the rules they came from."""


def read_dictionaries(folder: Path) -> PetrarchDictionaries:
    """The verb, actor and agent files that `folder/PETR_config.ini` names in its
    `[Dictionaries]` section (`verbfile_name`, `actorfile_list`, `agentfile_name`)."""
    folder = Path(folder)
    config_path = folder / CONFIG
    if not config_path.is_file():
        raise UsageError(
            f"{folder}: not a PETRARCH dictionary folder (no {CONFIG} naming its files)"
        )
    config = configparser.ConfigParser(inline_comment_prefixes=("#",))
    try:
        config.read(config_path, encoding="utf-8")
        section = config["Dictionaries"]
        names = {
            "verbs": [section["verbfile_name"].strip()],
            "actors": [n.strip() for n in section["actorfile_list"].split(",") if n.strip()],
            "agents": [section["agentfile_name"].strip()],
        }
    except (configparser.Error, KeyError) as exc:
        raise InputError(
            str(config_path),
            f"cannot find the dictionary files in it ({exc}); it needs a [Dictionaries] "
            "section with verbfile_name, actorfile_list and agentfile_name",
        ) from exc
    for name in (n for group in names.values() for n in group):
        if not (folder / name).is_file():
            raise InputError(str(folder / name), f"named in {CONFIG} but not found")
    skipped: dict[str, Counter[str]] = {
        name: Counter() for group in names.values() for name in group
    }
    actors = [
        entry
        for name in names["actors"]
        for entry in read_actor_dictionary(folder / name, skipped=skipped[name])
    ]
    (agent_file,) = names["agents"]
    (verb_file,) = names["verbs"]
    digest = hashlib.sha1()
    for name in sorted(skipped):
        digest.update((folder / name).read_bytes())
    return PetrarchDictionaries(
        actors,
        read_agent_dictionary(folder / agent_file, skipped=skipped[agent_file]),
        read_verb_dictionary(folder / verb_file, skipped=skipped[verb_file]),
        skipped,
        digest.hexdigest()[:12],
    )
