"""The claims report: one HTML file a journalist or analyst can open anywhere, offline, and
share (`realpolitik check --report`, `make demo`).

Top to bottom: the claims files' titles and dates, the store they were checked against and a
one-line tally; the verdict table (every claim, its verdict in words and colour, the reason and
the caveats); one section per claim with what its check found, drawn: for a dependence claim
the triangle of actors, the primary cell's series, the Granger and Toda–Yamamoto tests of every
cell both ways, the impulse responses and the robustness grid; for a delay the timeline of
claimed and recorded milestones over the driver relation's series; for votes, vetoes, events
and arms the rows behind the verdict; for every claim its evidence with provenance, caveats and
the claim as written. Then the methods and caveats in plain words and the store's files with
their sha256.

The page fetches nothing: CSS and plotly.js are inlined (plotly.js once for all the charts),
there is no web font and no link off the page. Every text that came from an input (claims
files, records, the store's ledger) is escaped, in the page and in the charts, whose titles
and hover texts Plotly renders as HTML. The series and response charts are those of
`realpolitik.report.dependence`, and the colours those of `realpolitik.report.charts`. Charts
whose labels must wrap on a phone (the triangle, the robustness grid) are drawn as SVG and HTML.
"""

from __future__ import annotations

import html
import math
import numbers
import re
import textwrap
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import yaml

from realpolitik import __version__
from realpolitik.analysis.cell import BAND_LEVEL, CellResult
from realpolitik.analysis.claims import (
    CheckResult,
    ClaimResult,
    DelayTimeline,
    DocumentCheck,
    Milestone,
)
from realpolitik.analysis.dependence import POOLED, DependenceResult
from realpolitik.analysis.power import POWER_TARGET
from realpolitik.analysis.var import WaldTest
from realpolitik.analysis.verdict import CONTRADICTED, INCONCLUSIVE, PERIOD_WORDS, SUPPORTED
from realpolitik.measures.series import BREAKS, polarity
from realpolitik.report.charts import BREAK_COLOR, BREAK_LABELS, COLORS, _target, describe
from realpolitik.report.dependence import (
    DEPENDENT_COLOR,
    DRIVER_COLOR,
    SAMPLE_COLOR,
    SIGN_MARKS,
    VERDICT_COLORS,
    response_figure,
    series_figure,
)

if TYPE_CHECKING:
    import plotly.graph_objects as go

INK = "#1c2026"
MUTED = "#6b7280"
FAINT = "#9aa0a6"
NOT_CHECKED = "not checked"
"""The report's fourth state beside the three verdicts: a claim whose check could not run."""
VERDICT_WORDS = {
    SUPPORTED: "Supported",
    CONTRADICTED: "Contradicted",
    INCONCLUSIVE: "Inconclusive",
    NOT_CHECKED: "Could not be checked",
}
VERDICT_ICONS = {SUPPORTED: "✓", CONTRADICTED: "✗", INCONCLUSIVE: "?", NOT_CHECKED: "!"}
VERDICT_STYLES = {
    # accent (the charts' verdict colour), text on the tint, tint
    SUPPORTED: (VERDICT_COLORS[SUPPORTED], "#1b5e20", "#e9f5e9"),
    CONTRADICTED: (VERDICT_COLORS[CONTRADICTED], "#a31515", "#fdecec"),
    INCONCLUSIVE: (VERDICT_COLORS[INCONCLUSIVE], "#7a4d00", "#fbf1de"),
    NOT_CHECKED: (MUTED, "#3f4650", "#eef0f3"),
}
KIND_WORDS = {
    "dependence": "Dependence",
    "delay": "Delay",
    "vote": "UN vote",
    "veto": "Veto",
    "event": "Event",
    "arms": "Arms transfer",
}
CLAIMED_COLOR = COLORS[4]
RECORDED_COLOR = COLORS[9]
LONG_CELL = 40
"""Characters above which a table cell gets the width of a short paragraph (not a sliver)."""
MAX_TABLE_ROWS = 200
"""Rows of a claim's table shown on the page; `realpolitik check --json` gives them all."""
Q_SPAN = 4.0
"""The robustness grid's colours run over −log10 q from 0 to this (q from 1 to 0.0001)."""
GRID_COLORS = ("#f3f4f6", "#dde3ea", "#9ecae1", "#08306b")
"""q = 1, q just above α (not significant: greys), q = α, q ≤ 0.0001 (significant: blues)."""
LEGEND_WIDTH = 34
"""Characters per line of a legend entry: Plotly does not wrap them, and a phone shows ~40."""
PLOTLY_CONFIG = {"displaylogo": False, "responsive": True}
SANS = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Liberation Sans", '
    "sans-serif"
)

Point = tuple[float, float]


def write_report(result: CheckResult, path: Path | str) -> Path:
    """Write the report of a claims check to `path` (its folder must exist) and return it."""
    path = _target(path)
    path.write_text(render_report(result), encoding="utf-8")
    return path


def render_report(result: CheckResult) -> str:
    """The report as one self-contained HTML page: inline CSS, plotly.js inlined once, no
    request to any server."""
    from plotly.offline import get_plotlyjs

    page = _Page()
    sections = "\n".join(
        _claim_section(page, number, claim, result)
        for number, claim in enumerate(result.claims, start=1)
    )
    body = "\n".join(
        [
            _masthead(result),
            '<main class="page">',
            _verdict_table(result),
            '<h2 class="part" id="claims">The claims, one by one</h2>',
            sections,
            METHODS,
            _provenance(result),
            "</main>",
            _footer(),
        ]
    )
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="realpolitik {_e(__version__)}">\n'
        f"<title>{_e(_page_title(result))}</title>\n"
        f"<style>\n{_css()}\n</style>\n"
        f"<script>{get_plotlyjs()}</script>\n"
        "</head>\n<body>\n"
        f"{body}\n</body>\n</html>\n"
    )


class _Page:
    """Numbers the page's figures (captions cite them, Plotly needs unique div ids)."""

    def __init__(self) -> None:
        self.figures = 0

    def figure(self, content: str, title: str, note: str, anchor: str) -> str:
        """A numbered figure: its caption (title, how to read it, a link to the claim's
        evidence and provenance) above the chart or drawing. `title` and `note` are HTML."""
        self.figures += 1
        return (
            f'<figure class="chart" id="figure-{self.figures}"><figcaption>'
            f'<span class="fig-title"><b>Figure {self.figures}.</b> {title}</span>'
            f'<span class="fig-note">{note} '
            f'<a href="#{anchor}-evidence">Evidence and provenance&nbsp;↓</a></span>'
            f"</figcaption>{content}</figure>"
        )

    def plot(self, figure: go.Figure, height: int, title: str, note: str, anchor: str) -> str:
        """A Plotly figure in the page's style, as a numbered figure (plotly.js is in the
        page's head, so the figure brings only its data)."""
        _style(figure, height)
        div = figure.to_html(
            full_html=False,
            include_plotlyjs=False,
            div_id=f"plot-{self.figures + 1}",
            config=PLOTLY_CONFIG,
        )
        return self.figure(f'<div class="plot">{div}</div>', title, note, anchor)


def _style(figure: go.Figure, height: int) -> None:
    """The report's look for every chart: its font, a white background, the legend above the
    plot with entries short enough for a phone, no title (the caption holds it, where it can
    wrap)."""
    for item in (*figure.data, *figure.layout.shapes):
        if item.name and len(html.unescape(item.name)) > LEGEND_WIDTH:
            item.name = "<br>".join(textwrap.wrap(item.name, LEGEND_WIDTH))
    figure.update_layout(
        template="plotly_white",
        height=height,
        font={"family": SANS, "size": 13, "color": INK},
        hoverlabel={"font": {"family": SANS, "size": 13}, "align": "left"},
        margin={"l": 64, "r": 20, "t": 16, "b": 56},
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": 1.02,
            "yanchor": "bottom",
            "font": {"size": 11.5},
            "title": {"text": ""},
        },
    )


# --- text --------------------------------------------------------------------------------


def _e(value: object) -> str:
    """Any value as escaped text, safe in HTML content and attributes."""
    return html.escape(_text(value), quote=True)


def _plot_text(value: object) -> str:
    """Any value as text for a Plotly label or hover text: Plotly renders tags in them, so
    `&`, `<` and `>` are escaped (it shows `&quot;` as written, so quotes are not)."""
    return html.escape(_text(value), quote=False)


def _text(value: object) -> str:
    """A value as a reader would write it: dates as ISO, numbers short, lists with commas."""
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return f"{value:,.0f}" if abs(value) >= 1e4 else f"{value:.4g}"
    if isinstance(value, pd.Timestamp | date):
        return value.isoformat()[:10]
    if isinstance(value, list | tuple):
        return ", ".join(_text(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{_text(k)}: {_text(v)}" for k, v in value.items())
    if hasattr(value, "item"):  # numpy scalars
        return _text(value.item())
    return str(value)


def _p(value: float | None) -> str:
    """p- and q-values: three decimals, or `<0.001` (escaped)."""
    if value is None:
        return "—"
    return "&lt;0.001" if value < 0.001 else f"{value:.3f}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _state(claim: ClaimResult) -> str:
    """The claim's verdict, or NOT_CHECKED when its check could not run."""
    return NOT_CHECKED if claim.error else claim.verdict


def _badge(state: str, large: bool = False) -> str:
    """The verdict in words, with an icon and its colour (never the colour alone)."""
    size = " badge-large" if large else ""
    return (
        f'<span class="badge v-{_slug(state)}{size}">'
        f'<span class="badge-icon" aria-hidden="true">{VERDICT_ICONS[state]}</span>'
        f"{VERDICT_WORDS[state]}</span>"
    )


def _page_title(result: CheckResult) -> str:
    titles = [d.title for d in result.documents if d.title]
    return "Claims checked: " + ("; ".join(titles) if titles else "claims files")


def _where(document: DocumentCheck, claim: ClaimResult) -> str:
    """`claims.yaml:12`: the claim's place in its file."""
    return f"{document.path}:{claim.line}" if claim.line else document.path


def _claim_summary(claim: ClaimResult) -> str:
    """What the claim says: its text, else its fields in a sentence (plain text)."""
    if claim.text.strip():
        return " ".join(claim.text.split())
    fields = {k: _text(v) for k, v in claim.fields.items() if v not in (None, "")}
    kind = claim.kind
    if kind == "dependence" and {"dependent", "driver"} <= fields.keys():
        verb = "does not depend" if claim.fields.get("negated") else "depends"
        expect = f" (expected: {fields['expect']})" if "expect" in fields else ""
        return f"{fields['dependent']} {verb} on {fields['driver']}{expect}"
    begun = next((k for k in ("signed", "started") if k in fields), None)
    if kind == "delay" and "parties" in fields and begun:
        subject = fields.get("subject", "a deal")
        promised = f", promised for {fields['promised']}" if "promised" in fields else ""
        return f"{subject} ({fields['parties']}): {begun} {fields[begun]}{promised}"
    if kind == "vote" and {"actor", "resolutions"} <= fields.keys():
        expect = fields.get("expect", "yes")
        return f"{fields['actor']} voted {expect} on resolutions {fields['resolutions']}"
    if kind == "veto" and {"actor", "date"} <= fields.keys():
        return f"{fields['actor']} cast a veto on {fields['date']}"
    if kind == "veto" and {"actor", "count", "since"} <= fields.keys():
        how = f"{fields['count_is']} " if fields.get("count_is", "exactly") != "exactly" else ""
        return f"{fields['actor']} cast {how}{fields['count']} vetoes since {fields['since']}"
    if kind == "event" and {"source", "target", "cameo", "date"} <= fields.keys():
        return (
            f"{fields['source']}→{fields['target']}, CAMEO {fields['cameo']}, on {fields['date']}"
        )
    if kind == "arms" and {"supplier", "recipient", "weapon"} <= fields.keys():
        when = "; ".join(f"{k} {fields[k]}" for k in ("ordered", "delivered") if k in fields)
        return f"{fields['supplier']} → {fields['recipient']}: {fields['weapon']} ({when})"
    shown = [f"{k}: {v}" for k, v in fields.items() if k not in ("id", "kind")]
    return "; ".join(shown) or "(a claim with no fields)"


# --- masthead and verdict table ----------------------------------------------------------


def _masthead(result: CheckResult) -> str:
    states = Counter(_state(c) for c in result.claims)
    single = len(result.documents) == 1
    heading = (
        _e(result.documents[0].title or "Claims checked")
        if single
        else f"{len(result.documents)} claims files checked"
    )
    documents = "".join(_document_line(d, with_title=not single) for d in result.documents)
    chips = "".join(
        f'<li class="chip v-{_slug(state)}"><span class="badge-icon" aria-hidden="true">'
        f"{VERDICT_ICONS[state]}</span><b>{states[state]}</b> {VERDICT_WORDS[state].lower()}</li>"
        for state in VERDICT_WORDS
    )
    bar = "".join(
        f'<span class="bar-part v-{_slug(state)}" style="flex-grow:{states[state]}"></span>'
        for state in VERDICT_WORDS
        if states[state]
    )
    notes = (
        '<aside class="notes"><h2>Notes on this check</h2><ul>'
        + "".join(f"<li>{_e(note)}</li>" for note in result.notes)
        + "</ul></aside>"
        if result.notes
        else ""
    )
    return (
        '<header class="masthead"><div class="masthead-inner">'
        '<p class="kicker">Claims checked against the data · realpolitik</p>'
        f"<h1>{heading}</h1>"
        f'<ul class="documents">{documents}</ul>'
        f'<p class="store">Checked against the store <code>{_e(result.store)}</code></p>'
        f'<p class="summary">{_summary_sentence(states, len(result.claims))}</p>'
        f'<ul class="chips">{chips}</ul>'
        f'<div class="bar" aria-hidden="true">{bar}</div>'
        f"{notes}"
        '<nav class="toc"><a href="#verdicts">Verdicts</a><a href="#claims">The claims</a>'
        '<a href="#methods">Methods and caveats</a><a href="#provenance">Provenance</a></nav>'
        "</div></header>"
    )


def _document_line(document: DocumentCheck, with_title: bool) -> str:
    title = (
        f'<span class="doc-title">{_e(document.title or "(untitled)")}</span> · '
        if with_title
        else ""
    )
    published = f"Published {_e(document.published)} · " if document.published else ""
    return f'<li>{title}{published}<span class="doc-path">{_e(document.path)}</span></li>'


def _summary_sentence(states: Counter, total: int) -> str:
    return (
        f"{_plural(total, 'claim')}: {states[SUPPORTED]} supported, "
        f"{states[CONTRADICTED]} contradicted, {states[INCONCLUSIVE]} inconclusive and "
        f"{states[NOT_CHECKED]} could not be checked."
    )


def _verdict_table(result: CheckResult) -> str:
    rows = []
    number = 0
    for document in result.documents:
        if len(result.documents) > 1:
            published = f" · published {_e(document.published)}" if document.published else ""
            rows.append(
                f'<tr class="doc-row"><th colspan="5" scope="rowgroup">'
                f"{_e(document.title or document.path)}{published}</th></tr>"
            )
        for claim in document.claims:
            number += 1
            state = _state(claim)
            reason = (
                f'<span class="error">Could not be checked: {_e(claim.error)}</span> '
                f'<span class="where">({_e(_where(document, claim))})</span>'
                if claim.error
                else _e(claim.reason)
            )
            caveats = (
                '<td data-label="Caveats" class="caveats"><ul>'
                + "".join(f"<li>{_e(c)}</li>" for c in claim.caveats)
                + "</ul></td>"
                if claim.caveats
                else '<td data-label="Caveats" class="caveats empty"><span class="none">none'
                "</span></td>"
            )
            rows.append(
                f'<tr class="v-{_slug(state)}">'
                f'<td data-label="Claim"><a href="#claim-{number}" class="claim-id">'
                f"{_e(claim.id)}</a>"
                f'<span class="kind">{_e(KIND_WORDS.get(claim.kind, claim.kind))}</span></td>'
                f'<td data-label="What it says">{_e(_claim_summary(claim))}</td>'
                f'<td data-label="Verdict">{_badge(state)}</td>'
                f'<td data-label="Why">{reason}</td>{caveats}</tr>'
            )
    return (
        '<section class="verdicts" id="verdicts"><h2 class="part">Verdicts</h2>'
        '<p class="lede">Each claim, what the data say about it, and why. Supported means the '
        "store's records agree with the claim; contradicted, that they disagree; inconclusive, "
        "that they cannot tell, for the reason given.</p>"
        '<div class="table-scroll"><table class="verdict-table"><thead><tr>'
        '<th scope="col">Claim</th><th scope="col">What it says</th>'
        '<th scope="col">Verdict</th><th scope="col">Why</th><th scope="col">Caveats</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table></div></section>"
    )


# --- one claim ---------------------------------------------------------------------------


def _claim_section(page: _Page, number: int, claim: ClaimResult, result: CheckResult) -> str:
    anchor = f"claim-{number}"
    state = _state(claim)
    document = next(d for d in result.documents if any(c is claim for c in d.claims))
    origin = f" · {_e(document.title)}" if len(result.documents) > 1 and document.title else ""
    lede = (
        f'<p class="reason error">This claim could not be checked: {_e(claim.error)} '
        f'<span class="where">({_e(_where(document, claim))})</span></p>'
        if claim.error
        else f'<p class="reason">{_e(claim.reason)}</p>'
    )
    return (
        f'<section class="claim v-{_slug(state)}" id="{anchor}">'
        f'<p class="kicker">Claim {number} · {_e(KIND_WORDS.get(claim.kind, claim.kind))} · '
        f'<span class="claim-id">{_e(claim.id)}</span>{origin}</p>'
        f"<h3>{_e(_claim_summary(claim))}</h3>"
        f'<div class="verdict-line">{_badge(state, large=True)}{lede}</div>'
        f"{_caveats(claim)}{_kind_body(page, claim, anchor)}{_evidence(claim, anchor)}"
        f"{_as_written(claim, document)}"
        '<p class="back"><a href="#verdicts">↑ Back to the verdicts</a></p>'
        "</section>"
    )


def _kind_body(page: _Page, claim: ClaimResult, anchor: str) -> str:
    if claim.dependence is not None:
        return _dependence_body(page, claim, claim.dependence, anchor)
    if claim.delay is not None:
        return _delay_body(page, claim.delay, anchor)
    if claim.table is not None:
        return (
            '<h4>The records behind the verdict</h4><div class="table-scroll">'
            f"{_frame_table(claim.table)}</div>{_rows_note(claim.table)}"
        )
    return ""


def _caveats(claim: ClaimResult) -> str:
    if not claim.caveats:
        return ""
    items = "".join(f"<li>{_e(c)}</li>" for c in claim.caveats)
    return f'<div class="caveat-box"><h4>Caveats</h4><ul>{items}</ul></div>'


def _evidence(claim: ClaimResult, anchor: str) -> str:
    if claim.evidence:
        items = "".join(
            f'<li><span class="ev-kind">{_e(ev.kind)}</span>'
            + (f'<span class="ev-when">{_e(ev.when)}</span>' if ev.when else "")
            + f'<span class="ev-text">{_e(ev.text)}</span>'
            f'<span class="prov">{_e(ev.provenance)}</span></li>'
            for ev in claim.evidence
        )
        listing = f'<ol class="evidence">{items}</ol>'
    else:
        listing = '<p class="none">No evidence was found for or against this claim.</p>'
    series = _series_provenance(claim.dependence) if claim.dependence else ""
    return (
        f'<div class="evidence-box" id="{anchor}-evidence"><h4>Evidence and provenance</h4>'
        f"{listing}{series}</div>"
    )


def _series_provenance(result: DependenceResult) -> str:
    """The command or source behind each cell's series, when the test names them."""
    sources = result.provenance.get("series") if result.provenance else None
    if not sources:
        return ""
    items = "".join(
        f'<li><span class="ev-text">{_e(label)}</span><span class="prov">{_e(source)}</span></li>'
        for label, source in sources.items()
    )
    return (
        f'<details class="series-sources"><summary>The series behind each of the '
        f'{_plural(len(sources), "cell")}</summary><ul class="evidence">{items}</ul></details>'
    )


def _as_written(claim: ClaimResult, document: DocumentCheck) -> str:
    text = f"<blockquote>{_e(claim.text)}</blockquote>" if claim.text.strip() else ""
    origin = (
        f"<p>Found at <code>{_e(claim.origin_ref)}</code></p>"
        if claim.origin_ref
        else "<p>No place in a source text is given for this claim.</p>"
    )
    fields = yaml.safe_dump(
        claim.fields, sort_keys=False, allow_unicode=True, default_flow_style=None, width=90
    )
    return (
        '<details class="as-written"><summary>The claim as written '
        f'<span class="where">{_e(_where(document, claim))}</span></summary>{text}{origin}'
        f"<pre>{_e(fields)}</pre></details>"
    )


def _frame_table(frame: pd.DataFrame) -> str:
    """A claim's rows with every column; provenance columns in type that wraps."""
    provenance = {c for c in frame.columns if "provenance" in str(c) or str(c) == "origin_ref"}
    head = "".join(f'<th scope="col">{_e(c)}</th>' for c in frame.columns)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td{_cell_class(value, column in provenance)}>{_e(value) or '—'}</td>"
            for column, value in zip(frame.columns, row, strict=True)
        )
        + "</tr>"
        for row in frame.head(MAX_TABLE_ROWS).itertuples(index=False, name=None)
    )
    if frame.empty:
        body = f'<tr><td colspan="{max(len(frame.columns), 1)}" class="none">no rows</td></tr>'
    return f'<table class="data"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def _rows_note(frame: pd.DataFrame) -> str:
    if len(frame) <= MAX_TABLE_ROWS:
        return ""
    return (
        f'<p class="table-note">The first {MAX_TABLE_ROWS} of {len(frame)} rows; '
        "<code>realpolitik check --json</code> gives them all.</p>"
    )


def _cell_class(value: object, provenance: bool) -> str:
    if provenance:
        return ' class="prov"'
    if isinstance(value, numbers.Number) and not isinstance(value, bool):
        return ' class="num"'
    text = _text(value)
    if isinstance(value, pd.Timestamp | date) or re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", text):
        return ' class="nowrap"'
    return ' class="long"' if len(text) > LONG_CELL else ""


# --- dependence --------------------------------------------------------------------------


def _dependence_body(page: _Page, claim: ClaimResult, result: DependenceResult, anchor: str) -> str:
    triangle = result.triangle
    described = result.to_dict()
    meaning = described["question"]["meaning"]
    own_verdict = (
        f"<p>The dependence test on its own: {_badge(result.verdict)} {_e(result.reason)}</p>"
        if (result.verdict, result.reason) != (claim.verdict, claim.reason)
        else ""
    )
    return "".join(
        [
            "<h4>What the dependence test found</h4>",
            f'<div class="test-verdict">{own_verdict}'
            f'<p class="meaning"><b>Expected ({_e(result.options.expect)}):</b> {_e(meaning)}.</p>'
            f'<p class="sample">{_e(result.sample_note)}</p></div>',
            page.figure(
                _triangle(result, anchor),
                f"The triangle: does {_e(triangle.dependent.label)} move after "
                f"{_e(triangle.driver.relation)}?",
                "The arrows between the two relations give the number of versions of the test "
                "(cells of the grid) in which one helps predict the other, after the "
                "Benjamini–Hochberg adjustment, and the sign of the response.",
                anchor,
            ),
            _series_chart(page, result, anchor),
            "<h5>Granger and Toda–Yamamoto tests, both ways, every cell</h5>",
            _tests(result),
            _response_chart(page, result, anchor),
            _grid_chart(page, result, anchor),
            _rule(described["rule"]),
        ]
    )


def _forward_signs(result: DependenceResult) -> Counter:
    """The signs of the cells in which driver → dependent is significant."""
    alpha = result.options.alpha
    return Counter(c.sign for c in result.cells if c.ok and c.q_forward <= alpha)


def _sign_words(signs: Counter) -> str:
    names = {-1: "negative", 1: "positive", 0: "unclear", None: "without direction"}
    return ", ".join(f"{names[s]} in {n}" for s, n in signs.items())


def _triangle(result: DependenceResult, anchor: str) -> str:
    """The three actors as an SVG drawing beside the findings in words."""
    tally = result.tally
    triangle = result.triangle
    signs = _forward_signs(result)
    forward = f"significant in {tally.forward} of {_plural(tally.cells, 'cell')}" + (
        f"; the response is {_sign_words(signs)}" if signs else ""
    )
    power = (
        f"{tally.powered} of {tally.tested} tested cells have {POWER_TARGET:.0%} power against "
        f"a {result.options.effect:g} SD effect"
        + (f" (median {tally.power:.0%})" if tally.power is not None else "")
        if tally.tested
        else "no cell could be tested"
    )
    findings = (
        '<dl class="findings">'
        f"<dt>Driver → dependent <span>{_e(triangle.driver.relation)} → "
        f"{_e(triangle.dependent.label)}</span></dt><dd>{_e(forward)}</dd>"
        "<dt>Dependent → driver <span>the reverse</span></dt>"
        f"<dd>significant in {tally.reverse} of {_plural(tally.cells, 'cell')}</dd>"
        f"<dt>Power</dt><dd>{_e(power)}</dd>"
        f"<dt>Third side <span>{_e(triangle.third_side.relation)}</span></dt>"
        "<dd>in every model as a control, so that neither relation is credited with what the "
        "third explains</dd></dl>"
    )
    return f'<div class="triangle">{_triangle_svg(result, anchor)}{findings}</div>'


def _triangle_svg(result: DependenceResult, anchor: str) -> str:
    triangle = result.triangle
    tally = result.tally
    shared, partner, other = triangle.actors
    at = {shared: (200.0, 40.0), partner: (46.0, 280.0), other: (354.0, 280.0)}
    centre = (sum(x for x, _ in at.values()) / 3, sum(y for _, y in at.values()) / 3)
    markers = "".join(
        f'<marker id="{anchor}-{name}" viewBox="0 0 10 10" refX="8" refY="5" '
        f'markerUnits="userSpaceOnUse" markerWidth="{size}" markerHeight="{size}" '
        f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{color}"/></marker>'
        for name, color, size in (
            ("dependent", DEPENDENT_COLOR, 18),
            ("driver", DRIVER_COLOR, 18),
            ("strong", INK, 15),
            ("found", MUTED, 13),
            ("none", FAINT, 11),
        )
    )
    parts = [
        f'<svg class="triangle-svg" viewBox="0 0 400 346" role="img" '
        f'aria-labelledby="{anchor}-triangle-title">'
        f'<title id="{anchor}-triangle-title">{_e(triangle.driver.relation)} → '
        f"{_e(triangle.dependent.label)} significant in {tally.forward} of {tally.cells} cells, "
        f"the reverse in {tally.reverse}</title><defs>{markers}</defs>"
    ]
    for dyad, color, role, label in (
        (triangle.dependent, DEPENDENT_COLOR, "dependent", triangle.dependent.label),
        (triangle.driver, DRIVER_COLOR, "driver", triangle.driver.relation),
    ):
        start, end = _shortened(at[dyad.source], at[dyad.target], 33)
        parts.append(
            f'<line x1="{start[0]:.1f}" y1="{start[1]:.1f}" x2="{end[0]:.1f}" y2="{end[1]:.1f}" '
            f'stroke="{color}" stroke-width="5" marker-end="url(#{anchor}-{role})"/>'
        )
        parts.append(_edge_label(at[dyad.source], at[dyad.target], centre, role, label, color))
    third = triangle.third_side
    start, end = _shortened(at[third.source], at[third.target], 33)
    parts.append(
        f'<line x1="{start[0]:.1f}" y1="{start[1]:.1f}" x2="{end[0]:.1f}" y2="{end[1]:.1f}" '
        'stroke="#b0b5bb" stroke-width="2.5" stroke-dasharray="7 6"/>'
    )
    parts.append(
        _edge_label(at[third.source], at[third.target], centre, "control", third.relation, MUTED)
    )
    driver_side = _towards(_middle(at[shared], at[other]), centre, 14)
    dependent_side = _towards(_middle(at[shared], at[partner]), centre, 14)
    away = _unit(at[shared], _middle(driver_side, dependent_side))
    signs = _forward_signs(result)
    mark = "".join(SIGN_MARKS[s] for s in sorted(signs, key=lambda s: (s is None, s or 0)))
    parts.append(
        _influence(driver_side, dependent_side, away, 56, tally.forward, tally.cells, mark, anchor)
    )
    parts.append(
        _influence(dependent_side, driver_side, away, -56, tally.reverse, tally.cells, "", anchor)
    )
    for actor, (x, y) in at.items():
        parts.append(
            f'<circle cx="{x:.0f}" cy="{y:.0f}" r="29" fill="white" stroke="{INK}" '
            f'stroke-width="2"/><text x="{x:.0f}" y="{y + 6:.0f}" text-anchor="middle" '
            f'class="node">{_e(actor)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _middle(a: Point, b: Point) -> Point:
    return ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)


def _unit(a: Point, b: Point) -> Point:
    """The unit vector from `a` towards `b`."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = math.hypot(dx, dy) or 1.0
    return (dx / length, dy / length)


def _towards(a: Point, b: Point, distance: float) -> Point:
    """The point `distance` from `a` on the way to `b` (away from `b` when negative)."""
    ux, uy = _unit(a, b)
    return (a[0] + ux * distance, a[1] + uy * distance)


def _shortened(a: Point, b: Point, by: float) -> tuple[Point, Point]:
    """The segment a–b less `by` at each end (to stop at the nodes' edges)."""
    return _towards(a, b, by), _towards(b, a, by)


def _edge_label(a: Point, b: Point, centre: Point, role: str, label: str, color: str) -> str:
    """Two lines by an edge, outside the triangle: the relation's role and its name."""
    mid = _middle(a, b)
    x, y = _towards(mid, centre, -28)
    anchor = "end" if x < mid[0] - 5 else "start" if x > mid[0] + 5 else "middle"
    if anchor == "middle":
        y += 10  # below a horizontal edge
    return (
        f'<text x="{x:.0f}" y="{y:.0f}" text-anchor="{anchor}" class="edge-label">'
        f'<tspan x="{x:.0f}" class="role" fill="{color}">{_e(role)}</tspan>'
        f'<tspan x="{x:.0f}" dy="1.25em" class="dyad">{_e(label)}</tspan></text>'
    )


def _influence(
    start: Point,
    end: Point,
    bow: Point,
    reach: float,
    found: int,
    cells: int,
    mark: str,
    anchor: str,
) -> str:
    """A curved arrow from one relation to the other, bowed `reach` along `bow` (a unit
    vector), drawn bold when it holds in most cells, and beyond its bend a pill with the
    number of cells it holds in."""
    middle = _middle(start, end)
    control = (middle[0] + bow[0] * reach, middle[1] + bow[1] * reach)
    beyond = reach / 2 + math.copysign(22, reach)  # the curve bends half as far as `reach`
    label_at = (middle[0] + bow[0] * beyond, middle[1] + bow[1] * beyond)
    style = "strong" if found * 2 > cells else "found" if found else "none"
    color = {"strong": INK, "found": MUTED, "none": FAINT}[style]
    width = {"strong": 4, "found": 2.5, "none": 1.8}[style]
    dash = ' stroke-dasharray="5 5"' if style == "none" else ""
    text = f"{found} of {cells}" + (f" {mark}" if mark else "")
    pill = 18 + 9.2 * len(text)
    return (
        f'<path d="M{start[0]:.1f},{start[1]:.1f} Q{control[0]:.1f},{control[1]:.1f} '
        f'{end[0]:.1f},{end[1]:.1f}" fill="none" stroke="{color}" stroke-width="{width}"'
        f'{dash} marker-end="url(#{anchor}-{style})"/>'
        f'<rect x="{label_at[0] - pill / 2:.1f}" y="{label_at[1] - 14:.1f}" width="{pill:.1f}" '
        f'height="28" rx="14" fill="white" stroke="{color}" stroke-width="1.5"/>'
        f'<text x="{label_at[0]:.1f}" y="{label_at[1] + 6:.1f}" text-anchor="middle" '
        f'class="pill" fill="{color}">{_e(text)}</text>'
    )


def _series_chart(page: _Page, result: DependenceResult, anchor: str) -> str:
    cell = result.primary
    figure = series_figure(result)
    if isinstance(figure, str):
        return f'<p class="chart-note">{_e(figure)}</p>'
    breaks = _break_marks(figure, cell)
    sample = (
        "the sample the model used"
        if cell.ok
        else "the longest run of periods in which every series is observed, which could not be "
        f"modelled ({cell.status.replace('_', ' ')})"
    )
    note = (
        f"In the measure's own units. Shaded blue: {sample}; grey: periods with no data for "
        "either series (unknown, not zero), left as gaps."
    )
    if breaks:
        note += (
            " Numbered dashed lines: known breaks in the event data (" + "; ".join(breaks) + ")."
        )
    return page.plot(
        figure,
        420,
        f"The series of the primary cell ({_e(cell.spec.label)}): "
        f"{_e(describe(cell.spec.measure))}",
        note,
        anchor,
    )


def _break_marks(figure: go.Figure, cell: CellResult) -> list[str]:
    """Draw the known breaks of the cell's event sources that fall in the plotted range as
    numbered dashed lines; return their legends (`1: 2015-02-19 GDELT 2.0 starts`), escaped."""
    if cell.values is None or cell.values.empty:
        return []
    index = pd.DatetimeIndex(cell.values.index)
    legends = []
    for brk in BREAKS:
        if cell.spec.origin != POOLED and cell.spec.origin not in brk.origins:
            continue
        first, last = BREAK_LABELS.get(brk.name, (brk.meaning, None))
        for when, label in ((brk.start, first), (brk.end, last or f"end: {first}")):
            if when is None or not index.min() < pd.Timestamp(when) < index.max():
                continue
            number = len(legends) + 1
            x = pd.Timestamp(when).isoformat()
            figure.add_vline(x=x, line={"color": BREAK_COLOR, "width": 1.3, "dash": "dash"})
            figure.add_annotation(
                x=x,
                y=1,
                yref="y domain",
                text=f"<b>{number}</b>",
                hovertext=_plot_text(f"{when:%Y-%m-%d} {label}: {brk.meaning}"),
                showarrow=False,
                xanchor="left",
                yanchor="top",
                xshift=3,
                font={"size": 12, "color": BREAK_COLOR},
                bgcolor="white",
                bordercolor=BREAK_COLOR,
                borderwidth=1,
            )
            legends.append(_e(f"{number}: {when:%Y-%m-%d} {label}"))
    return legends


def _response_chart(page: _Page, result: DependenceResult, anchor: str) -> str:
    figure = response_figure(result)
    if isinstance(figure, str):
        return f'<p class="chart-note">{_e(figure)}</p>'
    cell = next(c for c in result.cells if c.irf)
    periods = PERIOD_WORDS.get(cell.spec.freq, "years")
    figure.update_xaxes(title_text=f"{periods} after the shock", dtick=None)
    return page.plot(
        figure,
        420,
        f"How {_e(result.triangle.dependent.label)} responds to a shock to "
        f"{_e(result.triangle.driver.label)} ({_e(cell.spec.label)})",
        f"In standard deviations of {_e(result.triangle.dependent.label)}, {periods} after a "
        f"one-standard-deviation shock to {_e(result.triangle.driver.label)}, with the driver "
        "first (it may move the dependent within the period) and last (it may not); shaded: "
        f"{BAND_LEVEL:.0%} bootstrap bands. The legend gives each ordering's sum of the "
        f"responses over periods 1–{result.options.horizon}, with its band.",
        anchor,
    )


def _tests(result: DependenceResult) -> str:
    """The tests of every tested cell in a table, and the cells that could not be tested, with
    why, in a list folded away (a grid can have dozens)."""
    untested = [c for c in result.cells if not c.ok]
    table = (
        f'<div class="table-scroll">{_tests_table(result)}</div>{_tests_note(result)}'
        if len(untested) < len(result.cells)
        else '<p class="chart-note">No cell of the grid could be tested.</p>'
    )
    if not untested:
        return table
    statuses = Counter(c.status.replace("_", " ") for c in untested)
    items = "".join(
        f"<li><b>{_e(c.spec.label)}</b>: {_e(c.status.replace('_', ' '))}, {_e(c.reason)}</li>"
        for c in untested
    )
    return (
        f'{table}<details class="untested-list"><summary>'
        f"{_plural(len(untested), 'cell')} could not be tested: "
        + ", ".join(f"{n} {_e(status)}" for status, n in statuses.most_common())
        + f"</summary><ul>{items}</ul></details>"
    )


def _tests_table(result: DependenceResult) -> str:
    alpha = result.options.alpha
    directions = (
        ("driver → dependent", "granger_forward", "ty_forward", "q_forward"),
        ("dependent → driver", "granger_reverse", "ty_reverse", "q_reverse"),
    )
    rows = []
    for cell in (c for c in result.cells if c.ok):
        sample = f"{cell.sample[0]} to {cell.sample[1]}, " if cell.sample else ""
        about = f"{sample}{cell.nobs} periods · VAR({cell.lags}), d<sub>max</sub> {cell.d_max}"
        power = f"{cell.power.power:.0%}" if cell.power else "—"
        for i, (direction, granger, toda, q_name) in enumerate(directions):
            q = getattr(cell, q_name)
            significant = q is not None and q <= alpha
            label = (
                f'<th scope="row" rowspan="2">{_e(cell.spec.label)}'
                f'<span class="cell-about">{about}</span></th>'
                if i == 0
                else ""
            )
            sign = SIGN_MARKS[cell.sign] if i == 0 and significant else ""
            rows.append(
                f'<tr class="{"sig" if significant else "ns"}{" first" if i == 0 else ""}">'
                f'{label}<td class="nowrap">{direction}</td>'
                f"{_wald_cells(getattr(cell, granger), f_form=True)}"
                f"{_wald_cells(getattr(cell, toda), f_form=False)}"
                f'<td class="num q">{_p(q)}{" ✓" if significant else ""}</td>'
                f'<td class="num">{sign}</td>'
                + (f'<td rowspan="2" class="num">{power}</td>' if i == 0 else "")
                + "</tr>"
            )
    return (
        '<table class="data tests"><thead><tr><th scope="col">Cell</th>'
        '<th scope="col">Direction</th><th scope="col" class="num">Granger<br>F (df)</th>'
        '<th scope="col" class="num">p</th><th scope="col" class="num">Toda–Yamamoto<br>χ² (df)'
        '</th><th scope="col" class="num">p</th><th scope="col" class="num">q</th>'
        '<th scope="col" class="num">Sign</th><th scope="col" class="num">Power</th>'
        f"</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )


def _tests_note(result: DependenceResult) -> str:
    triangle = result.triangle
    return (
        f'<p class="table-note">Driver: {_e(triangle.driver.relation)}; dependent: '
        f"{_e(triangle.dependent.label)}. A direction counts (✓) when q ≤ α = "
        f"{result.options.alpha:g}: q is the Benjamini–Hochberg adjustment, across the grid, of "
        "the larger of the two p-values. Sign: of the response over the horizon, where both "
        f"orderings' bands agree. Power: against a {result.options.effect:g} SD effect, "
        f"target {POWER_TARGET:.0%}.</p>"
    )


def _wald_cells(test: WaldTest | None, f_form: bool) -> str:
    if test is None:
        return '<td class="num">—</td>' * 2
    if f_form:
        return (
            f'<td class="num">{test.f:.2f} ({test.df}, {test.df_denom})</td>'
            f'<td class="num">{_p(test.p_f)}</td>'
        )
    return f'<td class="num">{test.wald:.2f} ({test.df})</td><td class="num">{_p(test.p_chi2)}</td>'


def _grid_chart(page: _Page, result: DependenceResult, anchor: str) -> str:
    tested = [c for c in result.cells if c.ok]
    if not tested:
        return (
            '<p class="chart-note">No cell could be tested, so the robustness grid has nothing '
            "to show.</p>"
        )
    left_out = len(result.cells) - len(tested)
    return page.figure(
        _grid_heatmap(result, tested),
        "The robustness grid: every tested cell, both directions, coloured by q",
        "Blue tiles are significant (Benjamini–Hochberg q ≤ α = "
        f"{result.options.alpha:g}), the darker the smaller q; grey tiles are not. After a "
        "significant driver → dependent q, the sign of the response: + or −, ? when the bands "
        "include zero or the orderings disagree, · no direction. Hover over a tile for its "
        "p-value and power."
        + (
            f" Not shown: the {_plural(left_out, 'cell')} that could not be tested (listed "
            "under the tests above)."
            if left_out
            else ""
        ),
        anchor,
    )


def _grid_heatmap(result: DependenceResult, tested: list[CellResult]) -> str:
    """Cells × directions as coloured tiles (HTML, so that the cells' labels wrap on a phone),
    with q and the response's sign written in each and the p-values on hover."""
    alpha = result.options.alpha
    triangle = result.triangle
    rows = []
    for cell in tested:
        label = f'<th scope="row">{_e(cell.spec.label)}</th>'
        tiles = []
        for direction, q, p in (
            ("driver → dependent", cell.q_forward, cell.p_forward),
            ("dependent → driver", cell.q_reverse, cell.p_reverse),
        ):
            forward = direction.startswith("driver")
            significant = q <= alpha
            mark = f" {SIGN_MARKS[cell.sign]}" if forward and significant else ""
            power = f", power {cell.power.power:.0%}" if forward and cell.power else ""
            background, ink = _q_colors(q, alpha)
            hover = _e(f"{cell.spec.label}, {direction}: q {q:.3g}, p {p:.3g}{power}")
            tiles.append(
                f'<td class="tile{" sig" if significant else ""}" title="{hover}" '
                f'style="background:{background};color:{ink}">q {_p(q)}{mark}</td>'
            )
        rows.append(f"<tr>{label}{''.join(tiles)}</tr>")
    head = (
        '<thead><tr><th scope="col">Cell</th>'
        f'<th scope="col">Driver → dependent<span>{_e(triangle.driver.relation)} → '
        f"{_e(triangle.dependent.label)}</span></th>"
        f'<th scope="col">Dependent → driver<span>{_e(triangle.dependent.label)} → '
        f"{_e(triangle.driver.relation)}</span></th></tr></thead>"
    )
    return (
        f'<div class="heatmap"><table>{head}<tbody>{"".join(rows)}</tbody></table>'
        f"{_q_legend(alpha)}</div>"
    )


def _q_position(q: float) -> float:
    """Where q falls on the colour scale: 0 for q = 1, 1 for q ≤ 10^−Q_SPAN."""
    return min(-math.log10(max(q, 10**-Q_SPAN)), Q_SPAN) / Q_SPAN


def _q_colors(q: float, alpha: float) -> tuple[str, str]:
    """A tile's background for its q (greys above α, blues from α down) and a readable ink."""
    at, threshold = _q_position(q), _q_position(alpha)
    if at < threshold:
        low, high, share = GRID_COLORS[0], GRID_COLORS[1], at / threshold
    else:
        low, high, share = GRID_COLORS[2], GRID_COLORS[3], (at - threshold) / (1 - threshold)
    rgb = [
        round(
            int(low[i : i + 2], 16) + (int(high[i : i + 2], 16) - int(low[i : i + 2], 16)) * share
        )
        for i in (1, 3, 5)
    ]
    luminance = (0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]) / 255
    return "#{:02x}{:02x}{:02x}".format(*rgb), ("#ffffff" if luminance < 0.55 else INK)


def _q_legend(alpha: float) -> str:
    threshold = _q_position(alpha) * 100
    gradient = (
        f"linear-gradient(to right, {GRID_COLORS[0]} 0%, {GRID_COLORS[1]} {threshold:.1f}%, "
        f"{GRID_COLORS[2]} {threshold:.1f}%, {GRID_COLORS[3]} 100%)"
    )
    ticks = [(0.0, "1"), (threshold, f"α {alpha:g}"), (50.0, "0.01"), (75.0, "0.001")]
    labels = (
        "".join(f'<span style="left:{left:.1f}%">{text}</span>' for left, text in ticks)
        + '<span class="last">≤0.0001</span>'
    )
    return (
        '<div class="q-legend" aria-hidden="true"><span class="q-title">q, adjusted across the '
        f'grid</span><div class="q-bar" style="background:{gradient}"></div>'
        f'<div class="q-ticks">{labels}</div></div>'
    )


def _rule(rule: str) -> str:
    """The verdict rule, one paragraph per clause, folded away."""
    clauses = re.split(r"\n(?=SUPPORTED|CONTRADICTED|\"No evidence\"|INCONCLUSIVE|A cell is)", rule)
    text = "".join(f"<p>{_e(' '.join(clause.split()))}</p>" for clause in clauses)
    return f'<details class="rule"><summary>The verdict rule</summary>{text}</details>'


# --- delay -------------------------------------------------------------------------------


def _delay_body(page: _Page, delay: DelayTimeline, anchor: str) -> str:
    milestones = sorted(delay.milestones, key=lambda m: m.when)
    parts = ["<h4>The timeline</h4>"]
    series = _driver_values(delay)
    figure = _timeline_figure(delay, milestones, series)
    if figure is not None:
        over = (
            f", over {_e(delay.driver)}'s {_e(_measure_words(delay.driver_measure))}"
            if series is not None
            else ""
        )
        parts.append(
            page.plot(
                figure,
                250 if series is None else 470,
                f"What was claimed and what the records date{over}",
                "Diamonds: dates the claim gives; circles: dates the records give. Their numbers "
                "are those of the milestones listed below; hover for the label and the source. "
                "Shaded: the years of the delay.",
                anchor,
            )
        )
    if delay.delays:
        items = "".join(
            f"<li>{_e(d.get('from'))} → {_e(d.get('to'))}: <b>{_e(d.get('years'))} years</b></li>"
            for d in delay.delays
        )
        parts.append(f'<h5>The delays, as claimed</h5><ul class="delays">{items}</ul>')
    comparison = _comparison_words(delay)
    if comparison:
        parts.append(f"<h5>What the driver relation did meanwhile</h5><p>{_e(comparison)}</p>")
    parts.append(
        f'<h5>Milestones</h5><div class="table-scroll">{_milestone_table(milestones)}</div>'
    )
    return "".join(parts)


def _measure_words(measure: str) -> str:
    words = describe(measure)
    return measure if words == measure else f"{measure} ({words})"


def _driver_values(delay: DelayTimeline) -> pd.DataFrame | None:
    """The driver relation's observed values (period, value), or None when it has none."""
    if delay.driver_series is None:
        return None
    values = delay.driver_series.dropna(subset=["value"])
    return values if len(values) else None


def _when(text: str) -> pd.Timestamp | None:
    """`2016`, `2011-09` or `2013-09-01` as the first day it may mean; None if no date."""
    text = text.strip()
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        return None
    try:
        return pd.Timestamp(text)
    except ValueError:
        return None


def _timeline_figure(
    delay: DelayTimeline, milestones: list[Milestone], series: pd.DataFrame | None
) -> go.Figure | None:
    """The milestones, numbered, on two lanes (claimed, recorded) above the driver relation's
    `series`, the delay's years shaded; None when there is nothing dated to draw."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    dated = [(n, m, _when(m.when)) for n, m in enumerate(milestones, start=1)]
    dated = [(n, m, t) for n, m, t in dated if t is not None]
    has_series = series is not None
    if not dated and not has_series:
        return None
    figure = make_subplots(
        rows=2 if has_series else 1,
        cols=1,
        shared_xaxes=True,
        row_heights=[0.34, 0.66] if has_series else None,
        vertical_spacing=0.07,
    )
    for claimed, lane, color, symbol, name in (
        (True, 1, CLAIMED_COLOR, "diamond", "claimed"),
        (False, 0, RECORDED_COLOR, "circle", "recorded in the data"),
    ):
        group = [(n, m, t) for n, m, t in dated if m.claimed == claimed]
        if not group:
            continue
        figure.add_trace(
            go.Scatter(
                x=[t.isoformat() for _, _, t in group],
                y=[lane] * len(group),
                mode="markers+text",
                text=[str(n) for n, _, _ in group],
                textposition="middle center",
                textfont={"size": 11, "color": "white"},
                marker={"symbol": symbol, "size": 22, "color": color},
                name=name,
                customdata=[
                    [_plot_text(m.label), _plot_text(m.when), _plot_text(m.provenance or "—")]
                    for _, m, _ in group
                ],
                hovertemplate=(
                    "<b>%{text}. %{customdata[0]}</b><br>%{customdata[1]}<br>"
                    "source: %{customdata[2]}<extra></extra>"
                ),
                cliponaxis=False,
            ),
            row=1,
            col=1,
        )
    figure.update_yaxes(
        tickvals=[0, 1],
        ticktext=["recorded", "claimed"],
        range=[-0.7, 1.7],
        showgrid=False,
        zeroline=False,
        fixedrange=True,
        row=1,
        col=1,
    )
    if has_series:
        measure = _plot_text(delay.driver_measure)
        figure.add_trace(
            go.Scatter(
                x=[pd.Timestamp(p).isoformat() for p in series["period"]],
                y=[float(v) for v in series["value"]],
                mode="lines+markers",
                line={"color": DRIVER_COLOR, "width": 2.2},
                marker={"size": 6},
                name=_plot_text(f"{delay.driver}: {delay.driver_measure}"),
                hovertemplate=(
                    f"{_plot_text(delay.driver)}<br>%{{x|%Y}}: {measure} %{{y:.3~g}}<extra></extra>"
                ),
            ),
            row=2,
            col=1,
        )
        figure.update_yaxes(title_text=measure, row=2, col=1)
        for _, milestone, when in dated:
            if milestone.claimed:
                figure.add_vline(
                    x=when.isoformat(),
                    line={"color": CLAIMED_COLOR, "width": 1, "dash": "dot"},
                    row=2,
                    col=1,
                )
    window = [_when(str(year)) for year in delay.window or ()]
    if len(window) == 2 and None not in window:
        figure.add_vrect(
            x0=window[0].isoformat(),
            x1=(window[1] + pd.DateOffset(years=1)).isoformat(),
            fillcolor=SAMPLE_COLOR,
            opacity=0.75,
            line_width=0,
            layer="below",
            row="all",
            col=1,
        )
    times = [t for _, _, t in dated]
    if has_series:
        times += [pd.Timestamp(p) for p in series["period"]]
    figure.update_xaxes(
        range=[
            (min(times) - pd.DateOffset(years=1)).isoformat(),
            (max(times) + pd.DateOffset(years=1)).isoformat(),
        ]
    )
    return figure


def _comparison_words(delay: DelayTimeline) -> str:
    """The driver relation during the delay against the years before, in a sentence."""
    comparison = delay.comparison
    during, before = comparison.get("during"), comparison.get("before")
    if during is None and before is None:
        return ""

    def span(years: list | None) -> str:
        if not years:
            return "no year with data"
        return f"{_plural(len(years), 'year')} with data, {min(years)}–{max(years)}"

    sentence = f"{delay.driver}'s {delay.driver_measure}"
    if during is not None:
        sentence += (
            f" averaged {during:.3g} during the delay ({span(comparison.get('years_during'))})"
        )
    if before is not None:
        sentence += f" against {before:.3g} before it ({span(comparison.get('years_before'))})"
    if during is not None and before is not None and during != before:
        higher = during > before
        warmth = polarity(delay.driver_measure)
        sentence += f", {'higher' if higher else 'lower'} during the delay"
        if warmth:
            sentence += (
                ": a warmer relation by this measure"
                if higher == (warmth > 0)
                else ": a cooler relation by this measure"
            )
    return sentence + ". A comparison of means, not a test of cause."


def _milestone_table(milestones: list[Milestone]) -> str:
    rows = "".join(
        f'<tr><td class="num">{n}</td><td class="nowrap">{_e(m.when)}</td><td>{_e(m.label)}</td>'
        f"<td>{'claimed' if m.claimed else 'recorded'}</td>"
        f'<td class="prov">{_e(m.provenance) or "—"}</td></tr>'
        for n, m in enumerate(milestones, start=1)
    )
    return (
        '<table class="data"><thead><tr><th scope="col" class="num">#</th>'
        '<th scope="col">When</th><th scope="col">Milestone</th>'
        '<th scope="col">Claimed or recorded</th><th scope="col">Provenance'
        f"</th></tr></thead><tbody>{rows}</tbody></table>"
    )


# --- methods, provenance, footer ---------------------------------------------------------


METHODS = """
<section class="methods" id="methods">
<h2 class="part">Methods and caveats</h2>
<p class="lede">What each check does, in plain words, and what the records behind it can and
cannot prove. A verdict says what this store's data show about a claim; it is not a ruling on
what happened in the world.</p>
<div class="methods-text">
<div class="method">
<h3>Does one relation depend on another?</h3>
<p>A dependence claim (“Russia's ties with Iran follow its relations with the United States”)
is tested the way the political-science literature tests it. The six directed series among the
three actors go into a vector autoregression, and block Granger tests ask, both ways, whether
the past of one relation helps predict the other; the Toda–Yamamoto form of the test, valid
whether or not the series drift, must agree. Impulse responses show which way the dependent
relation moves after a shock to the driver, with bootstrap bands, under both orderings of the
shocks.</p>
<p>The test runs in every version of the measurement: frequency, measure, normalisation,
de-duplication and source, the cells of the grid. Its p-values are adjusted for testing many
versions (Benjamini–Hochberg), and the power of each test to see an effect of the stated size
is simulated. “Supported” needs the effect in most versions, in the expected direction, not
as strong the other way, and with enough power; anything less is “inconclusive”, with the
reason. A Granger test shows that one series helps predict another, not why: a common cause
can do the same.</p>
</div>
<div class="method">
<h3>Delays</h3>
<p>The years between the signing, the promised date and each milestone come from the claim
itself. Records that date the deal (SIPRI's orders and deliveries of the named weapon, nuclear
cooperation agreements near the signing) confirm or contradict a completion milestone. What
the driver relation did during the delay is compared with as many years before it: a
description, not a test of cause.</p>
</div>
<div class="method">
<h3>Security Council votes and vetoes</h3>
<p>The Council's records hold tallies, not each member's vote. A unanimous adoption proves a
yes; an adoption with no abstention implies a permanent member's yes (a no would have been a
veto); an adoption with abstentions proves only “yes or abstain”. Vetoes are checked against
two independent veto lists.</p>
</div>
<div class="method">
<h3>Events and arms transfers</h3>
<p>A claimed event is looked for among the store's events between the two actors with that
CAMEO code or one under it; events coded from the claim's own article never count. Finding
none counts against the claim only when the store has events on at least half of the period's
days. Arms claims are checked against SIPRI's register, which lists deliveries from 2000 on and
only deals that led to deliveries: a cancelled contract is not there.</p>
</div>
<div class="method">
<h3>Uncovered periods are unknown, not quiet</h3>
<p>Where the store has no data for a period, nothing is known about it. Such periods are drawn
as gaps or grey bands and never modelled as zeros, and an absence of records there is no
evidence that nothing happened.</p>
</div>
<div class="method">
<h3>What event data can and cannot prove</h3>
<p>Event data count news reports coded by machine, not events: coverage, a change of sources
or of coding software, and duplicate reports move the counts. Known breaks in the sources are
marked on the charts and controlled for in the models.</p>
</div>
<div class="method">
<h3>Reading the numbers</h3>
<p><b>p</b>: how often a test would find an effect at least this strong if there were none.
<b>q</b>: the p-value adjusted for the many versions tested. <b>Power</b>: how often the test
would detect an effect of the stated size if it were there. Responses are in standard
deviations of the series.</p>
</div>
<div class="method">
<h3>Where every number comes from</h3>
<p>Each claim's evidence list names the file and row, or the command that reproduces the
number; each chart's caption links to it. The store's files are listed below with their
SHA-256 checksums.</p>
</div>
</div>
</section>
"""


def _provenance(result: CheckResult) -> str:
    rows = "".join(
        f'<tr><td class="prov">{_e(f.get("file"))}</td>'
        f'<td class="hash">{_e(f.get("sha256"))}</td><td>{_e(f.get("format"))}</td>'
        f'<td class="num">{_e(f.get("rows_stored", f.get("rows")))}</td></tr>'
        for f in result.files
    )
    table = (
        '<div class="table-scroll"><table class="data files"><thead><tr>'
        '<th scope="col">File</th><th scope="col">SHA-256</th><th scope="col">Format</th>'
        f'<th scope="col" class="num">Rows stored</th></tr></thead><tbody>{rows}</tbody></table>'
        "</div>"
        if result.files
        else "<p>The store's ledger lists no files.</p>"
    )
    return (
        '<section class="provenance" id="provenance"><h2 class="part">Provenance</h2>'
        '<p class="lede">Every number on this page comes from the store '
        f"<code>{_e(result.store)}</code>, built from the files below (its ledger: each file's "
        "SHA-256 checksum and the rows it gave). The same results, every number with its "
        "provenance, are what <code>realpolitik check --json</code> prints.</p>"
        f"{table}</section>"
    )


def _footer() -> str:
    return (
        f'<footer class="footer"><p>Made with realpolitik {_e(__version__)}. This page is one '
        "self-contained file: it works offline and loads nothing from the network.</p></footer>"
    )


# --- style -------------------------------------------------------------------------------


def _css() -> str:
    verdicts = "\n".join(
        f".v-{_slug(state)} {{ --accent: {accent}; --on-tint: {text}; --tint: {tint}; }}"
        for state, (accent, text, tint) in VERDICT_STYLES.items()
    )
    return (
        CSS.replace("/* VERDICTS */", verdicts)
        .replace("/* SANS */", SANS)
        .replace("/* INK */", INK)
    )


CSS = """
:root {
  --ink: /* INK */; --muted: #5a6270; --rule: #e2e4e8; --page: #f5f4f0; --paper: #ffffff;
  --link: #1f5f99; --code-bg: #f1f2f4;
  --serif: Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, "Liberation Serif",
    "DejaVu Serif", serif;
  --sans: /* SANS */;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
  color-scheme: light;
}
/* VERDICTS */
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--page); color: var(--ink); font: 16.5px/1.6 var(--sans);
  overflow-wrap: break-word; }
a { color: var(--link); text-underline-offset: 2px; }
code { font-family: var(--mono); font-size: 0.88em; background: var(--code-bg);
  padding: 1px 5px; border-radius: 4px; overflow-wrap: anywhere; }
h1, h2, h3 { font-family: var(--serif); line-height: 1.2; font-weight: 700; }
h4 { font-size: 1.05rem; margin: 2rem 0 0.6rem; }
h5 { font-size: 0.95rem; margin: 1.6rem 0 0.5rem; color: var(--muted); text-transform: uppercase;
  letter-spacing: 0.04em; }
.masthead { background: var(--paper); border-bottom: 1px solid var(--rule); }
.masthead-inner, .page, .footer { max-width: 1120px; margin: 0 auto; padding: 0 28px; }
.masthead-inner { padding-top: 36px; padding-bottom: 28px; }
.kicker { margin: 0 0 0.4rem; font-size: 0.8rem; font-weight: 600; letter-spacing: 0.08em;
  text-transform: uppercase; color: var(--muted); }
h1 { font-size: clamp(1.8rem, 4.2vw, 2.7rem); margin: 0 0 0.8rem; max-width: 26em; }
.documents { list-style: none; padding: 0; margin: 0 0 0.4rem; }
.documents li { margin: 0.15rem 0; }
.doc-title { font-weight: 600; }
.published { color: var(--muted); }
.doc-path { color: var(--muted); font-family: var(--mono); font-size: 0.8rem;
  overflow-wrap: anywhere; }
.store { margin: 0 0 1rem; color: var(--muted); }
.summary { font-size: 1.2rem; margin: 0.8rem 0; font-family: var(--serif); }
.chips { list-style: none; padding: 0; margin: 0 0 0.8rem; display: flex; flex-wrap: wrap;
  gap: 8px; }
.chip { display: inline-flex; align-items: center; gap: 6px; padding: 4px 12px 4px 6px;
  border-radius: 999px; background: var(--tint); color: var(--on-tint);
  border: 1px solid var(--accent); font-size: 0.92rem; }
.chip b { font-size: 1.05rem; }
.bar { display: flex; height: 10px; border-radius: 5px; overflow: hidden; background: var(--rule);
  max-width: 640px; }
.bar-part { background: var(--accent); flex-basis: 0; }
.bar-part + .bar-part { border-left: 2px solid var(--paper); }
.notes { margin: 1.4rem 0 0; padding: 14px 18px; background: #f7f8fa; border-radius: 8px;
  border: 1px solid var(--rule); font-size: 0.92rem; color: #333a44; }
.notes h2 { font-family: var(--sans); font-size: 0.8rem; text-transform: uppercase;
  letter-spacing: 0.06em; margin: 0 0 0.4rem; color: var(--muted); }
.notes ul { margin: 0; padding-left: 1.2em; }
.notes li { margin: 0.3rem 0; overflow-wrap: anywhere; }
.toc { display: flex; flex-wrap: wrap; gap: 6px 22px; margin-top: 1.4rem; font-size: 0.92rem;
  font-weight: 600; }
.toc a { text-decoration: none; }
.toc a:hover { text-decoration: underline; }
h2.part { font-size: 1.75rem; margin: 3rem 0 0.6rem; }
.lede { max-width: 46em; color: #333a44; margin: 0 0 1.2rem; }
.badge { display: inline-flex; align-items: center; gap: 6px; white-space: nowrap;
  padding: 2px 11px 2px 4px; border-radius: 999px; font-weight: 650; font-size: 0.9rem;
  background: var(--tint); color: var(--on-tint); border: 1px solid var(--accent); }
.badge-icon { display: inline-grid; place-items: center; width: 1.35em; height: 1.35em;
  border-radius: 50%; background: var(--accent); color: #fff; font-size: 0.85em;
  font-weight: 700; line-height: 1; }
.badge-large { font-size: 1.05rem; padding: 4px 14px 4px 5px; }
.table-scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; border: 1px solid var(--rule);
  border-radius: 10px; max-width: 100%; background-color: var(--paper);
  /* shadows at an edge with more columns beyond it (they scroll away with the table's ends) */
  background-image: linear-gradient(to right, #fff 30%, rgba(255, 255, 255, 0)),
    linear-gradient(to left, #fff 30%, rgba(255, 255, 255, 0)),
    radial-gradient(farthest-side at 0 50%, rgba(0, 0, 0, 0.16), rgba(0, 0, 0, 0)),
    radial-gradient(farthest-side at 100% 50%, rgba(0, 0, 0, 0.16), rgba(0, 0, 0, 0));
  background-position: left center, right center, left center, right center;
  background-repeat: no-repeat;
  background-size: 40px 100%, 40px 100%, 14px 100%, 14px 100%;
  background-attachment: local, local, scroll, scroll; }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { text-align: left; vertical-align: top; padding: 10px 12px;
  border-bottom: 1px solid var(--rule); }
thead th { background: #f7f7f5; font-size: 0.78rem; text-transform: uppercase;
  letter-spacing: 0.05em; color: var(--muted); white-space: nowrap; }
tbody tr:last-child > * { border-bottom: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.prov, .hash { font-family: var(--mono); font-size: 0.78rem; color: #4a5260;
  overflow-wrap: anywhere; }
td.prov { min-width: 16em; }
td.long { min-width: 20em; }
.hash { min-width: 12em; word-break: break-all; }
.none { color: var(--muted); font-style: italic; }
.verdict-table td:first-child { min-width: 9em; }
.verdict-table td:nth-child(2) { min-width: 14em; }
.verdict-table td:nth-child(4) { min-width: 18em; }
.verdict-table .caveats { font-size: 0.85rem; color: #3c434d; min-width: 14em; }
.verdict-table .caveats ul { margin: 0; padding-left: 1.1em; }
.verdict-table tbody tr > td:first-child { box-shadow: inset 4px 0 0 var(--accent); }
.claim-id { font-family: var(--mono); font-size: 0.88rem; font-weight: 600;
  overflow-wrap: anywhere; }
.kicker .claim-id { text-transform: none; letter-spacing: 0; font-size: 0.85rem; }
.nowrap { white-space: nowrap; }
.kind { display: block; color: var(--muted); font-size: 0.8rem; }
.doc-row th { background: #eef1f5; font-family: var(--serif); font-size: 1rem;
  text-transform: none; letter-spacing: 0; color: var(--ink); }
.error { color: #8a1c1c; }
.where { color: var(--muted); font-family: var(--mono); font-size: 0.78rem;
  overflow-wrap: anywhere; }
.claim { background: var(--paper); border: 1px solid var(--rule); border-radius: 12px;
  padding: 28px 32px 20px; margin: 0 0 28px; border-top: 6px solid var(--accent);
  box-shadow: 0 1px 2px rgba(20, 24, 30, 0.04); }
.claim h3 { font-size: 1.5rem; margin: 0.2rem 0 1rem; max-width: 38em; }
.verdict-line { display: flex; flex-wrap: wrap; align-items: baseline; gap: 10px 14px; }
.verdict-line .reason { flex: 1 1 24em; margin: 0; font-size: 1.05rem; }
.caveat-box { margin: 1.2rem 0 0; padding: 12px 16px; border-left: 4px solid #a86b00;
  background: #fcf7ec; border-radius: 0 8px 8px 0; font-size: 0.93rem; }
.caveat-box h4 { margin: 0 0 0.3rem; font-size: 0.8rem; text-transform: uppercase;
  letter-spacing: 0.06em; color: #7a4d00; }
.caveat-box ul { margin: 0; padding-left: 1.1em; }
.caveat-box li { overflow-wrap: anywhere; }
.test-verdict { background: #f8f9fb; border: 1px solid var(--rule); border-radius: 10px;
  padding: 12px 16px; }
.test-verdict p { margin: 0.3rem 0; }
.meaning, .sample { color: #3c434d; font-size: 0.93rem; }
figure.chart { margin: 1.6rem 0; }
figcaption { display: block; margin-bottom: 8px; }
.fig-title { display: block; font-weight: 600; font-size: 1rem; }
.fig-note { display: block; color: var(--muted); font-size: 0.88rem; max-width: 58em; }
.plot { border: 1px solid var(--rule); border-radius: 10px; padding: 6px 4px 2px;
  background: var(--paper); overflow: hidden; }
.chart-note { padding: 14px 16px; background: #f4f5f7; border-radius: 8px; color: #3c434d; }
.triangle { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 28px;
  border: 1px solid var(--rule); border-radius: 10px; padding: 14px 18px; }
.triangle-svg { flex: 1 1 300px; max-width: 420px; height: auto; }
.triangle-svg text { font-family: var(--sans); }
.triangle-svg .node { font-size: 19px; font-weight: 700; fill: var(--ink); }
.triangle-svg .edge-label { font-size: 16px; fill: var(--ink); }
.triangle-svg .role { font-size: 13px; font-weight: 700; text-transform: uppercase;
  letter-spacing: 0.05em; }
.triangle-svg .pill { font-size: 16px; font-weight: 700; }
.findings { flex: 1 1 280px; margin: 0; font-size: 0.95rem; }
.findings dt { font-weight: 700; margin-top: 0.7rem; }
.findings dt span { font-weight: 400; color: var(--muted); margin-left: 6px; }
.findings dd { margin: 0.1rem 0 0; }
.tests th[scope=row] { font-weight: 600; min-width: 14em; max-width: 22em; }
.tests th, .tests td { padding: 9px 10px; }
.tests thead th { white-space: normal; vertical-align: bottom; text-transform: none;
  letter-spacing: 0; font-size: 0.82rem; }
.cell-about { display: block; font-weight: 400; font-size: 0.8rem; color: var(--muted);
  margin-top: 2px; }
.tests tbody tr.first > * { border-top: 1px solid #cfd3d9; }
.tests tbody tr:first-child > * { border-top: 0; }
.series-sources .evidence { margin: 0.3rem 0 0.8rem; }
.tests tr.sig td.q { font-weight: 700; color: #08306b; }
.untested-list ul { margin: 0.4rem 0 0.8rem; padding-left: 1.2em; font-size: 0.88rem; }
.untested-list li { margin: 0.25rem 0; color: #3c434d; }
.heatmap { border: 1px solid var(--rule); border-radius: 10px; padding: 12px 14px 14px;
  background: var(--paper); }
.heatmap table { border-collapse: separate; border-spacing: 4px; font-size: 0.9rem; }
.heatmap th, .heatmap td { border: 0; }
.heatmap thead th { background: none; text-transform: none; letter-spacing: 0; font-size: 0.85rem;
  color: var(--ink); font-weight: 700; white-space: normal; text-align: center;
  vertical-align: bottom; width: 32%; padding: 4px 6px; }
.heatmap thead th:first-child { text-align: left; width: auto; color: var(--muted); }
.heatmap thead th span { display: block; font-weight: 400; color: var(--muted); }
.heatmap tbody th { font-weight: 500; font-size: 0.85rem; padding: 6px 8px 6px 0;
  vertical-align: middle; overflow-wrap: anywhere; }
.tile { text-align: center; vertical-align: middle; border-radius: 6px; padding: 14px 6px;
  font-variant-numeric: tabular-nums; white-space: nowrap; }
.tile.sig { font-weight: 700; }
.q-legend { margin: 12px 4px 4px auto; max-width: 420px; font-size: 0.78rem; color: var(--muted); }
.q-title { display: block; margin-bottom: 4px; }
.q-bar { height: 10px; border-radius: 3px; border: 1px solid var(--rule); }
.q-ticks { position: relative; height: 1.3em; margin-top: 3px; }
.q-ticks span { position: absolute; transform: translateX(-50%); white-space: nowrap; }
.q-ticks span:first-child { transform: none; }
.q-ticks span.last { right: 0; transform: none; }
.table-note { color: var(--muted); font-size: 0.84rem; margin: 0.5rem 2px 0; }
details { margin: 1.2rem 0; border: 1px solid var(--rule); border-radius: 10px;
  padding: 0 16px; background: #fbfbfa; }
details > summary { cursor: pointer; padding: 10px 0; font-weight: 600; }
details[open] > summary { border-bottom: 1px solid var(--rule); margin-bottom: 8px; }
details p { max-width: 52em; }
.as-written blockquote { margin: 0.8rem 0; padding-left: 14px; border-left: 3px solid #cfd3d9;
  font-family: var(--serif); font-size: 1.05rem; }
.as-written pre { font-family: var(--mono); font-size: 0.82rem; white-space: pre-wrap;
  overflow-wrap: anywhere; background: var(--code-bg); padding: 10px 12px; border-radius: 6px; }
.evidence-box { margin-top: 1.8rem; }
ol.evidence, ul.evidence { padding-left: 1.4em; margin: 0; }
.evidence li { margin: 0 0 0.7rem; padding-left: 4px; }
.ev-kind { display: inline-block; font-size: 0.7rem; font-weight: 700; text-transform: uppercase;
  letter-spacing: 0.06em; color: var(--muted); border: 1px solid var(--rule); border-radius: 4px;
  padding: 0 5px; margin-right: 6px; }
.ev-when { font-variant-numeric: tabular-nums; color: var(--muted); margin-right: 6px;
  font-size: 0.9rem; }
.ev-text { overflow-wrap: anywhere; }
.evidence .prov { display: block; margin-top: 2px; }
.delays { padding-left: 1.2em; }
.delays li { margin: 0.2rem 0; }
.back { margin: 1.4rem 0 0; font-size: 0.88rem; }
.back a { text-decoration: none; }
.methods-text { columns: 2 24em; column-gap: 44px; background: var(--paper);
  border: 1px solid var(--rule); border-radius: 12px; padding: 10px 30px 14px; }
.method { break-inside: avoid; }
.methods h3 { font-size: 1.15rem; margin: 1.2rem 0 0.4rem; }
.methods p { margin: 0 0 0.8rem; font-size: 0.95rem; }
.footer { color: var(--muted); font-size: 0.85rem; padding-top: 24px; padding-bottom: 40px; }
@media (max-width: 760px) {
  body { font-size: 16px; }
  .masthead-inner, .page, .footer { padding-left: 16px; padding-right: 16px; }
  .masthead-inner { padding-top: 24px; }
  .claim { padding: 20px 16px 14px; border-radius: 10px; }
  .claim h3 { font-size: 1.25rem; }
  h2.part { font-size: 1.45rem; margin-top: 2.2rem; }
  .methods-text { padding: 4px 16px 12px; }
  .heatmap { padding: 8px 6px 10px; }
  .tile { padding: 12px 4px; }
  .verdict-table td.empty { display: none; }
  .triangle { padding: 10px; }
  .verdict-table, .verdict-table tbody, .verdict-table tr, .verdict-table td {
    display: block; width: 100%; min-width: 0 !important; }
  .verdict-table thead { display: none; }
  .verdict-table tr { border-bottom: 1px solid var(--rule); padding: 10px 14px 10px 18px;
    box-shadow: inset 4px 0 0 var(--accent); }
  .verdict-table tbody tr > td:first-child { box-shadow: none; }
  .verdict-table td { border: 0; padding: 4px 0; }
  .verdict-table td::before { content: attr(data-label); display: block; font-size: 0.72rem;
    font-weight: 700; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); }
  .verdict-table td:first-child::before, .verdict-table td:nth-child(3)::before {
    display: none; }
  .verdict-table .doc-row th { display: block; }
}
"""
