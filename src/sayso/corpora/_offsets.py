"""Map character spans to the tokens they overlap, in O(log n) per span."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence


class TokenIndex:
    """Sorted, non-overlapping token offsets; which tokens does a span touch?

    A token belongs to a span when they overlap: ``token.start < span.end`` and
    ``token.end > span.start`` (an empty span touches the token strictly
    around it). That is the rule of ``eval/score.py`` and of both corpora's
    own scorers once predictions are mapped to tokens.
    """

    __slots__ = ("_ends", "_starts")

    def __init__(self, offsets: Iterable[tuple[int, int]]) -> None:
        pairs = list(offsets)
        self._starts = [s for s, _ in pairs]
        self._ends = [e for _, e in pairs]

    def __len__(self) -> int:
        return len(self._starts)

    def overlapping(self, start: int, end: int) -> range:
        """Indices of the tokens that overlap ``start:end``."""
        first = bisect_right(self._ends, start)
        last = bisect_left(self._starts, end)
        return range(first, max(first, last))

    def tokens(self, spans: Iterable[tuple[int, int]]) -> frozenset[int]:
        """The set of token indices that overlap any of ``spans``."""
        out: set[int] = set()
        for start, end in spans:
            out.update(self.overlapping(start, end))
        return frozenset(out)


def runs(indices: Sequence[int]) -> list[tuple[int, int]]:
    """Maximal runs of consecutive integers as ``(first, last)`` pairs, in order."""
    out: list[tuple[int, int]] = []
    for index in sorted(set(indices)):
        if out and index == out[-1][1] + 1:
            out[-1] = (out[-1][0], index)
        else:
            out.append((index, index))
    return out
