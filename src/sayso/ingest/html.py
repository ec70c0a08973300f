"""HTML to article: main text and metadata through trafilatura.

Pages from any source (a saved ``.html`` file, a fetched URL, a WARC record)
go through :func:`read_html`. Feed entries carry HTML fragments, which
:func:`fragment_text` turns into plain text with the standard library's
tolerant parser.
"""

from __future__ import annotations

import logging
import re
from html.parser import HTMLParser
from typing import Final

from sayso.errors import IngestError
from sayso.ingest.item import Item
from sayso.model import Article, parse_date

log = logging.getLogger(__name__)

_WORDS = re.compile(r"[^\W\d_]{2,}")
#: Pages larger than this (bytes) are refused rather than parsed.
MAX_HTML_BYTES: Final = 25 * 1024 * 1024


def read_html(
    data: bytes | str,
    *,
    origin: str,
    key: str,
    url: str | None = None,
    language: str | None = None,
) -> Item:
    """The article in an HTML page: main text, title, date, author, outlet.

    Raises :class:`IngestError` when the page holds no main text.
    """
    import trafilatura

    size = len(data)
    if size > MAX_HTML_BYTES:
        raise IngestError(
            f"{origin}: the page is {size // 2**20} MB, more than the "
            f"{MAX_HTML_BYTES // 2**20} MB read; save the article text alone"
        )
    if not data.strip():
        raise IngestError(f"{origin}: the page is empty")
    try:
        document = trafilatura.bare_extraction(
            data, url=url, with_metadata=True, include_comments=False
        )
    except Exception as err:  # trafilatura and lxml raise many kinds on broken pages
        raise IngestError(
            f"{origin}: the page could not be parsed ({type(err).__name__}: "
            f"{str(err)[:200]})"
        ) from err
    text = getattr(document, "text", None) if document is not None else None
    if not text or not _WORDS.search(text):
        raise IngestError(
            f"{origin}: no main text found in the page (is it an article? a "
            "page that needs JavaScript?)"
        )
    published = None
    raw_date = getattr(document, "date", None)
    if raw_date:
        try:
            published = parse_date(str(raw_date))
        except ValueError:
            log.debug("%s: unreadable date %r", origin, raw_date)
    page_url = getattr(document, "url", None) or url
    outlet = getattr(document, "sitename", None) or getattr(document, "hostname", None)
    article = Article(
        id=key,
        text=_normalise_newlines(text),
        title=getattr(document, "title", None) or None,
        url=page_url or None,
        outlet=outlet or None,
        published=published,
        language=language,
    )
    return Item(article, origin, getattr(document, "author", None) or None)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


_BLOCKS: Final = frozenset(
    str.split(
        "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote section article tr table "
        "header footer pre figure figcaption"
    )
)
_SKIP: Final = frozenset({"script", "style", "noscript", "template", "svg"})


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def fragment_text(fragment: str) -> str:
    """Plain text of an HTML fragment (a feed entry's body); paragraphs kept."""
    parser = _TextParser()
    parser.feed(re.sub(r"<[^>]*$", "", fragment))  # a tag cut off at the end
    parser.close()
    text = "".join(parser.parts)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
