"""Roles of an English cue: source, message, addressee and medium.

For a reporting verb, in this order:

1. the **source** is the noun phrase before the verb group (``Sen. Elizabeth
   Warren said``), across an apposition or relative clause in commas
   (``Trump, who spoke in Ohio, said``); or, inverted, the one after the verb
   (``"…," said Mr. Trump``); a participle after a comma (``…, adding that``)
   takes the subject of its sentence later (:mod:`sayso.nlp.en.rules`);
2. time phrases, adverbs and channels after the verb are skipped (``said
   Monday in an interview with Fox News``), the channel kept as **medium**;
   the object of ``tell``/``urge``/``warn`` and ``to X`` after ``say``/``explain``
   are the **addressee**;
3. the **message** is, first match wins: a quotation closed just before the
   source and cue (``"…," he said``, with a second part after it: ``"…," he
   said, "…"``) → *direct*; a quotation after the cue (``said: "…"``) →
   *direct*; a ``that``/``whether`` clause, a bare clause after verbs of
   saying, a ``to``-infinitive (``vowed to …``) → *indirect*; a prepositional
   object (``called for …``) or a direct object (``denied the report``) →
   *reported*; the clause before a parenthetical cue (``The plan will fail,
   Trump said``; ``The plan, he said, will fail``) → *indirect*;
4. a negated act without message (``declined to comment``, ``did not
   respond``) is kept as a negated statement without message.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from sayso.nlp.candidate import Candidate
from sayso.nlp.en import grammar as g
from sayso.nlp.en.cues import PrepCue, VerbCue
from sayso.nlp.en.grammar import QuoteTokens, Range
from sayso.nlp.en.lexicon import EnglishLexicon, normal

_CLAUSE_WORDS = frozenset({"that", "whether", "if", "how", "why", "what", "when"})
_STOP_AFTER_COMMA = frozenset(
    {"and", "but", "while", "which", "who", "as", "because", "although", "though"}
)
_DASHES = frozenset({"—", "–", "--", "―"})
_QUANTIFIERS = frozenset({"about", "around", "nearly", "almost", "roughly", "some"})


@dataclass(slots=True)
class Sentence:
    """One sentence and what the rules know about its doc."""

    doc: Doc
    start: int
    end: int
    quotes: list[QuoteTokens]
    inside: set[int]
    lexicon: EnglishLexicon
    #: closing mark token → its quotation
    closing: dict[int, QuoteTokens] = field(default_factory=dict)
    #: opening mark token → its quotation
    opening: dict[int, QuoteTokens] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for quote in self.quotes:
            self.opening[quote.open_at] = quote
            if quote.close_at is not None:
                self.closing[quote.close_at] = quote


def verbal_statement(sent: Sentence, cue: VerbCue) -> Candidate | None:
    """The statement a reporting verb makes, or None where its roles are missing."""
    doc = sent.doc
    start, end = sent.start, sent.end
    verb = cue.verb
    candidate = Candidate(
        kind="indirect",
        rule="en_verb",
        cue=cue.ranges,
        mode=verb.mode,
        negated=cue.negated,
        hearsay=cue.hearsay,
        anchor=cue.index,
        lemma=verb.lemma,
        confidence=0.75,
    )
    participle = _participle_after_comma(doc, cue, start)
    subject = None if participle else _subject(sent, cue)
    k = _skip_adjuncts(sent, cue.after, candidate)
    if subject is None and not participle and _may_invert(sent, cue):
        inverted = g.noun_phrase_after(doc, k, end)
        if inverted is not None and not _clause_follows(doc, inverted[1], end):
            subject = inverted
            k = _skip_adjuncts(sent, inverted[1], candidate)
            insert = _insert_after(sent, inverted[1])
            if insert is not None:
                subject = (subject[0], insert)
                k = _skip_adjuncts(sent, insert, candidate)
    if subject is not None:
        candidate.source = [subject]
    k = _addressee(sent, cue, k, candidate)
    left_edge = min(cue.group_start, subject[0] if subject else cue.group_start)
    _medium_before(sent, left_edge, candidate)
    if not _declines(doc, cue, end) and _message(sent, cue, k, left_edge, candidate):
        return candidate
    if cue.negated or _declines(doc, cue, end):
        _wh_after_decline(sent, cue, candidate)
        candidate.kind = "reported"
        candidate.rule = "en_negated"
        candidate.negated = True
        return candidate if candidate.source or participle else None
    return None


def _message(
    sent: Sentence, cue: VerbCue, k: int, left_edge: int, candidate: Candidate
) -> bool:
    """Find the message (and kind); False when there is none."""
    doc = sent.doc
    end = sent.end
    verb = cue.verb
    before = _quote_closing_before(sent, left_edge)
    if before is not None and (verb.clausal or verb.takes("obj")):
        candidate.kind = "direct"
        candidate.rule = "en_quote_before"
        candidate.message = [g.quote_message(doc, before)]
        again = _quote_opening_at(sent, _skip(doc, k, (",", ":", *_DASHES)))
        if again is not None and again.start > cue.index:
            candidate.message.append(g.quote_message(doc, again))
            candidate.rule = "en_quote_around"
        candidate.confidence = 0.9
        return True
    if k >= end:
        return _parenthetical(sent, cue, left_edge, end, candidate)
    nxt = doc[k]
    text = normal(nxt.text)
    after_colon = _skip(doc, k, (":", ","))
    quote = _quote_opening_at(sent, after_colon)
    if quote is not None and (verb.clausal or verb.takes("obj")):
        rest = _words_between(doc, quote.outer_end, end)
        if rest and quote.end - quote.start < 6:
            candidate.kind = "indirect"  # said "no" to the deal: a partial quote
            candidate.rule = "en_partial_quote"
            candidate.message = [_strip(doc, (quote.open_at, _clause_end(sent, k)))]
        else:
            candidate.kind = "direct"
            candidate.rule = "en_quote_after"
            candidate.message = [g.quote_message(doc, quote)]
            candidate.confidence = 0.9
        return True
    if g.is_punct(nxt) and text not in ("—", "–") and quote is None:
        return _parenthetical(sent, cue, left_edge, k, candidate)
    if text in _CLAUSE_WORDS and verb.clausal:
        candidate.rule = "en_that" if text == "that" else "en_wh"
        candidate.message = [_strip(doc, (k, _clause_end(sent, k)))]
        return True
    infinitive = text == "to" or (
        text == "not" and k + 1 < end and doc[k + 1].lower_ == "to"
    )
    if infinitive and (
        verb.takes("inf") or (candidate.addressee and verb.takes("addr"))
    ):
        candidate.rule = "en_infinitive"
        candidate.message = [_strip(doc, (k, _act_end(sent, k)))]
        return True
    if text in verb.preps:
        candidate.kind = "reported"
        candidate.rule = "en_prep_object"
        candidate.message = [_trim_tail(sent, (k, _act_end(sent, k)), candidate)]
        return _long_enough(candidate.message[0], 2)
    if verb.takes("say") and _clause_starts(doc, k, end):
        candidate.rule = "en_bare_clause"
        candidate.message = [_strip(doc, (k, _clause_end(sent, k)))]
        return _long_enough(candidate.message[0], 3)
    if verb.clausal and _headline(sent) and _long_enough((k, end), 2):
        candidate.rule = "en_headline_verb"  # Former Doctor Says Clinton Hid …
        candidate.message = [_strip(doc, (k, end))]
        return True
    if verb.takes("obj") and _object_starts(doc, k):
        candidate.kind = "reported"
        candidate.rule = "en_object"
        candidate.message = [_trim_tail(sent, (k, _act_end(sent, k)), candidate)]
        candidate.confidence = 0.6
        return _long_enough(candidate.message[0], 1)
    return False


def _trim_tail(sent: Sentence, span: Range, candidate: Candidate) -> Range:
    """A summarised act's object without the time and channel after it:
    ``promised the money in a letter in 2023`` → ``the money`` (medium: in a
    letter)."""
    doc = sent.doc
    a, b = _strip(doc, span)
    changed = True
    while changed and b - a > 1:
        changed = False
        for j in range(b - 1, a, -1):
            if normal(doc[j].text) not in _TIME_PREPS | {"in", "on", "at", "via"}:
                continue
            tail = (j, b)
            medium = _medium_at(sent, j)
            if medium is not None and medium[1] >= b:
                candidate.medium.append(tail)
            elif not _time_phrase(sent, (j + 1, b)):
                continue
            a, b = _strip(doc, (a, j))
            changed = True
            break
    return a, b


def _headline(sent: Sentence) -> bool:
    from sayso.nlp.en.discourse import is_headline_line

    return is_headline_line(sent.doc, sent.start, sent.end)


def _long_enough(span: Range, n: int) -> bool:
    return span[1] - span[0] >= n


def _parenthetical(
    sent: Sentence, cue: VerbCue, left_edge: int, k: int, candidate: Candidate
) -> bool:
    """``The plan will fail, Trump said.`` / ``The plan, he said, will fail.``"""
    doc = sent.doc
    if not cue.verb.clausal or left_edge - 1 <= sent.start:
        return False
    comma = left_edge - 1
    if doc[comma].text not in (",", *_DASHES):
        return False
    first = _clause_start_before(sent, comma)
    span = _strip(doc, (first, comma))
    parts = [span]
    if k < sent.end and doc[k].text == ",":
        rest = _strip(doc, (k + 1, _clause_end(sent, k + 1)))
        if rest[1] - rest[0] >= 2:
            parts.append(rest)
    tokens = [i for a, b in parts for i in range(a, b)]
    if span[1] - span[0] < 2 or len(tokens) < 3:
        return False
    verb_in = any(g.is_finite_verb(doc[i]) or g.is_verb(doc[i]) for i in tokens)
    if not verb_in and (doc[tokens[0]].tag_ or not _has_verbish(doc, tokens)):
        return False
    candidate.rule = "en_parenthetical"
    candidate.message = parts
    return True


def _has_verbish(doc: Doc, tokens: list[int]) -> bool:
    """Without tags: a word that may be a finite verb (``is``, ``-ed``, ``-s``)."""
    return any(
        normal(doc[i].text) in g.AUXILIARIES
        or (doc[i].is_lower and doc[i].text.endswith(("ed", "s")))
        for i in tokens
    )


def _clause_start_before(sent: Sentence, comma: int) -> int:
    """Where the clause before a parenthetical cue starts: the sentence start,
    or after a colon or semicolon."""
    doc = sent.doc
    j = comma
    while j > sent.start:
        if doc[j - 1].text in (";", ":") and j - 1 not in sent.inside:
            break
        j -= 1
    return j


def _subject(sent: Sentence, cue: VerbCue) -> Range | None:
    """The noun phrase before the verb group, across an inserted clause in commas."""
    doc = sent.doc
    start = sent.start
    at = cue.group_start
    subject = g.noun_phrase_before(doc, at, start, it=cue.verb.clausal)
    if subject is not None and _time_phrase(sent, subject):
        # Dana Whitfield on Tuesday demanded / Trump last week said
        before = subject[0]
        while before > start and g.inline_space(doc[before - 1]):
            before -= 1
        if before > start and normal(doc[before - 1].text) in _TIME_PREPS:
            before -= 1
        subject = g.noun_phrase_before(doc, before, start)
    if subject is not None:
        if subject[0] > start and doc[subject[0] - 1].text in ("to", "of", "by"):
            return None  # a prepositional object: "wrote to Trump", no subject
        return subject
    if at - 1 <= start or doc[at - 1].text != ",":
        return None
    # Trump, the Republican nominee, said / Trump, who spoke in Ohio, said
    j = at - 2
    while j > start and doc[j].text != "," and j not in sent.inside:
        if doc[j].text in (";", ":") or sent.closing.get(j) is not None:
            return None
        j -= 1
    if j <= start or doc[j].text != "," or at - 2 - j > 25:
        return None
    insert = doc[j + 1]
    is_relative = normal(insert.text) in ("who", "whose", "which")
    is_apposition = (
        g.noun_phrase_after(doc, j + 1, at - 1) is not None
        and not normal(insert.text).endswith("ing")
        and insert.tag_ not in ("VBG", "VBN", "IN", "RB")
    )
    if not (is_relative or is_apposition):
        return None
    subject = g.noun_phrase_before(doc, j, start)
    if subject is None:
        return None
    return subject[0], at - 1


def _insert_after(sent: Sentence, k: int) -> int | None:
    """``said Len Burman, head of the Tax Policy Center``: where an apposition or
    relative clause after an inverted source ends (None without one).

    It runs to the end of the clause: the sentence end, or a comma before a
    quotation or a new attribution (``, adding that``).
    """
    doc, end = sent.doc, sent.end
    if k + 1 >= end or doc[k].text != ",":
        return None
    first = normal(doc[k + 1].text)
    if first not in ("who", "whose") and (
        g.noun_phrase_after(doc, k + 1, end) is None
        or first.endswith("ing")
        or (k + 1) in sent.opening
    ):
        return None
    stop = k + 1
    while stop < end:
        if stop in sent.opening or doc[stop].text == ";":
            break
        if (
            doc[stop].text == ","
            and stop + 1 < end
            and (stop + 1 in sent.opening or _attribution_or_participle(sent, stop + 1))
        ):
            break
        stop += 1
    while stop > k + 1 and g.is_punct(doc[stop - 1]):
        stop -= 1
    return stop


def _attribution_or_participle(sent: Sentence, k: int) -> bool:
    text = normal(sent.doc[k].text)
    return text == "according" or (
        text.endswith("ing") and bool(sent.lexicon.verbs(sent.doc[k].text))
    )


_TIME_PREPS = frozenset({"on", "in", "at", "during", "since", "until", "by"})


def _time_phrase(sent: Sentence, span: Range) -> bool:
    """``Tuesday``, ``last week``, ``two years``: a time phrase, no source."""
    times = sent.lexicon.word_class("time_word")
    words = [
        normal(sent.doc[i].text)
        for i in range(*span)
        if normal(sent.doc[i].text) not in ("the", "a", "an")
    ]
    return bool(words) and all(w in times or w.isdigit() for w in words)


def _may_invert(sent: Sentence, cue: VerbCue) -> bool:
    """``"…," said Trump``, ``…, says Trump``: the source may follow the verb only
    after a quotation, a comma, a dash or a colon."""
    j = cue.group_start - 1
    if j < sent.start:
        return False
    text = sent.doc[j].text
    return text in (",", ":", *_DASHES) or j in sent.closing


def _participle_after_comma(doc: Doc, cue: VerbCue, start: int) -> bool:
    """``…, adding that``: a participle whose subject is the sentence's."""
    token = doc[cue.index]
    if cue.group_start != cue.index:
        return False
    if not normal(token.text).endswith("ing") and token.tag_ != "VBG":
        return False
    j = cue.index - 1
    return j >= start and (
        doc[j].text in (",", *_DASHES)
        or normal(doc[j].text) in ("while", "before", "after", "by", "and", "when")
    )


def _skip(doc: Doc, k: int, marks: tuple[str, ...]) -> int:
    while k < len(doc) and (doc[k].text in marks or doc[k].is_space):
        k += 1
    return k


def _skip_adjuncts(sent: Sentence, k: int, candidate: Candidate) -> int:
    """Past time phrases, adverbs and channels after the verb; channels kept."""
    doc, lexicon, end = sent.doc, sent.lexicon, sent.end
    times = lexicon.word_class("time_word")
    while k < end:
        token = doc[k]
        text = normal(token.text)
        if token.is_space:
            k += 1
            continue
        medium = _medium_at(sent, k)
        if medium is not None:
            candidate.medium.append(medium)
            k = medium[1]
            continue
        if text in times or (g.is_adverb(token, lexicon) and text not in g.NEGATIONS):
            k += 1
            continue
        if (
            text in ("on", "in", "at", "during", "earlier", "last", "this")
            and k + 1 < end
        ):
            j = k + 1
            while j < end and (
                normal(doc[j].text) in times
                or doc[j].like_num
                or normal(doc[j].text) in ("the", "a", "an")
            ):
                j += 1
            if j > k + 1 and any(
                normal(doc[i].text) in times or doc[i].like_num for i in range(k + 1, j)
            ):
                k = j
                continue
        if token.like_num and k + 1 < end and normal(doc[k + 1].text) in times:
            k += 2  # two years (ago), 10 days
            if k < end and normal(doc[k].text) == "ago":
                k += 1
            continue
        break
    return k


def _medium_before(sent: Sentence, left: int, candidate: Candidate) -> None:
    """``In an interview with Channel 5, the governor said``: a channel that
    opens the sentence, before the source."""
    j = sent.start
    while j < left and j not in sent.inside:
        medium = _medium_at(sent, j)
        if medium is not None and medium[1] <= left:
            candidate.medium.append(medium)
            return
        if sent.doc[j].text in (";", ":"):
            return
        j += 1


def _medium_at(sent: Sentence, k: int) -> Range | None:
    """A channel at token ``k``: ``in an interview with Fox News``, ``on Twitter``."""
    doc, lexicon, end = sent.doc, sent.lexicon, sent.end
    prep = normal(doc[k].text)
    if prep not in lexicon.word_class("medium_prep") and prep not in ("to", "with"):
        return None
    j = k + 1
    name = _phrase_at(doc, j, end, lexicon, "medium_name")
    if name is not None and prep in ("on", "to", "with", "in", "via"):
        return k, name
    if prep in ("to", "with"):
        return None
    while j < end and (
        g.is_det(doc[j])
        or normal(doc[j].text) in ("'s", "'")
        or (doc[j].tag_ in ("JJ", "NNP", "NNPS") and doc[j].text[:1].isupper())
        or (not doc[j].tag_ and doc[j].text[:1].isupper())
        or doc[j].tag_ in ("JJ", "VBN")
        or normal(doc[j].text)
        in (
            "radio",
            "television",
            "tv",
            "phone",
            "written",
            "joint",
            "new",
            "recent",
            "separate",
            "lengthy",
            "brief",
            "exclusive",
            "televised",
            "local",
            "national",
        )
    ):
        if _phrase_at(doc, j, end, lexicon, "medium_noun") is not None:
            break
        j += 1
    noun_end = _phrase_at(doc, j, end, lexicon, "medium_noun")
    if noun_end is None:
        return None
    stop = noun_end
    if stop < end and normal(doc[stop].text) in ("with", "on", "for", "to", "by"):
        np = g.noun_phrase_after(doc, stop + 1, end)
        if np is not None:
            stop = np[1]
    return k, stop


def _phrase_at(
    doc: Doc, k: int, end: int, lexicon: EnglishLexicon, name: str
) -> int | None:
    """The end of a word or phrase of class ``name`` starting at ``k``."""
    if k >= end:
        return None
    for phrase in lexicon.phrases.get(name, ()):
        n = len(phrase)
        if k + n <= end and all(normal(doc[k + i].text) == phrase[i] for i in range(n)):
            return k + n
    if normal(doc[k].text) in lexicon.word_class(name):
        return k + 1
    return None


def _addressee(sent: Sentence, cue: VerbCue, k: int, candidate: Candidate) -> int:
    """``told reporters``, ``urged Congress to``, ``said to reporters``."""
    doc, end, lexicon = sent.doc, sent.end, sent.lexicon
    verb = cue.verb
    if k >= end:
        return k
    text = normal(doc[k].text)
    np: Range | None = None
    if verb.takes("addr") and text not in _CLAUSE_WORDS and text != "to":
        np = g.noun_phrase_after(doc, k, end)
        if np is not None and verb.lemma not in ("tell", "remind", "assure", "inform"):
            after = normal(doc[np[1]].text) if np[1] < end else ""
            if after not in ("to", "that", ":") and not _clause_starts(doc, np[1], end):
                np = None  # urged caution: an object, not an addressee
        if np is not None:
            candidate.addressee.append(np)
            k = np[1]
    elif verb.takes("to") and text == "to":
        np = g.noun_phrase_after(doc, k + 1, end)
        if np is not None:
            candidate.addressee.append(np)
            k = np[1]
    if np is not None:
        if _phrase_at(doc, np[0], np[1], lexicon, "medium_name") == np[1] or (
            np[1] - np[0] > 1
            and _phrase_at(doc, np[0] + 1, np[1], lexicon, "medium_name") == np[1]
        ):
            candidate.medium.append(np)
        k = _skip_adjuncts(sent, k, candidate)
    return k


def _quote_closing_before(sent: Sentence, left: int) -> QuoteTokens | None:
    """A quotation whose closing mark stands just before ``left`` (a comma between)."""
    doc = sent.doc
    j = left - 1
    while j >= 0 and doc[j].is_space:
        j -= 1
    if j >= 0 and doc[j].text in (",", *_DASHES):
        j -= 1
    if j < sent.start:
        return None  # the mark closes the sentence before
    return sent.closing.get(j)


def _quote_opening_at(sent: Sentence, k: int) -> QuoteTokens | None:
    if k >= len(sent.doc):
        return None
    return sent.opening.get(k)


def _words_between(doc: Doc, a: int, b: int) -> bool:
    return any(not g.is_punct(doc[i]) for i in range(a, b))


def _clause_follows(doc: Doc, k: int, end: int) -> bool:
    """A verb right after a noun phrase: it is a subject, not an inverted source."""
    return k < end and g.is_finite_verb(doc[k])


def _clause_starts(doc: Doc, k: int, end: int) -> bool:
    """Whether a bare complement clause starts at ``k``: ``said the plan would``."""
    if k >= end:
        return False
    token = doc[k]
    text = normal(token.text)
    if text in ("it", "there", "he", "she", "they", "we", "i", "you"):
        return True
    if g.is_punct(token) or (
        text in ("to", "for", "of", "about", "on", "in", "at", "by", "with", "as")
        and not (text in _QUANTIFIERS and k + 1 < end and doc[k + 1].like_num)
    ):
        return False
    if text in _QUANTIFIERS and k + 1 < end and doc[k + 1].like_num:
        k += 1
    np = g.noun_phrase_after(doc, k, end)
    if np is None:
        return False
    # the subject may be coordinated or carry a relative clause: a finite verb
    # before the next comma ("said Democrats and the media are to blame")
    j = np[1]
    limit = min(end, j + 10)
    while j < limit:
        token = doc[j]
        if g.is_finite_verb(token):
            return True
        if g.is_punct(token) and not g.is_quote_mark(token) and token.text != "-":
            return False
        j += 1
    return False


def _lexicon() -> EnglishLexicon:
    from sayso.nlp.en.lexicon import load_english_lexicon

    return load_english_lexicon()


def _object_starts(doc: Doc, k: int) -> bool:
    token = doc[k]
    if g.is_punct(token) and not g.is_quote_mark(token):
        return False
    text = normal(token.text)
    if text in g.AUXILIARIES or text in ("to", "that", "as", "by", "at", "in", "on"):
        return False
    return (
        g.is_det(token)
        or g.is_noun(token)
        or g.is_pronoun(token)
        or g.is_adjective(token)
        or text in ("him", "her", "them", "us", "me")
        or g.is_quote_mark(token)
    )


def _clause_end(sent: Sentence, k: int) -> int:
    """Where a message starting at ``k`` ends: the sentence end, a semicolon, or a
    comma before a new attribution (``, adding that``, ``, according to``)."""
    doc, end, lexicon = sent.doc, sent.end, sent.lexicon
    j = k
    while j < end:
        token = doc[j]
        if j in sent.inside:
            j += 1
            continue
        if token.text == ";":
            return j
        if (
            normal(token.text) in ("and", "but")
            and j + 1 < end
            and j > k
            and lexicon.verbs(doc[j + 1].text)
            and normal(doc[j + 1].text).endswith(("s", "ed", "d"))
        ):
            return j  # accuses the state … and threatens to sue
        if token.text in (",", *_DASHES) and j + 1 < end:
            nxt = doc[j + 1]
            text = normal(nxt.text)
            if text == "according" or (
                text.endswith("ing") and lexicon.verbs(nxt.text)
            ):
                return j
            if (
                text in _STOP_AFTER_COMMA
                and j + 2 < end
                and lexicon.verbs(doc[j + 2].text)
            ):
                return j
            if _attribution_follows(sent, j + 1):
                return j
        j += 1
    return end


_SUBORDINATORS = frozenset(
    {"after", "when", "because", "while", "before", "since", "although", "though"}
    | {"whereas", "unless", "until"}
)


def _act_end(sent: Sentence, k: int) -> int:
    """Where the object of a summarised act or an infinitive ends: the clause end,
    or before ``and`` with a new verb (``promised a veto and attempted …``) or a
    subordinate clause (``… after hackers targeted …``)."""
    doc = sent.doc
    end = _clause_end(sent, k)
    for j in range(k + 1, end):
        if j in sent.inside:
            continue
        text = normal(doc[j].text)
        if text in _SUBORDINATORS:
            return j
        if (
            text in ("and", "but")
            and j + 1 < end
            and doc[j + 1].tag_ in ("VBD", "VBZ")
            and j + 1 not in sent.inside
        ):
            return j
    return end


def _attribution_follows(sent: Sentence, k: int) -> bool:
    """``…, Trump said.`` / ``…, said Trump.``: a parenthetical cue ends the message."""
    doc, end, lexicon = sent.doc, sent.end, sent.lexicon
    if lexicon.verbs(doc[k].text) and doc[k].tag_ in ("", "VBD", "VBZ"):
        return _rest_is_short(doc, k + 1, end)
    np = g.noun_phrase_after(doc, k, end)
    if np is None or np[1] - np[0] > 6:
        return False
    j = np[1]
    while j < end and g.is_adverb(doc[j], lexicon):
        j += 1
    if (
        j < end
        and lexicon.verbs(doc[j].text)
        and any(v.clausal for v in lexicon.verbs(doc[j].text))
    ):
        return _rest_is_short(doc, j + 1, end)
    return False


def _rest_is_short(doc: Doc, k: int, end: int) -> bool:
    """Only a few words (a time phrase, a source) after a parenthetical cue."""
    words = [i for i in range(k, end) if not g.is_punct(doc[i])]
    return len(words) <= 8 or doc[k].text == ","


def _declines(doc: Doc, cue: VerbCue, end: int) -> bool:
    """``declined to comment``, ``refused to say``: a negated act, no message."""
    if cue.verb.lemma not in ("decline", "refuse"):
        return False
    k = cue.after
    return (
        k + 1 < end
        and doc[k].lower_ == "to"
        and normal(doc[k + 1].text) in _lexicon().word_class("comment_word")
    )


def _wh_after_decline(sent: Sentence, cue: VerbCue, candidate: Candidate) -> None:
    """``declined to say whether …``: the open question is the message;
    ``declined to comment on the lawsuit``: the lawsuit is the topic."""
    doc = sent.doc
    candidate.message = []
    for k in range(cue.after, min(sent.end, cue.after + 8)):
        text = normal(doc[k].text)
        if text in _CLAUSE_WORDS - {"that"}:
            candidate.message = [_strip(doc, (k, _clause_end(sent, k)))]
            return
        if text in ("on", "about") and k > cue.after:
            candidate.topic = [_strip(doc, (k, _clause_end(sent, k)))]
            return


def _strip(doc: Doc, span: Range) -> Range:
    return g.strip_range(doc, span)


def prepositional_statement(sent: Sentence, prep: PrepCue) -> Candidate | None:
    """``According to X, …`` / ``…, according to X.`` / ``A, according to X, is B``."""
    doc, end = sent.doc, sent.end
    source = g.noun_phrase_after(doc, prep.end, end)
    if source is None:
        return None
    candidate = Candidate(
        kind="indirect",
        rule="en_according_to",
        cue=[(prep.start, prep.end)],
        source=[source],
        anchor=prep.start,
        confidence=0.85,
    )
    after = source[1]
    first = _clause_start_before(sent, prep.start)
    before = _strip(doc, (first, prep.start))
    if after < end and doc[after].text == ",":
        rest = _strip(doc, (after + 1, _clause_end(sent, after + 1)))
    else:
        rest = (after, after)
    if before[1] - before[0] >= 2:
        candidate.message.append(before)
    if rest[1] - rest[0] >= 2 and (
        before[1] - before[0] < 2 or _mid_clause(doc, before)
    ):
        candidate.message.append(rest)
    return candidate if candidate.message else None


def _mid_clause(doc: Doc, before: Range) -> bool:
    """``The plan, according to X, will fail``: the part before has no verb."""
    return not any(g.is_finite_verb(doc[i]) for i in range(*before))
