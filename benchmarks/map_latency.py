"""Latency of the web map's requests on a large database: a world view and a country view.

    .venv/bin/python benchmarks/make_synthetic_events.py /tmp/sitreps-1m.db --n 1000000 \
        --territory 0.1
    .venv/bin/python benchmarks/map_latency.py /tmp/sitreps-1m.db [--requests 200]

Requests go through the real FastAPI app in-process (Starlette's test client). A "view" is
what the page asks for when it shows one: the grid for the view, the first table page for
the view, and the timeline for the filters. The world view pans over zoom 2-3 with random
date ranges and event types; the country view pans over Afghanistan, Nigeria, Yemen and
Ukraine at zoom 6-7. Also timed: GET /control for a country and a date. The first load of
the in-memory columns is timed separately (it happens once per server start and after
writes). Prints wall-clock p50/p95/p99 in ms per request kind, and the process CPU time
per request (what a request costs on an idle core when other work shares the machine).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from collections.abc import Callable

COUNTRY_VIEWS = {
    "AFG": (60.5, 29.4, 74.9, 38.5),
    "NGA": (2.7, 4.2, 14.7, 13.9),
    "YEM": (42.5, 12.1, 53.1, 19.0),
    "UKR": (22.1, 44.4, 40.2, 52.4),
}
TYPES = [
    None,
    "Battles",
    "Protests",
    "Violence against civilians",
]


def main() -> int:
    """Time the map's requests and print percentiles."""
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    from fastapi.testclient import TestClient

    from sitreps.api import create_app
    from sitreps.config import load_settings

    client = TestClient(create_app(args.db, load_settings()), base_url="http://127.0.0.1")
    t0 = time.perf_counter()
    assert client.get("/map/grid", params={"zoom": 2}).status_code == 200
    print(f"first request (loads the in-memory columns): {time.perf_counter() - t0:.2f} s")

    rng = random.Random(5)
    timings: dict[str, list[float]] = defaultdict(list)
    cpu: dict[str, list[float]] = defaultdict(list)

    def timed(kind: str, path: str, params: dict[str, object]) -> None:
        t, c = time.perf_counter(), time.process_time()
        res = client.get(path, params=params)
        timings[kind].append((time.perf_counter() - t) * 1000)
        # CPU time of the whole process (app and client threads): what the request costs
        # on an idle core, whatever else shares the machine.
        cpu[kind].append((time.process_time() - c) * 1000)
        assert res.status_code == 200, (path, params, res.text[:300])

    def filters() -> dict[str, object]:
        p: dict[str, object] = {}
        if rng.random() < 0.5:
            year = rng.randrange(2015, 2024)
            p["start"], p["end"] = f"{year}-01-01", f"{year + rng.randrange(1, 3)}-06-30"
        kind = rng.choice(TYPES)
        if kind:
            p["event_type"] = kind
        return p

    def world() -> None:
        zoom = rng.choice([2, 3])
        lon = rng.uniform(-60, 60)
        view = f"{lon - 180:.3f},-80,{lon + 180:.3f},80"
        p = filters()
        timed("world grid", "/map/grid", p | {"zoom": zoom, "view": view})
        timed("world table", "/map/table", p | {"bbox": view, "limit": 25})
        timed("timeline", "/map/timeline", {k: v for k, v in p.items() if k == "event_type"})

    def country() -> None:
        iso3, (w, s, e, n) = rng.choice(list(COUNTRY_VIEWS.items()))
        dx, dy = rng.uniform(-1, 1), rng.uniform(-1, 1)
        view = f"{w + dx:.3f},{s + dy:.3f},{e + dx:.3f},{n + dy:.3f}"
        p = filters()
        timed("country grid", "/map/grid", p | {"zoom": rng.choice([6, 7]), "view": view})
        timed("country table", "/map/table", p | {"bbox": view, "limit": 25})
        timed("country timeline", "/map/timeline", {"country": iso3})
        year = rng.randrange(2016, 2025)
        timed("control", "/control", {"country": iso3, "date": f"{year}-06-30"})

    jobs: list[Callable[[], None]] = [world, country]
    for _ in range(10):  # warm-up, not counted
        for job in jobs:
            job()
    timings.clear()
    cpu.clear()
    for _ in range(args.requests):
        for job in jobs:
            job()
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} (on {os.cpu_count()} cores)")
    for kind in sorted(timings):
        ms = sorted(timings[kind])
        q = statistics.quantiles(ms, n=100)
        c = statistics.quantiles(sorted(cpu[kind]), n=100)
        print(
            f"{kind:17} n={len(ms):4}  wall p50 {q[49]:6.1f} p95 {q[94]:6.1f} "
            f"p99 {q[98]:6.1f} max {ms[-1]:6.1f} ms | cpu p50 {c[49]:6.1f} p95 {c[94]:6.1f} ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
