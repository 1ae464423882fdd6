"""One exception tree for sitreps, and the catalogue of reject reason codes.

The CLI and the API are the only places that turn these into exit codes or HTTP statuses.
"""

from __future__ import annotations

import re

#: Stable reason codes for rejected stories, with what they mean. Tests and the
#: rejects table rely on these names: add new ones, never rename.
REASONS: dict[str, str] = {
    "missing": "the input does not exist",
    "unreadable": "the input could not be read",
    "empty": "the input is empty",
    "binary": "the input is binary, not text or HTML",
    "too_large": "the input is over the size limit",
    "bad_gzip": "the gzip stream is truncated or corrupt",
    "bad_encoding": "the bytes could not be decoded as text",
    "bad_json": "the JSON Lines record is malformed",
    "no_article": "no article text was found",
    "not_english": "the story is not in English",
    "not_news": "the text does not read as a news story",
    "duplicate": "the same story was already ingested",
    "duplicate_id": "the record repeats an earlier one of the same batch (same id and content)",
    "fetch_failed": "the URL could not be fetched",
    "blocked_address": "the URL points at a private, loopback or link-local address",
    "bad_feed": "the feed could not be parsed",
    "bad_warc": "the WARC file could not be read",
    "over_limit": "a feed's page-fetch cap or deadline was reached; left for the next poll",
    "internal": "sitreps failed on this story (a bug: please report it)",
}


_CONTROLS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
#: Longest message one_line keeps: a database error quoting a 5 MB story must not flood
#: the terminal.
MAX_LINE = 500


def one_line(text: str) -> str:
    """Return text as a single line: line breaks and control characters become one space.

    A library error (an SQL dump, a parser's context) and a hostile input name (a JSON
    Lines id holding newlines) must not break the one-line-per-error promise on stderr.
    Only the first line of a multi-line database error is kept: the rest repeats the SQL.
    """
    if "\n[SQL:" in text:
        text = text.split("\n[SQL:", 1)[0]
    text = _CONTROLS.sub(" ", text).strip()
    return text if len(text) <= MAX_LINE else text[: MAX_LINE - 1] + "…"


class SitrepsError(Exception):
    """Base of every error sitreps raises on purpose."""


class ConfigError(SitrepsError):
    """The configuration or a command-line option is invalid."""


class RejectError(SitrepsError):
    """A story cannot be processed; carries a reason code from REASONS."""

    def __init__(self, reason: str, message: str | None = None) -> None:
        if reason not in REASONS:
            raise ValueError(f"unknown reject reason {reason!r}")
        self.reason = reason
        self.message = message or REASONS[reason]
        super().__init__(self.message)


class StoreError(SitrepsError):
    """The database could not be opened, migrated or written."""


class QueryError(SitrepsError):
    """An event query is malformed: a bad date, cursor, sort key or filter text."""


class GazetteerError(SitrepsError):
    """The gazetteer could not be built, imported or opened."""


class ModelError(SitrepsError):
    """An NLP model or trained weights could not be loaded."""


class NotFoundError(SitrepsError):
    """An event or a user that a write names does not exist."""


class CorrectionError(SitrepsError):
    """A correction, review or user change is invalid (a bad field, value or role)."""


class ConflictError(CorrectionError):
    """A correction cannot apply to the event as it is (nothing to split, already merged)."""
