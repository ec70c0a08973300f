"""Helpers for the English rule tests: texts of our own, read by either layer.

``fallback`` is spaCy's English tokenizer with sayso's quote-aware sentence rules
and no tags (the lexical alternative measured in ``docs/english.md``):
deterministic, no statistical model. ``en_core`` is the shipped layer with the
Penn tagger; the rules must work on both.
"""

from __future__ import annotations

import functools

import pytest
from spacy.language import Language

from sayso.model import Statement
from sayso.nlp.attribution import Attribution
from sayso.nlp.language import blank_language, load_language

LAYERS = ("fallback", "en_core")


@functools.cache
def layer(name: str) -> Language:
    if name == "en_core":
        return load_language("en")
    from sayso.nlp.en import sentences  # noqa: F401  # registers the component

    nlp = blank_language("en")
    nlp.add_pipe("sayso_en_sentences")
    return nlp


def extract_en(text: str, layer_name: str = "fallback") -> list[Statement]:
    """The statements the English rules find in ``text``."""
    doc = layer(layer_name)(text)
    Attribution("en", rules_only=True)(doc)
    return list(doc._.statements)


def texts(spans: tuple[object, ...]) -> list[str]:
    return [span.text for span in spans]  # type: ignore[attr-defined]


def describe(found: list[Statement]) -> list[tuple[str, list[str], list[str]]]:
    return [(s.kind, texts(s.cue), texts(s.message)) for s in found]


def by_cue(found: list[Statement], cue: str) -> Statement:
    """The one statement whose cue is ``cue``."""
    hits = [s for s in found if " ".join(texts(s.cue)) == cue]
    assert len(hits) == 1, describe(found)
    return hits[0]


@pytest.fixture(params=LAYERS)
def layer_name(request: pytest.FixtureRequest) -> str:
    return str(request.param)
