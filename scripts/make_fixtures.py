"""Write the synthetic example event files in examples/events/ (for `make demo` and the tests).

    python scripts/make_fixtures.py [--out examples/events] [--seed N]

The repository may not ship third-party raw event data, so every row here is made up. The
rows are shaped exactly like the real formats (GDELT 2.0 export, ICEWS Dataverse `.tab`,
POLECAT built from its column spec, and the project's canonical JSON Lines) and are
internally consistent: Goldstein values and quad classes are the real GDELT values of the
CAMEO codes used, dates and derived date columns agree, ids are unique.

The story: RUS, IRN and USA (plus SYR, ISR, TUR, CHN, GBR, FRA, DEU, SAU), 2015-2018, with
the directed dyads among RUS/IRN/USA the densest. From 2017-02 to 2017-12 RUS->USA and
USA->RUS cooperation rises while RUS->IRN cooperation dips: a planted negative co-movement.
The GDELT file carries three deliberately damaged rows at fixed line numbers.

Only the standard library is used, with seeded `random.Random` instances, so two runs give
byte-identical files (UTF-8, LF line ends). No network, and no file outside `--out` is read;
`--codebook` optionally checks the hard-coded CAMEO values against the shared codebook CSV.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import hashlib
import json
import math
import random
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_OUT = REPO / "examples" / "events"
SEED = 20170201

GDELT_FILE = "gdelt2-synthetic.export.CSV"
ICEWS_FILE = "icews-synthetic.tab"
POLECAT_FILE = "polecat-synthetic-from-spec.tsv"
CANONICAL_FILE = "canonical-synthetic.jsonl"

FIRST_MONTH = (2015, 1)
LAST_MONTH = (2018, 12)
PLANT_FIRST = (2017, 2)
PLANT_LAST = (2017, 12)
CORE = ("RUS", "IRN", "USA")

# Expected events per month, relative to the GDELT file (the other files are scaled down).
GDELT_SCALE = 0.86
ICEWS_SCALE = 0.48
POLECAT_SCALE = 0.25
ONE_SIDED_PER_MONTH = 0.9

GDELT_FIELDS = 61
GDELT_FIRST_ID = 500_000_000
# 1-based line -> how the row is damaged. Kept well past the first 20 lines (format sniffing).
GDELT_DAMAGED = {
    250: "60 fields: Actor1Geo_ADM2Code (column 39) is missing",
    750: "SQLDATE 20170231 is not a calendar date",
    1250: "GoldsteinScale is `abc`, not a number",
}
ICEWS_FIRST_ID = 21_500_000
POLECAT_VERSION = "v1.0-synthetic"
URL_SITES = ("worldwire.example", "dailyledger.example", "eastnews.example", "capitolpost.example")
PUBLISHERS = (
    "Meridian News Agency",
    "Northwind Wire",
    "Caspian Courier",
    "Atlantic Dispatch",
    "Eastern Ledger",
)

# fmt: off
ICEWS_COLUMNS = (
    "Event ID", "Event Date", "Source Name", "Source Sectors", "Source Country", "Event Text",
    "CAMEO Code", "Intensity", "Target Name", "Target Sectors", "Target Country", "Story ID",
    "Sentence Number", "Publisher", "City", "District", "Province", "Country", "Latitude",
    "Longitude",
)
POLECAT_COLUMNS = (
    "Event ID", "Event Date", "Event Type", "Event Mode", "Intensity", "Quad Code", "Contexts",
    "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector", "Actor Sectors",
    "Actor Title", "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name", "Recipient Country",
    "Recipient COW", "Primary Recipient Sector", "Recipient Sectors", "Recipient Title",
    "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City", "District", "Province",
    "Country", "Latitude", "Longitude", "GeoNames ID", "Raw Placename", "Feature Type", "Source",
    "Publication Date", "Story People", "Story Organizations", "Story Locations", "Language",
    "Version",
)
# fmt: on


# --- CAMEO codes -------------------------------------------------------------------------


@dataclass(frozen=True)
class Cameo:
    """A CAMEO event code with its GDELT Goldstein value, ICEWS name and PLOVER mapping."""

    code: str
    goldstein: float
    name: str
    plover: str
    mode: str = ""
    context: str = ""

    @property
    def root(self) -> str:
        """The two-digit root code (`0311` -> `03`)."""
        return self.code[:2]

    @property
    def base(self) -> str:
        """The three-digit base code (`0311` -> `031`)."""
        return self.code[:3]

    @property
    def quad(self) -> int:
        """GDELT QuadClass: roots 01-05 -> 1, 06-09 -> 2, 10-14 -> 3, 15-20 -> 4."""
        root = int(self.root)
        return 1 if root <= 5 else 2 if root <= 9 else 3 if root <= 14 else 4


# gdelt_goldstein and icews_name from derived_cameo_codebook.csv; PLOVER type, mode and context
# from derived_cameo2plover_2021.csv (CAMEO2PLOVER 2021). Check with --codebook.
# fmt: off
CAMEO: dict[str, Cameo] = {
    c.code: c
    for c in (
        Cameo("036", 4.0, "Express intent to meet or negotiate", "AGREE", "", "diplomatic"),
        Cameo("0311", 5.2, "Express intent to cooperate economically", "AGREE", "", "economic"),
        Cameo("0312", 5.2, "Express intent to cooperate militarily", "AGREE", "", "military"),
        Cameo("040", 1.0, "Consult", "CONSULT"),
        Cameo("041", 1.0, "Discuss by telephone", "CONSULT", "phone"),
        Cameo("042", 1.9, "Make a visit", "CONSULT", "visit"),
        Cameo("043", 2.8, "Host a visit", "CONSULT", "visit"),
        Cameo("046", 7.0, "Engage in negotiation", "CONSULT", "", "diplomatic"),
        Cameo("051", 3.4, "Praise or endorse", "SUPPORT", "", "diplomatic"),
        Cameo("057", 8.0, "Sign formal agreement", "SUPPORT", "", "diplomatic"),
        Cameo("061", 6.4, "Cooperate economically", "COOPERATE", "", "economic"),
        Cameo("062", 7.4, "Cooperate militarily", "COOPERATE", "", "military"),
        Cameo("071", 7.4, "Provide economic aid", "AID", "", "economic"),
        Cameo("081", 5.0, "Ease administrative sanctions", "CONCEDE", "", "legal"),
        Cameo("0841", 7.0, "Return, release person(s)", "RETREAT", "release", "legal"),
        Cameo("100", -5.0, "Demand", "REQUEST"),
        Cameo("111", -2.0, "Criticize or denounce", "ACCUSE", "disapprove"),
        Cameo("112", -2.0, "Accuse", "ACCUSE", "disapprove"),
        Cameo("120", -4.0, "Reject", "REJECT"),
        Cameo("129", -5.0, "Veto", "REJECT", "yield", "diplomatic"),
        Cameo("130", -4.4, "Threaten", "THREATEN"),
        Cameo("138", -7.0, "Threaten with military force", "THREATEN", "violence", "military"),
        Cameo("141", -6.5, "Demonstrate or rally", "PROTEST", "demo"),
        Cameo("154", -7.2, "Mobilize or increase armed forces", "MOBILIZE", "troops", "military"),
        Cameo("160", -4.0, "Reduce relations", "SANCTION"),
        Cameo("161", -4.0, "Reduce or break diplomatic relations", "SANCTION", "withdraw",
              "diplomatic"),
        Cameo("163", -8.0, "Impose embargo, boycott, or sanctions", "COERCE", "restrict",
              "diplomatic"),
        Cameo("172", -5.0, "Impose administrative sanctions", "COERCE", "restrict", "executive"),
        Cameo("173", -5.0, "Arrest, detain, or charge with legal action", "COERCE", "arrest",
              "legal"),
        Cameo("190", -10.0, "Use conventional military force", "ASSAULT", "", "military"),
    )
}
# fmt: on
MILITARY_CODES = frozenset({"0312", "062", "138", "154", "190"})

# PLOVER type -> POLECAT Quad Code and a fixed Intensity on -10..10 (synthetic, by type).
PLOVER: dict[str, tuple[str, float]] = {
    "AGREE": ("VERBAL COOPERATION", 3.0),
    "CONSULT": ("VERBAL COOPERATION", 1.0),
    "SUPPORT": ("VERBAL COOPERATION", 3.5),
    "CONCEDE": ("VERBAL COOPERATION", 4.0),
    "COOPERATE": ("MATERIAL COOPERATION", 6.0),
    "AID": ("MATERIAL COOPERATION", 7.0),
    "RETREAT": ("MATERIAL COOPERATION", 5.0),
    "REQUEST": ("VERBAL CONFLICT", -1.0),
    "ACCUSE": ("VERBAL CONFLICT", -2.0),
    "REJECT": ("VERBAL CONFLICT", -4.0),
    "THREATEN": ("VERBAL CONFLICT", -5.0),
    "PROTEST": ("MATERIAL CONFLICT", -6.5),
    "SANCTION": ("MATERIAL CONFLICT", -5.5),
    "MOBILIZE": ("MATERIAL CONFLICT", -7.0),
    "COERCE": ("MATERIAL CONFLICT", -8.0),
    "ASSAULT": ("MATERIAL CONFLICT", -10.0),
}


# --- Countries and places ----------------------------------------------------------------


@dataclass(frozen=True)
class Place:
    """A capital city as each format writes it."""

    name: str
    gdelt: tuple[str, str, str, str, str, str]  # FullName, ADM1, ADM2, Lat, Long, FeatureID
    icews: tuple[str, str, str, str, str]  # City, District, Province, Lat, Long
    geonames: str


@dataclass(frozen=True)
class Country:
    """One actor country: codes and names in every format used here."""

    iso3: str
    name: str  # GDELT Actor name, upper case
    adjective: str
    fips: str
    gdelt_latlon: tuple[str, str]
    icews_country: str
    icews_short: str  # as in "Foreign Affairs (Russia)"
    icews_latlon: tuple[str, str]
    cow: str
    wikidata: str
    geonames: str
    capital: Place | None


def _country_table() -> dict[str, Country]:
    """The eleven actor countries. Geo values are copied from the shape of real GDELT rows."""
    # fmt: off
    rows = (
        Country(
            "RUS", "RUSSIA", "RUSSIAN", "RS", ("60", "100"), "Russian Federation", "Russia",
            ("55.7522", "37.6156"), "365", "Q159", "2017370",
            Place(
                "Moscow",
                ("Moscow, Moskva, Russia", "RS48", "25106", "55.7522", "37.6156", "-2960561"),
                ("Moscow", "NA", "Moskva", "55.7522", "37.6156"),
                "524901",
            ),
        ),
        Country(
            "IRN", "IRAN", "IRANIAN", "IR", ("32", "53"), "Iran", "Iran",
            ("35.6944", "51.4215"), "630", "Q794", "130758",
            Place(
                "Tehran",
                ("Tehran, Tehran, Iran", "IR26", "41130", "35.75", "51.5148", "10074674"),
                ("Tehran", "NA", "Tehran Province", "35.6944", "51.4215"),
                "112931",
            ),
        ),
        Country(
            "USA", "UNITED STATES", "AMERICAN", "US", ("39.828175", "-98.5795"), "United States",
            "United States", ("38.8951", "-77.0364"), "2", "Q30", "6252001",
            Place(
                "Washington",
                (
                    "Washington, District of Columbia, United States", "USDC", "DC001",
                    "38.8951", "-77.0364", "531871",
                ),
                ("NA", "NA", "Washington D.C.", "38.9171", "-77.0003"),
                "4140963",
            ),
        ),
        Country(
            "SYR", "SYRIA", "SYRIAN", "SY", ("35", "38"), "Syria", "Syria",
            ("33.5102", "36.2913"), "652", "Q858", "163843",
            Place(
                "Damascus",
                ("Damascus, Dimashq, Syria", "SY13", "26324", "33.5", "36.3", "-2541260"),
                ("Damascus", "NA", "Dimashq", "33.5102", "36.2913"),
                "170654",
            ),
        ),
        Country(
            "ISR", "ISRAEL", "ISRAELI", "IS", ("31.5", "34.75"), "Israel", "Israel",
            ("31.779", "35.2253"), "666", "Q801", "294640", None,
        ),
        Country(
            "TUR", "TURKEY", "TURKISH", "TU", ("39.059012", "34.911546"), "Turkey", "Turkey",
            ("39.9167", "32.8333"), "640", "Q43", "298795",
            Place(
                "Ankara",
                ("Ankara, Ankara, Turkey", "TU68", "27516", "39.9272", "32.8644", "-735338"),
                ("Ankara", "NA", "Ankara", "39.9199", "32.8543"),
                "323786",
            ),
        ),
        Country(
            "CHN", "CHINA", "CHINESE", "CH", ("35", "105"), "China", "China",
            ("39.9075", "116.397"), "710", "Q148", "1814991",
            Place(
                "Beijing",
                ("Beijing, Beijing, China", "CH22", "13001", "39.9289", "116.388", "-1898541"),
                ("Beijing", "NA", "Beijing Shi", "39.9075", "116.397"),
                "1816670",
            ),
        ),
        Country(
            "GBR", "UNITED KINGDOM", "BRITISH", "UK", ("54", "-4"), "United Kingdom",
            "United Kingdom", ("51.5085", "-0.12574"), "200", "Q145", "2635167",
            Place(
                "London",
                (
                    "London, London, City of, United Kingdom", "UKH9", "40110", "51.5",
                    "-0.116667", "-2601889",
                ),
                ("London", "Greater London", "England", "51.5085", "-0.12574"),
                "2643743",
            ),
        ),
        Country(
            "FRA", "FRANCE", "FRENCH", "FR", ("46", "2"), "France", "France",
            ("48.8534", "2.3486"), "220", "Q142", "3017382",
            Place(
                "Paris",
                (
                    "Paris, France (general), France", "FR00", "16282", "48.8667", "2.33333",
                    "-1456928",
                ),
                ("Paris", "Paris", "Region Ile-de-France", "48.8534", "2.3488"),
                "2988507",
            ),
        ),
        Country(
            "DEU", "GERMANY", "GERMAN", "GM", ("51.5", "10.5"), "Germany", "Germany",
            ("52.5244", "13.4105"), "255", "Q183", "2921044",
            Place(
                "Berlin",
                ("Berlin, Berlin, Germany", "GM16", "16538", "52.5167", "13.4", "-1746443"),
                ("Berlin", "NA", "Land Berlin", "52.5244", "13.4105"),
                "2950159",
            ),
        ),
        Country(
            "SAU", "SAUDI ARABIA", "SAUDI", "SA", ("25", "45"), "Saudi Arabia", "Saudi Arabia",
            ("24.6877", "46.7219"), "670", "Q851", "102358",
            Place(
                "Riyadh",
                (
                    "Riyadh, Ar Riyad, Saudi Arabia", "SA10", "25316", "24.6408", "46.7728",
                    "-3093009",
                ),
                ("Riyadh", "NA", "Mintaqat ar Riyad", "24.6877", "46.7219"),
                "108410",
            ),
        ),
    )
    # fmt: on
    return {c.iso3: c for c in rows}


COUNTRIES = _country_table()
SPECIAL_GOV_NAMES = {"RUS": "KREMLIN", "USA": "WHITE HOUSE"}


# --- The story ---------------------------------------------------------------------------

Month = tuple[int, int]
Weights = tuple[tuple[str, int], ...]

# fmt: off
COOP_CODES: Weights = (
    ("040", 5), ("036", 2), ("041", 1), ("042", 2), ("043", 2), ("046", 1), ("051", 2),
    ("057", 1), ("0311", 1), ("061", 1),
)
CONFLICT_CODES: Weights = (
    ("111", 5), ("112", 3), ("120", 2), ("130", 2), ("100", 1), ("160", 1), ("172", 1),
    ("141", 1),
)
DYAD_CODES: dict[tuple[str, str], tuple[Weights, Weights]] = {
    ("RUS", "IRN"): (
        (("040", 2), ("042", 2), ("043", 2), ("036", 1), ("0311", 2), ("0312", 2), ("057", 2),
         ("061", 3), ("062", 3), ("046", 1)),
        (("111", 2), ("120", 1), ("112", 1)),
    ),
    ("IRN", "RUS"): (
        (("040", 2), ("042", 2), ("043", 2), ("036", 1), ("0311", 2), ("051", 2), ("057", 2),
         ("061", 3), ("062", 2)),
        (("111", 2), ("120", 1)),
    ),
    ("RUS", "USA"): (
        (("040", 4), ("041", 2), ("036", 3), ("042", 1), ("043", 1), ("046", 2), ("051", 1),
         ("057", 1)),
        (("111", 4), ("112", 3), ("130", 2), ("129", 1), ("161", 1), ("172", 1), ("120", 2)),
    ),
    ("USA", "RUS"): (
        (("040", 4), ("041", 2), ("036", 3), ("042", 1), ("043", 1), ("046", 2), ("051", 1),
         ("057", 1)),
        (("111", 4), ("112", 3), ("163", 3), ("172", 2), ("161", 1), ("130", 1), ("100", 1)),
    ),
    ("USA", "IRN"): (
        (("036", 3), ("040", 2), ("046", 3), ("057", 1), ("081", 1), ("0841", 1)),
        (("112", 4), ("111", 3), ("163", 3), ("172", 2), ("130", 2), ("138", 1), ("100", 2)),
    ),
    ("IRN", "USA"): (
        (("036", 3), ("040", 2), ("046", 3), ("057", 1), ("0841", 1)),
        (("112", 4), ("111", 4), ("130", 2), ("138", 2), ("120", 2), ("173", 1), ("141", 2)),
    ),
    ("USA", "SYR"): ((("036", 1),), (("190", 3), ("138", 2), ("111", 3), ("163", 1))),
    ("ISR", "IRN"): ((("040", 1),), (("138", 2), ("112", 3), ("111", 2), ("130", 1))),
    ("IRN", "ISR"): ((("040", 1),), (("138", 2), ("112", 2), ("111", 2), ("130", 2))),
    ("TUR", "SYR"): ((("040", 1),), (("190", 2), ("138", 2), ("154", 2), ("111", 1))),
    ("RUS", "SYR"): (
        (("062", 3), ("071", 2), ("042", 1), ("043", 1), ("040", 2), ("051", 1)),
        (("111", 1),),
    ),
    ("IRN", "SYR"): ((("062", 2), ("071", 2), ("040", 2), ("051", 1)), (("111", 1),)),
}
# fmt: on


@dataclass(frozen=True)
class Rates:
    """Expected cooperative and conflictual events per month for one directed dyad."""

    coop: float
    conflict: float


BASE_RATES: dict[tuple[str, str], Rates] = {
    ("RUS", "IRN"): Rates(4.0, 0.5),
    ("IRN", "RUS"): Rates(3.0, 0.4),
    ("RUS", "USA"): Rates(1.2, 2.4),
    ("USA", "RUS"): Rates(1.2, 2.6),
    ("USA", "IRN"): Rates(1.0, 3.0),
    ("IRN", "USA"): Rates(0.8, 3.2),
    ("RUS", "SYR"): Rates(0.9, 0.1),
    ("SYR", "RUS"): Rates(0.6, 0.0),
    ("IRN", "SYR"): Rates(0.7, 0.1),
    ("SYR", "IRN"): Rates(0.4, 0.0),
    ("USA", "SYR"): Rates(0.1, 0.7),
    ("ISR", "IRN"): Rates(0.0, 0.5),
    ("IRN", "ISR"): Rates(0.0, 0.4),
    ("USA", "ISR"): Rates(0.4, 0.1),
    ("TUR", "RUS"): Rates(0.3, 0.2),
    ("RUS", "TUR"): Rates(0.3, 0.2),
    ("CHN", "RUS"): Rates(0.4, 0.0),
    ("CHN", "USA"): Rates(0.1, 0.3),
    ("USA", "CHN"): Rates(0.1, 0.3),
    ("GBR", "RUS"): Rates(0.0, 0.3),
    ("FRA", "IRN"): Rates(0.2, 0.1),
    ("DEU", "IRN"): Rates(0.2, 0.1),
    ("GBR", "IRN"): Rates(0.1, 0.1),
    ("SAU", "IRN"): Rates(0.0, 0.4),
    ("USA", "SAU"): Rates(0.3, 0.0),
    ("TUR", "SYR"): Rates(0.0, 0.3),
}


@dataclass(frozen=True)
class Episode:
    """A stretch of months in which some dyads' rates are overridden."""

    label: str
    dyads: tuple[tuple[str, str], ...]
    first: Month
    last: Month
    coop: float | None = None
    conflict: float | None = None


EPISODES: tuple[Episode, ...] = (
    Episode("nuclear talks", (("USA", "IRN"), ("IRN", "USA")), (2015, 1), (2015, 7), coop=2.5),
    Episode(
        "planted: Russia-US cooperation rises",
        (("RUS", "USA"), ("USA", "RUS")),
        PLANT_FIRST,
        PLANT_LAST,
        coop=6.5,
    ),
    Episode(
        "planted: Russia-Iran cooperation dips",
        (("RUS", "IRN"),),
        PLANT_FIRST,
        PLANT_LAST,
        coop=0.4,
    ),
    Episode(
        "US leaves the nuclear deal",
        (("USA", "IRN"), ("IRN", "USA")),
        (2018, 5),
        (2018, 12),
        conflict=4.5,
    ),
)
ONE_SIDED: tuple[tuple[str, str, Weights], ...] = (
    ("RUS", "source", (("040", 2), ("051", 1), ("154", 1), ("111", 1))),
    ("USA", "source", (("040", 2), ("051", 1), ("154", 1), ("173", 1))),
    ("IRN", "source", (("040", 1), ("154", 2), ("141", 1), ("173", 1))),
    ("USA", "target", (("141", 2), ("111", 2))),
    ("RUS", "target", (("111", 2), ("141", 1))),
    ("IRN", "target", (("111", 2), ("141", 1))),
)


@dataclass(frozen=True)
class StoryEvent:
    """One made-up event: a day, a directed dyad ('' for a missing side) and a CAMEO code."""

    day: date
    source: str
    target: str
    code: str

    @property
    def cameo(self) -> Cameo:
        """The event's CAMEO entry."""
        return CAMEO[self.code]


def months() -> list[Month]:
    """All (year, month) pairs of the story, in order."""
    out: list[Month] = []
    year, month = FIRST_MONTH
    while (year, month) <= LAST_MONTH:
        out.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def in_plant(month: Month) -> bool:
    """Whether a month lies in the planted 2017 window."""
    return PLANT_FIRST <= month <= PLANT_LAST


def monthly_rates(dyad: tuple[str, str], month: Month) -> Rates:
    """The dyad's expected events in `month`, after any episode overrides."""
    rates = BASE_RATES[dyad]
    for ep in EPISODES:
        if dyad in ep.dyads and ep.first <= month <= ep.last:
            if ep.coop is not None:
                rates = replace(rates, coop=ep.coop)
            if ep.conflict is not None:
                rates = replace(rates, conflict=ep.conflict)
    return rates


def poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw (Knuth's method; fine for the small rates used here)."""
    if lam <= 0:
        return 0
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def pick(rng: random.Random, weights: Weights) -> str:
    """A weighted choice among codes."""
    codes = [c for c, _ in weights]
    return rng.choices(codes, [w for _, w in weights])[0]


def random_day(rng: random.Random, month: Month) -> date:
    """A uniformly drawn day of `month`."""
    year, mon = month
    return date(year, mon, rng.randint(1, calendar.monthrange(year, mon)[1]))


def story_events(rng: random.Random, scale: float, one_sided: bool) -> list[StoryEvent]:
    """Draw the month-by-month events of every dyad, sorted by day (stable for equal days)."""
    events: list[StoryEvent] = []
    for month in months():
        for dyad in BASE_RATES:
            rates = monthly_rates(dyad, month)
            coop_codes, conflict_codes = DYAD_CODES.get(dyad, (COOP_CODES, CONFLICT_CODES))
            for lam, codes in ((rates.coop, coop_codes), (rates.conflict, conflict_codes)):
                for _ in range(poisson(rng, lam * scale)):
                    day = random_day(rng, month)
                    events.append(StoryEvent(day, dyad[0], dyad[1], pick(rng, codes)))
        if one_sided:
            for _ in range(poisson(rng, ONE_SIDED_PER_MONTH * scale)):
                iso, side, codes = rng.choice(ONE_SIDED)
                src, tgt = (iso, "") if side == "source" else ("", iso)
                events.append(StoryEvent(random_day(rng, month), src, tgt, pick(rng, codes)))
    events.sort(key=lambda e: e.day)
    return events


# --- Small formatting helpers ------------------------------------------------------------


def gdelt_float(value: float) -> str:
    """A float as GDELT writes it: up to 15 significant digits, at most 14 decimals."""
    text = f"{round(value, 14):.15g}"
    return "0" if text == "-0" else text


def icews_number(value: float) -> str:
    """A number as ICEWS writes it (`1`, `3.4`, `-10`)."""
    return f"{value:g}"


def fraction_date(day: date) -> str:
    """GDELT FractionDate: year + ((month - 1) * 30 + day) / 365, four decimals."""
    return f"{day.year + ((day.month - 1) * 30 + day.day) / 365:.4f}"


def tab_line(fields: Sequence[str]) -> str:
    """One TAB-separated line; fields must not contain tabs or newlines."""
    for value in fields:
        if "\t" in value or "\n" in value:
            raise ValueError(f"field {value!r} contains a tab or newline")
    return "\t".join(fields) + "\n"


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text with LF line ends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


# --- GDELT 2.0 ---------------------------------------------------------------------------


def gdelt_actor(rng: random.Random, iso: str, military: bool) -> list[str]:
    """The ten Actor columns (Code .. Type3Code) for a country actor, or ten blanks."""
    if not iso:
        return [""] * 10
    c = COUNTRIES[iso]
    capital = c.capital.name.upper() if c.capital else c.name
    gov_name = SPECIAL_GOV_NAMES.get(iso, c.name)
    options = [
        ("", c.name, 4),
        ("", c.adjective, 2),
        ("", capital, 1),
        ("GOV", c.name, 3),
        ("GOV", gov_name, 1),
        ("MIL", f"{c.adjective} MILITARY", 6 if military else 1),
    ]
    kind, name, _ = rng.choices(options, [w for *_, w in options])[0]
    return [iso + kind, name, iso, "", "", "", "", kind, "", ""]


def gdelt_geo(iso: str, level: str) -> list[str]:
    """Eight geo columns for `iso` at `level` ('country', 'city' or '' for none)."""
    if not iso or not level:
        return ["0", "", "", "", "", "", "", ""]
    c = COUNTRIES[iso]
    if level == "city" and c.capital is not None:
        full, adm1, adm2, lat, lon, feature = c.capital.gdelt
        return ["4", full, c.fips, adm1, adm2, lat, lon, feature]
    return ["1", c.name.title(), c.fips, c.fips, "", *c.gdelt_latlon, c.fips]


def geo_level(rng: random.Random) -> str:
    """How precisely an actor is located: country, capital or not at all."""
    return rng.choices(["country", "city", ""], [5, 3, 2])[0]


def action_place(rng: random.Random, ev: StoryEvent) -> str:
    """The country where the event happens: visits abroad, hosting at home, else either side."""
    if ev.code == "042" and ev.target:
        return ev.target
    if ev.code == "043" or not ev.target:
        return ev.source
    if ev.code == "190":
        return ev.target
    if not ev.source:
        return ev.target
    return rng.choices([ev.source, ev.target], [3, 2])[0]


def gdelt_counts(rng: random.Random) -> tuple[int, int, int]:
    """NumMentions >= NumArticles >= NumSources >= 1."""
    articles = rng.choices([1, 2, rng.randint(3, 5), rng.randint(6, 20)], [40, 20, 25, 15])[0]
    sources = min(articles, rng.randint(1, 3))
    mentions = articles + rng.randint(0, articles)
    return mentions, sources, articles


def gdelt_tone(rng: random.Random, quad: int) -> str:
    """AvgTone as a ratio of word counts, like GDELT's, centred by quad class."""
    centre = {1: 1.0, 2: 1.5, 3: -3.0, 4: -5.0}[quad]
    words = rng.randint(150, 900)
    net = round(rng.gauss(centre, 2.5) * words / 100)
    return gdelt_float(100 * net / words)


def date_added(rng: random.Random, day: date) -> str:
    """DATEADDED: the event day or up to two days later, at a 15-minute batch boundary."""
    stamp = datetime(day.year, day.month, day.day) + timedelta(
        days=rng.choices([0, 1, 2], [6, 3, 1])[0], minutes=15 * rng.randint(0, 95)
    )
    return stamp.strftime("%Y%m%d%H%M%S")


def source_url(rng: random.Random, ev: StoryEvent) -> str:
    """A made-up article address on a reserved `.example` domain."""
    names = [COUNTRIES[i].name.lower() for i in (ev.source, ev.target) if i]
    slug = "-".join(names).replace(" ", "-")
    return (
        f"https://www.{rng.choice(URL_SITES)}/{ev.day:%Y/%m/%d}/{slug}-{rng.randrange(16**6):06x}"
    )


def gdelt_row(rng: random.Random, ev: StoryEvent) -> list[str]:
    """The 61 fields of one GDELT 2.0 export row (GLOBALEVENTID filled in later)."""
    cameo = ev.cameo
    military = ev.code in MILITARY_CODES
    mentions, sources, articles = gdelt_counts(rng)
    where = action_place(rng, ev)
    action_level = "city" if ev.code in ("042", "043") else rng.choice(["country", "city"])
    row = [
        "",
        ev.day.strftime("%Y%m%d"),
        ev.day.strftime("%Y%m"),
        str(ev.day.year),
        fraction_date(ev.day),
        *gdelt_actor(rng, ev.source, military),
        *gdelt_actor(rng, ev.target, military and ev.code != "190"),
        "1" if rng.random() < 0.4 else "0",
        cameo.code,
        cameo.base,
        cameo.root,
        str(cameo.quad),
        str(cameo.goldstein),
        str(mentions),
        str(sources),
        str(articles),
        gdelt_tone(rng, cameo.quad),
        *gdelt_geo(ev.source, geo_level(rng)),
        *gdelt_geo(ev.target, geo_level(rng)),
        *gdelt_geo(where, "" if rng.random() < 0.04 else action_level),
        date_added(rng, ev.day),
        source_url(rng, ev),
    ]
    assert len(row) == GDELT_FIELDS, len(row)
    return row


def damage(row: list[str], how: str) -> list[str]:
    """A damaged copy of a GDELT row, as described in GDELT_DAMAGED."""
    out = list(row)
    if how.startswith("60 fields"):
        del out[39]
    elif how.startswith("SQLDATE"):
        out[1:5] = ["20170231", "201702", "2017", f"{2017 + (30 + 31) / 365:.4f}"]
    elif how.startswith("GoldsteinScale"):
        out[30] = "abc"
    else:
        raise ValueError(how)
    return out


def gdelt_rows(seed: int) -> tuple[list[list[str]], list[StoryEvent]]:
    """All GDELT rows in file order (damaged ones included) and the valid rows' events."""
    rng = random.Random(f"{seed}:gdelt")
    events = story_events(rng, GDELT_SCALE, one_sided=True)
    pairs = [(gdelt_row(rng, ev), ev) for ev in events]
    pairs.sort(key=lambda p: p[0][59])  # DATEADDED order, as GDELT batches are
    rows = [row for row, _ in pairs]
    if len(rows) + len(GDELT_DAMAGED) < max(GDELT_DAMAGED):
        raise RuntimeError("too few GDELT rows for the damaged line numbers")
    extra = ("TUR", "SYR", "111")
    for line, how in sorted(GDELT_DAMAGED.items()):
        before = rows[line - 2]
        day = datetime.strptime(before[1], "%Y%m%d").date()
        ev = StoryEvent(day, extra[0], extra[1], extra[2])
        row = gdelt_row(rng, ev)
        row[59] = before[59]
        rows.insert(line - 1, damage(row, how))
    for i, row in enumerate(rows):
        row[0] = str(GDELT_FIRST_ID + i)
    return rows, [ev for _, ev in pairs]


# --- ICEWS -------------------------------------------------------------------------------

ICEWS_ACTORS: tuple[tuple[str, str, int], ...] = (
    ("{state}", "NA", 4),
    ("Government ({short})", "Government", 3),
    ("Foreign Affairs ({short})", "Executive,Foreign Ministry,Government", 3),
    ("Head of Government ({short})", "Government,Executive Office,Executive", 2),
    ("Ministry ({short})", "Government", 1),
    ("Military ({short})", "Military,Government", 1),
)
ICEWS_MILITARY = ("Military ({short})", "Military,Government", 1)
ICEWS_CITIZEN = ("Citizen ({short})", "General Population / Civilian / Social,Social", 1)


def icews_actor(rng: random.Random, iso: str, code: str) -> tuple[str, str, str]:
    """(Name, Sectors, Country) of an ICEWS actor of country `iso` for event `code`."""
    c = COUNTRIES[iso]
    if code in MILITARY_CODES and rng.random() < 0.7:
        template, sectors, _ = ICEWS_MILITARY
    elif code == "141":
        template, sectors, _ = ICEWS_CITIZEN
    else:
        template, sectors, _ = rng.choices(ICEWS_ACTORS, [w for *_, w in ICEWS_ACTORS])[0]
    name = template.format(state=c.icews_country, short=c.icews_short)
    return name, sectors, c.icews_country


def icews_location(rng: random.Random, iso: str) -> list[str]:
    """City, District, Province, Country, Latitude, Longitude for an event in `iso`."""
    c = COUNTRIES[iso]
    if c.capital is not None and rng.random() < 0.6:
        city, district, province, lat, lon = c.capital.icews
        return [city, district, province, c.icews_country, lat, lon]
    return ["NA", "NA", "NA", c.icews_country, *c.icews_latlon]


def icews_rows(seed: int) -> list[list[str]]:
    """The ICEWS rows (header excluded), sorted by date with rising Event IDs."""
    rng = random.Random(f"{seed}:icews")
    events = story_events(rng, ICEWS_SCALE, one_sided=False)
    rows: list[list[str]] = []
    event_id, story_id = ICEWS_FIRST_ID, 31_000_000
    for ev in events:
        event_id += rng.randint(1, 60)
        story_id += rng.randint(1, 90)
        src = icews_actor(rng, ev.source, ev.code)
        tgt = icews_actor(rng, ev.target, ev.code)
        rows.append(
            [
                str(event_id),
                ev.day.isoformat(),
                *src[:2],
                src[2],
                ev.cameo.name,
                ev.code,
                icews_number(ev.cameo.goldstein),
                *tgt,
                str(story_id),
                str(rng.randint(1, 6)),
                rng.choice(PUBLISHERS),
                *icews_location(rng, action_place(rng, ev)),
            ]
        )
    return rows


# --- POLECAT -----------------------------------------------------------------------------

POLECAT_ACTORS: tuple[tuple[str, str, str, str, str, int], ...] = (
    # Name, Primary sector, Sectors, Title, Raw name
    ("{country}", "GOV", "GOV", "", "{country}", 4),
    ("Ministry of Foreign Affairs ({country})", "GOV", "GOV", "", "{adj} Foreign Ministry", 3),
    ("Government of {the_country}", "GOV", "GOV", "", "{adj} government", 2),
    ("President of {the_country}", "GOV", "GOV; ELI", "President", "the {adj} president", 2),
    ("{adj} Armed Forces", "MIL", "MIL; GOV", "", "{adj} military", 1),
)


def polecat_actor(rng: random.Random, iso: str, code: str) -> list[str]:
    """Name, Country, COW, Primary Sector, Sectors, Title, Name Raw, Wikipedia ID."""
    if not iso:
        return ["", "", "None", "", "", "", "", ""]
    c = COUNTRIES[iso]
    weights = [w for *_, w in POLECAT_ACTORS]
    if code in MILITARY_CODES:
        weights[-1] = 8
    name, primary, sectors, title, raw, _ = rng.choices(POLECAT_ACTORS, weights)[0]
    country = c.icews_short
    names = {
        "country": country,
        "the_country": f"the {country}" if iso in ("USA", "GBR") else country,
        "adj": "US" if iso == "USA" else c.adjective.title(),
    }
    name, raw = name.format(**names), raw.format(**names)
    wiki = c.wikidata if name == country else ""
    return [name, iso, c.cow, primary, sectors, title, raw, wiki]


def polecat_place(rng: random.Random, iso: str) -> list[str]:
    """Placename .. Feature Type (ten columns) for an event in `iso`."""
    c = COUNTRIES[iso]
    if c.capital is not None and rng.random() < 0.6:
        lat, lon = c.capital.icews[3:5]
        name = c.capital.name
        return [
            name,
            name,
            "",
            c.capital.icews[2],
            c.icews_short,
            lat,
            lon,
            c.capital.geonames,
            name,
            "PPLC",
        ]
    lat, lon = c.gdelt_latlon
    return [c.icews_short, "", "", "", c.icews_short, lat, lon, c.geonames, c.icews_short, "PCLI"]


def polecat_rows(seed: int) -> list[list[str]]:
    """The POLECAT rows (header excluded), sorted by date; a few lack a recipient."""
    rng = random.Random(f"{seed}:polecat")
    events = story_events(rng, POLECAT_SCALE, one_sided=False)
    rows: list[list[str]] = []
    seen: set[str] = set()
    for ev in events:
        cameo = ev.cameo
        quad, intensity = PLOVER[cameo.plover]
        event_id = f"{ev.day:%Y%m%d}-{rng.randrange(16**12):012x}"
        while event_id in seen:
            event_id = f"{ev.day:%Y%m%d}-{rng.randrange(16**12):012x}"
        seen.add(event_id)
        target = "" if rng.random() < 0.04 else ev.target
        where = action_place(rng, replace(ev, target=target))
        places = [COUNTRIES[i].capital for i in (ev.source, target) if i]
        published = ev.day + timedelta(days=rng.choices([0, 1, 2], [5, 4, 1])[0])
        orgs = "United Nations Security Council" if cameo.code in ("129", "163") else ""
        rows.append(
            [
                event_id,
                ev.day.isoformat(),
                cameo.plover,
                cameo.mode,
                f"{intensity:.1f}",
                quad,
                cameo.context,
                *polecat_actor(rng, ev.source, cameo.code),
                *polecat_actor(rng, target, cameo.code),
                *polecat_place(rng, where),
                rng.choice(PUBLISHERS),
                published.isoformat(),
                "",
                orgs,
                "; ".join(p.name for p in places if p is not None),
                "en",
                POLECAT_VERSION,
            ]
        )
    return rows


# --- Canonical JSON Lines ----------------------------------------------------------------

# (date, precision, sentence, events as (source, target, src sector, tgt sector, src name,
# tgt name, cameo)). Sentences are written for this file; they are illustrations, not quotes.
Coded = tuple[str, str, str, str, str, str, str]
# fmt: off
CANONICAL_DOCS: tuple[tuple[tuple[str, str, str, tuple[Coded, ...]], ...], ...] = (
    (
        ("1995-01-08", "month", "Moscow and Tehran signed a contract to finish building the "
         "Bushehr nuclear power plant.",
         (("RUS", "IRN", "GOV", "GOV", "Moscow", "Tehran", "057"),
          ("IRN", "RUS", "GOV", "GOV", "Tehran", "Moscow", "057"))),
        ("1995-05-10", "day", "Washington criticised the Russian nuclear deal with Iran.",
         (("USA", "RUS", "GOV", "GOV", "Washington", "Russian", "111"),)),
        ("1996-01-01", "year", "A Russian trade delegation visited Tehran to discuss expanding "
         "commerce.",
         (("RUS", "IRN", "BUS", "GOV", "Russian trade delegation", "Tehran", "042"),
          ("IRN", "RUS", "GOV", "BUS", "Tehran", "Russian trade delegation", "043"))),
    ),
    (
        ("2000-11-03", "month", "Moscow said it would resume arms sales to Tehran.",
         (("RUS", "IRN", "GOV", "GOV", "Moscow", "Tehran", "0312"),)),
        ("2001-03-12", "day", "The Iranian president arrived in Moscow on a state visit.",
         (("IRN", "RUS", "GOV", "GOV", "Iranian president", "Moscow", "042"),
          ("RUS", "IRN", "GOV", "GOV", "Moscow", "Iranian president", "043"))),
        ("2001-03-12", "day", "The two presidents signed a treaty on the basis of their "
         "relations.",
         (("RUS", "IRN", "GOV", "GOV", "presidents", "presidents", "057"),
          ("IRN", "RUS", "GOV", "GOV", "presidents", "presidents", "057"))),
    ),
    (
        ("2005-02-27", "day", "Russia and Iran agreed that spent fuel from Bushehr would be sent "
         "back to Russia.",
         (("RUS", "IRN", "GOV", "GOV", "Russia", "Iran", "057"),
          ("IRN", "RUS", "GOV", "GOV", "Iran", "Russia", "057"))),
        ("2005-12-02", "month", "Moscow agreed to sell Tehran short-range air-defence missiles.",
         (("RUS", "IRN", "GOV", "MIL", "Moscow", "Tehran", "0312"),)),
        ("2006-12-23", "day", "The Security Council voted to impose sanctions on Iran's nuclear "
         "programme, with Russia and the United States voting in favour.",
         (("RUS", "IRN", "GOV", "GOV", "Russia", "Iran", "163"),
          ("USA", "IRN", "GOV", "GOV", "the United States", "Iran", "163"))),
    ),
    (
        ("2007-01-16", "month", "Russia completed the delivery of short-range air-defence "
         "systems to Iran.",
         (("RUS", "IRN", "MIL", "MIL", "Russia", "Iran", "062"),)),
        ("2007-10-16", "day", "The Russian president travelled to Tehran for a Caspian summit.",
         (("RUS", "IRN", "GOV", "GOV", "Russian president", "Tehran", "042"),
          ("IRN", "RUS", "GOV", "GOV", "Tehran", "Russian president", "043"))),
        ("2007-12-17", "month", "Russia began shipping nuclear fuel to the Bushehr plant.",
         (("RUS", "IRN", "BUS", "GOV", "Russia", "Bushehr plant", "061"),)),
        ("2007-12-26", "year", "Moscow and Tehran signed a contract for long-range air-defence "
         "systems.",
         (("RUS", "IRN", "GOV", "MIL", "Moscow", "Tehran", "057"),
          ("IRN", "RUS", "MIL", "GOV", "Tehran", "Moscow", "057"))),
    ),
    (
        ("2009-04-08", "day", "Washington said it was ready to join talks with Tehran on its "
         "nuclear programme.",
         (("USA", "IRN", "GOV", "GOV", "Washington", "Tehran", "036"),)),
        ("2009-07-06", "day", "The American president visited Moscow for talks on arms control.",
         (("USA", "RUS", "GOV", "GOV", "American president", "Moscow", "042"),
          ("RUS", "USA", "GOV", "GOV", "Moscow", "American president", "043"))),
        ("2010-04-08", "day", "Russia and the United States signed a treaty cutting their "
         "strategic nuclear arsenals.",
         (("RUS", "USA", "GOV", "GOV", "Russia", "the United States", "057"),
          ("USA", "RUS", "GOV", "GOV", "the United States", "Russia", "057"))),
        ("2010-06-09", "day", "A new round of Security Council sanctions on Iran passed with "
         "Russian and American votes.",
         (("RUS", "IRN", "GOV", "GOV", "Russian", "Iran", "163"),
          ("USA", "IRN", "GOV", "GOV", "American", "Iran", "163"))),
        ("2010-09-22", "day", "Moscow cancelled the air-defence contract with Tehran, citing the "
         "sanctions.",
         (("RUS", "IRN", "GOV", "GOV", "Moscow", "Tehran", "160"),)),
    ),
    (
        ("2011-10-04", "day", "Russia vetoed a Western draft resolution on Syria in the "
         "Security Council.",
         (("RUS", "USA", "GOV", "GOV", "Russia", "Western", "129"),)),
        ("2011-10-05", "day", "Washington condemned the Russian veto.",
         (("USA", "RUS", "GOV", "GOV", "Washington", "Russian", "111"),)),
        ("2013-09-14", "day", "Russia and the United States agreed on a plan to remove Syria's "
         "chemical weapons.",
         (("RUS", "USA", "GOV", "GOV", "Russia", "the United States", "057"),
          ("USA", "RUS", "GOV", "GOV", "the United States", "Russia", "057"))),
        ("2014-03-17", "day", "Washington imposed sanctions on Russian officials over Crimea.",
         (("USA", "RUS", "GOV", "GOV", "Washington", "Russian officials", "163"),)),
        ("2014-03-20", "day", "Moscow answered with entry bans on American lawmakers.",
         (("RUS", "USA", "GOV", "LEG", "Moscow", "American lawmakers", "172"),)),
    ),
    (
        ("2015-04-13", "day", "Moscow lifted its own ban on delivering air-defence systems to "
         "Tehran.",
         (("RUS", "IRN", "GOV", "GOV", "Moscow", "Tehran", "081"),)),
        ("2015-07-14", "day", "Iran and six powers, among them Russia and the United States, "
         "concluded a nuclear agreement.",
         (("IRN", "USA", "GOV", "GOV", "Iran", "the United States", "057"),
          ("USA", "IRN", "GOV", "GOV", "the United States", "Iran", "057"),
          ("IRN", "RUS", "GOV", "GOV", "Iran", "Russia", "057"),
          ("RUS", "IRN", "GOV", "GOV", "Russia", "Iran", "057"))),
        ("2015-11-09", "day", "Moscow and Tehran signed a contract for air-defence systems.",
         (("RUS", "IRN", "GOV", "MIL", "Moscow", "Tehran", "057"),
          ("IRN", "RUS", "MIL", "GOV", "Tehran", "Moscow", "057"))),
        ("2016-01-16", "day", "Washington lifted nuclear-related sanctions on Iran.",
         (("USA", "IRN", "GOV", "GOV", "Washington", "Iran", "081"),)),
    ),
    (
        ("2016-08-16", "day", "Iran let Russian bombers use one of its air bases for strikes in "
         "Syria.",
         (("IRN", "RUS", "MIL", "MIL", "Iran", "Russian bombers", "062"),)),
        ("2016-10-15", "month", "Russia finished delivering the air-defence systems to Iran.",
         (("RUS", "IRN", "MIL", "MIL", "Russia", "Iran", "062"),)),
        ("2016-12-29", "day", "Washington expelled Russian diplomats.",
         (("USA", "RUS", "GOV", "GOV", "Washington", "Russian diplomats", "161"),)),
    ),
    (
        ("2017-04-07", "day", "American warships fired missiles at a Syrian air base.",
         (("USA", "SYR", "MIL", "MIL", "American warships", "Syrian air base", "190"),)),
        ("2017-04-07", "day", "Moscow denounced the strike.",
         (("RUS", "USA", "GOV", "MIL", "Moscow", "strike", "111"),)),
        ("2017-04-12", "day", "Russia vetoed a Security Council draft on the chemical attack in "
         "Syria.",
         (("RUS", "USA", "GOV", "GOV", "Russia", "Security Council draft", "129"),)),
        ("2017-07-07", "day", "The Russian and American presidents met for the first time in "
         "Hamburg.",
         (("RUS", "USA", "GOV", "GOV", "Russian president", "American president", "040"),
          ("USA", "RUS", "GOV", "GOV", "American president", "Russian president", "040"))),
        ("2017-07-07", "day", "They agreed a ceasefire for south-western Syria.",
         (("RUS", "USA", "GOV", "GOV", "They", "They", "057"),
          ("USA", "RUS", "GOV", "GOV", "They", "They", "057"))),
    ),
    (
        ("2017-08-02", "day", "A new American law imposed sanctions on Russia and Iran.",
         (("USA", "RUS", "LEG", "GOV", "American law", "Russia", "163"),
          ("USA", "IRN", "LEG", "GOV", "American law", "Iran", "163"))),
        ("2017-10-13", "day", "The American president refused to certify that Iran was keeping "
         "to the nuclear deal.",
         (("USA", "IRN", "GOV", "GOV", "American president", "Iran", "120"),)),
        ("2017-11-01", "day", "The Russian president visited Tehran for talks on Syria.",
         (("RUS", "IRN", "GOV", "GOV", "Russian president", "Tehran", "042"),
          ("IRN", "RUS", "GOV", "GOV", "Tehran", "Russian president", "043"))),
    ),
    (
        ("2018-02-26", "day", "Russia vetoed a British draft resolution on Iranian missiles in "
         "Yemen.",
         (("RUS", "GBR", "GOV", "GOV", "Russia", "British", "129"),)),
        ("2018-05-08", "day", "Washington announced that it was leaving the Iran nuclear deal.",
         (("USA", "IRN", "GOV", "GOV", "Washington", "Iran", "160"),)),
        ("2018-05-09", "day", "Moscow criticised the American decision.",
         (("RUS", "USA", "GOV", "GOV", "Moscow", "American", "111"),)),
        ("2018-05-09", "day", "Tehran accused Washington of breaking the agreement.",
         (("IRN", "USA", "GOV", "GOV", "Tehran", "Washington", "112"),)),
        ("2018-07-16", "day", "The Russian and American presidents held a summit in Helsinki.",
         (("RUS", "USA", "GOV", "GOV", "Russian president", "American president", "040"),
          ("USA", "RUS", "GOV", "GOV", "American president", "Russian president", "040"))),
        ("2018-08-07", "day", "Washington reimposed sanctions on Iran.",
         (("USA", "IRN", "GOV", "GOV", "Washington", "Iran", "163"),)),
        ("2018-11-05", "day", "A second round of American sanctions targeted Iran's oil exports.",
         (("USA", "IRN", "GOV", "BUS", "American", "Iran", "163"),)),
    ),
)
# fmt: on


def precise_date(day: str, precision: str) -> str:
    """The date as stored for its precision: month -> first of month, year -> 1 January."""
    if precision == "month":
        return day[:8] + "01"
    if precision == "year":
        return day[:4] + "-01-01"
    return day


def canonical_rows(seed: int) -> list[dict[str, object]]:
    """The canonical events: each document is its sentences joined by spaces."""
    rng = random.Random(f"{seed}:canonical")
    rows: list[dict[str, object]] = []
    for doc in CANONICAL_DOCS:
        text = " ".join(sentence for _, _, sentence, _ in doc)
        doc_id = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
        start = 0
        for number, (day, precision, sentence, coded) in enumerate(doc):
            end = start + len(sentence)
            if text[start:end] != sentence:
                raise AssertionError("sentence offsets are off")
            for k, (src, tgt, src_sector, tgt_sector, src_name, tgt_name, code) in enumerate(coded):
                cameo = CAMEO[code]
                rows.append(
                    {
                        "event_id": f"text:{doc_id}:{number}:{k}",
                        "date": precise_date(day, precision),
                        "date_precision": precision,
                        "source": src,
                        "target": tgt,
                        "source_sector": src_sector,
                        "target_sector": tgt_sector,
                        "source_name": src_name,
                        "target_name": tgt_name,
                        "cameo": code,
                        "quad_class": cameo.quad,
                        "goldstein": cameo.goldstein,
                        "weight": 1.0,
                        "origin": "text",
                        "origin_ref": f"doc:{doc_id}:{start}-{end}",
                        "text": sentence,
                        "confidence": round(rng.uniform(0.55, 0.97), 2),
                    }
                )
            start = end + 1
    return rows


# --- Summaries and README ----------------------------------------------------------------


def dyad_counts(events: Iterable[StoryEvent]) -> Counter[tuple[str, str]]:
    """Events per directed dyad."""
    return Counter((e.source, e.target) for e in events)


def plant_summary(events: Sequence[StoryEvent]) -> list[tuple[str, float, float]]:
    """Mean monthly cooperative (quad 1-2) events in and outside the planted window."""
    window = [m for m in months() if in_plant(m)]
    outside = [m for m in months() if not in_plant(m)]
    out = []
    for dyad in (("RUS", "USA"), ("USA", "RUS"), ("RUS", "IRN")):
        per_month = Counter(
            (e.day.year, e.day.month)
            for e in events
            if (e.source, e.target) == dyad and e.cameo.quad <= 2
        )
        inside = sum(per_month[m] for m in window) / len(window)
        rest = sum(per_month[m] for m in outside) / len(outside)
        out.append((f"{dyad[0]}->{dyad[1]}", inside, rest))
    return out


def core_dyads() -> list[tuple[str, str]]:
    """The six directed dyads among RUS, IRN and USA."""
    return [(a, b) for a in CORE for b in CORE if a != b]


def readme(
    seed: int,
    gdelt: list[list[str]],
    gdelt_events: list[StoryEvent],
    icews: list[list[str]],
    polecat: list[list[str]],
    canonical: list[dict[str, object]],
) -> str:
    """The README of examples/events, with the counts of this run."""
    counts = dyad_counts(gdelt_events)
    dyads = "\n".join(f"| {a}->{b} | {counts[(a, b)]} |" for a, b in core_dyads())
    plant = "\n".join(
        f"| {name} | {inside:.1f} | {rest:.1f} |"
        for name, inside, rest in plant_summary(gdelt_events)
    )
    damaged = "\n".join(
        f"| {line} | {GDELT_FIRST_ID + line - 1} | {how} |"
        for line, how in sorted(GDELT_DAMAGED.items())
    )
    one_sided = sum(1 for e in gdelt_events if not (e.source and e.target))
    years = sorted(str(r["date"])[:4] for r in canonical)
    sentences = sum(len(doc) for doc in CANONICAL_DOCS)
    return f"""# Example event files (synthetic)

Every file in this folder is **synthetic**. It was made up by `scripts/make_fixtures.py`
(seed `{seed}`) and is not taken from GDELT, ICEWS, POLECAT or any news source. The rows are
shaped like the real formats so that the readers, `make demo` and the tests can use them.
Publishers, article addresses (on reserved `.example` domains) and sentences are invented;
place names, coordinates and codes are there only to give the rows a realistic shape.

Rebuild with `make fixtures`, or `python scripts/make_fixtures.py --out examples/events`. The
same seed gives byte-identical files (UTF-8, LF line ends). With
`--codebook <raw>/codebooks/derived_cameo_codebook.csv` the script first checks its CAMEO values.

| file | rows | layout |
|---|---|---|
| `{GDELT_FILE}` | {len(gdelt)} | GDELT 2.0 events export: 61 TAB-separated columns, no header |
| `{ICEWS_FILE}` | {len(icews)} | ICEWS Dataverse `.tab`: 20 columns, TAB, header row |
| `{POLECAT_FILE}` | {len(polecat)} | POLECAT, from the 40-column spec: TAB, header row |
| `{CANONICAL_FILE}` | {len(canonical)} | the project's canonical events, JSON Lines |

Row counts exclude header lines.

## The story

Actors RUS, IRN and USA, plus SYR, ISR, TUR, CHN, GBR, FRA, DEU and SAU, from 2015-01-01 to
2018-12-31 (the canonical file: {years[0]} to {years[-1]}). The six directed dyads among RUS,
IRN and USA are the densest. Each dyad draws a Poisson number of cooperative and conflictual
events per month from its own mix of CAMEO codes. CAMEO codes are zero-padded strings.
Goldstein values are GDELT's values for the code. Quad classes follow GDELT's root rule: roots
01-05 are 1, 06-09 are 2, 10-14 are 3 and 15-20 are 4.

**Planted pattern.** From 2017-02 to 2017-12, cooperation (quad 1 or 2) rises from RUS to USA
and from USA to RUS. In the same months, cooperation from RUS to IRN dips. This is a negative
co-movement, present in the GDELT, ICEWS and POLECAT files. Cooperative events per month in
the GDELT file:

| dyad | 2017-02..2017-12 | other months |
|---|---|---|
{plant}

Two other episodes: more USA<->IRN cooperation in 2015-01..2015-07 (nuclear talks) and more
USA<->IRN conflict from 2018-05 (the US leaves the deal).

## `{GDELT_FILE}`

Rows are in DATEADDED order. GLOBALEVENTID is {GDELT_FIRST_ID} + line - 1. Empty strings stand
for missing values. Geo fields use FIPS country codes (RS, IR, US...). {one_sided} rows have
only one actor. Valid rows per core dyad:

| dyad | rows |
|---|---|
{dyads}

Three rows are **deliberately damaged**, so a reader should quarantine them and keep the rest.
They are TUR->SYR events, so the dyads above are not affected. Line numbers are 1-based; the
file has no header.

| line | GLOBALEVENTID | what is wrong |
|---|---|---|
{damaged}

## `{ICEWS_FILE}`

Country names (`Russian Federation`, `Iran`, `United States`) and actors such as `Russian
Federation`, `Foreign Affairs (Russia)` or `Military (Iran)`, with ICEWS sector lists. `NA`
marks missing values. Intensity is the Goldstein value of the CAMEO code. Event IDs are
unique and rise with the date. There are no damaged rows.

## `{POLECAT_FILE}`

No real POLECAT row was available, so this file is built from the column spec. Event types are
PLOVER types from the CAMEO2PLOVER 2021 mapping of the story's CAMEO codes, with that mapping's
mode and context. `Quad Code` follows the type. `Intensity` is a fixed synthetic value per
type, positive for cooperation and negative for conflict. Countries are ISO3 codes with COW
numbers; when the recipient is missing, its COW is `None`. `Version` is `{POLECAT_VERSION}`.
There are no damaged rows.

## `{CANONICAL_FILE}`

{len(canonical)} events coded from {sentences} short sentences written for this file: contracts,
deliveries, visits, Security Council votes and vetoes. `origin` is `text`. `event_id` is
`text:<document>:<sentence>:<k>`, and `origin_ref` gives the sentence's character span in its
document. Each document is its sentences joined by single spaces. A `month` or `year`
precision date is stored as the first day of that month or year.
"""


# --- Entry point -------------------------------------------------------------------------


def check_codebook(path: Path) -> list[str]:
    """Differences between the hard-coded CAMEO values and the shared codebook CSV."""
    with path.open(encoding="utf-8", newline="") as fh:
        table = {row["cameo_code"]: row for row in csv.DictReader(fh)}
    problems = []
    for code, cameo in CAMEO.items():
        row = table.get(code)
        if row is None:
            problems.append(f"{code}: not in {path}")
            continue
        if float(row["gdelt_goldstein"]) != cameo.goldstein:
            problems.append(f"{code}: goldstein {cameo.goldstein} != {row['gdelt_goldstein']}")
        if int(row["gdelt_quadclass"]) != cameo.quad:
            problems.append(f"{code}: quad {cameo.quad} != {row['gdelt_quadclass']}")
        if row["icews_name"] != cameo.name:
            problems.append(f"{code}: name {cameo.name!r} != {row['icews_name']!r}")
    return problems


def write_all(out: Path, seed: int) -> dict[str, int]:
    """Generate and write every file; return the data rows per file."""
    gdelt, gdelt_events = gdelt_rows(seed)
    icews = icews_rows(seed)
    polecat = polecat_rows(seed)
    canonical = canonical_rows(seed)
    write_text(out / GDELT_FILE, "".join(tab_line(r) for r in gdelt))
    write_text(out / ICEWS_FILE, "".join(tab_line(r) for r in [ICEWS_COLUMNS, *icews]))
    write_text(out / POLECAT_FILE, "".join(tab_line(r) for r in [POLECAT_COLUMNS, *polecat]))
    write_text(
        out / CANONICAL_FILE,
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in canonical),
    )
    write_text(out / "README.md", readme(seed, gdelt, gdelt_events, icews, polecat, canonical))
    return {
        GDELT_FILE: len(gdelt),
        ICEWS_FILE: len(icews),
        POLECAT_FILE: len(polecat),
        CANONICAL_FILE: len(canonical),
    }


def main(argv: list[str] | None = None) -> None:
    """Parse arguments, optionally check the codebook, write the files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="folder to write into")
    parser.add_argument("--seed", type=int, default=SEED, help="random seed (default %(default)s)")
    parser.add_argument(
        "--codebook",
        type=Path,
        help="derived_cameo_codebook.csv: check the hard-coded CAMEO values against it first",
    )
    args = parser.parse_args(argv)
    if args.codebook is not None:
        problems = check_codebook(args.codebook)
        if problems:
            sys.exit("codebook mismatch:\n" + "\n".join(problems))
        print(f"{len(CAMEO)} CAMEO codes agree with {args.codebook}")
    for name, rows in write_all(args.out, args.seed).items():
        print(f"{args.out / name}: {rows} rows")


if __name__ == "__main__":
    main()
