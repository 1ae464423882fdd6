"""Spark on this machine: local[1] against local[2] on the same input.

    .venv/bin/python benchmarks/spark_scaling.py [--n 200]

Writes the first N stories of ../shared/corpora/news.jsonl as JSON Lines, runs the sitreps
Spark job on local[1] and on local[2] (2 partitions each), and prints wall time, stories/s
and the ratio. Session start-up is included (it is part of what a user waits for).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "corpora" / "news.jsonl"


def main() -> int:
    """Run both masters and print the comparison."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=200)
    args = parser.parse_args()
    if not NEWS.exists():
        print(f"skip: {NEWS} not found")
        return 0
    try:
        import pyspark  # noqa: F401
    except ImportError:
        print('skip: pip install "sitreps[spark]"')
        return 0
    from sitreps.config import load_settings
    from sitreps.spark.job import run

    settings = load_settings()
    times = {}
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "stories.jsonl"
        with open(dump, "w", encoding="utf-8") as fh:
            for i, line in enumerate(NEWS.open(encoding="utf-8")):
                if i >= args.n:
                    break
                r = json.loads(line)
                fh.write(
                    json.dumps(
                        {"id": f"{r['id']}#{i}", "text": r["text"], "published": r.get("published")}
                    )
                    + "\n"
                )
        for master in ("local[1]", "local[2]"):
            t0 = time.perf_counter()
            counts = run(str(dump), f"{tmp}/out-{master[6]}", settings, master=master, partitions=2)
            times[master] = time.perf_counter() - t0
            print(
                f"{master}: {times[master]:.1f} s, {args.n / times[master]:.1f} stories/s, {counts}"
            )
    print(f"local[1] / local[2] time ratio: {times['local[1]'] / times['local[2]']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
