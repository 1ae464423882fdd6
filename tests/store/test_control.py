"""Territorial control: holders, contests and statuses on each date, from stored events."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitreps.cli import main
from sitreps.config import Settings
from sitreps.model import Document, Event, make_event_id
from sitreps.store import Store
from sitreps.store.control import control_on, control_timelines

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "control"
SEED = Path("/work/shared/seed/000_abf574ae0a169ab9.txt")
ARMY = "Military Forces of Mali (2021-)"


def report(
    story: str, day: str, sub: str, actor1: str, actor2: str | None = None, **kw: object
) -> Event:
    etype = (
        "Strategic developments" if sub.startswith(("Non-violent", "Headquarters")) else "Battles"
    )
    ev = Event(
        event_id=make_event_id(story, sub + day),
        story_id=story,
        event_date=day,
        event_type=etype,
        sub_event_type=sub,
        actor1=actor1,
        actor2=actor2,
        country="Mali",
        iso3="MLI",
        admin1="Mopti",
        location="Boni",
        latitude=15.05,
        longitude=-1.95,
        source=str(kw.pop("source", "AFP")),
    )
    for k, v in kw.items():
        setattr(ev, k, v)
    return ev


def save(store: Store, story: str, source: str, *events: Event) -> None:
    # Distinct texts: the store links a copy of an earlier story without its events.
    text = {
        "s1": "The group said in a statement that its fighters had taken the town of Boni.",
        "s2": "Soldiers and militants exchanged fire for hours on the edge of Boni, AFP learned.",
        "s3": "The army said its troops had driven the militants out of Boni on Sunday.",
        "s4": "Troops are back in Boni after the jihadists withdrew, residents told Reuters.",
        "b1": "Fighting broke out near Boni between the army and a jihadist group, AFP reported.",
    }[story]
    store.save(
        Document(story_id=story, text=text, published=datetime(2022, 1, 1), source=source),
        list(events),
    )


def state(store: Store, day: str) -> tuple[str | None, str, bool] | None:
    found = [s for s in control_on(store, day, country="MLI") if s.place.place == "Boni"]
    return (found[0].holder, found[0].status, found[0].contested) if found else None


def test_fall_contest_and_recapture(db_url: str, settings: Settings) -> None:
    with Store.open(db_url, settings) as store:
        # A group claims the town; an outlet reports fighting there; the army retakes it,
        # reported by two outlets.
        save(
            store,
            "s1",
            "JNIM statement",
            report(
                "s1",
                "2022-03-01",
                "Non-state actor overtakes territory",
                "JNIM",
                ARMY,
                claimed=True,
                source="JNIM statement",
            ),
        )
        save(store, "s2", "AFP", report("s2", "2022-03-10", "Armed clash", ARMY, "JNIM"))
        save(
            store,
            "s3",
            "AFP",
            report("s3", "2022-03-20", "Government regains territory", ARMY, "JNIM"),
        )
        save(
            store,
            "s4",
            "Reuters",
            report(
                "s4", "2022-03-21", "Government regains territory", ARMY, "JNIM", source="Reuters"
            ),
        )
        assert state(store, "2022-02-28") is None
        assert state(store, "2022-03-01") == ("JNIM", "claimed", False)
        assert state(store, "2022-03-10") == ("JNIM", "claimed", True)
        assert state(store, "2022-03-16") == ("JNIM", "claimed", True)
        assert state(store, "2022-03-17") == ("JNIM", "claimed", False)  # a week without battles
        # One event reported by two outlets (the store merges the two reports).
        assert state(store, "2022-03-20") == (ARMY, "confirmed", False)
        (place,) = control_timelines(store, country="Mali")
        assert [(p.holder, p.since, p.until) for p in place.periods] == [
            ("JNIM", "2022-03-01", "2022-03-20"),
            (ARMY, "2022-03-20", None),
        ]
        assert [e.event_id for e in place.periods[0].battles] == [
            make_event_id("s2", "Armed clash2022-03-10")
        ]


def test_battles_alone_leave_the_holder_unknown(db_url: str, settings: Settings) -> None:
    with Store.open(db_url, settings) as store:
        save(store, "b1", "AFP", report("b1", "2022-05-02", "Armed clash", "JNIM", ARMY))
        assert state(store, "2022-05-02") == (None, "contested", True)
        assert state(store, "2022-05-20") is None  # the fighting stopped, nobody known to hold it


@pytest.mark.slow
def test_sample_stories_district_falls_is_contested_and_retaken(
    tmp_path: Path, settings: Settings
) -> None:
    db = str(tmp_path / "control.db")
    res = CliRunner().invoke(main, ["ingest", str(FIXTURES), "--db", db])
    assert res.exit_code == 0, res.output
    army = "Military Forces of Afghanistan (2004-2021)"
    expected = {
        "2021-07-10": None,
        "2021-07-11": ("Taliban", "confirmed", False),  # Reuters and AFP
        "2021-07-18": ("Taliban", "confirmed", False),
        "2021-07-19": ("Taliban", "confirmed", True),  # the army's counter-attack
        "2021-07-25": ("Taliban", "confirmed", True),
        "2021-07-26": (army, "reported", False),  # retaken, one outlet
        "2021-08-15": (army, "reported", False),
    }
    with Store.open(db, settings) as store:
        for day, want in expected.items():
            found = [s for s in control_on(store, day, country="AFG") if s.place.admin1 == "Takhar"]
            got = (found[0].holder, found[0].status, found[0].contested) if found else None
            assert got == want, day
            assert len(found) <= 1
    out = CliRunner().invoke(
        main, ["control", "--db", db, "--date", "2021-07-20", "--country", "AFG"]
    )
    assert out.exit_code == 0, out.output
    assert "Taliban" in out.output and "contested" in out.output


@pytest.mark.slow
def test_seed_story_puts_badghis_districts_under_taliban(
    tmp_path: Path, settings: Settings
) -> None:
    if not SEED.exists():
        pytest.skip(f"seed story not found at {SEED}")
    db = str(tmp_path / "seed.db")
    res = CliRunner().invoke(main, ["ingest", str(SEED), "--db", db])
    assert res.exit_code == 0, res.output
    with Store.open(db, settings) as store:
        badghis = [
            s
            for s in control_on(store, "2021-07-07", country="Afghanistan")
            if s.place.admin1 == "Badghis"
        ]
        held = [s for s in badghis if s.holder == "Taliban"]
        assert held, [(s.place.place, s.holder) for s in badghis]
        assert all(s.status in ("claimed", "reported") for s in held)
        # The provincial capital was attacked and held: fought over, not taken.
        assert not any(s.holder == "Taliban" and s.place.kind == "town" for s in badghis)
        assert control_on(store, "2021-07-06", country="Afghanistan") == []
