"""Which reader an input needs, told from its first bytes when its name does not say."""

from __future__ import annotations

import re

GZIP_MAGIC = b"\x1f\x8b"
_MARKUP = re.compile(rb"<(?:!doctype\s+html|html|head|body|article|p|div|meta|title)\b", re.IGNORECASE)
_FEED = re.compile(rb"<(?:rss|feed|rdf:rdf)\b", re.IGNORECASE)


def sniff_format(head: bytes) -> str | None:
    """A registered format name for content starting with ``head``, or None for binary junk."""
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith((b"WARC/", b"warc/")):
        return "warc"
    if _FEED.search(stripped[:2048]):
        return "feed"
    if stripped.startswith(b"<") and _MARKUP.search(stripped):
        return "html"
    if stripped.startswith((b"{", b"[")):
        return "jsonl"
    if b"\x00" in head:
        return None
    return "text"
