"""Actors across articles and spellings; roles with dates; merge, split, aliases."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from sayso.errors import ConfigError, InputError
from sayso.store import NotFoundError, Store
from tests.store.builders import article, statement


def said(
    store: Store, who: str, source: str | None = None, *, day: int = 19, key: str = ""
) -> int:
    text = f"{source or who} sagte am Montag, das Projekt {key or who} sei wichtig."
    s = statement(
        text,
        cue="sagte",
        source=source or who,
        message=f"das Projekt {key or who} sei wichtig",
        speaker=who,
        date=dt.date(2025, 8, day),
    )
    added = store.add_article(article(text, key=key or who), [s])
    return store.get_article(added.article_id).statements[0].speakers[0].id


def test_spellings_across_articles_are_one_actor(store: Store) -> None:
    ids = {
        said(store, "Wolodymyr Selenskyj", key="a"),
        said(store, "Volodymyr Zelenskyy", key="b"),
        said(store, "Zelensky", key="c"),
        said(store, "Selenskyj", key="d"),
        said(store, "Selensky", key="e"),
    }
    assert len(ids) == 1
    actor = store.get_actor("Zelenskyy")
    assert actor.statements == 5
    assert actor.name == "Wolodymyr Selenskyj"
    assert {a.name for a in actor.aliases} >= {"Wolodymyr Selenskyj", "Zelensky"}


def test_bare_last_name_first_then_full_name_are_one_actor(store: Store) -> None:
    first = said(store, "Rubio", key="a")
    second = said(store, "Marco Rubio", key="b")
    third = said(store, "Rubio", key="c")
    assert second == third
    assert store.get_actor(first).id == second
    assert store.get_actor("Marco Rubio").statements == 3
    assert store.stats().actors == 1


def test_titles_become_roles_with_dates(store: Store) -> None:
    said(store, "Rubio", "US-Außenminister Rubio", day=17, key="a")
    said(store, "Marco Rubio", "Senator Marco Rubio", day=2, key="b")
    said(store, "Rubio", "US-Außenminister Rubio", day=19, key="c")
    actor = store.get_actor("Rubio")
    roles = {r.role: r for r in actor.roles}
    assert roles["US-Außenminister"].first_seen == dt.date(2025, 8, 17)
    assert roles["US-Außenminister"].last_seen == dt.date(2025, 8, 19)
    assert roles["US-Außenminister"].count == 2
    assert roles["Senator"].first_seen == dt.date(2025, 8, 2)
    assert actor.first_seen == dt.date(2025, 8, 2)
    assert [c.value for c in actor.timeline] == ["2025-08"]


def test_actor_channels_and_addressees(store: Store) -> None:
    text = "Trump drohte Russland auf Truth Social mit neuen Sanktionen."
    s = statement(
        text,
        kind="reported",
        cue="drohte",
        source="Trump",
        addressee="Russland",
        medium="auf Truth Social",
        message="mit neuen Sanktionen",
        speaker="Donald Trump",
    )
    store.add_article(article(text), [s])
    actor = store.get_actor("Trump")
    assert [(c.value, c.count) for c in actor.channels] == [("auf Truth Social", 1)]
    assert [(c.value, c.count) for c in actor.addressees] == [("Russland", 1)]


def test_joint_statement_files_under_each_speaker(store: Store) -> None:
    text = "Merz und Macron erklärten, Europa stehe zusammen."
    s = statement(
        text,
        cue="erklärten",
        source="Merz und Macron",
        message="Europa stehe zusammen",
        speaker=("Friedrich Merz", "Emmanuel Macron"),
    )
    store.add_article(article(text), [s])
    assert store.find_statements(speaker="Merz").total == 1
    assert store.find_statements(speaker="Macron").total == 1
    hit = store.find_statements().items[0]
    assert [a.name for a in hit.speakers] == ["Friedrich Merz", "Emmanuel Macron"]


def test_ambiguous_last_name_is_filed_apart_and_merge_fixes_it(store: Store) -> None:
    donald = said(store, "Donald Trump", key="a")
    melania = said(store, "Melania Trump", key="b")
    bare = said(store, "Trump", key="c")
    assert len({donald, melania, bare}) == 3
    with pytest.raises(ConfigError, match="give the id"):
        store.get_actor("Trump")
    view = store.merge_actors(donald, bare)
    assert view.statements == 2
    assert (
        store.find_statements(actor_id=bare).total == 2
    )  # a merged id follows its target
    assert store.stats().actors == 2


def test_split_moves_aliases_and_their_statements(store: Store) -> None:
    said(store, "Anna Schmidt", key="a")
    said(store, "Anne Schmid", key="b")
    target = store.get_actor("Anna Schmidt")
    other = store.get_actor("Anne Schmid")
    merged = store.merge_actors(target.id, other.id)
    assert merged.statements == 2
    new = store.split_actor(target.id, ["Anne Schmid"], name="Anne Schmid")
    assert new.statements == 1
    assert store.get_actor(target.id).statements == 1
    with pytest.raises(ConfigError, match="has no alias"):
        store.split_actor(target.id, ["Niemand"])
    with pytest.raises(ConfigError, match="empty"):
        store.split_actor(new.id, ["Anne Schmid"])


def test_add_alias_moves_statements_filed_under_it(store: Store) -> None:
    said(store, "Kremlchef Putin", key="a")
    said(store, "Wladimir Putin", key="b")
    said(store, "Kreml", key="c")
    putin = store.get_actor("Wladimir Putin")
    view = store.add_aliases(putin.id, ["Kreml"])
    assert view.statements == putin.statements + 1
    assert store.find_statements(speaker="Kreml").total >= 1


def test_aliases_file_text_and_toml(store: Store, tmp_path: Path) -> None:
    said(store, "Selenskyj", key="a")
    said(store, "Zelenskyj Wolodymyr", key="b")
    text = tmp_path / "aliases.txt"
    text.write_text(
        "# who is who\nWolodymyr Selenskyj: Selenskyj | Zelenskyj Wolodymyr\n",
        encoding="utf-8",
    )
    (view,) = store.load_aliases(text)
    assert view.name == "Wolodymyr Selenskyj"
    assert view.statements == 2
    toml = tmp_path / "aliases.toml"
    toml.write_text(
        '[[actor]]\nname = "Marco Rubio"\naliases = ["Secretary Rubio"]\n'
        'roles = [{ role = "US-Außenminister", since = 2025-01-21 }]\n',
        encoding="utf-8",
    )
    (rubio,) = store.load_aliases(toml)
    assert rubio.roles[0].role == "US-Außenminister"
    assert rubio.roles[0].first_seen == dt.date(2025, 1, 21)
    assert said(store, "Rubio", key="c") == rubio.id


@pytest.mark.parametrize(
    ("content", "suffix", "error"),
    [
        ("nur ein Name ohne Doppelpunkt\n", ".txt", InputError),
        ("[[actor]]\nname = 3\n", ".toml", InputError),
        ("[[actor\n", ".toml", InputError),
        (
            '[[actor]]\nname = "A B"\nroles = [{ role = "x", since = "morgen" }]\n',
            ".toml",
            ConfigError,
        ),
    ],
)
def test_aliases_file_errors_name_the_file(
    store: Store, tmp_path: Path, content: str, suffix: str, error: type
) -> None:
    path = tmp_path / f"bad{suffix}"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(error):
        store.load_aliases(path)


def test_get_actor_not_found_and_by_id(store: Store) -> None:
    with pytest.raises(NotFoundError):
        store.get_actor("Niemand")
    with pytest.raises(NotFoundError):
        store.get_actor(999)
    actor_id = said(store, "Marco Rubio")
    assert store.get_actor(actor_id).name == "Marco Rubio"
    assert store.get_actor(str(actor_id)).name == "Marco Rubio"
    assert store.find_actors().total == 1
    assert store.find_actors("Rubio").items[0].statements == 1


def test_rename_keeps_the_name(store: Store) -> None:
    actor_id = said(store, "Rubio")
    assert store.rename_actor(actor_id, "Marco Rubio").name == "Marco Rubio"
    said(store, "Marco Rubio", key="z")
    assert store.get_actor(actor_id).name == "Marco Rubio"
