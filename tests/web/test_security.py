"""Hostile articles, headers, body limits and the write token."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.web.archive import HOSTILE_OUTLET, HOSTILE_TITLE, HOSTILE_URL
from tests.web.conftest import TOKEN
from tests.web.test_pages import _pages, elements

ARTICLE = {"text": "„Wir bleiben hart“, sagte Rubio am Montag.", "lang": "de"}


def _hostile_pages(client: TestClient, ids: dict[str, int]) -> list[str]:
    hostile = client.get(f"/api/articles/{ids['hostile']}").json()
    first = hostile["statements"][0]
    actors = [a["id"] for s in hostile["statements"] for a in s["speakers"]]
    return [
        f"/articles/{ids['hostile']}",
        f"/articles/{ids['hostile']}?statement={first['id']}",
        f"/statements/{first['id']}",
        *[f"/actors/{actor}" for actor in actors],
        "/search?text=alert",
        "/search?outlet=svg",
        "/articles",
        "/",
        "/claims?min_articles=1",
    ]


def test_hostile_article_stays_text(client: TestClient, ids: dict[str, int]) -> None:
    for page in _hostile_pages(client, ids):
        html = client.get(page).text
        found = elements(html)
        scripts = [a for tag, a in found if tag == "script"]
        assert all(a.get("src", "").startswith("/static/") for a in scripts), page
        assert not [tag for tag, _ in found if tag in ("img", "svg", "b", "i")], page
        handlers = [k for _, a in found for k in a if k.lower().startswith("on")]
        assert handlers == [], page
        hrefs = [str(a.get("href", "")) for _, a in found]
        assert not [h for h in hrefs if h.lower().lstrip().startswith("javascript")], (
            page
        )
        assert "<script>alert" not in html, page


def test_hostile_markup_is_escaped_where_shown(
    client: TestClient, ids: dict[str, int]
) -> None:
    html = client.get(f"/articles/{ids['hostile']}").text
    assert "&lt;script&gt;alert(&#34;text&#34;)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; Titel &amp; Co" in html
    assert "&#34;&gt;&lt;svg onload=alert(5)&gt;" in html
    # The javascript: address is shown as text, not linked.
    assert HOSTILE_URL in html
    assert f'href="{HOSTILE_URL}"' not in html
    # Broken markup in the text cannot close the page's own elements.
    assert "&lt;/p&gt;&lt;/div&gt;" in html
    assert "&lt;!--" in html
    assert html.rstrip().endswith("</html>")


def test_hostile_article_json_is_unchanged(
    client: TestClient, ids: dict[str, int]
) -> None:
    data = client.get(f"/api/articles/{ids['hostile']}").json()
    assert data["title"] == HOSTILE_TITLE
    assert data["outlet"] == HOSTILE_OUTLET
    assert data["url"] == HOSTILE_URL
    assert data["text"].startswith('<script>alert("text")</script>')


def test_no_inline_script_or_style_anywhere(
    client: TestClient, ids: dict[str, int]
) -> None:
    pages = [p for p, _ in _pages(client, ids)] + ["/extract", "/docs", "/nowhere"]
    for page in pages:
        found = elements(client.get(page).text)
        for tag, attrs in found:
            assert "style" not in attrs, (page, tag)
            assert not [k for k in attrs if k.startswith("on")], (page, tag)
            if tag == "script":
                assert attrs.get("src"), page
        assert "<style" not in client.get(page).text, page


@pytest.mark.parametrize("path", ["/", "/api/stats", "/nowhere", "/static/sayso.css"])
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    csp = headers["content-security-policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


@pytest.mark.parametrize(
    "value",
    [
        "'; DROP TABLE statements; --",
        '" OR 1=1 --',
        "%_\\",
        "NEAR(a b)",
        "x\x00y",
        "*",
        '"',
        "a AND OR NOT",
        "🙂 ∑ 漢字",
    ],
)
def test_sql_and_query_syntax_in_every_filter(client: TestClient, value: str) -> None:
    for name in ("text", "speaker", "outlet"):
        response = client.get("/api/statements", params={name: value})
        assert response.status_code in (200, 400), (name, value)
        if response.status_code == 400:
            assert response.json()["error"]["message"]
    assert client.get("/api/stats").json()["articles"] == 5


def test_body_limit_with_content_length(small_limit: TestClient) -> None:
    response = small_limit.post("/api/extract", json={"text": "x" * 10_000})
    assert response.status_code == 413
    assert response.json()["error"]["type"] == "BodyTooLarge"
    assert "4,096 bytes" in response.json()["error"]["message"]


def test_body_limit_without_content_length(small_limit: TestClient) -> None:
    def chunks():
        for _ in range(10):
            yield b"x" * 1000

    response = small_limit.post(
        "/api/extract",
        content=chunks(),
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 413


def test_body_limit_on_the_form(small_limit: TestClient) -> None:
    response = small_limit.post("/extract", data={"text": "y" * 10_000})
    assert response.status_code == 413


def test_bad_content_length_is_refused(small_limit: TestClient) -> None:
    response = small_limit.post(
        "/api/extract", content=b"{}", headers={"content-length": "abc"}
    )
    assert response.status_code == 400


def test_read_only_refuses_to_store(client: TestClient) -> None:
    response = client.post(
        "/api/articles", json=ARTICLE, headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert response.status_code == 403
    assert "SAYSO_TOKEN" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    "header",
    [None, "Bearer wrong-token-0000000000", "Basic dXNlcjpwYXNz", f"Token {TOKEN}"],
)
def test_writes_need_the_right_token(writable: TestClient, header: str | None) -> None:
    headers = {"Authorization": header} if header else {}
    response = writable.post("/api/articles", json=ARTICLE, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert writable.get("/api/stats").json()["articles"] == 5


def test_store_with_the_token(writable: TestClient) -> None:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    response = writable.post("/api/articles", json=ARTICLE, headers=headers)
    assert response.status_code == 201
    data = response.json()
    assert data["outcome"] == "added"
    assert data["statements"] == 1
    assert response.headers["location"] == data["url"]
    article = writable.get(data["url"]).json()
    assert article["origin"] == "web"
    assert article["statements"][0]["speakers"][0]["name"] == "Marco Rubio"
    again = writable.post("/api/articles", json=ARTICLE, headers=headers)
    assert again.status_code == 200
    assert again.json()["outcome"] == "duplicate"
    assert again.json()["article_id"] == data["article_id"]


def test_javascript_url_is_refused_on_input(writable: TestClient) -> None:
    body = {**ARTICLE, "url": "javascript:alert(1)"}
    headers = {"Authorization": f"Bearer {TOKEN}"}
    response = writable.post("/api/articles", json=body, headers=headers)
    assert response.status_code == 400
    assert "http(s)" in response.json()["error"]["message"]
    assert writable.post("/api/extract", json=body).status_code == 400


def test_form_store_needs_the_token(writable: TestClient) -> None:
    form = {
        "text": ARTICLE["text"],
        "lang": "de",
        "store": "on",
        "token": "wrong-token-00000000",
    }
    response = writable.post("/extract", data=form)
    assert response.status_code == 401
    assert "token is wrong" in response.text
    form["token"] = TOKEN
    stored = writable.post("/extract", data=form, follow_redirects=False)
    assert stored.status_code == 303
    assert "?stored=added" in stored.headers["location"]
    page = writable.get(stored.headers["location"])
    assert "Stored in the archive" in page.text


def test_a_short_token_is_refused() -> None:
    from sayso.errors import ConfigError
    from sayso.web import WebSettings

    with pytest.raises(ConfigError, match="at least 16"):
        WebSettings(token="short")
