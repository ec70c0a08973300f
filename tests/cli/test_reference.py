"""docs/cli.md is generated from --help; it must match the commands as they are."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_cli_reference_is_current() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "cli_reference.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
