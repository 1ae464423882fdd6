"""Reading inputs: files, gzip, folders, JSON Lines, stdin — and every kind of bad input."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from sitreps.config import load_settings
from sitreps.model import Reject, Story
from sitreps.read import iter_stories

SETTINGS = load_settings(env={})


def read(*inputs: str, **kw: object) -> list[Story | Reject]:
    return list(iter_stories(list(inputs), settings=SETTINGS, **kw))  # type: ignore[arg-type]


def test_text_html_and_gzip_files(samples_dir: Path, fixtures_dir: Path) -> None:
    text, html, gz = read(
        str(samples_dir / "01_badghis_style.txt"),
        str(samples_dir / "02_borno_battle.html"),
        str(fixtures_dir / "story.txt.gz"),
    )
    assert isinstance(text, Story) and text.kind == "text"
    assert text.story_id == str(samples_dir / "01_badghis_style.txt")
    assert isinstance(html, Story) and html.kind == "html"
    assert isinstance(gz, Story) and "Kisumu" in gz.content


def test_bad_inputs_become_rejects_and_the_batch_goes_on(
    fixtures_dir: Path, samples_dir: Path, tmp_path: Path
) -> None:
    big = tmp_path / "big.txt"
    with open(big, "wb") as fh:  # 50 MB, written without holding it in memory
        fh.truncate(50 * 1024 * 1024)
        fh.seek(0)
        fh.write(b"News. " * 100)
    out = read(
        str(fixtures_dir / "empty.txt"),
        str(fixtures_dir / "binary.bin"),
        str(fixtures_dir / "truncated.txt.gz"),
        str(tmp_path / "missing.txt"),
        str(big),
        str(samples_dir / "03_marib_airstrike.txt"),
    )
    reasons = [o.reason if isinstance(o, Reject) else "ok" for o in out]
    assert reasons == ["empty", "binary", "bad_gzip", "missing", "too_large", "ok"]


def test_gzip_bomb_is_stopped_at_the_size_limit(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"a" * (SETTINGS.max_story_bytes + 10)))
    (out,) = read(str(bomb))
    assert isinstance(out, Reject) and out.reason == "too_large"


def test_jsonl_records_with_a_broken_line(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl"
    path.write_text(
        json.dumps({"id": "s1", "text": "Troops clashed with rebels.", "published": "2024-01-02"})
        + "\n{not json\n"
        + json.dumps({"id": "s2", "html": "<p>Page</p>", "url": "https://x.example/2"})
        + "\n"
    )
    s1, bad, s2 = read(str(path), input_format="jsonl")
    assert isinstance(s1, Story) and s1.story_id == "s1" and s1.published == "2024-01-02"
    assert isinstance(bad, Reject) and bad.reason == "bad_json" and "line 2" in bad.message
    assert isinstance(s2, Story) and s2.kind == "html" and s2.url == "https://x.example/2"


def test_jsonl_records_in_other_dumps_field_names(tmp_path: Path) -> None:
    # news-please style (maintext, date_publish), and a dataset's (story_id, body, headline)
    path = tmp_path / "dump.jsonl"
    rows = [
        {"maintext": "Troops clashed with rebels.", "date_publish": "2024-01-02 08:00:00"},
        {"story_id": 17, "headline": "Clashes", "body": "Rebels attacked.", "link": "https://e/1"},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    first, second = read(str(path), input_format="jsonl")
    assert isinstance(first, Story) and first.content == "Troops clashed with rebels."
    assert first.published == "2024-01-02 08:00:00"
    assert isinstance(second, Story) and second.story_id == "17" and second.title == "Clashes"
    assert second.content == "Rebels attacked." and second.url == "https://e/1"


def test_folders_are_walked_in_order_with_globs(samples_dir: Path) -> None:
    out = read(str(samples_dir))
    names = [Path(o.story_id).name for o in out]
    assert names == sorted(names) and len(names) == 11
    only_html = read(str(samples_dir), include=["*.html"])
    assert all(o.story_id.endswith(".html") for o in only_html)
    no_html = read(str(samples_dir), exclude=["*.html"])
    assert len(no_html) + len(only_html) == len(out)


def test_stdin_and_latin1_bytes() -> None:
    data = "Soldiers clashed with rebels near Goma, the army said.".encode("latin-1")
    (out,) = read("-", stdin=io.BytesIO(data + "Caf\xe9".encode("latin-1")))
    assert isinstance(out, Story) and out.content.endswith("Café")
