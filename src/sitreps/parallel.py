"""Running the pipeline in several processes on one machine (spaCy holds the GIL).

Each worker process builds one Pipeline (model and gazetteer loaded once) and processes
chunks of stories; results come back in input order.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from sitreps.config import Settings
from sitreps.model import Reject, Story
from sitreps.pipeline import Pipeline, Progress, Result

__all__ = ["CHUNK", "process_parallel"]

#: Stories per task sent to a worker: big enough to amortise pickling and nlp.pipe batching,
#: small enough to keep both workers busy to the end (set with benchmarks/throughput.py).
CHUNK = 64

_worker: Pipeline | None = None


def _init(settings: Settings) -> None:
    global _worker
    _worker = Pipeline(settings)


def _run(chunk: list[Story | Reject]) -> list[Any]:
    assert _worker is not None
    out = []
    for item in _worker.process(chunk):
        if isinstance(item, Result):
            item.places = []  # not needed by callers of the parallel path; saves pickling
        out.append(item)
    return out


def _chunks(items: Iterable[Story | Reject], size: int) -> Iterator[list[Story | Reject]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def process_parallel(
    items: Iterable[Story | Reject],
    settings: Settings,
    processes: int,
    progress: Progress | None = None,
) -> Iterator[Result | Reject]:
    """Return a Result or Reject per input, in order, computed by `processes` workers."""
    if processes <= 1:
        yield from Pipeline(settings).process(items, progress)
        return
    ctx = mp.get_context("spawn")
    with ctx.Pool(processes, initializer=_init, initargs=(settings,)) as pool:
        for batch in pool.imap(_run, _chunks(items, CHUNK)):
            for item in batch:
                if progress is not None:
                    progress(item)
                yield item
