"""Whole articles as another dataset codes them: every death of the event, one place.

Our own articles, written after a probe of 120 articles coded as UCDP codes them (all the
dead of an event, on every side, from the most credible report) showed the event's dead
told in pieces across paragraphs, a statement's count read as an event of its own, and a
village's variant spelling taken for a city abroad.
"""

from __future__ import annotations

import pytest

from sitreps.extract.counts import deaths_in, total_deaths
from story_events import reader

events, first = reader("2024-05-22")


def test_the_armys_count_in_a_later_statement_is_the_fights_dead() -> None:
    # "recovered weapons" in the statement is no event of its own: the fight's dead are
    # the soldiers and the attackers the statement counts
    text = (
        "MAIDUGURI, Nigeria - Insurgents stormed a military base in the town of Monguno late "
        "on Sunday, setting off a gunfight that lasted several hours and left soldiers and "
        "attackers dead, residents said.\n"
        "Troops backed by a jet pushed the fighters out of the town before dawn.\n"
        'In a statement issued Monday, an army spokesman said troops "neutralised eight '
        'terrorists" and recovered weapons, and that three soldiers were killed.'
    )
    found = events(text, "2024-05-21")
    assert [(e.location, e.event_date, e.fatalities) for e in found] == [
        ("Monguno", "2024-05-19", 11)
    ]


def test_hours_are_no_one_killed() -> None:
    # "several hours" once counted three dead
    count = deaths_in(
        "The gunfight lasted several hours and left soldiers and attackers dead, police said."
    )
    assert count is not None and count.vague


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        # South Asian papers: "cops", "jawans", "martyred"
        ("Three cops martyred, two militants killed in raid on Bannu police post", 5),
        ("Two jawans were martyred in the exchange of fire.", 2),
        # a headline drops its articles: a bare noun is one person
        ("Soldier, 4 Abu Sayyaf members killed in Sulu clash", 5),
        ("Police officer killed, gunman shot dead in Puncak ambush", 2),
        ("Mortar shells hit border village: civilian and serviceman killed", 2),
        ("Eight terrorists neutralised as troops repel attack on Diffa post", 8),
        # translated papers: the figure twice, and their euphemisms
        ("The ministry deplores three (3) soldiers fallen on the field of honour.", 3),
    ],
)
def test_deaths_as_other_papers_write_them(text: str, deaths: int) -> None:
    assert first(text).fatalities == deaths


def test_the_wounded_who_die_later_bring_the_toll_to_its_figure() -> None:
    text = (
        "KOLOFATA, Cameroon - A suicide bomber blew herself up near a mosque in Kolofata on "
        "Friday evening, killing six worshippers, officials said.\n"
        "Twelve wounded people were taken to the hospital in Mora.\n"
        "A nurse said on Sunday that two of them gave up the ghost during the night, "
        "bringing to eight the number of civilian victims."
    )
    assert first(text, "2024-05-20").fatalities == 8


def test_each_one_told_with_an_a_is_another_person() -> None:
    a = deaths_in("A 70-year-old resident of the village, Rashid Aliyev, was killed.")
    b = deaths_in("A serviceman of the army was also killed while repelling the attack.")
    assert a is not None and b is not None
    assert total_deaths([a, b]) == 2
    # the same person named again is no second death
    c = deaths_in("The resident was killed in his garden, officials said.")
    assert c is not None
    assert total_deaths([a, c]) == 1


def test_a_higher_toll_from_another_source_is_no_sum_of_sides() -> None:
    # the headline's civilians stand; residents' higher figure is a higher report, not the
    # headline's dead plus another side's
    text = (
        "Niger: 18 villagers killed in attack near Filingue\n"
        "NIAMEY - Gunmen killed 18 villagers in an attack on a market near Filingue on "
        "Friday, the interior ministry said on Sunday.\n"
        "Residents said around 25 people had been killed."
    )
    assert first(text, "2024-05-20").fatalities == 18


def test_a_variant_spelling_of_a_city_abroad_is_not_the_place() -> None:
    # "Jomba" is a variant of Zomba (Malawi) in GeoNames; the Congolese story's places win
    text = (
        "Heavy fighting opposed on Monday the army to M23 rebels on the hills around "
        "Bunagana, in the groupement of Jomba, territory of Rutshuru (North-Kivu), near the "
        "border with Uganda."
    )
    ev = first(text, "2022-05-25")
    assert ev.country == "Democratic Republic of Congo"
    assert ev.admin1 == "Nord-Kivu"
