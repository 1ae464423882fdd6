"""Correcting and reviewing from the map page, in a real headless Chromium, on SQLite and
PostgreSQL: sign in with a token, fix a field in the event panel, see it and its history;
walk the review queue with the keyboard.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from sitreps.cli import main
from sitreps.config import Settings
from sitreps.store import Store
from sitreps.store.users import add_user

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.browser
if not Path(CHROMIUM).exists():
    pytest.skip(
        "browser tests skipped: no chromium found (apt-get install chromium)",
        allow_module_level=True,
    )
playwright_api = pytest.importorskip("playwright.sync_api")
ROOT = Path(__file__).resolve().parents[2]
STORIES = ROOT / "tests" / "fixtures" / "control"
SHOTS = ROOT / "docs" / "screenshots"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def site(db_url: str, settings: Settings) -> Iterator[dict[str, Any]]:
    """The control stories in a fresh database, an editor's token, and a running server."""
    import uvicorn

    from sitreps.api import create_app

    res = CliRunner().invoke(main, ["ingest", str(STORIES), "--db", db_url])
    assert res.exit_code == 0, res.output
    with Store.open(db_url, settings) as store:
        token = add_user(store.engine, "maria", "editor")
    port = _port()
    srv = uvicorn.Server(
        uvicorn.Config(
            create_app(db_url, settings), host="127.0.0.1", port=port, log_level="warning"
        )
    )
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield {"url": f"http://127.0.0.1:{port}", "token": token, "db": db_url}
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
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield b
        b.close()


def _open(browser: Any, site: dict[str, Any], query: str) -> Any:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(site["url"] + "/?" + query)
    page.wait_for_selector("body[data-ready='1']")
    page.fill("#signin-token", site["token"])
    page.click("#signin-go")
    page.wait_for_selector("body.can-edit", state="attached")
    page.errors = errors
    return page


def _count(page: Any) -> int:
    return int(page.inner_text("#review-count").split()[0])


def _until(check: Any, seconds: float = 10) -> None:
    # Polled from Python: the page's CSP (script-src 'self') forbids wait_for_function's eval.
    deadline = time.time() + seconds
    while not check():
        assert time.time() < deadline, "timed out"
        time.sleep(0.1)


def _the_fall(site: dict[str, Any], settings: Settings) -> str:
    with Store.open(site["db"], settings) as store:
        (ev,) = [
            e for e in store.events() if e.sub_event_type == "Non-state actor overtakes territory"
        ]
        return ev.event_id


def test_a_correction_made_in_the_event_panel_shows_with_its_history(
    site: dict[str, Any], browser: Any, settings: Settings
) -> None:
    event_id = _the_fall(site, settings)
    page = _open(browser, site, f"event={event_id}&tab=event")
    page.wait_for_selector("#edit-open")
    page.click("#edit-open")
    page.fill("#edit-form input[name=fatalities]", "6")
    page.fill("#edit-form input[name=reason]", "the AFP story counts six")
    page.click("#edit-save")
    page.wait_for_selector(".review-status")
    assert "corrected" in page.inner_text(".review-status")
    deaths = page.locator("#tab-event dt:text-is('deaths') + dd").inner_text()
    assert deaths == "6"
    history = page.inner_text("#history")
    assert "corrected by maria" in history
    assert "fatalities: 0 → 6" in history and "the AFP story counts six" in history
    assert page.errors == []
    with Store.open(site["db"], settings) as store:
        ev = store.event(event_id)
        assert ev is not None and ev.fatalities == 6
        last = store.revisions(event_id)[-1]
        assert (last["user_name"], last["changes"]["fatalities"]) == ("maria", [0, 6])
    page.close()


def test_the_review_queue_is_driven_by_the_keyboard(
    site: dict[str, Any], browser: Any, settings: Settings
) -> None:
    if not site["db"].endswith(".db"):
        pytest.skip("the keyboard walk is the same on both databases; run once")
    page = _open(browser, site, "tab=review")
    page.wait_for_selector("#review-list > li.current")
    total = int(page.inner_text("#review-count").split()[0])
    first = page.get_attribute("#review-list > li.current", "data-event")
    page.wait_for_selector("#review-event #edit-accept")
    page.keyboard.press("j")
    page.wait_for_selector(f"#review-list > li.current:not([data-event='{first}'])")
    second = page.get_attribute("#review-list > li.current", "data-event")
    page.wait_for_selector("#review-event h2")
    page.keyboard.press("a")  # accept the second
    _until(lambda: _count(page) == total - 1)
    assert second not in [
        li.get_attribute("data-event") for li in page.query_selector_all("#review-list > li")
    ]
    current = page.get_attribute("#review-list > li.current", "data-event")
    page.wait_for_selector("#review-event #edit-reject")
    page.keyboard.press("r")  # not an event
    _until(lambda: _count(page) == total - 2)
    # the panel must show the next event before "f" (the old panel's button is still there
    # while the next event loads; its form would be wiped by the next rendering)
    following = page.get_attribute("#review-list > li.current", "data-event")
    page.wait_for_selector(f"#review-event[data-event='{following}'] #edit-open")
    page.keyboard.press("f")  # the edit form of the event now under review
    page.wait_for_selector("#review-event #edit-form")
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / "review-queue.png"))
    assert page.errors == []
    with Store.open(site["db"], settings) as store:
        from sitreps.store.corrections import event_view

        accepted, rejected = event_view(store, second), event_view(store, current)
    assert accepted is not None and accepted["review"]["status"] == "accepted"
    assert rejected is not None and rejected["review"]["status"] == "not_event"
    assert accepted["revisions"][-1]["user_name"] == "maria"
    page.close()
