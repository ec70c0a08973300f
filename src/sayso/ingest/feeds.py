"""RSS and Atom feeds: one article per entry, from its body or the page it links.

An entry whose body is the article (``content:encoded``, Atom ``content``)
is read from the feed. Otherwise the page it links to is read: a saved page
next to a local feed file (the link's file name, or a relative link), or the
page fetched over HTTP when a :class:`~sayso.ingest.fetch.Fetcher` is given;
without either, the entry's summary is the text.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from sayso.errors import IngestError, SaysoError
from sayso.ingest.fetch import Fetcher
from sayso.ingest.html import fragment_text, read_html
from sayso.ingest.item import Item
from sayso.model import Article, Failure

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Entry:
    """What a feed says of one article."""

    key: str
    link: str | None
    title: str | None
    published: dt.date | None
    author: str | None
    body: str
    full: bool


@dataclass(frozen=True, slots=True)
class Feed:
    title: str | None
    entries: tuple[Entry, ...]


def looks_like_feed(data: bytes) -> bool:
    """Whether ``data`` starts like an RSS, Atom or RDF feed."""
    head = data[:2048].lstrip().lower()
    if head.startswith(b"<?xml"):
        return b"<rss" in head or b"<feed" in head or b"<rdf" in head
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf"))


def parse_feed(data: bytes, origin: str) -> Feed:
    """The entries of a feed; an :class:`IngestError` for something that is none."""
    import feedparser  # type: ignore[import-untyped]  # no type information published

    try:
        parsed: Any = feedparser.parse(data)
    except Exception as err:  # feedparser guards most errors, not all
        raise IngestError(f"{origin}: not a readable feed ({err})") from err
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            problem = parsed.get("bozo_exception")
            raise IngestError(
                f"{origin}: not a well-formed RSS or Atom feed ({problem}); check "
                "the address or the file"
            )
        if not parsed.get("version"):
            raise IngestError(f"{origin}: not an RSS or Atom feed")
    elif parsed.get("bozo"):
        log.debug(
            "%s: feed is malformed but readable: %s", origin, parsed.bozo_exception
        )
    title = parsed.get("feed", {}).get("title") or None
    return Feed(title, tuple(_entry(e, number) for number, e in enumerate(entries, 1)))


def _entry(entry: Any, number: int) -> Entry:
    contents = entry.get("content") or []
    body = ""
    full = False
    for content in contents:
        value = content.get("value") or ""
        if value.strip():
            body = value
            full = True
            break
    if not body:
        body = entry.get("summary") or entry.get("description") or ""
    if "<" in body:
        body = fragment_text(body)
    stamp = entry.get("published_parsed") or entry.get("updated_parsed")
    published = dt.date(stamp.tm_year, stamp.tm_mon, stamp.tm_mday) if stamp else None
    link = entry.get("link") or None
    key = entry.get("id") or link or f"entry-{number}"
    return Entry(
        key=str(key),
        link=str(link) if link else None,
        title=entry.get("title") or None,
        published=published,
        author=entry.get("author") or None,
        body=body.strip(),
        full=full,
    )


def read_feed(
    data: bytes,
    origin: str,
    *,
    folder: Path | None = None,
    fetcher: Fetcher | None = None,
    skip: Callable[[str], bool] | None = None,
    language: str | None = None,
) -> Iterator[Item | Failure]:
    """Articles of a feed, one per entry; ``skip(link)`` true leaves an entry out."""
    feed = parse_feed(data, origin)
    for entry in feed.entries:
        where = f"{origin}#{entry.link or entry.key}"
        if skip is not None and entry.link and skip(entry.link):
            log.debug("%s: already stored, not fetched again", where)
            continue
        try:
            yield _article(entry, feed, where, folder, fetcher, language)
        except SaysoError as err:
            yield Failure(where, type(err).__name__, _short(str(err), where))


def _article(
    entry: Entry,
    feed: Feed,
    where: str,
    folder: Path | None,
    fetcher: Fetcher | None,
    language: str | None,
) -> Item:
    if not entry.full:
        page = _saved_page(entry.link, folder)
        if page is not None:
            item = read_html(
                page.read_bytes(),
                origin=f"{where} ({page})",
                key=entry.key,
                url=entry.link,
                language=language,
            )
            return _with_entry(item, entry, feed)
        if entry.link and fetcher is not None and _is_http(entry.link):
            fetched = fetcher.get(entry.link)
            item = read_html(
                fetched.content,
                origin=where,
                key=entry.key,
                url=fetched.url,
                language=language,
            )
            return _with_entry(item, entry, feed)
    if not entry.body:
        raise IngestError(f"{where}: the entry has no text and no readable page")
    article = Article(
        id=entry.key,
        text=entry.body,
        title=entry.title,
        url=entry.link,
        outlet=feed.title,
        published=entry.published,
        language=language,
    )
    return Item(article, where, entry.author)


def _with_entry(item: Item, entry: Entry, feed: Feed) -> Item:
    """The page's article with the feed's metadata where the page lacks it."""
    article = item.article
    return Item(
        Article(
            id=entry.key,
            text=article.text,
            title=article.title or entry.title,
            url=entry.link or article.url,
            outlet=article.outlet or feed.title,
            published=entry.published or article.published,
            language=article.language,
        ),
        item.origin,
        item.author or entry.author,
    )


def _is_http(link: str) -> bool:
    return link.startswith(("http://", "https://"))


def _saved_page(link: str | None, folder: Path | None) -> Path | None:
    """A page saved beside a local feed: relative link, file:// or the link's name."""
    if not link or folder is None:
        return None
    candidates: list[Path] = []
    parts = urlsplit(link)
    if parts.scheme == "file":
        candidates.append(Path(unquote(parts.path)))
    elif not parts.scheme:
        candidates.append(folder / unquote(link))
    name = Path(unquote(parts.path)).name
    if name:
        candidates.extend([folder / name, folder / f"{name}.html"])
    for path in candidates:
        try:
            resolved = path.resolve()
            if resolved.is_file() and resolved.suffix.lower() in (".html", ".htm"):
                return resolved
        except OSError:
            continue
    return None


def _short(message: str, where: str) -> str:
    return message.removeprefix(f"{where}: ")
