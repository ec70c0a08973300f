"""A plain `pip install sayso` (no extras) still extracts; archive commands say
which extra they need."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import EXAMPLES

# Run the CLI with the archive's and the web app's libraries made unimportable.
_WITHOUT_EXTRAS = """
import sys
class _Blocked:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("alembic", "sqlalchemy", "fastapi", "uvicorn"):
            raise ImportError(f"No module named {name!r}")
        return None
sys.meta_path.insert(0, _Blocked())
from sayso.cli import main
sys.argv = ["sayso", *sys.argv[1:]]
main()
"""


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _WITHOUT_EXTRAS, *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_extract_works_without_the_archive_extra() -> None:
    done = _run("extract", str(Path(EXAMPLES) / "demo-de.txt"), "--format", "jsonl")
    assert done.returncode == 0, done.stderr
    assert '"statements"' in done.stdout


def test_archive_commands_name_the_extra_they_need() -> None:
    for command in ("ingest", "statements", "serve"):
        done = _run(command, "--db", "sqlite:///nowhere.db")
        assert done.returncode == 2
        assert "pip install 'sayso[" in done.stderr
        assert "Traceback" not in done.stderr


def test_the_list_of_archive_commands_is_complete() -> None:
    from sayso.cli import ARCHIVE_COMMANDS, app

    archive_modules = {
        "sayso.cli.actors",
        "sayso.cli.chain",
        "sayso.cli.claims",
        "sayso.cli.db",
        "sayso.cli.export",
        "sayso.cli.failures",
        "sayso.cli.ingest",
        "sayso.cli.statements",
        "sayso.cli.stats",
        "sayso.cli.watch",
    }
    commands = {
        c.name
        for c in app.registered_commands
        if c.callback is not None and c.callback.__module__ in archive_modules
    }
    groups = {
        g.name for g in app.registered_groups if g.name not in ("train", "evaluate")
    }
    assert commands | groups == set(ARCHIVE_COMMANDS)
