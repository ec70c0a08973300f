"""What the archive commands share: ``--db``, the statement filters, output helpers."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum, StrEnum
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from sayso.cli._console import complain
from sayso.errors import SaysoError, StoreError
from sayso.model import KINDS
from sayso.store import StatementQuery, Store, StoredStatement
from sayso.store.export import COLUMNS, flat

#: Exit codes: some inputs failed (the rest done); usage or database error.
EXIT_FAILURES = 1
EXIT_ERROR = 2

DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        envvar="SAYSO_DB",
        show_envvar=True,
        metavar="URL",
        help="Database URL (sqlite:///file.db, postgresql://…) or a SQLite file; "
        "default sqlite:///sayso.db.",
    ),
]


class KindChoice(StrEnum):
    direct = "direct"
    indirect = "indirect"
    reported = "reported"
    continuation = "continuation"
    free_indirect = "free_indirect"
    headline = "headline"


assert {k.value for k in KindChoice} == set(KINDS)  # kept in step


class ListFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class ViewFormat(StrEnum):
    table = "table"
    json = "json"


class Order(StrEnum):
    newest = "-date"
    oldest = "date"
    relevance = "relevance"


Speaker = Annotated[
    str | None,
    typer.Option("--speaker", help="Only statements by this actor (any spelling)."),
]
Since = Annotated[
    str | None,
    typer.Option("--since", metavar="YYYY-MM-DD", help="Statements on or after."),
]
Until = Annotated[
    str | None,
    typer.Option("--until", metavar="YYYY-MM-DD", help="Statements on or before."),
]
Kind = Annotated[
    KindChoice | None,
    typer.Option("--kind", help="Only statements of this kind."),
]
Hearsay = Annotated[
    bool | None,
    typer.Option(
        "--hearsay/--no-hearsay", help="Only hearsay, or only what is not hearsay."
    ),
]
Negated = Annotated[
    bool | None,
    typer.Option("--negated/--no-negated", help="Only negated acts, or only others."),
]
Outlet = Annotated[
    str | None, typer.Option("--outlet", help="Only articles from this outlet.")
]
Text = Annotated[
    str | None,
    typer.Option(
        "--text",
        help='Full text: words (all), "a phrase", prefix*, -exclude, a OR b.',
    ),
]
PageOpt = Annotated[int, typer.Option("--page", min=1, help="Page of results.")]
Limit = Annotated[
    int, typer.Option("--limit", min=1, max=1000, help="Results per page.")
]


def query_from(
    *,
    speaker: str | None = None,
    since: str | None = None,
    until: str | None = None,
    kind: Any = None,
    hearsay: bool | None = None,
    negated: bool | None = None,
    outlet: str | None = None,
    text: str | None = None,
    page: int = 1,
    limit: int = 50,
    order: str = "-date",
) -> StatementQuery:
    """The command line's filters as the one :class:`StatementQuery` (web too)."""
    params = {
        "speaker": speaker,
        "since": since,
        "until": until,
        "kind": kind.value if isinstance(kind, Enum) else kind,
        "hearsay": None if hearsay is None else str(hearsay),
        "negated": None if negated is None else str(negated),
        "outlet": outlet,
        "text": text,
        "page": str(page),
        "limit": str(limit),
        "order": order,
    }
    with errors_exit():
        return StatementQuery.from_params(params)
    raise AssertionError("unreachable")  # pragma: no cover


@contextmanager
def errors_exit(code: int = EXIT_ERROR) -> Iterator[None]:
    """Turn a :class:`SaysoError` into one line on stderr and an exit code."""
    try:
        yield
    except SaysoError as err:
        fail(str(err), code)


def fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    complain(message)
    raise typer.Exit(code)


@contextmanager
def open_store(db: str | None, *, read_only: bool = False) -> Iterator[Store]:
    """The store at ``db``, closed after; exit code 2 and a message when it cannot
    be opened or used.

    ``read_only``: the command only reads. The database must exist; it is
    opened for writing where it may be (so SQLite tidies its WAL files on
    close), else read-only.
    """
    with errors_exit():
        if read_only:
            try:
                store = Store(db, create=False)
            except StoreError as err:
                if "does not exist" in str(err) or "no sayso schema" in str(err):
                    raise
                store = Store(db, read_only=True)
        else:
            store = Store(db)
    try:
        with errors_exit():
            yield store
    finally:
        store.close()


def out_console() -> Console:
    return Console(highlight=False, soft_wrap=False)


def default_list_format(fmt: ListFormat | None) -> ListFormat:
    if fmt is not None:
        return fmt
    return ListFormat.table if sys.stdout.isatty() else ListFormat.jsonl


def default_view_format(fmt: ViewFormat | None) -> ViewFormat:
    if fmt is not None:
        return fmt
    return ViewFormat.table if sys.stdout.isatty() else ViewFormat.json


def write_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def write_jsonl(records: Any) -> None:
    for record in records:
        sys.stdout.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_statements(
    hits: tuple[StoredStatement, ...], fmt: ListFormat, title: str
) -> None:
    if fmt is ListFormat.jsonl:
        write_jsonl(h.to_dict() for h in hits)
    elif fmt is ListFormat.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for hit in hits:
            writer.writerow(flat(hit))
    else:
        out_console().print(statements_table(hits, title))


def statements_table(hits: tuple[StoredStatement, ...], title: str) -> Table:
    table = Table(title=title, title_justify="left", expand=True)
    table.add_column("id", no_wrap=True, justify="right")
    table.add_column("date", no_wrap=True)
    table.add_column("speaker", ratio=2)
    table.add_column("kind", no_wrap=True)
    table.add_column("message", ratio=6)
    table.add_column("outlet", ratio=1)
    table.add_column("flags", no_wrap=True)
    for hit in hits:
        table.add_row(
            str(hit.id),
            hit.date.isoformat() if hit.date else "",
            speaker_label(hit),
            hit.statement.kind,
            shorten(hit.role_text("message")),
            shorten(hit.article.outlet or "", 30),
            flags(hit),
        )
    return table


def speaker_label(hit: StoredStatement) -> str:
    names = " + ".join(a.name for a in hit.speakers)
    source = hit.role_text("source")
    return names or " + ".join(hit.statement.speakers) or source or "?"


def flags(hit: StoredStatement) -> str:
    out = []
    if hit.statement.hearsay:
        out.append("hearsay")
    if hit.statement.negated:
        out.append("negated")
    if hit.parent_id is not None:
        out.append(f"via {hit.parent_id}")
    return " ".join(out)


def shorten(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
