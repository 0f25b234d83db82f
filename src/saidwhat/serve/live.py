"""Run an app on loopback in a background thread: for browser tests and notebooks."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import uvicorn
from fastapi import FastAPI

from saidwhat.serve.loadtest import free_port


@dataclass
class Live:
    """A running test server and what was put in it."""

    base: str
    injection_article: str = ""
    injection_quotations: list[str] = field(default_factory=list)


@contextmanager
def running(app: FastAPI, startup_seconds: float = 30.0) -> Iterator[str]:
    """Serve ``app`` on 127.0.0.1 at a free port until the block ends; yields the base URL."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="saidwhat-live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + startup_seconds
    try:
        while not server.started:
            if not thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the server did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=15)
