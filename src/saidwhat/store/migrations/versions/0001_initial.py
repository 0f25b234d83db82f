"""Initial schema: outlets, people, articles, credits, quotations, mentions, search indexes.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# German quotes get German stemming, everything else English (the two shipped languages).
PG_VECTOR = (
    "to_tsvector(CASE WHEN language = 'de' THEN 'german'::regconfig ELSE 'english'::regconfig END,"
    " coalesce(quote_text, ''))"
)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table("outlets", sa.Column("name", sa.String(200), primary_key=True))
    op.create_table(
        "people",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("name", sa.String(400), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("role", sa.String(400), nullable=False),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.String(16), primary_key=True),
        sa.Column("content_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("record_offset", sa.BigInteger, nullable=True),
        sa.Column("url", sa.Text, nullable=False),
        sa.Column("outlet", sa.String(200), sa.ForeignKey("outlets.name"), nullable=False),
        sa.Column("published", sa.DateTime, nullable=True),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("headline", sa.Text, nullable=False),
        sa.Column("body", sa.Text, nullable=False),
        sa.Column("error", sa.Text, nullable=True),
    )
    op.create_table(
        "credits",
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), primary_key=True),
        sa.Column("kind", sa.String(10), primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
    )
    op.create_table(
        "quotations",
        sa.Column("seq", sa.BigInteger, primary_key=True, autoincrement=False),
        sa.Column("id", sa.String(40), nullable=False, unique=True),
        sa.Column("article_id", sa.String(16), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("outlet", sa.String(200), nullable=False),
        sa.Column("published", sa.DateTime, nullable=True),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("type", sa.String(30), nullable=False),
        sa.Column("medium", sa.String(30), nullable=False),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("extractor", sa.String(60), nullable=False),
        sa.Column("quote_text", sa.Text, nullable=False),
        sa.Column("quote_spans", sa.Text, nullable=False),
        sa.Column("cue_text", sa.Text, nullable=False),
        sa.Column("cue_spans", sa.Text, nullable=False),
        sa.Column("frame_text", sa.Text, nullable=False),
        sa.Column("frame_spans", sa.Text, nullable=False),
        sa.Column("speaker_id", sa.String(200), sa.ForeignKey("people.id"), nullable=True),
        sa.Column("addressee_id", sa.String(200), sa.ForeignKey("people.id"), nullable=True),
        sa.Column("search_text", sa.Text, nullable=True),
    )
    op.create_index("ix_quotations_published", "quotations", ["published"])
    op.create_index("ix_quotations_speaker_published", "quotations", ["speaker_id", "published"])
    op.create_index("ix_quotations_outlet_published", "quotations", ["outlet", "published"])
    op.create_index("ix_quotations_article", "quotations", ["article_id"])
    op.create_table(
        "mentions",
        sa.Column("quotation_seq", sa.BigInteger, sa.ForeignKey("quotations.seq"), primary_key=True),
        sa.Column("role", sa.String(20), primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("spans", sa.Text, nullable=False),
        sa.Column("person_id", sa.String(200), sa.ForeignKey("people.id"), nullable=True),
        sa.Column("entity_name", sa.Text, nullable=False),
        sa.Column("entity_kind", sa.String(20), nullable=False),
        sa.Column("entity_role", sa.Text, nullable=False),
        sa.Column("entity_spans", sa.Text, nullable=False),
    )
    op.create_table(
        "quotation_bands",
        sa.Column("band_key", sa.BigInteger, primary_key=True),
        sa.Column("quotation_seq", sa.BigInteger, primary_key=True),
        sqlite_with_rowid=False,
    )
    if dialect == "sqlite":
        # External-content FTS5 over the stemmed column. The writer adds each batch's rows
        # in one statement (an insert trigger would run a sub-program per quotation); the
        # delete trigger keeps the index in step when quotations are removed by hand.
        op.execute(
            "CREATE VIRTUAL TABLE quotation_fts USING fts5(search_text, content='quotations',"
            " content_rowid='seq', tokenize='unicode61 remove_diacritics 0')"
        )
        # Merge index segments in larger steps (FTS5's default is 4): bulk ingest rewrites
        # each posting list fewer times, at the price of a few more segments per query.
        op.execute("INSERT INTO quotation_fts(quotation_fts, rank) VALUES ('automerge', 8)")
        op.execute(
            "CREATE TRIGGER quotations_fts_delete AFTER DELETE ON quotations BEGIN"
            " INSERT INTO quotation_fts(quotation_fts, rowid, search_text)"
            " VALUES ('delete', old.seq, old.search_text); END"
        )
    elif dialect == "postgresql":
        op.execute(
            "ALTER TABLE quotations ADD COLUMN search_vector tsvector"
            f" GENERATED ALWAYS AS ({PG_VECTOR}) STORED"
        )
        op.execute("CREATE INDEX ix_quotations_search ON quotations USING gin (search_vector)")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS quotations_fts_delete")
        op.execute("DROP TABLE IF EXISTS quotation_fts")
    for table in ("quotation_bands", "mentions", "quotations", "credits", "articles", "people", "outlets"):
        op.drop_table(table)
