"""Country codes, crosswalks, names and ICEWS sectors, checked against values read off the raw
codebooks and against real ICEWS/GDELT/netify rows (those skip without ../shared/data/raw)."""

from __future__ import annotations

import csv
import gzip
from importlib import resources

import pandas as pd
import pytest

from realpolitik.countries import (
    code_from_cameo,
    code_from_cow,
    code_from_fips,
    code_from_name,
    country_table,
    is_known_code,
    name_table,
    normalize_name,
)
from tests.conftest import GDELT_TAB_FILES, raw_file

ACTOR_COUNTRY = (7, 17)  # Actor1CountryCode, Actor2CountryCode (GDELT 1.0 and 2.0)
GEO_COUNTRY = {"gdelt_v1": (37, 44, 51), "gdelt_v2": (37, 45, 53)}  # *Geo_CountryCode (FIPS)


def sectors() -> pd.DataFrame:
    with (resources.files("realpolitik") / "data" / "icews_sectors.csv").open() as fh:
        return pd.read_csv(fh, dtype=str, keep_default_na=False)


def icews_sample() -> pd.DataFrame:
    path = raw_file("icews/andybega-icews__events.2018.sample.tab")
    return pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=csv.QUOTE_NONE)


# --- the country table --------------------------------------------------------------------


def test_country_table_shape() -> None:
    table = country_table()
    assert list(table.columns) == ["code", "name", "kind", "iso2", "fips", "cow", "cameo"]
    assert len(table) == 351
    assert table["code"].is_unique and table["code"].tolist() == sorted(table["code"])
    assert table["code"].str.fullmatch("[A-Z]{3}").all()
    assert table["kind"].value_counts().to_dict() == {"state": 254, "igo": 69, "region": 28}
    for column in ("iso2", "fips", "cameo"):
        values = table.loc[table[column] != "", column]
        assert values.is_unique, column
    assert table["cow"].dropna().is_unique
    assert str(table["cow"].dtype) == "Int64"
    states = table[table["kind"] == "state"]
    assert (states["iso2"].str.fullmatch("[A-Z]{2}")).all()
    assert (table.loc[table["kind"] != "state", "iso2"] == "").all()
    # A CAMEO alias never shadows another store code.
    assert not set(table["cameo"]) & set(table["code"])


@pytest.mark.parametrize(
    ("code", "name", "iso2", "fips", "cow"),
    [
        ("RUS", "Russia", "RU", "RS", 365),
        ("IRN", "Iran", "IR", "IR", 630),
        ("USA", "United States", "US", "US", 2),
        ("GEO", "Georgia", "GE", "GG", 372),
        ("UKR", "Ukraine", "UA", "UP", 369),
        ("GBR", "United Kingdom", "GB", "UK", 200),
        ("SRB", "Serbia", "RS", "RI", 345),
        ("NAM", "Namibia", "NA", "WA", 565),  # ISO2 "NA" must not become missing
        ("GIN", "Guinea", "GN", "GV", 438),
    ],
)
def test_state_rows(code: str, name: str, iso2: str, fips: str, cow: int) -> None:
    row = country_table().set_index("code").loc[code]
    assert (row["name"], row["kind"], row["iso2"], row["fips"], row["cow"]) == (
        name,
        "state",
        iso2,
        fips,
        cow,
    )


def test_kinds_of_cameo_codes() -> None:
    table = country_table().set_index("code")
    for code in ("UNO", "NAT", "EEC", "ARL", "GCC", "IMF", "WBK"):
        assert table.at[code, "kind"] == "igo", code
    for code in ("AFR", "EUR", "WST", "MEA", "WSB", "GZS"):
        assert table.at[code, "kind"] == "region", code
    assert table.at["EUR", "name"] == "Europe"
    assert table.at["EEC", "name"] == "European Union"
    assert table.at["NAT", "name"] == "North Atlantic Treaty Organization (NATO)"
    # Militant groups, parties and NGOs of the known-group lookup are not actor countries.
    for code in ("ALQ", "HMS", "AMN", "IRC", "TAL", "SUN", "SCG", "BVI"):
        assert not is_known_code(code), code
    assert pd.isna(table.at["HKG", "cow"])  # text_to_CAMEO's 997 is no COW code


# --- crosswalks -----------------------------------------------------------------------------


def test_code_from_fips() -> None:
    expected = {"RS": "RUS", "IR": "IRN", "US": "USA", "GG": "GEO", "UP": "UKR", "RI": "SRB"}
    expected |= {"UK": "GBR", "GM": "DEU", "WE": "PSE", "GZ": "GZS", "KV": "XKX", "OD": "SSD"}
    for fips, code in expected.items():
        assert code_from_fips(fips) == code, fips
    assert code_from_fips(" rs ") == "RUS"
    assert code_from_fips("RB") is None
    assert code_from_fips("") is None


def test_code_from_cow() -> None:
    assert code_from_cow(365) == code_from_cow("365") == "RUS"
    assert code_from_cow(630) == "IRN"
    assert code_from_cow(2) == code_from_cow("002") == "USA"
    assert code_from_cow(345) == "SRB"
    assert code_from_cow(347) == "XKX"
    assert code_from_cow(999) is None
    assert code_from_cow("abc") is None
    assert code_from_cow("") is None


def test_code_from_cameo() -> None:
    aliases = {"ROM": "ROU", "TMP": "TLS", "MTN": "MNE", "IMY": "IMN", "KSV": "XKX"}
    for cameo, code in aliases.items():
        assert code_from_cameo(cameo) == code, cameo
        assert country_table().set_index("code").at[code, "cameo"] == cameo
    for code in ("RUS", "IRN", "USA", "ROU", "MNE", "SSD", "EUR", "AFR", "WST", "UNO", "NAT"):
        assert code_from_cameo(code) == code, code
    assert code_from_cameo("rus") == "RUS"
    for unknown in ("", "SUN", "XXX", "ALQ", "BVI"):
        assert code_from_cameo(unknown) is None, unknown


def test_is_known_code() -> None:
    assert is_known_code("RUS") and is_known_code("NAT") and is_known_code("EUR")
    assert not is_known_code("ROM")  # a CAMEO alias, not a store code
    assert not is_known_code("rus")


# --- names ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Russian Federation", "RUS"),
        ("Russia", "RUS"),
        ("Soviet Union", "RUS"),
        ("USSR", "RUS"),
        ("Iran", "IRN"),
        ("Iran, Islamic Republic Of", "IRN"),
        ("  iran ,ISLAMIC   republic of ", "IRN"),
        ("United States", "USA"),
        ("USA", "USA"),
        ("U.S.", "USA"),
        ("United States of America", "USA"),
        ("UK", "GBR"),
        ("South Korea", "KOR"),
        ("Korea, Republic Of", "KOR"),
        ("North Korea", "PRK"),
        ("Korea, Democratic People's Republic Of", "PRK"),
        ("Syria", "SYR"),
        ("Syrian Arab Republic", "SYR"),
        ("Moldova, Republic of", "MDA"),
        ("the former Yugoslav Republic of Macedonia", "MKD"),
        ("Cote d'Ivoire", "CIV"),
        ("Curaçao", "CUW"),
        ("Curacao", "CUW"),
        ("Occupied Palestinian Territory", "PSE"),
        ("Serbia and Montenegro", "SRB"),
        ("Timor-Leste", "TLS"),
        ("Romania", "ROU"),
        ("Antarctica", "ATA"),  # text_to_CAMEO says ANT (Netherlands Antilles)
        ("Jersey", "JEY"),  # text_to_CAMEO says GBR
        ("Europe", "EUR"),
        ("European Union", "EEC"),
        ("NATO", "NAT"),
        ("United Nations", "UNO"),
    ],
)
def test_code_from_name(name: str, code: str) -> None:
    assert code_from_name(name) == code


def test_unknown_names() -> None:
    assert code_from_name("Atlantis") is None
    assert code_from_name("") is None
    assert code_from_name("Korea") is None  # ambiguous, so not listed
    assert code_from_name("Columbia") is None  # CAMEO's misspelt label is not used


def test_name_table_is_one_to_one_and_normalised() -> None:
    names = name_table()
    assert list(names.columns) == ["name", "code"]
    assert names["name"].is_unique  # one name -> one code
    assert names["name"].tolist() == sorted(names["name"])
    assert all(normalize_name(n) == n for n in names["name"])
    assert all(is_known_code(c) for c in names["code"])
    # Every store row is reachable by its own name, except IGOs listed under their labels.
    table = country_table()
    for code, name in zip(table["code"], table["name"], strict=True):
        assert code_from_name(name) == code or code == "CEM", (code, name)


def test_normalize_name() -> None:
    assert normalize_name("Iran, Islamic Republic Of") == "iran islamic republic of"
    assert normalize_name("  Guinea-Bissau ") == "guinea bissau"
    assert normalize_name("Curaçao") == "curacao"


# --- real data ------------------------------------------------------------------------------


def test_every_icews_country_name_resolves() -> None:
    sample = icews_sample()
    assert len(sample) == 3705
    names = set(sample["Source Country"]) | set(sample["Target Country"]) | set(sample["Country"])
    names.discard("NA")
    assert len(names) == 151
    assert {n: code_from_name(n) for n in names if code_from_name(n) is None} == {}
    assert code_from_name("Russian Federation") in set(map(code_from_name, names))


def test_icews_dyads_among_rus_irn_usa() -> None:
    sample = icews_sample()
    source = sample["Source Country"].map(lambda n: code_from_name(n) if n != "NA" else None)
    target = sample["Target Country"].map(lambda n: code_from_name(n) if n != "NA" else None)
    counts = pd.crosstab(source, target)
    assert counts.at["RUS", "USA"] == 14
    assert counts.at["USA", "RUS"] == 6
    assert counts.at["RUS", "IRN"] == 2


def test_every_netify_name_resolves_to_its_iso3() -> None:
    path = raw_file("icews_dyadyear/derived_netify_icews_quadcounts_dyadyear_2002_2014.csv.gz")
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        pairs = {(row[s], row[f"{s}_iso3c"]) for row in csv.DictReader(fh) for s in "ij"}
    assert len(pairs) == 152
    assert {name: iso for name, iso in pairs if code_from_name(name) != iso} == {}


def gdelt_fields(relative: str) -> list[list[str]]:
    path = raw_file(relative)
    with path.open(encoding="utf-8", newline="") as fh:
        if relative.startswith("gdelt_v1/undp-bcpr"):
            rows = list(csv.reader(fh))[1:]
            return [["" if v == "NA" else v for v in row] for row in rows]
        return [line.rstrip("\n").split("\t") for line in fh]


@pytest.mark.parametrize("relative", [*GDELT_TAB_FILES, "gdelt_v1/undp-bcpr__apr2012.csv"])
def test_every_gdelt_actor_country_code_resolves(relative: str) -> None:
    codes = {row[i] for row in gdelt_fields(relative) for i in ACTOR_COUNTRY} - {""}
    assert codes
    assert {c for c in codes if code_from_cameo(c) is None} == set()


@pytest.mark.parametrize("relative", [*GDELT_TAB_FILES, "gdelt_v1/undp-bcpr__apr2012.csv"])
def test_every_gdelt_geo_country_code_resolves(relative: str) -> None:
    fields = GEO_COUNTRY[relative.split("/")[0]]
    codes = {row[i] for row in gdelt_fields(relative) for i in fields} - {""}
    # OS is FIPS "Oceans" (no country); RB (4 country-level fields of the 2025 batch, with no
    # place name) is in neither FIPS list.
    assert {c for c in codes if code_from_fips(c) is None} <= {"OS", "RB"}


def test_soviet_union_is_rus_as_in_gdelt() -> None:
    # GDELT codes Soviet-era actors RUS (no SUN); names and COW 365 follow it.
    rows = gdelt_fields("gdelt_v1/spark-gdelt__events1.csv")
    assert any(r[1] < "19911226" and "RUS" in (r[7], r[17]) for r in rows)
    assert code_from_cameo("RUS") == code_from_cow(365) == code_from_name("Soviet Union") == "RUS"


# --- ICEWS sectors --------------------------------------------------------------------------


def test_sector_table() -> None:
    table = sectors()
    assert list(table.columns) == ["keyword", "sector"]
    assert len(table) == 612
    assert table["keyword"].is_unique
    assert table["sector"].str.fullmatch("[A-Z]{3}").all()
    mapping = dict(zip(table["keyword"], table["sector"], strict=True))
    expected = {
        "Government": "GOV",
        "Executive": "GOV",
        "Cabinet": "GOV",
        "Foreign Ministry": "GOV",
        "Military": "MIL",
        "Navy": "MIL",
        "Police": "COP",
        "Rebel": "REB",
        "Insurgents": "REB",
        "Dissident": "OPP",
        "Protestors / Popular Opposition / Mobs": "OPP",
        "Business": "BUS",
        "Media": "MED",
        "Judicial": "JUD",
        "Legislative / Parliamentary": "LEG",
        "Education": "EDU",
        "General Population / Civilian / Social": "CVL",
        "International Government Organization": "IGO",
        "Regional Diplomatic IGOs": "IGO",
        "Human Rights NGOs": "NGO",
        "Nongovernmental Organizations / Activists": "NGO",
        "Muslim": "REL",
        "Religious Minority": "REL",
        "Local": "GOV",
        "Provincial": "GOV",
        "Medical / Health": "HLH",
        "Intelligence Ministry": "SPY",
        "Kurd (Ethnic Group)": "CVL",
    }
    assert {k: mapping.get(k) for k in expected} == expected
    assert "NULL" not in mapping and "Unaffiliated Sectors" not in mapping


def test_every_icews_sample_sector_is_mapped() -> None:
    sample = icews_sample()
    words = {
        w for col in ("Source Sectors", "Target Sectors") for v in sample[col] for w in v.split(",")
    }
    assert words - set(sectors()["keyword"]) == {"NA", "Unspecified"}


def test_dissolved_states_and_cow_successors() -> None:
    # ISO 3166-3 codes for states no current code continues; COW continuity otherwise
    assert code_from_cow(315) == "CSK" and code_from_name("Czechoslovakia") == "CSK"
    assert code_from_cow(265) == "DDR" and code_from_name("German Democratic Republic") == "DDR"
    assert code_from_cow(680) == "YMD" and code_from_name("Yemen People's Republic") == "YMD"
    assert code_from_cow(260) == "DEU" and code_from_name("Federal Republic of Germany") == "DEU"
    assert code_from_cow(678) == "YEM" and code_from_name("Yemen Arab Republic") == "YEM"
    assert code_from_cow(345) == "SRB" and code_from_name("Yugoslavia") == "SRB"
    assert code_from_cow("365.0") == "RUS"
