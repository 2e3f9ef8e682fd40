"""Directed-dyad time series: how much, how cooperative and how conflictual i's actions toward
j were in each period, written once as Ibis expressions so DuckDB and Spark compute the same.

For the events E(i→j, t) of a period, each with Goldstein value g, quad class q and a weight w
(1; NumArticles for `_articles`; ln(1 + NumMentions) for `_mentions`; 1 where a source carries
no counts), the measures are

    count           Σ w                         (the number of events when w = 1)
    goldstein       G = Σ w·g
    goldstein_pos   C+ = Σ w·max(g, 0)          cooperative part
    goldstein_neg   C− = Σ w·max(−g, 0)         conflictual part (a positive number)
    goldstein_mean  G / Σ w                     mean intensity; empty in a period without events
    quad1..quad4    Σ w·[q = k]
    quad_net        (quad1 + quad2) − (quad3 + quad4)

Normalisation divides every measure but the mean by the same weighted sum over all events of
the period (`total`, N_t) or over the events involving i as source or target (`attention`,
A_it), computed from the store for any period; `asinh` then applies asinh(x). Periods without
events are zeros, not gaps; `coverage` says whether the store has data for the period at all
(the share of its days with any event), so a zero in an uncovered period can be told from a
quiet one. Each series also carries its de-duplication ratio and dummies for the known breaks
in the event data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from realpolitik.errors import UsageError
from realpolitik.measures import INDICATORS

FREQS = {"day": "D", "week": "W", "month": "M", "quarter": "Q", "year": "Y"}
_PANDAS_FREQ = {"day": "D", "week": "W-MON", "month": "MS", "quarter": "QS", "year": "YS"}
BASE_MEASURES = (
    "count",
    "goldstein",
    "goldstein_pos",
    "goldstein_neg",
    "goldstein_mean",
    "quad1",
    "quad2",
    "quad3",
    "quad4",
    "quad_net",
)
WEIGHTINGS = ("", "_articles", "_mentions")
MEASURES = tuple(m + w for w in WEIGHTINGS for m in BASE_MEASURES)
RECORD_MEASURES = tuple(name for indicator in INDICATORS for name in indicator.names)
"""Yearly record-based indicators a series can carry beside the event measures."""
NORMALIZATIONS = ("none", "total", "attention")
COOLING = ("goldstein_neg", "quad3", "quad4", "idealpoint_distance")
"""Measures that rise as a relation cools (conflict, distance); counts rise with any activity."""
DEDUPS = ("none", "exact", "daily", "root")
SCOPES = ("state", "all")
STATE_SECTORS = ("GOV", "MIL", "JUD", "LEG", "SPY", "COP", "")
"""Sectors of state actors: government, military, judiciary, legislature, intelligence,
police, and '' for the country as such (GDELT and ICEWS write the bare country for the state)."""

CONTENT_COLUMNS = (
    "date",
    "source",
    "target",
    "source_sector",
    "target_sector",
    "source_name",
    "target_name",
    "cameo",
    "quad_class",
    "goldstein",
    "num_mentions",
    "num_articles",
    "is_root",
    "origin",
)
"""What makes two rows the same event for `exact` de-duplication (all but ids and refs)."""


@dataclass(frozen=True)
class Break:
    """A known break in the event data. Its dummy is 1 for every period that overlaps
    [start, end): from the period the break falls in onward, or the periods of a gap.
    `origins` are the event sources whose series it breaks."""

    name: str
    start: date
    end: date | None
    meaning: str
    origins: tuple[str, ...]


BREAKS = (
    Break(
        "break_gdelt1_daily",
        date(2013, 4, 1),
        None,
        "GDELT 1.0 backfile ends, daily files",
        ("gdelt1",),
    ),
    Break(
        "break_gdelt2",
        date(2015, 2, 19),
        None,
        "GDELT 2.0 starts (translingual sources)",
        ("gdelt1", "gdelt2"),
    ),
    Break(
        "break_icews_gap",
        date(2019, 10, 1),
        date(2020, 5, 1),
        "ICEWS paused late 2019, resumed May 2020 (start approximate)",
        ("icews",),
    ),
    Break("break_icews_end", date(2023, 4, 11), None, "ICEWS ends", ("icews",)),
)


@dataclass(frozen=True)
class SeriesOptions:
    """How to build a series: period, measures, normalisation, de-duplication and scope;
    `origins` keeps only the events of these sources (`gdelt2`, `icews`…; all when None), and
    then the period totals and coverage are those of these sources too."""

    freq: str = "month"
    measures: tuple[str, ...] = ("count", "goldstein")
    normalize: str = "none"
    dedup: str = "none"
    scope: str = "all"
    asinh: bool = False
    start: date | None = None
    end: date | None = None
    origins: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        for value, allowed, option in (
            (self.freq, tuple(FREQS), "--freq"),
            (self.normalize, NORMALIZATIONS, "--normalize"),
            (self.dedup, DEDUPS, "--dedup"),
            (self.scope, SCOPES, "--scope"),
        ):
            if value not in allowed:
                raise UsageError(f"{option} {value!r}: choose one of {', '.join(allowed)}")
        if unknown := [m for m in self.measures if m not in MEASURES + RECORD_MEASURES]:
            raise UsageError(
                f"unknown measure(s) {', '.join(unknown)}; choose from "
                f"{', '.join(MEASURES + RECORD_MEASURES)}"
            )
        if not self.measures:
            raise UsageError("name at least one measure")
        if self.start and self.end and self.start > self.end:
            raise UsageError(f"--from {self.start} is after --to {self.end}")
        if self.origins is not None and not self.origins:
            raise UsageError("name at least one event source, or none for all of them")
        if self.record_measures and self.freq != "year":
            raise UsageError(
                f"{', '.join(self.record_measures)} are yearly record indicators: use --freq year"
            )

    @property
    def event_measures(self) -> tuple[str, ...]:
        """The measures computed from events."""
        return tuple(m for m in self.measures if m in MEASURES)

    @property
    def record_measures(self) -> tuple[str, ...]:
        """The measures taken from the record-based indicators (`observations`)."""
        return tuple(m for m in self.measures if m in RECORD_MEASURES)


def _weight(ev: ir.Table, weighting: str) -> ir.FloatingValue:
    if weighting == "_articles":
        return ev.num_articles.cast("float64").fill_null(1.0)
    if weighting == "_mentions":
        return (ev.num_mentions.cast("float64") + 1.0).ln().fill_null(1.0)
    return ibis.literal(1.0)


def prepared_events(events: ir.Table, options: SeriesOptions) -> ir.Table:
    """The events a series counts: in the date range and scope, de-duplicated, with a period
    and the three weights."""
    ev = events
    if options.origins is not None:
        ev = ev.filter(ev.origin.isin(options.origins))
    if options.start:
        ev = ev.filter(ev.date >= options.start)
    if options.end:
        ev = ev.filter(ev.date <= options.end)
    if options.scope == "state":
        ev = ev.filter(ev.source_sector.isin(STATE_SECTORS) & ev.target_sector.isin(STATE_SECTORS))
    if options.dedup == "exact":
        ev = ev.select(*CONTENT_COLUMNS).distinct()
    elif options.dedup == "daily":
        ev = ev.group_by(["date", "source", "target", "cameo"]).aggregate(
            quad_class=ev.quad_class.max(),
            goldstein=ev.goldstein.mean(),
            num_articles=ev.num_articles.sum(),
            num_mentions=ev.num_mentions.sum(),
        )
    elif options.dedup == "root":
        ev = ev.filter(ev.is_root.isnull() | ev.is_root)
    return ev.mutate(
        period=ev.date.truncate(FREQS[options.freq]).cast("timestamp"),
        **{f"w{suffix}": _weight(ev, suffix) for suffix in WEIGHTINGS},
    )


SUMS_OF = {
    "count": ("n",),
    "goldstein": ("g",),
    "goldstein_pos": ("pos",),
    "goldstein_neg": ("neg",),
    "goldstein_mean": ("g", "n"),
    "quad1": ("q1",),
    "quad2": ("q2",),
    "quad3": ("q3",),
    "quad4": ("q4",),
    "quad_net": ("q1", "q2", "q3", "q4"),
}
"""The weighted sums each base measure is made of."""


def _needed_sums(measures: Iterable[str]) -> list[str]:
    """Names of the sums (`g_articles`, `n`…) the measures need."""
    needed = set()
    for measure in measures:
        base, w = split_measure(measure)
        needed.update(f"{part}{w}" for part in SUMS_OF[base])
    return sorted(needed)


def _sums(ev: ir.Table, needed: Iterable[str]) -> dict[str, ir.Value]:
    """The weighted sums: Σw, Σw·g, Σw·max(g,0), Σw·max(−g,0), Σw·[q=k]; plain sums and counts
    where the weight is 1, so the common case costs what a hand-written query does."""
    g = ev.goldstein.cast("float64").fill_null(0.0)
    parts = {
        "n": None,
        "g": g,
        "pos": ibis.greatest(g, 0.0),
        "neg": ibis.greatest(-g, 0.0),
        **{f"q{k}": (ev.quad_class == k).cast("float64") for k in (1, 2, 3, 4)},
    }
    sums: dict[str, ir.Value] = {}
    for name in needed:
        part, w = split_measure(name)
        value = parts[part]
        if w:
            weight = ev[f"w{w}"]
            sums[name] = (weight if value is None else weight * value).sum()
        else:
            sums[name] = ev.count().cast("float64") if value is None else value.sum()
    return sums


def polarity(measure: str) -> int:
    """+1 for a measure that rises as the relation warms (Goldstein sum, net cooperation,
    vote agreement, arms deliveries…), −1 for one that rises as it cools (conflict, ideal-point
    distance), 0 for counts, which say how much happened but not how warm it was."""
    base = split_measure(measure)[0]
    if base == "count":
        return 0
    return -1 if base in COOLING else 1


def split_measure(measure: str) -> tuple[str, str]:
    """`goldstein_articles` → (`goldstein`, `_articles`); `count` → (`count`, ''); the same
    for the names of sums (`g_mentions` → (`g`, `_mentions`))."""
    for weighting in WEIGHTINGS[1:]:
        if measure.endswith(weighting):
            return measure.removesuffix(weighting), weighting
    return measure, ""


def _needed_weightings(measures: Iterable[str]) -> list[str]:
    return sorted({split_measure(m)[1] for m in measures})


def dyad_panel(
    events: ir.Table | None,
    options: SeriesOptions,
    actors: Iterable[str] | None = None,
    observations: ir.Table | None = None,
) -> pd.DataFrame:
    """Series for every directed dyad among `actors` (zero-filled over the periods), or for
    every dyad in the store that has events (only the periods it has events in) when `actors`
    is None. One row per (source, target, period), one column per measure; record indicators
    come from `observations`: empty where a dyad-year has no observation, or zero where the
    indicator's records list every occurrence (`Indicator.absent_is_zero`). A panel of record
    indicators alone spans the years they are observed in and needs no events."""
    codes = [a.upper() for a in actors] if actors is not None else None
    if options.record_measures and observations is None:
        raise UsageError("record indicators need the store's observations: load records first")
    if options.event_measures:
        if events is None:
            raise UsageError("the store has no events: ingest event files first")
        out = _event_panel(events, replace(options, measures=options.event_measures), codes)
        if options.record_measures:
            out = _with_indicators(out, observations, options, codes)
    else:
        out = _record_panel(observations, options, codes)
    starts = out["period"]
    ends = starts + pd.tseries.frequencies.to_offset(_PANDAS_FREQ[options.freq])
    for brk in BREAKS:
        overlaps = ends > pd.Timestamp(brk.start)
        if brk.end:
            overlaps &= starts < pd.Timestamp(brk.end)
        out[brk.name] = overlaps.astype(int)
    ordered = ["source", "target", "period", *options.measures]
    rest = [c for c in out.columns if c not in ordered]
    return out[ordered + rest].sort_values(["source", "target", "period"]).reset_index(drop=True)


def _event_panel(events: ir.Table, options: SeriesOptions, codes: list[str] | None) -> pd.DataFrame:
    """The event measures, coverage and de-duplication ratio per dyad and period."""
    weightings = _needed_weightings(options.measures)
    all_ev = prepared_events(events, options)
    dyads = all_ev.filter(
        (all_ev.source != "") & (all_ev.target != "") & (all_ev.source != all_ev.target)
    )
    if codes is not None:
        dyads = dyads.filter(dyads.source.isin(codes) & dyads.target.isin(codes))
    grouped = dyads.group_by(["source", "target", "period"]).aggregate(
        **_sums(dyads, _needed_sums(options.measures))
    )
    frame = _dated(grouped.execute())
    periods = _dated(_period_totals(all_ev, weightings))
    if codes is not None:
        frame = _zero_filled(frame, codes, periods, options)
    by_period = periods.set_index("period")
    for column in by_period.columns:
        frame[column] = frame["period"].map(by_period[column])
    if options.normalize == "attention":
        attention = _dated(_attention(all_ev, weightings, codes))
        frame = frame.merge(attention, on=["source", "period"], how="left")
    out = _measures(frame, options, weightings)
    if options.dedup == "none":
        return out.assign(dedup_ratio=1.0)
    ratios = _dedup_ratios(events, options, codes)
    return out.merge(ratios, on=["source", "target"], how="left").fillna({"dedup_ratio": 1.0})


def _observed(
    observations: ir.Table, options: SeriesOptions, codes: list[str] | None
) -> pd.DataFrame:
    """The requested indicators' observations, one column each, per (source, target, period)."""
    obs = observations.filter(observations.indicator.isin(options.record_measures))
    if codes is not None:
        obs = obs.filter(obs.source.isin(codes) & obs.target.isin(codes))
    if options.start:
        obs = obs.filter(obs.period >= options.start.replace(month=1, day=1))
    if options.end:
        obs = obs.filter(obs.period <= options.end)
    found = _dated(obs.select("source", "target", "period", "indicator", "value").execute())
    wide = found.pivot_table(
        index=["source", "target", "period"], columns="indicator", values="value", aggfunc="first"
    ).reset_index()
    wide.columns.name = None
    for name in options.record_measures:
        if name not in wide:
            wide[name] = np.nan
    return wide[["source", "target", "period", *options.record_measures]]


def _with_indicators(
    panel: pd.DataFrame, observations: ir.Table, options: SeriesOptions, codes: list[str] | None
) -> pd.DataFrame:
    """The panel with a column per requested record indicator (yearly observations)."""
    keys = ["source", "target", "period"]
    how = "left" if codes is not None else "outer"
    merged = panel.merge(_observed(observations, options, codes), on=keys, how=how)
    return _absent_as_zero(merged, observations, options)


def _record_panel(
    observations: ir.Table, options: SeriesOptions, codes: list[str] | None
) -> pd.DataFrame:
    """Record indicators alone: every directed dyad among `codes` in every year from the first
    to the last observed one (or --from/--to), or the observed dyad-years when `codes` is None."""
    wide = _observed(observations, options, codes)
    if codes is not None:
        years = wide["period"]
        first = pd.Timestamp(options.start.year, 1, 1) if options.start else years.min()
        last = pd.Timestamp(options.end) if options.end else years.max()
        spine = (
            pd.DatetimeIndex([])
            if pd.isna(first) or pd.isna(last)
            else pd.date_range(first, last, freq=_PANDAS_FREQ["year"])
        )
        index = pd.MultiIndex.from_tuples(
            [(s, t, p) for s in codes for t in codes if s != t for p in spine],
            names=["source", "target", "period"],
        )
        wide = wide.set_index(["source", "target", "period"]).reindex(index).reset_index()
    return _absent_as_zero(wide, observations, options)


def _absent_as_zero(
    panel: pd.DataFrame, observations: ir.Table, options: SeriesOptions
) -> pd.DataFrame:
    """Zeros for the dyad-years an exhaustive record (`Indicator.absent_is_zero`) does not
    list, within the years it covers and for the dyads it covers."""
    exhaustive = {
        name: indicator
        for indicator in INDICATORS
        for name in indicator.names
        if indicator.absent_is_zero and name in options.record_measures
    }
    if not exhaustive or panel.empty:
        return panel
    obs = observations.filter(observations.indicator.isin(list(exhaustive)))
    spans = _dated(
        obs.group_by("indicator")
        .aggregate(period=obs.period.min(), last=obs.period.max())
        .execute()
    ).assign(last=lambda f: pd.to_datetime(f["last"]))
    out = panel.copy()
    for row in spans.itertuples():
        covered = out["period"].between(row.period, row.last)
        actor = exhaustive[row.indicator].covers_only
        if actor:
            covered &= (out["source"] == actor) | (out["target"] == actor)
        out.loc[covered, row.indicator] = out.loc[covered, row.indicator].fillna(0.0)
    return out


def to_long(panel: pd.DataFrame) -> pd.DataFrame:
    """The panel as (source, target, period, measure, value): event measures and record
    indicators in one long shape, for one chart or test over both."""
    measures = [c for c in panel.columns if c in MEASURES or c in RECORD_MEASURES]
    return panel.melt(
        id_vars=["source", "target", "period"],
        value_vars=measures,
        var_name="measure",
        value_name="value",
    )


def dyad_series(events: ir.Table, source: str, target: str, options: SeriesOptions) -> pd.DataFrame:
    """The zero-filled series of one directed dyad (see `dyad_panel`)."""
    if source.upper() == target.upper():
        raise UsageError(f"source and target are both {source.upper()}: a dyad needs two actors")
    panel = dyad_panel(events, options, [source, target])
    one = panel[(panel.source == source.upper()) & (panel.target == target.upper())]
    return one.reset_index(drop=True)


def origin_counts(events: ir.Table, actors: Iterable[str]) -> pd.DataFrame:
    """Per event source (`origin`): the events between two of `actors` and their first and
    last dates; the sources a question about these actors can be asked of separately."""
    codes = [a.upper() for a in actors]
    among = events.filter(
        events.source.isin(codes) & events.target.isin(codes) & (events.source != events.target)
    )
    counts = among.group_by("origin").aggregate(
        events=among.count(), first=among.date.min(), last=among.date.max()
    )
    return counts.execute().sort_values("origin").reset_index(drop=True)


def actors_in_store(tables: dict[str, ir.Table], codes: list[str]) -> set[str]:
    """Which of `codes` some event or record observation of the store names as source or
    target: a code no table knows can still be measured when the store holds it."""
    found: set[str] = set()
    for name in ("events", "observations"):
        if name in tables:
            table = tables[name]
            for column in ("source", "target"):
                held = table.filter(table[column].isin(codes)).select(column).distinct()
                found |= set(held.execute()[column])
    return found


def _period_totals(ev: ir.Table, weightings: list[str]) -> pd.DataFrame:
    """Per period: N_t per weighting and the share of the period's days with any event."""
    totals = ev.group_by("period").aggregate(
        days_with_events=ev.date.nunique(),
        **{f"total{w}": ev[f"w{w}"].sum() if w else ev.count() for w in weightings},
    )
    return totals.execute()


def _attention(ev: ir.Table, weightings: list[str], codes: list[str] | None) -> pd.DataFrame:
    """Per actor and period: the weighted events it is source or target of (A_it)."""
    as_source = ev.select("period", actor=ev.source, **{f"w{w}": ev[f"w{w}"] for w in weightings})
    as_target = ev.filter(ev.source != ev.target).select(
        "period", actor=ev.target, **{f"w{w}": ev[f"w{w}"] for w in weightings}
    )
    both = as_source.union(as_target)
    if codes is not None:
        both = both.filter(both.actor.isin(codes))
    attention = both.group_by(["actor", "period"]).aggregate(
        **{f"attention{w}": both[f"w{w}"].sum() for w in weightings}
    )
    return attention.execute().rename(columns={"actor": "source"})


def _dedup_ratios(
    events: ir.Table, options: SeriesOptions, codes: list[str] | None
) -> pd.DataFrame:
    """Per dyad: events kept by the de-duplication over events before it."""
    raw = prepared_events(events, replace(options, dedup="none"))
    kept = prepared_events(events, options)
    counts = []
    for table, name in ((raw, "before"), (kept, "after")):
        if codes is not None:
            table = table.filter(table.source.isin(codes) & table.target.isin(codes))
        counts.append(table.group_by(["source", "target"]).aggregate(**{name: table.count()}))
    frame = counts[0].execute().merge(counts[1].execute(), on=["source", "target"], how="left")
    frame["dedup_ratio"] = frame["after"].fillna(0) / frame["before"]
    return frame[["source", "target", "dedup_ratio"]]


def _zero_filled(
    frame: pd.DataFrame, codes: list[str], periods: pd.DataFrame, options: SeriesOptions
) -> pd.DataFrame:
    """Every (source, target, period) of the requested dyads, zeros where there were none."""
    seen = pd.to_datetime(pd.concat([frame["period"], periods["period"]]))
    first = pd.Timestamp(options.start) if options.start else seen.min()
    last = pd.Timestamp(options.end) if options.end else seen.max()
    if pd.isna(first) or pd.isna(last):
        spine = pd.DatetimeIndex([])
    else:
        first = pd.Timestamp(first).to_period(FREQS[options.freq][0]).start_time
        spine = pd.date_range(first, last, freq=_PANDAS_FREQ[options.freq])
    index = pd.MultiIndex.from_tuples(
        [(s, t, p) for s in codes for t in codes if s != t for p in spine],
        names=["source", "target", "period"],
    )
    filled = frame.set_index(["source", "target", "period"]).reindex(index).fillna(0.0)
    return filled.reset_index()


def _measures(frame: pd.DataFrame, options: SeriesOptions, weightings: list[str]) -> pd.DataFrame:
    """The requested measure columns from the weighted sums, normalised and transformed."""
    periods = frame["period"].drop_duplicates()
    days = frame["period"].map(
        dict(zip(periods, map(lambda p: _days_in(p, options.freq), periods), strict=True))
    )
    out = frame[["source", "target", "period"]].copy()
    for measure in options.measures:
        base, w = split_measure(measure)
        value = _measure(frame, base, w).astype(float)
        if base != "goldstein_mean" and options.normalize != "none":
            column = "total" if options.normalize == "total" else "attention"
            denominator = frame[f"{column}{w}"]
            value = value / denominator.where(denominator > 0)
        out[measure] = np.arcsinh(value) if options.asinh else value
    out["coverage"] = (frame["days_with_events"].fillna(0) / days).clip(upper=1.0)
    return out


def _measure(frame: pd.DataFrame, base: str, w: str) -> pd.Series:
    """One measure from its sums (see SUMS_OF)."""
    if base == "goldstein_mean":
        n = frame[f"n{w}"]
        return frame[f"g{w}"] / n.where(n > 0)
    if base == "quad_net":
        return frame[f"q1{w}"] + frame[f"q2{w}"] - frame[f"q3{w}"] - frame[f"q4{w}"]
    return frame[f"{SUMS_OF[base][0]}{w}"]


def _dated(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with `period` as pandas timestamps (ns), whatever the engine returned."""
    return frame.assign(period=pd.to_datetime(frame["period"]).astype("datetime64[ns]"))


def _days_in(period: pd.Timestamp, freq: str) -> int:
    """Days in the period that starts at `period`."""
    nxt = period + pd.tseries.frequencies.to_offset(_PANDAS_FREQ[freq])
    return max((nxt - period).days, 1)


def store_series(
    tables: dict[str, ir.Table],
    options: SeriesOptions,
    actors: Iterable[str],
    pairs: Iterable[tuple[str, str]] | None = None,
) -> pd.DataFrame:
    """Series of the directed dyads among `actors` (or only the given `pairs`) from a store's
    tables (see `realpolitik.measures.engines.store_tables`)."""
    panel = dyad_panel(tables.get("events"), options, actors, tables.get("observations"))
    if pairs is None:
        return panel
    wanted = {(s.upper(), t.upper()) for s, t in pairs}
    keep = [(s, t) in wanted for s, t in zip(panel.source, panel.target, strict=True)]
    return panel[keep].reset_index(drop=True)
