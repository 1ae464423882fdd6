"""Adding places to a built gazetteer: full GeoNames dumps, and users' own places.

GeoNames dump files (tab-separated, no header) are recognised by name:
- ``allCountries.zip`` / ``allCountries.txt`` / a country file like ``AF.txt`` (or .zip):
  the 19-column geoname table;
- ``admin1CodesASCII.txt``: ``CC.code  name  asciiname  geonameid``;
- ``admin2Codes.txt``: ``CC.admin1.admin2  name  asciiname  geonameid``;
- ``alternateNames.txt`` (or .zip): ``id  geonameid  lang  name  ...``.
Give the code files together with (or before) the geoname table so names attach.
"""

from __future__ import annotations

import csv
import io
import sqlite3
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from sitreps.errors import GazetteerError
from sitreps.geo.build import insert_places
from sitreps.geo.normalize import is_latin, name_key

__all__ = ["add_user_places", "import_geonames"]

#: GeoNames feature codes we keep, and the kind they become.
_KINDS = {"ADM1": "province", "ADM2": "district", "ADM3": "district", "PCLI": "country"}
_FEATURE_CLASSES = {"P", "A"}


def _lines(path: Path) -> Iterator[str]:
    if path.suffix == ".zip":
        with zipfile.ZipFile(path) as zf:
            for name in zf.namelist():
                if name.endswith(".txt") and not name.lower().startswith("readme"):
                    with zf.open(name) as fh:
                        yield from io.TextIOWrapper(fh, encoding="utf-8")
        return
    with open(path, encoding="utf-8") as fh:
        yield from fh


def _kind(path: Path) -> str:
    name = path.name.lower()
    if name.startswith("admin1codes"):
        return "admin1"
    if name.startswith("admin2codes"):
        return "admin2"
    if name.startswith("alternatenames"):
        return "alternates"
    return "geonames"


def import_geonames(db_path: Path, files: list[Path]) -> dict[str, int]:
    """Add the places in GeoNames dump files to the gazetteer; return counts by file kind."""
    ordered = sorted(
        files, key=lambda p: ["admin1", "admin2", "geonames", "alternates"].index(_kind(p))
    )
    counts: dict[str, int] = {}
    admin1: dict[str, str] = {}
    admin2: dict[str, str] = {}
    conn = sqlite3.connect(db_path)
    try:
        for path in ordered:
            if not path.exists():
                raise GazetteerError(f"{path}: no such file")
            kind = _kind(path)
            n = 0
            if kind in ("admin1", "admin2"):
                target = admin1 if kind == "admin1" else admin2
                for line in _lines(path):
                    cols = line.rstrip("\n").split("\t")
                    if len(cols) >= 2:
                        target[cols[0]] = cols[1]
                        n += 1
            elif kind == "geonames":
                n = _import_table(conn, path, admin1, admin2)
            else:
                n = _import_alternates(conn, path)
            counts[kind] = counts.get(kind, 0) + n
        conn.commit()
    except (OSError, ValueError, zipfile.BadZipFile, sqlite3.Error) as exc:
        raise GazetteerError(f"cannot import GeoNames files: {exc}") from exc
    finally:
        conn.close()
    return counts


def _import_table(
    conn: sqlite3.Connection, path: Path, admin1: dict[str, str], admin2: dict[str, str]
) -> int:
    rows, names, n = [], [], 0
    for line in _lines(path):
        c = line.rstrip("\n").split("\t")
        if len(c) < 19 or c[6] not in _FEATURE_CLASSES:
            continue
        code = c[7]
        kind = _KINDS.get(code, "town" if c[6] == "P" else None)
        if kind is None:
            continue
        gid, cc = int(c[0]), c[8]
        a1 = admin1.get(f"{cc}.{c[10]}")
        a2 = admin2.get(f"{cc}.{c[10]}.{c[11]}")
        if kind == "province":
            a1 = a1 or c[1]
        if kind == "district":
            a2 = a2 or c[1]
        rows.append(
            (
                gid,
                c[1],
                kind,
                cc,
                c[10] or None,
                a1,
                a2,
                float(c[4]),
                float(c[5]),
                int(c[14] or 0),
                None,
            )
        )
        names.append((name_key(c[1]), gid, 1))
        names.append((name_key(c[2]), gid, 0))
        names.extend((name_key(a), gid, 0) for a in c[3].split(",") if a and is_latin(a))
        n += 1
        if len(rows) >= 20_000:
            insert_places(conn, rows, names)
            rows, names = [], []
    insert_places(conn, rows, names)
    return n


def _import_alternates(conn: sqlite3.Connection, path: Path) -> int:
    known = {r[0] for r in conn.execute("SELECT id FROM places")}
    batch, n = [], 0
    for line in _lines(path):
        c = line.rstrip("\n").split("\t")
        if len(c) < 4 or c[2] in ("link", "post", "iata", "icao", "faac", "wkdt", "unlc"):
            continue
        gid = int(c[1])
        if gid in known and is_latin(c[3]):
            batch.append((name_key(c[3]), gid, 0))
            n += 1
    conn.executemany("INSERT OR IGNORE INTO names VALUES (?,?,?)", (b for b in batch if b[0]))
    return n


def add_user_places(db_path: Path, csv_path: Path) -> int:
    """Add places from a CSV (name, aliases, lat, lon, country, admin1, admin2, kind)."""
    try:
        text = csv_path.read_text(encoding="utf-8")
    except OSError as exc:
        raise GazetteerError(f"{csv_path}: {exc.strerror}") from exc
    conn = sqlite3.connect(db_path)
    try:
        n = 0
        for i, r in enumerate(csv.DictReader(text.splitlines()), start=2):
            try:
                lat, lon = float(r["lat"]), float(r["lon"])
            except (KeyError, TypeError, ValueError) as exc:
                raise GazetteerError(f"{csv_path}:{i}: lat/lon missing or not numbers") from exc
            # User places get negative ids below the package provinces' range.
            key = f"{r['name']}|{lat:.5f}|{lon:.5f}".encode()
            pid = -(2_000_000 + zlib.crc32(key))  # stable: adding a file twice adds nothing
            country = (r.get("country") or "").strip()
            cc = country if len(country) == 2 else _country_code(conn, country)
            row = (
                pid,
                r["name"].strip(),
                (r.get("kind") or "town").strip(),
                cc,
                None,
                (r.get("admin1") or "").strip() or None,
                (r.get("admin2") or "").strip() or None,
                lat,
                lon,
                0,
                None,
            )
            names = [(name_key(r["name"]), pid, 1)]
            names += [(name_key(a), pid, 0) for a in (r.get("aliases") or "").split(";") if a]
            insert_places(conn, [row], names)
            n += 1
        conn.commit()
    finally:
        conn.close()
    return n


def _country_code(conn: sqlite3.Connection, name: str) -> str | None:
    row = conn.execute(
        "SELECT code FROM countries WHERE lower(name) = lower(?)", (name,)
    ).fetchone()
    return row[0] if row else None
