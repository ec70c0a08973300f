"""``sayso extract``: statements from text files, JSON lines or standard input."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sys
from collections.abc import Iterator
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from sayso.cli import app
from sayso.cli._console import complain, progress
from sayso.errors import SaysoError
from sayso.extract import extract_articles
from sayso.ingest.readers import read_path
from sayso.model import Article, Extraction, Failure, Statement, parse_date


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"
    json = "json"


class Domain(StrEnum):
    news = "news"
    parliament = "parliament"


class Lang(StrEnum):
    de = "de"
    en = "en"
    auto = "auto"


@app.command("extract")
def extract_cli(
    files: Annotated[
        list[str],
        typer.Argument(
            metavar="FILE...",
            help="Text (.txt) or JSON-lines (.jsonl) files; - for stdin.",
        ),
    ],
    lang: Annotated[
        Lang, typer.Option("--lang", help="Language of the texts.")
    ] = Lang.de,
    published: Annotated[
        str | None,
        typer.Option(
            "--published", metavar="YYYY-MM-DD", help="Publication date of the texts."
        ),
    ] = None,
    fmt: Annotated[
        Format | None,
        typer.Option(
            "--format",
            help="Output: table (default on a terminal), jsonl (default otherwise, "
            "the format eval/score.py reads) or json.",
        ),
    ] = None,
    domain: Annotated[
        Domain,
        typer.Option(
            "--domain",
            help="Whose conventions the learned model follows: news articles or "
            "parliamentary speeches.",
        ),
    ] = Domain.news,
    rules_only: Annotated[
        bool,
        typer.Option(
            "--rules-only", help="Use the rules alone, without the learned model."
        ),
    ] = False,
) -> None:
    """Extract statements: who said what, to whom, through which channel."""
    try:
        date = parse_date(published) if published else None
    except SaysoError as err:
        complain(f"--published: {err}")
        raise typer.Exit(2) from None
    if fmt is None:
        fmt = Format.table if sys.stdout.isatty() else Format.jsonl
    failures = 0
    collected: list[dict[str, object]] = []
    results = extract_articles(
        _articles(files, lang.value, date),
        lang=lang.value,
        domain=domain.value,
        rules_only=rules_only,
    )
    shown = progress(results, total=len(files), label="extracting", show=len(files) > 1)
    console = Console(highlight=False)
    for result in shown:
        if isinstance(result, Failure):
            failures += 1
            complain(str(result))
            continue
        if fmt is Format.jsonl:
            sys.stdout.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
            sys.stdout.flush()
        elif fmt is Format.json:
            collected.append(result.to_dict())
        else:
            console.print(_table(result))
    if fmt is Format.json:
        sys.stdout.write(json.dumps(collected, ensure_ascii=False, indent=1) + "\n")
    if failures:
        complain(f"{failures} input(s) failed; the others were processed")
        raise typer.Exit(1)


def _articles(
    files: list[str], lang: str, date: dt.date | None
) -> Iterator[Article | Failure]:
    language = None if lang == "auto" else lang
    for name in files:
        try:
            for item in read_path(name, language=language):
                if (
                    isinstance(item, Article)
                    and item.published is None
                    and date is not None
                ):
                    item = dataclasses.replace(item, published=date)
                if isinstance(item, Article) and not item.text.strip():
                    where = (
                        name
                        if item.id == Path(name).stem
                        else f"{name}, article {item.id}"
                    )
                    complain(f"{where}: the text is empty; no statements")
                yield item
        except SaysoError as err:
            yield Failure(name, type(err).__name__, str(err).removeprefix(f"{name}: "))


def _table(extraction: Extraction) -> Table:
    table = Table(
        title=f"{extraction.article.id}: {len(extraction.statements)} statements",
        title_justify="left",
        expand=True,
    )
    table.add_column("id", no_wrap=True)
    table.add_column("speaker", ratio=2)
    table.add_column("kind", no_wrap=True)
    table.add_column("cue", ratio=2)
    table.add_column("message", ratio=6)
    table.add_column("flags", no_wrap=True)
    for s in extraction.statements:
        table.add_row(
            s.id, _speaker(s), s.kind, _cue(s), _shorten(_message(s)), _flags(s)
        )
    return table


def _speaker(statement: Statement) -> str:
    names = " + ".join(statement.speakers)
    source = " ".join(span.text for span in statement.source)
    if names and source and source != names:
        return f"{names} ({source})"
    return names or source or "?"


def _cue(statement: Statement) -> str:
    return " … ".join(span.text for span in statement.cue)


def _message(statement: Statement) -> str:
    return " … ".join(span.text for span in statement.message)


def _flags(statement: Statement) -> str:
    flags = []
    if statement.hearsay:
        flags.append("hearsay")
    if statement.negated:
        flags.append("negated")
    if statement.parent:
        flags.append(f"via {statement.parent}")
    return " ".join(flags)


def _shorten(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
