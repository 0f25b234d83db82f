"""Export quotations as JSONL, CSV or Parquet, streamed: memory stays bounded by one chunk."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from datetime import datetime
from pathlib import Path
from typing import IO, Any

from saidwhat.store.database import Store
from saidwhat.store.query import Filters, apply_filters, iter_rows, oldest_first, row_select
from saidwhat.store.rows import COLUMN_NAMES, arrow_schema

FORMATS = ("jsonl", "csv", "parquet")
PARQUET_CHUNK = 10_000


def export_rows(store: Store, filters: Filters) -> Iterator[dict[str, Any]]:
    with store.engine.connect() as connection:
        statement = oldest_first(apply_filters(row_select(), connection, filters))
        yield from iter_rows(connection, statement, stream=True)


def _text_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def write_jsonl(rows: Iterable[dict[str, Any]], sink: IO[str]) -> int:
    count = 0
    for row in rows:
        sink.write(json.dumps({k: _text_value(v) for k, v in row.items()}, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(rows: Iterable[dict[str, Any]], sink: IO[str]) -> int:
    writer = csv.DictWriter(sink, fieldnames=COLUMN_NAMES)
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: "" if v is None else _text_value(v) for k, v in row.items()})
        count += 1
    return count


def write_parquet(rows: Iterable[dict[str, Any]], path: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema()
    count = 0
    with pq.ParquetWriter(str(path), schema) as writer:
        chunk: list[dict[str, Any]] = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= PARQUET_CHUNK:
                writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
                count += len(chunk)
                chunk = []
        if chunk or count == 0:
            writer.write_table(pa.Table.from_pylist(chunk, schema=schema))
            count += len(chunk)
    return count
