"""Static floret vectors from the permissively licensed German text under ``--data``.

Text: the SpkAtt Bundestag speeches (train and test, CC BY-SA 4.0) and the
training sides of UD GSD, PUD and GermEval (GSD dev and the GermEval held-out
part that give the figures are left out). About 355k tokens: small, so the
vectors are small too (96 dimensions, 20,000 hash buckets, ~7.5 MB in the pipeline).
"""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import spacy

from sayso.errors import ConfigError, PipelineError
from sayso.training.corpora import germeval_split, read_conllu, read_spkatt_sentences

log = logging.getLogger(__name__)

SPKATT = (
    Path("spkatt-2023-task1/data/train/task1"),
    Path("spkatt-2023-task1/data/eval/task1_test"),
)


def write_text(data: Path, path: Path) -> int:
    """Write one tokenised sentence per line; return the number of tokens."""
    vocab = spacy.blank("de").vocab
    tokens = 0
    with path.open("w", encoding="utf-8") as out:
        for folder in SPKATT:
            for speech in read_spkatt_sentences(data / folder):
                for sentence in speech:
                    out.write(" ".join(sentence) + "\n")
                    tokens += len(sentence)
        docs = [
            *read_conllu(data / "ud-german-gsd/de_gsd-ud-test.conllu", vocab),
            *read_conllu(
                data / "ud-german-pud/de_pud-ud-test.conllu", vocab, tags=False
            ),
            *germeval_split(data, vocab).train,
        ]
        for doc in docs:
            out.write(" ".join(t.text for t in doc) + "\n")
            tokens += len(doc)
    return tokens


def build_vectors(
    data: Path, folder: Path, *, dim: int = 96, bucket: int = 20000
) -> Path:
    """Train floret vectors and convert them to a spaCy vectors folder; return it."""
    try:
        import floret  # type: ignore[import-untyped]  # floret ships no type hints
    except ImportError as err:
        raise ConfigError(
            "static vectors need the floret package: `pip install floret` (MIT)"
        ) from err
    folder.mkdir(parents=True, exist_ok=True)
    text = folder / "text.txt"
    tokens = write_text(data, text)
    log.info("training floret vectors on %d tokens", tokens)
    model = floret.train_unsupervised(
        str(text),
        model="cbow",
        mode="floret",
        hashCount=2,
        bucket=bucket,
        minn=3,
        maxn=5,
        minCount=2,
        dim=dim,
        epoch=10,
        thread=1,
        verbose=0,
    )
    raw = folder / "vectors.floret"
    model.save_floret_vectors(str(raw))
    output = folder / "model"
    command = [
        sys.executable,
        "-m",
        "spacy",
        "init",
        "vectors",
        "de",
        str(raw),
        str(output),
        "--mode",
        "floret",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise PipelineError(f"spacy init vectors failed: {result.stderr[-500:]}")
    return output
