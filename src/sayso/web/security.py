"""What keeps the web app safe: headers, body limits, the write token.

- Every response carries a Content-Security-Policy that allows scripts and
  styles from this server only (no inline script, no ``on*=`` handler, no
  ``javascript:`` URL can run), and refuses framing.
- Request bodies larger than the limit are refused with 413 before they are
  read, also when sent without a ``Content-Length``.
- Writing needs the operator's token (``SAYSO_TOKEN``), compared in
  constant time; without a token the archive is read-only.
"""

from __future__ import annotations

import hmac
import json
from typing import Final
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sayso.errors import SaysoError
from sayso.web.settings import TOKEN_ENV

CSP: Final = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
HEADERS: Final = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=()"),
)


class AccessError(SaysoError):
    """A request that may not write: ``status`` is 401 or 403."""

    status = 403


class WritesDisabled(AccessError):
    """The archive is read-only: the operator has set no write token."""

    status = 403


class BadToken(AccessError):
    """The write token is missing or wrong."""

    status = 401


class BodyTooLarge(HTTPException):
    """A request body over the limit (413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            413,
            f"the request body is larger than {limit:,} bytes "
            f"({limit // 1024 // 1024} MB); send a shorter article",
        )


def check_token(expected: str | None, given: str | None) -> None:
    """Raise unless writes are allowed and ``given`` is the operator's token."""
    if expected is None:
        raise WritesDisabled(
            "this archive is read-only: the operator has not set "
            f"{TOKEN_ENV}, so nothing can be stored through the web"
        )
    if not given:
        raise BadToken(
            "writing needs the write token: send `Authorization: Bearer TOKEN`"
        )
    if not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
        raise BadToken("the write token is wrong")


def bearer(authorization: str | None) -> str | None:
    """The token of an ``Authorization: Bearer TOKEN`` header."""
    if not authorization:
        return None
    scheme, _, token = authorization.strip().partition(" ")
    if scheme.lower() != "bearer":
        return None
    return token.strip() or None


def safe_href(url: str | None) -> str | None:
    """``url`` if it is an http(s) address a page may link to, else None."""
    if not url:
        return None
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return text
    return None


class SecurityHeaders:
    """ASGI middleware: the headers above on every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name for name, _ in message.get("headers", ())}
                extra = [(n, v) for n, v in HEADERS if n not in present]
                message["headers"] = [*message.get("headers", ()), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """ASGI middleware: refuse request bodies over ``limit`` bytes with 413."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for name, value in scope.get("headers", ()):
            if name == b"content-length":
                if not value.isdigit():
                    await _plain(send, 400, b"bad Content-Length header")
                    return
                if int(value) > self.limit:
                    await _too_large(send, self.limit)
                    return
        received = 0
        limit = self.limit

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        await self.app(scope, counted, send)


async def _too_large(send: Send, limit: int) -> None:
    error = BodyTooLarge(limit)
    body = json.dumps(
        {
            "error": {
                "status": 413,
                "type": "BodyTooLarge",
                "message": error.detail,
            }
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def _plain(send: Send, status: int, text: bytes) -> None:
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain; charset=utf-8")],
        }
    )
    await send({"type": "http.response.body", "body": text})
