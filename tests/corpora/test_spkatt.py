"""The SpkAtt-2023 task-1 reader: a hand-made speech, and the real splits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from sayso.corpora.spkatt import (
    read_spkatt_speech,
    read_spkatt_split,
    read_spkatt_test_cues,
)
from sayso.errors import InputError
from tests.conftest import shared_path

SENTENCES = [
    ["Wir", "lehnen", "das", "ab", "."],
    ["Die", "Kollegin", "hat", "gestern"],
    ["gesagt", ",", "es", "sei", "gut", "."],
]


def make_speech(annotations: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    empty = {r: [] for r in ("Addr", "Evidence", "Medium", "Topic")}
    return {
        "Sentences": [{"SentenceId": i, "Tokens": t} for i, t in enumerate(SENTENCES)],
        "Annotations": annotations
        if annotations is not None
        else [
            # ablehnen: cue, separated particle, source, message
            {
                **empty,
                "Cue": ["0:1"],
                "PTC": ["0:3"],
                "Source": ["0:0"],
                "Message": ["0:2"],
            },
            # a source in the sentence before the cue, a message after it
            {
                **empty,
                "Cue": ["2:0"],
                "PTC": [],
                "Source": ["1:0", "1:1"],
                "Message": ["2:2", "2:3", "2:4"],
            },
        ],
    }


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "task1"
    path.mkdir()
    (path / "19001_Rede_X.json").write_text(json.dumps(make_speech()), encoding="utf-8")
    return path


def test_read_spkatt_speech_builds_text_one_sentence_per_line(folder: Path) -> None:
    (speech,) = read_spkatt_split(folder)
    assert speech.id == "19001_Rede_X"
    assert speech.text.split("\n") == [" ".join(s) for s in SENTENCES]
    assert all(speech.text[t.start : t.end] == t.text for t in speech.tokens)
    assert [(s.first_token, s.end_token) for s in speech.sentences] == [
        (0, 5),
        (5, 9),
        (9, 15),
    ]
    assert speech.tokens[5].ref == "1:0"


def test_read_spkatt_speech_gives_roles_as_tokens_and_spans(folder: Path) -> None:
    (speech,) = read_spkatt_split(folder)
    first, second = speech.events
    assert first.tokens("Cue") == (1,)
    assert first.tokens("PTC") == (3,)
    assert [s.text for s in first.spans["Source"]] == ["Wir"]
    assert second.cue_head == 9
    assert [s.text for s in second.spans["Source"]] == ["Die Kollegin"]
    assert [s.text for s in second.spans["Message"]] == ["es sei gut"]
    assert second.tokens("Addr") == ()


def test_read_spkatt_speech_joins_runs_across_a_line_break_only(tmp_path: Path) -> None:
    speech_data = make_speech(
        [{"Cue": ["2:0"], "Source": ["1:2", "1:3", "2:0"], "Message": ["1:3", "2:1"]}]
    )
    path = tmp_path / "s.json"
    path.write_text(json.dumps(speech_data), encoding="utf-8")
    (event,) = read_spkatt_speech(path).events
    assert [s.text for s in event.spans["Source"]] == ["hat gestern\ngesagt"]
    assert [s.text for s in event.spans["Message"]] == ["gestern", ","]


def test_read_spkatt_speech_keeps_the_listed_cue_order(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(
        json.dumps(make_speech([{"Cue": ["0:3", "0:1"]}])), encoding="utf-8"
    )
    (event,) = read_spkatt_speech(path).events
    assert event.cue_head == 3
    assert [s.text for s in event.spans["Cue"]] == ["lehnen", "ab"]


def test_read_spkatt_test_cues_keeps_only_cues(folder: Path) -> None:
    (speech,) = read_spkatt_test_cues(folder)
    for event in speech.events:
        assert event.tokens("Cue")
        assert not any(event.tokens(r) for r in ("Source", "Message", "Addr", "Topic"))


def test_spkatt_event_to_statement_puts_the_particle_into_the_cue(folder: Path) -> None:
    (speech,) = read_spkatt_split(folder)
    statement = speech.events[0].to_statement()
    assert [s.text for s in statement.cue] == ["lehnen", "ab"]
    assert [s.text for s in statement.source] == ["Wir"]


@pytest.mark.parametrize("ref", ["5:0", "0:9", "x:1", "0:-1"])
def test_read_spkatt_speech_rejects_a_token_that_does_not_exist(
    tmp_path: Path, ref: str
) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps(make_speech([{"Cue": [ref]}])), encoding="utf-8")
    with pytest.raises(InputError, match="no token") as info:
        read_spkatt_speech(path)
    assert str(path) in str(info.value)


def test_read_spkatt_speech_rejects_the_alternative_format(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"1": {"Tokens": ["a"], "Annotations": []}}), "utf-8")
    with pytest.raises(InputError, match="task1 folder"):
        read_spkatt_speech(path)


def test_read_spkatt_split_names_the_folder_to_pass_instead(folder: Path) -> None:
    with pytest.raises(InputError, match="task1"):
        read_spkatt_split(folder.parent)


@pytest.mark.shared
@pytest.mark.parametrize(
    ("parts", "speeches", "events"),
    [
        (("train", "task1"), 177, 5399),
        (("dev", "task1"), 18, 515),
    ],
)
def test_read_spkatt_split_reads_the_corpus(
    parts: tuple[str, str], speeches: int, events: int
) -> None:
    data = read_spkatt_split(shared_path("data", "spkatt-2023-task1", "data", *parts))
    assert len(data) == speeches
    assert sum(len(s.events) for s in data) == events
    for speech in data:
        assert all(speech.text[t.start : t.end] == t.text for t in speech.tokens)
        for event in speech.events:
            assert event.cue_head is not None
            for role, spans in event.spans.items():
                assert speech.token_ids(spans) == frozenset(event.tokens(role))


@pytest.mark.shared
def test_read_spkatt_test_cues_reads_the_test_split() -> None:
    folder = shared_path(
        "data", "spkatt-2023-task1", "data", "eval", "task1_subtask2_test"
    )
    data = read_spkatt_test_cues(folder)
    assert len(data) == 72
    assert sum(len(s.events) for s in data) == 1792
    assert sum(len(s.tokens) for s in data) == 51463
