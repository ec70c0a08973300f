"""The language layer: tokens, sentences, tags, mood, lemmas and names.

The trained German pipeline ships inside the package under
``sayso/models/de_core`` (see its ``MODEL_CARD.md``). :func:`load_language`
loads it without any network access. Where it is absent (a development
checkout before ``sayso train language``) a rule-only fallback is used, with a
warning: the news tokenizer, the quote-aware sentence rules and the Konjunktiv
component working from its lexicons.
"""

from __future__ import annotations

import logging
from pathlib import Path

from spacy.language import Language
from spacy.tokenizer import Tokenizer

from sayso.errors import PipelineError
from sayso.nlp.matrices import PREDICTION, Library, computing_with

log = logging.getLogger(__name__)

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"

#: The tokenizer entry of a German pipeline's config.
TOKENIZER = {"@tokenizers": "sayso.news_tokenizer.v1"}


def model_path(lang: str) -> Path:
    """Where the trained language layer for ``lang`` lives in the package."""
    return MODELS_DIR / f"{lang}_core"


def _register_german() -> None:
    # importing registers the tokenizer and the factories with spaCy
    from sayso.nlp.de import konjunktiv, lemmas, names, sentences, tokenizer  # noqa: F401


def _register_english() -> None:
    # importing registers the English sentence component with spaCy
    from sayso.nlp.en import sentences  # noqa: F401


def blank_language(lang: str) -> Language:
    """An untrained pipeline for ``lang``: for German with the news tokenizer."""
    import spacy

    if lang != "de":
        return spacy.blank(lang)
    _register_german()
    return spacy.blank("de", config={"nlp": {"tokenizer": TOKENIZER}})


def fallback_language(lang: str) -> Language:
    """The rule-only layer: tokenizer, sentence rules and (German) Konjunktiv."""
    nlp = blank_language(lang)
    if lang == "de":
        nlp.add_pipe("sayso_sentences")
        nlp.add_pipe("sayso_lemmas")
        nlp.add_pipe("sayso_konjunktiv")
    else:
        nlp.add_pipe("sentencizer")
    return nlp


def load_language(lang: str, *, library: Library = PREDICTION) -> Language:
    """The language layer for ``lang`` (``"de"`` or ``"en"``), loaded from the package.

    ``library`` multiplies its matrices (see :mod:`sayso.nlp.matrices`).

    Raises :class:`~sayso.errors.PipelineError` when a packaged model exists but
    cannot be loaded.
    """
    path = model_path(lang)
    if not (path / "config.cfg").exists():
        log.warning(
            "no trained language layer at %s; using the rule-only fallback (tokenizer, "
            "sentence rules%s; no tags, lemmas or names). Train it with "
            "`sayso train language%s --data ../shared/data`.",
            path,
            ", Konjunktiv lexicon" if lang == "de" else "",
            "-en" if lang == "en" else "",
        )
        return fallback_language(lang)
    return load_pipeline(path, library=library)


def load_pipeline(path: Path, *, library: Library = PREDICTION) -> Language:
    """A trained pipeline from ``path`` (sayso's components registered first),
    computing with ``library`` (see :mod:`sayso.nlp.matrices`)."""
    import spacy

    _register_german()
    _register_english()
    if not (path / "config.cfg").exists():
        raise PipelineError(
            f"{path} holds no spaCy pipeline (no config.cfg); train one with "
            "`sayso train language --data ../shared/data`"
        )
    try:
        with computing_with(library):
            nlp = spacy.load(path)
    except (OSError, ValueError, KeyError) as err:
        raise PipelineError(
            f"the language layer at {path} cannot be loaded ({type(err).__name__}: "
            f"{err}); reinstall sayso or retrain it with `sayso train language "
            "--data ../shared/data`"
        ) from err
    if nlp.lang == "de" and isinstance(nlp.tokenizer, Tokenizer):
        from sayso.nlp.de.tokenizer import add_news_exceptions

        add_news_exceptions(nlp.tokenizer)
    if library == PREDICTION:
        predict_token_vectors_with_numpy(nlp)
    return nlp


def predict_token_vectors_with_numpy(nlp: Language) -> None:
    """The shared token vectors (the ``tok2vec`` component) computed by the
    numpy pass of :class:`~sayso.nlp.learned.forward.Tok2VecForward` in
    prediction: thinc's vectors to float32 rounding, in about two thirds of
    the time (``docs/accuracy.md``, Speed). Training keeps thinc's pass; a
    component of another architecture keeps it too."""
    from spacy.pipeline import Tok2Vec

    from sayso.nlp.learned.forward import Tok2VecForward

    for name, component in nlp.pipeline:
        if not isinstance(component, Tok2Vec):
            continue
        try:
            forward = Tok2VecForward(component.model)
        except ValueError as err:
            log.debug("%s keeps thinc's pass: %s", name, err)
            continue
        # an instance attribute: Tok2Vec.pipe calls self.predict(docs)
        component.predict = forward  # type: ignore[method-assign]
