"""The event extractor: sentence by sentence, type, date, place, actors and counts.

Each sentence is typed (the rules of the label table, the trained classifier, or both
joined), then its date, place, actors and counts are found; mentions of one event (same
kind, day and place) are merged into one Event with the evidence of every mention.
Every sentence the extractor reads leaves a SentenceTrace when asked (`explain`, `-v`):
what fired, what was decided, and why a sentence gave no event.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Span, Token

from sitreps.config import Settings
from sitreps.extract.actors import ActorMention, without_period
from sitreps.extract.counts import DEATH_VERB, deaths_in
from sitreps.extract.dates import ResolvedDate, in_narrative, sentence_date
from sitreps.extract.encoder import model_alone
from sitreps.extract.events import (
    CALM_PROTESTS,
    CONTINUATION_REACH,
    NEW_EVENT,
    REFERENCE_REACH,
    compatible_places,
    continuation_of,
    mentions_to_events,
)
from sitreps.extract.mention import (
    AFFILIATE,
    CLAIM,
    NO_CLAIM,
    Mention,
    Scene,
    attribution,
    counts_for,
    pick_actors,
    verb_lemma,
)
from sitreps.extract.rules import (
    BLAME,
    REGISTER_HEADLINE_WORDS,
    RESPONSIBILITY,
    STATED_TURN,
    SentenceType,
    is_background,
    reads_as_headline,
)
from sitreps.extract.trace import FieldTrace, SentenceTrace, log_trace
from sitreps.model import Document, Event, PlaceMention
from sitreps.resources import Resources, resources_for

if TYPE_CHECKING:
    from sitreps.geo import Geocoder

__all__ = ["HISTORY_DAYS", "EventExtractor", "occurred"]

log = logging.getLogger("sitreps.explain")

#: The words for armed men a story's one named group goes by ("the rebels", "guerrillas";
#: not "gunmen" or "bandits", whom reports name apart from the insurgents around them).
_GROUP_WORDS = frozenset(
    {
        "rebels", "rebel", "rebel fighters", "insurgents", "insurgent", "guerrillas",
        "guerrilla", "guerrilla fighters", "militants", "jihadists", "jihadist fighters",
        "islamists", "islamist militants", "islamist fighters", "extremists", "terrorists",
        "fighters", "separatists", "separatist fighters", "maoists",
    }
)
#: An unnamed armed group said to be so ("unidentified militants", "unknown rebels").
_UNNAMED = re.compile(r"\b(?:unidentified|unknown|unnamed|other)\s+$", re.I)
#: Words before a named group that make it the reported perpetrator ("believed to be").
_ATTRIBUTED_BEFORE = re.compile(
    r"\b(?:suspected|believed to be(?: from)?|thought to be(?: from)?|identified as|blamed on|"
    r"attributed (?:[\w-]+ ){0,4}?to|claimed by|fired by|planted by|laid by|carried out by|"
    r"by suspected|linked to|affiliated (?:with|to)|belonging to|"
    # "presumed members of the CJNG", "gunmen of La Linea", "an armed cell of the Gulf Cartel"
    r"(?:presumed|alleged|purported)(?: (?:to (?:be|belong to)|members of|"
    r"(?:gunmen|hitmen|militants|fighters) of))?|"
    r"(?:gunmen|hitmen|members|militants|fighters|cells?|commandos?|factions?|wings?) of)"
    r"\s+(?:the\s+|an?\s+)?$",
    re.I,
)
#: Words after a named group that make it the reported perpetrator ("is suspected").
_ATTRIBUTED_AFTER = re.compile(
    r"\s+(?:[\w-]+\s+){0,3}?(?:(?:is|are|was|were|had been)\s+(?:\w+\s+)?(?:suspected|"
    r"blamed|believed|thought|accused)\b|(?:later\s+|quickly\s+|swiftly\s+)?claimed\b|"
    # "The BLA said in a statement that its fighters had planted the device."
    r"said\s+(?:in\s+a\s+statement\s+|on\s+\w+\s+)?(?:that\s+)?(?:its|their)\s+"
    r"(?:fighters|men|militants|members|mujahideen|cadres|operatives|units?)\s+(?:had\s+)?"
    r"(?:planted|carried\s+out|attacked|killed|targeted|detonated|ambushed|shot|launched|"
    r"struck|were\s+behind)\b)",
    re.I,
)
#: A ministry claiming its own forces' act ("Russian MoD claimed that its forces ...").
_MINISTRY_CLAIMS = re.compile(
    r"\b(?P<owner>[A-Z][a-z]+)(?:['’]s)? (?:MoD|Ministry of Defen[cs]e|[Dd]efen[cs]e [Mm]inistry)"
    r" (?:has |had )?claimed\b(?=.*\b(?:its|their) (?:forces|troops|units|aviation|army)\b|"
    r"\s+(?:that\s+)?(?:full\s+)?control\b|.*\bhigh-precision\b)"
)
REGAINS = "Government regains territory"
OVERTAKES = "Non-state actor overtakes territory"
#: A part of a country named by its quarter: "in northern Burkina Faso".
_QUARTER_BEFORE = re.compile(
    r"\b(?:north|south|east|west|central|northeast|northwest|southeast|southwest)"
    r"(?:ern)?\s+$",
    re.I,
)


def _quartered(text: str, start: int) -> bool:
    """Return True when a country's name follows its quarter ("northern Burkina Faso")."""
    return bool(_QUARTER_BEFORE.search(text[max(0, start - 30) : start]))


_OWNER = re.compile(r"([A-Z][\w-]+(?: [A-Z][\w-]+)?)(?:['’]s)?\s+(?:\w+\s+)?$")
#: Words between a nationality and its arms that only say which arms: model names
#: ("Iskander", "Kh-22", "Su-34", "FPV") and kinds ("guided aerial", "cruise", "kamikaze").
_WEAPON_WORD = re.compile(
    r"(?:[A-Z][\w-]*|\w*\d[\w-]*|guided|aerial|cruise|ballistic|kamikaze|attack|combat|"
    r"fighter|strike|loitering|hypersonic|glide|cluster|unmanned|heavy|long-range|anti-ship|"
    r"air-launched|multiple|rocket|naval)$"
)


@lru_cache(maxsize=512)
def _iso2(iso3: str | None) -> str | None:
    if not iso3:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    return country.alpha_2 if country else None


_PAST = {"VBD", "VBN"}
#: A sentence that only counts the dead ("2 soldiers died", "the toll rose to 9").
_DIED = re.compile(
    rf"\b(?:{DEATH_VERB}|succumbed|death toll|bodies|neutrali[sz]e[sd]?|deaths? of|"
    r"(?:bringing|raising) to \w+ the number|"
    r"lost \w+ (?:of (?:our|their|its|his) )?(?:men|soldiers|troops|fighters|comrades|officers))\b",
    re.I,
)
#: The wounded of an event dying after its day, or its toll raised: still its deaths.
_LATER_DEATH = re.compile(
    r"\b(?:died (?:later |on the way )?(?:in|at|on the way to) (?:the )?hospital|"
    r"died of (?:his|her|their) (?:wounds|injuries)|succumbed|"
    r"(?:raising|raised|bringing|brought|taking|took) the (?:death )?toll)\b",
    re.I,
)
#: Blame as a group's record, not for the event told: "has been blamed for thousands of
#: deaths", "is blamed for most of the attacks".
_BLAMED_OVER_TIME = re.compile(
    r"\b(?:has|have|is|are|was|were) (?:also )?(?:been )?(?:widely |often |long )?blamed for\b",
    re.I,
)
#: The wounded and what was done for them, told without an act of its own.
_HURT = re.compile(r"\b(?:wounded|injured|hurt|hospitali[sz]ed)\b", re.I)
#: Present-tense verbs spelt like a regular past ("need", "proceed", "shed").
_PRESENT_IN_ED = frozenset(
    [
        "need",
        "feed",
        "bleed",
        "breed",
        "heed",
        "seed",
        "speed",
        "proceed",
        "exceed",
        "succeed",
        "shed",
        "shred",
        "wed",
        "embed",
        "plead",
        "read",
        "spread",
        "bed",
        "sled",
    ]
)


def _past_form(word: str) -> bool:
    """Return True for a verb form that can only be a past ("decreed", "shelled", "retook")."""
    w = word.lower()
    return (len(w) > 4 and w.endswith("ed") and w not in _PRESENT_IN_ED) or w in _IRREGULAR_PAST


#: Irregular past forms of event verbs, which the small model sometimes tags present.
_IRREGULAR_PAST = frozenset(
    [
        "retook",
        "took",
        "overran",
        "fought",
        "shot",
        "struck",
        "fled",
        "stole",
        "blew",
        "broke",
        "threw",
        "drove",
        "beat",
        "slew",
        "overtook",
        "undertook",
        "withdrew",
        "rode",
        "began",
    ]
)


_REPORTING = {
    "say", "tell", "add", "report", "state", "claim", "accuse", "warn", "believe", "think",
    "argue", "suggest", "insist", "deny", "note", "write", "tweet",
}  # fmt: skip
#: Words that make an event noun hypothetical: "possible air strikes", "any attack".
_UNREAL = {
    "possible", "potential", "any", "planned", "imminent", "future", "proposed",
    "threatened", "no", "likely", "feared", "expected", "hypothetical",
}  # fmt: skip
_ANAPHORIC = {"the", "this", "that", "these", "those", "its", "their", "his", "her", "such"}
#: Words that make a definite noun the event the sentence goes on to tell ("surrounded the
#: house; two were killed in the ensuing exchange of fire").
_FOLLOWING = {"ensuing", "subsequent", "resulting", "following", "ensued"}

#: Events dated more than this many days before publication are history the story recalls,
#: not news it reports (ACLED codes them from the reports of their own time) -- when the
#: story reports something newer (a date within this window, or an undated event before
#: it) or dates the event by a bare year ("in 2015"). A story whose own news is that old (a
#: coder's note, a report published weeks on, an archive dated at download) keeps it.
HISTORY_DAYS = 31
_BARE_YEAR = re.compile(r"\s*(?:in |since |during |by |early |late |mid-)*(?:19|20)\d\d\s*", re.I)
#: How many sentences after an attack its claim or blame may come (wire stories report
#: the toll and witnesses first).
CLAIM_REACH = 8
#: Confidence of a type an analyst gave this very sentence (the classifier's override
#: table): their label is the gold we train and score against, so it is taken as right.
CORRECTED_CONFIDENCE = 1.0


def _first_person(trigger: Token) -> bool:
    """Return True when the trigger's subject is I/we outside a quotation."""
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.head
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not any(c.lower_ in ("i", "we") for c in subjects):
        return False
    before = verb.doc.text[verb.sent.start_char : verb.idx]
    return before.count("“") <= before.count("”") and before.count('"') % 2 == 0


_FUTURE = {"will", "would", "could", "may", "might", "to", "should", "must", "shall", "can"}


def is_headline(sent: Span) -> bool:
    """Return True when a sentence reads as a headline: short, no closing punctuation.

    A title on a line of its own may run longer: monitors' titles ("24 hours of explosions
    by ... result in the death of about 54 members of the regime forces") reach 40 words.
    """
    if reads_as_headline(sent.text):
        return True
    # the document's first line, alone on it (spaCy keeps the blank line after a
    # sentence inside it)
    text = sent.doc.text
    end = sent.start_char + len(sent.text.rstrip())
    alone = not text[: sent.start_char].strip() and (
        end == len(text.rstrip()) or text[end : end + 1] == "\n"
    )
    first = sent.text.lstrip()[:1]
    return (
        alone
        and (first.isupper() or first.isdigit())
        and reads_as_headline(sent.text, REGISTER_HEADLINE_WORDS)
    )


def _headline_present(trigger: Token) -> bool:
    """Return True when a headline's verb (or, for a noun trigger, its root) is unmarked.

    Headlines drop tense: "Gunmen kill 12", "Troops clash with rebels", "12 killed in
    raid", "Suicide bomber targets mosque, 9 dead" all report what happened; "Taliban
    threaten to attack Kabul" and "Rebels may seize the town" do not.
    """
    # not a name's word ("the Fridays for Future climate strike")
    if any(c.lower_ in _UNREAL and not c.text[:1].isupper() for c in trigger.children):
        return False
    verb = trigger if trigger.pos_ in ("VERB", "AUX") else trigger.sent.root
    for token in (verb, *verb.ancestors):
        marked = [c for c in token.children if c.dep_ in ("aux", "auxpass", "mark", "neg")]
        if any(c.lower_ in _FUTURE or c.dep_ == "neg" for c in marked):
            return False
    return True


#: A statement made: what turns a plan the model types into a stated intention.
STATEMENT = re.compile(
    r"\b(?:said|says|say|announced|announces|told|stated|declared|pledged|promised|offered"
    r"|vowed|confirmed|according to)\b",
    re.I,
)


_REFERS_BACK = "refers back to an event, reporting none"


def _stated(trigger: Token | None) -> bool:
    """Return True when the trigger is itself a statement ("TTP announces end of ...")."""
    return trigger is not None and STATED_TURN.fullmatch(trigger.lower_) is not None


def not_occurred(
    sent: Span,
    trigger: Token | None,
    has_date: bool,
    continuing: bool,
    speech: bool,
    promised: bool = False,
) -> str | None:
    """Return why the sentence does not report its event as having happened (None: it does).

    A verb trigger must be past tense, or hang from a past-tense clause ("prompting
    prisoners to break out"). A noun trigger ("clashes", "an air strike", "talks") needs a
    date in the sentence or a past-tense verb that is not a reporting verb, and must not be
    marked hypothetical ("possible strikes", "any attack"). A definite noun ("the attack")
    starts no event of its own, but may go on describing the event before it.
    """
    if sent.text.rstrip(' "”’').endswith("?"):
        return "a question, not a report"
    if trigger is None or promised:
        # a stated intention ("will provide aid", "is willing to withdraw") is the promise
        # or threat itself, made when it is reported: its future tense is its nature
        return None
    if is_headline(sent) and _headline_present(trigger):
        return None  # "Troops clash with rebels in Idlib": headlines report in the present
    if trigger.pos_ in ("VERB", "AUX"):
        tenses = _PAST | ({"VBZ", "VBP"} if speech else set())
        if trigger.tag_ in tenses or any(a.tag_ in tenses for a in trigger.ancestors):
            return None  # "Iran says it is ready": news reports speech in the present
        if trigger.tag_ in ("VBP", "VB") and _past_form(trigger.text):
            return None  # "the authorities decreed a mobilisation": spaCy tagged it present
        if (
            speech
            and trigger.tag_ == "VBG"
            and any(c.dep_ == "aux" and c.tag_ in tenses for c in trigger.children)
        ):
            return None  # "the Albanians are demanding autonomy": a demand being made now
        return f"the verb {trigger.text!r} is not in the past tense"
    # not a name's word ("the Fridays for Future climate strike")
    if any(c.lower_ in _UNREAL and not c.text[:1].isupper() for c in trigger.children):
        return f"{trigger.text!r} is marked hypothetical"
    # "the attack", "its use of chemical weapons": a reference back, not a report, unless a
    # place or a date is attached to the noun ("the attack on Douma", "Saturday's attack").
    anaphoric = any(
        c.dep_ in ("det", "poss") and c.lower_ in _ANAPHORIC for c in trigger.children
    ) and not any(c.lower_ in _FOLLOWING for c in trigger.children)  # "the ensuing clash"
    anchored = any(t.ent_type_ in ("GPE", "LOC", "FAC", "DATE") for t in trigger.subtree)
    # "announced his defection", "confirmed its withdrawal": the statement reports the act
    announced = trigger.dep_ == "dobj" and STATED_TURN.fullmatch(trigger.head.lower_) is not None
    if anaphoric and not anchored and not continuing and not speech and not announced:
        return f"{trigger.text!r} {_REFERS_BACK}"
    if has_date or any(t.tag_ in _PAST and verb_lemma(t.text) not in _REPORTING for t in sent):
        return None
    return f"the noun {trigger.text!r} has no date and no past-tense verb"


#: What a demonstration becomes when a later sentence tells of more: police intervening or
#: arresting, lethal force, or the crowd turning violent. ACLED codes the event at its most
#: severe ("Vendors protested at the market. Municipal police dispersed them with tear gas.").
_ESCALATIONS = {
    ("Peaceful protest", "Protest with intervention"): "Protest with intervention",
    ("Peaceful protest", "Arrests"): "Protest with intervention",
    ("Peaceful protest", "Excessive force against protesters"): (
        "Excessive force against protesters"
    ),
    ("Protest with intervention", "Excessive force against protesters"): (
        "Excessive force against protesters"
    ),
    ("Peaceful protest", "Violent demonstration"): "Violent demonstration",
    ("Protest with intervention", "Violent demonstration"): "Violent demonstration",
}


def escalation(label: str, later: str) -> str | None:
    """Return the label a demonstration takes when a later sentence tells of more, if any."""
    return _ESCALATIONS.get((label, later))


def occurred(
    sent: Span,
    trigger: Token | None,
    has_date: bool,
    continuing: bool = False,
    speech: bool = False,
) -> bool:
    """Return True when the sentence reports its event as having happened."""
    return not_occurred(sent, trigger, has_date, continuing, speech) is None


#: How a typer may read a claim of responsibility on its own ("JNIM claimed the blast").
_CLAIM_READINGS = frozenset({"PLOVER:ACCUSE", "PLOVER:THREATEN", "PLOVER:SUPPORT", "Other"})


class EventExtractor:
    """Finds, types and codes the events of a story."""

    def __init__(
        self,
        settings: Settings,
        geocoder: Geocoder | None = None,
        resources: Resources | None = None,
    ) -> None:
        self.settings = settings
        self.geocoder = geocoder
        self.resources = resources if resources is not None else resources_for(settings)
        self.labels = self.resources.labels
        self.actors = self.resources.actors
        self._sole_cache: dict[tuple[str, str | None, date | None], Any] = {}
        self.typer = self.resources.typer

    def __call__(
        self,
        document: Document,
        sdoc: Doc,
        places: list[PlaceMention],
        trace: list[SentenceTrace] | None = None,
    ) -> list[Event]:
        """Return the events the story reports, merged, with evidence and confidence.

        trace, when given, gets one SentenceTrace per sentence (the same lines are logged
        at INFO on the "sitreps.explain" logger: the CLI's -v).
        """
        published = document.published.date() if document.published else None
        focus = self.geocoder.country_of(places) if self.geocoder is not None else None
        if focus is None and not places:
            focus = self._home_of_groups(document, sdoc.text)
        want = trace is not None or log.isEnabledFor(logging.INFO)
        sents = list(sdoc.sents)
        dates = in_narrative([sentence_date(sent, published) for sent in sents])
        state = _Story(
            sdoc, places, published, focus, sdoc.text, dates, _filed_from(places), sents=sents
        )
        state.current = published is not None and any(
            d is not None and (published - d.day).days <= HISTORY_DAYS for d in dates
        )
        for index, sent in enumerate(sents):
            st = SentenceTrace(index, sent.text, sent.start_char, sent.end_char) if want else None
            self._sentence(state, index, sent, st)
            if st is not None:
                log_trace(log, st)
                if trace is not None:
                    trace.append(st)
        return mentions_to_events(document, state.mentions, published, focus, self.labels)

    def _home_of_groups(self, document: Document, text: str) -> PlaceMention | None:
        """Return the country of the groups a story names when it names no place at all."""
        if self.geocoder is None or (home := self.actors.home_named(text)) is None:
            return None
        code, start, end = home
        place = self.geocoder.gazetteer.country_place(code)
        if place is None:
            return None
        return self.geocoder.as_mention(
            place, document_id=document.story_id, text=text[start:end], start=start, end=end
        )

    def _sentence(self, story: _Story, index: int, sent: Span, st: SentenceTrace | None) -> None:
        """Type one sentence and, when it reports an event, add its mention to the story."""
        published, mentions = story.published, story.mentions
        found_date = story.dates[index]  # calendar dates need no publication
        typed = self.type_sentence(sent.text, has_date=found_date is not None, trace=st)
        owned = RESPONSIBILITY.search(sent.text)
        if NO_CLAIM.search(sent.text):
            owned = None  # "No group claimed the attack"
        blamed = BLAME.search(sent.text)
        if _BLAMED_OVER_TIME.search(sent.text):
            blamed = None  # "It has been blamed for thousands of deaths": a record, not a claim
        if (
            typed is None
            or typed.label in _CLAIM_READINGS
            # "Al Shabaab, the group fighting to topple the government, claimed
            # responsibility, saying it had killed 30"; "officials blamed the 3R, which
            # broke a 2019 peace agreement": the claim, not an event of its own
            or (owned is not None and (found_date is None or owned.start() < typed.start))
            or (blamed is not None and blamed.start() < typed.start)
        ):
            # a claim of responsibility for the attack just before is that attack's actor,
            # not an accusation or a statement of its own
            claim = self._claim_of(mentions, sent.text, index)
            typed = claim or typed
            if claim is not None:
                found_date = None  # its dates are the claim's or the group's past, not the event's
            if claim is not None and st is not None:
                st.decision, st.label = "a claim of the event before it", claim.label
                st.dropped = None
        if typed is not None and typed.label in ("Attack", "Armed clash"):
            typed, counted = self._after_demonstration(story, index, sent, found_date, typed)
            if counted is not None:  # "One man was killed." after police fired on a crowd
                mentions.append(counted)
                if st is not None:
                    st.decision = "the deaths of the demonstration before it"
                return
        if typed is None:
            casualties = self._casualties(story, index, sent, found_date)
            if casualties is not None:
                mentions.append(casualties)
                if st is not None:
                    st.decision = "the deaths of the event before it"
            story.last_date = found_date or story.last_date
            return
        trigger_span = sent.doc.char_span(
            sent.start_char + typed.start, sent.start_char + typed.end, alignment_mode="expand"
        )
        trigger = trigger_span.root if trigger_span is not None else None
        if (
            found_date is not None
            and published is not None
            and (published - found_date.day).days > HISTORY_DAYS
            and self._recalled(story, found_date)
        ):
            _drop(st, "history", f"dated {found_date.day}, over {HISTORY_DAYS} days back")
            return  # history the story recalls ("killed in a drone strike in 2015")
        if (
            found_date is None
            and published is not None
            and story.current
            and story.last_date is not None
            and (published - story.last_date.day).days > HISTORY_DAYS
            and typed.cue != "claim"
        ):
            # "The CPC was formed in December 2020. Government forces have since pushed the
            # rebels out of most towns.": told on from history, in a story of recent news
            back = story.last_date.day
            _drop(st, "history", f"goes on from {back}, over {HISTORY_DAYS} days back")
            return
        # An analyst who typed this very sentence said it reports an event: neither the
        # first person nor the tense takes it back (the history cut-off still applies).
        clf = self.resources.classifier
        analyst = clf is not None and clf.corrected(sent.text) == typed.label
        if trigger is not None and _first_person(trigger) and not analyst:
            _drop(st, "first person", "the writer's own doings ('I met...')")
            return
        continues = continuation_of(mentions, typed, sent.text, index, found_date, self.labels)
        if continues is None and typed.cue == "claim":
            continues = self._latest_violence(mentions, index, CLAIM_REACH)  # what it claims
        if (
            continues is None
            and found_date is None
            and _HURT.search(sent.text)
            and not self.typer.may_report(sent.text)
        ):
            # "Seventeen other people were wounded and taken to hospital.": the model's
            # reading of the wounded, paragraphs on, is the event the story tells
            continues = self._latest_violence(mentions, index)
        if (
            continues is None
            and (found_date is None or found_date.report)
            and self.labels[typed.label].event_type in (None, "Strategic developments")
            and not NEW_EVENT.match(sent.text)
            and (dead := deaths_in(sent.text)) is not None
            and dead.value > 0
            and not dead.vague
        ):
            # "In a statement issued Sunday, an army spokesman said troops 'neutralized
            # seven terrorists' and recovered weapons, and that two soldiers were killed":
            # the dead of the fight told before, not weapons seized as an event of its own
            continues = self._latest_violence(mentions, index, CONTINUATION_REACH)
        row = self.labels[typed.label]
        # "TTP announces end of its ceasefire": a stated turn is made when it is reported
        speech = row.plover_only or (row.announced and _stated(trigger))
        why = (
            None
            if analyst
            else not_occurred(
                sent, trigger, found_date is not None, continues is not None, speech, typed.promised
            )
        )
        if why is not None and why.endswith(_REFERS_BACK) and not speech:
            # "... marched through Baku calling for war after the border clashes": the
            # clashes are an earlier event; what else the sentence reports may be its own
            again = self._without_trigger(sent, typed, found_date is not None)
            if again is not None:
                typed, trigger = again
                continues = continuation_of(
                    mentions, typed, sent.text, index, found_date, self.labels
                )
                speech = self.labels[typed.label].plover_only
                why = not_occurred(
                    sent, trigger, found_date is not None, continues is not None, speech
                )
                if st is not None:
                    st.decision += f"; past the earlier event it refers to: {typed.label}"
                    st.label = typed.label
        if why is not None:
            story.last_date = found_date or story.last_date
            _drop(st, "not occurred", why)  # talked about, feared or planned
            return
        worse = None
        if continues is not None:
            if (worse := escalation(continues.label, typed.label)) is not None:
                continues.label = worse  # "... protested. Police fired tear gas at them."
            typed = dataclasses.replace(typed, label=continues.label)
            if st is not None:
                st.decision += f"; goes on describing sentence {continues.index + 1}"
        mention = self._mention(story, index, sent, typed, trigger, found_date, continues, st)
        if continues is not None and worse is not None:
            # the sides are the escalated event's: the police who fired, the crowd fired on
            continues.actor1 = mention.actor1 or continues.actor1
            continues.actor2 = mention.actor2 or continues.actor2
        mentions.append(mention)

    def _without_trigger(
        self, sent: Span, typed: SentenceType, has_date: bool
    ) -> tuple[SentenceType, Token | None] | None:
        """Return the sentence's type and trigger read without the words typed first.

        For a trigger that refers back to another event ("after the border clashes"); None
        when nothing else in the sentence reports an event.
        """
        text = sent.text
        masked = text[: typed.start] + " " * (typed.end - typed.start) + text[typed.end :]
        again = self.type_sentence(masked, has_date=has_date)
        if again is None:
            return None
        span = sent.doc.char_span(
            sent.start_char + again.start, sent.start_char + again.end, alignment_mode="expand"
        )
        return again, span.root if span is not None else None

    def _after_demonstration(
        self,
        story: _Story,
        index: int,
        sent: Span,
        found_date: ResolvedDate | None,
        typed: SentenceType,
    ) -> tuple[SentenceType, Mention | None]:
        """Return how a killing told right after a demonstration goes on describing it.

        With no place or date of its own, "Police responded with live ammunition; 17 were
        killed" is force the state used on the crowd before it (excessive force), and "One
        man was killed." counts the demonstration's dead, not an attack of its own.
        """
        if not story.mentions or found_date is not None:
            return typed, None
        prev = story.mentions[-1]
        head = prev.continues or prev
        if index - prev.index != 1 or self.labels[head.label].family != "demonstration":
            return typed, None
        if any(e.label_ in ("GPE", "LOC", "FAC") for e in sent.ents):
            return typed, None
        calm = head.label in CALM_PROTESTS
        state = self.labels.lexicons.pattern("state_actor")
        if typed.label == "Armed clash":
            # "Security forces responded with force and clashes went on": the crowd's fight
            # with the police is the riot, not a battle
            if not state.search(sent.text):
                return typed, None
            return dataclasses.replace(
                typed, label="Violent demonstration" if calm else head.label
            ), None
        if calm and state.search(sent.text):
            return dataclasses.replace(typed, label="Excessive force against protesters"), None
        return typed, self._casualties(story, index, sent, found_date)

    def _casualties(
        self, story: _Story, index: int, sent: Span, found_date: ResolvedDate | None
    ) -> Mention | None:
        """Return the deaths a sentence adds to the event just before it, if it only counts them.

        "An IED went off under an army pick-up in Ndop. 2 soldiers died.": the second
        sentence types no event of its own, but its dead are the first one's.
        """
        if not story.mentions or not _DIED.search(sent.text) or NEW_EVENT.match(sent.text):
            return None
        prev = story.mentions[-1]
        head = prev.continues or prev
        if index - prev.index != 1 or self.labels[head.label].family is None:
            # "Sixteen wounded persons were evacuated. [...] two of them gave up the ghost,
            # bringing to nine the number of civilian victims": the wounded of the latest
            # violence, a sentence or two on
            latest = self._latest_violence(story.mentions, index, CONTINUATION_REACH)
            if latest is None:
                return None
            prev = head = latest
        if (
            found_date is not None
            and not found_date.report  # "a nurse said on Sunday that two of them died"
            and (prev.date is None or found_date.day != prev.date.day)
            # "A ninth victim died in hospital on Friday, raising the death toll to nine"
            and not (
                prev.date is not None
                and found_date.day > prev.date.day
                and _LATER_DEATH.search(sent.text)
            )
        ):
            return None
        if is_background(sent.text, found_date is not None):
            return None
        deaths, _ = counts_for(sent, self.labels[head.label])
        if deaths is None or deaths.value <= 0 or deaths.vague:
            return None
        return Mention(
            label=head.label,
            strength=head.strength,
            sentence=sent,
            trigger=None,
            date=None,
            date_inherited=True,
            place=None,
            geo_precision=None,
            deaths=deaths,
            continues=head,
            index=index,
        )

    @staticmethod
    def _recalled(story: _Story, found: ResolvedDate) -> bool:
        """Return True when an old date marks history the story recalls, not its news."""
        if story.current or _BARE_YEAR.fullmatch(found.text):
            return True
        # an undated event before it happened at publication: the story is about now
        return any(m.date is None for m in story.mentions)

    def _mention(
        self,
        story: _Story,
        index: int,
        sent: Span,
        typed: SentenceType,
        trigger: Token | None,
        found_date: ResolvedDate | None,
        continues: Mention | None,
        st: SentenceTrace | None,
    ) -> Mention:
        """Return the mention of an event in this sentence, with every field found."""
        sdoc, mentions = story.sdoc, story.mentions
        place, precision = self._place(sdoc, sent, story.places, trigger)
        why_place = "in the sentence" if place is not None else "none found"
        filed = story.filed
        if filed is not None and story.focus is not None and filed.iso3 != story.focus.iso3:
            # "BEIRUT (AP) - Syrian government airstrikes on the town of Maaret al-Numan...":
            # a story filed from a wire office abroad is not set at the office
            if _is_mention(place, filed):
                place, precision, why_place = None, None, "the dateline, a wire office abroad"
            filed = None
        # "Separately, a soldier was killed in the Tirah valley": another event, whose place
        # is neither the last one's nor the dateline's
        elsewhere = NEW_EVENT.match(sent.text) is not None
        if place is None and continues is None and mentions and not elsewhere:
            prev = mentions[-1]
            if index - prev.index <= 2 and prev.place is not None:
                place, precision = prev.place, prev.geo_precision  # the scene goes on
                why_place = f"the scene of sentence {prev.index + 1} goes on"
        if place is None and continues is None and why_place == "none found" and not elsewhere:
            # "Sadr supporters occupied the parliament building in Baghdad. Security forces
            # used tear gas ...": the sentence before set the scene, though it typed nothing
            for back in (1, 2):
                if index - back < 0 or index - back >= len(story.sents):
                    break
                before = story.sents[index - back]
                if is_background(before.text):
                    continue
                if index - back not in story.scenes:
                    story.scenes[index - back] = self._place(sdoc, before, story.places, None)
                place, precision = story.scenes[index - back]
                if place is not None:
                    why_place = f"the scene sentence {index - back + 1} set"
                    break
        if (
            filed is not None
            and continues is None
            and not elsewhere
            and (
                (place is None and why_place == "none found")
                or (
                    place is not None
                    and place.kind == "country"
                    and place.iso3 == filed.iso3
                    # "OUAGADOUGOU (Reuters) - ... in northern Burkina Faso": the capital's
                    # wire office, not the event's part of the country
                    and not (_quartered(sent.doc.text, place.start) and self._is_capital(filed))
                )
            )
        ):
            # "MARAWI, Philippines (AP) - A bomb exploded ... in the southern Philippines":
            # with no finer place told, the town the story was filed from
            place, precision = filed, 2
            why_place = "the town of the dateline"
        if (
            continues is not None
            and place is not None
            and why_place == "in the sentence"
            and continues.filed_place
            and place.kind in ("town", "district", "province")
            and continues.place is not None
            # (anywhere in the country for violence: "N'DJAMENA (Reuters) - ... The attack
            # targeted troops on the island of Tchoukoutalia, near Bol" is in Lac, not the
            # capital; a demonstration's story goes on to other cities' marches)
            and (
                (place.country, place.admin1) == (continues.place.country, continues.place.admin1)
                or (
                    self.labels[continues.label].family == "violence"
                    and place.kind != "province"
                    and place.country == continues.place.country
                )
            )
            and place.geonames_id != continues.place.geonames_id
        ):
            # "JOS (AFP) - The toll of an attack on a village has risen. The assailants
            # stormed the village in Bokkos...": the dateline gave way to the event's place
            continues.place, continues.geo_precision = None, None
        if (
            continues is not None
            and place is not None
            and filed is not None
            and place.geonames_id == filed.geonames_id
            and (continues.place is None or continues.place.geonames_id != filed.geonames_id)
            and self.labels[continues.label].family == "violence"
        ):
            # "Several soldiers were wounded and evacuated to N'Djamena": the dateline's town,
            # where the wounded or a source went, is not the scene the story left it for
            place, precision = None, None
            why_place = "the dateline's town, not the event's"
        if (
            continues is not None
            and place is not None
            and not compatible_places(continues.place, place)
        ):
            place, precision = None, None  # a source's or a side's place, not the event's
            why_place = "a source's or a side's place, not the event's"
        inherited = found_date is None and story.last_date is not None
        when = found_date or story.last_date
        story.last_date = when
        focus = story.focus
        code, name = self._actor_country(
            sent,
            story.text,
            _iso2(place.iso3) if place else _iso2(focus.iso3 if focus else None),
            place.country if place else (focus.country if focus else None),
            when.day if when else story.published,
        )
        scene = Scene(
            code,
            name,
            when.day if when else story.published,
            country_for=lambda m: self._country_before(story.text, m.start),
            country_named=self._country_named,
        )
        a1, a2, assoc1, assoc2 = pick_actors(
            sdoc, typed, sent, trigger, self.actors, self.labels, scene, text=story.text
        )
        if self.labels[typed.label].family == "violence":
            a1, a2 = self._perpetrator(sdoc, sent, story.text, scene, a1, a2)
        typed = _taker_decides(typed, a1, name, st)
        deaths, size = counts_for(sent, self.labels[typed.label])
        if typed.cue == "claim":
            deaths = None  # a claimant's own tally ("saying it had killed 30") is no figure
        window = sent.text + " " + (sent[-1].nbor().sent.text if sent.end < len(sdoc) else "")
        if st is not None:
            _trace_fields(st, story, sent, found_date, when, place, why_place, (a1, a2), self)
            st.fields.append(FieldTrace("fatalities", [], deaths.text if deaths else None))
            st.fields.append(FieldTrace("size", [], size.text if size else None))
        return Mention(
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
            filed_place=why_place == "the town of the dateline"
            # the dateline's own word picked as the place ("JOS, Nigeria - The toll ..."),
            # the sentence not naming it again ("DHAKA - ... in Dhaka's Rampura area")
            or (
                _is_mention(place, filed)
                and filed is not None
                and not any(
                    p.geonames_id == filed.geonames_id and p.start != filed.start
                    for p in story.places
                    if sent.start_char <= p.start < sent.end_char
                )
            ),
        )

    def type_sentence(
        self, text: str, has_date: bool = False, trace: SentenceTrace | None = None
    ) -> SentenceType | None:
        """Return the sentence's type by the rules, the trained classifier, or both joined.

        Only sentences with an event cue are read (the parse skips the others), unless the
        classifier's own threshold for cue-less sentences says otherwise. The strength of
        the returned type is the calibrated chance that it is right. A sentence in the
        classifier's override table (an analyst's correction) takes its label from there.
        """
        rule, rt = self.typer.trace(text, has_date)
        if trace is not None:
            trace.cues, trace.facts, trace.rule = rt.cues, rt.facts, rt.rule
            trace.passed_over = rt.passed_over
            trace.rule_label = rule.label if rule else None
        clf = self.resources.classifier
        if clf is None:
            return _decided(trace, rule, "rules alone", rt.reason)
        fixed = clf.corrected(text)
        if fixed is not None and (fixed == "none" or fixed in self.labels):
            # An analyst typed this very sentence: their label stands over rules and model
            # alike (a firm rule that is wrong here is still right elsewhere).
            how = "an analyst's correction"
            if fixed == "none":
                return _decided(trace, None, how, "an analyst corrected it to no event")
            return _decided(trace, self.typer.type_as(fixed, text, CORRECTED_CONFIDENCE), how, None)
        cued = self.typer.may_report(text)
        if not cued and (clf.uncued > 1.0 or not self.typer.may_be_event(text)):
            return _decided(trace, None, "rules alone", "no event cue")
        probs = clf.predict(text)
        if trace is not None:
            trace.model = sorted(probs.items(), key=lambda kv: -kv[1])[:3]
        if model_alone(self.settings.typing) or not cued:
            label = max(probs, key=lambda k: probs[k])
            threshold = clf.uncued if not cued else 0.0
            if label == "none" or probs[label] < threshold:
                why = "no event cue, and the model is not sure enough" if not cued else None
                return _decided(trace, None, "the model", why or "the model says no event")
            got: str | None = label
            raw = probs[label]
        else:
            firm = rule.firm if rule is not None else False
            got, raw = clf.decide(
                rule.label if rule else None, rule.strength if rule else 0.0, probs, firm=firm
            )
            if (
                rule is not None
                and got is not None
                and got != rule.label
                and got in self.labels
                and (needs := self.labels[got].model_needs) is not None
                and not needs.search(text)
            ):
                # "gunmen attacked a checkpoint": no shelling when no shell is named
                got, raw = rule.label, (rule.strength + probs.get(rule.label, 0.0)) / 2
            if (
                rule is not None
                and got is not None
                and got.startswith("PLOVER:")
                and rule.label in self.labels
                and got == f"PLOVER:{self.labels[rule.label].plover}"
            ):
                # The model reads the act the rule's label is ("detained" -> COERCE) without
                # the codebook's detail: the rule's Arrests is the same act, told exactly.
                got = rule.label
        if got is None:
            why = "the model vetoes the rule's event" if rule is not None else rt.reason
            return _decided(trace, None, "rules and model joined", why)
        promised = self.labels[got].intent if got in self.labels else None
        stated = False
        if promised is not None and self.resources.labels.patterns["intent"].search(text):
            # "Turkey will allow the refugees home", "NATO would tighten the blockade": a
            # stated intention is the promise or threat PLOVER codes, not the act itself
            got, stated = promised, True
            if trace is not None:
                trace.decision = f"a stated intention: {promised}"
        if (
            rule is None
            and got not in self.labels.unvetoable_labels
            and is_background(text, has_date)
        ):
            # background, plans and trends are no events, whoever types them
            why = "background, a trend, a plan or a hypothetical"
            return _decided(trace, None, "the model", why)
        conf = clf.calibrated(raw, got, reads_as_headline(text, REGISTER_HEADLINE_WORDS))
        if rule is not None and got == rule.label:
            return _decided(trace, dataclasses.replace(rule, strength=conf), _how(rule, got), None)
        typed = self.typer.type_as(got, text, conf)
        if stated and STATEMENT.search(text):
            # the model's act stated as someone's intention ("Norway said it would send
            # aid"): the statement is the event; an unattributed plan ("agencies plan to
            # immunize children") still needs its tense
            typed = dataclasses.replace(typed, promised=True)
        return _decided(trace, typed, _how(rule, got), None)

    def _perpetrator(
        self, sdoc: Doc, sent: Span, text: str, scene: Scene, a1: Any, a2: Any
    ) -> tuple[Any, Any]:
        """Return the sides of a violent event with the perpetrator the report names.

        "JNIM is suspected", "IS later claimed the killings", "gunmen believed to be JNIM":
        the coder codes the group the report names; state forces named without one were its
        target ("an IED struck an army vehicle"). With no one named, a ministry claiming its
        forces' act names its military.
        """
        implied = a1 is not None and a1.implied
        if (
            a1 is None
            or implied
            or a1.unidentified
            or a1.name.startswith("Government of")
            or (a1.inter == 1 and (a2 is None or a2.unidentified))
        ):
            named = self._attributed(sdoc, sent, text, scene)
            if named is not None:
                if (
                    a1 is not None
                    and not implied
                    and a1.inter == 1
                    and not a1.name.startswith("Government of")
                    and (a2 is None or a2.unidentified)
                ):
                    a2 = a1
                a1 = named
                if a2 is not None and a2.name == named.name:
                    a2 = None
        if (
            a1 is not None
            and a1.unidentified
            and a1.mention.key in _GROUP_WORDS
            and not _UNNAMED.search(text, max(0, a1.mention.start - 30), a1.mention.start)
        ):
            # "Guerrillas attacked two towns ... the offensive launched by the FMLN": the
            # rebels of a story that names one armed group (and no claim denied) are that group
            sole = self._sole_group(text, scene)
            if sole is not None and (a2 is None or a2.name != sole.name):
                a1 = dataclasses.replace(a1, name=sole.name, inter=sole.inter)
        if a1 is None or a1.implied:
            a1 = self._claiming_ministry(sent.text, sent.start_char, scene) or a1
        return a1, a2

    def _sole_group(self, text: str, scene: Scene) -> Any:
        """Return the one rebel group or political militia the story names, if only one.

        None when it names none, several, or says that no one claimed the event.
        """
        key = (text, scene.country_code, scene.when)
        if key not in self._sole_cache:
            found: dict[str, Any] = {}
            if not NO_CLAIM.search(text):
                for m in self.actors.mentions(text):
                    got = self.actors.resolve(
                        m, scene.country_code, scene.country_name, scene.when
                    )
                    if got is not None and got.named and got.inter in (2, 3):
                        found.setdefault(without_period(got.name), got)
            self._sole_cache.clear()  # one story at a time
            self._sole_cache[key] = next(iter(found.values())) if len(found) == 1 else None
        return self._sole_cache[key]

    def _attributed(self, sdoc: Doc, sent: Span, text: str, scene: Scene) -> Any:
        """Return the named armed group the report says did it, in this sentence or the next.

        "gunmen believed to be JNIM", "a mine planted by suspected JNIM militants",
        "... attributed the killings to the ADF", "Al Shabaab is suspected.", "IS later
        claimed the killings."; None when no named group is so attributed.
        """
        end = sent.end_char
        # "Nobody claimed the attack. Groups linked to al Qaeda operate ...": a claim denied
        # ends the reading (its own sentence may still name a suspect: "... has not been
        # claimed, but suspected JAS militants operate in the area")
        for _ in range(0 if NO_CLAIM.search(sent.text) else 2):
            last = sdoc.char_span(end - 1, end, alignment_mode="expand")
            if last is None or last.end >= len(sdoc):
                break
            nxt = sdoc[last.end].sent
            if len(nxt) > 30:
                break
            end = nxt.end_char
            if NO_CLAIM.search(nxt.text):
                break
        for m in self.actors.mentions(text, sent.start_char, end):
            before = text[max(sent.start_char, m.start - 45) : m.start]
            after = text[m.end : min(end, m.end + 90)]
            if not (_ATTRIBUTED_BEFORE.search(before) or _ATTRIBUTED_AFTER.match(after)):
                continue
            branch = AFFILIATE.match(after)
            if branch is not None and after[branch.end() :][:1].isupper():
                continue  # "Al Qaeda affiliate JNIM claimed ...": the branch is named next
            got = self.actors.resolve(m, scene.country_code, scene.country_name, scene.when)
            if (
                got is not None
                and got.inter in (2, 3, 4)
                and not got.name.startswith(("Unidentified", "Civilians", "Protesters"))
            ):
                return got
        return None

    def _claiming_ministry(self, text: str, offset: int, scene: Scene) -> Any:
        """Return the military whose ministry claims the act as its forces' ("Russian MoD
        claimed that its forces struck ...", "... claimed full control of Marinka"), or None.

        text is the sentence's, offset where it starts in the story (for the evidence).
        """
        if self.geocoder is None or not (m := _MINISTRY_CLAIMS.search(text)):
            return None
        code = self.geocoder.gazetteer.demonym_country(m.group("owner"))
        name = self.geocoder.gazetteer.country_name(code) if code else None
        if name is None:
            return None
        at = ActorMention(m.group(0), offset + m.start(), offset + m.end(), "")
        return self.actors.state_actor("Military Forces of {country}", name, 1, at, scene.when)

    def _latest_violence(
        self, mentions: list[Mention], index: int, reach: int = REFERENCE_REACH
    ) -> Mention | None:
        """Return the latest violent event told at most reach sentences before, if any."""
        for m in reversed(mentions):
            if index - m.index > reach:
                return None
            head = m.continues or m
            if self.labels[head.label].family == "violence":
                return head
        return None

    def _claim_of(self, mentions: list[Mention], text: str, index: int) -> SentenceType | None:
        """Return the type of the violent event a claim of responsibility after it is about.

        Groups claim violence (battles, explosions, attacks on civilians): the latest such
        event of the story, though arrests or a protest were told after it.
        """
        m = RESPONSIBILITY.search(text) or BLAME.search(text)
        if m is None or not mentions:
            return None
        head = self._latest_violence(mentions, index, CLAIM_REACH)
        if head is None:
            return None
        return SentenceType(head.label, "claim", m.start(), m.end(), head.strength)

    def _is_capital(self, m: PlaceMention) -> bool:
        """Return True when a mention is its country's capital ("OUAGADOUGOU (Reuters) -")."""
        if self.geocoder is None or m.name is None:
            return False
        gaz = self.geocoder.gazetteer
        return any(p.id == m.geonames_id and gaz.is_capital(p) for p in gaz.lookup(m.name))

    def _actor_country(
        self,
        sent: Span,
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
        gaz = self.geocoder.gazetteer
        m = _OWNER.search(text[max(0, start - 30) : start])
        words = [m.group(1)] if m is not None else []
        # "Russian Iskander missiles", "Russian Kh-22 missile", "russian guided aerial bombs":
        # the owner before the arms' model names and kinds
        window = text[max(0, start - 60) : start].split()
        for word in reversed(window[-4:]):
            words.append(word.removesuffix("'s").removesuffix("’s"))
            # (a title-case headline's "With" is a word, not an arm's model name)
            if not _WEAPON_WORD.match(word) or word.lower() in STOP_WORDS:
                break
        for word in words:
            code = gaz.demonym_country(word) or gaz.demonym_country(word.title())
            if code is None:
                country = next((p for p in gaz.lookup(word) if p.kind == "country"), None)
                code = country.country_code if country else None
            name = gaz.country_name(code) if code else None
            if code and name:
                return code, name
        return None

    def _place(
        self, sdoc: Doc, sent: Span, places: list[PlaceMention], trigger: Token | None
    ) -> tuple[PlaceMention | None, int | None]:
        if self.geocoder is None:
            inside = [p for p in places if sent.start_char <= p.start < sent.end_char]
            return (inside[0], 1 if inside[0].kind == "town" else 3) if inside else (None, None)
        place, precision = self.geocoder.event_location(sdoc, sent, places, trigger)
        if place is not None and place.usage == "unlisted" and place not in places:
            # A place the gazetteer lacks, made for this event (sitreps.geo.unlisted): it is
            # reported with the story's places, so `sitreps places` lists the event's place.
            at = next((i for i, m in enumerate(places) if m.start > place.start), len(places))
            places.insert(at, place)
        return place, precision


@dataclasses.dataclass
class _Story:
    """What the extractor carries from one sentence of a story to the next."""

    sdoc: Doc
    places: list[PlaceMention]
    published: date | None
    focus: PlaceMention | None
    text: str  # Doc.text joins every token: once per story, not per actor
    dates: list[ResolvedDate | None]  # each sentence's own date, read once
    filed: PlaceMention | None  # the town of the story's dateline, if any
    #: The story's sentences, in the order the extractor reads them (index = position).
    sents: list[Span] = dataclasses.field(default_factory=list)
    #: The place each sentence read as a scene gave, by index (read once).
    scenes: dict[int, tuple[PlaceMention | None, int | None]] = dataclasses.field(
        default_factory=dict
    )
    mentions: list[Mention] = dataclasses.field(default_factory=list)
    current: bool = False  # a sentence is dated within HISTORY_DAYS of publication
    last_date: ResolvedDate | None = None


def _is_mention(place: PlaceMention | None, mention: PlaceMention | None) -> bool:
    """Return True when a place picked is that very mention (the dateline's own word)."""
    return (
        place is not None
        and mention is not None
        and (place.start, place.geonames_id) == (mention.start, mention.geonames_id)
    )


def _filed_from(places: list[PlaceMention]) -> PlaceMention | None:
    """Return the town of the story's dateline ("NAIROBI, Kenya (AP) -"), if any."""
    return next(
        (m for m in places if m.in_dateline and m.kind == "town" and m.latitude is not None),
        None,
    )


def _taker_decides(
    typed: SentenceType, a1: Any, country: str | None, st: SentenceTrace | None
) -> SentenceType:
    """Return the territory label who took the place implies.

    A group takes, it does not regain; a foreign state's forces taking a place is no
    government regaining its own (the codebook codes it as a takeover); the country's own
    forces taking it back regain it, whatever armed groups the sentence names.
    """
    if typed.label not in (REGAINS, OVERTAKES) or a1 is None:
        return typed
    if a1.inter in (2, 3, 4):
        got, why = OVERTAKES, "a group takes"
    elif a1.inter == 1 and country:
        own = f" of {country}" in a1.name or f" of the {country}" in a1.name
        got = REGAINS if own else OVERTAKES
        why = f"{a1.name} is {'its own' if own else 'foreign'} here"
    else:
        return typed
    if got == typed.label:
        return typed
    if st is not None:
        st.decision = f"{st.decision}; {why}: {got}"
        st.label = got
    return dataclasses.replace(typed, label=got)


def _how(rule: SentenceType | None, got: str) -> str:
    if rule is None:
        return "the model (no rule fired)"
    if rule.label == got:
        firm = ", a firm rule the model may not override" if rule.firm else ""
        return f"rules and model joined: the rule's label stands{firm}"
    return f"rules and model joined: the model relabels the rule's {rule.label!r}"


def _decided(
    trace: SentenceTrace | None, typed: SentenceType | None, how: str, why: str | None
) -> SentenceType | None:
    if trace is not None:
        trace.decision = how
        trace.label = typed.label if typed else None
        trace.dropped = None if typed else (why or "no event")
    return typed


def _drop(st: SentenceTrace | None, code: str, detail: str) -> None:
    if st is not None:
        st.label, st.dropped = None, f"{code}: {detail}"


def _trace_fields(
    st: SentenceTrace,
    story: _Story,
    sent: Span,
    found_date: ResolvedDate | None,
    when: ResolvedDate | None,
    place: PlaceMention | None,
    why_place: str,
    sides: tuple[Any, Any],
    extractor: EventExtractor,
) -> None:
    """Record the candidates of the date, place and actor fields and the ones chosen."""
    dates = [e.text for e in sent.ents if e.label_ in ("DATE", "TIME")]
    chosen = f"{when.day} ({when.text!r})" if when else None
    if when is not None and found_date is None:
        chosen = f"{chosen}, from an earlier sentence"
    st.fields.append(FieldTrace("event_date", dates, chosen))
    inside = [p.text for p in story.places if sent.start_char <= p.start < sent.end_char]
    where = f"{place.name or place.text} ({why_place})" if place else f"none ({why_place})"
    st.fields.append(FieldTrace("location", inside, where))
    named = [m.text for m in extractor.actors.mentions(story.text, sent.start_char, sent.end_char)]
    for name, actor in zip(("actor1", "actor2"), sides, strict=True):
        st.fields.append(FieldTrace(name, named, actor.name if actor is not None else None))
