"""Alembic environment for the sayso archive.

sayso runs migrations itself (``sayso db upgrade``, or ``Store`` on a new
database) and hands over its connection in ``config.attributes``; the plain
``alembic`` command works too, with ``sqlalchemy.url`` set in its config.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import engine_from_config, pool

from sayso.store.schema import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: object) -> None:
    context.configure(
        connection=connection,  # type: ignore[arg-type]  # a Connection, from attributes
        target_metadata=target_metadata,
        render_as_batch=True,
        transaction_per_migration=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    engine = engine_from_config(
        config.get_section(config.config_ini_section) or {},
        prefix="sqlalchemy.",
        poolclass=pool.NullPool,
    )
    with engine.connect() as conn:
        _run(conn)
