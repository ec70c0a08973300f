"""``sayso ingest``: files, folders, feeds, web archives and URLs into the archive."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from sayso.cli import app
from sayso.cli._archive import EXIT_FAILURES, DbOption, errors_exit, fail, open_store
from sayso.cli._console import complain, progress
from sayso.errors import SaysoError
from sayso.ingest.fetch import Fetcher
from sayso.ingest.pipeline import MAX_CHARS, IngestEvent, IngestOptions, ingest


class Lang(StrEnum):
    auto = "auto"
    de = "de"
    en = "en"


@app.command("ingest")
def ingest_cli(
    sources: Annotated[
        list[str],
        typer.Argument(
            metavar="PATH|URL...",
            help="Files (.txt .html .jsonl .csv .xml/.rss/.atom .warc[.gz] .urls), "
            "folders, http(s) URLs of pages or feeds; - for stdin.",
        ),
    ],
    db: DbOption = None,
    lang: Annotated[
        Lang, typer.Option("--lang", help="Language of the articles.")
    ] = Lang.auto,
    encoding: Annotated[
        str, typer.Option("--encoding", help="Encoding of text, JSONL and CSV files.")
    ] = "utf-8",
    text_column: Annotated[
        str, typer.Option("--text-column", help="The CSV column that holds the text.")
    ] = "text",
    max_chars: Annotated[
        int,
        typer.Option("--max-chars", min=1, help="Refuse longer articles (characters)."),
    ] = MAX_CHARS,
    aliases: Annotated[
        Path | None,
        typer.Option("--aliases", help="Apply an aliases file before ingesting."),
    ] = None,
    fetch: Annotated[
        bool,
        typer.Option(
            "--fetch/--no-fetch", help="Fetch the pages that feed entries link to."
        ),
    ] = True,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=1.0, help="Seconds to wait for a web server."),
    ] = 20.0,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No line per failure.")
    ] = False,
) -> None:
    """Store articles and their statements; skip what is stored, record what fails."""
    with errors_exit():
        options = IngestOptions(
            lang=lang.value,
            encoding=encoding,
            text_column=text_column,
            fetch=fetch,
            max_chars=max_chars,
        )
    counts = {"added": 0, "version": 0, "duplicate": 0, "failed": 0}
    statements = 0
    with open_store(db) as store, Fetcher(timeout=timeout) as fetcher:
        if aliases is not None:
            store.load_aliases(aliases)
        events = ingest(
            sources,
            store,
            options=options,
            fetcher=fetcher,
            command="ingest " + " ".join(sources),
        )
        try:
            for event in progress(events, total=None, label="ingesting", show=True):
                counts[event.outcome] += 1
                if event.outcome in ("added", "version"):
                    statements += event.statements
                if event.outcome == "failed" and not quiet:
                    complain(_failure_line(event))
        except SaysoError as err:
            fail(f"ingest stopped: {err}")
    complain(
        f"{counts['added']} added, {counts['version']} new version(s), "
        f"{counts['duplicate']} already stored, {counts['failed']} failed; "
        f"{statements} statement(s)"
    )
    if counts["failed"]:
        complain("see `sayso failures --run last` for the failures")
        raise typer.Exit(EXIT_FAILURES)


def _failure_line(event: IngestEvent) -> str:
    return f"{event.origin}: {event.message} ({event.error})"
