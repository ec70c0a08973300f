"""Answer one request in-process, without a server (``sayso serve --get``)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message


@dataclass(slots=True)
class LocalResponse:
    """Status, headers and body of an in-process request."""

    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


def call(
    app: ASGIApp,
    path: str,
    *,
    method: str = "GET",
    headers: dict[str, str] | None = None,
    body: bytes = b"",
) -> LocalResponse:
    """Send one HTTP request to the ASGI ``app`` and collect its response."""
    parts = urlsplit(path if path.startswith("/") else "/" + path)
    sent = False
    response = LocalResponse()

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message: Message) -> None:
        if message["type"] == "http.response.start":
            response.status = message["status"]
            response.headers = {
                k.decode("latin-1"): v.decode("latin-1")
                for k, v in message.get("headers", ())
            }
        elif message["type"] == "http.response.body":
            response.body += message.get("body", b"")

    raw_headers = [(b"host", b"localhost")]
    raw_headers += [
        (k.lower().encode("latin-1"), v.encode("latin-1"))
        for k, v in (headers or {}).items()
    ]
    if body:
        raw_headers.append((b"content-length", str(len(body)).encode()))
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": method.upper(),
        "scheme": "http",
        "path": parts.path or "/",
        "raw_path": (parts.path or "/").encode(),
        "query_string": parts.query.encode(),
        "root_path": "",
        "headers": raw_headers,
        "client": ("127.0.0.1", 0),
        "server": ("localhost", 80),
    }

    async def run() -> None:
        await app(scope, receive, send)

    asyncio.run(run())
    return response
