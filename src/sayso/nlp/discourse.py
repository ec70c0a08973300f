"""Statements without a cue of their own, and how statements hang together.

- *continuation*: a sentence in Konjunktiv I (or tied by ``demnach``) right
  after a statement keeps that statement's speaker; with no statement in
  reach, one right after a sentence about someone who can speak (a name, a
  title, a body such as ``die Behörde``) is theirs;
- *free indirect*: a claim marked only by ``soll``/``sollen`` or Konjunktiv,
  with no statement in reach (or, when one is, reported with its speaker);
- a *quotation* standing alone keeps the speaker of the statement before it;
  after a colon, the subject of the clause that opens its sentence speaks;
- *headline*: a line of its own of the form ``Name: message``;
- *nesting*: a statement whose cue lies in another's message was made known
  through that one (its ``parent``); ``demnach`` ties a statement to the one
  before it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc, Token

from sayso.nlp import grammar as g
from sayso.nlp.candidate import Candidate
from sayso.nlp.extensions import konjunktiv_of
from sayso.nlp.grammar import Range
from sayso.nlp.lexicon import Lexicon, lemma_of, load_lexicon
from sayso.nlp.speakers import is_title

#: How many sentences back a statement still lends its speaker.
REACH = 3


def sentence_message(doc: Doc, start: int, end: int) -> Range:
    return g.strip_range(doc, (start, end))


def is_headline_line(doc: Doc, start: int, end: int) -> bool:
    """A line of its own without final punctuation (a title or subheading)."""
    if doc[end - 1].text in (".", "!", "?", ":", ";", ","):
        return False
    before_ok = start == 0 or _line_break(doc[start - 1])
    after_ok = end == len(doc) or _line_break(doc[end])
    return before_ok and after_ok


def _line_break(token: Token) -> bool:
    return token.is_space and "\n" in token.text


def headline_statement(doc: Doc, start: int, end: int) -> Candidate | None:
    """``Selenskyj: Von der Frontlinie ausgehen`` — a name, a colon, a message.

    Inside running text the same form needs a quotation after the colon
    (``BKA-Präsident Ziercke: „Mit diesem Ansatz …“``): a direct statement."""
    if not is_headline_line(doc, start, end):
        return _colon_quote(doc, start, end)
    colon = next(
        (k for k in range(start, min(end, start + 6)) if doc[k].text == ":"), None
    )
    if colon is None or colon == start:
        return None
    np = g.noun_phrase(doc, start, colon, coordinated=True)
    if np is None or np[1] != colon or not _names_a_speaker(doc, np):
        return None
    message = g.strip_range(doc, (colon + 1, end))
    if message[1] - message[0] < 2 or not _wordy(doc, message):
        return None
    quoted = doc[colon + 1].text in '„"»«‚'
    if not quoted and any(
        g.is_finite(doc[k]) for k in range(message[0], message[1] - 1)
    ):
        return None  # "Sanktionen: Russland droht …" is a sentence, not a quote
    return Candidate(
        kind="headline",
        rule="headline",
        source=[np],
        message=[message],
        anchor=start,
        confidence=0.75,
    )


def _wordy(doc: Doc, span: Range) -> bool:
    """Words, not figures: at least two, and more than numbers (``Sitze: 7 / 17``
    in a table is no statement)."""
    words = sum(any(c.isalpha() for c in doc[k].text) for k in range(*span))
    numbers = sum(any(c.isdigit() for c in doc[k].text) for k in range(*span))
    return words >= 2 and words > numbers


def _colon_quote(doc: Doc, start: int, end: int) -> Candidate | None:
    colon = next(
        (k for k in range(start + 1, min(end, start + 12)) if doc[k].text == ":"), None
    )
    if colon is None or colon + 1 >= end or doc[colon + 1].text not in '„"»':
        return None
    np = g.noun_phrase(doc, start, colon, coordinated=True)
    if (
        np is None
        or not (np[1] == colon or _intro_tail(doc, np[1], colon))
        or not _an_actor(doc, np, load_lexicon("de"))
    ):
        return None
    message = g.strip_range(doc, (colon + 1, end))
    words = [k for k in range(*message) if not g.is_punct(doc[k])]
    if len(words) < 3 or not any(g.is_finite(doc[k]) for k in words):
        return None
    return Candidate(
        kind="direct",
        rule="colon_quote",
        source=[np],
        message=[message],
        anchor=start,
        confidence=0.7,
    )


def _intro_tail(doc: Doc, start: int, colon: int) -> bool:
    """Words between a speaker and the colon of a quotation that say how or
    when (``Koppelin wörtlich:``, ``Ein Kommissar nach der Festnahme:``): a
    few adverbs, or one prepositional phrase, no verb."""
    if colon - start > 5:
        return False
    if doc[start].tag_ in ("APPR", "APPRART"):
        np = g.noun_phrase(doc, start + 1, colon)
        return np is not None and np[1] == colon
    return all(doc[k].tag_ in ("ADV", "ADJD") for k in range(start, colon))


def _names_a_speaker(doc: Doc, np: Range) -> bool:
    """A name (tagged, or a bare capitalised word or two without article), not
    the label of a page's part (``Bild:``, ``Hintergrund:``)."""
    tokens = range(*np)
    labels = load_lexicon("de").word_class("section_label")
    if any(doc[k].text in labels for k in tokens):
        return False
    if any(g.is_name(doc[k]) for k in tokens):
        return True
    return np[1] - np[0] <= 2 and all(
        doc[k].text[:1].isupper() and not g.is_det(doc[k]) for k in tokens
    )


def main_clause_mood(doc: Doc, clauses: Sequence[g.Clause]) -> tuple[bool, bool, bool]:
    """Konjunktiv I, Konjunktiv II and a hearsay ``soll(en)`` in the main clauses."""
    konj1 = konj2 = sollen = False
    for clause in clauses:
        if clause.finite is None or clause.kind == "vl":
            continue
        token = doc[clause.finite]
        form = konjunktiv_of(token)
        if form == "I":
            konj1 = True
        elif form == "II" and token.lower_ not in ("möchte", "möchten"):
            konj2 = True  # "möchte" is a present tense in use: wants, not would
        if (
            lemma_of(token.text) == "sollen"
            and form is None
            and _perfect_infinitive(doc, clause)
        ):
            sollen = True
    return konj1, konj2, sollen


def _perfect_infinitive(doc: Doc, clause: g.Clause) -> bool:
    """``soll … abgebrannt sein``, ``soll … gesagt haben``: hearsay sollen.

    With a plain infinitive (``soll 2027 fertig werden``) sollen is a plan, not hearsay.
    """
    tokens = range(clause.start, clause.end)
    return any(doc[k].tag_ in ("VVPP", "VAPP", "VMPP") for k in tokens) and any(
        doc[k].lower_ in ("haben", "sein", "worden") for k in tokens
    )


def cueless_statement(
    doc: Doc,
    start: int,
    end: int,
    clauses: Sequence[g.Clause],
    lexicon: Lexicon,
    previous: Candidate | None,
    distance: int,
    subject_before: Callable[[], Range | None] | None = None,
) -> Candidate | None:
    """A continuation or free indirect statement for a sentence without a statement.

    ``subject_before`` finds the subject of the sentence right before (only
    called where it matters): with no statement in reach, a Konjunktiv I
    sentence after ``Lammert würdigte die Bundeswehr als …`` goes on with
    Lammert's words, when the subject names someone who can speak."""
    evidence = [
        (k, k + 1)
        for k in range(start, end)
        if doc[k].lower_ in lexicon.word_class("evidence")
    ]
    konj1, konj2, sollen = main_clause_mood(doc, clauses)
    in_reach = previous is not None and distance <= REACH
    named: Range | None = None  # who the sentence before is about, if a speaker
    if (konj1 or evidence) and subject_before is not None:
        subject = subject_before()
        if subject is not None and _an_actor(doc, subject, lexicon):
            named = subject
    if konj1 and distance >= 2 and named is not None:
        in_reach = False  # the sentence between names who speaks now
    message = [sentence_message(doc, start, end)]
    if message[0][1] - message[0][0] < 3:
        return None
    if in_reach and (
        konj1
        or evidence
        or (
            konj2
            and distance <= 1
            and previous is not None
            and previous.kind in ("indirect", "continuation", "direct")
        )
    ):
        return Candidate(
            kind="continuation",
            rule=(
                "continuation_evidence"  # "Demnach seien …": the pointing word
                if evidence
                else "continuation"
                if konj1
                else "continuation_k2"
            ),
            message=message,
            evidence=evidence,
            antecedent=previous,
            anchor=start,
            confidence=0.7 if konj1 else 0.55,
        )
    if evidence and not in_reach:
        # "Das Kartellamt legte den Bericht vor. Demnach kann …": the pointing
        # word is the source as written; the sentence before names the speaker
        return Candidate(
            kind="continuation",
            rule="continuation_evidence",
            message=message,
            evidence=evidence,
            mention=named,
            anchor=start,
            confidence=0.5,
        )
    if konj1 and not in_reach and named is not None:
        return Candidate(
            kind="continuation",
            rule="continuation_subject",
            source=[named],
            message=message,
            evidence=evidence,
            hearsay=sollen,
            anchor=start,
            confidence=0.5,
        )
    if sollen or konj1:
        return Candidate(
            kind="free_indirect",
            rule="free_indirect_sollen" if sollen else "free_indirect",
            message=message,
            evidence=evidence,
            hearsay=sollen,
            antecedent=previous if in_reach else None,
            anchor=start,
            confidence=0.5,
        )
    return None


def _an_actor(doc: Doc, np: Range, lexicon: Lexicon) -> bool:
    """A name, a title or a body that speaks (``die Behörde``, ``Forscher``)."""
    endings = lexicon.ending_in("actor_ending")
    for k in range(*np):
        token = doc[k]
        if g.is_name(token) or is_title(token.text):
            return True
        if g.is_noun(token) and token.text.lower().endswith(endings):
            return True
    return False


def standalone_quote(
    doc: Doc,
    quote: Range,
    previous: Candidate | None,
    distance: int,
    intro_subject: Range | None = None,
) -> Candidate | None:
    """A quoted sentence with no cue: the previous speaker goes on talking.

    After a colon the clause that opens the sentence says who speaks
    (``Müntefering stellte das in Frage: „…“``): ``intro_subject``."""
    a, b = quote
    words = [k for k in range(a, b) if not g.is_punct(doc[k])]
    if len(words) < 4 or not any(g.is_finite(doc[k]) for k in words):
        return None
    if intro_subject is not None:
        return Candidate(
            kind="direct",
            rule="quote_after_colon",
            source=[intro_subject],
            message=[quote],
            anchor=a,
            confidence=0.6,
        )
    if previous is None or distance > 1:
        return None
    return Candidate(
        kind="direct",
        rule="quote_continued",
        message=[quote],
        antecedent=previous,
        anchor=a,
        confidence=0.6,
    )


def join_continuations(doc: Doc, candidates: list[Candidate]) -> list[Candidate]:
    """Consecutive continuation sentences of one speaker become one statement.

    Its message keeps one span per sentence. A paragraph break or any other
    statement in between ends the run.
    """
    ordered = sorted(candidates, key=lambda c: c.anchor)
    out: list[Candidate] = []
    merged: dict[int, Candidate] = {}  # id of a joined sentence -> its statement
    for candidate in ordered:
        if candidate.antecedent is not None:
            candidate.antecedent = merged.get(
                id(candidate.antecedent), candidate.antecedent
            )
        # a quotation inside a continuation does not end the run
        previous = next((c for c in reversed(out) if c.rule != "partial_quote"), None)
        if (
            previous is not None
            and candidate.kind == "continuation"
            and previous.kind == "continuation"
            and (
                candidate.antecedent is previous
                or candidate.antecedent is previous.antecedent
            )
            and previous.message
            and candidate.message
            and _adjacent(doc, previous.message[-1][1], candidate.message[0][0])
        ):
            previous.message.extend(candidate.message)
            previous.evidence.extend(candidate.evidence)
            merged[id(candidate)] = previous
            continue
        out.append(candidate)
    return out


def _adjacent(doc: Doc, end: int, start: int) -> bool:
    """Only punctuation (no paragraph break, no words) between two token positions."""
    between = doc[end:start]
    return all(t.is_punct or (t.is_space and "\n\n" not in t.text) for t in between)


def _looks_like_a_name(doc: Doc, words: list[int]) -> bool:
    """A quoted title or name (``„Der Spiegel“``), not words somebody said."""
    naming = load_lexicon("de").ending_in("naming_ending")
    if g.after_a_titled_noun(doc, words[0], naming):
        return True
    named = sum(1 for k in words if doc[k].ent_type_)
    if named and (named * 2 >= len(words) or doc[words[0]].ent_type_):
        return True
    if len(words) == 1 and doc[words[0]].tag_ == "NE":
        return True  # „Interfax“, „Nature“
    if not any(any(ch.isalpha() for ch in doc[k].text) for k in words):
        return True
    return len(words) >= 2 and all(
        doc[k].text[:1].isupper() or not doc[k].text[:1].isalpha() for k in words
    )


def partial_quotes(
    doc: Doc, candidates: Sequence[Candidate], quotes: Sequence[Range]
) -> list[Candidate]:
    """The speaker's own words quoted inside a message, as direct statements.

    ``Der Staatsanwalt sagte, das Opfer sei „bewusst und gewollt stranguliert“
    worden``: the quoted words are a verbatim record of the same act (same cue,
    same source), which is how the German news quotation corpus annotates them.
    Inside a continuation they are the words of whoever it continues (its
    ``antecedent``).
    """
    out: list[Candidate] = []
    for candidate in candidates:
        continues = candidate.kind == "continuation"  # whoever it goes on quoting
        if not continues and (
            candidate.kind not in ("indirect", "reported") or not candidate.cue
        ):
            continue
        message = candidate.tokens("message")
        for quote in quotes:
            inside = set(range(*quote))
            words = [k for k in sorted(inside) if not g.is_punct(doc[k])]
            if not words or not inside <= message or inside == message:
                continue
            if _looks_like_a_name(doc, words):
                continue
            out.append(
                Candidate(
                    kind="direct",
                    rule="partial_quote",
                    cue=list(candidate.cue),
                    source=list(candidate.source),
                    addressee=list(candidate.addressee),
                    medium=list(candidate.medium),
                    message=[quote],
                    mode=candidate.mode,
                    hearsay=candidate.hearsay,
                    negated=candidate.negated,
                    anchor=quote[0],
                    confidence=round(candidate.confidence * 0.9, 2),
                    lemma=candidate.lemma,
                    antecedent=candidate if continues else None,
                )
            )
    return out


def nest(candidates: list[Candidate]) -> None:
    """Set ``parent`` where a statement's cue lies in another statement's message.

    The innermost message containing the cue wins. Messages are indexed by the
    tokens they cover, so a long text with thousands of statements stays linear.
    """
    messages = {id(c): c.tokens("message") for c in candidates if c.message}
    covering: dict[int, list[Candidate]] = {}
    for candidate in candidates:
        for token in messages.get(id(candidate), ()):
            covering.setdefault(token, []).append(candidate)
    for inner in candidates:
        if not inner.cue:
            continue
        point = inner.cue[0][0]
        own = messages.get(id(inner), set())
        best: Candidate | None = None
        best_size = 1 << 30
        for outer in covering.get(point, ()):
            tokens = messages[id(outer)]
            if outer is inner or own >= tokens:
                continue
            if len(tokens) < best_size:
                best, best_size = outer, len(tokens)
        if best is not None:
            inner.parent = best


def tie_evidence(candidates: list[Candidate]) -> None:
    """``Putin soll sich demnach … erklärt haben``: resting on the one before."""
    ordered = sorted(candidates, key=lambda c: c.anchor)
    for index, candidate in enumerate(ordered):
        if not candidate.evidence or not candidate.cue or candidate.parent is not None:
            continue
        for previous in reversed(ordered[:index]):
            if (
                previous.parent is None
                and previous.kind != "continuation"
                and previous.rule != "partial_quote"
            ):
                candidate.parent = previous
                break
