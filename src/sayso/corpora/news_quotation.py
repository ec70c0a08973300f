"""Read the German news quotation corpus (``data/de-news-quotation``).

Petersen-Frey & Biemann, "Dataset of Quotation Attribution in German News
Articles", LREC-COLING 2024; German Wikinews, CC BY-NC-SA 4.0 (non-commercial).
One ``*.json`` file per article, named ``<wikinews id> - <title> (<date>)``.

Each file becomes a :class:`NewsDocument`: the text (``originalText``), its
tokens and sentences with character offsets, and one :class:`NewsQuotation`
per annotation with the corpus's five parts (quote, speaker, cue, frame,
addressee) as character spans and token ids, its ``type`` and ``medium``.

The corpus's words map to ours (``ANNOTATION.md``): quote -> *message*
(without the enclosing quotation marks), speaker -> *source*, type -> *kind*
(Direct, Indirect, Reported; IndirectFreeIndirect = continuation;
FreeIndirect = free_indirect), medium -> *mode* (Speech, Writing, Thought;
the mixed values SW, ST, TW and ``none`` have no single mode and map to None).
The frame (the introducing clause) has no counterpart in a statement.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, NamedTuple

from sayso.corpora._offsets import TokenIndex
from sayso.errors import InputError
from sayso.model import Article, CharSpan, Kind, Mode, Producer, Statement

#: The corpus's quote types, and our kinds for them.
TYPE_TO_KIND: Final[Mapping[str, Kind]] = {
    "Direct": "direct",
    "Indirect": "indirect",
    "Reported": "reported",
    "IndirectFreeIndirect": "continuation",
    "FreeIndirect": "free_indirect",
}
#: The corpus's media (speech, thought, writing and their mixtures), and our modes.
MEDIUM_TO_MODE: Final[Mapping[str, Mode | None]] = {
    "Speech": "speech",
    "Writing": "writing",
    "Thought": "thought",
    "SW": None,
    "ST": None,
    "TW": None,
    "none": None,
}
#: The five annotated parts of a quotation, in the corpus's words.
PARTS: Final[tuple[str, ...]] = ("quote", "speaker", "cue", "frame", "addressee")
#: Quotation marks stripped from the edges of a quote to give our message.
QUOTE_MARKS: Final[str] = (
    '\u201e\u201c\u201d"\u00bb\u00ab\u201a\u2018\u2019\u203a\u2039'
)

_DATE = re.compile(r"\((\d{4}-\d{2}-\d{2})\)\s*(?:\.pretty)?\s*$")
_PRODUCER = Producer("corpus.de_news_quotation", "2024")


class NewsToken(NamedTuple):
    """A corpus token: its position, characters ``start:end`` and sentence (0-based).

    A named tuple rather than a dataclass: a corpus has ~200,000 of them.
    """

    id: int
    start: int
    end: int
    text: str
    sentence: int


@dataclass(frozen=True, slots=True)
class NewsSentence:
    """A corpus sentence: characters ``start:end``, tokens ``first_token:end_token``."""

    index: int
    start: int
    end: int
    first_token: int
    end_token: int


@dataclass(frozen=True, slots=True)
class NewsPart:
    """One annotated part of a quotation: its character spans and token ids."""

    spans: tuple[CharSpan, ...] = ()
    token_ids: tuple[int, ...] = ()

    @property
    def empty(self) -> bool:
        return not self.token_ids and not self.spans


@dataclass(frozen=True, slots=True)
class NewsQuotation:
    """One annotation of the corpus: a quote with its speaker, cue, frame, addressee."""

    id: int
    type: str
    medium: str
    is_nested: bool
    has_nested: bool
    quote: NewsPart
    speaker: NewsPart
    cue: NewsPart
    frame: NewsPart
    addressee: NewsPart

    def part(self, name: str) -> NewsPart:
        """A part by its corpus name: quote, speaker, cue, frame or addressee."""
        if name not in PARTS:
            raise KeyError(name)
        part: NewsPart = getattr(self, name)
        return part

    @property
    def kind(self) -> Kind | None:
        """Our kind for the corpus type (None for a type outside the five)."""
        return TYPE_TO_KIND.get(self.type)

    @property
    def mode(self) -> Mode | None:
        """Our mode for the corpus medium (None for SW, ST, TW and ``none``)."""
        return MEDIUM_TO_MODE.get(self.medium)

    @property
    def message(self) -> tuple[CharSpan, ...]:
        """The quote spans without the quotation marks at their edges (our message)."""
        out = []
        for span in self.quote.spans:
            stripped = strip_quote_marks(span)
            if stripped.end > stripped.start:
                out.append(stripped)
        return tuple(out)

    @property
    def source(self) -> tuple[CharSpan, ...]:
        """The speaker mention as written (our source)."""
        return self.speaker.spans

    def to_statement(self, statement_id: str | None = None) -> Statement:
        """This annotation as a :class:`Statement` in our vocabulary.

        Kind ``indirect`` stands in for a type outside the five (none occurs
        in train or dev). The speaker name is left unresolved: the corpus
        marks mentions, not persons.
        """
        return Statement(
            id=statement_id or f"q{self.id}",
            kind=self.kind or "indirect",
            cue=self.cue.spans,
            source=self.source,
            message=self.message,
            addressee=self.addressee.spans,
            mode=self.mode,
            producer=_PRODUCER,
        )


@dataclass(frozen=True, slots=True)
class NewsDocument:
    """One article of the corpus with its tokens, sentences and quotations."""

    id: str
    name: str
    title: str
    published: dt.date | None
    text: str
    tokens: tuple[NewsToken, ...]
    sentences: tuple[NewsSentence, ...]
    quotations: tuple[NewsQuotation, ...]
    _index: TokenIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(
            self, "_index", TokenIndex((t.start, t.end) for t in self.tokens)
        )

    def token_ids(
        self, spans: Sequence[CharSpan] | Sequence[tuple[int, int]]
    ) -> frozenset[int]:
        """Ids of the corpus tokens that overlap any of ``spans``."""
        pairs = [(s.start, s.end) if isinstance(s, CharSpan) else s for s in spans]
        return self._index.tokens(pairs)

    def sentence_of(self, char: int) -> NewsSentence | None:
        """The sentence that contains character ``char`` (None between sentences)."""
        for token_id in self._index.overlapping(char, char + 1):
            return self.sentences[self.tokens[token_id].sentence]
        return None

    def to_article(self) -> Article:
        """The article text with its id, title and date, ready for extraction."""
        return Article(
            id=self.id,
            text=self.text,
            title=self.title,
            published=self.published,
            language="de",
            outlet="Wikinews",
        )

    def statements(self) -> list[Statement]:
        """Every quotation as a :class:`Statement` (ids ``q<annotation id>``)."""
        return [q.to_statement() for q in self.quotations]


def strip_quote_marks(span: CharSpan) -> CharSpan:
    """``span`` without quotation marks and white space at its two edges."""
    text = span.text
    start, end = 0, len(text)
    while start < end and (text[start] in QUOTE_MARKS or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in QUOTE_MARKS or text[end - 1].isspace()):
        end -= 1
    return CharSpan(span.start + start, span.start + end, text[start:end])


def read_news_document(path: str | Path) -> NewsDocument:
    """One corpus file as a :class:`NewsDocument`.

    The document id is the leading number of the file name (as in
    ``eval/score.py convert-wikinews``); the date in parentheses at the end of
    the name becomes ``published``.
    """
    path = Path(path)
    name = str(path)
    try:
        data = json.loads(path.read_bytes())
    except OSError as err:
        raise InputError(name, f"cannot be read ({err.strerror or err})") from err
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise InputError(name, f"is not valid JSON ({err})") from err
    if not isinstance(data, dict):
        raise InputError(
            name, "is not a news quotation file (expected one JSON object)"
        )
    try:
        return _document(path, data)
    except (KeyError, TypeError, IndexError, ValueError) as err:
        raise InputError(
            name, f"is not a news quotation file ({type(err).__name__}: {err})"
        ) from err


def read_news_split(folder: str | Path) -> list[NewsDocument]:
    """Every document of a split folder (``de-news-quotation/data/dev``), by name."""
    return list(iter_news_split(folder))


def iter_news_split(folder: str | Path) -> Iterator[NewsDocument]:
    """Stream the documents of a split folder, in file-name order."""
    folder = Path(folder)
    files = _split_files(folder)
    seen: dict[str, Path] = {}
    for path in files:
        document = read_news_document(path)
        if document.id in seen:
            raise InputError(
                str(path),
                f"repeats document id {document.id} of {seen[document.id].name}",
            )
        seen[document.id] = path
        yield document


def _split_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        raise InputError(
            str(folder),
            "is not a folder; give a split folder of the news quotation corpus, "
            "e.g. ../shared/data/de-news-quotation/data/dev",
        )
    files = sorted(folder.glob("*.json"))
    if files:
        return files
    splits = sorted(
        p.name for p in folder.iterdir() if p.is_dir() and any(p.glob("*.json"))
    )
    hint = (
        f"; it has the split folders {', '.join(splits)}: pass {folder / splits[0]}"
        if splits
        else "; give a split folder such as ../shared/data/de-news-quotation/data/dev"
    )
    raise InputError(str(folder), "holds no *.json documents" + hint)


def _document(path: Path, data: Mapping[str, Any]) -> NewsDocument:
    text: str = data["originalText"]
    if not isinstance(text, str):
        raise TypeError("originalText is not a string")
    stem = path.name.removesuffix(".json")
    doc_name = str(data.get("documentName") or stem.removesuffix(".pretty"))
    tokens = tuple(
        NewsToken(t["id"], t["charBegin"], t["charEnd"], t["text"], t["sentence"] - 1)
        for t in data["tokens"]
    )
    for position, token in enumerate(tokens):
        if token.id != position:
            raise ValueError(f"token {token.id} stands at position {position}")
    sentences = tuple(
        NewsSentence(
            index=int(s["id"]),
            start=int(s["charBegin"]),
            end=int(s["charEnd"]),
            first_token=int(s["begin"]),
            end_token=int(s["end"]),
        )
        for s in data["sentences"]
    )
    quotations = tuple(_quotation(text, a) for a in data["annotations"])
    date = _DATE.search(stem)
    title = stem.split(" - ", 1)[1] if " - " in stem else stem
    title = _DATE.sub("", title).strip()
    return NewsDocument(
        id=path.name.split(" ", 1)[0],
        name=doc_name,
        title=title,
        published=dt.date.fromisoformat(date.group(1)) if date else None,
        text=text,
        tokens=tokens,
        sentences=sentences,
        quotations=quotations,
    )


def _quotation(text: str, data: Mapping[str, Any]) -> NewsQuotation:
    parts = {name: _part(text, data.get(name)) for name in PARTS}
    return NewsQuotation(
        id=int(data["id"]),
        type=str(data.get("type") or ""),
        medium=str(data.get("medium") or ""),
        is_nested=bool(data.get("isNested", False)),
        has_nested=bool(data.get("hasNested", False)),
        **parts,
    )


def _part(text: str, data: Any) -> NewsPart:
    if not data:
        return NewsPart()
    spans = tuple(
        CharSpan.of(text, int(s["charBegin"]), int(s["charEnd"]))
        for s in data.get("spans", ())
    )
    return NewsPart(
        spans=spans, token_ids=tuple(int(t) for t in data.get("tokenIds", ()))
    )
