"""Event typing accuracy and extraction speed.

    .venv/bin/python benchmarks/extraction.py [--plover-n 600] [--speed-n 200]

1. PLOVER event type on ../shared/eval/plover-synthetic (synthetic stories, each labelled
   with one PLOVER type): a story's prediction is the PLOVER type of its first event (no
   event = "none"). A sanity check, not the goal. Prints accuracy, macro-F1, the confusion.
2. Our own labelled examples, in two sets training never sees: the held-out fifth of
   src/sitreps/data/train (split by a hash of the text, see sitreps.extract.train) and
   src/sitreps/data/eval/sentences.jsonl (written after the rules, never trained on). For
   the rules alone, the classifier alone and both joined (the default): sub-event type,
   event type and PLOVER type accuracy and macro-F1; for the default, the confusions and a
   reliability table of the event confidence.
3. Extraction speed in stories/s over ../shared/corpora/news.jsonl (clean + NLP + geo +
   extract, one process).
Parts that need ../shared skip cleanly when it is absent.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import time
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PLOVER = ROOT.parent / "shared" / "eval" / "plover-synthetic" / "ngec_synthetic_events.csv"
NEWS = ROOT.parent / "shared" / "corpora" / "news.jsonl"


def f1_of(pairs: list[tuple[str, str]], label: str) -> float:
    """Return one label's F1 over (gold, predicted) pairs."""
    tp = sum(g == p == label for g, p in pairs)
    fp = sum(p == label and g != label for g, p in pairs)
    fn = sum(g == label and p != label for g, p in pairs)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def macro_f1(pairs: list[tuple[str, str]]) -> float:
    """Return the macro-averaged F1 over the gold labels of (gold, predicted) pairs."""
    labels = sorted({g for g, _ in pairs})
    return sum(f1_of(pairs, label) for label in labels) / len(labels) if labels else 0.0


def acled_weighted_f1(pairs: list[tuple[str, str]]) -> float:
    """Return F1 averaged over ACLED sub-event types, weighted by their gold support.

    The form the external evaluation uses: only gold ACLED sub-event types are averaged;
    "none" and PLOVER-only predictions count against recall and other types' precision.
    """
    labels = sorted({g for g, _ in pairs if g != "none" and not g.startswith("PLOVER")})
    total = sum(g in labels for g, _ in pairs)
    return sum(f1_of(pairs, label) * sum(g == label for g, _ in pairs) / total for label in labels)


def confusion(pairs: list[tuple[str, str]], top: int = 12) -> None:
    """Print the most frequent gold -> predicted confusions."""
    for (g, p), n in Counter((g, p) for g, p in pairs if g != p).most_common(top):
        print(f"    {n:4d}  {g:38} -> {p}")


def plover(n: int) -> None:
    """Print PLOVER accuracy on a seeded sample of the synthetic stories."""
    from sitreps import extract

    rows = list(csv.DictReader(PLOVER.open(encoding="utf-8")))
    sample = random.Random(11).sample(rows, min(n, len(rows)))
    pairs = []
    for row in sample:
        text = (row.get("title") or "") + "\n\n" + row["text"]
        try:
            events = extract(text, published="2023-06-15")
        except Exception:  # a rejected story predicts no event
            events = []
        pairs.append((row["label"], events[0].plover_event if events else "none"))
    acc = sum(g == p for g, p in pairs) / len(pairs)
    print(
        f"PLOVER synthetic: {len(pairs)} stories, accuracy {acc:.3f}, macro-F1 "
        f"{macro_f1(pairs):.3f}; stories with no event found: "
        f"{sum(p == 'none' for _, p in pairs)}"
    )
    confusion(pairs)


def _rows(kind: str) -> list[dict[str, Any]]:
    """Return labelled rows: "eval" (data/eval) or "held-out" (the split training never sees)."""
    if kind == "eval":
        path = resources.files("sitreps") / "data" / "eval" / "sentences.jsonl"
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
        for row in rows:
            row["label"] = row["sub_event_type"]
            row["plover"] = row["label"][7:] if row["label"].startswith("PLOVER:") else None
        return rows
    from sitreps.extract.train import held_out, load_examples

    return [r for r in load_examples() if held_out(r["text"])]


def own_sentences(kind: str, typing: str, table: bool = True) -> None:
    """Print accuracy on our own labelled examples, with confusions and a reliability table."""
    from sitreps import extract
    from sitreps.config import load_settings
    from sitreps.errors import RejectError

    settings = load_settings().replace(typing=typing)
    rows = _rows(kind)
    sub_pairs, type_pairs, plover_pairs, conf_right = [], [], [], []
    for row in rows:
        try:
            events = extract(
                row["text"], published=row.get("published") or "2023-06-15", settings=settings
            )
        except RejectError:  # e.g. a site line the cleaner removes: no event
            events = []
        gold = row["label"]
        acled = (
            [e for e in events if e.event_type]
            if gold != "none" and not gold.startswith("PLOVER")
            else events
        )
        ev = acled[0] if acled else None
        got = (ev.sub_event_type or f"PLOVER:{ev.plover_event}") if ev else "none"
        sub_pairs.append((gold, got))
        gold_type = row.get("event_type") or ("none" if not gold.startswith("PLOVER") else gold)
        type_pairs.append(
            (gold_type, (ev.event_type or f"PLOVER:{ev.plover_event}") if ev else "none")
        )
        if kind == "held-out" or row.get("plover"):
            first = events[0] if events else None
            plover_pairs.append(
                (row.get("plover") or "none", first.plover_event if first else "none")
            )
        if ev is not None and ev.confidence is not None:
            conf_right.append((ev.confidence, got == gold))
    acc = sum(g == p for g, p in sub_pairs) / len(sub_pairs)
    tacc = sum(g == p for g, p in type_pairs) / len(type_pairs)
    pacc = sum(g == p for g, p in plover_pairs) / len(plover_pairs) if plover_pairs else 0.0
    print(
        f"{kind} examples ({typing}): n={len(rows)}; sub-event type accuracy {acc:.3f}, "
        f"macro-F1 {macro_f1(sub_pairs):.3f}, ACLED-weighted F1 "
        f"{acled_weighted_f1(sub_pairs):.3f}; event type accuracy {tacc:.3f}, macro-F1 "
        f"{macro_f1(type_pairs):.3f}; PLOVER type accuracy {pacc:.3f}, macro-F1 "
        f"{macro_f1(plover_pairs):.3f} (n={len(plover_pairs)})"
    )
    if not table:
        return
    confusion(sub_pairs)
    print("  PLOVER confusions:")
    confusion(plover_pairs, top=8)
    print("  event confidence reliability (bin: n, share whose sub-event type is right):")
    for lo in (0.0, 0.5, 0.6, 0.7, 0.8, 0.9):
        hi = lo + (0.5 if lo == 0.0 else 0.1)
        inside = [ok for c, ok in conf_right if lo <= c < hi or (hi >= 1.0 and c == 1.0)]
        if inside:
            print(
                f"    [{lo:.1f}, {hi:.1f}): n={len(inside):3d}  "
                f"right {sum(inside) / len(inside):.2f}"
            )


def fields() -> None:
    """Print per-field accuracy and confidence reliability on the held-out field-coded rows."""
    from sitreps import extract
    from sitreps.config import load_settings
    from sitreps.errors import RejectError
    from sitreps.extract.calibrate import FIELDS, field_right
    from sitreps.extract.train import held_out, load_field_rows

    rows = [r for r in load_field_rows() if held_out(r["text"])]
    if not rows:
        print("skip fields: no field-coded examples (src/sitreps/data/fields)")
        return
    settings = load_settings()
    found: dict[str, list[tuple[float, bool]]] = {f: [] for f in FIELDS}
    missed = 0
    for row in rows:
        try:
            events = extract(row["text"], published=row.get("published"), settings=settings)
        except RejectError:
            events = []
        match = [e for e in events if e.sub_event_type == row["sub_event_type"]]
        if not match:
            missed += 1
            continue
        for field in FIELDS:
            ok = field_right(field, match[0], row)
            conf = (match[0].field_confidence or {}).get(field)
            if ok is not None:
                found[field].append((conf if conf is not None else 0.0, ok))
    print(
        f"fields on held-out field-coded examples: n={len(rows)} "
        f"({missed} without an event of the gold type, not scored)"
    )
    for field, got in found.items():
        if not got:
            continue
        line = ", ".join(
            f"[{lo:.1f},{lo + (0.5 if lo == 0 else 0.1):.1f}): {len(b)} {sum(b) / len(b):.2f}"
            for lo in (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)
            if (
                b := [
                    ok
                    for c, ok in got
                    if lo <= c < lo + (0.5 if lo == 0 else 0.1) or (lo == 0.9 and c == 1.0)
                ]
            )
        )
        right = sum(ok for _, ok in got) / len(got)
        print(f"  {field:11} n={len(got):3d} right {right:.3f}; confidence bins: {line}")


def speed(n: int) -> None:
    """Print extraction speed over real news stories."""
    from sitreps.config import load_settings
    from sitreps.model import Story
    from sitreps.pipeline import Pipeline
    from sitreps.resources import resources_for

    settings = load_settings()
    _ = resources_for(settings).nlp
    pipeline = Pipeline(settings)
    pipeline.geocoder.gazetteer.lookup("Kabul")
    records = [json.loads(x) for x in NEWS.open(encoding="utf-8")][:n]
    stories = [Story(r["id"], r["text"], published=r.get("published")) for r in records]
    t0 = time.perf_counter()
    events = sum(len(getattr(o, "events", [])) for o in pipeline.process(stories))
    elapsed = time.perf_counter() - t0
    print(
        f"extraction speed: {len(stories)} news stories in {elapsed:.1f} s = "
        f"{len(stories) / elapsed:.1f} stories/s ({events} events)"
    )


def main() -> int:
    """Run the parts whose data is present."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--plover-n", type=int, default=600)
    parser.add_argument("--speed-n", type=int, default=200)
    parser.add_argument("--typing", default="rules,model,joined", help="typing modes to compare")
    args = parser.parse_args()
    for kind in ("held-out", "eval"):
        for typing in args.typing.split(","):
            own_sentences(kind, typing, table=typing == "joined")
    fields()
    if not PLOVER.exists():
        print(f"skip PLOVER synthetic: {PLOVER} not found")
    elif args.plover_n > 0:
        plover(args.plover_n)
    if not NEWS.exists():
        print(f"skip speed: {NEWS} not found")
    elif args.speed_n > 0:
        speed(args.speed_n)
    return 0


if __name__ == "__main__":
    sys.exit(main())
