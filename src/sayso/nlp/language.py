"""The language layer: tokens, sentences, tags, mood, lemmas and names.

The trained pipeline ships inside the package under ``sayso/models/<lang>_core``
(see its model card). :func:`load_language` loads it without any network
access; where it is absent (a development checkout before ``sayso train
language``) a rule-only fallback with tokenizer and sentence splitter is used
and a warning says so.
"""

from __future__ import annotations

import logging
from pathlib import Path

from spacy.language import Language

log = logging.getLogger(__name__)

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"


def model_path(lang: str) -> Path:
    """Where the trained language layer for ``lang`` lives in the package."""
    return MODELS_DIR / f"{lang}_core"


def load_language(lang: str) -> Language:
    """The language layer for ``lang`` (``"de"`` or ``"en"``), loaded from the package."""
    import spacy

    path = model_path(lang)
    if (path / "config.cfg").exists():
        return spacy.load(path)
    log.warning(
        "no trained language layer at %s; using the rule-only fallback (tokenizer and "
        "sentence splitter only, lower accuracy). Train it with `sayso train language`.",
        path,
    )
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    return nlp
