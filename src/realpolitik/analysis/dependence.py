"""Does the relation A–B depend on A–C? The triangular dependence test of Goldstein & Freeman
(1990) and Goldstein & Pevehouse (1997), over a robustness grid, with an honest verdict.

`dependence_test` asks the measures layer for the triangle's six directed series in every cell
of the grid (frequency × measure × normalisation × de-duplication × event source; yearly record
indicators are one cell each), runs the test of `cell.py` on each, adjusts the p-values across
the grid (Benjamini–Hochberg) and applies the rule of `verdict.py`. `triangle_test` runs the
same test on series an analyst already has.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from itertools import product
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from realpolitik.analysis.cell import (
    ADJECTIVES,
    CellResult,
    CellSeries,
    CellSpec,
    cell_test,
)
from realpolitik.analysis.power import POWER_TARGET
from realpolitik.analysis.settings import (
    DEFAULT_DEDUPS,
    DEFAULT_FREQS,
    DEFAULT_MEASURES,
    DEFAULT_MIN_COVERAGE,
    DEFAULT_NORMALIZATIONS,
    CellSettings,
)
from realpolitik.analysis.triangle import Dyad, Triangle
from realpolitik.analysis.verdict import (
    EXPECTATIONS,
    VERDICT_RULE,
    Tally,
    adjust,
    decide,
    tally,
)
from realpolitik.errors import UsageError
from realpolitik.measures.engines import store_files
from realpolitik.measures.series import (
    BREAKS,
    MEASURES,
    RECORD_MEASURES,
    SeriesOptions,
    actors_in_store,
    origin_counts,
    polarity,
    store_series,
)
from realpolitik.selection import unknown_actor_notes

if TYPE_CHECKING:
    import ibis.expr.types as ir

POOLED = "all"
"""The origin that pools every event source into one series."""
RECORDS = "records"


@dataclass(frozen=True)
class DependenceOptions:
    """The grid and the test's parameters. `origins` None asks each event source in the
    store (`gdelt2`, `icews`…) separately, one grid dimension; ("all",) pools them."""

    freqs: tuple[str, ...] = DEFAULT_FREQS
    measures: tuple[str, ...] = DEFAULT_MEASURES
    normalizations: tuple[str, ...] = DEFAULT_NORMALIZATIONS
    dedups: tuple[str, ...] = DEFAULT_DEDUPS
    origins: tuple[str, ...] | None = None
    expect: str = CellSettings.expect
    start: date | None = None
    end: date | None = None
    scope: str = "all"
    seed: int = 0
    alpha: float = CellSettings.alpha
    effect: float = CellSettings.effect
    horizon: int = CellSettings.horizon
    bootstrap: int = CellSettings.bootstrap
    power_replications: int = CellSettings.power_replications
    min_coverage: float = DEFAULT_MIN_COVERAGE

    def __post_init__(self) -> None:
        for name in ("freqs", "measures", "normalizations", "dedups"):
            if not getattr(self, name):
                raise UsageError(f"name at least one of the {name} to test")
        for freq, norm, dedup in product(self.freqs, self.normalizations, self.dedups):
            SeriesOptions(freq=freq, normalize=norm, dedup=dedup, scope=self.scope)
        SeriesOptions(freq="year", measures=self.measures, start=self.start, end=self.end)
        if self.expect not in EXPECTATIONS:
            raise UsageError(f"--expect {self.expect!r}: choose one of {', '.join(EXPECTATIONS)}")
        if self.origins is not None and not self.origins:
            raise UsageError("name at least one origin, or none to test each separately")
        for value, low, high, option in (
            (self.alpha, 0.0, 0.5, "alpha"),
            (self.effect, 0.0, 10.0, "effect"),
            (self.min_coverage, 0.0, 1.0, "min_coverage"),
        ):
            if not low < value <= high:
                raise UsageError(f"{option} {value}: must be above {low} and at most {high}")
        if self.horizon < 1:
            raise UsageError(f"horizon {self.horizon}: must be at least one period")
        if self.bootstrap < 100 or self.power_replications < 50:
            raise UsageError("bands need at least 100 bootstrap replications, power at least 50")

    @property
    def settings(self) -> CellSettings:
        return CellSettings(
            expect=self.expect,
            alpha=self.alpha,
            effect=self.effect,
            horizon=self.horizon,
            bootstrap=self.bootstrap,
            power_replications=self.power_replications,
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "freqs": list(self.freqs),
            "measures": list(self.measures),
            "normalizations": list(self.normalizations),
            "dedups": list(self.dedups),
            "origins": list(self.origins) if self.origins else None,
            "expect": self.expect,
            "from": self.start.isoformat() if self.start else None,
            "to": self.end.isoformat() if self.end else None,
            "scope": self.scope,
            "seed": self.seed,
            "alpha": self.alpha,
            "effect": self.effect,
            "horizon": self.horizon,
            "bootstrap": self.bootstrap,
            "power_replications": self.power_replications,
            "min_coverage": self.min_coverage,
        }


@dataclass
class DependenceResult:
    """The verdict on 'the dependent relation depends on the driver', its one-sentence reason,
    and every number behind it, cell by cell."""

    triangle: Triangle
    options: DependenceOptions
    verdict: str
    reason: str
    tally: Tally
    cells: list[CellResult]
    origins: list[dict[str, object]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    provenance: dict[str, object] = field(default_factory=dict)

    @property
    def sample_note(self) -> str:
        """The sample sizes and the power behind the verdict, in one sentence."""
        tested = [c for c in self.cells if c.ok]
        if not tested:
            return "No version of the test could be run."
        sizes = []
        for freq in dict.fromkeys(c.spec.freq for c in tested):
            cells = [c for c in tested if c.spec.freq == freq]
            low, high = min(c.nobs for c in cells), max(c.nobs for c in cells)
            span = f"{low}" if low == high else f"{low}–{high}"
            sizes.append(f"{span} {ADJECTIVES[freq]} periods")
        mdes = [c.power.mde for c in tested if c.power and c.power.mde is not None]
        detectable = (
            f", smallest detectable effect {min(mdes):.2f}–{max(mdes):.2f} SD" if mdes else ""
        )
        return (
            f"Samples: {', '.join(sizes)} in {len(tested)} of {len(self.cells)} versions tested; "
            f"power against a {self.options.effect:g} SD effect: {self.tally.powered} of "
            f"{len(tested)} at least {POWER_TARGET:.0%} (median {self.tally.power:.0%})"
            f"{detectable}."
        )

    @property
    def primary(self) -> CellResult:
        """The first cell of the grid (the first of each option)."""
        return self.cells[0]

    def to_dict(self) -> dict[str, object]:
        return {
            "verdict": self.verdict,
            "reason": self.reason,
            "samples_and_power": self.sample_note,
            "question": {
                **self.triangle.to_dict(),
                "expect": self.options.expect,
                "meaning": _meaning(self.triangle, self.options.expect),
            },
            "summary": self.tally.to_dict(),
            "rule": VERDICT_RULE,
            "options": self.options.to_dict(),
            "origins": self.origins,
            "notes": self.notes,
            "cells": [cell.to_dict() for cell in self.cells],
            "provenance": self.provenance,
        }


def _meaning(triangle: Triangle, expect: str) -> str:
    dep, drv = triangle.dependent.label, triangle.driver.label
    if expect == "negative":
        return f"when {drv} warms, {dep} cools afterwards, and when it cools, {dep} warms"
    if expect == "positive":
        return f"when {drv} warms, {dep} warms afterwards too"
    return f"{drv} moves {dep} afterwards, in either direction"


def _words(triangle: Triangle) -> dict[str, str]:
    return {
        "dependent": triangle.dependent.label,
        "driver": triangle.driver.label,
        "dependent_relation": triangle.dependent.relation,
        "driver_relation": triangle.driver.relation,
    }


def grid(options: DependenceOptions, origins: list[str]) -> tuple[list[CellSpec], list[str]]:
    """The cells to test, in order (the first is the primary), and notes on the combinations
    left out (a yearly record indicator at another frequency)."""
    specs: list[CellSpec] = []
    notes: list[str] = []
    for freq, measure in product(options.freqs, options.measures):
        if measure in RECORD_MEASURES:
            if freq == "year":
                specs.append(CellSpec(freq, measure, origin=RECORDS))
            else:
                notes.append(f"{measure} is a yearly record indicator: not tested by {freq}")
            continue
        for norm, dedup, origin in product(options.normalizations, options.dedups, origins):
            specs.append(CellSpec(freq, measure, norm, dedup, origin))
    if not specs:
        raise UsageError(
            "no cell to test: record indicators (" + ", ".join(options.measures) + ") need "
            "--freq year"
        )
    return specs, notes


Progress = Callable[[str, int, int], None]
"""Told (what is being done, steps done, steps in all) as a long test goes on."""


def dependence_test(
    tables: dict[str, ir.Table],
    dependent: str | Dyad,
    driver: str | Dyad,
    options: DependenceOptions | None = None,
    progress: Progress | None = None,
) -> DependenceResult:
    """Test whether `dependent` (e.g. RUS-IRN) depends on `driver` (e.g. RUS-USA) in a
    store's tables (`realpolitik.measures.engines.store_tables`), over the grid of `options`."""
    options = options or DependenceOptions()
    triangle = Triangle(_dyad(dependent, "--dependent"), _dyad(driver, "--driver"))
    held = partial(actors_in_store, tables)
    actor_notes = unknown_actor_notes(triangle.actors, "--dependent/--driver", held)
    event_measures = [m for m in options.measures if m in MEASURES]
    counts = _origin_counts(tables, triangle, event_measures)
    origins = _origins(options, counts)
    specs, notes = grid(options, origins)
    notes = [*actor_notes, *notes]
    if event_measures and "events" not in tables:
        raise UsageError(
            "the store holds no events: ingest event files, or ask for yearly record "
            "indicators (--measure unga_agreement,idealpoint_distance --freq year)"
        )
    series = _cell_series(tables, triangle, specs, options, progress)
    cells = _run(specs, series, triangle, options, progress)
    result = _decided(triangle, options, cells, notes)
    result.origins = [
        {
            "origin": origin,
            **_origin_row(counts, origin),
            **tally(
                [c for c in cells if c.spec.origin == origin], options.expect, options.alpha
            ).to_dict(),
        }
        for origin in dict.fromkeys(c.spec.origin for c in cells)
    ]
    result.provenance = {
        "series": {c.spec.label: series[c.spec].provenance for c in cells},
        "files": store_files(tables),
    }
    return result


def triangle_test(
    frame: pd.DataFrame,
    dependent: str | Dyad,
    driver: str | Dyad,
    freq: str,
    options: DependenceOptions | None = None,
    covered: pd.Series | None = None,
    exog: pd.DataFrame | None = None,
    measure: str = "goldstein",
) -> DependenceResult:
    """The same test on series an analyst already has: `frame` has one row per period and a
    column per directed dyad (`RUS→IRN`, or `RUS-IRN`), the six of the triangle or some of them;
    `covered` marks the periods the data cover (all by default), `exog` holds dummies to
    control for. One cell, so the grid's agreement is that of this one test."""
    options = replace(options or DependenceOptions(), freqs=(freq,), measures=(measure,))
    triangle = Triangle(_dyad(dependent, "dependent"), _dyad(driver, "driver"))
    renamed = frame.rename(columns=lambda c: str(Dyad.parse(str(c)).label))
    data = CellSeries(
        frame=renamed,
        covered=covered if covered is not None else pd.Series(True, index=frame.index),
        exog=exog if exog is not None else pd.DataFrame(index=frame.index),
        provenance="series given by the caller",
    )
    spec = CellSpec(freq, measure, origin="given")
    cells = _run([spec], {spec: data}, triangle, options)
    return _decided(triangle, options, cells, [])


def _dyad(value: str | Dyad, option: str) -> Dyad:
    return value if isinstance(value, Dyad) else Dyad.parse(value, option)


def _run(
    specs: list[CellSpec],
    series: dict[CellSpec, CellSeries],
    triangle: Triangle,
    options: DependenceOptions,
    progress: Progress | None = None,
) -> list[CellResult]:
    """Every cell's test, each with its own random stream (so a cell's numbers do not depend
    on which other cells ran)."""
    streams = np.random.SeedSequence(options.seed).spawn(len(specs))
    cells = []
    for done, (spec, stream) in enumerate(zip(specs, streams, strict=True)):
        if progress:
            progress(f"testing {spec.label}", done, len(specs))
        cells.append(
            cell_test(
                spec,
                series[spec],
                triangle,
                options.settings,
                np.random.default_rng(stream),
                directional=polarity(spec.measure) != 0,
            )
        )
    return cells


def _decided(
    triangle: Triangle, options: DependenceOptions, cells: list[CellResult], notes: list[str]
) -> DependenceResult:
    adjust(cells)
    by_origin: dict[str, list[CellResult]] = {}
    for cell in cells:
        by_origin.setdefault(cell.spec.origin, []).append(cell)
    event_origins = {o: c for o, c in by_origin.items() if o not in (RECORDS, POOLED)}
    verdict = decide(
        cells,
        options.settings,
        _words(triangle),
        event_origins if len(event_origins) > 1 else None,
    )
    return DependenceResult(
        triangle=triangle,
        options=options,
        verdict=verdict.verdict,
        reason=verdict.reason,
        tally=verdict.tally,
        cells=cells,
        notes=notes,
    )


def _origin_counts(
    tables: dict[str, ir.Table], triangle: Triangle, event_measures: list[str]
) -> pd.DataFrame:
    if not event_measures or "events" not in tables:
        return pd.DataFrame(columns=["origin", "events", "first", "last"])
    return origin_counts(tables["events"], triangle.actors)


def _origins(options: DependenceOptions, counts: pd.DataFrame) -> list[str]:
    """The event sources of the grid: those asked for, else each source with events among the
    three actors (pooled when there is none or one)."""
    if options.origins is not None:
        return list(options.origins)
    found = list(counts.loc[counts["events"] > 0, "origin"])
    return found if len(found) > 1 else found or [POOLED]


def _origin_row(counts: pd.DataFrame, origin: str) -> dict[str, object]:
    rows = counts if origin == POOLED else counts[counts["origin"] == origin]
    if rows.empty:
        return {"events": 0, "first": None, "last": None}
    return {
        "events": int(rows["events"].sum()),
        "first": pd.Timestamp(rows["first"].min()).date().isoformat(),
        "last": pd.Timestamp(rows["last"].max()).date().isoformat(),
    }


def _cell_series(
    tables: dict[str, ir.Table],
    triangle: Triangle,
    specs: list[CellSpec],
    options: DependenceOptions,
    progress: Progress | None = None,
) -> dict[CellSpec, CellSeries]:
    """The series of every cell, asking the measures layer once per (frequency,
    normalisation, de-duplication, source) for all measures at once."""
    groups: dict[tuple[str, str, str, str], list[str]] = {}
    for spec in specs:
        groups.setdefault((spec.freq, spec.normalize, spec.dedup, spec.origin), []).append(
            spec.measure
        )
    out: dict[CellSpec, CellSeries] = {}
    for done, ((freq, norm, dedup, origin), measures) in enumerate(groups.items()):
        if progress:
            progress(f"series by {freq}, {norm}, {dedup}, {origin}", done, len(groups))
        series_options = SeriesOptions(
            freq=freq,
            measures=tuple(measures),
            normalize=norm,
            dedup=dedup,
            scope=options.scope,
            start=options.start,
            end=options.end,
            origins=None if origin in (POOLED, RECORDS) else (origin,),
        )
        panel = store_series(tables, series_options, triangle.actors)
        for measure in measures:
            spec = CellSpec(freq, measure, norm, dedup, origin)
            out[spec] = _cell_data(panel, measure, origin, options, series_options)
    return out


def _cell_data(
    panel: pd.DataFrame,
    measure: str,
    origin: str,
    options: DependenceOptions,
    series_options: SeriesOptions,
) -> CellSeries:
    """One measure of a panel as the cell's frame of directed series, coverage and breaks."""
    labels = panel["source"] + "→" + panel["target"]
    frame = panel.assign(dyad=labels).pivot(index="period", columns="dyad", values=measure)
    by_period = panel.drop_duplicates("period").set_index("period").reindex(frame.index)
    if origin == RECORDS:
        covered = pd.Series(True, index=frame.index)
        exog = pd.DataFrame(index=frame.index)
    else:
        covered = by_period["coverage"] >= options.min_coverage
        names = [b.name for b in BREAKS if origin == POOLED or origin in b.origins]
        exog = by_period[names]
    return CellSeries(frame, covered, exog, _series_command(series_options, measure))


def _series_command(options: SeriesOptions, measure: str) -> str:
    """The `realpolitik series` command that gives the same series."""
    parts = [f"--freq {options.freq}", f"--measure {measure}"]
    if measure in MEASURES:
        parts += [f"--normalize {options.normalize}", f"--dedup {options.dedup}"]
        if options.scope != "all":
            parts.append(f"--scope {options.scope}")
        if options.origins:
            parts.append(f"--origin {','.join(options.origins)}")
    if options.start:
        parts.append(f"--from {options.start.isoformat()}")
    if options.end:
        parts.append(f"--to {options.end.isoformat()}")
    return " ".join(parts)
