"""Cleaning: boilerplate out, every news paragraph in, metadata right, offsets traceable."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from sitreps.clean import clean
from sitreps.clean.paragraphs import classify, split_paragraphs
from sitreps.config import load_settings
from sitreps.errors import RejectError
from sitreps.model import Story

SETTINGS = load_settings(env={})


def test_seed_style_text_keeps_the_story_and_drops_the_site(samples_dir: Path) -> None:
    path = samples_dir / "01_badghis_style.txt"
    raw = path.read_text(encoding="utf-8")
    doc = clean(Story(str(path), raw), SETTINGS)
    assert doc.title and doc.title.startswith("Jail empties")
    assert doc.published is not None and doc.published.utcoffset() == timedelta(hours=-4)
    assert (doc.published.year, doc.published.month, doc.published.day) == (2021, 6, 22)
    assert doc.source == "Reuters"
    assert doc.captions and "Mazar-i-Sharif" in doc.captions[0]
    assert "Mazar-i-Sharif" not in doc.text
    for kept in (
        "pushed into the outskirts of Maimana",
        "more than 150 inmates",
        "hosted a meeting in Tashkent",
        "Talks between the two Afghan sides",
    ):
        assert kept in doc.text
    for dropped in (
        "monthly contribution",
        "Thank you for being part",
        "signed in",
        "Reload this page",
        "Add your voice",
        "Kabul Newsroom",
    ):
        assert dropped not in doc.text
    # Offsets in the cleaned text lead back to the same words in the input.
    start = doc.text.index("Maimana")
    orig = doc.original_offset(start)
    assert orig is not None and raw[orig : orig + 7] == "Maimana"


@pytest.mark.parametrize(
    "boilerplate",
    [
        "Subscribe to our newsletter and never miss a story. Sign up now.",
        "We use cookies to give you the best experience. By continuing you agree to our policy.",
        "Already a member? Log in to keep reading, or start your free trial today.",
        "Share this article: Facebook Twitter WhatsApp",
        "Your support keeps our journalism free. Please donate what you can.",
        "Join the conversation: register to comment on this story.",
        "Follow us on Instagram for the latest updates",
    ],
)
def test_boilerplate_of_several_site_styles_is_dropped(boilerplate: str) -> None:
    text = (
        "Soldiers clash with rebels in the east\n\n"
        "Troops clashed with rebels near Beni on Sunday, the army said in a statement.\n\n"
        f"{boilerplate}\n\n"
        "A local official said three soldiers were wounded in the fighting.\n"
    )
    labels = {p.text: p.label for p in classify(split_paragraphs(text))}
    assert labels[boilerplate] == "boilerplate"
    assert labels["A local official said three soldiers were wounded in the fighting."] == "news"


def test_quoted_appeals_inside_news_are_kept() -> None:
    text = (
        "Headline here\n\n"
        '"We urge you to stay indoors," the governor told residents on Monday after the attack.\n'
    )
    labels = [p.label for p in classify(split_paragraphs(text))]
    assert labels[-1] == "news"


@pytest.mark.parametrize(
    "news",
    [
        "On 12 August 2020, around 300 supporters of the opposition staged a rally in Lahore.",
        "Supporters of the former president blockaded the main road to the airport on Friday.",
        "Party supporters demonstrated outside the electoral commission in Harare.",
    ],
)
def test_a_partys_supporters_are_news_not_a_donation_appeal(news: str) -> None:
    # "supporters" is an appeal word on a site's donation box ("our supporters"), and a
    # word of nearly every protest story: a note or a lead about them is the story.
    labels = [p.label for p in classify(split_paragraphs(news))]
    assert labels == ["news"]
    doc = clean(Story("note", news), load_settings(env={}))
    assert doc.text.strip() == news


def test_html_page_uses_trafilatura_and_page_metadata(samples_dir: Path) -> None:
    path = samples_dir / "02_borno_battle.html"
    doc = clean(Story(str(path), path.read_text(encoding="utf-8"), kind="html"), SETTINGS)
    assert "fought off fighters" in doc.text
    assert "Donate now" not in doc.text and "Most read" not in doc.text
    assert doc.published is not None and doc.published.isoformat() == "2023-03-14T10:20:00+01:00"
    assert doc.source == "Reuters"
    assert doc.title and "Dikwa" in doc.title


@pytest.mark.parametrize(
    ("name", "reason"),
    [("not_english.txt", "not_english"), ("no_article.html", "no_article")],
)
def test_unusable_stories_are_rejected_with_a_reason(
    fixtures_dir: Path, name: str, reason: str
) -> None:
    raw = (fixtures_dir / name).read_text(encoding="utf-8")
    kind = "html" if name.endswith(".html") else "text"
    with pytest.raises(RejectError) as err:
        clean(Story(name, raw, kind=kind), SETTINGS)  # type: ignore[arg-type]
    assert err.value.reason == reason


def test_malformed_html_still_yields_its_paragraphs(fixtures_dir: Path) -> None:
    raw = (fixtures_dir / "malformed.html").read_text(encoding="utf-8")
    doc = clean(Story("m", raw, kind="html"), SETTINGS)
    assert "clashed with soldiers near Kidal" in doc.text
