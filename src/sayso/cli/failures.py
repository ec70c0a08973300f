"""``sayso failures``: inputs that could not be ingested, and why."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from sayso.cli import app
from sayso.cli._archive import (
    DbOption,
    Limit,
    ListFormat,
    PageOpt,
    default_list_format,
    fail,
    open_store,
    out_console,
    write_jsonl,
)


@app.command("failures")
def failures_cli(
    db: DbOption = None,
    run: Annotated[
        str | None,
        typer.Option("--run", metavar="N|last", help="Only the failures of this run."),
    ] = None,
    page: PageOpt = 1,
    limit: Limit = 50,
    fmt: Annotated[
        ListFormat | None, typer.Option("--format", help="table, jsonl or csv.")
    ] = None,
) -> None:
    """List recorded failures, newest first."""
    run_id: int | None = None
    with open_store(db, read_only=True) as store:
        if run == "last":
            runs = store.runs(limit=1)
            run_id = runs[0].id if runs else -1
        elif run is not None:
            if not run.isdigit():
                fail(f"--run {run[:40]!r}: give a run number or 'last'")
            run_id = int(run)
        found = store.failures(run_id=run_id, page=page, limit=limit)
    fmt = default_list_format(fmt)
    if fmt is ListFormat.table:
        table = Table(
            title=f"{found.total} failure(s), page {found.page} of {found.pages}",
            title_justify="left",
            expand=True,
        )
        for column in ("id", "run", "when", "input", "error", "message"):
            table.add_column(column, overflow="fold")
        for f in found.items:
            table.add_row(
                str(f.id),
                str(f.run_id or ""),
                f.created_at.strftime("%Y-%m-%d %H:%M"),
                f.origin,
                f.error,
                f.message,
            )
        out_console().print(table)
    elif fmt is ListFormat.csv:
        import csv
        import sys

        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(
            ["id", "run_id", "created_at", "origin", "item", "error", "message"]
        )
        for f in found.items:
            writer.writerow(
                [
                    f.id,
                    f.run_id,
                    f.created_at.isoformat(),
                    f.origin,
                    f.item,
                    f.error,
                    f.message,
                ]
            )
    else:
        write_jsonl(f.to_dict() for f in found.items)
