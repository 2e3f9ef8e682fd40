"""Charts of directed-dyad time series (the frames of `realpolitik.measures.series`).

One panel per measure on a shared time axis, one line per dyad (`RUS→USA`). Periods for which
the store holds no data at all (`coverage == 0`) are shaded grey and not drawn as values: the
zeros `dyad_panel` fills in there mean "unknown", not "quiet". Known breaks in the event data
(`BREAKS`) that fall inside the plotted range are dashed vertical lines, numbered on the chart
and named, with their dates, in the legend (a label along the line would hide data).

`series_figure_png` draws with matplotlib's Agg renderer (no display); `series_figure_html`
writes a Plotly page with plotly.js inlined, so it opens offline and fetches nothing.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
from pandas.api.types import is_numeric_dtype

from realpolitik.errors import UsageError
from realpolitik.measures.series import BREAKS, MEASURES, split_measure
from realpolitik.output import CHART_KINDS, output_kind

if TYPE_CHECKING:
    import plotly.graph_objects as go
    from matplotlib.figure import Figure

MAX_DYADS = 10
"""More lines than this per panel cannot be told apart (and the palette has ten colours)."""

MARKERS_UP_TO = 120
"""Draw a marker at each period when a dyad has at most this many (isolated values show)."""

BARS_UP_TO = 3
"""Draw labelled bars instead of lines when the series has at most this many periods: a line
through one or two points says nothing (a two-day sample gives one monthly period)."""

PNG_SIZE = (16.0, 9.0)
PNG_DPI = 100

# matplotlib's tab10: distinct, colour-blind-tolerant, the same in both renderings
COLORS = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
)
NO_DATA_COLOR = "#d9d9d9"
BREAK_COLOR = "#555555"
NO_DATA_LABEL = "no data in the store (coverage 0)"
NOTE = (
    "Grey bands: periods for which the store has no data at all (coverage 0) — unknown, not "
    "zero activity; no values are drawn there. Numbered dashed lines: known breaks in the event "
    "data (see the legend)."
)

DESCRIPTIONS = {
    "count": "events",
    "goldstein": "net Goldstein sum (cooperation − conflict)",
    "goldstein_pos": "cooperative part of the Goldstein sum",
    "goldstein_neg": "conflictual part of the Goldstein sum (positive)",
    "goldstein_mean": "mean Goldstein value per event",
    "quad1": "verbal cooperation (quad class 1)",
    "quad2": "material cooperation (quad class 2)",
    "quad3": "verbal conflict (quad class 3)",
    "quad4": "material conflict (quad class 4)",
    "quad_net": "cooperation − conflict (quad 1 + 2 − 3 − 4)",
}
WEIGHTING_NOTES = {
    "": "",
    "_articles": ", weighted by articles",
    "_mentions": ", weighted by ln(1 + mentions)",
}
BREAK_LABELS = {
    "break_gdelt1_daily": ("GDELT 1.0 daily files", None),
    "break_gdelt2": ("GDELT 2.0 starts", None),
    "break_icews_gap": ("ICEWS pauses", "ICEWS resumes"),
    "break_icews_end": ("ICEWS ends", None),
}
"""Short labels for the start (and end, for a gap) of each break in `BREAKS`."""


@dataclass(frozen=True)
class _Line:
    """One dyad's series: its legend label, colour and rows (values blanked where uncovered)."""

    label: str
    color: str
    rows: pd.DataFrame


@dataclass(frozen=True)
class _BreakMark:
    """A break drawn as a dashed line, numbered on the chart and named in the legend."""

    number: int
    when: pd.Timestamp
    label: str
    meaning: str

    @property
    def legend(self) -> str:
        return f"{self.number}: {self.when:%Y-%m-%d} {self.label}"


@dataclass(frozen=True)
class _Chart:
    """What both renderings draw, worked out once from the frame."""

    measures: list[str]
    lines: list[_Line]
    gaps: list[tuple[pd.Timestamp, pd.Timestamp]]
    breaks: list[_BreakMark]
    start: pd.Timestamp
    end: pd.Timestamp
    n_periods: int
    has_coverage: bool


def describe(measure: str) -> str:
    """A short description of a measure column: `quad4_articles` → `material conflict …`."""
    base, weighting = split_measure(measure)
    return DESCRIPTIONS.get(base, base) + WEIGHTING_NOTES.get(weighting, "")


def series_figure_png(
    frame: pd.DataFrame, path: Path, title: str, measures: list[str] | None = None
) -> Path:
    """Write the series as a PNG of about 1600×900 px (taller with more than three measures)."""
    path = _target(path)
    figure = _png_figure(_prepare(frame, measures), title)
    figure.savefig(path, dpi=PNG_DPI, format="png", facecolor="white")
    return path


def series_figure_html(
    frame: pd.DataFrame, path: Path, title: str, measures: list[str] | None = None
) -> Path:
    """Write the series as a self-contained interactive HTML page (plotly.js inlined)."""
    path = _target(path)
    figure = _html_figure(_prepare(frame, measures), title)
    page = figure.to_html(
        include_plotlyjs=True,
        full_html=True,
        config={"displaylogo": False, "responsive": True},
    )
    page = page.replace("<head>", f"<head><title>{html.escape(title)}</title>", 1)
    path.write_text(page, encoding="utf-8")
    return path


def write_series_chart(
    frame: pd.DataFrame, path: Path, title: str, measures: list[str] | None = None
) -> Path:
    """Write a PNG or HTML chart of the series, chosen by the file's suffix."""
    path = Path(path)
    writers = {".png": series_figure_png, ".html": series_figure_html}
    suffix = output_kind(path, CHART_KINDS, "--plot")
    return writers[suffix](frame, path, title, measures)


def _target(path: Path | str) -> Path:
    path = Path(path)
    if not path.parent.is_dir():
        raise UsageError(f"{path.parent}: no such folder for the chart")
    return path


def _prepare(frame: pd.DataFrame, measures: list[str] | None) -> _Chart:
    """Check the frame and work out lines, coverage gaps and breaks in the plotted range."""
    missing = [c for c in ("source", "target", "period") if c not in frame.columns]
    if missing:
        raise ValueError(f"not a dyad series: no column(s) {', '.join(missing)}")
    present = [c for c in frame.columns if c in MEASURES]
    if measures is None:
        measures = present
    elif unknown := [
        m for m in measures if m not in frame.columns or not is_numeric_dtype(frame[m])
    ]:
        have = ", ".join(present) or "none"
        raise UsageError(
            f"cannot plot {', '.join(unknown)}: not a measure column of the series (it has {have})"
        )
    if not measures:
        raise UsageError("nothing to plot: the series has no measure columns")
    if frame.empty:
        raise UsageError("nothing to plot: the series has no rows")

    data = frame.assign(period=pd.to_datetime(frame["period"])).sort_values(
        ["source", "target", "period"]
    )
    data[list(measures)] = data[list(measures)].astype(float)
    has_coverage = "coverage" in data.columns
    if has_coverage:
        uncovered = data["coverage"] == 0
        data.loc[uncovered, list(measures)] = float("nan")

    dyads = list(data.groupby(["source", "target"], sort=True))
    if len(dyads) > MAX_DYADS:
        raise UsageError(
            f"{len(dyads)} dyads are too many lines to read in one chart; plot at most "
            f"{MAX_DYADS} (fewer actors)"
        )
    lines = [
        _Line(f"{source}→{target}", COLORS[i % len(COLORS)], rows.reset_index(drop=True))
        for i, ((source, target), rows) in enumerate(dyads)
    ]

    periods = pd.DatetimeIndex(sorted(data["period"].unique()))
    step = _period_step(periods)
    start, end = periods[0], periods[-1] + step

    gaps: list[tuple[pd.Timestamp, pd.Timestamp]] = []
    if has_coverage:
        # coverage belongs to the period (the whole store), so a period is a gap when no
        # dyad has any; a missing coverage (NaN) is not taken for a gap
        by_period = data.groupby("period")["coverage"].max()
        for period in by_period.index[by_period == 0]:
            if gaps and gaps[-1][1] >= period:
                gaps[-1] = (gaps[-1][0], period + step)
            else:
                gaps.append((period, period + step))

    breaks: list[_BreakMark] = []
    for brk in BREAKS:
        first, last = BREAK_LABELS.get(brk.name, (brk.meaning, None))
        for when, label in ((brk.start, first), (brk.end, last or f"end: {first}")):
            if when is not None and start < pd.Timestamp(when) < end:
                breaks.append(_BreakMark(len(breaks) + 1, pd.Timestamp(when), label, brk.meaning))

    return _Chart(
        measures=list(measures),
        lines=lines,
        gaps=gaps,
        breaks=breaks,
        start=start,
        end=end,
        n_periods=len(periods),
        has_coverage=has_coverage,
    )


def _period_step(periods: pd.DatetimeIndex) -> pd.DateOffset | pd.Timedelta:
    """The length of one period, from the period starts (monthly, weekly, …)."""
    if len(periods) >= 3 and (freq := pd.DatetimeIndex(periods, freq="infer").freq):
        return freq
    if len(periods) >= 2:
        shortest = periods.to_series().diff().min()
        for days, offset in ((365, pd.DateOffset(years=1)), (89, pd.DateOffset(months=3))):
            if shortest >= pd.Timedelta(days=days):
                return offset
        if shortest >= pd.Timedelta(days=28):
            return pd.DateOffset(months=1)
        return shortest
    return pd.DateOffset(months=1) if periods[0].day == 1 else pd.Timedelta(days=1)


def _nonnegative(chart: _Chart, measure: str) -> bool:
    """Whether no dyad has a negative value of the measure (its axis then starts at zero)."""
    return not any((line.rows[measure] < 0).any() for line in chart.lines)


def _tick(value: float, _position: object = None) -> str:
    """Tick labels without scientific notation: 12,000 · 2.5 · −0.25."""
    text = f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.4g}"
    return text.replace("-", "−")


def _png_figure(chart: _Chart, title: str) -> Figure:
    from matplotlib import dates as mdates
    from matplotlib import ticker
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.transforms import blended_transform_factory

    n = len(chart.measures)
    width, height = PNG_SIZE
    height = max(height, 1.4 + 2.1 * n)
    figure = Figure(figsize=(width, height), dpi=PNG_DPI)
    FigureCanvasAgg(figure)  # the Agg renderer: no display, no global pyplot state
    axes = figure.subplots(n, 1, sharex=True, squeeze=False)[:, 0]
    markers = chart.n_periods <= MARKERS_UP_TO

    for ax, measure in zip(axes, chart.measures, strict=True):
        for gap_start, gap_end in chart.gaps:
            ax.axvspan(gap_start, gap_end, color=NO_DATA_COLOR, linewidth=0, zorder=0)
        for mark in chart.breaks:
            ax.axvline(mark.when, color=BREAK_COLOR, linestyle="--", linewidth=1.3, zorder=1)
        for j, line in enumerate(chart.lines):
            if chart.n_periods <= BARS_UP_TO:
                _bars(ax, chart, j, line, measure)
                continue
            ax.plot(
                line.rows["period"],
                line.rows[measure],
                color=line.color,
                linewidth=2.0,
                marker="o" if markers else None,
                markersize=3.5,
                label=line.label,
                zorder=3,
            )
        if _nonnegative(chart, measure):
            ax.set_ylim(bottom=0)  # levels of a non-negative measure are read from zero
        low, high = ax.get_ylim()
        if low < 0 < high:
            ax.axhline(0, color="#888888", linewidth=0.8, zorder=2)
        ax.set_ylabel(measure, fontsize=12)
        ax.set_title(describe(measure), loc="left", fontsize=11, color="#333333")
        ax.yaxis.set_major_formatter(ticker.FuncFormatter(_tick))
        ax.yaxis.set_major_locator(ticker.MaxNLocator(nbins=5))
        ax.grid(axis="y", color="#e6e6e6", linewidth=0.8)
        ax.grid(axis="x", color="#f0f0f0", linewidth=0.8)
        ax.set_axisbelow(True)
        ax.tick_params(labelsize=11)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)

    if chart.n_periods <= BARS_UP_TO:
        periods = sorted({p for line in chart.lines for p in line.rows["period"]})
        axes[-1].set_xticks(
            [mdates.date2num(p) + _period_days(chart) / 2 for p in periods],
            [_period_label(p, periods) for p in periods],
        )
    else:
        locator = mdates.AutoDateLocator(minticks=5, maxticks=14)
        axes[-1].xaxis.set_major_locator(locator)
        axes[-1].xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    axes[-1].set_xlim(chart.start, chart.end)

    top = axes[0]
    on_top = blended_transform_factory(top.transData, top.transAxes)
    for mark in chart.breaks:
        # a small number by the line (a full label would hide data); the legend names it
        top.annotate(
            str(mark.number),
            (mdates.date2num(mark.when), 1.0),
            xycoords=on_top,
            xytext=(4, -3),
            textcoords="offset points",
            ha="left",
            va="top",
            fontsize=10,
            fontweight="bold",
            color=BREAK_COLOR,
            bbox={"boxstyle": "circle,pad=0.2", "facecolor": "white", "edgecolor": BREAK_COLOR},
            zorder=4,
        )
    handles = [
        Patch(facecolor=line.color, label=line.label)
        if chart.n_periods <= BARS_UP_TO
        else Line2D([], [], color=line.color, linewidth=2.5, label=line.label)
        for line in chart.lines
    ]
    if chart.gaps:
        handles.append(Patch(facecolor=NO_DATA_COLOR, label=NO_DATA_LABEL))
    handles += [
        Line2D([], [], color=BREAK_COLOR, linestyle="--", linewidth=1.3, label=mark.legend)
        for mark in chart.breaks
    ]
    top.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=11
    )

    figure.suptitle(title.replace("$", r"\$"), fontsize=16, fontweight="bold", x=0.01, ha="left")
    if chart.gaps or chart.breaks:
        figure.text(0.01, 0.012, NOTE, fontsize=10, color="#444444", ha="left", va="bottom")
    figure.tight_layout(rect=(0, 0.35 / height, 1, 1))
    return figure


def _bars(ax: object, chart: _Chart, j: int, line: _Line, measure: str) -> None:
    """Line `j`'s values as bars side by side within each period, each with its value."""
    from matplotlib import dates as mdates

    span = _period_days(chart)
    width = span * 0.8 / len(chart.lines)
    x = mdates.date2num(line.rows["period"]) + span * 0.1 + width * (j + 0.5)
    values = line.rows[measure].fillna(0.0)
    bars = ax.bar(x, values, width=width, color=line.color, label=line.label, zorder=3)
    ax.bar_label(bars, labels=[_tick(v) for v in values], fontsize=11, padding=3)


def _period_days(chart: _Chart) -> float:
    """The length of one period of the chart, in days."""
    return (chart.end - chart.start).total_seconds() / 86400 / chart.n_periods


def _period_label(period: pd.Timestamp, periods: list[pd.Timestamp]) -> str:
    """A period's name: the year, the month, or the day, whichever the periods need."""
    if all(p.month == 1 and p.day == 1 for p in periods):
        return f"{period:%Y}"
    if all(p.day == 1 for p in periods):
        return f"{period:%b %Y}"
    return f"{period:%Y-%m-%d}"


def _html_figure(chart: _Chart, title: str) -> go.Figure:
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    n = len(chart.measures)
    figure = make_subplots(
        rows=n,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=min(0.08, 0.3 / n),
        subplot_titles=[f"<b>{m}</b> — {describe(m)}" for m in chart.measures],
    )
    for subplot_title in figure.layout.annotations:  # left-aligned, as in the PNG
        subplot_title.update(x=0, xanchor="left", font={"size": 14})
    mode = "lines+markers" if chart.n_periods <= MARKERS_UP_TO else "lines"
    bars = chart.n_periods <= BARS_UP_TO
    for row, measure in enumerate(chart.measures, start=1):
        for line in chart.lines:
            rows = line.rows
            hover = f"<b>{line.label}</b><br>period from %{{x|%Y-%m-%d}}<br>{measure}: %{{y:,.4~g}}"
            if chart.has_coverage:
                hover += "<br>coverage: %{customdata:.0%}"
            common = {
                # plain lists, not numpy arrays: plotly would store those base64-encoded
                "x": rows["period"].dt.strftime("%Y-%m-%d").tolist(),
                "y": _plain(rows[measure]),
                "customdata": _plain(rows["coverage"]) if chart.has_coverage else None,
                "name": line.label,
                "legendgroup": line.label,
                "showlegend": row == 1,
                "hovertemplate": hover + "<extra></extra>",
            }
            trace = (
                go.Bar(**common, marker={"color": line.color}, texttemplate="%{y:,.4~g}")
                if bars
                else go.Scatter(
                    **common,
                    mode=mode,
                    line={"color": line.color, "width": 2},
                    marker={"size": 5},
                    connectgaps=False,
                )
            )
            figure.add_trace(trace, row=row, col=1)
        rangemode = "tozero" if _nonnegative(chart, measure) else "normal"
        figure.update_yaxes(title_text=measure, rangemode=rangemode, row=row, col=1)

    # shapes per panel (not across the whole page) keep the panel titles clear
    for row in range(1, n + 1):
        axis = "" if row == 1 else str(row)
        first = row == 1
        for i, (gap_start, gap_end) in enumerate(chart.gaps):
            figure.add_shape(
                type="rect",
                xref=f"x{axis}",
                yref=f"y{axis} domain",
                x0=gap_start,
                x1=gap_end,
                y0=0,
                y1=1,
                fillcolor=NO_DATA_COLOR,
                line_width=0,
                layer="below",
                name=NO_DATA_LABEL,
                legendgroup="no data",
                showlegend=first and i == 0,
            )
        for mark in chart.breaks:
            figure.add_shape(
                type="line",
                xref=f"x{axis}",
                yref=f"y{axis} domain",
                x0=mark.when,
                x1=mark.when,
                y0=0,
                y1=1,
                line={"color": BREAK_COLOR, "width": 1.3, "dash": "dash"},
                name=mark.legend,
                legendgroup=f"break {mark.number}",
                showlegend=first,
            )
    for mark in chart.breaks:
        figure.add_annotation(
            x=mark.when,
            xref="x",
            y=1,
            yref="y domain",
            text=f"<b>{mark.number}</b>",
            hovertext=f"{mark.legend} — {html.escape(mark.meaning)}",
            xanchor="left",
            yanchor="top",
            xshift=3,
            showarrow=False,
            font={"size": 12, "color": BREAK_COLOR},
            bgcolor="white",
            bordercolor=BREAK_COLOR,
            borderwidth=1,
            borderpad=2,
        )
    figure.add_annotation(
        text=NOTE,
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-40,
        showarrow=False,
        align="left",
        font={"size": 12, "color": "#444444"},
    )
    figure.update_xaxes(range=[chart.start, chart.end], showgrid=True)
    figure.update_layout(
        title={"text": f"<b>{html.escape(title)}</b>", "x": 0.01, "font": {"size": 20}},
        template="plotly_white",
        height=max(600, 140 + 260 * n),
        margin={"l": 80, "r": 40, "t": 90, "b": 90},
        hovermode="closest",
        legend={"font": {"size": 13}},
    )
    return figure


def _plain(values: pd.Series) -> list[float | None]:
    """JSON-ready values: floats, with None for missing ones."""
    return [None if pd.isna(v) else float(v) for v in values]
