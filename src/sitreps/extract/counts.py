"""Deaths and other counts, by ACLED's rules.

Fatalities are deaths only, the most conservative figure reported: wounded and
"casualties" are not deaths, and deaths reported without a number count 3 for a limited
event and 10 for a significant one. Other counts ("more than 200 prisoners") go to size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sitreps.extract.labels import default_labels
from sitreps.extract.rules import TOLL_OVER_TIME, reads_as_headline

__all__ = ["Count", "deaths_in", "number_value", "size_in"]

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "hundred": 100,
    "a dozen": 12,
    "half a dozen": 6,
    "two dozen": 24,
    "three dozen": 36,
    "dozen": 12,
    "a couple of": 2,
    "a few": 3,
    "several": 3,
    # Vague plurals count as the unit they name, the lowest the words allow (ACLED's rule:
    # "tens" = 10, "dozens" = 12, "hundreds" = 100; scores and thousands by the same rule).
    "tens": 10,
    "dozens": 12,
    "scores": 20,
    "hundreds": 100,
    "thousands": 1000,
    "tens of thousands": 10000,
    "hundreds of thousands": 100000,
    "a": 1,
    "an": 1,
    "a man": 1,
    "a woman": 1,
    "a child": 1,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}  # fmt: skip
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
#: "forty-six", "twenty one": a tens word and a ones word.
_COMPOUND = rf"(?:{'|'.join(_TENS)})[- ](?:{'|'.join(_ONES)})\b"
_NUM = (
    rf"(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+|{_COMPOUND}|"
    + "|".join(sorted((re.escape(k) for k in _NUMBER_WORDS), key=len, reverse=True))
    + r")"
)
_QUAL = r"(?:(?:at least|more than|over|about|around|some|nearly|almost|up to|as many as|an estimated|roughly|approximately)\s+)?"
#: Number words that give no figure, only "more than one or two".
_FEW = frozenset({"several", "a few"})
#: Role words from the label table's lexicons (shared with typing and actors).
_LEXICONS = default_labels().lexicons
_VICTIM = (
    r"(?:[\w-]+\s+){0,3}?(?:people|persons|civilians|soldiers|troops|policemen|police officers|"
    r"officers|militants|fighters|insurgents|villagers|residents|children|women|men|"
    r"students|worshippers|passengers|members|protesters|demonstrators|attackers|gunmen|"
    r"rebels|others|of them|personnel|guards|farmers|miners|herders|pupils|bodies|"
    r"combatants|jihadists|recruits|workers|traders|family members|relatives|police|"
    r"militiamen|assailants|security forces|pilgrims|refugees|peasants|priests|nuns|"
    r"journalists|reporters|teachers|doctors|nurses|officials|activists|girls|boys|"
    r"aid workers|leaders|worshipers|labou?rers|drivers|fishermen|shepherds|hunters|"
    r"vendors|shopkeepers|truckers|youths|teenagers|infants|babies|monks|"
    r"detainees|prisoners|inmates|migrants|displaced people|wedding guests|mourners|"
    # the words of South Asian, Sahelian and Latin American papers for the sides
    r"cops|jawans|troopers|constables|servicem[ae]n|gendarmes|paramilitar(?:y|ies)|"
    r"terrorists|extremists|separatists|bandits|gangsters|guerrillas|naxa?ls|maoists|"
    r"cadres|intruders|infiltrators|miscreants|kidnappers|smugglers|volunteers|"
    r"compatriots|citizens|nationals|inhabitants)"
)
#: "stoned to death", "were beaten to death", "lynched": killing by hand, the victims after it.
_TO_DEATH = (
    r"(?:(?:stoned|beat|beaten|hacked|burned|burnt|stabbed|clubbed|bludgeoned|tortured|"
    r"trampled|crushed|shot|starved|macheted|axed)\s+to\s+death|lynched)"
)
DEATH_VERB = (
    r"(?:killed|dead|died|killing|lost (?:their|the) li(?:ves|fe)|lost (?:his|her) life|were slain|perished|shot dead|massacred|"
    # the euphemisms of translated and West African papers
    r"(?:fallen|fell) on the field of honou?r|gave up the ghost|"
    rf"executed|assassinated|beheaded|decapitated|murdered|martyred|gunned down|burn(?:ed|t) alive|lynched|"
    rf"{_TO_DEATH})"
)
#: After a death verb, no object: "5 gunmen killed 3 villagers" counts the villagers only.
_NO_OBJECT = rf"(?!\s+(?:{_QUAL}{_NUM}\b|the\b|his\b|her\b|their\b|its\b|dozens\b))"
#: Nouns a number may count that are no one: "lasted several hours and left soldiers dead".
_THINGS = (
    r"villages|towns|cities|districts|days|hours|weeks|months|years|attacks|bombs|shells|"
    r"rockets|missiles|strikes|airstrikes|raids|clashes|vehicles|cars|houses|homes|buildings|"
    r"schools|mosques|churches|markets|camps|bases|positions|times|separate|incidents"
)
DEATH_PATTERNS = [
    re.compile(
        rf"\b{DEATH_VERB}\s+{_QUAL}(?P<n>{_NUM})\b(?!\s*(?:%|percent|years|km|kilometres|miles))",
        re.I,
    ),
    re.compile(
        rf"\b{_QUAL}(?P<n>{_NUM})\s+(?!(?:{_THINGS})\b){_VICTIM}(?:\s+(?:of|from)\s+(?:the\s+)?(?:[\w'-]+\s+){{0,3}}?[\w'-]+(?=,\s*(?:which|who)\b)|"
        # "Six members of the Federal Police and Counter-Terrorism Service (CTS) were killed"
        rf"\s+of\s+(?:the\s+)?(?-i:[A-Z])[^,;.]{{1,60}}?(?=\s+(?:were|had been|have been)\s))?"
        rf"(?:,\s*(?:including|among them|which|who|whose)\b[^,;.]{{1,120}},)?"
        rf"\s+(?:\w+\s+){{0,4}}?(?:were |was |have been |had been |are )?(?:reported |confirmed )?{DEATH_VERB}{_NO_OBJECT}",
        re.I,
    ),
    re.compile(
        rf"\b{_QUAL}(?P<n>{_NUM})\s+(?:\w+\s+){{0,2}}?(?:deaths|dead|fatalities|bodies|martyrs)\b",
        re.I,
    ),
    # "the bodies of two priests murdered on Sunday were found", "resulted in the death of
    # about 54 fighters"
    re.compile(
        rf"\b(?:bod(?:y|ies)|remains|deaths?) of {_QUAL}(?P<n>{_NUM})\b(?!\s*(?:%|percent|years))",
        re.I,
    ),
    re.compile(
        rf"\bdeath toll\s+(?:[\w'’-]+\s+){{0,6}}?(?:to|of|at|was|is|now|stood at|rose to|climbed to|hits?|reach(?:es|ed)|tops?)\s+{_QUAL}(?P<n>{_NUM})",
        re.I,
    ),
    re.compile(
        rf"\b(?:killing|killed|kills?|massacres?|massacring|assassinat(?:ed|es?|ing)|lynch(?:es|ed|ing)?|"
        r"slays?|slew|slaying|behead(?:s|ed|ing)?|murder(?:s|ed|ing)|guns? down|gunned down|"
        # armies' word for killing: "neutralised four of the terrorists"
        r"neutrali[sz](?:ed|es|ing|e))"
        rf"\s+(?:all\s+)?{_QUAL}(?P<n>{_NUM})\b"
        r"(?!\s*(?:%|percent|years|months|weeks|days|km|miles))",
        re.I,
    ),
    re.compile(
        rf"\b(?:number|toll)\s+(?:of\s+)?(?:\w+\s+)?(?:killed|dead)?\s*(?:at|to)\s+{_QUAL}(?P<n>{_NUM})\b",
        re.I,
    ),
    # "the death toll from an attack by gunmen on a village in Plateau state has risen to 17"
    re.compile(
        r"\bdeath toll\b[^.;:!?]{0,140}?\b(?:has |had |have )?(?:risen|rose|climbed|jumped|"
        rf"increased|reached|hit|stands|stood)(?: at| to)?\s+{_QUAL}(?P<n>{_NUM})\b",
        re.I,
    ),
]
#: A toll told the French way round: "bringing to nine the number of civilian victims".
DEATH_PATTERNS.append(
    re.compile(
        rf"\b(?:bringing|raising|taking) to {_QUAL}(?P<n>{_NUM}) the (?:number|toll|death toll)\b",
        re.I,
    )
)
#: "a fifth person, a woman, died of her wounds overnight": the toll is now five.
_ORDINALS = ("second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
_ORDINAL_DEATH = re.compile(
    rf"\b(?:a|the) (?P<n>{'|'.join(_ORDINALS)}) (?:[\w-]+ ){{0,2}}?(?:person|victim|man|woman|"
    r"child|boy|girl|soldier|policeman|officer|civilian|villager|worker|fighter|militant|"
    r"student|pupil|protester|passenger)\b[^.;]{0,40}?\b(?:died|was killed|succumbed|"
    r"was confirmed dead|has died)\b",
    re.I,
)
#: A side's own dead: "we lost five of our men", "the army lost 12 soldiers".
DEATH_PATTERNS.append(
    re.compile(
        rf"\b(?:lost|lose|loses|losing)\s+{_QUAL}(?P<n>{_NUM})\s+(?:of\s+(?:our|their|its|his)\s+)?(?:[\w-]+\s+)?"
        r"(?:men|soldiers|troops|fighters|comrades|officers|policemen|personnel|colleagues)\b",
        re.I,
    )
)
#: The victims inside the phrase: "a mob beat a suspected thief to death", "hacked two men to death".
DEATH_PATTERNS.append(
    re.compile(
        r"\b(?:stoned|beat|beaten|hacked|burned|burnt|stabbed|clubbed|bludgeoned|tortured|"
        rf"trampled|crushed|shot|macheted|axed)\s+{_QUAL}(?P<n>{_NUM})\s+(?:[\w'-]+\s+){{0,3}}?to\s+death\b",
        re.I,
    )
)
#: Headline style: "17 killed as raiders storm market", "nine bandits killed in ambush".
#: The words between number and verb may not name things ("two villages").
DEATH_PATTERNS.append(
    re.compile(
        rf"(?<!\bof )(?<!\bfrom )\b{_QUAL}(?P<n>{_NUM})\+?\s+(?:(?!(?:{_THINGS}|wounded|injured|and|or)\b)[\w#'-]+\s+){{0,2}}?"
        r"(?:were |have been |are |had been )?(?:killed|dead|slain|shot dead|gunned down|"
        # "Six die in Jos clashes": a headline's present tense
        rf"massacred|executed|die|martyred|neutrali[sz]ed|{_TO_DEATH})\b(?!,? (?:or|and) (?:wounded|injured)){_NO_OBJECT}",
        re.I,
    )
)
_UNNUMBERED_DEATH = re.compile(
    r"\b(killed|dead|died|deaths|fatalities|shot dead|massacre|lynched|beheaded|decapitated|"
    r"executed|assassinated|murdered|slain|gunned down|"
    r"burn(?:ed|t) alive|(?:stoned|beat|beaten|"
    r"hacked|burned|burnt|stabbed|clubbed|bludgeoned|tortured|trampled|crushed|shot|starved|"
    r"macheted|axed)(?:\s+[\w'-]+){0,4}?\s+to\s+death)\b",
    re.I,
)
#: A headline's present tense ("Rebels kill police officer"); in a body sentence a plan.
_HEADLINE_KILLS = re.compile(r"\b(kills?|slays?|guns? down|beheads?|executes?|dies)\b", re.I)
_NO_DEATHS = re.compile(
    r"\bno (?:one|deaths|casualties|fatalities)\b|\bnobody was (?:killed|hurt)\b|without (?:any )?casualties",
    re.I,
)
_SIGNIFICANT = re.compile(
    r"\b(massacre|many|scores|dozens|heavy (?:casualties|losses)|mass)\b", re.I
)

_SIZE_NOUN = "(?:" + _LEXICONS.alternation("size_nouns") + ")"
SIZE_PATTERN = re.compile(rf"\b({_QUAL}(?:{_NUM})\s+(?:of\s+)?(?:\w+\s+)?{_SIZE_NOUN})\b", re.I)


@dataclass(frozen=True)
class Count:
    """A number found in the text, with its phrase and offsets relative to the text given."""

    value: int
    text: str
    start: int
    end: int
    victims: str = "people"  # armed, forces, civilians or people (unspecified)
    vague: bool = False  # deaths reported without a number (coded 3 or 10)
    #: A toll as revised ("the death toll has risen to 17"): it supersedes earlier figures.
    update: bool = False
    #: One of the dead told on their own, no number given ("A woman was killed in the
    #: house"): a detail of a figure given elsewhere, not a lower report of it.
    single: bool = False
    #: One of the dead told with an indefinite article ("a serviceman was also killed",
    #: "one Tajik soldier had been killed"): a person not counted yet.
    indefinite: bool = False
    #: The dead of several sides added up ("four policemen ... and two terrorists").
    mixed: bool = False
    #: The sides a mixed figure adds up (armed, forces, civilians; people for the rest).
    parts: frozenset[str] = frozenset()


_VICTIM_CLASS = (
    (
        "armed",
        re.compile(
            r"militants?|fighters?|insurgents?|attackers?|gunm[ae]n|rebels?|jihadists?|"
            r"assailants|combatants|militiamen|bandits|terrorists|extremists|separatists|gangsters|"
            r"guerrillas|naxa?ls|maoists|cadres|intruders|infiltrators|miscreants|kidnappers",
            re.I,
        ),
    ),
    (
        "forces",
        re.compile(
            r"soldiers?|troops|policem[ae]n|police|officers?|personnel|guards?|peacekeepers?|gendarmes?|"
            r"security forces|recruits|conscripts|servicem[ae]n|marines|rangers|cops?|jawans?|"
            r"troopers?|constables?|paramilitar(?:y|ies)|volunteers",
            re.I,
        ),
    ),
    (
        "civilians",
        re.compile(
            r"civilians?|villagers?|residents?|child(?:ren)?|wom[ae]n|students?|"
            r"worshippers?|passengers?|farmers?|pupils?|protesters?|demonstrators?|"
            r"pilgrims?|refugees?|traders?|miners?|herders?|workers?",
            re.I,
        ),
    ),
)


def victim_class(phrase: str) -> str:
    """Return which side a death count is about: armed, forces, civilians or people."""
    for name, pattern in _VICTIM_CLASS:
        if pattern.search(phrase):
            return name
    return "people"


#: A figure given as a lower bound ("more than two dozen people dead").
_AT_LEAST = re.compile(r"(?:at least|more than|over|upwards of|no fewer than)\b", re.I)


def total_deaths(counts: list[Count]) -> int:
    """Return an event's deaths from its reports: lowest figure per side, sides added up.

    A revised toll ("has risen to 17") supersedes the figures it revises ("police had
    confirmed 11"): coders take the latest report.
    """
    if any(not c.vague for c in counts):
        counts = [c for c in counts if not c.vague]
    # "Two people were killed ... A woman was killed in the house": the one named after a
    # figure is one of them, not a lower figure for them (counts come in story order)
    counts = [
        c
        for i, c in enumerate(counts)
        if not (
            c.single
            and any(
                not o.single and o.value > 1 and (o.victims == "people" or o.victims == c.victims)
                for o in counts[:i]
            )
        )
    ]
    updates = [c.value for c in counts if c.update]
    if updates:
        rest = [c for c in counts if not c.update]
        return max(max(updates), total_deaths(rest) if rest else 0)
    by_side: dict[str, int] = {}
    for c in counts:
        by_side[c.victims] = min(c.value, by_side.get(c.victims, c.value))
    for side in by_side:
        told = [c for c in counts if c.victims == side]
        if len(told) > 1 and all(c.indefinite and c.value == 1 for c in told):
            # "a resident of the village was killed ... A serviceman was also killed": each
            # "a" is someone else
            by_side[side] = len(told)
    everyone = [c for c in counts if c.victims == "people"]
    sums = [c.value for c in everyone if c.mixed]
    if sums and all(
        _AT_LEAST.match(c.text) and c.value <= min(sums) for c in everyone if not c.mixed
    ):
        # "left more than two dozen people dead ... killed more than 20 insurgents, and
        # seven soldiers were killed": the sides' figures fill in the lower bound
        by_side["people"] = min(sums)
    people = by_side.pop("people", None)
    sides = sum(by_side.values())
    if people is None:
        return sides
    chosen = next((c for c in everyone if c.mixed and c.value == people), None)
    if chosen is not None:
        # "two soldiers and nine VDP lost their lives ... neutralised fifteen terrorists":
        # the sides the sum leaves out are added to it
        people += sum(v for side, v in by_side.items() if side not in chosen.parts)
    return max(people, sides) if sides else people


def number_value(token: str) -> int | None:
    """Return the integer a numeral or number word stands for."""
    low = token.lower().strip()
    m = re.fullmatch(r"(\w+)[- ](\w+)", low)
    if m and m.group(1) in _TENS and m.group(2) in _ONES:
        return _TENS[m.group(1)] + _ONES.index(m.group(2)) + 1
    if low in _NUMBER_WORDS:
        return _NUMBER_WORDS[low]
    if low in ("a", "an"):  # "killing an officer and 4 conscripts": one of a list
        return 1
    digits = low.replace(",", "")
    return int(digits) if digits.isdigit() else None


#: Numbers that are no count of anything: dates, years, ages, times, units and ordinals.
_NOT_COUNTS = [
    re.compile(
        r"\b(?:\d{1,2}(?:st|nd|rd|th)?[-/ ](?:of )?)?(?:January|February|March|April|May|June|"
        r"July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|"
        r"Sep|Oct|Nov|Dec)\.?(?:[-/ ]\d{1,2}(?:st|nd|rd|th)?)?(?:[-/ ,]+(?:19|20)\d\d)?\b"
    ),
    re.compile(r"\b(?:19|20)\d\d-\d\d-\d\d\b"),
    re.compile(
        r"\b(?:in|since|of|during|until|by|from|year|early|late|mid-?|before|after|between)\s+"
        r"(?:19|20)\d\d(?:\s*(?:-|–|and|to)\s*(?:19|20)?\d\d)?\b",
        re.I,
    ),
    re.compile(r"\b(?:19|20)\d\d(?=,|\s*[.;:)]|\s+(?:and|to|when|after|elections?)\b)"),
    # ages, one or a span: "aged 4 and 7", "aged 11 to 15"
    re.compile(
        r"\b\d+[- ]years?[- ]old\b|\baged\s+\d+(?:\s*(?:and|to|-|–)\s*\d+)?\b|"
        r"\bage(?:s|d)? of \d+(?:\s*(?:and|to|-|–)\s*\d+)?\b",
        re.I,
    ),
    re.compile(r"(?<=[A-Za-z]), \d{1,2},(?= )"),  # "John Doe, 45, was killed"
    re.compile(r"\b\d{1,2}(?:[:.]\d\d)?\s*(?:[ap]\.?m\b\.?|GMT|UTC|local time|o'clock|hrs)", re.I),
    re.compile(r"\b\d{1,2}:\d\d\b"),
    re.compile(r"\b\d+(?:st|nd|rd|th)\b", re.I),
    re.compile(
        r"\b(?:battalion|brigade|division|regiment|corps|company|unit|route|highway|road|"
        r"km|kilometre|kilometer|mile|no\.|number|sector|camp|block|zone|district|"
        r"resolution|article|section|phase|gate|checkpoint|hill|grade|class|level|flight)"
        r"\s+\d+\b",
        re.I,
    ),
    re.compile(
        r"\b\d+\s*(?:%|per ?cent|km|kilometres|kilometers|miles|metres|meters|kg|mm)\b", re.I
    ),
]
#: A running tally (the year's, the war's, since a date): never one event's deaths.
_TALLY = re.compile(
    r"\b(?:this year|last year|so far(?! (?:verified|confirmed|documented|identified))|to date|in total|overall|cumulative|since (?:the )?"
    r"(?:start|beginning|outbreak)|since (?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December|(?:19|20)\d\d|last)|this month|"
    r"since the (?:war|conflict|fighting|crisis|insurgency|uprising) (?:began|started)|"
    r"bringing the total|total number|in (?:recent )?(?:weeks|months|years)|"
    r"(?:past|last) (?:\w+ )?(?:weeks|months|years)|per (?:day|week|month)|"
    # "Israel's offensive has since killed more than 35,000": a war's toll, not a day's
    r"(?:has|have|had) since|since then|(?:offensive|war|conflict|insurgency|campaign|uprising|"
    r"occupation)\b[^,;.]{0,30}\b(?:has|have|had) (?:so far |now |already )?(?:killed|left)|"
    rf"{TOLL_OVER_TIME})\b"
)
#: "between 10 and 15", "10 to 15", "10-15", "10 or 15": the lower figure counts.
_RANGE_BEFORE = re.compile(
    rf"\b(?:between\s+)?({_NUM})\s*,?\s*(?:and|to|or|-|–|possibly|perhaps|maybe|or even|if not|"
    r"(?:and|or) (?:possibly|perhaps|maybe|as many as|up to))\s*$",
    re.I,
)
#: "a 45-year-old farmer was killed": one death, with the victim in the singular.
_ONE_DEATH = re.compile(
    r"(?:\b(?:a|an|one|1)\s+|^\W*|^[\w' -]{2,30}:\s+)(?:[\w#'-]+\s+){0,3}?(?:man|woman|child|boy|girl|soldier|policeman|"
    r"policewoman|police officer|officer|civilian|farmer|villager|resident|student|teacher|"
    r"journalist|worker|trader|driver|herder|militant|fighter|rebel|insurgent|guard|pupil|"
    r"passenger|pilgrim|refugee|chief|leader|official|priest|imam|doctor|nurse|member|person|"
    r"soldier|trooper|commander|security guard|motorist|miner|fisherman|shepherd|teenager|"
    r"elder|activist|lawyer|judge|politician|councillor|mayor|peacekeeper|gendarme|thief|"
    r"robber|suspect|kidnapper|bandit|witch|sorcerer|cattle rustler|rustler)\s+"
    # "a man from the city of Raqqa was executed": where the one is from
    r"(?:(?:from|of|in)\s+(?:the\s+)?(?:[\w'-]+\s+){1,4}?)?"
    rf"(?:(?:was|has been|had been|is)\s+(?:\w+\s+)?)?(?:{DEATH_VERB}|gunned down)\b"
    rf"(?!,? (?:or|and) (?:wounded|injured)){_NO_OBJECT}",
    re.I,
)


#: One person named by a singular noun: "the driver was killed", "a councillor was shot dead
#: outside his house", "a mob beat a 35-year-old man to death".
_ONE_PASSIVE = re.compile(
    r"\b(?:a|an|the|one)\s+(?:[\w#'-]+\s+){0,5}?(?P<noun>[a-z]+)"
    # "a resident of the village, Aziz Azizov, was killed": where from, and the name
    r"(?:\s+of\s+(?:the\s+|a\s+)?[\w-]+)?(?:,\s+(?-i:[A-Z])[\w'.-]*(?:\s+(?-i:[A-Z])[\w'.-]*){0,3},)?"
    r"\s+(?:was|has\s+been|had\s+been)\s+"
    r"(?:\w+\s+(?:and\s+)?)?(?:killed|shot\s+dead|gunned\s+down|(?:beaten|stabbed|hacked|burned|"
    r"burnt|stoned|tortured)\s+to\s+death|lynched|murdered|executed|beheaded)\b"
    r"|\b(?:beat|beaten|stabbed|hacked|stoned|burned|burnt|tortured)\s+(?:a|an)\s+"
    r"(?:[\w#'-]+\s+){0,4}?(?P<noun2>[a-z]+)\s+to\s+death\b",
    re.I,
)
#: Nouns of things or groups, not of one person.
_NOT_ONE_VICTIM = frozenset(
    [
        "attack",
        "convoy",
        "vehicle",
        "car",
        "bus",
        "truck",
        "house",
        "home",
        "village",
        "building",
        "patrol",
        "group",
        "family",
        "crowd",
        "mob",
        "number",
        "toll",
        "body",
        "couple",
        "pair",
        "team",
        "unit",
        "squad",
        "battalion",
        "company",
        "platoon",
        "plane",
        "aircraft",
        "drone",
        "boat",
        "ship",
        "station",
        "market",
        "camp",
        "school",
        "hospital",
    ]
)
#: "killing herself and 2 CJTF members", "killing themselves and 3 traders".
_SELF_AND = re.compile(
    rf"\bkill(?:ing|ed)\s+(?P<self>himself|herself|themselves)\s+and\s+{_QUAL}(?P<n>{_NUM})\b",
    re.I,
)
#: "killing 25 students besides himself", "killing 17 people in addition to themselves".
_SELF_BESIDES = re.compile(
    rf"\bkill(?:ing|ed)\s+{_QUAL}(?P<n>{_NUM})\s+(?:[\w-]+\s+){{0,3}}?"
    r"(?:besides|in addition to|as well as|apart from)\s+(?P<self>himself|herself|themselves)\b",
    re.I,
)
#: How many bombers: "Three suicide bombers", "a female suicide bomber".
_BOMBERS = re.compile(rf"\b(?P<n>{_NUM}|a|an)\s+(?:[\w-]+\s+)?suicide bombers?\b", re.I)
OR_WOUNDED = re.compile(r",? (?:or|and) (?:wounded|injured)\b", re.I)


#: Quotes around a figure ("massacre 'at least 34'"): a source's words, the figure still counts.
_QUOTED_FIGURE = re.compile(rf"['\"‘’“”](?={_QUAL}\d)|(?<=\d)['\"‘’“”](?!\w)", re.I)


def _masked(text: str) -> str:
    """Return text with numbers that count nothing (dates, ages, units...) blanked out."""
    chars = list(text)
    for pattern in _NOT_COUNTS:
        for m in pattern.finditer(text):
            for i in range(m.start(), m.end()):
                if chars[i].isdigit():
                    chars[i] = "#"
    for m in _QUOTED_FIGURE.finditer(text):
        chars[m.start()] = " "
    for m in _WORD_THEN_DIGITS.finditer(text):
        if number_value(m.group(1)) == int(m.group(2)):
            # "two (2) soldiers fallen": the figure said twice, as legal and French texts do
            for i in range(m.end(1), m.end()):
                chars[i] = " "
    return "".join(chars)


_WORD_THEN_DIGITS = re.compile(r"\b([a-z]+(?:-[a-z]+)?)\s+\((\d{1,4})\)(?=\s)", re.I)


def _clause(text: str, start: int, end: int) -> str:
    """Return the clause around text[start:end] (between commas, semicolons or stops)."""
    left = max(text.rfind(c, 0, start) for c in ",;.")
    rights = [i for i in (text.find(c, end) for c in ",;.") if i >= 0]
    return text[left + 1 : min(rights) if rights else len(text)]


def _lower_bound(text: str, start: int, n: int) -> int:
    """Return the lower end of a range that ends with the number at start, else n."""
    m = _RANGE_BEFORE.search(text[max(0, start - 30) : start])
    if m is None:
        return n
    low = number_value(m.group(1))
    return low if low is not None and low < n else n


#: A toll revised in its phrase: "the death toll rose to 12", "death toll now 5".
_REVISED = re.compile(
    r"\btoll\b.*\b(?:risen|rose|rises|rising|climbed|climbs|jumped|jumps|increased|now)\b|"
    r"\b(?:raising|raised|bringing|brought|taking|took) the (?:death )?(?:toll|number)\b|"
    r"\b(?:raising|bringing|taking) to \w+ the (?:number|toll)\b",
    re.I,
)


def _sentence_total(found: list[Count], text: str) -> Count:
    """Return one sentence's deaths: the lowest figure per side, the sides added up.

    "Two soldiers and 11 militants were killed" is 13; "at least 5, possibly 12 people"
    is 5. A figure for "people" with no side is the total when it is at least the sides'.
    """
    revised = [c for c in found if c.update]
    if revised:
        # "one of three wounded soldiers had died, raising the number of soldiers killed to
        # five": the toll as it now stands, not the one who died
        return max(revised, key=lambda c: c.value)
    lowest = min(found, key=lambda c: (c.value, c.start))
    by_side: dict[str, Count] = {}
    for c in sorted(found, key=lambda c: (c.value, c.start)):
        by_side.setdefault(c.victims, c)
    sides = [c for side, c in by_side.items() if side != "people"]
    if len(sides) < 2:
        return lowest
    total = sum(c.value for c in sides)
    people = by_side.get("people")
    if people is not None and people.value >= total:
        return people
    start, end = min(c.start for c in sides), max(c.end for c in sides)
    parts = frozenset(c.victims for c in sides)
    return Count(total, text[start:end], start, end, "people", mixed=True, parts=parts)


def _overlapping(pattern: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """Return the pattern's matches, each search starting after the last match's number.

    "Two soldiers and 11 militants were killed" holds two figures in one stretch of text.
    """
    out, pos = [], 0
    while (m := pattern.search(text, pos)) is not None:
        out.append(m)
        pos = max(m.end("n"), m.start() + 1)
    return out


#: One item of a list of the dead: "5 soldiers", "a civilian", "at least 7 suspected militants".
_ITEM_NOUN = "|".join(
    [p.pattern for _, p in _VICTIM_CLASS]
    + [r"people|persons|others|members?|bodies|bystanders?|passers?-by|passersby|passerby"]
    # a force by its acronym: "2 FACA and 2 gendarmes killed"
    + [r"(?-i:[A-Z]{2,6}s?)(?![\w-])"]
)
#: One group of the dead, its number and who they were ("at least 7 suspected militants").
_ITEM_NAMED = rf"{_QUAL}(?P<n>{_NUM}|an?(?=\s))\s+(?P<who>(?:[\w-]+\s+){{0,2}}?(?:{_ITEM_NOUN}))\b"
_ITEM_RE = re.compile(_ITEM_NAMED, re.I)
_ITEM = re.sub(r"\(\?P<\w+>", "(?:", _ITEM_NAMED)  # the same, to repeat inside a list
_LIST = rf"{_ITEM}(?:\s*,\s*{_ITEM})*\s*,?\s+and\s+{_ITEM}"
#: The death verb after a list: "... were killed", "... died".
_VERB_AFTER_TEXT = (
    rf"\s+(?:were |was |have been |had been |are )?(?:reported |also )?{DEATH_VERB}\b"
)
_VERB_AFTER = re.compile(_VERB_AFTER_TEXT, re.I)
#: A list of the dead by group, with the death verb before or after it: "killing 5 soldiers
#: and 7 civilians", "3 soldiers, 4 militants and 2 civilians died". Each group is added:
#: they are different people ("including 5 children" is a part, not a list item).
_DEATH_LIST = re.compile(
    rf"(?:(?<=\bkilling )|(?<=\bkilled )|(?<=\bkills )|(?<=\bkill )|(?<=\bleft ))(?P<a>{_LIST})"
    rf"|(?P<b>{_LIST})(?={_VERB_AFTER_TEXT})"
    # a headline's list has commas only: "Twelve soldiers, 26 insurgents killed in clashes"
    rf"|(?:^|(?<=: ))(?P<c>{_ITEM}(?:\s*,\s*{_ITEM})+)(?={_VERB_AFTER_TEXT})",
    re.I,
)
#: ", and wounded 20 others": a clause of its own after the list, not "killed or wounded".
_NEW_CLAUSE = re.compile(rf",\s*and\s+(?:wounded|injured)\s+(?:{_QUAL}{_NUM}|others|more)\b", re.I)


def _death_lists(masked: str, text: str) -> list[Count]:
    """Return one count per list of the dead by group, the groups added up."""
    out = []
    for m in _DEATH_LIST.finditer(masked):
        span = next(k for k in "abc" if m.group(k) is not None)
        start, end = m.start(span), m.end(span)
        if _TALLY.search(_clause(masked, start, end)):
            continue
        verb = _VERB_AFTER.match(masked, end) if span != "a" else None
        if OR_WOUNDED.match(masked, verb.end() if verb else end) and not _NEW_CLAUSE.match(
            masked, end
        ):
            continue  # "5 soldiers and 7 civilians killed or wounded": casualties
        items = list(_ITEM_RE.finditer(masked, start, end))
        values = [number_value(i.group("n")) for i in items]
        if len(items) < 2 or any(v is None for v in values):
            continue
        sides = {victim_class(i.group("who")) for i in items}
        mixed = len(sides) > 1
        parts = frozenset(sides) if mixed else frozenset()
        side = sides.pop() if not mixed else "people"
        total = sum(v for v in values if v is not None)
        out.append(Count(total, text[start:end], start, end, side, mixed=mixed, parts=parts))
    return out


def _selves(word: str, masked: str) -> int:
    """Return how many bombers "himself", "herself" or "themselves" are (two if untold)."""
    if word.lower() != "themselves":
        return 1
    bombers = _BOMBERS.search(masked)
    many = number_value(bombers.group("n")) if bombers else None
    return many if many is not None and many > 1 else 2


#: A headline drops its articles: "Soldier, 3 NPA rebels killed", "Police officer killed,
#: gunman shot dead", "civilian and serviceman killed" each count one person per bare noun.
_BARE_ONE = re.compile(
    r"(^|, |\band |: )(?=(?:[A-Z][\w-]+ )?(?i:member|soldier|civilian|serviceman|policeman|cop|"
    r"police officer|officer|guard|border guard|jawan|trooper|villager|child|woman|man|gunman|"
    r"militant|rebel|terrorist|attacker|insurgent|fighter|farmer|teacher|student|journalist)"
    r"(?:,| and | (?:was |is )?(?:killed|shot dead|martyred|gunned down|dies|died)\b))"
)


def deaths_in(text: str) -> Count | None:
    """Return the lowest death figure the text reports (3 or 10 if unnumbered), else None."""
    if reads_as_headline(text) and _BARE_ONE.search(text):
        return _headline_deaths(text)
    return _deaths_in(text)


def _headline_deaths(text: str) -> Count | None:
    """Return a headline's deaths, a bare singular noun read as one ("a soldier")."""
    inserted: list[int] = []  # where "a " went, in the original text

    def article(m: re.Match[str]) -> str:
        inserted.append(m.end())
        return m.group(1) + "a "

    count = _deaths_in(_BARE_ONE.sub(article, text))
    if count is None:
        return None

    def back(i: int) -> int:  # an offset in the new text, in the original
        shift = 0
        for n, at in enumerate(inserted):
            if i >= at + 2 * n + 2:
                shift += 2
            elif i >= at + 2 * n:
                return at  # inside an inserted "a "
        return i - shift

    start, end = back(count.start), back(count.end)
    return replace(count, text=text[start:end], start=start, end=end)


def _deaths_in(text: str) -> Count | None:
    masked = _masked(text)
    lists = _death_lists(masked, text)
    found: list[Count] = list(lists)
    parts: list[Count] = []
    for pattern in DEATH_PATTERNS:
        for m in _overlapping(pattern, masked):
            n = number_value(m.group("n"))
            if n is None or n > 100_000:
                continue
            if _TALLY.search(_clause(masked, m.start(), m.end())):
                continue  # "the number killed this year has risen to 40"
            if OR_WOUNDED.match(masked, m.end()):
                continue  # "nine guards killed or wounded": casualties, not deaths
            if any(c.start <= m.start("n") < c.end for c in lists):
                continue  # one item of a list, counted with the list
            part = bool(
                re.match(r"\s+of (?:them|whom|those|the dead|the victims)\b", masked[m.end("n") :])
                # "21 people were killed, including several whose bodies were pulled out"
                or re.search(r"\b(?:including|among them)\s+$", masked[: m.start()])
            )
            n = _lower_bound(masked, m.start("n"), n)
            # The victims are the words after the number ("Two soldiers and 11 militants").
            after = text[m.start("n") : m.start("n") + 40]
            side = victim_class(
                re.split(r"[,;.]| and | by | in | were | was | as | after | when |killed", after, flags=re.I)[0]
            )
            if side == "people":  # "put the number of militants killed at 14": before it
                side = victim_class(text[m.start() : m.start("n")])
            update = bool(_REVISED.search(masked, max(0, m.start() - 16), m.end()))
            single = n == 1 and m.group("n").lower().startswith(("a ", "an "))  # "a man"
            count = Count(
                n,
                text[m.start() : m.end()],
                m.start(),
                m.end(),
                side,
                update=update,
                single=single,
                indefinite=n == 1 and m.group("n").lower().startswith(("a ", "an ", "one")),
                # "killing several traders ... 12 civilians were killed": a figure told
                # later is the toll, not a higher report of it
                vague=m.group("n").lower() in _FEW,
            )
            # "119 were killed, several of them decapitated": a part of the dead, counted
            # only when the sentence gives no whole ("shot 7 of them dead")
            (parts if part else found).append(count)
    if not found:
        found.extend(parts)
    for m in _ORDINAL_DEATH.finditer(masked):
        n = _ORDINALS.index(m.group("n").lower()) + 2
        found.append(
            Count(n, text[m.start() : m.end()], m.start(), m.end(), "people", update=True)
        )
    for m in _ONE_DEATH.finditer(masked):
        if any(c.start <= m.start() < c.end or m.start() <= c.start < m.end() for c in lists):
            continue
        if not _TALLY.search(_clause(masked, m.start(), m.end())):
            side = victim_class(text[m.start() : m.end()])
            a = bool(re.match(r"(?:a|an|one|1)\s", m.group(0), re.I))
            found.append(
                Count(
                    1,
                    text[m.start() : m.end()],
                    m.start(),
                    m.end(),
                    side,
                    single=True,
                    indefinite=a,
                )
            )
    for m in _ONE_PASSIVE.finditer(masked):
        noun = (m.group("noun") or m.group("noun2")).lower()
        if noun in _NOT_ONE_VICTIM or noun.endswith("s"):
            continue
        if any(c.start <= m.start() < c.end or m.start() <= c.start < m.end() for c in found):
            continue
        if not _TALLY.search(_clause(masked, m.start(), m.end())):
            found.append(
                Count(
                    1,
                    text[m.start() : m.end()],
                    m.start(),
                    m.end(),
                    victim_class(text[m.start() : m.end("noun") if m.group("noun") else m.end()]),
                    single=True,
                    indefinite=not m.group(0).lower().startswith("the"),
                )
            )
    for m in (*_SELF_BESIDES.finditer(masked), *_SELF_AND.finditer(masked)):
        n = number_value(m.group("n"))
        if n is None:
            continue
        # the bombers die too, and coders count them: "killing herself and 2 guards" (3),
        # 17 "in addition to themselves" (3 bombers: 20)
        found = [c for c in found if not (m.start() <= c.start < m.end())]
        selves = _selves(m.group("self"), masked)
        found.append(Count(n + selves, text[m.start() : m.end()], m.start(), m.end()))
    if found:
        total = _sentence_total(found, text)
        if any(c.update for c in found) and not total.update:
            total = replace(total, update=True)
        return total
    none = _NO_DEATHS.search(text)
    if none is not None:
        return Count(0, none.group(0), none.start(), none.end())
    vague = _UNNUMBERED_DEATH.search(text)
    if vague is None and reads_as_headline(text):
        vague = _HEADLINE_KILLS.search(text)  # "Rebels kill police officer in C.Africa's south"
    if vague and _TALLY.search(_clause(masked, vague.start(), vague.end())):
        return None  # a running tally, no event's deaths
    if vague and not re.search(r"\b(?:wounded|injured)\b", text[: vague.start()][-20:], re.I):
        value = 10 if _SIGNIFICANT.search(text) else 3
        return Count(value, vague.group(0), vague.start(), vague.end(), vague=True)
    return None


def size_in(text: str) -> Count | None:
    """Return the first count of people or things other than deaths ("200 prisoners")."""
    masked = _masked(text)
    for m in SIZE_PATTERN.finditer(masked):
        after = text[m.end() : m.end() + 25].lower()
        before = text[max(0, m.start() - 12) : m.start()].lower()
        if re.search(r"\b(?:killing|killed|kill)\s*$", before):
            continue
        if re.match(r"\s*(?:were |was |have been )?(?:killed|dead|died|wounded|injured)", after):
            continue
        n_match = re.search(rf"\b{_NUM}\b", m.group(1), re.I)
        value = number_value(n_match.group(0)) if n_match else None
        if value is None or value < 2:
            continue
        return Count(value, text[m.start(1) : m.end(1)], m.start(1), m.end(1))
    return None
