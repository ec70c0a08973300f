"""Statements carry their article's ``latest`` flag; indexes for the search paths.

Searching needs, for every candidate statement, whether its article version
is the latest, its date, kind and flags. Keeping ``latest`` on the statement
(set with the article's, in the same transaction) spares the join to
``articles`` on every match, and two covering indexes answer the commonest
filters and the newest-first order without reading the wide statement rows:

- ``ix_statements_latest_date`` (latest, date, kind, hearsay, negated):
  newest first, date ranges, flags;
- ``ix_statements_latest_kind`` (latest, kind, date, hearsay, negated): a kind
  with or without flags and dates (replaces ``ix_statements_kind`` and
  ``ix_statements_kind_date``);
- ``ix_statements_article_date`` (article_id, latest, date, kind, hearsay,
  negated): statements of given articles (an outlet's), with any other
  filter; replaces ``ix_statements_article_id``;
- ``ix_articles_outlet_latest`` (outlet, latest): the articles of an outlet
  without reading their texts (replaces ``ix_articles_outlet``).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_FILTERS = ["hearsay", "negated"]


def upgrade() -> None:
    op.add_column(
        "statements",
        sa.Column("latest", sa.Boolean(), nullable=False, server_default=sa.true()),
    )
    statements = sa.table(
        "statements", sa.column("article_id", sa.Integer), sa.column("latest")
    )
    articles = sa.table("articles", sa.column("id", sa.Integer), sa.column("latest"))
    op.execute(
        statements.update()
        .where(
            statements.c.article_id.in_(
                sa.select(articles.c.id).where(articles.c.latest == sa.false())
            )
        )
        .values(latest=sa.false())
    )
    op.drop_index("ix_statements_kind_date", table_name="statements")
    op.drop_index("ix_statements_kind", table_name="statements")
    op.drop_index("ix_statements_article_id", table_name="statements")
    op.drop_index("ix_articles_outlet", table_name="articles")
    op.create_index(
        "ix_statements_latest_date",
        "statements",
        ["latest", "date", "kind", *_FILTERS],
    )
    op.create_index(
        "ix_statements_latest_kind",
        "statements",
        ["latest", "kind", "date", *_FILTERS],
    )
    op.create_index(
        "ix_statements_article_date",
        "statements",
        ["article_id", "latest", "date", "kind", *_FILTERS],
    )
    op.create_index("ix_articles_outlet_latest", "articles", ["outlet", "latest"])


def downgrade() -> None:
    op.drop_index("ix_articles_outlet_latest", table_name="articles")
    op.drop_index("ix_statements_article_date", table_name="statements")
    op.drop_index("ix_statements_latest_kind", table_name="statements")
    op.drop_index("ix_statements_latest_date", table_name="statements")
    op.create_index("ix_articles_outlet", "articles", ["outlet"])
    op.create_index("ix_statements_article_id", "statements", ["article_id"])
    op.create_index("ix_statements_kind", "statements", ["kind"])
    op.create_index("ix_statements_kind_date", "statements", ["kind", "date"])
    # Plain ALTER TABLE (SQLite 3.35+ has DROP COLUMN): a batch copy of the
    # table would lose the full-text triggers on it.
    op.execute("ALTER TABLE statements DROP COLUMN latest")
