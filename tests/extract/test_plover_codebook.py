"""PLOVER acts as the codebook (../shared/plover_codebook.csv) codes them (issue 12).

Every sentence here is ours. Each exercises one codebook rule the label table's cues and
rules carry: a stated intention is the promise or threat (AGREE, CONCEDE, THREATEN), a
protest that makes a demand is the protest, a refusal or a call about a ceasefire is the
refusal or the call, and the modes of AID, SANCTION, RETREAT, SUPPORT, COERCE, MOBILIZE
and ACCUSE. The last tests are sentences that must not become acts.
"""

from __future__ import annotations

import pytest

from sitreps.config import load_settings
from sitreps.pipeline import extract
from sitreps.resources import resources_for

ENCODER = load_settings(env={}, overrides={"typing": "encoder"})
PUBLISHED = "2024-02-06"


def _types(text: str) -> list[str]:
    events = extract(text, published=PUBLISHED, settings=ENCODER)
    return [e.sub_event_type or f"PLOVER:{e.plover_event}" for e in events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an act stated as an intention is the promise: AID promised is AGREE
        ("The World Bank will provide 200 million dollars in emergency loans to Malawi, "
         "the bank said on Tuesday.", "PLOVER:AGREE"),
        ("Kenya said on Monday it is ready to contribute 1,000 troops to the mission in Haiti.",
         "PLOVER:AGREE"),
        # a restriction stated as an intention is a threat (COERCE promised is THREATEN)
        ("The interior minister said on Sunday he would extend the curfew in Goma by a week.",
         "PLOVER:THREATEN"),
        # an act on a condition the other side must meet is a coercive warning
        ("Chad said on Friday it will pull its soldiers out of the mission unless the junta "
         "sets a date for elections.", "PLOVER:THREATEN"),
        # a boycott stated as an intention: THREATEN's restrict mode
        ("The opposition said on Monday it would boycott the presidential election in March.",
         "PLOVER:THREATEN"),
        # a vow to fight is a threat of violence, not a pledge to cooperate
        ("The militia commander vowed on Saturday to fight on until the last town is taken.",
         "PLOVER:THREATEN"),
    ],
)
def test_a_stated_intention_is_the_promise_or_threat(text: str, expected: str) -> None:
    assert _types(text)[:1] == [expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a refusal or a call about a ceasefire is the refusal or the call, not an agreement
        ("The rebels on Sunday rejected the proposed ceasefire around the airport.",
         "PLOVER:REJECT"),
        ("The army refused on Wednesday to respond to the envoy's peace plan.",
         "PLOVER:REJECT"),
        ("The UN envoy on Monday called for an immediate truce in the eastern provinces.",
         "PLOVER:REQUEST"),
        # agreeing on a pact is the agreement (AGREE), not yet the material exchange
        ("The two governments agreed on a new border trade pact on Monday.", "PLOVER:AGREE"),
        ("Mali on Thursday accepted the mediators' plan for an 18-month transition.",
         "PLOVER:AGREE"),
        # SUPPORT: sign a treaty; start or improve diplomatic relations
        ("Egypt and Sudan signed a treaty on sharing river water on Sunday.", "PLOVER:SUPPORT"),
        ("Bahrain and Qatar restored diplomatic relations on Tuesday after a three-year rift.",
         "PLOVER:SUPPORT"),
        # AID: asylum
        ("Ecuador granted political asylum to three former ministers on Wednesday.",
         "PLOVER:AID"),
        # SANCTION: expel diplomats, withdraw aid
        ("Canada on Tuesday expelled two diplomats for activities incompatible with their "
         "status.", "PLOVER:SANCTION"),
        ("The agency reduced food rations in the northern camps on Monday, citing a funding "
         "gap.", "PLOVER:SANCTION"),
        # RETREAT: disarm, let monitors in (done, not promised)
        ("Hundreds of fighters laid down their weapons in Ituri on Saturday.", "PLOVER:RETREAT"),
        ("The government allowed UN monitors into the disputed district on Thursday.",
         "PLOVER:RETREAT"),
        # COERCE: censor
        ("The authorities ordered two opposition newspapers to suspend publication on Tuesday.",
         "PLOVER:COERCE"),
        # ACCUSE: any investigation
        ("Prosecutors opened an investigation on Friday into the mayor's handling of relief "
         "funds.", "PLOVER:ACCUSE"),
        # a protest that blocks a road, or a hunger strike, is a protest, demands and all
        ("Taxi drivers blocked the main bridge into Lagos on Monday, demanding lower fuel "
         "prices.", "Peaceful protest"),
        ("Dozens of teachers began a hunger strike on Monday outside the ministry in Rabat.",
         "Peaceful protest"),
    ],
)
def test_acts_are_typed_by_the_codebook_modes(text: str, expected: str) -> None:
    assert _types(text)[:1] == [expected]


def test_mobilisation_on_alert() -> None:
    text = "Border units were placed on full alert on Friday after the shooting of a guard."
    assert "PLOVER:MOBILIZE" in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        # a meeting named in the future is a schedule, not an offer to meet
        "The farmers' union will hold a meeting with the district officer next Tuesday.",
        # "agreed upon" as an adjective agrees nothing
        "Buses waited at agreed upon pick-up points in the old town.",
    ],
)
def test_schedules_and_adjectives_are_no_acts(text: str) -> None:
    assert _types(text) == []


def test_hacking_to_death_is_no_cyber_attack() -> None:
    assert "PLOVER:COERCE" not in _types("Unknown attackers hacked a trader to death near Mopti.")


def test_an_intention_reaches_only_its_own_clause() -> None:
    # the sanctions are the text's, not the promise: voting for it is no threat
    typer = resources_for(ENCODER).typer
    typed = typer("Austria said it will vote for a text which calls for wider sanctions.")
    assert typed is None or typed.label != "PLOVER:THREATEN"
    typed = typer("Austria said on Monday it will impose sanctions on the regime.")
    assert typed is not None and typed.label == "PLOVER:THREATEN" and typed.promised
