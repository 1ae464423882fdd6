"""The Spark job as a script: `spark-submit --master URL path/to/sitreps/spark/job.py IN OUT`.

Also run by `sitreps spark`. Options: --input-format auto|jsonl|parquet|warc, --partitions N.
"""

from __future__ import annotations

import argparse
import os
import sys

from sitreps.config import Settings, load_settings

__all__ = ["main", "session"]


def session(master: str | None, app_name: str = "sitreps"):  # type: ignore[no-untyped-def]
    """Return a SparkSession on the given master (local[*] when none is given)."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    if master and master.startswith("local"):
        # Local workers run this interpreter, so they import the same sitreps install.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        builder = builder.config("spark.pyspark.python", sys.executable)
    return (
        builder.config("spark.sql.shuffle.partitions", "8")
        .config("spark.ui.enabled", "false")
        .getOrCreate()
    )


def run(
    input_path: str,
    output: str,
    settings: Settings,
    master: str | None = "local[*]",
    input_format: str = "auto",
    partitions: int | None = None,
) -> dict[str, int]:
    """Run the sitreps pipeline on Spark and return the counts written."""
    from sitreps.spark import run_job

    spark = session(master)
    try:
        return run_job(
            spark, input_path, output, settings, input_format=input_format, partitions=partitions
        )
    finally:
        spark.stop()


def main(argv: list[str] | None = None) -> int:
    """Parse arguments, run the job, print the counts; return the exit status."""
    parser = argparse.ArgumentParser(prog="sitreps-spark", description=__doc__)
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--master", default=None, help="Spark master (default: from spark-submit)")
    parser.add_argument(
        "--input-format", default="auto", choices=["auto", "jsonl", "parquet", "warc"]
    )
    parser.add_argument("--partitions", type=int, default=None)
    args = parser.parse_args(argv)
    counts = run(
        args.input, args.output, load_settings(), args.master, args.input_format, args.partitions
    )
    print(" ".join(f"{k}={v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
