"""Who-said-what: hand-counted figures, and identity with ../shared/eval/score.py."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from sayso.errors import InputError
from sayso.evaluation.whosaidwhat import (
    load_gold,
    load_predictions,
    news_gold,
    score,
    score_paths,
    speaker_named,
)
from tests.conftest import shared_path

TEXT = "Merz sagte, die Lage sei ernst. Trump drohte mit Zöllen."


def at(piece: str) -> list[int]:
    start = TEXT.index(piece)
    return [start, start + len(piece)]


def gold_record() -> dict[str, Any]:
    def statement(n: int, kind: str, names: list[str], **roles: list[list[int]]) -> Any:
        base = {r: [] for r in ("cue", "source", "message", "addressee", "medium")}
        base |= {"topic": [], "evidence": []}
        return (
            base
            | roles
            | {
                "n": n,
                "kind": kind,
                "hearsay": False,
                "negated": False,
                "parent": None,
                "speakers": [names],
            }
        )

    return {
        "id": "doc",
        "lang": "de",
        "text": TEXT,
        "ignore": [],
        "statements": [
            statement(
                1,
                "indirect",
                ["Friedrich Merz", "Merz"],
                cue=[at("sagte")],
                source=[at("Merz")],
                message=[at("die Lage sei ernst")],
            ),
            statement(
                2,
                "reported",
                ["Donald Trump", "Trump"],
                cue=[at("drohte")],
                source=[at("Trump")],
                message=[at("Trump drohte mit Zöllen")],
            ),
        ],
    }


def predictions() -> list[dict[str, Any]]:
    return [
        {
            "id": "doc",
            "statements": [
                {
                    "id": "s1",
                    "kind": "indirect",
                    "cue": [{"start": at("sagte")[0], "end": at("sagte")[1]}],
                    "source": [at("Merz")],
                    "message": [at("die Lage sei ernst")],
                    "speaker": "Friedrich Merz",
                },
                {
                    "id": "s2",
                    "kind": "reported",
                    "message": [at("mit Zöllen")],
                    "speaker": "Biden",
                },
                {
                    "id": "s3",
                    "kind": "indirect",
                    "message": [at("ernst")],
                    "speaker": "X",
                },
            ],
        }
    ]


def test_score_counts_by_hand() -> None:
    result = score({"doc": gold_record()}, predictions())
    assert result["statements"] == {
        "p": 0.6667,
        "r": 1.0,
        "f1": 0.8,
        "tp": 2,
        "pred": 3,
        "gold": 2,
    }
    assert result["who_said_what"]["tp"] == 1
    assert result["who_said_what"]["f1"] == 0.4
    assert result["roles_token_f1"]["cue"]["r"] == 0.5
    assert result["attribute_accuracy_on_matched"] == {
        "kind": 1.0,
        "hearsay": 1.0,
        "negated": 1.0,
        "parent": 1.0,
    }
    assert result["per_document"]["doc"]["who_said_what"] == 1


def test_score_drops_predictions_inside_an_ignore_region() -> None:
    gold = gold_record() | {"ignore": [at("Trump drohte mit Zöllen")]}
    result = score({"doc": gold}, predictions())
    assert result["statements"]["pred"] == 2  # "mit Zöllen" lies inside the region


def test_score_lists_documents_without_predictions() -> None:
    result = score({"doc": gold_record()}, [])
    assert result["documents_missing"] == ["doc"]
    assert result["who_said_what"]["f1"] == 0.0


@pytest.mark.parametrize(
    ("predicted", "ok"),
    [
        ("Friedrich Merz", True),
        ("merz", True),
        ("Bundeskanzler Merz", True),
        (["Trump", "Merz"], True),
        ("Friedrich", False),
        ("", False),
        (None, False),
    ],
)
def test_speaker_named_matches_alias_or_last_word(predicted: Any, ok: bool) -> None:
    assert speaker_named(predicted, [["Friedrich Merz", "Merz"]]) is ok


def test_load_predictions_reads_lines_and_arrays(tmp_path: Path) -> None:
    lines = tmp_path / "p.jsonl"
    lines.write_text("\n".join(json.dumps(p) for p in predictions()) + "\n", "utf-8")
    array = tmp_path / "p.json"
    array.write_text(json.dumps(predictions()), "utf-8")
    assert load_predictions(lines) == load_predictions(array) == predictions()


@pytest.mark.parametrize("content", ['{"statements": []}', "{oops", "[1, 2]"])
def test_load_predictions_rejects_other_files(tmp_path: Path, content: str) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text(content, "utf-8")
    with pytest.raises(InputError, match=re.escape(str(path))):
        load_predictions(path)


def test_load_gold_names_what_to_pass(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"gold\.json"):
        load_gold(tmp_path)


def damaged_predictions(gold_dir: Path, seed: int) -> list[dict[str, Any]]:
    """Gold statements dropped, cut, widened, relabelled; a few spurious ones."""
    rnd = random.Random(seed)
    out = []
    for path in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(path.read_text("utf-8"))
        if rnd.random() < 0.1:
            continue
        n = len(gold["text"])
        statements = []
        for k, s in enumerate(gold["statements"]):
            if rnd.random() < 0.2:
                continue
            st: dict[str, Any] = {"id": f"s{k}"}
            for role in ("cue", "source", "message", "addressee", "medium", "topic"):
                spans: list[Any] = []
                for a, b in s.get(role, []):
                    x = rnd.random()
                    if x < 0.15:
                        a = min(n, a + rnd.randint(1, 30))
                    elif x < 0.25:
                        b = max(a, b - rnd.randint(1, 40))
                    elif x < 0.3:
                        a, b = max(0, a - 20), min(n, b + 20)
                    spans.append(
                        {"start": a, "end": b} if rnd.random() < 0.5 else [a, b]
                    )
                st[role] = [] if role == "source" and rnd.random() < 0.2 else spans
            names = s.get("speakers")
            st["speaker"] = (
                names[0][0]
                if names and rnd.random() < 0.7
                else rnd.choice(["Merz", None, ["Putin", "X"], ""])
            )
            st["kind"] = (
                s["kind"]
                if rnd.random() < 0.7
                else rnd.choice(["direct", "indirect", "reported", "continuation"])
            )
            st["hearsay"] = rnd.random() < 0.3
            st["negated"] = rnd.random() < 0.2
            st["parent"] = rnd.choice([None, None, f"s{k - 1}", "s0"])
            statements.append(st)
        for k in range(rnd.randint(0, 3)):
            a = rnd.randint(0, max(0, n - 50))
            b = min(n, a + rnd.randint(0, 60))
            statements.append(
                {
                    "id": f"x{k}",
                    "cue": [[a, a + 5]],
                    "message": [[a + 6, b]],
                    "kind": "indirect",
                }
            )
        rnd.shuffle(statements)
        out.append({"id": gold["id"], "statements": statements})
    return out


def reference(gold_dir: Path, prediction_file: Path) -> dict[str, Any]:
    script = shared_path("eval", "score.py")
    done = subprocess.run(
        [
            sys.executable,
            str(script),
            "score",
            "--json",
            str(gold_dir),
            str(prediction_file),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


@pytest.mark.shared
@pytest.mark.parametrize(
    ("gold", "seed"), [("de-news-dev", 1), ("de-news-dev", 2), ("news-de", 5)]
)
def test_score_equals_score_py(tmp_path: Path, gold: str, seed: int) -> None:
    gold_dir = shared_path("gold", gold)
    if (gold_dir / "gold").is_dir():
        gold_dir = gold_dir / "gold"
    prediction_file = tmp_path / "pred.jsonl"
    lines = [json.dumps(p) for p in damaged_predictions(gold_dir, seed)]
    prediction_file.write_text("\n".join(lines) + "\n", "utf-8")
    ours = score_paths(gold_dir, prediction_file)
    assert ours == reference(gold_dir, prediction_file)
    assert 0.0 < ours["who_said_what"]["f1"] < 1.0


@pytest.mark.shared
def test_news_gold_equals_convert_wikinews() -> None:
    from sayso.corpora.news_quotation import read_news_split

    docs = read_news_split(shared_path("data", "de-news-quotation", "data", "dev"))
    assert news_gold(docs) == load_gold(shared_path("gold", "de-news-dev", "gold"))
