"""The REST API against a real database of our sample stories."""

from __future__ import annotations

import io

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from sitreps.api import create_app
from sitreps.config import load_settings


@pytest.fixture(scope="module")
def client(demo_db: str) -> TestClient:
    settings = load_settings(env={}).replace(api_token="s3cret")
    return TestClient(create_app(demo_db, settings), base_url="http://127.0.0.1")


def test_list_filter_and_paginate(client: TestClient) -> None:
    everything = client.get("/events", params={"limit": 1000}).json()
    assert everything["count"] >= 10
    battles = client.get("/events", params={"event_type": "Battles"}).json()["events"]
    assert battles and all(e["event_type"] == "Battles" for e in battles)
    nigeria = client.get("/events", params={"country": "NGA"}).json()["events"]
    assert nigeria and all(e["country"] == "Nigeria" for e in nigeria)
    seen, cursor = [], None
    while True:
        params = {"limit": 3, "sort": "event_date"}
        if cursor:
            params["cursor"] = cursor
        page = client.get("/events", params=params).json()
        seen.extend(e["event_id"] for e in page["events"])
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(seen) == sorted(e["event_id"] for e in everything["events"])
    assert len(seen) == len(set(seen))


def test_full_text_bbox_and_confidence(client: TestClient) -> None:
    hits = client.get("/events", params={"q": "Djibo"}).json()["events"]
    assert hits and all("Djibo" in (e["notes"] or "") or e["location"] == "Djibo" for e in hits)
    box = client.get("/events", params={"bbox": "60,30,70,40"}).json()["events"]
    assert box and all(60 <= e["longitude"] <= 70 for e in box)
    sure = client.get("/events", params={"min_confidence": 0.8}).json()["events"]
    assert sure and all(e["confidence"] >= 0.8 for e in sure)


def test_event_detail_has_evidence_and_sources(client: TestClient) -> None:
    first = client.get("/events", params={"event_type": "Battles"}).json()["events"][0]
    detail = client.get(f"/events/{first['event_id']}").json()
    assert detail["evidence"] and detail["sources"]
    text = client.get(f"/stories/{detail['story_id']}/text").json()["text"]
    for ev in detail["evidence"]:
        assert text[ev["start"] : ev["end"]] == ev["text"]
    assert client.get("/events/evt_nope").status_code == 404


def test_geojson_stats_and_exports(client: TestClient) -> None:
    fc = client.get("/events.geojson").json()
    assert fc["type"] == "FeatureCollection" and fc["features"]
    stats = client.get("/stats").json()
    everything = client.get("/events", params={"limit": 1000}).json()["events"]
    assert stats["total"] == len(everything) >= 10
    assert stats["total"] == sum(stats["by_type"].values())
    dated = [e for e in everything if e["event_date"]]
    assert sum(d["count"] for d in stats["by_day"]) == len(dated) > 0
    assert "Battles" in stats["by_type"]
    csv = client.get("/export", params={"format": "csv"}).text
    assert csv.startswith("event_id_cnty,event_date")
    table = pq.read_table(io.BytesIO(client.get("/export", params={"format": "parquet"}).content))
    assert table.num_rows >= 10


def test_bad_inputs_are_rejected_not_crashed(client: TestClient) -> None:
    for params in (
        {"start": "yesterday"},
        {"limit": 100000},
        {"bbox": "1,2,3"},
        {"sort": "drop table"},
        {"cursor": "!!!"},
        {"min_confidence": 2},
    ):
        assert client.get("/events", params=params).status_code == 422, params


def test_ingest_needs_the_token(client: TestClient) -> None:
    story = {
        "id": "api-1",
        "published": "2024-03-04",
        "text": "Soldiers clashed with rebels near Beni on Sunday, the army said.",
    }
    assert client.post("/stories", json=story).status_code == 401
    res = client.post("/stories", json=story, headers={"Authorization": "Bearer s3cret"})
    assert res.status_code == 200 and res.json()["stored"] and res.json()["events"]
    again = client.post("/stories", json=story, headers={"Authorization": "Bearer s3cret"})
    assert again.json()["events"] == res.json()["events"]


def test_openapi_and_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "/events" in spec["paths"] and "/stories" in spec["paths"]
    assert client.get("/docs").status_code == 200
