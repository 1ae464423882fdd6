"""Event dates: the date expression in reach of an event, resolved against publication.

Two kinds of expression are read. Calendar dates ("3 May 2020", "May 3 2020",
"03-May-2019", "2020-05-03", "on the 3rd") are found by pattern in the sentence itself.
Relative ones ("yesterday", "on Wednesday", "last week", "over the weekend", "overnight",
"earlier this month", "late last month", "over the past 24 hours") resolve against a
frame: the story's publication date, or the sentence's own report date ("As reported on
3 May 2021, over the past 24 hours, ..." is 2 May). Other spans spaCy tags DATE/TIME go
to dateparser, never the raw text (it finds false dates in ordinary words).

ACLED's time precision: 1 a day, 2 a span of days up to a week or a weekend (coded to
its middle, never after publication), 3 only the month (mid-month unless the text says
early or late; never after publication). Weekday names mean the most recent such day on
or before publication ("on Wednesday" in a story published on a Wednesday is that day).
No resolved date is ever after its frame: news reports the past.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spacy.tokens import Span

__all__ = ["ResolvedDate", "find_dates", "in_narrative", "resolve_date", "sentence_date"]

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4,
    "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11,
    "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)
_RELATIVE_DAYS = {
    "the day before yesterday": -2,
    "today": 0,
    "yesterday": -1,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "last night": -1,
    "the day before": -1,
    "the previous day": -1,
    "the previous (?:evening|night|morning|afternoon)": -1,
    "the night before": -1,
}
_WEEK = re.compile(r"\b(last|this|past|previous) week(end)?\b", re.I)
_MONTH = re.compile(r"\b(last|this|past|previous) month\b", re.I)
#: Spans that are durations or ages, not points in time.
_NOT_A_POINT = re.compile(r"\b(years?|decades?|months|hours|minutes|weeks|days)\b(?! ago)", re.I)

# Month names are matched capitalised (as news writes them) or in capitals, so that the
# modal "may" is never a month; short forms only with a day or a year next to them.
_MONTH_NAME = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec|JANUARY|FEBRUARY|MARCH|"
    r"APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)\.?"
)
_DAYNUM = r"(?:[12]\d|3[01]|0?[1-9])"
_DAY = _DAYNUM + r"(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
#: Calendar dates, most specific first; each names its groups day, month, year.
_CALENDAR = [
    re.compile(rf"\b(?P<year>{_YEAR})-(?P<mnum>0[1-9]|1[0-2])-(?P<day>0[1-9]|[12]\d|3[01])\b"),
    re.compile(rf"\b(?P<day>{_DAY})[-/ ](?P<month>{_MONTH_NAME})[-/ ,]+(?P<year>{_YEAR})\b"),
    re.compile(rf"\b(?P<day>{_DAY}) of (?P<month>{_MONTH_NAME}),? (?P<year>{_YEAR})\b"),
    re.compile(rf"\b(?P<month>{_MONTH_NAME}) (?P<day>{_DAY}),? (?P<year>{_YEAR})\b"),
    re.compile(rf"\b(?P<day>{_DAY})(?: of)? (?P<month>{_MONTH_NAME})(?![\w-])"),
    re.compile(rf"\b(?P<month>{_MONTH_NAME}) (?P<day>{_DAY})(?![\d:-])\b"),
    # "on the 3rd" (not "the 4th Battalion", "on the 3rd day of fighting")
    re.compile(rf"\b(?i:on) the (?P<day>{_DAYNUM})(?:st|nd|rd|th)\b(?!\s*[A-Za-z])"),
    re.compile(
        rf"\b(?P<part>(?i:early|mid|late|end of|beginning of))[- ]"
        rf"(?P<month>{_MONTH_NAME})(?:,? (?P<year>{_YEAR}))?\b"
    ),
    re.compile(
        rf"\b(?i:in|during|since|by|of|from|until) (?P<month>{_MONTH_NAME}),? (?P<year>{_YEAR})\b"
    ),
]
#: "As reported on 3 May 2021, ...": the date relative expressions of the sentence count from.
_REPORT_FRAME = re.compile(
    r"\breport\w*\b(?: by [^,.;]{1,40}?)?[^,.;]{0,12}$"
    r"|\bas (?:of|at)\s*$",
    re.I,
)
#: Relative expressions read from the raw sentence (spaCy misses or splits some).
_RELATIVE = re.compile(
    r"\b(?:(?:over|in|during) the (?:past|last) (?:24|twenty-four|48|forty-eight) hours|"
    r"overnight(?: (?:to|into) (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))?|"
    r"(?:over|at|during|on) the weekend|(?:last|this|past|previous) weekend|"
    r"(?:earlier|late|early|later) this (?:week|month)|"
    r"(?:earlier|late|early|mid|in mid-?)[- ]?(?:last|the previous|the past) (?:week|month)|"
    r"(?:last|this|past|previous) (?:week|month)|the day before yesterday|"
    r"today|yesterday|tonight|this (?:morning|afternoon|evening)|last night|"
    r"the (?:day before|previous day|previous (?:evening|night|morning|afternoon)|night before)|"
    r"(?:\w+|\d+) days? ago|"
    r"(?:late |early |on |last )*(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
    r"(?: (?:night|morning|evening|afternoon))?)\b"
    r"(?! (?:Times|Telegraph|Mail|Express|Tribune|Observer|Standard|Post|Herald|Nation)\b)",
    re.I,
)
_FUTURE = re.compile(r"\b(?:next|tomorrow|coming|upcoming|later this)\b", re.I)
#: The first day of a span written before its last one's date ("3-4 April", "11 and 13").
_RANGE_START = re.compile(
    r"\b(\d{1,2})(?:st|nd|rd|th)?(?:\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    r"[a-z]*)?\s*(?:-|–|—|and|to)\s*$",
    re.I,
)
_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_MONTHS["sep"] = 9
#: Words that make a date a span of days ("around 9 June", "between 7 and 11 June").
_APPROX = re.compile(r"\b(?:around|about|circa|approximately|between|some time|sometime)\s*$", re.I)
_SMALL_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "a": 1,
}  # fmt: skip


@dataclass(frozen=True)
class ResolvedDate:
    """A resolved event date with its ACLED time precision and the text that says so."""

    day: date
    precision: int
    text: str
    start: int
    end: int
    #: The day a report was made, the sentence telling no other ("the army said on
    #: Wednesday that troops repelled the attack"): the event's own day may be earlier.
    report: bool = False


def _month_days(year: int, month: int) -> int:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - timedelta(days=1)).day


def _middle(first: date, last: date, published: date | None) -> date:
    """Return the middle of a span of days, never after publication."""
    if published is not None and last > published:
        last = published
    if last < first:
        return last
    return first + timedelta(days=(last - first).days // 2)


def _month_part(year: int, month: int, part: str, published: date | None) -> date:
    """Return the day ACLED codes for part of a month (early 5th, mid 15th, late 25th)."""
    n = _month_days(year, month)
    p = part.lower()
    if p.startswith("early") or "beginning" in p:
        first, last = date(year, month, 1), date(year, month, 10)
    elif p.startswith("late") or "end" in p:
        first, last = date(year, month, 21), date(year, month, n)
    else:  # mid-month, or the month only: the 15th, as ACLED codes month-only dates
        first, last = date(year, month, 1), date(year, month, 29 if n > 29 else n)
    return _middle(first, last, published)


def _calendar(m: re.Match[str], published: date | None) -> tuple[date, int] | None:
    """Return (date, precision) for a calendar-date match."""
    g = m.groupdict()
    if g.get("mnum"):
        month = int(g["mnum"])
    elif g.get("month"):
        month = MONTHS.get(g["month"].lower().rstrip("."), 0)
    else:  # "the 3rd": this month, or the last one if the 3rd is still ahead
        if published is None:
            return None
        month = published.month
    year_text = g.get("year")
    if year_text:
        year = int(year_text)
    elif published is not None:
        year = published.year
    else:
        return None
    if not 1 <= month <= 12:
        return None
    if not year_text and published is not None and date(year, month, 1) > published:
        year -= 1  # "since early March", read in January: the March before
    if g.get("part") is not None:
        return _month_part(year, month, g["part"], published), 3
    if g.get("day") is None:  # "in May 2020"
        return _month_part(year, month, "", published), 3
    day_num = int(re.sub(r"\D", "", g["day"]))
    if not 1 <= day_num <= _month_days(year, month):
        return None
    found = date(year, month, day_num)
    if published is not None and not year_text and found > published:
        if g.get("month") is None and g.get("mnum") is None:  # "the 3rd" of last month
            prev = published.replace(day=1) - timedelta(days=1)
            if day_num > _month_days(prev.year, prev.month):
                return None
            found = prev.replace(day=day_num)
        else:
            found = found.replace(year=year - 1) if not (month == 2 and day_num == 29) else found
    return found, 1


def _relative(low: str, frame: date) -> tuple[date, int] | None:
    """Return (date, precision) for a relative expression against its frame date."""
    if re.search(r"\b(?:past|last) (?:24|twenty-four) hours\b", low):
        return frame - timedelta(days=1), 2
    if low == "overnight":  # the night that ends on the frame's morning
        return frame, 2
    if re.search(r"\b(?:past|last) (?:48|forty-eight) hours\b", low):
        return frame - timedelta(days=1), 2
    for phrase, delta in _RELATIVE_DAYS.items():
        if re.search(rf"\b{phrase}\b", low):
            return frame + timedelta(days=delta), 1
    if m := re.search(r"\b(\w+|\d+) days? ago\b", low):
        n = int(m.group(1)) if m.group(1).isdigit() else _SMALL_NUMBERS.get(m.group(1))
        return (frame - timedelta(days=n), 1) if n is not None else None
    if "weekend" in low:
        # The weekend on or before the frame (Saturday-Sunday), coded to its Sunday, or to
        # the frame when that is the Saturday: a weekend has no middle day, and this keeps
        # a Sunday story's "over the weekend" on the day it was written.
        sunday = frame - timedelta(days=(frame.weekday() - 6) % 7)  # on or before frame
        in_weekend = frame.weekday() >= 5
        if in_weekend and re.search(r"\b(?:last|previous|past)\b", low):
            return frame - timedelta(days=frame.weekday() - 5 + 6), 2  # the Sunday before
        return (frame if frame.weekday() == 5 and in_weekend else sunday), 2
    if m := _WEEKDAY.search(low):
        target = WEEKDAYS.index(m.group(1).lower())
        back = (frame.weekday() - target) % 7
        if re.search(r"\blast " + m.group(1).lower(), low) and back == 0:
            back = 7
        return frame - timedelta(days=back), 1
    if m := _WEEK.search(low):
        monday = frame - timedelta(days=frame.weekday())
        if m.group(1).lower() == "this" and not re.search(r"\b(?:last|previous|past)\b", low):
            # Earlier this week: the days from Monday to the day before publication.
            return _middle(monday, frame - timedelta(days=1), frame), 2
        # The middle of the previous week (its Thursday), as ACLED codes week-only dates.
        return monday - timedelta(days=7) + timedelta(days=3), 2
    if m := _MONTH.search(low):
        first = frame.replace(day=1)
        if m.group(1).lower() != "this" or re.search(r"\b(?:last|previous|past) month", low):
            first = (first - timedelta(days=1)).replace(day=1)
        part = re.search(r"\b(early|late|mid|end|beginning)\b", low)
        day = _month_part(first.year, first.month, part.group(1) if part else "", frame)
        if first.month == frame.month and first.year == frame.year and day >= frame:
            day = _middle(first, frame - timedelta(days=1), frame)  # "earlier this month"
        return day, 3
    return None


def resolve_date(text: str, published: date | None) -> tuple[date, int] | None:
    """Return (date, time_precision) for a date expression relative to publication."""
    low = text.lower().strip()
    if _FUTURE.search(low):
        return None  # a date ahead of the story dates a plan, not an event
    if re.fullmatch(r"the \d{1,2}(?:st|nd|rd|th)", low):
        text = "on " + low  # "the 3rd" as NER cuts it: read as "on the 3rd"
    for pattern in _CALENDAR:
        if m := pattern.search(text):
            return _calendar(m, published)
    if published is None:
        return None
    found = _relative(low, published)
    if found is not None:
        return found
    if m := re.fullmatch(
        r"\s*(?:in |since |during |by |early |late |mid-)*(?:the )?((?:19|20)\d0)s\s*", low
    ):
        year = int(m.group(1))  # "the 1990s": a decade, history
        return (date(year, 1, 1), 3) if year + 10 <= published.year else None
    if m := re.fullmatch(
        r"\s*(?:in |since |during |by |early |late |mid-)*(?:([a-z]+) )?last year\s*", low
    ):
        # "October last year", "last year": the month of the year before, or history
        month = _MONTHS.get((m.group(1) or "")[:3])
        return (date(published.year - 1, month or 1, 15 if month else 1), 3)
    if m := re.fullmatch(
        r"\s*(?:in |since |during |by |early |late |mid-)*((?:19|20)\d\d)\s*", low
    ):
        year = int(m.group(1))
        # A bare year only dates history: earlier years mark background, the current one
        # says nothing about the day.
        return (date(year, 1, 1), 3) if year < published.year else None
    if _NOT_A_POINT.search(low) or _A_SPAN.fullmatch(low) or _NTH_DAY.fullmatch(low):
        return None
    return _absolute(text, published)


#: A count of days, not a day of the month: "the 9th day of the truce", "the 46 day".
_NTH_DAY = re.compile(r"(?:the |its |a )?\d{1,4}(?:st|nd|rd|th)?\s+(?:day|night|week|month)\b.*")


#: A length of time, not a day: "came a day after", "a week later", "the following night".
_A_SPAN = re.compile(
    r"(?:a|an|one|another|every|each|the next|the following|a single|half a)\s+"
    r"(?:day|night|week|month|year|fortnight)(?:\s+(?:after|later|before|earlier))?"
)


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
    if day > published:  # news reports the past
        try:
            day = day.replace(year=day.year - 1)
        except ValueError:
            return None
    if not has_day:
        last = day.replace(day=_month_days(day.year, day.month))
        return _middle(day.replace(day=1), last, published), 3
    return day, 1


def find_dates(text: str, published: date | None) -> list[ResolvedDate]:
    """Return the date expressions of a text resolved against their frame, in text order.

    The frame is the publication date, or a report date the sentence gives ("As reported
    on 3 May 2021, over the past 24 hours": the relative part counts back from 3 May).
    Offsets are relative to text.
    """
    out: list[ResolvedDate] = []
    taken: list[tuple[int, int]] = []
    frame, reported = published, False
    for pattern in _CALENDAR:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            got = _calendar(m, published)
            if got is None:
                continue
            taken.append((m.start(), m.end()))
            day, precision = got
            first = _RANGE_START.search(text, max(0, m.start() - 24), m.start())
            if first is not None and precision == 1:
                # "on the night of 3-4 April", "between 11 and 13 November", "30 April-1
                # May": the span's first day
                month = _MONTHS.get((first.group(2) or "")[:3].lower(), day.month)
                year = day.year - (month > day.month)
                try:
                    start = date(year, month, int(first.group(1)))
                except ValueError:
                    start = day
                if day - timedelta(days=7) <= start < day:
                    day = start
            if published is not None and day > published:
                continue  # a date after the story dates a plan, not an event
            before = text[max(0, m.start() - 40) : m.start()]
            if precision == 1 and _APPROX.search(before):
                precision = 2  # "around 9 June", "between 7 and 11 June"
            out.append(ResolvedDate(day, precision, m.group(0), m.start(), m.end()))
            if _REPORT_FRAME.search(before):
                frame, reported = day, True
    for m in _RELATIVE.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken) or frame is None:
            continue
        low = m.group(0).lower()
        if _FUTURE.search(text[max(0, m.start() - 12) : m.end()]):
            continue
        got = _relative(low, frame)
        if got is None:
            continue
        day, precision = got
        taken.append((m.start(), m.end()))
        out.append(ResolvedDate(min(day, frame), precision, m.group(0), m.start(), m.end()))
    out.sort(key=lambda r: r.start)
    if reported:
        # A report frame dates the report, not the event, when the sentence counts back from
        # it or dates the event itself ("As reported on 14 October, ... around 16 June").
        framed = [r for r in out if r.day == frame and any(o.day < frame for o in out)]
        out = [r for r in out if r not in framed]
    return out


_SAID_BEFORE = re.compile(
    # not "announced that on 21 October it completed...": the date is what was announced
    r"\b(?:said|says|told|reported|announced|confirmed|added|stated|statement)\s+"
    r"(?:(?!that\b)\w+\s+){0,2}$"
    # "In a statement issued in Abuja on Wednesday"
    r"|\b(?:statement|communiqu[eé]|video|post) (?:issued|released|posted|published|sent|"
    r"shared)(?: (?:in|from) [A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?)? (?:(?:late|early) )?(?:on )?$"
    # a page's own time stamp: "Published June 22, 2016 08:40 | Updated June 22, 2016"
    r"|\b(?:published|updated|posted|last updated|first published)\s*(?:on|at)?\s*:?\s*$",
    re.I,
)
_SAID_AFTER = re.compile(
    r"^\W*(?:[\w'’-]+\s+){0,4}?(?:said|told|reported|announced|confirmed|stated)\b(?! that)",
    re.I,
)


#: A wire dateline: "KABUL, Nov 13 (Reuters) - ...": the place and day the story was filed.
_DATELINE_START = re.compile(
    r"^\W*(?:[A-Z][A-Z'’. -]+(?:/[A-Z'’. -]+)?|"
    # "Makurdi, Nov. 28, 2023 —", "Beni, 10 June 2024 -": a town in its own case
    r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*){0,2}(?:, [A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?)?)"
    # "GENEVA (6 September 2024) –": a release's town, its date in brackets
    r"(?:,|\s*\()"
)
_DATELINE_END = re.compile(r"\s*\)?\s*(?:\([^)]{0,40}\)\s*)?[-–—]{1,2}\s")


#: A toll revised before the date: "the death toll ... rose to five on Saturday" dates the
#: revision ("the toll from Saturday's attack" dates the attack).
_TOLL_REVISED_BEFORE = re.compile(
    r"\btoll\b[^.;]*\b(?:rose|risen|rises|climbed|climbs|reached|jumped|increased|stood|"
    r"stands|now)\b[^.;]*$",
    re.I,
)


def _reports_on(text: str, d: ResolvedDate) -> bool:
    """Return True when a date dates the report ("said on Monday", "On Monday, police said")."""
    if _SAID_BEFORE.search(text[max(0, d.start - 40) : d.start]):
        return True
    if _TOLL_REVISED_BEFORE.search(text[: d.start]):
        return True
    if d.start < 60 and _DATELINE_START.match(text) and _DATELINE_END.match(text, d.end):
        return True  # "KABUL, Nov 13 (Reuters) - A bomb exploded on Saturday": filed on the 13th
    return d.start < 15 and bool(_SAID_AFTER.match(text[d.end : d.end + 60]))


def sentence_date(sent: Span, published: date | None) -> ResolvedDate | None:
    """Return the sentence's event date: its first resolvable date expression, if any.

    Offsets are the document's. Without a publication date only calendar dates with a
    year resolve ("On 12 May 2021, ...").
    """
    found = find_dates(sent.text, published)
    if found:
        # "Police said on Monday that gunmen killed five on Saturday": the day of the report
        # is not the event's when the sentence gives another.
        r = next((d for d in found if not _reports_on(sent.text, d)), found[0])
        said = next((d for d in found if d is not r and _reports_on(sent.text, d)), None)
        if said is not None and not any(p.search(r.text) for p in _CALENDAR):
            # "said on Sunday it had shot down drones overnight": counted from the report
            again = _relative(r.text.lower(), said.day)
            if again is not None:
                r = ResolvedDate(again[0], again[1], r.text, r.start, r.end)
        return ResolvedDate(
            r.day,
            r.precision,
            r.text,
            sent.start_char + r.start,
            sent.start_char + r.end,
            report=_reports_on(sent.text, r),
        )
    if published is None:
        return None
    for ent in sent.ents:
        if ent.label_ not in ("DATE", "TIME"):
            continue
        resolved = resolve_date(ent.text, published)
        if resolved is not None:
            return ResolvedDate(resolved[0], resolved[1], ent.text, ent.start_char, ent.end_char)
    return None


#: Expressions that count from the story's last date, not from publication ("On 26 August
#: soldiers looted shops. Fighting had taken place the previous week.").
_ANAPHORIC = re.compile(r"\b(?:(?:previous|preceding) (?:day|week|month)|the day before)\b", re.I)


def in_narrative(dates: list[ResolvedDate | None]) -> list[ResolvedDate | None]:
    """Return the sentences' dates, "the previous week" counted from the date told before it."""
    out: list[ResolvedDate | None] = []
    last: ResolvedDate | None = None
    for d in dates:
        if d is not None and last is not None and _ANAPHORIC.search(d.text):
            again = _relative(d.text.lower(), last.day)
            if again is not None:
                d = ResolvedDate(again[0], again[1], d.text, d.start, d.end)
        out.append(d)
        if d is not None:
            last = d
    return out
