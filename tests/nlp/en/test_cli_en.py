"""``sayso extract --lang auto`` sends English texts to the English rules."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sayso.cli import app

ENGLISH = (
    "Sen. Maria Okafor said on Monday that the audit of the bridge project was "
    "overdue. “We have waited long enough,” she told reporters.\n"
)
GERMAN = "Die Bürgermeisterin sagte am Montag, die Brücke sei seit Jahren marode.\n"


@pytest.mark.parametrize("lang", ["auto", "en"])
def test_cli_en_extract_routes_english(tmp_path: Path, lang: str) -> None:
    path = tmp_path / "okafor.txt"
    path.write_text(ENGLISH, encoding="utf-8")
    result = CliRunner().invoke(
        app, ["extract", str(path), "--lang", lang, "--format", "jsonl"]
    )
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert record["article"]["language"] == "en"
    producers = {s["producer"]["name"] for s in record["statements"]}
    assert producers
    assert all(p.startswith("rules.en_") for p in producers)
    assert {s["speaker"] for s in record["statements"]} == {"Maria Okafor"}


def test_cli_en_auto_keeps_german_german(tmp_path: Path) -> None:
    (tmp_path / "okafor.txt").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "brandt.txt").write_text(GERMAN, encoding="utf-8")
    result = CliRunner().invoke(
        app,
        [
            "extract",
            str(tmp_path / "okafor.txt"),
            str(tmp_path / "brandt.txt"),
            "--lang",
            "auto",
            "--format",
            "jsonl",
        ],
    )
    assert result.exit_code == 0, result.output
    languages = {
        json.loads(line)["id"]: json.loads(line)["article"]["language"]
        for line in result.stdout.splitlines()
    }
    assert languages == {"okafor": "en", "brandt": "de"}
