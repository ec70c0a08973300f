"""Hand-built articles and statements for the archive tests (our own texts)."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import pytest

from sayso.model import Article, CharSpan, Kind, Producer, Statement
from sayso.store import Store

POSTGRES_ENV = "SAYSO_TEST_POSTGRES"


def span(text: str, part: str, start: int = 0) -> CharSpan:
    """The span of ``part`` in ``text`` (first occurrence at or after ``start``)."""
    at = text.index(part, start)
    return CharSpan.of(text, at, at + len(part))


def statement(
    text: str,
    *,
    id: str = "s1",  # the model's own field name
    kind: Kind = "indirect",
    cue: str | None = None,
    source: str | None = None,
    message: str | None = None,
    addressee: str | None = None,
    medium: str | None = None,
    speaker: str | tuple[str, ...] | None = None,
    hearsay: bool = False,
    negated: bool = False,
    parent: str | None = None,
    date: dt.date | None = None,
) -> Statement:
    """A statement whose roles are the first occurrences of the given strings."""
    return Statement(
        id=id,
        kind=kind,
        cue=(span(text, cue),) if cue else (),
        source=(span(text, source),) if source else (),
        message=(span(text, message),) if message else (),
        addressee=(span(text, addressee),) if addressee else (),
        medium=(span(text, medium),) if medium else (),
        speaker=speaker,
        hearsay=hearsay,
        negated=negated,
        parent=parent,
        date=date,
        confidence=0.9,
        producer=Producer("test.hand", "1"),
    )


def article(
    text: str,
    *,
    key: str = "a1",
    url: str | None = None,
    outlet: str | None = "Testblatt",
    published: dt.date | None = dt.date(2025, 8, 19),
    title: str | None = None,
) -> Article:
    return Article(
        id=key,
        text=text,
        title=title,
        url=url,
        outlet=outlet,
        published=published,
        language="de",
    )


RUBIO = (
    "US-Außenminister Marco Rubio sagte am Sonntag im Sender NBC, die Sanktionen "
    "gegen Russland blieben in Kraft. „Wir werden nicht nachgeben“, sagte Rubio."
)


def rubio_statements(text: str = RUBIO) -> list[Statement]:
    return [
        statement(
            text,
            id="s1",
            cue="sagte",
            source="US-Außenminister Marco Rubio",
            message="die Sanktionen gegen Russland blieben in Kraft",
            medium="im Sender NBC",
            speaker="Marco Rubio",
            date=dt.date(2025, 8, 17),
        ),
        statement(
            text,
            id="s2",
            kind="direct",
            cue="sagte Rubio",
            source="Rubio",
            message="Wir werden nicht nachgeben",
            speaker="Rubio",
            date=dt.date(2025, 8, 19),
        ),
    ]


def postgres_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(
            f"PostgreSQL tests need {POSTGRES_ENV}="
            "postgresql+psycopg://user:pass@host/db "
            "(.ci/run installs and starts a server and sets it)"
        )
    return url


@contextmanager
def postgres_schema() -> Iterator[str]:
    """A URL into a fresh, empty schema of the test server, dropped afterwards."""
    import sqlalchemy as sa

    url = postgres_url()
    name = "t_" + uuid.uuid4().hex[:12]
    try:
        admin = sa.create_engine(url, connect_args={"connect_timeout": 3})
        with admin.begin() as conn:
            conn.execute(sa.text(f"CREATE SCHEMA {name}"))
    except sa.exc.OperationalError as err:
        pytest.skip(f"no PostgreSQL reachable at {POSTGRES_ENV} ({str(err)[:120]})")
    joiner = "&" if "?" in url else "?"
    try:
        yield f"{url}{joiner}options=-csearch_path%3D{name}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f"DROP SCHEMA {name} CASCADE"))
        admin.dispose()


@contextmanager
def open_backend(backend: str, tmp_path: object = None) -> Iterator[Store]:
    if backend == "sqlite":
        store = Store("sqlite://")
        try:
            yield store
        finally:
            store.close()
        return
    with postgres_schema() as url:
        store = Store(url)
        try:
            yield store
        finally:
            store.close()


def add_all(
    store: Store, items: Sequence[tuple[Article, Sequence[Statement]]]
) -> list[int]:
    return [store.add_article(a, s).article_id for a, s in items]
