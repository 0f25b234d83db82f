"""Saved HTML pages: the main text and metadata of each page, one Document per file."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from saidwhat.article.html import extract_html
from saidwhat.ingest.context import ReadContext
from saidwhat.ingest.registry import register
from saidwhat.ingest.source import Source, read_limited
from saidwhat.records import Document


def html_document(
    raw: bytes | str,
    *,
    source: str,
    context: ReadContext,
    url: str = "",
    offset: int | None = None,
    fetched_at: datetime | None = None,
    fmt: str = "html",
    unit: str = "line",
) -> Document | None:
    """The Document of one page, or None (counted as skipped) when it holds no article."""
    if not raw.strip():
        context.problem(source, offset, "empty record", unit)
        return None
    try:
        article = extract_html(raw, url=url)
    except (ValueError, TypeError, LookupError, RecursionError, AttributeError, AssertionError) as error:
        # lxml and trafilatura reject some broken markup with these instead of a result.
        context.problem(source, offset, f"unparseable HTML ({type(error).__name__})", unit)
        return None
    if article is None:
        context.skip("pages without article text")
        return None
    return Document(
        text=article.body,
        source=source,
        format=fmt,
        record_offset=offset,
        url=article.url or url or None,
        fetched_at=fetched_at,
        metadata=article.as_metadata(),
    )


@register("html", suffixes=(".html", ".htm", ".xhtml", ".shtml"))
def read_html(source: Source, context: ReadContext) -> Iterator[Document]:
    with source.open() as stream:
        raw, too_large = read_limited(stream, context.options.max_document_bytes)
    context.record()
    if too_large:
        context.problem(source.name, None, f"larger than {context.options.max_document_bytes} bytes")
        return
    document = html_document(raw, source=source.name, context=context, url=source.url or "")
    if document is not None:
        yield document
