"""The news quotation corpus reader: a hand-made file, and the real splits."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path
from typing import Any

import pytest

from sayso.corpora.news_quotation import (
    read_news_document,
    read_news_split,
    strip_quote_marks,
)
from sayso.errors import InputError
from sayso.model import CharSpan
from tests.conftest import shared_path

# Our own two-sentence article, in the corpus's format.
TEXT = "Die Ministerin sagte: „Wir bauen neu.“ Sie sei zuversichtlich."
WORDS = [
    ("Die", 0),
    ("Ministerin", 1),
    ("sagte", 2),
    (":", 3),
    ("„", 4),
    ("Wir", 5),
    ("bauen", 6),
    ("neu", 7),
    (".", 8),
    ("“", 9),
    ("Sie", 10),
    ("sei", 11),
    ("zuversichtlich", 12),
    (".", 13),
]


def _tokens() -> list[dict[str, Any]]:
    out, pos = [], 0
    for word, index in WORDS:
        start = TEXT.index(word, pos)
        pos = start + len(word)
        sentence = 1 if index < 10 else 2
        out.append(
            {
                "id": index,
                "charBegin": start,
                "charEnd": pos,
                "text": word,
                "sentence": sentence,
                "word": index + 1,
            }
        )
    return out


def _part(tokens: list[dict[str, Any]], ids: list[int]) -> dict[str, Any]:
    if not ids:
        return {"spans": [], "text": "", "tokenIds": []}
    a, b = tokens[ids[0]], tokens[ids[-1]]
    span = {
        "begin": ids[0],
        "end": ids[-1] + 1,
        "charBegin": a["charBegin"],
        "charEnd": b["charEnd"],
    }
    return {
        "spans": [span],
        "text": TEXT[a["charBegin"] : b["charEnd"]],
        "tokenIds": ids,
    }


def make_document() -> dict[str, Any]:
    tokens = _tokens()
    first_end = tokens[9]["charEnd"]
    return {
        "documentName": "123 - Neubau beschlossen (2020-01-02)",
        "originalText": TEXT,
        "tokens": tokens,
        "sentences": [
            {"id": 0, "begin": 0, "end": 10, "charBegin": 0, "charEnd": first_end},
            {
                "id": 1,
                "begin": 10,
                "end": 14,
                "charBegin": first_end + 1,
                "charEnd": len(TEXT),
            },
        ],
        "annotations": [
            {
                "id": 0,
                "type": "Direct",
                "medium": "Speech",
                "isNested": False,
                "hasNested": False,
                "quote": _part(tokens, [4, 5, 6, 7, 8, 9]),
                "speaker": _part(tokens, [0, 1]),
                "cue": _part(tokens, [2]),
                "frame": _part(tokens, [0, 1, 2, 3]),
                "addressee": [],
            },
            {
                "id": 1,
                "type": "IndirectFreeIndirect",
                "medium": "SW",
                "isNested": False,
                "hasNested": False,
                "quote": _part(tokens, [10, 11, 12, 13]),
                "speaker": _part(tokens, [0, 1]),
                "cue": _part(tokens, []),
                "frame": _part(tokens, []),
                "addressee": _part(tokens, []),
            },
        ],
    }


@pytest.fixture
def split(tmp_path: Path) -> Path:
    folder = tmp_path / "dev"
    folder.mkdir()
    path = folder / "123 - Neubau beschlossen (2020-01-02).pretty.json"
    path.write_text(json.dumps(make_document(), ensure_ascii=False), encoding="utf-8")
    return folder


@pytest.mark.parametrize("field", ["id", "title", "published"])
def test_read_news_document_takes_metadata_from_the_file_name(
    split: Path, field: str
) -> None:
    (doc,) = read_news_split(split)
    expected = {
        "id": "123",
        "title": "Neubau beschlossen",
        "published": dt.date(2020, 1, 2),
    }
    assert getattr(doc, field) == expected[field]


def test_read_news_document_keeps_offsets_tokens_and_sentences(split: Path) -> None:
    (doc,) = read_news_split(split)
    assert doc.text == TEXT
    assert [t.text for t in doc.tokens] == [w for w, _ in WORDS]
    assert all(TEXT[t.start : t.end] == t.text for t in doc.tokens)
    assert [t.sentence for t in doc.tokens] == [0] * 10 + [1] * 4
    assert [(s.first_token, s.end_token) for s in doc.sentences] == [(0, 10), (10, 14)]


def test_news_quotation_maps_to_our_vocabulary(split: Path) -> None:
    (doc,) = read_news_split(split)
    direct, continuation = doc.quotations
    assert (direct.kind, direct.mode) == ("direct", "speech")
    assert [s.text for s in direct.message] == ["Wir bauen neu."]
    assert [s.text for s in direct.source] == ["Die Ministerin"]
    assert [s.text for s in direct.frame.spans] == ["Die Ministerin sagte:"]
    assert direct.quote.token_ids == (4, 5, 6, 7, 8, 9)
    assert (continuation.kind, continuation.mode) == ("continuation", None)
    assert continuation.medium == "SW"
    assert continuation.cue.empty
    statement = direct.to_statement()
    assert statement.kind == "direct"
    assert [s.text for s in statement.cue] == ["sagte"]


@pytest.mark.parametrize(
    ("span", "expected"),
    [((0, 6), "abc"), ((1, 5), "abc"), ((2, 5), "bc")],
)
def test_strip_quote_marks_removes_marks_at_the_edges(
    span: tuple[int, int], expected: str
) -> None:
    text = "„abc“ "
    assert strip_quote_marks(CharSpan.of(text, *span)).text == expected


def test_token_ids_uses_the_overlap_rule(split: Path) -> None:
    (doc,) = read_news_split(split)
    start = TEXT.index("Ministerin") + 3
    assert doc.token_ids([(start, start + 2)]) == frozenset({1})
    assert doc.token_ids([(0, len(TEXT))]) == frozenset(range(14))
    assert doc.token_ids([]) == frozenset()


def test_read_news_split_names_the_folder_to_pass_instead(tmp_path: Path) -> None:
    (tmp_path / "dev").mkdir()
    (tmp_path / "dev" / "1 - x (2020-01-01).json").write_text("{}", encoding="utf-8")
    with pytest.raises(InputError, match=r"pass .*dev"):
        read_news_split(tmp_path)


@pytest.mark.parametrize(
    ("content", "problem"),
    [("{not json", "not valid JSON"), ('{"originalText": 1}', "not a news quotation")],
)
def test_read_news_document_reports_a_bad_file(
    tmp_path: Path, content: str, problem: str
) -> None:
    path = tmp_path / "7 - kaputt (2020-01-01).json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=problem) as info:
        read_news_document(path)
    assert str(path) in str(info.value)


def test_read_news_split_rejects_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="not a folder"):
        read_news_split(tmp_path / "nowhere")


@pytest.mark.shared
@pytest.mark.parametrize(
    ("split_name", "documents", "quotes"), [("train", 700, 2877), ("dev", 150, 653)]
)
def test_read_news_split_reads_the_corpus(
    split_name: str, documents: int, quotes: int
) -> None:
    folder = shared_path("data", "de-news-quotation", "data", split_name)
    started = time.perf_counter()
    docs = read_news_split(folder)
    elapsed = time.perf_counter() - started
    assert len(docs) == documents
    assert sum(len(d.quotations) for d in docs) == quotes
    assert elapsed < 20  # seconds; about 1 s on 2 cores
    for doc in docs:
        assert all(doc.text[t.start : t.end] == t.text for t in doc.tokens)
        for q in doc.quotations:
            assert q.kind is not None
            for name in ("quote", "speaker", "cue", "frame", "addressee"):
                part = q.part(name)
                assert doc.token_ids(part.spans) == frozenset(part.token_ids)
