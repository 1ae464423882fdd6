"""Initial schema: stories, events, evidence, sources, rejects, revisions.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from alembic import op

from sitreps.store.schema import metadata

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create every table of the v1 schema."""
    metadata.create_all(bind=op.get_bind())


def downgrade() -> None:
    """Drop every table."""
    metadata.drop_all(bind=op.get_bind())
