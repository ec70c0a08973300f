"""All ``Doc`` and ``Token`` extensions sayso sets, registered idempotently.

- ``Token._.konjunktiv``: ``"I"``, ``"II"`` or ``None``; the subjunctive form of a
  finite verb (set by the language layer's ``sayso_konjunktiv`` component).
- ``Doc._.statements``: the statements found in the doc, as
  :class:`~sayso.model.Statement` objects with offsets into ``doc.text``
  (a getter over ``doc.user_data``, so it survives ``DocBin`` with user data).
"""

from __future__ import annotations

from typing import Any

import numpy
from spacy.attrs import IDX
from spacy.tokens import Doc, Token

from sayso.model import ROLES, CharSpan, Producer, Statement

#: Key in ``doc.user_data`` under which the attribution component stores its records.
STATEMENTS_KEY = "sayso_statements"
#: Name of the span group with one span per role of every statement (label = role).
SPANS_KEY = "sayso"


def register() -> None:
    """Register the extensions once (safe to call repeatedly)."""
    if not Token.has_extension("konjunktiv"):
        Token.set_extension("konjunktiv", default=None)
    if not Doc.has_extension("statements"):
        Doc.set_extension("statements", getter=get_statements)


#: Where spaCy keeps a token extension's value: ``doc.user_data`` under
#: (this prefix, the token's character offset, None).
_KONJUNKTIV_KEY = ("._.", "konjunktiv")


def konjunktiv_of(token: Token) -> str | None:
    """``token._.konjunktiv``, read straight from where spaCy keeps it: the
    same value without building an ``Underscore`` object on every access,
    which the rules' per-token loops do tens of thousands of times per
    article batch."""
    data: dict[Any, Any] = token.doc.user_data  # keyed by tuples, typed by str
    value = data.get((*_KONJUNKTIV_KEY, token.idx, None))
    return None if value is None else str(value)


def konjunktiv_forms(doc: Doc) -> numpy.ndarray[Any, Any]:
    """:func:`konjunktiv_of` for every token at once: 1 for Konjunktiv I, 2
    for II, 0 for neither."""
    forms = numpy.zeros(len(doc), dtype="int8")
    data: dict[Any, Any] = doc.user_data
    marked = {
        key[2]: value
        for key, value in data.items()
        if isinstance(key, tuple)
        and key[:2] == _KONJUNKTIV_KEY
        and key[3:] == (None,)
        and value
    }
    if marked:
        for i, offset in enumerate(doc.to_array(IDX).tolist()):
            value = marked.get(offset)
            if value is not None:
                forms[i] = 1 if value == "I" else 2
    return forms


def get_statements(doc: Doc) -> list[Statement]:
    """Build :class:`Statement` objects from the records in ``doc.user_data``."""
    records: list[dict[str, Any]] = doc.user_data.get(STATEMENTS_KEY, [])
    text = doc.text  # built from the tokens on every access: once per doc
    return [_statement(text, record) for record in records]


def _statement(text: str, record: dict[str, Any]) -> Statement:
    roles = {
        role: tuple(CharSpan.of(text, a, b) for a, b in record.get(role, ()))
        for role in ROLES
    }
    speaker = record.get("speaker")
    if isinstance(speaker, list):
        speaker = tuple(speaker)
    return Statement(
        id=record["id"],
        kind=record["kind"],
        speaker=speaker,
        mode=record.get("mode"),
        hearsay=bool(record.get("hearsay")),
        negated=bool(record.get("negated")),
        parent=record.get("parent"),
        confidence=float(record.get("confidence", 1.0)),
        producer=Producer.parse(record.get("producer", "unknown@0")),
        **roles,  # type: ignore[arg-type]  # keys are the role fields
    )
