"""Queries: filters, full text, paging, and hostile input in every option."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from sayso.errors import ConfigError
from sayso.store import StatementQuery, Store
from tests.store.builders import RUBIO, article, rubio_statements, statement

KREML = (
    "Kremlsprecher Dmitri Peskow sagte gestern, Moskau sei zu Gesprächen bereit. "
    "Angeblich soll Putin einem Treffen zugestimmt haben. Peskow glaubt nicht, "
    "dass die Sanktionen bald fallen."
)


def kreml_statements() -> list:
    return [
        statement(
            KREML,
            id="s1",
            cue="sagte",
            source="Kremlsprecher Dmitri Peskow",
            message="Moskau sei zu Gesprächen bereit",
            speaker="Dmitri Peskow",
            date=dt.date(2025, 8, 18),
        ),
        statement(
            KREML,
            id="s2",
            kind="free_indirect",
            cue="soll",
            message="Putin einem Treffen zugestimmt",
            speaker="Putin",
            hearsay=True,
            date=dt.date(2025, 8, 19),
        ),
        statement(
            KREML,
            id="s3",
            cue="glaubt nicht",
            source="Peskow",
            message="dass die Sanktionen bald fallen",
            speaker="Peskow",
            negated=True,
            date=dt.date(2025, 8, 19),
        ),
    ]


@pytest.fixture
def filled(store: Store) -> Store:
    store.add_article(
        article(RUBIO, url="https://a.example/1", outlet="Abendblatt"),
        rubio_statements(),
    )
    store.add_article(
        article(KREML, url="https://b.example/2", outlet="Morgenpost"),
        kreml_statements(),
    )
    return store


def messages(store: Store, **filters: object) -> list[str]:
    page = store.find_statements(**filters, limit=100)  # type: ignore[arg-type]
    assert page.total == len(page.items)
    return sorted(s.role_text("message") for s in page.items)


def test_find_statements_by_speaker_any_spelling(filled: Store) -> None:
    rubio = messages(filled, speaker="Rubio")
    assert rubio == [
        "Wir werden nicht nachgeben",
        "die Sanktionen gegen Russland blieben in Kraft",
    ]
    assert messages(filled, speaker="Marco Rubio") == rubio
    assert messages(filled, speaker="US-Außenminister Rubio") == rubio
    assert len(messages(filled, speaker="Peskov")) == 2
    assert messages(filled, speaker="Niemand Bekanntes") == []


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"kind": "direct"}, 1),
        ({"hearsay": True}, 1),
        ({"hearsay": False}, 4),
        ({"negated": True}, 1),
        ({"since": dt.date(2025, 8, 19)}, 3),
        ({"until": dt.date(2025, 8, 17)}, 1),
        ({"since": dt.date(2025, 8, 18), "until": dt.date(2025, 8, 18)}, 1),
        ({"outlet": "morgen"}, 3),
        ({"outlet": "ABEND"}, 2),
        ({"speaker": "Peskow", "negated": True}, 1),
    ],
)
def test_find_statements_filters(filled: Store, filters: dict, expected: int) -> None:
    assert filled.find_statements(**filters).total == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sanktionen", 2),
        ("sanktionen russland", 1),
        ('"nicht nachgeben"', 1),
        ('"nachgeben nicht"', 0),
        ("Sankt*", 2),
        ("Sanktionen -Russland", 1),
        ("Moskau OR Putin", 2),
        ("Peskow", 2),
        ("Gesprachen", 1),
    ],
)
def test_find_statements_full_text(filled: Store, text: str, expected: int) -> None:
    if filled.engine.dialect.name == "postgresql" and text == "Gesprachen":
        pytest.skip("PostgreSQL's 'simple' configuration does not fold accents")
    assert filled.find_statements(text=text).total == expected


def test_find_statements_relevance_order_puts_best_first(filled: Store) -> None:
    page = filled.find_statements(
        text="Sanktionen Russland OR Moskau", order="relevance"
    )
    assert page.total >= 1


def test_find_statements_pages(filled: Store) -> None:
    first = filled.find_statements(limit=2, page=1)
    second = filled.find_statements(limit=2, page=2)
    third = filled.find_statements(limit=2, page=3)
    assert first.total == second.total == third.total == 5
    assert first.pages == 3
    ids = [s.id for p in (first, second, third) for s in p.items]
    assert len(set(ids)) == 5
    dates = [s.date for s in first.items + second.items + third.items]
    assert dates == sorted(dates, reverse=True)
    assert filled.find_statements(limit=2, page=9).items == ()


HOSTILE = [
    "'; DROP TABLE statements; --",
    '" OR 1=1 --',
    "%",
    "_",
    "\\",
    "*",
    "NEAR(a b)",
    "a AND OR NOT",
    "()",
    "é" * 900,
    "\u202e\u0000\ufffd",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_find_statements_hostile_values_are_plain_text(
    filled: Store, value: str
) -> None:
    for field in ("speaker", "outlet"):
        assert filled.find_statements(**{field: value}).total == 0
    if re.search(r"\w", value):
        filled.find_statements(text=value)
    else:
        with pytest.raises(ConfigError, match="no word"):
            filled.find_statements(text=value)
    assert filled.stats().statements == 5


def test_find_statements_refuses_overlong_filters(filled: Store) -> None:
    with pytest.raises(ConfigError, match="longer than"):
        filled.find_statements(text="x" * 5000)


def test_hostile_text_is_stored_and_found_verbatim(store: Store) -> None:
    text = "Robert'); DROP TABLE articles;-- sagte: „100 % _sicher_ \\ OR 1=1“."
    s = statement(
        text,
        cue="sagte",
        source="Robert'); DROP TABLE articles;--",
        message="100 % _sicher_ \\ OR 1=1",
        speaker="Robert'); DROP TABLE",
    )
    added = store.add_article(article(text, outlet="O'Brien & Söhne; --"), [s])
    assert store.get_article(added.article_id).statements[0].statement == s
    assert store.find_statements(text="sicher").total == 1
    assert store.find_statements(outlet="O'Brien").total == 1
    assert store.find_statements(speaker="Robert'); DROP TABLE").total == 1


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"page": "0"}, "pages are numbered"),
        ({"limit": "5000"}, "limit"),
        ({"kind": "gossip"}, "kind"),
        ({"since": "gestern"}, "not a date"),
        ({"since": "2025-09-01", "until": "2025-08-01"}, "swap"),
        ({"hearsay": "vielleicht"}, "true or false"),
        ({"page": "1; DROP"}, "whole number"),
        ({"sort": "x"}, "unknown parameter"),
    ],
)
def test_statement_query_from_params_explains_bad_values(
    params: dict, message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        StatementQuery.from_params(params)


def test_statement_query_from_params_reads_all_fields() -> None:
    query = StatementQuery.from_params(
        {
            "speaker": "Rubio",
            "since": "2025-08-01",
            "until": "2025-08-31",
            "kind": "direct",
            "hearsay": "true",
            "negated": "0",
            "outlet": "x",
            "q": "Sanktionen",
            "page": "2",
            "limit": "10",
            "order": "relevance",
            "article": "",
            "actor": None,
        }
    )
    assert query == StatementQuery(
        speaker="Rubio",
        since=dt.date(2025, 8, 1),
        until=dt.date(2025, 8, 31),
        kind="direct",
        hearsay=True,
        negated=False,
        outlet="x",
        text="Sanktionen",
        page=2,
        limit=10,
        order="relevance",
    )


def test_iter_statements_reads_everything_by_id(filled: Store) -> None:
    ids = [s.id for s in filled.iter_statements()]
    assert ids == sorted(ids)
    assert len(ids) == 5
    assert len(list(filled.iter_statements(StatementQuery(speaker="Rubio")))) == 2


def test_relevance_order_puts_the_best_match_first(store: Store) -> None:
    text = (
        "Meier sagte, die Brücke sei alt. "
        "Krause sagte, die Brücke, ja die Brücke über den Fluss, sei eine Brücke."
    )
    weak = statement(text, id="s1", cue="sagte", message="die Brücke sei alt")
    strong = statement(
        text,
        id="s2",
        cue="Krause sagte",
        message="die Brücke, ja die Brücke über den Fluss, sei eine Brücke",
    )
    store.add_article(article(text), [weak, strong])
    page = store.find_statements(text="Brücke", order="relevance")
    assert [s.statement.id for s in page.items] == ["s2", "s1"]


def test_bad_wait_timeout_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SAYSO_DB_TIMEOUT", "bald")
    with pytest.raises(ConfigError, match="SAYSO_DB_TIMEOUT"):
        Store("sqlite://")
