"""`sitreps watch`: poll news feeds and ingest what is new."""

from __future__ import annotations

import time

import click

from sitreps.cli.main import CliState, errors_as_lines


@click.command()
@click.argument("feeds", nargs=-1, required=True, metavar="FEED_URL...")
@click.option("--db", required=True, help="SQLite file path or database URL.")
@click.option(
    "--every", default="15m", show_default=True, help="Time between polls (90s, 15m, 2h, 1d)."
)
@click.option("--once", is_flag=True, help="Poll once and exit.")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Allow feeds on private, loopback and link-local addresses.",
)
@click.pass_obj
def watch(
    state: CliState, feeds: tuple[str, ...], db: str, every: str, once: bool, allow_private: bool
) -> None:
    """Poll feeds and ingest only new stories; a feed that fails is logged and skipped."""
    from sitreps.pipeline import Pipeline
    from sitreps.read.watch import parse_interval, poll_once
    from sitreps.store import Store

    settings = state.settings.replace(allow_private=True) if allow_private else state.settings
    with errors_as_lines():
        interval = parse_interval(every)
        pipeline = Pipeline(settings)
        with Store.open(db, settings) as store:
            while True:
                report = poll_once(list(feeds), store, pipeline, settings)
                click.echo(
                    f"sitreps: {report.stored} new stories, {report.events} events, "
                    f"{len(report.rejects)} rejected, {len(report.feeds_down)} feeds down",
                    err=True,
                )
                for url in report.feeds_down:
                    click.echo(f"sitreps: feed skipped: {url}", err=True)
                if once:
                    return
                time.sleep(interval)
