"""Helpers for tests that read the events of a story: the events and the first of them.

    events, first = story_events.reader("2024-03-01")

Each test file reads its stories as published on its own default date; a call may give
another.
"""

from __future__ import annotations

from collections.abc import Callable

from sitreps import extract
from sitreps.model import Event


def reader(
    default: str,
) -> tuple[Callable[..., list[Event]], Callable[..., Event]]:
    """Return events(text, published) and first(text, published), published by default."""

    def events(text: str, published: str = default) -> list[Event]:
        return [e for e in extract(text, published=published) if e.event_type]

    def first(text: str, published: str = default) -> Event:
        found = events(text, published)
        assert found, f"no event in {text!r}"
        return found[0]

    return events, first
