"""Writing events out: ACLED-compatible CSV, GeoJSON, JSON Lines and Parquet."""

from __future__ import annotations

import csv
import json
import time
from collections.abc import Iterable
from functools import lru_cache
from typing import IO, Any

from sitreps.errors import SitrepsError
from sitreps.model import EVENT_FIELDS, Event

__all__ = ["ACLED_COLUMNS", "EXTRA_COLUMNS", "FORMATS", "acled_row", "geojson", "write_events"]

FORMATS = ("csv", "geojson", "jsonl", "parquet")

#: ACLED's export columns, in ACLED's order.
ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
#: Our columns after ACLED's.
EXTRA_COLUMNS = (
    "event_id",
    "story_id",
    "iso3",
    "plover_event",
    "plover_mode",
    "cameo_root",
    "geonames_id",
    "size",
    "source_url",
    "confidence",
    "claimed",
    "field_confidence",
    "evidence",
)


@lru_cache(maxsize=512)
def _iso_numeric(iso3: str | None) -> int | None:
    if not iso3:
        return None
    import pycountry

    country = pycountry.countries.get(alpha_3=iso3)
    return int(country.numeric) if country else None


_NOT_TARGETING = frozenset({None, "Strategic developments", "Protests"})


def acled_row(ev: Event, timestamp: int) -> dict[str, Any]:
    """Return one event as an ACLED-compatible CSV row (ACLED's columns, then ours)."""
    # ACLED marks civilian targeting on political violence aimed at civilians: a strategic
    # development (a prison break, a looting by a party) or a protest is not, whoever it hits.
    civilian = (ev.inter1 == 7 or ev.inter2 == 7) and ev.event_type not in _NOT_TARGETING
    row: dict[str, Any] = {
        "event_id_cnty": ev.event_id,
        "event_date": ev.event_date,
        "year": ev.event_date[:4] if ev.event_date else None,
        "time_precision": ev.time_precision,
        "disorder_type": ev.disorder_type,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1,
        "assoc_actor_1": ev.assoc_actor_1,
        "inter1": ev.inter1,
        "actor2": ev.actor2,
        "assoc_actor_2": ev.assoc_actor_2,
        "inter2": ev.inter2,
        "interaction": ev.interaction,
        "civilian_targeting": "Civilian targeting" if civilian else None,
        "iso": _iso_numeric(ev.iso3),
        "region": None,
        "country": ev.country,
        "admin1": ev.admin1,
        "admin2": ev.admin2,
        "admin3": None,
        "location": ev.location,
        "latitude": ev.latitude,
        "longitude": ev.longitude,
        "geo_precision": ev.geo_precision,
        "source": ev.source,
        "source_scale": None,
        "notes": ev.notes,
        "fatalities": ev.fatalities,
        "tags": None,
        "timestamp": timestamp,
    }
    extra = ev.to_dict()
    for name in EXTRA_COLUMNS:
        value = extra.get(name)
        if name in ("evidence", "field_confidence"):
            value = json.dumps(value, ensure_ascii=False)
        row[name] = value
    return row


def geojson(events: Iterable[Event]) -> dict[str, Any]:
    """Return a GeoJSON FeatureCollection; events without coordinates have null geometry."""
    features = []
    for ev in events:
        props = ev.to_dict()
        geometry = None
        if ev.latitude is not None and ev.longitude is not None:
            geometry = {"type": "Point", "coordinates": [ev.longitude, ev.latitude]}
        features.append(
            {"type": "Feature", "id": ev.event_id, "geometry": geometry, "properties": props}
        )
    return {"type": "FeatureCollection", "features": features}


def _parquet(events: list[Event], out: IO[bytes]) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError as exc:
        raise SitrepsError('parquet export needs pyarrow: pip install "sitreps[parquet]"') from exc
    rows = [ev.to_dict() for ev in events]
    columns: dict[str, list[Any]] = {name: [r[name] for r in rows] for name in EVENT_FIELDS}
    columns["field_confidence"] = [json.dumps(r["field_confidence"]) for r in rows]
    columns["claimed"] = [r["claimed"] for r in rows]
    evidence_type = pa.list_(
        pa.struct(
            [
                ("field", pa.string()),
                ("text", pa.string()),
                ("start", pa.int64()),
                ("end", pa.int64()),
            ]
        )
    )
    schema_fields = []
    for name in columns:
        if name == "evidence":
            schema_fields.append(pa.field(name, evidence_type))
        elif name in ("latitude", "longitude", "confidence"):
            schema_fields.append(pa.field(name, pa.float64()))
        elif name in (
            "time_precision",
            "inter1",
            "inter2",
            "interaction",
            "geo_precision",
            "geonames_id",
            "fatalities",
        ):
            schema_fields.append(pa.field(name, pa.int64()))
        elif name == "claimed":
            schema_fields.append(pa.field(name, pa.bool_()))
        else:
            schema_fields.append(pa.field(name, pa.string()))
    table = pa.Table.from_pydict(columns, schema=pa.schema(schema_fields))
    pq.write_table(table, out)


def write_events(events: Iterable[Event], fmt: str, out: IO[Any]) -> None:
    """Write events to a stream in one of FORMATS (parquet needs a binary stream)."""
    if fmt == "jsonl":
        for ev in events:
            out.write(json.dumps(ev.to_dict(), ensure_ascii=False) + "\n")
    elif fmt == "csv":
        writer = csv.DictWriter(
            out, fieldnames=[*ACLED_COLUMNS, *EXTRA_COLUMNS], lineterminator="\n"
        )
        writer.writeheader()
        stamp = int(time.time())
        for ev in events:
            writer.writerow(acled_row(ev, stamp))
    elif fmt == "geojson":
        json.dump(geojson(events), out, ensure_ascii=False)
        out.write("\n")
    elif fmt == "parquet":
        _parquet(list(events), out)
    else:
        raise SitrepsError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
