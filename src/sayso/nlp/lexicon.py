"""Cue lexicons: which words signal a statement and where its roles are.

The tables live in ``lexicons/<lang>/*.tsv`` (see the README there). They are
read once per language and cached; :func:`lemma_of` gives the dictionary form
of a word through simplemma, which is context-free, fast and independent of
the statistical lemmatizer (so a cue is found even where the tagger errs).
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from importlib import resources

import simplemma

from sayso.errors import ConfigError

_MODES = {"speech", "writing", "thought"}


@dataclass(frozen=True, slots=True)
class CueEntry:
    """A reporting verb or multi-word cue, its mode and its frames."""

    lemma: str
    mode: str | None
    frames: frozenset[str]

    def takes(self, frame: str) -> bool:
        return frame in self.frames

    @property
    def preps(self) -> frozenset[str]:
        """Prepositions that introduce its message (``pp:von`` → ``von``)."""
        return frozenset(f[3:] for f in self.frames if f.startswith("pp:"))


@dataclass(frozen=True, slots=True)
class Predicative:
    """A cue of several words in one clause: ``sich einverstanden erklären``."""

    words: tuple[str, ...]  # lemmas, without "sich"
    reflexive: bool
    entry: CueEntry


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the rules of one language look up."""

    lang: str
    verbs: dict[str, CueEntry]
    predicatives: tuple[Predicative, ...]
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    #: participles the dictionary lemmatizer misses, with their infinitive
    participles: dict[str, str] = field(default_factory=dict)
    #: each word class as a tuple, for ``str.endswith`` (endings of nouns)
    endings: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def word_class(self, name: str) -> frozenset[str]:
        return self.words.get(name, frozenset())

    def ending_in(self, name: str) -> tuple[str, ...]:
        """A class of word endings (``actor_ending``, ``naming_ending``) as
        ``str.endswith`` takes them, built once with the lexicon."""
        return self.endings.get(name, ())

    def is_source_noun(self, text: str) -> bool:
        """``Angaben``, ``Ansicht``, ``Polizeiangaben``: nouns making ``nach`` a cue."""
        if text in self.word_class("source_noun"):
            return True
        lower = text.lower()
        return any(
            lower.endswith(suffix) and len(lower) > len(suffix) + 2
            for suffix in self.word_class("source_suffix")
        )


def _rows(lang: str, name: str) -> list[list[str]]:
    path = resources.files("sayso.nlp") / "lexicons" / lang / name
    if not path.is_file():
        raise ConfigError(f"no lexicon {name} for language {lang!r} (looked in {path})")
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    rows = list(csv.reader(lines, delimiter="\t"))
    return rows[1:]  # the header


def _entry(lemma: str, mode: str, frames: str) -> CueEntry:
    return CueEntry(
        lemma=lemma,
        mode=mode if mode in _MODES else None,
        frames=frozenset(f.strip() for f in frames.split(",") if f.strip()),
    )


@functools.cache
def load_lexicon(lang: str) -> Lexicon:
    """The cue lexicon of ``lang``, read from the package once."""
    verbs = {row[0]: _entry(*row[:3]) for row in _rows(lang, "cues.tsv")}
    predicatives = []
    for pattern, mode, frames in (row[:3] for row in _rows(lang, "predicatives.tsv")):
        parts = pattern.split()
        reflexive = "sich" in parts
        lemmas = tuple(p for p in parts if p != "sich")
        predicatives.append(
            Predicative(lemmas, reflexive, _entry(pattern, mode, frames))
        )
    classes: dict[str, set[str]] = {}
    for cls, word in (row[:2] for row in _rows(lang, "words.tsv")):
        classes.setdefault(cls, set()).add(word)
    participles = {
        form: lemma
        for form, _, lemma in (
            w.partition("=") for w in classes.pop("participle", set())
        )
    }
    return Lexicon(
        lang=lang,
        verbs=verbs,
        predicatives=tuple(predicatives),
        words={k: frozenset(v) for k, v in classes.items()},
        participles=participles,
        endings={k: tuple(sorted(v)) for k, v in classes.items()},
    )


@functools.lru_cache(maxsize=200_000)
def lemma_of(word: str, lang: str = "de") -> str:
    """The dictionary form of ``word`` (simplemma; the word itself when unknown)."""
    return str(simplemma.lemmatize(word, lang=lang))
