"""Feeds (RSS, Atom) and web archives (WARC): good, saved pages, and broken input."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from sayso.errors import IngestError
from sayso.ingest.feeds import looks_like_feed, parse_feed, read_feed
from sayso.ingest.item import Item
from sayso.ingest.sources import ReadOptions, read_source
from sayso.model import Failure
from tests.ingest.support import ARTICLE_DE, html_page, rss

ATOM = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atomblatt</title>
<entry><title>Eins</title><link href="https://example.org/eins"/><id>urn:eins</id>
<updated>2025-08-18T10:00:00Z</updated><author><name>Max Muster</name></author>
<content type="html">&lt;p&gt;Der Minister sagte, alles sei gut.&lt;/p&gt;
</content></entry>
</feed>"""


def test_rss_entries_with_full_content() -> None:
    data = rss([("Haushalt", "https://example.org/h", ARTICLE_DE)])
    (item,) = list(read_feed(data, "feed.xml"))
    assert isinstance(item, Item)
    assert item.article.url == "https://example.org/h"
    assert item.article.outlet == "Testblatt"
    assert item.article.published.isoformat() == "2025-08-19"  # type: ignore[union-attr]
    assert "Haushalt sei solide" in item.article.text


def test_atom_entry() -> None:
    (item,) = list(read_feed(ATOM, "atom.xml"))
    assert isinstance(item, Item)
    assert item.article.text == "Der Minister sagte, alles sei gut."
    assert item.author == "Max Muster"
    assert item.article.id == "urn:eins"


def test_summary_only_entry_reads_the_saved_page(tmp_path: Path) -> None:
    (tmp_path / "haushalt.html").write_bytes(html_page("Haushalt", ARTICLE_DE))
    feed = tmp_path / "feed.rss"
    feed.write_bytes(
        rss([("Haushalt", "https://example.org/politik/haushalt.html", "")])
    )
    (item,) = list(read_source(str(feed)))
    assert isinstance(item, Item)
    assert "Haushalt sei solide" in item.article.text
    assert item.article.url == "https://example.org/politik/haushalt.html"


def test_summary_only_entry_without_page_uses_the_summary(tmp_path: Path) -> None:
    feed = tmp_path / "feed.xml"
    feed.write_bytes(rss([("Nur kurz", "https://example.org/x", "")]))
    (item,) = list(read_source(str(feed), options=ReadOptions(fetch=False)))
    assert isinstance(item, Item)
    assert item.article.text == "Kurz: Nur kurz"


@pytest.mark.parametrize(
    "data",
    [
        b"<rss><channel><item><title>abgebrochen",
        b"keine Spur von XML",
        b'<?xml version="1.0"?><rss><channel><title>leer</title></channel></rss>x<',
        b"",
    ],
)
def test_malformed_feeds_are_failures(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bad.xml"
    path.write_bytes(data)
    results = list(read_source(str(path)))
    assert results
    assert all(isinstance(r, Failure) for r in results)


def test_parse_feed_refuses_what_is_no_feed() -> None:
    with pytest.raises(IngestError, match="feed"):
        parse_feed(b"<html><body>Hallo</body></html>", "page.xml")
    assert looks_like_feed(rss([]))
    assert not looks_like_feed(b"<html></html>")


def _warc(records: list[tuple[str, str, bytes]], *, gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    for uri, ctype, body in records:
        headers = StatusAndHeaders(
            "200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=headers
        )
        writer.write_record(record)
        record.raw_stream.close()  # warcio buffers the payload in a temporary file
    return buffer.getvalue()


@pytest.mark.parametrize("gz", [False, True])
def test_warc_html_responses_become_articles(tmp_path: Path, gz: bool) -> None:
    data = _warc(
        [
            (
                "https://example.org/a",
                "text/html; charset=utf-8",
                html_page("Haushalt", ARTICLE_DE),
            ),
            ("https://example.org/logo.png", "image/png", b"\x89PNG...."),
            ("https://example.org/leer", "text/html", b"<html></html>"),
        ],
        gz=gz,
    )
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    path.write_bytes(data)
    results = list(read_source(str(path)))
    assert [type(r).__name__ for r in results] == ["Item", "Failure"]
    item = results[0]
    assert isinstance(item, Item)
    assert item.article.url == "https://example.org/a"
    assert "Haushalt sei solide" in item.article.text


def test_truncated_or_garbage_warc_keeps_what_was_read(tmp_path: Path) -> None:
    good = _warc(
        [("https://example.org/a", "text/html", html_page("Haushalt", ARTICLE_DE))],
        gz=True,
    )
    path = tmp_path / "cut.warc.gz"
    two = _warc(
        [
            ("https://example.org/a", "text/html", html_page("Haushalt", ARTICLE_DE)),
            (
                "https://example.org/b",
                "text/html",
                html_page("Zwei", ARTICLE_DE + " Zwei."),
            ),
        ],
        gz=True,
    )
    path.write_bytes(two[:-100])
    results = list(read_source(str(path)))
    assert isinstance(results[0], Item)
    assert isinstance(results[-1], Failure)
    assert "truncated" in results[-1].message
    joined = tmp_path / "junk.warc.gz"
    joined.write_bytes(good + b"kein WARC mehr")
    results = list(read_source(str(joined)))
    assert [type(r).__name__ for r in results] == ["Item", "Failure"]
    garbage = tmp_path / "garbage.warc"
    garbage.write_bytes(b"this is not a web archive\n" * 10)
    (failure,) = list(read_source(str(garbage)))
    assert isinstance(failure, Failure)
    assert "record" in failure.message
