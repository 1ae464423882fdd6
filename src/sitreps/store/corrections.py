"""A person's work on events: correct, accept, reject, split, merge; the review queue; and
corrected events as labelled examples.

Every action is one transaction that pins the event (sitreps.store.curate), changes it,
regroups it, and writes one revision (who, when, what changed, why) and one audit line.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from sitreps.errors import ConflictError, CorrectionError, NotFoundError
from sitreps.model import Event
from sitreps.store.curate import check_fields, curated_rows, overrides_of, pin
from sitreps.store.schema import EVENT_COLUMNS
from sitreps.store.schema import curated as curated_t
from sitreps.store.schema import events as events_t
from sitreps.store.schema import evidence as evidence_t
from sitreps.store.schema import overrides as overrides_t
from sitreps.store.schema import reports as reports_t
from sitreps.store.schema import revisions as revisions_t
from sitreps.store.schema import stories as stories_t
from sitreps.store.users import record

if TYPE_CHECKING:
    from sitreps.store import Store

__all__ = [
    "accept",
    "correct",
    "event_view",
    "labelled_examples",
    "merge",
    "review_queue",
    "split",
]

#: Fields of a labelled example's "fields" object (the training format).
EXAMPLE_FIELDS = (
    "actor1",
    "actor2",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "event_date",
    "fatalities",
    "size",
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _members(conn: Connection, event_id: str) -> list[Event]:
    rows = conn.execute(
        select(reports_t.c.data)
        .where(reports_t.c.merged_id == event_id)
        .order_by(reports_t.c.event_id)
    ).all()
    return [Event.from_dict(json.loads(r.data)) for r in rows]


def _evidence_rows(conn: Connection, event_id: str) -> list[dict[str, Any]]:
    rows = conn.execute(
        select(evidence_t).where(evidence_t.c.event_id == event_id).order_by(evidence_t.c.id)
    ).mappings()
    return [{k: r[k] for k in ("field", "story_id", "text", "start", "end")} for r in rows]


def _live(store: Store, conn: Connection, event_id: str) -> Event:
    """Return the stored event a person acts on, or raise NotFound/Conflict."""
    found = store._load(conn, [event_id])
    if found:
        return found[0]
    row = curated_rows(conn, [event_id]).get(event_id)
    if row is not None and row["status"] == "merged":
        raise ConflictError(f"event {event_id} was merged into {row['merged_into']}")
    if row is not None and row["status"] == "not_event":
        raise ConflictError(f"event {event_id} is marked not an event")
    raise NotFoundError(f"no event {event_id}")


def _curate(conn: Connection, event_id: str, status: str, snapshot: dict[str, Any]) -> int:
    """Create or update the curated row; return the event's new human revision number."""
    row = curated_rows(conn, [event_id]).get(event_id)
    now = _now()
    if row is None:
        conn.execute(
            curated_t.insert().values(
                event_id=event_id,
                status=status,
                revision=1,
                snapshot=json.dumps(snapshot),
                updated_at=now,
            )
        )
        return 1
    number = int(row["revision"]) + 1
    conn.execute(
        curated_t.update()
        .where(curated_t.c.event_id == event_id)
        .values(status=status, revision=number, snapshot=json.dumps(snapshot), updated_at=now)
    )
    return number


def _snapshot(store: Store, conn: Connection, ev: Event) -> dict[str, Any]:
    return ev.to_dict() | {
        "evidence_rows": _evidence_rows(conn, ev.event_id),
        "sources": store._sources(conn, ev.event_id),
    }


def _human_revision(
    conn: Connection,
    store: Store,
    ev: Event,
    action: str,
    changes: dict[str, Any] | None,
    user: str,
    reason: str | None,
) -> None:
    conn.execute(
        revisions_t.insert().values(
            event_id=ev.event_id,
            story_id=ev.story_id,
            pipeline_version=store.version,
            action=action,
            changes=json.dumps(changes) if changes else None,
            at=_now(),
            user_name=user,
            reason=reason,
        )
    )


def _diff(before: Event, after: Event | None) -> dict[str, list[Any]]:
    if after is None:
        return {}
    a, b = before.to_dict(), after.to_dict()
    return {k: [a.get(k), b.get(k)] for k in EVENT_COLUMNS if k != "evidence" and a[k] != b[k]}


def correct(
    store: Store,
    event_id: str,
    fields: dict[str, Any],
    *,
    user: str,
    reason: str | None = None,
    not_event: bool | None = None,
    route: str = "PATCH /events/{event_id}",
) -> str:
    """Correct fields of an event (or mark it no event, or no longer so); return its id."""
    checked = check_fields(fields)
    if not checked and not_event is None:
        raise CorrectionError("nothing to correct: give fields or not_event")
    now = _now()
    with store.engine.begin() as conn:
        row = curated_rows(conn, [event_id]).get(event_id)
        if row is not None and row["status"] == "not_event" and not_event is False:
            before = Event.from_dict(json.loads(row["snapshot"]))
        else:
            before = _live(store, conn, event_id)
        pin(conn, event_id, _members(conn, event_id))
        for name, value in checked.items():
            conn.execute(
                overrides_t.delete().where(
                    overrides_t.c.event_id == event_id, overrides_t.c.field == name
                )
            )
            conn.execute(
                overrides_t.insert().values(
                    event_id=event_id,
                    field=name,
                    value=json.dumps(value),
                    machine=json.dumps(getattr(before, name, None)),
                    user_name=user,
                    at=now,
                )
            )
        status = "not_event" if not_event else "corrected"
        if not_event is None and row is not None and row["status"] == "not_event":
            status = "not_event"  # correcting fields of a rejected event keeps it rejected
        snapshot = _snapshot(store, conn, before)
        _curate(conn, event_id, status, snapshot)
        pairs = store.regroup(conn, {event_id}, before.story_id, now, quiet=True)
        after = next((b for _, b in pairs if b is not None and b.event_id == event_id), None)
        changes: dict[str, Any] = _diff(before, after)
        if status == "not_event":
            changes = {"status": ["event", "not an event"]} | {
                k: [getattr(before, k, None), v] for k, v in checked.items()
            }
            action = "rejected"
        else:
            action = "restored" if not_event is False else "corrected"
        if after is not None:
            conn.execute(
                curated_t.update()
                .where(curated_t.c.event_id == event_id)
                .values(snapshot=json.dumps(_snapshot(store, conn, after)))
            )
        _human_revision(conn, store, before, action, changes, user, reason)
        record(conn, user, f"event.{action}", route, event_id, {"fields": sorted(checked)})
    return event_id


def accept(
    store: Store, event_id: str, *, user: str, reason: str | None = None, route: str = ""
) -> str:
    """Mark an event reviewed as right; return its id."""
    with store.engine.begin() as conn:
        ev = _live(store, conn, event_id)
        pin(conn, event_id, _members(conn, event_id))
        row = curated_rows(conn, [event_id]).get(event_id)
        status = "corrected" if row is not None and row["status"] == "corrected" else "accepted"
        _curate(conn, event_id, status, _snapshot(store, conn, ev))
        conn.execute(
            events_t.update()
            .where(events_t.c.event_id == event_id)
            .values(reviewed=True, review_status=status)
        )
        _human_revision(conn, store, ev, "accepted", None, user, reason)
        record(conn, user, "event.accepted", route or "POST /events/{event_id}/accept", event_id)
    return event_id


def split(
    store: Store,
    event_id: str,
    stories: list[str],
    *,
    user: str,
    reason: str | None = None,
    route: str = "POST /events/{event_id}/split",
) -> tuple[str, str]:
    """Move the reports of some stories out of an event into a new one; return both ids."""
    now = _now()
    with store.engine.begin() as conn:
        ev = _live(store, conn, event_id)
        members = _members(conn, event_id)
        present = {m.story_id for m in members}
        moving = set(stories)
        if not moving <= present:
            unknown = ", ".join(sorted(moving - present))
            raise CorrectionError(f"these stories do not report event {event_id}: {unknown}")
        if not moving or moving == present:
            raise ConflictError(
                "give some, not all, of the event's stories: each part keeps at least one"
                + (" (this event has a single story: nothing to split)" if len(present) < 2 else "")
            )
        moved = [m for m in members if m.story_id in moving]
        stay = [m for m in members if m.story_id not in moving]
        digest = hashlib.sha1(
            f"{event_id}|split|{','.join(sorted(m.event_id for m in moved))}".encode()
        ).hexdigest()
        new_id = f"evt_{digest[:16]}"
        pin(conn, event_id, stay)
        pin(conn, new_id, moved)
        _curate(conn, event_id, _status_after(conn, event_id), _snapshot(store, conn, ev))
        _curate(conn, new_id, "corrected", {})
        conn.execute(
            reports_t.update()
            .where(reports_t.c.event_id.in_([m.event_id for m in moved]))
            .values(merged_id=new_id)
        )
        pairs = store.regroup(conn, {event_id, new_id}, ev.story_id, now, quiet=True)
        after = {b.event_id: b for _, b in pairs if b is not None}
        for eid in (event_id, new_id):
            if eid in after:
                snap = _snapshot(store, conn, after[eid])
                conn.execute(
                    curated_t.update()
                    .where(curated_t.c.event_id == eid)
                    .values(snapshot=json.dumps(snap))
                )
        kept = sorted({m.story_id for m in stay})
        gone = sorted(moving)
        _human_revision(
            conn,
            store,
            ev,
            "split",
            {"stories": [sorted(present), kept], "split_into": [None, new_id]},
            user,
            reason,
        )
        if new_id in after:
            _human_revision(
                conn,
                store,
                after[new_id],
                "split",
                {"stories": [None, gone], "split_from": [None, event_id]},
                user,
                reason,
            )
        record(conn, user, "event.split", route, event_id, {"into": new_id, "stories": gone})
    return event_id, new_id


def _status_after(conn: Connection, event_id: str) -> str:
    row = curated_rows(conn, [event_id]).get(event_id)
    return "corrected" if row is None else str(row["status"])


def merge(
    store: Store,
    event_ids: list[str],
    *,
    user: str,
    reason: str | None = None,
    route: str = "POST /events/merge",
) -> str:
    """Merge events into the first one named; return its id."""
    ids = list(dict.fromkeys(event_ids))
    if len(ids) < 2:
        raise CorrectionError("name two or more different events to merge")
    now = _now()
    with store.engine.begin() as conn:
        events = [_live(store, conn, i) for i in ids]
        target, others = ids[0], ids[1:]
        before = {e.event_id: e for e in events}
        corrected = overrides_of(conn, target)
        for other in others:
            pin(conn, target, _members(conn, other))
            for name, (value, machine) in overrides_of(conn, other).items():
                if name not in corrected:  # the target's own corrections win
                    conn.execute(
                        overrides_t.update()
                        .where(overrides_t.c.event_id == other, overrides_t.c.field == name)
                        .values(event_id=target)
                    )
                    corrected[name] = (value, machine)
            conn.execute(overrides_t.delete().where(overrides_t.c.event_id == other))
            _curate(conn, other, "merged", _snapshot(store, conn, before[other]))
            conn.execute(
                curated_t.update().where(curated_t.c.event_id == other).values(merged_into=target)
            )
        pin(conn, target, _members(conn, target))
        _curate(conn, target, "corrected", _snapshot(store, conn, before[target]))
        conn.execute(
            reports_t.update().where(reports_t.c.merged_id.in_(others)).values(merged_id=target)
        )
        pairs = store.regroup(conn, set(ids), before[target].story_id, now, quiet=True)
        after = next((b for _, b in pairs if b is not None and b.event_id == target), None)
        if after is not None:
            conn.execute(
                curated_t.update()
                .where(curated_t.c.event_id == target)
                .values(snapshot=json.dumps(_snapshot(store, conn, after)))
            )
        changes = _diff(before[target], after) | {"merged": [None, others]}
        _human_revision(conn, store, before[target], "merged", changes, user, reason)
        for other in others:
            _human_revision(
                conn, store, before[other], "merged", {"merged_into": [None, target]}, user, reason
            )
        record(conn, user, "event.merged", route, target, {"merged": others})
    return target


def event_view(store: Store, event_id: str) -> dict[str, Any] | None:
    """Return what GET /events/{id} shows: the event, its sources, history and review."""
    live = store.event(event_id)
    with store.engine.connect() as conn:
        row = curated_rows(conn, [event_id]).get(event_id)
        corrected = sorted(overrides_of(conn, event_id))
        queue = conn.execute(
            select(events_t.c.review_score, events_t.c.review_reasons).where(
                events_t.c.event_id == event_id
            )
        ).first()
    if live is not None:
        out = live.to_dict() | {"sources": store.sources(event_id)}
    elif row is not None and row["snapshot"] and row["status"] in ("not_event", "merged"):
        snap = json.loads(row["snapshot"])
        out = {k: v for k, v in snap.items() if k != "evidence_rows"}
    else:
        return None
    status = row["status"] if row is not None else None
    out["revisions"] = store.revisions(event_id)
    out["review"] = {
        "status": status,
        "reviewed": status in ("accepted", "corrected", "not_event"),
        "revision": int(row["revision"]) if row is not None else 0,
        "corrected_fields": corrected,
        "merged_into": row["merged_into"] if row is not None else None,
        "score": queue.review_score if queue else None,
        "reasons": json.loads(queue.review_reasons) if queue and queue.review_reasons else [],
    }
    return out


def review_queue(
    store: Store, limit: int = 50, offset: int = 0, country: str | None = None
) -> tuple[int, list[dict[str, Any]]]:
    """Return how many events await review and a page of them, highest score first."""
    conds: list[Any] = [events_t.c.reviewed.is_(False)]
    if country:
        conds.append(
            (events_t.c.country.in_({country, country.title()}))
            | (events_t.c.iso3 == country.upper())
        )
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(events_t).where(*conds)).scalar()
        rows = conn.execute(
            select(
                events_t.c.event_id,
                events_t.c.review_score,
                events_t.c.review_reasons,
                events_t.c.event_date,
                events_t.c.event_type,
                events_t.c.sub_event_type,
                events_t.c.plover_event,
                events_t.c.location,
                events_t.c.country,
                events_t.c.confidence,
            )
            .where(*conds)
            .order_by(events_t.c.review_score.desc(), events_t.c.event_id.asc())
            .limit(limit)
            .offset(offset)
        ).mappings()
        page = [
            {k: r[k] for k in r if k not in ("review_score", "review_reasons")}
            | {
                "score": r["review_score"],
                "reasons": json.loads(r["review_reasons"]) if r["review_reasons"] else [],
            }
            for r in rows
        ]
    return int(total or 0), page


def labelled_examples(store: Store) -> Iterator[dict[str, Any]]:
    """Yield each corrected, accepted or rejected event as a labelled training example."""
    with store.engine.connect() as conn:
        rows = (
            conn.execute(
                select(curated_t)
                .where(curated_t.c.status.in_(("accepted", "corrected", "not_event")))
                .order_by(curated_t.c.event_id)
            )
            .mappings()
            .all()
        )
        for row in rows:
            found = store._load(conn, [row["event_id"]])
            if found:
                ev, spans = found[0], _evidence_rows(conn, row["event_id"])
            elif row["snapshot"]:
                snap = json.loads(row["snapshot"])
                if "event_id" not in snap:
                    continue
                ev, spans = Event.from_dict(snap), snap.get("evidence_rows", [])
            else:
                continue  # its reports are gone (the pipeline no longer finds it)
            typing = [e for e in spans if e["field"] == "sub_event_type"]
            span = next((e for e in typing if e["story_id"] == ev.story_id), None) or (
                typing[0] if typing else None
            )
            if span is None:
                continue
            published = conn.execute(
                select(stories_t.c.published).where(stories_t.c.story_id == span["story_id"])
            ).scalar()
            none = row["status"] == "not_event"
            yield {
                "text": span["text"],
                "published": (published or ev.event_date or "")[:10] or None,
                "event_type": None if none else ev.event_type,
                "sub_event_type": None if none else ev.sub_event_type,
                "plover": None if none else ev.plover_event,
                "plover_mode": None,
                "fields": {name: getattr(ev, name) for name in EXAMPLE_FIELDS},
                "evidence": {
                    "story_id": span["story_id"],
                    "start": span["start"],
                    "end": span["end"],
                },
                "source": "accepted" if row["status"] == "accepted" else "correction",
                "event_id": row["event_id"],
                "revision": int(row["revision"]),
            }
