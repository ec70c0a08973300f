"""HTML pages, each rendered from the JSON of its API twin.

A page calls the same function of :mod:`sayso.web.views` as its twin and
passes that JSON to its template; with ``?format=json`` (or an ``Accept``
header asking for JSON only) it answers with that JSON itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from sayso.errors import ConfigError
from sayso.web import views
from sayso.web.context import answer, params, remember, root, state, wants_json
from sayso.web.extraction import ArticleInput, decode_upload, store_result
from sayso.web.highlight import Paragraph, highlight
from sayso.web.security import AccessError, bearer, check_token
from sayso.web.timeline import chart

router = APIRouter(include_in_schema=False)


def _page(
    request: Request,
    template: str,
    data: dict[str, Any],
    *,
    json_url: str,
    status: int = 200,
    **extra: Any,
) -> Response:
    if wants_json(request):
        return JSONResponse(data, status_code=status)
    return state(request).renderer.render(
        request,
        template,
        {"data": data, "params": params(request, drop=frozenset({"page"})), **extra},
        status=status,
        json_url=json_url,
    )


def _twin(path: str, request: Request) -> str:
    """The API twin's address for this page's query."""
    kept = params(request)
    return f"{path}?{urlencode(kept)}" if kept else path


@router.api_route("/", methods=["GET", "HEAD"])
def home_page(request: Request) -> Response:
    data = remember(request, "home", {}, lambda: views.home(state(request).store))
    return _page(request, "home.html", data, json_url="/api/home")


@router.api_route("/search", methods=["GET", "HEAD"])
async def search_page(request: Request) -> Response:
    base = root(request) + "/api/statements"
    given = params(request)
    store = state(request).store
    data = await answer(
        request,
        lambda: remember(
            request, "search", given, lambda: views.search(store, given, base=base)
        ),
    )
    return _page(
        request,
        "search.html",
        data,
        json_url=_twin("/api/statements", request),
    )


@router.api_route("/articles", methods=["GET", "HEAD"])
def articles_page(request: Request) -> Response:
    return _listing(request, "articles", views.articles)


@router.api_route("/articles/{article_id}", methods=["GET", "HEAD"])
def article_page(request: Request, article_id: int) -> Response:
    data = views.article(state(request).store, article_id)
    if wants_json(request):
        return JSONResponse(data)
    keys = {str(hit["id"]) for hit in data["statements"]}
    selected = request.query_params.get("statement")
    selected = selected if selected in keys else None
    entries = _entries(data["statements"], stored=True)
    stored = request.query_params.get("stored")
    return _page(
        request,
        "article.html",
        data,
        json_url=f"/api/articles/{article_id}",
        entries=entries,
        paragraphs=_paragraphs(data["text"], entries, selected),
        selected=selected,
        preview=False,
        stored=stored if stored in ("added", "version", "duplicate") else None,
    )


@router.api_route("/actors", methods=["GET", "HEAD"])
def actors_page(request: Request) -> Response:
    return _listing(request, "actors", views.actors)


@router.api_route("/actors/{actor}", methods=["GET", "HEAD"])
def actor_page(request: Request, actor: str) -> Response:
    key: int | str = int(actor) if actor.isdigit() and len(actor) < 20 else actor
    base = root(request) + "/api/actors/{id}"
    data = remember(
        request,
        f"actor:{actor}",
        params(request),
        lambda: views.actor(state(request).store, key, params(request), base=base),
    )
    found = data["actor"]["id"]
    if str(found) != actor and not wants_json(request):
        # A name, or an actor merged into another: the page lives at the id.
        target = f"{root(request)}/actors/{found}"
        if request.url.query:
            target += "?" + request.url.query
        return RedirectResponse(target, status_code=303)
    return _page(
        request,
        "actor.html",
        data,
        json_url=_twin(f"/api/actors/{found}", request),
        chart=chart(data["actor"]["timeline"]),
    )


@router.api_route("/statements/{statement_id}", methods=["GET", "HEAD"])
def statement_page(request: Request, statement_id: int) -> Response:
    data = views.statement(state(request).store, statement_id)
    if wants_json(request):
        return JSONResponse(data)
    focus = data["statement"]
    context = data["context"]
    key = str(focus["id"])
    paragraphs = highlight(
        context["text"],
        [(key, focus["statement"])],
        selected=key,
        offset=context["start"],
    )
    return _page(
        request,
        "statement.html",
        data,
        json_url=f"/api/statements/{statement_id}",
        paragraphs=paragraphs,
    )


@router.api_route("/claims", methods=["GET", "HEAD"])
def claims_page(request: Request) -> Response:
    return _listing(request, "claims", views.claims)


@router.api_route("/extract", methods=["GET", "HEAD"])
def extract_form(request: Request) -> Response:
    return state(request).renderer.render(
        request,
        "extract.html",
        {"form": {}, "error": None, "max_mb": _max_mb(request)},
        json_url="/api",
    )


@router.post("/extract")
async def extract_page(request: Request) -> Response:
    """Extract a pasted or uploaded article; store it if asked and allowed."""
    web = state(request)
    limit = web.settings.max_body_bytes
    async with request.form(max_files=1, max_fields=20, max_part_size=limit) as form:
        fields = {k: v for k, v in form.items() if isinstance(v, str) and k != "token"}
        given_token = form.get("token")
        upload = form.get("file")
        name, raw = "", b""
        if isinstance(upload, UploadFile) and upload.filename:
            name, raw = upload.filename, await upload.read()
    try:
        text = fields.get("text", "")
        if raw:
            text, title = await run_in_threadpool(decode_upload, raw, name)
            if title and not fields.get("title"):
                fields["title"] = title
        given = ArticleInput(
            text=text,
            title=fields.get("title"),
            url=fields.get("url"),
            outlet=fields.get("outlet"),
            published=fields.get("published"),
            lang=fields.get("lang") or web.settings.lang,
        )
        article = given.article()
        wants_store = fields.get("store") == "on"
        if wants_store:
            check_token(
                web.settings.token,
                (given_token if isinstance(given_token, str) else None)
                or bearer(request.headers.get("authorization")),
            )
    except (ConfigError, AccessError) as err:
        status = err.status if isinstance(err, AccessError) else 400
        return web.renderer.render(
            request,
            "extract.html",
            {"form": fields, "error": str(err), "max_mb": _max_mb(request)},
            status=status,
            json_url="/api",
        )
    result = await run_in_threadpool(web.extractor, article)
    if wants_store:
        added = await run_in_threadpool(store_result, web.store, result, origin="web")
        web.cache.clear()
        target = f"{root(request)}/articles/{added.article_id}?stored={added.outcome}"
        return RedirectResponse(target, status_code=303)
    data = result.to_dict()
    entries = _entries(
        [{"id": s["id"], "statement": s, "speakers": []} for s in data["statements"]],
        stored=False,
    )
    return web.renderer.render(
        request,
        "preview.html",
        {
            "data": data,
            "entries": entries,
            "paragraphs": _paragraphs(data["article"]["text"], entries, None),
            "selected": None,
            "preview": True,
            "params": {},
        },
        json_url="/api/extract",
    )


@router.api_route("/favicon.ico", methods=["GET", "HEAD"])
def favicon(request: Request) -> Response:
    """Browsers ask for it whatever the page says: send them to the SVG."""
    return RedirectResponse(f"{root(request)}/static/favicon.svg", status_code=308)


@router.api_route("/docs", methods=["GET", "HEAD"])
def docs_page(request: Request) -> Response:
    """The API reference, drawn from the OpenAPI schema (no scripts needed)."""
    schema = request.app.openapi()
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "description": operation.get("description", ""),
                    "tag": (operation.get("tags") or ["api"])[0],
                    "parameters": operation.get("parameters", []),
                    "body": "requestBody" in operation,
                    "secured": bool(operation.get("security")),
                }
            )
    return state(request).renderer.render(
        request,
        "docs.html",
        {"operations": operations},
        json_url="/api/openapi.json",
    )


def _entries(hits: list[Mapping[str, Any]], *, stored: bool) -> list[dict[str, Any]]:
    """The statements of an article as the list beside the text shows them."""
    local = {hit["statement"]["id"]: str(hit["id"]) for hit in hits}
    out = []
    for number, hit in enumerate(hits, start=1):
        statement = hit["statement"]
        parent = statement.get("parent")
        out.append(
            {
                "key": str(hit["id"]),
                "number": number,
                "hit": hit,
                "statement": statement,
                "stored": stored,
                "parent_key": local.get(parent) if parent else None,
            }
        )
    numbers = {entry["key"]: entry["number"] for entry in out}
    for entry in out:
        entry["parent_number"] = numbers.get(entry["parent_key"] or "")
    return out


def _paragraphs(
    text: str, entries: list[dict[str, Any]], selected: str | None
) -> list[Paragraph]:
    return highlight(
        text,
        [(entry["key"], entry["statement"]) for entry in entries],
        selected=selected,
    )


def _max_mb(request: Request) -> int:
    return max(1, state(request).settings.max_body_bytes // (1024 * 1024))


def _listing(
    request: Request, name: str, view: Callable[..., dict[str, Any]]
) -> Response:
    """A paged list (articles, actors, claims) from the same view as its JSON twin."""
    base = root(request) + f"/api/{name}"
    data = remember(
        request,
        name,
        params(request),
        lambda: view(state(request).store, params(request), base=base),
    )
    return _page(request, f"{name}.html", data, json_url=_twin(f"/api/{name}", request))
