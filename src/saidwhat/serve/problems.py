"""Errors as RFC 9457 problem details (``application/problem+json``) for the API, HTML for the UI.

Every error the app produces goes through :func:`install_problem_handlers`, so clients see
one shape: ``type``, ``title``, ``status``, ``detail`` and the request path as ``instance``
(validation errors add the offending fields under ``errors``).
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

PROBLEM_MEDIA_TYPE = "application/problem+json"
API_PREFIX = "/api"

log = logging.getLogger("saidwhat.serve")


class Problem(BaseModel):
    """An error, as RFC 9457 describes it."""

    type: str = Field("about:blank", description="A URI naming the kind of problem.")
    title: str = Field(description="Short summary of the kind of problem.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field("", description="What went wrong with this request.")
    instance: str = Field("", description="The request path.")
    errors: list[dict[str, Any]] | None = Field(None, description="Invalid fields, for status 422.")


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses`` entries declaring problem+json bodies for these statuses."""
    return {
        status: {
            "model": Problem,
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
        }
        for status in statuses
    }


class ProblemError(Exception):
    """Raised by routes for an error with a specific detail and optional headers."""

    def __init__(self, status: int, detail: str = "", headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}


def problem_response(
    request: Request,
    status: int,
    detail: str = "",
    headers: dict[str, str] | None = None,
    errors: list[dict[str, Any]] | None = None,
) -> Response:
    title = HTTPStatus(status).phrase if status in HTTPStatus._value2member_map_ else "Error"
    if not request.url.path.startswith(API_PREFIX) and "text/html" in request.headers.get("accept", ""):
        return _html_error(request, status, title, detail, headers)
    body = Problem(title=title, status=status, detail=detail, instance=request.url.path, errors=errors)
    return JSONResponse(
        body.model_dump(exclude_none=True), status_code=status, media_type=PROBLEM_MEDIA_TYPE, headers=headers
    )


def _html_error(
    request: Request, status: int, title: str, detail: str, headers: dict[str, str] | None
) -> Response:
    templates = getattr(request.app.state, "templates", None)
    if templates is None:
        return HTMLResponse(f"<h1>{status}</h1>", status_code=status, headers=headers)
    return templates.TemplateResponse(
        request,
        "error.html",
        {"status": status, "title": title, "detail": detail},
        status_code=status,
        headers=headers,
    )


def _validation_errors(error: RequestValidationError) -> list[dict[str, Any]]:
    # Only location, message and type: echoing the input back could be large or sensitive.
    return [
        {
            "loc": [str(part) for part in item.get("loc", ())],
            "msg": str(item.get("msg", "")),
            "type": item.get("type", ""),
        }
        for item in error.errors()
    ]


def install_problem_handlers(app: FastAPI) -> None:
    @app.exception_handler(ProblemError)
    async def _problem(request: Request, error: ProblemError) -> Response:
        return problem_response(request, error.status, error.detail, error.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> Response:
        detail = error.detail if isinstance(error.detail, str) else ""
        if detail == HTTPStatus(error.status_code).phrase:
            detail = ""
        return problem_response(request, error.status_code, detail, dict(error.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, error: RequestValidationError) -> Response:
        errors = _validation_errors(error)
        detail = "; ".join(f"{'.'.join(e['loc'])}: {e['msg']}" for e in errors[:5])
        return problem_response(request, 422, detail, errors=errors)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> Response:
        # The traceback goes to the server log, never to the client.
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return problem_response(request, 500, "internal error; see the server log")
