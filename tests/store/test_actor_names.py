"""Names: titles split off as roles, spellings folded, last names resolved."""

from __future__ import annotations

import pytest

from sayso.actors import (
    Mention,
    is_full_name,
    last_key,
    name_key,
    parse_mention,
    resolve_in_article,
    speaker_name,
)


@pytest.mark.parametrize(
    "spellings",
    [
        ["Selenskyj", "Selensky", "Zelensky", "Zelenskyy", "Zelenskiy", "SELENSKYJ"],
        ["Wolodymyr Selenskyj", "Volodymyr Zelenskyy", "Wolodymyr Selensky"],
        ["Peskow", "Peskov"],
        ["Lawrow", "Lavrov"],
        ["Witkoff", "Witkow", "Witkov"],
        ["Dmitri Peskow", "Dmitry Peskov"],
        ["Sergej Lawrow", "Sergey Lavrov", "Sergei Lawrow"],
        ["Schoigu", "Shoigu"],
        ["Nawalny", "Navalny"],
        ["Donald Trump", "Donald J. Trump", "Dr. Donald Trump"],
        ["Søren", "Soren"],
    ],
)
def test_name_key_folds_spellings_together(spellings: list[str]) -> None:
    assert len({name_key(s) for s in spellings}) == 1


@pytest.mark.parametrize(
    ("a", "b"), [("Trump", "Rubio"), ("Peskow", "Putin"), ("Merz", "Merkel")]
)
def test_name_key_keeps_different_names_apart(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


@pytest.mark.parametrize(
    ("mention", "role", "name"),
    [
        ("US-Außenminister Rubio", "US-Außenminister", "Rubio"),
        ("US-Außenminister Marco Rubio", "US-Außenminister", "Marco Rubio"),
        ("Marco Rubio", "", "Marco Rubio"),
        (
            "der ukrainische Präsident Wolodymyr Selenskyj",
            "ukrainische Präsident",
            "Wolodymyr Selenskyj",
        ),
        ("Kremlsprecher Dmitri Peskow", "Kremlsprecher", "Dmitri Peskow"),
        ("Selenskyj, der Präsident der Ukraine", "Präsident der Ukraine", "Selenskyj"),
        (
            "der Präsident der Ukraine, Wolodymyr Selenskyj",
            "Präsident der Ukraine",
            "Wolodymyr Selenskyj",
        ),
        ("Secretary of State Marco Rubio", "Secretary of State", "Marco Rubio"),
        ("Bundeskanzler Friedrich Merz", "Bundeskanzler", "Friedrich Merz"),
        ("ein Sprecher des Ministeriums", "Sprecher des Ministeriums", ""),
        ("Der Kreml", "", "Kreml"),
        ("er", "", ""),
        ("Sie", "", ""),
        ("", "", ""),
    ],
)
def test_parse_mention_splits_role_and_name(mention: str, role: str, name: str) -> None:
    assert parse_mention(mention) == Mention(role, name)


def test_resolve_in_article_expands_a_last_name() -> None:
    context = ["Marco Rubio", "Donald Trump", "Kreml"]
    assert resolve_in_article("Rubio", context) == "Marco Rubio"
    assert resolve_in_article("Trump", context) == "Donald Trump"
    assert resolve_in_article("Peskow", context) == "Peskow"
    assert resolve_in_article("Trump", ["Donald Trump", "Melania Trump"]) == "Trump"


@pytest.mark.parametrize(
    ("speaker", "source", "name"),
    [
        ("Marco Rubio", "Er", "Marco Rubio"),
        (None, "US-Außenminister Rubio", "Rubio"),
        (None, "Er", ""),
        ("Kreml", "der Kreml", "Kreml"),
        ("Kremlsprecher", "", "Kremlsprecher"),
        ("ein Sprecher des Ministeriums", "", "Sprecher des Ministeriums"),
        ("Nachrichtenagentur Reuters", "", "Reuters"),
        ("die", "", ""),
        ("Dies", "", ""),
        ("Nein, das", "", ""),
        (None, "nach Polizeiangaben", ""),
        ("Ermittlungen der Polizei", "", ""),
        ("Mallory <img src=x onerror=alert(6)>", "", "Mallory"),
        ("Conor O'Brien", "", "Conor O'Brien"),
    ],
)
def test_speaker_name_files_statements_under_names_only(
    speaker: str | None, source: str, name: str
) -> None:
    assert speaker_name(speaker, source) == name


def test_keys_of_hostile_and_long_names_are_bounded() -> None:
    long = "Anna " * 1000
    assert len(name_key(long)) <= 200
    assert last_key("'); DROP TABLE actors;--") == "actors"
    assert not is_full_name("Rubio")
    assert is_full_name("Marco Rubio")
