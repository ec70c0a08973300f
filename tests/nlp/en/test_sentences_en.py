"""The ``sayso_en_sentences`` component on texts of our own."""

from __future__ import annotations

import pytest

from tests.nlp.en.conftest import layer


def sentences(text: str) -> list[str]:
    return [s.text.strip() for s in layer("fallback")(text).sents if s.text.strip()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The mayor spoke. The governor did not.",
            ["The mayor spoke.", "The governor did not."],
        ),
        (
            "“We will win. They know it,” she said. He left.",
            ["“We will win. They know it,” she said.", "He left."],
        ),
        (
            'He said: "We will win. We always do." Then he left.',
            ['He said: "We will win. We always do."', "Then he left."],
        ),
        (
            "Sen. Maria Okafor and Mr. Lang met in the U.S. Capitol at 5 p.m. on "
            "Monday.",
            [
                "Sen. Maria Okafor and Mr. Lang met in the U.S. Capitol at 5 p.m. "
                "on Monday."
            ],
        ),
        ("They flew to the U.S. He stayed.", ["They flew to the U.S.", "He stayed."]),
        (
            "Bridge money must come now\n\nThe mayor spoke.",
            ["Bridge money must come now", "The mayor spoke."],
        ),
        ("“Is it over?” she asked.", ["“Is it over?” she asked."]),
    ],
    ids=[
        "plain",
        "quote-inside",
        "quote-after",
        "abbreviations",
        "final-abbr",
        "headline",
        "question-quote",
    ],
)
def test_sentences_en_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_sentences_en_unclosed_quote_ends_at_paragraph() -> None:
    text = "He said “we will win. Always.\n\nThe next day she spoke."
    assert sentences(text) == [
        "He said “we will win. Always.",
        "The next day she spoke.",
    ]
