"""Every way ``find_statements`` answers gives the same page and total as a
plain filter-and-sort in Python: narrow and broad filters, full text driven
from the index or paged through the date index, superseded versions, dates
missing, ties on the date, both orders, every page."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
import sqlalchemy as sa

from sayso.model import Article, CharSpan, Kind, Producer, Statement
from sayso.store import StatementQuery, Store, StoredStatement
from sayso.store import queries as store_queries

WORDS = ("alpha", "beta", "gamma", "delta", "omega")
SPEAKERS = ("Anna Keller", "Paul Weber", "Lena Brandt")
OUTLETS = ("Abendblatt", "Morgenpost", "Kurier Nord")
KINDS: tuple[Kind, ...] = ("direct", "indirect", "reported")


@dataclass(frozen=True)
class Truth:
    """What a statement is, as stored: the facts the filters look at."""

    id: int
    latest: bool
    date: dt.date | None
    kind: str
    hearsay: bool
    negated: bool
    outlet: str | None
    article_id: int
    speaker: str
    words: frozenset[str]


def _article_text(rng: random.Random, count: int) -> tuple[str, list[Any]]:
    parts = []
    for _ in range(count):
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 3)))
        parts.append((rng.choice(SPEAKERS), words))
    text = " ".join(f"{speaker} sagte, {words}." for speaker, words in parts)
    return text, parts


def _statements(
    text: str, parts: list[Any], rng: random.Random, day: dt.date | None
) -> list[Statement]:
    out, at = [], 0
    for index, (speaker, words) in enumerate(parts, start=1):
        cue_at = at + len(speaker) + 1
        message_at = cue_at + len("sagte") + 2
        undated = rng.random() < 0.15
        out.append(
            Statement(
                id=f"s{index}",
                kind=rng.choice(KINDS),
                cue=(CharSpan.of(text, cue_at, cue_at + 5),),
                source=(CharSpan.of(text, at, at + len(speaker)),),
                message=(CharSpan.of(text, message_at, message_at + len(words)),),
                speaker=speaker,
                hearsay=rng.random() < 0.3,
                negated=rng.random() < 0.3,
                date=None if undated or day is None else day,
                producer=Producer("test.paths", "1"),
            )
        )
        at = message_at + len(words) + 2
    return out


def fill(store: Store, seed: int = 4) -> None:
    rng = random.Random(seed)
    for number in range(14):
        day = (
            None
            if number == 3
            else dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(6))
        )
        url = f"https://paths.example/{number}"
        outlet = OUTLETS[number % 3] if number != 5 else None
        versions = 2 if number % 4 == 1 else 1
        for version in range(versions):
            text, parts = _article_text(rng, rng.randint(3, 7))
            text += f" Stand {version}."
            store.add_article(
                Article(
                    id=f"p{number}",
                    text=text,
                    url=url,
                    outlet=outlet,
                    published=day,
                    language="de",
                ),
                _statements(text, parts, rng, day),
            )


def truths(store: Store) -> list[Truth]:
    found = list(store.iter_statements(StatementQuery(all_versions=True)))
    latest = {s.article.id: store.get_article(s.article.id).latest for s in found}
    return [_truth(s, latest[s.article.id]) for s in found]


def _truth(stored: StoredStatement, latest: bool) -> Truth:
    statement = stored.statement
    return Truth(
        id=stored.id,
        latest=latest,
        date=statement.date,
        kind=statement.kind,
        hearsay=statement.hearsay,
        negated=statement.negated,
        outlet=stored.article.outlet,
        article_id=stored.article.id,
        speaker=str(statement.speaker),
        words=frozenset(stored.role_text("message").split()),
    )


def expected(rows: list[Truth], query: StatementQuery) -> list[int]:
    def keep(t: Truth) -> bool:
        checks: list[Callable[[], bool]] = [
            lambda: query.all_versions or t.latest,
            lambda: query.text is None or all(w in t.words for w in query.text.split()),
            lambda: query.speaker is None or t.speaker == query.speaker,
            lambda: (
                query.since is None or (t.date is not None and t.date >= query.since)
            ),
            lambda: (
                query.until is None or (t.date is not None and t.date <= query.until)
            ),
            lambda: query.kind is None or t.kind == query.kind,
            lambda: query.hearsay is None or t.hearsay == query.hearsay,
            lambda: query.negated is None or t.negated == query.negated,
            lambda: (
                query.outlet is None
                or (t.outlet is not None and query.outlet.lower() in t.outlet.lower())
            ),
            lambda: query.article_id is None or t.article_id == query.article_id,
        ]
        return all(check() for check in checks)

    chosen = [t for t in rows if keep(t)]
    if query.order == "date":
        chosen.sort(key=lambda t: (t.date is None, t.date or dt.date.min, t.id))
    else:
        chosen.sort(
            key=lambda t: (t.date is None, -(t.date or dt.date.min).toordinal(), -t.id)
        )
    return [t.id for t in chosen]


QUERIES: list[dict[str, Any]] = [
    {},
    {"order": "date"},
    {"all_versions": True},
    {"text": "alpha"},
    {"text": "alpha", "order": "date"},
    {"text": "alpha", "all_versions": True},
    {"text": "alpha beta"},
    {"text": "omega", "kind": "direct"},
    {"text": "gamma", "speaker": "Anna Keller"},
    {"kind": "indirect", "hearsay": True},
    {"kind": "reported", "negated": False, "since": dt.date(2025, 1, 2)},
    {"since": dt.date(2025, 1, 2), "until": dt.date(2025, 1, 4), "negated": True},
    {"outlet": "blatt", "since": dt.date(2025, 1, 1)},
    {"outlet": "KURIER", "order": "date"},
    {"outlet": "post", "all_versions": True},
    {"speaker": "Paul Weber"},
    {"speaker": "Lena Brandt", "hearsay": False, "order": "date"},
]


@pytest.mark.parametrize("broad", [0, 10**9], ids=["through-dates", "from-matches"])
def test_every_search_path_matches_a_plain_filter(
    store: Store, broad: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_queries, "BROAD_MATCHES", broad)
    fill(store)
    rows = truths(store)
    assert any(not t.latest for t in rows)
    assert any(t.date is None for t in rows)
    for params in QUERIES:
        want = expected(rows, StatementQuery(**params))
        for limit in (4, 50):
            pages = max(1, -(-len(want) // limit)) + 1
            got: list[int] = []
            for page in range(1, pages + 1):
                found = store.find_statements(
                    StatementQuery(**params, page=page, limit=limit)
                )
                assert found.total == len(want), (params, page)
                got.extend(s.id for s in found.items)
            assert got == want, params


def test_superseded_versions_never_count(store: Store) -> None:
    fill(store)
    rows = truths(store)
    old = [t for t in rows if not t.latest]
    assert old
    for t in old:
        assert t.id not in {
            s.id for s in store.find_statements(article_id=t.article_id).items
        }
    assert store.find_statements().total == sum(1 for t in rows if t.latest)
    assert store.stats().statements == sum(1 for t in rows if t.latest)
    with store.engine.connect() as conn:
        flags = dict(conn.execute(sa.text("SELECT id, latest FROM statements")).all())
    assert {k: bool(v) for k, v in flags.items()} == {t.id: t.latest for t in rows}
