"""Corrections and review: users, the audit log, curated events with their anchors and
overrides, who made a revision and why, and the review columns of events.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create users, audit, curated, anchors, overrides; add review and revision columns."""
    op.create_table(
        "users",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("created_by", sa.String(100)),
    )
    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("route", sa.String(200), nullable=False),
        sa.Column("target", sa.Text),
        sa.Column("detail", sa.Text),
    )
    op.create_table(
        "curated",
        sa.Column("event_id", sa.String(40), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("merged_into", sa.String(40)),
        sa.Column("revision", sa.Integer, nullable=False),
        sa.Column("snapshot", sa.Text),
        sa.Column("updated_at", sa.String(40), nullable=False),
    )
    op.create_table(
        "anchors",
        sa.Column("story_id", sa.String(512), primary_key=True),
        sa.Column("start", sa.Integer, primary_key=True),
        sa.Column("end", sa.Integer, primary_key=True),
        sa.Column("event_id", sa.String(40), nullable=False),
    )
    op.create_index("ix_anchors_event_id", "anchors", ["event_id"])
    op.create_table(
        "overrides",
        sa.Column("event_id", sa.String(40), primary_key=True),
        sa.Column("field", sa.String(40), primary_key=True),
        sa.Column("value", sa.Text),
        sa.Column("machine", sa.Text),
        sa.Column("user_name", sa.String(100), nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
    )
    with op.batch_alter_table("events") as batch:
        batch.add_column(
            sa.Column("reviewed", sa.Boolean, nullable=False, server_default=sa.false())
        )
        batch.add_column(sa.Column("review_status", sa.String(20)))
        batch.add_column(sa.Column("review_score", sa.Float))
        batch.add_column(sa.Column("review_reasons", sa.Text))
    op.create_index("ix_events_review_score", "events", ["review_score"])
    with op.batch_alter_table("revisions") as batch:
        batch.add_column(sa.Column("user_name", sa.String(100)))
        batch.add_column(sa.Column("reason", sa.Text))
        batch.add_column(sa.Column("kept", sa.Text))


def downgrade() -> None:
    """Drop what upgrade added."""
    with op.batch_alter_table("revisions") as batch:
        for name in ("kept", "reason", "user_name"):
            batch.drop_column(name)
    op.drop_index("ix_events_review_score", "events")
    with op.batch_alter_table("events") as batch:
        for name in ("review_reasons", "review_score", "review_status", "reviewed"):
            batch.drop_column(name)
    for name in ("overrides", "anchors", "curated", "audit", "users"):
        op.drop_table(name)
