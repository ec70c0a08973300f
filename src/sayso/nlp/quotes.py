"""Quotations: where a text quotes someone word for word.

:func:`find_quotes` scans the characters of a text for quotation marks of every
style news uses (``„…“``, ``“…”``, ``»…«``, ``«…»``, ``"…"``, ``‚…‘``, ``‹…›``,
``'…'``) and pairs them with a stack, so quotes may nest. Marks that cannot
open or close in their context (an apostrophe in ``geht’s``, a stray ``"``)
are skipped. A quote that is still open at a paragraph break continues when
the next paragraph opens with a mark of the same family (the typographic
convention for quotes over several paragraphs); otherwise it ends at the
paragraph break and is marked ``closed=False``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

# family, can open, can close, the marks it may close
_DOUBLE: Final = "double"
_SINGLE: Final = "single"


@dataclass(frozen=True, slots=True)
class _Mark:
    family: str
    opens: bool
    closes: bool
    closes_after: frozenset[str]  # opening marks this one can close


_MARKS: Final[dict[str, _Mark]] = {
    "„": _Mark(_DOUBLE, True, False, frozenset()),
    "“": _Mark(_DOUBLE, True, True, frozenset("„“")),  # German close, English open
    "”": _Mark(_DOUBLE, True, True, frozenset("„“”")),  # English close, Swedish both
    '"': _Mark(_DOUBLE, True, True, frozenset('"„“')),
    "»": _Mark(_DOUBLE, True, True, frozenset("«")),
    "«": _Mark(_DOUBLE, True, True, frozenset("»")),
    "‚": _Mark(_SINGLE, True, False, frozenset()),
    "‘": _Mark(_SINGLE, True, True, frozenset("‚‘")),
    "’": _Mark(_SINGLE, False, True, frozenset("‘‚’'")),
    "'": _Mark(_SINGLE, True, True, frozenset("'‚‘")),
    "›": _Mark(_SINGLE, True, True, frozenset("‹")),
    "‹": _Mark(_SINGLE, True, True, frozenset("›")),
}

QUOTE_MARKS: Final[frozenset[str]] = frozenset(_MARKS)


@dataclass(frozen=True, slots=True)
class Quote:
    """Characters ``start`` to ``end`` are quoted, between ``open_at`` and ``close_at``.

    ``close_at`` is ``None`` for a quote that is never closed; ``depth`` is 0 for
    an outer quote, 1 for a quote inside a quote, and so on.
    """

    start: int
    end: int
    open_at: int
    close_at: int | None
    depth: int

    @property
    def closed(self) -> bool:
        return self.close_at is not None

    @property
    def outer_start(self) -> int:
        """First character including the opening mark."""
        return self.open_at

    @property
    def outer_end(self) -> int:
        """Last character (exclusive) including the closing mark, if any."""
        return self.close_at + 1 if self.close_at is not None else self.end


def _can_open(text: str, i: int, mark: _Mark) -> bool:
    if not mark.opens:
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if after.isspace():
        return False
    ch = text[i]
    if ch in "'’‘" and before.isalnum():
        return False  # an apostrophe: geht's, Peter's
    # An opening mark follows space, a bracket, a dash, another mark, a colon or slash.
    return before.isspace() or before in "([{—–-/:;,.!?" or before in QUOTE_MARKS


def _can_close(text: str, i: int, mark: _Mark) -> bool:
    if not mark.closes:
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    ch = text[i]
    if ch in "'’" and after.isalpha() and before.isalpha():
        return False  # an apostrophe inside a word
    if before.isspace() and ch in "\"'":
        return False  # a straight mark after a space opens
    return not (after.isalnum() and ch in "\"'")


def find_quotes(text: str) -> list[Quote]:
    """All quotations in ``text``, sorted by start (outer quotes before inner ones)."""
    quotes: list[Quote] = []
    stack: list[tuple[str, int]] = []  # (opening mark, its offset)
    i = 0
    n = len(text)
    while i < n:
        ch = text[i]
        if ch == "\n":
            i = _paragraph_end(text, i, stack, quotes) if stack else i + 1
            continue
        mark = _MARKS.get(ch)
        if (
            mark is not None
            and not _close(text, i, mark, stack, quotes)
            and _can_open(text, i, mark)
        ):
            stack.append((ch, i))
        i += 1
    _unclosed(stack, n, quotes)
    quotes = [q for q in quotes if q.end > q.start]
    quotes.sort(key=lambda q: (q.start, -q.end))
    return quotes


def _close(
    text: str, i: int, mark: _Mark, stack: list[tuple[str, int]], quotes: list[Quote]
) -> bool:
    """Close the innermost open quote that the mark at ``i`` can close, if any.

    Searching down the stack lets a missing inner closing mark end at the outer
    one instead of swallowing the rest of the text.
    """
    if not stack or not _can_close(text, i, mark):
        return False
    for level in range(len(stack) - 1, -1, -1):
        opener, at = stack[level]
        if opener in mark.closes_after and _MARKS[opener].family == mark.family:
            _unclosed(stack[level + 1 :], i, quotes, first_level=level + 1)
            del stack[level:]
            quotes.append(Quote(at + 1, i, at, i, level))
            return True
    return False


def _unclosed(
    stack: list[tuple[str, int]], end: int, quotes: list[Quote], *, first_level: int = 0
) -> None:
    """Record the quotes still open on ``stack`` as running up to ``end``.

    Single marks left open are dropped: far more often than an unclosed quote
    they are apostrophes or stray marks.
    """
    for level, (opener, at) in enumerate(stack, start=first_level):
        if _MARKS[opener].family == _DOUBLE:
            quotes.append(Quote(at + 1, max(end, at + 1), at, None, level))


def _paragraph_end(
    text: str, i: int, stack: list[tuple[str, int]], quotes: list[Quote]
) -> int:
    """At a newline with quotes open: continue or end them; the offset to go on from.

    A single open quote continues when the next paragraph opens with a mark of
    the same family and closes it somewhere in that paragraph; the reopening
    mark is then part of the running quote.
    """
    j = i
    while j < len(text) and text[j].isspace():
        j += 1
    if len(stack) == 1 and j < len(text):
        opener = stack[0][0]
        mark = _MARKS.get(text[j])
        if (
            mark is not None
            and mark.opens
            and mark.family == _MARKS[opener].family
            and _closes_later(text, j, opener)
        ):
            return j + 1
    end = i
    while end > 0 and text[end - 1].isspace():
        end -= 1
    _unclosed(stack, end, quotes)
    stack.clear()
    return i + 1


def _closes_later(text: str, j: int, opener: str) -> bool:
    """Whether the paragraph from ``j`` holds a mark that can close ``opener``."""
    end = text.find("\n", j)
    end = len(text) if end < 0 else end
    for k in range(j + 1, end):
        mark = _MARKS.get(text[k])
        if (
            mark is not None
            and opener in mark.closes_after
            and _can_close(text, k, mark)
        ):
            return True
    return False
