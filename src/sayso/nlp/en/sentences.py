"""The ``sayso_en_sentences`` component: quote-aware sentence boundaries (English).

1. A line break ends a sentence: paragraphs, headlines and datelines stand alone.
2. ``.``, ``!``, ``?`` and ``…`` end a sentence when the next word starts a new
   one (upper case, a digit or an opening quotation mark); closing quotation
   marks and brackets stay with the sentence they close. Abbreviations (``Mr.``,
   ``Sen.``, ``U.S.``) are single tokens already; one of them ends a sentence
   only before a word that typically starts one (``the U.S. He said``).
3. Inside a quotation no sentence ends: ``"We will win. They know it," he said.``
   is one sentence, so a cue after a quotation of several sentences stays with
   it. A quotation that runs on to a paragraph break without its closing mark
   ends there (rule 1).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from sayso.nlp.quotes import QUOTE_MARKS, find_quotes
from sayso.nlp.sentence_marks import mark_sentence_starts


def _words(text: str) -> list[str]:
    return text.split()


_ENDS = frozenset({".", "!", "?", "…", "...", "?!", "!?", "!!", "??"})
_CLOSERS = frozenset({")", "]", "}", "”", "’", '"', "'", "»", "«"})
#: Words that start a sentence after an abbreviation that may also end one.
_STARTERS = frozenset(
    _words(
        """
    The A An He She It They We I His Her Their Its This That These Those But And
    In On At For If When While After Before As So Yet Still Now Then There Here
    Mr. Mrs. Ms. Dr.
    """
    )
)
#: Abbreviations that often end a sentence too.
_FINAL_ABBREVIATIONS = frozenset(
    _words("U.S. U.K. U.N. D.C. E.U. a.m. p.m. Inc. Co. Corp. Ltd. Jr. Sr. etc.")
)


class EnglishSentences:
    """Set ``is_sent_start`` on every token from the rules above."""

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        inside = _quoted_tokens(doc)
        starts = [False] * len(doc)
        starts[0] = True
        for i in range(1, len(doc)):
            previous = doc[i - 1]
            token = doc[i]
            if previous.is_space and "\n" in previous.text:
                starts[i] = True
            elif token.is_space and "\n" in token.text:
                starts[i] = False
            elif not token.is_space and not inside[i] and _ends_before(doc, i):
                starts[i] = True
        mark_sentence_starts(doc, [i for i, start in enumerate(starts) if start])
        return doc


def _quoted_tokens(doc: Doc) -> list[bool]:
    """Which tokens lie inside a quotation (its marks excluded)."""
    inside = [False] * len(doc)
    for quote in find_quotes(doc.text):
        span = doc.char_span(quote.start, quote.end, alignment_mode="contract")
        if span is None:
            continue
        for k in range(span.start, span.end):
            inside[k] = True
    return inside


def _ends_before(doc: Doc, i: int) -> bool:
    """Whether a sentence ends just before token ``i``."""
    token = doc[i]
    first = token.text[:1]
    if not (first.isupper() or first.isdigit() or first in QUOTE_MARKS):
        return False
    if first in QUOTE_MARKS and not doc[i - 1].whitespace_:
        return False  # a closing mark attached to the sentence it closes
    k = i - 1
    while k >= 0 and doc[k].is_space:
        k -= 1
    while k >= 0 and doc[k].text in _CLOSERS:
        k -= 1
    if k < 0:
        return False
    last = doc[k]
    if last.text in _ENDS:
        return True
    if last.text in _FINAL_ABBREVIATIONS:
        return token.text in _STARTERS
    return False


@Language.factory("sayso_en_sentences", assigns=["token.is_sent_start"])
def make_sentences(nlp: Language, name: str) -> EnglishSentences:
    return EnglishSentences()
