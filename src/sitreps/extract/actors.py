"""Actors: the actor dictionary, and who acted on whom in a sentence.

Names come from data/actors.csv (named groups and state forces, country- and
period-aware) and data/generic_actors.csv (unnamed gunmen, civilians, protesters...).
Roles come from the sentence's dependency structure: the subject (or the "by" agent of a
passive) acts; the object (or the passive subject, or "with"/"against" objects) is acted
upon.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from importlib import resources
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from sitreps.extract.rules import reads_as_headline

__all__ = [
    "ActorDictionary",
    "ActorMention",
    "ResolvedActor",
    "generic_name",
    "identity_groups",
    "without_period",
]


@dataclass(frozen=True)
class ActorRow:
    """One row of the actor dictionary."""

    canonical: str
    aliases: tuple[str, ...]
    country: str
    start: date | None
    end: date | None
    inter: int
    kind: str

    def applies(self, country: str | None, when: date | None) -> bool:
        """Return True when the row covers this country and date."""
        if self.country != "*" and country is not None and self.country != country:
            return False
        if self.country != "*" and country is None:
            return False
        if when is not None:
            if self.start is not None and when < self.start:
                return False
            if self.end is not None and when >= self.end:
                return False
        return True


@dataclass(frozen=True)
class ActorMention:
    """An actor named in the text: its surface form, offsets and the role words it matched."""

    text: str
    start: int
    end: int
    key: str  # lowercased alias


@dataclass(frozen=True)
class ResolvedActor:
    """A canonical actor with its inter code."""

    name: str
    inter: int
    mention: ActorMention
    #: Named as such ("the Taliban", "Israel") rather than by a role word ("gunmen", "troops").
    named: bool = False
    #: Named by no word of the text: the side the event's label implies ("a drone strike":
    #: the country's air force), which any side the report names outranks.
    implied: bool = False

    @property
    def unidentified(self) -> bool:
        """Return True for an unidentified armed group ("Unidentified Armed Group (Mali)")."""
        return self.name.startswith("Unidentified Armed Group")


_TITLE_AFTER = re.compile(
    r"\s+(?:spokes\w+|officials?|sources?|chief|commander|statement|department|headquarters|"
    r"station|ministry|minister)\b",
    re.I,
)


_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)$")


def without_period(name: str) -> str:
    """Return an actor name without its period ("Military Forces of X (2022-)" -> "... X")."""
    return _PERIOD.sub("", name)


def _parse_date(value: str) -> date | None:
    return date.fromisoformat(value) if value.strip() else None


def _read_rows(text: str) -> list[ActorRow]:
    rows = []
    for r in csv.DictReader(text.splitlines()):
        rows.append(
            ActorRow(
                canonical=r["canonical"].strip(),
                aliases=tuple(a.strip() for a in r["aliases"].split(";") if a.strip()),
                country=r["country"].strip() or "*",
                start=_parse_date(r["start"]),
                end=_parse_date(r["end"]),
                inter=int(r["inter"]),
                kind=r["kind"].strip(),
            )
        )
    return rows


#: How a report names an ethnic group's or a clan's armed men ("Murle gunmen", "armed
#: Pokot raiders", "Habar Gidir sub-clan militias"); {n} is the group's name.
_IDENTITY_FORMS = (
    "{n} militia", "{n} militias", "{n} militiamen", "{n} militia members", "{n} gunmen",
    "{n} fighters", "{n} raiders", "{n} attackers", "armed {n}", "armed {n} men",
    "armed {n} raiders", "armed {n} youths", "armed {n} youth", "{n} armed youths",
    "{n} ethnic militia", "{n} ethnic militias", "{n} clan militia", "{n} clan militias",
    "{n} sub-clan militia", "{n} sub-clan militias", "{n} clan militiamen",
    "{n} clan fighters", "{n} tribal militia", "{n} tribal fighters",
)  # fmt: skip


def _identity_rows(text: str) -> list[ActorRow]:
    """Return the rows of identity militias (data/identity_militias.csv), their forms made.

    Each names an ethnic group's or a clan's militia as ACLED does ("Murle Ethnic Militia
    (South Sudan)") from the group's names, in its own country only (kind "local": the
    Fulani militias of Nigeria and of Mali are two actors).
    """
    rows = []
    for r in csv.DictReader(text.splitlines()):
        names = [n.strip() for n in r["names"].split(";") if n.strip()]
        aliases = tuple(form.format(n=n) for n in names for form in _IDENTITY_FORMS)
        rows.append(
            ActorRow(r["canonical"].strip(), aliases, r["country"].strip(), None, None, 4, "local")
        )
    return rows


#: "..., Indian police said", "police in Myanmar said": the source of a report.
_SOURCE_AFTER = re.compile(
    r"\s+(?:(?:in|of)\s+[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?\s+)?"
    r"(?:said|say|says|told|reported|added|confirmed|stated)\b"
)
_SOURCE_BEFORE = re.compile(r"(?:,|\bsaid|\btold)\s*(?:the\s+)?(?:[\w'’-]+\s+){0,2}$", re.I)
_ACCORDING_TO = re.compile(r"\baccording to\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}$", re.I)


@dataclass(frozen=True)
class GenericRole:
    """An unnamed actor role ("gunmen" -> Unidentified Armed Group (Country))."""

    role: str
    aliases: tuple[str, ...]
    inter: int
    template: str


class ActorDictionary:
    """Named and generic actors, matched on word boundaries, resolved by country and date."""

    def __init__(self, user_files: Iterable[Path] = ()) -> None:
        data = resources.files("sitreps") / "data"
        self.rows: list[ActorRow] = []
        for path in user_files:  # users' rows first: they win ties
            self.rows.extend(_read_rows(Path(path).read_text(encoding="utf-8")))
        self.rows.extend(_read_rows((data / "actors.csv").read_text(encoding="utf-8")))
        self.rows.extend(
            _identity_rows((data / "identity_militias.csv").read_text(encoding="utf-8"))
        )
        self.generic: list[GenericRole] = []
        for r in csv.DictReader(
            (data / "generic_actors.csv").read_text(encoding="utf-8").splitlines()
        ):
            self.generic.append(
                GenericRole(
                    r["role"],
                    tuple(a.strip() for a in r["aliases"].split(";") if a.strip()),
                    int(r["inter"]),
                    r["name_template"],
                )
            )
        # Rows by their name without period, for state_actor ("Military Forces of Israel").
        self._by_plain_name: dict[str, list[ActorRow]] = {}
        for row in self.rows:
            self._by_plain_name.setdefault(without_period(row.canonical), []).append(row)
        # Rows by lower-cased alias: resolve() and home_of() look a mention up per call.
        self._by_alias: dict[str, list[ActorRow]] = {}
        for row in self.rows:
            for alias in dict.fromkeys(a.lower() for a in row.aliases):
                self._by_alias.setdefault(alias, []).append(row)
        aliases = {a.lower() for row in self.rows for a in row.aliases}
        aliases |= {a.lower() for g in self.generic for a in g.aliases}
        # Keys whose every alias is an acronym ("BIR", "PDP"): matched only in capitals, so
        # "Bir al-Abd" is no Cameroonian battalion.
        written: dict[str, set[str]] = {}
        for alias in [a for row in self.rows for a in row.aliases] + [
            a for g in self.generic for a in g.aliases
        ]:
            written.setdefault(alias.lower(), set()).add(alias)
        self._acronyms = frozenset(
            k for k, forms in written.items() if all(f.isupper() and len(f) <= 6 for f in forms)
        )
        # As a trie, so "Afghan security forces" wins over "security forces".
        self._pattern = re.compile(r"(?<![\w-])(" + trie_alternation(aliases) + r")(?![\w-])", re.I)

    def named_patterns(self) -> list[str]:
        """Return the aliases of named groups (capitalised ones) for the entity ruler."""
        out: set[str] = set()
        for row in self.rows:
            if row.kind == "group":
                out.update(a for a in row.aliases if a[:1].isupper())
        return sorted(out)

    def named_group_pattern(self) -> re.Pattern[str] | None:
        """Return a pattern of the named non-state groups ("Arakan Army"), None if there are none.

        The typer's state word "army" also matches "Arakan Army": a named group in the
        sentence says a non-state side is there, whatever its name ends with.
        """
        names = sorted(
            {
                a
                for row in self.rows
                if row.kind == "group" and row.inter in (2, 3, 4)
                for a in row.aliases
                if a[:1].isupper()
                and (len(a) > 2 or (a.isupper() and len(a) == 2 and a not in _WORDS_IN_CAPS))
            },
            key=len,
            reverse=True,
        )
        return _alternation(names)

    def named_state_pattern(self) -> re.Pattern[str] | None:
        """Return a pattern of the state forces' own names ("FARDC", "Tatmadaw", "SAF").

        A name that is also a non-state group's ("Taliban" before 2021) is left out: the
        sentence's date, not its words, says which the group was.
        """
        non_state = {a for row in self.rows if row.inter in (2, 3, 4) for a in row.aliases}
        names = sorted(
            {
                a
                for row in self.rows
                if row.inter == 1 and row.kind.startswith("state")
                for a in row.aliases
                if a[:1].isupper() and len(a) > 2 and a not in non_state
            },
            key=len,
            reverse=True,
        )
        return _alternation(names)

    def country_votes(self, text: str) -> Counter[str]:
        """Return votes for the countries of the named groups and forces in the text.

        "Al Shabaab", "the ADF", "FARC dissidents" say where a story is as a country's name
        does: each name gives two votes to each of its rows' countries (one when it has
        three; a name of many countries says nothing).
        """
        votes: Counter[str] = Counter()
        for pattern in self._named_patterns:
            for name in {m.group(0) for m in pattern.finditer(text)}:
                countries = self._countries_of.get(name, frozenset())
                if 0 < len(countries) <= 3:
                    # a group of one or two countries says as much as the country's name
                    # ("ADF rebels attacked Beni": Congo's town, not Bolivia's department)
                    for code in countries:
                        votes[code] += 2 if len(countries) <= 2 else 1
        return votes

    def home_named(self, text: str) -> tuple[str, int, int] | None:
        """Return the country most of the named groups and forces belong to, and where one is.

        For a story that names no place: "SDF detain ISIS members ..." is in Syria, "2 FACA
        and 2 gendarmes killed" in the Central African Republic. None when no name has a
        country of its own or two countries tie.
        """
        votes: Counter[str] = Counter()
        first: dict[str, tuple[int, int]] = {}
        for pattern in self._named_patterns:
            for m in pattern.finditer(text):
                countries = self._countries_of.get(m.group(0), frozenset())
                if len(countries) == 1:
                    (code,) = countries
                    votes[code] += 1
                    if code not in first or m.start() < first[code][0]:
                        first[code] = (m.start(), m.end())
        ranked = votes.most_common(2)
        if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
            return None
        code = ranked[0][0]
        return code, *first[code]

    @cached_property
    def _named_patterns(self) -> tuple[re.Pattern[str], ...]:
        found = (self.named_group_pattern(), self.named_state_pattern())
        return tuple(p for p in found if p is not None)

    @cached_property
    def _countries_of(self) -> dict[str, frozenset[str]]:
        """Return, per capitalised alias, the countries of the rows that carry it."""
        out: dict[str, set[str]] = {}
        for row in self.rows:
            if row.country in ("", "*"):
                continue
            for alias in row.aliases:
                if alias[:1].isupper():
                    out.setdefault(alias, set()).add(row.country)
        return {k: frozenset(v) for k, v in out.items()}

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[ActorMention]:
        """Return the actor aliases found in text[start:end], in order."""
        out = []
        for m in self._pattern.finditer(text, start, len(text) if end is None else end):
            if _TITLE_AFTER.match(text, m.end()):
                continue  # "police spokesman", "army officials": a source, not an actor
            if m.group(0).lower() in self._acronyms and not m.group(0).isupper():
                continue  # "Bir al-Abd", "Ada": a word, not the acronym "BIR", "ADA"
            if len(m.group(0)) == 2 and _CAPS_AROUND.search(
                text[max(0, m.start() - 12) : m.start()] + "|" + text[m.end() : m.end() + 12]
            ):
                continue  # "WHAT IS LEFT": a line in capitals, not the acronym "IS"
            before = text[max(start, m.start() - 40) : m.start()]
            if _ACCORDING_TO.search(before) or (
                _SOURCE_AFTER.match(text, m.end()) and _SOURCE_BEFORE.search(before)
            ):
                continue  # "..., police said.", "according to the army": who reports it
            out.append(ActorMention(m.group(0), m.start(), m.end(), m.group(0).lower()))
        return out

    def resolve(
        self,
        mention: ActorMention,
        country_code: str | None,
        country_name: str | None,
        when: date | None,
    ) -> ResolvedActor | None:
        """Return the canonical actor a mention means in this country at this date."""
        matching = self._by_alias.get(mention.key, [])
        named = any(
            a[:1].isupper() for r in matching for a in r.aliases if a.lower() == mention.key
        )
        for row in matching:
            if row.applies(country_code, when):
                return ResolvedActor(row.canonical, row.inter, mention, named)
        # A named group or government is itself wherever it acts ("Iran", "the Taliban"),
        # unless the name is several groups' and none is called by it: "UN peacekeepers"
        # with no country known is no one mission.
        # Only by a name, not a description: "resistance fighters" are Myanmar's PDF in
        # Myanmar, not in Jenin.
        home = [
            r
            for r in matching
            if r.kind in ("group", "government")
            and r.applies(r.country, when)
            and any(a[:1].isupper() for a in r.aliases if a.lower() == mention.key)
        ]
        if len({r.canonical for r in home}) > 1:
            home = [r for r in home if _fold(r.canonical).startswith(_fold(mention.key))]
        if len({r.canonical for r in home}) == 1:
            return ResolvedActor(home[0].canonical, home[0].inter, mention, named)
        abroad = self._forces_abroad(matching, named, country_code, when, mention)
        if abroad is not None:
            return abroad
        # With no country known, a form only one country's forces go by names them
        # ("regime forces" is Syria's in our dictionary; "troops" is everyone's).
        # (not a local word: "separatists" are Cameroon's Ambazonians only in Cameroon)
        matching = [r for r in matching if r.kind != "local"]
        homes = {r.country for r in matching}
        if country_code is None and len(homes) == 1 and "*" not in homes:
            for row in matching:
                if row.applies(row.country, when):
                    return ResolvedActor(row.canonical, row.inter, mention, named)
        # A role word with its owner ("Haitian police") outside the period of the row that
        # names it is the role word in that country.
        rest = mention.key.split(" ", 1)[-1]
        for key in (mention.key, rest):
            for role in self.generic:
                if key in (a.lower() for a in role.aliases):
                    if country_name is None:
                        return ResolvedActor(generic_name(role.template, None), role.inter, mention)
                    return self.state_actor(role.template, country_name, role.inter, mention, when)
        return None

    def _forces_abroad(
        self,
        matching: list[ActorRow],
        named: bool,
        country_code: str | None,
        when: date | None,
        mention: ActorMention,
    ) -> ResolvedActor | None:
        """Return a state's forces named as its own ("Kenyan troops", "KDF") outside it.

        Such a name is one country's forces wherever they act: Kenyan troops in Kismayo are
        Kenya's, not Somalia's. Their row for the date names them, or without one their
        name without a period. Lower-case forms ("paramilitary forces") stay the role word.
        """
        homes = {r.country for r in matching}
        if (
            not named
            or country_code is None
            or len(homes) != 1
            or country_code in homes
            or "*" in homes
            or not all(r.kind.startswith("state_") for r in matching)
        ):
            return None
        plain = {without_period(r.canonical) for r in matching}
        if len(plain) != 1:
            return None
        name = plain.pop()
        own = next(
            (r for r in self._by_plain_name.get(name, ()) if r.applies(r.country, when)), None
        )
        if own is not None:
            return ResolvedActor(own.canonical, own.inter, mention, named)
        return ResolvedActor(name, matching[0].inter, mention, named)

    def state_actor(
        self,
        template: str,
        country_name: str,
        inter: int,
        mention: ActorMention,
        when: date | None,
        named: bool = False,
    ) -> ResolvedActor:
        """Return a country's actor by template, as the dictionary names it when it has a row.

        "Israeli tank fire" -> Military Forces of Israel (2022-): the row's name and period.
        """
        name = generic_name(template, country_name)
        own = next(
            (r for r in self._by_plain_name.get(name, ()) if r.applies(r.country, when)), None
        )
        if own is not None:
            return ResolvedActor(own.canonical, own.inter, mention, named)
        return ResolvedActor(name, inter, mention, named)

    def home_of(self, text: str, start: int, end: int, when: date | None) -> str | None:
        """Return the one country (ISO alpha-2) of the named non-state groups in text[start:end].

        "Al-Shabaab fighters ...": SO. None when no such group is named, when the groups
        named belong to different countries, or when a group acts anywhere (country "*").
        """
        homes: set[str] = set()
        for m in self.mentions(text, start, end):
            rows = self._by_alias.get(m.key, [])
            named = [
                r
                for r in rows
                if r.kind == "group" and r.inter in (2, 3, 4) and r.applies(r.country, when)
            ]
            if named and any(a[:1].isupper() for r in named for a in r.aliases):
                homes.add(named[0].country)  # the first row, as resolve() takes it
        return homes.pop() if len(homes) == 1 and "*" not in homes else None

    def role_of(self, mention: ActorMention) -> str | None:
        """Return the generic role of a mention ("civilians", "protesters"...), if any."""
        for role in self.generic:
            if mention.key in (a.lower() for a in role.aliases):
                return role.role
        return None


#: Role words naming who the civilians, protesters or rioters were: ACLED codes them as an
#: associated actor ("Teachers (Kenya)" with "Protesters (Kenya)").
IDENTITY_GROUPS = {
    "teachers": "Teachers",
    "students": "Students",
    "pupils": "Students",
    "schoolchildren": "Students",
    "doctors": "Health Workers",
    "nurses": "Health Workers",
    "health workers": "Health Workers",
    "workers": "Labour Group",
    "lawyers": "Lawyers",
    "journalists": "Journalists",
    "farmers": "Farmers",
    "women": "Women",
    "refugees": "Refugees/IDPs",
    "displaced people": "Refugees/IDPs",
}


def identity_groups(mentions: Iterable[ActorMention], country: str) -> list[str]:
    """Return the associated-actor names of identity role words ("Teachers (Kenya)")."""
    out: list[str] = []
    for m in mentions:
        group = IDENTITY_GROUPS.get(m.key)
        if group is not None and (name := f"{group} ({country})") not in out:
            out.append(name)
    return out


#: Countries ACLED names with "the" after "of" ("Police Forces of the Philippines").
_WITH_THE = frozenset(
    {
        "Bahamas",
        "Central African Republic",
        "Comoros",
        "Democratic Republic of Congo",
        "Gambia",
        "Maldives",
        "Netherlands",
        "Philippines",
        "Republic of Congo",
        "United Arab Emirates",
        "United Kingdom",
        "United States",
    }
)


def generic_name(template: str, country: str | None) -> str:
    """Return a generic actor's name in a country ("Military Forces of the Philippines").

    With no country known (one sentence, no place: "three men were detained by the police")
    the name says the role alone ("Police Forces"): a side a user can read and correct,
    where no name at all would lose who acted.
    """
    if country is None:
        return re.sub(r"\s*(?:of \{country\}|\(\{country\}\))", "", template).strip()
    if country in _WITH_THE and "of {country}" in template:
        template = template.replace("of {country}", "of the {country}")
    return template.format(country=country)


#: Verbs whose subject meets an explosive device ("hit an IED", "ran over a mine").
_MEETS_DEVICE = frozenset(
    {"hit", "hits", "struck", "strikes", "ran", "runs", "stepped", "steps", "drove", "rolled"}
    | {"triggered", "triggers", "touched"}
)
#: Who sets a device off rather than meets it.
_DEVICE_USERS = frozenset(
    {"bomber", "bombers", "attacker", "attackers", "militants", "insurgents", "terrorists",
     "jihadists", "rebels", "guerrillas", "assailants", "gunmen", "maoists", "naxals",
     "naxalites", "separatists", "militiamen", "bandits"}
)  # fmt: skip
_DEVICE = re.compile(r"\b(?:IEDs?|improvised|explosives?|(?:land)?mines?|bombs?|devices?)\b", re.I)


def _meets_device(verb: Token) -> bool:
    """Return True when the verb's object or phrase is an explosive device.

    Not the arms it was done with: "Russian aircraft struck Avdiivka with guided bombs".
    """
    return any(
        _DEVICE.search(" ".join(t.text for t in c.subtree))
        for c in verb.children
        if c.dep_ in ("dobj", "prep", "prt") and c.lower_ not in ("with", "using")
    )


def _span_tokens(sdoc: Doc, m: ActorMention) -> Span | None:
    return sdoc.char_span(m.start, m.end, alignment_mode="expand")


#: Nouns naming an act, whose "by" phrase is its doer ("an ambush by gunmen").
_ACT_NOUNS = frozenset(
    {
        "ambush", "attack", "assault", "raid", "offensive", "strike", "airstrike", "bombing",
        "shelling", "killing", "killings", "massacre", "abduction", "kidnapping", "incursion",
        "attacks", "raids", "strikes", "airstrikes", "ambushes", "bombardment", "crackdown",
        "arrest", "arrests", "takeover", "capture", "seizure", "advance", "operation",
    }
)  # fmt: skip


#: Acts whose owner before them is who acted ("an NPA ambush"): not "killings" or
#: "arrests", whose word before may be their victims ("journalist killings").
_OWNED_ACTS = frozenset(
    {
        "ambush", "ambushes", "attack", "attacks", "assault", "raid", "raids", "offensive",
        "strike", "strikes", "airstrike", "airstrikes", "bombing", "shelling", "bombardment",
        "incursion", "crackdown", "operation", "advance", "takeover", "sweep",
    }
)  # fmt: skip

#: Reporting verbs: their subject is a source, not a side.
_SAYING = frozenset(
    {"said", "says", "say", "told", "reported", "reports", "announced", "confirmed", "stated"}
)


#: Verbs of a speaker's suspicion: "they suspected ..." is no act of theirs.
_SUSPECTING = frozenset(
    {"suspected", "suspect", "suspects", "believed", "believe", "believes", "thought"}
    | {"think", "feared", "fear", "blamed", "blame", "blames", "accused", "accuse"}
)  # fmt: skip


def _reports_others(verb: Token, trigger: Token | None) -> bool:
    """Return True when a reporting verb reports what someone else did.

    "Police said gunmen killed ...": yes. "The Arakan Army said it had moved ...": no, the
    speaker is the doer (the reported clause's subject is a pronoun).
    """
    if trigger is not None and trigger.i == verb.i:
        return False
    for clause in (c for c in verb.children if c.dep_ in ("ccomp", "xcomp")):
        if clause.lower_ in _SUSPECTING:
            continue  # "police said they suspected TTP factions": still others' act
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if subjects and all(s.pos_ == "PRON" for s in subjects):
            return False
    return True


#: Verbs whose bare past participle ends a headline's passive ("12 soldiers killed in raid").
_DONE_TO = frozenset(
    {
        "killed", "wounded", "injured", "abducted", "kidnapped", "arrested", "detained",
        "beheaded", "executed", "shot", "murdered", "massacred", "captured", "hurt", "slain",
        "lynched", "ambushed", "attacked", "targeted", "freed", "released", "rescued",
    }
)  # fmt: skip


def _headline_passive(verb: Token) -> bool:
    """Return True when a headline's bare participle is a passive ("Five rebels killed").

    A headline drops the passive's auxiliary: its subject is the one the act was done to
    when the verb has no object and no auxiliary of its own ("Gunmen killed 5" has one).
    """
    if verb.lower_ not in _DONE_TO or verb.tag_ not in ("VBD", "VBN"):
        return False
    if any(c.dep_ in ("dobj", "aux", "auxpass", "ccomp", "xcomp", "dative") for c in verb.children):
        return False
    return reads_as_headline(verb.sent.text)


#: Verbs whose subject turned an attack back: "troops repelled an ISWAP attack" (the
#: attack's owner attacked; the troops defended). The parse runs no lemmatizer: forms.
_REPELS = frozenset(
    {"repel", "repels", "repelled", "repelling", "repulse", "repulses", "repulsed"}
    | {"foil", "foils", "foiled", "thwart", "thwarts", "thwarted", "rebuffed"}
)  # fmt: skip
#: Their particle forms ("beat back", "fended off", "pushed back").
_REPELS_WITH = {
    "beat": "back", "beats": "back", "pushed": "back", "push": "back", "fended": "off",
    "fend": "off", "fought": "off",
}  # fmt: skip
#: Verbs whose subject is who died ("four soldiers died when ...").
_DIES = frozenset({"die", "dies", "died", "perish", "perished", "succumbed"})


def _repels(verb: Token) -> bool:
    """Return True when the verb turns an attack back ("repelled an attack", "beat back")."""
    if verb.lower_ in _REPELS:
        return True
    prt = _REPELS_WITH.get(verb.lower_)
    return prt is not None and any(
        c.dep_ in ("prt", "advmod") and c.lower_ == prt for c in verb.children
    )


def _repelled_attack(tok: Token) -> bool:
    """Return True for an act noun that is the object of a repelling verb."""
    return tok.dep_ == "dobj" and _is_act_noun(tok) and _repels(tok.head)


#: Participles and verbs whose patient is a casualty ("were killed", "died").
_CASUALTY_VERBS = _DIES | {"killed", "wounded", "injured", "hurt", "slain"}


def is_casualty(sdoc: Doc, m: ActorMention) -> bool:
    """Return True when the mention names the dead or wounded ("two policemen were killed").

    Such a side was hit; in a battle told only by its losses it is not who attacked.
    """
    span = _span_tokens(sdoc, m)
    if span is None:
        return False
    tok = span.root
    while tok.dep_ in ("compound", "amod", "appos", "nmod", "conj") and tok.head is not tok:
        tok = tok.head
    return tok.dep_ in ("nsubjpass", "nsubj", "dobj") and tok.head.lower_ in _CASUALTY_VERBS


#: Participles whose "by" names an ally, not a doer: "the RSF, backed by Arab militiamen".
_BACKING = frozenset(
    {"backed", "supported", "assisted", "aided", "accompanied", "reinforced", "joined"}
    | {"flanked", "helped", "escorted", "armed", "funded", "trained"}
)  # fmt: skip


def _is_act_noun(tok: Token) -> bool:
    """Return True for a noun naming a violent or coercive act ("ambush", "raid")."""
    return tok.pos_ in ("NOUN", "PROPN") and tok.lower_ in _ACT_NOUNS


def grammatical_role(sdoc: Doc, m: ActorMention, trigger: Token | None) -> str:
    """Return "agent", "patient" or "other" for an actor mention relative to the trigger."""
    span = _span_tokens(sdoc, m)
    if span is None:
        return "other"
    if (surface := _repelled_by_words(span)) is not None:
        return surface
    tok = span.root
    # Climb compounds/appositions to the noun phrase's head.
    while tok.dep_ in ("compound", "amod", "appos", "nmod", "poss") and tok.head is not tok:
        if _done_to(tok):
            return "patient"  # "CAR: Three UN peacekeepers killed ...": not the apposition's
        if tok.dep_ in ("compound", "poss") and (
            _repelled_attack(tok.head) or tok.head.lower_ in _OWNED_ACTS
        ):
            # "troops repelled an ISWAP attack", "two soldiers dead in NPA attack", "the
            # army's offensive": the attack's owner attacked
            return "agent"
        if tok.dep_ == "poss":
            break
        tok = tok.head
    dep = tok.dep_
    head = tok.head
    by_agent = (
        head.head.tag_ == "VBN" and head.head.lower_ not in _BACKING
    ) or _is_act_noun(head.head)
    if dep == "pobj" and head.lower_ == "by" and by_agent:
        return "agent"  # "were killed by Taliban snipers", "in an ambush by gunmen"
    if dep == "pobj" and head.lower_ in ("with", "against", "on", "at", "targeting"):
        return "patient"
    if dep in ("nsubjpass", "dobj", "attr", "oprd"):
        return "patient"
    if _done_to(tok):
        return "patient"  # "two commanders killed in a US strike": the participle's object
    if dep == "nsubj" and _headline_passive(head):
        return "patient"  # "Five LRA rebels killed": a headline drops the passive's "were"
    if dep == "nsubj" and head.lower_ in _SAYING and _reports_others(head, trigger):
        return "other"  # "Police said on Monday that gunmen killed ...": the source
    if (
        dep == "nsubj"
        and head.lower_ in _MEETS_DEVICE
        and _meets_device(head)
        # (a bomber or a named group sets its device off: "an al Shabaab suicide bomber
        # drove a car packed with explosives", "Maoists triggered an IED blast")
        and tok.lower_ not in _DEVICE_USERS
        and span.root.pos_ != "PROPN"
    ):
        return "patient"  # "a police vehicle hit a roadside IED": who the blast hit
    if dep == "nsubj" and head.lower_ in _DIES:
        return "patient"  # "four soldiers died when their vehicle hit a landmine"
    if dep == "nsubj" and any(_repelled_attack(c) for c in head.children):
        return "patient"  # "troops repelled an ISWAP attack": the side attacked
    if dep in ("nsubj", "agent"):
        return "agent"
    if dep == "conj":
        return grammatical_role(sdoc, _as_mention(head), trigger)
    return "other"


def _done_to(tok: Token) -> bool:
    """Return True when a participle after the noun says what was done to it ("X killed")."""
    return any(c.dep_ == "acl" and c.lower_ in _DONE_TO and c.tag_ == "VBN" for c in tok.children)


#: "repel(led) an ISWAP attack" in words, for headlines the parser reads as one long noun
#: ("Afghan police repel Taliban attack, killing 11").
_REPEL_WORDS = re.compile(
    r"\b(?:repel(?:s|led)?|repulse[sd]?|foil(?:s|ed)?|thwart(?:s|ed)?|beats? back|beat back)"
    r"\s+(?:an?\s+|the\s+)?(?P<owner>(?:[\w'-]+\s+){1,3}?)(?:attacks?|assaults?|raids?|"
    r"ambush(?:es)?|offensive|incursion)\b",
    re.I,
)


def _repelled_by_words(span: Span) -> str | None:
    """Return the role the words give a side around "repel ... attack", else None."""
    sent = span.sent
    for rm in _REPEL_WORDS.finditer(sent.text):
        start = sent.start_char + rm.start("owner")
        end = sent.start_char + rm.end("owner")
        if start <= span.start_char and span.end_char <= end:
            return "agent"  # the attack's owner attacked
        gap = sent.text[span.end_char - sent.start_char : rm.start()]
        if span.end_char <= sent.start_char + rm.start() and not gap.strip():
            return "patient"  # the side that repelled it was attacked
    return None


def _as_mention(tok: Token) -> ActorMention:
    """Return a token as a mention, to ask the role of the noun phrase it heads."""
    return ActorMention(tok.text, tok.idx, tok.idx + len(tok.text), "")


#: A word in capitals right before or after a two-letter acronym: a line in capitals.
_CAPS_AROUND = re.compile(r"\b[A-Z]{2,}\s*\||\|\s*[A-Z]{2,}\b")
#: Two-letter words a headline in capitals has: no group's acronym ("AA" is one).
_WORDS_IN_CAPS = frozenset(
    [
        "AM",
        "AN",
        "AS",
        "AT",
        "BE",
        "BY",
        "DO",
        "GO",
        "HE",
        "IF",
        "IN",
        "IS",
        "IT",
        "ME",
        "MY",
        "NO",
        "OF",
        "ON",
        "OR",
        "SO",
        "TO",
        "UP",
        "US",
        "WE",
        "UN",
    ]
)


def _fold(name: str) -> str:
    """Return a name's letters and digits, lower-cased ("Al Shabaab" and "al-Shabaab" agree)."""
    return "".join(ch for ch in name.lower() if ch.isalnum())


def _alternation(names: list[str]) -> re.Pattern[str] | None:
    """Return a whole-word pattern of the names, longest first; None when there are none."""
    if not names:
        return None
    return re.compile(r"(?<![\w-])(?:" + trie_alternation(names) + r")(?![\w-])")


def trie_alternation(words: Iterable[str]) -> str:
    """Return a regex matching any of the words, as a trie: the longest match first.

    Python's re tries a plain alternation's branches one by one at every position; with
    the dictionary's ~2,000 aliases that was a tenth of a story's extraction time. Shared
    prefixes ("Military Forces of ...") are tried once, and an optional tail is greedy,
    so the longest alias still wins ("Afghan security forces" over "Afghan").
    """
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:  # type: ignore[type-arg]
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:
            return "(?:" + body + ")?" if len(branches) == 1 else body + "?"
        return body

    return build(trie)
