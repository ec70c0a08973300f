"""The ``sayso_names`` component: person names the NER missed or cut, by rule.

Speakers are found through PER entities, and the statistical NER (trained on a
quarter of GermEval's original training data) misses or mislabels many names it
has not seen. A known first name (``data/first-names.txt``, written for sayso)
followed by tokens the tagger takes for proper nouns is a person:

- *Marco Rubio*, *Franz von Papen*, *H. Carstens* (initials), *Jean-Luc Picard*;
- where no entity overlaps it, the name becomes a PER entity;
- where the NER found part of it as PER (*Strack* of *Günter Strack*), or put a
  title before it into another type (*Landesvater Jürgen Rüttgers* as ORG), the
  name replaces that entity;
- where the NER took the name as the start or part of a longer organisation or
  place (*Konrad Adenauer Stiftung*, *Viktoria Köln*), it stays as it is.

A surname that a PER entity of the same doc already gave (*Jonas Keller* …
*schrieb Keller*) is that person again where the NER left it without an entity.
A first name alone is left to the NER (*Emma* is also a magazine). A capitalised
word of a PER entity that the tagger took for a common noun (*Merz* as NN) becomes
a proper noun (``PROPN``, ``NE``). Measured on
held-out GermEval sentences before it was shipped (see ``docs/language.md``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from pathlib import Path

from spacy.attrs import ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

FIRST_NAMES_FILE = Path(__file__).resolve().parent / "data" / "first-names.txt"

#: Lower-case name particles that may stand between first and last name.
_PARTICLES = frozenset({"von", "van", "de", "di", "da", "del", "der", "zu", "ten"})
_NAME_POS = frozenset({"PROPN", "X"})
_MAX_TOKENS = 4


#: Titles and roles that stand before a surname (*Außenminister Rubio*, *Trainer
#: Halbach*); a word ending in one of them counts (*US-Außenministerin*).
def _words(text: str) -> list[str]:
    return text.split()


_TITLE_ENDINGS = tuple(
    _words(
        """
    minister ministerin präsident präsidentin kanzler kanzlerin sprecher sprecherin
    chef chefin trainer trainerin bürgermeister bürgermeisterin abgeordnete
    abgeordneter vorsitzende vorsitzender direktor direktorin senator senatorin
    gouverneur gouverneurin botschafter botschafterin richter richterin anwalt
    anwältin professor professorin sänger sängerin schauspieler schauspielerin
    autor autorin regisseur regisseurin kapitän stürmer torwart papst könig königin
    prinz prinzessin herzog herzogin kaiser kaiserin kommissar kommissarin leiter
    leiterin manager managerin gründer gründerin sekretär sekretärin bischof
    pfarrer landrat landrätin staatssekretär staatssekretärin
    """
    )
)
_TITLE_WORDS = frozenset({"Herr", "Herrn", "Frau", "Dr.", "Prof.", "Graf", "Gräfin"})


@functools.cache
def first_names() -> frozenset[str]:
    """The first names of ``data/first-names.txt``."""
    names: set[str] = set()
    for line in FIRST_NAMES_FILE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            names.update(line.split())
    return frozenset(names)


def _initial(token: Token) -> bool:
    text = token.text
    return len(text) == 2 and text[0].isupper() and text[1] == "."


def _surname(token: Token) -> bool:
    text = token.text
    if not text[:1].isupper() or text.isupper() or not text.replace("-", "").isalpha():
        return False
    return token.pos_ in _NAME_POS


def name_end(doc: Doc, start: int, names: frozenset[str]) -> int | None:
    """The end of a person name that begins with a first name at ``start``."""
    if doc[start].text not in names:
        return None
    end = start + 1
    last = None
    while end < len(doc) and end - start <= _MAX_TOKENS:
        token = doc[end]
        if _surname(token) or (_initial(token) and end == start + 1):
            end += 1
            last = end
        elif token.text in names:
            end += 1  # a second first name (Anna Lena Schmidt)
        elif token.text in _PARTICLES and end + 1 < len(doc):
            end += 1
        else:
            break
    return last


def _title(token: Token) -> bool:
    if token.text in _TITLE_WORDS:
        return True
    lower = token.lower_
    return token.text[:1].isupper() and lower.endswith(_TITLE_ENDINGS)


def titled_end(doc: Doc, start: int) -> int | None:
    """The end of a surname (with first names) after a title at ``start - 1``."""
    if start == 0 or not _title(doc[start - 1]) or not _surname(doc[start]):
        return None
    end = start + 1
    while end < len(doc) and end - start < _MAX_TOKENS and _surname(doc[end]):
        end += 1
    return end


class Names:
    """Add or repair PER entities from first names, after the statistical NER."""

    def __init__(self, *, titles: bool = True) -> None:
        self.names = first_names()
        self.name_ids = frozenset(get_string_id(name) for name in self.names)
        self.titles = titles
        #: orth id -> whether the word is a title (cached per vocabulary entry)
        self._titles: dict[int, bool] = {}

    def _is_title(self, doc: Doc, orth: int) -> bool:
        title = self._titles.get(orth)
        if title is None:
            if len(self._titles) > 200_000:
                self._titles.clear()
            text = doc.vocab.strings[orth]
            title = self._titles[orth] = text in _TITLE_WORDS or (
                text[:1].isupper() and text.lower().endswith(_TITLE_ENDINGS)
            )
        return title

    def __call__(self, doc: Doc) -> Doc:
        if not doc.has_annotation("TAG") and not doc.has_annotation("POS"):
            return doc
        orths = doc.to_array(ORTH).tolist()
        ents = list(doc.ents)
        changed = False
        i = 0
        while i < len(doc):
            end = None
            if orths[i] in self.name_ids:
                end = name_end(doc, i, self.names)
            elif self.titles and i > 0 and self._is_title(doc, orths[i - 1]):
                end = titled_end(doc, i)
            if end is None:
                i += 1
                continue
            merged = _merge(doc, ents, i, end)
            if merged is not None:
                ents = merged
                changed = True
            i = end
        surnames = {e[-1].text for e in ents if e.label_ == "PER" and len(e) > 1}
        if surnames:
            covered = {i for e in ents for i in range(e.start, e.end)}
            for token in doc:
                if (
                    token.text in surnames
                    and token.i not in covered
                    and token.pos_ in _NAME_POS
                ):
                    ents.append(Span(doc, token.i, token.i + 1, label="PER"))
                    changed = True
        if changed:
            doc.ents = sorted(ents, key=lambda e: e.start)
        for ent in doc.ents:
            if ent.label_ == "PER":
                for token in ent:
                    if token.pos_ == "NOUN" and token.text[:1].isupper():
                        token.pos_ = "PROPN"  # a name, not a common noun
                        token.tag_ = "NE"
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)


def _merge(doc: Doc, ents: list[Span], start: int, end: int) -> list[Span] | None:
    """The entities with the name ``start:end`` as PER, or ``None`` to leave them."""
    overlapping = [e for e in ents if e.start < end and start < e.end]
    for ent in overlapping:
        if ent.label_ == "PER" and ent.start == start and ent.end == end:
            return None
        if ent.label_ != "PER" and (ent.end > end or ent.start == start):
            return None  # the name starts or sits inside an organisation or place
        if ent.label_ != "PER" and ent.end < end:
            return None  # partly covered by another type: leave it to the NER
        if ent.label_ == "PER" and (ent.start < start or ent.end > end):
            return None  # the NER's person is longer (a title, a nickname)
    kept = [e for e in ents if e not in overlapping]
    return [*kept, Span(doc, start, end, label="PER")]


@Language.factory(
    "sayso_names",
    requires=["token.pos", "doc.ents"],
    assigns=["doc.ents", "token.pos", "token.tag"],
)
def make_names(nlp: Language, name: str) -> Names:
    """Factory of the ``sayso_names`` component (no settings)."""
    return Names()
