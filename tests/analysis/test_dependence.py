"""The dependence test end to end: simulated triangles written by the tests (a known effect,
none, the reverse only), real yearly records, and the grid's bookkeeping."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from statsmodels.tsa.api import VAR

from realpolitik.analysis.dependence import (
    DependenceOptions,
    dependence_test,
    grid,
    triangle_test,
)
from realpolitik.errors import UsageError
from realpolitik.measures.engines import duckdb_tables
from realpolitik.store import Store
from tests.analysis.triangles import SERIES, triangle_events, warmth, write_events
from tests.conftest import raw_file

FAST = {"bootstrap": 150, "power_replications": 60}


def simulated_store(path: Path, *origins: tuple[str, float, float]) -> dict:
    """A store of simulated triangles, one per (origin, effect, reverse), ten years weekly."""
    with Store(path) as store:
        for i, (origin, effect, reverse) in enumerate(origins):
            rows = triangle_events(520, effect, reverse, seed=11 + i, origin=origin)
            store.ingest(write_events(rows, path.with_name(f"{origin}.jsonl")))
    return duckdb_tables(path)


@pytest.mark.parametrize(
    ("effect", "reverse", "verdict"),
    [(-0.5, 0.0, "supported"), (0.0, 0.0, "inconclusive"), (0.0, -0.5, "contradicted")],
)
def test_simulated_triangles_get_the_verdict_their_design_implies(
    tmp_path: Path, effect: float, reverse: float, verdict: str
) -> None:
    tables = simulated_store(tmp_path / "s.duckdb", ("simulated", effect, reverse))
    result = dependence_test(tables, "RUS-IRN", "RUS-USA", DependenceOptions(**FAST))
    assert result.verdict == verdict, result.reason
    assert len(result.cells) == 16 and all(c.ok for c in result.cells)
    weekly = result.primary
    assert (weekly.nobs, weekly.sample[0]) == (520, "2006-01-02")
    assert weekly.parameters == {
        "var": 6 * weekly.lags + 1,
        "toda_yamamoto": 6 * (weekly.lags + weekly.d_max) + 1,
    }
    assert result.sample_note.startswith(
        "Samples: 520 weekly periods, 120 monthly periods in 16 of 16 versions tested; power "
        "against a 0.2 SD effect:"
    )
    if verdict == "supported":
        assert result.tally.forward == 16 and weekly.sign == -1
        assert "a rise in RUS→USA was followed by a fall in RUS→IRN" in result.reason
    if verdict == "contradicted":
        assert result.reason.startswith("Only the reverse direction holds")


def test_no_effect_is_supported_in_no_more_than_the_nominal_share_of_seeds() -> None:
    verdicts = Counter()
    for seed in range(40):
        latent = warmth(400, effect=0.0, reverse=0.0, seed=seed)
        frame = pd.DataFrame(latent, columns=list(SERIES)).set_axis(
            pd.date_range("2000-01-03", periods=400, freq="W-MON")
        )
        result = triangle_test(frame, "RUS-IRN", "RUS-USA", "week", DependenceOptions(**FAST))
        verdicts[result.verdict] += 1
    assert verdicts["supported"] <= 3, verdicts  # 5 % of 40 is 2


def test_a_known_effect_on_given_series_is_supported() -> None:
    latent = warmth(400, effect=-0.3, reverse=0.0, seed=0)
    frame = pd.DataFrame(
        latent, columns=["RUS-IRN", "IRN-RUS", "RUS-USA", "USA-RUS", "IRN-USA", "USA-IRN"]
    )
    result = triangle_test(frame, "RUS-IRN", "RUS-USA", "week", DependenceOptions(**FAST))
    assert result.verdict == "supported"
    assert result.primary.spec.origin == "given"
    assert result.primary.sample == ("0", "399")


def test_thirteen_years_of_real_icews_dyad_counts_are_too_few() -> None:
    path = raw_file("icews_dyadyear/derived_netify_icews_RUS_IRN_USA_dyadyear.csv")
    counts = pd.read_csv(path)
    counts["quad_net"] = counts.verbCoop + counts.matlCoop - counts.verbConf - counts.matlConf
    counts["dyad"] = counts.i_iso3c + "-" + counts.j_iso3c
    frame = counts.pivot(index="year", columns="dyad", values="quad_net")
    assert frame.shape == (13, 6)
    result = triangle_test(frame, "RUS-IRN", "RUS-USA", "year", DependenceOptions(**FAST))
    assert result.verdict == "inconclusive"
    assert result.reason.startswith("Too few periods: 13 yearly periods leave")
    assert result.primary.status == "too_few_periods"


def test_yearly_vote_agreement_from_the_real_records(records_tables) -> None:
    options = DependenceOptions(
        freqs=("year",), measures=("unga_agreement", "idealpoint_distance"), **FAST
    )
    result = dependence_test(records_tables, "RUS-IRN", "RUS-USA", options)
    votes = result.cells[0]
    assert votes.spec.label == "year · unga_agreement · records"
    assert votes.ok and votes.sample == ("1965-01-01", "2020-01-01") and votes.nobs == 56
    # the agreement is symmetric: each relation enters once
    assert {s.name: s.use for s in votes.series}["IRN→RUS"] == "merged"
    assert votes.dependent == "RUS–IRN" and votes.driver == "RUS–USA"
    assert votes.values.loc["2007-01-01", "RUS→USA"] == pytest.approx(0.129, abs=5e-4)
    # the Granger test is statsmodels' on the standardised three relations
    y = votes.values.loc["1965":"2020", ["RUS→IRN", "RUS→USA", "IRN→USA"]].to_numpy(float)
    y = (y - y.mean(axis=0)) / y.std(axis=0, ddof=1)
    expected = VAR(y).fit(votes.lags).test_causality(0, 1, kind="f").pvalue
    assert votes.granger_forward.p_f == pytest.approx(expected)
    assert result.verdict == "inconclusive"
    assert result.origins[0]["origin"] == "records"
    json.dumps(result.to_dict(), allow_nan=False)


def test_the_grid_leaves_out_yearly_records_at_other_frequencies() -> None:
    options = DependenceOptions(freqs=("month", "year"), measures=("goldstein", "arms_tiv"))
    specs, notes = grid(options, ["gdelt2", "icews"])
    labels = [s.label for s in specs]
    assert len(specs) == 2 * 2 * 2 * 2 + 1  # freq × norm × dedup × origin, and the record
    assert labels[0] == "month · goldstein · raw · all events · gdelt2"
    assert "year · arms_tiv · records" in labels
    assert notes == ["arms_tiv is a yearly record indicator: not tested by month"]
    with pytest.raises(UsageError, match="need --freq year"):
        grid(DependenceOptions(freqs=("week",), measures=("arms_tiv",)), ["all"])


def test_each_source_is_asked_separately_and_a_dissenting_one_is_named(tmp_path: Path) -> None:
    tables = simulated_store(
        tmp_path / "three.duckdb",
        ("wire_a", -0.5, 0.0),
        ("wire_b", -0.5, 0.0),
        ("wire_c", 0.0, 0.0),
    )
    options = DependenceOptions(
        freqs=("week",), measures=("goldstein",), normalizations=("none",), dedups=("none",)
    )
    result = dependence_test(tables, "RUS-IRN", "RUS-USA", replace(options, **FAST))
    assert [c.spec.origin for c in result.cells] == ["wire_a", "wire_b", "wire_c"]
    by_origin = {row["origin"]: row for row in result.origins}
    assert [by_origin[o]["forward_significant"] for o in ("wire_a", "wire_b", "wire_c")] == [
        1,
        1,
        0,
    ]
    assert by_origin["wire_a"]["events"] > 30_000
    assert result.verdict == "inconclusive"
    assert result.reason.startswith("Sources disagree: RUS–USA predicted RUS→IRN in 2 of 3")
    assert "wire_c finds no effect (0 of 1 cells, median power" in result.reason
    assert result.provenance["series"]["week · goldstein · raw · all events · wire_c"] == (
        "--freq week --measure goldstein --normalize none --dedup none --origin wire_c"
    )
    assert {f["file"] for f in result.provenance["files"]} == {
        str(tmp_path / f"{origin}.jsonl") for origin in ("wire_a", "wire_b", "wire_c")
    }


def test_the_same_seed_gives_the_same_numbers(tmp_path: Path) -> None:
    tables = simulated_store(tmp_path / "s.duckdb", ("simulated", -0.3, 0.0))
    options = DependenceOptions(freqs=("month",), dedups=("none",), normalizations=("none",))
    first = dependence_test(tables, "RUS-IRN", "RUS-USA", options).to_dict()
    again = dependence_test(tables, "RUS-IRN", "RUS-USA", options).to_dict()
    assert first == again
    other = dependence_test(tables, "RUS-IRN", "RUS-USA", replace(options, seed=1)).to_dict()
    assert other["cells"][0]["irf"] != first["cells"][0]["irf"]
    assert other["cells"][0]["granger"] == first["cells"][0]["granger"]
    text = json.dumps(first, allow_nan=False)
    assert '"verdict"' in text and '"rule"' in text


def test_a_store_without_events_cannot_answer_event_measures(records_tables) -> None:
    no_events = {k: v for k, v in records_tables.items() if k != "events"}
    with pytest.raises(UsageError, match="holds no events"):
        dependence_test(no_events, "RUS-IRN", "RUS-USA", DependenceOptions())


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"expect": "down"}, "--expect 'down'"),
        ({"freqs": ("fortnight",)}, "--freq 'fortnight'"),
        ({"measures": ("tone",)}, "unknown measure"),
        ({"alpha": 0.9}, "alpha 0.9"),
        ({"start": date(2020, 1, 1), "end": date(2019, 1, 1)}, "is after"),
        ({"bootstrap": 10}, "at least 100"),
    ],
)
def test_bad_options_are_refused_with_a_message(options: dict, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        DependenceOptions(**options)


def test_series_values_are_kept_in_their_units_with_gaps_where_uncovered() -> None:
    latent = warmth(200, -0.3, 0.0, seed=2)
    frame = pd.DataFrame(latent * 10 + 5, columns=list(SERIES)).set_axis(
        pd.date_range("2000-01-01", periods=200, freq="MS")
    )
    covered = pd.Series(np.arange(200) >= 20, index=frame.index)
    result = triangle_test(frame, "RUS-IRN", "RUS-USA", "month", DependenceOptions(**FAST), covered)
    values = result.primary.values
    assert values.iloc[:20].isna().all().all()
    assert values.iloc[20:]["RUS→IRN"].to_numpy() == pytest.approx(frame.iloc[20:]["RUS→IRN"])
