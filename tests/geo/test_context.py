"""Namesakes resolved by the story's context, and places the core packages lack."""

from __future__ import annotations

import pytest

from sitreps.config import load_settings
from sitreps.geo import Geocoder
from sitreps.model import Document, PlaceMention
from sitreps.resources import resources_for

SETTINGS = load_settings(env={})


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder.from_settings(SETTINGS)


def places_in(geocoder: Geocoder, text: str) -> list[PlaceMention]:
    return geocoder.mentions(Document("t", text), resources_for(SETTINGS).nlp(text))


def first(found: list[PlaceMention], text: str) -> PlaceMention:
    return next(p for p in found if p.text == text)


def test_dateline_state_picks_the_small_namesake(geocoder: Geocoder) -> None:
    found = places_in(
        geocoder,
        "GLASGOW, Ky. (AP) - A fire destroyed a barn outside Glasgow on Monday, state police said.",
    )
    glasgow = [p for p in found if p.text.lower() == "glasgow"]
    assert glasgow and all(p.country == "United States" for p in glasgow)
    assert all(p.admin1 == "Kentucky" for p in glasgow)


def test_province_named_after_a_town_picks_the_namesake(geocoder: Geocoder) -> None:
    found = places_in(
        geocoder, "Police in London, Ontario, arrested two men after a stabbing on Sunday."
    )
    london = first(found, "London")
    assert london.country == "Canada" and london.admin1 == "Ontario"


def test_world_city_stays_the_default(geocoder: Geocoder) -> None:
    found = places_in(geocoder, "Thousands marched through London on Saturday.")
    assert first(found, "London").country == "United Kingdom"
    found = places_in(geocoder, "Officials in Washington said talks would resume.")
    washington = first(found, "Washington")
    assert washington.kind == "town" and washington.admin1 == "District of Columbia"


def test_province_outranks_a_small_town_of_its_name(geocoder: Geocoder) -> None:
    # Provinces rank by their towns' people: the US state, not Florida in Puerto Rico or
    # Uruguay's department.
    found = places_in(geocoder, "Storm damage was reported across Florida on Monday.")
    florida = first(found, "Florida")
    assert florida.kind == "province" and florida.country == "United States"
    found = places_in(geocoder, "She lived in Queensland for four years.")
    queensland = first(found, "Queensland")
    assert queensland.kind == "province" and queensland.country == "Australia"


def test_a_first_name_is_no_place(geocoder: Geocoder) -> None:
    found = places_in(
        geocoder,
        "Nine-year-old Georgia Stevens is lacing her skates. Georgia began skating at four "
        "in Edmonton.",
    )
    assert [p.text for p in found] == ["Edmonton"]


def test_untagged_town_after_a_locative_is_found(geocoder: Geocoder) -> None:
    found = places_in(
        geocoder, "On Friday morning, an 11-year-old boy in Durres fatally shot himself."
    )
    durres = first(found, "Durres")
    assert durres.country == "Albania"


def test_west_bank_is_one_place(geocoder: Geocoder) -> None:
    found = places_in(geocoder, "A settler was shot near a checkpoint in the West Bank on Friday.")
    assert [p.text for p in found] == ["West Bank"]


@pytest.mark.parametrize(
    ("name", "kind", "country"),
    [
        ("Metcalfe County", "district", "US"),
        ("PLYMOUTH CO.", "district", "US"),
        ("Darfur", "region", "SD"),
        ("Middle East", "region", None),
        ("Heathrow Airport", "airport", "GB"),
        ("Fars Province", "province", "IR"),
    ],
)
def test_counties_regions_and_airports_are_in_the_gazetteer(
    geocoder: Geocoder, name: str, kind: str, country: str | None
) -> None:
    from sitreps.geo.recognize import lookup

    places = lookup(geocoder.gazetteer, name)[1]
    assert any(p.kind == kind and p.country_code == country for p in places), places[:3]


def test_county_resolves_in_a_story(geocoder: Geocoder) -> None:
    found = places_in(
        geocoder, "Deputies in Metcalfe County, Kentucky, searched for the missing hunter."
    )
    county = first(found, "Metcalfe County")
    assert county.kind == "district" and county.admin1 == "Kentucky"
    assert county.latitude is not None and 36.5 < county.latitude < 37.5


def test_georgia_in_a_us_story_is_the_state(geocoder: Geocoder) -> None:
    found = places_in(
        geocoder,
        "Storms hit Alabama and Georgia overnight. Flooding closed roads in Tennessee and "
        "Kentucky, and power was cut in Birmingham, Atlanta and Nashville.",
    )
    georgia = first(found, "Georgia")
    assert georgia.kind == "province" and georgia.country == "United States"
    found = places_in(geocoder, "Russia and Georgia fought a brief war in 2008.")
    assert first(found, "Georgia").kind == "country"


@pytest.mark.parametrize(
    ("text", "verb", "place"),
    [
        (
            "Bosnian Croat militiamen captured the town of Kupres, 55 miles west of Sarajevo.",
            "captured",
            "Kupres",
        ),
        (
            "The Taliban captured Kabul in 1996 and now rule most of Afghanistan.",
            "captured",
            "Kabul",
        ),
    ],
)
def test_the_place_an_event_verb_acts_on_is_its_location(
    geocoder: Geocoder, text: str, verb: str, place: str
) -> None:
    sdoc = resources_for(SETTINGS).nlp(text)
    mentions = geocoder.mentions(Document("t", text), sdoc)
    trigger = next(t for t in sdoc if t.text == verb)
    picked, _ = geocoder.event_location(sdoc, next(sdoc.sents), mentions, trigger)
    assert picked is not None and picked.text == place


def test_surnames_and_lowercase_words_are_no_places(geocoder: Geocoder) -> None:
    found = places_in(
        geocoder, "Police captured former Interior Minister Ramon Rodriguez Chacin in Caracas."
    )
    assert [p.text for p in found] == ["Caracas"]
    found = places_in(
        geocoder, "Suspected gunmen destroyed property worth millions of naira in Ukum."
    )
    assert "naira" not in [p.text for p in found]


def test_a_bearings_landmark_is_not_the_scene(geocoder: Geocoder) -> None:
    text = "In Hilla, just south of Baghdad, a civilian was killed in a drive-by shooting."
    sdoc = resources_for(SETTINGS).nlp(text)
    mentions = geocoder.mentions(Document("t", text), sdoc)
    trigger = next(t for t in sdoc if t.text == "killed")
    picked, _ = geocoder.event_location(sdoc, next(sdoc.sents), mentions, trigger)
    assert picked is not None and picked.text == "Hilla"


def test_airports_are_found_by_their_short_names_only_after_a_town() -> None:
    from sitreps.geo.normalize import name_key
    from sitreps.geo.supplements import _airport_variants

    towns = {name_key("London"), name_key("Toronto")}
    heathrow = {v for v, _ in _airport_variants("London Heathrow Airport", "London", towns)}
    assert {"Heathrow Airport", "Heathrow"} <= heathrow
    pearson = {
        v
        for v, _ in _airport_variants("Toronto Pearson International Airport", "Mississauga", towns)
    }
    assert "Pearson International Airport" in pearson and "Pearson Airport" in pearson
    americas = {v for v, _ in _airport_variants("Las Americas International Airport", "", towns)}
    assert "Americas" not in americas


def test_two_ambiguous_names_that_lie_together_pick_those_readings(geocoder: Geocoder) -> None:
    # Edmonton and Enfield are both London districts and both Canadian towns far apart.
    found = places_in(
        geocoder,
        "Pupils from a school in Edmonton won a cookery contest held at the civic centre "
        "in Enfield on Tuesday.",
    )
    assert {first(found, n).country for n in ("Edmonton", "Enfield")} == {"United Kingdom"}


def test_a_capital_wins_beside_its_country_named_in_the_story(geocoder: Geocoder) -> None:
    found = places_in(
        geocoder,
        "GEORGETOWN, Ky. (AP) - A Kentucky doctor said she ran a marathon in Paris last "
        "spring, her first race in France.",
    )
    assert first(found, "Paris").country == "France"


def test_a_governor_title_makes_the_name_a_state(geocoder: Geocoder) -> None:
    found = places_in(geocoder, "Former New York Gov. Hugh Carey died on Sunday.")
    assert first(found, "New York").kind == "province"


def test_a_name_keeps_one_sense_through_the_story(geocoder: Geocoder) -> None:
    found = places_in(
        geocoder,
        "A fair opened in Paris, Texas, on Friday. Organisers said Paris expects ten "
        "thousand visitors this weekend.",
    )
    assert [p.admin1 for p in found if p.text == "Paris"] == ["Texas", "Texas"]


def test_a_province_named_after_the_place_contains_it(geocoder: Geocoder) -> None:
    found = places_in(geocoder, "Police fired tear gas at traders in Hyderabad in Sindh province.")
    assert first(found, "Hyderabad").country == "Pakistan"


def test_countries_carry_acled_names(geocoder: Geocoder) -> None:
    found = places_in(geocoder, "Rebels attacked a camp outside Goma on Sunday.")
    assert first(found, "Goma").country == "Democratic Republic of Congo"


def test_english_towns_are_in_england_not_one_county(geocoder: Geocoder) -> None:
    found = places_in(geocoder, "Police in Leeds arrested two men on Monday.")
    assert first(found, "Leeds").admin1 == "England"


def test_towns_cities500_lacks_come_from_the_province_lists(geocoder: Geocoder) -> None:
    found = places_in(geocoder, "A roadside bomb killed two police officers in Dantewada.")
    place = first(found, "Dantewada")
    assert place.country == "India" and place.latitude is not None


def test_a_country_reporting_is_still_a_place(geocoder: Geocoder) -> None:
    found = places_in(geocoder, "A bomb went off in a market, police in Myanmar said.")
    assert first(found, "Myanmar").kind == "country"


def test_paired_readings_decide_the_storys_country_votes(geocoder: Geocoder) -> None:
    # Three mentions of Edmonton must vote for England, not Alberta, or Enfield goes to Canada.
    found = places_in(
        geocoder,
        "Pupils from a school in Edmonton planted flowers on Hertford Road, Edmonton. "
        "The people of Edmonton chose the design. Enfield council paid for the plants.",
    )
    assert first(found, "Enfield").country == "United Kingdom"


def test_provinces_go_by_the_english_names_news_uses(geocoder: Geocoder) -> None:
    found = places_in(
        geocoder,
        "Russian shelling hit Donetsk on Monday. Fighting went on across the Donetsk region, "
        "and al-Shabaab attacked a base in Lower Shabelle.",
    )
    kinds = [(p.text, p.kind, p.name) for p in found if p.text in ("Donetsk", "Lower Shabelle")]
    assert kinds[0][:2] == ("Donetsk", "town")  # the city, not the oblast
    assert ("Donetsk", "province", "Donetsk") in kinds  # "the Donetsk region"
    assert ("Lower Shabelle", "province", "Lower Shabelle") in kinds


def test_a_small_town_abroad_is_no_reading_of_a_local_name(geocoder: Geocoder) -> None:
    # Noria is, to the gazetteer, a village in India; in a Salvadoran report it is a canton
    # the gazetteer lacks, and no place is better than a pin in India.
    found = places_in(
        geocoder,
        "Salvadoran troops clashed with guerrillas in San Miguel department, El Salvador, on "
        "Tuesday, the army said. Residents of Noria canton fled the fighting.",
    )
    assert {p.country for p in found} == {"El Salvador"}
    assert any(p.text == "San Miguel" for p in found)
    # the same name in a story with no other country keeps its only reading
    alone = places_in(geocoder, "Residents of Noria fled the fighting on Tuesday.")
    assert [p.country for p in alone if p.text == "Noria"] == ["India"]
