"""The pipeline version: which code and data made an event.

Stored with every story, event and revision. It is the package version plus a short hash
of everything that decides what extraction finds: the rule tables and trained models under
`sitreps/data` (not the training, field and evaluation examples: they reach the output only
through `data/model`), the rule modules of `sitreps/extract`, the user's actor and place
files and the settings that change the analysis. Change one cue and the version changes, so
re-ingesting a story analyses it again and revises its events; leave everything alone and
re-ingesting skips it unread.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

from sitreps.config import Settings

__all__ = ["HASHED_DIRS", "files_digest", "pipeline_version"]

#: Package folders whose files decide extraction, with the subfolders left out of the hash.
HASHED_DIRS: dict[str, tuple[str, ...]] = {
    "data": ("eval", "train", "fields"),
    "extract": (),
}
#: Settings that change what the analysis finds (not where files go, nor fetch limits).
ANALYSIS_SETTINGS = ("spacy_model", "parse_scope", "typing")
#: Hex digits of the hash kept: 12 (48 bits) tell versions apart and fit String(40).
DIGEST_CHARS = 12


def files_digest(roots: Iterable[Path], skip: Iterable[str] = ()) -> str:
    """Return a SHA-256 hex digest of every file under the roots (names and bytes, sorted)."""
    skipped = set(skip)
    h = hashlib.sha256()
    for root in roots:
        if root.is_file():
            files = [root]
        else:
            files = sorted(
                p
                for p in root.rglob("*")
                if p.is_file()
                and "__pycache__" not in p.parts
                and p.suffix != ".pyc"
                and p.name != "README.md"
                and not skipped & set(p.relative_to(root).parts[:-1])
            )
        for path in files:
            rel = path.name if root.is_file() else path.relative_to(root).as_posix()
            h.update(rel.encode() + b"\0")
            h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()


@cache
def _package_digest() -> str:
    base = Path(str(resources.files("sitreps")))
    h = hashlib.sha256()
    for name, skip in sorted(HASHED_DIRS.items()):
        h.update(name.encode() + b"\0" + files_digest([base / name], skip).encode())
    return h.hexdigest()


def pipeline_version(settings: Settings) -> str:
    """Return the version stamped on stored work: "<package>+<hash of rules, models, files>"."""
    if settings.pipeline_version:
        return settings.pipeline_version  # set by hand (tests, or to pin a version)
    from sitreps import __version__

    h = hashlib.sha256(_package_digest().encode())
    user_files = [p for p in (*settings.actor_files, *settings.place_files) if p.exists()]
    h.update(files_digest(user_files).encode())
    for name in ANALYSIS_SETTINGS:
        h.update(f"{name}={getattr(settings, name)}\0".encode())
    return f"{__version__}+{h.hexdigest()[:DIGEST_CHARS]}"
