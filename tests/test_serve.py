"""`sitreps serve` as an operator meets it: no password on the screen, no token in `ps`."""

from __future__ import annotations

from typing import Any

import pytest
from click.testing import CliRunner

from sitreps.cli import main

PASSWORD = "hunter2-not-for-logs"


def test_startup_line_masks_the_database_password(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    import sitreps.api

    seen: dict[str, Any] = {}
    monkeypatch.setattr(sitreps.api, "create_app", lambda db, s, bound_host=None: object())
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: seen.update(kw))
    url = f"postgresql://sitreps:{PASSWORD}@db.internal:5432/events"
    res = runner.invoke(main, ["serve", "--db", url])
    assert res.exit_code == 0, res.output
    assert PASSWORD not in res.output
    assert "postgresql://sitreps:***@db.internal:5432/events" in res.stderr
    assert seen["host"] == "127.0.0.1"


def test_a_database_that_cannot_be_opened_is_one_line_without_the_password(
    runner: CliRunner,
) -> None:
    # Nothing listens on port 9 of this machine: the connection is refused at once.
    url = f"postgresql://sitreps:{PASSWORD}@127.0.0.1:9/events"
    res = runner.invoke(main, ["serve", "--db", url])
    assert res.exit_code == 1
    assert PASSWORD not in res.output
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("sitreps: cannot open database")
    assert "sitreps:***@127.0.0.1:9" in lines[0]


def test_serve_help_recommends_the_token_variable(runner: CliRunner) -> None:
    res = runner.invoke(main, ["serve", "--help"])
    assert "SITREPS_API_TOKEN" in res.stdout and "ps" in res.stdout
