"""`sitreps corrections export`: people's corrections as labelled training examples."""

from __future__ import annotations

import json
import sys

import click

from sitreps.cli.main import CliState, errors_as_lines


@click.group()
def corrections() -> None:
    """Work with the corrections and reviews people made through the API and the map."""


@corrections.command("export")
@click.option("--db", required=True, help="SQLite file path or database URL.")
@click.option(
    "--out", type=click.Path(dir_okay=False), help="Write to this file, not standard output."
)
@click.pass_obj
def export(state: CliState, db: str, out: str | None) -> None:
    """Write corrected, accepted and rejected events as JSON Lines training examples.

    One line per event: the evidence sentence, its date, the (corrected) type and fields,
    the evidence offsets, "source" ("correction" or "accepted"), the event id and its
    revision. An event marked not an event has a null type (a "none" example).
    """
    from sitreps.store import Store
    from sitreps.store.corrections import labelled_examples

    n = 0
    with errors_as_lines(), Store.open(db, state.settings, create=False) as store:
        fh = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
        try:
            for example in labelled_examples(store):
                fh.write(json.dumps(example, ensure_ascii=False) + "\n")
                n += 1
        finally:
            if out:
                fh.close()
    click.echo(f"{n} labelled examples", err=True)
