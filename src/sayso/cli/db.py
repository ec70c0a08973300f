"""``sayso db init|upgrade|current``: the archive's schema."""

from __future__ import annotations

import typer

from sayso.cli import app
from sayso.cli._archive import DbOption, errors_exit
from sayso.store import Store
from sayso.store.engine import database_url, describe
from sayso.store.migrate import head_revision

db_app = typer.Typer(
    help="Create or migrate the archive's database.", no_args_is_help=True
)
app.add_typer(db_app, name="db")


@db_app.command("init")
def init_cli(db: DbOption = None) -> None:
    """Create the schema in a new database (does nothing when it is there)."""
    with errors_exit():
        store = Store(db)
        typer.echo(f"{describe(store.url)}: schema at revision {store.revision()}")
        store.close()


@db_app.command("upgrade")
def upgrade_cli(db: DbOption = None) -> None:
    """Migrate the database to this version's schema (back it up first)."""
    with errors_exit():
        store = Store(db, migrate=True)
        typer.echo(f"{describe(store.url)}: schema at revision {store.revision()}")
        store.close()


@db_app.command("current")
def current_cli(db: DbOption = None) -> None:
    """Print the database's schema revision and the one this sayso needs."""
    with errors_exit():
        from sayso.store.engine import make_engine
        from sayso.store.migrate import current_revision

        url = database_url(db)
        engine = make_engine(url)
        try:
            from sayso.store.engine import translated

            with translated(url, "read the schema revision"):
                revision = current_revision(engine)
        finally:
            engine.dispose()
        have = revision or "no schema"
        typer.echo(f"{describe(url)}: {have} (this sayso: {head_revision()})")
