"""Readers for the corpora the language layer is trained and measured on.

- CoNLL-U treebanks (UD German GSD, PUD): one ``Doc`` per sentence. German
  contractions (``zum`` = ``zu dem``) are kept as one token, as the news
  tokenizer produces them: STTS tag ``APPRART``, the lemma and head of the
  preposition, the features of the article.
- GermEval 2014 NER TSV: one ``Doc`` per sentence with the outer entities; the
  classes map to PER, LOC, ORG and MISC (``OTH``); ``*deriv`` and ``*part``
  (*deutsche*, *Bundesliga-Spiel*) are no names of their own and become O.
- The German news quotation corpus (JSON): article texts with their gold
  sentence offsets, for measuring sentence boundaries only.
- SpkAtt speeches (JSON): tokenised sentences, for static vectors and sentence
  boundaries.
"""

from __future__ import annotations

import json
import logging
import random
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc
from spacy.vocab import Vocab

from sayso.errors import InputError

log = logging.getLogger(__name__)

#: GermEval classes and the labels sayso uses for them.
GERMEVAL_LABELS = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC"}

#: The GermEval 2014 files that arrived (train did not), below the data folder.
GERMEVAL_DEV = Path("germeval2014-ner/NER-de-dev.tsv")
GERMEVAL_TEST = Path("germeval2014-ner/NER-de-test.tsv")
#: The share of GermEval dev + test sentences held out for the figures, and the
#: fixed seed that draws them (independent of the training seed, so every model is
#: measured on the same sentences).
NER_HELD_OUT_SHARE = 0.15
NER_HELD_OUT_SEED = 2014


@dataclass(frozen=True, slots=True)
class Word:
    """One CoNLL-U word line (or a merged contraction)."""

    form: str
    lemma: str
    upos: str
    xpos: str
    feats: str
    head: int
    deprel: str
    space_after: bool


def read_conllu(
    path: Path,
    vocab: Vocab,
    *,
    tags: bool = True,
    xpos: bool = True,
    trees: bool = True,
    features: Mapping[str, frozenset[str]] | None = None,
) -> Iterator[Doc]:
    """One ``Doc`` per sentence of a CoNLL-U file.

    With ``tags=False`` UPOS, STTS tag and morphology are left unset (missing);
    with ``xpos=False`` only the STTS tag is (PUD's XPOS column is Penn-style).
    ``features`` maps a UPOS to the features kept for it, to bring another
    treebank's morphology in line with GSD's (see :func:`feature_inventory`).
    """
    for words in _conllu_sentences(path):
        if features is not None:
            words = [_harmonise(w, features) for w in words]
        doc = Doc(
            vocab,
            words=[w.form for w in words],
            spaces=[w.space_after for w in words],
            lemmas=[w.lemma for w in words],
            pos=[w.upos for w in words] if tags else None,
            tags=[w.xpos for w in words] if tags and xpos else None,
            morphs=[w.feats for w in words] if tags else None,
            heads=[w.head for w in words] if trees else None,
            deps=[w.deprel for w in words] if trees else None,
            sent_starts=[i == 0 for i in range(len(words))],
        )
        yield doc


def feature_inventory(docs: Iterable[Doc]) -> dict[str, frozenset[str]]:
    """The morphological features each UPOS carries in ``docs``."""
    inventory: dict[str, set[str]] = {}
    for doc in docs:
        for token in doc:
            inventory.setdefault(token.pos_, set()).update(token.morph.to_dict())
    return {pos: frozenset(names) for pos, names in inventory.items()}


def _harmonise(word: Word, features: Mapping[str, frozenset[str]]) -> Word:
    values = dict(f.split("=", 1) for f in word.feats.split("|") if "=" in f)
    if "Mood" in values and "VerbForm" not in values:
        values["VerbForm"] = "Fin"
    allowed = features.get(word.upos, frozenset())
    kept = "|".join(f"{k}={v}" for k, v in sorted(values.items()) if k in allowed)
    return Word(
        form=word.form,
        lemma=word.lemma,
        upos=word.upos,
        xpos=word.xpos,
        feats=kept,
        head=word.head,
        deprel=word.deprel,
        space_after=word.space_after,
    )


def _conllu_sentences(path: Path) -> Iterator[list[Word]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise InputError(str(path), f"cannot read the treebank ({err})") from err
    block: list[list[str]] = []
    for line in [*lines, ""]:
        if not line.strip():
            if block:
                yield _merge_contractions(block)
                block = []
            continue
        if line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) != 10:
            raise InputError(str(path), f"not a CoNLL-U line: {line[:60]!r}")
        if "." in columns[0]:
            continue  # empty nodes of enhanced dependencies
        block.append(columns)


def _merge_contractions(block: list[list[str]]) -> list[Word]:
    """Words of one sentence, each multiword token (``zum``) merged into one."""
    ranges: dict[int, tuple[int, list[str]]] = {}
    group: list[list[str]]
    for columns in block:
        if "-" in columns[0]:
            start, end = (int(n) for n in columns[0].split("-"))
            ranges[start] = (end, columns)
    words = [c for c in block if "-" not in c[0]]
    index: dict[int, int] = {}  # word id -> token index
    groups: list[list[list[str]]] = []
    surfaces: list[list[str] | None] = []
    i = 0
    while i < len(words):
        word_id = int(words[i][0])
        if word_id in ranges:
            end, surface = ranges[word_id]
            group = [w for w in words[i:] if int(w[0]) <= end]
            surfaces.append(surface)
        else:
            group = [words[i]]
            surfaces.append(None)
        for w in group:
            index[int(w[0])] = len(groups)
        groups.append(group)
        i += len(group)
    result = []
    for n, (members, mwt) in enumerate(zip(groups, surfaces, strict=True)):
        first = members[0]
        head_id = int(first[6]) if first[6].isdigit() else 0
        head = index.get(head_id, n) if head_id else n
        if head == n and head_id and len(members) > 1:
            # the first word points into its own contraction: use the other head
            others = [int(w[6]) for w in members[1:] if w[6].isdigit()]
            head = next((index[h] for h in others if h and index.get(h, n) != n), n)
        misc = (mwt or first)[9]
        if mwt is None:
            form, lemma, upos, xpos, feats = (
                first[1],
                first[2],
                first[3],
                first[4],
                first[5],
            )
        else:
            form = mwt[1]
            lemma, upos = first[2], first[3]
            xpos = "APPRART" if first[4] == "APPR" else first[4]
            feats = next((w[5] for w in members[1:] if w[5] != "_"), first[5])
        result.append(
            Word(
                form=form,
                lemma=lemma,
                upos=upos,
                xpos=xpos,
                feats="" if feats == "_" else feats,
                head=head,
                deprel="ROOT" if first[7] == "root" else first[7],
                space_after="SpaceAfter=No" not in misc,
            )
        )
    return result


def read_germeval(path: Path, vocab: Vocab) -> Iterator[Doc]:
    """One ``Doc`` per GermEval 2014 sentence, its outer entities as ``doc.ents``."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise InputError(str(path), f"cannot read the NER file ({err})") from err
    words: list[str] = []
    tags: list[str] = []
    for line in [*lines, ""]:
        if line.startswith("#"):
            continue
        if not line.strip():
            if words:
                yield _ner_doc(vocab, words, tags)
                words, tags = [], []
            continue
        columns = line.split("\t")
        if len(columns) < 3:
            raise InputError(str(path), f"not a GermEval line: {line[:60]!r}")
        words.append(columns[1])
        tags.append(columns[2])


def _ner_doc(vocab: Vocab, words: list[str], tags: list[str]) -> Doc:
    iob: list[str] = []
    for tag in tags:
        if tag == "O":
            iob.append("O")
            continue
        prefix, _, label = tag.partition("-")
        mapped = GERMEVAL_LABELS.get(label)  # *deriv, *part -> O
        iob.append(f"{prefix}-{mapped}" if mapped else "O")
    # an I- after O (a dropped *part before) starts a new entity
    for i, tag in enumerate(iob):
        if tag.startswith("I-") and (i == 0 or iob[i - 1][2:] != tag[2:]):
            iob[i] = "B-" + tag[2:]
    return Doc(vocab, words=words, ents=iob)


@dataclass(frozen=True, slots=True)
class NerSplit:
    """GermEval 2014 dev + test, split into training sentences and a held-out part."""

    train: list[Doc]
    held_out: list[Doc]


def germeval_split(data: Path, vocab: Vocab) -> NerSplit:
    """Split GermEval dev + test (7,300 sentences) into training and held-out parts.

    The held-out part is a fixed 15 % of all sentences (1,095), drawn with a fixed
    seed from the dev file only: the round-1 model, trained on test alone, never saw
    them either, so old and new models are measured on the same sentences. The
    rest of dev and all of test are for training.
    """
    dev = list(read_germeval(data / GERMEVAL_DEV, vocab))
    test = list(read_germeval(data / GERMEVAL_TEST, vocab))
    size = round(NER_HELD_OUT_SHARE * (len(dev) + len(test)))
    chosen = set(random.Random(NER_HELD_OUT_SEED).sample(range(len(dev)), size))
    held_out = [doc for i, doc in enumerate(dev) if i in chosen]
    train = [doc for i, doc in enumerate(dev) if i not in chosen] + test
    return NerSplit(train=train, held_out=held_out)


@dataclass(frozen=True, slots=True)
class Article:
    """An article text with its gold sentences as character offsets."""

    name: str
    text: str
    sentences: tuple[tuple[int, int], ...]


def read_news_sentences(folder: Path) -> Iterator[Article]:
    """Articles of the German news quotation corpus (``*.json``) with gold sentences."""
    files = sorted(folder.glob("*.json"))
    if not files:
        raise InputError(str(folder), "no *.json articles in this folder")
    for file in files:
        data = json.loads(file.read_text(encoding="utf-8"))
        text: str = data["originalText"]
        sentences = []
        for sentence in data["sentences"]:
            start, end = int(sentence["charBegin"]), int(sentence["charEnd"])
            while end > start and text[end - 1].isspace():
                end -= 1
            sentences.append((start, end))
        yield Article(name=file.stem, text=text, sentences=tuple(sentences))


def read_spkatt_sentences(folder: Path) -> Iterator[list[list[str]]]:
    """The tokenised sentences of each SpkAtt speech (``*.json``) in ``folder``."""
    files = sorted(folder.glob("*.json"))
    if not files:
        raise InputError(str(folder), "no *.json speeches in this folder")
    for file in files:
        data = json.loads(file.read_text(encoding="utf-8"))
        yield [list(sentence["Tokens"]) for sentence in data["Sentences"]]
