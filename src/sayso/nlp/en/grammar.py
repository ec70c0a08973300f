"""English phrase structure from Penn tags, or from the words alone.

The rules need to know where the noun phrase of a source ends, where the verb
group of a cue starts and which tokens are punctuation or quotation marks.
With the trained language layer (``en_core``) this is read off Penn Treebank
tags; without tags (the rule-only fallback) the same questions are answered
from closed word classes and capitalisation. Every function takes a ``Doc``
and token indices; ranges are half-open ``(start, end)`` pairs.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from sayso.nlp.en.lexicon import EnglishLexicon, normal
from sayso.nlp.quotes import QUOTE_MARKS, find_quotes

Range = tuple[int, int]


def _words(text: str) -> list[str]:
    return text.split()


NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "CD", "FW", "ADD"})
PROPER_TAGS = frozenset({"NNP", "NNPS"})
ADJ_TAGS = frozenset({"JJ", "JJR", "JJS", "VBN", "VBG"})
DET_TAGS = frozenset({"DT", "PDT", "PRP$", "WP$"})
PUNCT_TAGS = frozenset({",", ".", ":", "``", "''", "-LRB-", "-RRB-", "NFP", "HYPH"})

DETERMINERS = frozenset(
    _words(
        """the a an this that these those his her its their our my your some many
    several no every each all both another other any such most few one two three
    four five six seven eight nine ten dozens hundreds thousands millions"""
    )
)
PRONOUNS = frozenset(_words("he she they it i we you who which there"))
SUBJECT_PRONOUNS = frozenset(_words("he she they i we you who"))
AUXILIARIES = frozenset(
    _words(
        """is are was were be been being am 's 're 'm has have had 've 'd having will
    would could can should may might must shall 'll did does do ca wo sha"""
    )
)
NEGATIONS = frozenset({"not", "n't", "never"})
#: Words that never belong to a noun phrase (for text without tags).
_NOT_NOMINAL = frozenset(
    _words(
        """and or but nor so yet if because although though while when where whether
    that than as at by for from in into of on onto to with without about after
    before during under over through between against among since until upon via
    despite following like unlike amid across behind beyond within toward towards
    around near per plus except inside outside throughout along beside besides
    regarding concerning including
    is are was were be been being am has have had will would could can should
    may might must shall did does do not n't never also still just even only
    however meanwhile then there here now very too when what why how which"""
    )
)
_CONNECTORS = frozenset({"of", "for", "at", "from", "with", "in", "on", "&"})


def tagged(doc: Doc) -> bool:
    """Whether the doc carries Penn tags from the language layer."""
    return bool(len(doc)) and doc.has_annotation("TAG")


def is_space(token: Token) -> bool:
    return token.is_space


def is_quote_mark(token: Token) -> bool:
    return token.text in QUOTE_MARKS or token.text in ("``", "''")


def is_punct(token: Token) -> bool:
    if token.is_space or is_quote_mark(token):
        return True
    if token.tag_:
        return token.tag_ in PUNCT_TAGS or (token.is_punct and token.tag_ != "SYM")
    return token.is_punct


def is_det(token: Token) -> bool:
    if token.tag_:
        return token.tag_ in DET_TAGS or (
            token.tag_ == "CD" and token.lower_ in DETERMINERS
        )
    return token.lower_ in DETERMINERS


def is_pronoun(token: Token) -> bool:
    return normal(token.text) in PRONOUNS


def is_capitalised(token: Token) -> bool:
    first = token.text[:1]
    return first.isupper() or (first.isdigit() and token.text[-1:].isupper())


def is_proper(token: Token) -> bool:
    """A word of a name: tagged NNP/NNPS, or (without tags) capitalised content."""
    if token.tag_:
        if token.tag_ in PROPER_TAGS:
            return True
        # the tagger was trained on web text: capitalised words inside a name
        return (
            token.tag_ in ("NN", "NNS", "JJ")
            and is_capitalised(token)
            and not _sentence_initial(token)
        )
    return (
        is_capitalised(token)
        and (token.is_alpha or "." in token.text)
        and normal(token.text) not in _NOT_NOMINAL
        and normal(token.text) not in DETERMINERS
        and normal(token.text) not in PRONOUNS
    )


def _sentence_initial(token: Token) -> bool:
    """The first word of its sentence or line (capitalised for that reason alone)."""
    doc = token.doc
    k = token.i
    while k > 0 and is_quote_mark(doc[k - 1]):
        k -= 1
    return k == 0 or doc[k - 1].is_space or doc[k].is_sent_start is True


def _closed(text: str) -> bool:
    """A function word that no noun phrase holds (whatever a tagger says)."""
    return text in _NOT_NOMINAL or text in PRONOUNS or text in AUXILIARIES


#: Tags of words that stand outside noun phrases, unless capitalised inside a name.
_NON_NOMINAL_TAGS = frozenset(
    {"VB", "VBD", "VBZ", "VBP", "MD", "RB", "RBR", "RBS", "IN", "CC", "WDT", "WP"}
    | {"WRB", "TO", "UH", "EX", "RP"}
)


#: Tags of closed word classes: a word outside our closed lists with one of these
#: tags was mis-tagged.
_FUNCTION_TAGS = frozenset({"IN", "CC", "WDT", "WP", "TO", "UH", "EX", "RP", "DT"})


def is_noun(token: Token) -> bool:
    """A noun, name or number: what heads a noun phrase.

    Closed word classes are decided by the word; open ones by the tag where
    there is one (a capitalised word inside a sentence counts as a name even
    where the tagger disagrees).
    """
    text = normal(token.text)
    if (
        token.is_space
        or is_punct(token)
        or _closed(text)
        or (text in DETERMINERS and not token.like_num)
    ):
        return False
    if not (token.is_alpha or token.like_num or "." in text or "-" in text):
        return False
    if token.tag_:
        if token.tag_ in NOUN_TAGS or _mistagged_plural(token):
            return True
        if token.tag_ in _FUNCTION_TAGS and token.is_alpha:
            return True  # not in our closed lists: the tag is wrong
        return is_capitalised(token) and not (
            _sentence_initial(token) and token.tag_.startswith(("VB", "MD", "JJ"))
        )
    return True


def is_adjective(token: Token) -> bool:
    if token.tag_:
        return token.tag_ in ADJ_TAGS
    return False


def is_verb(token: Token) -> bool:
    if normal(token.text) in AUXILIARIES:
        return True
    if token.tag_:
        return token.tag_.startswith("VB") or token.tag_ == "MD"
    return False


def is_adverb(token: Token, lexicon: EnglishLexicon) -> bool:
    text = normal(token.text)
    if token.tag_ and token.tag_.startswith("RB") and not is_capitalised(token):
        return True
    return (
        text in NEGATIONS
        or text in lexicon.word_class("hearsay")
        or (text.endswith("ly") and len(text) > 4 and not is_capitalised(token))
        or text in ("also", "later", "then", "once", "again", "still", "just", "even")
    )


def is_finite_verb(token: Token) -> bool:
    if normal(token.text) in AUXILIARIES:
        return True
    if token.tag_:
        return token.tag_ in ("VBD", "VBZ", "VBP", "MD")
    return False


def inline_space(token: Token) -> bool:
    """A space token inside a line (a no-break space: ``on\xa0Friday``)."""
    return token.is_space and "\n" not in token.text


def _nominal(token: Token) -> bool:
    """A token that may stand inside a noun phrase."""
    if token.is_space:
        return inline_space(token)
    if is_punct(token):
        return token.text in ("-", "–") and not token.whitespace_
    text = normal(token.text)
    if text in ("'s", "'", "s") and token.i > 0 and not token.doc[token.i - 1].is_space:
        return True  # the possessive: Trump's campaign
    if is_det(token):
        return True
    if _closed(text):
        return False
    if token.tag_ in _NON_NOMINAL_TAGS or token.tag_ in ("VBN", "VBG"):
        if _mistagged_plural(token):
            return True  # "aides/VBN": no verb form ends in -s but the -s form
        if token.tag_ in ("VBN", "VBG"):
            return True  # used as an adjective: the embattled senator
        # a function-word tag on a word that is no function word is the tagger's
        # error ("the ad/CC will", "Okafor/IN wrote"); verb and adverb tags stand,
        # unless on a capitalised word inside a sentence (a name)
        if token.tag_ in _FUNCTION_TAGS and token.is_alpha:
            return True
        if not is_capitalised(token):
            return False
        return not (_sentence_initial(token) and token.tag_.startswith(("VB", "MD")))
    return bool(token.text.strip())


def _mistagged_plural(token: Token) -> bool:
    text = normal(token.text)
    return (
        token.tag_ in ("VBN", "VBD", "VB", "VBG")
        and text.endswith("s")
        and not text.endswith("ss")
        and text not in AUXILIARIES
    )


def noun_phrase_before(
    doc: Doc, end: int, floor: int, *, coordinated: bool = True, it: bool = False
) -> Range | None:
    """The noun phrase that ends just before ``end`` (a source before its cue).

    ``the head of the FBI``, ``Trump's campaign manager Kellyanne Conway``,
    ``Trump and Pence``, ``he``, ``who``. None when no noun or pronoun ends there.
    """
    k = end
    while k > floor and inline_space(doc[k - 1]):
        k -= 1
    if k <= floor:
        return None
    bracket = _bracket_before(doc, k, floor)
    if bracket is not None:
        inner = noun_phrase_before(doc, bracket, floor, coordinated=coordinated)
        return (inner[0], end) if inner is not None else None
    last = doc[k - 1]
    if normal(last.text) in PRONOUNS:
        keep = normal(last.text) != "there" and (it or normal(last.text) != "it")
        return (k - 1, k) if keep else None
    if not _nominal(last) or is_det(last) or normal(last.text) in ("'s", "'"):
        return None
    start = k
    while start > floor and _nominal(doc[start - 1]):
        start -= 1
    while True:
        if start - 2 < floor:
            break
        link = doc[start - 1]
        text = normal(link.text)
        if (
            text in _CONNECTORS
            and text != "&"
            and (is_noun(doc[start - 2]) and not is_det(doc[start - 2]))
            and not _time_phrase(doc, start, end)
        ):
            head = noun_phrase_before(doc, start - 1, floor, coordinated=False)
            if head is None or not _is_head_noun(doc, head):
                break
            start = head[0]
            continue
        if coordinated and text in ("and", "&", "or"):
            other = noun_phrase_before(doc, start - 1, floor, coordinated=False)
            if other is None or not (
                _names_someone(doc, other) and _names_someone(doc, (start, end))
            ):
                break
            start = other[0]
            # "A, B and C"
            while start - 2 >= floor and doc[start - 1].text == ",":
                more = noun_phrase_before(doc, start - 1, floor, coordinated=False)
                if more is None or not _names_someone(doc, more):
                    break
                start = more[0]
            continue
        break
    while start < end and (is_punct(doc[start]) or normal(doc[start].text) == "'s"):
        start += 1
    if start >= end or not any(is_noun(doc[i]) for i in range(start, end)):
        return None
    return start, k


_TIME_WORDS = frozenset(
    _words(
        """monday tuesday wednesday thursday friday saturday sunday today yesterday
    morning afternoon evening night week month year weekend"""
    )
)


def _time_phrase(doc: Doc, start: int, end: int) -> bool:
    """``on Tuesday``, ``in the morning``: no part of a source."""
    return any(normal(doc[i].text) in _TIME_WORDS for i in range(start, end))


def _time_starts(doc: Doc, i: int, start: int) -> bool:
    """A time phrase starts at ``i`` inside a noun phrase begun at ``start``:
    ``told contractors last week``."""
    if i == start:
        return False
    text = normal(doc[i].text)
    if text in ("last", "this", "next", "earlier") and i + 1 < len(doc):
        return normal(doc[i + 1].text) in _TIME_WORDS
    return text in _TIME_WORDS and not is_capitalised(doc[i - 1])


def _bracket_before(doc: Doc, k: int, floor: int) -> int | None:
    """``Rep. Gwen Moore (D-Wis.)``: the ``(`` of a short bracket ending at ``k``."""
    if k - 1 <= floor or doc[k - 1].text != ")":
        return None
    for j in range(k - 2, max(floor, k - 9) - 1, -1):
        if doc[j].text == "(":
            return j if j > floor else None
        if doc[j].text in (")", ",") or doc[j].is_space:
            return None
    return None


def _bracket_after(doc: Doc, k: int, limit: int) -> int | None:
    """The token after the ``)`` of a short bracket opening at ``k``."""
    if k >= limit or doc[k].text != "(":
        return None
    for j in range(k + 1, min(limit, k + 9)):
        if doc[j].text == ")":
            return j + 1
        if doc[j].text in ("(", ",") or doc[j].is_space:
            return None
    return None


def _is_head_noun(doc: Doc, np: Range) -> bool:
    return is_noun(doc[np[1] - 1])


def _names_someone(doc: Doc, np: Range) -> bool:
    """A name, a pronoun or a plural noun: what a coordination of sources joins."""
    a, b = np
    if b - a == 1 and normal(doc[a].text) in SUBJECT_PRONOUNS:
        return True
    return any(is_proper(doc[i]) for i in range(a, b)) or doc[b - 1].tag_ in (
        "NNS",
        "NNPS",
    )


def noun_phrase_after(doc: Doc, start: int, limit: int) -> Range | None:
    """The noun phrase that starts at ``start`` (a source after its cue, an object).

    It takes ``of``/``for``/``at`` attachments (``a spokesman for the campaign``)
    and coordinations of names, and stops at punctuation, verbs and clauses.
    """
    k = start
    while k < limit and inline_space(doc[k]):
        k += 1
    if k >= limit:
        return None
    first = doc[k]
    if normal(first.text) in PRONOUNS:
        return (k, k + 1) if normal(first.text) not in ("it", "there") else None
    end = k
    while (
        end < limit
        and _nominal(doc[end])
        and not _time_starts(doc, end, k)
        and not (end > k and is_det(doc[end]) and is_noun(doc[end - 1]))
    ):
        end += 1  # "contractors that …": a determiner never follows the noun
    if end == k or not any(is_noun(doc[i]) for i in range(k, end)):
        return None
    closed = _bracket_after(doc, end, limit)
    if closed is not None:
        end = closed
    while end + 1 < limit:
        text = normal(doc[end].text)
        if (
            text in ("of", "for")
            or (text in ("at", "from") and is_proper(doc[end + 1]))
            or (text in ("and", "&") and _names_someone(doc, (k, end)))
        ):
            more = end + 1
            while more < limit and _nominal(doc[more]):
                more += 1
            if more == end + 1 or not any(
                is_noun(doc[i]) for i in range(end + 1, more)
            ):
                break
            if text == "and" and not _names_someone(doc, (end + 1, more)):
                break
            end = more
            continue
        break
    while end > k and (
        is_punct(doc[end - 1])
        or normal(doc[end - 1].text) == "'s"
        or (is_det(doc[end - 1]) and not doc[end - 1].like_num)
    ):
        end -= 1
    return (k, end) if end > k else None


def strip_range(doc: Doc, span: Range) -> Range:
    """Trim spaces and punctuation from both ends (a closing quotation mark stays)."""
    a, b = span
    while a < b and (is_punct(doc[a]) and not _opens_quote(doc, a)):
        a += 1
    while b > a and (doc[b - 1].is_space or doc[b - 1].text in _TRAILING):
        b -= 1
    return a, b


_TRAILING = frozenset({".", ",", ";", ":", "—", "–", "-", "(", "…"})


def quote_message(doc: Doc, quote: QuoteTokens) -> Range:
    """The message of a direct quotation: its content, less spaces and a trailing
    comma (``“We win,” she said`` → ``We win``); ``.``, ``!``, ``?`` stay."""
    a, b = quote.content
    while a < b and doc[a].is_space:
        a += 1
    while b > a and (doc[b - 1].is_space or doc[b - 1].text in (",", ";", ":")):
        b -= 1
    return a, b


def _opens_quote(doc: Doc, i: int) -> bool:
    return is_quote_mark(doc[i]) and i + 1 < len(doc) and not doc[i].whitespace_


@dataclass(frozen=True, slots=True)
class QuoteTokens:
    """A quotation in token indices: its content and its marks."""

    start: int  # first token of the content
    end: int  # after the last token of the content
    open_at: int  # the opening mark
    close_at: int | None  # the closing mark, None when never closed

    @property
    def content(self) -> Range:
        return self.start, self.end

    @property
    def outer_end(self) -> int:
        return self.close_at + 1 if self.close_at is not None else self.end


def quotations(doc: Doc) -> list[QuoteTokens]:
    """The outer quotations of the doc (quotes inside quotes left out)."""
    found: list[QuoteTokens] = []
    for quote in find_quotes(doc.text):
        if quote.depth:
            continue
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        opening = doc.char_span(
            quote.open_at, quote.open_at + 1, alignment_mode="expand"
        )
        if span is None or opening is None or not len(span):
            continue
        close = None
        if quote.close_at is not None:
            closing = doc.char_span(
                quote.close_at, quote.close_at + 1, alignment_mode="expand"
            )
            close = closing.start if closing is not None else None
        a, b = span.start, span.end
        while b > a and doc[b - 1].is_space:
            b -= 1
        if b > a:
            found.append(QuoteTokens(a, b, opening.start, close))
    return found
