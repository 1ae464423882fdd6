"""Explanations: every sentence says what fired and what was decided, or why no event."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from click.testing import CliRunner

import sitreps
from sitreps.cli import main
from sitreps.extract.trace import SentenceTrace

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "000_abf574ae0a169ab9.txt"


def test_every_sentence_has_a_trace_and_every_drop_a_reason() -> None:
    text = (
        "Gunmen killed four traders at a market in Djibo on Sunday, a local official said. "
        "The army will deploy more troops to the region. "
        "I met the mayor last year. "
        "The weather was fine."
    )
    traces = sitreps.explain(text, published="2023-09-04")
    assert [t.index for t in traces] == [0, 1, 2, 3]
    first, plan, own, weather = traces
    assert first.gives_event and first.label == "Attack"
    assert "kill" in first.cues and first.rule is not None and first.decision
    assert {f.name for f in first.fields} >= {"event_date", "location", "actor1", "actor2"}
    assert any(f.name == "actor1" and f.chosen for f in first.fields)
    for dropped in (plan, own, weather):
        assert not dropped.gives_event and dropped.dropped, dropped
    assert "no event cue" in (weather.dropped or "")


def test_the_trace_is_logged_at_verbose(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="sitreps.explain"):
        sitreps.extract("The weather in Djibo was fine on Sunday.", published="2023-09-04")
    assert any("no event:" in r.getMessage() for r in caplog.records)


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not here")
def test_the_seed_story_is_explained_sentence_by_sentence() -> None:
    raw = SEED.read_text(encoding="utf-8")
    traces = sitreps.explain(raw, published="2021-07-07")
    read = [t for t in traces if t.index >= 0]
    assert len(read) >= 10 and [t.index for t in read] == list(range(len(read)))
    assert all(t.gives_event or t.dropped for t in traces)  # an event or a stated reason
    assert sum(t.gives_event for t in read) >= 4

    def about(words: str) -> list[SentenceTrace]:
        return [t for t in traces if words in t.text.lower()]

    donation, caption = about("donation"), about("stand guard")
    assert donation and caption
    for t in donation + caption:
        assert not t.gives_event and t.dropped and "cleaning" in t.dropped


@pytest.mark.skipif(not SEED.exists(), reason="../shared/seed is not here")
def test_the_explain_command_prints_the_seed_trace() -> None:
    res = CliRunner().invoke(main, ["explain", str(SEED), "--published", "2021-07-07"])
    assert res.exit_code == 0, res.output
    assert "cues:" in res.output and "decided by:" in res.output
    assert "event: Armed clash" in res.output
    assert "no event: removed by cleaning: caption" in res.output
    assert "no event: removed by cleaning: boilerplate" in res.output
