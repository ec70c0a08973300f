"""Article text cut at span offsets, so each piece can carry its roles' colours.

The server splits the text; templates escape every piece (Jinja autoescape)
and the browser script only toggles classes. Article text never reaches
``innerHTML``.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

#: Which role colours a piece covered by several (the narrower roles win).
PRECEDENCE: Final = (
    "cue",
    "source",
    "addressee",
    "medium",
    "evidence",
    "topic",
    "message",
)
_RANK: Final = {role: rank for rank, role in enumerate(PRECEDENCE)}
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True, slots=True)
class Mark:
    """One span of one role of one statement (``key`` names the statement)."""

    key: str
    role: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of text covered by the same marks.

    ``marks`` are ``(key, role)`` pairs, narrowest span first; ``role`` is
    the colour shown; ``anchors`` the statements whose place in the text
    starts here; ``selected`` the role of the selected statement, if any.
    """

    text: str
    start: int
    marks: tuple[tuple[str, str], ...] = ()
    role: str | None = None
    anchors: tuple[str, ...] = ()
    selected: str | None = None

    @property
    def data(self) -> str:
        """The marks as the page's ``data-m`` attribute: ``key:role …``."""
        return " ".join(f"{key}:{role}" for key, role in self.marks)


@dataclass(frozen=True, slots=True)
class Paragraph:
    """The segments of one paragraph (paragraphs are split at blank lines)."""

    segments: tuple[Segment, ...]


def marks_of(key: str, statement: Mapping[str, Any]) -> list[Mark]:
    """The marks of a statement given as JSON (``Statement.to_dict()``)."""
    return [
        Mark(key, role, int(span["start"]), int(span["end"]))
        for role in PRECEDENCE
        for span in statement.get(role) or ()
        if int(span["end"]) > int(span["start"])
    ]


def anchor_of(statement: Mapping[str, Any]) -> int | None:
    """Where a statement stands in the text: its cue, else message, else any span."""
    for role in ("cue", "message", *PRECEDENCE):
        spans = statement.get(role) or ()
        if spans:
            return min(int(span["start"]) for span in spans)
    return None


def highlight(
    text: str,
    statements: Sequence[tuple[str, Mapping[str, Any]]],
    *,
    selected: str | None = None,
    offset: int = 0,
) -> list[Paragraph]:
    """The text as paragraphs of marked segments.

    ``text`` may be a passage that starts at character ``offset`` of the
    article the spans point into; segments keep article offsets.
    """
    begin, end = offset, offset + len(text)
    marks = [
        Mark(m.key, m.role, max(m.start, begin), min(m.end, end))
        for key, statement in statements
        for m in marks_of(key, statement)
        if m.start < end and m.end > begin
    ]
    anchors: dict[int, list[str]] = {}
    for key, statement in statements:
        at = anchor_of(statement)
        if at is not None and begin <= at < end:
            anchors.setdefault(at, []).append(key)
    paragraphs = []
    for p_start, p_end in _paragraphs(text):
        a, b = p_start + offset, p_end + offset
        inside = [m for m in marks if m.start < b and m.end > a]
        segments = _segments(text, a, b, inside, selected, offset)
        paragraphs.append(list(segments))
    _place_anchors(paragraphs, anchors)
    return [Paragraph(tuple(segments)) for segments in paragraphs]


def _paragraphs(text: str) -> Iterable[tuple[int, int]]:
    start = 0
    for match in _PARAGRAPH.finditer(text):
        if match.start() > start:
            yield start, match.start()
        start = match.end()
    if len(text) > start:
        yield start, len(text)


def _segments(
    text: str,
    begin: int,
    end: int,
    marks: list[Mark],
    selected: str | None,
    offset: int,
) -> Iterable[Segment]:
    cuts = {begin, end}
    for mark in marks:
        cuts.add(max(begin, mark.start))
        cuts.add(min(end, mark.end))
    points = sorted(cuts)
    pending = sorted(marks, key=lambda m: m.start)
    active: list[Mark] = []
    index = 0
    for left, right in itertools.pairwise(points):
        while index < len(pending) and pending[index].start <= left:
            active.append(pending[index])
            index += 1
        active = [m for m in active if m.end > left]
        here = [m for m in active if m.start <= left and m.end >= right]
        here.sort(key=lambda m: (m.end - m.start, _RANK[m.role]))
        pairs = tuple(dict.fromkeys((m.key, m.role) for m in here))
        role = min((m.role for m in here), key=_RANK.__getitem__, default=None)
        mine = [m.role for m in here if m.key == selected]
        chosen = min(mine, key=_RANK.__getitem__) if mine else None
        piece = text[left - offset : right - offset]
        yield Segment(piece, left, pairs, role, (), chosen)


def _place_anchors(
    paragraphs: list[list[Segment]], anchors: dict[int, list[str]]
) -> None:
    """Give each anchor to the segment holding its position (or the next one)."""
    places = [
        (p, i) for p, segments in enumerate(paragraphs) for i in range(len(segments))
    ]
    ends = [paragraphs[p][i].start + len(paragraphs[p][i].text) for p, i in places]
    for at in sorted(anchors):
        found = bisect.bisect_right(ends, at)
        if not places:
            return
        p, i = places[min(found, len(places) - 1)]
        segment = paragraphs[p][i]
        paragraphs[p][i] = dataclasses.replace(
            segment, anchors=(*segment.anchors, *anchors[at])
        )


def context_window(
    text: str, start: int, end: int, *, reach: int = 400
) -> tuple[int, int]:
    """A window around ``start:end`` that ends at paragraph or sentence breaks."""
    left = max(0, start - reach)
    para = text.rfind("\n\n", left, start)
    if para >= 0:
        left = para + 2
    else:
        stop = max(text.rfind(". ", left, start), text.rfind("\n", left, start))
        if stop >= 0 and left > 0:
            left = stop + 1
    right = min(len(text), end + reach)
    para = text.find("\n\n", end, right)
    if para >= 0:
        right = para
    else:
        stop = text.find(". ", end, right)
        if stop >= 0 and right < len(text):
            right = stop + 1
    while left < start and text[left].isspace():
        left += 1
    return left, max(right, end)
