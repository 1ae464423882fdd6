"""The clean stage: a Story's body text without site clutter, and its metadata.

HTML goes through trafilatura, whose body we prune of link lists, teasers and trailing
site lines (sitreps.clean.htmlbody) and re-extract whole when the page splits the story
into several containers (sitreps.clean.splitbody); text already extracted from a site goes
through our scored paragraph classifier (sitreps.clean.paragraphs). Either way the result
is a Document whose text holds only the news paragraphs, separated by blank lines.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from datetime import datetime
from functools import lru_cache
from typing import Any

from lxml.html import HtmlElement

from sitreps.clean.htmlbody import body_text, has_layout_table, prune_body
from sitreps.clean.metadata import (
    agency_in_dateline,
    english_share,
    parse_agency_credit,
    parse_byline,
    parse_dateline,
    parse_published,
)
from sitreps.clean.paragraphs import Paragraph, classify, split_paragraphs
from sitreps.clean.splitbody import joined_body_page
from sitreps.config import Settings
from sitreps.errors import RejectError
from sitreps.model import Document, Segment, Story

__all__ = ["MIN_ENGLISH_SHARE", "MIN_TEXT_WORDS", "MIN_WORDS", "clean", "clean_html", "repair"]

#: Fewer words than this after cleaning a page is no article (a menu line).
MIN_WORDS = 6
#: Fewer words than this in text is no story. A headline given alone is a story in its
#: shortest form ("Five LRA rebels killed", "More clashes in CAR": a quarter of the UCDP
#: GED titles in ../shared/train have fewer than six words); "Hello there." is not.
MIN_TEXT_WORDS = 3
_LETTER = re.compile(r"[^\W\d_]")
#: A text of one line up to this many words is a headline given alone: it is kept as the
#: story even when it reads like a menu line or a title.
ONE_LINE_WORDS = 40
#: English function-word share below which a story is not English; English news measures
#: 0.30-0.40 (our samples and the seed), Spanish and French paragraphs under 0.05.
MIN_ENGLISH_SHARE = 0.12
#: Texts shorter than this are not judged for language: a headline ("Russian jets pound
#: Idlib countryside, 9 dead") has few function words (5% of the GED headlines in
#: ../shared/train were rejected as not English), and a short foreign text yields no event.
MIN_JUDGED_WORDS = 30


@lru_cache(maxsize=1)
def _ftfy_config() -> Any:
    import ftfy

    return ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=True,
        fix_encoding=True,
        restore_byte_a0=True,
        replace_lossy_sequences=True,
        decode_inconsistent_utf8=True,
        fix_c1_controls=True,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=True,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )

_META_PUBLISHED = re.compile(
    r"""<meta[^>]+(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|"""
    r"""datePublished|pubdate|publishdate|date|dc\.date)["'][^>]*>""",
    re.I,
)
_CONTENT = re.compile(r"""content\s*=\s*["']([^"']+)["']""", re.I)


def repair(text: str) -> str:
    """Return text with broken encoding repaired ("â€™" -> "’"), everything else as it was.

    ftfy undoes mojibake (UTF-8 read as Windows-1252 and the like) before anything else
    reads the text; its other fixes (quotes, widths, ligatures, HTML entities, line breaks,
    Unicode normalisation) stay off, so clean text keeps its characters and offsets.
    """
    if text.isascii():
        return text
    import ftfy

    return str(ftfy.fix_text(text, _ftfy_config()))


def clean(story: Story, settings: Settings) -> Document:
    """Return the cleaned Document for a story; raise RejectError when it has no usable text."""
    if not story.content or not story.content.strip():
        raise RejectError("empty")
    fixed = repair(story.content)
    if fixed != story.content:
        story = dataclasses.replace(story, content=fixed)
    doc = clean_html(story) if story.kind == "html" else _clean_text(story)
    words = len(doc.text.split())
    if story.kind != "html":  # a text's words must be words: "0 0 ‘" is no headline
        words = sum(1 for w in doc.text.split() if _LETTER.search(w))
    if words < (MIN_WORDS if story.kind == "html" else MIN_TEXT_WORDS):
        raise RejectError("no_article", f"no article text was found ({words} words)")
    share = english_share(doc.text)
    if share < MIN_ENGLISH_SHARE and words >= MIN_JUDGED_WORDS:
        raise RejectError(
            "not_english", f"the story is not in English (English word share {share:.2f})"
        )
    doc.language = "en"
    if doc.published is None:
        doc.published = parse_published(story.published)
    # The store keeps these in bounded columns (a page's author meta can run to pages).
    doc.source = _short(doc.source, 200)
    doc.byline = _short(doc.byline, 300)
    doc.site = _short(doc.site, 200)
    return doc


def _short(value: str | None, limit: int) -> str | None:
    """Return value cut to limit characters (an ellipsis marks the cut)."""
    if value is None or len(value) <= limit:
        return value
    return value[: limit - 1] + "…"


def _join(paragraphs: list[Paragraph]) -> tuple[str, list[Segment]]:
    parts: list[str] = []
    segments: list[Segment] = []
    pos = 0
    for p in paragraphs:
        if parts:
            pos += 2
        segments.append(Segment(pos, p.start, len(p.text)))
        parts.append(p.text)
        pos += len(p.text)
    return "\n\n".join(parts), segments


#: A wire's desk label before a headline: "UPDATE 1-Four peacekeepers killed ...", "2ND LEAD
#: Elections in ...", "REFILE-...". It is no part of the news (its number counts nothing).
_SLUG = re.compile(
    r"(?:(?:UPDATE|WRAPUP)(?:\s*\d+(?=\s*[-:]))?|REFILE|RPT|CORRECTED|URGENT|FLASH|EXCLUSIVE|"
    r"\d+(?:ST|ND|RD|TH)\s+LEAD|LEAD|"
    # Xinhua's "1st LD Writethru:", "3rd LD-Writethru:"
    r"(?:\d+(?:st|nd|rd|th)\s+)?LD(?:[- ]Writethru)?|Writethru)"
    r"(?:\s*[-:]\s*|\s+(?=[A-Z0-9]))(?=\S)"
)


def _without_slug(p: Paragraph) -> Paragraph:
    """Return the paragraph without a wire's desk label at its start (offsets kept)."""
    m = _SLUG.match(p.text)
    if m is None or len(p.text) - m.end() < 10:
        return p
    return dataclasses.replace(p, text=p.text[m.end() :], start=p.start + m.end())


def _clean_text(story: Story) -> Document:
    paragraphs = classify(split_paragraphs(story.content))
    news = [p for p in paragraphs if p.label == "news"]
    if not news and len(paragraphs) == 1 and len(paragraphs[0].text.split()) <= ONE_LINE_WORDS:
        # One line and nothing else: a headline given alone ("Herdsmen Kill 2, Benue") is
        # the whole story, though it scores as a title or a menu line on a page.
        news = list(paragraphs)
    if not news:
        # Nothing scored as news: keep long, sentence-shaped paragraphs that only leaned
        # towards boilerplate rather than lose a story (nothing ingested is lost).
        news = [
            p
            for p in paragraphs
            if p.label == "boilerplate" and p.score < 2.0 and len(p.text.split()) >= 25
        ]
    text, segments = _join([_without_slug(p) for p in news])
    doc = Document(
        story_id=story.story_id,
        text=text,
        title=story.title,
        url=story.url,
        segments=segments,
        origin=story.origin,
        captions=[],
    )
    for p in paragraphs:
        if p.label == "headline" and doc.title is None:
            doc.title = p.text
        elif p.label == "dateline" and doc.published is None:
            doc.published = parse_dateline(p.text)
        elif p.label == "caption" and not any(p.text in c or c in p.text for c in doc.captions):
            doc.captions.append(p.text)
        elif p.label == "credit" and doc.source is None:
            doc.source = parse_agency_credit(p.text)
        elif p.label == "byline" and doc.byline is None:
            doc.byline = parse_byline(p.text)
    if doc.source is None and news:
        doc.source = agency_in_dateline(news[0].text)
    return doc


def _html_published(html: str) -> datetime | None:
    for tag in _META_PUBLISHED.findall(html[:200_000]):
        m = _CONTENT.search(tag)
        if m:
            found = parse_published(m.group(1))
            if found is not None:
                return found
    return None


_TAG = re.compile(r"<(script|style|nav|header|footer|aside|form)\b.*?</\1\s*>|<[^>]+>", re.S | re.I)


def _markup_fallback(markup: str) -> str:
    """Return the text between tags, one block per line: for pages trafilatura gives up on."""
    import html

    text = html.unescape(_TAG.sub("\n", markup))
    lines = [line.strip() for line in text.splitlines()]
    # Only sentences: menus and link lists are short fragments without a full stop.
    return "\n".join(line for line in lines if len(line.split()) >= 8 and "." in line)


def _trafilatura(page: str | HtmlElement, url: str | None, *, include_tables: bool) -> Any:
    """Return trafilatura's extraction result for a page (None when it finds none)."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            page,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=include_tables,
            include_links=True,
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise RejectError("no_article", f"the page could not be parsed ({exc})") from exc


def _extract_body(page: str | HtmlElement, url: str | None) -> tuple[Any, str]:
    """Return trafilatura's result for a page and its body text with site clutter pruned."""
    # Default settings: favor_recall and our paragraph filter both lowered body F1 on the
    # 181-page benchmark (benchmarks/article_extraction.py; 0.953 default, 0.923 with
    # favor_recall and the filter), so trafilatura decides what is body text. Links are
    # kept in its tree only so that prune_body can tell link lists and teasers from prose
    # (0.9594 -> 0.9712 on the same benchmark); body_text flattens them to words. Data
    # tables are body text (standings, tallies: 0.9712 -> 0.9748), but a page laid out
    # in a table would bring its sidebars along, so such a page is read without tables.
    result = _trafilatura(page, url, include_tables=True)
    if result is not None and result.body is not None and has_layout_table(result.body):
        result = _trafilatura(page, url, include_tables=False)
    tree = getattr(result, "body", None)
    if tree is None:
        return result, ""
    pruned = copy.deepcopy(tree)
    prune_body(pruned)
    # A page that is nothing but what the pruning removes keeps trafilatura's body.
    return result, body_text(pruned).strip() or body_text(tree)


def clean_html(story: Story) -> Document:
    """Return the Document of an HTML page: trafilatura's body and metadata, captions out."""
    result, body = _extract_body(story.content, story.url)
    if body.strip():
        joined = joined_body_page(story.content, body)
        if joined is not None:
            joined_result, joined_body = _extract_body(joined, story.url)
            if len(joined_body) > len(body):
                result, body = joined_result, joined_body
    if not body.strip():
        body = _markup_fallback(story.content)
    if not body.strip():
        raise RejectError("no_article")
    # trafilatura keeps captions and credit lines that sit inside the article element:
    # run its output through the same paragraph classifier as pasted text.
    paragraphs = classify(split_paragraphs(body))
    # Only captions, credit lines and bylines come out of trafilatura's body.
    kept = [p for p in paragraphs if p.label not in ("caption", "credit", "byline", "dateline")]
    title = (getattr(result, "title", None) or "").strip()
    if kept and title and kept[0].text == title:
        kept.pop(0)  # the headline repeated as the body's first line is metadata
    text = "\n\n".join(p.text for p in kept)
    published = _html_published(story.content)
    if published is None and getattr(result, "date", None):
        published = parse_published(getattr(result, "date", None))
    source = next(
        (parse_agency_credit(p.text) for p in paragraphs if p.label == "credit"), None
    ) or (agency_in_dateline(kept[0].text) if kept else None)
    return Document(
        story_id=story.story_id,
        text=text,
        title=story.title or getattr(result, "title", None),
        published=published,
        source=source,
        byline=getattr(result, "author", None),
        url=story.url or getattr(result, "url", None),
        site=getattr(result, "sitename", None),
        captions=[p.text for p in paragraphs if p.label == "caption"],
        origin=story.origin,
    )
