"""Tag repairs on hand-tagged docs: which tag a misread word ends up with."""

from __future__ import annotations

import pytest

from sayso.nlp.lexicon import load_lexicon
from sayso.nlp.repairs import repair_tags, repair_verb_tags
from tests.conftest import tagged_doc


@pytest.mark.parametrize(
    ("notation", "word", "tag"),
    [
        (  # a reporting verb read as an adjective
            "Rubio/NE/PER räumte/ADJA den/ART Fehler/NN ein/PTKVZ ./$.",
            "räumte",
            "VVFIN",
        ),
        (  # a plural present read as an infinitive
            "Experten/NN schätzen/VVINF ,/$, dass/KOUS es/PPER steigt/VVFIN ./$.",
            "schätzen",
            "VVFIN",
        ),
        (  # a participle ending a subordinate clause with a subject is finite
            "Wie/KOUS die/ART Zeitung/NN berichtet/VVPP ,/$, kam/VVFIN er/PPER ./$.",
            "berichtet",
            "VVFIN",
        ),
        (  # after an auxiliary, the participle it asks for
            "Die/ART Lage/NN wird/VAFIN als/KOKOM ernst/ADJD eingestuft/VVFIN ./$.",
            "eingestuft",
            "VVPP",
        ),
        (  # no zu-infinitive in the segment: a preposition
            "Um/KOUI 15/CARD Uhr/NN meldete/VVFIN die/ART Zeitung/NN ./$.",
            "Um",
            "APPR",
        ),
        (  # between a preposition and its noun: an attribute
            "auf/APPR nicht/PTKNEG bezeichnete/VVFIN Quellen/NN ./$.",
            "bezeichnete",
            "ADJA",
        ),
        (  # a pronoun is never a verb
            "so/ADV charakterisierte/VVFIN ihn/VAFIN der/ART Funktionär/NN ./$.",
            "ihn",
            "PPER",
        ),
        (  # a past plural read as a participle, right after the opening subject
            "Kenner/NN glaubten/VVPP damals/ADV ,/$, dass/KOUS er/PPER ging/VVFIN ./$.",
            "glaubten",
            "VVFIN",
        ),
        (  # a relative pronoun opening a zu-infinitive: an article
            "Er/PPER erklärte/VVFIN ,/$, die/PRELS Rechte/NN schützen/VVFIN zu/PTKZU "
            "wollen/VMINF ./$.",
            "die",
            "ART",
        ),
        (  # and the verb before its zu an infinitive
            "Er/PPER erklärte/VVFIN ,/$, die/PRELS Rechte/NN schützen/VVFIN zu/PTKZU "
            "wollen/VMINF ./$.",
            "schützen",
            "VVINF",
        ),
        (  # a past-tense verb read as a participle before "dass"
            "Die/ART Gruppe/NN Blocks/NE berichtet/VVPP ,/$, dass/KOUS es/PPER "
            "gesperrt/VVPP sei/VAFIN ./$.",
            "berichtet",
            "VVFIN",
        ),
        (  # a relative pronoun before a noun and a finite verb with words after it
            "Er/PPER erklärte/VVFIN ,/$, die/PRELS betroffenen/ADJA Tiere/NN "
            "würden/VAFIN behandelt/VVPP ./$.",
            "die",
            "ART",
        ),
        (  # also where no plain noun phrase stands between them
            "Er/PPER erklärte/VVFIN ,/$, die/PRELS noch/ADV zu/APPR schaffende/ADJA "
            "Verfassung/NN werde/VAFIN gelten/VVINF ./$.",
            "die",
            "ART",
        ),
        (  # a participle with a separated particle after it is finite
            "Die/ART Organisatoren/NN gestanden/VVPP ein/PTKVZ ,/$, dass/KOUS "
            "es/PPER falsch/ADJD war/VAFIN ./$.",
            "gestanden",
            "VVFIN",
        ),
        (  # a bracket is punctuation, never a conjunction
            "Es/PPER sei/VAFIN [/KOUS .../$( ]/APPRART gut/ADJD ./$.",
            "[",
            "$(",
        ),
        # and what they leave as it is
        (  # a participle closing its clause stays one
            "Die/ART Kenner/NN damals/ADV geglaubt/VVPP ./$.",
            "geglaubt",
            "VVPP",
        ),
        (  # a participle that is the segment's last word stays one
            "Die/ART Kenner/NN erkannt/VVPP ,/$, kam/VVFIN er/PPER ./$.",
            "erkannt",
            "VVPP",
        ),
        (  # a relative clause with its own finite verb stays one
            "Rechte/NN ,/$, die/PRELS er/PPER schützen/VVINF zu/PTKZU wollen/VMINF "
            "behauptet/VVFIN ./$.",
            "die",
            "PRELS",
        ),
        (  # a participle with a finite verb in its segment stays one
            "Er/PPER hat/VAFIN es/PPER gestanden/VVPP ,/$, kam/VVFIN er/PPER "
            "an/PTKVZ ./$.",
            "gestanden",
            "VVPP",
        ),
        (  # a relative clause puts its finite verb last
            "Tiere/NN ,/$, die/PRELS Menschen/NN fressen/VVFIN ,/$, kamen/VVFIN ./$.",
            "die",
            "PRELS",
        ),
        (  # a relative clause opened by a preposition stays one
            "Tiere/NN ,/$, die/PRELS in/APPR Zoos/NN leben/VVFIN und/KON "
            "fressen/VVFIN ./$.",
            "die",
            "PRELS",
        ),
        (  # a participle ending its segment without "dass" after it stays one
            "Die/ART Gruppe/NN berichtet/VVPP ,/$, kam/VVFIN er/PPER ./$.",
            "berichtet",
            "VVPP",
        ),
        (  # a real zu-infinitive keeps its conjunction
            "Er/PPER kam/VVFIN ,/$, um/KOUI zu/PTKZU helfen/VVINF ./$.",
            "um",
            "KOUI",
        ),
        (  # after a determiner the verb may be the clause's own
            "Das/ART erklärte/VVFIN General/NN Winai/NE ./$.",
            "erklärte",
            "VVFIN",
        ),
        (  # "wie berichtet": no subject, no finite verb made
            "Wie/KOUS berichtet/VVPP ,/$, kam/VVFIN er/PPER ./$.",
            "berichtet",
            "VVPP",
        ),
        (  # present participles stay adjectives
            "Das/PDS ist/VAFIN entscheidend/ADJD ./$.",
            "entscheidend",
            "ADJD",
        ),
    ],
)
def test_repair_gives_the_tag(notation: str, word: str, tag: str) -> None:
    doc = tagged_doc(notation)
    repair_tags(doc, load_lexicon("de"))
    assert next(t for t in doc if t.text == word).tag_ == tag


def test_repairs_read_a_segment_from_its_first_word_after_a_paragraph_break() -> None:
    doc = tagged_doc(
        """
        Das/PDS war/VAFIN gestern/ADV ./$.
        ¶
        Wie/KOUS die/ART Zeitung/NN berichtet/VVPP ,/$, kam/VVFIN er/PPER ./$.
        """
    )
    repair_tags(doc, load_lexicon("de"))
    assert next(t for t in doc if t.text == "berichtet").tag_ == "VVFIN"


def test_an_attributive_adjective_without_its_ending_is_the_verb() -> None:
    """``Das gab/ADJA X bekannt``: an attributive adjective is inflected; a
    reporting verb's form without the ending after an article is the verb,
    while ``die erklärte Absicht`` stays an adjective."""
    doc = tagged_doc(
        "Das/ART gab/ADJA Stolpe/NE bekannt/ADJD ./$.\n"
        "Die/ART erklärte/ADJA Absicht/NN bleibt/VVFIN ./$."
    )
    repair_verb_tags(doc, load_lexicon("de"))
    assert doc[1].tag_ == "VVFIN"
    assert doc[6].tag_ == "ADJA"
