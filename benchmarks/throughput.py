"""Speed of the whole pipeline against spaCy's own floor, on real news.

    .venv/bin/python benchmarks/throughput.py [--n 596] [--processes 1]

Runs ../shared/corpora/news.jsonl (596 stories; replicated for --n above that) through
read -> clean -> NLP -> geocode -> extract, then times spaCy's nlp.pipe with the same model
over the same cleaned texts (the floor). Prints stories/s, words/s, the ratio to the floor
and peak RSS. Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from itertools import cycle, islice
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "news.jsonl"


def peak_rss_mb() -> float:
    """Return this process's (and its finished children's) peak resident memory in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, kids) / 1024


def main() -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=596, help="stories (corpus replicated)")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--skip-floor", action="store_true")
    args = parser.parse_args()
    if not CORPUS.exists():
        print(f"skip: {CORPUS} not found")
        return 0
    from sitreps.config import load_settings
    from sitreps.model import Story
    from sitreps.parallel import process_parallel
    from sitreps.pipeline import Result

    records = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    stories = [
        Story(f"{r['id']}#{i}", r["text"], published=r.get("published"), title=r.get("title"))
        for i, r in enumerate(islice(cycle(records), args.n))
    ]
    settings = load_settings()
    t0 = time.perf_counter()
    from sitreps.resources import resources_for

    _ = resources_for(settings).nlp  # model load is not part of per-story cost; measured separately
    from sitreps.pipeline import Pipeline

    Pipeline(settings).geocoder.gazetteer.lookup("Kabul")
    load_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    texts: list[str] = []
    n_events = n_rejects = 0
    for out in process_parallel(stories, settings, args.processes):
        if isinstance(out, Result):
            texts.append(out.document.text)
            n_events += len(out.events)
        else:
            n_rejects += 1
    elapsed = time.perf_counter() - t0
    words = sum(len(t.split()) for t in texts)
    print(
        f"stories: {len(stories)}  processed: {len(texts)}  rejected: {n_rejects}  "
        f"events: {n_events}  processes: {args.processes}"
    )
    print(f"model + gazetteer load: {load_s:.1f} s (once per process)")
    print(
        f"pipeline: {elapsed:.1f} s  {len(stories) / elapsed:.1f} stories/s  "
        f"{words / elapsed:.0f} words/s  {1000 * elapsed / len(stories):.1f} ms/story"
    )
    if not args.skip_floor:
        import spacy

        nlp = spacy.load(settings.spacy_model)
        t0 = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=settings.batch_size, n_process=args.processes):
            pass
        floor = time.perf_counter() - t0
        print(
            f"spaCy floor (nlp.pipe, same model, same texts, {args.processes} process(es)): "
            f"{floor:.1f} s  {len(texts) / floor:.1f} stories/s"
        )
        print(f"pipeline / floor: {elapsed / floor:.2f}x")
    print(f"peak RSS: {peak_rss_mb():.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
