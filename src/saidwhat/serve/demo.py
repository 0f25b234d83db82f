"""The quick start's demo store: the bundled sample articles, extracted into a store."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from saidwhat.ingest import read_documents
from saidwhat.pipeline import Pipeline
from saidwhat.store.database import open_store
from saidwhat.store.ingest import ingest


def sample_folder() -> Path:
    return Path(str(resources.files("saidwhat") / "samples"))


def load_samples(db: str, pipeline: Pipeline | None = None) -> int:
    """Extract the bundled samples into the store at ``db`` (path or URL); returns the
    number of quotations added (0 when they were loaded before: ingest is idempotent)."""
    store = open_store(db)
    try:
        stats = ingest(store, read_documents([str(sample_folder())]), pipeline or Pipeline(language="auto"))
    finally:
        store.close()
    return stats.quotations
