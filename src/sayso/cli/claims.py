"""``sayso claims``: the same message by the same speaker across articles."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from sayso.cli import app
from sayso.cli._archive import (
    DbOption,
    Kind,
    Limit,
    ListFormat,
    Outlet,
    PageOpt,
    Since,
    Speaker,
    Text,
    Until,
    default_list_format,
    open_store,
    out_console,
    query_from,
    shorten,
    write_jsonl,
)


@app.command("claims")
def claims_cli(
    db: DbOption = None,
    speaker: Speaker = None,
    since: Since = None,
    until: Until = None,
    kind: Kind = None,
    outlet: Outlet = None,
    text: Text = None,
    min_articles: Annotated[
        int,
        typer.Option(
            "--min-articles", min=1, help="Reported in at least this many articles."
        ),
    ] = 2,
    page: PageOpt = 1,
    limit: Limit = 50,
    fmt: Annotated[
        ListFormat | None, typer.Option("--format", help="table, jsonl or csv.")
    ] = None,
) -> None:
    """Claims reported in several articles or outlets, most widely reported first."""
    query = query_from(
        speaker=speaker, since=since, until=until, kind=kind, outlet=outlet, text=text
    )
    with open_store(db, read_only=True) as store:
        found = store.claims(query, min_articles=min_articles, page=page, limit=limit)
    fmt = default_list_format(fmt)
    if fmt is ListFormat.jsonl:
        write_jsonl(c.to_dict() for c in found.items)
        return
    if fmt is ListFormat.csv:
        import csv
        import sys

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(
            [
                "actor_id",
                "actor",
                "message",
                "statements",
                "articles",
                "outlets",
                "first_seen",
                "last_seen",
                "statement_ids",
            ]
        )
        for c in found.items:
            writer.writerow(
                [
                    c.actor.id,
                    c.actor.name,
                    c.message,
                    c.statements,
                    c.articles,
                    " | ".join(c.outlets),
                    c.first_seen,
                    c.last_seen,
                    " ".join(map(str, c.statement_ids)),
                ]
            )
        return
    table = Table(
        title=f"{found.total} claim(s), page {found.page} of {found.pages}",
        title_justify="left",
        expand=True,
    )
    table.add_column("speaker", ratio=2)
    table.add_column("message", ratio=6)
    table.add_column("articles", justify="right")
    table.add_column("outlets", ratio=2)
    table.add_column("first", no_wrap=True)
    table.add_column("last", no_wrap=True)
    table.add_column("statements", ratio=1)
    for c in found.items:
        table.add_row(
            c.actor.name,
            shorten(c.message),
            str(c.articles),
            shorten(", ".join(c.outlets), 40),
            c.first_seen.isoformat() if c.first_seen else "",
            c.last_seen.isoformat() if c.last_seen else "",
            shorten(" ".join(map(str, c.statement_ids)), 40),
        )
    out_console().print(table)
