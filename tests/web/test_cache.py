"""The answer cache: kept while the archive holds still, dropped on any change."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sayso.store import Store
from sayso.web import WebSettings, create_app
from sayso.web.cache import ViewCache
from tests.store.builders import article, statement
from tests.web.archive import build_archive, quote_extractor
from tests.web.conftest import TOKEN


def test_cache_keeps_answers_while_files_hold_still(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    db.write_bytes(b"x")
    cache = ViewCache(f"sqlite:///{db}", entries=2)
    calls: list[int] = []

    def compute() -> dict[str, int]:
        calls.append(1)
        return {"n": len(calls)}

    assert cache.get("k", compute) == {"n": 1}
    assert cache.get("k", compute) == {"n": 1}
    db.write_bytes(b"xy")  # any commit changes size or time
    assert cache.get("k", compute) == {"n": 2}
    cache.get("a", compute)
    cache.get("b", compute)  # "k" is the least recently used: dropped
    assert cache.get("k", compute) == {"n": 5}
    assert (cache.hits, cache.misses) == (1, 5)


def test_cache_off_and_expiry(tmp_path: Path) -> None:
    off = ViewCache("sqlite:///x.db", entries=0)
    assert off.get("k", lambda: 1) == 1
    assert off.get("k", lambda: 2) == 2
    expired = ViewCache("sqlite:///x.db", entries=5, ttl=0)
    assert expired.get("k", lambda: 1) == 1
    assert expired.get("k", lambda: 2) == 2
    memory = ViewCache("sqlite://", entries=5)
    assert memory.get("k", lambda: 1) == 1
    assert memory.get("k", lambda: 2) == 1  # within the fallback time to live


def test_app_sees_writes_by_other_processes(tmp_path: Path) -> None:
    path = tmp_path / "shared.db"
    build_archive(path)
    client = TestClient(create_app(WebSettings(db=str(path))))
    before = client.get("/api/statements?text=Brückenbau").json()
    assert before["total"] == 0
    assert client.get("/api/stats").json()["articles"] == 5
    text = "Die Ministerin sagte, der Brückenbau beginne im Mai."
    with Store(f"sqlite:///{path}") as store:  # another writer, e.g. `sayso ingest`
        store.add_article(
            article(text, key="neu", published=dt.date(2025, 10, 1)),
            [
                statement(
                    text,
                    cue="sagte",
                    source="Die Ministerin",
                    message="der Brückenbau beginne im Mai",
                )
            ],
        )
    after = client.get("/api/statements?text=Brückenbau").json()
    assert after["total"] == 1
    assert client.get("/api/stats").json()["articles"] == 6


def test_app_forgets_after_its_own_write(tmp_path: Path) -> None:
    path = tmp_path / "own.db"
    build_archive(path)
    settings = WebSettings(db=str(path), token=TOKEN)
    client = TestClient(create_app(settings, extractor=quote_extractor))
    assert client.get("/api/stats").json()["articles"] == 5
    body = {"text": "„Wir prüfen alles“, sagte Keller am Montag.", "lang": "de"}
    headers = {"Authorization": f"Bearer {TOKEN}"}
    assert client.post("/api/articles", json=body, headers=headers).status_code == 201
    assert client.get("/api/stats").json()["articles"] == 6


@pytest.mark.parametrize("value", ["-1", "many"])
def test_cache_setting_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    from sayso.errors import ConfigError

    monkeypatch.setenv("SAYSO_WEB_CACHE", value)
    with pytest.raises(ConfigError):
        WebSettings.from_env("x.db")
