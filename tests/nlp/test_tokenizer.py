"""The news tokenizer on hand-written sentences."""

# German quotation marks and dashes are the subject here

from __future__ import annotations

import pytest
import spacy

from sayso.nlp.de.tokenizer import create_tokenizer


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    nlp = spacy.blank("de")
    nlp.tokenizer = create_tokenizer(nlp)
    return nlp


def _words(nlp: spacy.language.Language, text: str) -> list[str]:
    return [t.text for t in nlp(text)]


@pytest.mark.parametrize(
    ("text", "quotes"),
    [
        ("„Wir kommen“, sagte sie.", ["„", "“"]),
        ("»Wir kommen«, sagte sie.", ["»", "«"]),
        ("«Wir kommen», sagte sie.", ["«", "»"]),
        ("‚Wir kommen‘, sagte sie.", ["‚", "‘"]),
        ("›Wir kommen‹, sagte sie.", ["›", "‹"]),
        ('"Wir kommen", sagte sie.', ['"', '"']),
        ("'Wir kommen', sagte sie.", ["'", "'"]),
        ("“Wir kommen”, sagte sie.", ["“", "”"]),
        ("Er sagte:„Nein“.", ["„", "“"]),
        ("„Nein“,sagte er.", ["„", "“"]),
        ("Sie nannte es „eine Frage der Zeit.“", ["„", "“"]),
    ],
)
def test_tokenizer_splits_every_quotation_mark(nlp, text, quotes):
    words = _words(nlp, text)
    assert [w for w in words if w in "„“”\"»«‚‘’'›‹"] == quotes
    assert all(len(w) == 1 for w in words if any(c in w for c in '„“”"»«‚‘›‹'))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("US-Außenminister Rubio reiste ab.", ["US-Außenminister", "Rubio"]),
        ("Das gilt z. B. für Kinder.", ["z.", "B."]),
        ("Das gilt z.B. für Kinder.", ["z.B."]),
        ("Am 17. August 2025 kam er.", ["17.", "August", "2025"]),
        ("Er wurde am 3. Tag gefunden.", ["3.", "Tag"]),
        ("Das kostet 300 Mio. Euro.", ["Mio.", "Euro"]),
        ("Dr. Müller und Prof. Schmidt", ["Dr.", "Prof."]),
        ("Nr. 5 und ca. 20 bzw. 30 usw.", ["Nr.", "ca.", "bzw.", "usw."]),
        (
            "Mehr unter https://www.example.org/a-b?id=12.",
            ["https://www.example.org/a-b?id=12"],
        ),
        ("Siehe www.example.de, dort steht es.", ["www.example.de"]),
        ("Die CDU/CSU-Fraktion stimmte zu.", ["CSU-Fraktion"]),
    ],
)
def test_tokenizer_keeps_news_units_whole(nlp, text, expected):
    words = _words(nlp, text)
    for word in expected:
        assert word in words


@pytest.mark.parametrize(
    ("text", "last"),
    [
        ("Das war im Jahr 2025.", ["2025", "."]),
        (
            "Mehr unter https://www.example.org/a.html.",
            ["https://www.example.org/a.html", "."],
        ),
        ("Er kam (gestern).", [")", "."]),
    ],
)
def test_tokenizer_splits_final_stop(nlp, text, last):
    assert _words(nlp, text)[-2:] == last


@pytest.mark.parametrize("text", ["", " ", "\n\n", "„", "..."])
def test_tokenizer_handles_degenerate_text(nlp, text):
    assert "".join(t.text_with_ws for t in nlp(text)) == text
