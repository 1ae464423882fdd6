"""The web map in a real headless Chromium: markers, filters, evidence, and no script injection."""

from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitreps.config import load_settings

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.browser
if not Path(CHROMIUM).exists():
    pytest.skip(
        "browser tests skipped: no chromium found (apt-get install chromium)",
        allow_module_level=True,
    )
playwright_api = pytest.importorskip("playwright.sync_api")
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(demo_db: str) -> Iterator[str]:
    import uvicorn

    from sitreps.api import create_app

    port = free_port()
    config = uvicorn.Config(
        create_app(demo_db, load_settings(env={})), host="127.0.0.1", port=port, log_level="warning"
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
def page(server: str) -> Iterator[object]:
    with playwright_api.sync_playwright() as pw:
        browser = pw.chromium.launch(
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
        pg = browser.new_page(viewport={"width": 1400, "height": 900})
        # Tiles need the internet; block them so the offline page is what we test.
        pg.route("https://tile.openstreetmap.org/**", lambda route: route.abort())
        pg.goto(server + "/")
        # Waits use locators, not wait_for_function: the page's CSP forbids eval.
        pg.wait_for_selector(".leaflet-interactive", state="attached")
        yield pg
        browser.close()


def test_markers_filter_click_and_evidence(page) -> None:  # type: ignore[no-untyped-def]
    count = page.locator("#count")
    assert "events" in count.inner_text()
    page.select_option("#f-type", "Battles")
    playwright_api.expect(count).to_have_text(re.compile(r"^[123] events"))
    page.wait_for_timeout(300)
    markers = page.locator("path.leaflet-interactive")
    if markers.count() == 0:  # clustered: zoom in through the cluster first
        page.locator(".marker-cluster").first.click()
        page.wait_for_timeout(600)
    page.locator("path.leaflet-interactive").first.click()
    page.wait_for_selector("#panel h2")
    assert (
        "clash" in page.inner_text("#panel h2").lower()
        or "territory" in page.inner_text("#panel h2").lower()
    )
    page.wait_for_selector("#panel .story mark")
    marks = page.locator("#panel .story mark").all_inner_texts()
    assert marks and all(m.strip() for m in marks)
    assert page.locator("#sources li").count() >= 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map.png"))


def test_story_markup_runs_nothing(page, server: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(server + "/")
    page.wait_for_selector(".leaflet-interactive", state="attached")
    page.fill("#f-actor", "")
    page.fill("#f-country", "Burkina")
    page.wait_for_timeout(800)
    page.evaluate("""() => {
        const ids = [];
        return fetch('/events?country=Burkina%20Faso&limit=50').then(r => r.json())
    }""")
    events = page.evaluate(
        "() => fetch('/events?country=Burkina%20Faso&limit=50').then(r => r.json())"
    )["events"]
    hostile = next(e for e in events if "hostile" in e["story_id"])
    page.evaluate("(id) => showEvent(id)", hostile["event_id"])
    page.wait_for_selector("#panel .story")
    page.wait_for_timeout(500)
    text = page.inner_text("#panel .story")
    assert "onerror" in text  # shown as text
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#panel img").count() == 0


def test_api_docs_render_from_this_server_alone(page, server: str) -> None:  # type: ignore[no-untyped-def]
    requested: list[str] = []
    page.on("request", lambda req: requested.append(req.url))
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.goto(server + "/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "sitreps" in page.inner_text(".swagger-ui .info .title")
    page.wait_for_selector(".opblock-summary-path >> text=/events")
    assert requested and all(url.startswith(server) for url in requested), requested
    assert not [e for e in errors if "Content Security Policy" in e], errors
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "docs.png"))
