"""The archive: articles, statements and actors in SQLite or PostgreSQL.

See :class:`Store` and ``docs/archive.md``.
"""

from __future__ import annotations

from sayso.store.records import (
    ActorRef,
    ActorSummary,
    ActorView,
    Added,
    Alias,
    ArticleRef,
    ArticleView,
    Chain,
    ChainNode,
    Claim,
    Count,
    FailureRecord,
    NotFoundError,
    Page,
    RoleSeen,
    Run,
    StatementQuery,
    Stats,
    StoredStatement,
)
from sayso.store.store import Store

__all__ = [
    "ActorRef",
    "ActorSummary",
    "ActorView",
    "Added",
    "Alias",
    "ArticleRef",
    "ArticleView",
    "Chain",
    "ChainNode",
    "Claim",
    "Count",
    "FailureRecord",
    "NotFoundError",
    "Page",
    "RoleSeen",
    "Run",
    "StatementQuery",
    "Stats",
    "Store",
    "StoredStatement",
]
