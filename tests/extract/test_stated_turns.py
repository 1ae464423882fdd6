"""A group's stated turn: what it announces it will do is the event (Change to group/activity).

Our own sentences, written after the probes' weakest sub-event type (Change to
group/activity: 26 of 47 notes found) showed the shapes: a statement before the turn
("announced that they would fight alongside the army"), a turn in the present ("announces
end of its ceasefire"), an announced noun ("announced his defection"), alliances, unilateral
ceasefires, conscription, reinforcements, a new leader named after the last was killed.
Ministries or parties that "will work together" are no armed group's turn.
"""

from __future__ import annotations

import pytest

from story_events import reader

events, first = reader("2024-05-20")

CHANGE = "Change to group/activity"


@pytest.mark.parametrize(
    "text",
    [
        # the statement before the turn; its modal verbs are what it says
        "On 18 May 2024, two Darfur rebel movements announced in El Fasher that they were "
        "ending their neutrality and would fight alongside the army against the RSF.",
        # a turn reported in the present, as news reports statements
        "ELN announces end of its unilateral ceasefire and orders its fronts to resume "
        "operations across Arauca",
        # an announced noun is the act, not a reference back to it
        "On 17 May 2024, an RSF field commander in Sennar announced his defection to the army "
        "with dozens of his fighters.",
        # a one-sided ceasefire, in the future its statement gives it
        "On 16 May 2024, the TTP said its fighters would observe a four-day ceasefire over "
        "Eid across Khyber Pakhtunkhwa.",
        "On 15 May 2024, the leader of the Gran Grif gang announced in a video that his men "
        "and the 400 Mawozo would now act together under the name Viv Ansanm.",
        "On 14 May 2024, the junta said it would enforce the national conscription law in "
        "Ouagadougou, calling up young men aged 18 to 30.",
        "Around 13 May 2024, some 400 soldiers arrived in Kidal by road and deployed around "
        "the airstrip.",
        "Al-Shabaab on 12 May named Abu Ubaidah al-Somali as its new emir, a week after a drone "
        "strike killed his predecessor near Jilib.",
    ],
)
def test_a_stated_turn_is_the_event(text: str) -> None:
    assert first(text).sub_event_type == CHANGE


def test_an_alliance_is_placed_and_dated() -> None:
    ev = first(
        "On 15 May 2024, the leader of the Gran Grif gang announced in a video that his men "
        "and the 400 Mawozo would now act together under the name Viv Ansanm."
    )
    assert ev.country == "Haiti"
    assert ev.event_date == "2024-05-15"


@pytest.mark.parametrize(
    "text",
    [
        "Kenya and Uganda will work together to curb cattle rustling along the border, the two "
        "interior ministers said on Friday.",
        "The opposition parties announced they would unite under a single candidate for the "
        "presidential election.",
        # states joining forces against a group: the group is their target, not the turn's
        "Kenya and Somalia said on Monday they will work together to fight al-Shabaab along "
        "their border.",
        "The company named Jane Okafor as its new chief executive on Monday.",
        "The ruling coalition split on Monday over the budget.",
        # a turn denied, a hedge, a span of time: no turn made
        "Hamas declared on Sunday it would not end the truce in Gaza.",
        "The rebels said they may try to form a new alliance called the Northern Front next "
        "year.",
        "Officials said the army had massed troops near Goma over the past few months.",
    ],
)
def test_working_together_without_arms_is_no_event(text: str) -> None:
    assert not [e for e in events(text) if e.sub_event_type == CHANGE]
