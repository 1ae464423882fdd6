"""Shared test fixtures: our own sample stories, a CLI runner, and fresh databases.

Every test taking `db_url` runs on SQLite and, when a server is given, PostgreSQL.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitreps.cli import main
from sitreps.config import Settings, load_settings

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
FIXTURES = ROOT / "tests" / "fixtures" / "stories"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    return SAMPLES


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> str:
    db = str(tmp_path_factory.mktemp("api") / "demo.db")
    # A story whose text tries to run script: the map must show it as text.
    hostile = tmp_path_factory.mktemp("hostile") / "hostile.txt"
    hostile.write_text(
        "Gunmen attack market in Djibo <script>window.__pwned = 1</script>\n\n"
        "Monday 4 September 2023 10:00 GMT\n\n"
        'Gunmen killed four traders at a market in Djibo on Sunday <img src=x onerror="window.'
        '__pwned = 2">, a local official said on Monday.\n',
        encoding="utf-8",
    )
    res = CliRunner().invoke(main, ["ingest", str(samples_dir), str(hostile), "--db", db])
    assert res.exit_code == 0, res.output
    return db


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


@pytest.fixture
def new_pg_database() -> Iterator[Callable[[], str]]:
    """A maker of fresh, empty PostgreSQL databases (dropped after the test)."""
    if not PG_URL:
        pytest.skip(PG_NOTE)
    made: list[str] = []

    def make() -> str:
        url, name = _fresh_pg_database()
        made.append(name)
        return url

    yield make
    for name in made:
        _drop_pg_database(name)
