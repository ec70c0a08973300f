"""Reading a pasted or uploaded article: the real pipeline, previews, uploads."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sayso.web import WebSettings, create_app
from tests.conftest import EXAMPLES
from tests.web.conftest import TOKEN
from tests.web.test_pages import elements

DEMO = (EXAMPLES / "demo-de.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def real(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    """An app with the real extraction pipeline, writes allowed."""
    path = tmp_path_factory.mktemp("real") / "real.db"
    app = create_app(WebSettings(db=str(path), token=TOKEN))
    return TestClient(app)


def test_extract_demo_article_with_the_pipeline(real: TestClient) -> None:
    response = real.post(
        "/api/extract",
        json={"text": DEMO, "published": "2025-03-04", "title": "Rheinbrücke"},
    )
    assert response.status_code == 200
    data = response.json()
    assert data["article"]["language"] == "de"
    speakers = {s["speaker"] for s in data["statements"]}
    assert {"Helga Brandt", "Jonas Keller"} <= speakers
    for statement in data["statements"]:
        for span in statement["message"]:
            assert DEMO[span["start"] : span["end"]] == span["text"]
    dated = [s for s in data["statements"] if s["id"] in data["date_expressions"]]
    assert any(s["date"] == "2025-03-04" for s in data["statements"])
    assert all(s["date"] for s in dated)
    assert real.get("/api/stats").json()["articles"] == 0  # nothing stored


def test_store_demo_article_and_read_it_back(real: TestClient) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    body = {"text": DEMO, "url": "https://example.org/demo", "outlet": "Demo"}
    stored = real.post("/api/articles", json=body, headers=headers)
    assert stored.status_code == 201
    article = real.get(stored.json()["url"]).json()
    assert len(article["statements"]) == stored.json()["statements"] > 5
    page = real.get(stored.json()["html"])
    assert page.status_code == 200
    assert "Helga Brandt" in page.text


def test_form_preview_shows_highlights(real: TestClient) -> None:
    response = real.post("/extract", data={"text": DEMO, "title": "Vorschau"})
    assert response.status_code == 200
    html = response.text
    assert "not stored" in html
    found = elements(html)
    marked = [a for tag, a in found if tag == "span" and "data-m" in a]
    assert marked
    keys = [a["data-key"] for tag, a in found if tag == "a" and "data-key" in a]
    assert keys[:2] == ["s1", "s2"]
    links = [a["href"] for tag, a in found if tag == "a" and "data-key" in a]
    assert links[0] == "#ts1"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("artikel.txt", DEMO.encode("utf-8"), 200),
        ("artikel.txt", "\ufeff".encode() + DEMO.encode("utf-8"), 200),
        ("artikel.txt", DEMO.encode("cp1252"), 400),
        ("artikel.bin", b"\x00\x01\x02binary" * 50, 400),
        (
            "seite.html",
            (
                "<html><head><title>Seite</title></head><body><article><h1>Seite</h1>"
                + "".join(f"<p>{p}</p>" for p in DEMO.split("\n\n"))
                + "</article></body></html>"
            ).encode("utf-8"),
            200,
        ),
    ],
)
def test_form_upload(
    real: TestClient, name: str, content: bytes, expected: int
) -> None:
    response = real.post(
        "/extract", data={"text": ""}, files={"file": (name, content, "text/plain")}
    )
    assert response.status_code == expected, response.text[-500:]
    if expected == 400:
        assert "error-box" in response.text
    else:
        assert "Helga Brandt" in response.text or "Brandt" in response.text


@pytest.mark.parametrize(
    ("body", "status", "words"),
    [
        ({"text": ""}, 400, "empty"),
        ({"text": "   \n "}, 400, "empty"),
        ({}, 422, "text"),
        ({"text": DEMO, "published": "gestern"}, 400, "published"),
        ({"text": DEMO, "lang": "fr"}, 422, "lang"),
        ({"text": "Lorem ipsum dolor sit amet."}, 400, "language"),
        ({"text": DEMO, "extra": 1}, 422, "extra"),
    ],
)
def test_extract_bad_input(
    real: TestClient, body: dict[str, object], status: int, words: str
) -> None:
    response = real.post("/api/extract", json=body)
    assert response.status_code == status
    assert words in response.json()["error"]["message"]


def test_extract_not_json(real: TestClient) -> None:
    response = real.post(
        "/api/extract",
        content=b"not json",
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 422


def test_form_keeps_what_was_typed_on_error(real: TestClient) -> None:
    response = real.post(
        "/extract",
        data={"text": DEMO, "url": "javascript:alert(1)", "title": "<b>T</b>"},
    )
    assert response.status_code == 400
    assert "http(s)" in response.text
    assert "&lt;b&gt;T&lt;/b&gt;" in response.text


def test_writable_app_creates_its_database(tmp_path: Path) -> None:
    path = tmp_path / "new.db"
    app = create_app(WebSettings(db=str(path), token=TOKEN))
    assert TestClient(app).get("/api/stats").json()["articles"] == 0
    assert path.exists()


def test_read_only_app_needs_an_existing_database(tmp_path: Path) -> None:
    from sayso.errors import StoreError

    with pytest.raises(StoreError, match="does not exist"):
        create_app(WebSettings(db=str(tmp_path / "missing.db")))
