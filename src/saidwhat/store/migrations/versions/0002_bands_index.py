"""LSH bands: a plain table with a named unique index instead of a clustered primary key.

In 0001 ``quotation_bands`` is keyed (SQLite: WITHOUT ROWID; PostgreSQL: primary key) by
``(band_key, quotation_seq)``, so every row goes to a random place of the table itself and
the key cannot be dropped. As a heap/rowid table with the same key as a named index, rows are
appended in write order and the index can be deferred during a bulk load into an empty store
(``store/indexes.py``), then built once by sorting, which is what made 1,000,000 quotations
fast enough. The rows and what ``trace`` finds are unchanged.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

INDEX = "ix_quotation_bands_key"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        # SQLite cannot drop a primary key: copy into a rowid table (in key order, cheaply).
        op.execute(
            "CREATE TABLE quotation_bands_0002 (band_key BIGINT NOT NULL, quotation_seq BIGINT NOT NULL)"
        )
        op.execute(
            "INSERT INTO quotation_bands_0002 (band_key, quotation_seq)"
            " SELECT band_key, quotation_seq FROM quotation_bands ORDER BY band_key, quotation_seq"
        )
        op.execute("DROP TABLE quotation_bands")
        op.execute("ALTER TABLE quotation_bands_0002 RENAME TO quotation_bands")
    else:
        op.drop_constraint("quotation_bands_pkey", "quotation_bands", type_="primary")
    op.create_index(INDEX, "quotation_bands", ["band_key", "quotation_seq"], unique=True)


def downgrade() -> None:
    # The index may be missing if a bulk load was killed; the key below replaces it anyway.
    op.execute(f"DROP INDEX IF EXISTS {INDEX}")
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TABLE quotation_bands_0001 (band_key BIGINT NOT NULL, quotation_seq BIGINT NOT NULL,"
            " PRIMARY KEY (band_key, quotation_seq)) WITHOUT ROWID"
        )
        op.execute(
            "INSERT INTO quotation_bands_0001 (band_key, quotation_seq)"
            " SELECT band_key, quotation_seq FROM quotation_bands ORDER BY band_key, quotation_seq"
        )
        op.execute("DROP TABLE quotation_bands")
        op.execute("ALTER TABLE quotation_bands_0001 RENAME TO quotation_bands")
    else:
        op.create_primary_key("quotation_bands_pkey", "quotation_bands", ["band_key", "quotation_seq"])
