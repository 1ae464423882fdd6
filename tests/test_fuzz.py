"""Property-based fuzzing of the readers, the cleaners and extract(): whatever comes in,
no exception escapes but our own (the SitrepsError tree), and offsets stay right."""

from __future__ import annotations

import io
import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sitreps.config import load_settings
from sitreps.errors import SitrepsError, one_line
from sitreps.model import Reject, Story, scrub

SETTINGS = load_settings(env={}).replace(max_story_bytes=200_000)
#: make test runs the same examples every time (a red build names a change, not luck);
#: HYPOTHESIS_PROFILE=deep explores: 2,000 fresh examples per test. No example database in
#: the repository, no deadline (the first call loads models).
settings.register_profile("sitreps", derandomize=True, database=None, deadline=None)
settings.register_profile("deep", max_examples=2000, database=None, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "sitreps"))
FUZZ = settings(suppress_health_check=[HealthCheck.too_slow])

NEWS = [
    "Gunmen killed five villagers in an attack on a market in Djibo on Monday, officials said.",
    "Police fired tear gas at protesters in Lahore on Friday.",
    "An air strike hit a market in the Yemeni city of Marib on Saturday, killing six civilians.",
    "KABUL (Reuters) - ",
    "By Jane Doe",
    "Sign up for our newsletter",
    "Photo: AFP",
    "Monday 4 September 2023 10:00 GMT",
]
#: Text that looks like news often enough to get past cleaning into the NLP and extractor.
newsy = st.lists(
    st.one_of(st.sampled_from(NEWS), st.text(max_size=80)), min_size=1, max_size=12
).map(lambda parts: "\n\n".join(parts))
tags = st.sampled_from(
    ["<p>", "</p>", "<div>", "</div>", "<article>", "<script>", "<br>", "<!--", "-->", "<a href=x>"]
)
html = st.lists(st.one_of(tags, st.sampled_from(NEWS), st.text(max_size=40)), max_size=40).map(
    "".join
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=10,
)
record_keys = st.sampled_from(
    ["id", "story_id", "text", "html", "body", "title", "url", "published", "date", "x"]
)
records = st.dictionaries(record_keys, json_values | newsy, max_size=6)


def _ours(exc: BaseException) -> None:
    if not isinstance(exc, SitrepsError):
        raise exc


# -- readers ---------------------------------------------------------------------------------


@FUZZ
@given(data=st.binary(max_size=4000), fmt=st.sampled_from(["auto", "text", "html", "jsonl"]))
def test_any_bytes_from_stdin_give_stories_or_rejects(data: bytes, fmt: str) -> None:
    from sitreps.read import iter_stories

    out = list(iter_stories(["-"], settings=SETTINGS, input_format=fmt, stdin=io.BytesIO(data)))
    for item in out:
        assert isinstance(item, Story | Reject)
        if isinstance(item, Story):
            assert "\x00" not in item.content and "\x00" not in item.story_id


@FUZZ
@given(
    data=st.binary(max_size=3000),
    suffix=st.sampled_from([".txt", ".html", ".txt.gz", ".jsonl", ".warc", ".warc.gz", ".rss"]),
)
def test_any_bytes_in_any_kind_of_file_give_stories_or_rejects(data: bytes, suffix: str) -> None:
    from sitreps.read import iter_stories

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        out = list(iter_stories([str(path)], settings=SETTINGS))
    assert out and all(isinstance(item, Story | Reject) for item in out)


@FUZZ
@given(record=records)
def test_any_json_record_gives_a_story_or_a_reject(record: dict[str, Any]) -> None:
    from sitreps.read import story_from_record

    out = story_from_record(record, "dump.jsonl:1", SETTINGS)
    assert isinstance(out, Story | Reject)
    if isinstance(out, Story):
        assert all(isinstance(v, str | None) for v in (out.url, out.title, out.published))
        json.dumps([out.story_id, out.content])  # storable and printable


@FUZZ
@given(data=st.binary(max_size=3000))
def test_the_byte_checks_and_decoding_raise_only_our_errors(data: bytes) -> None:
    from sitreps.read import read_bytes
    from sitreps.read.decode import decode_bytes, looks_binary, sniff_kind

    try:
        checked = read_bytes(data, "x", SETTINGS)
        looks_binary(checked)
        sniff_kind(checked)
        decode_bytes(checked, html=bool(data[:1] == b"<"))
    except Exception as exc:
        _ours(exc)


@FUZZ
@given(data=st.binary(max_size=3000))
def test_warc_and_feed_readers_raise_only_our_errors(data: bytes) -> None:
    from sitreps.read.sources import stories_from_feed, stories_from_warc

    assert all(isinstance(o, Story | Reject) for o in stories_from_warc(io.BytesIO(data), "w"))
    try:
        list(stories_from_feed(data, "feed", SETTINGS, fetch_pages=False))
    except Exception as exc:
        _ours(exc)


# -- cleaners --------------------------------------------------------------------------------


@FUZZ
@given(text=newsy | st.text(max_size=2000))
def test_clean_text_gives_a_document_or_our_error(text: str) -> None:
    from sitreps.clean import clean, repair

    try:
        doc = clean(Story("s", text), SETTINGS)
    except Exception as exc:
        _ours(exc)
        return
    for seg in doc.segments:  # offsets into the input as given, its encoding repaired
        assert (
            doc.text[seg.clean_start : seg.clean_start + seg.length]
            == scrub(repair(text))[seg.orig_start : seg.orig_start + seg.length]
        )


@FUZZ
@given(page=html)
def test_clean_html_gives_a_document_or_our_error(page: str) -> None:
    from sitreps.clean import clean

    try:
        clean(Story("s", page, kind="html"), SETTINGS)
    except Exception as exc:
        _ours(exc)


# -- extract() -------------------------------------------------------------------------------


@pytest.mark.slow
@settings(max_examples=30)
@given(text=newsy, published=st.none() | st.sampled_from(["2023-09-04", "not a date", "0"]))
def test_extract_returns_events_or_raises_our_error(text: str, published: str | None) -> None:
    from sitreps import extract

    try:
        events = extract(text, published=published)
    except Exception as exc:
        _ours(exc)
        return
    for ev in events:
        assert ev.event_id.startswith("evt_")
        json.dumps(ev.to_dict())


# -- the small helpers every line and record goes through --------------------------------------


@given(text=st.text())
def test_scrub_keeps_length_and_leaves_nothing_unstorable(text: str) -> None:
    out = scrub(text)
    assert len(out) == len(text) and "\x00" not in out
    out.encode("utf-8")  # no lone surrogates


@given(text=st.text())
def test_one_line_is_one_line(text: str) -> None:
    out = one_line(text)
    assert "\n" not in out and "\r" not in out and len(out) <= 500


@given(text=st.text(alphabet=st.sampled_from("ab .\n"), max_size=3000), size=st.integers(4, 500))
def test_long_texts_split_into_parts_that_join_back(text: str, size: int) -> None:
    from sitreps.nlp import split_parts

    parts = split_parts(text, size)
    assert "".join(parts) == text and all(len(p) <= size for p in parts)
