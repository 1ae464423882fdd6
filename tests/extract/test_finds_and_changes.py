"""Wordings the typing rules missed: finds of weapons, a group changing its activity."""

from __future__ import annotations

import pytest

from sitreps.pipeline import extract


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # the weapon named in a find is no attack with it
        (
            "Troops recovered a cache of AK-47 rifles and mortar rounds from a hideout in "
            "Borno state on Tuesday.",
            "Disrupted weapons use",
        ),
        (
            "The rebel movement announced on Monday that it was disbanding its armed wing and "
            "joining the transitional government in Addis Ababa.",
            "Change to group/activity",
        ),
    ],
)
def test_finds_and_changes_of_activity(text: str, label: str) -> None:
    assert [e.sub_event_type for e in extract(text, published="2023-06-15")][:1] == [label]
