"""The English language layer: loads offline from the package, fast, with tags."""

from __future__ import annotations

import socket
import time

import pytest

from sayso.nlp.language import load_pipeline, model_path
from tests.nlp.en.conftest import layer


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("network disabled in this test")

    monkeypatch.setattr(socket.socket, "connect", refuse)


@pytest.mark.model
def test_language_en_loads_offline_quickly(no_network: None) -> None:
    started = time.perf_counter()
    nlp = load_pipeline(model_path("en"))
    seconds = time.perf_counter() - started
    assert nlp.pipe_names == [
        "sayso_en_sentences",
        "tok2vec",
        "tagger",
        "morphologizer",
    ]
    assert seconds < 2.0
    doc = nlp("“We will win,” Sen. Maria Okafor said. She left.")
    assert doc.has_annotation("TAG")
    assert [s.text for s in doc.sents] == [
        "“We will win,” Sen. Maria Okafor said.",
        "She left.",
    ]


@pytest.mark.model
def test_language_en_ships_a_model_card() -> None:
    card = (model_path("en") / "MODEL_CARD.md").read_text(encoding="utf-8")
    assert "CC BY-SA 4.0" in card
    assert "sayso train language-en" in card
    size = sum(p.stat().st_size for p in model_path("en").rglob("*") if p.is_file())
    assert size < 20_000_000


def test_language_en_sentences_without_model() -> None:
    doc = layer("fallback")("“One. Two,” he said. Three.")
    assert len(list(doc.sents)) == 2
