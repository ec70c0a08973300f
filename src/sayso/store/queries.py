"""Read queries: statements by filter and text, chains, actors, claims.

Each function takes an open session and returns records (never rows).
The statement filters are built once here for listing, counting, exporting
and claims, so the command line and the web app cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Final

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Date,
    Select,
    TextClause,
    bindparam,
    func,
    select,
    text,
)
from sqlalchemy.orm import Session

from sayso.store import claims as claims_lib
from sayso.store import registry
from sayso.store.records import (
    ActorRef,
    ActorSummary,
    ActorView,
    Alias,
    Chain,
    ChainNode,
    Claim,
    Count,
    Page,
    RoleSeen,
    StatementQuery,
    StoredStatement,
)
from sayso.store.rows import load_statements
from sayso.store.schema import (
    ActorAliasRow,
    ActorRoleRow,
    ActorRow,
    ArticleRow,
    StatementRow,
    StatementSpeakerRow,
)
from sayso.store.search import parse_query, to_fts5, to_tsquery

#: How deep a say-so chain is followed (guards against cycles in bad data).
MAX_DEPTH = 50


def escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True, slots=True)
class Filter:
    """A query's filters as one SQL condition on ``statements``, with its values.

    Plain SQL text for both databases (the search path runs on every request;
    building SQLAlchemy expressions cost more than SQLite's part of most
    searches). Every value is a bound parameter; full-text queries are quoted
    by :mod:`sayso.store.search`.
    """

    where: str
    params: tuple[BindParameter[Any], ...]
    #: The FTS5 expression (SQLite) of a full-text query, else None.
    fts: str | None
    #: The ``to_tsquery`` argument (PostgreSQL) of a full-text query, else None.
    tsquery: str | None

    def clause(self) -> TextClause:
        return text(self.where).bindparams(*self.params)

    def sql(self, statement: str, **values: Any) -> TextClause:
        """``statement`` (which may name ``{where}``) with the values it uses."""
        statement = statement.replace("{where}", self.where)
        used = set(_BIND.findall(statement))
        return text(statement).bindparams(
            *(p for p in self.params if p.key in used),
            *(bindparam(k, v) for k, v in values.items()),
        )


_BIND: Final = re.compile(r"(?<![:\w]):(\w+)")


def statement_filter(session: Session, query: StatementQuery) -> Filter | None:
    """The query's filters (page and order aside); None when they cannot match
    (a speaker no actor answers to).

    Every condition is on ``statements`` itself or an id subquery, so the
    planner answers from the covering indexes of the 0003 migration: latest,
    date, kind and flags from ``ix_statements_latest_date`` or ``_kind``; an
    outlet through its articles and ``ix_statements_article_date``; a speaker
    through ``statement_speakers``; full text through FTS5 or the tsvector.
    """
    sqlite = session.get_bind().dialect.name == "sqlite"
    parts: list[str] = []
    params: list[BindParameter[Any]] = []

    def bind(name: str, value: Any, type_: Any = None) -> str:
        params.append(bindparam(name, value, type_=type_))
        return ":" + name

    if not query.all_versions:
        parts.append("statements.latest = TRUE")
    actors: set[int] | None = None
    if query.speaker:
        actors = {m.id for m in registry.find(session, query.speaker)}
    if query.actor_id is not None:
        wanted = {registry.live(session, query.actor_id)}
        actors = wanted if actors is None else actors & wanted
    if actors is not None:
        if not actors:
            return None
        params.append(bindparam("actors", sorted(actors), expanding=True))
        parts.append(
            "statements.id IN (SELECT statement_id FROM statement_speakers "
            "WHERE actor_id IN :actors)"
        )
    if query.since is not None:
        parts.append("statements.date >= " + bind("since", query.since, Date()))
    if query.until is not None:
        parts.append("statements.date <= " + bind("until", query.until, Date()))
    if query.kind is not None:
        parts.append("statements.kind = " + bind("kind", query.kind))
    for name, flag in (("hearsay", query.hearsay), ("negated", query.negated)):
        if flag is not None:
            parts.append(f"statements.{name} = {'TRUE' if flag else 'FALSE'}")
    if query.outlet:
        # The outlet's articles first (a scan of the small outlet index), then
        # their statements through (article_id, latest, date). SQLite's LIKE
        # ignores case as far as its lower() folds it (ASCII letters), so
        # lower() would only cost time there.
        pattern = bind("outlet", "%" + escape_like(query.outlet.lower()) + "%")
        outlet = "outlet" if sqlite else "lower(outlet)"
        latest = "" if query.all_versions else "latest = TRUE AND "
        parts.append(
            "statements.article_id IN (SELECT id FROM articles WHERE "
            f"{latest}{outlet} LIKE {pattern} ESCAPE '\\')"
        )
    if query.article_id is not None:
        parts.append("statements.article_id = " + bind("article", query.article_id))
    fts = tsquery = None
    if query.text:
        parsed = parse_query(query.text)
        if sqlite:
            fts = to_fts5(parsed)
            # The MATCH runs once, as a list the planner can drive from or
            # probe; a join would re-run it for every candidate row.
            parts.append(
                "statements.id IN (SELECT rowid FROM statements_fts "
                "WHERE statements_fts MATCH " + bind("fts", fts) + ")"
            )
        else:
            tsquery = to_tsquery(parsed)
            parts.append(
                "statements.search @@ to_tsquery('simple'::regconfig, "
                + bind("tsquery", tsquery)
                + ")"
            )
    return Filter(" AND ".join(parts) or "TRUE", tuple(params), fts, tsquery)


def statement_ids(session: Session, query: StatementQuery) -> Select[Any] | None:
    """``SELECT statements.id …`` for the query's filters (None: nothing matches)."""
    found = statement_filter(session, query)
    if found is None:
        return None
    return select(StatementRow.id).where(found.clause())


#: Above this many full-text matches, a text-only search on SQLite pages
#: through the date index (probing the matches) instead of sorting them all,
#: and takes its total from the full-text index.
BROAD_MATCHES: Final = 2000

_ORDER: Final = {
    "-date": "statements.date DESC NULLS LAST, statements.id DESC",
    "date": "statements.date ASC NULLS LAST, statements.id ASC",
}


def find_statements(session: Session, query: StatementQuery) -> Page[StoredStatement]:
    found = statement_filter(session, query)
    if found is None:
        return Page((), 0, query.page, query.limit)
    sqlite = session.get_bind().dialect.name == "sqlite"
    paging = {"limit": query.limit, "offset": query.offset}
    ids: list[int] | None = None
    total: int | None = None
    if query.order == "relevance" and (found.fts or found.tsquery):
        ids, total = _by_relevance(session, found, paging, sqlite=sqlite)
    elif sqlite and found.fts and _text_only(query):
        broad = _broad_text(session, query, found)
        if broad is not None:
            ids, total = broad
    order = _ORDER.get(query.order, _ORDER["-date"])
    if ids is None and _narrow(query):
        # Few matches (a text, a speaker, an outlet …): the sort reads them all
        # anyway, so the page and the total come in one pass.
        rows = session.execute(
            found.sql(
                "SELECT statements.id, count(*) OVER () FROM statements "
                f"WHERE {{where}} ORDER BY {order} LIMIT :limit OFFSET :offset",
                **paging,
            )
        ).all()
        ids = [row[0] for row in rows]
        total = int(rows[0][1]) if rows else None
    elif ids is None:
        # Broad filters (kind, flags, dates): the covering indexes yield the page
        # in order without sorting every match, and count without reading rows.
        ids = list(
            session.scalars(
                found.sql(
                    "SELECT statements.id FROM statements WHERE {where} "
                    f"ORDER BY {order} LIMIT :limit OFFSET :offset",
                    **paging,
                )
            )
        )
    if total is None:
        total = _count(session, query, found, sqlite=sqlite)
    return Page(tuple(load_statements(session, ids)), total, query.page, query.limit)


def _by_relevance(
    session: Session, found: Filter, paging: dict[str, int], *, sqlite: bool
) -> tuple[list[int], int | None]:
    """Best matches first (FTS5's bm25 rank; ``ts_rank``), then newest."""
    if sqlite:
        statement = (
            "WITH fts AS MATERIALIZED (SELECT rowid, rank FROM statements_fts "
            "WHERE statements_fts MATCH :fts_rank) "
            "SELECT statements.id, count(*) OVER () FROM statements "
            "JOIN fts ON fts.rowid = statements.id WHERE {where} "
            "ORDER BY fts.rank, statements.date DESC, statements.id DESC "
            "LIMIT :limit OFFSET :offset"
        )
        extra = {"fts_rank": found.fts}
    else:
        statement = (
            "SELECT statements.id, count(*) OVER () FROM statements WHERE {where} "
            "ORDER BY -ts_rank(statements.search, "
            "to_tsquery('simple'::regconfig, :tsquery)), "
            "statements.date DESC, statements.id DESC LIMIT :limit OFFSET :offset"
        )
        extra = {}
    rows = session.execute(found.sql(statement, **paging, **extra)).all()
    return [row[0] for row in rows], int(rows[0][1]) if rows else None


def _narrow(query: StatementQuery) -> bool:
    """Whether the query's matches are likely few (worth counting while sorting)."""
    return bool(
        query.text
        or query.speaker
        or query.outlet
        or query.actor_id is not None
        or query.article_id is not None
    )


def _text_only(query: StatementQuery) -> bool:
    """A full-text query and no other filter (the commonest search)."""
    return bool(query.text) and query == StatementQuery(
        text=query.text,
        all_versions=query.all_versions,
        page=query.page,
        limit=query.limit,
        order=query.order,
    )


def _count(
    session: Session, query: StatementQuery, found: Filter, *, sqlite: bool
) -> int:
    """How many statements the filter selects."""
    if sqlite and query == StatementQuery(
        page=query.page, limit=query.limit, order=query.order
    ):
        # Everything there is, less the superseded versions: SQLite counts a
        # whole table from its smallest index, and superseded statements are
        # an index range of their own.
        return latest_statements(session)
    counted = session.scalar(found.sql("SELECT count(*) FROM statements WHERE {where}"))
    return int(counted or 0)


def latest_statements(session: Session) -> int:
    """How many statements belong to latest versions (all of them, less the
    superseded: an index range, where counting the latest reads them all)."""
    every = session.scalar(text("SELECT count(*) FROM statements")) or 0
    return int(every) - _superseded(session)


def _superseded(session: Session) -> int:
    """How many statements belong to article versions that are not the latest."""
    counted = session.scalar(
        text("SELECT count(*) FROM statements WHERE latest = FALSE")
    )
    return int(counted or 0)


def _broad_text(
    session: Session, query: StatementQuery, found: Filter
) -> tuple[list[int], int] | None:
    """Page and total of a text-only query with many matches (SQLite), or None
    for few matches, which the general path sorts at less cost.

    The total is the full-text index's count of matches (no row read), less
    the matches in superseded versions; the page comes from walking the
    (latest, date) index in order and probing the matches, which stops after
    the page instead of sorting thousands of rows.
    """
    match = "SELECT rowid FROM statements_fts WHERE statements_fts MATCH :fts"
    matches = session.scalar(
        found.sql("SELECT count(*) FROM statements_fts WHERE statements_fts MATCH :fts")
    )
    if not matches or matches <= BROAD_MATCHES:
        return None
    total = int(matches)
    if query.all_versions:
        walk = (
            "SELECT id FROM statements INDEXED BY ix_statements_date "
            f"WHERE id IN ({match})"
        )
    else:
        walk = (
            "SELECT id FROM statements INDEXED BY ix_statements_latest_date "
            f"WHERE latest = TRUE AND id IN ({match})"
        )
        if _superseded(session):
            older = session.scalar(
                found.sql(
                    "SELECT count(*) FROM statements "
                    "INDEXED BY ix_statements_latest_date "
                    f"WHERE latest = FALSE AND id IN ({match})"
                )
            )
            total -= int(older or 0)
    order = _ORDER[query.order].replace("statements.", "")
    rows = session.scalars(
        found.sql(
            f"{walk} ORDER BY {order} LIMIT :limit OFFSET :offset",
            limit=query.limit,
            offset=query.offset,
        )
    )
    return [int(i) for i in rows], total


def iter_statement_ids(
    session: Session, query: StatementQuery, *, batch: int = 1000
) -> Iterator[list[int]]:
    """All matching ids in batches, by id (keyset paging: no OFFSET cost)."""
    stmt = statement_ids(session, query)
    if stmt is None:
        return
    last = 0
    while True:
        ids = list(
            session.scalars(
                stmt.where(StatementRow.id > last)
                .order_by(StatementRow.id)
                .limit(batch)
            )
        )
        if not ids:
            return
        yield ids
        last = ids[-1]


def chain(session: Session, statement: StoredStatement) -> Chain:
    up: list[StoredStatement] = []
    seen = {statement.id}
    parent = statement.parent_id
    while parent is not None and parent not in seen and len(up) < MAX_DEPTH:
        seen.add(parent)
        found = load_statements(session, [parent])
        if not found:
            break
        up.append(found[0])
        parent = found[0].parent_id
    down = _children(session, statement.id, seen, 0)
    return Chain(statement, tuple(up), down)


def _children(
    session: Session, statement_id: int, seen: set[int], depth: int
) -> tuple[ChainNode, ...]:
    if depth >= MAX_DEPTH:
        return ()
    ids = [
        i
        for i in session.scalars(
            select(StatementRow.id)
            .where(StatementRow.parent_id == statement_id)
            .order_by(StatementRow.id)
        )
        if i not in seen
    ]
    seen.update(ids)
    return tuple(
        ChainNode(child, _children(session, child.id, seen, depth + 1))
        for child in load_statements(session, ids)
    )


def actor_view(session: Session, actor_id: int) -> ActorView:
    actor = session.get(ActorRow, actor_id)
    if actor is None:  # pragma: no cover - callers resolve ids first
        raise LookupError(actor_id)
    aliases = tuple(
        Alias(name, origin)
        for name, origin in session.execute(
            select(ActorAliasRow.name, ActorAliasRow.origin)
            .where(ActorAliasRow.actor_id == actor_id)
            .order_by(ActorAliasRow.id)
        )
    )
    roles: dict[str, list[Any]] = {}
    for role, seen in session.execute(
        select(ActorRoleRow.role, ActorRoleRow.seen).where(
            ActorRoleRow.actor_id == actor_id
        )
    ):
        entry = roles.setdefault(role.casefold(), [role, None, None, 0])
        entry[3] += 1
        if seen is not None:
            entry[1] = seen if entry[1] is None else min(entry[1], seen)
            entry[2] = seen if entry[2] is None else max(entry[2], seen)
    role_list = sorted(
        (RoleSeen(r, first, last, n) for r, first, last, n in roles.values()),
        key=lambda r: (r.last_seen or dt.date.min, r.count),
        reverse=True,
    )
    mine = (
        select(StatementRow.date, StatementRow.medium_text, StatementRow.addressee_text)
        .join(StatementSpeakerRow, StatementSpeakerRow.statement_id == StatementRow.id)
        .where(StatementSpeakerRow.actor_id == actor_id, StatementRow.latest)
    )
    months: Counter[str] = Counter()
    channels: Counter[str] = Counter()
    addressees: Counter[str] = Counter()
    dates: list[dt.date] = []
    count = 0
    for date, medium, addressee in session.execute(mine):
        count += 1
        if date is not None:
            dates.append(date)
            months[f"{date:%Y-%m}"] += 1
        else:
            months["unknown"] += 1
        if medium:
            channels[medium] += 1
        if addressee:
            addressees[addressee] += 1
    return ActorView(
        id=actor.id,
        name=actor.name,
        aliases=aliases,
        roles=tuple(role_list),
        statements=count,
        first_seen=min(dates) if dates else None,
        last_seen=max(dates) if dates else None,
        timeline=tuple(Count(month, n) for month, n in sorted(months.items())),
        channels=_top(channels),
        addressees=_top(addressees),
        merged_into=actor.merged_into,
    )


def _top(counter: Counter[str], limit: int = 50) -> tuple[Count, ...]:
    return tuple(Count(value, n) for value, n in counter.most_common(limit))


def find_actors(
    session: Session, name: str | None, *, page: int, limit: int
) -> Page[ActorSummary]:
    conditions: list[ColumnElement[bool]] = [ActorRow.merged_into.is_(None)]
    if name:
        ids = [m.id for m in registry.find(session, name)]
        conditions.append(ActorRow.id.in_(ids))
    stats = (
        select(
            StatementSpeakerRow.actor_id.label("actor_id"),
            func.count().label("n"),
            func.min(StatementRow.date).label("first"),
            func.max(StatementRow.date).label("last"),
        )
        .join(StatementRow, StatementRow.id == StatementSpeakerRow.statement_id)
        .where(StatementRow.latest)
        .group_by(StatementSpeakerRow.actor_id)
        .subquery()
    )
    base = (
        select(ActorRow.id, ActorRow.name, stats.c.n, stats.c.first, stats.c.last)
        .outerjoin(stats, stats.c.actor_id == ActorRow.id)
        .where(*conditions)
    )
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    rows = session.execute(
        base.order_by(func.coalesce(stats.c.n, 0).desc(), ActorRow.id)
        .limit(limit)
        .offset((page - 1) * limit)
    ).all()
    items = tuple(
        ActorSummary(actor_id, actor_name, n or 0, first, last)
        for actor_id, actor_name, n, first, last in rows
    )
    return Page(items, total, page, limit)


def claims(
    session: Session,
    query: StatementQuery,
    *,
    min_articles: int,
    page: int,
    limit: int,
) -> Page[Claim]:
    """Claims among the statements the query selects (page and order ignored)."""
    stmt = statement_ids(session, query)
    if stmt is None:
        return Page((), 0, page, limit)
    ids = stmt.subquery()
    rows = session.execute(
        select(
            StatementSpeakerRow.actor_id,
            ActorRow.name,
            StatementRow.id,
            StatementRow.fingerprint,
            StatementRow.claim_tokens,
            StatementRow.message_text,
            StatementRow.article_id,
            StatementRow.date,
            ArticleRow.outlet,
        )
        .join(StatementSpeakerRow, StatementSpeakerRow.statement_id == StatementRow.id)
        .join(ActorRow, ActorRow.id == StatementSpeakerRow.actor_id)
        .join(ArticleRow, ArticleRow.id == StatementRow.article_id)
        .where(StatementRow.id.in_(select(ids.c.id)), StatementRow.fingerprint != "")
        .order_by(StatementSpeakerRow.actor_id, StatementRow.date, StatementRow.id)
    ).all()
    by_actor: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        by_actor[row[0]].append(row)
    found: list[Claim] = []
    for actor_id, items in by_actor.items():
        groups = claims_lib.group(
            [(r.fingerprint, frozenset(r.claim_tokens.split())) for r in items]
        )
        for members in groups:
            reports = [items[i] for i in members]
            articles = {r.article_id for r in reports}
            if len(articles) < min_articles:
                continue
            dates = [r.date for r in reports if r.date is not None]
            outlets = sorted({r.outlet for r in reports if r.outlet})
            found.append(
                Claim(
                    actor=ActorRef(actor_id, reports[0].name, reports[0].name),
                    message=reports[0].message_text,
                    statements=len(reports),
                    articles=len(articles),
                    outlets=tuple(outlets),
                    first_seen=min(dates) if dates else None,
                    last_seen=max(dates) if dates else None,
                    statement_ids=tuple(r.id for r in reports),
                )
            )
    found.sort(
        key=lambda c: (
            -c.articles,
            -(c.last_seen or dt.date.min).toordinal(),
            c.actor.id,
        )
    )
    start = (page - 1) * limit
    return Page(tuple(found[start : start + limit]), len(found), page, limit)


def same_claim(session: Session, statement: StoredStatement) -> list[int]:
    """Other statements (latest versions) by the same speaker with the same claim."""
    row = session.get(StatementRow, statement.id)
    if row is None or not row.fingerprint or not statement.speakers:
        return []
    mine = frozenset(row.claim_tokens.split())
    actor_ids = [s.id for s in statement.speakers]
    candidates = session.execute(
        select(StatementRow.id, StatementRow.fingerprint, StatementRow.claim_tokens)
        .join(StatementSpeakerRow, StatementSpeakerRow.statement_id == StatementRow.id)
        .where(
            StatementSpeakerRow.actor_id.in_(actor_ids),
            StatementRow.id != statement.id,
            StatementRow.fingerprint != "",
            StatementRow.latest,
        )
        .order_by(StatementRow.date, StatementRow.id)
    ).all()
    out = []
    for other_id, printed, tokens in candidates:
        if (
            printed == row.fingerprint
            or claims_lib.jaccard(set(mine), set(tokens.split()))
            >= claims_lib.MIN_OVERLAP
        ):
            out.append(other_id)
    return list(dict.fromkeys(out))
