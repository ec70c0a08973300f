"""The model card written beside the attribution model."""

from __future__ import annotations

import datetime as dt
import json
from typing import TYPE_CHECKING

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
    dev = json.dumps(result.scores, indent=1)
    best = next((h for h in result.history if h.get("epoch") == result.best_epoch), {})
    statements = json.dumps(best.get("statements", {}), indent=1)
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
    text = f"""# sayso German attribution model

Trained {trained} with `{command}` (seed {settings.seed},
{settings.epochs} epochs, best epoch {result.best_epoch}, {result.seconds / 60:.1f} min
on the CPU).

## What it does

An anchor tagger (the first word of each cue, or the first message word of a
statement without cue) and an anchor-conditioned role tagger (source,
message, addressee, medium, topic, evidence, further cue words; with a
convolution along each anchor's window), sharing one encoder over the
language layer's token vectors, hashed word features and the rules'
findings. The rules of `sayso.nlp` run first and are features of the model;
decoding merges both (see `docs/accuracy.md`). The weights are the
optimizer's running averages of the epoch whose statements scored best on
dev (each epoch is judged with its averages).

## Data and licences

{licence_lines}

{corpora}

{_NON_COMMERCIAL if non_commercial else _SHARE_ALIKE}

## Decoding (chosen on the dev splits, in `decode.json`)

{decoding}

## Scores on the dev splits

Statements of the kept epoch (who-said-what F1 on news, the SpkAtt-2023 role
F1 on speeches; one fixed decoding, before the decoding search):

```json
{statements}
```

The taggers of the kept epoch (anchors; roles given the gold anchor):

```json
{dev}
```

Statement-level figures (who-said-what F1, the corpora's own metrics) are
measured with `sayso evaluate news|spkatt|gold` and reported in
`docs/accuracy.md`.
"""
    (result.output / "MODEL_CARD.md").write_text(text, encoding="utf-8")
