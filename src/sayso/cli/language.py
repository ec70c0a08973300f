"""``sayso train language`` and ``sayso evaluate language``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from sayso.cli import evaluate_app, train_app
from sayso.cli._console import complain
from sayso.errors import SaysoError

_DATA_HELP = "The shared data folder (UD German, GermEval 2014, news quotation corpus)."


@train_app.command("language")
def train_language_cli(
    data: Path = typer.Option(Path("../shared/data"), "--data", help=_DATA_HELP),
    output: Path | None = typer.Option(
        None, "--output", help="Where to write the pipeline (default: into the package)."
    ),
    runs: Path = typer.Option(
        Path("runs/language"), "--runs", help="Folder for corpora, configs and logs."
    ),
    seed: int = typer.Option(0, "--seed", help="Random seed of both trainers."),
    steps: int | None = typer.Option(
        None, "--steps", help="Update steps of each pipeline (default: the shipped setting)."
    ),
    evaluate: bool = typer.Option(
        True, "--evaluate/--no-evaluate", help="Score the result and write the model card."
    ),
) -> None:
    """Train the German language layer (CPU, two processes) and write it with its card."""
    from sayso.training.card import write_model_card
    from sayso.training.language import TrainingSettings, train_language

    options: dict[str, Any] = {"data": data, "runs": runs, "seed": seed}
    if output is not None:
        options["output"] = output
    if steps is not None:
        options["tagging_steps"] = options["names_steps"] = steps
    settings = TrainingSettings(**options)
    try:
        result = train_language(settings)
        if evaluate:
            write_model_card(result.output, data)
    except SaysoError as err:
        complain(str(err))
        raise typer.Exit(1) from None
    print(f"language layer written to {result.output} in {result.seconds / 60:.1f} min")


@evaluate_app.command("language")
def evaluate_language_cli(
    data: Path = typer.Option(Path("../shared/data"), "--data", help=_DATA_HELP),
    model: Path | None = typer.Option(
        None, "--model", help="A pipeline folder (default: the packaged German layer)."
    ),
    as_json: Path | None = typer.Option(
        None, "--json", help="Also write the figures (and error samples) to this file."
    ),
    errors: int = typer.Option(0, "--errors", help="Keep this many error samples per kind."),
) -> None:
    """Score the language layer on held-out data: sentences, tags, mood, lemmas, names."""
    from sayso.evaluation.language import evaluate_language, format_scores, scores_json
    from sayso.nlp.language import load_language, load_pipeline

    try:
        nlp = load_language("de") if model is None else load_pipeline(model)
        scores = evaluate_language(nlp, data, keep_errors=errors)
    except SaysoError as err:
        complain(str(err))
        raise typer.Exit(1) from None
    print(format_scores(scores))
    if as_json is not None:
        as_json.write_text(json.dumps(scores_json(scores), indent=1, ensure_ascii=False) + "\n")
