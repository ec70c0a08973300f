"""Read queries: statements by filter and text, chains, actors, claims.

Each function takes an open session and returns records (never rows).
The statement filters are built once here for listing, counting, exporting
and claims, so the command line and the web app cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any, Final

from sqlalchemy import (
    ColumnElement,
    Select,
    bindparam,
    column,
    false,
    func,
    literal_column,
    select,
    table,
    text,
    true,
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
from sayso.store.search import TextQuery, parse_query, to_fts5, to_tsquery

#: How deep a say-so chain is followed (guards against cycles in bad data).
MAX_DEPTH = 50


def escape_like(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def statement_ids(
    session: Session, query: StatementQuery
) -> tuple[Select[Any], ColumnElement[Any] | None] | None:
    """A ``SELECT statements.id …`` for the query's filters, and a rank to sort by.

    None when the filters cannot match (a speaker no actor answers to). Every
    condition is on ``statements`` itself or a subquery of ids, so the planner
    can answer from the covering indexes (see the 0003 migration).
    """
    built = _conditions(session, query)
    if built is None:
        return None
    conditions, text_query = built
    stmt: Select[Any] = select(StatementRow.id)
    rank: ColumnElement[Any] | None = None
    if text_query is not None:
        if session.get_bind().dialect.name == "sqlite":
            expression = to_fts5(text_query)
            # The MATCH runs once, as a list the planner can drive from or probe;
            # a plain join would re-run it for every candidate row.
            conditions.append(StatementRow.id.in_(_fts_rowids(expression)))
            if query.order == "relevance":
                fts = table("statements_fts", column("rowid"), column("rank"))
                ranked = (
                    select(fts.c.rowid.label("rowid"), fts.c.rank.label("rank"))
                    .where(
                        text("statements_fts MATCH :fts_rank_query").bindparams(
                            fts_rank_query=expression
                        )
                    )
                    .cte("fts")
                    .prefix_with("MATERIALIZED")
                )
                stmt = stmt.join(ranked, ranked.c.rowid == StatementRow.id)
                rank = ranked.c.rank
        else:
            tsquery = func.to_tsquery(
                literal_column("'simple'::regconfig"),
                bindparam("ts_query", to_tsquery(text_query)),
            )
            search: ColumnElement[Any] = literal_column("statements.search")
            conditions.append(search.op("@@")(tsquery))
            rank = -func.ts_rank(search, tsquery)
    return stmt.where(*conditions), rank


def _fts_rowids(expression: str) -> Select[Any]:
    fts = table("statements_fts", column("rowid"))
    return select(fts.c.rowid).where(
        text("statements_fts MATCH :fts_query").bindparams(fts_query=expression)
    )


def _conditions(
    session: Session, query: StatementQuery
) -> tuple[list[ColumnElement[bool]], TextQuery | None] | None:
    """The filters other than full text, on ``statements`` (None: nothing matches),
    and the parsed text query."""
    conditions: list[ColumnElement[bool]] = []
    if not query.all_versions:
        conditions.append(StatementRow.latest == true())
    actors: set[int] | None = None
    if query.speaker:
        actors = {m.id for m in registry.find(session, query.speaker)}
    if query.actor_id is not None:
        wanted = {registry.live(session, query.actor_id)}
        actors = wanted if actors is None else actors & wanted
    if actors is not None:
        if not actors:
            return None
        conditions.append(
            StatementRow.id.in_(
                select(StatementSpeakerRow.statement_id).where(
                    StatementSpeakerRow.actor_id.in_(sorted(actors))
                )
            )
        )
    if query.since is not None:
        conditions.append(StatementRow.date >= query.since)
    if query.until is not None:
        conditions.append(StatementRow.date <= query.until)
    if query.kind is not None:
        conditions.append(StatementRow.kind == query.kind)
    if query.hearsay is not None:
        conditions.append(StatementRow.hearsay == _bool(query.hearsay))
    if query.negated is not None:
        conditions.append(StatementRow.negated == _bool(query.negated))
    if query.outlet:
        # The outlet's articles first (a scan of the small outlet index), then
        # their statements through (article_id, latest, date).
        pattern = "%" + escape_like(query.outlet.lower()) + "%"
        outlet: ColumnElement[Any] = ArticleRow.outlet.expression
        if session.get_bind().dialect.name != "sqlite":
            # SQLite's LIKE ignores case just as far as its lower() folds it
            # (ASCII letters), so lower() would only cost time there.
            outlet = func.lower(outlet)
        articles = select(ArticleRow.id).where(outlet.like(pattern, escape="\\"))
        if not query.all_versions:
            articles = articles.where(ArticleRow.latest == true())
        conditions.append(StatementRow.article_id.in_(articles))
    if query.article_id is not None:
        conditions.append(StatementRow.article_id == query.article_id)
    return conditions, parse_query(query.text) if query.text else None


def _bool(value: bool) -> ColumnElement[bool]:
    return true() if value else false()


#: Above this many full-text matches, a text-only search on SQLite pages
#: through the date index (probing the matches) instead of sorting them all,
#: and takes its total from the full-text index.
BROAD_MATCHES: Final = 2000


def find_statements(session: Session, query: StatementQuery) -> Page[StoredStatement]:
    built = statement_ids(session, query)
    if built is None:
        return Page((), 0, query.page, query.limit)
    stmt, rank = built
    order: tuple[ColumnElement[Any], ...]
    if query.order == "relevance" and rank is not None:
        order = (rank, StatementRow.date.desc(), StatementRow.id.desc())
    elif query.order == "date":
        order = (StatementRow.date.asc().nulls_last(), StatementRow.id.asc())
    else:
        order = (StatementRow.date.desc().nulls_last(), StatementRow.id.desc())
    sqlite = session.get_bind().dialect.name == "sqlite"
    ids: list[int] | None = None
    total: int | None = None
    if sqlite and _text_only(query) and query.order != "relevance":
        found = _broad_text(session, query)
        if found is not None:
            ids, total = found
    if ids is None and _narrow(query):
        # Few matches (a text, a speaker, an outlet …): the sort reads them all
        # anyway, so the page and the total come in one pass.
        rows = session.execute(
            stmt.add_columns(func.count().over())
            .order_by(*order)
            .limit(query.limit)
            .offset(query.offset)
        ).all()
        ids = [row[0] for row in rows]
        total = int(rows[0][1]) if rows else None
    elif ids is None:
        # Broad filters (kind, flags, dates): the covering indexes yield the page
        # in order without sorting every match, and count without reading rows.
        ids = list(
            session.scalars(
                stmt.order_by(*order).limit(query.limit).offset(query.offset)
            )
        )
    if total is None:
        total = _count(session, query, stmt)
    return Page(tuple(load_statements(session, ids)), total, query.page, query.limit)


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


def _count(session: Session, query: StatementQuery, stmt: Select[Any]) -> int:
    """How many statements ``stmt`` selects."""
    if session.get_bind().dialect.name == "sqlite" and query == StatementQuery(
        page=query.page, limit=query.limit, order=query.order
    ):
        # Everything there is, less the superseded versions: SQLite counts a
        # whole table from its smallest index, and superseded statements are
        # an index range of their own.
        every = session.scalar(select(func.count()).select_from(StatementRow)) or 0
        return every - _superseded(session)
    return session.scalar(select(func.count()).select_from(stmt.subquery())) or 0


def _superseded(session: Session) -> int:
    """How many statements belong to article versions that are not the latest."""
    return (
        session.scalar(
            select(func.count())
            .select_from(StatementRow)
            .where(StatementRow.latest == false())
        )
        or 0
    )


_WALK: Final = {
    "-date": "date DESC NULLS LAST, id DESC",
    "date": "date ASC NULLS LAST, id ASC",
}


def _broad_text(
    session: Session, query: StatementQuery
) -> tuple[list[int], int] | None:
    """Page and total of a text-only query with many matches (SQLite), or None
    for few matches, which the general path sorts at less cost.

    The total is the full-text index's count of matches (no row read), less
    the matches in superseded versions; the page comes from walking the
    (latest, date) index newest first and probing the matches, which stops
    after the page instead of sorting thousands of rows.
    """
    assert query.text is not None
    expression = to_fts5(parse_query(query.text))
    matches = (
        session.scalar(
            text(
                "SELECT count(*) FROM statements_fts WHERE statements_fts MATCH :q"
            ).bindparams(q=expression)
        )
        or 0
    )
    if matches <= BROAD_MATCHES:
        return None
    total = matches
    latest = ""
    if not query.all_versions:
        latest = "latest = 1 AND "
        if _superseded(session):
            total -= (
                session.scalar(
                    text(
                        "SELECT count(*) FROM statements "
                        "INDEXED BY ix_statements_latest_date WHERE latest = 0 "
                        "AND id IN (SELECT rowid FROM statements_fts "
                        "WHERE statements_fts MATCH :q)"
                    ).bindparams(q=expression)
                )
                or 0
            )
    index = (
        "ix_statements_latest_date" if not query.all_versions else "ix_statements_date"
    )
    rows = session.scalars(
        text(
            f"SELECT id FROM statements INDEXED BY {index} WHERE {latest}"
            "id IN (SELECT rowid FROM statements_fts WHERE statements_fts MATCH :q) "
            f"ORDER BY {_WALK[query.order]} LIMIT :limit OFFSET :offset"
        ).bindparams(q=expression, limit=query.limit, offset=query.offset)
    )
    return [int(i) for i in rows], total


def iter_statement_ids(
    session: Session, query: StatementQuery, *, batch: int = 1000
) -> Iterator[list[int]]:
    """All matching ids in batches, by id (keyset paging: no OFFSET cost)."""
    built = statement_ids(session, query)
    if built is None:
        return
    stmt, _ = built
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
        .join(ArticleRow, ArticleRow.id == StatementRow.article_id)
        .where(StatementSpeakerRow.actor_id == actor_id, ArticleRow.latest.is_(True))
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
        .join(ArticleRow, ArticleRow.id == StatementRow.article_id)
        .where(ArticleRow.latest.is_(True))
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
    built = statement_ids(session, query)
    if built is None:
        return Page((), 0, page, limit)
    stmt, _ = built
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
        .join(ArticleRow, ArticleRow.id == StatementRow.article_id)
        .where(
            StatementSpeakerRow.actor_id.in_(actor_ids),
            StatementRow.id != statement.id,
            StatementRow.fingerprint != "",
            ArticleRow.latest.is_(True),
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
