"""Arms-transfer indicators on the real SIPRI register, recomputed with pandas from the CSV."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from realpolitik.measures.arms import INDICATORS
from realpolitik.measures.indicators import refresh
from realpolitik.sources.sipri import SipriTradeRegisterReader
from realpolitik.store import Store
from tests.conftest import raw_file

REGISTER = "sipri/sipri_trade_register_2000_2023.csv"


@pytest.fixture(scope="module")
def reference() -> pd.DataFrame:
    frame = pd.read_csv(raw_file(REGISTER), skiprows=11, dtype=str, keep_default_na=False)
    return frame.assign(tiv=frame["TIV delivery values"].astype(float))


@pytest.fixture(scope="module")
def observations(tmp_path_factory: pytest.TempPathFactory) -> Iterator[pd.DataFrame]:
    path = raw_file(REGISTER)
    with Store(Path(tmp_path_factory.mktemp("arms")) / "arms.duckdb") as store:
        store.load_record_file(SipriTradeRegisterReader(), path)
        assert refresh(store.con, INDICATORS) == ["arms_tiv", "arms_deals"]
        yield store.con.execute("SELECT * FROM observations").df()


def dyad(observations: pd.DataFrame, indicator: str, source: str, target: str) -> pd.Series:
    rows = observations[
        (observations.indicator == indicator)
        & (observations.source == source)
        & (observations.target == target)
    ]
    return rows.set_index(rows.period.dt.year).value


def test_russia_iran_tiv_by_year(observations: pd.DataFrame, reference: pd.DataFrame) -> None:
    rus_irn = reference[(reference.Supplier == "Russia") & (reference.Recipient == "Iran")]
    expected = rus_irn.groupby(rus_irn["Delivery year"].astype(int)).tiv.sum()
    # structured-sources.md: 2000–01 ≈ 344, 306; 2016 ≈ 413
    assert expected[[2000, 2001, 2016]].round(1).tolist() == [344.5, 306.2, 413.0]
    got = dyad(observations, "arms_tiv", "RUS", "IRN")
    assert got.to_dict() == pytest.approx(expected.to_dict())
    deals = rus_irn.groupby(rus_irn["Delivery year"].astype(int))["SIPRI AT Database ID"].nunique()
    assert dyad(observations, "arms_deals", "RUS", "IRN").to_dict() == deals.astype(float).to_dict()
    assert deals[2016] == 6


def test_observation_shape_and_provenance(observations: pd.DataFrame) -> None:
    row = observations[
        (observations.indicator == "arms_tiv")
        & (observations.source == "RUS")
        & (observations.target == "IRN")
        & (observations.period == pd.Timestamp(date(2016, 1, 1)))
    ].iloc[0]
    assert (row.freq, row.value) == ("year", 413.0)
    assert row.provenance == (
        "arms_transfers (sipri_id, delivery_year): 6 deal(s) in 2016, "
        "SIPRI ids 28257, 28617, 30220, 40238, 59015, 60838"
    )
    longest = observations.provenance.str.len().max()
    assert longest < 200
    assert observations.provenance.str.endswith(" more").any()


def test_totals_cover_every_coded_dyad(observations: pd.DataFrame, reference: pd.DataFrame) -> None:
    def uncoded(names: pd.Series) -> pd.Series:
        """Armed groups (one star), unknown actors, and the African Union (no IGO code)."""
        armed = names.str.endswith("*") & ~names.str.endswith("**")
        return armed | names.str.startswith("unknown") | (names == "African Union**")

    coded = reference[~uncoded(reference.Supplier) & ~uncoded(reference.Recipient)]
    tiv = observations[observations.indicator == "arms_tiv"]
    assert tiv.value.sum() == pytest.approx(coded.tiv.sum())
    deal_years = coded.groupby(["Supplier", "Recipient", "Delivery year"]).ngroups
    assert len(tiv) == deal_years
    deals = observations[observations.indicator == "arms_deals"].value.sum()
    assert deals == len(coded)  # one row per deal and delivery year
