"""What the extract stage asks of the NLP stage: which sentences to parse.

The NLP stage knows nothing of events: it parses the sentences a selector picks. These
functions build the selector from the extractor's Resources.
"""

from __future__ import annotations

from collections.abc import Callable

from sitreps.config import Settings
from sitreps.resources import Resources, resources_for

__all__ = ["reading_filter", "sentence_selector"]


def reading_filter(settings: Settings) -> Callable[[list[str]], list[bool]]:
    """Return a function saying which of a story's sentences the extractor will read.

    A sentence with an event cue is read; so is one the classifier is sure enough reports
    an event without one (when its `uncued` threshold allows), among those with a word that
    may speak of an event (the label table's `event_words`). The NLP stage parses only
    these.
    """
    return sentence_selector(resources_for(settings))


def sentence_selector(res: Resources) -> Callable[[list[str]], list[bool]]:
    """Return which sentences the extractor over these resources will read (see above)."""

    def wanted(texts: list[str]) -> list[bool]:
        clf = res.classifier
        # A sentence an analyst typed as an event is read whatever its cues.
        cued = [
            res.typer.may_report(t)
            or (clf is not None and clf.corrected(t) not in (None, "none"))
            for t in texts
        ]
        if clf is None:
            return cued
        if clf.uncued > 1.0:  # only cued sentences are typed: score them in one batch now
            clf.predict_many([t for t, c in zip(texts, cued, strict=True) if c])
            return cued
        # Scored in one batch: the extractor reads the scores later. A sentence with neither a
        # cue nor an event word is not scored (on news, two in three sentences: the encoder's
        # cost is per sentence).
        readable = [c or res.typer.may_be_event(t) for t, c in zip(texts, cued, strict=True)]
        scored = iter(clf.predict_many([t for t, r in zip(texts, readable, strict=True) if r]))
        probs = [next(scored) if r else None for r in readable]
        return [
            c or (p is not None and _sure_event(p, clf.uncued))
            for c, p in zip(cued, probs, strict=True)
        ]

    return wanted


def _sure_event(probs: dict[str, float], threshold: float) -> bool:
    """Return True when the model's best label is an event at the threshold or above."""
    best = max(probs, key=lambda k: probs[k])
    return best != "none" and probs[best] >= threshold
