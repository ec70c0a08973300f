"""English speakers: from the source as written to a resolved name.

- Titles and offices stay in the source span but not in the name: ``Sen.
  Elizabeth Warren`` → ``Elizabeth Warren``, ``House Speaker Paul Ryan`` →
  ``Paul Ryan``; a short name is completed from the fullest mention in the
  article (``Mr. Trump`` → ``Donald Trump``).
- ``he``/``she`` resolve to the nearest earlier speaker (or, failing one, the
  nearest person named in this or the previous sentence) whose gender fits:
  known from a title (``Mr.``, ``Ms.``), a first name, or how the article
  refers to that person; ``they`` takes the nearest speaker of any kind;
  ``who``/``which`` the noun phrase the relative clause hangs on.
- ``Trump and Pence`` → two names; ``The New York Post`` → ``New York Post``.
- A statement without a source of its own (a quotation standing alone, a
  participle after a comma) takes speaker and source from the statement it
  continues.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from sayso.nlp.candidate import Candidate
from sayso.nlp.en import grammar as g
from sayso.nlp.en.grammar import Range
from sayso.nlp.en.lexicon import EnglishLexicon, normal

_MALE = frozenset({"he", "him", "his"})
_FEMALE = frozenset({"she", "her", "hers"})
_PLURAL = frozenset({"they", "them", "we"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
#: How far back (in tokens) a pronoun looks for its speaker.
REACH = 250


@dataclass(frozen=True, slots=True)
class Name:
    """A name in the text: tokens ``start..end`` (title left out) and its words."""

    start: int
    end: int
    text: str
    person: bool
    gender: str | None
    #: the title words before the name, lower case (``sen.``, ``governor``)
    titles: frozenset[str] = frozenset()


def name_mentions(doc: Doc, lexicon: EnglishLexicon) -> list[Name]:
    """Runs of proper nouns, split from their titles, in text order."""
    names: list[Name] = []
    k = 0
    n = len(doc)
    while k < n:
        if not _name_word(doc, k, lexicon):
            k += 1
            continue
        j = k
        while j < n and _name_word(doc, j, lexicon):
            j += 1
        names.extend(_split_run(doc, k, j, lexicon))
        k = j
    return names


def _name_word(doc: Doc, k: int, lexicon: EnglishLexicon) -> bool:
    token = doc[k]
    text = normal(token.text)
    if token.is_space or g.is_punct(token) or not token.text.strip():
        return False
    if text in lexicon.word_class("time_word") and token.text[:1].isupper():
        return False
    if g.is_proper(token) and text not in g.PRONOUNS:
        return True
    # a middle initial or particle inside a name: John F. Kennedy, Beto O'Rourke
    return (
        k + 1 < len(doc)
        and k > 0
        and g.is_proper(doc[k - 1])
        and g.is_proper(doc[k + 1])
        and (len(token.text) == 2 and token.text.endswith("."))
    )


def _split_run(doc: Doc, a: int, b: int, lexicon: EnglishLexicon) -> list[Name]:
    """``Sen. Elizabeth Warren`` → the name ``Elizabeth Warren`` with a female title."""
    titles = lexicon.word_class("title") | lexicon.word_class("office")
    start = a
    title_gender: str | None = None
    titled = False
    seen: set[str] = set()
    k = a
    while k > 0 and k > a - 3 and normal(doc[k - 1].text) not in (".", ",", "the"):
        k -= 1  # lower-case titles before the run: city treasurer Alan Brooks
        seen.add(normal(doc[k].text))
    while start < b and normal(doc[start].text) in titles:
        word = normal(doc[start].text)
        seen.add(word)
        if word in lexicon.word_class("female_title"):
            title_gender = "female"
        elif word in lexicon.word_class("male_title"):
            title_gender = "male"
        titled |= word in lexicon.word_class("title")
        start += 1
    if start >= b:
        return []
    text = doc[start:b].text
    last = normal(doc[b - 1].text)
    org = last in lexicon.word_class("org_word") or (
        doc[b - 1].text.isupper()
        and len(doc[b - 1].text) > 1
        and b - start == 1
        and not titled
    )
    first = doc[start].text
    gender = title_gender or (
        lexicon.first_names.get(first) if b - start >= 2 else None
    )
    org |= any(
        normal(doc[i].text) in lexicon.word_class("org_word") for i in range(start, b)
    )
    person = not org and (titled or gender is not None or b - start >= 2)
    return [Name(start, b, text, person, gender, frozenset(seen))]


def full_name(short: str, names: list[Name]) -> str:
    """The longest name in the article that ends with the same word as ``short``."""
    if not short.split():
        return short
    last = short.split()[-1]
    best = short
    for name in names:
        words = name.text.split()
        if (
            words
            and words[-1] == last
            and len(words) > len(best.split())
            and len(words) <= 4
        ):
            best = name.text
    return best


def resolve(doc: Doc, candidates: list[Candidate], lexicon: EnglishLexicon) -> None:
    """Fill ``speaker`` (and a borrowed ``source``) of each candidate, in text order."""
    names = name_mentions(doc, lexicon)
    genders = _genders(doc, names, lexicon)
    done: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: c.anchor):
        if candidate.source:
            source = candidate.source[0]
            word = normal(doc[source[0]].text) if source[1] - source[0] == 1 else ""
            if word in _RELATIVE:
                head = _relative_head(doc, source[0])
                if head is not None:
                    candidate.mention = head
                    candidate.speaker = _speakers_of(doc, head, names, lexicon)
            elif word in _MALE | _FEMALE | _PLURAL or word in ("i",):
                _resolve_pronoun(doc, candidate, word, done, names, genders)
            else:
                candidate.speaker = _speakers_of(doc, source, names, lexicon)
        elif candidate.antecedent is not None:
            antecedent = candidate.antecedent
            candidate.speaker = list(antecedent.speaker)
            candidate.source = list(
                antecedent.named_source(lambda r: _is_pronoun(doc, r))
            )
        done.append(candidate)


def _speakers_of(
    doc: Doc, source: Range, names: list[Name], lexicon: EnglishLexicon
) -> list[str]:
    """The names a source mentions (one per member of a coordination), or its words."""
    persons = [n for n in names if n.person]
    speakers = []
    for member in _members(doc, source):
        name = _head_name(member, names)
        if name is not None:
            speakers.append(full_name(name.text, persons))
    if speakers:
        return speakers
    for part in _comma_parts(doc, source)[1:]:
        name = _head_name(part, names)  # Mr. Lang's spokesman, Peter Osei
        if name is not None and name.person:
            return [full_name(name.text, persons)]
    described = _described(doc, source, names)
    if described is not None:
        return [full_name(described.text, persons)]
    plain = _plain(doc, _members(doc, source)[0])
    if len(plain.split()) == 1 and plain[:1].isupper():
        return [full_name(plain, persons)]
    return [plain]


def _comma_parts(doc: Doc, source: Range) -> list[Range]:
    a, b = source
    parts: list[Range] = []
    start = a
    for k in [*[k for k in range(a, b) if doc[k].text == ","], b]:
        if k > start:
            parts.append((start, k))
        start = k + 1
    return parts


#: Nouns of a definite description and the titles that name the same office.
_OFFICES = {
    "governor": frozenset({"gov.", "governor"}),
    "senator": frozenset({"sen.", "senator"}),
    "mayor": frozenset({"mayor"}),
    "president": frozenset({"president", "pres."}),
    "congressman": frozenset({"rep.", "representative", "congressman"}),
    "congresswoman": frozenset({"rep.", "representative", "congresswoman"}),
    "representative": frozenset({"rep.", "representative"}),
    "secretary": frozenset({"secretary"}),
    "judge": frozenset({"judge"}),
    "general": frozenset({"gen.", "general"}),
    "treasurer": frozenset({"treasurer"}),
    "chairman": frozenset({"chairman"}),
    "chairwoman": frozenset({"chairwoman"}),
    "speaker": frozenset({"speaker"}),
}


def _described(doc: Doc, source: Range, names: list[Name]) -> Name | None:
    """``the governor`` after ``Gov. Robert Lang``: the last person with that title."""
    a, b = g.strip_range(doc, source)
    if b - a != 2 or normal(doc[a].text) != "the":
        return None
    offices = _OFFICES.get(normal(doc[b - 1].text))
    if offices is None:
        return None
    for name in reversed(names):
        if name.end <= a and name.person and name.titles & offices:
            return name
    return None


def _members(doc: Doc, source: Range) -> list[Range]:
    """``Trump, Pence and Ryan`` → three; ``Len Burman, head of …`` → Len Burman.

    A list needs ``and``/``or`` and a name in every part; otherwise what follows
    the first comma is an apposition or a relative clause.
    """
    a, b = source
    commas = [k for k in range(a, b) if doc[k].text == ","]
    cuts = [k for k in range(a, b) if doc[k].text == "," or normal(doc[k].text) in _AND]
    parts = []
    start = a
    for k in [*cuts, b]:
        if k > start:
            parts.append((start, k))
        start = k + 1
    listed = any(normal(doc[k].text) in _AND for k in cuts) and all(
        g.is_proper(doc[p[1] - 1]) or normal(doc[p[0]].text) in _PRONOUN_WORDS
        for p in parts
    )
    if listed:
        return parts
    if commas:
        return [(a, commas[0])]
    return [source]


_AND = frozenset({"and", "&", "or"})
_PRONOUN_WORDS = frozenset({"he", "she", "they", "i", "we"})


def _head_name(member: Range, names: list[Name]) -> Name | None:
    """The name that ends the noun phrase: ``campaign manager Kellyanne Conway``.

    In ``a spokesman for Hillary Clinton`` or ``Clinton's campaign`` no name ends
    the phrase, and the source's own words are the speaker.
    """
    a, b = member
    for name in reversed(names):
        if a <= name.start and name.end == b:
            return name
    return None


def _plain(doc: Doc, source: Range) -> str:
    """The source without leading determiners: ``New York Post``."""
    a, b = g.strip_range(doc, source)
    while a < b - 1 and normal(doc[a].text) in ("the", "a", "an"):
        a += 1
    return doc[a:b].text if b > a else doc[source[0] : source[1]].text


def _relative_head(doc: Doc, k: int) -> Range | None:
    """``Trump, who …``: the noun phrase the relative pronoun at ``k`` refers to."""
    j = k
    if j > 0 and doc[j - 1].text == ",":
        j -= 1
    start = doc[k].sent.start
    return g.noun_phrase_before(doc, j, start)


def _genders(doc: Doc, names: list[Name], lexicon: EnglishLexicon) -> dict[str, str]:
    """Last name → gender, from the titles and first names the article uses."""
    genders: dict[str, str] = {}
    for name in names:
        if name.gender is not None and name.person:
            genders.setdefault(name.text.split()[-1], name.gender)
    return genders


def _gender_of(speaker: list[str], genders: dict[str, str]) -> str | None:
    if len(speaker) != 1:
        return None
    return genders.get(speaker[0].split()[-1])


def _resolve_pronoun(
    doc: Doc,
    candidate: Candidate,
    word: str,
    done: list[Candidate],
    names: list[Name],
    genders: dict[str, str],
) -> None:
    wanted = "male" if word in _MALE else "female" if word in _FEMALE else None
    plural = word in _PLURAL
    fallback: Candidate | None = None
    for previous in reversed(done):
        if not previous.speaker or previous.parent is not None:
            continue
        if candidate.anchor - previous.anchor > REACH:
            break
        if plural:
            candidate.speaker = list(previous.speaker)
            candidate.antecedent = previous
            return
        if len(previous.speaker) > 1 or not _person_speaker(previous, names):
            continue
        gender = _gender_of(previous.speaker, genders)
        if wanted is None or gender == wanted:
            candidate.speaker = list(previous.speaker)
            candidate.antecedent = previous
            return
        if gender is None and fallback is None:
            fallback = previous
    mention = _nearest_person(doc, candidate.source[0][0], names, wanted, genders)
    if mention is not None and (
        fallback is None or genders.get(mention.text.split()[-1]) == wanted
    ):
        candidate.mention = (mention.start, mention.end)
        candidate.speaker = [full_name(mention.text, names)]
    elif fallback is not None:
        candidate.speaker = list(fallback.speaker)
        candidate.antecedent = fallback
        if wanted is not None:  # "she" told us: the speaker is a woman
            genders.setdefault(fallback.speaker[0].split()[-1], wanted)


def _person_speaker(candidate: Candidate, names: list[Name]) -> bool:
    if not candidate.speaker:
        return False
    last = candidate.speaker[0].split()[-1]
    return any(n.person and n.text.split()[-1] == last for n in names)


def _nearest_person(
    doc: Doc, i: int, names: list[Name], wanted: str | None, genders: dict[str, str]
) -> Name | None:
    """The closest person named before token ``i``, in this sentence or the last two."""
    sent_start = doc[i].sent.start
    floor = sent_start
    for _ in range(2):
        if floor > 0:
            floor = doc[floor - 1].sent.start
    for name in reversed(names):
        if name.end > i or name.start < floor:
            continue
        if not name.person:
            continue
        gender = genders.get(name.text.split()[-1])
        if wanted is None or gender in (wanted, None):
            return name
    return None


def _is_pronoun(doc: Doc, source: Range) -> bool:
    a, b = source
    return b - a == 1 and normal(doc[a].text) in _MALE | _FEMALE | _PLURAL | _RELATIVE
