"""From what a user names (paths, folders, URLs, lists) to articles.

:func:`read_source` reads one source of any kind ``sayso ingest`` accepts and
yields an :class:`~sayso.ingest.item.Item` per article or a
:class:`~sayso.model.Failure` per input that cannot be read, so one bad file
or record never stops a run.
"""

from __future__ import annotations

import codecs
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from sayso.errors import InputError, SaysoError
from sayso.ingest.feeds import looks_like_feed, read_feed
from sayso.ingest.fetch import Fetcher
from sayso.ingest.html import read_html
from sayso.ingest.item import Item
from sayso.ingest.readers import (
    decode_text,
    read_bytes,
    read_csv,
    read_jsonl_items,
    read_path,
)
from sayso.ingest.warc import read_warc
from sayso.model import Article, Failure

log = logging.getLogger(__name__)

TEXT: Final = (".txt", ".text")
JSONL: Final = (".jsonl", ".ndjson")
CSV: Final = (".csv", ".tsv")
HTML: Final = (".html", ".htm", ".xhtml")
FEED: Final = (".xml", ".rss", ".atom")
WARC: Final = (".warc", ".warc.gz", ".arc", ".arc.gz")
LIST: Final = (".urls", ".list")
KNOWN: Final = TEXT + JSONL + CSV + HTML + FEED + WARC + LIST


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read inputs: forced language, text encoding, CSV text column,
    and whether pages that feeds link to may be fetched."""

    language: str | None = None
    encoding: str = "utf-8"
    text_column: str = "text"
    fetch: bool = True


def is_url(source: str) -> bool:
    return source.startswith(("http://", "https://"))


def read_source(
    source: str,
    *,
    options: ReadOptions = ReadOptions(),
    fetcher: Fetcher | None = None,
    skip: Callable[[str], bool] | None = None,
) -> Iterator[Item | Failure]:
    """Every article in ``source``: a file, a folder, a URL, a list, or ``-``."""
    try:
        if is_url(source):
            yield from _read_url(source, options, fetcher, skip)
        elif source == "-":
            for article in read_path("-", language=options.language):
                yield (
                    article
                    if isinstance(article, Failure)
                    else Item(article, "<stdin>")
                )
        else:
            yield from _read_path(Path(source), options, fetcher, skip, depth=0)
    except SaysoError as err:
        yield Failure(source, type(err).__name__, _short(str(err), source))


def _read_path(
    path: Path,
    options: ReadOptions,
    fetcher: Fetcher | None,
    skip: Callable[[str], bool] | None,
    *,
    depth: int,
) -> Iterator[Item | Failure]:
    name = str(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and _kind(p) in KNOWN)
        if not files:
            raise InputError(
                name, f"holds no files of a known kind ({', '.join(KNOWN)})"
            )
        for file in files:
            try:
                yield from _read_path(file, options, fetcher, skip, depth=depth)
            except SaysoError as err:
                yield Failure(
                    str(file), type(err).__name__, _short(str(err), str(file))
                )
        return
    if not path.exists():
        raise InputError(name, "no such file or folder")
    kind = _kind(path)
    language = options.language
    if kind in WARC:
        yield from read_warc(path, language=language)
    elif kind in HTML:
        yield read_html(read_bytes(path), origin=name, key=path.stem, language=language)
    elif kind in FEED:
        yield from read_feed(
            read_bytes(path),
            name,
            folder=path.parent,
            fetcher=fetcher if options.fetch else None,
            skip=skip,
            language=language,
        )
    elif kind in JSONL:
        text = decode(read_bytes(path), name, options.encoding)
        yield from read_jsonl_items(text.splitlines(), name, language=language)
    elif kind in CSV:
        text = decode(read_bytes(path), name, options.encoding)
        yield from read_csv(
            text, name, text_column=options.text_column, language=language
        )
    elif kind in LIST:
        if depth > 0:
            raise InputError(name, "a list may not name another list")
        text = decode(read_bytes(path), name, options.encoding)
        for line in text.splitlines():
            entry = line.strip()
            if not entry or entry.startswith("#"):
                continue
            if is_url(entry):
                try:
                    yield from _read_url(entry, options, fetcher, skip)
                except SaysoError as err:
                    yield Failure(entry, type(err).__name__, _short(str(err), entry))
                continue
            target = Path(entry) if Path(entry).is_absolute() else path.parent / entry
            try:
                yield from _read_path(target, options, fetcher, skip, depth=depth + 1)
            except SaysoError as err:
                yield Failure(entry, type(err).__name__, _short(str(err), str(target)))
    elif kind in TEXT or kind == "":
        data = read_bytes(path)
        if looks_like_feed(data):
            yield from read_feed(data, name, folder=path.parent, skip=skip)
            return
        text = decode(data, name, options.encoding)
        yield Item(Article(id=path.stem, text=text, language=language), name)
    else:
        raise InputError(
            name,
            f"unknown file type {kind!r}; give {', '.join(KNOWN)} files, folders "
            "or URLs",
        )


def _read_url(
    url: str,
    options: ReadOptions,
    fetcher: Fetcher | None,
    skip: Callable[[str], bool] | None,
) -> Iterator[Item | Failure]:
    own = fetcher is None
    client = fetcher or Fetcher()
    try:
        fetched = client.get(url)
        content_type = fetched.content_type
        if any(t in content_type for t in ("rss", "atom", "xml")) or looks_like_feed(
            fetched.content
        ):
            yield from read_feed(
                fetched.content,
                url,
                fetcher=client if options.fetch else None,
                skip=skip,
                language=options.language,
            )
        elif "html" in content_type or fetched.content.lstrip()[:1] == b"<":
            yield read_html(
                fetched.content,
                origin=url,
                key=url,
                url=fetched.url,
                language=options.language,
            )
        elif content_type.startswith("text/plain"):
            text = decode(fetched.content, url, "utf-8")
            yield Item(
                Article(id=url, text=text, url=fetched.url, language=options.language),
                url,
            )
        else:
            raise InputError(
                url, f"is {content_type or 'of unknown type'}; give a page or a feed"
            )
    finally:
        if own:
            client.close()


def _kind(path: Path) -> str:
    name = path.name.lower()
    for suffix in (".warc.gz", ".arc.gz"):
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def decode(data: bytes, name: str, encoding: str) -> str:
    """Bytes as text in ``encoding`` (UTF-8 by default), newlines normalised.

    A UTF-16/32 file without ``--encoding`` gets an error naming its encoding.
    """
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        raise InputError(
            name, f"unknown encoding {encoding!r}; give e.g. utf-8, latin-1, cp1252"
        ) from None
    if codec.name == "utf-8":
        for bom, label in _BOMS:
            if data.startswith(bom):
                raise InputError(
                    name, f"is {label}; give --encoding {label.lower()} or convert it"
                )
        return decode_text(data, name)
    try:
        text = data.decode(codec.name)
    except UnicodeDecodeError as err:
        raise InputError(
            name, f"is not valid {encoding} (byte offset {err.start}); check --encoding"
        ) from None
    return text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def _short(message: str, name: str) -> str:
    return message.removeprefix(f"{name}: ")
