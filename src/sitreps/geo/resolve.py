"""Place recognition and resolution in the story's context.

A mention is resolved against every gazetteer entry its name can mean, scored by the
story's country focus (countries, provinces and demonyms it names), kind hints ("X
province", "the city of X"), the provinces the story names, and population.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

from sitreps.geo.gazetteer import Gazetteer, Place
from sitreps.model import Document, PlaceMention

__all__ = ["Candidate", "find_candidates", "place_mention", "resolve_mentions", "resolve_span"]

PLACE_LABELS = {"GPE", "LOC", "FAC"}
#: Labels the small model wrongly gives to places (Badghis as PERSON, Herat as ORG).
MISLABELS = {"PERSON", "ORG", "NORP"}
#: A town must be this populous for a mislabelled entity to be taken as the town.
MISLABEL_MIN_POPULATION = 100_000

_KIND_AFTER = re.compile(
    r"^\s*(province|provincial|region|state|governorate|district|county|city|town|village)\b",
    re.I,
)
_KIND_BEFORE = re.compile(r"\b(city|town|village|district|province) of\s*$", re.I)
_CAPITAL_OF = re.compile(
    r"^[\s,]*(?:the\s+)?(?:provincial\s+)?capital of\s+(?:\w+\s+){0,3}?(?P<prov>[A-Z][\w'’-]+"
    r"(?:\s[A-Z][\w'’-]+)?)(?:['’]s)?\s+province",
)
_HYPHEN_TAIL = re.compile(r"(?:-[A-Za-z][\w'’]*)+")
_DATELINE = re.compile(
    r"(?m)^[A-Z][A-Z .'’-]+(?:,\s*[A-Z][\w .'’-]+)?\s*\((?:Reuters|AP|AFP|Xinhua|Anadolu|"
    r"Bloomberg|dpa|EFE|UPI|Associated Press)\)\s*[-–—]"
)
_TITLE_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Captain|Capt|Colonel|Col|General|Gen|Major|Lieutenant|Sergeant|"
    r"President|Minister|Governor|Senator|Sheikh|Imam|Pastor|Father|King|Prince|Judge|"
    r"spokesman|spokeswoman|commander|chief|leader)\.?\s+$"
)
_LOCATIVE_BEFORE = re.compile(
    r"\b(?:in|near|at|outside|of|from|around|into|across)\s+(?:the\s+)?$", re.I
)
_LEADING = re.compile(
    r"^(the|northern|southern|eastern|western|central|north|south|east|west"
    r"|northeastern|northwestern|southeastern|southwestern)\s+",
    re.I,
)

_HINT_KIND = {
    "province": "province",
    "provincial": "province",
    "region": "province",
    "state": "province",
    "governorate": "province",
    "district": "district",
    "county": "district",
    "city": "town",
    "town": "town",
    "village": "town",
}


@dataclass
class Candidate:
    """A span of the story that may name a place, with the entries it can mean."""

    start: int
    end: int
    text: str
    label: str
    places: list[Place]
    kind_hint: str | None = None
    capital_of: str | None = None


def _clean_span(text: str) -> str:
    text = re.sub(r"['’]s$", "", text.strip())
    return re.sub(r"^the\s+", "", text, flags=re.I)


#: Words that name a region in some country's gazetteer ("Centre" in Cameroon) but are
#: ordinary words in English news; never taken as a place on their own.
_GENERIC = frozenset(
    {
        "centre",
        "center",
        "west",
        "east",
        "north",
        "south",
        "central",
        "capital",
        "coast",
        "western",
        "eastern",
        "northern",
        "southern",
        "upper",
        "lower",
        "middle",
        "island",
        "islands",
        "valley",
        "lake",
        "river",
        "bank",
        "border",
        "city",
        "state",
        "union",
        "republic",
    }
)


def _lookup(gaz: Gazetteer, name: str) -> tuple[str, list[Place]]:
    """Return the name as found and its places: "West Virginia" whole, else "Virginia"."""
    if name.lower() in _GENERIC:
        return name, []
    places = gaz.lookup(name)
    if not places and _LEADING.match(name):
        name = _LEADING.sub("", name)
        places = [] if name.lower() in _GENERIC else gaz.lookup(name)
    return name, places


_FACILITY = re.compile(
    r"\b(?:University|Airport|Hospital|Centre|Center|Stadium|Prison|Jail|Market|Camp|School|"
    r"Mosque|Church|Cathedral|Square|Bridge|Port|Harbour|Station|Base|Barracks|Palace)\b"
)


def _place_in_name(gaz: Gazetteer, name: str) -> tuple[str, list[Place]]:
    """Return the place that opens a facility's or body's name ("Minya University")."""
    head = re.split(r"['’]s\b", name, maxsplit=1)[0].split()
    for n in range(min(3, len(head) - (0 if "'" in name or "’" in name else 1)), 0, -1):
        part = " ".join(head[:n])
        if not part[:1].isupper() or part.lower() in _GENERIC:
            continue
        places = [
            p
            for p in gaz.lookup(part)
            if p.is_main and (p.kind != "town" or p.population >= 20_000)
        ]
        if places:
            return part, places
    return name, []


def find_candidates(document: Document, sdoc: Doc, gaz: Gazetteer) -> list[Candidate]:
    """Return the spans of the story that name places in the gazetteer."""
    text = document.text
    out: list[Candidate] = []
    for ent in sdoc.ents:
        if ent.label_ not in PLACE_LABELS and ent.label_ not in MISLABELS:
            continue
        end_char = ent.end_char
        # spaCy splits hyphenated names ("Qala-e-Naw" -> "Qala"): take the whole word.
        if tail := _HYPHEN_TAIL.match(text, end_char):
            end_char = tail.end()
        name = _clean_span(text[ent.start_char : end_char])
        name, places = _lookup(gaz, name)
        if (
            not places
            and len(name.split()) > 1
            and (
                ent.label_ in ("FAC", "LOC", "GPE")
                or (ent.label_ == "ORG" and _FACILITY.search(name))
            )
        ):
            name, places = _place_in_name(gaz, name)
        if gaz.demonym_country(name) is not None and (
            ent.label_ != "GPE" or re.match(r"\s+[a-z]", text[end_char : end_char + 3])
        ):
            continue  # "Somali army", "Afghan forces": an adjective, not a place
        if _TITLE_BEFORE.search(text[max(0, ent.start_char - 25) : ent.start_char]) or (
            ent.end < len(sdoc) and sdoc[ent.end].ent_type_ == "PERSON"
        ):
            continue  # "Captain Hassan Ali": a person's name
        if not places:
            continue
        after = text[end_char : end_char + 20]
        before = text[max(0, ent.start_char - 20) : ent.start_char]
        hint = None
        if (m := _KIND_AFTER.match(after)) or (m := _KIND_BEFORE.search(before)):
            hint = _HINT_KIND[m.group(1).lower()]
        locative = bool(_LOCATIVE_BEFORE.search(before))
        if ent.label_ in MISLABELS and not _strong(places, name, ent, bool(hint) or locative):
            continue
        cap = _CAPITAL_OF.match(text[end_char : end_char + 80])
        full = text[ent.start_char : end_char]
        offset = full.find(name) if name in full else 0
        out.append(
            Candidate(
                ent.start_char + offset,
                ent.start_char + offset + len(name),
                name,
                ent.label_,
                places,
                hint,
                cap.group("prov") if cap else None,
            )
        )
    return out


def _strong(places: list[Place], name: str, ent: Span, context: bool) -> bool:
    if ent.label_ == "NORP" and not context:
        return False  # demonyms feed the country focus, they are not place mentions
    if ent.label_ == "PERSON" and len(name.split()) > 1 and not context:
        return False
    if context:  # "the town of X", "in X": the sentence says it is a place
        return any(p.is_main for p in places)
    return any(
        (p.kind in ("country", "province") and p.is_main)
        or (p.kind == "town" and p.is_main and p.population >= MISLABEL_MIN_POPULATION)
        for p in places
    )


def _focus(cands: list[Candidate], sdoc: Doc, gaz: Gazetteer) -> Counter[str]:
    votes: Counter[str] = Counter()
    for c in cands:
        kinds = {p.kind for p in c.places}
        top = c.places[0]
        if top.kind in ("country", "province") or len({p.country_code for p in c.places}) == 1:
            votes[top.country_code or ""] += 2 if "country" in kinds else 1
    for ent in sdoc.ents:
        if ent.label_ == "NORP":
            code = gaz.demonym_country(ent.text)
            if code:
                votes[code] += 1
    votes.pop("", None)
    return votes


def _score(p: Place, c: Candidate, focus: Counter[str], provinces: set[tuple[str, str]]) -> float:
    total_votes = sum(focus.values()) or 1
    s = math.log10(p.population + 10) * 0.6
    s += 4.0 * focus.get(p.country_code or "", 0) / total_votes
    s += 0.8 if p.is_main else 0.0
    if c.kind_hint:
        s += 3.0 if p.kind == c.kind_hint else -1.0
    if p.kind == "country":
        s += 5.0
    elif p.kind == "province":
        s += 2.2
    if p.kind == "town" and (p.country_code or "", p.admin1 or "") in provinces:
        s += 1.5
    if (
        p.kind == "town"
        and p.population < 100_000
        and any(
            q.kind == "province"
            and q.is_main
            and q.country_code == p.country_code
            and q.name != p.admin1
            for q in c.places
        )
    ):
        s -= 1.5  # "California" is the state, not California, Maryland (a namesake elsewhere)
    if c.capital_of and p.admin1 and p.admin1.lower() == c.capital_of.lower():
        s += 4.0
    return s


def place_mention(
    place: Place, story_id: str, text: str, start: int, end: int, **extra: Any
) -> PlaceMention:
    """Return a PlaceMention of a gazetteer place named at text[start:end]."""
    return PlaceMention(
        story_id=story_id,
        text=text,
        start=start,
        end=end,
        latitude=place.lat,
        longitude=place.lon,
        geonames_id=place.geonames_id,
        country=place.country,
        iso3=place.iso3,
        admin1=place.admin1 if place.kind != "country" else None,
        admin2=place.admin2,
        kind=place.kind,
        name=place.name,
        **extra,
    )


def resolve_span(
    document: Document, sdoc: Doc, gaz: Gazetteer, start: int, end: int
) -> PlaceMention | None:
    """Return the place a given span of the story names, resolved in the story's context."""
    cands = find_candidates(document, sdoc, gaz)
    focus = _focus(cands, sdoc, gaz)
    provinces = {
        (p.country_code or "", p.name) for c in cands for p in c.places[:1] if p.kind == "province"
    }
    name = _clean_span(document.text[start:end])
    code = gaz.demonym_country(name)
    country = gaz.country_place(code) if code else None
    # A demonym names its country ("Spanish" is Spain, not Spanish, Ontario).
    places = [country] if country else _lookup(gaz, name)[1]
    if not places:
        return None
    after = document.text[end : end + 20]
    hint = _HINT_KIND[m.group(1).lower()] if (m := _KIND_AFTER.match(after)) else None
    c = Candidate(start, end, name, "GPE", places, hint)
    best = max(c.places, key=lambda p: _score(p, c, focus, provinces))
    return place_mention(best, document.story_id, name, start, end)


def resolve_mentions(document: Document, sdoc: Doc, gaz: Gazetteer) -> list[PlaceMention]:
    """Return every place mention in the story, resolved in context, in text order."""
    cands = find_candidates(document, sdoc, gaz)
    focus = _focus(cands, sdoc, gaz)
    provinces = {
        (p.country_code or "", p.name) for c in cands for p in c.places[:1] if p.kind == "province"
    }
    datelines = [(m.start(), m.end()) for m in _DATELINE.finditer(document.text)]
    mentions = []
    for c in cands:
        best = max(c.places, key=lambda p: _score(p, c, focus, provinces))
        conf = min(1.0, 0.5 + 0.1 * _score(best, c, focus, provinces))
        mentions.append(
            place_mention(
                best,
                document.story_id,
                c.text,
                c.start,
                c.end,
                score=round(conf, 3),
                in_dateline=any(a <= c.start < b for a, b in datelines),
            )
        )
    return mentions
