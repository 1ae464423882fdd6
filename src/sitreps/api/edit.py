"""Routes of people's work: corrections, splits, merges, the review queue, users, audit.

Who may call what is checked by sitreps.api.guard before the body is read (ACCESS below);
the routes read the principal it found from the request scope and pass its name down, so
every revision and audit line says who. The work itself is sitreps.store.corrections.
No `from __future__ import annotations`: FastAPI reads these annotations at run time.
"""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request, Security
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.security import HTTPBearer
from pydantic import BaseModel, Field

from sitreps.api.common import Text200, invalid
from sitreps.api.guard import Access
from sitreps.errors import ConflictError, CorrectionError, NotFoundError
from sitreps.store import Store
from sitreps.store import corrections as work
from sitreps.store.users import Principal, add_user, audit_log, list_users, remove_user

__all__ = ["ACCESS", "edit_router"]

EVENT = r"/events/[^/]+"
#: Who may call the routes of this module (the guard checks it before reading the body).
ACCESS = (
    Access("PATCH", EVENT, "edit"),
    Access("POST", r"/events/merge", "edit"),
    Access("POST", EVENT + r"/(?:split|accept|reject)", "edit"),
    Access("GET", r"/me", "read"),
    Access("GET", r"/users", "admin"),
    Access("POST", r"/users", "admin"),
    Access("DELETE", r"/users/[^/]+", "admin"),
    Access("GET", r"/audit", "admin"),
)


class ErrorOut(BaseModel):
    """An error other than a validation error: one line saying what went wrong."""

    detail: str


def _responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    what = {
        401: "No valid bearer token",
        403: "The token's role may not do this",
        404: "No such event or user",
        409: "The event cannot take this change as it is (merged, not an event, one story)",
        413: "Request body too large",
    }
    return {c: {"model": ErrorOut, "description": what[c]} for c in codes}


WRITE = _responses(401, 403, 404, 409, 413)
Value = str | int | float | None


class CorrectionIn(BaseModel):
    """Corrected fields (name -> new value; null clears), and/or whether it is no event."""

    fields: dict[Annotated[str, Field(max_length=40)], Value] = Field(
        default_factory=dict, max_length=30
    )
    not_event: bool | None = Field(
        default=None, description="true: not an event; false: an event after all"
    )
    reason: str | None = Field(default=None, max_length=2000)


class ReasonIn(BaseModel):
    """Why (optional), kept with the revision."""

    reason: str | None = Field(default=None, max_length=2000)


class SplitIn(BaseModel):
    """The stories whose reports leave the event to make a new one."""

    stories: list[Annotated[str, Field(min_length=1, max_length=512)]] = Field(
        min_length=1, max_length=1000
    )
    reason: str | None = Field(default=None, max_length=2000)


class SplitOut(BaseModel):
    """The event split, and the new event its moved stories make."""

    event_id: str
    new_event_id: str


class MergeIn(BaseModel):
    """Events to merge; the first named is kept, the others are merged into it."""

    event_ids: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(
        min_length=2, max_length=50
    )
    reason: str | None = Field(default=None, max_length=2000)


class UserIn(BaseModel):
    """A user to create."""

    name: str = Field(min_length=1, max_length=100)
    role: Literal["reader", "ingest", "editor", "admin"]


class UserOut(BaseModel):
    """A new user and its token (shown this once; only its hash is kept)."""

    name: str
    role: str
    token: str


class MeOut(BaseModel):
    """Who the token belongs to."""

    name: str
    role: str


def _who(request: Request) -> Principal:
    principal = request.scope.get("sitreps.principal")
    if not isinstance(principal, Principal):  # the guard lets no write through without one
        raise HTTPException(401, "a valid bearer token is required")
    return principal


def _invalid(message: str) -> RequestValidationError:
    return invalid("body", "correction", message)


def edit_router(store: Store, bearer: HTTPBearer) -> APIRouter:
    """Return the routes of corrections, review, users and the audit log."""
    router = APIRouter()
    auth = [Security(bearer)]

    def run(fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except NotFoundError as exc:
            raise HTTPException(404, str(exc)) from exc
        except ConflictError as exc:
            raise HTTPException(409, str(exc)) from exc
        except CorrectionError as exc:
            raise _invalid(str(exc)) from exc

    def view(event_id: str) -> dict[str, Any]:
        found = work.event_view(store, event_id)
        if found is None:
            raise HTTPException(404, "no such event")
        return found

    EventId = Annotated[str, PathParam(max_length=64)]

    @router.patch(
        "/events/{event_id}", summary="Correct an event", dependencies=auth, responses=WRITE
    )
    def patch_event(event_id: EventId, body: CorrectionIn, request: Request) -> dict[str, Any]:
        """Correct fields of an event, or mark it not an event; return it with its history.

        Corrected fields keep their value when a newer pipeline version re-reads the story.
        Needs the editor or admin role.
        """
        user = _who(request).name
        run(
            work.correct,
            store,
            event_id,
            dict(body.fields),
            user=user,
            reason=body.reason,
            not_event=body.not_event,
        )
        return view(event_id)

    @router.post("/events/merge", summary="Merge events", dependencies=auth, responses=WRITE)
    def merge_events(body: MergeIn, request: Request) -> dict[str, Any]:
        """Merge events into the first one named (every source and evidence span kept)."""
        target = run(work.merge, store, body.event_ids, user=_who(request).name, reason=body.reason)
        return view(target)

    @router.post(
        "/events/{event_id}/split", summary="Split an event", dependencies=auth, responses=WRITE
    )
    def split_event(event_id: EventId, body: SplitIn, request: Request) -> SplitOut:
        """Move the reports of the named stories out of the event into a new event."""
        kept, new = run(
            work.split, store, event_id, body.stories, user=_who(request).name, reason=body.reason
        )
        return SplitOut(event_id=kept, new_event_id=new)

    @router.post(
        "/events/{event_id}/accept",
        summary="Accept an event as right",
        dependencies=auth,
        responses=WRITE,
    )
    def accept_event(
        event_id: EventId, request: Request, body: ReasonIn | None = None
    ) -> dict[str, Any]:
        """Mark an event reviewed (filter with reviewed=true; exported as "accepted")."""
        reason = body.reason if body else None
        run(work.accept, store, event_id, user=_who(request).name, reason=reason)
        return view(event_id)

    @router.post(
        "/events/{event_id}/reject",
        summary="Reject an event (not an event)",
        dependencies=auth,
        responses=WRITE,
    )
    def reject_event(
        event_id: EventId, request: Request, body: ReasonIn | None = None
    ) -> dict[str, Any]:
        """Mark an event as not an event: it leaves every listing, its history stays."""
        reason = body.reason if body else None
        run(
            work.correct,
            store,
            event_id,
            {},
            user=_who(request).name,
            reason=reason,
            not_event=True,
            route="POST /events/{event_id}/reject",
        )
        return view(event_id)

    @router.get("/review", summary="The review queue")
    def review(
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
        country: Text200 = None,
    ) -> dict[str, Any]:
        """Return the events not yet reviewed, the ones a look helps most first.

        Each has a score in [0, 1] and its reasons: low type confidence (0.4 x (1 -
        confidence)), the rules and the model disagreeing on the type (0.25), a single
        source (0.1), filled fields without evidence (0.05 each, at most 0.15), a place
        known only to its district (0.05) or country, or none (0.1). Ties by event id.
        """
        total, page = work.review_queue(store, limit, offset, country)
        return {"total": total, "events": page}

    @router.get(
        "/me", summary="Who the token belongs to", dependencies=auth, responses=_responses(401, 403)
    )
    def me(request: Request) -> MeOut:
        """Return the name and role of the bearer token's user."""
        who = _who(request)
        return MeOut(name=who.name, role=who.role)

    @router.get("/users", summary="List users", dependencies=auth, responses=_responses(401, 403))
    def users() -> list[dict[str, Any]]:
        """Return every user with its role (admin only)."""
        return list_users(store.engine)

    @router.post(
        "/users", summary="Create a user", dependencies=auth, responses=_responses(401, 403, 413)
    )
    def create_user(body: UserIn, request: Request) -> UserOut:
        """Create a user and return its token, shown this once (admin only)."""
        token = run(
            add_user, store.engine, body.name, body.role, by=_who(request).name, route="POST /users"
        )
        return UserOut(name=body.name, role=body.role, token=token)

    @router.delete("/users/{name}", summary="Remove a user", dependencies=auth, responses=WRITE)
    def delete_user(name: Annotated[str, PathParam(max_length=100)], request: Request) -> MeOut:
        """Remove a user; its token stops working at once (admin only)."""
        role = next((u["role"] for u in list_users(store.engine) if u["name"] == name), None)
        run(remove_user, store.engine, name, by=_who(request).name, route="DELETE /users/{name}")
        return MeOut(name=name, role=role or "")

    @router.get(
        "/audit", summary="The audit log", dependencies=auth, responses=_responses(401, 403)
    )
    def audit(limit: Annotated[int, Query(ge=1, le=10_000)] = 1000) -> list[dict[str, Any]]:
        """Return the latest writes, newest first: who, when, which route, on what."""
        return audit_log(store.engine, limit)

    return router
