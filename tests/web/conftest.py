"""Fixtures of the web tests: a hand-built archive, read-only and writable apps."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sayso.web import WebSettings, create_app
from tests.web.archive import build_archive, quote_extractor

TOKEN = "test-token-0123456789abcdef"


@pytest.fixture(scope="session")
def archive_file(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[Path, dict[str, int]]:
    path = tmp_path_factory.mktemp("web") / "archive.db"
    return path, build_archive(path)


@pytest.fixture(scope="session")
def ids(archive_file: tuple[Path, dict[str, int]]) -> dict[str, int]:
    return archive_file[1]


@pytest.fixture(scope="session")
def client(archive_file: tuple[Path, dict[str, int]]) -> Iterator[TestClient]:
    """The read-only app (no token) over the hand-built archive."""
    app = create_app(WebSettings(db=str(archive_file[0])), extractor=quote_extractor)
    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[TestClient]:
    """An app over a fresh archive that allows writes with :data:`TOKEN`."""
    path = tmp_path / "writable.db"
    build_archive(path)
    settings = WebSettings(db=str(path), token=TOKEN)
    with TestClient(create_app(settings, extractor=quote_extractor)) as test_client:
        yield test_client


@pytest.fixture
def small_limit(archive_file: tuple[Path, dict[str, int]]) -> Iterator[TestClient]:
    """The read-only app with a 4 KB body limit."""
    settings = WebSettings(db=str(archive_file[0]), max_body_bytes=4096)
    with TestClient(create_app(settings, extractor=quote_extractor)) as test_client:
        yield test_client
