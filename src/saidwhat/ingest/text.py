"""Plain-text input: the whole file is the body, so offsets index the file's own text."""

from __future__ import annotations

from collections.abc import Iterator

from saidwhat.ingest.context import ReadContext
from saidwhat.ingest.registry import register
from saidwhat.ingest.source import Source, read_limited
from saidwhat.records import Document


def decode_text(raw: bytes) -> tuple[str | None, int | None, str]:
    """(text, None, "") for UTF-8 text, else (None, line or None, what is wrong with it)."""
    if b"\x00" in raw[:8192]:
        return None, None, "binary file, not text"
    try:
        # Kept as read, byte-order mark included: offsets must index the file's own text.
        return raw.decode("utf-8"), None, ""
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, line, "not valid UTF-8"


@register("text", suffixes=(".txt",))
def read_text(source: Source, context: ReadContext) -> Iterator[Document]:
    with source.open() as stream:
        raw, too_large = read_limited(stream, context.options.max_document_bytes)
    context.record()
    if too_large:
        context.problem(source.name, None, f"larger than {context.options.max_document_bytes} bytes")
        return
    text, line, problem = decode_text(raw)
    if text is None:
        context.problem(source.name, line, problem)
        return
    yield Document(text=text, source=source.name, format="text", url=source.url)
