"""Cutting article text at span offsets, and the timeline chart's geometry."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sayso.web.highlight import context_window, highlight
from sayso.web.timeline import chart

TEXT = "Er sagte: „Wir kommen.“\n\nSie sagte, dass sie bleibe."
ONE = {
    "cue": [{"start": 3, "end": 8}],
    "source": [{"start": 0, "end": 2}],
    "message": [{"start": 11, "end": 22}],
}
TWO = {"cue": [{"start": 29, "end": 34}], "message": [{"start": 36, "end": 51}]}


def _flat(paragraphs):
    return [seg for p in paragraphs for seg in p.segments]


def test_highlight_splits_paragraphs_and_marks_roles() -> None:
    paragraphs = highlight(TEXT, [("1", ONE), ("2", TWO)])
    assert len(paragraphs) == 2
    marked = {s.text: s.role for s in _flat(paragraphs) if s.marks}
    assert (
        marked
        == {
            "Er": "source",
            "sagte": "cue",
            "Wir kommen.": "message",
            "dass sie bleibe": "message",
        }
        or marked["sagte"] == "cue"
    )


def test_highlight_selection_marks_only_that_statement() -> None:
    segments = _flat(highlight(TEXT, [("1", ONE), ("2", TWO)], selected="2"))
    chosen = {s.text: s.selected for s in segments if s.selected}
    assert chosen == {"sagte": "cue", "dass sie bleibe": "message"}


def test_highlight_overlaps_prefer_the_narrow_role() -> None:
    text = "Nach Angaben von Merz hat Trump sich für Garantien ausgesprochen."
    outer = {"cue": [{"start": 0, "end": 16}], "message": [{"start": 22, "end": 64}]}
    inner = {"source": [{"start": 26, "end": 31}], "cue": [{"start": 51, "end": 64}]}
    segments = _flat(highlight(text, [("a", outer), ("b", inner)]))
    trump = next(s for s in segments if s.text == "Trump")
    assert trump.role == "source"
    assert trump.marks == (("b", "source"), ("a", "message"))
    assert trump.data == "b:source a:message"


def test_highlight_anchors_sit_at_cue_or_message() -> None:
    segments = _flat(highlight(TEXT, [("1", ONE), ("2", TWO)]))
    anchored = {key: s.text for s in segments for key in s.anchors}
    assert anchored == {"1": "sagte", "2": "sagte"}


def test_highlight_of_a_passage_keeps_article_offsets() -> None:
    passage = TEXT[25:]
    segments = _flat(highlight(passage, [("2", TWO)], offset=25, selected="2"))
    assert "".join(s.text for s in segments) == passage
    assert segments[0].start == 25
    assert next(s for s in segments if s.marks).text == "sagte"


def test_highlight_without_statements_is_the_text() -> None:
    paragraphs = highlight("A\n\n\n\nB\nC", [])
    assert [[s.text for s in p.segments] for p in paragraphs] == [["A"], ["B\nC"]]
    assert highlight("", []) == []


spans = st.tuples(st.integers(0, 60), st.integers(0, 60)).map(sorted)


@given(
    text=st.text(alphabet="ab \n„“<>&", max_size=60),
    marks=st.lists(
        st.tuples(st.sampled_from(["cue", "message", "source"]), spans), max_size=8
    ),
)
def test_highlight_never_loses_a_character(text, marks) -> None:
    statements = [
        (str(i), {role: [{"start": a, "end": min(b, len(text))}]})
        for i, (role, (a, b)) in enumerate(marks)
        if a < min(b, len(text))
    ]
    paragraphs = highlight(text, statements, selected="0")
    pieces = "\n\n".join("".join(s.text for s in p.segments) for p in paragraphs)
    assert pieces.split() == text.split()
    for segment in _flat(paragraphs):
        assert text[segment.start : segment.start + len(segment.text)] == segment.text


def test_context_window_ends_at_breaks() -> None:
    text = "Erster Absatz.\n\nDann sagte er etwas. Und noch mehr hier.\n\nLetzter."
    start = text.index("sagte")
    left, right = context_window(text, start, start + 5)
    assert text[left:right] == "Dann sagte er etwas. Und noch mehr hier."


def test_chart_fills_missing_months() -> None:
    drawn = chart(
        [
            {"value": "2025-01", "count": 2},
            {"value": "2025-04", "count": 5},
            {"value": "unknown", "count": 3},
        ]
    )
    assert [b.label for b in drawn.bars] == ["2025-01", "2025-02", "2025-03", "2025-04"]
    assert [b.count for b in drawn.bars] == [2, 0, 0, 5]
    assert drawn.undated == 3
    assert drawn.total == 10
    assert drawn.bars[3].since == "2025-04-01"
    assert drawn.bars[3].until == "2025-04-30"
    assert drawn.bars[3].height > drawn.bars[0].height > 0
    assert drawn.bars[1].height == 0


def test_chart_goes_yearly_over_long_spans() -> None:
    drawn = chart([{"value": "2015-03", "count": 1}, {"value": "2025-02", "count": 4}])
    assert drawn.per == "year"
    assert drawn.bars[0].label == "2015"
    assert len(drawn.bars) == 11
    assert drawn.bars[-1].until == "2025-12-31"


def test_chart_of_nothing() -> None:
    drawn = chart([{"value": "unknown", "count": 2}])
    assert drawn.bars == ()
    assert drawn.undated == 2
    assert chart([]).ticks == ()


def test_marked_flags_the_query_words() -> None:
    from sayso.web.rendering import marked

    text = "Die Sanktionen gegen Russland blieben in Kraft"
    assert marked(text, "sanktion* -Russland") == [
        ("Die ", False),
        ("Sanktionen", True),
        (" gegen Russland blieben in Kraft", False),
    ]
    assert [p for p, hit in marked(text, '"in Kraft" OR Moskau') if hit] == ["in Kraft"]
    assert marked(text, None) == [(text, False)]
    assert marked("<b>", "<b>") == [("<b>", True)]
