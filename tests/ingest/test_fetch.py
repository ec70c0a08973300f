"""Fetching: timeouts, a bounded retry, conditional requests, size caps."""

from __future__ import annotations

import httpx
import pytest

from sayso.errors import IngestError
from sayso.ingest.fetch import Fetcher


def fetcher(handler, **options: object) -> Fetcher:  # type: ignore[no-untyped-def]
    return Fetcher(
        transport=httpx.MockTransport(handler), sleep=lambda _: None, **options
    )  # type: ignore[arg-type]


def test_conditional_request_and_304() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.headers.get("If-None-Match") == '"v1"':
            return httpx.Response(304)
        return httpx.Response(
            200,
            content=b"<rss/>",
            headers={"ETag": '"v1"', "Last-Modified": "Tue, 19 Aug 2025 08:00:00 GMT"},
        )

    with fetcher(handler) as client:
        first = client.get("https://example.org/feed")
        assert first.etag == '"v1"'
        assert not first.not_modified
        second = client.get(
            "https://example.org/feed",
            etag=first.etag,
            last_modified=first.last_modified,
        )
        assert second.not_modified
    assert seen[1].headers["If-Modified-Since"] == "Tue, 19 Aug 2025 08:00:00 GMT"
    assert "sayso" in seen[0].headers["User-Agent"]


@pytest.mark.parametrize("status", [429, 500, 503])
def test_one_retry_on_server_trouble(status: int) -> None:
    answers = [httpx.Response(status), httpx.Response(200, content=b"ok")]
    with fetcher(lambda r: answers.pop(0)) as client:
        assert client.get("https://example.org/x").content == b"ok"


def test_retry_is_bounded() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(503)

    with (
        fetcher(handler) as client,
        pytest.raises(IngestError, match="503 after one retry"),
    ):
        client.get("https://example.org/x")
    assert len(calls) == 2


def test_timeout_retried_once_then_a_clear_error() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        raise httpx.ReadTimeout("slow", request=request)

    with (
        fetcher(handler) as client,
        pytest.raises(IngestError, match="did not answer in time"),
    ):
        client.get("https://example.org/slow")
    assert len(calls) == 2


def test_not_found_is_not_retried() -> None:
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(404)

    with fetcher(handler) as client, pytest.raises(IngestError, match="HTTP 404"):
        client.get("https://example.org/gone")
    assert len(calls) == 1


def test_oversized_response_is_refused() -> None:
    with (
        fetcher(
            lambda r: httpx.Response(200, content=b"x" * 5000), max_bytes=1000
        ) as client,
        pytest.raises(IngestError, match="more than"),
    ):
        client.get("https://example.org/big")


def test_only_http_urls() -> None:
    with Fetcher() as client, pytest.raises(IngestError, match="http"):
        client.get("ftp://example.org/x")
