"""Words that are both a date and something else, and every form a date is written in."""

from __future__ import annotations

from datetime import date

import pytest

from sitreps import extract
from sitreps.config import load_settings
from sitreps.extract.dates import resolve_date
from sitreps.extract.rules import is_background


def _sub_events(text: str, published: str) -> list[tuple[str | None, str | None]]:
    return [(e.sub_event_type, e.event_date) for e in extract(text, published=published)]


@pytest.mark.parametrize("month", ["March", "May"])
@pytest.mark.parametrize("published", ["2020-05-20", "2021-06-01"])
def test_the_month_may_is_no_modal_verb_in_an_attack(month: str, published: str) -> None:
    text = f"Taliban attacked a checkpoint in Kunduz on 3 {month} 2020."
    expected_day = f"2020-{'03' if month == 'March' else '05'}-03"
    got = _sub_events(text, published)
    # Any publication date: a story whose only news is this attack reports it, however
    # late it was published, with the attack's own date.
    assert got == [("Armed clash", expected_day)]


@pytest.mark.parametrize("month", ["March", "May"])
def test_the_month_may_is_no_modal_verb_in_a_protest(month: str) -> None:
    text = f"On 12 {month} 2021, about 300 nurses protested outside the health ministry in Nairobi."
    (ev,) = extract(text, published=f"2021-{'03' if month == 'March' else '05'}-13")
    assert ev.sub_event_type == "Peaceful protest"
    assert ev.event_date == f"2021-{'03' if month == 'March' else '05'}-12"


@pytest.mark.parametrize(
    "text",
    [
        "Taliban attacked a checkpoint in Kunduz on 3 May 2020.",
        "Taliban attacked a checkpoint in Kunduz on May 3 2020.",
        "Taliban attacked a checkpoint in Kunduz on May 3, 2020.",
        "Taliban attacked a checkpoint in Kunduz on 03-May-2020.",
        "Taliban attacked a checkpoint in Kunduz in May.",
        "May 3, 2020: Taliban attacked a checkpoint in Kunduz.",
        "taliban attacked a checkpoint in kunduz on 3 may 2020.",
        "Prime Minister Theresa May said troops attacked a checkpoint in Kunduz.",
    ],
)
def test_may_the_month_or_a_name_is_no_background(text: str) -> None:
    assert not is_background(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Taliban may attack Kunduz.",
        "May the Taliban attack Kunduz, the army would respond.",
        "Officials said the militants may have attacked the checkpoint.",
        "militants may attack the town, officials warned.",
    ],
)
def test_the_modal_may_still_makes_a_report_hypothetical(text: str) -> None:
    assert is_background(text)


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("Taliban attacked a checkpoint in Kunduz on May 3 2020.", "2020-05-03"),
        ("Taliban attacked a checkpoint in Kunduz on 03-May-2020.", "2020-05-03"),
        ("Taliban attacked a checkpoint in Kunduz on Wed, 13 May 2020.", "2020-05-13"),
        ("Taliban attacked a checkpoint in Kunduz on the 3rd.", "2020-05-03"),
        ("Taliban attacked a checkpoint in Kunduz on 3rd August 2020.", "2020-08-03"),
    ],
)
def test_every_date_form_dates_the_event(text: str, day: str) -> None:
    published = "2020-05-20" if day.startswith("2020-05") else "2020-08-10"
    # The rules alone: what is read here is the date, not whether the model believes it.
    settings = load_settings(env={}, overrides={"typing": "rules"})
    got = extract(text, published=published, settings=settings)
    assert [(e.sub_event_type, e.event_date, e.time_precision) for e in got] == [
        ("Armed clash", day, 1)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Thousands of protesters march through Nairobi every March to remember the victims.",
        "Protesters sat outside parliament in Nairobi on Sat, 16 May 2020.",
        "The Sun reported that police arrested two men in Lagos on Saturday.",
    ],
)
def test_words_that_are_also_dates_do_not_mislead(text: str) -> None:
    got = extract(text, published="2020-05-20")
    if "every March" in text:
        assert got == []  # a custom, not an event
    elif "Sat," in text:
        assert [(e.sub_event_type, e.event_date) for e in got] == [
            ("Peaceful protest", "2020-05-16")
        ]
    else:
        assert [e.sub_event_type for e in got] == ["Arrests"]


def test_the_nth_of_the_month_resolves_against_publication() -> None:
    assert resolve_date("the 3rd", date(2020, 5, 20)) == (date(2020, 5, 3), 1)
    assert resolve_date("on the 23rd", date(2020, 5, 20)) == (date(2020, 4, 23), 1)


def test_a_note_published_long_after_its_event_is_still_that_event() -> None:
    # A coder's note, or an archive stamped with the day it was downloaded: the story's own
    # news is years old, and it is found with its own date.
    note = (
        "On 9 April 2019, armed herders attacked Dogo village in Guma, Benue, killing 6 "
        "people. Two more died in hospital the next day."
    )
    got = extract(note, published="2023-01-15")
    assert [(e.sub_event_type, e.event_date) for e in got][:1] == [("Attack", "2019-04-09")]


def test_a_story_about_now_does_not_report_what_it_recalls() -> None:
    story = (
        "Gunmen killed four traders on the road to Gusau on Tuesday, police said. "
        "The same gang abducted 40 pupils from a school in Kankara in December 2020."
    )
    got = extract(story, published="2023-03-16")
    assert [(e.sub_event_type, e.event_date) for e in got] == [("Attack", "2023-03-14")]
    undated_lead = (
        "Gunmen killed four traders on the road to Gusau, police said. "
        "The same gang abducted 40 pupils from a school in Kankara on 11 December 2020."
    )
    got = extract(undated_lead, published="2023-03-16")
    assert [e.event_date for e in got] == ["2023-03-16"]
