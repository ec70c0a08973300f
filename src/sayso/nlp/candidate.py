"""The working record of a statement while the rules build it, in token ranges.

Rules fill a :class:`Candidate` step by step (cue, then roles, then speaker and
nesting); :func:`to_record` turns it into the plain record with character
offsets that the ``sayso_attribution`` component stores on the doc.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc

from sayso.model import ROLES
from sayso.nlp.grammar import Range

RULES_VERSION = "0.1"


@dataclass(slots=True, eq=False)
class Candidate:
    """A statement under construction; ranges are half-open token index pairs."""

    kind: str
    rule: str
    cue: list[Range] = field(default_factory=list)
    source: list[Range] = field(default_factory=list)
    message: list[Range] = field(default_factory=list)
    addressee: list[Range] = field(default_factory=list)
    medium: list[Range] = field(default_factory=list)
    topic: list[Range] = field(default_factory=list)
    evidence: list[Range] = field(default_factory=list)
    mode: str | None = None
    hearsay: bool = False
    negated: bool = False
    confidence: float = 0.8
    speaker: list[str] = field(default_factory=list)
    parent: Candidate | None = None
    #: the statement whose speaker this one continues (continuations, pronouns)
    antecedent: Candidate | None = None
    #: for a pronoun source: the earlier mention that names the speaker
    mention: Range | None = None
    #: the token whose clause holds the cue (or the message start), for ordering
    anchor: int = 0
    lemma: str = ""
    #: the version of the model that made it (rules carry RULES_VERSION)
    version: str = ""

    def tokens(self, role: str) -> set[int]:
        ranges: list[Range] = getattr(self, role)
        return {i for a, b in ranges for i in range(a, b)}

    @property
    def message_range(self) -> Range | None:
        if not self.message:
            return None
        return min(a for a, _ in self.message), max(b for _, b in self.message)

    def named_source(self, is_pronoun: Callable[[Range], bool]) -> list[Range]:
        """The source mention naming the speaker: through pronouns to their
        antecedent (``is_pronoun`` is the language's test of a source)."""
        candidate = self
        seen = 0
        while (
            candidate.antecedent is not None
            and seen < 10
            and (not candidate.source or is_pronoun(candidate.source[0]))
        ):
            candidate = candidate.antecedent
            seen += 1
        if candidate.mention is not None and (
            not candidate.source or is_pronoun(candidate.source[0])
        ):
            return [candidate.mention]
        return candidate.source


def _chars(doc: Doc, ranges: list[Range]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for a, b in sorted(set(ranges)):
        if b <= a:
            continue
        start = doc[a].idx
        end = doc[b - 1].idx + len(doc[b - 1].text)
        if (
            out
            and start <= out[-1][1] + 1
            and doc.text[out[-1][1] : start].strip() == ""
        ):
            out[-1] = (out[-1][0], end)  # adjacent tokens: one span
        else:
            out.append((start, end))
    return out


def merge_ranges(ranges: list[Range]) -> list[Range]:
    """Sorted, with overlapping or touching ranges joined."""
    out: list[Range] = []
    for a, b in sorted(r for r in ranges if r[1] > r[0]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def to_record(
    doc: Doc, candidate: Candidate, ident: str, parent: str | None
) -> dict[str, Any]:
    """The plain record (character offsets) stored in ``doc.user_data``."""
    record: dict[str, Any] = {"id": ident, "kind": candidate.kind}
    for role in ROLES:
        ranges = getattr(candidate, role)
        if role == "cue":  # a separated particle stays a span of its own
            record[role] = [c for r in sorted(set(ranges)) for c in _chars(doc, [r])]
        else:
            record[role] = _chars(doc, merge_ranges(ranges))
    speakers = list(dict.fromkeys(candidate.speaker))
    record["speaker"] = speakers[0] if len(speakers) == 1 else (speakers or None)
    record["mode"] = candidate.mode
    record["hearsay"] = candidate.hearsay
    record["negated"] = candidate.negated
    record["parent"] = parent
    record["confidence"] = candidate.confidence
    if candidate.rule.startswith("model"):
        record["producer"] = f"{candidate.rule}@{candidate.version or RULES_VERSION}"
    else:
        record["producer"] = f"rules.{candidate.rule}@{RULES_VERSION}"
    return record
