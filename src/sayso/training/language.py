"""Train the German language layer and write it into the package.

One spaCy pipeline with one shared tok2vec (``layout="shared"``, the shipped
model): tok2vec + STTS tagger + morphologizer (UPOS and features) + NER, trained
together on a mixed corpus:

- UD German GSD test (tags, features) and PUD test (UPOS and GSD-harmonised
  features; its Penn-style XPOS left out);
- GermEval 2014 dev + test less a fixed 15 % held out for the figures
  (:func:`~sayso.training.corpora.germeval_split`).

Treebank sentences carry no entities and GermEval sentences no tags: each
component learns only from what is annotated, the tok2vec from all of it. The
alternative ``layout="frozen"`` trains the tagging pipeline first and then the NER
on top of its frozen tok2vec (measured, see ``docs/language.md``).

A tenth of the treebank and GermEval training sentences is kept for the trainer's
model selection; GSD dev and the GermEval held-out part are never seen and give
the figures of ``sayso evaluate language``. The trained components are joined
with the news tokenizer and the ``sayso_sentences``, ``sayso_lemmas`` and
``sayso_konjunktiv`` rules into one pipeline under ``sayso/models/de_core`` with a
model card. Non-commercial data (UD LIT, 10kGNAD, the news quotation corpus) is
never used for training.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import spacy
from spacy.about import __version__ as spacy_version
from spacy.tokens import Doc, DocBin

from sayso.errors import ConfigError, PipelineError
from sayso.nlp.language import model_path
from sayso.training.corpora import (
    GERMEVAL_DEV,
    GERMEVAL_TEST,
    feature_inventory,
    germeval_split,
    read_conllu,
)
from sayso.training.vectors import build_vectors

log = logging.getLogger(__name__)

#: Where the corpora lie below ``--data`` (see shared/data/README.md).
GSD = Path("ud-german-gsd")
PUD = Path("ud-german-pud")

Layout = Literal["shared", "frozen"]


@dataclass(frozen=True, slots=True)
class TrainingSettings:
    """What ``sayso train language`` can be told; the defaults are the shipped model."""

    data: Path
    output: Path = field(default_factory=lambda: model_path("de"))
    runs: Path = Path("runs/language")
    seed: int = 0
    #: ``shared``: one tok2vec trained with tagger, morphologizer and NER together;
    #: ``frozen``: the tok2vec trained on tagging, the NER on top of it frozen.
    layout: Layout = "shared"
    #: Update steps (each a batch of ~1,000 words); ``frozen`` trains the tagging
    #: stage for ``tagging_steps`` and the NER stage for ``steps``.
    steps: int = 2000
    tagging_steps: int = 800
    #: Width and depth of the tok2vec; the width is that of ``doc.tensor``.
    width: int = 128
    depth: int = 3
    #: Hash-embedding rows of NORM, PREFIX, SUFFIX, SHAPE.
    rows: tuple[int, int, int, int] = (5000, 1000, 2500, 2500)
    #: Train floret vectors on the permissive unlabelled text and use them (round 2
    #: measured no gain from them: off).
    vectors: bool = False
    #: Hidden width of the NER's transition model.
    ner_hidden: int = 64
    #: Train a dependency parser as well (measured in round 1; off).
    parser: bool = False
    #: Learn UPOS and (GSD-harmonised) features from PUD too, not only its lemmas.
    pud_features: bool = True
    #: Dropout of every component.
    dropout: float = 0.1


@dataclass(frozen=True, slots=True)
class TrainingResult:
    """Where the trained pipeline went and how long it took."""

    output: Path
    seconds: float
    runs: Path


def train_language(settings: TrainingSettings) -> TrainingResult:
    """Train the pipeline, add the rules and write the package model with its card."""
    started = time.monotonic()
    _check_data(settings.data)
    runs = settings.runs
    corpus = runs / "corpus"
    prepare_corpora(
        settings.data, corpus, seed=settings.seed, pud_features=settings.pud_features
    )
    vectors = (
        build_vectors(settings.data, runs / "vectors") if settings.vectors else None
    )
    if settings.layout == "shared":
        config = _shared_config(settings, vectors)
        trained = _run_training("shared", config, corpus, "", settings)
    else:
        tagging = _tagging_config(settings, vectors)
        tagged = _run_training("tagging", tagging, corpus, "tagging", settings)
        config = _frozen_names_config(settings, vectors, tagged)
        trained = _run_training("names", config, corpus, "names", settings)
    seconds = time.monotonic() - started
    write_package(trained, settings, seconds)
    log.info("language layer written to %s in %.0f s", settings.output, seconds)
    return TrainingResult(output=settings.output, seconds=seconds, runs=runs)


def write_package(trained: Path, settings: TrainingSettings, seconds: float) -> None:
    """Assemble the trained pipeline with the rules into ``settings.output``."""
    nlp = assemble(trained)
    if settings.output.exists():
        shutil.rmtree(settings.output)
    nlp.to_disk(settings.output)
    info = {
        "date": dt.date.today().isoformat(),
        "seed": settings.seed,
        "seconds": round(seconds),
        "spacy": spacy_version,
        "settings": {
            k: str(v)
            for k, v in _settings_dict(settings).items()
            if k not in {"data", "output"}
        },
    }
    (settings.output / "training.json").write_text(json.dumps(info, indent=1) + "\n")


def _settings_dict(settings: TrainingSettings) -> dict[str, Any]:
    return {name: getattr(settings, name) for name in settings.__dataclass_fields__}


def _check_data(data: Path) -> None:
    needed = [
        data / GSD / "de_gsd-ud-test.conllu",
        data / PUD / "de_pud-ud-test.conllu",
        data / GERMEVAL_DEV,
        data / GERMEVAL_TEST,
    ]
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        raise ConfigError(
            f"--data {data}: missing {', '.join(missing)}; point --data at shared/data"
        )


def prepare_corpora(
    data: Path, corpus: Path, *, seed: int, pud_features: bool = True
) -> dict[str, int]:
    """Write the training and model-selection DocBins; return their sizes.

    ``corpus/train/`` and ``corpus/dev/`` each hold ``tagging.spacy`` (treebank
    sentences) and ``names.spacy`` (GermEval sentences); a folder is one corpus
    for spaCy, a file one part of it.
    """
    nlp = spacy.blank("de")
    vocab = nlp.vocab
    gsd = list(read_conllu(data / GSD / "de_gsd-ud-test.conllu", vocab))
    pud_path = data / PUD / "de_pud-ud-test.conllu"
    if pud_features:
        inventory = feature_inventory(gsd)
        pud = list(read_conllu(pud_path, vocab, xpos=False, features=inventory))
    else:
        pud = list(read_conllu(pud_path, vocab, tags=False))
    ner = germeval_split(data, vocab).train
    rng = random.Random(seed)
    rng.shuffle(gsd)
    rng.shuffle(ner)
    gsd_held = len(gsd) // 10
    ner_held = len(ner) // 10
    parts = {
        "train/tagging": gsd[gsd_held:] + pud,
        "dev/tagging": gsd[:gsd_held],
        "train/names": ner[ner_held:],
        "dev/names": ner[:ner_held],
    }
    for name, docs in parts.items():
        path = corpus / f"{name}.spacy"
        path.parent.mkdir(parents=True, exist_ok=True)
        _write(path, docs)
    return {name: len(docs) for name, docs in parts.items()}


def _write(path: Path, docs: Iterable[Doc]) -> None:
    DocBin(docs=docs, store_user_data=False).to_disk(path)


def _base_config(
    pipeline: list[str], settings: TrainingSettings, vectors: Path | None
) -> Any:
    from spacy.cli.init_config import init_config

    config = init_config(lang="de", pipeline=pipeline, optimize="efficiency", gpu=False)
    config["system"]["seed"] = settings.seed
    training = config["training"]
    training["batcher"] = {
        "@batchers": "spacy.batch_by_words.v1",
        "discard_oversize": False,
        "tolerance": 0.2,
        "size": 1000,
        "get_length": None,
    }
    training["dropout"] = settings.dropout
    training["eval_frequency"] = 200
    training["patience"] = 100_000
    training["max_epochs"] = 0
    training["logger"] = {"@loggers": "spacy.ConsoleLogger.v1", "progress_bar": False}
    if vectors is not None:
        config["paths"]["vectors"] = str(vectors)
        config["initialize"]["vectors"] = str(vectors)
    return config


def _embed(settings: TrainingSettings, vectors: Path | None) -> dict[str, Any]:
    return {
        "@architectures": "spacy.MultiHashEmbed.v2",
        "width": settings.width,
        "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
        "rows": list(settings.rows),
        "include_static_vectors": vectors is not None,
    }


def _encode(settings: TrainingSettings) -> dict[str, Any]:
    return {
        "@architectures": "spacy.MaxoutWindowEncoder.v2",
        "width": settings.width,
        "depth": settings.depth,
        "window_size": 1,
        "maxout_pieces": 3,
    }


def _tagging_components(settings: TrainingSettings) -> list[str]:
    return ["tagger", "morphologizer", *(["parser"] if settings.parser else [])]


def _listen(
    config: Any, names: list[str], settings: TrainingSettings, vectors: Path | None
) -> None:
    """Point the components at the shared tok2vec and size it."""
    model = config["components"]["tok2vec"]["model"]
    model["embed"] = _embed(settings, vectors)
    model["encode"] = _encode(settings)
    for name in names:
        config["components"][name]["model"]["tok2vec"]["width"] = settings.width
    if "ner" in names:
        config["components"]["ner"]["model"]["hidden_width"] = settings.ner_hidden


def _tagging_weights(settings: TrainingSettings, share: float) -> dict[str, Any]:
    return {
        "tag_acc": 0.2 * share,
        "pos_acc": 0.3 * share,
        "morph_acc": 0.5 * share,
        "morph_per_feat": None,
        **({"dep_uas": 0.0, "dep_las": 0.0, "sents_f": 0.0} if settings.parser else {}),
    }


def _shared_config(settings: TrainingSettings, vectors: Path | None) -> Any:
    names = [*_tagging_components(settings), "ner"]
    config = _base_config(names, settings, vectors)
    _listen(config, names, settings, vectors)
    config["training"]["max_steps"] = settings.steps
    config["training"]["score_weights"] = {
        **_tagging_weights(settings, 0.5),
        "ents_f": 0.5,
        "ents_p": 0.0,
        "ents_r": 0.0,
        "ents_per_type": None,
    }
    return config


def _tagging_config(settings: TrainingSettings, vectors: Path | None) -> Any:
    names = _tagging_components(settings)
    config = _base_config(names, settings, vectors)
    _listen(config, names, settings, vectors)
    config["training"]["max_steps"] = settings.tagging_steps
    config["training"]["score_weights"] = _tagging_weights(settings, 1.0)
    return config


def _frozen_names_config(
    settings: TrainingSettings, vectors: Path | None, tagged: Path
) -> Any:
    """NER listening to the tagging pipeline's tok2vec, which stays frozen."""
    tagging = _tagging_components(settings)
    config = _base_config(["ner"], settings, vectors)
    config["nlp"]["pipeline"] = ["tok2vec", *tagging, "ner"]
    for name in ["tok2vec", *tagging]:
        config["components"][name] = {"source": str(tagged)}
    config["components"]["ner"]["model"]["tok2vec"]["width"] = settings.width
    config["components"]["ner"]["model"]["hidden_width"] = settings.ner_hidden
    config["training"]["frozen_components"] = ["tok2vec", *tagging]
    config["training"]["annotating_components"] = ["tok2vec"]
    config["training"]["max_steps"] = settings.steps
    config["training"]["score_weights"] = {"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0}
    return config


def _run_training(
    name: str, config: Any, corpus: Path, part: str, settings: TrainingSettings
) -> Path:
    """Train one pipeline in a single-threaded process; return its best model."""
    runs = settings.runs
    config_path = runs / f"{name}.cfg"
    config.to_disk(config_path)
    train = corpus / "train" / (f"{part}.spacy" if part else "")
    dev = corpus / "dev" / (f"{part}.spacy" if part else "")
    process, log_file = _start_training(
        name, config_path, train, dev, runs / name, settings.seed
    )
    code = process.wait()
    log_file.close()
    if code != 0:
        raise PipelineError(
            f"training {name} failed (exit {code}); see {runs / (name + '.log')}"
        )
    return runs / name / "model-best"


def _start_training(
    name: str, config_path: Path, train: Path, dev: Path, output: Path, seed: int
) -> tuple[subprocess.Popen[bytes], Any]:
    """Start ``spacy train`` in its own single-threaded process."""
    env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = "1"
    command = [
        sys.executable,
        "-m",
        "spacy",
        "train",
        str(config_path),
        "--output",
        str(output),
        "--paths.train",
        str(train),
        "--paths.dev",
        str(dev),
        "--system.seed",
        str(seed),
    ]
    log_file = (output.parent / f"{name}.log").open("wb")
    log.info("training %s: %s", name, " ".join(command))
    process = subprocess.Popen(
        command, stdout=log_file, stderr=subprocess.STDOUT, env=env
    )
    return process, log_file


def assemble(trained: Path) -> spacy.language.Language:
    """Join the trained components with the news tokenizer and sayso's rules."""
    from sayso.nlp.language import blank_language

    nlp = blank_language("de")
    source = spacy.load(trained)
    if source.vocab.vectors.shape[0]:
        nlp.vocab.vectors = source.vocab.vectors
    nlp.add_pipe("sayso_sentences", first=True)
    for name in source.pipe_names:
        nlp.add_pipe(name, source=source)
        if name == "morphologizer":
            nlp.add_pipe("sayso_lemmas")
        elif name == "ner":
            nlp.add_pipe("sayso_names")
    nlp.add_pipe("sayso_konjunktiv")
    nlp.meta.update(
        {
            "name": "core",
            "version": dt.date.today().strftime("%Y.%m.%d"),
            "description": "sayso's German language layer (see MODEL_CARD.md)",
            "license": "CC BY-SA 4.0",
            "author": "sayso developers",
        }
    )
    return nlp
