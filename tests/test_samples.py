"""The bundled sample stories (what `make demo` runs) come out as their answer key says."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sitreps.config import load_settings
from sitreps.model import Story
from sitreps.pipeline import Pipeline, Result

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
KEY: dict[str, dict[str, Any]] = json.loads((SAMPLES / "expected.json").read_text("utf-8"))


@pytest.fixture(scope="module")
def coded() -> dict[str, Result]:
    paths = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html"))
    stories = [
        Story(p.name, p.read_text(encoding="utf-8"), kind="html" if p.suffix == ".html" else "text")
        for p in paths
    ]
    out = {}
    for result in Pipeline(load_settings(env={})).process(stories):
        assert isinstance(result, Result)
        out[result.document.story_id] = result
    return out


@pytest.mark.parametrize("name", sorted(KEY))
def test_sample_event_type_date_place_and_deaths(coded: dict[str, Result], name: str) -> None:
    want, events = KEY[name], coded[name].events
    if want["no_event"]:
        assert not events
        return
    match = [e for e in events if e.sub_event_type == want["sub_event_type"]]
    assert match, [e.sub_event_type for e in events]
    ev = match[0]
    assert (ev.event_date, ev.fatalities) == (want["event_date"], want["fatalities"])
    assert ev.location in want["location_alt"] and ev.admin1 in want["admin1_alt"]
    assert ev.country == want["country"]


@pytest.mark.parametrize("name", [n for n in sorted(KEY) if not KEY[n]["no_event"]])
def test_sample_event_actors(coded: dict[str, Result], name: str) -> None:
    want = KEY[name]
    ev = next(e for e in coded[name].events if e.sub_event_type == want["sub_event_type"])
    actors = f"{ev.actor1} {ev.actor2}".lower()
    assert all(a.lower() in actors for a in want["actors_contains"]), actors
