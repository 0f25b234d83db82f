"""Search: the newest quotations matching words, speakers, outlets, dates and types."""

from __future__ import annotations

from typing import Any

from saidwhat.store.database import Store
from saidwhat.store.query import Filters, apply_filters, iter_rows, newest_first, row_select


def search(store: Store, filters: Filters, limit: int = 20) -> list[dict[str, Any]]:
    with store.engine.connect() as connection:
        statement = apply_filters(row_select(), connection, filters)
        statement = newest_first(statement, store.dialect).limit(limit)
        return list(iter_rows(connection, statement))
