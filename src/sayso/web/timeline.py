"""A speaker's statements over time as bars of an inline SVG chart.

The geometry is computed here from the actor's ``timeline`` (statements per
month, as the API gives it); the template only draws it. Months without
statements between the first and the last are filled with zero; spans of
more than four years are drawn per year.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

WIDTH: Final = 1100
HEIGHT: Final = 230
_LEFT: Final = 36
_BOTTOM: Final = 28
_TOP: Final = 12
_MAX_MONTHS: Final = 48


@dataclass(frozen=True, slots=True)
class Bar:
    """One period's bar: position, size, label, count, and its search link."""

    x: float
    y: float
    width: float
    height: float
    label: str
    count: int
    since: str
    until: str
    tick: bool


@dataclass(frozen=True, slots=True)
class Chart:
    """What the template draws; ``undated`` statements have no bar."""

    width: int
    height: int
    bars: tuple[Bar, ...]
    ticks: tuple[tuple[float, int], ...]
    baseline: float
    left: int
    undated: int
    per: str

    @property
    def total(self) -> int:
        return sum(bar.count for bar in self.bars) + self.undated


def chart(timeline: Sequence[Mapping[str, Any]]) -> Chart:
    """Bars for the ``timeline`` entries (``{"value": "YYYY-MM", "count": n}``)."""
    months: dict[tuple[int, int], int] = {}
    undated = 0
    for entry in timeline:
        value, count = str(entry["value"]), int(entry["count"])
        try:
            year, month = (int(part) for part in value.split("-"))
            months[(year, month)] = months.get((year, month), 0) + count
        except ValueError:
            undated += count
    periods = _periods(months)
    per = "year" if periods and len(periods[0][0]) == 4 else "month"
    plot_w = WIDTH - _LEFT - 8
    plot_h = HEIGHT - _TOP - _BOTTOM
    baseline = float(HEIGHT - _BOTTOM)
    top = max((count for _, count, _, _ in periods), default=0)
    scale = _nice(top)
    step = plot_w / max(len(periods), 1)
    gap = min(4.0, step * 0.2)
    every = max(1, round(len(periods) / 12))
    bars = []
    for index, (label, count, since, until) in enumerate(periods):
        height = plot_h * count / scale if scale else 0.0
        bars.append(
            Bar(
                x=round(_LEFT + index * step + gap / 2, 2),
                y=round(baseline - height, 2),
                width=round(max(step - gap, 1.0), 2),
                height=round(height, 2),
                label=label,
                count=count,
                since=since,
                until=until,
                tick=index % every == 0,
            )
        )
    ticks = tuple(
        (round(baseline - plot_h * value / scale, 2), value)
        for value in _tick_values(scale)
        if scale
    )
    return Chart(WIDTH, HEIGHT, tuple(bars), ticks, baseline, _LEFT, undated, per)


def _periods(months: Mapping[tuple[int, int], int]) -> list[tuple[str, int, str, str]]:
    """``(label, count, since, until)`` per month (or year) from first to last."""
    if not months:
        return []
    first, last = min(months), max(months)
    span = (last[0] - first[0]) * 12 + last[1] - first[1] + 1
    if span > _MAX_MONTHS:
        years: dict[int, int] = {}
        for (year, _), count in months.items():
            years[year] = years.get(year, 0) + count
        return [
            (str(y), years.get(y, 0), f"{y}-01-01", f"{y}-12-31")
            for y in range(first[0], last[0] + 1)
        ]
    out = []
    year, month = first
    for _ in range(span):
        end = calendar.monthrange(year, month)[1]
        label = dt.date(year, month, 1).strftime("%Y-%m")
        out.append(
            (
                label,
                months.get((year, month), 0),
                f"{year:04d}-{month:02d}-01",
                f"{year:04d}-{month:02d}-{end:02d}",
            )
        )
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _nice(top: int) -> int:
    """The axis maximum: ``top`` rounded up to 1, 2 or 5 times a power of ten."""
    if top <= 0:
        return 0
    power = 1
    while True:
        for factor in (1, 2, 5):
            if factor * power >= top:
                return factor * power
        power *= 10


def _tick_values(scale: int) -> list[int]:
    if scale <= 0:
        return [0]
    if scale <= 4:
        return list(range(scale + 1))
    return [0, scale // 2, scale] if scale % 2 == 0 else [0, scale]
