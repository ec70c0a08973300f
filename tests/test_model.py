"""The data model: spans, statements and articles, and their JSON form."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import sayso
from sayso.errors import SchemaError
from sayso.model import KINDS, ROLES, Article, CharSpan, Producer, Statement

TEXT = "Rubio sagte, das sei gut."


@pytest.mark.parametrize(("start", "end"), [(0, 5), (6, 11), (13, 24)])
def test_charspan_of_takes_text(start: int, end: int) -> None:
    span = CharSpan.of(TEXT, start, end)
    assert span.text == TEXT[start:end]


@pytest.mark.parametrize(("start", "end"), [(-1, 3), (5, 2), (0, 99)])
def test_charspan_of_rejects_outside(start: int, end: int) -> None:
    with pytest.raises(SchemaError):
        CharSpan.of(TEXT, start, end)


def test_charspan_rejects_wrong_text() -> None:
    with pytest.raises(SchemaError, match="characters"):
        CharSpan(0, 5, "Rub")


@pytest.mark.parametrize("kind", ["said", "", "Direct"])
def test_statement_rejects_unknown_kind(kind: str) -> None:
    with pytest.raises(SchemaError, match="kind"):
        Statement(id="s1", kind=kind)  # type: ignore[arg-type]


def test_statement_to_dict_is_score_format() -> None:
    statement = Statement(
        id="s1",
        kind="indirect",
        cue=(CharSpan.of(TEXT, 6, 11),),
        source=(CharSpan.of(TEXT, 0, 5),),
        message=(CharSpan.of(TEXT, 13, 24),),
        speaker="Marco Rubio",
        producer=Producer("rules.verb", "0.1"),
    )
    data = statement.to_dict()
    assert data["cue"] == [{"start": 6, "end": 11, "text": "sagte"}]
    assert data["speaker"] == "Marco Rubio"
    assert data["parent"] is None
    assert set(ROLES) <= set(data)


spans = st.builds(
    lambda a, b: CharSpan.of(TEXT, min(a, b), max(a, b)),
    st.integers(0, len(TEXT)),
    st.integers(0, len(TEXT)),
)
statements = st.builds(
    Statement,
    id=st.text(min_size=1, max_size=5),
    kind=st.sampled_from(KINDS),
    cue=st.tuples(spans),
    source=st.lists(spans, max_size=2).map(tuple),
    message=st.lists(spans, max_size=3).map(tuple),
    speaker=st.one_of(
        st.none(),
        st.text(max_size=10),
        st.lists(st.text(max_size=5), min_size=2, max_size=3).map(tuple),
    ),
    hearsay=st.booleans(),
    negated=st.booleans(),
    parent=st.one_of(st.none(), st.text(min_size=1, max_size=4)),
    date=st.one_of(st.none(), st.dates()),
    confidence=st.floats(0, 1),
)


@given(statements)
def test_statement_round_trips_through_json(statement: Statement) -> None:
    data = json.loads(json.dumps(statement.to_dict()))
    again = Statement.from_dict(data)
    assert again.to_dict() == statement.to_dict()


@given(statements, st.integers(0, 1000))
def test_statement_shift_moves_every_span(statement: Statement, offset: int) -> None:
    moved = statement.shifted(offset)
    for role in ROLES:
        for a, b in zip(statement.spans(role), moved.spans(role), strict=True):
            assert (b.start, b.end, b.text) == (
                a.start + offset,
                a.end + offset,
                a.text,
            )


def test_statement_from_dict_with_offsets_only() -> None:
    data = {"id": "s1", "kind": "direct", "message": [[13, 24]]}
    statement = Statement.from_dict(data, TEXT)
    assert statement.message[0].text == "das sei gut"


def test_statement_from_dict_names_the_problem() -> None:
    with pytest.raises(SchemaError, match="not a statement"):
        Statement.from_dict({"kind": "direct"})


@pytest.mark.parametrize(
    "published", ["2025-08-17", "2025-08-17T10:00:00Z", dt.date(2025, 8, 17)]
)
def test_article_from_dict_reads_dates(published: object) -> None:
    article = Article.from_dict({"id": "a", "text": "x", "published": published})
    assert article.published == dt.date(2025, 8, 17)


def test_article_from_dict_rejects_bad_date() -> None:
    with pytest.raises(SchemaError, match="YYYY-MM-DD"):
        Article.from_dict({"id": "a", "text": "x", "published": "17.08.2025"})


def test_public_names_match_all() -> None:
    """Every public name is listed in ``__all__`` and every listed name exists."""
    import types

    typing_helpers = {"annotations", "TYPE_CHECKING", "Any"}
    public = {
        name
        for name, value in vars(sayso).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and name not in typing_helpers
    }
    assert public <= set(sayso.__all__)
    for name in sayso.__all__:
        assert getattr(sayso, name) is not None, name


def test_extraction_validates_against_the_schema() -> None:
    import jsonschema

    from sayso.model import json_schema

    text = "„Wir kommen“, sagte die Ministerin. Das sei sicher.\n\nKeller: Geld kommt"
    (result,) = sayso.extract_articles([Article(id="a", text=text)])
    assert isinstance(result, sayso.Extraction)
    jsonschema.validate(result.to_dict(), json_schema())
