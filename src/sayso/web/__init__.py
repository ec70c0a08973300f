"""The web app: read the archive in a browser, and its JSON API.

``create_app(settings)`` builds the FastAPI app; ``sayso serve`` runs it.
See ``docs/web.md``.
"""

from __future__ import annotations

from sayso.web.app import create_app
from sayso.web.settings import WebSettings

__all__ = ["WebSettings", "create_app"]
