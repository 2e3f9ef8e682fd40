"""A local GDELT mirror for the fetch tests: a ThreadingHTTPServer on 127.0.0.1 serving a temp
folder in GDELT's layout, with faults injected per file from a table the test controls.

The zips hold real rows (GDELT 2.0 from the newsnet export, GDELT 1.0 from the Spark sample)
with GLOBALEVENTIDs rewritten so that no two files share an event. No test may reach any
address but 127.0.0.1: a guard on `socket.connect` fails the test that tries.
"""

from __future__ import annotations

import contextlib
import hashlib
import socket
import struct
import threading
import zipfile
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from realpolitik.fetch.download import RetryPolicy
from realpolitik.fetch.gdelt import DEFAULT_BASE_URL
from tests.conftest import raw_file

NEWSNET = "gdelt_v2/newsnet-africa__20250511180000.export.csv"
SPARK_V1 = "gdelt_v1/spark-gdelt__events1.csv"
PROXY_VARIABLES = ("http_proxy", "https_proxy", "all_proxy", "no_proxy")
CLIENT_TIMEOUT = 0.5
"""Seconds the tests' client waits for the server; a stalled response outlasts it."""
STALL_SECONDS = 1.5


@pytest.fixture(autouse=True)
def only_localhost(monkeypatch: pytest.MonkeyPatch) -> None:
    """No proxy from the environment, and no connection but to 127.0.0.1."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    connect = socket.socket.connect

    def local_connect(sock: socket.socket, address: object) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6) and address[0] != "127.0.0.1":  # type: ignore[index]
            raise AssertionError(f"a test tried to reach {address}; only 127.0.0.1 is allowed")
        connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", local_connect)


@dataclass(frozen=True)
class Fault:
    """What the server does instead of serving a file, on its first `times` requests (on
    every request when None). Kinds: `status` (an HTTP error), `reset` (close the socket
    without a response), `stall` (wait `seconds` before answering), `truncate` (serve only
    the first `keep` bytes, as a whole shorter file), `cut` (announce the whole file, send
    `keep` bytes and close), `trickle` (send the file 64 bytes every 0.1 s), `pause` (send
    half, wait `seconds`, send the rest)."""

    kind: str
    times: int | None = None
    status: int = 500
    seconds: float = STALL_SECONDS
    keep: int = 0


@dataclass(frozen=True)
class MirrorFile:
    """A zip the mirror serves: its name, URL path, size, MD5 and the event ids it holds."""

    name: str
    path: str
    size: int
    md5: str
    event_ids: tuple[str, ...]


class GdeltMirror:
    """A folder in GDELT's layout, served over HTTP, with the lists written from its files."""

    def __init__(self, root: Path, url: str) -> None:
        self.root = root
        self.url = url
        self.files: dict[str, MirrorFile] = {}
        self.faults: dict[str, Fault] = {}
        self.requests: Counter[str] = Counter()
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.next_id = 1

    def add_v2(self, stamp: str, rows: int = 20) -> MirrorFile:
        """A GDELT 2.0 export zip of `rows` real rows, for the 15 minutes of `stamp`."""
        return self._add(f"gdeltv2/{stamp}.export.CSV.zip", gdelt2_lines(), rows, "gdelt2")

    def add_v1(self, name: str, rows: int = 20) -> MirrorFile:
        """A GDELT 1.0 zip (`YYYY.zip`, `YYYYMM.zip` or `YYYYMMDD.export.CSV.zip`): 57-column
        backfile rows for a yearly or monthly file, 58-column rows for a daily one."""
        fields = 58 if name.endswith(".export.CSV.zip") else 57
        return self._add(f"events/{name}", gdelt1_lines(fields), rows, "gdelt1")

    def _add(self, path: str, source: list[list[str]], rows: int, origin: str) -> MirrorFile:
        ids = [str(self.next_id + i) for i in range(rows)]
        self.next_id += rows
        lines = ["\t".join([i, *fields[1:]]) for i, fields in zip(ids, source, strict=False)]
        dest = self.root / path
        dest.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(dest.name.removesuffix(".zip"), "\n".join(lines) + "\n")
        data = dest.read_bytes()
        file = MirrorFile(
            dest.name,
            "/" + path,
            len(data),
            hashlib.md5(data).hexdigest(),
            tuple(f"{origin}:{i}" for i in ids),
        )
        self.files[file.name] = file
        return file

    def write_v2_list(
        self, lines: dict[str, str] | None = None, md5: dict[str, str] | None = None
    ) -> None:
        """masterfilelist.txt: an export, a mentions and a gkg line per file, as GDELT's URLs;
        `lines` replaces a file's export line, `md5` its MD5."""
        lines, md5 = lines or {}, md5 or {}
        out = []
        for f in self.files.values():
            if not f.path.startswith("/gdeltv2/"):
                continue
            stamp = f.name[:14]
            out.append(
                lines.get(f.name)
                or f"{f.size} {md5.get(f.name, f.md5)} {DEFAULT_BASE_URL}/gdeltv2/{f.name}"
            )
            out.append(
                f"{f.size * 2} {'a' * 32} {DEFAULT_BASE_URL}/gdeltv2/{stamp}.mentions.CSV.zip"
            )
            out.append(f"{f.size * 9} {'b' * 32} {DEFAULT_BASE_URL}/gdeltv2/{stamp}.gkg.csv.zip")
        (self.root / "gdeltv2").mkdir(exist_ok=True)
        (self.root / "gdeltv2" / "masterfilelist.txt").write_text("\n".join(out) + "\n")

    def write_v1_lists(self, sizes: set[str] | None = None) -> None:
        """events/md5sums and events/filesizes; `sizes` (when given) are the only files
        filesizes names."""
        files = [f for f in self.files.values() if f.path.startswith("/events/")]
        listed = [f for f in files if sizes is None or f.name in sizes]
        (self.root / "events").mkdir(exist_ok=True)
        (self.root / "events" / "md5sums").write_text(
            "\n".join(f"{f.md5}  {f.name}" for f in files) + "\n"
        )
        (self.root / "events" / "filesizes").write_text(
            "\n".join(f"{f.size} {f.name}" for f in listed) + "\n"
        )

    def fault(self, file: MirrorFile, fault: Fault) -> None:
        with self.lock:
            self.faults[file.path] = fault

    def clear_faults(self) -> None:
        with self.lock:
            self.faults.clear()

    def served(self, file: MirrorFile) -> int:
        """Requests made for a file."""
        with self.lock:
            return self.requests[file.path]


class _Handler(BaseHTTPRequestHandler):
    server: _MirrorServer

    def do_GET(self) -> None:
        mirror = self.server.mirror
        path = urlsplit(self.path).path
        with mirror.lock:
            mirror.requests[path] += 1
            fault = mirror.faults.get(path)
            if fault and fault.times is not None and mirror.requests[path] > fault.times:
                fault = None
        with contextlib.suppress(OSError):  # the client gave up (timed out) and hung up
            self._answer(mirror, path, fault)

    def _answer(self, mirror: GdeltMirror, path: str, fault: Fault | None) -> None:
        kind = fault.kind if fault else None
        if fault is not None and kind == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            return
        if fault is not None and kind == "stall":
            mirror.stopping.wait(fault.seconds)
        if fault is not None and kind == "status":
            self.send_error(fault.status)
            return
        file = mirror.root / path.lstrip("/")
        if not file.is_file():
            self.send_error(404)
            return
        body = file.read_bytes()
        if fault is not None and kind == "truncate":
            body = body[: fault.keep]
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if fault is not None and kind == "cut":
            self.wfile.write(body[: fault.keep])
            self.close_connection = True
        elif fault is not None and kind == "trickle":
            for start in range(0, len(body), 64):
                if mirror.stopping.wait(0.1):
                    return
                self.wfile.write(body[start : start + 64])
                self.wfile.flush()
        elif fault is not None and kind == "pause":
            half = len(body) // 2
            self.wfile.write(body[:half])
            self.wfile.flush()
            mirror.stopping.wait(fault.seconds)
            self.wfile.write(body[half:])
        else:
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the tests read the request counts instead."""


class _MirrorServer(ThreadingHTTPServer):
    daemon_threads = True
    mirror: GdeltMirror

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet: a client that hung up mid-answer is what the fault tests do."""


@pytest.fixture
def mirror(tmp_path: Path) -> Iterator[GdeltMirror]:
    """A GDELT mirror on 127.0.0.1 (port 0: any free port), stopped after the test."""
    server = _MirrorServer(("127.0.0.1", 0), _Handler)
    root = tmp_path / "mirror"
    root.mkdir()
    server.mirror = GdeltMirror(root, f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05})
    thread.start()
    try:
        yield server.mirror
    finally:
        server.mirror.stopping.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def sleeps() -> list[float]:
    """The backoff delays a test's policy asked for (it does not actually sleep)."""
    return []


@pytest.fixture
def policy(sleeps: list[float]) -> RetryPolicy:
    """Four attempts, a short client timeout and no real backoff: faults cost little time."""
    return RetryPolicy(
        attempts=4,
        first_delay=1.0,
        max_delay=3.0,
        timeout=CLIENT_TIMEOUT,
        attempt_seconds=5.0,
        sleep=sleeps.append,
    )


@cache
def gdelt2_lines() -> list[list[str]]:
    """The real GDELT 2.0 rows, split into their 61 fields."""
    return [ln.split("\t") for ln in raw_file(NEWSNET).read_text(encoding="utf-8").splitlines()]


@cache
def gdelt1_lines(fields: int) -> list[list[str]]:
    """The real GDELT 1.0 rows of `fields` columns (57: backfile; 58: daily files)."""
    lines = raw_file(SPARK_V1).read_text(encoding="utf-8").splitlines()
    return [parts for ln in lines if len(parts := ln.split("\t")) == fields]
