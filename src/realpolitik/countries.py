"""Country, region and IGO codes of the store, and the crosswalks that lead to them.

Store codes are ISO 3166-1 alpha-3 for states and territories, CAMEO codes for regions
(`AFR`, `EUR` = Europe, `WST` = the West, ...) and CAMEO known-group codes for IGOs (`UNO`,
`NAT` = NATO, `EEC` = European Union, ...). The tables are package data built by
`scripts/build_code_tables.py`; `data/SOURCES.md` says where every value comes from.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

import pandas as pd

from realpolitik.package_data import read_table

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalize_name(name: str) -> str:
    """A name as `country_names.csv` stores it: accents folded, lower case, punctuation and
    runs of spaces turned into single spaces (`"Iran, Islamic Republic Of"` →
    `"iran islamic republic of"`)."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub(" ", folded.lower()).strip()


@cache
def _countries() -> pd.DataFrame:
    return read_table("countries.csv")


@cache
def _names() -> pd.DataFrame:
    return read_table("country_names.csv")


@cache
def _by(column: str) -> dict[str, str]:
    """Store code by the non-empty values of `column` of the country table."""
    rows = _countries()[_countries()[column] != ""]
    return dict(zip(rows[column], rows["code"], strict=True))


@cache
def _by_name() -> dict[str, str]:
    return dict(zip(_names()["name"], _names()["code"], strict=True))


def country_table() -> pd.DataFrame:
    """One row per store code: `code, name, kind, iso2, fips, cow, cameo`.

    `kind` is `state` (any ISO 3166-1 entry, territories included), `region` or `igo`.
    `cow` is the Correlates of War number (nullable Int64); `cameo` is the CAMEO code only
    where it differs from `code` (e.g. ROU ↔ ROM); other text columns use "" for none.
    """
    table = _countries().copy()
    table["cow"] = pd.array([int(v) if v else None for v in table["cow"]], dtype="Int64")
    return table


def name_table() -> pd.DataFrame:
    """`name, code`: every known spelling (normalised, see `normalize_name`) → store code."""
    return _names().copy()


def code_from_name(name: str) -> str | None:
    """Store code for a country/region/IGO name, ignoring case, accents, spaces and
    punctuation (`"Russian Federation"` → `"RUS"`); None when the name is unknown."""
    return _by_name().get(normalize_name(name))


def code_from_fips(fips: str) -> str | None:
    """Store code for a FIPS 10-4 country code as in GDELT geo fields (`"RS"` → `"RUS"`)."""
    return _by("fips").get(fips.strip().upper())


@cache
def _cow_successors() -> dict[str, str]:
    table = read_table("cow_successors.csv")
    return dict(zip(table["cow"], table["code"], strict=True))


def code_from_cow(cow: int | str) -> str | None:
    """Store code for a Correlates of War number (`365` or `"365"` → `"RUS"`); COW numbers of
    predecessors a current state continues map to it (260, the German Federal Republic,
    → `"DEU"`)."""
    text = str(cow).strip().removesuffix(".0")
    if not text.isdigit():
        return None
    number = str(int(text))
    return _by("cow").get(number) or _cow_successors().get(number)


def code_from_cameo(code: str) -> str | None:
    """Store code for a CAMEO actor country/region/IGO code (`"ROM"` → `"ROU"`, `"RUS"` →
    `"RUS"`); None for an unknown or empty code."""
    code = code.strip().upper()
    return _by("cameo").get(code) or (code if is_known_code(code) else None)


def is_known_code(code: str) -> bool:
    """Whether `code` is a store code (a row of `country_table()`)."""
    return code in _by("code")
