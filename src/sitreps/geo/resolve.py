"""Place resolution in the story's context.

A candidate is resolved against every gazetteer entry its name can mean, scored by
population, kind, the story's country focus (countries, provinces and demonyms it names),
kind hints ("X province", "the city of X"), a containing place named after it ("Paris,
Texas"), the provinces the story names, and nearness to its other places. Context comes
in two passes: names that can mean one country only vote first; then every name's first
choice votes, and a name never votes for itself.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc

from sitreps.distance import haversine_km
from sitreps.geo.gazetteer import Gazetteer, Place
from sitreps.geo.normalize import name_key
from sitreps.geo.recognize import (
    ADMIN2_KIND,
    Candidate,
    clean_span,
    dateline_spans,
    district_within,
    find_candidates,
    find_modifiers,
    hint_of,
    in_brackets,
    lookup,
    within_of,
)
from sitreps.geo.supplements import SPLIT_FIRST_LEVELS
from sitreps.geo.toponyms import ToponymModel
from sitreps.model import Document, PlaceMention

__all__ = [
    "Candidate",
    "find_candidates",
    "place_mention",
    "resolve_mentions",
    "resolve_span",
]

#: Score weights. Set by hand on tests/geo and checked with benchmarks/geoparse.py (TR-News
#: and GeoVirus with gold spans, event-location dev); each note says what it fixed there.
W_POPULATION = 0.6  # per power of ten of a town's population
W_PROVINCE_POPULATION = 0.25  # provinces rank by their towns' people, more weakly than towns
W_FOCUS = 4.0  # times the story's share of votes for the place's country
W_MAIN = 0.8  # the name is the place's main name, not an alternate
#: Countries had 5.0: then "Georgia" in a story about Alabama and Tennessee stayed the
#: country; 3.5 lets the story's focus pick the US state (TR-News +0.001, GeoVirus +0.003).
W_KIND = {
    "country": 3.5,
    "province": 2.2,
    "region": 3.0,
    "continent": 3.0,
    "airport": 1.5,
    "landmark": 3.0,  # "the White House" is not White House, Tennessee
}
W_CAPITAL = 1.2  # a national capital of 100k+ ("Washington" is DC, not the state)
#: ... and more when the story names its country: "Paris" beside "France" or "French" is
#: not Paris, Kentucky, though the story was filed in Georgetown, Ky.
W_CAPITAL_NAMED = 2.0
W_IN_NAMED_PROVINCE = 1.5  # a town in a province the story names
W_WITHIN = 3.0  # "Glasgow, Ky.": the place named right after contains it
W_NEAR = 1.0  # within NEAR_KM of another place of the story ("London" near "Ontario" towns)
#: Two ambiguous names whose readings lie close together ("Edmonton" and "Enfield": the two
#: London districts, not Alberta and Nova Scotia) favour those readings.
W_PAIRED = 1.0
PAIR_KM = 50.0
PAIR_MAX_READINGS = 12  # each name's best-known readings looked at
PAIR_MAX_NAMES = 2  # the bonus grows with the other names near a reading, up to this many
NEAR_KM = 150.0
#: Votes added to every story's total, so that one small town's vote is no "focus"
#: (one vote gives a share of 1/3, not 1): stopped Edmonton, London (UK) going to Kentucky.
FOCUS_PRIOR_VOTES = 2


@dataclass
class _Context:
    """What the rest of the story says about where it is."""

    focus: Counter[str]
    provinces: set[tuple[str, str]]
    #: (name key, lat, lon) of the towns, districts and airports chosen in a first pass.
    points: list[tuple[str, float, float]]
    #: The votes each name cast in the first pass: a name does not vote for itself.
    own: dict[str, Counter[str]]
    #: Places (by id) of ambiguous names that lie near a place another ambiguous name can mean.
    paired: dict[int, int] = field(default_factory=dict)
    #: Countries the story names, by name or demonym ("France", "French").
    named: frozenset[str] = frozenset()
    #: Names one mention pins down ("Turkey, Texas"): their other mentions mean the same.
    settled: dict[str, Place] = field(default_factory=dict)

    def share(self, key: str, country_code: str | None) -> float:
        """Return the share of the story's country votes, other names', for a country."""
        focus = self.focus - self.own[key] if key in self.own else Counter(self.focus)
        # an entwined country's votes count for its territory too, and once in the whole
        # ("Rockets fired from Gaza hit Tel Aviv": Gaza is Palestine's, not Mozambique's)
        for c, t in _ENTWINED.items():
            if focus.get(c):
                focus[t] = max(focus.get(t, 0), focus[c])
        copied = sum(min(focus.get(c, 0), focus.get(t, 0)) for c, t in _ENTWINED.items())
        total = sum(focus.values()) - copied
        return focus.get(country_code or "", 0) / (total + FOCUS_PRIOR_VOTES)


#: Countries whose name is never written without its article ("El Salvador").
_WITH_ARTICLE = frozenset({"SV"})

#: A country whose forces act mostly in a territory coded as another: its votes count for
#: that territory too.
_ENTWINED = {"IL": "PS"}


def _focus(
    cands: list[Candidate], sdoc: Doc, gaz: Gazetteer, hints: Counter[str] | None = None
) -> Counter[str]:
    """Return votes for the story's countries from names that can mean only one country."""
    votes: Counter[str] = Counter()
    for c in cands:
        countries = {p.country_code for p in c.places if p.is_main and p.kind != "district"}
        top = c.places[0]
        if top.kind == "country":
            votes[top.country_code or ""] += 2 if len(countries) == 1 else 1
        elif len(countries) == 1:
            votes[top.country_code or ""] += 1
    for code in _demonyms_said(sdoc, gaz):
        votes[code] += 1
    votes.update(hints or {})  # named groups' countries ("Al Shabaab": Somalia)
    votes.pop("", None)
    return _entwined(votes)


def _demonyms_said(sdoc: Doc, gaz: Gazetteer) -> list[str]:
    """Return the countries the story's demonyms name, once per mention.

    A nationality spaCy tagged, and one opening a name it took for an organisation
    ("Israeli jets", "Russian forces"): the arms' owner says where the story is too.
    """
    out = []
    for ent in sdoc.ents:
        if ent.label_ == "NORP":
            code = gaz.demonym_country(ent.text)
        elif ent.label_ == "ORG" and len(ent) > 1:
            code = gaz.demonym_country(ent[0].text)
        else:
            code = None
        if code:
            out.append(code)
    return out


def _entwined(votes: Counter[str]) -> Counter[str]:
    """Return the votes with an entwined country's counted for its territory too."""
    for code, also in _ENTWINED.items():
        if votes.get(code):  # "Israeli strike kills 5 in Gaza": the Gaza Strip, not Mozambique
            votes[also] += votes[code]
    return votes


def _dwarfed(p: Place, c: Candidate) -> bool:
    """Return True when a city abroad of the province's name has five times its people.

    "Manchester" is the English city (569,000), not Jamaica's parish (62,000), unless the
    story says otherwise; "Herat" (a province and its city) and "Gaza" (a province in
    Mozambique, a city of like size in Palestine) are left to the other weights.
    """
    return any(
        q.kind == "town"
        and q.country_code != p.country_code
        and q.population >= max(5 * p.population, 200_000)
        for q in c.places
    )


def _capital_reading(p: Place, c: Candidate) -> bool:
    """Return True when a town of this province bears its name ("Herat" in Herat)."""
    return (p.country_code, p.name) in c.town_provinces


def _score(p: Place, c: Candidate, ctx: _Context, gaz: Gazetteer) -> float:
    key = c.key
    if p.kind in ("town", "country", "continent"):
        s = math.log10(p.population + 10) * W_POPULATION
    else:
        s = math.log10(10) * W_POPULATION
        if p.kind == "province" and not _capital_reading(p, c):
            s += math.log10(p.population + 10) * W_PROVINCE_POPULATION
    s += W_FOCUS * ctx.share(key, p.country_code)
    s += W_MAIN if p.is_main else 0.0
    if c.kind_hint:
        s += 3.0 if p.kind == c.kind_hint else -1.0
    if p.kind != "province" or not _dwarfed(p, c):
        s += W_KIND.get(p.kind, 0.0)
    if p.kind == "country" and p.country_code in _WITH_ARTICLE and " " not in c.text.strip():
        # "Salvador, Bahia" is the city: the country is "El Salvador", article and all
        s -= W_KIND["country"] + W_MAIN + 2.0
    if p.population >= 100_000 and gaz.is_capital(p):
        s += W_CAPITAL
        if p.country_code in ctx.named:
            s += W_CAPITAL_NAMED
    # A kind the words around the name rule out ("New York Gov.") gets no bonus for being local.
    local = p.kind in ("town", "district", "airport") and c.kind_hint != "province"
    if local and _in_provinces(p, ctx.provinces):
        s += W_IN_NAMED_PROVINCE
    if c.within and (
        ("", p.country_code or "") in c.within
        or (local and _in_provinces(p, c.within))
        or (p.kind == "province" and (p.country_code or "", p.name) in c.within)
    ):
        s += W_WITHIN
    if (
        p.kind == "town"
        and p.population < 100_000
        and any(name != _whole_first_level(p) for name in c.province_names.get(p.country_code, ()))
    ):
        s -= 1.5  # "California" is the state, not California, Maryland (a namesake elsewhere)
    if c.capital_of and (_whole_first_level(p) or "").lower() == c.capital_of.lower():
        s += 4.0
    if (
        local
        and p.lat is not None
        and p.lon is not None
        and any(
            k != key and haversine_km(p.lat, p.lon, lat, lon) <= NEAR_KM
            for k, lat, lon in ctx.points
        )
    ):
        s += W_NEAR
    if local or p.kind == "province":
        s += W_PAIRED * min(ctx.paired.get(p.id, 0), PAIR_MAX_NAMES)
    return s


def _paired(cands: list[Candidate]) -> dict[int, int]:
    """Return, for local readings of ambiguous names, how many other names have one nearby."""
    import numpy as np

    rows: list[tuple[int, int, float, float]] = []
    names: dict[str, int] = {}
    for c in cands:
        local = [
            p
            for p in c.places[:PAIR_MAX_READINGS]
            if p.kind in ("town", "district", "province")
            and p.lat is not None
            and p.lon is not None
        ]
        if len(local) < 2 or c.key in names:
            continue
        names[c.key] = len(names)
        rows.extend((names[c.key], p.id, p.lat, p.lon) for p in local)  # type: ignore[misc]
    if len(names) < 2:
        return {}
    name = np.array([r[0] for r in rows])
    lat = np.radians([r[2] for r in rows])
    lon = np.radians([r[3] for r in rows])
    dlat = lat[:, None] - lat[None, :]
    dlon = lon[:, None] - lon[None, :]
    a = np.sin(dlat / 2) ** 2 + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dlon / 2) ** 2
    near = (2 * 6371.0 * np.arcsin(np.sqrt(np.clip(a, 0, 1))) <= PAIR_KM) & (
        name[:, None] != name[None, :]
    )
    out: dict[int, int] = {}
    for i in np.flatnonzero(near.any(axis=1)):
        others = len(set(name[near[i]].tolist()))
        out[rows[i][1]] = max(out.get(rows[i][1], 0), others)
    return out


def _context(
    cands: list[Candidate], sdoc: Doc, gaz: Gazetteer, hints: Counter[str] | None = None
) -> _Context:
    """Return the story's context: a first pass on names alone, then on its own choices."""
    paired = _paired(cands)
    # The first pass already knows which readings pair up: its choices cast the votes.
    first = _Context(_focus(cands, sdoc, gaz, hints), set(), [], {}, paired)
    chosen = [max(c.places, key=lambda p: _score(p, c, first, gaz)) for c in cands]
    focus: Counter[str] = Counter()
    own: dict[str, Counter[str]] = {}
    for c, p in zip(cands, chosen, strict=True):
        if p.country_code:
            vote = 2 if p.kind == "country" else 1
            focus[p.country_code] += vote
            own.setdefault(name_key(c.text), Counter())[p.country_code] += vote
    said: Counter[str] = Counter(hints or {})
    said.update(_demonyms_said(sdoc, gaz))
    focus.update(_entwined(said))
    provinces = {(p.country_code or "", p.name) for p in chosen if p.kind == "province"}
    # Only names with one main place anchor their neighbours: wrong namesakes chosen in the
    # first pass must not pull each other along (London and Edmonton, Kentucky).
    points = [
        (name_key(c.text), p.lat, p.lon)
        for c, p in zip(cands, chosen, strict=True)
        if p.kind in ("town", "district", "airport")
        and p.lat is not None
        and p.lon is not None
        and sum(q.is_main for q in c.places) == 1
    ]
    named = {p.country_code for p in chosen if p.kind == "country" and p.country_code}
    named |= set(_demonyms_said(sdoc, gaz))
    ctx = _Context(focus, provinces, points, own, paired, frozenset(named))
    for c in cands:
        if (c.within or c.capital_of) and c.key not in ctx.settled:
            ctx.settled[c.key] = max(c.places, key=lambda p: _score(p, c, ctx, gaz))
    return ctx


def _whole_first_level(p: Place) -> str | None:
    """Return the place's admin1, the whole for a part ACLED splits ("Shan-North" -> Shan)."""
    return SPLIT_FIRST_LEVELS.get((p.country_code or "", p.admin1 or ""), p.admin1)


def _in_provinces(p: Place, provinces: Collection[tuple[str, str]]) -> bool:
    """Return True when the place's first or second level is one of the (country, name)s."""
    cc = p.country_code or ""
    return (cc, _whole_first_level(p) or "") in provinces or (
        p.admin2 is not None and (cc, p.admin2) in provinces
    )


def _inside(p: Place, within: frozenset[tuple[str, str]]) -> bool:
    """Return True when the place lies in one of the containers (countries, provinces)."""
    if ("", p.country_code or "") in within:
        return True
    if p.kind == "province":
        return (p.country_code or "", p.name) in within
    # A note's bracketed "province" may be the town's admin2 in the gazetteer: Ouahigouya
    # (Yatenga province) is in the region Nord, province (admin2) Yatenga.
    return p.kind != "country" and _in_provinces(p, within)


def _container(c: Candidate, gaz: Gazetteer, district: str | None = None) -> Place | None:
    """Return the smallest place a candidate is said to lie in: district, province, country.

    district: the district a note names around it ("(Shagari LGA, Sokoto state)"); taken
    when the gazetteer has it in the named province, as a district or as the town it is
    named after (its seat, then placed as the district).
    """
    provinces = sorted(w for w in c.within if w[0])
    province = next(
        (p for cc, name in provinces if (p := gaz.province(cc, name)) is not None), None
    )
    if district is not None:
        for p in gaz.lookup(district):
            if p.kind not in ("district", "town") or not _inside(p, c.within):
                continue
            return p if p.kind == "district" else _as_district(p)
    if province is not None:
        return province
    countries = sorted(w[1] for w in c.within if not w[0])
    return gaz.country_place(countries[0]) if countries else None


def _as_district(p: Place) -> Place:
    """Return a town as the district named after it ("Qadis district", "Shagari LGA")."""
    return replace(p, kind="district", admin2=p.name)


#: A story whose other names give one country this share of their votes is set there...
FOREIGN_FOCUS = 0.5
#: ... and a town smaller than this elsewhere, in a country nothing else in the story
#: names, is a name the gazetteer lacks in the story's country, not a town abroad: "la
#: Noria canton" in a Salvadoran report is no Norīa in India, "El Plateado" in a Colombian
#: one no town in Mexico (GDELT's classic error).
FOREIGN_POPULATION = 50_000
#: Votes the story's country needs before anything is held to be abroad.
FOREIGN_VOTES = 3
#: The same for provinces and districts, under this many people.
FOREIGN_REGION = 1_000_000


def _foreign_village(p: Place, c: Candidate, ctx: _Context) -> bool:
    """Return True when p is a small town or a province abroad, in a story set elsewhere."""
    small_town = p.kind == "town" and p.population < FOREIGN_POPULATION
    # a small province or district abroad is as unlikely: "Herrera" in a Salvadoran report
    # is a person, not Panama's province (MUC-3/4 dev); Texas or Punjab may be news anywhere
    small_region = p.kind in ("province", "district") and p.population < FOREIGN_REGION
    # a city abroad known by a name that does not even start like its own: "the groupement
    # of Jomba" in a Congolese report is no "Jomba", a variant of Zomba in Malawi (a
    # transliteration keeps its first letter: Mekelle is Mek'ele)
    variant = (
        p.kind == "town"
        and p.population < FOREIGN_REGION
        and name_key(p.name)[:1] != c.key[:1]
    )
    if (
        not (small_town or small_region or variant)
        or c.usage != "literal"
        or c.within
        or c.capital_of
    ):
        return False
    if ctx.share(c.key, p.country_code) > 0:
        return False
    focus = ctx.focus - ctx.own[c.key] if c.key in ctx.own else ctx.focus
    if not focus:
        return False
    _, votes = focus.most_common(1)[0]
    if votes < FOREIGN_VOTES:
        return False  # "a Chinese-funded bus near Dasu": one word is no setting
    return votes / (sum(focus.values()) + FOCUS_PRIOR_VOTES) >= FOREIGN_FOCUS


def _best(c: Candidate, ctx: _Context, gaz: Gazetteer, district: str | None = None) -> Place:
    """Return the candidate's most likely place in the story's context.

    A container named with it ("X in Y province", "X, Y", "the Y town of X", "X (Y)") is a
    constraint: a reading inside Y wins when there is one; when there is none, the gazetteer
    lacks X and the place is Y itself, its smallest known container ("Mahas in Hiran region"
    is in Hiraan, Somalia, not Mahis in Jordan). district: the district the text names as
    its container, which a town of it takes as its admin2.
    """
    best = _choose(c, ctx, gaz, district)
    if best.kind == "town" and c.kind_hint == "district":
        return _as_district(best)  # "Qadis district": the gazetteer has only its seat town
    if best.kind == "town" and district is not None and _inside(best, c.within):
        if best.admin2 and name_key(best.admin2).startswith(name_key(district)):
            return best  # "Sangamon County" as the gazetteer writes it
        return replace(best, admin2=district)  # the note's own district for the town
    return best


def _choose(c: Candidate, ctx: _Context, gaz: Gazetteer, district: str | None) -> Place:
    pinned = ctx.settled.get(c.key)
    if pinned is not None and not (c.within or c.capital_of or c.kind_hint) and pinned in c.places:
        return pinned  # one sense per story: "Turkey" after "Turkey, Texas"
    places = c.places
    if c.within:
        inside = [p for p in places if _inside(p, c.within)]
        if inside:
            places = inside
        elif (container := _container(c, gaz, district)) is not None and not any(
            p.kind in ("country", "province") and p.is_main for p in places
        ):
            near = _near_container(places, container)
            if near is None:
                return container
            if container.kind == "province":
                # "Mpondwe (Kasese)": GeoNames files the town under an older first level
                # (Western Region); the note's province is the one the gazetteer now has
                return replace(near, admin1=container.admin1, iso_sub=container.iso_sub)
            return near
    return max(places, key=lambda p: _score(p, c, ctx, gaz))


#: A reading this close to the container a note names lies in it, whatever the gazetteer's
#: hierarchy says (its towns and provinces come from sources with different first levels).
NEAR_CONTAINER_KM = 60.0


def _near_container(places: list[Place], container: Place) -> Place | None:
    """Return the town reading within NEAR_CONTAINER_KM of the container's point, if any."""
    if container.lat is None or container.lon is None:
        return None
    near = [
        p
        for p in places
        if p.kind == "town"
        and p.country_code == container.country_code
        and p.lat is not None
        and p.lon is not None
        and haversine_km(p.lat, p.lon, container.lat, container.lon) <= NEAR_CONTAINER_KM
    ]
    return max(near, key=lambda p: p.population) if near else None


def _contains(outer: Place, inner: Place) -> bool:
    """Return True when outer is a country, province or district that contains inner."""
    if outer.country_code != inner.country_code or outer is inner:
        return False
    if outer.kind == "country":
        return inner.kind != "country"
    if outer.kind == "province":
        # A department or province under ACLED's first level is its towns' admin2.
        return inner.kind not in ("country", "province") and (
            _whole_first_level(inner) == outer.name
            or (outer.admin2 is not None and inner.admin2 == outer.admin2)
        )
    if outer.kind == "district":
        return inner.kind in ("town", "airport", "landmark") and inner.admin2 in (
            outer.name,
            outer.admin2,
        )
    return False


#: A district's kind word after its name: "(Pokrovsk raion, Donetsk)", "(Kani township, ...)".
_DISTRICT_AFTER = re.compile(
    r"\s+(?i:raion|rayon|district|township|tehsil|LGA|cercle|territory|municipality|county|"
    r"department|prefecture|sub-prefecture|commune|woreda|locality|hromada)\b"
)


def _said_to_contain(outer: Place, inner: Place, text: str, c: Candidate) -> bool:
    """Return True when the bracketed name only says where the place before it is, though
    the gazetteer's hierarchy does not hold it: a district named for its seat ("Selydove
    (Pokrovsk raion, Donetsk)": the gazetteer knows Pokrovsk only as the town), or a
    province of a country whose provinces and regions the gazetteer mixes ("Djibo (Soum,
    Sahel)": Soum is a province of the Sahel region, Djibo's admin1)."""
    if outer.country_code != inner.country_code or inner.kind not in (
        "town",
        "airport",
        "landmark",
    ):
        return False
    if outer.kind in ("province", "district"):
        return True
    return (
        outer.kind == "town"
        and outer.admin1 == inner.admin1
        and bool(_DISTRICT_AFTER.match(text, c.end))
    )


#: A comma, or a district named between: "Irapuato, Guanajuato", "Obregon, Cajeme municipality,
#: Sonora".
#: A district's kind word right after its name ("Cajeme municipality").
_DISTRICT_KIND_AFTER = re.compile(r"\s+" + ADMIN2_KIND + r"\b")
_COMMA_GAP = re.compile(r"\s*,\s*(?:[\w'’ -]{1,30}\s+" + ADMIN2_KIND + r"\s*,\s*)?")

#: What lies between a place's name and its bracketed container ("Kware village (", "(Shagari
#: LGA, ").
_BRACKET_GAP = re.compile(r"(?:\s+\w+)?\s*\(\s*|(?:\s+[\w ]{1,25})?\s*,\s*")


#: "shelled Kafr Nabudah, Hama", "in Dar al-Salam, Hama": a name the gazetteer lacks, right
#: after a locative word or an attack verb, then a comma and its container.
_UNKNOWN_THEN_COMMA = re.compile(
    r"\b(?:in|near|at|outside|around|shelled|attacked|bombed|struck|raided|stormed|captured|"
    r"seized|hit)\s+(?:the\s+)?(?:(?:village|town)\s+(?:of\s+)?)?"
    r"(?P<name>[A-Z][\w'’-]*(?:\s(?:al-|el-)?[A-Z][\w'’-]*){0,2})(?:\s+(?:village|town))?,\s*$"
)


def _bracket_hints(cands: list[Candidate], text: str, found: list[Candidate] | None = None) -> None:
    """Give containers named after a place ("Kafr Nabudah (Hama)") a container's kind.

    In ACLED notes a bracketed name is the province or district around the one before it:
    "(Hama)" is the governorate, not the town of Hama. So is a name after a comma when the
    name before the comma is no place the gazetteer knows ("shelled Kafr Nabudah, Hama").
    found: every candidate of the story, when cands are only some of them.
    """
    known = [(c.start, c.end) for c in (cands if found is None else found)]
    for c in cands:
        if c.kind_hint is not None:
            continue
        container = in_brackets(text, c.start)
        if not container and (
            m := _UNKNOWN_THEN_COMMA.search(text[max(0, c.start - 80) : c.start])
        ):
            at = max(0, c.start - 80) + m.start("name")
            container = not any(a <= at < b for a, b in known)
        if container:
            kinds = {p.kind for p in c.places if p.is_main}
            if "province" in kinds:
                c.kind_hint = "province"
            elif "district" in kinds:
                c.kind_hint = "district"


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
    document: Document,
    sdoc: Doc,
    gaz: Gazetteer,
    start: int,
    end: int,
    toponyms: ToponymModel | None = None,
) -> PlaceMention | None:
    """Return the place a given span of the story names, resolved in the story's context."""
    cands = find_candidates(document, sdoc, gaz, toponyms)
    ctx = _context(cands, sdoc, gaz)
    text = document.text
    name = clean_span(text[start:end])
    code = gaz.demonym_country(name)
    country = gaz.country_place(code) if code else None
    # A demonym names its country ("Spanish" is Spain, not Spanish, Ontario).
    places = [country] if country else lookup(gaz, name)[1]
    if not places:
        return None
    hint = hint_of(text, start, end, name)
    c = Candidate(start, end, name, "GPE", places, hint, None, within_of(gaz, text, end, start))
    _bracket_hints([c], text, cands)
    best = _best(c, ctx, gaz, district_within(gaz, text, end))
    return place_mention(best, document.story_id, name, start, end)


def resolve_mentions(
    document: Document,
    sdoc: Doc,
    gaz: Gazetteer,
    toponyms: ToponymModel | None = None,
    hints: Counter[str] | None = None,
) -> list[PlaceMention]:
    """Return every place mention in the story, resolved in context, in text order.

    hints: votes for the story's countries from outside the gazetteer (the countries of the
    named groups it mentions), counted as a demonym's.
    """
    cands = find_candidates(document, sdoc, gaz, toponyms)
    _bracket_hints(cands, document.text)
    ctx = _context(cands, sdoc, gaz, hints)
    datelines = dateline_spans(document.text)
    mentions = []
    before: tuple[Place, int] | None = None  # the place named last, and where its name ends
    for c in cands:
        best = _best(c, ctx, gaz, district_within(gaz, document.text, c.end))
        if (
            before is not None
            and best.kind != "province"
            and _COMMA_GAP.fullmatch(document.text, before[1], c.start)
            and (province := gaz.province(before[0].country_code or "", c.text)) is not None
            and _contains(province, before[0])
        ):
            best = province  # "Irapuato, Guanajuato": the state the town is in, not its capital
        if _foreign_village(best, c, ctx):
            continue
        conf = min(1.0, 0.5 + 0.1 * _score(best, c, ctx, gaz))
        usage = c.usage
        if (
            usage == "literal"
            and before is not None
            and (
                (
                    in_brackets(document.text, c.start)
                    and _BRACKET_GAP.fullmatch(document.text, before[1], c.start)
                    and (
                        _contains(best, before[0])
                        or _said_to_contain(best, before[0], document.text, c)
                    )
                )
                # "in Irapuato, Guanajuato", "Ciudad Obregon, Cajeme municipality, Sonora":
                # the province after a comma only says where the town is
                or (
                    _COMMA_GAP.fullmatch(document.text, before[1], c.start) is not None
                    and best.kind in ("province", "country")
                    and _contains(best, before[0])
                )
            )
        ):
            # "Kware village (Shagari LGA, Sokoto state)": the LGA and the state only say
            # where Kware is; the event is in Kware. Without a known place before them
            # ("Kafr Nabudah (Hama)"), the container is the event's place, at its precision.
            usage = "container"
        district_named = (
            usage == "literal"
            and before is not None
            and _DISTRICT_KIND_AFTER.match(document.text, c.end) is not None
            and _COMMA_GAP.fullmatch(document.text, before[1], c.start) is not None
        )
        if district_named:
            # "Ciudad Obregon, Cajeme municipality, Sonora": the municipality only says where
            # the town is, and the province after it still speaks of the town
            usage = "container"
        else:
            before = (best, c.end)
        mentions.append(
            place_mention(
                best,
                document.story_id,
                c.text,
                c.start,
                c.end,
                score=round(conf, 3),
                in_dateline=any(a <= c.start < b for a, b in datelines),
                usage=usage,
            )
        )
    for c in find_modifiers(sdoc, gaz, cands):
        mentions.append(
            place_mention(
                c.places[0], document.story_id, c.text, c.start, c.end, score=0.5, usage=c.usage
            )
        )
    mentions.sort(key=lambda m: m.start)
    return mentions
