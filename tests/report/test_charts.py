"""Charts of dyad series: PNG and offline HTML, coverage gaps and breaks marked."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from matplotlib import image

from realpolitik.errors import UsageError
from realpolitik.measures.engines import duckdb_tables
from realpolitik.measures.series import BREAKS, SeriesOptions, dyad_panel
from realpolitik.report.charts import (
    _html_figure,
    _png_figure,
    _prepare,
    series_figure_html,
    series_figure_png,
    write_series_chart,
)
from realpolitik.store import Store

PERIODS = pd.date_range("2014-06-01", periods=24, freq="MS")  # break_gdelt2 (2015-02-19) inside
GAP = pd.Timestamp("2015-09-01")  # the one period with no data in the store
DISTINCTIVE = 123.456789
TITLE = "RUS ↔ USA, monthly"


def dyad_frame() -> pd.DataFrame:
    """Two directed dyads over 24 months, shaped like `dyad_panel`'s output."""
    rng = np.random.default_rng(7)
    rows = []
    for source, target, level in (("RUS", "USA", 40.0), ("USA", "RUS", 25.0)):
        for i, period in enumerate(PERIODS):
            covered = period != GAP
            count = float(rng.poisson(level)) if covered else 0.0
            goldstein = float(rng.normal(-0.5, 2.0) * count) if covered else 0.0
            rows.append(
                {
                    "source": source,
                    "target": target,
                    "period": period,
                    "count": count,
                    "goldstein": goldstein,
                    "goldstein_mean": goldstein / count if count else np.nan,
                    "quad_net": float(rng.integers(-20, 20)) if covered else 0.0,
                    "coverage": 1.0 if covered else 0.0,
                    "dedup_ratio": 0.9,
                }
            )
            if source == "RUS" and i == 5:
                rows[-1]["goldstein"] = DISTINCTIVE
    frame = pd.DataFrame(rows)
    ends = frame["period"] + pd.offsets.MonthBegin(1)
    for brk in BREAKS:
        overlaps = ends > pd.Timestamp(brk.start)
        if brk.end:
            overlaps &= frame["period"] < pd.Timestamp(brk.end)
        frame[brk.name] = overlaps.astype(int)
    return frame


def test_png_is_a_real_png_of_the_expected_size(tmp_path: Path) -> None:
    out = series_figure_png(dyad_frame(), tmp_path / "chart.png", TITLE, ["count", "goldstein"])
    assert out == tmp_path / "chart.png"
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    height, width = image.imread(out).shape[:2]
    assert (width, height) == (1600, 900)


def test_png_grows_taller_with_many_measures(tmp_path: Path) -> None:
    out = series_figure_png(dyad_frame(), tmp_path / "all.png", TITLE)
    height, width = image.imread(out).shape[:2]
    assert width == 1600
    assert height >= 900


def test_png_panels_lines_gap_and_break() -> None:
    chart = _prepare(dyad_frame(), None)
    figure = _png_figure(chart, TITLE)
    axes = figure.axes
    assert [ax.get_ylabel() for ax in axes] == ["count", "goldstein", "goldstein_mean", "quad_net"]
    top = axes[0]
    assert [line.get_label() for line in top.get_lines() if not line.get_label().startswith("_")]
    assert [t.get_text() for t in top.get_legend().get_texts()][:2] == ["RUS→USA", "USA→RUS"]
    assert any("coverage 0" in t.get_text() for t in top.get_legend().get_texts())
    assert "1: 2015-02-19 GDELT 2.0 starts" in [t.get_text() for t in top.get_legend().get_texts()]
    assert [t.get_text() for t in top.texts] == ["1"]  # the break's number by its line
    assert any("coverage 0" in t.get_text() for t in figure.texts)
    # the uncovered month is one shaded span and its zeros are not drawn as values
    assert chart.gaps == [(GAP, pd.Timestamp("2015-10-01"))]
    assert [m.label for m in chart.breaks] == ["GDELT 2.0 starts"]
    rus = chart.lines[0].rows
    assert rus.loc[rus["period"] == GAP, "count"].isna().all()


def test_html_is_offline_and_holds_the_values(tmp_path: Path) -> None:
    out = series_figure_html(dyad_frame(), tmp_path / "chart.html", TITLE)
    page = out.read_text(encoding="utf-8")
    assert str(DISTINCTIVE) in page
    assert "plotly.js" in page.lower() or "Plotly.newPlot" in page
    assert "Plotly.newPlot" in page
    assert len(page) > 1_000_000  # plotly.js itself is in the file
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, flags=re.IGNORECASE)
    assert '<script src="http' not in page
    assert "RUS→USA" in page or "RUS\\u2192USA" in page
    assert "coverage" in page


def test_html_traces_hover_gap_and_break() -> None:
    figure = _html_figure(_prepare(dyad_frame(), ["count", "goldstein"]), TITLE)
    assert len(figure.data) == 4  # two measures × two dyads
    assert {t.name for t in figure.data} == {"RUS→USA", "USA→RUS"}
    hover = figure.data[0].hovertemplate
    assert "%{x|%Y-%m-%d}" in hover and "%{y" in hover and "coverage" in hover
    shapes = json.loads(figure.to_json())["layout"]["shapes"]
    assert [s["type"] for s in shapes].count("rect") == 2  # one gap, in each panel
    assert [s["type"] for s in shapes].count("line") == 2  # one break, in each panel
    assert sum(bool(s.get("showlegend")) for s in shapes) == 2  # each named once
    assert "1: 2015-02-19 GDELT 2.0 starts" in [s["name"] for s in shapes]
    assert any(
        "GDELT 2.0 starts (translingual" in (a.hovertext or "") for a in figure.layout.annotations
    )
    assert figure.data[0].y[PERIODS.get_loc(GAP)] is None


def test_write_series_chart_chooses_by_suffix(tmp_path: Path) -> None:
    frame = dyad_frame()
    png = write_series_chart(frame, tmp_path / "a.PNG", TITLE, ["count"])
    assert png.read_bytes()[:4] == b"\x89PNG"
    page = write_series_chart(frame, tmp_path / "a.html", TITLE, ["count"])
    assert page.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")


@pytest.mark.parametrize("name", ["chart.svg", "chart.pdf", "chart"])
def test_unknown_suffix_is_a_usage_error(tmp_path: Path, name: str) -> None:
    suffix = Path(name).suffix
    with pytest.raises(UsageError, match=re.escape(repr(suffix)) if suffix else "no suffix"):
        write_series_chart(dyad_frame(), tmp_path / name, TITLE)
    assert not (tmp_path / name).exists()


def test_measures_subset(tmp_path: Path) -> None:
    frame = dyad_frame()
    figure = _png_figure(_prepare(frame, ["quad_net"]), TITLE)
    assert [ax.get_ylabel() for ax in figure.axes] == ["quad_net"]
    page = series_figure_html(frame, tmp_path / "q.html", TITLE, ["count"]).read_text("utf-8")
    assert str(DISTINCTIVE) not in page  # goldstein was left out
    assert "count" in page


def test_unknown_measure_and_empty_frame_are_usage_errors(tmp_path: Path) -> None:
    frame = dyad_frame()
    with pytest.raises(UsageError, match="quad4"):
        series_figure_png(frame, tmp_path / "x.png", TITLE, ["count", "quad4"])
    with pytest.raises(UsageError, match="no rows"):
        series_figure_png(frame.iloc[0:0], tmp_path / "x.png", TITLE)
    with pytest.raises(UsageError, match="no such folder"):
        series_figure_png(frame, tmp_path / "missing" / "x.png", TITLE)


def test_the_input_frame_is_left_alone(tmp_path: Path) -> None:
    frame = dyad_frame()
    before = frame.copy()
    series_figure_png(frame, tmp_path / "x.png", TITLE)
    pd.testing.assert_frame_equal(frame, before)


def test_charts_of_a_real_dyad_panel(tmp_path: Path) -> None:
    """End to end: a store, `dyad_panel` and both charts (February has no data at all)."""
    events = [
        ("e1", "2020-01-05", "RUS", "USA", 1, 1.9),
        ("e2", "2020-01-20", "USA", "RUS", 4, -10.0),
        ("e3", "2020-03-02", "RUS", "USA", 3, -2.0),
        ("e4", "2020-04-11", "USA", "RUS", 1, 3.0),
    ]
    path = tmp_path / "events.jsonl"
    path.write_text(
        "".join(
            json.dumps(
                {
                    "event_id": i,
                    "date": d,
                    "source": s,
                    "target": t,
                    "cameo": "042",
                    "quad_class": q,
                    "goldstein": g,
                }
            )
            + "\n"
            for i, d, s, t, q, g in events
        )
    )
    with Store(tmp_path / "s.duckdb") as store:
        store.ingest(path)
    options = SeriesOptions(
        measures=("count", "goldstein"), start=date(2020, 1, 1), end=date(2020, 4, 30)
    )
    panel = dyad_panel(duckdb_tables(tmp_path / "s.duckdb")["events"], options, ["RUS", "USA"])
    chart = _prepare(panel, None)
    assert chart.measures == ["count", "goldstein"]
    assert [line.label for line in chart.lines] == ["RUS→USA", "USA→RUS"]
    assert chart.gaps == [(pd.Timestamp("2020-02-01"), pd.Timestamp("2020-03-01"))]
    assert write_series_chart(panel, tmp_path / "p.png", "RUS–USA").stat().st_size > 10_000
    page = write_series_chart(panel, tmp_path / "p.html", "RUS–USA").read_text("utf-8")
    assert "-10.0" in page
