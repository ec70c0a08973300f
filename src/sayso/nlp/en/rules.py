"""The English rule engine: statements from quotations and cues, sentence by sentence.

:func:`find_candidates_en` runs over a doc from the English language layer
(with Penn tags from ``en_core``, or without tags from the rule-only fallback):

1. per sentence: a headline (``Name: message``) or transcript line, the
   reporting verbs (:mod:`sayso.nlp.en.cues`) with their roles
   (:mod:`sayso.nlp.en.roles`) and ``according to``;
2. a participle after a comma (``…, adding that``) takes the subject of its
   sentence as source;
3. quotations no statement covers continue the speaker of the statement
   right before them; sentences marked only by ``reportedly`` or ``is said
   to`` are ``free_indirect`` hearsay;
4. nesting by containment, then speakers (:mod:`sayso.nlp.en.speakers`).
"""

from __future__ import annotations

from spacy.tokens import Doc

from sayso.nlp.candidate import Candidate
from sayso.nlp.en import discourse, speakers
from sayso.nlp.en import grammar as g
from sayso.nlp.en.cues import prepositional_cues, verbal_cues
from sayso.nlp.en.lexicon import EnglishLexicon, load_english_lexicon
from sayso.nlp.en.roles import Sentence, prepositional_statement, verbal_statement

Range = tuple[int, int]


def _sentences(doc: Doc) -> list[Range]:
    """Sentence token ranges with surrounding space trimmed."""
    ranges: list[Range] = []
    for sent in doc.sents:
        start, end = sent.start, sent.end
        while start < end and doc[start].is_space:
            start += 1
        while end > start and doc[end - 1].is_space:
            end -= 1
        if start < end:
            ranges.append((start, end))
    return ranges


def find_candidates_en(doc: Doc) -> list[Candidate]:
    """All statements of an English doc, in text order, with speakers and parents."""
    if not len(doc):
        return []
    lexicon = load_english_lexicon()
    quotes = g.quotations(doc)
    inside = {k for q in quotes for k in range(q.start, q.end)}
    per_sentence: list[list[Candidate]] = []
    sentences = _sentences(doc)
    for start, end in sentences:
        sentence = Sentence(doc, start, end, quotes, inside, lexicon)
        here: list[Candidate] = []
        for line in (
            discourse.headline_statement(doc, start, end),
            discourse.transcript_statement(doc, start, end),
        ):
            if line is not None:
                here.append(line)
        for cue in verbal_cues(doc, start, end, inside, lexicon):
            candidate = verbal_statement(sentence, cue)
            if candidate is not None:
                here.append(candidate)
        for prep in prepositional_cues(doc, start, end, inside, lexicon):
            candidate = prepositional_statement(sentence, prep)
            if candidate is not None:
                here.append(candidate)
        covered = {k for c in here for k in c.tokens("message")}
        for quote in quotes:
            if start <= quote.open_at < end and not covered.intersection(
                range(quote.start, quote.end)
            ):
                candidate = discourse.dash_statement(doc, quote, end)
                if candidate is not None:
                    here.append(candidate)
        _borrow_subjects(doc, start, end, here)
        per_sentence.append(here)
    found = _add_cueless(doc, sentences, per_sentence, quotes, inside, lexicon)
    discourse.nest(found)
    speakers.resolve(doc, found, lexicon)
    found.sort(key=lambda c: (c.anchor, c.cue[0] if c.cue else (0, 0)))
    return found


def _borrow_subjects(doc: Doc, start: int, end: int, here: list[Candidate]) -> None:
    """``Trump spoke in Ohio, saying …``: a participle takes the sentence's subject."""
    here.sort(key=lambda c: c.anchor)
    for index, candidate in enumerate(here):
        if candidate.source or not candidate.cue:
            continue
        earlier = [c for c in here[:index] if c.source and c.cue]
        if earlier:
            candidate.source = list(earlier[-1].source)
            continue
        subject = discourse.sentence_subject(doc, start, candidate.anchor)
        if subject is not None:
            candidate.source = [subject]
    here[:] = [c for c in here if c.source or not c.cue]


def _add_cueless(
    doc: Doc,
    sentences: list[Range],
    per_sentence: list[list[Candidate]],
    quotes: list[g.QuoteTokens],
    inside: set[int],
    lexicon: EnglishLexicon,
) -> list[Candidate]:
    """Quotations standing alone and hearsay sentences; everything in text order."""
    covered = {
        k
        for here in per_sentence
        for c in here
        for role in ("message", "cue")
        for k in c.tokens(role)
    }
    found: list[Candidate] = []
    last: Candidate | None = None
    since_last = 99
    for (start, end), here in zip(sentences, per_sentence, strict=True):
        for quote in quotes:
            if (
                here
                or not start <= quote.open_at < end
                or covered.intersection(range(quote.start, quote.end))
            ):
                continue
            candidate = discourse.standalone_quote(doc, quote, last, since_last)
            if candidate is not None and last is not None:
                # the speaker goes on: one statement with a message in parts
                last.message.append(candidate.message[0])
                covered.update(range(quote.start, quote.end))
        if not here and not discourse.is_headline_line(doc, start, end):
            candidate = discourse.hearsay_statement(doc, start, end, inside, lexicon)
            if candidate is not None:
                here.append(candidate)
        if here:
            top = [c for c in here if c.kind != "headline"] or here
            last = min(top, key=lambda c: c.anchor)
            since_last = 1
        else:
            since_last += 1
        found.extend(here)
    return found
