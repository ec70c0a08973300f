"""Tag repairs: fixes of the language layer's tags the rules depend on.

The tagger learns from a small treebank and misreads words the attribution
rules turn on: a reporting verb tagged as an adjective (``räumte/ADJA … ein``),
a plural present as an infinitive, a participle as a finite verb and back, a
pronoun as a verb. Each repair is narrow, changes tags only (never the text),
and runs before the rules (:func:`repair_tags`); the learned model sees the
repaired tags too.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence

import numpy
from spacy.attrs import ORTH
from spacy.strings import get_string_id
from spacy.tokens import Doc

from sayso.nlp import grammar as g
from sayso.nlp.cues import PARTICLES
from sayso.nlp.grammar import Range
from sayso.nlp.lexicon import Lexicon, lemma_of


def repair_tags(doc: Doc, lexicon: Lexicon) -> None:
    """Every repair, in the order they build on each other."""
    repair_brackets(doc)
    repair_pronouns(doc)
    repair_verb_tags(doc, lexicon)
    segments = list(_segments(doc))  # the tag repairs leave the text as it is
    repair_plural_finites(doc, segments)
    repair_opening_participles(doc, segments)
    repair_particle_participles(doc, segments)
    repair_final_participles(doc, segments)
    repair_relative_articles(doc, segments)
    repair_relative_subjects(doc, segments)
    repair_auxiliary_participles(doc, segments)
    repair_infinitive_conjunctions(doc, segments)
    repair_attributive_verbs(doc)


_REPAIRABLE = frozenset(
    {"ADJA", "ADJD", "NN", "NE", "ADV", "XY", "FM", "VVINF", "PTKVZ", "VAFIN"}
)


#: Endings no finite verb or participle has: present participles (entscheidend)
#: and inflected strong participles (beschlossene, beschlossenen).
_ADJECTIVE_ENDINGS = (
    *("end", "ende", "endem", "enden", "ender", "endes"),
    *("ene", "enem", "enen", "ener", "enes"),
)


#: The endings every attributive adjective has (``erklärte``, ``genannten``).
_ATTRIBUTIVE_ENDINGS = ("e", "em", "en", "er", "es")


def repair_verb_tags(doc: Doc, lexicon: Lexicon) -> None:
    """Give mislabelled reporting verbs a verb tag (``räumte/ADJA Rubio ein``).

    A lower-case word whose lemma is a reporting verb, not after a determiner,
    adjective or preposition (``die erklärte Absicht`` stays an adjective), is
    tagged ``VVPP`` when it looks like a participle and ``VVFIN`` otherwise.
    """
    for token in doc:
        text = token.text
        if (
            token.tag_ not in _REPAIRABLE
            or not text[:1].islower()
            or not text.isalpha()
        ):
            continue
        if text.lower().endswith(_ADJECTIVE_ENDINGS):
            continue  # "entscheidend", "die beschlossenen Regeln": adjectives
        lemma = lexicon.participles.get(text.lower()) or lemma_of(text)
        if not (lemma in lexicon.verbs or lemma in _particle_bases(lexicon)):
            continue
        if lemma == text and token.tag_ != "PTKVZ" and not _after_modal(doc, token.i):
            continue  # an infinitive: only a particle tag or a modal before is sure
        before = doc[token.i - 1] if token.i > 0 else None
        if (
            before is not None
            and (
                g.is_det(before)
                or g.is_adj(before)
                or g.is_prep(before)
                or before.tag_ == "PTKZU"
            )
            and (token.tag_ != "ADJA" or text.endswith(_ATTRIBUTIVE_ENDINGS))
        ):
            # "die erklärte Absicht"; but "Das gab/ADJA X bekannt": an attributive
            # adjective is inflected, a word without the ending is none
            continue
        participle = text.startswith("ge") or (
            "ge" in text[2:-2] and text.endswith(("t", "en"))
        )
        if token.tag_ == "VVINF" and not participle:
            continue
        if lemma == text:
            token.tag_ = "VVINF"
        else:
            token.tag_ = "VVPP" if participle else "VVFIN"
        token.pos_ = "VERB"


def _particle_bases(lexicon: Lexicon) -> frozenset[str]:
    """Base verbs of the particle verbs in the lexicon: ``räumen`` for ``einräumen``."""
    return _bases(lexicon.lang)


@functools.cache
def _bases(lang: str) -> frozenset[str]:
    from sayso.nlp.lexicon import load_lexicon

    return frozenset(
        lemma[len(p) :]
        for lemma in load_lexicon(lang).verbs
        for p in PARTICLES
        if lemma.startswith(p) and len(lemma) > len(p) + 3
    )


_FINITE_FOR = {"VVINF": "VVFIN", "VAINF": "VAFIN", "VMINF": "VMFIN"}


def repair_plural_finites(doc: Doc, segments: Sequence[Range] | None = None) -> None:
    """``Experten schätzen/VVINF, dass …``: a plural present read as infinitive.

    In a comma-delimited segment without any finite verb, an infinitive-form
    verb right after the noun phrase that opens the segment is its finite verb.
    """
    for start, end in _segments(doc) if segments is None else segments:
        if end > start and not any(g.is_finite(doc[k]) for k in range(start, end)):
            np = g.noun_phrase(doc, start, end, coordinated=True)
            if np is not None and np[1] < end and doc[np[1]].tag_ in _FINITE_FOR:
                verb = doc[np[1]]
                verb.tag_ = _FINITE_FOR[verb.tag_]
                verb.pos_ = "AUX" if verb.tag_ != "VVFIN" else "VERB"


def repair_opening_participles(
    doc: Doc, segments: Sequence[Range] | None = None
) -> None:
    """``Brandt-Kenner glaubten/VVPP damals, dass …``: a past plural read as a
    participle.

    In a comma-delimited segment that opens a sentence and has no finite verb,
    a participle-tagged word right after the noun phrase that opens the
    segment, in the same sentence and not shaped like a participle with *ge-*,
    is the segment's finite verb (a participle closes its clause). It may be
    the segment's last word only where *dass* or *ob* follows its comma
    (``Die Gruppe berichtet/VVPP, dass …``): a participle ending a clause
    that has no finite verb takes no such clause.
    """
    for start, end in _segments(doc) if segments is None else segments:
        if end - start < 2 or not doc[start].is_sent_start:
            continue
        if any(g.is_finite(doc[k]) for k in range(start, end)):
            continue
        np = g.noun_phrase(doc, start, end, coordinated=True)
        if (
            np is None
            or np[1] >= end
            or (np[1] == end - 1 and not _dass_after(doc, end))
        ):
            continue
        verb = doc[np[1]]
        if (
            verb.tag_ == "VVPP"
            and not verb.lower_.startswith("ge")
            and verb.sent.start == start
        ):
            verb.tag_ = "VVFIN"
            verb.pos_ = "VERB"


def repair_particle_participles(
    doc: Doc, segments: Sequence[Range] | None = None
) -> None:
    """``Die Organisatoren gestanden/VVPP ein, dass …``: a participle-tagged
    word with a separated particle after it in a segment without a finite
    verb is the finite verb the particle was split from (a participle keeps
    its particle: *eingestanden*)."""
    for start, end in _segments(doc) if segments is None else segments:
        verbs = [k for k in range(start, end) if doc[k].tag_.startswith("V")]
        if len(verbs) != 1 or doc[verbs[0]].tag_ != "VVPP" or verbs[0] == start:
            continue
        k = verbs[0]
        if any(doc[j].tag_ == "PTKVZ" for j in range(k + 1, end)) and not any(
            g.is_finite(doc[j]) for j in range(start, end)
        ):
            doc[k].tag_ = "VVFIN"
            doc[k].pos_ = "VERB"


def repair_relative_articles(doc: Doc, segments: Sequence[Range] | None = None) -> None:
    """``erklärte Johnson, die/PRELS Rechte … schützen zu wollen``: a segment
    opened by a relative pronoun but without a finite verb, holding a
    zu-infinitive, is a zu-infinitive clause; its *die* is an article, and a
    verb right before the *zu* read as finite is an infinitive
    (``schützen/VVFIN zu wollen``)."""
    for start, end in _segments(doc) if segments is None else segments:
        if end - start < 3 or doc[start].tag_ not in ("PRELS", "PRELAT"):
            continue
        zus = [k for k in range(start, end) if doc[k].tag_ in ("PTKZU", "VVIZU")]
        before_zu = {k - 1 for k in zus if doc[k].tag_ == "PTKZU"}
        finites = [k for k in range(start, end) if g.is_finite(doc[k])]
        if not zus or any(k not in before_zu for k in finites):
            continue
        doc[start].tag_ = "ART"
        doc[start].pos_ = "DET"
        for k in finites:
            if doc[k].tag_ == "VVFIN":
                doc[k].tag_ = "VVINF"


def _dass_after(doc: Doc, end: int) -> bool:
    """Whether a comma at ``end`` is followed by *dass* or *ob*."""
    return (
        end + 1 < len(doc)
        and doc[end].text == ","
        and doc[end + 1].lower_ in ("dass", "daß", "ob")
    )


def repair_relative_subjects(doc: Doc, segments: Sequence[Range] | None = None) -> None:
    """``erklärte, die/PRELS betroffenen Tiere würden behandelt``: a segment
    opened by *der*, *die* or *das* read as a relative pronoun, whose first
    verb is finite, follows a noun (``die noch zu schaffende Verfassung
    werde``) and has more words after it, is a main clause in verb-second
    order; its *die* is an article. A relative clause puts its finite verb
    last (``…, die Tiere fressen``).
    """
    for start, end in _segments(doc) if segments is None else segments:
        if end - start < 4 or doc[start].tag_ != "PRELS":
            continue
        if doc[start].lower_ not in ("der", "die", "das"):
            continue
        verb = next(
            (k for k in range(start + 1, end) if doc[k].tag_.startswith("V")), None
        )
        if verb is None or verb >= end - 1 or not g.is_finite(doc[verb]):
            continue
        if not g.is_noun(doc[verb - 1]) or g.is_prep(doc[start + 1]):
            continue
        doc[start].tag_ = "ART"
        doc[start].pos_ = "DET"


def repair_final_participles(doc: Doc, segments: Sequence[Range] | None = None) -> None:
    """``Wie die Zeitung berichtet/VVPP, …``: a subordinate clause without a
    finite verb whose last word reads as a participle (``berichtet``,
    ``erklärt``: the forms are the same) has it as its finite verb.

    Only where a subject stands between the subordinator and the verb, so
    ``wie berichtet`` (no subject) stays as it is.
    """
    for start, end in _segments(doc) if segments is None else segments:
        last = end - 1
        if (
            last > start + 1
            and doc[start].tag_ == "KOUS"
            and doc[last].tag_ == "VVPP"
            and not doc[last].lower_.startswith("ge")
            and not any(g.is_finite(doc[k]) for k in range(start, end))
            and g.noun_phrase(doc, start + 1, last) is not None
        ):
            doc[last].tag_ = "VVFIN"


def repair_infinitive_conjunctions(
    doc: Doc, segments: Sequence[Range] | None = None
) -> None:
    """``Um/KOUI 15:36 Uhr meldete …``: *um*, *ohne*, *statt* read as the
    conjunction of a zu-infinitive where their segment has none are
    prepositions (otherwise they open a clause and cut the sentence)."""
    for start, end in _segments(doc) if segments is None else segments:
        if not any(doc[k].tag_ == "KOUI" for k in range(start, end)):
            continue
        if any(doc[k].tag_ in ("PTKZU", "VVIZU") for k in range(start, end)):
            continue
        for k in range(start, end):
            if doc[k].tag_ == "KOUI":
                doc[k].tag_ = "APPR"
                doc[k].pos_ = "ADP"


_BEFORE_ATTRIBUTE = frozenset({"ADV", "PTKNEG", "ADJA", "ADJD"})


def repair_attributive_verbs(doc: Doc) -> None:
    """``auf nicht weiter bezeichnete/VVFIN Quellen``: a verb form between a
    preposition and its noun, with only adverbs and adjectives before it, is an
    attributive adjective, not the clause's finite verb (after a determiner it
    may be one: ``Das erklärte General Winai``)."""
    for token in doc:
        i = token.i
        if token.tag_ != "VVFIN" or i + 1 >= len(doc) or doc[i + 1].tag_ != "NN":
            continue
        k = i - 1
        while k >= 0 and doc[k].tag_ in _BEFORE_ATTRIBUTE:
            k -= 1
        if k >= 0 and doc[k].tag_ in ("APPR", "APPRART"):
            token.tag_ = "ADJA"
            token.pos_ = "ADJ"


_BRACKETS = [
    get_string_id(t) for t in ("[", "]", "{", "}", "(", ")", "<", ">", "[]", "()")
]


def repair_brackets(doc: Doc) -> None:
    """``es sei [...] „wichtig“``: a bracket is punctuation, whatever the
    tagger (which saw few square brackets) says; read as a conjunction or a
    preposition it would open a clause or a phrase."""
    for i in _positions_of(doc, _BRACKETS):
        doc[i].tag_ = "$("
        doc[i].pos_ = "PUNCT"


#: Personal pronouns that are never a verb, whatever the tagger says.
_PRONOUNS = frozenset(
    {"ich", "du", "er", "wir", "ihr", "mich", "mir", "dich", "dir", "ihn", "ihm"}
    | {"uns", "euch", "ihnen"}
)


def repair_pronouns(doc: Doc) -> None:
    """``so charakterisierte ihn/VAFIN der Funktionär``: a personal pronoun the
    tagger read as a verb is a pronoun (else the clause gets a second verb)."""
    for token in doc:
        if token.lower_ in _PRONOUNS and token.tag_.startswith("V"):
            token.tag_ = "PPER"
            token.pos_ = "PRON"


#: Finite forms of the auxiliaries a participle completes (passive, perfect).
_AUXILIARIES = frozenset(
    {
        *("wird", "werden", "wurde", "wurden", "würde", "würden", "werde"),
        *("hat", "haben", "hatte", "hatten", "habe", "hätte", "hätten"),
    }
)


def repair_auxiliary_participles(
    doc: Doc, segments: Sequence[Range] | None = None
) -> None:
    """``… wird die Gefahr vom Wetterdienst als „sehr hoch“ eingestuft/VVFIN``:
    the last word of a segment whose finite verb is an auxiliary, read as a
    finite verb but shaped like a participle (``ge`` at the start or after a
    particle, ending in ``t``), is the participle the auxiliary asks for."""
    for start, end in _segments(doc) if segments is None else segments:
        last = end - 1
        while last > start and doc[last].is_punct:
            last -= 1  # closing quotation marks
        if last <= start:
            continue
        word = doc[last].lower_
        if (
            doc[last].tag_ != "VVFIN"
            or not word.endswith("t")
            or not (word.startswith("ge") or "ge" in word[2:-2])
        ):
            continue
        finites = [k for k in range(start, last) if g.is_finite(doc[k])]
        if len(finites) == 1 and doc[finites[0]].lower_ in _AUXILIARIES:
            doc[last].tag_ = "VVPP"
            doc[last].pos_ = "VERB"


_SEGMENT_ENDS = [get_string_id(t) for t in (",", ";", ":", ".", "!", "?")]


def _segments(doc: Doc) -> Iterator[Range]:
    """The stretches of ``doc`` between commas and other clause punctuation,
    each starting at its first word (not at the line break after a full stop)."""
    start = 0
    for i in [*_positions_of(doc, _SEGMENT_ENDS), len(doc)]:
        while start < i and doc[start].is_space:
            start += 1
        yield start, i
        start = i + 1


def _positions_of(doc: Doc, hashes: list[int]) -> list[int]:
    """Where tokens whose text has one of ``hashes`` stand (read as an array
    rather than token by token)."""
    orth = doc.to_array(ORTH)
    return [int(i) for i in numpy.flatnonzero(numpy.isin(orth, hashes))]


_MODALS = frozenset(
    {"werden", "können", "müssen", "sollen", "wollen", "dürfen", "mögen"}
)


def _after_modal(doc: Doc, i: int) -> bool:
    """``werde sich verpflichten/ADV``: an infinitive form a few words after a modal."""
    sent_start = doc[i].sent.start
    for k in range(max(sent_start, i - 6), i):
        if g.is_finite(doc[k]) and lemma_of(doc[k].text.lower()) in _MODALS:
            return True
    return False
