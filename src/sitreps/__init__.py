"""sitreps: news stories in, ACLED-style conflict events out, with evidence for every field.

>>> from sitreps import extract
>>> events = extract(text, published="2021-07-07")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

# The extract stage is a package (sitreps.extract.*) and the public function below shares
# its name: importing the package first (it is light) lets the function's definition take
# the attribute for good, since Python binds a package to its parent only on first import.
import sitreps.extract as _extract_stage  # noqa: F401
from sitreps.config import Settings, load_settings
from sitreps.errors import RejectError, SitrepsError
from sitreps.model import Document, Event, Evidence, PlaceMention, Reject, Story

if TYPE_CHECKING:
    from sitreps.pipeline import Pipeline, Result

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sitreps.extract.trace import SentenceTrace

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
    "explain",
    "extract",
    "load_settings",
]


def extract(text: str, published: str | None = None, **kwargs: Any) -> list[Event]:
    """Return the events reported in one story (see sitreps.pipeline.extract for options)."""
    from sitreps.pipeline import extract as _extract

    return _extract(text, published, **kwargs)


def explain(text: str, published: str | None = None, **kwargs: Any) -> list[SentenceTrace]:
    """Return, per sentence of one story, what the extractor saw and decided, and why."""
    from sitreps.pipeline import explain as _explain

    return _explain(text, published, **kwargs)


def __getattr__(name: str) -> Any:
    # Pipeline pulls in the heavy stages; import it only when asked for.
    if name in {"Pipeline", "Result"}:
        from sitreps import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'sitreps' has no attribute {name!r}")
