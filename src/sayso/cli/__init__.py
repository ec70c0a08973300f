"""The ``sayso`` command line: one module per command, each a thin wrapper.

A command parses its options, calls a plain function of the library and turns
:class:`~sayso.errors.SaysoError` into one line on stderr and an exit code.
Progress bars and colour live here only, on stderr, so stdout stays pipeable.
"""

from __future__ import annotations

import logging

import typer

app = typer.Typer(
    name="sayso",
    help="Who said what, to whom, through which channel, on whose say-so.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
train_app = typer.Typer(
    help="Train the models that ship in the package.", no_args_is_help=True
)
evaluate_app = typer.Typer(help="Score sayso against gold data.", no_args_is_help=True)
app.add_typer(train_app, name="train")
app.add_typer(evaluate_app, name="evaluate")


@app.callback()
def _root(
    verbose: bool = typer.Option(
        False, "--verbose", "-v", help="Log decisions to stderr."
    ),
) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )


#: The archive's commands and groups (``pip install 'sayso[archive]'``).
ARCHIVE_COMMANDS = (
    "actor",
    "actors",
    "article",
    "chain",
    "claims",
    "db",
    "export",
    "failures",
    "ingest",
    "statements",
    "stats",
    "watch",
)


def _needs_extra(name: str, extra: str, reason: str) -> None:
    """Register ``name`` as a command that says which extra to install."""

    @app.command(
        name,
        help=f"(needs the {extra} extra: pip install 'sayso[{extra}]')",
        context_settings={"allow_extra_args": True, "ignore_unknown_options": True},
        add_help_option=False,
    )
    def _missing(ctx: typer.Context) -> None:
        from sayso.cli._console import complain

        complain(
            f"`sayso {name}` needs the {extra} extra ({reason}); install it with "
            f"pip install 'sayso[{extra}]' (or `make install-dev` in a checkout)"
        )
        raise typer.Exit(2)


# Each module registers its commands on the apps above.
try:
    from sayso.cli import archive as _archive  # noqa: F401  (registers the commands)
except ImportError as _err:  # a plain `pip install sayso`: extraction only
    for _name in ARCHIVE_COMMANDS:
        _needs_extra(_name, "archive", str(_err))
from sayso.cli import evaluate_attribution as _evaluate_attribution  # noqa: E402
from sayso.cli import extract as _extract  # noqa: E402
from sayso.cli import language as _language  # noqa: E402
from sayso.cli import language_en as _language_en  # noqa: E402

try:
    from sayso.cli import serve as _serve  # noqa: F401  (registers the command)
except ImportError as _err:
    _needs_extra("serve", "web", str(_err))
from sayso.cli import train_attribution as _train_attribution  # noqa: E402

__all__ = ["app", "evaluate_app", "main", "train_app"]
_COMMANDS = (
    _extract,
    _language,
    _language_en,
    _evaluate_attribution,
    _train_attribution,
)


def main() -> None:
    """Entry point of the ``sayso`` console script.

    An unexpected error ends in one line on stderr (exit code 3); ``-v`` shows
    the traceback.
    """
    import sys

    from sayso.cli._console import complain

    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        complain("interrupted")
        sys.exit(130)
    except Exception as err:  # the last line of defence: never a bare traceback
        if "-v" in sys.argv or "--verbose" in sys.argv:
            raise
        complain(
            f"unexpected error: {type(err).__name__}: {err} (run with -v for details)"
        )
        sys.exit(3)
