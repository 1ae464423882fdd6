"""Arrests by the state's forces, and cities that share a country's name.

Our own sentences, in the shapes of misses in benchmarks/coder_notes.py (set J) and issue
13's "Security forces arrested 14 members of the opposition party in Harare".
"""

from __future__ import annotations

import pytest

from story_events import reader

_, arrest_event = reader("2023-09-05")


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        ("On 4 September 2023, soldiers detained 22 gang suspects in Ilopango, El Salvador.",
         "Military Forces of El Salvador"),
        ("Security forces arrested 11 members of the opposition party in Bulawayo on Monday.",
         "Police Forces of Zimbabwe"),
    ],
)  # fmt: skip
def test_the_states_forces_arresting_are_an_arrest(text: str, actor1: str) -> None:
    ev = arrest_event(text)
    assert ev.sub_event_type == "Arrests"
    assert (ev.actor1 or "").startswith(actor1)


def test_arrests_that_stop_a_march_are_the_protests_intervention() -> None:
    ev = arrest_event(
        "Police in Benguela fired tear gas and detained 9 activists to stop a march against "
        "fuel prices on 3 September 2023."
    )
    assert ev.sub_event_type == "Protest with intervention"
    assert (ev.actor1 or "").startswith("Protesters (Angola)")


def test_salvador_in_bahia_is_the_city_not_the_country() -> None:
    ev = arrest_event(
        "On 2 September 2023, gunmen shot dead two men at a bar in Salvador, Bahia, police said."
    )
    assert ev.country == "Brazil"
    assert ev.admin1 == "Bahia"
    ev = arrest_event("On 2 September 2023, gang members killed a bus driver in El Salvador.")
    assert ev.country == "El Salvador"


def test_armed_men_storming_a_church_are_no_riot() -> None:
    ev = arrest_event(
        "Armed men stormed a church during the Sunday service in a village of Kauru LGA and "
        "led away several worshippers, residents said on 3 September 2023."
    )
    assert ev.sub_event_type != "Violent demonstration"
    assert not (ev.actor1 or "").startswith("Rioters")


def test_an_air_force_with_no_country_named_is_the_storys_countrys() -> None:
    ev = arrest_event(
        "Air force strikes on Taliban positions in Dasht-e Archi district of Kunduz province "
        "on Wednesday night killed 9 insurgents, the defence ministry said.",
        published="2019-10-17",
    )
    assert ev.sub_event_type == "Air/drone strike"
    assert (ev.actor1 or "").startswith("Military Forces of Afghanistan")


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("cops nab 4 for highway robbery in nashik", "Arrests"),
        ("two suspected kidnappers were arrested by the police in owerri on sunday.", "Arrests"),
        ("the counter terrorism department arrested three suspects in quetta on friday.",
         "Arrests"),
    ],
)  # fmt: skip
def test_local_news_arrests_are_arrests(text: str, sub: str) -> None:
    ev = arrest_event(text)
    assert ev.sub_event_type == sub
    assert (ev.actor1 or "").startswith("Police Forces of")


def test_a_bare_participle_and_a_headline_death_count_one() -> None:
    assert arrest_event("wanted criminal killed in police encounter in meerut").fatalities == 1
    assert arrest_event("youth dies after police assault in kanpur, family alleges").fatalities == 1


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("Soldiers tortured a detained herder to death in a village near Gondar, relatives "
         "said on 3 September 2023.", "Attack"),
        ('Militants "detained" eight traders from a market near Djibo on 3 September 2023, '
         "accusing them of informing for the army.", "Abduction/forced disappearance"),
        ("Police detained dozens of people who laid flowers at a memorial in Minsk on 3 "
         "September 2023.", "Protest with intervention"),
    ],
)  # fmt: skip
def test_detentions_that_are_not_the_states_plain_arrests(text: str, sub: str) -> None:
    assert arrest_event(text).sub_event_type == sub
