"""HTTP download that either delivers a whole, verified file or says why not.

A file is written to `NAME.part`, its size and MD5 checked against what its list says, and
only then renamed to `NAME` (atomically, so `NAME` is never partial). Transient failures (HTTP
5xx and 429, connection reset or refused, timeouts, a body cut short, a file that fails
verification) are retried with capped exponential backoff; a missing file (HTTP 404) or
another refusal is not. Every network wait is bounded: a socket timeout per read, and a
limit on each attempt as a whole, so a server that stalls or trickles ends in a retry or an
error, never a hang.
"""

from __future__ import annotations

import hashlib
import http.client
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from realpolitik import __version__
from realpolitik.errors import RealpolitikError, UsageError

BLOCK_BYTES = 1024 * 1024
RETRY_STATUSES = frozenset({429, *range(500, 600)})
USER_AGENT = f"realpolitik/{__version__} (fetch gdelt)"
OnBytes = Callable[[int], None]
"""Told the bytes received so far in the current attempt (it restarts at 0 on a retry)."""


@dataclass(frozen=True)
class RetryPolicy:
    """How hard to try: attempts, backoff between them, and the time limits of each."""

    attempts: int = 4
    first_delay: float = 2.0
    max_delay: float = 30.0
    timeout: float = 30.0
    """Seconds a connect or a read may wait for the server before the attempt fails."""
    attempt_seconds: float = 3600.0
    """Seconds one attempt may take in all, against a server trickling bytes forever."""
    sleep: Callable[[float], object] | None = None
    """Waits between attempts (tests pass a fake); None waits on the run's stop event, so a
    stopped run does not sit out a backoff."""

    def __post_init__(self) -> None:
        if self.attempts < 1:
            raise UsageError(f"retry policy of {self.attempts} attempts: give at least 1")

    def delay(self, retry: int) -> float:
        """Seconds to wait before retry number `retry` (1, 2, …): doubling, capped."""
        return min(self.first_delay * 2 ** (retry - 1), self.max_delay)


@dataclass(frozen=True)
class Digest:
    """A file's size and digests: MD5 to check against GDELT's lists, SHA-256 for the store's
    ledger."""

    size: int
    md5: str
    sha256: str

    def mismatch(self, size: int, md5: str) -> str | None:
        """Why the file is not the one listed (None when its size and MD5 match)."""
        if (self.size, self.md5) == (size, md5.lower()):
            return None
        return (
            f"got {self.size:,} bytes with MD5 {self.md5}, "
            f"but the list says {size:,} bytes with MD5 {md5.lower()}"
        )


@dataclass(frozen=True)
class Fetched:
    """A verified file in the cache, and whether it was there already (nothing downloaded)."""

    path: Path
    digest: Digest
    from_cache: bool


class DownloadError(RealpolitikError):
    """A file could not be fetched whole and verified. `received` tells whether a complete
    body arrived in the last attempt (it then failed verification)."""

    def __init__(self, url: str, reason: str, received: bool = False) -> None:
        self.url = url
        self.reason = reason
        self.received = received
        super().__init__(f"{url}: {reason}")


class DownloadCancelled(RealpolitikError):
    """The download was stopped from outside (the run is ending)."""


class _Retryable(Exception):
    """One attempt failed in a way another attempt may not."""

    def __init__(self, reason: str, received: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.received = received


def file_digest(path: Path) -> Digest:
    """Size, MD5 and SHA-256 of a file, in one pass."""
    md5, sha256 = hashlib.md5(usedforsecurity=False), hashlib.sha256()
    size = 0
    with path.open("rb") as fh:
        while block := fh.read(BLOCK_BYTES):
            md5.update(block)
            sha256.update(block)
            size += len(block)
    return Digest(size, md5.hexdigest(), sha256.hexdigest())


def download_verified(
    url: str,
    dest: Path,
    size: int,
    md5: str,
    policy: RetryPolicy,
    on_bytes: OnBytes | None = None,
    stop: threading.Event | None = None,
) -> Fetched:
    """`dest`, fetched from `url` unless a copy of the listed size and MD5 is there already
    (a cached copy that does not match is deleted and fetched again).

    Raises DownloadError after the last failed attempt, with the expected and actual size and
    MD5 when verification failed; `dest` then does not exist and no `.part` is left.
    """
    try:
        if dest.exists():
            cached = file_digest(dest)
            if cached.mismatch(size, md5) is None:
                return Fetched(dest, cached, from_cache=True)
            dest.unlink()
        digest = _with_retries(url, dest, policy, on_bytes, stop, expected=(size, md5))
    except OSError as exc:
        raise DownloadError(url, f"cannot write {dest} ({exc})") from exc
    return Fetched(dest, digest, from_cache=False)


def download_file(url: str, dest: Path, policy: RetryPolicy) -> Path:
    """`dest`, fetched afresh from `url` (for lists, which change): whole, or DownloadError."""
    try:
        _with_retries(url, dest, policy, None, None, expected=None)
    except OSError as exc:
        raise DownloadError(url, f"cannot write {dest} ({exc})") from exc
    return dest


def _with_retries(
    url: str,
    dest: Path,
    policy: RetryPolicy,
    on_bytes: OnBytes | None,
    stop: threading.Event | None,
    expected: tuple[int, str] | None,
) -> Digest:
    """Fetch `url` into `dest.part` until an attempt is whole and has the `expected` size and
    MD5 (if given), then rename it to `dest`; a failing `.part` is deleted before the next
    attempt."""
    part = dest.with_name(dest.name + ".part")
    failure = _Retryable("no attempt made")
    for attempt in range(1, policy.attempts + 1):
        if attempt > 1:
            _pause(url, policy.delay(attempt - 1), policy, stop)
        try:
            digest = _fetch_once(url, part, policy, on_bytes, stop)
        except _Retryable as exc:
            failure = exc
            continue
        mismatch = digest.mismatch(*expected) if expected else None
        if mismatch is not None:
            part.unlink()
            failure = _Retryable(mismatch, received=True)
            continue
        part.replace(dest)
        return digest
    raise DownloadError(
        url,
        f"gave up after {policy.attempts} attempts: {failure.reason}",
        received=failure.received,
    )


def _pause(url: str, seconds: float, policy: RetryPolicy, stop: threading.Event | None) -> None:
    """Wait before a retry; raise DownloadCancelled if the run stops meanwhile."""
    if policy.sleep is not None:
        policy.sleep(seconds)
    elif stop is not None:
        stop.wait(seconds)
    else:
        time.sleep(seconds)
    if stop is not None and stop.is_set():
        raise DownloadCancelled(f"{url}: stopped")


def _fetch_once(
    url: str,
    part: Path,
    policy: RetryPolicy,
    on_bytes: OnBytes | None,
    stop: threading.Event | None,
) -> Digest:
    """One attempt: the body of `url` into `part` (deleted unless the body came whole by its
    Content-Length)."""
    deadline = time.monotonic() + policy.attempt_seconds
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    md5, sha256 = hashlib.md5(usedforsecurity=False), hashlib.sha256()
    received = 0
    try:
        with _network(url, policy):
            response = urllib.request.urlopen(request, timeout=policy.timeout)
        with response, part.open("wb") as fh:
            length = response.headers.get("Content-Length")
            while True:
                if stop is not None and stop.is_set():
                    raise DownloadCancelled(f"{url}: stopped")
                if time.monotonic() > deadline:
                    raise _Retryable(
                        f"the server is too slow: {received:,} bytes in "
                        f"{policy.attempt_seconds:g} s"
                    )
                with _network(url, policy):
                    block = response.read1(BLOCK_BYTES)
                if not block:
                    break
                fh.write(block)
                md5.update(block)
                sha256.update(block)
                received += len(block)
                if on_bytes is not None:
                    on_bytes(received)
        if length is not None and length.isdigit() and received != int(length):
            raise _Retryable(f"body cut short: {received:,} of {int(length):,} bytes")
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return Digest(received, md5.hexdigest(), sha256.hexdigest())


@contextmanager
def _network(url: str, policy: RetryPolicy) -> Iterator[None]:
    """Turn a network failure into _Retryable, or into DownloadError when retrying cannot
    help (the server refused the request for good: HTTP 404 and the other 4xx but 429)."""
    try:
        yield
    except urllib.error.HTTPError as exc:
        exc.close()
        status = f"HTTP {exc.code} {exc.reason}"
        if exc.code in RETRY_STATUSES:
            raise _Retryable(status) from exc
        if exc.code == 404:
            raise DownloadError(url, f"{status}: the server does not have this file") from exc
        raise DownloadError(url, f"{status}: the server refuses it") from exc
    except urllib.error.URLError as exc:
        raise _Retryable(_describe(exc.reason, policy)) from exc
    except (http.client.HTTPException, OSError) as exc:
        raise _Retryable(_describe(exc, policy)) from exc


def _describe(failure: object, policy: RetryPolicy) -> str:
    """A network failure in words."""
    if isinstance(failure, TimeoutError):
        return f"no answer within {policy.timeout:g} s (timed out)"
    if isinstance(failure, http.client.RemoteDisconnected):
        return "the server closed the connection without a response"
    if isinstance(failure, ConnectionResetError):
        return "connection reset by the server"
    if isinstance(failure, ConnectionRefusedError):
        return "connection refused: is the server up, and is --base-url right?"
    if isinstance(failure, http.client.IncompleteRead):
        return f"body cut short after {len(failure.partial):,} bytes"
    return f"{type(failure).__name__}: {failure}"
