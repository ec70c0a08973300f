"""The news corpus metric: assignment, hand counts, conventions, upstream parity."""

from __future__ import annotations

import itertools
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sayso.corpora.news_quotation import NewsDocument, NewsSentence, NewsToken
from sayso.evaluation._assignment import linear_sum_assignment
from sayso.evaluation.news import (
    QuoteGroup,
    gold_groups,
    score_news,
    statement_groups,
)
from sayso.model import CharSpan, Statement
from tests.conftest import shared_path
from tests.evaluation._perturb import perturbed_groups


def roles(**parts: tuple[int, ...]) -> dict[str, tuple[int, ...]]:
    return {p: parts.get(p, ()) for p in ("addressee", "cue", "frame", "speaker")}


@pytest.mark.parametrize(
    ("matrix", "rows", "cols"),
    [
        ([[1.0, 0.0], [0.0, 1.0]], [0, 1], [0, 1]),
        ([[0.0, 1.0], [1.0, 0.0]], [0, 1], [1, 0]),
        ([[0.2], [0.9], [0.5]], [1], [0]),
        ([[0.0, 0.0, 0.7]], [0], [2]),
        ([], [], []),
    ],
)
def test_linear_sum_assignment_maximises(
    matrix: list[list[float]], rows: list[int], cols: list[int]
) -> None:
    assert linear_sum_assignment(matrix, maximize=True) == (rows, cols)


def test_linear_sum_assignment_pairs_zero_rows_when_counts_allow() -> None:
    rows, cols = linear_sum_assignment([[0.0, 0.0], [0.0, 0.0]], maximize=True)
    assert rows == [0, 1]
    assert sorted(cols) == [0, 1]


@given(
    st.integers(1, 5).flatmap(
        lambda r: st.integers(1, 5).flatmap(
            lambda c: st.lists(
                st.lists(
                    st.sampled_from([0.0, 0.25, 0.5, 1.0, 0.511]),
                    min_size=c,
                    max_size=c,
                ),
                min_size=r,
                max_size=r,
            )
        )
    )
)
def test_linear_sum_assignment_finds_an_optimum(matrix: list[list[float]]) -> None:
    n_rows, n_cols = len(matrix), len(matrix[0])
    rows, cols = linear_sum_assignment(matrix, maximize=True)
    assert len(rows) == min(n_rows, n_cols)
    assert rows == sorted(set(rows))
    assert len(set(cols)) == len(cols)
    best = max(
        sum(matrix[r][c] for r, c in zip(chosen_rows, perm, strict=True))
        for chosen_rows in itertools.combinations(range(n_rows), min(n_rows, n_cols))
        for perm in itertools.permutations(range(n_cols), min(n_rows, n_cols))
    )
    got = sum(matrix[r][c] for r, c in zip(rows, cols, strict=True))
    assert got == pytest.approx(best)


def test_score_news_counts_by_hand() -> None:
    gold = [
        QuoteGroup((1, 2, 3, 4), roles(cue=(5,), speaker=(0,)), "Direct", "Speech"),
        QuoteGroup((10, 11), roles(speaker=(9,)), "Indirect", "Speech"),
    ]
    system = [
        QuoteGroup((1, 2, 3), roles(speaker=(0,)), "Direct", "Speech"),
        QuoteGroup((20, 21), roles(), "Indirect", None),
    ]
    result = score_news({"d": gold}, {"d": system})
    assert result["pairs"] == 2  # the second pair has no overlap at all
    macro = result["macro"]
    assert macro["quote"]["p"] == pytest.approx(0.5)
    assert macro["quote"]["r"] == pytest.approx(0.375)
    assert macro["quote"]["f1"] == pytest.approx(2 * 0.5 * 0.375 / 0.875)
    assert macro["roles"]["p"] == pytest.approx(1.0)
    assert macro["roles"]["r"] == pytest.approx(1 / 3)
    assert macro["joint"]["p"] == pytest.approx(2 / 3)
    assert macro["joint"]["r"] == pytest.approx(1.75 / 5)
    assert (result["type"]["p"], result["type"]["r"]) == (1.0, 1.0)
    assert (result["medium"]["p"], result["medium"]["r"]) == (1.0, 0.5)
    assert result["medium"]["labels"]["Speech"] == {"tp": 1, "fp": 0, "fn": 1}


def test_score_news_scores_unpaired_quotes_against_nothing() -> None:
    gold = [QuoteGroup((1, 2), roles(), "Direct", "Speech")]
    system = [
        QuoteGroup((1, 2), roles(), "Direct", "Speech"),
        QuoteGroup((7, 8), roles(speaker=(6,)), "Indirect", "Speech"),
    ]
    result = score_news({"d": gold, "e": []}, {"d": system})
    assert result["groups"] == 2
    assert result["macro"]["quote"]["p"] == pytest.approx(0.5)
    assert result["macro"]["quote"]["r"] == pytest.approx(1.0)
    assert result["documents_missing"] == ["e"]
    assert result["type"]["labels"]["Indirect"] == {"tp": 0, "fp": 1, "fn": 0}


def test_score_news_without_any_system_quote_is_zero() -> None:
    gold = [QuoteGroup((1, 2), roles(), "Direct", "Speech")]
    result = score_news({"d": gold}, {})
    assert result["macro"]["joint"] == {"p": 0.0, "r": 0.0, "f1": 0.0}


def test_score_news_can_leave_out_nested_quotes() -> None:
    gold = [
        QuoteGroup((1, 2, 3, 4), roles(), "Reported", "Speech"),
        QuoteGroup((2, 3), roles(), "Direct", "Speech", is_nested=True),
    ]
    system = [QuoteGroup((1, 2, 3, 4), roles(), "Reported", "Speech")]
    assert (
        score_news({"d": gold}, {"d": system}, nested=False)["macro"]["quote"]["r"]
        == 1.0
    )
    assert score_news({"d": gold}, {"d": system})["macro"]["quote"]["r"] == 0.5


TEXT = "Die Ministerin sagte: „Wir bauen neu.“ Sie drohte mit Sanktionen."


def make_document(text: str = TEXT) -> NewsDocument:
    matches = list(re.finditer(r"\w+|[^\w\s]", text))
    breaks = [m.end() for m in matches if m.group() in "“" and m.end() < len(text)]
    sentence_ends = [*breaks, len(text)]
    tokens, sentences, sent, first = [], [], 0, 0
    for index, m in enumerate(matches):
        tokens.append(NewsToken(index, m.start(), m.end(), m.group(), sent))
        if m.end() == sentence_ends[sent]:
            sentences.append(
                NewsSentence(sent, matches[first].start(), m.end(), first, index + 1)
            )
            sent, first = sent + 1, index + 1
    return NewsDocument(
        "1", "1 - t", "t", None, text, tuple(tokens), tuple(sentences), ()
    )


def span(text: str, piece: str, start: int = 0) -> CharSpan:
    at = text.index(piece, start)
    return CharSpan(at, at + len(piece), piece)


def token_texts(doc: NewsDocument, ids: tuple[int, ...]) -> list[str]:
    return [doc.tokens[i].text for i in ids]


def test_statement_groups_follow_the_corpus_conventions() -> None:
    doc = make_document()
    direct = Statement(
        id="s1",
        kind="direct",
        cue=(span(TEXT, "sagte"),),
        source=(span(TEXT, "Die Ministerin"),),
        message=(span(TEXT, "Wir bauen neu"),),
        mode="speech",
    )
    reported = Statement(
        id="s2",
        kind="reported",
        cue=(span(TEXT, "drohte"),),
        source=(span(TEXT, "Sie"),),
        message=(span(TEXT, "mit Sanktionen"),),
    )
    nested = Statement(id="s3", kind="direct", message=(span(TEXT, "bauen"),))
    first, second, third = statement_groups(doc, [direct, reported, nested])
    assert token_texts(doc, first.quote) == ["„", "Wir", "bauen", "neu", ".", "“"]
    assert token_texts(doc, first.part("frame")) == ["Die", "Ministerin", "sagte"]
    assert token_texts(doc, first.part("cue")) == ["sagte"]
    assert (first.type, first.medium, first.is_nested) == ("Direct", "Speech", False)
    assert token_texts(doc, second.quote) == ["Sie", "drohte", "mit", "Sanktionen", "."]
    assert second.part("cue") == ()
    assert second.part("frame") == ()
    assert token_texts(doc, second.part("speaker")) == ["Sie"]
    assert (second.type, second.medium) == ("Reported", None)
    assert third.is_nested


@pytest.mark.shared
def test_score_news_gold_against_itself_is_perfect() -> None:
    from sayso.corpora.news_quotation import read_news_split

    docs = read_news_split(shared_path("data", "de-news-quotation", "data", "dev"))
    gold = {d.id: gold_groups(d) for d in docs}
    result = score_news(gold, gold)
    for part in ("quote", "roles", "joint"):
        assert result["macro"][part]["f1"] == pytest.approx(1.0)
    assert result["type"]["f1"] == pytest.approx(1.0)


@pytest.mark.shared
def test_score_news_equals_the_upstream_scorer() -> None:
    """Figures that upstream ``eval/eval.py`` printed for the same damaged dev output.

    Computed outside the repository by running the published scorer (with
    scipy) on :func:`perturbed_groups` ``(dev, seed=7)`` written in the
    corpus format.
    """
    from sayso.corpora.news_quotation import read_news_split

    docs = read_news_split(shared_path("data", "de-news-quotation", "data", "dev"))
    result = score_news({d.id: gold_groups(d) for d in docs}, perturbed_groups(docs, 7))
    upstream = {
        ("quote", "p"): 0.7798399010614042,
        ("quote", "r"): 0.7132476890245779,
        ("quote", "f1"): 0.7450587774414107,
        ("roles", "p"): 0.8292460206055096,
        ("roles", "r"): 0.6730761115144689,
        ("roles", "f1"): 0.7430439518991642,
        ("joint", "p"): 0.8130032444104608,
        ("joint", "r"): 0.6848923458001004,
        ("joint", "f1"): 0.7434693083369048,
    }
    for (part, key), value in upstream.items():
        assert result["macro"][part][key] == pytest.approx(value, abs=1e-12)
    assert result["type"]["p"] == pytest.approx(0.7168405365126677, abs=1e-12)
    assert result["type"]["r"] == pytest.approx(0.7366003062787136, abs=1e-12)
    assert result["medium"]["p"] == pytest.approx(0.6900149031296572, abs=1e-12)
    assert result["medium"]["r"] == pytest.approx(0.7090352220520674, abs=1e-12)
