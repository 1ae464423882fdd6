"""Logging for the CLI: one line per message on stderr, libraries quiet unless -v.

The CLI promises one line per error on stderr. Libraries log freely (trafilatura and
htmldate on every odd page, warcio writes to stderr itself) and Python warnings print two
lines each, so without -v only sitreps' own warnings show, and every message, ours or a
library's, is flattened to one line; tracebacks appear from -v on.
"""

from __future__ import annotations

import logging
import sys

from sitreps.errors import one_line

__all__ = ["setup_logging"]


class OneLineFormatter(logging.Formatter):
    """Format a record on one line; add its traceback only when asked to."""

    def __init__(self, tracebacks: bool) -> None:
        super().__init__("%(levelname)s %(name)s: %(message)s")
        self.tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        """Return the record as one line (plus a traceback at -v)."""
        line = one_line(f"{record.levelname} {record.name}: {record.getMessage()}")
        if self.tracebacks and record.exc_info:
            return line + "\n" + self.formatException(record.exc_info)
        return line


def _ours(record: logging.LogRecord) -> bool:
    return record.name == "sitreps" or record.name.startswith("sitreps.")


def setup_logging(verbose: int) -> None:
    """Send log records to stderr, one line each: ours at WARNING, everyone's from -v."""
    level = [logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)]
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(OneLineFormatter(tracebacks=verbose > 0))
    if verbose == 0:
        handler.addFilter(_ours)
    # Warnings (spaCy's, dateparser's...) go through logging, so the filter quiets them too.
    logging.captureWarnings(True)
    logging.basicConfig(level=level, handlers=[handler])
