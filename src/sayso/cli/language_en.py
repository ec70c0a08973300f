"""``sayso train language-en`` and ``sayso evaluate language-en``."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Annotated

import typer

from sayso.cli import evaluate_app, train_app
from sayso.cli._console import complain
from sayso.errors import SaysoError

_DATA_HELP = "The shared data folder (UD English EWT)."
Data = Annotated[Path, typer.Option("--data", help=_DATA_HELP)]


@train_app.command("language-en")
def train_language_en_cli(
    data: Data = Path("../shared/data"),
    output: Annotated[
        Path | None,
        typer.Option(help="Where to write the pipeline (default: into the package)."),
    ] = None,
    runs: Annotated[
        Path, typer.Option(help="Folder for the corpora, config and log.")
    ] = Path("runs/language-en"),
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    steps: Annotated[int, typer.Option(help="Update steps.")] = 1500,
) -> None:
    """Train the English language layer (Penn tagger, UPOS) on EWT; write its card."""
    from sayso.training.language_en import EnglishSettings, train_english

    settings = EnglishSettings(data=data, runs=runs, seed=seed, steps=steps)
    if output is not None:
        settings = dataclasses.replace(settings, output=output)
    try:
        result = train_english(settings)
    except SaysoError as err:
        complain(str(err))
        raise typer.Exit(1) from None
    print(json.dumps(result.scores))
    print(
        f"English language layer written to {result.output} "
        f"in {result.seconds / 60:.1f} min"
    )


@evaluate_app.command("language-en")
def evaluate_language_en_cli(
    data: Data = Path("../shared/data"),
    model: Annotated[
        Path | None,
        typer.Option(help="A pipeline folder (default: the packaged English layer)."),
    ] = None,
) -> None:
    """Tag and UPOS accuracy of the English layer on the held-out EWT documents."""
    from sayso.nlp.language import load_language, load_pipeline
    from sayso.training.language_en import evaluate_english

    try:
        nlp = load_language("en") if model is None else load_pipeline(model)
        if "tagger" not in nlp.pipe_names:
            complain("the English language layer has no tagger; train it first")
            raise typer.Exit(1)
        scores = evaluate_english(nlp, data)
    except SaysoError as err:
        complain(str(err))
        raise typer.Exit(1) from None
    for name, value in scores.items():
        print(f"{name:>20}: {value}")
