"""``sayso train attribution``: the learned attribution model, from the corpora.

Data (read from ``--data``, never copied): the German news quotation corpus
(CC BY-NC-SA 4.0: non-commercial) and the SpkAtt-2023 Bundestag corpus
(CC BY-SA 4.0). ``licenses="permissive"`` leaves the non-commercial corpus
out, so commercial users can train a model of their own.

Every text runs through the shipped language layer and the rules; gold
statements are mapped onto our tokens (:mod:`sayso.nlp.learned.examples`);
the network (:mod:`sayso.nlp.learned.model`) is trained with Adam on
batches of whole documents, seeded, on the CPU. After each epoch the
anchors and roles are scored on the dev splits; the best epoch is kept and
written with its model card.
"""

from __future__ import annotations

import json
import logging
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy
from thinc.api import Adam, fix_random_seed

from sayso.errors import ConfigError
from sayso.model import Statement
from sayso.nlp.language import MODELS_DIR, load_language
from sayso.nlp.learned.examples import Example, make_example
from sayso.nlp.learned.labels import ANCHOR_LABELS, ROLE_LABELS
from sayso.nlp.learned.model import AttributionNet, Batch, Settings

log = logging.getLogger(__name__)

NEWS = "de-news-quotation/data"
SPKATT = "spkatt-2023-task1/data"
LICENSES = {
    "news": "CC BY-NC-SA 4.0 (non-commercial)",
    "parliament": "CC BY-SA 4.0",
}


@dataclass
class AttributionSettings:
    """What ``sayso train attribution`` does; every field has a command-line flag."""

    data: Path = Path("../shared/data")
    output: Path = MODELS_DIR / "de_attribution"
    seed: int = 0
    epochs: int = 16
    batch_tokens: int = 3000
    learn_rate: float = 0.002
    licenses: str = "all"
    news_weight: int = 2  # news documents are seen this many times per epoch
    net: Settings = field(default_factory=Settings)


@dataclass
class Corpus:
    """The training and dev texts of one domain, with their gold statements."""

    domain: str
    train: list[tuple[str, list[Statement]]]
    dev: list[tuple[str, list[Statement]]]


def read_corpora(data: Path, licenses: str) -> list[Corpus]:
    """The corpora a licence choice allows, read from the shared data folder."""
    from sayso.corpora.news_quotation import read_news_split
    from sayso.corpora.spkatt import read_spkatt_split

    if licenses not in ("all", "permissive"):
        raise ConfigError(f"--licenses {licenses!r}: use 'all' or 'permissive'")
    corpora = []
    if licenses == "all":
        news = [
            [
                (d.text, [q.to_statement() for q in d.quotations])
                for d in read_news_split(data / NEWS / split)
            ]
            for split in ("train", "dev")
        ]
        corpora.append(Corpus("news", news[0], news[1]))
    spkatt = [
        [
            (s.text, [e.to_statement() for e in s.events])
            for s in read_spkatt_split(data / SPKATT / split / "task1")
        ]
        for split in ("train", "dev")
    ]
    corpora.append(Corpus("parliament", spkatt[0], spkatt[1]))
    return corpora


def build_examples(
    corpora: Sequence[Corpus], progress: Callable[[str], None] | None = None
) -> tuple[list[Example], list[Example]]:
    """Process every text with the language layer and rules; train and dev examples."""
    nlp = load_language("de")
    train: list[Example] = []
    dev: list[Example] = []
    for corpus in corpora:
        for split, out in (("train", train), ("dev", dev)):
            items = getattr(corpus, split)
            for number, (text, statements) in enumerate(items, start=1):
                out.append(make_example(nlp, text, statements, corpus.domain))
                if progress is not None and number % 50 == 0:
                    progress(
                        f"{corpus.domain} {split}: {number}/{len(items)} documents"
                    )
    return train, dev


def _batches(
    examples: list[Example], tokens: int, rng: random.Random
) -> Iterator[list[Example]]:
    order = list(examples)
    rng.shuffle(order)
    batch: list[Example] = []
    size = 0
    for example in order:
        batch.append(example)
        size += len(example.doc)
        if size >= tokens:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def evaluate(net: AttributionNet, examples: Sequence[Example]) -> dict[str, Any]:
    """Anchor detection and role tagging (on gold anchors) for dev examples, per domain."""
    out: dict[str, Any] = {}
    for domain in sorted({e.domain for e in examples}):
        chosen = [e for e in examples if e.domain == domain]
        anchor = [
            0,
            0,
            0,
        ]  # predicted, gold, correct (anchor tokens, any label but O/CUE_I)
        role = [0, 0, 0]  # predicted, gold, correct role tokens (not O)
        for example in chosen:
            encoded = net.encode([example.doc])[0]
            probs = net.anchors(encoded)
            picked = probs.argmax(axis=1)
            gold = example.anchor_target
            for i, label in enumerate(picked):
                gold_labels = numpy.flatnonzero(gold[i])
                gold_anchor = len(gold_labels) == 1 and _is_anchor(int(gold_labels[0]))
                predicted = _is_anchor(int(label))
                anchor[0] += predicted
                anchor[1] += gold_anchor
                anchor[2] += predicted and gold_anchor and bool(gold[i, label])
            for probs_, target in zip(
                net.roles(encoded, example.anchors), example.role_targets, strict=True
            ):
                chosen_labels = probs_.argmax(axis=1)
                gold_single = target.sum(axis=1) == 1
                gold_label = target.argmax(axis=1)
                role[0] += int((chosen_labels != 0).sum())
                role[1] += int(((gold_label != 0) & gold_single).sum())
                role[2] += int(
                    (
                        (chosen_labels == gold_label) & (gold_label != 0) & gold_single
                    ).sum()
                )
        out[domain] = {"anchors": _prf(*anchor), "roles": _prf(*role)}
    return out


def _is_anchor(label: int) -> bool:
    return label not in (0, ANCHOR_LABELS.index("CUE_I"))


def _prf(pred: int, gold: int, tp: int) -> dict[str, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4)}


def _selection_score(scores: dict[str, Any]) -> float:
    values = [float(s["anchors"]["f1"]) + float(s["roles"]["f1"]) for s in scores.values()]
    return sum(values) / max(1, len(values))


@dataclass
class TrainingResult:
    output: Path
    seconds: float
    best_epoch: int
    scores: dict[str, Any]
    history: list[dict[str, Any]]


def train_attribution(
    settings: AttributionSettings, progress: Callable[[str], None] | None = None
) -> TrainingResult:
    """Train the model and write it (with its settings) to ``settings.output``."""
    say = progress or (lambda message: log.info("%s", message))
    started = time.perf_counter()
    fix_random_seed(settings.seed)
    rng = random.Random(settings.seed)
    corpora = read_corpora(settings.data, settings.licenses)
    say("processing the corpora with the language layer and the rules")
    train, dev = build_examples(corpora, say)
    weighted = [
        e
        for e in train
        for _ in range(settings.news_weight if e.domain == "news" else 1)
    ]
    net = AttributionNet(settings.net)
    net.initialize([e.doc for e in train[:8]])
    optimizer = Adam(settings.learn_rate)
    best: tuple[float, int, bytes, dict[str, Any]] = (-1.0, 0, b"", {})
    history = []
    for epoch in range(1, settings.epochs + 1):
        losses = [0.0, 0.0]
        for batch in _batches(weighted, settings.batch_tokens, rng):
            anchor_loss, role_loss = net.update(
                Batch([e.doc for e in batch], [e.anchors for e in batch]),
                [e.anchor_target for e in batch],
                [e.role_targets for e in batch],
                optimizer,
            )
            losses[0] += anchor_loss
            losses[1] += role_loss
        scores = evaluate(net, dev)
        score = _selection_score(scores)
        history.append({"epoch": epoch, "loss": losses, "dev": scores, "score": score})
        say(
            f"epoch {epoch}: loss {losses[0]:.2f}/{losses[1]:.2f} dev {json.dumps(scores)}"
        )
        if score > best[0]:
            best = (score, epoch, net.to_bytes(), scores)
    settings.output.mkdir(parents=True, exist_ok=True)
    (settings.output / "model.bin").write_bytes(best[2])
    meta = {
        "best_epoch": best[1],
        "dev": best[3],
        "settings": {
            k: str(v) if isinstance(v, Path) else v for k, v in asdict(settings).items()
        },
        "licenses": {c.domain: LICENSES[c.domain] for c in corpora},
        "anchor_labels": list(ANCHOR_LABELS),
        "role_labels": list(ROLE_LABELS),
        "history": history,
    }
    (settings.output / "training.json").write_text(
        json.dumps(meta, indent=1), encoding="utf-8"
    )
    seconds = time.perf_counter() - started
    return TrainingResult(settings.output, seconds, best[1], best[3], history)
