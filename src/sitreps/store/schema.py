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
    "events",
    "evidence",
    "metadata",
    "rejects",
    "reports",
    "revisions",
    "sources",
    "stories",
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
    Index("events_country_date", "country", "event_date"),
    Index("events_iso3_date", "iso3", "event_date"),
    Index("events_type_date", "event_type", "event_date"),
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
    Column("action", String(20), nullable=False),  # created, updated, removed
    Column("changes", Text),  # JSON {field: [before, after]}
    Column("at", String(40), nullable=False),
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

#: Event columns that hold v1 record fields (everything but bookkeeping).
EVENT_COLUMNS = [
    c.name
    for c in events.columns
    if c.name not in ("mention_count", "pipeline_version", "created_at", "updated_at")
]
