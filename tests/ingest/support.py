"""A local HTTP server and a small fake extractor for the ingest tests."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from sayso.model import Article, CharSpan, Extraction, Failure, Producer, Statement


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    fail_first: int = 0  # answer 503 this many times first
    status: int = 200


@dataclass
class Server:
    routes: dict[str, Route]
    requests: list[tuple[str, dict[str, str]]] = field(default_factory=list)
    url: str = ""

    def hits(self, path: str) -> int:
        return sum(1 for p, _ in self.requests if p == path)


@contextmanager
def serve(routes: dict[str, Route]) -> Iterator[Server]:
    """Serve ``routes`` on 127.0.0.1 from a thread; conditional GETs answered 304."""
    state = Server(routes)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # the http.server hook's name
            with lock:
                state.requests.append((self.path, dict(self.headers.items())))
                route = state.routes.get(self.path)
                if route is not None and route.fail_first > 0:
                    route.fail_first -= 1
                    self._send(503, b"busy", "text/plain")
                    return
            if route is None:
                self._send(404, b"not here", "text/plain")
                return
            if route.etag and self.headers.get("If-None-Match") == route.etag:
                self._send(304, b"", None, route)
                return
            if (
                route.last_modified
                and self.headers.get("If-Modified-Since") == route.last_modified
            ):
                self._send(304, b"", None, route)
                return
            self._send(route.status, route.body, route.content_type, route)

        def _send(
            self,
            status: int,
            body: bytes,
            ctype: str | None,
            route: Route | None = None,
        ) -> None:
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            if route and route.etag:
                self.send_header("ETag", route.etag)
            if route and route.last_modified:
                self.send_header("Last-Modified", route.last_modified)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


_SAID = re.compile(r"(?P<source>[A-ZÄÖÜ][\w-]+) (?P<cue>sagte), (?P<message>[^.]+)\.")


def fake_extract(
    articles: Iterable[Article | Failure],
) -> Iterator[Extraction | Failure]:
    """One statement per ``Name sagte, Botschaft.`` sentence; failures passed on."""
    for item in articles:
        if isinstance(item, Failure):
            yield item
            continue
        statements = []
        for number, match in enumerate(_SAID.finditer(item.text), start=1):
            statements.append(
                Statement(
                    id=f"s{number}",
                    kind="indirect",
                    cue=(CharSpan.of(item.text, *match.span("cue")),),
                    source=(CharSpan.of(item.text, *match.span("source")),),
                    message=(CharSpan.of(item.text, *match.span("message")),),
                    speaker=match.group("source"),
                    date=item.published,
                    producer=Producer("test.fake", "1"),
                )
            )
        yield Extraction(item, tuple(statements))


def html_page(
    title: str, body: str, *, date: str = "2025-08-19", site: str = "Testblatt"
) -> bytes:
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{title}</title><meta name='author' content='Erika Beispiel'>"
        f"<meta property='og:site_name' content='{site}'>"
        f"<meta name='date' content='{date}'></head><body><nav>Startseite</nav>"
        f"<article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>Impressum</footer></body></html>"
    ).encode()


ARTICLE_DE = (
    "Die Ministerin sagte, der Haushalt sei solide und die Schulden würden sinken. "
    "Der Oppositionsführer widersprach ihr im Parlament deutlich und nannte die Zahlen "
    "geschönt.\n\nEin Sprecher der Regierung erklärte später, man werde die Kritik "
    "prüfen. "
    "Krause sagte, die Debatte werde am Donnerstag fortgesetzt."
)


def rss(items: list[tuple[str, str, str]], *, title: str = "Testblatt") -> bytes:
    """An RSS feed of ``(title, link, body)`` items (body as content:encoded)."""
    entries = []
    for item_title, link, body in items:
        content = (
            f"<content:encoded><![CDATA[<p>{body}</p>]]></content:encoded>"
            if body
            else ""
        )
        entries.append(
            f"<item><title>{item_title}</title><link>{link}</link><guid>{link}</guid>"
            "<pubDate>Tue, 19 Aug 2025 08:00:00 GMT</pubDate>"
            f"<description>Kurz: {item_title}</description>{content}</item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>{title}</title><link>https://example.org/</link>"
        + "".join(entries)
        + "</channel></rss>"
    ).encode()
