"""The NLP stage parses only the sentences that may report an event, and that costs nothing
a user would see: the events of our sample stories are the same as with a full parse."""

from __future__ import annotations

from pathlib import Path

from sitreps.config import load_settings
from sitreps.model import Story
from sitreps.pipeline import Pipeline, Result

TEXT = (
    "The finance ministry published its annual budget on Monday.\n\n"
    "Gunmen attacked a police post near Kano on Sunday, killing two officers, police said.\n\n"
    "The budget raises spending on\n"
    "schools and roads, in a line broken mid-sentence."
)


def test_event_sentences_are_parsed_and_others_keep_their_bounds() -> None:
    doc = next(Pipeline(load_settings(env={}))._parse([TEXT]))
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "The finance ministry published its annual budget on Monday."
    event = next(s for s in doc.sents if "Gunmen" in s.text)
    attacked = next(t for t in event if t.text == "attacked")
    assert attacked.tag_ == "VBD" and attacked.head.text in ("attacked", "said")
    assert any(c.dep_ == "nsubj" and c.text == "Gunmen" for c in attacked.children)
    assert all(t.tag_ == "" for t in next(iter(doc.sents)))  # no event: no tagger, no parser
    # a line that opens in lower case continues the sentence before it
    assert any(s.text.startswith("The budget raises") and "roads" in s.text for s in doc.sents)
    assert {e.text for e in doc.ents} >= {"Kano", "Sunday"}


def _events(scope: str, samples: list[Path]) -> list[tuple[object, ...]]:
    pipeline = Pipeline(load_settings(env={}).replace(parse_scope=scope))
    stories = [Story(p.name, p.read_text(encoding="utf-8")) for p in samples]
    out = []
    for result in pipeline.process(stories):
        assert isinstance(result, Result)
        for e in result.events:
            out.append(
                (result.document.story_id, e.event_date, e.sub_event_type, e.location, e.actor1)
            )
    return out


def test_selective_parsing_codes_the_samples_as_a_full_parse_does(samples_dir: Path) -> None:
    samples = sorted(samples_dir.glob("0*.txt")) + sorted(samples_dir.glob("1*.txt"))
    full = _events("all", samples)
    assert full  # the samples report events
    assert _events("events", samples) == full
