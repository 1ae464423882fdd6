"""A scored classifier for the paragraphs of text copied out of a news site.

Pasted text keeps the site's clutter: donation appeals, "join the conversation" and log-in
prompts, share lines, "most read" lists, cookie notices, photo captions. Each paragraph gets
a boilerplate score from features of how it addresses the reader and how it is shaped, and
a news score from reporting signals; the story is what scores as news.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from sitreps.clean.metadata import parse_agency_credit, parse_byline, parse_dateline

Label = Literal[
    "news", "boilerplate", "caption", "headline", "standfirst", "dateline", "credit", "byline"
]

__all__ = ["Label", "Paragraph", "classify", "split_paragraphs"]


@dataclass
class Paragraph:
    """One paragraph (a non-empty line or block) of the input, with its offsets and label."""

    text: str
    start: int
    end: int
    label: Label = "news"
    score: float = 0.0
    features: dict[str, float] = field(default_factory=dict)


def split_paragraphs(text: str) -> list[Paragraph]:
    """Return the non-empty lines of the text as paragraphs with exact offsets."""
    out = []
    for m in re.finditer(r"[^\r\n]+", text):
        raw = m.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        lead = len(raw) - len(raw.lstrip())
        start = m.start() + lead
        out.append(Paragraph(stripped, start, start + len(stripped)))
    return out


_QUOTED = re.compile(r"[“\"][^”\"]{0,600}[”\"]")
_SECOND_PERSON = re.compile(r"\b(you|your|yours|yourself)\b", re.I)
# "us" in lower case only: "US" is the United States.
#: "us" after "the" or before a hyphen is the country in lower-cased text ("the us
#: rejected", "the us-led war"), not the site speaking.
_FIRST_PLURAL = re.compile(r"\b(?:[Ww]e|[Oo]urs?)\b|(?<![Tt]he )\bus\b(?!-)")
_CALL_TO_ACTION = re.compile(
    r"^(please\s+)?(join|subscribe|donate|register|sign\s*(up|in)|log\s*in|follow|share|click|"
    r"tap|refresh|read\s+more|support|download|get|try|become|give|help|contribute|"
    r"accept|manage|enable|continue|already|create|thank\s+you|thanks\s+for)\b",
    re.I,
)
#: A related-links label opening a line ("Related: ...", "Read also: ...", "Te puede
#: interesar: ...", "RELATED COVERAGE"): another story's headline, or the list after it.
_LINK_LABEL = re.compile(
    r"^(?:related(?: (?:coverage|stories|articles|news|content|reading|links))?|"
    r"read (?:also|more|next)|also read|see also|more on this(?: story)?|more stories|"
    r"most (?:read|popular|viewed)|recommended(?: for you)?|you may (?:also )?like|"
    r"editor'?s picks?|top stories|watch|listen|te puede interesar|lee también|"
    r"lea también|leia também|leia mais|lire aussi|à lire aussi|voir aussi|"
    r"lesen sie auch|mehr zum thema)\s*(?:[:|»>–-]|$)",
    re.I,
)
#: An item of a list: "- ...", "» ...", "• ...", "1. ...".
_LIST_ITEM = re.compile(r"^(?:[-–—•»>·*▪]|\d{1,2}[.)])\s+\S")
_APPEAL_WORDS = re.compile(
    r"\b(donat\w*|subscri\w*|newsletter\w*|paywall\w*|membership|(?<=our )supporters?|"
    r"journalism|reporting and analysis|independent journalism|register\w*|logged\s+in|"
    r"log\s+in|sign[- ]?up|commenting|comments?|forum|cookies?|privacy|advertis\w*|"
    r"browser|notifications?|inbox|account|premium|free trial|app\b|podcast|"
    r"reader\w*|contribution|sponsor\w*|terms of (use|service))",
    re.I,
)
_REPORTING = re.compile(
    r"\b(said|says|told|tells|reported|according to|announced|stated|added|confirmed|"
    r"claimed|denied|warned|urged|quoted|statement)\b",
    re.I,
)
_PAST_EVENT = re.compile(
    r"\b(killed|attacked|wounded|injured|arrested|fled|clashed|fought|seized|captured|"
    r"exploded|fired|struck|held|met|signed|protested|marched|died|escaped|launched|"
    r"stormed|detained|abducted|kidnapped|destroyed|burned|looted|rallied|gathered|staged|"
    r"demonstrated|shelled|bombed|ambushed|raided|detonated|lynched|torched|shot|rioted|"
    r"dispersed|executed|overran|blockaded|dropped|targeted|documented|deaths|bodies)\b",
    re.I,
)
#: A day the paragraph dates something to: "On 15 March 2023", "on Tuesday".
_DATED = re.compile(
    r"\b(?:on|since) (?:\d{1,2} (?:January|February|March|April|May|June|July|August|"
    r"September|October|November|December)\b|(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December) \d{1,2}\b|(?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)\b)",
    re.I,
)
_CREDIT_TAIL = re.compile(
    r"\((?:EPA|AFP|AP|Reuters|Getty(?: Images)?|PA|Shutterstock|Anadolu|Xinhua|Alamy|"
    r"[A-Z][\w .'-]{0,30}(?:/|via)\s*[\w .'-]{1,30})\)\s*$|"
    r"(?:Photo|Image|Picture)\s*(?:credit)?\s*:\s*[\w .,'/-]{2,60}$",
    re.I,
)

#: Weights of the boilerplate features, set by hand on the site styles in tests/clean
#: (donation appeals, comment and log-in prompts, share lines, lists, cookie notices) and
#: checked on the seed-style story; a paragraph is boilerplate when its score is > 0.
WEIGHTS = {
    "second_person": 1.6,  # per "you/your" outside quotes, capped at 3
    "first_plural": 0.7,  # per "we/our/us" outside quotes (the site speaking), capped at 4
    "call_to_action": 2.2,  # opens with an imperative aimed at the reader
    "link_label": 6.0,  # "Related: <another story's headline>", whatever that headline says
    "appeal_words": 0.9,  # per donation/sign-up/comments/cookie word, capped at 4
    "fragment": 1.2,  # under five words, no sentence end: a menu item or a heading
    "reporting": -2.5,  # "said", "told", "according to": the story speaking
    "quote": -1.5,  # quoted speech
    "event_verb": -1.0,  # killed, attacked, fled...
    "digits": -0.3,  # numbers are common in news, rare in appeals
    # "On 15 March 2023, ... we have documented the deaths of nine civilians": a monitor's
    # report speaks as "we" and dates what it tells; appeals date nothing
    "dated": -1.0,
    "long_sentence": -0.6,  # over 25 words with no reader address
    "edge": 0.4,  # in the first or last fifth of the page, where clutter sits
    "very_long": -6.0,  # 90+ words: no appeal we have seen runs that long
}


def _features(p: Paragraph, index: int, total: int) -> dict[str, float]:
    unquoted = _QUOTED.sub(" ", p.text)
    words = p.text.split()
    f: dict[str, float] = {
        "second_person": min(len(_SECOND_PERSON.findall(unquoted)), 3),
        "first_plural": min(len(_FIRST_PLURAL.findall(unquoted)), 4),
        "call_to_action": 1.0 if _CALL_TO_ACTION.match(p.text) else 0.0,
        "link_label": 1.0 if _LINK_LABEL.match(p.text) else 0.0,
        "appeal_words": min(len(_APPEAL_WORDS.findall(unquoted)), 4),
        "fragment": 1.0 if len(words) < 5 and not p.text.endswith((".", "”", '"')) else 0.0,
        "reporting": 1.0 if _REPORTING.search(p.text) else 0.0,
        "quote": 1.0 if _QUOTED.search(p.text) else 0.0,
        "event_verb": 1.0 if _PAST_EVENT.search(unquoted) else 0.0,
        "digits": 1.0 if re.search(r"\d", p.text) else 0.0,
        "dated": 1.0 if _DATED.search(unquoted) else 0.0,
        "edge": 1.0 if total >= 5 and (index < total / 5 or index >= total * 4 / 5) else 0.0,
    }
    # Being near the page's edge only tips a paragraph that already addresses the reader
    # or is a fragment: alone it dropped plain lead sentences ("EDMONTON, Ky. (WBKO) --
    # One man is dead ..."), and with them 19% of TR-News's places (benchmarks/geoparse.py,
    # end to end, 2026-11-30).
    if not any(
        f[k]
        for k in (
            "second_person",
            "first_plural",
            "call_to_action",
            "link_label",
            "appeal_words",
            "fragment",
        )
    ):
        f["edge"] = 0.0
    addressed = f["second_person"] or f["first_plural"] or f["call_to_action"]
    if not addressed and len(words) >= 15:
        # "although it had $12M of unspent donations": a sentence about money or readers
        # that speaks to no one is news; appeals and prompts address the reader or are short
        f["appeal_words"] = 0.0
    f["long_sentence"] = 1.0 if len(words) > 25 and f["second_person"] == 0 else 0.0
    # Appeals and prompts are short; a block of 90+ words is the story (pasted text often
    # runs several paragraphs together).
    f["very_long"] = 1.0 if len(words) >= 90 else 0.0
    return f


def _score(f: dict[str, float]) -> float:
    return sum(WEIGHTS[k] * v for k, v in f.items())


def _is_caption(p: Paragraph, following: Paragraph | None) -> bool:
    if (
        following is not None
        and following.text.startswith(p.text)
        and _CREDIT_TAIL.search(following.text)
    ):
        return True
    return bool(_CREDIT_TAIL.search(p.text)) and not _REPORTING.search(p.text)


def classify(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """Label each paragraph (news, boilerplate, caption, headline...) in place; return them."""
    total = len(paragraphs)
    dateline_at = next(
        (i for i, p in enumerate(paragraphs[:8]) if parse_dateline(p.text) is not None), None
    )
    for i, p in enumerate(paragraphs):
        following = paragraphs[i + 1] if i + 1 < total else None
        if i == dateline_at:
            p.label = "dateline"
        elif dateline_at is not None and i < dateline_at:
            p.label = "headline" if i == 0 else "standfirst"
        elif (
            i == 0
            and len(p.text) < 200
            and not p.text.endswith(".")
            and total > 2
            # A line the next one carries on in lower case is a wrapped sentence, not a title.
            and not (following is not None and following.text[:1].islower())
        ):
            p.label = "headline"
        elif _is_caption(p, following) or (
            i > 0
            and paragraphs[i - 1].label == "caption"
            and p.text.startswith(paragraphs[i - 1].text)
        ):
            p.label = "caption"
        elif parse_agency_credit(p.text):
            p.label = "credit"
        elif parse_byline(p.text):
            p.label = "byline"
        else:
            p.features = _features(p, i, total)
            p.score = _score(p.features)
            p.label = "boilerplate" if p.score > 0 else "news"
    _smooth(paragraphs)
    return paragraphs


def _smooth(paragraphs: list[Paragraph]) -> None:
    # The items of a list under a related-links label ("Read more:" then "- <headline>")
    # are that list's, as are the items after them.
    for i in range(1, len(paragraphs)):
        p, prev = paragraphs[i], paragraphs[i - 1]
        if (
            p.label == "news"
            and prev.label == "boilerplate"
            and (prev.features.get("link_label") or _LIST_ITEM.match(prev.text))
            and _LIST_ITEM.match(p.text)
            and len(p.text.split()) < 30
        ):
            p.label = "boilerplate"
    # A borderline paragraph wedged between two boilerplate ones is part of the same block
    # (an appeal's middle sentence that happens to carry no "you").
    for i in range(1, len(paragraphs) - 1):
        p = paragraphs[i]
        if p.label != "news" or p.score < -1.0 or p.features.get("reporting"):
            continue
        if paragraphs[i - 1].label == "boilerplate" and paragraphs[i + 1].label == "boilerplate":
            p.label = "boilerplate"
