"""Core commands: extract, ingest, events, export. Thin: parse options, call the library, print."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, NoReturn

import click

from sitreps.cli.logs import setup_logging
from sitreps.config import Settings, load_settings
from sitreps.errors import SitrepsError, one_line
from sitreps.model import Event, Reject, Story
from sitreps.pipeline import Progress

INPUT_FORMATS = ["auto", "text", "html", "jsonl", "warc", "feed"]
EVENT_FORMATS = ["jsonl", "csv", "geojson"]


class CliState:
    """What the group passes to its commands: the layered settings."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.include: tuple[str, ...] = ()
        self.jobs = 1
        self.exclude: tuple[str, ...] = ()


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one error line on stderr and exit with the given code."""
    click.echo(f"sitreps: {one_line(message)}", err=True)
    sys.exit(code)


@contextmanager
def errors_as_lines() -> Iterator[None]:
    """Turn SitrepsError into one clean stderr line and exit 1 (no traceback)."""
    try:
        yield
    except SitrepsError as exc:
        fail(str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="TOML file with a [sitreps] table of settings.",
)
@click.option("--max-bytes", type=int, help="Reject stories larger than this many bytes.")
@click.option("-v", "--verbose", count=True, help="Log more (-v info, -vv debug).")
@click.version_option(package_name="sitreps")
@click.pass_context
def main(ctx: click.Context, config_file: Path | None, max_bytes: int | None, verbose: int) -> None:
    """sitreps: turn news stories into ACLED-style conflict events with evidence."""
    setup_logging(verbose)
    with errors_as_lines():
        ctx.obj = CliState(load_settings(config_file, overrides={"max_story_bytes": max_bytes}))


def _allow_private(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value:
        state = ctx.find_object(CliState)
        if state is not None:
            state.settings = state.settings.replace(allow_private=True)


def _jobs(ctx: click.Context, _param: click.Parameter, value: int | None) -> None:
    state = ctx.find_object(CliState)
    if state is not None and value:
        state.jobs = value


def _globs(ctx: click.Context, param: click.Parameter, value: tuple[str, ...]) -> None:
    state = ctx.find_object(CliState)
    if state is not None and value:
        setattr(state, str(param.name), value)


#: For the commands that run the whole pipeline (extract, ingest).
JOBS_OPTION = click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    expose_value=False,
    callback=_jobs,
    help="Worker processes for the pipeline (default 1; one model per process).",
)


def input_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add the INPUT... argument and the options every reading command shares."""
    func = click.option(
        "--include",
        multiple=True,
        expose_value=False,
        callback=_globs,
        metavar="GLOB",
        help="In folders, read only files matching GLOB (repeatable; default: stories).",
    )(func)
    func = click.option(
        "--exclude",
        multiple=True,
        expose_value=False,
        callback=_globs,
        metavar="GLOB",
        help="In folders, skip files matching GLOB (repeatable).",
    )(func)
    func = click.option(
        "--allow-private",
        is_flag=True,
        expose_value=False,
        callback=_allow_private,
        help="Allow fetching URLs on private, loopback and link-local addresses.",
    )(func)
    func = click.option(
        "--published",
        help="Publication date for stories that do not state one (e.g. 2021-07-07).",
    )(func)
    func = click.option(
        "--input-format",
        type=click.Choice(INPUT_FORMATS),
        default="auto",
        show_default=True,
        help="How to read INPUT: detect, plain text, HTML, or JSON Lines records.",
    )(func)
    return click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")(func)


@dataclass
class RunReport:
    """Counts of one batch run, and its rejects in order."""

    stories: int = 0
    events: int = 0
    rejects: list[Reject] = field(default_factory=list)

    def exit_code(self) -> int:
        """Return 0 unless every input was rejected (then 1)."""
        total = self.stories + len(self.rejects)
        return 1 if total and len(self.rejects) == total else 0

    def print_rejects(self) -> None:
        """Print one line per reject on stderr, after the run."""
        for reject in self.rejects:
            click.echo(f"sitreps: {reject.line()}", err=True)
        if self.rejects and self.stories:
            click.echo(
                f"sitreps: {len(self.rejects)} of {self.stories + len(self.rejects)} "
                "inputs rejected",
                err=True,
            )


def read_inputs(
    settings: Settings, inputs: Iterable[str], input_format: str, published: str | None
) -> Iterator[Story | Reject]:
    """Return the stories (and rejects) read from the command's inputs."""
    from sitreps.read import DEFAULT_INCLUDE, iter_stories

    stdin = sys.stdin.buffer if "-" in inputs else None
    state = click.get_current_context().find_object(CliState)
    return iter_stories(
        list(inputs),
        settings=settings,
        input_format=input_format,
        published=published,
        stdin=stdin,
        include=(state.include if state and state.include else DEFAULT_INCLUDE),
        exclude=state.exclude if state else (),
    )


@contextmanager
def progress_bar(enabled: bool) -> Iterator[Progress | None]:
    """Yield a per-story callback drawing a rich progress bar on a terminal, else None."""
    if not enabled:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        transient=True,
        console=None,
    ) as bar:
        task = bar.add_task("stories", total=None)
        yield lambda _item: bar.advance(task)


def run_pipeline(
    state: CliState,
    inputs: tuple[str, ...],
    input_format: str,
    published: str | None,
    on_result: Callable[[Any], int],
) -> RunReport:
    """Run the pipeline over the inputs, handing each Result to on_result (returns events)."""
    from sitreps.parallel import process_parallel
    from sitreps.pipeline import Pipeline

    report = RunReport()
    items = read_inputs(state.settings, inputs, input_format, published)
    with progress_bar(sys.stderr.isatty()) as progress:
        if state.jobs > 1:
            outs = process_parallel(items, state.settings, state.jobs, progress)
        else:
            outs = Pipeline(state.settings).process(items, progress=progress)
        for out in outs:
            if isinstance(out, Reject):
                report.rejects.append(out)
            else:
                report.stories += 1
                report.events += on_result(out)
    return report


@main.command()
@input_options
@JOBS_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EVENT_FORMATS),
    default="jsonl",
    show_default=True,
    help="Output format for events on stdout.",
)
@click.pass_obj
def extract(
    state: CliState, inputs: tuple[str, ...], input_format: str, published: str | None, fmt: str
) -> None:
    """Extract events from stories and write them to stdout."""
    from sitreps.export import write_events

    collected: list[Event] = []

    def on_result(result: Any) -> int:
        if fmt == "jsonl":  # stream JSON Lines as stories finish
            write_events(result.events, "jsonl", sys.stdout)
            sys.stdout.flush()
        else:
            collected.extend(result.events)
        return len(result.events)

    with errors_as_lines():
        report = run_pipeline(state, inputs, input_format, published, on_result)
        if fmt != "jsonl":
            write_events(collected, fmt, sys.stdout)
    report.print_rejects()
    sys.exit(report.exit_code())


@main.command()
@input_options
@JOBS_OPTION
@click.option("--db", required=True, help="SQLite file path or database URL.")
@click.pass_obj
def ingest(
    state: CliState, inputs: tuple[str, ...], input_format: str, published: str | None, db: str
) -> None:
    """Extract events from stories and store them; a story already stored adds nothing."""
    from sitreps.ingest import ingest as ingest_stories
    from sitreps.store import Store

    with errors_as_lines(), Store.open(db, state.settings) as store:
        items = read_inputs(state.settings, inputs, input_format, published)
        with progress_bar(sys.stderr.isatty()) as progress:
            done = ingest_stories(items, store, jobs=state.jobs, progress=progress)
    click.echo(
        f"sitreps: {done.stored} stories stored ({done.copies} copies of earlier stories, "
        f"linked), {done.skipped} already stored, "
        f"{done.events} events, {len(done.rejects)} rejected",
        err=True,
    )
    if done.renamed:
        click.echo(
            f"sitreps: {done.renamed} records shared an id with another record of the batch "
            "and were stored under their id and a content hash (id#hash)",
            err=True,
        )
    report = RunReport(done.stored + done.skipped, done.events, done.rejects)
    report.print_rejects()
    sys.exit(report.exit_code())


def event_filter_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add the options that select events from a database."""
    for opt in reversed(
        [
            click.option("--db", required=True, help="SQLite file path or database URL."),
            click.option("--country", help="Country name or ISO3 code."),
            click.option("--since", help="First event date (YYYY-MM-DD)."),
            click.option("--until", help="Last event date (YYYY-MM-DD)."),
            click.option("--type", "event_type", help="ACLED event type or sub-event type."),
            click.option("--actor", help="Text in actor1 or actor2."),
            click.option("--min-confidence", type=float, help="Only events at least this sure."),
            click.option("--limit", type=click.IntRange(1), help="At most this many events."),
        ]
    ):
        func = opt(func)
    return func


def query_events(state: CliState, db: str, **filters: Any) -> list[Event]:
    """Return the events in the database matching the command-line filters."""
    from sitreps.store import EventFilter, Store

    with Store.open(db, state.settings, create=False) as store:
        return store.events(EventFilter.from_cli(**filters))


@main.command()
@event_filter_options
@click.option(
    "--table/--jsonl",
    "as_table",
    default=None,
    help="Force a table or JSON Lines (default: table on a terminal, JSON Lines when piped).",
)
@click.pass_obj
def events(state: CliState, db: str, as_table: bool | None, **filters: Any) -> None:
    """List stored events: a table on a terminal, JSON Lines when piped."""
    from sitreps.export import write_events

    with errors_as_lines():
        found = query_events(state, db, **filters)
        if sys.stdout.isatty() if as_table is None else as_table:
            print_table(found)
        else:
            write_events(found, "jsonl", sys.stdout)


@main.command()
@event_filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "geojson", "jsonl", "parquet"]),
    default="csv",
    show_default=True,
    help="Export format (csv is ACLED-compatible).",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write here, not stdout.")
@click.pass_obj
def export(state: CliState, db: str, fmt: str, output: str | None, **filters: Any) -> None:
    """Export stored events as ACLED-compatible CSV, GeoJSON, Parquet or JSON Lines."""
    from sitreps.export import write_events

    with errors_as_lines():
        found = query_events(state, db, **filters)
        if fmt == "parquet" and output is None and sys.stdout.isatty():
            fail("parquet is binary: give --output FILE or redirect stdout", 2)
        if output is None:
            stream: IO[Any] = sys.stdout.buffer if fmt == "parquet" else sys.stdout
            write_events(found, fmt, stream)
            return
        if fmt == "parquet":
            with open(output, "wb") as bfh:
                write_events(found, fmt, bfh)
        else:
            with open(output, "w", encoding="utf-8") as tfh:
                write_events(found, fmt, tfh)


def print_table(found: list[Event]) -> None:
    """Print events as a readable table: date, place, type, actors, deaths, note."""
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False, header_style="bold")
    for name in ("date", "place", "type", "actors", "deaths", "note"):
        table.add_column(name, overflow="fold")
    for ev in found:
        place = ", ".join(dict.fromkeys(p for p in (ev.location, ev.admin1, ev.country) if p))
        kind = ev.sub_event_type or (f"PLOVER {ev.plover_event}" if ev.plover_event else "")
        actors = " vs ".join(a for a in (ev.actor1, ev.actor2) if a)
        note = (ev.notes or "").split(". ")[0][:120]
        deaths = "" if ev.fatalities is None else str(ev.fatalities)
        table.add_row(ev.event_date or "", place, kind, actors, deaths, note)
    Console().print(table)
    Console(stderr=True).print(f"{len(found)} events")
