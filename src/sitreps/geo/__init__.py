"""The geo stage: an embedded gazetteer, place resolution in context, and event locations."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from sitreps.config import Settings
from sitreps.geo.build import EXTRA_COUNTRY_NAMES, build_gazetteer
from sitreps.geo.gazetteer import Gazetteer, Place, default_path
from sitreps.geo.locate import (
    EventPlaceModel,
    pick_event_place,
    precision_of,
    sentence_places,
    shipped_picker,
)
from sitreps.geo.normalize import name_key
from sitreps.geo.recognize import GENERIC_WORDS
from sitreps.geo.resolve import place_mention, resolve_mentions
from sitreps.geo.toponyms import ToponymModel, shipped_model
from sitreps.geo.unlisted import UNLISTED, unlisted_places
from sitreps.model import Document, PlaceMention

__all__ = ["Gazetteer", "Geocoder", "Place", "name_key", "place_ruler_patterns"]

#: Towns at least this populous become entity-ruler patterns; smaller ones are still found
#: when spaCy tags them (GPE/LOC). 100k keeps the ruler to ~9k patterns, ~1 s to load.
RULER_MIN_POPULATION = 100_000
#: Places at least this populous also get their name without accents as a pattern.
ASCII_MIN_POPULATION = 1_000_000
#: "the capital of Afghanistan's northwestern Badghis province": the province's seat, not
#: the province, is the place (read right before the province's name).
_CAPITAL_OF = re.compile(
    r"\b(?:provincial\s+)?capital\s+of\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", re.I
)


class Geocoder:
    """Resolves a story's places and picks each event's place."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        toponyms: ToponymModel | None = None,
        picker: EventPlaceModel | None = None,
        country_votes: Callable[[str], Counter[str]] | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        #: Votes for a story's countries from the groups it names (the actor dictionary's).
        self.country_votes = country_votes
        #: The classifier for gazetteer names the model did not tag (None: rules only).
        self.toponyms = toponyms
        #: The learned event-place picker (None: the hand-weighted rules).
        self.picker = picker

    @classmethod
    def from_settings(cls, settings: Settings) -> Geocoder:
        """Return a Geocoder over the gazetteer in settings.data_dir (built if missing)."""
        path = default_path(settings.data_dir)
        if settings.place_files:
            from sitreps.geo.importer import add_user_places

            if not path.exists():
                build_gazetteer(path)
            for extra in settings.place_files:
                add_user_places(path, extra)
        from sitreps.resources import resources_for

        actors = resources_for(settings).actors  # the extractor's own, loaded once
        return cls(
            _open(path),
            shipped_model(settings.spacy_model),
            shipped_picker(),
            country_votes=actors.country_votes,
        )

    def mentions(self, document: Document, sdoc: Doc) -> list[PlaceMention]:
        """Return every place mention in the cleaned text, resolved in the story's context."""
        hints = self.country_votes(document.text) if self.country_votes is not None else None
        return resolve_mentions(document, sdoc, self.gazetteer, self.toponyms, hints)

    def event_location(
        self,
        sdoc: Doc,
        sent: Span,
        mentions: list[PlaceMention],
        trigger: Token | None = None,
    ) -> tuple[PlaceMention | None, int | None]:
        """Return the event's place in or near the sentence and its ACLED geo_precision."""
        extra = self.unlisted(sdoc, sent, mentions)
        best = pick_event_place(sdoc, sent, mentions + extra, trigger, self.picker)
        if best is not None and best.usage == UNLISTED:
            # Put at the place that holds it: never finer than "part of a town" (2).
            return best, max(2, precision_of(sdoc, best))
        # "reached the capital of Badghis province": the seat the story names elsewhere,
        # whether or not the picker took the province itself for the event's place
        for m in [best] if best is not None else sentence_places(sent, mentions):
            seat = self._seat(sdoc, m, mentions)
            if seat is not None:
                return seat, 1
        if best is not None:
            return best, precision_of(sdoc, best)
        # No place in the sentence: the nationality of who acts ("Iranian Foreign Minister
        # Zarif said ...") gives the event's country, at country precision. The demonym's
        # own mention stays a modifier; this is a country-level inference, not its place
        # (the seed story's meeting hosted by Iran needs it).
        # Only a nationality of the acting side: "the bodies of the Spanish Jesuits murdered
        # last Friday" were killed in El Salvador (MUC-3/4), whoever they were.
        norps = [e for e in sent.ents if e.label_ == "NORP" and _in_subject(e.root)]
        for ent in norps:
            code = self.gazetteer.demonym_country(ent.text)
            place = self.gazetteer.country_place(code) if code else None
            if place is not None:
                return self.as_mention(
                    place, document_id="", text=ent.text, start=ent.start_char, end=ent.end_char
                ), 3
        return None, None

    @staticmethod
    def _seat(sdoc: Doc, best: PlaceMention, mentions: list[PlaceMention]) -> PlaceMention | None:
        """Return the town the story names as the province's capital, when the sentence says
        only "the capital of X province" (the seed story: the capital of Badghis province is
        Qala-e-Naw, named in the next sentence). None when the story names no town there.
        """
        if best.kind != "province" or not best.admin1:
            return None
        if not _CAPITAL_OF.search(sdoc.text[max(0, best.start - 60) : best.start]):
            return None
        towns = [
            m
            for m in mentions
            if m.kind == "town"
            and m.usage == "literal"
            and m.latitude is not None
            and m.iso3 == best.iso3
            and m.admin1 == best.admin1
        ]
        # One town of the province named in the story: the capital the sentence speaks of.
        # Several: nothing says which is the seat, so the province stands.
        return towns[0] if len({(m.latitude, m.longitude) for m in towns}) == 1 else None

    def unlisted(self, sdoc: Doc, sent: Span, mentions: list[PlaceMention]) -> list[PlaceMention]:
        """Return the sentence's place names the gazetteer lacks, put at what holds them."""
        if self.picker is None:
            return []  # the hand-weighted rules were never tuned for them
        return unlisted_places(sdoc, sent, mentions, self.gazetteer, self.country_of(mentions))

    def as_mention(
        self, place: Place, *, document_id: str, text: str, start: int, end: int
    ) -> PlaceMention:
        """Return a PlaceMention for a gazetteer place found at the given offsets."""
        return place_mention(place, document_id, text, start, end)

    def country_of(self, mentions: list[PlaceMention]) -> PlaceMention | None:
        """Return the story's focus country as a country-level mention, if it has one."""
        counts: dict[str, int] = {}
        for m in mentions:
            if m.iso3:  # modifiers ("Afghan forces") count too: they say where the story is
                counts[m.iso3] = counts.get(m.iso3, 0) + (2 if m.kind == "town" else 1)
        if not counts:
            return None
        # a tie goes to the country the story names beyond its dateline: "(Nairobi, August
        # 25, 2022) - ... in Niger's Tahoua region" is filed from Kenya, about Niger
        told = {m.iso3 for m in mentions if m.iso3 and not m.in_dateline}
        iso3 = max(counts, key=lambda k: (counts[k], k in told))
        first = next(m for m in mentions if m.iso3 == iso3)
        country = next(
            (p for p in self.gazetteer.lookup(first.country or "") if p.kind == "country"), None
        )
        if country is None:
            return None
        return self.as_mention(
            country,
            document_id=first.story_id,
            text=first.text,
            start=first.start,
            end=first.end,
        )


@lru_cache(maxsize=4)
def _open(path: Any) -> Gazetteer:
    return Gazetteer(path)


def place_ruler_patterns(settings: Settings) -> list[dict[str, Any]]:
    """Return entity-ruler patterns for countries, provinces and large towns (label GPE)."""
    gaz = _open(default_path(settings.data_dir))
    seen: set[str] = set()
    patterns: list[dict[str, Any]] = []
    for main, _kind, population in gaz.names_for_ruler(RULER_MIN_POPULATION):
        # English news drops the accents of big places: "Montreal" as well as "Montréal";
        # smaller ones would bring English words and names in ("Būsh" -> "Bush").
        names = (main, _ascii(main)) if population >= ASCII_MIN_POPULATION else (main,)
        for name in dict.fromkeys(names):
            if name in seen or not name[:1].isupper() or len(name) < 3:
                continue
            if (name.istitle() and name.lower() in STOP_WORDS) or name.lower() in GENERIC_WORDS:
                # "Most" (a Czech district) is mostly a word; "West" (Cameroon) would split
                # "West Bank" in two.
                continue
            seen.add(name)
            patterns.append({"label": "GPE", "pattern": name, "id": "gazetteer"})
    for name in EXTRA_COUNTRY_NAMES:
        # the wires' short forms are names too ("CAR rebels", "after C.Africa attack"):
        # spaCy takes "CAR" for an organisation and "C.Africa" for no entity at all, and
        # reads "Congo Republic" as "Congo" and a word
        if (
            name not in seen
            and len(name) >= 3
            and (not name.isalpha() or name.isupper() or not name[1:].islower())
            and gaz.demonym_country(name) is None
        ):
            seen.add(name)
            patterns.append({"label": "GPE", "pattern": name, "id": "gazetteer"})
    return patterns


def _ascii(name: str) -> str:
    """Return the name without accents ("Québec" -> "Quebec")."""
    folded = unicodedata.normalize("NFKD", name)
    return "".join(c for c in folded if not unicodedata.combining(c))


def _in_subject(tok: Token) -> bool:
    """Return True when the word is the subject or names it ("Iranian Foreign Minister X")."""
    while tok.dep_ in ("amod", "compound", "poss", "nmod") and tok.head is not tok:
        tok = tok.head
    return tok.dep_ == "nsubj"
