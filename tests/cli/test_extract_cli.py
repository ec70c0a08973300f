"""``sayso extract``: formats, and bad input that never ends in a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sayso.cli import app

GOOD = "Die Ministerin sagte, das Projekt sei gescheitert. „Neu“, sagte sie.\n"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "gut.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_extract_jsonl_uses_file_stem_as_id(good: Path) -> None:
    code, out, _ = run("extract", str(good), "--format", "jsonl")
    assert code == 0
    (line,) = out.splitlines()
    record = json.loads(line)
    assert record["id"] == "gut"
    assert isinstance(record["statements"], list)
    for statement in record["statements"]:
        for span in statement["message"]:
            assert GOOD[span["start"] : span["end"]] == span["text"]


def test_extract_json_is_one_array(good: Path) -> None:
    code, out, _ = run("extract", str(good), str(good), "--format", "json")
    assert code == 0
    assert [r["id"] for r in json.loads(out)] == ["gut", "gut"]


def test_extract_table_names_the_article(good: Path) -> None:
    code, out, _ = run("extract", str(good), "--format", "table")
    assert code == 0
    assert "gut:" in out


def test_extract_reads_jsonl_and_reports_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": GOOD}),
        "{not json",
        json.dumps({"id": "a3"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out, err = run("extract", str(path), "--format", "jsonl")
    assert code == 1
    assert [json.loads(x)["id"] for x in out.splitlines()] == ["a1"]
    assert "batch.jsonl:2" in err
    assert "batch.jsonl:3" in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("latin1.txt", "Die Straße sagte: »gut«".encode("latin-1"), "not valid UTF-8"),
        ("missing.txt", None, "no such file"),
        ("table.xlsx", b"PK\x03\x04", "unknown file type"),
    ],
)
def test_extract_bad_file_fails_alone(
    tmp_path: Path, good: Path, name: str, content: bytes | None, problem: str
) -> None:
    bad = tmp_path / name
    if content is not None:
        bad.write_bytes(content)
    code, out, err = run("extract", str(bad), str(good), "--format", "jsonl")
    assert code == 1
    assert [json.loads(x)["id"] for x in out.splitlines()] == ["gut"]
    (line,) = [x for x in err.splitlines() if name in x]
    assert problem in line
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n ",
        "ohne jeden Satzschluss und ohne Punkt " * 200,
        "„Offenes Zitat ohne Ende, sagte er\n\nNoch ein Absatz »mit falschem Zitat“",
        "\u202e\u200b🙂 ％ \x0b Zeichen",
    ],
)
def test_extract_odd_texts_give_statements_not_errors(
    tmp_path: Path, text: str
) -> None:
    path = tmp_path / "odd.txt"
    path.write_text(text, encoding="utf-8")
    code, out, err = run("extract", str(path), "--format", "jsonl")
    assert code == 0, err
    record = json.loads(out)
    assert record["id"] == "odd"
    if not text.strip():
        assert f"{path}: the text is empty" in err


def test_extract_published_must_be_a_date(good: Path) -> None:
    code, _, err = run("extract", str(good), "--published", "17.08.2025")
    assert code == 2
    assert "YYYY-MM-DD" in err


def test_extract_published_dates_statements(good: Path) -> None:
    code, out, _ = run(
        "extract", str(good), "--published", "2025-08-17", "--format", "jsonl"
    )
    assert code == 0
    record = json.loads(out)
    assert record["article"]["published"] == "2025-08-17"
    assert all(s["date"] == "2025-08-17" for s in record["statements"])
