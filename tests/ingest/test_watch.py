"""``watch`` against a local HTTP server: new entries, conditional requests, retries."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from sayso.errors import ConfigError
from sayso.ingest.fetch import Fetcher
from sayso.ingest.pipeline import IngestOptions
from sayso.ingest.watch import feed_urls, parse_interval, watch
from sayso.store import Store
from tests.ingest.support import ARTICLE_DE, Route, fake_extract, html_page, rss, serve

LAST_MODIFIED = "Tue, 19 Aug 2025 08:00:00 GMT"


@pytest.fixture
def store() -> Iterator[Store]:
    with Store("sqlite://") as opened:
        yield opened


def once(store: Store, feeds: list[str], **kwargs: object) -> list:
    with Fetcher(timeout=5, retry_pause=0.01) as fetcher:
        return list(
            watch(
                feeds,
                store,
                once=True,
                fetcher=fetcher,
                extractor=fake_extract,
                options=IngestOptions(lang="de"),
                **kwargs,
            )  # type: ignore[arg-type]
        )


def test_watch_stores_new_entries_and_asks_conditionally(store: Store) -> None:
    routes = {
        "/feed.xml": Route(
            b"", "application/rss+xml", etag='"v1"', last_modified=LAST_MODIFIED
        ),
        "/a.html": Route(
            html_page("A", "Krause sagte, der Plan A sei gut.\n\n" + ARTICLE_DE)
        ),
        "/b.html": Route(
            html_page("B", "Meier sagte, der Plan B sei besser.\n\n" + ARTICLE_DE)
        ),
    }
    with serve(routes) as server:
        routes["/feed.xml"].body = rss([("A", f"{server.url}/a.html", "")])
        feed = f"{server.url}/feed.xml"
        first = once(store, [feed])
        assert [e.outcome for e in first] == ["added"]
        # Unchanged feed: a 304, nothing fetched, nothing stored.
        assert once(store, [feed]) == []
        headers = server.requests[-1][1]
        assert headers.get("If-None-Match") == '"v1"'
        assert headers.get("If-Modified-Since") == LAST_MODIFIED
        # A new entry: only the new page is fetched.
        routes["/feed.xml"].body = rss(
            [("A", f"{server.url}/a.html", ""), ("B", f"{server.url}/b.html", "")]
        )
        routes["/feed.xml"].etag = '"v2"'
        routes["/feed.xml"].last_modified = None
        third = once(store, [feed])
        assert [e.outcome for e in third] == ["added"]
        assert server.hits("/a.html") == 1
        assert server.hits("/b.html") == 1
    assert store.stats().articles == 2
    article = store.get_article(1)
    assert article.url == f"{server.url}/a.html"
    assert article.outlet == "Testblatt"


def test_watch_retries_once_then_records_a_failure(store: Store) -> None:
    routes = {
        "/flaky.xml": Route(
            rss([("C", "https://example.org/c", ARTICLE_DE)]),
            "application/rss+xml",
            fail_first=1,
        ),
        "/down.xml": Route(b"", "application/rss+xml", fail_first=5),
    }
    with serve(routes) as server:
        events = once(
            store,
            [
                f"{server.url}/flaky.xml",
                f"{server.url}/down.xml",
                f"{server.url}/nope.xml",
            ],
        )
    assert [e.outcome for e in events] == ["added", "failed", "failed"]
    assert server.hits("/flaky.xml") == 2
    assert server.hits("/down.xml") == 2
    messages = [f.message for f in store.failures().items]
    assert any("503 after one retry" in m for m in messages)
    assert any("404" in m for m in messages)


def test_watch_times_out(store: Store) -> None:
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts, never answers
    port = listener.getsockname()[1]
    try:
        with Fetcher(timeout=0.3, retry_pause=0.01) as fetcher:
            events = list(
                watch(
                    [f"http://127.0.0.1:{port}/feed"],
                    store,
                    once=True,
                    fetcher=fetcher,
                    extractor=fake_extract,
                )
            )
    finally:
        listener.close()
    assert [e.outcome for e in events] == ["failed"]
    assert "did not answer in time" in (events[0].message or "")


def test_watch_runs_until_stopped(store: Store) -> None:
    routes = {
        "/f.xml": Route(
            rss([("D", "https://example.org/d", ARTICLE_DE)]), "application/rss+xml"
        )
    }
    stop = threading.Event()
    with serve(routes) as server, Fetcher(timeout=5) as fetcher:
        passes = 0
        for _ in watch(
            [f"{server.url}/f.xml"],
            store,
            every=0.05,
            fetcher=fetcher,
            extractor=fake_extract,
            stop=stop,
        ):
            passes += 1
            stop.set()
        assert passes == 1
    assert len(store.runs()) >= 1


def test_feed_lists_and_intervals(tmp_path: Path) -> None:
    listing = tmp_path / "feeds.txt"
    listing.write_text(
        "# Feeds\nhttps://a.example/rss\n\nhttps://b.example/atom\nhttps://a.example/rss\n",
        encoding="utf-8",
    )
    assert feed_urls([str(listing), "https://c.example/x"]) == [
        "https://a.example/rss",
        "https://b.example/atom",
        "https://c.example/x",
    ]
    assert parse_interval("15m") == 900
    assert parse_interval("1h") == 3600
    assert parse_interval("90") == 90
    for bad in ("soon", "0s", "-5m", "15 minutes"):
        with pytest.raises(ConfigError):
            parse_interval(bad)


def test_ingest_urls_of_pages_feeds_and_other_things(store: Store) -> None:
    from sayso.ingest.pipeline import ingest

    routes = {
        "/artikel.html": Route(html_page("Haushalt", ARTICLE_DE)),
        "/text": Route(ARTICLE_DE.encode(), "text/plain; charset=utf-8"),
        "/bild.png": Route(b"\x89PNG\r\n", "image/png"),
        "/feed": Route(b"", "application/atom+xml"),
    }
    with serve(routes) as server:
        routes["/feed"].body = rss([("F", f"{server.url}/artikel.html", "")])
        urls = [
            f"{server.url}{path}"
            for path in ("/artikel.html", "/text", "/bild.png", "/feed")
        ]
        with Fetcher(timeout=5) as fetcher:
            events = list(ingest(urls, store, fetcher=fetcher, extractor=fake_extract))
    assert [e.outcome for e in events] == ["added", "added", "failed", "duplicate"]
    assert "image/png" in (events[2].message or "")
    page = store.get_article(events[0].article_id or 0)
    assert page.url == f"{server.url}/artikel.html"
    assert page.title == "Haushalt"
