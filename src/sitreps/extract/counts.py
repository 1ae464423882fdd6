"""Deaths and other counts, by ACLED's rules.

Fatalities are deaths only, the most conservative figure reported: wounded and
"casualties" are not deaths, and deaths reported without a number count 3 for a limited
event and 10 for a significant one. Other counts ("more than 200 prisoners") go to size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sitreps.extract.labels import default_labels

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
    "dozen": 12,
    "a couple of": 2,
    "a few": 3,
    "several": 3,
    # Vague plurals take the lower end of what they can mean (ACLED's conservative rule).
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
    "tens of thousands": 20000,
    "a": 1,
    "an": 1,
    "a man": 1,
    "a woman": 1,
    "a child": 1,
}
_NUM = (
    r"(?:\d[\d,]*|"
    + "|".join(sorted((re.escape(k) for k in _NUMBER_WORDS), key=len, reverse=True))
    + r")"
)
_QUAL = r"(?:(?:at least|more than|over|about|around|some|nearly|almost|up to|as many as|an estimated|roughly|approximately)\s+)?"
#: Role words from the label table's lexicons (shared with typing and actors).
_LEXICONS = default_labels().lexicons
_VICTIM = r"(?:\w+\s+){0,3}?(?:" + _LEXICONS.alternation("victims") + ")"
_DEATH_VERB = r"(?:killed|dead|died|killing|lost their lives|were slain|perished|shot dead|massacred|executed|beheaded|murdered)"
DEATH_PATTERNS = [
    re.compile(
        rf"\b{_DEATH_VERB}\s+{_QUAL}(?P<n>{_NUM})\b(?!\s*(?:%|percent|years|km|kilometres|miles))",
        re.I,
    ),
    re.compile(
        rf"\b{_QUAL}(?P<n>{_NUM})\s+{_VICTIM}\s+(?:\w+\s+){{0,4}}?(?:were |was |have been |had been |are )?(?:reported |confirmed )?{_DEATH_VERB}",
        re.I,
    ),
    re.compile(
        rf"\b{_QUAL}(?P<n>{_NUM})\s+(?:\w+\s+){{0,2}}?(?:deaths|dead|fatalities|bodies)\b", re.I
    ),
    re.compile(
        rf"\bdeath toll\s+(?:\w+\s+){{0,3}}?(?:to|of|at|was|is|stood at|rose to|climbed to)\s+{_QUAL}(?P<n>{_NUM})",
        re.I,
    ),
    re.compile(rf"\b(?:killing|killed)\s+(?:all\s+)?{_QUAL}(?P<n>{_NUM})\b", re.I),
    re.compile(
        rf"\b(?:number|toll)\s+(?:of\s+)?(?:\w+\s+)?(?:killed|dead)?\s*(?:at|to)\s+{_QUAL}(?P<n>{_NUM})\b",
        re.I,
    ),
]
_UNNUMBERED_DEATH = re.compile(r"\b(killed|dead|died|deaths|fatalities|shot dead|massacre)\b", re.I)
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


_VICTIM_CLASS = tuple(
    (side, re.compile(_LEXICONS.alternation(f"victims_{side}"), re.I))
    for side in ("armed", "forces", "civilians")
)


def victim_class(phrase: str) -> str:
    """Return which side a death count is about: armed, forces, civilians or people."""
    for name, pattern in _VICTIM_CLASS:
        if pattern.search(phrase):
            return name
    return "people"


def total_deaths(counts: list[Count]) -> int:
    """Return an event's deaths from its reports: lowest figure per side, sides added up."""
    by_side: dict[str, int] = {}
    if any(not c.vague for c in counts):
        counts = [c for c in counts if not c.vague]
    for c in counts:
        by_side[c.victims] = min(c.value, by_side.get(c.victims, c.value))
    people = by_side.pop("people", None)
    sides = sum(by_side.values())
    if people is None:
        return sides
    return max(people, sides) if sides else people


def number_value(token: str) -> int | None:
    """Return the integer a numeral or number word stands for."""
    low = token.lower().strip()
    if low in _NUMBER_WORDS:
        return _NUMBER_WORDS[low]
    digits = low.replace(",", "")
    return int(digits) if digits.isdigit() else None


def deaths_in(text: str) -> Count | None:
    """Return the lowest death figure the text reports (3 or 10 if unnumbered), else None."""
    found: list[Count] = []
    for pattern in DEATH_PATTERNS:
        for m in pattern.finditer(text):
            n = number_value(m.group("n"))
            if n is None or n > 100_000:
                continue
            side = victim_class(text[m.start() : m.end() + 30])
            found.append(Count(n, m.group(0), m.start(), m.end(), side))
    if found:
        return min(found, key=lambda c: (c.value, c.start))
    none = _NO_DEATHS.search(text)
    if none is not None:
        return Count(0, none.group(0), none.start(), none.end())
    vague = _UNNUMBERED_DEATH.search(text)
    if vague and not re.search(r"\b(?:wounded|injured)\b", text[: vague.start()][-20:], re.I):
        value = 10 if _SIGNIFICANT.search(text) else 3
        return Count(value, vague.group(0), vague.start(), vague.end(), vague=True)
    return None


def size_in(text: str) -> Count | None:
    """Return the first count of people or things other than deaths ("200 prisoners")."""
    for m in SIZE_PATTERN.finditer(text):
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
        return Count(value, m.group(1), m.start(1), m.end(1))
    return None
