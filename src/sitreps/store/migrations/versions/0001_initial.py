"""Initial schema: stories, events, evidence, sources, rejects, revisions, reports.

Frozen: the tables as they were at this revision, written out here, never read from the
live models in sitreps.store.schema (which later migrations change). Alembic renders these
definitions as CREATE TABLE for SQLite and for PostgreSQL alike.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

#: Tables in the order they are created (events before the tables that refer to it).
TABLES = ("stories", "events", "evidence", "sources", "rejects", "revisions", "reports")


def _stories() -> None:
    op.create_table(
        "stories",
        sa.Column("story_id", sa.String(512), primary_key=True),
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("minhash", sa.Text),
        sa.Column("duplicate_of", sa.String(512)),
        sa.Column("title", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("published", sa.String(40)),
        sa.Column("source", sa.String(200)),
        sa.Column("byline", sa.String(300)),
        sa.Column("site", sa.String(200)),
        sa.Column("language", sa.String(8)),
        sa.Column("captions", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("origin", sa.Text),
        sa.Column("pipeline_version", sa.String(40), nullable=False),
        sa.Column("ingested_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_stories_fingerprint", "stories", ["fingerprint"])


def _events() -> None:
    op.create_table(
        "events",
        sa.Column("event_id", sa.String(40), primary_key=True),
        sa.Column("story_id", sa.String(512), nullable=False),
        sa.Column("event_date", sa.String(10)),
        sa.Column("time_precision", sa.Integer),
        sa.Column("disorder_type", sa.String(40)),
        sa.Column("event_type", sa.String(40)),
        sa.Column("sub_event_type", sa.String(60)),
        sa.Column("plover_event", sa.String(20)),
        sa.Column("plover_mode", sa.String(40)),
        sa.Column("cameo_root", sa.String(4)),
        sa.Column("actor1", sa.String(200)),
        sa.Column("assoc_actor_1", sa.Text),
        sa.Column("inter1", sa.Integer),
        sa.Column("actor2", sa.String(200)),
        sa.Column("assoc_actor_2", sa.Text),
        sa.Column("inter2", sa.Integer),
        sa.Column("interaction", sa.Integer),
        sa.Column("country", sa.String(100)),
        sa.Column("iso3", sa.String(3)),
        sa.Column("admin1", sa.String(200)),
        sa.Column("admin2", sa.String(200)),
        sa.Column("location", sa.String(200)),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("geo_precision", sa.Integer),
        sa.Column("geonames_id", sa.Integer),
        sa.Column("fatalities", sa.Integer),
        sa.Column("size", sa.String(200)),
        sa.Column("source", sa.Text),
        sa.Column("source_url", sa.Text),
        sa.Column("notes", sa.Text),
        sa.Column("confidence", sa.Float),
        sa.Column("field_confidence", sa.Text),
        sa.Column("claimed", sa.Boolean, nullable=False),
        sa.Column("mention_count", sa.Integer, nullable=False),
        sa.Column("pipeline_version", sa.String(40), nullable=False),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    op.create_index("ix_events_story_id", "events", ["story_id"])
    op.create_index("ix_events_event_date", "events", ["event_date"])
    op.create_index("events_country_date", "events", ["country", "event_date"])
    op.create_index("events_iso3_date", "events", ["iso3", "event_date"])
    op.create_index("events_type_date", "events", ["event_type", "event_date"])


def _children() -> None:
    """Create the tables that hang off events: evidence and sources."""
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "event_id",
            sa.String(40),
            sa.ForeignKey("events.event_id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("story_id", sa.String(512), nullable=False),
        sa.Column("field", sa.String(40), nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    op.create_index("ix_evidence_event_id", "evidence", ["event_id"])
    op.create_table(
        "sources",
        sa.Column(
            "event_id",
            sa.String(40),
            sa.ForeignKey("events.event_id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("story_id", sa.String(512), primary_key=True),
        sa.Column("source", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("added_at", sa.String(40), nullable=False),
    )


def _bookkeeping() -> None:
    """Create rejects, revisions and the per-story reports."""
    op.create_table(
        "rejects",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("story_id", sa.String(512), nullable=False),
        sa.Column("origin", sa.Text),
        sa.Column("reason", sa.String(40), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
    )
    op.create_index("ix_rejects_story_id", "rejects", ["story_id"])
    op.create_table(
        "revisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("event_id", sa.String(40), nullable=False),
        sa.Column("story_id", sa.String(512), nullable=False),
        sa.Column("pipeline_version", sa.String(40), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("changes", sa.Text),
        sa.Column("at", sa.String(40), nullable=False),
    )
    op.create_index("ix_revisions_event_id", "revisions", ["event_id"])
    op.create_table(
        "reports",
        sa.Column("event_id", sa.String(40), primary_key=True),
        sa.Column("story_id", sa.String(512), nullable=False),
        sa.Column("event_date", sa.String(10)),
        sa.Column("country", sa.String(100)),
        sa.Column("merged_id", sa.String(40)),
        sa.Column("data", sa.Text, nullable=False),
    )
    op.create_index("ix_reports_story_id", "reports", ["story_id"])
    op.create_index("ix_reports_event_date", "reports", ["event_date"])
    op.create_index("ix_reports_merged_id", "reports", ["merged_id"])


def upgrade() -> None:
    """Create every table of the v1 schema."""
    _stories()
    _events()
    _children()
    _bookkeeping()


def downgrade() -> None:
    """Drop every table."""
    for name in reversed(TABLES):
        op.drop_table(name)
