"""Filters shared by search and export, and the mapping from stored rows back to export rows.

Stored rows are turned back into records and passed through ``rows.quotation_row``, so the
store's export and the Spark job's Parquet share one definition of a row.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Select, and_, func, literal_column, or_, select, text
from sqlalchemy.orm import Session, aliased

from saidwhat.errors import UserInputError
from saidwhat.records import QUOTATION_TYPES, Article, Document, Mention, Person, Quotation, Span
from saidwhat.resolve.speakers import person_id
from saidwhat.store import models
from saidwhat.store.rows import quotation_row
from saidwhat.store.text import fts5_query, postgres_query_configs

Q = models.Quotation
A = models.Article
SpeakerMention = aliased(models.Mention, name="speaker_mention")
AddresseeMention = aliased(models.Mention, name="addressee_mention")


@dataclass
class Filters:
    words: str = ""
    speakers: list[str] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    since: datetime | None = None
    until: datetime | None = None
    types: list[str] = field(default_factory=list)
    # The extractor's confidence tracks quote precision (see `saidwhat eval`): a floor keeps
    # the quotations a reader can trust without checking.
    min_confidence: float = 0.0


def parse_day(value: str | None, option: str, end: bool = False) -> datetime | None:
    """An ISO date or date-time; a bare date as ``--until`` includes that whole day."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise UserInputError(option, f"not a date: {value!r} (expected YYYY-MM-DD)") from None
    if moment.tzinfo is not None:
        from saidwhat.store.rows import utc_naive

        moment = utc_naive(moment)  # type: ignore[assignment]
    if end and len(value) == 10:
        moment += timedelta(days=1)
    return moment


def check_types(types: list[str]) -> list[str]:
    known = {t.lower(): t for t in QUOTATION_TYPES}
    result = []
    for value in types:
        if value.lower() not in known:
            raise UserInputError("--type", f"unknown type {value!r} (one of {', '.join(QUOTATION_TYPES)})")
        result.append(known[value.lower()])
    return result


def people_matching(connection: Connection, value: str) -> list[str]:
    """Person ids for a ``--speaker`` value: an id, a name's canonical id, or part of a name."""
    P = models.Person
    exact = list(
        connection.scalars(
            select(P.id).where(
                or_(P.id == value, P.id == person_id(value), func.lower(P.name) == value.lower())
            )
        )
    )
    if exact:
        return sorted(exact)
    pattern = "%" + value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    return sorted(connection.scalars(select(P.id).where(func.lower(P.name).like(pattern, escape="\\"))))


def outlets_matching(connection: Connection, value: str) -> list[str]:
    O = models.Outlet  # noqa: E741
    return sorted(connection.scalars(select(O.name).where(func.lower(O.name) == value.lower())))


# Above this many matches, SQLite should walk an ordered index and test membership rather
# than fetch and sort every match (common words match a large share of a big store).
MANY_MATCHES = 2_000
_FTS_MATCHES = "SELECT rowid FROM quotation_fts WHERE quotation_fts MATCH :fts"


def word_condition(connection: Connection, words: str) -> Any:
    if connection.dialect.name == "sqlite":
        expression = fts5_query(words)
        if expression is None:
            return None
        bounded = text(f"SELECT count(*) FROM ({_FTS_MATCHES} LIMIT :cap)")
        if connection.scalar(bounded, {"fts": expression, "cap": MANY_MATCHES + 1}) > MANY_MATCHES:
            # The unary + keeps the planner from using the match list as the row source, so
            # it reads in date order (an index) and stops after the first LIMIT matches.
            return text(f"+quotations.seq IN ({_FTS_MATCHES})").bindparams(fts=expression)
        matches = text(_FTS_MATCHES).bindparams(fts=expression)
        return Q.seq.in_(matches.columns(literal_column("rowid")))
    parsed = " || ".join(f"plainto_tsquery('{config}', :words)" for config in postgres_query_configs())
    return text(f"quotations.search_vector @@ ({parsed})").bindparams(words=words)


def _all_matching(
    connection: Connection,
    values: list[str],
    matching: Callable[[Connection, str], list[str]],
    option: str,
    problem: str,
) -> list[str]:
    """Every stored key each value names; a value naming none is a user error."""
    keys: list[str] = []
    for value in values:
        found = matching(connection, value)
        if not found:
            raise UserInputError(option, f"{problem} {value!r}")
        keys.extend(found)
    return keys


def apply_filters(statement: Select, connection: Connection, filters: Filters) -> Select:
    if filters.words.strip():
        condition = word_condition(connection, filters.words)
        if condition is not None:
            statement = statement.where(condition)
    if filters.speakers:
        ids = _all_matching(
            connection, filters.speakers, people_matching, "--speaker", "no person in the store matches"
        )
        statement = statement.where(Q.speaker_id.in_(ids))
    if filters.outlets:
        names = _all_matching(
            connection, filters.outlets, outlets_matching, "--outlet", "no outlet in the store is called"
        )
        statement = statement.where(Q.outlet.in_(names))
    if filters.since is not None:
        statement = statement.where(Q.published >= filters.since)
    if filters.until is not None:
        statement = statement.where(Q.published < filters.until)
    if filters.types:
        statement = statement.where(Q.type.in_(filters.types))
    if filters.min_confidence > 0:
        statement = statement.where(Q.confidence >= filters.min_confidence)
    return statement


def _mention_of(mention: Any, role: str) -> Any:
    return and_(mention.quotation_seq == Q.seq, mention.role == role)


def row_select() -> Select:
    """Everything an export row needs, one result row per quotation."""
    return (
        select(
            Q, A.content_hash, A.source, A.record_offset, A.url, A.headline,
            SpeakerMention, AddresseeMention,
        )
        .join(A, A.id == Q.article_id)
        .outerjoin(SpeakerMention, _mention_of(SpeakerMention, "speaker"))
        .outerjoin(AddresseeMention, _mention_of(AddresseeMention, "addressee"))
    )  # fmt: skip


def newest_first(statement: Select, dialect: str) -> Select:
    published = Q.published.desc()
    # SQLite already sorts NULL last when descending; PostgreSQL needs to be told.
    return statement.order_by(published.nulls_last() if dialect == "postgresql" else published, Q.seq.desc())


def oldest_first(statement: Select) -> Select:
    return statement.order_by(Q.published, Q.seq)


def _spans(value: str) -> list[Span]:
    return [Span(a, b) for a, b in json.loads(value or "[]")]


def _mention(text_value: str, spans: str) -> Mention:
    return Mention(text=text_value, spans=_spans(spans))


def _resolved(stored: models.Mention | None) -> Mention:
    if stored is None:
        return Mention()
    mention = _mention(stored.text, stored.spans)
    if stored.person_id:
        mention.entity = Person(
            id=stored.person_id, name=stored.entity_name, kind=stored.entity_kind, role=stored.entity_role
        )
        mention.entity_spans = _spans(stored.entity_spans)
    return mention


def to_row(result_row: Any) -> dict[str, Any]:
    """A ``row_select`` result as the export row (``rows.quotation_row``)."""
    quotation: models.Quotation = result_row[0]
    content_hash, source, record_offset, url, headline, speaker, addressee = result_row[1:]
    document = Document(text="", source=source, record_offset=record_offset, url=url or None)
    article = Article(
        document=document,
        body="",
        headline=headline,
        published=quotation.published,
        language=quotation.language,
        outlet=quotation.outlet,
        url=url,
    )
    record = Quotation(
        type=quotation.type,
        quote=_mention(quotation.quote_text, quotation.quote_spans),
        medium=quotation.medium,
        cue=_mention(quotation.cue_text, quotation.cue_spans),
        speaker=_resolved(speaker),
        addressee=_resolved(addressee),
        frame=_mention(quotation.frame_text, quotation.frame_spans),
        confidence=quotation.confidence,
        extractor=quotation.extractor,
    )
    return quotation_row(article, record, quotation.position, content_hash)


def iter_rows(connection: Connection, statement: Select, stream: bool = False) -> Iterator[dict[str, Any]]:
    # A Session (not bare Core) so that the selected models come back as objects.
    options = {"yield_per": 1000} if stream else {}
    with Session(bind=connection) as session:
        for result_row in session.execute(statement.execution_options(**options)):
            yield to_row(result_row)
