"""Ingest rate into SQLite and PostgreSQL, in stories per second.

    .venv/bin/python benchmarks/ingest_rate.py [--n 300] [--pg URL]

Stories from ../shared/corpora/news.jsonl go through the pipeline once; the timed part is
storing each story (one transaction per story: story row, reports, merged events, evidence,
sources, full-text index) into a fresh database of each kind. PostgreSQL is measured when
--pg or SITREPS_TEST_PG_URL names a server. Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NEWS = ROOT.parent / "shared" / "corpora" / "news.jsonl"


def timed_ingest(url: str, results: list, settings: object) -> float:
    """Return stories/s storing the results into the database at url."""
    from sitreps.store import Store

    with Store.open(url, settings) as store:  # type: ignore[arg-type]
        t0 = time.perf_counter()
        for r in results:
            store.save(r.document, r.events)
        return len(results) / (time.perf_counter() - t0)


def main() -> int:
    """Run the pipeline once, then time storing into each database."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--pg", default=os.environ.get("SITREPS_TEST_PG_URL"))
    args = parser.parse_args()
    if not NEWS.exists():
        print(f"skip: {NEWS} not found")
        return 0
    from sitreps.config import load_settings
    from sitreps.model import Story
    from sitreps.pipeline import Pipeline, Result

    settings = load_settings()
    records = [json.loads(x) for x in NEWS.open(encoding="utf-8")][: args.n]
    stories = [
        Story(f"{r['id']}#{i}", r["text"], published=r.get("published"))
        for i, r in enumerate(records)
    ]
    results = [o for o in Pipeline(settings).process(stories) if isinstance(o, Result)]
    n_events = sum(len(r.events) for r in results)
    print(f"{len(results)} stories, {n_events} events to store")
    with tempfile.TemporaryDirectory() as tmp:
        rate = timed_ingest(str(Path(tmp) / "ingest.db"), results, settings)
        print(f"SQLite:     {rate:.1f} stories/s")
    if args.pg:
        import sqlalchemy as sa

        name = f"sitreps_bench_{uuid.uuid4().hex[:8]}"
        admin = sa.create_engine(args.pg, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            rate = timed_ingest(args.pg.rsplit("/", 1)[0] + "/" + name, results, settings)
            print(f"PostgreSQL: {rate:.1f} stories/s")
        finally:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        print("PostgreSQL: skipped (give --pg URL or set SITREPS_TEST_PG_URL)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
