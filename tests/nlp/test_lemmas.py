"""The ``sayso_lemmas`` component: lemmas by POS and the particle repair."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from sayso.nlp.de.lemmas import Lemmas


def test_particle_before_punctuation_is_a_separated_particle():
    words = ["Sie", "forderte", "den", "Minister", "auf", ",", "zu", "zahlen"]
    tags = ["PPER", "VVFIN", "ART", "NN", "APPR", "$,", "PTKZU", "VVINF"]
    pos = ["PRON", "VERB", "DET", "NOUN", "ADP", "PUNCT", "PART", "VERB"]
    doc = Doc(spacy.blank("de").vocab, words=words, tags=tags, pos=pos)
    Lemmas()(doc)
    assert doc[4].tag_ == "PTKVZ"
    assert doc[6].tag_ == "PTKZU"
    assert [t.lemma_ for t in doc][:5] == ["sie", "fordern", "der", "Minister", "auf"]


def test_preposition_before_a_noun_stays():
    words = ["auf", "der", "Plattform"]
    doc = Doc(spacy.blank("de").vocab, words=words, tags=["APPR", "ART", "NN"])
    Lemmas()(doc)
    assert doc[0].tag_ == "APPR"


def test_hyphenated_compound_is_no_function_word():
    words = ["EU-Kommissionspräsidentin", "Ursula", "und", "Merz"]
    tags = ["KON", "NE", "KON", "NE"]
    pos = ["SCONJ", "PROPN", "CCONJ", "PROPN"]
    doc = Doc(spacy.blank("de").vocab, words=words, tags=tags, pos=pos)
    Lemmas()(doc)
    assert (doc[0].tag_, doc[0].pos_) == ("NN", "NOUN")
    assert doc[2].tag_ == "KON"
