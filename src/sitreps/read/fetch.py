"""Fetching pages and feeds over HTTP, politely and safely.

Timeouts, a size cap, a redirect cap and a User-Agent from the settings; private, loopback
and link-local addresses are refused (every hop of a redirect is checked) unless
settings.allow_private is set. (A host whose DNS answer changes between our check and the
connection could still slip through; a proxy that enforces the rule is the stronger fix.)
"""

from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from sitreps.config import Settings
from sitreps.errors import RejectError

__all__ = ["Fetched", "check_address", "fetch"]


@dataclass(frozen=True)
class Fetched:
    """A fetched resource: its final URL, content type and bytes."""

    url: str
    content_type: str
    body: bytes


def check_address(url: str, settings: Settings) -> None:
    """Raise RejectError unless the URL is http(s) to a public address (or private allowed)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise RejectError("fetch_failed", f"not an http(s) URL: {url}")
    if settings.allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise RejectError("fetch_failed", f"cannot resolve {parts.hostname}: {exc}") from exc
    for info in infos:
        addr = ipaddress.ip_address(info[4][0])
        if (
            addr.is_private
            or addr.is_loopback
            or addr.is_link_local
            or addr.is_reserved
            or addr.is_multicast
            or addr.is_unspecified
        ):
            raise RejectError(
                "blocked_address",
                f"{parts.hostname} is a private, loopback or link-local address "
                "(use --allow-private to fetch it)",
            )


def fetch(url: str, settings: Settings, client: httpx.Client | None = None) -> Fetched:
    """Return the resource at url, following at most settings.fetch_max_redirects redirects."""
    own = client is None
    client = client or httpx.Client(
        timeout=settings.fetch_timeout,
        headers={"User-Agent": settings.user_agent},
        follow_redirects=False,
    )
    try:
        for _ in range(settings.fetch_max_redirects + 1):
            check_address(url, settings)
            try:
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
                    return Fetched(str(res.url), res.headers.get("content-type", ""), bytes(body))
            except httpx.TimeoutException as exc:
                raise RejectError("fetch_failed", f"{url} did not answer in time") from exc
            except httpx.HTTPError as exc:
                raise RejectError("fetch_failed", f"{url}: {exc}") from exc
        raise RejectError(
            "fetch_failed", f"{url}: more than {settings.fetch_max_redirects} redirects"
        )
    finally:
        if own:
            client.close()
