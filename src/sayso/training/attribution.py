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

import datetime as dt
import json
import logging
import os
import pickle
import random
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy
from thinc.api import Adam, fix_random_seed

from sayso.errors import ConfigError
from sayso.model import Statement
from sayso.nlp.language import MODELS_DIR, load_language
from sayso.nlp.learned.component import language_fingerprint, load_ensemble
from sayso.nlp.learned.decode import DecodeSettings
from sayso.nlp.learned.examples import Example, make_example
from sayso.nlp.learned.labels import ANCHOR_LABELS, DOMAINS, ROLE_LABELS
from sayso.nlp.learned.model import (
    AttributionNet,
    Batch,
    Settings,
    Tagger,
    member_file,
    member_files,
)
from sayso.nlp.matrices import TRAINING, computing_with

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
    epochs: int = 30
    #: stop after this many epochs without a better dev score (the dev score
    #: moves by about 0.01 from epoch to epoch: 4 stopped runs that were not done)
    patience: int = 8
    batch_tokens: int = 3000
    learn_rate: float = 0.002
    licenses: str = "all"
    news_weight: int = 2  # news documents are seen this many times per epoch
    cache: Path | None = None  # keep processed examples here between runs
    #: trainings of the network (seeds seed, seed + 1 …) whose probabilities
    #: the shipped model averages (see sayso.nlp.learned.model.Ensemble): three
    #: measured +0.01 role F1 on dev over two, and since prediction runs the
    #: numpy passes the parliament path keeps 5,300–6,300 words per CPU second
    #: with them (docs/accuracy.md, Speed)
    members: int = 3
    net: Settings = field(default_factory=Settings)


@dataclass
class Corpus:
    """The training and dev texts of one domain, with their gold statements."""

    domain: str
    train: list[tuple[str, list[Statement]]]
    dev: list[tuple[str, list[Statement]]]
    #: the dev documents as the corpus reader gave them (for the corpus metrics)
    dev_documents: list[Any] = field(default_factory=list)


def read_corpora(data: Path, licenses: str) -> list[Corpus]:
    """The corpora a licence choice allows, read from the shared data folder."""
    from sayso.corpora.news_quotation import read_news_split
    from sayso.corpora.spkatt import read_spkatt_split

    if licenses not in ("all", "permissive"):
        raise ConfigError(f"--licenses {licenses!r}: use 'all' or 'permissive'")
    corpora = []
    if licenses == "all":
        news = [read_news_split(data / NEWS / split) for split in ("train", "dev")]
        pairs = [
            [(d.text, [q.to_statement() for q in d.quotations]) for d in n]
            for n in news
        ]
        corpora.append(Corpus("news", pairs[0], pairs[1], news[1]))
    speeches = [
        read_spkatt_split(data / SPKATT / split / "task1") for split in ("train", "dev")
    ]
    pairs = [
        [(s.text, [e.to_statement() for e in s.events]) for s in sp] for sp in speeches
    ]
    corpora.append(Corpus("parliament", pairs[0], pairs[1], speeches[1]))
    return corpora


def build_examples(
    corpora: Sequence[Corpus],
    progress: Callable[[str], None] | None = None,
    *,
    cache: Path | None = None,
) -> tuple[list[Example], list[Example]]:
    """Process every text with the language layer and rules; train and dev examples.

    With ``cache`` (a folder), the processed examples are kept there under a key
    of the language layer, the rule code and lexicons and the corpora, and read
    back on the next run instead of being processed again.
    """
    if cache is not None:
        key = _cache_key(corpora)
        path = cache / f"examples-{key}.pickle"
        if path.exists():
            with path.open("rb") as handle:
                loaded: tuple[list[Example], list[Example]] = pickle.load(handle)
            return loaded
        built = build_examples(corpora, progress)
        cache.mkdir(parents=True, exist_ok=True)
        # written aside and renamed into place: a training reading the cache
        # while another writes it, or a write cut short, never sees half a file
        partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
        try:
            with partial.open("wb") as handle:
                pickle.dump(built, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, path)
        finally:
            partial.unlink(missing_ok=True)
        return built
    nlp = load_language("de", library=TRAINING)
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


def _cache_key(corpora: Sequence[Corpus]) -> str:
    """A digest of everything the processed examples depend on."""
    import hashlib

    from sayso.nlp.language import model_path

    digest = hashlib.sha256()
    meta = model_path("de") / "meta.json"
    if meta.exists():
        digest.update(meta.read_bytes())
    nlp_dir = Path(__file__).resolve().parent.parent / "nlp"
    # what the examples depend on: rules, lexicons, language components, features;
    # not the network, the decoder or the component's plumbing
    skip = {"model.py", "decode.py", "component.py", "attribution.py", "pipeline.py"}
    for file in sorted(nlp_dir.rglob("*")):
        if (
            file.suffix in (".py", ".tsv")
            and "__pycache__" not in file.parts
            and "en" not in file.relative_to(nlp_dir).parts
            and file.name not in skip
        ):
            digest.update(file.read_bytes())
    for corpus in corpora:
        digest.update(corpus.domain.encode())
        for text, statements in corpus.train + corpus.dev:
            digest.update(text.encode())
            digest.update(str(len(statements)).encode())
    return digest.hexdigest()[:16]


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


def evaluate(net: Tagger, examples: Sequence[Example]) -> dict[str, Any]:
    """Anchor detection and role tagging (gold anchors) on dev examples, per domain."""
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


def _selection_score(figures: dict[str, float]) -> float:
    """The epoch kept is the one whose statements score best on dev, with each
    corpus's own measure (token-level tagger figures are only a proxy for it)."""
    return sum(figures.values()) / max(1, len(figures))


#: The decoding each epoch's statements are scored with (the final one is
#: chosen among several after training, by :func:`choose_decoding`).
_PROBE: dict[str, DecodeSettings] = {
    "news": DecodeSettings(prefer="model", anchor_threshold=0.5),
    "parliament": DecodeSettings(
        prefer="model", anchor_threshold=0.5, min_message_tokens=0, cueless=False
    ),
}


#: Decoding variants tried on dev after training; the best is kept in decode.json.
_RULE_SETS: dict[str, frozenset[str]] = {
    "none": frozenset(),
    "prepositional": frozenset(
        {"prep_laut", "prep_zufolge", "prep_nach_von", "prep_nach_gen", "prep_so"}
    ),
    "prepositional+verbs": frozenset(
        {
            "prep_laut",
            "prep_zufolge",
            "prep_nach_von",
            "prep_nach_gen",
            "prep_so",
            "verb",
            "predicative",
        }
    ),
}


def statement_figures(
    net: Tagger,
    examples: Sequence[Example],
    corpora: Sequence[Corpus],
    settings: DecodeSettings,
) -> dict[str, float]:
    """Statement-level dev figures for one decoding: who-said-what F1 on news,
    the shared-task role F1 on parliament."""
    from sayso.evaluation import spkatt, whosaidwhat
    from sayso.nlp.candidate import to_record
    from sayso.nlp.extensions import get_statements, register
    from sayso.nlp.learned.decode import decode
    from sayso.nlp.lexicon import load_lexicon

    register()
    lexicon = load_lexicon("de")
    out: dict[str, float] = {}
    for corpus in corpora:
        chosen = [e for e in examples if e.domain == corpus.domain]
        records = []
        for example, document in zip(chosen, corpus.dev_documents, strict=True):
            found = decode(net, example.doc, example.features, lexicon, settings)
            ids = {id(c): f"s{n}" for n, c in enumerate(found, start=1)}
            example.doc.user_data["sayso_statements"] = [
                to_record(
                    example.doc,
                    c,
                    ids[id(c)],
                    ids.get(id(c.parent)) if c.parent else None,
                )
                for c in found
            ]
            statements = get_statements(example.doc)
            records.append(
                {"id": document.id, "statements": [st.to_dict() for st in statements]}
            )
        if corpus.domain == "news":
            result = whosaidwhat.score(
                whosaidwhat.news_gold(corpus.dev_documents), records
            )
            out["news_who_said_what"] = float(result["who_said_what"]["f1"])
        else:
            gold = {sp.id: spkatt.gold_events(sp) for sp in corpus.dev_documents}
            by_id = {sp.id: sp for sp in corpus.dev_documents}
            events = {
                r["id"]: spkatt.statement_events(
                    by_id[r["id"]],
                    [Statement.from_dict(st) for st in r["statements"]],
                )
                for r in records
            }
            result = spkatt.score_spkatt(gold, events)
            out["parliament_roles"] = float(result["roles"]["f1"])
    return out


#: The thresholds tried for carrying a message on (DecodeSettings.message_reach).
_MESSAGE_REACH = (0.2, 0.12, 0.08)


def choose_decoding(
    net: Tagger,
    examples: Sequence[Example],
    corpora: Sequence[Corpus],
    say: Callable[[str], None],
) -> tuple[dict[str, DecodeSettings], dict[str, Any]]:
    """Try the decoding variants on each domain's dev split; keep each one's best."""
    tried: dict[str, Any] = {}
    chosen: dict[str, DecodeSettings] = {}

    def score(corpus: Corpus, name: str, variant: DecodeSettings) -> float:
        figures = statement_figures(net, examples, [corpus], variant)
        tried[name] = figures
        say(f"decoding {name}: {figures}")
        return sum(figures.values())

    for corpus in corpora:
        best: tuple[float, DecodeSettings, str] = (-1.0, DecodeSettings(), "")
        # min_message_tokens 0 keeps statements of a cue alone (SpkAtt annotates
        # many cues without a message: "wie ich schon sagte")
        # the parliament corpus marks no statement without cue: none are decoded there
        cueless = corpus.domain != "parliament"
        variants = [
            DecodeSettings(
                prefer="rules",
                anchor_threshold=t,
                min_message_tokens=m,
                cueless=cueless,
            )
            for t in (0.5, 0.7, 0.9)
            for m in (1, 0)
        ] + [DecodeSettings(prefer="rules", anchor_threshold=1.01)]  # rules alone
        # the rules' statements with the model's source where both found one
        variants += [
            DecodeSettings(
                prefer="rules",
                anchor_threshold=t,
                min_message_tokens=m,
                cueless=cueless,
                model_sources=True,
            )
            for t in (0.5, 0.9)
            for m in (1, 0)
        ]
        variants += [
            DecodeSettings(
                prefer="model",
                anchor_threshold=t,
                keep_rules=rules,
                min_message_tokens=m,
                cueless=cueless,
            )
            for rules in _RULE_SETS.values()
            for t in (0.35, 0.5)
            for m in (1, 0)
        ]
        for variant in variants:
            name = f"{corpus.domain}:{variant.prefer}@{variant.anchor_threshold}"
            name += "+model sources" if variant.model_sources else ""
            name += f"+{len(variant.keep_rules)}rules"
            name += f" min_message={variant.min_message_tokens}"
            best = max(best, (score(corpus, name, variant), variant, name), key=_first)
        if best[1].uses_model:
            # the best decoding's messages carried on where the tagger still
            # leans to them (see DecodeSettings.message_reach)
            base = best[1]
            for reach in _MESSAGE_REACH:
                variant = replace(base, message_reach=reach)
                name = f"{corpus.domain}: the best with message_reach={reach}"
                best = max(
                    best, (score(corpus, name, variant), variant, name), key=_first
                )
        chosen[corpus.domain] = best[1]
        tried[f"{corpus.domain}: chosen"] = tried[best[2]]  # scored above
    return chosen, tried


def _first(item: tuple[float, DecodeSettings, str]) -> float:
    return item[0]


def _decode_json(settings: DecodeSettings) -> dict[str, Any]:
    return {
        "anchor_threshold": settings.anchor_threshold,
        "keep_rules": sorted(settings.keep_rules),
        "min_message_tokens": settings.min_message_tokens,
        "version": settings.version,
        "prefer": settings.prefer,
        "model_sources": settings.model_sources,
        "cueless": settings.cueless,
        "message_reach": settings.message_reach,
    }


@dataclass
class TrainingResult:
    output: Path
    seconds: float
    best_epoch: int
    scores: dict[str, Any]
    history: list[dict[str, Any]]
    #: the day the weights were trained (ISO date)
    trained: str = ""
    #: per training of the ensemble: seed, best epoch, dev figures, history
    members: list[dict[str, Any]] = field(default_factory=list)


def recorded_result(output: Path) -> tuple[TrainingResult, dict[str, Any]] | None:
    """The training run recorded in ``output/training.json`` and its settings
    (None for a folder without one, or a record from before runs were timed)."""
    record = output / "training.json"
    if not record.exists():
        return None
    recorded = json.loads(record.read_text(encoding="utf-8"))
    if "seconds" not in recorded:
        return None
    members = recorded.get("members", [])
    # records before the seventh round's retraining kept the first training's
    # figures at the top level as well; later ones keep each training once
    first = members[0] if members else recorded
    result = TrainingResult(
        output,
        float(recorded["seconds"]),
        int(first["best_epoch"]),
        first["dev"],
        first["history"],
        str(recorded.get("trained", "")),
        members,
    )
    return result, recorded["settings"]


def train_attribution(
    settings: AttributionSettings, progress: Callable[[str], None] | None = None
) -> TrainingResult:
    """Train the model and write it (with its settings) to ``settings.output``:
    ``settings.members`` trainings with the seeds ``seed``, ``seed + 1`` …, one
    after the other, then the decoding of their ensemble chosen on dev."""
    say = progress or (lambda message: log.info("%s", message))
    started = time.perf_counter()
    if settings.members < 1:
        raise ConfigError(f"--members must be at least 1, not {settings.members}")
    corpora = read_corpora(settings.data, settings.licenses)
    say("processing the corpora with the language layer and the rules")
    train, dev = build_examples(corpora, say, cache=settings.cache)
    settings.output.mkdir(parents=True, exist_ok=True)
    trainings = []
    for number in range(1, settings.members + 1):
        seed = settings.seed + number - 1
        say(f"training {number} of {settings.members} (seed {seed})")
        trainings.append(
            _train_member(
                settings,
                seed,
                train,
                dev,
                corpora,
                member_file(settings.output, number),
                say,
            )
        )
    for stale in member_files(settings.output)[settings.members :]:
        stale.unlink()  # members of an earlier, larger ensemble in this folder
    first = trainings[0]
    meta: dict[str, Any] = {
        "language_layer": language_fingerprint("de"),  # the inputs' provenance
        "settings": {
            k: str(v) if isinstance(v, Path) else v for k, v in asdict(settings).items()
        },
        "licenses": {c.domain: LICENSES[c.domain] for c in corpora},
        "anchor_labels": list(ANCHOR_LABELS),
        "role_labels": list(ROLE_LABELS),
        "members": [
            {
                key: t[key]
                for key in ("seed", "best_epoch", "dev", "statements", "history")
            }
            for t in trainings
        ],
    }
    ensemble = load_ensemble(settings.output, TRAINING)
    meta["decoding"] = write_decoding(ensemble, dev, corpora, settings.output, say)
    seconds = time.perf_counter() - started
    trained = dt.date.today().isoformat()
    meta["seconds"], meta["trained"] = round(seconds, 1), trained
    (settings.output / "training.json").write_text(
        json.dumps(meta, indent=1), encoding="utf-8"
    )
    return TrainingResult(
        settings.output,
        seconds,
        first["best_epoch"],
        first["dev"],
        first["history"],
        trained,
        members=meta["members"],
    )


def _train_member(
    settings: AttributionSettings,
    seed: int,
    train: Sequence[Example],
    dev: Sequence[Example],
    corpora: Sequence[Corpus],
    file: Path,
    say: Callable[[str], None],
) -> dict[str, Any]:
    """One training of the network; its best epoch's averaged weights go to ``file``."""
    fix_random_seed(seed)
    rng = random.Random(seed)
    weighted = [
        e
        for e in train
        for _ in range(settings.news_weight if e.domain == "news" else 1)
    ]
    with computing_with(TRAINING):
        net = AttributionNet(settings.net)
        net.initialize([e.doc for e in train[:8]])
    optimizer = Adam(settings.learn_rate)
    best: tuple[float, int, dict[str, Any], dict[str, float]] = (-1.0, 0, {}, {})
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
        with net.use_params(optimizer.averages):  # judged and kept averaged
            scores = evaluate(net, dev)
            figures = {
                name: value
                for corpus in corpora
                for name, value in statement_figures(
                    net, dev, [corpus], _PROBE[corpus.domain]
                ).items()
            }
            score = _selection_score(figures)
            if score > best[0]:
                file.write_bytes(net.to_bytes())
        history.append(
            {
                "epoch": epoch,
                "loss": losses,
                "dev": scores,
                "statements": figures,
                "score": score,
            }
        )
        say(
            f"epoch {epoch}: loss {losses[0]:.2f}/{losses[1]:.2f} "
            f"dev {json.dumps(scores)} statements {json.dumps(figures)}"
        )
        if score > best[0]:
            best = (score, epoch, scores, figures)
        elif epoch - best[1] >= settings.patience:
            say(f"no better dev score for {settings.patience} epochs: stopping")
            break
    return {
        "seed": seed,
        "best_epoch": best[1],
        "dev": best[2],
        "statements": best[3],
        "history": history,
    }


def write_decoding(
    net: Tagger,
    dev: Sequence[Example],
    corpora: Sequence[Corpus],
    output: Path,
    say: Callable[[str], None],
) -> dict[str, Any]:
    """Choose the decoding per domain on dev and write it to ``decode.json``."""
    decoding, tried = choose_decoding(net, dev, corpora, say)
    chosen = {domain: _decode_json(d) for domain, d in decoding.items()}
    for domain in DOMAINS:  # a domain the model never saw gets the rules alone
        chosen.setdefault(
            domain, _decode_json(DecodeSettings(prefer="rules", anchor_threshold=1.01))
        )
    (output / "decode.json").write_text(json.dumps(chosen, indent=1), encoding="utf-8")
    return {"chosen": chosen, "tried": tried}


def retune_decoding(
    settings: AttributionSettings, progress: Callable[[str], None] | None = None
) -> dict[str, Any]:
    """Choose the decoding of an already trained model in ``settings.output`` again."""
    say = progress or (lambda message: log.info("%s", message))
    net = load_ensemble(settings.output, TRAINING)
    corpora = read_corpora(settings.data, settings.licenses)
    _, dev = build_examples(corpora, say, cache=settings.cache)
    decoding = write_decoding(net, dev, corpora, settings.output, say)
    record = settings.output / "training.json"
    if record.exists():  # keep the model's record in step with decode.json
        recorded = json.loads(record.read_text(encoding="utf-8"))
        recorded["decoding"] = decoding
        record.write_text(json.dumps(recorded, indent=1), encoding="utf-8")
    return decoding
