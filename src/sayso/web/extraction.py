"""Extract a pasted or uploaded article, and store it when writes are allowed.

The same steps as ``sayso ingest`` for one article: clean the text (offsets
kept), detect the language, extract, date the statements, store in one
transaction. One extraction runs at a time (the pipeline is loaded once and
is not shared between threads).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

from sayso.dates import date_statements
from sayso.errors import ConfigError, InputError, PipelineError
from sayso.langid import SUPPORTED, detect_language
from sayso.model import Article, Extraction, Failure, Statement, parse_date
from sayso.store import Added, Store
from sayso.store.rows import scrub

#: Longest article accepted from the web (characters), as ``sayso ingest``.
MAX_CHARS: Final = 2_000_000

Extractor = Callable[[Iterable[Article | Failure]], Iterator[Extraction | Failure]]


def default_extractor(
    articles: Iterable[Article | Failure],
) -> Iterator[Extraction | Failure]:
    """``sayso.extract_articles`` on the articles' own languages."""
    from sayso.extract import extract_articles

    return extract_articles(articles, lang="auto")


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """An article as a form or a JSON body gives it (strings, validated here)."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None
    lang: str = "auto"

    def article(self, *, key: str = "web") -> Article:
        """The validated :class:`Article`; :class:`ConfigError` says what is wrong."""
        text = scrub(self.text.replace("\r\n", "\n").replace("\r", "\n"))
        if not text.strip():
            raise ConfigError("text: the article text is empty; paste or upload one")
        if len(text) > MAX_CHARS:
            raise ConfigError(
                f"text: {len(text):,} characters is more than the {MAX_CHARS:,} "
                "accepted; split the article"
            )
        if self.lang not in (*SUPPORTED, "auto"):
            raise ConfigError(f"lang {self.lang!r}: use auto, {', '.join(SUPPORTED)}")
        language = self.lang if self.lang != "auto" else detect_language(text)
        if language is None:
            raise ConfigError(
                "lang: the language was not recognised as German or English; "
                "choose de or en"
            )
        published = None
        if self.published and self.published.strip():
            try:
                published = parse_date(self.published.strip())
            except ValueError:
                raise ConfigError(
                    f"published: {self.published[:40]!r} is not a date; give YYYY-MM-DD"
                ) from None
        return Article(
            id=key,
            text=text,
            title=_field(self.title, 2000),
            url=_web_url(self.url),
            outlet=_field(self.outlet, 300),
            published=published,
            language=language,
        )


@dataclass(frozen=True, slots=True)
class ExtractResult:
    """An extracted article, its dated statements, the expressions that dated them."""

    article: Article
    statements: tuple[Statement, ...]
    date_expressions: dict[str, str]

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.to_dict(),
            "statements": [s.to_dict() for s in self.statements],
            "date_expressions": dict(self.date_expressions),
        }


class ArticleExtractor:
    """Runs the pipeline on one article at a time, for every request thread."""

    def __init__(self, extractor: Extractor | None = None) -> None:
        self._extract = extractor or default_extractor
        self._lock = threading.Lock()

    def __call__(self, article: Article) -> ExtractResult:
        with self._lock:
            results = list(self._extract([article]))
        if len(results) != 1:
            raise PipelineError(
                f"the extractor gave {len(results)} results for 1 article"
            )
        (result,) = results
        if isinstance(result, Failure):
            if result.error in ("ConfigError", "InputError"):
                raise ConfigError(result.message)
            raise PipelineError(f"extraction failed: {result.message}")
        statements, expressions = date_statements(
            result.article.text, result.statements, result.article.published
        )
        return ExtractResult(result.article, tuple(statements), expressions)


def store_result(store: Store, result: ExtractResult, *, origin: str) -> Added:
    """Store an extracted article with its statements (one transaction)."""
    known = store.known(result.article)
    if known is not None:
        return known
    return store.add_extraction(
        Extraction(result.article, result.statements),
        origin=origin,
        date_expressions=result.date_expressions,
    )


def decode_upload(data: bytes, name: str) -> tuple[str, str | None]:
    """An uploaded file's text, and its title for an HTML page.

    ``.html``/``.htm`` files go through the archive's HTML reader (main text,
    title, date, outlet); others must be UTF-8 text.
    """
    from sayso.ingest.readers import decode_text

    lowered = name.lower()
    if lowered.endswith((".html", ".htm")):
        from sayso.errors import IngestError
        from sayso.ingest.html import read_html

        try:
            item = read_html(data, origin=name, key=name)
        except IngestError as err:
            raise ConfigError(str(err)) from None
        return item.article.text, item.article.title
    try:
        return decode_text(data, name), None
    except InputError as err:
        raise ConfigError(str(err)) from None


def _field(value: str | None, limit: int) -> str | None:
    if value is None:
        return None
    text = " ".join(scrub(value).split())
    return text[:limit] or None


def _web_url(value: str | None) -> str | None:
    """Only http(s) URLs are kept: a ``javascript:`` URL is refused, not stored."""
    if value is None or not value.strip():
        return None
    url = value.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise ConfigError(
            f"url: {url[:80]!r} is not an http(s) address; give https://… "
            "or leave it empty"
        )
    return url[:2000]
