"""``create_app(settings)``: the FastAPI app over one archive.

The archive is opened read-only unless the operator sets a write token
(``SAYSO_TOKEN``). Errors come back as JSON for the API and for
``?format=json``, as a page otherwise, always with a message that says what
to do::

    {"error": {"status": 404, "type": "NotFoundError", "message": "no article 7"}}
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import event
from starlette.exceptions import HTTPException

import sayso
from sayso.errors import (
    ConfigError,
    InputError,
    PipelineError,
    SaysoError,
    SchemaError,
    StoreError,
)
from sayso.store import NotFoundError, Store
from sayso.web import api, pages
from sayso.web.cache import ViewCache
from sayso.web.context import WebState, state, wants_json
from sayso.web.extraction import ArticleExtractor, Extractor
from sayso.web.rendering import Renderer
from sayso.web.security import AccessError, BodyLimit, SecurityHeaders
from sayso.web.settings import WebSettings

log = logging.getLogger(__name__)

#: Page cache per SQLite connection (KiB) and memory-mapped bytes of the file.
SQLITE_CACHE_KB = 128 * 1024
SQLITE_MMAP_BYTES = 1024 * 1024 * 1024

_TITLES = {
    400: "Bad request",
    401: "Token needed",
    403: "Read-only",
    404: "Not found",
    405: "Method not allowed",
    413: "Too large",
    422: "Invalid parameter",
    500: "Internal error",
    503: "Archive unavailable",
}


def create_app(
    settings: WebSettings | None = None, *, extractor: Extractor | None = None
) -> FastAPI:
    """The web app over ``settings.db``; ``extractor`` replaces the pipeline
    (tests inject a fast one)."""
    settings = settings or WebSettings.from_env()
    store = Store(
        settings.db, read_only=not settings.writable, create=settings.writable
    )
    _tune_sqlite(store)
    web = WebState(
        settings=settings,
        store=store,
        extractor=ArticleExtractor(extractor),
        renderer=Renderer(title=settings.title, writable=settings.writable),
        cache=ViewCache(
            store.url, entries=settings.cache_entries, ttl=settings.cache_seconds
        ),
        inline=store.engine.dialect.name == "sqlite",
    )

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(
        title="sayso",
        version=sayso.__version__,
        summary="Who said what, to whom, through which channel, on whose say-so.",
        description=(
            "Every page of the sayso web app has a JSON twin here. Statements "
            "point at exact characters of their article (start, end exclusive). "
            "Writing needs the operator's token (`Authorization: Bearer …`)."
        ),
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
    )
    app.state.sayso = web
    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(packages=[("sayso.web", "static")]), name="static")
    app.add_middleware(BodyLimit, limit=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    _add_error_handlers(app)
    return app


def _tune_sqlite(store: Store) -> None:
    """Give each SQLite connection of the server a larger page cache and memory
    mapping: searches scan many rows, and a server process lives long."""
    if store.engine.dialect.name != "sqlite":
        return

    @event.listens_for(store.engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: object) -> None:
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KB}")
            cursor.execute(f"PRAGMA mmap_size = {SQLITE_MMAP_BYTES}")
            cursor.execute("PRAGMA temp_store = MEMORY")
        finally:
            cursor.close()

    store.engine.dispose()  # connections opened so far lack the settings


def app_from_env() -> FastAPI:
    """The app for ``uvicorn --factory sayso.web.app:app_from_env`` (workers)."""
    return create_app(WebSettings.from_env())


def status_of(err: SaysoError) -> int:
    """The HTTP status for one of sayso's errors."""
    if isinstance(err, NotFoundError):
        return 404
    if isinstance(err, AccessError):
        return err.status
    if isinstance(err, ConfigError | SchemaError | InputError):
        return 400
    if isinstance(err, StoreError):
        return 503
    if isinstance(err, PipelineError):
        return 500
    return 400


def _add_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(SaysoError)
    async def sayso_error(request: Request, err: SaysoError) -> Response:
        status = status_of(err)
        if status >= 500:
            log.warning("%s %s: %s", request.method, request.url.path, err)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return error_response(
            request, status, type(err).__name__, str(err), headers=headers
        )

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, err: RequestValidationError) -> Response:
        problems = [_problem(e) for e in err.errors()]
        detail = [
            {"loc": list(e.get("loc", ())), "msg": str(e.get("msg", ""))}
            for e in err.errors()
        ]
        return error_response(
            request, 422, "ValidationError", "; ".join(problems), detail=detail
        )

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, err: HTTPException) -> Response:
        message = str(err.detail)
        if err.status_code == 404 and message == "Not Found":
            message = f"no page at {request.url.path}"
        kind = "BodyTooLarge" if err.status_code == 413 else "HTTPError"
        return error_response(
            request, err.status_code, kind, message, headers=err.headers
        )

    @app.exception_handler(Exception)
    async def crash(request: Request, err: Exception) -> Response:
        log.exception("%s %s failed", request.method, request.url.path)
        return error_response(
            request,
            500,
            "InternalError",
            f"the server failed ({type(err).__name__}); the log has the details",
        )


def error_response(
    request: Request,
    status: int,
    kind: str,
    message: str,
    *,
    detail: list[dict[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    """The error as JSON (API, ``?format=json``) or as a page."""
    body: dict[str, Any] = {"status": status, "type": kind, "message": message}
    if detail is not None:
        body["detail"] = detail
    if wants_json(request) or not hasattr(request.app.state, "sayso"):
        return JSONResponse(
            {"error": body}, status_code=status, headers=dict(headers or {})
        )
    page = state(request).renderer.render(
        request,
        "error.html",
        {"error": body, "heading": _TITLES.get(status, "Error")},
        status=status,
    )
    page.headers.update(dict(headers or {}))
    return page


def _problem(error: Any) -> str:
    loc = [str(part) for part in error.get("loc", ()) if part not in ("query", "path")]
    where = ".".join(loc) if loc else "request"
    return f"{where}: {error.get('msg', 'invalid')}"
