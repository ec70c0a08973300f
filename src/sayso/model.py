"""The data model: articles, statements and the character spans they point at.

The words are those of ``ANNOTATION.md``: a *statement* has the roles *cue*,
*source*, *message*, *addressee*, *medium*, *topic* and *evidence*, each a list
of character spans into the article text; the *speaker* is the resolved name;
*kind*, *mode*, *hearsay*, *negated* and *parent* describe the act.

All classes are frozen, slotted dataclasses: cheap to pickle, hashable, and
serialisable to and from plain JSON with :meth:`to_dict` / :meth:`from_dict`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal, cast, get_args

from sayso.errors import SchemaError

Kind = Literal[
    "direct", "indirect", "reported", "continuation", "free_indirect", "headline"
]
Mode = Literal["speech", "writing", "thought"]
Role = Literal["cue", "source", "message", "addressee", "medium", "topic", "evidence"]

KINDS: Final[tuple[Kind, ...]] = get_args(Kind)
MODES: Final[tuple[Mode, ...]] = get_args(Mode)
ROLES: Final[tuple[Role, ...]] = get_args(Role)


@dataclass(frozen=True, slots=True, order=True)
class CharSpan:
    """Characters ``start`` to ``end`` (exclusive) of the article, and that text."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise SchemaError(f"span {self.start}..{self.end}: need 0 <= start <= end")
        if len(self.text) != self.end - self.start:
            raise SchemaError(
                f"span {self.start}..{self.end}: text {self.text!r} has "
                f"{len(self.text)} characters, expected {self.end - self.start}"
            )

    @classmethod
    def of(cls, text: str, start: int, end: int) -> CharSpan:
        """The span ``start:end`` of ``text``."""
        if not 0 <= start <= end <= len(text):
            raise SchemaError(f"span {start}..{end} lies outside a text of {len(text)}")
        return cls(start, end, text[start:end])

    def shifted(self, offset: int) -> CharSpan:
        """The same span, ``offset`` characters further on."""
        return CharSpan(self.start + offset, self.end + offset, self.text)

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(
        cls, data: Mapping[str, Any] | Sequence[Any], text: str | None = None
    ) -> CharSpan:
        """Read ``{"start", "end", "text"}``, or ``[start, end]`` with ``text``."""
        if isinstance(data, Mapping):
            start, end = int(data["start"]), int(data["end"])
            if "text" in data:
                return cls(start, end, str(data["text"]))
        else:
            start, end = int(data[0]), int(data[1])
        if text is None:
            raise SchemaError(
                f"span {start}..{end} carries no text and no article text was given"
            )
        return cls.of(text, start, end)


@dataclass(frozen=True, slots=True)
class Producer:
    """Which rule or model made a statement, and its version (``rules.verb@0.1``)."""

    name: str
    version: str

    def __str__(self) -> str:
        return f"{self.name}@{self.version}"

    @classmethod
    def parse(cls, value: str | Mapping[str, Any]) -> Producer:
        if isinstance(value, Mapping):
            return cls(str(value["name"]), str(value["version"]))
        name, _, version = value.partition("@")
        return cls(name, version)


Spans = tuple[CharSpan, ...]


@dataclass(frozen=True, slots=True)
class Statement:
    """One reported act of speech, writing or thought (see ``ANNOTATION.md``)."""

    id: str
    kind: Kind
    cue: Spans = ()
    source: Spans = ()
    message: Spans = ()
    addressee: Spans = ()
    medium: Spans = ()
    topic: Spans = ()
    evidence: Spans = ()
    speaker: str | tuple[str, ...] | None = None
    mode: Mode | None = None
    hearsay: bool = False
    negated: bool = False
    parent: str | None = None
    date: dt.date | None = None
    confidence: float = 1.0
    producer: Producer = field(default_factory=lambda: Producer("unknown", "0"))

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise SchemaError(
                f"statement {self.id}: kind {self.kind!r} is not one of {KINDS}"
            )
        if self.mode is not None and self.mode not in MODES:
            raise SchemaError(
                f"statement {self.id}: mode {self.mode!r} is not one of {MODES}"
            )
        if not 0.0 <= self.confidence <= 1.0:
            raise SchemaError(
                f"statement {self.id}: confidence {self.confidence} not in [0, 1]"
            )

    def spans(self, role: Role) -> Spans:
        """The spans of one role."""
        return cast(Spans, getattr(self, role))

    @property
    def speakers(self) -> tuple[str, ...]:
        """The resolved speaker names as a tuple (empty when unresolved)."""
        if self.speaker is None:
            return ()
        if isinstance(self.speaker, str):
            return (self.speaker,)
        return self.speaker

    @property
    def extent(self) -> tuple[int, int] | None:
        """First and last character covered by any role, or None without spans."""
        all_spans = [s for role in ROLES for s in self.spans(role)]
        if not all_spans:
            return None
        return min(s.start for s in all_spans), max(s.end for s in all_spans)

    def shifted(self, offset: int) -> Statement:
        """The statement with every span moved ``offset`` characters on."""
        moved = {
            role: tuple(s.shifted(offset) for s in self.spans(role)) for role in ROLES
        }
        return replace(self, **moved)  # type: ignore[arg-type]  # keys are the role fields

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON: the prediction format of ``eval/score.py``, plus our fields."""
        out: dict[str, Any] = {"id": self.id, "kind": self.kind}
        for role in ROLES:
            out[role] = [s.to_dict() for s in self.spans(role)]
        speaker: str | list[str] | None = (
            list(self.speaker) if isinstance(self.speaker, tuple) else self.speaker
        )
        out.update(
            speaker=speaker,
            mode=self.mode,
            hearsay=self.hearsay,
            negated=self.negated,
            parent=self.parent,
            date=self.date.isoformat() if self.date else None,
            confidence=round(self.confidence, 4),
            producer={"name": self.producer.name, "version": self.producer.version},
        )
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], text: str | None = None) -> Statement:
        """Read :meth:`to_dict` output; ``text`` fills spans given as pairs."""
        try:
            roles = {
                role: tuple(CharSpan.from_dict(s, text) for s in data.get(role) or ())
                for role in ROLES
            }
            speaker = data.get("speaker")
            if isinstance(speaker, list):
                speaker = tuple(str(s) for s in speaker)
            producer = data.get("producer")
            return cls(
                id=str(data["id"]),
                kind=data["kind"],
                speaker=speaker,
                mode=data.get("mode"),
                hearsay=bool(data.get("hearsay", False)),
                negated=bool(data.get("negated", False)),
                parent=None if data.get("parent") is None else str(data["parent"]),
                date=parse_date(data["date"]) if data.get("date") else None,
                confidence=float(data.get("confidence", 1.0)),
                producer=Producer.parse(producer)
                if producer
                else Producer("unknown", "0"),
                **roles,
            )
        except (KeyError, TypeError, ValueError) as err:
            raise SchemaError(
                f"not a statement: {err!r} in {dict(data)!r:.200}"
            ) from err


@dataclass(frozen=True, slots=True)
class Article:
    """A text to read, with what is known about where it comes from."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    language: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "title": self.title,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "language": self.language,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Article:
        try:
            published = data.get("published")
            return cls(
                id=str(data["id"]),
                text=str(data["text"]),
                title=_opt_str(data.get("title")),
                url=_opt_str(data.get("url")),
                outlet=_opt_str(data.get("outlet")),
                published=parse_date(published) if published else None,
                language=_opt_str(data.get("language") or data.get("lang")),
            )
        except KeyError as err:
            raise SchemaError(f"an article needs the field {err.args[0]!r}") from err


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be read or processed, and why; the run goes on."""

    name: str
    error: str
    message: str

    def __str__(self) -> str:
        return f"{self.name}: {self.message}"


@dataclass(frozen=True, slots=True)
class Extraction:
    """One article and the statements read from it: one line of ``--format jsonl``."""

    article: Article
    statements: tuple[Statement, ...]

    def to_dict(self) -> dict[str, Any]:
        meta = self.article.to_dict()
        del meta["text"]
        return {
            "id": self.article.id,
            "statements": [s.to_dict() for s in self.statements],
            "article": meta,
        }


def parse_date(value: str | dt.date) -> dt.date:
    """``YYYY-MM-DD`` (or an ISO timestamp) as a date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError as err:
        raise SchemaError(f"date {value!r} is not of the form YYYY-MM-DD") from err


def _opt_str(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def json_schema() -> dict[str, Any]:
    """The JSON schema of one extraction (a line of ``sayso extract``'s jsonl)."""
    import json
    from importlib import resources

    text = (resources.files("sayso") / "extraction.schema.json").read_text(
        encoding="utf-8"
    )
    return cast(dict[str, Any], json.loads(text))


def statements_in_order(statements: Iterable[Statement]) -> list[Statement]:
    """Statements sorted by where they start (statements without spans last)."""
    return sorted(statements, key=lambda s: s.extent or (1 << 62, 0))
