"""The archive's tables as SQLAlchemy 2 ORM classes, typed with ``Mapped``.

The migrations in ``sayso/store/migrations`` create exactly these tables, and
on top of them what the ORM does not describe: the FTS5 index
``statements_fts`` (with its triggers) on SQLite, and the generated
``statements.search`` tsvector column with its GIN index on PostgreSQL.

Identity of an article: ``identity_key`` is the SHA-256 of its canonical URL,
or of its text when it has no URL; ``content_hash`` the SHA-256 of its
normalised text. The pair is unique (the same article is stored once); a new
``content_hash`` under a known ``identity_key`` is a new ``version``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class ArticleRow(Base):
    """One version of one article, with its text exactly as read."""

    __tablename__ = "articles"
    __table_args__ = (
        UniqueConstraint("identity_key", "content_hash", name="uq_articles_identity"),
        UniqueConstraint("identity_key", "version", name="uq_articles_version"),
        Index("ix_articles_published", "published"),
        Index("ix_articles_outlet_latest", "outlet", "latest"),
        Index("ix_articles_key", "key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(Text)
    identity_key: Mapped[str] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)
    previous_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="SET NULL")
    )
    latest: Mapped[bool] = mapped_column(Boolean, default=True)
    url: Mapped[str | None] = mapped_column(Text)
    canonical_url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published: Mapped[dt.date | None] = mapped_column(Date)
    language: Mapped[str | None] = mapped_column(Text)
    origin: Mapped[str | None] = mapped_column(Text)
    text: Mapped[str] = mapped_column(Text)
    statement_count: Mapped[int] = mapped_column(Integer, default=0)
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("runs.id", ondelete="SET NULL")
    )
    ingested_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now
    )


class StatementRow(Base):
    """One statement of one article version.

    ``latest`` repeats the article's flag (set in the same transaction), so
    searches filter and sort statements through the covering indexes below
    without joining their articles. ``spans`` holds every role's spans as
    ``{role: [[start, end, text], …]}``; the ``*_text`` columns repeat the
    role texts joined by `` … `` for search and display. ``speaker`` keeps
    the model's value as JSON (a name, a list of names or null) so that a
    statement reads back unchanged.
    """

    __tablename__ = "statements"
    __table_args__ = (
        UniqueConstraint("article_id", "local_id", name="uq_statements_local"),
        Index("ix_statements_date", "date"),
        Index(
            "ix_statements_latest_date", "latest", "date", "kind", "hearsay", "negated"
        ),
        Index(
            "ix_statements_latest_kind", "latest", "kind", "date", "hearsay", "negated"
        ),
        Index(
            "ix_statements_article_date",
            "article_id",
            "latest",
            "date",
            "kind",
            "hearsay",
            "negated",
        ),
        Index("ix_statements_parent", "parent_id"),
        Index("ix_statements_fingerprint", "fingerprint"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[int] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE")
    )
    latest: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    local_id: Mapped[str] = mapped_column(Text)
    parent_local_id: Mapped[str | None] = mapped_column(Text)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("statements.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(String(16))
    mode: Mapped[str | None] = mapped_column(String(16))
    hearsay: Mapped[bool] = mapped_column(Boolean, default=False)
    negated: Mapped[bool] = mapped_column(Boolean, default=False)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    producer_name: Mapped[str] = mapped_column(Text)
    producer_version: Mapped[str] = mapped_column(Text)
    date: Mapped[dt.date | None] = mapped_column(Date)
    date_expression: Mapped[str | None] = mapped_column(Text)
    speaker: Mapped[Any] = mapped_column(JSON, nullable=True)
    spans: Mapped[dict[str, Any]] = mapped_column(JSON)
    speaker_text: Mapped[str] = mapped_column(Text, default="")
    cue_text: Mapped[str] = mapped_column(Text, default="")
    source_text: Mapped[str] = mapped_column(Text, default="")
    message_text: Mapped[str] = mapped_column(Text, default="")
    addressee_text: Mapped[str] = mapped_column(Text, default="")
    medium_text: Mapped[str] = mapped_column(Text, default="")
    topic_text: Mapped[str] = mapped_column(Text, default="")
    evidence_text: Mapped[str] = mapped_column(Text, default="")
    fingerprint: Mapped[str] = mapped_column(String(32), default="")
    claim_tokens: Mapped[str] = mapped_column(Text, default="")


class StatementSpeakerRow(Base):
    """A speaker of a statement (several for a joint statement) and its actor."""

    __tablename__ = "statement_speakers"
    __table_args__ = (Index("ix_statement_speakers_actor", "actor_id", "statement_id"),)

    statement_id: Mapped[int] = mapped_column(
        ForeignKey("statements.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    mention: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id"))


class ActorRow(Base):
    """A person or organisation that makes statements, across spellings."""

    __tablename__ = "actors"
    __table_args__ = (
        Index("ix_actors_key", "key"),
        Index("ix_actors_last_key", "last_key"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text)
    last_key: Mapped[str] = mapped_column(Text)
    named_by_user: Mapped[bool] = mapped_column(Boolean, default=False)
    merged_into: Mapped[int | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL")
    )
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now
    )


class ActorAliasRow(Base):
    """A spelling of an actor's name; each normalised key belongs to one actor."""

    __tablename__ = "actor_aliases"
    __table_args__ = (
        UniqueConstraint("key", name="uq_actor_aliases_key"),
        Index("ix_actor_aliases_actor", "actor_id"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(Text)
    key: Mapped[str] = mapped_column(Text)
    origin: Mapped[str] = mapped_column(String(16), default="speaker")
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now
    )


class ActorRoleRow(Base):
    """A title or role an article gives an actor, and the date it applies to."""

    __tablename__ = "actor_roles"
    __table_args__ = (Index("ix_actor_roles_actor", "actor_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[int] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    role: Mapped[str] = mapped_column(Text)
    seen: Mapped[dt.date | None] = mapped_column(Date)
    article_id: Mapped[int | None] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE")
    )
    origin: Mapped[str] = mapped_column(String(16), default="article")


class ActorEventRow(Base):
    """The audit trail of user edits to actors: alias, merge, split."""

    __tablename__ = "actor_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(16))
    actor_id: Mapped[int] = mapped_column(Integer)
    other_id: Mapped[int | None] = mapped_column(Integer)
    detail: Mapped[Any] = mapped_column(JSON, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now
    )


class RunRow(Base):
    """One ingest or watch run."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    command: Mapped[str] = mapped_column(Text)
    started_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now
    )
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    added: Mapped[int] = mapped_column(Integer, default=0)
    versions: Mapped[int] = mapped_column(Integer, default=0)
    duplicates: Mapped[int] = mapped_column(Integer, default=0)
    failed: Mapped[int] = mapped_column(Integer, default=0)
    statements: Mapped[int] = mapped_column(Integer, default=0)


class FailureRow(Base):
    """An input that could not be ingested, with the reason."""

    __tablename__ = "failures"
    __table_args__ = (Index("ix_failures_run", "run_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int | None] = mapped_column(
        ForeignKey("runs.id", ondelete="SET NULL")
    )
    origin: Mapped[str] = mapped_column(Text)
    item: Mapped[str | None] = mapped_column(Text)
    error: Mapped[str] = mapped_column(Text)
    message: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime(timezone=True), default=_now
    )


class FeedRow(Base):
    """What ``sayso watch`` remembers of a feed for conditional requests."""

    __tablename__ = "feeds"

    url_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    url: Mapped[str] = mapped_column(Text)
    etag: Mapped[str | None] = mapped_column(Text)
    last_modified: Mapped[str | None] = mapped_column(Text)
    checked_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    status: Mapped[int | None] = mapped_column(Integer)
    entries_seen: Mapped[int] = mapped_column(Integer, default=0)
