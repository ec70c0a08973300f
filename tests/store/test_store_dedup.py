"""Nothing doubled: the same article is stored once; changed text is a new version."""

from __future__ import annotations

import pytest

from sayso.store import Store
from tests.store.builders import RUBIO, article, rubio_statements, statement

OTHER = "Der Kreml erklärte am Montag, man prüfe die Vorschläge sorgfältig."


def test_store_same_url_and_text_is_a_duplicate(store: Store) -> None:
    first = store.add_article(
        article(RUBIO, url="https://example.org/a"), rubio_statements()
    )
    again = store.add_article(
        article(RUBIO, url="https://example.org/a"), rubio_statements()
    )
    assert first.outcome == "added"
    assert again.outcome == "duplicate"
    assert again.article_id == first.article_id
    assert store.stats().articles == 1
    assert store.stats().statements == 2


@pytest.mark.parametrize(
    "variant",
    [
        "https://EXAMPLE.org/a#kommentare",
        "https://example.org:443/a?utm_source=feed&utm_medium=rss",
        "https://example.org/a?fbclid=abc",
    ],
)
def test_store_canonical_url_variants_are_the_same_article(
    store: Store, variant: str
) -> None:
    store.add_article(article(RUBIO, url="https://example.org/a"), rubio_statements())
    assert store.add_article(article(RUBIO, url=variant)).outcome == "duplicate"
    assert store.has_url(variant)


def test_store_whitespace_changes_are_not_a_new_text(store: Store) -> None:
    store.add_article(article(OTHER))
    reflowed = OTHER.replace(" ", "  \n", 2)
    assert store.add_article(article(reflowed, key="b")).outcome == "duplicate"


def test_store_changed_text_under_same_url_is_a_new_version(store: Store) -> None:
    url = "https://example.org/a"
    first = store.add_article(article(RUBIO, url=url), rubio_statements())
    changed = RUBIO + " Ergänzt um 12 Uhr."
    second = store.add_article(article(changed, url=url), rubio_statements(changed))
    assert second.outcome == "version"
    assert second.version == 2
    old, new = store.get_article(first.article_id), store.get_article(second.article_id)
    assert old.text == RUBIO
    assert not old.latest
    assert new.text == changed
    assert new.latest
    assert new.previous_id == first.article_id
    assert store.article_versions(first.article_id) == (
        first.article_id,
        second.article_id,
    )
    # Only the latest version counts; all versions on request.
    assert store.stats().articles == 1
    assert store.find_statements().total == 2
    assert store.find_statements(all_versions=True).total == 4
    # The first text again is the old version: a duplicate, not a third version.
    assert store.add_article(article(RUBIO, url=url)).outcome == "duplicate"


def test_store_duplicate_ids_with_other_text_are_both_kept(store: Store) -> None:
    a = store.add_article(article(RUBIO, key="same"), rubio_statements())
    b = store.add_article(article(OTHER, key="same"))
    assert a.outcome == b.outcome == "added"
    assert a.article_id != b.article_id
    assert store.get_article(a.article_id).text == RUBIO
    assert store.get_article(b.article_id).text == OTHER


def test_store_known_finds_stored_copy_without_writing(store: Store) -> None:
    assert store.known(article(RUBIO)) is None
    added = store.add_article(article(RUBIO), rubio_statements())
    known = store.known(article(RUBIO, key="other-key"))
    assert known is not None
    assert known.article_id == added.article_id
    assert known.statements == 2


def test_store_failed_article_leaves_nothing_behind(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sayso.store import registry

    calls = {"n": 0}
    real = registry.resolve

    def broken(session, name):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 1:
            raise RuntimeError("power cut")
        return real(session, name)

    monkeypatch.setattr(registry, "resolve", broken)
    with pytest.raises(RuntimeError):
        store.add_article(article(RUBIO), rubio_statements())
    stats = store.stats()
    assert (stats.articles, stats.statements, stats.actors) == (0, 0, 0)
    monkeypatch.setattr(registry, "resolve", real)
    assert store.add_article(article(RUBIO), rubio_statements()).outcome == "added"


def test_store_statement_with_bad_span_is_refused_whole(store: Store) -> None:
    good = statement(OTHER, cue="erklärte", source="Der Kreml")
    from dataclasses import replace

    from sayso.model import CharSpan

    bad = replace(good, id="s2", message=(CharSpan(0, 5, "Falsch"[:5]),))
    from sayso.errors import StoreError

    with pytest.raises(StoreError, match="does not match the article text"):
        store.add_article(article(OTHER), [good, bad])
    assert store.stats().articles == 0
