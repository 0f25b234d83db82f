"""PostgreSQL text search per language from the language profiles.

0001 indexed German quotations with the German configuration and everything else with the
English one: the two shipped languages, spelled out. Now each language's configuration
comes from ``text_search.postgresql`` in its ``language.json`` (``store/text.py``), and
text in a language without one is indexed unstemmed ("simple") instead of as English. The
generated column is rebuilt from the profiles installed when this runs; queries parse the
words in every configured language and "simple". SQLite (FTS5 over Snowball stems, which
already follows the profiles) is untouched.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

from saidwhat.store.text import postgres_configs, postgres_vector

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# 0001's expression, restored on downgrade.
VECTOR_0001 = (
    "to_tsvector(CASE WHEN language = 'de' THEN 'german'::regconfig ELSE 'english'::regconfig END,"
    " coalesce(quote_text, ''))"
)


def _rebuild(vector: str) -> None:
    # The index may be missing if a bulk load was killed (store/indexes.py): IF EXISTS.
    op.execute("DROP INDEX IF EXISTS ix_quotations_search")
    op.execute("ALTER TABLE quotations DROP COLUMN search_vector")
    op.execute(
        f"ALTER TABLE quotations ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({vector}) STORED"
    )
    op.execute("CREATE INDEX ix_quotations_search ON quotations USING gin (search_vector)")


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _rebuild(postgres_vector(postgres_configs()))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        _rebuild(VECTOR_0001)
