"""The English cue lexicon: forms, frames and word classes."""

from __future__ import annotations

import pytest

from sayso.nlp.en.lexicon import inflections, load_english_lexicon, normal


@pytest.mark.parametrize(
    ("lemma", "forms"),
    [
        ("claim", {"claim", "claims", "claimed", "claiming"}),
        ("note", {"note", "notes", "noted", "noting"}),
        ("deny", {"deny", "denies", "denied", "denying"}),
        ("stress", {"stress", "stresses", "stressed", "stressing"}),
        ("agree", {"agree", "agrees", "agreed", "agreeing"}),
    ],
)
def test_lexicon_en_inflections(lemma: str, forms: set[str]) -> None:
    assert inflections(lemma) == forms


@pytest.mark.parametrize(
    ("form", "lemma"),
    [("said", "say"), ("told", "tell"), ("wrote", "write"), ("admitted", "admit")],
)
def test_lexicon_en_irregular_forms(form: str, lemma: str) -> None:
    assert lemma in [verb.lemma for verb in load_english_lexicon().verbs(form)]


def test_lexicon_en_phrasal_verb_first() -> None:
    verbs = load_english_lexicon().verbs("called")
    assert verbs[0].particle is not None
    assert "call" in [verb.lemma for verb in verbs]


@pytest.mark.parametrize(
    ("cls", "word"),
    [
        ("hearsay", "reportedly"),
        ("title", "Sen."),
        ("medium_name", "Twitter"),
        ("negation", "n’t"),
    ],
)
def test_lexicon_en_word_classes(cls: str, word: str) -> None:
    assert load_english_lexicon().is_a(cls, word)


def test_lexicon_en_phrases() -> None:
    lexicon = load_english_lexicon()
    assert ("according", "to") in lexicon.phrases["prep_cue"]
    assert ("fox", "news") in lexicon.phrases["medium_name"]


def test_lexicon_en_normal() -> None:
    assert normal("Didn’t") == "didn't"
