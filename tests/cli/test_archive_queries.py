"""``statements``, ``article``, ``actor(s)``, ``chain``, ``claims``, ``export``."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sayso.cli import app
from sayso.store import Store
from tests.store.builders import RUBIO, article, rubio_statements, statement


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


NESTED = "Nach Angaben von Merz hat Trump gesagt, Putin habe Garantien zugesagt."


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'q.db'}"
    with Store(url) as store:
        store.add_article(
            article(RUBIO, url="https://a.example/1", outlet="Abendblatt"),
            rubio_statements(),
        )
        other = "Rubio sagte, die Sanktionen gegen Russland blieben in Kraft."
        store.add_article(
            article(
                other, key="b", outlet="Morgenpost", published=dt.date(2025, 8, 20)
            ),
            [
                statement(
                    other,
                    cue="sagte",
                    source="Rubio",
                    speaker="Rubio",
                    message="die Sanktionen gegen Russland blieben in Kraft",
                    date=dt.date(2025, 8, 20),
                )
            ],
        )
        s1 = statement(
            NESTED,
            id="s1",
            cue="Nach Angaben von",
            source="Merz",
            speaker="Friedrich Merz",
        )
        s2 = statement(
            NESTED,
            id="s2",
            cue="gesagt",
            source="Trump",
            speaker="Donald Trump",
            message="Putin habe Garantien zugesagt",
            parent="s1",
            hearsay=True,
        )
        store.add_article(article(NESTED, key="c"), [s1, s2])
    return url


def test_statements_jsonl_and_filters(db: str) -> None:
    code, out, _ = run("statements", "--db", db, "--format", "jsonl")
    assert code == 0
    assert len(out.splitlines()) == 5
    code, out, _ = run(
        "statements", "--db", db, "--speaker", "Marco Rubio", "--format", "jsonl"
    )
    assert len(out.splitlines()) == 3
    code, out, _ = run(
        "statements",
        "--db",
        db,
        "--text",
        "Sanktionen",
        "--since",
        "2025-08-18",
        "--outlet",
        "morgen",
        "--format",
        "jsonl",
    )
    (line,) = out.splitlines()
    assert json.loads(line)["article"]["outlet"] == "Morgenpost"
    code, out, _ = run("statements", "--db", db, "--hearsay", "--format", "jsonl")
    assert len(out.splitlines()) == 1
    code, out, _ = run(
        "statements", "--db", db, "--kind", "direct", "--format", "jsonl"
    )
    assert json.loads(out)["statement"]["kind"] == "direct"


def test_statements_table_and_csv(db: str) -> None:
    code, out, _ = run("statements", "--db", db, "--format", "table")
    assert code == 0
    assert "5 statement(s)" in out
    code, out, _ = run("statements", "--db", db, "--format", "csv", "--limit", "2")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 2
    assert "message" in rows[0]


def test_statements_pages_report_more_on_stderr(db: str) -> None:
    code, out, err = run(
        "statements", "--db", db, "--format", "jsonl", "--limit", "2", "--page", "2"
    )
    assert code == 0
    assert len(out.splitlines()) == 2
    assert "--page 3" in err


@pytest.mark.parametrize(
    "args",
    [
        ["--since", "gestern"],
        ["--kind", "gossip"],
        ["--page", "0"],
        ["--limit", "100000"],
        ["--text", '"'],
        ["--text", "x" * 5000],
        ["--since", "2025-09-01", "--until", "2025-08-01"],
    ],
)
def test_statements_bad_options_are_one_line(db: str, args: list[str]) -> None:
    code, _, err = run("statements", "--db", db, *args)
    assert code == 2
    assert err.strip()


@pytest.mark.parametrize(
    "value",
    [
        "'; DROP TABLE statements; --",
        "%",
        "_",
        "NEAR(",
        "\\",
        "ä" * 900,
        "Robert\u0000",
    ],
)
def test_statements_hostile_values(db: str, value: str) -> None:
    for option in ("--speaker", "--outlet", "--text"):
        code, _, err = run("statements", "--db", db, option, value, "--format", "jsonl")
        assert code in (0, 2), (option, err)
    code, out, _ = run("stats", "--db", db, "--format", "json")
    assert json.loads(out)["statements"] == 5


def test_article_command(db: str) -> None:
    code, out, _ = run("article", "1", "--db", db, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["text"] == RUBIO
    assert len(data["statements"]) == 2
    code, out, _ = run("article", "1", "--db", db, "--format", "table")
    assert code == 0
    assert "Abendblatt" in out
    code, _, err = run("article", "99", "--db", db)
    assert code == 2
    assert "no article 99" in err


def test_actor_command(db: str) -> None:
    code, out, _ = run("actor", "Rubio", "--db", db, "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["name"] == "Marco Rubio"
    assert data["statements"] == 3
    assert {r["role"] for r in data["roles"]} == {"US-Außenminister"}
    assert [c["value"] for c in data["channels"]] == ["im Sender NBC"]
    assert len(data["recent"]) == 3
    code, out, _ = run("actor", "Rubio", "--db", db, "--format", "table")
    assert code == 0
    assert "US-Außenminister" in out
    code, _, err = run("actor", "Niemand", "--db", db)
    assert code == 2
    assert "no actor" in err


def test_actors_alias_merge_split_rename_load(db: str, tmp_path: Path) -> None:
    code, out, _ = run("actors", "list", "--db", db, "--format", "jsonl")
    names = [json.loads(line)["name"] for line in out.splitlines()]
    assert names[0] == "Marco Rubio"
    code, out, _ = run("actors", "alias", "Marco Rubio", "Secretary Rubio", "--db", db)
    assert code == 0
    assert "Secretary Rubio" in out
    code, out, _ = run("actors", "merge", "Donald Trump", "Friedrich Merz", "--db", db)
    assert code == 0
    code, out, _ = run("actors", "split", "Donald Trump", "Friedrich Merz", "--db", db)
    assert code == 0
    assert "Friedrich Merz" in out
    code, out, _ = run(
        "actors", "rename", "Donald Trump", "Donald J. Trump", "--db", db
    )
    assert code == 0
    assert "Donald J. Trump" in out
    aliases = tmp_path / "a.txt"
    aliases.write_text("Wladimir Putin: Putin | Kremlchef Putin\n", encoding="utf-8")
    code, out, _ = run("actors", "load", str(aliases), "--db", db)
    assert code == 0
    assert "Wladimir Putin" in out
    code, _, err = run("actors", "merge", "Niemand", "Trump", "--db", db)
    assert code == 2
    assert "no actor" in err


def test_chain_command(db: str) -> None:
    code, out, _ = run("statements", "--db", db, "--hearsay", "--format", "jsonl")
    child = json.loads(out)["id"]
    code, out, _ = run("chain", str(child), "--db", db, "--format", "json")
    data = json.loads(out)
    assert [s["speakers"][0]["name"] for s in data["up"]] == ["Friedrich Merz"]
    code, out, _ = run("chain", str(child), "--db", db, "--format", "table")
    assert code == 0
    assert "Friedrich Merz" in out
    assert "Donald Trump" in out
    code, _, err = run("chain", "4711", "--db", db)
    assert code == 2
    assert "no statement" in err


def test_claims_command(db: str) -> None:
    code, out, _ = run("claims", "--db", db, "--format", "jsonl")
    (claim,) = [json.loads(line) for line in out.splitlines()]
    assert claim["actor"]["name"] == "Marco Rubio"
    assert claim["articles"] == 2
    assert claim["outlets"] == ["Abendblatt", "Morgenpost"]
    code, out, _ = run("claims", "--db", db, "--format", "table")
    assert code == 0
    assert "1 claim(s)" in out
    code, out, _ = run("claims", "--db", db, "--format", "csv", "--min-articles", "3")
    assert len(out.splitlines()) == 1


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_command(db: str, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"out.{fmt}"
    code, _, err = run("export", str(out), "--format", fmt, "--db", db)
    assert code == 0
    assert "5 statement(s)" in err
    assert out.stat().st_size > 0
    code, _, err = run(
        "export", str(out), "--format", fmt, "--db", db, "--speaker", "Trump"
    )
    assert "1 statement(s)" in err


def test_export_errors(db: str, tmp_path: Path) -> None:
    code, _, err = run(
        "export", str(tmp_path / "no" / "x.jsonl"), "--format", "jsonl", "--db", db
    )
    assert code == 2
    assert "does not exist" in err
    code, _, _ = run("export", str(tmp_path / "x.xlsx"), "--format", "xlsx", "--db", db)
    assert code == 2
