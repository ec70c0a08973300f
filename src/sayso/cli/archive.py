"""The archive's commands (issue 5): one import registers them all."""

from __future__ import annotations

from sayso.cli import actors as _actors
from sayso.cli import chain as _chain
from sayso.cli import claims as _claims
from sayso.cli import db as _db
from sayso.cli import export as _export
from sayso.cli import failures as _failures
from sayso.cli import ingest as _ingest
from sayso.cli import statements as _statements
from sayso.cli import stats as _stats
from sayso.cli import watch as _watch

COMMANDS = (
    _actors,
    _chain,
    _claims,
    _db,
    _export,
    _failures,
    _ingest,
    _statements,
    _stats,
    _watch,
)
