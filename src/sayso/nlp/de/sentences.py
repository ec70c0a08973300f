"""The ``sayso_sentences`` component: quote-aware sentence boundaries for news text.

Rules, in order of strength:

1. A paragraph break (a blank line) always ends a sentence, also inside an
   unclosed quotation.
2. A line break ends a sentence: a headline or dateline without final
   punctuation is a sentence of its own. A hard-wrapped line (no final
   punctuation, the next line starts in lower case) is joined instead.
3. ``.``, ``!``, ``?`` and ``…`` end a sentence when the next word starts a new
   one (upper case, a digit or an opening quotation mark); closing quotation
   marks and brackets stay with the sentence they close.
4. Inside a quotation no sentence ends: ``„Wir kommen. Morgen.“ sagte er.`` and
   ``Er sagte: „Wir kommen. Morgen.“`` are one sentence each, and so is a
   quotation that runs on to a paragraph break without its closing mark (the
   break ends it). With ``split_quotes=True`` a quotation that ends the sentence
   itself is split at its own sentence ends once it has at least
   ``min_quote_tokens`` tokens (round 1's rule; off: the contract forbids it).
   A closing mark that stands alone after a paragraph break (a quotation that
   went on over it) closes, it does not open.
5. An ordinal (``3.``) ends a sentence only before a word that typically starts
   one (*Der*, *Er*, *Am* …), not before *Oktober* or *Liga*.
6. A semicolon outside quotations ends a sentence (``semicolon=True``), as in the
   news corpus the figures are measured on; ``:`` never does.
"""


# German quotation marks and dashes are the subject here

from __future__ import annotations

from collections.abc import Iterable

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokens import Doc, Token

from sayso.nlp.de.tokenizer import ROMAN_ORDINALS
from sayso.nlp.sentence_marks import mark_sentence_starts

_ENDS = frozenset({".", "!", "?", "…", "...", "?!", "!?", "!!", "??"})
#: The last character of every token that may end a sentence (or is a ``;``).
_LAST_CHARS = frozenset(".!?…;")


def _words(text: str) -> list[str]:
    return text.split()


#: Abbreviations that are also the last word of a sentence often enough (weekdays,
#: Roman numerals, names: "Thailand I.", "Fei Di."): they end one before a capital.
_AMBIGUOUS_ABBREVIATIONS = frozenset(
    _words("mo. di. mi. do. fr. sa. so.") + [r.lower() for r in ROMAN_ORDINALS]
)
_ROMAN = frozenset(ROMAN_ORDINALS)
_OPENING = {"„": "“", "»": "«", "‚": "‘", "›": "‹", "«": "»", "‹": "›"}
_CLOSING_BRACKETS = frozenset({")", "]", "}"})
_ALL_QUOTES = frozenset("„“”\"»«‚‘’'›‹")
#: Words that start a sentence after an ordinal-looking number ("Platz 3. Der …").
_STARTERS = frozenset(
    _words(
        """
    der die das den dem des ein eine einer er sie es ich wir ihr man
    am im in an auf aus bei mit nach von vor zu zum zur für über unter um
    und aber doch dann denn so auch nun da dort hier heute gestern morgen
    dies diese dieser dieses damit deshalb darauf danach zudem außerdem jedoch
    wie was wer wo wann warum als wenn ob
    """
    )
)


class Sentences:
    """Set ``is_sent_start`` on every token from the rules above."""

    def __init__(
        self,
        *,
        min_quote_tokens: int = 8,
        semicolon: bool = True,
        split_quotes: bool = False,
    ) -> None:
        self.min_quote_tokens = min_quote_tokens
        self.semicolon = semicolon
        self.split_quotes = split_quotes

    def __call__(self, doc: Doc) -> Doc:
        starts = self.find(doc)
        mark_sentence_starts(doc, starts)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    def find(self, doc: Doc) -> set[int]:
        """Indices of the tokens that start a sentence."""
        if not len(doc):
            return set()
        marked = _marked(doc)
        quotes = _quotations(doc, marked)
        inside: dict[int, tuple[int, int]] = {}
        for start, end in quotes:
            for i in range(start + 1, end):
                inside.setdefault(i, (start, end))
        starts = {0}
        for i in marked:
            token = doc[i]
            if token.text in _ALL_QUOTES:
                continue
            if token.is_space:
                if "\n" in token.text:
                    nxt = _next_word(doc, i + 1)
                    if nxt is not None and _breaks_line(doc, i, nxt):
                        starts.add(nxt)
                continue
            if token.text == ";" and self.semicolon:
                if i + 1 < len(doc) and not doc[i + 1].is_space and i not in inside:
                    starts.add(i + 1)
                continue
            if not _is_end(doc, i):
                continue
            nxt = _after_closers(doc, i + 1, quotes)
            if nxt is None or nxt >= len(doc):
                continue
            if doc[nxt].is_space:
                continue  # handled by the line-break rule
            ordinal = doc[i].text != "." and _ordinal(doc[i])
            if not _starts_sentence(doc[nxt], ordinal=ordinal):
                continue
            if doc[i].text in _ROMAN and not doc[nxt].text[0].isupper():
                continue  # "Benedikt XVI. „ist und bleibt …“": no end before a quote
            quote = inside.get(i)
            if quote is not None and nxt < quote[1] and not self._may_split(doc, quote):
                continue
            starts.add(nxt)
        return starts

    def _may_split(self, doc: Doc, quote: tuple[int, int]) -> bool:
        """Whether a quotation may hold sentence ends: long and ending its sentence."""
        start, end = quote
        if not self.split_quotes or end - start - 1 < self.min_quote_tokens:
            return False
        if end >= len(doc) or doc[end].is_space:
            return True  # unclosed: it runs to the end of its paragraph
        after = end + 1
        while after < len(doc) and doc[after].text in _CLOSING_BRACKETS:
            after += 1
        if after >= len(doc) or doc[after].is_space:
            return True
        nxt = doc[after]
        if nxt.text in _ENDS:
            return True
        last = doc[end - 1].text if end - 1 > start else ""
        return last in _ENDS and _starts_sentence(nxt, ordinal=False)


#: orth id -> whether the token may matter to the rules (cached, per string)
_MARKED: dict[int, bool] = {}


def _marked(doc: Doc) -> list[int]:
    """Indices of the tokens that may end a sentence, break a line or quote: the
    rest (ordinary words, most tokens) is skipped without reading its text."""
    if len(_MARKED) > 200_000:
        _MARKED.clear()
    strings = doc.vocab.strings
    found = []
    for i, orth in enumerate(doc.to_array(ORTH).tolist()):
        marked = _MARKED.get(orth)
        if marked is None:
            text = strings[orth]
            last = text[-1]
            marked = _MARKED[orth] = (
                last in _LAST_CHARS or last.isspace() or text in _ALL_QUOTES
            )
        if marked:
            found.append(i)
    return found


def _quotations(doc: Doc, marked: list[int]) -> list[tuple[int, int]]:
    """(opening, closing) token indices of the quotations in ``doc``; ``marked``
    holds (at least) every quotation mark and white-space token.

    An unclosed quotation ends at the next paragraph break or the end of the doc.
    """
    spans: list[tuple[int, int]] = []
    stack: list[tuple[int, str]] = []
    for i in marked:
        token = doc[i]
        text = token.text
        if token.is_space and text.count("\n") >= 2:
            while stack:
                spans.append((stack.pop()[0], token.i))
            continue
        if text not in _ALL_QUOTES:
            continue
        if stack and _closes(text, stack[-1][1], token):
            spans.append((stack.pop()[0], token.i))
        elif text in _OPENING or (
            text in {"“", '"', "'", "‘"} and not _stray_closer(token)
        ):
            if text in {"'", "‘"} and not _opens(token):
                continue
            closer = _OPENING.get(text, "”" if text == "“" else text)
            stack.append((token.i, closer))
    while stack:
        spans.append((stack.pop()[0], len(doc)))
    return sorted(spans)


def _closes(text: str, expected: str, token: Token) -> bool:
    if text == expected:
        return True
    if expected == "“" and text in {"”", '"'}:
        return True
    if expected == "”" and text in {"“", '"'}:
        return True
    return expected == "‘" and text == "’"


def _stray_closer(token: Token) -> bool:
    """A ``“`` or ``"`` glued to the word before it and followed by white space or
    punctuation: it closes a quotation that began before a paragraph break."""
    doc = token.doc
    if token.i == 0 or doc[token.i - 1].whitespace_ or doc[token.i - 1].is_space:
        return False
    if token.i + 1 >= len(doc) or token.whitespace_:
        return True
    return doc[token.i + 1].is_space or doc[token.i + 1].is_punct


def _opens(token: Token) -> bool:
    """A single quotation mark that opens: space before it, a word after it."""
    doc = token.doc
    before = (
        token.i == 0 or bool(doc[token.i - 1].whitespace_) or doc[token.i - 1].is_space
    )
    after = token.i + 1 < len(doc) and not token.whitespace_
    return before and after


def _is_end(doc: Doc, i: int) -> bool:
    text = doc[i].text
    if text in _ENDS or text.lower() in _AMBIGUOUS_ABBREVIATIONS:
        return True
    return _ordinal(doc[i])


def _ordinal(token: Token) -> bool:
    text = token.text
    return len(text) > 1 and text.endswith(".") and text[:-1].isdigit()


def _after_closers(doc: Doc, i: int, quotes: list[tuple[int, int]]) -> int | None:
    """The first token after ``i`` that is no closing quotation mark or bracket."""
    closers = {end for _, end in quotes}
    while i < len(doc) and (
        i in closers
        or doc[i].text in _CLOSING_BRACKETS
        or (doc[i].text in _ALL_QUOTES and _stray_closer(doc[i]))
    ):
        i += 1
    return i


def _starts_sentence(token: Token, *, ordinal: bool) -> bool:
    text = token.text
    first = text[0]
    if ordinal:
        return token.lower_ in _STARTERS and first.isupper()
    if first.isupper() or first.isdigit():
        return True
    return text in _ALL_QUOTES or text in {"(", "[", "-", "–", "—"}


def _next_word(doc: Doc, i: int) -> int | None:
    while i < len(doc) and doc[i].is_space:
        i += 1
    return i if i < len(doc) else None


def _breaks_line(doc: Doc, i: int, nxt: int) -> bool:
    """Whether the line break at token ``i`` ends a sentence before token ``nxt``."""
    if doc[i].text.count("\n") >= 2:
        return True
    last = i - 1
    while last >= 0 and doc[last].is_space:
        last -= 1
    if last < 0:
        return True
    text = doc[last].text
    if text in _ENDS or text in _ALL_QUOTES or text == ":":
        return True
    # a hard-wrapped line: no final punctuation and the next line goes on in lower case
    return not doc[nxt].text[0].islower()


@Language.factory(
    "sayso_sentences",
    default_config={"min_quote_tokens": 8, "semicolon": True, "split_quotes": False},
    assigns=["token.is_sent_start"],
)
def make_sentences(
    nlp: Language,
    name: str,
    min_quote_tokens: int,
    semicolon: bool,
    split_quotes: bool,
) -> Sentences:
    """Factory of the ``sayso_sentences`` component."""
    return Sentences(
        min_quote_tokens=min_quote_tokens,
        semicolon=semicolon,
        split_quotes=split_quotes,
    )
