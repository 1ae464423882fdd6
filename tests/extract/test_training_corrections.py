"""Analysts' corrections: reading them, folding them into training, and typing by them.

Every sentence here is ours. The one the typers get wrong: soldiers firing tear gas at
students blocking a road is a protest met with intervention, but a firm rule reads "fired
... at students" as lethal force against protesters (Excessive force against protesters).
"""

from __future__ import annotations

import dataclasses
import functools
import json
from pathlib import Path
from typing import Any

import pytest

from sitreps.config import load_settings
from sitreps.extract import EventExtractor, train_encoder
from sitreps.extract import train as train_svm
from sitreps.extract.classifier import SentenceClassifier
from sitreps.extract.corrections import (
    CORRECTION_WEIGHT,
    CorrectionsError,
    fold_corrections,
    override_table,
    read_corrections,
)
from sitreps.extract.encoder import HEAD_FILE, EncoderClassifier, load_encoder, model_dir
from sitreps.extract.encoder import load_encoder_classifier as shipped_head
from sitreps.extract.reading import sentence_selector
from sitreps.model import Event, Reject, Story
from sitreps.pipeline import Pipeline
from sitreps.resources import Resources

ENCODER = load_settings(env={}, overrides={"typing": "encoder"})
# live rounds at a protest: the firm rule says excessive force; the analyst (no one was hit)
# says a protest with intervention
TEAR_GAS = (
    "Soldiers fired tear gas and live rounds at students protesting on a road in Conakry "
    "on Thursday."
)
WRONG = "Excessive force against protesters"
RIGHT = "Protest with intervention"


def _row(text: str, sub: str | None = RIGHT, **extra: Any) -> dict[str, Any]:
    etype = {RIGHT: "Protests", WRONG: "Protests", "Armed clash": "Battles"}.get(sub or "")
    row = {
        "text": text,
        "published": "2024-03-14",
        "event_type": etype,
        "sub_event_type": sub,
        "plover": "PROTEST" if sub else None,
        "plover_mode": None,
        "fields": {"country": "Guinea"},
        "evidence": {"story_id": "s1", "start": 0, "end": len(text)},
        "source": "correction",
        "event_id": "e1",
        "revision": 2,
    }
    return row | extra


def _write(path: Path, rows: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_a_later_correction_of_the_same_sentence_wins(tmp_path: Path) -> None:
    quiet = "Shops reopened in the old town on Monday after a week of calm."
    first = _write(tmp_path / "a.jsonl", [_row(TEAR_GAS, WRONG), _row(quiet, None)])
    second = _write(tmp_path / "b.jsonl", [_row("Soldiers fired tear gas and live rounds at "
                                                "students  protesting on a road in Conakry on "
                                                "Thursday.  ")])
    rows = read_corrections([first, second])
    assert [(r["text"], r["label"]) for r in rows] == [(quiet, "none"), (TEAR_GAS, RIGHT)]
    assert all(r["correction"] for r in rows)
    assert override_table(rows) == {quiet: "none", TEAR_GAS: RIGHT}
    ours = [{"text": TEAR_GAS, "label": WRONG}, {"text": "Rebels shelled the airport.",
                                                 "label": "Shelling/artillery/missile attack"}]
    folded = fold_corrections(ours, rows)
    assert [r["label"] for r in folded] == ["Shelling/artillery/missile attack", "none", RIGHT]


def test_a_not_an_event_correction_and_a_political_act_read(tmp_path: Path) -> None:
    talks = "The two parties met in Doha on Sunday for a second round of talks."
    row = _row(talks, None, plover="CONSULT", source="accepted")
    path = _write(tmp_path / "c.jsonl", ["", row])  # a blank line is skipped
    path.write_text("\n" + json.dumps(row) + "\n", encoding="utf-8")
    assert [r["label"] for r in read_corrections([path])] == ["PLOVER:CONSULT"]


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("{not json", "not JSON"),
        ("[1, 2]", "not a JSON object"),
        (json.dumps({k: v for k, v in _row(TEAR_GAS).items() if k != "source"}), "no 'source'"),
        (json.dumps(_row(TEAR_GAS, source="guess")), "'source' is 'guess'"),
        (json.dumps(_row(TEAR_GAS, sub_event_type="Tear gassing")), "unknown sub_event_type"),
        (json.dumps(_row(TEAR_GAS, event_type="Battles")), "is not of event_type 'Battles'"),
        (json.dumps(_row(TEAR_GAS, published="14/03/2024")), "not YYYY-MM-DD"),
        (json.dumps(_row("  ")), "'text' is not a non-empty string"),
        (json.dumps(_row(TEAR_GAS, None, event_type="Protests")), "without a sub_event_type"),
        (json.dumps(_row(TEAR_GAS, None, plover="DANCE")), "plover 'DANCE'"),
    ],
)
def test_a_bad_line_is_named_by_file_and_line(tmp_path: Path, line: str, reason: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(_row(TEAR_GAS)) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(CorrectionsError) as err:
        read_corrections([path])
    message = str(err.value)
    assert message.startswith(f"{path}:2: ") and reason in message
    assert "\n" not in message


@pytest.mark.parametrize("trainer", [train_svm.main, train_encoder.main])
def test_the_trainers_stop_with_one_line_on_a_bad_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], trainer: Any
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(_row(TEAR_GAS, source="guess")) + "\n", encoding="utf-8")
    assert trainer(["--out", str(tmp_path / "out"), "--corrections", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and f"{bad}:1: 'source'" in err
    assert not (tmp_path / "out").exists()  # nothing trained, nothing written
    missing = tmp_path / "missing.jsonl"
    assert trainer(["--out", str(tmp_path / "out"), "--corrections", str(missing)]) == 2
    assert f"{missing}: cannot read" in capsys.readouterr().err


def test_the_override_table_round_trips(tmp_path: Path) -> None:
    clf = SentenceClassifier.read(model_dir() / HEAD_FILE)
    clf.overrides = {TEAR_GAS: RIGHT}
    clf.save(tmp_path / "head.npz")
    back = SentenceClassifier.read(tmp_path / "head.npz")
    assert back.overrides == {TEAR_GAS: RIGHT}
    assert back.corrected("  " + TEAR_GAS.replace(" a road", "\na road")) == RIGHT
    assert back.corrected("Soldiers fired tear gas.") is None


@functools.cache
def _resources() -> Resources:
    """Return one set of resources for these tests (spaCy and the place ruler load once)."""
    return Resources(ENCODER)


def _events(clf: EncoderClassifier, text: str) -> list[Event]:
    """Return the events of a one-sentence story, typed by this head."""
    res = _resources()
    res.classifier = clf  # the sentence selector and the extractor read it from here
    geocoder = res.geocoder
    extractor = EventExtractor(ENCODER, geocoder, res)
    pipeline = Pipeline(ENCODER, geocoder=geocoder, extractor=extractor)
    (got,) = pipeline.process([Story(story_id="t", content=text, published="2024-03-16")])
    assert not isinstance(got, Reject)
    return got.events


def _with(clf: EncoderClassifier, overrides: dict[str, str]) -> EncoderClassifier:
    return dataclasses.replace(clf, overrides=overrides, _cache={})


def test_an_analysts_label_stands_over_a_firm_rule() -> None:
    clf = shipped_head()
    assert clf is not None
    assert [e.sub_event_type for e in _events(clf, TEAR_GAS)] == [WRONG]  # the firm rule
    corrected = _with(clf, {TEAR_GAS: RIGHT})
    extractor = EventExtractor(ENCODER, resources=Resources(ENCODER))
    extractor.resources.classifier = corrected  # typing alone needs no parse
    typed = extractor.type_sentence(TEAR_GAS)
    assert typed is not None and (typed.label, typed.strength) == (RIGHT, 1.0)
    events = _events(corrected, TEAR_GAS)
    assert [(e.sub_event_type, e.event_type) for e in events] == [(RIGHT, "Protests")]
    assert _events(_with(clf, {TEAR_GAS: "none"}), TEAR_GAS) == []
    # a sentence no analyst saw is typed as before
    other = "Gunmen killed four farmers near Sokoto on Saturday, police said on Monday."
    assert [e.sub_event_type for e in _events(corrected, other)] == ["Attack"]


@pytest.mark.slow
def test_export_then_retrain_types_the_corrected_sentence_as_corrected(tmp_path: Path) -> None:
    """The real training code on a sample of our rows (the full head takes ~2 min on 2 vCPU)."""
    clf = shipped_head()
    assert clf is not None
    path = _write(tmp_path / "corrections.jsonl", [_row(TEAR_GAS)])
    out = tmp_path / "model"
    assert train_encoder.main(["--out", str(out), "--sample", "800", "--corrections",
                               str(path)]) == 0  # fmt: skip
    assert not (out / "encoder.int8.onnx").exists()  # the shipped encoder was reused
    head = EncoderClassifier.read(out / HEAD_FILE)
    head.encoder = load_encoder()
    assert head.overrides == {TEAR_GAS: RIGHT}
    assert RIGHT in head.labels
    assert [e.sub_event_type for e in _events(head, TEAR_GAS)] == [RIGHT]
    # the same training without the correction leaves the firm rule's reading
    again = tmp_path / "plain"
    assert train_encoder.main(["--out", str(again), "--sample", "800"]) == 0
    plain = EncoderClassifier.read(again / HEAD_FILE)
    plain.encoder = load_encoder()
    assert plain.overrides == {}
    assert [e.sub_event_type for e in _events(plain, TEAR_GAS)] == [WRONG]


def test_a_sentence_with_no_cue_is_read_when_an_analyst_typed_it() -> None:
    clf = shipped_head()
    assert clf is not None
    looted = "Masked men took the ballot boxes from the polling station in Bunia on Sunday."
    assert _events(clf, looted) == []  # no cue the rules know, the model not sure enough
    corrected = _with(clf, {looted: "Looting/property destruction"})
    events = _events(corrected, looted)
    assert [e.sub_event_type for e in events] == ["Looting/property destruction"]
    assert events[0].evidence[0].text == looted  # the sentence, as the analyst saw it
    # and the parse is asked for it, as for a sentence with a cue
    res = _resources()
    res.classifier = _with(clf, {})
    assert sentence_selector(res)([looted]) == [False]
    res.classifier = corrected
    assert sentence_selector(res)([looted]) == [True]


def test_a_correction_outweighs_one_of_our_examples_of_the_same_wording() -> None:
    ours = "Gunmen fired on a police post in Garissa on Monday."
    fixed = "Gunmen fired on a police post in Garissa on Monday night."
    rows = [
        {"text": ours, "label": "Armed clash"},
        {"text": fixed, "label": "Attack", "correction": True},
        {"text": "Jets bombed a depot near Idlib on Friday.", "label": "Air/drone strike"},
    ]
    weights = train_svm._weights(rows)
    assert weights.tolist() == [1.0, CORRECTION_WEIGHT, 1.0]
    texts, labels = [r["text"] for r in rows], [r["label"] for r in rows]
    probe = "Gunmen fired on a police post in Garissa."
    for w, expected in ((None, "Armed clash"), (weights, "Attack")):
        clf = train_svm._fit(texts, labels, 1.0, w)
        scores = dict(zip(clf.labels, clf.margins([probe])[0].tolist(), strict=True))
        assert max(scores, key=lambda k: scores[k]) == expected


def test_an_analysts_event_is_not_taken_back_by_the_tense() -> None:
    clf = shipped_head()
    assert clf is not None
    ongoing = "Rebels are attacking the town of Beni from three sides, residents say."
    assert _events(clf, ongoing) == []  # present progressive: not reported as having happened
    events = _events(_with(clf, {ongoing: "Armed clash"}), ongoing)
    assert [e.sub_event_type for e in events] == ["Armed clash"]
