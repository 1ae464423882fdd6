"""Hostile input through every command that reads it (extract, ingest, clean, places).

Over thirty kinds of bad, odd or malicious input sit in one folder beside good stories.
Each command must exit 0 (the batch had good stories), print only one-line errors, each
naming the input and a reason code, and keep (print or store) every good story.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import sqlite3
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from sitreps.cli import main
from sitreps.errors import REASONS

ROOT = Path(__file__).resolve().parent.parent
GOOD = (ROOT / "samples" / "03_marib_airstrike.txt").read_text(encoding="utf-8")
GOOD_2 = (ROOT / "samples" / "05_burkina_village_attack.txt").read_text(encoding="utf-8")
MAX_BYTES = 300_000  # --max-bytes for the batch: big inputs stay cheap to make

WORDS = (
    "Fighters attacked an army post near the town on Tuesday, officials said, and the "
    "clashes went on for hours before reinforcements arrived from the provincial capital. "
)
FULL_ENTRY = (WORDS * 12).strip()


def _warc_without_target_uri() -> bytes:
    http = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
        b"<html><body><p>Soldiers clashed with rebels near Goma.</p></body></html>"
    )
    head = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2023-01-01T00:00:00Z\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(len(http)).encode() + b"\r\n\r\n"
    )
    return head + http + b"\r\n\r\n"


def _feed(items: str) -> bytes:
    head = '<?xml version="1.0"?><rss version="2.0"><channel><title>W</title>'
    return f"{head}{items}</channel></rss>".encode()


def _records() -> bytes:
    """A JSON Lines dump: good records (one with NULs, one with a lone surrogate) and bad."""
    lines = [
        json.dumps(
            {"id": "good-nul\u0000id", "text": GOOD.replace("officials", "offi\u0000cials")}
        ),
        "{not json",
        "[1, 2, 3]",
        "[" * 100_000 + "]" * 100_000,  # nesting too deep for the parser
        json.dumps({"id": "number-text", "text": 5}),
        json.dumps({"id": "ctl\n\x1b[2Jid", "text": ""}),  # a terminal escape in an id
        json.dumps({"id": "y" * 600, "text": GOOD}),  # an id longer than the database keeps
        '{"id": ' + "1" * 5000 + ', "text": "x"}',  # an integer too long to convert
        json.dumps({"id": "surrogate", "text": GOOD + " \ud800 end."}),
        json.dumps({"id": "html-dict", "html": {"p": 1}, "title": ["x"], "url": 7}),
        "",
    ]
    return "\n".join(lines).encode("utf-8", "surrogatepass")


#: file name -> (bytes, the reason it is rejected for, or "ok" when it must be kept, or
#: "any" when either is fine, as long as it is one line).
KINDS: dict[str, tuple[bytes, str]] = {
    "k01_empty.txt": (b"", "empty"),
    "k02_blank.txt": (b" \n\t\n\r\n", "empty"),
    "k03_binary.txt": (bytes(range(256)) * 40, "binary"),
    "k04_png.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    "k05_utf16le_bom.txt": (("\ufeff" + GOOD).encode("utf-16-le"), "ok"),
    "k06_utf16be_bom.txt": (("\ufeff" + GOOD_2).encode("utf-16-be"), "ok"),
    "k07_utf32_bom.txt": (("\ufeff" + GOOD).encode("utf-32-le"), "any"),
    "k08_latin1.txt": ((GOOD_2 + " Caf\xe9 owners said.").encode("latin-1", "replace"), "any"),
    "k09_nul.txt": (GOOD.replace("market", "mar\x00ket", 2).encode(), "ok"),
    "k10_ansi.txt": (("\x1b[31m" + GOOD + "\x1b[0m").encode(), "any"),
    "k11_truncated.txt.gz": (gzip.compress(GOOD.encode())[:60], "bad_gzip"),
    "k12_corrupt.txt.gz": (b"\x1f\x8b\x08\x00" + bytes(range(200)), "bad_gzip"),
    "k13_bomb.txt.gz": (gzip.compress(b"a" * (MAX_BYTES * 3)), "too_large"),
    "k14_big.txt": ((WORDS * (MAX_BYTES // len(WORDS) + 10)).encode(), "too_large"),
    "k15_spanish.txt": (
        (
            "Los combates entre el ejército y los rebeldes dejaron varios muertos en la "
            "provincia, según informaron las autoridades locales el martes por la tarde. " * 5
        ).encode(),
        "not_english",
    ),
    "k16_short.txt": (b"Hello there.", "no_article"),
    "k17_nav.html": (
        b"<html><body><nav><a href='/'>Home</a><a href='/w'>World</a></nav></body></html>",
        "no_article",
    ),
    "k18_deep.html": (b"<html><body>" + b"<div>" * 20_000 + WORDS.encode() * 3, "any"),
    "k19_script.html": (b"<html><script>" + b"var a = 1;" * 1000 + b"</script></html>", "any"),
    "k20_bogus_charset.html": (
        b'<html><head><meta charset="x-no-such-charset"></head><body><article><p>'
        + GOOD.replace("\n\n", "</p><p>").encode("cp1252", "replace")
        + b"\x93quoted\x94</p></article></body></html>",
        "ok",
    ),
    "k21_utf16.html": (
        (
            "\ufeff<html><body><article><p>" + GOOD_2.replace("\n\n", "</p><p>") + "</p>"
            "</article></body></html>"
        ).encode("utf-16-le"),
        "ok",
    ),
    "k22_records.jsonl": (_records(), "any"),
    "k23_bom.jsonl": (
        b"\xef\xbb\xbf" + json.dumps({"id": "bom-record", "text": GOOD_2}).encode() + b"\n",
        "ok",
    ),
    "k24_binary.jsonl": (bytes(range(256)) * 8, "bad_json"),
    "k25_no_uri.warc": (_warc_without_target_uri(), "bad_warc"),
    "k26_plain.warc": (b"Just plain text, not a WARC file at all.\n", "bad_warc"),
    "k27_truncated.warc.gz": (gzip.compress(_warc_without_target_uri())[:50], "bad_warc"),
    "k28_broken.rss": (b"<rss><channel><item><title>x", "any"),
    "k29_private.rss": (
        _feed("<item><title>x</title><link>http://127.0.0.1:9/story</link></item>"),
        "blocked_address",
    ),
    "k30_full.rss": (
        _feed(
            "<item><title>Post attacked</title><link>https://news.example/post</link>"
            f"<description>{FULL_ENTRY}</description></item>"
        ),
        "ok",
    ),
    "k31_new\nline.txt": (b"", "empty"),
    "k32_lines.txt": (b"x\n" * 20_000, "any"),
    "k33_longword.txt": (b"a" * 250_000, "any"),
    "k34_comments.html": (b"<!-- " + b"x" * 5000 + b" --><![CDATA[y]]>", "any"),
    "k35_binary.txt.gz": (gzip.compress(bytes(range(256)) * 40), "binary"),
    "k36_good.txt": (GOOD_2.encode(), "ok"),
}

#: Story ids a batch must keep (print events for, or store), besides the ok files above:
#: JSON Lines records (NULs in the id scrubbed to U+FFFD) and the feed's full entry.
KEPT_RECORDS = ("good-nul\ufffdid", "surrogate", "bom-record", "post")
OK_FILES = [
    n for n, (_, e) in KINDS.items() if e == "ok" and n not in ("k23_bom.jsonl", "k30_full.rss")
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    for name, (data, _) in KINDS.items():
        (folder / name).write_bytes(data)
    (folder / "k37_only_a_dir.txt").mkdir()  # a folder named like a story: walked, empty
    return folder


def _run(args: list[str]) -> Result:
    return CliRunner().invoke(main, ["--max-bytes", str(MAX_BYTES), *args])


def _check_lines(res: Result, folder: Path) -> dict[str, str]:
    """Assert every stderr line is one 'sitreps: ' line; return each input's reason code."""
    assert res.exception is None or isinstance(res.exception, SystemExit), res.exception
    reasons: dict[str, str] = {}
    for line in res.stderr.splitlines():
        assert line.startswith("sitreps: "), line
        if not line.endswith("]"):
            continue
        code = line.rsplit("[", 1)[1].rstrip("]")
        assert code in REASONS, line
        name = line.removeprefix("sitreps: ").split(": ", 1)[0]
        reasons[name.removeprefix(str(folder) + "/")] = code
    return reasons


def _check_rejects(reasons: dict[str, str]) -> None:
    for name, (_, expected) in KINDS.items():
        if expected == "any":
            continue
        got = reasons.get(name.replace("\n", " "), "ok")
        lines = {v for k, v in reasons.items() if k.startswith(f"{name}:")}  # JSON Lines
        if lines:
            (got,) = lines
        if name == "k29_private.rss":  # the feed is read; its entry's link is refused
            got = reasons.get("http://127.0.0.1:9/story", "ok")
        assert got == expected, (name, got, reasons)
    # The JSON Lines dump: each bad line is a reject of its own, the good lines go on. A
    # record with an id is rejected by its id (control characters shown as spaces).
    print(reasons)  # shown when the test fails
    records = {k: v for k, v in reasons.items() if "k22_records" in k}
    assert records == {f"k22_records.jsonl:{n}": "bad_json" for n in (2, 3, 4, 7, 8)}
    assert reasons["number-text"] == reasons["ctl [2Jid"] == reasons["html-dict"] == "empty"
    for story_id in KEPT_RECORDS:
        assert story_id not in reasons


@pytest.fixture(scope="module")
def batch(hostile: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Result]:
    db = str(tmp_path_factory.mktemp("db") / "hostile.db")
    runs = {
        "extract": _run(["extract", str(hostile)]),
        "ingest": _run(["ingest", str(hostile), "--db", db]),
        "clean": _run(["clean", str(hostile)]),
        "places": _run(["places", str(hostile)]),
    }
    runs["ingest"].db = db  # type: ignore[attr-defined]
    return runs


@pytest.mark.slow
@pytest.mark.parametrize("command", ["extract", "ingest", "clean", "places"])
def test_a_hostile_folder_keeps_the_good_stories_with_one_line_rejects(
    batch: dict[str, Result], hostile: Path, command: str
) -> None:
    res = batch[command]
    assert res.exit_code == 0, res.output
    reasons = _check_lines(res, hostile)
    _check_rejects(reasons)
    out = [json.loads(line) for line in res.stdout.splitlines() if line.strip()]
    kept = {Path(o["story_id"]).name for o in out}
    if command == "clean":
        assert set(OK_FILES) | set(KEPT_RECORDS) <= kept, sorted(kept)
    if command == "extract":
        assert {"k36_good.txt", "k09_nul.txt", "k05_utf16le_bom.txt"} <= kept
        assert "good-nul\ufffdid" in kept
    if command == "ingest":
        with sqlite3.connect(res.db) as conn:  # type: ignore[attr-defined]
            stored = {Path(r[0]).name for r in conn.execute("SELECT story_id FROM stories")}
        assert set(OK_FILES) | set(KEPT_RECORDS) <= stored, sorted(stored)
        assert "stories stored" in res.stderr


# -- one hostile input alone: exit 1 and one line, for every reading command ---------------


def _fifo(tmp_path: Path) -> Iterator[str]:
    path = tmp_path / "story.fifo"
    os.mkfifo(path)

    def write_for_ever() -> None:
        try:
            with open(path, "wb") as fh:
                while True:
                    fh.write(b"Soldiers clashed with rebels. " * 1000)
        except (BrokenPipeError, OSError):
            pass

    threading.Thread(target=write_for_ever, daemon=True).start()
    yield str(path)


@pytest.mark.parametrize("command", ["extract", "clean", "places", "ingest"])
@pytest.mark.parametrize(
    ("source", "reason"),
    [
        ("/dev/zero", "too_large"),  # 7: size 0 on stat, endless on read
        ("fifo", "too_large"),  # 7: a FIFO that never ends
        ("k25_no_uri.warc", "bad_warc"),  # 5: warcio's AttributeError
        ("k26_plain.warc", "bad_warc"),  # 5: not silently exit 0
        ("k31_new\nline.txt", "empty"),  # a name that would break the line
    ],
)
def test_one_hostile_input_alone_is_one_line_and_exit_1(
    hostile: Path, tmp_path: Path, command: str, source: str, reason: str
) -> None:
    if source == "fifo":
        path = next(_fifo(tmp_path))
    elif source.startswith("/"):
        path = source
    else:
        path = str(hostile / source)
    extra = ["--db", str(tmp_path / "one.db")] if command == "ingest" else []
    res = _run([command, path, *extra])
    assert res.exit_code == 1, res.output
    lines = [ln for ln in res.stderr.splitlines() if "stories stored" not in ln]
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("sitreps: ") and lines[0].endswith(f"[{reason}]")


def test_a_jsonl_dump_on_a_fifo_is_read_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "dump.fifo"
    os.mkfifo(path)
    record = json.dumps({"id": "piped", "text": GOOD}).encode() + b"\n"

    def write() -> None:
        with open(path, "wb") as fh:
            fh.write(record)

    threading.Thread(target=write, daemon=True).start()
    res = _run(["clean", str(path), "--input-format", "jsonl"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["story_id"] == "piped"


def test_dev_zero_as_json_lines_ends(tmp_path: Path) -> None:
    res = _run(["clean", "/dev/zero", "--input-format", "jsonl"])
    assert res.exit_code == 1
    (line,) = res.stderr.splitlines()
    assert line.endswith("[too_large]")


def test_stdin_warc_and_feed() -> None:
    res = CliRunner().invoke(
        main, ["clean", "-", "--input-format", "warc"], input=io.BytesIO(b"not a warc\n")
    )
    assert res.exit_code == 1 and res.stderr.strip().endswith("[bad_warc]")
    feed = _feed(
        "<item><title>Post attacked</title><link>https://news.example/post</link>"
        f"<description>{FULL_ENTRY}</description></item>"
    )
    res = CliRunner().invoke(main, ["clean", "-", "--input-format", "feed"], input=feed)
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["story_id"] == "https://news.example/post"


# -- 10. library log lines and multi-line errors stay off stderr -----------------------------


def test_library_log_lines_are_quiet_unless_verbose(tmp_path: Path) -> None:
    """A subprocess, so that logging is set up as a user's shell sees it."""
    import subprocess
    import sys

    page = tmp_path / "empty_body.html"
    page.write_bytes(b"<html><head><title>t</title></head><body></body></html>")
    warc = tmp_path / "no_newline.warc"  # a record followed by junk: warcio warns on stderr
    record = _warc_without_target_uri().replace(
        b"WARC-Type: response\r\n", b"WARC-Type: response\r\nWARC-Target-URI: http://e.x/\r\n"
    )
    warc.write_bytes(record.rstrip(b"\r\n") + b"\r\njunk after the record\n")
    sitreps = str(Path(sys.executable).parent / "sitreps")
    args = ["clean", str(page), str(warc)]
    env = {**os.environ, "PYTHONWARNINGS": "always"}
    quiet = subprocess.run([sitreps, *args], capture_output=True, text=True, env=env, timeout=300)
    lines = quiet.stderr.splitlines()
    assert len(lines) >= 2 and all(line.startswith("sitreps: ") for line in lines), quiet.stderr
    loud = subprocess.run(
        [sitreps, "-v", *args], capture_output=True, text=True, env=env, timeout=300
    )
    assert "trafilatura" in loud.stderr  # -v shows what the libraries said


def test_a_database_error_is_one_line(tmp_path: Path) -> None:
    db = tmp_path / "not_a.db"
    db.write_bytes(b"this is not a database file" * 100)
    res = CliRunner().invoke(main, ["events", "--db", str(db), "--jsonl"])
    assert res.exit_code == 1
    (line,) = res.stderr.splitlines()
    assert line.startswith("sitreps: ") and "[SQL:" not in line


def test_one_line_keeps_the_first_line_of_an_sql_error() -> None:
    from sitreps.errors import one_line
    from sitreps.model import Reject

    message = (
        "cannot store s1: (psycopg.errors.UniqueViolation) duplicate key value violates "
        'unique constraint "sources_pkey"\nDETAIL:  Key (event_id, story_id)=(e, s) already '
        "exists.\n[SQL: INSERT INTO sources (event_id, story_id) VALUES (%(a)s, %(b)s)]\n"
        "[parameters: {'a': 'e', 'b': 's'}]\n(Background on this error at: https://sqlalche.me)"
    )
    line = Reject("s1", "internal", message).line()
    assert "\n" not in line and "DETAIL:" in line and "[SQL:" not in line
    assert one_line("a\r\nb\x00c\u2028d") == "a b c d"


# -- 6. a story over spaCy's 1,000,000-character limit, under the byte cap ------------------

#: Paragraphs the cleaner keeps (numbered, attributed) and the extractor finds no event in.
FILLER = "".join(
    f"Shop number {i} in the old town opened late, and people walked along the river in the "
    "rain before the evening meal, residents said.\n\n"
    for i in range(7800)
)
LONG = GOOD + "\n\n" + FILLER + GOOD_2
OTHER = (ROOT / "samples" / "07_lahore_teargas.txt").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_story_over_a_million_characters_is_read_in_parts(tmp_path: Path) -> None:
    from sitreps.config import load_settings
    from sitreps.store import Store

    assert len(LONG) > 1_000_000 and len(LONG.encode()) < 5_000_000
    dump = tmp_path / "dump.jsonl"
    dump.write_text(
        json.dumps({"id": "long", "text": LONG}) + "\n" + json.dumps({"id": "good", "text": OTHER})
    )
    db = str(tmp_path / "long.db")
    res = CliRunner().invoke(main, ["ingest", str(dump), "--db", db])
    assert res.exit_code == 0, res.output
    assert "2 stories stored" in res.stderr and "0 rejected" in res.stderr
    with Store.open(db, load_settings(env={})) as store:
        events = store.events()
        text = store.story_text("long")
    assert text is not None and len(text) > 1_000_000
    from_long = [e for e in events if e.story_id == "long"]
    # Events from the first part and from the last (the Burkina story, past the millionth
    # character), their evidence where the offsets say in the whole story.
    assert {e.country for e in from_long} >= {"Yemen", "Burkina Faso"}
    assert any(e.story_id == "good" for e in events)
    for ev in from_long:
        for evidence in ev.evidence:
            if ev.country == "Burkina Faso":
                assert evidence.start > 1_000_000
            # (An actor inferred from a word, "civilians" from "village", keeps the actor's
            # name as its text; the extractor does so in a story read whole too.)
            if evidence.field not in ("actor1", "actor2"):
                assert text[evidence.start : evidence.end] == evidence.text, evidence


@pytest.mark.slow
def test_post_stories_with_a_long_story_is_not_a_server_error(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from sitreps.api import create_app
    from sitreps.config import load_settings

    settings = load_settings(env={}).replace(api_token="s3cret")
    client = TestClient(create_app(str(tmp_path / "api.db"), settings), base_url="http://127.0.0.1")
    res = client.post(
        "/stories",
        json={"id": "long", "text": LONG},
        headers={"Authorization": "Bearer s3cret"},
    )
    assert res.status_code == 200, res.text
    assert res.json()["stored"] is True and res.json()["events"]


# -- 9. NUL characters, on PostgreSQL too ----------------------------------------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database: a SQLite file, or a new PostgreSQL database when a server is given."""
    if request.param == "sqlite":
        yield str(tmp_path / "nul.db")
        return
    pg = os.environ.get("SITREPS_TEST_PG_URL")
    if not pg:
        pytest.skip("PostgreSQL tests skipped: set SITREPS_TEST_PG_URL")
    import uuid

    import sqlalchemy as sa

    name = f"sitreps_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(pg, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
    try:
        yield pg.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()


def test_nul_in_a_story_and_in_its_id_is_stored_on_both_databases(
    db_url: str, tmp_path: Path
) -> None:
    from sitreps.config import load_settings
    from sitreps.store import Store

    dump = tmp_path / "nul.jsonl"
    rows = [
        {"id": "nul\u0000id", "text": GOOD_2},
        {"id": "nul-text", "text": GOOD.replace("market", "mar\u0000ket")},
        {"id": "plain", "text": GOOD},
    ]
    dump.write_text("".join(json.dumps(r) + "\n" for r in rows))
    res = CliRunner().invoke(main, ["ingest", str(dump), "--db", db_url])
    assert res.exit_code == 0, res.output
    assert "3 stories stored" in res.stderr and "0 rejected" in res.stderr, res.stderr
    assert all(line.startswith("sitreps: ") for line in res.stderr.splitlines())
    with Store.open(db_url, load_settings(env={})) as store:
        assert store.known("nul\ufffdid") and store.known("nul-text") and store.known("plain")
        assert "mar\ufffdket" in (store.story_text("nul-text") or "")
