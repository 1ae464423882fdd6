"""Read access to the embedded gazetteer: name lookups against the SQLite index.

Nothing is loaded into Python up front; each lookup is an indexed query on the names table.
"""

from __future__ import annotations

import dataclasses
import sqlite3
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sitreps.errors import GazetteerError
from sitreps.geo.build import SCHEMA_VERSION, build_gazetteer
from sitreps.geo.normalize import name_key, spelling_key

__all__ = ["Gazetteer", "Place", "default_path"]

KIND_RANK = {
    "country": 0,
    "province": 1,
    "district": 2,
    "town": 3,
    "continent": 4,
    "region": 4,
    "airport": 5,
    "landmark": 5,
}


@dataclass(frozen=True)
class Place:
    """One gazetteer entry."""

    id: int
    name: str
    kind: str
    country_code: str | None
    admin1: str | None
    admin2: str | None
    lat: float | None
    lon: float | None
    population: int
    iso_sub: str | None
    country: str | None = None
    iso3: str | None = None
    is_main: bool = True

    @property
    def geonames_id(self) -> int | None:
        """Return the GeoNames id, or None for entries that have none (package provinces)."""
        return self.id if self.id > 0 else None


def default_path(data_dir: Path) -> Path:
    """Return where the gazetteer index lives under a data directory."""
    return data_dir / f"gazetteer-v{SCHEMA_VERSION}.sqlite"


class Gazetteer:
    """The gazetteer index: opened read-only, built on first use when missing."""

    def __init__(self, path: Path, *, build: bool = True) -> None:
        if not path.exists():
            if not build:
                raise GazetteerError(f"no gazetteer at {path}: run `sitreps gazetteer build`")
            build_gazetteer(path)
        self.path = path
        self._local = threading.local()
        self._countries: dict[str, tuple[str, str, int, float | None, float | None]] = {}
        for code, iso3, name, gid, lat, lon in self._conn().execute(
            "SELECT code, iso3, name, geonames_id, lat, lon FROM countries"
        ):
            self._countries[code] = (name, iso3, gid, lat, lon)
        self._demonyms = dict(self._conn().execute("SELECT key, country_code FROM demonyms"))
        self._capitals = {
            (code, name_key(capital))
            for code, capital in self._conn().execute("SELECT code, capital FROM countries")
            if capital
        }

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(
                    f"file:{self.path}?mode=ro", uri=True, check_same_thread=False
                )
            except sqlite3.Error as exc:
                raise GazetteerError(f"cannot open gazetteer {self.path}: {exc}") from exc
            self._local.conn = conn
        return conn

    def country_name(self, code: str | None) -> str | None:
        """Return the country's English name for an ISO alpha-2 code."""
        return self._countries[code][0] if code in self._countries else None

    def iso3(self, code: str | None) -> str | None:
        """Return the ISO alpha-3 code for an alpha-2 code."""
        return self._countries[code][1] if code in self._countries else None

    def demonym_country(self, word: str) -> str | None:
        """Return the ISO alpha-2 code a demonym points to ("Afghan" -> "AF"), else None."""
        return self._demonyms.get(name_key(word))

    def is_capital(self, place: Place) -> bool:
        """Return True when the place is a town that is its country's capital."""
        return place.kind == "town" and (place.country_code, name_key(place.name)) in self._capitals

    def country_place(self, code: str) -> Place | None:
        """Return the country itself as a Place (its centre), by ISO alpha-2 code."""
        if code not in self._countries:
            return None
        name, iso3, gid, lat, lon = self._countries[code]
        return Place(gid, name, "country", code, None, None, lat, lon, 0, None, name, iso3)

    def lookup(self, name: str) -> list[Place]:
        """Return every place the name can mean, best-known first (kind, then population).

        A short other name (three letters or fewer: "BER", "SAN", mostly airport codes) means
        its place only written in capitals, as an abbreviation ("Ky.") or as the place's own name
        without its article ("Kut" for Al Kut): "Ber" in Mali is no Berlin, "San" no San Diego.
        """
        key = name_key(name)
        places = self._lookup_key(key)
        if len(key) > 3 or name.isupper() or name.endswith("."):  # "BER", "Ky."
            return list(places)
        return [p for p in places if p.is_main or key == name_key(p.name)]

    def lookup_spelling(self, name: str) -> list[Place]:
        """Return the places a name the gazetteer lacks may mean, spelt another way.

        "Baramulla" is Baramula, "Hawija" Al Hawijah, "El Buur" Ceelbuur. Only towns,
        districts and provinces, never read as a place's main name (they rank below an
        exact match of the same name elsewhere); a name with a reading of its own gets none.
        """
        key = name_key(name)
        if len(key) < 5 or self.lookup(name):
            return []
        return [
            dataclasses.replace(p, is_main=False)
            for p in self._spelling_key(spelling_key(key))
            if p.kind in ("town", "district", "province")
        ]

    @lru_cache(maxsize=10_000)  # noqa: B019 - one Gazetteer per process
    def _spelling_key(self, skey: str) -> tuple[Place, ...]:
        rows = (
            self._conn()
            .execute("SELECT place_id, name_key FROM spellings WHERE key = ? LIMIT 50", (skey,))
            .fetchall()
        )
        ids = {r[0] for r in rows}
        found = {p.id: p for k in {r[1] for r in rows} for p in self._lookup_key(k) if p.id in ids}
        found.update((p.id, p) for p in self._lookup_key(skey))  # "Baramula" itself
        return tuple(
            sorted(found.values(), key=lambda p: (KIND_RANK.get(p.kind, 9), -p.population))
        )

    @lru_cache(maxsize=50_000)  # noqa: B019 - one Gazetteer per process; names repeat a lot
    def _lookup_key(self, key: str) -> tuple[Place, ...]:
        if not key:
            return ()
        rows = (
            self._conn()
            .execute(
                "SELECT p.id, p.name, p.kind, p.country_code, p.admin1, p.admin2, p.lat, "
                "p.lon, p.population, p.iso_sub, n.is_main "
                "FROM names n JOIN places p ON p.id = n.place_id "
                "WHERE n.key = ? ORDER BY p.population DESC LIMIT 200",
                (key,),
            )
            .fetchall()
        )
        places = [
            Place(
                r[0],
                r[1],
                r[2],
                r[3],
                r[4],
                r[5],
                r[6],
                r[7],
                r[8] or 0,
                r[9],
                self.country_name(r[3]),
                self.iso3(r[3]),
                bool(r[10]),
            )
            for r in rows
        ]
        places.sort(key=lambda p: (KIND_RANK.get(p.kind, 9), -p.population))
        return tuple(places)

    def province(self, country_code: str, name: str) -> Place | None:
        """Return the first-level division of a country with that name, if any."""
        for place in self.lookup(name):
            if place.kind == "province" and place.country_code == country_code:
                return place
        return None

    def names_for_ruler(self, min_population: int) -> list[tuple[str, str, int]]:
        """Return (main name, kind, population) of countries, provinces, regions, big towns."""
        rows = self._conn().execute(
            "SELECT name, kind, population FROM places "
            "WHERE kind IN ('country','province','region') "
            "OR (kind = 'town' AND population >= ?)",
            (min_population,),
        )
        return [(r[0], r[1], r[2] or 0) for r in rows]
