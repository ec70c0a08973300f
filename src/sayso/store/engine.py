"""Opening a database: URLs, SQLite settings, and errors people can act on.

SQLite runs in WAL mode (readers never wait for the writer) with foreign keys
on and a busy timeout; writing transactions start with ``BEGIN IMMEDIATE``
so two writers queue instead of failing halfway. PostgreSQL URLs are routed
to psycopg 3.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Final

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import QueuePool, StaticPool

from sayso.errors import ConfigError, StoreError

log = logging.getLogger(__name__)

#: The database used when neither ``--db`` nor ``SAYSO_DB`` names one.
DEFAULT_URL: Final = "sqlite:///sayso.db"
#: Seconds a writer waits for another process's lock before giving up.
DEFAULT_TIMEOUT: Final = 30.0
WRITE: Final = "sayso_write"


def wait_timeout() -> float:
    """Seconds to wait for a lock: ``$SAYSO_DB_TIMEOUT``, else 30."""
    text = os.environ.get("SAYSO_DB_TIMEOUT", "").strip()
    if not text:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        raise ConfigError(
            f"SAYSO_DB_TIMEOUT={text[:20]!r}: give a number of seconds"
        ) from None
    if seconds < 0:
        raise ConfigError(f"SAYSO_DB_TIMEOUT={text!r}: give 0 or more seconds")
    return seconds


def database_url(url: str | None = None) -> str:
    """The URL to use: ``url``, else ``$SAYSO_DB``, else ``sqlite:///sayso.db``.

    A plain file path means a SQLite file; ``postgresql://`` means psycopg 3.
    """
    text = (url or os.environ.get("SAYSO_DB") or DEFAULT_URL).strip()
    if "://" not in text:
        return f"sqlite:///{Path(text).expanduser()}"
    scheme, _, rest = text.partition("://")
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return text


def parse_url(url: str) -> URL:
    """``url`` parsed; a :class:`ConfigError` that shows how one looks otherwise."""
    try:
        return make_url(url)
    except (exc.ArgumentError, ValueError) as err:
        raise ConfigError(
            f"database URL {describe(url)!r} cannot be read ({err}); give e.g. "
            "sqlite:///sayso.db or postgresql://user@host/db"
        ) from None


def describe(url: str | URL) -> str:
    """The URL with any password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (exc.ArgumentError, ValueError):
        return "<unreadable URL>"


def sqlite_path(url: URL) -> str | None:
    """The file of a SQLite URL, or None for an in-memory database."""
    database = url.database
    if not database or database == ":memory:" or "mode=memory" in str(url):
        return None
    if database.startswith("file:") and url.query.get("uri"):
        return database.removeprefix("file:").partition("?")[0]
    return database


def make_engine(
    url: str, *, read_only: bool = False, timeout: float = DEFAULT_TIMEOUT
) -> Engine:
    """An engine for ``url`` (already passed through :func:`database_url`)."""
    parsed = parse_url(url)
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        return _sqlite_engine(parsed, read_only=read_only, timeout=timeout)
    if backend == "postgresql":
        args: dict[str, Any] = {"connect_timeout": max(1, int(timeout))}
        if read_only:
            given = parsed.query.get("options") or ""
            extra = given if isinstance(given, str) else " ".join(given)
            args["options"] = f"{extra} -c default_transaction_read_only=on".strip()
        try:
            return create_engine(parsed, pool_pre_ping=True, connect_args=args)
        except ImportError as err:
            raise ConfigError(
                f"PostgreSQL needs psycopg: pip install 'sayso[postgres]' ({err})"
            ) from None
    raise ConfigError(
        f"database {describe(parsed)}: only SQLite and PostgreSQL are supported"
    )


def _sqlite_engine(url: URL, *, read_only: bool, timeout: float) -> Engine:
    path = sqlite_path(url)
    args: dict[str, Any] = {"timeout": timeout, "check_same_thread": False}
    if path is None:
        engine = create_engine("sqlite://", connect_args=args, poolclass=StaticPool)
    else:
        file = Path(path)
        if not read_only and not file.parent.exists():
            raise StoreError(
                f"cannot create the database {path}: the folder {file.parent} "
                "does not exist; create it or give another --db"
            )
        if read_only:
            target = f"file:{file.resolve()}?mode=ro"
            args["uri"] = True
            # A pool of reusable connections, as for a file URL: "sqlite://"
            # alone would get one connection per thread, closed and reopened
            # (cold caches) once more than five threads read.
            engine = create_engine(
                "sqlite://",
                connect_args=args,
                creator=_creator(target, args),
                poolclass=QueuePool,
            )
        elif url.query.get("uri"):
            # A SQLite URI (``sqlite:///file:a.db?mode=ro&uri=true``) as given.
            read_only = read_only or url.query.get("mode") == "ro"
            engine = create_engine(url, connect_args=args)
        else:
            engine = create_engine(
                URL.create("sqlite", database=path), connect_args=args
            )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: object) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_conn.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            cursor.execute("PRAGMA foreign_keys = ON")
            if path is not None and not read_only:
                cursor.execute("PRAGMA journal_mode = WAL")
                cursor.execute("PRAGMA synchronous = NORMAL")
        finally:
            cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        writing = conn.get_execution_options().get(WRITE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")

    return engine


def _creator(target: str, args: dict[str, Any]) -> Any:
    def connect() -> sqlite3.Connection:
        return sqlite3.connect(
            target, uri=True, timeout=args["timeout"], check_same_thread=False
        )

    return connect


@contextmanager
def translated(url: str, action: str) -> Iterator[None]:
    """Turn database errors raised inside into :class:`StoreError` with advice."""
    try:
        yield
    except exc.SQLAlchemyError as err:
        raise store_error(err, url, action) from err
    except sqlite3.Error as err:
        raise store_error(err, url, action) from err


def store_error(err: BaseException, url: str, action: str) -> StoreError:
    """A :class:`StoreError` that says what failed on which database and what to do."""
    where = describe(url)
    original = getattr(err, "orig", None) or err
    text = str(original).strip().splitlines()[0] if str(original).strip() else ""
    lowered = text.lower()
    if "database is locked" in lowered or "database table is locked" in lowered:
        advice = (
            "another process holds the database's write lock; wait for it to "
            "finish (or stop it) and run the command again"
        )
    elif "readonly database" in lowered or "read-only" in lowered:
        advice = (
            "the database is read-only; give a database you may write to with "
            "--db, or fix the file's permissions"
        )
    elif "unable to open database" in lowered:
        advice = "check that the file and its folder exist and may be written"
    elif "file is not a database" in lowered or "malformed" in lowered:
        advice = (
            "the file is not a sayso database (or it is damaged); give another --db"
        )
    elif "no such table" in lowered or "undefinedtable" in lowered:
        advice = "the database has no sayso schema; run `sayso db init --db URL`"
    elif "connection" in lowered and ("refused" in lowered or "failed" in lowered):
        advice = "is the PostgreSQL server running and reachable at this address?"
    elif "disk" in lowered and "full" in lowered:
        advice = "the disk is full; free some space and run the command again"
    else:
        advice = "nothing was written by the failed step; run with -v for details"
    detail = f" ({text[:300]})" if text else ""
    return StoreError(f"cannot {action} on {where}{detail}: {advice}")
