"""Whole news articles coded as UCDP's GED codes them: is the coded event found, and right?

    .venv/bin/python benchmarks/ucdp_articles.py [--files benchmarks/data/ucdp_articles_*.jsonl]
        [--verbose] [--json OUT]

Issue 13 measures sitreps on real news articles coded by UCDP (held out): the coded event
is *found* when one of our events lies on the coded dates +-1 day in the coded country;
of those found, admin1 must be the coded first level and our deaths must fall inside the
coder's low-high range. This script scores the same three figures, and a few more, on
articles written for the check by writers who had not read our rules (``benchmarks/data``;
our own words, real places and groups, composed incidents; a check, never training data):

- ``ucdp_articles_t`` (Africa and the Middle East) and ``ucdp_articles_u`` (Asia, Europe
  and the Americas): 150-600 words as sites print them (wire stories with datelines, local
  papers in their house style, UN and NGO releases, translated pieces, site clutter),
  sources that disagree on the toll, tolls revised, attackers' dead, the wounded, tallies
  and earlier events in the background, a third with a second incident; each coded for
  its headline's event with GED's fields (sides, dates, low/best/high deaths, admin1,
  place with coordinates);
- ``ucdp_articles_v`` (1989-2014, 43 countries: 1990s wires, radio monitoring, old
  spellings) and ``ucdp_articles_w`` (2015-2025, 41 countries, half of them scraped pages
  with their clutter, translated pieces, round-ups): a quarter to a third of them coded for
  a secondary incident further down, not the headline's.

Each article goes through ``sitreps.extract`` published on its own ``published`` date.
Scored, as the issue scores UCDP's articles (``sitreps.extract.ged_fields``):

- ``found``: an event of ours on date_start-1 .. date_end+1 in the coded country (the
  first such event is the one judged below);
- of found: ``admin1`` (names folded), ``deaths in range`` (low <= ours <= high, best
  included in the range), ``deaths = best``, ``side named`` (our actor1 or actor2 names
  side_a or side_b), ``loc25`` (our coordinates within 25 km of the coded place);
- of any: ``first is found`` (our first event is the found one: the headline's event
  comes first).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from coder_notes import km  # noqa: E402

FIGURES = (
    "any",
    "found",
    "first is found",
    "admin1",
    "deaths in range",
    "deaths = best",
    "side named",
    "loc25",
)


def read_articles(paths: list[Path]) -> list[dict[str, Any]]:
    """Return the coded articles, GED's key names given to the deaths (low, best, high)."""
    rows: list[dict[str, Any]] = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                row = json.loads(line)
                row["file"], row["line"] = path.stem, n
                for k in ("low", "best", "high"):
                    row[k] = row.pop(f"deaths_{k}")
                rows.append(row)
    return rows


def judge(row: dict[str, Any], events: list[Any]) -> dict[str, bool | None]:
    """Return each figure's verdict for one article (None: not scored)."""
    from sitreps.extract.ged_fields import actor_matches, admin_key, deaths_range, found_event

    out: dict[str, bool | None] = dict.fromkeys(FIGURES)
    out["any"] = bool(events)
    found = found_event(events, row)
    out["found"] = found is not None
    if found is None:
        return out
    out["first is found"] = found is events[0]
    out["admin1"] = bool(found.admin1 and admin_key(found.admin1) == admin_key(row["adm_1"]))
    low, high = deaths_range(row)
    out["deaths in range"] = found.fatalities is not None and low <= found.fatalities <= high
    out["deaths = best"] = (found.fatalities or 0) == (row["best"] or 0)
    out["side named"] = any(
        actor_matches(actor, side, row["country"])
        for actor in (found.actor1, found.actor2)
        for side in (row["side_a"], row["side_b"])
    )
    if found.latitude is not None and row.get("latitude") is not None:
        here = km((found.latitude, found.longitude), (row["latitude"], row["longitude"]))
        out["loc25"] = here <= 25.0
    else:
        out["loc25"] = False
    return out


def brief(e: Any) -> dict[str, Any]:
    return {
        k: getattr(e, k)
        for k in (
            "sub_event_type",
            "event_date",
            "actor1",
            "actor2",
            "location",
            "admin1",
            "country",
            "fatalities",
        )
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--files",
        nargs="*",
        type=Path,
        default=sorted((ROOT / "benchmarks" / "data").glob("ucdp_articles_*.jsonl")),
    )
    parser.add_argument("--verbose", action="store_true", help="print each miss")
    parser.add_argument("--json", type=Path, help="write each article's result here")
    args = parser.parse_args()
    from sitreps import extract
    from sitreps.errors import RejectError

    rows = read_articles(args.files)
    tallies: dict[str, Counter[str]] = defaultdict(Counter)
    dump = []
    for row in rows:
        try:
            events = [e for e in extract(row["text"], published=row["published"]) if e.event_type]
        except RejectError as exc:
            print(f"{row['file']}:{row['line']}: rejected: {exc}", file=sys.stderr)
            events = []
        verdict = judge(row, events)
        for name in (row["file"], "all"):
            t = tallies[name]
            t["n"] += 1
            for k, v in verdict.items():
                if v is not None:
                    t[k] += v
                    t[k + " n"] += 1
        dump.append(
            {
                "file": row["file"],
                "line": row["line"],
                "verdict": verdict,
                "got": [brief(e) for e in events],
            }
        )
        if args.verbose and not all(v is not False for v in verdict.values()):
            gold = {
                k: row[k]
                for k in ("date_start", "date_end", "country", "adm_1", "where", "low", "best",
                          "high", "side_a", "side_b")
            }
            misses = [k for k, v in verdict.items() if v is False]
            print(f"--- {row['file']}:{row['line']} missed {', '.join(misses)}")
            print(f"    head: {row['text'].splitlines()[0][:110]}")
            print(f"    gold: {gold}")
            for e in events[:4]:
                print(f"    ours: {brief(e)}")
    print(f"articles: {len(rows)}")
    print("| set | n | " + " | ".join(FIGURES) + " |")
    print("| --- | ---: | " + " | ".join("---:" for _ in FIGURES) + " |")
    for name in sorted(tallies, key=lambda s: (s == "all", s)):
        t = tallies[name]
        cells = []
        for k in FIGURES:
            base = t[k + " n"]
            cells.append(f"{t[k] / base:.3f} (n={base})" if base else "-")
        print(f"| {name} | {t['n']} | " + " | ".join(cells) + " |")
    if args.json:
        args.json.write_text(json.dumps(dump, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
