"""sayso: who said what, to whom, through which channel, on whose say-so.

The public API::

    import sayso
    statements = sayso.extract(text, lang="de", published="2025-08-17")
    for statements in sayso.extract_many(texts): ...
    nlp = sayso.load_nlp("de")          # a spaCy Language; doc._.statements
"""

from __future__ import annotations

import logging

from sayso.errors import (
    ConfigError,
    IngestError,
    InputError,
    PipelineError,
    SaysoError,
    SchemaError,
    StoreError,
)
from sayso.extract import extract, extract_articles, extract_many
from sayso.model import (
    KINDS,
    MODES,
    ROLES,
    Article,
    CharSpan,
    Extraction,
    Failure,
    Producer,
    Statement,
)
from sayso.nlp.pipeline import load_nlp

__version__ = "0.1.0"

__all__ = [
    "KINDS",
    "MODES",
    "ROLES",
    "Article",
    "CharSpan",
    "ConfigError",
    "Extraction",
    "Failure",
    "IngestError",
    "InputError",
    "PipelineError",
    "Producer",
    "SaysoError",
    "SchemaError",
    "Statement",
    "StoreError",
    "__version__",
    "extract",
    "extract_articles",
    "extract_many",
    "load_nlp",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())
