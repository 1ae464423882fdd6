"""The database schema, one for SQLite and PostgreSQL (SQLAlchemy Core)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

__all__ = [
    "EVENT_COLUMNS",
    "anchors",
    "audit",
    "curated",
    "events",
    "evidence",
    "metadata",
    "overrides",
    "rejects",
    "reports",
    "revisions",
    "sources",
    "stories",
    "users",
]

metadata = MetaData()

stories = Table(
    "stories",
    metadata,
    Column("story_id", String(512), primary_key=True),
    Column("fingerprint", String(64), nullable=False, index=True),
    # SHA-256 of the story as it arrived (content and metadata): see sitreps.ingest.
    Column("content_hash", String(64)),
    Column("minhash", Text),  # near-duplicate signature, JSON list of ints
    Column("duplicate_of", String(512)),
    Column("title", Text),
    Column("url", Text),
    Column("published", String(40)),
    Column("source", String(200)),
    Column("byline", String(300)),
    Column("site", String(200)),
    Column("language", String(8)),
    Column("captions", Text),  # JSON list
    Column("text", Text, nullable=False),
    Column("origin", Text),
    Column("pipeline_version", String(40), nullable=False),
    Column("ingested_at", String(40), nullable=False),
)

events = Table(
    "events",
    metadata,
    Column("event_id", String(40), primary_key=True),
    Column("story_id", String(512), nullable=False, index=True),
    Column("event_date", String(10), index=True),
    Column("time_precision", Integer),
    Column("disorder_type", String(40)),
    Column("event_type", String(40)),
    Column("sub_event_type", String(60)),
    Column("plover_event", String(20)),
    Column("plover_mode", String(40)),
    Column("cameo_root", String(4)),
    Column("actor1", String(200)),
    Column("assoc_actor_1", Text),
    Column("inter1", Integer),
    Column("actor2", String(200)),
    Column("assoc_actor_2", Text),
    Column("inter2", Integer),
    Column("interaction", Integer),
    Column("country", String(100)),
    Column("iso3", String(3)),
    Column("admin1", String(200)),
    Column("admin2", String(200)),
    Column("location", String(200)),
    Column("latitude", Float),
    Column("longitude", Float),
    Column("geo_precision", Integer),
    Column("geonames_id", Integer),
    Column("fatalities", Integer),
    Column("size", String(200)),
    Column("source", Text),
    Column("source_url", Text),
    Column("notes", Text),
    Column("confidence", Float),
    Column("field_confidence", Text),  # JSON object
    Column("claimed", Boolean, nullable=False, default=False),
    Column("mention_count", Integer, nullable=False, default=1),
    Column("pipeline_version", String(40), nullable=False),
    Column("created_at", String(40), nullable=False),
    Column("updated_at", String(40), nullable=False),
    # Review (sitreps.store.curate): accepted or corrected by a person; the queue's score.
    Column("reviewed", Boolean, nullable=False, default=False),
    Column("review_status", String(20)),  # None, "accepted", "corrected"
    Column("review_score", Float),
    Column("review_reasons", Text),  # JSON list of reason codes
    Index("events_country_date", "country", "event_date"),
    Index("events_iso3_date", "iso3", "event_date"),
    Index("events_type_date", "event_type", "event_date"),
    Index("ix_events_review_score", "review_score"),
)

evidence = Table(
    "evidence",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "event_id",
        String(40),
        ForeignKey("events.event_id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("story_id", String(512), nullable=False),
    Column("field", String(40), nullable=False),
    Column("text", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
)

sources = Table(
    "sources",
    metadata,
    Column(
        "event_id", String(40), ForeignKey("events.event_id", ondelete="CASCADE"), primary_key=True
    ),
    Column("story_id", String(512), primary_key=True),
    Column("source", Text),
    Column("url", Text),
    Column("added_at", String(40), nullable=False),
)

rejects = Table(
    "rejects",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("story_id", String(512), nullable=False, index=True),
    Column("origin", Text),
    Column("reason", String(40), nullable=False),
    Column("message", Text, nullable=False),
    Column("at", String(40), nullable=False),
)

revisions = Table(
    "revisions",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", String(40), nullable=False, index=True),
    Column("story_id", String(512), nullable=False),
    Column("pipeline_version", String(40), nullable=False),
    # created, updated, removed (the pipeline); corrected, accepted, rejected, split,
    # merged (a person: user_name says who)
    Column("action", String(20), nullable=False),
    Column("changes", Text),  # JSON {field: [before, after]}
    Column("at", String(40), nullable=False),
    Column("user_name", String(100)),
    Column("reason", Text),
    # JSON {field: {"kept": human value, "machine": the pipeline's disagreeing value}}
    Column("kept", Text),
)

reports = Table(
    "reports",  # every story's own events, before merging; `events` holds the merged ones
    metadata,
    Column("event_id", String(40), primary_key=True),
    Column("story_id", String(512), nullable=False, index=True),
    Column("event_date", String(10), index=True),
    Column("country", String(100)),
    Column("merged_id", String(40), index=True),
    Column("data", Text, nullable=False),  # the v1 record as JSON
)

users = Table(
    "users",
    metadata,
    Column("name", String(100), primary_key=True),
    Column("role", String(20), nullable=False),  # reader, ingest, editor, admin
    # SHA-256 of the token (a secrets.token_urlsafe(32) string): the token itself is not kept.
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("created_at", String(40), nullable=False),
    Column("created_by", String(100)),
)

audit = Table(
    "audit",  # every write: who, when, which route or command, on what
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("user_name", String(100), nullable=False),
    Column("action", String(40), nullable=False),
    Column("route", String(200), nullable=False),
    Column("target", Text),
    Column("detail", Text),
)

curated = Table(
    "curated",  # an event a person touched: its id stays, whatever re-processing does
    metadata,
    Column("event_id", String(40), primary_key=True),
    Column("status", String(20), nullable=False),  # accepted, corrected, not_event, merged
    Column("merged_into", String(40)),
    Column("revision", Integer, nullable=False, default=0),
    Column("snapshot", Text),  # the event as JSON at the last human action
    Column("updated_at", String(40), nullable=False),
)

anchors = Table(
    "anchors",  # the story sentences whose reports make up a curated event
    metadata,
    Column("story_id", String(512), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, primary_key=True),
    Column("event_id", String(40), nullable=False, index=True),
)

overrides = Table(
    "overrides",  # a person's value of one field of a curated event
    metadata,
    Column("event_id", String(40), primary_key=True),
    Column("field", String(40), primary_key=True),
    Column("value", Text),  # JSON
    Column("machine", Text),  # JSON: the pipeline's value when last computed
    Column("user_name", String(100), nullable=False),
    Column("at", String(40), nullable=False),
)

#: Event columns that hold v1 record fields (everything but bookkeeping).
EVENT_COLUMNS = [
    c.name
    for c in events.columns
    if c.name
    not in (
        "mention_count",
        "pipeline_version",
        "created_at",
        "updated_at",
        "reviewed",
        "review_status",
        "review_score",
        "review_reasons",
    )
]
