"""Speakers: from the source as written to a resolved name.

``US-Außenminister Rubio`` → ``Marco Rubio`` (titles stay in the source span,
the name is completed from a fuller mention elsewhere in the article);
``Er`` → the nearest earlier speaker that a personal pronoun can refer to;
``Merz (CDU), von der Leyen und Meloni`` → three names; ``Die russische
Regierung`` → ``russische Regierung``. Statements without a source of their
own (continuations, quotes standing alone, a second verb sharing the
subject) take speaker and source from the statement they continue.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from sayso.nlp import grammar as g
from sayso.nlp.candidate import Candidate
from sayso.nlp.grammar import Range

_PERSONAL = frozenset({"er", "sie", "ihm", "ihr", "ihnen"})
#: Nouns of one's own view or account: "seiner Meinung nach" is his.
_OWN_WORDS = frozenset(
    {
        "Meinung",
        "Ansicht",
        "Auffassung",
        "Einschätzung",
        "Überzeugung",
        "Angaben",
        "Worten",
        "Darstellung",
        "Aussage",
        "Aussagen",
        "Sicht",
    }
)
_DETERMINERS = frozenset(
    {
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einer",
        "eines",
        "einem",
        "einen",
    }
)
_GENITIVE_S = re.compile(r"(?<=[a-zäöüß])s$")


def _name_mentions(doc: Doc) -> list[tuple[int, int, str]]:
    """Person names in the doc: entities labelled PER, else runs of proper nouns."""
    mentions = [
        (e.start, e.end, e.text)
        for e in doc.ents
        if e.label_ == "PER" and e.text.strip()
    ]
    if mentions or doc.has_annotation("ENT_IOB"):
        return mentions
    runs: list[tuple[int, int, str]] = []
    i = 0
    while i < len(doc):
        if doc[i].tag_ == "NE":
            j = i
            while j < len(doc) and doc[j].tag_ == "NE":
                j += 1
            runs.append((i, j, doc[i:j].text))
            i = j
        else:
            i += 1
    return runs


def _full_name(short: str, names: list[str]) -> str:
    """The longest name in the article that ends with the same word as ``short``."""
    words = short.split()
    if not words:
        return short
    last = words[-1]
    best = short
    for name in names:
        parts = name.split()
        if parts and parts[-1] == last and len(name) > len(best):
            best = name
    return best


def _members(doc: Doc, source: Range) -> list[Range]:
    """The people of a coordinated source: ``A (CDU), B und C`` → A, B, C.

    Without ``und``/``sowie``/``oder`` a comma marks an apposition (``Der
    Innenminister, Nicolas Sarkozy``), not a list, and the source is one member.
    """
    a, b = source
    depth = 0
    cuts: list[int] = []
    has_conjunction = False
    for k in range(a, b):
        text = doc[k].text
        if text == "(":
            depth += 1
        elif text == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and (text == "," or doc[k].lower_ in _CONJUNCTIONS):
            cuts.append(k)
            has_conjunction |= doc[k].lower_ in _CONJUNCTIONS
    if not has_conjunction:
        return [source]
    members = []
    start = a
    for k in [*cuts, b]:
        if k > start:
            members.append((start, k))
        start = k + 1
    return members


_CONJUNCTIONS = frozenset({"und", "sowie", "oder"})


def _name_of(
    doc: Doc, member: Range, mentions: list[tuple[int, int, str]]
) -> str | None:
    """The person or organisation a member names, as written in the text."""
    a, b = member
    inside = [(start, end) for start, end, _ in mentions if a <= start < b]
    if len(inside) > 1 and any(is_title(doc[k].text) for k in range(*inside[0])):
        # "Australiens Ministerpräsidentin | Julia Gillard": the recogniser took
        # the title for a person too; the name is the mention after it
        inside = inside[1:]
    if inside:
        start, end = inside[0]
        end = min(max(end, _extend_name(doc, end, b)), b)
        while start > a and _first_name_like(doc[start - 1]):
            start -= 1  # a first name the recogniser left out: "Giorgia" Meloni
        return doc[start:end].text
    for ent in doc.ents:
        if a <= ent.start < b and ent.label_ in ("ORG", "LOC", "MISC"):
            if _function_of_a_body(doc, a, ent.start):
                # the holder's name after the body, else the function itself
                return _trailing_name(doc, (ent.end - 1, b)) or _plain(doc, member)
            return doc[ent.start : min(ent.end, b)].text
    # a title followed by proper nouns: "Kämmerer Paul Wendt"
    return _trailing_name(doc, member)


def _trailing_name(doc: Doc, member: Range) -> str | None:
    """Proper nouns ending a member after something else (a parenthesis left
    out): ``Kämmerer Paul Wendt`` → ``Paul Wendt``."""
    a, b = member
    k = b
    while k > a and doc[k - 1].text in (")",):
        k = _open_paren(doc, a, k)
    end = k
    while k > a and (
        doc[k - 1].tag_ == "NE"
        or (doc[k - 1].text[:1].isupper() and k - 1 > a and doc[k - 2].tag_ == "NE")
    ):
        k -= 1
    if a < k < end:
        return doc[k:end].text
    return None


def _function_of_a_body(doc: Doc, start: int, name: int) -> bool:
    """The organisation or place named at ``name`` is the body of a function
    or of a smaller body named before it (``der Direktor der Internationalen
    Atomenergie-Organisation``, ``der Bürgermeister von New Orleans``, ``der
    Sicherheitsrat der Vereinten Nationen``): the holder of the function or
    the smaller body speaks; a spokesperson speaks for the body (``ein
    Sprecher der Polizei``)."""
    k = name - 1
    while k > start and doc[k].tag_ in ("ADJA", "CARD"):
        k -= 1
    if k <= start or doc[k].lower_ not in ("der", "des", "von", "vom"):
        return False
    head = doc[k - 1]
    return (
        head.tag_ in ("NN", "NE")
        and (is_title(head.text) or head.lower_.endswith(_BODY_ENDINGS))
        and not head.lower_.endswith(("sprecher", "sprecherin"))
    )


#: Bodies of a body: the council speaks, not the organisation it belongs to
#: (``der Sicherheitsrat der Vereinten Nationen``, ``der Vorstand der Bank``).
_BODY_ENDINGS = ("rat", "ausschuss", "kommission", "vorstand", "präsidium", "gremium")


#: Endings of titles and functions: a word with one is no first name.
TITLE_ENDINGS = (
    "minister",
    "ministerin",
    "präsident",
    "präsidentin",
    "kanzler",
    "kanzlerin",
    "chef",
    "chefin",
    "sprecher",
    "sprecherin",
    "vorsitzende",
    "vorsitzender",
    "sekretär",
    "sekretärin",
    "direktor",
    "direktorin",
    "leiter",
    "leiterin",
    "general",
    "abgeordnete",
    "abgeordneter",
    "bürgermeister",
    "bürgermeisterin",
    "botschafter",
    "botschafterin",
    "kommissar",
    "kommissarin",
    "richter",
    "richterin",
    "anwalt",
    "anwältin",
    "experte",
    "expertin",
    "beauftragte",
    "beauftragter",
    "gouverneur",
    "premier",
    "premierminister",
    "könig",
    "königin",
    "papst",
    "trainer",
    "trainerin",
    "manager",
    "managerin",
)


def is_title(text: str) -> bool:
    """``US-Außenminister``, ``Bundeskanzler``, ``Sprecherin``: a title, not a name."""
    lower = text.lower()
    return lower.endswith(TITLE_ENDINGS)


def _first_name_like(token: Token) -> bool:
    return (
        token.tag_ == "NE"
        and not token.ent_type_
        and "-" not in token.text
        and not is_title(token.text)
    )


def _open_paren(doc: Doc, a: int, k: int) -> int:
    """The index of the ``(`` that matches the ``)`` before ``k``."""
    j = k - 1
    while j > a and doc[j].text != "(":
        j -= 1
    return j


def _extend_name(doc: Doc, end: int, limit: int) -> int:
    """Carry a name over particles the recogniser cut off: ``Ursula von der Leyen``."""
    k = end
    while (
        k < limit
        and doc[k].lower_ in ("von", "van", "de", "der", "den", "zu", "vom")
        and not doc[k].text[:1].isupper()
    ):
        k += 1
    if k > end and k < limit and doc[k].text[:1].isupper():
        return k + 1
    return end


def _names_in(
    doc: Doc, source: Range, mentions: list[tuple[int, int, str]]
) -> list[str]:
    names = []
    for member in _members(doc, source):
        name = _name_of(doc, member, mentions)
        if name is not None:
            names.append(name)
    return names


def _plain(doc: Doc, source: Range) -> str:
    """The source without determiners and punctuation: ``russische Regierung``."""
    a, b = g.strip_range(doc, source)
    while a < b and doc[a].lower_ in _DETERMINERS:
        a += 1
    return doc[a:b].text if b > a else doc[source[0] : source[1]].text


#: Tags of a word that names nobody by itself: pronouns of every kind, articles.
_FUNCTION_TAGS = frozenset(
    {"PDS", "PRELS", "PPER", "PIS", "PWS", "PRF", "ART", "PDAT", "PIAT", "PPOSS"}
)


def _function_word(doc: Doc, source: Range) -> bool:
    """A source of one pronoun or article (``Dieser``, ``die``, ``Ich``)."""
    a, b = g.strip_range(doc, source)
    return b - a == 1 and (
        doc[a].tag_ in _FUNCTION_TAGS or doc[a].lower_ in _DETERMINERS
    )


def own_account(doc: Doc, source: Range) -> bool:
    """``(nach) eigenen Angaben``, ``eigenem Bekunden``: the speaker's own
    account, which names nobody; the speaker is the clause's subject (the
    rules keep it as the statement's ``mention``)."""
    return doc[source[0]].lower_ in _OWN


_OWN = frozenset({"eigene", "eigenen", "eigenem", "eigener"})


def _is_pronoun(doc: Doc, source: Range) -> bool:
    """``er``, ``sie``; also ``seiner Meinung`` (nach): a possessive standing for
    the speaker."""
    a, b = source
    if (
        b - a == 2
        and doc[a].lower_.startswith(("sein", "ihr"))
        and doc[a + 1].text in _OWN_WORDS
    ):
        return True  # not "ihr Sprecher": that is somebody else
    return b - a == 1 and doc[a].lower_ in _PERSONAL


def resolve(doc: Doc, candidates: list[Candidate]) -> None:
    """Fill ``speaker`` (and a borrowed ``source``) of each candidate, in text order."""
    mentions = _name_mentions(doc)
    full_names = [text for _, _, text in mentions]
    person_tokens = {k for s, e, _ in mentions for k in range(s, e)}
    ordered = sorted(candidates, key=lambda c: c.anchor)
    done: list[Candidate] = []
    for candidate in ordered:
        if (
            candidate.source
            and candidate.mention is not None
            and own_account(doc, candidate.source[0])
        ):
            naming = _without_relative_clause(doc, candidate.mention)
            candidate.speaker = _named_speakers(doc, naming, mentions, full_names) or [
                _plain(doc, naming)
            ]
        elif candidate.source and not _is_pronoun(doc, candidate.source[0]):
            naming = _without_relative_clause(doc, candidate.source[0])
            if (referent := _relative_antecedent(doc, naming)) is not None:
                candidate.mention = naming = referent  # "eines Jungen, der angab"
            named = _named_speakers(doc, naming, mentions, full_names)
            if not named and (person := _named_before(doc, naming)) is not None:
                naming = person  # "Reinhard Bütikofer, Parteivorsitzender …"
                named = _named_speakers(doc, naming, mentions, full_names)
            if named:
                candidate.speaker = named
            elif (earlier := _same_title(doc, naming, done)) is not None:
                candidate.speaker = list(
                    earlier.speaker
                )  # "Der Minister" after "Minister Keller"
            elif not _function_word(doc, naming):
                candidate.speaker = [_plain(doc, naming)]
            # else a pronoun no rule resolves ("Dieser bestätigte", a relative
            # "die"): the speaker stays unknown rather than the word itself
        elif candidate.source:
            antecedent = _pronoun_antecedent(doc, candidate, done, person_tokens)
            if antecedent is not None:
                candidate.speaker = list(antecedent.speaker)
                candidate.antecedent = antecedent
            else:
                mention = _nearest_person(doc, candidate.source[0][0], mentions)
                if mention is not None:
                    candidate.mention = mention
                    candidate.speaker = [
                        _full_name(doc[mention[0] : mention[1]].text, full_names)
                    ]
        else:
            antecedent = candidate.antecedent
            if antecedent is not None:
                candidate.speaker = list(antecedent.speaker)
                # the source as the statement continued wrote it (a pronoun
                # too: the speaker says whom it names), as the news corpus marks it
                candidate.source = list(antecedent.source) or list(
                    antecedent.named_source(lambda r: _is_pronoun(doc, r))
                )
                if (
                    antecedent.mention is not None
                    and antecedent.source
                    and own_account(doc, antecedent.source[0])
                ):
                    # going on with "nach eigenen Angaben": the subject speaks
                    candidate.source = [antecedent.mention]
            elif candidate.mention is not None:  # named in the sentence before
                naming = _without_relative_clause(doc, candidate.mention)
                candidate.speaker = _named_speakers(
                    doc, naming, mentions, full_names
                ) or [_plain(doc, naming)]
            if candidate.rule == "continuation_evidence" and candidate.evidence:
                # "Demnach …": the word pointing back is the source as written
                candidate.source = candidate.evidence[:1]
        done.append(candidate)


def _named_speakers(
    doc: Doc, naming: Range, mentions: list[tuple[int, int, str]], full_names: list[str]
) -> list[str]:
    """The people a mention names, each by the fullest form the text gives."""
    return [_full_name(text, full_names) for text in _names_in(doc, naming, mentions)]


def _relative_antecedent(doc: Doc, source: Range) -> Range | None:
    """What a relative pronoun after a comma stands for: the nearest noun before
    the comma that agrees with it in number (and gender, in the singular), with
    the words before it in its phrase.

    ``die Aussage eines Jungen, der angab`` → ``eines Jungen``. None for any
    other source, or where no noun agrees.
    """
    a, b = source
    pronoun = doc[a]
    if b - a != 1 or pronoun.tag_ != "PRELS" or a < 2 or doc[a - 1].text != ",":
        return None
    start = max(pronoun.sent.start, a - 12)
    for k in range(a - 2, start - 1, -1):
        token = doc[k]
        if g.is_verb(token) or token.text in (".", ";", ":"):
            return None
        if g.is_noun(token) and _agrees(pronoun, token):
            first = k
            while first > start and (
                g.is_det(doc[first - 1])
                or g.is_adj(doc[first - 1])
                or (doc[first - 1].tag_ == "NE" and token.tag_ == "NE")
            ):
                first -= 1
            return first, k + 1
    return None


def _named_before(doc: Doc, naming: Range) -> Range | None:
    """``Reinhard Bütikofer, Parteivorsitzender der Grünen``: a mention that
    names nobody, in apposition to the person's name right before its comma;
    the name and the mention together."""
    a, b = naming
    if a < 2 or doc[a - 1].text != "," or not g.is_name(doc[a - 2]):
        return None
    first = a - 2
    while first > doc[a].sent.start and g.is_name(doc[first - 1]):
        first -= 1
    return first, b


def _agrees(pronoun: Token, noun: Token) -> bool:
    """Number (and, in the singular, gender) do not contradict each other;
    a word without the feature agrees with anything."""
    number, noun_number = pronoun.morph.get("Number", []), noun.morph.get("Number", [])
    if number and noun_number and number != noun_number:
        return False
    gender, noun_gender = pronoun.morph.get("Gender", []), noun.morph.get("Gender", [])
    return not (number == ["Sing"] and gender and noun_gender and gender != noun_gender)


def _without_relative_clause(doc: Doc, source: Range) -> Range:
    """``Die Organisation, die im Gazastreifen regiert`` → ``Die Organisation``."""
    a, b = source
    for k in range(a + 1, b - 1):
        if doc[k].text == "," and doc[k + 1].tag_ in ("PRELS", "PRELAT"):
            return a, k
    return source


def _same_title(doc: Doc, source: Range, done: list[Candidate]) -> Candidate | None:
    """An earlier statement by someone with the title a definite description uses.

    ``Der Minister kündigte an`` after ``Verkehrsminister Jonas Keller wies … zurück``:
    the same person, when the earlier source names someone with a title that ends
    in the same word.
    """
    a, b = g.strip_range(doc, source)
    if (
        b - a < 2
        or doc[a].lower_ not in ("der", "die")
        or not is_title(doc[b - 1].text)
    ):
        return None
    if any(g.is_name(doc[k]) for k in range(a, b)):
        return None
    title = doc[b - 1].lower_
    for previous in reversed(done[-60:]):
        if not previous.source or not previous.speaker or previous.source[0] == source:
            continue
        pa, pb = previous.source[0]
        if any(doc[k].lower_.endswith(title) for k in range(pa, pb)) and any(
            g.is_name(doc[k]) for k in range(pa, pb)
        ):
            return previous
    return None


def _nearest_person(
    doc: Doc, i: int, mentions: list[tuple[int, int, str]]
) -> Range | None:
    """The closest person named before token ``i``, in this sentence or the last."""
    sent_start = doc[i].sent.start
    floor = doc[sent_start - 1].sent.start if sent_start > 0 else 0
    before = [(s, e) for s, e, _ in mentions if e <= i and s >= floor]
    return before[-1] if before else None


def _pronoun_antecedent(
    doc: Doc, candidate: Candidate, done: list[Candidate], person_tokens: set[int]
) -> Candidate | None:
    """The nearest earlier top-level statement whose speaker a pronoun can stand for.

    ``er`` and singular ``sie`` want a person: a source named by a person
    entity or a proper noun that is not a place or organisation; plural ``sie``
    takes the nearest statement of any speaker.
    """
    plural = "Plur" in doc[candidate.source[0][0]].morph.get("Number", [])
    fallback: Candidate | None = None
    for previous in reversed(done):
        if not previous.speaker or previous.parent is not None:
            continue
        if candidate.anchor - previous.anchor > 150:
            break
        if fallback is None:
            fallback = previous
        if plural:
            return previous
        if previous.source and _personal(doc, previous.source[0], person_tokens):
            return previous
    return fallback


def _personal(doc: Doc, source: Range, person_tokens: set[int]) -> bool:
    """Whether a source names a person (or is a pronoun standing for one).

    A person entity says so; an organisation entity says not; otherwise a
    source without a determiner (``Witkoff``, ``US-Außenminister Rubio``) or
    ending in a proper noun after a title (``der Minister Jonas Keller``) is
    taken for a person, and ``die Polizei`` is not.
    """
    a, b = source
    tokens = range(a, b)
    if any(k in person_tokens for k in tokens) or doc[a].lower_ in _PERSONAL:
        return True
    if any(doc[k].ent_type_ == "ORG" for k in tokens):
        return False
    if not g.is_det(doc[a]):
        return doc[b - 1].text[:1].isupper()
    return b - a >= 3 and g.is_name(doc[b - 1]) and g.is_noun(doc[b - 2])
