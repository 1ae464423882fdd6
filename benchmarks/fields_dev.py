"""Per-field accuracy on headlines nobody on the team wrote (UCDP GED) and on our own rows.

    .venv/bin/python benchmarks/fields_dev.py [--split dev|tune] [--per-subset 600] [--own]

1. UCDP GED (``../shared/train/ucdp_ged``, read at run time, never copied): every English
   title of an event's ``source_headline`` goes through ``sitreps.pipeline.extract`` on
   its own, published on the date of the report it came from (GED's ``source_date``,
   aligned with the titles; the event's last day + 1 when no date aligns). We use the
   report's own date rather than the coded date because that is what a user has: the
   headline's "today", "yesterday" or "on Sunday" is relative to it, and an extractor
   that just returns the publication date would score every coded date exactly if the
   coded date were given. Scored per title, against the event it was coded from:

   - ``any``: we give at least one ACLED event;
   - ``found``: one of our events lies on the coded date range +-1 day in the coded
     country (the issue's definition); the rest is scored on the first such event, and
     on the first ACLED event for ``date`` and ``country`` (so a wrong date or country is
     counted, not hidden by the definition of found);
   - ``deaths``: our fatalities inside the coded low-high range (low and high widened to
     include best), and equal to best;
   - ``actor``: actor1 or actor2 names one of the coded sides (names normalised: GED's
     "Government of X" is any of X's military, police or government; "IS" any Islamic
     State; "Civilians" Civilians (X); acronyms match our "ACR: Full name" either way);
   - ``admin1``: our admin1 equals GED's ``adm_1`` (suffixes like "Governorate", "state"
     removed, accents and punctuation ignored);
   - ``date``: our event date within the coded range +-1 day.

   Titles and events are joined into groups (an event with all its titles, a title with
   all its events) and a group goes to "dev" or "tune" by a fixed md5 hash of its
   smallest member: report on dev, look at tune when changing rules. Each subset (Syria,
   CAR, the global sample) is sampled to ``--per-subset`` titles per split by a hash of
   title and event (French and Spanish titles are left out: our typer reads English).
2. ``--own``: the same fields on every row of src/sitreps/data/fields (coded by us), with
   calibrate.field_right deciding what is right (the held-out part with reliability bins
   is in benchmarks/extraction.py).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
import time
import unicodedata
from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GED = ROOT.parent / "shared" / "train" / "ucdp_ged" / "ged_headlines.jsonl.gz"
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


def admin_key(name: str) -> str:
    """Return an admin1 name without its kind ("Deir ez Zor Governorate" -> deir ez zor)."""
    k = _ADMIN_SUFFIX.sub(" ", key(name))
    return re.sub(r"\s+", "", k)  # "Deir ez-Zor" / "Deir ez Zor" / "Deirezzor"


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


def _titles(row: dict[str, Any]) -> list[tuple[str, str]]:
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
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        events = [json.loads(line) for line in fh if line.strip()]
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    units = []
    for ev in events:
        node = f"event:{ev['id']}"
        for title, pub in _titles(ev):
            if len(title.split()) < 4 or len(_FRENCH.findall(title)) >= 2:
                continue
            a, b = find(node), find("title:" + key(title))
            if a != b:
                parent[max(a, b)] = min(a, b)
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


def score_ged(units: list[dict[str, Any]], dump: Path | None = None) -> None:
    """Print per-field accuracy on GED titles, by subset and overall (dump: one line each)."""
    from sitreps import extract
    from sitreps.errors import RejectError

    tallies: dict[str, Counter[str]] = defaultdict(Counter)
    t0 = time.perf_counter()
    for u in units:
        ev = u["event"]
        start = date.fromisoformat(ev["date_start"]) - timedelta(days=1)
        end = date.fromisoformat(ev["date_end"]) + timedelta(days=1)
        gold_country = country_key(ev["country"])
        try:
            events = [e for e in extract(u["title"], published=u["published"]) if e.event_type]
            rejected = False
        except RejectError:
            events, rejected = [], True
        if dump is not None:
            got = [
                {
                    k: getattr(e, k)
                    for k in (
                        "sub_event_type",
                        "event_date",
                        "actor1",
                        "actor2",
                        "country",
                        "admin1",
                        "fatalities",
                    )
                }
                for e in events
            ]
            gold = {
                k: ev[k]
                for k in (
                    "date_start",
                    "date_end",
                    "side_a",
                    "side_b",
                    "country",
                    "adm_1",
                    "best",
                    "low",
                    "high",
                )
            }
            line = {"title": u["title"], "published": u["published"], "gold": gold, "got": got}
            with dump.open("a", encoding="utf-8") as fh:
                fh.write(json.dumps(line) + "\n")
        for name in (ev["subset"], "all"):
            t = tallies[name]
            t["n"] += 1
            t["rejected"] += rejected
            if not events:
                continue
            t["any"] += 1
            first = events[0]
            t["date"] += bool(
                first.event_date and start <= date.fromisoformat(first.event_date) <= end
            )
            t["country"] += bool(first.country and country_key(first.country) == gold_country)
            found = [
                e
                for e in events
                if e.event_date
                and start <= date.fromisoformat(e.event_date) <= end
                and e.country
                and country_key(e.country) == gold_country
            ]
            if not found:
                continue
            e = found[0]
            t["found"] += 1
            low = min(x for x in (ev["low"], ev["best"], ev["high"]) if x is not None)
            high = max(x for x in (ev["low"], ev["best"], ev["high"]) if x is not None)
            t["deaths_range"] += e.fatalities is not None and low <= e.fatalities <= high
            t["deaths_best"] += e.fatalities == ev["best"]
            t["actor"] += any(
                actor_matches(a, side, ev["country"])
                for a in (e.actor1, e.actor2)
                for side in (ev["side_a"], ev["side_b"])
            )
            if ev.get("adm_1"):
                t["admin1_n"] += 1
                t["admin1"] += bool(e.admin1 and admin_key(e.admin1) == admin_key(ev["adm_1"]))
    elapsed = time.perf_counter() - t0
    print(f"UCDP GED titles: {len(units)} in {elapsed:.0f} s")
    print(
        "| subset | titles | rejected | any event | found (date+-1, country) | of found: "
        "deaths in low-high | deaths = best | actor names a side | admin1 | "
        "of any: date +-1 | of any: country |"
    )
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for name, t in sorted(tallies.items(), key=lambda kv: kv[0] == "all"):
        n, found, anyev = t["n"], t["found"] or 1, t["any"] or 1

        def share(k: str, base: int, t: Counter[str] = t) -> str:
            return f"{t[k] / base:.3f}"

        print(
            f"| {name} | {n} | {t['rejected']} | {share('any', n)} | {share('found', n)} | "
            f"{share('deaths_range', found)} | {share('deaths_best', found)} | "
            f"{share('actor', found)} | "
            f"{share('admin1', t['admin1_n'] or 1)} (n={t['admin1_n']}) | "
            f"{share('date', anyev)} | {share('country', anyev)} |"
        )


def score_own() -> None:
    """Print per-field accuracy on every field-coded row of src/sitreps/data/fields."""
    from sitreps import extract
    from sitreps.errors import RejectError
    from sitreps.extract.calibrate import FIELDS, field_right
    from sitreps.extract.train import held_out, load_field_rows

    rows = load_field_rows()
    for part, subset in (("all", rows), ("held-out", [r for r in rows if held_out(r["text"])])):
        right: dict[str, list[bool]] = {f: [] for f in FIELDS}
        missed = 0
        for row in subset:
            try:
                events = extract(row["text"], published=row.get("published"))
            except RejectError:
                events = []
            match = [e for e in events if e.sub_event_type == row["sub_event_type"]]
            if not match:
                missed += 1
                continue
            for f in FIELDS:
                ok = field_right(f, match[0], row)
                if ok is not None:
                    right[f].append(ok)
        cells = ", ".join(f"{f} {sum(v) / len(v):.3f} (n={len(v)})" for f, v in right.items() if v)
        print(f"own field-coded rows ({part}): n={len(subset)}, {missed} without the gold type")
        print(f"  {cells}")


def main() -> int:
    """Run the GED part (when ../shared is there) and, with --own, our own rows."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", default="dev", choices=("dev", "tune"))
    parser.add_argument("--per-subset", type=int, default=600, help="titles per subset")
    parser.add_argument("--own", action="store_true", help="also score data/fields")
    parser.add_argument("--no-ged", action="store_true")
    parser.add_argument("--dump", type=Path, help="write each title's result (tune only)")
    args = parser.parse_args()
    if args.no_ged:
        pass
    elif not GED.exists():
        print(f"skip UCDP GED: {GED} not found")
    else:
        if args.dump is not None and args.split != "tune":
            parser.error("--dump is for the tune split: dev titles are not looked at")
        score_ged(ged_units(GED, args.split, args.per_subset), args.dump)
    if args.own:
        score_own()
    return 0


if __name__ == "__main__":
    sys.exit(main())
