"""What the event API and the map's routes share: query parameter types, 422 errors, filters.

One definition of how a request names a set of events (dates, text filters, a box, a
confidence floor), so GET /events and the map's counts, table and downloads read the same
query the same way. No `from __future__ import annotations`: FastAPI reads the
annotations at run time.
"""

from typing import Annotated, Any

from fastapi import Query
from fastapi.exceptions import RequestValidationError
from pydantic import AfterValidator

from sitreps.errors import QueryError
from sitreps.store import EventFilter
from sitreps.store.query import check_date, check_text

__all__ = ["DATE", "Box", "Date", "Text200", "base_filters", "invalid", "parse_box"]

DATE = r"^\d{4}-\d{2}-\d{2}$"


def _date(value: str | None) -> str | None:
    if value is not None:
        try:
            check_date(value)
        except QueryError as exc:
            raise ValueError(str(exc)) from None
    return value


def _text(value: str | None) -> str | None:
    if value is not None:
        try:
            check_text(value, "the value")
        except QueryError as exc:
            raise ValueError(str(exc)) from None
    return value


#: A calendar date (2021-02-30 is refused with a 422, not passed on to the store).
Date = Annotated[str | None, Query(pattern=DATE), AfterValidator(_date)]
#: A text filter: at most 200 characters, no control characters.
Text200 = Annotated[str | None, Query(max_length=200), AfterValidator(_text)]
#: A box, "min_lon,min_lat,max_lon,max_lat" (parse_box reads it).
Box = Annotated[str | None, Query(max_length=100)]


def invalid(where: str, name: str, message: str, value: Any = None) -> RequestValidationError:
    """Return a 422 error in FastAPI's own `detail` shape (what the OpenAPI schema says)."""
    return RequestValidationError(
        [{"type": "value_error", "loc": (where, name), "msg": message, "input": value}]
    )


def parse_box(value: str | None, name: str = "bbox") -> tuple[float, float, float, float] | None:
    """Return min_lon, min_lat, max_lon, max_lat from "a,b,c,d", clamped to the world."""
    if value is None:
        return None
    try:
        parts = [float(x) for x in value.split(",")]
    except ValueError:
        parts = []
    if len(parts) != 4 or any(p != p for p in parts):  # NaN is not a coordinate
        raise invalid("query", name, f"{name} is min_lon,min_lat,max_lon,max_lat", value)
    min_lon, min_lat, max_lon, max_lat = parts
    # A map scrolled past the antimeridian reports longitudes beyond 180: clamp, don't refuse.
    min_lon, max_lon = max(min_lon, -180.0), min(max_lon, 180.0)
    min_lat, max_lat = max(min_lat, -90.0), min(max_lat, 90.0)
    if min_lon > max_lon or min_lat > max_lat:
        raise invalid("query", name, f"{name} is inverted or outside the world", value)
    return (min_lon, min_lat, max_lon, max_lat)


def base_filters(
    start: Date = None,
    end: Date = None,
    country: Text200 = None,
    admin1: Text200 = None,
    event_type: Text200 = None,
    sub_event_type: Text200 = None,
    actor: Text200 = None,
    q: Text200 = None,
    bbox: Box = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
) -> EventFilter:
    """Return the filter a request names: the query parameters every event route shares."""
    return EventFilter(
        start=start,
        end=end,
        country=country,
        admin1=admin1,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor=actor,
        q=q,
        bbox=parse_box(bbox),
        min_confidence=min_confidence,
    )
