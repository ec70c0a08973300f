"""A tokenizer for German news, built on spaCy's German rules.

Differences to ``spacy.blank("de")``:

- every quotation mark („ “ ” " » « ‚ ‘ ’ ' › ‹) is its own token, also when it
  touches other punctuation (``sagte:„Nein“``);
- a URL keeps its characters but not a sentence-final ``.`` or ``,``;
- dates (``17. August 2025``), ordinals, ``z. B.``, ``US-Außenminister`` and the
  abbreviations of news text (``Mio.``, ``Dr.``, ``Nr.``) stay whole, as in
  spaCy's German exceptions, with a few more added here.
"""


# German quotation marks and dashes are the subject here

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.lang.de import German
from spacy.language import Language
from spacy.symbols import NORM, ORTH
from spacy.tokenizer import Tokenizer
from spacy.util import (
    compile_infix_regex,
    compile_prefix_regex,
    compile_suffix_regex,
    registry,
)

#: Every character that opens or closes a quotation in German news text.
QUOTE_CHARS = "„“”\"»«‚‘’'›‹"
_Q = re.escape(QUOTE_CHARS)

#: A URL or e-mail-like web address, never ending in sentence punctuation.
URL_PATTERN = re.compile(
    r"^(?:(?:https?|ftp)://|www\.)[^\s<>\"„“”»«]+?(?<![.,;:!?)\]'’‘“”])$",
    re.IGNORECASE,
)


def _roman(number: int) -> str:
    """``number`` (1–39) in Roman numerals."""
    tens, ones = divmod(number, 10)
    units = ("", "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")
    return "X" * tens + units[ones]


#: Regnal and papal ordinals (``Benedikt XVI.``, ``Karl V.``), which keep their
#: stop like ``17.``: a sentence ends after one only before a capital.
ROMAN_ORDINALS = tuple(f"{_roman(n)}." for n in range(1, 40))

#: Abbreviations of German news text that keep their full stop.
ABBREVIATIONS = (
    "Abs.",
    "Abg.",
    "Art.",
    "Bd.",
    "Bsp.",
    "Chr.",
    "Dipl.",
    "Dr.",
    "Fa.",
    "Frl.",
    "Hrsg.",
    "Ing.",
    "Jh.",
    "Jhd.",
    "Kap.",
    "Mio.",
    "Mrd.",
    "Mrz.",
    "Nr.",
    "Prof.",
    "St.",
    "Str.",
    "Tel.",
    "Tsd.",
    "Mill.",
    "Bio.",
    "Gen.",
    "Kpt.",
    "Präs.",
    "Sen.",
    "Stv.",
    "bzw.",
    "ca.",
    "evtl.",
    "ggf.",
    "inkl.",
    "insb.",
    "Jan.",
    "Feb.",
    "Apr.",
    "Aug.",
    "Sept.",
    "Sep.",
    "Okt.",
    "Nov.",
    "Dez.",
    "Mrd",
    "sog.",
    "usw.",
    "vgl.",
    "zit.",
    "zzgl.",
    "u.a.",
    "z.B.",
    "d.h.",
    "u.U.",
    "v.a.",
    "o.ä.",
    "s.o.",
    "s.u.",
)


def _prefixes() -> list[str]:
    return [*German.Defaults.prefixes, "›", "‹"]  # spaCy's lists


def _suffixes() -> list[str]:
    return [
        *German.Defaults.suffixes,  # spaCy's lists
        "›",
        "‹",
        # a year ends the sentence: "im Jahr 2025." (ordinals keep their stop)
        r"(?<=[12][0-9]{3})\.",
        # a number with a thousands separator or a score ends the sentence: "5.000."
        r"(?<=[.,:][0-9]{3})\.",
        r"(?<=:[0-9]{2})\.",
        r"(?<=:[0-9])\.",
        # a URL whose last character is a digit: ".../?id=12."
        r"(?<=[=/_-][0-9])\.",
        r"(?<=[=/_-][0-9]{2})\.",
    ]


def _infixes() -> list[str]:
    return [
        *German.Defaults.infixes,  # spaCy's lists
        # a quotation mark touching punctuation: sagte:„Nein“ , „Ja“,sagte
        rf"(?<=[:;,.!?…])[{_Q}]",
        rf"[{_Q}](?=[:;,.!?…])",
        rf"(?<=\w)[:;,.!?…](?=[{_Q}])",
        rf"(?<=[{_Q}])[:;,.!?…]",
        # a double quotation mark between letters: Wort„Zitat
        r"(?<=\w)[„“”\"»«›‹](?=\w)",
    ]


def _news_exceptions() -> dict[str, list[dict[int, str]]]:
    """sayso's own token exceptions, on top of spaCy's German ones."""
    rules = {
        abbreviation: [{ORTH: abbreviation}]
        for abbreviation in (*ABBREVIATIONS, *ROMAN_ORDINALS)
    }
    # "z. B." and friends arrive as two tokens; give them norms for the tagger
    rules["z."] = [{ORTH: "z.", NORM: "zum"}]
    rules["B."] = [{ORTH: "B.", NORM: "Beispiel"}]
    rules["d."] = [{ORTH: "d.", NORM: "das"}]
    rules["h."] = [{ORTH: "h.", NORM: "heißt"}]
    return rules


def add_news_exceptions(tokenizer: Tokenizer) -> None:
    """Give a tokenizer loaded from disk the exceptions this code defines: a
    saved pipeline keeps the ones it was saved with, so exceptions added
    since (the Roman ordinals) would otherwise be missing."""
    for text, tokens in _news_exceptions().items():
        tokenizer.add_special_case(text, tokens)


def create_tokenizer(nlp: Language) -> Tokenizer:
    """The news tokenizer for ``nlp``'s vocabulary."""
    rules = {**nlp.Defaults.tokenizer_exceptions, **_news_exceptions()}
    # quotation marks are never part of an exception (spaCy has '' and ``)
    for special in ("''", "``"):
        rules.pop(special, None)
    return Tokenizer(
        nlp.vocab,
        rules=rules,
        prefix_search=compile_prefix_regex(_prefixes()).search,
        suffix_search=compile_suffix_regex(_suffixes()).search,
        infix_finditer=compile_infix_regex(_infixes()).finditer,
        token_match=URL_PATTERN.match,
        url_match=URL_PATTERN.match,
    )


@registry.tokenizers("sayso.news_tokenizer.v1")  # type: ignore[untyped-decorator]
def news_tokenizer() -> Callable[[Language], Tokenizer]:
    """Config entry point: ``@tokenizers = "sayso.news_tokenizer.v1"``."""
    return create_tokenizer
