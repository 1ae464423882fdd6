"""Containers as constraints: a place said to lie in a region or country lies there."""

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


def test_town_in_a_named_region_lies_in_that_region(geocoder: Geocoder) -> None:
    found = places_in(
        geocoder,
        "Al-Shabaab fighters seized the town of Mahas in Hiran region after government "
        "troops withdrew",
    )
    mahas = first(found, "Mahas")
    assert mahas.country == "Somalia" and mahas.admin1 == "Hiraan"


def test_town_in_a_named_state_lies_in_that_state(geocoder: Geocoder) -> None:
    found = places_in(geocoder, "Gunmen attacked farmers near Baga in Borno state")
    baga = first(found, "Baga")
    assert baga.country == "Nigeria" and baga.admin1 == "Borno"


def test_gaza_strip_is_a_first_level_division(geocoder: Geocoder) -> None:
    found = places_in(geocoder, "Israeli warplanes struck targets in the Gaza Strip")
    gaza = next(p for p in found if p.text.endswith("Gaza Strip"))
    assert gaza.country == "Palestine" and gaza.admin1 == "Gaza Strip"
    assert gaza.usage == "literal"


def test_demonym_before_town_of_names_its_country(geocoder: Geocoder) -> None:
    # Paris, Texas is the bigger Paris than any in Canada; the sentence says Canadian.
    found = places_in(geocoder, "Police raided a warehouse in the Canadian town of Paris.")
    assert first(found, "Paris").country == "Canada"


def test_a_reading_inside_the_container_wins(geocoder: Geocoder) -> None:
    found = places_in(geocoder, "A tornado hit Paris, Texas, on Sunday night.")
    paris = first(found, "Paris")
    assert paris.country == "United States" and paris.admin1 == "Texas"
