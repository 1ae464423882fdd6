"""`sitreps control`: who holds which place on a date, from territory events and battles."""

from __future__ import annotations

import json
import sys
from datetime import date as date_cls

import click

from sitreps.cli.main import CliState, errors_as_lines, fail


@click.command()
@click.option("--db", required=True, help="SQLite file path or database URL.")
@click.option("--date", "day", help="The date to report on, YYYY-MM-DD (default: today).")
@click.option("--country", help="Only places in this country (name or ISO3).")
@click.option(
    "--geojson", "as_geojson", is_flag=True, help="Print GeoJSON (as GET /control) not a table."
)
@click.pass_obj
def control(
    state: CliState, db: str, day: str | None, country: str | None, as_geojson: bool
) -> None:
    """Print who holds each place on a date, since when, and how sure the sources are."""
    from sitreps.store import Store
    from sitreps.store.control import control_on

    day = day or date_cls.today().isoformat()
    try:
        date_cls.fromisoformat(day)
    except ValueError:
        fail(f"--date {day!r} is not a date (YYYY-MM-DD)", 2)
    with errors_as_lines(), Store.open(db, state.settings, create=False) as store:
        states = control_on(store, day, country=country)
    if as_geojson:
        features = [s.to_feature() for s in states]
        json.dump({"type": "FeatureCollection", "date": day, "features": features}, sys.stdout)
        sys.stdout.write("\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(header_style="bold", title=f"Control on {day}")
    for name in ("place", "kind", "admin1", "country", "holder", "since", "status", "contested"):
        table.add_column(name, overflow="fold")
    for s in states:
        p = s.place
        contest = ("by " + " / ".join(s.contested_by)) if s.contested else ""
        table.add_row(
            p.place,
            p.kind,
            p.admin1 or "",
            p.country or "",
            s.holder or "(unknown)",
            s.since,
            s.status,
            contest,
        )
    Console(width=160 if not sys.stdout.isatty() else None).print(table)
    Console(stderr=True).print(f"{len(states)} places")
