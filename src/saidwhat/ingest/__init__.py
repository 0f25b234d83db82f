"""Readers that turn inputs into Documents, found through a registry keyed by format name.

Each reader module registers itself with :func:`register`; :func:`read_documents` picks a
reader per path from its extension and streams Documents lazily.
"""

from __future__ import annotations

from saidwhat.ingest.registry import (
    Reader,
    expand_paths,
    read_documents,
    reader_for,
    register,
    registered_formats,
)

__all__ = [
    "Reader",
    "expand_paths",
    "read_documents",
    "reader_for",
    "register",
    "registered_formats",
]
