"""Train the German language layer and write it into the package.

Two spaCy pipelines are trained side by side, one process each (2 cores):

- *tagging*: tok2vec + STTS tagger + morphologizer (UPOS and features) +
  edit-tree lemmatizer on UD German GSD test (tags, features, lemmas) and PUD
  test (lemmas only: its XPOS is Penn-style);
- *names*: NER with its own tok2vec on GermEval 2014 test.

A tenth of each training set is held out for the trainer's model selection;
GSD dev and GermEval dev are never seen and give the figures of
``sayso evaluate language``. The two are then joined with the news tokenizer,
the ``sayso_sentences`` and ``sayso_konjunktiv`` rules into one pipeline under
``sayso/models/de_core`` with a model card. Non-commercial data (UD LIT,
10kGNAD, the news quotation corpus) is never used for training.
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
from typing import Any

import spacy
from spacy.about import __version__ as spacy_version
from spacy.tokens import Doc, DocBin

from sayso.errors import ConfigError, PipelineError
from sayso.nlp.language import model_path
from sayso.training.corpora import feature_inventory, read_conllu, read_germeval
from sayso.training.vectors import build_vectors

log = logging.getLogger(__name__)

#: Where the corpora lie below ``--data`` (see shared/data/README.md).
GSD = Path("ud-german-gsd")
PUD = Path("ud-german-pud")
GERMEVAL = Path("germeval2014-ner")


@dataclass(frozen=True, slots=True)
class TrainingSettings:
    """What ``sayso train language`` can be told; the defaults are the shipped model."""

    data: Path
    output: Path = field(default_factory=lambda: model_path("de"))
    runs: Path = Path("runs/language")
    seed: int = 0
    #: Update steps of each pipeline (each step is a batch of ~1,000 words).
    tagging_steps: int = 1600
    names_steps: int = 1600
    #: Width of the tagging tok2vec and of the NER tok2vec.
    width: int = 128
    names_width: int = 96
    depth: int = 4
    #: Train floret vectors on the permissive unlabelled text and use them in both.
    vectors: bool = True
    #: Train a dependency parser as well (measured; off in the shipped model).
    parser: bool = False
    #: Character embeddings (spacy.CharacterEmbed.v2) instead of hashed affixes.
    char_embed: bool = False
    #: Learn UPOS and (GSD-harmonised) features from PUD too, not only its lemmas.
    pud_features: bool = True


@dataclass(frozen=True, slots=True)
class TrainingResult:
    """Where the trained pipeline went and how long it took."""

    output: Path
    seconds: float
    runs: Path


def train_language(settings: TrainingSettings) -> TrainingResult:
    """Train both pipelines, join them and write the package model with its card."""
    started = time.monotonic()
    _check_data(settings.data)
    runs = settings.runs
    corpus = runs / "corpus"
    corpus.mkdir(parents=True, exist_ok=True)
    prepare_corpora(
        settings.data, corpus, seed=settings.seed, pud_features=settings.pud_features
    )
    vectors = (
        build_vectors(settings.data, runs / "vectors") if settings.vectors else None
    )
    jobs = {
        "tagging": _tagging_config(settings, vectors),
        "names": _names_config(settings, vectors),
    }
    processes = {}
    for name, config in jobs.items():
        config_path = runs / f"{name}.cfg"
        config.to_disk(config_path)
        processes[name] = _start_training(
            name, config_path, corpus, runs, settings.seed
        )
    failed = []
    for name, (process, log_file) in processes.items():
        code = process.wait()
        log_file.close()
        if code != 0:
            failed.append(f"{name} (exit {code}, log {runs / (name + '.log')})")
    if failed:
        raise PipelineError(f"training failed: {', '.join(failed)}; see the logs")
    nlp = assemble(runs / "tagging" / "model-best", runs / "names" / "model-best")
    if settings.output.exists():
        shutil.rmtree(settings.output)
    nlp.to_disk(settings.output)
    seconds = time.monotonic() - started
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
    log.info("language layer written to %s in %.0f s", settings.output, seconds)
    return TrainingResult(output=settings.output, seconds=seconds, runs=runs)


def _settings_dict(settings: TrainingSettings) -> dict[str, Any]:
    return {name: getattr(settings, name) for name in settings.__dataclass_fields__}


def _check_data(data: Path) -> None:
    needed = [
        data / GSD / "de_gsd-ud-test.conllu",
        data / PUD / "de_pud-ud-test.conllu",
        data / GERMEVAL / "NER-de-test.tsv",
    ]
    missing = [str(p) for p in needed if not p.exists()]
    if missing:
        raise ConfigError(
            f"--data {data}: missing {', '.join(missing)}; point --data at shared/data"
        )


def prepare_corpora(
    data: Path, corpus: Path, *, seed: int, pud_features: bool = True
) -> dict[str, int]:
    """Write the training and model-selection DocBins; return their sizes."""
    nlp = spacy.blank("de")
    vocab = nlp.vocab
    gsd = list(read_conllu(data / GSD / "de_gsd-ud-test.conllu", vocab))
    pud_path = data / PUD / "de_pud-ud-test.conllu"
    if pud_features:
        inventory = feature_inventory(gsd)
        pud = list(read_conllu(pud_path, vocab, xpos=False, features=inventory))
    else:
        pud = list(read_conllu(pud_path, vocab, tags=False))
    ner = list(read_germeval(data / GERMEVAL / "NER-de-test.tsv", vocab))
    rng = random.Random(seed)
    rng.shuffle(gsd)
    rng.shuffle(ner)
    gsd_held = len(gsd) // 10
    ner_held = len(ner) // 10
    parts = {
        "tagging-train": gsd[gsd_held:] + pud,
        "tagging-dev": gsd[:gsd_held],
        "names-train": ner[ner_held:],
        "names-dev": ner[:ner_held],
    }
    for name, docs in parts.items():
        _write(corpus / f"{name}.spacy", docs)
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
    training["eval_frequency"] = 200
    training["patience"] = 2500
    training["max_epochs"] = 0
    training["logger"] = {"@loggers": "spacy.ConsoleLogger.v1", "progress_bar": False}
    if vectors is not None:
        config["paths"]["vectors"] = str(vectors)
        config["initialize"]["vectors"] = str(vectors)
    return config


def _embed(width: int, vectors: Path | None, *, chars: bool = False) -> dict[str, Any]:
    if chars:
        return {
            "@architectures": "spacy.CharacterEmbed.v2",
            "width": width,
            "rows": 7000,
            "nM": 64,
            "nC": 8,
            "include_static_vectors": vectors is not None,
        }
    return {
        "@architectures": "spacy.MultiHashEmbed.v2",
        "width": width,
        "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
        "rows": [5000, 1000, 2500, 2500],
        "include_static_vectors": vectors is not None,
    }


def _encode(width: int, settings: TrainingSettings) -> dict[str, Any]:
    return {
        "@architectures": "spacy.MaxoutWindowEncoder.v2",
        "width": width,
        "depth": settings.depth,
        "window_size": 1,
        "maxout_pieces": 3,
    }


def _tagging_config(settings: TrainingSettings, vectors: Path | None) -> Any:
    pipeline = ["tagger", "morphologizer"]
    if settings.parser:
        pipeline.append("parser")
    config = _base_config(pipeline, settings, vectors)
    model = config["components"]["tok2vec"]["model"]
    model["embed"] = _embed(settings.width, vectors, chars=settings.char_embed)
    model["encode"] = _encode(settings.width, settings)
    for name in pipeline:
        listener = config["components"][name]["model"]["tok2vec"]
        listener["width"] = settings.width
    config["training"]["max_steps"] = settings.tagging_steps
    config["training"]["score_weights"] = {
        "tag_acc": 0.2,
        "pos_acc": 0.3,
        "morph_acc": 0.5,
        "morph_per_feat": None,
        **({"dep_uas": 0.0, "dep_las": 0.0, "sents_f": 0.0} if settings.parser else {}),
    }
    return config


def _names_config(settings: TrainingSettings, vectors: Path | None) -> Any:
    config = _base_config(["ner"], settings, vectors)
    config["nlp"]["pipeline"] = ["ner"]
    del config["components"]["tok2vec"]
    config["components"]["ner"]["model"]["tok2vec"] = {
        "@architectures": "spacy.Tok2Vec.v2",
        "embed": _embed(settings.names_width, vectors, chars=settings.char_embed),
        "encode": _encode(settings.names_width, settings),
    }
    config["training"]["max_steps"] = settings.names_steps
    config["training"]["score_weights"] = {"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0}
    return config


def _start_training(
    name: str, config_path: Path, corpus: Path, runs: Path, seed: int
) -> tuple[subprocess.Popen[bytes], Any]:
    """Start ``spacy train`` for one pipeline in its own single-threaded process."""
    env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = "1"
    output = runs / name
    command = [
        sys.executable,
        "-m",
        "spacy",
        "train",
        str(config_path),
        "--output",
        str(output),
        "--paths.train",
        str(corpus / f"{name}-train.spacy"),
        "--paths.dev",
        str(corpus / f"{name}-dev.spacy"),
        "--system.seed",
        str(seed),
    ]
    log_file = (runs / f"{name}.log").open("wb")
    log.info("training %s: %s", name, " ".join(command))
    process = subprocess.Popen(
        command, stdout=log_file, stderr=subprocess.STDOUT, env=env
    )
    return process, log_file


def assemble(tagging: Path, names: Path) -> spacy.language.Language:
    """Join the trained pipelines with the news tokenizer and sayso's rules."""
    from sayso.nlp.language import blank_language

    nlp = blank_language("de")
    tagging_nlp = spacy.load(tagging)
    names_nlp = spacy.load(names)
    if names_nlp.vocab.vectors.shape[0]:
        nlp.vocab.vectors = names_nlp.vocab.vectors  # the same floret table in both
    nlp.add_pipe("sayso_sentences", first=True)
    for name in tagging_nlp.pipe_names:
        nlp.add_pipe(name, source=tagging_nlp)
    nlp.add_pipe("sayso_lemmas", after="morphologizer")
    nlp.add_pipe("ner", source=names_nlp)
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
