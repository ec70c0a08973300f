"""The ``sayso_lemmas`` component: German lemmas from simplemma and the POS tags.

simplemma (MIT) looks lemmas up in a large German dictionary with rules for
unknown words, context-free and fast (millions of words per second). On UD
German GSD dev it is more accurate than an edit-tree lemmatizer trained on the
16k treebank words available here (see ``docs/language.md``). The POS tags only
decide casing and what is left alone:

- contractions (*zum*, *im*, *ins*) get their preposition (*zu*, *in*, *in*);
- numbers, symbols and punctuation keep their form; nouns keep their capital;
- a capitalised word that is no noun (sentence start: *Sieben*, *Knapp*) is
  looked up in lower case.

Before the lemmas, two tagger slips are repaired:

- a preposition tag (``APPR``) on a particle word right before punctuation
  (*forderte den Minister auf,*) becomes the separated verb particle ``PTKVZ``,
  which it is in 114 of 116 such cases in UD German GSD dev + test;
- a capitalised hyphenated compound (*EU-Kommissionspräsidentin*) tagged as a
  function word (conjunction, preposition, article, pronoun, particle) becomes a
  noun (``NN``, ``NOUN``): no function word is written so.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

import numpy
import simplemma
from spacy.attrs import LEMMA, ORTH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc, Token

#: Preposition + article contractions and their preposition.
CONTRACTIONS = {
    "am": "an",
    "ans": "an",
    "aufs": "auf",
    "beim": "bei",
    "durchs": "durch",
    "fürs": "für",
    "hinterm": "hinter",
    "hinters": "hinter",
    "im": "in",
    "ins": "in",
    "überm": "über",
    "übers": "über",
    "ums": "um",
    "unterm": "unter",
    "unters": "unter",
    "vom": "von",
    "vorm": "vor",
    "vors": "vor",
    "zum": "zu",
    "zur": "zu",
}
_KEEP_POS = frozenset({"NUM", "SYM", "PUNCT", "X", "SPACE"})


def _words(text: str) -> list[str]:
    return text.split()


#: Separable verb particles that are also prepositions.
PARTICLES = frozenset(
    _words(
        "ab an auf aus bei durch ein fest her hin los mit nach um vor vorbei weg zu "
        "zurück zusammen über fort"
    )
)


def lemmatize(token: Token) -> str:
    """The lemma of one token, given its POS tag (if any)."""
    return lemma_of(token.text, token.pos_)


@functools.lru_cache(maxsize=100_000)
def lemma_of(text: str, pos: str) -> str:
    """The lemma of ``text`` with UPOS ``pos`` (``""`` when untagged); cached."""
    lower = text.lower()
    if lower in CONTRACTIONS:
        return CONTRACTIONS[lower]
    if pos in _KEEP_POS:
        return text
    if pos in {"NOUN", "PROPN"}:
        lemma = str(simplemma.lemmatize(text, lang="de"))
        if pos == "NOUN" and text[:1].isupper() and lemma[:1].islower():
            return lemma[:1].upper() + lemma[1:]
        return lemma
    if pos and text[:1].isupper() and not text.isupper():
        return str(simplemma.lemmatize(lower, lang="de"))
    return str(simplemma.lemmatize(text, lang="de"))


#: STTS tags of function words, which no capitalised hyphenated compound gets.
FUNCTION_TAGS = frozenset(
    _words(
        "APPR APPRART APPO APZR ART KON KOUS KOUI KOKOM PPER PRF PDS PIS PWS PRELS "
        "PTKNEG PTKZU PTKVZ PTKANT PTKA"
    )
)


def repair_particles(doc: Doc) -> None:
    """``APPR`` → ``PTKVZ`` for a particle word right before punctuation; a
    capitalised hyphenated compound tagged as a function word → ``NN``."""
    strings = doc.vocab.strings
    appr = strings["APPR"]
    function_tags = {strings[tag] for tag in FUNCTION_TAGS}
    last = len(doc) - 1
    for i, tag in enumerate(doc.to_array(TAG).tolist()):
        if tag not in function_tags:
            continue
        token = doc[i]
        if (
            tag == appr
            and i < last
            and token.lower_ in PARTICLES
            and doc[i + 1].is_punct
        ):
            token.tag_ = "PTKVZ"
            continue
        text = token.text
        if text[:1].isupper() and "-" in text[1:-1] and text.replace("-", "").isalpha():
            token.tag_ = "NN"
            token.pos_ = "NOUN"


class Lemmas:
    """Set ``token.lemma_`` on every token."""

    def __init__(self) -> None:
        #: (orth, pos) -> lemma hash, for the vocabulary the lemmas are stored in
        self._cache: dict[tuple[int, int], int] = {}
        self._strings: object = None

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        strings = doc.vocab.strings
        if strings is not self._strings:
            self._cache.clear()
            self._strings = strings
        cache = self._cache
        if len(cache) > 200_000:
            cache.clear()
        repair_particles(doc)
        keys = doc.to_array([ORTH, POS]).tolist()
        lemmas = []
        for i, (orth, pos) in enumerate(keys):
            lemma = cache.get((orth, pos))
            if lemma is None:
                lemma = cache[orth, pos] = strings.add(lemmatize(doc[i]))
            lemmas.append(lemma)
        column: Any = numpy.array(lemmas, dtype="uint64").reshape(-1, 1)
        doc.from_array([LEMMA], column)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


@Language.factory(
    "sayso_lemmas",
    requires=["token.pos"],
    assigns=["token.lemma"],
)
def make_lemmas(nlp: Language, name: str) -> Lemmas:
    """Factory of the ``sayso_lemmas`` component (no settings)."""
    return Lemmas()
