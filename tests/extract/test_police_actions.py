"""Police actions in lower-cased local news: arrests found, killings by police found.

Our own sentences, written in the style of city pages that reach us lower-cased (short
paragraphs, Indian and local English: "nabbed", "rounded up", "police firing"). Each is
read as a one-paragraph story with a place-less dateline, as a scraper hands it over.
"""

from __future__ import annotations

import pytest

from sitreps.pipeline import extract

PUBLISHED = "2002-03-05"

ARRESTS = [
    "the police have arrested 24 persons so far in connection with the violence in vadodara.",
    "over 50 people were rounded up by the police from the riot-hit areas of ahmedabad.",
    "three persons were detained in godhra on monday for violating curfew orders.",
    "the accused were nabbed by the crime branch in surat late last night.",
    "police picked up 12 youths from the walled city after stone-pelting on tuesday.",
    "two local leaders were taken into custody in anand for instigating the mob.",
    "cops arrested a man in rajkot for spreading rumours that led to clashes.",
    "the city police detained 40 men in bharuch for looting a godown during the bandh.",
    "a vhp worker was arrested in mehsana on charges of rioting and arson.",
    "police in palanpur arrested 17 people after a shop was set ablaze on sunday.",
]

NOT_ARRESTS = [
    "the police commissioner said the situation in ahmedabad was under control.",
    "the court granted bail to 11 accused in the naroda case on monday.",
    "curfew was relaxed for four hours in parts of vadodara on tuesday.",
    "police patrolled the streets of godhra through the night.",
    "the state government ordered an inquiry into the riots in gujarat.",
    "shops and markets remained shut in surat for the third day.",
]

KILLINGS_BY_POLICE = [
    "a youth was killed when police opened fire on a violent mob in shahpur, ahmedabad.",
    "two persons died in police firing at a village near godhra on sunday.",
    "police shot dead three rioters who were setting fire to shops in vadodara.",
    "one man was killed after the police fired on a crowd that stormed a police post in anand.",
    "two alleged rioters were shot dead by the police in bapunagar area of ahmedabad.",
]


def _events(text: str):
    return extract(text, published=PUBLISHED)


def _arrested(text: str) -> bool:
    return any(e.sub_event_type == "Arrests" for e in _events(text))


def test_arrests_are_found_in_lower_cased_news() -> None:
    found = [s for s in ARRESTS if _arrested(s)]
    false = [s for s in NOT_ARRESTS if _arrested(s)]
    recall = len(found) / len(ARRESTS)
    precision = len(found) / max(len(found) + len(false), 1)
    missed = [s for s in ARRESTS if s not in found]
    assert recall >= 0.8, missed
    assert precision >= 0.8, false


@pytest.mark.parametrize("text", KILLINGS_BY_POLICE)
def test_killings_by_police_are_found(text: str) -> None:
    events = _events(text)
    killing = next((e for e in events if e.fatalities), None)
    assert killing is not None, [e.sub_event_type for e in events]
    sides = [a for a in (killing.actor1, killing.actor2) if a]
    assert any(a.startswith("Police Forces of India") for a in sides), sides
    assert killing.country == "India"


def test_arrests_name_the_police_and_the_place() -> None:
    (ev,) = [e for e in _events(ARRESTS[2]) if e.sub_event_type == "Arrests"]
    assert ev.actor1 is not None and ev.actor1.startswith("Police Forces of India")
    assert ev.location is not None and ev.location.startswith("Godhra")
    assert ev.event_date == "2002-03-04"
