"""Measure the language layer on splits it was not trained on.

- sentences: exact character spans against sayso's own hand-segmented news
  paragraphs (``data/sentences-de.txt``, segmented by the contract: the measure
  that counts) and against the gold sentences of the German news quotation
  corpus (dev split, evaluation only; an automatic splitter's conventions); also
  on the news sentences that contain a quotation mark;
- tags, mood, lemmas: UD German GSD dev, run on the gold tokens;
- Konjunktiv I and II: finite verbs of GSD dev, gold ``Mood=Sub`` with
  ``Tense=Pres`` (I) or ``Tense=Past`` (II);
- names: the GermEval 2014 held-out part (a fixed 15 % of dev + test, drawn from
  dev; :func:`~sayso.training.corpora.germeval_split`), outer entities, exact
  spans, per type.
"""


# German quotation marks and dashes are the subject here

from __future__ import annotations

import logging
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

from sayso.errors import ConfigError
from sayso.nlp import extensions
from sayso.training.corpora import (
    GERMEVAL_DEV,
    GERMEVAL_TEST,
    Article,
    germeval_split,
    read_conllu,
    read_news_sentences,
)

log = logging.getLogger(__name__)

GSD_DEV = Path("ud-german-gsd/de_gsd-ud-dev.conllu")
NEWS_DEV = Path("de-news-quotation/data/dev")
#: sayso's own hand-segmented news paragraphs (see the file's header).
OWN_SENTENCES = Path(__file__).resolve().parent / "data" / "sentences-de.txt"
_MARK = "¦"

_QUOTES = frozenset('„“”"»«‚‘’›‹')


@dataclass(slots=True)
class PRF:
    """Counts of true positives, false positives and false negatives."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return 100 * self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return 100 * self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, gold: set[Any], predicted: set[Any]) -> None:
        self.tp += len(gold & predicted)
        self.fp += len(predicted - gold)
        self.fn += len(gold - predicted)

    def as_dict(self) -> dict[str, float]:
        return {
            "p": round(self.precision, 2),
            "r": round(self.recall, 2),
            "f": round(self.f1, 2),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


@dataclass(slots=True)
class Accuracy:
    """Correct out of total."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return 100 * self.correct / self.total if self.total else 0.0

    def add(self, ok: bool) -> None:
        self.correct += ok
        self.total += 1


@dataclass(slots=True)
class LanguageScores:
    """Every figure ``sayso evaluate language`` prints."""

    sentences_own: PRF = field(default_factory=PRF)
    sentences_news: PRF = field(default_factory=PRF)
    sentences_news_quoted: PRF = field(default_factory=PRF)
    upos: Accuracy = field(default_factory=Accuracy)
    tag: Accuracy = field(default_factory=Accuracy)
    lemma: Accuracy = field(default_factory=Accuracy)
    mood: Accuracy = field(default_factory=Accuracy)
    morph_features: dict[str, Accuracy] = field(default_factory=dict)
    konjunktiv_i: PRF = field(default_factory=PRF)
    konjunktiv_i_third: PRF = field(default_factory=PRF)
    konjunktiv_ii: PRF = field(default_factory=PRF)
    ents: PRF = field(default_factory=PRF)
    ents_per_type: dict[str, PRF] = field(default_factory=dict)
    words_per_second: float = 0.0
    errors: dict[str, list[str]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """Plain numbers, for JSON and the model card."""
        return {
            "sentences_own": self.sentences_own.as_dict(),
            "sentences_news": self.sentences_news.as_dict(),
            "sentences_news_quoted": self.sentences_news_quoted.as_dict(),
            "upos_acc": round(self.upos.value, 2),
            "tag_acc": round(self.tag.value, 2),
            "lemma_acc": round(self.lemma.value, 2),
            "mood_acc_finite": round(self.mood.value, 2),
            "finite_verbs": self.mood.total,
            "morph_feature_acc": {
                k: round(v.value, 2) for k, v in sorted(self.morph_features.items())
            },
            "konjunktiv_i": self.konjunktiv_i.as_dict(),
            "konjunktiv_i_no_ich": self.konjunktiv_i_third.as_dict(),
            "konjunktiv_ii": self.konjunktiv_ii.as_dict(),
            "ents": self.ents.as_dict(),
            "ents_per_type": {
                k: v.as_dict() for k, v in sorted(self.ents_per_type.items())
            },
        }


def evaluate_language(
    nlp: Language, data: Path, *, keep_errors: int = 0
) -> LanguageScores:
    """Score ``nlp`` on the held-out splits under ``data`` (the shared data folder)."""
    extensions.register()
    for part in (GSD_DEV, GERMEVAL_DEV, GERMEVAL_TEST, NEWS_DEV):
        if not (data / part).exists():
            raise ConfigError(
                f"--data {data}: {data / part} is missing; use shared/data"
            )
    scores = LanguageScores()
    scores.errors = {"sentences_own": [], "sentences": [], "konjunktiv": []}
    score_own_sentences(nlp, scores, keep_errors=keep_errors)
    score_sentences(nlp, data / NEWS_DEV, scores, keep_errors=keep_errors)
    started = time.monotonic()
    words = score_tags(nlp, data / GSD_DEV, scores, keep_errors=keep_errors)
    words += score_names(nlp, germeval_split(data, nlp.vocab).held_out, scores)
    scores.words_per_second = words / max(time.monotonic() - started, 1e-9)
    return scores


def _annotate(nlp: Language, docs: Iterable[Doc]) -> Iterator[Doc]:
    """Run every component of ``nlp`` on pre-tokenised docs."""
    stream: Iterable[Doc] = docs
    for _, component in nlp.pipeline:
        pipe = getattr(component, "pipe", None)
        if pipe is not None:
            stream = pipe(stream)
        else:
            stream = (component(doc) for doc in stream)
    yield from stream


def read_own_sentences(path: Path = OWN_SENTENCES) -> list[Article]:
    """The hand-segmented paragraphs: text and gold sentence spans of each."""
    blocks = path.read_text(encoding="utf-8").split("\n%%\n")[1:]
    articles = []
    for number, block in enumerate(blocks, 1):
        text = block.replace(_MARK, "").rstrip("\n")
        sentences = []
        start = 0
        pieces = block.rstrip("\n").split(_MARK)
        for piece in pieces:
            span = _strip(text, start, start + len(piece))
            if span is not None:
                sentences.append(span)
            start += len(piece)
        articles.append(Article(f"own-{number}", text, tuple(sentences)))
    return articles


def score_own_sentences(
    nlp: Language, scores: LanguageScores, *, keep_errors: int = 0
) -> None:
    """Sentence spans of sayso's own paragraphs against their hand-set boundaries."""
    articles = read_own_sentences()
    errors = scores.errors.setdefault("sentences_own", [])
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        predicted = {
            span
            for sent in doc.sents
            if (span := _strip(article.text, sent.start_char, sent.end_char))
        }
        gold = set(article.sentences)
        scores.sentences_own.add(gold, predicted)
        for start, end in sorted(gold ^ predicted):
            if len(errors) < keep_errors:
                kind = "missed" if (start, end) in gold else "wrong"
                errors.append(f"{article.name}: {kind} {article.text[start:end]!r}")


def score_sentences(
    nlp: Language, folder: Path, scores: LanguageScores, *, keep_errors: int = 0
) -> None:
    """Sentence spans of the news articles against the gold sentences."""
    articles = list(read_news_sentences(folder))
    for article, doc in zip(articles, nlp.pipe(a.text for a in articles), strict=True):
        predicted = set()
        for sent in doc.sents:
            span = _strip(article.text, sent.start_char, sent.end_char)
            if span is not None:
                predicted.add(span)
        gold = {s for s in article.sentences if s[1] > s[0]}
        scores.sentences_news.add(gold, predicted)
        quoted = {s for s in gold if _QUOTES & set(article.text[s[0] : s[1]])}
        scores.sentences_news_quoted.add(
            quoted, {s for s in predicted if _QUOTES & set(article.text[s[0] : s[1]])}
        )
        errors = scores.errors.setdefault("sentences", [])
        for start, end in sorted(gold - predicted):
            if len(errors) < keep_errors:
                errors.append(f"{article.name}: missed {article.text[start:end]!r}")


def _strip(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if end > start else None


def score_tags(
    nlp: Language, path: Path, scores: LanguageScores, *, keep_errors: int = 0
) -> int:
    """UPOS, STTS, lemma, mood and Konjunktiv on a treebank; returns the word count."""
    gold_docs = list(read_conllu(path, nlp.vocab))
    blank = [
        Doc(
            nlp.vocab,
            words=[t.text for t in d],
            spaces=[bool(t.whitespace_) for t in d],
        )
        for d in gold_docs
    ]
    words = 0
    for gold, doc in zip(gold_docs, _annotate(nlp, blank), strict=True):
        words += len(doc)
        for g, p in zip(gold, doc, strict=True):
            scores.upos.add(g.pos_ == p.pos_)
            scores.tag.add(g.tag_ == p.tag_)
            scores.lemma.add(g.lemma_ == p.lemma_)
            for feature in ("Mood", "Person", "Number", "Tense", "VerbForm", "Case"):
                gold_value = _feature(g, feature)
                if gold_value:
                    acc = scores.morph_features.setdefault(feature, Accuracy())
                    acc.add(_feature(p, feature) == gold_value)
            if _feature(g, "VerbForm") == "Fin":
                scores.mood.add(_feature(p, "Mood") == _feature(g, "Mood"))
            gold_k = _gold_konjunktiv(g)
            pred_k = p._.konjunktiv
            for label, prf in (
                ("I", scores.konjunktiv_i),
                ("II", scores.konjunktiv_ii),
            ):
                prf.add(
                    {g.i} if gold_k == label else set(),
                    {g.i} if pred_k == label else set(),
                )
            if not _subject_ich(g):
                scores.konjunktiv_i_third.add(
                    {g.i} if gold_k == "I" else set(), {g.i} if pred_k == "I" else set()
                )
            if gold_k != pred_k and len(scores.errors["konjunktiv"]) < keep_errors:
                scores.errors["konjunktiv"].append(
                    f"gold {gold_k} predicted {pred_k}: {g.text!r} in {gold.text!r}"
                )
    return words


def _feature(token: Token, name: str) -> str | None:
    """The value of one morphological feature (``None`` where unset)."""
    value = token.morph.to_dict().get(name)
    return None if value is None else str(value)


def _subject_ich(token: Token) -> bool:
    """Whether the gold tree gives the verb (or the verb it is auxiliary to) *ich*
    as subject: such a form is the same in both moods (*ich kenne*)."""
    verbs = [token, token.head] if token.dep_.startswith(("aux", "cop")) else [token]
    return any(
        child.dep_.startswith("nsubj") and child.lower_ == "ich"
        for verb in verbs
        for child in verb.children
    )


def _gold_konjunktiv(token: Token) -> str | None:
    if _feature(token, "Mood") != "Sub" or _feature(token, "VerbForm") != "Fin":
        return None
    return "I" if _feature(token, "Tense") == "Pres" else "II"


def score_names(nlp: Language, gold_docs: list[Doc], scores: LanguageScores) -> int:
    """Entity spans against GermEval's outer entities; returns the word count."""
    blank = [Doc(nlp.vocab, words=[t.text for t in d]) for d in gold_docs]
    words = 0
    for gold, doc in zip(gold_docs, _annotate(nlp, blank), strict=True):
        words += len(doc)
        gold_spans = {(e.start, e.end, e.label_) for e in gold.ents}
        pred_spans = {(e.start, e.end, e.label_) for e in doc.ents}
        scores.ents.add(gold_spans, pred_spans)
        labels = Counter(label for *_, label in gold_spans | pred_spans)
        for label in labels:
            prf = scores.ents_per_type.setdefault(label, PRF())
            prf.add(
                {s for s in gold_spans if s[2] == label},
                {s for s in pred_spans if s[2] == label},
            )
    return words


def format_scores(scores: LanguageScores) -> str:
    """A plain-text report of the figures against their targets."""
    rows = [
        ("sentence F1, own news paragraphs (contract)", scores.sentences_own.f1, 97.0),
        ("sentence F1, news (de-news-quotation dev)", scores.sentences_news.f1, None),
        ("  sentences with a quotation mark", scores.sentences_news_quoted.f1, None),
        ("UPOS accuracy (GSD dev)", scores.upos.value, 93.0),
        ("STTS tag accuracy", scores.tag.value, None),
        ("lemma accuracy", scores.lemma.value, 96.0),
        (f"Mood accuracy, {scores.mood.total} finite verbs", scores.mood.value, None),
        ("Konjunktiv I recall", scores.konjunktiv_i.recall, 95.0),
        ("Konjunktiv I precision", scores.konjunktiv_i.precision, 90.0),
        (
            "  recall without 'ich' subjects (gold errors)",
            scores.konjunktiv_i_third.recall,
            None,
        ),
        (
            "  precision without 'ich' subjects",
            scores.konjunktiv_i_third.precision,
            None,
        ),
        ("Konjunktiv II recall", scores.konjunktiv_ii.recall, None),
        ("Konjunktiv II precision", scores.konjunktiv_ii.precision, None),
        ("NER F1 (GermEval held-out, outer)", scores.ents.f1, 65.0),
    ]
    for label in ("PER", "ORG", "LOC", "MISC"):
        prf = scores.ents_per_type.get(label, PRF())
        rows.append(
            (
                f"  {label} F1 (P {prf.precision:.1f}, R {prf.recall:.1f})",
                prf.f1,
                80.0 if label == "PER" else None,
            )
        )
    lines = [f"{'measure':<46} {'value':>7}  target"]
    for name, value, target in rows:
        mark = ""
        if target is not None:
            mark = f">= {target:.0f}  {'ok' if value >= target else 'MISSED'}"
        lines.append(f"{name:<46} {value:7.2f}  {mark}")
    k1 = scores.konjunktiv_i
    lines.append(f"(Konjunktiv I: {k1.tp} found, {k1.fn} missed, {k1.fp} wrong)")
    return "\n".join(lines)


def scores_json(scores: LanguageScores) -> dict[str, Any]:
    """The scores and the kept errors as one JSON-able dict."""
    result = scores.as_dict()
    result["errors"] = asdict(scores)["errors"]
    return result
