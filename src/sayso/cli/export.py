"""``sayso export``: statements to JSON lines, CSV or Parquet."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sayso.cli import app
from sayso.cli._archive import (
    DbOption,
    Hearsay,
    Kind,
    Negated,
    Outlet,
    Since,
    Speaker,
    Text,
    Until,
    open_store,
    query_from,
)
from sayso.cli._console import complain


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


@app.command("export")
def export_cli(
    out: Annotated[Path, typer.Argument(metavar="OUT", help="The file to write.")],
    fmt: Annotated[
        ExportFormat, typer.Option("--format", help="jsonl, csv or parquet.")
    ],
    db: DbOption = None,
    speaker: Speaker = None,
    since: Since = None,
    until: Until = None,
    kind: Kind = None,
    hearsay: Hearsay = None,
    negated: Negated = None,
    outlet: Outlet = None,
    text: Text = None,
) -> None:
    """Write every statement matching the filters (all by default) to OUT."""
    query = query_from(
        speaker=speaker,
        since=since,
        until=until,
        kind=kind,
        hearsay=hearsay,
        negated=negated,
        outlet=outlet,
        text=text,
    )
    with open_store(db, read_only=True) as store:
        count = store.export(out, format=fmt.value, query=query)
    complain(f"{count} statement(s) written to {out}")
