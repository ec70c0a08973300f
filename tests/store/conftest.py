"""The store fixture: each store test runs on SQLite and, if reachable, PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from sayso.store import Store
from tests.store.builders import open_backend

BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    with open_backend(request.param) as opened:
        yield opened
