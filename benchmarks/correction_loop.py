"""The learning-from-corrections loop, simulated on dev sets nobody on the team wrote.

    .venv/bin/python benchmarks/correction_loop.py [--sizes 50,200,1000] [--weights 3]
        [--order events|missed-first] [--limit N] [--shared ../shared] [--json out.json]

Sets: the dev halves of ``ucdp_ged``, ``muc34`` and ``ecbplus_conflict`` as
sitreps.extract.external maps them (the typer's training never sees them), pooled. Each
example runs as a one-sentence story through the whole pipeline, as in
benchmarks/typing_dev.py, with the shipped encoder typer (Settings.typing "encoder").

The loop, for each N in --sizes (capped at what the set allows):
1. rank the examples by the shipped typer's calibrated event confidence, least first.
   `--order events` (the default) ranks only examples that gave an event, by the lowest
   confidence among the story's events: an analyst reviews the events in the database,
   and a sentence that gave none is never shown to them, so it cannot be corrected.
   `--order missed-first` puts the examples with no event first (by a hash of the
   text): a reviewer who also reads stories for the events sitreps missed.
2. "correct" the first N from their gold labels: written in `sitreps corrections export`'s
   format to a scratch file (source "correction" where the typer was wrong, "accepted"
   where it was right);
3. retrain the encoder head with them (`sitreps.extract.train_encoder.main --corrections`,
   into a scratch folder: the shipped files are never written; the ONNX encoder is not
   exported again, and the embedding cache is reused);
4. run the retrained typer on the REST: every example not corrected, and none whose text is
   that of a corrected one (duplicate sentences would be answered by the override table,
   not learnt). The gain is against the shipped typer on the same rest.

Reported per N and weight: n rest, sub-event accuracy, ACLED-weighted F1 and the no-event
rate on the rest, shipped and retrained, and the gain. On 2 vCPU one retraining took
0.75-4.5 minutes and one pipeline run over the 1,454 dev stories 0.4-1.5 (2026-11-30,
other jobs on the machine): the three sizes at one weight take 5-20 minutes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from typing_dev import SHARED, Item, Outcome, outcome, rule_right, score

SIZES = (50, 200, 1000)
#: What the pipeline made of one example, and the least confidence of its events.
Run = tuple[Outcome, float | None]


def load_dev(shared: Path, limit: int | None) -> list[Item]:
    """Return the pooled dev examples of the three real corpora (a hash sample with limit)."""
    from sitreps.extract.external import CORPORA, load_external

    items: list[Item] = []
    for corpus in CORPORA:
        rows = load_external(shared / "train", [corpus], split="dev")
        got = [
            Item(x.text, x.label, x.label[7:] if x.label.startswith("PLOVER:") else None,
                 corpus, x.published)
            for x in rows
        ]  # fmt: skip
        if limit:
            got = sorted(got, key=lambda x: _hash(x.text))[:limit]
        print(f"{corpus}: {len(got)} dev examples")
        items.extend(got)
    return items


def _hash(text: str) -> str:
    return hashlib.md5(text.encode("utf-8")).hexdigest()


def typer_run(items: list[Item], head: Path | None, geocoder: Any) -> list[Run]:
    """Return each item's outcome and its least event confidence, typed by the head at path.

    head None: the shipped encoder typer.
    """
    from sitreps.config import load_settings
    from sitreps.extract import EventExtractor
    from sitreps.extract.encoder import EncoderClassifier, load_encoder
    from sitreps.model import Reject, Story
    from sitreps.pipeline import Pipeline
    from sitreps.resources import Resources

    settings = load_settings().replace(typing="encoder")
    res = Resources(settings)
    if head is not None:
        clf = EncoderClassifier.read(head)
        clf.encoder = load_encoder()
        res.classifier = clf  # the retrained head, passed in: nothing shipped is touched
    pipeline = Pipeline(
        settings, geocoder=geocoder, extractor=EventExtractor(settings, geocoder, res)
    )
    stories = [
        Story(story_id=str(i), content=x.text, published=x.published or "2023-06-15")
        for i, x in enumerate(items)
    ]
    out: list[Run] = []
    for item, result in zip(items, pipeline.process(stories), strict=True):
        events = [] if isinstance(result, Reject) else result.events
        known = [e.confidence for e in events if e.confidence is not None]
        out.append((outcome(item, result), min(known) if known else None))
    return out


def pick(items: list[Item], base: list[Run], n: int, order: str) -> list[int]:
    """Return the indices of the n examples an analyst corrects first (see the docstring)."""
    events = sorted(
        (i for i, (o, c) in enumerate(base) if o.found and c is not None),
        key=lambda i: (base[i][1], _hash(items[i].text)),
    )
    if order == "missed-first":
        missed = sorted(
            (i for i, (o, _) in enumerate(base) if not o.found), key=lambda i: _hash(items[i].text)
        )
        events = missed + events
    return events[:n]


def export_rows(items: list[Item], base: list[Run], chosen: list[int]) -> list[dict[str, Any]]:
    """Return the chosen examples as `sitreps corrections export` writes them, gold labels."""
    from sitreps.extract.labels import default_labels

    table = default_labels()
    rows = []
    for i in chosen:
        x, label = items[i], str(items[i].label)
        plover_only = label.startswith("PLOVER:")
        acled = not plover_only and label != "none"
        rows.append({
            "text": x.text,
            "published": x.published,
            "event_type": table[label].event_type if acled else None,
            "sub_event_type": label if acled else None,
            "plover": label[7:] if plover_only else table[label].plover if acled else None,
            "plover_mode": None,
            "fields": {},
            "evidence": {"story_id": f"dev-{i}", "start": 0, "end": len(x.text)},
            "source": "accepted" if base[i][0].sub == label else "correction",
            "event_id": f"dev-{i}",
            "revision": 1,
        })  # fmt: skip
    return rows


def retrain(rows: list[dict[str, Any]], folder: Path, weight: float) -> tuple[Path, float]:
    """Write the corrections, retrain the encoder head into folder; return its path and seconds."""
    from sitreps.extract import train_encoder
    from sitreps.extract.encoder import HEAD_FILE

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "corrections.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    t0 = time.perf_counter()
    argv = ["--out", str(folder), "--corrections", str(path), "--correction-weight", str(weight)]
    if train_encoder.main(argv) != 0:
        raise SystemExit(f"retraining failed for {path}")
    return folder / HEAD_FILE, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> int:
    """Run the simulated loop; print (and optionally save) the figures."""
    from sitreps.extract.corrections import CORRECTION_WEIGHT, normalise
    from sitreps.geo import Geocoder

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)), help="N values")
    parser.add_argument("--weights", default=str(CORRECTION_WEIGHT), help="correction weights")
    parser.add_argument("--order", choices=("events", "missed-first"), default="events")
    parser.add_argument("--limit", type=int, default=None, help="examples per corpus (hash sample)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared/ folder")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    weights = [float(w) for w in args.weights.split(",") if w.strip()]
    t_start = time.perf_counter()
    items = load_dev(args.shared, args.limit)
    if not items:
        print(f"no dev sets under {args.shared / 'train'}", file=sys.stderr)
        return 2
    from sitreps.config import load_settings

    geocoder = Geocoder.from_settings(load_settings())
    t0 = time.perf_counter()
    base = typer_run(items, None, geocoder)
    print(f"shipped typer: {len(items)} stories in {time.perf_counter() - t0:.0f} s")
    rules_ok = rule_right(items)
    candidates = len(pick(items, base, len(items), args.order))
    results: list[dict[str, Any]] = []

    def scored(idx: list[int], runs: list[Run]) -> dict[str, Any]:
        m = score([items[i] for i in idx], [runs[i][0] for i in idx], [rules_ok[i] for i in idx])
        return {k: m[k] for k in ("n", "accuracy", "acled_weighted_f1", "no_event_rate")}

    everything = list(range(len(items)))
    results.append({"N": 0, "weight": None, "shipped": scored(everything, base)})
    with tempfile.TemporaryDirectory(prefix="sitreps-loop-") as tmp:
        for w, n in ((w, n) for w in weights for n in sizes):  # the first weight's figures first
            chosen = pick(items, base, n, args.order)
            fixed = {normalise(items[i].text) for i in chosen}
            rest = [i for i in everything if normalise(items[i].text) not in fixed]
            rows = export_rows(items, base, chosen)
            wrong = sum(r["source"] == "correction" for r in rows)
            head, seconds = retrain(rows, Path(tmp) / f"n{n}-w{w}", w)
            t1 = time.perf_counter()
            runs = typer_run(items, head, geocoder)
            before, after = scored(rest, base), scored(rest, runs)
            results.append({
                "N": len(chosen), "weight": w,
                "corrected": wrong, "accepted": len(rows) - wrong,
                "shipped": before, "retrained": after,
                "train_seconds": round(seconds), "run_seconds": round(time.perf_counter() - t1),
            })  # fmt: skip
            print(f"N={len(chosen)} weight {w}: {json.dumps(results[-1])}", flush=True)
            if args.json:  # kept as it goes: a run cut short still has its figures
                args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(f"\n{len(items)} dev examples, {candidates} rankable ({args.order}); figures on the rest")
    print("| N | weight | fixed/accepted | n rest | acc shipped -> retrained | wF1 | no-event |")
    print("|---:|---:|---:|---:|---|---|---|")
    for r in results:
        s, t = r["shipped"], r.get("retrained")
        if t is None:
            print(f"| 0 | - | - | {s['n']} | {s['accuracy']:.3f} | {s['acled_weighted_f1']:.3f} "
                  f"| {s['no_event_rate']:.3f} |")  # fmt: skip
            continue
        cells = [
            f"{s[k]:.3f} -> {t[k]:.3f} ({t[k] - s[k]:+.3f})"
            for k in ("accuracy", "acled_weighted_f1", "no_event_rate")
        ]
        print(f"| {r['N']} | {r['weight']:g} | {r['corrected']}/{r['accepted']} | {s['n']} | "
              + " | ".join(cells) + " |")  # fmt: skip
    elapsed = time.perf_counter() - t_start
    print(f"\ntotal {elapsed:.0f} s on {platform.machine()}, Python {platform.python_version()}")
    if args.json:
        payload = {
            "command": " ".join(["benchmarks/correction_loop.py", *(argv or sys.argv[1:])]),
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "order": args.order,
            "results": results,
        }
        args.json.write_text(json.dumps(payload, indent=1), encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
