"""Sentence typing on dev sets nobody on the team wrote (and on our own two, for comparison).

    .venv/bin/python benchmarks/typing_dev.py [--typers joined,rules,model] [--limit N]
        [--shared ../shared] [--json out.json] [--sets plover-gold,muc34]

Sets, each example run as a one-sentence story through the whole pipeline (clean, NLP,
geo, extract: what sitreps.pipeline.extract does, batched through Pipeline.process):

- ``ucdp_ged``, ``muc34``, ``ecbplus_conflict``: the dev split of each real corpus as
  sitreps.extract.external maps it (GED headlines, MUC-3/4 wire sentences, ECB+ news
  sentences; every gold label is an event);
- ``own-held-out``: the fifth of src/sitreps/data/train training never sees;
- ``own-eval``: src/sitreps/data/eval/sentences.jsonl;
- ``plover-gold``: ../shared/eval/plover-gold/dev.jsonl, real sentences with gold PLOVER
  types (evaluation only; early PLOVER names mapped to today's as its README says). It has
  no ACLED labels: only PLOVER accuracy and the no-event rate are scored.
- ``muc34-caps`` and ``plover-gold-lower``: the ALL CAPS MUC sentences as the wire sent
  them (``muc34`` has them recased with the answer key's names), and the PLOVER gold
  sentences lower-cased: what casing repair (sitreps.nlp.casing) is for.

For every typer given (values of Settings.typing; none is hard-coded here), per set: n,
sub-event accuracy, macro-F1, ACLED-weighted F1 (benchmarks/extraction.py's definition),
event-type accuracy, the no-event rate, PLOVER accuracy where PLOVER gold exists, the
expected calibration error of the event confidence (10 equal bins, over examples with
an event whose confidence is set), per-label F1, the top confusions, and figures per
register; and "lost": the share of examples the rules type right on the bare sentence
(sitreps.extract.rules, the label table's rules) for which the pipeline still gives no event, lost
after typing (a present-tense headline read as not having happened, a rejected story).
A story the cleaner rejects (a headline too short or with too few English
function words) predicts no event, as in benchmarks/extraction.py; the count is reported.

The sub-event prediction follows benchmarks/extraction.py: for an ACLED gold label, the
first event with an ACLED type; otherwise the first event. PLOVER: the first event's type.
A full run of the three typers takes about two minutes on 2 vCPU, so --limit defaults to
no limit; --limit N keeps N examples per set (a fixed hash sample, not the first N).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from extraction import acled_weighted_f1, f1_of, macro_f1

ROOT = Path(__file__).resolve().parent.parent
#: Beside the repository: train/ (the corpora) and eval/plover-gold/dev.jsonl.
SHARED = ROOT.parent / "shared"
PLOVER_GOLD = Path("eval") / "plover-gold" / "dev.jsonl"
#: The gold standard's early PLOVER names and today's (its README).
PLOVER_RENAMED = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "INVESTIGATE": "ACCUSE",
    "FIGHT": "ASSAULT",
}
DEFAULT_PUBLISHED = "2023-06-15"
BINS = 10


@dataclass(frozen=True)
class Item:
    """One dev example: its text, gold labels (None: not coded in this set) and register."""

    text: str
    label: str | None  # sub-event type, "PLOVER:X" or "none"
    plover: str | None  # PLOVER type or "none"
    register: str
    published: str | None = None


def _sample(items: list[Item], limit: int | None) -> list[Item]:
    if not limit or len(items) <= limit:
        return items
    return sorted(items, key=lambda x: hashlib.md5(x.text.encode()).hexdigest())[:limit]


def load_sets(shared: Path, limit: int | None) -> dict[str, list[Item]]:
    """Return every dev set whose data is present, by name."""
    from sitreps.extract.external import CORPORA, load_external
    from sitreps.extract.train import held_out, load_examples

    sets: dict[str, list[Item]] = {}
    for corpus in CORPORA:
        rows = load_external(shared / "train", [corpus], split="dev")
        if not rows:
            print(f"skip {corpus}: not found under {shared / 'train'}")
            continue
        sets[corpus] = [
            Item(
                x.text,
                x.label,
                x.label[7:] if x.label.startswith("PLOVER:") else None,
                x.register,
                x.published,
            )
            for x in rows
        ]
        if corpus == "muc34":
            # MUC as the wire sent it: the ALL CAPS sentences the corpus mapping recased
            # with the key's names, given back in capitals (sitreps.nlp.casing's test)
            sets["muc34-caps"] = [
                Item(x.text.upper(), x.label, None, "wire-1990-caps", x.published)
                for x in rows
                if x.recased
            ]
    sets["own-held-out"] = [
        Item(r["text"], r["label"], r.get("plover") or "none", r.get("register") or "own",
             r.get("published"))
        for r in load_examples()
        if held_out(r["text"])
    ]  # fmt: skip
    path = resources.files("sitreps") / "data" / "eval" / "sentences.jsonl"
    own_eval = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
    sets["own-eval"] = [
        Item(r["text"], r["sub_event_type"],
             r["sub_event_type"][7:] if r["sub_event_type"].startswith("PLOVER:") else None,
             "own", r.get("published"))
        for r in own_eval
    ]  # fmt: skip
    gold_path = shared / PLOVER_GOLD
    if gold_path.exists():
        gold = [json.loads(x) for x in gold_path.open(encoding="utf-8") if x.strip()]
        sets["plover-gold"] = [
            Item(r["text"], None, PLOVER_RENAMED.get(r["event"], r["event"]), "plover-gold",
                 r.get("date"))
            for r in gold
        ]  # fmt: skip
        # the same sentences lower-cased, as local news and social posts arrive
        sets["plover-gold-lower"] = [
            Item(x.text.lower(), None, x.plover, "plover-gold-lower", x.published)
            for x in sets["plover-gold"]
        ]
    else:
        print(f"skip plover-gold: {gold_path} not found")
    return {name: _sample(items, limit) for name, items in sets.items()}


@dataclass
class Outcome:
    """What the pipeline made of one example."""

    sub: str  # predicted sub-event label ("none" when no event)
    event_type: str
    plover: str
    confidence: float | None
    rejected: bool
    found: bool  # any event at all (ACLED or PLOVER)


def run(typing: str, items: list[Item], pipeline_kwargs: dict[str, Any]) -> list[Outcome]:
    """Return the pipeline's outcome for each item, with Settings.typing set to typing."""
    from sitreps.config import load_settings
    from sitreps.model import Story
    from sitreps.pipeline import Pipeline

    settings = load_settings().replace(typing=typing)
    pipeline = Pipeline(settings, **pipeline_kwargs)
    pipeline_kwargs.setdefault("geocoder", pipeline.geocoder)  # one gazetteer for all typers
    stories = [
        Story(story_id=str(i), content=x.text, published=x.published or DEFAULT_PUBLISHED)
        for i, x in enumerate(items)
    ]
    results = pipeline.process(stories)
    return [outcome(item, result) for item, result in zip(items, results, strict=True)]


def outcome(item: Item, result: Any) -> Outcome:
    """Return what the pipeline's Result (or Reject) for one item says, as it is scored."""
    from sitreps.model import Reject

    events = [] if isinstance(result, Reject) else result.events
    acled = item.label not in (None, "none") and not str(item.label).startswith("PLOVER")
    pool = [e for e in events if e.event_type] if acled else events
    ev = pool[0] if pool else None
    sub = (ev.sub_event_type or f"PLOVER:{ev.plover_event}") if ev else "none"
    etype = (ev.event_type or f"PLOVER:{ev.plover_event}") if ev else "none"
    first = events[0] if events else None
    return Outcome(
        sub,
        etype,
        (first.plover_event or "none") if first else "none",
        ev.confidence if ev else None,
        isinstance(result, Reject),
        bool(events),
    )


def _gold_type(label: str) -> str:
    from sitreps.extract.labels import default_labels

    if label == "none" or label.startswith("PLOVER:"):
        return label
    return default_labels()[label].event_type or label


def ece(pairs: list[tuple[float, bool]]) -> float | None:
    """Return the expected calibration error of (confidence, right) pairs over 10 bins."""
    if not pairs:
        return None
    bins: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for conf, ok in pairs:
        bins[min(int(conf * BINS), BINS - 1)].append((conf, ok))
    return sum(
        abs(sum(c for c, _ in b) / len(b) - sum(ok for _, ok in b) / len(b)) * len(b)
        for b in bins.values()
    ) / len(pairs)


def reliability(pairs: list[tuple[float, bool]]) -> list[dict[str, float]]:
    """Return the reliability table: per confidence bin, its size, mean confidence, share right."""
    bins: dict[int, list[tuple[float, bool]]] = defaultdict(list)
    for conf, ok in pairs:
        bins[min(int(conf * BINS), BINS - 1)].append((conf, ok))
    return [
        {
            "bin": k / BINS,
            "n": len(b),
            "confidence": round(sum(c for c, _ in b) / len(b), 3),
            "right": round(sum(ok for _, ok in b) / len(b), 3),
        }
        for k, b in sorted(bins.items())
    ]


def rule_right(items: list[Item]) -> list[bool]:
    """Return, per item, whether the codebook rules type the bare sentence as its gold label."""
    from sitreps.extract.rules import type_sentence

    out = []
    for x in items:
        typed = type_sentence(x.text)
        out.append(x.label is not None and (typed.label if typed else "none") == x.label)
    return out


def score(items: list[Item], outcomes: list[Outcome], rules_right: list[bool]) -> dict[str, Any]:
    """Return the metrics of one typer on one set."""
    both = list(zip(items, outcomes, strict=True))
    coded = [(x, o) for x, o in both if x.label is not None]
    sub = [(str(x.label), o.sub) for x, o in coded]
    etype = [(_gold_type(str(x.label)), o.event_type) for x, o in coded]
    plover = [(x.plover, o.plover) for x, o in both if x.plover is not None]
    calib = [(o.confidence, o.sub == x.label) for x, o in coded if o.confidence is not None]
    n = len(items)
    m: dict[str, Any] = {
        "n": n,
        "rejected": sum(o.rejected for o in outcomes),
        "no_event_rate": sum(not o.found for o in outcomes) / n,
        # typed right by the rules on the bare sentence, yet no event came out: lost after
        # typing (tense, dates, the cleaner), not by the typer
        "lost_after_typing": sum(
            r and not o.found and x.label != "none"
            for x, o, r in zip(items, outcomes, rules_right, strict=True)
        ) / n,
    }
    if sub:
        m |= {
            "accuracy": sum(g == p for g, p in sub) / len(sub),
            "macro_f1": macro_f1(sub),
            "acled_weighted_f1": acled_weighted_f1(sub),
            "event_type_accuracy": sum(g == p for g, p in etype) / len(etype),
            "per_label_f1": {
                label: {"f1": f1_of(sub, label), "n": sum(g == label for g, _ in sub)}
                for label in sorted({g for g, _ in sub})
            },
            "confusions": [
                [g, p, k] for (g, p), k in Counter((g, p) for g, p in sub if g != p).most_common(10)
            ],
        }
    if plover:
        m["plover_accuracy"] = sum(g == p for g, p in plover) / len(plover)
        m["plover_n"] = len(plover)
        m["plover_confusions"] = [
            [g, p, k] for (g, p), k in Counter(pr for pr in plover if pr[0] != pr[1]).most_common(8)
        ]
    m["ece"] = ece(calib)
    m["ece_n"] = len(calib)
    m["reliability"] = reliability(calib)
    registers = sorted({x.register for x, _ in coded})
    if len(registers) > 1:
        m["registers"] = {
            r: _brief([(x, o) for x, o in coded if x.register == r]) for r in registers
        }
    return m


def _brief(pairs: list[tuple[Item, Outcome]]) -> dict[str, Any]:
    sub = [(str(x.label), o.sub) for x, o in pairs]
    return {
        "n": len(sub),
        "accuracy": sum(g == p for g, p in sub) / len(sub),
        "acled_weighted_f1": acled_weighted_f1(sub),
        "no_event_rate": sum(not o.found for _, o in pairs) / len(pairs),
    }


def _fmt(value: Any) -> str:
    return "   -" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)


def report(results: dict[str, dict[str, dict[str, Any]]], by_register: dict[str, Any]) -> None:
    """Print the summary table, then per-set details."""
    cols = ("n", "rejected", "accuracy", "macro_f1", "acled_weighted_f1", "event_type_accuracy",
            "no_event_rate", "lost_after_typing", "plover_accuracy", "ece")  # fmt: skip
    heads = ("n", "rej", "acc", "macroF1", "wF1", "typeAcc", "noEvent", "lost", "PLOVER", "ECE")
    print(f"\n| set | typer | {' | '.join(heads)} |")
    print("|---|---|" + "---:|" * len(heads))
    for name, by_typer in results.items():
        for typer, m in by_typer.items():
            print(f"| {name} | {typer} | " + " | ".join(_fmt(m.get(c)) for c in cols) + " |")
    print("\nBy register (sets with sub-event labels):")
    print("| register | typer | n | acc | wF1 | noEvent |\n|---|---|---:|---:|---:|---:|")
    for register, by_typer in by_register.items():
        for typer, m in by_typer.items():
            print(
                f"| {register} | {typer} | {m['n']} | {m['accuracy']:.3f} | "
                f"{m['acled_weighted_f1']:.3f} | {m['no_event_rate']:.3f} |"
            )
    for name, by_typer in results.items():
        for typer, m in by_typer.items():
            print(f"\n{name} / {typer}:")
            if "per_label_f1" in m:
                print("  per-label F1: " + ", ".join(
                    f"{k} {v['f1']:.2f} (n={v['n']})" for k, v in m["per_label_f1"].items()
                ))  # fmt: skip
                for g, p, k in m["confusions"]:
                    print(f"    {k:4d}  {g:38} -> {p}")
            if m.get("plover_confusions"):
                print(f"  PLOVER (n={m['plover_n']}) confusions:")
                for g, p, k in m["plover_confusions"]:
                    print(f"    {k:4d}  {g:38} -> {p}")
            for register, r in (m.get("registers") or {}).items():
                print(
                    f"  register {register}: n={r['n']} acc {r['accuracy']:.3f} "
                    f"wF1 {r['acled_weighted_f1']:.3f} no-event {r['no_event_rate']:.3f}"
                )


def main(argv: list[str] | None = None) -> int:
    """Run every typer on every dev set present; print and optionally save the figures."""
    from sitreps.errors import SitrepsError

    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--typers", default="joined", help="Settings.typing values, comma-separated"
    )
    parser.add_argument("--limit", type=int, default=None, help="examples per set (hash sample)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared/ folder")
    parser.add_argument("--json", type=Path, default=None, help="write all figures here")
    parser.add_argument(
        "--sets", default=None, help="only these sets, comma-separated (e.g. plover-gold)"
    )
    args = parser.parse_args(argv)
    typers = [t.strip() for t in args.typers.split(",") if t.strip()]
    t0 = time.perf_counter()
    sets = load_sets(args.shared, args.limit)
    if args.sets:
        wanted = {s.strip() for s in args.sets.split(",") if s.strip()}
        unknown = wanted - set(sets)
        if unknown:
            print(f"error: unknown sets {sorted(unknown)}; known: {sorted(sets)}", file=sys.stderr)
            return 2
        sets = {k: v for k, v in sets.items() if k in wanted}
    items = [x for xs in sets.values() for x in xs]
    print("sets: " + ", ".join(f"{k} n={len(v)}" for k, v in sets.items()))
    rules_ok = {name: rule_right(xs) for name, xs in sets.items()}
    results: dict[str, dict[str, dict[str, Any]]] = defaultdict(dict)
    by_register: dict[str, dict[str, Any]] = defaultdict(dict)
    shared: dict[str, Any] = {}
    for typer in typers:
        t1 = time.perf_counter()
        try:
            outcomes = run(typer, items, shared)
        except SitrepsError as exc:
            print(f"error: typer {typer}: {exc}", file=sys.stderr)
            return 2
        print(f"typer {typer}: {len(items)} stories in {time.perf_counter() - t1:.1f} s")
        start = 0
        coded: dict[str, list[tuple[Item, Outcome]]] = defaultdict(list)
        for name, xs in sets.items():
            got = outcomes[start : start + len(xs)]
            start += len(xs)
            results[name][typer] = score(xs, got, rules_ok[name])
            for x, o in zip(xs, got, strict=True):
                if x.label is not None:
                    coded[x.register].append((x, o))
        for register, pairs in sorted(coded.items()):
            by_register[register][typer] = _brief(pairs)
    report(results, by_register)
    elapsed = time.perf_counter() - t0
    print(f"\ntotal {elapsed:.0f} s on {platform.machine()}, Python {platform.python_version()}")
    if args.json:
        payload = {
            "command": " ".join(["benchmarks/typing_dev.py", *(argv or sys.argv[1:])]),
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "seconds": round(elapsed, 1),
            "sets": results,
            "registers": by_register,
        }
        args.json.write_text(json.dumps(payload, indent=1), encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
