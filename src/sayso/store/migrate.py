"""Schema migrations with Alembic, shipped inside the package.

``pip install sayso[archive]`` users migrate with ``sayso db upgrade``; the
migration scripts live in ``sayso/store/migrations`` and need no
``alembic.ini``. Developers add a revision with::

    alembic -x url=sqlite:///dev.db -c /dev/null revision -m "…"  # or by hand
"""

from __future__ import annotations

import logging
from typing import Final

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

log = logging.getLogger(__name__)

SCRIPT_LOCATION: Final = "sayso.store:migrations"


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config for the packaged scripts, bound to ``connection``."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest revision this version of sayso knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships revisions
        raise RuntimeError("no migration scripts found in the package")
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at; None for a database without sayso tables."""
    with engine.connect() as conn:
        revision = MigrationContext.configure(conn).get_current_revision()
        conn.rollback()
    return revision


def has_tables(engine: Engine) -> bool:
    """Whether the database holds any table at all (a foreign database, maybe)."""
    with engine.connect() as conn:
        names = set(inspect(conn).get_table_names()) - {"alembic_version"}
        conn.rollback()
    return bool(names)


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate the database to ``revision`` (newest by default)."""
    with engine.connect() as conn:
        command.upgrade(alembic_config(conn), revision)
        conn.commit()
    log.info("database migrated to %s", revision)
