"""State forces named with the period of the government they serve, as ACLED names them.

Our own sentences about real places, the events invented. The dictionary's rows
(data/actors.csv) give "Police Forces of Senegal (2012-2024)" for police in Dakar in 2023;
a country's forces named as its own ("Kenyan troops") keep their flag abroad.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import pairwise

import pytest

from sitreps.extract.actors import ActorDictionary, generic_name, without_period
from sitreps.pipeline import extract
from sitreps.resources import resources_for


def _sides(text: str, published: str) -> list[tuple[str | None, str | None]]:
    return [(ev.actor1, ev.actor2) for ev in extract(text, published=published)]


def test_an_existing_period_stays_as_it_was() -> None:
    (sides,) = _sides("Soldiers killed three militants near Kidal on 4 March 2024.", "2024-03-05")
    assert sides[0] == "Military Forces of Mali (2021-)"


@pytest.mark.parametrize(
    ("text", "published", "force"),
    [
        (
            "Police fired live rounds at protesters in Dakar on 5 June 2023.",
            "2023-06-06",
            "Police Forces of Senegal (2012-2024)",
        ),
        (
            "Police fired live rounds at protesters in Paris on 1 May 2023.",
            "2023-05-02",
            "Police Forces of France (2017-)",
        ),
        (
            "Soldiers opened fire on protesters in Antananarivo on 10 October 2025.",
            "2025-10-11",
            "Military Forces of Madagascar (2019-2025)",
        ),
        (
            "Police fired live rounds at protesters in Kathmandu on 8 September 2025.",
            "2025-09-09",
            "Police Forces of Nepal (2024-2025)",
        ),
    ],
)
def test_newly_covered_countries_name_the_period(text: str, published: str, force: str) -> None:
    (sides,) = _sides(text, published)
    assert sides[1] == force  # actor2: the force that met the protesters (actor1)


def test_a_later_government_gets_its_own_period() -> None:
    (before,) = _sides(
        "Police fired live rounds at protesters in Dakar on 5 June 2023.", "2023-06-06"
    )
    (after,) = _sides(
        "Police fired live rounds at protesters in Dakar on 5 June 2025.", "2025-06-06"
    )
    assert before[1] == "Police Forces of Senegal (2012-2024)"
    assert after[1] == "Police Forces of Senegal (2024-)"


@pytest.mark.parametrize(
    ("text", "published", "actor1"),
    [
        (
            "Kenyan troops killed five al-Shabaab militants near Kismayo on 3 March 2023.",
            "2023-03-04",
            "Military Forces of Kenya (2022-)",
        ),
        (
            "British troops killed two Taliban fighters in Helmand on 3 March 2016.",
            "2016-03-04",
            "Military Forces of the United Kingdom (2010-2016)",
        ),
        (
            "French troops killed ten militants near Menaka on 3 March 2019.",
            "2019-03-04",
            "Military Forces of France (2017-)",
        ),
    ],
)
def test_forces_named_as_a_countrys_own_keep_their_flag_abroad(
    text: str, published: str, actor1: str
) -> None:
    (sides,) = _sides(text, published)
    assert sides[0] == actor1


_STATE_KINDS = ("state_military", "state_police")
_YEARS = re.compile(r"\((\d{4})-(\d{4})?\)")


def _state_rows() -> list:
    return [r for r in ActorDictionary().rows if r.kind in _STATE_KINDS]


def test_periods_of_one_country_and_kind_never_overlap() -> None:
    by_key: dict[tuple[str, str], list] = {}
    for row in _state_rows():
        by_key.setdefault((row.kind, row.country), []).append(row)
    for key, rows in by_key.items():
        rows.sort(key=lambda r: r.start or date.min)
        for before, after in pairwise(rows):
            assert before.end is not None, f"{key}: {before.canonical} is open, yet followed"
            assert after.start is not None and before.end <= after.start, (
                f"{key}: {before.canonical} overlaps {after.canonical}"
            )


def test_every_period_starts_before_it_ends_and_its_name_says_its_years() -> None:
    for row in _state_rows():
        if row.start is not None and row.end is not None:
            assert row.start < row.end, row.canonical
        years = _YEARS.search(row.canonical)
        if years is None or row.start is None:
            continue
        assert int(years.group(1)) == row.start.year, row.canonical
        ends = years.group(2)
        assert (ends is None) == (row.end is None), row.canonical
        if ends is not None and row.end is not None:
            assert int(ends) == row.end.year, row.canonical


def test_every_country_code_is_one_the_gazetteer_knows() -> None:
    gazetteer = resources_for().geocoder.gazetteer
    for row in ActorDictionary().rows:
        if row.country == "*":
            continue
        assert re.fullmatch(r"[A-Z]{2}", row.country), row.canonical
        assert gazetteer.country_name(row.country), f"{row.canonical}: {row.country}"


def test_state_forces_are_named_as_sitreps_names_their_country() -> None:
    gazetteer = resources_for().geocoder.gazetteer
    templates = {
        "state_military": "Military Forces of {country}",
        "state_police": "Police Forces of {country}",
    }
    for row in _state_rows():
        plain = without_period(row.canonical)
        if plain == row.canonical:
            continue  # a name with more after its period ("... (2022-) Presidential ...")
        country = gazetteer.country_name(row.country)
        assert plain == generic_name(templates[row.kind], country), row.canonical
