import json

import sitreps
from sitreps.model import EVENT_FIELDS, Document, Event, Evidence, Segment, make_event_id


def test_event_dict_has_v1_fields_in_order_and_round_trips() -> None:
    ev = Event(
        event_id=make_event_id("s1", "k"),
        story_id="s1",
        event_date="2021-07-07",
        evidence=[Evidence("event_date", "on Wednesday", 10, 22)],
    )
    data = ev.to_dict()
    assert list(data)[: len(EVENT_FIELDS)] == list(EVENT_FIELDS)
    assert data["evidence"] == [
        {"field": "event_date", "text": "on Wednesday", "start": 10, "end": 22}
    ]
    assert Event.from_dict(json.loads(json.dumps(data))) == ev


def test_event_ids_are_deterministic_and_distinct() -> None:
    assert make_event_id("a", "x") == make_event_id("a", "x")
    assert make_event_id("a", "x") != make_event_id("b", "x")


def test_document_maps_clean_offsets_back_to_input() -> None:
    original = "MENU\n\nFirst paragraph.\n\nDonate now!\n\nSecond one."
    doc = Document(
        story_id="s",
        text="First paragraph.\n\nSecond one.",
        segments=[Segment(0, 6, 16), Segment(18, 37, 11)],
    )
    start = doc.text.index("Second")
    orig = doc.original_offset(start)
    assert orig is not None and original[orig : orig + 6] == "Second"


def test_public_names_are_exactly_the_intended_ones() -> None:
    assert set(sitreps.__all__) == {
        "Document",
        "Event",
        "Evidence",
        "PlaceMention",
        "Pipeline",
        "Reject",
        "RejectError",
        "Result",
        "Settings",
        "SitrepsError",
        "Story",
        "__version__",
        "explain",
        "extract",
        "load_settings",
    }
    for name in sitreps.__all__:
        assert getattr(sitreps, name) is not None
