"""A hostile network, on 127.0.0.1 only: trickling servers, big feeds, addresses that
lead to private hosts, and a DNS answer that changes between check and connect."""

from __future__ import annotations

import http.server
import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from click.testing import CliRunner

from sitreps.cli import main
from sitreps.config import load_settings
from sitreps.errors import RejectError
from sitreps.model import Reject, Story
from sitreps.read import iter_stories
from sitreps.read.fetch import check_address, fetch, is_public
from sitreps.read.sources import stories_from_feed

PAGE = (
    b"<html><head><title>Clashes near Kidal</title></head><body><article>"
    b"<p>Soldiers clashed with armed men near Kidal in northern Mali on Sunday, the army "
    b"said, adding that the fighting lasted several hours.</p></article></body></html>"
)


def _feed(host: str, entries: int) -> bytes:
    items = "".join(
        f"<item><title>Story {i}</title><link>http://{host}/page/{i}</link>"
        "<description>Short summary.</description></item>"
        for i in range(entries)
    )
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
    return f"{head}{items}</channel></rss>".encode()


class Handler(http.server.BaseHTTPRequestHandler):
    """Routes: /trickle (a byte every 0.2 s, for ever), /trickle-headers, /page/N, /feed/N."""

    hits: list[str] = []  # noqa: RUF012 - shared by the test server's threads on purpose

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        Handler.hits.append(self.path)
        try:
            if self.path == "/trickle-headers":
                self.wfile.write(b"HTTP/1.1 200 OK\r\n")
                for _ in range(600):
                    self.wfile.write(b"X")
                    self.wfile.flush()
                    time.sleep(0.2)
                return
            if self.path.startswith("/trickle"):
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                for _ in range(600):
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.2)
                return
        except (BrokenPipeError, ConnectionResetError):
            return  # the client gave up, as it should
        if self.path.startswith("/feed/"):
            body = _feed(self.headers["Host"], int(self.path.rsplit("/", 1)[1]))
            ctype = "application/rss+xml"
        else:
            body, ctype = PAGE, "text/html"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()


PRIVATE_OK = load_settings(env={}).replace(allow_private=True, fetch_timeout=1.5)


# -- 11. one deadline per fetch, per feed read, and a page cap -----------------------------


@pytest.mark.parametrize("path", ["/trickle", "/trickle-headers"])
def test_a_trickling_server_is_cut_off_at_the_fetch_timeout(server: str, path: str) -> None:
    started = time.monotonic()
    with pytest.raises(RejectError) as caught:
        fetch(server + path, PRIVATE_OK)
    assert caught.value.reason == "fetch_failed" and "in time" in caught.value.message
    assert time.monotonic() - started < 1.5 + 1.0


def test_extract_of_a_trickling_url_ends_by_the_environment_timeout(server: str) -> None:
    started = time.monotonic()
    res = CliRunner().invoke(
        main,
        ["extract", f"{server}/trickle", "--allow-private"],
        env={"SITREPS_FETCH_TIMEOUT": "1"},
    )
    assert time.monotonic() - started < 4
    assert res.exit_code == 1
    (line,) = res.stderr.splitlines()
    assert line.startswith("sitreps: ") and "[fetch_failed]" in line


def test_a_feed_read_fetches_at_most_feed_max_pages(server: str) -> None:
    settings = PRIVATE_OK.replace(feed_max_pages=2)
    Handler.hits.clear()
    out = list(stories_from_feed(_feed(server.removeprefix("http://"), 5), "feed", settings))
    assert [o.reason if isinstance(o, Reject) else "ok" for o in out] == [
        "ok",
        "ok",
        "over_limit",
        "over_limit",
        "over_limit",
    ]
    assert len([h for h in Handler.hits if h.startswith("/page/")]) == 2


def test_a_feed_read_ends_by_feed_timeout(server: str) -> None:
    host = server.removeprefix("http://")
    body = _feed(host, 6).replace(b"/page/", b"/trickle?")
    settings = PRIVATE_OK.replace(fetch_timeout=1.0, feed_timeout=2.0)
    started = time.monotonic()
    out = list(stories_from_feed(body, "feed", settings))
    assert time.monotonic() - started < 2.0 + 1.5
    assert all(isinstance(o, Reject) for o in out)
    assert {o.reason for o in out if isinstance(o, Reject)} == {"fetch_failed", "over_limit"}


def test_watch_leaves_entries_over_the_cap_for_the_next_poll(server: str, tmp_path: Any) -> None:
    db = str(tmp_path / "watch.db")
    args = ["watch", f"{server}/feed/3", "--db", db, "--once", "--allow-private"]
    env = {"SITREPS_FEED_MAX_PAGES": "1"}
    first = CliRunner().invoke(main, args, env=env)
    assert first.exit_code == 0, first.output
    assert "1 new stories" in first.stderr and "2 rejected" in first.stderr
    second = CliRunner().invoke(main, args, env=env)
    assert "1 new stories" in second.stderr  # one more, not the same one again


# -- 12. the address guard is ipaddress's notion of global ---------------------------------

NOT_PUBLIC = [
    "127.0.0.1",
    "10.1.2.3",
    "100.64.0.1",  # shared address space (carrier-grade NAT, some cloud metadata)
    "100.100.100.200",
    "169.254.169.254",
    "192.0.2.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "fe80::1",
    "fc00::1",
    "ff02::1",
    "::ffff:127.0.0.1",  # IPv4-mapped
    "2002:7f00:1::",  # 6to4 of 127.0.0.1
    "2002:a9fe:a9fe::",  # 6to4 of 169.254.169.254
    "64:ff9b::7f00:1",  # NAT64 of 127.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "64:ff9b:1::a00:1",  # local-use NAT64 of 10.0.0.1
]


@pytest.mark.parametrize("address", NOT_PUBLIC)
def test_addresses_that_lead_to_private_hosts_are_not_public(address: str) -> None:
    assert not is_public(ipaddress.ip_address(address))
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(RejectError) as caught:
        check_address(f"http://{host}/story", load_settings(env={}))
    assert caught.value.reason == "blocked_address"
    assert "--allow-private" in caught.value.message


@pytest.mark.parametrize("address", ["8.8.8.8", "2606:4700::1111", "2002:808:808::"])
def test_public_addresses_are_public(address: str) -> None:
    assert is_public(ipaddress.ip_address(address))


def test_the_cli_refuses_a_nat64_loopback_url() -> None:
    res = CliRunner().invoke(main, ["extract", "http://[64:ff9b::7f00:1]:9/x"])
    assert res.exit_code == 1 and "[blocked_address]" in res.stderr


# -- 13. DNS rebinding: connect to the address that was checked ----------------------------


def test_the_connection_goes_to_the_checked_address_not_a_second_answer(
    server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The name first resolves to a public address, then (rebound) to our loopback server."""
    port = int(server.rsplit(":", 1)[1])
    answers = iter(["203.0.114.7"])  # a public address: the check passes
    real_getaddrinfo = socket.getaddrinfo
    connected: list[Any] = []

    def rebinding_getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
        if host != "rebind.example":
            return real_getaddrinfo(host, *args, **kwargs)
        address = next(answers, "127.0.0.1")  # every later answer: our loopback server
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    def refusing_connect(address: Any, *args: Any, **kwargs: Any) -> Any:
        connected.append(address[0])
        if address[0] in ("rebind.example", "127.0.0.1"):  # the rebound answer
            return real_create_connection(("127.0.0.1", port), *args, **kwargs)
        raise ConnectionRefusedError("no route in the test")  # never leave the machine

    real_create_connection = socket.create_connection
    monkeypatch.setattr(socket, "getaddrinfo", rebinding_getaddrinfo)
    monkeypatch.setattr(socket, "create_connection", refusing_connect)
    Handler.hits.clear()
    (out,) = list(
        iter_stories([f"http://rebind.example:{port}/page/1"], settings=load_settings(env={}))
    )
    assert isinstance(out, Reject) and out.reason == "fetch_failed"
    assert connected == ["203.0.114.7"] and Handler.hits == []


def test_a_peer_that_is_not_the_checked_address_is_refused() -> None:
    from sitreps.read.fetch import _Deadline, _PinnedBackend

    class Stream:
        closed = False

        def get_extra_info(self, info: str) -> Any:
            return ("127.0.0.1", 80) if info == "server_addr" else None

        def close(self) -> None:
            Stream.closed = True

    backend = _PinnedBackend(load_settings(env={}), _Deadline(time.monotonic() + 5))
    with pytest.raises(RejectError) as caught:
        backend._verify_peer(Stream(), "203.0.114.7", "news.example")  # type: ignore[arg-type]
    assert caught.value.reason == "blocked_address" and Stream.closed


def test_a_fetch_over_the_pinned_transport_still_reads_the_page(server: str) -> None:
    (page,) = list(iter_stories([f"{server}/page/1"], settings=PRIVATE_OK))
    assert isinstance(page, Story) and "Kidal" in page.content
