"""The web map in a real headless Chromium: offline tiles, brushing, the table, permalinks,
territorial control, layout at desktop and phone sizes, and no script injection.

Screenshots go to docs/screenshots/ (the README shows them).
"""

from __future__ import annotations

import shutil
import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitreps.cli import main
from sitreps.config import load_settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.browser
if not Path(CHROMIUM).exists():
    pytest.skip(
        "browser tests skipped: no chromium found (apt-get install chromium)",
        allow_module_level=True,
    )
playwright_api = pytest.importorskip("playwright.sync_api")
ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "docs" / "screenshots"
CONTROL_STORIES = ROOT / "tests" / "fixtures" / "control"
DESKTOP = {"width": 1400, "height": 900}
PHONE = {"width": 375, "height": 812}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def map_db(demo_db: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    """The demo database plus our district-control stories (a copy: demo_db is shared)."""
    db = str(tmp_path_factory.mktemp("web") / "map.db")
    src, dst = sqlite3.connect(demo_db), sqlite3.connect(db)
    src.backup(dst)
    src.close()
    dst.close()
    res = CliRunner().invoke(main, ["ingest", str(CONTROL_STORIES), "--db", db])
    assert res.exit_code == 0, res.output
    return db


@pytest.fixture(scope="module")
def server(map_db: str) -> Iterator[str]:
    import uvicorn

    from sitreps.api import create_app

    port = free_port()
    config = uvicorn.Config(
        create_app(map_db, load_settings(env={})), host="127.0.0.1", port=port, log_level="warning"
    )
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with playwright_api.sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


class Page:
    """A browser page on the map that remembers every request it made."""

    def __init__(self, browser: Any, server: str, viewport: dict[str, int], path: str = "/"):
        self.pg = browser.new_page(viewport=viewport)
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.pg.on("request", lambda r: self.requests.append(r.url))
        self.pg.on("pageerror", lambda e: self.errors.append(str(e)))
        self.pg.goto(server + path)
        self.pg.wait_for_selector("body[data-ready='1']")
        self.settle()

    def settle(self) -> None:
        self.pg.wait_for_load_state("networkidle")
        self.pg.wait_for_timeout(300)

    def total(self) -> int:
        return int(self.pg.inner_text("#count").split()[0].replace(",", ""))

    def table_total(self) -> int:
        return int(self.pg.inner_text("#table-count").split()[0].replace(",", ""))

    def close(self) -> None:
        assert self.errors == []
        self.pg.close()


def no_overflow(pg: Any) -> None:
    widths = pg.evaluate(
        "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth,"
        " document.body.scrollWidth, document.body.clientWidth]"
    )
    assert widths[0] == widths[1] and widths[2] == widths[3], widths
    for sel in ("header", "#panel", "footer"):
        box = pg.evaluate(
            f"() => [document.querySelector('{sel}').scrollWidth,"
            f" document.querySelector('{sel}').clientWidth]"
        )
        assert box[0] <= box[1], (sel, box)


def test_tiles_come_from_the_app_and_nothing_leaves_localhost(browser: Any, server: str) -> None:
    page = Page(browser, server, DESKTOP)
    pg = page.pg
    pg.evaluate("() => map.setView([33.9, 67.7], 8)")  # beyond the basemap's zoom 6
    page.settle()
    tiles = [u for u in page.requests if "/tiles/" in u]
    assert tiles, page.requests
    zooms = {int(u.split("/tiles/")[1].split("/")[0]) for u in tiles}
    assert max(zooms) == 6  # over-zoomed, not requested at 8
    assert pg.locator(".leaflet-tile-loaded").count() > 0
    assert "OpenStreetMap" in pg.inner_text(".leaflet-control-attribution")
    assert "ODbL" in pg.inner_text(".leaflet-control-attribution")
    network = [u for u in page.requests if u.split(":")[0] in ("http", "https", "ws", "wss")]
    outside = [u for u in network if not u.startswith(server + "/")]
    assert outside == []
    page.close()


def test_brushing_the_timeline_filters_map_and_table(browser: Any, server: str) -> None:
    page = Page(browser, server, DESKTOP)
    pg = page.pg
    all_events, all_rows = page.total(), page.table_total()
    assert all_events > 10 and all_rows > 0
    box = pg.locator("#timeline").bounding_box()
    # Drag over the first fifth of the axis: the 2021 events.
    y = box["y"] + box["height"] / 3
    pg.mouse.move(box["x"] + 2, y)
    pg.mouse.down()
    pg.mouse.move(box["x"] + box["width"] * 0.2, y, steps=5)
    pg.mouse.up()
    page.settle()
    start, end = pg.input_value("#f-start"), pg.input_value("#f-end")
    assert start and end and start < end
    brushed = page.total()
    assert 0 < brushed < all_events
    assert page.table_total() <= brushed
    dates = pg.locator("#table tbody tr td:first-child").all_inner_texts()
    assert dates and all(start <= d <= end for d in dates)
    assert f"start={start}" in pg.url and f"end={end}" in pg.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / "map-brushed.png"))
    # A click without a drag clears the brush.
    pg.mouse.click(box["x"] + box["width"] / 2, y)
    page.settle()
    assert pg.input_value("#f-start") == "" and page.total() == all_events
    page.close()


def test_table_row_opens_the_marker_and_the_evidence(browser: Any, server: str) -> None:
    page = Page(browser, server, DESKTOP)
    pg = page.pg
    pg.click("#table th[data-sort='fatalities']")  # most deaths first
    page.settle()
    deaths = [int(t) for t in pg.locator("#table tbody td.num").all_inner_texts() if t != "—"]
    assert deaths == sorted(deaths, reverse=True)
    pg.locator("#table tbody tr").first.click()
    page.settle()
    pg.wait_for_selector("#tab-event h2")
    assert "Attack" in pg.inner_text("#tab-event h2")
    pg.wait_for_selector("#tab-event .story mark")
    assert pg.locator("#sources li").count() >= 1
    event_id = pg.evaluate("() => state.event")
    assert f"event={event_id}" in pg.url
    marker = pg.evaluate(
        "(id) => { const m = markers.get(id); return m ? m.options.radius : null }", event_id
    )
    assert marker == 10  # the open event's marker is drawn larger
    page.close()


def test_permalink_restores_filters_view_and_open_event(browser: Any, server: str) -> None:
    page = Page(browser, server, DESKTOP)
    pg = page.pg
    pg.fill("#f-country", "Nigeria")
    page.settle()
    pg.evaluate("() => map.setView([11.5, 10.0], 6)")
    page.settle()
    first = pg.locator("#table tbody tr").first
    first.click()
    pg.wait_for_selector("#tab-event h2")
    page.settle()
    link = pg.url
    heading = pg.inner_text("#tab-event h2")
    view = pg.evaluate("() => [map.getZoom(), map.getCenter().lat, map.getCenter().lng]")
    rows = page.table_total()
    page.close()

    again = Page(browser, server, DESKTOP, link[len(server) :])
    pg2 = again.pg
    pg2.wait_for_selector("#tab-event h2")
    assert pg2.input_value("#f-country") == "Nigeria"
    assert pg2.inner_text("#tab-event h2") == heading
    view2 = pg2.evaluate("() => [map.getZoom(), map.getCenter().lat, map.getCenter().lng]")
    assert view2[0] == view[0]
    assert abs(view2[1] - view[1]) < 0.01 and abs(view2[2] - view[2]) < 0.01
    assert again.table_total() == rows
    assert pg2.evaluate("() => state.event") in link
    again.close()


def test_legend_toggles_hide_a_type_everywhere(browser: Any, server: str) -> None:
    page = Page(browser, server, DESKTOP)
    pg = page.pg
    before = page.total()
    pg.uncheck("#legend input[data-type='Battles']")
    page.settle()
    after = page.total()
    assert after < before
    types = pg.locator("#table tbody td:nth-child(2)").all_inner_texts()
    assert not any("clash" in t.lower() for t in types)
    assert "hide=Battles" in pg.url
    page.close()


def test_control_layer_holder_changes_with_the_slider(browser: Any, server: str) -> None:
    page = Page(browser, server, DESKTOP, "/?z=7&lat=36.9&lng=69.6")
    pg = page.pg
    pg.check("#control-toggle")
    page.settle()

    def holder_on(day: str) -> str:
        pg.evaluate(
            """(day) => {
                const r = document.getElementById('control-date');
                r.value = String(Math.round((Date.parse(day) - controlRange[0]) / 86400000));
                r.dispatchEvent(new Event('input'));
            }""",
            day,
        )
        page.settle()
        assert pg.inner_text("#control-date-out") == day
        place = pg.locator(".place", has_text="Khw")
        assert place.count() == 1
        return str(place.get_attribute("data-holder"))

    assert holder_on("2021-07-15") == "Taliban"
    assert "contested" not in (pg.locator(".place", has_text="Khw").get_attribute("class") or "")
    assert holder_on("2021-07-20") == "Taliban"  # the army's counter-attack: hatched
    assert "contested" in (pg.locator(".place", has_text="Khw").get_attribute("class") or "")
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / "map-control.png"))
    assert holder_on("2021-08-10").startswith("Military Forces of Afghanistan")
    assert "control=2021-08-10" in pg.url
    pg.locator(".place", has_text="Khw").click()
    pg.wait_for_selector("#tab-place .periods li")
    periods = pg.locator("#tab-place .periods > li").all_inner_texts()
    assert "Military Forces" in periods[0] and "Taliban" in periods[1]
    assert pg.locator("#tab-place .evidence a").count() >= 3
    page.close()


@pytest.mark.parametrize("size,name", [(DESKTOP, "desktop"), (PHONE, "phone")])
def test_no_horizontal_overflow(browser: Any, server: str, size: dict[str, int], name: str) -> None:
    page = Page(browser, server, size, "/?country=Afghanistan&control=2021-07-20")
    pg = page.pg
    no_overflow(pg)
    pg.locator("#table tbody tr").first.click()
    pg.wait_for_selector("#tab-event .story")
    page.settle()
    no_overflow(pg)
    if name == "phone":
        assert pg.evaluate("() => getComputedStyle(document.getElementById('panel')).position") == (
            "fixed"  # a bottom sheet over the map
        )
        pg.click("#filters-toggle")
        no_overflow(pg)
        pg.click("#filters-toggle")
    SHOTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(SHOTS / f"map-{name}.png"))
    page.close()


def test_story_markup_runs_nothing(browser: Any, server: str) -> None:
    page = Page(browser, server, DESKTOP)
    pg = page.pg
    events = pg.evaluate(
        "() => fetch('/events?country=Burkina%20Faso&limit=50').then(r => r.json())"
    )["events"]
    hostile = next(e for e in events if "hostile" in e["story_id"])
    pg.evaluate("(id) => openEvent(id)", hostile["event_id"])
    pg.wait_for_selector("#tab-event .story")
    pg.wait_for_timeout(500)
    text = pg.inner_text("#tab-event .story")
    assert "onerror" in text  # shown as text
    assert pg.evaluate("() => window.__pwned") is None
    assert pg.locator("#panel img").count() == 0
    page.close()


def test_api_docs_render_from_this_server_alone(browser: Any, server: str) -> None:
    pg = browser.new_page(viewport=DESKTOP)
    requested: list[str] = []
    pg.on("request", lambda req: requested.append(req.url))
    errors: list[str] = []
    pg.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    pg.goto(server + "/docs")
    pg.wait_for_selector(".swagger-ui .info .title")
    assert "sitreps" in pg.inner_text(".swagger-ui .info .title")
    pg.wait_for_selector(".opblock-summary-path >> text=/events")
    assert requested and all(url.startswith(server) for url in requested), requested
    assert not [e for e in errors if "Content Security Policy" in e], errors
    pg.close()
