"""Event-coding accuracy and speed, measured in one run on the gold sets in
../shared/data/raw/gold (read their SOURCES.md: the sets overlap, so nothing is tuned on one
and reported on another; the coder's dictionaries were written without looking at them).

- (source, target, CAMEO root) triples against `universalpetrarch/PETR2_GSR_validation.xml`
  (78 AFP/GigaWord sentences, the PETRARCH-2 sample's hand-corrected gold): micro precision,
  recall and F1, actors compared on their store code (`USAGOV` → `USA`, `IGOUNO` → `UNO`), or
  for actors of no known country on their sector (`---LEG`). The gold holds only events
  with a target (PETRARCH's `require_dyad`), so the headline scores the coder's dyadic
  events; the score over all its events (monadic ones count as false positives) follows.
- PLOVER category of each `plover_gsr` record against the first event the coder finds
  (a CAMEO root counts as right when the PLOVER type is one that root maps to in
  `realpolitik/data/plover.csv`; records with no event coded count as wrong).
- Speed: sentences per second for the whole coder against spaCy's parse alone (`nlp.pipe`)
  over the same sentences, alternated three times: the median of the three pairs' ratios.

- The development articles (../shared/data/dev-articles, six whole analysis articles with
  gold events and claims; `benchmarks/dev_articles.py` applies their README's scoring rule):
  events precision, recall and F1 per article and in total, claims found, wrong and missed,
  and any negated claim proposed as a positive one.

Each figure is measured twice: with the package's own dictionaries, and with the PETRARCH-2
dictionaries in ../shared/data/raw/dictionaries/petrarch2 added (`EventCoder.with_dictionaries`).
The GSR's gold codes were derived from PETRARCH-2 output with those same dictionaries, so the
second figure is partly circular (SOURCES.md says so).

    python benchmarks/coding.py
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from datetime import date, datetime
from pathlib import Path

from dev_articles import print_dev_scores

from realpolitik.package_data import read_table
from realpolitik.text.coder import EventCoder
from realpolitik.text.petrarch import petrarch_code, read_dictionaries

GOLD = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "raw" / "gold"
GSR = GOLD / "universalpetrarch" / "PETR2_GSR_validation.xml"
PLOVER = GOLD / "plover_gsr" / "PLOVER_GSR_CAMEO.json"
PETRARCH = GOLD.parent / "dictionaries" / "petrarch2"
ANCHOR_F1 = 0.74
"""PETRARCH-2 on the same validation set (research/event-coders.md)."""
ANCHOR_PLOVER = 0.838
"""Best published PLOVER accuracy (ZSP, with gold actors given)."""

_SENTENCE = re.compile(r"<Sentence\b([^>]*?)/?>(.*?)</Sentence>", re.S)
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_TEXT = re.compile(r"<Text>(.*?)</Text>", re.S)
_CODING = re.compile(r"<EventCoding\b([^>]*)/?>")


def gsr_sentences() -> list[tuple[str, date, set[tuple[str, str, str]]]]:
    """(text, date, gold triples) of every validation sentence."""
    found = []
    for attributes, body in _SENTENCE.findall(GSR.read_text(encoding="utf-8")):
        day = _date(dict(_ATTR.findall(attributes))["date"])
        text = " ".join(_TEXT.search(body).group(1).split())
        gold = set()
        for coding in _CODING.findall(body):
            fields = dict(_ATTR.findall(coding))
            if "eventcode" in fields:
                gold.add(
                    (
                        _who(*petrarch_code(fields["sourcecode"])),
                        _who(*petrarch_code(fields["targetcode"])),
                        fields["eventcode"][:2],
                    )
                )
        found.append((text, day, gold))
    return found


def _who(code: str, sector: str) -> str:
    """An actor as the triples compare it: its store code, or for an actor of no known
    country `---` and its sector (`---LEG`, lawmakers somewhere)."""
    return code or (f"---{sector}" if sector else "")


def _date(value: str) -> date:
    """A GSR date: YYYYMMDD, or the YYMMDD some test records carry."""
    return datetime.strptime(value, "%Y%m%d" if len(value) == 8 else "%y%m%d").date()


Scores = tuple[float, float, float]
"""Micro precision, recall and F1."""


def triple_scores(coder: EventCoder) -> tuple[Scores, Scores, int]:
    """Scores over all the coder's events, over its dyadic events only (the gold's own
    protocol: it was made with PETRARCH's `require_dyad = True`, so it holds no event without
    a target), and the number of gold triples."""
    sentences = gsr_sentences()
    events = coder.code_many(
        [t for t, _, _ in sentences],
        [d for _, d, _ in sentences],
        [f"gsr{i}" for i in range(len(sentences))],
    )
    counts = {"all": [0, 0, 0], "dyadic": [0, 0, 0]}
    for i, (_, _, gold) in enumerate(sentences):
        mine = events[events.event_id.str.startswith(f"text:gsr{i}:")]
        predicted = {
            (_who(s, ss), _who(t, ts), c[:2])
            for s, ss, t, ts, c in zip(
                mine.source,
                mine.source_sector,
                mine.target,
                mine.target_sector,
                mine.cameo,
                strict=True,
            )
        }
        dyadic = {triple for triple in predicted if triple[1]}
        for name, found in (("all", predicted), ("dyadic", dyadic)):
            counts[name][0] += len(found & gold)
            counts[name][1] += len(found - gold)
            counts[name][2] += len(gold - found)
    return _scores(*counts["all"]), _scores(*counts["dyadic"]), sum(counts["all"][::2])


def _scores(tp: int, fp: int, fn: int) -> Scores:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def plover_accuracy(coder: EventCoder) -> tuple[float, int]:
    """Share of PLOVER gold records whose type the coder's first event matches."""
    table = read_table("plover.csv")
    types_of_root: dict[str, set[str]] = {}
    for event, root in zip(table.plover_event, table.cameo_root, strict=True):
        types_of_root.setdefault(root, set()).add(event)
    records = [
        r for r in json.loads(PLOVER.read_text(encoding="utf-8")) if r["event"] != "DOCUMENT"
    ]
    texts = [r["text"] for r in records]
    events = coder.code_many(
        texts, [date(2000, 1, 1)] * len(texts), [f"plv{i}" for i in range(len(texts))]
    )
    right = 0
    for i, record in enumerate(records):
        mine = events[events.event_id.str.startswith(f"text:plv{i}:")]
        if len(mine) and record["event"] in types_of_root.get(mine.cameo.iloc[0][:2], set()):
            right += 1
    return right / len(records), len(records)


SPEED_ROUNDS = 3
"""Parse-only and full runs alternate this many times: each pair runs under about the same
load from elsewhere on a shared machine, and the median of the pairs' ratios is reported."""


def speed(coder: EventCoder) -> tuple[float, float, float, int]:
    """Sentences per second of the whole coder and of spaCy's parse alone (the fastest run
    of each), and the median ratio of the two over the paired runs."""
    texts = [t for t, _, _ in gsr_sentences()]
    texts += [r["text"] for r in json.loads(PLOVER.read_text(encoding="utf-8"))[1:]]
    texts = texts * 5
    pairs = []
    for _ in range(SPEED_ROUNDS):
        start = time.perf_counter()
        for _ in coder.nlp.pipe(texts, batch_size=64):
            pass
        parse = time.perf_counter() - start
        start = time.perf_counter()
        coder.code_many(texts, [date(2018, 1, 1)] * len(texts))
        pairs.append((parse, time.perf_counter() - start))
    ratio = statistics.median(parse / full for parse, full in pairs)
    fastest_full = min(full for _, full in pairs)
    fastest_parse = min(parse for parse, _ in pairs)
    return len(texts) / fastest_full, len(texts) / fastest_parse, ratio, len(texts)


def report(name: str, coder: EventCoder) -> None:
    """Print the figures for one configuration of the coder."""
    print(f"-- {name}")
    print_dev_scores(coder)
    every, dyadic, gold = triple_scores(coder)
    for name, (precision, recall, f1) in (("dyadic events", dyadic), ("all events", every)):
        print(
            f"PETR-2 GSR validation ({gold} gold triples), {name}: precision {precision:.3f}, "
            f"recall {recall:.3f}, F1 {f1:.3f} (PETRARCH-2: about {ANCHOR_F1})"
        )
    accuracy, records = plover_accuracy(coder)
    print(
        f"PLOVER GSR ({records} records): category accuracy {accuracy:.3f} "
        f"(best published, with gold actors: {ANCHOR_PLOVER})"
    )
    full, parse, ratio, n = speed(coder)
    print(
        f"speed over {n} sentences (fastest of {SPEED_ROUNDS}): coder {full:,.0f}/s, "
        f"spaCy parse alone {parse:,.0f}/s; ratio, median of {SPEED_ROUNDS} paired runs, "
        f"{ratio:.2f} (goal >= 0.8)"
    )


def main() -> None:
    if not GOLD.exists():
        sys.exit(f"{GOLD} not found: the benchmark reads the gold sets there")
    own = EventCoder()
    report("the package's own dictionaries", own)
    start = time.perf_counter()
    dictionaries = read_dictionaries(PETRARCH)
    with_petrarch = EventCoder.with_dictionaries(dictionaries, nlp=own.nlp)
    loaded = time.perf_counter() - start
    print(
        f"PETRARCH-2 dictionaries read and matcher built in {loaded:.1f} s "
        f"({len(dictionaries.actors):,} actor rows, {len(dictionaries.agents):,} sector words, "
        f"{len(dictionaries.verbs):,} verb patterns)"
    )
    report(
        "plus the PETRARCH-2 dictionaries (partly circular: the GSR was made with them)",
        with_petrarch,
    )


if __name__ == "__main__":
    main()
