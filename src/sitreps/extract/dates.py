"""Event dates: the date expression in reach of an event, resolved against publication.

Weekday names in news mean the most recent such day on or before publication ("on
Wednesday" in a story published on a Wednesday is that day). Only date expressions that
spaCy tags DATE/TIME are parsed, never the raw text (dateparser finds false dates in
ordinary words).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spacy.tokens import Span

__all__ = ["ResolvedDate", "resolve_date", "sentence_date"]

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)
_RELATIVE_DAYS = {
    "today": 0,
    "yesterday": -1,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "last night": -1,
    "the day before": -1,
    "overnight": 0,
}
_WEEK = re.compile(r"\b(last|this|past|previous) week(end)?\b", re.I)
_MONTH = re.compile(r"\b(last|this|past|previous) month\b", re.I)
#: "on the 3rd": a day of the publication's month (or of the month before, if still ahead).
_NTH = re.compile(r"^(?:on\s+)?the\s+(\d{1,2})(?:st|nd|rd|th)$", re.I)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
#: Written dates the small model does not tag ("03-May-2019", "3rd August 2020"), read
#: from the sentence's text when no DATE entity resolves. Month names only with a number
#: beside them, so "may" the verb and "March" the noun are never dates here.
_WRITTEN_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?[- ]{_MONTHS}[- ,]+(?:19|20)\d\d|"
    rf"{_MONTHS} \d{{1,2}}(?:st|nd|rd|th)?,? (?:19|20)\d\d|the \d{{1,2}}(?:st|nd|rd|th))\b",
    re.I,
)
#: Spans that are durations or ages, not points in time.
_NOT_A_POINT = re.compile(r"\b(years?|decades?|months|hours|minutes|weeks|days)\b(?! ago)", re.I)


@dataclass(frozen=True)
class ResolvedDate:
    """A resolved event date with its ACLED time precision and the text that says so."""

    day: date
    precision: int
    text: str
    start: int
    end: int


def resolve_date(text: str, published: date) -> tuple[date, int] | None:
    """Return (date, time_precision) for a date expression relative to publication."""
    low = text.lower().strip()
    if re.search(r"\b(?:next|tomorrow|coming|upcoming|later this)\b", low):
        return None  # a date ahead of the story dates a plan, not an event
    if m := _NTH.match(low):
        return _nth_day(int(m.group(1)), published)
    for phrase, delta in _RELATIVE_DAYS.items():
        if phrase in low:
            return published + timedelta(days=delta), 1
    if m := _WEEKDAY.search(low):
        target = WEEKDAYS.index(m.group(1).lower())
        back = (published.weekday() - target) % 7
        if "last " + m.group(1).lower() in low and back == 0:
            back = 7
        return published - timedelta(days=back), 1
    if m := _WEEK.search(low):
        if m.group(1).lower() == "this":
            return published, 2
        # The middle of the previous week (its Thursday), as ACLED codes week-only dates.
        monday = published - timedelta(days=published.weekday() + 7)
        return monday + timedelta(days=3), 2
    if m := _MONTH.search(low):
        first = published.replace(day=1)
        if m.group(1).lower() != "this":
            first = (first - timedelta(days=1)).replace(day=1)
        return first.replace(day=15), 3
    if m := re.fullmatch(
        r"\s*(?:in |since |during |by |early |late |mid-)*((?:19|20)\d\d)\s*", low
    ):
        year = int(m.group(1))
        # A bare year only dates history: earlier years mark background, the current one
        # says nothing about the day.
        return (date(year, 1, 1), 3) if year < published.year else None
    if _NOT_A_POINT.search(low):
        return None
    if m := re.search(r"\b(\d+) days? ago\b", low):
        return published - timedelta(days=int(m.group(1))), 1
    return _absolute(text, published)


def _nth_day(day: int, published: date) -> tuple[date, int] | None:
    """Return the latest date with this day of the month on or before publication."""
    year, month = published.year, published.month
    for _ in range(3):
        try:
            found = date(year, month, day)
        except ValueError:
            found = None
        if found is not None and found <= published:
            return found, 1
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return None


def _absolute(text: str, published: date) -> tuple[date, int] | None:
    import dateparser

    base = datetime(published.year, published.month, published.day, 12)
    has_day = bool(re.search(r"\b\d{1,2}(st|nd|rd|th)?\b", text)) and not re.fullmatch(
        r"\s*(in\s+)?\d{4}\s*", text
    )
    parsed = dateparser.parse(
        text,
        languages=["en"],
        settings={
            "RELATIVE_BASE": base,
            "PREFER_DATES_FROM": "past",
            "PREFER_DAY_OF_MONTH": "first",
            "REQUIRE_PARTS": ["month"],
        },
    )
    if parsed is None:
        return None
    day = parsed.date()
    if day > published + timedelta(days=1):  # news reports the past
        try:
            day = day.replace(year=day.year - 1)
        except ValueError:
            return None
    if not has_day:
        return day.replace(day=15), 3
    return day, 1


def sentence_date(sent: Span, published: date) -> ResolvedDate | None:
    """Return the first resolvable DATE/TIME expression of the sentence, if any."""
    written = [
        (sent.start_char + m.start(), sent.start_char + m.end(), m.group(0))
        for m in _WRITTEN_DATE.finditer(sent.text)
    ]
    for ent in sent.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        start, end, text = ent.start_char, ent.end_char, ent.text
        # "3rd" tagged apart from "August 2020": the whole written date, day included.
        start, end, text = next(
            (w for w in written if w[0] <= start and end <= w[1]), (start, end, text)
        )
        found = resolve_date(text, published)
        if found is not None:
            return ResolvedDate(found[0], found[1], text, start, end)
    # The small model misses some written dates ("03-May-2019") and weekdays ("late on Monday").
    if m := _WRITTEN_DATE.search(sent.text):
        found = resolve_date(m.group(0), published)
        if found is not None:
            s = sent.start_char + m.start()
            return ResolvedDate(found[0], found[1], m.group(0), s, s + len(m.group(0)))
    if m := _WEEKDAY.search(sent.text):
        found = resolve_date(m.group(0), published)
        if found is not None:
            s = sent.start_char + m.start()
            return ResolvedDate(found[0], found[1], m.group(0), s, s + len(m.group(0)))
    return None
