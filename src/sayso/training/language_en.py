"""Train the English language layer (``en_core``) on UD English EWT and ship it.

What the English rules need from a language layer is small: sentences that
respect quotations (rules, :mod:`sayso.nlp.en.sentences`) and Penn Treebank
tags, to tell a reporting verb from a noun (*says*, *reports*, *claims*) and to
find where the noun phrase of a source ends. One spaCy pipeline: a small
tok2vec shared by a Penn tagger and a morphologizer (UPOS and features), behind
spaCy's English tokenizer.

Data: UD English EWT dev + test (CC BY-SA 4.0; train did not arrive), split by
document with a fixed hash so that about 15 % of the documents are never seen
and give the figures (:func:`held_out`). A tenth of the rest is the trainer's
model-selection set. EWT is web text with straight quotation marks; news
writes typographic ones, so a share of the training sentences gets ``“ ” ’``
instead (the tagger learns them from their shape, not only from the
characters it saw).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import spacy
from spacy.about import __version__ as spacy_version
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from sayso.errors import ConfigError, InputError, PipelineError
from sayso.nlp.language import model_path

EWT = Path("ud-english-ewt")
EWT_FILES = ("en_ewt-ud-dev.conllu", "en_ewt-ud-test.conllu")
#: The share of EWT documents held out for the figures, drawn by a hash of the
#: document id (independent of the training seed).
HELD_OUT_SHARE = 0.15


@dataclass(frozen=True, slots=True)
class EnglishSettings:
    """What ``sayso train language-en`` can be told; the defaults are shipped."""

    data: Path
    output: Path = field(default_factory=lambda: model_path("en"))
    runs: Path = Path("runs/language-en")
    seed: int = 0
    #: Update steps, each a batch of about 1,000 words.
    steps: int = 1500
    width: int = 96
    depth: int = 4
    #: Hash-embedding rows of NORM, PREFIX, SUFFIX, SHAPE.
    rows: tuple[int, int, int, int] = (5000, 1000, 2500, 2500)
    dropout: float = 0.1
    #: Share of training sentences written with typographic quotation marks.
    typographic: float = 0.5


@dataclass(frozen=True, slots=True)
class EnglishResult:
    output: Path
    seconds: float
    scores: dict[str, Any]


@dataclass(frozen=True, slots=True)
class _Sentence:
    document: str
    words: list[str]
    spaces: list[bool]
    upos: list[str]
    xpos: list[str]
    feats: list[str]


def read_ewt(path: Path) -> Iterator[_Sentence]:
    """The sentences of an EWT CoNLL-U file, with the document each belongs to.

    Multiword tokens (``didn't``, ``company's``) are kept as their parts, as
    spaCy's English tokenizer splits them (``did`` ``n't``).
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise InputError(str(path), f"cannot read the treebank ({err})") from err
    document = ""
    rows: list[list[str]] = []
    # multiword tokens: (first id, last id, a space after the last)
    multiword: list[tuple[int, int, bool]] = []
    for line in [*lines, ""]:
        if line.startswith("# newdoc id"):
            document = line.split("=", 1)[1].strip()
        if line.startswith("#"):
            continue
        if not line.strip():
            if rows:
                yield _sentence(document, rows, multiword)
            rows, multiword = [], []
            continue
        columns = line.split("\t")
        if len(columns) != 10:
            raise InputError(str(path), f"not a CoNLL-U line: {line[:60]!r}")
        if "-" in columns[0]:
            first, last = columns[0].split("-")
            multiword.append((int(first), int(last), "SpaceAfter=No" not in columns[9]))
            continue
        if "." in columns[0]:
            continue
        rows.append(columns)
    return


def _sentence(
    document: str, rows: list[list[str]], multiword: list[tuple[int, int, bool]]
) -> _Sentence:
    spaces = []
    for columns in rows:
        word_id = int(columns[0])
        space = "SpaceAfter=No" not in columns[9]
        for first, last, after in multiword:
            if first <= word_id < last:
                space = False
            elif word_id == last:
                space = after
        spaces.append(space)
    return _Sentence(
        document=document,
        words=[c[1] for c in rows],
        spaces=spaces,
        upos=[c[3] for c in rows],
        xpos=[c[4] if c[4] != "_" else c[3] for c in rows],
        feats=[c[5] if c[5] != "_" else "" for c in rows],
    )


def held_out(document: str) -> bool:
    """Whether an EWT document belongs to the fixed held-out part."""
    digest = hashlib.sha1(document.encode("utf-8")).digest()
    return digest[0] / 256 < HELD_OUT_SHARE


def ewt_split(data: Path) -> tuple[list[_Sentence], list[_Sentence]]:
    """EWT dev + test sentences: (training, held out)."""
    folder = data / EWT
    missing = [name for name in EWT_FILES if not (folder / name).exists()]
    if missing:
        raise ConfigError(
            f"--data {data}: missing {', '.join(missing)} under {folder}; "
            "point --data at shared/data"
        )
    train: list[_Sentence] = []
    held: list[_Sentence] = []
    for name in EWT_FILES:
        for sentence in read_ewt(folder / name):
            (held if held_out(sentence.document) else train).append(sentence)
    return train, held


_TYPOGRAPHIC = {"``": "“", "''": "”"}


def _typographic(sentence: _Sentence) -> _Sentence:
    """The sentence as news would print it: “ ” for straight quotes, ’ for '."""
    words = list(sentence.words)
    opened = False
    for k, word in enumerate(words):
        if word == '"':
            words[k] = "”" if opened else "“"
            opened = not opened
        elif "'" in word and sentence.upos[k] != "PUNCT":
            words[k] = word.replace("'", "’")
        elif word == "'":
            words[k] = "’"
    return _Sentence(
        sentence.document,
        words,
        sentence.spaces,
        sentence.upos,
        sentence.xpos,
        sentence.feats,
    )


def to_doc(vocab: Vocab, sentence: _Sentence) -> Doc:
    return Doc(
        vocab,
        words=sentence.words,
        spaces=sentence.spaces,
        pos=sentence.upos,
        tags=sentence.xpos,
        morphs=sentence.feats,
        sent_starts=[k == 0 for k in range(len(sentence.words))],
    )


def prepare_corpora(
    data: Path, corpus: Path, *, seed: int, typographic: float
) -> dict[str, int]:
    """Write ``corpus/train.spacy`` and ``corpus/dev.spacy`` (model selection)."""
    vocab = spacy.blank("en").vocab
    train, _ = ewt_split(data)
    rng = random.Random(seed)
    rng.shuffle(train)
    cut = len(train) // 10
    parts = {"dev": train[:cut], "train": train[cut:]}
    corpus.mkdir(parents=True, exist_ok=True)
    for name, sentences in parts.items():
        docs = []
        for sentence in sentences:
            if name == "train" and rng.random() < typographic:
                sentence = _typographic(sentence)
            docs.append(to_doc(vocab, sentence))
        DocBin(docs=docs, store_user_data=False).to_disk(corpus / f"{name}.spacy")
    return {name: len(sentences) for name, sentences in parts.items()}


def training_config(settings: EnglishSettings) -> Any:
    """A spaCy config: tok2vec shared by a Penn tagger and a morphologizer."""
    from spacy.cli.init_config import init_config

    names = ["tagger", "morphologizer"]
    config = init_config(lang="en", pipeline=names, optimize="efficiency", gpu=False)
    config["system"]["seed"] = settings.seed
    model = config["components"]["tok2vec"]["model"]
    model["embed"] = {
        "@architectures": "spacy.MultiHashEmbed.v2",
        "width": settings.width,
        "attrs": ["NORM", "PREFIX", "SUFFIX", "SHAPE"],
        "rows": list(settings.rows),
        "include_static_vectors": False,
    }
    model["encode"] = {
        "@architectures": "spacy.MaxoutWindowEncoder.v2",
        "width": settings.width,
        "depth": settings.depth,
        "window_size": 1,
        "maxout_pieces": 3,
    }
    for name in names:
        config["components"][name]["model"]["tok2vec"]["width"] = settings.width
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
    training["max_steps"] = settings.steps
    training["logger"] = {"@loggers": "spacy.ConsoleLogger.v1", "progress_bar": False}
    training["score_weights"] = {
        "tag_acc": 0.6,
        "pos_acc": 0.3,
        "morph_acc": 0.1,
        "morph_per_feat": None,
    }
    return config


def train_english(settings: EnglishSettings) -> EnglishResult:
    """Train, assemble with the sentence rules, write into the package with a card."""
    started = time.monotonic()
    runs = settings.runs
    corpus = runs / "corpus"
    sizes = prepare_corpora(
        settings.data, corpus, seed=settings.seed, typographic=settings.typographic
    )
    config_path = runs / "en_core.cfg"
    training_config(settings).to_disk(config_path)
    trained = _run_training(config_path, corpus, runs / "trained", settings.seed)
    nlp = assemble(trained)
    if settings.output.exists():
        shutil.rmtree(settings.output)
    nlp.to_disk(settings.output)
    seconds = time.monotonic() - started
    scores = evaluate_english(nlp, settings.data)
    info = {
        "date": dt.date.today().isoformat(),
        "seed": settings.seed,
        "seconds": round(seconds),
        "spacy": spacy_version,
        "sentences": sizes,
        "settings": {
            name: str(getattr(settings, name))
            for name in settings.__dataclass_fields__
            if name not in {"data", "output"}
        },
        "scores": scores,
    }
    (settings.output / "training.json").write_text(json.dumps(info, indent=1) + "\n")
    write_card(settings.output, info)
    return EnglishResult(settings.output, seconds, scores)


def _run_training(config: Path, corpus: Path, output: Path, seed: int) -> Path:
    """``spacy train`` in its own single-threaded process; its best model."""
    env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        env[var] = "1"
    command = [
        sys.executable,
        "-m",
        "spacy",
        "train",
        str(config),
        "--output",
        str(output),
        "--paths.train",
        str(corpus / "train.spacy"),
        "--paths.dev",
        str(corpus / "dev.spacy"),
        "--system.seed",
        str(seed),
    ]
    log_path = output.parent / "train.log"
    with log_path.open("wb") as log_file:
        code = subprocess.run(
            command, stdout=log_file, stderr=subprocess.STDOUT, env=env, check=False
        ).returncode
    if code != 0:
        raise PipelineError(f"training failed (exit {code}); see {log_path}")
    return output / "model-best"


def assemble(trained: Path) -> Language:
    """spaCy's English tokenizer, the sentence rules and the trained components."""
    from sayso.nlp.en import sentences  # noqa: F401  # registers the component

    nlp = spacy.blank("en")
    source = spacy.load(trained)
    nlp.add_pipe("sayso_en_sentences")
    for name in source.pipe_names:
        nlp.add_pipe(name, source=source)
    nlp.meta.update(
        {
            "name": "core",
            "version": dt.date.today().strftime("%Y.%m.%d"),
            "description": "sayso's English language layer (see MODEL_CARD.md)",
            "license": "CC BY-SA 4.0",
            "author": "sayso developers",
        }
    )
    return nlp


def evaluate_english(nlp: Language, data: Path) -> dict[str, Any]:
    """Tag, UPOS and per-tag accuracy on the held-out EWT documents (gold tokens)."""
    _, held = ewt_split(data)
    tagged = 0
    tag_ok = pos_ok = 0
    verbs = verb_ok = 0
    proper = proper_ok = 0
    for sentence in held:
        doc = Doc(nlp.vocab, words=sentence.words, spaces=sentence.spaces)
        for name, component in nlp.pipeline:
            if name != "sayso_en_sentences":
                doc = component(doc)
        for token, xpos, upos in zip(doc, sentence.xpos, sentence.upos, strict=True):
            tagged += 1
            tag_ok += token.tag_ == xpos
            pos_ok += token.pos_ == upos
            if xpos.startswith("VB"):
                verbs += 1
                verb_ok += token.tag_ == xpos
            if xpos in ("NNP", "NNPS"):
                proper += 1
                proper_ok += token.tag_ in ("NNP", "NNPS")
    return {
        "held_out_sentences": len(held),
        "held_out_words": tagged,
        "tag_acc": round(100 * tag_ok / max(tagged, 1), 1),
        "pos_acc": round(100 * pos_ok / max(tagged, 1), 1),
        "verb_tag_acc": round(100 * verb_ok / max(verbs, 1), 1),
        "proper_noun_recall": round(100 * proper_ok / max(proper, 1), 1),
    }


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def write_card(model: Path, info: dict[str, Any]) -> None:
    """``MODEL_CARD.md`` beside the weights."""
    scores = info["scores"]
    sizes = info["sentences"]
    text = f"""# sayso English language layer (`en_core`)

Trained on {info["date"]} with spaCy {info["spacy"]}, seed {info["seed"]}, in
{info["seconds"] / 60:.0f} minutes on the CPU
(`sayso train language-en --data ../shared/data`). Size on disk:
{_size_mb(model):.1f} MB.

Pipeline: `sayso_en_sentences` (rules, no weights: quote-aware sentence
boundaries), `tok2vec`, `tagger` (Penn Treebank tags), `morphologizer` (UPOS and
features), behind spaCy's English tokenizer. No lemmas and no named entities:
the English rules look reporting verbs up by their forms and find names from
the tags. See `docs/english.md`.

## Licence

Derived from UD English EWT (CC BY-SA 4.0); distributed under **CC BY-SA 4.0**.

## Data

| data | licence | used for |
|---|---|---|
| UD English EWT dev + test less the held-out documents \
({sizes["train"]} + {sizes["dev"]} sentences) | CC BY-SA 4.0 | tagger and \
morphologizer (90 %; 10 % for model selection); half the training sentences \
rewritten with typographic quotation marks and apostrophes |
| UD English EWT held-out documents ({scores["held_out_sentences"]} sentences, a \
fixed ~15 % of documents by a hash of their id) | CC BY-SA 4.0 | evaluation only |

## Scores (held-out EWT documents, gold tokens)

| measure | value |
|---|---|
| Penn tag accuracy | {scores["tag_acc"]} |
| UPOS accuracy | {scores["pos_acc"]} |
| tag accuracy on verbs (VB*) | {scores["verb_tag_acc"]} |
| proper nouns tagged NNP/NNPS (recall) | {scores["proper_noun_recall"]} |

## Limits

- 40k words of web text (blogs, reviews, e-mail, answers): EWT's 200k-word
  train split did not arrive. News differs (headline case, datelines, long
  names); published taggers trained on full EWT or OntoNotes reach 97 %.
- The figure that matters for sayso is what the tags do for attribution:
  `docs/english.md` measures the English rules with and without this layer on
  PolNeAR dev.
"""
    (model / "MODEL_CARD.md").write_text(text, encoding="utf-8")
