"""The project's exports of typed record tables (`<table>.csv`): the committed demo tables in
examples/records load without ../shared and give the same facts and indicators as the raw
files; damaged copies are quarantined row by row or refused with the column named; and the
build script rebuilds the committed files byte for byte."""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from realpolitik.errors import InputError
from realpolitik.facts.arms import arms_deals
from realpolitik.facts.unsc import resolution_votes, vetoes
from realpolitik.records import load_records
from realpolitik.sources import RAW_RECORD_READERS, RECORD_READERS
from realpolitik.sources.derived import DERIVED_OBSERVATIONS, derived_reader
from realpolitik.sources.unsc_meetings import UNSC_RESOLUTIONS
from realpolitik.store import IngestResult, Store
from tests.conftest import RAW, REPO, ledger_identity_holds, raw_file

RECORDS = REPO / "examples" / "records"
SCRIPT = REPO / "scripts" / "build_demo_records.py"
ROWS = {
    "unsc_resolutions.csv": 33,
    "unsc_vetoes.csv": 530,
    "arms_transfers.csv": 115,
    "atop_alliances.csv": 226,
    "nuclear_agreements.csv": 53,
    "ideal_points.csv": 234,
    "derived_observations.csv": 1332,
}
IRAN = [1696, 1737, 1747, 1803, 1835, 1929]


def derived_results(outcomes: list[object]) -> dict[str, IngestResult | InputError]:
    """The outcome of each derived file loaded, by file name."""
    return {
        Path(o.file if isinstance(o, IngestResult) else o.path).name: o
        for o in outcomes
        if isinstance(o, IngestResult | InputError)
    }


def observation(store: Store, indicator: str, source: str, target: str, year: int) -> tuple:
    """(value, provenance) of one observation."""
    return store.con.execute(
        "SELECT value, provenance FROM observations WHERE indicator = ? AND source = ? "
        "AND target = ? AND period = make_date(?, 1, 1)",
        [indicator, source, target, year],
    ).fetchone()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Store, list, list[str]]]:
    with Store(tmp_path_factory.mktemp("derived") / "demo.duckdb") as store:
        outcomes, recomputed = load_records(store, RECORDS)
        yield store, outcomes, recomputed


def test_every_demo_file_loads_whole(demo: tuple) -> None:
    store, outcomes, _ = demo
    results = derived_results(outcomes)
    assert set(results) == set(ROWS)
    for name, result in results.items():
        assert isinstance(result, IngestResult), result
        assert (result.rows_read, result.rows_stored, result.rows_quarantined) == (
            ROWS[name],
            ROWS[name],
            0,
        )
        assert result.format == f"derived-{name.removesuffix('.csv')}"
    assert ledger_identity_holds(store)


def test_russia_on_the_iran_resolutions(demo: tuple) -> None:
    votes = resolution_votes(demo[0], "RUS", IRAN).set_index("resolution")
    proofs = {n: proof.split(":")[0] for n, proof in votes.proof.items()}
    assert proofs == {
        1696: "inferred",
        1737: "proven",
        1747: "proven",
        1803: "consistent",
        1835: "proven",
        1929: "consistent",
    }
    assert votes.loc[1929, ["yes", "no", "abstain"]].tolist() == [12, 2, 1]
    assert votes.loc[1737, "provenance"] == "scact2006_table_en.html:line 32"


def test_the_veto_of_26_february_2018(demo: tuple) -> None:
    found = vetoes(demo[0], "RUS", date(2018, 2, 26))
    assert found.draft.tolist() == ["S/2018/156"]
    assert found.sources.tolist() == [2]
    assert found.provenance[0] == (
        "undl_scact_veto_table_en.html:line 100; unsc_vetoes_1946_sept2022.csv:line 203"
    )
    assert vetoes(demo[0], "RUS", date(2018, 2, 27)).empty


def test_the_s300_deal(demo: tuple) -> None:
    deals = arms_deals(demo[0], "RUS", "IRN").set_index("sipri_id")
    s300 = deals.loc[59015]
    assert (s300.designation, s300.order_year, s300.delivery_years) == ("S-300PMU2", 2015, "2016")
    assert s300.tiv_delivered == 220.0
    assert s300.provenance == "sipri_trade_register_2000_2023.csv:lines 7967"


def test_vote_agreement_comes_from_the_exported_observations(demo: tuple) -> None:
    store, _, recomputed = demo
    assert {"unga_agreement", "unga_agreement_s", "unga_agreement_kappa"} <= set(recomputed)
    # 12 identical votes of the 93 roll calls of 2007 both voted in (README), 64 of 84
    value, provenance = observation(store, "unga_agreement", "RUS", "USA", 2007)
    assert value == pytest.approx(12 / 93, abs=5e-4)
    assert value == pytest.approx(0.129, abs=5e-4)
    assert provenance == "unga_votes: the 93 roll calls of 2007 both voted in"
    assert observation(store, "unga_agreement", "RUS", "IRN", 2007)[0] == pytest.approx(
        0.762, abs=5e-4
    )
    assert observation(store, "unga_agreement", "IRN", "RUS", 2007)[0] == pytest.approx(64 / 84)


def test_ideal_point_distance_is_recomputed_from_the_ideal_points(demo: tuple) -> None:
    store = demo[0]
    points = dict(
        store.con.execute(
            "SELECT code, idealpointall FROM ideal_points WHERE year = 1992 "
            "AND list_contains(['RUS', 'USA'], code)"
        ).fetchall()
    )
    value, provenance = observation(store, "idealpoint_distance", "RUS", "USA", 1992)
    assert value == pytest.approx(abs(points["RUS"] - points["USA"]))
    assert value == pytest.approx(1.70, abs=5e-3)
    assert provenance.startswith("IdealpointsJuly2025.dta:row ")


def test_loading_the_folder_twice_adds_nothing(tmp_path: Path) -> None:
    with Store(tmp_path / "twice.duckdb") as store:
        load_records(store, RECORDS)
        count = store.con.execute("SELECT count(*) FROM observations").fetchone()[0]
        second = derived_results(load_records(store, RECORDS)[0])
        for name, result in second.items():
            assert (result.rows_stored, result.rows_duplicate) == (0, ROWS[name])
        assert store.con.execute("SELECT count(*) FROM observations").fetchone()[0] == count
        assert ledger_identity_holds(store)


def rewrite(path: Path, change: Callable[[list[list[str]]], list[list[str]]]) -> None:
    """Rewrite a CSV with `change(rows)` applied to its rows (header first)."""
    with path.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    with path.open("w", encoding="utf-8", newline="") as stream:
        csv.writer(stream, lineterminator="\n").writerows(change(rows))


def test_a_damaged_copy_keeps_its_good_rows(tmp_path: Path) -> None:
    damaged = tmp_path / "records"
    shutil.copytree(RECORDS, damaged)

    def bad_year(rows: list[list[str]]) -> list[list[str]]:
        rows[2][rows[0].index("order_year")] = "19x5"
        return rows

    rewrite(damaged / "arms_transfers.csv", bad_year)
    rewrite(damaged / "nuclear_agreements.csv", lambda rows: [row[:-2] + row[-1:] for row in rows])
    with Store(tmp_path / "damaged.duckdb") as store:
        results = derived_results(load_records(store, damaged)[0])
        arms = results["arms_transfers.csv"]
        assert (arms.rows_stored, arms.rows_quarantined) == (114, 1)
        quarantined = store.quarantine(arms.file)
        assert quarantined[["line", "reason"]].values.tolist() == [
            [3, "order_year '19x5' is not an INTEGER"]
        ]
        assert '"sipri_id": "25812"' in quarantined.raw[0]
        refused = results["nuclear_agreements.csv"]
        assert isinstance(refused, InputError)
        assert refused.path.endswith("nuclear_agreements.csv")
        assert "nca_type" in refused.reason
        assert "nuclear_agreements" not in {
            r[0] for r in store.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
        assert 59015 in arms_deals(store, "RUS", "IRN").sipri_id.tolist()
        others = [r for name, r in results.items() if name != "nuclear_agreements.csv"]
        assert all(isinstance(r, IngestResult) for r in others)


HEADER = ",".join((*UNSC_RESOLUTIONS.column_names, "provenance"))
GOOD = "1737,S/RES/1737 (2006),2006,2006-12-23,S/PV.5612,Iran,15,0,0,true,false,true,x,f:line 1"


def resolutions_file(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "unsc_resolutions.csv"
    path.write_text("\n".join((HEADER, *lines)) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("year", "19x5", "year '19x5' is not an INTEGER"),
        ("year", "2006.0", "year '2006.0' is not an INTEGER"),
        ("yes", "2147483648", "yes '2147483648' is not an INTEGER"),
        ("date", "2006-02-30", "date '2006-02-30' is not a DATE"),
        ("date", "23/12/2006", "date '23/12/2006' is not a DATE"),
        ("adopted", "yes", "adopted 'yes' is not a BOOLEAN"),
        ("resolution", "", "resolution is empty (a key column)"),
        ("provenance", "", "provenance is empty (every row names its source)"),
    ],
)
def test_a_cell_not_of_its_type_is_quarantined(
    tmp_path: Path, column: str, value: str, reason: str
) -> None:
    cells = next(csv.reader([GOOD]))
    cells[HEADER.split(",").index(column)] = value
    bad = ",".join(cells)
    reader = derived_reader(UNSC_RESOLUTIONS)()
    found = reader.read(resolutions_file(tmp_path, GOOD.replace("1737", "1747", 1), bad))
    assert found.rows_read == 2
    assert found.rows.resolution.tolist() == [1747]
    assert [(line, why) for line, why, _ in found.quarantined] == [(3, reason)]


def test_values_read_as_their_types_and_empty_cells_as_null(tmp_path: Path) -> None:
    path = resolutions_file(
        tmp_path,
        '2,"S/RES/2 (1946)",1946,1946-01-30,S/PV.5,"The Iranian\nquestion",,,,true,false,true,'
        "adopted unanimously,scact1946_table_en.html:line 620",
        "3,S/RES/3 (1946),1946,1946-04-04,,The Iranian question,9,0,1,false,false,true,9-0-1",
    )
    found = derived_reader(UNSC_RESOLUTIONS)().read(path)
    row = found.rows.iloc[0]
    assert (row.resolution, row.date, row.topic) == (2, date(1946, 1, 30), "The Iranian\nquestion")
    assert pd.isna(row.yes) and pd.isna(row.no)
    assert row.unanimous and not row.without_vote
    # the quoted topic spans lines 2-3, so the short row starts on line 4
    assert [(line, why) for line, why, _ in found.quarantined] == [
        (4, "has 13 fields, the header has 14")
    ]


def test_a_derived_observation_never_overrides_a_computed_one(tmp_path: Path) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    shutil.copy(RECORDS / "ideal_points.csv", folder)
    (folder / "derived_observations.csv").write_text(
        "indicator,source,target,period,freq,value,provenance\n"
        "idealpoint_distance,RUS,USA,1992-01-01,year,99.0,made up\n"
        "unga_agreement,RUS,USA,1992-01-01,year,0.5,made up\n",
        encoding="utf-8",
    )
    with Store(tmp_path / "o.duckdb") as store:
        _, recomputed = load_records(store, folder)
        assert recomputed == ["idealpoint_distance", "unga_agreement"]
        assert observation(store, "idealpoint_distance", "RUS", "USA", 1992)[0] < 2
        assert observation(store, "unga_agreement", "RUS", "USA", 1992) == (0.5, "made up")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (HEADER.replace(",topic", ""), "lacks column(s) topic"),
        (HEADER + ",region", "has column(s) region not in unsc_resolutions"),
        (HEADER + ",topic", "repeats column(s) topic"),
    ],
)
def test_a_header_that_is_not_the_table_is_refused(
    tmp_path: Path, header: str, message: str
) -> None:
    path = tmp_path / "unsc_resolutions.csv"
    path.write_text(header + "\n" + GOOD + "\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        derived_reader(UNSC_RESOLUTIONS)().read(path)
    assert caught.value.path == str(path)
    assert caught.value.reason == message


def test_every_raw_table_has_a_derived_reader_after_the_raw_ones() -> None:
    derived = RECORD_READERS[len(RAW_RECORD_READERS) :]
    assert RECORD_READERS[: len(RAW_RECORD_READERS)] == RAW_RECORD_READERS
    tables = {r.table.name for r in RAW_RECORD_READERS} | {DERIVED_OBSERVATIONS.name}
    assert sorted(r.table.name for r in derived) == sorted(tables)
    assert all(r.default_path == f"{r.table.name}.csv" for r in derived)


def test_the_demo_folder_stays_small() -> None:
    assert sum(p.stat().st_size for p in RECORDS.iterdir()) < 500_000


def test_rebuild_is_byte_identical(tmp_path: Path) -> None:
    raw_file("unvotes/un_votes.rda")
    subprocess.run(
        [sys.executable, str(SCRIPT), "--raw", str(RAW), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    built = sorted(p.name for p in tmp_path.iterdir())
    assert built == sorted(p.name for p in RECORDS.iterdir())
    for name in built:
        assert (tmp_path / name).read_bytes() == (RECORDS / name).read_bytes(), name
