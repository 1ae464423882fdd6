"""`sitreps spark`: the pipeline on a Spark cluster (or local[*])."""

from __future__ import annotations

import click

from sitreps.cli.main import CliState, errors_as_lines, fail


@click.command()
@click.argument("input_path", metavar="INPUT")
@click.argument("output", metavar="OUTPUT")
@click.option("--master", default="local[*]", show_default=True, help="Spark master URL.")
@click.option(
    "--input-format",
    type=click.Choice(["auto", "jsonl", "parquet", "warc"]),
    default="auto",
    show_default=True,
    help="How to read INPUT.",
)
@click.option("--partitions", type=click.IntRange(1), help="Repartition the input first.")
@click.pass_obj
def spark(
    state: CliState,
    input_path: str,
    output: str,
    master: str,
    input_format: str,
    partitions: int | None,
) -> None:
    """Run the pipeline on Spark: events, rejects and merged events as Parquet in OUTPUT."""
    try:
        import pyspark  # noqa: F401
    except ImportError:
        fail('Spark support is not installed: pip install "sitreps[spark]"', 2)
    from sitreps.spark.job import run

    with errors_as_lines():
        counts = run(input_path, output, state.settings, master, input_format, partitions)
    click.echo(" ".join(f"{k}={v}" for k, v in counts.items()))
