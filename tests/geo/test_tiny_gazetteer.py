"""A tiny gazetteer written in GeoNames dump format: import, user places, lookups, context.

Needs no full build: every place here is written by hand (real names and coordinates).
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from sitreps.geo import Geocoder
from sitreps.geo.build import connect_new, insert_places
from sitreps.geo.gazetteer import Gazetteer
from sitreps.geo.importer import add_user_places, import_geonames
from sitreps.geo.normalize import name_key
from sitreps.model import Document


def _geoname(
    gid: int,
    name: str,
    alternates: str,
    lat: float,
    lon: float,
    fclass: str,
    fcode: str,
    cc: str,
    a1: str,
    a2: str,
    population: int,
) -> str:
    """Return one 19-column line of the GeoNames geoname table."""
    cols = [str(gid), name, name, alternates, str(lat), str(lon), fclass, fcode, cc, "", a1, a2]
    cols += ["", "", str(population), "", "", "Asia/Kabul", "2024-01-01"]
    return "\t".join(cols) + "\n"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the path of a gazetteer holding a few Afghan places, imported from dump files."""
    root = tmp_path_factory.mktemp("tiny")
    db = root / "gazetteer.sqlite"
    conn = connect_new(db)
    conn.execute(
        "INSERT INTO countries VALUES ('AF','AFG','Afghanistan',1149361,33.0,66.0,0,'Kabul')"
    )
    conn.execute("INSERT INTO demonyms VALUES (?, 'AF')", (name_key("Afghan"),))
    insert_places(
        conn,
        [(1149361, "Afghanistan", "country", "AF", None, None, None, 33.0, 66.0, 0, None)],
        [(name_key("Afghanistan"), 1149361, 1)],
    )
    conn.commit()
    conn.close()
    (root / "admin1CodesASCII.txt").write_text(
        "AF.02\tBadghis\tBadghis\t1147707\nAF.07\tFaryab\tFaryab\t1142226\n", encoding="utf-8"
    )
    (root / "admin2Codes.txt").write_text("AF.02.0201\tQadis\tQadis\t7053425\n", encoding="utf-8")
    (root / "AF.txt").write_text(
        _geoname(
            1147707, "Badghis", "Badghis Province", 35.0, 63.75, "A", "ADM1", "AF", "02", "", 0
        )
        + _geoname(1142226, "Faryab", "", 36.0, 64.83, "A", "ADM1", "AF", "07", "", 0)
        + _geoname(
            7053425, "Qadis", "Qadis District", 34.81, 63.43, "A", "ADM2", "AF", "02", "0201", 0
        )
        + _geoname(
            1129867,
            "Qala i Naw",
            "Qala-i-Naw,Qal'ah-ye Now",
            34.98735,
            63.12891,
            "P",
            "PPLA",
            "AF",
            "02",
            "",
            64125,
        )
        + _geoname(
            1133453,
            "Maymana",
            "Maimana,Meymaneh",
            35.92139,
            64.78361,
            "P",
            "PPLA",
            "AF",
            "07",
            "",
            199795,
        )
        # A stream of the same name must not become a place (feature class H is skipped).
        + _geoname(9999001, "Qala i Naw", "", 34.5, 63.0, "H", "STM", "AF", "02", "", 0),
        encoding="utf-8",
    )
    (root / "alternateNames.txt").write_text(
        "1\t1129867\ten\tQala-e-Naw\t\t\t\t\t\t\n2\t1129867\tlink\thttps://x.invalid\t\t\t\t\t\t\n",
        encoding="utf-8",
    )
    counts = import_geonames(
        db,
        [
            root / "AF.txt",
            root / "alternateNames.txt",
            root / "admin2Codes.txt",
            root / "admin1CodesASCII.txt",
        ],
    )
    assert counts == {"admin1": 2, "admin2": 1, "geonames": 5, "alternates": 1}
    (root / "places.csv").write_text(
        "name,aliases,lat,lon,country,admin1,admin2,kind\n"
        "Dara-ye Bum,Darah Bum;Dar-i-Bum,35.15,63.42,Afghanistan,Badghis,Qadis,town\n",
        encoding="utf-8",
    )
    assert add_user_places(db, root / "places.csv") == 1
    assert add_user_places(db, root / "places.csv") == 1  # same file again adds no duplicate
    return db


@pytest.mark.parametrize("spelling", ["Qala-e-Naw", "Qala i Naw", "Qal'ah-ye Now", "Qala-i-Naw"])
def test_every_spelling_finds_the_town(tiny: Path, spelling: str) -> None:
    places = Gazetteer(tiny, build=False).lookup(spelling)
    assert [p.geonames_id for p in places] == [1129867]
    assert places[0].admin1 == "Badghis" and places[0].iso3 == "AFG"


def test_districts_get_their_province_and_kind(tiny: Path) -> None:
    (district,) = Gazetteer(tiny, build=False).lookup("Qadis District")
    assert district.kind == "district" and district.admin1 == "Badghis"
    assert district.admin2 == "Qadis"


def test_user_places_are_found_by_alias_once(tiny: Path) -> None:
    gaz = Gazetteer(tiny, build=False)
    found = gaz.lookup("Dar-i-Bum")
    assert len(found) == 1 and found[0].admin2 == "Qadis" and found[0].country == "Afghanistan"
    assert (found[0].lat, found[0].lon) == (35.15, 63.42)
    assert len({p.geonames_id for p in gaz.lookup("Dara-ye Bum")}) == 1


def test_missing_gazetteer_is_a_clear_error(tmp_path: Path) -> None:
    from sitreps.errors import GazetteerError

    with pytest.raises(GazetteerError, match="gazetteer build"):
        Gazetteer(tmp_path / "none.sqlite", build=False)


def test_only_kept_feature_classes_are_imported(tiny: Path) -> None:
    conn = sqlite3.connect(tiny)
    ids = {r[0] for r in conn.execute("SELECT id FROM places")}
    conn.close()
    assert 9999001 not in ids and 1129867 in ids


def test_capital_of_province_resolves_with_the_tiny_gazetteer(tiny: Path) -> None:
    from sitreps.config import load_settings
    from sitreps.resources import resources_for

    text = (
        "Militants stormed a checkpoint in Maimana, the capital of Faryab province, and "
        "Afghan police said two officers died."
    )
    sdoc = resources_for(load_settings(env={})).nlp(text)
    geocoder = Geocoder(Gazetteer(tiny, build=False))
    found = {
        p.text: p
        for p in geocoder.mentions(Document("t", text, published=datetime(2021, 7, 7)), sdoc)
    }
    town = found["Maimana"]
    assert town.geonames_id == 1133453 and town.admin1 == "Faryab" and town.kind == "town"
    assert text[town.start : town.end] == "Maimana"
    assert found["Faryab"].kind == "province"
