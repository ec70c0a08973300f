"""Cues: the words that signal a statement.

Three families, each found by its own function:

- verbal cues: a reporting verb from the lexicon, joined with its separated
  particle (``räumte … ein`` → ``einräumen``), finite or governed by a finite
  auxiliary or modal in its clause (``hat … gesagt``, ``soll … erklärt haben``);
  a zu-infinitive (``sich … zu verpflichten``) is no act of its own;
- predicative cues of several words in one clause (``sich einverstanden
  erklärt``, ``die Absicht geäußert``);
- prepositional cues: ``laut X``, ``X zufolge``, ``gemäß X``, ``nach Angaben
  von X`` / ``nach Ansicht der X`` and a trailing ``…, so X``.

Cues inside a quotation are left alone: what a quoted person says they said
belongs to the quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc

from sayso.nlp import grammar as g
from sayso.nlp.grammar import Clause, Range
from sayso.nlp.lexicon import CueEntry, Lexicon, lemma_of

_ARTICLES = frozenset(
    {"der", "die", "das", "den", "dem", "des", "ein", "eine", "einen"}
)


@dataclass(frozen=True, slots=True)
class VerbCue:
    """A verbal or predicative cue: its tokens, head verb, clause and lexicon entry."""

    tokens: tuple[int, ...]
    head: int
    clause: Clause
    entry: CueEntry
    rule: str
    particle: int | None = None

    @property
    def ranges(self) -> list[Range]:
        """One range per run of adjacent cue words; a separated particle is its own."""
        out: list[Range] = []
        for i in self.tokens:
            if out and out[-1][1] == i and i != self.particle:
                out[-1] = (out[-1][0], i + 1)
            else:
                out.append((i, i + 1))
        return out


@dataclass(frozen=True, slots=True)
class PrepCue:
    """A prepositional cue: its tokens and the noun phrase of the source."""

    tokens: tuple[int, ...]
    source: Range
    rule: str


def inside(i: int, ranges: Sequence[Range]) -> bool:
    return any(a <= i < b for a, b in ranges)


def verb_lemma(
    doc: Doc, i: int, clause: Clause, lexicon: Lexicon
) -> tuple[CueEntry, int | None] | None:
    """The lexicon entry of the verb at ``i`` (its separated particle joined), if any.

    The dictionary lemma (simplemma) is tried first, then the tagger's; a
    particle (``PTKVZ``) later in the clause is joined to a finite verb:
    ``räumte … ein`` → ``einräumen``.
    """
    token = doc[i]
    lemmas = [
        lemma_of(token.text.lower()),
        token.lemma_.lower(),
        *_participle_lemmas(token.lower_, lexicon),
    ]
    particle = None
    if token.tag_ in ("VVFIN", "VVIMP"):
        particle = next(
            (
                k
                for k in range(i + 1, clause.end)
                if doc[k].tag_ == "PTKVZ" or _particle_at_end(doc, k, clause)
            ),
            None,
        )
    if particle is not None:
        for lemma in lemmas:
            entry = lexicon.verbs.get(doc[particle].lower_ + lemma)
            if entry is not None:
                return entry, particle
        if doc[particle].lower_ in lexicon.word_class("not_cue_particle"):
            return None  # "findet … statt" is stattfinden, not finden
    for lemma in lemmas:
        entry = lexicon.verbs.get(lemma)
        if entry is not None:
            if token.tag_ == "VVPP" and lemma in lexicon.word_class(
                "no_participle_cue"
            ):
                return None  # "wurde gefunden", "hat gefunden": found, not thought
            toll = lexicon.word_class("death_toll")
            if lemma in lexicon.word_class("death_toll_verb") and any(
                doc[k].text in toll or doc[k].text.split("-")[-1] in toll
                for k in range(clause.start, clause.end)
            ):
                return None  # "hat 65 Menschenleben gefordert": a death toll
            return entry, None
    return None


def _participle_lemmas(word: str, lexicon: Lexicon) -> list[str]:
    """Infinitives a participle may come from where the dictionary does not know it.

    ``erwidert`` → ``erwidern``, ``betont`` → ``betonen``; strong participles
    the dictionary misses (``entschieden``) are listed in the lexicon.
    """
    irregular = lexicon.participles.get(word)
    if irregular is not None:
        return [irregular]
    if word.endswith("t"):
        return [word[:-1] + "n", word[:-1] + "en"]
    return []


PARTICLES = frozenset(
    {
        "ein",
        "mit",
        "an",
        "aus",
        "zu",
        "vor",
        "zurück",
        "hin",
        "hinzu",
        "fest",
        "bekannt",
        "auf",
        "dar",
        "ab",
        "fort",
        "klar",
        "richtig",
        "entgegen",
        "nach",
        "bei",
        "los",
        "hervor",
        "heraus",
    }
)


def _particle_at_end(doc: Doc, k: int, clause: Clause) -> bool:
    """A particle word closing the clause that the tagger missed (``räumte … ein``)."""
    return (
        k == clause.end - 1
        and doc[k].lower_ in PARTICLES
        and doc[k].tag_ not in ("APPR", "APPRART")
    )


def _governed(doc: Doc, i: int, clause: Clause) -> bool:
    """A non-finite verb counts when its clause has a finite auxiliary or modal."""
    token = doc[i]
    if g.is_finite(token):
        return True
    if token.tag_ == "VVIZU" or (i > 0 and doc[i - 1].tag_ == "PTKZU"):
        return False
    return clause.finite is not None and clause.finite != i


def verbal_cues(
    doc: Doc, clauses: Sequence[Clause], lexicon: Lexicon, quotes: Sequence[Range]
) -> list[VerbCue]:
    """Verbal and predicative cues in the clauses of one sentence."""
    found: list[VerbCue] = []
    taken: set[int] = set()
    for clause in clauses:
        if inside(clause.start, quotes) and inside(clause.end - 1, quotes):
            continue
        vocabulary = _clause_words(doc, clause)
        for pred in lexicon.predicatives:
            cue = _predicative(
                doc, clause, pred.words, pred.reflexive, quotes, vocabulary
            )
            if cue is not None and not taken.intersection(cue[0]):
                tokens, head = cue
                found.append(VerbCue(tokens, head, clause, pred.entry, "predicative"))
                taken.update(tokens)
        for i in range(clause.start, clause.end):
            if i in taken or inside(i, quotes) or not g.is_verb(doc[i]):
                continue
            if not _governed(doc, i, clause):
                continue
            found_entry = verb_lemma(doc, i, clause, lexicon)
            if found_entry is None:
                continue
            entry, particle = found_entry
            tokens = (i,) if particle is None else (i, particle)
            found.append(VerbCue(tokens, i, clause, entry, "verb", particle))
            taken.update(tokens)
    return found


def _clause_words(doc: Doc, clause: Clause) -> frozenset[str]:
    """Every word of a clause, lower-cased, and its dictionary form."""
    words: set[str] = set()
    for token in doc[clause.start : clause.end]:
        words.add(token.lower_)
        words.add(lemma_of(token.text))
    return frozenset(words)


def _predicative(
    doc: Doc,
    clause: Clause,
    words: tuple[str, ...],
    reflexive: bool,
    quotes: Sequence[Range],
    vocabulary: frozenset[str],
) -> tuple[tuple[int, ...], int] | None:
    """Tokens matching every (non-article) word of a multi-word cue, and its verb."""
    if not all(
        w.lower() in _ARTICLES or w.lower() in vocabulary or w in vocabulary
        for w in words
    ):
        return None
    positions: list[int] = []
    for word in words:
        if word.lower() in _ARTICLES:
            continue
        hit = next(
            (
                k
                for k in range(clause.start, clause.end)
                if k not in positions
                and not inside(k, quotes)
                and (doc[k].lower_ == word.lower() or lemma_of(doc[k].text) == word)
            ),
            None,
        )
        if hit is None:
            return None
        positions.append(hit)
    if reflexive and not any(
        doc[k].lower_ == "sich" for k in range(clause.start, clause.end)
    ):
        return None
    verbs = [k for k in positions if g.is_verb(doc[k])]
    if not verbs or not all(_governed(doc, k, clause) for k in verbs):
        return None
    if max(positions) - min(positions) > 12:
        return None
    return tuple(sorted(positions)), verbs[0]


def prepositional_cues(
    doc: Doc, start: int, end: int, lexicon: Lexicon, quotes: Sequence[Range]
) -> list[PrepCue]:
    """``laut X``, ``X zufolge``, ``gemäß X``, ``nach Angaben von X``, ``…, so X``."""
    found: list[PrepCue] = []
    preps = lexicon.word_class("prep_cue")
    for i in range(start, end):
        if inside(i, quotes):
            continue
        token = doc[i]
        lower = token.lower_
        if lower in ("laut", "gemäß", "lt.") and lower in preps:
            np = g.noun_phrase(doc, i + 1, end, coordinated=True)
            np = np or _bare_source(doc, i, end)
            if np is not None:
                found.append(PrepCue((i,), np, "laut"))
        elif lower == "zufolge":
            np = np_ending_at(doc, start, i)
            if np is not None:
                found.append(PrepCue((i,), np, "zufolge"))
        elif lower == "nach":
            cue = _nach(doc, i, end, lexicon) if i + 1 < end else None
            cue = cue or _nach_postposed(doc, start, i, lexicon)
            if cue is not None:
                found.append(cue)
        elif lower == "so" and _trailing_so(doc, i, start):
            np = g.noun_phrase(doc, i + 1, end, coordinated=True)
            if np is not None:
                a, b = np
                while b > a + 1 and doc[b - 1].text in g.DASHES:
                    b -= 1  # "– so seine Version –": not the closing dash
                found.append(PrepCue((i,), (a, b), "so"))
    return found


#: Tags of a word after ``laut`` that is not its source (``laut und deutlich``).
_NOT_A_SOURCE = frozenset({"KON", "ADV", "PAV", "PTKNEG", "PTKZU", "APPR", "APPRART"})


def _bare_source(doc: Doc, i: int, end: int) -> Range | None:
    """The source after the preposition ``laut`` at ``i`` where it is no noun
    phrase to the tagger: a quoted title (``laut „Welt“``, marks included) or
    one mistagged word and the names after it (``laut taz``, ``laut ai-Bericht``)."""
    j = i + 1
    if j >= end or doc[i].tag_ != "APPR":
        return None
    if g.is_quote_mark(doc[j]):
        for k in range(j + 1, min(end, j + 8)):
            if g.is_quote_mark(doc[k]):
                return (j, k + 1) if k > j + 1 else None
            if g.is_finite(doc[k]):
                return None
        return None
    word = doc[j]
    if (
        not any(c.isalpha() for c in word.text)
        or g.is_verb(word)
        or word.tag_ in _NOT_A_SOURCE
    ):
        return None
    k = j + 1
    while k < end and g.is_name(doc[k]):
        k += 1
    return (j, k)


def _nach(doc: Doc, i: int, end: int, lexicon: Lexicon) -> PrepCue | None:
    """``nach Angaben von X``, ``nach Ansicht des X``, ``nach Polizeiangaben`` …"""
    j = i + 1
    if (
        j < end
        and i > 0
        and doc[i - 1].text == ","
        and doc[j].lower_ in _RELATIVE_AFTER_NACH
        and lexicon.is_source_noun(doc[i - 2].text)
    ):
        # "Umfragen, nach denen 72 Prozent …": the relative pronoun as written
        return PrepCue((i,), (j, j + 1), "nach_rel")
    while j < end and (
        g.is_det(doc[j])
        or g.is_adj(doc[j])
        or doc[j].lower_ in ("deren", "dessen")
        or (
            (g.is_name(doc[j]) or doc[j].text[:1].isupper())
            and doc[j].text.endswith("s")
            and j + 1 < end
            and lexicon.is_source_noun(doc[j + 1].text)
        )
    ):
        j += 1  # nach jüngsten Angaben, nach seiner Ansicht, nach Grupps Meinung
    if j >= end or not lexicon.is_source_noun(doc[j].text):
        return None
    noun = j
    k = noun + 1
    if k < end and doc[k].lower_ in ("von", "vom"):
        np = g.noun_phrase(doc, k + 1, end, coordinated=True)
        if np is not None:
            return PrepCue(tuple(range(i, k + 1)), np, "nach_von")
    if k < end and doc[k].lower_ in (
        "des",
        "der",
        "eines",
        "einer",
        "dieser",
        "dieses",
        "vieler",
        "mehrerer",
        "einiger",
        "zahlreicher",
    ):
        np = g.noun_phrase(doc, k, end, coordinated=True)
        if np is not None:
            return PrepCue(tuple(range(i, noun + 1)), np, "nach_gen")
    if k < end and g.is_name(doc[k]):
        np = g.noun_phrase(doc, k, end, coordinated=True)
        if np is not None:
            return PrepCue(tuple(range(i, noun + 1)), np, "nach_gen")
    # nach seiner Meinung, nach ersten Untersuchungen, nach Polizeiangaben: the phrase
    # itself names the source (as the news corpus annotates it)
    return PrepCue((i,), (i + 1, noun + 1), "nach_np")


_RELATIVE_AFTER_NACH = frozenset({"denen", "dem", "der", "welchem", "welcher"})


def _nach_postposed(doc: Doc, start: int, i: int, lexicon: Lexicon) -> PrepCue | None:
    """``Seiner Meinung nach``, ``dem Vernehmen nach``: ``nach`` after its noun."""
    if i == start or not lexicon.is_source_noun(doc[i - 1].text):
        return None
    np = np_ending_at(doc, start, i)
    if np is None:
        return None
    return PrepCue((i,), np, "nach_post")


def np_ending_at(doc: Doc, start: int, i: int) -> Range | None:
    """The noun phrase that ends right before token ``i`` (for postpositions).

    A determiner right before another one opens the phrase around it, not
    this one (*auf die seiner Meinung nach wachsenden Gefahren*: *seiner
    Meinung*)."""
    for a in range(max(start, i - 12), i):
        if a + 1 < i and g.is_det(doc[a]) and g.is_det(doc[a + 1]):
            continue
        np = g.noun_phrase(doc, a, i, coordinated=True)
        if np is not None and np[1] == i:
            return np
    return None


def _trailing_so(doc: Doc, i: int, start: int) -> bool:
    """``„…“, so der Sprecher``: a ``so`` after a comma or dash (``– so Canny
    –``), before a noun phrase."""
    if i == start or not (
        doc[i - 1].text == ","
        or doc[i - 1].text in g.DASHES
        or (g.is_quote_mark(doc[i - 1]) and i - 2 >= start and g.is_punct(doc[i - 2]))
    ):
        return False
    if i + 1 >= len(doc):
        return False
    nxt = doc[i + 1]
    return (g.is_det(nxt) or g.is_noun(nxt) or g.is_adj(nxt)) and not g.is_verb(nxt)
