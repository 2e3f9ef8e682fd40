"""Ingest under hostile input: memory stays bounded whatever the file holds (each case runs in
its own process and its peak memory is read back), bad lines are stored compactly, and a file
that is mostly garbage is refused early. The bound is checked, never a timing."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from realpolitik.errors import InputError
from realpolitik.store import GARBAGE_SAMPLE, QUARANTINE_LINES_KEPT, Store
from tests.conftest import raw_file

NEWSNET = "gdelt_v2/newsnet-africa__20250511180000.export.csv"
PEAK_BOUND_MIB = 1024
"""The stated bound (README, Performance): ingest stays under 1 GiB whatever the input."""
INGEST = r"""
import sys
from realpolitik.errors import InputError
from realpolitik.store import Store
with Store(sys.argv[2]) as store:
    try:
        result = store.ingest(sys.argv[1])
        print("ok", result.rows_read, result.rows_stored, result.rows_quarantined)
    except InputError as exc:
        print("refused", exc)
# the peak of this program alone (rusage would count the pages of the process that forked it)
with open("/proc/self/status") as status:
    print(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
"""


def good_lines(count: int = 100) -> list[bytes]:
    lines = raw_file(NEWSNET).read_bytes().splitlines()
    return [lines[i % len(lines)] for i in range(count)]


def ingest_in_a_process(path: Path, db: Path) -> tuple[str, int]:
    """The child's output and its peak resident memory in MiB."""
    if not Path("/proc/self/status").exists():
        pytest.skip("peak memory is read from /proc (Linux)")
    proc = subprocess.run(
        [sys.executable, "-c", INGEST, str(path), str(db)], capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    *out, peak_kib = proc.stdout.strip().splitlines()
    return "\n".join(out).strip(), int(peak_kib) // 1024


def zip_with(path: Path, name: str, pieces) -> Path:
    """A zip whose one member is written piece by piece (never held whole here either)."""
    with (
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf,
        zf.open(name, "w", force_zip64=True) as member,
    ):
        for piece in pieces:
            member.write(piece)
    return path


def test_a_two_gib_line_of_nul_bytes_in_a_small_zip(tmp_path: Path) -> None:
    lines = good_lines(100)
    block = b"\0" * (64 << 20)

    def pieces():
        yield b"\n".join(lines[:50]) + b"\n"
        for _ in range(32):  # 2 GiB of NUL bytes on one line
            yield block
        yield b"\n" + b"\n".join(lines[50:]) + b"\n"

    path = zip_with(tmp_path / "nul.zip", "nul.export.CSV", pieces())
    assert path.stat().st_size < 5 << 20
    out, peak = ingest_in_a_process(path, tmp_path / "s.duckdb")
    assert out == "ok 101 100 1"
    assert peak < PEAK_BOUND_MIB, peak
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        (row,) = store.quarantine().itertuples()
    assert row.line == 51 and row.raw_bytes == (2 << 30) + 1
    assert row.reason.startswith("line of 2,147,483,649 bytes, over the limit")
    assert "\0" not in row.raw and len(row.raw) <= 4 * 65_536  # escaped, and only its start


def test_twenty_million_blank_lines_are_refused_early(tmp_path: Path) -> None:
    start = b"\n".join(good_lines(100)) + b"\n"  # looks like GDELT, so the format is known
    path = zip_with(tmp_path / "blank.zip", "blank.CSV", [start, b"\n" * 20_000_000])
    assert path.stat().st_size < 200_000
    out, peak = ingest_in_a_process(path, tmp_path / "s.duckdb")
    assert out.startswith("refused ") and "blank line" in out and "nothing of it was stored" in out
    assert peak < PEAK_BOUND_MIB, peak
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        assert store.ledger().empty and store.quarantine().empty


def test_a_plain_half_gigabyte_single_line(tmp_path: Path) -> None:
    path = tmp_path / "one.CSV"
    with path.open("wb") as fh:
        fh.write(good_lines(1)[0] + b"\n")
        for _ in range(8):
            fh.write(b"x" * (64 << 20))
    out, peak = ingest_in_a_process(path, tmp_path / "s.duckdb")
    assert out == "ok 2 1 1"
    assert peak < PEAK_BOUND_MIB, peak


def test_bad_lines_beyond_those_kept_are_counted_not_stored(store: Store, tmp_path: Path) -> None:
    lines = good_lines(3 * QUARANTINE_LINES_KEPT)
    bad = [b"not\ta\trecord"] * (QUARANTINE_LINES_KEPT + 2_345)
    path = tmp_path / "mixed.CSV"
    path.write_bytes(b"\n".join(lines + bad) + b"\n")
    result = store.ingest(path)
    assert result.rows_quarantined == QUARANTINE_LINES_KEPT + 2_345
    kept = store.quarantine()
    assert len(kept) == QUARANTINE_LINES_KEPT + 1
    last = kept.iloc[-1]
    first_beyond = len(lines) + QUARANTINE_LINES_KEPT + 1
    assert last.line == first_beyond
    assert last.reason == (
        f"… and 2,345 more lines like this up to line {len(lines) + len(bad)} (the file's first "
        "10,000 bad lines are kept one by one): expected 61 tab-separated fields, found 3"
    )


def test_a_file_mostly_of_garbage_is_refused(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "garbage.CSV"
    path.write_bytes(b"\n".join(good_lines(10) + [b"<html>"] * GARBAGE_SAMPLE) + b"\n")
    with pytest.raises(InputError, match=r"10,000 of its first 10,010 lines cannot be used"):
        store.ingest(path)
    assert store.ledger().empty and store.quarantine().empty
