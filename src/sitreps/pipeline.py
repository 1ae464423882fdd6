"""Chains the stages: read -> clean -> nlp -> geo -> extract (-> store).

Stories move through in batches so spaCy's nlp.pipe can amortise its work; a story that
fails anywhere becomes a Reject with a reason code and the batch goes on.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Protocol

from sitreps.config import Settings, load_settings
from sitreps.errors import GazetteerError, ModelError, RejectError
from sitreps.model import Document, Event, PlaceMention, Reject, Story

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from sitreps.extract import EventExtractor
    from sitreps.extract.trace import SentenceTrace
    from sitreps.geo import Geocoder
    from sitreps.resources import Resources

__all__ = ["Pipeline", "Result", "explain", "extract"]

log = logging.getLogger(__name__)


@dataclass
class Result:
    """A story that went through the pipeline: its cleaned document, places and events."""

    document: Document
    events: list[Event] = field(default_factory=list)
    places: list[PlaceMention] = field(default_factory=list)
    #: Set when the story copies one already seen, and so was not analysed again.
    duplicate_of: str | None = None
    #: Set when the story was stored before with this text and pipeline version, and so
    #: was not analysed again (see sitreps.ingest).
    already_stored: bool = False


class Progress(Protocol):
    """Anything told once per story processed (a progress bar, a counter)."""

    def __call__(self, item: Result | Reject | Story) -> None: ...


def _reject_for(story_id: str, origin: str | None, exc: Exception) -> Reject:
    if isinstance(exc, RejectError):
        return Reject(story_id, exc.reason, exc.message, origin)
    # The traceback only at -v: stderr keeps one line per reject.
    log.info("internal error on %s", story_id, exc_info=exc)
    return Reject(story_id, "internal", f"internal error: {type(exc).__name__}: {exc}", origin)


def _batched(items: Iterable[Story | Reject], size: int) -> Iterator[list[Story | Reject]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


class Pipeline:
    """The whole job for a batch of stories; stateful parts are built once, lazily."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        geocoder: Geocoder | None = None,
        extractor: EventExtractor | None = None,
    ) -> None:
        self.settings = settings or load_settings()
        self._geocoder = geocoder
        self._extractor = extractor

    @property
    def geocoder(self) -> Geocoder:
        """Return the geocoder, opening (and if need be building) the gazetteer on first use."""
        if self._geocoder is None:
            from sitreps.geo import Geocoder

            self._geocoder = Geocoder.from_settings(self.settings)
        return self._geocoder

    @property
    def extractor(self) -> EventExtractor:
        """Return the event extractor, loading its dictionaries and weights on first use."""
        if self._extractor is None:
            from sitreps.extract import EventExtractor

            self._extractor = EventExtractor(self.settings, self.geocoder)
        return self._extractor

    @property
    def resources(self) -> Resources:
        """Return the extractor's resources (the process-wide ones for these settings)."""
        from sitreps.resources import resources_for

        own = getattr(self.extractor, "resources", None)
        return own if own is not None else resources_for(self.settings)

    def _parse(self, texts: Iterable[str]) -> Iterator[Doc]:
        """Return the Docs of the texts, the sentences the extractor reads fully parsed."""
        from sitreps.nlp import pipe

        return pipe(self.resources.nlp, self.settings, texts)

    def clean(self, story: Story) -> Document | Reject:
        """Return the cleaned document for a story, or a Reject saying why it has none."""
        from sitreps.clean import clean

        try:
            return clean(story, self.settings)
        except Exception as exc:
            return _reject_for(story.story_id, story.origin, exc)

    def analyse(self, documents: Sequence[Document]) -> Iterator[Result | Reject]:
        """Return a Result (places and events) or a Reject for each cleaned document, in order."""
        from sitreps.nlp import PART_CHARS

        batch: list[Document] = []
        for document in documents:
            if len(document.text) <= PART_CHARS:
                batch.append(document)
                continue
            yield from self._analyse_batch(batch)
            batch = []
            yield self._analyse_in_parts(document)
        yield from self._analyse_batch(batch)

    def _analyse_in_parts(self, document: Document) -> Result | Reject:
        """Return the Result of a long story read in parts, offsets shifted into the story.

        An event found in two parts (same event id) is kept as the first part found it.
        """
        from sitreps.nlp import split_parts

        whole = Result(document)
        seen: set[str] = set()
        offset = 0
        for text in split_parts(document.text):
            part = dataclasses.replace(document, text=text, segments=[])
            (out,) = self._analyse_batch([part])
            if isinstance(out, Reject):
                return out
            whole.places.extend(
                dataclasses.replace(m, start=m.start + offset, end=m.end + offset)
                for m in out.places
            )
            for ev in out.events:
                if ev.event_id in seen:
                    continue
                seen.add(ev.event_id)
                ev.evidence = [
                    dataclasses.replace(e, start=e.start + offset, end=e.end + offset)
                    for e in ev.evidence
                ]
                whole.events.append(ev)
            offset += len(text)
        return whole

    def _analyse_batch(self, documents: Sequence[Document]) -> Iterator[Result | Reject]:
        """Return a Result or Reject for each document (each short enough to read whole)."""
        if not documents:
            return

        read = [self._recased(d) for d in documents]
        try:
            sdocs: list[Doc] = list(self._parse(d.text for d in read))
        except (ModelError, GazetteerError):
            raise  # no model or gazetteer, no story: the run cannot go on
        except Exception as exc:
            # One story the model chokes on must not sink the batch: read them one by one.
            if len(documents) == 1:
                yield _reject_for(documents[0].story_id, documents[0].origin, exc)
                return
            for document in documents:
                yield from self._analyse_batch([document])
            return
        for document, recased, sdoc in zip(documents, read, sdocs, strict=True):
            try:
                places = self.geocoder.mentions(recased, sdoc)
                events = self.extractor(recased, sdoc, places)
            except Exception as exc:
                yield _reject_for(document.story_id, document.origin, exc)
                continue
            if recased is not document:
                places, events = _quoting(document.text, places, events)
            yield Result(document, events, places)

    def _recased(self, document: Document) -> Document:
        """Return the document with lower-cased or ALL CAPS text recased (same offsets)."""
        text = self.resources.recaser(document.text)
        return document if text is document.text else dataclasses.replace(document, text=text)

    def explain(self, story: Story) -> list[SentenceTrace]:
        """Return the trace of every sentence of a story (and of text cleaning removed)."""
        from sitreps.extract.trace import SentenceTrace

        document = self.clean(story)
        if isinstance(document, Reject):
            raise RejectError(document.reason, document.message)
        trace: list[SentenceTrace] = []
        if story.kind == "text":
            from sitreps.clean.paragraphs import classify, split_paragraphs

            for p in classify(split_paragraphs(story.content)):
                if p.text.strip() and p.text.strip() not in document.text:
                    gone = SentenceTrace(-1, p.text, p.start, p.end)
                    gone.dropped = f"removed by cleaning: {p.label} paragraph, not news text"
                    trace.append(gone)
        document = self._recased(document)
        (sdoc,) = list(self._parse([document.text]))
        places = self.geocoder.mentions(document, sdoc)
        self.extractor(document, sdoc, places, trace=trace)
        return trace

    def process(
        self,
        items: Iterable[Story | Reject],
        progress: Progress | None = None,
        skip: Callable[[Document], Result | None] | None = None,
    ) -> Iterator[Result | Reject]:
        """Return a Result or Reject for every story or reject given, in input order.

        skip, when given, is asked about each cleaned story before analysis; the Result it
        returns (a story already stored, or a copy of one) stands in for the analysis.
        """
        for batch in _batched(items, self.settings.batch_size):
            cleaned: list[Document | Reject | Result] = []
            for item in batch:
                c: Document | Reject | Result = (
                    item if isinstance(item, Reject) else self.clean(item)
                )
                if isinstance(c, Document) and skip is not None:
                    c = skip(c) or c
                cleaned.append(c)
            docs = [c for c in cleaned if isinstance(c, Document)]
            analysed = iter(list(self.analyse(docs))) if docs else iter(())
            for done in cleaned:
                out = done if isinstance(done, (Reject, Result)) else next(analysed)
                if progress is not None:
                    progress(out)
                yield out


def _quoting(
    text: str, places: list[PlaceMention], events: list[Event]
) -> tuple[list[PlaceMention], list[Event]]:
    """Return places and events quoting the story as given, not as casing repair read it.

    The repair changes letters' case only, so every offset holds: evidence and place names
    are cut again from the original text wherever they are its words in another case.
    """

    def same(start: int, end: int, quoted: str) -> bool:
        return text[start:end].lower() == quoted.lower()

    places = [
        dataclasses.replace(m, text=text[m.start : m.end]) if same(m.start, m.end, m.text) else m
        for m in places
    ]
    for ev in events:
        ev.evidence = [
            dataclasses.replace(e, text=text[e.start : e.end])
            if same(e.start, e.end, e.text)
            else e
            for e in ev.evidence
        ]
    return places, events


def extract(
    text: str,
    published: str | None = None,
    *,
    url: str | None = None,
    title: str | None = None,
    html: bool = False,
    story_id: str = "story",
    settings: Settings | None = None,
) -> list[Event]:
    """Return the events in one story's text (or HTML), dated against its publication date."""
    story = _story(text, published, url, title, html, story_id)
    (out,) = list(_default_pipeline(settings).process([story]))
    if isinstance(out, Reject):
        raise RejectError(out.reason, out.message)
    return out.events


def explain(
    text: str,
    published: str | None = None,
    *,
    url: str | None = None,
    title: str | None = None,
    html: bool = False,
    story_id: str = "story",
    settings: Settings | None = None,
) -> list[SentenceTrace]:
    """Return, per sentence of one story, the cues, decisions and fields, or why no event."""
    story = _story(text, published, url, title, html, story_id)
    return _default_pipeline(settings).explain(story)


def _story(
    text: str, published: str | None, url: str | None, title: str | None, html: bool, story_id: str
) -> Story:
    """Return the Story extract() and explain() read from their arguments."""
    return Story(
        story_id=story_id,
        content=text,
        kind="html" if html else "text",
        url=url,
        title=title,
        published=published,
    )


#: Pipelines reused by extract(), one per Settings value (Settings is frozen, so hashable).
_pipelines: dict[Settings | None, Pipeline] = {}


def _default_pipeline(settings: Settings | None) -> Pipeline:
    if settings not in _pipelines:
        _pipelines[settings] = Pipeline(settings)
    return _pipelines[settings]
