"""Alembic migrations build exactly the ORM schema, up and down, on both backends."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from sayso.errors import StoreError
from sayso.store import Store
from sayso.store.migrate import alembic_config, current_revision, head_revision, upgrade
from sayso.store.schema import Base
from tests.store.builders import RUBIO, article, postgres_schema, rubio_statements

_EXTRA = {"statements_fts", "alembic_version"}


def _diff(engine: sa.Engine) -> list:
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": False})
        diff = compare_metadata(context, Base.metadata)
    return [
        d
        for d in diff
        if not (d[0] == "remove_table" and d[1].name in _EXTRA)
        and not str(d[1]).startswith("statements_fts")
        and not (d[0] == "remove_column" and d[3].name == "search")
        and not (d[0] == "remove_index" and d[1].name == "ix_statements_search")
    ]


def test_migrations_build_the_orm_schema_sqlite(tmp_path: Path) -> None:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'm.db'}")
    upgrade(engine)
    assert current_revision(engine) == head_revision()
    tables = set(sa.inspect(engine).get_table_names())
    assert "statements_fts" in tables
    assert [d for d in _diff(engine) if "fts" not in repr(d)] == []
    engine.dispose()


@pytest.mark.postgres
def test_migrations_build_the_orm_schema_postgres() -> None:
    with postgres_schema() as url:
        store = Store(url)
        assert store.revision() == head_revision()
        assert _diff(store.engine) == []
        columns = {
            c["name"] for c in sa.inspect(store.engine).get_columns("statements")
        }
        assert "search" in columns
        store.close()


def test_migrations_down_and_up_keep_working(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'ud.db'}"
    Store(url).close()
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        command.downgrade(alembic_config(conn), "base")
        conn.commit()
    assert current_revision(engine) is None
    engine.dispose()
    with Store(url) as store:
        store.add_article(article(RUBIO), rubio_statements())
        assert store.find_statements(text="Sanktionen").total == 1


def test_upgrade_is_idempotent(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'i.db'}"
    with Store(url) as store:
        store.add_article(article(RUBIO), rubio_statements())
    with Store(url, migrate=True) as store:
        assert store.stats().statements == 2


def test_older_schema_needs_an_explicit_upgrade_that_keeps_the_data(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    with Store(url) as store:
        store.add_article(article(RUBIO), rubio_statements())
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        command.downgrade(alembic_config(conn), "0001")
        conn.commit()
    engine.dispose()
    with pytest.raises(StoreError, match="sayso db upgrade"):
        Store(url)
    with Store(url, migrate=True) as store:
        assert store.revision() == head_revision()
        assert store.find_statements(text="Sanktionen").total == 1
        assert store.find_statements(kind="direct").total == 1


def _superseded_archive(store: Store) -> tuple[int, int]:
    """An article stored in two versions; the ids of both."""
    url = "https://example.org/versions"
    first = store.add_article(article(RUBIO, url=url), rubio_statements())
    changed = RUBIO + " Ergänzt um 12 Uhr."
    second = store.add_article(article(changed, url=url), rubio_statements(changed))
    return first.article_id, second.article_id


def _latest_flags(engine: sa.Engine) -> dict[int, bool]:
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT article_id, latest FROM statements")).all()
    flags: dict[int, set[bool]] = {}
    for article_id, latest in rows:
        flags.setdefault(article_id, set()).add(bool(latest))
    return {k: v.pop() for k, v in flags.items() if len(v) == 1}


@pytest.mark.parametrize(
    "backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]
)
def test_upgrade_from_0002_sets_the_statements_latest_flag(
    tmp_path: Path, backend: str
) -> None:
    """0003 copies each article's ``latest`` onto its statements: an archive made
    by the previous sayso finds exactly what it found before, and no more."""
    with contextlib.ExitStack() as stack:
        if backend == "sqlite":
            url = f"sqlite:///{tmp_path / 'v2.db'}"
        else:
            url = stack.enter_context(postgres_schema())
        with Store(url) as store:
            old_id, new_id = _superseded_archive(store)
        engine = sa.create_engine(url)
        with engine.connect() as conn:
            command.downgrade(alembic_config(conn), "0002")
            conn.commit()
        assert current_revision(engine) == "0002"
        columns = {c["name"] for c in sa.inspect(engine).get_columns("statements")}
        assert "latest" not in columns
        indexes = {i["name"] for i in sa.inspect(engine).get_indexes("statements")}
        assert "ix_statements_kind_date" in indexes
        engine.dispose()
        with pytest.raises(StoreError, match="sayso db upgrade"):
            Store(url)
        with Store(url, migrate=True) as store:
            assert store.revision() == head_revision()
            assert _latest_flags(store.engine) == {old_id: False, new_id: True}
            assert store.find_statements().total == 2
            assert store.find_statements(all_versions=True).total == 4
            assert store.find_statements(text="Sanktionen").total == 1
            assert (
                store.find_statements(text="Sanktionen", all_versions=True).total == 2
            )
            assert {
                s.article.id for s in store.find_statements(outlet="test").items
            } == {new_id}
            # Writing after the upgrade keeps the flag: a third version.
            third = RUBIO + " Ergänzt um 14 Uhr."
            added = store.add_article(
                article(third, url="https://example.org/versions"),
                rubio_statements(third),
            )
            assert _latest_flags(store.engine) == {
                old_id: False,
                new_id: False,
                added.article_id: True,
            }
            assert {s.article.id for s in store.find_statements().items} == {
                added.article_id
            }
