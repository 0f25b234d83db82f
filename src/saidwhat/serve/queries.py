"""Read queries the API and UI need, over the store's tables.

Each function takes a SQLAlchemy connection and returns the API's pydantic records, so the
JSON API and the HTML pages show the same data. Filtering by words uses the store's
full-text indexes (FTS5 on SQLite, ``tsvector`` on PostgreSQL).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, and_, func, literal_column, or_, select, text
from sqlalchemy.orm import aliased

from saidwhat.serve.schemas import (
    ArticleOut,
    ArticleSummary,
    MentionOut,
    MonthCount,
    OutletOut,
    PersonOut,
    PersonRef,
    QuotationOut,
    Role,
)
from saidwhat.store import models
from saidwhat.store.text import fts5_query, tokens

Q = models.Quotation
A = models.Article
P = models.Person
M = models.Mention
SpeakerMention = aliased(M)
AddresseeMention = aliased(M)
Speaker = aliased(P)
Addressee = aliased(P)


@dataclass(frozen=True)
class QuotationFilter:
    words: str | None = None
    speaker: str | None = None
    outlet: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    type: str | None = None
    article: str | None = None

    def is_empty(self) -> bool:
        return not any((self.words, self.speaker, self.outlet, self.since, self.until, self.type, self.article))


def _spans(raw: str | None) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in json.loads(raw or "[]")]


def _quotation_select() -> Select[Any]:
    return (
        select(
            Q,
            A.headline,
            SpeakerMention.text.label("speaker_text"),
            SpeakerMention.spans.label("speaker_spans"),
            Speaker,
            AddresseeMention.text.label("addressee_text"),
            AddresseeMention.spans.label("addressee_spans"),
            Addressee,
        )
        .join(A, A.id == Q.article_id)
        .outerjoin(SpeakerMention, and_(SpeakerMention.quotation_seq == Q.seq, SpeakerMention.role == "speaker"))
        .outerjoin(Speaker, Speaker.id == Q.speaker_id)
        .outerjoin(
            AddresseeMention, and_(AddresseeMention.quotation_seq == Q.seq, AddresseeMention.role == "addressee")
        )
        .outerjoin(Addressee, Addressee.id == Q.addressee_id)
    )


def _person_ref(person: models.Person | None) -> PersonRef | None:
    if person is None:
        return None
    return PersonRef(id=person.id, name=person.name, kind=person.kind, role=person.role)


def _quotation_out(row: Any) -> QuotationOut:
    q: models.Quotation = row[0]
    return QuotationOut(
        id=q.id,
        article_id=q.article_id,
        position=q.position,
        headline=row.headline or "",
        outlet=q.outlet,
        published=q.published,
        language=q.language,
        type=q.type,
        medium=q.medium,
        confidence=q.confidence,
        extractor=q.extractor,
        quote=Role(text=q.quote_text, spans=_spans(q.quote_spans)),
        cue=Role(text=q.cue_text, spans=_spans(q.cue_spans)),
        frame=Role(text=q.frame_text, spans=_spans(q.frame_spans)),
        speaker=MentionOut(
            text=row.speaker_text or "", spans=_spans(row.speaker_spans), person=_person_ref(row[4])
        ),
        addressee=MentionOut(
            text=row.addressee_text or "", spans=_spans(row.addressee_spans), person=_person_ref(row[7])
        ),
    )


def _words_clause(connection: Connection, words: str) -> Any:
    if connection.dialect.name == "sqlite":
        query = fts5_query(words)
        if query is None:
            return None
        matching = text("SELECT rowid FROM quotation_fts WHERE quotation_fts MATCH :match").bindparams(match=query)
        return Q.seq.in_(matching)
    terms = tokens(words)
    if not terms:
        return None
    phrase = " ".join(terms)
    vector = literal_column("quotations.search_vector")
    return or_(
        vector.op("@@")(func.plainto_tsquery(literal_column("'german'::regconfig"), phrase)),
        vector.op("@@")(func.plainto_tsquery(literal_column("'english'::regconfig"), phrase)),
    )


def _speaker_clause(value: str) -> Any:
    name = value.strip()
    pattern = "%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    people = select(P.id).where(or_(P.id == name, P.name.ilike(pattern, escape="\\")))
    return Q.speaker_id.in_(people)


def _filtered(connection: Connection, statement: Select[Any], where: QuotationFilter) -> Select[Any] | None:
    """Apply the filter; None when the words hold nothing searchable (so nothing matches)."""
    if where.words and where.words.strip():
        clause = _words_clause(connection, where.words)
        if clause is None:
            return None
        statement = statement.where(clause)
    if where.speaker and where.speaker.strip():
        statement = statement.where(_speaker_clause(where.speaker))
    if where.outlet:
        statement = statement.where(Q.outlet == where.outlet)
    if where.since:
        statement = statement.where(Q.published >= where.since)
    if where.until:
        statement = statement.where(Q.published <= where.until)
    if where.type:
        statement = statement.where(Q.type == where.type)
    if where.article:
        statement = statement.where(Q.article_id == where.article)
    return statement


def search_quotations(
    connection: Connection, where: QuotationFilter, offset: int, limit: int
) -> tuple[list[QuotationOut], bool]:
    """A page of matching quotations, newest first, and whether more follow."""
    statement = _filtered(connection, _quotation_select(), where)
    if statement is None:
        return [], False
    statement = statement.order_by(Q.published.desc().nulls_last(), Q.seq).offset(offset).limit(limit + 1)
    rows = connection.execute(statement).all()
    return [_quotation_out(r) for r in rows[:limit]], len(rows) > limit


def get_quotation(connection: Connection, quotation_id: str) -> QuotationOut | None:
    row = connection.execute(_quotation_select().where(Q.id == quotation_id)).first()
    return _quotation_out(row) if row else None


def quotations_by_seq(connection: Connection, seqs: Sequence[int]) -> list[QuotationOut]:
    if not seqs:
        return []
    rows = connection.execute(_quotation_select().where(Q.seq.in_(list(seqs)))).all()
    by_seq = {r[0].seq: _quotation_out(r) for r in rows}
    return [by_seq[s] for s in seqs if s in by_seq]


def quotation_seq(connection: Connection, quotation_id: str) -> int | None:
    return connection.scalar(select(Q.seq).where(Q.id == quotation_id))


def _summary(article: models.Article) -> ArticleSummary:
    return ArticleSummary(
        id=article.id,
        headline=article.headline,
        outlet=article.outlet,
        published=article.published,
        language=article.language,
        url=article.url,
        source=article.source,
    )


def list_articles(
    connection: Connection, outlet: str | None, offset: int, limit: int
) -> tuple[list[ArticleSummary], bool]:
    statement = select(A)
    if outlet:
        statement = statement.where(A.outlet == outlet)
    statement = statement.order_by(A.published.desc().nulls_last(), A.id).offset(offset).limit(limit + 1)
    rows = connection.execute(statement).scalars().all()
    return [_summary(a) for a in rows[:limit]], len(rows) > limit


def get_article(connection: Connection, article_id: str) -> ArticleOut | None:
    article = connection.execute(select(A).where(A.id == article_id)).scalars().first()
    if article is None:
        return None
    credits = connection.execute(
        select(models.Credit.kind, models.Credit.name)
        .where(models.Credit.article_id == article_id)
        .order_by(models.Credit.kind, models.Credit.position)
    ).all()
    rows = connection.execute(_quotation_select().where(Q.article_id == article_id).order_by(Q.position)).all()
    return ArticleOut(
        **_summary(article).model_dump(),
        body=article.body,
        authors=[name for kind, name in credits if kind == "author"],
        credits=[name for kind, name in credits if kind == "credit"],
        quotations=[_quotation_out(r) for r in rows],
    )


def _people_select() -> Select[Any]:
    counts = select(Q.speaker_id.label("pid"), func.count().label("n")).group_by(Q.speaker_id).subquery()
    return select(P, func.coalesce(counts.c.n, 0).label("n")).outerjoin(counts, counts.c.pid == P.id)


def _person_out(row: Any) -> PersonOut:
    person: models.Person = row[0]
    return PersonOut(id=person.id, name=person.name, kind=person.kind, role=person.role, quotations=int(row.n))


def list_people(connection: Connection, name: str | None, offset: int, limit: int) -> tuple[list[PersonOut], bool]:
    statement = _people_select()
    if name and name.strip():
        pattern = "%" + name.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        statement = statement.where(P.name.ilike(pattern, escape="\\"))
    statement = statement.order_by(literal_column("n").desc(), P.name, P.id).offset(offset).limit(limit + 1)
    rows = connection.execute(statement).all()
    return [_person_out(r) for r in rows[:limit]], len(rows) > limit


def get_person(connection: Connection, person_id: str) -> PersonOut | None:
    row = connection.execute(_people_select().where(P.id == person_id)).first()
    return _person_out(row) if row else None


def month_counts(connection: Connection, person_id: str) -> list[MonthCount]:
    """Quotations per calendar month, oldest first, with gaps filled by zero; undated last."""
    dates = connection.execute(select(Q.published).where(Q.speaker_id == person_id)).scalars().all()
    counts: dict[str, int] = {}
    undated = 0
    for moment in dates:
        if moment is None:
            undated += 1
        else:
            key = f"{moment.year:04d}-{moment.month:02d}"
            counts[key] = counts.get(key, 0) + 1
    months: list[MonthCount] = []
    if counts:
        first, last = min(counts), max(counts)
        year, month = int(first[:4]), int(first[5:])
        # Gaps are filled so the chart's time axis is linear; capped so one odd date cannot
        # make a chart of a thousand years.
        while len(months) < 600:
            key = f"{year:04d}-{month:02d}"
            months.append(MonthCount(month=key, count=counts.get(key, 0)))
            if key >= last:
                break
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    if undated:
        months.append(MonthCount(month="undated", count=undated))
    return months


def list_outlets(connection: Connection) -> list[OutletOut]:
    articles = select(A.outlet.label("name"), func.count().label("n")).group_by(A.outlet).subquery()
    quotes = select(Q.outlet.label("name"), func.count().label("n")).group_by(Q.outlet).subquery()
    rows = connection.execute(
        select(models.Outlet.name, func.coalesce(articles.c.n, 0), func.coalesce(quotes.c.n, 0))
        .outerjoin(articles, articles.c.name == models.Outlet.name)
        .outerjoin(quotes, quotes.c.name == models.Outlet.name)
        .order_by(models.Outlet.name)
    ).all()
    return [OutletOut(name=name, articles=int(a), quotations=int(q)) for name, a, q in rows]


def quotation_types(connection: Connection) -> list[str]:
    return list(connection.execute(select(Q.type).distinct().order_by(Q.type)).scalars())


def outlet_names(connection: Connection) -> list[str]:
    return list(connection.execute(select(models.Outlet.name).order_by(models.Outlet.name)).scalars())
