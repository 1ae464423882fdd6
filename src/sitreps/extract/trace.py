"""Explanations: what the extractor saw and decided in each sentence, as typed records.

`sitreps explain`, `sitreps.explain()` and the INFO lines of the "sitreps.explain" logger
(`sitreps -v ...`) all come from these records.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

__all__ = ["FieldTrace", "SentenceTrace", "log_trace", "render"]


@dataclass
class FieldTrace:
    """One field of an event: the candidates the sentence offered and the value chosen."""

    name: str
    candidates: list[str]
    chosen: str | None


@dataclass
class SentenceTrace:
    """Why one sentence gave the event it gave, or none."""

    index: int  # sentence number in the story, from 0
    text: str
    start: int
    end: int
    #: Cue families that fired, with the words each matched.
    cues: dict[str, str] = field(default_factory=dict)
    #: What the rules' guards read: background, state, non_state, armed_target...
    facts: dict[str, bool] = field(default_factory=dict)
    #: The precedence rule that decided ("#90 clash & reported & ... -> Armed clash").
    rule: str | None = None
    rule_label: str | None = None
    #: Rules of higher rank whose cue fired but whose guards did not hold.
    passed_over: list[str] = field(default_factory=list)
    #: The classifier's top labels and their probabilities.
    model: list[tuple[str, float]] = field(default_factory=list)
    #: Who decided the label: the rules alone, the model, both joined...
    decision: str = ""
    label: str | None = None
    #: Why the sentence gives no event ("background: ...", "not occurred: ..."), or None.
    dropped: str | None = None
    fields: list[FieldTrace] = field(default_factory=list)

    @property
    def gives_event(self) -> bool:
        """Return True when the sentence gave (or added to) an event."""
        return self.label is not None and self.dropped is None


def lines(st: SentenceTrace) -> list[str]:
    """Return the trace of one sentence as readable lines."""
    if st.index < 0:  # a paragraph cleaning removed: it never reached the extractor
        return [f"[cleaned out] {st.text.strip()}", f"  no event: {st.dropped}"]
    out = [f"[{st.index + 1}] {st.text.strip()}"]
    if st.cues:
        out.append("  cues: " + "; ".join(f"{k} ({v!r})" for k, v in st.cues.items()))
    else:
        out.append("  cues: none")
    facts = [k for k, v in st.facts.items() if v]
    if facts:
        out.append("  facts: " + ", ".join(facts))
    if st.model:
        out.append("  model: " + ", ".join(f"{k} {p:.2f}" for k, p in st.model))
    if st.passed_over:
        out.append("  guards failed: " + "; ".join(st.passed_over))
    out.append(f"  rules: {st.rule or 'no rule applies'}")
    if st.decision:
        out.append(f"  decided by: {st.decision}")
    if st.gives_event:
        out.append(f"  event: {st.label}")
        for f in st.fields:
            cands = f" from {f.candidates}" if f.candidates else ""
            out.append(f"    {f.name}: {f.chosen or '-'}{cands}")
    else:
        out.append(f"  no event: {st.dropped or 'no event'}")
    return out


def render(traces: list[SentenceTrace]) -> str:
    """Return the traces of a story as text, one block per sentence."""
    return "\n".join(line for st in traces for line in lines(st))


def log_trace(log: logging.Logger, st: SentenceTrace) -> None:
    """Log a sentence's trace at INFO (the CLI's -v), one line per item."""
    if log.isEnabledFor(logging.INFO):
        for line in lines(st):
            log.info("%s", line)
