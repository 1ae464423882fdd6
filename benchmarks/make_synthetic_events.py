"""Fill a sitreps database with N synthetic events (for the API latency benchmark).

    .venv/bin/python benchmarks/make_synthetic_events.py DB [--n 1000000] [--territory 0.1]

Events are spread over 60 countries and 2015-2024, with plausible fields; written straight
into the events table in large batches after the store has created the schema. With
--territory F, a share F of the battles become territory events (a town taken by a group or
regained by the government), for the territorial-control benchmark; the default (0) writes
the same events as before.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date, timedelta

COUNTRIES = [
    ("Afghanistan", "AFG"),
    ("Nigeria", "NGA"),
    ("Somalia", "SOM"),
    ("Yemen", "YEM"),
    ("Syria", "SYR"),
    ("Iraq", "IRQ"),
    ("Mali", "MLI"),
    ("Burkina Faso", "BFA"),
    ("Niger", "NER"),
    ("Sudan", "SDN"),
    ("South Sudan", "SSD"),
    ("Ethiopia", "ETH"),
    ("Kenya", "KEN"),
    ("Pakistan", "PAK"),
    ("India", "IND"),
    ("Myanmar", "MMR"),
    ("Ukraine", "UKR"),
    ("Russia", "RUS"),
    ("Colombia", "COL"),
    ("Mexico", "MEX"),
] + [(f"Country {i}", f"C{i:02d}") for i in range(40)]
TYPES = [
    ("Battles", "Armed clash"),
    ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"),
    ("Protests", "Peaceful protest"),
    ("Riots", "Violent demonstration"),
    ("Strategic developments", "Arrests"),
]


def main() -> int:
    """Create the schema through the store, then insert the synthetic rows."""
    parser = argparse.ArgumentParser()
    parser.add_argument("db")
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--territory", type=float, default=0.0)
    args = parser.parse_args()
    from sitreps.config import load_settings
    from sitreps.store import Store
    from sitreps.store.schema import events

    rng = random.Random(7)
    start = date(2015, 1, 1)
    t0 = time.perf_counter()
    with Store.open(args.db, load_settings()) as store, store.engine.begin() as conn:
        batch = []
        for i in range(args.n):
            country, iso3 = rng.choice(COUNTRIES)
            etype, sub = rng.choice(TYPES)
            day = start + timedelta(days=rng.randrange(3650))
            actor1 = f"Group {rng.randrange(500)}"
            if args.territory and etype == "Battles" and rng.random() < args.territory:
                if rng.random() < 0.5:
                    sub = "Non-state actor overtakes territory"
                else:
                    sub, actor1 = "Government regains territory", f"Military Forces of {country}"
            batch.append(
                {
                    "event_id": f"evt_{i:016x}",
                    "story_id": f"synthetic-{i}",
                    "event_date": day.isoformat(),
                    "time_precision": 1,
                    "disorder_type": "Political violence",
                    "event_type": etype,
                    "sub_event_type": sub,
                    "plover_event": "ASSAULT",
                    "cameo_root": "19",
                    "actor1": actor1,
                    "inter1": 2,
                    "actor2": None,
                    "inter2": 0,
                    "interaction": 20,
                    "country": country,
                    "iso3": iso3,
                    "admin1": f"Province {rng.randrange(30)}",
                    "location": f"Town {rng.randrange(5000)}",
                    "latitude": rng.uniform(-40, 60),
                    "longitude": rng.uniform(-120, 140),
                    "geo_precision": 1,
                    "fatalities": rng.randrange(20),
                    "notes": "Synthetic event for benchmarks.",
                    "confidence": rng.random(),
                    "field_confidence": "{}",
                    "claimed": False,
                    "mention_count": 1,
                    "pipeline_version": "synthetic",
                    "created_at": "2024-01-01T00:00:00+00:00",
                    "updated_at": "2024-01-01T00:00:00+00:00",
                }
            )
            if len(batch) == 50_000:
                conn.execute(events.insert(), batch)
                batch = []
        if batch:
            conn.execute(events.insert(), batch)
    print(f"{args.n} events written to {args.db} in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
