"""What the operator decides: which archive, whether writes are allowed, limits."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Final

from sayso.errors import ConfigError

#: Environment variable that holds the write token; unset means read-only.
TOKEN_ENV: Final = "SAYSO_TOKEN"
#: Shortest write token accepted (characters).
MIN_TOKEN_CHARS: Final = 16
#: Environment variable: how many list answers the server keeps (0: none).
CACHE_ENV: Final = "SAYSO_WEB_CACHE"
#: Largest request body accepted by default (bytes): a long article with room.
MAX_BODY_BYTES: Final = 5 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class WebSettings:
    """Settings of one web app.

    ``db``: a database URL or SQLite file (None: ``$SAYSO_DB``, else
    ``sqlite:///sayso.db``). ``token``: the write token; without one the
    archive is opened read-only and every writing endpoint answers 403.
    ``max_body_bytes``: larger request bodies get a 413. ``lang``: language
    of pasted articles (``auto``, ``de``, ``en``). ``cache_entries``: how many
    list answers (searches, listings) to keep while the archive is unchanged,
    at most ``cache_seconds``; 0 turns the cache off.
    """

    db: str | None = None
    token: str | None = None
    max_body_bytes: int = MAX_BODY_BYTES
    lang: str = "auto"
    title: str = "sayso"
    cache_entries: int = 512
    cache_seconds: float = 300.0

    def __post_init__(self) -> None:
        if self.token is not None:
            token = self.token.strip()
            if len(token) < MIN_TOKEN_CHARS:
                raise ConfigError(
                    f"{TOKEN_ENV} has {len(token)} characters; use at least "
                    f"{MIN_TOKEN_CHARS}, e.g. the output of "
                    "`python -c 'import secrets; print(secrets.token_urlsafe(32))'`"
                )
            object.__setattr__(self, "token", token)
        if self.max_body_bytes < 1024:
            raise ConfigError(
                f"max_body_bytes {self.max_body_bytes}: give at least 1024"
            )
        if self.cache_entries < 0 or self.cache_seconds < 0:
            raise ConfigError("cache_entries and cache_seconds: give 0 or more")
        if self.lang not in ("auto", "de", "en"):
            raise ConfigError(f"lang {self.lang!r}: use auto, de or en")

    @property
    def writable(self) -> bool:
        """Whether the operator allows writes (a token is set)."""
        return self.token is not None

    @classmethod
    def from_env(
        cls, db: str | None = None, *, cache_entries: int | None = None
    ) -> WebSettings:
        """Settings from ``$SAYSO_DB``, ``$SAYSO_TOKEN`` and ``$SAYSO_WEB_CACHE``
        (arguments win where given)."""
        token = os.environ.get(TOKEN_ENV) or None
        if cache_entries is None:
            raw = os.environ.get(CACHE_ENV, "").strip() or "512"
            try:
                cache_entries = int(raw)
            except ValueError:
                raise ConfigError(
                    f"{CACHE_ENV}={raw[:20]!r}: give a whole number (0: no cache)"
                ) from None
        return cls(
            db=db or os.environ.get("SAYSO_DB") or None,
            token=token,
            cache_entries=cache_entries,
        )
