"""Casing repair: lower-cased and ALL CAPS text given back its capitals before anything reads it.

Local news scraped from feeds, social posts and wire telex arrive all lower case or all
upper case. spaCy's small model then finds no names, the gazetteer's ruler and the actor
dictionary (both written in title case) match nothing, and events lose their places,
countries and actors ("a youth was killed when police opened fire on a mob in shahpur,
ahmedabad" gave an event with no place and no actors). No well-kept truecasing library
runs offline without a corpus download (the `truecase` package needs NLTK and a 76 MB
pickle), so this is a small one of our own, in the spirit of Lita et al. (2003):

- a table of how words are written mid-sentence in cased text we may train on (our own
  training sentences and ECB+ news; built by
  ``python -m sitreps.nlp.casing``, shipped as ``data/model/casing.tsv``): a word written
  capitalised in most of its mid-sentence uses gets that form ("monday", "taliban",
  "bjp" -> "BJP"), a word written lower case stays so ("act", "police", "mob");
- names the table has not seen are given capitals when the gazetteer or the actor
  dictionary knows them (a country, a province, a town, a named group: "shahpur" ->
  "Shahpur"), unless the encoder's vocabulary says the word is ordinary English and the
  gazetteer knows it only as a small town;
- a word that neither the table nor the encoder's vocabulary has, stem or whole, is a name
  ("hickson", "bapunagar"): most of what an English vocabulary lacks is names;
- words written both ways by rule: "may" and "march" are months next to a number, "us"
  is the country after "the" or before "troops", "forces", a hyphen;
- the first word of each sentence and the pronoun "i" are capitalised.

Measured by benchmarks/casing.py (BENCHMARKS.md): on news nobody on the team wrote, read
lower-cased, the first event's country agrees with the cased reading's in 0.93 of
sentences with repair and 0.29 without.

Only letters change case, so the text keeps its length and every offset (evidence,
places) is valid in the original. Text with ordinary casing is returned as it is.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

__all__ = ["Recaser", "casing_of", "load_table"]

TABLE_FILE = "casing.tsv"
#: Letters of a text needed before its casing is judged (a few words say nothing).
MIN_LETTERS = 24
#: A text with fewer upper-case letters than this share is lower-cased; with more than
#: 1 - this share, ALL CAPS. Ordinary English news measures 3-5% capitals (our samples,
#: the seed); a lower-cased story with a stray acronym stays under 1%.
CASE_SHARE = 0.01
#: Mid-sentence uses of a word the table needs before its form is trusted.
MIN_SEEN = 2
#: Share of a word's mid-sentence uses written with a capital for the repair to give it
#: one: "may" (the month, the modal) and "us" (the pronoun, the country) are written both
#: ways and stay lower case unless a rule says otherwise (a month next to a number).
CAPITAL_SHARE = 0.85
#: A word the encoder's vocabulary holds and the gazetteer knows only as a town smaller
#: than this is taken as ordinary English ("act", "reading", "mobile"), not as the town.
TOWN_POPULATION = 100_000

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
#: A hashtag ("#Tripoli").
_HASHTAG = re.compile(r"#\w+")
#: A short word in capitals: an acronym ("OCS", "CNL", "KDF").
_ACRONYM = re.compile(r"(?<![^\W\d_])[A-Z]{2,6}(?![^\W\d_])")
_MONTHS = frozenset(
    {
        "january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december",
        "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    }
)  # fmt: skip
#: Where a sentence starts: the text's start, after a full stop (and closing quotes), after
#: a blank line or a line that ends a sentence. A lone line break is not one: wire text
#: and pasted pages break lines mid-sentence.
_SENTENCE_START = re.compile(r"(?:^|[.!?]['\"’”)]*\s+|\n[^\S\n]*\n\s*)[\W\d_]*?(?=[^\W\d_])")
#: The longest name looked up, in words ("democratic republic of the congo" is five: cut).
_MAX_NGRAM = 4


#: Paragraph breaks, kept by split (a blank line, with any white space in it).
_PARAGRAPHS = re.compile(r"(\n[^\S\n]*\n\s*)")


def _judged(text: str) -> bool:
    """Return True when the text has letters enough for casing_of to judge it."""
    return sum(map(str.isalpha, text)) >= MIN_LETTERS


def casing_of(text: str) -> str:
    """Return "lower", "upper" or "mixed": how the text's letters are cased."""
    # map() keeps the loop in C: a story is read twice (whole, then by paragraph)
    letters = sum(map(str.isalpha, text))
    upper = sum(map(str.isupper, text))
    if letters < MIN_LETTERS:
        return "mixed"
    share = upper / letters
    if share > 1 - CASE_SHARE:
        return "upper"
    if share < CASE_SHARE:
        return "lower"
    if share < 4 * CASE_SHARE:
        # a lower-cased post with its acronyms and hashtags left in capitals ("police found
        # them. OCS appealing ...", "#Tripoli"): their capitals do not case a text
        acronyms = sum(len(w) for w in _ACRONYM.findall(text))
        acronyms += sum(sum(map(str.isupper, h)) for h in _HASHTAG.findall(text))
        if (upper - acronyms) / letters < CASE_SHARE:
            return "lower"
    return "mixed"


@dataclass(frozen=True)
class Form:
    """How a word is written mid-sentence: its capitalised form, times seen, times capitalised."""

    form: str
    seen: int
    capital: int

    @property
    def capitalised(self) -> bool:
        """Return True when the word is (nearly) always written with its capital."""
        return self.capital >= CAPITAL_SHARE * self.seen

    @property
    def ordinary(self) -> bool:
        """Return True when the word is mostly written lower case."""
        return self.capital * 2 < self.seen


def load_table(path: Path | None = None) -> dict[str, Form]:
    """Return the casing table: lower-cased word -> its usual mid-sentence form."""
    if path is None:
        text = (resources.files("sitreps") / "data" / "model" / TABLE_FILE).read_text("utf-8")
    else:
        text = path.read_text("utf-8")
    table: dict[str, Form] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        form, seen, capital = line.split("\t")
        table[form.lower()] = Form(form, int(seen), int(capital))
    return table


@lru_cache(maxsize=1)
def _default_table() -> dict[str, Form]:
    return load_table()


@lru_cache(maxsize=1)
def _encoder_vocabulary() -> frozenset[str]:
    """Return the whole words of the encoder's (uncased WordPiece) vocabulary."""
    raw = resources.files("sitreps") / "data" / "model" / "encoder_tokenizer.json"
    try:
        vocab = json.loads(raw.read_text("utf-8"))["model"]["vocab"]
    except (OSError, KeyError, ValueError):
        return frozenset()
    return frozenset(w for w in vocab if w.isalpha())


#: What the gazetteer or the actor dictionary knows of a lower-cased name: None (nothing),
#: or (kind, population, written form): kind "name" for a named group and "country" (always
#: names), "province" (a name unless cased text writes the word both ways: "Unity"),
#: "town" for a town only (with its largest population); the written form is the
#: dictionary's own ("BJP", "al-Shabaab"), or None for title case.
Known = Callable[[str], "tuple[str, int, str | None] | None"]


class Recaser:
    """Give lower-cased or ALL CAPS text its capitals back (same length, same offsets)."""

    def __init__(self, known: Known | None = None, table: dict[str, Form] | None = None):
        self.known = known
        self.table = table if table is not None else _default_table()
        self.vocabulary = _encoder_vocabulary()

    def __call__(self, text: str) -> str:
        """Return text with its lower-cased or ALL CAPS paragraphs recased, else unchanged.

        A story read all in one case is recased whole; in a story with ordinary casing only
        a paragraph long enough to judge and all in one case is (an ALL CAPS headline).
        """
        whole = casing_of(text)
        out: list[str] = []
        changed = False
        for part in _PARAGRAPHS.split(text):
            own = casing_of(part)
            if own != "mixed" or (whole != "mixed" and not _judged(part)):
                fixed = self._recase(part)
                changed = changed or fixed != part
                out.append(fixed)
            else:
                out.append(part)
        return "".join(out) if changed else text

    def _recase(self, text: str) -> str:
        """Return text recased as a whole (its letters' case only)."""
        low = text.lower()
        if len(low) != len(text):  # a letter whose lower case is longer: leave the text be
            return text
        chars = list(low)
        words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(low)]
        forms = self._forms(low, words)
        for (start, _end, _word), form in zip(words, forms, strict=True):
            if form is not None:
                chars[start : start + len(form)] = form
        for m in _SENTENCE_START.finditer(low):
            i = m.end()
            if i < len(chars) and len(chars[i].upper()) == 1:
                chars[i] = chars[i].upper()
        return "".join(chars)

    def _forms(self, low: str, words: list[tuple[int, int, str]]) -> list[str | None]:
        """Return each word's form (None: lower case), names found longest first."""
        out: list[str | None] = [None] * len(words)
        i = 0
        while i < len(words):
            if words[i][2] in ("may", "march") and not _by_number(low, words[i]):
                i += 1  # the modal and the walk (not March, Cambridgeshire): no number, no month
                continue
            taken, written = self._name_at(low, words, i)
            if taken:
                start, end = words[i][0], words[i + taken - 1][1]
                if written is not None and len(written) == end - start:
                    for k in range(i, i + taken):
                        a, b = words[k][0] - start, words[k][1] - start
                        out[k] = written[a:b]
                else:
                    for k in range(i, i + taken):
                        out[k] = _title(words[k][2], self.table, first=k == i)
                i += taken
                continue
            word = words[i][2]
            got = self.table.get(word)
            if word == "i":
                out[i] = "I"
            elif word in _MONTHS and _by_number(low, words[i]):
                out[i] = word.capitalize()
            elif word == "us" and _country_us(low, words[i]):
                out[i] = "US"
            elif got is not None and got.seen >= MIN_SEEN and got.capitalised:
                out[i] = got.form if len(got.form) == len(word) else None
            elif got is None and self._unheard(low, words, i):
                out[i] = _title(word, self.table)
            i += 1
        self._beside_names(low, words, out)
        return out

    def _beside_names(
        self, low: str, words: list[tuple[int, int, str]], out: list[str | None]
    ) -> None:
        """Capitalise words our cased text never shows that stand beside a name.

        "roberto navas", "interior minister carlos caceres": first names are in the
        encoder's vocabulary (so not taken as names alone) but are rare in our text; one
        beside a name is part of it.
        """
        for _ in range(2):  # a name of three words grows from either end
            for i, (start, end, word) in enumerate(words):
                if (
                    out[i] is not None
                    or word in self.table
                    or word in _MONTHS  # "to march to parliament": the walk, not the month
                    or len(word) < 3
                    or _stop(word)
                ):
                    continue
                if word.endswith(_ENGLISH_ENDINGS):
                    continue  # "radiation", "producer", "technology": English, not names
                left = (
                    i > 0 and out[i - 1] not in (None, "I") and low[words[i - 1][1] : start] == " "
                )
                right = (
                    i + 1 < len(words)
                    and out[i + 1] not in (None, "I")
                    and low[end : words[i + 1][0]] == " "
                )
                if left or right:
                    out[i] = _title(word, self.table)

    def _name_at(
        self, low: str, words: list[tuple[int, int, str]], i: int
    ) -> tuple[int, str | None]:
        """Return how many words from i make a name the resources know, and its form."""
        if self.known is None:
            return 0, None
        for size in range(min(_MAX_NGRAM, len(words) - i), 0, -1):
            if size > 1 and not _joined(low, words, i, size):
                continue
            parts = [w for _, _, w in words[i : i + size]]
            if size == 1 and (len(parts[0]) < 3 or self._ordinary(parts[0])):
                continue
            if _stop(parts[0]) or _stop(parts[-1]):
                continue  # the gazetteer's keys drop such words: "act as" is "act"
            got = self.known(low[words[i][0] : words[i + size - 1][1]])
            if got is None:
                continue
            kind, population, written = got
            if size == 1 and kind == "province" and self._both_ways(parts[0]):
                continue  # "unity", "upper", "coast": provinces, and words written both ways
            small = kind == "town" and population < TOWN_POPULATION
            if small and (self._common(parts) or _compound(low, words, i + size - 1)):
                continue  # "act", "lathi-charge": ordinary words, not small towns
            return size, written
        return 0, None

    def _unheard(self, low: str, words: list[tuple[int, int, str]], i: int) -> bool:
        """Return True for a word neither our text nor the encoder's vocabulary has: a name.

        Names are most of what ordinary English vocabularies lack ("hickson", "oudshoorn",
        "bapunagar"); a hyphenated compound ("stone-pelting") and a word next to a number
        ("5km") are not names.
        """
        word = words[i][2]
        if len(word) < 4 or not self.vocabulary or _inflected(word, self.vocabulary):
            return False
        start, end = words[i][0], words[i][1]
        around = low[max(0, start - 1) : start] + low[end : end + 1]
        return not any(c == "-" or c.isdigit() for c in around)

    def _both_ways(self, word: str) -> bool:
        """Return True when cased text writes the word without its capital often enough."""
        got = self.table.get(word)
        return got is not None and got.seen >= MIN_SEEN and not got.capitalised

    def _ordinary(self, word: str) -> bool:
        """Return True when the cased text we learned from writes the word lower case."""
        got = self.table.get(word)
        return got is not None and got.seen >= MIN_SEEN and got.ordinary

    def _common(self, parts: list[str]) -> bool:
        """Return True when every word is ordinary English by the table or the vocabulary."""
        return all(
            self._ordinary(p) or (p in self.vocabulary and p not in self.table) for p in parts
        )


def _by_number(low: str, word: tuple[int, int, str]) -> bool:
    """Return True when a number or ordinal stands right before or after the word."""
    before = low[max(0, word[0] - 8) : word[0]]
    after = low[word[1] : word[1] + 8]
    number_before = re.search(r"\d(?:st|nd|rd|th)?(?: of)?[ -]$", before)
    return bool(number_before or re.match(r"[ ,-]*\d", after))


_SUFFIXES = ("s", "es", "ed", "d", "ing", "er", "ers", "ly", "ness", "ism", "ists", "ist")


#: Endings of English words that names rarely have (suffixes of derivation and inflection).
_ENGLISH_ENDINGS = (
    "tion", "sion", "ment", "ness", "ity", "ing", "ed", "er", "ers", "ist", "ogy", "ism",
    "ance", "ence", "ous", "ive", "al", "ic", "ly", "ful", "less", "able", "ible", "ary",
    "ery", "ship", "hood", "ward", "wards", "ize", "ise", "ate", "ant", "ent",
)  # fmt: skip


def _inflected(word: str, vocabulary: frozenset[str]) -> bool:
    """Return True when the word, or its stem before an English ending, is in the vocabulary."""
    word = re.split(r"['’]", word)[0]
    if word in vocabulary or len(word) < 3:
        return True
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            if stem in vocabulary or stem + "e" in vocabulary or stem[:-1] in vocabulary:
                return True
    return False


def _stop(word: str) -> bool:
    from spacy.lang.en.stop_words import STOP_WORDS

    return word in STOP_WORDS


def _compound(low: str, words: list[tuple[int, int, str]], k: int) -> bool:
    """Return True when word k is joined by a hyphen to the next ("lathi-charge")."""
    return k + 1 < len(words) and low[words[k][1] : words[k + 1][0]] == "-"


def _country_us(low: str, word: tuple[int, int, str]) -> bool:
    """Return True when "us" is the country: "the us", "us-led", "us troops"."""
    before = low[max(0, word[0] - 4) : word[0]]
    after = low[word[1] : word[1] + 12]
    return before.endswith("the ") or bool(
        re.match(
            r"-|\s(?:troops|forces|military|army|navy|officials?|government|embassy|"
            r"president|secretary|state department|air ?strikes?|drones?)\b",
            after,
        )
    )


def _joined(low: str, words: list[tuple[int, int, str]], i: int, size: int) -> bool:
    """Return True when the words are separated by single spaces or hyphens only."""
    for k in range(i, i + size - 1):
        gap = low[words[k][1] : words[k + 1][0]]
        if gap not in (" ", "-"):
            return False
    return True


def _title(word: str, table: dict[str, Form], first: bool = True) -> str:
    """Return a name's word as names write it: the table's capitalised form, else title case.

    Particles inside a name stay lower case ("Bosnia and Herzegovina"); a name's first
    word is capitalised whatever it is ("La Noria", "El Paso").
    """
    got = table.get(word)
    if got is not None and got.capitalised and len(got.form) == len(word):
        return got.form
    if word in _NAME_PARTICLES and not first:
        return word
    titled = word[:1].upper() + word[1:]
    return titled if len(titled) == len(word) else word


#: Words inside names that stay lower case ("Bosnia and Herzegovina", "Sidi bou Zid").
_NAME_PARTICLES = frozenset({"and", "of", "the", "de", "del", "la", "le", "al", "el", "du"})


# -- building the table -------------------------------------------------------------

_STARTERS = frozenset(".!?:;\"'“”‘’([")


def mid_sentence_words(text: str) -> Iterator[str]:
    """Yield the words of cased text that are not the first of a sentence or line."""
    for line in text.splitlines():
        if casing_of(line) != "mixed" and len(line) > MIN_LETTERS:
            continue  # an ALL CAPS heading says nothing about casing
        prev = ""
        for m in re.finditer(r"\S+", line):
            tok = m.group()
            word = _WORD.match(tok.lstrip("\"'“‘(["))
            if word is not None and prev and prev[-1] not in _STARTERS:
                yield word.group()
            prev = tok


def build_table(texts: Iterable[str], min_seen: int = MIN_SEEN) -> list[tuple[str, int, int]]:
    """Return (capitalised form, times seen, times capitalised) of words seen mid-sentence."""
    forms: dict[str, Counter[str]] = {}
    for text in texts:
        for w in mid_sentence_words(text):
            forms.setdefault(w.lower(), Counter())[w] += 1
    out: list[tuple[str, int, int]] = []
    for key in sorted(forms):
        counts = forms[key]
        seen = sum(counts.values())
        if seen < min_seen:
            continue
        capitals = Counter({f: n for f, n in counts.items() if f != key})
        form = capitals.most_common(1)[0][0] if capitals else key
        out.append((form, seen, sum(capitals.values())))
    return out


def _corpus(shared: Path) -> Iterator[str]:
    """Yield the cased texts the table is learned from (ours and ../shared/train)."""
    data = Path(__file__).resolve().parent.parent / "data"
    for folder in ("train", "fields"):
        for path in sorted((data / folder).glob("*.jsonl")):
            for line in path.read_text("utf-8").splitlines():
                if line.strip():
                    yield json.loads(line)["text"]
    for name in ("ecbplus_conflict/ecbplus_conflict.jsonl",):
        path = shared / "train" / name
        if not path.exists():
            continue
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                # ECB+ is tokenised with spaces around punctuation; words keep their case.
                yield json.loads(line)["text"]


def main(argv: list[str] | None = None) -> int:
    """Build data/model/casing.tsv from our sentences and ../shared/train (deterministic)."""
    ap = argparse.ArgumentParser(prog="python -m sitreps.nlp.casing", description=main.__doc__)
    ap.add_argument("--shared", type=Path, default=Path("../shared"))
    ap.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "data" / "model" / TABLE_FILE,
    )
    args = ap.parse_args(argv)
    rows = build_table(_corpus(args.shared))
    header = (
        "# How words are written mid-sentence in cased text (capitalised form, times seen,\n"
        "# times capitalised); built by\n"
        "# python -m sitreps.nlp.casing from src/sitreps/data/{train,fields} and\n"
        "# ../shared/train (ECB+, War of the Rebellion): see src/sitreps/data/README.md.\n"
    )
    args.out.write_text(header + "".join(f"{f}\t{n}\t{c}\n" for f, n, c in rows), "utf-8")
    capital = sum(1 for _, n, c in rows if c >= CAPITAL_SHARE * n)
    print(f"{args.out}: {len(rows)} words, {capital} capitalised")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
