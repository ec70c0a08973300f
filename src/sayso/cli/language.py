"""``sayso train language`` and ``sayso evaluate language``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer

from sayso.cli import evaluate_app, train_app
from sayso.cli._console import complain
from sayso.errors import SaysoError

_DATA_HELP = "The shared data folder (UD German, GermEval 2014, news quotation corpus)."
Data = Annotated[Path, typer.Option("--data", help=_DATA_HELP)]


@train_app.command("language")
def train_language_cli(
    data: Data = Path("../shared/data"),
    output: Annotated[
        Path | None,
        typer.Option(help="Where to write the pipeline (default: into the package)."),
    ] = None,
    runs: Annotated[
        Path, typer.Option(help="Folder for corpora, vectors, configs and logs.")
    ] = Path("runs/language"),
    seed: Annotated[int, typer.Option(help="Random seed of both trainers.")] = 0,
    steps: Annotated[
        int | None,
        typer.Option(help="Update steps (default: the shipped model's)."),
    ] = None,
    layout: Annotated[
        str,
        typer.Option(
            help="shared: one tok2vec trained with tagger, morphologizer and NER "
            "(shipped); frozen: NER on the frozen tagging tok2vec."
        ),
    ] = "shared",
    evaluate: Annotated[
        bool, typer.Option(help="Score the result and write the model card.")
    ] = True,
) -> None:
    """Train the German language layer (CPU, seeded); write it with its card."""
    from sayso.training.card import write_model_card
    from sayso.training.language import TrainingSettings, train_language

    if layout not in {"shared", "frozen"}:
        complain(f"--layout {layout}: use shared or frozen")
        raise typer.Exit(1)
    options: dict[str, Any] = {
        "data": data,
        "runs": runs,
        "seed": seed,
        "layout": layout,
    }
    if output is not None:
        options["output"] = output
    if steps is not None:
        options["steps"] = steps
    try:
        result = train_language(TrainingSettings(**options))
        if evaluate:
            write_model_card(result.output, data)
    except SaysoError as err:
        complain(str(err))
        raise typer.Exit(1) from None
    print(f"language layer written to {result.output} in {result.seconds / 60:.1f} min")


@evaluate_app.command("language")
def evaluate_language_cli(
    data: Data = Path("../shared/data"),
    model: Annotated[
        Path | None,
        typer.Option(help="A pipeline folder (default: the packaged German layer)."),
    ] = None,
    as_json: Annotated[
        Path | None,
        typer.Option("--json", help="Also write the figures and error samples here."),
    ] = None,
    errors: Annotated[
        int, typer.Option(help="Keep this many error samples per kind.")
    ] = 0,
) -> None:
    """Score the language layer on held-out data: sentences, tags, mood, names."""
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
        text = json.dumps(scores_json(scores), indent=1, ensure_ascii=False)
        as_json.write_text(text + "\n", encoding="utf-8")
