"""The REST API (FastAPI): query events, read their evidence and sources, ingest stories.

Reads are open; POST /stories needs the token from settings.api_token. Every input is
validated and bounded; queries go through sitreps.store (SQLAlchemy, never SQL strings).
No `from __future__ import annotations` here: FastAPI reads the dependency annotations of
functions defined inside create_app at run time.
"""

import io
import secrets
from collections import Counter
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from sitreps.config import Settings
from sitreps.errors import SitrepsError
from sitreps.export import geojson, write_events
from sitreps.model import Event, Reject, Story
from sitreps.store import EventFilter, Store
from sitreps.store.query import encode_cursor

__all__ = ["create_app"]

#: Most events one page of /events returns.
MAX_PAGE = 1000
DATE = r"^\d{4}-\d{2}-\d{2}$"
Text200 = Annotated[str | None, Query(max_length=200)]
SortKey = Literal[
    "event_date", "-event_date", "fatalities", "-fatalities", "confidence", "-confidence"
]


class StoryIn(BaseModel):
    """A story posted for ingest: text or HTML, with optional metadata."""

    id: str = Field(min_length=1, max_length=512)
    text: str | None = Field(default=None, max_length=5_000_000)
    html: str | None = Field(default=None, max_length=5_000_000)
    published: str | None = Field(default=None, max_length=64)
    url: str | None = Field(default=None, max_length=2048)
    title: str | None = Field(default=None, max_length=1000)


class IngestOut(BaseModel):
    """What ingesting a story did."""

    story_id: str
    stored: bool
    events: list[str]
    rejected: str | None = None


def _parse_bbox(bbox: str | None) -> tuple[float, float, float, float] | None:
    if bbox is None:
        return None
    try:
        parts = tuple(float(x) for x in bbox.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4:
        raise HTTPException(422, "bbox is min_lon,min_lat,max_lon,max_lat")
    min_lon, min_lat, max_lon, max_lat = parts
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        raise HTTPException(422, "bbox is out of range or inverted")
    return (min_lon, min_lat, max_lon, max_lat)


def create_app(db: str, settings: Settings) -> FastAPI:
    """Return the API (and web map) over the database at db (a path or URL)."""
    store = Store.open(db, settings)
    app = FastAPI(
        title="sitreps",
        version=settings.pipeline_version,
        description="Conflict events coded from news, with the evidence for every field.",
    )

    def filters(
        start: Annotated[str | None, Query(pattern=DATE)] = None,
        end: Annotated[str | None, Query(pattern=DATE)] = None,
        country: Text200 = None,
        admin1: Text200 = None,
        event_type: Text200 = None,
        sub_event_type: Text200 = None,
        actor: Text200 = None,
        q: Text200 = None,
        bbox: Annotated[str | None, Query(max_length=100)] = None,
        min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
        sort: SortKey = "-event_date",
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        cursor: Annotated[str | None, Query(max_length=500)] = None,
    ) -> EventFilter:
        return EventFilter(
            start=start,
            end=end,
            country=country,
            admin1=admin1,
            event_type=event_type,
            sub_event_type=sub_event_type,
            actor=actor,
            q=q,
            bbox=_parse_bbox(bbox),
            min_confidence=min_confidence,
            sort=sort,
            limit=limit,
            cursor=cursor,
        )

    def query(f: EventFilter) -> list[Event]:
        try:
            return store.events(f)
        except SitrepsError as exc:
            raise HTTPException(422, str(exc)) from exc

    @app.get("/events", summary="List events")
    def list_events(f: Annotated[EventFilter, Depends(filters)]) -> dict[str, Any]:
        """Return a page of events matching the filters, and the cursor of the next page."""
        found = query(f)
        rows = [e.to_dict() for e in found]
        next_cursor = encode_cursor(rows[-1], f.sort) if f.limit and len(rows) == f.limit else None
        return {"events": rows, "count": len(rows), "next_cursor": next_cursor}

    @app.get("/events.geojson", summary="Events as GeoJSON")
    def events_geojson(f: Annotated[EventFilter, Depends(filters)]) -> JSONResponse:
        """Return the matching events as a GeoJSON FeatureCollection."""
        return JSONResponse(geojson(query(f)), media_type="application/geo+json")

    @app.get("/events/{event_id}", summary="One event with evidence, sources and history")
    def get_event(event_id: Annotated[str, PathParam(max_length=64)]) -> dict[str, Any]:
        """Return one event with its evidence, its sources and its revisions."""
        ev = store.event(event_id)
        if ev is None:
            raise HTTPException(404, "no such event")
        return ev.to_dict() | {
            "sources": store.sources(event_id),
            "revisions": store.revisions(event_id),
        }

    @app.get("/stories/{story_id:path}/text", summary="A story's cleaned text")
    def story_text(story_id: Annotated[str, PathParam(max_length=512)]) -> dict[str, str]:
        """Return the cleaned text that evidence offsets index."""
        text = store.story_text(story_id)
        if text is None:
            raise HTTPException(404, "no such story")
        return {"story_id": story_id, "text": text}

    @app.get("/stats", summary="Counts by day and type")
    def stats(f: Annotated[EventFilter, Depends(filters)]) -> dict[str, Any]:
        """Return event counts by day and by event type for the matching events."""
        found = query(EventFilter(**{**f.__dict__, "limit": None, "cursor": None}))
        by_day = Counter(e.event_date for e in found if e.event_date)
        by_type = Counter(e.event_type or f"PLOVER {e.plover_event}" for e in found)
        return {
            "total": len(found),
            "by_day": [{"date": d, "count": n} for d, n in sorted(by_day.items())],
            "by_type": dict(sorted(by_type.items())),
        }

    @app.get("/export", summary="Export events")
    def export(
        f: Annotated[EventFilter, Depends(filters)],
        format: Literal["csv", "jsonl", "geojson", "parquet"] = "csv",
    ) -> Response:
        """Return the matching events as ACLED-compatible CSV, JSON Lines, GeoJSON or Parquet."""
        found = query(f)
        if format == "parquet":
            buf = io.BytesIO()
            write_events(found, "parquet", buf)
            return Response(buf.getvalue(), media_type="application/vnd.apache.parquet")
        out = io.StringIO()
        write_events(found, format, out)
        media = {
            "csv": "text/csv",
            "jsonl": "application/x-ndjson",
            "geojson": "application/geo+json",
        }[format]
        return Response(out.getvalue(), media_type=media)

    def require_token(authorization: Annotated[str | None, Header()] = None) -> None:
        if settings.api_token is None:
            raise HTTPException(403, "ingest over HTTP is disabled: set api_token")
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not secrets.compare_digest(given.encode(), settings.api_token.encode()):
            raise HTTPException(401, "a valid bearer token is required")

    @app.post("/stories", summary="Ingest a story", dependencies=[Depends(require_token)])
    def post_story(story: StoryIn) -> IngestOut:
        """Run the pipeline on one story and store its events."""
        from sitreps.pipeline import Pipeline

        body = story.html or story.text
        if not body:
            raise HTTPException(422, "give text or html")
        item = Story(
            story.id,
            body,
            kind="html" if story.html else "text",
            url=story.url,
            title=story.title,
            published=story.published,
            origin="api",
        )
        (out,) = list(Pipeline(settings).process([item]))
        if isinstance(out, Reject):
            store.save_reject(out)
            return IngestOut(story_id=story.id, stored=False, events=[], rejected=out.reason)
        if not store.has_story(out.document.story_id, out.document.fingerprint):
            store.save(out.document, out.events)
        return IngestOut(story_id=story.id, stored=True, events=[e.event_id for e in out.events])

    from sitreps.api.map import map_router

    app.include_router(map_router(store, settings))
    _mount_web(app)
    return app


def _mount_web(app: FastAPI) -> None:
    """Serve the web map and the JavaScript libraries it uses, from installed packages."""
    from importlib import resources

    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as cluster

    static = Path(str(resources.files("sitreps.web") / "static"))
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.mount("/vendor/leaflet", StaticFiles(directory=leaflet.BASE_DIR), name="leaflet")
    app.mount("/vendor/markercluster", StaticFiles(directory=cluster.BASE_DIR), name="cluster")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse((static / "index.html").read_text(encoding="utf-8"))
