"""Ingest: inputs in, articles with their statements stored, failures recorded.

:func:`ingest` is what ``sayso ingest`` runs and what ``sayso watch`` runs
each pass. For each article it

1. cleans the text (NUL and lone surrogates become U+FFFD, offsets kept),
   refuses an empty or over-long one, and detects the language;
2. skips it, before any extraction, when the store holds it already;
3. extracts the statements (``sayso.extract_articles``, or an injected
   extractor), dates them (:mod:`sayso.dates`), and
4. stores the article with all its statements in one transaction.

Whatever fails is recorded in the store with its reason and the run goes
on; only a database that cannot be written stops it (a
:class:`~sayso.errors.StoreError`). Each article yields an
:class:`IngestEvent`, so callers can show progress.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import chain, islice
from typing import Final, Literal

from sayso.dates import date_statements
from sayso.errors import ConfigError, SaysoError, StoreError
from sayso.ingest.fetch import Fetcher
from sayso.ingest.item import Item
from sayso.ingest.sources import ReadOptions, read_source
from sayso.langid import SUPPORTED, detect_language
from sayso.model import Article, Extraction, Failure
from sayso.store import Store
from sayso.store.rows import scrub

log = logging.getLogger(__name__)

#: Articles longer than this (characters) are refused by default.
MAX_CHARS: Final = 2_000_000
_BATCH: Final = 16

Outcome = Literal["added", "version", "duplicate", "failed"]
Extractor = Callable[[Iterable[Article | Failure]], Iterable[Extraction | Failure]]


@dataclass(frozen=True, slots=True)
class IngestEvent:
    """What happened to one input: stored, a new version, already there, or failed."""

    origin: str
    outcome: Outcome
    article_id: int | None = None
    statements: int = 0
    error: str | None = None
    message: str | None = None

    def to_dict(self) -> dict[str, object]:
        return dataclasses.asdict(self)


@dataclass(frozen=True, slots=True)
class IngestOptions:
    """``lang``: ``auto`` (detect per article), ``de`` or ``en``; the reading
    options; ``max_chars``: longest article accepted."""

    lang: str = "auto"
    encoding: str = "utf-8"
    text_column: str = "text"
    fetch: bool = True
    max_chars: int = MAX_CHARS

    def __post_init__(self) -> None:
        if self.lang not in (*SUPPORTED, "auto"):
            raise ConfigError(
                f"language {self.lang!r}: use one of {', '.join(SUPPORTED)} or auto"
            )
        if self.max_chars < 1:
            raise ConfigError(f"max_chars {self.max_chars}: give a positive number")

    @property
    def read(self) -> ReadOptions:
        return ReadOptions(
            language=None if self.lang == "auto" else self.lang,
            encoding=self.encoding,
            text_column=self.text_column,
            fetch=self.fetch,
        )


def default_extractor(lang: str) -> Extractor:
    """``sayso.extract_articles`` with articles' own languages."""

    def run(articles: Iterable[Article | Failure]) -> Iterable[Extraction | Failure]:
        from sayso.extract import extract_articles

        return extract_articles(articles, lang="auto" if lang == "auto" else lang)

    return run


def ingest(
    sources: Iterable[str],
    store: Store,
    *,
    options: IngestOptions | None = None,
    extractor: Extractor | None = None,
    fetcher: Fetcher | None = None,
    run_id: int | None = None,
    command: str = "ingest",
) -> Iterator[IngestEvent]:
    """Read, extract and store every article in ``sources``; one event per input.

    A run is opened in the store (unless ``run_id`` is given) and closed with
    its counts when the iterator is exhausted or closed.
    """
    options = options or IngestOptions()
    items = chain.from_iterable(
        read_source(
            source,
            options=options.read,
            fetcher=fetcher,
            skip=None,
        )
        for source in sources
    )
    yield from process(
        items,
        store,
        options=options,
        extractor=extractor,
        run_id=run_id,
        command=command,
    )


def process(
    items: Iterable[Item | Failure],
    store: Store,
    *,
    options: IngestOptions | None = None,
    extractor: Extractor | None = None,
    run_id: int | None = None,
    command: str = "ingest",
) -> Iterator[IngestEvent]:
    """Store articles already read (see :func:`ingest`)."""
    options = options or IngestOptions()
    extract = extractor or default_extractor(options.lang)
    own_run = run_id is None
    if run_id is None:
        run_id = store.start_run(command)
    counts = {"added": 0, "versions": 0, "duplicates": 0, "failed": 0, "statements": 0}
    stream = iter(items)
    try:
        while batch := list(islice(stream, _BATCH)):
            for event in _batch(batch, store, options, extract, run_id):
                _count(counts, event)
                yield event
    finally:
        if own_run:
            try:
                store.finish_run(run_id, counts)
            except StoreError:
                log.debug("could not record the end of run %s", run_id, exc_info=True)
        if counts["failed"]:
            log.warning("%d input(s) failed; see `sayso failures`", counts["failed"])


def _count(counts: dict[str, int], event: IngestEvent) -> None:
    key = {
        "added": "added",
        "version": "versions",
        "duplicate": "duplicates",
        "failed": "failed",
    }[event.outcome]
    counts[key] += 1
    if event.outcome in ("added", "version"):
        counts["statements"] += event.statements


def _batch(
    batch: list[Item | Failure],
    store: Store,
    options: IngestOptions,
    extract: Extractor,
    run_id: int,
) -> Iterator[IngestEvent]:
    """Events for one batch, in input order."""
    events: list[IngestEvent | None] = []
    pending: list[tuple[int, Item]] = []
    for entry in batch:
        if isinstance(entry, Failure):
            events.append(
                _failed(store, run_id, entry.name, entry.error, entry.message)
            )
            continue
        prepared = _prepare(entry, options)
        if isinstance(prepared, Failure):
            events.append(
                _failed(store, run_id, prepared.name, prepared.error, prepared.message)
            )
            continue
        stored = store.known(prepared.article)
        if stored is not None:
            events.append(
                IngestEvent(
                    prepared.origin, "duplicate", stored.article_id, stored.statements
                )
            )
            continue
        pending.append((len(events), prepared))
        events.append(None)
    if pending:
        results = _extract(extract, [item for _, item in pending])
        for (slot, item), result in zip(pending, results, strict=True):
            events[slot] = _store(store, run_id, item, result)
    for event in events:
        if event is not None:
            yield event


def _store(
    store: Store, run_id: int, item: Item, result: Extraction | Failure
) -> IngestEvent:
    if isinstance(result, Failure):
        return _failed(store, run_id, item.origin, result.error, result.message)
    article = result.article
    statements, expressions = date_statements(
        article.text, result.statements, article.published
    )
    try:
        added = store.add_extraction(
            Extraction(article, tuple(statements)),
            author=item.author,
            origin=item.origin,
            run_id=run_id,
            date_expressions=expressions,
        )
    except StoreError as err:
        # Recording fails too when the database itself is the problem
        # (locked, read-only): then that error ends the run.
        return _failed(store, run_id, item.origin, "StoreError", str(err))
    return IngestEvent(item.origin, added.outcome, added.article_id, added.statements)


def _extract(extract: Extractor, pending: list[Item]) -> list[Extraction | Failure]:
    try:
        results = list(extract([item.article for item in pending]))
    except SaysoError as err:
        return [Failure(i.origin, type(err).__name__, str(err)) for i in pending]
    if len(results) != len(pending):
        message = (
            f"the extractor returned {len(results)} results for {len(pending)} articles"
        )
        return [Failure(i.origin, "PipelineError", message) for i in pending]
    return results


def _prepare(item: Item, options: IngestOptions) -> Item | Failure:
    article = item.article
    text = scrub(article.text)
    if not text.strip():
        return Failure(item.origin, "IngestError", "the article text is empty")
    if len(text) > options.max_chars:
        return Failure(
            item.origin,
            "IngestError",
            f"the article has {len(text):,} characters, more than the "
            f"{options.max_chars:,} accepted; split it or raise --max-chars",
        )
    language = article.language if article.language in SUPPORTED else None
    if options.lang != "auto":
        language = options.lang
    if language is None:
        language = detect_language(text)
        if language is None:
            return Failure(
                item.origin,
                "IngestError",
                "language not recognised as German or English; give --lang de or "
                "--lang en",
            )
    if text != article.text or language != article.language:
        article = dataclasses.replace(article, text=text, language=language)
    return dataclasses.replace(item, article=article)


def _failed(
    store: Store, run_id: int, origin: str, error: str, message: str
) -> IngestEvent:
    message = message.removeprefix(f"{origin}: ")
    store.record_failure(origin, error, message, run_id=run_id)
    return IngestEvent(origin, "failed", error=error, message=message)
