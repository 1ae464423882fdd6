"""The event's place: the right one of several, and places the gazetteer lacks.

Sentences written for these tests; the village, hospital and checkpoint names are made up,
so no gazetteer knows them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitreps.config import load_settings
from sitreps.geo import Geocoder
from sitreps.model import Document, PlaceMention
from sitreps.resources import resources_for

SETTINGS = load_settings(env={})


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    return Geocoder.from_settings(SETTINGS)


def event_place(geocoder: Geocoder, text: str, verb: str) -> tuple[PlaceMention | None, int | None]:
    sdoc = resources_for(SETTINGS).nlp(text)
    mentions = geocoder.mentions(Document("t", text), sdoc)
    trigger = next(t for t in sdoc if t.text == verb)
    return geocoder.event_location(sdoc, trigger.sent, mentions, trigger)


def test_the_scene_is_picked_over_the_place_of_the_officials(geocoder: Geocoder) -> None:
    # Nairobi comes first and is the bigger city; the raid happened near Marsabit.
    place, precision = event_place(
        geocoder, "Officials in Nairobi said bandits raided cattle herders near Marsabit.", "raided"
    )
    assert place is not None and place.text == "Marsabit" and place.country == "Kenya"
    assert precision == 2  # "near"


def test_a_village_the_gazetteer_lacks_is_the_scene_put_in_its_state(geocoder: Geocoder) -> None:
    place, precision = event_place(
        geocoder,
        "Militants stormed the village of Kuru Dalla in Borno state, burning dozens of homes.",
        "stormed",
    )
    assert place is not None and place.text == "Kuru Dalla"
    assert (place.country, place.admin1) == ("Nigeria", "Borno")
    assert precision == 3  # only the state is known


def test_an_unlisted_building_is_put_at_its_town_never_at_town_precision(
    geocoder: Geocoder,
) -> None:
    place, precision = event_place(
        geocoder, "A suicide bomber blew himself up at the Dambali Hospital in Mogadishu.", "blew"
    )
    assert place is not None and "Dambali" in place.text
    assert place.name == "Mogadishu" and place.country == "Somalia"
    assert precision == 2


def test_one_of_a_list_of_unlisted_villages_is_the_scene(geocoder: Geocoder) -> None:
    place, _ = event_place(
        geocoder,
        "Rebels shelled the villages of Kabor Tashi and Mendi Wari in Zamfara state on Sunday.",
        "shelled",
    )
    assert place is not None and place.text in ("Kabor Tashi", "Mendi Wari")
    assert place.admin1 == "Zamfara"


def test_without_the_learned_picker_no_unlisted_place_is_made() -> None:
    rules_only = Geocoder.from_settings(SETTINGS)
    rules_only.picker = None
    place, _ = event_place(
        rules_only,
        "Militants stormed the village of Kuru Dalla in Borno state, burning dozens of homes.",
        "stormed",
    )
    assert place is not None and place.text == "Borno"


def test_event_sentences_reads_location_spans_given_as_token_numbers(tmp_path: Path) -> None:
    from sitreps.geo.train import event_sentences

    chars = "Troops shelled the town of Kadugli on Monday."
    tokens = "In the border district of Fanda, gunmen shot two herders."
    path = tmp_path / "dev.jsonl"
    rows = [
        {"text": chars, "spans": [{"start": 7, "end": 14, "label": "VERB"},
                                  {"start": 27, "end": 34, "label": "LOCATION"}]},
        # "Fanda" is the sixth token (5-5, end included); the verb is in characters
        {"text": tokens, "spans": [{"start": 40, "end": 44, "label": "VERB"},
                                   {"start": 5, "end": 5, "label": "LOCATION"}]},
    ]  # fmt: skip
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    got = event_sentences(path)
    spans = [[(s["label"], r["text"][s["start"] : s["end"]]) for s in r["spans"]] for r in got]
    assert spans == [
        [("VERB", "shelled"), ("LOCATION", "Kadugli")],
        [("VERB", "shot"), ("LOCATION", "Fanda")],
    ]


def test_the_places_listing_marks_an_unlisted_event_place() -> None:
    from sitreps.cli.stages import place_records
    from sitreps.model import Story
    from sitreps.pipeline import Pipeline, Result

    text = "Militants stormed the village of Kuru Dalla in Borno state on Tuesday, police said."
    (out,) = Pipeline(SETTINGS).process([Story(story_id="s", content=text, kind="text")])
    assert isinstance(out, Result)
    records = {r["text"]: r for r in place_records(out)}
    assert records["Kuru Dalla"]["mention_kind"] == "unlisted"
    assert records["Kuru Dalla"]["is_event_location"] is True
    assert records["Borno"]["is_event_location"] is False


def test_a_province_named_after_in_is_the_towns_container(geocoder: Geocoder) -> None:
    # Palma is also a Spanish city; "in Cabo Delgado" (no "province") holds the town, and
    # when the gazetteer lacks the town the event is put in the province at precision 3.
    place, precision = event_place(
        geocoder, "Insurgents stormed the town of Palma in Cabo Delgado on Wednesday.", "stormed"
    )
    assert place is not None and place.country == "Mozambique"
    assert place.admin1 == "Cabo Delgado" and precision in (1, 3)


def test_the_groups_a_story_names_say_which_country_it_is_in(geocoder: Geocoder) -> None:
    # Beni is a Bolivian department and a Congolese city: the ADF and the FARDC fight in
    # Congo.
    place, _ = event_place(
        geocoder, "The ADF and the FARDC exchanged fire near Beni on Sunday.", "exchanged"
    )
    assert place is not None and place.country == "Democratic Republic of Congo"


def test_a_campus_protest_is_in_the_town_its_university_is_named_after(
    geocoder: Geocoder,
) -> None:
    place, _ = event_place(
        geocoder, "Students rioted at the University of Ibadan on Monday.", "rioted"
    )
    assert place is not None and place.name == "Ibadan" and place.country == "Nigeria"


CAPITAL = (
    "Militants stormed the capital of Afghanistan’s southern Helmand province on Monday, "
    "freeing inmates from the city’s prison. Officials said the attackers had entered "
    "Lashkar Gah from the east{more}."
)


def test_the_capital_of_a_province_is_the_town_the_story_names_there(geocoder: Geocoder) -> None:
    # The seed story's shape: "the capital of ... Badghis province", then "Qala-e-Naw".
    place, precision = event_place(geocoder, CAPITAL.format(more=""), "stormed")
    assert place is not None and place.kind == "town" and place.admin1 == "Helmand"
    assert place.text == "Lashkar Gah" and precision == 1


def test_the_province_stands_when_the_story_names_two_of_its_towns(geocoder: Geocoder) -> None:
    # Nothing says which of the two is the seat.
    text = CAPITAL.format(more=" and then Gereshk")
    place, precision = event_place(geocoder, text, "stormed")
    assert place is not None and place.kind == "province" and precision == 3
