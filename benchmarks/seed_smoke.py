"""Foundation check on the seed story, through the CLI exactly as a user runs it.

    .venv/bin/python benchmarks/seed_smoke.py

Passes when `sitreps extract SEED --format jsonl` gives at least one Battles event dated
2021-07-07, within 10 km of Qala i Naw (34.99 N, 63.13 E), Afghanistan, with the Taliban
as an actor. Reads ../shared at run time; skips cleanly when it is absent.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

from sitreps.distance import haversine_km

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_abf574ae0a169ab9.txt"
QALA_I_NAW = (34.987, 63.129)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Return the great-circle distance between two (lat, lon) points in km."""
    return haversine_km(a[0], a[1], b[0], b[1])


def main() -> int:
    """Run the check and print PASS/FAIL lines; return the exit status."""
    if not SEED.exists():
        print(f"skip: {SEED} not found")
        return 0
    exe = Path(sys.executable).parent / "sitreps"
    t0 = time.perf_counter()
    proc = subprocess.run(
        [str(exe), "extract", str(SEED), "--format", "jsonl"],
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - t0
    events = [json.loads(line) for line in proc.stdout.splitlines() if line.strip()]
    print(f"exit {proc.returncode}, {len(events)} events, {elapsed:.1f} s (incl. model load)")
    for ev in events:
        print(
            f"  {ev['event_date']} {ev['sub_event_type'] or ev['plover_event']} @ "
            f"{ev['location']} ({ev['admin1']}, {ev['country']}) "
            f"{ev['actor1']} vs {ev['actor2']} deaths={ev['fatalities']}"
        )
    ok = False
    for ev in events:
        if ev["event_type"] != "Battles" or ev["latitude"] is None:
            continue
        checks = {
            "dated 2021-07-07": ev["event_date"] == "2021-07-07",
            "within 10 km of Qala i Naw": km((ev["latitude"], ev["longitude"]), QALA_I_NAW) < 10,
            "in Afghanistan": ev["country"] == "Afghanistan",
            "Taliban an actor": "Taliban" in {ev["actor1"], ev["actor2"]},
        }
        for name, passed in checks.items():
            print(f"  {'PASS' if passed else 'FAIL'} {name}")
        ok = ok or all(checks.values())
    print("PASS seed smoke" if ok else "FAIL seed smoke: no Battles event meets every check")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
