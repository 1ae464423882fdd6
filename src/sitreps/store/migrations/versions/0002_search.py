"""Full-text search over notes and evidence: FTS5 on SQLite, a tsvector index on PostgreSQL;
a PostGIS point column when the extension is available.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    """Create the search index (and the geometry column where PostGIS exists)."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE IF NOT EXISTS events_fts USING fts5("
            "event_id UNINDEXED, notes, evidence, tokenize='unicode61')"
        )
        return
    if bind.dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX IF NOT EXISTS events_notes_fts ON events "
            "USING gin (to_tsvector('english', coalesce(notes, '')))"
        )
        has_postgis = bind.exec_driver_sql(
            "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'"
        ).scalar()
        if has_postgis:
            op.execute("CREATE EXTENSION IF NOT EXISTS postgis")
            op.execute("ALTER TABLE events ADD COLUMN IF NOT EXISTS geom geometry(Point, 4326)")
            op.execute("CREATE INDEX IF NOT EXISTS events_geom ON events USING gist (geom)")


def downgrade() -> None:
    """Drop the search index."""
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS events_fts")
    elif bind.dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS events_notes_fts")
