"""The API's gate, run before any route reads a byte of the body.

A pure ASGI middleware: it checks the Host header against the allowed hosts (a page that
rebinds its own DNS name to 127.0.0.1 must not read the API), checks the bearer token and
the role of the write routes (and of reads, when reads need a token) and caps the request
body before the body is read and parsed (a 150 MB unauthenticated POST once cost 270 MB of
memory before its 401), and adds the security headers to every response. Its refusals are
JSON like every other error. Who the token belongs to is asked of an `authenticate`
callable (the users table, see sitreps.store.users); the principal is left in the request
scope under "sitreps.principal" for the routes (and the audit log).
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from dataclasses import dataclass
from typing import Any

from sitreps.store.users import Principal

__all__ = ["SECURITY_HEADERS", "Access", "Guard", "GuardPolicy", "bearer_token", "host_of"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: The map and the docs load scripts, styles, data and tiles from this server only; tiles
#: come from elsewhere only when the user names a tile server (`--tiles URL`), whose origin
#: is then added to img-src. Leaflet and Swagger UI style elements from script, hence
#: 'unsafe-inline' for styles (scripts stay 'self' only).
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:{images}; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)


def security_headers(image_origins: Iterable[str] = ()) -> tuple[tuple[bytes, bytes], ...]:
    """Return the headers every response carries, images allowed from the given origins."""
    extra = "".join(f" {o}" for o in image_origins)
    return (
        (b"content-security-policy", CSP.format(images=extra).encode()),
        (b"x-frame-options", b"DENY"),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"no-referrer"),
    )


def origin_of(url: str | None) -> str | None:
    """Return the scheme://host[:port] of a URL template, or None."""
    if not url:
        return None
    from urllib.parse import urlsplit

    parts = urlsplit(url.replace("{", "").replace("}", ""))
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else None


SECURITY_HEADERS = security_headers()
#: Names every server answers to whatever address it is bound to.
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
#: Bind addresses that name no one host: a server bound to them needs allowed_hosts.
WILDCARDS = ("0.0.0.0", "::", "")


def host_of(header: str) -> str:
    """Return the host name of a Host header value, without the port, lower case."""
    header = header.strip().lower()
    if header.startswith("["):  # [::1]:8000
        return header[1:].split("]", 1)[0]
    if header.count(":") == 1:
        return header.split(":", 1)[0]
    return header


def bearer_token(authorization: str | None) -> str | None:
    """Return the token of an `Authorization: Bearer <token>` value, or None for any other."""
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    token = token.strip()
    return token if scheme.lower() == "bearer" and token else None


@dataclass(frozen=True)
class Access:
    """A route that needs a token whose role grants a permission (sitreps.store.users)."""

    method: str
    path: str  # a regular expression matched against the whole path
    permission: str

    def matches(self, method: str, path: str) -> bool:
        """Return True when a request's method and path are this route's."""
        return method == self.method and re.fullmatch(self.path, path) is not None


#: Methods that only read.
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: Paths any browser must reach without a token even when reads need one: the page, its
#: scripts and tiles, and the API description.
PUBLIC_PATHS = re.compile(r"^/(?:|docs|openapi\.json|static/.*|vendor/.*|tiles/.*|map/config)$")


@dataclass(frozen=True)
class GuardPolicy:
    """What the gate lets through: hosts, who may call which route, the body limit."""

    allowed_hosts: frozenset[str]  # "*" allows any
    token: str | None  # settings.api_token, an ingest-only service token (or None)
    max_body: int  # bytes
    protected: frozenset[tuple[str, str]]  # (method, path) that need the "ingest" permission
    headers: tuple[tuple[bytes, bytes], ...] = SECURITY_HEADERS
    access: tuple[Access, ...] = ()
    #: Reads (GET of data routes) need a token with the "read" permission.
    reads_need_token: bool = False

    @classmethod
    def build(
        cls,
        allowed: Iterable[str],
        bound_host: str | None,
        token: str | None,
        max_body: int,
        protected: Iterable[tuple[str, str]],
        tiles_url: str | None = None,
        access: Iterable[Access] = (),
        reads_need_token: bool = False,
    ) -> GuardPolicy:
        """Return a policy; no allowed hosts given means the bound address and localhost."""
        hosts = {host_of(h) if h != "*" else "*" for h in allowed}
        if not hosts:
            hosts = set(LOCAL_HOSTS)
            if bound_host and bound_host not in WILDCARDS:
                hosts.add(host_of(bound_host))
        origin = origin_of(tiles_url)
        headers = security_headers([origin] if origin else [])
        return cls(
            frozenset(hosts),
            token,
            max_body,
            frozenset(protected),
            headers,
            tuple(access),
            reads_need_token,
        )

    def host_ok(self, host: str) -> bool:
        """Return True when a request naming this host may be answered."""
        return "*" in self.allowed_hosts or host_of(host) in self.allowed_hosts

    def permission(self, method: str, path: str) -> str | None:
        """Return the permission a request needs, or None when anyone may make it."""
        if (method, path) in self.protected:
            return "ingest"
        for rule in self.access:
            if rule.matches(method, path):
                return rule.permission
        if method not in SAFE_METHODS:
            return "write"  # an unknown write: a valid token, then the app's 404 or 405
        if self.reads_need_token and not PUBLIC_PATHS.match(path):
            return "read"
        return None


Authenticate = Callable[[str], Awaitable[Principal | None]]


def _error(status: int, detail: str, extra: tuple[tuple[bytes, bytes], ...] = ()) -> Any:
    body = json.dumps({"detail": detail}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *extra,
    ]

    async def respond(send: Send) -> None:
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    return respond


class Guard:
    """ASGI middleware applying a GuardPolicy before the app sees the request."""

    def __init__(
        self, app: ASGIApp, policy: GuardPolicy, authenticate: Authenticate | None = None
    ) -> None:
        self.app = app
        self.policy = policy
        self.authenticate = authenticate or self._service_token_only

    async def _service_token_only(self, token: str) -> Principal | None:
        import hmac

        known = self.policy.token
        if known and hmac.compare_digest(token.encode(), known.encode()):
            return Principal("api_token", "ingest")
        return None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Refuse or pass on one request; add the security headers to what goes out."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.policy.headers if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        refusal = await self._refusal(scope)
        if refusal is not None:
            await refusal(send_with_headers)
            return
        if scope["method"] not in SAFE_METHODS:
            body = await self._read_body(receive)
            if body is None:
                await _error(413, f"the request body is over {self.policy.max_body} bytes")(
                    send_with_headers
                )
                return
            receive = _replay(body, receive)
        await self.app(scope, receive, send_with_headers)

    async def _refusal(self, scope: Scope) -> Any:
        """Return a responder for a request refused on its headers alone, or None."""
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if not self.policy.host_ok(headers.get("host", "")):
            return _error(400, "this host name is not served here (see allowed_hosts)")
        needed = self.policy.permission(scope["method"], scope["path"])
        if needed is None:
            return None
        given = bearer_token(headers.get("authorization"))
        principal = await self.authenticate(given) if given is not None else None
        if principal is None:
            return _error(
                401,
                "a valid bearer token is required (Authorization: Bearer <token>)",
                ((b"www-authenticate", b"Bearer"),),
            )
        if needed != "write" and not principal.can(needed):
            return _error(403, f"the role {principal.role!r} may not do this (needs {needed!r})")
        scope["sitreps.principal"] = principal
        length = headers.get("content-length", "")
        if length and (not length.isdigit() or int(length) > self.policy.max_body):
            return _error(413, f"the request body is over {self.policy.max_body} bytes")
        return None

    async def _read_body(self, receive: Receive) -> bytes | None:
        """Return the whole body, or None as soon as it grows past the limit."""
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                break
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.policy.max_body:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """Return a receive callable that hands the app the body already read, then waits."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
