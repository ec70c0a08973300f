"""The ``sayso_attribution`` component: statements from the language layer.

It finds candidates (quotations, cues, Konjunktiv sentences) and then sets
annotations: one record per statement in ``doc.user_data`` (read back by
``doc._.statements``) and one span per role in ``doc.spans["sayso"]``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.language import Language
from spacy.tokens import Doc

from sayso.model import ROLES
from sayso.nlp.candidate import Candidate, to_record
from sayso.nlp.extensions import SPANS_KEY, STATEMENTS_KEY, register
from sayso.nlp.language import MODELS_DIR
from sayso.nlp.rules import find_candidates, quote_ranges

if TYPE_CHECKING:
    from sayso.nlp.learned.component import LearnedAttribution

__all__ = ["Attribution", "find_candidates", "quote_ranges"]


class Attribution:
    """Find statements in a doc and store them on it.

    With a trained model (``model`` names its folder, else the environment
    variable ``SAYSO_ATTRIBUTION_MODEL``, else the one shipped in the package,
    ``sayso/models/<lang>_attribution``) the rules' findings are features of
    the learned anchor and role tagger; without one, the rules alone decide.
    ``domain`` (``news`` or ``parliament``) tells the model whose annotation
    conventions to follow.
    """

    def __init__(
        self,
        lang: str,
        *,
        model: str | None = None,
        domain: str = "news",
        rules_only: bool = False,
    ) -> None:
        register()
        self.lang = lang
        self.domain = domain
        self.learned: LearnedAttribution | None = None
        if not rules_only:
            chosen = model or os.environ.get("SAYSO_ATTRIBUTION_MODEL")
            path = Path(chosen) if chosen else MODELS_DIR / f"{lang}_attribution"
            if (path / "model.bin").exists():
                from sayso.nlp.learned.component import LearnedAttribution

                self.learned = LearnedAttribution.load(path, lang=lang, domain=domain)

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.find(doc))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """Annotate a stream of docs; the learned model encodes them in batches."""
        if self.learned is None:
            for doc in docs:
                yield self(doc)
            return
        for batch in _batches(docs, batch_size):
            for doc, found in zip(
                batch, self.learned.find_many(list(batch)), strict=True
            ):
                self.set_annotations(doc, self._records(doc, found))
                yield doc

    def candidates(self, doc: Doc) -> list[Candidate]:
        """Statements under construction, in text order: the model's or the rules'."""
        if self.learned is not None:
            return self.learned.find(doc)
        return find_candidates(doc, self.lang)

    def find(self, doc: Doc) -> list[dict[str, Any]]:
        """Statement records (character offsets into ``doc.text``)."""
        return self._records(doc, self.candidates(doc))

    def _records(self, doc: Doc, candidates: list[Candidate]) -> list[dict[str, Any]]:
        ids = {id(c): f"s{n}" for n, c in enumerate(candidates, start=1)}
        return [
            to_record(doc, c, ids[id(c)], ids.get(id(c.parent)) if c.parent else None)
            for c in candidates
        ]

    def set_annotations(self, doc: Doc, records: list[dict[str, Any]]) -> None:
        doc.user_data[STATEMENTS_KEY] = records
        spans = []
        for record in records:
            for role in ROLES:
                for start, end in record.get(role, ()):
                    span = doc.char_span(
                        start, end, label=role, alignment_mode="expand"
                    )
                    if span is not None:
                        span.id_ = record["id"]
                        spans.append(span)
        doc.spans[SPANS_KEY] = spans


def _batches(docs: Iterable[Doc], size: int) -> Iterator[list[Doc]]:
    batch: list[Doc] = []
    for doc in docs:
        batch.append(doc)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


@Language.factory(
    "sayso_attribution",
    default_config={"lang": "de", "model": None, "domain": "news", "rules_only": False},
    assigns=["doc._.statements", "doc.spans"],
)
def make_attribution(
    nlp: Language,
    name: str,
    lang: str,
    model: str | None,
    domain: str,
    rules_only: bool,
) -> Attribution:
    return Attribution(lang, model=model, domain=domain, rules_only=rules_only)
