"""People's corrections: curated events, their anchors and overrides, and grouping around them.

A person's work must survive re-processing, which replaces a story's reports (and may give
them new ids: a report's id hashes its label, date and place) and regroups merged events
(whose id is their smallest member's). So a curated event is tied to the story sentences
its reports were read from, its *anchors* (story id, start, end of each typing sentence):
when the reports are made again, by any pipeline version, a report reading one of those
sentences belongs to that curated event, and the event keeps its id. Its corrected fields
(*overrides*) are laid over whatever the pipeline computes; the pipeline's disagreeing
value is kept in the revision. Splits and merges are anchors moved between events.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.engine import Connection

from sitreps.errors import CorrectionError
from sitreps.model import Event
from sitreps.store.merge import combine, same_event
from sitreps.store.schema import anchors as anchors_t
from sitreps.store.schema import curated as curated_t
from sitreps.store.schema import overrides as overrides_t

__all__ = [
    "CORRECTABLE",
    "Group",
    "anchors_of",
    "apply_overrides",
    "check_fields",
    "curated_rows",
    "group_reports",
    "pin",
]

#: Fields a person may correct, with their type.
CORRECTABLE: dict[str, type] = {
    "event_type": str,
    "sub_event_type": str,
    "plover_event": str,
    "actor1": str,
    "assoc_actor_1": str,
    "actor2": str,
    "assoc_actor_2": str,
    "country": str,
    "iso3": str,
    "admin1": str,
    "admin2": str,
    "location": str,
    "latitude": float,
    "longitude": float,
    "event_date": str,
    "fatalities": int,
    "size": str,
    "notes": str,
}
#: Fields that follow a corrected sub-event type from the label table, unless also given.
FROM_LABEL = ("event_type", "disorder_type", "plover_event", "plover_mode", "cameo_root")
#: Typing sentences: what a report was read from.
ANCHOR_FIELDS = ("sub_event_type", "notes")


def anchors_of(report: Event) -> set[tuple[str, int, int]]:
    """Return the sentences (story id, start, end) a report was read from."""
    return {(report.story_id, e.start, e.end) for e in report.evidence if e.field in ANCHOR_FIELDS}


def _check_one(name: str, value: Any) -> Any:
    kind = CORRECTABLE.get(name)
    if kind is None:
        raise CorrectionError(f"{name!r} cannot be corrected: use {', '.join(CORRECTABLE)}")
    if value is None:
        return None
    if kind is int:
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 1_000_000:
            raise CorrectionError(f"{name} must be a whole number from 0 to 1,000,000")
        return value
    if kind is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise CorrectionError(f"{name} must be a number")
        limit = 90 if name == "latitude" else 180
        if not -limit <= float(value) <= limit:
            raise CorrectionError(f"{name} must be between -{limit} and {limit}")
        return float(value)
    if not isinstance(value, str) or len(value) > 1000 or any(ord(c) < 32 for c in value):
        raise CorrectionError(f"{name} must be text (at most 1000 characters, one line)")
    value = value.strip() or None
    if name == "event_date" and value is not None:
        try:
            if len(value) != 10:
                raise ValueError(value)
            date.fromisoformat(value)
        except ValueError:
            raise CorrectionError(f"event_date is not a date (YYYY-MM-DD): {value!r}") from None
    return value


def check_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """Return corrected fields checked and normalised, with the fields a new type implies.

    A sub-event type must be one of the label table's; its event type, disorder type and
    PLOVER/CAMEO codes follow from the table unless they are corrected too.
    """
    out = {name: _check_one(name, value) for name, value in fields.items()}
    if out.get("sub_event_type") is not None:
        from sitreps.extract.labels import default_labels

        labels = default_labels()
        name = out["sub_event_type"]
        if name not in labels or labels[name].plover_only:
            raise CorrectionError(f"sub_event_type {name!r} is not an ACLED sub-event type")
        row = labels[name]
        implied = {
            "event_type": row.event_type,
            "disorder_type": labels.disorder(row.event_type),
            "plover_event": row.plover,
            "plover_mode": row.plover_mode,
            "cameo_root": row.cameo,
        }
        for key in FROM_LABEL:
            out.setdefault(key, implied[key])
        if out["event_type"] != row.event_type:
            raise CorrectionError(
                f"{name!r} is a sub-event type of {row.event_type!r}, not {out['event_type']!r}"
            )
    return out


@dataclass
class Group:
    """A merged event to store: its id, its reports, and the curated status if any."""

    event_id: str
    members: list[Event] = field(default_factory=list)
    status: str | None = None  # None: the pipeline's alone

    def event(self) -> Event:
        """Return the merged record of the group under its id."""
        ev = combine(self.members)
        ev.event_id = self.event_id
        return ev


def curated_rows(conn: Connection, ids: Iterable[str]) -> dict[str, Any]:
    """Return the curated rows of these event ids, by id."""
    wanted = sorted(set(ids))
    out: dict[str, Any] = {}
    for i in range(0, len(wanted), 500):
        rows = conn.execute(
            select(curated_t).where(curated_t.c.event_id.in_(wanted[i : i + 500]))
        ).mappings()
        out.update({r["event_id"]: r for r in rows})
    return out


def _assignments(conn: Connection, reports: list[Event]) -> dict[str, str]:
    """Return the curated event each report belongs to, by report id (by its sentences)."""
    stories = sorted({r.story_id for r in reports})
    owner: dict[tuple[str, int, int], str] = {}
    for i in range(0, len(stories), 500):
        for row in conn.execute(
            select(anchors_t).where(anchors_t.c.story_id.in_(stories[i : i + 500]))
        ):
            owner[(row.story_id, row.start, row.end)] = row.event_id
    out: dict[str, str] = {}
    for r in reports:
        votes: dict[str, int] = {}
        for key in anchors_of(r):
            if key in owner:
                votes[owner[key]] = votes.get(owner[key], 0) + 1
        if votes:
            out[r.event_id] = min(votes, key=lambda k: (-votes[k], k))
    return out


def group_reports(conn: Connection, reports: list[Event]) -> list[Group]:
    """Return the merged events of a set of reports, curated events first kept whole.

    Reports read from a curated event's sentences make that event (under its id, never
    merged with another curated one); the rest merge as sitreps.store.merge says, joining
    a curated event when they report the same event as one of its reports.
    """
    ordered = sorted(reports, key=lambda e: e.event_id)
    assigned = _assignments(conn, ordered)
    rows = curated_rows(conn, assigned.values())
    pinned: dict[str, Group] = {}
    for r in ordered:
        cid = assigned.get(r.event_id)
        if cid is not None:
            status = rows[cid]["status"] if cid in rows else "corrected"
            pinned.setdefault(cid, Group(cid, status=status)).members.append(r)
    free = [r for r in ordered if r.event_id not in assigned]
    rest: list[Event] = []
    for r in free:
        home = next(
            (
                g
                for _, g in sorted(pinned.items())
                if any(m.story_id != r.story_id and same_event(r, m) for m in g.members)
            ),
            None,
        )
        if home is not None:
            home.members.append(r)
        else:
            rest.append(r)
    from sitreps.store.merge import merge_events

    out = list(pinned.values())
    taken = curated_rows(conn, [m.event.event_id for m in merge_events(rest)])
    for merged in merge_events(rest):
        gid = merged.event.event_id
        if gid in taken:
            # The smallest report id is a curated event's id, but that event's sentences are
            # gone from this report: a new id, so the curated one keeps its own.
            from sitreps.model import make_event_id

            gid = make_event_id(merged.members[0].story_id, f"regrouped|{gid}")
        out.append(Group(gid, merged.members))
    return sorted(out, key=lambda g: g.event_id)


def overrides_of(conn: Connection, event_id: str) -> dict[str, Any]:
    """Return the corrected fields of a curated event: {field: (value, machine value)}."""
    return {
        r.field: (json.loads(r.value), json.loads(r.machine) if r.machine else None)
        for r in conn.execute(select(overrides_t).where(overrides_t.c.event_id == event_id))
    }


def apply_overrides(conn: Connection, ev: Event) -> dict[str, dict[str, Any]]:
    """Lay a curated event's corrected fields over the pipeline's record (in place).

    Return {field: {"kept": value, "machine": value}} for each field where the pipeline
    now says something else, and remember the pipeline's latest value.
    """
    kept: dict[str, dict[str, Any]] = {}
    for name, (value, machine_before) in overrides_of(conn, ev.event_id).items():
        machine = getattr(ev, name)
        setattr(ev, name, value)
        if machine != value:
            kept[name] = {"kept": value, "machine": machine}
        if machine != machine_before:
            conn.execute(
                overrides_t.update()
                .where(overrides_t.c.event_id == ev.event_id, overrides_t.c.field == name)
                .values(machine=json.dumps(machine))
            )
    return kept


def pin(conn: Connection, event_id: str, members: Iterable[Event]) -> None:
    """Tie these reports' sentences to a curated event (moving them from any other)."""
    keys = sorted({k for m in members for k in anchors_of(m)})
    for story_id, start, end in keys:
        conn.execute(
            anchors_t.delete().where(
                anchors_t.c.story_id == story_id,
                anchors_t.c.start == start,
                anchors_t.c.end == end,
            )
        )
    if keys:
        conn.execute(
            anchors_t.insert(),
            [{"story_id": s, "start": a, "end": b, "event_id": event_id} for s, a, b in keys],
        )
