"""The ``sayso_names`` rules on hand-tagged docs."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from sayso.nlp.de.names import Names, first_names


def _doc(tagged: str, ents: list[str] | None = None) -> Doc:
    """``word/POS`` pairs separated by spaces; ``ents`` as IOB tags."""
    words, pos = zip(*(w.rsplit("/", 1) for w in tagged.split()), strict=True)
    vocab = spacy.blank("de").vocab
    return Doc(vocab, words=list(words), pos=list(pos), ents=ents)


def _ents(doc: Doc) -> list[tuple[str, str]]:
    return [(e.text, e.label_) for e in Names()(doc).ents]


def test_first_names_are_loaded():
    names = first_names()
    assert {"Marco", "Angela", "Jürgen"} <= names
    assert not {"August", "Kai", "Iris"} & names  # also ordinary words


def test_missed_name_becomes_person():
    doc = _doc("Dann/ADV sprach/VERB Marco/PROPN Rubio/PROPN ./PUNCT")
    assert _ents(doc) == [("Marco Rubio", "PER")]


def test_particles_and_initials():
    doc = _doc("Franz/PROPN von/ADP Papen/PROPN kam/VERB ./PUNCT")
    assert _ents(doc) == [("Franz von Papen", "PER")]
    doc = _doc("Hans/PROPN J./PROPN Meier/PROPN kam/VERB")
    assert _ents(doc) == [("Hans J. Meier", "PER")]


def test_title_before_a_surname():
    doc = _doc("US-Außenminister/NOUN Rubio/PROPN sagte/VERB ,/PUNCT")
    assert _ents(doc) == [("Rubio", "PER")]


def test_part_found_by_the_ner_is_extended():
    doc = _doc("Günter/PROPN Strack/PROPN spielte/VERB", ["O", "B-PER", "O"])
    assert _ents(doc) == [("Günter Strack", "PER")]


def test_title_taken_into_another_type_is_dropped():
    doc = _doc(
        "Landesvater/NOUN Jürgen/PROPN Rüttgers/PROPN sagte/VERB",
        ["B-ORG", "I-ORG", "I-ORG", "O"],
    )
    assert _ents(doc) == [("Jürgen Rüttgers", "PER")]


def test_organisations_named_after_people_stay():
    doc = _doc(
        "die/DET Konrad/PROPN Adenauer/PROPN Stiftung/PROPN",
        ["O", "B-ORG", "I-ORG", "I-ORG"],
    )
    assert _ents(doc) == [("Konrad Adenauer Stiftung", "ORG")]


def test_nouns_and_lone_first_names_are_left_alone():
    doc = _doc("Da/ADV erhält/VERB Rosl/PROPN Hilfe/NOUN von/ADP Emma/PROPN")
    assert _ents(doc) == []


def test_untagged_doc_is_left_alone():
    doc = Doc(spacy.blank("de").vocab, words=["Marco", "Rubio"])
    assert list(Names()(doc).ents) == []


def test_surname_of_an_earlier_person_is_that_person():
    doc = _doc(
        "Jonas/PROPN Keller/PROPN kam/VERB ./PUNCT schrieb/VERB Keller/PROPN ./PUNCT",
        ["B-PER", "I-PER", "O", "O", "O", "O", "O"],
    )
    assert _ents(doc) == [("Jonas Keller", "PER"), ("Keller", "PER")]
