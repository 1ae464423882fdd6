"""Wire headlines read alone: the shapes the UCDP titles (real headlines) showed us missing.

Our own sentences: a desk label before the headline, the wires' short forms of a country,
a compass point that is a direction and not another country's province, a title-case
common noun that is no town, a story that names only a group (whose country it is), a
count of days that is no date, the dead listed with commas, a quoted figure, casualties
that are not deaths, an attack's owner before the attack, a side that repelled an attack,
a monitor's long title on a line of its own, losses inflicted or suffered, assassinations.
"""

from __future__ import annotations

import pytest

from sitreps.extract.counts import deaths_in
from story_events import reader

PUBLISHED = "2021-03-10"
events, first = reader(PUBLISHED)


def test_a_desk_label_is_no_part_of_the_headline() -> None:
    ev = first("UPDATE 2-Five soldiers killed, nine hurt, in ambush near Bambari, Central Africa")
    assert ev.fatalities == 5  # not the label's 2
    assert "Military Forces of the Central African Republic" in (ev.actor2 or "")


@pytest.mark.parametrize(
    "headline",
    [
        "Gunmen kill four traders after C.Africa market raid",
        "CAR Militia Raid Leaves Four Traders Dead",
    ],
)
def test_the_wires_short_forms_name_the_central_african_republic(headline: str) -> None:
    ev = first(headline)
    assert ev.country == "Central African Republic"


def test_a_compass_point_is_a_direction_in_the_country_named() -> None:
    ev = first("CAR Armed Group Attack On Farmers In Northeast Kills Four")
    assert ev.country == "Central African Republic"  # not North East, Botswana or elsewhere


def test_a_title_case_common_noun_is_no_town() -> None:
    ev = first("Central African Republic: Killings In Remote Villages")
    assert ev.country == "Central African Republic"
    assert ev.location != "The Villages"


@pytest.mark.parametrize(
    ("headline", "country"),
    [
        ("Two FACA soldiers killed as rebels ambush patrol", "Central African Republic"),
        ("Three soldiers dead in NPA ambush", "Philippines"),
    ],
)
def test_a_story_that_names_only_a_group_is_in_the_groups_country(
    headline: str, country: str
) -> None:
    ev = first(headline)
    assert ev.country == country
    assert ev.geo_precision == 3  # the country only: no town was named


def test_a_group_that_acts_in_many_countries_gives_none() -> None:
    ev = first("Islamic State fighters killed 5 shepherds")
    assert ev.country is None


def test_a_count_of_days_is_no_date() -> None:
    ev = first("On the 12th day of the ceasefire, shelling hit Daraa and killed two civilians")
    assert ev.event_date == PUBLISHED  # not the 12th of a month


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        ("Nine soldiers, 14 rebels killed in fighting in Kunar", 23),
        ("Rebels massacre 'at least 21' villagers near Bria", 21),
        ("Militants massacre “more than 40” in Ituri village", 40),
        ("7 Syrian and non-Syrian fighters loyal to the government killed in Hama", 7),
        ("Gunmen assassinate two village chiefs near Kaga-Bandoro", 2),
        ("Death toll from Sunday's Bambari clashes was nine, the UN said", 9),
        ("A man from the village of Al-Bab was executed by gunmen", 1),
        ("Shelling on Ariha resulted in the death of about 15 people", 15),
    ],
)
def test_deaths_in_headline_shapes(text: str, deaths: int) -> None:
    found = deaths_in(text)
    assert found is not None and found.value == deaths


def test_killed_and_injured_together_are_no_count_of_the_dead() -> None:
    ev = first("About 20 people were killed and injured in shelling on Ariha in Idlib")
    assert ev.fatalities == 3  # deaths with no number of their own: a limited attack's 3


def test_the_owner_of_an_attack_before_it_attacked() -> None:
    ev = first("Four soldiers dead in NPA ambush in Samar")
    assert ev.actor1 == "NPA: New People's Army"
    assert (ev.actor2 or "").startswith("Military Forces of the Philippines")


def test_a_side_that_repels_an_attack_in_a_headline_was_attacked() -> None:
    ev = first("Afghan police repel Taliban attack, killing 9", "2020-06-01")
    assert ev.actor1 == "Taliban"
    assert (ev.actor2 or "").startswith("Police Forces of Afghanistan")


def test_the_dead_named_in_a_headline_after_its_place_were_hit() -> None:
    ev = first("Mali: Two UN peacekeepers killed in IED blast near Tessalit")
    assert (ev.actor2 or "").startswith("MINUSMA")
    assert not (ev.actor1 or "").startswith("MINUSMA")


def test_a_police_crackdown_that_kills_is_excessive_force() -> None:
    ev = first("Police crackdown on protesters in Kano leaves three dead")
    assert ev.sub_event_type == "Excessive force against protesters"
    assert ev.actor1 == "Protesters (Nigeria)"  # the demonstrators first, as in every protest
    assert (ev.actor2 or "").startswith("Police Forces of Nigeria")


def test_an_attack_on_a_town_spacy_calls_an_organisation() -> None:
    ev = first("Troops foil ISWAP raid on Damasak, kill 12 insurgents", "2020-06-01")
    assert ev.location == "Damasak"
    assert ev.admin1 == "Borno"
    assert ev.actor1 == "Islamic State (West Africa) - Lake Chad Faction"  # the raid's owner raided


def test_a_monitors_long_title_on_its_own_line_reports_in_the_present() -> None:
    title = (
        "Two days of rocket fire by Jaysh al-Islam on the outskirts of Douma in rural "
        "Damascus result in the death of about 30 members of the regime forces"
    )
    assert len(title.split()) > 25  # longer than a wire headline
    ev = first(title)
    assert ev.sub_event_type == "Shelling/artillery/missile attack"  # rockets fired
    assert ev.actor1 == "Jaysh al-Islam"
    assert ev.fatalities == 30


def test_a_long_sentence_inside_a_paragraph_is_no_headline() -> None:
    tail = (
        "Two days of rocket fire by Jaysh al-Islam on the outskirts of Douma in rural "
        "Damascus result in the death of about 30 members of the regime forces"
    )
    # the same words after a sentence of their paragraph: a clipped body sentence, whose
    # present tense reports nothing
    got = events("Officials met in Damascus on Monday. " + tail)
    assert all(e.sub_event_type != "Shelling/artillery/missile attack" for e in got)


@pytest.mark.parametrize(
    "headline",
    [
        "Army says heavy casualties inflicted on rebels in Lofa",
        "SYRIA: Kurdish fighters suffer dozens of deaths",
    ],
)
def test_losses_inflicted_or_suffered_are_a_fight(headline: str) -> None:
    ev = first(headline, "2020-06-01")
    assert ev.sub_event_type == "Armed clash"


DRC = "Democratic Republic of Congo"


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Militiamen killed six villagers in eastern Congo on Tuesday.", DRC),
        ("Militiamen killed six villagers in Congo on Tuesday.", DRC),
        ("Militiamen killed six villagers in Congo Republic on Tuesday.", "Republic of Congo"),
        ("Militiamen killed six in the Republic of Congo on Tuesday.", "Republic of Congo"),
        ("Gunmen kill four in C.African capital", "Central African Republic"),
        ("Central Africa Republic rebels kill four herders", "Central African Republic"),
    ],
)
def test_the_wires_congo_is_kinshasas_and_the_central_african_republic_short(
    text: str, country: str
) -> None:
    assert first(text).country == country


@pytest.mark.parametrize(
    "headline",
    ["Man shot dead by soldiers at checkpoint", "Man killed in shelling along the border"],
)
def test_a_headline_opening_with_a_person_is_no_town(headline: str) -> None:
    ev = first(headline)
    assert ev.country != "Ivory Coast"  # not Man, a town there
    assert ev.location is None


def test_a_town_that_falls_to_rebels_is_taken() -> None:
    ev = first("Ansongo falls to jihadists", "2020-06-01")
    assert ev.sub_event_type == "Non-state actor overtakes territory"
    assert ev.country == "Mali"


def test_peacekeepers_with_no_country_are_no_one_mission() -> None:
    ev = first("Two civilians killed in crossfire between UN peacekeepers and gunmen", "2019-01-01")
    named = {ev.actor1 or "", ev.actor2 or ""}
    assert not any(n.startswith(("MINUSMA", "MONUSCO", "UNMISS", "MINUSCA")) for n in named)


def test_al_shabaab_with_no_place_is_somalias() -> None:
    ev = first("Al-Shabaab fighters kill four soldiers in ambush", "2019-01-01")
    assert ev.actor1 == "Al Shabaab"
    assert ev.country != "Mozambique"


def test_a_title_case_headlines_words_are_no_owner_of_the_other_side() -> None:
    ev = first("Chadian Troops Clash With Rebels in Central African Republic", "2016-01-01")
    assert (ev.actor1 or "").startswith("Military Forces of Chad")
    assert ev.actor2 == "Unidentified Armed Group (Central African Republic)"  # not Chad's


def test_one_peacekeeper_is_the_missions() -> None:
    ev = first("Peacekeeper killed in ambush near Bangassou", "2017-05-09")
    assert (ev.actor2 or "").startswith("MINUSCA")


def test_a_news_agencys_rewrite_label_is_no_part_of_the_headline() -> None:
    ev = first("2nd LD Writethru: Four soldiers killed in ambush near Kidal", "2019-04-02")
    assert ev.location == "Kidal"
    assert ev.fatalities == 4
    assert all("Writethru" not in e.text for e in ev.evidence)  # the evidence is the news'


def test_an_update_number_before_a_count_is_the_count() -> None:
    ev = first("UPDATE 7 Soldiers Killed In Ambush Near Gao", "2019-04-02")
    assert ev.fatalities == 7


@pytest.mark.parametrize(
    "text",
    [
        "Army suffers heavy losses in budget cuts, says defence minister",
        "A traffic accident near Kaduna resulted in the death of 14 passengers on Sunday.",
        "At least ten die in bus crash near Kano",
        "Customs officers seize rounds of cheese in Mombasa port",
        "Historians revisit the assassinated prime minister's legacy in Lagos",
    ],
)
def test_losses_accidents_and_cheese_are_no_events(text: str) -> None:
    assert events(text) == []


def test_a_police_rank_is_no_malian_group() -> None:
    text = "Gunmen killed two policemen in Ilorin, police spokesman CSP Ajayi Okasanmi said."
    ev = first(text, "2020-03-02")
    assert ev.country == "Nigeria"
    assert not (ev.actor1 or "").startswith("CSP")


def test_years_after_an_assassination_are_no_dead() -> None:
    found = deaths_in("The president was assassinated 20 years ago this week.")
    assert found is None or found.value != 20
