"""Typed records that flow between the pipeline's stages.

read -> Story -> clean -> Document -> nlp/geo/extract -> Event -> store
Anything rejected on the way becomes a Reject with a stable reason code.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from sitreps.errors import one_line

InputKind = Literal["text", "html"]

#: What a NUL or a lone surrogate becomes: the same length, so offsets into the text stay
#: right. PostgreSQL cannot store NUL in text, and a lone surrogate cannot be written as
#: UTF-8 (to SQLite, to stdout); either would lose the story at the end of the pipeline.
REPLACEMENT = "\ufffd"
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def scrub(text: str) -> str:
    """Return text with NULs and lone surrogates replaced by U+FFFD (same length)."""
    return _UNSTORABLE.sub(REPLACEMENT, text) if _UNSTORABLE.search(text) else text


def _scrub_fields(record: Any, names: tuple[str, ...]) -> None:
    for name in names:
        value = getattr(record, name)
        if isinstance(value, str):
            object.__setattr__(record, name, scrub(value))


#: Field names of the v1 event record, in output order. Every output and the database use them.
EVENT_FIELDS: tuple[str, ...] = (
    "event_id",
    "story_id",
    "event_date",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "plover_event",
    "plover_mode",
    "cameo_root",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "country",
    "iso3",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "geonames_id",
    "fatalities",
    "size",
    "source",
    "source_url",
    "notes",
    "evidence",
    "confidence",
)


@dataclass(frozen=True)
class Story:
    """One news story as it arrived, before cleaning."""

    story_id: str
    content: str
    kind: InputKind = "text"
    url: str | None = None
    title: str | None = None
    published: str | None = None  # as given by the input (JSONL field or --published)
    origin: str | None = None  # where it came from: path, URL, WARC record, feed

    def __post_init__(self) -> None:
        # Every reader, the API and extract() build Stories: scrubbing here is scrubbing at
        # read time, once, for SQLite and PostgreSQL alike.
        _scrub_fields(self, ("story_id", "content", "url", "title", "published", "origin"))


@dataclass(frozen=True)
class Segment:
    """A run of cleaned text copied verbatim from the original input."""

    clean_start: int
    orig_start: int
    length: int


@dataclass
class Document:
    """A cleaned story: body text without site clutter, plus trustworthy metadata."""

    story_id: str
    text: str
    title: str | None = None
    published: datetime | None = None  # timezone-aware when the story states a zone
    source: str | None = None  # news agency credit: "Reuters", "AP", "AFP"
    byline: str | None = None
    url: str | None = None
    site: str | None = None
    language: str | None = None
    captions: list[str] = field(default_factory=list)
    #: Maps cleaned-text offsets back to the input text (only for text input), as its
    #: broken encoding was repaired (sitreps.clean.repair: "â€™" is one character, "’").
    segments: list[Segment] = field(default_factory=list)
    origin: str | None = None

    @property
    def fingerprint(self) -> str:
        """Return a stable hash of the cleaned body, used to spot exact re-ingests."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def original_offset(self, clean_offset: int) -> int | None:
        """Return the offset in the input text of a cleaned-text offset, if known."""
        for seg in self.segments:
            if seg.clean_start <= clean_offset <= seg.clean_start + seg.length:
                return seg.orig_start + (clean_offset - seg.clean_start)
        return None


@dataclass(frozen=True)
class Reject:
    """A story the pipeline refused, with a stable reason code and a one-line message."""

    story_id: str
    reason: str  # a code from sitreps.errors, e.g. "empty", "binary", "too_large"
    message: str
    origin: str | None = None

    def __post_init__(self) -> None:
        _scrub_fields(self, ("story_id", "message", "origin"))

    def line(self) -> str:
        """Return the one-line error shown to users."""
        return one_line(f"{self.story_id}: {self.message} [{self.reason}]")


@dataclass(frozen=True)
class Evidence:
    """The text that supports one field of an event, as offsets into the cleaned story."""

    field: str
    text: str
    start: int
    end: int


@dataclass(frozen=True)
class PlaceMention:
    """A place named in a story, resolved against the gazetteer when possible."""

    story_id: str
    text: str
    start: int
    end: int
    latitude: float | None = None
    longitude: float | None = None
    geonames_id: int | None = None
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    kind: str | None = None  # country, province, district, town
    name: str | None = None  # the gazetteer's name for the place
    is_event_location: bool = False
    score: float = 0.0
    #: Named in a wire dateline ("KABUL (Reuters) -"): where the story was filed, not an event.
    in_dateline: bool = False
    #: How the story uses the name: "literal" (a place), "modifier" ("the Syrian army", "a
    #: Texas-based firm"), "embedded" (inside a longer name, "the University of Kansas") or
    #: "metonym" ("Moscow said"), or "container" (the state in "Kware village (Shagari LGA,
    #: Sokoto state)", only saying where the place before it is). Only literal and metonym
    #: mentions can be an event's place.
    usage: str = "literal"


@dataclass
class Event:
    """One event in the v1 record: ACLED fields plus PLOVER/CAMEO, provenance and confidence."""

    event_id: str
    story_id: str
    event_date: str | None = None  # ISO date YYYY-MM-DD
    time_precision: int | None = None
    disorder_type: str | None = None
    event_type: str | None = None
    sub_event_type: str | None = None
    plover_event: str | None = None
    plover_mode: str | None = None
    cameo_root: str | None = None
    actor1: str | None = None
    assoc_actor_1: str | None = None
    inter1: int | None = None
    actor2: str | None = None
    assoc_actor_2: str | None = None
    inter2: int | None = None
    interaction: int | None = None
    country: str | None = None
    iso3: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    location: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    geonames_id: int | None = None
    fatalities: int | None = None
    size: str | None = None
    source: str | None = None
    source_url: str | None = None
    notes: str | None = None
    evidence: list[Evidence] = field(default_factory=list)
    confidence: float | None = None
    #: Per-field confidence, beyond the v1 record (kept in the database and JSON output).
    field_confidence: dict[str, float] = field(default_factory=dict)
    #: Whether the event is only claimed by a party and not independently confirmed.
    claimed: bool = False

    def to_dict(self) -> dict[str, Any]:
        """Return the v1 record as a JSON-ready dict, fields in EVENT_FIELDS order."""
        out: dict[str, Any] = {}
        for name in EVENT_FIELDS:
            value = getattr(self, name)
            if name == "evidence":
                value = [dataclasses.asdict(e) for e in value]
            out[name] = value
        out["field_confidence"] = dict(self.field_confidence)
        out["claimed"] = self.claimed
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Event:
        """Build an Event from a dict produced by to_dict (unknown keys are ignored)."""
        known = {f.name for f in dataclasses.fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in known}
        kwargs["evidence"] = [Evidence(**e) for e in data.get("evidence") or []]
        return cls(**kwargs)


def make_event_id(story_id: str, key: str) -> str:
    """Return a deterministic event id from the story and the event's identifying key."""
    digest = hashlib.sha1(f"{story_id}\x1f{key}".encode()).hexdigest()
    return f"evt_{digest[:16]}"
