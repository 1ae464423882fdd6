"""The extract stage: the events a cleaned story reports, each field with its evidence.

Sentence by sentence: type the sentence (sitreps.extract.rules walking the label table of
sitreps.extract.labels, joined with the classifier), find its date, place, actors and
counts (sitreps.extract.mention); then merge the mentions of one event (same kind, day and
place) into one Event with the evidence of every mention (sitreps.extract.events).
Nothing heavy loads when this package is imported.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sitreps.extract.extractor import EventExtractor
    from sitreps.extract.reading import reading_filter

__all__ = ["EventExtractor", "reading_filter"]


def __getattr__(name: str) -> Any:
    if name == "EventExtractor":
        from sitreps.extract.extractor import EventExtractor

        return EventExtractor
    if name == "reading_filter":
        from sitreps.extract import reading

        return getattr(reading, name)
    raise AttributeError(f"module 'sitreps.extract' has no attribute {name!r}")
