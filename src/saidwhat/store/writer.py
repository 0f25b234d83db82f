"""Writing extractions into the store: one transaction per batch, bulk inserts, idempotent.

An article is written with all its quotations in the same transaction, and an article whose
content hash is already stored is skipped, so a killed ingest leaves only whole articles and
running it again completes exactly what is missing. Quotations get ``seq`` numbers in
document order after the largest stored one, under the write lock, so the numbers are the
same however often a run was interrupted.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, DateTime, Table, func, select, text

from saidwhat.records import Extraction, Mention
from saidwhat.store import models
from saidwhat.store.database import Store
from saidwhat.store.rows import article_key, outlet_name, quote_key, spans_json, utc_naive
from saidwhat.store.text import band_keys, stemmed

# SQLite allows 32766 bound parameters per statement; IN lists stay well below it.
_IN_CHUNK = 900
SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"


@dataclass
class WriteStats:
    articles: int = 0
    quotations: int = 0
    skipped: int = 0

    def add(self, other: WriteStats) -> None:
        self.articles += other.articles
        self.quotations += other.quotations
        self.skipped += other.skipped


@dataclass
class _Batch:
    outlets: dict[str, dict[str, Any]] = field(default_factory=dict)
    people: dict[str, dict[str, Any]] = field(default_factory=dict)
    articles: list[dict[str, Any]] = field(default_factory=list)
    credits: list[dict[str, Any]] = field(default_factory=list)
    quotations: list[dict[str, Any]] = field(default_factory=list)
    mentions: list[dict[str, Any]] = field(default_factory=list)
    bands: list[tuple[int, int]] = field(default_factory=list)  # (band_key, quotation_seq)


def _table(model: type[models.Base]) -> Table:
    return model.__table__  # type: ignore[return-value]


def known_hashes(connection: Connection, hashes: Iterable[str]) -> set[str]:
    wanted = list(dict.fromkeys(hashes))
    found: set[str] = set()
    column = models.Article.content_hash
    for start in range(0, len(wanted), _IN_CHUNK):
        chunk = wanted[start : start + _IN_CHUNK]
        found.update(connection.scalars(select(column).where(column.in_(chunk))))
    return found


class StoreWriter:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.sqlite = store.dialect == "sqlite"

    def known(self, hashes: Iterable[str]) -> set[str]:
        with self.store.engine.connect() as connection:
            return known_hashes(connection, hashes)

    def write(self, extractions: Sequence[Extraction]) -> WriteStats:
        """Store a batch in one transaction; articles already stored are skipped."""
        items: dict[str, Extraction] = {}
        for extraction in extractions:
            items.setdefault(extraction.article.document.content_hash, extraction)
        stats = WriteStats(skipped=len(extractions) - len(items))
        connection = self.store.engine.connect().execution_options(saidwhat_write=True)
        with connection, connection.begin():
            if not self.sqlite:
                # One writer at a time, so seq numbers stay dense and in document order.
                connection.execute(text("LOCK TABLE quotations IN SHARE ROW EXCLUSIVE MODE"))
            for digest in known_hashes(connection, items):
                del items[digest]
                stats.skipped += 1
            if not items:
                return stats
            next_seq = connection.scalar(select(func.coalesce(func.max(models.Quotation.seq), 0))) + 1
            batch = self._rows(items, next_seq)
            self._insert(connection, batch)
        stats.articles = len(batch.articles)
        stats.quotations = len(batch.quotations)
        return stats

    def _rows(self, items: dict[str, Extraction], next_seq: int) -> _Batch:
        batch = _Batch()
        texts: list[str] = []
        for digest, extraction in items.items():
            article = extraction.article
            key = article_key(digest)
            outlet = outlet_name(article)
            published = utc_naive(article.published)
            batch.outlets.setdefault(outlet, {"name": outlet})
            batch.articles.append(
                {
                    "id": key,
                    "content_hash": digest,
                    "source": article.document.source,
                    "record_offset": article.document.record_offset,
                    "url": article.url or article.document.url or "",
                    "outlet": outlet,
                    "published": published,
                    "language": article.language,
                    "headline": article.headline,
                    "body": article.body,
                    "error": extraction.error,
                }
            )
            for kind, names in (("author", article.authors), ("credit", article.credits)):
                batch.credits.extend(
                    {"article_id": key, "kind": kind, "position": i, "name": name}
                    for i, name in enumerate(names)
                )
            for position, quotation in enumerate(extraction.quotations):
                seq = next_seq + len(batch.quotations)
                speaker_id = self._person(batch, quotation.speaker)
                addressee_id = self._person(batch, quotation.addressee)
                batch.quotations.append(
                    {
                        "seq": seq,
                        "id": quote_key(digest, position),
                        "article_id": key,
                        "position": position,
                        "outlet": outlet,
                        "published": published,
                        "language": article.language,
                        "type": quotation.type,
                        "medium": quotation.medium,
                        "confidence": round(quotation.confidence, 4),
                        "extractor": quotation.extractor,
                        "quote_text": quotation.quote.text,
                        "quote_spans": spans_json(quotation.quote.spans),
                        "cue_text": quotation.cue.text,
                        "cue_spans": spans_json(quotation.cue.spans),
                        "frame_text": quotation.frame.text,
                        "frame_spans": spans_json(quotation.frame.spans),
                        "speaker_id": speaker_id,
                        "addressee_id": addressee_id,
                        "search_text": (
                            stemmed(quotation.quote.text, article.language) if self.sqlite else None
                        ),
                    }
                )
                texts.append(quotation.quote.text)
                for role, mention, person in (
                    ("speaker", quotation.speaker, speaker_id),
                    ("addressee", quotation.addressee, addressee_id),
                ):
                    if mention or person:
                        batch.mentions.append(_mention_row(seq, role, mention, person))
        for index, keys in enumerate(band_keys(texts)):
            seq = next_seq + index
            batch.bands.extend((key, seq) for key in set(keys))
        return batch

    @staticmethod
    def _person(batch: _Batch, mention: Mention) -> str | None:
        entity = mention.entity
        if entity is None or entity.kind == "none" or not entity.id:
            return None
        batch.people.setdefault(
            entity.id, {"id": entity.id, "name": entity.name, "kind": entity.kind, "role": entity.role}
        )
        return entity.id

    def _insert(self, connection: Connection, batch: _Batch) -> None:
        self._insert_new(connection, _table(models.Outlet), list(batch.outlets.values()))
        self._insert_new(connection, _table(models.Person), list(batch.people.values()))
        for model, rows in (
            (models.Article, batch.articles),
            (models.Credit, batch.credits),
            (models.Quotation, batch.quotations),
            (models.Mention, batch.mentions),
            (models.QuotationBand, batch.bands),
        ):
            if rows:
                self._bulk_insert(connection, _table(model), rows)

    def _bulk_insert(self, connection: Connection, table: Table, rows: list[Any]) -> None:
        """One driver-level executemany: SQLAlchemy's per-row parameter processing would
        cost more than SQLite's own work at this volume."""
        columns = [column.name for column in table.columns]
        marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        statement = (
            f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join([marker] * len(columns))})"
        )
        # Rows are dicts, or tuples already in column order (the many band rows).
        values = rows if isinstance(rows[0], tuple) else [tuple(row.get(n) for n in columns) for row in rows]
        if self.sqlite:
            dated = [i for i, column in enumerate(table.columns) if isinstance(column.type, DateTime)]
            if dated:
                values = [_sqlite_dates(row, dated) for row in values]
        connection.exec_driver_sql(statement, values)

    def _insert_new(self, connection: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
        """Insert rows whose key is not stored yet (the first name seen for a person wins)."""
        if not rows:
            return
        if self.sqlite:
            from sqlalchemy.dialects.sqlite import insert
        else:
            from sqlalchemy.dialects.postgresql import insert  # type: ignore[assignment]
        connection.execute(insert(table).on_conflict_do_nothing(), rows)


def _sqlite_dates(row: tuple[Any, ...], positions: list[int]) -> tuple[Any, ...]:
    # The text form SQLAlchemy's SQLite DateTime reads and compares with.
    values = list(row)
    for position in positions:
        if values[position] is not None:
            values[position] = values[position].strftime(SQLITE_DATETIME)
    return tuple(values)


def _mention_row(seq: int, role: str, mention: Mention, person: str | None) -> dict[str, Any]:
    entity = mention.entity if person else None
    return {
        "quotation_seq": seq,
        "role": role,
        "text": mention.text,
        "spans": spans_json(mention.spans),
        "person_id": person,
        "entity_name": entity.name if entity else "",
        "entity_kind": entity.kind if entity else "none",
        "entity_role": entity.role if entity else "",
        "entity_spans": spans_json(mention.entity_spans) if entity else "[]",
    }
