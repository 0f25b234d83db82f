"""Read queries the API and UI need, over the store.

Quotation search reuses the store's own filters and row mapping (``saidwhat.store.query``),
so the API, the UI, ``saidwhat search`` and ``saidwhat export`` agree on what matches; the
listings the CLI has no command for (articles, people, outlets) are queried here. Each
function returns the API's pydantic records, so JSON and HTML show the same data.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Select, func, literal_column, select
from sqlalchemy.orm import Session

from saidwhat.errors import UserInputError
from saidwhat.serve.schemas import (
    ArticleOut,
    ArticleSummary,
    MentionOut,
    OutletOut,
    PersonOut,
    PersonRef,
    QuotationOut,
    Role,
)
from saidwhat.store import models
from saidwhat.store.query import Filters, apply_filters, iter_rows, newest_first, row_select

Q = models.Quotation
A = models.Article
P = models.Person


def utc(moment: datetime | None) -> datetime | None:
    """Stored times are naive UTC; the API states the zone (RFC 3339 needs one)."""
    return moment.replace(tzinfo=UTC) if moment is not None and moment.tzinfo is None else moment


def _spans(raw: str | None) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in json.loads(raw or "[]")]


def quotation_from_row(row: dict[str, Any]) -> QuotationOut:
    """An export row (``saidwhat.store.rows``) as the API's quotation record."""
    speaker = None
    if row["speaker_id"]:
        speaker = PersonRef(
            id=row["speaker_id"], name=row["speaker_name"], kind=row["speaker_kind"], role=row["speaker_role"]
        )
    addressee = None
    if row["addressee_id"]:
        addressee = PersonRef(id=row["addressee_id"], name=row["addressee_name"])
    return QuotationOut(
        id=row["quote_id"],
        article_id=row["article_id"],
        position=row["position"],
        headline=row["headline"] or "",
        outlet=row["outlet"],
        published=utc(row["published"]),
        language=row["language"],
        type=row["type"],
        medium=row["medium"],
        confidence=row["confidence"],
        extractor=row["extractor"],
        quote=Role(text=row["quote"], spans=_spans(row["quote_spans"])),
        cue=Role(text=row["cue"], spans=_spans(row["cue_spans"])),
        frame=Role(text=row["frame"], spans=_spans(row["frame_spans"])),
        speaker=MentionOut(text=row["speaker"], spans=_spans(row["speaker_spans"]), person=speaker),
        addressee=MentionOut(text=row["addressee"], spans=_spans(row["addressee_spans"]), person=addressee),
    )


def search_quotations(
    connection: Connection, filters: Filters, offset: int, limit: int
) -> tuple[list[QuotationOut], bool]:
    """A page of matching quotations, newest first, and whether more follow.

    A speaker or outlet that matches nothing in the store gives an empty page (the store's
    filters report it as a user error, which suits the CLI but not a search box).
    """
    try:
        statement = apply_filters(row_select(), connection, filters)
    except UserInputError:
        return [], False
    statement = newest_first(statement, connection.dialect.name).offset(offset).limit(limit + 1)
    rows = [quotation_from_row(r) for r in iter_rows(connection, statement)]
    return rows[:limit], len(rows) > limit


def get_quotation(connection: Connection, quotation_id: str) -> QuotationOut | None:
    rows = list(iter_rows(connection, row_select().where(Q.id == quotation_id)))
    return quotation_from_row(rows[0]) if rows else None


def quotations_by_id(connection: Connection, ids: Sequence[str]) -> list[QuotationOut]:
    """The quotations with these ids, in the order given (unknown ids are left out)."""
    if not ids:
        return []
    found = {
        r["quote_id"]: quotation_from_row(r) for r in iter_rows(connection, row_select().where(Q.id.in_(ids)))
    }
    return [found[i] for i in ids if i in found]


def article_quotations(connection: Connection, article_id: str) -> list[QuotationOut]:
    statement = row_select().where(Q.article_id == article_id).order_by(Q.position)
    return [quotation_from_row(r) for r in iter_rows(connection, statement)]


def _summary(article: models.Article) -> ArticleSummary:
    return ArticleSummary(
        id=article.id,
        headline=article.headline,
        outlet=article.outlet,
        published=utc(article.published),
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
    with Session(bind=connection) as session:
        rows = session.execute(statement).scalars().all()
        return [_summary(a) for a in rows[:limit]], len(rows) > limit


def get_article(connection: Connection, article_id: str) -> ArticleOut | None:
    with Session(bind=connection) as session:
        article = session.execute(select(A).where(A.id == article_id)).scalars().first()
        summary = _summary(article) if article else None
        body = article.body if article else ""
    if summary is None:
        return None
    credits = connection.execute(
        select(models.Credit.kind, models.Credit.name)
        .where(models.Credit.article_id == article_id)
        .order_by(models.Credit.kind, models.Credit.position)
    ).all()
    return ArticleOut(
        **summary.model_dump(),
        body=body,
        authors=[name for kind, name in credits if kind == "author"],
        credits=[name for kind, name in credits if kind == "credit"],
        quotations=article_quotations(connection, article_id),
    )


def _people_select() -> Select[Any]:
    counts = select(Q.speaker_id.label("pid"), func.count().label("n")).group_by(Q.speaker_id).subquery()
    return select(P.id, P.name, P.kind, P.role, func.coalesce(counts.c.n, 0).label("n")).outerjoin(
        counts, counts.c.pid == P.id
    )


def _person_out(row: Any) -> PersonOut:
    return PersonOut(id=row.id, name=row.name, kind=row.kind, role=row.role, quotations=int(row.n))


def list_people(
    connection: Connection, name: str | None, offset: int, limit: int
) -> tuple[list[PersonOut], bool]:
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


def article_bodies(connection: Connection, article_ids: Sequence[str]) -> dict[str, str]:
    """The bodies of these articles, for showing quotations in their sentences."""
    if not article_ids:
        return {}
    rows = connection.execute(select(A.id, A.body).where(A.id.in_(list(set(article_ids))))).all()
    return {article_id: body for article_id, body in rows}
