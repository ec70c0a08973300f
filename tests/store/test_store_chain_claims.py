"""Say-so chains up and down; the same claim across articles and outlets."""

from __future__ import annotations

import datetime as dt

import pytest

from sayso.store import NotFoundError, StatementQuery, Store
from tests.store.builders import article, statement

NESTED = (
    "Nach Angaben von Merz hat Trump gesagt, Putin habe Garantien zugesagt. "
    "Witkoff bestätigte das."
)


def nested(store: Store) -> dict[str, int]:
    s1 = statement(
        NESTED, id="s1", cue="Nach Angaben von", source="Merz", speaker="Friedrich Merz"
    )
    s2 = statement(
        NESTED,
        id="s2",
        cue="gesagt",
        source="Trump",
        speaker="Donald Trump",
        parent="s1",
        message="Putin habe Garantien zugesagt",
    )
    s3 = statement(
        NESTED,
        id="s3",
        cue="zugesagt",
        source="Putin",
        speaker="Wladimir Putin",
        message="Garantien",
        parent="s2",
    )
    s4 = statement(
        NESTED,
        id="s4",
        cue="bestätigte",
        source="Witkoff",
        speaker="Steve Witkoff",
        message="das",
        parent="s2",
    )
    added = store.add_article(article(NESTED), [s1, s2, s3, s4])
    return {
        s.statement.id: s.id for s in store.get_article(added.article_id).statements
    }


def test_chain_up_and_down(store: Store) -> None:
    ids = nested(store)
    chain = store.chain(ids["s3"])
    assert [s.id for s in chain.up] == [ids["s2"], ids["s1"]]
    assert chain.down == ()
    top = store.chain(ids["s1"])
    assert top.up == ()
    (child,) = top.down
    assert child.statement.id == ids["s2"]
    assert sorted(c.statement.id for c in child.children) == [ids["s3"], ids["s4"]]


def test_chain_of_unknown_statement(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.chain(12345)


CLAIM_TEXTS = [
    (
        "Rubio sagte, die Sanktionen gegen Russland bleiben bestehen.",
        "die Sanktionen gegen Russland bleiben bestehen",
        "Abendblatt",
        17,
    ),
    (
        "Rubio betonte: „Die Sanktionen gegen Russland bleiben bestehen.“",
        "Die Sanktionen gegen Russland bleiben bestehen",
        "Morgenpost",
        18,
    ),
    (
        "Laut Rubio bleiben die Sanktionen gegen Russland weiter bestehen.",
        "bleiben die Sanktionen gegen Russland weiter bestehen",
        "Abendblatt",
        20,
    ),
    (
        "Rubio sagte, er reise nächste Woche nach Kiew.",
        "er reise nächste Woche nach Kiew",
        "Abendblatt",
        20,
    ),
]


def claims_store(store: Store) -> None:
    for number, (text, message, outlet, day) in enumerate(CLAIM_TEXTS):
        s = statement(
            text,
            cue="Rubio",
            source="Rubio",
            message=message,
            speaker="Marco Rubio",
            date=dt.date(2025, 8, day),
        )
        store.add_article(article(text, key=f"c{number}", outlet=outlet), [s])
    text = "Peskow sagte, die Sanktionen gegen Russland bleiben bestehen."
    s = statement(
        text,
        cue="sagte",
        source="Peskow",
        message="die Sanktionen gegen Russland bleiben bestehen",
        speaker="Peskow",
    )
    store.add_article(article(text, key="p", outlet="Morgenpost"), [s])


def test_claims_group_same_message_by_same_speaker(store: Store) -> None:
    claims_store(store)
    page = store.claims()
    assert page.total == 1
    (claim,) = page.items
    assert claim.actor.name == "Marco Rubio"
    assert claim.articles == 3
    assert claim.statements == 3
    assert claim.outlets == ("Abendblatt", "Morgenpost")
    assert claim.first_seen == dt.date(2025, 8, 17)
    assert claim.last_seen == dt.date(2025, 8, 20)
    assert claim.message.startswith("die Sanktionen")


def test_claims_filters_and_threshold(store: Store) -> None:
    claims_store(store)
    assert store.claims(min_articles=4).total == 0
    assert store.claims(min_articles=1).total >= 3
    assert store.claims(StatementQuery(speaker="Peskow")).total == 0
    assert (
        store.claims(StatementQuery(since=dt.date(2025, 8, 18))).items[0].articles == 2
    )


def test_same_claim_lists_the_other_reports(store: Store) -> None:
    claims_store(store)
    first = store.find_statements(speaker="Rubio", order="date").items[0]
    others = store.same_claim(first.id)
    assert len(others) == 2
    assert all(o.speakers[0].name == "Marco Rubio" for o in others)
