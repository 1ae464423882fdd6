"""The label table: what every event label means, read from data/labels.toml and validated.

One row per ACLED sub-event type and PLOVER type holds its cues, precedence rules, actor
policy, implied sides, note, continuation and merge families and taxonomy codes; the cue
families and the role lexicons shared by typing, actors and counts sit beside them. The
typer (sitreps.extract.rules) walks the rules in rank order; nothing else in the code knows
a label by name.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal, get_args

from sitreps.errors import SitrepsError

__all__ = [
    "ACTOR_POLICIES",
    "AcledLabel",
    "Atom",
    "Cue",
    "Implied",
    "Label",
    "LabelName",
    "LabelTable",
    "LabelTableError",
    "Lexicons",
    "PloverLabel",
    "Rule",
    "default_labels",
    "load_labels",
]

#: The 25 ACLED sub-event types (exact ACLED strings).
AcledLabel = Literal[
    "Armed clash",
    "Government regains territory",
    "Non-state actor overtakes territory",
    "Chemical weapon",
    "Air/drone strike",
    "Suicide bomb",
    "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED",
    "Grenade",
    "Sexual violence",
    "Attack",
    "Abduction/forced disappearance",
    "Peaceful protest",
    "Protest with intervention",
    "Excessive force against protesters",
    "Violent demonstration",
    "Mob violence",
    "Agreement",
    "Arrests",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Non-violent transfer of territory",
    "Other",
]
#: Political events ACLED does not code, as "PLOVER:<TYPE>".
PloverLabel = Literal[
    "PLOVER:CONSULT",
    "PLOVER:AGREE",
    "PLOVER:SUPPORT",
    "PLOVER:CONCEDE",
    "PLOVER:COOPERATE",
    "PLOVER:AID",
    "PLOVER:RETREAT",
    "PLOVER:REQUEST",
    "PLOVER:ACCUSE",
    "PLOVER:REJECT",
    "PLOVER:THREATEN",
    "PLOVER:SANCTION",
    "PLOVER:MOBILIZE",
    "PLOVER:COERCE",
    "PLOVER:PROTEST",
]
#: Every label the packaged table defines (a test keeps this and the table equal).
LabelName = AcledLabel | PloverLabel
LABEL_NAMES: tuple[str, ...] = (*get_args(AcledLabel), *get_args(PloverLabel))

#: How actor1 and actor2 are picked for a label (sitreps.extract.mention).
ACTOR_POLICIES = frozenset(
    {
        "takeover",
        "regain",
        "protest",
        "protest_intervention",
        "crowd",
        "one_sided",
        "battle",
        "default",
    }
)
#: Guard atoms a rule may test (besides cue:X and re:NAME).
FACTS = frozenset({"reported", "state", "non_state", "armed_target", "civilian_target", "crowd"})
FAMILIES = frozenset({"violence", "demonstration"})


class LabelTableError(SitrepsError):
    """The label table is malformed (says which row and field)."""


def alternatives(words: Iterable[str]) -> re.Pattern[str]:
    """Return a case-insensitive pattern matching any of the expressions from a word start."""
    return re.compile(r"\b(?:" + "|".join(words) + r")", re.I)


@dataclass(frozen=True)
class Atom:
    """One test in a rule's guard: a fact, a cue, or a named pattern; maybe negated."""

    kind: Literal["fact", "cue", "re"]
    name: str
    negated: bool = False

    def __str__(self) -> str:
        prefix = "!" if self.negated else ""
        return prefix + (self.name if self.kind == "fact" else f"{self.kind}:{self.name}")


@dataclass(frozen=True)
class Rule:
    """One precedence rule: this label when the cue fires and every guard holds."""

    rank: int
    label: str
    cue: str
    #: Conjunction of disjunctions of atoms.
    when: tuple[tuple[Atom, ...], ...]
    strength: float
    strength_from: str
    #: The model may neither relabel nor veto what this rule finds (a codebook precedence
    #: rule or a specific cue).
    firm: bool

    def describe(self) -> str:
        """Return the rule as one line ("#90 clash & reported & ... -> Armed clash")."""
        guards = " & ".join("|".join(str(a) for a in g) for g in self.when)
        return f"#{self.rank} {self.cue}{' & ' + guards if guards else ''} -> {self.label}"


@dataclass(frozen=True)
class Cue:
    """A cue family: expressions that speak for some kind of event."""

    name: str
    patterns: tuple[str, ...]
    #: Must also match the sentence without its attribution clause ("..., a vigilante said").
    outside_attribution: bool = False
    #: Another cue that stands for this one when its guard holds (cue, guard).
    also: tuple[str, tuple[tuple[Atom, ...], ...]] | None = None
    #: Families or labels a sentence with this cue goes on describing.
    continues_after: frozenset[str] = frozenset()
    #: Words that make a match only the act's occasion ("ahead of a planned protest").
    not_after: tuple[str, ...] = ()
    #: Expressions that are the act only in a headline, which reports in the present
    #: ("Gunmen kill 12 villagers"); in a body sentence they are habits, plans or
    #: infinitives ("vowed to kill").
    headline_patterns: tuple[str, ...] = ()

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """Return the compiled pattern of the family."""
        return alternatives(self.patterns)

    @cached_property
    def headline_regex(self) -> re.Pattern[str]:
        """Return the compiled pattern of the family in a headline."""
        return alternatives(self.patterns + self.headline_patterns)

    @cached_property
    def _occasion(self) -> re.Pattern[str] | None:
        if not self.not_after:
            return None
        return re.compile("(?:" + "|".join(self.not_after) + r")\s*$", re.I)

    def stated(self, text: str, headline: bool = False) -> re.Match[str] | None:
        """Return the first match that is the sentence's act, not the occasion of another."""
        occasion = self._occasion
        for m in (self.headline_regex if headline else self.regex).finditer(text):
            if occasion is None or not occasion.search(text, max(0, m.start() - 80), m.start()):
                return m
        return None


@dataclass(frozen=True)
class Implied:
    """A side a label implies when the sentence names none ("Civilians ({country})", 7)."""

    name: str
    inter: int
    #: Countries (ISO alpha-2) where the side is not implied: where several states or a
    #: foreign one do most of the act (air strikes in Syria, Ukraine, Yemen...).
    not_in: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Label:
    """One row of the table: everything a label means."""

    name: str
    event_type: str | None
    plover: str
    plover_mode: str | None
    cameo: str
    note: str
    actors: str = "default"
    family: str | None = None
    continues_after: frozenset[str] = frozenset()
    merge_groups: frozenset[str] = frozenset()
    trigger_cues: tuple[str, ...] = ()
    country_acts_as: Literal["government", "military"] = "military"
    government_recoded_as: str | None = None
    civilian_victim: bool = False
    implied_actor1: Implied | None = None
    implied_actor2: Implied | None = None
    speech: bool = False
    #: The act is a stated turn ("announced they would fight alongside the army"): a
    #: statement before its cue is the act, the modal verbs after it what it says.
    announced: bool = False
    #: The label a stated intention to do this act is coded as (PLOVER: a promise to give
    #: aid is AGREE, a warning of a ban THREATEN); None: an intention is no event.
    intent: str | None = None
    #: The label this is coded as when both sides are armed (ACLED: an attack by armed men
    #: on a state's or a group's forces is an armed clash); None: the same.
    between_armed: str | None = None
    #: False: the rules do not read a stated intention of this act as its `intent` (the
    #: sentence is then a plan, as before); the model's pick still is (extractor).
    intent_by_rules: bool = True
    #: False: the model may neither veto the rules' event nor call its own pick background.
    model_may_veto: bool = True
    #: The words the model's pick of this label over a rule's needs in the sentence (a
    #: weapon's label needs the weapon named); None: no such need.
    model_needs: re.Pattern[str] | None = None
    rules: tuple[Rule, ...] = ()

    @property
    def plover_only(self) -> bool:
        """Return True for a political event ACLED does not code (no event type)."""
        return self.event_type is None


@dataclass(frozen=True)
class Lexicons:
    """Role words shared by typing, actors and counts, as regular-expression alternatives."""

    words: Mapping[str, tuple[str, ...]]

    def pattern(self, name: str) -> re.Pattern[str]:
        """Return the lexicon as a case-insensitive pattern from a word start."""
        return _compiled(self.words[name])

    def alternation(self, name: str) -> str:
        """Return the lexicon as a bare alternation ("a|b|c") to build larger patterns."""
        return "|".join(self.words[name])


@lru_cache(maxsize=64)
def _compiled(words: tuple[str, ...]) -> re.Pattern[str]:
    return alternatives(words)


#: Lexicons the code reads (the table may hold more).
LEXICONS = (
    "armed_target",
    "civilian_target",
    "crowd",
    "state_actor",
    "non_state_actor",
    "victims",
    "size_nouns",
    "victims_armed",
    "victims_forces",
    "victims_civilians",
    "event_words",
)


@dataclass(frozen=True)
class LabelTable:
    """Labels, their rules in rank order, cue families, lexicons and named patterns."""

    labels: Mapping[str, Label]
    cues: Mapping[str, Cue]
    lexicons: Lexicons
    patterns: Mapping[str, re.Pattern[str]]
    event_types: Mapping[str, str]
    rules: tuple[Rule, ...] = field(default=())
    source: str = "labels.toml"

    def __getitem__(self, name: str) -> Label:
        """Return the row of a label (LabelTableError when there is none)."""
        try:
            return self.labels[name]
        except KeyError:
            raise LabelTableError(f"{self.source}: no label {name!r}") from None

    def __contains__(self, name: object) -> bool:
        return name in self.labels

    @cached_property
    def speech_labels(self) -> frozenset[str]:
        """Return the labels that are acts of speech about the future."""
        return frozenset(n for n, lab in self.labels.items() if lab.speech)

    @cached_property
    def unvetoable_labels(self) -> frozenset[str]:
        """Return the labels whose rule events the model may not veto (model_may_veto false)."""
        return frozenset(n for n, lab in self.labels.items() if not lab.model_may_veto)

    @cached_property
    def any_cue(self) -> re.Pattern[str]:
        """Return one pattern of every cue: most sentences have none, one search says so."""
        return re.compile("|".join(f"(?:{c.regex.pattern})" for c in self.cues.values()), re.I)

    @cached_property
    def any_headline_cue(self) -> re.Pattern[str] | None:
        """Return one pattern of every cue's headline-only expressions (None: no cue has any)."""
        parts = [c.headline_patterns for c in self.cues.values() if c.headline_patterns]
        if not parts:
            return None
        return re.compile("|".join(f"(?:{alternatives(p).pattern})" for p in parts), re.I)

    def compatible(self, a: str, b: str) -> bool:
        """Return True when reports typed a and b may tell one event (same or merge group)."""
        if a == b:
            return True
        la, lb = self.labels.get(a), self.labels.get(b)
        return la is not None and lb is not None and bool(la.merge_groups & lb.merge_groups)

    def disorder(self, event_type: str | None) -> str | None:
        """Return the disorder type of an ACLED event type."""
        return self.event_types.get(event_type or "")


# --- loading and validation ---------------------------------------------------------------


def _err(where: str, message: str) -> LabelTableError:
    return LabelTableError(f"{where}: {message}")


def _get(row: Mapping[str, Any], key: str, kind: type, where: str, default: Any = ...) -> Any:
    if key not in row:
        if default is ...:
            raise _err(where, f"missing field {key!r}")
        return default
    value = row[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind):
        raise _err(where, f"field {key!r} must be {kind.__name__}, not {value!r}")
    return value


def _strings(row: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = row.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _err(where, f"field {key!r} must be a list of strings")
    return tuple(value)


def _regex(text: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(text, re.I)
    except re.error as exc:
        raise _err(where, f"bad regular expression {text!r}: {exc}") from exc


def _guard(items: tuple[str, ...], where: str) -> tuple[tuple[Atom, ...], ...]:
    out = []
    for item in items:
        alts = []
        for raw in item.split("|"):
            text = raw.strip()
            negated = text.startswith("!")
            text = text.lstrip("!")
            if text.startswith(("cue:", "re:")):
                kind, name = text.split(":", 1)
                alts.append(Atom("cue" if kind == "cue" else "re", name, negated))
            elif text in FACTS:
                alts.append(Atom("fact", text, negated))
            else:
                raise _err(where, f"unknown guard {raw!r} (facts: {', '.join(sorted(FACTS))})")
        out.append(tuple(alts))
    return tuple(out)


def _implied(row: Mapping[str, Any], key: str, where: str) -> Implied | None:
    value = row.get(key)
    if value is None:
        return None
    if not isinstance(value, dict):
        raise _err(where, f"field {key!r} must be a table {{ name, inter }}")
    return Implied(
        _get(value, "name", str, f"{where}.{key}"),
        _get(value, "inter", int, where),
        frozenset(_strings(value, "not_in", f"{where}.{key}")),
    )


def _cue(name: str, row: Mapping[str, Any], where: str) -> Cue:
    patterns = _strings(row, "patterns", where)
    if not patterns:
        raise _err(where, "a cue needs at least one pattern")
    not_after = _strings(row, "not_after", where)
    headline = _strings(row, "headline_patterns", where)
    for p in patterns + not_after + headline:
        _regex(p, where)
    also = row.get("also")
    also_t = None
    if also is not None:
        also_t = (
            _get(also, "cue", str, f"{where}.also"),
            _guard(_strings(also, "when", where), f"{where}.also"),
        )
    return Cue(
        name,
        patterns,
        outside_attribution=_get(row, "outside_attribution", bool, where, False),
        also=also_t,
        continues_after=frozenset(_strings(row, "continues_after", where)),
        not_after=not_after,
        headline_patterns=headline,
    )


def _label(row: Mapping[str, Any], index: int, source: str) -> Label:
    where = f"{source}: labels[{index}]"
    name = _get(row, "name", str, where)
    where = f"{source}: label {name!r}"
    rules = []
    for j, r in enumerate(row.get("rules", [])):
        rw = f"{where} rule {j + 1}"
        strength = _get(r, "strength", float, rw)
        if not 0.0 <= strength <= 1.0:
            raise _err(rw, f"strength {strength} is not between 0 and 1")
        rules.append(
            Rule(
                rank=_get(r, "rank", int, rw),
                label=name,
                cue=_get(r, "cue", str, rw),
                when=_guard(_strings(r, "when", rw), rw),
                strength=strength,
                strength_from=_get(r, "strength_from", str, rw),
                firm=_get(r, "firm", bool, rw, False),
            )
        )
    actors = _get(row, "actors", str, where, "default")
    if actors not in ACTOR_POLICIES:
        raise _err(where, f"actors {actors!r} is not one of {', '.join(sorted(ACTOR_POLICIES))}")
    family = _get(row, "family", str, where, None)
    if family is not None and family not in FAMILIES:
        raise _err(where, f"family {family!r} is not one of {', '.join(sorted(FAMILIES))}")
    acts_as = _get(row, "country_acts_as", str, where, "military")
    if acts_as not in ("government", "military"):
        raise _err(where, f"country_acts_as {acts_as!r} is not government or military")
    note = _get(row, "note", str, where)
    try:
        note.format(a1="", a2="")
    except (KeyError, IndexError, ValueError) as exc:
        raise _err(where, f"note {note!r} may use only {{a1}} and {{a2}} ({exc})") from exc
    return Label(
        name=name,
        event_type=_get(row, "event_type", str, where, None),
        plover=_get(row, "plover", str, where),
        plover_mode=_get(row, "plover_mode", str, where, None),
        cameo=_get(row, "cameo", str, where),
        note=note,
        actors=actors,
        family=family,
        continues_after=frozenset(_strings(row, "continues_after", where)),
        merge_groups=frozenset(_strings(row, "merge_groups", where)),
        trigger_cues=_strings(row, "trigger_cues", where),
        country_acts_as="government" if acts_as == "government" else "military",
        government_recoded_as=_get(row, "government_recoded_as", str, where, None),
        civilian_victim=_get(row, "civilian_victim", bool, where, False),
        implied_actor1=_implied(row, "implied_actor1", where),
        implied_actor2=_implied(row, "implied_actor2", where),
        speech=_get(row, "speech", bool, where, False),
        announced=_get(row, "announced", bool, where, False),
        intent=_get(row, "intent", str, where, None),
        between_armed=_get(row, "between_armed", str, where, None),
        intent_by_rules=_get(row, "intent_by_rules", bool, where, True),
        model_may_veto=_get(row, "model_may_veto", bool, where, True),
        model_needs=_regex(needs, where)
        if (needs := _get(row, "model_needs", str, where, None))
        else None,
        rules=tuple(rules),
    )


def _check(table: LabelTable, strength_sources: Mapping[str, Any]) -> None:
    """Raise LabelTableError on a reference to a cue, pattern or label that does not exist."""
    src = table.source
    names = set(table.labels) | FAMILIES
    for cue in table.cues.values():
        for ref in cue.continues_after - FAMILIES:
            raise _err(f"{src}: cue {cue.name!r}", f"continues_after {ref!r} is no family")
        if cue.also is not None:
            if cue.also[0] not in table.cues:
                raise _err(f"{src}: cue {cue.name!r}", f"also names unknown cue {cue.also[0]!r}")
            _check_atoms(table, cue.also[1], f"{src}: cue {cue.name!r}")
    ranks: dict[int, str] = {}
    for lab in table.labels.values():
        where = f"{src}: label {lab.name!r}"
        if lab.event_type is not None and lab.event_type not in table.event_types:
            raise _err(where, f"event_type {lab.event_type!r} is not in [event_types]")
        for ref in lab.continues_after - names:
            raise _err(where, f"continues_after {ref!r} is neither a family nor a label")
        if lab.intent is not None and lab.intent not in table.labels:
            raise _err(where, f"intent names unknown label {lab.intent!r}")
        if lab.between_armed is not None and lab.between_armed not in table.labels:
            raise _err(where, f"between_armed names unknown label {lab.between_armed!r}")
        for name in lab.trigger_cues:
            if name not in table.cues:
                raise _err(where, f"trigger_cues names unknown cue {name!r}")
        for rule in lab.rules:
            rw = f"{where} rule #{rule.rank}"
            if rule.cue not in table.cues:
                raise _err(rw, f"unknown cue {rule.cue!r}")
            if rule.strength_from not in strength_sources:
                raise _err(rw, f"strength_from {rule.strength_from!r} is not in [strength_sources]")
            if rule.rank in ranks:
                raise _err(rw, f"rank {rule.rank} is also a rule of {ranks[rule.rank]!r}")
            ranks[rule.rank] = lab.name
            _check_atoms(table, rule.when, rw)
    missing = [n for n in LEXICONS if n not in table.lexicons.words]
    if missing:
        raise _err(f"{src}: [lexicons]", f"missing {', '.join(missing)}")


def _check_atoms(table: LabelTable, when: tuple[tuple[Atom, ...], ...], where: str) -> None:
    for group in when:
        for atom in group:
            if atom.kind == "cue" and atom.name not in table.cues:
                raise _err(where, f"guard names unknown cue {atom.name!r}")
            if atom.kind == "re" and atom.name not in table.patterns:
                raise _err(where, f"guard names unknown pattern {atom.name!r}")


def parse_labels(data: Mapping[str, Any], source: str = "labels.toml") -> LabelTable:
    """Return the validated table from parsed TOML data."""
    if data.get("version") != 1:
        raise _err(source, f"unsupported version {data.get('version')!r} (expected 1)")
    lex = data.get("lexicons", {})
    lexicons = Lexicons({k: _strings(lex, k, f"{source}: [lexicons]") for k in lex})
    for k, words in lexicons.words.items():
        for w in words:
            _regex(w, f"{source}: lexicon {k!r}")
    patterns = {
        k: _regex(v, f"{source}: [patterns] {k}") for k, v in data.get("patterns", {}).items()
    }
    cues = {k: _cue(k, v, f"{source}: cue {k!r}") for k, v in data.get("cues", {}).items()}
    labels: dict[str, Label] = {}
    for i, row in enumerate(data.get("labels", [])):
        lab = _label(row, i, source)
        if lab.name in labels:
            raise _err(source, f"label {lab.name!r} appears twice")
        labels[lab.name] = lab
    event_types = dict(data.get("event_types", {}))
    rules = tuple(sorted((r for lab in labels.values() for r in lab.rules), key=lambda r: r.rank))
    table = LabelTable(labels, cues, lexicons, patterns, event_types, rules, source)
    _check(table, data.get("strength_sources", {}))
    return table


def load_labels(path: Path | str | None = None) -> LabelTable:
    """Return the label table at path (the packaged data/labels.toml by default), validated."""
    if path is None:
        ref = resources.files("sitreps") / "data" / "labels.toml"
        text, source = ref.read_text(encoding="utf-8"), "labels.toml"
    else:
        try:
            text, source = Path(path).read_text(encoding="utf-8"), str(path)
        except OSError as exc:
            raise LabelTableError(f"{path}: {exc}") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LabelTableError(f"{source}: {exc}") from exc
    return parse_labels(data, source)


@lru_cache(maxsize=1)
def default_labels() -> LabelTable:
    """Return the packaged label table (read once per process)."""
    return load_labels()
