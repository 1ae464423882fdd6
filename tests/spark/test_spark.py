"""Spark on local[2] gives the same events as `sitreps extract` on the same stories."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from sitreps.config import load_settings
from sitreps.model import Event
from sitreps.pipeline import Pipeline, Result
from sitreps.read import iter_stories

pytestmark = pytest.mark.spark
pytest.importorskip("pyspark", reason="Spark tests skipped: pip install 'sitreps[spark]'")
if shutil.which("java") is None:
    pytest.skip("Spark tests skipped: no Java on PATH", allow_module_level=True)

FIELDS = (
    "story_id",
    "event_date",
    "sub_event_type",
    "plover_event",
    "location",
    "country",
    "actor1",
    "actor2",
    "fatalities",
    "geonames_id",
)


def key(e: dict) -> tuple:
    return tuple(str(e[f]) for f in FIELDS)


def test_spark_matches_extract(tmp_path: Path, samples_dir: Path) -> None:
    import pyarrow.parquet as pq

    from sitreps.spark.job import run

    settings = load_settings(env={})
    dump = tmp_path / "stories.jsonl"
    with open(dump, "w", encoding="utf-8") as fh:
        for path in sorted(samples_dir.glob("*.*")):
            if path.suffix not in (".txt", ".html"):
                continue
            body = path.read_text(encoding="utf-8")
            field = "html" if path.suffix == ".html" else "text"
            fh.write(json.dumps({"id": path.name, field: body}) + "\n")
        fh.write(json.dumps({"id": "empty-one", "text": ""}) + "\n")

    counts = run(str(dump), str(tmp_path / "out"), settings, master="local[2]", partitions=2)

    expected: list[Event] = []
    for out in Pipeline(settings).process(
        iter_stories([str(dump)], settings=settings, input_format="jsonl")
    ):
        if isinstance(out, Result):
            expected.extend(out.events)
    got = pq.read_table(tmp_path / "out" / "events").to_pylist()
    assert sorted(key(e) for e in got) == sorted(key(e.to_dict()) for e in expected)
    assert counts["events"] == len(expected) > 0
    rejects = pq.read_table(tmp_path / "out" / "rejects").to_pylist()
    assert [r["story_id"] for r in rejects] == ["empty-one"]
    merged = pq.read_table(tmp_path / "out" / "merged").to_pylist()
    assert 0 < len(merged) <= len(expected)


def test_spark_reads_records_as_the_cli_does() -> None:
    from sitreps.model import Reject, Story
    from sitreps.spark import stories_from_rows

    rows = [
        {
            "value": json.dumps(
                {"story_id": "a", "maintext": "Rebels attacked.", "date": "2024-01-02"}
            )
        },
        {"value": "{not json"},
        {"value": ""},
        {"id": "b", "text": "Troops clashed.", "html": None, "published": None},
        {"value": json.dumps({"text": "No id here."})},
    ]
    out = list(stories_from_rows(rows, load_settings(env={})))
    assert [type(o) for o in out] == [Story, Reject, Story, Reject]
    first = out[0]
    assert isinstance(first, Story) and (first.story_id, first.published) == ("a", "2024-01-02")
    assert [o.reason for o in out if isinstance(o, Reject)] == ["bad_json", "empty"]
