"""The API under hostile and careless use: issue 15's API items, each as a user would meet it."""

from __future__ import annotations

import asyncio
import base64
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from sitreps.api import create_app
from sitreps.config import Settings

TOKEN = "s3cret"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HAND_MADE_CURSOR = base64.urlsafe_b64encode(json.dumps([[1], "x"]).encode()).decode()


@pytest.fixture
def app(db_url: str, settings: Settings) -> Any:
    return create_app(db_url, settings.replace(api_token=TOKEN))


@pytest.fixture
def client(app: Any) -> Iterator[TestClient]:
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        yield c


def is_validation_error(res: Any) -> bool:
    """Return True for a 422 in FastAPI's documented shape: detail is a list of errors."""
    body = res.json()
    return (
        res.status_code == 422
        and res.headers["content-type"].startswith("application/json")
        and isinstance(body["detail"], list)
        and all({"loc", "msg", "type"} <= set(d) for d in body["detail"])
    )


# -- 3. a near-duplicate story answers with the events it was linked to ----------------------


def test_posting_a_copy_of_a_stored_story_returns_events_that_exist(
    client: TestClient, samples_dir: Path
) -> None:
    original = (samples_dir / "03_marib_airstrike.txt").read_text(encoding="utf-8")
    lines = original.splitlines()
    copy = "\n".join(
        ["Yemen: market strike kills six in Marib", ""]
        + [ln for ln in lines[1:] if "No party immediately" not in ln and "Sign up" not in ln]
        + ["", "Read our coverage of the Middle East. Subscribe for full access today."]
    )
    first = client.post("/stories", json={"id": "site-a", "text": original}, headers=AUTH)
    assert first.status_code == 200 and first.json()["events"], first.text
    second = client.post("/stories", json={"id": "site-b", "text": copy}, headers=AUTH)
    assert second.status_code == 200 and second.json()["stored"]
    assert second.json()["events"] == first.json()["events"]
    for event_id in second.json()["events"]:
        assert client.get(f"/events/{event_id}").status_code == 200


# -- 4. /stats counts every event ---------------------------------------------------------------


def test_stats_total_is_not_capped(client: TestClient, app: Any) -> None:
    from sitreps.store.query import MAX_LIMIT
    from sitreps.store.schema import events

    n = MAX_LIMIT + 5
    rows = [
        {
            "event_id": f"evt_{i:06d}",
            "story_id": "bulk",
            "event_date": "2023-06-01",
            "event_type": "Battles",
            "claimed": False,
            "mention_count": 1,
            "pipeline_version": "test",
            "created_at": "2023-06-06",
            "updated_at": "2023-06-06",
        }
        for i in range(n)
    ]
    store = _store_of(app)
    with store.engine.begin() as conn:
        conn.execute(events.insert(), rows)
    stats = client.get("/stats").json()
    assert stats["total"] == n
    assert stats["by_day"] == [{"date": "2023-06-01", "count": n}]
    assert stats["by_type"] == {"Battles": n}


def _store_of(app: Any) -> Any:
    """Return the Store an app serves (reached through a route's closure, for setup only)."""
    for route in app.routes:
        if getattr(route, "path", None) == "/events/{event_id}":
            for cell in route.endpoint.__closure__ or ():
                if type(cell.cell_contents).__name__ == "Store":
                    return cell.cell_contents
    raise AssertionError("no store found")


# -- 15, 16. cursors, NUL and dates are validated: 422 JSON, never 500 -------------------------


@pytest.mark.parametrize("path", ["/events", "/events.geojson", "/export", "/stats"])
def test_a_hand_made_cursor_is_a_422(client: TestClient, path: str) -> None:
    res = client.get(path, params={"cursor": HAND_MADE_CURSOR})
    assert is_validation_error(res), (res.status_code, res.text)
    assert res.json()["detail"][0]["loc"] == ["query", "cursor"]


@pytest.mark.parametrize("name", ["country", "actor", "event_type", "admin1", "sub_event_type"])
def test_nul_in_a_filter_is_a_422(client: TestClient, name: str) -> None:
    for path in ("/events", "/stats", "/export"):
        res = client.get(path, params={name: "\x00"})
        assert is_validation_error(res), (path, res.status_code, res.text)


def test_impossible_dates_are_a_422(client: TestClient) -> None:
    for params in ({"start": "2021-13-45"}, {"end": "2021-02-30"}, {"start": "2021-00-10"}):
        res = client.get("/events", params=params)
        assert is_validation_error(res), params
    assert client.get("/events", params={"start": "2024-02-29"}).status_code == 200


# -- 17. the token and the body size are checked before the body is read ----------------------


def _asgi_post(app: Any, headers: list[tuple[bytes, bytes]], chunks: list[bytes]) -> tuple:
    """POST /stories straight through ASGI; return (status, body, bytes the app read)."""
    read = 0
    pending = list(chunks)
    out: dict[str, Any] = {"body": b""}

    async def receive() -> dict[str, Any]:
        nonlocal read
        if not pending:
            return {"type": "http.disconnect"}
        chunk = pending.pop(0)
        read += len(chunk)
        return {"type": "http.request", "body": chunk, "more_body": bool(pending)}

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            out["status"] = message["status"]
        elif message["type"] == "http.response.body":
            out["body"] += message.get("body", b"")

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": "/stories",
        "raw_path": b"/stories",
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"127.0.0.1"), (b"content-type", b"application/json"), *headers],
        "client": ("127.0.0.1", 5555),
        "server": ("127.0.0.1", 8000),
    }
    asyncio.run(app(scope, receive, send))
    return out["status"], json.loads(out["body"]), read


def test_an_unauthenticated_body_is_never_read(app: Any) -> None:
    big = [b"x" * 1_000_000] * 20  # 20 MB, in chunks
    status, body, read = _asgi_post(app, [(b"content-length", b"20000000")], big)
    assert (status, read) == (401, 0) and "detail" in body
    wrong = [(b"authorization", b"Bearer nope"), (b"content-length", b"20000000")]
    assert _asgi_post(app, wrong, big)[::2] == (401, 0)


def test_a_body_over_the_limit_is_refused_unread_or_cut_short(app: Any) -> None:
    from sitreps.api import max_body

    big = [b"x" * 1_000_000] * 40
    declared = [(b"authorization", AUTH["Authorization"].encode()), (b"content-length", b"4e7")]
    status, _, read = _asgi_post(app, declared, big)
    assert (status, read) == (413, 0)
    declared[1] = (b"content-length", b"40000000")
    assert _asgi_post(app, declared, big)[::2] == (413, 0)
    # No length given (chunked): reading stops at the limit, not at the end of the body.
    status, _, read = _asgi_post(app, declared[:1], big)
    limit = max_body(Settings())
    assert status == 413 and read <= limit + 1_000_000 < 40_000_000


# -- 18. the bearer scheme is required; the Host header is checked ----------------------------


def test_a_token_without_bearer_is_refused(client: TestClient) -> None:
    story = {"id": "x", "text": "Soldiers clashed with rebels near Beni on Sunday."}
    for value in (TOKEN, f"Basic {TOKEN}", f"Token {TOKEN}", "Bearer", f"Bearer{TOKEN}"):
        res = client.post("/stories", json=story, headers={"Authorization": value})
        assert res.status_code == 401, value
        assert res.headers["www-authenticate"] == "Bearer"


def test_only_allowed_hosts_are_answered(db_url: str, settings: Settings) -> None:
    app = create_app(db_url, settings, bound_host="10.1.2.3")
    for host, status in (
        ("127.0.0.1:8000", 200),
        ("localhost", 200),
        ("[::1]:8000", 200),
        ("10.1.2.3:8000", 200),
        ("rebind.attacker.example", 400),
        ("rebind.attacker.example:8000", 400),
        ("", 400),
    ):
        res = TestClient(app).get("/events", headers={"Host": host})
        assert res.status_code == status, host
        if status == 400:
            assert res.json()["detail"]
    named = create_app(db_url, settings.replace(allowed_hosts=("events.example.org",)))
    assert TestClient(named, base_url="http://events.example.org").get("/stats").status_code == 200
    assert TestClient(named, base_url="http://localhost").get("/stats").status_code == 400
    anyone = create_app(db_url, settings.replace(allowed_hosts=("*",)))
    assert TestClient(anyone).get("/stats").status_code == 200


# -- 19. security headers; docs served from this server only ----------------------------------


def test_the_page_and_the_docs_carry_security_headers_and_load_nothing_from_outside(
    client: TestClient,
) -> None:
    import re

    for path in ("/", "/docs", "/events", "/static/app.js"):
        res = client.get(path)
        assert res.status_code == 200, path
        csp = res.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert "script-src 'self';" in csp  # no inline or remote script
        assert res.headers["x-frame-options"] == "DENY"
        assert res.headers["x-content-type-options"] == "nosniff"
    docs = client.get("/docs").text
    assert "<script>" not in docs  # no inline script: the CSP would block it
    assets = re.findall(r'(?:src|href)="([^"]+)"', docs)
    assert assets and not [a for a in assets if "//" in a]
    for asset in assets:
        assert client.get(asset).status_code == 200, asset
    assert "SwaggerUIBundle" in client.get("/static/docs.js").text
    assert client.get("/redoc").status_code == 404


# -- 21. every error is JSON; the schema says what comes back ---------------------------------


def test_a_server_error_is_json(app: Any, client: TestClient, monkeypatch: Any) -> None:
    store = _store_of(app)

    def broken(*_args: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "event", broken)
    res = client.get("/events/evt_1")
    assert res.status_code == 500
    assert res.headers["content-type"] == "application/json"
    assert res.json() == {"detail": "internal server error"}


def test_the_schema_matches_the_responses(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    assert set(paths["/export"]["get"]["responses"]["200"]["content"]) == {
        "text/csv",
        "application/x-ndjson",
        "application/geo+json",
        "application/vnd.apache.parquet",
    }
    assert set(paths["/events.geojson"]["get"]["responses"]["200"]["content"]) == {
        "application/geo+json"
    }
    assert client.get("/events.geojson").headers["content-type"] == "application/geo+json"
    assert "404" in paths["/events/{event_id}"]["get"]["responses"]
    assert "404" in paths["/stories/{story_id}/text"]["get"]["responses"]
    assert {"401", "403", "413", "422"} <= set(paths["/stories"]["post"]["responses"])
    for path in paths.values():
        for op in path.values():
            assert "500" in op["responses"]
    # Our own 422s have FastAPI's shape, the one the schema declares.
    assert is_validation_error(client.get("/events", params={"bbox": "1,2,3"}))
    empty = client.post("/stories", json={"id": "x"}, headers=AUTH)
    assert is_validation_error(empty)
    missing = client.get("/events/evt_nope")
    assert missing.status_code == 404 and missing.json() == {"detail": "no such event"}


def test_pages_load_images_from_this_server_unless_a_tile_server_is_named() -> None:
    from sitreps.api.guard import GuardPolicy

    offline = dict(GuardPolicy.build((), "127.0.0.1", None, 1, ()).headers)
    assert b"openstreetmap" not in offline[b"content-security-policy"]
    online = GuardPolicy.build(
        (), "127.0.0.1", None, 1, (), tiles_url="https://tiles.example.org/{z}/{x}/{y}.png"
    )
    assert b"img-src 'self' data: https://tiles.example.org;" in dict(online.headers)[
        b"content-security-policy"
    ]
