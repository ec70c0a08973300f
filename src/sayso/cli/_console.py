"""Shared console helpers: stderr messages and the progress bar."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from typing import TypeVar

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeRemainingColumn,
)

T = TypeVar("T")

err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def complain(message: str) -> None:
    """One line on stderr, prefixed with the program name."""
    err_console.print(f"sayso: {message}", markup=False)


def progress(
    items: Iterable[T], *, total: int | None, label: str, show: bool
) -> Iterator[T]:
    """Iterate ``items``, with a progress bar on stderr if ``show`` and it is a tty."""
    if not show or not sys.stderr.isatty():
        yield from items
        return
    columns = (
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=err_console, transient=True) as bar:
        task = bar.add_task(label, total=total)
        for item in items:
            yield item
            bar.advance(task)
