"""The seed story's checklist: cleaning, events and places, as the issues state them.

    .venv/bin/python benchmarks/seed_checklist.py

Reads ../shared/seed at run time (the story's text never enters the repository) and prints
PASS/FAIL per item; skips cleanly when ../shared is absent. Checks are structural (counts,
dates, ids) so that no sentence of the seed has to be written here.
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

from sitreps.distance import haversine_km

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed" / "000_abf574ae0a169ab9.txt"
QALA_I_NAW = 1129867


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Return the great-circle distance between two (lat, lon) points in km."""
    return haversine_km(a[0], a[1], b[0], b[1])


def main() -> int:
    """Run every check, print PASS/FAIL lines and a total; return the exit status."""
    if not SEED.exists():
        print(f"skip: {SEED} not found")
        return 0
    from sitreps.clean.paragraphs import classify, split_paragraphs
    from sitreps.config import load_settings
    from sitreps.model import Story
    from sitreps.pipeline import Pipeline, Result

    settings = load_settings()
    raw = SEED.read_text(encoding="utf-8")
    pipeline = Pipeline(settings)
    (out,) = list(pipeline.process([Story(str(SEED), raw)]))
    assert isinstance(out, Result), out
    doc, events = out.document, out.events
    paras = classify(split_paragraphs(raw))
    reporting = [p for p in paras if " said" in p.text or "told" in p.text]
    checks: list[tuple[str, bool]] = []

    def check(name: str, ok: bool) -> None:
        checks.append((name, ok))

    # Cleaning (issue 3)
    check(
        "clean: every paragraph with reported speech is kept",
        all(p.text in doc.text for p in reporting),
    )
    check(
        "clean: no donation / register / refresh / comment prompt remains",
        not any(
            w in doc.text.lower()
            for w in (
                "donation",
                "registering",
                "refresh the page",
                "commenting forum",
                "your support",
            )
        ),
    )
    check(
        "clean: photo caption kept out of the text, in captions",
        bool(doc.captions) and "Herat" in doc.captions[0] and "Herat" not in doc.text,
    )
    check("clean: headline found", bool(doc.title) and "Taliban" in (doc.title or ""))
    check(
        "clean: published 2021-07-07 08:16 at -04:00",
        doc.published is not None
        and doc.published.isoformat().startswith("2021-07-07T08:16")
        and doc.published.utcoffset() == timedelta(hours=-4),
    )
    check("clean: agency Reuters", doc.source == "Reuters")

    # Events (issues 2 and 4)
    battles = [e for e in events if e.sub_event_type == "Armed clash"]
    b = battles[0] if battles else None
    check("events: an Armed clash (Battles)", b is not None)
    if b is not None:
        check("events: battle on 2021-07-07", b.event_date == "2021-07-07")
        check(
            "events: battle in Qala-e-Naw (GeoNames 1129867), Badghis, Afghanistan",
            b.geonames_id == QALA_I_NAW and b.admin1 == "Badghis" and b.country == "Afghanistan",
        )
        check(
            "events: battle within 10 km of 34.99 N 63.13 E",
            b.latitude is not None
            and b.longitude is not None
            and km((b.latitude, b.longitude), (34.99, 63.13)) < 10,
        )
        check(
            "events: Taliban (inter 2) vs Afghan state forces (inter 1)",
            (b.actor1, b.inter1) == ("Taliban", 2)
            and b.inter2 == 1
            and (b.actor2 or "").startswith("Military Forces of Afghanistan"),
        )
        check("events: battle fatalities 0", b.fatalities == 0)
        check("events: source Reuters", (b.source or "").startswith("Reuters"))
    escape = [e for e in events if e.size and "200 prisoners" in e.size]
    check("events: escape of more than 200 prisoners (own event or size)", bool(escape))
    territory = [
        e
        for e in events
        if e.sub_event_type
        in ("Non-violent transfer of territory", "Non-state actor overtakes territory")
    ]
    check(
        "events: districts in Taliban hands as a territorial event in Badghis",
        any(e.admin1 == "Badghis" and e.actor1 == "Taliban" for e in territory),
    )
    consult = [e for e in events if e.plover_event == "CONSULT"]
    check(
        "events: meeting hosted by Iran as PLOVER CONSULT in Iran",
        any(e.country == "Iran" and e.event_type is None for e in consult),
    )
    check(
        "events: nothing placed at Herat (the caption)",
        not any(e.location == "Herat" for e in events),
    )
    check(
        "events: no event from background or the minister's statement",
        all(e.event_date == "2021-07-07" for e in events),
    )

    # Places (issue 5)
    tehran = settings and pipeline.geocoder.gazetteer.lookup("Tehran")
    check("places: Tehran resolves to Iran", bool(tehran) and tehran[0].country == "Iran")
    qala = [p for p in out.places if p.geonames_id == QALA_I_NAW]
    check(
        "places: Qala-e-Naw resolves to Qala i Naw, Badghis",
        bool(qala) and qala[0].admin1 == "Badghis",
    )

    for e in events:
        print(
            f"  {e.event_date} {e.sub_event_type or 'PLOVER ' + str(e.plover_event):36} "
            f"{e.location or '-'} ({e.admin1}, {e.country}) | {e.actor1} vs {e.actor2} "
            f"| deaths={e.fatalities} size={e.size} | conf={e.confidence}"
        )
    for name, ok in checks:
        print(f"{'PASS' if ok else 'FAIL'}  {name}")
    passed = sum(ok for _, ok in checks)
    print(f"{passed} passed, {len(checks) - passed} failed")
    return 0 if passed == len(checks) else 1


if __name__ == "__main__":
    sys.exit(main())
