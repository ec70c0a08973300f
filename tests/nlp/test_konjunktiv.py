"""The Konjunktiv component on hand-built docs, with and without tags."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from sayso.nlp.de.konjunktiv import Konjunktiv
from sayso.nlp.language import fallback_language


def _tagged(
    words: list[str], tags: list[str], lemmas: list[str], morphs: list[str]
) -> Doc:
    nlp = spacy.blank("de")
    pos = ["VERB" if t.startswith("V") else "X" for t in tags]
    doc = Doc(nlp.vocab, words=words, tags=tags, lemmas=lemmas, morphs=morphs, pos=pos)
    return Konjunktiv()(doc)


FIN3 = "Mood=Ind|Number=Sing|Person=3|Tense=Pres|VerbForm=Fin"
FIN1 = "Mood=Ind|Number=Sing|Person=1|Tense=Pres|VerbForm=Fin"
PAST = "Mood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin"


@pytest.mark.parametrize(
    ("words", "index", "lemma", "morph", "expected"),
    [
        (["er", "komme", "morgen"], 1, "kommen", FIN1, "I"),  # tagger wrong on person
        (["er", "glaube", "das"], 1, "glauben", FIN3, "I"),
        (["sie", "arbeite", "viel"], 1, "arbeiten", FIN3, "I"),
        (["er", "handle", "richtig"], 1, "handeln", FIN3, "I"),
        (["ich", "glaube", "das"], 1, "glauben", FIN1, None),
        (["das", "glaube", "ich"], 1, "glauben", FIN1, None),
        (["wir", "glauben", "das"], 1, "glauben", FIN1, None),
        (["sie", "glauben", "das"], 1, "glauben", FIN3, None),
        (["er", "glaubt", "das"], 1, "glauben", FIN3, None),
        (["er", "sagte", "das"], 1, "sagen", PAST, None),
        (["er", "sei", "da"], 1, "sein", FIN3, "I"),
        (["sie", "seien", "da"], 1, "sein", FIN3, "I"),
        (["er", "könne", "das"], 1, "können", FIN3, "I"),
        (["er", "wäre", "da"], 1, "sein", PAST, "II"),
        (["sie", "würden", "gehen"], 1, "werden", PAST, "II"),
        (["er", "sollte", "gehen"], 1, "sollen", PAST, "II"),
        (["es", "ginge", "gut"], 1, "gehen", PAST, "II"),
    ],
)
def test_konjunktiv_tagged(words, index, lemma, morph, expected):
    tags = ["PPER"] * len(words)
    tags[index] = "VVFIN"
    lemmas = list(words)
    lemmas[index] = lemma
    morphs = [""] * len(words)
    morphs[index] = morph
    doc = _tagged(words, tags, lemmas, morphs)
    assert doc[index]._.konjunktiv == expected
    if expected is not None:
        assert doc[index].morph.get("Mood") == ["Sub"]


def test_konjunktiv_rejects_subjunctive_tag_on_indicative_look_alike():
    sub = "Mood=Sub|Number=Plur|Person=1|Tense=Pres|VerbForm=Fin"
    doc = _tagged(
        ["wir", "glauben", "das"],
        ["PPER", "VVFIN", "PDS"],
        ["wir", "glauben", "der"],
        ["", sub, ""],
    )
    assert doc[1]._.konjunktiv is None
    assert doc[1].morph.get("Mood") == ["Ind"]


@pytest.mark.parametrize(
    ("words", "pos", "lemma", "expected"),
    [
        (["es", "keine", "Alternative", "gebe"], "ADJ", "geben", "I"),
        (["gleichzeitig", "wachse", "die", "Kritik"], "ADV", "wachsen", "I"),
        (["es", "keine", "Alternative", "gebe"], "NOUN", "geben", "I"),
        (["die", "große", "Kritik"], "ADJ", "groß", None),
        (["die", "offene", "Frage"], "ADJ", "offen", None),
    ],
)
def test_konjunktiv_repairs_mistagged_forms(words, pos, lemma, expected):
    nlp = spacy.blank("de")
    index = 3 if words[-1] == "gebe" else 1
    tags = ["X"] * len(words)
    poses = ["DET" if w in {"die", "es", "keine"} else "NOUN" for w in words]
    poses[index] = pos
    lemmas = list(words)
    lemmas[index] = lemma
    doc = Doc(nlp.vocab, words=words, tags=tags, pos=poses, lemmas=lemmas)
    doc = Konjunktiv()(doc)
    assert doc[index]._.konjunktiv == expected


def test_konjunktiv_ignores_non_verbs():
    doc = _tagged(
        ["die", "Glaube", "hilft"],
        ["ART", "NN", "VVFIN"],
        ["der", "Glaube", "helfen"],
        ["", "", FIN3],
    )
    assert [t._.konjunktiv for t in doc] == [None, None, None]


@pytest.fixture(scope="module")
def rules() -> spacy.language.Language:
    return fallback_language("de")


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        ("Er sagte, er komme morgen.", {"komme": "I"}),
        ("Sie sei krank, habe aber gearbeitet.", {"sei": "I", "habe": "I"}),
        (
            "Die Minister seien sich einig, es gebe keine Lösung.",
            {"seien": "I", "gebe": "I"},
        ),
        ("Das wäre gut, und er hätte es gewusst.", {"wäre": "II", "hätte": "II"}),
        ("Ich glaube, wir glauben es, und sie glauben es auch.", {}),
        ("Er glaubt, dass ich komme.", {}),
        ("Morgen komme ich.", {}),
        ("Habe heute bestellt.", {}),
    ],
)
def test_konjunktiv_without_tags(rules, text, marked):
    doc = rules(text)
    assert {t.text: t._.konjunktiv for t in doc if t._.konjunktiv} == marked


@pytest.mark.parametrize(
    ("words", "tags", "poses", "lemmas"),
    [
        (
            ["ist", "meine", "erste", "Wahl"],
            ["VAFIN", "PPOSAT", "ADJA", "NN"],
            ["AUX", "AUX", "ADJ", "NOUN"],
            ["sein", "meinen", "erster", "Wahl"],
        ),
        (
            ["tolle", "engagierte", "Mitarbeiter", "."],
            ["ADJA", "ADJA", "NN", "$."],
            ["ADV", "ADJ", "NOUN", "PUNCT"],
            ["tollen", "engagiert", "Mitarbeiter", "."],
        ),
    ],
)
def test_konjunktiv_trusts_a_determiner_or_adjective_tag(words, tags, poses, lemmas):
    doc = Doc(spacy.blank("de").vocab, words=words, tags=tags, pos=poses, lemmas=lemmas)
    doc = Konjunktiv()(doc)
    assert doc[1 if words[1] == "meine" else 0]._.konjunktiv is None


def test_konjunktiv_keeps_a_verb_mistagged_as_adjective_before_its_subject():
    words = ["Die", "Folgen", "nehme", "er", "in", "Kauf"]
    tags = ["ART", "NN", "ADJA", "PPER", "APPR", "NN"]
    poses = ["DET", "NOUN", "ADJ", "PRON", "ADP", "NOUN"]
    lemmas = ["der", "Folge", "nehmen", "er", "in", "Kauf"]
    doc = Doc(spacy.blank("de").vocab, words=words, tags=tags, pos=poses, lemmas=lemmas)
    assert Konjunktiv()(doc)[2]._.konjunktiv == "I"


def test_konjunktiv_ignores_a_past_tag_on_a_present_form():
    """*stehe* is never a past form, whatever Tense the morphologizer gives it."""
    doc = _tagged(
        ["da", "die", "Ware", "unter", "Vorbehalt", "stehe", "."],
        ["KOUS", "ART", "NN", "APPR", "NN", "VVFIN", "$."],
        ["da", "der", "Ware", "unter", "Vorbehalt", "stehen", "."],
        ["", "", "", "", "", PAST, ""],
    )
    assert doc[5]._.konjunktiv == "I"


def test_konjunktiv_of_reads_the_extension_value() -> None:
    """The direct read gives ``token._.konjunktiv`` for set, reset and unset tokens."""
    from sayso.nlp.extensions import konjunktiv_of

    doc = _tagged(
        ["er", "sei", "da", "und", "käme", "bald"],
        ["PPER", "VAFIN", "ADV", "KON", "VVFIN", "ADV"],
        ["er", "sein", "da", "und", "kommen", "bald"],
        ["", FIN3, "", "", PAST, ""],
    )
    doc[5]._.konjunktiv = "II"
    doc[5]._.konjunktiv = None  # set, then reset
    values = [konjunktiv_of(token) for token in doc]
    assert values == [token._.konjunktiv for token in doc]
    assert values[1] == "I"
    assert values[0] is None
    assert values[5] is None
