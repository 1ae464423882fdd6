"""Event extraction on sentences and short stories we wrote: types, actors, dates, counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitreps import extract
from sitreps.config import load_settings
from sitreps.extract.counts import deaths_in, size_in, total_deaths
from sitreps.extract.dates import resolve_date
from sitreps.model import Event


def events(text: str, published: str = "2023-06-06") -> list[Event]:
    return extract(text, published=published)


def only(text: str, published: str = "2023-06-06") -> Event:
    found = events(text, published)
    assert len(found) == 1, [(e.sub_event_type, e.plover_event) for e in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "Soldiers clashed with al Shabaab fighters near Afgooye on Monday, the army said.",
            "Armed clash",
        ),
        (
            "Rebels shelled army positions during a battle with troops near Goma on Monday.",
            "Armed clash",
        ),
        (
            "Militants fired mortars at a market in Gao on Monday, the town's mayor said.",
            "Shelling/artillery/missile attack",
        ),
        (
            "A drone strike hit a vehicle outside Marib on Monday, killing three people.",
            "Air/drone strike",
        ),
        (
            "A roadside bomb struck a bus near Kismayo on Monday, killing six passengers.",
            "Remote explosive/landmine/IED",
        ),
        (
            "A suicide bomber blew himself up at a checkpoint in Mogadishu on Monday.",
            "Suicide bomb",
        ),
        (
            "Al Shabaab fighters arrested four teachers in a village near Baidoa on Monday.",
            "Abduction/forced disappearance",
        ),
        ("Police arrested the opposition leader at his home in Lahore on Monday.", "Arrests"),
        (
            "Gunmen kidnapped 12 farmers in Zamfara state on Monday, police said.",
            "Abduction/forced disappearance",
        ),
        (
            "Thousands of teachers marched through Nairobi on Monday to demand higher pay.",
            "Peaceful protest",
        ),
        (
            "Police fired tear gas to disperse protesters in Colombo on Monday.",
            "Protest with intervention",
        ),
        ("Rioters burned tyres and looted shops in Durban on Monday.", "Violent demonstration"),
        ("The army and the rebels signed a ceasefire agreement in Juba on Monday.", "Agreement"),
        (
            "Soldiers defused a bomb planted on a bridge in Mosul on Monday.",
            "Disrupted weapons use",
        ),
        (
            "Government troops recaptured the town of Palma from insurgents on Monday.",
            "Government regains territory",
        ),
    ],
)
def test_sentences_get_their_sub_event_type(text: str, sub_event_type: str) -> None:
    found = events(text)
    assert found and found[0].sub_event_type == sub_event_type, [
        (e.sub_event_type, e.plover_event) for e in found
    ]


def test_territory_handed_over_without_a_fight_is_a_non_violent_transfer() -> None:
    ev = only(
        "Officials said the Taliban took over the district of Bala Murghab on Monday after "
        "soldiers evacuated their bases.",
        published="2021-06-08",
    )
    assert ev.sub_event_type == "Non-violent transfer of territory"
    assert (ev.actor1, ev.inter1) == ("Taliban", 2)


@pytest.mark.parametrize(
    "text",
    [
        "After almost two decades of war, the insurgents have been gaining ground across the "
        "north.",
        "The minister said the country was entering a difficult stage of the conflict.",
        "Talks between the two sides have failed to make progress in recent months.",
        "The group said it would attack any convoy that enters the valley.",
    ],
)
def test_background_trends_and_statements_are_not_events(text: str) -> None:
    assert [e for e in events(text) if e.event_type] == []


def test_political_events_get_plover_and_no_acled_type() -> None:
    ev = only("Qatar on Monday hosted talks between Afghan government envoys and the Taliban.")
    assert ev.plover_event == "CONSULT" and ev.cameo_root == "04"
    assert ev.event_type is None and ev.sub_event_type is None


def test_actors_come_from_structure_and_period() -> None:
    ev = only(
        "Taliban fighters attacked a checkpoint in Kunduz on Monday and clashed with Afghan "
        "security forces for three hours.",
        published="2021-05-04",
    )
    assert ev.actor1 == "Taliban" and ev.inter1 == 2
    assert ev.actor2 == "Military Forces of Afghanistan (2004-2021)" and ev.inter2 == 1
    assert ev.interaction == 12
    passive = only(
        "Seven villagers were killed by unidentified gunmen in a village near Djibo on Monday."
    )
    assert passive.actor1 == "Unidentified Armed Group (Burkina Faso)"
    assert passive.actor2 == "Civilians (Burkina Faso)"
    assert passive.interaction == 37


def test_user_actor_file_adds_actors(tmp_path: Path) -> None:
    extra = tmp_path / "actors.csv"
    extra.write_text(
        "canonical,aliases,country,start,end,inter,kind\n"
        "Kafra Valley Defence Militia,Kafra Valley militia,NG,2020-01-01,,4,group\n"
    )
    settings = load_settings(env={}, overrides={"actor_files": [str(extra)]})
    (ev,) = extract(
        "The Kafra Valley militia attacked herders near Bauchi on Monday, killing four.",
        published="2023-06-06",
        settings=settings,
    )
    assert ev.actor1 == "Kafra Valley Defence Militia" and ev.inter1 == 4


@pytest.mark.parametrize(
    ("expression", "expected", "precision"),
    [
        ("on Wednesday", "2021-07-07", 1),
        ("late on Monday", "2021-07-05", 1),
        ("yesterday", "2021-07-06", 1),
        ("last week", "2021-07-01", 2),
        ("on July 5", "2021-07-05", 1),
        ("last month", "2021-06-15", 3),
    ],
)
def test_relative_dates_resolve_against_publication(
    expression: str, expected: str, precision: int
) -> None:
    from datetime import date

    found = resolve_date(expression, date(2021, 7, 7))
    assert found is not None
    assert (found[0].isoformat(), found[1]) == (expected, precision)


def test_fatalities_follow_acled_rules() -> None:
    lowest = deaths_in("The attack killed at least 12 people, though residents said 15 died.")
    assert lowest is not None and lowest.value == 12
    assert deaths_in("Five soldiers were wounded in the blast.") is None
    vague = deaths_in("Several people were killed in the raid.")
    assert vague is not None and vague.value == 3
    sides = [
        c
        for c in (
            deaths_in("killing at least 11 of the militants"),
            deaths_in("Two soldiers were killed"),
        )
        if c
    ]
    assert total_deaths(sides) == 13
    size = size_in("More than 200 prisoners broke out of the jail.")
    assert size is not None and size.text == "More than 200 prisoners"
    ev = only("Thousands of protesters rallied in Santiago on Monday.")
    assert ev.size == "Thousands of protesters" and ev.fatalities == 0


def test_claims_are_flagged() -> None:
    (ev,) = [
        e
        for e in events(
            "Al Shabaab said it killed 20 soldiers in an attack on a base near Baidoa on "
            "Monday. The claim could not be independently verified."
        )
        if e.event_type
    ]
    assert ev.claimed


def test_every_event_has_evidence_inside_the_text() -> None:
    text = "Gunmen killed five villagers in Djibo on Monday, a local official said."
    found = events(text)
    assert found, "the attack gives no event"
    for ev in found:
        assert ev.evidence
        for e in ev.evidence:
            assert text[e.start : e.end] == e.text
        assert ev.confidence is not None and 0 < ev.confidence <= 1
        assert ev.notes and "Djibo" in ev.notes


def test_event_ids_are_unique_within_a_story() -> None:
    text = (
        "Police arrested five men in Lyon on Saturday. "
        "The mayor of a nearby town praised the officers. "
        "A week of unrelated meetings followed in Paris. "
        "Police also arrested two women in Lyon on Saturday, the prefecture said."
    )
    found = events(text, published="2016-12-19")
    ids = [e.event_id for e in found]
    assert len(ids) >= 2, [(e.sub_event_type, e.notes) for e in found]  # two arrests at least
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("Kenya and Uganda held joint military exercises near Busia on Monday.", "COOPERATE"),
        ("The government declared a unilateral ceasefire on Monday.", "CONCEDE"),
        ("The rebels released 12 hostages near Goma on Monday.", "RETREAT"),
        ("Authorities imposed a curfew in Bamako on Monday.", "COERCE"),
        ("The president praised the mediators in Doha on Monday.", "SUPPORT"),
        ("The EU imposed sanctions on three generals on Monday.", "SANCTION"),
        ("The commander threatened to attack the town on Monday.", "THREATEN"),
    ],
)
def test_political_events_get_their_plover_type(text: str, plover: str) -> None:
    found = events(text)
    assert found and found[0].plover_event == plover, [(e.plover_event) for e in found]
    assert found[0].cameo_root


@pytest.mark.parametrize(
    "text",
    [
        "Ministers discussed possible air strikes on the rebels' positions on Monday.",
        "Did the army really shell the town?",
        "The use of chemical weapons is a war crime, the minister said.",
        "The attack was condemned by every party in parliament.",
    ],
)
def test_talk_about_violence_is_not_an_event(text: str) -> None:
    assert [e.sub_event_type for e in events(text) if e.event_type] == []


def test_a_definite_noun_goes_on_describing_the_event_before_it() -> None:
    (ev,) = [
        e
        for e in events(
            "Soldiers clashed with ISWAP fighters near Dikwa on Sunday, killing at least 11 "
            "militants. Two soldiers were killed in the fighting, the army said."
        )
        if e.event_type
    ]
    assert ev.fatalities == 13


def test_history_and_the_writers_own_doings_are_not_events() -> None:
    text = (
        "One of the men was killed in a drone strike near Raqqa in 2015. "
        "Last month I met a group of survivors in Amman."
    )
    assert events(text, published="2018-08-12") == []
    (ev,) = events("Gunmen killed two farmers near Kaduna on 2 August.", published="2018-08-12")
    assert ev.event_date == "2018-08-02"


def test_promises_and_threats_are_reported_in_the_present_and_future() -> None:
    (ev,) = events("The government says it will lift the curfew in Bamako next week.")
    assert ev.plover_event == "CONCEDE" and ev.event_type is None
    assert ev.event_date == "2023-06-06"  # the day it was said, not "next week"
    assert events("The army will attack the town, a commander said.") == []


def test_the_group_claiming_an_attack_is_actor1_and_the_target_actor2() -> None:
    found = events(
        "A landmine hit a Malian army truck near Douentza on Sunday, killing three soldiers, "
        "an army officer said. JNIM claimed responsibility for the blast in a statement."
    )
    ev = next(e for e in found if e.sub_event_type == "Remote explosive/landmine/IED")
    assert any(name in (ev.actor1 or "") for name in ("JNIM", "Jama'at Nusrat"))
    assert ev.actor2 is not None and ev.actor2.startswith("Military Forces of Mali")
    assert ev.interaction == 12


@pytest.mark.parametrize(
    ("word", "lemma"),
    [("said", "say"), ("Told", "tell"), ("reported", "report"), ("stated", "state"),
     ("denies", "deny"), ("announcing", "announce"), ("killed", "killed")],
)  # fmt: skip
def test_reporting_verbs_are_read_without_a_lemmatizer(word: str, lemma: str) -> None:
    from sitreps.extract.mention import verb_lemma

    assert verb_lemma(word) == lemma


def test_a_source_named_after_the_report_is_not_an_actor() -> None:
    ev = only("A mob beat a man to death in a village in Bihar on Sunday, Indian police said.")
    assert ev.sub_event_type == "Mob violence"
    assert ev.actor1 == "Rioters (India)"
    assert ev.actor2 == "Civilians (India)"  # the victim, not the police who reported it


def test_the_type_implies_protesters_and_civilians() -> None:
    protest = only("Hundreds marched peacefully through Colombo on Sunday to demand fuel.")
    assert protest.actor1 == "Protesters (Sri Lanka)"
    arrest = only("Police in Bamako arrested a senior opposition figure on Tuesday.")
    assert arrest.actor2 == "Civilians (Mali)"
    abduction = only("Four boys were kidnapped from a village near Tillaberi on Friday.")
    assert abduction.actor2 == "Civilians (Niger)"
    evidence = [e for e in abduction.evidence if e.field == "actor2"]
    assert evidence and evidence[0].text == "kidnapped"  # the word that implies the victims


def test_a_states_arms_belong_to_the_country_that_owns_them() -> None:
    ev = only("Turkish warplanes struck positions near Qandil in northern Iraq on Sunday.")
    assert ev.actor1 is not None and ev.actor1.startswith("Military Forces of Turkey")
    unowned = only("Warplanes struck a market in Idlib on Sunday, killing nine people.")
    assert unowned.actor1 is None or "Syria" not in unowned.actor1  # whose is not said


def test_a_country_as_subject_is_its_forces_or_government() -> None:
    ev = only("Russia and Ukraine swapped 90 prisoners of war each on Sunday, officials said.")
    assert {ev.actor1, ev.actor2} & {"Government of Russia", "Government of Ukraine"}
    arrests = only("Kazakh authorities arrested a former security chief in Almaty on Friday.")
    assert arrests.actor1 is not None and arrests.actor1.startswith("Police Forces of Kazakhstan")


def test_field_confidences_are_calibrated_maps_of_how_values_were_found() -> None:
    from sitreps.extract.calibrate import FIELDS, load_field_calibration

    maps = load_field_calibration()
    assert set(FIELDS) <= set(maps)
    town = only("Al-Shabaab fighters attacked a police station in Mogadishu on Monday.")
    country = only("Al-Shabaab fighters attacked a police station in Somalia on Monday.")
    # a town named in the sentence is right more often than a country-only place
    assert town.field_confidence["location"] > country.field_confidence["location"]
    assert all(0.0 <= v <= 1.0 for v in town.field_confidence.values())


def test_a_headlines_fields_are_less_sure_than_a_reports() -> None:
    # On real headlines (UCDP GED titles) the death figure is the coded event's about one
    # time in six: a day's toll, a week's, or a later report's. A sentence of a report
    # that gives the same figure is right far more often.
    headline = only("Gunmen kill 12 villagers in Zamfara raid")
    sentence = only("Gunmen killed 12 villagers in a raid in Zamfara on Sunday.")
    assert headline.fatalities == sentence.fatalities == 12
    assert headline.field_confidence["fatalities"] < 0.5 < sentence.field_confidence["fatalities"]


def test_government_troops_are_forces_and_a_government_fights_no_battle() -> None:
    ev = only(
        "Two districts of Faryab fell to the Taliban on Monday after government troops "
        "pulled out of their bases.",
        published="2021-06-22",
    )
    assert ev.sub_event_type == "Non-violent transfer of territory"
    assert ev.actor1 == "Taliban"
    assert ev.actor2 == "Military Forces of Afghanistan (2004-2021)"


@pytest.mark.parametrize(
    ("text", "sub_event_type"),
    [
        (
            "The Arakan Army took the town of Paletwa in Chin state on Monday.",
            "Non-state actor overtakes territory",
        ),
        (
            "Militants raped a girl during a raid near Gwoza on Monday, a vigilante leader said.",
            "Sexual violence",
        ),
    ],
)
def test_named_groups_and_sources_do_not_mislead_the_type(text: str, sub_event_type: str) -> None:
    assert only(text).sub_event_type == sub_event_type


@pytest.mark.parametrize(
    "text",
    [
        "Mai-Mai militiamen attacked a FARDC position near Uvira on Sunday.",
        "Fighters loyal to the TPLF attacked an ENDF base outside Mekele on Sunday.",
    ],
)
def test_a_state_force_named_by_its_own_name_is_a_side_of_a_clash(text: str) -> None:
    # "FARDC", "ENDF": the state's forces by their own names, not "troops" or "army".
    (ev,) = [e for e in events(text, published="2021-05-04") if e.event_type]
    assert ev.sub_event_type == "Armed clash"
    assert ev.actor2 is not None and ev.actor2.startswith("Military Forces of")
