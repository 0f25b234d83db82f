"""Gzip-compressed inputs of any kind: ``page.html.gz``, ``dump.jsonl.gz``, ``feed.xml.gz``.

The file is decompressed as a stream and handed to the reader its inner name or content
calls for; messages keep naming the compressed file. A truncated or corrupt stream ends with
a problem, after the inner reader has yielded what came before the damage.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from typing import BinaryIO

from saidwhat.ingest.context import ReadContext
from saidwhat.ingest.registry import choose_reader, register
from saidwhat.ingest.source import READ_ERRORS, Source, describe_error
from saidwhat.records import Document


class _GzipStream(gzip.GzipFile):
    """A GzipFile that closes the stream it decompresses when it is closed itself."""

    def __init__(self, inner: BinaryIO) -> None:
        super().__init__(fileobj=inner, mode="rb")
        self._inner = inner

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._inner.close()


def inner_name(name: str) -> str:
    lowered = name.lower()
    for suffix in (".gz", ".gzip"):
        if lowered.endswith(suffix):
            return name[: -len(suffix)]
    return name


@register("gzip", suffixes=(".gz", ".gzip"))
def read_gzip(source: Source, context: ReadContext) -> Iterator[Document]:
    inner = Source(
        name=source.name,
        opener=lambda: _GzipStream(source.open()),  # type: ignore[arg-type,return-value]
        size=source.size,
        url=source.url,
        kind_name=inner_name(source.kind_name or source.name),
    )
    try:
        head = inner.head()
    except READ_ERRORS as error:
        context.problem(source.name, None, f"not readable gzip ({describe_error(error)})")
        return
    if not head:
        context.problem(source.name, None, "empty file")
        return
    reader = choose_reader(inner, head)
    if reader is None:
        context.problem(source.name, None, "unrecognised content inside gzip")
        return
    yield from reader.read(inner, context)
