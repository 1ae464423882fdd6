"""How much lower-cased and ALL CAPS text loses, and how much casing repair wins back.

    .venv/bin/python benchmarks/casing.py [--shared ../shared] [--n 400] [--articles 60]

Text nobody on the team wrote, cased as published, read three ways: as published; lower
cased (or upper cased) with casing repair off; the same with it on (the default). Three
measures:

1. The repair itself: of the words a sentence writes with a capital mid-sentence (names,
   acronyms), the share repaired with a capital (recall), and of the words repaired with
   a mid-sentence capital, the share the original writes so (precision). On TR-News and
   GeoVirus articles and news sentences (`../shared/eval`, evaluation only).
2. Places: TR-News end to end (benchmarks/geoparse.py's scorer), within 161 km of all
   marked places, per casing.
3. Events: news sentences (`eval/event-location`, a fixed sample) and PLOVER gold
   sentences, each through `sitreps.extract` published on one date; the events read from
   the original casing are the reference, and each field of the first event (type, country,
   admin1, location, actor1, actor2, deaths) is scored as the share of sentences where it
   equals the reference's. "Events kept" is the share of sentences with an event in the
   reference that still give one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from geoparse import end_to_end, load_corpus
from sitreps.nlp.casing import casing_of
from sitreps.pipeline import Pipeline
from sitreps.resources import resources_for

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
FIELDS = ("sub_event_type", "country", "admin1", "location", "actor1", "actor2", "fatalities")


def repair_scores(texts: list[str], cased: Callable[[str], str]) -> tuple[float, float, int]:
    """Return (recall, precision, n) of mid-sentence capitals after casing and repair."""
    recaser = resources_for().recaser
    tp = n_gold = n_pred = 0
    for text in texts:
        fixed = recaser(cased(text))
        for m in WORD.finditer(text):
            a, b = m.start(), m.end()
            before = text[max(0, a - 3) : a]
            if a == 0 or re.search(r"[.!?\n:\"“]\s*$", before):
                continue  # a sentence's first word: capitalised by position
            gold = text[a:b] != text[a:b].lower()
            got = fixed[a:b] != fixed[a:b].lower()
            n_gold += gold
            n_pred += got
            tp += gold and got
    return tp / max(n_gold, 1), tp / max(n_pred, 1), n_gold


def sentences(shared: Path, n: int) -> list[str]:
    """Return a fixed sample of event-location sentences and every PLOVER gold sentence."""
    rows = []
    with open(shared / "eval" / "event-location" / "dev.jsonl", encoding="utf-8") as f:
        for line in f:
            text = json.loads(line)["text"]
            key = hashlib.md5(text.encode()).hexdigest()
            rows.append((key, text))
    rows.sort()
    out = [t for _, t in rows[:n] if casing_of(t) == "mixed"]
    with open(shared / "eval" / "plover-gold" / "dev.jsonl", encoding="utf-8") as f:
        out += [json.loads(line)["text"] for line in f if line.strip()]
    return out


def first_event(pipeline: Pipeline, text: str) -> dict[str, object] | None:
    """Return the fields of the first event read from text (None when there is none)."""
    from sitreps.errors import RejectError
    from sitreps.pipeline import extract

    try:
        events = extract(text, published="2020-06-15", settings=pipeline.settings)
    except RejectError:
        return None
    if not events:
        return None
    ev = events[0]
    return {f: getattr(ev, f) for f in FIELDS}


def event_scores(texts: list[str], cased: Callable[[str], str], repair: bool) -> dict[str, float]:
    """Return the share of sentences whose first event's fields equal the cased reading's."""
    pipeline = Pipeline(resources_for().settings)
    original = Pipeline._recased
    try:
        ref = [first_event(pipeline, t) for t in texts]
        if not repair:
            Pipeline._recased = lambda self, d: d  # type: ignore[method-assign]
        got = [first_event(pipeline, cased(t)) for t in texts]
    finally:
        Pipeline._recased = original  # type: ignore[method-assign]
    with_ref = [(r, g) for r, g in zip(ref, got, strict=True) if r is not None]
    out = {"events kept": sum(g is not None for _, g in with_ref) / max(len(with_ref), 1)}
    for f in FIELDS:
        out[f] = sum(g is not None and g[f] == r[f] for r, g in with_ref) / max(len(with_ref), 1)
    out["n"] = len(with_ref)
    return out


def main() -> int:
    """Print the three measures for lower-cased and ALL CAPS text."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument("--n", type=int, default=400, help="event-location sentences")
    ap.add_argument("--articles", type=int, default=60, help="TR-News articles, end to end")
    ap.add_argument("--skip", default="", help="measures to skip: repair,places,events")
    args = ap.parse_args()
    skip = set(args.skip.split(","))
    geo = args.shared / "eval" / "geoparsing"
    casings: dict[str, Callable[[str], str]] = {"lower": str.lower, "upper": str.upper}

    if "repair" not in skip:
        texts = [t for t, _ in load_corpus(geo / "TR-News.xml")]
        texts += [t for t, _ in load_corpus(geo / "GeoVirus.xml")]
        print(f"1. Casing repair, {len(texts)} TR-News and GeoVirus articles")
        for name, fn in casings.items():
            r, p, n = repair_scores(texts, fn)
            print(f"  {name}: mid-sentence capitals recall {r:.3f} precision {p:.3f} (of {n})")

    if "places" not in skip:
        corpus = load_corpus(geo / "TR-News.xml")[: args.articles]
        print(f"2. Places, TR-News end to end, first {len(corpus)} articles")
        end_to_end("  as published", corpus)
        original = Pipeline._recased
        for name, fn in casings.items():
            lowered = [(fn(t), gold) for t, gold in corpus]
            Pipeline._recased = lambda self, d: d  # type: ignore[method-assign]
            end_to_end(f"  {name}, repair off", lowered)
            Pipeline._recased = original  # type: ignore[method-assign]
            end_to_end(f"  {name}, repair on", lowered)

    if "events" not in skip:
        texts = sentences(args.shared, args.n)
        print(f"3. Events, {len(texts)} sentences; first event's field equal to the cased one's")
        print("  | casing | repair | n | events kept | " + " | ".join(FIELDS) + " |")
        for name, fn in casings.items():
            for repair in (False, True):
                s = event_scores(texts, fn, repair)
                cells = " | ".join(f"{s[f]:.3f}" for f in FIELDS)
                print(
                    f"  | {name} | {'on' if repair else 'off'} | {s['n']:.0f} | "
                    f"{s['events kept']:.3f} | {cells} |"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
