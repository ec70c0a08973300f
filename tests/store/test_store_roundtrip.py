"""A statement round-trips through the store unchanged, on every backend."""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sayso.model import KINDS, ROLES, Article, CharSpan, Producer, Statement
from sayso.store import Store
from tests.store.builders import RUBIO, article, rubio_statements

_counter = itertools.count()

# Any Unicode but NUL and lone surrogates, which no database stores (the
# ingest replaces them; test_store_errors checks that the store refuses them).
texts = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=300,
)


@st.composite
def articles_with_statements(draw: st.DrawFn) -> tuple[Article, list[Statement]]:
    # a numbered last line: two examples whose texts differ only in whitespace
    # would otherwise be the same article to the store (its identity normalises
    # whitespace) and the second would read back the first's text
    text = draw(texts) + f"\n#{next(_counter)}"
    count = draw(st.integers(min_value=0, max_value=4))
    statements = []
    for number in range(1, count + 1):
        roles = {}
        for role in ROLES:
            spans = []
            for _ in range(draw(st.integers(min_value=0, max_value=2))):
                a = draw(st.integers(min_value=0, max_value=len(text)))
                b = draw(st.integers(min_value=a, max_value=len(text)))
                spans.append(CharSpan.of(text, a, b))
            roles[role] = tuple(spans)
        speaker = draw(
            st.one_of(
                st.none(),
                texts.map(lambda t: t[:40]),
                st.lists(texts.map(lambda t: t[:20]), min_size=1, max_size=3).map(
                    tuple
                ),
            )
        )
        parent = (
            f"s{draw(st.integers(1, count))}"
            if count > 1 and draw(st.booleans())
            else None
        )
        statements.append(
            Statement(
                id=f"s{number}",
                kind=draw(st.sampled_from(KINDS)),
                speaker=speaker,
                mode=draw(st.sampled_from((None, "speech", "writing", "thought"))),
                hearsay=draw(st.booleans()),
                negated=draw(st.booleans()),
                parent=parent if parent != f"s{number}" else None,
                date=draw(
                    st.one_of(
                        st.none(), st.dates(dt.date(1900, 1, 1), dt.date(2100, 1, 1))
                    )
                ),
                confidence=draw(st.floats(min_value=0.0, max_value=1.0)),
                producer=Producer(draw(texts.map(lambda t: t[:30])), "1.2"),
                **roles,  # type: ignore[arg-type]
            )
        )
    url = draw(st.one_of(st.none(), st.just(f"https://example.org/{next(_counter)}")))
    key = draw(texts.map(lambda t: t[:50]))
    return Article(id=key, text=text, url=url, outlet="Testblatt"), statements


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=40)
@given(case=articles_with_statements())
def test_store_statements_round_trip_unchanged(
    store: Store, case: tuple[Article, list[Statement]]
) -> None:
    source, statements = case
    added = store.add_article(source, statements)
    view = store.get_article(added.article_id)
    assert view.text == source.text
    if added.outcome == "duplicate":
        return
    assert [s.statement for s in view.statements] == statements
    for stored in view.statements:
        assert store.get_statement(stored.id).statement == stored.statement


def test_store_article_metadata_round_trips(store: Store) -> None:
    source = article(
        RUBIO, url="https://example.org/rubio", title="Rubio zu Sanktionen"
    )
    added = store.add_article(
        source, rubio_statements(), author="Erika Beispiel", origin="x.html"
    )
    view = store.get_article(added.article_id)
    assert view.article == source
    assert view.author == "Erika Beispiel"
    assert view.origin == "x.html"
    assert view.version == 1
    assert view.latest
    assert view.previous_id is None
    assert view.canonical_url == "https://example.org/rubio"
    assert view.ingested_at.tzinfo is not None


def test_store_parents_resolve_to_archive_ids(store: Store) -> None:
    text = "Nach Angaben von Merz hat Trump sich für Garantien ausgesprochen."
    from tests.store.builders import statement

    outer = statement(
        text, id="s1", cue="Nach Angaben von", source="Merz", speaker="Merz"
    )
    inner = statement(
        text,
        id="s2",
        kind="reported",
        cue="ausgesprochen",
        source="Trump",
        message="für Garantien",
        speaker="Trump",
        parent="s1",
    )
    added = store.add_article(article(text), [outer, inner])
    view = store.get_article(added.article_id)
    by_local = {s.statement.id: s for s in view.statements}
    assert by_local["s2"].parent_id == by_local["s1"].id
    assert by_local["s2"].statement.parent == "s1"


def test_store_to_dict_is_plain_json(store: Store) -> None:
    import json

    added = store.add_article(article(RUBIO), rubio_statements())
    view = store.get_article(added.article_id)
    json.dumps(view.to_dict())
    page = store.find_statements()
    assert json.loads(json.dumps(page.to_dict()))["total"] == 2
