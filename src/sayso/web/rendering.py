"""Templates: one Jinja environment with autoescape on, and page helpers.

Every value reaches the HTML through Jinja's escaping; there is no ``|safe``
in the templates. Links to article URLs go through :func:`safe_href`, so a
``javascript:`` URL stays text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from importlib import resources
from typing import Any, Final
from urllib.parse import urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.requests import Request
from starlette.responses import HTMLResponse

from sayso.model import KINDS, ROLES
from sayso.web.highlight import PRECEDENCE
from sayso.web.security import safe_href

KIND_LABELS: Final = {
    "direct": "direct quote",
    "indirect": "indirect",
    "reported": "reported act",
    "continuation": "continuation",
    "free_indirect": "free indirect",
    "headline": "headline",
}
ROLE_HINTS: Final = {
    "cue": "the words that signal the statement",
    "source": "who makes it, as written",
    "message": "what is said",
    "addressee": "to whom",
    "medium": "through which channel",
    "topic": "what it is about",
    "evidence": "a word tying it to an earlier source",
}


class Renderer:
    """Renders the package's templates for a request."""

    def __init__(self, *, title: str, writable: bool) -> None:
        self.env = Environment(
            loader=PackageLoader("sayso.web", "templates"),
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.filters.update(
            shorten=shorten,
            kind_label=lambda kind: KIND_LABELS.get(kind, kind),
            role_text=role_text,
            speaker=speaker_label,
            safe_href=safe_href,
            number=lambda n: f"{n:,}",
            day=day,
            marked=marked,
        )
        self.env.globals.update(
            site_title=title,
            writable=writable,
            kinds=KINDS,
            roles=PRECEDENCE,
            role_order=ROLES,
            role_hints=ROLE_HINTS,
            kind_labels=KIND_LABELS,
        )
        self._versions = {
            name: _digest(name) for name in ("sayso.css", "sayso.js", "favicon.svg")
        }

    def render(
        self,
        request: Request,
        name: str,
        context: Mapping[str, Any],
        *,
        status: int = 200,
        json_url: str | None = None,
    ) -> HTMLResponse:
        """The template ``name`` with ``context``, as an HTML response."""
        root = request.scope.get("root_path", "").rstrip("/")

        def url(path: str, **params: Any) -> str:
            kept = [(k, str(v)) for k, v in params.items() if v not in (None, "")]
            query = f"?{urlencode(kept)}" if kept else ""
            return f"{root}{path}{query}"

        def static(file: str) -> str:
            version = self._versions.get(file, "")
            return f"{root}/static/{file}" + (f"?v={version}" if version else "")

        html = self.env.get_template(name).render(
            **context,
            request_path=request.url.path,
            url=url,
            static=static,
            json_url=f"{root}{json_url}" if json_url else None,
        )
        return HTMLResponse(html, status_code=status)


def shorten(text: str | None, limit: int = 160) -> str:
    """``text`` on one line, cut at a word with ``…`` past ``limit`` characters."""
    flat = " ".join((text or "").split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:") + "…"


def marked(text: str, query: str | None) -> list[tuple[str, bool]]:
    """``text`` in pieces, the words of a full-text ``query`` flagged (for <mark>).

    Quoted phrases, ``prefix*`` and plain words are found case-insensitively;
    ``-excluded`` words, ``OR``/``AND``/``NOT`` are not marked.
    """
    if not query:
        return [(text, False)]
    terms = []
    for phrase, word in re.findall(r'"([^"]+)"|(\S+)', query):
        term = phrase or word
        if not term or term.startswith("-") or term.upper() in ("OR", "AND", "NOT"):
            continue
        if term.endswith("*"):
            stem = term.rstrip("*").strip('"')
            if stem:
                terms.append(re.escape(stem) + r"\w*")
        else:
            terms.append(re.escape(term.strip('"')))
    if not terms:
        return [(text, False)]
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(terms) + r")(?!\w)", re.IGNORECASE)
    pieces: list[tuple[str, bool]] = []
    at = 0
    for match in pattern.finditer(text):
        if match.start() > at:
            pieces.append((text[at : match.start()], False))
        pieces.append((match.group(0), True))
        at = match.end()
    if at < len(text):
        pieces.append((text[at:], False))
    return pieces


def role_text(statement: Mapping[str, Any], role: str) -> str:
    """The text of a role's spans in a statement's JSON, joined by `` … ``."""
    return " … ".join(span["text"] for span in statement.get(role) or ())


def speaker_label(hit: Mapping[str, Any]) -> str:
    """Who a stored statement's JSON says spoke: actors, else names, else source."""
    names = [s["name"] for s in hit.get("speakers") or ()]
    if names:
        return " + ".join(names)
    statement = hit.get("statement", hit)
    speaker = statement.get("speaker")
    if isinstance(speaker, list):
        return " + ".join(speaker)
    return speaker or role_text(statement, "source") or "unknown"


def day(value: str | None) -> str:
    """An ISO date as ``17 Aug 2025``; empty for none."""
    if not value:
        return ""
    try:
        return dt.date.fromisoformat(value[:10]).strftime("%-d %b %Y")
    except ValueError:
        return value


def _digest(name: str) -> str:
    data = resources.files("sayso.web").joinpath("static", name).read_bytes()
    return hashlib.sha256(data).hexdigest()[:10]
