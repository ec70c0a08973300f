"""Quotation spans in every style news uses."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sayso.nlp.quotes import find_quotes


def quoted(text: str) -> list[str]:
    return [text[q.start : q.end] for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Er sagte: „Wir kommen.“ Dann ging er.", ["Wir kommen."]),
        ("Er sagte: “We come.” Then he left.", ["We come."]),
        ("Sie sagte: »Das geht nicht.« Punkt.", ["Das geht nicht."]),
        ("Elle a dit: «Non merci» hier.", ["Non merci"]),
        ('Trump postete "Bleiben Sie dran!", sprach', ["Bleiben Sie dran!"]),
        ("Er nannte es ‚absurd‘.", ["absurd"]),
        ("Sie sprach von ›Verrat‹.", ["Verrat"]),
    ],
)
def test_find_quotes_every_style(text: str, expected: list[str]) -> None:
    assert quoted(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Wie geht’s dir?",
        "Peter's Hund bellt.",
        "Das ist Rock ’n’ Roll.",
        "Die 80er 'Jahre",
    ],
)
def test_find_quotes_ignores_apostrophes(text: str) -> None:
    assert quoted(text) == []


def test_find_quotes_nested() -> None:
    text = "Er sagte: „Das ist ‚absurd‘, wirklich.“"
    quotes = find_quotes(text)
    assert [(text[q.start : q.end], q.depth) for q in quotes] == [
        ("Das ist ‚absurd‘, wirklich.", 0),
        ("absurd", 1),
    ]


def test_find_quotes_unbalanced_ends_at_paragraph() -> None:
    text = "Sie sagte: „Das geht so nicht\n\nNeuer Absatz ohne Zitat."
    (quote,) = find_quotes(text)
    assert text[quote.start : quote.end] == "Das geht so nicht"
    assert not quote.closed


def test_find_quotes_over_paragraph_break() -> None:
    text = "„Erster Teil.\n\n„Zweiter Teil“, sagte sie."
    (quote,) = find_quotes(text)
    assert text[quote.start : quote.end] == "Erster Teil.\n\n„Zweiter Teil"
    assert quote.closed


def test_find_quotes_missing_inner_close() -> None:
    text = "„Er nannte es ‚absurd, wirklich.“ Danach Ruhe."
    outer = find_quotes(text)[0]
    assert text[outer.start : outer.end] == "Er nannte es ‚absurd, wirklich."


@given(st.text(alphabet=st.sampled_from(list("„“”\"»«‚‘’'›‹ ab.\n")), max_size=60))
def test_find_quotes_spans_inside_text(text: str) -> None:
    for quote in find_quotes(text):
        assert 0 <= quote.open_at < quote.start <= quote.end <= len(text)
        if quote.close_at is not None:
            assert quote.close_at == quote.end
