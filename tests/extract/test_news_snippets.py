"""News snippets in the wires' voice: whose arms, whose device, which place a word names.

Our own sentences, written after a probe of news snippets (benchmarks/data/coder_notes_o)
showed the shapes: a government's helicopter is its military's; a bomber or a named group
sets its own device off (a patrol meets one); a missile-defence system and contractors have
owners; a city's "North Zone", a square's "Plaza de" and a campaign's "Palestine Action"
name no town or country.
"""

from __future__ import annotations

import pytest

from sitreps.extract.counts import deaths_in
from story_events import reader

events, first = reader("2022-03-10")


def test_a_governments_helicopter_is_its_military() -> None:
    ev = first("A Syrian government helicopter dropped barrels of chlorine on Saraqib on Sunday.")
    assert ev.sub_event_type == "Chemical weapon"
    assert (ev.actor1 or "").startswith("Military Forces of Syria")


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "An al Shabaab suicide bomber drove a car packed with explosives into a "
            "checkpoint in Afgoye on Monday, killing six soldiers.",
            "Al Shabaab",
        ),
        (
            "Three policemen were killed when Maoists triggered a landmine under their jeep "
            "near Dantewada on Friday.",
            "CPI (Maoist): Communist Party of India (Maoist)",
        ),
    ],
)
def test_who_sets_a_device_off_is_actor1(text: str, actor1: str) -> None:
    assert first(text).actor1 == actor1


def test_a_patrol_that_meets_a_device_is_hit() -> None:
    ev = first("A police patrol hit a roadside bomb near Kismayo on Monday, killing two officers.")
    assert (ev.actor2 or "").startswith("Police Forces of Somalia")
    assert not (ev.actor1 or "").startswith("Police Forces")


@pytest.mark.parametrize(
    ("text", "actor1"),
    [
        (
            "Iron Dome intercepted a dozen rockets fired at Ashkelon on Thursday evening.",
            "Military Forces of Israel",
        ),
        (
            "Russian military contractors moved into the former UN camp in Menaka on Monday.",
            "Wagner Group",
        ),
    ],
)
def test_arms_and_contractors_have_owners(text: str, actor1: str) -> None:
    assert (first(text).actor1 or "").startswith(actor1)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Police shot dead a delivery rider in Sao Paulo's East Zone on Monday.", "Brazil"),
        (
            "Thousands of teachers marched to the Plaza de Mayo in Buenos Aires on Tuesday "
            "to demand higher pay.",
            "Argentina",  # not Ireland's county Mayo
        ),
        (
            "Police arrested 40 people at a Palestine Action protest in Bristol on Saturday.",
            "United Kingdom",
        ),
    ],
)
def test_a_word_beside_a_name_says_it_is_no_place_here(text: str, country: str) -> None:
    assert first(text).country == country


def test_a_great_city_outranks_a_small_province_of_its_name_abroad() -> None:
    ev = first("Police arrested 40 people at a protest in Manchester on Saturday.")
    assert ev.country == "United Kingdom"  # not Jamaica's Manchester parish
    ev = first("Gunmen killed two farmers in Manchester parish, Jamaica, on Saturday.")
    assert ev.country == "Jamaica"


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Government troops have taken full control of Ngala after a week of fighting "
            "with ISWAP, the army said on Monday.",
            "Government regains territory",
        ),
        (
            "Soldiers entered Menaka on Sunday, taking the northern town after clashes with "
            "jihadists, officials said.",
            "Government regains territory",
        ),
        (
            "Rebels seized the strategic border town of Bunagana on Monday after fighting "
            "that sent soldiers fleeing into Uganda.",
            "Non-state actor overtakes territory",
        ),
        (
            "The RSF seized Ed Daein, capital of East Darfur state, on Tuesday after two days "
            "of fighting with the army.",
            "Non-state actor overtakes territory",
        ),
    ],
)
def test_a_town_taken_after_fighting_is_a_change_of_hands(text: str, sub: str) -> None:
    assert first(text).sub_event_type == sub


@pytest.mark.parametrize(
    "text",
    [
        "The company took the city council to court on Monday.",
        "The mayor seized the town hall keys in a row with the council on Monday.",
    ],
)
def test_a_town_hall_or_council_is_no_territory(text: str) -> None:
    assert all(
        e.event_type != "Strategic developments" or "territory" not in (e.sub_event_type or "")
        for e in events(text)
    )


@pytest.mark.parametrize(
    ("text", "location"),
    [
        (
            "PESHAWAR: Police arrested four men outside the press club on Monday after they "
            "addressed reporters, officials said.",
            "Peshawar",
        ),
        (
            "NIAMEY (AFP) - Soldiers detained the president's guard commander overnight, "
            "a security source said on Wednesday.",
            "Niamey",
        ),
    ],
)
def test_a_datelines_town_in_capitals_is_where_the_story_was_filed(
    text: str, location: str
) -> None:
    assert first(text).location == location


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        (
            "A suicide bomber struck a mosque in Peshawar, killing 30 worshippers besides himself.",
            31,
        ),
        (
            "Two suicide bombers hit a market in Maiduguri, killing 9 people in addition "
            "to themselves.",
            11,
        ),
        (
            "A female suicide bomber blew herself up in Kolofata, killing four in addition "
            "to herself.",
            5,
        ),
    ],
)
def test_the_bombers_count_among_the_dead(text: str, deaths: int) -> None:
    found = deaths_in(text)
    assert found is not None and found.value == deaths


def test_a_capitals_dateline_is_not_the_events_quarter_of_the_country() -> None:
    ev = first(
        "OUAGADOUGOU (Reuters) - Gunmen killed 14 people at a cattle market in northern "
        "Burkina Faso on Sunday, security sources said."
    )
    assert ev.location != "Ouagadougou"  # the wire's office, not the north
    assert ev.country == "Burkina Faso"
    ev = first("OUAGADOUGOU (Reuters) - Gunmen killed 14 people in Burkina Faso on Sunday.")
    assert ev.location == "Ouagadougou"  # with no part named, where it was filed


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        (
            "Protesters killed two policemen during a march in Kisumu on Monday.",
            "Violent demonstration",
        ),
        (
            "Police killed two protesters during a march in Kisumu on Monday.",
            "Excessive force against protesters",
        ),
    ],
)
def test_who_killed_whom_at_a_protest(text: str, sub: str) -> None:
    assert first(text).sub_event_type == sub


def test_gaza_beside_an_israeli_town_is_the_gaza_strip() -> None:
    ev = first("Rockets fired from Gaza hit Sderot on Saturday, wounding two people.")
    assert ev.country != "Mozambique"
    ev = first("Israeli jets struck Gaza on Saturday, killing four people.")
    assert ev.country == "Palestine"
    ev = first(
        "Floods and gunmen hit Gaza province in southern Mozambique; two people were killed."
    )
    assert ev.country == "Mozambique"
