"""POLECAT reader on the synthetic fixture built from the column spec (no real POLECAT rows
are public here), checked row by row against pandas and a hand-written mapping."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from realpolitik.errors import InputError
from realpolitik.store import Store
from tests.conftest import EXAMPLES

FIXTURE = EXAMPLES / "polecat-synthetic-from-spec.tsv"
QUADS = {
    "VERBAL COOPERATION": 1,
    "MATERIAL COOPERATION": 2,
    "VERBAL CONFLICT": 3,
    "MATERIAL CONFLICT": 4,
}
# CAMEO roots checked by hand against CAMEO2PLOVER-2021 (most codes of each type)
ROOTS = {
    "AGREE": "03",
    "CONSULT": "04",
    "SUPPORT": "05",
    "COOPERATE": "06",
    "AID": "07",
    "RETREAT": "08",
    "CONCEDE": "08",
    "REQUEST": "10",
    "ACCUSE": "11",
    "REJECT": "12",
    "THREATEN": "13",
    "PROTEST": "14",
    "MOBILIZE": "15",
    "SANCTION": "16",
    "COERCE": "17",
    "ASSAULT": "18",
}


def test_every_row_against_pandas(store: Store) -> None:
    result = store.ingest(FIXTURE)
    reference = pd.read_csv(FIXTURE, sep="\t", dtype=str, keep_default_na=False)
    assert (result.format, result.rows_read, result.rows_stored) == (
        "polecat",
        len(reference),
        len(reference),
    )
    events = store.events().set_index("event_id")
    for ref in reference.itertuples(index=False):
        row = events.loc[f"polecat:{ref[0]}"]
        assert row.date.strftime("%Y-%m-%d") == ref[1]
        assert row.cameo == ROOTS[ref[2]]
        assert row.quad_class == QUADS[ref[5]]
        assert row.goldstein == pytest.approx(float(ref[4]))
        assert (row.source, row.target) == (ref[8], ref[16])
        assert (row.source_sector, row.target_sector) == (ref[10], ref[18])
        assert (row.source_name, row.target_name) == (ref[7], ref[15])


def test_release_variants_and_bad_values(store: Store, tmp_path: Path) -> None:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    header = lines[0].replace("\tIntensity\t", "\tEvent Intensity\t") + "\tFeed"
    rows = [line + "\tfeed-a" for line in lines[1:6]]
    fields = rows[2].split("\t")
    fields[2] = "HUG"
    rows[2] = "\t".join(fields)
    fields = rows[3].split("\t")
    fields[8] = "Russia"  # a country name where a code is expected still resolves
    rows[3] = "\t".join(fields)
    path = tmp_path / "release.txt"
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    result = store.ingest(path)
    assert (result.format, result.rows_stored, result.rows_quarantined) == ("polecat", 4, 1)
    q = store.quarantine().iloc[0]
    assert (q.line, q.reason) == (4, "Event Type 'HUG' is not a PLOVER event type")
    assert "RUS" in set(store.events().source)


def test_missing_column_is_named(store: Store, tmp_path: Path) -> None:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    path = tmp_path / "short.txt"
    path.write_text(lines[0].replace("Quad Code", "Quad") + "\n" + lines[1] + "\n")
    with pytest.raises(InputError, match="lacks Quad Code"):
        store.ingest(path, "polecat")
