"""``sayso train attribution``: train the learned attribution model on the corpora."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sayso.cli import train_app
from sayso.cli._console import complain, err_console
from sayso.errors import SaysoError

if TYPE_CHECKING:
    from sayso.training.attribution import AttributionSettings


@train_app.command("attribution")
def train_attribution_cli(
    data: Annotated[
        Path, typer.Option(help="The shared data folder with the corpora.")
    ] = Path("../shared/data"),
    output: Annotated[
        Path | None,
        typer.Option(help="Where to write the model (default: into the package)."),
    ] = None,
    licenses: Annotated[
        str,
        typer.Option(
            help="all: news (non-commercial) and parliament corpora; "
            "permissive: only the CC BY-SA parliament corpus."
        ),
    ] = "all",
    seed: Annotated[int, typer.Option(help="Random seed.")] = 0,
    epochs: Annotated[int, typer.Option(help="Passes over the training data.")] = 30,
    members: Annotated[
        int,
        typer.Option(
            help="Trainings (seeds seed, seed+1, ...) whose probabilities the "
            "model averages; each costs a training and its share of the speed."
        ),
    ] = 3,
    cache: Annotated[
        Path | None,
        typer.Option(help="Keep the processed corpora here and reuse them next time."),
    ] = None,
    decoding_only: Annotated[
        bool,
        typer.Option(
            "--decoding-only",
            help="Keep the weights in --output; only choose the decoding again.",
        ),
    ] = False,
) -> None:
    """Train the anchor and role tagger (CPU, seeded) --members times; keep each
    training's best epoch on dev and choose the decoding of their ensemble."""
    from sayso.training.attribution import AttributionSettings, train_attribution
    from sayso.training.attribution_card import write_attribution_card

    settings = AttributionSettings(
        data=data,
        seed=seed,
        epochs=epochs,
        licenses=licenses,
        cache=cache,
        members=members,
    )
    if output is not None:
        settings.output = output
    if decoding_only:
        from sayso.training.attribution import retune_decoding

        try:
            chosen = retune_decoding(
                settings, progress=lambda m: err_console.print(m, markup=False)
            )
        except (SaysoError, OSError) as err:
            complain(str(err))
            raise typer.Exit(1) from None
        print(
            f"decoding written to {settings.output / 'decode.json'}: {chosen['chosen']}"
        )
        _rewrite_card(settings)
        return
    try:
        result = train_attribution(
            settings, progress=lambda m: err_console.print(m, markup=False)
        )
        write_attribution_card(result, settings)
    except SaysoError as err:
        complain(str(err))
        raise typer.Exit(1) from None
    print(
        f"attribution model written to {result.output} "
        f"in {result.seconds / 60:.1f} min "
        f"(best epochs {', '.join(str(m['best_epoch']) for m in result.members)})",
        file=sys.stdout,
    )


def _rewrite_card(settings: AttributionSettings) -> None:
    """The model card again, with the new decoding and the recorded training."""
    from dataclasses import replace

    from sayso.training.attribution import recorded_result
    from sayso.training.attribution_card import write_attribution_card

    recorded = recorded_result(settings.output)
    if recorded is None:
        err_console.print(
            f"no timed training record in {settings.output}: model card left as it is",
            markup=False,
        )
        return
    result, trained_with = recorded
    write_attribution_card(
        result,
        replace(
            settings,
            seed=trained_with["seed"],
            epochs=trained_with["epochs"],
            members=trained_with.get("members", 1),
        ),
    )
