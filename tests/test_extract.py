"""The Python API: extract, extract_many, chunking of long texts, invariants."""

from __future__ import annotations

import importlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sayso
from sayso.extract import position, split_text
from sayso.model import ROLES, Statement

extract_module = importlib.import_module("sayso.extract")
SENTENCE = "„Wir kommen morgen“, sagte die Ministerin. Das Land habe gezahlt. "


def check_spans(text: str, statements: list[Statement]) -> None:
    ids = {s.id for s in statements}
    for statement in statements:
        for role in ROLES:
            for span in statement.spans(role):
                assert 0 <= span.start <= span.end <= len(text)
                assert text[span.start : span.end] == span.text
        assert statement.parent is None or statement.parent in ids
    positions = [position(s) for s in statements]
    assert positions == sorted(positions)


@given(st.text(max_size=300))
@settings(max_examples=40)
def test_extract_never_raises_on_arbitrary_text(text: str) -> None:
    check_spans(text, sayso.extract(text))


@given(
    st.lists(
        st.sampled_from(
            [
                "„Das geht nicht“, sagte er.",
                "Laut Polizei ist niemand verletzt.",
                "Sie sei zufrieden.",
                "\n\n",
                "»offen",
                "Der Minister kündigte an, zu zahlen.",
                '"',
                "Zufolge",
                "🙂",
            ]
        ),
        max_size=12,
    ).map(" ".join)
)
@settings(max_examples=40)
def test_extract_spans_point_at_the_text(text: str) -> None:
    check_spans(text, sayso.extract(text))


def test_extract_many_streams_in_order() -> None:
    texts = [SENTENCE, "", "Kein Zitat hier.", SENTENCE]
    results = list(sayso.extract_many(texts))
    assert len(results) == 4
    assert results[0]
    assert results[3]
    assert [s.to_dict() for s in results[0]] == [s.to_dict() for s in results[3]]
    assert results[1] == []


def test_extract_published_dates_every_statement() -> None:
    statements = sayso.extract(SENTENCE, published="2025-08-17")
    assert statements
    assert {str(s.date) for s in statements} == {"2025-08-17"}


def test_extract_rejects_unknown_language() -> None:
    with pytest.raises(sayso.ConfigError, match="not supported"):
        sayso.extract(SENTENCE, lang="fr")


@pytest.mark.parametrize("limit", [40, 70, 1000])
def test_split_text_covers_the_text(limit: int) -> None:
    text = (SENTENCE + "\n\n") * 7
    pieces = list(split_text(text, limit))
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[offset : offset + len(piece)] == piece for offset, piece in pieces)


def test_long_text_in_chunks_keeps_offsets(monkeypatch: pytest.MonkeyPatch) -> None:
    text = (SENTENCE + "\n\n") * 30
    whole = sayso.extract(text)
    monkeypatch.setattr(extract_module, "CHUNK_CHARS", 300)
    chunked = sayso.extract(text)
    check_spans(text, chunked)
    assert [(s.kind, [m.start for m in s.message]) for s in chunked] == [
        (s.kind, [m.start for m in s.message]) for s in whole
    ]


def test_extraction_round_trips_through_json() -> None:
    for statement in sayso.extract(SENTENCE * 3):
        data = json.loads(json.dumps(statement.to_dict()))
        assert Statement.from_dict(data) == statement
