"""Users, their roles and tokens, and the audit log of every write.

A token is `secrets.token_urlsafe(32)` (256 random bits), shown once when the user is made;
the database keeps only its SHA-256 (a fast hash is the standard for high-entropy random
tokens: there is nothing to brute-force), and tokens are compared with hmac.compare_digest.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from sitreps.errors import CorrectionError, NotFoundError
from sitreps.store.schema import audit as audit_t
from sitreps.store.schema import users as users_t

__all__ = [
    "PERMISSIONS",
    "ROLES",
    "Principal",
    "add_user",
    "audit_log",
    "authenticate",
    "hash_token",
    "list_users",
    "record",
    "remove_user",
]

#: What each role may do. "read" the events; "ingest" stories (POST /stories); "edit":
#: correct, split, merge and review events; "admin": manage users.
PERMISSIONS: dict[str, frozenset[str]] = {
    "reader": frozenset({"read"}),
    "ingest": frozenset({"read", "ingest"}),
    "editor": frozenset({"read", "edit"}),
    "admin": frozenset({"read", "ingest", "edit", "admin"}),
}
ROLES = tuple(PERMISSIONS)
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.@-]{0,99}$")


@dataclass(frozen=True)
class Principal:
    """Who a request or command acts as: a user name and a role."""

    name: str
    role: str

    def can(self, permission: str) -> bool:
        """Return True when the role grants this permission."""
        return permission in PERMISSIONS.get(self.role, frozenset())


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def hash_token(token: str) -> str:
    """Return the hex SHA-256 of a token (what the users table keeps)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def add_user(
    engine: Engine, name: str, role: str, by: str = "cli", route: str = "sitreps users add"
) -> str:
    """Create a user and return its new token (shown once, never stored)."""
    if not _NAME.match(name):
        raise CorrectionError(
            f"user name {name!r}: use letters, digits and . _ @ - (at most 100 characters)"
        )
    if role not in PERMISSIONS:
        raise CorrectionError(f"role {role!r} is not one of {', '.join(ROLES)}")
    token = secrets.token_urlsafe(32)
    try:
        with engine.begin() as conn:
            conn.execute(
                users_t.insert().values(
                    name=name,
                    role=role,
                    token_hash=hash_token(token),
                    created_at=_now(),
                    created_by=by,
                )
            )
            record(conn, by, "user.add", route, name, {"role": role})
    except IntegrityError as exc:
        raise CorrectionError(f"a user named {name!r} exists already") from exc
    return token


def remove_user(
    engine: Engine, name: str, by: str = "cli", route: str = "sitreps users remove"
) -> None:
    """Delete a user (its token stops working at once)."""
    with engine.begin() as conn:
        gone = conn.execute(users_t.delete().where(users_t.c.name == name)).rowcount
        if not gone:
            raise NotFoundError(f"no user named {name!r}")
        record(conn, by, "user.remove", route, name)


def list_users(engine: Engine) -> list[dict[str, Any]]:
    """Return every user: name, role, when and by whom it was made (no token hashes)."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                users_t.c.name, users_t.c.role, users_t.c.created_at, users_t.c.created_by
            ).order_by(users_t.c.name)
        ).mappings()
        return [dict(r) for r in rows]


def authenticate(engine: Engine, token: str, service_token: str | None = None) -> Principal | None:
    """Return who a bearer token belongs to, or None.

    service_token is settings.api_token: the single token of earlier versions, kept as a
    principal with the "ingest" role so that existing ingest scripts go on working.
    """
    if service_token and hmac.compare_digest(token.encode(), service_token.encode()):
        return Principal("api_token", "ingest")
    digest = hash_token(token)
    with engine.connect() as conn:
        row = conn.execute(
            select(users_t.c.name, users_t.c.role, users_t.c.token_hash).where(
                users_t.c.token_hash == digest
            )
        ).first()
    if row is None or not hmac.compare_digest(row.token_hash, digest):
        return None
    return Principal(row.name, row.role)


def record(
    conn: Connection,
    user: str,
    action: str,
    route: str,
    target: str | None = None,
    detail: dict[str, Any] | None = None,
) -> None:
    """Add a line to the audit log (in the caller's transaction, with the write itself)."""
    conn.execute(
        audit_t.insert().values(
            at=_now(),
            user_name=user,
            action=action,
            route=route[:200],
            target=target,
            detail=json.dumps(detail) if detail else None,
        )
    )


def audit_log(engine: Engine, limit: int = 1000) -> list[dict[str, Any]]:
    """Return the latest audit lines, newest first."""
    with engine.connect() as conn:
        rows = conn.execute(select(audit_t).order_by(audit_t.c.id.desc()).limit(limit)).mappings()
        return [
            dict(r) | {"detail": json.loads(r["detail"]) if r["detail"] else None} for r in rows
        ]
