"""Stories from feeds (RSS/Atom), URLs and WARC archives."""

from __future__ import annotations

import contextlib
import io
import logging
import time
from collections.abc import Callable, Iterator
from typing import IO, Any

from sitreps.config import Settings
from sitreps.errors import RejectError
from sitreps.model import Reject, Story
from sitreps.read.decode import decode_bytes, looks_binary, sniff_kind
from sitreps.read.fetch import fetch

log = logging.getLogger(__name__)

__all__ = ["is_feed", "stories_from_feed", "stories_from_url", "stories_from_warc"]

#: Feed entries whose own content runs at least this many words are used as they are;
#: shorter ones are summaries, and the linked page is fetched.
FULL_ENTRY_WORDS = 150


def is_feed(content_type: str, body: bytes) -> bool:
    """Return True when a response or file is an RSS or Atom feed."""
    head = body[:2000].lower()
    return (
        (any(t in content_type for t in ("rss", "atom", "xml")) and b"<html" not in head)
        or b"<rss" in head
        or b"<feed" in head
        or b"<rdf:rdf" in head
    )


def stories_from_feed(
    body: bytes,
    origin: str,
    settings: Settings,
    fetch_pages: bool = True,
    known: Callable[[str], bool] | None = None,
) -> Iterator[Story | Reject]:
    """Return a Story (or Reject) per feed entry; summaries are replaced by the linked page.

    Entries whose story id `known` recognises are skipped before anything is fetched.
    """
    import feedparser

    try:
        parsed = feedparser.parse(body)
    except Exception as exc:  # feedparser's parsers raise many kinds on hostile markup
        raise RejectError("bad_feed", f"{origin} could not be parsed ({exc})") from exc
    if parsed.bozo and not parsed.entries:
        raise RejectError(
            "bad_feed",
            f"{origin} is not a readable RSS or Atom feed ({type(parsed.bozo_exception).__name__})",
        )
    if not parsed.entries:
        raise RejectError("empty", f"{origin} has no feed entries")
    # One feed read has one deadline and a cap on pages fetched: a feed of a thousand
    # entries on a slow site must not hold `watch` for hours.
    deadline = time.monotonic() + settings.feed_timeout
    pages = 0
    for entry in parsed.entries:
        link = _string(entry.get("link"))
        story_id = link or _string(entry.get("id")) or f"{origin}#{entry.get('title', '')}"
        if known is not None and known(story_id):
            continue
        published = _string(entry.get("published") or entry.get("updated"))
        content = ""
        if entry.get("content"):
            content = _string(entry["content"][0].get("value")) or ""
        content = content or _string(entry.get("summary")) or ""
        if len(content.split()) < FULL_ENTRY_WORDS and link and fetch_pages:
            if pages >= settings.feed_max_pages or time.monotonic() >= deadline:
                limit = (
                    f"{settings.feed_max_pages} pages"
                    if pages >= settings.feed_max_pages
                    else f"{settings.feed_timeout:g} s"
                )
                message = f"not fetched: this feed read reached its limit of {limit}"
                yield Reject(story_id, "over_limit", message, origin)
                continue
            pages += 1
            try:
                page = fetch(link, settings, deadline=deadline)
                text = decode_bytes(page.body, html=True)
                yield Story(
                    story_id,
                    text,
                    kind=sniff_kind(page.body),
                    url=link,
                    title=_string(entry.get("title")),
                    published=published,
                    origin=origin,
                )
            except RejectError as exc:
                yield Reject(story_id, exc.reason, exc.message, origin)
            continue
        if not content.strip():
            yield Reject(story_id, "empty", "the feed entry has no text", origin)
            continue
        yield Story(
            story_id,
            content,
            kind="html",
            url=link,
            title=_string(entry.get("title")),
            published=published,
            origin=origin,
        )


def _string(value: object) -> str | None:
    """Return a feed field that is text, else None (hostile feeds put lists and dicts there)."""
    return value if isinstance(value, str) and value else None


def stories_from_url(url: str, settings: Settings) -> Iterator[Story | Reject]:
    """Return the story at a URL, or one story per entry when the URL is a feed."""
    try:
        page = fetch(url, settings)
        if is_feed(page.content_type, page.body):
            yield from stories_from_feed(page.body, url, settings)
            return
        if looks_binary(page.body):
            raise RejectError("binary", f"{url} is not a web page ({page.content_type[:100]})")
        text = decode_bytes(page.body, html=True)
        yield Story(url, text, kind=sniff_kind(page.body), url=page.url, origin=url)
    except RejectError as exc:
        yield Reject(url, exc.reason, exc.message, url)


def _archive_records(stream: IO[bytes]) -> Iterator[Any]:
    """Return warcio's records of a stream; its warnings are logged, not written to stderr."""
    from warcio.archiveiterator import ArchiveIterator

    class QuietArchiveIterator(ArchiveIterator):
        # warcio writes "WARNING: Record not followed by newline" straight to sys.stderr,
        # from this one method; the redirect lasts only for the call.
        def _consume_blanklines(self) -> Any:
            with contextlib.redirect_stderr(_LogWriter()):
                return super()._consume_blanklines()

    return iter(QuietArchiveIterator(stream))


class _LogWriter(io.StringIO):
    """A stderr stand-in that logs each line written at debug level."""

    def write(self, text: str) -> int:
        """Log the text (one line) and return its length."""
        if text.strip():
            log.debug("warcio: %s", text.strip())
        return len(text)


def stories_from_warc(
    stream: IO[bytes],
    name: str,
    counts: dict[str, int] | None = None,
    settings: Settings | None = None,
) -> Iterator[Story | Reject]:
    """Return a Story per HTML response record of a WARC stream; other records are counted.

    A record that cannot be read ends the file with one bad_warc reject (the stories
    before it are kept): warcio raises many kinds of error on malformed records.
    """
    counts = counts if counts is not None else {}
    limit = (settings or Settings()).max_story_bytes
    try:
        for record in _archive_records(stream):
            if record.format not in ("warc", "arc2warc"):
                # warcio reads any line as an old ARC header: a text file named .warc is no
                # WARC file, whatever warcio makes of it.
                raise ValueError("no WARC/1.x record header")
            ctype = ""
            if record.http_headers is not None:
                ctype = record.http_headers.get_header("Content-Type") or ""
            if record.rec_type != "response" or "html" not in ctype:
                counts["skipped"] = counts.get("skipped", 0) + 1
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            counts["html"] = counts.get("html", 0) + 1
            story_id = url or f"{name}#{counts['html']}"
            body = record.content_stream().read(limit + 1)
            if len(body) > limit:
                message = f"the WARC record is over the size limit of {limit:,} bytes"
                yield Reject(story_id, "too_large", message, name)
                continue
            try:
                text = decode_bytes(body, html=True)
            except RejectError as exc:
                yield Reject(story_id, exc.reason, exc.message, name)
                continue
            yield Story(
                story_id,
                text,
                kind="html",
                url=url or None,
                published=record.rec_headers.get_header("WARC-Date"),
                origin=name,
            )
    except Exception as exc:  # warcio: ArchiveLoadFailed, AttributeError, ValueError, zlib...
        where = f" after {sum(counts.values())} records" if counts else ""
        message = f"the WARC file could not be read{where} ({type(exc).__name__}: {exc})"
        yield Reject(name, "bad_warc", message, name)
        return
    if not counts:
        yield Reject(name, "bad_warc", "no WARC records found (truncated or not a WARC)", name)
    elif not counts.get("html"):
        message = f"no HTML responses in the WARC file ({counts['skipped']} other records)"
        yield Reject(name, "empty", message, name)
