"""Casing repair: lower-cased and ALL CAPS stories read like cased ones (sitreps.nlp.casing)."""

from __future__ import annotations

import pytest

from sitreps.nlp.casing import Form, Recaser, casing_of, load_table

TABLE = {
    "monday": Form("Monday", 40, 40),
    "police": Form("Police", 90, 10),  # mostly written lower case
    "bjp": Form("BJP", 12, 12),
    "may": Form("May", 50, 45),
    "unity": Form("Unity", 30, 20),  # the province, and the word
}


def known(phrase: str) -> tuple[str, int, str | None] | None:
    """A tiny stand-in for the gazetteer and the actor dictionary."""
    names: dict[str, tuple[str, int, str | None]] = {
        "gujarat": ("province", 0, None),
        "unity": ("province", 0, None),
        "india": ("country", 0, None),
        "new delhi": ("town", 300_000, None),
        "shahpur": ("town", 50_000, None),
        "act": ("town", 2_000, None),  # a village called Act
        "lathi": ("town", 20_000, None),
        "al-shabaab": ("name", 0, "al-Shabaab"),
    }
    return names.get(phrase)


def test_casing_is_judged_on_letters() -> None:
    assert casing_of("police arrested 24 people in ahmedabad on monday after the riots") == "lower"
    assert casing_of("POLICE ARRESTED 24 PEOPLE IN AHMEDABAD ON MONDAY AFTER THE RIOTS") == "upper"
    assert casing_of("Police arrested 24 people in Ahmedabad on Monday after the riots") == "mixed"
    assert casing_of("too short") == "mixed"


def test_ordinary_text_is_left_as_it_is() -> None:
    text = "Police in Gujarat arrested 24 people on Monday. the rest were freed."
    assert Recaser(known, TABLE)(text) is text


def test_names_sentence_starts_and_offsets() -> None:
    text = (
        "police arrested 24 bjp workers in shahpur, gujarat on monday. i saw them taken "
        "to new delhi on 3 may. they may appeal."
    )
    fixed = Recaser(known, TABLE)(text)
    assert fixed == (
        "Police arrested 24 BJP workers in Shahpur, Gujarat on Monday. I saw them taken "
        "to New Delhi on 3 May. They may appeal."
    )
    assert len(fixed) == len(text) and fixed.lower() == text.lower()


def test_ordinary_words_are_not_made_small_towns() -> None:
    text = "officers failed to act as the mob gathered and a lathi-charge followed in india today"
    fixed = Recaser(known, TABLE)(text)
    assert " to act as " in fixed and "a lathi-charge" in fixed and " India " in fixed
    fixed = Recaser(known, TABLE)("the party called for unity after the riots in gujarat ended")
    assert "for unity after" in fixed and "in Gujarat" in fixed


def test_all_caps_text_and_dictionary_forms() -> None:
    text = "IN GUJARAT, AL-SHABAAB FIGHTERS ATTACKED A BASE ON MONDAY, POLICE SAID."
    assert Recaser(known, TABLE)(text) == (
        "In Gujarat, al-Shabaab fighters attacked a base on Monday, police said."
    )


def test_lone_line_breaks_do_not_start_sentences() -> None:
    text = "the police said the men were taken\nto gujarat for questioning\n\nno one was hurt."
    fixed = Recaser(known, TABLE)(text)
    assert "\nto Gujarat" in fixed and "\n\nNo one" in fixed


def test_shipped_table() -> None:
    table = load_table()
    assert table["taliban"].capitalised and table["monday"].capitalised
    assert table["police"].ordinary and table["act"].ordinary
    # our sentences date many events in May: the modal still stays lower case
    fixed = Recaser()("they may appeal the ruling of 3 may, the lawyers for the taliban said")
    assert fixed == "They may appeal the ruling of 3 May, the lawyers for the Taliban said"


LOWER_STORY = (
    "ahmedabad, march 4: a youth was killed when police opened fire on a violent mob in "
    "shahpur on sunday, officials said. the police have arrested 24 persons in connection "
    "with the violence in gujarat."
)


@pytest.mark.parametrize("casing", [str.lower, str.upper], ids=["lower", "upper"])
def test_a_lower_cased_story_keeps_its_places_and_actors(casing) -> None:
    from sitreps.pipeline import extract

    events = extract(casing(LOWER_STORY), published="2002-03-04")
    by_type = {e.sub_event_type: e for e in events}
    assert "Arrests" in by_type
    arrests = by_type["Arrests"]
    assert arrests.country == "India" and arrests.admin1 == "Gujarat"
    assert arrests.actor1 is not None and arrests.actor1.startswith("Police Forces of India")
    killing = next(e for e in events if e.fatalities)
    assert killing.country == "India" and killing.fatalities == 1
    assert any(
        a and a.startswith("Police Forces of India") for a in (killing.actor1, killing.actor2)
    )
    for ev in events:  # evidence quotes the text as given, where its offsets say
        for ref in ev.evidence:
            if ref.field not in ("actor1", "actor2"):
                assert casing(LOWER_STORY)[ref.start : ref.end] == ref.text


def test_only_one_case_paragraphs_of_a_cased_story_are_recased() -> None:
    text = (
        "GUNMEN KILL FIVE IN ATTACK ON VILLAGE IN ZAMFARA STATE\n\n"
        "Gunmen killed five villagers in Zamfara on Monday, police said. The BBC and AFP "
        "reported it."
    )
    fixed = Recaser(known, TABLE)(text)
    assert fixed.startswith("Gunmen kill five in attack on village")
    assert fixed.endswith(text.split("\n\n")[1])
    cased = "Police in Gujarat arrested 24 people on Monday, officials said, after the riots."
    assert Recaser(known, TABLE)(cased) is cased


WIRE = (
    "SAN SALVADOR, 14 MAR 89 -- [REPORT] FARABUNDO MARTI NATIONAL LIBERATION FRONT GUERRILLAS "
    "ATTACKED AN ARMY POST IN THE TOWN OF SAN FRANCISCO GOTERA, MORAZAN DEPARTMENT, LAST "
    "NIGHT, KILLING THREE SOLDIERS, THE ARMED FORCES PRESS OFFICE REPORTED TODAY.\n\n"
    "THE BODIES OF TWO SPANISH PRIESTS MURDERED ON SUNDAY WERE FOUND NEAR THE CAPITAL, "
    "POLICE SAID."
)


def test_an_all_caps_wire_report_names_its_sides_and_places() -> None:
    from sitreps.pipeline import extract

    events = extract(WIRE, published="1989-03-14")
    clash = events[0]
    assert clash.actor1 is not None and clash.actor1.startswith("FMLN")
    assert clash.country == "El Salvador" and clash.admin1 == "Morazán"
    assert clash.fatalities == 3 and clash.event_date == "1989-03-13"
    # the priests' nationality is not where they were killed
    assert all(e.country == "El Salvador" for e in events)
