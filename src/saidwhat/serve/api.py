"""The JSON API under ``/api``: quotations, articles, people, outlets, trace, documents.

Routes are built per app from its Settings (``build_api``), so limits such as the largest
page size are part of the OpenAPI document and nothing is configured through globals.
"""

# No ``from __future__ import annotations`` here: FastAPI must resolve the routes'
# annotations at runtime, and some of them are local to the builder function.

from collections.abc import Iterator
from datetime import date, datetime, time, timedelta
from enum import Enum
from typing import Annotated, TypeVar

from fastapi import APIRouter, Depends, Path, Query, Request
from sqlalchemy import Connection

from saidwhat.errors import UserInputError
from saidwhat.records import QUOTATION_TYPES
from saidwhat.serve import queries
from saidwhat.serve.auth import require_read, require_write
from saidwhat.serve.ingest import Ingestor, IngestRefused
from saidwhat.serve.problems import ProblemError, problem_responses
from saidwhat.serve.schemas import (
    ArticleOut,
    ArticlePage,
    DocumentIn,
    IngestResult,
    MonthCount,
    OutletOut,
    PeoplePage,
    PersonOut,
    QuotationOut,
    QuotationPage,
    TimelineOut,
    TraceEntry,
    TraceOut,
)
from saidwhat.serve.settings import Settings
from saidwhat.store.database import Store
from saidwhat.store.query import Filters
from saidwhat.store.timeline import timeline
from saidwhat.store.trace import trace

QuotationType = Enum("QuotationType", {t: t for t in QUOTATION_TYPES}, type=str)  # type: ignore[misc]
MAX_PAGE = 1000  # deep OFFSET pages cost the database more than anyone reads
ID_PATTERN = r"^[\w.:-]{1,200}$"


def clean(value: str | None) -> str | None:
    """A query string without NUL characters (PostgreSQL rejects them), or None if blank."""
    if value is None:
        return None
    value = value.replace("\x00", "").strip()
    return value or None


def day_range(since: date | None, until: date | None) -> tuple[datetime | None, datetime | None]:
    """``since`` from the start of its day; ``until`` includes its whole day (end exclusive)."""
    start = datetime.combine(since, time.min) if since else None
    end = datetime.combine(until, time.min) + timedelta(days=1) if until else None
    return start, end


T = TypeVar("T")


def found_or_404(found: T | None, what: str, key: str) -> T:
    """The looked-up record, or a 404 problem naming what was not found."""
    if found is None:
        raise ProblemError(404, f"no {what} {key!r}")
    return found


def build_api(settings: Settings, store: Store, ingestor: Ingestor) -> APIRouter:
    router = APIRouter(
        prefix="/api", dependencies=[Depends(require_read(settings))], responses=problem_responses(401, 403)
    )

    def connection() -> Iterator[Connection]:
        with store.engine.connect() as conn:
            yield conn

    Conn = Annotated[Connection, Depends(connection)]
    PageNumber = Annotated[int, Query(ge=1, le=MAX_PAGE, description="1-based page number.")]
    PageSize = Annotated[
        int, Query(ge=1, le=settings.max_page_size, description=f"At most {settings.max_page_size}.")
    ]
    Id = Annotated[str, Path(pattern=ID_PATTERN, max_length=200)]
    default_size = settings.default_page_size

    @router.get("/health", tags=["meta"], summary="Liveness and store reachability")
    def health(conn: Conn) -> dict[str, str]:
        conn.exec_driver_sql("SELECT 1")
        return {"status": "ok", "store": store.dialect}

    @router.get(
        "/quotations",
        tags=["quotations"],
        summary="Search quotations, newest first",
        responses=problem_responses(422),
    )
    def search(
        conn: Conn,
        q: Annotated[str | None, Query(max_length=500, description="Words in the quote (stemmed).")] = None,
        speaker: Annotated[str | None, Query(max_length=200, description="A person's id or name.")] = None,
        outlet: Annotated[str | None, Query(max_length=200)] = None,
        since: Annotated[date | None, Query(description="First day, YYYY-MM-DD.")] = None,
        until: Annotated[date | None, Query(description="Last day (included), YYYY-MM-DD.")] = None,
        type: Annotated[QuotationType | None, Query()] = None,
        min_confidence: Annotated[
            float, Query(ge=0.0, le=1.0, description="Only quotations with at least this confidence.")
        ] = 0.0,
        page: PageNumber = 1,
        page_size: PageSize = default_size,
    ) -> QuotationPage:
        start, end = day_range(since, until)
        filters = Filters(
            words=clean(q) or "",
            speakers=[s] if (s := clean(speaker)) else [],
            outlets=[o] if (o := clean(outlet)) else [],
            since=start,
            until=end,
            types=[type.value] if type else [],
            min_confidence=min_confidence,
        )
        items, more = queries.search_quotations(conn, filters, (page - 1) * page_size, page_size)
        return QuotationPage(items=items, page=page, page_size=page_size, has_more=more)

    @router.get(
        "/quotations/{quotation_id}",
        tags=["quotations"],
        summary="One quotation",
        responses=problem_responses(404, 422),
    )
    def quotation(conn: Conn, quotation_id: Id) -> QuotationOut:
        return found_or_404(queries.get_quotation(conn, quotation_id), "quotation", quotation_id)

    @router.get(
        "/quotations/{quotation_id}/trace",
        tags=["quotations"],
        summary="The same statement across outlets, earliest first",
        responses=problem_responses(404, 422),
    )
    def trace_route(quotation_id: Id) -> TraceOut:
        try:
            found = trace(store, quotation_id)
        except UserInputError:
            raise ProblemError(404, f"no quotation {quotation_id!r}") from None
        entries = [
            TraceEntry(
                quotation=queries.quotation_from_row(entry.row),
                step="origin" if entry.role == "first report" else "repeat",
                similarity=entry.similarity,
            )
            for entry in found.entries
        ]
        return TraceOut(quotation_id=quotation_id, entries=entries)

    @router.get(
        "/articles", tags=["articles"], summary="Articles, newest first", responses=problem_responses(422)
    )
    def articles(
        conn: Conn,
        outlet: Annotated[str | None, Query(max_length=200)] = None,
        page: PageNumber = 1,
        page_size: PageSize = default_size,
    ) -> ArticlePage:
        items, more = queries.list_articles(conn, clean(outlet), (page - 1) * page_size, page_size)
        return ArticlePage(items=items, page=page, page_size=page_size, has_more=more)

    @router.get(
        "/articles/{article_id}",
        tags=["articles"],
        summary="One article with its text and quotations",
        responses=problem_responses(404, 422),
    )
    def article(conn: Conn, article_id: Id) -> ArticleOut:
        return found_or_404(queries.get_article(conn, article_id), "article", article_id)

    @router.get(
        "/people", tags=["people"], summary="People, most quoted first", responses=problem_responses(422)
    )
    def people(
        conn: Conn,
        name: Annotated[str | None, Query(max_length=200, description="Part of a name.")] = None,
        page: PageNumber = 1,
        page_size: PageSize = default_size,
    ) -> PeoplePage:
        items, more = queries.list_people(conn, clean(name), (page - 1) * page_size, page_size)
        return PeoplePage(items=items, page=page, page_size=page_size, has_more=more)

    @router.get(
        "/people/{person_id}", tags=["people"], summary="One person", responses=problem_responses(404, 422)
    )
    def person(conn: Conn, person_id: Id) -> PersonOut:
        return found_or_404(queries.get_person(conn, person_id), "person", person_id)

    @router.get(
        "/people/{person_id}/timeline",
        tags=["people"],
        summary="A person's quotations over time: counts per month and a page of quotations",
        responses=problem_responses(404, 422),
    )
    def person_timeline(
        conn: Conn, person_id: Id, page: PageNumber = 1, page_size: PageSize = default_size
    ) -> TimelineOut:
        found = found_or_404(queries.get_person(conn, person_id), "person", person_id)
        months = [MonthCount(month=m.month, count=m.count) for m in timeline(store, person_id).months]
        items, more = queries.search_quotations(
            conn, Filters(speakers=[person_id]), (page - 1) * page_size, page_size
        )
        return TimelineOut(
            person=found,
            months=months,
            quotations=QuotationPage(items=items, page=page, page_size=page_size, has_more=more),
        )

    @router.get("/outlets", tags=["outlets"], summary="Outlets with their article and quotation counts")
    def outlets(conn: Conn) -> list[OutletOut]:
        return queries.list_outlets(conn)

    @router.post(
        "/documents",
        tags=["documents"],
        summary="Ingest one document (text, HTML, or a URL when fetching is enabled)",
        status_code=201,
        dependencies=[Depends(require_write(settings))],
        responses=problem_responses(413, 422),
    )
    def documents(request: Request, body: DocumentIn) -> IngestResult:
        try:
            return ingestor.ingest(body)
        except IngestRefused as error:
            raise ProblemError(error.status, str(error)) from None

    return router
