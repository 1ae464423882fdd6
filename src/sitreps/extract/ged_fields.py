"""UCDP GED titles as a field-level dev set: the titles, the split, and what counts as right.

Each English title of a GED event's ``source_headline`` (``../shared/train/ucdp_ged``, CC BY
4.0, read by path at run time, never copied) is one unit, published on the date of the
report it came from. Titles and events are joined into groups, and a fixed md5 hash of a
group sends it to "dev" or "tune": benchmarks/fields_dev.py reports on dev, and the field
calibration (sitreps.extract.calibrate) is fitted on tune. ``field_pairs`` judges our
event against the coded one: the date within the coded range +-1 day, the country, admin1
(for the location), deaths inside the coded low-high range, and the actors naming a side.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sitreps.extract.external import Groups, read_ged
from sitreps.model import Event

__all__ = [
    "actor_matches",
    "admin_key",
    "country_key",
    "field_pairs",
    "found_event",
    "ged_path",
    "ged_units",
    "key",
]


def ged_path() -> Path:
    """Return ``../shared/train/ucdp_ged/ged_headlines.jsonl.gz`` beside the repository."""
    return (
        Path(__file__).resolve().parents[3].parent
        / "shared"
        / "train"
        / "ucdp_ged"
        / ("ged_headlines.jsonl.gz")
    )


#: Function words of French and Spanish: two in a title mark it as not English.
_FRENCH = re.compile(
    r"\b(?:le|la|les|des|du|une|et|dans|sur|par|pour|aux|au|est|sont|à|de|los|las|el|en|y|"
    r"del|por|con)\b",
    re.I,
)
_COUNTRY_ALIASES = {
    "dr congo": "democratic republic of congo",
    "congo": "republic of congo",
    "bosnia herzegovina": "bosnia and herzegovina",
    "yemen north yemen": "yemen",
    "ivory coast": "cote d ivoire",
    "united states of america": "united states",
}
_ADMIN_SUFFIX = re.compile(
    r"\b(?:governorate|state|province|region|prefecture|district|department|county|oblast|"
    r"division|territory|municipality|muhafazat|wilayah|autonomous|administrative|zone)\b"
)


def key(text: str) -> str:
    """Return a name folded to lowercase ASCII words."""
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


def country_key(name: str) -> str:
    """Return a country name without GED's former names ("DR Congo (Zaire)" -> dr congo)."""
    k = key(re.sub(r"\(.*?\)", "", name))
    return _COUNTRY_ALIASES.get(k, k)


#: Spellings of one first-level division (ours follow ACLED's; GED and others write the
#: ISO or GeoNames form): each to one key.
_ADMIN_SPELLINGS = {
    "idleb": "idlib",
    "ruraldamascus": "rifdimashq",
    "arraqqa": "alraqqah",
    "arraqqah": "alraqqah",
    "raqqa": "alraqqah",
    "alhasakeh": "alhasakah",
    "hasakah": "alhasakah",
    "lattakia": "latakia",
    "tartous": "tartus",
    "assweida": "assuwayda",
    "sweida": "assuwayda",
    "aden": "adan",
    "sadah": "saada",
    "hadramawt": "hadhramaut",
    "hadramaut": "hadhramaut",
    "zaporizhia": "zaporizhzhia",
    "naypyitaw": "naypyidaw",
    "crimea": "autonomousrepublicofcrimea",
    # ACLED's Iraq, Israel, Mexico and Kenya spellings (ours) against the package's
    "thiqar": "dhiqar",
    "ninewa": "nineveh",
    "duhok": "dohuk",
    "dahuk": "dohuk",
    "basrah": "basra",
    "kerbala": "karbala",
    "alanbar": "anbar",
    "alqadissiya": "alqadisiyyah",
    "qadisiyah": "alqadisiyyah",
    "hadarom": "southern",
    "hazafon": "northern",
    "hamerkaz": "central",
    "michoacandeocampo": "michoacan",
    "veracruzdeignaciodelallave": "veracruz",
    "coahuiladezaragoza": "coahuila",
    "estadodemexico": "mexico",
    "ciudaddemexico": "mexicocity",
    "nairobicity": "nairobi",
    "alqadarif": "gedaref",
    "qadarif": "gedaref",
    # ACLED's Syria, Mali, Yemen, Pakistan spellings (ours) and other writers' forms
    "daraa": "dara",
    "deirezzor": "dayrazzawr",
    "deirezzour": "dayrazzawr",
    "deiralzour": "dayrazzawr",
    "tombouctou": "timbuktu",
    "amanatalasimah": "sanaacity",
    "islamabadcapital": "islamabad",
    "northkivu": "nordkivu",
    "southkivu": "sudkivu",
    "westazerbaijan": "westazarbaijan",
    "southlebanon": "south",
}


def admin_key(name: str) -> str:
    """Return an admin1 name without its kind ("Deir ez Zor Governorate" -> deir ez zor)."""
    k = _ADMIN_SUFFIX.sub(" ", key(name))
    k = re.sub(r"\s+", "", k)  # "Deir ez-Zor" / "Deir ez Zor" / "Deirezzor"
    return _ADMIN_SPELLINGS.get(k, k)


def side_keys(side: str, country: str) -> set[str]:
    """Return the normalised names of ours that would name a GED side."""
    out: set[str] = set()
    for part in (p.strip() for p in side.split(",")):
        k = key(re.sub(r"\(.*?\)", "", part))
        if not k:
            continue
        if k.startswith("government of "):
            c = country_key(part[len("government of ") :])
            for form in ("military forces of ", "police forces of ", "government of "):
                out.add(form + c)
                out.add(form + "the " + c)
            continue
        if k == "civilians":
            out.add("civilians " + country_key(country))
            continue
        if k in ("is", "isis", "isil"):
            out.add("islamic state")
            continue
        out.add(k)
    return out


def actor_matches(actor: str | None, side: str, country: str) -> bool:
    """Return True when our actor name names the GED side (or one group of it)."""
    if not actor:
        return False
    name = re.sub(r"\s*\(\d{4}-(?:\d{4})?\)", "", actor)  # our period
    forms = {key(name)}
    if ":" in name:  # "SDF: Syrian Democratic Forces" is "SDF" and the full name
        forms |= {key(x) for x in name.split(":", 1)}
    wanted = side_keys(side, country)
    for form in forms:
        for want in wanted:
            if form == want or (want == "islamic state" and form.startswith(want)):
                return True
            if want.startswith("civilians") and form == want:
                return True
            if len(want) > 3 and len(form) > 3 and (want in form.split(" (")[0] or form == want):
                return True
    return False


def titles_of(row: dict[str, Any]) -> list[tuple[str, str]]:
    """Return (title, publication date) for each title of an event's headline field."""
    titles = [
        t.strip().splitlines()[0].split("\t")[0].strip(" .\"'")
        for t in (row.get("source_headline") or "").split(";")
        if t.strip(" .\"'\n")
    ]
    dates = [
        d.strip()
        for d in str(row.get("source_date") or "").split(";")
        if re.fullmatch(r"\d{4}-\d\d-\d\d", d.strip())
    ]
    fallback = (date.fromisoformat(row["date_end"]) + timedelta(days=1)).isoformat()
    out = []
    for i, title in enumerate(titles):
        if len(dates) == len(titles):
            pub = dates[i]
        elif len(dates) == 1:
            pub = dates[0]
        else:
            pub = fallback
        out.append((title, pub))
    return out


def _bucket(text: str) -> int:
    return int(hashlib.md5(f"fields_dev:{text}".encode()).hexdigest(), 16)


def ged_units(path: Path, split: str, per_subset: int) -> list[dict[str, Any]]:
    """Return the (title, event) units of one split, with the Syria subset sampled."""
    groups = Groups()
    find = groups.find
    units: list[dict[str, Any]] = []
    for ev in read_ged(path):
        node = f"event:{ev['id']}"
        for title, pub in titles_of(ev):
            if len(title.split()) < 4 or len(_FRENCH.findall(title)) >= 2:
                continue
            groups.join(node, "title:" + key(title))
            units.append({"title": title, "published": pub, "event": ev, "node": node})
    picked = []
    for u in units:
        group = find(u["node"])
        if (_bucket(group) % 2 == 0) != (split == "dev"):
            continue
        u["order"] = _bucket(u["title"] + str(u["event"]["id"]))
        picked.append(u)
    by_subset: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for u in sorted(picked, key=lambda x: x["order"]):
        by_subset[u["event"]["subset"]].append(u)
    out = []
    for _, rows in sorted(by_subset.items()):
        out.extend(rows[:per_subset])
    return out


def coded_window(ev: dict[str, Any]) -> tuple[date, date]:
    """Return the coded date range widened by a day each side."""
    return (
        date.fromisoformat(ev["date_start"]) - timedelta(days=1),
        date.fromisoformat(ev["date_end"]) + timedelta(days=1),
    )


def deaths_range(ev: dict[str, Any]) -> tuple[int, int]:
    """Return the coded low and high deaths, widened to include best."""
    figures = [x for x in (ev["low"], ev["best"], ev["high"]) if x is not None]
    return min(figures), max(figures)


def found_event(events: list[Event], ev: dict[str, Any]) -> Event | None:
    """Return our first event on the coded dates (+-1 day) in the coded country, if any."""
    start, end = coded_window(ev)
    gold = country_key(ev["country"])
    return next(
        (
            e
            for e in events
            if e.event_date
            and start <= date.fromisoformat(e.event_date) <= end
            and e.country
            and country_key(e.country) == gold
        ),
        None,
    )


def field_pairs(events: list[Event], ev: dict[str, Any]) -> dict[str, tuple[float, bool]]:
    """Return (raw or calibrated confidence, right) per field for one title's events.

    The date and the country are judged on the first event (a wrong one counts), the rest
    on the event found; a field without a value has confidence 0 and is wrong.
    """
    if not events:
        return {}
    first = events[0]
    conf = first.field_confidence or {}
    start, end = coded_window(ev)
    out = {
        "event_date": (
            conf.get("event_date", 0.0),
            bool(first.event_date and start <= date.fromisoformat(first.event_date) <= end),
        ),
        "country": (
            conf.get("country", 0.0),
            bool(first.country and country_key(first.country) == country_key(ev["country"])),
        ),
    }
    e = found_event(events, ev)
    if e is None:
        return out
    conf = e.field_confidence or {}
    low, high = deaths_range(ev)
    out["fatalities"] = (
        conf.get("fatalities", 0.0),
        e.fatalities is not None and low <= e.fatalities <= high,
    )
    sides = (ev["side_a"], ev["side_b"])
    out["actor1"] = (
        conf.get("actor1", 0.0),
        any(actor_matches(e.actor1, s, ev["country"]) for s in sides),
    )
    out["actor2"] = (
        conf.get("actor2", 0.0),
        any(actor_matches(e.actor2, s, ev["country"]) for s in sides),
    )
    if ev.get("adm_1"):
        out["location"] = (
            conf.get("location", 0.0),
            bool(e.admin1 and admin_key(e.admin1) == admin_key(ev["adm_1"])),
        )
    return out
