"""The rebels of a story that names one armed group, and tolls over time that are no event.

A probe on MUC-3/4 wire reports showed "guerrillas attacked two towns" coded as an
unidentified group in stories that name the FMLN as the offensive's author (perpetrator
named: 0.27 of found incidents), and a sentence giving a group's toll over years ("has
killed thousands of civilians") added 1,000 to a day's dead. Our own sentences below.
"""

from __future__ import annotations

from story_events import reader

events, first = reader("2019-03-20")


def test_the_rebels_of_a_story_naming_one_group_are_that_group() -> None:
    before = (
        "The rebels ambushed an army convoy near Beni on Tuesday, killing five soldiers, "
        "the army said. The ADF, a Ugandan Islamist group, is active in the area."
    )
    after = (
        "The ADF has camps in the forest around Beni. Rebels ambushed an army convoy near "
        "Beni on Tuesday, killing five soldiers, the army said."
    )
    for text in (before, after):
        assert first(text).actor1 == "ADF: Allied Democratic Forces"


def test_guerrillas_of_an_offensive_a_story_attributes_are_its_authors() -> None:
    text = (
        "Guerrillas attacked two towns in Chalatenango department last night. The clashes "
        "left seven rebels and one soldier dead near Tejutla. The attack was part of the "
        "offensive the Farabundo Marti National Liberation Front launched in September."
    )
    assert first(text, "1989-03-19").actor1 == "FMLN: Farabundo Marti National Liberation Front"


def test_rebels_stay_unidentified_when_the_story_names_two_groups_or_no_claim() -> None:
    two = (
        "Rebels ambushed an army convoy near Beni on Tuesday, killing five soldiers, the army "
        "said. The ADF and Mai-Mai militias are both active in the area."
    )
    unclaimed = (
        "Insurgents attacked a police checkpoint in Kunduz province on Sunday, killing four "
        "policemen. No group claimed the attack. The Taliban have stepped up attacks this year."
    )
    assert first(two).actor1 == "Unidentified Armed Group (Democratic Republic of Congo)"
    assert first(unclaimed, "2021-05-10").actor1 == "Unidentified Armed Group (Afghanistan)"


def test_gunmen_are_not_the_insurgents_a_story_recalls() -> None:
    # north-west Nigeria's gunmen are as often bandits as Boko Haram: a report that does
    # not say who they were leaves them unnamed
    text = (
        "Gunmen killed seven farmers near Gwoza on Tuesday, residents said. Boko Haram has "
        "waged an insurgency in the region since 2009."
    )
    assert first(text).actor1 == "Unidentified Armed Group (Nigeria)"


def test_a_groups_toll_over_years_adds_nothing_to_the_days_dead() -> None:
    text = (
        "The rebels ambushed an army convoy near Beni on Tuesday, killing five soldiers, the "
        "army said. The ADF, a Ugandan Islamist group, has killed thousands of civilians in "
        "the area."
    )
    found = events(text)
    assert len(found) == 1
    assert found[0].fatalities == 5


def test_a_wars_toll_is_no_event_but_a_days_killings_told_in_the_perfect_are() -> None:
    assert (
        events(
            "Fighting in Khartoum has killed more than 1,800 people, the health "
            "ministry said on Wednesday.",
            "2023-06-01",
        )
        == []
    )
    got = first(
        "Gunmen have killed 12 people in an attack on a village in Plateau state, "
        "police said on Wednesday.",
        "2023-06-01",
    )
    assert got.fatalities == 12
