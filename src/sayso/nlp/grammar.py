"""German clause and phrase structure from tags alone: what the rules stand on.

The rules need a few facts a full parser would give: where a clause starts
and ends, where its finite verb is, what fills the position before it (the
*Vorfeld*), and where a noun phrase ends. These are read off STTS tags (with
UPOS as a fallback), which the language layer predicts far more reliably
than dependency trees on the data available.

Every function takes a spaCy ``Doc`` and token indices; spans are half-open
``(start, end)`` token ranges.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Doc, Token

from sayso.nlp.extensions import konjunktiv_of

Range = tuple[int, int]

FINITE_TAGS = frozenset({"VVFIN", "VAFIN", "VMFIN", "VVIMP", "VAIMP"})
NONFINITE_TAGS = frozenset({"VVPP", "VAPP", "VMPP", "VVINF", "VAINF", "VMINF", "VVIZU"})
NOUN_TAGS = frozenset({"NN", "NE", "FM", "XY"})
DET_TAGS = frozenset({"ART", "PDAT", "PPOSAT", "PIAT", "PIDAT", "PWAT", "PRELAT"})
ADJ_TAGS = frozenset({"ADJA", "CARD"})
PREP_TAGS = frozenset({"APPR", "APPRART"})
PRONOUN_TAGS = frozenset({"PPER", "PIS", "PDS"})
SUBORDINATORS = frozenset({"KOUS", "KOUI", "PWAV", "PWS", "PRELS", "PWAT", "PRELAT"})
CLAUSE_PUNCT = frozenset({",", ";", ":", "–", "—", "(", ")"})
DASHES = frozenset({"-", "–", "—"})
COORDINATORS = frozenset({"und", "oder", "aber", "sowie", "sondern", "doch", "denn"})
DATIVE_DETS = frozenset(
    {"dem", "einem", "diesem", "jenem", "seinem", "ihrem", "unserem"}
)
DATIVE_PRONOUNS = frozenset(
    {"ihm", "ihr", "ihnen", "Ihnen", "mir", "uns", "euch", "dir"}
)
REFLEXIVE = frozenset({"sich", "Sich"})
AUXILIARIES = frozenset({"haben", "sein", "werden"})
PREPOSITIONS = frozenset(
    [
        "in",
        "im",
        "ins",
        "an",
        "am",
        "ans",
        "auf",
        "aus",
        "bei",
        "beim",
        "mit",
        "nach",
        "seit",
        "von",
        "vom",
        "vor",
        "zu",
        "zum",
        "zur",
        "über",
        "unter",
        "neben",
        "zwischen",
        "hinter",
        "durch",
        "für",
        "gegen",
        "ohne",
        "um",
        "bis",
        "während",
        "wegen",
        "trotz",
        "laut",
        "gemäß",
        "zufolge",
        "gegenüber",
        "entlang",
        "statt",
        "anstatt",
        "innerhalb",
        "außerhalb",
        "angesichts",
        "aufgrund",
        "infolge",
        "mittels",
        "binnen",
        "dank",
        "ab",
        "per",
        "via",
        "bezüglich",
        "hinsichtlich",
        "seitens",
        "anlässlich",
        "betreffs",
        "zwecks",
        "samt",
        "nebst",
        "außer",
        "entgegen",
        "zugunsten",
    ]
)
#: Nouns of time: a noun phrase headed by one is an adverbial, not a subject.
TIME_NOUNS = frozenset(
    [
        "Montag",
        "Dienstag",
        "Mittwoch",
        "Donnerstag",
        "Freitag",
        "Samstag",
        "Sonntag",
        "Sonnabend",
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
        "Woche",
        "Wochen",
        "Wochenende",
        "Monat",
        "Monate",
        "Monaten",
        "Jahr",
        "Jahre",
        "Jahren",
        "Jahrzehnt",
        "Tag",
        "Tage",
        "Tagen",
        "Morgen",
        "Abend",
        "Nacht",
        "Mittag",
        "Vormittag",
        "Nachmittag",
        "Mitte",
        "Ende",
        "Anfang",
        "Beginn",
        "Zeit",
        "Stunde",
        "Stunden",
        "Minuten",
        "Herbst",
        "Winter",
        "Frühjahr",
        "Frühling",
        "Sommer",
        "Zuletzt",
    ]
)


def is_finite(token: Token) -> bool:
    """A finite verb (``sagte``, ``hat``, ``soll``) by tag, morphology or Konjunktiv.

    The Konjunktiv component works from word forms, so it catches finite verbs
    the tagger missed (``sie müssten/ADV``).
    """
    if token.tag_ in FINITE_TAGS or konjunktiv_of(token) is not None:
        return True
    if token.tag_:
        return False
    return token.pos_ in ("VERB", "AUX") and "Fin" in token.morph.get("VerbForm", [])


def is_verb(token: Token) -> bool:
    if token.tag_.startswith("V") or konjunktiv_of(token) is not None:
        return True
    if token.tag_:
        return False
    return token.pos_ in ("VERB", "AUX")


def finite_and_verb(token: Token, konjunktiv: str | None) -> tuple[bool, bool]:
    """``(is_finite(token), is_verb(token))`` for a token whose ``_.konjunktiv`` the
    caller has read already (extension lookups are slow in per-token loops)."""
    tag = token.tag_
    if not tag:
        return is_finite(token), is_verb(token)
    subjunctive = konjunktiv is not None
    return tag in FINITE_TAGS or subjunctive, tag.startswith("V") or subjunctive


def is_nonfinite(token: Token) -> bool:
    if token.tag_:
        return token.tag_ in NONFINITE_TAGS
    return is_verb(token) and not is_finite(token)


_MISTAGGABLE = frozenset(
    {"ADV", "ADJD", "ADJA", "XY", "FM", "VVFIN", "VVINF", "VVPP", "PIS", "KON", "KOUS"}
)


def _capitalised_inside(token: Token) -> bool:
    """A capitalised word in mid-sentence that the tagger did not call a noun."""
    if token.tag_ not in _MISTAGGABLE or not token.text[:1].isupper():
        return False
    if token.i == 0 or token.is_sent_start:
        return False
    before = token.doc[token.i - 1]
    return not (
        before.is_punct or before.is_space or before.text in (":", "„", '"', "»")
    )


def is_noun(token: Token) -> bool:
    if token.is_space:
        return False
    if (
        token.ent_type_
        and not token.is_punct
        and token.tag_ not in ("APPR", "ART", "KON")
    ):
        return True  # a name whatever its tag: "n24/CARD", "Giorgia/ADJA"
    if _capitalised_inside(token):
        return True  # "führte Elshorst/ADV aus": German capitalises only nouns
    if token.tag_:
        return token.tag_ in NOUN_TAGS or (
            token.tag_ == "TRUNC" and token.text.endswith("-")
        )
    return token.pos_ in ("NOUN", "PROPN")


def is_name(token: Token) -> bool:
    """A proper name by tag or entity (the tagger often calls a rare name ``NN``)."""
    if token.is_space:
        return False
    if token.tag_ == "NE" or token.pos_ == "PROPN":
        return True
    return token.ent_type_ in ("PER", "ORG", "LOC", "MISC") and token.text[:1].isupper()


def is_det(token: Token) -> bool:
    return token.tag_ in DET_TAGS if token.tag_ else token.pos_ == "DET"


def is_adj(token: Token) -> bool:
    return token.tag_ in ADJ_TAGS if token.tag_ else token.pos_ in ("ADJ", "NUM")


def is_prep(token: Token) -> bool:
    return token.tag_ in PREP_TAGS if token.tag_ else token.pos_ == "ADP"


def is_pronoun(token: Token) -> bool:
    if token.tag_:
        return token.tag_ in PRONOUN_TAGS and token.lower_ not in ("es", "das", "dies")
    return token.pos_ == "PRON" and token.lower_ not in ("es", "das", "dies", "sich")


def is_punct(token: Token) -> bool:
    return token.is_punct or token.tag_.startswith("$")


def is_subordinator(token: Token) -> bool:
    return token.tag_ in SUBORDINATORS if token.tag_ else token.pos_ == "SCONJ"


def sentence_of(doc: Doc, i: int) -> Range:
    """The token range of the sentence holding token ``i``."""
    sent = doc[i].sent
    return sent.start, sent.end


@dataclass(frozen=True, slots=True)
class Clause:
    """A clause: tokens ``start``..``end``, its finite verb and its type.

    ``kind`` is ``"v2"`` (finite verb second: ``Rubio sagte …``), ``"v1"`` (verb
    first: ``…, sagte Rubio``), ``"vl"`` (verb last, after a subordinator:
    ``dass er …``, ``wie er sagte``) or ``"none"`` (no finite verb).
    ``opener`` is the index of a subordinator or coordinator at its start.
    """

    start: int
    end: int
    finite: int | None
    kind: str
    opener: int | None
    #: relative clauses in its Vorfeld (``Frank Sichau, der … fungiert, erklärte``)
    embedded: tuple[Range, ...] = ()

    def __contains__(self, i: object) -> bool:
        return isinstance(i, int) and self.start <= i < self.end

    @property
    def range(self) -> Range:
        return self.start, self.end


def outer(doc: Doc, quote: Range) -> Range:
    """A quotation's token range with its quotation marks."""
    a, b = quote
    if a > 0 and is_quote_mark(doc[a - 1]):
        a -= 1
    if b < len(doc) and is_quote_mark(doc[b]):
        b += 1
    return a, b


def clauses(
    doc: Doc, start: int, end: int, quotes: Sequence[Range] = ()
) -> list[Clause]:
    """Split tokens ``start``..``end`` (one sentence) into clauses.

    Boundaries are clause punctuation, line breaks and a coordinator followed
    by a finite verb (``… und teilte mit``). A quotation is never cut: one
    that fills a segment of its own becomes a clause of kind ``"quote"``, one
    inside a clause (``postete „Bleiben Sie dran!“``) stays in it. Segments
    without a verb are merged into the next one, so that ``Merz (CDU), von
    der Leyen und Meloni hat …`` stays one clause; a relative clause after
    such a segment is carried along as *embedded* (``Frank Sichau, der …
    fungiert, erklärte``), its verb not counted as the clause's own.
    """
    spans: dict[int, int] = {}
    for q in quotes:
        a, b = outer(doc, q)
        if start <= a < end:
            spans[a] = b
        elif a < start < b:
            spans[start] = b  # a quote that began in an earlier sentence
    cuts = [start]
    atomic: list[Range] = []
    i = start
    while i < end:
        if i in spans:
            j = min(spans[i], end)
            atomic.append((i, j))
            i = j
            continue
        token = doc[i]
        if token.text == "(" and (close := _short_parenthesis(doc, i, end)):
            i = close  # "gegenüber der Zeitung (WAZ) nicht bestätigen": no boundary
            continue
        if token.is_space or token.text in CLAUSE_PUNCT:
            cuts.extend((i, i + 1))
        elif (
            token.lower_ in COORDINATORS
            and i > start
            and (_finite_soon(doc, i + 1, end) or _subject_then_finite(doc, i + 1, end))
        ):
            cuts.append(i)
        i += 1
    cuts.append(end)
    content = [
        (a, b)
        for a, b in pairwise(cuts)
        if b > a
        and any(not is_punct(doc[k]) and not doc[k].is_space for k in range(a, b))
    ]
    found: list[Clause] = []
    pending: int | None = None
    embedded: list[Range] = []
    for a, b in content:
        whole_quote = any(qa <= a and b <= qb for qa, qb in atomic)
        if (
            pending is not None
            and not whole_quote
            and is_relative_clause(doc, a, b, spans)
        ):
            embedded.append((a, b))
            continue
        subordinate = not whole_quote and _opens_subordinate(doc, a, b)
        if pending is not None and subordinate and found and found[-1].kind != "quote":
            # "sagte X, Kommandant des Corps, dass …": the apposition joins the clause
            previous = found.pop()
            found.append(_clause(doc, previous.start, a, spans, previous.embedded))
            pending = None
        if pending is not None:
            a, pending = pending, None
        if subordinate and any(is_verb(doc[k]) for k in range(a, b)):
            found.append(_clause(doc, a, b, spans, tuple(embedded)))
            embedded = []
            continue
        if subordinate:
            # "Wie der Bevollmächtigte, Gerald Braun, mitteilte": the verb comes later
            pending = a
            continue
        if not whole_quote and not _has_verb(doc, a, b, spans, embedded):
            if b < end and doc[b].text == ":":
                # "Streit um die Brücke: Stadt droht …" — a colon ends a verbless title
                found.append(_clause(doc, a, b, spans, tuple(embedded)))
                embedded = []
                continue
            pending = a
            continue
        found.append(_clause(doc, a, b, spans, tuple(embedded)))
        embedded = []
    if pending is not None:
        last = found[-1] if found else None
        if last is not None and last.kind != "quote":
            found[-1] = _clause(
                doc, last.start, content[-1][1], spans, last.embedded + tuple(embedded)
            )
        else:
            found.append(_clause(doc, pending, content[-1][1], spans, tuple(embedded)))
    return found


def _short_parenthesis(doc: Doc, i: int, end: int) -> int:
    """The index after ``)`` closing a short verbless parenthesis opened at ``i``
    (``(WAZ)``, ``(CDU)``, ``(2001: 35 %)``, ``(kurz: „IG Bau“)``), else 0."""
    for k in range(i + 1, min(end, i + 9)):
        if doc[k].text == ")":
            return k + 1 if k > i + 1 else 0
        if is_verb(doc[k]) or doc[k].text == "(" or doc[k].is_space:
            return 0
    return 0


_SUBORDINATE_OPENERS = frozenset(
    {
        "dass",
        "daß",
        "ob",
        "weil",
        "wenn",
        "falls",
        "obwohl",
        "nachdem",
        "bevor",
        "damit",
        "sodass",
        "wonach",
        "wobei",
        "während",
        "als",
        "da",
        "sobald",
        "solange",
        "indem",
    }
)


def _opens_subordinate(doc: Doc, a: int, b: int) -> bool:
    """A segment that a subordinating conjunction opens: always a clause of its own."""
    k = a
    while k < b and (is_punct(doc[k]) or doc[k].is_space):
        k += 1
    return k < b and (doc[k].lower_ in _SUBORDINATE_OPENERS or doc[k].tag_ == "KOUS")


RELATIVE_WORDS = frozenset(
    {
        "der",
        "die",
        "das",
        "dem",
        "den",
        "denen",
        "deren",
        "dessen",
        "welche",
        "welcher",
        "welches",
        "welchem",
        "welchen",
        "wo",
        "worin",
        "womit",
        "wobei",
    }
)


def is_relative_clause(
    doc: Doc, a: int, b: int, spans: dict[int, int] | None = None
) -> bool:
    """A segment after a comma that opens with a relative pronoun and ends in its verb.

    ``, der als Sprecher fungiert,`` / ``, mit dem er sprach,``. The tag decides
    where it says ``PRELS``; an article-tagged ``der``/``die``/``das`` counts only
    when no noun follows it (``, die Polizei erklärte`` is no relative clause).
    """
    k = a
    while k < b and (is_punct(doc[k]) or doc[k].is_space):
        k += 1
    if k == 0 or doc[k - 1].text != ",":
        return False
    if k < b and doc[k].tag_ in ("APPR", "APPRART") and k + 1 < b:
        k += 1
    if k >= b:
        return False
    token = doc[k]
    if token.tag_ not in ("PRELS", "PRELAT"):
        if token.lower_ not in RELATIVE_WORDS:
            return False
        nxt = doc[k + 1] if k + 1 < b else None
        if nxt is None or is_noun(nxt) or is_adj(nxt):
            return False
    last = b
    while last > a and (is_punct(doc[last - 1]) or doc[last - 1].is_space):
        last -= 1
    # verb-final: the finite verb closes the clause, with something between it and
    # the pronoun ("das sei nötig" is a main clause, "der als Sprecher fungiert" is not)
    return last - k >= 3 and is_finite(doc[last - 1])


def _has_verb(
    doc: Doc, a: int, b: int, spans: dict[int, int], embedded: Sequence[Range] = ()
) -> bool:
    return any(is_verb(doc[k]) for k in _outside_quotes(a, b, spans, embedded))


def _outside_quotes(
    a: int, b: int, spans: dict[int, int], embedded: Sequence[Range] = ()
) -> list[int]:
    """Token indices ``a``..``b`` that are neither quoted nor in an embedded clause."""
    skip = dict(spans)
    skip.update({x: y for x, y in embedded})
    out = []
    k = a
    while k < b:
        if k in skip and skip[k] > k:
            k = skip[k]
            continue
        out.append(k)
        k += 1
    return out


def is_quote_mark(token: Token) -> bool:
    """A quotation mark on its own."""
    from sayso.nlp.quotes import QUOTE_MARKS

    return len(token.text) == 1 and token.text in QUOTE_MARKS


def _finite_soon(doc: Doc, i: int, end: int) -> bool:
    """A finite verb within the next two tokens (``und teilte``, ``und sagte dann``)."""
    return any(is_finite(doc[k]) for k in range(i, min(end, i + 2)))


#: Tags of a short subject between a coordinator and its finite verb.
_SUBJECT_WORDS = frozenset({"ART", "ADJA", "PPOSAT", "PIAT", "PDAT", "CARD"})
_SUBJECT_HEADS = frozenset({"NN", "NE", "PPER", "PDS", "PIS"})


def _subject_then_finite(doc: Doc, i: int, end: int) -> bool:
    """``… um die Blockaden und die Hongkonger befürchten, dass …``: a short
    noun phrase and a finite verb after a coordinator (``Merz und Meloni
    sagten`` stays one clause: a stretch without a verb joins the next)."""
    k = i
    while k < min(end, i + 5) and doc[k].tag_ in _SUBJECT_WORDS:
        k += 1
    if k >= end or doc[k].tag_ not in _SUBJECT_HEADS:
        return False
    k += 1
    while k < min(end, i + 6) and doc[k].tag_ in _SUBJECT_HEADS:
        k += 1  # "der Abgeordnete Peter Müller"
    return k < end and is_finite(doc[k])


def _clause(
    doc: Doc,
    start: int,
    end: int,
    spans: dict[int, int],
    embedded: tuple[Range, ...] = (),
) -> Clause:
    if start in spans and spans[start] >= end:
        return Clause(start, end, None, "quote", None)
    while (
        start < end
        and (is_punct(doc[start]) or doc[start].is_space)
        and start not in spans
    ):
        start += 1
    while (
        end > start
        and (is_punct(doc[end - 1]) or doc[end - 1].is_space)
        and not any(a < end <= b for a, b in spans.items())
    ):
        end -= 1
    opener = None
    if start < end and (
        is_subordinator(doc[start])
        or doc[start].lower_ in COORDINATORS
        or doc[start].lower_ == "wie"
    ):
        opener = start
    if opener is None and is_relative_clause(doc, start, end, spans):
        opener = start
    finites = [
        k for k in _outside_quotes(start, end, spans, embedded) if is_finite(doc[k])
    ]
    if not finites:
        return Clause(start, end, None, "none", opener, embedded)
    if opener is not None and doc[opener].lower_ not in COORDINATORS:
        return Clause(start, end, finites[-1], "vl", opener, embedded)
    body = opener + 1 if opener is not None else start
    finite = finites[0]
    return Clause(
        start, end, finite, "v1" if finite == body else "v2", opener, embedded
    )


def clause_at(found: Iterable[Clause], i: int) -> Clause | None:
    return next((c for c in found if i in c), None)


# -- noun phrases -----------------------------------------------------------------


_NP_INNER = frozenset({"ADV", "ADJD", "KOKOM"})


def noun_phrase(
    doc: Doc, i: int, end: int, *, coordinated: bool = False
) -> Range | None:
    """The noun phrase starting at token ``i`` (not beyond ``end``), or None.

    Covers determiners, adjectives, nouns and names in a row (``US-Außenminister
    Marco Rubio``), a parenthesis (``Merz (CDU)``), genitive attributes (``ein
    Sprecher des Ministeriums``), ``von`` + name (``eine Reporterin von n24``)
    and an apposition between commas (``Der Innenminister, Nicolas Sarkozy,``).
    With ``coordinated``, lists joined by commas and ``und``/``sowie`` too.
    """
    if i >= end:
        return None
    token = doc[i]
    if is_pronoun(token):
        return (i, i + 1)
    j = _np_core(doc, i, end)
    if j is None:
        return None
    j = _np_tail(doc, j, end)
    if coordinated:
        while j < end and (
            doc[j].text == "," or doc[j].lower_ in ("und", "sowie", "oder")
        ):
            k = j + 1
            if k < end and doc[k].lower_ in ("und", "sowie", "oder"):
                k += 1
            nxt = _np_core(doc, k, end) if k < end else None
            if nxt is None:
                break
            j = _np_tail(doc, nxt, end)
    return (i, j)


def _np_core(doc: Doc, i: int, end: int, *, quoted: bool = True) -> int | None:
    """End of determiners + adjectives + nouns starting at ``i``; None if no noun.

    With ``quoted``, a short quoted name after a determiner is the noun."""
    j = i
    while j < end and (
        is_det(doc[j]) or is_adj(doc[j]) or doc[j].tag_ in ("ADJD", "ADV")
    ):
        if doc[j].tag_ in ("ADJD", "ADV") and not (j + 1 < end and is_adj(doc[j + 1])):
            break
        j += 1
        if is_det(doc[j - 1]) and j < end and is_prep(doc[j]):
            j = _extended_attribute(doc, j, end)
    start_nouns = j
    if quoted and i < j < end and (named := _quoted_name(doc, j, end)):
        return (
            named  # die liberale „El Mundo“, der „Arbeitskreis Vorratsdatenspeicherung“
        )
    while j < end:
        if is_noun(doc[j]) or (doc[j].text == "-" and j > start_nouns):
            j += 1
        elif j > start_nouns and (after := _name_particle(doc, j, end)):
            j = after  # Ursula von der Leyen, Ludwig van Beethoven
        elif j > start_nouns and _mistagged_name(doc, j, end):
            j += 1  # "Regierungschefin Giorgia/ADJA Meloni"
        else:
            break
    if j == start_nouns:
        return None
    # never cut a named entity in two
    for k in range(start_nouns, j):
        ent_end = _entity_end(doc, k)
        if ent_end is not None and j < ent_end <= end:
            j = ent_end
    return j


def _extended_attribute(doc: Doc, j: int, end: int) -> int:
    """Past a phrase before an attributive participle (``einer [am Dienstag]
    veröffentlichten Mitteilung``): the participle's index, else ``j``."""
    for k in range(j + 1, min(end - 1, j + 7)):
        token = doc[k]
        if token.tag_ == "ADJA" and (is_noun(doc[k + 1]) or is_adj(doc[k + 1])):
            return k
        if is_punct(token) or is_verb(token) or (is_det(token) and k > j + 1):
            break
    return j


def _quoted_name(doc: Doc, j: int, end: int) -> int:
    """The end of a short quoted name after a determiner (``die „Computerwoche“``),
    else 0: a capitalised first word, at most six words, no finite verb but as
    the last word of a name that opens with a noun (``die „Aktion Deutschland
    hilft“``; ``ihre „Gedanken sind bei allen Opfern“`` is a quotation)."""
    if not is_quote_mark(doc[j]) or j + 1 >= end or not doc[j + 1].text[:1].isupper():
        return 0
    for k in range(j + 1, min(end, j + 8)):
        if is_quote_mark(doc[k]):
            return k + 1 if k > j + 1 else 0
        if (
            is_finite(doc[k])
            and not (is_noun(doc[j + 1]) and k + 1 < end and is_quote_mark(doc[k + 1]))
        ) or (is_punct(doc[k]) and doc[k].text not in ("-", "&", ".")):
            return 0
    return 0


def _mistagged_name(doc: Doc, j: int, end: int) -> bool:
    """A capitalised word inside a name that the tagger took for something else."""
    token = doc[j]
    if not token.text[:1].isupper() or is_verb(token) or is_punct(token):
        return False
    return token.ent_type_ in ("PER", "ORG") or (
        j + 1 < end and doc[j + 1].ent_type_ == "PER" and doc[j + 1].ent_iob_ == "B"
    )


_PARTICLES = frozenset(
    {"von", "van", "de", "der", "den", "zu", "vom", "da", "di", "del", "al"}
)


def _name_particle(doc: Doc, j: int, end: int) -> int:
    """The end of ``von der Leyen`` if ``von`` at ``j`` continues a name, else 0."""
    if doc[j].lower_ not in _PARTICLES or doc[j].text[:1].isupper():
        return 0
    if not (
        doc[j - 1].ent_type_ == "PER"
        or (is_name(doc[j - 1]) and doc[j - 1].tag_ == "NE")
    ):
        return 0
    k = j
    while k < end and doc[k].lower_ in _PARTICLES and not doc[k].text[:1].isupper():
        k += 1
    if k < end and k - j <= 2 and doc[k].text[:1].isupper() and is_noun(doc[k]):
        return k + 1
    return 0


def _entity_end(doc: Doc, k: int) -> int | None:
    token = doc[k]
    if not token.ent_type_ or token.ent_iob_ != "B":
        return None
    j = k + 1
    while j < len(doc) and doc[j].ent_iob_ == "I":
        j += 1
    return j


def _np_tail(doc: Doc, j: int, end: int) -> int:
    while j < end:
        token = doc[j]
        if token.text == "(" and j + 2 < end and doc[j + 2].text == ")":
            j += 3  # Merz (CDU)
        elif (
            doc[j - 1].tag_ == "NN"
            and "Plur" not in doc[j - 1].morph.get("Number", [])
            and is_quote_mark(token)
            and (named := _quoted_name(doc, j, end))
        ):
            # des Fachmagazins „Automobilwoche“: the title names the noun (not
            # after a plural: "laut Zeugenaussagen „Britain First“" is what they heard)
            j = named
        elif (
            token.lower_ in ("des", "der", "eines", "einer")
            and j > 0
            and is_noun(doc[j - 1])
        ):
            nxt = _np_core(doc, j, end, quoted=False)
            if nxt is None or not _genitive_ok(doc, j):
                break
            j = nxt
        elif (
            token.lower_ in ("von", "vom", "aus")
            and j + 1 < end
            and is_name(doc[j + 1])
            and is_noun(doc[j - 1])
        ):
            nxt = _np_core(doc, j + 1, end, quoted=False)
            if nxt is None:
                break
            j = nxt
        elif (
            token.text == ","
            and j + 1 < end
            and is_name(doc[j + 1])
            and doc[j - 1].tag_ == "NN"
            and not is_name(doc[j - 1])
        ):
            # an apposition naming a title: "Der Innenminister, Nicolas Sarkozy,"
            k = j + 1
            while k < end and is_name(doc[k]):
                k += 1
            j = k + 1 if k < end and doc[k].text == "," else k
            if doc[j - 1].text == ",":
                j -= 1
            break
        else:
            break
    return j


def _genitive_ok(doc: Doc, j: int) -> bool:
    """``der`` after a noun is genitive unless its morphology says otherwise."""
    case = doc[j].morph.get("Case", [])
    return not case or "Gen" in case


def strip_range(doc: Doc, span: Range) -> Range:
    """Trim punctuation and quotation marks from both ends of a token range."""
    a, b = span
    while a < b and is_punct(doc[a]):
        a += 1
    while b > a and is_punct(doc[b - 1]):
        b -= 1
    return a, b


def after_a_titled_noun(doc: Doc, first: int, endings: tuple[str, ...]) -> bool:
    """Whether the quotation whose first word is at ``first`` follows a noun
    that names it (``der Fachzeitschrift „Tobacco Control“``): one whose
    lower-case form ends in one of ``endings`` (the lexicon's
    ``naming_ending``, so compounds count)."""
    k = first - 1
    while k >= 0 and is_punct(doc[k]):
        k -= 1
    if k < 0 or k == first - 1 or not is_noun(doc[k]):
        return False
    return doc[k].lower_.endswith(endings)
