"""Counts for the map, the timeline and the table over every matching event, at any size.

The web map must account for every event that matches the filters, on databases of a
million events, within the 200 ms a pan or zoom can afford. Grouping a million rows in
SQLite takes longer than that, so the columns the map filters and groups by (position,
date, type, country, confidence, deaths) are held in memory as numpy arrays, loaded once
and reloaded when the database changes. Filters on free text (actor, full-text search)
still go through SQL, which returns the matching row keys.
"""

from __future__ import annotations

import math
import sqlite3
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import and_, func, literal_column, select

from sitreps.errors import SitrepsError
from sitreps.store.query import EventFilter, select_events
from sitreps.store.schema import events

if TYPE_CHECKING:
    from sitreps.store import Store

__all__ = ["Cell", "Grid", "MapIndex", "TablePage", "Timeline"]

#: Grid cells are this many screen pixels wide: at 64 px a world view (zoom 2) has 16x16
#: cells, dense enough to see regions, sparse enough for labels to fit.
CELL_PX = 64
#: At most this many events in view are drawn one by one; more are drawn as cell counts.
#: 500 circle markers keep Leaflet's canvas responsive on a phone.
MAX_POINTS = 500
#: Cells are computed once at this zoom level (2**24 columns fit in int32).
GRID_ZOOM = 22
#: Past this many cells a request is coarsened one zoom level at a time.
MAX_CELLS = 10_000
#: On tables larger than this, a change is picked up at most every RELOAD_SECONDS (or ten
#: times the last load's duration) while writes continue: loading one million rows takes
#: about 9 s of CPU (benchmarks/map_latency.py). Smaller tables reload at once.
LARGE_TABLE = 200_000
RELOAD_SECONDS = 3.0
#: Table columns returned for the map's table and point markers.
ROW_COLUMNS = (
    "event_id",
    "event_date",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "location",
    "admin1",
    "country",
    "fatalities",
    "confidence",
    "latitude",
    "longitude",
)
TABLE_SORTS = {
    "event_date",
    "-event_date",
    "fatalities",
    "-fatalities",
    "confidence",
    "-confidence",
}
_EPOCH = date(1970, 1, 1)
_NO_DAY = -(2**31)


@dataclass(frozen=True)
class Cell:
    """One grid cell: how many events, where their centre is, and their mix of types."""

    count: int
    longitude: float
    latitude: float
    types: dict[str, int]


@dataclass(frozen=True)
class Grid:
    """What the map draws for a view: cells, or single events when few are in view."""

    total: int  # events matching the filters anywhere, with or without coordinates
    in_view: int  # of those, events with coordinates inside the view
    unlocated: int  # events matching the filters that have no coordinates
    zoom: int  # the zoom level the cells were computed for
    cells: list[Cell] = field(default_factory=list)
    points: list[dict[str, Any]] = field(default_factory=list)
    types: dict[str, int] = field(default_factory=dict)  # type mix of the events in view


@dataclass(frozen=True)
class Timeline:
    """Event counts per day, week or month for the timeline."""

    bucket: str  # "day", "week" or "month"
    bins: list[tuple[str, int]]
    total: int
    undated: int


@dataclass(frozen=True)
class TablePage:
    """One page of the table: its rows and the number of rows in all pages."""

    total: int
    rows: list[dict[str, Any]]


def _day(value: str | None) -> int:
    if not value:
        return _NO_DAY
    try:
        return (date.fromisoformat(value[:10]) - _EPOCH).days
    except ValueError:
        return _NO_DAY


def _days(values: tuple[str | None, ...]) -> np.ndarray:
    """Return days since 1970-01-01 for ISO dates (_NO_DAY for empty or malformed ones)."""
    try:  # numpy parses a million dates in a few milliseconds
        parsed = np.array([(v or "NaT")[:10] for v in values], dtype="datetime64[D]")
    except ValueError:
        return np.array([_day(v) for v in values], dtype=np.int32)
    out = parsed.astype(np.int64)
    out[np.isnat(parsed)] = _NO_DAY
    return out.astype(np.int32)


def _months(days: np.ndarray) -> np.ndarray:
    """Return the day number of the first of each day's month (_NO_DAY stays)."""
    valid = days != _NO_DAY
    out = np.full(len(days), _NO_DAY, dtype=np.int32)
    months = days[valid].astype("datetime64[D]").astype("datetime64[M]")
    out[valid] = months.astype("datetime64[D]").astype(np.int32)
    return out


def _grid_xy(lon: np.ndarray, lat: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the cell column and row of points at GRID_ZOOM (floats, not yet floored)."""
    n = 2 ** (GRID_ZOOM + 2)  # cells per world width: 256 px tiles / CELL_PX = 4 per tile
    x = (lon + 180.0) / 360.0 * n
    y = (math.pi - _mercator(lat)) / (2 * math.pi) * n
    return np.clip(x, 0, n - 1), np.clip(y, 0, n - 1)


def _cells(lon: np.ndarray, lat: np.ndarray) -> dict[str, np.ndarray]:
    """Return each point's cell at GRID_ZOOM as integers: coarser zooms are a bit shift away."""
    located = ~np.isnan(lon) & ~np.isnan(lat)
    x, y = _grid_xy(np.nan_to_num(lon), np.nan_to_num(lat))
    gx = np.where(located, np.floor(x), -1).astype(np.int32)
    gy = np.where(located, np.floor(y), -1).astype(np.int32)
    return {"gx": gx, "gy": gy}


def _iso(day: int) -> str:
    return (_EPOCH + timedelta(days=int(day))).isoformat()


def _mercator(lat: np.ndarray) -> np.ndarray:
    clipped = np.clip(lat, -85.05112878, 85.05112878)
    return np.log(np.tan(np.pi / 4 + np.radians(clipped) / 2))


def _named(names: list[str], counts: np.ndarray) -> dict[str, int]:
    return {names[t]: int(counts[t]) for t in np.flatnonzero(counts)}


class _Codes:
    """Distinct strings of a column, as small integer codes (-1 for empty)."""

    def __init__(self, values: Iterable[str | None]) -> None:
        # One dict lookup per row (setdefault numbers values as they first appear), then
        # empty values are renumbered -1 in one numpy step: ~0.2 s per million rows.
        seen: dict[str | None, int] = {}
        raw = np.fromiter((seen.setdefault(v, len(seen)) for v in values), dtype=np.int32)
        self.names: list[str] = [k for k in seen if k]
        self.index: dict[str, int] = {k: i for i, k in enumerate(self.names)}
        lut = np.array([self.index.get(k, -1) if k else -1 for k in seen] or [-1], dtype=np.int32)
        self.codes = lut[raw] if len(raw) else raw

    def where(self, wanted: Iterable[str]) -> np.ndarray:
        """Return a mask of the rows whose value is one of wanted."""
        found = [self.index[w] for w in set(wanted) if w in self.index]
        if not found:
            return np.zeros(len(self.codes), dtype=bool)
        if len(found) > 4:
            return np.isin(self.codes, np.array(found, dtype=np.int32))
        # A comparison or two is five times faster than np.isin on a million codes.
        out = self.codes == found[0]
        for code in found[1:]:
            out |= self.codes == code
        return out


@dataclass
class _Columns:
    keys: np.ndarray
    lon: np.ndarray
    lat: np.ndarray
    gx: np.ndarray  # column of the row's cell at GRID_ZOOM (-1 without coordinates)
    gy: np.ndarray  # row of that cell, from the north (Web Mercator, as the map)
    tcode: np.ndarray  # event type code, with "no type" as the last code
    month: np.ndarray  # day number of the first of the event's month
    day: np.ndarray
    confidence: np.ndarray
    fatalities: np.ndarray
    event_type: _Codes
    sub_event_type: _Codes
    plover: _Codes
    country: _Codes
    iso3: _Codes
    admin1_lower: _Codes

    @property
    def size(self) -> int:
        return len(self.keys)


class MapIndex:
    """The map's view of a store: built once per store, safe to share between threads."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._lock = threading.Lock()
        self._cols: _Columns | None = None
        self._loaded_at = 0.0
        self._load_seconds = 0.0
        self._version: object = None
        self._watch: sqlite3.Connection | None = None
        self._sqlite = store.dialect == "sqlite"
        self._key = literal_column("events.rowid") if self._sqlite else events.c.event_id

    # -- loading ---------------------------------------------------------------------------

    def _data_version(self) -> object:
        """Return a token that changes whenever the events change (or may have changed)."""
        if self._sqlite:
            path = self.store.engine.url.database
            if path and path != ":memory:":
                # PRAGMA data_version changes when any other connection commits: free to ask.
                if self._watch is None:
                    self._watch = sqlite3.connect(
                        f"file:{path}?mode=ro", uri=True, check_same_thread=False
                    )
                return int(self._watch.execute("PRAGMA data_version").fetchone()[0])
        large = self._cols is not None and self._cols.size > LARGE_TABLE
        if large and time.monotonic() - self._loaded_at < RELOAD_SECONDS:
            return self._version
        # Saving a story deletes and re-inserts the events it touches with a new updated_at.
        with self.store.engine.connect() as conn:
            row = conn.execute(select(func.count(), func.max(events.c.updated_at))).one()
        return (row[0], row[1])

    def columns(self) -> _Columns:
        """Return the in-memory columns, reloading them when the database has changed."""
        with self._lock:
            now = time.monotonic()
            version = self._data_version()
            stale = self._cols is None or version != self._version
            if stale and self._cols is not None and self._cols.size > LARGE_TABLE:
                # While writes go on, spend at most a tenth of the time reloading.
                stale = now - self._loaded_at > max(RELOAD_SECONDS, 10 * self._load_seconds)
            if stale or self._cols is None:
                self._cols = self._load()
                self._version = version
                self._loaded_at = time.monotonic()
                self._load_seconds = self._loaded_at - now
            return self._cols

    def _load(self) -> _Columns:
        cols = [
            events.c.longitude,
            events.c.latitude,
            events.c.event_date,
            events.c.confidence,
            events.c.fatalities,
            events.c.event_type,
            events.c.sub_event_type,
            events.c.plover_event,
            events.c.country,
            events.c.iso3,
            events.c.admin1,
        ]
        stmt = select(self._key.label("k"), *cols)
        sql = str(stmt.compile(dialect=self.store.engine.dialect))
        with self.store.engine.connect() as conn:
            # The driver's own cursor: SQLAlchemy's row objects double the time of a
            # million-row read, and this statement has no parameters to bind.
            cur = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
            cur.execute(sql)
            rows = cur.fetchall()
            cur.close()
        n = len(rows)
        if n:
            keys, lon, lat, day_s, conf, dead, et, st, pl, co, iso, a1 = zip(*rows, strict=True)
        else:
            keys = lon = lat = day_s = conf = dead = et = st = pl = co = iso = a1 = ()
        lon_a = np.array([np.nan if v is None else v for v in lon], dtype=np.float64)
        lat_a = np.array([np.nan if v is None else v for v in lat], dtype=np.float64)
        return _Columns(
            keys=np.array(keys, dtype=np.int64 if self._sqlite else object),
            lon=lon_a,
            lat=lat_a,
            **_cells(lon_a, lat_a),
            day=(days := _days(day_s)),
            month=_months(days),
            confidence=np.array([np.nan if v is None else v for v in conf], dtype=np.float32),
            fatalities=np.array([-1 if v is None else v for v in dead], dtype=np.int32),
            event_type=(types := _Codes(et)),
            tcode=np.where(types.codes < 0, len(types.names), types.codes).astype(np.int32),
            sub_event_type=_Codes(st),
            plover=_Codes(pl),
            country=_Codes(co),
            iso3=_Codes(iso),
            admin1_lower=_Codes(v.lower() if v else None for v in a1),
        )

    # -- filtering -------------------------------------------------------------------------

    def mask(self, f: EventFilter, types: frozenset[str] | None = None) -> np.ndarray:
        """Return which in-memory rows match the filter (and the visible event types)."""
        c = self.columns()
        m = np.ones(c.size, dtype=bool)
        if f.start:
            m &= c.day >= _day(f.start)
        if f.end:
            m &= (c.day <= _day(f.end)) & (c.day != _NO_DAY)
        if f.country:
            name = f.country.strip()
            m &= c.country.where({name, name.title()}) | c.iso3.where({name.upper()})
        if f.admin1:
            m &= c.admin1_lower.where({f.admin1.lower()})
        if f.event_type:
            m &= (
                c.event_type.where({f.event_type})
                | c.sub_event_type.where({f.event_type})
                | c.plover.where({f.event_type.upper()})
            )
        if f.sub_event_type:
            m &= c.sub_event_type.where({f.sub_event_type})
        if f.min_confidence is not None:
            m &= c.confidence >= f.min_confidence
        if f.bbox is not None:
            m &= self._in_box(c, f.bbox)
        if types is not None:
            wanted = c.event_type.where(types - {""})
            if "" in types:  # events without an ACLED type (PLOVER only)
                wanted |= c.event_type.codes == -1
            m &= wanted
        if f.actor or f.q:
            m &= np.isin(c.keys, self._text_matches(f))
        return m

    @staticmethod
    def _in_box(c: _Columns, bbox: tuple[float, float, float, float]) -> np.ndarray:
        min_lon, min_lat, max_lon, max_lat = bbox
        return (c.lon >= min_lon) & (c.lon <= max_lon) & (c.lat >= min_lat) & (c.lat <= max_lat)

    def _text_matches(self, f: EventFilter) -> np.ndarray:
        """Return the keys of events matching the free-text parts of a filter (in SQL)."""
        only_text = EventFilter(actor=f.actor, q=f.q)
        where = select_events(only_text, self.store.dialect).whereclause
        stmt = select(self._key).select_from(events)
        if where is not None:
            stmt = stmt.where(and_(where))
        with self.store.engine.connect() as conn:
            found = [r[0] for r in conn.execute(stmt)]
        return np.array(found, dtype=np.int64 if self._sqlite else object)

    def _rows(self, keys: list[Any]) -> list[dict[str, Any]]:
        """Return the table columns of these events, in the order of keys."""
        if not keys:
            return []
        cols = [events.c[name] for name in ROW_COLUMNS]
        out: dict[Any, dict[str, Any]] = {}
        with self.store.engine.connect() as conn:
            for i in range(0, len(keys), 500):
                chunk = keys[i : i + 500]
                stmt = select(self._key.label("k"), *cols).where(self._key.in_(chunk))
                for r in conn.execute(stmt).mappings():
                    out[r["k"]] = {name: r[name] for name in ROW_COLUMNS}
        return [out[k] for k in keys if k in out]

    # -- answers ---------------------------------------------------------------------------

    def grid(
        self,
        f: EventFilter,
        zoom: int,
        view: tuple[float, float, float, float],
        types: frozenset[str] | None = None,
        max_points: int = MAX_POINTS,
    ) -> Grid:
        """Return the cells (or single events) of a view at a zoom level for the filters."""
        c = self.columns()
        base = self.mask(replace(f, bbox=None), types)
        total = int(base.sum())
        located = base & (c.gx >= 0)
        unlocated = total - int(located.sum())
        if f.bbox is not None:  # a bbox filter narrows the view too
            view = (
                max(view[0], f.bbox[0]),
                max(view[1], f.bbox[1]),
                min(view[2], f.bbox[2]),
                min(view[3], f.bbox[3]),
            )
        x0, y1 = _grid_xy(np.array([view[0]]), np.array([view[1]]))
        x1, y0 = _grid_xy(np.array([view[2]]), np.array([view[3]]))
        gx0, gx1, gy0, gy1 = int(x0[0]), int(x1[0]), int(y0[0]), int(y1[0])
        inside = located & (c.gx >= gx0) & (c.gx <= gx1) & (c.gy >= gy0) & (c.gy <= gy1)
        idx = np.flatnonzero(inside)
        names = [*c.event_type.names, ""]
        if len(idx) <= max_points:
            mix = np.bincount(c.tcode[idx], minlength=len(names))
            order = idx[np.lexsort((c.keys[idx].astype(str), -c.day[idx]))] if len(idx) else idx
            points = self._rows([k.item() if hasattr(k, "item") else k for k in c.keys[order]])
            return Grid(total, len(idx), unlocated, zoom, points=points, types=_named(names, mix))
        zoom = max(0, min(int(zoom), GRID_ZOOM))
        while True:
            shift = GRID_ZOOM - zoom
            ix0, iy0 = gx0 >> shift, gy0 >> shift
            nx, ny = (gx1 >> shift) - ix0 + 1, (gy1 >> shift) - iy0 + 1
            if nx * ny <= MAX_CELLS or zoom == 0:
                break
            zoom -= 1
        cell = ((c.gx[idx] >> shift) - ix0) * ny + ((c.gy[idx] >> shift) - iy0)
        ncell = nx * ny
        counts = np.bincount(cell, minlength=ncell)
        lon_sum = np.bincount(cell, weights=c.lon[idx], minlength=ncell)
        lat_sum = np.bincount(cell, weights=c.lat[idx], minlength=ncell)
        ntypes = len(names)
        by_type = np.bincount(cell * ntypes + c.tcode[idx], minlength=ncell * ntypes).reshape(
            ncell, ntypes
        )
        cells = []
        for k in np.flatnonzero(counts):
            n = int(counts[k])
            cells.append(
                Cell(
                    count=n,
                    longitude=round(float(lon_sum[k] / n), 5),
                    latitude=round(float(lat_sum[k] / n), 5),
                    types=_named(names, by_type[k]),
                )
            )
        mix = by_type.sum(axis=0)
        return Grid(total, len(idx), unlocated, zoom, cells=cells, types=_named(names, mix))

    def timeline(self, f: EventFilter, types: frozenset[str] | None = None) -> Timeline:
        """Return counts per day, week or month (by the span) of the matching events."""
        c = self.columns()
        m = self.mask(f, types)
        total = int(m.sum())
        m &= c.day != _NO_DAY
        days = c.day[m]
        undated = total - len(days)
        if not len(days):
            return Timeline("day", [], total, undated)
        lo, hi = int(days.min()), int(days.max())
        span = hi - lo
        # A bar per day up to four months, per week up to three years, per month beyond:
        # about 120-160 bars at most, which fit a phone's width.
        if span <= 120:
            bucket, starts = "day", days
        elif span <= 3 * 366:
            bucket, starts = "week", days - (days + 3) % 7  # 1970-01-01 was a Thursday
        else:
            bucket, starts = "month", c.month[m]
        first = int(starts.min())
        counts = np.bincount(starts - first)  # spans are short: ten years are 3,653 days
        bins = [(_iso(first + int(k)), int(counts[k])) for k in np.flatnonzero(counts)]
        return Timeline(bucket, bins, total, undated)

    def table(
        self,
        f: EventFilter,
        types: frozenset[str] | None = None,
        sort: str = "-event_date",
        offset: int = 0,
        limit: int = 50,
    ) -> TablePage:
        """Return one sorted page of the matching events and how many match in all."""
        if sort not in TABLE_SORTS:
            raise SitrepsError(
                f"cannot sort by {sort!r}: use one of {', '.join(sorted(TABLE_SORTS))}"
            )
        c = self.columns()
        idx = np.flatnonzero(self.mask(f, types))
        total = len(idx)
        if offset >= total:
            return TablePage(total, [])
        col = sort.lstrip("-")
        if col == "event_date":
            values = c.day[idx].astype(np.float64)
            missing = c.day[idx] == _NO_DAY
        elif col == "fatalities":
            values = c.fatalities[idx].astype(np.float64)
            missing = c.fatalities[idx] < 0
        else:
            values = c.confidence[idx].astype(np.float64)
            missing = np.isnan(values)
        values = -values if sort.startswith("-") else values
        values[missing] = np.inf  # empty values sort last either way
        want = min(offset + limit, total)
        part = np.argpartition(values, want - 1)[:want] if want < total else np.arange(total)
        order = part[np.lexsort((idx[part], values[part]))][offset:want]
        keys = [k.item() if hasattr(k, "item") else k for k in c.keys[idx[order]]]
        return TablePage(total, self._rows(keys))

    def event_ids(
        self,
        f: EventFilter,
        types: frozenset[str] | None = None,
        sort: str = "-event_date",
        limit: int = 10_000,
    ) -> list[str]:
        """Return the ids of the first matching events in table order (for downloads)."""
        return [r["event_id"] for r in self.table(f, types, sort, 0, limit).rows]

    def count(self, f: EventFilter, types: frozenset[str] | None = None) -> int:
        """Return how many events match."""
        return int(self.mask(f, types).sum())
