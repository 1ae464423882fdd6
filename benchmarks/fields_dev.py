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
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from sitreps.extract.ged_fields import field_pairs, found_event, ged_path, ged_units

ROOT = Path(__file__).resolve().parent.parent
GED = ged_path()


def score_ged(units: list[dict[str, Any]], dump: Path | None = None) -> None:
    """Print per-field accuracy on GED titles, by subset and overall (dump: one line each)."""
    from sitreps import extract
    from sitreps.errors import RejectError

    tallies: dict[str, Counter[str]] = defaultdict(Counter)
    #: (field confidence, right) per field, all subsets: a missing value is confidence 0.
    calib: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    t0 = time.perf_counter()
    for u in units:
        ev = u["event"]
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
        pairs = field_pairs(events, ev)
        for field, pair in pairs.items():
            calib[field].append(pair)
        found = found_event(events, ev)
        for name in (ev["subset"], "all"):
            t = tallies[name]
            t["n"] += 1
            t["rejected"] += rejected
            if not events:
                continue
            t["any"] += 1
            t["date"] += pairs["event_date"][1]
            t["country"] += pairs["country"][1]
            if found is None:
                continue
            t["found"] += 1
            t["deaths_range"] += pairs["fatalities"][1]
            t["deaths_best"] += found.fatalities == ev["best"]
            t["actor"] += pairs["actor1"][1] or pairs["actor2"][1]
            if "location" in pairs:
                t["admin1_n"] += 1
                t["admin1"] += pairs["location"][1]
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
    print_reliability(calib)


def print_reliability(calib: dict[str, list[tuple[float, bool]]]) -> None:
    """Print each field's calibration error and reliability (bin: n, mean confidence, right)."""
    print("\nField confidence on GED titles (event_date, country: first event of any title; the")
    print("rest: found events). ECE over 10 bins; a missing value counts as confidence 0.")
    print("| field | n | right | ECE | reliability (bin: n, confidence, right) |")
    print("| --- | ---: | ---: | ---: | --- |")
    for field, pairs in calib.items():
        bins: dict[int, list[tuple[float, bool]]] = defaultdict(list)
        for conf, ok in pairs:
            bins[min(int(conf * 10), 9)].append((conf, ok))
        ece = sum(
            abs(sum(c for c, _ in b) / len(b) - sum(ok for _, ok in b) / len(b)) * len(b)
            for b in bins.values()
        ) / max(len(pairs), 1)
        cells = " · ".join(
            f"{k / 10:.1f}: {len(b)}, {sum(c for c, _ in b) / len(b):.2f}, "
            f"{sum(ok for _, ok in b) / len(b):.2f}"
            for k, b in sorted(bins.items())
        )
        right = sum(ok for _, ok in pairs) / max(len(pairs), 1)
        print(f"| {field} | {len(pairs)} | {right:.3f} | {ece:.3f} | {cells} |")


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
