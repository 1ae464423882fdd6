"""sitreps: news stories in, ACLED-style conflict events out, with evidence for every field.

>>> from sitreps import extract
>>> events = extract(text, published="2021-07-07")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sitreps.config import Settings, load_settings
from sitreps.errors import RejectError, SitrepsError
from sitreps.model import Document, Event, Evidence, PlaceMention, Reject, Story

if TYPE_CHECKING:
    from sitreps.pipeline import Pipeline, Result

__version__ = "0.1.0"

__all__ = [
    "Document",
    "Event",
    "Evidence",
    "Pipeline",
    "PlaceMention",
    "Reject",
    "RejectError",
    "Result",
    "Settings",
    "SitrepsError",
    "Story",
    "__version__",
    "extract",
    "load_settings",
]


def extract(text: str, published: str | None = None, **kwargs: Any) -> list[Event]:
    """Return the events reported in one story (see sitreps.pipeline.extract for options)."""
    from sitreps.pipeline import extract as _extract

    return _extract(text, published, **kwargs)


def __getattr__(name: str) -> Any:
    # Pipeline pulls in the heavy stages; import it only when asked for.
    if name in {"Pipeline", "Result"}:
        from sitreps import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'sitreps' has no attribute {name!r}")
