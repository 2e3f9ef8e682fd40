"""Arms-transfer facts for Russia → Iran, checked against pandas on the real SIPRI register."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from realpolitik.errors import UsageError
from realpolitik.facts.arms import arms_by_year, arms_deals
from realpolitik.sources.sipri import SipriTradeRegisterReader
from realpolitik.store import Store
from tests.conftest import raw_file

REGISTER = "sipri/sipri_trade_register_2000_2023.csv"


@pytest.fixture(scope="module")
def rus_irn() -> pd.DataFrame:
    """Russia → Iran rows of the real register, read by pandas."""
    frame = pd.read_csv(raw_file(REGISTER), skiprows=11, dtype=str, keep_default_na=False)
    frame = frame[(frame.Supplier == "Russia") & (frame.Recipient == "Iran")]
    return frame.assign(
        tiv=frame["TIV delivery values"].astype(float),
        year=frame["Delivery year"].astype(int),
        number=frame["Numbers delivered"].astype(int),
    )


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with Store(Path(tmp_path_factory.mktemp("arms")) / "arms.duckdb") as store:
        store.load_record_file(SipriTradeRegisterReader(), raw_file(REGISTER))
        yield store


def test_s300_deal(loaded: Store) -> None:
    deals = arms_deals(loaded, "RUS", "IRN").set_index("sipri_id")
    s300 = deals.loc[59015]
    # line 7967 of the CSV: 59015,Russia,Iran,S-300PMU2,SAM system,...,2015,No,4,No,2016,...,220,No
    assert (s300.designation, s300.description) == ("S-300PMU2", "SAM system")
    assert (s300.order_year, bool(s300.order_year_estimate)) == (2015, False)
    assert (s300.delivery_years, s300.first_delivery_year, s300.delivered) == ("2016", 2016, 4)
    assert (s300.tiv_delivered, s300.order_to_delivery_years) == (220.0, 1)
    assert not s300.first_delivery_censored
    assert s300.provenance == "sipri_trade_register_2000_2023.csv:lines 7967"


def test_deals_match_pandas(loaded: Store, rus_irn: pd.DataFrame) -> None:
    deals = arms_deals(loaded, "rus", "irn").set_index("sipri_id")
    by_deal = rus_irn.groupby(rus_irn["SIPRI AT Database ID"].astype(int))
    assert sorted(deals.index) == sorted(by_deal.groups)
    assert deals.tiv_delivered.to_dict() == pytest.approx(by_deal.tiv.sum().to_dict())
    assert deals.delivered.to_dict() == by_deal.number.sum().to_dict()
    years = by_deal.year.apply(lambda y: ", ".join(map(str, sorted(y))))
    assert deals.delivery_years.to_dict() == years.to_dict()
    # Tor-M: 15 in 2006 and 14 in 2007 (lines 8021, 8020), 187.5 + 175 TIV
    tor = deals.loc[31785]
    assert (tor.delivery_years, tor.delivered, tor.tiv_delivered) == ("2006, 2007", 29, 362.5)
    assert tor.provenance == "sipri_trade_register_2000_2023.csv:lines 8021, 8020"


def test_pre_2000_orders_are_flagged_censored(loaded: Store) -> None:
    deals = arms_deals(loaded, "RUS", "IRN").set_index("sipri_id")
    fagot = deals.loc[28617]  # ordered 1991, first listed delivery in 2000, when the file starts
    assert (fagot.order_year, fagot.first_delivery_year, fagot.order_to_delivery_years) == (
        1991,
        2000,
        9,
    )
    assert fagot.first_delivery_censored
    assert not deals[deals.first_delivery_year > 2000].first_delivery_censored.any()


def test_by_year_matches_pandas(loaded: Store, rus_irn: pd.DataFrame) -> None:
    got = arms_by_year(loaded, "RUS", "IRN").set_index("year")
    expected = rus_irn.groupby("year").agg(
        tiv=("tiv", "sum"), deals=("SIPRI AT Database ID", "nunique")
    )
    assert got.index.tolist() == expected.index.tolist()
    assert got.tiv.to_dict() == pytest.approx(expected.tiv.to_dict())
    assert got.deals.to_dict() == expected.deals.to_dict()
    assert got.loc[2016, "tiv"] == pytest.approx(413.0)
    assert "59015" in got.loc[2016, "provenance"]


def test_unknown_code_or_empty_store_is_a_usage_error(loaded: Store, store: Store) -> None:
    with pytest.raises(UsageError, match="unknown supplier code 'XXX'"):
        arms_deals(loaded, "XXX", "IRN")
    with pytest.raises(UsageError, match="unknown recipient code 'Iran'"):
        arms_by_year(loaded, "RUS", "Iran")
    with pytest.raises(UsageError, match=r"needs \(arms_transfers\): run `realpolitik records"):
        arms_deals(store, "RUS", "IRN")
    assert arms_deals(loaded, "IRN", "USA").empty
