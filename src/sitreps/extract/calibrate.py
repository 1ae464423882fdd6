"""Per-field confidence calibration: how often each field is right at each raw level.

The extractor gives each field a raw confidence from how the value was found (a date in
the sentence 0.9, inherited 0.75, the story's date 0.45; a place by its geo precision; ...).
`fit_fields` runs the extractor over examples whose fields we coded by hand
(src/sitreps/data/train/fields.jsonl), records for each field whether it came out right,
and fits an isotonic map from raw confidence to the share right. The maps ship in
data/model/field_calibration.json and `calibrate_field` applies them at run time.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sitreps.model import Event

__all__ = [
    "CALIBRATION_FILE",
    "FIELDS",
    "calibrate_field",
    "field_right",
    "fit_fields",
    "load_field_calibration",
    "raw_confidences",
    "save_field_calibration",
]

CALIBRATION_FILE = "field_calibration.json"
FIELDS = ("event_date", "location", "country", "actor1", "actor2", "fatalities")


def _actor_key(name: str) -> str:
    from sitreps.extract.actors import without_period

    return re.sub(r"[^a-z0-9]+", " ", without_period(name).lower()).strip()


def field_right(field: str, event: Event, gold: dict[str, Any]) -> bool | None:
    """Return whether the event's value of field matches the gold row (None: nothing to judge)."""
    want = gold.get(field)
    got = getattr(event, field)
    if field == "fatalities":
        return None if want is None else got == want
    if want is None:
        return None if got is None else False
    if got is None:
        return False
    if field == "event_date":
        return bool(got == want)
    if field == "country":
        from sitreps.geo.normalize import name_key

        return name_key(str(got)) == name_key(str(want))
    if field == "location":
        from sitreps.geo.normalize import name_key

        a, b = name_key(str(got)), name_key(str(want))
        names = {name_key(x) for x in (event.location, event.admin1, event.admin2) if x}
        if a == b or b in names or (len(b) > 3 and (b in a or a in b)):
            return True
        return _near_named(event, str(want), gold.get("country"))
    a, b = _actor_key(str(got)), _actor_key(str(want))
    return a == b or (len(b) > 3 and (b in a or a in b))


#: A place the coder named lies this close to the event's point: the same place under
#: another spelling (Jazan / Jizan) or a quarter of the town coded (Hodan, Mogadishu).
SAME_PLACE_KM = 25.0


@lru_cache(maxsize=1)
def _gazetteer() -> Any:
    from sitreps.config import load_settings
    from sitreps.geo import Geocoder

    return Geocoder.from_settings(load_settings(env={})).gazetteer


def _near_named(event: Event, want: str, country: str | None) -> bool:
    """Return True when a place called want (in the gold country) lies near the event."""
    from sitreps.distance import haversine_km
    from sitreps.geo.normalize import name_key

    if event.latitude is None or event.longitude is None:
        return False
    for p in _gazetteer().lookup(want):
        if p.lat is None or p.lon is None or p.kind == "country":
            continue
        if country and p.country and name_key(p.country) != name_key(country):
            continue
        if haversine_km(event.latitude, event.longitude, p.lat, p.lon) <= SAME_PLACE_KM:
            return True
    return False


def fit_fields(
    rows: Iterable[dict[str, Any]],
    extract: Callable[[dict[str, Any]], list[Event]],
    real: dict[str, list[tuple[float, bool]]] | None = None,
) -> tuple[dict[str, dict[str, list[float]]], dict[str, list[tuple[float, bool]]]]:
    """Return per-field isotonic maps {field: {x, y}} and the (raw, right) pairs they fit.

    real: (raw, right) pairs judged on text nobody on the team wrote (GED titles, see
    sitreps.extract.ged_fields); our rows and those weigh the same per field, so neither
    the wording we wrote nor one register of real text sets the map alone.
    """
    from sklearn.isotonic import IsotonicRegression

    pairs: dict[str, list[tuple[float, bool]]] = {f: [] for f in FIELDS}
    for row in rows:
        with raw_confidences():
            events = extract(row)
        match = [e for e in events if e.sub_event_type == row.get("sub_event_type")]
        if not match:
            continue
        ev = match[0]
        for field in FIELDS:
            raw = (ev.field_confidence or {}).get(field)
            ok = field_right(field, ev, row)
            if raw is not None and ok is not None:
                pairs[field].append((float(raw), ok))
    maps: dict[str, dict[str, list[float]]] = {}
    for field, ours in pairs.items():
        theirs = (real or {}).get(field, [])
        got = ours + theirs
        if len(got) < 20:
            continue
        # each source weighs half when both are there
        weights = [0.5 / len(ours)] * len(ours) + [0.5 / len(theirs)] * len(theirs)
        if not ours or not theirs:
            weights = [1.0] * len(got)
        iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
        iso.fit([r for r, _ in got], [float(ok) for _, ok in got], sample_weight=weights)
        maps[field] = {
            "x": [float(v) for v in iso.X_thresholds_],
            "y": [round(float(v), 4) for v in iso.y_thresholds_],
        }
    return maps, pairs


def save_field_calibration(maps: dict[str, dict[str, list[float]]], path: Path) -> None:
    """Write the per-field maps as JSON."""
    path.write_text(json.dumps(maps, indent=1, sort_keys=True) + "\n", encoding="utf-8")


@lru_cache(maxsize=1)
def load_field_calibration() -> dict[str, dict[str, list[float]]]:
    """Return the shipped per-field maps ({} when none are installed)."""
    path = resources.files("sitreps") / "data" / "model" / CALIBRATION_FILE
    if not path.is_file():
        return {}
    data: dict[str, dict[str, list[float]]] = json.loads(path.read_text(encoding="utf-8"))
    return data


#: Set while fitting, so the extractor reports raw confidences.
_raw_only = False


@contextmanager
def raw_confidences() -> Iterator[None]:
    """Within this block the extractor reports raw (uncalibrated) field confidences."""
    global _raw_only
    _raw_only, before = True, _raw_only
    try:
        yield
    finally:
        _raw_only = before


def calibrate_field(field: str, raw: float) -> float:
    """Return the calibrated confidence of a field's raw value (the raw value if unmapped)."""
    import numpy as np

    m = None if _raw_only else load_field_calibration().get(field)
    if not m or not m["x"]:
        return raw
    return float(np.interp(raw, m["x"], m["y"]))
