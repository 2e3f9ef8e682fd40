"""Fetching a period into the store against the local mirror: every fault loses nothing and
stores nothing bad, the fetch ledger tells the truth, and a rerun after the fault clears
completes the file; a run killed with SIGKILL is completed by the next one."""

from __future__ import annotations

import hashlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest

from realpolitik.errors import RealpolitikError, UsageError
from realpolitik.fetch import FetchProgress, RetryPolicy, fetch_gdelt, missing_files
from realpolitik.fetch.ledger import FetchLedger
from realpolitik.fetch.pipeline import COMPLETE, FAILED, INGESTED, FetchResult
from realpolitik.store import Store
from tests.conftest import ledger_identity_holds
from tests.fetch.conftest import (
    CLIENT_TIMEOUT,
    PROXY_VARIABLES,
    Fault,
    GdeltMirror,
    MirrorFile,
)

DAY = date(2025, 5, 11)
STAMPS = ("20250511180000", "20250511181500", "20250511183000", "20250511184500")
ROWS = 20


@pytest.fixture
def v2_files(mirror: GdeltMirror) -> list[MirrorFile]:
    """Four GDELT 2.0 files of 2025-05-11, listed, plus one of the next day."""
    files = [mirror.add_v2(stamp, ROWS) for stamp in STAMPS]
    mirror.add_v2("20250512000000", ROWS)
    mirror.write_v2_list()
    return files


def run(
    store: Store,
    mirror: GdeltMirror,
    cache: Path,
    policy: RetryPolicy,
    version: int = 2,
    start: date = DAY,
    end: date = DAY,
    **options: object,
) -> FetchResult:
    return fetch_gdelt(
        store, version, start, end, cache, base_url=mirror.url, policy=policy, **options
    )


def event_ids(store: Store) -> list[str]:
    return [r[0] for r in store.con.execute("SELECT event_id FROM events").fetchall()]


def ledger_row(store: Store, name: str, version: int = 2) -> dict[str, object]:
    row = FetchLedger(store.con).rows(version)[name]
    return {k: v for k, v in row.__dict__.items() if k not in ("version", "file")}


def good_row(mirror: GdeltMirror, file: MirrorFile, store: Store) -> dict[str, object]:
    """The fetch ledger row of a file fetched and ingested whole."""
    (sha,) = store.con.execute(
        "SELECT DISTINCT sha256 FROM ledger WHERE file LIKE ?", [f"%{file.name}!%"]
    ).fetchone()
    return {
        "url": mirror.url + file.path,
        "expected_size": file.size,
        "expected_md5": file.md5,
        "downloaded": True,
        "verified": True,
        "sha256": sha,
        "actors": None,
        "rows_read": ROWS,
        "rows_stored": ROWS,
        "rows_duplicate": 0,
        "rows_filtered": 0,
        "rows_quarantined": 0,
        "error": None,
    }


def failed_row(
    mirror: GdeltMirror, file: MirrorFile, downloaded: bool, error: str | None
) -> dict[str, object]:
    return {
        "url": mirror.url + file.path,
        "expected_size": file.size,
        "expected_md5": file.md5,
        "downloaded": downloaded,
        "verified": False,
        "sha256": None,
        "actors": None,
        **dict.fromkeys(
            ("rows_read", "rows_stored", "rows_duplicate", "rows_filtered", "rows_quarantined")
        ),
        "error": error,
    }


def parts(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.glob("*.part"))


def test_a_period_is_fetched_and_a_rerun_does_nothing(
    mirror: GdeltMirror,
    v2_files: list[MirrorFile],
    store: Store,
    tmp_path: Path,
    policy: RetryPolicy,
) -> None:
    cache = tmp_path / "cache"
    told: list[FetchProgress] = []
    result = run(store, mirror, cache, policy, jobs=3, on_progress=told.append)
    assert result.ok and [f.status for f in result.files] == [INGESTED] * 4
    assert [f.name for f in result.files] == [f.name for f in v2_files]
    assert sorted(event_ids(store)) == sorted(i for f in v2_files for i in f.event_ids)
    size = sum(f.size for f in v2_files)
    assert told[0] == FetchProgress(0, 4, 0, size, 0, 0)
    assert told[-1] == FetchProgress(4, 4, size, size, 4 * ROWS, 4 * ROWS)
    for file in v2_files:
        assert ledger_row(store, file.name) == good_row(mirror, file, store)
    assert missing_files(store.con).empty and ledger_identity_holds(store)
    assert sorted(p.name for p in cache.iterdir()) == [*(f.name for f in v2_files), "lists"]

    again = run(store, mirror, cache, policy)
    assert [f.status for f in again.files] == [COMPLETE] * 4
    assert [f.rows_stored for f in again.files] == [ROWS] * 4
    assert all(mirror.served(f) == 1 for f in v2_files)  # not downloaded again
    assert len(store.ledger()) == 4  # not ingested again


def test_verified_files_in_the_cache_are_not_downloaded(
    mirror: GdeltMirror,
    v2_files: list[MirrorFile],
    store: Store,
    tmp_path: Path,
    policy: RetryPolicy,
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    for file in v2_files[:3]:
        (cache / file.name).write_bytes((mirror.root / file.path[1:]).read_bytes())
    (cache / v2_files[0].name).write_bytes(b"a damaged copy")
    (cache / f"{v2_files[1].name}.part").write_bytes(b"left by a killed run")
    result = run(store, mirror, cache, policy)
    assert [f.status for f in result.files] == [INGESTED] * 4
    assert [mirror.served(f) for f in v2_files] == [1, 0, 0, 1]
    assert [f.bytes_downloaded for f in result.files] == [v2_files[0].size, 0, 0, v2_files[3].size]
    assert parts(cache) == []


def test_a_deleted_cache_does_not_undo_a_complete_period(
    mirror: GdeltMirror,
    v2_files: list[MirrorFile],
    store: Store,
    tmp_path: Path,
    policy: RetryPolicy,
) -> None:
    cache = tmp_path / "cache"
    run(store, mirror, cache, policy)
    for file in v2_files:
        (cache / file.name).unlink()
    assert [f.status for f in run(store, mirror, cache, policy).files] == [COMPLETE] * 4
    assert all(mirror.served(f) == 1 for f in v2_files)


WRONG_MD5 = "0" * 32


@pytest.mark.parametrize(
    "case", ["wrong md5", "truncated zip", "http 500", "reset", "slow", "cut body", "404"]
)
def test_a_fault_loses_nothing_stores_nothing_bad_and_a_rerun_completes(
    mirror: GdeltMirror,
    v2_files: list[MirrorFile],
    store: Store,
    tmp_path: Path,
    policy: RetryPolicy,
    case: str,
) -> None:
    cache = tmp_path / "cache"
    bad = v2_files[1]
    served = (mirror.root / bad.path[1:]).read_bytes()
    half = served[: bad.size // 2]
    expected_requests = 4
    if case == "wrong md5":
        mirror.write_v2_list(md5={bad.name: WRONG_MD5})
        error = (
            f"gave up after 4 attempts: got {bad.size:,} bytes with MD5 {bad.md5}, "
            f"but the list says {bad.size:,} bytes with MD5 {WRONG_MD5}"
        )
        expected = {**failed_row(mirror, bad, True, error), "expected_md5": WRONG_MD5}
    elif case == "truncated zip":
        mirror.fault(bad, Fault("truncate", keep=len(half)))
        error = (
            f"gave up after 4 attempts: got {len(half):,} bytes with MD5 "
            f"{hashlib.md5(half).hexdigest()}, but the list says {bad.size:,} "
            f"bytes with MD5 {bad.md5}"
        )
        expected = failed_row(mirror, bad, True, error)
    elif case == "http 500":
        mirror.fault(bad, Fault("status"))
        expected = failed_row(
            mirror, bad, False, "gave up after 4 attempts: HTTP 500 Internal Server Error"
        )
    elif case == "reset":
        mirror.fault(bad, Fault("reset"))
        expected = failed_row(mirror, bad, False, None)
    elif case == "slow":
        mirror.fault(bad, Fault("stall"))
        expected = failed_row(
            mirror,
            bad,
            False,
            f"gave up after 4 attempts: no answer within {CLIENT_TIMEOUT:g} s (timed out)",
        )
    elif case == "cut body":
        mirror.fault(bad, Fault("cut", keep=len(half)))
        expected = failed_row(
            mirror,
            bad,
            False,
            f"gave up after 4 attempts: body cut short: {len(half):,} of {bad.size:,} bytes",
        )
    else:
        (mirror.root / bad.path[1:]).unlink()
        expected_requests = 1
        expected = failed_row(
            mirror, bad, False, "HTTP 404 Not Found: the server does not have this file"
        )

    result = run(store, mirror, cache, policy, jobs=2)

    assert not result.ok
    assert [(f.name, f.status) for f in result.files] == [
        (f.name, FAILED if f is bad else INGESTED) for f in v2_files
    ]
    row = ledger_row(store, bad.name)
    if case == "reset":
        assert row.pop("error") in {
            "gave up after 4 attempts: connection reset by the server",
            "gave up after 4 attempts: the server closed the connection without a response",
        }
        expected.pop("error")
    assert row == expected
    assert result.failed[0].error == ledger_row(store, bad.name)["error"]
    assert mirror.served(bad) == expected_requests
    # nothing bad stored, nothing of the others lost
    good = [f for f in v2_files if f is not bad]
    assert sorted(event_ids(store)) == sorted(i for f in good for i in f.event_ids)
    for file in good:
        assert ledger_row(store, file.name) == good_row(mirror, file, store)
    assert not (cache / bad.name).exists() and parts(cache) == []
    missing = missing_files(store.con)
    assert missing[["version", "file", "reason"]].values.tolist() == [
        [2, bad.name, ledger_row(store, bad.name)["error"]]
    ]

    mirror.clear_faults()
    if case == "404":
        (mirror.root / bad.path[1:]).write_bytes(served)
    mirror.write_v2_list()
    rerun = run(store, mirror, cache, policy)
    assert rerun.ok
    assert [f.status for f in rerun.files] == [INGESTED if f is bad else COMPLETE for f in v2_files]
    assert ledger_row(store, bad.name) == good_row(mirror, bad, store)
    assert sorted(event_ids(store)) == sorted(i for f in v2_files for i in f.event_ids)
    assert missing_files(store.con).empty and len(store.ledger()) == 4


def test_a_transient_fault_is_overcome_in_the_same_run(
    mirror: GdeltMirror,
    v2_files: list[MirrorFile],
    store: Store,
    tmp_path: Path,
    policy: RetryPolicy,
    sleeps: list[float],
) -> None:
    mirror.fault(v2_files[0], Fault("status", times=2))
    mirror.fault(v2_files[1], Fault("reset", times=1))
    mirror.fault(v2_files[2], Fault("stall", times=1))
    mirror.fault(v2_files[3], Fault("cut", times=3, keep=10))
    result = run(store, mirror, tmp_path / "cache", policy)
    assert result.ok and [f.status for f in result.files] == [INGESTED] * 4
    assert [mirror.served(f) for f in v2_files] == [3, 2, 2, 4]
    assert sorted(sleeps) == [1.0, 1.0, 1.0, 1.0, 2.0, 2.0, 3.0]  # 2 + 1 + 1 + 3 retries
    assert sorted(event_ids(store)) == sorted(i for f in v2_files for i in f.event_ids)


def test_a_malformed_list_line_is_recorded_for_its_file(
    mirror: GdeltMirror,
    v2_files: list[MirrorFile],
    store: Store,
    tmp_path: Path,
    policy: RetryPolicy,
) -> None:
    bad = v2_files[2]
    list_url = f"{mirror.url}/gdeltv2/masterfilelist.txt"
    mirror.write_v2_list(
        lines={bad.name: f"12x4 {bad.md5} http://data.gdeltproject.org/gdeltv2/{bad.name}"}
    )
    with open(mirror.root / "gdeltv2" / "masterfilelist.txt", "a") as fh:
        fh.write("a line naming no file\n")
    result = run(store, mirror, tmp_path / "cache", policy)
    error = f"{list_url} line 7: size '12x4' is not a number"
    assert [(f.name, f.status, f.error) for f in result.files if f.status == FAILED] == [
        (bad.name, FAILED, error)
    ]
    assert [str(p) for p in result.problems] == [
        f"{list_url} line 16: expected 'SIZE MD5 URL' separated by single spaces, found 5 parts"
    ]
    assert ledger_row(store, bad.name) == {
        **failed_row(mirror, bad, False, error),
        "expected_size": None,
        "expected_md5": None,
    }
    assert mirror.served(bad) == 0
    assert len(event_ids(store)) == 3 * ROWS

    mirror.write_v2_list()
    rerun = run(store, mirror, tmp_path / "cache", policy)
    assert rerun.ok and ledger_row(store, bad.name) == good_row(mirror, bad, store)


def test_a_zip_that_verifies_but_is_damaged_is_an_ingest_error(
    mirror: GdeltMirror,
    v2_files: list[MirrorFile],
    store: Store,
    tmp_path: Path,
    policy: RetryPolicy,
) -> None:
    bad = v2_files[0]
    good_bytes = (mirror.root / bad.path[1:]).read_bytes()
    damaged = b"PK\x03\x04" + b"\x00" * 200
    (mirror.root / bad.path[1:]).write_bytes(damaged)
    md5 = hashlib.md5(damaged).hexdigest()
    lines = {bad.name: f"{len(damaged)} {md5} http://data.gdeltproject.org/gdeltv2/{bad.name}"}
    mirror.write_v2_list(lines=lines)
    cache = tmp_path / "cache"
    result = run(store, mirror, cache, policy)
    (failed,) = result.failed
    row = ledger_row(store, bad.name)
    assert failed.error == row["error"]
    assert row["error"].startswith(f"not ingested: {cache / bad.name}: truncated or damaged zip")
    sha = hashlib.sha256(damaged).hexdigest()
    assert {**row, "error": None} == {
        **failed_row(mirror, bad, True, None),
        "expected_size": len(damaged),
        "expected_md5": md5,
        "verified": True,
        "sha256": sha,
    }
    assert not set(bad.event_ids) & set(event_ids(store))
    assert sha not in set(store.ledger().sha256)
    assert missing_files(store.con).reason.tolist() == [row["error"]]
    run(store, mirror, cache, policy)  # the cached copy verifies: no new download
    assert mirror.served(bad) == 1

    (mirror.root / bad.path[1:]).write_bytes(good_bytes)
    mirror.write_v2_list()
    rerun = run(store, mirror, cache, policy)
    assert rerun.ok and ledger_row(store, bad.name) == good_row(mirror, bad, store)
    assert mirror.served(bad) == 2


def test_a_batch_that_fails_after_committing_some_files_stores_each_file_once(
    mirror: GdeltMirror,
    v2_files: list[MirrorFile],
    store: Store,
    tmp_path: Path,
    policy: RetryPolicy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ingest_many = store.ingest_many
    calls = []

    def first_commits_two_then_fails(paths: list[Path], *args: object, **options: object) -> object:
        calls.append(len(paths))
        if len(calls) > 1:  # Store.ingest, file by file
            return ingest_many(paths, *args, **options)
        ingest_many(paths[:2], *args, **options)
        raise RealpolitikError("the disk is full")

    monkeypatch.setattr(store, "ingest_many", first_commits_two_then_fails)
    result = run(store, mirror, tmp_path / "cache", policy)
    assert result.ok and [f.status for f in result.files] == [INGESTED] * 4
    assert [(f.rows_stored, f.rows_duplicate) for f in result.files] == [(ROWS, 0)] * 4
    for file in v2_files:
        assert ledger_row(store, file.name) == good_row(mirror, file, store)
    assert calls == [4, 1, 1]  # the two committed are not ingested again, as duplicates
    assert len(store.ledger()) == 4
    assert sorted(event_ids(store)) == sorted(i for f in v2_files for i in f.event_ids)


def test_actors_filter_counts_the_rest_and_a_wider_run_stores_it(
    mirror: GdeltMirror,
    v2_files: list[MirrorFile],
    store: Store,
    tmp_path: Path,
    policy: RetryPolicy,
) -> None:
    cache = tmp_path / "cache"
    first = run(store, mirror, cache, policy, actors=["gbr"])
    kept = [f.rows_stored for f in first.files]
    assert all(f.rows_read == ROWS for f in first.files) and sum(kept) > 0
    assert [f.rows_filtered for f in first.files] == [ROWS - k for k in kept]
    row = ledger_row(store, v2_files[0].name)
    assert (row["actors"], row["rows_filtered"]) == (("GBR",), ROWS - kept[0])
    assert len(event_ids(store)) == sum(kept)
    narrower = run(store, mirror, cache, policy, actors=["GBR"])
    assert [f.status for f in narrower.files] == [COMPLETE] * 4

    wider = run(store, mirror, cache, policy)
    assert [f.status for f in wider.files] == [INGESTED] * 4
    assert [(f.rows_stored, f.rows_duplicate) for f in wider.files] == [(ROWS - k, k) for k in kept]
    assert all(mirror.served(f) == 1 for f in v2_files)  # from the cache
    assert sorted(event_ids(store)) == sorted(i for f in v2_files for i in f.event_ids)
    assert ledger_row(store, v2_files[0].name)["actors"] is None
    assert [f.status for f in run(store, mirror, cache, policy, actors=["RUS"]).files] == [
        COMPLETE
    ] * 4


def test_gdelt1_yearly_monthly_and_daily_files(
    mirror: GdeltMirror, store: Store, tmp_path: Path, policy: RetryPolicy
) -> None:
    names = ["2004.zip", "2005.zip", "200601.zip", "201303.zip", "20130401.export.CSV.zip"]
    files = {name: mirror.add_v1(name, 10) for name in names}
    mirror.add_v1("20130402.export.CSV.zip", 10)
    mirror.write_v1_lists(sizes={*names, "20130402.export.CSV.zip"} - {"200601.zip"})
    result = run(store, mirror, tmp_path / "c", policy, 1, date(2005, 7, 1), date(2013, 4, 1))
    assert [(f.name, f.status) for f in result.files] == [
        ("2005.zip", INGESTED),
        ("200601.zip", FAILED),
        ("201303.zip", INGESTED),
        ("20130401.export.CSV.zip", INGESTED),
    ]
    assert result.failed[0].error == (
        f"{mirror.url}/events/md5sums line 3: 200601.zip is not in {mirror.url}/events/filesizes"
    )
    stored = {n: files[n].event_ids for n in ("2005.zip", "201303.zip", "20130401.export.CSV.zip")}
    assert sorted(event_ids(store)) == sorted(i for ids in stored.values() for i in ids)
    assert [r.format for r in store.ledger().itertuples()] == ["gdelt1"] * 3
    assert missing_files(store.con).file.tolist() == ["200601.zip"]


def test_bad_arguments(store: Store, tmp_path: Path) -> None:
    for version, start, end, base, jobs, message in [
        (3, DAY, DAY, "http://127.0.0.1:9", 1, "GDELT version 3: use 1 or 2"),
        (2, DAY, date(2025, 5, 10), "http://127.0.0.1:9", 1, "the period ends"),
        (2, DAY, DAY, "127.0.0.1:9", 1, "base URL '127.0.0.1:9'"),
        (2, DAY, DAY, "http://127.0.0.1:9", 0, "jobs 0: give at least 1"),
    ]:
        with pytest.raises(UsageError, match=message):
            fetch_gdelt(store, version, start, end, tmp_path, base, jobs=jobs)


def test_lists_that_cannot_be_read(
    mirror: GdeltMirror, store: Store, tmp_path: Path, policy: RetryPolicy
) -> None:
    with pytest.raises(RealpolitikError, match=r"cannot read GDELT 2\.0's file list: .*HTTP 404"):
        run(store, mirror, tmp_path / "cache", policy)


CHILD = """
import sys
from datetime import date
from pathlib import Path
from realpolitik.fetch import fetch_gdelt, pipeline
from realpolitik.store import Store

pipeline.INGEST_BATCH_FILES = 1  # each file ingested as it comes, so the kill falls between

db, cache, base = sys.argv[1:4]
done = [0]

def told(progress):
    if progress.files_done > done[0]:
        done[0] = progress.files_done
        print(progress.files_done, flush=True)

with Store(db) as store:
    fetch_gdelt(store, 2, date(2025, 5, 11), date(2025, 5, 11), Path(cache), base, jobs=2,
                on_progress=told)
"""


def test_a_run_killed_at_any_moment_is_completed_by_the_next(
    mirror: GdeltMirror, tmp_path: Path, policy: RetryPolicy
) -> None:
    files = [mirror.add_v2(f"2025051118{m:02d}00", ROWS) for m in range(0, 60, 10)]
    mirror.write_v2_list()
    for file in files:
        mirror.fault(file, Fault("pause", seconds=0.4))  # half the body, then a pause
    db, cache = tmp_path / "killed.duckdb", tmp_path / "cache"
    env = {k: v for k, v in os.environ.items() if k.lower() not in PROXY_VARIABLES}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(cache), mirror.url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(ln) for ln in child.stdout], daemon=True).start()
    try:
        first = lines.get(timeout=30)  # the first file settled: ingested and recorded
    except queue.Empty:
        child.kill()
        pytest.fail(f"the child settled no file in 30 s: {child.stderr.read()}")
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
    assert first.strip() == "1" and child.returncode == -signal.SIGKILL

    mirror.clear_faults()
    with Store(db) as store:
        assert len(store.ledger()) < len(files)  # the kill left work undone
        result = fetch_gdelt(store, 2, DAY, DAY, cache, base_url=mirror.url, policy=policy)
        assert result.ok and {f.status for f in result.files} <= {INGESTED, COMPLETE}
        ids = event_ids(store)
        assert len(ids) == len(set(ids)) == sum(len(f.event_ids) for f in files)
        assert sorted(ids) == sorted(i for f in files for i in f.event_ids)
        assert sorted(store.ledger().sha256.unique()) == sorted(
            good_row(mirror, f, store)["sha256"] for f in files
        )
        for file in files:
            assert ledger_row(store, file.name) == good_row(mirror, file, store)
        assert missing_files(store.con).empty
    assert parts(cache) == []
    assert json.dumps(result.as_dict())  # serialisable for --json


def test_a_file_the_store_holds_but_the_fetch_ledger_does_not_know(
    mirror: GdeltMirror,
    v2_files: list[MirrorFile],
    store: Store,
    tmp_path: Path,
    policy: RetryPolicy,
) -> None:
    """As a run killed between the store's commit and the fetch ledger's update leaves it."""
    cache = tmp_path / "cache"
    cache.mkdir()
    for file in v2_files[:2]:
        (cache / file.name).write_bytes((mirror.root / file.path[1:]).read_bytes())
    store.ingest(cache / v2_files[0].name)
    store.ingest(cache / v2_files[1].name, actors=["GBR"])
    result = run(store, mirror, cache, policy)
    assert [f.status for f in result.files] == [COMPLETE, INGESTED, INGESTED, INGESTED]
    assert ledger_row(store, v2_files[0].name) == good_row(mirror, v2_files[0], store)
    assert len(store.ledger()) == 5  # the filtered file again, for every actor
    assert sorted(event_ids(store)) == sorted(i for f in v2_files for i in f.event_ids)
