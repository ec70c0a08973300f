"""The web app over PostgreSQL: the same answers as over SQLite."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sayso.web import WebSettings, create_app
from tests.store.builders import postgres_schema
from tests.web.archive import build_archive

pytestmark = pytest.mark.postgres

PATHS = [
    "/api/stats",
    "/api/statements?speaker=Rubio",
    "/api/statements?text=Sanktionen&order=date",
    "/api/statements?speaker=Anna+Beispiel&page=2",
    "/api/statements?page=99",
    "/api/actors?name=Rubio",
    "/api/claims",
]


def test_postgres_answers_like_sqlite(
    client: TestClient, archive_file: tuple[Path, dict[str, int]]
) -> None:
    with postgres_schema() as url:
        build_archive(url)
        app = create_app(WebSettings(db=url))
        with TestClient(app) as pg:
            for path in PATHS:
                mine, theirs = pg.get(path), client.get(path)
                assert mine.status_code == theirs.status_code == 200, path
                assert _shape(mine.json()) == _shape(theirs.json()), path
            trump = pg.get("/api/statements?speaker=Trump").json()["items"][0]
            chain = pg.get(f"/api/statements/{trump['id']}/chain").json()
            assert chain["up"][0]["speakers"][0]["name"] == "Friedrich Merz"
            assert pg.get("/search?text=Sanktionen").status_code == 200
            assert pg.get("/api/articles/1").json()["title"]


def _shape(data: object) -> object:
    """The answer without its ids and timestamps (they differ between databases)."""
    if isinstance(data, dict):
        return {
            k: _shape(v)
            for k, v in data.items()
            if k
            not in ("id", "article_id", "parent_id", "statement_ids", "ingested_at")
            and not (k in ("next", "prev") and v is None)
        }
    if isinstance(data, list):
        return [_shape(v) for v in data]
    return data
