"""sayso: who said what, to whom, through which channel, on whose say-so.

The public API::

    import sayso
    statements = sayso.extract(text, lang="de", published="2025-08-17")
    for statements in sayso.extract_many(texts): ...
    nlp = sayso.load_nlp("de")          # a spaCy Language; doc._.statements
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

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

if TYPE_CHECKING:
    from sayso.store import Store

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
    "Store",
    "StoreError",
    "__version__",
    "extract",
    "extract_articles",
    "extract_many",
    "load_nlp",
]

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    # The archive needs the `archive` extra (SQLAlchemy, Alembic): imported on use.
    if name == "Store":
        from sayso.store import Store

        return Store
    raise AttributeError(f"module 'sayso' has no attribute {name!r}")
