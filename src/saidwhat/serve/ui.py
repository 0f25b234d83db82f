"""The web UI: server-rendered pages over the same queries as the API.

Every value reaches the page through Jinja2 with autoescaping on; the only markup built in
Python is the marked-up article text (see markup.py), itself escaped piece by piece.
"""

# No ``from __future__ import annotations`` here: FastAPI must resolve the routes'
# annotations at runtime, and some of them are local to the builder function.

from collections.abc import Iterator
from datetime import date
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlalchemy import Connection

from saidwhat.errors import UserInputError
from saidwhat.records import QUOTATION_TYPES
from saidwhat.serve import queries
from saidwhat.serve.api import ID_PATTERN, clean, day_range
from saidwhat.serve.auth import require_read
from saidwhat.serve.problems import ProblemError
from saidwhat.serve.schemas import MonthCount
from saidwhat.serve.settings import Settings
from saidwhat.serve.views import make_card, marked_article, timeline_chart
from saidwhat.store.database import Store
from saidwhat.store.query import Filters
from saidwhat.store.timeline import timeline
from saidwhat.store.trace import trace

SEARCH_FIELDS = ("q", "speaker", "outlet", "since", "until", "type")
FormText = Annotated[str, Query(max_length=500)]
Id = Annotated[str, Path(pattern=ID_PATTERN, max_length=200)]


def _day(value: str, label: str, problems: list[str]) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        problems.append(f"{label}: not a date ({value!r}); use YYYY-MM-DD")
        return None


# The floors offered for the extractor's confidence (its precision per band: `saidwhat eval`).
CONFIDENCE_FLOORS = ("0.5", "0.8", "0.9", "0.95")


def _confidence(value: str, problems: list[str]) -> float:
    if not value:
        return 0.0
    if value not in CONFIDENCE_FLOORS:
        problems.append(f"confidence: not one of {', '.join(CONFIDENCE_FLOORS)} ({value!r})")
        return 0.0
    return float(value)


def build_ui(settings: Settings, store: Store, templates: Jinja2Templates) -> APIRouter:
    router = APIRouter(include_in_schema=False, dependencies=[Depends(require_read(settings))])

    def connection() -> Iterator[Connection]:
        with store.engine.connect() as conn:
            yield conn

    Conn = Annotated[Connection, Depends(connection)]
    page_size = settings.default_page_size

    def render(request: Request, template: str, **context: object) -> HTMLResponse:
        return templates.TemplateResponse(request, template, context)

    @router.get("/", response_class=HTMLResponse)
    def search_page(
        request: Request,
        conn: Conn,
        q: FormText = "",
        speaker: FormText = "",
        outlet: FormText = "",
        since: FormText = "",
        until: FormText = "",
        type: FormText = "",
        confidence: FormText = "",
        page: Annotated[int, Query(ge=1, le=1000)] = 1,
    ) -> HTMLResponse:
        problems: list[str] = []
        floor = _confidence(confidence.strip(), problems)
        first = _day(since.strip(), "since", problems)
        last = _day(until.strip(), "until", problems)
        if type and type not in QUOTATION_TYPES:
            problems.append(f"type: unknown type {type!r}")
            type = ""
        start, end = day_range(first, last)
        filters = Filters(
            words=clean(q) or "",
            speakers=[s] if (s := clean(speaker)) else [],
            outlets=[o] if (o := clean(outlet)) else [],
            since=start,
            until=end,
            types=[type] if type else [],
            min_confidence=floor,
        )
        items, more = queries.search_quotations(conn, filters, (page - 1) * page_size, page_size)
        bodies = queries.article_bodies(conn, [i.article_id for i in items])
        form = {
            "q": q, "speaker": speaker, "outlet": outlet, "since": since, "until": until, "type": type,
            "confidence": confidence.strip() if floor else "",
        }  # fmt: skip
        kept = {k: v for k, v in form.items() if v}
        return render(
            request,
            "search.html",
            form=form,
            problems=problems,
            cards=[make_card(i, bodies.get(i.article_id)) for i in items],
            page=page,
            previous_url="?" + urlencode({**kept, "page": page - 1}) if page > 1 else "",
            next_url="?" + urlencode({**kept, "page": page + 1}) if more else "",
            types=QUOTATION_TYPES,
            confidence_floors=CONFIDENCE_FLOORS,
            outlets=queries.outlet_names(conn),
            searched=bool(kept),
        )

    @router.get("/quotations/{quotation_id}", response_class=HTMLResponse)
    def quotation_page(request: Request, conn: Conn, quotation_id: Id) -> HTMLResponse:
        found = queries.get_quotation(conn, quotation_id)
        if found is None:
            raise ProblemError(404, "There is no quotation with this id.")
        bodies = queries.article_bodies(conn, [found.article_id])
        return render(request, "quotation.html", item=make_card(found, bodies.get(found.article_id)))

    @router.get("/quotations/{quotation_id}/trace", response_class=HTMLResponse)
    def trace_page(request: Request, conn: Conn, quotation_id: Id) -> HTMLResponse:
        try:
            found = trace(store, quotation_id)
        except UserInputError:
            raise ProblemError(404, "There is no quotation with this id.") from None
        rows = [(entry, queries.quotation_from_row(entry.row)) for entry in found.entries]
        bodies = queries.article_bodies(conn, [q.article_id for _, q in rows])
        steps = [
            {
                "card": make_card(q, bodies.get(q.article_id)),
                "step": "first report" if entry.role == "first report" else "repeat",
                "similarity": entry.similarity,
                "is_this": q.id == quotation_id,
            }
            for entry, q in rows
        ]
        return render(request, "trace.html", quotation_id=quotation_id, said_by=found.said_by, steps=steps)

    @router.get("/articles/{article_id}", response_class=HTMLResponse)
    def article_page(request: Request, conn: Conn, article_id: Id) -> HTMLResponse:
        found = queries.get_article(conn, article_id)
        if found is None:
            raise ProblemError(404, "There is no article with this id.")
        return render(
            request,
            "article.html",
            article=found,
            text=marked_article(found.body, found.quotations),
            cards=[make_card(q, found.body) for q in found.quotations],
        )

    @router.get("/people", response_class=HTMLResponse)
    def people_page(
        request: Request, conn: Conn, name: FormText = "", page: Annotated[int, Query(ge=1, le=1000)] = 1
    ) -> HTMLResponse:
        items, more = queries.list_people(conn, clean(name), (page - 1) * page_size, page_size)
        kept = {"name": name} if name else {}
        return render(
            request,
            "people.html",
            people=items,
            name=name,
            previous_url="?" + urlencode({**kept, "page": page - 1}) if page > 1 else "",
            next_url="?" + urlencode({**kept, "page": page + 1}) if more else "",
        )

    @router.get("/people/{person_id}", response_class=HTMLResponse)
    def person_page(
        request: Request, conn: Conn, person_id: Id, page: Annotated[int, Query(ge=1, le=1000)] = 1
    ) -> HTMLResponse:
        found = queries.get_person(conn, person_id)
        if found is None:
            raise ProblemError(404, "There is no person with this id.")
        months = [MonthCount(month=m.month, count=m.count) for m in timeline(store, person_id).months]
        items, more = queries.search_quotations(
            conn, Filters(speakers=[person_id]), (page - 1) * page_size, page_size
        )
        bodies = queries.article_bodies(conn, [i.article_id for i in items])
        return render(
            request,
            "person.html",
            person=found,
            chart=timeline_chart(months),
            cards=[make_card(i, bodies.get(i.article_id)) for i in items],
            previous_url=f"?page={page - 1}" if page > 1 else "",
            next_url=f"?page={page + 1}" if more else "",
        )

    @router.get("/outlets", response_class=HTMLResponse)
    def outlets_page(request: Request, conn: Conn) -> HTMLResponse:
        return render(request, "outlets.html", outlets=queries.list_outlets(conn))

    return router
