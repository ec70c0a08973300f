"""``sayso statements`` and ``sayso article``: search the archive, read an article."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from sayso.cli import app
from sayso.cli._archive import (
    DbOption,
    Hearsay,
    Kind,
    Limit,
    ListFormat,
    Negated,
    Order,
    Outlet,
    PageOpt,
    Since,
    Speaker,
    Text,
    Until,
    ViewFormat,
    default_list_format,
    default_view_format,
    open_store,
    out_console,
    statements_table,
    write_json,
    write_statements,
)
from sayso.cli._console import complain


@app.command("statements")
def statements_cli(
    db: DbOption = None,
    speaker: Speaker = None,
    since: Since = None,
    until: Until = None,
    kind: Kind = None,
    hearsay: Hearsay = None,
    negated: Negated = None,
    outlet: Outlet = None,
    text: Text = None,
    page: PageOpt = 1,
    limit: Limit = 50,
    order: Annotated[
        Order, typer.Option("--order", help="-date, date or relevance.")
    ] = Order.newest,
    fmt: Annotated[
        ListFormat | None,
        typer.Option("--format", help="table (default on a terminal), jsonl or csv."),
    ] = None,
) -> None:
    """Statements matching the filters, newest first, one page at a time."""
    from sayso.cli._archive import query_from

    query = query_from(
        speaker=speaker,
        since=since,
        until=until,
        kind=kind,
        hearsay=hearsay,
        negated=negated,
        outlet=outlet,
        text=text,
        page=page,
        limit=limit,
        order=order.value,
    )
    with open_store(db, read_only=True) as store:
        found = store.find_statements(query)
    fmt = default_list_format(fmt)
    title = f"{found.total} statement(s), page {found.page} of {found.pages}"
    write_statements(found.items, fmt, title)
    if fmt is not ListFormat.table and found.total > found.page * found.limit:
        complain(f"{title}; more with --page {found.page + 1}")


@app.command("article")
def article_cli(
    article_id: Annotated[int, typer.Argument(metavar="ID", help="The article's id.")],
    db: DbOption = None,
    fmt: Annotated[
        ViewFormat | None, typer.Option("--format", help="table or json.")
    ] = None,
) -> None:
    """One article: metadata, text and its statements."""
    with open_store(db, read_only=True) as store:
        article = store.get_article(article_id)
    if default_view_format(fmt) is ViewFormat.json:
        write_json(article.to_dict())
        return
    console = out_console()
    meta = Table.grid(padding=(0, 2))
    for label, value in (
        ("title", article.title),
        ("outlet", article.outlet),
        ("author", article.author),
        ("published", article.published.isoformat() if article.published else None),
        ("url", article.url),
        ("language", article.language),
        ("version", f"{article.version}" + ("" if article.latest else " (superseded)")),
        ("read from", article.origin),
    ):
        if value:
            meta.add_row(label, str(value))
    console.print(meta)
    console.print()
    console.print(article.text, markup=False)
    console.print()
    console.print(
        statements_table(article.statements, f"{len(article.statements)} statement(s)")
    )
