"""Charts of a dependence test: PNG and offline HTML, the verdict and its reason, the series,
the impulse responses and the robustness grid, escaped text, and notes instead of empty panels."""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib import image
from matplotlib.colors import to_rgb
from plotly.io.json import to_json_plotly

from realpolitik.analysis.cell import CellSpec
from realpolitik.analysis.dependence import DependenceOptions, DependenceResult, triangle_test
from realpolitik.analysis.verdict import adjust
from realpolitik.errors import UsageError
from realpolitik.report.charts import NO_DATA_COLOR
from realpolitik.report.dependence import (
    NO_DATA_LABEL,
    VERDICT_COLORS,
    _html_figure,
    _png_figure,
    _prepare,
    write_dependence_chart,
)
from tests.analysis.triangles import var_frame

PERIODS = pd.date_range("2005-01-01", periods=200, freq="MS")
GAP = slice(90, 94)  # four months in which the source has no data at all
OPTIONS = DependenceOptions(bootstrap=100, power_replications=50)
HOSTILE = "Caution: <script>alert(1)</script> & $5 is not <b>bold</b>."


def simulated(periods: pd.DatetimeIndex = PERIODS, seed: int = 11) -> pd.DataFrame:
    """The triangle's six series, a VAR(1) in which RUS→USA moves RUS→IRN the next month
    (negatively), in Goldstein-like units, with no data in the GAP months."""
    frame = 10 * var_frame(periods, -0.4, seed)
    if len(frame) > GAP.stop:
        frame.iloc[GAP] = np.nan
    return frame


@pytest.fixture(scope="module")
def result() -> DependenceResult:
    return triangle_test(simulated(), "RUS-IRN", "RUS-USA", "month", OPTIONS)


@pytest.fixture(scope="module")
def failed() -> DependenceResult:
    """Twelve months: too few for any model, so no cell could be tested."""
    return triangle_test(simulated(PERIODS[:12]), "RUS-IRN", "RUS-USA", "month", OPTIONS)


def grid_of(result: DependenceResult, n: int) -> DependenceResult:
    """A grid of `n` cells made from the result's one cell, every fifth one without responses
    (as for a count measure) and the first of them too, q-values adjusted across them."""
    cell = result.primary
    cells = []
    for i in range(n):
        spec = CellSpec(
            ("week", "month")[i % 2],
            ("goldstein", "quad_net", "goldstein_mean")[i % 3],
            ("none", "total")[i // 24],
            ("none", "daily")[i // 12 % 2],
            ("gdelt2", "icews")[i // 6 % 2],
        )
        cells.append(replace(cell, spec=spec, irf={} if i % 5 == 0 else cell.irf))
    adjust(cells)
    return replace(result, cells=cells)


def page_has(page: str, text: str) -> bool:
    """Whether the page holds `text`, as written or as Plotly's JSON writes it."""
    return text in page or to_json_plotly(text)[1:-1] in page


def test_png_is_a_real_png_of_the_expected_size(result: DependenceResult, tmp_path: Path) -> None:
    out = write_dependence_chart(result, tmp_path / "dependence.png")
    assert out == tmp_path / "dependence.png"
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    height, width = image.imread(out).shape[:2]
    assert (width, height) == (1600, 1000)


def test_png_grows_taller_with_many_cells(result: DependenceResult, tmp_path: Path) -> None:
    out = write_dependence_chart(grid_of(result, 48), tmp_path / "grid.png")
    height, width = image.imread(out).shape[:2]
    assert width == 1600
    assert height > 48 * 25  # a readable row per cell


def test_png_headline_series_response_and_grid(result: DependenceResult) -> None:
    cell = result.primary
    chart = _prepare(result)
    figure = _png_figure(chart)
    series, response, grid = figure.axes
    texts = [t.get_text() for t in figure.texts]
    assert result.verdict.upper() in texts
    assert any(
        "Does RUS→IRN depend on RUS–USA?" in a.get_text() for a in figure.artists if a.get_text()
    )
    headline = next(t for t in figure.texts if t.get_text() == result.verdict.upper())
    assert headline.get_bbox_patch().get_facecolor()[:3] == pytest.approx(
        to_rgb(VERDICT_COLORS[result.verdict])
    )
    # the reason, whole, wrapped to lines no wider than the figure
    reason = next(t.get_text() for t in figure.texts if t.get_text().startswith(result.reason[:20]))
    assert " ".join(reason.split()) == " ".join(result.reason.split())
    assert max(len(line) for line in reason.splitlines()) <= 165

    # series: both, in their own units, the sample and the no-data months shaded
    legend = [t.get_text() for t in series.get_legend().get_texts()]
    assert legend[:2] == ["RUS→IRN (dependent)", "RUS→USA (driver)"]
    assert f"modelled sample, {cell.sample[0]} to {cell.sample[1]}" in legend
    assert NO_DATA_LABEL in legend
    assert cell.spec.label in series.get_legend().get_title().get_text().replace("\n", " ")
    drawn = series.get_lines()[0].get_ydata()
    assert np.isnan(drawn[GAP]).all()  # no data: a gap, not a value
    assert np.nanmax(np.abs(drawn)) > 5  # the measure's units, not standard deviations
    assert chart.series.gaps == [(PERIODS[GAP.start], PERIODS[GAP.stop])]
    assert chart.series.sample[0] == pd.Timestamp(cell.sample[0])
    shaded = [p.get_facecolor()[:3] for p in series.patches]
    assert any(c == pytest.approx(to_rgb(NO_DATA_COLOR)) for c in shaded)

    # impulse response: both orderings with their cumulative response, the horizon marked
    labels = [t.get_text() for t in response.get_legend().get_texts()]
    assert [label.split(":")[0] for label in labels] == ["driver first", "driver last"]
    horizon = result.options.horizon
    last = cell.irf["driver_last"]
    assert f"sum over 1–{horizon} {last.cumulative:+.2f}".replace("-", "−") in labels[1]
    assert any(list(line.get_xdata()) == [horizon, horizon] for line in response.get_lines())
    assert any(t.get_text() == f"horizon H = {horizon}" for t in response.texts)
    assert response.get_ylabel() == "response of RUS→IRN (SD)"

    # grid: the cell's row, −log10 q both ways, the threshold at −log10 α
    assert [t.get_text() for t in grid.get_yticklabels()] == [cell.spec.label]
    widths = sorted(p.get_width() for p in grid.patches)
    expected = sorted(-math.log10(max(q, 1e-12)) for q in (cell.q_forward, cell.q_reverse))
    assert widths == pytest.approx(expected)
    assert any(
        list(line.get_xdata()) == pytest.approx([-math.log10(0.05)] * 2)
        for line in grid.get_lines()
    )
    if cell.q_forward <= result.options.alpha:
        assert {"+": 1, "−": -1, "?": 0}[grid.texts[0].get_text()] == cell.sign


def test_grid_of_many_cells_keeps_every_label(result: DependenceResult) -> None:
    big = grid_of(result, 48)
    figure = _png_figure(_prepare(big))
    _, response, grid = figure.axes
    assert [t.get_text() for t in grid.get_yticklabels()] == [c.spec.label for c in big.cells]
    assert all(t.get_fontsize() >= 9 for t in grid.get_yticklabels())
    # the primary cell has no responses: the first cell that has them is drawn, and named
    title = response.get_legend().get_title().get_text().replace("\n", " ")
    assert big.cells[1].spec.label in title
    assert "the primary has none" in title


def test_html_is_offline_and_holds_verdict_and_reason(
    result: DependenceResult, tmp_path: Path
) -> None:
    out = write_dependence_chart(result, tmp_path / "dependence.html")
    page = out.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html>")
    assert "Plotly.newPlot" in page
    assert len(page) > 1_000_000  # plotly.js itself is in the file
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, flags=re.IGNORECASE)
    assert not re.search(r"https?://[^\"' ]*\.(?:css|woff2?|ttf)", page)  # no web fonts
    assert result.verdict.upper() in page
    assert f"<title>{result.verdict.upper()}: Does RUS→IRN depend on RUS–USA?" in page
    for word in html.escape(result.reason).split():
        assert page_has(page, word), word
    assert page_has(page, result.primary.spec.label)


def test_html_panels(result: DependenceResult) -> None:
    figure = _html_figure(_prepare(result))
    names = [t.name for t in figure.data if t.name]
    assert names[:2] == ["RUS→IRN (dependent)", "RUS→USA (driver)"]
    assert [n.split(":")[0] for n in names[2:4]] == ["driver first", "driver last"]
    assert names[4:] == ["RUS–USA → RUS–IRN", "RUS–IRN → RUS–USA"]
    series = figure.data[0]
    assert all(series.y[i] is None for i in range(GAP.start, GAP.stop))
    assert series.connectgaps is False
    fills = [t for t in figure.data if t.type == "scatter" and t.fill == "tonexty"]
    assert len(fills) == 2  # one band per ordering
    layout = json.loads(figure.to_json())["layout"]
    shape_names = [s.get("name", "") for s in layout["shapes"]]
    assert any(name.startswith("modelled sample") for name in shape_names)
    assert NO_DATA_LABEL in shape_names
    assert any(s.get("x0") == pytest.approx(-math.log10(0.05)) for s in layout["shapes"])
    assert layout["yaxis3"]["ticktext"] == [result.primary.spec.label]
    assert VERDICT_COLORS[result.verdict] in layout["title"]["text"]


def test_text_from_inputs_is_escaped(result: DependenceResult, tmp_path: Path) -> None:
    cell = replace(result.primary, spec=CellSpec("month", "goldstein", origin="<script>x</script>"))
    hostile = replace(result, reason=HOSTILE, cells=[cell])
    page = write_dependence_chart(hostile, tmp_path / "hostile.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in page
    assert "<script>x</script>" not in page
    assert "<b>bold</b>" not in page
    assert page_has(page, "&lt;script&gt;alert(1)&lt;/script&gt; &amp; $5 is not")
    assert page_has(page, "&lt;script&gt;x&lt;/script&gt;")
    # matplotlib draws it as written (a `$` would otherwise start mathtext)
    out = write_dependence_chart(hostile, tmp_path / "hostile.png")
    assert image.imread(out).shape[1] == 1600


@pytest.mark.parametrize("name", ["chart.svg", "chart.pdf", "chart"])
def test_unknown_suffix_is_a_usage_error(
    result: DependenceResult, tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    with pytest.raises(UsageError) as raised:
        write_dependence_chart(result, path)
    assert str(path) in str(raised.value)
    assert ".png or .html" in str(raised.value)
    assert not path.exists()


def test_missing_folder_is_a_usage_error(result: DependenceResult, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such folder"):
        write_dependence_chart(result, tmp_path / "nowhere" / "chart.png")


def test_suffix_in_capitals(result: DependenceResult, tmp_path: Path) -> None:
    out = write_dependence_chart(result, str(tmp_path / "chart.PNG"))
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_failed_cells_draw_notes_instead_of_panels(
    failed: DependenceResult, tmp_path: Path
) -> None:
    cell = failed.primary
    assert cell.status == "too_few_periods"
    chart = _prepare(failed)
    assert isinstance(chart.response, str)
    assert "too_few_periods" in chart.response and cell.spec.label in chart.response
    assert [row.label for row in chart.rows] == [f"{cell.spec.label} — too_few_periods"]
    assert not chart.rows[0].tested

    figure = _png_figure(chart)
    series, response, grid = figure.axes
    assert len(series.get_lines()) >= 2  # the twelve months are still drawn
    assert not response.axison
    assert "could not be tested" in response.texts[0].get_text().replace("\n", " ")
    assert [t.get_text() for t in grid.texts] == ["not tested"]
    assert not grid.patches  # no bars

    png = write_dependence_chart(failed, tmp_path / "failed.png")
    assert image.imread(png).shape[:2] == (1000, 1600)
    page = write_dependence_chart(failed, tmp_path / "failed.html").read_text(encoding="utf-8")
    assert "not tested" in page
    assert page_has(page, "too_few_periods")


@pytest.mark.parametrize(("stable", "expected"), [(True, "no direction"), (False, "not stable")])
def test_no_responses_in_any_cell_is_a_note(
    result: DependenceResult, stable: bool, expected: str
) -> None:
    cells = [replace(cell, irf={}, stable=stable) for cell in result.cells]
    chart = _prepare(replace(result, cells=cells))
    assert isinstance(chart.response, str)
    assert expected in chart.response
    significant = result.primary.q_forward <= result.options.alpha
    assert chart.rows[0].mark == ("·" if significant else "")  # significant, but no sign
    figure = _html_figure(chart)
    assert figure.layout.xaxis2.visible is False
    assert any(expected in (a.text or "").replace("<br>", " ") for a in figure.layout.annotations)
