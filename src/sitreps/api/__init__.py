"""The REST API (FastAPI): query events, read their evidence and sources, ingest stories.

Reads are open unless settings.reads_need_token; writes need a bearer token whose role
allows them (users in the database, sitreps.store.users; settings.api_token may ingest),
checked (with the Host header and the body size) by sitreps.api.guard before the body is
read. Corrections, review and users are in sitreps.api.edit. Every input is
validated and bounded, and every error is JSON: 422 in FastAPI's `detail` list shape, the
rest `{"detail": "..."}`, as the OpenAPI schema says. Queries go through sitreps.store
(SQLAlchemy, never SQL strings); ingest goes through sitreps.ingest, as on the command line.
No `from __future__ import annotations` here: FastAPI reads the dependency annotations of
functions defined inside create_app at run time.
"""

import dataclasses
import io
import logging
import threading
from pathlib import Path
from typing import Annotated, Any, Literal

import anyio.to_thread
from fastapi import Depends, FastAPI, HTTPException, Query, Request, Security
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.security import HTTPBearer
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field

from sitreps.api.common import base_filters, invalid
from sitreps.api.edit import ACCESS, edit_router
from sitreps.api.guard import Guard, GuardPolicy
from sitreps.config import Settings
from sitreps.errors import QueryError
from sitreps.export import geojson, write_events
from sitreps.model import Event, Story
from sitreps.store import EventFilter, Store
from sitreps.store.corrections import event_view
from sitreps.store.query import decode_cursor, encode_cursor
from sitreps.store.users import Principal, record
from sitreps.store.users import authenticate as authenticate_token

__all__ = ["create_app"]

#: Most events one page of /events returns.
MAX_PAGE = 1000
log = logging.getLogger(__name__)
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
    """What ingesting a story did; events are the ids GET /events/{event_id} serves."""

    story_id: str
    stored: bool
    events: list[str]
    rejected: str | None = None


class ErrorOut(BaseModel):
    """An error other than a validation error: one line saying what went wrong."""

    detail: str


class StatsOut(BaseModel):
    """Counts of every matching event (no page limit), by day and by type."""

    total: int
    by_day: list[dict[str, Any]]
    by_type: dict[str, int]


# A POST body may hold two stories (text and html) at max_story_bytes, plus JSON overhead.
def max_body(settings: Settings) -> int:
    """Return the largest request body the API reads, in bytes."""
    return 2 * settings.max_story_bytes + 65_536


#: Errors every route may answer besides its own (the gate's 400 and any server fault).
COMMON_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorOut, "description": "Host name not served (see allowed_hosts)"},
    500: {"model": ErrorOut, "description": "Server error"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": ErrorOut, "description": "Not found"}}
GEOJSON = "application/geo+json"
EXPORT_TYPES = {
    "csv": "text/csv",
    "jsonl": "application/x-ndjson",
    "geojson": GEOJSON,
    "parquet": "application/vnd.apache.parquet",
}


#: What /export returns, by media type: GeoJSON is a JSON object, the rest are text or bytes.
EXPORT_CONTENT: dict[str, Any] = {
    t: {"schema": {"type": "object"} if t == GEOJSON else {"type": "string"}}
    for t in EXPORT_TYPES.values()
}


class GeoJSONResponse(JSONResponse):
    """A JSON response typed as GeoJSON."""

    media_type = GEOJSON


def create_app(db: str, settings: Settings, *, bound_host: str | None = None) -> FastAPI:
    """Return the API (and web map) over the database at db (a path or URL).

    bound_host is the address the server listens on: with the settings' allowed_hosts
    empty, requests must name it or localhost in their Host header.
    """
    store = Store.open(db, settings)
    app = FastAPI(
        title="sitreps",
        version=store.version,
        description="Conflict events coded from news, with the evidence for every field.",
        docs_url=None,
        redoc_url=None,
        responses=COMMON_RESPONSES,
    )
    policy = GuardPolicy.build(
        settings.allowed_hosts,
        bound_host,
        settings.api_token,
        max_body(settings),
        [("POST", "/stories")],
        tiles_url=settings.tiles_url,
        access=ACCESS,
        reads_need_token=settings.reads_need_token,
    )

    async def authenticate(token: str) -> Principal | None:
        return await anyio.to_thread.run_sync(
            authenticate_token, store.engine, token, settings.api_token
        )

    app.add_middleware(Guard, policy=policy, authenticate=authenticate)

    @app.exception_handler(Exception)
    async def server_error(_request: Request, exc: Exception) -> JSONResponse:
        # Logged with its traceback; the client gets JSON, never a text/plain page.
        log.error("server error: %s", exc, exc_info=exc)
        return JSONResponse({"detail": "internal server error"}, status_code=500)

    def filters(
        base: Annotated[EventFilter, Depends(base_filters)],
        reviewed: Annotated[
            bool | None, Query(description="true: accepted or corrected; false: not yet")
        ] = None,
        sort: SortKey = "-event_date",
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100,
        cursor: Annotated[str | None, Query(max_length=500)] = None,
    ) -> EventFilter:
        if cursor is not None:
            try:
                decode_cursor(cursor, sort)
            except QueryError as exc:
                raise invalid("query", "cursor", str(exc), cursor) from None
        return dataclasses.replace(base, reviewed=reviewed, sort=sort, limit=limit, cursor=cursor)

    def query(f: EventFilter) -> list[Event]:
        try:
            return store.events(f)
        except QueryError as exc:
            raise invalid("query", "filters", str(exc)) from exc

    @app.get("/events", summary="List events")
    def list_events(f: Annotated[EventFilter, Depends(filters)]) -> dict[str, Any]:
        """Return a page of events matching the filters, and the cursor of the next page."""
        found = query(f)
        rows = [e.to_dict() for e in found]
        next_cursor = encode_cursor(rows[-1], f.sort) if f.limit and len(rows) == f.limit else None
        return {"events": rows, "count": len(rows), "next_cursor": next_cursor}

    @app.get(
        "/events.geojson",
        summary="Events as GeoJSON",
        response_class=GeoJSONResponse,
        responses={200: {"content": {GEOJSON: {"schema": {"type": "object"}}}}},
    )
    def events_geojson(f: Annotated[EventFilter, Depends(filters)]) -> GeoJSONResponse:
        """Return the matching events as a GeoJSON FeatureCollection."""
        return GeoJSONResponse(geojson(query(f)))

    @app.get(
        "/events/{event_id}",
        summary="One event with evidence, sources and history",
        responses=NOT_FOUND,
    )
    def get_event(event_id: Annotated[str, PathParam(max_length=64)]) -> dict[str, Any]:
        """Return one event with its evidence, sources, revisions and review state.

        Revisions list the pipeline's changes and people's (`user_name`, `reason`); `kept`
        names corrected fields where a newer pipeline version disagrees. An event marked
        not an event, or merged into another, is still shown (review.status says so).
        """
        found = event_view(store, event_id)
        if found is None:
            raise HTTPException(404, "no such event")
        return found

    @app.get("/stories/{story_id:path}/text", summary="A story's cleaned text", responses=NOT_FOUND)
    def story_text(story_id: Annotated[str, PathParam(max_length=512)]) -> dict[str, str]:
        """Return the cleaned text that evidence offsets index."""
        text = store.story_text(story_id)
        if text is None:
            raise HTTPException(404, "no such story")
        return {"story_id": story_id, "text": text}

    @app.get("/stats", summary="Counts by day and type")
    def stats(f: Annotated[EventFilter, Depends(filters)]) -> StatsOut:
        """Return counts of all the matching events by day and by event type (no page limit)."""
        try:
            counts = store.stats(EventFilter(**{**f.__dict__, "limit": None, "cursor": None}))
        except QueryError as exc:
            raise invalid("query", "filters", str(exc)) from exc
        return StatsOut(
            total=counts.total,
            by_day=[{"date": d, "count": n} for d, n in counts.by_day.items()],
            by_type=counts.by_type,
        )

    @app.get(
        "/export",
        summary="Export events",
        response_class=Response,
        responses={200: {"content": EXPORT_CONTENT}},
    )
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
        return Response(out.getvalue(), media_type=EXPORT_TYPES[format])

    # Declares the bearer token in the schema (Swagger UI's "Authorize"); the check itself
    # was made by sitreps.api.guard before the body was read.
    bearer = HTTPBearer(
        auto_error=False, description="a user's token (sitreps users add) or settings.api_token"
    )

    ingest_lock = threading.Lock()  # one story at a time: one pipeline, one writer
    pipelines: list[Any] = []

    @app.post(
        "/stories",
        summary="Ingest a story",
        dependencies=[Security(bearer)],
        responses={
            401: {"model": ErrorOut, "description": "No valid bearer token"},
            403: {"model": ErrorOut, "description": "The token's role may not ingest"},
            413: {"model": ErrorOut, "description": "Request body too large"},
        },
    )
    def post_story(story: StoryIn, request: Request) -> IngestOut:
        """Run the pipeline on one story and store it; return the ids of its stored events.

        A copy of a story stored before is linked to it, and answers with that story's events.
        Needs the admin or ingest role, or settings.api_token.
        """
        from sitreps.ingest import Outcome, ingest
        from sitreps.pipeline import Pipeline

        body = story.html or story.text
        if not body:
            raise invalid("body", "text", "give text or html")
        item = Story(
            story.id,
            body,
            kind="html" if story.html else "text",
            url=story.url,
            title=story.title,
            published=story.published,
            origin="api",
        )
        outcomes: list[Outcome] = []
        with ingest_lock:
            if not pipelines:
                pipelines.append(Pipeline(settings))
            ingest([item], store, pipelines[0], on_story=outcomes.append)
        (done,) = outcomes
        who = request.scope.get("sitreps.principal")
        with store.engine.begin() as conn:
            record(
                conn,
                who.name if isinstance(who, Principal) else "?",
                "story.ingest",
                "POST /stories",
                story.id,
                {"rejected": done.reject.reason} if done.reject else None,
            )
        if done.reject is not None:
            return IngestOut(
                story_id=story.id, stored=False, events=[], rejected=done.reject.reason
            )
        return IngestOut(story_id=story.id, stored=True, events=store.story_events(story.id))

    from sitreps.api.map import map_router

    app.include_router(map_router(store, settings))
    app.include_router(edit_router(store, bearer))
    _mount_web(app)
    return app


def _mount_web(app: FastAPI) -> None:
    """Serve the web map and the JavaScript libraries it uses, from installed packages."""
    from importlib import resources

    import xstatic.pkg.leaflet as leaflet
    import xstatic.pkg.leaflet_markercluster as cluster
    from swagger_ui_bundle import swagger_ui_path

    static = Path(str(resources.files("sitreps.web") / "static"))
    app.mount("/static", StaticFiles(directory=static), name="static")
    app.mount("/vendor/swagger-ui", StaticFiles(directory=str(swagger_ui_path)), name="swagger")
    app.mount("/vendor/leaflet", StaticFiles(directory=leaflet.BASE_DIR), name="leaflet")
    app.mount("/vendor/markercluster", StaticFiles(directory=cluster.BASE_DIR), name="cluster")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index() -> HTMLResponse:
        return HTMLResponse((static / "index.html").read_text(encoding="utf-8"))

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> HTMLResponse:
        # Swagger UI from the installed swagger-ui-bundle-v2 package: nothing from a CDN.
        return HTMLResponse((static / "docs.html").read_text(encoding="utf-8"))
