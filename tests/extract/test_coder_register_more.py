"""More of the coder's register: killings by hand, bases handed over, places a verb takes,
short other names of far-off places.

Our own sentences, in the shape of misses `benchmarks/coder_notes.py` found.
"""

from __future__ import annotations

import pytest

from sitreps import extract
from sitreps.config import load_settings
from sitreps.extract.counts import deaths_in
from sitreps.geo import Geocoder
from sitreps.model import Event


def first(text: str, published: str = "2024-02-01") -> Event:
    events = [e for e in extract(text, published=published) if e.event_type]
    assert events, f"no event in {text!r}"
    return events[0]


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        ("A crowd stoned to death a man accused of theft in the market.", 1),
        ("Residents beat to death three suspected goat thieves on Sunday.", 3),
        ("Two alleged kidnappers were burnt to death by angry villagers.", 2),
        ("A mob hacked a suspected witch to death near the river.", 1),
        ("A suspected robber was lynched by traders at the bus park.", 1),
    ],
)
def test_killings_by_hand_count_their_victims(text: str, deaths: int) -> None:
    count = deaths_in(text)
    assert count is not None and (count.value, count.vague) == (deaths, False)


def test_a_death_sentence_is_no_death() -> None:
    assert deaths_in("A court sentenced the former commander to death on Monday.") is None


def test_mob_killing_in_a_note_carries_its_death() -> None:
    e = first("On 4 March 2023, a crowd stoned to death a woman accused of sorcery in Kisii.")
    assert (e.sub_event_type, e.fatalities) == ("Mob violence", 1)


def test_a_base_handed_over_is_a_transfer_to_the_receiver() -> None:
    e = first(
        "On 14 October 2023, French soldiers handed over the Ansongo camp to the Malian army."
    )
    assert e.sub_event_type == "Non-violent transfer of territory"
    assert (e.actor1 or "").startswith("Military Forces of Mali")
    assert (e.actor2 or "").startswith("Military Forces of France")


def test_suspects_handed_over_are_no_transfer_of_territory() -> None:
    events = extract(
        "Police handed over two suspects to the army in Maiduguri on 3 May 2022.",
        published="2022-05-04",
    )
    assert all(e.sub_event_type != "Non-violent transfer of territory" for e in events)


def test_a_town_a_territorial_verb_takes_is_a_place_even_when_tagged_a_person() -> None:
    e = first(
        "On 3 February 2024, the Ethiopian army recaptured Lalibela from Fano militia "
        "after heavy fighting."
    )
    assert (e.sub_event_type, e.location, e.admin1, e.geo_precision) == (
        "Government regains territory",
        "Lalibela",
        "Amhara",
        1,
    )


def test_a_short_other_name_means_its_place_only_in_capitals() -> None:
    # "BER" is Berlin's airport code; "Ber" is a town in Mali the gazetteer lacks
    gazetteer = Geocoder.from_settings(load_settings(env={})).gazetteer
    assert all(p.name != "Berlin" for p in gazetteer.lookup("Ber"))
    assert any(p.name == "Berlin" for p in gazetteer.lookup("BER"))
    assert any(p.name == "San Diego" for p in gazetteer.lookup("SAN"))
    assert all(p.name != "San Diego" for p in gazetteer.lookup("San"))
