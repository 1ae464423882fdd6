"""Places the gazetteer lacks, named where an event may have happened, put at what holds them.

News names the neighbourhood, village, camp or checkpoint where something happened
("the Baghdad neighbourhood of Hurriyah", "Kafr Sousah area", "the Al-Sha'ar gas fields");
most are not in the gazetteer. ACLED codes such an event at the nearest place it can find,
at a coarser precision. A name is a candidate here when the sentence says it is a place:
the model tags it GPE, LOC or FAC, or a place word stands next to it ("the village of X",
"X district"). Its coordinates are those of the nearest known place of the sentence
(else the story's country); the event-place picker weighs it with the others.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Doc, Span

from sitreps.geo.gazetteer import Gazetteer, Place
from sitreps.geo.recognize import clean_span, lookup, not_a_place_here, word_as_subject
from sitreps.geo.resolve import place_mention
from sitreps.model import PlaceMention

__all__ = ["UNLISTED", "unlisted_places"]

#: The `usage` of a mention made here: a place named in the text but not in the gazetteer.
UNLISTED = "unlisted"

#: Words that say the capitalised name beside them is a place ("X district", "town of X").
PLACE_WORDS = frozenset(
    {
        "village",
        "villages",
        "town",
        "towns",
        "city",
        "district",
        "districts",
        "neighborhood",
        "neighbourhood",
        "area",
        "suburb",
        "quarter",
        "camp",
        "settlement",
        "region",
        "province",
        "governorate",
        "zone",
        "township",
        "county",
        "municipality",
        "locality",
        "hill",
        "mountains",
        "valley",
        "checkpoint",
        "crossing",
        "airport",
        "base",
        "square",
        "market",
        "street",
        "road",
        "highway",
        "bridge",
        "farms",
        "fields",
        "front",
        "countryside",
        "outskirts",
        "border",
        "island",
        "governorate's",
        "refugee",
        "hospital",
        "park",
        "mosque",
        "port",
        "dam",
        "mountain",
        "river",
        "suburbs",
        "commune",
        "hamlet",
        "axis",
        "pocket",
        "oilfield",
        "junction",
        "roundabout",
        "plain",
        "heights",
    }
)
_ENTITY_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Prepositions after which a capitalised name the model left untagged may be a place
#: ("fighting in Palaikkuli", "at Udrigovo"); the picker weighs the cue (feature "before=").
_LOCATIVE = frozenset({"in", "at", "near", "outside", "around", "inside", "into", "towards"})
#: Entity labels that are never places, whatever precedes them ("in March", "at 5 pm").
_NOT_PLACE_LABELS = frozenset(
    {"DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY", "NORP", "LANGUAGE"}
)
_LIST_WORDS = frozenset({",", "and", "or"})
_CONNECTORS = frozenset({"al", "el", "de", "del", "la", "le", "bin", "ibn", "abu", "-"})
_NOT_NAME_WORDS = (
    "january february march april may june july august september october november "
    "december monday tuesday wednesday thursday friday saturday sunday the a an this that"
)
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())


def _is_name(tok: object) -> bool:
    text = tok.text  # type: ignore[attr-defined]
    return (
        text[:1].isupper()
        and text.lower() not in _NOT_NAMES
        and not (text.isupper() and len(text) <= 5 and text.isalpha())  # "ISIS", "SAA"
    )


def _name_spans(sent: Span) -> list[tuple[int, int, str]]:
    """Return (first token, end token, cue) of the names the sentence calls places."""
    out: list[tuple[int, int, str]] = []
    for ent in sent.ents:
        if ent.label_ in _ENTITY_LABELS and not ent.text.islower():
            first = ent.start + (ent[0].lower_ == "the" and len(ent) > 1)  # "the Dam Square"
            out.append((first, ent.end, f"ent={ent.label_}"))
    doc = sent.doc
    runs: list[tuple[int, int, str]] = []
    i = sent.start
    while i < sent.end:
        if not _is_name(doc[i]) or (i == sent.start and doc[i].is_stop):
            i += 1
            continue
        j = i + 1
        while j < sent.end and (
            _is_name(doc[j]) or (doc[j].lower_ in _CONNECTORS and j + 1 < sent.end)
        ):
            j += 1
        while j > i + 1 and doc[j - 1].lower_ in _CONNECTORS:
            j -= 1
        after = doc[j].lower_ if j < sent.end else ""
        before = doc[i - 2 : i] if i - 2 >= sent.start else None
        cue = ""
        if after in PLACE_WORDS or (j - i > 1 and doc[j - 1].lower_ in PLACE_WORDS):
            cue = "word_after"  # "Wadajir district", "the Al-Mahr Gas Fields"
        elif before is not None and before[1].lower_ == "of" and before[0].lower_ in PLACE_WORDS:
            cue = "word_before"
        elif (
            i > sent.start
            and doc[i - 1].lower_ in _LOCATIVE
            and doc[i].ent_type_ not in _NOT_PLACE_LABELS
        ):
            cue = "preposition"
        runs.append((i, j, cue))
        i = j

    # A list shares its cue: "the towns of X, Y and Z", "the X and Y suburbs".
    def listed(a: int, b: int) -> bool:
        between = {t.lower_ for t in doc[runs[a][1] : runs[b][0]]}
        return bool(between) and between <= _LIST_WORDS

    n = len(runs)
    for k in range(n - 1):  # forwards: "the towns of X, Y and Z"
        if runs[k][2] and not runs[k + 1][2] and listed(k, k + 1):
            runs[k + 1] = (runs[k + 1][0], runs[k + 1][1], "list")
    for k in range(n - 1, 0, -1):  # backwards: "the X and Y suburbs"
        if runs[k][2] and not runs[k - 1][2] and listed(k - 1, k):
            runs[k - 1] = (runs[k - 1][0], runs[k - 1][1], "list")
    out.extend(r for r in runs if r[2])
    return out


def _reading(gaz: Gazetteer, name: str, holder: PlaceMention | None) -> Place | None:
    """Return the gazetteer's reading of a name: inside the holder's country if it has one."""
    name, places = lookup(gaz, clean_span(name))
    places = [p for p in places if p.kind != "continent" and p.lat is not None]
    if holder is not None:
        places = [p for p in places if p.country_code and p.country == holder.country]
    elif places:
        places = [p for p in places if p.is_main] or places
    return max(places, key=lambda p: (p.is_main, p.population), default=None)


def unlisted_places(
    sdoc: Doc,
    sent: Span,
    mentions: list[PlaceMention],
    gaz: Gazetteer,
    country: PlaceMention | None = None,
) -> list[PlaceMention]:
    """Return mentions for the sentence's place names that no mention covers.

    Each is put at the nearest known place of the sentence (or at `country`, the story's
    country, when the sentence has none) and carries usage UNLISTED; names with neither
    are left out (an event needs coordinates).
    """
    known = [
        m for m in mentions if sent.start_char <= m.start < sent.end_char and m.latitude is not None
    ]
    # A name found inside a longer one ("Dar" of "Dar Sulwani", usage "embedded") gives way.
    taken = [(m.start, m.end) for m in mentions if m.usage != "embedded"]
    inner = [(m.start, m.end) for m in mentions if m.usage == "embedded"]
    out: list[PlaceMention] = []
    for first, end, _cue in _name_spans(sent):
        span = sdoc[first:end]
        start_char, end_char = span.start_char, span.end_char
        if (start_char, end_char) in inner or any(
            a < end_char and start_char < b for a, b in taken
        ):
            continue
        if gaz.demonym_country(span.text) is not None:
            continue  # "Kurdish", "Shiite": a people, not a place
        if word_as_subject(span) or not_a_place_here(sdoc.text, start_char, end_char):
            continue  # "Man shot dead at a checkpoint": a person, not Man in Ivory Coast
        literal = [
            m
            for m in known
            if m.usage == "literal"
            and m.kind != "continent"
            # "BEIRUT (AP) - Syrian airstrikes on the town of Maaret al-Numan": a wire
            # office abroad holds none of the story's villages
            and not (m.in_dateline and country is not None and m.iso3 != country.iso3)
        ]
        if not literal:
            # "Rincon de Chautla, Chilapa de Alvarez municipality, Guerrero": with no other
            # place in the sentence, the containers named with it hold it
            literal = [m for m in known if m.usage == "container" and m.kind != "continent"]
        holder = min(
            literal,
            key=lambda m: (
                m.kind == "country",
                min(abs(m.start - end_char), abs(start_char - m.end)),
            ),
            default=country,
        )
        place = _reading(gaz, span.text, holder)
        if place is not None:
            # The gazetteer knows the name though the recogniser passed it over ("captured
            # Birao"): its reading in the holder's country, else its best-known one.
            mention = place_mention(
                place, holder.story_id if holder else "", span.text, start_char, end_char
            )
            out.append(dataclasses.replace(mention, usage=UNLISTED, score=0.5))
            taken.append((start_char, end_char))
            continue
        if holder is None:
            continue
        taken.append((start_char, end_char))
        out.append(
            dataclasses.replace(
                holder,
                text=span.text,
                start=start_char,
                end=end_char,
                usage=UNLISTED,
                in_dateline=False,
                score=min(holder.score, 0.5) if holder.score else 0.5,
                is_event_location=False,
            )
        )
    return out
