"""Speakers: from the source as written to a resolved name.

``US-Außenminister Rubio`` → ``Marco Rubio`` (titles stay in the source span,
the name is completed from a fuller mention elsewhere in the article);
``Er`` → the nearest earlier speaker that a personal pronoun can refer to;
``Merz (CDU), von der Leyen und Meloni`` → three names; ``Die russische
Regierung`` → ``russische Regierung``. Statements without a source of their
own (continuations, quotes standing alone, a second verb sharing the
subject) take speaker and source from the statement they continue.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from sayso.nlp import grammar as g
from sayso.nlp.candidate import Candidate
from sayso.nlp.grammar import Range

_PERSONAL = frozenset({"er", "sie", "ihm", "ihr", "ihnen"})
_DETERMINERS = frozenset(
    {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen"}
)
_GENITIVE_S = re.compile(r"(?<=[a-zäöüß])s$")


def _name_mentions(doc: Doc) -> list[tuple[int, int, str]]:
    """Person names in the doc: entities labelled PER, else runs of proper nouns."""
    mentions = [(e.start, e.end, e.text) for e in doc.ents if e.label_ == "PER"]
    if mentions or doc.has_annotation("ENT_IOB"):
        return mentions
    runs: list[tuple[int, int, str]] = []
    i = 0
    while i < len(doc):
        if doc[i].tag_ == "NE":
            j = i
            while j < len(doc) and doc[j].tag_ == "NE":
                j += 1
            runs.append((i, j, doc[i:j].text))
            i = j
        else:
            i += 1
    return runs


def _full_name(short: str, names: list[str]) -> str:
    """The longest name in the article that ends with the same word as ``short``."""
    last = short.split()[-1]
    best = short
    for name in names:
        if name.split()[-1] == last and len(name) > len(best):
            best = name
    return best


def _names_in(doc: Doc, source: Range, mentions: list[tuple[int, int, str]]) -> list[tuple[int, str]]:
    a, b = source
    found = [(s, text) for s, e, text in mentions if s >= a and e <= b]
    if found:
        return found
    orgs = [(e.start, e.text) for e in doc.ents if e.start >= a and e.end <= b and e.label_ in ("ORG", "LOC")]
    return orgs


def _plain(doc: Doc, source: Range) -> str:
    """The source without leading determiners and punctuation: ``russische Regierung``."""
    a, b = g.strip_range(doc, source)
    while a < b and doc[a].lower_ in _DETERMINERS:
        a += 1
    return doc[a:b].text if b > a else doc[source[0] : source[1]].text


def _is_pronoun(doc: Doc, source: Range) -> bool:
    a, b = source
    return b - a == 1 and doc[a].lower_ in _PERSONAL


def resolve(doc: Doc, candidates: list[Candidate]) -> None:
    """Fill ``speaker`` (and a borrowed ``source``) of every candidate, in text order."""
    mentions = _name_mentions(doc)
    full_names = [text for _, _, text in mentions]
    person_tokens = {k for s, e, _ in mentions for k in range(s, e)}
    ordered = sorted(candidates, key=lambda c: c.anchor)
    done: list[Candidate] = []
    for candidate in ordered:
        if candidate.source and not _is_pronoun(doc, candidate.source[0]):
            names = _names_in(doc, candidate.source[0], mentions)
            if names:
                candidate.speaker = [_full_name(text, full_names) for _, text in names]
            else:
                candidate.speaker = [_plain(doc, candidate.source[0])]
        elif candidate.source:
            antecedent = _pronoun_antecedent(doc, candidate, done, person_tokens)
            if antecedent is not None:
                candidate.speaker = list(antecedent.speaker)
                candidate.antecedent = antecedent
            else:
                candidate.speaker = []
        else:
            antecedent = candidate.antecedent or _shared_subject(candidate, done)
            if antecedent is not None:
                candidate.speaker = list(antecedent.speaker)
                candidate.source = list(antecedent.source)
        done.append(candidate)


def _pronoun_antecedent(
    doc: Doc, candidate: Candidate, done: list[Candidate], person_tokens: set[int]
) -> Candidate | None:
    """The nearest earlier top-level statement by a person (or any, failing that)."""
    plural = "Plur" in doc[candidate.source[0][0]].morph.get("Number")
    fallback: Candidate | None = None
    for previous in reversed(done):
        if not previous.speaker or previous.parent is not None:
            continue
        if candidate.anchor - previous.anchor > 120:
            break
        by_person = previous.source and (
            any(k in person_tokens for k in range(*previous.source[0]))
            or previous.antecedent is not None
        )
        if by_person and not plural:
            return previous
        if fallback is None:
            fallback = previous
    return fallback


def _shared_subject(candidate: Candidate, done: list[Candidate]) -> Candidate | None:
    """``Selenskyj sprach von … und teilte … mit``: the second verb shares the subject."""
    if "shared_subject" not in candidate.rule or not done:
        return None
    previous = done[-1]
    if candidate.anchor - previous.anchor > 40:
        return None
    return previous
