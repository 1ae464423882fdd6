"""Ingesting stories into a store: the one policy that `sitreps ingest`, `POST /stories` and
`sitreps watch` share.

For each story, in input order:
1. a record with an id already seen in this batch is kept under its id and a hash of its
   content (`id#3f2a9c1b04de`) when its content differs, and rejected (`duplicate_id`) when
   it repeats the earlier record: one overwriting the other lost stories and made the counts
   lie (one real corpus has 147 records with the id `GeoVirus-None`);
2. a story stored before, exactly as it arrives now, by this pipeline version is skipped
   unread (no cleaning, no analysis);
3. after cleaning, a story whose text and date are stored under its id by this version is
   skipped before any analysis, and a copy of another stored story is linked to it, not analysed;
4. everything else is analysed and saved in one transaction; a failure to save costs that
   story alone (an `internal` reject), never the batch.
Rejects are recorded in the store as they come.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from sitreps.errors import StoreError
from sitreps.model import Document, Reject, Story
from sitreps.pipeline import Pipeline, Progress, Result
from sitreps.store import Store

__all__ = ["IngestReport", "Outcome", "content_hash", "ingest"]

#: Hex digits of the content hash that tell apart records sharing an id (48 bits).
KEY_CHARS = 12

Status = Literal["stored", "linked", "skipped", "rejected"]


@dataclass(frozen=True)
class Outcome:
    """What ingesting one story did: stored, linked (a copy), skipped or rejected."""

    story_id: str
    status: Status
    events: int = 0  # reports the story added (0 unless stored)
    reject: Reject | None = None


@dataclass
class IngestReport:
    """Counts of one ingest run, and its rejects in input order."""

    stored: int = 0  # stories saved, copies included
    copies: int = 0  # of those, copies of an earlier story (linked, not analysed)
    skipped: int = 0  # already stored with the same text by this pipeline version
    renamed: int = 0  # records whose id another record in the batch had: keyed by content
    events: int = 0  # event reports saved
    rejects: list[Reject] = field(default_factory=list)


def content_hash(story: Story) -> str:
    """Return a SHA-256 hex digest of a story as it arrived: its content and metadata."""
    fields = [story.kind, story.content, story.url, story.title, story.published]
    return hashlib.sha256(json.dumps(fields, ensure_ascii=False).encode("utf-8")).hexdigest()


def ingest(
    items: Iterable[Story | Reject],
    store: Store,
    pipeline: Pipeline | None = None,
    *,
    jobs: int = 1,
    progress: Progress | None = None,
    on_story: Callable[[Outcome], None] | None = None,
) -> IngestReport:
    """Return the report of ingesting stories into the store (see the module docstring).

    on_story, when given, is told the Outcome of every story; progress is called once per
    story, as by Pipeline.process; jobs > 1 analyses in that many worker processes.
    """
    run = _Run(store, pipeline or Pipeline(store.settings), progress, on_story)
    if jobs > 1:
        from sitreps.parallel import process_parallel

        # Workers cannot ask the store; take() still keeps copies and repeats out.
        outs = process_parallel(run.triage(items), run.pipeline.settings, jobs, progress)
    else:
        outs = run.pipeline.process(run.triage(items), progress=progress, skip=run.stand_in)
    for out in outs:
        run.take(out)
    return run.report


class _Run:
    """The state of one ingest run: the store, what this batch has seen, the counts."""

    def __init__(
        self,
        store: Store,
        pipeline: Pipeline,
        progress: Progress | None,
        on_story: Callable[[Outcome], None] | None,
    ) -> None:
        self.store = store
        self.pipeline = pipeline
        self.progress = progress
        self.on_story = on_story
        self.report = IngestReport()
        self.hashes: dict[str, str] = {}  # story id -> content hash, for this batch

    def tell(self, outcome: Outcome) -> None:
        """Pass one story's outcome to the caller, if it asked."""
        if self.on_story is not None:
            self.on_story(outcome)

    def reject(self, r: Reject) -> None:
        """Record a rejected story in the store and the report."""
        self.store.save_reject(r)
        self.report.rejects.append(r)
        self.tell(Outcome(r.story_id, "rejected", reject=r))

    def skip(self, story_id: str) -> None:
        """Count a story stored before, unchanged."""
        self.report.skipped += 1
        self.tell(Outcome(story_id, "skipped"))

    def triage(self, stream: Iterable[Story | Reject]) -> Iterator[Story | Reject]:
        """Yield what needs the pipeline; key or reject repeated ids, skip unchanged stories."""
        for item in stream:
            if isinstance(item, Story):
                digest = content_hash(item)
                if item.story_id in self.hashes:
                    keyed = f"{item.story_id}#{digest[:KEY_CHARS]}"
                    if digest in (self.hashes[item.story_id], self.hashes.get(keyed)):
                        yield Reject(
                            item.story_id,
                            "duplicate_id",
                            f"repeats an earlier record of this batch with the id "
                            f"{item.story_id!r}",
                            item.origin,
                        )
                        continue
                    item = dataclasses.replace(item, story_id=keyed)
                    self.report.renamed += 1
                self.hashes[item.story_id] = digest
                if self.store.has_content(item.story_id, digest):
                    if self.progress is not None:
                        self.progress(item)
                    self.skip(item.story_id)
                    continue
            yield item

    def stand_in(self, doc: Document) -> Result | None:
        """Return a Result standing in for analysis when a cleaned story needs none."""
        if self.store.has_document(doc):
            return Result(doc, already_stored=True)
        original = self.store.near_duplicate_of(doc)
        return None if original is None else Result(doc, duplicate_of=original)

    def take(self, out: Result | Reject) -> None:
        """Store one pipeline output (or record its reject) and count it."""
        if isinstance(out, Reject):
            self.reject(out)
            return
        doc = out.document
        if out.already_stored or self.store.has_document(doc):
            self.skip(doc.story_id)
            return
        try:
            linked = self.store.save(doc, out.events, self.hashes.get(doc.story_id))
        except StoreError as exc:  # one story's failure never costs the batch
            self.reject(Reject(doc.story_id, "internal", str(exc), doc.origin))
            return
        n = 0 if linked else len(out.events)
        self.report.stored += 1
        self.report.copies += linked is not None
        self.report.events += n
        self.tell(Outcome(doc.story_id, "linked" if linked else "stored", events=n))
