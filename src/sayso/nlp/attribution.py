"""The ``sayso_attribution`` component: statements from the language layer's annotations.

It finds candidates (quotations, cues, Konjunktiv sentences) and then sets
annotations: one record per statement in ``doc.user_data`` (read back by
``doc._.statements``) and one span per role in ``doc.spans["sayso"]``.
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from sayso.nlp.extensions import SPANS_KEY, STATEMENTS_KEY, register


class Attribution:
    """Find statements in a doc and store them on it."""

    def __init__(self, lang: str) -> None:
        register()
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[dict[str, Any]]:
        """Statement records (character offsets into ``doc.text``)."""
        return []

    def set_annotations(self, doc: Doc, records: list[dict[str, Any]]) -> None:
        doc.user_data[STATEMENTS_KEY] = records
        spans = []
        for record in records:
            for role in ("cue", "source", "message", "addressee", "medium", "topic", "evidence"):
                for start, end in record.get(role, ()):
                    span = doc.char_span(start, end, label=role, alignment_mode="expand")
                    if span is not None:
                        span.id_ = record["id"]
                        spans.append(span)
        doc.spans[SPANS_KEY] = spans


@Language.factory(
    "sayso_attribution",
    default_config={"lang": "de"},
    assigns=["doc._.statements", "doc.spans"],
)
def make_attribution(nlp: Language, name: str, lang: str) -> Attribution:
    return Attribution(lang)
