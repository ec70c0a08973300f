"""``sayso watch``: poll feeds and ingest what is new, until stopped."""

from __future__ import annotations

from typing import Annotated

import typer

from sayso.cli import app
from sayso.cli._archive import EXIT_FAILURES, DbOption, errors_exit, fail, open_store
from sayso.cli._console import complain
from sayso.cli.ingest import Lang
from sayso.errors import SaysoError
from sayso.ingest.fetch import Fetcher
from sayso.ingest.pipeline import IngestOptions
from sayso.ingest.watch import parse_interval, watch


@app.command("watch")
def watch_cli(
    feeds: Annotated[
        list[str],
        typer.Argument(
            metavar="FEED_OR_LIST...", help="Feed URLs or files, or files listing them."
        ),
    ],
    db: DbOption = None,
    every: Annotated[
        str, typer.Option("--every", help="Time between passes: 90s, 15m, 1h.")
    ] = "15m",
    once: Annotated[bool, typer.Option("--once", help="One pass, then stop.")] = False,
    lang: Annotated[
        Lang, typer.Option("--lang", help="Language of the articles.")
    ] = Lang.auto,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=1.0, help="Seconds to wait for a web server."),
    ] = 20.0,
    fetch: Annotated[
        bool,
        typer.Option(
            "--fetch/--no-fetch", help="Fetch the pages that feed entries link to."
        ),
    ] = True,
) -> None:
    """Follow feeds politely (ETag/Last-Modified, a timeout, one retry)."""
    with errors_exit():
        seconds = parse_interval(every)
        options = IngestOptions(lang=lang.value, fetch=fetch)
    failed = 0
    added = 0
    with open_store(db) as store, Fetcher(timeout=timeout) as fetcher:
        try:
            for event in watch(
                feeds, store, every=seconds, once=once, options=options, fetcher=fetcher
            ):
                if event.outcome == "failed":
                    failed += 1
                    complain(f"{event.origin}: {event.message} ({event.error})")
                elif event.outcome in ("added", "version"):
                    added += 1
                    complain(
                        f"{event.outcome}: {event.origin} "
                        f"({event.statements} statements)"
                    )
        except SaysoError as err:
            fail(f"watch stopped: {err}")
    complain(f"{added} article(s) stored, {failed} failed")
    if failed:
        raise typer.Exit(EXIT_FAILURES)
