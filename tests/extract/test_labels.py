"""The label table: one row per label, validated at load, and everything read from it."""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from sitreps import extract
from sitreps.config import load_settings
from sitreps.extract.extractor import EventExtractor
from sitreps.extract.labels import (
    LABEL_NAMES,
    LabelTable,
    LabelTableError,
    default_labels,
    load_labels,
    parse_labels,
)
from sitreps.extract.rules import RuleTyper
from sitreps.pipeline import Pipeline
from sitreps.resources import Resources


def _data() -> dict[str, Any]:
    text = (resources.files("sitreps") / "data" / "labels.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def test_the_table_has_exactly_the_label_names_the_code_types_with() -> None:
    table = default_labels()
    assert sorted(table.labels) == sorted(LABEL_NAMES)
    assert sum(not lab.plover_only for lab in table.labels.values()) == 25


def test_every_label_has_its_codes_note_and_a_rule_or_trigger() -> None:
    for lab in default_labels().labels.values():
        assert lab.cameo and lab.plover and lab.note
        assert lab.rules or lab.trigger_cues, lab.name


def test_the_model_may_not_override_exactly_the_firm_rules() -> None:
    """The flag reproduces the former policy: rules at strength 0.7 or above were firm."""
    for rule in default_labels().rules:
        assert rule.firm == (rule.strength >= 0.7), rule.describe()


def test_one_table_of_speech_acts_for_the_rules_and_the_model() -> None:
    from sitreps.extract.classifier import SPEECH

    table = default_labels()
    assert table.unvetoable_labels == SPEECH
    assert table.speech_labels > SPEECH  # a ban is spoken, but the model may veto it
    assert "PLOVER:COERCE" in table.speech_labels - SPEECH
    assert "PLOVER:THREATEN" in SPEECH and "Armed clash" not in table.speech_labels


def test_merge_families_come_from_the_table() -> None:
    table = default_labels()
    assert table.compatible("Armed clash", "Air/drone strike")
    assert table.compatible("Armed clash", "Government regains territory")
    assert not table.compatible("Air/drone strike", "Government regains territory")
    assert not table.compatible("Peaceful protest", "Mob violence")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["labels"][0]["rules"][0].update(cue="nonesuch"), "unknown cue 'nonesuch'"),
        (lambda d: d["labels"][0]["rules"][0].update(when=["sunny"]), "unknown guard 'sunny'"),
        (lambda d: d["labels"][0]["rules"][0].update(strength=1.5), "not between 0 and 1"),
        (lambda d: d["labels"][0].update(actors="everyone"), "actors 'everyone'"),
        (lambda d: d["labels"][0].update(note="{a3} did it"), "may use only {a1} and {a2}"),
        (lambda d: d["cues"]["suicide"].update(patterns=["(unclosed"]), "bad regular expression"),
        (lambda d: d["labels"].append(dict(d["labels"][0], rules=[])), "appears twice"),
        (lambda d: d["labels"][1]["rules"][0].update(rank=10), "rank 10 is also a rule"),
    ],
)
def test_a_malformed_table_fails_at_load_naming_the_row(edit: Any, message: str) -> None:
    data = _data()
    edit(data)
    with pytest.raises(LabelTableError, match=re.escape(message)):
        parse_labels(data)


def test_a_missing_table_file_is_a_clean_error(tmp_path: Path) -> None:
    with pytest.raises(LabelTableError, match=r"nope\.toml"):
        load_labels(tmp_path / "nope.toml")


def test_the_rules_walk_the_table_in_rank_order() -> None:
    typer = RuleTyper(default_labels())
    typed = typer("A suicide bomber blew himself up during clashes near the checkpoint on Monday.")
    assert typed is not None and typed.label == "Suicide bomb" and typed.firm
    typed = typer("Soldiers clashed with rebels near the town on Monday.")
    assert typed is not None and typed.label == "Armed clash" and typed.rank == 90
    # The trace names the rules passed over on the way: a prison break during a battle is
    # the battle.
    typed, trace = typer.trace("Prisoners escaped during clashes between troops and rebels.")
    assert typed is not None and typed.label == "Armed clash"
    assert any(r.startswith("#70 prison") for r in trace.passed_over), trace.passed_over


def test_a_user_actor_file_counts_in_typing(tmp_path: Path) -> None:
    """A group the user adds is a non-state side: its takeover is no government's."""
    extra = tmp_path / "actors.csv"
    extra.write_text(
        "canonical,aliases,country,start,end,inter,kind\n"
        "Kivu Liberation Army,Kivu Liberation Army,CD,2020-01-01,,2,group\n",
        encoding="utf-8",
    )
    settings = load_settings(env={}, overrides={"actor_files": [str(extra)]})
    text = "The Kivu Liberation Army took control of the town of Sake on Monday."
    (ev,) = extract(text, published="2023-06-07", settings=settings)
    assert ev.sub_event_type == "Non-state actor overtakes territory"
    assert ev.actor1 == "Kivu Liberation Army" and ev.inter1 == 2
    # Without the file, "Army" reads as state forces: the government regaining the town.
    plain = extract(text, published="2023-06-07", settings=load_settings(env={}))
    assert [e.sub_event_type for e in plain] == ["Government regains territory"]


def _toy_table() -> LabelTable:
    data = _data()
    data["cues"]["rustling"] = {"patterns": [r"rustl\w+", r"drove off (?:\w+ ){0,3}?cattle"]}
    data["labels"].append(
        {
            "name": "Cattle raid",
            "event_type": "Violence against civilians",
            "plover": "ASSAULT",
            "plover_mode": "seize",
            "cameo": "18",
            "family": "violence",
            "merge_groups": ["livestock"],
            "trigger_cues": ["rustling"],
            "actors": "one_sided",
            "implied_actor2": {"name": "Civilians ({country})", "inter": 7},
            "note": "{a1} drove off the cattle of {a2}",
            "rules": [
                {
                    "rank": 5,
                    "cue": "rustling",
                    "when": ["reported"],
                    "strength": 0.8,
                    "strength_from": "hand",
                    "firm": True,
                }
            ],
        }
    )
    for row in data["labels"]:
        if row["name"] == "Looting/property destruction":
            row["merge_groups"] = ["livestock"]
    return parse_labels(data, "toy labels")


def test_a_toy_label_works_end_to_end_from_the_table_alone() -> None:
    table = _toy_table()
    settings = load_settings(env={}, overrides={"typing": "rules"})
    res = Resources(settings, labels=table)
    base = Pipeline(settings)
    pipeline = Pipeline(
        settings, geocoder=base.geocoder, extractor=EventExtractor(settings, base.geocoder, res)
    )
    from sitreps.model import Story

    story = Story(
        "toy",
        "Gunmen rustled cattle from herders near Maiduguri on Monday, police said. "
        "They killed two herders.",
        published="2023-06-07",
    )
    (out,) = list(pipeline.process([story]))
    (ev,) = out.events  # type: ignore[union-attr]
    assert ev.sub_event_type == "Cattle raid"
    assert ev.event_type == "Violence against civilians"
    assert ev.disorder_type == "Political violence"
    assert ev.cameo_root == "18" and ev.plover_event == "ASSAULT"
    assert ev.actor1 == "Unidentified Armed Group (Nigeria)"
    assert ev.actor2 == "Civilians (Nigeria)"
    assert ev.notes is not None and "drove off the cattle of Civilians (Nigeria)" in ev.notes
    assert ev.fatalities == 2  # the next sentence, same family, goes on describing it
    assert table.compatible("Cattle raid", "Looting/property destruction")
    assert not default_labels().compatible("Cattle raid", "Looting/property destruction")
