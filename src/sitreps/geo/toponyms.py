"""Place names the model missed: gazetteer n-grams kept when a trained classifier says so.

Every run of one to four capitalised words (and, in a story written in lower case, every
run of words) that the gazetteer knows becomes a candidate unless an entity or an earlier
rule already covers it. A logistic regression over the words around it ("in", "near",
"village of", "province"), its shape, the entity the model gave it, the gazetteer's kind,
population and number of readings, and its ambiguity with English words and person names
decides which are places. Its weights are trained by `python -m sitreps.geo.train` on the
War of the Rebellion toponym corpus and our own sentences (data/model/toponyms.json).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Doc, Token

from sitreps.geo.gazetteer import Gazetteer, Place
from sitreps.geo.normalize import name_key

__all__ = [
    "MAX_WORDS",
    "MODEL_FILE",
    "VOCABULARY",
    "NgramCandidate",
    "ToponymModel",
    "features",
    "generalise",
    "ngram_candidates",
]

MODEL_FILE = "toponyms.json"
#: Longest name looked up, in words ("Dera Ismail Khan District" is four).
MAX_WORDS = 4
#: A story is "written in lower case" when fewer than this share of its words after the
#: first of a sentence are capitalised (news in sentence case sits at 0.10-0.20).
LOWER_CASE_SHARE = 0.02
#: Small words allowed inside a name ("Bay of Islands", "Dar es Salaam" needs "es" too).
_CONNECT = frozenset({"of", "de", "del", "al", "el", "la", "le", "du", "des", "upon", "on"})
_WORD = re.compile(r"^[A-Za-z\u00C0-\u024F][\w'’.\-]*$")
_TITLES = re.compile(
    r"^(?:mr|mrs|ms|dr|gen|general|col|colonel|capt|captain|maj|major|lt|sgt|president|"
    r"minister|governor|senator|sen|rep|king|queen|prince|sheikh|judge|mayor|pope|saint|"
    r"sir|lord|lady|st)\.?$",
    re.I,
)


@dataclass
class NgramCandidate:
    """A run of words the gazetteer knows, with the entries it can mean."""

    start: int  # token index
    end: int  # token index, exclusive
    start_char: int
    end_char: int
    text: str
    places: list[Place]


class ToponymModel:
    """The trained toponym classifier: sparse feature weights and a decision threshold.

    `words` are English words (the spaCy model's WordNet index): a single such word the
    model did not tag ("University", "Road", "West", "Police") is never taken as a place.
    """

    def __init__(
        self,
        weights: dict[str, float],
        bias: float,
        threshold: float,
        words: frozenset[str] = frozenset(),
    ) -> None:
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        self.words = words

    def is_word(self, text: str) -> bool:
        """Return True when the name is one English word ("The University", "Road")."""
        parts = [w for w in text.lower().replace(".", "").split() if w != "the"]
        if len(parts) != 1:
            return False
        word = parts[0]
        # the index holds lemmas: "Villages" in a title-case headline is "village"
        if word in self.words:
            return True
        if len(word) <= 4 or not word.endswith("s"):
            return False
        return word[:-1] in self.words or (word.endswith("ies") and word[:-3] + "y" in self.words)

    @classmethod
    def load(cls, path: Path | None = None) -> ToponymModel | None:
        """Return the shipped model (or the one at path), or None when there is none."""
        if path is None:
            ref = resources.files("sitreps.data") / "model" / MODEL_FILE
            if not ref.is_file():
                return None
            raw = json.loads(ref.read_text(encoding="utf-8"))
        else:
            raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(raw["weights"], raw["bias"], raw["threshold"])

    def probability(self, feats: dict[str, float]) -> float:
        """Return the chance that a candidate with these features is a place."""
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in feats.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def is_place(self, feats: dict[str, float]) -> bool:
        """Return True when the candidate is a place at the trained threshold."""
        return self.probability(feats) >= self.threshold


@lru_cache(maxsize=4)
def shipped_model(spacy_model: str | None = None) -> ToponymModel | None:
    """Return the shipped toponym classifier, with the spaCy model's English words."""
    model = ToponymModel.load()
    if model is not None and spacy_model:
        model.words = english_words(spacy_model)
    return model


@lru_cache(maxsize=4)
def english_words(spacy_model: str) -> frozenset[str]:
    """Return the English words in a spaCy model's lemmatizer index (empty if it has none)."""
    import spacy.util
    from spacy.lookups import Lookups

    try:
        root = spacy.util.get_package_path(spacy_model)
    except ImportError:
        return frozenset()
    found = next(iter(sorted(root.glob("**/lemmatizer/lookups/lookups.bin"))), None)
    if found is None:
        return frozenset()
    lookups = Lookups().from_disk(found.parent)
    if not lookups.has_table("lemma_index"):
        return frozenset()
    table = lookups.get_table("lemma_index")
    words: set[str] = set()
    for pos in ("noun", "verb", "adj", "adv"):
        words.update(table.get(pos, []))
    return frozenset(words)


_UPPER = re.compile(r"(?<![.!?\n]\s)\b[A-Z]")
_WORDS = re.compile(r"\b[a-zA-Z]")


def is_lower_case(sdoc: Doc) -> bool:
    """Return True when the story is written in lower case (no capitals to go by)."""
    text = sdoc.text
    words = len(_WORDS.findall(text))
    if words < 6:
        return False
    return len(_UPPER.findall(text)) / words < LOWER_CASE_SHARE


_NOT_NAMES = frozenset({"DATE", "TIME", "MONEY", "PERCENT"})


def ngram_candidates(
    sdoc: Doc, gaz: Gazetteer, taken: Iterable[tuple[int, int]]
) -> list[NgramCandidate]:
    """Return the longest gazetteer names in runs of name words, outside the taken spans."""
    lower = is_lower_case(sdoc)
    blocked = sorted(taken)
    # Token attributes read once: indexing a Doc token by token is slow.
    whole = sdoc.text
    words = [t.text for t in sdoc]
    lowers = [t.lower() for t in words]
    spaced = [bool(t.whitespace_) for t in sdoc]
    starts = [t.idx for t in sdoc]
    name = [
        bool(_WORD.match(w)) and t.ent_type_ not in _NOT_NAMES and (lower or w[:1].isupper())
        for w, t in zip(words, sdoc, strict=True)
    ]
    joins = [lw in _CONNECT for lw in lowers]
    stops = [lw in STOP_WORDS for lw in lowers]
    n = len(words)
    out: list[NgramCandidate] = []
    i = 0
    while i < n:
        if not name[i] or (lower and stops[i]) or joins[i]:
            i += 1
            continue
        found: NgramCandidate | None = None
        for size in range(min(MAX_WORDS, n - i), 0, -1):
            j = i + size  # exclusive
            if not all(name[k] or joins[k] for k in range(i, j)):
                continue
            if joins[j - 1] or not name[j - 1]:
                continue
            if not all(spaced[k] for k in range(i, j - 1)):
                continue  # "U.S.-backed": only whole words make a name
            a, b = starts[i], starts[j - 1] + len(words[j - 1])
            if any(x < b and a < y for x, y in blocked):
                continue
            text = whole[a:b]
            if len(text) < 3 or (size == 1 and stops[i]):
                continue
            places = gaz.lookup(text)
            if places:
                found = NgramCandidate(i, j, a, b, text, list(places))
                break
        if found is None:
            i += 1
            continue
        out.append(found)
        i = found.end
    return out


def _bucket(x: float, edges: tuple[float, ...]) -> int:
    return sum(x >= e for e in edges)


def _shape(text: str) -> str:
    if text.isupper():
        return "upper"
    if text.islower():
        return "lower"
    words = [w for w in text.split() if w.lower() not in _CONNECT]
    return "title" if all(w[:1].isupper() for w in words) else "mixed"


#: Words the classifier sees as themselves; any other word is "<w>". A closed list keeps
#: the corpus' own names ("Fort", "Washington" in Civil War reports) from being learned as
#: cues: trained with every word, the model called "Police" and "Rodriguez" places.
VOCABULARY = frozenset(STOP_WORDS) | frozenset(
    {
        "village", "villages", "town", "towns", "city", "cities", "province", "provinces",
        "state", "states", "district", "districts", "region", "regions", "county", "counties",
        "capital", "outskirts", "area", "areas", "suburb", "border", "near", "outside",
        "north", "south", "east", "west", "northern", "southern", "eastern", "western",
        "central", "northeast", "northwest", "southeast", "southwest", "km", "kilometres",
        "kilometers", "miles", "river", "lake", "mountain", "mountains", "valley", "coast",
        "island", "islands", "sea", "bay", "gulf", "road", "highway", "street", "camp", "port",
        "fort", "airport", "base", "market", "said", "says", "told", "according", "reported",
        "mr", "mrs", "ms", "dr", "gen", "general", "col", "colonel", "capt", "captain", "maj",
        "major", "lt", "lieutenant", "sgt", "sergeant", "president", "minister", "governor",
        "senator", "sen", "rep", "king", "queen", "prince", "sheikh", "judge", "mayor", "pope",
        "saint", "sir", "lord", "lady", "chief", "spokesman", "spokeswoman", "commander",
        "leader", "coach", "professor", "brigadier", "commanding", "army", "police", "forces",
        "troops", "government", "ministry", "university", "hospital", "council", "party",
        "company", "group", "union", "department",
    }
)  # fmt: skip


def _word(tok: Token | None) -> str:
    if tok is None:
        return "<s>"
    if tok.is_punct:
        return tok.text if tok.text in ",.;:()-\"'" else "<p>"
    if tok.like_num:
        return "<num>"
    if not tok.is_alpha:
        return "<x>"
    return generalise(tok.lower_)


def generalise(word: str) -> str:
    """Return the word as the classifier sees it: itself if in VOCABULARY, else "<w>"."""
    return word if word in VOCABULARY or word.startswith("<") or len(word) == 1 else "<w>"


@dataclass
class StoryFacts:
    """What the whole story says about its words: used by every candidate's features."""

    persons: frozenset[str]
    lower_words: frozenset[str]
    places: frozenset[str]


def story_facts(sdoc: Doc, place_keys: Iterable[str]) -> StoryFacts:
    """Return the person-name words, lower-case words and place keys of a story."""
    persons = frozenset(
        t.lower_ for e in sdoc.ents if e.label_ == "PERSON" for t in e if t.is_alpha
    )
    lower_words = frozenset(t.text for t in sdoc if t.is_alpha and t.text.islower())
    return StoryFacts(persons, lower_words, frozenset(place_keys))


def features(
    sdoc: Doc, cand: NgramCandidate, gaz: Gazetteer, facts: StoryFacts
) -> dict[str, float]:
    """Return the classifier's features for one candidate (name -> value)."""
    span = sdoc[cand.start : cand.end]
    p1 = sdoc[cand.start - 1] if cand.start > 0 else None
    p2 = sdoc[cand.start - 2] if cand.start > 1 else None
    n1 = sdoc[cand.end] if cand.end < len(sdoc) else None
    n2 = sdoc[cand.end + 1] if cand.end + 1 < len(sdoc) else None
    f: dict[str, float] = {}
    w1, w2, x1, x2 = _word(p1), _word(p2), _word(n1), _word(n2)
    if p1 is not None and p1.is_sent_start:
        w2 = "<s>"
    f[f"p1={w1}"] = 1
    f[f"p2={w2}"] = 1
    f[f"p21={w2}_{w1}"] = 1
    f[f"n1={x1}"] = 1
    f[f"n12={x1}_{x2}"] = 1
    f[f"shape={_shape(cand.text)}"] = 1
    f[f"words={cand.end - cand.start}"] = 1
    if span[0].is_sent_start or p1 is None or p1.text in ("\n", '"', "“"):
        f["sent_start"] = 1
    if p1 is not None and p1.text[:1].isupper() and p1.is_alpha and not p1.is_sent_start:
        f["prev_cap"] = 1
        if _TITLES.match(p1.text):
            f["prev_title"] = 1
    if n1 is not None and n1.text[:1].isupper() and n1.is_alpha:
        f["next_cap"] = 1
    ent = span[0].ent_type_ or "none"
    f[f"ent={ent}"] = 1
    ents = [e for e in sdoc.ents if e.start <= cand.start and cand.end <= e.end]
    if ents and (ents[0].end - ents[0].start) > (cand.end - cand.start):
        f[f"inside={ents[0].label_}"] = 1
    lower = cand.text.lower()
    if lower in STOP_WORDS:
        f["stop_word"] = 1
    if cand.text.lower() in facts.lower_words or span[-1].lower_ in facts.lower_words:
        f["common_word"] = 1
    if any(t.lower_ in facts.persons for t in span):
        f["person_word"] = 1
    if gaz.demonym_country(cand.text):
        f["demonym"] = 1
    places = cand.places
    top = places[0]
    f[f"kind={top.kind}"] = 1
    mains = [p for p in places if p.is_main]
    f["main" if mains else "alt_only"] = 1
    pop = max((p.population for p in places), default=0)
    f[f"pop={_bucket(math.log10(pop + 1), (3, 4, 5, 6))}"] = 1
    f[f"readings={_bucket(len(places), (2, 4, 10, 40))}"] = 1
    if any(p.kind in ("country", "province") and p.is_main for p in places):
        f["admin_main"] = 1
    if name_key(cand.text) in facts.places:
        f["named_again"] = 1
    f[f"len={_bucket(len(cand.text), (4, 6, 9))}"] = 1
    return f
