"""The CLI as a user meets it: events out, one-line errors, exit codes, storage round trip."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from sitreps.cli import main
from sitreps.distance import haversine_km

SEED_SHAPED = "01_badghis_style.txt"
# Maimana (GeoNames 1133453, "Maymana"), Faryab: where our seed-shaped story has its battle.
MAIMANA = (35.9214, 64.7836)


def km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Return the great-circle distance between two (lat, lon) points in km."""
    return haversine_km(a[0], a[1], b[0], b[1])


def events_of(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_every_command_has_help_text() -> None:
    def walk(cmd: click.Command, path: str) -> None:
        assert cmd.help, f"{path} has no help text"
        if isinstance(cmd, click.Group):
            for name, sub in cmd.commands.items():
                walk(sub, f"{path} {name}")

    walk(main, "sitreps")


def test_seed_shaped_story_gives_the_battle(runner: CliRunner, samples_dir: Path) -> None:
    result = runner.invoke(main, ["extract", str(samples_dir / SEED_SHAPED)])
    assert result.exit_code == 0, result.output
    events = events_of(result.stdout)
    battles = [e for e in events if e["event_type"] == "Battles"]
    assert battles, events
    battle = battles[0]
    assert battle["event_date"] == "2021-06-22"
    assert battle["country"] == "Afghanistan"
    assert km((battle["latitude"], battle["longitude"]), MAIMANA) < 10
    assert "Taliban" in {battle["actor1"], battle["actor2"]}
    assert battle["story_id"] == str(samples_dir / SEED_SHAPED)
    assert battle["evidence"]
    for ev in battle["evidence"]:
        assert ev["end"] > ev["start"] >= 0


def test_python_api_matches(samples_dir: Path) -> None:
    from sitreps import extract

    text = (samples_dir / SEED_SHAPED).read_text(encoding="utf-8")
    events = extract(text)
    assert any(e.event_type == "Battles" and e.event_date == "2021-06-22" for e in events)


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty"),
        ("binary.bin", "binary"),
        ("no_such_story.txt", "missing"),
    ],
)
def test_bad_single_input_is_one_line_and_exit_1(
    runner: CliRunner, fixtures_dir: Path, name: str, reason: str
) -> None:
    path = str(fixtures_dir / name)
    result = runner.invoke(main, ["extract", path])
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert path in lines[0] and f"[{reason}]" in lines[0]
    assert "Traceback" not in result.stderr


def test_oversized_input_is_rejected_unprocessed(runner: CliRunner, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Gunmen attacked a market in Maiduguri on Monday. " * 200_000)
    result = runner.invoke(main, ["--max-bytes", "1000000", "extract", str(big)])
    assert result.exit_code == 1
    assert "[too_large]" in result.stderr and str(big) in result.stderr


def test_malformed_html_still_gives_its_story_or_one_line(
    runner: CliRunner, fixtures_dir: Path
) -> None:
    path = str(fixtures_dir / "malformed.html")
    result = runner.invoke(main, ["extract", path])
    assert "Traceback" not in result.output
    if result.exit_code != 0:
        assert len(result.stderr.strip().splitlines()) == 1 and path in result.stderr


def test_batch_keeps_good_story_among_bad_ones(
    runner: CliRunner, samples_dir: Path, fixtures_dir: Path
) -> None:
    args = [
        "extract",
        str(fixtures_dir / "empty.txt"),
        str(samples_dir / SEED_SHAPED),
        str(fixtures_dir / "binary.bin"),
    ]
    result = runner.invoke(main, args)
    assert result.exit_code == 0
    assert any(e["event_type"] == "Battles" for e in events_of(result.stdout))
    assert "[empty]" in result.stderr and "[binary]" in result.stderr


def test_usage_error_exits_2(runner: CliRunner) -> None:
    assert runner.invoke(main, ["extract"]).exit_code == 2
    assert runner.invoke(main, ["extract", "x", "--format", "xml"]).exit_code == 2


def test_ingest_is_idempotent_and_events_export_read_it(
    runner: CliRunner, samples_dir: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "events.db")
    story = str(samples_dir / SEED_SHAPED)
    first = runner.invoke(main, ["ingest", story, "--db", db])
    assert first.exit_code == 0, first.output
    stored = events_of(runner.invoke(main, ["events", "--db", db, "--jsonl"]).stdout)
    assert stored
    again = runner.invoke(main, ["ingest", story, "--db", db])
    assert again.exit_code == 0
    assert events_of(runner.invoke(main, ["events", "--db", db, "--jsonl"]).stdout) == stored

    battles = runner.invoke(main, ["events", "--db", db, "--type", "Battles", "--jsonl"]).stdout
    assert events_of(battles) and all(e["event_type"] == "Battles" for e in events_of(battles))
    csv_out = runner.invoke(main, ["export", "--db", db, "--format", "csv"]).stdout
    assert csv_out.splitlines()[0].startswith("event_id_cnty,event_date")
    geo = json.loads(runner.invoke(main, ["export", "--db", db, "--format", "geojson"]).stdout)
    assert geo["type"] == "FeatureCollection" and geo["features"]


def test_real_process_stdin_and_exit_codes(samples_dir: Path) -> None:
    exe = Path(sys.executable).parent / "sitreps"
    text = (samples_dir / SEED_SHAPED).read_bytes()
    proc = subprocess.run(
        [str(exe), "extract", "-"], input=text, capture_output=True, timeout=300, check=False
    )
    assert proc.returncode == 0, proc.stderr.decode()
    assert any(e["event_type"] == "Battles" for e in events_of(proc.stdout.decode()))
    empty = subprocess.run(
        [str(exe), "extract", "-"], input=b"", capture_output=True, timeout=300, check=False
    )
    assert empty.returncode == 1
    assert len(empty.stderr.decode().strip().splitlines()) == 1


def test_folder_globs(runner: CliRunner, samples_dir: Path) -> None:
    res = runner.invoke(
        main, ["extract", str(samples_dir), "--include", "*.txt", "--exclude", "01_*"]
    )
    assert res.exit_code == 0, res.output
    ids = {e["story_id"] for e in events_of(res.stdout)}
    assert ids and all(i.endswith(".txt") and "01_" not in i for i in ids)


@pytest.mark.slow
def test_jobs_give_the_same_events_in_the_same_order(samples_dir: Path) -> None:
    exe = Path(sys.executable).parent / "sitreps"
    runs = [
        subprocess.run(
            [str(exe), "extract", str(samples_dir), *extra],
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        ).stdout
        for extra in ([], ["--jobs", "2"])
    ]
    assert runs[0] == runs[1] and runs[0].strip()
