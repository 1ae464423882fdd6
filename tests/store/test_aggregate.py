"""The map's counts: every matching event is in a cell, the timeline and the table."""

from __future__ import annotations

from datetime import datetime

import pytest

from sitreps.config import Settings
from sitreps.model import Document, Event, make_event_id
from sitreps.store import EventFilter, Store
from sitreps.store.aggregate import MapIndex

WORLD = (-180.0, -85.0, 180.0, 85.0)
PLACES = [
    ("Mali", "MLI", "Boni", 15.05, -1.95),
    ("Mali", "MLI", "Gao", 16.27, -0.04),
    ("Nigeria", "NGA", "Dikwa", 12.03, 13.92),
    ("Yemen", "YEM", "Marib", 15.46, 45.32),
]
TYPES = [
    ("Battles", "Armed clash"),
    ("Protests", "Peaceful protest"),
    ("Violence against civilians", "Attack"),
]


def make_events(n: int) -> list[Event]:
    out = []
    for i in range(n):
        country, iso3, place, lat, lon = PLACES[i % len(PLACES)]
        etype, sub = TYPES[i % len(TYPES)]
        out.append(
            Event(
                event_id=make_event_id("agg", str(i)),
                story_id=f"agg-{i // 10}",
                event_date=f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}",
                event_type=etype,
                sub_event_type=sub,
                actor1="Taliban" if i % 5 == 0 else "Protesters",
                country=country,
                iso3=iso3,
                location=place,
                latitude=None if i % 17 == 0 else lat + (i % 7) * 0.01,
                longitude=None if i % 17 == 0 else lon,
                fatalities=i % 9,
                confidence=(i % 10) / 10,
            )
        )
    return out


@pytest.fixture
def store(db_url: str, settings: Settings):  # type: ignore[no-untyped-def]
    with Store.open(db_url, settings) as st:
        evs = make_events(120)
        for k in range(12):  # twelve stories of ten events each
            text = f"Story number {k}: " + " ".join(f"word{k}x{j}" for j in range(40))
            st.save(
                Document(story_id=f"agg-{k}", text=text, published=datetime(2024, 1, 1)),
                evs[k * 10 : (k + 1) * 10],
            )
        yield st


def sql_count(store: Store, **filters: object) -> int:
    """Return how many events the SQL query path finds (the reference for the map)."""
    return len(store.events(EventFilter(**filters)))  # type: ignore[arg-type]


def test_every_event_is_counted_in_cells_or_points(store: Store) -> None:
    index = MapIndex(store)
    all_ = index.grid(EventFilter(), 2, WORLD, max_points=10)
    assert all_.total == sql_count(store) > 50
    assert all_.unlocated == all_.total - sql_count(store, bbox=(-180, -90, 180, 90))
    assert sum(c.count for c in all_.cells) == all_.in_view == all_.total - all_.unlocated
    assert sum(sum(c.types.values()) for c in all_.cells) == all_.in_view
    assert not all_.points
    mali = index.grid(EventFilter(country="MLI"), 2, WORLD, max_points=10)
    assert mali.total == sql_count(store, country="MLI")
    few = index.grid(EventFilter(country="Yemen", event_type="Battles"), 6, (40, 10, 50, 20))
    assert few.cells == [] and len(few.points) == few.in_view > 0
    assert {p["location"] for p in few.points} == {"Marib"}
    view = index.grid(EventFilter(), 6, (-3, 14, 1, 17), max_points=0)
    assert sum(c.count for c in view.cells) == view.in_view
    assert view.total == all_.total  # the total counts the filters, the view only narrows in_view


def test_types_text_filters_and_reload(store: Store) -> None:
    index = MapIndex(store)
    battles = index.count(EventFilter(), frozenset({"Battles"}))
    protests = index.count(EventFilter(), frozenset({"Protests"}))
    assert battles == sql_count(store, event_type="Battles") > 0
    assert protests == sql_count(store, event_type="Protests") > 0
    assert index.count(EventFilter(), frozenset({"Battles", "Protests"})) == battles + protests
    for filters in (
        {"actor": "taliban"},
        {"actor": "taliban", "country": "MLI"},
        {"start": "2023-06-01", "end": "2023-06-30"},
        {"min_confidence": 0.5},
        {"country": "Yemen", "event_type": "Attack"},
    ):
        assert index.count(EventFilter(**filters)) == sql_count(store, **filters) > 0, filters  # type: ignore[arg-type]
    before = index.count(EventFilter())
    store.save(
        Document(story_id="late", text="A late story about Gao.", published=datetime(2024, 2, 1)),
        [make_events(121)[120]],
    )
    assert index.count(EventFilter()) == before + 1  # a new event shows at once on a small table


def test_timeline_and_table_cover_the_same_events(store: Store) -> None:
    index = MapIndex(store)
    t = index.timeline(EventFilter(country="Nigeria"))
    assert t.bucket == "week"
    nigeria = sql_count(store, country="Nigeria")
    assert sum(n for _, n in t.bins) == t.total == nigeria > 7
    page = index.table(EventFilter(country="Nigeria"), sort="-fatalities", limit=7)
    assert page.total == nigeria
    deaths = [r["fatalities"] for r in page.rows]
    assert deaths == sorted(deaths, reverse=True) and len(deaths) == 7
    pages = [
        r["event_id"]
        for off in range(0, nigeria, 7)
        for r in index.table(EventFilter(country="Nigeria"), offset=off, limit=7).rows
    ]
    assert len(pages) == len(set(pages)) == nigeria
    dates = [r["event_date"] for r in index.table(EventFilter(), sort="event_date", limit=120).rows]
    assert dates == sorted(dates)
    boxed = index.table(EventFilter(bbox=(40, 10, 50, 20)), limit=100)
    assert {r["location"] for r in boxed.rows} == {"Marib"}
