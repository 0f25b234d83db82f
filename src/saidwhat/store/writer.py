"""Writing extractions into the store: one transaction per batch, bulk inserts, idempotent.

An article is written with all its quotations in the same transaction, and an article whose
content hash is already stored is skipped, so a killed ingest leaves only whole articles and
running it again completes exactly what is missing. Quotations get ``seq`` numbers in
document order after the largest stored one, under the write lock, so the numbers are the
same however often a run was interrupted.

A run of many batches goes inside ``with writer.loading():``. Into an empty store that
defers the search-only indexes and builds them once at the end (``indexes.py``); into a
store with rows it first restores any index a killed load left missing.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import numpy as np
from sqlalchemy import Connection, Table, func, select, text

from saidwhat.records import Extraction, Mention
from saidwhat.store import indexes, models
from saidwhat.store.database import CHECKPOINT_PAGES, Store
from saidwhat.store.rows import article_key, outlet_name, quote_key, spans_json, utc_naive
from saidwhat.store.text import BANDS, band_key_array, band_rows, stemmed_tokens, tokens

# SQLite allows 32766 bound parameters per statement; IN lists stay well below it.
_IN_CHUNK = 900
SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"
LOAD_CHECKPOINT_PAGES = 65536


@dataclass
class WriteStats:
    articles: int = 0
    quotations: int = 0
    skipped: int = 0

    def add(self, other: WriteStats) -> None:
        self.articles += other.articles
        self.quotations += other.quotations
        self.skipped += other.skipped


# Rows are tuples in their table's column order (models.py), ready for executemany.
Row = tuple[Any, ...]


@dataclass
class _Batch:
    outlets: dict[str, Row] = field(default_factory=dict)
    people: dict[str, Row] = field(default_factory=dict)
    articles: list[Row] = field(default_factory=list)
    credits: list[Row] = field(default_factory=list)
    quotations: list[Row] = field(default_factory=list)
    mentions: list[Row] = field(default_factory=list)
    bands: list[Row] = field(default_factory=list)  # (band_key, quotation_seq), PostgreSQL
    band_json: str = ""  # the same rows for SQLite (_band_keys_json)
    first_seq: int = 0
    search: list[Row] = field(default_factory=list)  # (quotation_seq, stemmed text), SQLite


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
        # True while this writer's load runs without the search-only indexes.
        self.deferred = False

    def known(self, hashes: Iterable[str]) -> set[str]:
        with self.store.engine.connect() as connection:
            return known_hashes(connection, hashes)

    def _write_connection(self) -> Connection:
        return self.store.engine.connect().execution_options(saidwhat_write=True)

    @contextmanager
    def loading(self) -> Iterator[None]:
        """Write many batches: into an empty store without the search-only indexes, which
        are built when the block ends (also on an exception; a killed process leaves them to
        the next load, which creates them before writing)."""
        self.begin_load()
        try:
            yield
        finally:
            self.finish()

    def begin_load(self) -> None:
        """The first half of ``loading``: defer the indexes, or restore them after a kill."""
        connection = self._write_connection()
        with connection, connection.begin():
            if connection.scalar(select(models.Quotation.seq).limit(1)) is None:
                indexes.drop_deferrable(connection)
                self.deferred = True
            else:
                indexes.create_missing(connection)

    def finish(self) -> None:
        """Build the indexes a bulk load deferred (a no-op when none is missing)."""
        connection = self._write_connection()
        with connection, connection.begin():
            indexes.create_missing(connection)
        self.deferred = False

    def write(self, extractions: Sequence[Extraction]) -> WriteStats:
        """Store a batch in one transaction; articles already stored are skipped."""
        items: dict[str, Extraction] = {}
        for extraction in extractions:
            items.setdefault(extraction.article.document.content_hash, extraction)
        stats = WriteStats(skipped=len(extractions) - len(items))
        connection = self._write_connection()
        with connection, connection.begin():
            if self.sqlite:
                # During a load, checkpoint every 256 MiB of WAL rather than 32 MiB
                # (database.py): the pages of the random-key primary indexes, touched by
                # most batches, are then copied back into the file once per several batches.
                pages = LOAD_CHECKPOINT_PAGES if self.deferred else CHECKPOINT_PAGES
                connection.exec_driver_sql(f"PRAGMA wal_autocheckpoint={pages}")
            else:
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
        word_lists: list[list[str]] = []
        seq = next_seq
        for digest, extraction in items.items():
            article = extraction.article
            key = article_key(digest)
            outlet = outlet_name(article)
            published = _stored_time(utc_naive(article.published), self.sqlite)
            language = article.language
            if outlet not in batch.outlets:
                batch.outlets[outlet] = (outlet,)
            batch.articles.append(
                (
                    key, digest, article.document.source, article.document.record_offset,
                    article.url or article.document.url or "", outlet, published, language,
                    article.headline, article.body, extraction.error,
                )
            )  # fmt: skip
            for kind, names in (("author", article.authors), ("credit", article.credits)):
                batch.credits.extend((key, kind, i, name) for i, name in enumerate(names))
            for position, quotation in enumerate(extraction.quotations):
                speaker, addressee = quotation.speaker, quotation.addressee
                speaker_id = self._person(batch, speaker)
                addressee_id = self._person(batch, addressee)
                quote = quotation.quote
                cue = quotation.cue
                frame = quotation.frame
                words = tokens(quote.text)
                word_lists.append(words)
                search_text = None
                if self.sqlite:
                    search_text = stemmed_tokens(words, language)
                    batch.search.append((seq, search_text))
                batch.quotations.append(
                    (
                        seq, quote_key(digest, position), key, position, outlet, published, language,
                        quotation.type, quotation.medium, round(quotation.confidence, 4),
                        quotation.extractor, quote.text, spans_json(quote.spans), cue.text,
                        spans_json(cue.spans), frame.text, spans_json(frame.spans), speaker_id,
                        addressee_id, search_text,
                    )
                )  # fmt: skip
                if speaker_id or speaker:
                    batch.mentions.append(_mention_row(seq, "speaker", speaker, speaker_id))
                if addressee_id or addressee:
                    batch.mentions.append(_mention_row(seq, "addressee", addressee, addressee_id))
                seq += 1
        batch.first_seq = next_seq
        if self.sqlite:
            batch.band_json = _band_keys_json(word_lists)
        else:
            batch.bands = band_rows(word_lists, next_seq)
        return batch

    @staticmethod
    def _person(batch: _Batch, mention: Mention) -> str | None:
        entity = mention.entity
        if entity is None or entity.kind == "none" or not entity.id:
            return None
        if entity.id not in batch.people:
            batch.people[entity.id] = (entity.id, entity.name, entity.kind, entity.role)
        return entity.id

    def _insert(self, connection: Connection, batch: _Batch) -> None:
        self._bulk_insert(connection, _table(models.Outlet), list(batch.outlets.values()), only_new=True)
        self._bulk_insert(connection, _table(models.Person), list(batch.people.values()), only_new=True)
        for model, rows in (
            (models.Article, batch.articles),
            (models.Credit, batch.credits),
            (models.Quotation, batch.quotations),
            (models.Mention, batch.mentions),
            (models.QuotationBand, batch.bands),
        ):
            self._bulk_insert(connection, _table(model), rows)
        if batch.band_json:
            # SQLite expands the keys itself: ten rows per quotation through executemany
            # cost three times as much (a Python tuple and a bind-step-reset per row).
            # Sorted, they walk the band index in order; during a load it is not there.
            order = "" if self.deferred else " ORDER BY 1, 2"
            connection.exec_driver_sql(
                "INSERT INTO quotation_bands (band_key, quotation_seq) SELECT value, ? + key / ?"
                f" FROM json_each(?) WHERE value IS NOT NULL{order}",
                (batch.first_seq, BANDS, batch.band_json),
            )
        if batch.search:
            # The writer fills the full-text index itself, one statement per batch: an
            # insert trigger would run a sub-program per quotation (migration 0001).
            connection.exec_driver_sql(
                "INSERT INTO quotation_fts(rowid, search_text) VALUES (?, ?)", batch.search
            )

    @staticmethod
    def _bulk_insert(connection: Connection, table: Table, rows: list[Row], only_new: bool = False) -> None:
        """One driver-level executemany of tuples in column order: SQLAlchemy's per-row
        parameter processing would cost more than the database's own work at this volume.
        ``only_new`` skips rows whose key is stored (the first name seen for a person wins)."""
        if not rows:
            return
        columns = [column.name for column in table.columns]
        marker = "?" if connection.dialect.paramstyle == "qmark" else "%s"
        statement = (
            f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join([marker] * len(columns))})"
        )
        if only_new:
            statement += " ON CONFLICT DO NOTHING"
        connection.exec_driver_sql(statement, rows)


def _band_keys_json(word_lists: list[list[str]]) -> str:
    """The band keys of consecutive quotations as one JSON array for SQLite's json_each:
    BANDS slots per quotation, so that a slot's quotation is ``first seq + slot // BANDS``,
    and null for an empty quote or a key the quote already has (the rows of ``band_rows``)."""
    keys, empty = band_key_array(word_lists)
    # Keys are below 2**63, so the signed view keeps their values; sorting a quote's keys
    # puts a repeated one next to its twin.
    values = np.sort(keys.astype(np.int64), axis=1)
    repeated = np.zeros(values.shape, dtype=bool)
    repeated[:, 1:] = values[:, 1:] == values[:, :-1]
    repeated[empty] = True
    if not repeated.any():
        return json.dumps(values.reshape(-1).tolist())
    slots = values.astype(object)
    slots[repeated] = None
    return json.dumps(slots.reshape(-1).tolist())


def _stored_time(moment: datetime | None, sqlite: bool) -> Any:
    # SQLite gets the text form SQLAlchemy's SQLite DateTime reads and compares with.
    if moment is None or not sqlite:
        return moment
    return moment.strftime(SQLITE_DATETIME)


def _mention_row(seq: int, role: str, mention: Mention, person: str | None) -> Row:
    entity = mention.entity if person else None
    if entity is None:
        return (seq, role, mention.text, spans_json(mention.spans), None, "", "none", "", "[]")
    return (
        seq, role, mention.text, spans_json(mention.spans), person, entity.name, entity.kind,
        entity.role, spans_json(mention.entity_spans),
    )  # fmt: skip
