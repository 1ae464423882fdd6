"""First-level divisions as ACLED names them, where the gazetteer's sources differ.

France's towns carry departments or pre-2016 regions, the Philippines' provinces beside
regions; ACLED splits Myanmar's Shan and Bago; Mexico's, Israel's and Indonesia's are
spelled its way. Also names spaCy cuts at a particle ("San Vicente del Caguan") and squares
named for a place ("Al-Karama square in As-Sweida"). Sentences written for these tests; the
places are real, the events invented.
"""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from sitreps.geo.normalize import name_key
from sitreps.geo.supplements import split_first_level
from story_events import reader

_, first = reader("2024-03-01")


@pytest.mark.parametrize(
    ("text", "location", "admin1", "admin2"),
    [
        (
            "On 2 February 2024, farmers blocked a road in Verdun (Meuse) with tractors in a "
            "protest over diesel prices.",
            "Verdun",
            "Grand Est",
            "Meuse",
        ),
        (
            "On 9 February 2024, dockers marched through Marseille against the pension reform.",
            "Marseille",
            "Provence-Alpes-Cote d'Azur",
            None,
        ),
        (
            "On 4 February 2024, gunmen shot dead a village official in Jolo, Sulu.",
            "Jolo",
            "Bangsamoro Autonomous Region in Muslim Mindanao",
            "Sulu",
        ),
        (
            "On 5 February 2024, NPA fighters clashed with soldiers near Cebu City.",
            "Cebu City",
            "Central Visayas",
            "Cebu",
        ),
        (
            "On 6 February 2024, MNDAA fighters shelled junta positions in Lashio.",
            "Lashio",
            "Shan-North",
            None,
        ),
        ("On 7 February 2024, junta jets bombed a village near Pyay.", "Pyay", "Bago-West", None),
        (
            "On 8 February 2024, Hezbollah fired rockets at Kiryat Shmona.",
            "Qiryat Shmona",
            "HaZafon",
            None,
        ),
        (
            "On 10 February 2024, gunmen killed two police officers in Apatzingan, Michoacan.",
            "Apatzingan",
            "Michoacan",
            None,
        ),
        (
            "On 11 February 2024, students protested in Makassar against the election result.",
            "Makassar",
            "South Sulawesi",
            None,
        ),
        (
            "On 12 February 2024, coalition jets struck a weapons depot in Sanaa.",
            "Sanaa",
            "Amanat al Asimah",  # the package files the capital under Shabwah
            None,
        ),
        (
            "On 13 February 2024, gunmen shot dead a teacher in Tafas (Daraa).",
            "Tafas",
            "Dar'a",
            None,
        ),
        (
            "On 14 February 2024, JNIM fighters attacked the army camp at Lere (Niafunke, "
            "Timbuktu region).",
            "Léré",
            "Timbuktu",
            None,
        ),
    ],
)
def test_the_event_gets_acleds_first_level(
    text: str, location: str, admin1: str, admin2: str | None
) -> None:
    ev = first(text)
    assert ev.admin1 == admin1, (ev.location, ev.admin1)
    assert name_key(location) == name_key(ev.location or "")
    if admin2 is not None:
        assert ev.admin2 == admin2


def test_a_bracketed_part_of_a_split_division_still_contains_its_town() -> None:
    ev = first(
        "On 5 January 2024, MNDAA forces seized Laukkai (Laukkai, Shan-North) after weeks "
        "of fighting."
    )
    assert (ev.location, ev.admin1) == ("Laukkai", "Shan-North")
    assert ev.geo_precision == 1


@pytest.mark.parametrize(
    ("lat", "lon", "part"),
    [
        (22.94, 97.75, "Shan-North"),  # Lashio
        (20.78, 97.04, "Shan-South"),  # Taunggyi
        (21.29, 99.61, "Shan-East"),  # Kengtung
        (20.45, 99.88, "Shan-East"),  # Tachileik
        (18.82, 95.22, "Bago-West"),  # Pyay
        (18.94, 96.43, "Bago-East"),  # Taungoo
    ],
)
def test_split_parts_follow_their_districts(lat: float, lon: float, part: str) -> None:
    whole = part.split("-")[0]
    assert split_first_level("MM", whole, lat, lon) == part
    assert split_first_level("TH", whole, lat, lon) == whole


def test_every_part_names_its_first_level_once() -> None:
    path = resources.files("sitreps.data").joinpath("geo/acled_admin1.tsv")
    lines = [x for x in path.read_text("utf-8").splitlines() if x and not x.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t"))
    assert len(rows) > 200
    assert {r["relation"] for r in rows} == {"part", "name"}
    keys = [(r["country"], r["name"]) for r in rows]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    ("text", "location", "country"),
    [
        (
            "On 11 August 2023, gunmen abducted five young men in Lagos de Moreno, Jalisco.",
            "Lagos de Moreno",
            "Mexico",
        ),
        (
            "On 2 March 2023, coca growers in San Vicente del Caguan, Caqueta, held police "
            "officers hostage.",
            "San Vicente del Caguan",
            "Colombia",
        ),
        (
            "On 5 October 2022, gunmen stormed the town hall of San Miguel Totolapan, Guerrero, "
            "killing the mayor.",
            "San Miguel Totolapan",
            "Mexico",
        ),
    ],
)
def test_a_name_spacy_cuts_at_its_particle_is_read_whole(
    text: str, location: str, country: str
) -> None:
    ev = first(text)
    assert name_key(ev.location or "") == name_key(location)
    assert ev.country == country


@pytest.mark.parametrize(
    ("text", "location"),
    [
        (
            "On 25 August 2023, hundreds gathered in Al-Karama square in As-Sweida city to "
            "protest against the collapse of the currency.",
            "As-Suwayda",
        ),
        (
            "On 6 March 2023, jeepney drivers assembled at the Philcoa area in Quezon City to "
            "protest against the phase-out of their vehicles.",
            "Quezon City",
        ),
    ],
)
def test_a_square_named_for_a_place_is_in_the_town_after_it(text: str, location: str) -> None:
    ev = first(text)
    assert name_key(ev.location or "") == name_key(location)
    assert ev.geo_precision in (1, 2)


@pytest.mark.parametrize(
    ("text", "location", "admin1"),
    [
        (
            "On 15 October 2022, an armed commando burst into a bar in Irapuato, Guanajuato, "
            "and opened fire, killing 12 people.",
            "Irapuato",
            "Guanajuato",
        ),
        (
            "On 19 January 2022, a car bomb exploded outside a building in Saravena, Arauca, "
            "killing a guard.",
            "Saravena",
            "Arauca",
        ),
        (
            "On 3 March 2023, armed men fired on a minivan in Matamoros, Tamaulipas, killing "
            "two passengers.",
            "Heroica Matamoros",
            "Tamaulipas",
        ),
    ],
)
def test_the_state_after_a_comma_says_where_the_town_is(
    text: str, location: str, admin1: str
) -> None:
    ev = first(text)
    assert (name_key(ev.location or ""), ev.admin1) == (name_key(location), admin1)
    assert ev.geo_precision == 1


@pytest.mark.parametrize(
    ("text", "location", "admin1", "precision"),
    [
        (
            "On 4 November 2021, gunmen opened fire on a family in Ciudad Obregon, Cajeme "
            "municipality, Sonora, killing a man.",
            "Ciudad Obregón",
            "Sonora",
            1,
        ),
        # a village the gazetteer lacks is put at its municipality, not at a namesake in
        # another state ("El Bejuco" is also a village of Guerrero)
        (
            "On 3 April 2021, rival cartels clashed around El Bejuco, Tepalcatepec municipality, "
            "Michoacan, leaving four dead.",
            "Tepalcatepec",
            "Michoacan",
            2,
        ),
    ],
)
def test_a_municipality_and_state_after_commas_hold_the_place(
    text: str, location: str, admin1: str, precision: int
) -> None:
    ev = first(text)
    assert (name_key(ev.location or ""), ev.admin1) == (name_key(location), admin1)
    assert ev.geo_precision == precision
