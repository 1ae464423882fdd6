"""Dev sets nobody on the team wrote: real labelled corpora mapped to our sentence labels.

    python -m sitreps.extract.external [--root DIR] [--summary]

Reads three licensed corpora from ``../shared/train`` (beside the repository; ``root``
overrides it) by path at run time, and never copies their text anywhere. Each becomes
`ExternalExample` records: one sentence (or headline) with one of our labels (an ACLED
sub-event type or "PLOVER:<TYPE>"), the corpus it came from, its document, its split and
its register. The mapping is conservative on purpose: a label is given only where the
corpus' own coding allows it, and keywords only choose among the sub-types that coding
allows. Anything ambiguous is dropped, never guessed. No corpus yields "none" examples:
none of them marks sentences that report nothing (in our sense, where talks and threats
are PLOVER events), so every gold label is an event.

Mapping decisions (the table in src/sitreps/data/README.md lists the counts):

UCDP GED (register "headline"). Each ``;``-separated title of an event's
``source_headline`` is a candidate, cut at its first line break (bylines follow).
Dropped: titles under six words (the cleaner rejects a shorter story), URLs, French,
Spanish or Portuguese titles (our typer reads English), report and round-up titles
(report, tracker, bulletin, update, mapping; tolls and tallies: "death toll", "number
of", "rises to", "yesterday", "hours", "days", "month", year ranges), titles naming
attempts, plans, risks or denials, and comment ("condemns", "denounces", "accuses").
Cues are whole-word patterns (`CUES`). A title naming two groups of cues (two weapon
families, a weapon and fighting, fighting and a capture, an execution beside a strike)
most likely sums up several events and is dropped. Then, by ``type_of_violence``:

- 1 or 2 (state-based or non-state conflict): one weapon family →
  Air/drone strike (air strike, warplane, helicopter, drone, aerial, barrel bomb: ACLED
  codes helicopter-dropped barrel bombs as air strikes), Shelling/artillery/missile attack
  (shelling, artillery, mortar, rocket, missile), Remote explosive/landmine/IED (IED,
  roadside/car bomb, landmine, explosive device, booby trap; only with an explosion or
  casualties: "scanning for landmines" is no event) or Suicide bomb (suicide); "raids"
  (air raids, in these titles) beside shelling or an IED → dropped; chemical weapons →
  dropped (the titles are mostly claims and comment). A fighting cue (clash, battle,
  fighting, ambush, offensive, an attack on positions) → Armed clash. A capture verb
  with a place ("recapture the town", "took control of two villages") → Government
  regains territory when government forces (regime, army, troops) are named before a
  retake verb and UCDP's side_a is a government; Non-state actor overtakes territory for
  type 2 (both sides non-state) when no government and no loss is named; any other
  capture → dropped. "Bombardment", "bombing", "explosion", "targeted" with no weapon
  family (the sub-type unknowable) → dropped.
- 3 (one-sided violence against civilians): kidnap/abduct/hostage → Abduction/forced
  disappearance (dropped if a killing is named too); rape/sexual → Sexual violence; one
  weapon family → that Explosions/Remote violence type (ACLED codes shelling of
  civilians as shelling); otherwise a killing cue (killed, massacre, executed, shot,
  attack) → Attack. Titles that also name fighting or a capture are dropped.

A title shared by several events keeps one example if their labels agree and is dropped
if they do not. Split: titles and events are joined into groups (an event and every title
it has; a title and every event that has it), and a group's split is a fixed hash of its
smallest member, so one event's headlines never fall on both sides.

MUC-3/4 (register "wire-1990"). Only non-optional templates with one incident type and one
stage are used. Every template is tied to the first sentence of its document (after the
dateline) that names one of its targets (human target name or description, physical
target), carries a cue of its type (for attacks, a verb of the act: "killed", "shot",
not the noun of a commentary, "the murder of"), and has no hedge (will, would, threat,
deny, attempt; except for threats) and no comment (condemn, investigate, accuse, funeral,
headlines). A sentence tied to templates of different labels is dropped.

- BOMBING, ACCOMPLISHED → by ``instrument_type``: none, BOMB, DYNAMITE, EXPLOSIVE,
  VEHICLE BOMB, MINE → Remote explosive/landmine/IED ("suicide" in the sentence → Suicide
  bomb); GRENADE → Grenade; MORTAR or ROCKET → Shelling/artillery/missile attack; AERIAL
  BOMB → Air/drone strike; MOLOTOV COCKTAIL (a petrol bomb: a riot in ACLED) or mixed
  kinds → dropped.
- ATTACK, ACCOMPLISHED → instrument MORTAR/ROCKET → Shelling; AERIAL BOMB → Air/drone
  strike; BOMB/EXPLOSIVE/DYNAMITE → Remote explosive; otherwise by ``hum_tgt_type``: all
  targets civilian, political, government, judicial, diplomatic or former officials →
  Attack; all targets ACTIVE MILITARY or LAW ENFORCEMENT with a TERRORIST ACT perpetrator →
  Armed clash (rebels attacking security forces is a battle in ACLED); a mix, or no human
  target → dropped.
- KIDNAPPING, ACCOMPLISHED → Abduction/forced disappearance; sentences that also say the
  hostage was killed are dropped (that is an Attack in ACLED, and the template cannot say
  which sentence reports which).
- ARSON, ACCOMPLISHED, with no human target killed or injured → Looting/property
  destruction. ROBBERY, ACCOMPLISHED → Looting/property destruction.
- Stage THREATENED (any type) → PLOVER:THREATEN, only with a threat cue in the sentence.
- BOMBING, ATTEMPTED, with defused/deactivated/dismantled in the sentence → Disrupted
  weapons use; other attempts are dropped. FORCED WORK STOPPAGE → dropped.
- Documents with no template give no examples: they are not about a MUC incident but may
  still report a battle or a political act, so they are no safe "none".

1,600 of the 1,700 MUC texts are ALL CAPS; those sentences are recased by rule (lower
case, sentence-initial capital; the key's person names, organisations and places, and
months and weekdays, in title case; acronyms the text puts in parentheses, and one-word
perpetrator organisations, upper case) and marked ``recased``.

ECB+ (register "news"). ECB+ has no event classes; its annotators named every event
chain (``chain_descriptor``). `ECB_CHAINS` maps the chains of a violent, protest or arrest
event to one of our labels, each with a cue the sentence must carry; a sentence gets the
label of the ACTION_OCCURRENCE mentions of mapped chains in it, and is dropped when those
disagree, when it reports a court step (charged, convicted, trial, sentenced, verdict:
the sentence then reports the court, not the act), or when it hedges or comments
(condemns, calls for an inquiry: our own examples label those PLOVER acts). Chains left
out: demonstrations and vigils that later turned violent (peaceful or not is unclear),
piracy attacks (ACLED's coding of piracy varies), accidental fires, jewellery heists
(crime ACLED does not code), a lone inmate's escape, deaths in custody. The shootings and
stabbings kept are crimes ACLED would mostly not code; the label says what kind of act
the sentence reports.

Splits are by document (GED: by title-and-event group), never by sentence: a fixed md5
hash puts about 30% of documents in "dev" and the rest in "train".
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = [
    "CORPORA",
    "CUES",
    "ECB_CHAINS",
    "ExternalExample",
    "default_root",
    "ecb_examples",
    "ged_examples",
    "ged_label",
    "load_external",
    "main",
    "muc_date",
    "muc_examples",
    "muc_label",
    "split_of",
]

#: Corpus names, as `ExternalExample.source` gives them.
CORPORA = ("ucdp_ged", "muc34", "ecbplus_conflict")
#: Share of documents (groups) in the dev split, out of 100.
DEV_PERCENT = 30


@dataclass(frozen=True)
class ExternalExample:
    """One sentence of a real corpus with our label, its document and its split."""

    text: str
    label: str
    source: str
    doc_id: str
    split: str  # "train" or "dev"
    register: str  # "headline", "wire-1990" or "news"
    #: The corpus' own code the label came from, e.g. "type_of_violence=1" or "BOMBING".
    corpus_label: str = ""
    #: Which mapping rule gave the label (the cue family or chain), for error analysis.
    rule: str = ""
    published: str | None = None
    country: str | None = None
    deaths: int | None = None
    side_a: str | None = None
    side_b: str | None = None
    #: True when an ALL CAPS text was recased by rule (MUC).
    recased: bool = False
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


def default_root() -> Path:
    """Return ``../shared/train`` beside the repository this module sits in."""
    return Path(__file__).resolve().parents[3].parent / "shared" / "train"


def split_of(source: str, key: str) -> str:
    """Return "dev" or "train" for a document (or group) key, by a fixed hash."""
    digest = hashlib.md5(f"{source}:{key}".encode()).hexdigest()
    return "dev" if int(digest, 16) % 100 < DEV_PERCENT else "train"


def _rx(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")", re.I)


#: Whole-word cue families shared by the three mappings (case-insensitive).
CUES: dict[str, re.Pattern[str]] = {
    # weapon families: each names one Explosions/Remote violence sub-event type (REMOTE)
    "suicide": _rx(r"suicide", r"blew (?:him|her|them)sel(?:f|ves) up", r"svbied", r"self-blow"),
    "air": _rx(
        r"air ?-?strikes?", r"air raids?", r"war ?planes?", r"warjets?", r"jets?\b",
        r"helicopters?", r"drones?", r"aerial", r"aircraft", r"air forces?", r"barrel[- ]bombs?",
        r"planes?\b", r"bombers?\b", r"air and ground",
    ),
    "shelling": _rx(
        r"shell(?:s|ed|ing)?\b", r"artillery", r"mortars?", r"rockets?", r"missiles?",
        r"cannons?", r"tank fire", r"howitzers?", r"grads?\b",
    ),
    "ied": _rx(
        r"ieds?\b", r"improvised explosive", r"explosive devices?", r"roadside bombs?",
        r"car[- ]bombs?", r"booby-?trap\w*", r"land ?mines?", r"mines? (?:blast|explo)\w*",
        r"vbieds?", r"bomb(?:ed|ing)? (?:car|vehicle|motorbike|motorcycle)", r"explosive[- ]laden",
    ),
    "chemical": _rx(r"chemical", r"chlorine", r"sarin", r"toxic gas", r"poison(?:ous)? gas"),
    # remote violence with the weapon unnamed: no sub-event type can be chosen
    "vague_remote": _rx(
        r"bombard\w*", r"bomb(?:s|ing|ings|ed)?\b", r"explosions?", r"blasts?",
        r"target(?:s|ed|ing)?\b", r"raids?\b",
    ),
    "fight": _rx(
        r"clash\w*", r"fight(?:s|ing)?\b", r"fought", r"battles?\b", r"combats?\b",
        r"confrontations?", r"skirmish\w*", r"firefights?", r"exchange of fire", r"ambush\w*",
        r"offensives?", r"gun ?battles?",
    ),
    "assault": _rx(
        r"(?:new |ground |violent )?attacks? (?:on|against) (?:the )?positions",
        r"ground (?:attack|assault|offensive)", r"counter-?attack\w*", r"assault\w*",
    ),
    "capture": _rx(
        r"(?:re-?)?captur\w*", r"seiz\w*", r"t(?:ook|ake|aking) control", r"control (?:of|over)",
        r"retak\w*", r"retook", r"regain\w*", r"overr[au]n", r"liberat\w*", r"expel\w*",
        r"expand\w* (?:their |its )?control",
    ),
    # a capture of a place: the verb, then within six words a kind of place
    "takeover": _rx(
        r"(?:captur(?:ed|es)|seiz(?:ed|es)|t(?:ook|akes?) (?:full )?control|overr[au]n|"
        r"storm(?:ed|s)|re-?captur\w*|retak\w*|retook|regain\w*|restor\w* control)"
        r"(?: \S+){0,6}? (?:control|villages?|towns?|city|cities|neighbou?rhoods?|areas?|"
        r"sites?|positions?|hills?|bases?|airports?|districts?|points?|parts?|checkpoints?)\b"
    ),
    "retake": _rx(r"recaptur\w*", r"retak\w*", r"retook", r"regain\w*", r"restor\w* control"),
    "lost": _rx(r"los(?:t|es|ing)\b", r"expelled", r"withdr\w*", r"retreat\w*"),
    "government": _rx(
        r"regime", r"government (?:forces|troops)", r"army", r"troops", r"soldiers", r"military",
        r"loyalist",
    ),
    "non_state": _rx(
        r"factions?", r"rebels?", r"opposition", r"(?-i:IS)\b", r"isis", r"isil", r"islamic state",
        r"daesh", r"tahrir", r"hts", r"nusra", r"sdf", r"ypg", r"jihad\w*", r"militants?",
        r"insurgents?", r"fighters", r"militias?", r"groups?", r"al-qaeda", r"ahrar",
    ),
    # killing that is no battle and no remote violence: beside a weapon family it marks
    # a second event in the title
    "execution": _rx(
        r"execut\w*", r"behead\w*", r"massacr\w*", r"shot dead", r"snipers?", r"tortur\w*",
        r"assassinat\w*", r"gunfire", r"gunmen", r"ground (?:attack|strikes?|operation)",
    ),
    "impact": _rx(
        r"explo\w*", r"blasts?", r"detonat\w*", r"kill\w*", r"casualt\w*", r"dead\b", r"deaths?",
        r"wound\w*", r"injur\w*", r"hits?\b", r"struck",
    ),
    "abduct": _rx(r"kidnap\w*", r"abduct\w*", r"hostages?", r"seque?st\w*"),
    "sexual": _rx(r"rap(?:e|ed|es|ing)\b", r"sexual"),
    "kill": _rx(
        r"kill\w*", r"massacr\w*", r"execut\w*", r"shot\b", r"shoot\w*", r"murder\w*",
        r"slaughter\w*", r"behead\w*", r"dead\b", r"slain", r"assassinat\w*", r"attack\w*",
        r"tortur\w*", r"machine-?gunned", r"gunned down", r"stabb\w*", r"wound\w*", r"injur\w*",
    ),
    # an act reported as done (verbs), not named as a noun ("the murder of") in comment
    "act": _rx(
        r"killed", r"shot\b", r"murdered", r"assassinated", r"machine-?gunned", r"wounded",
        r"injur(?:ed|ing)", r"attacked", r"gunned down", r"found dead", r"slain", r"massacred",
        r"executed", r"tortured", r"stabbed", r"opened fire", r"fired (?:at|on)",
        r"beat(?:en)?\b", r"hacked", r"killing", r"ambushed",
    ),
    "bomb": _rx(r"bomb\w*", r"explo\w*", r"dynamit\w*", r"blast\w*", r"blew up", r"detonat\w*"),
    "grenade": _rx(r"grenades?"),
    "burn": _rx(
        r"burn\w*", r"set (?:\w+ )?(?:on )?fire", r"arson\w*", r"torch\w*", r"ablaze",
        r"incendiar\w*", r"set alight", r"fire-?bomb\w*", r"blaze",
    ),
    "rob": _rx(
        r"rob\w*", r"stole\b", r"stolen", r"steal\w*", r"loot\w*", r"hold-?up", r"held up",
        r"heist",
    ),
    "threat": _rx(r"threat\w*", r"warn\w*", r"ultimatum"),
    "defuse": _rx(r"defus\w*", r"deactivat\w*", r"dismantl\w*", r"disarm\w*"),
    "arrest": _rx(
        r"arrest\w*", r"captur\w*", r"caught", r"nabb?\w*", r"apprehend\w*", r"detain\w*",
        r"custody", r"picked up", r"raids?\b", r"sweep", r"swoop", r"intercept\w*", r"seiz\w*",
        r"held\b",
    ),
    "riot": _rx(
        r"riot\w*", r"clash\w*", r"petrol bombs?", r"fire-?bomb\w*", r"molotov\w*", r"torch\w*",
        r"set fire", r"storm\w*", r"hurl\w*", r"threw", r"smash\w*", r"unrest", r"battl\w*",
        r"fought", r"violen\w*", r"burn\w*", r"fire\b", r"rampag\w*", r"looted",
    ),
    # plans, attempts, threats, denials: no accomplished act (except for THREATEN itself)
    "hedge": _rx(
        r"will\b", r"would\b", r"threat\w*", r"den(?:y|ied|ies)", r"attempt\w*",
        r"tr(?:y|ied|ies|ying) to", r"plan\w*", r"to (?:re)?(?:gain|take|captur\w*)", r"aim\w* to",
        r"seek\w* to", r"retr(?:y|ies|ied)", r"bid to", r"fears?\b", r"what we know",
    ),
    # statements about an act (condemning, investigating, mourning it) are no report of it:
    # our own examples label them PLOVER acts or no event
    "comment": _rx(
        r"condemn\w*", r"denounc\w*", r"repudiat\w*", r"investigat\w*", r"probe", r"disput\w*",
        r"claim\w*", r"accus\w*", r"blam\w*", r"responsib\w*", r"funeral", r"mourn\w*",
        r"headlines?", r"involvement", r"apologi[sz]\w*", r"wants?\b", r"demand\w*",
        r"call(?:s|ed)? for", r"urg\w*", r"seems?\b", r"recall\w*", r"anniversary", r"protest\w*",
    ),
    # a court step: the sentence reports the court, not the act
    "court": _rx(
        r"charg\w*", r"convict\w*", r"trial", r"sentenc\w*", r"verdict", r"guilty", r"plead\w*",
        r"jury", r"jurors?", r"arraign\w*", r"accused", r"prosecut\w*", r"testif\w*", r"court",
    ),
}

#: One weapon family per Explosions/Remote violence sub-event type, in precedence order.
REMOTE = {
    "suicide": "Suicide bomb",
    "chemical": "Chemical weapon",
    "air": "Air/drone strike",
    "shelling": "Shelling/artillery/missile attack",
    "ied": "Remote explosive/landmine/IED",
}


def _has(name: str, text: str) -> bool:
    return CUES[name].search(text) is not None


def _families(text: str) -> list[str]:
    found = [name for name in REMOTE if _has(name, text)]
    if "suicide" in found:  # a suicide car bomb is a suicide bomb, not a car bomb
        found = [f for f in found if f != "ied"]
    return found


# --- UCDP GED ---------------------------------------------------------------------------

#: Function words of French, Spanish and Portuguese: two in a title mark it as not English.
_FOREIGN = re.compile(
    r"(?<!\w)(?:les?|la|des|du|et|dans|une?|à|sur|aux?|los|las|del|en|por|con|é|e|em|do|da|"
    r"dos|das|um|uma|para|y|ses|entre|après|pour|sont|est|au)(?!\w)",
    re.I,
)
_NOT_A_TITLE = _rx(
    r"reports?\b", r"tracker", r"bulletin", r"update", r"mapping", r"situation", r"overview",
    r"monitor\w*", r"digest", r"summary", r"list\b", r"incidents", r"brief\w*", r"annual",
    r"death toll", r"number of", r"rises? to", r"raises? to", r"toll", r"yesterday",
    r"per day", r"months?\b", r"weeks?\b", r"years?\b", r"since\b", r"so far", r"total",
    r"https?", r"www", r"hours\b", r"days?\b", r"\d{4} ?- ?\d{4}", r"risks?\b", r"lead\b",
)


#: Titles of fewer words are left out of training (the shipped model was trained so).
MIN_TITLE_WORDS = 6


def _title_ok(title: str) -> bool:
    words = title.split()
    if len(words) < MIN_TITLE_WORDS or not re.search(r"[A-Za-z]{3}", title):
        return False
    if len(set(_FOREIGN.findall(title.lower()))) >= 2:
        return False
    return not any(_has(c, title) for c in ("hedge", "comment")) and not _NOT_A_TITLE.search(title)


def _before(cue: str, title: str) -> str:
    """Return the title up to the first match of a cue (the subject side of a clause)."""
    m = CUES[cue].search(title)
    return title[: m.start()] if m else ""


def _groups(title: str) -> set[str]:
    """Return the cue groups a title names: weapon families, fighting, capture, abduction..."""
    found = set(_families(title))
    for name in ("fight", "capture", "abduct", "sexual", "execution", "assault"):
        if _has(name, title):
            found.add(name)
    return found


def ged_label(title: str, violence: int, side_a: str = "") -> tuple[str, str]:
    """Return (label, rule) for one GED title of an event, or ("", reason) when dropped.

    A title naming two groups of cues ("shelling and clashes", "air strikes and an IED")
    most likely sums up several events, and is dropped.
    """
    if not _title_ok(title):
        return "", "not an event title"
    groups = _groups(title)
    if violence == 3:
        groups.discard("execution")  # executions are the Attack the type already says
        if len(groups) > 1 or groups & {"fight", "capture", "assault"}:
            return "", "several groups, or fighting in one-sided violence"
        if groups == {"abduct"}:
            if _has("kill", title):
                return "", "abducted and killed"
            return "Abduction/forced disappearance", "abduct"
        if groups == {"sexual"}:
            return "Sexual violence", "sexual"
        if groups:
            (family,) = groups
            if family == "chemical":
                return "", "chemical: mostly claims and comment"
            return REMOTE[family], family
        if _has("vague_remote", title):
            return "", "weapon unknown"
        return ("Attack", "kill") if _has("kill", title) else ("", "no cue")
    if violence not in (1, 2):
        return "", "unknown type_of_violence"
    if len(groups) != 1:
        return "", "no cue or several groups" if groups else "no cue"
    (group,) = groups
    if group in REMOTE:
        if group == "chemical":
            return "", "chemical: mostly claims and comment"
        if group == "ied" and not _has("impact", title):
            return "", "device found, no explosion"
        if group != "air" and re.search(r"\braids?\b", title, re.I):
            return "", "raids (air, in these titles) beside another weapon"
        return REMOTE[group], group
    if _has("vague_remote", title):
        return "", "weapon unknown"
    if group == "capture":
        if (
            violence == 1
            and _has("retake", title)
            and _has("takeover", title)
            and side_a.startswith("Government of")
        ):
            subject = _before("retake", title)
            if _has("government", subject) and not _has("non_state", subject):
                return "Government regains territory", "retake"
        if (
            violence == 2
            and _has("takeover", title)
            and not any(_has(c, title) for c in ("retake", "government", "lost"))
        ):
            return "Non-state actor overtakes territory", "capture"
        return "", "capture, winner unclear"
    if group in ("fight", "assault"):
        return "Armed clash", group
    return "", f"{group} in a battle"


def _ged_titles(headline: str) -> list[str]:
    """Return the titles of a GED headline string (each cut at a line break: bylines follow)."""
    titles = (t.strip().splitlines()[0] if t.strip() else "" for t in headline.split(";"))
    return [t.split("\t")[0].strip(" .\"'") for t in titles if t.strip(" .\"'")]


def _norm(title: str) -> str:
    return re.sub(r"\W+", " ", title.lower()).strip()


def read_ged(path: Path) -> list[dict[str, Any]]:
    """Return the GED events of ``ged_headlines.jsonl.gz`` at path."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


class Groups:
    """Which keys belong together (union-find); a group is named by its smallest key.

    GED titles and events are joined this way (an event with all its titles, a title with
    all its events) before a hash of the group sends it to one split.
    """

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        """Return the name of x's group."""
        parent = self.parent
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(self, a: str, b: str) -> None:
        """Put a and b in one group."""
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def ged_examples(path: Path) -> Iterator[ExternalExample]:
    """Yield the labelled GED titles of ``ged_headlines.jsonl.gz`` at path."""
    events = read_ged(path)
    labels: dict[str, set[str]] = defaultdict(set)
    first: dict[str, tuple[str, dict[str, Any], str]] = {}
    groups = Groups()
    find = groups.find

    for ev in events:
        node = f"event:{ev['id']}"
        for title in _ged_titles(ev.get("source_headline") or ""):
            key = _norm(title)
            groups.join(node, f"title:{key}")
            label, rule = ged_label(title, int(ev["type_of_violence"]), ev.get("side_a") or "")
            labels[key].add(label)
            first.setdefault(key, (title, ev, rule))
    for key, (title, ev, rule) in first.items():
        got = labels[key]
        if len(got) != 1 or "" in got:
            continue  # dropped, or events sharing this title disagree
        deaths = ev.get("best")
        yield ExternalExample(
            text=title,
            label=next(iter(got)),
            source="ucdp_ged",
            doc_id=str(ev["id"]),
            split=split_of("ucdp_ged", find(f"title:{key}")),
            register="headline",
            corpus_label=f"type_of_violence={ev['type_of_violence']}",
            rule=rule,
            published=ev.get("date_start"),
            country=ev.get("country"),
            deaths=int(deaths) if deaths is not None else None,
            side_a=ev.get("side_a"),
            side_b=ev.get("side_b"),
            extra={"subset": ev.get("subset"), "where": ev.get("where_coordinates")},
        )


# --- MUC-3/4 ----------------------------------------------------------------------------

_CIVILIAN_TARGETS = {
    "CIVILIAN", "POLITICAL FIGURE", "GOVERNMENT OFFICIAL", "LEGAL OR JUDICIAL", "DIPLOMAT",
    "FORMER GOVERNMENT OFFICIAL", "FORMER ACTIVE MILITARY", "CLERGY",
}  # fmt: skip
_ARMED_TARGETS = {"ACTIVE MILITARY", "LAW ENFORCEMENT"}
_IED = {"BOMB", "DYNAMITE", "EXPLOSIVE", "VEHICLE BOMB", "MINE"}
_MONTHS = {
    "JAN": "01", "FEB": "02", "MAR": "03", "APR": "04", "MAY": "05", "JUN": "06",
    "JUL": "07", "AUG": "08", "SEP": "09", "OCT": "10", "NOV": "11", "DEC": "12",
}  # fmt: skip


def _values(slot: list[dict[str, Any]]) -> set[str]:
    return {v.strip("? ") for item in slot for v in item.get("value") or []}


def _strings(slot: list[dict[str, Any]]) -> list[str]:
    return [s for item in slot for s in item.get("strings") or []]


def muc_label(template: dict[str, Any]) -> tuple[str, str, str]:
    """Return (label, cue family the sentence needs, rule) for a template; label "" drops it."""
    kinds = template.get("incident_type") or []
    stages = [s.strip("? ") for s in template.get("stage_of_execution") or []]
    if template.get("optional") or len(kinds) != 1 or len(stages) != 1:
        return "", "", "optional or several types/stages"
    kind, stage = kinds[0], stages[0]
    instruments = _values(template.get("instrument_type") or [])
    targets = _values(template.get("hum_tgt_type") or [])
    if stage == "THREATENED":
        return "PLOVER:THREATEN", "threat", f"{kind} threatened"
    if stage == "ATTEMPTED":
        if kind == "BOMBING":
            return "Disrupted weapons use", "defuse", "bombing attempted, defused"
        return "", "", "attempt"
    if stage != "ACCOMPLISHED":
        return "", "", "unknown stage"
    if kind == "BOMBING":
        if not instruments or instruments <= _IED:
            return "Remote explosive/landmine/IED", "bomb", "bombing"
        table = {
            frozenset({"GRENADE"}): ("Grenade", "grenade"),
            frozenset({"MORTAR"}): ("Shelling/artillery/missile attack", "shelling"),
            frozenset({"ROCKET"}): ("Shelling/artillery/missile attack", "shelling"),
            frozenset({"AERIAL BOMB"}): ("Air/drone strike", "air"),
        }
        label, cue = table.get(frozenset(instruments), ("", ""))
        return label, cue, f"bombing {'/'.join(sorted(instruments))}"
    if kind == "ATTACK":
        if instruments & {"MORTAR", "ROCKET"} and len(instruments) == 1:
            return "Shelling/artillery/missile attack", "shelling", "attack with mortar/rocket"
        if instruments == {"AERIAL BOMB"}:
            return "Air/drone strike", "air", "attack with aerial bomb"
        if instruments and instruments <= {"BOMB", "EXPLOSIVE", "DYNAMITE"}:
            return "Remote explosive/landmine/IED", "bomb", "attack with explosives"
        if instruments & {"MORTAR", "ROCKET", "AERIAL BOMB", "GRENADE", "MOLOTOV COCKTAIL"}:
            return "", "", "mixed instruments"
        perps = {p.strip("? ") for p in template.get("perp_incident_category") or []}
        if targets and targets <= _CIVILIAN_TARGETS:
            return "Attack", "kill", "attack on civilians"
        if targets and targets <= _ARMED_TARGETS and perps == {"TERRORIST ACT"}:
            return "Armed clash", "fight_or_kill", "attack on security forces"
        return "", "", "targets mixed or none"
    if kind == "KIDNAPPING":
        return "Abduction/forced disappearance", "abduct", "kidnapping"
    if kind == "ARSON":
        effects = _values(template.get("hum_tgt_effect") or [])
        if effects & {"DEATH", "INJURY"}:
            return "", "", "arson with casualties"
        return "Looting/property destruction", "burn", "arson"
    if kind == "ROBBERY":
        return "Looting/property destruction", "rob", "robbery"
    return "", "", f"{kind} not coded"


_ABBREV = re.compile(r"\b(?:[A-Z]\.|MR|MRS|DR|GEN|COL|LT|CAPT|MAJ|SGT|GOV|SEN|REP|ST|NO|VS)\.$",
                     re.I)


def _sentences(text: str) -> list[str]:
    """Return the sentences of a MUC or plain text, split by punctuation (abbreviations kept)."""
    out: list[str] = []
    for para in re.split(r"\n\s*\n", text):
        buf = ""
        for piece in re.split(r"(?<=[.!?])\s+", para.replace("\n", " ")):
            buf = f"{buf} {piece}".strip()
            if not _ABBREV.search(buf):
                out.append(buf)
                buf = ""
        if buf:
            out.append(buf)
    return [s for s in out if len(s.split()) >= 4]


def _body(text: str) -> str:
    """Return a MUC text without its dateline header and bracketed markers."""
    head = re.search(r"\[TEXT\]", text, re.I)
    if head:
        text = text[head.end() :]
    return re.sub(r"\[[^\]]{0,60}\]\s*", "", text).strip()


def _recase(sentence: str, names: set[str], acronyms: set[str]) -> str:
    """Return an ALL CAPS sentence in sentence case, with known names and acronyms restored."""
    words = re.split(r"(\W+)", sentence.lower())
    out = []
    for word in words:
        up = word.upper()
        if up in acronyms:
            out.append(up)
        elif up in names:
            out.append(word.capitalize())
        else:
            out.append(word)
    text = "".join(out)
    return re.sub(r"^(\W*)(\w)", lambda m: m.group(1) + m.group(2).upper(), text)


_MONTH_WORDS = {
    "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER",
    "OCTOBER", "NOVEMBER", "DECEMBER", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY",
    "FRIDAY", "SATURDAY", "SUNDAY",
}  # fmt: skip


def muc_date(dateline: str | None) -> str | None:
    """Return a MUC date ("3 JAN 90") as ISO "1990-01-03", None when it is none."""
    m = re.match(r"(\d{1,2}) ([A-Z]{3}) (\d{2})", (dateline or "").upper())
    if not m or m.group(2) not in _MONTHS:
        return None
    return f"19{m.group(3)}-{_MONTHS[m.group(2)]}-{int(m.group(1)):02d}"


def _names(doc: dict[str, Any]) -> tuple[set[str], set[str]]:
    """Return the capitalised words (names, places) and acronyms of a document.

    Names come from the key's person names, organisations and places; acronyms are short
    words the text puts in parentheses, "(ELN)", or a one-word perpetrator organisation.
    """
    names: set[str] = set(_MONTH_WORDS)
    text = (doc.get("text") or "").upper()
    acronyms = {a for a in re.findall(r"\(([A-Z]{2,6})\)", text)}
    for t in doc.get("templates") or []:
        for slot in ("perp_organization_id", "hum_tgt_name"):
            for s in _strings(t.get(slot) or []):
                toks = re.findall(r"[A-Z][A-Z'-]+", s.upper())
                if slot == "perp_organization_id" and len(toks) == 1:
                    if len(toks[0]) <= 5 and toks[0] not in _COMMON:
                        acronyms.add(toks[0])
                else:
                    names.update(x for x in toks if len(x) > 2 and x not in _COMMON)
        loc = re.sub(r"\([A-Z ]+\)", " ", (t.get("location") or "").upper())
        names.update(x for x in re.findall(r"[A-Z][A-Z'-]+", loc) if len(x) > 2)
    names.update(re.findall(r"[A-Z][A-Z'-]+", (doc.get("dateline_place") or "").upper()))
    return names - _COMMON, acronyms


#: Words that occur in names but read as ordinary words elsewhere.
_COMMON = {
    "THE", "AND", "FOR", "DEL", "LOS", "LAS", "ARMY", "NAVY", "POLICE", "FRONT", "FORCES",
    "NATIONAL", "PEOPLE", "PEOPLE'S", "ARMED", "GROUP", "PARTY", "COMMAND", "MOVEMENT",
    "GUERRILLAS", "SOLDIERS", "TROOPS", "UNION", "REVOLUTIONARY", "LIBERATION", "DEATH",
}  # fmt: skip


def _tied(sentence: str, template: dict[str, Any]) -> bool:
    """Return True when the sentence names one of the template's targets."""
    up = sentence.upper()
    slots = ("hum_tgt_name", "hum_tgt_description", "phys_tgt_id")
    return any(
        len(s) > 3 and re.search(r"\b" + re.escape(s) + r"\b", up)
        for slot in slots
        for s in _strings(template.get(slot) or [])
    )


def _cued(cue: str, sentence: str) -> bool:
    if cue == "fight_or_kill":
        return _has("fight", sentence) or _has("act", sentence)
    if cue == "kill":  # an act reported, not the noun ("the murder of") of a commentary
        return _has("act", sentence)
    if cue == "burn":  # "opened fire" is gunfire, not arson
        return _has("burn", sentence) and not re.search(r"opened fire|fire on", sentence, re.I)
    return _has(cue, sentence)


def muc_examples(path: Path) -> Iterator[ExternalExample]:
    """Yield labelled sentences of ``muc34.jsonl.gz`` at path (one per mapped template)."""
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    for doc in docs:
        sentences = _sentences(_body(doc.get("text") or ""))
        picked: dict[int, tuple[str, str, str]] = {}
        clash: set[int] = set()
        for t in doc.get("templates") or []:
            label, cue, rule = muc_label(t)
            if not label:
                continue
            for i, s in enumerate(sentences):
                hedged = (cue != "threat" and _has("hedge", s)) or _has("comment", s)
                if not _tied(s, t) or not _cued(cue, s) or hedged:
                    continue
                if label == "Abduction/forced disappearance" and _has("kill", s):
                    continue
                if label.startswith("Remote") and _has("suicide", s):
                    label, rule = "Suicide bomb", rule + ", suicide"
                if i in picked and picked[i][0] != label:
                    clash.add(i)
                picked.setdefault(i, (label, rule, "/".join(t["incident_type"])))
                break
        caps = sum(c.isupper() for c in doc.get("text", "")) > 0.5 * sum(
            c.isalpha() for c in doc.get("text", "")
        )
        names, acronyms = _names(doc) if caps else (set(), set())
        for i, (label, rule, kind) in sorted(picked.items()):
            if i in clash:
                continue
            text = _recase(sentences[i], names, acronyms) if caps else sentences[i]
            yield ExternalExample(
                text=text,
                label=label,
                source="muc34",
                doc_id=str(doc["id"]),
                split=split_of("muc34", str(doc["id"])),
                register="wire-1990",
                corpus_label=kind,
                rule=rule,
                published=muc_date(doc.get("dateline_date")),
                recased=caps,
                extra={"muc_split": doc.get("split")},
            )


# --- ECB+ -------------------------------------------------------------------------------

#: ECB+ chain descriptor -> (our label, cue family the sentence must carry). Chains not
#: listed give no examples (see the module docstring for what was left out and why).
ECB_CHAINS: dict[str, tuple[str, str]] = {
    chain: (label, cue)
    for label, cue, chains in (
        # topic 41: Sudan's aircraft bombing Yida camp; the Gaza UN school strike, where the
        # sentence's weapon family decides between shelling and an air strike ("<remote>")
        ("Air/drone strike", "air", "t41_drop_bombs_camp t41_sudan_strikes"),
        ("<remote>", "remote", "t41b_school_attacked"),
        # topic 8: the Oregon bank bombing; the Athens riot that fire-bombed a bank
        ("Remote explosive/landmine/IED", "bomb", "t8b_exploded t8b_killing"),
        ("Violent demonstration", "riot",
         "t8_rioting t8_storm_parliament t8_tried_to_storm t8_threw_fire_bomb "
         "t8_bomb_attack_eallier t8_torched t8_fire_bank t8_broke_window t8_fighting"),
        # topic 19: riots in Brooklyn (2013) and Greece (2008) after police shootings; the
        # police shooting itself is state forces attacking a civilian
        ("Violent demonstration", "riot",
         "t19_riot t19_riot_breaks_out t19_turned_unpeaceful t19b_riots"),
        ("Attack", "kill", "t19_shot t19_killed t19b_shooting t19b_killing"),
        # topic 12: the Indian navy fighting off and capturing pirates
        ("Armed clash", "fight_or_fire", "t12_thwarted t12b_thwarted"),
        ("Arrests", "arrest", "t12_pirates_arrested t12b_capture t12_captured_three_boats"),
        # topic 13: the Wasilla church arson (the warehouse fire may be an accident: left out)
        ("Looting/property destruction", "arson", "t13b_arson t13b_destroyed"),
        # topics 3, 16, 18, 22, 26, 32, 33, 45: shootings, stabbings and arrests
        ("Attack", "kill",
         "t15_shot t15_murder t18_shooting t18_killing t18_injured t18b_shooting t18b_killing "
         "t22_shooting t22_killing t22_opened_fire t22_wounded t32_double_murder "
         "t32b_two_counts_murder t33_shooting t33_spraying_bullets t33_killing_mother "
         "t33_injury_of_2_victims t33b_fired t33b_hit t33b_shooting t33b_shooting_death "
         "t45_shooting_death t45_shot_twice_in_head"),
        ("Arrests", "arrest",
         "t3_capture t15b_arrest t18_arrested t22b_arrested t26b_arrest t26b_police_raid "
         "t32_john_arrested t32b_gary_gomes_arrested"),
    )
    for chain in chains.split()
}


def _detok(tokens: list[str]) -> str:
    """Return ECB+ tokens as plain text (no space before punctuation, quotes joined)."""
    text = " ".join(tokens).replace("``", '"').replace("''", '"')
    text = re.sub(r" ([.,;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    text = re.sub(r'" (.*?) "', r'"\1"', text)
    return re.sub(r" - ", "-", text)


def _ecb_label(chain_label: str, cue: str, text: str) -> str:
    """Return the sentence's label for a mapped chain, or "" when its cue is missing."""
    if chain_label == "<remote>":
        fams = [f for f in _families(text) if f in ("air", "shelling")]
        return REMOTE[fams[0]] if len(fams) == 1 else ""
    if cue == "fight_or_fire":
        fire = re.search(r"\bfir(?:e|ed|ing)\b|gunfire|exchang", text, re.I)
        ok = _has("fight", text) or fire is not None
    elif cue == "arson":
        set_on_fire = r"\barson|set (?:on )?fire|set alight|torch|deliberately"
        ok = re.search(set_on_fire, text, re.I) is not None
    else:
        ok = _has(cue, text)
    return chain_label if ok else ""


def ecb_examples(path: Path) -> Iterator[ExternalExample]:
    """Yield labelled sentences of ``ecbplus_conflict.jsonl`` at path."""
    with path.open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    for doc in docs:
        by_sent: dict[int, set[str]] = defaultdict(set)
        for m in doc.get("mentions") or []:
            chain = m.get("chain_descriptor")
            if m.get("type") == "ACTION_OCCURRENCE" and chain in ECB_CHAINS:
                by_sent[int(m["sent_id"])].add(chain)
        for sent in doc.get("sentences") or []:
            chains = by_sent.get(int(sent["sent_id"]))
            if not chains:
                continue
            text = _detok(sent["tokens"])
            if _has("court", text) or _has("comment", text) or _has("hedge", text):
                continue
            labels = {_ecb_label(*ECB_CHAINS[c], text) for c in chains}
            if len(labels) != 1 or "" in labels:
                continue
            yield ExternalExample(
                text=text,
                label=next(iter(labels)),
                source="ecbplus_conflict",
                doc_id=str(doc["doc_id"]),
                split=split_of("ecbplus_conflict", str(doc["doc_id"])),
                register="news",
                corpus_label=f"topic {doc['topic']}",
                rule="+".join(sorted(chains)),
                extra={"coref_selected": bool(sent.get("coref_selected"))},
            )


# --- all corpora ------------------------------------------------------------------------

_FILES = {
    "ucdp_ged": ("ucdp_ged/ged_headlines.jsonl.gz", ged_examples),
    "muc34": ("muc34/muc34.jsonl.gz", muc_examples),
    "ecbplus_conflict": ("ecbplus_conflict/ecbplus_conflict.jsonl", ecb_examples),
}


def load_external(
    root: Path | None = None,
    corpora: Iterable[str] = CORPORA,
    split: str | None = None,
) -> list[ExternalExample]:
    """Return the mapped examples of the corpora under root whose files exist (one split or all)."""
    base = root or default_root()
    out: list[ExternalExample] = []
    for name in corpora:
        rel, reader = _FILES[name]
        path = base / rel
        if not path.is_file():
            continue
        out.extend(x for x in reader(path) if split is None or x.split == split)
    return out


def main(argv: list[str] | None = None) -> int:
    """Print counts of the mapped examples per corpus, split and label."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--root", type=Path, default=None, help="the shared/train folder")
    parser.add_argument(
        "--summary", action="store_true", help="one line per corpus and split only"
    )
    args = parser.parse_args(argv)
    root = args.root or default_root()
    examples = load_external(root)
    if not examples:
        print(f"no corpus found under {root}", file=sys.stderr)
        return 1
    groups: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for x in examples:
        groups[(x.source, x.split)][x.label] += 1
    for (source, split), counts in sorted(groups.items()):
        docs = len({x.doc_id for x in examples if x.source == source and x.split == split})
        print(f"{source:17} {split:5} {sum(counts.values()):6d} examples, {docs} documents")
        if not args.summary:
            for label, n in counts.most_common():
                print(f"    {n:6d}  {label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
