"""End to end on the demo article: a floor against our own annotation, a golden file.

The floor scores ``sayso.extract`` on ``examples/demo-de.txt`` against the
hand-written spec ``tests/golden/demo-de.spec.json`` with the project's
who-said-what metric. The golden file pins the exact output of the shipped
model; after an intended change, rewrite it with ``pytest --update-golden``
and review the diff.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sayso import Article, extract_articles
from sayso.evaluation.gold import build_gold
from sayso.evaluation.whosaidwhat import predictions_from, score
from sayso.model import Extraction
from tests.conftest import EXAMPLES, ROOT

GOLDEN = ROOT / "tests" / "golden"
#: Floors for the demo article; lowering one is a deliberate, reviewed change.
FLOORS = {"who_said_what": 0.85, "statements": 0.9}


def _demo() -> Extraction:
    text = (EXAMPLES / "demo-de.txt").read_text(encoding="utf-8")
    (result,) = extract_articles([Article(id="demo-de", text=text, published=None)])
    assert isinstance(result, Extraction)
    return result


@pytest.fixture(scope="module")
def demo() -> Extraction:
    return _demo()


@pytest.mark.parametrize("figure", sorted(FLOORS))
def test_demo_meets_floor(demo: Extraction, figure: str) -> None:
    spec = json.loads((GOLDEN / "demo-de.spec.json").read_text(encoding="utf-8"))
    gold = build_gold(spec, demo.article.text)
    result = score({gold["id"]: gold}, predictions_from([demo]))
    assert result[figure]["f1"] >= FLOORS[figure], json.dumps(result[figure])


@pytest.mark.model
def test_demo_matches_golden_file(
    demo: Extraction, request: pytest.FixtureRequest
) -> None:
    path = GOLDEN / "demo-de.jsonl"
    got = (
        json.dumps(demo.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    )
    if request.config.getoption("--update-golden"):
        path.write_text(got, encoding="utf-8")
    assert path.exists(), "no golden file yet: run pytest --update-golden and review it"
    assert got == path.read_text(encoding="utf-8")


def test_golden_spec_builds(tmp_path: Path) -> None:
    spec = json.loads((GOLDEN / "demo-de.spec.json").read_text(encoding="utf-8"))
    text = (EXAMPLES / "demo-de.txt").read_text(encoding="utf-8")
    gold = build_gold(spec, text)
    for statement in gold["statements"]:
        for start, end in statement["message"]:
            assert 0 <= start < end <= len(text)
