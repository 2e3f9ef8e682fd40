"""Build the package code tables in src/realpolitik/data/ from the raw codebooks.

    python scripts/build_code_tables.py --raw ../shared/data/raw

Reads only `<raw>/codebooks/` and `<raw>/icews_dyadyear/` (see `<raw>/SOURCES.md`, section 7)
and writes cameo.csv, countries.csv, country_names.csv, icews_sectors.csv and sector_codes.csv:
sorted, UTF-8, LF line ends, so a rebuild from the same raw files is byte-identical. Every
repair of a raw value is listed here as a constant and in src/realpolitik/data/SOURCES.md; the
cross-checks against the other raw copies stop the build if the raw files ever say otherwise.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
from collections.abc import Container, Iterable
from pathlib import Path
from typing import NoReturn

from realpolitik.countries import normalize_name

REPO = Path(__file__).resolve().parents[1]
DEFAULT_RAW = REPO.parent / "shared" / "data" / "raw"
DEFAULT_OUT = REPO / "src" / "realpolitik" / "data"

# --- CAMEO event codes -------------------------------------------------------------------

# The UTF-8 GDELT lookup has 044 as double-encoded mojibake ("Meet at a Ã’hirdÃ“location");
# the ICEWS table and the derived codebook spell it like this.
NAME_044 = "Meet at a 'third' location"
# In the same lookup the 106 line is glued onto the end of 1056's name:
# "Demand de-escalation of military engagement106:[-5.0] Demand withdrawal".
GLUED_CODE = re.compile(
    r"^(?P<name>.*?)(?P<code>\d{2,4}):\[(?P<goldstein>-?\d+(?:\.\d+)?)\]\s*(?P<rest>.*)$"
)
# Quad class by CAMEO root. GDELT: 01-05, 06-09, 10-14, 15-20 (checked against GDELT rows in
# the tests). ICEWS / Duval-Thompson (andybega/icews): 01-05, 06-08, 09-13, 14-20.
QUAD_UPPER_ROOT = {"gdelt": (5, 9, 14, 20), "icews": (5, 8, 13, 20)}
ICEWS_QUAD_LABELS = {
    "verbal cooperation": 1,
    "material cooperation": 2,
    "verbal conflict": 3,
    "material conflict": 4,
}

# --- Countries, regions, IGOs -----------------------------------------------------------

# CAMEO knowngroup codes that are intergovernmental organisations (or standing groups of
# states: G-7, G-8, G-77, Paris Club). The rest of that lookup is militant groups, parties,
# NGOs (Amnesty, Red Cross, Oxfam, WEF ...) and labels (CMN, HIP), which are not actor
# countries.
IGO_CODES = frozenset(
    """
    ABD ACC ADB AEU AFB AMF AMU APE ARL ASN ATD BCA BIS CEM CFA CIS COE CPA CPC CSS CWN EBR ECA
    EEC EFT FAO GCC GOE GOS GSS HCH HCR IAC IAD IAE ICC ICJ ICO IDB IGC ILO IMF IOM IPU ITP KID
    NAT NEP NON OAS OAU OIC OPC PAP PRC SAA SAD SCE SOT UEM UNO WAD WAM WAS WBK WCT WFP WHO WTO
    """.split()  # noqa: SIM905 (one word per code reads better than 69 quoted strings)
)
# "?" stands for a lost apostrophe in two knowngroup labels.
LOST_APOSTROPHE = re.compile(r"(?<=[a-z])\?(?=s\b)")
# CAMEO country-lookup labels that are broken and so are not used as names.
BAD_CAMEO_LABELS = {"COL": "Columbia", "REU": "Runion"}
# CAMEO country codes that differ from the ISO 3166-1 alpha-3 code of the same country.
# ROM, TMP, MTN, IMY come from the GDELT CAMEO lookup; KSV from the ICEWS->CAMEO list.
CAMEO_TO_ISO = {"ROM": "ROU", "TMP": "TLS", "MTN": "MNE", "IMY": "IMN", "KSV": "XKX"}
# Dissolved states that no CAMEO source codes separately are folded into the successor that
# CAMEO and COW continue: GDELT codes Soviet-era actors RUS (COW 365), and the ICEWS->CAMEO
# list codes "Serbia and Montenegro" SRB (COW 345). GeoNames' withdrawn SCG row is dropped.
DROPPED_ISO = frozenset({"SCG"})
# Dissolved states that no current code continues get their ISO 3166-3 code (UN votes and
# COW data name them): code, name, the ISO 3166-1 alpha-2 code they had, COW number.
HISTORICAL_STATES = (
    ("CSK", "Czechoslovakia", "CS", "315"),
    ("DDR", "German Democratic Republic", "DD", "265"),
    ("YMD", "Yemen People's Republic", "YD", "680"),
)
# COW numbers COW gives a predecessor that a current state continues: the German Federal
# Republic (260) → DEU, the Yemen Arab Republic (678) → YEM. Written to cow_successors.csv.
COW_SUCCESSORS = {"260": "DEU", "678": "YEM"}
# The ICEWS->CAMEO list gives Hong Kong 997, which is no COW state code (the list ends at
# 990, Samoa; COW has no Hong Kong).
NOT_COW = {"HKG": "997"}
# FIPS 10-4 Gaza Strip: in the GDELT FIPS lookup but folded into PSE (FIPS WE) by GeoNames;
# CAMEO has its own code for the same entity.
EXTRA_FIPS = {"GZS": "GZ"}
# The ICEWS->CAMEO country list maps these names to the wrong code; the ISO-keyed sources
# (GeoNames, TwoRavens) name the right one and win on priority.
#   Antarctica ANT (ANT is Netherlands Antilles), Jersey GBR, Mayotte FRA,
#   Saint Barthelemy FRA, Serbia and Montenegro SRB (kept, see DROPPED_ISO).
# ICEWS->CAMEO compound codes are parent + territory (USAASM, GBRVGB, FRNWLF); the territory
# is used when it is a known code, else the parent (PSEGZA "Gaza" -> PSE, as GDELT codes
# Gaza actors).
COMMON_NAMES = {
    "RUS": ["Russia", "Soviet Union", "USSR", "Union of Soviet Socialist Republics"],
    "USA": ["USA", "US", "U.S.", "U.S.A.", "United States of America"],
    "GBR": [
        "UK",
        "U.K.",
        "Britain",
        "Great Britain",
        "United Kingdom of Great Britain and Northern Ireland",
    ],
    "KOR": ["South Korea", "Republic of Korea", "ROK"],
    "PRK": ["North Korea", "DPRK", "Democratic People's Republic of Korea"],
    "IRN": ["Iran", "Islamic Republic of Iran"],
    "SYR": ["Syria", "Syrian Arab Republic"],
    "CHN": ["People's Republic of China"],
    "TWN": ["Republic of China"],
    "VNM": ["Viet Nam"],
    "LAO": ["Lao PDR"],
    "COD": ["DR Congo", "DRC", "Congo-Kinshasa"],
    "COG": ["Congo-Brazzaville", "Republic of Congo"],
    "CIV": ["Ivory Coast", "Cote d'Ivoire"],
    "CZE": ["Czech Republic", "Czechia"],
    "MKD": ["North Macedonia", "Macedonia"],
    "MMR": ["Burma"],
    "SWZ": ["Eswatini"],
    "CPV": ["Cabo Verde"],
    "TLS": ["Timor-Leste", "East Timor"],
    "VAT": ["Holy See", "Vatican City"],
    "PSE": ["Palestine", "State of Palestine", "Palestinian Territories"],
    "FSM": ["Federated States of Micronesia"],
    "TUR": ["Turkiye"],
    "BOL": ["Bolivia"],
    "VEN": ["Venezuela"],
    "TZA": ["Tanzania"],
    "MDA": ["Moldova"],
    "SRB": ["Yugoslavia", "Federal Republic of Yugoslavia"],
    "DEU": ["Federal Republic of Germany", "West Germany"],
    "YEM": ["Yemen Arab Republic", "North Yemen"],
    "DDR": ["East Germany", "GDR"],
    "YMD": ["South Yemen", "People's Democratic Republic of Yemen"],
    "UNO": ["UN", "U.N."],
    "EEC": ["EU", "E.U."],
}

# --- ICEWS sectors ----------------------------------------------------------------------

# Sector codes: the CAMEO actor types of the GDELT type lookup, plus REL (religious) and PTY
# (party), which the ICEWS->CAMEO agent list uses.
EXTRA_SECTOR_CODES = frozenset({"REL", "PTY"})
# Sector codes the ICEWS->CAMEO agent list uses that GDELT's type list lacks, with labels:
EXTRA_SECTOR_LABELS = {"REL": "Religious", "PTY": "Political Party"}
# Fill-down slips in the ICEWS->CAMEO agent list (each row repeats its predecessor's code):
SECTOR_FIXES = {
    "Local": "GOV",  # listed JUD; sub-national government (ICEWS: Governor = Local,Provincial)
    "Provincial": "GOV",  # listed JUD
    "Municipal": "GOV",  # listed JUD
    "Medical / Health": "HLH",  # listed MED (media)
    "National Religious": "REL",  # listed REF (refugees)
    "Religious Majority": "REL",  # listed REF
    "Religious Minority": "REL",  # listed REF
    "International Ethnic": "CVL",  # listed REL; ethnic groups are civilians, as below
}
# Every "... NGOs" / "Nongovernmental ..." row is listed IGO; CAMEO has NGO for them.
NGO_NAME = re.compile(r"^Nongovernmental|\bNGOs$")
# Placeholders with no sector.
SKIPPED_SECTORS = {"NULL", "Unaffiliated Sectors"}
# Religion codes without a GDELT religion-lookup entry: Shamanist (SHA).
EXTRA_RELIGION_CODES = frozenset({"SHA"})


def fail(message: str) -> NoReturn:
    """Stop the build: the raw files do not say what this script expects."""
    sys.exit(f"build_code_tables: {message}")


def read_rows(path: Path, *, encoding: str = "utf-8", header: bool = True) -> list[list[str]]:
    """Tab-separated rows of `path` (CRLF or LF), without the header line."""
    with path.open(encoding=encoding, newline="") as fh:
        rows = [line.rstrip("\r\n").split("\t") for line in fh if line.strip("\r\n")]
    return rows[1:] if header else rows


def squash(text: str) -> str:
    """`text` with surrounding spaces dropped and inner runs of spaces made single."""
    return " ".join(text.split())


def fmt_float(value: str) -> str:
    """A Goldstein value written one way: shortest float text ("-5" -> "-5.0")."""
    return repr(float(value))


def quad(root: str, convention: str) -> int:
    """The quad class (1-4) of a CAMEO root under `convention`."""
    return next(i for i, top in enumerate(QUAD_UPPER_ROOT[convention], 1) if int(root) <= top)


def build_cameo(codebooks: Path) -> list[dict[str, str]]:
    """cameo.csv rows from the GDELT lookups and the ICEWS table, checked against the rest."""
    with (codebooks / "derived_cameo_codebook.csv").open(encoding="utf-8", newline="") as fh:
        derived = {row["cameo_code"]: row for row in csv.DictReader(fh)}
    names: dict[str, str] = {}
    glued: dict[str, str] = {}
    for code, text in read_rows(codebooks / "gdelt-lookup__CAMEO.eventcodes.txt"):
        match = GLUED_CODE.match(text)
        if match:
            names[match["code"]] = squash(match["rest"])
            glued[match["code"]] = match["goldstein"]
            text = match["name"]
        names[code] = NAME_044 if code == "044" else squash(text)
    goldsteins = dict(read_rows(codebooks / "gdelt-lookup-crlf__CAMEO.goldsteinscale.txt"))
    goldsteins.update(glued)
    with (codebooks / "andybega-icews__cameo-codes.csv").open(encoding="latin-1") as fh:
        icews = {row["code"]: row for row in csv.DictReader(fh)}

    if set(derived) != set(icews) or not set(names) <= set(derived):
        fail("CAMEO code sets of the derived codebook, ICEWS table and GDELT lookup disagree")
    rows = []
    for code in sorted(derived):
        gdelt_value = goldsteins.get(code)
        row = {
            "code": code,
            "root": code[:2],
            "level": derived[code]["level"],
            "name": names.get(code, squash(icews[code]["name"])),
            "goldstein": fmt_float(gdelt_value or icews[code]["goldstein"]),
            "goldstein_icews": fmt_float(icews[code]["goldstein"]),
            "quad_gdelt": str(quad(code[:2], "gdelt")),
            "quad_icews": str(quad(code[:2], "icews")),
        }
        check_cameo_row(row, derived[code], gdelt_value)
        rows.append(row)
    check_2013_lookups(codebooks, rows)
    return rows


def check_cameo_row(row: dict[str, str], derived: dict[str, str], gdelt: str | None) -> None:
    """Stop unless a built row agrees with derived_cameo_codebook.csv."""
    code = row["code"]
    expected_level = {2: "root", 3: "base", 4: "sub"}[len(code)]
    if row["level"] != expected_level or derived["root_code"] != row["root"]:
        fail(f"level/root of {code} disagree with its length")
    if squash(derived["gdelt_name"]) not in ("", row["name"]) and code != "1056":
        fail(f"name of {code}: {row['name']!r} vs derived {derived['gdelt_name']!r}")
    if derived["gdelt_goldstein"] and fmt_float(derived["gdelt_goldstein"]) != row["goldstein"]:
        fail(f"GDELT Goldstein of {code} disagrees with the derived codebook")
    if (gdelt is None) != (derived["gdelt_goldstein"] == ""):
        fail(f"GDELT Goldstein of {code} present in only one source")
    if fmt_float(derived["icews_goldstein"]) != row["goldstein_icews"]:
        fail(f"ICEWS Goldstein of {code} disagrees with the derived codebook")
    if derived["gdelt_quadclass"] != row["quad_gdelt"]:
        fail(f"GDELT quad class of {code} disagrees with the derived codebook")
    if str(ICEWS_QUAD_LABELS[derived["icews_r_pkg_quad_category"]]) != row["quad_icews"]:
        fail(f"ICEWS quad class of {code} disagrees with the derived codebook")


def check_2013_lookups(codebooks: Path, rows: list[dict[str, str]]) -> None:
    """Stop unless the 2013 GDELT lookups (which have 106 on its own line) agree."""
    built = {row["code"]: row for row in rows}
    for code, name in read_rows(codebooks / "gdelt-lookup-2013__CAMEO.eventcodes.txt"):
        if code != "044" and built[code]["name"] != squash(name):
            fail(f"2013 lookup name of {code} differs: {name!r}")
    for code, value in read_rows(codebooks / "gdelt-lookup-2013__CAMEO.goldsteinscale.txt"):
        if built[code]["goldstein"] != fmt_float(value):
            fail(f"2013 lookup Goldstein of {code} differs: {value}")


def build_countries(codebooks: Path) -> list[dict[str, str]]:
    """countries.csv rows: GeoNames states, CAMEO regions and CAMEO IGO known groups."""
    rows: dict[str, dict[str, str]] = {}
    for fields in read_rows(codebooks / "geonames__countryInfo_fips_iso.txt"):
        iso2, iso3, _, fips, name = fields[:5]
        if iso3 not in DROPPED_ISO:
            rows[iso3] = {
                "code": iso3,
                "name": name.strip(),
                "kind": "state",
                "iso2": iso2,
                "fips": fips,
            }
    iso_to_cameo = {iso: cameo for cameo, iso in CAMEO_TO_ISO.items()}
    for code, label in read_rows(codebooks / "gdelt-lookup__CAMEO.country.txt"):
        if code not in rows and code not in CAMEO_TO_ISO:
            rows[code] = {"code": code, "name": label, "kind": "region", "iso2": "", "fips": ""}
    igo_labels: dict[str, dict[str, str]] = {}  # code -> {label without parentheses: label}
    for code, label in read_rows(codebooks / "gdelt-lookup__CAMEO.knowngroup.txt"):
        if code in IGO_CODES:
            names = igo_names(label)
            igo_labels.setdefault(code, {}).setdefault(names[1], names[0])
    for code, labels in igo_labels.items():
        if code in rows:
            fail(f"IGO code {code} collides with a country or region code")
        # WTO is listed twice (with and without "(WTO)"); CEM has two organisations' labels
        # (COMESA, CEMAC), kept as one name.
        name = " / ".join(labels.values())
        rows[code] = {"code": code, "name": name, "kind": "igo", "iso2": "", "fips": ""}
    for code, fips in EXTRA_FIPS.items():
        rows[code]["fips"] = fips
    for code, name, iso2, _ in HISTORICAL_STATES:
        rows[code] = {"code": code, "name": name, "kind": "state", "iso2": iso2, "fips": ""}
    cows = cow_codes(codebooks, rows)
    cows.update({code: cow for code, _, _, cow in HISTORICAL_STATES})
    for code, row in rows.items():
        row["cow"] = cows.get(code, "")
        row["cameo"] = iso_to_cameo.get(code, "")
    if missing := set(CAMEO_TO_ISO.values()) - set(rows):
        fail(f"CAMEO codes map to unknown ISO codes {sorted(missing)}")
    check_unique(rows.values(), "fips")
    check_unique(rows.values(), "cow")
    return [rows[code] for code in sorted(rows)]


def cameo_country(code: str, known: Container[str]) -> str | None:
    """Store code of an ICEWS->CAMEO country code (3 letters, or parent + territory)."""
    for part in (code[-3:], code[:3]):
        part = CAMEO_TO_ISO.get(part, part)
        if part in known:
            return part
    return None


def cow_codes(codebooks: Path, rows: dict[str, dict[str, str]]) -> dict[str, str]:
    """COW numbers by store code from TwoRavens and the ICEWS->CAMEO list (must agree)."""
    cows: dict[str, str] = {}

    def add(code: str | None, cow: str, source: str) -> None:
        if code is None or not cow.strip() or int(cow) == 0 or NOT_COW.get(code) == cow:
            return
        value = str(int(cow))
        if cows.setdefault(code, value) != value:
            fail(f"COW code of {code}: {cows[code]} vs {value} ({source})")

    for entry in json.loads((codebooks / "tworavens__country_alignment.json").read_text("utf-8")):
        add(
            entry["ISO-3"] if entry["ISO-3"] in rows else None,
            entry.get("cowcode", ""),
            "TwoRavens",
        )
    for name, code, cow in read_rows(codebooks / "text_to_CAMEO__countrynames.txt", header=False):
        if name != "NULL":
            add(cameo_country(code, rows), cow, "text_to_CAMEO")
    return cows


def check_unique(rows: Iterable[dict[str, str]], column: str) -> None:
    """Stop if two rows share a non-empty value of `column`."""
    seen: dict[str, str] = {}
    for row in rows:
        value = row[column]
        if value and seen.setdefault(value, row["code"]) != row["code"]:
            fail(f"{column} {value} is on both {seen[value]} and {row['code']}")


def build_names(
    codebooks: Path, raw: Path, countries: list[dict[str, str]]
) -> list[dict[str, str]]:
    """country_names.csv rows; on a clash the earlier source (listed in SOURCES.md) wins."""
    known = {row["code"] for row in countries}
    candidates: list[tuple[str, str]] = []  # (name, code) in priority order
    candidates.extend((row["name"], row["code"]) for row in countries if row["kind"] != "igo")
    for code, label in read_rows(codebooks / "gdelt-lookup__CAMEO.knowngroup.txt"):
        if code in IGO_CODES:
            candidates.extend((name, code) for name in igo_names(label))
    for entry in json.loads((codebooks / "tworavens__country_alignment.json").read_text("utf-8")):
        if "ICEWS" in entry and entry["ISO-3"] in known:
            candidates.append((entry["ICEWS"], entry["ISO-3"]))
    for name, code, _ in read_rows(codebooks / "text_to_CAMEO__countrynames.txt", header=False):
        store = cameo_country(code, known)
        if name != "NULL" and store:
            candidates.append((name, store))
    for code, label in read_rows(codebooks / "gdelt-lookup__CAMEO.country.txt"):
        if BAD_CAMEO_LABELS.get(code) != label:
            candidates.append((label, CAMEO_TO_ISO.get(code, code)))
    netify = raw / "icews_dyadyear" / "derived_netify_icews_quadcounts_dyadyear_2002_2014.csv.gz"
    with gzip.open(netify, "rt", encoding="utf-8", newline="") as fh:
        pairs = {(row[side], row[f"{side}_iso3c"]) for row in csv.DictReader(fh) for side in "ij"}
    candidates.extend(sorted(pairs))
    candidates.extend((name, code) for code, names in COMMON_NAMES.items() for name in names)

    chosen: dict[str, str] = {}
    for name, code in candidates:
        if code not in known:
            fail(f"name {name!r} maps to unknown code {code}")
        key = normalize_name(name)
        if key and chosen.setdefault(key, code) != code:
            print(f"name {key!r}: kept {chosen[key]}, dropped {code}", file=sys.stderr)
    return [{"name": key, "code": chosen[key]} for key in sorted(chosen)]


def igo_names(label: str) -> list[str]:
    """Names of an IGO: its label, the label without parentheses, each all-caps acronym."""
    label = LOST_APOSTROPHE.sub("'", label)
    return [label, re.sub(r"\s*\([^)]*\)", "", label), *re.findall(r"\(([A-Z][A-Z0-9-]+)\)", label)]


def build_sector_codes(codebooks: Path) -> list[dict[str, str]]:
    """sector_codes.csv rows: each CAMEO actor type (sector) code and its label."""
    labels = dict(EXTRA_SECTOR_LABELS)
    for code, label in read_rows(codebooks / "gdelt-lookup__CAMEO.type.txt"):
        if labels.setdefault(code, label) != label:
            fail(f"CAMEO type {code} has two labels: {labels[code]!r} and {label!r}")
    if set(EXTRA_SECTOR_LABELS) != EXTRA_SECTOR_CODES:
        fail("EXTRA_SECTOR_LABELS and EXTRA_SECTOR_CODES disagree")
    return [{"code": code, "label": labels[code]} for code in sorted(labels)]


def build_sectors(codebooks: Path) -> list[dict[str, str]]:
    """icews_sectors.csv rows: each ICEWS sector name and the 3-letter CAMEO sector code."""
    types = {code for code, _ in read_rows(codebooks / "gdelt-lookup__CAMEO.type.txt")}
    types |= EXTRA_SECTOR_CODES
    religions = {code for code, _ in read_rows(codebooks / "gdelt-lookup__CAMEO.religion.txt")}
    religions |= EXTRA_RELIGION_CODES
    sectors: dict[str, str] = {}
    for fields in read_rows(codebooks / "text_to_CAMEO__agentnames.txt", header=False):
        if fields[0] in SKIPPED_SECTORS:  # the closing NULL row has only two fields
            continue
        keyword, code, variant = fields
        base = (code if code.isalpha() else variant)[:3]
        if keyword in SECTOR_FIXES:
            sector = SECTOR_FIXES[keyword]
        elif NGO_NAME.search(keyword):
            sector = "NGO"
        elif base in types:
            sector = base
        elif base in religions:
            sector = "REL"
        else:  # ETN and the CAMEO ethnic-group codes (ARB, KUR, TUT ...)
            sector = "CVL"
        if sectors.setdefault(keyword, sector) != sector:
            fail(f"ICEWS sector {keyword!r} listed twice with different codes")
    if bad := {s for s in sectors.values() if s not in types}:
        fail(f"sector codes not in the CAMEO type list: {sorted(bad)}")
    return [{"keyword": k, "sector": sectors[k]} for k in sorted(sectors)]


def write_csv(path: Path, rows: list[dict[str, str]], columns: list[str]) -> None:
    """Write `rows` as UTF-8 CSV with LF line ends."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def main(argv: list[str] | None = None) -> None:
    """Build all the tables from `--raw` into `--out`."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--raw", type=Path, default=DEFAULT_RAW, help="the shared raw-data folder")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the CSVs")
    args = parser.parse_args(argv)
    codebooks = args.raw / "codebooks"
    if not codebooks.is_dir():
        fail(f"{codebooks} not found")
    args.out.mkdir(parents=True, exist_ok=True)
    cameo = build_cameo(codebooks)
    countries = build_countries(codebooks)
    names = build_names(codebooks, args.raw, countries)
    sectors = build_sectors(codebooks)
    write_csv(args.out / "cameo.csv", cameo, list(cameo[0]))
    write_csv(
        args.out / "countries.csv",
        countries,
        ["code", "name", "kind", "iso2", "fips", "cow", "cameo"],
    )
    write_csv(args.out / "country_names.csv", names, ["name", "code"])
    successors = [{"cow": cow, "code": code} for cow, code in sorted(COW_SUCCESSORS.items())]
    write_csv(args.out / "cow_successors.csv", successors, ["cow", "code"])
    write_csv(args.out / "icews_sectors.csv", sectors, ["keyword", "sector"])
    sector_codes = build_sector_codes(codebooks)
    write_csv(args.out / "sector_codes.csv", sector_codes, ["code", "label"])
    counts = {
        "cameo": cameo,
        "countries": countries,
        "names": names,
        "sectors": sectors,
        "sector codes": sector_codes,
    }
    print(", ".join(f"{k}: {len(v)} rows" for k, v in counts.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
