"""ICEWS Dataverse reader, checked against SOURCES.md counts and pandas on the real sample."""

from __future__ import annotations

import pandas as pd
import pytest

from realpolitik.sources.base import ReadOptions
from realpolitik.store import Store
from tests.conftest import raw_file

SAMPLE = "icews/andybega-icews__events.2018.sample.tab"


@pytest.fixture
def reference() -> pd.DataFrame:
    return pd.read_csv(raw_file(SAMPLE), sep="\t", dtype=str, keep_default_na=False)


def test_counts_and_dyads(store: Store, reference: pd.DataFrame) -> None:
    result = store.ingest(raw_file(SAMPLE))
    assert (result.format, result.rows_read, result.rows_stored) == ("icews", 3705, 3705)
    dyads = {
        (r.source, r.target): r.events
        for r in store.dyad_summary(["RUS", "IRN", "USA"]).itertuples()
    }
    # SOURCES.md: Russian Federation→United States 14, US→RF 6, RF→Iran 2, Iran→RF 2, Iran→US 1
    assert dyads == {
        ("RUS", "USA"): 14,
        ("USA", "RUS"): 6,
        ("RUS", "IRN"): 2,
        ("IRN", "RUS"): 2,
        ("IRN", "USA"): 1,
    }
    events = store.events()
    assert events.goldstein.sum() == pytest.approx(reference.Intensity.astype(float).sum())
    assert set(events.date.dt.strftime("%Y-%m-%d")) == {"2018-06-01", "2018-06-02"}


def test_every_country_name_resolves(store: Store, reference: pd.DataFrame) -> None:
    store.ingest(raw_file(SAMPLE))
    events = store.events().set_index("event_id")
    named = reference[reference["Source Country"] != "NA"]
    unresolved = events.loc["icews:" + named["Event ID"]].source.eq("").sum()
    assert unresolved == 0
    assert store.ledger().notes.iloc[0] == ""


def test_first_row_by_hand(store: Store) -> None:
    store.ingest(raw_file(SAMPLE))
    row = store.events().set_index("event_id").loc["icews:32889836"]
    # Foreign Affairs (Bangladesh) [Executive,Foreign Ministry,Government] → Vietnam military
    assert (row.source, row.target) == ("BGD", "VNM")
    assert (row.source_sector, row.target_sector) == ("GOV", "MIL")
    assert (row.cameo, row.quad_class, row.goldstein) == ("040", 1, 1.0)
    assert row.origin_ref.endswith("andybega-icews__events.2018.sample.tab:2")


def test_state_actor_is_gov_and_quad_convention_is_an_option(tmp_path) -> None:
    path = raw_file(SAMPLE)
    reference = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    roots = reference["CAMEO Code"].str[:2]
    with Store(tmp_path / "g.duckdb") as gdelt, Store(tmp_path / "i.duckdb") as icews:
        gdelt.ingest(path)
        icews.ingest(path, options=ReadOptions(quad_convention="icews"))
        g = gdelt.events().set_index("event_id").quad_class
        i = icews.events().set_index("event_id").quad_class
        changed = set(g.index[g != i.loc[g.index]])
        # only roots 09 and 14 differ between the GDELT and ICEWS conventions
        expected = set("icews:" + reference["Event ID"][roots.isin(["09", "14"])])
        assert changed == expected and changed
        assert icews.ledger().quad_convention.iloc[0] == "icews"
        state = gdelt.events()
        state = state[state.source_name == "United States"]  # the state itself, no sectors
        assert len(state) > 0 and set(state.source_sector) == {"GOV"}
