"""The CAMEO code tables: event codes with names, Goldstein scores and quad classes, and the
actor type (sector) codes.

One row per 2-, 3- and 4-digit CAMEO code (codes are zero-padded strings: `"057"`, never
57), and one per sector code (`GOV`, `MIL`, `REB`...), built by
`scripts/build_code_tables.py` from the GDELT and ICEWS codebooks; see `data/SOURCES.md`.
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from realpolitik.package_data import read_table

QUAD_CONVENTIONS = ("gdelt", "icews")
"""Quad-class conventions. `gdelt`: roots 01-05 → 1 verbal cooperation, 06-09 → 2 material
cooperation, 10-14 → 3 verbal conflict, 15-20 → 4 material conflict. `icews` (Duval &
Thompson, as in the ICEWS tools): 01-05, 06-08, 09-13, 14-20."""


@cache
def _table() -> pd.DataFrame:
    table = read_table("cameo.csv", dtype={"code": str, "root": str, "level": str, "name": str})
    return table.set_index("code", drop=False)


def cameo_table() -> pd.DataFrame:
    """`code, root, level, name, goldstein, goldstein_icews, quad_gdelt, quad_icews`.

    `level` is `root`, `base` or `sub` (2, 3, 4 digits). `goldstein` is GDELT's value (ICEWS's
    where GDELT has none: 1213); `goldstein_icews` is the ICEWS table's.
    """
    return _table().reset_index(drop=True)


def is_cameo_code(code: str) -> bool:
    """Whether `code` is a CAMEO event code of the table (as a zero-padded string)."""
    return isinstance(code, str) and code in _table().index


@cache
def quad_class(code: str, convention: str = "gdelt") -> int:
    """The quad class (1-4) of a CAMEO code under `convention` (one of QUAD_CONVENTIONS)."""
    if convention not in QUAD_CONVENTIONS:
        raise ValueError(
            f"unknown quad-class convention {convention!r}; choose one of {QUAD_CONVENTIONS}"
        )
    if not is_cameo_code(code):
        raise ValueError(f"{code!r} is not a CAMEO event code")
    return int(_table().at[code, f"quad_{convention}"])


@cache
def goldstein(code: str) -> float | None:
    """The Goldstein score of a CAMEO code (GDELT's value).

    A code with no value of its own falls back to its 3-digit base, then its 2-digit root.
    Every code in the table has its own value, so the fallback serves codes outside it, such
    as an unlisted 4-digit sub-code (`"1219"` → 121's -4.0). None if nothing matches.
    """
    table = _table()
    for candidate in (code, code[:3], code[:2]):
        if candidate in table.index:
            return float(table.at[candidate, "goldstein"])
    return None


@cache
def sector_codes() -> dict[str, str]:
    """The CAMEO actor type (sector) codes: code → label (`GOV` → Government)."""
    table = read_table("sector_codes.csv")
    return dict(zip(table["code"], table["label"], strict=True))
