"""``saidwhat serve``: a REST API (FastAPI, OpenAPI) and a web UI over the store, on one port."""

from __future__ import annotations

from saidwhat.serve.app import create_app
from saidwhat.serve.settings import Settings

__all__ = ["Settings", "create_app"]
