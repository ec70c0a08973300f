"""The queries behind every page and its JSON twin.

Each function takes the store and the request's parameters (strings) and
returns the JSON the API serves. Pages render that same JSON through their
templates, so the UI never shows what the API cannot.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final
from urllib.parse import urlencode

from sayso.errors import ConfigError
from sayso.store import NotFoundError, Page, StatementQuery, Store
from sayso.web.highlight import context_window, marks_of
from sayso.web.listing import article_text, list_articles

#: How many articles and speakers the home page lists.
RECENT: Final = 10
SPEAKERS: Final = 12
#: Largest id accepted in a path (SQLite and PostgreSQL bigint).
MAX_ID: Final = 2**63 - 1

Params = Mapping[str, str]


def stats(store: Store) -> dict[str, Any]:
    """Counts of articles, statements, actors and failures."""
    return store.stats().to_dict()


def home(store: Store) -> dict[str, Any]:
    """Counts, the articles added last, and the speakers heard most."""
    recent = list_articles(store, order="-added", limit=RECENT)
    speakers = store.find_actors(limit=SPEAKERS)
    return {
        "stats": store.stats().to_dict(),
        "recent": [item.to_dict() for item in recent.items],
        "speakers": [item.to_dict() for item in speakers.items],
    }


def search(store: Store, params: Params, *, base: str) -> dict[str, Any]:
    """Statements matching the filters (``StatementQuery.from_params`` names)."""
    query = StatementQuery.from_params(dict(params))
    page = store.find_statements(query)
    return _paged(page, base, params, {"query": _query_dict(query)})


def articles(store: Store, params: Params, *, base: str) -> dict[str, Any]:
    """Latest article versions: ``outlet``, ``order`` (-published, -added), paging."""
    values = _known(params, {"outlet", "order", "page", "limit"})
    page = list_articles(
        store,
        outlet=values.get("outlet"),
        order=values.get("order", "-published"),
        page=_int(values, "page", 1),
        limit=_int(values, "limit", 50),
    )
    return _paged(page, base, params, {})


def article(store: Store, article_id: int) -> dict[str, Any]:
    """One article version: text, metadata, statements, and all its versions."""
    _check_id(article_id, "article")
    view = store.get_article(article_id)
    data = view.to_dict()
    data["versions"] = list(store.article_versions(article_id))
    return data


def actors(store: Store, params: Params, *, base: str) -> dict[str, Any]:
    """Actors, most statements first; ``name`` narrows to matching spellings."""
    values = _known(params, {"name", "page", "limit"})
    page = store.find_actors(
        values.get("name"),
        page=_int(values, "page", 1),
        limit=_int(values, "limit", 50),
    )
    return _paged(page, base, params, {})


def actor(
    store: Store, actor: int | str, params: Params, *, base: str
) -> dict[str, Any]:
    """An actor (by id or any spelling) and one page of their statements."""
    if isinstance(actor, int):
        _check_id(actor, "actor")
    values = _known(params, {"page", "limit"})
    view = store.get_actor(actor)
    page = store.find_statements(
        actor_id=view.id,
        page=_int(values, "page", 1),
        limit=_int(values, "limit", 20),
    )
    return {
        "actor": view.to_dict(),
        "statements": _paged(page, base.format(id=view.id), params, {}),
    }


def statement(store: Store, statement_id: int) -> dict[str, Any]:
    """A statement, its say-so chain up and down, other reports of the same claim,
    and the passage of the article around it."""
    _check_id(statement_id, "statement")
    data = chain(store, statement_id)
    data["same_claim"] = [s.to_dict() for s in store.same_claim(statement_id)]
    focus = data["statement"]
    text = article_text(store, focus["article"]["id"])
    spans = marks_of("", focus["statement"])
    if spans:
        start, end = context_window(
            text, min(m.start for m in spans), max(m.end for m in spans)
        )
    else:
        start, end = 0, min(len(text), 400)
    data["context"] = {
        "start": start,
        "end": end,
        "text": text[start:end],
        "clipped_left": start > 0 and text[start - 1] != "\n",
        "clipped_right": end < len(text) and text[end] != "\n",
    }
    return data


def chain(store: Store, statement_id: int) -> dict[str, Any]:
    """The say-so chain: ``up`` (who reported it, to the root) and ``down``."""
    _check_id(statement_id, "statement")
    return store.chain(statement_id).to_dict()


def claims(store: Store, params: Params, *, base: str) -> dict[str, Any]:
    """Claims reported in several articles: statement filters plus ``min_articles``."""
    values = dict(params)
    min_articles = _int(values, "min_articles", 2)
    values.pop("min_articles", None)
    page_no = _int(values, "page", 1)
    limit = _int(values, "limit", 50)
    values.pop("page", None)
    values.pop("limit", None)
    query = StatementQuery.from_params(values)
    page = store.claims(query, min_articles=min_articles, page=page_no, limit=limit)
    extra = {"query": _query_dict(query), "min_articles": min_articles}
    return _paged(page, base, params, extra)


# -- helpers ---------------------------------------------------------------


def _paged(
    page: Page[Any], base: str, params: Params, extra: dict[str, Any]
) -> dict[str, Any]:
    data = page.to_dict()
    data.update(extra)
    data["next"] = (
        _link(base, params, page.page + 1) if page.page < page.pages else None
    )
    data["prev"] = (
        _link(base, params, min(page.page - 1, page.pages)) if page.page > 1 else None
    )
    return data


def _link(base: str, params: Params, page: int) -> str:
    kept = [(k, v) for k, v in params.items() if v and k != "page"]
    if page > 1:
        kept.append(("page", str(page)))
    return f"{base}?{urlencode(kept)}" if kept else base


def _query_dict(query: StatementQuery) -> dict[str, Any]:
    out: dict[str, Any] = {
        "speaker": query.speaker,
        "actor": query.actor_id,
        "since": query.since.isoformat() if query.since else None,
        "until": query.until.isoformat() if query.until else None,
        "kind": query.kind,
        "hearsay": query.hearsay,
        "negated": query.negated,
        "outlet": query.outlet,
        "text": query.text,
        "article": query.article_id,
        "all_versions": query.all_versions,
        "order": query.order,
    }
    return {key: value for key, value in out.items() if value not in (None, False)}


def _known(params: Params, known: set[str]) -> dict[str, str]:
    unknown = sorted(set(params) - known)
    if unknown:
        raise ConfigError(
            f"unknown parameter(s) {', '.join(map(repr, unknown))}; "
            f"use {', '.join(sorted(known))}"
        )
    return {key: value for key, value in params.items() if value}


def _int(values: Mapping[str, str], key: str, default: int) -> int:
    raw = values.get(key)
    if not raw:
        return default
    try:
        return int(raw)
    except ValueError:
        raise ConfigError(f"{key}: {raw[:50]!r} is not a whole number") from None


def _check_id(value: int, what: str) -> None:
    """Ids outside what a database holds are simply not there (no overflow)."""
    if not 1 <= value <= MAX_ID:
        raise NotFoundError(f"no {what} {value}")
