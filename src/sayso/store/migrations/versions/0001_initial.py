"""The first archive schema: articles, statements, actors, runs, failures, feeds.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

_FTS_COLUMNS = ("message_text", "speaker_text", "source_text", "cue_text", "topic_text")


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("command", sa.Text(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("versions", sa.Integer(), nullable=False),
        sa.Column("duplicates", sa.Integer(), nullable=False),
        sa.Column("failed", sa.Integer(), nullable=False),
        sa.Column("statements", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_runs"),
    )
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("identity_key", sa.String(64), nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("previous_id", sa.Integer(), nullable=True),
        sa.Column("latest", sa.Boolean(), nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("canonical_url", sa.Text(), nullable=True),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("outlet", sa.Text(), nullable=True),
        sa.Column("author", sa.Text(), nullable=True),
        sa.Column("published", sa.Date(), nullable=True),
        sa.Column("language", sa.Text(), nullable=True),
        sa.Column("origin", sa.Text(), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("statement_count", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.ForeignKeyConstraint(
            ["previous_id"],
            ["articles.id"],
            name="fk_articles_previous_id_articles",
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name="fk_articles_run_id_runs", ondelete="SET NULL"
        ),
        sa.UniqueConstraint(
            "identity_key", "content_hash", name="uq_articles_identity"
        ),
        sa.UniqueConstraint("identity_key", "version", name="uq_articles_version"),
    )
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_outlet", "articles", ["outlet"])
    op.create_index("ix_articles_key", "articles", ["key"])

    op.create_table(
        "actors",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("last_key", sa.Text(), nullable=False),
        sa.Column("named_by_user", sa.Boolean(), nullable=False),
        sa.Column("merged_into", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_actors"),
        sa.ForeignKeyConstraint(
            ["merged_into"],
            ["actors.id"],
            name="fk_actors_merged_into_actors",
            ondelete="SET NULL",
        ),
    )
    op.create_index("ix_actors_key", "actors", ["key"])
    op.create_index("ix_actors_last_key", "actors", ["last_key"])

    op.create_table(
        "actor_aliases",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_actor_aliases"),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actors.id"],
            name="fk_actor_aliases_actor_id_actors",
            ondelete="CASCADE",
        ),
        sa.UniqueConstraint("key", name="uq_actor_aliases_key"),
    )
    op.create_index("ix_actor_aliases_actor", "actor_aliases", ["actor_id"])

    op.create_table(
        "actor_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("action", sa.String(16), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.JSON(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_actor_events"),
    )

    op.create_table(
        "statements",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.Column("local_id", sa.Text(), nullable=False),
        sa.Column("parent_local_id", sa.Text(), nullable=True),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("mode", sa.String(16), nullable=True),
        sa.Column("hearsay", sa.Boolean(), nullable=False),
        sa.Column("negated", sa.Boolean(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("producer_name", sa.Text(), nullable=False),
        sa.Column("producer_version", sa.Text(), nullable=False),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_expression", sa.Text(), nullable=True),
        sa.Column("speaker", sa.JSON(), nullable=True),
        sa.Column("spans", sa.JSON(), nullable=False),
        sa.Column("speaker_text", sa.Text(), nullable=False),
        sa.Column("cue_text", sa.Text(), nullable=False),
        sa.Column("source_text", sa.Text(), nullable=False),
        sa.Column("message_text", sa.Text(), nullable=False),
        sa.Column("addressee_text", sa.Text(), nullable=False),
        sa.Column("medium_text", sa.Text(), nullable=False),
        sa.Column("topic_text", sa.Text(), nullable=False),
        sa.Column("evidence_text", sa.Text(), nullable=False),
        sa.Column("fingerprint", sa.String(32), nullable=False),
        sa.Column("claim_tokens", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_statements"),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_statements_article_id_articles",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["statements.id"],
            name="fk_statements_parent_id_statements",
            ondelete="SET NULL",
        ),
        sa.UniqueConstraint("article_id", "local_id", name="uq_statements_local"),
    )
    op.create_index("ix_statements_article_id", "statements", ["article_id"])
    op.create_index("ix_statements_date", "statements", ["date"])
    op.create_index("ix_statements_kind", "statements", ["kind"])
    op.create_index("ix_statements_parent", "statements", ["parent_id"])
    op.create_index("ix_statements_fingerprint", "statements", ["fingerprint"])

    op.create_table(
        "statement_speakers",
        sa.Column("statement_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("mention", sa.Text(), nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint(
            "statement_id", "position", name="pk_statement_speakers"
        ),
        sa.ForeignKeyConstraint(
            ["statement_id"],
            ["statements.id"],
            name="fk_statement_speakers_statement_id_statements",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["actors.id"], name="fk_statement_speakers_actor_id_actors"
        ),
    )
    op.create_index(
        "ix_statement_speakers_actor",
        "statement_speakers",
        ["actor_id", "statement_id"],
    )

    op.create_table(
        "actor_roles",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("actor_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.Text(), nullable=False),
        sa.Column("seen", sa.Date(), nullable=True),
        sa.Column("article_id", sa.Integer(), nullable=True),
        sa.Column("origin", sa.String(16), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_actor_roles"),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["actors.id"],
            name="fk_actor_roles_actor_id_actors",
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["article_id"],
            ["articles.id"],
            name="fk_actor_roles_article_id_articles",
            ondelete="CASCADE",
        ),
    )
    op.create_index("ix_actor_roles_actor", "actor_roles", ["actor_id"])

    op.create_table(
        "failures",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("item", sa.Text(), nullable=True),
        sa.Column("error", sa.Text(), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_failures"),
        sa.ForeignKeyConstraint(
            ["run_id"], ["runs.id"], name="fk_failures_run_id_runs", ondelete="SET NULL"
        ),
    )
    op.create_index("ix_failures_run", "failures", ["run_id"])

    op.create_table(
        "feeds",
        sa.Column("url_key", sa.String(64), nullable=False),
        sa.Column("url", sa.Text(), nullable=False),
        sa.Column("etag", sa.Text(), nullable=True),
        sa.Column("last_modified", sa.Text(), nullable=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.Integer(), nullable=True),
        sa.Column("entries_seen", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("url_key", name="pk_feeds"),
    )

    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        _sqlite_fts()
    elif dialect == "postgresql":
        _postgres_search()


def _sqlite_fts() -> None:
    cols = ", ".join(_FTS_COLUMNS)
    new = ", ".join(f"new.{c}" for c in _FTS_COLUMNS)
    old = ", ".join(f"old.{c}" for c in _FTS_COLUMNS)
    op.execute(
        f"CREATE VIRTUAL TABLE statements_fts USING fts5({cols}, "
        "content='statements', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    op.execute(
        "CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN "
        f"INSERT INTO statements_fts(rowid, {cols}) VALUES (new.id, {new}); END"
    )
    op.execute(
        "CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN "
        f"INSERT INTO statements_fts(statements_fts, rowid, {cols}) "
        f"VALUES ('delete', old.id, {old}); END"
    )
    op.execute(
        f"CREATE TRIGGER statements_fts_update AFTER UPDATE OF {cols} ON statements "
        f"BEGIN INSERT INTO statements_fts(statements_fts, rowid, {cols}) "
        f"VALUES ('delete', old.id, {old}); "
        f"INSERT INTO statements_fts(rowid, {cols}) VALUES (new.id, {new}); END"
    )


def _postgres_search() -> None:
    # left(): a tsvector holds at most 1 MB; a 20 MB message must still store.
    document = " || ' ' || ".join(
        f"left(coalesce({c}, ''), 100000)" for c in _FTS_COLUMNS
    )
    op.execute(
        "ALTER TABLE statements ADD COLUMN search tsvector "
        f"GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, {document})) STORED"
    )
    op.execute("CREATE INDEX ix_statements_search ON statements USING gin (search)")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER IF EXISTS statements_fts_{name}")
        op.execute("DROP TABLE IF EXISTS statements_fts")
    for table in (
        "feeds",
        "failures",
        "actor_roles",
        "statement_speakers",
        "statements",
        "actor_events",
        "actor_aliases",
        "actors",
        "articles",
        "runs",
    ):
        op.drop_table(table)
