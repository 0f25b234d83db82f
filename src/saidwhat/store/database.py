"""Where the store lives and how to connect: a file path (SQLite) or a database URL."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError

from saidwhat.errors import UserInputError

DB_ENV = "SAIDWHAT_DB"
CHECKPOINT_PAGES = 8192  # 32 MiB of WAL (see _sqlite_engine)


def default_db_location() -> str:
    """``$SAIDWHAT_DB``, else the per-user data folder (XDG) with ``saidwhat.db``."""
    if os.environ.get(DB_ENV):
        return os.environ[DB_ENV]
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return str(Path(data_home) / "saidwhat" / "saidwhat.db")


def resolve_db_url(value: str | None) -> str:
    """A SQLAlchemy URL from a ``--db`` value; plain PostgreSQL URLs get the psycopg driver."""
    value = value or default_db_location()
    if "://" not in value:
        path = Path(value).expanduser().resolve()
        return f"sqlite:///{path}"
    if value.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    return value


@dataclass
class Store:
    engine: Engine
    url: str

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_engine(url: str) -> Engine:
    path = Path(make_url(url).database or "")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise UserInputError(str(path), f"cannot create the store's folder ({error.strerror})") from None
    engine = create_engine(url)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection: Any, _record: Any) -> None:
        # Transactions are begun explicitly (below) so that a writer takes the lock up front.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        # WAL lets searches read while an ingest writes; NORMAL sync is still crash-safe in WAL.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA cache_size=-262144")  # 256 MiB: index pages of big stores stay hot
        # Checkpoint every 32 MiB of WAL rather than every 4 MiB: a batch's commit then seldom
        # pays for one, and index pages rewritten by consecutive batches are copied back once.
        cursor.execute(f"PRAGMA wal_autocheckpoint={CHECKPOINT_PAGES}")
        cursor.execute("PRAGMA journal_size_limit=67108864")  # the WAL file shrinks back to 64 MiB
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        # A writer asks for the write lock at BEGIN, so two ingests queue instead of deadlocking.
        write = connection.get_execution_options().get("saidwhat_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def make_engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UserInputError(url, "not a database path or URL") from None
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    if parsed.get_backend_name() == "postgresql":
        return create_engine(url, pool_pre_ping=True)
    raise UserInputError(url, "unsupported database (use a file path for SQLite or a postgresql:// URL)")


def open_store(value: str | None, migrate: bool = True) -> Store:
    """Connect, and bring the schema up to date with the shipped migrations."""
    url = resolve_db_url(value)
    engine = make_engine(url)
    shown = make_url(url).render_as_string(hide_password=True)
    try:
        with engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1")
        if migrate:
            from saidwhat.store.migrate import upgrade

            upgrade(engine)
    except OperationalError as error:
        engine.dispose()
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise UserInputError(shown, f"cannot open the store ({reason})") from None
    return Store(engine=engine, url=url)
