"""Place-name normalisation: one key for the spellings of one name.

"Qala-e-Naw", "Qala i Naw", "Qala-i-Naw" and "QALA E NAW" share the key "qalanaw": accents
go, apostrophes and hyphens go, Persian/Arabic connectives (-e-, -i-, -ye-, al-) go, and
the words are joined.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["is_latin", "name_key"]

#: Connective particles dropped from keys: the ezafe (e, i, ye, -yi) and the Arabic article.
_CONNECTIVES = frozenset(
    {"e", "i", "ye", "yi", "y", "al", "el", "ul", "ad", "ar", "as", "at", "an", "az", "ash", "the"}
)
_APOSTROPHES = re.compile(r"[’'`‘ʼʻʿʾ´]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def name_key(name: str) -> str:
    """Return the normalised lookup key of a place name ("" when nothing is left)."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = _APOSTROPHES.sub("", text)
    words = [w for w in _NON_ALNUM.split(text) if w]
    kept = [w for w in words if w not in _CONNECTIVES] or words
    return "".join(kept)


def is_latin(name: str) -> bool:
    """Return True when the name is written in Latin script (with or without accents)."""
    text = unicodedata.normalize("NFKD", name)
    return all(ord(c) < 0x250 or unicodedata.combining(c) or c in "’‘ʼʻʿʾ" for c in text)
