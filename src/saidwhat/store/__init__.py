"""The store: quotations kept in SQLite (default) or PostgreSQL, searchable and traceable.

``open_store`` resolves a ``--db`` value, creates the schema through the shipped Alembic
migrations and returns a :class:`Store`; the writer, search, timeline, trace and export
modules all work on it.
"""

from __future__ import annotations

from saidwhat.store.database import Store, default_db_location, open_store, resolve_db_url

__all__ = ["Store", "default_db_location", "open_store", "resolve_db_url"]
