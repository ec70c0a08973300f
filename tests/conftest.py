"""Shared fixtures: one conftest for the whole suite, the source of every fixture."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"

settings.register_profile(
    "sayso",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    max_examples=60,
)
settings.load_profile("sayso")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the golden files under tests/golden from the current output",
    )


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip the test with the reason."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(
            f"needs {path} (the shared data folder beside the checkout); absent here"
        )
    return path


@pytest.fixture
def shared() -> Path:
    return shared_path()


_NO_SPACE_BEFORE = frozenset(",.:;!?)")
_NO_SPACE_AFTER = frozenset("(")
_OPENING = frozenset("„‚")
_CLOSING = frozenset("“‘")
_PARTNER = {'"': '"', "'": "'", "»": "«", "«": "»", "›": "‹", "‹": "›"}


def tagged_doc(notation: str) -> Doc:
    """A German ``Doc`` built by hand, as spaCy's own tests do: no model involved.

    One sentence per line; tokens ``word/TAG``, optionally ``/PER`` (or ORG, LOC,
    MISC) for a name and ``/K1`` or ``/K2`` for a Konjunktiv verb; a line ``¶``
    is a paragraph break. Straight quotes open or close by turns.
    """
    from spacy.tokens import Doc

    from sayso.nlp.extensions import register

    register()
    nlp = _blank_de()
    words: list[str] = []
    tags: list[str] = []
    ents: list[str] = []
    konj: list[str | None] = []
    starts: list[bool] = []
    spaces: list[bool] = []
    marks: list[str] = []  # quotation marks open so far
    opened: set[int] = set()  # indices of opening marks
    for line in notation.strip().splitlines():
        line = line.strip()
        if not line:
            continue
        if line == "¶":
            if spaces:
                spaces[-1] = False
            words.append("\n\n")
            tags.append("_SP")
            ents.append("O")
            konj.append(None)
            starts.append(False)
            spaces.append(False)
            continue
        first = True
        for item in line.split(" "):
            word, tag, *rest = item.split("/") if item.count("/") else (item, "XY")
            if item.startswith("/"):
                word, tag, rest = "/", "$(", []
            label = next((r for r in rest if r in ("PER", "ORG", "LOC", "MISC")), None)
            previous = ents[-1][2:] if ents and ents[-1] != "O" else None
            ents.append(
                "O"
                if label is None
                else ("I-" if previous == label and not first else "B-") + label
            )
            konj.append("I" if "K1" in rest else "II" if "K2" in rest else None)
            closing = word in _CLOSING or (
                word in _PARTNER and bool(marks) and marks[-1] == _PARTNER[word]
            )
            opening = word in _OPENING or (word in _PARTNER and not closing)
            if closing and marks:
                marks.pop()
            after_open = bool(words) and (len(words) - 1) in opened
            if words and (
                word in _NO_SPACE_BEFORE
                or closing
                or words[-1][-1:] in _NO_SPACE_AFTER
                or after_open
            ):
                spaces[-1] = False
            if opening:
                marks.append(word)
                opened.add(len(words))
            words.append(word)
            tags.append(tag)
            starts.append(first)
            spaces.append(True)
            first = False
    spaces[-1] = False
    doc = Doc(
        nlp.vocab, words=words, spaces=spaces, tags=tags, sent_starts=starts, ents=ents
    )
    for token, form in zip(doc, konj, strict=True):
        token._.konjunktiv = form
        if token.tag_ == "_SP":
            token.tag_ = ""
    return doc


def _blank_de() -> Language:
    import spacy

    global _BLANK
    if _BLANK is None:
        _BLANK = spacy.blank("de")
    return _BLANK


_BLANK: Language | None = None
