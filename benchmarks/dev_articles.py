"""Scoring the coder and the claim finder on the development articles in
../shared/data/dev-articles (their README gives the scoring rule, applied here as written).

Events: an extracted event with both actors matches a gold item when its (source, target)
equal the gold's (either order for a mutual one), its CAMEO root is one of the gold's and its
date starts with the gold's (every date matches `any`). Precision over extracted dyadic
events against all gold items, recall over the required ones.

Claims (found on the coder's own parse and events of the article): a dependence claim
matches when its dyads are among the gold's, its sign and negation agree and, where the gold
gives a period, its period is the gold's; a delay when its parties are the gold's and its
signed and promised dates start with the gold's; a vote when actor, vote and the set of
resolutions agree. A negated gold dependence proposed as a positive one is counted on its
own: it is the worst error.

    python benchmarks/dev_articles.py [--explain]
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from realpolitik.schema import EVENT_COLUMNS
from realpolitik.text.claims import Claim, find_claims
from realpolitik.text.coder import EventCoder

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "dev-articles"
_PUBLISHED = re.compile(r"^Published\s+(\d{1,2} \w+ \d{4})\s*$", re.M)


@dataclass
class Article:
    name: str
    text: str
    published: date
    gold: list[dict]
    claims: dict[str, list[dict]]


def dev_articles(folder: Path = DEV) -> list[Article]:
    """The development articles with their gold events and claims."""
    found = []
    for path in sorted(folder.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        published = datetime.strptime(_PUBLISHED.search(text).group(1), "%d %B %Y").date()
        gold_path = path.with_suffix(".gold.jsonl")
        gold = [json.loads(line) for line in gold_path.read_text().splitlines() if line.strip()]
        claims = json.loads(path.with_suffix(".claims.json").read_text(encoding="utf-8"))
        found.append(Article(path.stem, text, published, gold, claims))
    return found


def _event_matches(row: pd.Series, gold: dict) -> bool:
    pair = (row.source, row.target)
    pairs = {(gold["source"], gold["target"])}
    if gold["sym"]:
        pairs.add((gold["target"], gold["source"]))
    day = "" if pd.isna(row.date) else _date_text(row.date, row.date_precision)
    return (
        pair in pairs
        and row.cameo[:2] in gold["roots"]
        and (gold["date"] == "any" or day.startswith(gold["date"]))
    )


def _date_text(day: object, precision: str) -> str:
    day = pd.Timestamp(day)
    return {"day": day.strftime("%Y-%m-%d"), "month": day.strftime("%Y-%m")}.get(
        precision, day.strftime("%Y") if precision == "year" else ""
    )


@dataclass
class EventScore:
    extracted: int = 0
    matched: int = 0
    required: int = 0
    found: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    def add(self, other: EventScore) -> None:
        for name in ("extracted", "matched", "required", "found"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def figures(self) -> tuple[float, float, float]:
        precision = self.matched / self.extracted if self.extracted else 0.0
        recall = self.found / self.required if self.required else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


def event_score(events: pd.DataFrame, gold: list[dict]) -> EventScore:
    """The README's event scores of one article's events."""
    dyadic = events[(events.source != "") & (events.target != "")]
    score = EventScore(extracted=len(dyadic), required=sum(not g["optional"] for g in gold))
    for row in dyadic.itertuples():
        if any(_event_matches(row, g) for g in gold):
            score.matched += 1
        else:
            day = _date_text(row.date, row.date_precision) if not pd.isna(row.date) else "-"
            score.wrong.append(f"{row.source}>{row.target} {row.cameo} {day}: {row.text[:90]}")
    for g in gold:
        if g["optional"]:
            continue
        if any(_event_matches(row, g) for row in dyadic.itertuples()):
            score.found += 1
        else:
            score.missed.append(
                f"{g['source']}>{g['target']} {'/'.join(g['roots'])} {g['date']}: {g['what']}"
            )
    return score


@dataclass
class ClaimScore:
    gold: int = 0
    found: int = 0
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)
    negated_as_positive: int = 0

    def add(self, other: ClaimScore) -> None:
        self.gold += other.gold
        self.found += other.found
        self.negated_as_positive += other.negated_as_positive


def _dependence_matches(claim: dict, gold: dict) -> bool:
    sign = claim.get("expect")
    period = [str(y) for y in claim.get("period") or []]
    return (
        claim["dependent"] in gold["dependent"]
        and claim["driver"] in gold["driver"]
        and sign == gold["sign"]
        and bool(claim.get("negated", False)) == bool(gold.get("negated", False))
        and (not gold.get("period") or period == [str(y) for y in gold["period"]])
    )


def _delay_matches(claim: dict, gold: dict) -> bool:
    return (
        set(claim.get("parties", [])) == set(gold["parties"])
        and str(claim.get("signed") or "").startswith(gold["signed"] or "")
        and str(claim.get("promised") or "").startswith(gold["promised"] or "")
    )


def _vote_matches(claim: dict, gold: dict) -> bool:
    return (
        claim.get("actor") == gold["actor"]
        and claim.get("expect") == gold["vote"]
        and {str(r) for r in claim.get("resolutions", [])} == set(gold["resolutions"])
    )


MATCHERS = {"dependence": _dependence_matches, "delay": _delay_matches, "vote": _vote_matches}
GOLD_LISTS = {"dependence": "dependence", "delay": "delays", "vote": "votes"}


def claim_score(claims: list[Claim], gold: dict[str, list[dict]]) -> ClaimScore:
    """Gold claims found and missed, proposed claims that match none, per the README."""
    score = ClaimScore()
    proposed = [c.as_dict() for c in claims]
    for kind, matcher in MATCHERS.items():
        items = [g for g in gold[GOLD_LISTS[kind]] if not g.get("veto")]
        mine = [c for c in proposed if c["kind"] == kind and not c.get("count_only")]
        score.gold += len(items)
        for g in items:
            if any(matcher(c, g) for c in mine):
                score.found += 1
            else:
                score.missed.append(
                    f"{kind}: {json.dumps({k: g[k] for k in g if 'sentence' not in k})}"
                )
            if kind == "dependence" and g.get("negated"):
                score.negated_as_positive += sum(
                    c["dependent"] in g["dependent"] and not c.get("negated") for c in mine
                )
        for c in mine:
            if not any(matcher(c, g) for g in items):
                shown = {k: v for k, v in c.items() if k not in ("text", "origin_ref", "id")}
                score.wrong.append(f"{kind}: {json.dumps(shown, default=str)}")
    return score


def main(explain: bool = False) -> None:
    if not DEV.exists():
        sys.exit(f"{DEV} not found: the dev-article scores read it")
    print_dev_scores(EventCoder(), explain)


def print_dev_scores(coder: EventCoder, explain: bool = False) -> None:
    """The table of event and claim scores per development article and in total."""
    if not DEV.exists():
        print(f"{DEV} not found: no development-article scores")
        return
    total, claims_total = EventScore(), ClaimScore()
    wrong_claims = 0
    print(f"{'article':28} {'events':>6} {'P':>6} {'R':>6} {'F1':>6}   claims found/gold, wrong")
    for article in dev_articles():
        doc = coder.parse(article.text)  # one parse for the events and the claims
        rows = coder.code_parsed(doc, article.published, article.name)
        events = pd.DataFrame(rows, columns=list(EVENT_COLUMNS))
        score = event_score(events, article.gold)
        claims = find_claims(doc, rows, article.published, article.name, coder.actors)
        claimed = claim_score(claims, article.claims)
        total.add(score)
        claims_total.add(claimed)
        wrong_claims += len(claimed.wrong)
        p, r, f = score.figures
        print(
            f"{article.name:28} {score.extracted:6} {p:6.3f} {r:6.3f} {f:6.3f}   "
            f"{claimed.found}/{claimed.gold}, {len(claimed.wrong)} wrong"
            + (
                f", {claimed.negated_as_positive} NEGATED AS POSITIVE"
                if claimed.negated_as_positive
                else ""
            )
        )
        if explain:
            for line in score.missed:
                print(f"    missed  {line}")
            for line in score.wrong:
                print(f"    wrong   {line}")
            for line in claimed.missed:
                print(f"    claim missed  {line}")
            for line in claimed.wrong:
                print(f"    claim wrong   {line}")
    p, r, f = total.figures
    print(
        f"{'all six':28} {total.extracted:6} {p:6.3f} {r:6.3f} {f:6.3f}   "
        f"{claims_total.found}/{claims_total.gold}, {wrong_claims} wrong, "
        f"{claims_total.negated_as_positive} negated proposed as positive"
    )


if __name__ == "__main__":
    main(explain="--explain" in sys.argv)
