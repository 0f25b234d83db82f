"""Readers that turn inputs into Documents, found through a registry keyed by format name.

Each reader module registers itself with :func:`register`; :func:`read_documents` picks a
reader per input by ``--format``, suffix or content, and streams Documents lazily.
"""

from __future__ import annotations

from saidwhat.ingest.context import IngestOptions, IngestStats, JsonlFields, Problem, ReadContext
from saidwhat.ingest.registry import (
    Reader,
    choose_reader,
    expand_paths,
    get_reader,
    read_documents,
    read_source,
    reader_for,
    register,
    registered_formats,
)
from saidwhat.ingest.source import Source

__all__ = [
    "IngestOptions",
    "IngestStats",
    "JsonlFields",
    "Problem",
    "ReadContext",
    "Reader",
    "Source",
    "choose_reader",
    "expand_paths",
    "get_reader",
    "read_documents",
    "read_source",
    "reader_for",
    "register",
    "registered_formats",
]
