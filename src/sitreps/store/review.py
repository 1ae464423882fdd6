"""The review queue's score: which events a person's look helps most.

Each event gets a score in [0, 1] and the reasons behind it, computed when the event is
stored (so GET /review is one indexed query). The score is a weighted sum:

- low_confidence     0.40 x (1 - the calibrated confidence of the type); named as a reason
                     when the confidence is under 0.6
- typing_disagrees   0.25 when the codebook rules alone, read on the event's sentences,
                     never give the event's label (the model decided against the rules)
- single_source      0.10 when one story reports the event
- no_evidence        0.05 per filled field (actors, place, date, deaths, size) with no
                     evidence span, at most 0.15
- low_geo_precision  0.05 for a place known to its district (precision 2), 0.10 for only
                     its country (3) or no place

The weights are set by hand (no reviewed events existed to fit them): the type decides
whether the event exists at all, so its confidence and the typers' disagreement weigh most.
"""

from __future__ import annotations

from dataclasses import dataclass

from sitreps.model import Event

__all__ = ["WEIGHTS", "ReviewScore", "event_label", "review_score"]

WEIGHTS = {
    "low_confidence": 0.40,
    "typing_disagrees": 0.25,
    "single_source": 0.10,
    "no_evidence": 0.05,  # per field, at most NO_EVIDENCE_CAP
    "low_geo_precision": 0.10,  # 0.05 at precision 2
}
NO_EVIDENCE_CAP = 0.15
#: Confidence under which "low_confidence" is named as a reason (its share counts anyway).
LOW_CONFIDENCE = 0.6
#: Fields whose value should rest on a span of the story.
EVIDENCED = ("actor1", "actor2", "location", "event_date", "fatalities", "size")


@dataclass(frozen=True)
class ReviewScore:
    """An event's review score and the reasons, as codes with a readable detail."""

    score: float
    reasons: list[dict[str, str]]


def event_label(ev: Event) -> str | None:
    """Return the label-table name of an event's type ("Armed clash", "PLOVER:ACCUSE")."""
    if ev.sub_event_type:
        return ev.sub_event_type
    return f"PLOVER:{ev.plover_event}" if ev.plover_event else None


def _rules_labels(members: list[Event]) -> list[str | None]:
    """Return what the rules alone read in each typing sentence of the reports."""
    from sitreps.extract.rules import type_sentence

    out: list[str | None] = []
    for m in members:
        dates = [e for e in m.evidence if e.field == "event_date"]
        for e in m.evidence:
            if e.field != "sub_event_type":
                continue
            dated = any(e.start <= d.start and d.end <= e.end for d in dates)
            typed = type_sentence(e.text, dated)
            out.append(typed.label if typed else None)
    return out


def review_score(ev: Event, members: list[Event]) -> ReviewScore:
    """Return the review score of a merged event given its reports."""
    reasons: list[dict[str, str]] = []
    score = 0.0
    conf = ev.confidence if ev.confidence is not None else 0.0
    score += WEIGHTS["low_confidence"] * (1.0 - conf)
    if conf < LOW_CONFIDENCE:
        reasons.append({"code": "low_confidence", "detail": f"type confidence {conf:.2f}"})
    label = event_label(ev)
    read = _rules_labels(members)
    if label is not None and read and label not in read:
        score += WEIGHTS["typing_disagrees"]
        shown = ", ".join(sorted({r or "no event" for r in read}))
        reasons.append(
            {"code": "typing_disagrees", "detail": f"the rules read {shown}; the event is {label}"}
        )
    if len({m.story_id for m in members}) <= 1:
        score += WEIGHTS["single_source"]
        reasons.append({"code": "single_source", "detail": "one story reports it"})
    has = {e.field for e in ev.evidence}
    # Zero deaths is the codebook's "none reported", not a claim needing a span.
    bare = [f for f in EVIDENCED if getattr(ev, f) not in (None, "", 0) and f not in has]
    if bare:
        score += min(NO_EVIDENCE_CAP, WEIGHTS["no_evidence"] * len(bare))
        reasons.append({"code": "no_evidence", "detail": "no evidence for " + ", ".join(bare)})
    precision = ev.geo_precision
    if precision is None or precision >= 3:
        score += WEIGHTS["low_geo_precision"]
        where = "no place" if ev.location is None and ev.country is None else "country only"
        reasons.append({"code": "low_geo_precision", "detail": where})
    elif precision == 2:
        score += WEIGHTS["low_geo_precision"] / 2
        reasons.append({"code": "low_geo_precision", "detail": "district only"})
    return ReviewScore(round(score, 3), reasons)
