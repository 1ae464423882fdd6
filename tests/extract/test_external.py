"""Mapping real corpora to our labels: GED titles, MUC templates, ECB+ chains, the split.

Every row here is written by us in the corpora's shape; the last tests read the real
corpora from ../shared/train and skip when it is absent.
"""

from __future__ import annotations

import gzip
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from sitreps.extract.external import (
    CORPORA,
    default_root,
    ecb_examples,
    ged_examples,
    ged_label,
    load_external,
    main,
    muc_examples,
    muc_label,
    split_of,
)
from sitreps.extract.labels import default_labels


@pytest.mark.parametrize(
    ("title", "violence", "label"),
    [
        ("Warplanes strike a market in the town of Kafr Nabl, killing nine", 1,
         "Air/drone strike"),
        ("Heavy shelling by government artillery hits the old quarter of the city", 1,
         "Shelling/artillery/missile attack"),
        ("A roadside bomb explodes near a patrol on the highway, killing two", 2,
         "Remote explosive/landmine/IED"),
        ("Suicide car bomb kills twelve at a checkpoint outside the city", 1, "Suicide bomb"),
        ("Fierce clashes between the army and rebels near the northern border town", 1,
         "Armed clash"),
        ("Gunmen kill seven villagers at a market in the east of the country", 3, "Attack"),
        ("Armed men kidnap a dozen farm workers on the road to the capital", 3,
         "Abduction/forced disappearance"),
        # one-sided violence by shelling is shelling, as ACLED codes it
        ("Artillery shells fired by the army kill four civilians in the old town", 3,
         "Shelling/artillery/missile attack"),
    ],
)  # fmt: skip
def test_ged_title_maps_to_the_sub_type_its_weapon_names(
    title: str, violence: int, label: str
) -> None:
    assert ged_label(title, violence, "Government of Ruritania")[0] == label


@pytest.mark.parametrize(
    ("title", "violence"),
    [
        ("Air strikes and heavy shelling pound rebel-held districts of the city", 1),
        ("Clashes and air strikes continue across the southern countryside", 1),
        ("Militants kidnap and kill two aid workers in the north of the country", 3),
        ("Monthly situation report on violence in the eastern provinces, issue 12", 1),
        ("Rebels attempt to capture the airport after heavy clashes nearby", 2),
        ("Bombardment targets several towns in the southern countryside again", 1),
        ("UN envoy condemns the killing of nine villagers in the north", 3),
        ("Fighting in the valley", 1),  # too short to be a one-sentence story
        ("Nouveaux combats entre les groupes armés dans le nord du pays", 2),
        ("Aid convoy reaches the besieged town after long negotiations", 1),  # no act
    ],
)
def test_ged_title_that_is_ambiguous_or_no_event_report_is_dropped(
    title: str, violence: int
) -> None:
    assert ged_label(title, violence, "Government of Ruritania")[0] == ""


def test_ged_territory_needs_a_clear_winner() -> None:
    retook = "Government troops recapture the town of Oldbridge from the rebels"
    assert ged_label(retook, 1, "Government of Ruritania")[0] == "Government regains territory"
    # the winner named first is a rebel group: not the government regaining anything
    rebels = "Rebels regain control of the town of Oldbridge from the army"
    assert ged_label(rebels, 1, "Government of Ruritania")[0] == ""
    took = "The northern militia captured three villages from the southern front"
    assert ged_label(took, 2)[0] == "Non-state actor overtakes territory"


def _template(kind: str, stage: str = "ACCOMPLISHED", **slots: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"incident_type": [kind], "stage_of_execution": [stage]}
    return base | slots


def _values(*values: str) -> list[dict[str, Any]]:
    return [{"value": [v], "refs": []} for v in values]


@pytest.mark.parametrize(
    ("template", "label"),
    [
        (_template("BOMBING", instrument_type=_values("VEHICLE BOMB")),
         "Remote explosive/landmine/IED"),
        (_template("BOMBING"), "Remote explosive/landmine/IED"),
        (_template("BOMBING", instrument_type=_values("GRENADE")), "Grenade"),
        (_template("BOMBING", instrument_type=_values("MORTAR")),
         "Shelling/artillery/missile attack"),
        (_template("BOMBING", instrument_type=_values("MOLOTOV COCKTAIL")), ""),  # a riot
        (_template("ATTACK", hum_tgt_type=_values("CIVILIAN", "POLITICAL FIGURE")), "Attack"),
        (_template("ATTACK", hum_tgt_type=_values("ACTIVE MILITARY"),
                   perp_incident_category=["TERRORIST ACT"]), "Armed clash"),
        (_template("ATTACK", hum_tgt_type=_values("ACTIVE MILITARY", "CIVILIAN")), ""),
        (_template("ATTACK", instrument_type=_values("AERIAL BOMB")), "Air/drone strike"),
        (_template("KIDNAPPING"), "Abduction/forced disappearance"),
        (_template("ARSON"), "Looting/property destruction"),
        (_template("ARSON", hum_tgt_effect=_values("DEATH")), ""),
        (_template("ROBBERY"), "Looting/property destruction"),
        (_template("BOMBING", "THREATENED"), "PLOVER:THREATEN"),
        (_template("BOMBING", "ATTEMPTED"), "Disrupted weapons use"),
        (_template("ATTACK", "ATTEMPTED"), ""),
        (_template("FORCED WORK STOPPAGE"), ""),
        (_template("KIDNAPPING") | {"optional": True}, ""),
        (_template("ATTACK") | {"incident_type": ["ATTACK", "BOMBING"]}, ""),
    ],
)  # fmt: skip
def test_muc_template_maps_only_where_its_coding_allows(
    template: dict[str, Any], label: str
) -> None:
    assert muc_label(template)[0] == label


def _write_gz(path: Path, rows: list[dict[str, Any]]) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.writelines(json.dumps(r) + "\n" for r in rows)
    return path


def test_muc_sentence_is_the_first_that_names_the_target_and_the_act(tmp_path: Path) -> None:
    text = (
        "LIMONAR, 3 MAR 89 (RADIO NORTE) -- [TEXT] THE MAYOR CONDEMNED THE ATTACK ON THE "
        "GRAIN STORE OF SAN PEDRO.\n\nUNKNOWN MEN SET OFF A BOMB AT THE GRAIN STORE OF SAN "
        "PEDRO IN THE TOWN OF LIMONAR LAST NIGHT. NOBODY WAS HURT."
    )
    template = _template(
        "BOMBING",
        instrument_type=_values("BOMB"),
        phys_tgt_id=[{"strings": ["GRAIN STORE OF SAN PEDRO"]}],
        location="NORTELAND: LIMONAR (TOWN)",
    )
    doc = {"id": "T-1", "dateline_date": "3 MAR 89", "dateline_place": "LIMONAR",
           "text": text, "templates": [template]}  # fmt: skip
    (got,) = list(muc_examples(_write_gz(tmp_path / "muc.jsonl.gz", [doc])))
    assert got.label == "Remote explosive/landmine/IED"
    assert got.text.startswith("Unknown men set off a bomb")  # not the condemnation
    assert "Limonar" in got.text and got.recased
    assert got.published == "1989-03-03"
    assert (got.register, got.source, got.doc_id) == ("wire-1990", "muc34", "T-1")


def test_ecb_sentence_takes_its_chain_label_but_not_a_court_step(tmp_path: Path) -> None:
    sentences = [
        "A bomb exploded at a bank in Millbrook on Friday , killing a guard .",
        "A man was charged on Monday over the blast that killed the guard .",
    ]
    mentions = [
        {"type": "ACTION_OCCURRENCE", "sent_id": 0, "chain_descriptor": "t8b_exploded"},
        {"type": "ACTION_OCCURRENCE", "sent_id": 1, "chain_descriptor": "t8b_killing"},
    ]
    doc = {
        "topic": 8, "doc_id": "8_99ecb", "half": "ecb", "mentions": mentions,
        "sentences": [{"sent_id": i, "tokens": s.split()} for i, s in enumerate(sentences)],
    }  # fmt: skip
    path = tmp_path / "ecb.jsonl"
    path.write_text(json.dumps(doc) + "\n", encoding="utf-8")
    (got,) = list(ecb_examples(path))
    assert got.label == "Remote explosive/landmine/IED"
    assert got.text == "A bomb exploded at a bank in Millbrook on Friday, killing a guard."


def test_ged_title_shared_by_events_is_one_example_on_one_side(tmp_path: Path) -> None:
    shared = "Fierce clashes between the army and rebels near the northern border town"
    rows = [
        {"id": 1, "type_of_violence": 1, "side_a": "Government of Ruritania",
         "side_b": "Rebels", "source_headline": shared + ";Troops and rebels clash again "
         "near the river crossing at dawn"},
        {"id": 2, "type_of_violence": 1, "side_a": "Government of Ruritania",
         "side_b": "Rebels", "source_headline": shared},
        # the same title coded as one-sided violence disagrees: dropped for both events
        {"id": 3, "type_of_violence": 3, "side_a": "Rebels", "side_b": "Civilians",
         "source_headline": "Gunmen kill seven villagers at a market in the east"},
        {"id": 4, "type_of_violence": 1, "side_a": "Government of Ruritania",
         "side_b": "Rebels",
         "source_headline": "Gunmen kill seven villagers at a market in the east"},
    ]  # fmt: skip
    got = list(ged_examples(_write_gz(tmp_path / "ged.jsonl.gz", rows)))
    assert sorted(x.text for x in got) == sorted(
        [shared, "Troops and rebels clash again near the river crossing at dawn"]
    )
    assert len({x.split for x in got}) == 1  # one event's titles stay together
    assert {x.register for x in got} == {"headline"}


def test_split_is_a_fixed_hash_near_thirty_percent() -> None:
    keys = [f"doc-{i}" for i in range(2000)]
    dev = [k for k in keys if split_of("muc34", k) == "dev"]
    assert 0.25 < len(dev) / len(keys) < 0.35
    assert dev == [k for k in keys if split_of("muc34", k) == "dev"]


SHARED = default_root()
needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason=f"{SHARED} not found")


@pytest.fixture(scope="module")
def real() -> list[Any]:
    return load_external(SHARED)


@needs_shared
@pytest.mark.slow
def test_real_corpora_never_split_a_document_and_use_only_our_labels(real: list[Any]) -> None:
    assert {x.source for x in real} == set(CORPORA)
    sides: dict[tuple[str, str], set[str]] = defaultdict(set)
    titles: dict[str, set[str]] = defaultdict(set)
    for x in real:
        sides[(x.source, x.doc_id)].add(x.split)
        if x.source == "ucdp_ged":
            titles[x.text.lower()].add(x.split)
    assert all(len(s) == 1 for s in sides.values())
    assert all(len(s) == 1 for s in titles.values())
    valid = set(default_labels().labels)
    assert {x.label for x in real} <= valid
    registers = {x.source: x.register for x in real}
    assert registers == {"ucdp_ged": "headline", "muc34": "wire-1990", "ecbplus_conflict": "news"}
    for source in CORPORA:
        dev = sum(x.split == "dev" for x in real if x.source == source)
        share = dev / sum(x.source == source for x in real)
        assert 0.15 < share < 0.45, (source, share)


@needs_shared
@pytest.mark.slow
def test_summary_command_prints_every_corpus(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--summary", "--root", str(SHARED)]) == 0
    out = capsys.readouterr().out
    assert all(name in out for name in CORPORA)
