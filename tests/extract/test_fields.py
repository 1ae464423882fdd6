"""Field extraction on sentences we wrote: dates, deaths and sizes, actors (issue 13)."""

from __future__ import annotations

from datetime import date

import pytest

from sitreps import extract
from sitreps.config import load_settings
from sitreps.extract.actors import without_period
from sitreps.extract.counts import deaths_in, size_in
from sitreps.extract.dates import find_dates
from sitreps.model import Event

#: Wednesday 7 April 2021.
WEDNESDAY = date(2021, 4, 7)


def first_date(text: str, published: date | None = WEDNESDAY) -> tuple[str, int] | None:
    found = find_dates(text, published)
    return (found[0].day.isoformat(), found[0].precision) if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Rebels burned the market on 3 May 2020.", ("2020-05-03", 1)),
        ("Rebels burned the market on May 3 2020.", ("2020-05-03", 1)),
        ("Rebels burned the market on May 3, 2020.", ("2020-05-03", 1)),
        ("Rebels burned the market on 03-May-2019.", ("2019-05-03", 1)),
        ("Rebels burned the market on 2019-05-03.", ("2019-05-03", 1)),
        ("Rebels burned the market on the 3rd, residents said.", ("2021-04-03", 1)),
        ("Rebels burned the market on Wednesday.", ("2021-04-07", 1)),
        ("Rebels burned the market late on Monday night.", ("2021-04-05", 1)),
        ("Rebels burned the market yesterday.", ("2021-04-06", 1)),
        ("Rebels burned the market three days ago.", ("2021-04-04", 1)),
        ("Rebels burned the market last week.", ("2021-04-01", 2)),
        ("Rebels burned the market earlier this week.", ("2021-04-05", 2)),
        # the weekend before a Wednesday: Saturday 3 - Sunday 4 April, never the Wednesday
        ("Rebels burned the market over the weekend.", ("2021-04-04", 2)),
        ("Rebels burned the market overnight.", ("2021-04-07", 2)),
        ("Over the past 24 hours, rebels burned the market.", ("2021-04-06", 2)),
        # mid-month would be 15 April, after publication: the middle of what has passed
        ("Rebels burned the market earlier this month.", ("2021-04-04", 3)),
        ("Rebels burned the market late last month.", ("2021-03-26", 3)),
        ("Rebels burned the market last month.", ("2021-03-15", 3)),
        ("Rebels burned the market in mid-March.", ("2021-03-15", 3)),
    ],
)
def test_every_date_form_resolves_against_publication(text: str, expected: tuple[str, int]) -> None:
    assert first_date(text) == expected


def test_no_date_is_ever_after_publication() -> None:
    for text in (
        "Rebels burned the market earlier this month.",
        "Rebels burned the market this week.",
        "Rebels burned the market on the 30th.",
        "Rebels burned the market on 9 April.",
    ):
        got = first_date(text)
        assert got is None or got[0] <= "2021-04-07", text
    assert first_date("Elections are set for 20 June 2021.") is None


def test_a_sentence_reported_on_a_day_counts_back_from_it() -> None:
    # ACLED-style notes: the report's date is the frame, the event the day before it.
    text = "As reported on 3 May 2021, over the past 24 hours, bandits stole cattle in Sokoto."
    assert first_date(text, date(2021, 5, 20)) == ("2021-05-02", 2)
    assert first_date("On 12 May 2021, bandits stole cattle in Sokoto.", None) == (
        "2021-05-12",
        1,
    )
    around = "Around 9 June 2020 (between 7 and 11 June), bandits stole cattle in Sokoto."
    assert first_date(around, date(2020, 6, 20)) == ("2020-06-09", 2)


@pytest.mark.parametrize(
    "text",
    [
        "Police said on Monday that gunmen killed four farmers near Sokoto on Saturday.",
        "On Monday, police said gunmen had killed four farmers near Sokoto on Saturday.",
        "Gunmen killed four farmers near Sokoto on Saturday, police said on Monday.",
    ],
)
def test_the_day_of_the_report_is_not_the_events(text: str) -> None:
    (ev,) = _events(text, "2021-04-07")
    assert ev.event_date == "2021-04-03"
    assert ev.actor1 == "Unidentified Armed Group (Nigeria)"  # the police only report it


def test_relative_words_count_from_the_day_of_the_report() -> None:
    (ev,) = _events(
        "The army said on Sunday it had shot down 12 drones launched at Kharkiv overnight.",
        "2024-07-30",
    )
    assert ev.event_date == "2024-07-28"
    assert first_date("Rebels burned a school overnight to Monday, police said.") == (
        "2021-04-05",
        1,
    )


def test_unit_numbers_and_the_month_may_are_no_dates() -> None:
    assert first_date("Soldiers of the 4th Battalion repelled the raid.") is None
    assert first_date("The rebels may attack again, a commander warned.") is None


def test_notes_dated_in_may_are_events_with_their_own_date() -> None:
    # By the rules: "May" the month is no modal "may" (the classifier's own reading of
    # dated notes is the typing issue's).
    rules = load_settings(env={}, overrides={"typing": "rules"})
    (ev,) = [
        e
        for e in extract(
            "On 4 May 2021, bandits killed three herders near Gusau in Zamfara state.",
            published="2021-05-20",
            settings=rules,
        )
        if e.event_type
    ]
    assert (ev.event_date, ev.time_precision) == ("2021-05-04", 1)
    assert ev.fatalities == 3


@pytest.mark.parametrize(
    ("text", "deaths"),
    [
        ("On 3 March 2021, 4 police officers were killed in an ambush by gunmen in Kaduna.", 4),
        ("A 45-year-old trader was killed by robbers in Kano.", 1),
        ("Soldiers of the 4th Battalion killed 6 militants near Dikwa.", 6),
        ("Gunmen shot dead 3 villagers at 4 pm on Tuesday, wounding 12 others.", 3),
        ("At least 5, possibly 12 people were killed in the raid.", 5),
        ("Between 10 and 15 people were killed in the raid.", 10),
        ("Residents said 10 to 15 people were killed in the raid.", 10),
        ("Tens of civilians were killed in the shelling.", 10),
        ("Dozens of people were killed in the shelling.", 12),
        ("Hundreds of people died in the floods of fighting.", 100),
        ("Two soldiers and 11 militants were killed in the clash.", 13),
        ("The raid killed 7 people, bringing the death toll since January to 300.", 7),
        # headline forms
        ("Police: 17 killed as cattle raiders storm Ndele market", 17),
        ("Army says twenty-three bandits killed after convoy ambush", 23),
        ("Trader shot dead in Kano market attack", 1),
        ("Kidnappers kill at least 6 hostages near Kaduna highway", 6),
        ("Rescuers count 8 martyrs after dawn shelling of Ariha", 8),
        ("Five gunmen killed three villagers in Zamfara.", 3),
        # lists of the dead by group: each group is added, a part ("including") is not
        ("Militants overran the post, killing 5 soldiers and 7 civilians.", 12),
        ("The shelling killed 4 soldiers and 9 civilians, and wounded 20 others.", 13),
        ("3 soldiers, 4 militants and 2 civilians died in the fighting near Beni.", 9),
        ("Bandits killed two farmers and a herder near Gusau.", 3),
        ("The raid left 3 police officers and 2 bystanders dead.", 5),
        ("Gunmen killed 12 people, including 5 children and 3 women, in Kajuru.", 12),
        ("Troops killed 15 militants and arrested 8 suspects in Dikwa.", 15),
    ],
)
def test_deaths_are_the_events_lowest_figure(text: str, deaths: int) -> None:
    found = deaths_in(text)
    assert found is not None and found.value == deaths


@pytest.mark.parametrize(
    "text",
    [
        "The number killed this year has risen to 40, the governor said.",
        "Eight soldiers were wounded in the blast.",
        "Fourteen people were injured when the roof collapsed.",
    ],
)
def test_tallies_and_injuries_are_no_deaths(text: str) -> None:
    assert deaths_in(text) is None


def test_killed_or_wounded_is_deaths_without_a_number() -> None:
    found = deaths_in("Nine guards killed or wounded as mortar rounds hit Bosaso port")
    assert found is not None and found.vague and found.value == 3


def test_the_year_of_a_note_is_never_its_death_toll() -> None:
    (ev,) = [
        e
        for e in extract(
            "On 3 March 2021, 4 police officers were killed in an ambush by gunmen in Kaduna.",
            published="2021-03-05",
        )
        if e.event_type
    ]
    assert ev.fatalities == 4


def test_crowd_sizes_skip_dates() -> None:
    size = size_in("On 9 June 2020, 2,000 teachers marched in Lagos.")
    assert size is not None and (size.value, size.text) == (2000, "2,000 teachers")
    vague = size_in("Thousands of students rallied in Dhaka.")
    assert vague is not None and vague.value == 1000


def _events(text: str, published: str) -> list[Event]:
    return [e for e in extract(text, published=published) if e.event_type]


def test_the_agent_of_an_ambush_is_actor1_and_the_victims_actor2() -> None:
    (ev,) = _events(
        "On 3 March 2021, 4 police officers were killed in an ambush by gunmen in Kaduna.",
        "2021-03-05",
    )
    assert ev.actor1 == "Unidentified Armed Group (Nigeria)"
    assert ev.actor2 == "Police Forces of Nigeria (2015-2023)"


def test_a_passive_agent_is_actor1() -> None:
    (ev,) = _events(
        "Three soldiers were killed by Taliban snipers near Lashkar Gah on Sunday.", "2019-05-08"
    )
    assert ev.actor1 == "Taliban" and ev.actor2 == "Military Forces of Afghanistan (2004-2021)"


def test_the_owner_of_the_arms_is_actor1() -> None:
    (ev,) = _events("Israeli warplanes struck targets in the Gaza Strip on Monday.", "2023-10-10")
    assert ev.actor1 == "Military Forces of Israel (2022-)"


def test_arrests_by_security_forces_are_the_states() -> None:
    (ev,) = _events(
        "Security forces arrested 14 members of the opposition party in Harare on Friday.",
        "2021-05-05",
    )
    assert ev.sub_event_type == "Arrests"
    # the state's forces, named with their government's period ("... (2017-)")
    assert ev.actor1 is not None and without_period(ev.actor1).endswith("Forces of Zimbabwe")
    assert ev.actor2 == "Civilians (Zimbabwe)"


def test_a_named_groups_country_names_the_troops_when_the_place_is_doubtful() -> None:
    (ev,) = _events(
        "Al-Shabaab fighters seized the town of Mahas in Hiran region after government "
        "troops withdrew.",
        "2021-05-05",
    )
    assert ev.actor1 == "Al Shabaab"
    assert ev.actor2 is not None and ev.actor2.startswith("Military Forces of Somalia")
    # ... but a place only in another country keeps that country's forces
    (kenya,) = _events(
        "Al-Shabaab fighters attacked a police post in Mandera on Monday, killing two officers.",
        "2021-05-05",
    )
    assert kenya.actor2 is not None and kenya.actor2.startswith("Police Forces of Kenya")


def test_who_the_crowd_or_the_victims_were_is_an_associated_actor() -> None:
    (ev,) = _events(
        "Hundreds of teachers marched through the streets of Nairobi on Tuesday to demand "
        "the payment of their salaries.",
        "2023-06-08",
    )
    assert ev.actor1 == "Protesters (Kenya)" and ev.assoc_actor_1 == "Teachers (Kenya)"
    (students,) = _events(
        "Students protested in Dhaka on Monday against the quota system.", "2024-07-10"
    )
    assert students.assoc_actor_1 == "Students (Bangladesh)"
    (abducted,) = _events(
        "Gunmen abducted 20 pupils from a school in Kaduna on Monday.", "2021-04-07"
    )
    assert (
        abducted.actor2 == "Civilians (Nigeria)" and abducted.assoc_actor_2 == "Students (Nigeria)"
    )
