"""English statements without a cue verb, and how statements hang together.

- *headline*: a line of its own without final punctuation, ``Name: message``;
- *transcript*: a paragraph that opens with a speaker's name and a colon
  (``WALLACE: …``) is that speaker's direct speech;
- a *quotation standing alone* right after a statement keeps its speaker;
- *hearsay* without a speaker in reach: a sentence marked only by
  ``reportedly``/``allegedly`` or ``is said to`` is ``free_indirect``;
- *nesting*: a statement whose cue lies in another's message is known through
  that one (its ``parent``).
"""

from __future__ import annotations

from spacy.tokens import Doc

from sayso.nlp.candidate import Candidate
from sayso.nlp.en import grammar as g
from sayso.nlp.en.grammar import QuoteTokens, Range
from sayso.nlp.en.lexicon import EnglishLexicon, normal

_FINAL = frozenset({".", "!", "?", ":", ";", ",", "…"})


def _line_break_before(doc: Doc, k: int) -> bool:
    return k == 0 or (doc[k - 1].is_space and "\n" in doc[k - 1].text)


def _line_break_after(doc: Doc, k: int) -> bool:
    return k >= len(doc) or (doc[k].is_space and "\n" in doc[k].text)


def is_headline_line(doc: Doc, start: int, end: int) -> bool:
    """A line of its own without final punctuation (a title or subheading), or the
    first line of the text (titles are often stored with a full stop)."""
    if not (_line_break_before(doc, start) and _line_break_after(doc, end)):
        return False
    if start == 0 and end < len(doc):
        return True  # the first line of a longer text
    last = doc[end - 1]
    return not (
        last.text in _FINAL
        or (g.is_quote_mark(last) and end - 2 >= start and doc[end - 2].text in _FINAL)
    )


def _speaker_label(doc: Doc, start: int, end: int) -> int | None:
    """The colon after a name of at most five words that opens the line."""
    for k in range(start + 1, min(end, start + 6)):
        if doc[k].text == ":":
            words = range(start, k)
            if all(
                g.is_proper(doc[i])
                or doc[i].text.isupper()
                or doc[i].text in (".", "-")
                for i in words
            ):
                return k
            return None
        if g.is_punct(doc[k]) and doc[k].text not in (".", "-"):
            return None
    return None


def headline_statement(doc: Doc, start: int, end: int) -> Candidate | None:
    """``Trump: We will build the wall`` — a name, a colon, a message."""
    if not is_headline_line(doc, start, end):
        return None
    colon = _speaker_label(doc, start, end)
    if colon is None:
        return None
    message = g.strip_range(doc, (colon + 1, end))
    if message[1] - message[0] < 2:
        return None
    return Candidate(
        kind="headline",
        rule="en_headline",
        source=[(start, colon)],
        message=[message],
        anchor=start,
        confidence=0.75,
    )


def transcript_statement(doc: Doc, start: int, end: int) -> Candidate | None:
    """``WALLACE: Governor, …`` — a paragraph of an interview transcript."""
    if not _line_break_before(doc, start) or is_headline_line(doc, start, end):
        return None
    if g.is_quote_mark(doc[start]) and start + 1 < end:
        start += 1  # "WALLACE: … — a transcript quoted paragraph by paragraph
    colon = _speaker_label(doc, start, end)
    if colon is None or colon - start > 3:
        return None
    if not all(
        doc[i].text.isupper() or doc[i].text == "." for i in range(start, colon)
    ):
        return None
    message = g.strip_range(doc, (colon + 1, end))
    if message[1] - message[0] < 2:
        return None
    return Candidate(
        kind="direct",
        rule="en_transcript",
        source=[(start, colon)],
        message=[message],
        mode="speech",
        anchor=start,
        confidence=0.7,
    )


def dash_statement(doc: Doc, quote: QuoteTokens, end: int) -> Candidate | None:
    """``"…" ― Sonya Herridge``: a quotation signed with a dash and a name."""
    if quote.close_at is None:
        return None
    k = quote.close_at + 1
    while k < end and (doc[k].is_space or doc[k].text in (",",)):
        k += 1
    if k >= end or doc[k].text not in ("―", "—", "–", "-", "--"):
        return None
    source = g.noun_phrase_after(doc, k + 1, end)
    if source is None or not any(g.is_proper(doc[i]) for i in range(*source)):
        return None
    rest = [i for i in range(source[1], end) if not g.is_punct(doc[i])]
    if rest:
        return None
    return Candidate(
        kind="direct",
        rule="en_quote_dash",
        cue=[(k, k + 1)],
        source=[source],
        message=[g.quote_message(doc, quote)],
        anchor=quote.start,
        confidence=0.8,
    )


def standalone_quote(
    doc: Doc, quote: QuoteTokens, previous: Candidate | None, distance: int
) -> Candidate | None:
    """A quoted sentence with no cue: the previous speaker goes on talking."""
    words = [k for k in range(quote.start, quote.end) if not g.is_punct(doc[k])]
    if len(words) < 4 or previous is None or distance > 1:
        return None
    if previous.kind == "headline" or (not previous.speaker and not previous.source):
        return None
    return Candidate(
        kind="direct",
        rule="en_quote_continued",
        message=[g.quote_message(doc, quote)],
        antecedent=previous,
        mode=previous.mode,
        anchor=quote.start,
        confidence=0.6,
    )


def hearsay_statement(
    doc: Doc, start: int, end: int, inside: set[int], lexicon: EnglishLexicon
) -> Candidate | None:
    """``The talks reportedly stalled.``, ``He is said to be furious.``"""
    marker: int | None = None
    hearsay = lexicon.word_class("hearsay")
    passive = lexicon.word_class("hearsay_passive")
    for k in range(start, end):
        if k in inside:
            continue
        text = normal(doc[k].text)
        if text in hearsay:
            marker = k
            break
        if (
            text in passive
            and k > start
            and normal(doc[k - 1].text) in ("is", "are", "was", "were")
            and k + 1 < end
            and doc[k + 1].lower_ == "to"
        ):
            marker = k
            break
    if marker is None:
        return None
    message = g.strip_range(doc, (start, end))
    if message[1] - message[0] < 4:
        return None
    return Candidate(
        kind="free_indirect",
        rule="en_hearsay",
        message=[message],
        hearsay=True,
        anchor=marker,
        confidence=0.5,
    )


def nest(candidates: list[Candidate]) -> None:
    """Set ``parent`` where a statement's cue lies in another statement's message."""
    for inner in candidates:
        if not inner.cue:
            continue
        point = inner.cue[0][0]
        best: Candidate | None = None
        best_size = 1 << 30
        for outer in candidates:
            if outer is inner or not outer.message:
                continue
            tokens = outer.tokens("message")
            if point in tokens and len(tokens) < best_size:
                best, best_size = outer, len(tokens)
        if best is not None:
            inner.parent = best


def sentence_subject(doc: Doc, start: int, end: int) -> Range | None:
    """The subject of a sentence: the noun phrase before its first finite verb."""
    for k in range(start, end):
        token = doc[k]
        if g.is_finite_verb(token) or (
            not token.tag_ and token.lower_ in ("said", "says")
        ):
            j = k
            while j > start and (
                normal(doc[j - 1].text) in g.AUXILIARIES
                or g.is_adverb(doc[j - 1], _lexicon())
            ):
                j -= 1
            return g.noun_phrase_before(doc, j, start)
    return None


def _lexicon() -> EnglishLexicon:
    from sayso.nlp.en.lexicon import load_english_lexicon

    return load_english_lexicon()
