"""The JSON the API reads and writes, as Pydantic models for the OpenAPI schema.

Responses are built by the records' ``to_dict`` (fast, no validation at run
time); these models document them, and a test validates real responses
against them so the documentation cannot drift.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from sayso.web.extraction import MAX_CHARS

KindName = Literal[
    "direct", "indirect", "reported", "continuation", "free_indirect", "headline"
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """Characters ``start`` to ``end`` (exclusive) of the article text."""

    start: int
    end: int
    text: str


class ProducerJSON(_Model):
    name: str
    version: str


class StatementJSON(_Model):
    """A statement as extracted (``ANNOTATION.md``); ids are local (``s1``)."""

    id: str
    kind: KindName
    cue: list[Span]
    source: list[Span]
    message: list[Span]
    addressee: list[Span]
    medium: list[Span]
    topic: list[Span]
    evidence: list[Span]
    speaker: str | list[str] | None
    mode: Literal["speech", "writing", "thought"] | None
    hearsay: bool
    negated: bool
    parent: str | None
    date: dt.date | None
    confidence: float
    producer: ProducerJSON


class ArticleRefJSON(_Model):
    id: int
    key: str
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date | None
    language: str | None
    version: int


class ActorRefJSON(_Model):
    id: int
    name: str
    mention: str


class StoredStatementJSON(_Model):
    """A stored statement: archive ``id``, its article, resolved speakers."""

    id: int
    article: ArticleRefJSON
    statement: StatementJSON
    speakers: list[ActorRefJSON]
    parent_id: int | None
    date_expression: str | None


class _Paged(_Model):
    total: int
    page: int
    limit: int
    pages: int
    next: str | None = Field(description="URL of the next page, if any")
    prev: str | None = Field(description="URL of the previous page, if any")


class StatementPage(_Paged):
    items: list[StoredStatementJSON]
    query: dict[str, str | int | bool] = Field(description="the filters as understood")


class ActorStatements(_Paged):
    items: list[StoredStatementJSON]


class ArticleSummaryJSON(_Model):
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


class ArticlePage(_Paged):
    items: list[ArticleSummaryJSON]


class ArticleJSON(_Model):
    """An article version with its text, metadata, statements and versions."""

    id: int
    key: str
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
    text: str
    statements: list[StoredStatementJSON]
    versions: list[int] = Field(description="ids of all versions, oldest first")


class AliasJSON(_Model):
    name: str
    origin: str


class RoleSeenJSON(_Model):
    role: str
    first_seen: dt.date | None
    last_seen: dt.date | None
    count: int


class CountJSON(_Model):
    value: str
    count: int


class ActorJSON(_Model):
    id: int
    name: str
    aliases: list[AliasJSON]
    roles: list[RoleSeenJSON]
    statements: int
    first_seen: dt.date | None
    last_seen: dt.date | None
    timeline: list[CountJSON] = Field(description="statements per month, YYYY-MM")
    channels: list[CountJSON]
    addressees: list[CountJSON]
    merged_into: int | None


class ActorDetail(_Model):
    actor: ActorJSON
    statements: ActorStatements


class ActorSummaryJSON(_Model):
    id: int
    name: str
    statements: int
    first_seen: dt.date | None
    last_seen: dt.date | None


class ActorPage(_Paged):
    items: list[ActorSummaryJSON]


class ChainNodeJSON(_Model):
    statement: StoredStatementJSON
    children: list[ChainNodeJSON]


class ChainJSON(_Model):
    """``up``: who reported the statement, up to the root; ``down``: what it reports."""

    statement: StoredStatementJSON
    up: list[StoredStatementJSON]
    down: list[ChainNodeJSON]


class ContextJSON(_Model):
    """``text`` is characters ``start`` to ``end`` of the article; ``clipped_*``:
    the passage starts or ends inside a paragraph."""

    start: int
    end: int
    text: str
    clipped_left: bool
    clipped_right: bool


class StatementDetail(ChainJSON):
    same_claim: list[StoredStatementJSON] = Field(
        description="other reports of the same claim by the same speaker"
    )
    context: ContextJSON = Field(description="the passage of the article around it")


class ClaimJSON(_Model):
    actor: ActorRefJSON
    message: str
    statements: int
    articles: int
    outlets: list[str]
    first_seen: dt.date | None
    last_seen: dt.date | None
    statement_ids: list[int]


class ClaimPage(_Paged):
    items: list[ClaimJSON]
    query: dict[str, str | int | bool]
    min_articles: int


class StatsJSON(_Model):
    articles: int
    statements: int
    actors: int
    failures: int


class HomeJSON(_Model):
    stats: StatsJSON
    recent: list[ArticleSummaryJSON]
    speakers: list[ActorSummaryJSON]


class ArticleIn(_Model):
    """An article to read: its text and what is known about it."""

    text: str = Field(max_length=MAX_CHARS, description="the article text")
    title: str | None = Field(None, max_length=2000)
    url: str | None = Field(None, max_length=2000, description="http(s) only")
    outlet: str | None = Field(None, max_length=300)
    published: str | None = Field(None, max_length=40, examples=["2025-08-17"])
    lang: Literal["auto", "de", "en"] = "auto"


class ArticleOut(_Model):
    id: str
    text: str
    title: str | None
    url: str | None
    outlet: str | None
    published: dt.date | None
    language: str | None


class ExtractJSON(_Model):
    """What the extractor read, not stored."""

    article: ArticleOut
    statements: list[StatementJSON]
    date_expressions: dict[str, str] = Field(
        description="statement id → the words that dated it"
    )


class StoredJSON(_Model):
    """What storing did: ``added``, ``version`` (new text, same URL), ``duplicate``."""

    outcome: Literal["added", "version", "duplicate"]
    article_id: int
    version: int
    statements: int
    url: str = Field(description="the article's JSON")
    html: str = Field(description="the article's page")


class ErrorDetail(_Model):
    status: int
    type: str
    message: str
    detail: list[dict[str, object]] | None = None


class ErrorJSON(_Model):
    error: ErrorDetail
