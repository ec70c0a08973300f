"""Download pages and feeds politely with httpx.

One :class:`Fetcher` per run: a timeout on every request, one retry after a
pause on a timeout, a connection error, HTTP 429 or 5xx, conditional requests
(``If-None-Match``/``If-Modified-Since``) when validators are given, and a
cap on the size of a response. The transport is injectable, so tests serve
pages from ``httpx.MockTransport`` or a local server.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

import httpx

from sayso.errors import IngestError

log = logging.getLogger(__name__)

USER_AGENT: Final = (
    "sayso/0.1 (news statement archive; +https://pypi.org/project/sayso/)"
)
#: Responses larger than this (bytes) are refused.
MAX_BYTES: Final = 25 * 1024 * 1024
_RETRY_STATUS: Final = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response: final URL, status, body and validators (304: ``not_modified``)."""

    url: str
    status: int
    content: bytes
    content_type: str
    etag: str | None
    last_modified: str | None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class Fetcher:
    """GET with a timeout, one bounded retry and conditional requests."""

    def __init__(
        self,
        *,
        timeout: float = 20.0,
        retry_pause: float = 2.0,
        max_bytes: int = MAX_BYTES,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.timeout = timeout
        self.retry_pause = retry_pause
        self.max_bytes = max_bytes
        self._sleep = sleep
        self._client = httpx.Client(
            transport=transport,
            timeout=timeout,
            follow_redirects=True,
            headers={"User-Agent": user_agent},
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def get(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """Fetch ``url``; an :class:`IngestError` says why when it cannot be had."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for attempt in (1, 2):
            try:
                fetched = self._get_once(url, headers)
            except (httpx.TimeoutException, httpx.TransportError) as err:
                if attempt == 2 or isinstance(err, httpx.UnsupportedProtocol):
                    raise IngestError(
                        f"{url}: {_reason(err)} (tried {attempt} time(s)); check the "
                        "address, or try later"
                    ) from None
                log.debug("%s: %s; retrying once", url, _reason(err))
                self._sleep(self.retry_pause)
                continue
            if fetched.status in _RETRY_STATUS and attempt == 1:
                log.debug("%s: HTTP %d; retrying once", url, fetched.status)
                self._sleep(self.retry_pause)
                continue
            if fetched.status == 304 or 200 <= fetched.status < 300:
                return fetched
            raise IngestError(
                f"{url}: the server answered HTTP {fetched.status}"
                + (" after one retry" if fetched.status in _RETRY_STATUS else "")
            )
        raise AssertionError("unreachable")  # pragma: no cover

    def _get_once(self, url: str, headers: dict[str, str]) -> Fetched:
        with self._client.stream("GET", url, headers=headers) as response:
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise IngestError(_too_big(url, int(declared), self.max_bytes))
            chunks = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise IngestError(_too_big(url, size, self.max_bytes))
                chunks.append(chunk)
            return Fetched(
                url=str(response.url),
                status=response.status_code,
                content=b"".join(chunks),
                content_type=response.headers.get("content-type", "").lower(),
                etag=response.headers.get("etag"),
                last_modified=response.headers.get("last-modified"),
            )


def _too_big(url: str, size: int, limit: int) -> str:
    return (
        f"{url}: the response is over {size // 2**20} MB, more than {limit // 2**20} MB"
    )


def _reason(err: Exception) -> str:
    if isinstance(err, httpx.TimeoutException):
        return "the server did not answer in time"
    if isinstance(err, httpx.UnsupportedProtocol):
        return "only http:// and https:// addresses can be fetched"
    if isinstance(err, httpx.ConnectError):
        return "cannot connect"
    return f"{type(err).__name__}: {str(err)[:200]}"
