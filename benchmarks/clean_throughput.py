"""Read + clean throughput over real news, in stories per second.

    .venv/bin/python benchmarks/clean_throughput.py

Reads ../shared/corpora/news.jsonl through `sitreps.read.iter_stories` (JSON Lines) and
cleans every story (paragraph classifier, metadata, language check), one process.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "corpora" / "news.jsonl"


def main() -> int:
    """Time reading and cleaning the corpus; print stories/s."""
    if not NEWS.exists():
        print(f"skip: {NEWS} not found")
        return 0
    from sitreps.clean import clean
    from sitreps.config import load_settings
    from sitreps.errors import RejectError
    from sitreps.model import Reject
    from sitreps.read import iter_stories

    settings = load_settings()
    t0 = time.perf_counter()
    n = rejected = words = 0
    for item in iter_stories([str(NEWS)], settings=settings, input_format="jsonl"):
        n += 1
        if isinstance(item, Reject):
            rejected += 1
            continue
        try:
            words += len(clean(item, settings).text.split())
        except RejectError:
            rejected += 1
    elapsed = time.perf_counter() - t0
    print(
        f"{n} stories read and cleaned in {elapsed:.2f} s: {n / elapsed:.0f} stories/s, "
        f"{words / elapsed:.0f} words/s, {rejected} rejected"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
