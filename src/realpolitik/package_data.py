"""Reading the tables shipped in `realpolitik/data` (code tables, crosswalks, mappings)."""

from __future__ import annotations

from importlib import resources

import pandas as pd


def read_table(filename: str, dtype: type | dict = str) -> pd.DataFrame:
    """A CSV from the package's data folder; empty cells stay '' (Namibia's ISO2 is `NA`)."""
    with (resources.files("realpolitik") / "data" / filename).open(encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype=dtype, keep_default_na=False)
