"""Setting sentence starts on a whole doc at once (both languages' splitters)."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc


def mark_sentence_starts(doc: Doc, starts: Collection[int]) -> None:
    """Make exactly the tokens at ``starts`` begin sentences, the others not.

    One array for the whole doc: setting ``Token.is_sent_start`` token by token
    checks the whole doc's annotation each time, quadratic on long texts.
    """
    marks = numpy.full((len(doc), 1), -1, dtype="int64")
    marks[sorted(starts), 0] = 1
    column: Any = marks.astype("uint64")  # thinc's Ints2d, as spaCy expects
    doc.from_array([SENT_START], column)
