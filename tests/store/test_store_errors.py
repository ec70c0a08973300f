"""Databases that cannot be used: each a clear StoreError, nothing corrupted."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest
import sqlalchemy as sa

from sayso.errors import ConfigError, StoreError
from sayso.store import Store
from sayso.store.engine import database_url
from tests.store.builders import RUBIO, article, rubio_statements, statement


def test_database_url_defaults_and_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SAYSO_DB", raising=False)
    assert database_url(None) == "sqlite:///sayso.db"
    monkeypatch.setenv("SAYSO_DB", "sqlite:///from-env.db")
    assert database_url(None) == "sqlite:///from-env.db"
    assert database_url("archive.db") == "sqlite:///archive.db"
    assert database_url("postgresql://u@h/d") == "postgresql+psycopg://u@h/d"


def test_sqlite_file_uses_wal(tmp_path: Path) -> None:
    path = tmp_path / "a.db"
    with Store(f"sqlite:///{path}") as store:
        store.add_article(article(RUBIO), rubio_statements())
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_locked_database_is_a_clear_error_and_nothing_is_half_written(
    tmp_path: Path,
) -> None:
    path = tmp_path / "locked.db"
    Store(f"sqlite:///{path}").close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        store = Store(f"sqlite:///{path}", timeout=0.3)
        with pytest.raises(StoreError, match="lock"):
            store.add_article(article(RUBIO), rubio_statements())
        assert store.stats().articles == 0  # readers are not blocked (WAL)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert store.add_article(article(RUBIO), rubio_statements()).outcome == "added"
    store.close()


def test_writer_waits_for_a_short_lock(tmp_path: Path) -> None:
    path = tmp_path / "wait.db"
    Store(f"sqlite:///{path}").close()
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    timer = threading.Timer(0.3, lambda: holder.execute("COMMIT"))
    timer.start()
    with Store(f"sqlite:///{path}", timeout=10) as store:
        assert store.add_article(article(RUBIO), rubio_statements()).outcome == "added"
    timer.join()
    holder.close()


def test_read_only_store_reads_but_refuses_writes(tmp_path: Path) -> None:
    path = tmp_path / "ro.db"
    with Store(f"sqlite:///{path}") as store:
        store.add_article(article(RUBIO), rubio_statements())
    with Store(f"sqlite:///{path}", read_only=True) as store:
        assert store.stats().statements == 2
        with pytest.raises(StoreError, match="read-only"):
            store.add_article(article("Ein anderer Text, sagte sie."))
        with pytest.raises(StoreError, match="read-only"):
            store.record_failure("x", "Error", "y")


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write read-only files")
def test_read_only_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "perm.db"
    with Store(f"sqlite:///{path}") as store:
        store.add_article(article(RUBIO), rubio_statements())
    path.chmod(0o444)
    try:
        with (
            Store(f"sqlite:///{path}") as store,
            pytest.raises(StoreError, match="read-only"),
        ):
            store.add_article(article("Ein anderer Text, sagte sie."))
    finally:
        path.chmod(0o644)


def test_not_a_database_file(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database " * 100)
    with pytest.raises(StoreError, match="not a sayso database"):
        Store(f"sqlite:///{path}")
    assert path.read_bytes().startswith(b"these are my notes")


def test_foreign_database_is_not_touched(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE customers (id INTEGER)")
    with pytest.raises(StoreError, match="no sayso schema"):
        Store(f"sqlite:///{path}")


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    Store(f"sqlite:///{path}").close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(StoreError, match="newer than this sayso"):
        Store(f"sqlite:///{path}")


def test_missing_folder_and_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(f"sqlite:///{tmp_path}/no/such/folder/a.db")
    with pytest.raises(StoreError, match="does not exist"):
        Store(f"sqlite:///{tmp_path}/absent.db", create=False)
    assert not (tmp_path / "absent.db").exists()


@pytest.mark.parametrize("url", ["mysql://x@y/z", "nonsense://", "postgresql://::::"])
def test_unsupported_urls(url: str) -> None:
    with pytest.raises((ConfigError, StoreError)):
        Store(url)


def test_unreachable_postgres_is_a_clear_error() -> None:
    with pytest.raises(StoreError, match="cannot open the database") as info:
        Store("postgresql://nobody:secret@127.0.0.1:1/none", timeout=1)
    assert "secret" not in str(info.value)


def test_text_with_nul_is_refused(store: Store) -> None:
    with pytest.raises(StoreError, match="NUL"):
        store.add_article(article("Er sagte\x00 etwas."))


@pytest.mark.parametrize("problem", ["duplicate id", "unknown parent"])
def test_inconsistent_statements_are_refused(store: Store, problem: str) -> None:
    a = statement(RUBIO, id="s1", cue="sagte")
    b = statement(
        RUBIO,
        id="s1" if problem == "duplicate id" else "s2",
        cue="sagte Rubio",
        parent=None if problem == "duplicate id" else "s9",
    )
    with pytest.raises(StoreError):
        store.add_article(article(RUBIO), [a, b])
    assert store.stats().articles == 0


def test_very_long_metadata_is_cut_not_refused(store: Store) -> None:
    long = "x" * 100_000
    source = article(RUBIO, outlet=long, title=long, url="https://example.org/" + long)
    added = store.add_article(source, rubio_statements(), author=long, origin=long)
    view = store.get_article(added.article_id)
    assert len(view.outlet or "") <= 300
    assert len(view.title or "") <= 2000
    assert view.text == RUBIO


def test_large_article_is_stored(store: Store) -> None:
    text = ("Die Ministerin sagte, der Haushalt sei solide. " * 450_000)[:20_000_000]
    s = statement(text, cue="sagte", message="der Haushalt sei solide")
    added = store.add_article(article(text), [s])
    assert len(store.get_article(added.article_id).text) == len(text)
    assert store.find_statements(text="Haushalt").total == 1


def test_store_engine_is_plain_sqlalchemy(store: Store) -> None:
    with store.engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM articles")).scalar() == 0


@pytest.mark.postgres
def test_read_only_postgres_refuses_writes() -> None:
    from tests.store.builders import postgres_schema

    with postgres_schema() as url:
        Store(url).close()
        with Store(url, read_only=True) as store:
            assert store.stats().articles == 0
            with pytest.raises(StoreError, match="read-only"):
                store.add_article(article(RUBIO), rubio_statements())
