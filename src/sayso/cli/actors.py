"""``sayso actor NAME`` and ``sayso actors …``: speakers across articles."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from sayso.cli import app
from sayso.cli._archive import (
    DbOption,
    Limit,
    ListFormat,
    PageOpt,
    ViewFormat,
    default_list_format,
    default_view_format,
    open_store,
    out_console,
    statements_table,
    write_json,
    write_jsonl,
)
from sayso.store import ActorView

actors_app = typer.Typer(
    help="List actors; add aliases, merge, split, rename; apply an aliases file.",
    no_args_is_help=True,
)
app.add_typer(actors_app, name="actors")


@app.command("actor")
def actor_cli(
    name: Annotated[str, typer.Argument(metavar="NAME_OR_ID")],
    db: DbOption = None,
    recent: Annotated[
        int,
        typer.Option(
            "--recent", min=0, max=1000, help="How many recent statements to show."
        ),
    ] = 10,
    fmt: Annotated[
        ViewFormat | None, typer.Option("--format", help="table or json.")
    ] = None,
) -> None:
    """An actor: aliases, roles, statements over time, channels, addressees."""
    with open_store(db, read_only=True) as store:
        actor = store.get_actor(name)
        latest = (
            store.find_statements(actor_id=actor.id, limit=recent).items
            if recent
            else ()
        )
    if default_view_format(fmt) is ViewFormat.json:
        data = actor.to_dict()
        data["recent"] = [s.to_dict() for s in latest]
        write_json(data)
        return
    _print_actor(actor)
    if latest:
        out_console().print(statements_table(latest, "recent statements"))


def _print_actor(actor: ActorView) -> None:
    console = out_console()
    console.print(f"#{actor.id} {actor.name}", markup=False, style="bold")
    grid = Table.grid(padding=(0, 2))
    grid.add_row("aliases", ", ".join(a.name for a in actor.aliases))
    span = f"{actor.first_seen or '?'} to {actor.last_seen or '?'}"
    grid.add_row("statements", f"{actor.statements} ({span})")
    for role in actor.roles[:10]:
        grid.add_row(
            "role",
            f"{role.role} (seen {role.count}x, {role.first_seen or '?'}"
            f" to {role.last_seen or '?'})",
        )
    if actor.channels:
        grid.add_row(
            "channels", ", ".join(f"{c.value} ({c.count})" for c in actor.channels[:10])
        )
    if actor.addressees:
        grid.add_row(
            "addressed",
            ", ".join(f"{c.value} ({c.count})" for c in actor.addressees[:10]),
        )
    console.print(grid)
    if actor.timeline:
        peak = max(c.count for c in actor.timeline)
        console.print("\nstatements per month")
        for point in actor.timeline:
            bar = "█" * max(1, round(30 * point.count / peak))
            console.print(f"  {point.value:>7}  {bar} {point.count}", markup=False)


def _show(actor: ActorView) -> None:
    _print_actor(actor)


@actors_app.command("list")
def list_cli(
    name: Annotated[
        str | None, typer.Argument(help="Only actors answering to this name.")
    ] = None,
    db: DbOption = None,
    page: PageOpt = 1,
    limit: Limit = 50,
    fmt: Annotated[
        ListFormat | None, typer.Option("--format", help="table, jsonl or csv.")
    ] = None,
) -> None:
    """Actors, most statements first."""
    with open_store(db, read_only=True) as store:
        found = store.find_actors(name, page=page, limit=limit)
    fmt = default_list_format(fmt)
    if fmt is ListFormat.jsonl:
        write_jsonl(a.to_dict() for a in found.items)
        return
    if fmt is ListFormat.csv:
        import csv
        import sys

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["id", "name", "statements", "first_seen", "last_seen"])
        for a in found.items:
            writer.writerow([a.id, a.name, a.statements, a.first_seen, a.last_seen])
        return
    table = Table(
        title=f"{found.total} actor(s), page {found.page} of {found.pages}",
        title_justify="left",
    )
    for column in ("id", "name", "statements", "first", "last"):
        table.add_column(column)
    for a in found.items:
        table.add_row(
            str(a.id),
            a.name,
            str(a.statements),
            str(a.first_seen or ""),
            str(a.last_seen or ""),
        )
    out_console().print(table)


@actors_app.command("alias")
def alias_cli(
    actor: Annotated[str, typer.Argument(metavar="ACTOR", help="Name or id.")],
    aliases: Annotated[list[str], typer.Argument(metavar="ALIAS...")],
    db: DbOption = None,
) -> None:
    """Give an actor more spellings; statements filed under them move along."""
    with open_store(db) as store:
        _show(store.add_aliases(actor, aliases))


@actors_app.command("merge")
def merge_cli(
    target: Annotated[
        str, typer.Argument(metavar="A", help="The actor to keep (name or id).")
    ],
    others: Annotated[
        list[str], typer.Argument(metavar="B...", help="Actors merged into A.")
    ],
    db: DbOption = None,
) -> None:
    """Merge actors B… into A: their aliases, roles and statements move to A."""
    with open_store(db) as store:
        _show(store.merge_actors(target, *others))


@actors_app.command("split")
def split_cli(
    actor: Annotated[str, typer.Argument(metavar="ACTOR", help="Name or id.")],
    aliases: Annotated[
        list[str], typer.Argument(metavar="ALIAS...", help="Spellings to move.")
    ],
    name: Annotated[
        str | None, typer.Option("--name", help="Name of the new actor.")
    ] = None,
    db: DbOption = None,
) -> None:
    """Move some spellings of an actor, and their statements, to a new actor."""
    with open_store(db) as store:
        _show(store.split_actor(actor, aliases, name=name))


@actors_app.command("rename")
def rename_cli(
    actor: Annotated[str, typer.Argument(metavar="ACTOR", help="Name or id.")],
    name: Annotated[str, typer.Argument(metavar="NAME")],
    db: DbOption = None,
) -> None:
    """Set the name an actor is shown under."""
    with open_store(db) as store:
        _show(store.rename_actor(actor, name))


@actors_app.command("load")
def load_cli(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="An aliases file (.txt or .toml).")
    ],
    db: DbOption = None,
) -> None:
    """Apply an aliases file: `Name: alias | alias` lines, or TOML with roles."""
    with open_store(db) as store:
        views = store.load_aliases(file)
    for view in views:
        typer.echo(f"#{view.id} {view.name}: {', '.join(a.name for a in view.aliases)}")
