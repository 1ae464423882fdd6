"""Feeds, URLs and WARC files, served from 127.0.0.1 or written in the test."""

from __future__ import annotations

import http.server
import io
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from sitreps.config import load_settings
from sitreps.model import Reject, Story
from sitreps.read import iter_stories

PAGE = (
    b"<html><head><title>Clashes near Kidal</title></head><body><article>"
    b"<p>Soldiers clashed with armed men near Kidal in northern Mali on Sunday, the army "
    b"said, adding that the fighting lasted several hours.</p></article></body></html>"
)
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Clashes near Kidal</title><link>http://HOST/story</link>
<pubDate>Mon, 05 Jun 2023 10:00:00 GMT</pubDate><description>Short summary.</description></item>
</channel></rss>"""


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        host = self.headers["Host"]
        routes = {
            "/story": (200, "text/html", PAGE),
            "/feed": (200, "application/rss+xml", RSS.replace(b"HOST", host.encode())),
            "/broken-feed": (200, "application/rss+xml", b"<rss><channel><item><title>x"),
            "/down": (500, "text/plain", b"oops"),
            "/redirect": (302, "text/plain", b""),
        }
        if self.path == "/slow":
            time.sleep(5)
        status, ctype, body = routes.get(self.path, (404, "text/plain", b"no"))
        self.send_response(status)
        if self.path == "/redirect":
            self.send_header("Location", "/redirect")
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


SETTINGS = load_settings(env={}).replace(allow_private=True, fetch_timeout=1.0)


def test_url_feed_and_fetched_page(server: str) -> None:
    (page,) = list(iter_stories([f"{server}/story"], settings=SETTINGS))
    assert isinstance(page, Story) and page.kind == "html" and "Kidal" in page.content
    (entry,) = list(iter_stories([f"{server}/feed"], settings=SETTINGS))
    assert isinstance(entry, Story) and entry.story_id == f"{server}/story"
    assert "clashed" in entry.content  # the summary was replaced by the linked page


def test_feed_and_url_failures_are_rejects(server: str) -> None:
    out = list(
        iter_stories(
            [
                f"{server}/down",
                f"{server}/broken-feed",
                f"{server}/slow",
                f"{server}/redirect",
                f"{server}/story",
            ],
            settings=SETTINGS,
        )
    )
    reasons = [o.reason if isinstance(o, Reject) else "ok" for o in out]
    assert reasons[0] == "fetch_failed" and "500" in out[0].message  # type: ignore[union-attr]
    assert reasons[1] in ("bad_feed", "empty")
    assert reasons[2] == "fetch_failed" and reasons[3] == "fetch_failed"
    assert reasons[4] == "ok"


def test_private_addresses_are_refused_without_the_flag(server: str) -> None:
    (out,) = list(iter_stories([f"{server}/story"], settings=load_settings(env={})))
    assert isinstance(out, Reject) and out.reason == "blocked_address"


def test_warc_html_responses_become_stories(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "news.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
        )
        writer.write_record(
            writer.create_warc_record(
                "https://news.example/kidal",
                "response",
                payload=io.BytesIO(PAGE),
                http_headers=headers,
            )
        )
        writer.write_record(
            writer.create_warc_record(
                "https://news.example/robots.txt", "request", payload=io.BytesIO(b"GET /")
            )
        )
    out = list(iter_stories([str(path)], settings=SETTINGS))
    assert [o.story_id for o in out] == ["https://news.example/kidal"]
    bad = tmp_path / "broken.warc.gz"
    bad.write_bytes(path.read_bytes()[:40])
    (rej,) = list(iter_stories([str(bad)], settings=SETTINGS))
    assert isinstance(rej, Reject) and rej.reason == "bad_warc"


def test_watch_ingests_only_new_stories_and_skips_a_down_feed(server: str, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from sitreps.cli import main

    db = str(tmp_path / "watch.db")
    args = ["watch", f"{server}/feed", f"{server}/down", "--db", db, "--once", "--allow-private"]
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 0, first.output
    assert "1 new stories" in first.stderr and f"feed skipped: {server}/down" in first.stderr
    second = CliRunner().invoke(main, args)
    assert "0 new stories" in second.stderr
