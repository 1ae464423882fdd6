"""The store: stories, events with evidence and sources, rejects and revisions.

SQLite (the embedded default, WAL mode, FTS5) or PostgreSQL, through SQLAlchemy Core, with
Alembic migrations run on open. Each story is saved in one transaction. Events are kept
twice: every story's own reports (table `reports`), and the merged events analysts query
(table `events`), recomputed for the group a new report joins, so that the same set of
stories gives the same events in any order.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from sqlalchemy import Engine, create_engine, event, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from sitreps.clean.fingerprint import NearDuplicateIndex, signature
from sitreps.config import Settings
from sitreps.errors import StoreError
from sitreps.model import Document, Event, Evidence, Reject
from sitreps.store.curate import apply_overrides, group_reports
from sitreps.store.merge import same_event
from sitreps.store.query import EventFilter, Stats, select_events, stats_queries
from sitreps.store.review import review_score
from sitreps.store.schema import EVENT_COLUMNS
from sitreps.store.schema import events as events_t
from sitreps.store.schema import evidence as evidence_t
from sitreps.store.schema import rejects as rejects_t
from sitreps.store.schema import reports as reports_t
from sitreps.store.schema import revisions as revisions_t
from sitreps.store.schema import sources as sources_t
from sitreps.store.schema import stories as stories_t
from sitreps.store.url import database_url, hide_password, masked_url
from sitreps.version import pipeline_version

__all__ = ["EventFilter", "Stats", "Store", "database_url", "masked_url"]


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _migrate(engine: Engine) -> None:
    from importlib import resources

    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("sitreps.store") / "migrations"))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


class Store:
    """A sitreps database. Use Store.open(); close it (or use it as a context manager)."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self.dialect = engine.dialect.name
        self._near: NearDuplicateIndex | None = None
        self._geom: bool | None = None
        #: Stamped on every story, event and revision this store writes (sitreps.version).
        self.version = pipeline_version(settings)

    @classmethod
    def open(cls, url_or_path: str, settings: Settings, *, create: bool = True) -> Store:
        """Return the store at a path or URL, creating and migrating it as needed."""
        url = database_url(url_or_path)
        if url.startswith("sqlite:///") and not create:
            path = Path(url[len("sqlite:///") :])
            if not path.exists():
                raise StoreError(f"no database at {path}")
        try:
            engine = create_engine(url, future=True)
            if engine.dialect.name == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
            _migrate(engine)
        except (SQLAlchemyError, OSError) as exc:
            shown = hide_password(f"cannot open database {url_or_path}: {exc}", url_or_path)
            raise StoreError(shown.splitlines()[0]) from exc
        return cls(engine, settings)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self, *exc: tuple[type[BaseException] | None, BaseException | None, TracebackType | None]
    ) -> None:
        self.close()

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    # -- stories -------------------------------------------------------------------------

    def has_story(self, story_id: str, fingerprint: str) -> bool:
        """Return True when this exact story was stored by this pipeline version."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(stories_t.c.fingerprint, stories_t.c.pipeline_version).where(
                    stories_t.c.story_id == story_id
                )
            ).first()
        return row is not None and row[0] == fingerprint and (row[1] == self.version)

    def has_document(self, document: Document) -> bool:
        """Return True when this cleaned story (text and date) was stored by this version."""
        published = document.published.isoformat() if document.published else None
        with self.engine.connect() as conn:
            row = conn.execute(
                select(stories_t.c.published).where(
                    stories_t.c.story_id == document.story_id,
                    stories_t.c.fingerprint == document.fingerprint,
                    stories_t.c.pipeline_version == self.version,
                )
            ).first()
        return row is not None and row[0] == published

    def has_content(self, story_id: str, content_hash: str) -> bool:
        """Return True when this story, exactly as it arrived, was stored by this version."""
        with self.engine.connect() as conn:
            row = conn.execute(
                select(stories_t.c.content_hash, stories_t.c.pipeline_version).where(
                    stories_t.c.story_id == story_id
                )
            ).first()
        return row is not None and row[0] == content_hash and row[1] == self.version

    def story_events(self, story_id: str) -> list[str]:
        """Return the ids of the merged events a stored story reports (or its original does)."""
        with self.engine.connect() as conn:
            original = conn.execute(
                select(stories_t.c.duplicate_of).where(stories_t.c.story_id == story_id)
            ).scalar()
            rows = conn.execute(
                select(reports_t.c.merged_id, reports_t.c.event_id)
                .where(reports_t.c.story_id == (original or story_id))
                .order_by(reports_t.c.event_id)
            ).all()
        return list(dict.fromkeys(r.merged_id or r.event_id for r in rows))

    def known(self, story_id: str) -> bool:
        """Return True when a story with this id is stored (whatever its version)."""
        with self.engine.connect() as conn:
            return (
                conn.execute(
                    select(stories_t.c.story_id).where(stories_t.c.story_id == story_id)
                ).first()
                is not None
            )

    def duplicate_of(self, story_id: str, fingerprint: str) -> str | None:
        """Return the id of an earlier story with the same cleaned text, if any."""
        with self.engine.connect() as conn:
            return conn.execute(
                select(stories_t.c.story_id)
                .where(
                    stories_t.c.fingerprint == fingerprint,
                    stories_t.c.story_id != story_id,
                    stories_t.c.duplicate_of.is_(None),
                )
                .limit(1)
            ).scalar()

    def _index(self) -> NearDuplicateIndex:
        """Return the near-duplicate index of stored stories, loaded on first use."""
        if self._near is None:
            self._near = NearDuplicateIndex()
            with self.engine.connect() as conn:
                rows = conn.execute(
                    select(stories_t.c.story_id, stories_t.c.minhash).where(
                        stories_t.c.minhash.is_not(None), stories_t.c.duplicate_of.is_(None)
                    )
                )
                for story_id, sig in rows:
                    self._near.add(story_id, sig)
        return self._near

    def near_duplicate_of(self, document: Document, sig: str | None = None) -> str | None:
        """Return an earlier story this one copies (same or nearly the same text), if any.

        A story that copies nothing is remembered, so later copies in the same run are
        caught before they are stored.
        """
        exact = self.duplicate_of(document.story_id, document.fingerprint)
        if exact is not None:
            return exact
        sig = sig or signature(document.text)
        found = self._index().find(sig, exclude=document.story_id)
        if found is None:
            self._index().add(document.story_id, sig)
        return found

    def save(
        self, document: Document, events: list[Event], content_hash: str | None = None
    ) -> str | None:
        """Store a story and its events in one transaction (re-saving updates, with history).

        Return the id of the earlier story this one copies (then it is linked to that story
        and its own events are not kept), or None. content_hash is the hash of the story as
        it arrived (sitreps.ingest.content_hash), kept so that the same story given again is
        skipped before it is even cleaned.
        """
        events = list({ev.event_id: ev for ev in reversed(events)}.values())[::-1]
        try:
            with self.engine.begin() as conn:
                return self._save(conn, document, events, content_hash)
        except SQLAlchemyError as exc:
            # One line: the SQL and its parameters stay in the exception chain (logs at -v).
            first = str(getattr(exc, "orig", None) or exc).strip().splitlines()
            reason = first[0] if first else type(exc).__name__
            raise StoreError(f"cannot store {document.story_id}: {reason}") from exc

    def _save(
        self, conn: Connection, document: Document, events: list[Event], content_hash: str | None
    ) -> str | None:
        now = _now()
        version = self.version
        sig = signature(document.text)
        dup = self.near_duplicate_of(document, sig)
        row = {
            "story_id": document.story_id,
            "fingerprint": document.fingerprint,
            "content_hash": content_hash,
            "duplicate_of": dup,
            "title": document.title,
            "url": document.url,
            "published": document.published.isoformat() if document.published else None,
            "source": document.source,
            "byline": document.byline,
            "site": document.site,
            "language": document.language,
            "captions": json.dumps(document.captions),
            "text": document.text,
            "origin": document.origin,
            "pipeline_version": version,
            "ingested_at": now,
            "minhash": sig,
        }
        conn.execute(stories_t.delete().where(stories_t.c.story_id == document.story_id))
        conn.execute(stories_t.insert().values(**row))
        if dup is not None:
            events = []  # a copy of a stored wire story: linked, not extracted again
        old = conn.execute(
            select(reports_t.c.event_id, reports_t.c.merged_id).where(
                reports_t.c.story_id == document.story_id
            )
        ).all()
        touched = {r.merged_id for r in old if r.merged_id}
        conn.execute(reports_t.delete().where(reports_t.c.story_id == document.story_id))
        for ev in events:
            conn.execute(
                reports_t.insert().values(
                    event_id=ev.event_id,
                    story_id=ev.story_id,
                    event_date=ev.event_date,
                    country=ev.country,
                    merged_id=None,
                    data=json.dumps(ev.to_dict()),
                )
            )
            touched |= self._matching_groups(conn, ev)
            touched.add(ev.event_id)
        self.regroup(conn, touched, document.story_id, now)
        return dup

    def _matching_groups(self, conn: Connection, ev: Event) -> set[str]:
        """Return merged ids of stored reports from other stories that report this event."""
        if ev.event_date is None:
            return set()
        from datetime import date, timedelta

        day = date.fromisoformat(ev.event_date)
        rows = conn.execute(
            select(reports_t.c.data, reports_t.c.merged_id).where(
                reports_t.c.event_date.between(
                    (day - timedelta(days=1)).isoformat(), (day + timedelta(days=1)).isoformat()
                ),
                reports_t.c.country == ev.country,
                reports_t.c.story_id != ev.story_id,
            )
        ).all()
        return {
            r.merged_id
            for r in rows
            if r.merged_id and same_event(ev, Event.from_dict(json.loads(r.data)))
        }

    def regroup(
        self, conn: Connection, touched: set[str], story_id: str, now: str, *, quiet: bool = False
    ) -> list[tuple[Event | None, Event | None]]:
        """Recompute the merged events of every group a change touched.

        Return (before, after) for each event id involved. The pipeline's revisions are
        written here unless quiet (a person's change writes its own, see store.corrections).
        """
        if not touched:
            return []
        members = conn.execute(
            select(reports_t.c.data).where(
                (reports_t.c.merged_id.in_(touched)) | (reports_t.c.event_id.in_(touched))
            )
        ).all()
        reports = [Event.from_dict(json.loads(r.data)) for r in members]
        before = {e.event_id: e for e in self._load(conn, sorted(touched))}
        old = {
            r.event_id: r
            for r in conn.execute(
                select(
                    events_t.c.event_id, events_t.c.created_at, events_t.c.pipeline_version
                ).where(events_t.c.event_id.in_(touched))
            )
        }
        conn.execute(events_t.delete().where(events_t.c.event_id.in_(touched)))
        if self.dialect == "sqlite":
            for chunk in _chunks(sorted(touched), 500):
                marks = ",".join("?" * len(chunk))
                conn.exec_driver_sql(
                    f"DELETE FROM events_fts WHERE event_id IN ({marks})", tuple(chunk)
                )
        pairs: list[tuple[Event | None, Event | None]] = []
        for group in group_reports(conn, reports):
            ev = group.event()
            conn.execute(
                reports_t.update()
                .where(reports_t.c.event_id.in_([m.event_id for m in group.members]))
                .values(merged_id=ev.event_id)
            )
            prev = before.pop(ev.event_id, None)
            kept = apply_overrides(conn, ev) if group.status else {}
            if group.status == "not_event":
                pairs.append((prev, None))
                continue  # a person said it is no event: kept out of every listing
            was = old.get(ev.event_id)
            self._insert_event(
                conn, ev, group.members, was.created_at if was else now, now, group.status
            )
            pairs.append((prev, ev))
            if not quiet:
                # A curated event re-read by another pipeline version: the revision says
                # where the pipeline disagrees with the person, even if nothing else moved.
                reread = was is not None and was.pipeline_version != self.version
                self._revision(conn, prev, ev, story_id, now, kept, force=bool(kept) and reread)
        for gone in before.values():
            pairs.append((gone, None))
            if not quiet:
                self._revision(conn, gone, None, story_id, now)
        return pairs

    def _insert_event(
        self,
        conn: Connection,
        ev: Event,
        members: list[Event],
        created: str,
        now: str,
        status: str | None = None,
    ) -> None:
        values = {c: getattr(ev, c) for c in EVENT_COLUMNS if c not in ("field_confidence",)}
        values["field_confidence"] = json.dumps(ev.field_confidence)
        queue = review_score(ev, members)
        values.update(
            mention_count=len(members),
            pipeline_version=self.version,
            created_at=created,
            updated_at=now,
            reviewed=status in ("accepted", "corrected"),
            review_status=status if status in ("accepted", "corrected") else None,
            review_score=queue.score,
            review_reasons=json.dumps(queue.reasons),
        )
        conn.execute(events_t.insert().values(**values))
        rows = []
        for m in members:
            for e in m.evidence:
                rows.append(
                    {
                        "event_id": ev.event_id,
                        "story_id": m.story_id,
                        "field": e.field,
                        "text": e.text,
                        "start": e.start,
                        "end": e.end,
                    }
                )
        if rows:
            conn.execute(evidence_t.insert(), rows)
        # One row per story: a story may give one event two reports (two sentences that a
        # third story's report joins), and (event_id, story_id) is the key.
        first_of_story = {m.story_id: m for m in reversed(members)}
        conn.execute(
            sources_t.insert(),
            [
                {
                    "event_id": ev.event_id,
                    "story_id": m.story_id,
                    "source": m.source,
                    "url": m.source_url,
                    "added_at": now,
                }
                for m in sorted(first_of_story.values(), key=lambda m: m.event_id)
            ],
        )
        if self.dialect == "postgresql" and self._has_geom(conn) and ev.latitude is not None:
            conn.execute(
                text(
                    "UPDATE events SET geom = ST_SetSRID(ST_MakePoint(:lon, :lat), 4326) "
                    "WHERE event_id = :id"
                ),
                {"lon": ev.longitude, "lat": ev.latitude, "id": ev.event_id},
            )
        if self.dialect == "sqlite":
            conn.exec_driver_sql(
                "INSERT INTO events_fts (event_id, notes, evidence) VALUES (?, ?, ?)",
                (ev.event_id, ev.notes or "", " ".join(sorted({e.text for e in ev.evidence}))),
            )

    def _has_geom(self, conn: Connection) -> bool:
        """Return True when the events table has the PostGIS geometry column."""
        if self._geom is None:
            self._geom = bool(
                conn.exec_driver_sql(
                    "SELECT 1 FROM information_schema.columns "
                    "WHERE table_name = 'events' AND column_name = 'geom'"
                ).scalar()
            )
        return self._geom

    def _revision(
        self,
        conn: Connection,
        before: Event | None,
        after: Event | None,
        story_id: str,
        now: str,
        kept: dict[str, Any] | None = None,
        *,
        force: bool = False,
    ) -> None:
        if before is None and after is None:
            return
        if before is None:
            action, changes = "created", None
        elif after is None:
            action, changes = "removed", None
        else:
            a, b = before.to_dict(), after.to_dict()
            diff = {
                k: [a.get(k), b.get(k)]
                for k in EVENT_COLUMNS
                if k not in ("evidence",) and a.get(k) != b.get(k)
            }
            if not diff and not force:
                return
            action, changes = "updated", json.dumps(diff) if diff else None
        target = after or before
        assert target is not None
        conn.execute(
            revisions_t.insert().values(
                event_id=target.event_id,
                story_id=story_id,
                pipeline_version=self.version,
                action=action,
                changes=changes,
                at=now,
                kept=json.dumps(kept) if kept else None,
            )
        )

    def save_reject(self, reject: Reject) -> None:
        """Record a rejected story with its reason (kept once per story, reason and origin)."""
        with self.engine.begin() as conn:
            conn.execute(
                rejects_t.delete().where(
                    rejects_t.c.story_id == reject.story_id, rejects_t.c.reason == reject.reason
                )
            )
            conn.execute(
                rejects_t.insert().values(
                    story_id=reject.story_id,
                    origin=reject.origin,
                    reason=reject.reason,
                    message=reject.message,
                    at=_now(),
                )
            )

    # -- queries -------------------------------------------------------------------------

    def events(self, filters: EventFilter | None = None) -> list[Event]:
        """Return the merged events matching the filters, with their evidence."""
        with self.engine.connect() as conn:
            stmt = select_events(filters or EventFilter(), self.dialect)
            ids = [r.event_id for r in conn.execute(stmt)]
            by_id = {e.event_id: e for e in self._load(conn, ids)}
        return [by_id[i] for i in ids if i in by_id]

    def stats(self, filters: EventFilter | None = None) -> Stats:
        """Return counts of all the matching events, by day and by type (no page limit)."""
        total_q, day_q, type_q = stats_queries(filters or EventFilter(), self.dialect)
        with self.engine.connect() as conn:
            total = conn.execute(total_q).scalar() or 0
            by_day = {d: n for d, n in conn.execute(day_q) if d}
            by_type: dict[str, int] = {}
            for event_type, plover, n in conn.execute(type_q):
                label = event_type or f"PLOVER {plover}"
                by_type[label] = by_type.get(label, 0) + n
        return Stats(int(total), dict(sorted(by_day.items())), dict(sorted(by_type.items())))

    def event(self, event_id: str) -> Event | None:
        """Return one merged event with its evidence, or None."""
        with self.engine.connect() as conn:
            found = self._load(conn, [event_id])
        return found[0] if found else None

    def sources(self, event_id: str) -> list[dict[str, Any]]:
        """Return the stories that report an event: story id, source name, URL."""
        with self.engine.connect() as conn:
            return self._sources(conn, event_id)

    def _sources(self, conn: Connection, event_id: str) -> list[dict[str, Any]]:
        rows = conn.execute(
            select(sources_t).where(sources_t.c.event_id == event_id).order_by(sources_t.c.story_id)
        ).mappings()
        return [dict(r) for r in rows]

    def rejects(self) -> list[Reject]:
        """Return every recorded reject, oldest first."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(rejects_t).order_by(rejects_t.c.id)).mappings().all()
        return [Reject(r["story_id"], r["reason"], r["message"], r["origin"]) for r in rows]

    def revisions(self, event_id: str) -> list[dict[str, Any]]:
        """Return the history of an event: what changed, when, by which pipeline version."""
        with self.engine.connect() as conn:
            rows = (
                conn.execute(
                    select(revisions_t)
                    .where(revisions_t.c.event_id == event_id)
                    .order_by(revisions_t.c.id)
                )
                .mappings()
                .all()
            )
        return [
            dict(r)
            | {
                "changes": json.loads(r["changes"]) if r["changes"] else None,
                "kept": json.loads(r["kept"]) if r["kept"] else None,
            }
            for r in rows
        ]

    def story_text(self, story_id: str) -> str | None:
        """Return the cleaned text of a stored story (what evidence offsets index)."""
        with self.engine.connect() as conn:
            return conn.execute(
                select(stories_t.c.text).where(stories_t.c.story_id == story_id)
            ).scalar()

    def _load(self, conn: Connection, ids: list[str]) -> list[Event]:
        out: list[Event] = []
        for chunk in _chunks(ids, 500):
            rows = conn.execute(select(events_t).where(events_t.c.event_id.in_(chunk))).mappings()
            evs = {}
            for r in rows:
                data = {c: r[c] for c in EVENT_COLUMNS}
                data["field_confidence"] = json.loads(r["field_confidence"] or "{}")
                data["claimed"] = bool(r["claimed"])
                ev = Event.from_dict(data)
                evs[ev.event_id] = ev
            for e in conn.execute(
                select(evidence_t).where(evidence_t.c.event_id.in_(chunk)).order_by(evidence_t.c.id)
            ).mappings():
                if e["event_id"] in evs:
                    evs[e["event_id"]].evidence.append(
                        Evidence(e["field"], e["text"], e["start"], e["end"])
                    )
            out.extend(evs.values())
        return out


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]
