"""The model card written beside the attribution model."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sayso.training.attribution import AttributionSettings, TrainingResult


_NON_COMMERCIAL = (
    "**Non-commercial:** this model was trained on CC BY-NC-SA data; it may not be "
    "used commercially. Train the permissive variant with "
    "`sayso train attribution --licenses permissive`."
)
_SHARE_ALIKE = (
    "Trained on share-alike data only (CC BY-SA 4.0): usable commercially under "
    "its terms."
)


_CORPORA = {
    "news": "- German news quotation corpus (Petersen-Frey & Biemann, LREC-COLING "
    "2024),\n  train split for training, dev split for choosing the epoch.",
    "parliament": "- SpkAtt-2023 task 1 (Bundestag speeches; Rehbein et al.), "
    "train and dev.",
}


def _describe(settings: dict[str, object]) -> str:
    """One line for a domain's decoding settings."""
    threshold = settings.get("anchor_threshold", 0.5)
    if settings.get("prefer") == "rules" and float(str(threshold)) > 1.0:
        return "the rules alone, the network does not run"
    parts = [
        f"prefer {settings.get('prefer')}",
        f"anchor threshold {threshold}",
        f"min. message tokens {settings.get('min_message_tokens')}",
    ]
    if settings.get("cueless") is False:
        parts.append("no statements without cue")
    reach = float(str(settings.get("message_reach") or 0.0))
    if reach > 0.0:
        parts.append(f"messages carried on over segments of mean probability ≥ {reach}")
    return ", ".join(parts)


def _trainings(count: int) -> str:
    return "one training" if count == 1 else f"{count} trainings"


def _figures(figures: dict[str, Any]) -> str:
    return ", ".join(f"{name} {value:.3f}" for name, value in sorted(figures.items()))


def _tagger_f1(dev: dict[str, Any]) -> dict[str, float]:
    """``{"parliament anchors": f1, ...}`` from the taggers' dev figures."""
    return {
        f"{domain} {part}": float(scores[part]["f1"])
        for domain, scores in dev.items()
        for part in ("anchors", "roles")
        if part in scores
    }


def write_attribution_card(
    result: TrainingResult, settings: AttributionSettings
) -> None:
    """Write ``MODEL_CARD.md`` next to the weights: data, licences, scores, command."""
    from sayso.training.attribution import LICENSES

    domains = (
        ["parliament"] if settings.licenses == "permissive" else ["news", "parliament"]
    )
    licence_lines = "\n".join(f"- {d}: {LICENSES[d]}" for d in domains)
    non_commercial = "news" in domains
    members = result.members or [
        {"seed": settings.seed, "best_epoch": result.best_epoch, "dev": result.scores}
    ]
    best = next((h for h in result.history if h.get("epoch") == result.best_epoch), {})
    for member in members:
        member.setdefault("statements", best.get("statements", {}))
    trainings = "\n".join(
        f"| {m['seed']} | {m['best_epoch']} | {_figures(m['statements'])} | "
        f"{_figures(_tagger_f1(m['dev']))} |"
        for m in members
    )
    record = result.output / "training.json"
    tried = (
        json.loads(record.read_text(encoding="utf-8"))
        .get("decoding", {})
        .get("tried", {})
        if record.exists()
        else {}
    )
    ensemble = "\n".join(
        f"- {domain}: {_figures(tried[f'{domain}: chosen'])}"
        for domain in domains
        if f"{domain}: chosen" in tried
    )
    command = "sayso train attribution --data ../shared/data" + (
        " --licenses permissive" if settings.licenses == "permissive" else ""
    )
    corpora = "\n".join(_CORPORA[d] for d in domains)
    decode_file = result.output / "decode.json"
    chosen = (
        json.loads(decode_file.read_text(encoding="utf-8"))
        if decode_file.exists()
        else {}
    )
    decoding = "\n".join(
        f"- {domain}: {_describe(chosen[domain])}"
        + ("" if domain in domains else "; the model was not trained on it")
        for domain in ("news", "parliament")
        if domain in chosen
    )
    trained = result.trained or dt.date.today().isoformat()
    seeds = ("seeds " if len(members) > 1 else "seed ") + ", ".join(
        str(m["seed"]) for m in members
    )
    text = f"""# sayso German attribution model

Trained {trained} with `{command}`: {_trainings(len(members))} of the network
({seeds}; at most {settings.epochs} epochs each), {result.seconds / 60:.1f} min
on the CPU. The model averages their probabilities.

## What it does

An anchor tagger (the first word of each cue, or the first message word of a
statement without cue) and an anchor-conditioned role tagger (source,
message, addressee, medium, topic, evidence, further cue words; with a
convolution along each anchor's window), sharing one encoder over the
language layer's token vectors, hashed word features and the rules'
findings. The rules of `sayso.nlp` run first and are features of the model;
decoding merges both (see `docs/accuracy.md`). The weights are the
optimizer's running averages of the epoch whose statements scored best on
dev (each epoch is judged with its averages). Each training with another
seed keeps its own weights (`model.bin`, `model-2.bin` …); the model averages
their anchor and role probabilities, which scores above any one of them.

## Data and licences

{licence_lines}

{corpora}

{_NON_COMMERCIAL if non_commercial else _SHARE_ALIKE}

## Decoding (chosen on the dev splits, in `decode.json`)

{decoding}

## Scores on the dev splits

The ensemble with the chosen decoding (who-said-what F1 on news, the
SpkAtt-2023 role F1 on speeches):

{ensemble or "- not recorded"}

Each training's kept epoch: its statements under one fixed decoding (before
the decoding search), and its taggers' F1 (anchors; roles given the gold
anchor):

| seed | best epoch | statements | taggers |
| --- | --- | --- | --- |
{trainings}

Statement-level figures (who-said-what F1, the corpora's own metrics) are
measured with `sayso evaluate news|spkatt|gold` and reported in
`docs/accuracy.md`.
"""
    (result.output / "MODEL_CARD.md").write_text(text, encoding="utf-8")
