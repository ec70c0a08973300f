"""When two articles are the same: canonical URLs and content hashes."""

from __future__ import annotations

import hashlib
import unicodedata
from typing import Final
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

#: Query parameters that track a reader, not name a page; dropped from URLs.
TRACKING: Final = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "msclkid",
        "mc_cid",
        "mc_eid",
        "igshid",
        "ref",
        "ref_src",
        "_ga",
        "cmp",
        "wt_mc",
        "wt_zmc",
        "at_medium",
        "at_campaign",
        "ns_source",
        "ns_campaign",
        "ns_mchannel",
        "xtor",
    }
)
_DEFAULT_PORTS: Final = {"http": 80, "https": 443}


def canonical_url(url: str) -> str:
    """``url`` in one canonical form: scheme and host lower case, no default
    port, no fragment, no tracking parameters (``utm_*``, ``fbclid`` …), the
    remaining query parameters sorted. Not-a-URL text comes back stripped."""
    text = url.strip()
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError:
        return text
    if not parts.scheme or not parts.netloc:
        return text
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if parts.username or parts.password:
        host = f"{parts.username or ''}@{host}"
    if port is not None and port != _DEFAULT_PORTS.get(scheme):
        host = f"{host}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not k.lower().startswith("utm_") and k.lower() not in TRACKING
    )
    return urlunsplit((scheme, host, parts.path or "/", urlencode(query), ""))


def normalised_text(text: str) -> str:
    """The text as compared for sameness: NFC, whitespace runs as one space."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def content_hash(text: str) -> str:
    """SHA-256 (hex) of :func:`normalised_text`."""
    return sha256(normalised_text(text))


def identity_key(url: str | None, text: str) -> str:
    """What makes an article the same article: its canonical URL, else its text."""
    if url and url.strip():
        return sha256("url:" + canonical_url(url))
    return sha256("text:" + normalised_text(text))


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()
