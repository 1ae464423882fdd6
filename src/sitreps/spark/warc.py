"""WARC input for Spark: response records with HTML become story rows (id, html, url...)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

__all__ = ["read_warc", "warc_rows"]


def warc_rows(name: str, data: bytes) -> Iterator[tuple[Any, ...]]:
    """Return (id, text, html, published, url, title) for each HTML response in a WARC file."""
    import io

    from warcio.archiveiterator import ArchiveIterator

    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response":
                continue
            ctype = record.http_headers.get_header("Content-Type") if record.http_headers else ""
            if "html" not in (ctype or ""):
                continue
            body = record.content_stream().read()
            url = record.rec_headers.get_header("WARC-Target-URI")
            rid = record.rec_headers.get_header("WARC-Record-ID") or f"{name}:{url}"
            date = record.rec_headers.get_header("WARC-Date")
            yield (url or rid, None, body.decode("utf-8", "replace"), date, url, None)
    except Exception:  # warcio: ArchiveLoadFailed, AttributeError, ValueError, zlib.error...
        # A malformed record (one without a target URI raises AttributeError) ends this
        # file, not the Spark task: the rows before it are kept.
        return


def read_warc(spark: SparkSession, path: str) -> DataFrame:
    """Return a DataFrame of story rows from the WARC files at path (a file, folder or glob)."""
    files = spark.sparkContext.binaryFiles(path)
    rows = files.flatMap(lambda kv: warc_rows(kv[0], kv[1]))
    return spark.createDataFrame(
        rows, "id STRING, text STRING, html STRING, published STRING, url STRING, title STRING"
    )
