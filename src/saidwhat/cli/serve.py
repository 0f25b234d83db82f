"""``saidwhat serve``: the REST API and the web UI over a store, on one port."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from saidwhat.cli.app import app
from saidwhat.serve.settings import TOKEN_ENV, Settings

console = Console(stderr=True)
LOOPBACK = ("127.0.0.1", "localhost", "::1")


@app.command(
    "serve",
    epilog=(
        "Examples:\n\n"
        "  saidwhat serve --demo                       # the sample articles, at http://127.0.0.1:8000\n\n"
        "  saidwhat serve --db news.db --token $TOKEN  # writes allowed with the token\n\n"
        "  saidwhat serve --db postgresql://user@host/db --host 0.0.0.0 --closed-reads --token $TOKEN"
    ),
)
def serve_command(
    db: Annotated[
        str | None,
        typer.Option("--db", help="SQLite file or database URL (default: $SAIDWHAT_DB or the user store)."),
    ] = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar=TOKEN_ENV, show_envvar=True, help="Bearer token for POST /api/documents (writes)."
        ),
    ] = None,
    closed_reads: Annotated[
        bool, typer.Option("--closed-reads", help="Require the token for reading too.")
    ] = False,
    fetch: Annotated[bool, typer.Option("--fetch", help="Let POST /api/documents fetch a URL.")] = False,
    max_page_size: Annotated[
        int | None, typer.Option(min=1, help="Largest page a client may ask for.")
    ] = None,
    max_body_bytes: Annotated[
        int | None, typer.Option(min=1024, help="Largest request body accepted.")
    ] = None,
    demo: Annotated[
        bool, typer.Option("--demo", help="Serve the bundled sample articles from a temporary store.")
    ] = False,
) -> None:
    """Serve the API (OpenAPI at /api/openapi.json) and the web UI over the store."""
    import uvicorn

    from saidwhat.serve.app import create_app

    overrides = {
        "token": token or None,  # an empty $SAIDWHAT_TOKEN means no token
        "open_reads": False if closed_reads else None,
        "allow_fetch": True if fetch else None,
        "max_page_size": max_page_size,
        "max_body_bytes": max_body_bytes,
    }
    with tempfile.TemporaryDirectory(prefix="saidwhat-demo-") as scratch:
        if demo:
            from saidwhat.serve.demo import load_samples

            db = str(Path(scratch) / "demo.db")
            console.print("Extracting the sample articles into a temporary store…")
            added = load_samples(db)
            console.print(f"{added} quotations loaded.")
        settings = Settings.from_env(db=db, **overrides)
        if host not in LOOPBACK and settings.open_reads:
            console.print(f"[yellow]note:[/] reads are open to anyone who can reach {host}:{port}")
        application = create_app(settings)
        shown = f"[{host}]" if ":" in host else host
        console.print(f"saidwhat UI at http://{shown}:{port}/  (API: /api, OpenAPI: /api/openapi.json)")
        uvicorn.run(application, host=host, port=port, log_level="warning", access_log=False)
