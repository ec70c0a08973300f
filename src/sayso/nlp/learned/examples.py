"""Training examples: a processed doc, its features, and the gold anchors and roles.

Gold statements come from any corpus as :class:`~sayso.model.Statement`
objects with character spans; they are mapped onto our own tokens here, so the
model is trained on exactly what it sees at run time (our tokenizer, our
language layer, our rules).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from sayso.model import CharSpan, Statement
from sayso.nlp.grammar import Clause, Range
from sayso.nlp.learned.features import DocFeatures, pair_features, token_features
from sayso.nlp.learned.labels import ANCHOR_LABELS, ROLE_LABELS, UNANNOTATED
from sayso.nlp.learned.model import FEATURES_KEY
from sayso.nlp.lexicon import lemma_of, load_lexicon
from sayso.nlp.rules import find_candidates, quote_ranges

#: Role labels in the order they win when a token has several (cue first).
_PRIORITY = ("CUE", "SOURCE", "ADDRESSEE", "MEDIUM", "TOPIC", "EVIDENCE", "MESSAGE")
_ROLE_OF_LABEL = {
    "CUE": "cue",
    "SOURCE": "source",
    "ADDRESSEE": "addressee",
    "MEDIUM": "medium",
    "TOPIC": "topic",
    "EVIDENCE": "evidence",
    "MESSAGE": "message",
}
_CUELESS_ANCHORS = frozenset(label for label in ANCHOR_LABELS if label.startswith("A_"))


@dataclass
class Example:
    """One document ready for training or scoring."""

    doc: Doc
    features: DocFeatures
    domain: str
    anchor_target: numpy.ndarray  # (n, anchor labels) bool: allowed labels
    anchors: list[tuple[int, int, int, numpy.ndarray]]
    role_targets: list[numpy.ndarray]  # per anchor: (window, role labels) bool


def prepare_doc(doc: Doc, domain: str, lang: str = "de") -> DocFeatures:
    """Run the rules on a language-layer doc and attach the model's token features."""
    quotes = quote_ranges(doc)
    clauses: dict[int, list[Clause]] = {}
    candidates = find_candidates(doc, lang, quotes=quotes, clauses_out=clauses)
    features = token_features(
        doc, candidates, quotes, load_lexicon(lang), domain, clauses
    )
    doc.user_data[FEATURES_KEY] = features.tokens
    return features


def _tokens(doc: Doc, spans: Sequence[CharSpan]) -> list[int]:
    out: list[int] = []
    for span in spans:
        piece = doc.char_span(span.start, span.end, alignment_mode="expand")
        if piece is not None:
            out.extend(t.i for t in piece if not t.is_space)
    return sorted(set(out))


def _main_cue_word(doc: Doc, cue: list[int]) -> int:
    """The word that carries a cue: a reporting verb or noun, not ``hat`` or ``es``.

    The corpora mark auxiliaries as part of the cue (``hat … angekündigt``); the
    anchor is the word a reader would call the cue.
    """
    lexicon = load_lexicon("de")

    def rank(i: int) -> int:
        token = doc[i]
        if lemma_of(token.text.lower()) in lexicon.verbs:
            return 0
        if token.tag_.startswith("VV") or token.tag_ in ("APPR", "APPO", "ADV"):
            return 1
        if token.tag_ in ("NN", "NE"):
            return 2
        if token.tag_.startswith("VA") or token.tag_.startswith("VM"):
            return 4
        return 3

    return min(cue, key=lambda i: (rank(i), i))


def _anchor(doc: Doc, statement: Statement) -> tuple[int, str] | None:
    """The anchor token of a gold statement and its anchor label."""
    cue = _tokens(doc, statement.cue)
    if cue:
        return _main_cue_word(doc, cue), "CUE"
    message = [i for i in _tokens(doc, statement.message) if not doc[i].is_punct]
    if not message:
        return None
    return message[
        0
    ], f"A_{statement.kind if statement.kind != 'headline' else 'direct'}"


def make_example(
    nlp: Language, text: str, statements: Sequence[Statement], domain: str
) -> Example:
    """Process ``text`` and turn its gold ``statements`` into model targets."""
    doc = nlp(text)
    features = prepare_doc(doc, domain)
    n = len(doc)
    anchor_target = numpy.zeros((n, len(ANCHOR_LABELS)), dtype=bool)
    anchor_target[:, 0] = True
    if domain == "parliament":  # the parliament corpus marks no cue-less statements
        for label in _CUELESS_ANCHORS:
            anchor_target[:, ANCHOR_LABELS.index(label)] = True
    anchors: list[tuple[int, int, int, numpy.ndarray]] = []
    role_targets: list[numpy.ndarray] = []
    seen: set[int] = set()
    unannotated = [ROLE_LABELS.index(label) for label in UNANNOTATED[domain]]
    for statement in statements:
        found = _anchor(doc, statement)
        if found is None or found[0] in seen:
            continue
        anchor, label = found
        seen.add(anchor)
        anchor_target[anchor] = False
        anchor_target[anchor, ANCHOR_LABELS.index(label)] = True
        for other in _tokens(doc, statement.cue):
            if other != anchor and other not in seen:
                anchor_target[other] = False
                anchor_target[other, ANCHOR_LABELS.index("CUE_I")] = True
        start, end = features.window(anchor)
        target = numpy.zeros((end - start, len(ROLE_LABELS)), dtype=bool)
        labels = _role_labels(doc, statement, start, end)
        target[numpy.arange(end - start), labels] = True
        outside = labels == 0
        for column in unannotated:
            target[outside, column] = True
        anchors.append(
            (anchor, start, end, pair_features(features, anchor, start, end))
        )
        role_targets.append(target)
    return Example(doc, features, domain, anchor_target, anchors, role_targets)


def _role_labels(doc: Doc, statement: Statement, start: int, end: int) -> numpy.ndarray:
    labels = numpy.zeros(end - start, dtype="int32")
    for label in reversed(_PRIORITY):  # higher priority written last, so it wins
        for i in _tokens(doc, statement.spans(_ROLE_OF_LABEL[label])):  # type: ignore[arg-type]
            if start <= i < end:
                labels[i - start] = ROLE_LABELS.index(label)
    return labels


def ranges(indices: Sequence[int]) -> list[Range]:
    """Runs of consecutive token indices as half-open ranges."""
    out: list[Range] = []
    for i in sorted(indices):
        if out and out[-1][1] == i:
            out[-1] = (out[-1][0], i + 1)
        else:
            out.append((i, i + 1))
    return out
