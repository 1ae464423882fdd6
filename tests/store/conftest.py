"""Store fixtures: every store test runs on SQLite and, when a server is given, PostgreSQL."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitreps.config import Settings, load_settings

PG_URL = os.environ.get("SITREPS_TEST_PG_URL")
PG_NOTE = (
    "PostgreSQL tests skipped: set SITREPS_TEST_PG_URL (scripts/start_test_postgres.sh "
    "starts a server on 127.0.0.1 and prints it)"
)


def _fresh_pg_database() -> tuple[str, str]:
    import sqlalchemy as sa

    assert PG_URL is not None
    name = f"sitreps_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    admin.dispose()
    return PG_URL.rsplit("/", 1)[0] + "/" + name, name


def _drop_pg_database(name: str) -> None:
    import sqlalchemy as sa

    assert PG_URL is not None
    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty database: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        yield str(tmp_path / "events.db")
        return
    if not PG_URL:
        pytest.skip(PG_NOTE)
    url, name = _fresh_pg_database()
    try:
        yield url
    finally:
        _drop_pg_database(name)


@pytest.fixture
def settings() -> Settings:
    return load_settings(env={})
