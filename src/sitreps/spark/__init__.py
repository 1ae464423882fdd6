"""Running the sitreps pipeline on Spark: the same stages, one model per executor.

    sitreps spark INPUT OUTPUT [--master local[*]]
    spark-submit --master URL .../sitreps/spark/job.py INPUT OUTPUT   (see docs/spark.md)

Inputs are JSON Lines or Parquet (columns id, text or html, published, url, title) or WARC
files, at local paths or any Hadoop-compatible URI. Output: OUTPUT/events (Parquet, the v1
record), OUTPUT/rejects (Parquet: story_id, reason, message) and OUTPUT/merged (events after
joining duplicate reports across all stories, with the store's merge rules).
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from sitreps.config import Settings
from sitreps.model import EVENT_FIELDS, Event, Reject, Story

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["EVENT_SCHEMA_DDL", "run_job", "stories_from_rows"]

#: The v1 record as Spark DDL: evidence as an array of structs, field_confidence as JSON.
EVENT_SCHEMA_DDL = (
    ", ".join(
        {
            "time_precision": "time_precision INT",
            "inter1": "inter1 INT",
            "inter2": "inter2 INT",
            "interaction": "interaction INT",
            "latitude": "latitude DOUBLE",
            "longitude": "longitude DOUBLE",
            "geo_precision": "geo_precision INT",
            "geonames_id": "geonames_id BIGINT",
            "fatalities": "fatalities INT",
            "confidence": "confidence DOUBLE",
            "evidence": "evidence ARRAY<STRUCT<field: STRING, text: STRING, "
            "start: INT, `end`: INT>>",
        }.get(name, f"{name} STRING")
        for name in EVENT_FIELDS
    )
    + ", field_confidence STRING, claimed BOOLEAN"
)
REJECT_SCHEMA_DDL = "story_id STRING, reason STRING, message STRING"

# One pipeline per Python worker process, built on first use (the model and gazetteer load
# once per executor process, not once per task or row).
_PIPELINES: dict[Settings, Any] = {}


def _pipeline(settings: Settings) -> Any:
    if settings not in _PIPELINES:
        from sitreps.pipeline import Pipeline

        _PIPELINES[settings] = Pipeline(settings)
    return _PIPELINES[settings]


def stories_from_rows(rows: Iterable[Any], settings: Settings) -> Iterator[Story | Reject]:
    """Return Stories from Spark rows: JSON Lines text rows, or id/text/html/... columns.

    JSON records go through the CLI's own reader (sitreps.read.story_from_record), so both
    take the same field names; a record needs an id here (Spark keeps no line numbers).
    """
    from sitreps.read import story_from_record

    for row in rows:
        data = row.asDict() if hasattr(row, "asDict") else dict(row)
        if set(data) == {"value"}:  # a line of a JSON Lines file
            line = data["value"] or ""
            if not line.strip():
                continue
            try:
                data = json.loads(line)
                if not isinstance(data, dict):
                    raise ValueError("not a JSON object")
            except ValueError as exc:
                yield Reject("?", "bad_json", f"a line is not a JSON object ({exc})", "?")
                continue
        out = story_from_record(data, "", settings)
        if not out.story_id:
            yield Reject("?", "empty", "the record has no id", "?")
            continue
        if isinstance(out, Story):
            out = dataclasses.replace(out, origin=out.story_id)
        yield out


def _event_row(ev: Event) -> tuple[Any, ...]:
    d = ev.to_dict()
    values = [d[name] for name in EVENT_FIELDS]
    values[EVENT_FIELDS.index("evidence")] = [
        (e["field"], e["text"], e["start"], e["end"]) for e in d["evidence"]
    ]
    return (*values, json.dumps(d["field_confidence"]), d["claimed"])


def process_partition(rows: Iterable[Any], settings: Settings) -> Iterator[tuple[str, Any]]:
    """Return ("event", row) and ("reject", row) pairs for the stories of one partition."""
    pipeline = _pipeline(settings)
    for out in pipeline.process(stories_from_rows(rows, settings)):
        if isinstance(out, Reject):
            yield "reject", (out.story_id, out.reason, out.message)
        else:
            for ev in out.events:
                yield "event", _event_row(ev)


def _read_input(spark: SparkSession, path: str, fmt: str) -> DataFrame:
    if fmt == "auto":
        fmt = (
            "parquet"
            if path.rstrip("/").endswith(".parquet")
            else ("warc" if ".warc" in path else "jsonl")
        )
    if fmt == "parquet":
        return spark.read.parquet(path)
    if fmt == "warc":
        from sitreps.spark.warc import read_warc

        return read_warc(spark, path)
    return spark.read.text(path)  # parsed per line by stories_from_rows, as the CLI does


def _merge_partition(rows: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
    from sitreps.store.merge import merge_events

    events = []
    for row in rows:
        data = row.asDict(recursive=True)
        data["field_confidence"] = json.loads(data.get("field_confidence") or "{}")
        events.append(Event.from_dict(data))
    for merged in merge_events(events):
        yield (*_event_row(merged.event), merged.mention_count, ",".join(merged.story_ids))


def run_job(
    spark: SparkSession,
    input_path: str,
    output: str,
    settings: Settings,
    *,
    input_format: str = "auto",
    partitions: int | None = None,
) -> dict[str, int]:
    """Run the pipeline over the input, write events/rejects/merged; return counts."""
    stories = _read_input(spark, input_path, input_format)
    if partitions:
        stories = stories.repartition(partitions)
    results = stories.rdd.mapPartitions(lambda rows: process_partition(rows, settings)).cache()
    events = spark.createDataFrame(
        results.filter(lambda r: r[0] == "event").map(lambda r: r[1]), EVENT_SCHEMA_DDL
    )
    rejects = spark.createDataFrame(
        results.filter(lambda r: r[0] == "reject").map(lambda r: r[1]), REJECT_SCHEMA_DDL
    )
    events.write.mode("overwrite").parquet(f"{output}/events")
    rejects.write.mode("overwrite").parquet(f"{output}/rejects")
    # Merge step: reports of one event share a country, so each country's events are merged
    # together with the store's rules (exact, but one partition per country: bucketing by
    # country and month would bound partition size at the cost of month-edge merges).
    stored = spark.read.parquet(f"{output}/events")
    merged_rows = stored.repartition("country").rdd.mapPartitions(_merge_partition)
    merged = spark.createDataFrame(
        merged_rows, EVENT_SCHEMA_DDL + ", mention_count INT, story_ids STRING"
    )
    merged.write.mode("overwrite").parquet(f"{output}/merged")
    counts = {
        "events": stored.count(),
        "rejects": spark.read.parquet(f"{output}/rejects").count(),
        "merged": spark.read.parquet(f"{output}/merged").count(),
    }
    results.unpersist()
    return counts
