"""``create_app(settings)``: the API, the web UI and their static files on one ASGI app.

Everything the app needs (store, ingestor, templates) hangs off the instance built here;
there is no module-level app, so tests and the CLI can build as many as they like.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from saidwhat import __version__
from saidwhat.serve.api import build_api
from saidwhat.serve.ingest import Ingestor
from saidwhat.serve.middleware import BodyLimitMiddleware, SecurityHeadersMiddleware
from saidwhat.serve.problems import Problem, install_problem_handlers
from saidwhat.serve.settings import Settings
from saidwhat.serve.ui import build_ui
from saidwhat.store.database import Store, open_store

PACKAGE = Path(str(resources.files("saidwhat.serve")))
DESCRIPTION = """Quotations extracted from news: who said what, to whom, when, per which source.

Reads are open unless the server was started with closed reads; `POST /api/documents`
needs the server's token as `Authorization: Bearer <token>`. Errors are
`application/problem+json` (RFC 9457).
"""


def make_templates() -> Jinja2Templates:
    # Autoescaping is forced on for every template, whatever its file name.
    environment = Environment(
        loader=FileSystemLoader(PACKAGE / "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["http_url"] = http_url
    return Jinja2Templates(env=environment)


def http_url(value: str | None) -> str:
    """The URL if it is http(s), else "": a stored ``javascript:`` URL must never become a link."""
    value = (value or "").strip()
    return value if urlsplit(value).scheme.lower() in ("http", "https") else ""


def create_app(settings: Settings, store: Store | None = None) -> FastAPI:
    """The app over ``store`` (opened from ``settings.db`` when not given)."""
    owned = store is None
    store = store or open_store(settings.db)
    ingestor = Ingestor(store=store, language=settings.language, allow_fetch=settings.allow_fetch)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if owned:
            store.close()

    app = FastAPI(
        title="saidwhat",
        version=__version__,
        description=DESCRIPTION,
        openapi_url="/api/openapi.json",
        # The interactive docs load scripts from a CDN, which neither the CSP nor an
        # offline machine allows; the OpenAPI document itself is served.
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.templates = make_templates()
    install_problem_handlers(app)
    app.include_router(build_api(settings, store, ingestor))
    app.include_router(build_ui(settings, store, app.state.templates))
    app.mount("/static", StaticFiles(directory=PACKAGE / "static"), name="static")
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    _declare_problem_schema(app)
    return app


def _declare_problem_schema(app: FastAPI) -> None:
    """Make sure the Problem schema the error responses refer to is in the document."""
    original = app.openapi

    def openapi() -> dict:
        if app.openapi_schema is None:
            schema = original()
            schema.setdefault("components", {}).setdefault("schemas", {})
            schema["components"]["schemas"].setdefault("Problem", Problem.model_json_schema())
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
