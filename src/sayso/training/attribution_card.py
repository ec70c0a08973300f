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
    command = "sayso train attribution --data ../shared/data" + (
        " --licenses permissive" if settings.licenses == "permissive" else ""
    )
    text = f"""# sayso German attribution model

Trained {dt.date.today().isoformat()} with `{command}` (seed {settings.seed},
{settings.epochs} epochs, best epoch {result.best_epoch}, {result.seconds / 60:.1f} min
on the CPU).

## What it does

An anchor tagger (the first word of each cue, or the first message word of a
statement without cue) and an anchor-conditioned role tagger (source,
message, addressee, medium, topic, evidence, further cue words), sharing one
encoder over the language layer's token vectors, hashed word features and
the rules' findings. The rules of `sayso.nlp` run first and are features of
the model; decoding merges both (see `docs/accuracy.md`).

## Data and licences

{licence_lines}

- German news quotation corpus (Petersen-Frey & Biemann, LREC-COLING 2024),
  train split for training, dev split for choosing the epoch.
- SpkAtt-2023 task 1 (Bundestag speeches; Rehbein et al.), train and dev.

{_NON_COMMERCIAL if non_commercial else _SHARE_ALIKE}

## Scores on the dev splits (anchors and roles on gold anchors)

```json
{dev}
```

Statement-level figures (who-said-what F1, the corpora's own metrics) are
measured with `sayso evaluate news|spkatt|gold` and reported in
`docs/accuracy.md`.
"""
    (result.output / "MODEL_CARD.md").write_text(text, encoding="utf-8")
