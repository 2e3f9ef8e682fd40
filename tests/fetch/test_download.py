"""Verified download against the local mirror: retries with capped backoff on what may pass,
none on a missing file, bounded waits on a stalled or trickling server, and never a partial or
unverified file left under the file's name."""

from __future__ import annotations

import hashlib
import threading
from dataclasses import replace
from pathlib import Path

import pytest

from realpolitik.fetch.download import (
    Digest,
    DownloadCancelled,
    DownloadError,
    Fetched,
    RetryPolicy,
    download_file,
    download_verified,
    file_digest,
)
from tests.fetch.conftest import CLIENT_TIMEOUT, Fault, GdeltMirror, MirrorFile

STAMP = "20250511180000"


@pytest.fixture
def served(mirror: GdeltMirror) -> MirrorFile:
    return mirror.add_v2(STAMP)


def fetch(mirror: GdeltMirror, file: MirrorFile, cache: Path, policy: RetryPolicy) -> Fetched:
    cache.mkdir(exist_ok=True)
    return download_verified(mirror.url + file.path, cache / file.name, file.size, file.md5, policy)


def leftovers(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.iterdir())


def test_digest_and_mismatch(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"abc")
    digest = file_digest(path)
    assert digest == Digest(3, hashlib.md5(b"abc").hexdigest(), hashlib.sha256(b"abc").hexdigest())
    assert digest.mismatch(3, digest.md5.upper()) is None
    assert digest.mismatch(4, "0" * 32) == (
        f"got 3 bytes with MD5 {digest.md5}, but the list says 4 bytes with MD5 {'0' * 32}"
    )


def test_backoff_doubles_and_is_capped() -> None:
    policy = RetryPolicy(first_delay=2.0, max_delay=5.0)
    assert [policy.delay(n) for n in (1, 2, 3, 4)] == [2.0, 4.0, 5.0, 5.0]


def test_a_verified_download_and_the_cached_copy(
    mirror: GdeltMirror, served: MirrorFile, tmp_path: Path, policy: RetryPolicy
) -> None:
    cache = tmp_path / "cache"
    fetched = fetch(mirror, served, cache, policy)
    assert (fetched.from_cache, fetched.digest.size, fetched.digest.md5) == (
        False,
        served.size,
        served.md5,
    )
    assert fetched.path.read_bytes() == (mirror.root / served.path[1:]).read_bytes()
    again = fetch(mirror, served, cache, policy)
    assert again.from_cache and mirror.served(served) == 1
    fetched.path.write_bytes(b"damaged")
    repaired = fetch(mirror, served, cache, policy)
    assert not repaired.from_cache and mirror.served(served) == 2
    assert file_digest(repaired.path).md5 == served.md5
    assert leftovers(cache) == [served.name]


@pytest.mark.parametrize(
    ("fault", "reasons"),
    [
        (Fault("status", times=2), None),
        (Fault("status", times=2, status=503), None),
        (Fault("status", times=1, status=429), None),
        (Fault("reset", times=3), None),
        (Fault("cut", times=2, keep=100), None),
        (Fault("stall", times=1), None),
        (Fault("status"), {"HTTP 500 Internal Server Error"}),
        (
            Fault("reset"),
            {
                "connection reset by the server",
                "the server closed the connection without a response",
            },
        ),
        (Fault("stall"), {f"no answer within {CLIENT_TIMEOUT:g} s (timed out)"}),
    ],
    ids=lambda v: v.kind + (f"x{v.times}" if v.times else "") if isinstance(v, Fault) else "",
)
def test_transient_failures_are_retried_with_backoff(
    mirror: GdeltMirror,
    served: MirrorFile,
    tmp_path: Path,
    policy: RetryPolicy,
    sleeps: list[float],
    fault: Fault,
    reasons: set[str] | None,
) -> None:
    mirror.fault(served, fault)
    cache = tmp_path / "cache"
    if reasons is None:
        assert fetch(mirror, served, cache, policy).digest.md5 == served.md5
        assert mirror.served(served) == fault.times + 1
        assert sleeps == [1.0, 2.0, 3.0][: fault.times]
        assert leftovers(cache) == [served.name]
        return
    with pytest.raises(DownloadError) as failed:
        fetch(mirror, served, cache, policy)
    prefix = "gave up after 4 attempts: "
    assert failed.value.reason.removeprefix(prefix) in reasons
    assert failed.value.reason.startswith(prefix)
    assert not failed.value.received
    assert mirror.served(served) == 4
    assert sleeps == [1.0, 2.0, 3.0]
    assert leftovers(cache) == []


def test_a_body_cut_short_every_time(
    mirror: GdeltMirror, served: MirrorFile, tmp_path: Path, policy: RetryPolicy
) -> None:
    mirror.fault(served, Fault("cut", keep=100))
    with pytest.raises(DownloadError) as failed:
        fetch(mirror, served, tmp_path / "cache", policy)
    assert failed.value.reason == (
        f"gave up after 4 attempts: body cut short: 100 of {served.size:,} bytes"
    )
    assert leftovers(tmp_path / "cache") == []


def test_a_file_failing_verification_is_deleted_and_retried(
    mirror: GdeltMirror, served: MirrorFile, tmp_path: Path, policy: RetryPolicy
) -> None:
    mirror.fault(served, Fault("truncate", times=2, keep=served.size // 2))
    cache = tmp_path / "cache"
    assert fetch(mirror, served, cache, policy).digest.size == served.size
    assert mirror.served(served) == 3
    mirror.fault(served, Fault("truncate", keep=served.size // 2))
    (cache / served.name).unlink()
    with pytest.raises(DownloadError) as failed:
        fetch(mirror, served, cache, policy)
    half = (mirror.root / served.path[1:]).read_bytes()[: served.size // 2]
    assert failed.value.received
    assert failed.value.reason == (
        f"gave up after 4 attempts: got {len(half):,} bytes with MD5 "
        f"{hashlib.md5(half).hexdigest()}, but the list says {served.size:,} bytes with MD5 "
        f"{served.md5}"
    )
    assert leftovers(cache) == []


def test_a_missing_file_is_not_retried(
    mirror: GdeltMirror,
    served: MirrorFile,
    tmp_path: Path,
    policy: RetryPolicy,
    sleeps: list[float],
) -> None:
    (mirror.root / served.path[1:]).unlink()
    with pytest.raises(DownloadError) as failed:
        fetch(mirror, served, tmp_path / "cache", policy)
    assert failed.value.reason == "HTTP 404 Not Found: the server does not have this file"
    assert str(failed.value) == f"{mirror.url}{served.path}: {failed.value.reason}"
    assert (mirror.served(served), sleeps) == (1, [])
    mirror.fault(served, Fault("status", status=403))
    with pytest.raises(DownloadError, match="HTTP 403 Forbidden: the server refuses it"):
        fetch(mirror, served, tmp_path / "cache", policy)


def test_a_trickling_server_ends_each_attempt_at_its_time_limit(
    mirror: GdeltMirror, served: MirrorFile, tmp_path: Path, policy: RetryPolicy
) -> None:
    mirror.fault(served, Fault("trickle"))
    quick = replace(policy, attempts=2, attempt_seconds=0.3)
    with pytest.raises(DownloadError, match=r"the server is too slow: [\d,]+ bytes in 0\.3 s"):
        fetch(mirror, served, tmp_path / "cache", quick)
    assert leftovers(tmp_path / "cache") == []


def test_a_refused_connection_is_retried(tmp_path: Path, policy: RetryPolicy) -> None:
    closed = "http://127.0.0.1:9/x.zip"  # the discard port: nothing listens there
    with pytest.raises(DownloadError, match="connection refused"):
        download_verified(closed, tmp_path / "x.zip", 1, "0" * 32, replace(policy, attempts=2))


def test_a_cache_that_cannot_be_written_is_an_error(
    mirror: GdeltMirror, served: MirrorFile, tmp_path: Path, policy: RetryPolicy
) -> None:
    dest = tmp_path / "no-such-folder" / served.name
    with pytest.raises(DownloadError, match=r"cannot write .*no-such-folder"):
        download_verified(mirror.url + served.path, dest, served.size, served.md5, policy)


def test_a_stopped_run_cancels_between_attempts(
    mirror: GdeltMirror, served: MirrorFile, tmp_path: Path
) -> None:
    mirror.fault(served, Fault("status"))
    stop = threading.Event()
    stopping = RetryPolicy(attempts=4, first_delay=60, timeout=CLIENT_TIMEOUT, sleep=None)
    stop.set()
    with pytest.raises(DownloadCancelled):
        download_verified(
            mirror.url + served.path, tmp_path / served.name, 1, "0" * 32, stopping, stop=stop
        )
    assert mirror.served(served) == 1  # the first attempt, then no 60 s backoff


def test_lists_are_fetched_afresh(mirror: GdeltMirror, served: MirrorFile, tmp_path: Path) -> None:
    mirror.write_v2_list()
    dest = tmp_path / "masterfilelist.txt"
    dest.write_text("stale")
    download_file(mirror.url + "/gdeltv2/masterfilelist.txt", dest, RetryPolicy())
    assert dest.read_text().startswith(f"{served.size} {served.md5} ")
    assert not dest.with_name("masterfilelist.txt.part").exists()
