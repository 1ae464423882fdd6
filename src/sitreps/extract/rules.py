"""Typing sentences by the codebook's precedence rules, walked from the label table.

Each sentence is checked for every cue family of the table; the table's rules, in rank
order, then pick one label (shelling during a battle is the battle; a non-state group
"arresting" people is an abduction; forces leaving and a group taking over without a fight
is a non-violent transfer...). Background, trends, plans and statements yield no event.
The typer can say why: `RuleTyper.trace` returns the cues that fired, the facts the guards
read and the rule that decided (or why none did).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sitreps.extract.labels import Atom, LabelTable, Rule

__all__ = [
    "ATTRIBUTION",
    "BACKGROUND",
    "BLAME",
    "RESPONSIBILITY",
    "RuleTrace",
    "RuleTyper",
    "SentenceType",
    "is_background",
    "may_be_event",
    "may_report",
    "only_modal",
    "type_sentence",
]


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")", re.I)


#: ", police said", ", according to the army": the clause naming a report's source (a
#: short tail after the verb: ", Kumba) said soldiers burned houses" tells the event).
ATTRIBUTION = re.compile(
    r",[^,;]{0,80}?\b(?:said|says|say|told|reported|added|according)\b[^,;]{0,40}?(?=[.;]|$)",
    re.I,
)

#: A sentence with one of these and no explicit date describes a trend, background or plan.
#: A war's or a group's toll over time: "the ADF has killed thousands of civilians in the
#: area", "fighting has killed more than 1,200 people" (no one day's event kills thousands).
#: Background to the typer, a tally to the counts (sitreps.extract.counts).
TOLL_OVER_TIME = (
    r"(?:has|have) (?:\w+ )?(?:killed|left) (?:(?:more than|over|at least|nearly|almost|some|"
    r"about|around|an estimated|tens of|hundreds of) )?(?:thousands|millions|\d{1,3}(?:,\d{3})+)"
)
BACKGROUND = _rx(
    r"in recent (?:months|weeks|years|days)",
    # a tally: "15 drivers have been killed in Lima since the start of the year"
    r"(?:has|have) (?:been|seen|suffered|witnessed) (?:the scene of )?(?:several|many|"
    r"numerous|repeated|a (?:string|series|spate|wave) of)\b",
    r"since the (?:start|beginning|outbreak) of\b",
    r"so far this (?:year|month)",
    r"over the (?:past|last) (?:\w+ )?(?:months|weeks|years|decades)",
    r"for (?:years|decades|months)",
    r"after (?:almost |nearly |more than )?\d+ years",
    r"since (?:19|20)\d\d",
    r"(?:is|are|has been|have been) (?:\w+ly )?(?:gaining|advancing|sweeping)",
    r"(?:is|are|was|were) entering",
    r"have failed to",
    r"has failed to",
    # ("could not stop them" tells what happened: no hypothetical)
    r"\b(?:will|would|could(?! not\b)|might|may|intends? to|is expected to|are expected to|"
    r"is set to)\b",
    # a plan as the grievance ("marched against the government's plan to raise...") is none
    r"(?<!\bthe )(?<!\ba )(?<!'s )(?<!’s )(?<!\bhis )(?<!\bher )(?<!\bits )(?<!\btheir )\bplans? to\b",
    r"(?:is|are|was|were) due to (?:take effect|begin|start|come into force|expire|end|resume)",
    # a plan dated by its month ("planned for May"): the month is no modal, the plan is one
    r"(?:is|are) (?:planned|scheduled) (?:for|to)\b",
    r"\bif\b",
    # "in the past" marks history; "in the past 24 hours" is a report's own frame
    r"in the past\b(?! (?:24|twenty-four|48|forty-eight|72|few|several|two|three) (?:hours|days)\b)",
    r"history of",
    # "the anniversary of the massacre" is history; a crowd "marking the anniversary",
    # marching "for the 48th anniversary" or gathering "on 1 February, the anniversary of
    # the coup" acts that day, as does an attack "on the day of the force's anniversary"
    r"^(?!.*(?:(?:\bmark(?:s|ed|ing)?|\bon|\bfor|\bcommemorat\w*|,) the (?:\w+ )?|['’]s )"
    r"anniversary).*anniversary",
    r"\bprevious(?:ly)? (?:attacks?|years?|months?|weeks?|clashes|fighting|raids?|incidents?|offensives?)\b",
    r"\b(?:which|who|that) (?:has|have) (?:\w+ )?(?:carried out|stepped up|been|killed|fought|waged|launched)",
    rf"\b{TOLL_OVER_TIME}\b",
    r"\boften\b",
    r"\b(?:is|are) due to\b",
    r"\busually\b",
    r"\bregularly\b",
    r"\brepeatedly\b",
)
_MODAL = re.compile(r"\b(?:will|would|could|might|may|plans? to|intends? to)\b", re.I)

#: A cue that starts with its own announcing verb ("announced that ... would be dissolved").
ANNOUNCING = re.compile(r"(?:announced|declared|decreed|proclaimed|ordered|called off)\b", re.I)

_WILL = re.compile(r"will|would", re.I)

#: A statement that makes a stated turn (`announced` labels): said before the turn's cue,
#: or the verb whose object is the act it makes known ("announced his defection").
STATED_TURN = re.compile(
    r"\b(?:announced|announces|declared|declares|decreed|proclaimed|ordered|said|says|stated|"
    r"vowed|told|confirmed|confirms)\b",
    re.I,
)

#: A claim of responsibility types nothing itself but names who did the event before it,
#: so its sentence is read (parsed) too.
RESPONSIBILITY = re.compile(
    r"\bclaim(?:ed|s|ing)? (?:responsibility|credit|the (?:\w+ )?(?:attacks?|bombings?|blasts?|"
    r"killings?|assaults?|ambush(?:es)?|explosions?|raids?|kidnappings?|abductions?|"
    r"shootings?|massacres?))\b|\b(?:was|were) (?:later )?claimed by\b",
    re.I,
)
#: Officials blaming a party: the blamed party is the reported perpetrator when no one
#: claims the event (ACLED codes the reported actor).
BLAME = re.compile(r"\b(?:blamed|blames|blaming|held (?:\w+ ){1,6}?responsible)\b", re.I)


#: A crowd's slogans: placards "reading", crowds "chanting" ("Enough killings", "Death to
#: the dictator") are what they say, not what happened.
_SLOGANS = re.compile(
    r"\b(?:reading|read|saying|chanting|chanted|chants? of|shouting|shouted|bearing|"
    r"with the (?:words|slogans?))\s*:?\s*[\"“][^\"”]{1,160}[\"”]"
    r"(?:\s*(?:,|and|or)\s*[\"“][^\"”]{1,160}[\"”])*",
    re.I,
)
_QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")


def without_slogans(text: str) -> str:
    """Return the text with a crowd's quoted slogans blanked out (offsets kept)."""
    if '"' not in text and "“" not in text:
        return text
    out = list(text)
    for m in _SLOGANS.finditer(text):
        for q in _QUOTED.finditer(text, m.start(), m.end()):
            out[q.start() : q.end()] = " " * (q.end() - q.start())
    return "".join(out)


def _is_month(text: str, m: re.Match[str]) -> bool:
    """Return True when a "may" is the month May ("on 3 May 2020", "May 3", "in May")."""
    if m.group(0) != "May":
        return m.group(0).lower() == "may" and bool(_DATE_AROUND.search(_around(text, m)))
    if m.start() == 0 or text[: m.start()].rstrip().endswith(("“", '"', "(")):
        # Sentence-initial "May": the month only when a number or a comma follows it.
        return bool(re.match(r"\s*(?:\d|,|of\b|\d{4})", text[m.end() :]))
    return not re.match(r"\s+(?:not|have|be|also|well|yet)\b", text[m.end() :])


#: A month name written in lower case around a number ("3 may 2020") is still the month.
_DATE_AROUND = re.compile(r"(?:\d{1,2}(?:st|nd|rd|th)?\s*[- ]may\b|may[- ]\d)", re.I)


def _around(text: str, m: re.Match[str]) -> str:
    return text[max(0, m.start() - 6) : m.end() + 3].lstrip()


#: A calendar date to the day ("14 March 2022", "March 14, 2022").
_DAY_DATE = re.compile(
    r"\b\d{1,2}(?:st|nd|rd|th)? (?:of )?(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*"
    r",? (?:19|20)\d\d\b|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{1,2},? "
    r"(?:19|20)\d\d\b|\b(?:19|20)\d\d-\d\d-\d\d\b"
)


def _background_markers(text: str) -> list[re.Match[str]]:
    """Return the background markers of a sentence, the month "May" not among them.

    "since 2019" or "for months" marks a tally or a trend, unless the sentence dates its own
    day ("on 14 March 2022 depositors protested over savings frozen since 2019"; "shelled the
    base on 2 September 2024, part of a siege that has lasted for months").
    A sentence dated to its day also keeps what it says of other times ("demanding justice
    for a doctor murdered the previous week") and what its actors fear or claim will come
    ("marched against decrees they say would pave the way for privatisation").
    """
    dated = _DAY_DATE.search(text) is not None
    return [
        m
        for m in BACKGROUND.finditer(text)
        if not _is_month(text, m)
        and not (
            dated
            and (
                _DURATION.match(m.group(0))
                or (
                    _MODAL.fullmatch(m.group(0))
                    and _SAID_OR_FEARED.search(text, max(0, m.start() - 48), m.start())
                )
            )
        )
    ]


#: Background markers that only say how long something has gone on, or when else.
_DURATION = re.compile(
    r"since|for (?:years|decades|months)|in recent|over the (?:past|last)|previous", re.I
)
#: A modal that is what someone says, claims or fears, not the writer's hedge.
_SAID_OR_FEARED = re.compile(
    r"\b(?:that|which|say|says|said|saying|claim|claims|claiming|fear|fears|feared|fearing|"
    r"warn|warned|warning)\b(?:\s+[\w'’-]+){0,4}\s*$",
    re.I,
)


def only_modal(text: str) -> bool:
    """Return True when every background marker in the sentence is a modal verb."""
    return all(_MODAL.fullmatch(m.group(0)) for m in _background_markers(text))


#: Headline grammar: a line of at most this many words with no closing full stop reports
#: past events in the present tense ("Gunmen kill 12 villagers in Zamfara raid"). 25 words
#: holds the GED headlines of ../shared/train (median 11) and no body sentence of ours.
HEADLINE_WORDS = 25
#: A headline as a register for confidence: news agencies' and monitors' long titles ("142
#: persons were killed yesterday including ... documented by SOHR in ...") run to 40 words.
REGISTER_HEADLINE_WORDS = 40


def reads_as_headline(text: str, max_words: int = HEADLINE_WORDS) -> bool:
    """Return True when a sentence reads as a headline: short, no closing punctuation."""
    text = text.strip().rstrip(" \"”’'")
    if not text or text[-1] in ".?!;:":
        return False
    return len(text.split()) <= max_words


def is_background(text: str, has_date: bool = False) -> bool:
    """Return True when the sentence is background, a trend, a plan or a hypothetical."""
    quotes = [(q.start(), q.end()) for q in re.finditer(r"[“\"][^”\"]*[”\"]", text)]
    # A modal inside a quote does not make the reported sentence hypothetical.
    return any(not any(a < m.start() < b for a, b in quotes) for m in _background_markers(text))


@dataclass(frozen=True)
class SentenceType:
    """The label a sentence gets, the cue that decided it, and how sure the rule is."""

    label: str  # a LabelName of the table: ACLED sub-event type or "PLOVER:X"
    cue: str
    start: int  # offsets of the deciding expression, relative to the sentence
    end: int
    strength: float
    #: The rule is a codebook precedence the model may neither relabel nor veto.
    firm: bool = False
    rank: int | None = None  # the deciding rule's rank in the table
    #: The act is stated as an intention ("will provide aid", "is ready to send troops"):
    #: the label is the promise or threat PLOVER codes it as (the act's `intent`), and the
    #: statement itself is the event, so its future tense takes nothing back.
    promised: bool = False


@dataclass
class RuleTrace:
    """What the rules saw in one sentence and what they decided."""

    cues: dict[str, str] = field(default_factory=dict)  # cue family -> the words matched
    facts: dict[str, bool] = field(default_factory=dict)  # background, state, crowd...
    rule: str | None = None  # the deciding rule, described
    #: Rules of higher rank whose cue fired but whose guards did not hold.
    passed_over: list[str] = field(default_factory=list)
    reason: str | None = None  # why no rule decided, when none did


class RuleTyper:
    """Types sentences by walking a label table's rules in rank order."""

    def __init__(
        self,
        table: LabelTable,
        named_groups: re.Pattern[str] | None = None,
        named_states: re.Pattern[str] | None = None,
    ) -> None:
        """Build a typer; named_groups and named_states match the actor dictionary's named
        non-state groups and state forces ("Arakan Army", "FARDC")."""
        self.table = table
        self.named_groups = named_groups
        self.named_states = named_states
        lex = table.lexicons
        self.armed_target = lex.pattern("armed_target")
        self.civilian_target = lex.pattern("civilian_target")
        self.crowd = lex.pattern("crowd")
        self.state_actor = lex.pattern("state_actor")
        self.non_state_actor = lex.pattern("non_state_actor")
        self._any = re.compile(
            f"{table.any_cue.pattern}|(?:{RESPONSIBILITY.pattern})|(?:{BLAME.pattern})", re.I
        )
        self._any_headline = table.any_headline_cue
        self.event_words = lex.pattern("event_words")
        self.intent = table.patterns.get("intent")
        self._seen: dict[str, bool] = {}

    def may_report(self, text: str) -> bool:
        """Return True when a sentence has any event cue, so it is worth parsing and typing."""
        got = self._seen.get(text)
        if got is None:
            if len(self._seen) > 8192:
                self._seen.clear()
            got = self._any.search(text) is not None or (
                self._any_headline is not None
                and self._any_headline.search(text) is not None
                and reads_as_headline(text)
            )
            self._seen[text] = got
        return got

    def may_be_event(self, text: str) -> bool:
        """Return True when a sentence has an event cue or a word that may speak of an event.

        The trained typer reads only these: a sentence with neither (about a third of news
        sentences without a cue have such a word) is no event, whatever a model would say.
        """
        return self.may_report(text) or self.event_words.search(text) is not None

    def __call__(self, text: str, has_date: bool = False) -> SentenceType | None:
        """Return the event type a sentence reports, or None when it reports no event."""
        return self.trace(text, has_date)[0]

    def trace(self, text: str, has_date: bool = False) -> tuple[SentenceType | None, RuleTrace]:
        """Return the sentence's type by the rules and how the rules got there."""
        trace = RuleTrace()
        if not self.may_report(text):
            trace.reason = "no event cue"
            return None, trace
        table = self.table
        headline = reads_as_headline(text)
        told = without_slogans(text)
        hits = {name: m for name, cue in table.cues.items() if (m := cue.stated(told, headline))}
        if not hits:
            trace.reason = "no event cue (only a claim or blame)"
            return None, trace
        # Who did what to whom, read without the report's source (", police said").
        core = ATTRIBUTION.sub("", text)
        for name in list(hits):
            cue = table.cues[name]
            if cue.outside_attribution and not cue.stated(core, headline):
                del hits[name]  # "..., a local vigilante leader said": the source only
        background = is_background(text, has_date)
        armed = bool(self.armed_target.search(core))
        act = min((m.start() for n, m in hits.items() if n in ("attack", "kill")), default=None)
        if armed and act is not None:
            # "Russian soldiers opened fire on a car carrying a family": the armed words are
            # the attacker's, before the act; only civilians are after it
            after = core[act:] if core.startswith(text[:act]) else ""
            if self.civilian_target.search(after) and not self.armed_target.search(after):
                armed = False
        facts = {
            "background": background,
            "only_modal": background and only_modal(text),
            "armed_target": armed,
            "civilian_target": bool(self.civilian_target.search(core)),
            "state": bool(
                self.state_actor.search(core)
                or (self.named_states is not None and self.named_states.search(core))
            ),
            "non_state": bool(
                self.non_state_actor.search(core)
                or (self.named_groups is not None and self.named_groups.search(core))
            ),
            "crowd": bool(self.crowd.search(text)),
        }
        for name, cue in table.cues.items():
            if (
                name not in hits
                and cue.also is not None
                and cue.also[0] in hits
                and self._holds(cue.also[1], hits, facts, text, speech=False)
            ):
                hits[name] = hits[cue.also[0]]
        trace.cues = {k: m.group(0) for k, m in hits.items()}
        trace.facts = facts
        stated = [m.span() for m in self.intent.finditer(text)] if self.intent is not None else []
        for rule in table.rules:
            if rule.cue not in hits:
                continue
            row = table.labels[rule.label]
            # A stated intention to do an act ("will provide aid", "is ready to impose a
            # curfew") is the promise or threat the codebook codes (the label's `intent`):
            # an act of speech, whose modal verbs are its nature, as for `speech` labels.
            # A promise, offer or threat made in words (a `speech` label) is itself the act.
            promised = (
                (row.intent is not None and row.intent_by_rules) or row.speech
            ) and _governs(text, stated, hits[rule.cue].start())
            # "announced that the forces would be dissolved": the announcement is the act,
            # the modal verbs after it are what it says
            start = hits[rule.cue].start()
            markers = _background_markers(text)
            if row.announced:
                # a stated turn: the statement, the nearest before its cue, may come first
                # ("announced that they were ending their neutrality and would fight")
                said = [m for m in STATED_TURN.finditer(text, 0, start + 1)]
                start = said[-1].start() if said else start
            announced = (
                ANNOUNCING.match(text, start) or STATED_TURN.match(text, start)
            ) is not None and all(m.start() > start for m in markers)
            # what a stated turn says comes after its statement in its own future ("would
            # observe a ceasefire"); a hedge ("may"), a condition or a span of time still
            # marks a plan or a trend
            if row.announced:
                announced = announced and all(_WILL.fullmatch(m.group(0)) for m in markers)
            heard = {**facts, "only_modal": True} if row.announced and announced else facts
            if not self._holds(rule.when, hits, heard, text, row.speech or promised or announced):
                trace.passed_over.append(rule.describe())
                continue
            m = hits[rule.cue]
            trace.rule = rule.describe()
            label = row.intent if promised and row.intent is not None else rule.label
            if label != rule.label:
                trace.rule += f"; a stated intention: {label}"
            typed = SentenceType(
                label, rule.cue, m.start(), m.end(), rule.strength, rule.firm, rule.rank,
                promised=promised,
            )  # fmt: skip
            return typed, trace
        trace.reason = (
            "background, a trend, a plan or a hypothetical"
            if background
            else "cues fired but no rule's guards held"
        )
        return None, trace

    def _holds(
        self,
        when: tuple[tuple[Atom, ...], ...],
        hits: dict[str, re.Match[str]],
        facts: dict[str, bool],
        text: str,
        speech: bool,
    ) -> bool:
        return all(any(self._atom(a, hits, facts, text, speech) for a in g) for g in when)

    def _atom(
        self,
        atom: Atom,
        hits: dict[str, re.Match[str]],
        facts: dict[str, bool],
        text: str,
        speech: bool,
    ) -> bool:
        if atom.kind == "cue":
            value = atom.name in hits
        elif atom.kind == "re":
            value = self.table.patterns[atom.name].search(text) is not None
        elif atom.name == "reported":
            # Promises, threats, demands and refusals are acts of speech about the future:
            # a modal ("will withdraw") is their nature, not a sign of a hypothetical.
            value = not facts["background"] or (speech and facts["only_modal"])
        else:
            value = facts[atom.name]
        return value != atom.negated

    def type_as(self, label: str, text: str, strength: float) -> SentenceType:
        """Return the sentence typed as label, its trigger at the label's own cue if it has one."""
        row = self.table.labels.get(label)
        names = (row.trigger_cues if row else ()) or (label.split(":", 1)[-1].lower(),)
        for name in names:
            cue = self.table.cues.get(name)
            if cue is not None and (m := cue.stated(text, reads_as_headline(text))):
                return SentenceType(label, name, m.start(), m.end(), strength)
        m = self._any.search(text)
        if m is not None:
            return SentenceType(label, "any", m.start(), m.end(), strength)
        return SentenceType(label, "model", 0, 0, strength)

    def rules_for(self, label: str) -> tuple[Rule, ...]:
        """Return the table's rules that give this label."""
        return tuple(r for r in self.table.rules if r.label == label)


#: How far after a stated intention ("will", "is ready to") the act's cue may start and
#: still be the act intended: "will send some 300 tonnes of medical aid" (6 words) is; the
#: sanctions of "will vote for a text which calls for wider sanctions" are not (a clause
#: boundary between). Set by hand on sentences we wrote (tests/extract/test_plover_codebook).
PROMISE_REACH = 8
_CLAUSE_BREAK = re.compile(
    r"[,;:()]|\b(?:that|which|who|whom|whose|after|before|because|while|but)\b", re.I
)


def _governs(text: str, intents: list[tuple[int, int]], cue_start: int) -> bool:
    """Return True when a stated intention ends shortly before the cue, in the same clause.

    An intention that is the cue's own words ("offered to", "will lift") governs it too.
    """
    for start, end in intents:
        if start <= cue_start <= end:
            return True
        if end > cue_start:
            continue
        between = text[end:cue_start]
        if len(between.split()) <= PROMISE_REACH and not _CLAUSE_BREAK.search(between):
            return True
    return False


def may_report(text: str) -> bool:
    """Return True when a sentence has any event cue (the default configuration's typer)."""
    from sitreps.resources import resources_for

    return resources_for().typer.may_report(text)


def may_be_event(text: str) -> bool:
    """Return True when the trained typer reads a sentence (the default configuration's typer)."""
    from sitreps.resources import resources_for

    return resources_for().typer.may_be_event(text)


def type_sentence(text: str, has_date: bool = False) -> SentenceType | None:
    """Return the sentence's type by the rules alone (the default configuration's typer)."""
    from sitreps.resources import resources_for

    return resources_for().typer(text, has_date)
