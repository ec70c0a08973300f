"""The JSON API under ``/api``: every page's twin, and extraction.

Handlers call the same functions of :mod:`sayso.web.views` as the pages.
Parameters are declared for the OpenAPI schema (``/api/openapi.json``);
the raw query string is what the views read, so an unknown parameter is
refused with a 400 rather than silently ignored.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

import sayso
from sayso.web import views
from sayso.web.context import answer, params, remember, root, state
from sayso.web.extraction import ArticleInput, store_result
from sayso.web.schemas import (
    ActorDetail,
    ActorPage,
    ArticleIn,
    ArticleJSON,
    ArticlePage,
    ChainJSON,
    ClaimPage,
    ErrorJSON,
    ExtractJSON,
    HomeJSON,
    KindName,
    StatementDetail,
    StatementPage,
    StatsJSON,
    StoredJSON,
)
from sayso.web.security import check_token

router = APIRouter(prefix="/api")
bearer_scheme = HTTPBearer(auto_error=False, description="The operator's SAYSO_TOKEN")

_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorJSON, "description": "A parameter that cannot be used"},
    422: {"model": ErrorJSON, "description": "A parameter of the wrong type"},
}
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorJSON, "description": "No such record"},
}

Page_ = Annotated[int, Query(ge=1, description="page number, from 1")]
Limit = Annotated[int, Query(ge=1, le=1000, description="results per page")]
Opt = Annotated[str | None, Query(max_length=1000)]


def _ok(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> Any:
    return JSONResponse(data, status_code=status, headers=headers)


@router.get("", summary="What this API offers", tags=["meta"])
def index(request: Request) -> Any:
    """Links to every endpoint and the OpenAPI schema; whether writes are allowed."""
    base = root(request) + "/api"
    return _ok(
        {
            "name": "sayso",
            "version": sayso.__version__,
            "writable": state(request).settings.writable,
            "openapi": f"{base}/openapi.json",
            "endpoints": {
                "home": f"{base}/home",
                "stats": f"{base}/stats",
                "statements": f"{base}/statements",
                "statement": f"{base}/statements/{{id}}",
                "chain": f"{base}/statements/{{id}}/chain",
                "articles": f"{base}/articles",
                "article": f"{base}/articles/{{id}}",
                "actors": f"{base}/actors",
                "actor": f"{base}/actors/{{id}}",
                "claims": f"{base}/claims",
                "extract": f"POST {base}/extract",
                "store": f"POST {base}/articles",
            },
        }
    )


@router.get(
    "/home",
    summary="Counts, recent articles, top speakers",
    tags=["archive"],
    responses={200: {"model": HomeJSON}},
)
def home(request: Request) -> Any:
    """The home page's data: counts, articles added last, speakers heard most."""
    return _ok(remember(request, "home", {}, lambda: views.home(state(request).store)))


@router.get(
    "/stats", summary="Counts", tags=["archive"], responses={200: {"model": StatsJSON}}
)
def stats(request: Request) -> Any:
    """Articles (latest versions), statements, actors, failed inputs."""
    return _ok(
        remember(request, "stats", {}, lambda: views.stats(state(request).store))
    )


@router.get(
    "/statements",
    summary="Search statements",
    tags=["statements"],
    responses={200: {"model": StatementPage}, **_ERRORS},
)
async def statements(
    request: Request,
    text: Annotated[
        str | None,
        Query(
            max_length=1000,
            description='full text: words (all), "a phrase", prefix*, -word, a OR b',
        ),
    ] = None,
    q: Annotated[str | None, Query(max_length=1000, description="= text")] = None,
    speaker: Annotated[
        str | None, Query(max_length=1000, description="an actor, any spelling")
    ] = None,
    actor: Annotated[int | None, Query(ge=1, description="an actor id")] = None,
    since: Annotated[dt.date | None, Query(description="on or after")] = None,
    until: Annotated[dt.date | None, Query(description="on or before")] = None,
    kind: KindName | None = None,
    hearsay: bool | None = None,
    negated: bool | None = None,
    outlet: Annotated[
        str | None, Query(max_length=1000, description="part of the outlet's name")
    ] = None,
    article: Annotated[int | None, Query(ge=1, description="an article id")] = None,
    all_versions: bool = False,
    order: Literal["-date", "date", "relevance"] = "-date",
    page: Page_ = 1,
    limit: Limit = 50,
) -> Any:
    """Statements matching every filter given, newest first; one page at a time."""
    base = root(request) + "/api/statements"
    given = params(request)
    web = state(request)
    return _ok(
        await answer(
            request,
            lambda: remember(
                request,
                "search",
                given,
                lambda: views.search(web.store, given, base=base),
            ),
        )
    )


@router.get(
    "/statements/{statement_id}",
    summary="A statement, its say-so chain, the same claim elsewhere",
    tags=["statements"],
    responses={200: {"model": StatementDetail}, **_NOT_FOUND, **_ERRORS},
)
def statement(request: Request, statement_id: int) -> Any:
    """The statement, who reported it (``up``), what it reports (``down``), other
    reports of the same claim by the same speaker, and the passage around it."""
    return _ok(views.statement(state(request).store, statement_id))


@router.get(
    "/statements/{statement_id}/chain",
    summary="The say-so chain of a statement",
    tags=["statements"],
    responses={200: {"model": ChainJSON}, **_NOT_FOUND, **_ERRORS},
)
def chain(request: Request, statement_id: int) -> Any:
    """``up``: the statements it rests on, parent first; ``down``: what it reports."""
    return _ok(views.chain(state(request).store, statement_id))


@router.get(
    "/articles",
    summary="List articles",
    tags=["articles"],
    responses={200: {"model": ArticlePage}, **_ERRORS},
)
def articles(
    request: Request,
    outlet: Opt = None,
    order: Literal["-published", "-added"] = "-published",
    page: Page_ = 1,
    limit: Limit = 50,
) -> Any:
    """Latest versions of the stored articles, newest first."""
    base = root(request) + "/api/articles"
    return _ok(
        remember(
            request,
            "articles",
            params(request),
            lambda: views.articles(state(request).store, params(request), base=base),
        )
    )


@router.get(
    "/articles/{article_id}",
    summary="An article with its statements",
    tags=["articles"],
    responses={200: {"model": ArticleJSON}, **_NOT_FOUND, **_ERRORS},
)
def article(request: Request, article_id: int) -> Any:
    """The text, metadata and statements of one article version."""
    return _ok(views.article(state(request).store, article_id))


@router.get(
    "/actors",
    summary="List speakers",
    tags=["actors"],
    responses={200: {"model": ActorPage}, **_ERRORS},
)
def actors(
    request: Request, name: Opt = None, page: Page_ = 1, limit: Limit = 50
) -> Any:
    """Actors, most statements first; ``name`` finds any spelling."""
    base = root(request) + "/api/actors"
    return _ok(
        remember(
            request,
            "actors",
            params(request),
            lambda: views.actors(state(request).store, params(request), base=base),
        )
    )


@router.get(
    "/actors/{actor}",
    summary="A speaker: aliases, roles, timeline, channels, statements",
    tags=["actors"],
    responses={200: {"model": ActorDetail}, **_NOT_FOUND, **_ERRORS},
)
def actor(
    request: Request,
    actor: Annotated[str, Path(max_length=300, description="an id or a name")],
    page: Page_ = 1,
    limit: Limit = 20,
) -> Any:
    """An actor by id or any spelling, with one page of their statements."""
    base = root(request) + "/api/actors/{id}"
    key: int | str = int(actor) if actor.isdigit() else actor
    return _ok(
        remember(
            request,
            f"actor:{actor}",
            params(request),
            lambda: views.actor(state(request).store, key, params(request), base=base),
        )
    )


@router.get(
    "/claims",
    summary="Claims reported in several articles",
    tags=["statements"],
    responses={200: {"model": ClaimPage}, **_ERRORS},
)
def claims(
    request: Request,
    speaker: Opt = None,
    text: Opt = None,
    since: dt.date | None = None,
    until: dt.date | None = None,
    outlet: Opt = None,
    min_articles: Annotated[int, Query(ge=1)] = 2,
    page: Page_ = 1,
    limit: Limit = 50,
) -> Any:
    """The same message by the same speaker in ``min_articles`` or more articles."""
    base = root(request) + "/api/claims"
    return _ok(
        remember(
            request,
            "claims",
            params(request),
            lambda: views.claims(state(request).store, params(request), base=base),
        )
    )


@router.post(
    "/extract",
    summary="Extract statements (nothing stored)",
    tags=["extraction"],
    responses={200: {"model": ExtractJSON}, 413: {"model": ErrorJSON}, **_ERRORS},
)
def extract(request: Request, body: ArticleIn) -> Any:
    """Read the article and return its statements at once; nothing is stored."""
    article = ArticleInput(**body.model_dump()).article()
    return _ok(state(request).extractor(article).to_dict())


@router.post(
    "/articles",
    summary="Extract and store an article (needs the write token)",
    tags=["extraction"],
    status_code=201,
    responses={
        200: {"model": StoredJSON, "description": "Stored before: nothing written"},
        201: {"model": StoredJSON, "description": "Stored"},
        401: {"model": ErrorJSON, "description": "Missing or wrong token"},
        403: {"model": ErrorJSON, "description": "The archive is read-only"},
        413: {"model": ErrorJSON},
        **_ERRORS,
    },
)
def store_article(
    request: Request,
    body: ArticleIn,
    credentials: Annotated[
        HTTPAuthorizationCredentials | None, Depends(bearer_scheme)
    ] = None,
) -> Any:
    """Extract the article and store it with its statements in one transaction."""
    web = state(request)
    check_token(web.settings.token, credentials.credentials if credentials else None)
    article = ArticleInput(**body.model_dump()).article()
    added = store_result(web.store, web.extractor(article), origin="web")
    web.cache.clear()
    data = stored(request, added.to_dict())
    return _ok(
        data,
        status=200 if added.outcome == "duplicate" else 201,
        headers={"Location": data["url"]},
    )


def stored(request: Request, added: dict[str, Any]) -> dict[str, Any]:
    """What storing did, with the article's JSON and page addresses."""
    prefix = root(request)
    article_id = added["article_id"]
    return {
        **added,
        "url": f"{prefix}/api/articles/{article_id}",
        "html": f"{prefix}/articles/{article_id}",
    }
