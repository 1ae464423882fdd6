"""A hash of each story as it arrived, so re-ingesting an unchanged story skips it unread.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Add stories.content_hash (empty for stories stored before: they are analysed again)."""
    op.add_column("stories", sa.Column("content_hash", sa.String(64)))


def downgrade() -> None:
    """Drop stories.content_hash."""
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("content_hash")
