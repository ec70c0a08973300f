"""``sayso serve --get``: one request answered in-process."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sayso.cli import app

runner = CliRunner()


def test_serve_get_prints_json(archive_file: tuple[Path, dict[str, int]]) -> None:
    result = runner.invoke(
        app, ["serve", "--db", str(archive_file[0]), "--get", "/api/stats"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["articles"] == 5


def test_serve_get_a_page(archive_file: tuple[Path, dict[str, int]]) -> None:
    result = runner.invoke(
        app, ["serve", "--db", str(archive_file[0]), "--get", "/search?text=Sanktionen"]
    )
    assert result.exit_code == 0
    assert "<!doctype html>" in result.stdout


def test_serve_get_an_error_exits_1(archive_file: tuple[Path, dict[str, int]]) -> None:
    result = runner.invoke(
        app, ["serve", "--db", str(archive_file[0]), "--get", "/api/articles/999"]
    )
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"]["status"] == 404


def test_serve_without_a_database_says_so(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["serve", "--db", str(tmp_path / "none.db"), "--get", "/api/stats"]
    )
    assert result.exit_code == 2
    assert "does not exist" in result.stderr


def test_serve_refuses_a_short_token(
    archive_file: tuple[Path, dict[str, int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SAYSO_TOKEN", "short")
    result = runner.invoke(
        app, ["serve", "--db", str(archive_file[0]), "--get", "/api/stats"]
    )
    assert result.exit_code == 2
    assert "at least 16" in result.stderr


def test_serve_help_names_the_options() -> None:
    result = runner.invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--get", "--workers"):
        assert option in result.stdout
