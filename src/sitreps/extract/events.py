"""Merging a story's mentions of one event into Event records, with notes and confidence."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from sitreps.extract.actors import ResolvedActor, without_period
from sitreps.extract.calibrate import calibrate_field
from sitreps.extract.counts import Count, deaths_in, total_deaths
from sitreps.extract.dates import ResolvedDate
from sitreps.extract.labels import LabelTable
from sitreps.extract.mention import ARMED, NO_CLAIM, NON_STATE_ARMED, Mention
from sitreps.extract.rules import (
    BLAME,
    REGISTER_HEADLINE_WORDS,
    RESPONSIBILITY,
    SentenceType,
    reads_as_headline,
)
from sitreps.model import Document, Event, Evidence, PlaceMention, make_event_id

__all__ = ["mentions_to_events"]

#: Raw field confidences by how the value was found: hand-set levels that
#: sitreps.extract.calibrate maps to the share right on our field-coded examples.
# Raw confidences by how a value was found; calibrate_field maps them to the share right
# on our field-coded examples (sitreps.extract.calibrate).
DATE_CONF = {"sentence": 0.9, "inherited": 0.75, "story": 0.45}
PLACE_CONF = {1: 0.85, 2: 0.7, 3: 0.6}
#: An actor named as such ("the Taliban", "Houthis") or by a role word ("gunmen", "troops");
#: one that moved or was inferred (the party blamed, the side a claimant hit) ranks lower.
ACTOR_CONF = {"named": 0.8, "role": 0.65, "inferred": 0.5, "unknown": 0.15}
#: Deaths with a number in the text, or without one (3 or 10 by rule).
DEATHS_CONF = {"number": 0.85, "vague": 0.7}
#: The levels above are scaled into (0, 0.5] for an event read from a headline alone and
#: into (0.5, 1] otherwise: fields from headlines are right less often in every field (UCDP
#: GED titles against our sentences, benchmarks/fields_dev.py), so one isotonic map per
#: field can hold both registers.
HEADLINE_SCALE = 0.5


def _actor_conf(actor: ResolvedActor, inferred: bool) -> float:
    if not actor.mention.key and actor.unidentified:
        return ACTOR_CONF["unknown"]  # no perpetrator named: the coders' default, a guess
    if inferred or not actor.mention.key:  # blamed, moved, or implied by the event's type
        return ACTOR_CONF["inferred"]
    return ACTOR_CONF["named" if actor.named else "role"]


def compatible_places(a: PlaceMention | None, b: PlaceMention | None) -> bool:
    """Return True when two places can be the scene of one event (same, or one inside other)."""
    if a is None or b is None:
        return True
    if (a.geonames_id, a.name) == (b.geonames_id, b.name):
        return True
    if a.country != b.country:
        return False
    coarse = {"province", "country"}
    if a.kind in coarse or b.kind in coarse:
        return a.kind == "country" or b.kind == "country" or a.admin1 == b.admin1
    return False


NEW_EVENT = re.compile(
    r"^\W*(?:separately|in (?:a|another) (?:separate )?"
    # "In a statement issued on Wednesday, the army said...": a report of the same event
    r"(?!(?:statement|communiqu|video|post|message|report|interview|press|news)\w*)\w*|"
    r"elsewhere|meanwhile|also on|"
    r"earlier|later|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b",
    re.I,
)
#: Words that put a sentence after the event it names: "arrested 24 people in connection
#: with the violence", "so far", "for their role in the riots" report a new act (the
#: arrests), not the crowd's own intervention the sentence before.
_AFTERMATH = re.compile(
    r"\b(?:in connection with|so far|since then|for (?:their|his|her|alleged) (?:role|"
    r"involvement|part)|accused of|suspected of|on charges|charged with|in the wake of|"
    r"following the|after the)\b",
    re.I,
)
#: How many sentences back a continuation may reach.
CONTINUATION_REACH = 3
#: How many days before a report's day the event it goes on telling may lie ("said on
#: Tuesday ... stormed the village late on Sunday"); "the March 24 attack", told 12 days on
#: beside a report of the town's recapture, is another event.
REPORT_LAG_DAYS = 4
#: How far back "the attack", "the strike" may reach, the sentence giving no date of its
#: own: an article's later paragraphs name the event they go on telling.
REFERENCE_REACH = 8
_DEFINITE_EVENT = re.compile(
    r"\b(?:the|this|that|[Ff]riday's|[Ss]aturday's|[Ss]unday's|[Mm]onday's|[Tt]uesday's|"
    r"[Ww]ednesday's|[Tt]hursday's) (?:\w+ )?(?:attack|strike|airstrike|air strike|"
    r"drone strike|missile strike|assault|raid|bombing|blast|explosion|ambush|clash(?:es)?|"
    r"shelling|massacre|killings?|shooting|abduction|kidnapping)\b",
)


def _days_told(mentions: list[Mention], head: Mention) -> set[date]:
    """Return the days the sentences telling one event give."""
    return {
        m.date.day
        for m in mentions
        if (m is head or m.continues is head) and m.date is not None and not m.date_inherited
    }


def continuation_of(
    mentions: list[Mention],
    typed: SentenceType,
    text: str,
    index: int,
    found_date: ResolvedDate | None,
    labels: LabelTable,
) -> Mention | None:
    """Return the earlier mention this sentence goes on describing, if it does.

    A sentence of the same family (violence, demonstration: the label table's `family`)
    with no other date goes on describing the event before it; so does a label or a cue
    whose row says which families or labels it continues (`continues_after`).
    """
    if not mentions or NEW_EVENT.match(text):
        return None
    prev = mentions[-1]
    reach = CONTINUATION_REACH
    if found_date is None and _DEFINITE_EVENT.search(text):
        reach = REFERENCE_REACH  # "Ukraine's air force said the attack was carried out..."
    if index - prev.index > reach:
        return None
    if (
        found_date is not None
        and prev.date is not None
        and found_date.day != prev.date.day
        # a report's day is no event's: "the toll has risen to 17, an official said Tuesday.
        # The assailants stormed the village late on Sunday" tells one event
        and not (
            found_date.report
            or (
                prev.date.report
                and not prev.date_inherited
                and 0 < (prev.date.day - found_date.day).days <= REPORT_LAG_DAYS
            )
            # "21 people were killed in the strike, including several whose bodies were
            # pulled from the rubble overnight": the strike told, on into the next day
            or (
                _DEFINITE_EVENT.search(text) is not None
                and (
                    0 < (found_date.day - prev.date.day).days <= 1
                    # "six fighters were killed in Friday's clashes": the event's own day
                    or found_date.day in _days_told(mentions, prev.continues or prev)
                )
            )
        )
    ):
        return None  # another day's event
    head = prev.continues or prev
    row, prev_row = labels[typed.label], labels[head.label]
    if row.family is not None and row.family == prev_row.family:
        return head
    after = row.continues_after
    if typed.cue in labels.cues:
        after = after | labels.cues[typed.cue].continues_after
    if after and _AFTERMATH.search(text):
        return None
    if head.label in after or (prev_row.family is not None and prev_row.family in after):
        return head
    return None


def _group(mentions: list[Mention]) -> list[list[Mention]]:
    groups: list[list[Mention]] = []
    for m in mentions:
        if m.continues is not None:
            home = next(g for g in groups if any(x is m.continues for x in g))
            home.append(m)
            continue
        day = m.date.day if m.date else None
        # "Separately, a soldier was killed ...": another event, though of the same kind and day
        for g in groups if NEW_EVENT.match(m.sentence.text) is None else ():
            head = g[0]
            if head.label != m.label:
                continue
            # a headline with no day of its own ("Car bomb targets police in Lice, four
            # killed") is the event the body dates
            if (head.date.day if head.date else None) != day and not _undated(g):
                continue
            if all(compatible_places(x.place, m.place) for x in g):
                g.append(m)
                break
        else:
            groups.append([m])
    return groups


def _undated(group: list[Mention]) -> bool:
    """Return True when no sentence of the group gives a day but a report's."""
    return all(m.date is None or m.date.report for m in group)


def _best_place(group: list[Mention]) -> tuple[PlaceMention | None, int | None]:
    kind_rank = {"town": 0, "district": 1, "province": 2, "country": 3}
    placed = [
        (m.geo_precision or 9, kind_rank.get(m.place.kind or "", 4), i, m)
        for i, m in enumerate(group)
        if m.place is not None
    ]
    if not placed:
        return None, None
    m = min(placed, key=lambda t: t[:3])[3]
    return m.place, m.geo_precision


def _note(ev: Event, template: str) -> str:
    a1 = ev.actor1 or "an unidentified party"
    a2 = ev.actor2 or "others"
    when = date.fromisoformat(ev.event_date).strftime("%-d %B %Y") if ev.event_date else None
    where = ", ".join(dict.fromkeys(x for x in (ev.location, ev.admin1, ev.country) if x))
    parts = [f"On {when}" if when else "On an unknown date"]
    text = template.format(a1=a1, a2=a2)
    parts.append(f", {text}" + (f" in {where}" if where else "") + ".")
    if ev.size:
        parts.append(f" Size: {ev.size}.")
    if ev.fatalities is not None:
        parts.append(f" Fatalities: {ev.fatalities}.")
    if ev.claimed:
        parts.append(" The report is a claim that could not be independently verified.")
    return "".join(parts)


def _group_date(
    group: list[Mention], published: date | None
) -> tuple[date | None, int | None, float | None]:
    """Return the event's date, its time precision and the raw confidence of the date."""
    own = [m for m in group if m.date is not None and not m.date_inherited]
    # the event's own day before the day a report of it was made
    dated = next((m for m in own if m.date is not None and not m.date.report), None)
    # a day the story set before the report's ("statement issued on August 11"): the event's
    dated = dated or next(
        (m for m in group if m.date is not None and m.date_inherited and not m.date.report),
        None,
    )
    dated = dated or next(iter(own), None)
    dated = dated or next((m for m in group if m.date is not None), None)
    if dated is not None and dated.date is not None:
        conf = DATE_CONF["inherited" if dated.date_inherited else "sentence"]
        return dated.date.day, dated.date.precision, conf
    if published is not None:
        return published, 2, DATE_CONF["story"]
    return None, None, None


@dataclass
class _Sides:
    """The event's two sides, and how they were found (for their confidence)."""

    a1: ResolvedActor | None
    a2: ResolvedActor | None
    a1_inferred: bool
    claimant: ResolvedActor | None
    moved: ResolvedActor | None


#: A blamed party's denial after its name.
_DENIED = re.compile(r"\b(?:denied|denies|deny|rejected)\b", re.I)


def _group_sides(group: list[Mention]) -> _Sides:
    """Return actor1 and actor2 of a group of mentions: claims and blame taken into account."""
    # A sentence blaming a party names the blamer as its subject: not who acted.
    acting = [m.actor1 for m in group if m.actor1 is not None and not BLAME.search(m.sentence.text)]
    # a group named by a later sentence ("The BLA said it carried out the attack") outranks
    # the unidentified armed group the first sentence implied
    a1 = next(iter(acting), None)
    if a1 is None or a1.unidentified:
        # (a named group only: "One police officer and 3 gunmen were killed" after "gunmen
        # attacked ..." names who died, not who attacked)
        a1 = next(
            (a for a in acting if not a.unidentified and a.inter in NON_STATE_ARMED), a1
        )
    elif a1.implied:
        # the side the label implied ("a drone strike": the country's air force) gives way
        # to one a later sentence names ("... said a Ukrainian drone struck the car")
        a1 = next((a for a in acting if not a.implied and not a.unidentified), a1)
    a1_inferred = a1 is None
    if a1 is None or a1.implied or a1.unidentified:
        # no one claims it: the party officials blame is the reported actor (over the side
        # the label implied, or "gunmen" the report could not name)
        a1 = next(
            (
                m.actor2
                for m in group
                if m.actor2 is not None
                and m.actor2.inter in ARMED
                and BLAME.search(m.sentence.text)
                # "blamed the OLA, which denied involvement": the report names no one
                and not _DENIED.search(
                    m.sentence.text, max(0, m.actor2.mention.end - m.sentence.start_char)
                )
            ),
            a1,
        )
    if a1 is None:  # "armed men raped ..., blaming a faction" the dictionary does not know
        a1 = next(
            (m.actor1 for m in group if m.actor1 is not None and m.actor1.inter in NON_STATE_ARMED),
            None,
        )
    # "X claimed responsibility for the attack": the claimant is who acted; whoever the
    # report named first (often the side attacked) moves to actor2.
    claimant = next(
        (
            m.actor1
            for m in group
            if m.actor1 is not None
            and RESPONSIBILITY.search(m.sentence.text)
            # "No group claimed it" leaves the attacker unnamed, unless officials blame one
            and not (NO_CLAIM.search(m.sentence.text) and BLAME.search(m.sentence.text))
        ),
        None,
    )
    moved = None
    if (
        claimant is not None
        and a1 is not None
        and without_period(claimant.name) != without_period(a1.name)
    ):
        moved, a1 = a1, claimant
    a2 = next(
        (
            actor
            for actor in [*(m.actor2 for m in group), moved]
            if actor is not None
            and (a1 is None or without_period(actor.name) != without_period(a1.name))
        ),
        None,
    )
    return _Sides(a1, a2, a1_inferred, claimant, moved)


def _group_evidence(group: list[Mention], place: PlaceMention | None) -> list[Evidence]:
    """Return the evidence of every mention; a location's only where the event was put."""
    evidence: list[Evidence] = []
    for m in group:
        evidence.extend(
            e
            for e in m.evidence()
            if e.field != "location"
            or (
                m.place is not None
                and place is not None
                and (m.place.geonames_id, m.place.name) == (place.geonames_id, place.name)
            )
        )
    return evidence


def _associates(group: list[Mention], actor: ResolvedActor | None, side: int) -> list[str]:
    """Return the associates of one side over the group, sorted, the side itself left out."""
    names = {n for m in group for n in (m.assoc1 if side == 1 else m.assoc2)}
    return sorted(names - {actor.name if actor else ""})


def _interaction(inter1: int | None, inter2: int | None) -> int | None:
    """Return ACLED's interaction code: the two inter codes, lower first (20 when one-sided)."""
    if inter1 is None or inter2 is None:
        return None
    lo, hi = sorted((inter1, inter2))
    return int(f"{lo}{hi}") if lo else int(f"{hi}0")


def _confidences(
    group: list[Mention],
    place: PlaceMention | None,
    precision: int | None,
    focus: PlaceMention | None,
    sides: _Sides,
    fatalities: int | None,
) -> dict[str, float]:
    """Return the raw confidence of the type, place, sides and deaths, by how each was found."""
    conf = {"sub_event_type": max(m.strength for m in group)}
    if place is not None:
        conf["location"] = round(PLACE_CONF.get(precision or 3, 0.5) * (0.6 + 0.4 * place.score), 3)
        conf["country"] = round(0.7 + 0.25 * place.score, 3) if place is not focus else 0.6
    if sides.a1 is not None:
        inferred = sides.a1_inferred and sides.a1 is not sides.claimant
        conf["actor1"] = _actor_conf(sides.a1, inferred)
    if sides.a2 is not None:
        conf["actor2"] = _actor_conf(sides.a2, sides.a2 is sides.moved)
    if fatalities is not None:
        conf["fatalities"] = DEATHS_CONF["number" if any(m.deaths for m in group) else "vague"]
    return conf


def _by_register(conf: dict[str, float], group: list[Mention]) -> dict[str, float]:
    """Return the raw field confidences moved into their register's half of (0, 1].

    A headline alone is its own register: its fields are right less often (its figure is
    often a day's toll or a later report's, its place the country's). Its raw values move
    below every sentence's, so the calibration maps each register on its own.
    """
    headline = all(reads_as_headline(m.sentence.text, REGISTER_HEADLINE_WORDS) for m in group)
    return {
        k: v
        if k == "sub_event_type"
        else round(HEADLINE_SCALE * v if headline else HEADLINE_SCALE + (1 - HEADLINE_SCALE) * v, 3)
        for k, v in conf.items()
    }


def _implied_by_sides(label: str, sides: _Sides, labels: LabelTable) -> str:
    """Return the label the sides imply: the table's `between_armed` when both are armed."""
    to = labels[label].between_armed
    if (
        to is not None
        and sides.a1 is not None
        and sides.a2 is not None
        and sides.a1.inter in ARMED
        and sides.a2.inter in ARMED
    ):
        return to
    return label


#: Demonstrations with no force that could kill: deaths make them excessive force.
CALM_PROTESTS = frozenset({"Peaceful protest", "Protest with intervention"})


def _with_headline(headline: Count, counts: list[Count]) -> int:
    """Return the deaths of the event a story's headline counts.

    The headline's figure is the story's own summary of its event ("Nine Maoists killed in
    encounter", "Army air strike on Nyala market kills at least a dozen"), whatever lower
    or higher figures sources give in the body; the body adds only the dead of sides the
    headline does not count ("five soldiers killed" in the headline, "neutralised four of
    the terrorists" in the body).
    """
    if headline.victims == "people":
        return headline.value
    others: dict[str, int] = {}
    everyone: list[int] = []  # "four policemen ... and two terrorists were killed"
    for c in counts:
        if c.vague or c.victims == headline.victims:
            continue
        if c.victims == "people":
            if c.mixed:
                everyone.append(c.value)
            continue
        others[c.victims] = min(c.value, others.get(c.victims, c.value))
    # the body's figure for all the dead holds the headline's side as well
    return max(headline.value + sum(others.values()), min(everyone, default=0))


def _event(
    document: Document,
    group: list[Mention],
    published: date | None,
    focus: PlaceMention | None,
    labels: LabelTable,
    headline: Count | None = None,
) -> Event:
    first = group[0]
    sides = _group_sides(group)
    code = labels[_implied_by_sides(first.label, sides, labels)]
    place, precision = _best_place(group)
    if place is None and focus is not None and code.event_type is not None:
        place, precision = focus, 3  # only the story's country is known
    conf: dict[str, float] = {}
    event_date, time_precision, date_conf = _group_date(group, published)
    if date_conf is not None:
        conf["event_date"] = date_conf
    a1, a2 = sides.a1, sides.a2
    if code.actors == "crowd" and a1 is not None and a1.name.startswith("Protesters ("):
        # a protest the story goes on to tell turned violent: its crowd are rioters
        a1 = replace(a1, name="Rioters (" + a1.name[len("Protesters (") :], inter=5)
    inter1 = a1.inter if a1 else None
    inter2 = a2.inter if a2 else (0 if a1 else None)
    fatalities: int | None = None
    if code.event_type is not None:
        counts = [m.deaths for m in group if m.deaths and m.deaths.value > 0]
        fatalities = total_deaths(counts)
        if headline is not None and labels[first.label].family is not None:
            fatalities = _with_headline(headline, counts)
    state = labels.lexicons.pattern("state_actor")
    if code.name in CALM_PROTESTS and not any(
        m.deaths and m.deaths.value > 0 and state.search(m.sentence.text) for m in group
    ):
        # a protest with no one killed by the police: the dead it protests are no event's
        fatalities = 0
    reported = next((m.reported_by[0] for m in group if m.reported_by), None)
    sources = [s for s in (document.source or document.site, reported) if s]
    evidence = _group_evidence(group, place)
    conf.update(_confidences(group, place, precision, focus, sides, fatalities))
    conf = _by_register(conf, group)
    key = f"{code.name}|{event_date}|{place.geonames_id or place.name if place else None}"
    ev = Event(
        event_id=make_event_id(document.story_id, key),
        story_id=document.story_id,
        event_date=event_date.isoformat() if event_date else None,
        time_precision=time_precision,
        disorder_type=labels.disorder(code.event_type),
        event_type=code.event_type,
        sub_event_type=None if code.plover_only else code.name,
        plover_event=code.plover,
        plover_mode=code.plover_mode,
        cameo_root=code.cameo,
        actor1=a1.name if a1 else None,
        assoc_actor_1="; ".join(_associates(group, a1, 1)) or None,
        inter1=inter1,
        actor2=a2.name if a2 else None,
        assoc_actor_2="; ".join(_associates(group, a2, 2)) or None,
        inter2=inter2,
        interaction=_interaction(inter1, inter2),
        country=place.country if place else None,
        iso3=place.iso3 if place else None,
        admin1=place.admin1 if place else None,
        admin2=place.admin2 if place else None,
        location=(place.name or place.text) if place else None,
        latitude=place.latitude if place else None,
        longitude=place.longitude if place else None,
        geo_precision=precision if place else None,
        geonames_id=place.geonames_id if place else None,
        fatalities=fatalities,
        size=next((m.size.text for m in group if m.size is not None), None),
        source="; ".join(dict.fromkeys(sources)) or None,
        source_url=document.url,
        evidence=evidence,
        field_confidence={
            k: round(v if k == "sub_event_type" else calibrate_field(k, v), 3)
            for k, v in conf.items()
        },
        claimed=any(m.claimed for m in group),
    )
    # The event's confidence is the calibrated chance that its type is right (fitted on
    # held-out folds of our examples, see sitreps.extract.train); the other fields carry
    # their own, hand-set, in field_confidence.
    ev.confidence = round(conf["sub_event_type"], 3)
    ev.notes = _note(ev, code.note)
    evidence.append(
        Evidence("notes", first.sentence.text, first.sentence.start_char, first.sentence.end_char)
    )
    return ev


def mentions_to_events(
    document: Document,
    mentions: list[Mention],
    published: date | None,
    focus: PlaceMention | None = None,
    labels: LabelTable | None = None,
) -> list[Event]:
    """Return one Event per group of mentions of the same event, in story order."""
    if labels is None:
        from sitreps.extract.labels import default_labels

        labels = default_labels()
    events: dict[str, Event] = {}
    groups: dict[str, list[Mention]] = {}
    headline = headline_deaths(document)
    counted: str | None = None  # the event the headline counts: the story's first
    for g in _group(mentions):
        ev = _event(document, g, published, focus, labels)
        if ev.event_id in events:
            # Same kind, day and place as an earlier group (one event per day): one event.
            groups[ev.event_id].extend(g)
        else:
            groups[ev.event_id] = list(g)
        if counted is None and ev.event_type is not None:
            counted = ev.event_id
        if ev.event_id in events or (ev.event_id == counted and headline is not None):
            events[ev.event_id] = _event(
                document,
                groups[ev.event_id],
                published,
                focus,
                labels,
                headline if ev.event_id == counted else None,
            )
        else:
            events[ev.event_id] = ev
    return list(events.values())


def headline_deaths(document: Document) -> Count | None:
    """Return the deaths a story's headline gives with a number, if it does."""
    title = (document.title or "").strip()
    if not title or not reads_as_headline(title) or title == document.text.strip():
        return None
    deaths = deaths_in(title)
    if deaths is None or deaths.vague or deaths.value <= 0:
        return None
    if _NO_FIGURE.match(deaths.text):
        return None  # "Insurgents attack port town, dozens dead": the body gives the figure
    return deaths


#: A headline's word for many that is no figure of its own.
_NO_FIGURE = re.compile(
    r"(?:(?:at least|more than|over|about|nearly) )?(?:dozens|scores|tens|hundreds|thousands)\b",
    re.I,
)
