"""Extract statements from texts: the main job, as plain functions.

:func:`extract` reads one text; :func:`extract_many` streams many through a
pipeline loaded once; :func:`extract_articles` is what the command line uses:
articles in, an :class:`~sayso.model.Extraction` or a
:class:`~sayso.model.Failure` out for each, in input order.

Long texts are read in chunks cut at paragraph breaks (spaCy keeps a whole
document in memory several times over); spans are moved back to offsets in
the full text, so a 5 MB article works like a short one.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING, Any, cast

from sayso.errors import ConfigError, SaysoError
from sayso.langid import SUPPORTED, detect_language
from sayso.model import Article, Extraction, Failure, Statement, parse_date

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

log = logging.getLogger(__name__)

#: Characters per chunk handed to spaCy at once.
CHUNK_CHARS = 50_000
_BATCH_ARTICLES = 64
_PIPE_BATCH = 16


def extract(
    text: str, lang: str = "de", published: dt.date | str | None = None
) -> list[Statement]:
    """The statements in ``text``, in the order they start.

    ``lang`` is ``"de"``, ``"en"`` or ``"auto"``; ``published`` (a date or
    ``YYYY-MM-DD``) dates the statements.
    """
    article = Article(id="text", text=text, published=_date(published))
    (result,) = extract_articles([article], lang=lang)
    if isinstance(result, Failure):
        raise ConfigError(result.message)
    return list(result.statements)


def extract_many(
    texts: Iterable[str | Article],
    lang: str = "de",
    *,
    published: dt.date | str | None = None,
) -> Iterator[list[Statement]]:
    """Statements for each text, streaming, with the pipeline loaded once.

    Yields one list per input, in input order. A text that cannot be read
    raises :class:`~sayso.errors.SaysoError`; use :func:`extract_articles` to
    get failures as values instead.
    """
    date = _date(published)

    def articles() -> Iterator[Article]:
        for number, item in enumerate(texts):
            if isinstance(item, Article):
                yield item
            else:
                yield Article(id=str(number), text=item, published=date)

    for result in extract_articles(articles(), lang=lang):
        if isinstance(result, Failure):
            raise ConfigError(str(result))
        yield list(result.statements)


def extract_articles(
    articles: Iterable[Article | Failure],
    *,
    lang: str = "de",
    domain: str = "news",
    rules_only: bool = False,
) -> Iterator[Extraction | Failure]:
    """An :class:`Extraction` per article (failures passed through), in input order.

    ``domain`` (``news``, ``parliament``) and ``rules_only`` choose the pipeline
    as in :func:`~sayso.nlp.pipeline.load_nlp`.
    """
    if lang not in (*SUPPORTED, "auto"):
        raise ConfigError(
            f"language {lang!r} is not supported; use one of {SUPPORTED} or 'auto'"
        )
    stream = iter(articles)
    options: dict[str, Any] = {"domain": domain, "rules_only": rules_only}
    while batch := list(islice(stream, _BATCH_ARTICLES)):
        yield from _extract_batch(batch, lang, options)


def _extract_batch(
    batch: list[Article | Failure], lang: str, options: dict[str, Any]
) -> list[Extraction | Failure]:
    from sayso.nlp.matrices import one_thread
    from sayso.nlp.pipeline import load_nlp

    results: list[Extraction | Failure | None] = [None] * len(batch)
    by_lang: dict[str, list[int]] = {}
    for index, item in enumerate(batch):
        if isinstance(item, Failure):
            results[index] = item
            continue
        item_lang = _language_of(item, lang)
        if item_lang is None:
            results[index] = Failure(
                item.id,
                "ConfigError",
                "language not recognised as German or English; "
                "give --lang de or --lang en",
            )
            continue
        by_lang.setdefault(item_lang, []).append(index)
    for item_lang, indices in by_lang.items():
        try:
            nlp = load_nlp(item_lang, **options)
        except SaysoError as err:
            for index in indices:
                results[index] = Failure(
                    _id(batch[index]), type(err).__name__, str(err)
                )
            continue
        chunks: list[tuple[str, tuple[int, int]]] = []
        for index in indices:
            article = cast(Article, batch[index])  # failures were set aside above
            chunks.extend(
                (text, (index, offset)) for offset, text in split_text(article.text)
            )
        found: dict[int, list[Statement]] = {index: [] for index in indices}
        failed: dict[int, str] = {}
        with one_thread():  # one process per core scales out (sayso.nlp.matrices)
            for doc, (index, offset) in _pipe(nlp, chunks, failed):
                if index not in failed:
                    found[index].extend(_moved(s, offset) for s in doc._.statements)
        for index in indices:
            article = cast(Article, batch[index])
            if index in failed:
                results[index] = Failure(article.id, "PipelineError", failed[index])
                continue
            if article.language != item_lang:
                article = dataclasses.replace(article, language=item_lang)
            statements = renumber(found[index], date=article.published)
            results[index] = Extraction(article, tuple(statements))
    return [r for r in results if r is not None]


def _moved(statement: Statement, offset: int) -> Statement:
    """A chunk's statement moved to full-text offsets, its ids made unique per chunk."""
    prefix = f"{offset}:"
    return dataclasses.replace(
        statement.shifted(offset),
        id=prefix + statement.id,
        parent=prefix + statement.parent if statement.parent else None,
    )


def _pipe(
    nlp: Language, chunks: list[tuple[str, tuple[int, int]]], failed: dict[int, str]
) -> Iterator[tuple[Doc, tuple[int, int]]]:
    """``nlp.pipe`` over the chunks; a chunk that breaks marks its article failed."""
    done = 0
    try:
        # a few chunks at a time: a 5 MB text is a hundred docs of 50,000 characters
        for item in nlp.pipe(chunks, as_tuples=True, batch_size=_PIPE_BATCH):
            yield item
            done += 1
    except (
        Exception
    ):  # one bad chunk must not stop the batch: the rest are retried alone
        log.debug("batch failed, retrying chunk by chunk", exc_info=True)
        for text, context in chunks[done:]:
            try:
                yield nlp(text), context
            except Exception as err:  # reported as this article's failure, not raised
                log.debug("chunk failed", exc_info=True)
                failed[context[0]] = (
                    f"the pipeline failed on this text ({type(err).__name__}: {err})"
                )


def split_text(text: str, limit: int | None = None) -> Iterator[tuple[int, str]]:
    """``(offset, chunk)`` pieces of ``text``, cut at paragraph breaks if possible."""
    limit = limit or CHUNK_CHARS
    start = 0
    n = len(text)
    while start < n:
        end = min(n, start + limit)
        if end < n:
            cut = text.rfind("\n\n", start + limit // 2, end)
            if cut < 0:
                cut = text.rfind("\n", start + limit // 2, end)
            if cut < 0:
                cut = text.rfind(" ", start + limit // 2, end)
            if cut > start:
                end = cut
        yield start, text[start:end]
        start = end


def renumber(
    statements: list[Statement], *, date: dt.date | None = None
) -> list[Statement]:
    """Ids ``s1``, ``s2`` … in text order, parents rewritten to match, dates filled."""
    ordered = sorted(statements, key=position)
    mapping = {s.id: f"s{i}" for i, s in enumerate(ordered, start=1)}
    return [
        dataclasses.replace(
            s,
            id=mapping[s.id],
            parent=mapping.get(s.parent) if s.parent else None,
            date=s.date or date,
        )
        for s in ordered
    ]


def position(statement: Statement) -> tuple[int, int]:
    """Where a statement stands in the text: its cue, else its message, else any span.

    The source is not used: a continuation borrows the source of an earlier sentence.
    """
    for role in ("cue", "message"):
        spans = statement.spans(role)
        if spans:
            return min(s.start for s in spans), max(s.end for s in spans)
    return statement.extent or (1 << 62, 0)


def _language_of(article: Article, lang: str) -> str | None:
    if lang != "auto":
        return lang
    if article.language in SUPPORTED:
        return article.language
    return detect_language(article.text)


def _id(item: Article | Failure) -> str:
    return item.id if isinstance(item, Article) else item.name


def _date(value: dt.date | str | None) -> dt.date | None:
    return None if value is None else parse_date(value)
