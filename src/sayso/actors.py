"""Names of actors: titles split off, spellings folded, last names matched.

Pure functions, no database: :func:`parse_mention` splits a mention as written
(``US-Außenminister Marco Rubio``) into a role (``US-Außenminister``) and a name
(``Marco Rubio``); :func:`name_key` folds a name into a key that transliteration
variants share (``Selenskyj``, ``Selensky``, ``Zelensky``, ``Zelenskyy`` →
``selenski``; ``Wolodymyr`` and ``Volodymyr`` → ``volodimir``);
:func:`resolve_in_article` expands a bare last name to the full name the same
article gives. The store (``sayso.store``) builds actors on these.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

#: Longest name kept for an actor (characters); longer mentions are cut.
MAX_NAME_CHARS: Final = 200


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Quotation marks end a token (\u201a \u2018: German single quotes); an
# apostrophe inside a name stays (O'Brien), at its edges it is stripped.
_TOKEN = re.compile('[^\\s,;:()\\[\\]"\u201e\u201c\u201d\u00ab\u00bb\u201a\u2018]+')

#: Words that start a mention but are no part of a name: articles, honorifics.
_FILLERS: Final = _words(
    """der die das des dem den ein eine einer eines einem einen the a an
    herr herrn frau mr mr. mrs mrs. ms ms. sir dame"""
)
_HONORIFICS: Final = _words(
    "dr dr. prof prof. professor mag. ing. dipl. rev. hon. st. sen. rep. gen."
)

#: Role words (and endings of German compounds: ``Außenminister``,
#: ``Kremlsprecher``, ``Regierungschefin``).
_ROLE_ENDINGS: Final = tuple(
    sorted(
        _words(
            """minister ministerin präsident präsidentin president kanzler
    kanzlerin chef chefin sprecher sprecherin spokesman spokeswoman spokesperson
    botschafter
    botschafterin ambassador gesandte gesandter envoy senator senatorin
    abgeordnete abgeordneter vorsitzende vorsitzender chairman chairwoman chair
    general generalin berater beraterin adviser advisor beauftragte beauftragter
    sekretär sekretärin secretary direktor direktorin director leiter leiterin
    premier premierminister premierministerin führer führerin leader könig königin
    king queen papst pope bürgermeister bürgermeisterin mayor gouverneur
    gouverneurin governor kommissar kommissarin commissioner richter richterin
    judge anwalt anwältin lawyer attorney staatsanwalt staatsanwältin prosecutor
    experte expertin expert analyst analystin professorin forscher forscherin
    researcher kandidat kandidatin candidate politiker politikerin politician
    diplomat diplomatin offizier offizierin officer kommandeur kommandeurin
    commander oberbefehlshaber admiral marschall vizepräsident vizepräsidentin
    vice-president ceo cfo coo gründer gründerin founder manager managerin
    trainer trainerin coach kapitän captain bischof bischöfin bishop kardinal
    scheich emir prinz prinzessin prince princess autor autorin author
    journalist journalistin reporter reporterin korrespondent korrespondentin
    correspondent aktivist aktivistin activist ökonom ökonomin economist
    fraktionschef fraktionschefin parteichef parteichefin landrat landrätin
    staatssekretär staatssekretärin regierungssprecher regierungssprecherin
    ministerpräsident ministerpräsidentin bundespräsident bundespräsidentin
    oppositionsführer oppositionsführerin unterhändler unterhändlerin negotiator
    vermittler vermittlerin mediator agentur sender fernsehsender zeitung magazin"""
        )
    )
)
_ROLE_WORDS: Final = _words("us- of the for und and state staatschef staatschefin")
_WORDISH = re.compile(r"^[\w.'\u2019-]+$")
_GENITIVE: Final = frozenset({"des", "der", "of"})
#: Endings of words that name a report, not who made it.
_REPORTS: Final = (
    "angaben",
    "bericht",
    "berichte",
    "berichten",
    "informationen",
    "meldungen",
    "schätzungen",
    "ermittlungen",
    "umfrage",
    "studie",
)
#: Words (lower case) that make a mention not a name at all: pronouns.
_PRONOUNS: Final = _words(
    """er sie es ihm ihn ihr wir ich du man he she it they we i you him her them
    this that dieser diese dieses dies das jener jene ihrer seiner man jemand"""
)


@dataclass(frozen=True, slots=True)
class Mention:
    """A mention split into a role (possibly empty) and a name (possibly empty)."""

    role: str
    name: str


def clean_name(text: str) -> str:
    """``text`` in NFC, whitespace collapsed, cut to :data:`MAX_NAME_CHARS`."""
    text = unicodedata.normalize("NFC", text)
    text = " ".join(text.replace("\x00", "").split())
    return text[:MAX_NAME_CHARS].strip()


def is_role_word(token: str) -> bool:
    """Whether ``token`` is a title or role (``Außenminister``, ``US-Präsident``)."""
    word = token.casefold().strip(".-")
    if not word:
        return False
    if word in _ROLE_WORDS:
        return True
    head = word.rsplit("-", 1)[-1]
    return any(head.endswith(ending) for ending in _ROLE_ENDINGS)


def parse_mention(text: str) -> Mention:
    """Split a mention into role and name.

    The name is the run of capitalised tokens at the end that are neither
    titles nor fillers; what comes before it (less leading articles) is the
    role. A comma separates an apposition: ``Rubio, US-Außenminister`` and
    ``der Präsident der Ukraine, Selenskyj`` both split. A mention without a
    name is all role (``der Kremlsprecher``, ``ein Sprecher des Ministeriums``);
    a pronoun is neither.
    """
    text = clean_name(text)
    if "," in text:
        head, _, tail = text.rpartition(",")
        tail_tokens = _tokens(tail)
        if tail_tokens and any(is_role_word(t) for t in tail_tokens):
            first = _parse_tokens(_tokens(head))
            role = _join_role(tail_tokens)
            return Mention(f"{first.role} {role}".strip(), first.name)
        last = _parse_tokens(tail_tokens)
        if last.name and not last.role:
            return Mention(_join_role(_tokens(head)), last.name)
    return _parse_tokens(_tokens(text))


def _tokens(text: str) -> list[str]:
    """The words of a mention; markup and other debris (``<img``, ``a=b``) left out."""
    words = (t.strip("'\u2019") for t in _TOKEN.findall(text))
    return [t for t in words if _WORDISH.match(t) and not t.isdigit()]


def _parse_tokens(tokens: list[str]) -> Mention:
    if not tokens:
        return Mention("", "")
    if len(tokens) == 1 and tokens[0].casefold() in _PRONOUNS:
        return Mention("", "")
    index = len(tokens)
    while index > 0:
        token = tokens[index - 1]
        lowered = token.casefold()
        if (
            not token[:1].isupper()
            or is_role_word(token)
            or lowered in _FILLERS
            or lowered in _PRONOUNS
        ):
            break
        index -= 1
    name = [t for t in tokens[index:] if t.casefold() not in _HONORIFICS]
    if index > 0 and tokens[index - 1].casefold() in _GENITIVE and index > 1:
        # ``Sprecher des Ministeriums``: an organisation in the genitive, no name.
        return Mention(_join_role(tokens), "")
    return Mention(_join_role(tokens[:index]), " ".join(name))


def _join_role(tokens: list[str]) -> str:
    start = 0
    while start < len(tokens) and tokens[start].casefold() in _FILLERS:
        start += 1
    return " ".join(t for t in tokens[start:] if t.casefold() not in _HONORIFICS)


# Letters that Unicode does not decompose into a base letter and an accent.
_LETTERS: Final = str.maketrans(
    {"ß": "ss", "ø": "o", "æ": "ae", "œ": "oe", "ł": "l", "đ": "d", "ı": "i", "þ": "th"}
)
_DIGRAPHS: Final = (
    ("tsch", "ch"),
    ("sch", "sh"),
    ("kh", "h"),
    ("ph", "f"),
    ("th", "t"),
    ("ck", "k"),
    ("ts", "s"),
    ("tz", "s"),
    ("z", "s"),
    ("w", "v"),
    ("y", "i"),
    ("j", "i"),
    ("q", "k"),
    ("x", "ks"),
    ("ou", "u"),
)


@functools.lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """A word folded so transliteration variants meet (``Zelenskyy``: ``selenski``)."""
    text = unicodedata.normalize("NFKD", word.casefold().translate(_LETTERS))
    text = "".join(ch for ch in text if ch.isalnum())
    for old, new in _DIGRAPHS:
        text = text.replace(old, new)
    # Doubled letters and the ``ii`` of ``-yj``/``-ij``/``-yy`` collapse;
    # ``-off`` is the French and English spelling of ``-ov``/``-ow``.
    text = re.sub(r"(.)\1+", r"\1", text)
    return re.sub(r"(?<=[oe])f$", "v", text)


def _name_tokens(name: str) -> list[str]:
    tokens = [t for t in _tokens(clean_name(name)) if t.strip(".-")]
    # Initials (``J.``) and honorifics carry no identity.
    return [
        t
        for t in tokens
        if not (len(t.rstrip(".")) == 1 and len(tokens) > 1)
        and t.casefold() not in _HONORIFICS
    ]


@functools.lru_cache(maxsize=65536)
def name_key(name: str) -> str:
    """The key that spellings of one name share (tokens folded, joined by spaces)."""
    return " ".join(f for f in (fold(t) for t in _name_tokens(name)) if f)[
        :MAX_NAME_CHARS
    ]


@functools.lru_cache(maxsize=65536)
def last_key(name: str) -> str:
    """The folded last name (last token) of ``name``."""
    tokens = [f for f in (fold(t) for t in _name_tokens(name)) if f]
    return tokens[-1] if tokens else ""


def is_full_name(name: str) -> bool:
    """Whether ``name`` has a first and a last name (two or more tokens)."""
    return len(name_key(name).split()) >= 2


def speaker_name(speaker: str | None, source: str) -> str:
    """The name to file a statement under: the speaker, else the name in the source.

    Titles are stripped from either; a pronoun or an empty source gives ``""``.
    """
    if speaker and speaker.strip():
        parsed = parse_mention(speaker)
        if parsed.name:
            return _actor_name(parsed.name)
        # A bare role given as speaker (``Kremlsprecher``) is kept whole; words
        # that are no name at all (``die``, ``Dies``) give none.
        is_role = any(is_role_word(t) for t in parsed.role.split())
        return parsed.role if is_role else ""
    return _actor_name(parse_mention(source).name)


def _actor_name(name: str) -> str:
    """``name``, unless it names a report, not who made it (``Polizeiangaben``)."""
    tokens = name.split()
    if tokens and tokens[0].casefold().endswith(_REPORTS):
        return ""
    return name


def resolve_in_article(name: str, context: Iterable[str]) -> str:
    """A bare last name expanded to the full name that the article's ``context`` gives.

    ``context`` holds the other names read in the same article; ``Rubio``
    with ``Marco Rubio`` among them becomes ``Marco Rubio``. With no or
    several matching full names, ``name`` stays as it is.
    """
    return NameContext(context).expand(name)


class NameContext:
    """The full names one article gives, by last name, for :meth:`expand`."""

    def __init__(self, names: Iterable[str]) -> None:
        self._by_last: dict[str, dict[str, str]] = {}
        for full in sorted({clean_name(n) for n in names}, key=len, reverse=True):
            if is_full_name(full):
                keyed = self._by_last.setdefault(last_key(full), {})
                keyed.setdefault(name_key(full), full)

    def expand(self, name: str) -> str:
        """``name``, or the one full name in this article with its last name."""
        if is_full_name(name):
            return name
        matches = self._by_last.get(last_key(name), {})
        if len(matches) == 1:
            return next(iter(matches.values()))
        return name
