"""Bytes to text: binary detection, HTML sniffing and charset detection."""

from __future__ import annotations

import re

from sitreps.errors import RejectError
from sitreps.model import InputKind

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_\-:.]+)""", re.I)
_HTML_START = re.compile(rb"^\s*(<!doctype\s+html|<html|<head|<body|<!--|<meta|<div|<p[\s>])", re.I)
_HTML_TAGS = re.compile(rb"</?(p|div|html|body|article|span|a|br|h[1-6])[\s>/]", re.I)

#: Share of control bytes (other than tab/newline/CR/FF) above which input is binary.
#: Text in any 8-bit or UTF encoding has almost none; 2% leaves room for stray junk.
BINARY_CONTROL_SHARE = 0.02


#: Byte-order marks of the wide Unicode encodings, UTF-32 first (its LE mark starts with
#: UTF-16's).
_WIDE_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)


def from_wide_bom(data: bytes) -> bytes:
    """Return UTF-16/UTF-32 bytes that open with a byte-order mark as UTF-8, else data.

    Such text is half NUL bytes, which the binary check would refuse; once it is UTF-8
    every later check reads it like any other text. Malformed units become U+FFFD.
    """
    for bom, codec in _WIDE_BOMS:
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, "replace").encode("utf-8", "replace")
    return data


def looks_binary(data: bytes) -> bool:
    """Return True when the bytes are not text in any encoding we read."""
    head = from_wide_bom(data[:8192])
    # NUL counts as any control byte: a stray NUL in a text is scrubbed (model.scrub), not
    # a reason to refuse the story; binary formats hold far more than 2%.
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > BINARY_CONTROL_SHARE * max(len(head), 1)


def sniff_kind(data: bytes) -> InputKind:
    """Return "html" when the bytes look like an HTML page, else "text"."""
    head = data[:4096]
    if _HTML_START.search(head) or len(_HTML_TAGS.findall(head)) >= 3:
        return "html"
    return "text"


def decode_bytes(data: bytes, *, html: bool = False) -> str:
    """Return the bytes decoded: UTF-8, else the HTML's declared charset, else detected."""
    data = from_wide_bom(data)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        match = _META_CHARSET.search(data[:4096])
        if match:
            try:
                return data.decode(match.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise RejectError("bad_encoding")
    return str(best)
