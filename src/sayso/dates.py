"""When a statement was made: time expressions resolved against the published date.

``Selenskyj sagte am Sonntag …`` in an article published on Tuesday,
19 August 2025, was said on Sunday, 17 August. :func:`find_time_expressions`
finds such expressions in German and English (``heute``, ``gestern``,
``morgen``, ``am Sonntag``, ``vergangene Woche``, ``vor zwei Tagen``, ``am 17.
August``; ``yesterday``, ``on Monday``, ``last week``, ``two days ago``,
``August 17``) and resolves each to a date; :func:`date_statement` picks the
one that dates a statement: in the sentence of its cue, outside its message
(``Er werde morgen reisen`` says nothing about when it was said), nearest the
cue.

Conventions, as news uses them: a bare weekday is the latest such day on or
before publication (``vergangenen``/``last`` the one before that, unless the
day is today; ``kommenden``/``next`` the next one after); a week is dated by its
Monday, a month by its first day, a year by 1 January.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from sayso.model import Statement

_WEEKDAYS: Final = {
    "montag": 0,
    "dienstag": 1,
    "mittwoch": 2,
    "donnerstag": 3,
    "freitag": 4,
    "samstag": 5,
    "sonnabend": 5,
    "sonntag": 6,
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
}
_MONTHS: Final = {
    "januar": 1,
    "jänner": 1,
    "februar": 2,
    "märz": 3,
    "april": 4,
    "mai": 5,
    "juni": 6,
    "juli": 7,
    "august": 8,
    "september": 9,
    "oktober": 10,
    "november": 11,
    "dezember": 12,
    "january": 1,
    "february": 2,
    "march": 3,
    "may": 5,
    "june": 6,
    "july": 7,
    "october": 10,
    "december": 12,
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "okt": 10,
    "nov": 11,
    "dec": 12,
    "dez": 12,
}
_NUMBERS: Final = {
    "einem": 1,
    "einer": 1,
    "einen": 1,
    "zwei": 2,
    "drei": 3,
    "vier": 4,
    "fünf": 5,
    "sechs": 6,
    "sieben": 7,
    "acht": 8,
    "neun": 9,
    "zehn": 10,
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
}

_DAYPART = (
    r"(?i:\s*(?:früh|morgen|vormittag|mittag|nachmittag|abend|nacht)"
    r"|\s+(?:morning|afternoon|evening|night))?"
)
_WEEKDAY = "|".join(sorted(_WEEKDAYS, key=len, reverse=True))
_MONTH = "|".join(sorted(_MONTHS, key=len, reverse=True))
_NUMBER = r"\d{1,3}|" + "|".join(sorted(_NUMBERS, key=len, reverse=True))
_PAST = r"vergangen\w*|letzt\w*|vorig\w*|last|past"
_NEXT = r"kommend\w*|nächst\w*|next|coming"
_THIS = r"dies\w*|this"

# Each pattern names what it resolves: see _resolve.
_PATTERNS: Final = [
    (
        "iso",
        re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    ),
    (
        "dmy",
        re.compile(
            r"\b(?:am\s+|on\s+|vom\s+)?(?P<d>\d{1,2})\.?\s+(?P<mon>" + _MONTH + r")\.?"
            r"(?:\s+(?P<y>\d{4}))?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "mdy",
        re.compile(
            r"\b(?:on\s+)?(?P<mon>" + _MONTH + r")\.?\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?"
            r"(?:,?\s+(?P<y>\d{4}))?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "numeric",
        re.compile(r"\b(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4}|\d{2})?(?!\d)"),
    ),
    (
        "ago",
        re.compile(
            r"\b(?:vor\s+(?P<n1>" + _NUMBER + r")\s+(?P<u1>tag|tagen|woche|wochen|"
            r"monat|monaten|jahr|jahren)\b"
            r"|(?P<n2>" + _NUMBER + r")\s+(?P<u2>day|days|week|weeks|month|months|"
            r"year|years)\s+ago\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "relday",
        re.compile(
            r"\b(?P<rel>vorgestern|übermorgen|gestern|heute|morgen(?=\s|[.,;:!?]|$)|"
            r"(?i:the\s+day\s+before\s+yesterday)|(?i:yesterday)|(?i:today)|"
            r"(?i:tonight)|(?i:tomorrow))" + _DAYPART,
        ),
    ),
    (
        "relday_cap",
        re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<rel>Gestern|Heute|Vorgestern)\b"),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:(?:am|on|vom|seit|since)\s+)?"
            r"(?:(?P<mod>" + _PAST + "|" + _NEXT + "|" + _THIS + r")\s+)?"
            r"(?P<wd>" + _WEEKDAY + r")(?P<part>s?(?:abend|morgen|nachmittag|"
            r"vormittag|mittag|nacht))?"
            + r"(?:\s+(?:morning|afternoon|evening|night))?\b",
            re.IGNORECASE,
        ),
    ),
    (
        "weekend",
        re.compile(
            r"\b(?:am\s+|over\s+the\s+|at\s+the\s+|this\s+|last\s+)?"
            r"(?:(?P<mod>" + _PAST + "|" + _NEXT + r")\s+)?(?:wochenende|weekend)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "period",
        re.compile(
            r"\b(?:in\s+der\s+|im\s+|in\s+)?(?P<mod>"
            + _PAST
            + "|"
            + _NEXT
            + "|"
            + _THIS
            + r"|earlier\s+this|later\s+this)\s+"
            r"(?P<unit>woche|monat|jahr|jahres|week|month|year)\b",
            re.IGNORECASE,
        ),
    ),
]


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression in a text, its characters, and the date it means."""

    start: int
    end: int
    text: str
    date: dt.date


def find_time_expressions(text: str, published: dt.date) -> list[TimeExpression]:
    """Every time expression in ``text`` that resolves against ``published``."""
    found: list[TimeExpression] = []
    taken: list[tuple[int, int]] = []
    for name, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < b and a < end for a, b in taken):
                continue
            date = _resolve(name, match, published)
            if date is None:
                continue
            taken.append((start, end))
            found.append(TimeExpression(start, end, match.group(0), date))
    return sorted(found, key=lambda e: e.start)


def resolve_expression(text: str, published: dt.date) -> dt.date | None:
    """The date one expression (``am Sonntag``, ``last week``) means, or None."""
    found = find_time_expressions(text, published)
    return found[0].date if found else None


def _resolve(name: str, match: re.Match[str], published: dt.date) -> dt.date | None:
    group = match.groupdict()
    try:
        if name == "iso":
            return dt.date(int(group["y"]), int(group["m"]), int(group["d"]))
        if name in ("dmy", "mdy"):
            month = _MONTHS[group["mon"].casefold()]
            return _day_in_year(int(group["d"]), month, group.get("y"), published)
        if name == "numeric":
            return _day_in_year(int(group["d"]), int(group["m"]), group["y"], published)
    except ValueError:
        return None
    if name == "ago":
        amount = group["n1"] or group["n2"]
        unit = (group["u1"] or group["u2"]).casefold()
        count = int(amount) if amount.isdigit() else _NUMBERS[amount.casefold()]
        if unit.startswith(("tag", "day")):
            return published - dt.timedelta(days=count)
        if unit.startswith(("woche", "week")):
            return published - dt.timedelta(weeks=count)
        if unit.startswith(("monat", "month")):
            return _add_months(published, -count)
        return _add_months(published, -12 * count)
    if name in ("relday", "relday_cap"):
        offsets = {
            "vorgestern": -2,
            "gestern": -1,
            "heute": 0,
            "morgen": 1,
            "übermorgen": 2,
            "the day before yesterday": -2,
            "yesterday": -1,
            "today": 0,
            "tonight": 0,
            "tomorrow": 1,
        }
        rel = " ".join(group["rel"].casefold().split())
        return published + dt.timedelta(days=offsets[rel])
    if name == "weekday":
        return _weekday(_WEEKDAYS[group["wd"].casefold()], group.get("mod"), published)
    if name == "weekend":
        saturday = _weekday(5, group.get("mod"), published)
        return saturday
    if name == "period":
        return _period(group["mod"], group["unit"].casefold(), published)
    return None  # pragma: no cover - every pattern is handled above


def _kind(modifier: str | None) -> str:
    if not modifier:
        return "bare"
    word = modifier.casefold().split()[0]
    if re.fullmatch(_PAST, word):
        return "past"
    if re.fullmatch(_NEXT, word):
        return "next"
    return "this"


def _weekday(day: int, modifier: str | None, published: dt.date) -> dt.date:
    back = (published.weekday() - day) % 7
    kind = _kind(modifier)
    if kind == "next":
        ahead = (day - published.weekday()) % 7 or 7
        return published + dt.timedelta(days=ahead)
    if kind == "past" and back == 0:
        back = 7
    return published - dt.timedelta(days=back)


def _period(modifier: str, unit: str, published: dt.date) -> dt.date:
    kind = _kind(modifier)
    step = {"past": -1, "next": 1}.get(kind, 0)
    if unit in ("woche", "week"):
        monday = published - dt.timedelta(days=published.weekday())
        return monday + dt.timedelta(weeks=step)
    if unit in ("monat", "month"):
        return _add_months(published.replace(day=1), step)
    return dt.date(published.year + step, 1, 1)


def _add_months(date: dt.date, months: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    last = [31, 29 if _leap(year) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    return dt.date(year, month + 1, min(date.day, last[month]))


def _leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _day_in_year(
    day: int, month: int, year: str | None, published: dt.date
) -> dt.date | None:
    if year:
        number = int(year)
        if number < 100:
            number += 2000
        return dt.date(number, month, day)
    date = dt.date(published.year, month, day)
    # Without a year, a date after publication is last year's (``am 30. Dezember``
    # in a January article), unless it is within the next few days.
    if date > published + dt.timedelta(days=7):
        date = dt.date(published.year - 1, month, day)
    return date


_SENTENCE_END = re.compile(r"(?<![0-9])[.!?][\"'“”»«]?\s+(?=\S)|\n\s*")


def sentence_bounds(text: str, position: int) -> tuple[int, int]:
    """Start and end of the sentence around ``position`` (a light splitter)."""
    start = 0
    end = len(text)
    for match in _SENTENCE_END.finditer(text):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            end = match.start() + 1
            break
    return start, end


def date_statement(
    statement: Statement, text: str, published: dt.date | None
) -> tuple[dt.date | None, TimeExpression | None]:
    """The date of ``statement`` and the expression that gave it (None: published).

    A date the extractor set (other than the published date) is kept.
    """
    if statement.date is not None and statement.date != published:
        return statement.date, None
    if published is None:
        return statement.date, None
    anchor = statement.cue or statement.source
    if not anchor:
        return statement.date or published, None
    at = anchor[0].start
    start, end = sentence_bounds(text, at)
    blocked = [(s.start, s.end) for s in statement.message]
    best: TimeExpression | None = None
    for expression in find_time_expressions(text[start:end], published):
        a, b = expression.start + start, expression.end + start
        if any(a < y and x < b for x, y in blocked):
            continue
        placed = dataclasses.replace(expression, start=a, end=b)
        if best is None or _distance(placed, at) < _distance(best, at):
            best = placed
    if best is None:
        return statement.date or published, None
    return best.date, best


def _distance(expression: TimeExpression, position: int) -> int:
    if expression.start <= position < expression.end:
        return 0
    return min(abs(expression.start - position), abs(expression.end - position))


def date_statements(
    text: str, statements: Iterable[Statement], published: dt.date | None
) -> tuple[list[Statement], dict[str, str]]:
    """Statements with their dates set, and the expression that dated each."""
    out: list[Statement] = []
    expressions: dict[str, str] = {}
    for statement in statements:
        date, expression = date_statement(statement, text, published)
        if expression is not None:
            expressions[statement.id] = expression.text
        out.append(
            statement
            if date == statement.date
            else dataclasses.replace(statement, date=date)
        )
    return out, expressions


def describe(expressions: Sequence[TimeExpression]) -> str:
    """``text → date`` for each expression, for logs and the CLI."""
    return "; ".join(f"{e.text} → {e.date.isoformat()}" for e in expressions)
