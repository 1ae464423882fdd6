"""Conflict-zone towns GeoNames' cities500 lacks, and the district a bracket names by its seat.

Sentences written for these tests; the places are real, the events invented.
"""

from __future__ import annotations

import csv
from collections import Counter
from importlib import resources
from pathlib import Path

import pytest

from sitreps import extract
from sitreps.config import load_settings
from sitreps.geo import Geocoder
from sitreps.geo.normalize import name_key
from sitreps.model import Event

SETTINGS = load_settings(env={})


def rows() -> list[dict[str, str]]:
    path = resources.files("sitreps.data").joinpath("geo/conflict_places.tsv")
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def first(text: str, published: str) -> Event:
    events = [e for e in extract(text, published=published) if e.event_type]
    assert events, text
    return events[0]


def test_every_listed_place_lies_in_a_province_of_its_country() -> None:
    gaz = Geocoder.from_settings(SETTINGS).gazetteer
    # by any name of the province: the file may spell it as the package does ("Tombouctou")
    # where the gazetteer shows ACLED's name ("Timbuktu")
    provinces: dict[str, set[str]] = {}
    for cc, key in gaz._conn().execute(
        "SELECT p.country_code, n.key FROM names n JOIN places p ON p.id = n.place_id "
        "WHERE p.kind = 'province'"
    ):
        provinces.setdefault(cc, set()).add(key)
    listed = rows()
    assert len(listed) > 1000
    wrong = [
        (r["name"], r["admin1"])
        for r in listed
        if name_key(r["admin1"]) not in provinces[r["country"]]
    ]
    assert wrong == []
    assert all(-90 <= float(r["lat"]) <= 90 and -180 <= float(r["lon"]) <= 180 for r in listed)
    twice = [
        k
        for k, n in Counter((r["name"], r["country"], r["admin1"]) for r in listed).items()
        if n > 1
    ]
    assert twice == []


@pytest.mark.parametrize(
    ("text", "published", "location", "admin1", "near"),
    [
        # Myanmar's township seats have no population in GeoNames, so cities500 lacks them
        (
            "On 3 April 2024, junta aircraft struck a monastery in Minbya (Rakhine), killing 4 "
            "monks.",
            "2024-04-04",
            "Minbya",
            "Rakhine",
            (20.37, 93.27),
        ),
        (
            "M23 fighters shelled Masisi town (Nord-Kivu) on 5 May 2024, killing 2 civilians.",
            "2024-05-06",
            "Masisi",
            "Nord-Kivu",
            (-1.40, 28.81),
        ),
        # a spelling news uses for a town GeoNames knows under another ("Kyaukpyu")
        (
            "On 3 March 2024, soldiers shot dead 2 fishermen in Kyaukphyu (Rakhine).",
            "2024-03-04",
            "Kyaukpyu",
            "Rakhine",
            (19.43, 93.55),
        ),
        # "Pokrovsk raion" is the district around Pokrovsk: it says where Selydove is
        (
            "On 10 June 2024, Russian forces shelled Selydove (Pokrovsk raion, Donetsk), killing "
            "a civilian.",
            "2024-06-11",
            "Selydove",
            "Donetsk",
            (48.15, 37.30),
        ),
    ],
)
def test_the_event_is_placed_at_the_conflict_town(
    text: str, published: str, location: str, admin1: str, near: tuple[float, float]
) -> None:
    e = first(text, published)
    assert (e.location, e.admin1) == (location, admin1)
    assert e.latitude is not None and e.longitude is not None
    assert abs(e.latitude - near[0]) < 0.15 and abs(e.longitude - near[1]) < 0.15


@pytest.mark.parametrize(
    ("text", "published", "location", "admin1"),
    [
        # Soum is a province of the Sahel region, Djibo's first level: it only says where
        # Djibo is, though the gazetteer's provinces and regions do not nest
        (
            "On 20 February 2023, a roadside bomb killed 3 soldiers escorting a convoy to Djibo "
            "(Soum, Sahel).",
            "2023-02-21",
            "Djibo",
            "Sahel",
        ),
        # GeoNames files Mpondwe under Uganda's old Western Region; the note's district is
        # the first level the gazetteer now has
        (
            "On 16 June 2023, ADF militants attacked a school in Mpondwe (Kasese), killing 41 "
            "people.",
            "2023-06-17",
            "Mpondwe",
            "Kasese",
        ),
    ],
)
def test_a_known_town_stands_inside_a_bracket_the_hierarchy_does_not_nest(
    text: str, published: str, location: str, admin1: str
) -> None:
    e = first(text, published)
    assert (e.location, e.admin1, e.geo_precision) == (location, admin1, 1)


def test_a_new_gazetteer_removes_the_older_versions_beside_it(tmp_path: Path) -> None:
    from sitreps.geo.build import SCHEMA_VERSION, _remove_older

    current = tmp_path / f"gazetteer-v{SCHEMA_VERSION}.sqlite"
    older = tmp_path / "gazetteer-v5.sqlite"
    mine = tmp_path / "my-places.sqlite"
    for f in (current, older, mine):
        f.write_bytes(b"x")
    _remove_older(current)
    assert current.exists() and mine.exists() and not older.exists()
