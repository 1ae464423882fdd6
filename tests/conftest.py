"""Shared test fixtures: paths to our own sample stories and a CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from sitreps.cli import main

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
