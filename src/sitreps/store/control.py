"""Territorial control over time: who holds each place, since when, on what evidence.

Built from the stored events on demand (nothing is stored twice): territory events hand a
place to a holder, battles there make it contested until a transfer settles it. Each
holding period carries its evidence events and a status from their sources:

- claimed: only a party to the fighting says so (every evidence event is `claimed`);
- reported: one independent source reports it;
- confirmed: two or more independent sources (distinct outlets) report it.

Recaptures count as falls do: "Government regains territory" hands the place back.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, or_, select

from sitreps.store.schema import events, sources

if TYPE_CHECKING:
    from sitreps.store import Store

__all__ = [
    "CONTESTED_DAYS",
    "TRANSFERS",
    "ControlPeriod",
    "PlaceControl",
    "PlaceState",
    "control_on",
    "control_timelines",
]

#: Sub-event types that hand a place to actor1 (the side that takes or keeps it).
TRANSFERS = (
    "Non-state actor overtakes territory",
    "Government regains territory",
    "Non-violent transfer of territory",
    "Headquarters or base established",
)
#: A battle keeps a place contested for this many days unless a transfer settles it: ACLED
#: codes sustained fighting as one event per day, so a week without a reported battle
#: means the fighting there has stopped or moved on.
CONTESTED_DAYS = 7
STATUSES = ("claimed", "reported", "confirmed")


@dataclass(frozen=True)
class Evidence:
    """One event behind a control period (a transfer or a battle)."""

    event_id: str
    event_date: str
    sub_event_type: str
    actor1: str | None
    actor2: str | None
    sources: tuple[str, ...]
    claimed: bool


@dataclass
class ControlPeriod:
    """A holder of a place from one date until the next transfer (or still)."""

    holder: str | None  # None while battles are fought over a place nobody is known to hold
    since: str
    until: str | None = None
    transfers: list[Evidence] = field(default_factory=list)
    battles: list[Evidence] = field(default_factory=list)

    def status_on(self, day: str) -> str:
        """Return claimed, reported or confirmed from the transfers known by day."""
        known = [e for e in self.transfers if e.event_date <= day]
        independent = {s for e in known if not e.claimed for s in e.sources}
        if len(independent) >= 2:
            return "confirmed"
        if independent:
            return "reported"
        return "claimed"


@dataclass
class PlaceControl:
    """A place and its control timeline, oldest period first."""

    place_id: str
    place: str
    kind: str  # town, district or province
    country: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    periods: list[ControlPeriod] = field(default_factory=list)

    def state_on(self, day: str) -> PlaceState | None:
        """Return who holds the place on day and how sure we are, or None if nothing is known."""
        period = next((p for p in reversed(self.periods) if p.since <= day), None)
        if period is None:
            return None
        first = (date.fromisoformat(day) - timedelta(days=CONTESTED_DAYS - 1)).isoformat()
        fighting = [
            b
            for b in period.battles
            if first <= b.event_date <= day
            and (period.holder is None or b.event_date > period.since)
        ]
        if period.holder is None and not fighting:
            return None
        sides = sorted({a for b in fighting for a in (b.actor1, b.actor2) if a})
        return PlaceState(
            place=self,
            holder=period.holder,
            since=period.since,
            status=period.status_on(day) if period.holder else "contested",
            contested=bool(fighting),
            contested_by=sides,
            evidence=[e.event_id for e in period.transfers if e.event_date <= day]
            + [b.event_id for b in fighting],
        )


@dataclass(frozen=True)
class PlaceState:
    """Who holds a place on a date."""

    place: PlaceControl
    holder: str | None
    since: str
    status: str  # claimed, reported, confirmed; "contested" when nobody is known to hold it
    contested: bool
    contested_by: list[str]
    evidence: list[str]

    def to_feature(self) -> dict[str, Any]:
        """Return the state as a GeoJSON Feature (a point at the place)."""
        p = self.place
        geometry = (
            {"type": "Point", "coordinates": [p.longitude, p.latitude]}
            if p.latitude is not None and p.longitude is not None
            else None
        )
        return {
            "type": "Feature",
            "geometry": geometry,
            "properties": {
                "place_id": p.place_id,
                "place": p.place,
                "kind": p.kind,
                "country": p.country,
                "admin1": p.admin1,
                "holder": self.holder,
                "since": self.since,
                "status": self.status,
                "contested": self.contested,
                "contested_by": self.contested_by,
                "evidence": self.evidence,
            },
        }


def _place_id(country: str | None, admin1: str | None, location: str) -> str:
    key = "|".join((country or "", admin1 or "", location)).lower()
    return "pl_" + hashlib.sha1(key.encode()).hexdigest()[:12]


def _kind(location: str, admin1: str | None, admin2: str | None) -> str:
    if admin1 and location.lower() == admin1.lower():
        return "province"
    if admin2 and location.lower() == admin2.lower():
        return "district"
    return "town"


def control_timelines(
    store: Store,
    *,
    country: str | None = None,
    until: str | None = None,
    battles_from: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
) -> list[PlaceControl]:
    """Return the control timeline of every place with territory events or battles.

    battles_from leaves out earlier battles (they cannot make a later date contested);
    bbox keeps places inside min_lon, min_lat, max_lon, max_lat.
    """
    battles = events.c.event_type == "Battles"
    if battles_from:
        battles = and_(battles, events.c.event_date >= battles_from)
    conds = [
        or_(events.c.sub_event_type.in_(TRANSFERS), battles),
        events.c.event_date.is_not(None),
        events.c.location.is_not(None),
    ]
    if bbox is not None:
        conds.append(events.c.longitude.between(bbox[0], bbox[2]))
        conds.append(events.c.latitude.between(bbox[1], bbox[3]))
    if country:
        name = country.strip()
        conds.append(or_(events.c.country.in_({name, name.title()}), events.c.iso3 == name.upper()))
    if until:
        conds.append(events.c.event_date <= until)
    cols = [
        events.c.event_id,
        events.c.event_date,
        events.c.event_type,
        events.c.sub_event_type,
        events.c.actor1,
        events.c.actor2,
        events.c.country,
        events.c.admin1,
        events.c.admin2,
        events.c.location,
        events.c.latitude,
        events.c.longitude,
        events.c.claimed,
        events.c.source,
        events.c.story_id,
    ]
    with store.engine.connect() as conn:
        rows = list(conn.execute(select(*cols).where(and_(*conds))).all())
        outlets: dict[str, set[str]] = defaultdict(set)
        ids = [r.event_id for r in rows]
        for i in range(0, len(ids), 500):
            for s in conn.execute(
                select(sources.c.event_id, sources.c.source, sources.c.story_id).where(
                    sources.c.event_id.in_(ids[i : i + 500])
                )
            ):
                outlets[s.event_id].add(_outlet(s.source, s.story_id))
    # Within a day, battles come before transfers: the fight for a place precedes its fall.
    rows.sort(key=lambda r: (r.event_date, r.sub_event_type in TRANSFERS, r.event_id))
    places: dict[str, PlaceControl] = {}
    for r in rows:
        pid = _place_id(r.country, r.admin1, r.location)
        place = places.get(pid)
        if place is None:
            place = places[pid] = PlaceControl(
                pid,
                r.location,
                _kind(r.location, r.admin1, r.admin2),
                r.country,
                r.admin1,
                r.latitude,
                r.longitude,
            )
        if r.latitude is not None:
            place.latitude, place.longitude = r.latitude, r.longitude
        ev = Evidence(
            r.event_id,
            r.event_date,
            r.sub_event_type or r.event_type,
            r.actor1,
            r.actor2,
            tuple(sorted(outlets.get(r.event_id) or {_outlet(r.source, r.story_id)})),
            bool(r.claimed),
        )
        _apply(place, ev, transfer=r.sub_event_type in TRANSFERS)
    return sorted(places.values(), key=lambda p: (p.country or "", p.admin1 or "", p.place))


def _outlet(source: str | None, story_id: str) -> str:
    """Return the outlet a source string names (the first of "Reuters; The Independent")."""
    if not source:
        return story_id
    return source.split(";")[0].split(",")[0].strip().lower() or story_id


def _apply(place: PlaceControl, ev: Evidence, *, transfer: bool) -> None:
    """Add one event (in date order, battles before transfers on a day) to a timeline."""
    current = place.periods[-1] if place.periods else None
    if not transfer:
        if current is None:
            current = ControlPeriod(holder=None, since=ev.event_date)
            place.periods.append(current)
        current.battles.append(ev)
        return
    holder = ev.actor1
    if current is not None and current.holder == holder:
        current.transfers.append(ev)  # another report of the same holding
        return
    if current is not None:
        if current.holder is None and current.since <= ev.event_date:
            # The fight for a place nobody was known to hold ends with this transfer.
            current.holder, current.transfers = holder, [ev]
            current.since = ev.event_date
            return
        current.until = ev.event_date
    place.periods.append(ControlPeriod(holder=holder, since=ev.event_date, transfers=[ev]))


def control_on(
    store: Store,
    day: str,
    *,
    country: str | None = None,
    bbox: tuple[float, float, float, float] | None = None,
) -> list[PlaceState]:
    """Return who holds each place on a date (places with no known holder or fight left out)."""
    first = (date.fromisoformat(day) - timedelta(days=CONTESTED_DAYS - 1)).isoformat()
    states = []
    for place in control_timelines(
        store, country=country, until=day, battles_from=first, bbox=bbox
    ):
        state = place.state_on(day)
        if state is not None:
            states.append(state)
    return states
