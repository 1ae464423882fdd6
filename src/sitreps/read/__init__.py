"""The read stage: turn the user's inputs into Story records, or Rejects saying why not.

Inputs are files (text, HTML, gzip), directories, `-` for stdin, and JSON Lines files.
Nothing here parses a story; it only gets its text in hand, safely and in order.
"""

from __future__ import annotations

import fnmatch
import gzip
import json
import logging
import zlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from sitreps.config import Settings
from sitreps.errors import RejectError
from sitreps.model import InputKind, Reject, Story
from sitreps.read.decode import decode_bytes, looks_binary, sniff_kind
from sitreps.read.sources import stories_from_feed, stories_from_url, stories_from_warc

log = logging.getLogger(__name__)

__all__ = ["DEFAULT_INCLUDE", "iter_stories", "read_bytes", "story_from_record"]

#: File names a directory walk picks up unless told otherwise.
DEFAULT_INCLUDE: tuple[str, ...] = (
    "*.txt",
    "*.html",
    "*.htm",
    "*.txt.gz",
    "*.html.gz",
    "*.jsonl",
    "*.warc",
    "*.warc.gz",
    "*.rss",
    "*.atom",
)
FEED_SUFFIXES = (".rss", ".atom", ".xml")

GZIP_MAGIC = b"\x1f\x8b"


def read_bytes(data: bytes, name: str, settings: Settings) -> bytes:
    """Return the story's bytes, gunzipped if need be, after the empty/size checks."""
    if not data.strip():
        raise RejectError("empty")
    if data[:2] == GZIP_MAGIC:
        try:
            # A bounded decompress: a small gzip must not expand past the size limit.
            d = zlib.decompressobj(16 + zlib.MAX_WBITS)
            data = d.decompress(data, settings.max_story_bytes + 1)
            if len(data) > settings.max_story_bytes:
                raise RejectError("too_large", _too_large(settings))
            if not d.eof:
                raise RejectError("bad_gzip", "the gzip stream is truncated")
        except (zlib.error, EOFError, gzip.BadGzipFile) as exc:
            raise RejectError("bad_gzip", f"the gzip stream is corrupt ({exc})") from exc
        if not data.strip():
            raise RejectError("empty")
    if len(data) > settings.max_story_bytes:
        raise RejectError("too_large", _too_large(settings))
    if looks_binary(data):
        raise RejectError("binary")
    return data


def _too_large(settings: Settings) -> str:
    return f"the story is over the size limit of {settings.max_story_bytes:,} bytes"


def _story_from_bytes(
    data: bytes, story_id: str, settings: Settings, input_format: str, published: str | None
) -> Story:
    data = read_bytes(data, story_id, settings)
    kind: InputKind
    if input_format in ("text", "html"):
        kind = "html" if input_format == "html" else "text"
    else:
        kind = sniff_kind(data)
    text = decode_bytes(data, html=kind == "html")
    return Story(story_id=story_id, content=text, kind=kind, published=published, origin=story_id)


def _read_file(path: Path, name: str, settings: Settings) -> bytes:
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise RejectError("missing", "no such file or directory") from exc
    except OSError as exc:
        raise RejectError("unreadable", f"cannot read: {exc.strerror}") from exc
    # Refuse before reading: a huge file must not be pulled into memory.
    if size > settings.max_story_bytes and not name.endswith(".gz"):
        raise RejectError("too_large", _too_large(settings))
    if size > 4 * settings.max_story_bytes:
        raise RejectError("too_large", _too_large(settings))
    try:
        return path.read_bytes()
    except OSError as exc:
        raise RejectError("unreadable", f"cannot read: {exc.strerror}") from exc


def _iter_jsonl(
    lines: IO[bytes], name: str, settings: Settings, published: str | None
) -> Iterator[Story | Reject]:
    for number, raw in enumerate(lines, start=1):
        if not raw.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(raw)
            if not isinstance(record, dict):
                raise ValueError("not a JSON object")
        except ValueError as exc:
            yield Reject(where, "bad_json", f"line {number} is not a JSON object ({exc})", name)
            continue
        yield story_from_record(record, where, settings, published)


def story_from_record(
    record: dict[str, Any], where: str, settings: Settings, published: str | None = None
) -> Story | Reject:
    """Return the Story a JSON record holds, or a Reject (the CLI's and Spark's one reader).

    Field names: ours ({"id", "text"|"html", "published", "url", "title"}) and those other
    news dumps use (see _TEXT_KEYS...). A record without an id is known by where.
    """
    story_id = str(_first(record, _ID_KEYS) or where)
    html = _first(record, _HTML_KEYS)
    body = html or _first(record, _TEXT_KEYS)
    if not isinstance(body, str) or not body.strip():
        return Reject(story_id, "empty", "the record has no text or html", where)
    if len(body.encode("utf-8", "replace")) > settings.max_story_bytes:
        return Reject(story_id, "too_large", _too_large(settings), where)
    when = _first(record, _DATE_KEYS)
    return Story(
        story_id=story_id,
        content=body,
        kind="html" if html else "text",
        url=_first(record, _URL_KEYS) or None,
        title=_first(record, _TITLE_KEYS) or None,
        published=str(when) if when not in (None, "") else published,
        origin=where,
    )


#: The field names news dumps use for each part of a story, ours first: common crawlers'
#: and datasets' (news-please's maintext and date_publish, "body", "content"...).
_ID_KEYS = ("id", "story_id", "doc_id", "docid", "uuid", "article_id")
_HTML_KEYS = ("html", "raw_html")
_TEXT_KEYS = ("text", "body", "content", "maintext", "article", "article_text", "story")
_TITLE_KEYS = ("title", "headline")
_URL_KEYS = ("url", "link", "source_url")
_DATE_KEYS = (
    "published",
    "date_publish",
    "publish_date",
    "published_at",
    "pubdate",
    "date",
    "datetime",
)


def _first(record: dict[str, Any], keys: Sequence[str]) -> Any:
    """Return the record's first non-empty value among keys (strings and numbers only)."""
    for key in keys:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value
    return None


def _walk(directory: Path, include: Sequence[str], exclude: Sequence[str]) -> list[Path]:
    found = []
    for path in sorted(directory.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(directory).as_posix()
        if not any(fnmatch.fnmatch(path.name, pat) or fnmatch.fnmatch(rel, pat) for pat in include):
            continue
        if any(fnmatch.fnmatch(path.name, pat) or fnmatch.fnmatch(rel, pat) for pat in exclude):
            continue
        found.append(path)
    return found


def _iter_one(
    name: str,
    settings: Settings,
    input_format: str,
    published: str | None,
    stdin: IO[bytes] | None,
) -> Iterator[Story | Reject]:
    is_jsonl = input_format == "jsonl" or (input_format == "auto" and name.endswith(".jsonl"))
    if name.startswith(("http://", "https://")):
        yield from stories_from_url(name, settings)
        return
    if input_format == "warc" or (input_format == "auto" and name.endswith((".warc", ".warc.gz"))):
        yield from _iter_warc(name)
        return
    try:
        if input_format == "feed" or (input_format == "auto" and name.endswith(FEED_SUFFIXES)):
            data = _read_file(Path(name), name, settings)
            yield from stories_from_feed(data, name, settings)
            return
        if name == "-":
            if stdin is None:
                raise RejectError("unreadable", "no standard input")
            if is_jsonl:
                yield from _iter_jsonl(stdin, "-", settings, published)
                return
            data = stdin.read(settings.max_story_bytes + 1)
        else:
            path = Path(name)
            if is_jsonl and path.is_file():
                with open(path, "rb") as fh:
                    yield from _iter_jsonl(fh, name, settings, published)
                return
            data = _read_file(path, name, settings)
        yield _story_from_bytes(data, name, settings, input_format, published)
    except RejectError as exc:
        yield Reject(name, exc.reason, exc.message, name)


def _iter_warc(name: str) -> Iterator[Story | Reject]:
    counts: dict[str, int] = {}
    try:
        with open(name, "rb") as fh:
            yield from stories_from_warc(fh, name, counts)
    except FileNotFoundError:
        yield Reject(name, "missing", "no such file or directory", name)
    except OSError as exc:
        yield Reject(name, "unreadable", f"cannot read: {exc.strerror}", name)
    log.info(
        "%s: %d HTML responses, %d other records skipped",
        name,
        counts.get("html", 0),
        counts.get("skipped", 0),
    )


def iter_stories(
    inputs: Sequence[str],
    *,
    settings: Settings,
    input_format: str = "auto",
    published: str | None = None,
    stdin: IO[bytes] | None = None,
    include: Sequence[str] = DEFAULT_INCLUDE,
    exclude: Sequence[str] = (),
) -> Iterator[Story | Reject]:
    """Return a Story or a Reject for every story in the inputs, in the order given."""
    for name in inputs:
        path = Path(name)
        if name != "-" and path.is_dir():
            for child in _walk(path, include, exclude):
                yield from _iter_one(str(child), settings, input_format, published, stdin)
            continue
        yield from _iter_one(name, settings, input_format, published, stdin)
