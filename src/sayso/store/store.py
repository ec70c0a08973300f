"""``Store``: the archive of articles, statements and actors, as a Python API.

The command line and the web app use this class and nothing below it::

    from sayso import Store

    store = Store("sqlite:///sayso.db")          # or postgresql://…, or $SAYSO_DB
    added = store.add_extraction(extraction)     # one transaction per article
    page = store.find_statements(speaker="Rubio", text="Sanktionen", since=...)
    for hit in page.items:
        print(hit.id, hit.statement.speaker, hit.role_text("message"))

Every method returns frozen records from :mod:`sayso.store.records`; every
database problem is raised as :class:`~sayso.errors.StoreError` saying what to
do. See ``docs/archive.md`` for the schema and the guarantees.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Literal

from alembic.util import CommandError
from sqlalchemy import exc, func, select, update
from sqlalchemy.orm import Session

from sayso.actors import (
    NameContext,
    clean_name,
    last_key,
    name_key,
    speaker_name,
)
from sayso.errors import ConfigError, StoreError
from sayso.model import Article, Extraction, Kind, Statement
from sayso.store import migrate as migrations
from sayso.store import queries, registry
from sayso.store.engine import (
    WRITE,
    database_url,
    describe,
    make_engine,
    parse_url,
    sqlite_path,
    translated,
    wait_timeout,
)
from sayso.store.identity import canonical_url, content_hash, identity_key, sha256
from sayso.store.records import (
    ActorSummary,
    ActorView,
    Added,
    ArticleView,
    Chain,
    Claim,
    FailureRecord,
    NotFoundError,
    Order,
    Page,
    Run,
    StatementQuery,
    Stats,
    StoredStatement,
)
from sayso.store.rows import (
    article_ref,
    check_article,
    clean_field,
    load_statements,
    statement_row,
)
from sayso.store.schema import (
    ActorRoleRow,
    ActorRow,
    ArticleRow,
    FailureRow,
    FeedRow,
    RunRow,
    StatementRow,
    StatementSpeakerRow,
)

log = logging.getLogger(__name__)

ExportFormat = Literal["jsonl", "csv", "parquet"]


class Store:
    """An archive in SQLite (one file, the default) or PostgreSQL.

    ``url`` is a SQLAlchemy URL or a file path; None means ``$SAYSO_DB`` or
    ``sqlite:///sayso.db``. A new database gets the schema at once; one made by
    an older sayso must be upgraded first (``migrate=True`` or
    ``sayso db upgrade``). ``read_only`` opens it for queries only (the web app
    does so unless writes are allowed); ``timeout`` is how many seconds a
    writer waits for another's lock (default ``$SAYSO_DB_TIMEOUT`` or 30).
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        read_only: bool = False,
        migrate: bool = False,
        create: bool = True,
        timeout: float | None = None,
    ) -> None:
        self.url = database_url(url)
        timeout = wait_timeout() if timeout is None else timeout
        self.read_only = read_only
        _must_exist(self.url, read_only or not create)
        self.engine = make_engine(self.url, read_only=read_only, timeout=timeout)
        self._writer = self.engine.execution_options(**{WRITE: True})
        try:
            self._prepare(migrate=migrate, create=create)
        except BaseException:
            self.engine.dispose()  # no connection left open by a refused database
            raise

    # -- lifecycle ---------------------------------------------------------

    def _prepare(self, *, migrate: bool, create: bool) -> None:
        where = describe(self.url)
        with translated(self.url, "open the database"):
            current = _revision(self.engine)
        head = migrate_head()
        if current == head:
            return
        if current is None:
            with translated(self.url, "open the database"):
                foreign = migrate_has_tables(self.engine)
            if foreign:
                raise StoreError(
                    f"{where} holds tables but no sayso schema; give an empty or "
                    "a sayso database with --db"
                )
            if self.read_only or not create:
                raise StoreError(
                    f"{where} has no sayso schema yet; run `sayso db init --db URL`"
                )
        elif not _known(current):
            raise StoreError(
                f"{where} is at schema revision {current}, newer than this sayso "
                f"knows ({head}); upgrade sayso"
            )
        elif not migrate:
            raise StoreError(
                f"{where} is at schema revision {current}, this sayso needs {head}: "
                "back it up, then run `sayso db upgrade --db URL`"
            )
        if self.read_only:
            raise StoreError(f"{where} needs a migration but was opened read-only")
        with translated(self.url, "migrate the database"):
            migrations.upgrade(self.engine)

    def revision(self) -> str | None:
        """The schema revision of the database."""
        with translated(self.url, "read the schema revision"):
            return _revision(self.engine)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({describe(self.url)!r})"

    @contextmanager
    def _read(self, action: str) -> Iterator[Session]:
        with translated(self.url, action), Session(self.engine) as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def _write(self, action: str) -> Iterator[Session]:
        if self.read_only:
            raise StoreError(
                f"cannot {action}: {describe(self.url)} was opened read-only"
            )
        with (
            translated(self.url, action),
            Session(self._writer) as session,
            session.begin(),
        ):
            yield session

    # -- writing -------------------------------------------------------------

    def add_extraction(
        self,
        extraction: Extraction,
        *,
        author: str | None = None,
        origin: str | None = None,
        run_id: int | None = None,
        date_expressions: Mapping[str, str] | None = None,
    ) -> Added:
        """Store an article with all its statements in one transaction.

        An article already stored (same canonical URL and text, or same text
        without URL) is not written again (``outcome="duplicate"``); other text
        under a stored URL becomes a new version (``outcome="version"``), the
        old one kept. ``date_expressions`` maps statement ids to the text that
        dated them (``am Sonntag``).
        """
        return self.add_article(
            extraction.article,
            extraction.statements,
            author=author,
            origin=origin,
            run_id=run_id,
            date_expressions=date_expressions,
        )

    def add_article(
        self,
        article: Article,
        statements: Sequence[Statement] = (),
        *,
        author: str | None = None,
        origin: str | None = None,
        run_id: int | None = None,
        date_expressions: Mapping[str, str] | None = None,
    ) -> Added:
        """Like :meth:`add_extraction`, from an article and its statements."""
        check_article(article, statements)
        for attempt in range(3):
            try:
                with self._write(f"store article {article.id[:80]!r}") as session:
                    return self._add(
                        session,
                        article,
                        statements,
                        author=author,
                        origin=origin,
                        run_id=run_id,
                        dates=date_expressions or {},
                    )
            except StoreError as err:
                # Another writer stored the same article or actor meanwhile: retry,
                # which then finds the duplicate.
                if not isinstance(err.__cause__, exc.IntegrityError) or attempt == 2:
                    raise
                log.debug("retrying after a concurrent write: %s", err)
        raise AssertionError("unreachable")  # pragma: no cover

    def known(self, article: Article) -> Added | None:
        """The stored copy of ``article`` if it is stored already (nothing written)."""
        ident = identity_key(article.url, article.text)
        chash = content_hash(article.text)
        with self._read("look up an article") as session:
            row = session.execute(
                select(
                    ArticleRow.id, ArticleRow.version, ArticleRow.statement_count
                ).where(
                    ArticleRow.identity_key == ident, ArticleRow.content_hash == chash
                )
            ).first()
        if row is None:
            return None
        return Added("duplicate", row[0], row[1], row[2])

    def has_url(self, url: str) -> bool:
        """Whether an article with this (canonical) URL is stored."""
        ident = sha256("url:" + canonical_url(url))
        with self._read("look up a URL") as session:
            found = session.scalar(
                select(ArticleRow.id).where(ArticleRow.identity_key == ident).limit(1)
            )
        return found is not None

    def _add(
        self,
        session: Session,
        article: Article,
        statements: Sequence[Statement],
        *,
        author: str | None,
        origin: str | None,
        run_id: int | None,
        dates: Mapping[str, str],
    ) -> Added:
        ident = identity_key(article.url, article.text)
        chash = content_hash(article.text)
        stored = session.execute(
            select(
                ArticleRow.id,
                ArticleRow.version,
                ArticleRow.content_hash,
                ArticleRow.latest,
                ArticleRow.statement_count,
            ).where(ArticleRow.identity_key == ident)
        ).all()
        for row_id, version, stored_hash, _latest, count in stored:
            if stored_hash == chash:
                return Added("duplicate", row_id, version, count)
        previous = max(stored, key=lambda r: r[1], default=None)
        row = ArticleRow(
            key=clean_field(article.id, "key") or "article",
            identity_key=ident,
            content_hash=chash,
            version=previous[1] + 1 if previous else 1,
            previous_id=previous[0] if previous else None,
            latest=True,
            url=clean_field(article.url, "url"),
            canonical_url=canonical_url(article.url) if article.url else None,
            title=clean_field(article.title, "title"),
            outlet=clean_field(article.outlet, "outlet"),
            author=clean_field(author, "author"),
            published=article.published,
            language=clean_field(article.language, "language"),
            origin=clean_field(origin, "origin"),
            text=article.text,
            statement_count=len(statements),
            run_id=run_id,
        )
        session.add(row)
        session.flush()
        if previous:
            older = select(ArticleRow.id).where(
                ArticleRow.identity_key == ident, ArticleRow.id != row.id
            )
            session.execute(
                update(ArticleRow)
                .where(ArticleRow.identity_key == ident, ArticleRow.id != row.id)
                .values(latest=False)
            )
            # Statements carry the flag too (searches read it from there).
            session.execute(
                update(StatementRow)
                .where(StatementRow.article_id.in_(older), StatementRow.latest)
                .values(latest=False)
                .execution_options(synchronize_session=False)
            )
        self._add_statements(session, row, article, statements, dates)
        outcome: Literal["added", "version"] = "version" if previous else "added"
        return Added(outcome, row.id, row.version, len(statements))

    def _add_statements(
        self,
        session: Session,
        row: ArticleRow,
        article: Article,
        statements: Sequence[Statement],
        dates: Mapping[str, str],
    ) -> None:
        rows = [statement_row(s, row.id, dates.get(s.id)) for s in statements]
        session.add_all(rows)
        session.flush()
        by_local = {r.local_id: r for r in rows}
        for statement_row_ in rows:
            if statement_row_.parent_local_id is not None:
                statement_row_.parent_id = by_local[statement_row_.parent_local_id].id
        context = NameContext(_names_in(statements))
        with session.no_autoflush:
            self._add_speakers(session, row, article, statements, rows, context)
        session.flush()

    def _add_speakers(
        self,
        session: Session,
        row: ArticleRow,
        article: Article,
        statements: Sequence[Statement],
        rows: Sequence[StatementRow],
        context: NameContext,
    ) -> None:
        """File each statement under its speakers' actors; record their roles."""
        resolved: dict[str, int | None] = {}
        for statement, srow in zip(statements, rows, strict=True):
            names = list(statement.speakers) or [""]
            source = " ".join(span.text for span in statement.source)
            position = 0
            for given in names:
                name = speaker_name(given or None, source)
                if not name:
                    continue
                name = context.expand(name)
                if name not in resolved:
                    resolved[name] = registry.resolve(session, name)
                actor_id = resolved[name]
                if actor_id is None:
                    continue
                session.add(
                    StatementSpeakerRow(
                        statement_id=srow.id,
                        position=position,
                        mention=clean_name(given or source) or name,
                        key=name_key(name),
                        actor_id=actor_id,
                    )
                )
                position += 1
                if len(names) == 1 and source:
                    registry.add_role(
                        session,
                        actor_id,
                        source,
                        name,
                        seen=statement.date or article.published,
                        article_id=row.id,
                    )

    # -- runs, failures, feeds -------------------------------------------

    def start_run(self, command: str) -> int:
        """Open a run (an ingest or a watch pass); failures and articles point to it."""
        with self._write("start a run") as session:
            run = RunRow(
                command=clean_field(command, "origin") or "run",
                added=0,
                versions=0,
                duplicates=0,
                failed=0,
                statements=0,
            )
            session.add(run)
            session.flush()
            return run.id

    def finish_run(self, run_id: int, counts: Mapping[str, int]) -> None:
        """Record what a run did (``added``, ``versions``, ``duplicates``, ``failed``,
        ``statements``) and when it ended."""
        values: dict[str, Any] = {
            k: int(v)
            for k, v in counts.items()
            if k in ("added", "versions", "duplicates", "failed", "statements")
        }
        values["finished_at"] = dt.datetime.now(dt.UTC)
        with self._write("finish a run") as session:
            session.execute(update(RunRow).where(RunRow.id == run_id).values(**values))
        self.optimize()

    def optimize(self) -> None:
        """Refresh the query planner's statistics (SQLite; PostgreSQL does it itself).

        Cheap (a sample of each index); the ingest calls it after every run.
        """
        if self.read_only or self.engine.dialect.name != "sqlite":
            return
        with (
            translated(self.url, "update the planner's statistics"),
            self._writer.connect() as conn,
        ):
            conn.exec_driver_sql("PRAGMA analysis_limit = 1000")
            conn.exec_driver_sql("ANALYZE")
            conn.commit()

    def runs(self, *, limit: int = 20) -> tuple[Run, ...]:
        """The latest runs, newest first."""
        with self._read("list runs") as session:
            rows = session.scalars(
                select(RunRow).order_by(RunRow.id.desc()).limit(limit)
            ).all()
            return tuple(
                Run(
                    r.id,
                    r.command,
                    _aware(r.started_at),
                    _aware(r.finished_at) if r.finished_at else None,
                    r.added,
                    r.versions,
                    r.duplicates,
                    r.failed,
                    r.statements,
                )
                for r in rows
            )

    def record_failure(
        self,
        origin: str,
        error: str,
        message: str,
        *,
        item: str | None = None,
        run_id: int | None = None,
    ) -> int:
        """Record an input that could not be ingested; returns the failure id."""
        with self._write("record a failure") as session:
            row = FailureRow(
                run_id=run_id,
                origin=clean_field(origin, "origin") or "?",
                item=clean_field(item, "origin"),
                error=clean_field(error, "key") or "Error",
                message=clean_field(message, "title") or "",
            )
            session.add(row)
            session.flush()
            return row.id

    def failures(
        self, *, run_id: int | None = None, page: int = 1, limit: int = 50
    ) -> Page[FailureRecord]:
        """Recorded failures, newest first; ``run_id`` keeps one run's."""
        _check_paging(page, limit)
        with self._read("list failures") as session:
            stmt = select(FailureRow)
            if run_id is not None:
                stmt = stmt.where(FailureRow.run_id == run_id)
            total = session.scalar(select(func.count()).select_from(stmt.subquery()))
            rows = session.scalars(
                stmt.order_by(FailureRow.id.desc())
                .limit(limit)
                .offset((page - 1) * limit)
            ).all()
            items = tuple(
                FailureRecord(
                    r.id,
                    r.run_id,
                    r.origin,
                    r.item,
                    r.error,
                    r.message,
                    _aware(r.created_at),
                )
                for r in rows
            )
        return Page(items, total or 0, page, limit)

    def feed_state(self, url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified that the feed at ``url`` last answered with."""
        with self._read("read a feed's state") as session:
            row = session.get(FeedRow, sha256(url))
            return (row.etag, row.last_modified) if row else (None, None)

    def save_feed_state(
        self,
        url: str,
        *,
        etag: str | None,
        last_modified: str | None,
        status: int,
        entries: int,
    ) -> None:
        """Remember a feed's validators for the next conditional request."""
        with self._write("save a feed's state") as session:
            row = session.get(FeedRow, sha256(url))
            if row is None:
                row = FeedRow(url_key=sha256(url), url=url, entries_seen=0)
                session.add(row)
            row.etag = clean_field(etag, "origin")
            row.last_modified = clean_field(last_modified, "origin")
            row.status = status
            row.checked_at = dt.datetime.now(dt.UTC)
            row.entries_seen = (row.entries_seen or 0) + entries

    # -- reading -------------------------------------------------------------

    def find_statements(
        self,
        query: StatementQuery | None = None,
        *,
        speaker: str | None = None,
        actor_id: int | None = None,
        since: dt.date | None = None,
        until: dt.date | None = None,
        kind: Kind | None = None,
        hearsay: bool | None = None,
        negated: bool | None = None,
        outlet: str | None = None,
        text: str | None = None,
        article_id: int | None = None,
        all_versions: bool = False,
        page: int = 1,
        limit: int = 50,
        order: Order = "-date",
    ) -> Page[StoredStatement]:
        """One page of statements matching the filters, and the total count.

        Give a :class:`StatementQuery` or the same fields as keywords (not
        both). Only the latest version of each article counts unless
        ``all_versions``.
        """
        if query is None:
            query = StatementQuery(
                speaker=speaker,
                actor_id=actor_id,
                since=since,
                until=until,
                kind=kind,
                hearsay=hearsay,
                negated=negated,
                outlet=outlet,
                text=text,
                article_id=article_id,
                all_versions=all_versions,
                page=page,
                limit=limit,
                order=order,
            )
        with self._read("search statements") as session:
            return queries.find_statements(session, query)

    def iter_statements(
        self, query: StatementQuery | None = None
    ) -> Iterator[StoredStatement]:
        """Every statement matching ``query`` (its page and order ignored), by id."""
        query = query or StatementQuery()
        with self._read("read statements") as session:
            for ids in queries.iter_statement_ids(session, query):
                yield from load_statements(session, ids)

    def get_statement(self, statement_id: int) -> StoredStatement:
        """One statement by its archive id."""
        with self._read("read a statement") as session:
            found = load_statements(session, [statement_id])
        if not found:
            raise NotFoundError(f"no statement {statement_id}")
        return found[0]

    def get_article(self, article_id: int) -> ArticleView:
        """One article version with its text and statements."""
        with self._read("read an article") as session:
            row = session.get(ArticleRow, article_id)
            if row is None:
                raise NotFoundError(f"no article {article_id}")
            ids = list(
                session.scalars(
                    select(StatementRow.id)
                    .where(StatementRow.article_id == article_id)
                    .order_by(StatementRow.id)
                )
            )
            return ArticleView(
                id=row.id,
                key=row.key,
                text=row.text,
                title=row.title,
                url=row.url,
                canonical_url=row.canonical_url,
                outlet=row.outlet,
                author=row.author,
                published=article_ref(row).published,
                language=row.language,
                version=row.version,
                previous_id=row.previous_id,
                latest=bool(row.latest),
                origin=row.origin,
                content_hash=row.content_hash,
                ingested_at=_aware(row.ingested_at),
                statements=tuple(load_statements(session, ids)),
            )

    def article_versions(self, article_id: int) -> tuple[int, ...]:
        """Ids of every version of the article, oldest first."""
        with self._read("list versions") as session:
            ident = session.scalar(
                select(ArticleRow.identity_key).where(ArticleRow.id == article_id)
            )
            if ident is None:
                raise NotFoundError(f"no article {article_id}")
            return tuple(
                session.scalars(
                    select(ArticleRow.id)
                    .where(ArticleRow.identity_key == ident)
                    .order_by(ArticleRow.version)
                )
            )

    def chain(self, statement_id: int) -> Chain:
        """The say-so chain: who reported the statement (up), what it reports (down)."""
        statement = self.get_statement(statement_id)
        with self._read("follow a say-so chain") as session:
            return queries.chain(session, statement)

    def same_claim(self, statement_id: int) -> tuple[StoredStatement, ...]:
        """Other reports of the same claim by the same speaker (other articles too)."""
        statement = self.get_statement(statement_id)
        with self._read("find a claim") as session:
            ids = queries.same_claim(session, statement)
            return tuple(load_statements(session, ids))

    def claims(
        self,
        query: StatementQuery | None = None,
        *,
        min_articles: int = 2,
        page: int = 1,
        limit: int = 50,
    ) -> Page[Claim]:
        """Messages reported for the same speaker in ``min_articles`` or more articles.

        ``query`` narrows the statements considered (speaker, dates, outlet,
        text …); claims are sorted by the number of articles, most first.
        """
        _check_paging(page, limit)
        if min_articles < 1:
            raise ConfigError(f"min_articles {min_articles}: give 1 or more")
        with self._read("group claims") as session:
            return queries.claims(
                session,
                query or StatementQuery(),
                min_articles=min_articles,
                page=page,
                limit=limit,
            )

    def get_actor(self, actor: int | str) -> ActorView:
        """An actor by id or by any spelling of its name."""
        with self._read("read an actor") as session:
            actor_id = registry.one(session, actor)
            return queries.actor_view(session, actor_id)

    def find_actors(
        self, name: str | None = None, *, page: int = 1, limit: int = 50
    ) -> Page[ActorSummary]:
        """Actors (all, or those matching ``name``), most statements first."""
        _check_paging(page, limit)
        with self._read("list actors") as session:
            return queries.find_actors(session, name, page=page, limit=limit)

    def stats(self) -> Stats:
        """Counts: articles (latest versions), statements in them, actors, failures."""
        with self._read("count") as session:
            articles = session.scalar(
                select(func.count()).where(ArticleRow.latest.is_(True))
            )
            statements = queries.latest_statements(session)
            actors = session.scalar(
                select(func.count()).where(ActorRow.merged_into.is_(None))
            )
            failures = session.scalar(select(func.count()).select_from(FailureRow))
        return Stats(articles or 0, statements or 0, actors or 0, failures or 0)

    # -- actors ------------------------------------------------------------

    def add_aliases(self, actor: int | str, aliases: Sequence[str]) -> ActorView:
        """Give an actor more spellings (``Selensky``, ``Zelenskyy``)."""
        with self._write("add aliases") as session:
            actor_id = registry.one(session, actor)
            registry.add_aliases(session, actor_id, aliases)
            return queries.actor_view(session, actor_id)

    def merge_actors(self, target: int | str, *others: int | str) -> ActorView:
        """Merge ``others`` into ``target``: their aliases and statements move."""
        if not others:
            raise ConfigError("name at least one actor to merge into the first")
        with self._write("merge actors") as session:
            target_id = registry.one(session, target)
            other_ids = [registry.one(session, o) for o in others]
            registry.merge(session, target_id, other_ids)
            return queries.actor_view(session, target_id)

    def split_actor(
        self, actor: int | str, aliases: Sequence[str], *, name: str | None = None
    ) -> ActorView:
        """Move some spellings of an actor, and their statements, to a new actor."""
        with self._write("split an actor") as session:
            actor_id = registry.one(session, actor)
            new_id = registry.split(session, actor_id, aliases, name=name)
            return queries.actor_view(session, new_id)

    def rename_actor(self, actor: int | str, name: str) -> ActorView:
        """Set an actor's display name."""
        with self._write("rename an actor") as session:
            actor_id = registry.one(session, actor)
            registry.rename(session, actor_id, name)
            return queries.actor_view(session, actor_id)

    def load_aliases(self, path: str | Path) -> list[ActorView]:
        """Apply an aliases file (see :mod:`sayso.store.aliases`) in one transaction."""
        from sayso.store.aliases import read_aliases

        entries = read_aliases(Path(path))
        touched: list[int] = []
        with self._write("apply an aliases file") as session:
            for entry in entries:
                ids: list[int] = []
                for spelling in (entry.name, *entry.aliases):
                    ids.extend(
                        m.id for m in registry.find(session, spelling) if m.exact
                    )
                ids = list(dict.fromkeys(ids))
                if ids:
                    target = ids[0]
                    if len(ids) > 1:
                        registry.merge(session, target, ids[1:])
                    registry.rename(session, target, entry.name)
                else:
                    target = registry.create(session, entry.name)
                registry.add_aliases(session, target, [entry.name, *entry.aliases])
                for role in entry.roles:
                    for seen in (role.since, role.until):
                        session.add(
                            ActorRoleRow(
                                actor_id=target,
                                role=clean_name(role.role),
                                seen=seen,
                                article_id=None,
                                origin="user",
                            )
                        )
                touched.append(target)
            session.flush()
            return [queries.actor_view(session, i) for i in dict.fromkeys(touched)]

    # -- export ------------------------------------------------------------

    def export(
        self,
        out: str | Path,
        *,
        format: ExportFormat = "jsonl",
        query: StatementQuery | None = None,
    ) -> int:
        """Write the statements matching ``query`` to ``out``; returns how many."""
        from sayso.store.export import export_statements

        return export_statements(self.iter_statements(query), Path(out), format)


def migrate_head() -> str:
    return migrations.head_revision()


def migrate_has_tables(engine: Any) -> bool:
    return migrations.has_tables(engine)


def _revision(engine: Any) -> str | None:
    return migrations.current_revision(engine)


def _known(revision: str) -> bool:
    from alembic.script import ScriptDirectory

    try:
        script = ScriptDirectory.from_config(migrations.alembic_config())
        return script.get_revision(revision) is not None
    except CommandError:
        return False


def _names_in(statements: Sequence[Statement]) -> list[str]:
    """The names an article gives (speakers, names in sources): last-name context."""
    names: list[str] = []
    for statement in statements:
        names.extend(statement.speakers)
        source = " ".join(span.text for span in statement.source)
        if source:
            name = speaker_name(None, source)
            if name:
                names.append(name)
    return [n for n in names if last_key(n)]


def _must_exist(url: str, required: bool) -> None:
    """A SQLite file that must be there is, before connecting would create it."""
    if not required:
        return
    parsed = parse_url(url)
    if parsed.get_backend_name() != "sqlite":
        return
    path = sqlite_path(parsed)
    if path is not None and not Path(path).exists():
        raise StoreError(
            f"database {path} does not exist; ingest something first, or give "
            "--db (or $SAYSO_DB)"
        )


def _check_paging(page: int, limit: int) -> None:
    StatementQuery(page=page, limit=limit)


def _aware(value: dt.datetime) -> dt.datetime:
    """SQLite hands back naive datetimes; they were stored in UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
