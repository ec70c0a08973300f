"""The text query language, canonical URLs and content hashes, claim tokens."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sayso.errors import ConfigError
from sayso.store.claims import claim_tokens, fingerprint, group
from sayso.store.identity import canonical_url, content_hash, identity_key
from sayso.store.search import parse_query, to_fts5, to_tsquery


def test_parse_query_terms() -> None:
    query = parse_query('Sanktion* "neue Zölle" -Kreml Kiew OR Kyiv')
    assert to_fts5(query) == (
        '((("sanktion"*) AND ("neue zölle") AND ("kiew" OR "kyiv")) NOT "kreml")'
    )
    assert "'sanktion':*" in to_tsquery(query)
    assert "!('kreml')" in to_tsquery(query)
    assert "('kiew') | ('kyiv')" in to_tsquery(query)


@pytest.mark.parametrize("text", ["", "   ", "-nur", '""', "() *", "OR OR"])
def test_parse_query_without_words_is_an_error(text: str) -> None:
    with pytest.raises(ConfigError, match="no word"):
        parse_query(text)


@given(st.text(max_size=200))
def test_parse_query_output_holds_only_words_and_syntax(text: str) -> None:
    try:
        query = parse_query(text)
    except ConfigError:
        return
    fts = to_fts5(query)
    ts = to_tsquery(query)
    for term in (t for g in query.groups for t in g):
        assert all(w.replace("_", "").isalnum() or "_" in w for w in term.words)
    assert fts.count('"') % 2 == 0
    assert ts.count("'") % 2 == 0


@pytest.mark.parametrize(
    ("url", "canonical"),
    [
        (
            "HTTPS://Example.ORG:443/a/b?utm_source=x&b=2&a=1#top",
            "https://example.org/a/b?a=1&b=2",
        ),
        ("http://example.org:8080", "http://example.org:8080/"),
        ("https://example.org/a?fbclid=1", "https://example.org/a"),
        ("nicht eine URL", "nicht eine URL"),
    ],
)
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


def test_content_hash_ignores_whitespace_and_normalisation() -> None:
    assert content_hash("Grüße  an\nalle") == content_hash("Gru\u0308ße an alle ")
    assert content_hash("a") != content_hash("b")
    assert identity_key(None, "x y") == identity_key("", "x  y")
    assert identity_key("https://e.org/a#x", "1") == identity_key(
        "https://e.org/a", "2"
    )


def test_claim_tokens_meet_across_direct_and_indirect_speech() -> None:
    direct = claim_tokens("Wir werden nicht nachgeben")
    indirect = claim_tokens("er werde nicht nachgeben")
    assert direct == indirect == ["nachgeb"]
    assert fingerprint(direct) == ""  # one token is too short to group
    a = claim_tokens("Die Sanktionen gegen Russland bleiben bestehen")
    b = claim_tokens("die Sanktionen gegen Russland bleiben weiter bestehen")
    c = claim_tokens("Die Sanktionen gegen Russland werden aufgehoben")
    items = [(fingerprint(t), frozenset(t)) for t in (a, b, c)]
    assert group(items) == [[0, 1], [2]]
