"""The rule engine: statements from quotations, cues and Konjunktiv, sentence-wise.

:func:`find_candidates` runs the German rules of :mod:`sayso.nlp.cues`,
:mod:`sayso.nlp.roles`, :mod:`sayso.nlp.discourse` and
:mod:`sayso.nlp.speakers` over a doc the language layer has annotated.
"""

from __future__ import annotations

from functools import partial

from spacy.tokens import Doc

from sayso.nlp import discourse, speakers
from sayso.nlp import grammar as g
from sayso.nlp.candidate import Candidate
from sayso.nlp.cues import (
    prepositional_cues,
    verbal_cues,
)
from sayso.nlp.grammar import Range
from sayso.nlp.lexicon import load_lexicon
from sayso.nlp.quotes import find_quotes
from sayso.nlp.repairs import repair_tags
from sayso.nlp.roles import (
    Sentence,
    prepositional_statement,
    quoted_person,
    quoting_outlet,
    sentence_subject,
    verbal_statement,
)


def quote_ranges(doc: Doc) -> list[Range]:
    """Token ranges of the quotations in ``doc`` (content, without the marks)."""
    ranges: list[Range] = []
    for quote in find_quotes(doc.text):
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is not None and len(span):
            ranges.append((span.start, span.end))
    return ranges


def find_candidates(
    doc: Doc,
    lang: str,
    *,
    quotes: list[Range] | None = None,
    clauses_out: dict[int, list[g.Clause]] | None = None,
) -> list[Candidate]:
    """All statements of a doc, in text order, with speakers and parents set.

    ``quotes`` are the doc's quotation ranges where the caller has them already;
    ``clauses_out`` receives each sentence's clauses (by the sentence's first
    token), so the learned model's features need not find them again."""
    if lang == "en":
        from sayso.nlp.en.rules import find_candidates_en

        return find_candidates_en(doc)
    lexicon = load_lexicon(lang)
    repair_tags(doc, lexicon)
    if quotes is None:
        quotes = quote_ranges(doc)
    found: list[Candidate] = []
    last: Candidate | None = None
    since_last = 99
    before: Sentence | None = None  # the sentence before, if it has no statement
    for sent in doc.sents:
        start, end = sent.start, sent.end
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if start >= end:
            continue
        clauses = g.clauses(doc, start, end, quotes)
        if clauses_out is not None:
            clauses_out[sent.start] = clauses
        sentence = Sentence(doc, start, end, clauses, quotes)
        here: list[Candidate] = []
        headline = discourse.headline_statement(doc, start, end)
        if headline is not None:
            here.append(headline)
        for cue in verbal_cues(doc, clauses, lexicon, quotes):
            candidate = verbal_statement(sentence, cue, lexicon)
            if candidate is not None:
                here.append(candidate)
                outlet = quoting_outlet(sentence, cue, candidate)
                if outlet is not None:
                    here.append(outlet)
                person = quoted_person(sentence, cue, candidate)
                if person is not None:
                    here.append(person)
        for prep in prepositional_cues(doc, start, end, lexicon, quotes):
            candidate = prepositional_statement(sentence, prep, lexicon)
            if candidate is not None:
                here.append(candidate)
        here.extend(discourse.partial_quotes(doc, here, sentence.quotes))
        covered = {
            i for c in here for role in ("message", "cue") for i in c.tokens(role)
        }
        for quote in sentence.quotes:
            if quote[0] >= start and not covered.intersection(range(*quote)):
                # "…, sagte die Königin, ihre „Gedanken sind …“": the statement
                # whose cue comes last before the quotation in its own sentence
                own = [
                    c
                    for c in here
                    if c.cue and c.kind != "headline" and c.cue[-1][1] <= quote[0]
                ]
                antecedent, distance = last, since_last
                if own:
                    antecedent = max(own, key=lambda c: c.cue[-1][1])
                    distance = 0
                candidate = discourse.standalone_quote(
                    doc, quote, antecedent, distance, _intro_subject(sentence, quote)
                )
                if candidate is not None:
                    here.append(candidate)
        if not here and not discourse.is_headline_line(doc, start, end):
            in_quote = any(
                q[0] <= start + 1 and q[1] >= end - 1 for q in sentence.quotes
            )
            if not in_quote:
                candidate = discourse.cueless_statement(
                    doc,
                    start,
                    end,
                    clauses,
                    lexicon,
                    last,
                    since_last,
                    None if before is None else partial(sentence_subject, before),
                )
                if candidate is not None:
                    here.append(candidate)
                    here.extend(
                        discourse.partial_quotes(doc, [candidate], sentence.quotes)
                    )
        if here:
            top = [c for c in here if c.kind != "headline"] or here
            last = min(top, key=lambda c: c.anchor)
            since_last = 1
        else:
            since_last += 1
        found.extend(here)
        before = None if here else sentence
    found = discourse.join_continuations(doc, found)
    discourse.nest(found)
    discourse.tie_evidence(found)
    speakers.resolve(doc, found)
    found.sort(key=lambda c: (c.anchor, c.cue[0] if c.cue else (0, 0)))
    return found


def _intro_subject(sent: Sentence, quote: Range) -> Range | None:
    """The subject of the clause before ``: „…“`` in the quotation's sentence."""
    colon = quote[0] - 1  # the quotation's range leaves its marks out
    while colon > sent.start and sent.doc[colon].text in '„"»«“':
        colon -= 1
    if colon <= sent.start or sent.doc[colon].text != ":":
        return None
    before = [c for c in sent.clauses if c.start < colon]
    if not before or any(c.finite is not None and c.finite > colon for c in before):
        return None
    return sentence_subject(Sentence(sent.doc, sent.start, colon, before, sent.quotes))
