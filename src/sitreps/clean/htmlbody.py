"""Site clutter that trafilatura leaves in a page's body, removed from its XML tree.

trafilatura keeps blocks that sit inside the article element: related-story link lists,
"Read more" teasers, the headline and standfirst above the first paragraph, and newsletter,
share and copyright lines after the last one. `prune_body` removes them from the tree that
`trafilatura.bare_extraction(..., include_links=True)` returns (the links are what tell a
teaser from a paragraph), and `body_text` turns the pruned tree into plain text.

Calibrated on benchmarks/article_extraction.py (181 pages, body F1 of clean_html): 0.9594
before; link-dominated blocks out 0.9644; leading headings out 0.9695; trailing clutter
out 0.9712 (0.9781 with data tables and split bodies, sitreps.clean.splitbody). General
rules only: nothing here names a site or a phrase of its pages.
"""

from __future__ import annotations

import re

from lxml import etree

__all__ = ["body_text", "has_layout_table", "prune_body"]

#: Share of a block's characters inside links from which the block is a teaser or a link
#: list, not prose. Swept 0.5-0.95 on the benchmark: 0.5 lost real paragraphs with many
#: links, 0.95 kept "READ MORE: <headline>" lines; 0.7-0.8 are best, 0.8 kept.
LINK_SHARE = 0.8
#: A link-dominated block this long that ends like a sentence is prose that happens to be
#: linked (a quoted passage, a deal description), and a block of 40 words is prose anyway.
LINKED_SENTENCE_WORDS = 12
LINKED_PROSE_WORDS = 40
#: A list is a related-links list when this share of its items carry a link and links
#: make up this share of its text (a body list of facts has few or no links).
LIST_LINKED_ITEMS = 0.8
LIST_LINK_SHARE = 0.3
#: Trailing blocks with a clutter cue are dropped up to this length; longer ones are a
#: closing paragraph that mentions, say, a newsletter. Swept 25/40/60 (with an earlier,
#: looser cue list): 0.9709/0.9712/0.9715; 40 kept as the safer of the close values.
TAIL_CUE_WORDS = 40
#: Short non-sentence lines (a lone "Comments", "Tags", a name) between clutter blocks.
TAIL_FRAGMENT_WORDS = 6

_BLOCKS = ("p", "head", "item", "quote")
# Link text that is an address (a cited URL, an e-mail, a DOI) is content, not navigation.
_ADDRESS = re.compile(r"^(?:https?://|www\.|doi:|\S+@\S+\.\w+$)", re.I)
_SPACES = re.compile(r"\s+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]?$")
# Words of site furniture: sign-ups, social links, legal lines, comment sections. Only
# phrasings that a closing news sentence does not use ("announced on Twitter", "not
# related to", "20 million subscribers" stay): imperatives, or a label ("Related stories:",
# "Comments") opening a block.
_CLUTTER_CUE = re.compile(
    r"\b(?:subscribe (?:to|now|today|here)|sign(?:ing)? up|newsletters?|"
    r"follow\b.{0,60}\b(?:twitter|facebook|instagram|youtube)|copyright|"
    r"all rights reserved|click here|read more|share (?:this|it) (?:story|article|with)|"
    r"(?:leave|post|add) a comment|\d+ comments)\b|©|"
    r"^(?:related|more|comments?|advertisement|tags)(?: \w+){0,2}\s*(?::|$)",
    re.I,
)


def _text(el: etree._Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _link_chars(el: etree._Element) -> int:
    """Return the number of characters of an element's text inside navigation links."""
    total = 0
    for ref in el.iter("ref"):
        if not ref.get("target"):
            continue  # an anchor without href (a footnote mark) is not a link out
        text = _text(ref)
        if not _ADDRESS.match(text):
            total += len(text)
    return total


def _remove(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        parent.remove(el)


def _holds_list(el: etree._Element) -> bool:
    return el.tag in ("p", "quote") and el.find(".//item") is not None


def _is_prose(text: str) -> bool:
    return len(text.split()) >= 8 and bool(_SENTENCE_END.search(text))


def _drop_link_lists(tree: etree._Element) -> None:
    for lst in list(tree.iter("list")):
        items = [i for i in lst if i.tag == "item"]
        if len(items) < 2:
            continue
        linked = sum(1 for i in items if any(r.get("target") for r in i.iter("ref")))
        text = _text(lst)
        if (
            linked / len(items) >= LIST_LINKED_ITEMS
            and text
            and _link_chars(lst) / len(text) >= LIST_LINK_SHARE
        ):
            _remove(lst)


def _drop_link_blocks(tree: etree._Element) -> None:
    # Headings are left alone: a linked heading is often the article's own title or a
    # product name in a buying guide.
    for el in list(tree.iter("p", "item", "quote")):
        if el.getparent() is None or _holds_list(el):
            continue
        text = _text(el)
        if not text or _link_chars(el) / len(text) < LINK_SHARE:
            continue
        words = len(text.split())
        if words >= LINKED_PROSE_WORDS or (
            words >= LINKED_SENTENCE_WORDS and _SENTENCE_END.search(text)
        ):
            continue
        _remove(el)


def _drop_empty_lists(tree: etree._Element) -> None:
    for lst in list(tree.iter("list")):
        if not _text(lst):
            _remove(lst)


def _drop_leading_headings(tree: etree._Element) -> None:
    """Drop the headline and standfirst: headings before the first block of body text."""
    for el in list(tree.iter("p", "head", "list", "quote", "table")):
        if el.tag != "head":
            break
        _remove(el)


def _drop_trailing_clutter(tree: etree._Element) -> None:
    """Drop sign-up, share and legal lines after the last paragraph of the story."""
    blocks = [el for el in tree.iter(*_BLOCKS, "table") if not _holds_list(el)]
    fragments: list[etree._Element] = []
    for el in reversed(blocks):
        text = _text(el)
        if not text:
            continue
        words = len(text.split())
        if words <= TAIL_CUE_WORDS and _CLUTTER_CUE.search(text):
            for x in [*fragments, el]:
                _remove(x)
            fragments = []
        elif words <= TAIL_FRAGMENT_WORDS and not _is_prose(text):
            # Kept unless a clutter line sits above it: "Tags" / "Comments" headers go,
            # the last line of a fact list stays.
            fragments.append(el)
        else:
            break


def prune_body(tree: etree._Element) -> None:
    """Remove link lists, teasers, leading headings and trailing clutter from a body tree."""
    _drop_link_lists(tree)
    _drop_link_blocks(tree)
    _drop_empty_lists(tree)
    _drop_leading_headings(tree)
    _drop_trailing_clutter(tree)
    _drop_empty_lists(tree)


def has_layout_table(tree: etree._Element) -> bool:
    """Return whether a body tree holds a table used for page layout, not for data."""
    # Data tables hold words and numbers in their cells; a layout table's cells hold
    # headings and paragraphs (the article in one cell, the sidebar in the next).
    return any(
        cell.find(".//p") is not None or cell.find(".//head") is not None
        for cell in tree.iter("cell")
    )


def body_text(tree: etree._Element) -> str:
    """Return the plain text of a trafilatura body tree, links flattened to their words."""
    from trafilatura.xml import xmltotxt

    # trafilatura normalises the whitespace of text but not of link text, whose line
    # breaks would split a paragraph in two.
    for ref in tree.iter("ref"):
        for node in ref.iter():
            if node.text:
                node.text = _SPACES.sub(" ", node.text)
            if node is not ref and node.tail:
                node.tail = _SPACES.sub(" ", node.tail)
    etree.strip_tags(tree, "ref")
    return xmltotxt(tree, include_formatting=False)
