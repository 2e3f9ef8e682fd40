"""The claims report: one self-contained page with every claim, its verdict in words and
colour, the charts and tables behind it, escaped input, plotly.js inlined once, no request to
any server; and the same page in a real headless browser (Debian's chromium through
Playwright): every chart drawn, no error, nothing injected runs, no horizontal scroll on a
phone, screenshots at laptop and phone sizes."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pytest
from plotly.io.json import to_json_plotly
from plotly.offline import get_plotlyjs

from realpolitik.analysis.cell import CellSpec
from realpolitik.analysis.claims import (
    CheckResult,
    ClaimResult,
    DelayTimeline,
    DocumentCheck,
    Evidence,
    Milestone,
)
from realpolitik.analysis.dependence import DependenceOptions, DependenceResult, triangle_test
from realpolitik.analysis.verdict import CONTRADICTED, INCONCLUSIVE, SUPPORTED, adjust, tally
from realpolitik.errors import UsageError
from realpolitik.report.html import render_report, write_report
from tests.analysis.triangles import var_frame

if TYPE_CHECKING:
    from playwright.sync_api import Browser

OPTIONS = DependenceOptions(bootstrap=100, power_replications=50)
SCRIPT = "<script>alert(1)</script>"
IMAGE = '"><img src=x onerror=alert(1)>'
HOSTILE = f"{SCRIPT} and {IMAGE} & $5"
"""Text an input could carry: it must show as text and run nothing."""
BROWSER_HOSTILE = (
    "<script>window.__pwned = 1</script>"
    '"><img src=x onerror="window.__pwnedImage = 1"> <b>not bold</b>'
)
"""The same for the browser test, with effects it can see."""
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def simulated_frame(periods: int = 200, effect: float = -0.4, seed: int = 3) -> pd.DataFrame:
    """The triangle's six series, a VAR(1) in which RUS→USA moves RUS→IRN a month later, with
    four months in which the source has no data at all."""
    index = pd.date_range("2005-01-01", periods=periods, freq="MS")
    frame = 10 * var_frame(index, effect, seed)
    frame.iloc[90:94] = np.nan
    return frame


@pytest.fixture(scope="module")
def dependence() -> DependenceResult:
    return triangle_test(simulated_frame(), "RUS-IRN", "RUS-USA", "month", OPTIONS)


def grid_of(result: DependenceResult) -> DependenceResult:
    """The result's cell as a grid of three: as GDELT 2.0 events (so the source's breaks fall
    in the chart), as ICEWS events without responses, and one that could not be tested."""
    cell = result.primary
    cells = [
        replace(cell, spec=CellSpec("month", "goldstein", origin="gdelt2")),
        replace(cell, spec=CellSpec("month", "quad_net", origin="icews"), irf={}),
        replace(
            cell,
            spec=CellSpec("week", "goldstein", origin="icews"),
            status="too_few_periods",
            reason="12 weekly periods leave 2 residual degrees of freedom",
            irf={},
            power=None,
        ),
    ]
    adjust(cells)
    counted = tally(cells, result.options.expect, result.options.alpha)
    return replace(result, cells=cells, tally=counted)


def delay_timeline(hostile: str) -> DelayTimeline:
    years = pd.date_range("1985-01-01", "2013-01-01", freq="YS")
    values = np.linspace(0.3, 0.1, len(years)) + 0.02 * np.sin(np.arange(len(years)))
    return DelayTimeline(
        milestones=[
            Milestone("signed", "1995-01-08", True, "seed.yaml:20"),
            Milestone("promised", "2001", True, "seed.yaml:20"),
            Milestone("commissioning", "2011-09", True, "seed.yaml:20"),
            Milestone("operational_control", "2013-09", True, "seed.yaml:20"),
            Milestone("NCA: cooperation agreement", "1995", False, "nca_df.rda: row 812"),
            Milestone(f"SIPRI: delivered {hostile}", "2012", False, f"sipri.csv: row 9 {hostile}"),
        ],
        delays=[
            {"from": "signed 1995-01-08", "to": "promised 2001", "years": 6.0},
            {"from": "promised 2001", "to": "commissioning 2011-09", "years": 10.7},
        ],
        driver="RUS–USA",
        driver_measure="unga_agreement",
        driver_series=pd.DataFrame({"period": years, "value": values}),
        window=("1995", "2013"),
        comparison={
            "during": float(values[10:].mean()),
            "before": float(values[:10].mean()),
            "years_during": list(range(1995, 2014)),
            "years_before": list(range(1985, 1995)),
        },
    )


def claims(dependence: DependenceResult, hostile: str = HOSTILE) -> list[ClaimResult]:
    """One claim of each kind, and one that could not be checked, with `hostile` text in
    every place an input can put text."""
    votes = pd.DataFrame(
        {
            "resolution": [1737, 1929],
            "date": [pd.Timestamp("2006-12-23"), pd.Timestamp("2010-06-09")],
            "vote": ["yes", "yes or abstain"],
            "proof": ["proven: adopted unanimously", "consistent: 12-2-1"],
            "provenance": ["unsc_resolutions: S/RES/1737 (row 1)", f"row 2 {hostile}"],
        }
    )
    vetoes = pd.DataFrame(
        {
            "draft": ["S/2018/156"],
            "date": [pd.Timestamp("2018-02-26").date()],
            "meeting": ["S/PV.8190"],
            "agenda": ["Middle East (Yemen)"],
            "sources": [2],
            "note": [None],
            "provenance": ["unsc_vetoes_1946_sept2022.csv: line 301"],
        }
    )
    events = pd.DataFrame(
        {
            "event_id": ["icews:2017-11-01:7"],
            "date": [pd.Timestamp("2017-11-01")],
            "source": ["RUS"],
            "target": ["IRN"],
            "cameo": ["042"],
            "goldstein": [1.9],
            "origin": ["icews"],
            "origin_ref": ["events.2017.tab:8812"],
            "text": [f"Putin meets Khamenei in Tehran {hostile}"],
        }
    )
    arms = pd.DataFrame(
        {
            "sipri_id": [59015],
            "designation": ["S-300PMU2"],
            "order_year": [2015],
            "delivery_years": ["2016"],
            "tiv_delivered": [1000.0],
            hostile: ["a column named by an input"],
            "provenance": ["sipri_trade_register_2000_2023.csv: row 4711"],
        }
    )
    record = Evidence("a record", f"file.csv: row 1 {hostile}", when="2016")
    return [
        ClaimResult(
            id="dependent-variable",
            kind="dependence",
            text="Russia's ties with Iran follow its relations with the United States.",
            origin_ref="article:3:120-214",
            line=8,
            verdict=dependence.verdict,
            reason=dependence.reason,
            evidence=[Evidence(dependence.sample_note, "realpolitik depends …", kind="test")],
            caveats=list(dependence.notes),
            fields={"id": "dependent-variable", "kind": "dependence", "dependent": "RUS-IRN"},
            dependence=dependence,
        ),
        ClaimResult(
            id="no-function-of",
            kind="dependence",
            line=16,
            verdict=INCONCLUSIVE,
            reason="The versions of the test disagree.",
            fields={
                "id": "no-function-of",
                "kind": "dependence",
                "dependent": "RUS-IRN",
                "driver": "RUS-USA",
                "negated": True,
            },
            dependence=grid_of(dependence),
        ),
        ClaimResult(
            id="bushehr",
            kind="delay",
            text=f"Bushehr was commissioned only in 2011. {hostile}",
            line=24,
            verdict=INCONCLUSIVE,
            reason=f"The records confirm the agreement but not when it was carried out. {hostile}",
            evidence=[record],
            caveats=[f"a caveat {hostile}"],
            fields={"id": "bushehr", "kind": "delay", "subject": hostile},
            delay=delay_timeline(hostile),
        ),
        ClaimResult(
            id="unsc-iran",
            kind="vote",
            text=hostile,
            origin_ref=hostile,
            line=40,
            verdict=INCONCLUSIVE,
            reason="The tallies prove RUS's yes on 1 of 2 resolutions.",
            evidence=[Evidence(f"S/RES/1737: proven {hostile}", "unsc_resolutions: row 1")],
            fields={"id": "unsc-iran", "kind": "vote", "note": hostile},
            table=votes,
        ),
        ClaimResult(
            id="veto-2018",
            kind="veto",
            line=47,
            verdict=SUPPORTED,
            reason="The veto lists record RUS's veto of S/2018/156 on 2018-02-26.",
            fields={"id": "veto-2018", "kind": "veto", "actor": "RUS", "date": "2018-02-26"},
            table=vetoes,
        ),
        ClaimResult(
            id=f"putin-in-tehran {hostile}",
            kind="event",
            line=52,
            verdict=SUPPORTED,
            reason="The store holds 1 RUS→IRN event with CAMEO 04 in 2017-11.",
            fields={"kind": "event", "source": "RUS", "target": "IRN", "cameo": "04"},
            table=events,
        ),
        ClaimResult(
            id="s300",
            kind="arms",
            line=60,
            verdict=CONTRADICTED,
            reason="SIPRI records deliveries of S-300PMU2 in 2016, not in 2010.",
            fields={"id": "s300", "kind": "arms", "weapon": "S-300", "delivered": 2010},
            table=arms,
        ),
        ClaimResult(
            id="veto-bad-date",
            kind="veto",
            line=66,
            verdict=INCONCLUSIVE,
            reason="Not checked: date '2018-02-30' is not a date.",
            error="date '2018-02-30' is not a date (YYYY-MM-DD, YYYY-MM or YYYY)",
            fields={"id": "veto-bad-date", "kind": "veto", "date": "2018-02-30"},
        ),
    ]


def check_result(dependence: DependenceResult, hostile: str = HOSTILE) -> CheckResult:
    return CheckResult(
        documents=[
            DocumentCheck(
                path="examples/claims/seed-claims.yaml",
                title=f"Does Moscow trade Tehran for Washington? {hostile}",
                published="2018-06-04",
                claims=claims(dependence, hostile),
            )
        ],
        store="rp.duckdb",
        files=[
            {
                "file": f"examples/records/unsc_vetoes.csv {hostile}",
                "sha256": "ab" * 32,
                "format": "unsc-vetoes",
                "rows_stored": 301,
            }
        ],
        notes=[f"The example event files are synthetic. {hostile}"],
    )


@pytest.fixture(scope="module")
def page(dependence: DependenceResult) -> str:
    return render_report(check_result(dependence))


class _Tags(HTMLParser):
    """Every start tag with its attributes (script and style contents are not parsed)."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def in_chart(page: str, text: str) -> bool:
    """Whether `text` is in a chart's data (Plotly's JSON writes non-ASCII as \\u escapes)."""
    return to_json_plotly(text)[1:-1] in page


def test_every_claim_has_a_row_a_section_and_its_verdict_in_words(page: str) -> None:
    ids = [t[1].get("id") for t in tags(page)]
    for number in range(1, 9):
        assert f"claim-{number}" in ids
        assert f'href="#claim-{number}"' in page
        assert f"claim-{number}-evidence" in ids
    for name in ("dependent-variable", "no-function-of", "bushehr", "unsc-iran", "s300"):
        assert page.count(name) >= 2  # the verdict table and the claim's section
    for words in ("Supported", "Contradicted", "Inconclusive", "Could not be checked"):
        assert words in page
    assert "8 claims: 2 supported, 1 contradicted, 4 inconclusive and 1 could not be checked." in (
        html.unescape(page)
    )


def test_every_input_text_is_escaped(page: str) -> None:
    assert SCRIPT not in page
    assert "<img src=x onerror=" not in page
    # nor in the charts' data, which Plotly would render as HTML (its JSON writes < as \u003c)
    assert "\\u003cscript\\u003e" not in page
    assert "\\u003cimg" not in page
    shown = page.replace("\\u002f", "/").replace("\\u0026", "&")
    assert shown.count(html.escape(SCRIPT, quote=False)) >= 10  # as text, page and charts
    assert html.escape(IMAGE) in page
    assert page.count("<script") == 1 + page.count('class="plotly-graph-div"')


def test_plotly_js_is_inlined_once_and_nothing_is_fetched(page: str) -> None:
    plotly_js = get_plotlyjs()
    assert page.count(plotly_js[:500]) == 1
    # the series and the responses of both dependence claims, and the delay's timeline
    assert page.count("Plotly.newPlot(") == page.count('class="plotly-graph-div"') == 5
    for tag, attrs in tags(page):
        assert tag not in ("link", "iframe", "img", "object", "embed"), tag
        if tag == "script":
            assert "src" not in attrs
        for name in ("src", "href", "action", "srcset", "poster", "data"):
            value = (attrs.get(name) or "").strip().lower()
            assert not re.match(r"(https?:)?//", value), (tag, name, value)
            assert not value.startswith(("http:", "https:", "javascript:")), (tag, name, value)
    style = page[page.index("<style>") : page.index("</style>")]
    assert "url(" not in style
    assert "@import" not in style


def test_verdict_table_states_each_verdict_in_words_and_colour(page: str) -> None:
    table = page[page.index('class="verdict-table"') : page.index('id="claims"')]
    rows = re.findall(r'<tr class="v-([a-z-]+)">(.*?)</tr>', table)
    assert [state for state, _ in rows] == [
        "inconclusive",
        "inconclusive",
        "inconclusive",
        "inconclusive",
        "supported",
        "supported",
        "contradicted",
        "not-checked",
    ]
    words = {"supported": "Supported", "contradicted": "Contradicted"}
    for state, row in rows:
        assert (
            words.get(state, "Inconclusive" if state == "inconclusive" else "Could not be") in row
        )
    assert "Could not be checked: date &#x27;2018-02-30&#x27; is not a date" in table
    assert "examples/claims/seed-claims.yaml:66" in table
    assert "The veto lists record RUS&#x27;s veto of S/2018/156 on 2018-02-26." in table


def test_dependence_sections_draw_the_test(page: str, dependence: DependenceResult) -> None:
    cell = dependence.primary
    assert page.count('class="triangle-svg"') == 2
    assert html.escape(dependence.sample_note) in page
    assert f"{cell.granger_forward.f:.2f} ({cell.granger_forward.df}, " in page
    assert f"{cell.ty_reverse.wald:.2f} ({cell.ty_reverse.df})" in page
    assert "1 cell could not be tested: 1 too few periods</summary>" in page
    assert "too few periods, 12 weekly periods leave 2 residual degrees of freedom" in page
    assert page.count('<details class="rule"><summary>The verdict rule</summary>') == 2
    assert "Benjamini–Hochberg adjusts the p-values across all the cells" in page
    assert "GDELT 2.0 starts" in page  # a break of the GDELT 2.0 cell's source, in its chart
    assert in_chart(page, "driver first: sum over 1–3")  # the responses, both orderings
    assert in_chart(page, "driver last: sum over 1–3")
    assert page.count('class="tile') == 2 + 2 + 2  # tested cells × directions


def test_delay_section_draws_the_timeline_and_says_what_the_driver_did(page: str) -> None:
    section = page[page.index('id="claim-3"') : page.index('id="claim-4"')]
    for text in ("operational_control", "nca_df.rda: row 812", "10.7 years", "unga_agreement"):
        assert text in section
    assert "lower during the delay: a cooler relation by this measure" in section
    assert "recorded in the data" in section  # claimed and recorded milestones told apart
    assert html.escape(f"sipri.csv: row 9 {SCRIPT}", quote=False) in section.replace(
        "\\u0026", "&"
    )  # provenance on hover, in the chart's data


@pytest.mark.parametrize(
    ("number", "columns", "provenance"),
    [
        (4, ("resolution", "vote", "proof"), "unsc_resolutions: S/RES/1737 (row 1)"),
        (5, ("draft", "meeting", "agenda", "sources", "note"), "line 301"),
        (6, ("event_id", "cameo", "goldstein", "origin_ref", "text"), "events.2017.tab:8812"),
        (7, ("sipri_id", "designation", "tiv_delivered"), "sipri_trade_register_2000_2023.csv"),
    ],
)
def test_record_claims_show_every_column_with_provenance(
    page: str, number: int, columns: tuple[str, ...], provenance: str
) -> None:
    section = page[page.index(f'id="claim-{number}"') : page.index(f'id="claim-{number + 1}"')]
    table = section[section.index('<table class="data">') : section.index("</table>")]
    for column in columns:
        assert f">{column}</th>" in table
    assert provenance in table
    assert "provenance</th>" in table or "origin_ref</th>" in table


def test_every_claim_shows_its_evidence_text_origin_and_fields(page: str) -> None:
    section = page[page.index('id="claim-1"') : page.index('id="claim-2"')]
    assert "realpolitik depends …" in section
    assert "Found at <code>article:3:120-214</code>" in section
    assert "kind: dependence" in section  # the fields as written
    assert "examples/claims/seed-claims.yaml:8" in section
    errors = page[page.index('id="claim-8"') : page.index('id="methods"')]
    assert "This claim could not be checked: date &#x27;2018-02-30&#x27;" in errors


def test_methods_and_the_stores_files(page: str) -> None:
    methods = page[page.index('id="methods"') : page.index('id="provenance"')]
    assert "Uncovered periods are unknown, not quiet" in methods
    assert "What event data can and cannot prove" in methods
    provenance = page[page.index('id="provenance"') :]
    assert "ab" * 32 in provenance
    assert ">301<" in provenance
    assert "unsc-vetoes" in provenance


def test_write_report_writes_the_page(dependence: DependenceResult, tmp_path: Path) -> None:
    out = write_report(check_result(dependence), tmp_path / "report.html")
    assert out == tmp_path / "report.html"
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(UsageError, match="no such folder"):
        write_report(check_result(dependence), tmp_path / "missing" / "report.html")


def test_a_claim_without_text_is_summed_up_from_its_fields() -> None:
    bare = CheckResult(
        documents=[
            DocumentCheck(
                "a.yaml",
                "",
                "",
                [
                    ClaimResult(
                        "v",
                        "vote",
                        fields={"actor": "RUS", "resolutions": [1737, 1747], "expect": "yes"},
                    )
                ],
            )
        ],
        store="rp.duckdb",
    )
    page = render_report(bare)
    assert "RUS voted yes on resolutions 1737, 1747" in page
    assert "The store's ledger lists no files." in page


# --- in a real browser -------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless, driven by Playwright; skipped, saying how to install
    them, when either is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip(
            "Playwright is not installed, so the browser test cannot run: pip install -e "
            "'.[test]' (and Debian's chromium: apt-get install chromium)"
        )
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is missing, so the browser test cannot run: apt-get install chromium "
            "(make test installs it when run as root)"
        )
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


def test_the_page_in_a_browser(
    browser: Browser, dependence: DependenceResult, tmp_path: Path
) -> None:
    """The page with hostile text in a fresh browser context: nothing requested but the file,
    no error, every chart drawn, nothing injected run, no horizontal scroll on a phone."""
    report = write_report(check_result(dependence, BROWSER_HOSTILE), tmp_path / "report.html")
    url = report.as_uri()
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    problems: list[str] = []
    context.route(
        "**/*",
        lambda route: route.continue_() if route.request.url == url else route.abort(),
    )
    page.on("request", lambda request: requests.append(request.url))
    page.on(
        "console",
        lambda message: (
            problems.append(f"console {message.type}: {message.text}")
            if message.type in ("error", "assert")
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss())
    )
    page.goto(url, wait_until="load")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.plotly-graph-div')]"
        ".every(div => div.querySelector('svg.main-svg'))",
        timeout=20_000,
    )
    charts = page.evaluate(
        """() => [...document.querySelectorAll('.plotly-graph-div')].map(div => ({
            id: div.id,
            svgs: div.querySelectorAll('svg.main-svg').length,
            traces: (div._fullData || []).filter(t => t.visible !== false).length,
            drawn: div.querySelectorAll('g.trace path, g.trace .point').length,
        }))"""
    )
    assert len(charts) == 5
    for chart in charts:
        assert chart["svgs"] > 0 and chart["traces"] > 0 and chart["drawn"] > 0, chart
    assert page.locator("svg.triangle-svg").count() == 2
    assert page.locator("svg.triangle-svg circle").count() == 6
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => window.__pwnedImage") is None
    assert page.locator("img").count() == 0
    assert "<script>window.__pwned = 1</script>" in page.locator("#claim-4 h3").inner_text()
    assert page.locator("#claim-4 h3 b").count() == 0  # <b> shown as text, not bold
    page.screenshot(path=str(tmp_path / "report-1366.png"), full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function(  # Plotly redraws its charts to the new width on the resize event
        "() => [...document.querySelectorAll('svg.main-svg')]"
        ".every(svg => svg.getBoundingClientRect().right <= 390)",
        timeout=5_000,
    )
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(tmp_path / "report-390.png"), full_page=True)
    context.close()

    assert problems == []
    assert set(requests) == {url}, [r for r in requests if r != url]
    for name in ("report-1366.png", "report-390.png"):
        shot = (tmp_path / name).read_bytes()
        assert shot[:8] == b"\x89PNG\r\n\x1a\n"
        assert len(shot) > 50_000


def test_notes_instead_of_charts_many_rows_and_many_files(dependence: DependenceResult) -> None:
    """A test that could not run draws notes, not empty charts; a long table says how many
    rows it leaves out; two claims files are told apart."""
    failed = triangle_test(simulated_frame(12), "RUS-IRN", "RUS-USA", "month", OPTIONS)
    events = pd.DataFrame({"event_id": [f"e{i}" for i in range(250)], "origin_ref": "f.csv"})
    documents = [
        DocumentCheck(
            "a.yaml",
            "First article",
            "2018-06-04",
            [ClaimResult("d", "dependence", reason=failed.reason, dependence=failed)],
        ),
        DocumentCheck("b.yaml", "Second article", "", [ClaimResult("e", "event", table=events)]),
    ]
    page = render_report(CheckResult(documents, store="rp.duckdb"))
    assert "2 claims files checked" in page
    assert page.count('class="doc-row"') == 2
    assert "No impulse responses in any cell." in page
    assert 'class="plotly-graph-div"' in page  # the series, whose sample could not be modelled
    assert "No cell of the grid could be tested." in page
    assert "the robustness grid has nothing to show" in page
    assert "could not be tested: 1 too few periods" in page
    assert "The first 200 of 250 rows" in page
    assert ">e199<" in page and ">e200<" not in page
