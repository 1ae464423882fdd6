"""Mention kinds: modifiers and names inside longer names are reported, never as the scene."""

from __future__ import annotations

import pytest

from sitreps.config import load_settings
from sitreps.geo import Geocoder
from sitreps.geo.locate import pick_event_place
from sitreps.model import Document, PlaceMention
from sitreps.resources import resources_for

SETTINGS = load_settings(env={})


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder.from_settings(SETTINGS)


def places_in(geocoder: Geocoder, text: str) -> list[PlaceMention]:
    return geocoder.mentions(Document("t", text), resources_for(SETTINGS).nlp(text))


def test_demonyms_and_based_are_modifiers(geocoder: Geocoder) -> None:
    found = places_in(
        geocoder, "The Syrian army said a Texas-based contractor had repaired the bridge."
    )
    kinds = {p.text: (p.usage, p.country) for p in found}
    assert kinds["Syrian"] == ("modifier", "Syria")
    assert kinds["Texas"] == ("modifier", "United States")


def test_a_modifier_is_never_the_event_place(geocoder: Geocoder) -> None:
    text = "Syrian troops shelled rebel positions on Tuesday."
    nlp = resources_for(SETTINGS).nlp
    sdoc = nlp(text)
    mentions = geocoder.mentions(Document("t", text), sdoc)
    assert any(m.usage == "modifier" for m in mentions)
    trigger = next(t for t in sdoc if t.text == "shelled")
    assert pick_event_place(sdoc, next(sdoc.sents), mentions, trigger, geocoder.picker) is None
    # With no place in the sentence, the actors' nationality gives the country only.
    place, precision = geocoder.event_location(sdoc, next(sdoc.sents), mentions, trigger)
    assert place is not None and place.kind == "country" and precision == 3
    focus = geocoder.country_of(mentions)
    assert focus is not None and focus.country == "Syria"


def test_literal_place_beside_a_modifier_is_the_scene(geocoder: Geocoder) -> None:
    text = "Afghan forces clashed with fighters in Qala-e-Naw on Wednesday."
    nlp = resources_for(SETTINGS).nlp
    sdoc = nlp(text)
    mentions = geocoder.mentions(Document("t", text), sdoc)
    trigger = next(t for t in sdoc if t.text == "clashed")
    place, _ = geocoder.event_location(sdoc, next(sdoc.sents), mentions, trigger)
    assert place is not None and place.text == "Qala-e-Naw" and place.usage == "literal"


def test_a_place_inside_a_body_name_is_embedded(geocoder: Geocoder) -> None:
    found = places_in(geocoder, "Researchers at the University of Kansas published the study.")
    kansas = next(p for p in found if p.text == "Kansas")
    assert kansas.usage == "embedded" and kansas.admin1 == "Kansas"


def test_a_university_cut_before_its_town_is_no_town(geocoder: Geocoder) -> None:
    # The NER cuts "the University of" apart from the town: "University" alone is a town in
    # Florida, and must not put a Nigerian campus protest in the United States.
    found = places_in(
        geocoder, "Students rioted at the University of Ibadan and burnt a lecture hall."
    )
    assert {p.country for p in found} == {"Nigeria"}
    assert all(p.text != "University" for p in found)


def test_a_place_name_after_a_persons_title_is_a_first_name(geocoder: Geocoder) -> None:
    # Michael (a town in Illinois), Elizabeth (New Jersey): after "Lt." or "Judge" they
    # open a person's name, and the story's real place is kept.
    found = places_in(
        geocoder,
        "State police Lt. Michael Baylous said the crash closed the road near Charleston, "
        "and Judge Elizabeth Warner ordered an inquiry.",
    )
    assert {p.text for p in found} == {"Charleston"}
