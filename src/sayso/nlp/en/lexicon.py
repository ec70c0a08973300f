"""The English cue lexicon: reporting verbs by form, with their frames; word classes.

The tables live in ``lexicons/en/`` (see the README there). Verbs are looked up
by their inflected forms, which are derived from the lemma (``claim`` →
*claims, claimed, claiming*) or listed where English is irregular (*said,
told, wrote*): no lemmatizer is needed, so a cue is found whatever the tagger
makes of it.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass
from importlib import resources

from sayso.errors import ConfigError

_MODES = frozenset({"speech", "writing", "thought"})
_VOWELS = frozenset("aeiou")


@dataclass(frozen=True, slots=True)
class Verb:
    """A reporting verb (``say``) or phrasal verb (``point out``) and its frames."""

    lemma: str
    mode: str | None
    frames: frozenset[str]
    #: the particle of a phrasal verb (``out`` of ``point out``), else None
    particle: str | None = None

    def takes(self, frame: str) -> bool:
        return frame in self.frames

    @property
    def preps(self) -> frozenset[str]:
        """Prepositions that introduce its message (``pp:for`` → ``for``)."""
        return frozenset(f[3:] for f in self.frames if f.startswith("pp:"))

    @property
    def clausal(self) -> bool:
        """Whether it reports what was said as a clause or a quotation."""
        return bool(self.frames & {"say", "that", "quote"})


@dataclass(frozen=True, slots=True)
class EnglishLexicon:
    """Everything the English rules look up."""

    #: lower-case form (``said``, ``pointed``) → the verbs it can be
    forms: dict[str, tuple[Verb, ...]]
    #: word classes (``hearsay``, ``title`` …) → lower-cased words
    words: dict[str, frozenset[str]]
    #: word classes → phrases of several words, as tuples of lower-cased words
    phrases: dict[str, tuple[tuple[str, ...], ...]]
    #: first name → ``female`` or ``male``
    first_names: dict[str, str]

    def word_class(self, name: str) -> frozenset[str]:
        return self.words.get(name, frozenset())

    def verbs(self, form: str) -> tuple[Verb, ...]:
        return self.forms.get(normal(form), ())

    def is_a(self, name: str, text: str) -> bool:
        return normal(text) in self.words.get(name, frozenset())


def normal(text: str) -> str:
    """Lower case with a straight apostrophe: ``Didn’t`` → ``didn't``."""
    return text.lower().replace("’", "'")


def inflections(lemma: str) -> set[str]:
    """Regular forms of an English verb: base, -s, -ed, -ing."""
    forms = {lemma}
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(lemma + "es")
    elif lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        forms.add(lemma[:-1] + "ies")
    else:
        forms.add(lemma + "s")
    if lemma.endswith("e"):
        forms.add(lemma + "d")
        forms.add(lemma + "ing" if lemma.endswith("ee") else lemma[:-1] + "ing")
    elif lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        forms.add(lemma[:-1] + "ied")
        forms.add(lemma + "ing")
    else:
        forms.add(lemma + "ed")
        forms.add(lemma + "ing")
    return forms


def _rows(name: str) -> list[list[str]]:
    path = resources.files("sayso.nlp") / "lexicons" / "en" / name
    if not path.is_file():
        raise ConfigError(f"no English lexicon {name} (looked in {path})")
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    return list(csv.reader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]


@functools.cache
def load_english_lexicon() -> EnglishLexicon:
    """The English lexicon, read from the package once."""
    forms: dict[str, list[Verb]] = {}
    for row in _rows("cues.tsv"):
        lemma, mode, frames = row[0], row[1], row[2]
        listed = [f.strip() for f in row[3].split(",")] if len(row) > 3 else []
        head, _, particle = lemma.partition(" ")
        verb = Verb(
            lemma=lemma,
            mode=mode if mode in _MODES else None,
            frames=frozenset(f.strip() for f in frames.split(",") if f.strip()),
            particle=particle or None,
        )
        for form in inflections(head) | {f for f in listed if f}:
            forms.setdefault(form, []).append(verb)
    words: dict[str, set[str]] = {}
    phrases: dict[str, list[tuple[str, ...]]] = {}
    for cls, word in (row[:2] for row in _rows("words.tsv")):
        if " " in word:
            phrases.setdefault(cls, []).append(tuple(normal(word).split()))
        else:
            words.setdefault(cls, set()).add(normal(word))
    first_names = {row[0]: row[1] for row in _rows("first_names.tsv")}
    return EnglishLexicon(
        forms={
            form: tuple(sorted(v, key=lambda verb: verb.particle is None))
            for form, v in forms.items()
        },
        words={k: frozenset(v) for k, v in words.items()},
        phrases={
            k: tuple(sorted(v, key=len, reverse=True)) for k, v in phrases.items()
        },
        first_names=first_names,
    )
