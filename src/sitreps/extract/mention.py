"""From a typed sentence to an event mention: actors, date, place, counts, attribution."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from sitreps.extract.actors import (
    ActorDictionary,
    ActorMention,
    ResolvedActor,
    generic_name,
    grammatical_role,
    identity_groups,
    is_casualty,
    without_period,
)
from sitreps.extract.counts import OR_WOUNDED, Count, deaths_in, number_value, size_in
from sitreps.extract.dates import ResolvedDate
from sitreps.extract.labels import Label, LabelTable
from sitreps.extract.rules import SentenceType
from sitreps.geo.recognize import dateline_spans
from sitreps.model import Evidence, PlaceMention

__all__ = ["ARMED", "NON_STATE_ARMED", "Mention", "attribution", "pick_actors", "verb_lemma"]

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
#: Explosions whose state forces, when not the grammatical agent, are the ones hit.
_DEVICE_LABELS = frozenset({"Remote explosive/landmine/IED", "Grenade", "Suicide bomb"})
#: Words right before such a role word that make the arms the story's own state's.
_OWN_ARMS = re.compile(r"\b(?:military|army|junta|regime|government|state)(?:'s)?\s+$", re.I)


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
    #: The place is the dateline's town, the sentence naming none finer.
    filed_place: bool = False

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
    sdoc: Doc,
    actors: list[ResolvedActor],
    trigger: Token | None,
    stand_in: dict[str, ResolvedActor] | None = None,
) -> list[tuple[ResolvedActor, str]]:
    """Return each actor with its role; a group said to be an unnamed side takes its role."""
    stand_in = stand_in or {}
    return [
        (a, grammatical_role(sdoc, stand_in.get(a.name, a).mention, trigger)) for a in actors
    ]


@dataclass(frozen=True)
class Scene:
    """Where and when a sentence's event happens, and how to tell whose forces act."""

    country_code: str | None
    country_name: str | None
    when: date | None
    country_for: Callable[[ActorMention], tuple[str, str] | None] | None = None
    country_named: Callable[[str], tuple[str, str] | None] | None = None


def pick_actors(
    sdoc: Doc,
    typed: SentenceType,
    sent: Span,
    trigger: Token | None,
    actors: ActorDictionary,
    labels: LabelTable,
    scene: Scene,
    text: str | None = None,
) -> tuple[ResolvedActor | None, ResolvedActor | None, list[str], list[str]]:
    """Return actor1, actor2 and their associates for an event in this sentence.

    The label's row in the table says how the sides are picked (its `actors` policy) and
    which side it implies when the sentence names none. text is the story's text
    (sdoc.text, which costs a join of every token, when not given).
    """
    text = sdoc.text if text is None else text
    label = labels[typed.label]
    found = _found_actors(sdoc, text, sent, trigger, actors, label, scene)
    if not found:
        return (*_implied_actors(label, None, None, sent, trigger, scene, actors), [], [])
    stand_in = _said_to_be(text, found)
    if any(a.inter == 2 for a in found):  # a named group is the "gunmen" of the sentence
        found = [a for a in found if not a.unidentified]
    found = [a for a in found if a not in stand_in.values()]
    a1, a2 = _sides(
        label, _with_roles(sdoc, found, trigger, stand_in), found, sent, actors, scene, labels
    )
    if (
        label.government_recoded_as
        and a1 is not None
        and scene.country_name
        and a1.name.startswith("Government of ")
    ):
        # "authorities detained ...": the codebook codes arrests to the police
        a1 = actors.state_actor(
            label.government_recoded_as, scene.country_name, 1, a1.mention, scene.when
        )
    if label.family == "demonstration" or label.government_recoded_as:
        # "security forces" dispersing a crowd or making arrests: the codebook's police
        a1, a2 = (_as_police(a, scene, actors) for a in (a1, a2))
    a1, a2 = _implied_actors(label, a1, a2, sent, trigger, scene, actors)
    rest = [a.name for a in found if a is not a1 and a is not a2]
    assoc1 = [n for n in rest if a1 is not None and _same_side(n, a1.name)]
    assoc2 = [
        n
        for n in rest
        if n not in assoc1 and a2 is not None and not label.plover_only and _same_side(n, a2.name)
    ]
    if scene.country_name is not None:
        assoc1, assoc2 = _with_identity(
            actors, text, sent, a1, a2, assoc1, assoc2, scene.country_name
        )
    return a1, a2, assoc1, assoc2


#: Words between an unnamed side and the group it is said to be ("gunmen suspected to be
#: Fulani herders", "armed men believed to be members of JNIM").
_SAID_TO_BE = re.compile(
    r"\s*,?\s+(?:who\s+(?:were|are)\s+)?(?:suspected|believed|thought|presumed|alleged|said|"
    r"identified)\s+(?:to\s+(?:be|have\s+been|belong\s+to)|as)\s+"
    r"(?:(?:members|fighters|militants|elements)\s+of\s+|from\s+)?(?:the\s+|an?\s+)?"
    r"(?:suspected\s+)?"
    # "militiamen from the CODECO armed group", "gunmen belonging to the 3R"
    r"|\s+(?:from|of|belonging\s+to|loyal\s+to)\s+(?:the\s+)?(?:suspected\s+)?",
    re.I,
)


def _said_to_be(text: str, found: list[ResolvedActor]) -> dict[str, ResolvedActor]:
    """Return, per named group, the unnamed side the sentence says it is.

    "Gunmen suspected to be Fulani herders attacked ...": the Fulani militia stands where
    the gunmen stand (in the parse, the gunmen are the subject).
    """
    out: dict[str, ResolvedActor] = {}
    for unnamed in (a for a in found if a.unidentified):
        for named in found:
            if (
                named.inter in NON_STATE_ARMED
                and not named.unidentified
                and named.mention.start > unnamed.mention.end
                and _SAID_TO_BE.fullmatch(text, unnamed.mention.end, named.mention.start)
            ):
                out[named.name] = unnamed
    return out


#: Generic sides whose members an identity word names ("teachers" -> Teachers (Kenya)).
#: Words that name people as demonstrators, whatever happens to them.
_MARCHERS = frozenset({"protesters", "protestors", "demonstrators", "marchers"})
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


#: A government's arms after its name: its military's ("government helicopters").
_GOVERNMENT_ARMS = re.compile(
    r"\s+(?:helicopters?|gunships?|warplanes?|war ?planes?|jets?|aircraft|planes?|drones?|"
    r"forces|troops|soldiers|army|artillery|tanks?)\b",
    re.I,
)


#: What lies between a parent group's name and its branch's ("Al Qaeda affiliate JNIM").
AFFILIATE = re.compile(
    r"\s*(?:-|['’]s)?\s*(?:affiliate|affiliated|-?linked|allied|aligned|branch|offshoot|"
    r"franchise|ally)(?:\s+(?:group|faction))?\s*,?\s*(?:the\s+)?",
    re.I,
)


def _found_actors(
    sdoc: Doc,
    text: str,
    sent: Span,
    trigger: Token | None,
    actors: ActorDictionary,
    label: Label,
    scene: Scene,
) -> list[ResolvedActor]:
    """Return the actors the sentence names, resolved, in order, each once."""
    found: list[ResolvedActor] = []
    seen: set[str] = set()
    for m in actors.mentions(text, sent.start_char, sent.end_char):
        if m.key in ("strike", "strikes") and label.event_type != "Explosions/Remote violence":
            continue  # "a French strike" is a walkout; "an Israeli strike on Rafah" is arms
        own = scene.country_for(m) if scene.country_for is not None else None
        if (
            own is None
            and actors.role_of(m) in OWNED_ROLES
            and not _OWN_ARMS.search(text, max(0, m.start - 30), m.start)
            and not m.key.startswith("military ")
            and "air defen" not in m.key  # a country's air defences are its own
            and "air force" not in m.key  # as is its air force ("Air force strikes on ...")
        ):
            # "drones", "artillery": whose only when the sentence says ("Russian drones");
            # "military aircraft", "junta jets", "regime helicopters" are the country's own
            continue
        code, name = own if own is not None else (scene.country_code, scene.country_name)
        resolved = actors.resolve(m, code, name, scene.when)
        if (
            resolved is not None
            and resolved.name.startswith("Government of ")
            and (arm := _GOVERNMENT_ARMS.match(text, m.end)) is not None
        ):
            # "a Syrian government helicopter", "government troops": the state's military
            country = without_period(resolved.name).removeprefix("Government of ").strip()
            at = ActorMention(text[m.start : arm.end()], m.start, arm.end(), m.key)
            resolved = actors.state_actor(
                "Military Forces of {country}", country, 1, at, scene.when
            )
        if (
            resolved is not None
            and resolved.name.startswith("Unidentified Armed Group")
            and found
            and found[-1].inter in (2, 3, 4)
            and not found[-1].name.startswith("Unidentified")
            and (
                not text[found[-1].mention.end : m.start].strip()
                or AFFILIATE.fullmatch(text[found[-1].mention.end : m.start])
            )
        ):
            # "an al Shabaab suicide bomber", "Taliban gunmen", "Al-Shabaab-linked militants":
            # the group's own
            continue
        if (
            resolved is not None
            and found
            and resolved.inter in (2, 3, 4)
            and not resolved.unidentified
            and found[-1].inter in (2, 3, 4)
            and not found[-1].unidentified
            and AFFILIATE.fullmatch(text[found[-1].mention.end : m.start])
        ):
            # "Al Qaeda affiliate JNIM", "the Islamic State-linked ADF": the branch acts
            seen.discard(found.pop().name)
        if resolved is not None and resolved.name not in seen:
            seen.add(resolved.name)
            found.append(resolved)
    if scene.country_named is not None:
        # After the dictionary's actors: "Gunmen ..." outranks a country in the same subject.
        head = trigger if trigger is not None else _main_verb(sent)
        acting = _countries_acting(sdoc, text, head, label, scene.country_named, actors, scene)
        for state in acting:
            if state.name not in seen:
                seen.add(state.name)
                found.append(state)
    return found


def _sides(
    label: Label,
    roles: list[tuple[ResolvedActor, str]],
    found: list[ResolvedActor],
    sent: Span,
    actors: ActorDictionary,
    scene: Scene,
    labels: LabelTable,
) -> tuple[ResolvedActor | None, ResolvedActor | None]:
    """Return actor1 and actor2 by the label's actor policy."""
    # A government signs and decrees; its forces fight (it is never a battle's side).
    armed = [a for a, _ in roles if a.inter in ARMED and not a.name.startswith("Government of")]
    civil = [a for a, _ in roles if a.inter == 7]
    agents = [a for a, r in roles if r == "agent"]
    patients = [a for a, r in roles if r == "patient"]
    policy = label.actors
    if policy in ("takeover", "regain"):
        handed = labels.cues["handover"].regex.search(sent.text) if policy == "takeover" else None
        if handed is not None:
            # "French troops handed over the base to the Malian army": the receiver gains it
            to = sent.start_char + handed.end()
            receivers = [a for a in armed if a.mention.start >= to - 3]
            givers = [a for a in armed if a.mention.start < to - 3]
            if receivers:
                return receivers[0], next(iter(givers), None)
        # (not in a handover or withdrawal, whose subject is often the side that leaves)
        taker = next((a for a in agents if a in armed), None)
        if taker is not None and label.name != "Non-violent transfer of territory":
            # "Syrian regime forces took full control of Khan Shaykhun after fighting with
            # HTS": the subject took it, whoever the label's usual taker is
            return taker, next((a for a in armed if a is not taker), None)
        state = next((a for a in armed if a.inter == 1), None)
        other = next((a for a in armed if a.inter != 1), None)
        return (other, state) if policy == "takeover" else (state, other)
    if policy in ("protest", "protest_intervention"):
        return _protest_sides(policy, [a for a, _ in roles if a.inter == 6] or civil, armed)
    if policy == "crowd":
        crowd = [a for a, _ in roles if a.inter == 5] or [a for a, _ in roles if a.inter == 6]
        crowd = crowd or civil
        a1 = None
        if crowd:
            c = crowd[0]
            a1 = ResolvedActor(re.sub(r"^\w+", "Rioters", c.name), 5, c.mention, c.named)
        a2 = next((a for a in armed if a.inter == 1), None) or next(
            (a for a in civil if crowd and a is not crowd[0]), None
        )
        return a1, a2
    if policy == "one_sided":
        # The side hit is never the perpetrator: with only a victim named, actor1 stays unknown.
        a1 = next((a for a in agents if a.inter != 7), None) or next(
            (
                a
                for a in armed
                if a not in patients
                # "an IED exploded under a police vehicle": state forces a device or bomber
                # met are its target, unless they are said to act
                and not (a.inter == 1 and label.name in _DEVICE_LABELS)
            ),
            None,
        )
        a2 = next((a for a in patients if a is not a1), None) or next(
            (a for a in civil if a is not a1), None
        )
        if a2 is None and label.name in _DEVICE_LABELS:
            a2 = next((a for a in armed if a.inter == 1 and a is not a1), None)
        if (
            a2 is not None
            and a2.inter == 6
            and a2.name.startswith("Protesters (")
            and a2.mention.key not in _MARCHERS
        ):
            # a bomb or gunmen striking "a crowd", "two polio workers were killed": the
            # people hit, not a demonstration (gunmen firing on "protesters" hit protesters)
            a2 = ResolvedActor(
                a2.name.replace("Protesters", "Civilians", 1), 7, a2.mention, a2.named
            )
        target = labels.lexicons.pattern("civilian_target")
        if label.civilian_victim and a2 is None and a1 is not None and target.search(sent.text):
            a2 = (
                actors.resolve(
                    _civilian_mention(sent, labels),
                    scene.country_code,
                    scene.country_name,
                    scene.when,
                )
                if scene.country_name
                else None
            )
        return a1, a2
    if policy == "battle":
        # the dead and wounded named alone were hit: "Two policemen were killed." names
        # who the attack hit, not who attacked
        # who attacked; two sides' dead ("Two gunmen and a police officer were killed in
        # the shootout") are the two sides of the fight
        hit = [a for a in armed if is_casualty(sent.doc, a.mention)]
        a1 = next((a for a in agents if a in armed), None) or next(
            (a for a in armed if a not in hit or len(hit) > 1), None
        )
        a2 = next((a for a in patients if a in armed and a is not a1), None) or next(
            (a for a in armed if a is not a1), None
        )
        return a1, a2
    # Civilians act in a clause of their own ("most residents fled"), rarely in the event.
    a1 = (
        next((a for a in agents if a.inter != 7), None)
        or next(iter(armed), None)
        or next(iter(agents), None)
        or found[0]
    )
    a2 = next((a for a in patients if a is not a1), None) or next(
        (a for a in armed if a is not a1), None
    )
    if a2 is None:
        a2 = next((a for a in found if a is not a1), None)
    return a1, a2


def _protest_sides(
    policy: str, demonstrators: list[ResolvedActor], armed: list[ResolvedActor]
) -> tuple[ResolvedActor | None, ResolvedActor | None]:
    """Return the sides of a protest: demonstrators, and police when they intervene."""
    police = next((a for a in armed if a.inter == 1), None)
    # As in every protest, the demonstrators are actor1 and the force that met them actor2
    # (ACLED's order for its Protests events, excessive force included)
    a1 = demonstrators[0] if demonstrators else None
    a2 = police if policy == "protest_intervention" else None
    if a1 is not None and a1.inter == 7:
        a1 = ResolvedActor(a1.name.replace("Civilians", "Protesters"), 6, a1.mention, a1.named)
    return a1, a2


def _as_police(
    a: ResolvedActor | None, scene: Scene, actors: ActorDictionary
) -> ResolvedActor | None:
    """Return the country's police for "security forces" named by that role word only."""
    if (
        a is None
        or not a.mention.key.endswith("security forces")
        or not scene.country_name
        or not a.name.startswith(f"Military Forces of {scene.country_name}")
    ):
        return a
    return actors.state_actor(
        "Police Forces of {country}", scene.country_name, 1, a.mention, scene.when
    )


def _implied_actors(
    label: Label,
    a1: ResolvedActor | None,
    a2: ResolvedActor | None,
    sent: Span,
    trigger: Token | None,
    scene: Scene,
    actors: ActorDictionary,
) -> tuple[ResolvedActor | None, ResolvedActor | None]:
    """Fill the side a label implies (its table row says which); the trigger is its evidence.

    A state's side is named as the dictionary names it for the date ("Police Forces of
    Ukraine (2019-)" for arrests no one is named for).
    """
    if trigger is not None:
        at = ActorMention(trigger.text, trigger.idx, trigger.idx + len(trigger.text), "")
    else:
        at = ActorMention(sent.text, sent.start_char, sent.end_char, "")
    imp1 = label.implied_actor1
    if imp1 is not None and imp1.inter == 1 and a1 is not None and a1.inter in (5, 6, 7):
        # A state's act (arrests) done by rioters, protesters or civilians is a misread
        # side: "leaders were taken into custody for instigating the mob" arrests the
        # leaders; the crowd or civilians named are who it was done to.
        a2 = a2 if a2 is not None else a1
        a1 = None
    if (
        a1 is None
        and label.implied_actor1 is not None
        and scene.country_code not in label.implied_actor1.not_in
    ):
        imp = label.implied_actor1
        a1 = _implied(imp.name, imp.inter, at, scene, actors)
    if (
        a2 is None
        and label.implied_actor2 is not None
        and (a1 is None or a1.inter != 7)
        and scene.country_code not in label.implied_actor2.not_in
    ):
        imp = label.implied_actor2
        a2 = _implied(imp.name, imp.inter, at, scene, actors)
    return a1, a2


def _implied(
    template: str, inter: int, at: ActorMention, scene: Scene, actors: ActorDictionary
) -> ResolvedActor:
    if inter == 1 and scene.country_name:
        state = actors.state_actor(template, scene.country_name, inter, at, scene.when)
        return replace(state, implied=True)
    return ResolvedActor(generic_name(template, scene.country_name), inter, at, implied=True)


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
    label: Label,
    country_named: Callable[[str], tuple[str, str] | None],
    actors: ActorDictionary,
    scene: Scene,
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
        # A government signs and decrees (the label's row says so); its forces fight.
        template = (
            "Government of {country}"
            if label.country_acts_as == "government"
            else "Military Forces of {country}"
        )
        mention = ActorMention(ent.text, ent.start_char, ent.end_char, ent.text.lower())
        out.append(actors.state_actor(template, named[1], 1, mention, scene.when, named=True))
    return out


def _same_side(name: str, other: str) -> bool:
    # Associates share the role word ("Civilians (X)" with "Civilians (X)" never repeats) or
    # belong to the same state (police with the military).
    state = ("Military Forces of", "Police Forces of")
    return name.startswith(state) and other.startswith(state)


def _civilian_mention(sent: Span, labels: LabelTable) -> ActorMention:
    m = labels.lexicons.pattern("civilian_target").search(sent.text)
    if m is None:  # the caller checked; an empty mention at the sentence start otherwise
        return ActorMention("civilians", sent.start_char, sent.start_char, "civilians")
    return ActorMention(
        "civilians", sent.start_char + m.start(), sent.start_char + m.end(), "civilians"
    )


def counts_for(sent: Span, label: Label) -> tuple[Count | None, Count | None]:
    """Return the deaths and the size the sentence reports for an event of this label."""
    deaths = deaths_in(sent.text) if not label.plover_only else None
    if deaths is not None and deaths.vague:
        deaths = _counted_subject(sent, deaths) or deaths
    return deaths, size_in(sent.text)


#: Verbs whose object is the dead ("killed the driver", "shot him dead").
_KILLING_VERBS = frozenset(
    {
        "kill", "kills", "killed", "shoot", "shoots", "shot", "murdered", "beheaded",
        "executed", "slew", "lynched", "massacred", "stabbed",
    }
)  # fmt: skip


def _counted_subject(sent: Span, vague: Count) -> Count | None:
    """Return the dead a passive death verb's subject counts, when the words did not.

    "a candidate for councillor in Moroleon, Guanajuato, was shot dead" is 1; "11 people,
    including two children, were found shot dead" is 11; "two women journalists who ran a
    news outlet were shot dead" is 2; "a journalist and an indigenous expert were killed" 2.
    An active verb's object is its dead: "gunmen ... killed the driver" is 1.
    """
    if OR_WOUNDED.match(sent.text, vague.end):
        return None  # "15 citizens were killed and injured": casualties, not deaths
    at = sent.start_char + vague.start
    verb = next((t for t in sent if t.idx >= at), None)
    subject = None
    for _ in range(3):  # "shot" <- "found" <- ...: the clause that has the subject
        if verb is None:
            return None
        dead = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if dead is not None and verb.lower_ in _KILLING_VERBS:
            subject = dead
            break
        subject = next((c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")), None)
        if subject is None and verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
            subject = verb.head  # "wanted criminal killed in police encounter": the noun
        if subject is not None or verb.head is verb:
            break
        verb = verb.head
    if subject is not None and subject.dep_ == "dobj" and subject.lower_ in ("him", "her"):
        return Count(1, vague.text, vague.start, vague.end, vague.victims, single=True)
    if subject is None or subject.pos_ not in ("NOUN", "PROPN"):
        return None
    total = 0
    for noun in [subject, *(c for c in subject.conjuncts if c.i > subject.i)]:
        numbers = [c for c in noun.children if c.dep_ == "nummod"]
        if numbers:
            n = number_value(numbers[0].text)
            if n is None:
                return None
            total += n
        elif noun.tag_ in ("NN", "NNP") and (
            # "a woman and her son": a possessive is one more
            noun is subject or any(c.dep_ in ("det", "poss") for c in noun.children)
        ):
            total += 1
        elif noun is subject:
            return None  # "residents were killed": a plural with no number stays vague
    if total <= 0:
        return None
    # one of the dead told on their own is a detail of the event's figure, not a lower one
    return Count(total, vague.text, vague.start, vague.end, vague.victims, single=total == 1)
