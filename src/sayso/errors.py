"""The exceptions sayso raises, one small tree.

::

    SaysoError                  anything sayso raises on purpose
    ├── ConfigError             a setting, option or language that cannot be used
    ├── SchemaError             data that does not fit the data model (a span, a kind)
    ├── InputError              an input that cannot be read (missing, binary, encoding)
    ├── IngestError             an article that could not be fetched, parsed or stored
    ├── PipelineError           the language layer or a model failed or is missing
    └── StoreError              the database cannot be opened, migrated or written

Each message says what failed, the offending value, and what to try next.
"""

from __future__ import annotations


class SaysoError(Exception):
    """Base class of every error sayso raises on purpose."""


class ConfigError(SaysoError):
    """A setting, command-line option or language that cannot be used."""


class SchemaError(SaysoError, ValueError):
    """Data that does not fit the data model."""


class InputError(SaysoError):
    """An input that cannot be read: missing, binary, or in an unknown encoding."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"{name}: {problem}")
        self.name = name
        self.problem = problem


class IngestError(SaysoError):
    """An article that could not be fetched, parsed or stored."""


class PipelineError(SaysoError):
    """The language layer or a model failed or is missing."""


class StoreError(SaysoError):
    """The database cannot be opened, migrated or written."""
