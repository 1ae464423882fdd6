"""Body-text accuracy of the clean stage on real news pages, against trafilatura alone.

    .venv/bin/python benchmarks/article_extraction.py [--worst N]

For each of the 181 pages in ../shared/eval/article-extraction, the extracted body and the
expected articleBody are compared as bags of 4-word shingles (words = \\w+ runs): per-page
precision and recall, averaged over pages; F1 from the averages. Prints trafilatura alone
(default settings) and sitreps' clean stage in the same run. Skips when ../shared is absent.
--worst N lists the N pages where the clean stage scores lowest, for error analysis.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "eval" / "article-extraction"
WORD = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    """Return the bag of n-word shingles of a text."""
    words = WORD.findall(text.lower())
    if len(words) < n:
        return Counter([tuple(words)]) if words else Counter()
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def score(extracted: str, expected: str) -> tuple[float, float]:
    """Return (precision, recall) of the extracted body's shingles against the expected."""
    got, want = shingles(extracted), shingles(expected)
    overlap = sum((got & want).values())
    precision = overlap / sum(got.values()) if got else (1.0 if not want else 0.0)
    recall = overlap / sum(want.values()) if want else 1.0
    return precision, recall


def evaluate(
    name: str, extract: Callable[[str, str], str], pages: list[tuple[str, str, str]]
) -> list[tuple[float, float]]:
    """Print the averaged precision, recall and F1 of an extractor; return per-page scores."""
    scores = []
    t0 = time.perf_counter()
    for html, url, expected in pages:
        try:
            body = extract(html, url) or ""
        except Exception:  # an extractor failing on a page scores zero on it
            body = ""
        scores.append(score(body, expected))
    p = sum(s[0] for s in scores) / len(scores)
    r = sum(s[1] for s in scores) / len(scores)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    elapsed = time.perf_counter() - t0
    print(
        f"{name:28} precision {p:.4f}  recall {r:.4f}  F1 {f1:.4f}  "
        f"({len(pages) / elapsed:.1f} pages/s)"
    )
    return scores


def main(argv: list[str] | None = None) -> int:
    """Load the pages and compare the extractors."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worst", type=int, default=0, help="list the N lowest-scoring pages")
    worst = parser.parse_args(argv).worst
    if not DATA.exists():
        print(f"skip: {DATA} not found")
        return 0
    truth = json.loads((DATA / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id, item in sorted(truth.items()):
        path = DATA / "html" / f"{page_id}.html.gz"
        if path.exists():
            raw = gzip.decompress(path.read_bytes())
            from sitreps.read.decode import decode_bytes

            pages.append((decode_bytes(raw, html=True), item.get("url") or "", item["articleBody"]))
    print(f"pages: {len(pages)}")

    import trafilatura

    from sitreps.clean import clean, clean_html
    from sitreps.config import load_settings
    from sitreps.errors import RejectError
    from sitreps.model import Story

    settings = load_settings()

    def trafilatura_alone(html: str, url: str) -> str:
        return trafilatura.extract(html, url=url) or ""

    def sitreps_body(html: str, url: str) -> str:
        return clean_html(Story("p", html, kind="html", url=url)).text

    evaluate("trafilatura alone", trafilatura_alone, pages)
    ours = evaluate("sitreps clean_html", sitreps_body, pages)
    if worst:
        ranked = sorted(zip(ours, pages, strict=True), key=lambda x: sum(x[0]))
        for (p, r), (_, url, _) in ranked[:worst]:
            print(f"  precision {p:.3f}  recall {r:.3f}  {url}")
    rejected: dict[str, int] = {}
    for html, url, _ in pages:
        try:
            clean(Story("p", html, kind="html", url=url), settings)
        except RejectError as exc:
            rejected[exc.reason] = rejected.get(exc.reason, 0) + 1
    print(f"pages the full clean stage rejects (scored above without the check): {rejected}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
