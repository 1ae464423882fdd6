"""Fields on whole wire stories nobody on the team wrote: MUC-3/4 reports against their keys.

    .venv/bin/python benchmarks/muc_fields.py [--shared ../shared] [--split dev] [--misses 10]

The MUC-3/4 documents (``../shared/train/muc34``, 1988-1990 Latin American wire and
broadcast reports, most in ALL CAPS as sent) with the answer key's incident templates.
Each document of the dev split (``sitreps.extract.external.split_of``, by document) goes
through the whole pipeline as a text story published on its dateline's date, in its own
casing (casing repair is part of the pipeline). Like the UCDP article figure of issue 13,
per template with one exact date (ACCOMPLISHED incidents; a date range or none is
skipped):

- found: one of our events on the key's date +-1 day in the key's country;
- of found events (the closest such event): admin1 (the key's department or province,
  by name, accents and "department" aside), place (our location's name is the key's
  town or city, or its admin1 when the key names no town), deaths (the key counts
  human targets with effect DEATH: ours must equal it when the key gives a number; a
  key with deaths and no number asks for one of ours > 0; a key with none asks for 0
  or none), actor1 (when the key names a perpetrator organisation: our actor1 or
  actor2 names it by one of the key's strings or by our dictionary's alias of it).

Also the share of no-template documents (reports with no relevant incident) that give
any event, as a false-alarm rate (ours may be right: MUC's keys cover terrorism only).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sitreps.extract.external import muc_date, split_of
from sitreps.model import Story
from sitreps.pipeline import Pipeline, Result
from sitreps.resources import resources_for


def key_date(text: str | None) -> date | None:
    """Return the key's date ("30 DEC 89") as a date; None for ranges and vague dates."""
    if not re.fullmatch(r"\s*\d{1,2} [A-Z]{3} \d{2}\s*", text or ""):
        return None
    iso = muc_date(text)
    try:
        return date.fromisoformat(iso) if iso else None
    except ValueError:  # "31 NOV 89" and the like
        return None


def fold(name: str | None) -> str:
    """Return a name without accents, case, kind words or punctuation, for comparing."""
    s = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    s = re.sub(r"\b(department|departamento|province|provincia|municipality|city|town|"
               r"of|de|del|la|el|los|las|san|santa)\b", " ", s)  # fmt: skip
    return re.sub(r"[^a-z]+", "", s)


def key_place(location: str) -> tuple[str, str | None, str | None]:
    """Return (country, admin1, town) of a key location "EL SALVADOR: SAN MIGUEL
    (DEPARTMENT): SAN LUIS DE LA REINA (TOWN)"."""
    parts = [p.strip() for p in re.split(r":", location.split("-")[0]) if p.strip()]
    country = parts[0] if parts else ""
    admin1 = town = None
    for p in parts[1:]:
        kind = re.search(r"\(([A-Z ]+)\)", p)
        name = re.sub(r"\([^)]*\)", "", p).strip()
        if kind and kind.group(1) in ("DEPARTMENT", "PROVINCE", "STATE", "REGION"):
            admin1 = admin1 or name
        elif kind and kind.group(1) in ("CITY", "TOWN", "VILLAGE", "MUNICIPALITY", "HAMLET"):
            town = town or name
    return country, admin1, town


def key_deaths(t: dict[str, Any]) -> int | None:
    """Return the key's dead (None: dead without a number; 0: nobody died)."""
    dead = 0
    vague = False
    effects = {tuple(e.get("refs") or ()): e.get("value") or [] for e in t["hum_tgt_effect"]}
    numbers = {tuple(n.get("refs") or ()): n.get("value") or [] for n in t["hum_tgt_number"]}
    for refs, values in effects.items():
        if "DEATH" not in values:
            continue
        got = numbers.get(refs) or []
        digits = [int(v) for v in got if str(v).isdigit()]
        if digits:
            dead += digits[0]
        elif any(r for r in refs) and not got:
            dead += 1  # a named person
        else:
            vague = True
    return None if vague and dead == 0 else dead


def perpetrators(t: dict[str, Any]) -> list[str]:
    """Return the key's perpetrator organisation strings."""
    return [s for o in t["perp_organization_id"] for s in o.get("strings") or []]


def main() -> int:
    """Print found, admin1, place, deaths and actor1 shares on the MUC dev documents."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--split", default="dev", choices=("dev", "train", "all"))
    ap.add_argument("--misses", type=int, default=0, help="print N misses per field")
    args = ap.parse_args()
    path = args.shared / "train" / "muc34" / "muc34.jsonl.gz"
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    if args.split != "all":
        docs = [d for d in docs if split_of("muc34", str(d["id"])) == args.split]
    pipeline = Pipeline(resources_for().settings)
    aliases = resources_for().actors

    stories = []
    for d in docs:
        published = muc_date(d.get("dateline_date"))
        stories.append(Story(story_id=str(d["id"]), content=d["text"], kind="text",
                             published=published))  # fmt: skip
    t0 = time.perf_counter()
    results = list(pipeline.process(stories))
    elapsed = time.perf_counter() - t0

    n = Counter()
    misses: dict[str, list[str]] = {k: [] for k in ("found", "admin1", "place", "deaths", "actor1")}
    for d, out in zip(docs, results, strict=True):
        events = out.events if isinstance(out, Result) else []
        templates = [
            t for t in d.get("templates") or []
            if not t.get("optional") and "ACCOMPLISHED" in (t.get("stage_of_execution") or [])
        ]  # fmt: skip
        if not d.get("templates"):
            n["negative docs"] += 1
            n["negative docs with an event"] += bool(events)
            continue
        for t in templates:
            day = key_date(t.get("date"))
            if day is None:
                continue
            country, admin1, town = key_place(t.get("location") or "")
            n["templates"] += 1
            near = [
                e for e in events
                if e.event_date and fold(e.country) == fold(country)
                and abs(date.fromisoformat(e.event_date) - day) <= timedelta(days=1)
            ]  # fmt: skip
            if not near:
                ours = "; ".join(f"{e.event_date} {e.country} {e.sub_event_type}" for e in events)
                misses["found"].append(f"{d['id']} {t['date']} {t['location']}: ours {ours}")
                continue
            n["found"] += 1
            want_town = fold(town) if town else None
            ev = next((e for e in near if want_town and fold(e.location) == want_town), near[0])
            if admin1:
                n["admin1 n"] += 1
                ok = fold(ev.admin1) == fold(admin1) or fold(ev.location) == fold(admin1)
                n["admin1"] += ok
                if not ok:
                    why = f"key {admin1} ({town}); ours {ev.admin1} ({ev.location})"
                    misses["admin1"].append(f"{d['id']} {why}")
            if town or admin1:
                n["place n"] += 1
                want = fold(town or admin1)
                ok = fold(ev.location) == want or (not town and fold(ev.admin1) == want)
                n["place"] += ok
                if not ok:
                    why = f"key {town} / {admin1}; ours {ev.location} / {ev.admin1}"
                    misses["place"].append(f"{d['id']} {why}")
            dead = key_deaths(t)
            n["deaths n"] += 1
            ok = (ev.fatalities or 0) > 0 if dead is None else (ev.fatalities or 0) == dead
            n["deaths"] += ok
            if not ok:
                why = f"key {dead}; ours {ev.fatalities} ({ev.sub_event_type})"
                misses["deaths"].append(f"{d['id']} {why}")
            perps = perpetrators(t)
            if perps:
                n["actor1 n"] += 1
                names = {fold(p) for p in perps}
                for p in perps:
                    for row in aliases.rows:
                        if p.lower() in (a.lower() for a in row.aliases):
                            names.add(fold(row.canonical))
                sides = [fold(a) for a in (ev.actor1, ev.actor2) if a]
                ok = any(s and any(x and x in s for x in names) for s in sides)
                n["actor1"] += ok
                if not ok:
                    why = f"key {perps[:2]}; ours {ev.actor1} / {ev.actor2}"
                    misses["actor1"].append(f"{d['id']} {why}")
    found = n["found"]
    print(f"MUC-3/4 {args.split}: {len(docs)} documents, {n['templates']} dated accomplished "
          f"templates, {elapsed:.0f} s ({len(docs) / elapsed:.1f} documents/s)")  # fmt: skip
    print(f"  found (date +-1, country): {found / max(n['templates'], 1):.3f}")
    for k in ("admin1", "place", "deaths", "actor1"):
        print(f"  {k} of found: {n[k] / max(n[k + ' n'], 1):.3f} (n={n[k + ' n']})")
    print(
        f"  no-template documents with an event: "
        f"{n['negative docs with an event'] / max(n['negative docs'], 1):.3f} "
        f"(n={n['negative docs']})"
    )
    if args.misses:
        for k, xs in misses.items():
            print(f"-- {k} misses ({len(xs)}):")
            for x in xs[: args.misses]:
                print("   ", x[:220])
    return 0


if __name__ == "__main__":
    sys.exit(main())
