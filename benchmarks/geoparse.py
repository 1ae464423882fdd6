"""Geoparsing accuracy and speed on TR-News and GeoVirus, and event-location picking.

    .venv/bin/python benchmarks/geoparse.py [--limit N] [--corpus NAME] [--misses N]

- Recognition: precision and recall of our place mentions against the marked places
  (exact span, and any overlap).
- Resolution of recognised places: share within 161 km of the gold point, median error km.
- Resolution given the gold spans (as the published 87.3% TR-News figure is measured).
- Event location on ../shared/eval/event-location/dev.jsonl: share of sentences where the
  place we pick for the event verb is a marked event location (over sentences with one).
- `--misses N` prints, per corpus, the N most frequent gold spans resolved more than 161 km
  away (name, GeoNames class, what we chose), for error analysis.
Skips cleanly when ../shared is absent.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from sitreps.distance import haversine_km

ROOT = Path(__file__).resolve().parent.parent
GEO = ROOT.parent / "shared" / "eval" / "geoparsing"
EVLOC = ROOT.parent / "shared" / "eval" / "event-location" / "dev.jsonl"


CLASS_LABELS = {
    "A": "countries and divisions",
    "P": "towns and cities",
    "L": "continents and areas",
    "S": "spots and buildings",
    "H": "seas, lakes and rivers",
    "R": "roads",
}


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Return the great-circle distance between two (lat, lon) points in km."""
    return haversine_km(a[0], a[1], b[0], b[1])


def load_corpus(path: Path) -> list[tuple[str, list[tuple[int, int, float, float, str]]]]:
    """Return (text, [(start, end, lat, lon, feature class)]) per article."""
    root = ET.parse(path).getroot()
    out = []
    for art in root.iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for top in list(art.iter("toponym")) + list(art.iter("location")):
            start, end = top.findtext("start"), top.findtext("end")
            lat = top.findtext("gaztag/lat") or top.findtext("lat")
            lon = top.findtext("gaztag/lon") or top.findtext("lon")
            name = top.findtext("phrase") or top.findtext("name") or ""
            if start and end and lat and lon:
                s, e = int(start), int(end)
                if name and text[s:e] != name:  # GeoVirus offsets can be off by one
                    near = text.find(name, max(0, s - 5))
                    if near != -1 and abs(near - s) <= 5:
                        s, e = near, near + len(name)
                fclass = top.findtext("gaztag/fclass") or ""
                gold.append((s, e, float(lat), float(lon), fclass))
        out.append((text, gold))
    return out


def geoparse(name: str, corpus: list, geocoder: object, nlp: object, misses: int = 0) -> None:
    """Print recognition and resolution figures for one corpus."""
    from sitreps.geo.resolve import resolve_span
    from sitreps.model import Document

    tp_exact = tp_overlap = n_pred = n_gold = lit_pred = lit_tp = lit_found = 0
    errors, gold_errors = [], []
    missed: Counter[tuple[str, str, str]] = Counter()
    by_class: dict[str, list[float]] = {}
    t0 = time.perf_counter()
    for i, (text, gold) in enumerate(corpus):
        doc = Document(f"{name}-{i}", text)
        sdoc = nlp(text)  # type: ignore[operator]
        mentions = geocoder.mentions(doc, sdoc)  # type: ignore[attr-defined]
        n_pred += len(mentions)
        n_gold += len(gold)
        literal = [m for m in mentions if m.usage == "literal"]
        lit_pred += len(literal)
        lit_tp += sum(any(g[0] < m.end and m.start < g[1] for g in gold) for m in literal)
        lit_found += sum(any(g[0] < m.end and m.start < g[1] for m in literal) for g in gold)
        for m in mentions:
            hit = next((g for g in gold if g[0] < m.end and m.start < g[1]), None)
            if hit is None:
                continue
            tp_overlap += 1
            tp_exact += (m.start, m.end) == (hit[0], hit[1])
            if m.latitude is not None:
                errors.append(km((m.latitude, m.longitude), (hit[2], hit[3])))
        for g in gold:
            place = resolve_span(
                doc,
                sdoc,
                geocoder.gazetteer,  # type: ignore[attr-defined]
                g[0],
                g[1],
                geocoder.toponyms,  # type: ignore[attr-defined]
            )
            err = (
                km((place.latitude, place.longitude), (g[2], g[3]))
                if place and place.latitude is not None
                else 20000.0
            )
            gold_errors.append(err)
            if err > 161:
                chose = f"{place.name} ({place.kind}, {place.country})" if place else "nothing"
                missed[(text[g[0] : g[1]], g[4] or "?", chose)] += 1
            by_class.setdefault(g[4] or "?", []).append(err)
    elapsed = time.perf_counter() - t0

    def share(errs: list[float]) -> float:
        return sum(e <= 161 for e in errs) / len(errs) if errs else 0.0

    print(
        f"{name}: {len(corpus)} articles, {n_gold} marked places, {len(corpus) / elapsed:.1f} "
        f"articles/s"
    )
    print(
        f"  recognition  precision {tp_overlap / max(n_pred, 1):.3f} recall "
        f"{tp_overlap / max(n_gold, 1):.3f} (overlap); exact-span precision "
        f"{tp_exact / max(n_pred, 1):.3f} recall {tp_exact / max(n_gold, 1):.3f}"
    )
    print(
        f"  literal mentions only (modifiers and embedded names dropped): precision "
        f"{lit_tp / max(lit_pred, 1):.3f} recall {lit_found / max(n_gold, 1):.3f}"
    )
    print(
        f"  recognised places: {share(errors):.4f} within 161 km "
        f"({sum(e <= 161 for e in errors)} of {len(errors)}), median error "
        f"{statistics.median(errors) if errors else float('nan'):.1f} km"
    )
    print(
        f"  gold spans given: {share(gold_errors):.3f} within 161 km, median error "
        f"{statistics.median(gold_errors):.1f} km (n={len(gold_errors)})"
    )
    if len(by_class) > 1:
        for fclass, errs in sorted(by_class.items()):
            label = CLASS_LABELS.get(fclass, fclass)
            print(
                f"    {label} (GeoNames class {fclass}): {share(errs):.3f} within 161 km "
                f"(n={len(errs)})"
            )

    for (span, fclass, chose), n in missed.most_common(misses):
        print(f"    miss x{n}: {span!r} [{fclass}] -> {chose}")


def end_to_end(name: str, corpus: list) -> None:
    """Print recognition and resolution as `sitreps places --format jsonl` gives them.

    Each article goes through the whole pipeline (cleaning, the two-pass NLP, geocoding),
    and mention offsets are mapped back to the input text, as the outside measurement does.
    """
    from sitreps.cli.stages import place_records
    from sitreps.config import load_settings
    from sitreps.model import Story
    from sitreps.pipeline import Pipeline, Result

    settings = load_settings().replace(parse_scope="entities")
    pipeline = Pipeline(settings)
    stories = [
        Story(story_id=f"{name}-{i}", content=t, kind="text") for i, (t, _) in enumerate(corpus)
    ]
    n_pred = tp = n_gold = found = near_all = lit_pred = lit_tp = lit_found = 0
    errors: list[float] = []
    kinds: Counter[str] = Counter()
    t0 = time.perf_counter()
    for (_text, gold), out in zip(corpus, pipeline.process(stories), strict=True):
        n_gold += len(gold)
        records = place_records(out) if isinstance(out, Result) else []
        n_pred += len(records)
        best: dict[int, float] = {}
        literal = [r for r in records if r.get("mention_kind", "literal") == "literal"]
        lit_pred += len(literal)
        lit_tp += sum(any(g[0] < r["end"] and r["start"] < g[1] for g in gold) for r in literal)
        lit_found += sum(any(g[0] < r["end"] and r["start"] < g[1] for r in literal) for g in gold)
        for r in records:
            kinds[str(r.get("mention_kind", "literal"))] += 1
            j = next((j for j, g in enumerate(gold) if g[0] < r["end"] and r["start"] < g[1]), None)
            if j is None:
                continue
            tp += 1
            g = gold[j]
            err = (
                km((r["latitude"], r["longitude"]), (g[2], g[3]))
                if r["latitude"] is not None
                else 20000.0
            )
            errors.append(err)
            best[j] = min(best.get(j, 20000.0), err)
        found += len(best)
        near_all += sum(e <= 161 for e in best.values())
    elapsed = time.perf_counter() - t0
    print(
        f"{name} end to end (the pipeline, as `sitreps places`; "
        f"{len(corpus) / elapsed:.1f} articles/s)"
    )
    print(
        f"  recognition precision {tp / max(n_pred, 1):.3f} recall {found / max(n_gold, 1):.3f}; "
        f"within 161 km: {sum(e <= 161 for e in errors) / max(len(errors), 1):.3f} of "
        f"recognised, {near_all / max(n_gold, 1):.3f} of all {n_gold} marked places"
    )
    print(
        f"  mentions by kind: {dict(kinds)}; literal only: precision "
        f"{lit_tp / max(lit_pred, 1):.3f} recall {lit_found / max(n_gold, 1):.3f}"
    )


def event_location(limit: int | None, geocoder: object, nlp: object) -> None:
    """Print how often the place picked for the event verb is a marked event location.

    Over all sentences, and over the fifth held out from training the learned picker
    (sitreps.geo.train.held_out, by a hash of the text): only the latter is a fair test of
    the learned picker. "rules" is the hand-weighted picker on the same mentions.
    """
    from sitreps.geo.locate import pick_event_place
    from sitreps.geo.train import event_sentences, held_out
    from sitreps.model import Document

    rows = event_sentences(EVLOC)
    if limit:
        rows = rows[:limit]
    tally: dict[tuple[str, str], int] = Counter()
    t0 = time.perf_counter()
    for i, row in enumerate(rows):
        text = row["text"]
        verbs = [s for s in row["spans"] if s["label"] == "VERB"]
        locs = [s for s in row["spans"] if s["label"] == "LOCATION"]
        if not locs:
            continue
        parts = ("all", "held-out") if held_out(text) else ("all",)
        for part in parts:
            tally[(part, "with_gold")] += 1
        sdoc = nlp(text)  # type: ignore[operator]
        mentions = geocoder.mentions(Document(f"s{i}", text), sdoc)  # type: ignore[attr-defined]
        if not mentions:
            continue
        for part in parts:
            tally[(part, "found")] += 1
        trigger = None
        if verbs:
            span = sdoc.char_span(verbs[0]["start"], verbs[0]["end"], alignment_mode="expand")
            trigger = span.root if span is not None else None
        sent = trigger.sent if trigger is not None else next(iter(sdoc.sents))
        place, _ = geocoder.event_location(sdoc, sent, mentions, trigger)  # type: ignore[attr-defined]
        rule = pick_event_place(sdoc, sent, mentions, trigger, None)
        for name, pick in (("picked", place), ("rules", rule)):
            if pick is None:
                continue
            hit = any(pick.start < g["end"] and g["start"] < pick.end for g in locs)
            for part in parts:
                tally[(part, name)] += 1
                tally[(part, name + "_right")] += hit
    elapsed = time.perf_counter() - t0
    for part in ("all", "held-out"):
        n = tally[(part, "with_gold")]
        print(
            f"event location ({part}): {n} sentences with a marked location; we found a place "
            f"in {tally[(part, 'found')]}, picked one in {tally[(part, 'picked')]}"
        )
        for name in ("picked", "rules"):
            right = tally[(part, name + "_right")]
            print(
                f"  {name}: a marked event location in {right / max(tally[(part, name)], 1):.3f}"
                f" of picks, {right / max(n, 1):.3f} of all sentences"
            )
    print(f"  ({len(rows) / elapsed:.0f} sentences/s)")


def main() -> int:
    """Run every part of the benchmark."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None, help="event-location sentences")
    parser.add_argument(
        "--corpus",
        choices=("TR-News", "GeoVirus", "event-location"),
        action="append",
        help="run only these parts (repeatable; default all)",
    )
    parser.add_argument("--misses", type=int, default=0, help="print the N commonest misses")
    args = parser.parse_args()
    parts = args.corpus or ["TR-News", "GeoVirus", "event-location"]
    if not GEO.exists():
        print(f"skip: {GEO} not found")
        return 0
    from sitreps.config import load_settings
    from sitreps.geo import Geocoder

    settings = load_settings()
    geocoder = Geocoder.from_settings(settings)
    from sitreps.resources import resources_for

    nlp = resources_for(settings).nlp
    for name in ("TR-News", "GeoVirus"):
        if name in parts:
            corpus = load_corpus(GEO / f"{name}.xml")
            geoparse(name, corpus, geocoder, nlp, args.misses)
            end_to_end(name, corpus)
    if EVLOC.exists() and "event-location" in parts:
        event_location(args.limit, geocoder, nlp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
