"""The trained sentence classifier: shipped, reproducible, and joined with the rules."""

from __future__ import annotations

import numpy as np
import pytest

from sitreps.extract.classifier import SentenceClassifier, decide, load_classifier
from sitreps.extract.train import _fit, held_out, load_examples


def test_shipped_weights_load_and_cover_every_label() -> None:
    clf = load_classifier()
    assert clf is not None
    assert "none" in clf.labels and "Armed clash" in clf.labels and "PLOVER:CONSULT" in clf.labels
    probs = clf.predict("Soldiers and rebels fought for hours outside the town on Monday.")
    assert abs(sum(probs.values()) - 1.0) < 1e-6


def test_training_is_reproducible_and_the_file_round_trips(tmp_path: object) -> None:
    rows = [r for r in load_examples() if not held_out(r["text"])][::6]
    texts, labels = [r["text"] for r in rows], [r["label"] for r in rows]
    a, b = _fit(texts, labels, 1.0), _fit(texts, labels, 1.0)
    assert np.array_equal(a.coef, b.coef) and np.array_equal(a.columns, b.columns)
    path = tmp_path / "m.npz"  # type: ignore[operator]
    a.save(path)
    back = SentenceClassifier.read(path)
    sample = texts[:5]
    assert np.allclose(back.scores(sample), a.scores(sample), atol=1e-4)


def test_held_out_split_is_stable_and_about_a_fifth() -> None:
    rows = load_examples()
    share = sum(held_out(r["text"]) for r in rows) / len(rows)
    assert 0.12 < share < 0.28
    assert held_out(rows[0]["text"]) == held_out(rows[0]["text"])


THRESHOLDS = (0.5, 0.8, 0.7, 0.7)  # accept, override, veto, strong


@pytest.mark.parametrize(
    ("rule", "strength", "probs", "expected"),
    [
        # the model fills in where the rules found nothing
        (None, 0.0, {"Arrests": 0.8, "none": 0.2}, "Arrests"),
        (None, 0.0, {"Arrests": 0.4, "none": 0.6}, None),
        # a strong rule stands whatever the model says (codebook precedence)
        (
            "Violent demonstration",
            0.7,
            {"Looting/property destruction": 0.95},
            "Violent demonstration",
        ),
        # a weak rule is overridden by a sure model, vetoed by a sure "none"
        ("Attack", 0.6, {"Armed clash": 0.9, "Attack": 0.05, "none": 0.05}, "Armed clash"),
        ("Attack", 0.6, {"none": 0.9, "Attack": 0.05, "Armed clash": 0.05}, None),
        # ...but not when the model gives the rule's label some support
        ("Other", 0.6, {"none": 0.7, "Other": 0.3}, "Other"),
    ],
)
def test_rules_and_model_are_joined_as_documented(
    rule: str | None, strength: float, probs: dict[str, float], expected: str | None
) -> None:
    assert decide(rule, strength, probs, THRESHOLDS)[0] == expected
