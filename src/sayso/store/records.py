"""What the store returns: frozen dataclasses, never ORM objects.

The command line and the web app both serialise these directly (``to_dict``
gives plain JSON). :class:`StatementQuery` is the one set of filters that
``sayso statements``, ``sayso export``, ``Store.find_statements`` and the web
API's query parameters share; :meth:`StatementQuery.from_params` reads it
from strings (query parameters, environment) with clear errors.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Generic, Literal, TypeVar, cast, get_args

from sayso.errors import ConfigError, StoreError
from sayso.model import KINDS, Article, Kind, Statement, parse_date

T = TypeVar("T")

Order = Literal["date", "-date", "relevance"]
ORDERS: Final[tuple[Order, ...]] = get_args(Order)

#: The most results one page may hold.
MAX_LIMIT: Final = 1000
#: Longest accepted filter value (characters): longer values are refused.
MAX_FILTER_CHARS: Final = 1000


class NotFoundError(StoreError):
    """An article, statement or actor that the store does not hold."""


@dataclass(frozen=True, slots=True)
class StatementQuery:
    """Filters, paging and order for statements: shared by CLI, API and web.

    Every filter is optional; ``None`` means "any". ``speaker`` matches actors
    by any alias or spelling; ``text`` is a full-text query (words are ANDed,
    ``"exact phrase"``, ``prefix*``, ``-exclude``, ``OR``); ``since`` and
    ``until`` are inclusive and apply to the statement date.
    """

    speaker: str | None = None
    actor_id: int | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    kind: Kind | None = None
    hearsay: bool | None = None
    negated: bool | None = None
    outlet: str | None = None
    text: str | None = None
    article_id: int | None = None
    all_versions: bool = False
    page: int = 1
    limit: int = 50
    order: Order = "-date"

    def __post_init__(self) -> None:
        for name in ("speaker", "outlet", "text"):
            value = getattr(self, name)
            if value is not None:
                # No database takes NUL or lone surrogates, even in a query.
                cleaned = value.replace("\x00", "").encode("utf-8", "replace").decode()
                object.__setattr__(self, name, cleaned or None)
        if self.page < 1:
            raise ConfigError(f"page {self.page}: pages are numbered from 1")
        if not 1 <= self.limit <= MAX_LIMIT:
            raise ConfigError(
                f"limit {self.limit}: give a number from 1 to {MAX_LIMIT}"
            )
        if self.kind is not None and self.kind not in KINDS:
            raise ConfigError(f"kind {self.kind!r}: use one of {', '.join(KINDS)}")
        if self.order not in ORDERS:
            raise ConfigError(f"order {self.order!r}: use one of {', '.join(ORDERS)}")
        for name in ("speaker", "outlet", "text"):
            value = getattr(self, name)
            if value is not None and len(value) > MAX_FILTER_CHARS:
                raise ConfigError(
                    f"{name}: {len(value)} characters is longer than the "
                    f"{MAX_FILTER_CHARS} accepted; shorten the query"
                )
        if self.since and self.until and self.since > self.until:
            raise ConfigError(
                f"since {self.since} lies after until {self.until}; swap them"
            )

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.limit

    def replace(self, **changes: Any) -> StatementQuery:
        """A copy with some fields changed (validated again)."""
        return dataclasses.replace(self, **changes)

    @classmethod
    def from_params(cls, params: Mapping[str, str | None]) -> StatementQuery:
        """Read query parameters (strings) as the web API and CLI receive them.

        Known keys: speaker, actor, since, until, kind, hearsay, negated,
        outlet, text (or q), article, all_versions, page, limit, order.
        Empty values count as absent; unknown keys are refused.
        """
        known = {
            "speaker",
            "actor",
            "since",
            "until",
            "kind",
            "hearsay",
            "negated",
            "outlet",
            "text",
            "q",
            "article",
            "all_versions",
            "page",
            "limit",
            "order",
        }
        unknown = sorted(set(params) - known)
        if unknown:
            raise ConfigError(
                f"unknown parameter(s) {', '.join(map(repr, unknown))}; "
                f"use {', '.join(sorted(known))}"
            )
        values = {k: v.replace("\x00", "") for k, v in params.items() if v}
        return cls(
            speaker=values.get("speaker"),
            actor_id=_int(values, "actor"),
            since=_date(values, "since"),
            until=_date(values, "until"),
            kind=cast(Kind | None, values.get("kind")),
            hearsay=_bool(values, "hearsay"),
            negated=_bool(values, "negated"),
            outlet=values.get("outlet"),
            text=values.get("text") or values.get("q"),
            article_id=_int(values, "article"),
            all_versions=bool(_bool(values, "all_versions")),
            page=_or(_int(values, "page"), 1),
            limit=_or(_int(values, "limit"), 50),
            order=cast(Order, values.get("order", "-date")),
        )


def _or(value: int | None, default: int) -> int:
    return default if value is None else value


def _int(values: Mapping[str, str], key: str) -> int | None:
    if key not in values:
        return None
    try:
        return int(values[key])
    except ValueError:
        raise ConfigError(
            f"{key}: {values[key][:50]!r} is not a whole number"
        ) from None


def _date(values: Mapping[str, str], key: str) -> dt.date | None:
    if key not in values:
        return None
    try:
        return parse_date(values[key])
    except ValueError:
        raise ConfigError(
            f"{key}: {values[key][:50]!r} is not a date; give YYYY-MM-DD"
        ) from None


def _bool(values: Mapping[str, str], key: str) -> bool | None:
    if key not in values:
        return None
    text = values[key].strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{key}: {values[key][:50]!r} is not true or false")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    """One page of results and how many there are in all."""

    items: tuple[T, ...]
    total: int
    page: int
    limit: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.limit))

    def to_dict(self) -> dict[str, Any]:
        return {
            "items": [_plain(item) for item in self.items],
            "total": self.total,
            "page": self.page,
            "limit": self.limit,
            "pages": self.pages,
        }


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as a statement names it: its id, display name, and the name as read."""

    id: int
    name: str
    mention: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name, "mention": self.mention}


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """What a statement's listing shows of its article."""

    id: int
    key: str
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date | None
    language: str | None
    version: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.key,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": _iso(self.published),
            "language": self.language,
            "version": self.version,
        }


@dataclass(frozen=True, slots=True)
class StoredStatement:
    """A statement as stored: the model statement unchanged, plus archive context.

    ``statement`` is exactly what was added (its ``id`` and ``parent`` are the
    ids within the article, ``s1`` …); ``id`` and ``parent_id`` are the
    archive-wide ids that ``get_statement`` and ``chain`` take.
    """

    id: int
    article: ArticleRef
    statement: Statement
    speakers: tuple[ActorRef, ...]
    parent_id: int | None
    date_expression: str | None

    @property
    def date(self) -> dt.date | None:
        return self.statement.date

    def role_text(self, role: str) -> str:
        """The text of one role's spans, joined by `` … ``."""
        return " … ".join(span.text for span in getattr(self.statement, role))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "article": self.article.to_dict(),
            "statement": self.statement.to_dict(),
            "speakers": [s.to_dict() for s in self.speakers],
            "parent_id": self.parent_id,
            "date_expression": self.date_expression,
        }


@dataclass(frozen=True, slots=True)
class ArticleView:
    """A stored article with its text, metadata and statements."""

    id: int
    key: str
    text: str
    title: str | None
    url: str | None
    canonical_url: str | None
    outlet: str | None
    author: str | None
    published: dt.date | None
    language: str | None
    version: int
    previous_id: int | None
    latest: bool
    origin: str | None
    content_hash: str
    ingested_at: dt.datetime
    statements: tuple[StoredStatement, ...]

    @property
    def article(self) -> Article:
        """The model :class:`~sayso.model.Article` (its id is the input's key)."""
        return Article(
            id=self.key,
            text=self.text,
            title=self.title,
            url=self.url,
            outlet=self.outlet,
            published=self.published,
            language=self.language,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "key": self.key,
            "title": self.title,
            "url": self.url,
            "canonical_url": self.canonical_url,
            "outlet": self.outlet,
            "author": self.author,
            "published": _iso(self.published),
            "language": self.language,
            "version": self.version,
            "previous_id": self.previous_id,
            "latest": self.latest,
            "origin": self.origin,
            "content_hash": self.content_hash,
            "ingested_at": self.ingested_at.isoformat(),
            "text": self.text,
            "statements": [s.to_dict() for s in self.statements],
        }


@dataclass(frozen=True, slots=True)
class ChainNode:
    """A statement and the statements that rest on it (its children)."""

    statement: StoredStatement
    children: tuple[ChainNode, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "statement": self.statement.to_dict(),
            "children": [c.to_dict() for c in self.children],
        }


@dataclass(frozen=True, slots=True)
class Chain:
    """The say-so chain of one statement.

    ``up`` runs from the statement's parent (who reported it) to the root;
    ``down`` holds what the statement reports, as a tree.
    """

    statement: StoredStatement
    up: tuple[StoredStatement, ...]
    down: tuple[ChainNode, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "statement": self.statement.to_dict(),
            "up": [s.to_dict() for s in self.up],
            "down": [c.to_dict() for c in self.down],
        }


@dataclass(frozen=True, slots=True)
class Alias:
    """One spelling of an actor's name and where it came from.

    ``origin`` is ``speaker`` (read in an article), ``user`` (added by hand or
    from an aliases file) or ``merge`` (brought in by merging another actor).
    """

    name: str
    origin: str

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "origin": self.origin}


@dataclass(frozen=True, slots=True)
class RoleSeen:
    """A title or role an actor was given, and when (``US-Außenminister``)."""

    role: str
    first_seen: dt.date | None
    last_seen: dt.date | None
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "role": self.role,
            "first_seen": _iso(self.first_seen),
            "last_seen": _iso(self.last_seen),
            "count": self.count,
        }


@dataclass(frozen=True, slots=True)
class Count:
    """A value (a channel, an addressee, a period) and how often it occurs."""

    value: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        return {"value": self.value, "count": self.count}


@dataclass(frozen=True, slots=True)
class ActorSummary:
    """An actor in a list: id, name and how many statements."""

    id: int
    name: str
    statements: int
    first_seen: dt.date | None
    last_seen: dt.date | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "statements": self.statements,
            "first_seen": _iso(self.first_seen),
            "last_seen": _iso(self.last_seen),
        }


@dataclass(frozen=True, slots=True)
class ActorView:
    """An actor: aliases, roles with dates, statements over time, channels, addressees.

    ``timeline`` counts statements per month (``YYYY-MM``; ``unknown`` for
    undated ones); ``channels`` are the media used, ``addressees`` whom the
    statements were addressed to, both most frequent first.
    """

    id: int
    name: str
    aliases: tuple[Alias, ...]
    roles: tuple[RoleSeen, ...]
    statements: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    timeline: tuple[Count, ...]
    channels: tuple[Count, ...]
    addressees: tuple[Count, ...]
    merged_into: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "aliases": [a.to_dict() for a in self.aliases],
            "roles": [r.to_dict() for r in self.roles],
            "statements": self.statements,
            "first_seen": _iso(self.first_seen),
            "last_seen": _iso(self.last_seen),
            "timeline": [c.to_dict() for c in self.timeline],
            "channels": [c.to_dict() for c in self.channels],
            "addressees": [c.to_dict() for c in self.addressees],
            "merged_into": self.merged_into,
        }


@dataclass(frozen=True, slots=True)
class Claim:
    """The same message by the same speaker, reported in several articles.

    ``message`` is the text of the earliest report; ``statement_ids`` are all
    reports, earliest first.
    """

    actor: ActorRef
    message: str
    statements: int
    articles: int
    outlets: tuple[str, ...]
    first_seen: dt.date | None
    last_seen: dt.date | None
    statement_ids: tuple[int, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor.to_dict(),
            "message": self.message,
            "statements": self.statements,
            "articles": self.articles,
            "outlets": list(self.outlets),
            "first_seen": _iso(self.first_seen),
            "last_seen": _iso(self.last_seen),
            "statement_ids": list(self.statement_ids),
        }


@dataclass(frozen=True, slots=True)
class Stats:
    """How much the archive holds (what ``sayso stats --format json`` prints)."""

    articles: int
    statements: int
    actors: int
    failures: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "statements": self.statements,
            "actors": self.actors,
            "failures": self.failures,
        }


@dataclass(frozen=True, slots=True)
class FailureRecord:
    """An input that could not be ingested, and why (``sayso failures``)."""

    id: int
    run_id: int | None
    origin: str
    item: str | None
    error: str
    message: str
    created_at: dt.datetime

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "run_id": self.run_id,
            "origin": self.origin,
            "item": self.item,
            "error": self.error,
            "message": self.message,
            "created_at": self.created_at.isoformat(),
        }


Outcome = Literal["added", "version", "duplicate"]


@dataclass(frozen=True, slots=True)
class Added:
    """What :meth:`Store.add_extraction` did with one article.

    ``added``: stored as new; ``version``: stored as a new version of an
    article with the same URL and other text; ``duplicate``: already stored,
    nothing written (``article_id`` is the stored copy).
    """

    outcome: Outcome
    article_id: int
    version: int
    statements: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "article_id": self.article_id,
            "version": self.version,
            "statements": self.statements,
        }


@dataclass(frozen=True, slots=True)
class Run:
    """One ingest or watch run and what it did."""

    id: int
    command: str
    started_at: dt.datetime
    finished_at: dt.datetime | None
    added: int = 0
    versions: int = 0
    duplicates: int = 0
    failed: int = 0
    statements: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "command": self.command,
            "started_at": self.started_at.isoformat(),
            "finished_at": _iso(self.finished_at),
            "added": self.added,
            "versions": self.versions,
            "duplicates": self.duplicates,
            "failed": self.failed,
            "statements": self.statements,
        }


def _iso(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _plain(item: Any) -> Any:
    to_dict = getattr(item, "to_dict", None)
    return to_dict() if callable(to_dict) else item
