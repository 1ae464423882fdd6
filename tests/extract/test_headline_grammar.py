"""A headline given alone: its present tense, its dropped "were", its short country names.

Our own headlines, in the shapes `benchmarks/fields_dev.py` found missed in the UCDP GED
titles of ../shared/train (issue 12's failure class 2, issue 13's owners of arms).
"""

from __future__ import annotations

import pytest

from sitreps import extract
from sitreps.clean import MIN_TEXT_WORDS
from sitreps.errors import RejectError
from sitreps.extract.counts import deaths_in
from story_events import reader

PUBLISHED = "2023-06-14"
headline_events, _ = reader(PUBLISHED)


@pytest.mark.parametrize(
    ("headline", "sub"),
    [
        ("Gunmen kill 9 traders on highway near Katsina", "Attack"),
        ("Roadside blast kills 3 soldiers in North Waziristan", "Remote explosive/landmine/IED"),
        ("Insurgents seize district headquarters in Faryab", "Non-state actor overtakes territory"),
        ("Army retakes Kidal after rebels flee", "Government regains territory"),
        ("Bandits kidnap 15 farmers in Zamfara", "Abduction/forced disappearance"),
        ("Militia torches homes in Djugu territory", "Looting/property destruction"),
        ("Jets bomb market town in northern Idlib", "Air/drone strike"),
        ("Separatists shell suburbs of Donetsk", "Shelling/artillery/missile attack"),
        ("Gunmen open fire on bus passengers in Balochistan", "Attack"),
    ],
)
def test_a_headline_in_the_present_reports_its_event(headline: str, sub: str) -> None:
    found = headline_events(headline)
    assert found, f"no event in {headline!r}"
    assert found[0].sub_event_type == sub


@pytest.mark.parametrize(
    "sentence",
    [
        "The commander vowed to kill every soldier who entered Borno, residents said.",
        "Officials said the gangs kill travellers on that road every month.",
        "Shell said it would sell its onshore oil fields in Nigeria.",
        "Police seize cocaine haul in Guayaquil port",
    ],
)
def test_the_present_tense_outside_a_headline_is_no_event(sentence: str) -> None:
    assert [e.sub_event_type for e in headline_events(sentence)] == []


def test_a_headline_passive_names_the_dead_not_the_killers() -> None:
    ev = headline_events("Six ADF rebels killed near Beni")[0]
    assert ev.actor2 is not None and "ADF" in ev.actor2
    assert ev.actor1 is None or "ADF" not in ev.actor1
    assert ev.fatalities == 6
    ev = headline_events("Two al-Shabaab commanders killed in US strike in Jubaland")[0]
    assert ev.sub_event_type == "Air/drone strike"
    assert (ev.actor1 or "").startswith("Military Forces of the United States")
    assert "Shabaab" in (ev.actor2 or "")
    assert ev.country == "Somalia"


def test_an_air_force_named_by_its_state_owns_the_strike() -> None:
    ev = headline_events("Israeli strike kills 4 in Gaza")[0]
    assert (ev.actor1 or "").startswith("Military Forces of Israel")
    assert ev.country == "Palestine"  # the Gaza Strip, not Mozambique's Gaza province
    assert ev.fatalities == 4
    strike = headline_events("French rail workers strike over pensions in Lyon")
    assert all(not (e.actor1 or "").startswith("Military Forces") for e in strike)


def test_a_singular_dead_is_one() -> None:
    ev = headline_events("Rebels kill police officer in C.Africa's south")[0]
    assert ev.country == "Central African Republic"
    assert ev.fatalities == 1
    ev = headline_events("Gunmen stole a car in Kaduna on Monday and killed the driver.")[0]
    assert ev.fatalities == 1
    ev = headline_events("Gunmen shot him dead outside a mosque in Kano on Tuesday.")[0]
    assert ev.fatalities == 1
    # a plural with no number stays the codebook's unnumbered figure
    assert deaths_in("Gunmen killed villagers in Kano on Monday.").value == 3


@pytest.mark.parametrize(
    ("headline", "country"),
    [
        ("More clashes in CAR", "Central African Republic"),
        ("Five killed in C. Africa fighting", "Central African Republic"),
        ("Regime troops killed in clashes with IS in the desert of Palmyra", "Syria"),
        ("Roundup: Egypt police kill 8 militants in Sinai raid", "Egypt"),
    ],
)
def test_a_short_headline_is_read_and_placed(headline: str, country: str) -> None:
    found = headline_events(headline)
    assert found, f"no event in {headline!r}"
    assert found[0].country == country


def test_a_bare_headline_is_a_story_but_two_words_are_not() -> None:
    assert headline_events("Five rebels killed")  # three words, one line
    for junk in ("Hello there.", "12 34 56 78", "0\f0\f\x91"):
        with pytest.raises(RejectError, match="no article text"):
            extract(junk, published=PUBLISHED)
    assert MIN_TEXT_WORDS == 3


@pytest.mark.parametrize(
    ("headline", "dead"),
    [
        ("20+ dead in Bunia as militia storms camp", 20),
        ("Fighting in Ituri leaves 14 dead", 14),
        ("SOLDIERS SHOT 8 DEAD IN MOPTI VILLAGE - RESIDENTS", 8),
    ],
)
def test_a_headline_of_the_dead_is_a_killing(headline: str, dead: int) -> None:
    found = headline_events(headline)
    assert found, f"no event in {headline!r}"
    assert found[0].fatalities == dead


def test_police_who_shot_protesters_dead_used_force() -> None:
    ev = headline_events("Police shot three protesters dead in Kisumu on Tuesday.")[0]
    assert ev.sub_event_type == "Excessive force against protesters"
    assert ev.fatalities == 3
