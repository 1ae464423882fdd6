"""The extract stage: the events a cleaned story reports, each field with its evidence.

Sentence by sentence: type the sentence (sitreps.extract.typing), find its date, place,
actors and counts; then merge the mentions of one event (same kind, day and place) into one
Event with the evidence of every mention.
"""

from __future__ import annotations

import dataclasses
import re
import sys
import types
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc

from sitreps.config import Settings
from sitreps.extract.actors import ActorDictionary
from sitreps.extract.build import (
    CLAIM,
    NO_CLAIM,
    Mention,
    attribution,
    counts_for,
    pick_actors,
    verb_lemma,
)
from sitreps.extract.classifier import SPEECH
from sitreps.extract.dates import ResolvedDate, sentence_date
from sitreps.extract.encoder import classifier_for, model_alone
from sitreps.extract.events import (
    compatible_places,
    continuation_of,
    mentions_to_events,
)
from sitreps.extract.taxonomy import code_for
from sitreps.extract.typing import (
    BLAME,
    RESPONSIBILITY,
    SentenceType,
    is_background,
    may_report,
    type_as,
    type_sentence,
)
from sitreps.model import Document, Event, PlaceMention

if TYPE_CHECKING:
    from sitreps.geo import Geocoder

__all__ = ["EventExtractor", "reading_filter", "ruler_patterns"]


_OWNER = re.compile(r"([A-Z][\w-]+(?: [A-Z][\w-]+)?)(?:['’]s)?\s+(?:\w+\s+)?$")


@lru_cache(maxsize=4)
def _dictionary(files: tuple[Any, ...]) -> ActorDictionary:
    return ActorDictionary(files)


def ruler_patterns(settings: Settings) -> list[dict[str, Any]]:
    """Return entity-ruler patterns naming armed groups as organisations (label ORG)."""
    names = _dictionary(settings.actor_files).named_patterns()
    return [{"label": "ORG", "pattern": n, "id": "actor"} for n in names]


def reading_filter(settings: Settings) -> Callable[[list[str]], list[bool]]:
    """Return a function saying which of a story's sentences the extractor will read.

    A sentence with an event cue is read; so is one the classifier is sure enough reports
    an event without one (when its `uncued` threshold allows). The NLP stage parses only
    these.
    """

    def wanted(texts: list[str]) -> list[bool]:
        cued = [may_report(t) for t in texts]
        clf = classifier_for(settings.typing)
        if clf is None:
            return cued
        if clf.uncued > 1.0:  # only cued sentences are typed: score them in one batch now
            clf.predict_many([t for t, c in zip(texts, cued, strict=True) if c])
            return cued
        # Scored in one batch, all of them: the extractor reads the cued ones' scores later.
        probs = clf.predict_many(texts)
        return [
            c or (max(p, key=lambda k: p[k]) != "none" and max(p.values()) >= clf.uncued)
            for c, p in zip(cued, probs, strict=True)
        ]

    return wanted


@lru_cache(maxsize=512)
def _iso2(iso3: str | None) -> str | None:
    if not iso3:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    return country.alpha_2 if country else None


_PAST = {"VBD", "VBN"}
_REPORTING = {
    "say",
    "tell",
    "add",
    "report",
    "state",
    "claim",
    "accuse",
    "warn",
    "believe",
    "think",
    "argue",
    "suggest",
    "insist",
    "deny",
    "note",
    "write",
    "tweet",
}
#: Words that make an event noun hypothetical: "possible air strikes", "any attack".
_UNREAL = {
    "possible",
    "potential",
    "any",
    "planned",
    "imminent",
    "future",
    "proposed",
    "threatened",
    "no",
    "likely",
    "feared",
    "expected",
    "hypothetical",
}


#: Events dated more than this many days before publication are history the story recalls,
#: not news it reports (ACLED codes them from the reports of their own time).
HISTORY_DAYS = 31


def _first_person(trigger: Any) -> bool:
    """Return True when the trigger's subject is I/we outside a quotation."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not any(c.lower_ in ("i", "we") for c in subjects):
        return False
    before = verb.doc.text[verb.sent.start_char : verb.idx]
    return before.count("“") <= before.count("”") and before.count('"') % 2 == 0


_ANAPHORIC = {"the", "this", "that", "these", "those", "its", "their", "his", "her", "such"}
#: Headline grammar: a line of at most this many words with no closing full stop reports
#: past events in the present tense ("Gunmen kill 12 villagers in Zamfara raid"). 25 words
#: holds the GED headlines of ../shared/train (median 11) and no body sentence of ours.
HEADLINE_WORDS = 25
_PRESENT = {"VBZ", "VBP"}
_FUTURE = {"will", "would", "could", "may", "might", "to", "should", "must", "shall", "can"}


def is_headline(sent: Any) -> bool:
    """Return True when a sentence reads as a headline: short, no closing punctuation."""
    text = sent.text.strip().rstrip(' "”’\'')
    if not text or text[-1] in ".?!;:":
        return False
    return len(text.split()) <= HEADLINE_WORDS


def _headline_present(trigger: Any) -> bool:
    """Return True when a headline's verb (or, for a noun trigger, its root) is unmarked.

    Headlines drop tense: "Gunmen kill 12", "Troops clash with rebels", "12 killed in
    raid", "Suicide bomber targets mosque, 9 dead" all report what happened; "Taliban
    threaten to attack Kabul" and "Rebels may seize the town" do not.
    """
    if any(c.lower_ in _UNREAL for c in trigger.children):
        return False
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.sent.root
    for token in (verb, *verb.ancestors):
        marked = [c for c in token.children if c.dep_ in ("aux", "auxpass", "mark", "neg")]
        if any(c.lower_ in _FUTURE or c.dep_ == "neg" for c in marked):
            return False
    return True


def occurred(
    sent: Any, trigger: Any, has_date: bool, continuing: bool = False, speech: bool = False
) -> bool:
    """Return True when the sentence reports its event as having happened.

    A verb trigger must be past tense, or hang from a past-tense clause ("prompting
    prisoners to break out"). A noun trigger ("clashes", "an air strike", "talks") needs a
    date in the sentence or a past-tense verb that is not a reporting verb, and must not be
    marked hypothetical ("possible strikes", "any attack"). A definite noun ("the attack")
    starts no event of its own, but may go on describing the event before it.
    """
    if sent.text.rstrip(' "”’').endswith("?"):
        return False  # a question asks, it does not report
    if trigger is None:
        return True
    if is_headline(sent) and _headline_present(trigger):
        return True  # "Troops clash with rebels in Idlib": headlines report in the present
    if trigger.pos_ in ("VERB", "AUX"):
        tenses = _PAST | ({"VBZ", "VBP"} if speech else set())
        if trigger.tag_ in tenses:
            return True  # "Iran says it is ready": news reports speech in the present
        return any(a.tag_ in tenses for a in trigger.ancestors)
    if any(c.lower_ in _UNREAL for c in trigger.children):
        return False
    # "the attack", "its use of chemical weapons": a reference back, not a report, unless a
    # place or a date is attached to the noun ("the attack on Douma", "Saturday's attack").
    anaphoric = any(c.dep_ in ("det", "poss") and c.lower_ in _ANAPHORIC for c in trigger.children)
    anchored = any(t.ent_type_ in ("GPE", "LOC", "FAC", "DATE") for t in trigger.subtree)
    if anaphoric and not anchored and not continuing and not speech:
        return False
    if has_date:
        return True
    return any(t.tag_ in _PAST and verb_lemma(t.text) not in _REPORTING for t in sent)


#: How a typer may read a claim of responsibility on its own ("JNIM claimed the blast").
_CLAIM_READINGS = frozenset({"PLOVER:ACCUSE", "PLOVER:THREATEN", "PLOVER:SUPPORT", "Other"})


def _claim_of(mentions: list[Mention], text: str, index: int) -> SentenceType | None:
    """Return the type of the violent event a claim of responsibility just after it is about."""
    m = RESPONSIBILITY.search(text) or BLAME.search(text)
    if m is None or not mentions or index - mentions[-1].index > CLAIM_REACH:
        return None
    head = mentions[-1].continues or mentions[-1]
    if head.label.startswith("PLOVER") or code_for(head.label).event_type not in VIOLENT:
        return None
    return SentenceType(head.label, "claim", m.start(), m.end(), head.strength)


#: How many sentences after an attack its claim or blame may come (wire stories report
#: the toll and witnesses first).
CLAIM_REACH = 5
#: Event types a group claims responsibility for.
VIOLENT = {"Battles", "Explosions/Remote violence", "Violence against civilians"}


class EventExtractor:
    """Finds, types and codes the events of a story."""

    def __init__(self, settings: Settings, geocoder: Geocoder | None = None) -> None:
        self.settings = settings
        self.geocoder = geocoder
        self.actors = _dictionary(settings.actor_files)

    def __call__(self, document: Document, sdoc: Doc, places: list[PlaceMention]) -> list[Event]:
        """Return the events the story reports, merged, with evidence and confidence."""
        published = document.published.date() if document.published else None
        focus = self.geocoder.country_of(places) if self.geocoder is not None else None
        mentions: list[Mention] = []
        last_date: ResolvedDate | None = None
        text = sdoc.text  # Doc.text joins every token: once per story, not per actor
        for index, sent in enumerate(sdoc.sents):
            found_date = sentence_date(sent, published)  # calendar dates need no publication
            typed = self.type_sentence(sent.text, has_date=found_date is not None)
            if typed is None or typed.label in _CLAIM_READINGS:
                # a claim of responsibility for the attack just before is that attack's
                # actor, not an accusation or a statement of its own
                typed = _claim_of(mentions, sent.text, index) or typed
            if typed is None:
                last_date = found_date or last_date
                continue
            trigger_span = sdoc.char_span(
                sent.start_char + typed.start,
                sent.start_char + typed.end,
                alignment_mode="expand",
            )
            trigger = trigger_span.root if trigger_span is not None else None
            if (
                found_date is not None
                and published is not None
                and ((published - found_date.day).days > HISTORY_DAYS)
            ):
                continue  # history the story recalls ("killed in a drone strike in 2015")
            if trigger is not None and _first_person(trigger):
                continue  # the writer's own doings ("I met a group of women")
            continues = continuation_of(mentions, typed, sent.text, index, found_date)
            speech = typed.label.startswith("PLOVER")
            if not occurred(sent, trigger, found_date is not None, continues is not None, speech):
                last_date = found_date or last_date
                continue  # talked about, feared or planned, not reported as having happened
            if continues is not None:
                typed = dataclasses.replace(typed, label=continues.label)
            place, precision = self._place(sdoc, sent, places, trigger)
            if place is None and continues is None and mentions:
                prev = mentions[-1]
                if index - prev.index <= 2 and prev.place is not None:
                    place, precision = prev.place, prev.geo_precision  # the scene goes on
            if (
                continues is not None
                and place is not None
                and not compatible_places(continues.place, place)
            ):
                place, precision = None, None  # a source's or a side's place, not the event's
            inherited = found_date is None and last_date is not None
            when = found_date or last_date
            last_date = when
            country_code = _iso2(place.iso3) if place else _iso2(focus.iso3 if focus else None)
            country_name = place.country if place else (focus.country if focus else None)
            country_code, country_name = self._actor_country(
                sdoc, sent, text, country_code, country_name, when.day if when else published
            )
            a1, a2, assoc1, assoc2 = pick_actors(
                sdoc,
                typed,
                sent,
                trigger,
                self.actors,
                country_code,
                country_name,
                when.day if when else published,
                country_for=lambda m: self._country_before(text, m.start),
                country_named=self._country_named,
                text=text,
            )
            deaths, size = counts_for(sent, typed.label)
            window = sent.text + " " + (sent[-1].nbor().sent.text if sent.end < len(sdoc) else "")
            mentions.append(
                Mention(
                    label=typed.label,
                    strength=typed.strength,
                    sentence=sent,
                    trigger=trigger,
                    date=when,
                    date_inherited=inherited,
                    place=place,
                    geo_precision=precision,
                    actor1=a1,
                    actor2=a2,
                    assoc1=assoc1,
                    assoc2=assoc2,
                    deaths=deaths,
                    size=size,
                    reported_by=attribution(sent),
                    claimed=bool(CLAIM.search(window)) and not NO_CLAIM.search(window),
                    continues=continues,
                    index=index,
                )
            )
        return mentions_to_events(document, mentions, published, focus)

    def type_sentence(self, text: str, has_date: bool = False) -> SentenceType | None:
        """Return the sentence's type by the rules, the trained classifier, or both joined.

        Only sentences with an event cue are read (the parse skips the others), unless the
        classifier's own threshold for cue-less sentences says otherwise. The strength of
        the returned type is the calibrated chance that it is right.
        """
        rule = type_sentence(text, has_date=has_date)
        clf = classifier_for(self.settings.typing)
        if clf is None:
            return rule
        cued = may_report(text)
        if not cued and clf.uncued > 1.0:
            return None
        probs = clf.predict(text)
        if model_alone(self.settings.typing) or not cued:
            label = max(probs, key=lambda k: probs[k])
            threshold = clf.uncued if not cued else 0.0
            if label == "none" or probs[label] < threshold:
                return None
            got: str | None = label
            raw = probs[label]
        else:
            got, raw = clf.decide(
                rule.label if rule else None, rule.strength if rule else 0.0, probs
            )
        if got is None:
            return None
        if rule is None and got not in SPEECH and is_background(text, has_date):
            return None  # background, plans and trends are no events, whoever types them
        conf = clf.calibrated(raw)
        if rule is not None and got == rule.label:
            return dataclasses.replace(rule, strength=conf)
        return type_as(got, text, conf)

    def _actor_country(
        self,
        sdoc: Doc,
        sent: Any,
        text: str,
        code: str | None,
        name: str | None,
        when: date | None,
    ) -> tuple[str | None, str | None]:
        """Return the country whose forces and civilians the sentence's role words name.

        The place's country, unless the sentence names a group of one country elsewhere and
        one of its place names is also a place in that country: "Al-Shabaab fighters seized
        Mahas in Hiran region after government troops withdrew" puts the troops in Somalia
        even when Mahas resolves to a town in Jordan (the place itself is the geocoder's).
        """
        if self.geocoder is None:
            return code, name
        home = self.actors.home_of(text, sent.start_char, sent.end_char, when)
        if home is None or home == code:
            return code, name
        gaz = self.geocoder.gazetteer
        for ent in sent.ents:
            if ent.label_ in ("GPE", "LOC", "FAC") and any(
                p.country_code == home for p in gaz.lookup(ent.text)
            ):
                return home, gaz.country_name(home) or name
        return code, name

    def _country_named(self, name: str) -> tuple[str, str] | None:
        """Return (code, name) when the words are a country's own name ("Israel")."""
        if self.geocoder is None:
            return None
        gaz = self.geocoder.gazetteer
        place = next((p for p in gaz.lookup(name) if p.kind == "country" and p.is_main), None)
        if place is None or not place.country_code:
            return None
        country = gaz.country_name(place.country_code)
        return (place.country_code, country) if country else None

    def _country_before(self, text: str, start: int) -> tuple[str, str] | None:
        """Return the country an actor is marked as ("Sudan's army", "Ugandan troops")."""
        if self.geocoder is None:
            return None
        m = _OWNER.search(text[max(0, start - 30) : start])
        if m is None:
            return None
        gaz = self.geocoder.gazetteer
        word = m.group(1)
        code = gaz.demonym_country(word)
        if code is None:
            country = next((p for p in gaz.lookup(word) if p.kind == "country"), None)
            code = country.country_code if country else None
        name = gaz.country_name(code) if code else None
        return (code, name) if code and name else None

    def _place(
        self, sdoc: Doc, sent: Any, places: list[PlaceMention], trigger: Any
    ) -> tuple[PlaceMention | None, int | None]:
        if self.geocoder is None:
            inside = [p for p in places if sent.start_char <= p.start < sent.end_char]
            return (inside[0], 1 if inside[0].kind == "town" else 3) if inside else (None, None)
        return self.geocoder.event_location(sdoc, sent, places, trigger)


def story_date(document: Document) -> date | None:
    """Return the story's publication date, if known."""
    return document.published.date() if document.published else None


class _CallableModule(types.ModuleType):
    """Keeps `from sitreps import extract; extract(text)` working once this package loads.

    Importing the package sitreps.extract rebinds the attribute `sitreps.extract` (the
    public function) to this module; making the module callable keeps the API intact.
    """

    def __call__(self, text: str, published: str | None = None, **kwargs: Any) -> list[Event]:
        from sitreps.pipeline import extract as _extract

        return _extract(text, published, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
