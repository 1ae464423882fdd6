"""Geocoding: names in all their spellings, places in context, the event's own place."""

from __future__ import annotations

from datetime import datetime

import pytest

from sitreps.config import load_settings
from sitreps.geo import Geocoder, name_key
from sitreps.model import Document
from sitreps.resources import resources_for

SETTINGS = load_settings(env={})


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder.from_settings(SETTINGS)


def places_in(geocoder: Geocoder, text: str) -> list:
    doc = Document("t", text, published=datetime(2021, 7, 7))
    return geocoder.mentions(doc, resources_for(SETTINGS).nlp(text))


@pytest.mark.parametrize("spelling", ["Qala-e-Naw", "Qala i Naw", "Qal'ah-ye Now", "Qala-i-Naw"])
def test_transliterations_find_the_same_town(geocoder: Geocoder, spelling: str) -> None:
    ids = {p.geonames_id for p in geocoder.gazetteer.lookup(spelling)}
    assert 1129867 in ids


def test_name_keys_ignore_accents_hyphens_and_connectives() -> None:
    assert name_key("Qala-e-Naw") == name_key("QALA I NAW") == "qalanaw"
    assert name_key("Ségou") == name_key("Segou")
    assert name_key("Al-Hasakah") == name_key("Hasakah")


def test_provincial_capital_resolves_in_context(geocoder: Geocoder) -> None:
    found = places_in(
        geocoder,
        "Fighters attacked Maimana, the capital of Faryab province, on Tuesday, the Afghan "
        "defence ministry said.",
    )
    town = next(p for p in found if p.text == "Maimana")
    assert town.geonames_id == 1133453 and town.admin1 == "Faryab" and town.iso3 == "AFG"
    province = next(p for p in found if p.text == "Faryab")
    assert province.kind == "province" and province.country == "Afghanistan"


def test_person_names_and_demonyms_are_not_places(geocoder: Geocoder) -> None:
    found = places_in(
        geocoder,
        "Captain Hassan Ali said a Somali army convoy was hit near the town of Afgooye.",
    )
    literal = [p for p in found if p.usage == "literal"]
    assert [p.text for p in literal] == ["Afgooye"]
    assert literal[0].country == "Somalia"
    # The demonym is reported as what it is: a modifier, never a place of its own.
    assert [(p.text, p.usage) for p in found if p.usage != "literal"] == [("Somali", "modifier")]


def test_event_location_is_the_scene_not_the_officials_title(geocoder: Geocoder) -> None:
    text = (
        "The governor of Herat said Taliban fighters clashed with troops in Qala-e-Naw on "
        "Wednesday."
    )
    nlp = resources_for(SETTINGS).nlp
    sdoc = nlp(text)
    mentions = geocoder.mentions(Document("t", text), sdoc)
    trigger = next(t for t in sdoc if t.text == "clashed")
    place, precision = geocoder.event_location(sdoc, next(sdoc.sents), mentions, trigger)
    assert place is not None and place.geonames_id == 1129867 and precision == 1


def test_near_and_province_only_precision(geocoder: Geocoder) -> None:
    nlp = resources_for(SETTINGS).nlp
    for text, expected in (
        ("Gunmen killed four farmers near Dikwa on Monday.", 2),
        ("Gunmen killed four farmers in Borno state on Monday.", 3),
    ):
        sdoc = nlp(text)
        mentions = geocoder.mentions(Document("t", text), sdoc)
        trigger = next(t for t in sdoc if t.text == "killed")
        place, precision = geocoder.event_location(sdoc, next(sdoc.sents), mentions, trigger)
        assert place is not None and precision == expected, (text, place)


def test_wire_dateline_is_not_an_event_place(geocoder: Geocoder) -> None:
    text = "MOGADISHU (Reuters) - A bomb exploded near Afgooye on Tuesday, killing two soldiers."
    found = places_in(geocoder, text)
    dateline = [p for p in found if p.in_dateline]
    assert [p.text for p in dateline] == ["MOGADISHU"]


def test_state_abbreviations_and_demonym_spans(geocoder: Geocoder) -> None:
    from sitreps.geo.resolve import resolve_span

    (kentucky, *_) = geocoder.gazetteer.lookup("Ky.")
    assert kentucky.name == "Kentucky" and kentucky.kind == "province"
    text = "Canadian firefighters flew to Lismore, N.S.W., after the floods."
    doc = Document("t", text)
    place = resolve_span(doc, resources_for(SETTINGS).nlp(text), geocoder.gazetteer, 0, 8)
    assert place is not None and place.kind == "country" and place.country == "Canada"
