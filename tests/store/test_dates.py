"""Statement dates: relative expressions resolved against the published date."""

from __future__ import annotations

import datetime as dt

import pytest

from sayso.dates import date_statement, date_statements, find_time_expressions
from tests.store.builders import statement

TUESDAY = dt.date(2025, 8, 19)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("heute", "2025-08-19"),
        ("gestern", "2025-08-18"),
        ("gestern Abend", "2025-08-18"),
        ("vorgestern", "2025-08-17"),
        ("morgen", "2025-08-20"),
        ("übermorgen", "2025-08-21"),
        ("heute Morgen", "2025-08-19"),
        ("am Sonntag", "2025-08-17"),
        ("am Sonntagabend", "2025-08-17"),
        ("am Dienstag", "2025-08-19"),
        ("am vergangenen Dienstag", "2025-08-12"),
        ("am kommenden Montag", "2025-08-25"),
        ("am Wochenende", "2025-08-16"),
        ("letzte Woche", "2025-08-11"),
        ("in der vergangenen Woche", "2025-08-11"),
        ("im vergangenen Monat", "2025-07-01"),
        ("im vergangenen Jahr", "2024-01-01"),
        ("vor zwei Tagen", "2025-08-17"),
        ("vor einer Woche", "2025-08-12"),
        ("vor 3 Monaten", "2025-05-19"),
        ("am 17. August", "2025-08-17"),
        ("am 30. Dezember", "2024-12-30"),
        ("am 1.8.2025", "2025-08-01"),
        ("2025-08-01", "2025-08-01"),
        ("yesterday", "2025-08-18"),
        ("today", "2025-08-19"),
        ("tomorrow", "2025-08-20"),
        ("on Sunday", "2025-08-17"),
        ("last Monday", "2025-08-18"),
        ("last Tuesday", "2025-08-12"),
        ("next Friday", "2025-08-22"),
        ("last week", "2025-08-11"),
        ("last month", "2025-07-01"),
        ("two days ago", "2025-08-17"),
        ("on August 17", "2025-08-17"),
        ("August 17, 2024", "2024-08-17"),
        ("on 12 August", "2025-08-12"),
    ],
)
def test_time_expressions_resolve(text: str, expected: str) -> None:
    (found,) = find_time_expressions(text, TUESDAY)
    assert found.date.isoformat() == expected
    assert found.text.strip() == found.text


@pytest.mark.parametrize(
    "text",
    ["Morgen wird es regnen", "3.5 Prozent", "Die Maifeier", "der Sonntagsausflug"],
)
def test_no_time_expression(text: str) -> None:
    assert [e for e in find_time_expressions(text, TUESDAY) if e.text != "Morgen"] == []


def test_statement_dated_by_expression_next_to_its_cue() -> None:
    text = "Selenskyj sagte am Sonntag, er werde morgen nach Washington reisen."
    s = statement(
        text,
        cue="sagte",
        source="Selenskyj",
        message="er werde morgen nach Washington reisen",
        date=TUESDAY,
    )
    date, expression = date_statement(s, text, TUESDAY)
    assert date == dt.date(2025, 8, 17)
    assert expression is not None
    assert expression.text == "am Sonntag"


def test_expression_inside_the_message_does_not_date_the_statement() -> None:
    text = "Selenskyj sagte, er werde morgen nach Washington reisen."
    s = statement(text, cue="sagte", message="er werde morgen nach Washington reisen")
    assert date_statement(s, text, TUESDAY) == (TUESDAY, None)


def test_expression_in_another_sentence_does_not_count() -> None:
    text = "Gestern regnete es. Der Minister sagte, alles sei gut."
    s = statement(text, cue="sagte", message="alles sei gut")
    assert date_statement(s, text, TUESDAY) == (TUESDAY, None)


def test_date_statements_keeps_extractor_dates_and_reports_expressions() -> None:
    text = (
        "Wie der Kreml gestern mitteilte, sei alles gut. "
        "Peskow sagte am 12. August nichts."
    )
    kept = statement(text, id="s2", cue="sagte am", date=dt.date(2025, 1, 1))
    dated = statement(
        text, id="s1", cue="mitteilte", message="sei alles gut", date=TUESDAY
    )
    out, expressions = date_statements(text, [dated, kept], TUESDAY)
    assert out[0].date == dt.date(2025, 8, 18)
    assert out[1].date == dt.date(2025, 1, 1)
    assert expressions == {"s1": "gestern"}


def test_without_published_date_nothing_is_invented() -> None:
    text = "Er sagte gestern, alles sei gut."
    s = statement(text, cue="sagte")
    assert date_statement(s, text, None) == (None, None)
