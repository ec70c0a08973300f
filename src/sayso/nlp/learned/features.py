"""What the learned attribution model sees of a doc besides its token vectors.

For every token: hand-made features (quotation, Konjunktiv, finiteness, the
rules' cues and anchors, the domain). For a pair (anchor, token): relative
position, sentence and clause distance, and the role the rules gave the token
for that anchor. The rules run first; the model learns when to trust them.

An *anchor* is the token a statement hangs on: the first word of its cue, or
for a statement without a cue (continuation, free indirect, a quote standing
alone, a summarised act without cue) the first word of its message.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy
from spacy.attrs import ENT_TYPE, IS_SPACE, LOWER, ORTH, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc

from sayso.nlp import grammar as g
from sayso.nlp.candidate import Candidate
from sayso.nlp.extensions import konjunktiv_forms
from sayso.nlp.grammar import Range
from sayso.nlp.learned.labels import DOMAINS, RULE_ROLES
from sayso.nlp.lexicon import Lexicon, lemma_of

#: Relative positions (token - anchor) are put into these buckets.
_POSITION_EDGES = (-50, -20, -10, -5, -2, -1, 0, 1, 2, 3, 6, 11, 21, 51)
N_POSITION = len(_POSITION_EDGES) + 1
N_SENTENCE = 5  # -3 or more, -2, -1, 0, +1 or more sentences from the anchor
N_CLAUSE = 4  # 0, 1, 2, 3+ clause boundaries between token and anchor
N_RULE_ROLE = len(RULE_ROLES) + 1
PAIR_FEATURES = N_POSITION + N_SENTENCE + N_CLAUSE + 2 * N_RULE_ROLE + 3
TOKEN_FEATURES = 18 + len(DOMAINS)


def anchor_of(candidate: Candidate) -> int | None:
    """The anchor token of a candidate: its cue's first word, else its message's."""
    if candidate.cue:
        return min(a for a, _ in candidate.cue)
    if candidate.message:
        return min(a for a, _ in candidate.message)
    return None


@dataclass
class DocFeatures:
    """Per-doc arrays and lookups the model and the decoder share."""

    tokens: numpy.ndarray  # (n, TOKEN_FEATURES) float32
    sentence: numpy.ndarray  # (n,) sentence index of each token
    clause: numpy.ndarray  # (n,) running clause-boundary count
    quote: numpy.ndarray  # (n,) quote id + 1, or 0 outside quotes
    rule_roles: (
        numpy.ndarray
    )  # (n,) any rule role of the token (index into RULE_ROLES + 1)
    rules: dict[int, Candidate]  # rule candidates by anchor
    sentence_starts: numpy.ndarray  # token index where each sentence starts

    def window(
        self, anchor: int, *, before: int = 3, after: int = 1, limit: int = 160
    ) -> Range:
        """Tokens around an anchor: ``before`` sentences back, ``after`` ahead."""
        s = int(self.sentence[anchor])
        starts = self.sentence_starts
        start = int(starts[max(0, s - before)])
        end = (
            int(starts[s + after + 1])
            if s + after + 1 < len(starts)
            else len(self.sentence)
        )
        return max(start, anchor - limit), min(end, anchor + limit + 1)

    def rule_roles_for(self, anchor: int, start: int, end: int) -> numpy.ndarray:
        """The rules' role of each token ``start..end`` for the statement at anchor."""
        out = numpy.zeros(end - start, dtype="int32")
        candidate = self.rules.get(anchor)
        if candidate is None:
            return out
        for index, role in enumerate(RULE_ROLES, start=1):
            for a, b in getattr(candidate, role):
                lo, hi = max(a, start), min(b, end)
                if hi > lo:
                    out[lo - start : hi - start] = index
        return out


def token_features(
    doc: Doc,
    candidates: list[Candidate],
    quotes: list[Range],
    lexicon: Lexicon,
    domain: str,
    known_clauses: dict[int, list[g.Clause]] | None = None,
) -> DocFeatures:
    """The :class:`DocFeatures` of a doc the language layer and rules have seen.

    ``known_clauses``: the clauses the rules found, by sentence start."""
    n = len(doc)
    feats = numpy.zeros((n, TOKEN_FEATURES), dtype="float32")
    quote_id = numpy.zeros(n, dtype="int32")
    for number, (a, b) in enumerate(quotes, start=1):
        quote_id[a:b] = number
        feats[a:b, 0] = 1.0
        outer = g.outer(doc, (a, b))
        feats[outer[0], 1] = 1.0  # opening mark
        if outer[1] > b:
            feats[outer[1] - 1, 2] = 1.0  # closing mark
    sentence = numpy.zeros(n, dtype="int32")
    clause = numpy.zeros(n, dtype="int32")
    starts: list[int] = []
    boundary = 0
    for number, sent in enumerate(doc.sents):
        starts.append(sent.start)
        sentence[sent.start : sent.end] = number
        feats[sent.start, 3] = 1.0
        found = known_clauses.get(sent.start) if known_clauses else None
        if found is None:
            found = g.clauses(doc, sent.start, sent.end, quotes)
        for clause_ in found:
            boundary += 1
            clause[clause_.start : sent.end] = boundary
    _word_features(doc, feats, lexicon)
    rule_roles = numpy.zeros(n, dtype="int32")
    rules: dict[int, Candidate] = {}
    for candidate in candidates:
        anchor = anchor_of(candidate)
        if anchor is None:
            continue
        rules.setdefault(anchor, candidate)
        feats[anchor, 14 if candidate.cue else 15] = 1.0
        for a, b in candidate.cue:
            feats[a:b, 16] = 1.0
        for index, role in enumerate(RULE_ROLES, start=1):
            for a, b in getattr(candidate, role):
                rule_roles[a:b] = numpy.where(
                    rule_roles[a:b] == 0, index, rule_roles[a:b]
                )
    feats[:, 17] = rule_roles > 0
    feats[:, 18 + DOMAINS.index(domain)] = 1.0
    return DocFeatures(
        tokens=feats,
        sentence=sentence,
        clause=clause,
        quote=quote_id,
        rule_roles=rule_roles,
        rules=rules,
        sentence_starts=numpy.asarray(starts, dtype="int32"),
    )


def _word_features(doc: Doc, feats: numpy.ndarray, lexicon: Lexicon) -> None:
    """Columns 4–13: Konjunktiv I and II, finite, verb, comma, colon, a word of
    the cue lexicon, person, organisation or place, line break. Read as
    arrays (the language layer's per-token attributes, hashed) rather than
    token by token."""
    strings = doc.vocab.strings
    orth, lower, tag, ent, space = doc.to_array(
        [ORTH, LOWER, TAG, ENT_TYPE, IS_SPACE]
    ).T
    forms = konjunktiv_forms(doc)
    feats[:, 4] = forms == 1
    feats[:, 5] = forms == 2
    subjunctive = forms > 0
    tags = numpy.asarray([strings[h] for h in tag.tolist()], dtype=object)
    untagged = tags == ""
    feats[:, 6] = subjunctive | numpy.isin(tags, list(g.FINITE_TAGS))
    feats[:, 7] = subjunctive | numpy.asarray([t[:1] == "V" for t in tags], bool)
    for i in numpy.flatnonzero(untagged).tolist():
        token = doc[i]
        feats[i, 6], feats[i, 7] = g.is_finite(token), g.is_verb(token)
    feats[:, 8] = orth == strings[","]
    feats[:, 9] = orth == strings[":"]
    feats[:, 10] = [_in_lexicon(h, strings, lexicon) for h in lower.tolist()]
    feats[:, 11] = ent == strings["PER"]
    feats[:, 12] = (ent == strings["ORG"]) | (ent == strings["LOC"])
    for i in numpy.flatnonzero(space).tolist():
        feats[i, 13] = "\n" in doc[i].text


def _in_lexicon(lower: int, strings: StringStore, lexicon: Lexicon) -> bool:
    """Whether a word (its lower-case form's hash) is a verb of the cue lexicon."""
    return lemma_of(strings[lower]) in lexicon.verbs  # lemma_of keeps a cache


def pair_features(
    features: DocFeatures, anchor: int, start: int, end: int
) -> numpy.ndarray:
    """Features of each (anchor, token) pair for tokens ``start..end``."""
    count = end - start
    out = numpy.zeros((count, PAIR_FEATURES), dtype="float32")
    rows = numpy.arange(count)
    positions = numpy.arange(start, end) - anchor
    out[rows, numpy.searchsorted(_POSITION_EDGES, positions, side="right")] = 1.0
    offset = N_POSITION
    sentences = (
        numpy.clip(features.sentence[start:end] - features.sentence[anchor], -3, 1) + 3
    )
    out[rows, offset + sentences] = 1.0
    offset += N_SENTENCE
    clauses = numpy.clip(
        numpy.abs(features.clause[start:end] - features.clause[anchor]), 0, 3
    )
    out[rows, offset + clauses] = 1.0
    offset += N_CLAUSE
    out[rows, offset + features.rule_roles_for(anchor, start, end)] = 1.0
    offset += N_RULE_ROLE
    out[rows, offset + features.rule_roles[start:end]] = 1.0
    offset += N_RULE_ROLE
    quote = features.quote[start:end]
    anchor_quote = features.quote[anchor]
    out[:, offset] = (quote > 0) & (quote == anchor_quote)
    out[:, offset + 1] = quote > 0
    out[:, offset + 2] = positions == 0
    return out
