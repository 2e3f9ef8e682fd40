"""Cutting files into numbered lines, and opening plain files and zips."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from realpolitik.errors import InputError, UsageError
from realpolitik.sources.base import RawFile, ReadOptions, iter_line_tables, line_table


def lines_of(table) -> list[tuple[int, bytes]]:
    return list(
        zip(table.column("line_no").to_pylist(), table.column("raw").to_pylist(), strict=True)
    )


def test_line_table_keeps_every_line_and_its_number() -> None:
    block = b"a\tb\n\nc\r\nlast-without-newline"
    assert lines_of(line_table(block, 10)) == [
        (10, b"a\tb\n"),
        (11, b"\n"),
        (12, b"c\r\n"),
        (13, b"last-without-newline"),
    ]
    assert lines_of(line_table(b"x\n", 1)) == [(1, b"x\n")]


@pytest.mark.parametrize("chunk", [1, 3, 7, 64])
def test_chunks_never_split_a_line(tmp_path: Path, chunk: int) -> None:
    data = b"one\ntwo two\n\nthree three three\nfour"
    path = tmp_path / "f.txt"
    path.write_bytes(data)
    seen: list[int] = []
    tables = list(iter_line_tables(RawFile.open(path), chunk, on_bytes=seen.append))
    rows = [row for t in tables for row in lines_of(t)]
    assert rows == [
        (1, b"one\n"),
        (2, b"two two\n"),
        (3, b"\n"),
        (4, b"three three three\n"),
        (5, b"four"),
    ]
    assert sum(seen) == len(data)


def test_zip_member_and_label(tmp_path: Path) -> None:
    archive = tmp_path / "a.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("dir/", "")
        zf.writestr("dir/events.CSV", "1\t2\n")
    raw = RawFile.open(archive)
    assert (raw.member, raw.label, raw.name, raw.size()) == (
        "dir/events.CSV",
        f"{archive}!dir/events.CSV",
        "dir/events.CSV",
        4,
    )
    assert raw.head() == b"1\t2\n"


def test_unopenable_paths(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        RawFile.open(tmp_path / "nope.CSV")
    with pytest.raises(InputError, match="is a directory"):
        RawFile.open(tmp_path)
    archive = tmp_path / "empty-member.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("e.CSV", "")
    with pytest.raises(InputError, match=r"empty-member\.zip!e\.CSV: empty file"):
        RawFile.open(archive)


def test_quad_convention_is_checked() -> None:
    with pytest.raises(UsageError, match="choose one of gdelt, icews"):
        ReadOptions(quad_convention="plover")
