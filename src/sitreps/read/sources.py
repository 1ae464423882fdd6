"""Stories from feeds (RSS/Atom), URLs and WARC archives."""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterator
from typing import IO

from sitreps.config import Settings
from sitreps.errors import RejectError
from sitreps.model import Reject, Story
from sitreps.read.decode import decode_bytes, looks_binary, sniff_kind
from sitreps.read.fetch import fetch

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

    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        raise RejectError(
            "bad_feed",
            f"{origin} is not a readable RSS or Atom feed ({type(parsed.bozo_exception).__name__})",
        )
    for entry in parsed.entries:
        link = entry.get("link")
        story_id = link or entry.get("id") or f"{origin}#{entry.get('title', '')}"
        if known is not None and known(story_id):
            continue
        published = entry.get("published") or entry.get("updated")
        content = ""
        if entry.get("content"):
            content = entry["content"][0].get("value", "")
        content = content or entry.get("summary", "")
        if len(content.split()) < FULL_ENTRY_WORDS and link and fetch_pages:
            try:
                page = fetch(link, settings)
                text = decode_bytes(page.body, html=True)
                yield Story(
                    story_id,
                    text,
                    kind=sniff_kind(page.body),
                    url=link,
                    title=entry.get("title"),
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
            title=entry.get("title"),
            published=published,
            origin=origin,
        )


def stories_from_url(url: str, settings: Settings) -> Iterator[Story | Reject]:
    """Return the story at a URL, or one story per entry when the URL is a feed."""
    try:
        page = fetch(url, settings)
        if is_feed(page.content_type, page.body):
            yield from stories_from_feed(page.body, url, settings)
            return
        if looks_binary(page.body):
            raise RejectError("binary", f"{url} is not a web page ({page.content_type})")
        text = decode_bytes(page.body, html=True)
        yield Story(url, text, kind=sniff_kind(page.body), url=page.url, origin=url)
    except RejectError as exc:
        yield Reject(url, exc.reason, exc.message, url)


def stories_from_warc(
    stream: IO[bytes], name: str, counts: dict[str, int] | None = None
) -> Iterator[Story | Reject]:
    """Return a Story per HTML response record of a WARC stream; other records are counted."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    counts = counts if counts is not None else {}
    try:
        for record in ArchiveIterator(stream):
            ctype = ""
            if record.http_headers is not None:
                ctype = record.http_headers.get_header("Content-Type") or ""
            if record.rec_type != "response" or "html" not in ctype:
                counts["skipped"] = counts.get("skipped", 0) + 1
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            body = record.content_stream().read()
            counts["html"] = counts.get("html", 0) + 1
            yield Story(
                url or f"{name}#{counts['html']}",
                decode_bytes(body, html=True),
                kind="html",
                url=url or None,
                published=record.rec_headers.get_header("WARC-Date"),
                origin=name,
            )
    except (ArchiveLoadFailed, OSError, ValueError, EOFError, zlib.error) as exc:
        yield Reject(name, "bad_warc", f"the WARC file could not be read ({exc})", name)
        return
    if not counts:
        yield Reject(name, "bad_warc", "no WARC records found (truncated or not a WARC)", name)
