"""The one ingest policy (sitreps.ingest): skip unchanged stories unread, revise on a new
pipeline version, never let records sharing an id overwrite each other."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner

import sitreps.version
from sitreps.cli import main
from sitreps.config import Settings
from sitreps.ingest import ingest
from sitreps.model import Document, Event, Reject, Story
from sitreps.pipeline import Pipeline, Result
from sitreps.read import iter_stories
from sitreps.store import Store
from sitreps.version import files_digest, pipeline_version


class CountingPipeline(Pipeline):
    """The real pipeline, counting the documents it analyses (NLP and extraction)."""

    analysed: list[str]

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        self.analysed = []

    def analyse(self, documents: Sequence[Document]) -> Iterator[Result | Reject]:
        self.analysed.extend(d.story_id for d in documents)
        return super().analyse(documents)


def samples(settings: Settings, samples_dir: Path) -> list[Story | Reject]:
    return list(iter_stories([str(samples_dir)], settings=settings))


@pytest.fixture(scope="module")
def shared_pipeline() -> Iterator[CountingPipeline]:
    # One model load for the module; each test clears the count.
    from sitreps.config import load_settings

    yield CountingPipeline(load_settings(env={}))


def test_reingesting_unchanged_stories_runs_no_extraction(
    db_url: str, settings: Settings, samples_dir: Path, shared_pipeline: CountingPipeline
) -> None:
    shared_pipeline.analysed.clear()
    with Store.open(db_url, settings) as store:
        first = ingest(samples(settings, samples_dir), store, shared_pipeline)
        n = first.stored
        assert n >= 10 and first.events >= 10 and not first.rejects
        assert len(shared_pipeline.analysed) == n
        before = [e.to_dict() for e in store.events()]

        shared_pipeline.analysed.clear()
        again = ingest(samples(settings, samples_dir), store, shared_pipeline)
        assert shared_pipeline.analysed == []
        assert (again.stored, again.skipped, again.events) == (0, n, 0)
        assert [e.to_dict() for e in store.events()] == before


def test_the_same_text_arriving_differently_is_skipped_before_analysis(
    db_url: str, settings: Settings, shared_pipeline: CountingPipeline
) -> None:
    text = "Soldiers clashed with rebels near Beni on Sunday, the army said.\n"
    with Store.open(db_url, settings) as store:
        ingest([Story("beni", text, published="2024-03-04")], store, shared_pipeline)
        shared_pipeline.analysed.clear()
        # Other bytes (trailing blank lines), the same cleaned text and date: no analysis.
        again = ingest(
            [Story("beni", text + "\n\n", published="2024-03-04")], store, shared_pipeline
        )
        assert shared_pipeline.analysed == [] and again.skipped == 1
        # Another publication date changes the event dates: analysed again.
        moved = ingest([Story("beni", text, published="2024-05-06")], store, shared_pipeline)
        assert shared_pipeline.analysed == ["beni"] and moved.stored == 1


class ShiftedExtractor:
    """The real extractor with one changed rule: every note gains a word."""

    def __init__(self, real: object) -> None:
        self.real = real

    def __call__(self, *args: object) -> list[Event]:
        events: list[Event] = self.real(*args)  # type: ignore[operator]
        for ev in events:
            ev.notes = f"{ev.notes or ''} (rule v2)"
        return events


def test_a_changed_rule_revises_the_samples_on_reingest(
    tmp_path: Path, settings: Settings, samples_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "events.db")
    with Store.open(db, settings) as store:
        old_version = store.version
        ingest(samples(settings, samples_dir), store)
        old = {e.event_id: e.notes for e in store.events()}
    assert old

    # A cue changed: the rule files hash differently, so the version differs...
    monkeypatch.setattr(sitreps.version, "_package_digest", lambda: "one cue changed")
    assert pipeline_version(settings) != old_version
    # ...and the changed rule finds other death tolls.
    pipeline = CountingPipeline(settings)
    pipeline._extractor = ShiftedExtractor(pipeline.extractor)  # type: ignore[assignment]
    with Store.open(db, settings) as store:
        new_version = store.version
        report = ingest(samples(settings, samples_dir), store, pipeline)
        assert report.skipped == 0 and len(pipeline.analysed) == report.stored >= 10
        revised = {e.event_id: e for e in store.events()}
        assert set(revised) == set(old)
        for event_id, notes in old.items():
            assert revised[event_id].notes == f"{notes or ''} (rule v2)"
            last = store.revisions(event_id)[-1]
            assert last["action"] == "updated"
            assert last["pipeline_version"] == new_version != old_version
            assert last["changes"]["notes"] == [notes, f"{notes or ''} (rule v2)"]


def test_the_version_hashes_rule_and_model_files(tmp_path: Path, settings: Settings) -> None:
    rules = tmp_path / "data"
    (rules / "model").mkdir(parents=True)
    (rules / "train").mkdir()
    (rules / "actors.csv").write_text("name,side\nAl Shabaab,rebel\n")
    (rules / "model" / "weights.json").write_text("[0.5]")
    (rules / "train" / "examples.jsonl").write_text("{}\n")
    before = files_digest([rules], skip=("train",))
    (rules / "train" / "examples.jsonl").write_text('{"more": 1}\n')
    assert files_digest([rules], skip=("train",)) == before  # training data: not used at run time
    (rules / "actors.csv").write_text("name,side\nAl Shabaab,rebels\n")  # one cue changed
    assert files_digest([rules], skip=("train",)) != before

    version = pipeline_version(settings)
    assert version.startswith(sitreps.__version__ + "+")
    assert pipeline_version(settings.replace(typing="rules")) != version
    user = tmp_path / "our_actors.csv"
    user.write_text("name,side\nKata'ib Example,rebel\n")
    assert pipeline_version(settings.replace(actor_files=(user,))) != version
    assert pipeline_version(settings.replace(pipeline_version="pinned")) == "pinned"


def test_records_sharing_an_id_are_all_kept_and_counted(
    runner: CliRunner, tmp_path: Path, db_url: str
) -> None:
    texts = [
        "Gunmen killed five villagers in an attack on a market in Djibo on Monday, "
        "a local official said.",
        "Police fired tear gas to disperse protesters in Colombo on Monday, witnesses said.",
    ]
    records = [
        {"id": "GeoVirus-None", "text": texts[0], "published": "2023-06-06"},
        {"id": "GeoVirus-None", "text": texts[1], "published": "2023-06-06"},
        {"id": "GeoVirus-None", "text": texts[0], "published": "2023-06-06"},  # repeated
    ]
    dump = tmp_path / "dump.jsonl"
    dump.write_text("".join(json.dumps(r) + "\n" for r in records))
    args = ["ingest", str(dump), "--input-format", "jsonl", "--db", db_url]
    res = runner.invoke(main, args)
    assert res.exit_code == 0, res.output
    assert "2 stories stored" in res.stderr and "1 rejected" in res.stderr
    assert "[duplicate_id]" in res.stderr
    from sitreps.config import load_settings

    with Store.open(db_url, load_settings(env={})) as store:
        assert store.story_text("GeoVirus-None") is not None
        kept = [store.story_text(s) for s in ("GeoVirus-None",)]
        colombo = [e for e in store.events() if e.location == "Colombo"]
        assert colombo and colombo[0].story_id.startswith("GeoVirus-None#")
        assert kept[0] and "Djibo" in kept[0]
    again = runner.invoke(main, args)
    assert "0 stories stored" in again.stderr and "2 already stored" in again.stderr
