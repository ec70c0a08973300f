"""The grammar helpers' shortcuts agree with the plain tests."""

from __future__ import annotations

from sayso.nlp import grammar as g
from tests.conftest import tagged_doc


def test_finite_and_verb_agrees_with_is_finite_and_is_verb() -> None:
    doc = tagged_doc(
        "Er/PPER sagte/VVFIN ,/$, sie/PPER müssten/ADV/K2 kommen/VVINF ,/$, "
        "das/PDS sei/VAFIN/K1 gut/ADJD und/KON gesagt/VVPP ./$."
    )
    for token in doc:
        assert g.finite_and_verb(token, token._.konjunktiv) == (
            g.is_finite(token),
            g.is_verb(token),
        ), token.text
    assert g.finite_and_verb(doc[4], doc[4]._.konjunktiv) == (True, True)  # müssten
