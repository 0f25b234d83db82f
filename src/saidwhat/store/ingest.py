"""Run documents through the Pipeline into the store, batch by batch.

Documents whose content hash is already stored are skipped before any analysis, so a
second run costs little and a resumed run only processes what the killed one did not commit.
Into an empty store the search-only indexes are built once at the end (``StoreWriter.loading``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from itertools import islice

from saidwhat.pipeline import Pipeline
from saidwhat.records import Document
from saidwhat.store.database import Store
from saidwhat.store.writer import StoreWriter, WriteStats


def ingest(
    store: Store,
    documents: Iterable[Document],
    pipeline: Pipeline,
    batch_size: int = 64,
    on_batch: Callable[[WriteStats], None] | None = None,
) -> WriteStats:
    writer = StoreWriter(store)
    total = WriteStats()
    iterator = iter(documents)
    with writer.loading():
        while chunk := list(islice(iterator, batch_size)):
            known = writer.known(d.content_hash for d in chunk)
            fresh: dict[str, Document] = {}
            for document in chunk:
                digest = document.content_hash
                if digest not in known:
                    fresh.setdefault(digest, document)
            stats = writer.write(list(pipeline.process(fresh.values()))) if fresh else WriteStats()
            stats.skipped += len(chunk) - len(fresh)
            total.add(stats)
            if on_batch is not None:
                on_batch(stats)
    return total
