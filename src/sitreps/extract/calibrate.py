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
    "fit_map",
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
    sitreps.extract.ged_fields); our rows and those weigh the same per field (but see
    REAL_SHARE), so neither the wording we wrote nor one register of real text sets the
    map alone.
    """
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
        fitted = fit_map(ours, (real or {}).get(field, []), REAL_SHARE.get(field, 0.5))
        if fitted is not None:
            maps[field] = fitted
    return maps, pairs


#: The weight of real text (GED titles) against our rows in a field's map, where it is not
#: half. A place is judged differently on the two (our rows: the place; GED titles: its
#: first level), and the map at half was off by 0.10 on titles at its middle level (ECE
#: 0.061 on the GED dev half); at 0.75 both sit under 0.05 (dev 0.046, our rows 0.045).
REAL_SHARE = {"location": 0.75}


def fit_map(
    ours: list[tuple[float, bool]], theirs: list[tuple[float, bool]], share: float = 0.5
) -> dict[str, list[float]] | None:
    """Return an isotonic map {x, y} from raw confidence to the share right (None: too few).

    share is the weight of theirs (real text) when both sources are there; alone, either
    source weighs all.
    """
    from sklearn.isotonic import IsotonicRegression

    got = ours + theirs
    if len(got) < 20:
        return None
    if ours and theirs:
        weights = [(1 - share) / len(ours)] * len(ours) + [share / len(theirs)] * len(theirs)
    else:
        weights = [1.0] * len(got)
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
    iso.fit([r for r, _ in got], [float(ok) for _, ok in got], sample_weight=weights)
    return {
        "x": [float(v) for v in iso.X_thresholds_],
        "y": [round(float(v), 4) for v in iso.y_thresholds_],
    }


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
