"""The job's three tables: quotations (the export row), articles, and people as mentioned.

A quotation row is :func:`saidwhat.store.rows.quotation_row`, the row ``saidwhat export``
writes, plus ``date`` (``YYYY-MM-DD`` of publication, or ``unknown``), which with
``language`` partitions every table.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from saidwhat.records import Extraction, Mention
from saidwhat.store.rows import ROW_COLUMNS, article_key, extraction_rows, outlet_name, quote_key, utc_naive

if TYPE_CHECKING:
    from pyspark.sql.types import StructType

PARTITION_COLUMNS = ("date", "language")
UNKNOWN_DATE = "unknown"

ARTICLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "str"),
    ("content_hash", "str"),
    ("source", "str"),
    ("record", "int"),
    ("url", "str"),
    ("outlet", "str"),
    ("published", "timestamp"),
    ("language", "str"),
    ("headline", "str"),
    ("authors", "list"),
    ("lead", "str"),
    ("sections", "list"),
    ("credits", "list"),
    ("body", "str"),
    ("quotations", "int"),
    ("error", "str"),
)
# One row per resolved speaker or addressee mention: the input of the people grouping step.
PEOPLE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("person_id", "str"),
    ("name", "str"),
    ("kind", "str"),
    ("role", "str"),
    ("mention", "str"),
    ("as", "str"),
    ("quote_id", "str"),
    ("article_id", "str"),
    ("outlet", "str"),
    ("published", "timestamp"),
    ("language", "str"),
)


def partition_date(extraction: Extraction) -> str:
    published = utc_naive(extraction.article.published)
    return published.date().isoformat() if published else UNKNOWN_DATE


def quotation_rows(extraction: Extraction) -> Iterator[dict[str, Any]]:
    day = partition_date(extraction)
    for row in extraction_rows(extraction):
        row["date"] = day
        yield row


def article_row(extraction: Extraction) -> dict[str, Any]:
    article = extraction.article
    digest = article.document.content_hash
    return {
        "article_id": article_key(digest),
        "content_hash": digest,
        "source": article.document.source,
        "record": article.document.record_offset,
        "url": article.url or article.document.url or "",
        "outlet": outlet_name(article),
        "published": utc_naive(article.published),
        "language": article.language,
        "headline": article.headline,
        "authors": list(article.authors),
        "lead": article.lead,
        "sections": list(article.sections),
        "credits": list(article.credits),
        "body": article.body,
        "quotations": len(extraction.quotations),
        "error": extraction.error,
        "date": partition_date(extraction),
    }


def _person_row(mention: Mention, role: str, base: dict[str, Any]) -> dict[str, Any] | None:
    entity = mention.entity
    if entity is None or entity.kind == "none" or not entity.id:
        return None
    return {
        "person_id": entity.id,
        "name": entity.name,
        "kind": entity.kind,
        "role": entity.role,
        "mention": mention.text,
        "as": role,
        **base,
    }


def people_rows(extraction: Extraction) -> Iterator[dict[str, Any]]:
    article = extraction.article
    digest = article.document.content_hash
    base = {
        "article_id": article_key(digest),
        "outlet": outlet_name(article),
        "published": utc_naive(article.published),
        "language": article.language,
        "date": partition_date(extraction),
    }
    for position, quotation in enumerate(extraction.quotations):
        for role, mention in (("speaker", quotation.speaker), ("addressee", quotation.addressee)):
            row = _person_row(mention, role, {**base, "quote_id": quote_key(digest, position)})
            if row is not None:
                yield row


def spark_schema(columns: tuple[tuple[str, str], ...]) -> StructType:
    """The Spark schema of a table, with ``date`` appended; timestamps stay zone-free (NTZ),
    as in ``saidwhat export``'s Parquet."""
    from pyspark.sql.types import (
        ArrayType,
        DoubleType,
        LongType,
        StringType,
        StructField,
        StructType,
        TimestampNTZType,
    )

    types = {
        "str": StringType(),
        "int": LongType(),
        "float": DoubleType(),
        "timestamp": TimestampNTZType(),
        "list": ArrayType(StringType()),
    }
    fields = [StructField(name, types[kind], True) for name, kind in columns]
    return StructType([*fields, StructField("date", StringType(), False)])


def as_tuple(row: dict[str, Any], columns: tuple[tuple[str, str], ...]) -> tuple[Any, ...]:
    return (*(row.get(name) for name, _ in columns), row["date"])


QUOTATION_COLUMNS = ROW_COLUMNS
