"""``sayso stats``: how much the archive holds."""

from __future__ import annotations

from typing import Annotated

import typer

from sayso.cli import app
from sayso.cli._archive import (
    DbOption,
    ViewFormat,
    default_view_format,
    open_store,
    write_json,
)


@app.command("stats")
def stats_cli(
    db: DbOption = None,
    fmt: Annotated[
        ViewFormat | None, typer.Option("--format", help="table or json.")
    ] = None,
) -> None:
    """Count articles (latest versions), statements, actors and failures."""
    with open_store(db, read_only=True) as store:
        stats = store.stats()
    if default_view_format(fmt) is ViewFormat.json:
        write_json(stats.to_dict())
    else:
        for key, value in stats.to_dict().items():
            typer.echo(f"{key:<11} {value:>10,}")
