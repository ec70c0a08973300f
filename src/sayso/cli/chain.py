"""``sayso chain``: on whose say-so a statement rests, and what it reports."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.tree import Tree

from sayso.cli import app
from sayso.cli._archive import (
    DbOption,
    ViewFormat,
    default_view_format,
    open_store,
    out_console,
    shorten,
    speaker_label,
    write_json,
)
from sayso.store import ChainNode, StoredStatement


@app.command("chain")
def chain_cli(
    statement_id: Annotated[int, typer.Argument(metavar="STATEMENT_ID")],
    db: DbOption = None,
    fmt: Annotated[
        ViewFormat | None, typer.Option("--format", help="table or json.")
    ] = None,
) -> None:
    """The say-so chain up (who reported it) and down (what it reports)."""
    with open_store(db, read_only=True) as store:
        chain = store.chain(statement_id)
        claims = store.same_claim(statement_id)
    if default_view_format(fmt) is ViewFormat.json:
        data = chain.to_dict()
        data["same_claim"] = [c.to_dict() for c in claims]
        write_json(data)
        return
    top = chain.up[-1] if chain.up else chain.statement
    tree = Tree(_label(top, chain.statement.id))
    branch = tree
    for hit in reversed(chain.up[:-1]):
        branch = branch.add(_label(hit, chain.statement.id))
    if chain.up:
        branch = branch.add(_label(chain.statement, chain.statement.id))
    _add(branch, chain.down, chain.statement.id)
    console = out_console()
    console.print(tree)
    if claims:
        console.print(f"\nThe same claim, reported {len(claims)} more time(s):")
        for hit in claims:
            console.print(
                f"  #{hit.id} {hit.date or ''} {hit.article.outlet or ''}: "
                f"{shorten(hit.role_text('message'), 80)}",
                markup=False,
            )


def _add(branch: Tree, nodes: tuple[ChainNode, ...], focus: int) -> None:
    for node in nodes:
        _add(branch.add(_label(node.statement, focus)), node.children, focus)


def _label(hit: StoredStatement, focus: int) -> str:
    from rich.markup import escape

    marker = "→ " if hit.id == focus else ""
    text = (
        f"{marker}#{hit.id} {speaker_label(hit)} ({hit.statement.kind}, "
        f"{hit.date or 'undated'}, article {hit.article.id}): "
        f"{shorten(hit.role_text('message'), 90)}"
    )
    return f"[bold]{escape(text)}[/bold]" if hit.id == focus else escape(text)
