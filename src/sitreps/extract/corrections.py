"""Analysts' corrections as training examples: read, check and fold them into training.

`sitreps corrections export --db PATH` writes one JSON object per corrected or accepted
event, our training format plus a few keys:

    {"text": <evidence sentence>, "published": "YYYY-MM-DD", "event_type": str|null,
     "sub_event_type": str|null, "plover": str|null, "plover_mode": null, "fields": {...},
     "evidence": {"story_id", "start", "end"}, "source": "correction"|"accepted",
     "event_id": str, "revision": int}

A "not an event" correction has event_type, sub_event_type and plover all null: a "none"
example, like our hard negatives. Both trainers take such files (`--corrections FILE`,
`make train CORRECTIONS=file`): the rows join training with CORRECTION_WEIGHT, replace any
training row of the same sentence, and the corrected sentences become the head's override
table (`SentenceClassifier.overrides`), which the extractor consults before the rules: an
analyst's label for a sentence stands even where a firm rule reads it otherwise, and an
event they typed is not dropped for its tense or the first person (the history cut-off,
HISTORY_DAYS, still applies). The table is exact (white space aside): it fixes the
sentences analysts saw; the weighted rows teach the model their wording.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from sitreps.errors import SitrepsError
from sitreps.extract.classifier import label_of

__all__ = [
    "CORRECTION_WEIGHT",
    "CorrectionsError",
    "fold_corrections",
    "normalise",
    "override_table",
    "read_corrections",
]

#: Weight of a correction against one of our examples in the loss (both trainers).
#: benchmarks/correction_loop.py, 2026-11-30 (BENCHMARKS.md, "Learning from corrections"):
#: examples newly right on the rest of the real dev sets after 50 / 200 / 1,000
#: corrections, weight 1: +3 / +7 / +7; 3: +3 / +10 / +10; 10: +4 / +9 / +9. 3 is the
#: smallest weight with the best figures (an analyst's slip then counts three times).
CORRECTION_WEIGHT = 3.0
SOURCES = ("correction", "accepted")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class CorrectionsError(SitrepsError):
    """A corrections file is missing or has a malformed line (the message names both)."""


def normalise(text: str) -> str:
    """Return the text with runs of white space made one space and the ends stripped."""
    return " ".join(text.split())  # as SentenceClassifier.corrected looks sentences up


def _check(row: Any) -> str | None:
    """Return why a parsed line is not a valid correction, or None when it is."""
    from sitreps.extract.labels import default_labels

    if not isinstance(row, dict):
        return "not a JSON object"
    for key in ("text", "event_type", "sub_event_type", "plover", "source"):
        if key not in row:
            return f"no {key!r} key"
    if not isinstance(row["text"], str) or not row["text"].strip():
        return "'text' is not a non-empty string"
    for key in ("event_type", "sub_event_type", "plover", "plover_mode"):
        if row.get(key) is not None and not isinstance(row[key], str):
            return f"{key!r} is neither a string nor null"
    if row["source"] not in SOURCES:
        return f"'source' is {row['source']!r}, not one of {', '.join(SOURCES)}"
    published = row.get("published")
    if published is not None and not (isinstance(published, str) and _DATE.fullmatch(published)):
        return f"'published' is {published!r}, not YYYY-MM-DD"
    if "revision" in row and (not isinstance(row["revision"], int) or row["revision"] < 0):
        return "'revision' is not a non-negative integer"
    if row.get("fields") is not None and not isinstance(row["fields"], dict):
        return "'fields' is not an object"
    table = default_labels()
    sub, etype = row["sub_event_type"], row["event_type"]
    if sub is not None:
        if sub not in table or table[sub].event_type is None:
            return f"unknown sub_event_type {sub!r}"
        if etype is not None and etype != table[sub].event_type:
            return f"sub_event_type {sub!r} is not of event_type {etype!r}"
    elif etype is not None:
        return f"event_type {etype!r} without a sub_event_type"
    elif row["plover"] is not None and f"PLOVER:{row['plover']}" not in table:
        return f"plover {row['plover']!r} is no political event type we code"
    return None


def read_corrections(paths: Iterable[Path]) -> list[dict[str, Any]]:
    """Return the corrections in the files, one row per sentence, each with its "label".

    A later row for the same sentence (by normalised text) replaces an earlier one, and a
    later file an earlier file: the newest correction wins. Rows are in the order of each
    sentence's last correction, so the same files give the same rows. Raises CorrectionsError
    naming the file and line of the first malformed row.
    """
    by_text: dict[str, dict[str, Any]] = {}
    for path in paths:
        try:
            lines = Path(path).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise CorrectionsError(f"{path}: cannot read: {exc}") from None
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise CorrectionsError(f"{path}:{number}: not JSON ({exc.msg})") from None
            why = _check(row)
            if why is not None:
                raise CorrectionsError(f"{path}:{number}: {why}")
            key = normalise(row["text"])
            by_text.pop(key, None)  # the newest correction takes the sentence's last place
            by_text[key] = dict(row, text=key, label=label_of(row), correction=True)
    return list(by_text.values())


def fold_corrections(
    rows: list[dict[str, Any]], corrections: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """Return the training rows without those of a corrected sentence, then the corrections."""
    corrected = {normalise(c["text"]) for c in corrections}
    return [r for r in rows if normalise(r["text"]) not in corrected] + list(corrections)


def override_table(corrections: list[dict[str, Any]]) -> dict[str, str]:
    """Return each corrected sentence's label ("none": no event), by normalised text."""
    return {normalise(c["text"]): c["label"] for c in corrections}
