"""Place recognition: the spans of a story that name places, and what each can mean.

Spans come from the model's entities (GPE, LOC, FAC, and places it mislabels as PERSON,
ORG or NORP when the words around say it is a place), from the gazetteer-fed entity ruler,
and from capitalised names right after a locative word ("in Durres") that the model left
untagged. Each candidate carries the hints its context gives: a kind ("X province", a
dateline), a containing place ("Glasgow, Ky."), a province it is the capital of.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from functools import cached_property
from itertools import pairwise

from spacy.tokens import Doc, Span

from sitreps.geo.gazetteer import Gazetteer, Place
from sitreps.geo.normalize import name_key
from sitreps.geo.toponyms import ToponymModel, features, ngram_candidates, story_facts
from sitreps.model import Document

__all__ = [
    "GENERIC_WORDS",
    "BracketGroup",
    "Candidate",
    "bracket_groups",
    "clean_span",
    "dateline_spans",
    "district_within",
    "find_candidates",
    "find_modifiers",
    "hint_of",
    "in_brackets",
    "lookup",
    "within_of",
]

_NOTABLE = frozenset({"district", "airport", "region", "continent", "landmark"})

PLACE_LABELS = {"GPE", "LOC", "FAC"}
#: Labels the small model wrongly gives to places (Badghis as PERSON, Herat as ORG).
MISLABELS = {"PERSON", "ORG", "NORP"}
#: A town must be this populous for a mislabelled entity to be taken as the town.
MISLABEL_MIN_POPULATION = 100_000

_KIND_AFTER = re.compile(
    r"^\s*(province|provincial|region|state|governorate|oblast|district|county|city|town|"
    r"village|airport|LGA|local government area)\b|"
    r"^\s*(?-i:(Gov\.|Governor|governor|Premier|premier|legislature|Legislature|MLA|MPP))",
    re.I,
)
#: A kind word ending the name itself ("Fars Province", "Metcalfe County").
_KIND_LAST = re.compile(
    r"^(?P<core>.+?)\s+(?P<kind>province|region|state|governorate|oblast|district|county|"
    r"city|airport|village|LGA)$",
    re.I,
)
#: "Glasgow, Ky.", "Paris, Ontario", "Turkey, Texas": the place that contains the one named.
_CONTAINER_AFTER = re.compile(
    r"^,\s*(?P<name>[A-Z][\w'’-]*\.?(?:\s?(?:(?:de|del|do|da|dos|das|di|du)\s)?[A-Z][\w'’-]*\.?){0,2})"
    r"(?=$|[\s,.;:)(—–-])"
)
#: "Chora in Uruzgan province", "Mubi in Adamawa state": the province that contains it.
_IN_PROVINCE_AFTER = re.compile(
    r"^,?\s+in\s+(?:the\s+)?(?:(?:north|south|east|west|central)(?:ern)?\s+)?"
    r"(?P<name>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2})\s+(?i:province|state|region|governorate)\b"
)
#: Words for a part of a town ("the Siloe neighbourhood of Cali").
_QUARTER_WORDS = r"neighbou?rhood|quarter|suburb|area"
#: "Ruma upazila of Bandarban", "the Dniprovskyi district of Kherson city": a division of
#: the place after it (within_of keeps only provinces and countries).
_OF_CONTAINER_AFTER = re.compile(
    r"^\s+(?i:upazila|district|sub-?district|township|municipality|county|tehsil|woreda|"
    r"commune|" + _QUARTER_WORDS + r"|locality)\s+of\s+(?:the\s+)?"
    r"(?P<name>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2})(?=$|[\s,.;:)(])"
    r"(?P<town>\s+(?i:city|town|village|municipality)\b)?"
)
#: "Palma in Cabo Delgado", "Mubi in Adamawa": "in" and a name the gazetteer knows as a
#: province or country (within_of keeps only those), with no kind word.
_IN_PLACE_AFTER = re.compile(
    r"^\s+in\s+(?P<name>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2})(?=$|[\s,.;:)])"
)
#: "the town of X", also "the towns of Khan Touman, Aleis and X".
_KIND_BEFORE = re.compile(
    r"\b(?i:(cit(?:y|ies)|towns?|villages?|districts?|provinces?)) of\s*"
    r"(?:[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?,?\s+(?:and\s+)?)*$"
)
_CAPITAL_OF = re.compile(
    r"^[\s,]*(?:the\s+)?(?:provincial\s+)?capital of\s+(?:\w+\s+){0,3}?(?P<prov>[A-Z][\w'’-]+"
    r"(?:\s[A-Z][\w'’-]+)?)(?:['’]s)?\s+province",
)
_HYPHEN_TAIL = re.compile(r"(?:-[A-Za-z][\w'’]*)+")
#: "Texas-based", "Saudi-led", "Montreal-area": a place name made into a modifier.
_MODIFIER_TAIL = re.compile(
    r"-(?:based|born|led|backed|made|owned|run|held|registered|bound|area|headquartered|"
    r"controlled|allied|linked|funded|sponsored|brokered|bred|raised|style)\b",
    re.I,
)
_DATELINE = re.compile(
    # "KABUL (Reuters) -", "KHARKIV, Ukraine (AP) —", "RAIPUR (PTI):", "LAHORE:", "JOS —":
    # a town in capitals opening its line, filed with or without an agency
    r"(?m)^(?P<name>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})(?:,\s*[A-Z][\w .'’-]+?)?"
    r"\s*(?:\([A-Z][\w .-]{1,25}\))?\s*(?:[-–—]|:(?=\s))"
)
#: A dateline in its own case, dated: "(Nairobi, August 25, 2022) –" (rights groups' and UN
#: releases), "Makurdi, Nov. 28, 2023 —", "Beni, 10 June 2024 -".
_DATELINE_CASED = re.compile(
    r"(?m)^\(?(?P<name>[A-Z][a-z][\w'’-]*(?: [A-Z][\w'’-]*){0,2}),\s*"
    r"(?:[A-Z][a-z]+\.? \d{1,2},? \d{4}|\d{1,2} [A-Z][a-z]+\.? \d{4})\)?\s*[-–—]"
)
_TITLE_BEFORE = re.compile(
    r"\b(?:Mr|Mrs|Ms|Dr|Captain|Capt|Colonel|Col|General|Gen|Major|Lieutenant|Sergeant|"
    r"President|Minister|Governor|Senator|Sheikh|Imam|Pastor|Father|King|Prince|Judge|"
    r"spokesman|spokeswoman|commander|chief|leader)\.?\s+$"
)
_LOCATIVE_BEFORE = re.compile(
    # a preposition, or a verb whose object is a place ("recaptured Lalibela", "shelled Kherson")
    r"\b(?:in|near|at|outside|of|from|around|into|across|over|recaptured|captured|seized|"
    r"overran|retook|liberated|stormed|besieged|entered|shelled|bombed|raided|evacuated|hit|"
    r"struck|pounded|targeted)\s+"
    r"(?:the\s+)?"
    r"(?:(?:north|south|east|west|central|northeast|northwest|southeast|southwest)(?:ern)?\s+)?$",
    re.I,
)
#: An act's target: "an ISWAP attack on Monguno" (which spaCy took for an organisation).
#: Groups are targets too ("the attack on Hamas"), so the name must be the place's own.
_ATTACKED_BEFORE = re.compile(
    r"\b(?:attacked|attacking|shelling|bombing|raiding|"
    r"(?:attacks?|raids?|assaults?|offensive|advance)\s+on)\s+(?:the\s+)?$",
    re.I,
)
#: A town that falls: "Palmyra falls to Islamic State", "after Kidal fell to the rebels".
_FALLS_AFTER = re.compile(r"\s+(?:falls|fell|has fallen|had fallen) (?:to|into)\b")
def not_a_place_here(text: str, start: int, end: int) -> bool:
    """Return True when the words around a name say it is no place here.

    "a Palestine Action protest" (a campaign), "the Plaza de Mayo" (a square).
    """
    return bool(
        _CAMPAIGN_AFTER.match(text, end) or _SQUARE_BEFORE.search(text[max(0, start - 24) : start])
    )


#: A campaign named after a place: "Palestine Action", "Ukraine Solidarity Campaign".
_CAMPAIGN_AFTER = re.compile(r" (?:Action|Solidarity|Campaign)\b")
#: A square or street's name before a place's: "Plaza de Mayo", "Place de la Bastille".
_SQUARE_BEFORE = re.compile(
    r"\b(?:Plaza|Plaça|Praça|Piazza|Place|Avenida|Calle|Rue|Largo)\s+"
    r"(?:(?:de|del|des|du|della|di|do|da)\s+)?(?:(?:la|los|las|le|les)\s+)?$"
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
    "oblast": "province",
    "district": "district",
    "county": "district",
    "city": "town",
    "town": "town",
    "village": "town",
    "airport": "airport",
    "lga": "district",  # Nigeria's local government areas, its admin2
    "local government area": "district",
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
    #: Countries and (country, province) pairs named right after it ("Glasgow, Ky.").
    within: frozenset[tuple[str, str]] = frozenset()
    #: How the name is used: "literal" (a place), "embedded" (inside a longer name, "the
    #: University of Kansas"), "modifier" ("the Syrian army", "a Texas-based firm").
    usage: str = "literal"

    @cached_property
    def key(self) -> str:
        """Return the name's lookup key."""
        return name_key(self.text)

    @cached_property
    def town_provinces(self) -> set[tuple[str | None, str | None]]:
        """Return (country, province) of the towns of 10k+ people this name can mean."""
        return {
            (q.country_code, q.admin1)
            for q in self.places
            if q.kind == "town" and q.population >= 10_000
        }

    @cached_property
    def province_names(self) -> dict[str | None, set[str]]:
        """Return the names of the provinces this name can mean, by country."""
        out: dict[str | None, set[str]] = {}
        for q in self.places:
            if q.kind == "province" and q.is_main:
                out.setdefault(q.country_code, set()).add(q.name)
        return out


def dateline_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of wire datelines ("KABUL (Reuters) -") in the text."""
    return [
        (m.start(), m.end())
        for pattern in (_DATELINE, _DATELINE_CASED)
        for m in pattern.finditer(text)
    ]


def clean_span(text: str) -> str:
    """Return a span's text without a trailing possessive or a leading "the"."""
    text = re.sub(r"['’]s$", "", text.strip())
    return re.sub(r"^the\s+", "", text, flags=re.I)


#: Words that name a region in some country's gazetteer ("Centre" in Cameroon) but are
#: ordinary words in English news; never taken as a place on their own.
GENERIC_WORDS = _GENERIC = frozenset(
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
        "area",
        "region",
        "district",
        "province",
        "town",
        "village",
        # a wire's label before its headline ("Roundup: Egypt police kill 8 ..."), not
        # Roundup, Montana
        "fort",  # Colombo's and Mumbai's Fort quarters, an alternate name of Augusta, Maine
        "roundup",
        "update",
        "wrapup",
    }
)


def lookup(gaz: Gazetteer, name: str) -> tuple[str, list[Place]]:
    """Return the name as found and its places: "West Virginia" whole, else "Virginia"."""
    if name.lower() in _GENERIC:
        return name, []
    places = gaz.lookup(name)
    if not places and (m := _KIND_LAST.match(name)) and m.group("core").lower() not in _GENERIC:
        places = gaz.lookup(m.group("core"))  # "Fars Province" is the province "Fars"
    if not places and _LEADING.match(name):
        name = _LEADING.sub("", name)
        places = [] if name.lower() in _GENERIC else gaz.lookup(name)
    return name, places


def hint_of(text: str, start: int, end: int, name: str) -> str | None:
    """Return the kind the words around a name say it is ("X province", "the city of X")."""
    if m := _KIND_LAST.match(name):
        return _HINT_KIND[m.group("kind").lower()]
    if (m := _KIND_AFTER.match(text[end : end + 20])) or (
        m := _KIND_BEFORE.search(text[max(0, start - 60) : start])
    ):
        if m.re is _KIND_AFTER and m.group(1) is None:
            return "province"  # "New York Gov.", "Quebec premier": the state's or province's office
        word = m.group(1).lower()
        return _HINT_KIND["city" if word == "cities" else word.removesuffix("s")]
    if _is_dateline(text, start, end):
        return "town"  # "GLASGOW, Ky. (AP) -": a dateline names the town a story was filed in
    return None


def _is_dateline(text: str, start: int, end: int) -> bool:
    name = text[start:end]
    if not name.isupper() or len(name) < 3 or (start > 0 and text[start - 1] != "\n"):
        return False
    return bool(re.match(r"^(?:,[^\n]{0,30}?)?\s*(?:\(|[-–—]|:\s)", text[end : end + 40]))


#: "the Somali town of X", "the Hiran region town of X": the country or province before it.
_CONTAINER_BEFORE = re.compile(
    r"\bthe\s+(?P<name>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?)\s+(?:(?:province|region|state)\s+)?"
    r"(?:(?:border|market|northern|southern|eastern|western|central|coastal|northeastern|"
    r"northwestern|southeastern|southwestern|frontline|front-line|garrison|oil|mining|"
    r"rebel-held|government-held|strategic|key|remote)\s+)?"
    r"(?:town|city|village|district|port|capital|settlement|county|province|region)\s+of\s+$"
    # a possessive: "Harare's Avondale suburb", "Nigeria's northern Kaduna state"
    r"|(?<![\w'’-])(?P<owner>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*)?)['’]s\s+(?:(?:northern|southern|"
    r"eastern|western|central|north-?eastern|north-?western|south-?eastern|south-?western|"
    r"restive|volatile|remote|troubled|main|border)\s+)?$"
)


#: Kind words after a container's name in ACLED notes: a district's ("Shagari LGA") or a
#: province's ("Sokoto state").
_DISTRICT_WORD = r"(?:LGA|district|county|local\s+government\s+area|cercle|department)"
_PROVINCE_WORD = r"(?:province|state|region|governorate|oblast|prefecture)"
_BRACKET_NAME = (
    r"[A-Z][\w'’.-]*(?:\s(?!(?i:"
    + _DISTRICT_WORD
    + "|"
    + _PROVINCE_WORD
    + r")\b)[A-Z][\w'’.-]*){0,2}"
)
#: ACLED notes put a place's containers in brackets, smallest first: "Kafr Nabudah (Hama)",
#: "Kware village (Shagari LGA, Sokoto state)", "Afgooye (Lower Shabelle)".
_BRACKETS_AFTER = re.compile(
    r"^(?:\s+(?i:village|town|city|area))?\s*\(\s*"
    r"(?P<first>"
    + _BRACKET_NAME
    + r")(?:\s+(?P<k1>(?i:"
    + _DISTRICT_WORD
    + "|"
    + _PROVINCE_WORD
    + r")))?"
    r"(?:\s*,\s*(?P<second>"
    + _BRACKET_NAME
    + r")(?:\s+(?P<k2>(?i:"
    + _DISTRICT_WORD
    + "|"
    + _PROVINCE_WORD
    + r")))?)?\s*\)"
)
#: Words between a place's name and its bracketed containers: "Kware village (", "Gangaw
#: township (", "Mir Ali tehsil (".
_NAME_KIND = (
    r"(?i:village|town|city|area|township|tehsil|district|sub-district|municipality|commune|"
    r"locality|neighbourhood|neighborhood|camp|LGA|county|sector|ward)"
)
#: A name that is itself such a container: in brackets after a capitalised name, first or
#: after a comma ("(Shagari LGA, Sokoto state)").
_IN_BRACKETS = re.compile(r"[A-Z][\w'’-]*(?:\s+" + _NAME_KIND + r")?\s*\((?:[^()]{1,60},\s*)?$")
#: A place and its containers in brackets, as event coders write them: "Avdiivka (Pokrovsk,
#: Donetsk)", "Kware village (Shagari LGA, Sokoto state)", "Laukkai (Laukkai, northern Shan)".
_BRACKET_GROUP = re.compile(
    r"(?P<name>[A-Z][\w'’.-]*(?:\s(?:(?:al|el|ad|ar|as|ash|az|ez|de|del|du|des|la|le|los|"
    r"las|da|do|dos)\s)?[A-Z][\w'’.-]*){0,3})"
    r"(?:\s+" + _NAME_KIND + r")?\s*\((?P<inner>[^()\n]{2,100})\)"
)
#: Kind words after a bracketed container's name ("Shagari LGA", "Sokoto state").
_PART_KIND = re.compile(
    r"\s+(?i:LGA|district|county|local\s+government\s+area|cercle|department|province|state|"
    r"region|governorate|oblast|prefecture|township|tehsil|municipality|raion|division|"
    r"territory|zone|city)$"
)


@dataclass(frozen=True)
class BracketGroup:
    """A place named with its containers in brackets: the name's span and the parts'."""

    start: int
    end: int
    #: Where the bracket opens.
    paren: int
    #: The gazetteer's readings of the name inside the containers' countries.
    places: tuple[Place, ...]
    #: (start, end, name, places) of each bracketed part the gazetteer knows.
    parts: tuple[tuple[int, int, str, tuple[Place, ...]], ...]


def bracket_groups(gaz: Gazetteer, text: str) -> list[BracketGroup]:
    """Return the "Name (District, Province)" groups of a text whose brackets hold places.

    A bracket counts when at least one of its comma-separated parts is a province, district
    or town the gazetteer knows (so "(Reuters)" and "(ODM)" do not); the name before it is
    read only inside the countries of those parts, so a person's or a party's name that
    happens to be a place elsewhere is no reading.
    """
    out: list[BracketGroup] = []
    for m in _BRACKET_GROUP.finditer(text):
        parts = []
        pos = m.start("inner")
        for raw in m.group("inner").split(","):
            lead = len(raw) - len(raw.lstrip())
            core = _PART_KIND.sub("", raw.strip())
            if not gaz.lookup(core):  # "northern Shan" is Shan; "North Kivu" is its own name
                bare = _LEADING.sub("", core)
                if bare == core or any(p.kind != "country" for p in gaz.lookup(bare)):
                    core = bare  # not "West Azerbaijan" (Iran's) read as Azerbaijan
            start = pos + lead + raw.strip().find(core)
            pos += len(raw) + 1
            if not core or not core[:1].isupper() or core.lower() in _GENERIC:
                continue
            places = tuple(
                p
                for p in gaz.lookup(core) or gaz.lookup_spelling(core)
                if p.kind in ("country", "province", "district", "town") and p.country_code
            )
            if core.replace("-", "").isupper():  # "(CDC)", "(UN)", "(D-IA)"; "(NSW)" stays
                places = tuple(p for p in places if p.kind in ("country", "province"))
            if places:
                parts.append((start, start + len(core), core, places))
        # The outermost container (the last part a province or country) sets the country:
        # "(Guma, Benue)" keeps no Guma outside Nigeria.
        outer = next(
            (
                {p.country_code for p in places if p.kind in ("province", "country")}
                for *_, places in reversed(parts)
                if any(p.kind in ("province", "country") for p in places)
            ),
            None,
        )
        if not outer and parts:
            # no province given: the country of the last part's best-known reading when it
            # outweighs the namesakes ("(Freetown, Western Area)": Sierra Leone's capital)
            last = sorted(parts[-1][3], key=lambda p: -p.population)
            rivals = [p for p in last if p.country_code != last[0].country_code]
            if not rivals or last[0].population >= 10 * max(1, rivals[0].population):
                outer = {last[0].country_code}
        if outer:
            parts = [
                (a, b, n, kept)
                for a, b, n, places in parts
                if (kept := tuple(p for p in places if p.country_code in outer))
            ]
        if not parts:
            continue
        countries = {p.country_code for *_, places in parts for p in places}
        provinces = {p.admin1 or p.name for *_, ps in parts for p in ps if p.kind == "province"}
        name = m.group("name")
        start = m.start("name")
        readings: tuple[Place, ...] = ()
        while True:
            readings = tuple(
                p
                for p in gaz.lookup(name) or gaz.lookup_spelling(name)
                if p.country_code in countries and p.kind not in ("country", "continent")
            )
            if readings or " " not in name:
                break
            cut = name.index(" ") + 1  # "Junta troops Myawaddy" -> "troops Myawaddy" ...
            name, start = name[cut:], start + cut
        if len(readings) > 1 and provinces:
            inside = tuple(p for p in readings if p.admin1 in provinces)
            readings = inside or readings
        if name.lower() in _GENERIC or name.lower() in _NOT_PLACES:
            readings = ()
        out.append(
            BracketGroup(
                start, start + len(name), m.start() + m.group(0).index("("), readings, tuple(parts)
            )
        )
    return out


def in_brackets(text: str, start: int) -> bool:
    """Return True when the name at start is a bracketed container of the name before it."""
    return bool(_IN_BRACKETS.search(text[max(0, start - 90) : start]))


#: The kind words of a second-level division written after its name ("Cajeme municipality").
ADMIN2_KIND = (
    r"(?i:municipality|municipio|district|LGA|county|department|territory|commune|raion|"
    r"township|tehsil)"
)
#: "El Bejuco, Tepalcatepec municipality, Michoacan": a district after a comma, by its kind
#: word, then its province.
_COMMA_DISTRICT_AFTER = re.compile(
    r"^,\s*(?P<name>[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,3})\s+"
    + ADMIN2_KIND
    + r"\s*,\s*(?P<province>[A-Z][\w'’-]*(?:\s[A-Z][\w'’-]*){0,2})"
)


def district_within(gaz: Gazetteer, text: str, end: int) -> str | None:
    """Return the district (admin2) that brackets after a name say contains it, if any.

    "Kware village (Shagari LGA, Sokoto state)" -> "Shagari": a name with a district's kind
    word, or one the gazetteer has as a district ("Afgooye (Afgooye district...)"); "El
    Bejuco, Tepalcatepec municipality, Michoacan" -> "Tepalcatepec".
    """
    if (c := _COMMA_DISTRICT_AFTER.match(text[end : end + 120])) is not None:
        return c.group("name").strip()
    m = _BRACKETS_AFTER.match(text[end : end + 120])
    if m is None:
        return None
    for name, kind in ((m.group("first"), m.group("k1")), (m.group("second"), m.group("k2"))):
        if not name:
            continue
        if kind and re.fullmatch(_DISTRICT_WORD, kind, re.I):
            return name.strip()
        if not kind and any(p.kind == "district" for p in gaz.lookup(name)):
            return name.strip()
    return None


def within_of(
    gaz: Gazetteer, text: str, end: int, start: int | None = None
) -> frozenset[tuple[str, str]]:
    """Return the countries ("", cc) and provinces (cc, name) said to contain a place.

    A container comes right after the name ("Glasgow, Ky.", "Chora in Uruzgan province",
    "Kafr Nabudah (Hama)", "Kware village (Shagari LGA, Sokoto state)") or, given the
    name's start, right before it ("the Somali town of X").
    """
    names = []
    m = (
        _CONTAINER_AFTER.match(text[end : end + 40])
        or _IN_PROVINCE_AFTER.match(text[end : end + 60])
        or _IN_PLACE_AFTER.match(text[end : end + 60])
    )
    if m is not None:
        names.append(m.group("name").strip())
    #: the town a quarter is "of" holds it only where its name is also a province's of the
    #: same country ("the Dniprovskyi district of Kherson city"; Beni town is Congo's, the
    #: province Beni Bolivia's)
    towns_of: set[str] = set()
    if (o := _OF_CONTAINER_AFTER.match(text[end : end + 70])) is not None:
        names.append(o.group("name").strip())
        if o.group("town"):
            towns_of = {
                p.country_code or ""
                for p in gaz.lookup(o.group("name").strip())
                if p.kind == "town" and p.is_main
            }
    if (c := _COMMA_DISTRICT_AFTER.match(text[end : end + 120])) is not None:
        names.append(c.group("province").strip())
    if (b := _BRACKETS_AFTER.match(text[end : end + 120])) is not None:
        for name, kind in ((b.group("first"), b.group("k1")), (b.group("second"), b.group("k2"))):
            if name and not (kind and re.fullmatch(_DISTRICT_WORD, kind, re.I)):
                names.append(name.strip())
    if start is not None and (b := _CONTAINER_BEFORE.search(text[max(0, start - 60) : start])):
        names.append((b.group("name") or b.group("owner")).strip())
    found: set[tuple[str, str]] = set()
    for name in names:
        if code := gaz.demonym_country(name):
            found.add(("", code))
            continue
        for p in gaz.lookup(name):
            if p.kind == "country" and p.country_code:
                found.add(("", p.country_code))
            elif p.kind == "province" and p.country_code:
                if (
                    o is not None
                    and o.group("town")
                    and name == o.group("name").strip()
                    and p.country_code not in towns_of
                ):
                    continue
                found.add((p.country_code, p.name))
    return frozenset(found)


_FACILITY = re.compile(
    r"\b(?:University|Airport|Hospital|Centre|Center|Stadium|Prison|Jail|Market|Camp|School|"
    r"Mosque|Church|Cathedral|Square|Bridge|Port|Harbour|Station|Base|Barracks|Palace)\b"
)


#: An institution's name that a place ends ("the University of Kansas", "Bank of England").
_BODY_OF = re.compile(
    r"\b(?:University|College|Institute|Bank|Museum|Church|Archdiocese|Diocese|Academy|"
    r"School|Hospital|Library|Embassy|Consulate|Chamber|Association|Federation|Board|"
    r"Commission|Society|Club|Council|Court|Conservatory|Polytechnic)\s+of\s+(?:the\s+)?$"
)
#: An entity the NER cut just before its place: "the University of", "the Bank of the".
_CUT_BEFORE_PLACE = re.compile(r"\bof(?:\s+the)?\s*$", re.I)
#: A body's name ending "of <Place>" ("University of Kansas", "Government of Ontario").
_OF_PLACE = re.compile(r"\bof\s+(?:the\s+)?(?P<name>[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2})$")


_STREET = re.compile(
    r"\b(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Boulevard|Blvd\.?|Lane|Drive|Highway|Way)$"
)


def _place_in_name(gaz: Gazetteer, name: str) -> tuple[str, list[Place]]:
    """Return the place that opens a facility's or body's name ("Minya University")."""
    if _STREET.search(name):
        return name, []  # "Falcon Street" is no place called Falcon
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


#: Words after a place name that make "X Word" a feature of X, not a person called X.
_FEATURE_WORDS = frozenset(
    {
        "province", "provincial", "state", "city", "county", "district", "region", "town",
        "village", "governorate", "airport", "university", "hospital", "dam", "lake", "river",
        "valley", "mountains", "mountain", "street", "road", "square", "bridge", "port",
        "camp", "prison", "stadium", "station", "base", "market", "centre", "center", "bay",
        "island", "islands", "coast", "border", "gulf", "sea", "desert", "plain", "plains",
        "heights", "peninsula", "strait", "canal", "oblast", "krai", "prefecture",
    }
)  # fmt: skip


#: Titles before a person's name: a place name right after one is a first name ("Lt.
#: Michael Baylous", "Judge Michael Barrett", "President Vladimir Putin").
_TITLE_WORDS = (
    "president judge minister commissioner governor senator lt lieutenant sgt sergeant "
    "capt captain col colonel gen general maj major dr mr mrs ms rev reverend pope king "
    "queen prince princess sheikh mayor sen rep deputy inspector officer detective chief "
    "spokesman spokeswoman secretary ambassador premier chancellor"
)
_PERSON_TITLES = frozenset(_TITLE_WORDS.split())


def _first_names(sdoc: Doc) -> set[str]:
    """Return place names the story uses as a person's first name ("Georgia Stevens")."""
    names: set[str] = set()
    for ent in sdoc.ents:
        if ent.label_ not in PLACE_LABELS or len(ent) != 1 or ent.end >= len(sdoc):
            continue
        nxt = sdoc[ent.end]
        before = [t for t in sdoc[max(0, ent.start - 2) : ent.start] if t.text != "."]
        if (
            before
            and before[-1].lower_ in _PERSON_TITLES
            and nxt.is_title
            and nxt.is_alpha
            and nxt.lower_ not in _FEATURE_WORDS
        ):
            names.add(ent.text)  # "Lt. Michael Baylous": a title, then first name and surname
            continue
        # The model tags the surname a PERSON once the ruler took the first name as a place.
        if (
            ent[0].whitespace_ == " "
            and not ent.text.isupper()  # "CAR Rebel Attack": an acronym is no first name
            and nxt.ent_type_ == "PERSON"
            and nxt.is_title
            and nxt.lower_ not in _FEATURE_WORDS
        ):
            names.add(ent.text)
    return names


#: A capitalised name and an opening bracket right before a place: the place qualifies the
#: name ("Islamic State (West Africa)", "Hezbollah (Lebanon)").
_NAME_QUALIFIER = re.compile(r"\b(?:State|Movement|Front|Army|Forces|Group|Party|Brigades?)\s*\($")

#: A street or market named after a place, elsewhere: "London Road", "Souq Libya".
_STREET_AFTER = re.compile(
    r"\s+(?:Road|Street|St\.|Avenue|Ave\.|Highway|Boulevard|Blvd\.?|Lane|Drive|Rd\.?)(?!\w)"
)
_MARKET_BEFORE = re.compile(r"\b(?:Souq|Souk|Suq|Sook)\s+$")
#: A square, market or area named for a place, inside the town named after it: "Limbe
#: market in Blantyre", "Al-Karama square in As-Sweida", "Galle Face Green in Colombo".
_LANDMARK_IN = re.compile(
    r"(?:\s+[A-Z][\w'’-]+)?\s+(?:[Ss]quare|[Mm]arket|[Gg]reen|[Pp]laza|[Rr]oundabout|[Jj]unction|"
    r"[Aa]rea|[Tt]erminus|[Cc]rossroads)\s+(?:in|of)\s+(?:the\s+)?(?:city\s+of\s+)?[A-Z]"
)


def countries_said(gaz: Gazetteer, sdoc: Doc) -> set[str]:
    """Return the countries a story names: by name, by a people's name, by a province."""
    out: set[str] = set()
    for ent in sdoc.ents:
        if ent.label_ not in ("GPE", "LOC", "NORP"):
            continue
        if code := gaz.demonym_country(ent.text):
            out.add(code)
            continue
        out.update(
            p.country_code
            for p in gaz.lookup(ent.text)
            if p.country_code and p.is_main and p.kind in ("country", "province")
        )
    return out


def spelt(gaz: Gazetteer, name: str, said: set[str]) -> list[Place]:
    """Return the places another spelling of the name means, in a country the story names.

    A name the gazetteer lacks may be a place it spells otherwise ("Baramulla", "El Buur");
    the looser key finds namesakes everywhere, so only those in the story's countries count.
    """
    return [p for p in gaz.lookup_spelling(name) if p.country_code in said]


#: "Capitol Hill in Monrovia (Montserrado)", "the Taima area of Jahra (Al Jahra)".
_HELD_BY = re.compile(r"\s+(?:[\w'’-]+\s+){0,2}?(?:in|of|near|outside|at)\s+(?:the\s+)?")


def _held(c: Candidate, text: str, groups: list[BracketGroup]) -> Candidate | None:
    """Return the candidate read inside the bracketed place that holds it, or None.

    A local name said to lie in a place given with its containers ("Capitol Hill in
    Monrovia (Montserrado)") is read only in that place's countries; with no reading there
    it is a local name the gazetteer lacks, not a namesake abroad.
    """
    m = _HELD_BY.match(text, c.end)
    if m is None:
        return c
    g = next((g for g in groups if g.start == m.end() and g.start != c.start), None)
    if g is None or not (g.places or g.parts):
        return c
    countries = {p.country_code for p in g.places} or {
        p.country_code for *_, places in g.parts for p in places
    }
    kept = [p for p in c.places if p.country_code in countries]
    return dataclasses.replace(c, places=kept) if kept else None


def _headline_label(text: str, start: int, end: int) -> bool:
    """Return True for a name that labels its line ("Huwara: settlers torch cars")."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return False
    m = _LINE_LABEL.match(text, line_start)  # also "Larissa tonight: ...", "Batumi - ..."
    return text[end : end + 2] in (": ", ":\n") or (m is not None and m.end("name") == end)


def _doubled(sdoc: Doc, gaz: Gazetteer) -> set[int]:
    """Return the starts of entities that repeat the one before them ("Saba Saba", a
    Kenyan day of protest), unless the doubled name is a known town ("Walla Walla")."""
    out: set[int] = set()
    for a, b in pairwise(sdoc.ents):
        if (
            a.text == b.text
            and b.start_char == a.end_char + 1
            and not any(p.population >= 10_000 for p in gaz.lookup(f"{a.text} {b.text}"))
        ):
            out.update((a.start_char, b.start_char))
    return out


#: A word that may go on a place's name: "del Caguán", "de Moreno", "Totolapan".
_NAME_GOES_ON = re.compile(
    r"[ \t]+(?:(?:de|del|de la|de las|de los|do|da|dos|das|y)[ \t]+)?[A-Z][\w'’.-]*"
)


def _longer_name(gaz: Gazetteer, text: str, start: int, end: int) -> int:
    """Return the end of the longest known name the words after a span go on to make.

    spaCy cuts Spanish and Portuguese names at their particles or splits them in two: "San
    Vicente" of "San Vicente del Caguán", "San Miguel" and "Totolapan" of "San Miguel
    Totolapan". Up to three more words are taken when the longer name is in the gazetteer.
    """
    best = pos = end
    for _ in range(3):
        m = _NAME_GOES_ON.match(text, pos)
        if m is None:
            break
        pos = m.end()
        if gaz.lookup(clean_span(text[start:pos])):
            best = pos
    return best


#: A point of the compass and a district's kind word after a name: the name is part of a
#: district's ("Bor South county", "Turkana East sub-county", "Kaduna North LGA").
_PART_OF_DISTRICT = re.compile(
    r"[ \t]+(?:North|South|East|West|Central|Upper|Lower|North-?(?:East|West)|"
    r"South-?(?:East|West))[ \t]+(?:sub-)?" + ADMIN2_KIND + r"\b"
)
#: Words before a name that may begin it: "Mocimboa da" of "Mocimboa da Praia".
_NAME_BEGINS = re.compile(
    r"[A-Z][\w'’.-]*[ \t]+(?:(?:de|del|de la|do|da|dos|das)[ \t]+)?$"
)


def _earlier_name(gaz: Gazetteer, text: str, start: int, end: int) -> int:
    """Return the start of a known name the words before a span begin.

    spaCy tags "Praia" of "Mocimboa da Praia" alone (and the name Praia is Cape Verde's
    capital): one or two capitalised words before it, with a particle, are taken when the
    longer name is in the gazetteer.
    """
    best = pos = start
    for _ in range(2):
        m = _NAME_BEGINS.search(text, max(0, pos - 30), pos)
        if m is None:
            break
        pos = m.start()
        if _MARKET_BEFORE.search(text, max(0, pos - 1), m.end()):
            break  # "Souq Libya in Omdurman": a market named for a place, not a place
        if gaz.lookup(clean_span(text[pos:end])):
            best = pos
    return best


def find_candidates(
    document: Document, sdoc: Doc, gaz: Gazetteer, toponyms: ToponymModel | None = None
) -> list[Candidate]:
    """Return the spans of the story that name places in the gazetteer.

    With a toponym classifier, gazetteer names the rules below leave over are candidates
    too when the classifier takes them for places.
    """
    text = document.text
    out: list[Candidate] = []
    persons = _first_names(sdoc)
    #: Entities the rules below take for people or parts of other names: the classifier
    #: may not bring them back.
    ruled_out: list[tuple[int, int]] = []
    groups = bracket_groups(gaz, text)
    #: Spans the coder's brackets settle: a known name before them, and no entity may
    #: cross the bracket ("Handwara (Kupwara," tagged as one GPE).
    # A name before a bracket of known places is settled even when the gazetteer lacks it
    # there: "Kissy (Freetown, Western Area)" is no Kissy abroad but a part of Freetown.
    settled = [(g.start, g.end) for g in groups if g.places or g.parts]
    # and the bracket's own parts: "(Kalehe, South Kivu)" is the province, not "Kivu"
    settled += [(a, b) for g in groups for a, b, *_ in g.parts]
    parens = [g.paren for g in groups]
    doubled = _doubled(sdoc, gaz)
    said: set[str] | None = None  # the countries the story names, when a spelling needs them
    reach = 0  # the end of the last name taken
    for ent in sdoc.ents:
        if ent.label_ not in PLACE_LABELS and ent.label_ not in MISLABELS:
            continue
        if ent.start_char in doubled:
            continue  # "Saba Saba protesters": a name said twice is no place the gazetteer has
        if (
            _STREET_AFTER.match(text, ent.end_char) or _LANDMARK_IN.match(text, ent.end_char)
        ) or _MARKET_BEFORE.search(text, max(0, ent.start_char - 8), ent.start_char):
            continue  # "barricaded London Road", "looted Souq Libya": a street, a market
        if any(a < ent.end_char and ent.start_char < b for a, b in settled) or any(
            ent.start_char < at < ent.end_char for at in parens
        ):
            continue
        if (
            ent.text in persons
            or (len(ent) == 1 and ent[0].is_stop and ent.text.istitle())
            or ent.text.islower()  # "naira", "swan"
            or (
                ent.start > 0
                and sdoc[ent.start - 1].ent_type_ == "PERSON"
                and sdoc[ent.start - 1].text[:1].isalpha()
            )  # "Ramon Rodriguez", "John T. Downey": a surname
        ):
            # "Georgia Stevens ... Georgia began skating"; "Most" (a Czech town); a surname.
            ruled_out.append((ent.start_char, ent.end_char))
            continue
        if ent.label_ in ("ORG", "FAC") and _CUT_BEFORE_PLACE.search(ent.text):
            # "the University of" cut before "Ibadan": the body is no place (University,
            # Florida); the place after it is found on its own, as embedded
            continue
        end_char = ent.end_char
        usage = "literal"
        if _MODIFIER_TAIL.match(text, end_char) or (
            _NAME_QUALIFIER.search(text, max(0, ent.start_char - 40), ent.start_char)
            and text[end_char : end_char + 1] == ")"
        ):
            # "a Texas-based firm": Texas, as a modifier; "Islamic State (West Africa)": a
            # name's qualifier, not the scene
            usage = "modifier"
        elif _BODY_OF.search(text[max(0, ent.start_char - 40) : ent.start_char]):
            usage = "embedded"  # "the University of Kansas": the ruler tagged Kansas alone
        # spaCy splits hyphenated names ("Qala-e-Naw" -> "Qala"): take the whole word.
        elif tail := _HYPHEN_TAIL.match(text, end_char):
            end_char = tail.end()
        start_char = ent.start_char
        if usage == "literal":
            end_char = _longer_name(gaz, text, start_char, end_char)
            start_char = _earlier_name(gaz, text, start_char, end_char)
        if start_char < reach:
            continue  # the words a name before took into itself ("Totolapan")
        if usage == "literal" and _PART_OF_DISTRICT.match(text, end_char):
            # "Bor South county": a district the gazetteer lacks, not Bor (Serbia)
            ruled_out.append((start_char, end_char))
            continue
        reach = end_char
        if not_a_place_here(text, start_char, end_char):
            # "a Palestine Action protest in London": a campaign's name; "the Plaza de Mayo":
            # a square in Buenos Aires, not Mayo in Ireland
            ruled_out.append((start_char, end_char))
            continue
        name = clean_span(text[start_char : end_char])
        spelt_as = name
        name, places = lookup(gaz, name)
        if places and toponyms is not None and name != spelt_as and toponyms.is_word(name):
            # "Rio's North Zone", "Manda Bay": a name the gazetteer lacks, whose last word
            # alone is no place (not Zone in Lombardy, not Somalia's Bay region)
            ruled_out.append((start_char, end_char))
            continue
        if not places and (
            ent.label_ in ("GPE", "LOC")
            or _LOCATIVE_BEFORE.search(text[max(0, start_char - 32) : start_char])
            or _headline_label(text, start_char, end_char)
        ):
            if said is None:
                said = countries_said(gaz, sdoc)
            places = spelt(gaz, name, said)  # "Baramulla" for Baramula, "Hawija" for Al Hawijah
        if (
            not places
            and len(name.split()) > 1
            and (ent.label_ in ("FAC", "LOC", "GPE", "ORG") and _FACILITY.search(name))
        ):  # "Minya University" is in Minya; "Temple Mount" is not in Temple, Texas
            name, places = _place_in_name(gaz, name)
        if not places and ent.label_ in ("ORG", "FAC") and (m := _OF_PLACE.search(name)):
            # "the University of Kansas", "the Bank of England": Kansas, England, embedded
            name = m.group("name")
            places = [
                p
                for p in gaz.lookup(name)
                if p.is_main and (p.kind in ("country", "province") or p.population >= 100_000)
            ]
            usage = "embedded"
        if (
            gaz.demonym_country(name) is not None
            and (
                ent.label_ != "GPE"
                or (
                    re.match(r"\s+[a-z]", text[end_char : end_char + 3])
                    # "police in Myanmar said": a country's own name is an adjective only
                    # before a noun ("Myanmar army")
                    and not (
                        any(p.kind == "country" and p.is_main for p in places)
                        and re.match(
                            r"\s+(?:said|says|on|in|and|or|to|for|is|was|has|had)\b",
                            text[end_char:],
                        )
                    )
                )
            )
        ):
            continue  # "Somali army", "Afghan forces": an adjective, not a place
        if _TITLE_BEFORE.search(text[max(0, start_char - 25) : start_char]) or (
            ent.end < len(sdoc)
            and sdoc[ent.end].ent_type_ == "PERSON"
            # an acronym is no title: "CAR Rebel Attack on ..." (a title-case headline
            # spaCy read as a person)
            and not name.isupper()
        ):
            ruled_out.append((start_char, ent.end_char))
            continue  # "Captain Hassan Ali": a person's name
        if not places:
            continue
        if (
            ent.label_ in MISLABELS
            and name.isupper()
            and len(name) <= 5
            and not any(p.kind in ("country", "province") for p in places)
        ):
            continue  # "YPG", "BSE": an organisation's acronym (but "DRC", "NSW" are places)
        before = text[max(0, start_char - 32) : start_char]
        hint = hint_of(text, start_char, end_char, name)
        locative = (
            bool(_LOCATIVE_BEFORE.search(before))
            or _headline_label(text, start_char, end_char)
            or (
                bool(_ATTACKED_BEFORE.search(before))
                and any(p.is_main and name_key(p.name) == name_key(name) for p in places)
            )
            or bool(_FALLS_AFTER.match(text, end_char))
        )
        if ent.label_ in MISLABELS and not _strong(
            places, name, ent, bool(hint) or locative, bool(hint)
        ):
            continue
        if not (hint or locative) and word_as_subject(ent):
            ruled_out.append((start_char, ent.end_char))
            continue  # "Man killed in shelling": a headline's first word, not Man in Ivory Coast
        cap = _CAPITAL_OF.match(text[end_char : end_char + 80])
        full = text[start_char : end_char]
        offset = full.find(name) if name in full else 0
        out.append(
            Candidate(
                start_char + offset,
                start_char + offset + len(name),
                name,
                ent.label_,
                places,
                hint,
                cap.group("prov") if cap else None,
                within_of(gaz, text, end_char, start_char + offset),
                usage=usage,
            )
        )
    out.extend(_bracketed(text, gaz, groups, out))
    out.extend(_unlabelled_places(text, sdoc, gaz, out))
    if toponyms is not None:
        out.extend(_classified(text, sdoc, gaz, out, toponyms, ruled_out))
    out = [h for c in out if c.start not in doubled and (h := _held(c, text, groups))]
    out = [h for c in out if (h := _compass_at_home(c, out))]
    out.sort(key=lambda c: c.start)
    return out


#: What lies between a quarter of a town and the town: "the Siloe neighbourhood of Cali",
#: "Didouche Mourad street in Algiers", "the Sabon Gari area of Kano city".
QUARTER_OF = re.compile(
    r"\s+(?i:" + _QUARTER_WORDS + r"|street|avenue|road|favela|colonia|sector|township|market|"
    r"square|esplanade|district)\s+(?:of|in)\s+(?:the\s+)?(?:(?i:city|town)\s+of\s+)?"
)


#: People a headline opens with: "Man killed in shelling" (Man is also a town in Ivory Coast).
_PERSON_WORDS = frozenset(
    {
        "man", "woman", "boy", "girl", "child", "teen", "teenager", "youth", "baby", "father",
        "mother", "son", "daughter", "husband", "wife", "farmer", "trader", "driver", "pastor",
        "priest", "imam", "chief", "student", "soldier", "officer", "policeman", "journalist",
    }
)  # fmt: skip


def word_as_subject(ent: Span) -> bool:
    """Return True for a word for a person opening its sentence as the subject of a verb.

    A sentence's first word is capitalised whatever it is, so "Man" in "Man killed in
    shelling" says nothing of a place; "Palmyra falls to IS" and "Aden clashes" are read.
    """
    if len(ent) != 1 or ent.start != ent.sent.start or ent.text.lower() not in _PERSON_WORDS:
        return False
    nxt = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return nxt is not None and nxt.is_lower and nxt.tag_ in ("VBN", "VBD", "VBZ", "VBP")


#: A compass point alone, which many countries name a province by ("North West").
_COMPASS = re.compile(r"(?:(?:North|South)(?:[- ]?(?:east|west))?|East|West)(?:ern)?", re.I)


def _compass_at_home(cand: Candidate, found: list[Candidate]) -> Candidate | None:
    """Return the candidate, a compass point kept to the countries the story names.

    "CAR rebel attack in Northwest": a direction in the Central African Republic, not
    South Africa's North West province; in a story from Cameroon it is Cameroon's region.
    """
    if not _COMPASS.fullmatch(cand.text):
        return cand
    named = {
        p.country_code for c in found if c is not cand for p in c.places if p.kind == "country"
    }
    if not named:
        return cand
    places = [p for p in cand.places if p.country_code in named]
    return dataclasses.replace(cand, places=places) if places else None


def _bracketed(
    text: str, gaz: Gazetteer, groups: list[BracketGroup], found: list[Candidate]
) -> list[Candidate]:
    """Return the names of bracket groups, and their bracketed parts, not found otherwise."""
    taken = [(c.start, c.end) for c in found]
    out: list[Candidate] = []
    #: (start, end, is the group's own name, places)
    spans = [(g.start, g.end, True, list(g.places)) for g in groups if g.places]
    spans += [(a, b, False, list(places)) for g in groups for a, b, _name, places in g.parts]
    for start, end, own, places in spans:
        if any(a < end and start < b for a, b in taken):
            continue
        name = text[start:end]
        within = within_of(gaz, text, end, start) if own else frozenset()
        out.append(
            Candidate(
                start, end, name, "GPE", places, hint_of(text, start, end, name), None, within
            )
        )
        taken.append((start, end))
    return out


def _classified(
    text: str,
    sdoc: Doc,
    gaz: Gazetteer,
    found: list[Candidate],
    model: ToponymModel,
    ruled_out: list[tuple[int, int]],
) -> list[Candidate]:
    """Return the gazetteer n-grams outside found spans that the classifier calls places."""
    facts = story_facts(sdoc, [c.key for c in found])
    out = []
    for c in ngram_candidates(sdoc, gaz, [(f.start, f.end) for f in found] + ruled_out):
        if model.is_word(c.text) or _LANDMARK_IN.match(text, c.end_char):
            continue
        feats = features(sdoc, c, gaz, facts)
        if not model.is_place(feats):
            continue
        hint = hint_of(text, c.start_char, c.end_char, c.text)
        within = within_of(gaz, text, c.end_char, c.start_char)
        usage = "embedded" if any(k.startswith("inside=") for k in feats) else "literal"
        out.append(
            Candidate(
                c.start_char, c.end_char, c.text, "NGRAM", c.places, hint, None, within, usage=usage
            )
        )
    return out


#: "in Durres", "near Kfar Darom", "the village of Huwaysis", "drones hit Irpin": a
#: capitalised name right after a locative word, or after a verb whose object is a place, is
#: a place when the gazetteer knows it, though the model tagged nothing.
_AFTER_LOCATIVE = re.compile(
    r"\b(?:[Ii]n|[Nn]ear|[Oo]utside|[Aa]round|[Ii]nto|[Aa]cross|[Tt]owards?|[Bb]etween|"
    r"(?:shelled|bombed|struck|hit|pounded|targeted|attacked|raided|stormed|captured|seized|"
    r"recaptured|retook|overran|liberated|entered|besieged)|"
    r"(?:village|town|city|district|province|region|suburb|outskirts|area)s?\s+of)"
    r"\s+(?P<name>[A-Z][\w'’]*(?:-[\w'’]+)*(?:\s(?:al-|el-)?[A-Z][\w'’]*(?:-[\w'’]+)*){0,2})"
)
#: A place name labelling its line: "Huwara: settlers torch cars", "kherson: man killed".
_LINE_LABEL = re.compile(
    r"(?m)^[ \t]*(?P<name>[A-Za-z][\w'’-]*(?: [A-Za-z][\w'’-]*){0,2}?)"
    # "batumi tonight - ...", "larissa today: ...": a post's place and time
    r"(?:[ \t]+(?i:today|tonight|now|rn|yesterday|this morning|this evening|last night))?"
    # "shashemene 30 june - ...", "kobo, 10 april 2023 - ...": a post's place and day
    r"(?:,?[ \t]+\d{1,2}[ \t]+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r"(?:[ \t]+\d{4})?)?"
    r"(?::|[ \t]+[-–—]{1,2})[ \t]"
)
_LIST_NEXT = re.compile(
    r"(?:,\s*|,?\s+and\s+|,?\s+or\s+)(?P<name>[A-Z][\w'’]*(?:-[\w'’]+)*"
    r"(?:\s(?:al-|el-)?[A-Z][\w'’]*(?:-[\w'’]+)*){0,2})"
)
_MONTHS_DAYS = (
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)
_NOT_PLACES = frozenset(_MONTHS_DAYS.split())
_TITLES = frozenset({"Dr", "Mr", "Mrs", "Ms", "St", "Mt", "Sir", "Lord", "Lady"})
#: Entity labels whose spans the locative scan leaves alone (the model's PRODUCT or
#: WORK_OF_ART on "Manbij" is no reason to miss it).
_KEEP_LABELS = PLACE_LABELS | MISLABELS | {"DATE", "TIME", "MONEY", "CARDINAL", "QUANTITY"}


def _known(gaz: Gazetteer, name: str) -> list[Place]:
    """Return places a name after a locative word can mean: main names, or well-known ones."""
    return [
        p
        for p in gaz.lookup(name)
        if p.is_main or p.kind in ("country", "province") or p.population >= 5_000
    ]


def _unlabelled_places(
    text: str, sdoc: Doc, gaz: Gazetteer, found: list[Candidate]
) -> list[Candidate]:
    """Return places named after a locative word that the model left untagged."""
    out: list[Candidate] = []
    taken = [(c.start, c.end) for c in found] + [
        (e.start_char, e.end_char)
        for e in sdoc.ents
        if e.label_ in _KEEP_LABELS and (e.start_char, e.end_char) != (0, 0)
    ]
    matches: list[tuple[int, str]] = [
        (m.start("name"), m.group("name")) for m in _AFTER_LOCATIVE.finditer(text)
    ]
    # "kherson: man killed as artillery hits ...", "Leposavic: police arrest ...": the place a
    # line is filed from, written before a colon; "LIBREVILLE (Reuters) -", "LAHORE:": a
    # dateline's town, in capitals
    matches += [(m.start("name"), m.group("name")) for m in _LINE_LABEL.finditer(text)]
    datelines = [(m.start("name"), m.group("name").title()) for m in _DATELINE.finditer(text)]
    datelines += [(m.start("name"), m.group("name")) for m in _DATELINE_CASED.finditer(text)]
    filed = {start for start, _ in datelines}
    matches += datelines
    matches.sort()
    while matches:
        start, name = matches.pop(0)
        end = start + len(name)
        if any(a < end and start < b for a, b in taken):
            continue
        if _LANDMARK_IN.match(text, end) or _STREET_AFTER.match(text, end):
            continue  # "at Limbe market in Blantyre": the town after it is the place
        if (
            name.split()[0].lower() in _NOT_PLACES
            or name.lower() in _GENERIC
            or (name.isupper() and start not in filed)  # "in HIV patients": an acronym
            or name.endswith("-")
            or name in _TITLES
        ):
            continue
        places = _known(gaz, name)
        while not places and " " in name:  # "Kobane Sunday" -> "Kobane"
            name = name.rsplit(" ", 1)[0]
            end = start + len(name)
            places = _known(gaz, name)
        if not places:
            continue
        hint = hint_of(text, start, end, name)
        within = within_of(gaz, text, end, start)
        out.append(Candidate(start, end, name, "LOC", places, hint, None, within))
        taken.append((start, end))
        if nxt := _LIST_NEXT.match(text, end):  # "in Kobane, Manbij and al-Mayadeen"
            matches.insert(0, (nxt.start("name"), nxt.group("name")))
    return out


_ABBREVIATION = re.compile(r"^(?:[A-Z]\.){2,}$")


def find_modifiers(sdoc: Doc, gaz: Gazetteer, found: list[Candidate]) -> list[Candidate]:
    """Return demonyms ("the Syrian army", "Afghan forces") as modifier candidates.

    Each means its country; they set the story's country focus and are reported as
    mentions of kind "modifier", never as an event's place.
    """
    taken = [(c.start, c.end) for c in found]
    out: list[Candidate] = []
    toks = [(t.text, t.idx, t.is_stop, bool(t.whitespace_)) for t in sdoc]
    capital = [w[:1].isupper() and (w.isalpha() or bool(_ABBREVIATION.match(w))) for w, *_ in toks]
    i, n = 0, len(toks)
    while i < n:
        if not capital[i] or toks[i][2]:
            i += 1
            continue  # "The Syrian" is "Syrian"
        for size in (2, 1):
            if i + size > n or not all(capital[i : i + size]):
                continue
            if size == 2 and not toks[i][3]:
                continue
            start = toks[i][1]
            last = toks[i + size - 1]
            end = last[1] + len(last[0])
            name = " ".join(w for w, *_ in toks[i : i + size])
            code = gaz.demonym_country(name)
            if code is None or any(a < end and start < b for a, b in taken):
                continue
            country = gaz.country_place(code)
            if country is None:
                continue
            out.append(Candidate(start, end, name, "NORP", [country], usage="modifier"))
            i += size - 1
            break
        i += 1
    return out


def _strong(places: list[Place], name: str, ent: Span, context: bool, hint: bool) -> bool:
    if ent.label_ == "NORP" and not hint:
        return False  # demonyms feed the country focus ("near a Jewish settlement")
    if ent.label_ == "PERSON" and len(name.split()) > 1 and not context:
        return False
    if context:  # "the town of X", "in X": the sentence says it is a place
        return any(p.is_main or p.population >= 5_000 for p in places)
    if len(name.split()) > 1 and any(p.kind in _NOTABLE for p in places):
        return True  # "Metcalfe County", "Pearson International Airport": the full name
    return any(
        (p.kind in ("country", "province") and p.is_main)
        or (p.kind == "town" and p.is_main and p.population >= MISLABEL_MIN_POPULATION)
        for p in places
    )
