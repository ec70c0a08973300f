"""What every request handler needs: settings, store, extractor, renderer."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final, TypeVar

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from sayso.store import Store
from sayso.web.cache import ViewCache
from sayso.web.extraction import ArticleExtractor
from sayso.web.rendering import Renderer
from sayso.web.settings import WebSettings

T = TypeVar("T")

#: Query parameters that choose the answer's format, never a filter.
FORMAT_PARAMS: Final = frozenset({"format"})


@dataclass(frozen=True, slots=True)
class WebState:
    """The app's shared state, kept on ``app.state.sayso``."""

    settings: WebSettings
    store: Store
    extractor: ArticleExtractor
    renderer: Renderer
    cache: ViewCache
    #: Whether searches run on the event loop (SQLite: CPU in this process)
    #: rather than on a worker thread (a database server: network waits).
    inline: bool = False


async def answer(request: Request, compute: Callable[[], T]) -> T:
    """``compute()`` for a search: on the event loop where the archive is a
    SQLite file (its queries are CPU work in this process, and handing each
    one to a worker thread and back cost a sixth of a search's CPU time), on
    a worker thread where it is a database server (whose answers are waited
    for)."""
    if state(request).inline:
        return compute()
    return await run_in_threadpool(compute)


def state(request: Request) -> WebState:
    """The app's state for a request."""
    found: WebState = request.app.state.sayso
    return found


def remember(
    request: Request,
    name: str,
    given: Mapping[str, str],
    compute: Callable[[], dict[str, Any]],
) -> dict[str, Any]:
    """A view's answer through the app's cache (keyed by view and parameters)."""
    key = (name, root(request), tuple(sorted(given.items())))
    found: dict[str, Any] = state(request).cache.get(key, compute)
    return found


def params(request: Request, *, drop: frozenset[str] = frozenset()) -> dict[str, str]:
    """The query parameters as strings (the last of repeated ones), without
    ``format`` and ``drop``."""
    skip = FORMAT_PARAMS | drop
    return {k: v for k, v in request.query_params.items() if k not in skip}


def root(request: Request) -> str:
    """The path prefix the app is mounted under (behind a proxy), without ``/``."""
    prefix: str = request.scope.get("root_path", "")
    return prefix.rstrip("/")


def wants_json(request: Request) -> bool:
    """JSON for ``/api``, ``?format=json`` or an ``Accept`` that asks for JSON only."""
    path = request.url.path.removeprefix(root(request))
    if path == "/api" or path.startswith("/api/"):
        return True
    fmt = request.query_params.get("format")
    if fmt:
        return fmt.lower() == "json"
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept
