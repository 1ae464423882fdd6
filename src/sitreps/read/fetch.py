"""Fetching pages and feeds over HTTP, politely and safely.

Every fetch has one total deadline, settings.fetch_timeout, that covers resolving the
name, connecting, every redirect and the whole body: a server that trickles a byte a
second is cut off when the time is up (httpx's own timeouts are per read, so each read is
given only the time left). A size cap, a redirect cap and a User-Agent come from the
settings too.

Addresses that are not globally reachable are refused unless settings.allow_private is
set. The name is resolved once, by us; each address is judged by `ipaddress`'s notion of a
global address, and so is the IPv4 address an IPv6 one carries (6to4, NAT64, IPv4-mapped,
Teredo), since those reach the IPv4 host. The connection then goes to the address that was
checked (never resolved again, so an answer that changes between check and connect, DNS
rebinding, changes nothing), the peer is verified after connecting, and TLS still checks
the certificate against the host's name (SNI and the Host header are the URL's). Proxies
from the environment are not used: a proxy would resolve the name itself.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from sitreps.config import Settings
from sitreps.errors import RejectError

__all__ = ["Fetched", "check_address", "fetch", "is_public"]

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: NAT64 prefixes (RFC 6052 well-known, RFC 8215 local-use): the last 32 bits are IPv4.
_NAT64 = (ipaddress.ip_network("64:ff9b::/96"), ipaddress.ip_network("64:ff9b:1::/48"))


@dataclass(frozen=True)
class Fetched:
    """A fetched resource: its final URL, content type and bytes."""

    url: str
    content_type: str
    body: bytes


def _embedded_ipv4(addr: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """Return the IPv4 addresses an IPv6 address leads to (mapped, 6to4, Teredo, NAT64)."""
    found = [a for a in (addr.ipv4_mapped, addr.sixtofour) if a is not None]
    if addr.teredo is not None:
        found.extend(addr.teredo)
    if any(addr in net for net in _NAT64):
        found.append(ipaddress.IPv4Address(int(addr) & 0xFFFFFFFF))
    return found


def is_public(addr: IPAddress) -> bool:
    """Return True when an address is globally reachable, and so is any IPv4 it embeds."""
    if not addr.is_global or addr.is_multicast:
        return False
    if isinstance(addr, ipaddress.IPv6Address):
        return all(is_public(v4) for v4 in _embedded_ipv4(addr))
    return True


def _blocked(host: str) -> RejectError:
    return RejectError(
        "blocked_address",
        f"{host} is not a public address (private, loopback, link-local, shared or "
        "reserved; use --allow-private or SITREPS_ALLOW_PRIVATE=1 to fetch it)",
    )


def _getaddrinfo(host: str, port: int, timeout: float) -> list[str]:
    """Return the addresses of host, giving up after timeout seconds (getaddrinfo has none)."""
    try:
        return [str(ipaddress.ip_address(host))]
    except ValueError:
        pass
    box: dict[str, Any] = {}

    def run() -> None:
        try:
            box["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (OSError, UnicodeError, ValueError) as exc:
            box["error"] = exc

    # A daemon thread: a resolver that hangs must not hold the fetch, nor the exit.
    worker = threading.Thread(target=run, name="sitreps-resolve", daemon=True)
    worker.start()
    worker.join(max(timeout, 0.0))
    if worker.is_alive():
        raise RejectError("fetch_failed", f"cannot resolve {host}: no answer in time")
    if "error" in box:
        raise RejectError("fetch_failed", f"cannot resolve {host}: {box['error']}")
    # Strip an IPv6 scope ("fe80::1%eth0") so the address parses; it is judged all the same.
    return list(dict.fromkeys(str(info[4][0]).split("%")[0] for info in box["infos"]))


def resolve(host: str, port: int, settings: Settings, timeout: float | None = None) -> list[str]:
    """Return host's addresses; raise RejectError if any is not public (unless allowed)."""
    addresses = _getaddrinfo(host, port, settings.fetch_timeout if timeout is None else timeout)
    if not settings.allow_private:
        for address in addresses:
            if not is_public(ipaddress.ip_address(address)):
                raise _blocked(host)
    return addresses


def _split(url: str) -> tuple[str, int]:
    """Return an http(s) URL's host and port; raise RejectError for anything else."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise RejectError("fetch_failed", f"not a valid URL: {url} ({exc})") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RejectError("fetch_failed", f"not an http(s) URL: {url}")
    return parts.hostname, port or (443 if parts.scheme == "https" else 80)


def check_address(url: str, settings: Settings) -> None:
    """Raise RejectError unless the URL is http(s) to a public address (or private allowed)."""
    host, port = _split(url)
    resolve(host, port, settings)


class _Deadline:
    """The time left until one fetch must be over."""

    def __init__(self, at: float) -> None:
        self.at = at

    def clamp(self, timeout: float | None, error: type[Exception]) -> float:
        """Return the timeout cut to the time left; raise error when none is left."""
        left = self.at - time.monotonic()
        if left <= 0:
            raise error("the fetch deadline passed")
        return left if timeout is None else min(timeout, left)


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write gets only the time left to the deadline."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: _Deadline) -> None:
        self._inner = inner
        self._deadline = deadline

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        """Return at most max_bytes read before the deadline."""
        return self._inner.read(max_bytes, self._deadline.clamp(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        """Write buffer before the deadline."""
        self._inner.write(buffer, self._deadline.clamp(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        """Close the connection."""
        self._inner.close()

    def start_tls(
        self,
        ssl_context: Any,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        """Return the TLS connection (certificate checked against server_hostname)."""
        inner = self._inner.start_tls(
            ssl_context, server_hostname, self._deadline.clamp(timeout, httpcore.ConnectTimeout)
        )
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        """Return what the underlying connection says about itself."""
        return self._inner.get_extra_info(info)


class _PinnedBackend(httpcore.NetworkBackend):
    """Connects to the address it checked, never to a second DNS answer."""

    def __init__(self, settings: Settings, deadline: _Deadline) -> None:
        self._settings = settings
        self._deadline = deadline
        self._tcp = httpcore.SyncBackend()

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        """Return a connection to a checked address of host, with the deadline applied."""
        left = self._deadline.clamp(timeout, httpcore.ConnectTimeout)
        addresses = resolve(host, port, self._settings, left)
        error: Exception = httpcore.ConnectError(f"cannot connect to {host}")
        for address in addresses:
            try:
                stream = self._tcp.connect_tcp(
                    address,
                    port,
                    self._deadline.clamp(timeout, httpcore.ConnectTimeout),
                    local_address,
                    socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
                continue
            self._verify_peer(stream, address, host)
            return _DeadlineStream(stream, self._deadline)
        raise error

    def _verify_peer(self, stream: httpcore.NetworkStream, address: str, host: str) -> None:
        """Close the connection unless its peer is the address we checked."""
        peer = stream.get_extra_info("server_addr")
        try:
            ok = peer is not None and ipaddress.ip_address(
                str(peer[0]).split("%")[0]
            ) == ipaddress.ip_address(address)
        except ValueError:
            ok = False
        if not ok:
            stream.close()
            raise _blocked(host)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        """Refuse: fetches go over TCP only."""
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        """Sleep (httpcore's retry back-off)."""
        time.sleep(seconds)


class _PinnedTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool that uses _PinnedBackend."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        super().__init__(trust_env=False)
        # httpx builds its pool in __init__ with no way to pass a network backend; this is
        # the same pool with ours (tests/read/test_network.py checks it is the one used).
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False), network_backend=backend
        )


def _client(settings: Settings, deadline: _Deadline) -> httpx.Client:
    return httpx.Client(
        transport=_PinnedTransport(_PinnedBackend(settings, deadline)),
        timeout=settings.fetch_timeout,
        headers={"User-Agent": settings.user_agent},
        follow_redirects=False,
        trust_env=False,
    )


def fetch(
    url: str,
    settings: Settings,
    client: httpx.Client | None = None,
    *,
    deadline: float | None = None,
) -> Fetched:
    """Return the resource at url, following at most settings.fetch_max_redirects redirects.

    The whole fetch ends by settings.fetch_timeout from now, or by deadline (a
    time.monotonic() value) if that comes first. A client passed in (a mock transport in
    tests) is used as it is, and each hop's address is checked before the request.
    """
    end = time.monotonic() + settings.fetch_timeout
    due = _Deadline(end if deadline is None else min(end, deadline))
    own = client is None
    client = client or _client(settings, due)
    try:
        for _ in range(settings.fetch_max_redirects + 1):
            if own:
                _split(url)  # the scheme; the address is checked when connecting
            else:
                check_address(url, settings)
            try:
                due.clamp(None, httpx.TimeoutException)
                with client.stream("GET", url) as res:
                    if res.is_redirect and "location" in res.headers:
                        url = urljoin(url, res.headers["location"])
                        continue
                    if res.status_code >= 400:
                        raise RejectError("fetch_failed", f"{url} answered {res.status_code}")
                    body = bytearray()
                    for chunk in res.iter_bytes():
                        body.extend(chunk)
                        if len(body) > settings.fetch_max_bytes:
                            raise RejectError(
                                "too_large",
                                f"{url} is over the fetch limit of {settings.fetch_max_bytes:,} "
                                "bytes",
                            )
                        due.clamp(None, httpx.TimeoutException)
                    return Fetched(str(res.url), res.headers.get("content-type", ""), bytes(body))
            except httpx.TimeoutException as exc:
                raise RejectError(
                    "fetch_failed",
                    f"{url} did not finish in time (limit {settings.fetch_timeout:g} s)",
                ) from exc
            except (httpx.HTTPError, httpx.InvalidURL, httpx.StreamError) as exc:
                raise RejectError("fetch_failed", f"{url}: {exc}") from exc
        raise RejectError(
            "fetch_failed", f"{url}: more than {settings.fetch_max_redirects} redirects"
        )
    finally:
        if own:
            client.close()
