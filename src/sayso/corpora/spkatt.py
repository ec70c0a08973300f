"""Read SpkAtt-2023 task 1 (``data/spkatt-2023-task1``): Bundestag speeches.

Rehbein et al., KONVENS 2023 shared task on speaker attribution, task 1; the
same corpus as GePaDe-SpkAtt (LREC-COLING 2024); CC BY-SA 4.0. One JSON file
per speech in the official format: ``Sentences`` (``SentenceId``,
``Tokens``) and document-level ``Annotations``, one per speech event, whose
roles ``Cue``, ``PTC``, ``Source``, ``Message``, ``Addr``, ``Topic``,
``Medium``, ``Evidence`` are lists of ``"<SentenceId>:<token index>"``.

Each file becomes a :class:`SpkAttSpeech` with a text built from the tokens
(tokens joined by single spaces, one sentence per line), every token's
character offsets in it, the sentence boundaries, and one
:class:`SpkAttEvent` per annotation with each role as document-level token
ids (in the order the file lists them: the first cue token is the head, the
token GePaDe keys the event by) and as character spans (runs of consecutive
tokens, across sentence breaks too, so cross-sentence roles are kept).

Our roles map to the corpus's: cue -> Cue (a separated verb particle or
reflexive of the cue is PTC), source -> Source, message -> Message,
addressee -> Addr, topic -> Topic, medium -> Medium, evidence -> Evidence.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Final, NamedTuple

from sayso.corpora._offsets import TokenIndex, runs
from sayso.errors import InputError
from sayso.model import Article, CharSpan, Kind, Producer, Statement

#: The corpus's role names, cue first.
SPKATT_ROLES: Final[tuple[str, ...]] = (
    "Cue",
    "PTC",
    "Source",
    "Message",
    "Addr",
    "Topic",
    "Medium",
    "Evidence",
)
#: Our role for each corpus role (PTC is part of our cue, as its second span).
ROLE_TO_OURS: Final[Mapping[str, str]] = {
    "Cue": "cue",
    "PTC": "cue",
    "Source": "source",
    "Message": "message",
    "Addr": "addressee",
    "Topic": "topic",
    "Medium": "medium",
    "Evidence": "evidence",
}
_PRODUCER = Producer("corpus.spkatt_2023", "2023")


class SpkAttToken(NamedTuple):
    """A token: document-level id, sentence, position in it, ``start:end``."""

    id: int
    sentence: int
    position: int
    start: int
    end: int
    text: str

    @property
    def ref(self) -> str:
        """The corpus's reference ``"<SentenceId>:<token index>"``."""
        return f"{self.sentence}:{self.position}"


@dataclass(frozen=True, slots=True)
class SpkAttSentence:
    """A sentence, one line of the text: characters and tokens (end exclusive)."""

    id: int
    start: int
    end: int
    first_token: int
    end_token: int


@dataclass(frozen=True, slots=True)
class SpkAttEvent:
    """One annotated speech event: each role as token ids and as character spans."""

    index: int
    roles: Mapping[str, tuple[int, ...]]
    spans: Mapping[str, tuple[CharSpan, ...]]

    def tokens(self, role: str) -> tuple[int, ...]:
        """Token ids of a corpus role, in the order the file lists them."""
        return self.roles.get(role, ())

    @property
    def cue_head(self) -> int | None:
        """The first listed cue token (GePaDe's key for the event); None without."""
        cue = self.roles.get("Cue", ())
        return cue[0] if cue else None

    def to_statement(
        self, *, kind: Kind = "indirect", statement_id: str | None = None
    ) -> Statement:
        """This event as a :class:`Statement` (the corpus has no kinds: pass one)."""
        ours: dict[str, list[CharSpan]] = {}
        for role in SPKATT_ROLES:
            ours.setdefault(ROLE_TO_OURS[role], []).extend(self.spans.get(role, ()))
        return Statement(
            id=statement_id or f"e{self.index}",
            kind=kind,
            producer=_PRODUCER,
            **{role: tuple(spans) for role, spans in ours.items()},  # type: ignore[arg-type]  # role fields
        )


@dataclass(frozen=True, slots=True)
class SpkAttSpeech:
    """One speech: the text built from its tokens, its sentences and events."""

    id: str
    text: str
    tokens: tuple[SpkAttToken, ...]
    sentences: tuple[SpkAttSentence, ...]
    events: tuple[SpkAttEvent, ...]
    _index: TokenIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_index", TokenIndex((t.start, t.end) for t in self.tokens)
        )

    def token_ids(
        self, spans: Sequence[CharSpan] | Sequence[tuple[int, int]]
    ) -> frozenset[int]:
        """Ids of the tokens that overlap any of ``spans``."""
        pairs = [(s.start, s.end) if isinstance(s, CharSpan) else s for s in spans]
        return self._index.tokens(pairs)

    def to_article(self) -> Article:
        """The built text as an article, ready for extraction."""
        return Article(
            id=self.id, text=self.text, language="de", outlet="Deutscher Bundestag"
        )


def read_spkatt_speech(path: str | Path) -> SpkAttSpeech:
    """One speech file (official task-1 format) as a :class:`SpkAttSpeech`."""
    path = Path(path)
    name = str(path)
    try:
        data = json.loads(path.read_bytes())
    except OSError as err:
        raise InputError(name, f"cannot be read ({err.strerror or err})") from err
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise InputError(name, f"is not valid JSON ({err})") from err
    if not isinstance(data, dict) or "Sentences" not in data:
        raise InputError(
            name,
            "is not a SpkAtt-2023 task-1 file (no 'Sentences'); the per-sentence "
            "*_alternative_format files are not read: use the task1 folder",
        )
    try:
        return _speech(path.stem, data)
    except (KeyError, TypeError, ValueError) as err:
        raise InputError(name, f"is not a SpkAtt-2023 task-1 file ({err})") from err


def read_spkatt_split(folder: str | Path) -> list[SpkAttSpeech]:
    """Every speech of a folder (``spkatt-2023-task1/data/dev/task1``), by name."""
    return [read_spkatt_speech(p) for p in _speech_files(Path(folder))]


def iter_spkatt_split(folder: str | Path) -> Iterator[SpkAttSpeech]:
    """Stream the speeches of a folder, in file-name order."""
    for path in _speech_files(Path(folder)):
        yield read_spkatt_speech(path)


def read_spkatt_test_cues(folder: str | Path) -> list[SpkAttSpeech]:
    """Speeches with their gold cues only: ``data/eval/task1_subtask2_test``.

    Every event keeps its ``Cue`` and ``PTC`` tokens and loses all other
    roles, so the same call gives the subtask-2 view (roles from gold cues)
    of the dev or train split too.
    """
    speeches = read_spkatt_split(folder)
    keep = ("Cue", "PTC")
    return [
        replace(
            speech,
            events=tuple(
                SpkAttEvent(
                    index=e.index,
                    roles={r: e.tokens(r) if r in keep else () for r in SPKATT_ROLES},
                    spans={
                        r: e.spans.get(r, ()) if r in keep else () for r in SPKATT_ROLES
                    },
                )
                for e in speech.events
            ),
        )
        for speech in speeches
    ]


def _speech_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise InputError(
            str(folder),
            "is not a folder; give a SpkAtt-2023 task-1 folder, "
            "e.g. ../shared/data/spkatt-2023-task1/data/dev/task1",
        )
    files = sorted(folder.glob("*.json"))
    if files:
        return files
    subs = sorted(
        p.name
        for p in folder.iterdir()
        if p.is_dir() and p.name.startswith("task1") and "alternative" not in p.name
    )
    hint = (
        f"; pass one of its folders {', '.join(subs)} (e.g. {folder / subs[0]})"
        if subs
        else "; give a folder such as ../shared/data/spkatt-2023-task1/data/dev/task1"
    )
    raise InputError(str(folder), "holds no *.json speeches" + hint)


def _speech(speech_id: str, data: Mapping[str, Any]) -> SpkAttSpeech:
    tokens: list[SpkAttToken] = []
    sentences: list[SpkAttSentence] = []
    pieces: list[str] = []
    offset = 0
    by_id: dict[int, SpkAttSentence] = {}
    for sent in data["Sentences"]:
        sent_id = int(sent["SentenceId"])
        if sent_id in by_id:
            raise ValueError(f"SentenceId {sent_id} occurs twice")
        words = [str(w) for w in sent["Tokens"]]
        first = len(tokens)
        start = offset
        for position, word in enumerate(words):
            if position:
                offset += 1
            tokens.append(
                SpkAttToken(
                    len(tokens), sent_id, position, offset, offset + len(word), word
                )
            )
            offset += len(word)
        line = " ".join(words)
        pieces.append(line)
        sentence = SpkAttSentence(sent_id, start, offset, first, len(tokens))
        sentences.append(sentence)
        by_id[sent_id] = sentence
        offset += 1  # the line break
    text = "\n".join(pieces)
    events = tuple(
        _event(index, annotation, by_id, tokens, text)
        for index, annotation in enumerate(data.get("Annotations") or ())
    )
    return SpkAttSpeech(
        id=speech_id,
        text=text,
        tokens=tuple(tokens),
        sentences=tuple(sentences),
        events=events,
    )


def _event(
    index: int,
    data: Mapping[str, Any],
    by_id: Mapping[int, SpkAttSentence],
    tokens: Sequence[SpkAttToken],
    text: str,
) -> SpkAttEvent:
    roles: dict[str, tuple[int, ...]] = {}
    spans: dict[str, tuple[CharSpan, ...]] = {}
    for role in SPKATT_ROLES:
        ids: list[int] = []
        for ref in data.get(role) or ():
            token_id = _resolve(str(ref), by_id, role, index)
            if token_id not in ids:
                ids.append(token_id)
        roles[role] = tuple(ids)
        spans[role] = tuple(
            CharSpan(
                tokens[a].start, tokens[b].end, text[tokens[a].start : tokens[b].end]
            )
            for a, b in runs(ids)
        )
    return SpkAttEvent(index=index, roles=roles, spans=spans)


def _resolve(
    ref: str, by_id: Mapping[int, SpkAttSentence], role: str, index: int
) -> int:
    sent_part, _, token_part = ref.partition(":")
    try:
        sentence = by_id[int(sent_part)]
        position = int(token_part)
    except (KeyError, ValueError):
        raise ValueError(f"annotation {index} {role}: no token {ref!r}") from None
    token_id = sentence.first_token + position
    if position < 0 or token_id >= sentence.end_token:
        raise ValueError(f"annotation {index} {role}: no token {ref!r}")
    return token_id
