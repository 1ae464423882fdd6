"""Whole news articles: the headline's event, its own deaths, its own place and day.

Our own sentences and articles, written after two fresh probes of full-length articles
(background paragraphs with earlier tolls, quotes, site clutter) showed where we read the
story's other numbers, places and days as the event's.
"""

from __future__ import annotations

import pytest

from story_events import reader

events, first = reader("2024-05-22")


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        # a headline's present-tense killing verbs, the dead after them
        ("Mob lynches two suspected cattle thieves in Mbarara", 2),
        ("Gunmen slay three farmers in Guma, Benue", 3),
        ("Militants behead four villagers in Muidumbe district", 4),
        ("Gunmen murdered three men at a car wash in Celaya, Guanajuato, on Sunday night.", 3),
        # a toll given as it stands now
        ("Death toll now 6 after rebel attack on peacekeepers' base in Bangassou", 6),
        # the dead, then who was among them, then the verb
        ("Three villagers, including a woman and her son, were killed by gunmen near Kasese on "
         "Monday night.", 3),
        # a force by its acronym inside a list of the dead
        ("Bambari: 3 FACA and 2 gendarmes killed as rebels storm checkpoint", 5),
    ],
)
def test_deaths_told_in_a_headline_or_list(text: str, deaths: int) -> None:
    assert first(text).fatalities == deaths


def test_a_statement_about_the_attack_days_later_is_the_same_attack() -> None:
    # the army's statement, issued in the capital two days on, adds the attackers it killed
    text = (
        "DAMATURU, Nigeria - Insurgents attacked an army base in the town of Geidam late on "
        "Monday, killing three soldiers, security sources said on Wednesday.\n"
        "Troops fought back for more than two hours.\n"
        "In a statement issued in Abuja on Wednesday, the army said its men had repelled the "
        'attack and "neutralised six of the terrorists".'
    )
    found = events(text, "2024-05-22")
    assert len(found) == 1
    ev = found[0]
    assert (ev.location, ev.event_date, ev.fatalities) == ("Geidam", "2024-05-20", 9)


def test_a_revised_toll_is_the_figure_and_the_attack_keeps_its_own_day_and_place() -> None:
    # the lead gives only the toll, the report's day and the dateline town; the event's own
    # village and day come in the next sentence
    text = (
        "JOS, Nigeria - The death toll from an attack by gunmen on a farming village in "
        "central Nigeria has risen to 14, a state official said Tuesday.\n"
        "The assailants stormed the village in the Mangu local government area late on "
        "Sunday, shooting residents and burning houses, witnesses said.\n"
        "Police had put the number of dead at nine on Monday."
    )
    ev = first(text, "2024-05-21")
    assert (ev.location, ev.event_date, ev.fatalities) == ("Mangu", "2024-05-19", 14)


def test_the_wounded_dying_the_next_day_raise_the_events_toll() -> None:
    text = (
        "Gunmen opened fire on a family gathering in the Socio Vivienda neighbourhood of "
        "Guayaquil late on Saturday, killing five people, police said.\n"
        "A sixth victim died in hospital on Sunday, raising the death toll to six."
    )
    assert first(text, "2024-05-20").fatalities == 6


def test_a_dateline_day_dates_the_story_not_the_event() -> None:
    text = (
        "Makeni, 21 May 2024 - Two men accused of stealing a motorbike were on Sunday "
        "beaten to death by a mob in Makeni, police said."
    )
    ev = first(text, "2024-05-21")
    assert ev.event_date == "2024-05-19"


def test_related_links_and_their_lists_are_not_news() -> None:
    text = (
        "Police fired tear gas at students marching on parliament in Kampala on Tuesday.\n"
        "Related: Gunmen kill four in attack on bus in Kasese\n"
        "Read more:\n"
        "- Troops retake two villages from rebels in Ituri\n"
        "» Bomb blast kills three at market in Mogadishu\n"
        "Te puede interesar: Gang members abduct 12 on highway"
    )
    found = events(text, "2024-05-22")
    assert [e.location for e in found] == ["Kampala"]


def test_a_crowds_slogans_are_what_it_says_not_what_happened() -> None:
    text = (
        "Thousands of bus drivers marched peacefully through Lima on Thursday carrying "
        'placards reading "Stop the killings" and "We want to work without fear".'
    )
    assert first(text, "2024-05-24").sub_event_type == "Peaceful protest"


def test_a_claim_paragraphs_on_names_the_attacker_and_not_its_tally() -> None:
    text = (
        "MOGADISHU - A suicide bomber blew himself up at a restaurant popular with soldiers "
        "in Mogadishu on Monday evening, killing at least seven people, officials said.\n"
        "The blast took place as soldiers gathered after their evening drills.\n"
        "Officials first put the toll at five.\n"
        "Most of the dead were soldiers.\n"
        "Twelve other people were wounded and taken to Madina hospital.\n"
        "Al Shabaab, the group fighting to topple the federal government, claimed "
        'responsibility on its radio, saying it had killed 25 "apostate soldiers".'
    )
    found = events(text, "2024-05-21")
    assert len(found) == 1
    ev = found[0]
    assert (ev.actor1, ev.location, ev.fatalities) == ("Al Shabaab", "Mogadishu", 7)


def test_officials_blame_a_group_though_no_one_claimed_it() -> None:
    text = (
        "A roadside bomb killed two Iraqi soldiers near Tuz Khurmatu on Monday, security "
        "sources said.\n"
        "No group claimed responsibility, but security officials blamed Islamic State "
        "remnants who hide in the hills nearby."
    )
    assert first(text, "2024-05-21").actor1 == "Islamic State (Iraq)"


def test_a_blamed_group_whose_past_is_told_beside_the_blame() -> None:
    # the blame sentence also tells of the group's 2019 peace deal: no history event, and
    # the blamed group is the attacker
    text = (
        "Armed men killed four farmers in their fields near Paoua on Tuesday, local "
        "officials said.\n"
        "Residents blamed the 3R armed group, which signed, then broke, a 2019 peace "
        "agreement with the government.\n"
        "The 3R joined a rebel coalition formed in December 2020.\n"
        "Government forces have since pushed the rebels out of most towns."
    )
    found = events(text, "2024-05-22")
    assert [(e.actor1, e.location) for e in found] == [
        ("3R: Return, Reclamation, Rehabilitation", "Paoua")
    ]


def test_fighters_from_a_named_group_are_the_group() -> None:
    text = (
        "Militiamen from the CODECO armed group killed 11 people at a displacement site in "
        "Djugu territory on Tuesday, local sources said."
    )
    assert first(text, "2024-05-22").actor1.startswith("CODECO")


def test_a_blamed_group_that_denies_it_is_not_named_the_attacker() -> None:
    text = (
        "Gunmen stopped two buses near Fiche on Tuesday and took away dozens of students. "
        "The regional government blamed the OLA, which denied involvement."
    )
    assert first(text, "2024-05-22").actor1 == "Unidentified Armed Group (Ethiopia)"


def test_a_groups_record_and_its_decades_are_no_events_of_the_story() -> None:
    text = (
        "Three people, including a woman and her son, were killed by suspected ADF rebels "
        "in a village in Kasese District on Monday night, police said.\n"
        "The ADF, which originated in Uganda in the 1990s, pledged allegiance to the "
        "Islamic State group in 2019.\n"
        "It has been blamed for thousands of deaths in Congo.\n"
        "In October last year, suspected ADF rebels killed two tourists in Queen Elizabeth "
        "National Park."
    )
    found = events(text, "2024-05-22")
    assert [(e.event_date, e.fatalities) for e in found] == [("2024-05-20", 3)]


def test_one_of_the_dead_told_on_their_own_is_no_lower_figure() -> None:
    text = (
        "Two people were killed when Russian drones struck a residential street in Sumy "
        "late on Sunday, the regional administration said.\n"
        "The drones hit a private house and an apartment block.\n"
        "A 70-year-old woman was killed in the house."
    )
    assert first(text, "2024-05-21").fatalities == 2


def test_a_woman_and_her_son_are_two() -> None:
    text = "A woman and her son were killed when a shell hit their house in Kherson on Sunday."
    assert first(text, "2024-05-21").fatalities == 2


def test_the_headlines_figure_is_the_events() -> None:
    # the headline counts what the body tells only in pieces, or as sources differ
    text = (
        "Mob lynches two suspected cattle thieves in Mbarara\n"
        "MBARARA, Uganda - Two men suspected of stealing cattle were on Sunday beaten and "
        "set ablaze by a mob in a village outside Mbarara, police said.\n"
        "Residents said the men had been caught with three cows.\n"
        "Police said they had opened an investigation."
    )
    assert first(text, "2024-05-21").fatalities == 2
    text = (
        "Army air strike on market kills at least a dozen, say lawyers\n"
        "An air strike by the army on a market in Nyala on Monday killed 13 people, a "
        "lawyers' group said, while residents put the toll at 20."
    )
    assert first(text, "2024-05-21").fatalities == 12


def test_the_body_adds_the_dead_of_the_side_the_headline_does_not_count() -> None:
    text = (
        "Militants storm army base in Borno, five soldiers killed\n"
        "MAIDUGURI, Nigeria - Insurgents attacked a military base in Monguno late on "
        "Monday, killing five soldiers, security sources said.\n"
        'The army said its troops had "neutralised three of the terrorists".'
    )
    assert first(text, "2024-05-21").fatalities == 8
