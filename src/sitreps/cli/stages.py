"""Commands that show one stage's output: `clean` (cleaned stories) and `places` (geocoding)."""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from sitreps.cli.main import CliState, RunReport, errors_as_lines, input_options, read_inputs
from sitreps.model import Document, Reject

#: The stage commands print JSON Lines only (the form benchmarks and users parse).
JSONL_ONLY = click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl"]),
    default="jsonl",
    show_default=True,
    help="Output format.",
)


def _document_record(doc: Document) -> dict[str, Any]:
    return {
        "story_id": doc.story_id,
        "title": doc.title,
        "published": doc.published.isoformat() if doc.published else None,
        "source": doc.source,
        "byline": doc.byline,
        "url": doc.url,
        "site": doc.site,
        "language": doc.language,
        "captions": doc.captions,
        "text": doc.text,
    }


@click.command()
@input_options
@JSONL_ONLY
@click.pass_obj
def clean(
    state: CliState, inputs: tuple[str, ...], input_format: str, published: str | None, fmt: str
) -> None:
    """Print each story cleaned: metadata, captions and body text (JSON Lines)."""
    from sitreps.pipeline import Pipeline

    report = RunReport()
    pipeline = Pipeline(state.settings)
    with errors_as_lines():
        for item in read_inputs(state.settings, inputs, input_format, published):
            out = item if isinstance(item, Reject) else pipeline.clean(item)
            if isinstance(out, Reject):
                report.rejects.append(out)
                continue
            report.stories += 1
            sys.stdout.write(json.dumps(_document_record(out), ensure_ascii=False) + "\n")
    report.print_rejects()
    sys.exit(report.exit_code())


@click.command()
@input_options
@JSONL_ONLY
@click.pass_obj
def places(
    state: CliState, inputs: tuple[str, ...], input_format: str, published: str | None, fmt: str
) -> None:
    """Print every place mention found, resolved, with offsets into the input as given."""
    from sitreps.pipeline import Pipeline, Result

    report = RunReport()
    settings = state.settings
    if settings.parse_scope == "events":  # every place is wanted, not only events' places
        settings = settings.replace(parse_scope="entities")
    pipeline = Pipeline(settings)
    with errors_as_lines():
        items = read_inputs(settings, inputs, input_format, published)
        for out in pipeline.process(items):
            if not isinstance(out, Result):
                report.rejects.append(out)
                continue
            report.stories += 1
            for record in place_records(out):
                sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
    report.print_rejects()
    sys.exit(report.exit_code())


def place_records(result: Any) -> list[dict[str, Any]]:
    """Return the place mentions of a Result, offsets mapped back to the input text."""
    doc: Document = result.document
    located = {
        (e.start, e.end) for ev in result.events for e in ev.evidence if e.field == "location"
    }
    records = []
    for m in result.places:
        start, end = m.start, m.end
        if doc.segments:
            mapped = doc.original_offset(start)
            if mapped is None:
                continue
            start, end = mapped, mapped + (m.end - m.start)
        records.append(
            {
                "story_id": m.story_id,
                "text": m.text,
                "start": start,
                "end": end,
                "latitude": m.latitude,
                "longitude": m.longitude,
                "geonames_id": m.geonames_id,
                "country": m.country,
                "admin1": m.admin1,
                "admin2": m.admin2,
                "kind": m.kind,
                "mention_kind": m.usage,
                "is_event_location": (m.start, m.end) in located,
            }
        )
    return records


@click.command()
@input_options
@click.option("--json", "as_json", is_flag=True, help="Print the traces as JSON Lines.")
@click.pass_obj
def explain(
    state: CliState,
    inputs: tuple[str, ...],
    input_format: str,
    published: str | None,
    as_json: bool,
) -> None:
    """Print per sentence: cues, model scores, the decision and each field, or why no event."""
    import dataclasses

    from sitreps.extract.trace import render
    from sitreps.pipeline import Pipeline

    report = RunReport()
    pipeline = Pipeline(state.settings)
    with errors_as_lines():
        for item in read_inputs(state.settings, inputs, input_format, published):
            if isinstance(item, Reject):
                report.rejects.append(item)
                continue
            report.stories += 1
            traces = pipeline.explain(item)
            if as_json:
                for st in traces:
                    record = {"story_id": item.story_id, **dataclasses.asdict(st)}
                    sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")
            else:
                click.echo(f"== {item.story_id}")
                click.echo(render(traces))
    report.print_rejects()
    sys.exit(report.exit_code())
