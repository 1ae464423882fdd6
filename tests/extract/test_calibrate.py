"""Per-field confidence calibration: what counts as a right field, and the map applied."""

from __future__ import annotations

from typing import Any

import pytest

from sitreps.extract import calibrate
from sitreps.extract.calibrate import calibrate_field, field_right, raw_confidences
from sitreps.model import Event


def _event(**fields: Any) -> Event:
    base: dict[str, Any] = {"event_id": "e", "story_id": "s"}
    return Event(**(base | fields))


@pytest.mark.parametrize(
    ("field", "got", "gold", "right"),
    [
        ("event_date", "2023-06-04", "2023-06-04", True),
        ("event_date", "2023-06-05", "2023-06-04", False),
        ("event_date", None, None, None),  # nothing to judge
        ("location", "Qala i Naw", "Qala-i-Naw", True),  # spelling variants of one name
        ("location", "Herat", "Qala-i-Naw", False),
        ("actor1", "Military Forces of Mali (2021-)", "Military Forces of Mali", True),
        ("actor1", "Civilians (Mali)", "Military Forces of Mali", False),
        ("fatalities", 0, 0, True),
        ("fatalities", 3, 10, False),
    ],
)
def test_a_field_is_right_when_it_matches_the_coded_value(
    field: str, got: Any, gold: Any, right: bool | None
) -> None:
    assert field_right(field, _event(**{field: got}), {field: gold}) is right


def test_the_shipped_map_is_applied_except_while_fitting(monkeypatch: pytest.MonkeyPatch) -> None:
    maps = {"actor1": {"x": [0.5, 0.9], "y": [0.2, 0.6]}}
    monkeypatch.setattr(calibrate, "load_field_calibration", lambda: maps)
    assert calibrate_field("actor1", 0.7) == pytest.approx(0.4)
    assert calibrate_field("location", 0.7) == 0.7  # no map for this field: raw
    with raw_confidences():
        assert calibrate_field("actor1", 0.7) == 0.7


def test_a_map_weighs_real_text_by_its_share_and_fits_either_source_alone() -> None:
    ours = [(0.5, False)] * 30  # our rows: never right at this level
    theirs = [(0.5, True)] * 10  # real titles: always right
    assert calibrate.fit_map(ours, theirs, 0.75)["y"] == [0.75]  # type: ignore[index]
    assert calibrate.fit_map(ours, theirs)["y"] == [0.5]  # type: ignore[index]
    # without ../shared there are no real pairs: the map is our rows' own (no division by 0)
    assert calibrate.fit_map(ours, [])["y"] == [0.0]  # type: ignore[index]
    assert calibrate.fit_map([(0.5, True)] * 5, []) is None  # too few to fit


def test_the_shipped_location_map_leans_on_real_text() -> None:
    # a place whose raw confidence is the middle level (a first level or a town the
    # gazetteer is unsure of) was right in 0.66 of GED dev titles and read 0.56 before
    calibrate.load_field_calibration.cache_clear()
    assert 0.58 <= calibrate_field("location", 0.5) <= 0.66
