"""The flat export row: one per quotation, the same from the store and from the Spark job.

``quotation_row`` is the single definition; ``extraction_rows`` applies it to every
quotation of an Extraction, and ``arrow_schema`` types the columns for Parquet. Spans are
JSON arrays of ``[start, end)`` pairs so that CSV, JSONL and Parquet carry the same values.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from saidwhat.records import Article, Extraction, Mention, Quotation, Span

if TYPE_CHECKING:
    import pyarrow

# (name, type) in column order; types: str, int, float, timestamp.
ROW_COLUMNS: tuple[tuple[str, str], ...] = (
    ("quote_id", "str"),
    ("article_id", "str"),
    ("position", "int"),
    ("content_hash", "str"),
    ("source", "str"),
    ("record", "int"),
    ("url", "str"),
    ("outlet", "str"),
    ("published", "timestamp"),
    ("language", "str"),
    ("headline", "str"),
    ("type", "str"),
    ("medium", "str"),
    ("confidence", "float"),
    ("extractor", "str"),
    ("quote", "str"),
    ("quote_spans", "str"),
    ("cue", "str"),
    ("cue_spans", "str"),
    ("speaker", "str"),
    ("speaker_spans", "str"),
    ("speaker_id", "str"),
    ("speaker_name", "str"),
    ("speaker_role", "str"),
    ("speaker_kind", "str"),
    ("addressee", "str"),
    ("addressee_spans", "str"),
    ("addressee_id", "str"),
    ("addressee_name", "str"),
    ("frame", "str"),
    ("frame_spans", "str"),
)
COLUMN_NAMES = tuple(name for name, _ in ROW_COLUMNS)


def article_key(content_hash: str) -> str:
    """An article's public id: the first 16 hex digits of its document's content hash."""
    return content_hash[:16]


def quote_key(content_hash: str, position: int) -> str:
    return f"{article_key(content_hash)}-{position}"


def spans_json(spans: list[Span]) -> str:
    """``json.dumps`` of the ``[start, end]`` pairs, byte for byte, without its per-call cost."""
    if len(spans) == 1:  # the common case, without a generator
        return f"[[{spans[0].start}, {spans[0].end}]]"
    if not spans:  # no frame, no addressee
        return "[]"
    return "[" + ", ".join(f"[{s.start}, {s.end}]" for s in spans) + "]"


def utc_naive(moment: datetime | None) -> datetime | None:
    """Stored and exported times are UTC without a zone; naive input is taken as UTC."""
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def outlet_name(article: Article) -> str:
    """The article's outlet, else its URL's host, else "unknown"."""
    if article.outlet:
        return article.outlet
    url = article.url or article.document.url or ""
    host = url.split("://", 1)[-1].split("/", 1)[0] if "://" in url else ""
    return host.removeprefix("www.") or "unknown"


def _entity(mention: Mention) -> tuple[str | None, str, str, str]:
    if mention.entity is None or mention.entity.kind == "none" or not mention.entity.id:
        return None, "", "", "none"
    entity = mention.entity
    return entity.id, entity.name, entity.role, entity.kind


def quotation_row(
    article: Article, quotation: Quotation, position: int, content_hash: str | None = None
) -> dict[str, Any]:
    """One flat row; ``content_hash`` defaults to the article's document's own hash."""
    digest = content_hash or article.document.content_hash
    speaker_id, speaker_name, speaker_role, speaker_kind = _entity(quotation.speaker)
    addressee_id, addressee_name, _, _ = _entity(quotation.addressee)
    return {
        "quote_id": quote_key(digest, position),
        "article_id": article_key(digest),
        "position": position,
        "content_hash": digest,
        "source": article.document.source,
        "record": article.document.record_offset,
        "url": article.url or article.document.url or "",
        "outlet": outlet_name(article),
        "published": utc_naive(article.published),
        "language": article.language,
        "headline": article.headline,
        "type": quotation.type,
        "medium": quotation.medium,
        "confidence": round(quotation.confidence, 4),
        "extractor": quotation.extractor,
        "quote": quotation.quote.text,
        "quote_spans": spans_json(quotation.quote.spans),
        "cue": quotation.cue.text,
        "cue_spans": spans_json(quotation.cue.spans),
        "speaker": quotation.speaker.text,
        "speaker_spans": spans_json(quotation.speaker.spans),
        "speaker_id": speaker_id,
        "speaker_name": speaker_name,
        "speaker_role": speaker_role,
        "speaker_kind": speaker_kind,
        "addressee": quotation.addressee.text,
        "addressee_spans": spans_json(quotation.addressee.spans),
        "addressee_id": addressee_id,
        "addressee_name": addressee_name,
        "frame": quotation.frame.text,
        "frame_spans": spans_json(quotation.frame.spans),
    }


def extraction_rows(extraction: Extraction) -> Iterator[dict[str, Any]]:
    digest = extraction.article.document.content_hash
    for position, quotation in enumerate(extraction.quotations):
        yield quotation_row(extraction.article, quotation, position, digest)


def arrow_schema() -> pyarrow.Schema:
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "timestamp": pa.timestamp("us")}
    return pa.schema([(name, types[kind]) for name, kind in ROW_COLUMNS])
