"""HTML pages: each renders, and its JSON twin is exactly what the API serves."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient


class _Elements(HTMLParser):
    """Tags and attributes of a page, to check what it holds without regexes."""

    def __init__(self) -> None:
        super().__init__()
        self.elements: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))


def elements(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Elements()
    parser.feed(html)
    return parser.elements


def _statement_id(client: TestClient, **params: str) -> int:
    return client.get("/api/statements", params=params).json()["items"][0]["id"]


def _pages(client: TestClient, ids: dict[str, int]) -> list[tuple[str, str]]:
    """Every page and its API twin."""
    trump = _statement_id(client, speaker="Trump")
    return [
        ("/", "/api/home"),
        ("/search", "/api/statements"),
        (
            "/search?text=Sanktionen&speaker=Rubio",
            "/api/statements?text=Sanktionen&speaker=Rubio",
        ),
        (
            "/search?speaker=Anna+Beispiel&page=2",
            "/api/statements?speaker=Anna+Beispiel&page=2",
        ),
        ("/articles", "/api/articles"),
        (
            "/articles?outlet=blatt&order=-added",
            "/api/articles?outlet=blatt&order=-added",
        ),
        (f"/articles/{ids['merz']}", f"/api/articles/{ids['merz']}"),
        ("/actors", "/api/actors"),
        ("/actors?name=Rubio", "/api/actors?name=Rubio"),
        (f"/statements/{trump}", f"/api/statements/{trump}"),
        ("/claims", "/api/claims"),
        ("/claims?min_articles=1", "/api/claims?min_articles=1"),
    ]


def test_every_page_renders_html(client: TestClient, ids: dict[str, int]) -> None:
    for page, _ in _pages(client, ids):
        response = client.get(page)
        assert response.status_code == 200, page
        assert response.headers["content-type"].startswith("text/html"), page
        assert "<main" in response.text


def test_every_page_has_its_json_twin(client: TestClient, ids: dict[str, int]) -> None:
    for page, twin in _pages(client, ids):
        joiner = "&" if "?" in page else "?"
        as_json = client.get(f"{page}{joiner}format=json")
        assert as_json.headers["content-type"].startswith("application/json"), page
        assert as_json.json() == client.get(twin).json(), page


def test_pages_link_their_twin(client: TestClient, ids: dict[str, int]) -> None:
    for page, twin in _pages(client, ids):
        links = [a for tag, a in elements(client.get(page).text) if tag == "link"]
        alternate = [a["href"] for a in links if a.get("rel") == "alternate"]
        assert alternate, page
        assert client.get(str(alternate[0])).json() == client.get(twin).json(), page


def test_accept_header_chooses_json(client: TestClient) -> None:
    response = client.get("/search", headers={"Accept": "application/json"})
    assert response.headers["content-type"].startswith("application/json")
    browser = client.get("/search", headers={"Accept": "text/html,application/json"})
    assert browser.headers["content-type"].startswith("text/html")


def test_head_requests_answer(client: TestClient) -> None:
    response = client.head("/search")
    assert response.status_code == 200
    assert response.content == b""


def test_article_page_highlights_every_role(
    client: TestClient, ids: dict[str, int]
) -> None:
    html = client.get(f"/articles/{ids['rubio']}").text
    spans = [a for tag, a in elements(html) if tag == "span" and "data-m" in a]
    classes = " ".join(str(a["class"]) for a in spans)
    for role in ("cue", "source", "message", "medium"):
        assert f"r-{role}" in classes, role
    assert "sel" not in classes.split()
    items = [a for tag, a in elements(html) if tag == "a" and "data-key" in a]
    assert len(items) == 2
    assert all(a["href"].startswith("?statement=") for a in items)


def test_article_page_selects_a_statement(
    client: TestClient, ids: dict[str, int]
) -> None:
    data = client.get(f"/api/articles/{ids['rubio']}").json()
    chosen = data["statements"][0]["id"]
    html = client.get(f"/articles/{ids['rubio']}?statement={chosen}").text
    found = elements(html)
    selected = [
        a for tag, a in found if tag == "span" and "sel" in str(a.get("class")).split()
    ]
    assert selected
    assert all(f"{chosen}:" in str(a["data-m"]) for a in selected)
    assert any("sel-cue" in str(a["class"]) for a in selected)
    current = [a for tag, a in found if tag == "a" and a.get("aria-current") == "true"]
    assert [a["data-key"] for a in current] == [str(chosen)]
    anchors = [a["id"] for tag, a in found if tag == "a" and a.get("class") == "anchor"]
    assert f"t{chosen}" in anchors


def test_article_page_ignores_a_foreign_statement(
    client: TestClient, ids: dict[str, int]
) -> None:
    response = client.get(f"/articles/{ids['rubio']}?statement=999999")
    assert response.status_code == 200
    assert 'aria-current="true"' not in response.text


def test_article_text_is_kept_exactly(client: TestClient, ids: dict[str, int]) -> None:
    """Cutting the text into marked pieces loses and adds no character."""
    data = client.get(f"/api/articles/{ids['merz']}").json()

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.depth = 0
            self.parts: list[str] = []

        def handle_starttag(self, tag: str, attrs: list) -> None:
            if self.depth or ("class", "article-text") in [
                (k, (v or "").split(" ")[0]) for k, v in attrs
            ]:
                self.depth += 1

        def handle_endtag(self, tag: str) -> None:
            if self.depth:
                self.depth -= 1

        def handle_data(self, data: str) -> None:
            if self.depth:
                self.parts.append(data)

    parser = Text()
    parser.feed(client.get(f"/articles/{ids['merz']}").text)
    assert "".join(parser.parts).split() == data["text"].split()


def test_actor_page_shows_timeline_roles_channels(client: TestClient) -> None:
    actor = client.get("/api/actors/Marco Rubio").json()["actor"]
    html = client.get(f"/actors/{actor['id']}").text
    found = elements(html)
    bars = [a for tag, a in found if tag == "rect" and "bar" in str(a.get("class"))]
    assert len(bars) == 2  # 2025-08 and 2025-09
    links = [
        a["href"]
        for tag, a in found
        if tag == "a" and "bar-link" in str(a.get("class"))
    ]
    assert f"/search?actor={actor['id']}&since=2025-08-01&until=2025-08-31" in links
    assert "US-Außenminister" in html
    assert "im Sender NBC" in html


def test_actor_page_by_name_redirects_to_the_id(client: TestClient) -> None:
    actor = client.get("/api/actors/Marco Rubio").json()["actor"]
    response = client.get("/actors/Rubio?page=1", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == f"/actors/{actor['id']}?page=1"


def test_statement_page_shows_chain_and_context(client: TestClient) -> None:
    trump = _statement_id(client, speaker="Trump")
    html = client.get(f"/statements/{trump}").text
    assert "Say-so chain" in html
    assert "Friedrich Merz" in html  # the statement it rests on
    found = elements(html)
    marked = [a for tag, a in found if tag == "span" and "data-m" in a]
    assert marked
    assert all("sel" in str(a["class"]) for a in marked)


def test_search_page_keeps_filters_and_pages(client: TestClient) -> None:
    html = client.get("/search?speaker=Anna+Beispiel&kind=indirect").text
    found = elements(html)
    speaker = [a for tag, a in found if tag == "input" and a.get("name") == "speaker"]
    assert speaker[0]["value"] == "Anna Beispiel"
    kind = [a for tag, a in found if tag == "option" and a.get("value") == "indirect"]
    assert "selected" in kind[0]
    nexts = [a["href"] for tag, a in found if tag == "a" and a.get("rel") == "next"]
    assert nexts == ["/search?page=2&speaker=Anna+Beispiel&kind=indirect"]
    cards = [a for tag, a in found if tag == "article"]
    assert len(cards) == 50


def test_search_page_past_the_end_offers_the_last(client: TestClient) -> None:
    html = client.get("/search?speaker=Anna+Beispiel&page=9").text
    assert "past the last one" in html
    assert "page=2" in html


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/articles/999999", 404),
        ("/statements/999999", 404),
        ("/actors/999999", 404),
        ("/no/such/page", 404),
        ("/search?page=0", 400),
        ("/search?since=soon", 400),
        ("/search?bogus=1", 400),
        ("/articles/abc", 422),
    ],
)
def test_errors_are_pages_for_browsers(
    client: TestClient, path: str, status: int
) -> None:
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert "error-box" in response.text
    joiner = "&" if "?" in path else "?"
    as_json = client.get(f"{path}{joiner}format=json")
    assert as_json.status_code == status
    assert as_json.json()["error"]["status"] == status


def test_extract_form_when_read_only(client: TestClient) -> None:
    html = client.get("/extract").text
    names = {a.get("name") for tag, a in elements(html) if tag in ("input", "textarea")}
    assert {"text", "file", "title", "url", "published"} <= names
    assert "token" not in names  # nothing can be stored
    assert "read-only" in html


def test_docs_page_lists_the_api(client: TestClient) -> None:
    html = client.get("/docs").text
    assert "/api/statements" in html
    assert "needs the write token" in html


def test_favicon_and_static_files(client: TestClient) -> None:
    assert client.get("/favicon.ico", follow_redirects=False).status_code == 308
    css = client.get("/static/sayso.css")
    assert css.status_code == 200
    assert css.headers["content-type"].startswith("text/css")
    assert client.get("/static/sayso.js").status_code == 200
    assert client.get("/static/../app.py").status_code == 404


def test_search_page_marks_the_words_found(client: TestClient) -> None:
    html = client.get("/search?text=Sanktionen").text
    assert "<mark>Sanktionen</mark>" in html
    hostile = client.get("/search", params={"text": "<script>"}).text
    assert "<mark><script>" not in hostile


def test_links_follow_the_root_path(archive_file) -> None:
    """Behind a proxy at /sayso (``--root-path``), every link keeps the prefix."""
    from sayso.web import WebSettings, create_app

    app = create_app(WebSettings(db=str(archive_file[0])))
    proxied = TestClient(app, root_path="/sayso")
    html = proxied.get("/search?text=Sanktionen").text
    found = elements(html)
    links = [
        str(a.get("href") or a.get("src") or a.get("action"))
        for tag, a in found
        if tag in ("a", "link", "script", "form")
    ]
    local = [link for link in links if link.startswith("/")]
    assert local
    assert all(link.startswith("/sayso/") for link in local), local
    data = proxied.get("/api/statements?speaker=Anna+Beispiel").json()
    assert data["next"].startswith("/sayso/api/statements?")
