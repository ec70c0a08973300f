"""``sayso serve``: the web app and its JSON API over the archive."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from sayso.cli import app
from sayso.cli._archive import DbOption, errors_exit, fail
from sayso.cli._console import complain


@app.command("serve")
def serve_cli(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on.")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")
    ] = 8000,
    get: Annotated[
        str | None,
        typer.Option(
            "--get",
            metavar="PATH",
            help="Answer one GET request in-process (e.g. /api/stats), print the "
            "body and exit: 0 for success, 1 for an error status.",
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=64, help="Server processes.")
    ] = 1,
    root_path: Annotated[
        str,
        typer.Option(
            "--root-path", help="Path prefix when served behind a proxy (/sayso)."
        ),
    ] = "",
    cache_size: Annotated[
        int,
        typer.Option(
            "--cache-size",
            min=0,
            help="List answers (searches, listings) kept while the archive is "
            "unchanged; 0 turns the cache off.",
        ),
    ] = 512,
    access_log: Annotated[
        bool,
        typer.Option("--access-log/--no-access-log", help="Log every request."),
    ] = True,
) -> None:
    """Serve the archive in a browser and as JSON (read-only unless $SAYSO_TOKEN)."""
    try:
        from sayso.web.app import create_app
        from sayso.web.settings import CACHE_ENV, TOKEN_ENV, WebSettings
    except ImportError as err:
        fail(
            f"`sayso serve` needs the web extra ({err}); install it with "
            "pip install 'sayso[web]' (or `make install-dev` in a checkout)"
        )

    with errors_exit():
        settings = WebSettings.from_env(db, cache_entries=cache_size)
        web = create_app(settings)
    if get is not None:
        from sayso.web.local import call

        try:
            response = call(web, get)
        finally:
            web.state.sayso.store.close()
        sys.stdout.write(response.text)
        if not response.text.endswith("\n"):
            sys.stdout.write("\n")
        if response.status >= 400:
            raise typer.Exit(1)
        return
    try:
        import uvicorn
    except ImportError:  # pragma: no cover - the web extra brings it
        fail("serving needs uvicorn: pip install 'sayso[web]'")
    store = web.state.sayso.store
    mode = "writes allowed with the token" if settings.writable else "read-only"
    complain(
        f"serving {store.url} on http://{host}:{port}{root_path} ({mode}"
        + ("" if settings.writable else f"; set {TOKEN_ENV} to allow writes")
        + ")"
    )
    if settings.writable and host not in ("127.0.0.1", "localhost", "::1"):
        complain(
            f"writes are allowed on {host}: serve behind HTTPS, or the token "
            "travels in clear text"
        )
    if workers > 1:
        store.close()
        os.environ["SAYSO_DB"] = store.url
        os.environ[CACHE_ENV] = str(cache_size)
        uvicorn.run(
            "sayso.web.app:app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            root_path=root_path,
            access_log=access_log,
            log_level="info",
        )
        return
    uvicorn.run(
        web,
        host=host,
        port=port,
        root_path=root_path,
        access_log=access_log,
        log_level="info",
    )
