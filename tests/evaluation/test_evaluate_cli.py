"""``sayso evaluate news|spkatt|gold``: saved predictions, JSON output, bad input."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sayso.cli import app
from tests.conftest import shared_path
from tests.corpora.test_news_quotation import TEXT as NEWS_TEXT
from tests.corpora.test_news_quotation import make_document
from tests.evaluation.test_whosaidwhat import gold_record, predictions


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        result.exception
    )
    return result.exit_code, result.stdout, result.stderr


def write_lines(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text(
        "\n".join(json.dumps(r, ensure_ascii=False) for r in records), "utf-8"
    )
    return path


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "gold"
    folder.mkdir()
    (folder / "doc.gold.json").write_text(json.dumps(gold_record()), "utf-8")
    return folder


def test_evaluate_gold_scores_a_prediction_file(gold_dir: Path, tmp_path: Path) -> None:
    preds = write_lines(tmp_path / "p.jsonl", predictions())
    code, out, _ = run(
        "evaluate", "gold", str(gold_dir), "--predictions", str(preds), "--json"
    )
    assert code == 0
    report = json.loads(out)
    assert report["who_said_what"]["who_said_what"]["f1"] == 0.4
    assert "errors" not in report


def test_evaluate_gold_lists_error_patterns(gold_dir: Path, tmp_path: Path) -> None:
    preds = write_lines(tmp_path / "p.jsonl", predictions())
    code, out, _ = run(
        "evaluate", "gold", str(gold_dir), "--predictions", str(preds), "--errors", "5"
    )
    assert code == 0
    assert "who-said-what F1 = 0.400" in out
    assert "error patterns" in out
    assert "spurious" in out
    assert "wrong-speaker" in out


@pytest.mark.parametrize("command", ["news", "spkatt", "gold"])
def test_evaluate_names_a_folder_it_cannot_read(tmp_path: Path, command: str) -> None:
    code, out, err = run("evaluate", command, str(tmp_path / "missing"))
    assert code == 2
    assert out == ""
    assert "missing" in err
    assert "Traceback" not in err


def test_evaluate_news_scores_statements_and_corpus_files(tmp_path: Path) -> None:
    split = tmp_path / "dev"
    split.mkdir()
    name = "123 - Neubau beschlossen (2020-01-02).pretty.json"
    (split / name).write_text(json.dumps(make_document(), ensure_ascii=False), "utf-8")

    def at(piece: str) -> dict[str, int]:
        start = NEWS_TEXT.index(piece)
        return {"start": start, "end": start + len(piece)}

    statement = {
        "id": "s1",
        "kind": "direct",
        "cue": [at("sagte")],
        "source": [at("Die Ministerin")],
        "message": [at("Wir bauen neu.")],
        "mode": "speech",
    }
    preds = write_lines(
        tmp_path / "p.jsonl", [{"id": "123", "statements": [statement]}]
    )
    code, out, _ = run(
        "evaluate", "news", str(split), "--predictions", str(preds), "--json"
    )
    assert code == 0
    report = json.loads(out)
    corpus = report["corpus_metric"]
    assert corpus["macro"]["quote"]["p"] == 1.0
    assert corpus["macro"]["quote"]["r"] == 0.5  # the continuation is missed
    assert report["who_said_what"]["who_said_what"]["tp"] == 1
    code, out, _ = run(
        "evaluate", "news", str(split), "--predictions", str(split), "--json"
    )
    assert code == 0
    assert json.loads(out)["corpus_metric"]["macro"]["joint"]["f1"] == 1.0


_SPEECH_TOKENS = ["Sie", "sagte", ",", "es", "sei", "gut"]
_SPEECH_TEXT = "Sie sagte , es sei gut"


def _spkatt_folder(tmp_path: Path, annotation: dict[str, list[str]]) -> Path:
    """A one-sentence speech folder with one gold event, and its prediction."""
    folder = tmp_path / "task1"
    folder.mkdir()
    speech = {
        "Sentences": [{"SentenceId": 0, "Tokens": _SPEECH_TOKENS}],
        "Annotations": [annotation],
    }
    (folder / "rede.json").write_text(json.dumps(speech), "utf-8")
    statement = {
        "id": "s1",
        "kind": "indirect",
        "cue": [[4, 9]],
        "source": [[0, 3]],
        "message": [[_SPEECH_TEXT.index("es"), len(_SPEECH_TEXT)]],
    }
    write_lines(tmp_path / "p.jsonl", [{"id": "rede", "statements": [statement]}])
    return folder


def _spkatt(folder: Path, predictions: Path, *extra: str) -> tuple[int, str]:
    code, out, _ = run(
        "evaluate", "spkatt", str(folder), "--predictions", str(predictions), *extra
    )
    return code, out


def test_evaluate_spkatt_scores_statements_on_the_built_text(tmp_path: Path) -> None:
    gold = {"Cue": ["0:1"], "Source": ["0:0"], "Message": ["0:3", "0:4", "0:5"]}
    folder = _spkatt_folder(tmp_path, gold)
    preds = tmp_path / "p.jsonl"
    code, out = _spkatt(folder, preds, "--json")
    assert code == 0
    report = json.loads(out)
    assert report["roles_annotated"] is True
    assert report["shared_task"]["roles"]["f1"] == 1.0
    assert report["gepade"]["cue"]["f1"] == 1.0
    _, out = _spkatt(folder, preds)
    assert "role F1 (SpkAtt-2023) = 1.000" in out
    code, out = _spkatt(folder, folder, "--json")
    assert code == 0
    assert json.loads(out)["shared_task"]["cue"]["f1"] == 1.0


def test_evaluate_spkatt_on_gold_cues_only_reports_cues_only(tmp_path: Path) -> None:
    """The test split's gold has cues and no roles: role figures would be noise."""
    gold = {"Cue": ["0:1"], "Source": [], "Message": [], "PTC": []}
    folder = _spkatt_folder(tmp_path, gold)
    preds = tmp_path / "p.jsonl"
    code, out = _spkatt(folder, preds, "--json")
    assert code == 0
    report = json.loads(out)
    assert report["roles_annotated"] is False
    assert report["shared_task"]["cue"]["f1"] == 1.0
    assert "roles" not in report["shared_task"]
    assert list(report["gepade"]) == ["cue"]
    assert report["shared_task"]["per_role"] == {}  # no gold particles either
    _, out = _spkatt(folder, preds)
    assert "cue F1 (SpkAtt-2023) = 1.000" in out
    assert "role F1" not in out
    assert "none annotated" in out


def test_evaluate_spkatt_reads_gepade_predictions(tmp_path: Path) -> None:
    gold = {"Cue": ["0:1"], "Source": ["0:0"], "Message": ["0:3", "0:4", "0:5"]}
    folder = _spkatt_folder(tmp_path, gold)
    tags = ["B-Source", "B-V", "_", "B-Message", "I-Message", "_"]
    line = {
        "sentence_id": "rede-sentence-0",
        "annotations": {"1": {"predicate": "speech", "roles": tags}},
    }
    elsewhere = {"sentence_id": "andere-rede-sentence-0", "annotations": {}}
    write_lines(tmp_path / "gepade.jsonl", [line, elsewhere])
    code, out, err = run(
        "evaluate", "spkatt", str(folder), "--predictions",
        str(tmp_path / "gepade.jsonl"), "--json",
    )  # fmt: skip
    assert code == 0
    roles = json.loads(out)["shared_task"]["roles"]
    assert (roles["tp"], roles["fp"], roles["fn"]) == (3, 0, 1)
    assert "1 of 2 lines name a speech that is not in" in err
    line["annotations"]["1"]["roles"] = tags[:3]
    write_lines(tmp_path / "gepade.jsonl", [line])
    code, _, err = run(
        "evaluate",
        "spkatt",
        str(folder),
        "--predictions",
        str(tmp_path / "gepade.jsonl"),
    )
    assert code == 2
    assert "gepade.jsonl" in err
    assert "3 tags for the 6 tokens" in err


@pytest.mark.shared
def test_evaluate_news_reads_the_dev_split_as_its_own_prediction() -> None:
    dev = shared_path("data", "de-news-quotation", "data", "dev")
    code, out, _ = run(
        "evaluate", "news", str(dev), "--predictions", str(dev), "--json"
    )
    assert code == 0
    report = json.loads(out)
    assert report["corpus_metric"]["macro"]["joint"]["f1"] == pytest.approx(1.0)
    assert report["who_said_what"]["who_said_what"]["f1"] == 1.0
