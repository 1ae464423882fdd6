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
from sitreps.read.decode import decode_bytes, from_wide_bom, looks_binary, sniff_kind
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
UTF8_BOM = b"\xef\xbb\xbf"
#: Longest story id a record may give: the database keeps ids of up to 512 characters.
MAX_ID_CHARS = 512


def read_bytes(data: bytes, name: str, settings: Settings) -> bytes:
    """Return the story's bytes, gunzipped and UTF-16/32 as UTF-8, after the checks."""
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
    if len(data) > settings.max_story_bytes:
        raise RejectError("too_large", _too_large(settings))
    data = from_wide_bom(data)
    if not data.strip():
        raise RejectError("empty")
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


def _open_error(exc: OSError) -> RejectError:
    if isinstance(exc, FileNotFoundError):
        return RejectError("missing", "no such file or directory")
    return RejectError("unreadable", f"cannot read: {exc.strerror or exc}")


def _read_file(path: Path, name: str, settings: Settings) -> bytes:
    # A compressed story may be up to 4x the limit on disk (it is bounded again unpacked).
    limit = settings.max_story_bytes * (4 if name.endswith(".gz") else 1)
    try:
        size = path.stat().st_size
        # Refuse before reading: a huge file must not be pulled into memory.
        if size > limit:
            raise RejectError("too_large", _too_large(settings))
        # The size of /dev/zero, a FIFO or /proc file says nothing: read at most one byte
        # past the limit, whatever stat said.
        with open(path, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise _open_error(exc) from exc
    if len(data) > limit:
        raise RejectError("too_large", _too_large(settings))
    return data


def _read_stream(stream: IO[bytes], settings: Settings) -> bytes:
    try:
        return stream.read(settings.max_story_bytes + 1)
    except OSError as exc:
        raise _open_error(exc) from exc


def _line_limit(settings: Settings) -> int:
    """Return the longest JSON Lines line read: the story limit, escaped (\\uXXXX is 6x)."""
    return 6 * settings.max_story_bytes + 65_536


def _bounded_lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Return the stream's lines, None for a line over limit bytes (read past, not kept).

    A line that runs on for 16 limits (/dev/zero, a dump without newlines) ends the input.
    """
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        skipped = len(line)
        while not line.endswith(b"\n"):
            if skipped > 16 * limit:
                raise RejectError("too_large", f"a line runs on past {16 * limit:,} bytes")
            line = stream.readline(limit + 1)
            if not line:
                break
            skipped += len(line)
        yield None


def _iter_jsonl(
    lines: IO[bytes], name: str, settings: Settings, published: str | None
) -> Iterator[Story | Reject]:
    number = 0
    records = 0
    try:
        for number, raw in enumerate(_bounded_lines(lines, _line_limit(settings)), start=1):
            where = f"{name}:{number}"
            if raw is None:
                yield Reject(where, "too_large", _too_large(settings), name)
                continue
            if number == 1 and raw.startswith(UTF8_BOM):  # a dump saved by a Windows tool
                raw = raw[len(UTF8_BOM) :]
            if not raw.strip():
                continue
            records += 1
            try:
                record = json.loads(raw)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
            except (ValueError, RecursionError) as exc:  # nesting too deep is RecursionError
                message = f"line {number} is not a JSON object ({str(exc)[:200]})"
                yield Reject(where, "bad_json", message, name)
                continue
            yield story_from_record(record, where, settings, published)
    except RejectError as exc:
        message = f"{exc.message}; the rest is skipped"
        yield Reject(f"{name}:{number + 1}", exc.reason, message, name)
        return
    except OSError as exc:
        yield Reject(f"{name}:{number + 1}", "unreadable", f"cannot read on: {exc}", name)
        return
    if not records and not number:
        yield Reject(name, "empty", "the file holds no JSON records", name)
    elif not records:
        yield Reject(name, "empty", "the file holds only blank lines", name)


def story_from_record(
    record: dict[str, Any], where: str, settings: Settings, published: str | None = None
) -> Story | Reject:
    """Return the Story a JSON record holds, or a Reject (the CLI's and Spark's one reader).

    Field names: ours ({"id", "text"|"html", "published", "url", "title"}) and those other
    news dumps use (see _TEXT_KEYS...). A record without an id is known by where.
    """
    story_id = _text(_first(record, _ID_KEYS)) or where
    if len(story_id) > MAX_ID_CHARS:
        return Reject(where, "bad_json", f"the id is over {MAX_ID_CHARS} characters", where)
    html = _first(record, _HTML_KEYS)
    body = html or _first(record, _TEXT_KEYS)
    if not isinstance(body, str) or not body.strip():
        return Reject(story_id, "empty", "the record has no text or html", where)
    if len(body.encode("utf-8", "replace")) > settings.max_story_bytes:
        return Reject(story_id, "too_large", _too_large(settings), where)
    return Story(
        story_id=story_id,
        content=body,
        kind="html" if isinstance(html, str) else "text",
        url=_text(_first(record, _URL_KEYS)),
        title=_text(_first(record, _TITLE_KEYS)),
        published=_text(_first(record, _DATE_KEYS)) or published,
        origin=where,
    )


def _text(value: Any) -> str | None:
    """Return a record's value as text (ids and dates may be numbers), None when absent."""
    return None if value is None else str(value)


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
    try:
        if name == "-" and stdin is None:
            raise RejectError("unreadable", "no standard input")
        if input_format == "warc" or (
            input_format == "auto" and name.endswith((".warc", ".warc.gz"))
        ):
            yield from _iter_warc(name, settings, stdin)
            return
        if input_format == "feed" or (input_format == "auto" and name.endswith(FEED_SUFFIXES)):
            data = (
                _read_stream(stdin, settings)
                if stdin and name == "-"
                else (_read_file(Path(name), name, settings))
            )
            yield from stories_from_feed(data, name, settings)
            return
        if is_jsonl:
            # Lines are read one at a time, bounded, so a FIFO or /dev/stdin works too.
            if stdin is not None and name == "-":
                yield from _iter_jsonl(stdin, "-", settings, published)
                return
            try:
                fh = open(name, "rb")  # noqa: SIM115 - closed below, after the generator
            except OSError as exc:
                raise _open_error(exc) from exc
            with fh:
                yield from _iter_jsonl(fh, name, settings, published)
            return
        if stdin is not None and name == "-":
            data = _read_stream(stdin, settings)
        else:
            data = _read_file(Path(name), name, settings)
        yield _story_from_bytes(data, name, settings, input_format, published)
    except RejectError as exc:
        yield Reject(name, exc.reason, exc.message, name)


def _iter_warc(name: str, settings: Settings, stdin: IO[bytes] | None) -> Iterator[Story | Reject]:
    counts: dict[str, int] = {}
    if stdin is not None and name == "-":
        yield from stories_from_warc(stdin, name, counts, settings)
    else:
        try:
            fh = open(name, "rb")  # noqa: SIM115 - closed below, after the generator
        except OSError as exc:
            raise _open_error(exc) from exc
        with fh:
            yield from stories_from_warc(fh, name, counts, settings)
    log.info(
        "%s: %d HTML responses, %d other records skipped",
        name,
        counts.get("html", 0),
        counts.get("skipped", 0),
    )
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
