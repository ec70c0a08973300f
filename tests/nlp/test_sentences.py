"""The quote-aware sentence rules on hand-written news text."""

# German quotation marks and dashes are the subject here

from __future__ import annotations

import pytest
import spacy

from sayso.nlp.language import blank_language, fallback_language


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return fallback_language("de")


def _sents(nlp: spacy.language.Language, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "„Wir kommen. Morgen.“ sagte er. Dann ging er.",
            ["„Wir kommen. Morgen.“ sagte er.", "Dann ging er."],
        ),
        (
            "„Wir kommen. Wir bleiben bis morgen.“, sagte die Ministerin am Abend.",
            ["„Wir kommen. Wir bleiben bis morgen.“, sagte die Ministerin am Abend."],
        ),
        (
            "„Das geht nicht!“, rief sie. Er schwieg.",
            ["„Das geht nicht!“, rief sie.", "Er schwieg."],
        ),
        (
            "Er sagte: „Wir kommen. Morgen.“ Dann ging er.",
            ["Er sagte: „Wir kommen. Morgen.“", "Dann ging er."],
        ),
        (
            "Sie teilte mit: »Das hat uns sehr getroffen. Wir bitten darum, dass "
            "man uns jetzt in Ruhe lässt.« Die Feier findet statt.",
            [
                "Sie teilte mit: »Das hat uns sehr getroffen. Wir bitten darum, "
                "dass man uns jetzt in Ruhe lässt.«",
                "Die Feier findet statt.",
            ],
        ),
        (
            "„Die Bühne ist mein Leben. Solange ich stehen kann, singe ich.“ "
            "Die Tournee beginnt.",
            [
                "„Die Bühne ist mein Leben. Solange ich stehen kann, singe ich.“",
                "Die Tournee beginnt.",
            ],
        ),
        (
            "Er sagte: „Wir klagen. Das Gesetz ist schlecht gemacht.\n\n"
            "Wir sehen uns vor Gericht.“ Dann ging er.",
            [
                "Er sagte: „Wir klagen. Das Gesetz ist schlecht gemacht.",
                "Wir sehen uns vor Gericht.“",
                "Dann ging er.",
            ],
        ),
        (
            "Er sagte, der Plan sei „gut. Sehr gut“, und ging.",
            ["Er sagte, der Plan sei „gut. Sehr gut“, und ging."],
        ),
    ],
)
def test_sentences_respect_quotations(nlp, text, expected):
    assert _sents(nlp, text) == expected


def test_long_quotations_split_only_when_asked():
    nlp = blank_language("de")
    nlp.add_pipe("sayso_sentences", config={"split_quotes": True})
    text = (
        "Sie teilte mit: »Das hat uns sehr getroffen. Wir bitten darum, dass "
        "man uns jetzt in Ruhe lässt.« Die Feier findet statt."
    )
    assert _sents(nlp, text) == [
        "Sie teilte mit: »Das hat uns sehr getroffen.",
        "Wir bitten darum, dass man uns jetzt in Ruhe lässt.«",
        "Die Feier findet statt.",
    ]


def test_own_gold_paragraphs_are_segmented_by_the_contract(nlp):
    from sayso.evaluation.language import read_own_sentences

    articles = read_own_sentences()
    assert len(articles) >= 40
    for article in articles:
        doc = nlp(article.text)
        predicted = [(s.start_char, s.end_char) for s in doc.sents]
        stripped = [
            (a + len(t) - len(t.lstrip()), b - (len(t) - len(t.rstrip())))
            for (a, b) in predicted
            if (t := article.text[a:b]).strip()
        ]
        assert stripped == list(article.sentences), article.name


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Rubio: Keine Einigung in Sicht\n\nDer Minister reiste ab.",
            ["Rubio: Keine Einigung in Sicht", "Der Minister reiste ab."],
        ),
        (
            "Gespräche vertagt\nDie Delegationen reisten ab.",
            ["Gespräche vertagt", "Die Delegationen reisten ab."],
        ),
        (
            "Der Minister sagte „Wir kommen\n\nmorgen wieder“, und ging.",
            ["Der Minister sagte „Wir kommen", "morgen wieder“, und ging."],
        ),
        (
            "Das ist ein langer Satz, der hart\numbrochen wurde.",
            ["Das ist ein langer Satz, der hart\numbrochen wurde."],
        ),
    ],
)
def test_sentences_at_line_breaks(nlp, text, expected):
    assert _sents(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Er kam am 17. August 2025 an. Sie blieb.",
            ["Er kam am 17. August 2025 an.", "Sie blieb."],
        ),
        ("Das war z. B. gut. Er ging.", ["Das war z. B. gut.", "Er ging."]),
        (
            "Sie wurde 3. Der Sieger kam aus Kenia.",
            ["Sie wurde 3.", "Der Sieger kam aus Kenia."],
        ),
        ("Das war 2025. Dann kam 2026.", ["Das war 2025.", "Dann kam 2026."]),
        (
            "Dr. Müller kam. Prof. Schmidt ging.",
            ["Dr. Müller kam.", "Prof. Schmidt ging."],
        ),
        (
            "Es regnete; die Straßen waren nass.",
            ["Es regnete;", "die Straßen waren nass."],
        ),
        (
            "Siehe www.example.org. Dort steht es.",
            ["Siehe www.example.org.", "Dort steht es."],
        ),
    ],
)
def test_sentences_at_stops(nlp, text, expected):
    assert _sents(nlp, text) == expected


@pytest.mark.parametrize(
    "text", ["", "\n\n\n", "„", "„Offen und nie geschlossen. Wirklich", "...", "“”"]
)
def test_sentences_cover_degenerate_text(nlp, text):
    doc = nlp(text)
    assert "".join(t.text_with_ws for s in doc.sents for t in s) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Merkel sagte, Benedikt XVI. „ist und bleibt ein Denker“. Dann ging sie.",
            [
                "Merkel sagte, Benedikt XVI. „ist und bleibt ein Denker“.",
                "Dann ging sie.",
            ],
        ),
        (
            "Karl V. schickte Boten. Sie kamen.",
            ["Karl V. schickte Boten.", "Sie kamen."],
        ),
        (
            "Er bezog Arbeitslosengeld II. Mehrmals wurde er kontrolliert.",
            ["Er bezog Arbeitslosengeld II.", "Mehrmals wurde er kontrolliert."],
        ),
    ],
)
def test_roman_ordinals_keep_their_stop(nlp, text, expected):
    """A regnal or papal ordinal is one token; a sentence ends after it only
    before a capitalised word, not before a quotation mark."""
    assert _sents(nlp, text) == expected
    assert any(t.text in ("XVI.", "V.", "II.") for t in nlp(text))
