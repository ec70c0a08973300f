"""Article listings the Store has no method for: newest first, by outlet.

Read-only SQLAlchemy queries on the Store's engine; rows become frozen
records at once, as the Store's own queries do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, Final, Literal, get_args

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from sayso.errors import ConfigError
from sayso.store import Page, Store
from sayso.store.engine import translated
from sayso.store.queries import escape_like
from sayso.store.records import MAX_FILTER_CHARS, MAX_LIMIT
from sayso.store.schema import ArticleRow

ArticleOrder = Literal["-published", "-added"]
ARTICLE_ORDERS: Final[tuple[ArticleOrder, ...]] = get_args(ArticleOrder)


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    """An article in a list: what a reader needs to pick it (no text)."""

    id: int
    key: str
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date | None
    language: str | None
    version: int
    statements: int
    ingested_at: dt.datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.key,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
            "version": self.version,
            "statements": self.statements,
            "ingested_at": self.ingested_at.isoformat(),
        }


def list_articles(
    store: Store,
    *,
    outlet: str | None = None,
    order: str = "-published",
    page: int = 1,
    limit: int = 50,
) -> Page[ArticleSummary]:
    """Latest versions of articles, newest first (published, or added)."""
    if order not in ARTICLE_ORDERS:
        raise ConfigError(f"order {order!r}: use one of {', '.join(ARTICLE_ORDERS)}")
    if page < 1:
        raise ConfigError(f"page {page}: pages are numbered from 1")
    if not 1 <= limit <= MAX_LIMIT:
        raise ConfigError(f"limit {limit}: give a number from 1 to {MAX_LIMIT}")
    conditions: list[ColumnElement[bool]] = [ArticleRow.latest.is_(True)]
    if outlet:
        if len(outlet) > MAX_FILTER_CHARS:
            raise ConfigError(
                f"outlet: {len(outlet)} characters is longer than the "
                f"{MAX_FILTER_CHARS} accepted"
            )
        pattern = "%" + escape_like(outlet.replace("\x00", "").lower()) + "%"
        conditions.append(func.lower(ArticleRow.outlet).like(pattern, escape="\\"))
    ordering: list[Any] = [ArticleRow.id.desc()]
    if order == "-published":
        ordering.insert(0, ArticleRow.published.desc().nulls_last())
    columns = (
        ArticleRow.id,
        ArticleRow.key,
        ArticleRow.title,
        ArticleRow.url,
        ArticleRow.outlet,
        ArticleRow.published,
        ArticleRow.language,
        ArticleRow.version,
        ArticleRow.statement_count,
        ArticleRow.ingested_at,
    )
    with translated(store.url, "list articles"), Session(store.engine) as session:
        total = session.scalar(select(func.count(ArticleRow.id)).where(*conditions))
        rows = session.execute(
            select(*columns)
            .where(*conditions)
            .order_by(*ordering)
            .limit(limit)
            .offset((page - 1) * limit)
        ).all()
        session.rollback()
    items = tuple(
        ArticleSummary(
            id=row[0],
            key=row[1],
            title=row[2],
            url=row[3],
            outlet=row[4],
            published=_date(row[5]),
            language=row[6],
            version=row[7],
            statements=row[8] or 0,
            ingested_at=_aware(row[9]),
        )
        for row in rows
    )
    return Page(items, total or 0, page, limit)


def _date(value: dt.date | dt.datetime | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def _aware(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def article_text(store: Store, article_id: int) -> str:
    """The text of one article version (a :class:`NotFoundError` if absent)."""
    from sayso.store import NotFoundError

    with translated(store.url, "read an article"), Session(store.engine) as session:
        text = session.scalar(
            select(ArticleRow.text).where(ArticleRow.id == article_id)
        )
        session.rollback()
    if text is None:
        raise NotFoundError(f"no article {article_id}")
    return text
