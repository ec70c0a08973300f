"""SpkAtt-2023 / GePaDe metrics: hand counts and the published reference run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sayso.corpora.spkatt import SPKATT_ROLES, read_spkatt_speech, read_spkatt_split
from sayso.evaluation.spkatt import (
    align_cues,
    gepade_entries,
    gepade_events,
    gold_events,
    score_gepade,
    score_gepade_events,
    score_spkatt,
    statement_events,
)
from sayso.model import CharSpan, Statement
from tests.conftest import shared_path


def event(**roles: list[int]) -> dict[str, tuple[int, ...]]:
    return {r: tuple(roles.get(r, ())) for r in SPKATT_ROLES}


GOLD = [
    event(Cue=[1], PTC=[3], Source=[0], Message=[2]),
    event(Cue=[9], Source=[5, 6], Message=[11, 12, 13]),
]
SYSTEM = [
    event(Cue=[1], Source=[0], Message=[2, 4]),
    event(Cue=[7], Source=[5]),
]


def test_align_cues_needs_overlap_and_is_one_to_one() -> None:
    assert align_cues(GOLD, SYSTEM) == [(0, 0)]
    twice = [event(Cue=[1, 2]), event(Cue=[2])]
    assert align_cues(twice, [event(Cue=[2])]) == [(0, 0)]


def test_score_spkatt_counts_tokens_by_hand() -> None:
    result = score_spkatt({"s": GOLD}, {"s": SYSTEM})
    assert (result["cue"]["tp"], result["cue"]["fp"], result["cue"]["fn"]) == (1, 1, 1)
    assert (result["cue_events"]["p"], result["cue_events"]["r"]) == (0.5, 0.5)
    roles = result["roles"]
    assert (roles["tp"], roles["fp"], roles["fn"]) == (2, 2, 6)
    assert roles["f1"] == pytest.approx(1 / 3)
    assert result["per_role"]["PTC"] == {
        "p": 0.0,
        "r": 0.0,
        "f1": 0.0,
        "tp": 0,
        "fp": 0,
        "fn": 1,
    }
    assert result["per_role"]["Message"]["fp"] == 1


def test_score_spkatt_counts_a_missing_speech_as_missed() -> None:
    result = score_spkatt({"s": GOLD}, {})
    assert result["speeches_missing"] == ["s"]
    assert result["roles"]["fn"] == 8


def gepade_gold() -> dict[str, Any]:
    words = ["Sie", "erklärt", "es", "ab", "."]
    return {
        "x-sentence-0": {
            "words": words,
            "lemmas": words,
            "annotations": {
                "1": {
                    "predicate": "speech",
                    "roles": ["B-Source", "B-V", "B-Message", "B-PTC", "_"],
                },
                "2": {"predicate": "_", "roles": ["_"] * 5},
            },
        }
    }


def test_score_gepade_rewards_rejected_candidates_only_in_the_published_cue() -> None:
    prediction = {
        "sentence_id": "x-sentence-0",
        "annotations": {
            "1": {
                "predicate": "speech",
                "roles": ["B-Source", "B-V", "_", "B-PTC", "_"],
            },
            "2": {"predicate": "speech", "roles": ["_"] * 5},
        },
    }
    result = score_gepade(gepade_gold(), [prediction])
    assert (result["cue_published"]["tp"], result["cue_published"]["fp"]) == (2, 0)
    assert (result["cue"]["tp"], result["cue"]["fp"], result["cue"]["fn"]) == (1, 0, 0)
    overlap = result["roles_overlap"]
    assert (overlap["tp"], overlap["fp"], overlap["fn"]) == (2, 0, 1)
    strict = result["roles_strict"]
    assert (strict["tp"], strict["fp"], strict["fn"]) == (2, 1, 1)


def test_score_gepade_counts_a_missed_event_in_the_proper_cue_only() -> None:
    result = score_gepade(gepade_gold(), [])
    assert result["cue_published"]["r"] == 1.0  # upstream's recall cannot drop
    assert result["cue_published"]["p"] == 0.5
    assert (result["cue"]["tp"], result["cue"]["fn"]) == (0, 1)
    assert result["roles_overlap"]["fn"] == 3


SENTENCES = [
    ["Wir", "lehnen", "das", "ab", "."],
    ["Sie", "sagte", ",", "es", "sei", "gut"],
]


@pytest.fixture
def speech_file(tmp_path: Path) -> Path:
    data = {
        "Sentences": [{"SentenceId": i, "Tokens": t} for i, t in enumerate(SENTENCES)],
        "Annotations": [
            {"Cue": ["0:1"], "PTC": ["0:3"], "Source": ["0:0"], "Message": ["0:2"]},
            {"Cue": ["1:1"], "Source": ["1:0"], "Message": ["1:3", "1:4", "1:5"]},
        ],
    }
    path = tmp_path / "rede.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_statement_events_map_our_roles_and_particles(speech_file: Path) -> None:
    speech = read_spkatt_speech(speech_file)
    text = speech.text

    def span(piece: str, start: int = 0) -> CharSpan:
        at = text.index(piece, start)
        return CharSpan(at, at + len(piece), piece)

    ablehnen = Statement(
        id="s1",
        kind="reported",
        cue=(span("lehnen"), span("ab")),
        source=(span("Wir"),),
        message=(span("das"),),
    )
    continuation = Statement(id="s2", kind="continuation", message=(span("gut"),))
    (only,) = statement_events(speech, [ablehnen, continuation])
    assert only["Cue"] == (1,)
    assert only["PTC"] == (3,)
    assert only["Source"] == (0,)
    assert only["Message"] == (2,)
    result = score_spkatt({speech.id: gold_events(speech)}, {speech.id: [only]})
    assert result["per_role"]["PTC"]["f1"] == 1.0
    assert result["cue_events"]["r"] == 0.5


def test_statement_events_reflexive_before_the_verb_is_ptc(tmp_path: Path) -> None:
    data = {
        "Sentences": [
            {"SentenceId": 0, "Tokens": ["Sie", "will", "sich", "dazu", "bekennen"]},
            {"SentenceId": 1, "Tokens": ["Aus", "unserer", "Sicht", "nicht", "."]},
        ],
        "Annotations": [],
    }
    path = tmp_path / "rede.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    speech = read_spkatt_speech(path)

    def span(piece: str) -> CharSpan:
        at = speech.text.index(piece)
        return CharSpan(at, at + len(piece), piece)

    reflexive = Statement(
        id="s1", kind="reported", cue=(span("sich"), span("bekennen"))
    )
    (event,) = statement_events(speech, [reflexive])
    assert (event["Cue"], event["PTC"]) == ((4,), (2,))
    # a particle before every other cue word is part of the cue itself
    view = Statement(id="s2", kind="reported", cue=(span("Aus"), span("Sicht")))
    (event,) = statement_events(speech, [view])
    assert (event["Cue"], event["PTC"]) == ((5, 7), ())


def test_gepade_entries_are_sentence_local(speech_file: Path) -> None:
    speech = read_spkatt_speech(speech_file)
    cross = event(Cue=[6], Source=[0], Message=[8, 9])
    entries = gepade_entries(speech, [cross])
    assert entries == {
        (1, 1): {
            "cues": [1],
            "Source": [],
            "Message": [3, 4],
            "Addr": [],
            "Topic": [],
            "Medium": [],
            "Evidence": [],
            "PTC": [],
            "V": [],
        }
    }


def test_score_gepade_events_gold_against_itself(speech_file: Path) -> None:
    speech = read_spkatt_speech(speech_file)
    gold = {speech.id: gold_events(speech)}
    result = score_gepade_events([speech], gold, gold)
    assert result["cue"]["f1"] == 1.0
    assert result["roles_overlap"]["f1"] == 1.0


@pytest.mark.shared
def test_score_gepade_reproduces_the_published_reference_run() -> None:
    """Upstream ``eval.py``, gold dev vs ``pred_dev_seed42``: see data/README.md §1."""
    root = shared_path("data", "gepade-spkatt")
    gold = json.loads((root / "data" / "dev.json").read_text("utf-8"))
    lines = (root / "predictions" / "dev" / "pred_dev_seed42.json").read_text("utf-8")
    result = score_gepade(
        gold, [json.loads(x) for x in lines.splitlines() if x.strip()]
    )
    assert round(result["cue_published"]["p"], 3) == 0.950
    assert result["cue_published"]["r"] == 1.0
    assert round(result["cue_published"]["f1"], 3) == 0.974
    assert round(result["roles_strict"]["f1"], 3) == 0.673
    overlap = result["roles_overlap"]
    assert (round(overlap["p"], 3), round(overlap["r"], 3)) == (0.824, 0.788)
    assert round(overlap["f1"], 3) == 0.806
    assert result["cue"]["r"] < 1.0  # a proper recall sees the missed events


def test_gepade_events_read_bio_candidates_as_events(speech_file: Path) -> None:
    speech = read_spkatt_speech(speech_file)
    lines = [
        {
            "sentence_id": "rede-sentence-1",
            "annotations": {
                "1": {
                    "predicate": "speech",
                    "roles": ["B-Source", "B-V", "_", "B-Message", "I-Message", "_"],
                },
                "4": {"predicate": "speech", "roles": ["_"] * 6},
            },
        },
        {
            "sentence_id": "rede-sentence-0",
            "annotations": {
                "1": {"predicate": "speech", "roles": ["_", "B-V", "_", "B-PTC", "_"]}
            },
        },
        {"sentence_id": "andere-rede-sentence-0", "annotations": {}},
    ]
    events = gepade_events([speech], lines)
    first = speech.sentences[1].first_token
    assert list(events) == ["rede"]
    second, particle = events["rede"]
    assert second["Cue"] == (first + 1,)
    assert second["Source"] == (first,)
    assert second["Message"] == (first + 3, first + 4)
    assert particle == event(Cue=[1], PTC=[3])
    gold = {"rede": gold_events(speech)}
    assert score_spkatt(gold, events)["cue_events"]["f1"] == 1.0


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ({"sentence_id": "rede"}, "no sentence id"),
        ({"sentence_id": "rede-sentence-7"}, "has 2 sentences"),
        (
            {
                "sentence_id": "rede-sentence-0",
                "annotations": {"1": {"roles": ["_", "B-V"]}},
            },
            "2 tags for the 5 tokens",
        ),
    ],
)
def test_gepade_events_name_the_line_that_does_not_fit(
    speech_file: Path, line: dict[str, Any], problem: str
) -> None:
    speech = read_spkatt_speech(speech_file)
    with pytest.raises(ValueError, match=problem):
        gepade_events([speech], [{"sentence_id": "rede-sentence-0"}, line])


@pytest.mark.shared
def test_the_released_gepade_system_under_the_shared_task_metric() -> None:
    """The BERT-large predictions GePaDe released, scored as sayso is scored:
    a reference point for the role F1 of ``sayso evaluate spkatt``."""
    root = shared_path("data")
    speeches = read_spkatt_split(root / "spkatt-2023-task1" / "data" / "dev" / "task1")
    lines = (
        root / "gepade-spkatt" / "predictions" / "dev" / "pred_dev_seed42.json"
    ).read_text("utf-8")
    events = gepade_events(
        speeches, [json.loads(x) for x in lines.splitlines() if x.strip()]
    )
    result = score_spkatt({s.id: gold_events(s) for s in speeches}, events)
    assert sum(map(len, events.values())) == 519
    assert round(result["roles"]["f1"], 3) == 0.775
    assert round(result["cue_events"]["f1"], 3) == 0.915
    gepade = score_gepade_events(
        speeches, {s.id: gold_events(s) for s in speeches}, events
    )
    assert round(gepade["roles_overlap"]["f1"], 3) == 0.808


@pytest.mark.shared
def test_gepade_entries_equal_the_gepade_gold() -> None:
    """SpkAtt-2023 dev, re-encoded sentence by sentence, gives GePaDe's dev entries."""
    root = shared_path("data")
    gepade = json.loads(
        (root / "gepade-spkatt" / "data" / "dev.json").read_text("utf-8")
    )
    speeches = read_spkatt_split(root / "spkatt-2023-task1" / "data" / "dev" / "task1")
    gold = {s.id: gold_events(s) for s in speeches}
    predictions = []
    for speech in speeches:
        by_sentence: dict[int, dict[str, Any]] = {}
        for (sent, head), entry in gepade_entries(speech, gold[speech.id]).items():
            width = (
                speech.sentences[sent].end_token - speech.sentences[sent].first_token
            )
            tags = ["_"] * width
            for role, positions in entry.items():
                for p in positions:
                    tags[p] = "I-V" if role == "V" else f"B-{role}"
            tags[head] = "B-V"
            by_sentence.setdefault(sent, {})[str(head)] = {
                "predicate": "speech",
                "roles": tags,
            }
        predictions += [
            {"sentence_id": f"{speech.id}-sentence-{k}", "annotations": v}
            for k, v in by_sentence.items()
        ]
    result = score_gepade(gepade, predictions)
    assert result["cue"]["f1"] == 1.0
    assert result["roles_overlap"]["f1"] == 1.0
    assert score_spkatt(gold, gold)["roles"]["f1"] == 1.0
