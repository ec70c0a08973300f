"""``ingest``, ``watch``, ``failures``, ``stats``, ``db``: exit codes, no tracebacks."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sayso.cli import app
from sayso.store.migrate import head_revision
from tests.ingest.support import ARTICLE_DE, Route, html_page, rss, serve


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'archive.db'}"


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "haushalt.txt").write_text(ARTICLE_DE, encoding="utf-8")
    (folder / "seite.html").write_bytes(
        html_page("Haushalt", ARTICLE_DE.replace("Krause", "Meier"))
    )
    (folder / "liste.csv").write_text(
        "id,text,outlet,published\n"
        'c1,"Die Bürgermeisterin sagte, die Brücke werde saniert. '
        'Sie betonte, dass die Arbeiten im Herbst beginnen.",Stadtbote,2025-08-18\n',
        encoding="utf-8",
    )
    (folder / "zeilen.jsonl").write_text(
        json.dumps(
            {
                "id": "j1",
                "text": "Der Trainer sagte, die Mannschaft sei bereit für das Spiel.",
                "author": "Max",
            }
        )
        + "\n{kaputt\n",
        encoding="utf-8",
    )
    (folder / "leer.txt").write_text("", encoding="utf-8")
    return {p.name: p for p in folder.iterdir()} | {"folder": folder}


def test_ingest_stores_reports_failures_and_exits_1(
    db: str, inputs: dict[str, Path]
) -> None:
    code, _, err = run("ingest", str(inputs["folder"]), "--db", db)
    assert code == 1
    assert "4 added" in err
    assert "2 failed" in err
    assert "zeilen.jsonl:2" in err
    assert "empty" in err
    code, out, _ = run("stats", "--db", db, "--format", "json")
    stats = json.loads(out)
    assert set(stats) == {"articles", "statements", "actors", "failures"}
    assert stats["articles"] == 4
    assert stats["failures"] == 2


def test_ingest_again_stores_nothing_twice(db: str, inputs: dict[str, Path]) -> None:
    run("ingest", str(inputs["haushalt.txt"]), str(inputs["liste.csv"]), "--db", db)
    code, _, err = run(
        "ingest", str(inputs["haushalt.txt"]), str(inputs["liste.csv"]), "--db", db
    )
    assert code == 0
    assert "0 added" in err
    assert "2 already stored" in err
    _, out, _ = run("stats", "--db", db, "--format", "json")
    assert json.loads(out)["articles"] == 2


def test_failures_command_lists_reasons(db: str, inputs: dict[str, Path]) -> None:
    run("ingest", str(inputs["leer.txt"]), str(inputs["haushalt.txt"]), "--db", db)
    code, out, _ = run("failures", "--db", db, "--format", "jsonl")
    assert code == 0
    (failure,) = [json.loads(line) for line in out.splitlines()]
    assert failure["origin"].endswith("leer.txt")
    assert "empty" in failure["message"]
    code, out, _ = run("failures", "--db", db, "--run", "last", "--format", "table")
    assert code == 0
    assert "leer.txt" in out
    code, _, err = run("failures", "--db", db, "--run", "gestern")
    assert code == 2
    assert "run number" in err


def test_ingest_options_are_checked(db: str, inputs: dict[str, Path]) -> None:
    code, _, err = run(
        "ingest", str(inputs["haushalt.txt"]), "--db", db, "--encoding", "klingonisch"
    )
    assert code == 1
    assert "unknown encoding" in err
    code, _, _ = run("ingest", str(inputs["haushalt.txt"]), "--db", db, "--lang", "fr")
    assert code == 2
    code, _, err = run(
        "ingest", str(inputs["haushalt.txt"]), "--db", db, "--max-chars", "10"
    )
    assert code == 1
    assert "more than the 10" in err


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("sqlite:////no/such/folder/a.db", "does not exist"),
        ("mysql://x@y/z", "only SQLite and PostgreSQL"),
        ("postgresql://nobody:secret@127.0.0.1:1/none", "cannot open"),
    ],
)
def test_bad_database_is_one_clear_line(
    inputs: dict[str, Path], url: str, message: str
) -> None:
    code, _, err = run("ingest", str(inputs["haushalt.txt"]), "--db", url)
    assert code == 2
    assert message in err
    assert "secret" not in err


def test_locked_database_is_reported(
    tmp_path: Path, inputs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "locked.db"
    db = f"sqlite:///{path}"
    run("db", "init", "--db", db)
    monkeypatch.setenv("SAYSO_DB_TIMEOUT", "0.2")
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        code, _, err = run("ingest", str(inputs["haushalt.txt"]), "--db", db)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert code == 2
    assert "lock" in err
    _, out, _ = run("stats", "--db", db, "--format", "json")
    assert json.loads(out)["articles"] == 0


def test_sayso_db_environment_variable(
    tmp_path: Path, inputs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAYSO_DB", f"sqlite:///{tmp_path / 'env.db'}")
    code, _, _ = run("ingest", str(inputs["haushalt.txt"]))
    assert code == 0
    assert (tmp_path / "env.db").exists()


def test_default_database_in_working_directory(
    tmp_path: Path, inputs: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SAYSO_DB", raising=False)
    monkeypatch.chdir(tmp_path)
    code, _, _ = run("ingest", str(inputs["haushalt.txt"]))
    assert code == 0
    assert (tmp_path / "sayso.db").exists()
    assert sorted(p.name for p in tmp_path.glob("sayso.db*")) == ["sayso.db"]


def test_read_commands_need_an_existing_database(tmp_path: Path) -> None:
    for command in (
        ["stats"],
        ["statements"],
        ["failures"],
        ["claims"],
        ["actors", "list"],
    ):
        code, _, err = run(*command, "--db", str(tmp_path / "none.db"))
        assert code == 2, command
        assert "does not exist" in err
    assert not (tmp_path / "none.db").exists()


def test_db_commands(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'm.db'}"
    code, out, _ = run("db", "init", "--db", db)
    assert code == 0
    assert "revision" in out
    code, out, _ = run("db", "current", "--db", db)
    assert code == 0
    assert head_revision() in out
    code, out, _ = run("db", "upgrade", "--db", db)
    assert code == 0
    (tmp_path / "junk.db").write_bytes(b"not sqlite at all" * 50)
    code, _, err = run("db", "init", "--db", str(tmp_path / "junk.db"))
    assert code == 2
    assert "not a sayso database" in err


def test_watch_once_against_a_local_server(db: str) -> None:
    routes = {"/feed.xml": Route(b"", "application/rss+xml", etag='"a"')}
    with serve(routes) as server:
        routes["/feed.xml"].body = rss([("Eins", f"{server.url}/eins", ARTICLE_DE)])
        code, _, err = run("watch", f"{server.url}/feed.xml", "--once", "--db", db)
        assert code == 0, err
        assert "1 article(s) stored" in err
        code, _, err = run("watch", f"{server.url}/feed.xml", "--once", "--db", db)
        assert code == 0
        assert "0 article(s) stored" in err
        assert server.requests[-1][1].get("If-None-Match") == '"a"'
        code, _, err = run("watch", f"{server.url}/missing.xml", "--once", "--db", db)
        assert code == 1
        assert "404" in err
    code, _, err = run(
        "watch", "https://example.org/feed", "--every", "bald", "--db", db
    )
    assert code == 2
    assert "interval" in err


def test_read_only_database_file_is_reported(
    tmp_path: Path, inputs: dict[str, Path]
) -> None:
    path = tmp_path / "ro.db"
    run("ingest", str(inputs["haushalt.txt"]), "--db", f"sqlite:///{path}")
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    code, _, err = run("ingest", str(inputs["liste.csv"]), "--db", read_only)
    assert code == 2
    assert "read-only" in err
    code, out, _ = run("stats", "--db", read_only, "--format", "json")
    assert code == 0
    assert json.loads(out)["articles"] == 1
