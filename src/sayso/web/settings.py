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
#: Largest request body accepted by default (bytes): a long article with room.
MAX_BODY_BYTES: Final = 5 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class WebSettings:
    """Settings of one web app.

    ``db``: a database URL or SQLite file (None: ``$SAYSO_DB``, else
    ``sqlite:///sayso.db``). ``token``: the write token; without one the
    archive is opened read-only and every writing endpoint answers 403.
    ``max_body_bytes``: larger request bodies get a 413. ``lang``: language
    of pasted articles (``auto``, ``de``, ``en``).
    """

    db: str | None = None
    token: str | None = None
    max_body_bytes: int = MAX_BODY_BYTES
    lang: str = "auto"
    title: str = "sayso"

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
        if self.lang not in ("auto", "de", "en"):
            raise ConfigError(f"lang {self.lang!r}: use auto, de or en")

    @property
    def writable(self) -> bool:
        """Whether the operator allows writes (a token is set)."""
        return self.token is not None

    @classmethod
    def from_env(cls, db: str | None = None) -> WebSettings:
        """Settings from ``$SAYSO_DB`` and ``$SAYSO_TOKEN`` (``db`` wins if given)."""
        token = os.environ.get(TOKEN_ENV) or None
        return cls(db=db or os.environ.get("SAYSO_DB") or None, token=token)
