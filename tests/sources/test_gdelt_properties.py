"""Property: whatever damage real GDELT rows suffer, every line is accounted for
(read = stored + duplicate + quarantined), no undamaged row is lost or quarantined, and every
quarantined line is one that was damaged."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from realpolitik.errors import InputError
from realpolitik.store import Store
from tests.conftest import raw_file

FILES = {
    "gdelt2": "gdelt_v2/newsnet-africa__20250511180000.export.csv",
    "gdelt1": "gdelt_v1/reed9999-gdelt-demo__events.csv",
}
ROWS = 25
SNIFF_LINES = 20


def real_rows(fmt: str) -> list[bytes]:
    return raw_file(FILES[fmt]).read_bytes().split(b"\n")[:ROWS]


field_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=12).map(str.encode)
damage = st.one_of(
    st.tuples(st.just("drop"), st.integers(0, 60)),
    st.tuples(st.just("add"), st.integers(0, 60), field_text),
    st.tuples(st.just("replace"), st.integers(0, 60), field_text),
    st.tuples(st.just("bytes"), st.integers(0, 60), st.binary(max_size=8)),
    st.tuples(st.just("truncate"), st.integers(0, 400)),
    st.tuples(st.just("date"), st.from_regex(rb"\A[0-9]{8}\Z")),
    st.tuples(st.just("blank")),
    st.tuples(st.just("copy"), st.integers(0, ROWS - 1)),
)


def apply(row: bytes, op: tuple, rows: list[bytes]) -> bytes:
    fields = row.split(b"\t")
    kind = op[0]
    if kind == "drop":
        del fields[op[1] % len(fields)]
    elif kind == "add":
        fields.insert(op[1] % (len(fields) + 1), op[2])
    elif kind in ("replace", "bytes"):
        fields[op[1] % len(fields)] = op[2]
    elif kind == "truncate":
        return row[: op[1]]
    elif kind == "date":
        fields[1] = op[1]
    elif kind == "blank":
        return b""
    elif kind == "copy":
        return rows[op[1]]
    return b"\t".join(fields)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    fmt=st.sampled_from(sorted(FILES)),
    damages=st.dictionaries(st.integers(0, ROWS - 1), damage, max_size=ROWS),
)
def test_damaged_rows_keep_the_count_identity(fmt: str, damages: dict[int, tuple]) -> None:
    rows = real_rows(fmt)
    lines: list[bytes] = []
    intact: dict[int, bytes] = {}  # line number → GLOBALEVENTID of an undamaged row
    damaged_lines: set[int] = set()
    for i, row in enumerate(rows):
        text = apply(row, damages[i], rows) if i in damages else row
        first = len(lines) + 1
        pieces = text.split(b"\n")  # damage may carry newlines: one row, several lines
        lines.extend(pieces)
        if i in damages:
            damaged_lines.update(range(first, first + len(pieces)))
        else:
            intact[first] = row.split(b"\t")[0]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "damaged.CSV"
        path.write_bytes(b"\n".join(lines) + b"\n")
        with Store(Path(tmp) / "s.duckdb") as store:
            try:
                result = store.ingest(path, fmt)
            except InputError as exc:
                # A file is refused only when none of its first lines looks like the format.
                assert "does not look like" in str(exc)
                assert not any(n <= SNIFF_LINES for n in intact)
                assert store.ledger().empty
                return
            stored_ids = set(store.events().event_id)
            quarantined = set(store.quarantine().line)
    assert result.rows_read == len(lines)
    assert result.rows_read == result.rows_stored + result.rows_duplicate + result.rows_quarantined
    assert {f"{fmt}:{gid.decode()}" for gid in intact.values()} <= stored_ids
    assert quarantined <= damaged_lines
    assert result.rows_stored == len(stored_ids)
