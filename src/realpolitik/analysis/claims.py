"""Claims checked against the data: every claim of a claims file (DESIGN.md's format, written
by `extract --claims` or by hand) gets a verdict, a one-sentence reason, the evidence with its
provenance, and the caveats where the data only partly fit.

One checker per kind, each asking the layers below for what it needs (the facts layer for
records, the store's events, the measures layer for series, the dependence test):

- `dependence`: the dependence test of `dependence.py` over its grid (`negated` turns the
  verdict round: a denial is supported by a well-powered absence of the effect);
- `delay`: the delays between signing, the promised date and the milestones, the records
  that date the deal (SIPRI orders and deliveries, nuclear cooperation agreements), events of
  the parties, and what the driver relation did during the delay against the years before;
- `vote`: what the Security Council tallies prove of an actor's votes;
- `veto`: the veto lists, with the draft, the meeting and every source;
- `event`: matching events in the store (never those coded from the claim's own article),
  inconclusive where the store does not cover the period;
- `arms`: SIPRI's deals, with order and delivery years.

A claim that cannot be checked (an unknown kind or actor, a date that is no date, a missing
field) gets a message naming the claim's id, the field and the line of the file; the other
claims are still checked.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import yaml

from realpolitik.analysis.dependence import (
    DependenceOptions,
    DependenceResult,
    dependence_test,
)
from realpolitik.analysis.settings import DEFAULT_FREQS, DEFAULT_MEASURES
from realpolitik.analysis.triangle import Dyad
from realpolitik.analysis.verdict import CONTRADICTED, INCONCLUSIVE, SUPPORTED
from realpolitik.cameo import is_cameo_code
from realpolitik.countries import is_known_code, name_table
from realpolitik.errors import InputError, RealpolitikError, UsageError
from realpolitik.facts.arms import arms_deals, arms_register_years
from realpolitik.facts.assembly import assembly_label, assembly_votes
from realpolitik.facts.nuclear import nuclear_agreements
from realpolitik.facts.unsc import resolution_votes, veto_list_span, vetoes
from realpolitik.measures.engines import store_files, store_tables
from realpolitik.measures.indicators import existing_tables
from realpolitik.measures.series import (
    RECORD_MEASURES,
    SeriesOptions,
    origin_counts,
    store_series,
)
from realpolitik.store import Store

if TYPE_CHECKING:
    import ibis.expr.types as ir

KINDS = ("dependence", "delay", "vote", "veto", "event", "arms")
VERDICTS = (SUPPORTED, CONTRADICTED, INCONCLUSIVE)


@dataclass(frozen=True)
class Evidence:
    """One fact behind a verdict, in words, with where it comes from."""

    text: str
    provenance: str
    """File and line or row (records, events), or the article's document and sentence."""
    kind: str = "record"
    """`record`, `event`, `series` or `test`."""
    when: str = ""
    """The date the fact is about (YYYY, YYYY-MM or YYYY-MM-DD), when it has one."""

    def to_dict(self) -> dict[str, str]:
        return {
            "text": self.text,
            "provenance": self.provenance,
            "kind": self.kind,
            "when": self.when,
        }


@dataclass(frozen=True)
class Milestone:
    """A dated point of a delay's timeline: claimed (by the article) or recorded (by data)."""

    label: str
    when: str
    """YYYY, YYYY-MM or YYYY-MM-DD."""
    claimed: bool
    provenance: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "label": self.label,
            "when": self.when,
            "claimed": self.claimed,
            "provenance": self.provenance,
        }


@dataclass
class DelayTimeline:
    """A delay claim's timeline and what the driver relation did meanwhile."""

    milestones: list[Milestone]
    delays: list[dict[str, object]]
    """Each {'from', 'to', 'years'} between consecutive claimed points."""
    driver: str = ""
    """The driver relation (`RUS–USA`) and the measure of its series."""
    driver_measure: str = ""
    driver_series: pd.DataFrame | None = None
    """period (Timestamp) and value: the driver's yearly series around the delay."""
    window: tuple[str, str] | None = None
    """The delay's years (first, last) over which the driver is compared with before."""
    comparison: dict[str, object] = field(default_factory=dict)
    """{'during', 'before', 'years_during', 'years_before'} means of the driver series."""

    def to_dict(self) -> dict[str, object]:
        series = None
        if self.driver_series is not None:
            series = [
                {"period": pd.Timestamp(p).date().isoformat(), "value": _number(v)}
                for p, v in zip(
                    self.driver_series["period"], self.driver_series["value"], strict=True
                )
            ]
        return {
            "milestones": [m.to_dict() for m in self.milestones],
            "delays": self.delays,
            "driver": self.driver,
            "driver_measure": self.driver_measure,
            "driver_series": series,
            "window": list(self.window) if self.window else None,
            "comparison": self.comparison,
        }


@dataclass
class ClaimResult:
    """One claim checked: its verdict, reason, evidence and caveats, and the tables or test
    behind them for the report. `error` is set (and the verdict inconclusive) when the claim
    could not be checked at all."""

    id: str
    kind: str
    text: str = ""
    origin_ref: str = ""
    line: int | None = None
    """The claim's line in the claims file."""
    verdict: str = INCONCLUSIVE
    reason: str = ""
    evidence: list[Evidence] = field(default_factory=list)
    caveats: list[str] = field(default_factory=list)
    error: str | None = None
    fields: dict[str, object] = field(default_factory=dict)
    """The claim as written in the file."""
    dependence: DependenceResult | None = None
    delay: DelayTimeline | None = None
    table: pd.DataFrame | None = None
    """The rows behind a vote, veto, event or arms verdict (facts or events, with provenance)."""

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "kind": self.kind,
            "verdict": self.verdict,
            "reason": self.reason,
            "caveats": self.caveats,
            "evidence": [e.to_dict() for e in self.evidence],
            "error": self.error,
            "text": self.text,
            "origin_ref": self.origin_ref,
            "line": self.line,
            "claim": self.fields,
            "dependence": self.dependence.to_dict() if self.dependence else None,
            "delay": self.delay.to_dict() if self.delay else None,
            "rows": _records(self.table) if self.table is not None else None,
        }


@dataclass
class DocumentCheck:
    """The claims of one claims file, checked."""

    path: str
    title: str
    published: str
    claims: list[ClaimResult]

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "title": self.title,
            "published": self.published,
            "claims": [c.to_dict() for c in self.claims],
        }


@dataclass
class CheckResult:
    """Every claims file checked against one store."""

    documents: list[DocumentCheck]
    store: str
    files: list[dict[str, object]] = field(default_factory=list)
    """The store's ledger: every file its data came from, with sha256."""
    notes: list[str] = field(default_factory=list)

    @property
    def claims(self) -> list[ClaimResult]:
        return [c for d in self.documents for c in d.claims]

    @property
    def errors(self) -> list[str]:
        """'claims.yaml:12: claim veto-1: date '2018-02-30' is not a date', one per claim that
        could not be checked."""
        return [
            f"{d.path}:{c.line}: claim {c.id}: {c.error}" if c.line else f"{d.path}: {c.error}"
            for d in self.documents
            for c in d.claims
            if c.error
        ]

    def to_dict(self) -> dict[str, object]:
        counts = {v: sum(c.verdict == v for c in self.claims) for v in VERDICTS}
        return {
            "summary": {**counts, "claims": len(self.claims), "errors": len(self.errors)},
            "documents": [d.to_dict() for d in self.documents],
            "errors": self.errors,
            "store": self.store,
            "files": self.files,
            "notes": self.notes,
        }


def _number(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _records(frame: pd.DataFrame) -> list[dict[str, object]]:
    """Rows as JSON-ready dicts: dates as ISO text, missing values as None."""
    out = []
    for row in frame.to_dict(orient="records"):
        clean = {}
        for key, value in row.items():
            if isinstance(value, pd.Timestamp | date):
                value = value.isoformat()[:10]
            elif value is pd.NA or (isinstance(value, float) and pd.isna(value)):
                value = None
            elif hasattr(value, "item"):
                value = value.item()
            clean[key] = value
        out.append(clean)
    return out


RECORD_GRID = ("unga_agreement", "idealpoint_distance")
"""The yearly record indicators a dependence claim is tested on when the store has no events
among its three actors (or the claim asks for them)."""
DRIVER_MEASURES = ("unga_agreement", "idealpoint_distance", "quad_net")
"""What a delay's driver relation is measured by, the first the store has."""
COMPLETION_WORDS = (
    "deliver", "complet", "commission", "operat", "handover", "finish", "inaugurat", "open",
)  # fmt: skip
"""Milestone labels that say the deal was carried out (not a suspension or a promise)."""
VETO_COUNT_FORMS = ("exactly", "about", "at least", "more than")
"""How a claimed number of vetoes is meant ('twelve', 'a dozen', 'at least ten', 'more than')."""
MIN_EVENT_COVERAGE = 0.5
"""Share of a claimed period's days the store must have events on before an absence of the
claimed event counts against the claim."""


class ClaimError(RealpolitikError):
    """A claim that cannot be checked: the field and why."""


@dataclass(frozen=True)
class ClaimDate:
    """A date as claims give it: a day, a month or a year, as the first and last day it
    may mean."""

    start: date
    end: date
    precision: str
    text: str

    @property
    def year(self) -> int:
        return self.start.year

    @property
    def phrase(self) -> str:
        """'on 2018-02-26', 'in 2017-11', 'in 2016'."""
        return f"{'on' if self.precision == 'day' else 'in'} {self.text}"


def claim_date(value: object, name: str) -> ClaimDate:
    """`2018-02-26`, `2017-11`, `2016` (text, number or YAML date) as a ClaimDate; ClaimError
    naming the field otherwise."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return ClaimDate(value, value, "day", value.isoformat())
    text = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}", text):
            year = int(text)
            return ClaimDate(date(year, 1, 1), date(year, 12, 31), "year", text)
        if re.fullmatch(r"\d{4}-\d{2}", text):
            year, month = map(int, text.split("-"))
            last = calendar.monthrange(year, month)[1]
            return ClaimDate(date(year, month, 1), date(year, month, last), "month", text)
        day = date.fromisoformat(text)
        return ClaimDate(day, day, "day", text)
    except ValueError:
        pass
    raise ClaimError(f"{name} {text!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")


def _field(fields: dict[str, object], name: str) -> object:
    if fields.get(name) in (None, ""):
        raise ClaimError(f"field {name!r} is missing")
    return fields[name]


def _actor(fields: dict[str, object], name: str) -> str:
    code = str(_field(fields, name)).strip().upper()
    if not is_known_code(code):
        raise ClaimError(f"{name} {code!r} is not a known country or IGO code")
    return code


def _dyad(fields: dict[str, object], name: str) -> Dyad:
    try:
        dyad = Dyad.parse(str(_field(fields, name)), name)
    except UsageError as exc:
        raise ClaimError(str(exc)) from None
    for code in (dyad.source, dyad.target):
        if not is_known_code(code):
            raise ClaimError(f"{name} {dyad}: {code!r} is not a known country or IGO code")
    return dyad


@dataclass
class Context:
    """What every checker may use: the store as a Store (facts, events) and as Ibis tables
    (series, the dependence test), and the test's seed."""

    store: Store
    tables: dict[str, ir.Table]
    seed: int = 0


class DatesAsText(yaml.SafeLoader):
    """YAML's safe loader with dates left as text, so that a bad date (2018-02-30) is one
    claim's error, not the whole file's."""


DatesAsText.yaml_implicit_resolvers = {
    first: [(tag, rule) for tag, rule in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_claims(path: str | Path) -> tuple[dict[str, object], list[tuple[dict, int]]]:
    """The document header and every claim with its line in the file; InputError naming the
    file (and line) when it is not a claims file at all."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read the claims file ({exc})") from None
    try:
        node = yaml.compose(text, Loader=DatesAsText)
        data = yaml.load(text, Loader=DatesAsText)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
        problem = getattr(exc, "problem", exc)
        raise InputError(str(path), f"not valid YAML ({problem})", line) from None
    if not isinstance(data, dict) or not isinstance(data.get("claims"), list):
        raise InputError(str(path), "a claims file is a mapping with a 'claims' list")
    lines = _claim_lines(node)
    document = data.get("document") if isinstance(data.get("document"), dict) else {}
    claims = []
    for i, claim in enumerate(data["claims"]):
        line = lines[i] if i < len(lines) else None
        claims.append((claim if isinstance(claim, dict) else {"_not_a_mapping": claim}, line))
    return document, claims


def _claim_lines(node: yaml.Node | None) -> list[int]:
    """The first line of each item of the top-level 'claims' list."""
    if not isinstance(node, yaml.MappingNode):
        return []
    for key, value in node.value:
        if key.value == "claims" and isinstance(value, yaml.SequenceNode):
            return [item.start_mark.line + 1 for item in value.value]
    return []


def check_claims(
    db: str | Path, claim_files: list[str | Path], engine: str = "duckdb", seed: int = 0
) -> CheckResult:
    """Check every claim of every claims file against the store `db`."""
    if not claim_files:
        raise UsageError("name at least one claims file")
    read = [(Path(p), *read_claims(p)) for p in claim_files]
    with Store(db, read_only=True) as store:
        context = Context(store, store_tables(db, engine), seed)
        documents = [
            DocumentCheck(
                path=str(path),
                title=str(document.get("title", "")),
                published=str(document.get("published", "")),
                claims=[check_claim(raw, line, context) for raw, line in claims],
            )
            for path, document, claims in read
        ]
        files = store_files(context.tables)
    return CheckResult(documents=documents, store=str(db), files=files)


def check_claim(fields: dict[str, object], line: int | None, context: Context) -> ClaimResult:
    """One claim checked; a claim that cannot be checked gets its error, not an exception."""
    claim_id = str(fields.get("id") or f"claim at line {line}")
    kind = str(fields.get("kind", ""))
    result = ClaimResult(
        id=claim_id,
        kind=kind,
        text=str(fields.get("text", "") or ""),
        origin_ref=str(fields.get("origin_ref", "") or ""),
        line=line,
        fields={k: _plain(v) for k, v in fields.items()},
    )
    try:
        if "_not_a_mapping" in fields:
            raise ClaimError("a claim is a mapping of fields (id, kind, …)")
        if kind not in CHECKERS:
            raise ClaimError(f"kind {kind!r} is not one of {', '.join(KINDS)}")
        CHECKERS[kind](fields, result, context)
    except (ClaimError, UsageError) as exc:
        result.error = str(exc)
        result.verdict = INCONCLUSIVE
        result.reason = f"Not checked: {exc}."
    return result


def _plain(value: object) -> object:
    """A claim's field as JSON can hold it (YAML dates as ISO text)."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def check_veto(fields: dict[str, object], result: ClaimResult, context: Context) -> None:
    """A claimed veto against the veto lists: supported when a list records one by the actor
    in the claimed period, contradicted when the lists cover it and record none. A claim of
    a number of vetoes since a date (`count`, `since`, optional `until` and `about`) is
    checked by counting them; see `_check_veto_count`."""
    actor = _actor(fields, "actor")
    if fields.get("count") is not None and fields.get("since"):
        _check_veto_count(fields, actor, result, context)
        return
    when = claim_date(_field(fields, "date"), "date")
    every = vetoes(context.store, actor)
    found = every[(every["date"] >= when.start) & (every["date"] <= when.end)]
    _veto_evidence(actor, found, result)
    if len(found):
        drafts = ", ".join(found["draft"])
        result.verdict = SUPPORTED
        result.reason = f"The veto lists record {actor}'s veto of {drafts} on {_dates(found)}."
        return
    first, last = veto_list_span(context.store)
    if when.end < first or when.start > last:
        result.verdict = INCONCLUSIVE
        result.reason = (
            f"The veto lists in the store run from {first} to {last}, so they cannot say "
            f"whether {actor} cast a veto {when.phrase}."
        )
        return
    result.verdict = CONTRADICTED
    result.reason = (
        f"The veto lists ({first} to {last}) record no veto by {actor} {when.phrase}"
        + _nearest_vetoes(every, when)
        + "."
    )


def _veto_evidence(actor: str, found: pd.DataFrame, result: ClaimResult) -> None:
    result.table = found.reset_index(drop=True)
    for row in found.itertuples():
        where = f", meeting {row.meeting}" if isinstance(row.meeting, str) and row.meeting else ""
        agenda = f" on {row.agenda}" if isinstance(row.agenda, str) and row.agenda else ""
        result.evidence.append(
            Evidence(
                f"{actor} vetoed draft {row.draft}{agenda} on {row.date}{where} "
                f"(recorded by {row.sources} source{'s' * (row.sources != 1)})",
                row.provenance,
                when=str(row.date),
            )
        )
        if row.note:
            result.caveats.append(f"{row.draft}: {row.note}")


def _check_veto_count(
    fields: dict[str, object], actor: str, result: ClaimResult, context: Context
) -> None:
    """'X has vetoed a dozen drafts on Y since 2011': the actor's vetoes from `since` to
    `until` (the publication day, as the extractor writes it), only those whose agenda or
    topic names a state in `about` when given. An exact count must match; `count_is: about`
    allows a sixth either way (at least one), `at least` any number from the count up."""
    count = fields.get("count")
    if isinstance(count, bool) or not isinstance(count, int) or count < 1:
        raise ClaimError(f"count {count!r} is not a positive whole number")
    count_is = str(fields.get("count_is") or "exactly").strip().lower()
    if count_is not in VETO_COUNT_FORMS:
        raise ClaimError(f"count_is {count_is!r} is not one of {', '.join(VETO_COUNT_FORMS)}")
    since = claim_date(fields["since"], "since")
    until = claim_date(fields["until"], "until") if fields.get("until") else None
    about = fields.get("about") or []
    about = [about] if isinstance(about, str) else about
    if not isinstance(about, list):
        raise ClaimError("about: give the states the vetoed drafts concern, e.g. [SYR]")
    states = [_actor({"about": code}, "about") for code in about]
    first, last = veto_list_span(context.store)
    end = until.end if until else last
    every = vetoes(context.store, actor)
    found = every[(every["date"] >= since.start) & (every["date"] <= end)]
    if states:
        found = found[_concerns(found, states)]
    _veto_evidence(actor, found, result)
    on = f" concerning {', '.join(states)}" if states else ""
    period = f"from {since.text} to {until.text if until else last}"
    low, high = _count_range(count, count_is)
    claimed = f"{count_is} {count}" if count_is != "exactly" else str(count)
    n = len(found)
    if not states and fields.get("subject"):
        result.caveats.append(
            f"the claim's subject ({fields['subject']}) names no state, so every veto by "
            f"{actor} in the period was counted"
        )
    covered = since.start >= first and until is not None and until.end <= last
    if n > high:
        result.verdict = CONTRADICTED
        result.reason = (
            f"The veto lists record {n} vetoes by {actor}{on} {period}, more than the "
            f"claimed {claimed}."
        )
    elif n >= low and (covered or high == float("inf")):
        result.verdict = SUPPORTED
        result.reason = (
            f"The veto lists record {n} vetoes by {actor}{on} {period}"
            + ("" if n == count else f", within the claimed {claimed}")
            + f": {', '.join(found['draft'])}."
        )
    elif not covered:
        result.verdict = INCONCLUSIVE
        result.reason = (
            f"The veto lists in the store run from {first} to {last}, not over the whole "
            f"period {period}; they record {n} vetoes by {actor}{on} in it, so they can "
            f"neither confirm nor refute {claimed}."
        )
    else:
        result.verdict = CONTRADICTED
        result.reason = (
            f"The veto lists ({first} to {last}) record {n} vetoes by {actor}{on} {period}, "
            f"fewer than the claimed {claimed}."
        )


def _count_range(count: int, count_is: str) -> tuple[int, float]:
    """The numbers a claimed count allows: 12 exactly, about 12 (10 to 14), at least 12, more
    than 12."""
    if count_is == "about":
        slack = max(1, round(count / 6))
        return count - slack, count + slack
    if count_is == "at least":
        return count, float("inf")
    if count_is == "more than":
        return count + 1, float("inf")
    return count, count


def _concerns(found: pd.DataFrame, states: list[str]) -> pd.Series:
    """Which vetoed drafts name one of the states in their agenda or topic ('Syria' also in
    'the Syrian Civil War')."""
    names = name_table()
    words = [
        re.escape(name) for name in names.loc[names["code"].isin(states), "name"] if len(name) > 3
    ]
    if not words:
        return pd.Series(False, index=found.index)
    pattern = re.compile(r"\b(?:" + "|".join(words) + ")", re.I)
    text = found["agenda"].fillna("").astype(str) + " " + found["topic"].fillna("").astype(str)
    return text.map(lambda t: bool(pattern.search(t)))


def _dates(found: pd.DataFrame) -> str:
    return ", ".join(sorted({str(d) for d in found["date"]}))


def _nearest_vetoes(every: pd.DataFrame, when: ClaimDate) -> str:
    """'; its nearest: 2018-02-26 (S/2018/156) before and 2018-04-10 (S/2018/321) after'."""
    before = every[every["date"] < when.start].tail(1)
    after = every[every["date"] > when.end].head(1)
    parts = [
        f"{row.date} ({row.draft}) {side}"
        for frame, side in ((before, "before"), (after, "after"))
        for row in frame.itertuples()
    ]
    return f"; its nearest: {' and '.join(parts)}" if parts else ""


def check_vote(fields: dict[str, object], result: ClaimResult, context: Context) -> None:
    """How an actor voted on UN resolutions: Security Council ones (numbers) as far as the
    tallies prove it, General Assembly ones (labels such as 'ES-11/1') from the roll calls.
    Supported only when every vote is proven or inferred to be the claimed one."""
    actor = _actor(fields, "actor")
    council, assembly = _resolutions(fields)
    expect = fields.get("expect", "yes")
    if isinstance(expect, bool):  # YAML 1.1 reads an unquoted yes/no as a boolean
        expect = "yes" if expect else "no"
    expect = str(expect).strip().lower()
    if expect not in ("yes", "no", "abstain"):
        raise ClaimError(f"expect {expect!r} is not yes, no or abstain")
    tables = []
    if council:
        rows = resolution_votes(context.store, actor, council)
        tables.append(rows.assign(resolution=rows["resolution"].map(lambda n: f"S/RES/{n}")))
    if assembly:
        rows = assembly_votes(context.store, actor, assembly)
        tables.append(
            rows.assign(resolution=rows["resolution"].map(lambda r: f"A/RES/{assembly_label(r)}"))
        )
    rows = pd.concat(tables, ignore_index=True) if len(tables) > 1 else tables[0]
    result.table = rows
    named = len(council) + len(assembly)
    count = fields.get("count")
    if isinstance(count, int) and count > named:
        result.caveats.append(
            f"the claim speaks of {count} resolutions but names {named} "
            f"({', '.join(rows['resolution'])}); only those named were checked"
        )
    proven, against, allowed, missing = [], [], [], []
    for row in rows.itertuples():
        result.evidence.append(
            Evidence(f"{row.resolution}: {row.proof}", row.provenance, when=_iso(row.date))
        )
        kind = str(row.proof).split(":", 1)[0]
        possible = str(row.vote).split(" or ")
        if kind in ("proven", "inferred", "recorded") and row.vote == expect:
            proven.append(row.resolution)
        elif kind in ("proven", "inferred", "consistent", "recorded") and expect not in possible:
            against.append(row.resolution)
        elif kind == "not in the data":
            missing.append(row.resolution)
        else:
            allowed.append(row.resolution)
        if kind == "inferred":
            result.caveats.append(f"{row.resolution}: {row.proof.split('; ', 1)[-1]}")
    if against:
        result.verdict = CONTRADICTED
        result.reason = (
            f"The records show that {actor} did not vote {expect} on {_numbers(against)}."
        )
        return
    if allowed or missing:
        why = []
        if missing:
            why.append(f"the store holds no vote on {_numbers(missing)}")
        if allowed:
            why.append(
                f"for {_numbers(allowed)} the Security Council tallies give only the count of "
                "votes, which allows another vote or none"
            )
        result.verdict = INCONCLUSIVE
        result.reason = (
            f"The records prove or imply {actor}'s {expect} on {len(proven)} of {named} "
            f"resolutions ({_numbers(proven) or 'none'}); {' and '.join(why)}, so the claim "
            "cannot be confirmed from them."
        )
        return
    result.verdict = SUPPORTED
    result.reason = (
        f"The records prove or imply {actor}'s {expect} on all {named} resolutions "
        f"({_numbers(proven)})."
    )


def _resolutions(fields: dict[str, object]) -> tuple[list[int], list[str]]:
    """The claim's resolutions: Security Council numbers ('1696', 'S/RES/1696') and General
    Assembly labels ('ES-11/1', 'A/RES/72/191')."""
    values = _field(fields, "resolutions")
    values = values if isinstance(values, list) else [values]
    council, assembly = [], []
    for value in values:
        text = re.sub(r"\s+", "", str(value)).upper().removeprefix("S/RES/")
        if text.isdigit() and int(text) > 0:
            council.append(int(text))
        elif assembly_label(text):
            assembly.append(str(value))
        else:
            raise ClaimError(
                f"resolutions: {value!r} is neither a Security Council number (1696) nor a "
                "General Assembly label (ES-11/1, A/RES/72/191)"
            )
    if not values:
        raise ClaimError("resolutions: name at least one resolution")
    return council, assembly


def _numbers(labels: list[str]) -> str:
    return ", ".join(labels)


def _iso(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)[:10]


def check_arms(fields: dict[str, object], result: ClaimResult, context: Context) -> None:
    """A claimed arms order or delivery against SIPRI's register."""
    supplier, recipient = _actor(fields, "supplier"), _actor(fields, "recipient")
    weapon = str(_field(fields, "weapon"))
    ordered = claim_date(fields["ordered"], "ordered") if fields.get("ordered") else None
    delivered = claim_date(fields["delivered"], "delivered") if fields.get("delivered") else None
    if ordered is None and delivered is None:
        raise ClaimError("give the year the weapon was ordered or delivered (ordered, delivered)")
    deals = _matching_deals(context.store, supplier, recipient, weapon, result)
    result.table = deals
    first, last = arms_register_years(context.store)
    if deals.empty:
        year = (delivered or ordered).year
        if delivered is not None and first <= delivered.year <= last:
            result.verdict = CONTRADICTED
            result.reason = (
                f"SIPRI's register (deliveries {first}–{last}) lists no delivery of {weapon} "
                f"from {supplier} to {recipient}."
            )
        else:
            result.verdict = INCONCLUSIVE
            result.reason = (
                f"SIPRI's register lists no {weapon} deal from {supplier} to {recipient}, but it "
                f"covers deliveries from {first} to {last} only and lists no order without a "
                f"delivery, so it cannot speak to {year}."
            )
        return
    order_ok = ordered is None or _order_matches(deals, ordered, result)
    if delivered is not None:
        years = sorted({int(y) for ys in deals["delivery_years"] for y in str(ys).split(", ")})
        if delivered.year in years:
            result.verdict = SUPPORTED
            result.reason = (
                f"SIPRI records the delivery of {_designations(deals)} from {supplier} to "
                f"{recipient} in {delivered.year}"
                + ("" if order_ok else ", though it dates the order differently (see caveats)")
                + "."
            )
        else:
            result.verdict = CONTRADICTED
            result.reason = (
                f"SIPRI records deliveries of {_designations(deals)} from {supplier} to "
                f"{recipient} in {', '.join(map(str, years))}, not in {delivered.year}."
            )
        return
    result.verdict = SUPPORTED if order_ok else INCONCLUSIVE
    result.reason = (
        f"SIPRI dates the order of {_designations(deals)} to {ordered.year}, as claimed."
        if order_ok
        else f"SIPRI dates the order of {_designations(deals)} to another year than "
        f"{ordered.year} (see caveats)."
    )


def _matching_deals(
    store: Store, supplier: str, recipient: str, weapon: str, result: ClaimResult
) -> pd.DataFrame:
    """The SIPRI deals whose designation or description names the weapon (letters and
    digits compared, so S-300 finds S-300PMU2), with their evidence and caveats."""
    wanted = _squeezed(weapon)
    if not wanted:
        raise ClaimError(f"weapon {weapon!r} names no weapon")
    deals = arms_deals(store, supplier, recipient)
    names = deals["designation"].fillna("") + " " + deals["description"].fillna("")
    found = deals[[wanted in _squeezed(n) for n in names]].reset_index(drop=True)
    for deal in found.itertuples():
        estimate = " (estimated)" if deal.order_year_estimate else ""
        result.evidence.append(
            Evidence(
                f"SIPRI deal {deal.sipri_id}: {deal.delivered} {deal.designation} "
                f"({deal.description}) ordered {deal.order_year}{estimate}, delivered "
                f"{deal.delivery_years}, TIV {deal.tiv_delivered:g}",
                deal.provenance,
                when=str(deal.first_delivery_year),
            )
        )
        if deal.first_delivery_censored:
            result.caveats.append(
                f"deal {deal.sipri_id}: ordered before the register's first delivery year, so "
                "earlier deliveries may be missing"
            )
    return found


def _order_matches(deals: pd.DataFrame, ordered: ClaimDate, result: ClaimResult) -> bool:
    if (deals["order_year"] == ordered.year).any():
        return True
    years = ", ".join(str(y) for y in sorted(deals["order_year"].unique()))
    result.caveats.append(
        f"SIPRI dates the order to {years}, not {ordered.year}: its register lists only deals "
        "that led to deliveries, dated to the contract they were delivered under, so an "
        "earlier contract that was cancelled or signed again does not appear"
    )
    return False


def _squeezed(text: str) -> str:
    return re.sub(r"[^0-9a-z]", "", text.lower())


def _designations(deals: pd.DataFrame) -> str:
    return ", ".join(dict.fromkeys(deals["designation"]))


def check_event(fields: dict[str, object], result: ClaimResult, context: Context) -> None:
    """A claimed event against the store's events in the claimed period: supported by any
    event of the dyad with that CAMEO code (or a code under it), contradicted only where the
    store covers the period; events coded from the claim's own article do not count."""
    source, target = _actor(fields, "source"), _actor(fields, "target")
    code = _cameo(fields)
    when = claim_date(_field(fields, "date"), "date")
    own = result.origin_ref.split(":", 1)[0] if ":" in result.origin_ref else ""
    found = _events(context.store, source, target, when, code, own)
    result.table = found
    for row in found.head(20).itertuples():
        said = f": {' '.join(str(row.text).split())[:160]}" if row.text else ""
        result.evidence.append(
            Evidence(
                f"{row.date} {row.source}→{row.target} CAMEO {row.cameo} ({row.origin}){said}",
                str(row.origin_ref),
                kind="event",
                when=str(row.date)[:10],
            )
        )
    if own:
        result.caveats.append("events coded from this claim's own article are not counted")
    if len(found):
        result.verdict = SUPPORTED
        result.reason = (
            f"The store holds {len(found)} {source}→{target} event{'s' * (len(found) != 1)} "
            f"with CAMEO {code} {when.phrase} (from {', '.join(sorted(set(found.origin)))})."
        )
        return
    reverse = _events(context.store, target, source, when, code, own)
    if len(reverse):
        result.caveats.append(
            f"{len(reverse)} event(s) {target}→{source} with CAMEO {code} {when.phrase}: the "
            "sources may code the act the other way round"
        )
    covered = _covered_share(context, source, target, when)
    if covered < MIN_EVENT_COVERAGE:
        result.verdict = INCONCLUSIVE
        result.reason = (
            f"No {source}→{target} event with CAMEO {code} {when.phrase}, but the store has "
            f"events on only {covered:.0%} of those days, so it cannot tell."
        )
        return
    result.verdict = CONTRADICTED
    result.reason = (
        f"The store has events on {covered:.0%} of the days {when.phrase} but none "
        f"{source}→{target} with CAMEO {code}."
    )


def _cameo(fields: dict[str, object]) -> str:
    code = str(_field(fields, "cameo")).strip()
    code = code.zfill(2) if code.isdigit() and len(code) == 1 else code
    if not is_cameo_code(code):
        raise ClaimError(f"cameo {code!r} is not a CAMEO code")
    return code


def _events(
    store: Store, source: str, target: str, when: ClaimDate, code: str, own: str
) -> pd.DataFrame:
    found = store.events(source=source, target=target, start=when.start, end=when.end)
    keep = found["cameo"].fillna("").str.startswith(code)
    if own:
        keep &= ~found["event_id"].str.startswith(f"text:{own}:")
    return found[keep].reset_index(drop=True)


def _covered_share(context: Context, source: str, target: str, when: ClaimDate) -> float:
    """Share of the claimed period's days on which the store has any event."""
    options = SeriesOptions(freq="day", measures=("count",), start=when.start, end=when.end)
    days = store_series(context.tables, options, [source, target], [(source, target)])
    return float(days["coverage"].mean()) if len(days) else 0.0


def check_delay(fields: dict[str, object], result: ClaimResult, context: Context) -> None:
    """A delay between a deal's signing, its promised date and what happened: the delays in
    years, the records that date the deal (SIPRI, nuclear agreements), the parties' events,
    and the driver relation during the delay against the years before. Supported when a
    record confirms a claimed completion (a delivery, a commissioning) in its year,
    contradicted when records date the completion otherwise."""
    parties = _field(fields, "parties")
    parties = [parties] if isinstance(parties, str) else parties
    if not isinstance(parties, list) or len(parties) not in (1, 2):
        raise ClaimError(
            f"parties {parties!r}: give the two parties of a deal, e.g. [RUS, IRN], or the "
            "one state of its own project, e.g. [ETH]"
        )
    codes = [_actor({"parties": p}, "parties") for p in parties]
    subject = str(fields.get("subject") or "")
    begun = "signed" if fields.get("signed") else "started"
    if not fields.get(begun):
        raise ClaimError("field 'signed' (or 'started', for a project with no deal) is missing")
    signed = claim_date(fields[begun], begun)
    promised = claim_date(fields["promised"], "promised") if fields.get("promised") else None
    raw_milestones = fields.get("milestones") or {}
    if not isinstance(raw_milestones, dict):
        raise ClaimError("milestones: give them as label: date pairs")
    milestones = {
        str(label): claim_date(value, f"milestones.{label}")
        for label, value in raw_milestones.items()
    }
    claimed = [Milestone(begun, signed.text, True, result.origin_ref)]
    if promised:
        claimed.append(Milestone("promised", promised.text, True, result.origin_ref))
    claimed += [
        Milestone(label, d.text, True, result.origin_ref) for label, d in milestones.items()
    ]
    if len(codes) == 2:
        recorded = _recorded_milestones(context.store, *codes, subject, signed, result)
    else:
        recorded = []
        result.caveats.append(
            f"a project of {codes[0]} alone: the store's records date deals between two "
            "states (arms transfers, nuclear agreements), so none can date it"
        )
    result.table = pd.DataFrame(
        [m.to_dict() for m in recorded], columns=["label", "when", "claimed", "provenance"]
    )
    timeline = DelayTimeline(
        milestones=claimed + recorded, delays=_delays(begun, signed, promised, milestones)
    )
    result.delay = timeline
    for delay in timeline.delays:
        result.evidence.append(
            Evidence(
                f"{delay['from']} → {delay['to']}: {delay['years']:g} years",
                f"the claim ({result.origin_ref or 'claims file'})",
                kind="claim",
            )
        )
    if fields.get("driver"):
        _driver_during(context, _dyad(fields, "driver"), signed, milestones, timeline, result)
    _delay_verdict(milestones, recorded, subject or f"the {'–'.join(codes)} deal", result)


def _delays(
    begun: str,
    signed: ClaimDate,
    promised: ClaimDate | None,
    milestones: dict[str, ClaimDate],
) -> list[dict[str, object]]:
    """Years from signing (or the start, `begun`) to the promised date, and from the promised
    date (or the signing) to each milestone."""

    def years(start: ClaimDate, end: ClaimDate) -> float:
        return round((end.start - start.start).days / 365.25, 1)

    out = []
    if promised:
        out.append(
            {
                "from": f"{begun} {signed.text}",
                "to": f"promised {promised.text}",
                "years": years(signed, promised),
            }
        )
    base, name = (promised, "promised") if promised else (signed, begun)
    for label, when in milestones.items():
        out.append(
            {
                "from": f"{name} {base.text}",
                "to": f"{label} {when.text}",
                "years": years(base, when),
            }
        )
    return out


def _recorded_milestones(
    store: Store, a: str, b: str, subject: str, signed: ClaimDate, result: ClaimResult
) -> list[Milestone]:
    """What the records date of the deal: SIPRI orders and deliveries of a named weapon, and
    nuclear cooperation agreements between the parties near the signing."""
    recorded: list[Milestone] = []
    if subject and _squeezed(subject) and "arms_transfers" in existing_tables(store.con):
        for supplier, recipient in ((a, b), (b, a)):
            deals = _matching_deals(store, supplier, recipient, subject, result)
            for deal in deals.itertuples():
                recorded.append(
                    Milestone(
                        f"SIPRI: ordered (deal {deal.sipri_id})",
                        str(deal.order_year),
                        False,
                        deal.provenance,
                    )
                )
                recorded.append(
                    Milestone(
                        f"SIPRI: delivered (deal {deal.sipri_id})",
                        str(deal.first_delivery_year),
                        False,
                        deal.provenance,
                    )
                )
            if len(deals):
                if deals["order_year"].ne(signed.year).all():
                    _order_matches(deals, signed, result)
                break
    if "nuclear_agreements" in existing_tables(store.con):
        agreements = nuclear_agreements(store, a, b)
        near = agreements[(agreements["year"] - signed.year).abs() <= 1]
        for row in near.itertuples():
            recorded.append(
                Milestone(f"NCA: {row.nca_type} agreement", str(row.year), False, row.provenance)
            )
            result.evidence.append(
                Evidence(
                    f"nuclear cooperation agreement {row.country1}–{row.country2} "
                    f"({row.nca_type}) in {row.year}",
                    row.provenance,
                    when=str(row.year),
                )
            )
        if (
            near.empty
            and agreements.attrs["first_year"] <= signed.year <= agreements.attrs["last_year"]
        ):
            result.caveats.append(
                f"the nuclear cooperation data ({agreements.attrs['first_year']}–"
                f"{agreements.attrs['last_year']}) list no {a}–{b} agreement within a year of "
                f"{signed.text}"
            )
    return recorded


def _delay_verdict(
    milestones: dict[str, ClaimDate],
    recorded: list[Milestone],
    subject: str,
    result: ClaimResult,
) -> None:
    completions = {
        label: when
        for label, when in milestones.items()
        if any(word in label.lower() for word in COMPLETION_WORDS)
    }
    deliveries = [m for m in recorded if m.label.startswith("SIPRI: delivered")]
    for label, when in completions.items():
        if any(int(m.when) == when.year for m in deliveries):
            result.verdict = SUPPORTED
            result.reason = (
                f"SIPRI's register confirms the {label} of {subject} in {when.year}"
                + (", though it dates the deal differently (see caveats)" if result.caveats else "")
                + "."
            )
            return
    if completions and deliveries:
        years = ", ".join(sorted({m.when for m in deliveries}))
        result.verdict = CONTRADICTED
        result.reason = (
            f"SIPRI dates the first delivery of {subject} to {years}, not to the claimed "
            + ", ".join(f"{label} ({when.text})" for label, when in completions.items())
            + "."
        )
        return
    confirmed = [m for m in recorded if m.label.startswith("NCA")]
    result.verdict = INCONCLUSIVE
    result.reason = (
        (
            f"The records confirm the agreement ({', '.join(m.when for m in confirmed)}) but hold "
            "nothing on when it was carried out, so the delay itself is not confirmed."
        )
        if confirmed
        else f"The records in the store hold nothing that dates {subject}, so the delay can "
        "be neither confirmed nor refuted."
    )


def _driver_during(
    context: Context,
    driver: Dyad,
    signed: ClaimDate,
    milestones: dict[str, ClaimDate],
    timeline: DelayTimeline,
    result: ClaimResult,
) -> None:
    """The driver relation's yearly series around the delay, and its mean during the delay
    against the same number of years before it (at most ten)."""
    end = max([signed.year, *(m.year for m in milestones.values())])
    span = end - signed.year + 1
    first = signed.year - min(span, 10)
    for measure in DRIVER_MEASURES:
        options = SeriesOptions(
            freq="year", measures=(measure,), start=date(first, 1, 1), end=date(end, 12, 31)
        )
        try:
            series = store_series(
                context.tables,
                options,
                [driver.source, driver.target],
                [(driver.source, driver.target)],
            )
        except UsageError:
            continue
        values = series.set_index("period")[measure]
        if values.notna().sum() >= 2:
            break
    else:
        result.caveats.append(f"the store holds no yearly series of {driver.relation} to compare")
        return
    during = values[values.index.year >= signed.year].dropna()
    before = values[values.index.year < signed.year].dropna()
    timeline.driver = driver.relation
    timeline.driver_measure = measure
    timeline.driver_series = pd.DataFrame({"period": values.index, "value": values.to_numpy()})
    timeline.window = (str(signed.year), str(end))
    timeline.comparison = {
        "during": float(during.mean()) if len(during) else None,
        "before": float(before.mean()) if len(before) else None,
        "years_during": [int(y) for y in during.index.year],
        "years_before": [int(y) for y in before.index.year],
    }
    if len(during) and len(before):
        result.evidence.append(
            Evidence(
                f"{driver.label} {measure} averaged {during.mean():.3g} during the delay "
                f"({signed.year}–{end}) against {before.mean():.3g} in the {len(before)} years "
                "before",
                f"realpolitik series {driver.source} {driver.target} --freq year --measure "
                f"{measure} --from {first} --to {end}",
                kind="series",
            )
        )


def check_dependence(fields: dict[str, object], result: ClaimResult, context: Context) -> None:
    """The dependence test on the claim's triangle; a `negated` claim (the article denies the
    dependence) is supported by a well-powered absence of the effect and contradicted by its
    presence."""
    dependent, driver = _dyad(fields, "dependent"), _dyad(fields, "driver")
    negated = bool(fields.get("negated", False))
    expect = "any" if negated else str(fields.get("expect", "negative"))
    start, end = _period(fields)
    freqs, measures = _grid(fields, context, dependent, driver)
    try:
        options = DependenceOptions(
            freqs=freqs,
            measures=measures,
            expect=expect,
            start=start,
            end=end,
            seed=context.seed,
        )
        test = dependence_test(context.tables, dependent, driver, options)
    except UsageError as exc:
        raise ClaimError(str(exc)) from None
    result.dependence = test
    result.evidence.append(
        Evidence(
            test.sample_note,
            "realpolitik depends --dependent {} --driver {} --freq {} --measure {}{}".format(
                dependent,
                driver,
                ",".join(freqs),
                ",".join(measures),
                "".join(f" --{k} {v}" for k, v in (("from", start), ("to", end)) if v),
            ),
            kind="test",
        )
    )
    result.caveats += test.notes
    if not negated:
        result.verdict, result.reason = test.verdict, test.reason
        return
    tally = test.tally
    if test.verdict == SUPPORTED:
        result.verdict = CONTRADICTED
        result.reason = f"The claim denies it, but the data show it: {test.reason}"
    elif tally.forward == 0 and tally.tested and tally.mostly_powered:
        result.verdict = SUPPORTED
        result.reason = f"As the claim says, {test.reason[0].lower()}{test.reason[1:]}"
    else:
        result.verdict = INCONCLUSIVE
        result.reason = test.reason


def _period(fields: dict[str, object]) -> tuple[date | None, date | None]:
    period = fields.get("period")
    if period in (None, ""):
        return None, None
    if not isinstance(period, list) or len(period) != 2:
        raise ClaimError(f"period {period!r}: give [first, last], e.g. [1995, 2018]")
    return claim_date(period[0], "period").start, claim_date(period[1], "period").end


def _grid(
    fields: dict[str, object], context: Context, dependent: Dyad, driver: Dyad
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The claim's frequencies and measures, else the event grid when the store has events
    among the three actors, else the yearly records."""

    def listed(name: str) -> tuple[str, ...]:
        value = fields.get(name)
        values = value if isinstance(value, list) else str(value).split(",")
        return tuple(str(v).strip() for v in values if str(v).strip())

    if fields.get("measures"):
        measures = listed("measures")
        freqs = (
            listed("freq")
            if fields.get("freq")
            else (("year",) if all(m in RECORD_MEASURES for m in measures) else DEFAULT_FREQS)
        )
        return freqs, measures
    actors = {dependent.source, dependent.target, driver.source, driver.target}
    if (
        "events" in context.tables
        and origin_counts(context.tables["events"], actors)["events"].sum()
    ):
        return (listed("freq") if fields.get("freq") else DEFAULT_FREQS), DEFAULT_MEASURES
    return ("year",), RECORD_GRID


CHECKERS: dict[str, Callable[[dict[str, object], ClaimResult, Context], None]] = {
    "dependence": check_dependence,
    "delay": check_delay,
    "vote": check_vote,
    "veto": check_veto,
    "event": check_event,
    "arms": check_arms,
}
"""The checker of each claim kind."""
