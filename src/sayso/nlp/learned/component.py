"""Applying a trained attribution model to a doc (inside ``sayso_attribution``)."""

from __future__ import annotations

import json
import logging
from dataclasses import fields
from pathlib import Path
from typing import Any

import numpy
from spacy.tokens import Doc
from spacy.vocab import Vocab

from sayso.errors import PipelineError
from sayso.nlp.candidate import Candidate
from sayso.nlp.learned.decode import DecodeSettings, decode
from sayso.nlp.learned.examples import prepare_doc
from sayso.nlp.learned.features import TOKEN_FEATURES
from sayso.nlp.learned.labels import DOMAINS
from sayso.nlp.learned.model import (
    FEATURES_KEY,
    AttributionNet,
    Ensemble,
    Settings,
    Tagger,
    member_files,
)
from sayso.nlp.lexicon import Lexicon, load_lexicon
from sayso.nlp.matrices import PREDICTION, Library, computing_with
from sayso.nlp.rules import find_candidates

log = logging.getLogger(__name__)


def sample_docs(settings: Settings) -> list[Doc]:
    """Two tiny docs that fix the network's input shapes when loading."""
    vocab = Vocab()
    docs = [Doc(vocab, words=["Er", "sagte", "das", "."]), Doc(vocab, words=["Ja"])]
    for doc in docs:
        doc.tensor = numpy.zeros((len(doc), settings.tensor_width), dtype="float32")
        doc.user_data[FEATURES_KEY] = numpy.zeros(
            (len(doc), TOKEN_FEATURES), dtype="float32"
        )
    return docs


class LearnedAttribution:
    """A trained model (an ensemble of networks), its decoding settings and the
    rules it builds on."""

    def __init__(
        self,
        net: Tagger | None,
        decode_settings: DecodeSettings,
        *,
        lang: str,
        domain: str,
    ) -> None:
        if domain not in DOMAINS:
            raise PipelineError(f"domain {domain!r} is not one of {DOMAINS}")
        if net is None and decode_settings.uses_model:
            raise PipelineError(f"the decoding for {domain} needs the network")
        self.net = net
        self.decode_settings = decode_settings
        self.lang = lang
        self.domain = domain
        self.lexicon: Lexicon = load_lexicon(lang)

    @classmethod
    def load(
        cls, path: Path, *, lang: str, domain: str, library: Library = PREDICTION
    ) -> LearnedAttribution:
        """The domain's decoding (``decode.json``, if present) from a model folder,
        and, where that decoding uses the network, ``model.bin`` and the
        ensemble's further members (``model-2.bin`` …), multiplying their
        matrices with ``library``. Where the rules alone measured best for the
        domain (news, for the shipped model) no weights are read."""
        if not _matches_language_layer(path, lang):
            log.warning(
                "the attribution model at %s was trained on another version of the "
                "language layer; using the rules alone. Retrain it with "
                "`sayso train attribution`.",
                path,
            )
            rules = DecodeSettings(prefer="rules", anchor_threshold=2.0)
            return cls(None, rules, lang=lang, domain=domain)
        try:
            settings = read_decode_settings(path, domain)
            net = load_ensemble(path, library) if settings.uses_model else None
        except (OSError, KeyError, ValueError, TypeError) as err:
            raise PipelineError(
                f"the attribution model at {path} cannot be loaded ({err}); "
                "retrain it with `sayso train attribution` or remove the folder"
            ) from err
        return cls(net, settings, lang=lang, domain=domain)

    def find(self, doc: Doc) -> list[Candidate]:
        """The statements of a doc: rules first, then the model over them."""
        return self.find_many([doc])[0]

    def find_many(self, docs: list[Doc]) -> list[list[Candidate]]:
        """Statements of several docs, encoded in one batch."""
        net = self.net
        if net is None or not self.decode_settings.uses_model:
            # for this domain the rules measured best: no need to run the network
            return [find_candidates(doc, self.lang) for doc in docs]
        features = [prepare_doc(doc, self.domain, self.lang) for doc in docs]
        try:
            encoded = net.encode(docs) if docs else []
            return [
                decode(net, doc, feats, self.lexicon, self.decode_settings, vectors)
                for doc, feats, vectors in zip(docs, features, encoded, strict=True)
            ]
        finally:
            for doc in docs:
                doc.user_data.pop(FEATURES_KEY, None)


def load_ensemble(path: Path, library: Library = PREDICTION) -> Ensemble:
    """The networks whose weights are in ``path`` (see :func:`member_files`)."""
    import srsly

    files = member_files(path)
    if not files:
        raise OSError(f"no model.bin in {path}")
    members = []
    for file in files:
        data = file.read_bytes()
        settings = Settings.from_saved(srsly.msgpack_loads(data)["settings"])
        with computing_with(library):
            net = AttributionNet.from_bytes(data, sample_docs(settings))
        if library == PREDICTION and not settings.lstm_depth:
            net.predict_with_numpy()
        members.append(net)
    return Ensemble(members)


def language_fingerprint(lang: str) -> str:
    """A digest of the installed language layer's weights, which the model reads."""
    import hashlib

    from sayso.nlp.language import model_path

    digest = hashlib.sha256()
    folder = model_path(lang)
    for file in sorted(folder.rglob("*")):
        if file.is_file() and file.name not in ("MODEL_CARD.md", "scores.json"):
            digest.update(file.relative_to(folder).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def _matches_language_layer(path: Path, lang: str) -> bool:
    """Whether the model was trained on the language layer installed now."""
    file = path / "training.json"
    if not file.exists():
        return True  # a model without its record: trust the user who points at it
    recorded = json.loads(file.read_text(encoding="utf-8")).get("language_layer")
    return recorded is None or recorded == language_fingerprint(lang)


def read_decode_settings(path: Path, domain: str = "news") -> DecodeSettings:
    """The domain's decoding settings stored beside the weights (defaults where absent).

    ``decode.json`` holds one object per domain (``{"news": {...}, ...}``).
    """
    file = path / "decode.json"
    if not file.exists():
        return DecodeSettings()
    raw: dict[str, Any] = json.loads(file.read_text(encoding="utf-8"))
    if domain in raw and isinstance(raw[domain], dict):
        raw = raw[domain]
    elif any(name in raw for name in DOMAINS):
        # chosen per domain, but not for this one: the model never saw it
        return DecodeSettings(prefer="rules", anchor_threshold=1.01)
    known = {f.name for f in fields(DecodeSettings)}
    values = {k: v for k, v in raw.items() if k in known}
    if "keep_rules" in values:
        values["keep_rules"] = frozenset(values["keep_rules"])
    return DecodeSettings(**values)
