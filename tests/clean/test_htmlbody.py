"""HTML pages: link lists, teasers, standfirsts and sign-up lines stay out of the body."""

from __future__ import annotations

import pytest
from lxml import etree

from sitreps.clean import clean_html
from sitreps.clean.htmlbody import body_text, prune_body
from sitreps.clean.splitbody import joined_body_page
from sitreps.model import Story

STORY = [
    "Armed men attacked a police post on the edge of Maimana on Tuesday night, killing "
    "three officers and wounding two others, the provincial governor's office said.",
    "The attackers arrived on motorbikes shortly before midnight and fired on the post for "
    "about an hour before reinforcements came from the city, a police spokesman said.",
    "Residents said the shooting could be heard across the western districts of the city "
    "and that the main road to the airport stayed closed until the morning.",
    "No group has claimed the attack. The governor said an inquiry had been opened and "
    "that security would be stepped up at posts around the provincial capital.",
]

PAGE = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Three police killed in attack near Maimana | The Daily Example</title>
<meta property="og:title" content="Three police killed in attack near Maimana">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<main><article>
<h1>Three police killed in attack near Maimana</h1>
<h2>Gunmen on motorbikes fired on the post for an hour before help arrived</h2>
<p>{STORY[0]}</p>
<p>{STORY[1]}</p>
<p>Read more: <a href="https://example.org/world/earlier-attack-on-checkpoint">Two
soldiers hurt in checkpoint blast outside the city</a></p>
<p>{STORY[2]}</p>
<p>The ministry's statement <a href="https://example.org/statement">said the post had
been reinforced twice this year after similar attacks on the same road</a>.</p>
<p>The police listed what was taken from the post:</p>
<ul><li>four rifles</li><li>a radio set</li><li>two boxes of ammunition</li></ul>
<p>{STORY[3]}</p>
<h3>More on this story</h3>
<ul>
<li><a href="https://example.org/a">Governor visits wounded officers in hospital</a></li>
<li><a href="https://example.org/b">Road to the airport reopens after night closure</a></li>
<li><a href="https://example.org/c">Timeline: attacks on police in the north</a></li>
</ul>
<p>Get the day's top headlines in your inbox: subscribe to our morning newsletter.</p>
<p>Copyright 2024 The Daily Example. All rights reserved.</p>
<p>Comments</p>
</article></main>
<footer><p>About us - Contact - Jobs</p></footer>
</body></html>"""


def test_html_body_keeps_the_story_and_drops_links_standfirst_and_signup() -> None:
    doc = clean_html(Story("p", PAGE, kind="html", url="https://example.org/world/attack"))
    for paragraph in STORY:
        assert paragraph in doc.text
    # A sentence that happens to be linked and a fact list without links are body text.
    assert "said the post had been reinforced twice this year" in doc.text
    assert "two boxes of ammunition" in doc.text
    for dropped in (
        "Gunmen on motorbikes fired on the post",  # standfirst above the first paragraph
        "Two soldiers hurt in checkpoint blast",  # inline "Read more" teaser
        "Governor visits wounded officers",  # related-links list
        "morning newsletter",
        "All rights reserved",
        "Comments",
    ):
        assert dropped not in doc.text
    assert doc.text.startswith("Armed men attacked")
    assert doc.text.rstrip().endswith("around the provincial capital.")


def test_prune_body_leaves_a_closing_paragraph_that_mentions_a_site_word() -> None:
    tree = etree.fromstring(
        "<main><p>Officials said the talks would resume next week in the capital.</p>"
        "<p>The ministry said it would share its findings with the families once the "
        "inquiry into the attack on the convoy had been completed later this month, "
        "and that it had asked the provincial council and the elders of the district to "
        "help collect the statements of witnesses who saw the fighting.</p></main>"
    )
    prune_body(tree)
    assert "share its findings" in body_text(tree)


@pytest.mark.parametrize(
    "closing",
    [
        "The minister announced his resignation on Twitter late on Friday.",
        "Police said the deaths were not related to the earlier attack.",
        "The operator says it has 20 million subscribers across the country.",
        "Comments by the governor drew protests in the capital.",
    ],
)
def test_a_closing_news_sentence_with_a_site_word_is_kept(closing: str) -> None:
    tree = etree.fromstring(
        "<main><p>Officials said the talks would resume next week in the capital, "
        f"after two days of fighting near the border.</p><p>{closing}</p>"
        "<p>Sign up for our daily newsletter.</p></main>"
    )
    prune_body(tree)
    text = body_text(tree)
    assert closing in text
    assert "newsletter" not in text


def test_page_that_is_only_links_keeps_trafilaturas_body() -> None:
    items = "".join(
        f'<li><a href="https://example.org/{i}">Story number {i} about the flooding in '
        f"the river valley this week</a></li>"
        for i in range(8)
    )
    page = f"<html><body><article><ul>{items}</ul></article></body></html>"
    doc = clean_html(Story("p", page, kind="html"))
    assert "Story number 3 about the flooding" in doc.text


def _paragraphs(prefix: str, n: int) -> str:
    return "".join(
        f"<p>{prefix} paragraph {i}: the council met again on Thursday to discuss the repair "
        f"of the bridge over the river, which floods most winters and cuts the road.</p>"
        for i in range(n)
    )


def _part(name: str) -> str:
    return (
        f'<div class="grid"><div class="body article__body">{_paragraphs(name, 4)}</div>'
        f'<div class="grid-aside"><p>Sponsored</p></div></div>'
    )


def test_story_split_into_several_containers_is_read_whole() -> None:
    # The story is cut into three containers of one kind, each in its own layout grid,
    # with advertisements between: trafilatura alone keeps only the first part.
    page = f"""<html><head><title>Bridge repairs</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<main><article class="article main-content">
<h1>Bridge repairs</h1>
<div class="chunks">{_part("First")}<div class="ad">Advertisement</div>{_part("Second")}</div>
<div class="ad">Advertisement</div>
<div><div>{_part("Third")}</div></div>
</article></main></body></html>"""
    text = clean_html(Story("p", page, kind="html")).text
    for prefix in ("First", "Second", "Third"):
        assert f"{prefix} paragraph 3: the council met again" in text
    assert text.index("First paragraph 0") < text.index("Second paragraph 0")
    assert text.index("Second paragraph 0") < text.index("Third paragraph 0")
    assert "Sponsored" not in text


def test_repeated_teaser_boxes_next_to_a_story_are_not_joined_into_it() -> None:
    teasers = "".join(
        f'<div class="teaser"><p>Teaser {i}: a long summary of another story about the '
        f"elections in the north, the count, the complaints and the recount that "
        f"followed in three districts over the weekend, with observers from two parties "
        f"watching.</p></div>"
        for i in range(4)
    )
    page = f"""<html><body><main><article><h1>Bridge repairs</h1>
<div class="story">{_paragraphs("Only", 3)}</div></article>
<section class="more">{teasers}</section></main></body></html>"""
    text = clean_html(Story("p", page, kind="html")).text
    assert "Only paragraph 2" in text
    assert "Teaser" not in text
    # The teaser boxes hold more paragraph words than the story, but not the story itself.
    assert joined_body_page(page, text) is None
