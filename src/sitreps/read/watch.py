"""Polling feeds: ingest the stories that are new since the last poll."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sitreps.config import Settings
from sitreps.errors import ConfigError, RejectError
from sitreps.model import Reject, Story
from sitreps.read.fetch import fetch
from sitreps.read.sources import is_feed, stories_from_feed

if TYPE_CHECKING:
    from sitreps.pipeline import Pipeline
    from sitreps.store import Store

__all__ = ["PollReport", "parse_interval", "poll_once"]

log = logging.getLogger(__name__)
_INTERVAL = re.compile(r"^\s*(\d+)\s*([smhd]?)\s*$")


def parse_interval(text: str) -> int:
    """Return seconds for an interval like "15m", "2h", "90s" or "1d"."""
    m = _INTERVAL.match(text)
    if not m or int(m.group(1)) == 0:
        raise ConfigError(f"cannot read the interval {text!r}: use e.g. 90s, 15m, 2h, 1d")
    return int(m.group(1)) * {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}[m.group(2)]


@dataclass
class PollReport:
    """What one poll did."""

    stored: int = 0
    events: int = 0
    rejects: list[Reject] = field(default_factory=list)
    feeds_down: list[str] = field(default_factory=list)


def poll_once(feeds: list[str], store: Store, pipeline: Pipeline, settings: Settings) -> PollReport:
    """Fetch each feed once and ingest its entries not stored yet; a failing feed is skipped."""
    report = PollReport()
    stories: list[Story | Reject] = []
    for url in feeds:
        try:
            page = fetch(url, settings)
            if not is_feed(page.content_type, page.body):
                raise RejectError("bad_feed", f"{url} is not an RSS or Atom feed")
            stories.extend(stories_from_feed(page.body, url, settings, known=store.known))
        except RejectError as exc:
            log.warning("feed %s skipped: %s [%s]", url, exc.message, exc.reason)
            report.feeds_down.append(url)
    from sitreps.ingest import ingest  # the one ingest policy (CLI, API, watch)

    done = ingest(stories, store, pipeline)
    report.stored, report.events, report.rejects = done.stored, done.events, done.rejects
    return report
