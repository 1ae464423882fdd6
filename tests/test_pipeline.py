"""The pipeline carries on past a story that fails, and keeps input order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sitreps.config import load_settings
from sitreps.model import Reject, Story
from sitreps.pipeline import Pipeline, Result


class ExplodingOn:
    """An extractor that fails on one story: stands in for a bug hit by odd input."""

    def __init__(self, inner: Any, story_id: str) -> None:
        self.inner = inner
        self.story_id = story_id

    def __call__(self, document: Any, sdoc: Any, places: Any) -> Any:
        if document.story_id == self.story_id:
            raise RuntimeError("boom")
        return self.inner(document, sdoc, places)


def test_a_failing_story_is_rejected_and_the_batch_goes_on(samples_dir: Path) -> None:
    settings = load_settings(env={})
    base = Pipeline(settings)
    text = (samples_dir / "01_badghis_style.txt").read_text(encoding="utf-8")
    exploding = ExplodingOn(base.extractor, "b")
    pipeline = Pipeline(settings, geocoder=base.geocoder, extractor=exploding)  # type: ignore[arg-type]
    stories = [
        Story("a", text),
        Story("b", text),
        Story("c", ""),
        Story("d", text),
    ]
    out = list(pipeline.process(stories))
    ids = [o.document.story_id if isinstance(o, Result) else o.story_id for o in out]
    assert ids == list("abcd")
    assert isinstance(out[0], Result) and out[0].events
    assert isinstance(out[1], Reject) and out[1].reason == "internal"
    assert isinstance(out[2], Reject) and out[2].reason == "empty"
    assert isinstance(out[3], Result) and out[3].events
