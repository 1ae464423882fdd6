"""The event's place by ACLED's rules: admin2 for towns, bracketed containers, precision.

Sentences are our own, written the way ACLED notes and wire reports put places: containers
in brackets or after a comma, smallest first.
"""

from __future__ import annotations

import pytest

import sitreps
from sitreps.model import Event
from sitreps.store.merge import same_event

PUBLISHED = "2021-03-08"


def only_event(text: str) -> Event:
    events = [e for e in sitreps.extract(text, published=PUBLISHED) if e.event_type]
    assert events, f"no event in {text!r}"
    return events[0]


def test_a_known_town_carries_its_district() -> None:
    ev = only_event("Protesters blocked the main road in Ouahigouya on Saturday.")
    # GeoNames writes the province "Province du Yatenga": the event says Yatenga.
    assert (ev.location, ev.admin1, ev.admin2) == ("Ouahigouya", "Nord", "Yatenga")
    assert ev.geo_precision == 1


def test_a_us_town_carries_its_county() -> None:
    ev = only_event("On 7 March 2021, rioters burned shops in Springfield, Illinois.")
    assert (ev.location, ev.admin1, ev.admin2) == ("Springfield", "Illinois", "Sangamon County")


def test_a_named_district_is_the_admin2_at_precision_2() -> None:
    ev = only_event(
        "Taliban fighters attacked a checkpoint in Qadis district of Badghis province on "
        "Sunday, killing four soldiers."
    )
    assert ev.admin1 == "Badghis" and ev.admin2 == "Qādis"
    assert ev.geo_precision == 2


def test_an_unknown_village_falls_back_to_its_province_not_the_namesake_town() -> None:
    # Kafr Ruwayda (a made-up village) is not in the gazetteer; "(Hama)" is the governorate.
    ev = only_event("On 7 March 2021, regime forces shelled Kafr Ruwayda (Hama). No fatalities.")
    assert ev.country == "Syria" and ev.admin1 == "Hama"
    assert ev.geo_precision == 3
    assert (ev.latitude, ev.longitude) != pytest.approx((35.13179, 36.75783))  # not the city


def test_an_unknown_village_then_a_comma_falls_back_to_its_province() -> None:
    ev = only_event("On 7 March 2021, regime forces shelled Kafr Ruwayda, Hama.")
    assert ev.admin1 == "Hama" and ev.geo_precision == 3


def test_a_list_of_known_places_is_not_a_container() -> None:
    ev = only_event("Regime forces shelled Homs, Hama and Idlib on Sunday.")
    assert ev.location == "Homs" and ev.geo_precision == 1


def test_a_known_village_in_brackets_keeps_its_own_point_and_the_notes_lga() -> None:
    ev = only_event(
        "On 7 March 2021, unidentified gunmen killed three farmers in Kware village "
        "(Shagari LGA, Sokoto state)."
    )
    assert (ev.location, ev.admin1, ev.admin2) == ("Kware", "Sokoto", "Shagari")
    assert ev.geo_precision == 1


def test_an_unknown_village_falls_back_to_the_smallest_known_container() -> None:
    # No Dogondaji in the gazetteer: the LGA (placed at its seat) beats the state.
    ev = only_event(
        "On 7 March 2021, unidentified gunmen killed two farmers in Dogondaji village "
        "(Tambuwal LGA, Sokoto state)."
    )
    assert (ev.admin1, ev.admin2) == ("Sokoto", "Tambuwal")
    assert ev.geo_precision == 2


@pytest.mark.parametrize(
    ("text", "admin1"),
    [
        ("On 7 March 2021, gunmen abducted 12 travellers in Daura (Katsina).", "Katsina"),
        ("On 7 March 2021, gunmen abducted 12 travellers in Daura (Yobe).", "Yobe"),
        ("On 7 March 2021, regime forces shelled Suran (Aleppo).", "Aleppo"),
        ("On 7 March 2021, regime forces shelled Suran (Hama).", "Hama"),
    ],
)
def test_the_bracketed_container_chooses_the_homonym(text: str, admin1: str) -> None:
    ev = only_event(text)
    assert ev.admin1 == admin1 and ev.geo_precision == 1


def test_near_a_town_with_its_province_in_brackets_is_precision_2() -> None:
    ev = only_event(
        "Two soldiers were killed when gunmen attacked an army post near Ouahigouya "
        "(Yatenga province), the army said."
    )
    # Yatenga is Ouahigouya's admin2 in the gazetteer: the container holds, the town stays.
    assert (ev.location, ev.admin2) == ("Ouahigouya", "Yatenga")
    assert ev.geo_precision == 2


def _report(event_id: str, location: str, admin2: str, precision: int, lat: float) -> Event:
    return Event(
        event_id=event_id,
        story_id=event_id,
        event_date="2021-03-07",
        event_type="Riots",
        sub_event_type="Violent demonstration",
        country="United States",
        admin1="California",
        admin2=admin2,
        location=location,
        latitude=lat,
        longitude=-118.0,
        geo_precision=precision,
    )


def test_two_towns_of_one_county_are_not_one_place_but_the_county_and_a_town_may_be() -> None:
    a = _report("a", "Lancaster", "Los Angeles County", 1, 34.70)
    b = _report("b", "Long Beach", "Los Angeles County", 1, 33.77)  # 100 km apart
    county = _report("c", "Los Angeles County", "Los Angeles County", 2, 34.32)
    assert not same_event(a, b)
    assert same_event(a, county)


def test_the_acled_csv_carries_the_towns_admin2() -> None:
    import csv
    import io

    from sitreps.export import write_events

    ev = only_event("Protesters blocked the main road in Ouahigouya on Saturday.")
    out = io.StringIO()
    write_events([ev], "csv", out)
    row = next(csv.DictReader(io.StringIO(out.getvalue())))
    assert (row["admin1"], row["admin2"], row["location"]) == ("Nord", "Yatenga", "Ouahigouya")
    assert row["geo_precision"] == "1"
