"""Exports: ACLED column order, GeoJSON geometry, Parquet round trip, JSON Lines."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq

from sitreps.export import ACLED_COLUMNS, write_events
from sitreps.model import Event, Evidence


def sample_events() -> list[Event]:
    placed = Event(
        event_id="evt_1",
        story_id="s",
        event_date="2021-07-07",
        time_precision=1,
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Taliban",
        inter1=2,
        actor2="Military Forces of Afghanistan (2004-2021)",
        inter2=1,
        interaction=12,
        country="Afghanistan",
        iso3="AFG",
        location="Qala i Naw",
        latitude=34.98735,
        longitude=63.12891,
        geo_precision=1,
        fatalities=0,
        notes="A note, with a comma.",
        evidence=[Evidence("location", "Qala-e-Naw", 10, 20)],
        confidence=0.8,
    )
    unplaced = Event(event_id="evt_2", story_id="s", plover_event="CONSULT", cameo_root="04")
    return [placed, unplaced]


def test_csv_has_acled_columns_first_then_ours() -> None:
    out = io.StringIO()
    write_events(sample_events(), "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    header = out.getvalue().splitlines()[0].split(",")
    assert header[: len(ACLED_COLUMNS)] == list(ACLED_COLUMNS)
    assert rows[0]["iso"] == "4" and rows[0]["year"] == "2021"
    assert rows[0]["notes"] == "A note, with a comma."
    assert json.loads(rows[0]["evidence"])[0]["text"] == "Qala-e-Naw"


def test_geojson_points_and_null_geometry() -> None:
    out = io.StringIO()
    write_events(sample_events(), "geojson", out)
    fc = json.loads(out.getvalue())
    assert fc["features"][0]["geometry"]["coordinates"] == [63.12891, 34.98735]
    assert fc["features"][1]["geometry"] is None


def test_parquet_round_trip_keeps_the_v1_schema() -> None:
    buf = io.BytesIO()
    write_events(sample_events(), "parquet", buf)
    table = pq.read_table(io.BytesIO(buf.getvalue()))
    rows = table.to_pylist()
    assert rows[0]["sub_event_type"] == "Armed clash"
    assert rows[0]["evidence"][0]["text"] == "Qala-e-Naw"
    assert rows[1]["latitude"] is None


def test_jsonl_is_one_record_per_line() -> None:
    out = io.StringIO()
    write_events(sample_events(), "jsonl", out)
    lines = out.getvalue().splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == ["evt_1", "evt_2"]


def test_civilian_targeting_marks_violence_against_civilians_only() -> None:
    def row(event_type: str, sub: str) -> dict[str, str]:
        ev = Event(
            event_id=f"evt_{sub}",
            story_id="s",
            event_type=event_type,
            sub_event_type=sub,
            actor1="Taliban",
            inter1=2,
            actor2="Civilians (Afghanistan)",
            inter2=7,
        )
        out = io.StringIO()
        write_events([ev], "csv", out)
        return next(csv.DictReader(io.StringIO(out.getvalue())))

    assert row("Violence against civilians", "Attack")["civilian_targeting"] == "Civilian targeting"
    # a prison break or a looting by a party hits civilians but targets no one
    assert row("Strategic developments", "Other")["civilian_targeting"] == ""
