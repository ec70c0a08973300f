"""What a reader yields for the archive: an article, where it came from, its author."""

from __future__ import annotations

from dataclasses import dataclass

from sayso.model import Article


@dataclass(frozen=True, slots=True)
class Item:
    """An article read from an input, with what the archive keeps besides.

    ``origin`` names the input precisely enough to find it again (a file, a
    ``file.jsonl:12`` line, a URL, a WARC record); ``author`` is kept by the
    archive although the :class:`~sayso.model.Article` has no field for it.
    """

    article: Article
    origin: str
    author: str | None = None
