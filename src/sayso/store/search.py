"""Full-text queries: one small query language for FTS5 and PostgreSQL tsquery.

``sanctions Rubio`` finds statements with both words; ``"neue Sanktionen"`` a
phrase; ``sanktion*`` a prefix; ``-Kreml`` excludes; ``Kiew OR Kyiv`` either.
Only word characters reach the database engines' own query syntax, so no
input (quotes, brackets, SQL) can make a query fail or mean something else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from sayso.errors import ConfigError

_PART = re.compile(r'(-?)"([^"]*)"(\*?)|(\S+)')
_WORD = re.compile(r"\w+", re.UNICODE)
#: At most this many terms are used; the rest of a query is ignored.
MAX_TERMS: Final = 32


@dataclass(frozen=True, slots=True)
class Term:
    """Words to find next to each other; the last one may be a prefix."""

    words: tuple[str, ...]
    prefix: bool = False
    negated: bool = False


@dataclass(frozen=True, slots=True)
class TextQuery:
    """Groups ANDed together; the terms of a group are ORed."""

    groups: tuple[tuple[Term, ...], ...]
    excluded: tuple[Term, ...]


def parse_query(text: str) -> TextQuery:
    """Parse a user's query; a :class:`ConfigError` if it holds no word to find."""
    groups: list[list[Term]] = []
    excluded: list[Term] = []
    join_next = False
    count = 0
    for match in _PART.finditer(text):
        if count >= MAX_TERMS:
            break
        if match.group(4) is not None:
            raw = match.group(4)
            if raw == "OR":
                join_next = bool(groups)
                continue
            negated = raw.startswith("-") and len(raw) > 1
            prefix = raw.endswith("*")
            words = tuple(w.casefold() for w in _WORD.findall(raw))
        else:
            negated = match.group(1) == "-"
            prefix = match.group(3) == "*"
            words = tuple(w.casefold() for w in _WORD.findall(match.group(2)))
        if not words:
            continue
        count += 1
        term = Term(words, prefix, negated)
        if negated:
            excluded.append(term)
            join_next = False
        elif join_next and groups:
            groups[-1].append(term)
            join_next = False
        else:
            groups.append([term])
    if not groups:
        raise ConfigError(
            f"text query {text[:80]!r} has no word to search for; give at least "
            "one word that is not excluded"
        )
    return TextQuery(tuple(tuple(g) for g in groups), tuple(excluded))


def to_fts5(query: TextQuery) -> str:
    """The query in SQLite FTS5 syntax (every word quoted)."""

    def term(t: Term) -> str:
        return '"' + " ".join(t.words) + '"' + ("*" if t.prefix else "")

    positive = " AND ".join(
        "(" + " OR ".join(term(t) for t in group) + ")" for group in query.groups
    )
    out = f"({positive})"
    for t in query.excluded:
        out = f"({out} NOT {term(t)})"
    return out


def to_tsquery(query: TextQuery) -> str:
    """The query as a PostgreSQL ``to_tsquery('simple', …)`` argument."""

    def term(t: Term) -> str:
        lexemes = [f"'{w}'" for w in t.words]
        if t.prefix:
            lexemes[-1] += ":*"
        return "(" + " <-> ".join(lexemes) + ")"

    positive = " & ".join(
        "(" + " | ".join(term(t) for t in group) + ")" for group in query.groups
    )
    negative = "".join(f" & !{term(t)}" for t in query.excluded)
    return positive + negative
