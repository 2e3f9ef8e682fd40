"""Leader visit readers on the real Office of the Historian CSVs: US presidential trips to
Russia, country resolution and quarantine, idempotent reload, malformed files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from realpolitik.errors import InputError
from realpolitik.sources.visits import UsTravelsReader, VisitsToUsReader
from realpolitik.store import Store
from tests.conftest import ledger_identity_holds, raw_file

TRAVELS = "us_visits_travels/derived_us_president_secretary_travels.csv"
VISITS = "us_visits_travels/derived_foreign_leader_visits_to_us.csv"


def raw_csv(relative: str) -> pd.DataFrame:
    return pd.read_csv(raw_file(relative), dtype=str, keep_default_na=False)


def test_presidential_trips_to_russia(store: Store) -> None:
    result = store.load_record_file(UsTravelsReader(), raw_file(TRAVELS))
    assert (result.rows_read, result.rows_stored, result.rows_quarantined) == (4_271, 4_271, 0)
    ours = store.con.execute(
        "SELECT year(start_date) AS year, count(*) AS trips FROM leader_visits "
        "WHERE source = 'USA' AND target = 'RUS' AND role = 'president' GROUP BY 1 ORDER BY 1"
    ).fetchall()
    raw = raw_csv(TRAVELS)
    raw = raw[(raw.country_id == "russia") & (raw.role == "president")]
    expected = raw.start_date.str[:4].astype(int).value_counts().sort_index()
    assert ours == list(expected.items())
    # research note 2e: 2000 (Clinton), 2002 x2, 2003, 2005, 2006 x2, 2008 (Bush), 2009, 2013
    since_2000 = {year: n for year, n in ours if year >= 2000}
    assert since_2000 == {2000: 1, 2002: 2, 2003: 1, 2005: 1, 2006: 2, 2008: 1, 2009: 1, 2013: 1}
    # the U.S.S.R. is RUS: Yalta 1945, Nixon 1972 and 1974
    assert {1945, 1972, 1974} <= {year for year, _ in ours}


def test_countries_resolve_by_id_then_name(store: Store) -> None:
    result = store.load_record_file(VisitsToUsReader(), raw_file(VISITS))
    raw = raw_csv(VISITS)
    hawaii = raw.index[raw.from_id == "hawaii"] + 1
    assert (result.rows_read, result.rows_quarantined) == (3_264, len(hawaii)) == (3_264, 3)
    quarantine = store.quarantine()
    assert quarantine.line.tolist() == hawaii.tolist()
    assert set(quarantine.reason) == {"from_name Hawaii (id hawaii) has no store code"}
    codes = dict(
        store.con.execute(
            "SELECT country, any_value(source) FROM leader_visits GROUP BY country"
        ).fetchall()
    )
    assert codes["U.S.S.R."] == "RUS" and codes["Russia"] == "RUS" and codes["Iran"] == "IRN"
    assert codes["Korea"] == "KOR" and codes["Somoa"] == "WSM"  # ids the name table lacks
    assert codes["Germany, Federal Republic of"] == "DEU"
    russia = store.con.execute(
        "SELECT year(start_date), count(*) FROM leader_visits WHERE source = 'RUS' "
        "AND year(start_date) >= 2000 GROUP BY 1 ORDER BY 1"
    ).fetchall()
    # research note 2e: about one a year 2000-2012, then only 2015 (Putin at the UNGA)
    assert russia[-1] == (2015, 1) and all(year <= 2012 for year, _ in russia[:-1])


def test_reload_is_idempotent(store: Store) -> None:
    first = store.load_record_file(VisitsToUsReader(), raw_file(VISITS))
    second = store.load_record_file(VisitsToUsReader(), raw_file(VISITS))
    assert (second.rows_stored, second.rows_duplicate) == (0, first.rows_stored)
    assert second.rows_quarantined == first.rows_quarantined == 3
    stored = store.con.execute("SELECT count(*) FROM leader_visits").fetchone()[0]
    assert stored == first.rows_stored == 3_261
    assert ledger_identity_holds(store)


def test_malformed_files_raise_and_store_nothing(store: Store, tmp_path: Path) -> None:
    missing = tmp_path / "travels_no_country.csv"
    raw_csv(TRAVELS).head(5).drop(columns=["country_id"]).to_csv(missing, index=False)
    with pytest.raises(InputError, match=r"travels_no_country\.csv: lacks column\(s\) country_id"):
        store.load_record_file(UsTravelsReader(), missing)
    latin1 = tmp_path / "visits_latin1.csv"
    latin1.write_bytes(raw_file(VISITS).read_bytes()[:300] + "Cura\xe7ao\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"visits_latin1\.csv: cannot read as CSV"):
        store.load_record_file(VisitsToUsReader(), latin1)
    assert store.ledger().empty


def test_bad_values_are_quarantined_with_the_value(store: Store, tmp_path: Path) -> None:
    frame = raw_csv(TRAVELS).head(4)
    frame.loc[0, "start_date"] = "2021-13-09"
    frame.loc[1, ["country_id", "country"]] = ["atlantis", "Atlantis"]
    frame.loc[3, "id"] = frame.loc[2, "id"]
    path = tmp_path / "travels.csv"
    frame.to_csv(path, index=False)
    result = store.load_record_file(UsTravelsReader(), path)
    assert (result.rows_stored, result.rows_quarantined) == (1, 3)
    assert store.quarantine().reason.tolist() == [
        "start_date 2021-13-09 is no date",
        "country Atlantis (id atlantis) has no store code",
        f"same origin/record_id us-travels/{frame.loc[2, 'id']} as travels.csv:row 3, "
        "which is kept",
    ]
