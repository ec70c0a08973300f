"""``load_nlp``: the language layer plus sayso's statement components."""

from __future__ import annotations

import functools

from spacy.language import Language

from sayso.errors import ConfigError
from sayso.langid import SUPPORTED
from sayso.nlp import extensions
from sayso.nlp.language import load_language

DOMAINS = ("news", "parliament")


@functools.cache
def load_nlp(
    lang: str = "de",
    *,
    attribution: bool = True,
    domain: str = "news",
    rules_only: bool = False,
) -> Language:
    """A spaCy pipeline for ``lang`` whose docs carry ``doc._.statements``.

    With ``attribution=False`` only the language layer (tokens, sentences,
    tags, mood, lemmas, names). ``domain`` picks the annotation conventions
    the learned model follows (``news`` or ``parliament``); ``rules_only``
    leaves the learned model out. The pipeline is loaded once per process and
    set of arguments and shared: copy it before adding components of your own.
    """
    if lang not in SUPPORTED:
        raise ConfigError(f"language {lang!r} is not supported; use one of {SUPPORTED}")
    if domain not in DOMAINS:
        raise ConfigError(f"domain {domain!r} is not supported; use one of {DOMAINS}")
    extensions.register()
    nlp = load_language(lang)
    if attribution:
        add_attribution(nlp, lang, domain=domain, rules_only=rules_only)
    return nlp


def add_attribution(
    nlp: Language, lang: str, *, domain: str = "news", rules_only: bool = False
) -> None:
    """Append sayso's statement component to a language pipeline (idempotent)."""
    from sayso.nlp import attribution  # noqa: F401  # registers the factories

    if "sayso_attribution" not in nlp.pipe_names:
        nlp.add_pipe(
            "sayso_attribution",
            config={"lang": lang, "domain": domain, "rules_only": rules_only},
        )
