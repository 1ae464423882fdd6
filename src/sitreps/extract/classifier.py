"""A sentence-type classifier trained on our own labelled examples.

Features are hashed word 1-2 grams and character 3-5 grams (scikit-learn's stateless
HashingVectorizer), log-scaled and weighted by inverse document frequency; the model is a
linear SVM (one against the rest), whose margins become probabilities through a softmax
with a temperature fitted on held-out folds. On five folds of our examples the SVM beat
logistic regression (0.63 against 0.60 accuracy) and trains in a second. The shipped
weights (data/model/sentence_types.npz) keep only the feature columns that training saw,
so the file stays small; `python -m sitreps.extract.train` rebuilds them from
src/sitreps/data/train/*.jsonl reproducibly.

Labels are the ACLED sub-event types, "PLOVER:<TYPE>" for political events ACLED does not
code, and "none". The file also carries the confidence calibration the training script
fitted on held-out predictions (an isotonic map from raw score to share right).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Self

import numpy as np

from sitreps.extract.labels import default_labels

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

__all__ = [
    "MODEL_FILE",
    "SentenceClassifier",
    "decide",
    "featurize",
    "label_of",
    "load_classifier",
    "softmax",
    "weigh",
]

MODEL_FILE = "sentence_types.npz"
#: The model may veto a rule's event only when it gives the rule's label less than this
#: (a rule with some support from the model stands; set on the seed-style prison break).
VETO_SUPPORT = 0.2
#: Rules this strong (a specific cue: "clashes", "air strike", a prison break) are never
#: vetoed: trained with ordinary news, the model reads quoted, present-tense reports of
#: fighting ("after two hours of clashes the enemy is forced to retreat") as no event.
NO_VETO = 0.7
#: Acts of speech about the future (promises, threats, demands): their modal verbs look
#: like the plans and forecasts our "none" examples hold, so the model does not veto them.
#: The label table's rows with `model_may_veto = false` (the table says why per label).
SPEECH = default_labels().unvetoable_labels
#: Sentences whose scores are kept (the parse filter scores them, the extractor reads them).
CACHE_SIZE = 20_000
#: Hash space per feature family; collisions are rare at our vocabulary size (~40k).
N_FEATURES = 2**20


def label_of(row: dict[str, Any]) -> str:
    """Return the training label of an example row: sub-event type, PLOVER:X or none."""
    if row.get("sub_event_type"):
        return str(row["sub_event_type"])
    if row.get("plover"):
        return f"PLOVER:{row['plover']}"
    return "none"


@lru_cache(maxsize=1)
def _vectorizers() -> tuple[Any, Any]:
    from sklearn.feature_extraction.text import HashingVectorizer

    words = HashingVectorizer(
        n_features=N_FEATURES,
        ngram_range=(1, 2),
        alternate_sign=False,
        norm=None,
        token_pattern=r"(?u)\b\w+\b",
    )
    chars = HashingVectorizer(
        n_features=N_FEATURES,
        analyzer="char_wb",
        ngram_range=(3, 5),
        alternate_sign=False,
        norm=None,
    )
    return words, chars


def featurize(texts: list[str]) -> csr_matrix:
    """Return raw hashed counts for the texts: words then characters, 2 * N_FEATURES columns."""
    from scipy.sparse import hstack

    words, chars = _vectorizers()
    return hstack([words.transform(texts), chars.transform(texts)]).tocsr()


def weigh(counts: csr_matrix, idf: np.ndarray) -> csr_matrix:
    """Return log-scaled, idf-weighted, unit-length rows for raw counts."""
    x = counts.astype(np.float64).tocsr()
    x.data = 1.0 + np.log(x.data)
    x = x.multiply(idf.reshape(1, -1)).tocsr()
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1))).ravel()
    norms[norms == 0] = 1.0
    return x.multiply(1.0 / norms.reshape(-1, 1)).tocsr()


def _optional(z: Any, name: str) -> np.ndarray:
    """Return an array a classifier file may lack (older files), empty when missing."""
    return (z[name] if name in z.files else np.zeros(0)).astype(np.float64)


def softmax(logits: np.ndarray) -> np.ndarray:
    """Return row-wise softmax probabilities."""
    z = logits - logits.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True))


@dataclass
class SentenceClassifier:
    """A linear model over idf-weighted hashed n-grams, on the columns training saw."""

    labels: list[str]
    columns: np.ndarray  # (k,) feature column indices kept
    idf: np.ndarray  # (k,)
    coef: np.ndarray  # (k, n_labels)
    intercept: np.ndarray  # (n_labels,)
    calib_x: np.ndarray  # isotonic map: raw score thresholds...
    calib_y: np.ndarray  # ...and the share right at each
    #: Softmax temperature over the margins, fitted on held-out folds.
    temperature: float = 1.0
    #: A second isotonic map for ACLED labels, fitted on real human-coded text only (the
    #: corpora's out-of-fold rows); empty: `calib_x`/`calib_y` serve every label.
    acled_calib_x: np.ndarray = field(default_factory=lambda: np.zeros(0))
    acled_calib_y: np.ndarray = field(default_factory=lambda: np.zeros(0))
    #: The same for headlines alone (GED titles), when the trainer had enough of both.
    headline_calib_x: np.ndarray = field(default_factory=lambda: np.zeros(0))
    headline_calib_y: np.ndarray = field(default_factory=lambda: np.zeros(0))
    #: Decision thresholds tuned by the training script on held-out folds (see `decide`).
    accept: float = 0.5
    override: float = 0.6
    veto: float = 0.6
    #: A sentence with no event cue is an event only at this probability or above.
    uncued: float = 1.01
    #: Rules at this strength or above are never overridden (they may still be vetoed).
    strong: float = 0.7
    #: Sentences an analyst corrected (normalised text -> label, "none" for no event): the
    #: extractor types them so before the rules and the model (sitreps.extract.corrections).
    overrides: dict[str, str] = field(default_factory=dict)
    _cache: dict[str, dict[str, float]] = field(default_factory=dict, repr=False)
    #: Precision of the stored weights (half: 6.1 MB -> 3.2 MB, the same figures).
    COEF_DTYPE: ClassVar[type] = np.float16

    def scores(self, texts: list[str]) -> np.ndarray:
        """Return label probabilities, one row per text, columns in `labels` order."""
        return softmax(self.margins(texts) * self.temperature)

    def margins(self, texts: list[str]) -> np.ndarray:
        """Return the model's raw margins, one row per text."""
        x = weigh(featurize(texts)[:, self.columns], self.idf)
        return np.asarray(x @ self.coef + self.intercept)

    def predict(self, text: str) -> dict[str, float]:
        """Return the probability of every label for one sentence (cached by text)."""
        return self.predict_many([text])[0]

    def predict_many(self, texts: list[str]) -> list[dict[str, float]]:
        """Return label probabilities for each text, scoring the uncached ones in one batch."""
        cache = self._cache
        todo = list(dict.fromkeys(t for t in texts if t not in cache))
        if todo:
            for text, row in zip(todo, self.scores(todo), strict=True):
                cache[text] = dict(zip(self.labels, row.tolist(), strict=True))
            while len(cache) > CACHE_SIZE:
                cache.pop(next(iter(cache)))
        return [cache[t] for t in texts]

    def corrected(self, text: str) -> str | None:
        """Return an analyst's label for this sentence ("none": no event), or None."""
        if not self.overrides:
            return None
        return self.overrides.get(" ".join(text.split()))

    def calibrated(self, raw: float, label: str | None = None, headline: bool = False) -> float:
        """Return the share of held-out predictions with this raw score that were right.

        An ACLED label is read on the map fitted on real text when there is one (the event
        confidence users see is meant for news we did not write): a headline's on the
        headlines' map, a sentence's on the sentences' map; PLOVER acts, which no corpus
        codes, on the map fitted on every row.
        """
        if label is not None and not label.startswith("PLOVER:") and len(self.acled_calib_x):
            if headline and len(self.headline_calib_x):
                return float(np.interp(raw, self.headline_calib_x, self.headline_calib_y))
            return float(np.interp(raw, self.acled_calib_x, self.acled_calib_y))
        if not len(self.calib_x):
            return raw
        return float(np.interp(raw, self.calib_x, self.calib_y))

    def save(self, path: Path) -> None:
        """Write the weights and calibration to an .npz file."""
        np.savez_compressed(
            path,
            labels=np.array(json.dumps(self.labels)),
            columns=self.columns.astype(np.int32),
            idf=self.idf.astype(np.float32),
            coef=self.coef.astype(self.COEF_DTYPE),
            intercept=self.intercept.astype(np.float32),
            calib_x=self.calib_x.astype(np.float32),
            calib_y=self.calib_y.astype(np.float32),
            acled_calib_x=self.acled_calib_x.astype(np.float32),
            acled_calib_y=self.acled_calib_y.astype(np.float32),
            headline_calib_x=self.headline_calib_x.astype(np.float32),
            headline_calib_y=self.headline_calib_y.astype(np.float32),
            thresholds=np.array(
                [self.accept, self.override, self.veto, self.uncued, self.strong],
                dtype=np.float64,  # exact: a rule of strength 0.55 must meet strong=0.55
            ),
            temperature=np.array(self.temperature, dtype=np.float32),
            overrides=np.array(json.dumps(self.overrides, sort_keys=True)),
        )

    @classmethod
    def read(cls, path: Any) -> Self:
        """Return the classifier stored at path (a file path or a resources Traversable)."""
        with path.open("rb") as fh, np.load(fh) as z:
            return cls(
                labels=json.loads(str(z["labels"])),
                columns=(z["columns"] if "columns" in z.files else np.zeros(0)).astype(np.int64),
                idf=(z["idf"] if "idf" in z.files else np.zeros(0)).astype(np.float64),
                coef=z["coef"].astype(np.float64),
                intercept=z["intercept"].astype(np.float64),
                calib_x=z["calib_x"].astype(np.float64),
                calib_y=z["calib_y"].astype(np.float64),
                acled_calib_x=_optional(z, "acled_calib_x"),
                acled_calib_y=_optional(z, "acled_calib_y"),
                headline_calib_x=_optional(z, "headline_calib_x"),
                headline_calib_y=_optional(z, "headline_calib_y"),
                temperature=float(z["temperature"]),
                accept=float(z["thresholds"][0]),
                override=float(z["thresholds"][1]),
                veto=float(z["thresholds"][2]),
                uncued=float(z["thresholds"][3]),
                strong=float(z["thresholds"][4]),
                overrides=json.loads(str(z["overrides"])) if "overrides" in z.files else {},
            )

    def decide(
        self,
        rule_label: str | None,
        rule_strength: float,
        probs: dict[str, float],
        firm: bool | None = None,
    ) -> tuple[str | None, float]:
        """Return the sentence's label (None: no event) and raw score, rules and model joined.

        firm: the rule is one the model may neither relabel nor veto (the label table's
        flag); None falls back to comparing the strength with `strong` and NO_VETO.
        """
        thresholds = (self.accept, self.override, self.veto, self.strong)
        return decide(rule_label, rule_strength, probs, thresholds, firm)


def decide(
    rule_label: str | None,
    rule_strength: float,
    probs: dict[str, float],
    thresholds: tuple[float, float, float, float],
    firm: bool | None = None,
) -> tuple[str | None, float]:
    """Return a sentence's label (None: no event) and its raw score, rules and model joined.

    The rules know the codebook's precedence; the model knows wording the rules miss.
    With no rule label, the model's label stands when its probability reaches `accept`;
    against a rule label, the model wins when its own label reaches `override` and the
    rule's is below half of it, and vetoes the event when "none" reaches `veto` while the
    rule's label has less than VETO_SUPPORT and the rule is weaker than NO_VETO. A rule at
    `strong` or above (a specific cue
    such as "air strike", or a codebook precedence such as rioters looting) is never
    overridden, only vetoed. `firm`, when given, says so instead of the strength (the label
    table's flag: a firm rule is neither overridden nor vetoed).
    """
    accept, override, veto, strong = thresholds
    no_veto = rule_strength >= NO_VETO if firm is None else firm
    no_override = rule_strength >= strong if firm is None else firm
    best = max(probs, key=lambda k: probs[k])
    p_best = probs[best]
    if rule_label is None:
        if best != "none" and p_best >= accept:
            return best, p_best
        return None, probs.get("none", 0.0)
    p_rule = probs.get(rule_label, 0.0)
    if (
        best == "none"
        and p_best >= veto
        and p_rule < VETO_SUPPORT
        and rule_label not in SPEECH
        and not no_veto
    ):
        return None, p_best
    if rule_label.startswith("PLOVER:"):
        # A PLOVER act ("declared a ceasefire", "praised the mediators") is the rules'
        # reading of political speech: only an ACLED event the model is sure of replaces it
        # ("forces demolished the homes of men accused of attacks" is property destruction,
        # not ACCUSE). Another PLOVER reading does not: tried on 2026-11-30 with the encoder
        # typer, it fixed "Iran rejected the proposal for talks" (REJECT, not CONSULT) but
        # read the seed's "Hosting a meeting ..., the minister said 'committing to political
        # solutions is the best choice'" as AGREE (0.99) from the quote, not the act.
        overridable = (
            not no_override and not best.startswith("PLOVER:") and p_best >= POLITICAL_OVERRIDE
        )
    elif best in TERRITORY and rule_label not in TERRITORY:
        # A change of territorial control the rules found no cue for ("seized", "took
        # control", "fell to"): the model alone reads "Taliban fighters attacked a police
        # checkpoint in Kunduz" as a takeover (0.95), so it may not relabel a rule so.
        overridable = False
    elif rule_label in VIOLENT and best not in VIOLENT:
        # The rule read a violent cue ("attacked the city"); a model that calls the sentence
        # a non-violent development or no violence at all needs to be as sure as it must be
        # to replace a political act: the seed-style "pushed into the outskirts of Maimana"
        # is a clash, not a handover.
        overridable = not no_override and p_best >= POLITICAL_OVERRIDE
    else:
        overridable = not no_override
    if (
        overridable
        and best not in (rule_label, "none")
        and p_best >= override
        and p_rule < p_best / 2
    ):
        return best, p_best
    return rule_label, (rule_strength + p_rule) / 2


#: The model's probability at which its ACLED label replaces a rule's PLOVER act, or a
#: non-violent label replaces a rule's violent one.
POLITICAL_OVERRIDE = 0.9
#: Labels of violence: battles, explosions, violence against civilians, riots, and force
#: against protesters (by the label table's event types).
#: Labels that report a change of territorial control.
TERRITORY = frozenset(
    [
        "Government regains territory",
        "Non-state actor overtakes territory",
        "Non-violent transfer of territory",
    ]
)
_VIOLENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots")
VIOLENT = frozenset(
    [n for n, label in default_labels().labels.items() if label.event_type in _VIOLENT_TYPES]
    + ["Excessive force against protesters"]
)


@lru_cache(maxsize=1)
def load_classifier() -> SentenceClassifier | None:
    """Return the shipped classifier, or None when no weights are installed."""
    path = resources.files("sitreps") / "data" / "model" / MODEL_FILE
    if not path.is_file():
        return None
    return SentenceClassifier.read(path)
