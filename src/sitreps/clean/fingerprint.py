"""Content fingerprints: spotting the same wire story arriving from many sites.

MinHash over 5-word shingles of the cleaned text (datasketch), and an LSH index that
finds an earlier story whose estimated Jaccard similarity is at least THRESHOLD.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["NUM_PERM", "THRESHOLD", "NearDuplicateIndex", "signature", "similarity"]

#: Hash functions per signature: 128 keeps the estimate within about ±0.04 of the true
#: Jaccard similarity; 64 put a copy with one paragraph cut at 0.63 in our test.
NUM_PERM = 128
#: A wire copy with another headline, other clutter and one paragraph cut measured about
#: 0.6 on a short (170-word) story in tests/store; different reports of one event share
#: almost no 5-word shingles (under 0.1). 0.5 sits between them.
THRESHOLD = 0.5
#: datasketch hashing scheme, fixed so stored signatures stay comparable across versions.
SCHEME = "affine32"
_WORD = re.compile(r"\w+")


def _minhash(text: str) -> Any:
    from datasketch import MinHash

    words = _WORD.findall(text.lower())
    shingles = {" ".join(words[i : i + 5]) for i in range(max(1, len(words) - 4))}
    mh = MinHash(num_perm=NUM_PERM, seed=1, scheme=SCHEME)
    mh.update_batch([s.encode("utf-8") for s in shingles])
    return mh


def signature(text: str) -> str:
    """Return the MinHash signature of a text, serialised as a JSON list of ints."""
    return json.dumps([int(v) for v in _minhash(text).hashvalues])


def similarity(a: str, b: str) -> float:
    """Return the estimated Jaccard similarity of two serialised signatures."""
    va, vb = json.loads(a), json.loads(b)
    return sum(x == y for x, y in zip(va, vb, strict=True)) / len(va)


class NearDuplicateIndex:
    """An LSH index of story signatures: add stories, find an earlier near-copy."""

    def __init__(self) -> None:
        from datasketch import MinHashLSH

        # LSH only proposes candidates: banded for a lower similarity than THRESHOLD so that
        # true copies are rarely missed, then every candidate is checked exactly.
        self._lsh = MinHashLSH(threshold=THRESHOLD * 0.6, num_perm=NUM_PERM)
        self._sigs: dict[str, str] = {}

    def add(self, story_id: str, sig: str) -> None:
        """Index a story's signature (a story id already indexed is left as it is)."""
        if story_id in self._sigs:
            return
        from datasketch import MinHash

        self._lsh.insert(
            story_id, MinHash(num_perm=NUM_PERM, seed=1, hashvalues=json.loads(sig), scheme=SCHEME)
        )
        self._sigs[story_id] = sig

    def find(self, sig: str, exclude: str | None = None) -> str | None:
        """Return the most similar indexed story at or above THRESHOLD, if any."""
        from datasketch import MinHash

        hits = self._lsh.query(
            MinHash(num_perm=NUM_PERM, seed=1, hashvalues=json.loads(sig), scheme=SCHEME)
        )
        scored = [(similarity(sig, self._sigs[h]), h) for h in hits if h != exclude]
        scored = [(s, h) for s, h in scored if s >= THRESHOLD]
        return max(scored)[1] if scored else None
