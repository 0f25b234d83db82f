"""RSS 2.0, RSS 1.0 and Atom feeds: one Document per item.

An item's text is its linked page when that page is in the local archive (``--archive``) or
can be fetched (``--fetch``), else the item's own content or summary. What the feed states
(title, authors, date, feed title as outlet) fills in what the page leaves unknown.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from saidwhat.article.dates import parse_feed_date
from saidwhat.article.html import fragment_blocks, lay_out
from saidwhat.ingest.context import ReadContext
from saidwhat.ingest.html import html_document
from saidwhat.ingest.registry import register
from saidwhat.ingest.source import Source, read_limited
from saidwhat.records import Document


def _authors(entry: Any) -> list[str]:
    names = [str(a.get("name", "")).strip() for a in entry.get("authors", []) if isinstance(a, dict)]
    names = [n for n in names if n]
    if not names and entry.get("author"):
        names = [str(entry["author"]).strip()]
    return names


def _item_html(entry: Any) -> str:
    for content in entry.get("content", []) or []:
        value = content.get("value") if isinstance(content, dict) else None
        if value and str(value).strip():
            return str(value)
    return str(entry.get("summary") or entry.get("description") or "")


def _linked_page(link: str, name: str, index: int, context: ReadContext) -> Document | None:
    """The item's page from the archive or over HTTP; None leaves the item's own content."""
    options = context.options
    raw: bytes | None = None
    if options.archive is not None:
        raw = options.archive.lookup(link)
    if raw is None and options.fetcher is not None:
        result = options.fetcher.fetch_or_report(link, context, name, index)
        raw = result.body if result is not None else None
    if raw is None:
        return None
    return html_document(raw, source=name, context=context, url=link, offset=index, fmt="feed")


@register("feed", suffixes=(".rss", ".atom", ".rdf", ".feed"))
def read_feed(source: Source, context: ReadContext) -> Iterator[Document]:
    import feedparser

    with source.open() as stream:
        raw, too_large = read_limited(stream, context.options.max_document_bytes)
    if too_large:
        context.problem(source.name, None, f"larger than {context.options.max_document_bytes} bytes")
        return
    # A stream, never bytes: feedparser opens bytes that look like a path as a local file.
    parsed = feedparser.parse(io.BytesIO(raw), sanitize_html=True, resolve_relative_uris=False)
    entries = parsed.get("entries", [])
    if not entries:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            context.problem(source.name, None, f"malformed feed ({str(reason)[:120] or 'no items'})")
        elif not parsed.get("version"):
            context.problem(source.name, None, "not an RSS or Atom feed")
        return
    channel = parsed.get("feed", {})
    outlet = str(channel.get("title") or "").strip()
    for index, entry in enumerate(entries, start=1):
        context.record()
        yield from _entry_document(entry, index, outlet, source, context)


def _entry_document(
    entry: Any, index: int, outlet: str, source: Source, context: ReadContext
) -> Iterator[Document]:
    link = str(entry.get("link") or "").strip()
    headline = " ".join(str(entry.get("title") or "").split())
    stated: dict[str, Any] = {
        "headline": headline,
        "authors": _authors(entry),
        # dict.get: feedparser's own get maps a missing key to another with a warning.
        "published": parse_feed_date(str(dict.get(entry, "published") or dict.get(entry, "updated") or "")),
        "outlet": outlet,
        "url": link,
    }
    credit = entry.get("source", {}).get("title") if isinstance(entry.get("source"), dict) else None
    if credit:
        stated["credits"] = [str(credit).strip()]
    page = _linked_page(link, source.name, index, context) if link else None
    if page is not None:
        for key, value in stated.items():
            if value and not page.metadata.get(key):
                page.metadata[key] = value
        yield page
        return
    blocks = fragment_blocks(_item_html(entry))
    if not blocks:
        context.problem(source.name, index, "item has no text")
        return
    body, lead, sections = lay_out(headline, blocks)
    stated.update(lead=lead, sections=sections)
    yield Document(
        text=body, source=source.name, format="feed", record_offset=index, url=link or None, metadata=stated
    )
