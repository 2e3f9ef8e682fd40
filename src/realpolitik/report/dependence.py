"""Charts of a dependence test (`realpolitik.analysis.dependence.DependenceResult`), drawn by
`realpolitik depends --plot FILE.png|.html`.

One figure: a headline with the verdict (in words and colour) and its reason; the primary
cell's dependent and driver series in their own units, the modelled sample shaded and periods
without data left as gaps; the dependent's response to a one-standard-deviation driver shock
under both Cholesky orderings, with bootstrap bands and the horizon marked; and the robustness
grid, one row per cell, as −log10 of the Benjamini–Hochberg q-values both ways against the
threshold −log10 α, with the sign of the significant cells. A panel with nothing to draw (no
cell could be tested, counts have no direction) says why instead.

The PNG is drawn with matplotlib's Agg renderer (no display); the HTML page is Plotly with
plotly.js inlined, so it opens offline and fetches nothing. Colours, paths and number formats
come from `realpolitik.report.charts`, so both kinds of chart look alike. `series_figure` and
`response_figure` give the HTML page's upper panels one at a time, as Plotly figures, for the
claims report (`realpolitik.report.html`), which shows them apart.
"""

from __future__ import annotations

import html
import math
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from realpolitik.analysis.cell import BAND_LEVEL, ORDERINGS, CellResult, ImpulseResponse
from realpolitik.analysis.verdict import PERIOD_WORDS
from realpolitik.output import CHART_KINDS, output_kind
from realpolitik.report.charts import (
    BREAK_COLOR,
    COLORS,
    MARKERS_UP_TO,
    NO_DATA_COLOR,
    PNG_DPI,
    PNG_SIZE,
    _period_step,
    _plain,
    _target,
    _tick,
    describe,
)

if TYPE_CHECKING:
    import plotly.graph_objects as go
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from realpolitik.analysis.dependence import DependenceResult

PNG_MIN_HEIGHT = 10.0
"""Inches; the PNG is PNG_SIZE[0] inches wide and grows taller with the number of cells."""
ROW_INCHES = 0.3
"""Height of one cell's row in the PNG's robustness grid (two bars and a readable label)."""
ROW_PIXELS = 26
"""The same in the HTML page."""
HTML_PANEL = 340
"""Height of the series and the impulse-response plots in the HTML page, in pixels."""
HTML_LEGEND_ROOM = 110
"""Pixels above each plot of the HTML page for the panel's title and legend."""
HTML_TITLE_WIDTH = 110
"""Characters per line of a panel title or note in the HTML page (Plotly does not wrap)."""
REASON_WIDTH = {"png": 165, "html": 140}
"""Characters per line of the reason in the headline (it can run to ~300 characters)."""
NOTE_WIDTH = 80
"""Characters per line of a note drawn instead of a panel."""
MIN_GRID_ROWS = 8
"""The grid's axis holds at least this many rows, so a grid of one cell has no giant bars."""

# the PNG's layout, in inches
MARGIN = 0.35
AXIS_ROOM = 1.0
"""Left of the left column's plots: tick labels and the axis title."""
LEGEND_ROOM = 1.15
"""Above each left plot: the panel's title (up to two lines) and a legend of two rows."""
TICKS_ROOM = 0.45
AXIS_TITLE_ROOM = 0.75
LEFT_COLUMN_END = 8.8
MIN_LEFT_COLUMN_END = 6.0
COLUMN_GAP = 0.5
MIN_BAR_WIDTH = 3.4
"""The grid's bars get at least this much width; long cell labels narrow the left column."""
GRID_LEGEND_ROOM = 1.4
"""Above the grid: its title (up to two lines) and a legend of three rows."""
GRID_NOTE_ROOM = 1.25
"""Below the grid: tick labels, the axis title and the note on the sign marks."""
TITLE_CHAR_INCHES = 0.11
NOTE_CHAR_INCHES = 0.085
"""Roughly the width of a character of a panel title (12.5 pt bold) and of a note (10.5 pt)."""

VERDICT_COLORS = {
    "supported": COLORS[2],
    "contradicted": COLORS[1],
    "inconclusive": "#a86b00",  # dark amber: neither green nor red, readable on white
}
DEPENDENT_COLOR = COLORS[0]
DRIVER_COLOR = COLORS[3]
ORDERING_COLORS = dict(zip(ORDERINGS, (COLORS[4], COLORS[9]), strict=True))
ORDERING_NAMES = {"driver_first": "driver first", "driver_last": "driver last"}
FORWARD_COLOR = COLORS[0]
REVERSE_COLOR = COLORS[7]
UNTESTED_COLOR = "#999999"
SAMPLE_COLOR = "#dce9f5"
ZERO_COLOR = "#888888"
NOTE_COLOR = "#444444"
BAND_OPACITY = 0.18

Q_FLOOR = 1e-12
"""q-values below this are drawn as this (−log10 q = 12): the bar would otherwise be endless."""
SIGN_MARKS = {1: "+", -1: "−", 0: "?", None: "·"}
SIGN_NOTE = (
    "Marks by significant cells: + or − the direction of the response (both orderings' bands "
    "agree), ? bands include zero or disagree, · no direction (counts, or an unstable model)."
)
STRENGTH_LABEL = "−log10 q (higher: stronger evidence)"
NO_DATA_LABEL = "no data for either series (unknown, not zero)"


@dataclass(frozen=True)
class _Series:
    """One of the two plotted series, in the measure's own units (NaN where no data)."""

    label: str
    color: str
    values: pd.Series


@dataclass(frozen=True)
class _SeriesPanel:
    """The primary cell's dependent and driver series, the modelled sample and the gaps."""

    title: str
    unit: str
    lines: list[_Series]
    start: pd.Timestamp
    end: pd.Timestamp
    sample: tuple[pd.Timestamp, pd.Timestamp] | None
    sample_label: str
    gaps: list[tuple[pd.Timestamp, pd.Timestamp]]


@dataclass(frozen=True)
class _ResponsePanel:
    """One cell's impulse responses under both orderings."""

    title: str
    responses: list[ImpulseResponse]
    dependent: str
    driver: str
    periods: str


@dataclass(frozen=True)
class _GridRow:
    """One cell of the robustness grid: −log10 q both ways (None when it was not tested)."""

    label: str
    forward: float | None
    reverse: float | None
    mark: str
    hover: str

    @property
    def tested(self) -> bool:
        return self.forward is not None


@dataclass(frozen=True)
class _Chart:
    """What both renderings draw, worked out once from the result."""

    verdict: str
    color: str
    question: str
    reason: str
    series: _SeriesPanel | str
    response: _ResponsePanel | str
    rows: list[_GridRow]
    grid_title: str
    forward_label: str
    reverse_label: str
    alpha: float
    horizon: int

    @property
    def headline(self) -> str:
        return f"{self.verdict.upper()}: {self.question}"

    @property
    def threshold(self) -> float:
        """−log10 α: a bar that reaches it is significant."""
        return -math.log10(self.alpha)

    @property
    def threshold_label(self) -> str:
        return f"q = α = {self.alpha:g} (−log10 α = {self.threshold:.2f})"

    @property
    def strength_limit(self) -> float:
        """The right end of the grid's axis: the longest bar or the threshold, with room."""
        longest = [v for row in self.rows for v in (row.forward, row.reverse) if v is not None]
        return max([self.threshold, *longest]) * 1.12 + 0.3


def dependence_figure_png(result: DependenceResult, path: Path | str) -> Path:
    """Write the chart as a PNG PNG_SIZE[0] inches wide at PNG_DPI, taller with many cells."""
    path = _target(path)
    figure = _png_figure(_prepare(result))
    figure.savefig(path, dpi=PNG_DPI, format="png", facecolor="white")
    return path


def dependence_figure_html(result: DependenceResult, path: Path | str) -> Path:
    """Write the chart as a self-contained interactive HTML page (plotly.js inlined)."""
    path = _target(path)
    chart = _prepare(result)
    page = _html_figure(chart).to_html(
        include_plotlyjs=True,
        full_html=True,
        config={"displaylogo": False, "responsive": True},
    )
    page = page.replace("<head>", f"<head><title>{html.escape(chart.headline)}</title>", 1)
    path.write_text(page, encoding="utf-8")
    return path


def write_dependence_chart(result: DependenceResult, path: Path | str) -> Path:
    """Write a PNG or HTML chart of the dependence test, chosen by the file's suffix."""
    path = Path(path)
    writers = {".png": dependence_figure_png, ".html": dependence_figure_html}
    suffix = output_kind(path, CHART_KINDS, "--plot")
    return writers[suffix](result, path)


def series_figure(result: DependenceResult) -> go.Figure | str:
    """The primary cell's dependent and driver series alone, as the page's upper panel draws
    them (modelled sample shaded, gaps left open), for a page that shows the panels apart; or
    the note saying why there is nothing to draw."""
    from plotly.subplots import make_subplots

    panel = _series_panel(result)
    if isinstance(panel, str):
        return panel
    figure = make_subplots(rows=1, cols=1)
    _html_series(figure, panel)
    figure.update_layout(template="plotly_white", hovermode="closest")
    return figure


def response_figure(result: DependenceResult) -> go.Figure | str:
    """The impulse responses of the first cell that has them, under both orderings with their
    bands, as the page's middle panel draws them; or the note saying why there are none."""
    from plotly.subplots import make_subplots

    panel = _response_panel(result)
    if isinstance(panel, str):
        return panel
    figure = make_subplots(rows=1, cols=1)
    _html_response(figure, panel, result.options.horizon, row=1, legend="legend")
    figure.update_layout(template="plotly_white", hovermode="closest")
    return figure


def _prepare(result: DependenceResult) -> _Chart:
    """Work out the headline, the two upper panels (or the notes that replace them) and the
    grid's rows."""
    dependent, driver = result.triangle.dependent, result.triangle.driver
    return _Chart(
        verdict=result.verdict,
        color=VERDICT_COLORS.get(result.verdict, REVERSE_COLOR),
        question=(
            f"Does {dependent.label} depend on {driver.relation}? "
            f"(expected: {result.options.expect})"
        ),
        reason=result.reason,
        series=_series_panel(result),
        response=_response_panel(result),
        rows=[_grid_row(cell, result.options.alpha) for cell in result.cells],
        grid_title=(
            f"Robustness grid: {len(result.cells)} cell{'' if len(result.cells) == 1 else 's'}, "
            "q-values adjusted across the grid (Benjamini–Hochberg)"
        ),
        forward_label=f"{driver.relation} → {dependent.relation}",
        reverse_label=f"{dependent.relation} → {driver.relation}",
        alpha=result.options.alpha,
        horizon=result.options.horizon,
    )


def _series_panel(result: DependenceResult) -> _SeriesPanel | str:
    """The primary cell's dependent and driver series, or a note saying why there are none."""
    cell = result.primary
    named = (
        (result.triangle.dependent.label, "dependent", DEPENDENT_COLOR),
        (result.triangle.driver.label, "driver", DRIVER_COLOR),
    )
    values = cell.values if cell.values is not None else pd.DataFrame()
    present = [name for name, _, _ in named if name in values and values[name].notna().any()]
    if not present:
        both = " or ".join(name for name, _, _ in named)
        return f"No series to draw: {cell.spec.label} has no {both} data."
    frame = values[present].astype(float).set_axis(pd.DatetimeIndex(values.index)).sort_index()
    step = _period_step(frame.index)
    sample = None
    sample_label = ""
    if cell.sample:
        first, last = (pd.Timestamp(day) for day in cell.sample)
        sample = (first, last + step)
        sample_label = f"sample, {cell.sample[0]} to {cell.sample[1]}"
        sample_label = f"modelled {sample_label}" if cell.ok else f"{sample_label} (not modelled)"
    unit = cell.spec.measure
    if cell.spec.normalize != "none":
        unit += f" / {cell.spec.normalize}"
    return _SeriesPanel(
        title=f"Series of {cell.spec.label}: {describe(cell.spec.measure)}",
        unit=unit,
        lines=[
            _Series(f"{name} ({role})", color, frame[name])
            for name, role, color in named
            if name in present
        ],
        start=frame.index[0],
        end=frame.index[-1] + step,
        sample=sample,
        sample_label=sample_label,
        gaps=_runs(frame.isna().all(axis=1), step),
    )


def _runs(
    missing: pd.Series, step: pd.DateOffset | pd.Timedelta
) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """Consecutive periods flagged in `missing` as (start, end) spans, one per run."""
    spans: list[tuple[pd.Timestamp, pd.Timestamp]] = []
    for period in missing.index[missing.to_numpy(bool)]:
        if spans and spans[-1][1] >= period:
            spans[-1] = (spans[-1][0], period + step)
        else:
            spans.append((period, period + step))
    return spans


def _response_panel(result: DependenceResult) -> _ResponsePanel | str:
    """The impulse responses of the first cell that has them, or a note saying why none has."""
    cell = next((c for c in result.cells if c.irf), None)
    if cell is None:
        return "No impulse responses in any cell. " + _why_no_response(result.primary)
    title = f"Impulse response of {cell.spec.label}"
    if cell is not result.primary:
        title += " (first cell with responses; the primary has none)"
    return _ResponsePanel(
        title=title,
        responses=[cell.irf[ordering] for ordering in ORDERINGS if ordering in cell.irf],
        dependent=cell.dependent,
        driver=cell.driver,
        periods=PERIOD_WORDS.get(cell.spec.freq, "years"),
    )


def _why_no_response(cell: CellResult) -> str:
    if not cell.ok:
        return f"{cell.spec.label} could not be tested ({cell.status}: {cell.reason})."
    if cell.stable is False:
        return (
            f"The VAR of {cell.spec.label} is not stable (largest root {cell.max_root:.3f}): "
            "its responses are not interpretable."
        )
    return (
        f"{cell.spec.label} measures {cell.spec.measure}, which says how much happened, not "
        "how warm: its responses have no direction."
    )


def _grid_row(cell: CellResult, alpha: float) -> _GridRow:
    """A cell's row: its label (with the failure, if any), bar lengths and sign mark."""
    if not cell.ok:
        return _GridRow(
            label=f"{cell.spec.label} — {cell.status}",
            forward=None,
            reverse=None,
            mark="",
            hover=f"{cell.spec.label}: not tested ({cell.status}: {cell.reason})",
        )
    power = f", power {cell.power.power:.0%}" if cell.power else ""
    return _GridRow(
        label=cell.spec.label,
        forward=_strength(cell.q_forward),
        reverse=_strength(cell.q_reverse),
        mark=SIGN_MARKS[cell.sign] if cell.q_forward <= alpha else "",
        hover=(
            f"{cell.spec.label}: q → {cell.q_forward:.3g}, q ← {cell.q_reverse:.3g} "
            f"(p → {cell.p_forward:.3g}, p ← {cell.p_reverse:.3g}), VAR({cell.lags}) on "
            f"{cell.nobs} periods{power}"
        ),
    )


def _strength(q: float) -> float:
    """−log10 q, the bar's length."""
    return -math.log10(max(q, Q_FLOOR))


def _cumulative_label(response: ImpulseResponse, horizon: int) -> str:
    """`driver last: sum over 1–3 −0.91 (95% band −1.21 to −0.55)`."""
    return (
        f"{ORDERING_NAMES.get(response.ordering, response.ordering)}: sum over 1–{horizon} "
        f"{_signed(response.cumulative)} ({BAND_LEVEL:.0%} band "
        f"{_signed(response.cumulative_lower)} to {_signed(response.cumulative_upper)})"
    )


def _signed(value: float) -> str:
    return f"{value:+.2f}".replace("-", "−")


def _literal(text: str) -> str:
    """Text for matplotlib, drawn as written (a `$` would start mathtext)."""
    return text.replace("$", r"\$")


# --- PNG ---------------------------------------------------------------------------------


def _png_figure(chart: _Chart) -> Figure:
    """The figure, laid out in inches: the headline across the top, the series and the
    impulse response on the left, the robustness grid (labels, then bars) on the right."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    reason_lines = textwrap.wrap(chart.reason, REASON_WIDTH["png"])
    headline = 0.85 + 0.23 * len(reason_lines)
    rows = len(chart.rows)
    width = PNG_SIZE[0]
    grid_room = MARGIN + GRID_LEGEND_ROOM + GRID_NOTE_ROOM + ROW_INCHES * rows
    height = max(PNG_MIN_HEIGHT, headline + grid_room)
    figure = Figure(figsize=(width, height), dpi=PNG_DPI)
    FigureCanvasAgg(figure)  # the Agg renderer: no display, no global pyplot state
    _png_headline(figure, chart, reason_lines, height)

    label_size = 10 if rows <= 24 else 9
    renderer = figure.canvas.get_renderer()
    font = FontProperties(size=label_size)
    label_width = max(
        renderer.get_text_width_height_descent(row.label, font, ismath=False)[0] / PNG_DPI
        for row in chart.rows
    )
    left_end = min(LEFT_COLUMN_END, width - MARGIN - MIN_BAR_WIDTH - label_width - COLUMN_GAP)
    left_end = max(left_end, MIN_LEFT_COLUMN_END)
    top = height - headline

    def axes(left: float, bottom: float, right: float, upper: float) -> Axes:
        return figure.add_axes(
            (left / width, bottom / height, (right - left) / width, (upper - bottom) / height)
        )

    # left column, top to bottom: legend, series, ticks, legend, response, axis title
    panel = (top - MARGIN - 2 * LEGEND_ROOM - TICKS_ROOM - AXIS_TITLE_ROOM) / 2
    series_bottom = top - LEGEND_ROOM - panel
    response_top = series_bottom - TICKS_ROOM - LEGEND_ROOM
    _png_series(axes(AXIS_ROOM, series_bottom, left_end, series_bottom + panel), chart.series)
    _png_response(
        axes(AXIS_ROOM, response_top - panel, left_end, response_top), chart.response, chart.horizon
    )
    label_left = left_end + COLUMN_GAP
    grid = axes(
        label_left + label_width + 0.1,
        MARGIN + GRID_NOTE_ROOM,
        width - MARGIN,
        top - GRID_LEGEND_ROOM,
    )
    _png_grid(grid, chart, label_size, label_width)
    figure.text(
        label_left / width,
        MARGIN / height,
        textwrap.fill(SIGN_NOTE, int((width - MARGIN - label_left) / NOTE_CHAR_INCHES)),
        fontsize=10.5,
        color=NOTE_COLOR,
        va="bottom",
        ha="left",
    )
    return figure


def _png_headline(figure: Figure, chart: _Chart, reason_lines: list[str], height: float) -> None:
    """The verdict on a coloured label, the question beside it, the reason below."""
    from matplotlib.text import Annotation

    verdict = figure.text(
        0.012,
        1 - 0.3 / height,
        chart.verdict.upper(),
        fontsize=20,
        fontweight="bold",
        color="white",
        va="center",
        ha="left",
        bbox={"boxstyle": "round,pad=0.3", "facecolor": chart.color, "edgecolor": "none"},
    )
    figure.add_artist(
        Annotation(
            _literal(chart.question),
            xy=(1, 0.5),
            xycoords=verdict,
            xytext=(16, 0),
            textcoords="offset points",
            va="center",
            ha="left",
            fontsize=17,
            fontweight="bold",
        )
    )
    figure.text(
        0.012,
        1 - 0.62 / height,
        _literal("\n".join(reason_lines)),
        fontsize=12.5,
        va="top",
        ha="left",
        color="#222222",
        linespacing=1.3,
    )


def _png_note(ax: Axes, note: str) -> None:
    """A note in place of a panel that has nothing to draw."""
    ax.axis("off")
    ax.text(
        0.5,
        0.5,
        _literal(textwrap.fill(note, NOTE_WIDTH)),
        transform=ax.transAxes,
        ha="center",
        va="center",
        fontsize=12,
        color=NOTE_COLOR,
        bbox={"boxstyle": "round,pad=0.8", "facecolor": "#f4f4f4", "edgecolor": "#cccccc"},
    )


def _png_legend_above(
    ax: Axes,
    title: str,
    ncols: int,
    handles: list | None = None,
    reach: float = 0.0,
) -> None:
    """The panel's title (wrapped to the panel's width) and legend above its plot, where they
    hide no data; `reach` inches further left than the plot (over the grid's labels)."""
    inches = ax.get_position().width * ax.figure.get_figwidth()
    ax.legend(
        handles=handles,
        loc="lower left",
        bbox_to_anchor=(-reach / inches, 1.01),
        ncols=ncols,
        frameon=False,
        fontsize=10.5,
        title=_literal(textwrap.fill(title, int((inches + reach) / TITLE_CHAR_INCHES))),
        title_fontproperties={"size": 12.5, "weight": "bold"},
        alignment="left",
        borderaxespad=0,
    )


def _png_style(ax: Axes) -> None:
    ax.grid(axis="y", color="#e6e6e6", linewidth=0.8)
    ax.grid(axis="x", color="#f0f0f0", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.tick_params(labelsize=10.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _png_series(ax: Axes, panel: _SeriesPanel | str) -> None:
    from matplotlib import dates as mdates
    from matplotlib import ticker
    from matplotlib.patches import Patch

    if isinstance(panel, str):
        _png_note(ax, panel)
        return
    for gap_start, gap_end in panel.gaps:
        ax.axvspan(gap_start, gap_end, color=NO_DATA_COLOR, linewidth=0, zorder=0)
    if panel.sample:
        ax.axvspan(*panel.sample, color=SAMPLE_COLOR, linewidth=0, zorder=0)
    markers = len(panel.lines[0].values) <= MARKERS_UP_TO
    handles = [
        ax.plot(
            line.values.index,
            line.values.to_numpy(),
            color=line.color,
            linewidth=1.8,
            marker="o" if markers else None,
            markersize=3,
            label=_literal(line.label),
            zorder=3,
        )[0]
        for line in panel.lines
    ]
    if panel.sample:
        handles.append(Patch(facecolor=SAMPLE_COLOR, label=_literal(panel.sample_label)))
    if panel.gaps:
        handles.append(Patch(facecolor=NO_DATA_COLOR, label=NO_DATA_LABEL))
    _png_legend_above(ax, panel.title, ncols=2, handles=handles)
    low, high = ax.get_ylim()
    if low < 0 < high:
        ax.axhline(0, color=ZERO_COLOR, linewidth=0.8, zorder=2)
    ax.set_xlim(panel.start, panel.end)
    locator = mdates.AutoDateLocator(minticks=5, maxticks=12)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.yaxis.set_major_formatter(ticker.FuncFormatter(_tick))
    ax.set_ylabel(_literal(panel.unit), fontsize=11.5)
    _png_style(ax)


def _png_response(ax: Axes, panel: _ResponsePanel | str, horizon: int) -> None:
    from matplotlib import ticker

    if isinstance(panel, str):
        _png_note(ax, panel)
        return
    for response in panel.responses:
        color = ORDERING_COLORS[response.ordering]
        steps = range(len(response.response))
        ax.fill_between(
            steps, response.lower, response.upper, color=color, alpha=BAND_OPACITY, linewidth=0
        )
        ax.plot(
            steps,
            response.response,
            color=color,
            linewidth=2.0,
            marker="o",
            markersize=4,
            label=_literal(_cumulative_label(response, horizon)),
            zorder=3,
        )
    ax.axhline(0, color=ZERO_COLOR, linewidth=0.9, zorder=2)
    ax.axvline(horizon, color=BREAK_COLOR, linestyle="--", linewidth=1.2, zorder=2)
    ax.annotate(
        f"horizon H = {horizon}",
        xy=(horizon, 1.0),
        xycoords=ax.get_xaxis_transform(),
        xytext=(4, -4),
        textcoords="offset points",
        ha="left",
        va="top",
        fontsize=10.5,
        color=BREAK_COLOR,
    )
    _png_legend_above(ax, panel.title, ncols=1)
    ax.xaxis.set_major_locator(ticker.MaxNLocator(integer=True))
    ax.set_xlabel(
        _literal(f"{panel.periods} after a one-standard-deviation shock to {panel.driver}"),
        fontsize=11.5,
    )
    ax.set_ylabel(_literal(f"response of {panel.dependent} (SD)"), fontsize=11.5)
    _png_style(ax)


def _png_grid(ax: Axes, chart: _Chart, label_size: float, label_width: float) -> None:
    """The grid's bars, one row per cell; `label_width`: the widest label's, in inches."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    rows = chart.rows
    tested = [i for i, row in enumerate(rows) if row.tested]
    handles = []
    for offset, attribute, color, label in (
        (-0.2, "forward", FORWARD_COLOR, chart.forward_label),
        (0.2, "reverse", REVERSE_COLOR, chart.reverse_label),
    ):
        ax.barh(
            [i + offset for i in tested],
            [getattr(rows[i], attribute) for i in tested],
            height=0.38,
            color=color,
            zorder=3,
        )
        handles.append(Patch(facecolor=color, label=_literal(label)))
    ax.axvline(chart.threshold, color=BREAK_COLOR, linestyle="--", linewidth=1.3, zorder=4)
    for i, row in enumerate(rows):
        if not row.tested:
            ax.annotate(
                "not tested",
                xy=(0, i),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=10,
                fontstyle="italic",
                color=UNTESTED_COLOR,
            )
        elif row.mark:
            ax.annotate(
                row.mark,
                xy=(row.forward, i - 0.2),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                fontsize=13,
                fontweight="bold",
                color=FORWARD_COLOR,
            )
    ax.set_yticks(
        range(len(rows)),
        [_literal(row.label) for row in rows],
        fontsize=label_size,
    )
    for tick, row in zip(ax.get_yticklabels(), rows, strict=True):
        if not row.tested:
            tick.set_color(UNTESTED_COLOR)
    ax.set_ylim(max(len(rows), MIN_GRID_ROWS) - 0.5, -0.5)
    ax.set_xlim(0, chart.strength_limit)
    ax.set_xlabel(STRENGTH_LABEL, fontsize=11.5)
    handles.append(Line2D([], [], color=BREAK_COLOR, linestyle="--", label=chart.threshold_label))
    _png_legend_above(ax, chart.grid_title, ncols=1, handles=handles, reach=label_width)
    _png_style(ax)
    ax.grid(axis="y", visible=False)


# --- HTML --------------------------------------------------------------------------------


def _html_figure(chart: _Chart) -> go.Figure:
    """The page's figure: the headline, then the series, the impulse response and the grid
    stacked (a page scrolls), each panel's title and legend above it."""
    from plotly.subplots import make_subplots

    reason_lines = textwrap.wrap(chart.reason, REASON_WIDTH["html"])
    top = 60 + 20 * len(reason_lines) + HTML_LEGEND_ROOM
    grid = ROW_PIXELS * max(len(chart.rows), MIN_GRID_ROWS)
    plot_height = 2 * HTML_PANEL + grid + 2 * HTML_LEGEND_ROOM
    bottom = 140  # the grid's axis title and the note on its marks
    height = top + plot_height + bottom
    figure = make_subplots(
        rows=3,
        cols=1,
        row_heights=[HTML_PANEL, HTML_PANEL, grid],
        vertical_spacing=HTML_LEGEND_ROOM / plot_height,
    )
    _html_series(figure, chart.series)
    _html_response(figure, chart.response, chart.horizon)
    _html_grid(figure, chart)
    for legend, row, panel in (
        ("legend", 1, chart.series),
        ("legend2", 2, chart.response),
    ):
        if not isinstance(panel, str):  # a note has no legend
            _html_legend_above(figure, legend, row, panel.title)
    _html_legend_above(figure, "legend3", 3, chart.grid_title)
    figure.add_annotation(
        text=_html_lines(chart.reason, REASON_WIDTH["html"]),
        xref="paper",
        yref="paper",
        x=0,
        y=1,
        xanchor="left",
        yanchor="bottom",
        yshift=HTML_LEGEND_ROOM - 10,
        align="left",
        showarrow=False,
        font={"size": 15, "color": "#222222"},
    )
    verdict = (
        f'<span style="color:{chart.color}"><b>{html.escape(chart.verdict.upper())}</b></span>'
    )
    figure.update_layout(
        title={
            "text": f"{verdict}   <b>{html.escape(chart.question)}</b>",
            "x": 0.01,
            "xanchor": "left",
            "y": 1 - 22 / height,
            "yanchor": "top",
            "font": {"size": 22},
        },
        template="plotly_white",
        height=height,
        margin={"l": 80, "r": 40, "t": top, "b": bottom},
        hovermode="closest",
        barmode="overlay",
    )
    return figure


def _html_lines(text: str, width: int) -> str:
    """Plain text wrapped to `width` characters, escaped, as Plotly's `<br>`-separated lines."""
    return "<br>".join(html.escape(line) for line in textwrap.wrap(text, width))


def _html_legend_above(figure: go.Figure, legend: str, row: int, title: str) -> None:
    """The panel's title and legend above its plot, where they hide no data."""
    figure.update_layout(
        {
            legend: {
                "title": {"text": f"<b>{_html_lines(title, HTML_TITLE_WIDTH)}</b>", "side": "top"},
                "x": 0,
                "xanchor": "left",
                "y": figure.get_subplot(row, 1).yaxis.domain[1] + 0.004,
                "yanchor": "bottom",
                "orientation": "h",
                "font": {"size": 13},
            }
        }
    )


def _html_note(figure: go.Figure, row: int, note: str) -> None:
    """A note in place of a panel that has nothing to draw."""
    figure.update_xaxes(visible=False, row=row, col=1)
    figure.update_yaxes(visible=False, row=row, col=1)
    axis = "" if row == 1 else str(row)
    figure.add_annotation(
        text=_html_lines(note, HTML_TITLE_WIDTH),
        xref=f"x{axis} domain",
        yref=f"y{axis} domain",
        x=0.5,
        y=0.5,
        showarrow=False,
        align="center",
        font={"size": 15, "color": NOTE_COLOR},
        bgcolor="#f4f4f4",
        bordercolor="#cccccc",
        borderwidth=1,
        borderpad=12,
    )


def _html_series(figure: go.Figure, panel: _SeriesPanel | str) -> None:
    import plotly.graph_objects as go

    if isinstance(panel, str):
        _html_note(figure, 1, panel)
        return
    markers = len(panel.lines[0].values) <= MARKERS_UP_TO
    unit = html.escape(panel.unit)
    for line in panel.lines:
        name = html.escape(line.label)
        figure.add_trace(
            go.Scatter(
                # plain lists, not numpy arrays: plotly would store those base64-encoded
                x=line.values.index.strftime("%Y-%m-%d").tolist(),
                y=_plain(line.values),
                name=name,
                legend="legend",
                mode="lines+markers" if markers else "lines",
                line={"color": line.color, "width": 2},
                marker={"size": 4},
                connectgaps=False,
                hovertemplate=(
                    f"<b>{name}</b><br>period from %{{x|%Y-%m-%d}}<br>{unit}: %{{y:,.4~g}}"
                    "<extra></extra>"
                ),
            ),
            row=1,
            col=1,
        )
    shaded = [(span, NO_DATA_COLOR, NO_DATA_LABEL) for span in panel.gaps]
    if panel.sample:
        shaded.append((panel.sample, SAMPLE_COLOR, panel.sample_label))
    named: set[str] = set()
    for (start, end), color, label in shaded:
        figure.add_shape(
            type="rect",
            xref="x",
            yref="y domain",
            x0=start,
            x1=end,
            y0=0,
            y1=1,
            fillcolor=color,
            line_width=0,
            layer="below",
            name=html.escape(label),
            legend="legend",
            legendgroup=label,
            showlegend=label not in named,
        )
        named.add(label)
    figure.update_xaxes(range=[panel.start, panel.end], row=1, col=1)
    figure.update_yaxes(title_text=unit, row=1, col=1)


def _html_response(
    figure: go.Figure,
    panel: _ResponsePanel | str,
    horizon: int,
    row: int = 2,
    legend: str = "legend2",
) -> None:
    """The responses in subplot `row`, named in `legend`."""
    import plotly.graph_objects as go

    if isinstance(panel, str):
        _html_note(figure, row, panel)
        return
    for response in panel.responses:
        color = ORDERING_COLORS[response.ordering]
        name = html.escape(_cumulative_label(response, horizon))
        steps = list(range(len(response.response)))
        band = {
            "x": steps,
            "mode": "lines",
            "line": {"width": 0},
            "hoverinfo": "skip",
            "showlegend": False,
            "legend": legend,
            "legendgroup": name,
        }
        figure.add_trace(
            go.Scatter(**band, y=response.upper),
            row=row,
            col=1,
        )
        figure.add_trace(
            go.Scatter(
                **band,
                y=response.lower,
                fill="tonexty",
                fillcolor=_rgba(color, BAND_OPACITY),
            ),
            row=row,
            col=1,
        )
        figure.add_trace(
            go.Scatter(
                x=steps,
                y=response.response,
                name=name,
                legend=legend,
                legendgroup=name,
                mode="lines+markers",
                line={"color": color, "width": 2},
                customdata=list(zip(response.lower, response.upper, strict=True)),
                hovertemplate=(
                    f"<b>{html.escape(ORDERING_NAMES.get(response.ordering, ''))}</b><br>"
                    "step %{x}: %{y:+.3f} SD (band %{customdata[0]:+.3f} to "
                    "%{customdata[1]:+.3f})<extra></extra>"
                ),
            ),
            row=row,
            col=1,
        )
    figure.add_hline(y=0, line={"color": ZERO_COLOR, "width": 1}, row=row, col=1)
    figure.add_vline(
        x=horizon,
        line={"color": BREAK_COLOR, "width": 1.3, "dash": "dash"},
        annotation_text=f"horizon H = {horizon}",
        annotation_position="top right",
        annotation_font={"color": BREAK_COLOR, "size": 13},
        row=row,
        col=1,
    )
    figure.update_xaxes(
        title_text=html.escape(
            f"{panel.periods} after a one-standard-deviation shock to {panel.driver}"
        ),
        dtick=1,
        row=row,
        col=1,
    )
    figure.update_yaxes(
        title_text=html.escape(f"response of {panel.dependent} (SD)"), row=row, col=1
    )


def _html_grid(figure: go.Figure, chart: _Chart) -> None:
    import plotly.graph_objects as go

    rows = chart.rows
    tested = [i for i, row in enumerate(rows) if row.tested]
    for offset, attribute, color, label in (
        (-0.2, "forward", FORWARD_COLOR, chart.forward_label),
        (0.2, "reverse", REVERSE_COLOR, chart.reverse_label),
    ):
        figure.add_trace(
            go.Bar(
                orientation="h",
                y=[i + offset for i in tested],
                x=[getattr(rows[i], attribute) for i in tested],
                width=0.38,
                marker={"color": color},
                name=html.escape(label),
                legend="legend3",
                hovertext=[html.escape(rows[i].hover) for i in tested],
                hovertemplate="%{hovertext}<extra></extra>",
            ),
            row=3,
            col=1,
        )
    marked = [i for i in tested if rows[i].mark]
    untested = [i for i, row in enumerate(rows) if not row.tested]
    if marked:
        figure.add_trace(
            go.Scatter(
                x=[rows[i].forward for i in marked],
                y=[i - 0.2 for i in marked],
                text=[rows[i].mark for i in marked],
                mode="text",
                textposition="middle right",
                textfont={"size": 16, "color": FORWARD_COLOR},
                showlegend=False,
                hoverinfo="skip",
            ),
            row=3,
            col=1,
        )
    if untested:
        figure.add_trace(
            go.Scatter(
                x=[0] * len(untested),
                y=untested,
                text=["not tested"] * len(untested),
                mode="text",
                textposition="middle right",
                textfont={"size": 12, "color": UNTESTED_COLOR},
                hovertext=[html.escape(rows[i].hover) for i in untested],
                hovertemplate="%{hovertext}<extra></extra>",
                showlegend=False,
            ),
            row=3,
            col=1,
        )
    figure.add_shape(
        type="line",
        xref="x3",
        yref="y3 domain",
        x0=chart.threshold,
        x1=chart.threshold,
        y0=0,
        y1=1,
        line={"color": BREAK_COLOR, "width": 1.3, "dash": "dash"},
        name=html.escape(chart.threshold_label),
        legend="legend3",
        showlegend=True,
    )
    labels = [
        html.escape(row.label)
        if row.tested
        else f'<span style="color:{UNTESTED_COLOR}">{html.escape(row.label)}</span>'
        for row in rows
    ]
    figure.update_yaxes(
        tickvals=list(range(len(rows))),
        ticktext=labels,
        range=[max(len(rows), MIN_GRID_ROWS) - 0.5, -0.5],
        automargin=True,
        showgrid=False,
        tickfont={"size": 12},
        row=3,
        col=1,
    )
    figure.update_xaxes(range=[0, chart.strength_limit], title_text=STRENGTH_LABEL, row=3, col=1)
    figure.add_annotation(
        text=_html_lines(SIGN_NOTE, HTML_TITLE_WIDTH),
        xref="paper",
        yref="paper",
        x=0,
        y=0,
        xanchor="left",
        yanchor="top",
        yshift=-60,
        showarrow=False,
        align="left",
        font={"size": 13, "color": NOTE_COLOR},
    )


def _rgba(color: str, opacity: float) -> str:
    """`#1f77b4` with an opacity, as CSS `rgba(…)` (Plotly fills take no alpha otherwise)."""
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {opacity})"
