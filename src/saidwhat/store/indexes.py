"""Indexes that only searches and traces use, deferred while a bulk load fills an empty store.

Their keys (dates, speakers, outlets, article ids, LSH band keys) arrive in random order, so
keeping them during a load rewrites most of their pages in every transaction: at 1,000,000
quotations that was ~50 GB written for a 1.6 GB store. Built once at the end, each is a sort.
Ingest itself needs none of them: idempotency looks up ``articles.content_hash`` and the
foreign keys point at primary keys, which stay.

Missing indexes are the only trace a killed bulk load leaves (the rows are whole articles,
as always), and :func:`create_missing` restores them: ``StoreWriter.loading`` calls it before
it writes into a store that is not empty, so a resumed ingest ends with the same schema and
rows.
"""

from __future__ import annotations

from sqlalchemy import Connection, Index, inspect
from sqlalchemy.schema import CreateIndex, DropIndex

from saidwhat.store import models


def deferrable() -> list[Index]:
    """The search-only indexes, as the models declare them (the migrations create the same)."""
    indexes: list[Index] = []
    for model in (models.Quotation, models.QuotationBand):
        indexes.extend(sorted(model.__table__.indexes, key=lambda index: str(index.name)))  # type: ignore[attr-defined]
    return indexes


def drop_deferrable(connection: Connection) -> None:
    for index in deferrable():
        connection.execute(DropIndex(index, if_exists=True))


def missing(connection: Connection) -> list[Index]:
    inspector = inspect(connection)
    present = {
        found["name"] for table in ("quotations", "quotation_bands") for found in inspector.get_indexes(table)
    }
    return [index for index in deferrable() if index.name not in present]


def create_missing(connection: Connection) -> None:
    """Create whichever deferrable index is missing. Looking first keeps a complete schema
    free of DDL (PostgreSQL's CREATE INDEX IF NOT EXISTS would lock the table anyway)."""
    for index in missing(connection):
        connection.execute(CreateIndex(index, if_not_exists=True))
