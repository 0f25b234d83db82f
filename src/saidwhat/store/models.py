"""The store's tables (SQLAlchemy 2 declarative); the migrations in ``migrations/`` create them.

Public ids are derived from the content, not from sequences, so a resumed ingest and an
uninterrupted one end with identical rows: an article is the first 16 hex digits of its
document's content hash, a quotation ``<article id>-<position>``. ``seq`` is an internal
dense integer (assigned by the writer in document order) that full-text and near-duplicate
indexes point at.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import BigInteger, DateTime, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Outlet(Base):
    __tablename__ = "outlets"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)


class Person(Base):
    """A resolved speaker or addressee, keyed by the resolver's entity id."""

    __tablename__ = "people"

    id: Mapped[str] = mapped_column(String(200), primary_key=True)
    name: Mapped[str] = mapped_column(String(400))
    kind: Mapped[str] = mapped_column(String(20))
    role: Mapped[str] = mapped_column(String(400), default="")


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    source: Mapped[str] = mapped_column(Text)
    record_offset: Mapped[int | None] = mapped_column(BigInteger, nullable=True)
    url: Mapped[str] = mapped_column(Text, default="")
    outlet: Mapped[str] = mapped_column(ForeignKey("outlets.name"))
    published: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    language: Mapped[str] = mapped_column(String(16), default="")
    headline: Mapped[str] = mapped_column(Text, default="")
    body: Mapped[str] = mapped_column(Text)
    error: Mapped[str | None] = mapped_column(Text, nullable=True)


class Credit(Base):
    """Bylines and credit lines of an article, in their order ("author" or "credit")."""

    __tablename__ = "credits"

    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)


class Quotation(Base):
    __tablename__ = "quotations"

    seq: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    id: Mapped[str] = mapped_column(String(40), unique=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id"))
    position: Mapped[int] = mapped_column(Integer)
    # Copied from the article so that filters and ordering use one table's indexes.
    outlet: Mapped[str] = mapped_column(String(200))
    published: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    language: Mapped[str] = mapped_column(String(16))
    type: Mapped[str] = mapped_column(String(30))
    medium: Mapped[str] = mapped_column(String(30))
    confidence: Mapped[float] = mapped_column(Float)
    extractor: Mapped[str] = mapped_column(String(60))
    quote_text: Mapped[str] = mapped_column(Text)
    quote_spans: Mapped[str] = mapped_column(Text)
    cue_text: Mapped[str] = mapped_column(Text, default="")
    cue_spans: Mapped[str] = mapped_column(Text, default="[]")
    frame_text: Mapped[str] = mapped_column(Text, default="")
    frame_spans: Mapped[str] = mapped_column(Text, default="[]")
    speaker_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), nullable=True)
    addressee_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), nullable=True)
    # SQLite only: the quote's stemmed tokens, indexed by the FTS5 table quotation_fts.
    search_text: Mapped[str | None] = mapped_column(Text, nullable=True)

    __table_args__ = (
        Index("ix_quotations_published", "published"),
        Index("ix_quotations_speaker_published", "speaker_id", "published"),
        Index("ix_quotations_outlet_published", "outlet", "published"),
        Index("ix_quotations_article", "article_id"),
    )


class Mention(Base):
    """The speaker and addressee of a quotation as written, with the person they resolve to."""

    __tablename__ = "mentions"

    quotation_seq: Mapped[int] = mapped_column(ForeignKey("quotations.seq"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    spans: Mapped[str] = mapped_column(Text)
    person_id: Mapped[str | None] = mapped_column(ForeignKey("people.id"), nullable=True)
    # As the resolver named this mention; the people row keeps the first name seen.
    entity_name: Mapped[str] = mapped_column(Text, default="")
    entity_kind: Mapped[str] = mapped_column(String(20), default="none")
    entity_role: Mapped[str] = mapped_column(Text, default="")
    entity_spans: Mapped[str] = mapped_column(Text, default="[]")


class QuotationBand(Base):
    """MinHash LSH band keys of a quotation: quotations sharing a key are trace candidates.

    A plain table with its key as a unique index (migration 0002), not a clustered primary
    key, so that rows are appended and the index can be built once after a bulk load."""

    __tablename__ = "quotation_bands"

    band_key: Mapped[int] = mapped_column(BigInteger)
    quotation_seq: Mapped[int] = mapped_column(BigInteger)

    __table_args__ = (Index("ix_quotation_bands_key", "band_key", "quotation_seq", unique=True),)
    # The ORM needs an identity; the database enforces it with the unique index.
    __mapper_args__: ClassVar[dict[str, Any]] = {"primary_key": [band_key, quotation_seq]}
