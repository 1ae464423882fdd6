"""Latency of GET /events filtered by country and a month, on a large database.

    .venv/bin/python benchmarks/make_synthetic_events.py /tmp/sitreps-1m.db --n 1000000
    .venv/bin/python benchmarks/api_latency.py /tmp/sitreps-1m.db [--requests 300]

Requests go through the real FastAPI app in-process (Starlette's test client: ASGI routing,
validation, query, JSON), for random country/month pairs; prints p50/p95/p99 in ms.
"""

from __future__ import annotations

import argparse
import calendar
import os
import random
import statistics
import sys
import time


def main() -> int:
    """Time the requests and print percentiles."""
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    from sitreps.api import create_app
    from sitreps.config import load_settings

    client = TestClient(create_app(args.db, load_settings()), base_url="http://127.0.0.1")
    countries = ["AFG", "Nigeria", "SOM", "Yemen", "SYR", "Mali", "Sudan", "Ukraine"]
    rng = random.Random(3)
    timings = []
    cpu: list[float] = []
    rows = 0
    for i in range(args.requests + 20):
        year, month = rng.randrange(2015, 2025), rng.randrange(1, 13)
        params = {
            "country": rng.choice(countries),
            "start": f"{year}-{month:02d}-01",
            "end": f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}",
            "limit": 100,
        }
        t0, c0 = time.perf_counter(), time.process_time()
        res = client.get("/events", params=params)
        elapsed = (time.perf_counter() - t0) * 1000
        used = (time.process_time() - c0) * 1000  # process CPU: the cost on an idle core
        assert res.status_code == 200, res.text
        if i >= 20:  # the first requests warm caches
            timings.append(elapsed)
            cpu.append(used)
            rows += res.json()["count"]
    timings.sort()
    q = statistics.quantiles(timings, n=100)
    print(f"{args.requests} requests, {rows / args.requests:.0f} events per response on average")
    print(f"p50 {q[49]:.1f} ms  p95 {q[94]:.1f} ms  p99 {q[98]:.1f} ms  max {timings[-1]:.1f} ms")
    c = statistics.quantiles(sorted(cpu), n=100)
    print(f"cpu p50 {c[49]:.1f} ms  p95 {c[94]:.1f} ms; load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
