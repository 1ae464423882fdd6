"""From a typed sentence to an event mention: actors, date, place, counts, attribution."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from sitreps.extract.actors import (
    ActorDictionary,
    ActorMention,
    ResolvedActor,
    generic_name,
    grammatical_role,
    identity_groups,
)
from sitreps.extract.counts import Count, deaths_in, size_in
from sitreps.extract.dates import ResolvedDate
from sitreps.extract.typing import CIVILIAN_TARGET, SentenceType
from sitreps.geo.recognize import dateline_spans
from sitreps.model import Evidence, PlaceMention

__all__ = ["Mention", "attribution", "pick_actors", "verb_lemma"]

_REPORTING_LEMMAS = {"say", "tell", "report", "confirm", "add", "state", "announce", "claim"}
#: Irregular forms of the verbs we read by lemma (the parse pass runs no lemmatizer).
_IRREGULAR = {
    "said": "say",
    "says": "say",
    "told": "tell",
    "thought": "think",
    "wrote": "write",
    "written": "write",
    "writing": "write",
    "denied": "deny",
    "denies": "deny",
}


def verb_lemma(word: str) -> str:
    """Return the lemma of an English verb form ("reported" -> "report", "said" -> "say")."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    for suffix, repl in (("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)] + repl
            if suffix in ("ing", "ed", "es") and stem + "e" in _KNOWN_E:
                return stem + "e"
            if stem in _KNOWN or suffix == "ied":
                return stem
    return w


_KNOWN = {
    "say", "tell", "add", "report", "state", "claim", "accuse", "warn", "believe", "think",
    "argue", "suggest", "insist", "deny", "note", "write", "tweet", "confirm", "announce",
}  # fmt: skip
_KNOWN_E = {k for k in _KNOWN if k.endswith("e")}
NO_CLAIM = re.compile(r"\b(?:no|nobody|no one|not)\b[^.]{0,40}\bclaimed", re.I)
CLAIM = re.compile(
    r"\b(claimed responsibility|claimed|could not be (?:independently )?verified|"
    r"unverified|according to (?:the )?(?:group|militants))\b",
    re.I,
)

#: Inter codes of armed sides, and of the non-state ones among them.
ARMED = frozenset({1, 2, 3, 4, 8})
NON_STATE_ARMED = frozenset({2, 3, 4})
#: Role words naming a state's forces only with their owner ("Turkish F-16s", "Israel's navy").
OWNED_ROLES = frozenset({"state_arms"})
TERRITORY = {"Non-state actor overtakes territory", "Non-violent transfer of territory"}
ONE_SIDED_VICTIMS = {
    "Attack",
    "Abduction/forced disappearance",
    "Sexual violence",
    "Air/drone strike",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Suicide bomb",
    "Grenade",
    "Chemical weapon",
    "Mob violence",
    "Excessive force against protesters",
}


@dataclass
class Mention:
    """One sentence's report of an event, before mentions of the same event are merged."""

    label: str
    strength: float
    sentence: Span
    trigger: Token | None
    date: ResolvedDate | None
    date_inherited: bool
    place: PlaceMention | None
    geo_precision: int | None
    actor1: ResolvedActor | None = None
    actor2: ResolvedActor | None = None
    assoc1: list[str] = field(default_factory=list)
    assoc2: list[str] = field(default_factory=list)
    deaths: Count | None = None
    size: Count | None = None
    reported_by: tuple[str, int, int] | None = None
    claimed: bool = False
    #: The earlier mention this sentence goes on describing (its deaths, its place).
    continues: Mention | None = None
    index: int = 0  # sentence number in the story

    def evidence(self) -> list[Evidence]:
        """Return the evidence this mention gives for each field it fills."""
        s = self.sentence
        out = [Evidence("sub_event_type", s.text, s.start_char, s.end_char)]
        if self.trigger is not None:
            t = self.trigger
            out.append(Evidence("event_type", t.text, t.idx, t.idx + len(t.text)))
        if self.date is not None:
            out.append(Evidence("event_date", self.date.text, self.date.start, self.date.end))
        if self.place is not None and self.place.end > self.place.start:
            out.append(Evidence("location", self.place.text, self.place.start, self.place.end))
        for name, actor in (("actor1", self.actor1), ("actor2", self.actor2)):
            if actor is not None:
                m = actor.mention
                out.append(Evidence(name, m.text, m.start, m.end))
        for name, count in (("fatalities", self.deaths), ("size", self.size)):
            if count is not None:
                start = s.start_char + count.start
                out.append(Evidence(name, count.text, start, s.start_char + count.end))
        if self.reported_by is not None:
            who, start, end = self.reported_by
            out.append(Evidence("source", who, start, end))
        return out


def attribution(sent: Span) -> tuple[str, int, int] | None:
    """Return who the sentence quotes or cites ("Provincial governor X"), with offsets."""
    for tok in sent:
        if verb_lemma(tok.text) not in _REPORTING_LEMMAS or tok.pos_ != "VERB":
            continue
        for child in tok.children:
            if child.dep_ == "nsubj":
                sub = list(child.subtree)
                span = sent.doc[sub[0].i : sub[-1].i + 1]
                if span.text.lower() in ("he", "she", "they", "it", "we", "i"):
                    continue
                return span.text, span.start_char, span.end_char
    m = re.search(r"according to (?P<who>[^,.;]{3,80})", sent.text)
    if m:
        start = sent.start_char + m.start("who")
        return m.group("who"), start, start + len(m.group("who"))
    return None


def _with_roles(
    sdoc: Doc, actors: list[ResolvedActor], trigger: Token | None
) -> list[tuple[ResolvedActor, str]]:
    return [(a, grammatical_role(sdoc, a.mention, trigger)) for a in actors]


def pick_actors(
    sdoc: Doc,
    label: SentenceType,
    sent: Span,
    trigger: Token | None,
    actors: ActorDictionary,
    country_code: str | None,
    country_name: str | None,
    when: date | None,
    country_for: Callable[[ActorMention], tuple[str, str] | None] | None = None,
    country_named: Callable[[str], tuple[str, str] | None] | None = None,
    text: str | None = None,
) -> tuple[ResolvedActor | None, ResolvedActor | None, list[str], list[str]]:
    """Return actor1, actor2 and their associates for an event in this sentence.

    text is the story's text (sdoc.text, which costs a join of every token, when not given).
    """
    found: list[ResolvedActor] = []
    seen: set[str] = set()
    text = sdoc.text if text is None else text
    for m in actors.mentions(text, sent.start_char, sent.end_char):
        own = country_for(m) if country_for is not None else None
        if own is None and actors.role_of(m) in OWNED_ROLES:
            continue  # "drones", "artillery": whose only when the sentence says ("Russian drones")
        code, name = own if own is not None else (country_code, country_name)
        resolved = actors.resolve(m, code, name, when)
        if resolved is not None and resolved.name not in seen:
            seen.add(resolved.name)
            found.append(resolved)
    if country_named is not None:
        # After the dictionary's actors: "Gunmen ..." outranks a country in the same subject.
        head = trigger if trigger is not None else _main_verb(sent)
        acting = _countries_acting(sdoc, text, head, label.label, country_named, actors, when)
        for state in acting:
            if state.name not in seen:
                seen.add(state.name)
                found.append(state)
    if not found:
        implied1, implied2 = _implied_actors(label.label, None, None, sent, trigger, country_name)
        return implied1, implied2, [], []
    if any(a.inter == 2 for a in found):  # a named group is the "gunmen" of the sentence
        found = [a for a in found if not a.name.startswith("Unidentified Armed Group")]
    roles = _with_roles(sdoc, found, trigger)
    sub = label.label
    # A government signs and decrees; its forces fight (it is never a battle's side).
    armed = [a for a, _ in roles if a.inter in ARMED and not a.name.startswith("Government of")]
    civil = [a for a, _ in roles if a.inter == 7]
    protest = [a for a, _ in roles if a.inter == 6]
    riot = [a for a, _ in roles if a.inter == 5]
    agents = [a for a, r in roles if r == "agent"]
    patients = [a for a, r in roles if r == "patient"]
    a1: ResolvedActor | None = None
    a2: ResolvedActor | None = None
    if sub in TERRITORY:
        a1 = next((a for a in armed if a.inter != 1), None)
        a2 = next((a for a in armed if a.inter == 1), None)
    elif sub == "Government regains territory":
        a1 = next((a for a in armed if a.inter == 1), None)
        a2 = next((a for a in armed if a.inter != 1), None)
    elif sub in (
        "Peaceful protest",
        "Protest with intervention",
        "Excessive force against protesters",
    ):
        demonstrators = protest or civil
        if demonstrators:
            a1 = demonstrators[0] if sub != "Excessive force against protesters" else None
        police = next((a for a in armed if a.inter == 1), None)
        if sub == "Excessive force against protesters":
            a1, a2 = police, (demonstrators[0] if demonstrators else None)
        elif sub == "Protest with intervention":
            a2 = police
        if a1 is not None and a1.inter == 7:
            a1 = ResolvedActor(a1.name.replace("Civilians", "Protesters"), 6, a1.mention, a1.named)
    elif sub in ("Violent demonstration", "Mob violence"):
        crowd = riot or protest or civil
        if crowd:
            c = crowd[0]
            a1 = ResolvedActor(re.sub(r"^\w+", "Rioters", c.name), 5, c.mention, c.named)
        a2 = next((a for a in armed if a.inter == 1), None) or next(
            (a for a in civil if crowd and a is not crowd[0]), None
        )
    elif sub in ONE_SIDED_VICTIMS:
        # The side hit is never the perpetrator: with only a victim named, actor1 stays unknown.
        a1 = next((a for a in agents if a.inter != 7), None) or next(
            (a for a in armed if a not in patients), None
        )
        a2 = next((a for a in patients if a is not a1), None) or next(
            (a for a in civil if a is not a1), None
        )
        if sub == "Attack" and a2 is None and a1 is not None and CIVILIAN_TARGET.search(sent.text):
            a2 = (
                actors.resolve(_civilian_mention(sent), country_code, country_name, when)
                if country_name
                else None
            )
    elif code_family(sub) == "Battles":
        a1 = next((a for a in agents if a in armed), None) or next(iter(armed), None)
        a2 = next((a for a in patients if a in armed and a is not a1), None) or next(
            (a for a in armed if a is not a1), None
        )
    else:
        a1 = next(iter(agents), None) or next(iter(armed), None) or found[0]
        a2 = next((a for a in patients if a is not a1), None) or next(
            (a for a in armed if a is not a1), None
        )
        if a2 is None:
            a2 = next((a for a in found if a is not a1), None)
    if (
        sub == "Arrests"
        and a1 is not None
        and a1.name.startswith("Government of ")
        and country_name
    ):
        # "authorities detained ...": the codebook codes arrests to the police
        a1 = actors.state_actor("Police Forces of {country}", country_name, 1, a1.mention, when)
    a1, a2 = _implied_actors(sub, a1, a2, sent, trigger, country_name)
    rest = [a.name for a in found if a is not a1 and a is not a2]
    assoc1 = [n for n in rest if a1 is not None and _same_side(n, a1.name)]
    assoc2 = [
        n
        for n in rest
        if n not in assoc1
        and a2 is not None
        and not label.label.startswith("PLOVER")
        and _same_side(n, a2.name)
    ]
    if country_name is not None:
        assoc1, assoc2 = _with_identity(actors, text, sent, a1, a2, assoc1, assoc2, country_name)
    return a1, a2, assoc1, assoc2


#: Generic sides whose members an identity word names ("teachers" -> Teachers (Kenya)).
_CROWD_SIDES = ("Protesters (", "Rioters (", "Civilians (")


def _with_identity(
    actors: ActorDictionary,
    text: str,
    sent: Span,
    a1: ResolvedActor | None,
    a2: ResolvedActor | None,
    assoc1: list[str],
    assoc2: list[str],
    country_name: str,
) -> tuple[list[str], list[str]]:
    """Add the identity groups the sentence names to the crowd's or the victims' side."""
    groups = identity_groups(actors.mentions(text, sent.start_char, sent.end_char), country_name)
    if not groups:
        return assoc1, assoc2
    if a1 is not None and a1.name.startswith(_CROWD_SIDES[:2]):
        return assoc1 + [g for g in groups if g not in assoc1], assoc2
    if a2 is not None and a2.name.startswith(_CROWD_SIDES):
        return assoc1, assoc2 + [g for g in groups if g not in assoc2]
    return assoc1, assoc2


#: Sides a sub-event type implies when the sentence names none: a protest is by protesters,
#: an attack or abduction is on civilians (the codebook's definitions).
_IMPLIED_ACTOR1 = {
    "Peaceful protest": ("Protesters ({country})", 6),
    "Protest with intervention": ("Protesters ({country})", 6),
    "Violent demonstration": ("Rioters ({country})", 5),
    "Mob violence": ("Rioters ({country})", 5),
}
_IMPLIED_ACTOR2 = {
    "Excessive force against protesters": ("Protesters ({country})", 6),
    "Attack": ("Civilians ({country})", 7),
    "Abduction/forced disappearance": ("Civilians ({country})", 7),
    "Sexual violence": ("Civilians ({country})", 7),
    "Mob violence": ("Civilians ({country})", 7),
    # a person arrested or property looted is a civilian's, unless the sentence says whose
    "Arrests": ("Civilians ({country})", 7),
    "Looting/property destruction": ("Civilians ({country})", 7),
}


def _implied_actors(
    sub: str,
    a1: ResolvedActor | None,
    a2: ResolvedActor | None,
    sent: Span,
    trigger: Token | None,
    country_name: str | None,
) -> tuple[ResolvedActor | None, ResolvedActor | None]:
    """Fill the side a sub-event type implies; the trigger word is its evidence."""
    if country_name is None:
        return a1, a2
    if trigger is not None:
        at = ActorMention(trigger.text, trigger.idx, trigger.idx + len(trigger.text), "")
    else:
        at = ActorMention(sent.text, sent.start_char, sent.end_char, "")
    if sub == "Excessive force against protesters" and a2 is not None and a2.inter == 7:
        a2 = ResolvedActor(a2.name.replace("Civilians", "Protesters", 1), 6, a2.mention)
    if a1 is None and sub in _IMPLIED_ACTOR1:
        template, inter = _IMPLIED_ACTOR1[sub]
        a1 = ResolvedActor(generic_name(template, country_name), inter, at)
    if a2 is None and sub in _IMPLIED_ACTOR2 and (a1 is None or a1.inter != 7):
        template, inter = _IMPLIED_ACTOR2[sub]
        a2 = ResolvedActor(generic_name(template, country_name), inter, at)
    return a1, a2


#: Sub-event types whose acting country is its government, not its forces.
_GOVERNMENT_ACTS = frozenset({"Agreement", "Other", "Arrests"})


def _main_verb(sent: Span) -> Token:
    """Return the sentence's main verb, past a reporting frame ("X did Y, officials said")."""
    root = sent.root
    if root.lower_ in ("said", "says", "say", "told", "reported", "announced", "added"):
        return next((c for c in root.children if c.dep_ == "ccomp"), root)
    return root


def _countries_acting(
    sdoc: Doc,
    text: str,
    trigger: Token,
    label: str,
    country_named: Callable[[str], tuple[str, str] | None],
    actors: ActorDictionary,
    when: date | None,
) -> list[ResolvedActor]:
    """Return the states a country's name makes the subject of the event ("Israel and X agreed")."""
    verb = trigger
    if trigger.pos_ not in ("VERB", "AUX") and trigger.head.pos_ in ("VERB", "AUX"):
        verb = trigger.head  # "swapped prisoners": the noun typed, the verb has the subject
    subjects = [t for t in verb.children if t.dep_ in ("nsubj", "nsubjpass")]
    subjects += [c for t in subjects for c in t.conjuncts]
    out = []
    for tok in subjects:
        if tok.ent_type_ != "GPE" or tok.dep_ == "nsubjpass":
            continue
        ent = next((e for e in sdoc.ents if e.start <= tok.i < e.end), None)
        if ent is None or any(a <= ent.start_char < b for a, b in dateline_spans(text)):
            continue  # "GUSAU, Nigeria (Reuters) -": where the story was filed
        if (named := country_named(ent.text)) is None:
            continue
        template = (
            "Government of {country}"
            if label in _GOVERNMENT_ACTS or label.startswith("PLOVER")
            else "Military Forces of {country}"
        )
        mention = ActorMention(ent.text, ent.start_char, ent.end_char, ent.text.lower())
        out.append(actors.state_actor(template, named[1], 1, mention, when, named=True))
    return out


def code_family(label: str) -> str | None:
    """Return the ACLED event type of a label (None for PLOVER-only labels)."""
    from sitreps.extract.taxonomy import code_for

    return code_for(label).event_type


def _same_side(name: str, other: str) -> bool:
    # Associates share the role word ("Civilians (X)" with "Civilians (X)" never repeats) or
    # belong to the same state (police with the military).
    state = ("Military Forces of", "Police Forces of")
    return name.startswith(state) and other.startswith(state)


def _civilian_mention(sent: Span) -> ActorMention:
    m = CIVILIAN_TARGET.search(sent.text)
    assert m is not None
    return ActorMention(
        "civilians", sent.start_char + m.start(), sent.start_char + m.end(), "civilians"
    )


def counts_for(sent: Span, label: str) -> tuple[Count | None, Count | None]:
    """Return the deaths and the size the sentence reports for an event of this label."""
    deaths = deaths_in(sent.text) if not label.startswith("PLOVER") else None
    return deaths, size_in(sent.text)
