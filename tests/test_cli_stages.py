"""The stage commands: clean, places, gazetteer — as users (and our benchmarks) run them."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from sitreps.cli import main


def lines(output: str) -> list[dict]:
    return [json.loads(x) for x in output.splitlines() if x.strip()]


def test_clean_prints_metadata_and_text(runner: CliRunner, samples_dir: Path) -> None:
    res = runner.invoke(main, ["clean", str(samples_dir / "01_badghis_style.txt")])
    assert res.exit_code == 0, res.output
    (rec,) = lines(res.stdout)
    assert set(rec) == {
        "story_id",
        "title",
        "published",
        "source",
        "byline",
        "url",
        "site",
        "language",
        "captions",
        "text",
    }
    assert rec["published"] == "2021-06-22T06:40:00-04:00" and rec["source"] == "Reuters"


def test_places_offsets_index_the_input_as_given(runner: CliRunner, samples_dir: Path) -> None:
    path = samples_dir / "01_badghis_style.txt"
    raw = path.read_text(encoding="utf-8")
    res = runner.invoke(main, ["places", str(path)])
    assert res.exit_code == 0, res.output
    found = lines(res.stdout)
    assert found
    for rec in found:
        assert raw[rec["start"] : rec["end"]] == rec["text"]
    maimana = [r for r in found if r["text"] == "Maimana"]
    assert maimana and maimana[0]["is_event_location"] and maimana[0]["admin1"] == "Faryab"
    assert maimana[0]["mention_kind"] == "literal"


def test_places_reports_modifiers_with_their_kind(runner: CliRunner, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "Afghan forces clashed with Taliban fighters in Qala-e-Naw on Wednesday, a Kabul-based "
        "analyst said.\n",
        encoding="utf-8",
    )
    res = runner.invoke(main, ["places", str(story)])
    assert res.exit_code == 0, res.output
    kinds = {r["text"]: r["mention_kind"] for r in lines(res.stdout)}
    assert kinds.get("Afghan") == "modifier" and kinds.get("Kabul") == "modifier"
    assert kinds.get("Qala-e-Naw") == "literal"


def test_gazetteer_import_and_user_places(runner: CliRunner, tmp_path: Path) -> None:
    config = tmp_path / "sitreps.toml"
    config.write_text(f'[sitreps]\ndata_dir = "{tmp_path / "data"}"\n')
    # A tiny GeoNames country file and admin code files, in GeoNames' own layout.
    (tmp_path / "admin1CodesASCII.txt").write_text("ZZ.01\tNorth Vale\tNorth Vale\t900001\n")
    (tmp_path / "admin2Codes.txt").write_text("ZZ.01.07\tReed District\tReed District\t900002\n")
    row = [
        "900003",
        "Tallowbrook",
        "Tallowbrook",
        "Tallow Brook,Talobruk",
        "10.5",
        "20.25",
        "P",
        "PPL",
        "ZZ",
        "",
        "01",
        "07",
        "",
        "",
        "1200",
        "",
        "300",
        "Etc/UTC",
        "2024-01-01",
    ]
    (tmp_path / "ZZ.txt").write_text("\t".join(row) + "\n")
    res = runner.invoke(
        main,
        [
            "--config",
            str(config),
            "gazetteer",
            "import",
            str(tmp_path / "ZZ.txt"),
            str(tmp_path / "admin1CodesASCII.txt"),
            str(tmp_path / "admin2Codes.txt"),
        ],
    )
    assert res.exit_code == 0, res.output
    places_csv = tmp_path / "places.csv"
    places_csv.write_text(
        "name,aliases,lat,lon,country,admin1,admin2,kind\n"
        "Kelo Wells,Kelo;Kelowells,9.1,19.9,ZZ,North Vale,,town\n"
    )
    res = runner.invoke(main, ["--config", str(config), "gazetteer", "add-places", str(places_csv)])
    assert res.exit_code == 0, res.output

    from sitreps.config import load_settings
    from sitreps.geo import Geocoder

    gaz = Geocoder.from_settings(load_settings(config, env={})).gazetteer
    (town,) = gaz.lookup("Talobruk")
    assert (town.geonames_id, town.admin1, town.admin2) == (900003, "North Vale", "Reed District")
    (user,) = gaz.lookup("Kelowells")
    assert user.name == "Kelo Wells" and user.lat == 9.1
