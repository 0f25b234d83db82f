"""What one server instance is configured with: the store, who may write and read, and limits.

Settings are an immutable value handed to ``create_app``; nothing reads the environment
behind the app's back. ``Settings.from_env`` is the one place that maps environment
variables to fields, for the CLI and for deployments.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from typing import Any

from saidwhat.errors import UserInputError

TOKEN_ENV = "SAIDWHAT_TOKEN"
READS_ENV = "SAIDWHAT_READS"  # "open" (default) or "token"
MAX_BODY_ENV = "SAIDWHAT_MAX_BODY_BYTES"
MAX_PAGE_ENV = "SAIDWHAT_MAX_PAGE_SIZE"
FETCH_ENV = "SAIDWHAT_FETCH"  # "1" lets POST /api/documents fetch a URL


@dataclass(frozen=True)
class Settings:
    db: str | None = None
    """A SQLite path or a database URL, as ``--db`` takes it; None means the default store."""
    token: str | None = None
    """Bearer token for writes (and for reads when ``open_reads`` is off); None disables writes."""
    open_reads: bool = True
    max_body_bytes: int = 2_000_000
    default_page_size: int = 20
    max_page_size: int = 100
    allow_fetch: bool = False
    language: str = "auto"

    def __post_init__(self) -> None:
        if self.max_body_bytes < 1024:
            raise UserInputError("max_body_bytes", "must be at least 1024")
        if not 1 <= self.default_page_size <= self.max_page_size:
            raise UserInputError("page size", "need 1 <= default page size <= max page size")
        if self.token is not None and len(self.token) < 8:
            raise UserInputError("token", "use at least 8 characters")
        if not self.open_reads and not self.token:
            raise UserInputError("reads", "closed reads need a token")

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from ``SAIDWHAT_*`` variables; explicit overrides (CLI options) win."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        if env.get(TOKEN_ENV):
            values["token"] = env[TOKEN_ENV]
        if env.get(READS_ENV):
            mode = env[READS_ENV].strip().lower()
            if mode not in ("open", "token"):
                raise UserInputError(READS_ENV, f"expected 'open' or 'token', got {mode!r}")
            values["open_reads"] = mode == "open"
        for name, field_name in ((MAX_BODY_ENV, "max_body_bytes"), (MAX_PAGE_ENV, "max_page_size")):
            if env.get(name):
                try:
                    values[field_name] = int(env[name])
                except ValueError:
                    raise UserInputError(name, f"expected a whole number, got {env[name]!r}") from None
        if env.get(FETCH_ENV):
            values["allow_fetch"] = env[FETCH_ENV].strip().lower() in ("1", "true", "yes", "on")
        values.update({k: v for k, v in overrides.items() if v is not None})
        if values.get("default_page_size") is None and "max_page_size" in values:
            values["default_page_size"] = min(cls.default_page_size, values["max_page_size"])
        return cls(**values)

    def with_db(self, db: str) -> Settings:
        return replace(self, db=db)
