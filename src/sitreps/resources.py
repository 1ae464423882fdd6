"""Everything a run loads once, built from Settings and passed down: one object, one cache.

The label table, the actor dictionary (with the user's `actor_files`), the rule typer over
both, the trained classifier, the spaCy pipeline and the geocoder. Each part loads on first
use. `resources_for(settings)` keeps one Resources per Settings value for the process;
tests and callers with their own table or dictionary build a Resources directly.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

from sitreps.config import Settings
from sitreps.extract.labels import LabelTable, default_labels

if TYPE_CHECKING:
    from spacy.language import Language

    from sitreps.extract.actors import ActorDictionary
    from sitreps.extract.classifier import SentenceClassifier
    from sitreps.extract.rules import RuleTyper
    from sitreps.geo import Geocoder
    from sitreps.nlp.casing import Recaser

__all__ = ["Resources", "resources_for"]


@dataclass(eq=False)
class Resources:
    """The models, tables and dictionaries of one configuration, loaded lazily once."""

    settings: Settings = field(default_factory=Settings)
    labels: LabelTable = field(default_factory=default_labels)
    #: Given to use a dictionary of one's own; otherwise read from settings.actor_files.
    actor_dictionary: ActorDictionary | None = None

    @cached_property
    def actors(self) -> ActorDictionary:
        """Return the actor dictionary: the user's files first, then ours."""
        if self.actor_dictionary is not None:
            return self.actor_dictionary
        from sitreps.extract.actors import ActorDictionary

        return ActorDictionary(self.settings.actor_files)

    @cached_property
    def typer(self) -> RuleTyper:
        """Return the rule typer over the label table and the dictionary's named groups."""
        from sitreps.extract.rules import RuleTyper

        return RuleTyper(
            self.labels, self.actors.named_group_pattern(), self.actors.named_state_pattern()
        )

    @cached_property
    def classifier(self) -> SentenceClassifier | None:
        """Return the trained typer the `typing` setting names (None for the rules alone)."""
        from sitreps.extract.encoder import classifier_for

        return classifier_for(self.settings.typing)

    @cached_property
    def nlp(self) -> Language:
        """Return the spaCy pipeline, its entity ruler fed the gazetteer's places and our actors."""
        from sitreps.extract.reading import sentence_selector
        from sitreps.geo import place_ruler_patterns
        from sitreps.nlp import SELECT_NAME, SelectSentences, load_nlp

        names = self.actors.named_patterns()
        actors = [{"label": "ORG", "pattern": n, "id": "actor"} for n in names]
        nlp = load_nlp(self.settings, [*place_ruler_patterns(self.settings), *actors])
        selector = nlp.get_pipe(SELECT_NAME)
        if isinstance(selector, SelectSentences):  # the extractor picks what gets parsed
            selector.select = sentence_selector(self)
        return nlp

    @cached_property
    def geocoder(self) -> Geocoder:
        """Return the geocoder over the gazetteer (built on first use if missing)."""
        from sitreps.geo import Geocoder

        return Geocoder.from_settings(self.settings)

    @cached_property
    def recaser(self) -> Recaser:
        """Return the casing repair for lower-cased and ALL CAPS text (names from both lists)."""
        from sitreps.nlp.casing import Recaser

        written: dict[str, str] = {}
        for row in self.actors.rows:
            for alias in row.aliases:
                if alias[:1].isupper() and len(alias) > 2:
                    written.setdefault(alias.lower(), alias)
        gazetteer = self.geocoder.gazetteer
        regions = ("province", "region", "continent")

        def known(phrase: str) -> tuple[str, int, str | None] | None:
            if phrase in written:
                return "name", 0, written[phrase]
            places = gazetteer.lookup(phrase)
            if not places:
                return None
            if any(p.kind == "country" for p in places):
                return "country", 0, None
            if any(p.kind in regions for p in places):
                return "province", 0, None
            return "town", max(p.population for p in places), None

        return Recaser(known)


_lock = threading.Lock()
_by_settings: dict[Settings, Resources] = {}


def resources_for(settings: Settings | None = None) -> Resources:
    """Return the process-wide Resources for these settings (defaults when None)."""
    key = settings if settings is not None else Settings()
    with _lock:
        got = _by_settings.get(key)
        if got is None:
            got = _by_settings[key] = Resources(key)
    return got
