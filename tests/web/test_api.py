"""The JSON API: every route, its documented shape, paging edges, errors."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import BaseModel

from sayso.web import schemas


def _valid(model: type[BaseModel], data: Any) -> None:
    """The response matches the model the OpenAPI schema documents."""
    model.model_validate(data)


def _first(client: TestClient, **params: str) -> dict[str, Any]:
    items = client.get("/api/statements", params=params).json()["items"]
    assert items, params
    return items[0]


@pytest.mark.parametrize(
    ("path", "model"),
    [
        ("/api/home", schemas.HomeJSON),
        ("/api/stats", schemas.StatsJSON),
        ("/api/statements", schemas.StatementPage),
        ("/api/articles", schemas.ArticlePage),
        ("/api/actors", schemas.ActorPage),
        ("/api/claims", schemas.ClaimPage),
    ],
)
def test_api_lists_match_their_schema(
    client: TestClient, path: str, model: Any
) -> None:
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    _valid(model, response.json())


def test_api_index_links_everything(client: TestClient) -> None:
    data = client.get("/api").json()
    assert data["writable"] is False
    assert data["openapi"] == "/api/openapi.json"
    assert set(data["endpoints"]) >= {"statements", "article", "actor", "chain"}


def test_api_stats_counts(client: TestClient) -> None:
    assert client.get("/api/stats").json() == {
        "articles": 5,
        "statements": 2 + 3 + 2 + 2 + 55,
        "actors": client.get("/api/stats").json()["actors"],
        "failures": 0,
    }


def test_api_article_has_text_statements_versions(
    client: TestClient, ids: dict[str, int]
) -> None:
    data = client.get(f"/api/articles/{ids['rubio']}").json()
    _valid(schemas.ArticleJSON, data)
    assert data["title"] == "Rubio: Sanktionen bleiben"
    assert data["versions"] == [ids["rubio"]]
    assert [s["statement"]["id"] for s in data["statements"]] == ["s1", "s2"]
    for hit in data["statements"]:
        for span in hit["statement"]["message"]:
            assert data["text"][span["start"] : span["end"]] == span["text"]


def test_api_statement_chain_up_and_down(client: TestClient) -> None:
    trump = _first(client, speaker="Trump")
    chain = client.get(f"/api/statements/{trump['id']}/chain").json()
    _valid(schemas.ChainJSON, chain)
    assert [s["speakers"][0]["name"] for s in chain["up"]] == ["Friedrich Merz"]
    merz_id = chain["up"][0]["id"]
    down = client.get(f"/api/statements/{merz_id}/chain").json()
    assert down["up"] == []
    assert [n["statement"]["id"] for n in down["down"]] == [trump["id"]]


def test_api_statement_detail_has_same_claim_and_context(client: TestClient) -> None:
    hit = _first(client, text="Sanktionen", speaker="Rubio", order="date")
    data = client.get(f"/api/statements/{hit['id']}").json()
    _valid(schemas.StatementDetail, data)
    assert data["statement"]["id"] == hit["id"]
    others = data["same_claim"]
    assert len(others) == 1
    assert others[0]["article"]["outlet"] == "Morgenblatt"
    context = data["context"]
    assert "die Sanktionen gegen Russland blieben in Kraft" in context["text"]
    article = client.get(f"/api/articles/{hit['article']['id']}").json()
    assert article["text"][context["start"] : context["end"]] == context["text"]


def test_api_actor_by_id_and_by_name(client: TestClient) -> None:
    by_name = client.get("/api/actors/Marco Rubio").json()
    _valid(schemas.ActorDetail, by_name)
    actor = by_name["actor"]
    assert actor["name"] == "Marco Rubio"
    assert actor["statements"] == 3
    assert [t["value"] for t in actor["timeline"]] == ["2025-08", "2025-09"]
    assert {c["value"] for c in actor["channels"]} >= {"im Sender NBC"}
    assert any(r["role"] == "US-Außenminister" for r in actor["roles"])
    by_id = client.get(f"/api/actors/{actor['id']}").json()
    assert by_id == by_name
    assert by_id["statements"]["total"] == 3


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"speaker": "Rubio"}, 3),
        ({"text": "nachgeben"}, 1),
        ({"q": "Sanktionen"}, 2),
        ({"outlet": "morgenblatt"}, 2),
        ({"kind": "direct"}, 2),
        ({"hearsay": "true"}, 1),
        ({"negated": "true"}, 1),
        ({"negated": "false", "outlet": "Abendpost"}, 2),
        ({"since": "2025-09-01", "until": "2025-09-30", "speaker": "Rubio"}, 1),
        ({"text": '"nicht nachgeben"'}, 1),
        ({"text": '"nachgeben nicht"'}, 0),
        ({"text": "Sanktionen OR Sicherheitsgarantien"}, 4),
        ({"text": "Russland -Sanktionen"}, 0),
        ({"text": "erledigt -Punkt"}, 0),
        ({"text": "erledigt"}, 55),
        ({"text": "Sankt*"}, 2),
    ],
)
def test_api_statement_filters(
    client: TestClient, params: dict[str, str], expected: int
) -> None:
    data = client.get("/api/statements", params=params).json()
    assert data["total"] == expected, data["query"]


def test_api_statements_paging_links(client: TestClient) -> None:
    first = client.get("/api/statements", params={"speaker": "Anna Beispiel"}).json()
    assert (first["total"], first["pages"], len(first["items"])) == (55, 2, 50)
    assert first["prev"] is None
    assert first["next"] == "/api/statements?speaker=Anna+Beispiel&page=2"
    second = client.get(first["next"]).json()
    assert len(second["items"]) == 5
    assert second["next"] is None
    assert second["prev"] == "/api/statements?speaker=Anna+Beispiel"
    ids = {h["id"] for h in first["items"]} | {h["id"] for h in second["items"]}
    assert len(ids) == 55


def test_api_statements_page_past_the_end_is_empty(client: TestClient) -> None:
    data = client.get("/api/statements", params={"page": "999"}).json()
    assert data["items"] == []
    assert data["page"] == 999
    assert data["next"] is None
    assert data["prev"].endswith(f"page={data['pages']}") or data["pages"] == 1


def test_api_limit_edges(client: TestClient) -> None:
    assert len(client.get("/api/statements?limit=1").json()["items"]) == 1
    assert client.get("/api/statements?limit=1000").status_code == 200
    for bad in ("0", "1001", "-1", "x"):
        response = client.get(f"/api/statements?limit={bad}")
        assert response.status_code == 422, bad
        assert response.json()["error"]["type"] == "ValidationError"


@pytest.mark.parametrize(
    ("query", "status", "words"),
    [
        ("page=0", 422, "page"),
        ("since=yesterday", 422, "since"),
        ("kind=gossip", 422, "kind"),
        ("hearsay=maybe", 422, "hearsay"),
        ("bogus=1", 400, "unknown parameter"),
        ("since=2025-09-01&until=2025-01-01", 400, "swap"),
        ("text=" + "x" * 1001, 422, "text"),
    ],
)
def test_api_bad_parameters_say_what_is_wrong(
    client: TestClient, query: str, status: int, words: str
) -> None:
    response = client.get(f"/api/statements?{query}")
    assert response.status_code == status
    error = response.json()["error"]
    _valid(schemas.ErrorJSON, response.json())
    assert error["status"] == status
    assert words in error["message"]


@pytest.mark.parametrize(
    "path",
    [
        "/api/articles/999999",
        "/api/articles/0",
        "/api/articles/99999999999999999999999",
        "/api/statements/999999",
        "/api/statements/999999/chain",
        "/api/actors/999999",
        "/api/actors/Niemand Unbekannt",
        "/api/nothing-here",
    ],
)
def test_api_missing_records_are_404_json(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    body = response.json()
    _valid(schemas.ErrorJSON, body)
    assert body["error"]["message"]


def test_api_non_numeric_id_is_422(client: TestClient) -> None:
    response = client.get("/api/articles/abc")
    assert response.status_code == 422
    assert "article_id" in response.json()["error"]["message"]


def test_api_articles_list_order_and_outlet(
    client: TestClient, ids: dict[str, int]
) -> None:
    added = client.get("/api/articles?order=-added").json()
    assert [a["id"] for a in added["items"]][:2] == [ids["crowd"], ids["hostile"]]
    published = client.get("/api/articles").json()
    dates = [a["published"] for a in published["items"]]
    assert dates == sorted(dates, reverse=True)
    only = client.get("/api/articles?outlet=abend").json()
    assert [a["id"] for a in only["items"]] == [ids["merz"]]
    assert client.get("/api/articles?order=title").status_code == 422


def test_api_actors_list_and_name_filter(client: TestClient) -> None:
    everyone = client.get("/api/actors").json()
    assert everyone["items"][0]["name"] == "Anna Beispiel"
    found = client.get("/api/actors?name=Rubio").json()
    assert [a["name"] for a in found["items"]] == ["Marco Rubio"]


def test_api_claims_groups_reports(client: TestClient) -> None:
    data = client.get("/api/claims").json()
    assert data["total"] == 1
    claim = data["items"][0]
    assert claim["actor"]["name"] == "Marco Rubio"
    assert claim["articles"] == 2
    assert client.get("/api/claims?min_articles=0").status_code == 422


def test_openapi_documents_every_route(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    paths = schema["paths"]
    for path in (
        "/api/statements",
        "/api/statements/{statement_id}",
        "/api/statements/{statement_id}/chain",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/actors/{actor}",
        "/api/extract",
    ):
        assert path in paths
    assert "post" in paths["/api/articles"]
    params = {p["name"] for p in paths["/api/statements"]["get"]["parameters"]}
    assert params >= {"speaker", "text", "since", "until", "kind", "page", "outlet"}
    assert "HTTPBearer" in schema["components"]["securitySchemes"]
    assert not any(p.startswith("/search") for p in paths)  # pages are not API
