"""Database locations: a file path or a URL, and how to show one without its password."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

__all__ = ["database_url", "hide_password", "masked_url"]


def database_url(url_or_path: str) -> str:
    """Return an SQLAlchemy URL for a file path or a database URL."""
    if "://" in url_or_path:
        if url_or_path.startswith("postgresql://"):
            return "postgresql+psycopg://" + url_or_path[len("postgresql://") :]
        return url_or_path
    return f"sqlite:///{Path(url_or_path).expanduser()}"


def masked_url(url_or_path: str) -> str:
    """Return a database path or URL fit to print: any password replaced by ***."""
    if "://" not in url_or_path:
        return url_or_path
    try:
        return make_url(url_or_path).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):  # not a URL SQLAlchemy reads: show the scheme only
        return url_or_path.split("://", 1)[0] + "://***"


def hide_password(message: str, url_or_path: str) -> str:
    """Return an error message with the URL's password (if any) masked wherever it appears."""
    try:
        password = make_url(database_url(url_or_path)).password
    except (ArgumentError, ValueError):
        password = None
    message = message.replace(url_or_path, masked_url(url_or_path))
    return message.replace(str(password), "***") if password else message
