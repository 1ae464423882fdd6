"""Event queries: filters, sorting and cursor pagination, built with SQLAlchemy (never strings)."""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, func, or_, select, text, true, tuple_

from sitreps.errors import QueryError
from sitreps.store.schema import events

__all__ = [
    "MAX_LIMIT",
    "SORTS",
    "EventFilter",
    "Stats",
    "decode_cursor",
    "encode_cursor",
    "select_events",
    "stats_queries",
    "validate_filter",
]

#: The most events one query returns; callers page with cursors beyond it.
MAX_LIMIT = 10_000
SORTS = {"event_date", "-event_date", "fatalities", "-fatalities", "confidence", "-confidence"}


@dataclass(frozen=True)
class EventFilter:
    """What to select: every field optional, combined with AND."""

    start: str | None = None  # first event date, YYYY-MM-DD
    end: str | None = None  # last event date
    country: str | None = None  # name or ISO3
    admin1: str | None = None
    event_type: str | None = None  # event type or sub-event type
    sub_event_type: str | None = None
    actor: str | None = None  # text in actor1/actor2/associates
    q: str | None = None  # full text over notes and evidence
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    min_confidence: float | None = None
    reviewed: bool | None = None  # True: accepted or corrected by a person; False: not yet
    sort: str = "-event_date"
    limit: int | None = None
    cursor: str | None = None

    @classmethod
    def from_cli(cls, **options: Any) -> EventFilter:
        """Return a filter from the CLI's option names (since/until/type...)."""
        return cls(
            start=options.get("since"),
            end=options.get("until"),
            country=options.get("country"),
            event_type=options.get("event_type"),
            actor=options.get("actor"),
            min_confidence=options.get("min_confidence"),
            reviewed=options.get("reviewed"),
            limit=options.get("limit"),
        )


@dataclass(frozen=True)
class Stats:
    """Counts of the events a filter selects: all of them, by day and by type."""

    total: int
    by_day: dict[str, int] = field(default_factory=dict)
    by_type: dict[str, int] = field(default_factory=dict)


#: Filters compared with stored text as given (the full-text `q` is cleaned instead).
TEXT_FILTERS = ("country", "admin1", "event_type", "sub_event_type", "actor")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def check_date(value: str, name: str = "date") -> str:
    """Return value when it is a real calendar date written YYYY-MM-DD; raise QueryError."""
    try:
        if not _DATE.match(value):
            raise ValueError(value)
        date.fromisoformat(value)
    except ValueError:
        raise QueryError(f"{name} is not a date (YYYY-MM-DD): {value!r}") from None
    return value


def check_text(value: str, name: str = "filter") -> str:
    """Return value when it has no control characters (NUL and the like); raise QueryError.

    PostgreSQL refuses NUL in text and SQLite ends a LIKE pattern at it, which silently
    dropped an `actor` filter: such a filter can match nothing stored, so it is an error.
    """
    if _CONTROL.search(value):
        raise QueryError(f"{name} contains a control character")
    return value


def validate_filter(f: EventFilter) -> None:
    """Raise QueryError when a filter cannot be a meaningful query (bad date, cursor, text)."""
    for name in ("start", "end"):
        value = getattr(f, name)
        if value is not None:
            check_date(value, name)
    for name in TEXT_FILTERS:
        value = getattr(f, name)
        if value is not None:
            check_text(value, name)
    if f.sort not in SORTS:
        raise QueryError(f"cannot sort by {f.sort!r}: use one of {', '.join(sorted(SORTS))}")
    if f.cursor is not None:
        decode_cursor(f.cursor, f.sort)


def encode_cursor(row: dict[str, Any], sort: str) -> str:
    """Return an opaque cursor pointing after this row in this sort order."""
    key = sort.lstrip("-")
    raw = json.dumps([row.get(key), row["event_id"]]).encode()
    return base64.urlsafe_b64encode(raw).decode()


def _cursor_value_ok(value: Any, key: str) -> bool:
    if value is None:
        return True
    if key == "event_date":
        return isinstance(value, str) and bool(_DATE.match(value))
    if key == "fatalities":
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, int | float) and not isinstance(value, bool)  # confidence


def decode_cursor(cursor: str, sort: str = "-event_date") -> tuple[Any, str]:
    """Return (sort value, event_id) from a cursor made for this sort; raise QueryError if not.

    A cursor is opaque but comes back from the client, so it is checked like any input: a
    hand-made one (base64 of `[[1], "x"]`) once reached the SQL and gave a 500.
    """
    try:
        value, event_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError) as exc:
        raise QueryError("malformed cursor") from exc
    if not isinstance(event_id, str) or len(event_id) > 64 or _CONTROL.search(event_id):
        raise QueryError("malformed cursor")
    if not _cursor_value_ok(value, sort.lstrip("-")):
        raise QueryError(f"the cursor was not made for sort={sort}")
    return value, event_id


def select_events(f: EventFilter, dialect: str) -> Select[Any]:
    """Return the SELECT of event ids (and sort keys) matching a filter."""
    validate_filter(f)
    col = events.c[f.sort.lstrip("-")]
    stmt = select(events.c.event_id, col.label("sort_key"))
    conds = _conditions(f, dialect)
    if f.cursor:
        value, after_id = decode_cursor(f.cursor, f.sort)
        if f.sort.startswith("-"):
            conds.append(
                or_(col < value, and_(col == value, events.c.event_id > after_id))
                if value is not None
                else events.c.event_id > after_id
            )
        else:
            conds.append(
                tuple_(col, events.c.event_id) > tuple_(value, after_id)
                if value is not None
                else events.c.event_id > after_id
            )
    if conds:
        stmt = stmt.where(and_(*conds))
    order = col.desc() if f.sort.startswith("-") else col.asc()
    stmt = stmt.order_by(order, events.c.event_id.asc())
    return stmt.limit(min(f.limit or MAX_LIMIT, MAX_LIMIT))


def stats_queries(f: EventFilter, dialect: str) -> tuple[Select[Any], Select[Any], Select[Any]]:
    """Return SELECTs counting the matching events: in all, by day, by (type, PLOVER type).

    Counted in the database, so no page limit applies (the total once stopped at 10,000).
    """
    validate_filter(f)
    conds = _conditions(f, dialect)
    where = and_(*conds) if conds else true()
    total = select(func.count()).select_from(events).where(where)
    by_day = (
        select(events.c.event_date, func.count())
        .where(where)
        .group_by(events.c.event_date)
        .order_by(events.c.event_date)
    )
    by_type = (
        select(events.c.event_type, events.c.plover_event, func.count())
        .where(where)
        .group_by(events.c.event_type, events.c.plover_event)
    )
    return total, by_day, by_type


def _conditions(f: EventFilter, dialect: str) -> list[Any]:
    """Return the WHERE conditions of a filter (all but the cursor's)."""
    conds: list[Any] = []
    if f.start:
        conds.append(events.c.event_date >= f.start)
    if f.end:
        conds.append(events.c.event_date <= f.end)
    if f.country:
        # Exact values only, so the (country, date) and (iso3, date) indexes serve the query.
        name = f.country.strip()
        conds.append(or_(events.c.country.in_({name, name.title()}), events.c.iso3 == name.upper()))
    if f.admin1:
        conds.append(func.lower(events.c.admin1) == f.admin1.lower())
    if f.event_type:
        conds.append(
            or_(
                events.c.event_type == f.event_type,
                events.c.sub_event_type == f.event_type,
                events.c.plover_event == f.event_type.upper(),
            )
        )
    if f.sub_event_type:
        conds.append(events.c.sub_event_type == f.sub_event_type)
    if f.actor:
        like = f"%{f.actor.lower()}%"
        conds.append(
            or_(
                func.lower(events.c.actor1).like(like),
                func.lower(events.c.actor2).like(like),
                func.lower(events.c.assoc_actor_1).like(like),
                func.lower(events.c.assoc_actor_2).like(like),
            )
        )
    if f.min_confidence is not None:
        conds.append(events.c.confidence >= f.min_confidence)
    if f.reviewed is not None:
        conds.append(events.c.reviewed.is_(f.reviewed))
    if f.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        conds.append(
            and_(
                events.c.longitude.between(min_lon, max_lon),
                events.c.latitude.between(min_lat, max_lat),
            )
        )
    if f.q:
        conds.append(_full_text(f.q, dialect))
    return conds


def _full_text(q: str, dialect: str) -> Any:
    # NUL and other control characters end an FTS5 string early and PostgreSQL refuses
    # them: they separate words like spaces.
    q = "".join(ch if ch.isprintable() else " " for ch in q)
    if dialect == "sqlite":
        # FTS5 query syntax is not for users: quote every word as a phrase.
        words = [w.replace('"', "") for w in q.split() if w.replace('"', "")]
        match = " ".join(f'"{w}"' for w in words) or '""'
        return events.c.event_id.in_(
            select(text("event_id"))
            .select_from(text("events_fts"))
            .where(text("events_fts MATCH :match").bindparams(match=match))
        )
    if dialect == "postgresql":
        return func.to_tsvector("english", func.coalesce(events.c.notes, "")).op("@@")(
            func.plainto_tsquery("english", q)
        )
    return func.lower(events.c.notes).like(f"%{q.lower()}%")
