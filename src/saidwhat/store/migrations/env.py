"""Alembic environment: run against the engine the store passed in ``config.attributes``."""

from __future__ import annotations

from alembic import context

from saidwhat.store.models import Base

engine = context.config.attributes["engine"]
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        if connection.dialect.name == "postgresql":
            # Processes opening one fresh database at once (an ingest and a server) take
            # turns: the second sees the schema the first created instead of racing it.
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(7219034511)")
        context.run_migrations()
    connection.commit()
